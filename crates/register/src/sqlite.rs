//! The register in one SQLite file: [`SqliteRegister`].
//!
//! Opening creates the file with mode 0600 (only the clinic's account can read patient
//! data), turns on WAL (readers never wait for a writer; a crash never leaves a half-written
//! change), foreign keys and a busy timeout (5 s by default: a second desk writing at the
//! same moment waits its turn instead of failing), then brings the schema up to date.
//! Every write is one `BEGIN IMMEDIATE` transaction, so two desks never lose a write.

#![allow(
    clippy::disallowed_methods,
    reason = "the register owns its database file: it creates it (mode 0600), its backups, \
              and removes a backup it failed to write"
)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use dose_planner_core::{Money, Sex};
use jiff::civil::Date;
use rusqlite::types::Type;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Row, TransactionBehavior};

use crate::Register;
use crate::error::{Record, RegisterError};
use crate::migrations::{self, MigrateError};
use crate::model::{
    Course, CourseId, CourseStatus, ListedQuote, MonthQuotes, NewCourse, NewPatient, NewQuote,
    NewVisit, OpenCourse, Patient, PatientId, QuoteEntry, QuoteId, QuoteStatus, Sha256Hex, Visit,
    VisitId,
};
use crate::search_key::{search_key, upper_bound};

/// The largest frozen price sheet the register stores, in bytes of UTF-8: the app's price
/// sheet limit (256 KB), so a course or saved quote never carries a sheet the app would not
/// read from a file.
pub const MAX_SHEET_BYTES: usize = 256 * 1024;

/// How a register is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterOptions {
    /// How long a write waits for another desk's write to finish before giving up with
    /// [`RegisterError::Locked`]. 5 seconds by default.
    pub busy_timeout: Duration,
}

impl Default for RegisterOptions {
    fn default() -> RegisterOptions {
        RegisterOptions {
            busy_timeout: Duration::from_secs(5),
        }
    }
}

/// The register in a SQLite file (see the crate's documentation).
#[derive(Debug)]
pub struct SqliteRegister {
    conn: Connection,
    path: PathBuf,
    busy_timeout: Duration,
}

/// A failure inside an operation: SQLite's, or already the register's own. Turned into a
/// [`RegisterError`] (with the file's path) at the edge of each operation.
enum Fail {
    Sql(rusqlite::Error),
    Register(RegisterError),
}

impl From<rusqlite::Error> for Fail {
    fn from(e: rusqlite::Error) -> Fail {
        Fail::Sql(e)
    }
}

impl From<RegisterError> for Fail {
    fn from(e: RegisterError) -> Fail {
        Fail::Register(e)
    }
}

type Outcome<T> = Result<T, Fail>;

impl SqliteRegister {
    /// Opens the register at `path`, creating it (mode 0600) if there is no file yet, and
    /// brings its schema up to date. The folder must exist.
    ///
    /// Errors: [`RegisterError::Io`] (no folder, no permission), [`RegisterError::Corrupt`]
    /// (not a SQLite file, damaged), [`RegisterError::NewerSchema`] (written by a newer
    /// planner: nothing is changed), [`RegisterError::Locked`] (another desk holds it while
    /// its schema needs upgrading).
    pub fn open(path: &Path) -> Result<SqliteRegister, RegisterError> {
        SqliteRegister::open_with(path, &RegisterOptions::default())
    }

    /// [`SqliteRegister::open`] with options (a shorter busy timeout in tests).
    pub fn open_with(
        path: &Path,
        options: &RegisterOptions,
    ) -> Result<SqliteRegister, RegisterError> {
        create_private(path)?;
        let fail = |e| classify(e, path, options.busy_timeout);
        // No SQLITE_OPEN_CREATE: the file exists now, with the mode we chose.
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        conn.busy_timeout(options.busy_timeout).map_err(fail)?;
        // The first statement that reads the file: a file that is not a database fails here.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
            .map_err(fail)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(fail)?;
        match migrations::migrate(&mut conn) {
            Ok(_) => {}
            Err(MigrateError::Newer { found }) => {
                return Err(RegisterError::NewerSchema {
                    path: path.to_path_buf(),
                    found,
                    supported: migrations::SCHEMA_VERSION,
                });
            }
            Err(MigrateError::Sql(e)) => return Err(fail(e)),
        }
        Ok(SqliteRegister {
            conn,
            path: path.to_path_buf(),
            busy_timeout: options.busy_timeout,
        })
    }

    /// The register's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the file (equal to
    /// [`SCHEMA_VERSION`](crate::SCHEMA_VERSION) once open).
    pub fn schema_version(&self) -> Result<u32, RegisterError> {
        self.read(|conn| Ok(migrations::current_version(conn)?))
    }

    /// Runs `work` as one transaction: every write inside is committed together, or none if
    /// `work` fails. For imports and generated data (one commit instead of thousands). The
    /// register is locked for other desks' writes meanwhile, so keep it short at a desk.
    /// Each operation writes a single row, so an error inside leaves the transaction as it
    /// was before that operation.
    pub fn in_transaction<T>(
        &mut self,
        work: impl FnOnce(&mut SqliteRegister) -> Result<T, RegisterError>,
    ) -> Result<T, RegisterError> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.classify(e))?;
        match work(self) {
            Ok(value) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => Ok(value),
                Err(e) => {
                    let error = self.classify(e);
                    self.roll_back();
                    Err(error)
                }
            },
            Err(error) => {
                self.roll_back();
                Err(error)
            }
        }
    }

    /// A path for today's backup in `dir`: `register-backup-YYYY-MM-DD.sqlite3`, or with
    /// `-2`, `-3`, … when that name is taken.
    pub fn next_backup_path(dir: &Path, today: Date) -> PathBuf {
        let mut candidate = dir.join(format!("register-backup-{today}.sqlite3"));
        let mut n = 2u32;
        while candidate.symlink_metadata().is_ok() && n < 10_000 {
            candidate = dir.join(format!("register-backup-{today}-{n}.sqlite3"));
            n += 1;
        }
        candidate
    }

    fn roll_back(&mut self) {
        if !self.conn.is_autocommit() {
            // A failed rollback leaves SQLite to roll back when the connection closes; the
            // caller already has the error that matters.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }

    fn classify(&self, e: rusqlite::Error) -> RegisterError {
        classify(e, &self.path, self.busy_timeout)
    }

    fn finish<T>(&self, outcome: Outcome<T>) -> Result<T, RegisterError> {
        outcome.map_err(|fail| match fail {
            Fail::Sql(e) => self.classify(e),
            Fail::Register(e) => e,
        })
    }

    /// Runs reads on one consistent snapshot (a deferred transaction, rolled back).
    fn read<T>(&self, work: impl FnOnce(&Connection) -> Outcome<T>) -> Result<T, RegisterError> {
        let outcome = if self.conn.is_autocommit() {
            (|| {
                let tx = self.conn.unchecked_transaction()?;
                work(&tx)
            })()
        } else {
            work(&self.conn)
        };
        self.finish(outcome)
    }

    /// Runs a write as one IMMEDIATE transaction (or inside [`Self::in_transaction`]).
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Connection) -> Outcome<T>,
    ) -> Result<T, RegisterError> {
        let outcome = if self.conn.is_autocommit() {
            (|| {
                let tx = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)?;
                let value = work(&tx)?;
                tx.commit()?;
                Ok(value)
            })()
        } else {
            work(&self.conn)
        };
        self.finish(outcome)
    }
}

/// Creates the file with mode 0600 (on Unix) if it does not exist, so that SQLite (and its
/// `-wal` and `-shm` files, which take the database file's mode) never makes it readable to
/// others. An existing file keeps its mode: a clinic may have chosen a group on purpose.
fn create_private(path: &Path) -> Result<(), RegisterError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map(drop)
        .map_err(|source| RegisterError::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// SQLite's error in the register's words.
fn classify(e: rusqlite::Error, path: &Path, waited: Duration) -> RegisterError {
    let path = path.to_path_buf();
    let detail = e.to_string();
    match &e {
        rusqlite::Error::SqliteFailure(failure, _) => match failure.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                RegisterError::Locked { path, waited }
            }
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
                RegisterError::Corrupt { path, detail }
            }
            ErrorCode::DiskFull => RegisterError::DiskFull { path },
            ErrorCode::ReadOnly => RegisterError::ReadOnly { path },
            ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::SystemIoFailure => {
                RegisterError::Io {
                    path,
                    source: std::io::Error::other(detail),
                }
            }
            _ => RegisterError::Database { path, detail },
        },
        // A value this build cannot read back: the file was changed by something else.
        rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::InvalidColumnType(..)
        | rusqlite::Error::IntegralValueOutOfRange(..) => RegisterError::Corrupt { path, detail },
        _ => RegisterError::Database { path, detail },
    }
}

/// A stored value this build cannot read.
#[derive(Debug)]
struct Unreadable(String);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unreadable value {:?}", self.0)
    }
}

impl std::error::Error for Unreadable {}

/// Column `idx` as text parsed by `parse`; a conversion error when it does not parse.
fn parsed<T>(row: &Row<'_>, idx: usize, parse: impl Fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(Unreadable(text)))
    })
}

fn date_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<Date> {
    parsed(row, idx, |s| s.parse::<Date>().ok())
}

fn iso(date: Date) -> String {
    date.to_string()
}

fn sex_code(sex: Sex) -> &'static str {
    match sex {
        Sex::Female => "female",
        Sex::Male => "male",
    }
}

fn sex_from_code(code: &str) -> Option<Sex> {
    match code {
        "female" => Some(Sex::Female),
        "male" => Some(Sex::Male),
        _ => None,
    }
}

fn patient_row(row: &Row<'_>) -> rusqlite::Result<Patient> {
    Ok(Patient {
        id: PatientId(row.get(0)?),
        number: row.get(1)?,
        name: row.get(2)?,
        date_of_birth: date_at(row, 3)?,
        sex: parsed(row, 4, sex_from_code)?,
    })
}

fn course_row(row: &Row<'_>) -> rusqlite::Result<Course> {
    Ok(Course {
        id: CourseId(row.get(0)?),
        patient: PatientId(row.get(1)?),
        start: date_at(row, 2)?,
        target_mg_per_kg: row.get(3)?,
        request_json: row.get(4)?,
        sheet_name: row.get(5)?,
        sheet_toml: row.get(6)?,
        currency: row.get(7)?,
        product: row.get(8)?,
        status: parsed(row, 9, CourseStatus::from_code)?,
    })
}

fn visit_row(row: &Row<'_>) -> rusqlite::Result<Visit> {
    Ok(Visit {
        id: VisitId(row.get(0)?),
        course: CourseId(row.get(1)?),
        date: date_at(row, 2)?,
        weight_kg: row.get(3)?,
        daily_dose: row.get(4)?,
        dispensed: row.get(5)?,
        days_covered: row.get(6)?,
        missed_days: row.get(7)?,
        tests_done: row.get(8)?,
        visit_kind: row.get(9)?,
        charged: Money(row.get(10)?),
    })
}

fn quote_row(row: &Row<'_>) -> rusqlite::Result<QuoteEntry> {
    let sha: Option<String> = row.get(7)?;
    let pdf_sha256 = match sha {
        None => None,
        Some(text) => Some(Sha256Hex::parse(&text).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(7, Type::Text, Box::new(Unreadable(text)))
        })?),
    };
    Ok(QuoteEntry {
        id: QuoteId(row.get(0)?),
        date: date_at(row, 1)?,
        patient: PatientId(row.get(2)?),
        course: row.get::<_, Option<i64>>(3)?.map(CourseId),
        total: Money(row.get(4)?),
        currency: row.get(5)?,
        status: parsed(row, 6, QuoteStatus::from_code)?,
        pdf_sha256,
    })
}

fn exists(conn: &Connection, sql: &str, id: i64) -> rusqlite::Result<bool> {
    let mut stmt = conn.prepare_cached(sql)?;
    stmt.exists([id])
}

fn require_patient(conn: &Connection, id: PatientId) -> Outcome<()> {
    if exists(conn, "SELECT 1 FROM patients WHERE id = ?1", id.0)? {
        Ok(())
    } else {
        Err(RegisterError::NotFound {
            what: Record::Patient,
            id: id.0,
        }
        .into())
    }
}

fn require_course(conn: &Connection, id: CourseId) -> Outcome<()> {
    if exists(conn, "SELECT 1 FROM courses WHERE id = ?1", id.0)? {
        Ok(())
    } else {
        Err(RegisterError::NotFound {
            what: Record::Course,
            id: id.0,
        }
        .into())
    }
}

/// Refuses a patient number another patient (not `except`) already has.
fn require_free_number(conn: &Connection, number: &str, except: Option<PatientId>) -> Outcome<()> {
    let mut stmt = conn.prepare_cached("SELECT id FROM patients WHERE number_key = ?1")?;
    let holder: Option<i64> = stmt
        .query_row([search_key(number)], |row| row.get(0))
        .optional()?;
    match holder {
        Some(id) if Some(PatientId(id)) != except => Err(RegisterError::DuplicateNumber {
            number: number.to_string(),
        }
        .into()),
        _ => Ok(()),
    }
}

/// The id of the frozen sheet with this text, stored now if no course or quote has used it
/// yet (each distinct sheet is stored once, keyed by its SHA-256). A sheet over
/// [`MAX_SHEET_BYTES`] is refused: no price sheet is read beyond that size.
fn store_sheet(conn: &Connection, sheet_toml: &str) -> Outcome<i64> {
    if sheet_toml.len() > MAX_SHEET_BYTES {
        return Err(RegisterError::SheetTooLarge {
            bytes: sheet_toml.len(),
            limit: MAX_SHEET_BYTES,
        }
        .into());
    }
    let key = migrations::sha256_hex(sheet_toml);
    let mut insert = conn.prepare_cached(
        "INSERT INTO sheets (sha256, sheet_toml) VALUES (?1, ?2) ON CONFLICT (sha256) DO NOTHING",
    )?;
    insert.execute([key.as_str(), sheet_toml])?;
    let mut select = conn.prepare_cached("SELECT id, sheet_toml FROM sheets WHERE sha256 = ?1")?;
    let (id, stored): (i64, String) =
        select.query_row([key.as_str()], |row| Ok((row.get(0)?, row.get(1)?)))?;
    if stored != sheet_toml {
        // Two texts with one SHA-256, or a row changed by something else: never reference
        // another sheet's prices.
        return Err(rusqlite::Error::FromSqlConversionFailure(
            1,
            Type::Text,
            Box::new(Unreadable(format!("price sheet {key}"))),
        )
        .into());
    }
    Ok(id)
}

fn not_found(what: Record, id: i64) -> Fail {
    RegisterError::NotFound { what, id }.into()
}

impl Register for SqliteRegister {
    fn add_patient(&mut self, patient: &NewPatient) -> Result<PatientId, RegisterError> {
        self.write(|conn| {
            require_free_number(conn, &patient.number, None)?;
            let mut stmt = conn.prepare_cached(
                "INSERT INTO patients (patient_number, number_key, name, name_key, date_of_birth, sex)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            )?;
            let id = stmt.query_row(
                rusqlite::params![
                    patient.number,
                    search_key(&patient.number),
                    patient.name,
                    search_key(&patient.name),
                    iso(patient.date_of_birth),
                    sex_code(patient.sex),
                ],
                |row| row.get(0),
            )?;
            Ok(PatientId(id))
        })
    }

    fn update_patient(&mut self, id: PatientId, patient: &NewPatient) -> Result<(), RegisterError> {
        self.write(|conn| {
            require_patient(conn, id)?;
            require_free_number(conn, &patient.number, Some(id))?;
            let mut stmt = conn.prepare_cached(
                "UPDATE patients SET patient_number = ?1, number_key = ?2, name = ?3,
                 name_key = ?4, date_of_birth = ?5, sex = ?6 WHERE id = ?7",
            )?;
            stmt.execute(rusqlite::params![
                patient.number,
                search_key(&patient.number),
                patient.name,
                search_key(&patient.name),
                iso(patient.date_of_birth),
                sex_code(patient.sex),
                id.0,
            ])?;
            Ok(())
        })
    }

    fn patient(&self, id: PatientId) -> Result<Patient, RegisterError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, patient_number, name, date_of_birth, sex FROM patients WHERE id = ?1",
            )?;
            stmt.query_row([id.0], patient_row)
                .optional()?
                .ok_or_else(|| not_found(Record::Patient, id.0))
        })
    }

    fn find_patients(&self, query: &str, limit: u32) -> Result<Vec<Patient>, RegisterError> {
        let prefix = search_key(query);
        self.read(|conn| {
            let mut found = Vec::new();
            if prefix.is_empty() {
                let mut stmt = conn.prepare_cached(
                    "SELECT id, patient_number, name, date_of_birth, sex FROM patients
                     ORDER BY name_key, id LIMIT ?1",
                )?;
                for p in stmt.query_map([limit], patient_row)? {
                    found.push(p?);
                }
                return Ok(found);
            }
            // Two index range scans (name, number), merged; never a scan of every row.
            let (sql, bound) = match upper_bound(&prefix) {
                Some(bound) => (
                    "SELECT id, patient_number, name, date_of_birth, sex, name_key FROM patients
                     WHERE name_key >= ?1 AND name_key < ?2
                     UNION
                     SELECT id, patient_number, name, date_of_birth, sex, name_key FROM patients
                     WHERE number_key >= ?1 AND number_key < ?2
                     ORDER BY name_key, id LIMIT ?3",
                    Some(bound),
                ),
                None => (
                    "SELECT id, patient_number, name, date_of_birth, sex, name_key FROM patients
                     WHERE name_key >= ?1 AND ?2 IS NULL
                     UNION
                     SELECT id, patient_number, name, date_of_birth, sex, name_key FROM patients
                     WHERE number_key >= ?1 AND ?2 IS NULL
                     ORDER BY name_key, id LIMIT ?3",
                    None,
                ),
            };
            let mut stmt = conn.prepare_cached(sql)?;
            for p in stmt.query_map(rusqlite::params![prefix, bound, limit], patient_row)? {
                found.push(p?);
            }
            Ok(found)
        })
    }

    fn add_course(&mut self, course: &NewCourse) -> Result<CourseId, RegisterError> {
        self.write(|conn| {
            require_patient(conn, course.patient)?;
            let sheet = store_sheet(conn, &course.sheet_toml)?;
            let mut stmt = conn.prepare_cached(
                "INSERT INTO courses (patient_id, start_date, target_mg_per_kg, request_json,
                 sheet_name, sheet_id, currency, product, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
            )?;
            let id = stmt.query_row(
                rusqlite::params![
                    course.patient.0,
                    iso(course.start),
                    course.target_mg_per_kg,
                    course.request_json,
                    course.sheet_name,
                    sheet,
                    course.currency,
                    course.product,
                    course.status.code(),
                ],
                |row| row.get(0),
            )?;
            Ok(CourseId(id))
        })
    }

    fn set_course_status(
        &mut self,
        id: CourseId,
        status: CourseStatus,
    ) -> Result<(), RegisterError> {
        self.write(|conn| {
            let mut stmt = conn.prepare_cached("UPDATE courses SET status = ?1 WHERE id = ?2")?;
            match stmt.execute(rusqlite::params![status.code(), id.0])? {
                0 => Err(not_found(Record::Course, id.0)),
                _ => Ok(()),
            }
        })
    }

    fn courses_of(&self, patient: PatientId) -> Result<Vec<Course>, RegisterError> {
        self.read(|conn| {
            require_patient(conn, patient)?;
            let mut stmt = conn.prepare_cached(
                "SELECT c.id, c.patient_id, c.start_date, c.target_mg_per_kg, c.request_json,
                 c.sheet_name, s.sheet_toml, c.currency, c.product, c.status
                 FROM courses c JOIN sheets s ON s.id = c.sheet_id
                 WHERE c.patient_id = ?1 ORDER BY c.start_date, c.id",
            )?;
            let mut courses = Vec::new();
            for c in stmt.query_map([patient.0], course_row)? {
                courses.push(c?);
            }
            Ok(courses)
        })
    }

    fn open_course(&self, id: CourseId) -> Result<OpenCourse, RegisterError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT c.id, c.patient_id, c.start_date, c.target_mg_per_kg, c.request_json,
                 c.sheet_name, s.sheet_toml, c.currency, c.product, c.status
                 FROM courses c JOIN sheets s ON s.id = c.sheet_id WHERE c.id = ?1",
            )?;
            let course = stmt
                .query_row([id.0], course_row)
                .optional()?
                .ok_or_else(|| not_found(Record::Course, id.0))?;
            let mut stmt = conn.prepare_cached(
                "SELECT id, patient_number, name, date_of_birth, sex FROM patients WHERE id = ?1",
            )?;
            let patient = stmt
                .query_row([course.patient.0], patient_row)
                .optional()?
                .ok_or_else(|| not_found(Record::Patient, course.patient.0))?;
            let mut stmt = conn.prepare_cached(
                "SELECT id, course_id, visit_date, weight_kg, daily_dose, dispensed, days_covered,
                 missed_days, tests_done, visit_kind, charged_minor FROM visits
                 WHERE course_id = ?1 ORDER BY visit_date, id",
            )?;
            let mut visits = Vec::new();
            for v in stmt.query_map([id.0], visit_row)? {
                visits.push(v?);
            }
            Ok(OpenCourse {
                course,
                patient,
                visits,
            })
        })
    }

    fn add_visit(&mut self, visit: &NewVisit) -> Result<VisitId, RegisterError> {
        self.write(|conn| {
            require_course(conn, visit.course)?;
            let mut stmt = conn.prepare_cached(
                "INSERT INTO visits (course_id, visit_date, weight_kg, daily_dose, dispensed,
                 days_covered, missed_days, tests_done, visit_kind, charged_minor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
            )?;
            let id = stmt.query_row(
                rusqlite::params![
                    visit.course.0,
                    iso(visit.date),
                    visit.weight_kg,
                    visit.daily_dose,
                    visit.dispensed,
                    visit.days_covered,
                    visit.missed_days,
                    visit.tests_done,
                    visit.visit_kind,
                    visit.charged.0,
                ],
                |row| row.get(0),
            )?;
            Ok(VisitId(id))
        })
    }

    fn add_quote(&mut self, quote: &NewQuote) -> Result<QuoteId, RegisterError> {
        self.write(|conn| {
            require_patient(conn, quote.patient)?;
            // The quote was priced with its course's frozen sheet.
            let sheet: Option<i64> = match quote.course {
                None => None,
                Some(course) => {
                    let mut stmt = conn.prepare_cached(
                        "SELECT sheet_id FROM courses WHERE id = ?1 AND patient_id = ?2",
                    )?;
                    stmt.query_row([course.0, quote.patient.0], |row| row.get(0))
                        .optional()?
                        .ok_or_else(|| not_found(Record::Course, course.0))?
                }
            };
            let mut stmt = conn.prepare_cached(
                "INSERT INTO quotes (quote_date, patient_id, course_id, total_minor, currency,
                 status, pdf_sha256, sheet_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 RETURNING id",
            )?;
            let id = stmt.query_row(
                rusqlite::params![
                    iso(quote.date),
                    quote.patient.0,
                    quote.course.map(|c| c.0),
                    quote.total.0,
                    quote.currency,
                    quote.status.code(),
                    quote.pdf_sha256.as_ref().map(Sha256Hex::as_str),
                    sheet,
                ],
                |row| row.get(0),
            )?;
            Ok(QuoteId(id))
        })
    }

    fn set_quote_status(&mut self, id: QuoteId, status: QuoteStatus) -> Result<(), RegisterError> {
        self.write(|conn| {
            let mut stmt = conn.prepare_cached("UPDATE quotes SET status = ?1 WHERE id = ?2")?;
            match stmt.execute(rusqlite::params![status.code(), id.0])? {
                0 => Err(not_found(Record::Quote, id.0)),
                _ => Ok(()),
            }
        })
    }

    fn quotes_of_month(&self, day: Date) -> Result<MonthQuotes, RegisterError> {
        let first = day.first_of_month();
        let last = day.last_of_month();
        let quotes = self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT q.id, q.quote_date, q.patient_id, q.course_id, q.total_minor, q.currency,
                 q.status, q.pdf_sha256, p.patient_number, p.name
                 FROM quotes q JOIN patients p ON p.id = q.patient_id
                 WHERE q.quote_date >= ?1 AND q.quote_date <= ?2
                 ORDER BY q.quote_date, q.id",
            )?;
            let mut quotes = Vec::new();
            let rows = stmt.query_map([iso(first), iso(last)], |row| {
                Ok(ListedQuote {
                    quote: quote_row(row)?,
                    patient_number: row.get(8)?,
                    patient_name: row.get(9)?,
                })
            })?;
            for q in rows {
                quotes.push(q?);
            }
            Ok(quotes)
        })?;
        MonthQuotes::from_quotes(first, quotes).map_err(|_| RegisterError::Overflow)
    }

    fn backup_to(&self, target: &Path) -> Result<(), RegisterError> {
        let io = |source| RegisterError::Io {
            path: target.to_path_buf(),
            source,
        };
        let Some(target_text) = target.to_str() else {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the backup's path is not valid UTF-8; choose a simpler file name",
            )));
        };
        // Created empty here, mode 0600, and never over an existing file (create_new is
        // atomic); VACUUM INTO accepts an empty target.
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(target) {
            Ok(file) => drop(file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(RegisterError::BackupExists {
                    path: target.to_path_buf(),
                });
            }
            Err(e) => return Err(io(e)),
        }
        let written = self
            .conn
            .execute("VACUUM INTO ?1", [target_text])
            .map_err(|e| match classify(e, &self.path, self.busy_timeout) {
                RegisterError::DiskFull { .. } => RegisterError::DiskFull {
                    path: target.to_path_buf(),
                },
                other => other,
            })
            .and_then(|_| {
                // VACUUM INTO does not flush the copy to the disk; a backup must survive a
                // power cut.
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(target)
                    .and_then(|f| f.sync_all())
                    .map_err(io)
            });
        if written.is_err() {
            // A half-written backup must not pass for a good one; if it cannot be removed,
            // the error below still says the backup failed.
            let _ = std::fs::remove_file(target);
        }
        written
    }
}
