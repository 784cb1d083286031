//! What can go wrong with the register, in words a clinic worker understands.
//!
//! Each error has a stable [`RegisterError::code`], an English `Display` for logs, and
//! [`RegisterError::explain`] in the user's language: what happened and what to do. Every
//! message says that quotes, plans and PDFs keep working, because they do: the register is
//! a record beside the planner, never in its way.

use std::path::PathBuf;
use std::time::Duration;

use dose_planner_core::i18n::{Arg, Lang};

/// Which kind of record was looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// A patient.
    Patient,
    /// A course.
    Course,
    /// A quote.
    Quote,
}

impl Record {
    /// The word in logs (`patient`, `course`, `quote`).
    pub fn code(self) -> &'static str {
        match self {
            Record::Patient => "patient",
            Record::Course => "course",
            Record::Quote => "quote",
        }
    }
}

/// A patient's text the register checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatientField {
    /// The clinic's patient number.
    Number,
    /// The name.
    Name,
}

impl PatientField {
    /// `number` or `name`.
    pub fn code(self) -> &'static str {
        match self {
            PatientField::Number => "number",
            PatientField::Name => "name",
        }
    }
}

/// What is wrong with a patient's number or name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextProblem {
    /// Nothing but spaces.
    #[error("empty")]
    Empty,
    /// More characters than the limit.
    #[error("{chars} characters, at most {max}")]
    TooLong {
        /// Characters given.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// An invisible control or bidirectional character (shown as `U+XXXX`).
    #[error("the invisible character {}", dose_planner_core::patient::escape_char(*.0))]
    Control(char),
}

/// An error of the register.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// Another program (another desk, another copy of the planner) held the register for
    /// longer than the busy timeout.
    #[error(
        "the register {} is in use by another program and stayed locked for {} s; try again in a moment, or close the other copy of the planner",
        path.display(), waited.as_secs_f64()
    )]
    Locked {
        /// The register file.
        path: PathBuf,
        /// How long the register waited for it.
        waited: Duration,
    },
    /// The file is not a SQLite database, or its pages are damaged.
    #[error(
        "the register {} is damaged or is not a register ({detail}); restore the latest backup or choose another register file",
        path.display()
    )]
    Corrupt {
        /// The register file.
        path: PathBuf,
        /// SQLite's words, or the value that could not be read.
        detail: String,
    },
    /// The file's pages are damaged (`PRAGMA quick_check` failed, or SQLite found a damaged
    /// page): nothing is read from or written to it.
    #[error(
        "the register {} is damaged ({detail}); nothing was written; restore the latest backup",
        path.display()
    )]
    Damaged {
        /// The register file.
        path: PathBuf,
        /// SQLite's finding, one line.
        detail: String,
    },
    /// A SQLite database of another program (tables, but not the register's).
    #[error("{} is another program's database, not a register; nothing was changed", path.display())]
    NotARegister {
        /// The file.
        path: PathBuf,
    },
    /// A 0-byte file where a register was expected.
    #[error("{} is empty (0 bytes), so it is not a register; nothing was changed", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// No file where an existing register was expected (reading commands never create one).
    #[error("there is no register at {}", path.display())]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// A part of the path is a file where a folder is needed.
    #[error("a part of {} is a file, not a folder", path.display())]
    NotAFolder {
        /// The path given.
        path: PathBuf,
    },
    /// The backup could not be written in its folder.
    #[error("cannot write the backup {}: {source}", path.display())]
    BackupIo {
        /// The backup's file.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// The backup's copy failed its check; nothing was kept.
    #[error("the backup {} failed its check ({detail}); nothing was kept", path.display())]
    BackupFailed {
        /// The backup's file.
        path: PathBuf,
        /// What the check found.
        detail: String,
    },
    /// A patient's number or name that the register does not store: empty, too long, or
    /// with an invisible control character.
    #[error("the patient {}: {problem}", field.code())]
    PatientText {
        /// The number or the name.
        field: PatientField,
        /// What is wrong.
        problem: TextProblem,
    },
    /// A newer planner has upgraded the register's schema beyond what this build knows.
    #[error(
        "the register {} was upgraded by a newer version of the planner (schema {found}; this version reads up to {supported}); update the planner",
        path.display()
    )]
    NewerSchema {
        /// The register file.
        path: PathBuf,
        /// The schema version found in the file.
        found: u32,
        /// The newest schema version this build knows.
        supported: u32,
    },
    /// The file could not be created, opened or written (a missing folder, no permission).
    #[error("cannot open or write {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// No record with this id (another desk may have removed it, or the id is stale).
    #[error("no {} with id {id} in the register", what.code())]
    NotFound {
        /// What was looked for.
        what: Record,
        /// The register's id.
        id: i64,
    },
    /// Another patient already has this clinic number (numbers compare without regard to
    /// case and width).
    #[error("another patient already has the clinic number {number}")]
    DuplicateNumber {
        /// The number given.
        number: String,
    },
    /// The backup's target exists; a backup never overwrites a file.
    #[error("{} already exists; a backup never overwrites a file", path.display())]
    BackupExists {
        /// The target.
        path: PathBuf,
    },
    /// The disk is full: nothing was saved.
    #[error("the disk holding {} is full; nothing was saved", path.display())]
    DiskFull {
        /// The register (or backup) file.
        path: PathBuf,
    },
    /// The file or its disk can only be read: nothing was saved.
    #[error("{} can only be read; nothing was saved", path.display())]
    ReadOnly {
        /// The register file.
        path: PathBuf,
    },
    /// A course's frozen price sheet is larger than any sheet the app reads.
    #[error("the price sheet is {bytes} bytes; a price sheet may have at most {limit} bytes")]
    SheetTooLarge {
        /// The sheet's size in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A month's totals do not fit in 64 bits.
    #[error("the month's totals are too large to add up exactly")]
    Overflow,
    /// Any other error of the database.
    #[error("the register {} reported an error: {detail}", path.display())]
    Database {
        /// The register file.
        path: PathBuf,
        /// SQLite's words.
        detail: String,
    },
    /// The register's address cannot be used (nothing was opened or created).
    #[error(transparent)]
    Address(#[from] crate::address::AddressError),
    /// The register server cannot be reached (down, network, TLS, sign-in refused).
    #[error("the register server {server} cannot be reached: {detail}")]
    ServerAway {
        /// The server's address (no password).
        server: String,
        /// The client's or the server's words.
        detail: String,
    },
    /// The register server refused or failed a request.
    #[error("the register server {server} reported an error: {detail}")]
    Server {
        /// The server's address (no password).
        server: String,
        /// PostgreSQL's words.
        detail: String,
    },
    /// What was asked works on a register file only, not yet on a server register.
    #[error("this works on a register file only, not yet on the server register {server}")]
    FileOnly {
        /// The server's address (no password).
        server: String,
    },
    /// A register on a server is backed up with `pg_dump` on the server's side.
    #[error("a register on a server is backed up with pg_dump: {command}")]
    ServerBackup {
        /// The command to run.
        command: String,
    },
}

impl RegisterError {
    /// A stable code for logs and tests (`locked`, `corrupt`, …).
    pub fn code(&self) -> &'static str {
        match self {
            RegisterError::Locked { .. } => "locked",
            RegisterError::Corrupt { .. } => "corrupt",
            RegisterError::Damaged { .. } => "damaged",
            RegisterError::NotARegister { .. } => "not_a_register",
            RegisterError::Empty { .. } => "empty_file",
            RegisterError::Missing { .. } => "missing",
            RegisterError::NotAFolder { .. } => "not_a_folder",
            RegisterError::BackupIo { .. } => "backup_io",
            RegisterError::BackupFailed { .. } => "backup_failed",
            RegisterError::PatientText { .. } => "patient_text",
            RegisterError::NewerSchema { .. } => "newer_schema",
            RegisterError::Io { .. } => "io",
            RegisterError::NotFound { .. } => "not_found",
            RegisterError::DuplicateNumber { .. } => "duplicate_number",
            RegisterError::BackupExists { .. } => "backup_exists",
            RegisterError::DiskFull { .. } => "disk_full",
            RegisterError::ReadOnly { .. } => "read_only",
            RegisterError::SheetTooLarge { .. } => "sheet_too_large",
            RegisterError::Overflow => "overflow",
            RegisterError::Database { .. } => "database",
            RegisterError::Address(e) => e.code(),
            RegisterError::ServerAway { .. } => "server_away",
            RegisterError::Server { .. } => "server_error",
            RegisterError::ServerBackup { .. } => "server_backup",
            RegisterError::FileOnly { .. } => "file_only",
        }
    }

    /// What happened and what to do, in `lang`.
    pub fn explain(&self, lang: Lang) -> String {
        let path = |p: &PathBuf| ("path", Arg::Str(p.display().to_string()));
        match self {
            RegisterError::Locked { path: p, waited } => lang.tr_args(
                "register-locked",
                &[path(p), ("seconds", Arg::Num(shown_seconds(*waited)))],
            ),
            RegisterError::Corrupt { path: p, detail } => lang.tr_args(
                "register-corrupt",
                &[path(p), ("detail", Arg::Str(detail.clone()))],
            ),
            RegisterError::Damaged { path: p, detail } => lang.tr_args(
                "register-damaged",
                &[path(p), ("detail", Arg::Str(detail.clone()))],
            ),
            RegisterError::NotARegister { path: p } => {
                lang.tr_args("register-not-a-register", &[path(p)])
            }
            RegisterError::Empty { path: p } => lang.tr_args("register-empty-file", &[path(p)]),
            RegisterError::Missing { path: p } => lang.tr_args("register-missing", &[path(p)]),
            RegisterError::NotAFolder { path: p } => {
                lang.tr_args("register-not-a-folder", &[path(p)])
            }
            RegisterError::BackupIo { path: p, source } => lang.tr_args(
                "register-backup-cannot-write",
                &[path(p), ("error", Arg::Str(source.to_string()))],
            ),
            RegisterError::BackupFailed { path: p, detail } => lang.tr_args(
                "register-backup-failed",
                &[path(p), ("detail", Arg::Str(detail.clone()))],
            ),
            RegisterError::PatientText { field, problem } => {
                let field = lang.tr(match field {
                    PatientField::Number => "register-field-number",
                    PatientField::Name => "register-field-name",
                });
                match problem {
                    TextProblem::Empty => {
                        lang.tr_args("register-text-empty", &[("field", Arg::Str(field))])
                    }
                    TextProblem::TooLong { chars, max } => lang.tr_args(
                        "register-text-too-long",
                        &[
                            ("field", Arg::Str(field)),
                            (
                                "chars",
                                Arg::from(u32::try_from(*chars).unwrap_or(u32::MAX)),
                            ),
                            ("max", Arg::from(u32::try_from(*max).unwrap_or(u32::MAX))),
                        ],
                    ),
                    TextProblem::Control(c) => lang.tr_args(
                        "register-text-control",
                        &[
                            ("field", Arg::Str(field)),
                            (
                                "char",
                                Arg::Str(dose_planner_core::patient::escape_char(*c)),
                            ),
                        ],
                    ),
                }
            }
            RegisterError::NewerSchema {
                path: p,
                found,
                supported,
            } => lang.tr_args(
                "register-newer-schema",
                &[
                    path(p),
                    ("found", Arg::from(*found)),
                    ("supported", Arg::from(*supported)),
                ],
            ),
            RegisterError::Io { path: p, source } => lang.tr_args(
                "register-cannot-open",
                &[path(p), ("error", Arg::Str(source.to_string()))],
            ),
            RegisterError::NotFound { what, id } => lang.tr_args(
                match what {
                    Record::Patient => "register-patient-not-found",
                    Record::Course => "register-course-not-found",
                    Record::Quote => "register-quote-not-found",
                },
                &[("id", Arg::Str(id.to_string()))],
            ),
            RegisterError::DuplicateNumber { number } => lang.tr_args(
                "register-duplicate-number",
                &[("number", Arg::Str(number.clone()))],
            ),
            RegisterError::BackupExists { path: p } => {
                lang.tr_args("register-backup-exists", &[path(p)])
            }
            RegisterError::DiskFull { path: p } => lang.tr_args("register-disk-full", &[path(p)]),
            RegisterError::ReadOnly { path: p } => lang.tr_args("register-read-only", &[path(p)]),
            RegisterError::SheetTooLarge { bytes, limit } => lang.tr_args(
                "register-sheet-too-large",
                &[
                    (
                        "kb",
                        Arg::from(u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX)),
                    ),
                    (
                        "limit",
                        Arg::from(u32::try_from(limit / 1024).unwrap_or(u32::MAX)),
                    ),
                ],
            ),
            RegisterError::Overflow => lang.tr("register-overflow"),
            RegisterError::Database { path: p, detail } => lang.tr_args(
                "register-database-error",
                &[path(p), ("detail", Arg::Str(detail.clone()))],
            ),
            RegisterError::Address(e) => e.explain(lang),
            RegisterError::ServerAway { server, detail } => lang.tr_args(
                "register-server-away",
                &[
                    ("server", Arg::Str(server.clone())),
                    ("detail", Arg::Str(detail.clone())),
                ],
            ),
            RegisterError::Server { server, detail } => lang.tr_args(
                "register-server-error",
                &[
                    ("server", Arg::Str(server.clone())),
                    ("detail", Arg::Str(detail.clone())),
                ],
            ),
            RegisterError::FileOnly { server } => lang.tr_args(
                "register-file-only",
                &[("server", Arg::Str(server.clone()))],
            ),
            RegisterError::ServerBackup { command } => lang.tr_args(
                "register-server-backup",
                &[("command", Arg::Str(command.clone()))],
            ),
        }
    }
}

/// The time waited as people read it: 0.2, 0.01, 5 (seconds); hundredths under a second so
/// a short wait never shows as 0.
fn shown_seconds(waited: Duration) -> f64 {
    let seconds = waited.as_secs_f64();
    let scale = if seconds < 1.0 { 100.0 } else { 10.0 };
    let shown = (seconds * scale).round() / scale;
    if shown == 0.0 && seconds > 0.0 {
        0.01
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_error() -> Vec<RegisterError> {
        let path = PathBuf::from("/clinic/register.sqlite3");
        vec![
            RegisterError::Locked {
                path: path.clone(),
                waited: Duration::from_secs(5),
            },
            RegisterError::Corrupt {
                path: path.clone(),
                detail: "file is not a database".into(),
            },
            RegisterError::NewerSchema {
                path: path.clone(),
                found: 999,
                supported: 1,
            },
            RegisterError::Damaged {
                path: path.clone(),
                detail: "Page 3: btreeInitPage() returns error code 11".into(),
            },
            RegisterError::NotARegister { path: path.clone() },
            RegisterError::Empty { path: path.clone() },
            RegisterError::Missing { path: path.clone() },
            RegisterError::NotAFolder { path: path.clone() },
            RegisterError::BackupIo {
                path: path.clone(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
            RegisterError::BackupFailed {
                path: path.clone(),
                detail: "schema version 1".into(),
            },
            RegisterError::PatientText {
                field: PatientField::Number,
                problem: TextProblem::Control('\u{202E}'),
            },
            RegisterError::PatientText {
                field: PatientField::Name,
                problem: TextProblem::TooLong {
                    chars: 10_000,
                    max: 60,
                },
            },
            RegisterError::PatientText {
                field: PatientField::Number,
                problem: TextProblem::Empty,
            },
            RegisterError::Io {
                path: path.clone(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
            RegisterError::NotFound {
                what: Record::Patient,
                id: 7,
            },
            RegisterError::NotFound {
                what: Record::Course,
                id: 7,
            },
            RegisterError::NotFound {
                what: Record::Quote,
                id: 7,
            },
            RegisterError::DuplicateNumber {
                number: "A-123".into(),
            },
            RegisterError::BackupExists { path: path.clone() },
            RegisterError::DiskFull { path: path.clone() },
            RegisterError::ReadOnly { path: path.clone() },
            RegisterError::SheetTooLarge {
                bytes: 900_000,
                limit: 262_144,
            },
            RegisterError::Overflow,
            RegisterError::Database {
                path,
                detail: "disk I/O error".into(),
            },
            RegisterError::ServerAway {
                server: "postgres://sato@clinic:5432/dose_planner?sslmode=require".into(),
                detail: "connection refused".into(),
            },
            RegisterError::Server {
                server: "postgres://sato@clinic:5432/dose_planner?sslmode=require".into(),
                detail: "permission denied for table access_log".into(),
            },
            RegisterError::ServerBackup {
                command:
                    "pg_dump --format=custom --file=backup.dump postgres://clinic/dose_planner"
                        .into(),
            },
        ]
    }

    #[test]
    fn every_error_explains_itself_in_every_language_with_its_details() {
        for error in every_error() {
            for lang in Lang::ALL {
                let text = error.explain(lang);
                assert!(
                    !text.starts_with("register-"),
                    "{lang:?}: missing key: {text}"
                );
                assert!(!text.contains("{ $"), "{lang:?}: unfilled argument: {text}");
                match &error {
                    RegisterError::Locked { path, .. }
                    | RegisterError::Corrupt { path, .. }
                    | RegisterError::NewerSchema { path, .. }
                    | RegisterError::Io { path, .. }
                    | RegisterError::BackupExists { path }
                    | RegisterError::DiskFull { path }
                    | RegisterError::ReadOnly { path }
                    | RegisterError::Database { path, .. }
                    | RegisterError::Damaged { path, .. }
                    | RegisterError::NotARegister { path }
                    | RegisterError::Empty { path }
                    | RegisterError::Missing { path }
                    | RegisterError::NotAFolder { path }
                    | RegisterError::BackupIo { path, .. }
                    | RegisterError::BackupFailed { path, .. } => {
                        assert!(text.contains(&path.display().to_string()), "{text}");
                        // One message for the command line and the app alike: never Settings
                        // alone.
                        assert!(
                            !text.contains("Settings") || text.contains("--register"),
                            "{text}"
                        );
                    }
                    RegisterError::PatientText { problem, .. } => {
                        if let TextProblem::Control(_) = problem {
                            assert!(
                                text.contains("U+202E") && !text.contains('\u{202E}'),
                                "{text}"
                            );
                        }
                        if let TextProblem::TooLong { .. } = problem {
                            assert!(text.contains("10,000") || text.contains("10000"), "{text}");
                        }
                    }
                    RegisterError::DuplicateNumber { number } => {
                        assert!(text.contains(number.as_str()), "{text}");
                    }
                    RegisterError::ServerAway { server, detail }
                    | RegisterError::Server { server, detail } => {
                        assert!(text.contains(server.as_str()), "{text}");
                        assert!(text.contains(detail.as_str()), "{text}");
                    }
                    RegisterError::FileOnly { server } => {
                        assert!(text.contains(server.as_str()), "{text}");
                    }
                    RegisterError::ServerBackup { command } => {
                        assert!(text.contains(command.as_str()), "{text}");
                    }
                    RegisterError::SheetTooLarge { .. } => {
                        assert!(text.contains("879") && text.contains("256"), "{text}");
                    }
                    RegisterError::NotFound { .. }
                    | RegisterError::Overflow
                    | RegisterError::Address(_) => {}
                }
            }
        }
        let quote = RegisterError::NotFound {
            what: Record::Quote,
            id: 424_242,
        };
        for lang in Lang::ALL {
            let text = quote.explain(lang);
            assert!(text.contains("424242"), "{text}");
        }
        assert!(!quote.explain(Lang::En).contains("another desk"));
        let newer = &every_error()[2];
        assert!(newer.explain(Lang::En).contains("999"));
        assert_eq!(
            every_error()[0].explain(Lang::En),
            "The register /clinic/register.sqlite3 is in use by another desk or another copy of \
             the planner, and it stayed locked for 5 seconds. Nothing was saved. Try again in a \
             moment; if it stays locked, close the planner on the other desk. Quotes, plans and \
             PDFs keep working without the register."
        );
    }
}
