//! The register as the app and the command line use it: where it is, opening it (its folder
//! made first), a saved quote imported into it, and a month's Quotes list as CSV.
//!
//! The register itself (SQL, migrations, locking) is `dose-planner-register`; this module
//! only joins it to the app's own formats (saved quotes, price sheets).

use std::path::{Path, PathBuf};

use dose_planner_register::model::{
    Course, CourseId, CourseStatus, MonthQuotes, NewCourse, NewPatient, NewQuote, Patient,
    PatientId, QuoteId, QuoteStatus, Sha256Hex,
};
use dose_planner_register::search_key::search_key;
use dose_planner_register::{
    PostgresRegister, Register, RegisterAddress, RegisterError, RegisterOptions, ServerAddress,
    SqliteRegister,
};

use crate::i18n::{Arg, Lang};
use crate::saved::SavedQuote;

/// A register opened at its address: a file or a server.
pub enum Opened {
    /// A SQLite file on this computer.
    File(SqliteRegister),
    /// A shared PostgreSQL server (boxed: its connection is much larger than a file's).
    Server(Box<PostgresRegister>),
}

impl Opened {
    /// The register, whichever engine is behind it.
    pub fn register(&mut self) -> &mut dyn Register {
        match self {
            Opened::File(r) => r,
            Opened::Server(r) => r.as_mut(),
        }
    }
}

/// Opens the register at `address` as typed (`--register`, `$DOSE_PLANNER_REGISTER`, the
/// settings): a `postgres://` URL connects to the server; a file path opens (or creates) the
/// SQLite file. A text that looks like a URL of any other kind is refused, never made a file.
/// `reading`: only lists and backups will follow, so a file register is opened read-only
/// ([`open_for_reading`]).
pub fn open_address(address: &Path, reading: bool) -> Result<Opened, RegisterError> {
    match parse_address(address)? {
        RegisterAddress::File(path) if reading => open_for_reading(&path).map(Opened::File),
        RegisterAddress::File(path) => open_file(&path).map(Opened::File),
        RegisterAddress::Server(server) => connect(&server).map(|r| Opened::Server(Box::new(r))),
    }
}

/// [`open_address`] for the app, which holds any engine behind the trait.
pub fn open_any(address: &Path) -> Result<Box<dyn Register>, RegisterError> {
    Ok(match open_address(address, false)? {
        Opened::File(r) => Box::new(r),
        Opened::Server(r) => r,
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
        crate::files::make_private_dir(dir).map_err(|source| folder_error(dir, source))?;
    }
    SqliteRegister::open(path)
}

/// Opens an existing register for reading (a list, a backup): nothing is created, and a
/// register on a read-only disk can be read.
pub fn open_for_reading(path: &Path) -> Result<SqliteRegister, RegisterError> {
    if let RegisterAddress::Server(server) = parse_address(path)? {
        return Err(RegisterError::FileOnly {
            server: server.to_string(),
        });
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // A folder that is a file is said so, not as "File exists (os error 17)".
        match std::fs::metadata(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(RegisterError::Missing {
                    path: path.to_path_buf(),
                });
            }
            Err(source) => return Err(folder_error(dir, source)),
            Ok(_) => {}
        }
    }
    SqliteRegister::open_read_only(path, &RegisterOptions::default())
}

/// Why a folder could not be made or read, in the register's words: a part of the path that
/// is a file is said so.
pub fn folder_error(dir: &Path, source: std::io::Error) -> RegisterError {
    let a_file_on_the_way = dir
        .ancestors()
        .any(|a| std::fs::metadata(a).is_ok_and(|m| !m.is_dir()));
    if a_file_on_the_way
        || matches!(
            source.kind(),
            std::io::ErrorKind::NotADirectory | std::io::ErrorKind::AlreadyExists
        )
    {
        RegisterError::NotAFolder {
            path: dir.to_path_buf(),
        }
    } else {
        RegisterError::Io {
            path: dir.to_path_buf(),
            source,
        }
    }
}

/// Whether writing to `target` would overwrite the register at `register` or one of its
/// SQLite companions (`-wal`, `-shm`, `-journal`): the same path after resolving the folder,
/// or the same file through another name (a link).
pub fn is_register_file(target: &Path, register: &Path) -> bool {
    let resolve = |p: &Path| -> Option<PathBuf> {
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        Some(std::fs::canonicalize(dir).ok()?.join(p.file_name()?))
    };
    let target_resolved = resolve(target);
    ["", "-wal", "-shm", "-journal"].iter().any(|suffix| {
        let mut name = register.as_os_str().to_os_string();
        name.push(suffix);
        let companion = PathBuf::from(name);
        target == companion
            || (target_resolved.is_some() && target_resolved == resolve(&companion))
            || same_inode(target, &companion)
    })
}

#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &Path, _: &Path) -> bool {
    false
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

/// A detail in which an import's patient differs from the patient the register holds under
/// the same number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The name (compared as the register's search compares it: case, width and spaces aside).
    Name {
        /// In the register.
        stored: String,
        /// In the import.
        given: String,
    },
    /// The date of birth.
    Birth {
        /// In the register.
        stored: jiff::civil::Date,
        /// In the import.
        given: jiff::civil::Date,
    },
    /// The sex.
    Sex {
        /// In the register.
        stored: dose_planner_core::Sex,
        /// In the import.
        given: dose_planner_core::Sex,
    },
}

/// Why an import was refused.
#[derive(Debug)]
pub enum ImportError {
    /// The register failed or refused.
    Register(RegisterError),
    /// The number is another patient's (the name, birth date or sex differ): nothing was
    /// imported, unless the user confirms it is the same patient.
    OtherPatient {
        /// The number as stored.
        number: String,
        /// What differs.
        differences: Vec<Difference>,
    },
}

impl From<RegisterError> for ImportError {
    fn from(e: RegisterError) -> ImportError {
        ImportError::Register(e)
    }
}

impl ImportError {
    /// What happened and what to do, in `lang`.
    pub fn explain(&self, lang: Lang) -> String {
        match self {
            ImportError::Register(e) => e.explain(lang),
            ImportError::OtherPatient {
                number,
                differences,
            } => {
                let sex = |s: dose_planner_core::Sex| s.name(lang);
                let lines: Vec<String> = differences
                    .iter()
                    .map(|d| {
                        let (what, stored, given) = match d {
                            Difference::Name { stored, given } => {
                                ("records-differs-name", stored.clone(), given.clone())
                            }
                            Difference::Birth { stored, given } => (
                                "records-differs-birth",
                                stored.to_string(),
                                given.to_string(),
                            ),
                            Difference::Sex { stored, given } => {
                                ("records-differs-sex", sex(*stored), sex(*given))
                            }
                        };
                        lang.tr_args(
                            what,
                            &[
                                ("stored", Arg::Str(crate::patient::escape_text(&stored))),
                                ("given", Arg::Str(crate::patient::escape_text(&given))),
                            ],
                        )
                    })
                    .collect();
                lang.tr_args(
                    "records-import-other-patient",
                    &[
                        ("number", Arg::Str(crate::patient::escape_text(number))),
                        (
                            "differences",
                            Arg::Str(lines.join(lang.tr("records-list-separator").as_str())),
                        ),
                    ],
                )
            }
        }
    }
}

/// How the import's patient differs from `stored` (nothing when it is the same person).
pub fn differences(stored: &Patient, given: &NewPatient) -> Vec<Difference> {
    let mut found = Vec::new();
    if search_key(&stored.name) != search_key(&given.name) {
        found.push(Difference::Name {
            stored: stored.name.clone(),
            given: given.name.trim().to_string(),
        });
    }
    if stored.date_of_birth != given.date_of_birth {
        found.push(Difference::Birth {
            stored: stored.date_of_birth,
            given: given.date_of_birth,
        });
    }
    if stored.sex != given.sex {
        found.push(Difference::Sex {
            stored: stored.sex,
            given: given.sex,
        });
    }
    found
}

/// Imports a saved quote (format 1 or 2, as opened by `saved::open`) into the register: the
/// patient is found by the exact key of `patient.number` (as the register compares numbers)
/// or added; the quote's plan becomes a planned course (the saved file's own JSON, its frozen
/// sheet stored once); the quote is logged as issued with its saved total. A stored patient
/// with that number but another name, birth date or sex is refused
/// ([`ImportError::OtherPatient`]) unless `same_patient` (the user confirmed it). One
/// transaction: all or nothing.
pub fn import_saved(
    register: &mut SqliteRegister,
    saved: &SavedQuote,
    patient: &NewPatient,
    same_patient: bool,
) -> Result<Imported, ImportError> {
    let currency = sheet_currency(saved);
    let mut refused = None;
    let done = register.in_transaction(|r| {
        let patient_id = match r.patient_by_number(&patient.number)? {
            Some(stored) => {
                let differ = differences(&stored, patient);
                if !differ.is_empty() && !same_patient {
                    refused = Some(ImportError::OtherPatient {
                        number: stored.number.clone(),
                        differences: differ,
                    });
                    // Any error rolls the transaction back; the refusal is reported below.
                    return Err(RegisterError::DuplicateNumber {
                        number: stored.number,
                    });
                }
                stored.id
            }
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
    });
    match (done, refused) {
        (Ok(imported), _) => Ok(imported),
        (Err(_), Some(refusal)) => Err(refusal),
        (Err(e), None) => Err(ImportError::Register(e)),
    }
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
        // The sheet is stored once, beside the request (`sheet_toml`); the request's copy
        // is left empty and put back by `course_request_json`.
        request_json: crate::saved::to_json(&SavedQuote {
            sheet_toml: String::new(),
            ..saved.clone()
        }),
        sheet_name: saved.sheet_name.clone(),
        sheet_toml: saved.sheet_toml.clone(),
        currency: sheet_currency(saved),
        product: saved.request.choices.product.clone(),
        status: CourseStatus::Planned,
    }
}

/// A course's request as the saved-quote JSON it was made from: its frozen sheet put back
/// when the stored request left it out (courses since the register stores each sheet once);
/// a request that carries its own sheet (older courses) is returned as it is.
pub fn course_request_json(course: &Course) -> String {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&course.request_json) else {
        return course.request_json.clone();
    };
    match value.get_mut("sheet_toml") {
        Some(serde_json::Value::String(sheet)) if sheet.is_empty() => {
            *sheet = course.sheet_toml.clone();
            serde_json::to_string(&value).unwrap_or_else(|_| course.request_json.clone())
        }
        _ => course.request_json.clone(),
    }
}

/// A CSV cell a spreadsheet program reads as text, never as a formula: a cell that begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's CSV injection list) gets a
/// leading `'`.
pub fn csv_cell(text: &str) -> String {
    if dose_planner_core::patient::starts_a_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The SHA-256 of an exported file's bytes (the PDF's fingerprint logged with its quote).
pub fn sha256_hex(bytes: &[u8]) -> Sha256Hex {
    use sha2::Digest;
    let digest: [u8; 32] = sha2::Sha256::digest(bytes).into();
    Sha256Hex::from_digest(&digest)
}

/// A month's Quotes list as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read
/// Japanese and Korean names; every cell through [`csv_cell`], so no cell is a formula): one row per quote — date, patient number, name, total (in the
/// currency's units, e.g. `21054` yen or `135.00` dollars), currency, status — headings in
/// `lang`.
pub fn month_csv(month: &MonthQuotes, lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    w.write_record(
        [
            lang.tr("records-csv-date"),
            lang.tr("records-csv-number"),
            lang.tr("records-csv-name"),
            lang.tr("records-csv-total"),
            lang.tr("records-csv-currency"),
            lang.tr("records-csv-status"),
        ]
        .map(|cell| csv_cell(&cell)),
    )?;
    for q in &month.quotes {
        let e = &q.quote;
        let amount = crate::money::Currency::known(&e.currency)
            .map_or_else(|| e.total.0.to_string(), |c| c.format_number(e.total));
        // Every cell neutralised: names, numbers and currency codes are typed or imported
        // text.
        w.write_record(
            [
                e.date.to_string(),
                q.patient_number.clone(),
                q.patient_name.clone(),
                amount.replace(',', ""),
                e.currency.clone(),
                e.status.code().to_string(),
            ]
            .map(|cell| csv_cell(&cell)),
        )?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
