# 코어(항목명·경고·주의사항·날짜) 문자열. 키는 고정.

item-consultation = 진찰료
item-consultation-first = 초진료
item-consultation-return = 재진료
item-medication = 약값
item-blood_test = 혈액 검사
item-urine_test = 소변 임신 검사
item-package = 월 정액 요금
item-tax = 부가세
item-subtotal = 소계
item-total = 합계

sex-female = 여성
sex-male = 남성
visit-first = 초진
visit-return = 재진
visit-none = 내원 없음

warn-dose-above-2-mg-per-kg = { $day ->
        [heavier] { $month }개월 차: 교대 투여 { $dose }의 많은 날({ $mg } mg)은 { $mgkg } mg/kg/일로 최대 용량 2 mg/kg/일을 넘습니다.
       *[other] { $month }개월 차: { $mgkg } mg/kg/일은 최대 용량 2 mg/kg/일을 넘습니다.
    }
warn-month1-above-1-mg-per-kg = { $day ->
        [heavier] 1개월 차: 교대 투여 { $dose }의 많은 날({ $mg } mg)은 { $mgkg } mg/kg/일입니다. 시작 용량은 1 mg/kg/일 이하(보통 0.5 이하)로 하고 매월 진료 때 올리십시오.
       *[other] 1개월 차: { $mgkg } mg/kg/일. 시작 용량은 1 mg/kg/일 이하(보통 0.5 이하)로 하고 매월 진료 때 올리십시오.
    }
warn-cumulative-below-120 = 누적 용량 { $mgkg } mg/kg은 재발을 줄이는 120–150 mg/kg에 미치지 못합니다.
warn-cumulative-above-220 = 누적 용량 { $mgkg } mg/kg은 220 mg/kg을 넘습니다.
warn-course-over-20-weeks = 치료 기간은 약 { $weeks }주입니다. 한 허가 사항의 최대 권장 기간은 20주입니다.
warn-course-over-8-months = 치료 기간 { $months }개월은 최대 8개월(표준 6개월, 반응이 느리면 8개월까지 연장)을 넘습니다.

caution-contraception-women = 복용 중과 마지막 복용 후 { $months }개월 동안 확실한 피임이 필요합니다.
caution-contraception-women-until = 복용 중과 { $date }까지(마지막 복용 후 { $months }개월) 확실한 피임이 필요합니다.
caution-contraception-men = 복용 중과 마지막 복용 후 { $months }개월 동안 배우자의 임신을 피하십시오.
caution-contraception-men-until = 복용 중과 { $date }까지(마지막 복용 후 { $months }개월) 배우자의 임신을 피하십시오.
caution-tests-at-visits = 표에 표시된 검사는 해당 내원 때 합니다.
caution-pregnancy-test-clinic = 복용 시작 전과 표에 표시된 내원 때 의원에서 임신 검사를 합니다.
caution-pregnancy-test-home = 의원에서는 내원 시 임신 검사를 하지 않습니다. 복용 중에는 매달 집에서 임신 검사를 하고, 양성이면 즉시 의원에 알려 주십시오.
caution-sun-and-laser = 복용 중과 복용 종료 후 { $months }개월 동안 햇볕에 타지 않도록 하고 레이저·광치료를 받지 마십시오.
caution-sun-and-laser-until = { $date }까지 햇볕에 타지 않도록 하고 레이저·광치료를 받지 마십시오.
caution-take-after-meal = 식사 직후에 복용하십시오. 잊었을 때는 같은 날 다음 식사 후에 복용하고, 다음 날 두 번 분량을 복용하지 마십시오.
caution-unapproved-japan = 이소트레티노인은 일본에서 미승인 약으로 자비 진료이며, 의약품 부작용 피해 구제 제도의 대상이 아닙니다.

consequence-contraindicated = 금기
consequence-caution = 주의
consequence-guardian = 보호자 동반 필요

check-pregnant = 임신 중
check-breastfeeding = 수유 중
check-planning-pregnancy = 1년 이내 임신 계획
check-severe-liver-disease = 중증 간 질환
check-hypervitaminosis-a = 비타민 A 과잉증
check-allergy = 이소트레티노인 또는 첨가물(파라벤·대두·땅콩) 알레르기
check-aspirin-asthma = 아스피린 천식
check-psychiatric = 정신 질환(우울증·조현병)
check-bowel-or-liver-history = 궤양성 대장염·크론병·중증 간 손상 병력
check-lipids-or-diabetes = 고지혈증·당뇨병
check-lasik = 치료 전후 6개월 이내 라식
check-laser-hair-removal = 레이저 제모·광 제모 예정
check-cannot-attend-monthly = 매월 내원할 수 없음

interaction-tetracycline = 테트라사이클린계 항생제와 함께 복용하면 두개내압이 오를 수 있습니다. 병용하지 마십시오.
interaction-systemic-corticosteroid = 전신 스테로이드와 함께 복용하면 골 손실이 커질 수 있습니다(흡입·외용 스테로이드는 괜찮습니다).
interaction-antiepileptic = 항경련제와 함께 복용하면 골밀도 저하가 커질 수 있습니다.
interaction-vitamin-a = 비타민 A 보충제와 비타민 A가 든 종합비타민은 독성이 겹치므로 중단하십시오.

warn-screen-pregnant = 임신 중: 이소트레티노인은 금기입니다.
warn-screen-breastfeeding = 수유 중: 이소트레티노인은 금기입니다.
warn-screen-planning-pregnancy = 1년 이내 임신 계획: 이소트레티노인은 금기입니다.
warn-screen-severe-liver-disease = 중증 간 질환: 이소트레티노인은 금기입니다.
warn-screen-hypervitaminosis-a = 비타민 A 과잉증: 이소트레티노인은 금기입니다.
warn-screen-allergy = 이소트레티노인 또는 첨가물(파라벤·대두·땅콩) 알레르기: 금기입니다.
warn-screen-aspirin-asthma = 아스피린 천식: 이소트레티노인은 금기입니다.
warn-screen-psychiatric = 정신 질환: 신중 투여. 기분 변화가 있으면 즉시 알리도록 하십시오.
warn-screen-bowel-or-liver-history = 궤양성 대장염·크론병·중증 간 손상 병력: 신중 투여.
warn-screen-lipids-or-diabetes = 고지혈증·당뇨병: 신중 투여. 지질과 혈당을 확인하십시오.
warn-screen-lasik = 치료 전후 6개월 이내 라식: 둘 중 하나를 미루십시오.
warn-screen-laser-hair-removal = 레이저 제모: 복용 중과 복용 종료 후 1개월은 중단하십시오.
warn-screen-cannot-attend-monthly = 매월 내원할 수 없음: 매월 진료와 검사가 필요합니다.
warn-age-under-15 = { $age }세: 15세 미만은 성장판이 일찍 닫힐 수 있습니다.
warn-age-under-18-guardian = { $age }세: 18세 미만은 초진 때 보호자가 동반해야 합니다.
warn-interaction-tetracycline = { $medicine } 복용 중: 테트라사이클린계 항생제와 병용하면 두개내압이 오를 수 있습니다.
warn-interaction-systemic-corticosteroid = { $medicine } 복용 중: 전신 스테로이드와 병용하면 골 손실이 커질 수 있습니다.
warn-interaction-antiepileptic = { $medicine } 복용 중: 항경련제와 병용하면 골밀도 저하가 커질 수 있습니다.
warn-interaction-vitamin-a = { $medicine } 복용 중: 비타민 A는 독성이 겹칩니다.

caution-laser-hair-removal-from = 레이저 제모는 { $date }부터 다시 할 수 있습니다.
caution-vaccination-from = 복용 중과 { $date }까지는 꼭 필요한 경우가 아니면 예방접종을 피하십시오.
caution-vaccination = 복용 중과 복용 종료 후 { $months }개월 동안은 꼭 필요한 경우가 아니면 예방접종을 피하십시오.
caution-surgery-from = 미용 목적 등 예정 수술(모발 이식 등)은 { $date } 이후에 하십시오.
caution-next-course-from = 다음 치료는 빨라도 { $date }부터 시작할 수 있습니다.
caution-alcohol = 복용 중에는 음주를 줄이십시오(간 부담).
caution-interaction = { $medicine }: { $text }

protocol-sheet = 이 병원의 검사 일정
protocol-monthly = 매 내원 시 혈액 검사
protocol-monthly-two-then-every-two = 처음 2개월은 매월, 이후 2개월마다
protocol-baseline-then-every-two = 시작 전, 이후 2개월마다

# A calendar date in the language's usual long form.
date-long = { $y }년 { $m }월 { $d }일

err-not-a-dose = "{ $text }"은(는) 1일 용량으로 읽을 수 없습니다. 40처럼 하루 mg 수나 10/20처럼 번갈아 먹는 양을 입력하십시오.
err-zero-dose = 1일 용량 0 mg은 용량이 아닙니다.
err-absurd-dose = { $mg } mg/일은 실제 사용하는 용량을 크게 넘습니다(최대 { $max } mg/일).
err-not-makeable = { $mg } mg은 { $strengths } 캡슐의 조합으로 만들 수 없습니다(캡슐은 나누지 않습니다).
err-no-months = 치료 기간은 1개월 이상이어야 합니다.
err-too-many-months = { $months }개월 치료는 다룰 수 있는 기간(최대 { $max }개월)을 넘습니다.
err-weight = 체중 { $kg } kg은 입력할 수 없습니다. 10–300 kg 사이로 입력하십시오.
err-target = 누적 목표 { $target } mg/kg은 사용할 수 없습니다. 1–400 사이의 수를 입력하십시오.
err-visit-every = 이 병원은 한 번에 최대 { $max }개월분까지 처방하므로 { $asked }개월마다 내원할 수 없습니다.
err-month = { $month }개월 차: { $error }
err-no-package = { $month }개월 차: 이 병원의 월 정액 요금은 { $available } mg/일만 있으며 { $dose } mg/일 요금은 없습니다.
err-name-too-long = 환자 이름이 { $chars }자입니다. 견적서에는 최대 { $max }자까지 들어갑니다.
err-name-control = 환자 이름에 보이지 않는 제어 문자({ $char })가 있습니다. 이름을 다시 입력하십시오.
err-overflow = 금액이 너무 커서 정확히 합산할 수 없습니다. 가격표의 가격을 확인하십시오.
err-start-too-late = { $date }에 시작하는 치료는 날짜가 달력의 끝을 넘습니다. 시작일을 확인하십시오.

# 가격표 오류: 위치, 그리고 내용(키는 sheet-와 문제의 코드).
sheet-error-at = { $source }:{ $line }:{ $column }: { $reason }
sheet-error-at-line = { $source }:{ $line }:{ $column }: { $reason } (해당 줄: `{ $snippet }`)
sheet-choices-two = { $first } 또는 { $second }
sheet-choices-many = { $list } 중 하나
sheet-toml = 가격표 형식에 오류가 있습니다. 판독 부품의 영어 원문: "{ $detail }"
sheet-unknown-setting = 설정 `{ $key }`은(는) 여기에서 쓸 수 없습니다. 철자를 확인하십시오(여기에서 쓸 수 있는 설정: { $allowed }).
sheet-missing-setting = 설정 `{ $key }`이(가) 없습니다. 이 섹션에 추가하십시오.
sheet-unknown-choice = `{ $got }`은(는) 선택할 수 없습니다. { $allowed }을(를) 쓰십시오.
sheet-negative-price = 가격은 음수({ $got })일 수 없습니다. 0 이상의 정수로 쓰십시오.
sheet-price-too-large = 가격 { $got }은(는) 병원 요금으로는 너무 큽니다(통화의 최소 단위로 최대 { $max }). 숫자를 확인하십시오.
sheet-fractional-price = 가격은 통화의 최소 단위(엔, 원, 센트)의 정수로 쓰십시오(현재 { $got }). 12.50달러라면 1250으로 씁니다.
sheet-quoted-price = 가격은 따옴표나 쉼표 없이 숫자로만 쓰십시오(현재 "{ $got }").
sheet-tax-rate-range = 세율은 0–100 % 사이로 쓰십시오(현재 { $got }).
sheet-tax-rate-decimals = 세율은 0–100 % 사이, 소수점 이하 세 자리까지 쓰십시오(현재 { $got }).
sheet-control-character = 이 텍스트에 견적서를 깨뜨리는 보이지 않는 제어 문자({ $char })가 있습니다. 삭제하십시오.
sheet-empty-clinic-name = 병원 이름이 비어 있습니다. 견적서에 인쇄할 이름을 쓰십시오.
sheet-minor-units = minor_units는 0–4로 쓰십시오(현재 { $got }).
sheet-unknown-currency = 알 수 없는 통화 "{ $code }"입니다. JPY나 KRW 같은 ISO 코드를 쓰거나 minor_units와 symbol을 쓰십시오.
sheet-currency-code = 통화 코드는 JPY나 KRW처럼 대문자 세 글자입니다(현재 "{ $code }").
sheet-valid-days = valid_days(견적 유효 일수)는 1–{ $max }로 쓰십시오(현재 { $got }).
sheet-after-last-dose-months = { $key } = { $months }개월은 어느 병원의 방침보다도 깁니다. 0–{ $max }개월로 쓰십시오.
sheet-too-many-tests = 가격표에 쓸 수 있는 [[tests]]는 최대 { $max }개입니다(이 가격표에는 { $count }개).
sheet-too-many-packages = 가격표에 쓸 수 있는 [[packages]]는 최대 { $max }개입니다(이 가격표에는 { $count }개).
sheet-too-many-capsules = 가격표에 쓸 수 있는 캡슐 규격은 최대 { $max }종류입니다(이 가격표에는 { $count }종류).
sheet-tax-rate-not-used = tax_rate_percent는 tax_included = false일 때만 씁니다. 삭제하거나 tax_included = false로 바꾸십시오.
sheet-tax-rate-missing = tax_included = false이면 [quote]에 tax_rate_percent(예: 10)가 필요합니다.
sheet-max-months-per-visit = max_months_per_visit는 1 또는 2로 쓰십시오(현재 { $got }).
sheet-capsule-strength = 캡슐 규격은 1–{ $max } mg으로 쓰십시오(현재 { $mg }).
sheet-duplicate-capsule = { $mg } mg 캡슐이 두 번 적혀 있습니다.
sheet-capsule-without-price = 항목별 가격표에서는 { $mg } mg 캡슐에 가격(price = …)이 필요합니다.
sheet-no-capsules = 항목별 가격표에는 mg와 price를 적은 [[capsules]]가 하나 이상 필요합니다.
sheet-packages-on-itemised = [[packages]]는 월 정액 가격표(style = "flat")에서 씁니다. 이 가격표는 항목별입니다.
sheet-no-consultation = 항목별 가격표에는 first_visit와 return_visit를 적은 [consultation] 섹션이 필요합니다.
sheet-test-code = 검사 코드는 영문 소문자, 숫자, _로 씁니다(예: blood_test). 현재 "{ $code }"입니다.
sheet-duplicate-test = 검사 "{ $code }"이(가) 두 번 적혀 있습니다.
sheet-test-months = 개월 수는 1–{ $max }로 쓰십시오(현재 { $got }).
sheet-test-without-name = 검사 "{ $code }"에는 이름이 필요합니다. 예: name = {"{"} ja = "…", en = "…" {"}"}
sheet-consultation-on-flat = 월 정액 가격표에는 [consultation]을 쓸 수 없습니다. 진찰료는 패키지 요금에 포함됩니다.
sheet-tests-on-flat = 월 정액 가격표에는 [[tests]]를 쓸 수 없습니다. 검사료는 패키지 요금에 포함됩니다.
sheet-package-dose = daily_mg는 1 이상으로 쓰십시오.
sheet-duplicate-package = { $mg } mg/일 패키지가 두 번 적혀 있습니다.
sheet-no-packages = 월 정액 가격표에는 daily_mg와 price_per_month를 적은 [[packages]]가 하나 이상 필요합니다.
sheet-prescription-days-range = max_prescription_days는 1–{ $max }일로 쓰십시오(현재 { $got }).
sheet-prescription-shorter-than-visit = max_prescription_days = { $got }는 한 번 내원에 처방할 수 있는 { $days }일분(max_months_per_visit = { $months })보다 짧습니다. max_months_per_visit를 줄이거나 max_prescription_days를 늘리십시오.
sheet-tax-exempt-not-used = tax_exempt는 tax_included = false일 때만 씁니다. 삭제하거나 tax_included = false로 바꾸십시오.
sheet-tax-exempt-code = "{ $code }"은(는) 이 가격표의 항목이 아닙니다. tax_exempt에는 { $allowed }을(를) 쓸 수 있습니다.
sheet-duplicate-tax-exempt = tax_exempt에 "{ $code }"이(가) 두 번 적혀 있습니다.
sheet-pregnancy-test-not-listed = where = "clinic"이면 병원의 임신 검사를 [[tests]]에 who = "women"으로 적으십시오. 환자가 집에서 직접 검사하면 where = "home"으로 쓰십시오.
sheet-pregnancy-test-listed-for-home = 검사 "{ $code }"은(는) 병원에서 하는 여성 검사인데 [pregnancy_test]는 where = "home"입니다. 검사를 삭제하거나 where = "clinic"으로 쓰십시오.
err-prescription-days = 이 병원은 한 번에 최대 { $max }일분까지 처방하므로 { $months }개월마다 내원({ $days }일분 처방)할 수 없습니다. 매달 내원을 선택하십시오.
sheet-too-many-fees = 가격표에 쓸 수 있는 [[fees]]는 최대 { $max }개입니다(이 가격표에는 { $count }개).
sheet-fee-code = 요금 코드는 영문 소문자, 숫자, _로 씁니다(예: registration). 현재 "{ $code }"입니다.
sheet-fee-code-taken = 요금 코드 "{ $code }"은(는) 견적이나 이 가격표의 검사가 이미 쓰고 있습니다. { $reserved }와(과) 검사 코드는 쓸 수 없습니다. 다른 코드(예: registration)를 쓰십시오.
sheet-duplicate-fee = 요금 "{ $code }"이(가) 두 번 적혀 있습니다.
sheet-fee-without-name = 요금 "{ $code }"에는 이름이 필요합니다. 예: name = {"{"} ja = "…", en = "…" {"}"}
sheet-pack-incomplete = 상자로 파는 { $mg } mg 캡슐에는 pack_size와 pack_price가 모두 필요합니다.
sheet-pack-and-price = { $mg } mg 캡슐에 캡슐당 가격과 상자가 모두 있습니다. price = … 또는 pack_size와 pack_price 중 하나만 쓰십시오.
sheet-pack-on-flat = 정액 가격표는 캡슐 가격을 매기지 않으므로 { $mg } mg 캡슐에 상자를 쓸 수 없습니다.
sheet-pack-size = 한 상자의 캡슐 수는 1–{ $max }개로 쓰십시오(현재 { $got }).
money-range = { $low } ~ { $high }
item-shipping = 배송비
item-consultation-telephone = 전화 재진료
item-consultation-online = 온라인 재진료
item-course-discounts = 전체 과정 할인
item-as-needed = 필요 시에만 (합계에 포함되지 않음)
choice-visit-kind = 진료 방식
choice-product = 제품
choice-discount = 할인
err-unknown-choice = 이 가격표에는 { $what } "{ $code }"이(가) 없습니다. 선택할 수 있는 것: { $available }
err-first-visit-remote = 1개월 차는 초진이므로 내원해야 합니다. 전화·온라인 진료는 재진에만 쓸 수 있습니다.
err-visit-kinds = { $months }개월 과정에 진료 방식이 { $given }개 주어졌습니다. 한 달에 하나까지만 주십시오.
err-discount-month = 할인 "{ $code }"은(는) { $month }개월 차 할인이지만 과정은 { $months }개월입니다.
err-discount-twice = 할인 "{ $code }"이(가) 두 번 선택되었습니다. 할인은 한 번만 적용됩니다.
sheet-too-many-entries = { $section }은(는) 최대 { $max }개입니다(이 가격표: { $count }개).
sheet-entry-code = { $section }의 코드는 영문 소문자, 숫자, _로 씁니다(예: telephone, monitor). 현재 "{ $code }"입니다.
sheet-code-taken = { $section }의 코드 "{ $code }"은(는) 견적이나 이 가격표의 검사·요금·진료 방식이 이미 쓰고 있습니다. { $reserved }은(는) 쓸 수 없습니다. 다른 코드를 쓰십시오.
sheet-duplicate-entry = "{ $code }"이(가) { $section }에 두 번 있습니다.
sheet-entry-without-name = { $section }의 "{ $code }"에는 이름이 필요합니다(예: name = {"{"} ja = "…", en = "…" {"}"}).
sheet-visit-kind-test = 진료 방식의 tests에는 이 가격표 [[tests]]의 코드를 한 번씩 씁니다. "{ $code }"은(는) 없습니다. 검사: { $allowed }
sheet-test-schedule-conflict = 검사 "{ $code }"에 일정이 두 개 있습니다. as_needed, at_months, after_weeks(every_months와 함께), monthly_first_months(every_months와 함께) 중 하나만 쓰십시오.
sheet-test-month-list = at_months에는 1–{ $max }개월 차를 하나 이상 씁니다(현재 { $got }).
sheet-test-weeks = after_weeks는 0–{ $max }주로 쓰십시오(현재 { $got }).
sheet-products-and-capsules = [[products]]가 있는 가격표에서는 제품마다 capsules나 packages를 씁니다. 최상위 [[capsules]]와 [[packages]]를 제품 안으로 옮기십시오.
sheet-product-without-prices = 제품 "{ $code }"에 가격이 없습니다. 항목별 가격표에는 capsules = [...], 정액 가격표에는 packages = [...]를 쓰십시오.
sheet-discount-amount = 할인 "{ $code }"에는 percent = … 또는 amount = … 중 하나만 쓰십시오.
sheet-discount-percent = 할인율은 0보다 크고 100 이하, 소수점 이하 세 자리까지로 쓰십시오(현재 { $got }).
sheet-discount-month = 할인의 month는 1–{ $max }로 쓰십시오(현재 { $got }).
sheet-discount-month-not-used = month는 on = "month"일 때만 씁니다. 지우거나 on = "month"로 쓰십시오.
warn-second-course-too-soon = 두 번째 과정은 이전 과정의 마지막 복용일({ $last })로부터 { $months }개월 이상 지난 뒤 시작하십시오: { $date }부터.
visit-kind-in-person = 내원
visit-kind-telephone = 전화 진료
visit-kind-online = 온라인 진료
visit-kind-group = { $kind }({ $months })
visit-months-one = { $from }개월 차
visit-months-range = { $from }~{ $to }개월 차
visit-kinds-line = 진료 방식: { $visits }
visit-kinds-separator = { ", " }
list-separator = { ", " }
warn-test-at-no-visit = { $test }({ $price })은(는) 이 코스에서 필요하지만 이 계획에는 그 검사를 하는 방문이 없습니다. 합계에 포함하지 않았습니다. 검사를 하는 방문을 계획하거나 어디서 받는지 환자에게 알려 주십시오.
item-at-no-visit = 이 계획의 어느 방문에도 들어가지 않는 검사(합계에 포함하지 않음)
err-so-far-days-unknown = 지금까지의 복용량 { $mg } mg에는 지금까지의 치료 일수가 필요합니다. 일수가 없으면 치료 기간과 경고가 올바르지 않습니다. 지금까지의 일수도 입력하십시오.
err-so-far-average = { $days }일 동안 { $mg } mg은(는) 하루 평균 { $average } mg으로, 하루 최대 { $max } mg을(를) 넘습니다. 지금까지의 복용량과 일수를 확인하십시오.
err-first-visit-under-way = 치료 중인 코스는 재진으로 이어집니다. 초진은 새 코스의 시작입니다.
opt-run = { $dose } mg { $months }개월
opt-then = {", 그다음 "}
opt-reaches = { $plan }: { $day }일째에 { $target } mg/kg 도달
opt-less-than = { $other }보다 { $amount } 저렴
opt-same-as = { $other }와(과) 같은 금액
opt-sooner-than = 가장 저렴한 계획보다 { $days }일 빠르고 { $amount } 더 듦
opt-sentence = { $reaches }, { $versus }.
err-optimise-limits = 최적화 조건을 쓸 수 없습니다: 기간은 최대 24개월({ $months }개월 요청), 최고 용량은 0보다 크고 2.0 mg/kg/일 이하, 1개월 차 용량은 0보다 커야 합니다.
err-optimise-no-dose = 이 클리닉이 내는 용량 중 하루 { $max } mg 이내(1개월 차 상한 { $start } mg)인 것이 없습니다.
err-optimise-unreachable = 이 조건에서는 최대 { $months }개월 안에 { $target } mg/kg에 도달하는 계획이 없습니다. 기간을 늘리거나 용량 상한을 올리십시오.
err-in-hand = 남은 캡슐은 상자로 파는 규격({ $packs })에만 셉니다. { $mg } mg은(는) 셀 수 없습니다.
sheet-min-months = { $got }개월 이상 치료 기간용 가격은 쓸 수 없습니다(1은 모든 치료 기간에 해당). 2~{ $max }로 쓰십시오.
err-min-months = { $what }의 가격은 { $needed }개월 이상 치료 기간에만 적용되고, 이 치료 기간은 { $months }개월입니다. 이 가격표에는 다른 가격이 없습니다.
