# The register (SQLite): messages of crates/register.
register-locked = The register { $path } is in use by another desk or another copy of the planner, and it stayed locked for { $seconds } seconds. Nothing was saved. Try again in a moment; if it stays locked, close the planner on the other desk. Quotes, plans and PDFs keep working without the register.
register-corrupt = The register { $path } is damaged or is not a register file ({ $detail }). Nothing was changed. Close the planner and copy your latest backup over this file, or choose another register file in Settings. Quotes, plans and PDFs keep working without the register.
register-newer-schema = The register { $path } was upgraded by a newer version of the planner (register version { $found }; this version reads up to { $supported }). Nothing was changed. Install the newer planner on this computer. Quotes, plans and PDFs keep working without the register.
register-cannot-open = The register { $path } cannot be opened or written: { $error }. Check that the folder exists and that you may write to it, or choose another location in Settings. Quotes, plans and PDFs keep working without the register.
register-patient-not-found = This patient is no longer in the register (another desk may have changed it). Search for the patient again.
register-course-not-found = This course is no longer in the register (another desk may have changed it). Open the patient again.
register-quote-not-found = This quote is no longer in the register (another desk may have changed it). Open the Quotes list again.
register-duplicate-number = Another patient already has the patient number { $number }. Check the number, or search for it and open that patient instead.
register-backup-exists = { $path } already exists, and a backup never overwrites a file. Choose another file name or folder.
register-disk-full = The disk holding { $path } is full, so nothing was saved. Free some space and try again. Quotes, plans and PDFs keep working without the register.
register-read-only = { $path } can only be read (its permissions, or a read-only disk), so nothing was saved. Ask whoever manages the computer to make it writable, or choose another location in Settings. Quotes, plans and PDFs keep working without the register.
register-overflow = The month's totals are too large to add up exactly. Check the quotes of this month for a wrong amount.
register-database-error = The register { $path } reported an error ({ $detail }). Nothing was saved. Try again; if it happens again, make a backup and report this message. Quotes, plans and PDFs keep working without the register.
register-sheet-too-large = This price sheet is { $kb } KB, and a price sheet may have at most { $limit } KB, so nothing was saved in the register. Use the clinic's own sheet file (a sheet is a few KB).
