//! Price sheets: a clinic's prices, currency, tax and policies, parsed from TOML text.
//!
//! `parse(text, source_name)` is pure: reading the file is the caller's job.
//! Every error names the source, line and column and says what was expected.
//! The format is documented in `pricing/README.md`.

use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize};
use toml::Spanned;

use crate::i18n::Lang;
use crate::money::{Currency, MAX_PRICE, Money};

/// The most `[[tests]]` a sheet may list (a clinic lists a handful).
pub const MAX_TESTS: usize = 100;
/// The most `[[packages]]` a flat sheet may list.
pub const MAX_PACKAGES: usize = 100;
/// The most `[[capsules]]` strengths a sheet may list.
pub const MAX_CAPSULES: usize = 10;
/// The longest a quote may stay valid, in days.
pub const MAX_VALID_DAYS: u32 = 365;
/// The longest window after the last dose, in months (elective surgery is 6–12).
pub const MAX_AFTER_MONTHS: u32 = 60;

/// The reference clinic's sheet, compiled in so the app works with no files beside it.
pub const REFERENCE_SHEET_TOML: &str = include_str!("../../../../pricing/reference-clinic-jp.toml");
/// The name the compiled-in sheet is reported under.
pub const REFERENCE_SHEET_NAME: &str = "pricing/reference-clinic-jp.toml";

/// The compiled-in reference sheet.
pub fn reference_sheet() -> PriceSheet {
    match parse(REFERENCE_SHEET_TOML, REFERENCE_SHEET_NAME) {
        Ok(sheet) => sheet,
        // A test parses the shipped sheet, so this cannot happen in a released build.
        Err(e) => panic!("the built-in price sheet is invalid: {e}"),
    }
}

/// A clinic's price sheet, validated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriceSheet {
    /// Who the estimate comes from.
    pub clinic: Clinic,
    /// The currency every price is written in (minor units).
    pub currency: Currency,
    /// How many days a quote stays valid.
    pub valid_days: u32,
    /// Whether prices include tax, and the rule when they do not.
    pub tax: Tax,
    /// The most months of medication a patient may take home per visit (1 or 2).
    pub max_months_per_visit: u32,
    /// Capsule strengths the clinic stocks, smallest first.
    pub capsules: Vec<Capsule>,
    /// How the clinic charges.
    pub fees: Fees,
    /// The clinic's windows after the last dose.
    pub after_last_dose: AfterLastDose,
}

/// A text the clinic may give in several languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalText {
    /// Japanese.
    pub ja: Option<String>,
    /// English.
    pub en: Option<String>,
    /// Korean.
    pub ko: Option<String>,
}

impl LocalText {
    /// The text in `lang`, else English, else Japanese, else Korean, else empty.
    pub fn get(&self, lang: Lang) -> &str {
        let own = match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        };
        own.as_deref()
            .or(self.en.as_deref())
            .or(self.ja.as_deref())
            .or(self.ko.as_deref())
            .unwrap_or("")
    }

    fn is_empty(&self) -> bool {
        [&self.ja, &self.en, &self.ko]
            .iter()
            .all(|t| t.as_deref().is_none_or(|s| s.trim().is_empty()))
    }
}

/// The clinic's identity, printed on estimates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clinic {
    /// The clinic's name.
    pub name: LocalText,
    /// Postal address.
    pub address: LocalText,
    /// Telephone number.
    pub phone: String,
}

/// Whether prices include tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "tax", rename_all = "snake_case")]
pub enum Tax {
    /// Prices are quoted with tax (Japan's self-paid care).
    Included,
    /// Tax is added per month on the month's subtotal and shown as its own line.
    Added {
        /// Rate in basis points (10% = 1000).
        rate_basis_points: u32,
        /// How a fraction of a minor unit is rounded.
        rounding: Rounding,
    },
}

/// How tax that falls between minor units is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Toward zero (切り捨て, the usual rule in Japan).
    Down,
    /// Away from zero (切り上げ).
    Up,
    /// To the nearest, halves up (四捨五入).
    Nearest,
}

impl Tax {
    /// The tax on `subtotal`, or zero when prices include it; an error when it does not fit.
    pub fn on(self, subtotal: Money) -> Result<Money, crate::money::Overflow> {
        Ok(match self {
            Tax::Included => Money::ZERO,
            Tax::Added {
                rate_basis_points,
                rounding,
            } => {
                let num = i128::from(subtotal.0) * i128::from(rate_basis_points);
                let den = 10_000i128;
                let q = num.div_euclid(den);
                let r = num.rem_euclid(den);
                let rounded = match rounding {
                    Rounding::Down => q,
                    Rounding::Up => q + i128::from(r > 0),
                    Rounding::Nearest => q + i128::from(2 * r >= den),
                };
                Money(i64::try_from(rounded).map_err(|_| crate::money::Overflow)?)
            }
        })
    }
}

/// A capsule strength the clinic stocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Capsule {
    /// Milligrams of isotretinoin in one capsule.
    pub mg: u32,
    /// Price of one capsule (itemised sheets); flat sheets may leave it out.
    pub price: Option<Money>,
}

/// How a clinic charges.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "style", rename_all = "snake_case")]
pub enum Fees {
    /// Consultation, medication per capsule and tests, each priced.
    Itemised {
        /// Consultation at the first visit.
        first_visit: Money,
        /// Consultation at each return visit.
        return_visit: Money,
        /// Tests and when they are due.
        tests: Vec<TestFee>,
    },
    /// One all-in price per month for a given daily dose.
    Flat {
        /// The published packages, by daily dose.
        packages: Vec<Package>,
    },
}

/// A test the clinic charges for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestFee {
    /// Stable code: `blood_test`, `urine_test`, or the clinic's own.
    pub code: String,
    /// The name to print; known codes have built-in names.
    pub name: LocalText,
    /// Price per test.
    pub price: Money,
    /// Who needs it.
    pub who: TestFor,
    /// Due at every visit in the first `monthly_first_months` months …
    pub monthly_first_months: u32,
    /// … and then at the first visit at least `every_months` after the last one.
    pub every_months: u32,
}

/// Who a test is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestFor {
    /// Every patient.
    Everyone,
    /// Women only (pregnancy test).
    Women,
}

/// An all-in monthly price for a daily dose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Package {
    /// The daily dose the package is for.
    pub daily_mg: u32,
    /// The price of one month, everything included.
    pub price_per_month: Money,
}

/// The clinic's windows after the last dose, in months (domain.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AfterLastDose {
    /// Contraception for women (label: 1; the reference clinic: 6).
    pub contraception_women: u32,
    /// Contraception for men (partner).
    pub contraception_men: u32,
    /// No sunburn, laser or light treatment.
    pub sun_and_laser: u32,
    /// Laser hair removal resumes.
    pub laser_hair_removal: u32,
    /// Vaccination.
    pub vaccination: u32,
    /// Elective surgery (e.g. hair transplant).
    pub elective_surgery: u32,
    /// Earliest next course.
    pub next_course: u32,
}

impl Default for AfterLastDose {
    fn default() -> Self {
        AfterLastDose {
            contraception_women: 1,
            contraception_men: 1,
            sun_and_laser: 2,
            laser_hair_removal: 1,
            vaccination: 1,
            elective_surgery: 6,
            next_course: 2,
        }
    }
}

/// A fingerprint of a price sheet's content: an estimate remembers the sheet it was priced
/// with, so a face cannot pair it with another clinic's sheet (letterhead, currency, tax).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SheetId(u64);

impl PriceSheet {
    /// The fingerprint of this sheet's content (the same content gives the same id).
    pub fn id(&self) -> SheetId {
        use std::hash::{Hash, Hasher};
        // DefaultHasher::new() has fixed keys: the same sheet gives the same id in every run.
        let mut h = std::collections::hash_map::DefaultHasher::new();
        // Debug prints every field of the sheet; it is the content, not an address.
        format!("{self:?}").hash(&mut h);
        SheetId(h.finish())
    }

    /// Capsule strengths in mg, smallest first.
    pub fn strengths(&self) -> Vec<u32> {
        self.capsules.iter().map(|c| c.mg).collect()
    }

    /// Whether this sheet publishes one all-in price per month.
    pub fn is_flat(&self) -> bool {
        matches!(self.fees, Fees::Flat { .. })
    }
}

/// A price sheet that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}:{line}:{column}: {message}{}", quote_line(.snippet))]
pub struct PricingError {
    /// The file (or other source) the sheet came from.
    pub source_name: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// What is wrong and what was expected, in the clinic's words.
    pub message: String,
    /// The offending line of the sheet, trimmed.
    pub snippet: String,
}

fn quote_line(snippet: &str) -> String {
    if snippet.is_empty() {
        String::new()
    } else {
        format!(" (in `{snippet}`)")
    }
}

impl PricingError {
    fn at(source_name: &str, text: &str, span: Option<Range<usize>>, message: String) -> Self {
        let start = span.as_ref().map_or(0, |s| s.start).min(text.len());
        let before = text.get(..start).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text.get(line_start..start).map_or(0, |s| s.chars().count()) + 1;
        let snippet = if span.is_none() {
            String::new()
        } else {
            text.lines()
                .nth(line - 1)
                .unwrap_or("")
                .trim()
                .chars()
                .take(80)
                .collect()
        };
        // A hostile sheet's text must not reach a terminal or a banner as control codes.
        PricingError {
            source_name: crate::patient::escape_text(source_name),
            line,
            column,
            message: crate::patient::escape_text(&message),
            snippet: crate::patient::escape_text(&snippet),
        }
    }
}

/// Parses and validates a price sheet. `source_name` (usually the path) is used in errors.
pub fn parse(text: &str, source_name: &str) -> Result<PriceSheet, PricingError> {
    let raw: RawSheet = toml::from_str(text)
        .map_err(|e| PricingError::at(source_name, text, e.span(), clinic_words(e.message())))?;
    let err = |span: Option<Range<usize>>, message: String| {
        PricingError::at(source_name, text, span, message)
    };
    raw.validate(err)
}

/// Rewords serde's phrasing for a clinic manager.
fn clinic_words(message: &str) -> String {
    let m = message.trim().trim_end_matches('\n');
    if let Some(rest) = m.strip_prefix("unknown field ") {
        return format!(
            "unknown setting {}: check its spelling",
            rest.replacen(", expected", "; the settings allowed here are", 1)
        );
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        return format!("missing setting {rest}: add it to this section");
    }
    m.replace("invalid type: ", "wrong kind of value: ")
        .replace("unknown variant", "unknown choice")
}

// ---------------------------------------------------------------------------------------------
// The raw TOML shape. Unknown keys are errors everywhere.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSheet {
    #[serde(default)]
    style: Option<Spanned<RawStyle>>,
    clinic: RawClinic,
    currency: RawCurrency,
    #[serde(default)]
    quote: RawQuote,
    #[serde(default)]
    visits: RawVisits,
    #[serde(default)]
    consultation: Option<Spanned<RawConsultation>>,
    #[serde(default)]
    capsules: Vec<Spanned<RawCapsule>>,
    #[serde(default)]
    tests: Vec<Spanned<RawTest>>,
    #[serde(default)]
    packages: Vec<Spanned<RawPackage>>,
    #[serde(default)]
    after_last_dose: RawAfterLastDose,
}

/// `[after_last_dose]` as written: each window with where it was written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAfterLastDose {
    contraception_women: Option<Spanned<u32>>,
    contraception_men: Option<Spanned<u32>>,
    sun_and_laser: Option<Spanned<u32>>,
    laser_hair_removal: Option<Spanned<u32>>,
    vaccination: Option<Spanned<u32>>,
    elective_surgery: Option<Spanned<u32>>,
    next_course: Option<Spanned<u32>>,
}

#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
enum RawStyle {
    Itemised,
    Flat,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClinic {
    name: Spanned<TextOrLocal>,
    #[serde(default)]
    address: Option<Spanned<TextOrLocal>>,
    #[serde(default)]
    phone: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TextOrLocal {
    Plain(String),
    Local(LocalText),
}

impl TextOrLocal {
    fn into_local(self) -> LocalText {
        match self {
            TextOrLocal::Plain(s) => LocalText {
                ja: Some(s.clone()),
                en: Some(s.clone()),
                ko: Some(s),
            },
            TextOrLocal::Local(l) => l,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCurrency {
    code: Spanned<String>,
    #[serde(default)]
    minor_units: Option<Spanned<u8>>,
    #[serde(default)]
    symbol: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuote {
    #[serde(default = "default_valid_days")]
    valid_days: Spanned<u32>,
    #[serde(default = "default_true")]
    tax_included: Spanned<bool>,
    #[serde(default)]
    tax_rate_percent: Option<Spanned<Percent>>,
    #[serde(default)]
    tax_rounding: Option<Rounding>,
}

impl Default for RawQuote {
    fn default() -> Self {
        RawQuote {
            valid_days: default_valid_days(),
            tax_included: default_true(),
            tax_rate_percent: None,
            tax_rounding: None,
        }
    }
}

fn default_valid_days() -> Spanned<u32> {
    Spanned::new(0..0, 30)
}

fn default_true() -> Spanned<bool> {
    Spanned::new(0..0, true)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVisits {
    #[serde(default = "default_one")]
    max_months_per_visit: Spanned<u32>,
}

impl Default for RawVisits {
    fn default() -> Self {
        RawVisits {
            max_months_per_visit: default_one(),
        }
    }
}

fn default_one() -> Spanned<u32> {
    Spanned::new(0..0, 1)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConsultation {
    first_visit: Price,
    return_visit: Price,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCapsule {
    mg: Spanned<u32>,
    #[serde(default)]
    price: Option<Price>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTest {
    code: Spanned<String>,
    #[serde(default)]
    name: Option<TextOrLocal>,
    price: Price,
    who: TestFor,
    #[serde(default = "default_one")]
    every_months: Spanned<u32>,
    #[serde(default = "default_one")]
    monthly_first_months: Spanned<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPackage {
    daily_mg: Spanned<u32>,
    price_per_month: Price,
}

/// A price: a whole number of minor units, 0 or more.
struct Price(Money);

impl<'de> Deserialize<'de> for Price {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Price, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Price;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a price as a whole number in the currency's smallest unit (yen, won, cents)",
                )
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Price, E> {
                if v < 0 {
                    Err(E::custom(format!(
                        "a price cannot be negative, got {v}: write a whole number of 0 or more"
                    )))
                } else if v > MAX_PRICE {
                    Err(too_large(v))
                } else {
                    Ok(Price(Money(v)))
                }
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Price, E> {
                match i64::try_from(v) {
                    Ok(v) => self.visit_i64(v),
                    Err(_) => Err(too_large(v)),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Price, E> {
                Err(E::custom(format!(
                    "a price must be a whole number in the currency's smallest unit \
                     (yen, won, cents), got {v}: write 1250 for $12.50"
                )))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Price, E> {
                Err(E::custom(format!(
                    "a price must be a number without quotes or commas, got \"{v}\""
                )))
            }
        }
        d.deserialize_any(V)
    }
}

fn too_large<E: serde::de::Error>(v: impl std::fmt::Display) -> E {
    E::custom(format!(
        "a price of {v} is larger than any clinic charges (at most {} in the currency's smallest unit); check the number",
        crate::money::group_digits(MAX_PRICE.unsigned_abs())
    ))
}

/// A percentage with up to two decimals, kept as basis points.
struct Percent(u32);

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Percent, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Percent;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a tax rate in percent, e.g. 10 or 7.5")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Percent, E> {
                if (0..=100).contains(&v) {
                    Ok(Percent(v as u32 * 100))
                } else {
                    Err(E::custom(format!(
                        "a tax rate must be between 0 and 100 percent, got {v}"
                    )))
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Percent, E> {
                let bp = (v * 100.0).round();
                if !(0.0..=10_000.0).contains(&bp) || (v * 100.0 - bp).abs() > 1e-6 {
                    return Err(E::custom(format!(
                        "a tax rate must be between 0 and 100 percent with at most two decimals, got {v}"
                    )));
                }
                Ok(Percent(bp as u32))
            }
        }
        d.deserialize_any(V)
    }
}

/// The first character of `text` (in any language) that must not reach an estimate.
fn unsafe_char(text: &LocalText) -> Option<char> {
    [&text.ja, &text.en, &text.ko]
        .into_iter()
        .flatten()
        .flat_map(|t| t.chars())
        .find(|c| crate::patient::is_unsafe_char(*c))
}

fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl RawSheet {
    fn validate(
        self,
        err: impl Fn(Option<Range<usize>>, String) -> PricingError,
    ) -> Result<PriceSheet, PricingError> {
        let name_span = self.clinic.name.span();
        let name = self.clinic.name.into_inner().into_local();
        let control = |text: &LocalText, span: Range<usize>| match unsafe_char(text) {
            Some(c) => Err(err(
                Some(span),
                format!(
                    "this text holds an invisible control character ({}) that would garble the estimate; remove it",
                    crate::patient::escape_char(c)
                ),
            )),
            None => Ok(()),
        };
        control(&name, name_span.clone())?;
        let address = match self.clinic.address {
            None => LocalText::default(),
            Some(a) => {
                let span = a.span();
                let a = a.into_inner().into_local();
                control(&a, span)?;
                a
            }
        };
        let phone = match self.clinic.phone {
            None => String::new(),
            Some(p) => {
                let span = p.span();
                let p = p.into_inner();
                control(&TextOrLocal::Plain(p.clone()).into_local(), span)?;
                p
            }
        };
        if name.is_empty() {
            return Err(err(
                Some(name_span),
                "the clinic's name is empty: write the name printed on estimates".into(),
            ));
        }

        let code_span = self.currency.code.span();
        let code = self.currency.code.into_inner();
        let known = Currency::known(&code);
        let minor_units = match (&self.currency.minor_units, &known) {
            (Some(m), _) if *m.get_ref() > 4 => {
                return Err(err(
                    Some(m.span()),
                    format!("minor_units must be 0 to 4, got {}", m.get_ref()),
                ));
            }
            (Some(m), _) => *m.get_ref(),
            (None, Some(k)) => k.minor_units,
            (None, None) => {
                return Err(err(
                    Some(code_span),
                    format!(
                        "unknown currency \"{code}\": use an ISO code such as JPY or KRW, \
                         or give its minor_units and symbol"
                    ),
                ));
            }
        };
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(err(
                Some(code_span),
                format!(
                    "a currency code is three capital letters such as JPY or KRW, got \"{code}\""
                ),
            ));
        }
        let symbol = match self.currency.symbol {
            Some(s) => {
                let span = s.span();
                let s = s.into_inner();
                control(&TextOrLocal::Plain(s.clone()).into_local(), span)?;
                s
            }
            None => known.map_or_else(|| code.clone(), |k| k.symbol),
        };
        let currency = Currency {
            code,
            minor_units,
            symbol,
        };

        let valid_days = *self.quote.valid_days.get_ref();
        if !(1..=MAX_VALID_DAYS).contains(&valid_days) {
            return Err(err(
                Some(self.quote.valid_days.span()),
                format!(
                    "valid_days must be 1 to {MAX_VALID_DAYS} (days a quote stays valid), got {valid_days}"
                ),
            ));
        }
        let d = AfterLastDose::default();
        let a = &self.after_last_dose;
        let months = |key: &str, v: &Option<Spanned<u32>>, default: u32| match v {
            None => Ok(default),
            Some(m) if *m.get_ref() <= MAX_AFTER_MONTHS => Ok(*m.get_ref()),
            Some(m) => Err(err(
                Some(m.span()),
                format!(
                    "{key} = {} months is longer than any clinic's policy: write 0 to {MAX_AFTER_MONTHS} months",
                    m.get_ref()
                ),
            )),
        };
        let after_last_dose = AfterLastDose {
            contraception_women: months(
                "contraception_women",
                &a.contraception_women,
                d.contraception_women,
            )?,
            contraception_men: months(
                "contraception_men",
                &a.contraception_men,
                d.contraception_men,
            )?,
            sun_and_laser: months("sun_and_laser", &a.sun_and_laser, d.sun_and_laser)?,
            laser_hair_removal: months(
                "laser_hair_removal",
                &a.laser_hair_removal,
                d.laser_hair_removal,
            )?,
            vaccination: months("vaccination", &a.vaccination, d.vaccination)?,
            elective_surgery: months("elective_surgery", &a.elective_surgery, d.elective_surgery)?,
            next_course: months("next_course", &a.next_course, d.next_course)?,
        };
        if self.tests.len() > MAX_TESTS {
            return Err(err(
                Some(self.tests[MAX_TESTS].span()),
                format!(
                    "a sheet lists at most {MAX_TESTS} [[tests]]; this one has {}",
                    self.tests.len()
                ),
            ));
        }
        if self.packages.len() > MAX_PACKAGES {
            return Err(err(
                Some(self.packages[MAX_PACKAGES].span()),
                format!(
                    "a sheet lists at most {MAX_PACKAGES} [[packages]]; this one has {}",
                    self.packages.len()
                ),
            ));
        }
        if self.capsules.len() > MAX_CAPSULES {
            return Err(err(
                Some(self.capsules[MAX_CAPSULES].span()),
                format!(
                    "a sheet lists at most {MAX_CAPSULES} capsule strengths; this one has {}",
                    self.capsules.len()
                ),
            ));
        }
        let tax = if *self.quote.tax_included.get_ref() {
            if let Some(rate) = &self.quote.tax_rate_percent {
                return Err(err(
                    Some(rate.span()),
                    "tax_rate_percent is only used when tax_included = false; remove it or set tax_included = false".into(),
                ));
            }
            Tax::Included
        } else {
            let Some(rate) = self.quote.tax_rate_percent else {
                return Err(err(
                    Some(self.quote.tax_included.span()),
                    "tax_included = false needs tax_rate_percent (e.g. 10) in [quote]".into(),
                ));
            };
            Tax::Added {
                rate_basis_points: rate.into_inner().0,
                rounding: self.quote.tax_rounding.unwrap_or(Rounding::Down),
            }
        };

        let mmpv = &self.visits.max_months_per_visit;
        if !(1..=2).contains(mmpv.get_ref()) {
            return Err(err(
                Some(mmpv.span()),
                format!(
                    "max_months_per_visit must be 1 or 2, got {}",
                    mmpv.get_ref()
                ),
            ));
        }

        let style = self.style.as_ref().map(|s| *s.get_ref());
        let style = style.unwrap_or(if self.packages.is_empty() {
            RawStyle::Itemised
        } else {
            RawStyle::Flat
        });

        let mut capsules: Vec<Capsule> = Vec::new();
        for cap in &self.capsules {
            let c = cap.get_ref();
            let mg = *c.mg.get_ref();
            if mg == 0 || mg > 200 {
                return Err(err(
                    Some(c.mg.span()),
                    format!("a capsule strength must be 1 to 200 mg, got {mg}"),
                ));
            }
            if capsules.iter().any(|k| k.mg == mg) {
                return Err(err(
                    Some(c.mg.span()),
                    format!("the {mg} mg capsule is listed twice"),
                ));
            }
            if style == RawStyle::Itemised && c.price.is_none() {
                return Err(err(
                    Some(cap.span()),
                    format!("the {mg} mg capsule needs a price (price = …) on an itemised sheet"),
                ));
            }
            capsules.push(Capsule {
                mg,
                price: c.price.as_ref().map(|p| p.0),
            });
        }
        if capsules.is_empty() {
            if style == RawStyle::Itemised {
                return Err(err(
                    None,
                    "an itemised sheet needs at least one [[capsules]] entry with mg and price"
                        .into(),
                ));
            }
            capsules = [10, 20].map(|mg| Capsule { mg, price: None }).to_vec();
        }
        capsules.sort_by_key(|c| c.mg);

        let fees = match style {
            RawStyle::Itemised => {
                if let Some(p) = self.packages.first() {
                    return Err(err(
                        Some(p.span()),
                        "[[packages]] belong to a flat sheet (style = \"flat\"); this sheet is itemised".into(),
                    ));
                }
                let Some(consult) = self.consultation else {
                    return Err(err(
                        None,
                        "an itemised sheet needs a [consultation] section with first_visit and return_visit".into(),
                    ));
                };
                let consult = consult.into_inner();
                let mut tests: Vec<TestFee> = Vec::new();
                let mut seen = std::collections::HashSet::new();
                for t in self.tests {
                    let span = t.span();
                    let t = t.into_inner();
                    let code = t.code.get_ref().clone();
                    if !is_code(&code) {
                        return Err(err(
                            Some(t.code.span()),
                            format!(
                                "a test code is lowercase letters, digits and _ (like blood_test), got \"{code}\""
                            ),
                        ));
                    }
                    if !seen.insert(code.clone()) {
                        return Err(err(
                            Some(t.code.span()),
                            format!("the test \"{code}\" is listed twice"),
                        ));
                    }
                    for n in [&t.every_months, &t.monthly_first_months] {
                        if !(1..=12).contains(n.get_ref()) {
                            return Err(err(
                                Some(n.span()),
                                format!("months must be 1 to 12, got {}", n.get_ref()),
                            ));
                        }
                    }
                    let name = match t.name {
                        Some(n) => {
                            let n = n.into_local();
                            control(&n, span.clone())?;
                            n
                        }
                        None if matches!(code.as_str(), "blood_test" | "urine_test") => {
                            LocalText::default()
                        }
                        None => {
                            return Err(err(
                                Some(span),
                                format!(
                                    "the test \"{code}\" needs a name, e.g. name = {{ ja = \"…\", en = \"…\" }}"
                                ),
                            ));
                        }
                    };
                    tests.push(TestFee {
                        code,
                        name,
                        price: t.price.0,
                        who: t.who,
                        every_months: *t.every_months.get_ref(),
                        monthly_first_months: *t.monthly_first_months.get_ref(),
                    });
                }
                Fees::Itemised {
                    first_visit: consult.first_visit.0,
                    return_visit: consult.return_visit.0,
                    tests,
                }
            }
            RawStyle::Flat => {
                if let Some(c) = &self.consultation {
                    return Err(err(
                        Some(c.span()),
                        "a flat sheet has no [consultation]: its package prices include everything"
                            .into(),
                    ));
                }
                if let Some(t) = self.tests.first() {
                    return Err(err(
                        Some(t.span()),
                        "a flat sheet has no [[tests]]: its package prices include everything"
                            .into(),
                    ));
                }
                let mut packages: Vec<Package> = Vec::new();
                for p in self.packages {
                    let p = p.into_inner();
                    let mg = *p.daily_mg.get_ref();
                    if mg == 0 {
                        return Err(err(
                            Some(p.daily_mg.span()),
                            "daily_mg must be 1 or more".into(),
                        ));
                    }
                    if packages.iter().any(|k| k.daily_mg == mg) {
                        return Err(err(
                            Some(p.daily_mg.span()),
                            format!("the {mg} mg/day package is listed twice"),
                        ));
                    }
                    packages.push(Package {
                        daily_mg: mg,
                        price_per_month: p.price_per_month.0,
                    });
                }
                if packages.is_empty() {
                    return Err(err(
                        None,
                        "a flat sheet needs at least one [[packages]] entry with daily_mg and price_per_month".into(),
                    ));
                }
                packages.sort_by_key(|p| p.daily_mg);
                Fees::Flat { packages }
            }
        };

        Ok(PriceSheet {
            clinic: Clinic {
                name,
                address,
                phone,
            },
            currency,
            valid_days,
            tax,
            max_months_per_visit: *self.visits.max_months_per_visit.get_ref(),
            capsules,
            fees,
            after_last_dose,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_rounding_rules() {
        let t = |bp, rounding, amount| {
            Tax::Added {
                rate_basis_points: bp,
                rounding,
            }
            .on(Money(amount))
            .unwrap()
            .0
        };
        assert_eq!(t(1000, Rounding::Down, 1655), 165);
        assert_eq!(t(1000, Rounding::Up, 1651), 166);
        assert_eq!(t(1000, Rounding::Up, 1650), 165);
        assert_eq!(t(1000, Rounding::Nearest, 1655), 166);
        assert_eq!(t(1000, Rounding::Nearest, 1654), 165);
        assert_eq!(t(750, Rounding::Down, 1000), 75);
        assert_eq!(Tax::Included.on(Money(1000)), Ok(Money(0)));
    }
}
