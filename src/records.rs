//! The register as the app and the command line use it: where it is, opening it (its folder
//! made first), a saved quote imported into it, and a month's Quotes list as CSV.
//!
//! The register itself (SQL, migrations, locking) is `dose-planner-register`; this module
//! only joins it to the app's own formats (saved quotes, price sheets).

use std::path::{Path, PathBuf};

use dose_planner_register::model::{
    CourseId, CourseStatus, MonthQuotes, NewCourse, NewPatient, NewQuote, PatientId, QuoteId,
    QuoteStatus, Sha256Hex,
};
use dose_planner_register::{
    PostgresRegister, Register, RegisterAddress, RegisterError, ServerAddress, SqliteRegister,
};

use crate::i18n::Lang;
use crate::saved::SavedQuote;

/// A register opened at its address: a file or a server.
pub enum Opened {
    /// A SQLite file on this computer.
    File(SqliteRegister),
    /// A shared PostgreSQL server.
    Server(PostgresRegister),
}

impl Opened {
    /// The register, whichever engine is behind it.
    pub fn register(&mut self) -> &mut dyn Register {
        match self {
            Opened::File(r) => r,
            Opened::Server(r) => r,
        }
    }
}

/// Opens the register at `address` as typed (`--register`, `$DOSE_PLANNER_REGISTER`, the
/// settings): a `postgres://` URL connects to the server; a file path opens (or creates) the
/// SQLite file. A text that looks like a URL of any other kind is refused, never made a file.
pub fn open_address(address: &Path) -> Result<Opened, RegisterError> {
    match parse_address(address)? {
        RegisterAddress::File(path) => open_file(&path).map(Opened::File),
        RegisterAddress::Server(server) => connect(&server).map(Opened::Server),
    }
}

/// [`open_address`] for the app, which holds any engine behind the trait.
pub fn open_any(address: &Path) -> Result<Box<dyn Register>, RegisterError> {
    Ok(match open_address(address)? {
        Opened::File(r) => Box::new(r),
        Opened::Server(r) => Box::new(r),
    })
}

fn parse_address(address: &Path) -> Result<RegisterAddress, RegisterError> {
    match address.to_str() {
        Some(text) => Ok(RegisterAddress::parse(text)?),
        // Not UTF-8: only a file path can be that.
        None => Ok(RegisterAddress::file(address)),
    }
}

/// Connects to a register server as the address's user (else the operating system's user
/// name), with the password from PostgreSQL's password file when it has one for this server.
pub fn connect(server: &ServerAddress) -> Result<PostgresRegister, RegisterError> {
    let mut server = server.clone();
    if server.user.is_none() {
        server.user = crate::files::places::os_user_name();
    }
    let password = match (crate::files::places::pgpass_file(), &server.user) {
        (Some(file), Some(user)) if file.is_file() => {
            // A password file that cannot be read is as if there were none: the server then
            // says whether it wanted a password, and that error is shown.
            crate::files::read_text(&file, 64 * 1024)
                .ok()
                .and_then(|text| {
                    dose_planner_register::address::pgpass_password(&text, &server, user)
                })
        }
        _ => None,
    };
    PostgresRegister::connect(&server, password.as_deref())
}

/// Opens (or creates) the register at `path`, making its folder (mode 0700) first. A path
/// that is a URL (`postgres://…`, or any `scheme://`) is refused: it is never made a file.
pub fn open(path: &Path) -> Result<SqliteRegister, RegisterError> {
    match parse_address(path)? {
        RegisterAddress::File(path) => open_file(&path),
        RegisterAddress::Server(server) => Err(RegisterError::FileOnly {
            server: server.to_string(),
        }),
    }
}

fn open_file(path: &Path) -> Result<SqliteRegister, RegisterError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::files::make_private_dir(dir).map_err(|source| RegisterError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    SqliteRegister::open(path)
}

/// The register's path: `explicit` when given, else the default one.
pub fn path_or_default(explicit: Option<&Path>) -> Option<PathBuf> {
    explicit
        .map(Path::to_path_buf)
        .or_else(crate::files::places::default_register_path)
}

/// What an import put in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    /// The patient (found by number, or added).
    pub patient: PatientId,
    /// The course the quote's plan became.
    pub course: CourseId,
    /// The quote, logged as issued on its own date.
    pub quote: QuoteId,
}

/// Imports a saved quote (format 1 or 2, as opened by `saved::open`) into the register: the
/// patient is found by `patient.number` or added; the quote's plan becomes a planned course
/// (the saved file's own JSON and frozen sheet kept as they are); the quote is logged as
/// issued with its saved total. One transaction: all or nothing.
pub fn import_saved(
    register: &mut SqliteRegister,
    saved: &SavedQuote,
    patient: &NewPatient,
) -> Result<Imported, RegisterError> {
    let currency = sheet_currency(saved);
    register.in_transaction(|r| {
        let number = patient.number.trim().to_lowercase();
        let found = r
            .find_patients(&patient.number, 50)?
            .into_iter()
            .find(|p| p.number.trim().to_lowercase() == number);
        let patient_id = match found {
            Some(p) => p.id,
            None => r.add_patient(patient)?,
        };
        let course = r.add_course(&planned_course(saved, patient_id))?;
        let quote = r.add_quote(&NewQuote {
            date: saved.quote_date,
            patient: patient_id,
            course: Some(course),
            total: saved.total,
            currency: currency.clone(),
            status: QuoteStatus::Issued,
            pdf_sha256: None,
        })?;
        Ok(Imported {
            patient: patient_id,
            course,
            quote,
        })
    })
}

/// The currency code of a saved quote's frozen sheet (empty if the sheet cannot be read,
/// which `saved::open` has already refused for a file it opened).
fn sheet_currency(saved: &SavedQuote) -> String {
    crate::pricing::parse(&saved.sheet_toml, &saved.sheet_name)
        .map(|s| s.currency.code)
        .unwrap_or_default()
}

/// The planned course a saved quote (or the plan the app saves the same way) becomes for
/// `patient`: the saved JSON as its request, its sheet frozen, its start (else its date),
/// target and product. The one place an import and the desk app's "New course from the
/// current plan" make a course.
pub fn planned_course(saved: &SavedQuote, patient: PatientId) -> NewCourse {
    NewCourse {
        patient,
        start: saved.request.start.unwrap_or(saved.quote_date),
        target_mg_per_kg: saved.request.target_mg_per_kg,
        request_json: crate::saved::to_json(saved),
        sheet_name: saved.sheet_name.clone(),
        sheet_toml: saved.sheet_toml.clone(),
        currency: sheet_currency(saved),
        product: saved.request.choices.product.clone(),
        status: CourseStatus::Planned,
    }
}

/// The SHA-256 of an exported file's bytes (the PDF's fingerprint logged with its quote).
pub fn sha256_hex(bytes: &[u8]) -> Sha256Hex {
    use sha2::Digest;
    let digest: [u8; 32] = sha2::Sha256::digest(bytes).into();
    Sha256Hex::from_digest(&digest)
}

/// A month's Quotes list as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read
/// Japanese and Korean names): one row per quote — date, patient number, name, total (in the
/// currency's units, e.g. `21054` yen or `135.00` dollars), currency, status — headings in
/// `lang`.
pub fn month_csv(month: &MonthQuotes, lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    w.write_record([
        lang.tr("records-csv-date"),
        lang.tr("records-csv-number"),
        lang.tr("records-csv-name"),
        lang.tr("records-csv-total"),
        lang.tr("records-csv-currency"),
        lang.tr("records-csv-status"),
    ])?;
    for q in &month.quotes {
        let e = &q.quote;
        let amount = crate::money::Currency::known(&e.currency)
            .map_or_else(|| e.total.0.to_string(), |c| c.format_number(e.total));
        w.write_record([
            e.date.to_string(),
            q.patient_number.clone(),
            q.patient_name.clone(),
            amount.replace(',', ""),
            e.currency.clone(),
            e.status.code().to_string(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
