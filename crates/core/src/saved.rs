//! Saved quotes: a versioned JSON document that freezes the prices it was made with (the
//! price sheet's own text), so it reopens with the same totals after the clinic changes its
//! sheet, and can be re-priced on request.
//!
//! The file's shape is its own type, [`SavedQuoteV2`] (with [`SavedRequestV2`] for the
//! inputs), never a core struct: renaming a field of `CourseRequest` cannot break a saved
//! file. The app holds a [`SavedQuote`] (core types); the two are converted into each other
//! in one place (`impl From` below). This build writes version 2 and reads 1 and 2: a
//! version-1 file ([`SavedQuoteV1`], frozen as the first release wrote it) migrates forward
//! to version 2 with no choices (every visit in person, the sheet's first product, no
//! discount) in [`open`]. A later format adds a `SavedQuoteV3` and migrates V2 forward the
//! same way.
//!
//! Pure: text in, text out. Reading and writing the file is the shell's job (`files`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::dose::Dose;
use crate::estimate::{Choices, CourseEstimate, CourseRequest, PlanError, Sex, Visit, estimate};
use crate::i18n::{Arg, Lang};
use crate::money::Money;
use crate::pricing::{self, PriceSheet, PricingError};
use crate::quote::{Priced, Quote};
use crate::screening::{CheckItem, Screening};

/// The schema version this build writes, and the newest it reads (it reads every version
/// from 1 up to this one).
pub const SCHEMA_VERSION: u32 = 2;

/// A saved quote or plan as the app holds it: the inputs in the core's types. Written and
/// read through [`to_json`] and [`open`], in the shape of [`SavedQuoteV2`].
#[derive(Debug, Clone, PartialEq)]
pub struct SavedQuote {
    /// The format version of the file it was read from (1 for a migrated version-1 file);
    /// [`to_json`] always writes [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The app version that saved it (informative).
    pub app_version: String,
    /// The day it was saved (the quote date).
    pub quote_date: jiff::civil::Date,
    /// Where the sheet came from (a path, or the built-in sheet's name).
    pub sheet_name: String,
    /// The price sheet's full text as it was when the quote was made: the frozen prices.
    pub sheet_toml: String,
    /// The inputs.
    pub request: CourseRequest,
    /// The patient's name, if given.
    pub patient: Option<String>,
    /// The course total when saved, to detect a hand-edited file.
    pub total: Money,
    /// `Some(false)` in a recovery copy of a plan whose sex was not chosen yet (the request
    /// must hold one to be priced); absent in saved quotes, which always have a sex.
    pub sex_chosen: Option<bool>,
}

// ---------------------------------------------------------------------------------------------
// The on-disk format, version 1: frozen. Field names and shapes are those of the files the
// first release wrote; this build still reads them (and no longer writes them).

/// Version 1 of the saved-quote file, field for field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedQuoteV1 {
    /// Always 1.
    pub schema_version: u32,
    /// The app version that saved it (informative).
    pub app_version: String,
    /// The quote date, `YYYY-MM-DD`.
    pub quote_date: jiff::civil::Date,
    /// Where the sheet came from (a path, or the built-in sheet's name).
    pub sheet_name: String,
    /// The price sheet's full text: the frozen prices.
    pub sheet_toml: String,
    /// The inputs.
    pub request: SavedRequestV1,
    /// The patient's name, or null.
    #[serde(default)]
    pub patient: Option<String>,
    /// The course total when saved, in the currency's minor units.
    pub total: i64,
    /// `false` in a recovery copy of a plan whose sex was not chosen yet; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex_chosen: Option<bool>,
}

/// The inputs of a course in a version-1 file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedRequestV1 {
    /// `female` or `male`.
    pub sex: SavedSexV1,
    /// `first` or `return`: the visit that opens month 1.
    pub visit: SavedVisitV1,
    /// One daily dose per month.
    pub doses: Vec<SavedDoseV1>,
    /// Body weight in kg, or null.
    pub weight_kg: Option<f64>,
    /// 1 or 2: months of medication per visit.
    pub visit_every: u32,
    /// The first day of medication, or null.
    pub start: Option<jiff::civil::Date>,
    /// The cumulative target in mg/kg, or null.
    pub target_mg_per_kg: Option<f64>,
    /// The screening answers (absent in the earliest files: none).
    #[serde(default)]
    pub screening: SavedScreeningV1,
}

/// The patient's sex in a version-1 file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SavedSexV1 {
    /// `female`.
    Female,
    /// `male`.
    Male,
}

/// The first month's visit in a version-1 file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SavedVisitV1 {
    /// `first`.
    First,
    /// `return`.
    Return,
}

/// A daily dose in a version-1 file: a string, `"40"` or `"20/10"` (alternating days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SavedDoseV1(pub Dose);

impl TryFrom<String> for SavedDoseV1 {
    type Error = crate::dose::DoseError;
    fn try_from(s: String) -> Result<SavedDoseV1, Self::Error> {
        Dose::parse(&s).map(SavedDoseV1)
    }
}

impl From<SavedDoseV1> for String {
    fn from(d: SavedDoseV1) -> String {
        d.0.to_string()
    }
}

/// The screening answers in a version-1 or version-2 file (these three fields are all any
/// version wrote: any other is refused, as everywhere else in the file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SavedScreeningV1 {
    /// The checklist items answered "yes", by their stable codes (`psychiatric`, …).
    pub checked: Vec<SavedCheckV1>,
    /// Age in whole years, or null.
    pub age: Option<u32>,
    /// Current medicines by generic name.
    pub medicines: Vec<String>,
}

/// A checklist item in a version-1 file: its stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SavedCheckV1(pub CheckItem);

impl TryFrom<String> for SavedCheckV1 {
    type Error = String;
    fn try_from(s: String) -> Result<SavedCheckV1, String> {
        CheckItem::ALL
            .into_iter()
            .find(|c| c.code() == s)
            .map(SavedCheckV1)
            .ok_or_else(|| format!("unknown screening item `{s}`"))
    }
}

impl From<SavedCheckV1> for String {
    fn from(c: SavedCheckV1) -> String {
        c.0.code().to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// The on-disk format, version 2: version 1 plus the request's `choices`. Field names and shapes
// change only with a new version.

/// Version 2 of the saved-quote file, field for field: version 1 with [`SavedRequestV2`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedQuoteV2 {
    /// Always 2.
    pub schema_version: u32,
    /// The app version that saved it (informative).
    pub app_version: String,
    /// The quote date, `YYYY-MM-DD`.
    pub quote_date: jiff::civil::Date,
    /// Where the sheet came from (a path, or the built-in sheet's name).
    pub sheet_name: String,
    /// The price sheet's full text: the frozen prices.
    pub sheet_toml: String,
    /// The inputs.
    pub request: SavedRequestV2,
    /// The patient's name, or null.
    #[serde(default)]
    pub patient: Option<String>,
    /// The course total when saved, in the currency's minor units.
    pub total: i64,
    /// `false` in a recovery copy of a plan whose sex was not chosen yet; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex_chosen: Option<bool>,
}

/// The inputs of a course in a version-2 file: version 1's, plus `choices`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedRequestV2 {
    /// `female` or `male`.
    pub sex: SavedSexV1,
    /// `first` or `return`: the visit that opens month 1.
    pub visit: SavedVisitV1,
    /// One daily dose per month.
    pub doses: Vec<SavedDoseV1>,
    /// Body weight in kg, or null.
    pub weight_kg: Option<f64>,
    /// 1 or 2: months of medication per visit.
    pub visit_every: u32,
    /// The first day of medication, or null.
    pub start: Option<jiff::civil::Date>,
    /// The cumulative target in mg/kg, or null.
    pub target_mg_per_kg: Option<f64>,
    /// The screening answers.
    pub screening: SavedScreeningV1,
    /// What the quote chose from the sheet.
    pub choices: SavedChoicesV2,
}

/// What a version-2 quote chose from its sheet, by the sheet's codes (checked against the
/// frozen sheet when the file is opened).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedChoicesV2 {
    /// Each month's visit kind, month 1 first (`in_person` or a `[[visit_kinds]]` code);
    /// months past the list are in person.
    pub visit_kinds: Vec<String>,
    /// The `[[products]]` code, or null for the sheet's first.
    pub product: Option<String>,
    /// The `[[discounts]]` codes applied.
    pub discounts: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// The one place where the file's types and the core's types meet, and where version 1
// migrates forward.

impl From<SavedQuoteV1> for SavedQuoteV2 {
    /// A version-1 file as version 2: the same inputs with no choices (every visit in person,
    /// the sheet's first product, no discount), which is what version 1 priced. The version
    /// read is kept.
    fn from(v: SavedQuoteV1) -> SavedQuoteV2 {
        let r = v.request;
        SavedQuoteV2 {
            schema_version: v.schema_version,
            app_version: v.app_version,
            quote_date: v.quote_date,
            sheet_name: v.sheet_name,
            sheet_toml: v.sheet_toml,
            request: SavedRequestV2 {
                sex: r.sex,
                visit: r.visit,
                doses: r.doses,
                weight_kg: r.weight_kg,
                visit_every: r.visit_every,
                start: r.start,
                target_mg_per_kg: r.target_mg_per_kg,
                screening: r.screening,
                choices: SavedChoicesV2::default(),
            },
            patient: v.patient,
            total: v.total,
            sex_chosen: v.sex_chosen,
        }
    }
}

impl From<&SavedQuote> for SavedQuoteV2 {
    fn from(q: &SavedQuote) -> SavedQuoteV2 {
        let r = &q.request;
        SavedQuoteV2 {
            schema_version: SCHEMA_VERSION,
            app_version: q.app_version.clone(),
            quote_date: q.quote_date,
            sheet_name: q.sheet_name.clone(),
            sheet_toml: q.sheet_toml.clone(),
            request: SavedRequestV2 {
                sex: match r.sex {
                    Sex::Female => SavedSexV1::Female,
                    Sex::Male => SavedSexV1::Male,
                },
                visit: match r.visit {
                    Visit::First => SavedVisitV1::First,
                    Visit::Return => SavedVisitV1::Return,
                },
                doses: r.doses.iter().copied().map(SavedDoseV1).collect(),
                weight_kg: r.weight_kg,
                visit_every: r.visit_every,
                start: r.start,
                target_mg_per_kg: r.target_mg_per_kg,
                screening: SavedScreeningV1 {
                    checked: r
                        .screening
                        .checked
                        .iter()
                        .copied()
                        .map(SavedCheckV1)
                        .collect(),
                    age: r.screening.age,
                    medicines: r.screening.medicines.clone(),
                },
                choices: SavedChoicesV2 {
                    visit_kinds: r.choices.visit_kinds.clone(),
                    product: r.choices.product.clone(),
                    discounts: r.choices.discounts.clone(),
                },
            },
            patient: q.patient.clone(),
            total: q.total.0,
            sex_chosen: q.sex_chosen,
        }
    }
}

impl From<SavedQuoteV2> for SavedQuote {
    fn from(v: SavedQuoteV2) -> SavedQuote {
        let r = v.request;
        SavedQuote {
            schema_version: v.schema_version,
            app_version: v.app_version,
            quote_date: v.quote_date,
            sheet_name: v.sheet_name,
            sheet_toml: v.sheet_toml,
            request: CourseRequest {
                sex: match r.sex {
                    SavedSexV1::Female => Sex::Female,
                    SavedSexV1::Male => Sex::Male,
                },
                visit: match r.visit {
                    SavedVisitV1::First => Visit::First,
                    SavedVisitV1::Return => Visit::Return,
                },
                doses: r.doses.into_iter().map(|d| d.0).collect(),
                weight_kg: r.weight_kg,
                visit_every: r.visit_every,
                start: r.start,
                target_mg_per_kg: r.target_mg_per_kg,
                screening: Screening {
                    checked: r
                        .screening
                        .checked
                        .into_iter()
                        .map(|c| c.0)
                        .collect::<BTreeSet<_>>(),
                    age: r.screening.age,
                    medicines: r.screening.medicines,
                },
                choices: Choices {
                    visit_kinds: r.choices.visit_kinds,
                    product: r.choices.product,
                    discounts: r.choices.discounts,
                },
            },
            patient: v.patient,
            total: Money(v.total),
            sex_chosen: v.sex_chosen,
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// Why a saved quote cannot be opened (or made).
#[derive(Debug, thiserror::Error)]
pub enum SavedQuoteError {
    /// Not JSON, or not the shape of a saved quote.
    #[error("{source_name} is not a saved quote ({line}:{column}: {message})")]
    NotAQuote {
        /// The file.
        source_name: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the reader said.
        message: String,
    },
    /// Written by a newer version.
    #[error(
        "{source_name} was saved by a newer version of the app (format {found}); this version reads formats up to {SCHEMA_VERSION}"
    )]
    NewerVersion {
        /// The file.
        source_name: String,
        /// Its version.
        found: u32,
    },
    /// A format number no version ever wrote (0).
    #[error(
        "{source_name} has format {found}, which no version of the app writes; it is not a saved quote of this app"
    )]
    UnknownVersion {
        /// The file.
        source_name: String,
        /// Its version.
        found: u32,
    },
    /// An age no patient has (the file was edited by hand): the CLI's rule, 0 to 120.
    #[error(
        "{source_name}: the age saved in it ({got}) is not possible; ages go from 0 to {}",
        crate::patient::MAX_AGE
    )]
    Age {
        /// The file.
        source_name: String,
        /// The age in the file.
        got: u32,
    },
    /// A date outside the years 1900 to 2200 (the file was edited by hand).
    #[error(
        "{source_name}: the {field} saved in it ({got}) is outside the years {} to {}",
        crate::patient::FIRST_YEAR,
        crate::patient::LAST_YEAR
    )]
    Date {
        /// The file.
        source_name: String,
        /// Which date: `quote date` or `start date`.
        field: SavedDate,
        /// The date in the file.
        got: jiff::civil::Date,
    },
    /// The frozen price sheet inside is broken (the file was edited by hand).
    #[error("{source_name}: the prices saved in it are damaged: {error}")]
    Sheet {
        /// The file.
        source_name: String,
        /// The sheet's error.
        error: PricingError,
    },
    /// The inputs inside cannot be priced (the file was edited by hand).
    #[error("{source_name}: the plan saved in it is not valid: {error}")]
    Plan {
        /// The file.
        source_name: String,
        /// The plan's error.
        error: PlanError,
    },
    /// The patient's name inside cannot be used (the file was edited by hand).
    #[error("{source_name}: {error}")]
    Patient {
        /// The file.
        source_name: String,
        /// What is wrong with the name.
        error: crate::patient::NameError,
    },
    /// The saved total does not match what its own prices give (the file was edited by hand).
    #[error(
        "{source_name}: the saved total {saved} does not match its prices ({computed}); the file was changed after saving"
    )]
    TotalMismatch {
        /// The file.
        source_name: String,
        /// Total in the file.
        saved: i64,
        /// Total from its own prices.
        computed: i64,
    },
    /// The frozen price sheet inside is larger than any price sheet the app reads
    /// ([`MAX_FROZEN_SHEET_BYTES`]).
    #[error(
        "{source_name}: the prices saved in it are {bytes} bytes; a price sheet may have at most {MAX_FROZEN_SHEET_BYTES}"
    )]
    SheetTooLarge {
        /// The file.
        source_name: String,
        /// The frozen sheet's size in bytes.
        bytes: usize,
    },
    /// [`from_quote`] was given a sheet text other than the one the quote was priced with.
    #[error(
        "{sheet_name}: this price sheet is not the one the quote was priced with; price the quote again before saving"
    )]
    SheetMismatch {
        /// The sheet's name.
        sheet_name: String,
    },
}

/// A date inside a saved quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedDate {
    /// The quote date (printed on the estimate).
    QuoteDate,
    /// The first day of medication.
    Start,
}

impl std::fmt::Display for SavedDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SavedDate::QuoteDate => "quote date",
            SavedDate::Start => "start date",
        })
    }
}

impl SavedQuoteError {
    /// A stable code for scripts and tests.
    pub fn code(&self) -> &'static str {
        match self {
            SavedQuoteError::NotAQuote { .. } => "saved_not_a_quote",
            SavedQuoteError::NewerVersion { .. } => "saved_newer_version",
            SavedQuoteError::UnknownVersion { .. } => "saved_unknown_version",
            SavedQuoteError::Age { .. } => "saved_age",
            SavedQuoteError::Date { .. } => "saved_date",
            SavedQuoteError::Sheet { .. } => "saved_sheet",
            SavedQuoteError::Plan { .. } => "saved_plan",
            SavedQuoteError::Patient { .. } => "saved_patient",
            SavedQuoteError::TotalMismatch { .. } => "saved_total_mismatch",
            SavedQuoteError::SheetMismatch { .. } => "saved_sheet_mismatch",
            SavedQuoteError::SheetTooLarge { .. } => "saved_sheet_too_large",
        }
    }

    /// The message in `lang` (the `Display` form is English). The JSON reader's own words
    /// in [`SavedQuoteError::NotAQuote`] stay as it wrote them.
    pub fn explain(&self, lang: Lang) -> String {
        let s = |v: &str| Arg::Str(v.to_string());
        match self {
            SavedQuoteError::NotAQuote {
                source_name,
                line,
                column,
                message,
            } => lang.tr_args(
                "saved-err-not-a-quote",
                &[
                    ("file", s(source_name)),
                    ("line", Arg::Str(line.to_string())),
                    ("column", Arg::Str(column.to_string())),
                    ("message", s(message)),
                ],
            ),
            SavedQuoteError::NewerVersion { source_name, found } => lang.tr_args(
                "saved-err-newer-version",
                &[
                    ("file", s(source_name)),
                    ("found", Arg::Str(found.to_string())),
                    ("reads", Arg::Str(SCHEMA_VERSION.to_string())),
                ],
            ),
            SavedQuoteError::UnknownVersion { source_name, found } => lang.tr_args(
                "saved-err-unknown-version",
                &[
                    ("file", s(source_name)),
                    ("found", Arg::Str(found.to_string())),
                ],
            ),
            SavedQuoteError::Age { source_name, got } => lang.tr_args(
                "saved-err-age",
                &[
                    ("file", s(source_name)),
                    ("got", Arg::Str(got.to_string())),
                    ("max", Arg::Str(crate::patient::MAX_AGE.to_string())),
                ],
            ),
            SavedQuoteError::Date {
                source_name,
                field,
                got,
            } => lang.tr_args(
                match field {
                    SavedDate::QuoteDate => "saved-err-quote-date",
                    SavedDate::Start => "saved-err-start-date",
                },
                &[
                    ("file", s(source_name)),
                    ("got", Arg::Str(got.to_string())),
                    ("first", Arg::Str(crate::patient::FIRST_YEAR.to_string())),
                    ("last", Arg::Str(crate::patient::LAST_YEAR.to_string())),
                ],
            ),
            SavedQuoteError::Sheet { source_name, error } => lang.tr_args(
                "saved-err-sheet",
                &[("file", s(source_name)), ("error", s(&error.explain(lang)))],
            ),
            SavedQuoteError::Plan { source_name, error } => lang.tr_args(
                "saved-err-plan",
                &[("file", s(source_name)), ("error", s(&error.explain(lang)))],
            ),
            SavedQuoteError::Patient { source_name, error } => lang.tr_args(
                "saved-err-patient",
                &[("file", s(source_name)), ("error", s(&error.explain(lang)))],
            ),
            SavedQuoteError::TotalMismatch {
                source_name,
                saved,
                computed,
            } => lang.tr_args(
                "saved-err-total-mismatch",
                &[
                    ("file", s(source_name)),
                    ("saved", Arg::Str(saved.to_string())),
                    ("computed", Arg::Str(computed.to_string())),
                ],
            ),
            SavedQuoteError::SheetMismatch { sheet_name } => {
                lang.tr_args("saved-err-sheet-mismatch", &[("sheet", s(sheet_name))])
            }
            SavedQuoteError::SheetTooLarge { source_name, bytes } => lang.tr_args(
                "saved-err-sheet-too-large",
                &[
                    ("file", s(source_name)),
                    (
                        "kb",
                        Arg::from(u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX)),
                    ),
                    (
                        "limit",
                        Arg::from(u32::try_from(MAX_FROZEN_SHEET_BYTES / 1024).unwrap_or(u32::MAX)),
                    ),
                ],
            ),
        }
    }
}

/// A saved quote, opened: its frozen sheet and the estimate made from it.
#[derive(Debug, Clone)]
pub struct Reopened {
    /// The file's content.
    pub quote: SavedQuote,
    /// The frozen sheet.
    pub sheet: PriceSheet,
    /// The estimate at the frozen prices: the same totals as when it was saved.
    pub estimate: CourseEstimate,
}

/// Makes the saved form of a quote.
pub fn save(
    sheet_name: &str,
    sheet_toml: &str,
    request: &CourseRequest,
    estimate: &CourseEstimate,
    patient: Option<&str>,
    quote_date: jiff::civil::Date,
) -> SavedQuote {
    SavedQuote {
        schema_version: SCHEMA_VERSION,
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        quote_date,
        sheet_name: sheet_name.to_string(),
        sheet_toml: sheet_toml.to_string(),
        request: request.clone(),
        patient: patient.map(str::to_string),
        total: estimate.total,
        sex_chosen: None,
    }
}

/// Makes the saved form of a computed [`Quote`], dated with its quote date. `sheet_toml` is
/// the text the quote's sheet was parsed from (it is frozen into the file); a text that
/// parses to another sheet is refused ([`SavedQuoteError::SheetMismatch`]). A man–woman
/// range is saved as the woman's plan marked "sex not chosen".
pub fn from_quote(
    quote: &Quote,
    sheet_name: &str,
    sheet_toml: &str,
    patient: Option<&str>,
) -> Result<SavedQuote, SavedQuoteError> {
    let mismatch = || SavedQuoteError::SheetMismatch {
        sheet_name: crate::patient::escape_text(sheet_name),
    };
    let frozen = pricing::parse(sheet_toml, sheet_name).map_err(|_| mismatch())?;
    if frozen.id() != quote.sheet_id() {
        return Err(mismatch());
    }
    let mut saved = save(
        sheet_name,
        sheet_toml,
        quote.request(),
        quote.shown(),
        patient,
        quote.quote_date(),
    );
    if matches!(quote.priced(), Priced::Range { .. }) {
        saved.sex_chosen = Some(false);
    }
    Ok(saved)
}

/// The largest price sheet a saved quote may carry, in bytes: the price-sheet file limit
/// (256 KB).
pub const MAX_FROZEN_SHEET_BYTES: usize = 256 * 1024;

/// The JSON text of a saved quote, in the current format ([`SavedQuoteV2`]).
pub fn to_json(quote: &SavedQuote) -> String {
    // Serialising these types cannot fail (string keys, finite or null numbers); an empty
    // text would be refused when opened, never misread.
    let mut s = serde_json::to_string_pretty(&SavedQuoteV2::from(quote)).unwrap_or_default();
    s.push('\n');
    s
}

/// Opens a saved quote from its JSON text, re-pricing it at its own frozen prices.
pub fn open(text: &str, source_name: &str) -> Result<Reopened, SavedQuoteError> {
    // A byte-order mark (Windows editors add one) is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Read the version first, so a newer file is refused with the right reason.
    #[derive(Deserialize)]
    struct Version {
        schema_version: u32,
    }
    let not_a_quote = |e: serde_json::Error| SavedQuoteError::NotAQuote {
        source_name: source_name.to_string(),
        line: e.line().max(1),
        column: e.column().max(1),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or("")
            .to_string(),
    };
    let v: Version = serde_json::from_str(text).map_err(not_a_quote)?;
    if v.schema_version == 0 {
        return Err(SavedQuoteError::UnknownVersion {
            source_name: source_name.to_string(),
            found: 0,
        });
    }
    if v.schema_version > SCHEMA_VERSION {
        return Err(SavedQuoteError::NewerVersion {
            source_name: source_name.to_string(),
            found: v.schema_version,
        });
    }
    // Each version in its own shape; an older one migrates forward to the current one.
    let file: SavedQuoteV2 = match v.schema_version {
        1 => SavedQuoteV2::from(serde_json::from_str::<SavedQuoteV1>(text).map_err(not_a_quote)?),
        _ => serde_json::from_str(text).map_err(not_a_quote)?,
    };
    let mut quote = SavedQuote::from(file);
    check_inputs(&quote, source_name)?;
    quote.patient = match &quote.patient {
        None => None,
        Some(p) => crate::patient::check_name(p).map_err(|error| SavedQuoteError::Patient {
            source_name: source_name.to_string(),
            error,
        })?,
    };
    // The price-sheet limit holds for the prices frozen in a saved quote too (a sheet is
    // stored in the register with its course).
    if quote.sheet_toml.len() > MAX_FROZEN_SHEET_BYTES {
        return Err(SavedQuoteError::SheetTooLarge {
            source_name: source_name.to_string(),
            bytes: quote.sheet_toml.len(),
        });
    }
    let sheet = pricing::parse(&quote.sheet_toml, &format!("{source_name} (saved prices)"))
        .map_err(|error| SavedQuoteError::Sheet {
            source_name: source_name.to_string(),
            error,
        })?;
    let est = estimate(&sheet, &quote.request).map_err(|error| SavedQuoteError::Plan {
        source_name: source_name.to_string(),
        error,
    })?;
    if est.total != quote.total {
        return Err(SavedQuoteError::TotalMismatch {
            source_name: source_name.to_string(),
            saved: quote.total.0,
            computed: est.total.0,
        });
    }
    Ok(Reopened {
        quote,
        sheet,
        estimate: est,
    })
}

/// The rules the CLI applies to the same inputs typed as arguments: an age of 0 to
/// [`crate::patient::MAX_AGE`], dates in [`crate::patient::plausible_date`]'s years. (The
/// doses, the months, the weight and the target are the estimate's own checks.)
fn check_inputs(quote: &SavedQuote, source_name: &str) -> Result<(), SavedQuoteError> {
    let date = |field, got| {
        if crate::patient::plausible_date(got) {
            Ok(())
        } else {
            Err(SavedQuoteError::Date {
                source_name: source_name.to_string(),
                field,
                got,
            })
        }
    };
    date(SavedDate::QuoteDate, quote.quote_date)?;
    if let Some(start) = quote.request.start {
        date(SavedDate::Start, start)?;
    }
    match quote.request.screening.age {
        Some(got) if got > crate::patient::MAX_AGE => Err(SavedQuoteError::Age {
            source_name: source_name.to_string(),
            got,
        }),
        _ => Ok(()),
    }
}

/// How today's prices differ from a saved quote's.
#[derive(Debug, Clone, PartialEq)]
pub enum PriceCheck {
    /// Today's sheet gives the same total.
    Unchanged,
    /// Today's sheet gives another total.
    Changed {
        /// Total at the saved prices.
        saved_total: Money,
        /// Total at today's prices.
        current_total: Money,
    },
    /// Today's sheet cannot price this plan (e.g. a dose it no longer offers).
    CannotReprice(PlanError),
}

/// Compares a reopened quote with today's sheet.
pub fn check_prices(reopened: &Reopened, current: &PriceSheet) -> PriceCheck {
    match estimate(current, &reopened.quote.request) {
        // The months and the discounts on the whole course: a course discount's rate can
        // change while every month stays the same.
        Ok(now)
            if now.months == reopened.estimate.months
                && now.course_items == reopened.estimate.course_items =>
        {
            PriceCheck::Unchanged
        }
        Ok(now) => PriceCheck::Changed {
            saved_total: reopened.estimate.total,
            current_total: now.total,
        },
        Err(e) => PriceCheck::CannotReprice(e),
    }
}
