# The price list as data: CSV import, bulk changes, the prices command. Keys are stable.

prices-not-a-price = "{ $got }" is not a price: write a whole number in the currency's smallest unit (yen, won, cents), or a percentage such as 10 or 8.875 for a percentage discount
prices-negative = a price cannot be negative, got { $got }: write a whole number of 0 or more
prices-too-large = { $got } is more than the largest price a sheet may hold ({ $max })
prices-schedule = "{ $got }" is not a schedule: write e.g. "everyone", "women; at_months=1 2 3", "everyone; monthly_first_months=2; every_months=2", "everyone; after_weeks=4", "everyone; as_needed" (tests), "first_visit" or "course" (fees), "medication", "month=1" or "course" (discounts)
prices-schedule-too-late = { $got } is past the schedule's limit of { $max }
prices-unit = the unit "{ $got }" is not this item's ("{ $expected }"): change pack sizes and kinds of item in the TOML sheet
prices-unknown-section = "{ $got }" is not a section: write one of { $allowed }
prices-cannot-add = no such item on the base sheet, and only tests and one-off fees can be added from a spreadsheet: add other items in the TOML sheet
prices-duplicate = this section and code are already on row { $first }
prices-control-character = a name holds an invisible control character: retype it
prices-no-name = a new test or fee needs a name (name_ja, name_en or name_ko)
prices-row-column = row { $row }, column { $column }: { $reason }
prices-row = row { $row }: { $reason }
prices-round-to = round to 1, 10 or 100 of the currency's smallest unit, got { $got }
prices-bulk-item = { $item }: { $reason }
prices-csv-broken = the spreadsheet cannot be read at row { $row }: { $detail }. Save it again as CSV (UTF-8) from the spreadsheet
prices-csv-header = the first row must be the header "{ $expected }", got "{ $got }": start from a file exported by dose-planner prices export --csv
prices-csv-invalid = { $count ->
    [one] 1 row is refused; nothing was applied:
   *[other] { $count } rows are refused; nothing was applied:
}
prices-written = written: { $path }
prices-dry-run = nothing written (--dry-run, or no --out given)
prices-row-label = row { $row }:
prices-line-changed = { $item }: { $old } → { $new }
prices-line-added = new: { $item } { $price }
prices-line-missing = not in the file (kept as it is): { $item }
prices-line-removed = removed: { $item }
prices-no-difference = no difference
prices-summary = { $changed } changed, { $added } new, { $missing } missing (kept), { $unchanged } unchanged, { $invalid } refused
prices-bulk-summary = { $changed } prices change
