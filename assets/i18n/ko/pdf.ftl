# PDF 견적서(src/pdf/) 문자열.

pdf-title = 견적서
pdf-doc-title = 견적서: { $clinic }
pdf-patient-name = { $name } 님
pdf-quote-date = 견적일
pdf-valid-until = 유효 기한
pdf-phone = 전화 { $phone }
pdf-first-month = 1개월 차
pdf-later-month = 2개월 차부터 (매월)
pdf-later-months = 2개월 차부터
pdf-course-total = 치료 전체 합계 ({ $months }개월)
pdf-tax-included = 모든 금액은 세금 포함입니다.
pdf-tax-added = 부가세는 매월 더해지며 표에 표시되어 있습니다.
pdf-plan = 치료 계획
pdf-plan-length = 치료 기간
pdf-plan-length-value = { $months }개월 ({ $days }일), { $every ->
    [1] 매월 내원
   *[other] { $every }개월마다 내원
}
pdf-plan-dates = 복용 기간
pdf-plan-dates-value = { $start } ~ { $end } (마지막 복용일)
pdf-plan-product = 약
pdf-plan-dose = 1일 복용량
pdf-mg-day = 하루 { $mg }mg
pdf-mg-alternate = { $a }mg과 { $b }mg을 하루씩 번갈아
pdf-dose-month = { $month }개월 차: { $dose }
pdf-dose-months = { $from }~{ $to }개월 차: { $dose }
pdf-list-separator = , {" "}
pdf-plan-weight = 체중
pdf-weight-value = { $kg }kg
pdf-plan-cumulative = 누적 복용량
pdf-cumulative-value = { $mg }mg
pdf-cumulative-value-kg = { $mg }mg ({ $mgkg }mg/kg)
pdf-table = 월별 내역
pdf-col-month = 월
pdf-col-dose = mg/일
pdf-col-capsules = 1일 캡슐
pdf-col-mgkg = mg/kg/일
pdf-col-subtotal = 월 합계
pdf-row-total = 치료 전체 합계
pdf-as-needed-line = { $label }: { $test } { $price }
pdf-none = —
pdf-note = 위 치료 계획에 따른 견적입니다. 내원 시 의사가 복용량을 바꾸면 금액도 달라집니다.
pdf-cautions = 중요 안내
pdf-bullet = ●
pdf-footer-clinic = { $clinic } · 전화 { $phone }
pdf-page = { $page } / { $pages } 페이지
pdf-field-patient = 환자 이름
pdf-field-clinic-name = 가격표의 의원 이름
pdf-field-clinic-address = 가격표의 의원 주소
pdf-field-clinic-phone = 가격표의 의원 전화번호
pdf-err-unprintable = { $field }에 PDF 글꼴로 인쇄할 수 없는 문자 "{ $char }"({ $code })가 있습니다. 지우거나 다르게 쓰십시오
pdf-err-unprintable-invisible = { $field }에 PDF 글꼴로 인쇄할 수 없는 보이지 않는 문자({ $code })가 있습니다. 지우십시오
pdf-err-font = 내장 글꼴 { $name }을(를) 읽을 수 없습니다. 앱을 다시 설치하십시오
pdf-err-needs-sex = 먼저 여성 또는 남성을 선택하십시오(견적서는 환자 한 명용입니다)
pdf-err-date = 견적일에 유효 기간을 더하면 달력의 끝을 넘습니다. 견적일을 확인하십시오
# 치료 도중: 남은 개월은 치료 전체의 몇 개월 차인지로 표시합니다.
pdf-month-n = { $month }개월 차
pdf-rest-later-month = { $month }개월 차부터 (매월)
pdf-rest-later-months = { $month }개월 차부터
pdf-rest-total = 남은 치료 합계 ({ $months }개월)
pdf-plan-rest-length = 남은 치료 기간
pdf-row-rest-total = 남은 치료 합계
pdf-progress = 지금까지의 치료와 앞으로
pdf-progress-so-far = 지금까지
pdf-progress-rest-month = 이번 견적 ({ $month }개월 차)
pdf-progress-rest-months = 이번 견적 ({ $from }~{ $to }개월 차)
pdf-progress-course = 치료 전체
pdf-progress-col-dose = 복용량
pdf-progress-col-days = 기간
pdf-progress-col-cost = 비용
pdf-progress-days = { $days }일
pdf-progress-paid = { $amount } (결제 완료)
# 가격표가 요구할 때의 동의란.
pdf-acceptance-text = 본인은 이 견적서를 받았으며 치료 계획과 그 비용에 동의합니다.
pdf-acceptance-name = 성명
pdf-acceptance-signature = 서명
pdf-acceptance-date = 날짜
pdf-tax-added-exempt = 세금은 매월 더해지며 표에 표시되어 있습니다. 비과세 항목: { $items }.
# The 見積書's conventions: quote number, staff member, the tax within the total.
pdf-quote-number = 견적 번호
pdf-staff = 담당: { $name }
pdf-included-tax = 소비세 포함 { $tax }
pdf-field-staff = 담당자 이름
pdf-err-quote-number = 견적 번호 "{ $number }"는 영문자, 숫자, - / _ . # 로 된 1~32자여야 합니다. 대장이 발급한 번호를 확인하십시오
