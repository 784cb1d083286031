# Strings of the PDF estimate (src/pdf/).

pdf-title = Cost estimate
pdf-doc-title = Cost estimate: { $clinic }
pdf-patient-name = Prepared for { $name }
pdf-quote-date = Date of quote
pdf-valid-until = Valid until
pdf-phone = Tel. { $phone }
pdf-first-month = Month 1
pdf-later-month = Each later month
pdf-later-months = Later months
pdf-course-total = Course total ({ $months } months)
pdf-tax-included = All amounts include tax.
pdf-tax-added = Tax is added to each month and shown in the table.
pdf-plan = Treatment plan
pdf-plan-length = Course
pdf-plan-length-value = { $months } months ({ $days } days), { $every ->
    [1] a visit every month
   *[other] a visit every { $every } months
}
pdf-plan-dates = Dates
pdf-plan-dates-value = { $start } to { $end } (last dose)
pdf-plan-product = Medicine
pdf-plan-dose = Daily dose
pdf-mg-day = { $mg } mg a day
pdf-mg-alternate = { $a } mg and { $b } mg on alternate days
pdf-dose-month = month { $month }: { $dose }
pdf-dose-months = months { $from }–{ $to }: { $dose }
pdf-list-separator = ; {" "}
pdf-plan-weight = Body weight
pdf-weight-value = { $kg } kg
pdf-plan-cumulative = Cumulative dose
pdf-cumulative-value = { $mg } mg
pdf-cumulative-value-kg = { $mg } mg ({ $mgkg } mg/kg)
pdf-table = Month by month
pdf-col-month = Month
pdf-col-dose = mg/day
pdf-col-capsules = Capsules per day
pdf-col-mgkg = mg/kg/day
pdf-col-subtotal = Month total
pdf-row-total = Course total
pdf-as-needed-line = { $label }: { $test } { $price }
pdf-none = —
pdf-note = This is an estimate for the plan above. The doctor may change the dose at a visit, which changes the amounts.
pdf-cautions = Important information
pdf-bullet = ●
pdf-footer-clinic = { $clinic } · Tel. { $phone }
pdf-page = Page { $page } of { $pages }
pdf-field-patient = the patient's name
pdf-field-clinic-name = the clinic's name in the price sheet
pdf-field-clinic-address = the clinic's address in the price sheet
pdf-field-clinic-phone = the clinic's phone number in the price sheet
pdf-err-unprintable = { $field } contains "{ $char }" ({ $code }), which the PDF fonts cannot print; remove it or write it another way
pdf-err-unprintable-invisible = { $field } contains an invisible character ({ $code }), which the PDF fonts cannot print; remove it
pdf-err-font = the bundled font { $name } could not be read; reinstall the app
pdf-err-needs-sex = choose female or male first: the estimate is printed for one patient
pdf-err-date = the quote date plus the sheet's validity is past the end of the calendar; check the quote date
# A course under way: the months left, numbered as months of the whole course.
pdf-month-n = Month { $month }
pdf-rest-later-month = Each later month
pdf-rest-later-months = Later months
pdf-rest-total = { $months ->
    [1] Remaining course (1 month)
   *[other] Remaining course ({ $months } months)
}
pdf-plan-rest-length = Remaining course
pdf-row-rest-total = Remaining course total
pdf-progress = Course so far
pdf-progress-so-far = Taken so far
pdf-progress-rest-month = This estimate (month { $month })
pdf-progress-rest-months = This estimate (months { $from }–{ $to })
pdf-progress-course = Whole course
pdf-progress-col-dose = Dose
pdf-progress-col-days = Length
pdf-progress-col-cost = Cost
pdf-progress-days = { $days ->
    [1] 1 day
   *[other] { $days } days
}
pdf-progress-paid = { $amount } paid
# The acceptance block, when the price sheet asks for one.
pdf-acceptance-text = I have received this estimate and accept the plan and its cost.
pdf-acceptance-name = Name
pdf-acceptance-signature = Signature
pdf-acceptance-date = Date
pdf-tax-added-exempt = Tax is added to each month and shown in the table; these items carry no tax: { $items }.
# The 見積書's conventions: quote number, staff member, the tax within the total.
pdf-quote-number = Quote no.
pdf-staff = Prepared by { $name }
pdf-included-tax = incl. consumption tax { $tax }
pdf-field-staff = the staff member's name
pdf-err-quote-number = the quote number "{ $number }" must be 1 to 32 letters, digits or - / _ . #; check what the register issued
