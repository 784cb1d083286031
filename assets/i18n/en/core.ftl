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

warn-dose-above-2-mg-per-kg = { $day ->
        [heavier] Month { $month }: { $mgkg } mg/kg/day on the heavier days of { $dose } ({ $mg } mg) is above the maximum of 2 mg/kg/day.
       *[other] Month { $month }: { $mgkg } mg/kg/day is above the maximum of 2 mg/kg/day.
    }
warn-month1-above-1-mg-per-kg = { $day ->
        [heavier] Month 1: { $mgkg } mg/kg/day on the heavier days of { $dose } ({ $mg } mg). Start low, at most 1 mg/kg/day (usually 0.5 or less), and raise at monthly visits.
       *[other] Month 1: { $mgkg } mg/kg/day. Start low, at most 1 mg/kg/day (usually 0.5 or less), and raise at monthly visits.
    }
warn-cumulative-below-120 = Cumulative dose { $mgkg } mg/kg is below the 120–150 mg/kg that lowers relapse.
warn-cumulative-above-220 = Cumulative dose { $mgkg } mg/kg is above 220 mg/kg.
warn-course-over-20-weeks = The course lasts about { $weeks } weeks; one label's maximum recommended course is 20 weeks.
warn-course-over-8-months = The course lasts { $months } months, longer than the 8-month maximum (standard 6, extended to 8 when response is slow).

caution-contraception-women = Use reliable contraception during the course and for { $months ->
    [one] 1 month
   *[other] { $months } months
} after the last dose.
caution-contraception-women-until = Use reliable contraception during the course and until { $date } ({ $months ->
    [one] 1 month
   *[other] { $months } months
} after the last dose).
caution-contraception-men = Your partner should avoid pregnancy during the course and for { $months ->
    [one] 1 month
   *[other] { $months } months
} after the last dose.
caution-contraception-men-until = Your partner should avoid pregnancy during the course and until { $date } ({ $months ->
    [one] 1 month
   *[other] { $months } months
} after the last dose).
caution-tests-at-visits = The tests shown in the table are done at those visits.
caution-pregnancy-test-clinic = A pregnancy test is done at the clinic before you start and at the visits shown in the table.
caution-pregnancy-test-home = The clinic does not test for pregnancy at visits: test yourself at home every month during the course, and tell the clinic at once if a test is positive.
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
err-visit-every = This clinic gives at most { $max ->
        [one] 1 month
       *[other] { $max } months
    } of medication per visit, so a visit every { $asked ->
        [one] month
       *[other] { $asked } months
    } is not possible.
err-month = Month { $month }: { $error }
err-no-package = Month { $month }: this clinic publishes all-in monthly prices only for { $available } mg/day, not for { $dose } mg/day.
err-name-too-long = The patient's name is { $chars } characters long; at most { $max } fit on the estimate.
err-name-control = The patient's name contains an invisible control character ({ $char }); type the name again.
err-overflow = The amounts are too large to add up exactly; check the prices on the price sheet.
err-start-too-late = A course starting on { $date } runs past the end of the calendar; check the start date.

# Price sheet errors: where, then what (the key is sheet- and the problem's code).
sheet-error-at = { $source }:{ $line }:{ $column }: { $reason }
sheet-error-at-line = { $source }:{ $line }:{ $column }: { $reason } (in `{ $snippet }`)
sheet-choices-two = { $first } or { $second }
sheet-choices-many = one of { $list }
sheet-toml = { $detail }
sheet-unknown-setting = unknown setting `{ $key }`; the settings allowed here are { $allowed }: check its spelling
sheet-missing-setting = missing setting `{ $key }`: add it to this section
sheet-unknown-choice = unknown choice `{ $got }`, expected { $allowed }
sheet-negative-price = a price cannot be negative, got { $got }: write a whole number of 0 or more
sheet-price-too-large = a price of { $got } is larger than any clinic charges (at most { $max } in the currency's smallest unit); check the number
sheet-fractional-price = a price must be a whole number in the currency's smallest unit (yen, won, cents), got { $got }: write 1250 for $12.50
sheet-quoted-price = a price must be a number without quotes or commas, got "{ $got }"
sheet-tax-rate-range = a tax rate must be between 0 and 100 percent, got { $got }
sheet-tax-rate-decimals = a tax rate must be between 0 and 100 percent with at most three decimals (such as 8.875), got { $got }
sheet-control-character = this text holds an invisible control character ({ $char }) that would garble the estimate; remove it
sheet-empty-clinic-name = the clinic's name is empty: write the name printed on estimates
sheet-minor-units = minor_units must be 0 to 4, got { $got }
sheet-unknown-currency = unknown currency "{ $code }": use an ISO code such as JPY or KRW, or give its minor_units and symbol
sheet-currency-code = a currency code is three capital letters such as JPY or KRW, got "{ $code }"
sheet-valid-days = valid_days must be 1 to { $max } (days a quote stays valid), got { $got }
sheet-after-last-dose-months = { $key } = { $months } months is longer than any clinic's policy: write 0 to { $max } months
sheet-too-many-tests = a sheet lists at most { $max } [[tests]]; this one has { $count }
sheet-too-many-packages = a sheet lists at most { $max } [[packages]]; this one has { $count }
sheet-too-many-capsules = a sheet lists at most { $max } capsule strengths; this one has { $count }
sheet-tax-rate-not-used = tax_rate_percent is only used when tax_included = false; remove it or set tax_included = false
sheet-tax-rate-missing = tax_included = false needs tax_rate_percent (e.g. 10) in [quote]
sheet-max-months-per-visit = max_months_per_visit must be 1 or 2, got { $got }
sheet-capsule-strength = a capsule strength must be 1 to { $max } mg, got { $mg }
sheet-duplicate-capsule = the { $mg } mg capsule is listed twice
sheet-capsule-without-price = the { $mg } mg capsule needs a price (price = …) on an itemised sheet
sheet-no-capsules = an itemised sheet needs at least one [[capsules]] entry with mg and price
sheet-packages-on-itemised = [[packages]] belong to a flat sheet (style = "flat"); this sheet is itemised
sheet-no-consultation = an itemised sheet needs a [consultation] section with first_visit and return_visit
sheet-test-code = a test code is lowercase letters, digits and _ (like blood_test), got "{ $code }"
sheet-duplicate-test = the test "{ $code }" is listed twice
sheet-test-months = months must be 1 to { $max }, got { $got }
sheet-test-without-name = the test "{ $code }" needs a name, e.g. name = {"{"} ja = "…", en = "…" {"}"}
sheet-consultation-on-flat = a flat sheet has no [consultation]: its package prices include everything
sheet-tests-on-flat = a flat sheet has no [[tests]]: its package prices include everything
sheet-package-dose = daily_mg must be 1 or more
sheet-duplicate-package = the { $mg } mg/day package is listed twice
sheet-no-packages = a flat sheet needs at least one [[packages]] entry with daily_mg and price_per_month
sheet-prescription-days-range = max_prescription_days must be 1 to { $max } days, got { $got }
sheet-prescription-shorter-than-visit = max_prescription_days = { $got } is shorter than the { $days } days of medication a visit may give (max_months_per_visit = { $months }): lower max_months_per_visit or raise max_prescription_days
sheet-tax-exempt-not-used = tax_exempt is only used when tax_included = false; remove it or set tax_included = false
sheet-tax-exempt-code = "{ $code }" is not an item of this sheet; tax_exempt lists { $allowed }
sheet-duplicate-tax-exempt = "{ $code }" is listed twice in tax_exempt
sheet-pregnancy-test-not-listed = where = "clinic" needs the clinic's pregnancy test in [[tests]] with who = "women"; write where = "home" if the patient tests herself at home
sheet-pregnancy-test-listed-for-home = the test "{ $code }" is for women at the clinic, but [pregnancy_test] says where = "home": remove the test or write where = "clinic"
err-prescription-days = This clinic prescribes at most { $max } days of medication at a time, so a visit every { $months } months ({ $days } days of medication) is not possible: choose a visit every month.
sheet-too-many-fees = a sheet lists at most { $max } [[fees]]; this one has { $count }
sheet-fee-code = a fee code is lowercase letters, digits and _ (like registration), got "{ $code }"
sheet-fee-code-taken = the fee code "{ $code }" is already used by the estimate or by a test of this sheet: a fee's code may not be any of { $reserved } or a test's code; choose another, like registration
sheet-duplicate-fee = the fee "{ $code }" is listed twice
sheet-fee-without-name = the fee "{ $code }" needs a name, e.g. name = {"{"} ja = "…", en = "…" {"}"}
sheet-pack-incomplete = the { $mg } mg capsule sold in packs needs both pack_size and pack_price
sheet-pack-and-price = the { $mg } mg capsule has a price per capsule and a pack: write either price = … or pack_size and pack_price, not both
sheet-pack-on-flat = a flat sheet does not price capsules, so the { $mg } mg capsule cannot have a pack
sheet-pack-size = a pack holds 1 to { $max } capsules, got { $got }
money-range = { $low } – { $high }
item-shipping = Shipping
item-consultation-telephone = Telephone consultation
item-consultation-online = Online consultation
item-course-discounts = Discounts on the course
item-as-needed = If needed (not in the total)
choice-visit-kind = visit kind
choice-product = product
choice-discount = discount
err-unknown-choice = This price sheet has no { $what } "{ $code }"; it offers: { $available }.
err-first-visit-remote = Month 1 is a first visit, which is in person: a telephone or online visit can only be a return visit.
err-visit-kinds = { $given } visit kinds are given for a course of { $months } months: give one per month at most.
err-discount-month = The discount "{ $code }" is for month { $month }, but the course has { $months } months.
err-discount-twice = The discount "{ $code }" is chosen twice: a discount applies once.
sheet-too-many-entries = a sheet lists at most { $max } { $section }; this one has { $count }
sheet-entry-code = a code in { $section } is lowercase letters, digits and _ (like telephone or monitor), got "{ $code }"
sheet-code-taken = the code "{ $code }" in { $section } is already used by the estimate or by a test, fee or visit kind of this sheet: it may not be any of { $reserved }; choose another
sheet-duplicate-entry = "{ $code }" is listed twice in { $section }
sheet-entry-without-name = "{ $code }" in { $section } needs a name, e.g. name = {"{"} ja = "…", en = "…" {"}"}
sheet-visit-kind-test = a visit kind's tests are codes of this sheet's [[tests]], each once: "{ $code }" is not; the tests are { $allowed }
sheet-test-schedule-conflict = the test "{ $code }" has two schedules: write one of as_needed, at_months, after_weeks (with every_months), or monthly_first_months (with every_months)
sheet-test-month-list = at_months lists months 1 to { $max } (at least one), got { $got }
sheet-test-weeks = after_weeks must be 0 to { $max } weeks, got { $got }
sheet-products-and-capsules = with [[products]], each product lists its own capsules or packages: move the top-level [[capsules]] and [[packages]] into a product
sheet-product-without-prices = the product "{ $code }" needs its prices: capsules = [...] on an itemised sheet, packages = [...] on a flat one
sheet-discount-amount = the discount "{ $code }" needs either percent = … or amount = …, not both
sheet-discount-percent = a discount's percent must be more than 0 and at most 100, with at most three decimals, got { $got }
sheet-discount-month = a discount's month must be 1 to { $max }, got { $got }
sheet-discount-month-not-used = month is only used with on = "month"; remove it or write on = "month"
warn-second-course-too-soon = A second course should start no sooner than { $months } months after the last dose of the previous one ({ $last }): from { $date }.
visit-kind-in-person = In person
visit-kind-telephone = Telephone
visit-kind-online = Online
visit-kind-group = { $kind }: { $months }
visit-months-one = month { $from }
visit-months-range = months { $from }–{ $to }
visit-kinds-line = Visits: { $visits }
visit-kinds-separator = { "; " }
list-separator = { ", " }
warn-test-at-no-visit = { $test } ({ $price }) is due in this course but falls at no visit of this plan that takes it: it is not in the total. Plan a visit that takes it, or tell the patient where it is done.
item-at-no-visit = Not at any visit of this plan (not in the total)
err-so-far-days-unknown = { $mg } mg taken so far need the days of the course so far: without them the course length and its warnings would be wrong.
err-so-far-average = { $mg } mg taken in { $days ->
    [one] 1 day
   *[other] { $days } days
} is { $average } mg a day on average, above the daily maximum of { $max } mg: check the mg and the days taken so far.
err-first-visit-under-way = A course under way continues with a return visit: a first visit starts a new course.
opt-run = { $dose } mg for { $months ->
    [one] 1 month
   *[other] { $months } months
}
opt-then = {", then "}
opt-reaches = { $plan }: reaches { $target } mg/kg on day { $day }
opt-less-than = { $amount } less than { $other }
opt-same-as = the same price as { $other }
opt-sooner-than = { $days ->
    [one] 1 day
   *[other] { $days } days
} sooner than the cheapest plan for { $amount } more
opt-sentence = { $reaches }, { $versus }.
err-optimise-limits = The optimiser's limits are not usable: at most 24 months ({ $months } asked), a highest dose above 0 and at most 2.0 mg/kg/day, a month-1 dose above 0.
err-optimise-no-dose = No dose the clinic sells is within { $max } mg a day (the month-1 limit: { $start } mg).
err-optimise-unreachable = No plan of at most { $months } months within these limits reaches { $target } mg/kg: allow more months or a higher dose.
err-in-hand = Capsules in hand count only for strengths sold in packs ({ $packs }), not { $mg } mg.
sheet-min-months = a price for a course of at least { $got } months is not usable (1 would hold for every course): write 2 to { $max }
err-min-months = The price for { $what } holds only for a course of at least { $needed } months, and this course has { $months }: the sheet gives no other price for it.
