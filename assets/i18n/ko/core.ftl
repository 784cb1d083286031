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

warn-dose-above-2-mg-per-kg = { $month }개월 차: { $mgkg } mg/kg/일은 최대 용량 2 mg/kg/일을 넘습니다.
warn-month1-above-1-mg-per-kg = 1개월 차: { $mgkg } mg/kg/일. 시작 용량은 1 mg/kg/일 이하(보통 0.5 이하)로 하고 매월 진료 때 올리십시오.
warn-cumulative-below-120 = 누적 용량 { $mgkg } mg/kg은 재발을 줄이는 120–150 mg/kg에 미치지 못합니다.
warn-cumulative-above-220 = 누적 용량 { $mgkg } mg/kg은 220 mg/kg을 넘습니다.
warn-course-over-20-weeks = 치료 기간은 약 { $weeks }주입니다. 한 허가 사항의 최대 권장 기간은 20주입니다.
warn-course-over-8-months = 치료 기간 { $months }개월은 최대 8개월(표준 6개월, 반응이 느리면 8개월까지 연장)을 넘습니다.

caution-contraception-women = 복용 중과 마지막 복용 후 { $months }개월 동안 확실한 피임이 필요합니다. 복용 시작 전과 매 내원 시 임신 검사를 합니다.
caution-contraception-women-until = 복용 중과 { $date }까지(마지막 복용 후 { $months }개월) 확실한 피임이 필요합니다. 복용 시작 전과 매 내원 시 임신 검사를 합니다.
caution-contraception-men = 복용 중과 마지막 복용 후 { $months }개월 동안 배우자의 임신을 피하십시오.
caution-contraception-men-until = 복용 중과 { $date }까지(마지막 복용 후 { $months }개월) 배우자의 임신을 피하십시오.
caution-tests-at-visits = 표에 표시된 내원 때 혈액 검사(여성은 임신 검사도)를 합니다.
caution-sun-and-laser = 복용 중과 복용 종료 후 { $months }개월 동안 햇볕에 타지 않도록 하고 레이저·광치료를 받지 마십시오.
caution-sun-and-laser-until = { $date }까지 햇볕에 타지 않도록 하고 레이저·광치료를 받지 마십시오.
caution-take-after-meal = 식사 직후에 복용하십시오. 잊었을 때는 같은 날 다음 식사 후에 복용하고, 다음 날 두 번 분량을 복용하지 마십시오.
caution-unapproved-japan = 이소트레티노인은 일본에서 미승인 약으로 자비 진료이며, 의약품 부작용 피해 구제 제도의 대상이 아닙니다.
