# The register (SQLite): messages of crates/register.
register-locked = The register { $path } is in use by another desk or another copy of the planner, and it stayed locked for { $seconds } seconds. Nothing was saved. Try again in a moment; if it stays locked, close the planner on the other desk. Quotes, plans and PDFs keep working without the register.
register-corrupt = The register { $path } is damaged or is not a register file ({ $detail }). Nothing was changed. Restore your latest backup (see "Restoring a backup" in the README), or choose another register file (Settings in the desk app, --register on the command line). Quotes, plans and PDFs keep working without the register.
register-newer-schema = The register { $path } was upgraded by a newer version of the planner (register version { $found }; this version reads up to { $supported }). Nothing was changed. Install the newer planner on this computer. Quotes, plans and PDFs keep working without the register.
register-cannot-open = The register { $path } cannot be opened or written: { $error }. Check that the folder exists and that you may write to it, or choose another register file (Settings in the desk app, --register on the command line). Quotes, plans and PDFs keep working without the register.
register-patient-not-found = There is no patient { $id } in the register (it may have been restored from an older backup). Search for the patient again.
register-course-not-found = There is no course { $id } in the register (it may have been restored from an older backup). Open the patient again.
register-quote-not-found = There is no quote #{ $id } in the register. Check the number in the Quotes list (dose-planner register quotes).
register-duplicate-number = Another patient already has the patient number { $number }. Check the number, or search for it and open that patient instead.
register-backup-exists = { $path } already exists, and a backup never overwrites a file. Choose another file name or folder.
register-disk-full = The disk holding { $path } is full, so nothing was saved. Free some space and try again. Quotes, plans and PDFs keep working without the register.
register-read-only = { $path } can only be read (its permissions, or a read-only disk), so nothing was saved. Ask whoever manages the computer to make it writable, or choose another register file (Settings in the desk app, --register on the command line). Quotes, plans and PDFs keep working without the register.
register-overflow = The month's totals are too large to add up exactly. Check the quotes of this month for a wrong amount.
register-database-error = The register { $path } reported an error ({ $detail }). Nothing was saved. Try again; if it happens again, make a backup and report this message. Quotes, plans and PDFs keep working without the register.
# The register's address, and a register on a PostgreSQL server.
register-address-empty = No register address was given. Give a file (register.sqlite3) or a server address (postgres://user@host:5432/dose_planner).
register-address-unknown-scheme = { $address } is not a register address: a register is a file, or a server address starting with postgres:// (not { $scheme }://). Nothing was opened or created.
register-address-malformed = { $address } is not a server address the planner can read. Write it as postgres://user@host:5432/database?sslmode=require. Nothing was opened or created.
register-address-no-host = { $address } names no server. Write it as postgres://user@host:5432/database.
register-address-bad-port = { $address }: the port { $value } is not a number from 1 to 65535 (PostgreSQL's is usually 5432).
register-address-password = { $address } contains a password. The planner never keeps a password in an address: remove it, and put it in the PostgreSQL password file (~/.pgpass, or %APPDATA%\postgresql\pgpass.conf on Windows) or type it when asked.
register-address-bad-sslmode = { $address }: sslmode { $value } is not one the planner knows. Use disable, prefer, require or verify-full.
register-address-no-ca-file = { $address }: sslmode=verify-full checks the server against the clinic's certificate authority: add &sslrootcert=PATH to its file (PEM).
register-address-unknown-option = { $address }: the option { $name } is not one the planner knows. Use sslmode and sslrootcert only.
register-server-away = The register server { $server } cannot be reached ({ $detail }). Nothing was saved. Check the network and that the server is running, then try again. Quotes, plans and PDFs keep working without the register.
register-server-error = The register server { $server } refused or failed the request ({ $detail }). Nothing was saved. If it happens again, report this message to whoever manages the server. Quotes, plans and PDFs keep working without the register.
register-server-backup = A register on a server is backed up on the server with PostgreSQL's pg_dump, not by the planner. Run, on a computer that may read the whole register: { $command }
register-sheet-too-large = This price sheet is { $kb } KB, and a price sheet may have at most { $limit } KB, so nothing was saved in the register. Use the clinic's own sheet file (a sheet is a few KB).
register-file-only = This works on a register file only; the register on the server { $server } cannot do it yet. Nothing was changed. Quotes, plans and PDFs keep working.
register-damaged = The register { $path } is damaged (SQLite's check found: { $detail }). Nothing was read from it or written to it. Restore your latest backup: close the planner on every desk, rename this file (and its -wal and -shm files) aside, and copy the backup to { $path } (see "Restoring a backup" in the README). Quotes, plans and PDFs keep working without the register.
register-not-a-register = { $path } is another program's database, not a register. Nothing was changed. Give the path of the register file (register.sqlite3), or a new file name to start a register.
register-empty-file = { $path } is empty (0 bytes): it is not a register nor a complete backup. Nothing was changed. To start a new register there, delete this empty file; to restore, copy a complete backup instead.
register-missing = There is no register at { $path }. Check the path (--register), or import a quote first to start a register.
register-not-a-folder = A part of { $path } is a file, not a folder. Choose a path whose folders are folders.
register-backup-cannot-write = The backup { $path } cannot be written: { $error }. Check that the backup folder exists and that you may write to it, or choose another folder (--to on the command line). The register itself is unchanged.
register-backup-failed = The backup { $path } failed its check ({ $detail }), so it was not kept. The register itself is unchanged. Try again; if it fails again, back up to another disk.
register-field-number = patient number
register-field-name = patient's name
register-text-empty = The { $field } is empty. Type it, then save again.
register-text-too-long = The { $field } is { $chars } characters long; the register keeps at most { $max }. Nothing was saved.
register-text-control = The { $field } contains an invisible control character ({ $char }). Nothing was saved. Type it again without it.
