//! Saved quotes: a versioned JSON document that freezes the prices it was made with (the
//! price sheet's own text), so it reopens with the same totals after the clinic changes its
//! sheet, and can be re-priced on request.
//!
//! Pure: text in, text out. Reading and writing the file is the shell's job (`files`).

use serde::{Deserialize, Serialize};

use crate::estimate::{CourseEstimate, CourseRequest, PlanError, estimate};
use crate::money::Money;
use crate::pricing::{self, PriceSheet, PricingError};

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A quote or plan as saved to disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedQuote {
    /// Format version; a file from a newer version is refused, not misread.
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
    #[serde(default)]
    pub patient: Option<String>,
    /// The course total when saved, to detect a hand-edited file.
    pub total: Money,
    /// `Some(false)` in a recovery copy of a plan whose sex was not chosen yet (the request
    /// must hold one to be priced); absent in saved quotes, which always have a sex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex_chosen: Option<bool>,
}

/// Why a saved quote cannot be opened.
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
        "{source_name} was saved by a newer version of the app (format {found}); this version reads format {SCHEMA_VERSION}"
    )]
    NewerVersion {
        /// The file.
        source_name: String,
        /// Its version.
        found: u32,
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

/// The JSON text of a saved quote.
pub fn to_json(quote: &SavedQuote) -> String {
    let mut s = serde_json::to_string_pretty(quote).unwrap_or_default();
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
    if v.schema_version > SCHEMA_VERSION || v.schema_version == 0 {
        return Err(SavedQuoteError::NewerVersion {
            source_name: source_name.to_string(),
            found: v.schema_version,
        });
    }
    let mut quote: SavedQuote = serde_json::from_str(text).map_err(not_a_quote)?;
    quote.patient = match &quote.patient {
        None => None,
        Some(p) => crate::patient::check_name(p).map_err(|error| SavedQuoteError::Patient {
            source_name: source_name.to_string(),
            error,
        })?,
    };
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
        Ok(now) if now.months == reopened.estimate.months => PriceCheck::Unchanged,
        Ok(now) => PriceCheck::Changed {
            saved_total: reopened.estimate.total,
            current_total: now.total,
        },
        Err(e) => PriceCheck::CannotReprice(e),
    }
}
