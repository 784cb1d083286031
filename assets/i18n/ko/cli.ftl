# The command line's text report (dose-planner quote).

cli-col-month = 월
cli-col-visit = 내원
cli-col-mg-day = mg/일
cli-col-capsules-day = 캡슐/일
cli-col-mg-kg-day = mg/kg/일
cli-no-visit = -

cli-title = { $clinic } — 견적 ({ $currency }, { $tax })
cli-tax-included = 세금 포함
cli-tax-added = 부가세는 매월 추가
cli-patient = { $sex }, { $months }개월, { $every }개월마다 내원
cli-patient-weight = { $sex }, { $kg }kg, { $months }개월, { $every }개월마다 내원

cli-sum-month-1 = 1개월 차:
cli-sum-each-later-month = 2개월 차부터(매월):
cli-sum-later-months = 2개월 차부터:
cli-sum-course-total = 치료 전체 합계:
cli-sum-cumulative = 누적 복용량:
cli-sum-target = 목표 { $target }mg/kg:
cli-sum-first-dose = 복용 시작일:
cli-sum-last-dose = 마지막 복용일:
cli-sum-contraception-until = 피임 유지 기한:
cli-sum-sun-and-laser-until = 일광화상·레이저 금지 기한:
cli-sum-laser-hair-removal-from = 레이저 제모 재개:
cli-sum-vaccination-from = 예방접종 재개:
cli-sum-elective-surgery-from = 예정 수술 재개:
cli-sum-next-course-from = 다음 코스 시작:
cli-cumulative-value = { $days }일간 { $mg }mg
cli-cumulative-value-kg = { $days }일간 { $mg }mg ({ $mgkg }mg/kg)
cli-target-reached = { $day }일째({ $month }개월 차)에 도달
cli-target-reached-date = { $day }일째({ $month }개월 차, { $date })에 도달
cli-warnings = 경고:

cli-pdf-written = PDF를 { $path }에 저장했습니다
cli-note-prices-changed = 이 견적을 저장한 뒤 가격이 바뀌었습니다. 치료 전체 합계는 저장 당시 { $then }, 현재 가격으로는 { $now }입니다(현재 가격으로 계산하려면 --reprice)

# Errors of the command line (after `error: `).
cli-err-months-disagree = --months { $months }이(가) --doses에 준 { $doses }개월분 용량(한 달에 하나)과 맞지 않습니다. --months를 빼십시오
cli-err-no-dose = 용량을 지정하십시오: --daily-mg, --doses, 또는 --weight-kg와 --target-mg-per-kg
cli-err-no-sex = 환자의 성별을 지정하십시오: --sex female 또는 --sex male
cli-err-target-unreachable = 체중 { $kg }kg으로 { $months }개월 안에 { $target }mg/kg에 이르는 캡슐 용량이 없습니다: { $error }
cli-err-same-file = --save와 --pdf가 같은 파일({ $path })을 가리킵니다. 각각 다른 파일 이름을 주십시오
cli-err-sheet-missing = 이 견적을 만든 가격표({ $sheet })를 찾을 수 없거나 읽을 수 없습니다. 현재 가격표를 --pricing FILE로 지정하십시오
cli-err-cannot-reprice = 현재 가격표로는 이 계획의 가격을 계산할 수 없습니다: { $error }
cli-err-output = 결과를 쓸 수 없습니다: { $reason }

# Errors of saved quotes (crates/core/src/saved.rs).
saved-err-not-a-quote = { $file }은(는) 저장된 견적이 아닙니다({ $line }:{ $column }: { $message })
saved-err-newer-version = { $file }은(는) 더 새로운 버전의 앱에서 저장되었습니다(형식 { $found }). 이 버전은 형식 { $reads }까지 읽습니다
saved-err-unknown-version = { $file }의 형식 { $found }은(는) 어떤 버전의 앱도 쓰지 않는 형식입니다. 이 앱에서 저장한 견적이 아닙니다
saved-err-age = { $file }: 저장된 나이({ $got })는 있을 수 없습니다. 나이는 0부터 { $max }까지입니다
saved-err-quote-date = { $file }: 저장된 견적일({ $got })이 { $first }년부터 { $last }년까지의 범위를 벗어납니다. 저장 후 파일이 바뀌었습니다
saved-err-start-date = { $file }: 저장된 시작일({ $got })이 { $first }년부터 { $last }년까지의 범위를 벗어납니다. 저장 후 파일이 바뀌었습니다
saved-err-sheet = { $file }: 저장된 가격이 손상되었습니다: { $error }
saved-err-plan = { $file }: 저장된 치료 계획이 올바르지 않습니다: { $error }
saved-err-patient = { $file }: { $error }
saved-err-total-mismatch = { $file }: 저장된 합계 { $saved }이(가) 가격({ $computed })과 맞지 않습니다. 저장 후 파일이 바뀌었습니다
saved-err-sheet-mismatch = { $sheet }: 이 가격표는 견적을 계산한 가격표가 아닙니다. 저장하기 전에 다시 계산하십시오
cli-packs-bought = 구입하는 상자 수: { $months }
cli-packs-month = { $month }개월째 { $packs }
cli-capsules-left = 마지막 복용 후 남는 캡슐: { $capsules }

# What the quote chose from the sheet, under the patient line.
cli-product = 제품: { $product }
# A line of the summary (a discount on the course, a test done only if needed).
cli-sum-label = { $label }:
cli-err-no-visit-kinds = 이 가격표의 진료 방식은 내원뿐입니다([[visit_kinds]]가 없습니다). "{ $code }"은(는) 선택할 수 없습니다
cli-err-no-products = 이 가격표의 제품은 한 가지입니다([[products]]가 없습니다). 제품 "{ $code }"은(는) 선택할 수 없습니다
cli-err-no-discounts = 이 가격표에는 할인이 없습니다([[discounts]]가 없습니다). "{ $code }"은(는) 선택할 수 없습니다
cli-err-leave-out = { $message }. { $flags }를 빼십시오
cli-sum-so-far = 지금까지 복용량:
cli-sum-rest = 이번 기간:
cli-sum-course = 전체 과정:
cli-target-reached-before = 지금까지의 복용량으로 이미 도달
cli-err-target-already-reached = 지금까지 복용한 { $taken } mg으로 체중 { $kg } kg의 목표 { $target } mg/kg({ $needed } mg)에 이미 도달했습니다. 목표를 위한 추가 복용은 필요하지 않습니다. 그래도 이어지는 달의 비용을 보려면 --daily-mg를 지정하십시오.
cli-tax-added-exempt = 세금은 매월 가산, 비과세: { $items }
cli-opt-cheapest = 제안 계획(최저가)
cli-opt-soonest = 제안 계획(최단)
cli-opt-frontier = 치료 기간별 최저가 계획
cli-opt-col-months = 개월
cli-opt-col-doses = 월별 mg/일
cli-opt-col-total = 합계
cli-opt-col-day = 목표 도달일
saved-err-sheet-too-large = { $file }: 이 견적에 저장된 가격표는 { $kb } KB이며, 가격표는 최대 { $limit } KB까지입니다. 파일을 열지 않았습니다. 클리닉의 가격표로 견적을 다시 저장해 달라고 요청해 주세요.
