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

caution-contraception-women = Use reliable contraception during the course and for { $months ->
    [one] 1 month
   *[other] { $months } months
} after the last dose. A pregnancy test is done before starting and at every visit.
caution-contraception-women-until = Use reliable contraception during the course and until { $date } ({ $months ->
    [one] 1 month
   *[other] { $months } months
} after the last dose). A pregnancy test is done before starting and at every visit.
caution-contraception-men = Your partner should avoid pregnancy during the course and for { $months ->
    [one] 1 month
   *[other] { $months } months
} after the last dose.
caution-contraception-men-until = Your partner should avoid pregnancy during the course and until { $date } ({ $months ->
    [one] 1 month
   *[other] { $months } months
} after the last dose).
caution-tests-at-visits = Blood tests (and pregnancy tests for women) are done at the visits shown in the table.
caution-sun-and-laser = Avoid sunburn and do not have laser or light treatment during the course and for { $months ->
    [one] 1 month
   *[other] { $months } months
} after.
caution-sun-and-laser-until = Avoid sunburn and do not have laser or light treatment until { $date }.
caution-take-after-meal = Take the capsules right after a meal. If you miss a dose, take it after the next meal the same day; never take a double dose the next day.
caution-unapproved-japan = Isotretinoin is not approved in Japan: treatment is self-paid and is not covered by the national relief system for adverse drug reactions.

consequence-contraindicated = Contraindicated
consequence-caution = Caution
consequence-guardian = Guardian required

check-pregnant = Pregnant
check-breastfeeding = Breastfeeding
check-planning-pregnancy = Planning a pregnancy within a year
check-severe-liver-disease = Severe liver disease
check-hypervitaminosis-a = Hypervitaminosis A
check-allergy = Allergy to isotretinoin or its excipients (parabens, soy, peanut)
check-aspirin-asthma = Aspirin-induced asthma
check-psychiatric = Psychiatric illness (depression, schizophrenia)
check-bowel-or-liver-history = History of ulcerative colitis, Crohn's disease or serious liver damage
check-lipids-or-diabetes = Hyperlipidaemia or diabetes
check-lasik = LASIK within 6 months before or after the course
check-laser-hair-removal = Laser hair removal or photo-epilation planned
check-cannot-attend-monthly = Cannot attend monthly visits

interaction-tetracycline = Tetracycline antibiotics with isotretinoin can raise intracranial pressure: do not combine.
interaction-systemic-corticosteroid = Systemic corticosteroids with isotretinoin add to bone loss (inhaled or topical steroids are fine).
interaction-antiepileptic = Antiepileptics with isotretinoin add to loss of bone density.
interaction-vitamin-a = Vitamin A supplements and multivitamins with vitamin A add to isotretinoin's toxicity: stop them.

warn-screen-pregnant = Pregnant: isotretinoin is contraindicated.
warn-screen-breastfeeding = Breastfeeding: isotretinoin is contraindicated.
warn-screen-planning-pregnancy = Planning a pregnancy within a year: isotretinoin is contraindicated.
warn-screen-severe-liver-disease = Severe liver disease: isotretinoin is contraindicated.
warn-screen-hypervitaminosis-a = Hypervitaminosis A: isotretinoin is contraindicated.
warn-screen-allergy = Allergy to isotretinoin or its excipients (parabens, soy, peanut): contraindicated.
warn-screen-aspirin-asthma = Aspirin-induced asthma: isotretinoin is contraindicated.
warn-screen-psychiatric = Psychiatric illness: prescribe with care; the patient must report mood changes at once.
warn-screen-bowel-or-liver-history = History of ulcerative colitis, Crohn's disease or serious liver damage: prescribe with care.
warn-screen-lipids-or-diabetes = Hyperlipidaemia or diabetes: prescribe with care and watch lipids and glucose.
warn-screen-lasik = LASIK within 6 months before or after the course: postpone one or the other.
warn-screen-laser-hair-removal = Laser hair removal: suspend it during the course and for 1 month after.
warn-screen-cannot-attend-monthly = Cannot attend monthly visits: monthly visits and tests are required.
warn-age-under-15 = Age { $age }: under 15, growth plates may close early.
warn-age-under-18-guardian = Age { $age }: under 18, a guardian must attend the first visit.
warn-interaction-tetracycline = Takes { $medicine }: tetracycline antibiotics with isotretinoin can raise intracranial pressure.
warn-interaction-systemic-corticosteroid = Takes { $medicine }: systemic corticosteroids with isotretinoin add to bone loss.
warn-interaction-antiepileptic = Takes { $medicine }: antiepileptics with isotretinoin add to loss of bone density.
warn-interaction-vitamin-a = Takes { $medicine }: vitamin A adds to isotretinoin's toxicity.

caution-laser-hair-removal-from = Laser hair removal may resume from { $date }.
caution-vaccination-from = Avoid vaccines during the course and until { $date } unless necessary.
caution-vaccination = Avoid vaccines during the course and for { $months ->
    [one] 1 month
   *[other] { $months } months
} after unless necessary.
caution-surgery-from = Elective surgery (e.g. hair transplant) from { $date }.
caution-next-course-from = A further course can start on { $date } at the earliest.
caution-alcohol = Limit alcohol during the course (liver).
caution-interaction = { $medicine }: { $text }

protocol-sheet = This clinic's schedule
protocol-monthly = Blood test at every visit
protocol-monthly-two-then-every-two = Monthly for 2 months, then every 2 months
protocol-baseline-then-every-two = Baseline, then every 2 months

# A calendar date in the language's usual long form.
date-long = { $d } { $m ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
} { $y }

err-not-a-dose = "{ $text }" is not a daily dose: write mg per day such as 40, or two alternating amounts such as 10/20
err-zero-dose = A daily dose of 0 mg is not a dose.
err-absurd-dose = { $mg } mg/day is far above any dose in use (at most { $max } mg/day).
err-not-makeable = { $mg } mg cannot be made from whole capsules of { $strengths }: capsules are never split.
err-no-months = The course needs at least 1 month.
err-too-many-months = A course of { $months } months is longer than the planner handles ({ $max } months at most).
err-weight = A body weight of { $kg } kg is not possible: enter the weight in kg, between 10 and 300.
err-target = A cumulative target of { $target } mg/kg is not usable: enter a number between 1 and 400.
err-visit-every = This clinic gives at most { $max } month(s) of medication per visit, so a visit every { $asked } months is not possible.
err-month = Month { $month }: { $error }
err-no-package = Month { $month }: this clinic publishes all-in monthly prices only for { $available } mg/day, not for { $dose } mg/day.
err-name-too-long = The patient's name is { $chars } characters long; at most { $max } fit on the estimate.
err-name-control = The patient's name contains an invisible control character ({ $char }); type the name again.
err-overflow = The amounts are too large to add up exactly; check the prices on the price sheet.
err-start-too-late = A course starting on { $date } runs past the end of the calendar; check the start date.
