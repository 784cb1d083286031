# The command line's text report (dose-planner quote).

cli-col-month = Month
cli-col-visit = Visit
cli-col-mg-day = mg/day
cli-col-capsules-day = Capsules/day
cli-col-mg-kg-day = mg/kg/day
cli-no-visit = -

cli-title = { $clinic } — estimate in { $currency } ({ $tax })
cli-tax-included = prices include tax
cli-tax-added = tax added per month
cli-patient = { $sex }, { $months ->
        [one] { $months } month
       *[other] { $months } months
    }, { $every ->
        [one] a visit every month
       *[other] a visit every { $every } months
    }
cli-patient-weight = { $sex }, { $kg } kg, { $months ->
        [one] { $months } month
       *[other] { $months } months
    }, { $every ->
        [one] a visit every month
       *[other] a visit every { $every } months
    }

cli-sum-month-1 = Month 1:
cli-sum-each-later-month = Each later month:
cli-sum-later-months = Later months:
cli-sum-course-total = Course total:
cli-sum-cumulative = Cumulative dose:
cli-sum-target = Target { $target } mg/kg:
cli-sum-first-dose = First dose:
cli-sum-last-dose = Last dose:
cli-sum-contraception-until = Contraception until:
cli-sum-sun-and-laser-until = No sunburn or laser until:
cli-sum-laser-hair-removal-from = Laser hair removal from:
cli-sum-vaccination-from = Vaccination from:
cli-sum-elective-surgery-from = Elective surgery from:
cli-sum-next-course-from = Next course from:
cli-cumulative-value = { $mg } mg over { $days } days
cli-cumulative-value-kg = { $mg } mg over { $days } days ({ $mgkg } mg/kg)
cli-target-reached = reached on day { $day } (month { $month })
cli-target-reached-date = reached on day { $day } (month { $month }, { $date })
cli-warnings = Warnings:

cli-pdf-written = PDF written to { $path }
cli-note-prices-changed = prices have changed since this quote was saved: course total { $then } then, { $now } at today's prices (use --reprice)

# Errors of the command line (after `error: `).
cli-err-months-disagree = --months { $months } disagrees with the { $doses } doses given in --doses (one per month); leave out --months
cli-err-no-dose = say the dose: --daily-mg, --doses, or --target-mg-per-kg with --weight-kg
cli-err-no-sex = say the patient's sex: --sex female or --sex male
cli-err-target-unreachable = no capsule dose reaches { $target } mg/kg in { $months } months at { $kg } kg: { $error }
cli-err-same-file = --save and --pdf name the same file ({ $path }); give each its own file name
cli-err-sheet-missing = the price sheet this quote was made with ({ $sheet }) cannot be found or read; give today's sheet with --pricing FILE
cli-err-cannot-reprice = today's price sheet cannot price this plan: { $error }
cli-err-output = cannot write the report: { $reason }

# Errors of saved quotes (crates/core/src/saved.rs).
saved-err-not-a-quote = { $file } is not a saved quote ({ $line }:{ $column }: { $message })
saved-err-newer-version = { $file } was saved by a newer version of the app (format { $found }); this version reads formats up to { $reads }
saved-err-unknown-version = { $file } has format { $found }, which no version of the app writes; it is not a saved quote of this app
saved-err-age = { $file }: the age saved in it ({ $got }) is not possible; ages go from 0 to { $max }
saved-err-quote-date = { $file }: the quote date saved in it ({ $got }) is outside the years { $first } to { $last }; the file was changed after saving
saved-err-start-date = { $file }: the start date saved in it ({ $got }) is outside the years { $first } to { $last }; the file was changed after saving
saved-err-sheet = { $file }: the prices saved in it are damaged: { $error }
saved-err-plan = { $file }: the plan saved in it is not valid: { $error }
saved-err-patient = { $file }: { $error }
saved-err-total-mismatch = { $file }: the saved total { $saved } does not match its prices ({ $computed }); the file was changed after saving
saved-err-sheet-mismatch = { $sheet }: this price sheet is not the one the quote was priced with; price the quote again before saving
cli-packs-bought = Packs bought: { $months }
cli-packs-month = month { $month }: { $packs }
cli-capsules-left = Capsules left after the last dose: { $capsules }

# What the quote chose from the sheet, under the patient line.
cli-product = Product: { $product }
# A line of the summary (a discount on the course, a test done only if needed).
cli-sum-label = { $label }:
cli-err-no-visit-kinds = this price sheet offers visits in person only (no [[visit_kinds]]), so "{ $code }" cannot be chosen
cli-err-no-products = this price sheet sells one product (no [[products]]), so the product "{ $code }" cannot be chosen
cli-err-no-discounts = this price sheet offers no discounts (no [[discounts]]), so "{ $code }" cannot be chosen
cli-err-leave-out = { $message }; leave out { $flags }
cli-sum-so-far = Taken so far:
cli-sum-rest = These months:
cli-sum-course = Whole course:
cli-target-reached-before = already reached by the mg taken so far
cli-err-target-already-reached = the { $taken } mg taken so far already reach the target of { $target } mg/kg at { $kg } kg ({ $needed } mg): no further dose is needed to reach it. To price more months anyway, give --daily-mg.
cli-tax-added-exempt = tax added per month, no tax on { $items }
cli-opt-cheapest = Suggested plan (cheapest)
cli-opt-soonest = Suggested plan (soonest)
cli-opt-frontier = The cheapest plan of each course length
cli-opt-col-months = Months
cli-opt-col-doses = mg/day by month
cli-opt-col-total = Total
cli-opt-col-day = Target on day
saved-err-sheet-too-large = { $file }: the prices saved in this quote are { $kb } KB, and a price sheet may have at most { $limit } KB. The file was not opened. Ask for the quote to be saved again from its clinic's own sheet.
