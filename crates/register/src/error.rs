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
                &[path(p), ("seconds", Arg::Num(waited.as_secs_f64()))],
            ),
            RegisterError::Corrupt { path: p, detail } => lang.tr_args(
                "register-corrupt",
                &[path(p), ("detail", Arg::Str(detail.clone()))],
            ),
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
            RegisterError::NotFound { what, .. } => lang.tr(match what {
                Record::Patient => "register-patient-not-found",
                Record::Course => "register-course-not-found",
                Record::Quote => "register-quote-not-found",
            }),
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
                    | RegisterError::Database { path, .. } => {
                        assert!(text.contains(&path.display().to_string()), "{text}");
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
