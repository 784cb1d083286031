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
use std::time::{Duration, Instant};

use dose_planner_core::{Money, Sex};
use jiff::civil::Date;
use rusqlite::types::Type;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Row, TransactionBehavior};

use crate::Register;
use crate::error::{PatientField, Record, RegisterError, TextProblem};
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
    /// A new register is built under a temporary name beside `path` and linked into place
    /// only when complete, so a failed or killed creation leaves no file at `path` (and its
    /// temporary file is removed by the next open). An existing file is checked before
    /// anything is written to it: a 0-byte file, another program's database and a damaged
    /// register (`PRAGMA quick_check`) are refused, unchanged.
    ///
    /// Errors: [`RegisterError::Io`] (no folder, no permission), [`RegisterError::Empty`],
    /// [`RegisterError::NotARegister`], [`RegisterError::Damaged`], [`RegisterError::Corrupt`]
    /// (not a SQLite file), [`RegisterError::NewerSchema`] (written by a newer planner:
    /// nothing is changed), [`RegisterError::Locked`] (another desk holds it while its schema
    /// needs upgrading), [`RegisterError::DiskFull`].
    pub fn open(path: &Path) -> Result<SqliteRegister, RegisterError> {
        SqliteRegister::open_with(path, &RegisterOptions::default())
    }

    /// [`SqliteRegister::open`] with options (a shorter busy timeout in tests).
    pub fn open_with(
        path: &Path,
        options: &RegisterOptions,
    ) -> Result<SqliteRegister, RegisterError> {
        let started = Instant::now();
        let fail = |e| classify(e, path, started.elapsed());
        if existing_register_file(path)? {
            precheck(path, started)?;
        } else {
            create_register(path, options)?;
        }
        // What killed creations left, removed BEFORE this process opens the register:
        // another desk's temporary file may be a hard link to the register itself (between
        // its link and its removal), and on Unix closing any descriptor of a file drops every
        // POSIX lock this process holds on it — SQLite's locks included. Done after the
        // connection was open, a desk lost its locks, took itself for the last connection,
        // and removed the WAL with the other desks' committed rows in it (1 of 4 imports lost
        // in ~1 of 50 rounds under load).
        remove_leftovers(path, NEW_MARK);
        // No SQLITE_OPEN_CREATE: the file exists, with the mode it was made with.
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        conn.busy_timeout(options.busy_timeout).map_err(fail)?;
        check_register(&conn, path, started)?;
        // A register made by this build is in WAL mode already; an older one is switched
        // (under the busy handler: the switch waits for other desks like any write).
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .map_err(fail)?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| {
                row.get::<_, String>(0)
            })
            .map_err(fail)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(fail)?;
        upgrade(&mut conn, path, started)?;
        Ok(SqliteRegister {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing register for reading only (listing, backups): nothing in the file
    /// or its folder is created or changed, so a register on a read-only disk or share can
    /// be listed and backed up. A register at an older schema is upgraded first (that needs
    /// write access once). Errors as [`SqliteRegister::open`], and
    /// [`RegisterError::Missing`] when there is no file.
    pub fn open_read_only(
        path: &Path,
        options: &RegisterOptions,
    ) -> Result<SqliteRegister, RegisterError> {
        let started = Instant::now();
        let fail = |e| classify(e, path, started.elapsed());
        if !existing_register_file(path)? {
            return Err(RegisterError::Missing {
                path: path.to_path_buf(),
            });
        }
        precheck(path, started)?;
        let open = |uri: Option<String>| -> Result<Connection, RegisterError> {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = match uri {
                None => Connection::open_with_flags(path, flags),
                Some(uri) => Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI),
            }
            .map_err(fail)?;
            conn.busy_timeout(options.busy_timeout).map_err(fail)?;
            check_register(&conn, path, started)?;
            Ok(conn)
        };
        let conn = match open(None) {
            Ok(conn) => conn,
            // A WAL register on a read-only disk, closed cleanly, has no `-shm` file and none
            // can be made: read it as an immutable file (nothing on that disk can change it).
            Err(RegisterError::Io { .. } | RegisterError::ReadOnly { .. }) => {
                open(immutable_uri(path))?
            }
            Err(e) => return Err(e),
        };
        let found = migrations::current_version(&conn).map_err(fail)?;
        if found > migrations::SCHEMA_VERSION {
            return Err(RegisterError::NewerSchema {
                path: path.to_path_buf(),
                found,
                supported: migrations::SCHEMA_VERSION,
            });
        }
        if found < migrations::SCHEMA_VERSION {
            drop(conn);
            return SqliteRegister::open_with(path, options);
        }
        Ok(SqliteRegister {
            conn,
            path: path.to_path_buf(),
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
        let started = Instant::now();
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.classify(e, started))?;
        match work(self) {
            Ok(value) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => Ok(value),
                Err(e) => {
                    let error = self.classify(e, started);
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

    /// SQLite's error in the register's words; a lock reports the time waited since
    /// `started`.
    fn classify(&self, e: rusqlite::Error, started: Instant) -> RegisterError {
        classify(e, &self.path, started.elapsed())
    }

    fn finish<T>(&self, outcome: Outcome<T>, started: Instant) -> Result<T, RegisterError> {
        outcome.map_err(|fail| match fail {
            Fail::Sql(e) => self.classify(e, started),
            Fail::Register(e) => e,
        })
    }

    /// Runs reads on one consistent snapshot (a deferred transaction, rolled back).
    fn read<T>(&self, work: impl FnOnce(&Connection) -> Outcome<T>) -> Result<T, RegisterError> {
        let started = Instant::now();
        let outcome = if self.conn.is_autocommit() {
            (|| {
                let tx = self.conn.unchecked_transaction()?;
                work(&tx)
            })()
        } else {
            work(&self.conn)
        };
        self.finish(outcome, started)
    }

    /// Runs a write as one IMMEDIATE transaction (or inside [`Self::in_transaction`]).
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Connection) -> Outcome<T>,
    ) -> Result<T, RegisterError> {
        let started = Instant::now();
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
        self.finish(outcome, started)
    }
}

/// The mark in the name of a register being created (`.register.sqlite3.dose-planner-new-…`).
const NEW_MARK: &str = ".dose-planner-new-";
/// The mark in the name of a backup being written (`.register-backup-….dose-planner-partial-…`).
const PARTIAL_MARK: &str = ".dose-planner-partial-";

/// The version of [`search_key`] the keys in a register were computed with, kept in
/// SQLite's `user_version`: a register keyed by an older version is re-keyed at open.
/// 1: names and numbers NFC-normalised before keying.
const KEY_VERSION: i64 = 1;

/// Whether `path` is a file to open as a register (`false`: there is none yet). A 0-byte
/// file is refused: the planner never leaves one, so it is a failed copy or a mistyped
/// name, never a register.
fn existing_register_file(path: &Path) -> Result<bool, RegisterError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == 0 => Err(RegisterError::Empty {
            path: path.to_path_buf(),
        }),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(io_error(path, source)),
    }
}

fn io_error(path: &Path, source: std::io::Error) -> RegisterError {
    match source.kind() {
        std::io::ErrorKind::NotADirectory => RegisterError::NotAFolder {
            path: path.to_path_buf(),
        },
        std::io::ErrorKind::StorageFull => RegisterError::DiskFull {
            path: path.to_path_buf(),
        },
        _ => RegisterError::Io {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// The folder a file is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// A temporary file (mode 0600) beside `path`, named `.NAME` + `mark` + random letters.
fn temp_beside(path: &Path, mark: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // tempfile makes its files with mode 0600 on Unix.
    tempfile::Builder::new()
        .prefix(&format!(".{name}{mark}"))
        .tempfile_in(folder_of(path))
        // The system's words without the temporary file's name (tempfile adds it).
        .map_err(|e| {
            let text = e.to_string();
            match text.split_once(" at path ") {
                Some((words, _)) => std::io::Error::new(e.kind(), words.to_string()),
                None => e,
            }
        })
}

/// A file and its SQLite companions (`-wal`, `-shm`, `-journal`), removed; each may be
/// absent. Best effort: used only on files nobody else uses.
fn remove_with_companions(file: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = file.as_os_str().to_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Removes what a killed creation or backup left beside `path`: files named `.…` + `mark` +
/// `…` (and their SQLite companions). A temporary file that its writer still holds (its
/// lock, on Unix, cannot be taken) is left alone; a companion (`-journal`, `-wal`, `-shm`)
/// goes with its temporary file. Best effort: a file that cannot be removed stays.
fn remove_leftovers(path: &Path, mark: &str) {
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return;
    };
    let names: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with('.') && name.contains(mark)
        })
        .map(|e| e.path())
        .collect();
    let is_companion = |p: &Path| {
        let name = p.to_string_lossy();
        ["-wal", "-shm", "-journal"]
            .iter()
            .any(|s| name.ends_with(s))
    };
    for temp in names.iter().filter(|p| !is_companion(p)) {
        if !in_use(temp) {
            remove_with_companions(temp);
        }
    }
    // Companions whose temporary file is gone.
    for companion in names.iter().filter(|p| is_companion(p)) {
        let name = companion.to_string_lossy();
        let main = ["-wal", "-shm", "-journal"]
            .iter()
            .find_map(|s| name.strip_suffix(s))
            .map(PathBuf::from);
        if main.is_some_and(|m| m.symlink_metadata().is_err()) {
            let _ = std::fs::remove_file(companion);
        }
    }
}

/// Whether a temporary file's writer is still at work: it holds an advisory lock on it
/// (Unix `flock`, which SQLite's own `fcntl` locks never touch). Elsewhere `false`.
fn in_use(temp: &Path) -> bool {
    #[cfg(unix)]
    {
        match std::fs::File::open(temp) {
            Ok(file) => matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock)),
            Err(_) => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = temp;
        false
    }
}

/// Marks a temporary file as being written (see [`in_use`]); the lock goes with the file's
/// handle.
fn hold(temp: &tempfile::NamedTempFile) {
    #[cfg(unix)]
    {
        // Without the lock, another desk's clean-up may remove the file early; the writer
        // then fails cleanly (its link finds no file), so a failed lock is not an error.
        let _ = temp.as_file().try_lock();
    }
    #[cfg(not(unix))]
    let _ = temp;
}

/// Whether the disk holding `dir` is full: a 64 KB probe file cannot be written. SQLite
/// reports a full disk while setting up a WAL file's shared memory as a plain I/O error.
fn disk_is_full(dir: &Path) -> bool {
    let Ok(mut probe) = tempfile::Builder::new()
        .prefix(".dose-planner-probe-")
        .tempfile_in(dir)
    else {
        return false;
    };
    let written = std::io::Write::write_all(&mut probe, &[0u8; 64 * 1024])
        .and_then(|()| probe.as_file().sync_all());
    matches!(written, Err(e) if e.kind() == std::io::ErrorKind::StorageFull)
}

/// Fsyncs a folder so a file linked into it survives a power cut (Unix; elsewhere the file
/// system journals it).
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Links a complete `temp` file to `path`, never over an existing file (a hard link fails
/// if `path` exists; where the file system has no hard links, a rename after checking).
/// `Ok(false)` when `path` existed.
fn link_into_place(temp: &Path, path: &Path) -> std::io::Result<bool> {
    match std::fs::hard_link(temp, path) {
        Ok(()) => {
            sync_folder(folder_of(path));
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => {
            if path.symlink_metadata().is_ok() {
                return Ok(false);
            }
            if e.kind() == std::io::ErrorKind::NotFound {
                return Err(e);
            }
            std::fs::rename(temp, path)?;
            sync_folder(folder_of(path));
            Ok(true)
        }
    }
}

/// Builds a new register under a temporary name beside `path` (WAL mode, schema up to
/// date), then links it into place. Nothing is left at `path` if this fails; if another
/// desk created the register meanwhile, theirs is kept.
fn create_register(path: &Path, options: &RegisterOptions) -> Result<(), RegisterError> {
    let started = Instant::now();
    let temp = temp_beside(path, NEW_MARK).map_err(|e| io_error(path, e))?;
    hold(&temp);
    let built = (|| -> Result<(), RegisterError> {
        let fail = |e| classify(e, path, started.elapsed());
        let mut conn = Connection::open_with_flags(
            temp.path(),
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        conn.busy_timeout(options.busy_timeout).map_err(fail)?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
            .map_err(fail)?;
        migrations::migrate(&mut conn).map_err(|e| match e {
            MigrateError::Sql(e) => fail(e),
            MigrateError::Newer { found } => RegisterError::NewerSchema {
                path: path.to_path_buf(),
                found,
                supported: migrations::SCHEMA_VERSION,
            },
        })?;
        conn.pragma_update(None, "user_version", KEY_VERSION)
            .map_err(fail)?;
        conn.close().map_err(|(_, e)| fail(e))?;
        temp.as_file().sync_all().map_err(|e| io_error(path, e))?;
        match link_into_place(temp.path(), path) {
            Ok(_) => Ok(()),
            // Another desk's open removed this one's file as a leftover after creating
            // the register itself.
            Err(_) if path.symlink_metadata().is_ok() => Ok(()),
            Err(e) => Err(io_error(path, e)),
        }
    })();
    remove_with_companions(temp.path());
    drop(temp);
    match built {
        // Another desk made the register meanwhile: open theirs.
        Err(_) if path.symlink_metadata().is_ok() => Ok(()),
        Err(RegisterError::Io { .. } | RegisterError::Database { .. })
            if disk_is_full(folder_of(path)) =>
        {
            Err(RegisterError::DiskFull {
                path: path.to_path_buf(),
            })
        }
        other => other,
    }
}

/// Checks an opened file before anything is written to it: another program's database is
/// refused (it has tables but not the register's `schema_migrations`), and so is a damaged
/// one (`PRAGMA quick_check`).
fn check_register(conn: &Connection, path: &Path, started: Instant) -> Result<(), RegisterError> {
    let fail = |e| classify(e, path, started.elapsed());
    check_not_foreign(conn, path, started)?;
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |row| row.get::<_, String>(0))
        .map_err(|e| match fail(e) {
            RegisterError::Corrupt { path, detail } => RegisterError::Damaged { path, detail },
            other => other,
        })?;
    if verdict != "ok" {
        // SQLite heads its findings with `*** in database main ***`: the finding is below.
        let finding = verdict
            .lines()
            .find(|line| !line.starts_with("*** in database"))
            .unwrap_or(&verdict);
        return Err(RegisterError::Damaged {
            path: path.to_path_buf(),
            detail: one_line(finding),
        });
    }
    Ok(())
}

/// Refuses another program's database: tables, but not the register's `schema_migrations`.
fn check_not_foreign(
    conn: &Connection,
    path: &Path,
    started: Instant,
) -> Result<(), RegisterError> {
    let fail = |e| classify(e, path, started.elapsed());
    // The first statement that reads the file: a file that is not a database fails here.
    let (tables, registers): (i64, i64) = conn
        .query_row(
            "SELECT COUNT(*), COALESCE(SUM(name = 'schema_migrations'), 0) FROM sqlite_master
             WHERE type = 'table'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .map_err(fail)?;
    if tables > 0 && registers == 0 {
        return Err(RegisterError::NotARegister {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Looks at the file as it is on the disk, without SQLite's `-wal` and `-shm` companions
/// (an immutable, read-only connection creates none): another program's database
/// is refused before any file is made beside it.
fn precheck(path: &Path, started: Instant) -> Result<(), RegisterError> {
    let Some(uri) = immutable_uri(path) else {
        return Ok(());
    };
    let Ok(conn) = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    ) else {
        return Ok(());
    };
    // Only a definite answer counts here: an immutable read takes no lock, so a page another
    // desk is checkpointing at this moment may read oddly; the normal open checks again.
    match check_not_foreign(&conn, path, started) {
        Err(e @ RegisterError::NotARegister { .. }) => Err(e),
        _ => Ok(()),
    }
}

/// The migrations, then the search keys recomputed if they were made by an older
/// [`search_key`] (one transaction; a key another patient already holds is left as it was,
/// so no row is lost and no number changes hands).
fn upgrade(conn: &mut Connection, path: &Path, started: Instant) -> Result<(), RegisterError> {
    let fail = |e| classify(e, path, started.elapsed());
    match migrations::migrate(conn) {
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
    let keyed: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(fail)?;
    if keyed >= KEY_VERSION {
        return Ok(());
    }
    let mut rekey = || -> rusqlite::Result<()> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let keyed: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if keyed < KEY_VERSION {
            let rows: Vec<(i64, String, String)> = {
                let mut stmt = tx.prepare("SELECT id, patient_number, name FROM patients")?;
                stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
                    .collect::<rusqlite::Result<_>>()?
            };
            let mut name_key = tx.prepare("UPDATE patients SET name_key = ?1 WHERE id = ?2")?;
            let mut number_key = tx.prepare(
                "UPDATE patients SET number_key = ?1 WHERE id = ?2
                 AND NOT EXISTS (SELECT 1 FROM patients WHERE number_key = ?1 AND id <> ?2)",
            )?;
            for (id, number, name) in rows {
                name_key.execute(rusqlite::params![search_key(&name), id])?;
                number_key.execute(rusqlite::params![search_key(&number), id])?;
            }
            drop((name_key, number_key));
            tx.pragma_update(None, "user_version", KEY_VERSION)?;
        }
        tx.commit()
    };
    rekey().map_err(fail)
}

/// The first line of a text, at most 200 characters: SQLite's words in a one-line message.
fn one_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

/// `file:PATH?immutable=1` for SQLite, percent-encoding what a URI cannot hold; `None`
/// when the path is not UTF-8.
fn immutable_uri(path: &Path) -> Option<String> {
    let text = path.to_str()?;
    let mut uri = String::from("file:");
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(char::from(byte));
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
}

/// SQLite's error in the register's words.
fn classify(e: rusqlite::Error, path: &Path, waited: Duration) -> RegisterError {
    let path = path.to_path_buf();
    // SQLite's own words, one line: never the statement (a migration is ~90 lines of SQL).
    let detail = one_line(&match &e {
        rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        other => other.to_string(),
    });
    match &e {
        rusqlite::Error::SqliteFailure(failure, _) => match failure.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                RegisterError::Locked { path, waited }
            }
            ErrorCode::NotADatabase => RegisterError::Corrupt { path, detail },
            ErrorCode::DatabaseCorrupt => RegisterError::Damaged { path, detail },
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

/// The longest patient number or name the register keeps, in characters (the name's rule,
/// [`dose_planner_core::patient::MAX_NAME_CHARS`], for both).
pub const MAX_PATIENT_TEXT_CHARS: usize = dose_planner_core::patient::MAX_NAME_CHARS;

/// A patient's number and name as the register keeps them: trimmed, NFC, and refused when
/// the number is empty, either is longer than [`MAX_PATIENT_TEXT_CHARS`], or either holds a
/// control or bidirectional character (which would garble a terminal, a CSV or a PDF).
pub(crate) fn checked_patient(patient: &NewPatient) -> Result<NewPatient, RegisterError> {
    use unicode_normalization::UnicodeNormalization;
    let check = |field: PatientField, text: &str, may_be_empty: bool| {
        let text: String = text.trim().nfc().collect();
        let problem = if let Some(c) = text
            .chars()
            .find(|c| dose_planner_core::patient::is_unsafe_char(*c))
        {
            Some(TextProblem::Control(c))
        } else if text.chars().count() > MAX_PATIENT_TEXT_CHARS {
            Some(TextProblem::TooLong {
                chars: text.chars().count(),
                max: MAX_PATIENT_TEXT_CHARS,
            })
        } else if text.is_empty() && !may_be_empty {
            Some(TextProblem::Empty)
        } else {
            None
        };
        match problem {
            Some(problem) => Err(RegisterError::PatientText { field, problem }),
            None => Ok(text),
        }
    };
    Ok(NewPatient {
        number: check(PatientField::Number, &patient.number, false)?,
        name: check(PatientField::Name, &patient.name, true)?,
        date_of_birth: patient.date_of_birth,
        sex: patient.sex,
    })
}

fn not_found(what: Record, id: i64) -> Fail {
    RegisterError::NotFound { what, id }.into()
}

impl Register for SqliteRegister {
    fn add_patient(&mut self, patient: &NewPatient) -> Result<PatientId, RegisterError> {
        let patient = &checked_patient(patient)?;
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
        let patient = &checked_patient(patient)?;
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

    fn patient_by_number(&self, number: &str) -> Result<Option<Patient>, RegisterError> {
        let key = search_key(number);
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, patient_number, name, date_of_birth, sex FROM patients
                 WHERE number_key = ?1",
            )?;
            Ok(stmt.query_row([key], patient_row).optional()?)
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
        let started = Instant::now();
        let io = |source: std::io::Error| match io_error(target, source) {
            RegisterError::Io { path, source } => RegisterError::BackupIo { path, source },
            other => other,
        };
        // What killed backups left in this folder: their temporary copies and journals.
        remove_leftovers(target, PARTIAL_MARK);
        if target.symlink_metadata().is_ok() {
            return Err(RegisterError::BackupExists {
                path: target.to_path_buf(),
            });
        }
        // Written under a temporary name (mode 0600) and linked to `target` only once
        // complete and checked: a killed or failed backup never leaves a file that looks
        // like a backup.
        let temp = temp_beside(target, PARTIAL_MARK).map_err(io)?;
        hold(&temp);
        let written = (|| -> Result<(), RegisterError> {
            let Some(temp_text) = temp.path().to_str() else {
                return Err(io(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "the backup's path is not valid UTF-8; choose a simpler folder name",
                )));
            };
            self.conn
                .execute("VACUUM INTO ?1", [temp_text])
                .map_err(|e| match classify(e, &self.path, started.elapsed()) {
                    RegisterError::DiskFull { .. } => RegisterError::DiskFull {
                        path: target.to_path_buf(),
                    },
                    other => other,
                })?;
            verify_copy(temp.path(), target)?;
            // VACUUM INTO does not flush the copy to the disk; a backup must survive a
            // power cut.
            temp.as_file().sync_all().map_err(io)?;
            match link_into_place(temp.path(), target).map_err(io)? {
                true => Ok(()),
                false => Err(RegisterError::BackupExists {
                    path: target.to_path_buf(),
                }),
            }
        })();
        remove_with_companions(temp.path());
        drop(temp);
        written
    }
}

/// Checks a backup's copy before it takes the backup's name: a complete register
/// (`PRAGMA integrity_check`) at this build's schema version.
fn verify_copy(copy: &Path, target: &Path) -> Result<(), RegisterError> {
    let failed = |detail: String| RegisterError::BackupFailed {
        path: target.to_path_buf(),
        detail,
    };
    let conn = Connection::open_with_flags(
        copy,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| failed(one_line(&e.to_string())))?;
    let verdict: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |row| row.get(0))
        .map_err(|e| failed(one_line(&e.to_string())))?;
    if verdict != "ok" {
        return Err(failed(one_line(&verdict)));
    }
    let version =
        migrations::current_version(&conn).map_err(|e| failed(one_line(&e.to_string())))?;
    if version != migrations::SCHEMA_VERSION {
        return Err(failed(format!("schema version {version}")));
    }
    Ok(())
}
