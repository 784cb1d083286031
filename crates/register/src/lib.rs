//! Dose & Cost Planner's register: the clinic's patients, their courses, the visits of each
//! course and the quotes given, kept between sittings in an embedded SQLite database.
//!
//! # The API
//!
//! The app talks to the [`Register`] trait only; [`SqliteRegister`] is today's one
//! implementation (a file on this computer). A shared PostgreSQL server for a clinic with
//! several desks would be a second implementation of the same trait. The data are plain
//! types ([`model`]); money is [`Money`](dose_planner_core::Money) (integer minor units) and
//! dates are [`jiff::civil::Date`]. Errors are [`RegisterError`], each with a stable code and
//! [`RegisterError::explain`] in the user's language; none of them stops the rest of the
//! planner (quotes, plans, PDFs), which does not need the register.
//!
//! # SQLite, compiled in
//!
//! `rusqlite` is built with its `bundled` feature: SQLite's C source is compiled into the
//! program. No system SQLite is needed on a clinic's computer, and every desk, every
//! operating system and CI run the same SQLite version, so a register file behaves the same
//! everywhere.
//!
//! # The file
//!
//! One file, wherever the app puts it (its data folder by default; the path can be changed
//! in the settings). Opening it:
//! - creates it with mode 0600 on Unix (only the clinic's account can read patient data);
//!   SQLite gives its `-wal` and `-shm` companions the same mode;
//! - turns on WAL (`PRAGMA journal_mode=WAL`): reading never waits for a write, and a crash
//!   or power cut never leaves a half-written change;
//! - turns on foreign keys (`PRAGMA foreign_keys=ON`) and a busy timeout of 5 s: when two
//!   copies of the planner write at the same moment, the second waits its turn (every write
//!   is a `BEGIN IMMEDIATE` transaction) and no write is lost; after 5 s it gives up with
//!   [`RegisterError::Locked`];
//! - brings the schema up to date with the numbered migrations in `migrations/` (compiled
//!   in, one transaction each, recorded in `schema_migrations(version, applied_at)`). A file
//!   written by a newer planner is refused with [`RegisterError::NewerSchema`] and never
//!   changed.
//!
//! Several copies of the planner on **one computer** may share a register. SQLite's WAL mode
//! does not work on a network folder (SMB, NFS): a clinic with several computers should keep
//! one register per computer today (or run the planner on one computer that the desks reach
//! by remote desktop), until a shared server implements [`Register`].
//!
//! # Backup and restore
//!
//! [`Register::backup_to`] writes a consistent copy of the register (`VACUUM INTO`) while
//! other desks keep working; it never overwrites a file ([`RegisterError::BackupExists`]).
//! [`SqliteRegister::next_backup_path`] names it `register-backup-YYYY-MM-DD.sqlite3`.
//!
//! To restore a backup:
//! 1. close the planner on every desk that uses this register;
//! 2. keep the current register aside (rename it, e.g. `register.sqlite3.old`), together with
//!    its `register.sqlite3-wal` and `register.sqlite3-shm` files if they are there (they
//!    belong to the old file and must not be applied to the backup);
//! 3. copy the backup file to the register's path (`register.sqlite3`);
//! 4. start the planner: it opens the backup as the register (and upgrades its schema if
//!    the backup is older).
//!
//! # PostgreSQL later
//!
//! The migrations and queries are portable SQL: standard types (`TEXT`, `BIGINT`,
//! `DOUBLE PRECISION`), `CHECK` constraints, `INSERT … RETURNING id`, dates as ISO text,
//! money as `BIGINT` minor units, `CURRENT_TIMESTAMP`. The differences a PostgreSQL register
//! would make: ids as `BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY` (SQLite's
//! `INTEGER PRIMARY KEY` is its row id), the search-key columns `COLLATE "C"` (so that
//! prefix ranges follow code-point order, as SQLite's BINARY collation does),
//! `information_schema` instead of `sqlite_master` to find `schema_migrations`, and the
//! function `sha256_hex(text)` that migration 0002 calls (defined in SQL there; SQLite gets
//! it from this crate, [`sha256_hex`]).
//!
//! # Frozen price sheets
//!
//! A course keeps the price sheet it was quoted with. Each distinct sheet text is stored once
//! in `sheets`, keyed by its SHA-256, and courses and quotes reference it; a sheet over
//! [`MAX_SHEET_BYTES`] (256 KB, the app's sheet limit) is refused.
//!
//! # What this crate never does
//!
//! It never reads the computer's clock (dates come from the caller; `applied_at` is the
//! database's), never interprets a course's request or price sheet (opaque text the app
//! writes and reads back), and never draws or prints anything.

pub mod address;
pub mod error;
mod migrations;
pub mod model;
mod postgres;
pub mod search_key;
mod sqlite;

use std::path::Path;

use jiff::civil::Date;

pub use address::{AddressError, RegisterAddress, ServerAddress, SslMode};
pub use error::{PatientField, Record, RegisterError, TextProblem};
pub use migrations::{MIGRATIONS, Migration, SCHEMA_VERSION, sha256_hex};
pub use model::{
    AcceptanceRate, Course, CourseId, CourseStatus, CurrencyTotals, ListedQuote, MonthQuotes,
    NewCourse, NewPatient, NewQuote, NewVisit, OpenCourse, Patient, PatientId, QuoteEntry, QuoteId,
    QuoteStatus, Sha256Hex, StatusCounts, Visit, VisitId,
};
pub use postgres::{PG_MIGRATIONS, PostgresRegister};
pub use sqlite::{MAX_PATIENT_TEXT_CHARS, MAX_SHEET_BYTES, RegisterOptions, SqliteRegister};

/// What the app asks of the register. Object safe: the app may hold a
/// `Box<dyn Register>`, whichever database is behind it.
///
/// Every write is atomic: it is saved whole or not at all, and two desks writing at once
/// both get saved. Reads see one consistent moment of the register.
pub trait Register {
    /// Adds a patient; [`RegisterError::DuplicateNumber`] when another patient has the
    /// number (compared without regard to case and full-width letters).
    fn add_patient(&mut self, patient: &NewPatient) -> Result<PatientId, RegisterError>;

    /// Changes a patient's details; [`RegisterError::NotFound`] if there is no such patient,
    /// [`RegisterError::DuplicateNumber`] if the new number is another patient's.
    fn update_patient(&mut self, id: PatientId, patient: &NewPatient) -> Result<(), RegisterError>;

    /// One patient.
    fn patient(&self, id: PatientId) -> Result<Patient, RegisterError>;

    /// The patient with this clinic number, compared by its key (case, width, spaces and
    /// Unicode composition aside, as [`Register::add_patient`] compares them), if any.
    ///
    /// The default pages through [`Register::find_patients`] and keeps the exact key; a
    /// database implements it as one indexed lookup.
    fn patient_by_number(&self, number: &str) -> Result<Option<Patient>, RegisterError> {
        let key = search_key::search_key(number);
        Ok(self
            .find_patients(number, u32::MAX)?
            .into_iter()
            .find(|p| search_key::search_key(&p.number) == key))
    }

    /// Patients whose name or clinic number starts with `query`, as a person types it:
    /// without regard to case (`tan` finds `Tanaka`), full-width letters or hiragana and
    /// katakana (see [`search_key::search_key`]); `田` finds `田中`, `김` finds `김민지`.
    /// At most `limit`, by name. An empty query lists the first patients by name.
    fn find_patients(&self, query: &str, limit: u32) -> Result<Vec<Patient>, RegisterError>;

    /// Adds a course to a patient; [`RegisterError::NotFound`] if there is no such patient.
    fn add_course(&mut self, course: &NewCourse) -> Result<CourseId, RegisterError>;

    /// Sets where a course stands.
    fn set_course_status(
        &mut self,
        id: CourseId,
        status: CourseStatus,
    ) -> Result<(), RegisterError>;

    /// A patient's courses, earliest start first.
    fn courses_of(&self, patient: PatientId) -> Result<Vec<Course>, RegisterError>;

    /// A course with its patient and its visits in date order.
    fn open_course(&self, id: CourseId) -> Result<OpenCourse, RegisterError>;

    /// Records a visit; [`RegisterError::NotFound`] if there is no such course.
    fn add_visit(&mut self, visit: &NewVisit) -> Result<VisitId, RegisterError>;

    /// Logs a quote; [`RegisterError::NotFound`] if there is no such patient, or the course
    /// is not this patient's.
    fn add_quote(&mut self, quote: &NewQuote) -> Result<QuoteId, RegisterError>;

    /// Sets where a quote stands (accepted, declined, started, completed).
    fn set_quote_status(&mut self, id: QuoteId, status: QuoteStatus) -> Result<(), RegisterError>;

    /// The Quotes list of the month that contains `day`: its quotes by date, with counts by
    /// status, totals by currency and the acceptance rate ([`MonthQuotes`]).
    fn quotes_of_month(&self, day: Date) -> Result<MonthQuotes, RegisterError>;

    /// Writes a consistent copy of the register to `target`, a new file (mode 0600);
    /// [`RegisterError::BackupExists`] if it exists. See the crate's documentation for how
    /// to restore it.
    fn backup_to(&self, target: &Path) -> Result<(), RegisterError>;
}
