# Strings of the core: item names, warnings, cautions, dates. Keys are stable.

item-consultation = Consultation
item-consultation-first = First-visit consultation
item-consultation-return = Return-visit consultation
item-medication = Medication
item-blood_test = Blood test
item-urine_test = Urine pregnancy test
item-package = All-in monthly fee
item-tax = Tax
item-subtotal = Subtotal
item-total = Total

sex-female = Female
sex-male = Male
visit-first = First visit
visit-return = Return visit
visit-none = No visit

warn-dose-above-2-mg-per-kg = Month { $month }: { $mgkg } mg/kg/day is above the maximum of 2 mg/kg/day.
warn-month1-above-1-mg-per-kg = Month 1: { $mgkg } mg/kg/day. Start low, at most 1 mg/kg/day (usually 0.5 or less), and raise at monthly visits.
warn-cumulative-below-120 = Cumulative dose { $mgkg } mg/kg is below the 120–150 mg/kg that lowers relapse.
warn-cumulative-above-220 = Cumulative dose { $mgkg } mg/kg is above 220 mg/kg.
warn-course-over-20-weeks = The course lasts about { $weeks } weeks; one label's maximum recommended course is 20 weeks.
warn-course-over-8-months = The course lasts { $months } months, longer than the 8-month maximum (standard 6, extended to 8 when response is slow).

caution-contraception-women = Use reliable contraception during the course and for { $months } month(s) after the last dose. A pregnancy test is done before starting and at every visit.
caution-contraception-women-until = Use reliable contraception during the course and until { $date } ({ $months } month(s) after the last dose). A pregnancy test is done before starting and at every visit.
caution-contraception-men = Your partner should avoid pregnancy during the course and for { $months } month(s) after the last dose.
caution-contraception-men-until = Your partner should avoid pregnancy during the course and until { $date } ({ $months } month(s) after the last dose).
caution-tests-at-visits = Blood tests (and pregnancy tests for women) are done at the visits shown in the table.
caution-sun-and-laser = Avoid sunburn and do not have laser or light treatment during the course and for { $months } month(s) after.
caution-sun-and-laser-until = Avoid sunburn and do not have laser or light treatment until { $date }.
caution-take-after-meal = Take the capsules right after a meal. If you miss a dose, take it after the next meal the same day; never take a double dose the next day.
caution-unapproved-japan = Isotretinoin is not approved in Japan: treatment is self-paid and is not covered by the national relief system for adverse drug reactions.
