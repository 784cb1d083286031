//! The register on a shared PostgreSQL server: [`PostgresRegister`].
//!
//! One connection per desk, through the synchronous `postgres` client (pure Rust: nothing to
//! install on a desk), TLS by rustls with the `ring` provider as `sslmode` asks
//! ([`SslMode`]). Every statement is parameterised; no text a person typed is ever part of
//! SQL. Reads run in one `REPEATABLE READ READ ONLY` transaction (one consistent moment);
//! writes in one transaction each. A connection the server dropped (a restart, the network)
//! is opened again at the next operation; an operation that failed because the connection
//! was lost before its commit was sent is run once more on the new connection, so a desk
//! never sees a restart it did not have to.
//!
//! The schema is brought up to date on connect with the numbered migrations in
//! `migrations/pg/` (the same versions as SQLite's, written for PostgreSQL), each in one
//! transaction under an advisory lock, so two desks starting at once take turns.

#![allow(
    clippy::disallowed_methods,
    reason = "the clinic's CA file named by sslrootcert is read here, once, when connecting"
)]

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use dose_planner_core::{Money, Sex};
use jiff::civil::Date;
use postgres::error::SqlState;
use postgres::{Client, IsolationLevel, Row, Transaction};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

use crate::Register;
use crate::address::{ServerAddress, SslMode};
use crate::error::{Record, RegisterError};
use crate::migrations::{Migration, SCHEMA_VERSION, sha256_hex};
use crate::model::{
    Course, CourseId, CourseStatus, ListedQuote, MonthQuotes, NewCourse, NewPatient, NewQuote,
    NewVisit, OpenCourse, Patient, PatientId, QuoteEntry, QuoteId, QuoteStatus, Sha256Hex, Visit,
    VisitId,
};
use crate::search_key::{search_key, upper_bound};
use crate::sqlite::{MAX_SHEET_BYTES, checked_patient};

/// Every migration for PostgreSQL, oldest first: the same versions as
/// [`MIGRATIONS`](crate::MIGRATIONS), in PostgreSQL's SQL.
pub const PG_MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_init.sql",
        sql: include_str!("../migrations/pg/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "0002_sheets_once.sql",
        sql: include_str!("../migrations/pg/0002_sheets_once.sql"),
    },
];

/// The advisory lock that serialises migrations between desks (any fixed number).
const MIGRATION_LOCK: i64 = 0x646f_7365_706c_616e;

/// How long connecting waits for the server before saying it cannot be reached.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The register on a PostgreSQL server (see the module's documentation).
pub struct PostgresRegister {
    client: RefCell<Option<Client>>,
    address: ServerAddress,
    password: Option<String>,
    shown: String,
}

impl std::fmt::Debug for PostgresRegister {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password.
        f.debug_struct("PostgresRegister")
            .field("address", &self.shown)
            .finish_non_exhaustive()
    }
}

/// A failure inside an operation: the server's, or already the register's own.
enum Fail {
    Sql(postgres::Error),
    Register(RegisterError),
}

impl From<postgres::Error> for Fail {
    fn from(e: postgres::Error) -> Fail {
        Fail::Sql(e)
    }
}

impl From<RegisterError> for Fail {
    fn from(e: RegisterError) -> Fail {
        Fail::Register(e)
    }
}

type Outcome<T> = Result<T, Fail>;

impl PostgresRegister {
    /// Connects to the register at `address` as its user, with `password` when the server
    /// asks for one (from the password file or typed at sign-in; never stored), and brings
    /// the schema up to date.
    ///
    /// Errors: [`RegisterError::ServerAway`] (no server, network, TLS, sign-in refused),
    /// [`RegisterError::NewerSchema`] (a newer planner upgraded it: nothing is changed),
    /// [`RegisterError::Server`] (the server refused the schema, e.g. no right to create it).
    pub fn connect(
        address: &ServerAddress,
        password: Option<&str>,
    ) -> Result<PostgresRegister, RegisterError> {
        let register = PostgresRegister {
            client: RefCell::new(None),
            address: address.clone(),
            password: password.map(str::to_string),
            shown: address.to_string(),
        };
        let mut client = register.new_client()?;
        migrate(&mut client, &register.shown)?;
        *register.client.borrow_mut() = Some(client);
        Ok(register)
    }

    /// The server's address (no password).
    pub fn address(&self) -> &ServerAddress {
        &self.address
    }

    /// The schema version recorded on the server.
    pub fn schema_version(&self) -> Result<u32, RegisterError> {
        self.read(|tx| current_version(tx).map_err(Fail::Sql))
    }

    /// The role this desk is signed in as (the server's `current_user`).
    pub fn signed_in_as(&self) -> Result<String, RegisterError> {
        self.read(|tx| Ok(tx.query_one("SELECT current_user::text", &[])?.try_get(0)?))
    }

    fn new_client(&self) -> Result<Client, RegisterError> {
        let mut config = postgres::Config::new();
        config
            .host(&self.address.host)
            .port(self.address.port)
            .dbname(&self.address.dbname)
            .application_name("dose-planner")
            .connect_timeout(CONNECT_TIMEOUT)
            .ssl_mode(match self.address.sslmode {
                SslMode::Disable => postgres::config::SslMode::Disable,
                SslMode::Prefer => postgres::config::SslMode::Prefer,
                SslMode::Require | SslMode::VerifyFull => postgres::config::SslMode::Require,
            });
        if let Some(user) = &self.address.user {
            config.user(user);
        }
        if let Some(password) = &self.password {
            config.password(password);
        }
        let tls = tls_connector(&self.address).map_err(|detail| self.away(detail))?;
        config.connect(tls).map_err(|e| self.away(describe(&e)))
    }

    fn away(&self, detail: String) -> RegisterError {
        RegisterError::ServerAway {
            server: self.shown.clone(),
            detail,
        }
    }

    fn classify(&self, fail: Fail) -> RegisterError {
        match fail {
            Fail::Register(e) => e,
            Fail::Sql(e) => classify(&e, &self.shown),
        }
    }

    /// Runs `work` in a transaction on the connection, opening a new connection first when
    /// the server dropped the last one. When the connection is lost before the commit was
    /// sent, nothing was written: `work` runs once more on a new connection.
    fn run<T>(
        &self,
        read_only: bool,
        mut work: impl FnMut(&mut Transaction<'_>) -> Outcome<T>,
    ) -> Result<T, RegisterError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut slot = self.client.borrow_mut();
            let client = match slot.as_mut() {
                Some(client) if !client.is_closed() => client,
                _ => {
                    *slot = None;
                    let fresh = self.new_client()?;
                    slot.insert(fresh)
                }
            };
            let mut committing = false;
            let outcome = (|| {
                let mut tx = if read_only {
                    client
                        .build_transaction()
                        .isolation_level(IsolationLevel::RepeatableRead)
                        .read_only(true)
                        .start()?
                } else {
                    client.transaction()?
                };
                let value = work(&mut tx)?;
                committing = true;
                tx.commit()?;
                Ok(value)
            })();
            match outcome {
                Ok(value) => return Ok(value),
                Err(Fail::Sql(e)) if lost(&e, client) => {
                    *slot = None;
                    if committing && !read_only {
                        // The commit may or may not have reached the server: never run a
                        // write twice; say so.
                        return Err(self.away(describe(&e)));
                    }
                    if attempt >= 2 {
                        return Err(self.away(describe(&e)));
                    }
                }
                Err(fail) => return Err(self.classify(fail)),
            }
        }
    }

    fn read<T>(
        &self,
        work: impl FnMut(&mut Transaction<'_>) -> Outcome<T>,
    ) -> Result<T, RegisterError> {
        self.run(true, work)
    }

    fn write<T>(
        &mut self,
        work: impl FnMut(&mut Transaction<'_>) -> Outcome<T>,
    ) -> Result<T, RegisterError> {
        self.run(false, work)
    }
}

/// Whether `e` means the connection is gone (the server restarted or the network failed).
fn lost(e: &postgres::Error, client: &Client) -> bool {
    if e.is_closed() || client.is_closed() {
        return true;
    }
    matches!(
        e.code(),
        Some(code) if *code == SqlState::ADMIN_SHUTDOWN
            || *code == SqlState::CRASH_SHUTDOWN
            || *code == SqlState::CANNOT_CONNECT_NOW
    )
}

/// The client's error with its cause (the server's message, or the IO or TLS error).
fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.message().to_string();
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn classify(e: &postgres::Error, shown: &str) -> RegisterError {
    let server = shown.to_string();
    if e.is_closed() || e.as_db_error().is_none() {
        return RegisterError::ServerAway {
            server,
            detail: describe(e),
        };
    }
    RegisterError::Server {
        server,
        detail: describe(e),
    }
}

/// The TLS side of a connection as `sslmode` asks.
fn tls_connector(
    address: &ServerAddress,
) -> Result<tokio_postgres_rustls::MakeRustlsConnect, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    let config = match (address.sslmode, &address.sslrootcert) {
        (SslMode::VerifyFull, Some(ca_file)) => {
            let bytes = std::fs::read(ca_file)
                .map_err(|e| format!("sslrootcert {}: {e}", ca_file.display()))?;
            let mut roots = rustls::RootCertStore::empty();
            for cert in CertificateDer::pem_slice_iter(&bytes) {
                let cert = cert.map_err(|e| format!("sslrootcert {}: {e}", ca_file.display()))?;
                roots
                    .add(cert)
                    .map_err(|e| format!("sslrootcert {}: {e}", ca_file.display()))?;
            }
            if roots.is_empty() {
                return Err(format!(
                    "sslrootcert {}: no certificate in the file",
                    ca_file.display()
                ));
            }
            builder.with_root_certificates(roots).with_no_client_auth()
        }
        // prefer / require (and disable, where TLS is never started): encrypted, the
        // certificate not checked, as libpq does for these modes; signatures still are.
        _ => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(EncryptOnly(provider)))
            .with_no_client_auth(),
    };
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// `sslmode=prefer|require`: accepts the server's certificate without checking who signed
/// it (as libpq does), but checks the handshake's signatures with it.
#[derive(Debug)]
struct EncryptOnly(Arc<CryptoProvider>);

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// The version recorded on the server: 0 for an empty database.
fn current_version(tx: &mut Transaction<'_>) -> Result<u32, postgres::Error> {
    let has_table: bool = tx
        .query_one("SELECT to_regclass('schema_migrations') IS NOT NULL", &[])?
        .try_get(0)?;
    if !has_table {
        return Ok(0);
    }
    let version: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0)::bigint FROM schema_migrations",
            &[],
        )?
        .try_get(0)?;
    Ok(u32::try_from(version).unwrap_or(u32::MAX))
}

/// Brings the schema up to [`SCHEMA_VERSION`], one transaction per migration under an
/// advisory lock. An up-to-date schema is only read.
fn migrate(client: &mut Client, shown: &str) -> Result<u32, RegisterError> {
    let fail = |e: postgres::Error| classify(&e, shown);
    let newer = |found: u32| RegisterError::NewerSchema {
        path: shown.into(),
        found,
        supported: SCHEMA_VERSION,
    };
    loop {
        let mut tx = client.transaction().map_err(fail)?;
        let found = current_version(&mut tx).map_err(fail)?;
        if found > SCHEMA_VERSION {
            return Err(newer(found));
        }
        if found == SCHEMA_VERSION {
            tx.commit().map_err(fail)?;
            return Ok(found);
        }
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .map_err(fail)?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version BIGINT PRIMARY KEY,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
             )",
        )
        .map_err(fail)?;
        // Another desk may have migrated while this one waited for the lock.
        let now = current_version(&mut tx).map_err(fail)?;
        if now > SCHEMA_VERSION {
            return Err(newer(now));
        }
        let Some(next) = PG_MIGRATIONS.iter().find(|m| m.version > now) else {
            tx.commit().map_err(fail)?;
            return Ok(now);
        };
        tx.batch_execute(next.sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_migrations (version) VALUES ($1)",
            &[&i64::from(next.version)],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
}

/// A stored value this build cannot read: the row was changed by something else.
fn unreadable(shown: &str, what: &str) -> Fail {
    Fail::Register(RegisterError::Server {
        server: shown.to_string(),
        detail: format!("unreadable value {what:?}"),
    })
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

fn date_of(row: &Row, idx: usize) -> Outcome<Date> {
    let text: String = row.try_get(idx)?;
    text.parse::<Date>().map_err(|_| unreadable("", &text))
}

fn u32_of(row: &Row, idx: usize) -> Outcome<u32> {
    let n: i64 = row.try_get(idx)?;
    u32::try_from(n).map_err(|_| unreadable("", &n.to_string()))
}

fn patient_row(row: &Row) -> Outcome<Patient> {
    let sex: String = row.try_get(4)?;
    Ok(Patient {
        id: PatientId(row.try_get(0)?),
        number: row.try_get(1)?,
        name: row.try_get(2)?,
        date_of_birth: date_of(row, 3)?,
        sex: match sex.as_str() {
            "female" => Sex::Female,
            "male" => Sex::Male,
            _ => return Err(unreadable("", &sex)),
        },
    })
}

fn course_row(row: &Row) -> Outcome<Course> {
    let status: String = row.try_get(9)?;
    Ok(Course {
        id: CourseId(row.try_get(0)?),
        patient: PatientId(row.try_get(1)?),
        start: date_of(row, 2)?,
        target_mg_per_kg: row.try_get(3)?,
        request_json: row.try_get(4)?,
        sheet_name: row.try_get(5)?,
        sheet_toml: row.try_get(6)?,
        currency: row.try_get(7)?,
        product: row.try_get(8)?,
        status: CourseStatus::from_code(&status).ok_or_else(|| unreadable("", &status))?,
    })
}

fn visit_row(row: &Row) -> Outcome<Visit> {
    Ok(Visit {
        id: VisitId(row.try_get(0)?),
        course: CourseId(row.try_get(1)?),
        date: date_of(row, 2)?,
        weight_kg: row.try_get(3)?,
        daily_dose: row.try_get(4)?,
        dispensed: row.try_get(5)?,
        days_covered: u32_of(row, 6)?,
        missed_days: u32_of(row, 7)?,
        tests_done: row.try_get(8)?,
        visit_kind: row.try_get(9)?,
        charged: Money(row.try_get(10)?),
    })
}

fn quote_row(row: &Row) -> Outcome<QuoteEntry> {
    let status: String = row.try_get(6)?;
    let sha: Option<String> = row.try_get(7)?;
    let pdf_sha256 = match sha {
        None => None,
        Some(text) => Some(Sha256Hex::parse(&text).ok_or_else(|| unreadable("", &text))?),
    };
    Ok(QuoteEntry {
        id: QuoteId(row.try_get(0)?),
        date: date_of(row, 1)?,
        patient: PatientId(row.try_get(2)?),
        course: row.try_get::<_, Option<i64>>(3)?.map(CourseId),
        total: Money(row.try_get(4)?),
        currency: row.try_get(5)?,
        status: QuoteStatus::from_code(&status).ok_or_else(|| unreadable("", &status))?,
        pdf_sha256,
    })
}

fn not_found(what: Record, id: i64) -> Fail {
    RegisterError::NotFound { what, id }.into()
}

fn require(tx: &mut Transaction<'_>, sql: &str, what: Record, id: i64) -> Outcome<()> {
    if tx.query_opt(sql, &[&id])?.is_some() {
        Ok(())
    } else {
        Err(not_found(what, id))
    }
}

fn require_patient(tx: &mut Transaction<'_>, id: PatientId) -> Outcome<()> {
    require(
        tx,
        "SELECT 1 FROM patients WHERE id = $1",
        Record::Patient,
        id.0,
    )
}

/// Refuses a patient number another patient (not `except`) already has. Two desks adding
/// the same number at once: the unique index refuses the second ([`duplicate`]).
fn require_free_number(
    tx: &mut Transaction<'_>,
    number: &str,
    except: Option<PatientId>,
) -> Outcome<()> {
    let holder = tx.query_opt(
        "SELECT id FROM patients WHERE number_key = $1",
        &[&search_key(number)],
    )?;
    match holder {
        Some(row) if Some(PatientId(row.try_get(0)?)) != except => {
            Err(RegisterError::DuplicateNumber {
                number: number.to_string(),
            }
            .into())
        }
        _ => Ok(()),
    }
}

/// The unique index on the number refused a row another desk wrote meanwhile.
fn duplicate(number: &str) -> impl Fn(Fail) -> Fail + '_ {
    move |fail| match fail {
        Fail::Sql(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
            RegisterError::DuplicateNumber {
                number: number.to_string(),
            }
            .into()
        }
        other => other,
    }
}

const PATIENT_COLUMNS: &str = "id, patient_number, name, date_of_birth, sex";
/// A course's columns, from `courses c JOIN sheets s ON s.id = c.sheet_id`.
const COURSE_COLUMNS: &str = "c.id, c.patient_id, c.start_date, c.target_mg_per_kg, \
     c.request_json, c.sheet_name, s.sheet_toml, c.currency, c.product, c.status";

/// The id of the frozen sheet with this text, stored now if no course has used it yet (each
/// distinct sheet once, keyed by its SHA-256, as on SQLite). A sheet over
/// [`MAX_SHEET_BYTES`] is refused.
fn store_sheet(tx: &mut Transaction<'_>, shown: &str, sheet_toml: &str) -> Outcome<i64> {
    if sheet_toml.len() > MAX_SHEET_BYTES {
        return Err(RegisterError::SheetTooLarge {
            bytes: sheet_toml.len(),
            limit: MAX_SHEET_BYTES,
        }
        .into());
    }
    let key = sha256_hex(sheet_toml);
    tx.execute(
        "INSERT INTO sheets (sha256, sheet_toml) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
        &[&key, &sheet_toml],
    )?;
    let row = tx.query_one(
        "SELECT id, sheet_toml FROM sheets WHERE sha256 = $1",
        &[&key],
    )?;
    let stored: String = row.try_get(1)?;
    if stored != sheet_toml {
        // Two texts with one SHA-256, or a row changed by something else: never reference
        // another sheet's prices.
        return Err(unreadable(shown, &format!("price sheet {key}")));
    }
    Ok(row.try_get(0)?)
}

impl Register for PostgresRegister {
    fn add_patient(&mut self, patient: &NewPatient) -> Result<PatientId, RegisterError> {
        let patient = &checked_patient(patient)?;
        self.write(|tx| {
            require_free_number(tx, &patient.number, None)?;
            let row = tx
                .query_one(
                    "INSERT INTO patients (patient_number, number_key, name, name_key,
                     date_of_birth, sex) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    &[
                        &patient.number,
                        &search_key(&patient.number),
                        &patient.name,
                        &search_key(&patient.name),
                        &iso(patient.date_of_birth),
                        &sex_code(patient.sex),
                    ],
                )
                .map_err(Fail::Sql)
                .map_err(duplicate(&patient.number))?;
            Ok(PatientId(row.try_get(0)?))
        })
    }

    fn update_patient(&mut self, id: PatientId, patient: &NewPatient) -> Result<(), RegisterError> {
        let patient = &checked_patient(patient)?;
        self.write(|tx| {
            require_patient(tx, id)?;
            require_free_number(tx, &patient.number, Some(id))?;
            tx.execute(
                "UPDATE patients SET patient_number = $1, number_key = $2, name = $3,
                 name_key = $4, date_of_birth = $5, sex = $6 WHERE id = $7",
                &[
                    &patient.number,
                    &search_key(&patient.number),
                    &patient.name,
                    &search_key(&patient.name),
                    &iso(patient.date_of_birth),
                    &sex_code(patient.sex),
                    &id.0,
                ],
            )
            .map_err(Fail::Sql)
            .map_err(duplicate(&patient.number))?;
            Ok(())
        })
    }

    fn patient(&self, id: PatientId) -> Result<Patient, RegisterError> {
        self.read(|tx| {
            let row = tx.query_opt(
                &format!("SELECT {PATIENT_COLUMNS} FROM patients WHERE id = $1"),
                &[&id.0],
            )?;
            match row {
                Some(row) => patient_row(&row),
                None => Err(not_found(Record::Patient, id.0)),
            }
        })
    }

    fn find_patients(&self, query: &str, limit: u32) -> Result<Vec<Patient>, RegisterError> {
        let prefix = search_key(query);
        let limit = i64::from(limit);
        let bound = upper_bound(&prefix);
        self.read(|tx| {
            let rows = if prefix.is_empty() {
                tx.query(
                    &format!(
                        "SELECT {PATIENT_COLUMNS} FROM patients ORDER BY name_key, id LIMIT $1"
                    ),
                    &[&limit],
                )?
            } else {
                // Two index range scans (name, number), merged; never a scan of every row.
                // The key columns are COLLATE "C": code-point order, as on SQLite.
                match &bound {
                    Some(bound) => tx.query(
                        &format!(
                            "SELECT {PATIENT_COLUMNS}, name_key FROM patients
                             WHERE name_key >= $1 AND name_key < $2
                             UNION
                             SELECT {PATIENT_COLUMNS}, name_key FROM patients
                             WHERE number_key >= $1 AND number_key < $2
                             ORDER BY name_key, id LIMIT $3"
                        ),
                        &[&prefix, bound, &limit],
                    )?,
                    None => tx.query(
                        &format!(
                            "SELECT {PATIENT_COLUMNS}, name_key FROM patients
                             WHERE name_key >= $1
                             UNION
                             SELECT {PATIENT_COLUMNS}, name_key FROM patients
                             WHERE number_key >= $1
                             ORDER BY name_key, id LIMIT $2"
                        ),
                        &[&prefix, &limit],
                    )?,
                }
            };
            rows.iter().map(patient_row).collect()
        })
    }

    fn add_course(&mut self, course: &NewCourse) -> Result<CourseId, RegisterError> {
        let shown = self.shown.clone();
        self.write(|tx| {
            require_patient(tx, course.patient)?;
            let sheet = store_sheet(tx, &shown, &course.sheet_toml)?;
            let row = tx.query_one(
                "INSERT INTO courses (patient_id, start_date, target_mg_per_kg, request_json,
                 sheet_name, sheet_id, currency, product, status)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                &[
                    &course.patient.0,
                    &iso(course.start),
                    &course.target_mg_per_kg,
                    &course.request_json,
                    &course.sheet_name,
                    &sheet,
                    &course.currency,
                    &course.product,
                    &course.status.code(),
                ],
            )?;
            Ok(CourseId(row.try_get(0)?))
        })
    }

    fn set_course_status(
        &mut self,
        id: CourseId,
        status: CourseStatus,
    ) -> Result<(), RegisterError> {
        self.write(|tx| {
            match tx.execute(
                "UPDATE courses SET status = $1 WHERE id = $2",
                &[&status.code(), &id.0],
            )? {
                0 => Err(not_found(Record::Course, id.0)),
                _ => Ok(()),
            }
        })
    }

    fn courses_of(&self, patient: PatientId) -> Result<Vec<Course>, RegisterError> {
        self.read(|tx| {
            require_patient(tx, patient)?;
            let rows = tx.query(
                &format!(
                    "SELECT {COURSE_COLUMNS} FROM courses c JOIN sheets s ON s.id = c.sheet_id
                     WHERE c.patient_id = $1 ORDER BY c.start_date, c.id"
                ),
                &[&patient.0],
            )?;
            rows.iter().map(course_row).collect()
        })
    }

    fn open_course(&self, id: CourseId) -> Result<OpenCourse, RegisterError> {
        self.read(|tx| {
            let course = match tx.query_opt(
                &format!(
                    "SELECT {COURSE_COLUMNS} FROM courses c JOIN sheets s ON s.id = c.sheet_id
                     WHERE c.id = $1"
                ),
                &[&id.0],
            )? {
                Some(row) => course_row(&row)?,
                None => return Err(not_found(Record::Course, id.0)),
            };
            let patient = match tx.query_opt(
                &format!("SELECT {PATIENT_COLUMNS} FROM patients WHERE id = $1"),
                &[&course.patient.0],
            )? {
                Some(row) => patient_row(&row)?,
                None => return Err(not_found(Record::Patient, course.patient.0)),
            };
            let visits = tx
                .query(
                    "SELECT id, course_id, visit_date, weight_kg, daily_dose, dispensed,
                     days_covered, missed_days, tests_done, visit_kind, charged_minor
                     FROM visits WHERE course_id = $1 ORDER BY visit_date, id",
                    &[&id.0],
                )?
                .iter()
                .map(visit_row)
                .collect::<Outcome<Vec<Visit>>>()?;
            Ok(OpenCourse {
                course,
                patient,
                visits,
            })
        })
    }

    fn add_visit(&mut self, visit: &NewVisit) -> Result<VisitId, RegisterError> {
        self.write(|tx| {
            require(
                tx,
                "SELECT 1 FROM courses WHERE id = $1",
                Record::Course,
                visit.course.0,
            )?;
            let row = tx.query_one(
                "INSERT INTO visits (course_id, visit_date, weight_kg, daily_dose, dispensed,
                 days_covered, missed_days, tests_done, visit_kind, charged_minor)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                &[
                    &visit.course.0,
                    &iso(visit.date),
                    &visit.weight_kg,
                    &visit.daily_dose,
                    &visit.dispensed,
                    &i64::from(visit.days_covered),
                    &i64::from(visit.missed_days),
                    &visit.tests_done,
                    &visit.visit_kind,
                    &visit.charged.0,
                ],
            )?;
            Ok(VisitId(row.try_get(0)?))
        })
    }

    fn add_quote(&mut self, quote: &NewQuote) -> Result<QuoteId, RegisterError> {
        self.write(|tx| {
            require_patient(tx, quote.patient)?;
            // The quote was priced with its course's frozen sheet.
            let sheet: Option<i64> = match quote.course {
                None => None,
                Some(course) => match tx.query_opt(
                    "SELECT sheet_id FROM courses WHERE id = $1 AND patient_id = $2",
                    &[&course.0, &quote.patient.0],
                )? {
                    Some(row) => row.try_get(0)?,
                    None => return Err(not_found(Record::Course, course.0)),
                },
            };
            let row = tx.query_one(
                "INSERT INTO quotes (quote_date, patient_id, course_id, total_minor, currency,
                 status, pdf_sha256, sheet_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 RETURNING id",
                &[
                    &iso(quote.date),
                    &quote.patient.0,
                    &quote.course.map(|c| c.0),
                    &quote.total.0,
                    &quote.currency,
                    &quote.status.code(),
                    &quote.pdf_sha256.as_ref().map(Sha256Hex::as_str),
                    &sheet,
                ],
            )?;
            Ok(QuoteId(row.try_get(0)?))
        })
    }

    fn set_quote_status(&mut self, id: QuoteId, status: QuoteStatus) -> Result<(), RegisterError> {
        self.write(|tx| {
            match tx.execute(
                "UPDATE quotes SET status = $1 WHERE id = $2",
                &[&status.code(), &id.0],
            )? {
                0 => Err(not_found(Record::Quote, id.0)),
                _ => Ok(()),
            }
        })
    }

    fn quotes_of_month(&self, day: Date) -> Result<MonthQuotes, RegisterError> {
        let first = day.first_of_month();
        let last = day.last_of_month();
        let quotes = self.read(|tx| {
            let rows = tx.query(
                "SELECT q.id, q.quote_date, q.patient_id, q.course_id, q.total_minor, q.currency,
                 q.status, q.pdf_sha256, p.patient_number, p.name
                 FROM quotes q JOIN patients p ON p.id = q.patient_id
                 WHERE q.quote_date >= $1 AND q.quote_date <= $2
                 ORDER BY q.quote_date, q.id",
                &[&iso(first), &iso(last)],
            )?;
            rows.iter()
                .map(|row| {
                    Ok(ListedQuote {
                        quote: quote_row(row)?,
                        patient_number: row.try_get(8)?,
                        patient_name: row.try_get(9)?,
                    })
                })
                .collect::<Outcome<Vec<ListedQuote>>>()
        })?;
        MonthQuotes::from_quotes(first, quotes).map_err(|_| RegisterError::Overflow)
    }

    fn backup_to(&self, target: &std::path::Path) -> Result<(), RegisterError> {
        // The planner never copies a shared register itself: pg_dump on the server's side
        // takes a consistent copy while every desk keeps working.
        Err(RegisterError::ServerBackup {
            command: format!(
                "pg_dump --format=custom --file={} \"{}\"",
                target.with_extension("dump").display(),
                self.shown
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MIGRATIONS;

    #[test]
    fn postgresql_has_every_migration_sqlite_has_under_the_same_number_and_name() {
        let pg: Vec<(u32, &str)> = PG_MIGRATIONS.iter().map(|m| (m.version, m.name)).collect();
        let sqlite: Vec<(u32, &str)> = MIGRATIONS.iter().map(|m| (m.version, m.name)).collect();
        assert_eq!(pg, sqlite);
        for m in PG_MIGRATIONS {
            let sql: String = m
                .sql
                .lines()
                .map(|line| line.split("--").next().unwrap_or_default())
                .collect::<Vec<_>>()
                .join("\n")
                .to_ascii_uppercase();
            assert!(
                !sql.contains("INTEGER PRIMARY KEY"),
                "{}: use identity ids",
                m.name
            );
        }
    }
}
