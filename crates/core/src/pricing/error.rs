//! Why a price sheet is refused: where ([`PricingError`]: file, line, column, the line itself)
//! and what ([`SheetProblem`], typed, with a stable code), told in the user's language.
//!
//! Pure: no IO. The `Display` forms are English, for logs and the command line's default.

use crate::i18n::{Arg, Lang};
use crate::patient::{escape_char, escape_text};

/// A price sheet that cannot be used, with where and why.
///
/// `Display` is English; [`PricingError::explain`] gives the same in another language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}:{line}:{column}: {message}{}", quote_line(.snippet))]
pub struct PricingError {
    /// The file (or other source) the sheet came from (control characters escaped).
    pub source_name: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// What is wrong, typed (boxed: the error stays small to pass around).
    pub problem: Box<SheetProblem>,
    /// What is wrong and what was expected, in English (control characters escaped): the
    /// text `Display` shows. A person reads [`PricingError::reason`] in their language.
    pub message: String,
    /// The offending line of the sheet, trimmed (control characters escaped).
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
    /// The error for `problem` found at byte `span` of `text` (`None`: the sheet as a
    /// whole, reported at 1:1 without a line).
    pub(crate) fn at(
        source_name: &str,
        text: &str,
        span: Option<std::ops::Range<usize>>,
        problem: SheetProblem,
    ) -> Self {
        let start = span.as_ref().map_or(0, |s| s.start).min(text.len());
        let before = text.get(..start).unwrap_or("");
        let line = before.matches('\n').count().saturating_add(1);
        let line_start = before.rfind('\n').map_or(0, |i| i.saturating_add(1));
        let column = text
            .get(line_start..start)
            .map_or(0, |s| s.chars().count())
            .saturating_add(1);
        let snippet = if span.is_none() {
            String::new()
        } else {
            text.lines()
                .nth(line.saturating_sub(1))
                .unwrap_or("")
                .trim()
                .chars()
                .take(80)
                .collect()
        };
        // A hostile sheet's text must not reach a terminal or a banner as control codes.
        PricingError {
            source_name: escape_text(source_name),
            line,
            column,
            message: escape_text(&problem.explain(Lang::En)),
            problem: Box::new(problem),
            snippet: escape_text(&snippet),
        }
    }

    /// Stable code of the problem, e.g. `negative_price` (see [`SheetProblem::code`]).
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }

    /// What is wrong, in `lang`, without the place (control characters escaped).
    pub fn reason(&self, lang: Lang) -> String {
        escape_text(&self.problem.explain(lang))
    }

    /// The whole message in `lang`: `file:line:column: what is wrong (in `the line`)`.
    /// In English it is the `Display` form.
    pub fn explain(&self, lang: Lang) -> String {
        let mut args = vec![
            ("source", Arg::Str(self.source_name.clone())),
            ("line", Arg::Str(self.line.to_string())),
            ("column", Arg::Str(self.column.to_string())),
            ("reason", Arg::Str(self.reason(lang))),
        ];
        if self.snippet.is_empty() {
            lang.tr_args("sheet-error-at", &args)
        } else {
            args.push(("snippet", Arg::Str(self.snippet.clone())));
            lang.tr_args("sheet-error-at-line", &args)
        }
    }
}

/// What is wrong with a price sheet, typed; [`SheetProblem::explain`] words it for a clinic
/// manager in any language, and `Display` in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetProblem {
    /// The TOML reader or the shape check refused the text: a syntax error, a wrong kind of
    /// value, an untagged text that fits no form. `detail` is the reader's own English text
    /// (serde's phrasing reworded), shown inside a localised frame: these messages are not
    /// ours to translate one by one.
    Toml {
        /// The reader's message, in English.
        detail: String,
    },
    /// A key the section does not have (a misspelling).
    UnknownSetting {
        /// The key as written.
        key: String,
        /// The keys the section allows.
        allowed: Vec<String>,
    },
    /// A required key is absent.
    MissingSetting {
        /// The key.
        key: String,
    },
    /// A value outside a fixed list (e.g. `who = "woman"`).
    UnknownChoice {
        /// The value as written.
        got: String,
        /// The values allowed.
        allowed: Vec<String>,
    },
    /// A price below zero.
    NegativePrice {
        /// As written.
        got: i64,
    },
    /// A price above [`crate::money::MAX_PRICE`].
    PriceTooLarge {
        /// As written.
        got: i128,
    },
    /// A price with a fraction (prices are whole minor units).
    FractionalPrice {
        /// As written.
        got: String,
    },
    /// A price written as text.
    QuotedPrice {
        /// As written.
        got: String,
    },
    /// A whole tax rate outside 0–100 %.
    TaxRateRange {
        /// As written.
        got: i64,
    },
    /// A fractional tax rate outside 0–100 % or with more than three decimals.
    TaxRateDecimals {
        /// As written.
        got: String,
    },
    /// A text holding a control or bidirectional-override character.
    ControlCharacter {
        /// The character.
        found: char,
    },
    /// `[clinic] name` is empty in every language.
    EmptyClinicName,
    /// `minor_units` above 4.
    MinorUnits {
        /// As written.
        got: u8,
    },
    /// A currency code the planner does not know, without `minor_units`.
    UnknownCurrency {
        /// As written.
        code: String,
    },
    /// A currency code that is not three capital letters.
    CurrencyCode {
        /// As written.
        code: String,
    },
    /// `valid_days` outside 1–[`super::MAX_VALID_DAYS`].
    ValidDays {
        /// As written.
        got: u32,
    },
    /// A window of `[after_last_dose]` above [`super::MAX_AFTER_MONTHS`].
    AfterLastDoseMonths {
        /// The window's key, e.g. `elective_surgery`.
        key: &'static str,
        /// As written.
        months: u32,
    },
    /// More than [`super::MAX_TESTS`] `[[tests]]`.
    TooManyTests {
        /// How many the sheet lists.
        count: usize,
    },
    /// More than [`super::MAX_PACKAGES`] `[[packages]]`.
    TooManyPackages {
        /// How many the sheet lists.
        count: usize,
    },
    /// More than [`super::MAX_CAPSULES`] `[[capsules]]`.
    TooManyCapsules {
        /// How many the sheet lists.
        count: usize,
    },
    /// `tax_rate_percent` on a sheet whose prices include tax.
    TaxRateNotUsed,
    /// `tax_included = false` without a rate.
    TaxRateMissing,
    /// `max_months_per_visit` other than 1 or 2.
    MaxMonthsPerVisit {
        /// As written.
        got: u32,
    },
    /// A capsule strength outside 1–[`super::MAX_CAPSULE_MG`] mg.
    CapsuleStrength {
        /// As written.
        mg: u32,
    },
    /// The same capsule strength twice.
    DuplicateCapsule {
        /// The strength.
        mg: u32,
    },
    /// An itemised sheet's capsule without a price.
    CapsuleWithoutPrice {
        /// The strength.
        mg: u32,
    },
    /// An itemised sheet without capsules.
    NoCapsules,
    /// A strength with `pack_size` but no `pack_price`, or the other way round.
    PackIncomplete {
        /// The strength.
        mg: u32,
    },
    /// A strength with both `price` and a pack.
    PackAndPrice {
        /// The strength.
        mg: u32,
    },
    /// A pack on a flat sheet (its capsules are not priced).
    PackOnFlat {
        /// The strength.
        mg: u32,
    },
    /// `pack_size` outside 1–[`super::MAX_PACK_SIZE`].
    PackSize {
        /// As written.
        got: u32,
    },
    /// `[[packages]]` on an itemised sheet.
    PackagesOnItemised,
    /// An itemised sheet without `[consultation]`.
    NoConsultation,
    /// A test code that is not lowercase letters, digits and `_`.
    TestCode {
        /// As written.
        code: String,
    },
    /// The same test twice.
    DuplicateTest {
        /// The test's code.
        code: String,
    },
    /// A test's months outside 1–[`super::MAX_TEST_MONTHS`].
    TestMonths {
        /// As written.
        got: u32,
    },
    /// A clinic's own test without a name.
    TestWithoutName {
        /// The test's code.
        code: String,
    },
    /// `[consultation]` on a flat sheet.
    ConsultationOnFlat,
    /// `[[tests]]` on a flat sheet.
    TestsOnFlat,
    /// A package for 0 mg/day.
    PackageDose,
    /// The same package dose twice.
    /// A `min_months` outside 2–24.
    MinMonths {
        /// As written.
        got: u32,
        /// The longest course.
        max: u32,
    },
    /// The same package dose twice (with the same `min_months`).
    DuplicatePackage {
        /// The daily dose.
        mg: u32,
    },
    /// A flat sheet without packages.
    NoPackages,
    /// `max_prescription_days` outside 1–[`super::MAX_PRESCRIPTION_DAYS`].
    PrescriptionDaysRange {
        /// As written.
        got: u32,
    },
    /// `max_prescription_days` shorter than the days one visit may give
    /// (30 × `max_months_per_visit`).
    PrescriptionShorterThanVisit {
        /// `max_prescription_days` as written.
        got: u32,
        /// `max_months_per_visit`.
        months: u32,
        /// 30 × `months`.
        per_visit: u32,
    },
    /// `tax_exempt` on a sheet whose prices include tax.
    TaxExemptNotUsed,
    /// A `tax_exempt` code that names no item of this sheet.
    TaxExemptCode {
        /// As written.
        code: String,
        /// The item codes of this sheet.
        allowed: Vec<String>,
    },
    /// The same code twice in `tax_exempt`.
    DuplicateTaxExempt {
        /// The code.
        code: String,
    },
    /// `[pregnancy_test] where = "clinic"` on an itemised sheet without a `who = "women"` test.
    PregnancyTestNotListed,
    /// `[pregnancy_test] where = "home"` on a sheet that lists a `who = "women"` test.
    PregnancyTestListedForHome {
        /// The women's test's code.
        code: String,
    },
    /// More than [`super::MAX_FEES`] `[[fees]]`.
    TooManyFees {
        /// How many the sheet lists.
        count: usize,
    },
    /// A one-off fee's code that is not lowercase letters, digits and `_`.
    FeeCode {
        /// As written.
        code: String,
    },
    /// A one-off fee's code that the estimate or one of the sheet's tests already uses.
    FeeCodeTaken {
        /// As written.
        code: String,
    },
    /// The same one-off fee code twice.
    DuplicateFee {
        /// The code.
        code: String,
    },
    /// A one-off fee whose name is empty in every language.
    FeeWithoutName {
        /// The fee's code.
        code: String,
    },
    /// More entries in a section than any clinic needs.
    TooManyEntries {
        /// The section, e.g. `[[discounts]]`.
        section: &'static str,
        /// How many the sheet lists.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// An entry's code that is not lowercase letters, digits and `_`.
    EntryCode {
        /// The section.
        section: &'static str,
        /// As written.
        code: String,
    },
    /// An entry's code that the estimate, a test, a fee or a visit kind already uses.
    CodeTaken {
        /// The section.
        section: &'static str,
        /// As written.
        code: String,
    },
    /// The same code twice in a section.
    DuplicateEntry {
        /// The section.
        section: &'static str,
        /// The code.
        code: String,
    },
    /// An entry whose name is empty in every language.
    EntryWithoutName {
        /// The section.
        section: &'static str,
        /// The entry's code.
        code: String,
    },
    /// A visit kind's `tests` naming a test the sheet does not list (or twice).
    VisitKindTest {
        /// As written.
        code: String,
        /// The sheet's test codes.
        allowed: Vec<String>,
    },
    /// A test with two schedules (`as_needed`, `at_months`, `after_weeks`,
    /// `monthly_first_months`).
    TestScheduleConflict {
        /// The test's code.
        code: String,
    },
    /// An `at_months` list that is empty or names a month outside 1 to 24.
    TestMonthList {
        /// The month refused (0 for an empty list).
        got: u32,
    },
    /// An `after_weeks` past [`super::MAX_TEST_WEEKS`].
    TestWeeks {
        /// As written.
        got: u32,
    },
    /// `[[products]]` beside top-level `[[capsules]]` or `[[packages]]`.
    ProductsAndCapsules,
    /// A product without capsules (itemised) or packages (flat).
    ProductWithoutPrices {
        /// The product's code.
        code: String,
    },
    /// A discount with both or neither of `percent` and `amount`.
    DiscountAmount {
        /// The discount's code.
        code: String,
    },
    /// A discount percentage outside (0, 100] or with more than three decimals.
    DiscountPercent {
        /// As written.
        got: String,
    },
    /// A discount's `month` outside 1 to 24.
    DiscountMonth {
        /// As written.
        got: u32,
    },
    /// A discount's `month` without `on = "month"`.
    DiscountMonthNotUsed,
}

impl SheetProblem {
    /// The problem behind a message of the TOML reader: the reworded "unknown setting",
    /// "missing setting" and "unknown choice" when the message has serde's usual form, else
    /// [`SheetProblem::Toml`] with the reader's text reworded for a clinic manager.
    pub(crate) fn from_toml(message: &str) -> SheetProblem {
        let detail = clinic_words(message);
        let m = message.trim();
        let typed = if let Some(rest) = m.strip_prefix("unknown field `") {
            rest.split_once("`, expected ").and_then(|(key, allowed)| {
                Some(SheetProblem::UnknownSetting {
                    key: key.to_string(),
                    allowed: choices(allowed)?,
                })
            })
        } else if let Some(rest) = m.strip_prefix("unknown variant `") {
            rest.split_once("`, expected ").and_then(|(got, allowed)| {
                Some(SheetProblem::UnknownChoice {
                    got: got.to_string(),
                    allowed: choices(allowed)?,
                })
            })
        } else {
            m.strip_prefix("missing field `")
                .and_then(|rest| rest.strip_suffix('`'))
                .map(|key| SheetProblem::MissingSetting {
                    key: key.to_string(),
                })
        };
        // Only when the English comes out exactly as the reworded message: a key holding a
        // backtick, or a phrasing serde may adopt one day, keeps the reader's text.
        match typed {
            Some(p) if p.explain(Lang::En) == detail => p.capsule_form(),
            _ => SheetProblem::Toml { detail },
        }
    }

    /// A `[[capsules]]` entry is priced one of two ways: per capsule (`mg`, `price`) or per
    /// pack (`mg`, `pack_size`, `pack_price`). A mistyped key there is told the settings of
    /// the form it looks like (a key starting with `pack` the pack form), not both mixed.
    fn capsule_form(self) -> SheetProblem {
        const ALL: [&str; 5] = ["mg", "price", "pack_size", "pack_price", "pack_min_months"];
        match self {
            SheetProblem::UnknownSetting { key, allowed } if allowed == ALL => {
                let form: &[&str] = if key.starts_with("pack") {
                    &["mg", "pack_size", "pack_price", "pack_min_months"]
                } else {
                    &["mg", "price"]
                };
                SheetProblem::UnknownSetting {
                    key,
                    allowed: form.iter().map(|k| k.to_string()).collect(),
                }
            }
            other => other,
        }
    }

    /// Stable code, e.g. `negative_price`, `unknown_setting`.
    pub fn code(&self) -> &'static str {
        match self {
            SheetProblem::Toml { .. } => "toml",
            SheetProblem::UnknownSetting { .. } => "unknown_setting",
            SheetProblem::MissingSetting { .. } => "missing_setting",
            SheetProblem::UnknownChoice { .. } => "unknown_choice",
            SheetProblem::NegativePrice { .. } => "negative_price",
            SheetProblem::PriceTooLarge { .. } => "price_too_large",
            SheetProblem::FractionalPrice { .. } => "fractional_price",
            SheetProblem::QuotedPrice { .. } => "quoted_price",
            SheetProblem::TaxRateRange { .. } => "tax_rate_range",
            SheetProblem::TaxRateDecimals { .. } => "tax_rate_decimals",
            SheetProblem::ControlCharacter { .. } => "control_character",
            SheetProblem::EmptyClinicName => "empty_clinic_name",
            SheetProblem::MinorUnits { .. } => "minor_units",
            SheetProblem::UnknownCurrency { .. } => "unknown_currency",
            SheetProblem::CurrencyCode { .. } => "currency_code",
            SheetProblem::ValidDays { .. } => "valid_days",
            SheetProblem::AfterLastDoseMonths { .. } => "after_last_dose_months",
            SheetProblem::TooManyTests { .. } => "too_many_tests",
            SheetProblem::TooManyPackages { .. } => "too_many_packages",
            SheetProblem::TooManyCapsules { .. } => "too_many_capsules",
            SheetProblem::TaxRateNotUsed => "tax_rate_not_used",
            SheetProblem::TaxRateMissing => "tax_rate_missing",
            SheetProblem::MaxMonthsPerVisit { .. } => "max_months_per_visit",
            SheetProblem::CapsuleStrength { .. } => "capsule_strength",
            SheetProblem::DuplicateCapsule { .. } => "duplicate_capsule",
            SheetProblem::CapsuleWithoutPrice { .. } => "capsule_without_price",
            SheetProblem::NoCapsules => "no_capsules",
            SheetProblem::PackIncomplete { .. } => "pack_incomplete",
            SheetProblem::PackAndPrice { .. } => "pack_and_price",
            SheetProblem::PackOnFlat { .. } => "pack_on_flat",
            SheetProblem::PackSize { .. } => "pack_size",
            SheetProblem::PackagesOnItemised => "packages_on_itemised",
            SheetProblem::NoConsultation => "no_consultation",
            SheetProblem::TestCode { .. } => "test_code",
            SheetProblem::DuplicateTest { .. } => "duplicate_test",
            SheetProblem::TestMonths { .. } => "test_months",
            SheetProblem::TestWithoutName { .. } => "test_without_name",
            SheetProblem::ConsultationOnFlat => "consultation_on_flat",
            SheetProblem::TestsOnFlat => "tests_on_flat",
            SheetProblem::PackageDose => "package_dose",
            SheetProblem::DuplicatePackage { .. } => "duplicate_package",
            SheetProblem::MinMonths { .. } => "min_months",
            SheetProblem::NoPackages => "no_packages",
            SheetProblem::PrescriptionDaysRange { .. } => "prescription_days_range",
            SheetProblem::PrescriptionShorterThanVisit { .. } => "prescription_shorter_than_visit",
            SheetProblem::TaxExemptNotUsed => "tax_exempt_not_used",
            SheetProblem::TaxExemptCode { .. } => "tax_exempt_code",
            SheetProblem::DuplicateTaxExempt { .. } => "duplicate_tax_exempt",
            SheetProblem::PregnancyTestNotListed => "pregnancy_test_not_listed",
            SheetProblem::PregnancyTestListedForHome { .. } => "pregnancy_test_listed_for_home",
            SheetProblem::TooManyFees { .. } => "too_many_fees",
            SheetProblem::FeeCode { .. } => "fee_code",
            SheetProblem::FeeCodeTaken { .. } => "fee_code_taken",
            SheetProblem::DuplicateFee { .. } => "duplicate_fee",
            SheetProblem::TooManyEntries { .. } => "too_many_entries",
            SheetProblem::EntryCode { .. } => "entry_code",
            SheetProblem::CodeTaken { .. } => "code_taken",
            SheetProblem::DuplicateEntry { .. } => "duplicate_entry",
            SheetProblem::EntryWithoutName { .. } => "entry_without_name",
            SheetProblem::VisitKindTest { .. } => "visit_kind_test",
            SheetProblem::TestScheduleConflict { .. } => "test_schedule_conflict",
            SheetProblem::TestMonthList { .. } => "test_month_list",
            SheetProblem::TestWeeks { .. } => "test_weeks",
            SheetProblem::ProductsAndCapsules => "products_and_capsules",
            SheetProblem::ProductWithoutPrices { .. } => "product_without_prices",
            SheetProblem::DiscountAmount { .. } => "discount_amount",
            SheetProblem::DiscountPercent { .. } => "discount_percent",
            SheetProblem::DiscountMonth { .. } => "discount_month",
            SheetProblem::DiscountMonthNotUsed => "discount_month_not_used",
            SheetProblem::FeeWithoutName { .. } => "fee_without_name",
        }
    }

    /// What is wrong and how to fix it, in `lang` (the message key is `sheet-` and the code).
    pub fn explain(&self, lang: Lang) -> String {
        let s = |v: &dyn ToString| Arg::Str(v.to_string());
        let args: Vec<(&str, Arg)> = match self {
            SheetProblem::Toml { detail } => vec![("detail", s(detail))],
            SheetProblem::UnknownSetting { key, allowed } => {
                vec![
                    ("key", s(key)),
                    ("allowed", Arg::Str(one_of(lang, allowed))),
                ]
            }
            SheetProblem::MissingSetting { key } => vec![("key", s(key))],
            SheetProblem::UnknownChoice { got, allowed } => {
                vec![
                    ("got", s(got)),
                    ("allowed", Arg::Str(one_of(lang, allowed))),
                ]
            }
            SheetProblem::NegativePrice { got } => vec![("got", s(got))],
            SheetProblem::PriceTooLarge { got } => vec![
                ("got", s(got)),
                (
                    "max",
                    s(&crate::money::group_digits(
                        crate::money::MAX_PRICE.unsigned_abs(),
                    )),
                ),
            ],
            SheetProblem::FractionalPrice { got }
            | SheetProblem::QuotedPrice { got }
            | SheetProblem::TaxRateDecimals { got } => vec![("got", s(got))],
            SheetProblem::TaxRateRange { got } => vec![("got", s(got))],
            SheetProblem::ControlCharacter { found } => vec![("char", s(&escape_char(*found)))],
            SheetProblem::MinorUnits { got } => vec![("got", s(got))],
            SheetProblem::UnknownCurrency { code }
            | SheetProblem::CurrencyCode { code }
            | SheetProblem::TestCode { code }
            | SheetProblem::DuplicateTest { code }
            | SheetProblem::TestWithoutName { code }
            | SheetProblem::DuplicateTaxExempt { code }
            | SheetProblem::PregnancyTestListedForHome { code }
            | SheetProblem::FeeCode { code }
            | SheetProblem::DuplicateFee { code }
            | SheetProblem::FeeWithoutName { code } => vec![("code", s(code))],
            SheetProblem::TooManyEntries {
                section,
                count,
                max,
            } => vec![
                ("section", s(section)),
                ("count", s(count)),
                ("max", s(max)),
            ],
            SheetProblem::EntryCode { section, code }
            | SheetProblem::DuplicateEntry { section, code }
            | SheetProblem::EntryWithoutName { section, code } => {
                vec![("section", s(section)), ("code", s(code))]
            }
            SheetProblem::CodeTaken { section, code } => vec![
                ("section", s(section)),
                ("code", s(code)),
                ("reserved", Arg::Str(reserved_codes())),
            ],
            SheetProblem::VisitKindTest { code, allowed } => vec![
                ("code", s(code)),
                ("allowed", Arg::Str(one_of(lang, allowed))),
            ],
            SheetProblem::TestScheduleConflict { code }
            | SheetProblem::ProductWithoutPrices { code }
            | SheetProblem::DiscountAmount { code } => vec![("code", s(code))],
            SheetProblem::TestMonthList { got } | SheetProblem::DiscountMonth { got } => {
                vec![("got", s(got)), ("max", s(&super::MAX_LISTED_MONTH))]
            }
            SheetProblem::TestWeeks { got } => {
                vec![("got", s(got)), ("max", s(&super::MAX_TEST_WEEKS))]
            }
            SheetProblem::DiscountPercent { got } => vec![("got", s(got))],
            SheetProblem::FeeCodeTaken { code } => {
                vec![("code", s(code)), ("reserved", Arg::Str(reserved_codes()))]
            }
            SheetProblem::TaxExemptCode { code, allowed } => vec![
                ("code", s(code)),
                ("allowed", Arg::Str(one_of(lang, allowed))),
            ],
            SheetProblem::PrescriptionDaysRange { got } => {
                vec![("got", s(got)), ("max", s(&super::MAX_PRESCRIPTION_DAYS))]
            }
            SheetProblem::PrescriptionShorterThanVisit {
                got,
                months,
                per_visit,
            } => vec![
                ("got", s(got)),
                ("months", s(months)),
                ("days", s(per_visit)),
            ],
            SheetProblem::ValidDays { got } => {
                vec![("got", s(got)), ("max", s(&super::MAX_VALID_DAYS))]
            }
            SheetProblem::AfterLastDoseMonths { key, months } => vec![
                ("key", s(key)),
                ("months", s(months)),
                ("max", s(&super::MAX_AFTER_MONTHS)),
            ],
            SheetProblem::TooManyTests { count } => {
                vec![("count", s(count)), ("max", s(&super::MAX_TESTS))]
            }
            SheetProblem::TooManyFees { count } => {
                vec![("count", s(count)), ("max", s(&super::MAX_FEES))]
            }
            SheetProblem::TooManyPackages { count } => {
                vec![("count", s(count)), ("max", s(&super::MAX_PACKAGES))]
            }
            SheetProblem::TooManyCapsules { count } => {
                vec![("count", s(count)), ("max", s(&super::MAX_CAPSULES))]
            }
            SheetProblem::MaxMonthsPerVisit { got } => vec![("got", s(got))],
            SheetProblem::CapsuleStrength { mg } => {
                vec![("mg", s(mg)), ("max", s(&super::MAX_CAPSULE_MG))]
            }
            SheetProblem::DuplicateCapsule { mg }
            | SheetProblem::CapsuleWithoutPrice { mg }
            | SheetProblem::PackIncomplete { mg }
            | SheetProblem::PackAndPrice { mg }
            | SheetProblem::PackOnFlat { mg }
            | SheetProblem::DuplicatePackage { mg } => vec![("mg", s(mg))],
            SheetProblem::MinMonths { got, max } => vec![("got", s(got)), ("max", s(max))],
            SheetProblem::PackSize { got } => {
                vec![("got", s(got)), ("max", s(&super::MAX_PACK_SIZE))]
            }
            SheetProblem::TestMonths { got } => {
                vec![("got", s(got)), ("max", s(&super::MAX_TEST_MONTHS))]
            }
            SheetProblem::EmptyClinicName
            | SheetProblem::TaxRateNotUsed
            | SheetProblem::TaxRateMissing
            | SheetProblem::NoCapsules
            | SheetProblem::PackagesOnItemised
            | SheetProblem::NoConsultation
            | SheetProblem::ConsultationOnFlat
            | SheetProblem::TestsOnFlat
            | SheetProblem::PackageDose
            | SheetProblem::NoPackages
            | SheetProblem::TaxExemptNotUsed
            | SheetProblem::PregnancyTestNotListed
            | SheetProblem::ProductsAndCapsules
            | SheetProblem::DiscountMonthNotUsed => Vec::new(),
        };
        let key = format!("sheet-{}", self.code().replace('_', "-"));
        lang.tr_args(&key, &args)
    }
}

impl std::fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.explain(Lang::En))
    }
}

impl std::error::Error for SheetProblem {}

/// The codes no one-off fee may take, as a list for a message (`` `a`, `b` ``).
fn reserved_codes() -> String {
    let quoted: Vec<String> = super::RESERVED_CODES
        .iter()
        .map(|c| format!("`{c}`"))
        .collect();
    quoted.join(", ")
}

/// The names serde lists after "expected": `` `a` ``, `` `a` or `b` ``,
/// `` one of `a`, `b`, `c` ``; `None` for any other shape.
fn choices(text: &str) -> Option<Vec<String>> {
    let (many, list) = match text.strip_prefix("one of ") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let parts: Vec<&str> = list.split('`').collect();
    // `a`, `b` splits into "", "a", ", ", "b", "": names at odd places.
    let names: Vec<String> = parts
        .iter()
        .skip(1)
        .step_by(2)
        .map(|s| s.to_string())
        .collect();
    let separators_ok = parts.iter().step_by(2).enumerate().all(|(i, sep)| {
        let first = i == 0;
        let last = i == parts.len() / 2;
        if first || last {
            sep.is_empty()
        } else if many {
            *sep == ", "
        } else {
            *sep == " or "
        }
    });
    let count_ok = if many {
        names.len() > 2
    } else {
        (1..=2).contains(&names.len())
    };
    (parts.len() % 2 == 1 && separators_ok && count_ok).then_some(names)
}

/// `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` `` in `lang` (in English exactly as
/// serde lists them).
fn one_of(lang: Lang, names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, second] => lang.tr_args(
            "sheet-choices-two",
            &[
                ("first", first.clone().into()),
                ("second", second.clone().into()),
            ],
        ),
        _ => lang.tr_args("sheet-choices-many", &[("list", quoted.join(", ").into())]),
    }
}

/// Rewords serde's phrasing for a clinic manager (English).
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

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each problem (a new variant must be added here: `code` below is exhaustive, and
    /// the count check fails until it is).
    fn one_of_each() -> Vec<SheetProblem> {
        use SheetProblem::*;
        vec![
            Toml {
                detail: "unclosed table, expected `]`".into(),
            },
            UnknownSetting {
                key: "pricee".into(),
                allowed: vec!["mg".into(), "price".into()],
            },
            MissingSetting {
                key: "clinic".into(),
            },
            UnknownChoice {
                got: "woman".into(),
                allowed: vec!["everyone".into(), "women".into()],
            },
            NegativePrice { got: -308 },
            PriceTooLarge { got: 1 << 62 },
            FractionalPrice {
                got: "3850.5".into(),
            },
            QuotedPrice {
                got: "3,850".into(),
            },
            TaxRateRange { got: 101 },
            TaxRateDecimals {
                got: "7.1255".into(),
            },
            ControlCharacter { found: '\u{7}' },
            EmptyClinicName,
            MinorUnits { got: 5 },
            UnknownCurrency { code: "YEN".into() },
            CurrencyCode { code: "jpy".into() },
            ValidDays { got: 0 },
            AfterLastDoseMonths {
                key: "elective_surgery",
                months: 99,
            },
            TooManyTests { count: 101 },
            TooManyPackages { count: 101 },
            TooManyCapsules { count: 11 },
            TaxRateNotUsed,
            TaxRateMissing,
            MaxMonthsPerVisit { got: 3 },
            CapsuleStrength { mg: 0 },
            DuplicateCapsule { mg: 10 },
            CapsuleWithoutPrice { mg: 10 },
            NoCapsules,
            PackIncomplete { mg: 20 },
            PackAndPrice { mg: 20 },
            PackOnFlat { mg: 20 },
            PackSize { got: 0 },
            PackagesOnItemised,
            NoConsultation,
            TestCode {
                code: "Blood".into(),
            },
            DuplicateTest {
                code: "blood_test".into(),
            },
            TestMonths { got: 13 },
            TestWithoutName {
                code: "liver".into(),
            },
            ConsultationOnFlat,
            TestsOnFlat,
            PackageDose,
            DuplicatePackage { mg: 20 },
            MinMonths { got: 1, max: 24 },
            NoPackages,
            PrescriptionDaysRange { got: 400 },
            PrescriptionShorterThanVisit {
                got: 30,
                months: 2,
                per_visit: 60,
            },
            TaxExemptNotUsed,
            TaxExemptCode {
                code: "consult".into(),
                allowed: vec!["consultation".into(), "medication".into()],
            },
            DuplicateTaxExempt {
                code: "medication".into(),
            },
            PregnancyTestNotListed,
            PregnancyTestListedForHome {
                code: "urine_test".into(),
            },
            TooManyFees { count: 21 },
            FeeCode {
                code: "Registration".into(),
            },
            FeeCodeTaken {
                code: "blood_test".into(),
            },
            DuplicateFee {
                code: "registration".into(),
            },
            FeeWithoutName {
                code: "registration".into(),
            },
            TooManyEntries {
                section: "[[discounts]]",
                count: 21,
                max: 20,
            },
            EntryCode {
                section: "[[products]]",
                code: "Acnetrent".into(),
            },
            CodeTaken {
                section: "[[discounts]]",
                code: "tax".into(),
            },
            DuplicateEntry {
                section: "[[visit_kinds]]",
                code: "telephone".into(),
            },
            EntryWithoutName {
                section: "[[visit_kinds]]",
                code: "video".into(),
            },
            VisitKindTest {
                code: "liver".into(),
                allowed: vec!["blood_test".into()],
            },
            TestScheduleConflict {
                code: "blood_test".into(),
            },
            TestMonthList { got: 30 },
            TestWeeks { got: 20 },
            ProductsAndCapsules,
            ProductWithoutPrices {
                code: "acnetrent".into(),
            },
            DiscountAmount {
                code: "monitor".into(),
            },
            DiscountPercent { got: "150".into() },
            DiscountMonth { got: 0 },
            DiscountMonthNotUsed,
        ]
    }

    #[test]
    fn every_problem_has_a_code_and_a_message_in_every_language() {
        let all = one_of_each();
        let mut codes: Vec<&str> = all.iter().map(SheetProblem::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "codes are unique");
        assert_eq!(all.len(), 69, "one_of_each lists every variant");
        for p in &all {
            for lang in Lang::ALL {
                let key = format!("sheet-{}", p.code().replace('_', "-"));
                assert!(lang.has(&key), "{lang:?} lacks {key}");
                let text = p.explain(lang);
                assert!(!text.contains("sheet-") && !text.is_empty(), "{text}");
            }
            assert_eq!(p.to_string(), p.explain(Lang::En));
            assert_ne!(p.explain(Lang::Ja), p.explain(Lang::En), "{}", p.code());
            assert_ne!(p.explain(Lang::Ko), p.explain(Lang::En), "{}", p.code());
        }
    }

    #[test]
    fn english_keeps_the_wording_of_the_reader_rewording() {
        let check = |message: &str, code: &str, english: &str| {
            let p = SheetProblem::from_toml(message);
            assert_eq!(p.code(), code, "{message}");
            assert_eq!(p.explain(Lang::En), english);
        };
        check(
            "unknown field `pricee`, expected `mg` or `price`",
            "unknown_setting",
            "unknown setting `pricee`; the settings allowed here are `mg` or `price`: check its spelling",
        );
        check(
            "unknown field `x`, expected one of `a`, `b`, `c`",
            "unknown_setting",
            "unknown setting `x`; the settings allowed here are one of `a`, `b`, `c`: check its spelling",
        );
        check(
            "unknown field `x`, expected `a`",
            "unknown_setting",
            "unknown setting `x`; the settings allowed here are `a`: check its spelling",
        );
        check(
            "unknown field `x`, there are no fields",
            "toml",
            "unknown setting `x`, there are no fields: check its spelling",
        );
        // A key holding a backtick keeps the reader's text.
        check(
            "unknown field `a`, expected `b``, expected `c`",
            "toml",
            "unknown setting `a`; the settings allowed here are `b``, expected `c`: check its spelling",
        );
        check(
            "missing field `return_visit`",
            "missing_setting",
            "missing setting `return_visit`: add it to this section",
        );
        check(
            "unknown variant `woman`, expected `everyone` or `women`",
            "unknown_choice",
            "unknown choice `woman`, expected `everyone` or `women`",
        );
        check(
            "invalid type: string \"x\", expected u32",
            "toml",
            "wrong kind of value: string \"x\", expected u32",
        );
        let p = SheetProblem::from_toml("unknown field `x`, expected one of `a`, `b`, `c`");
        assert_eq!(
            p.explain(Lang::Ja),
            "設定 `x` はここでは使えません。綴りを確認してください（ここで使える設定: `a`, `b`, `c` のいずれか）。"
        );
    }

    #[test]
    fn the_place_is_kept_in_every_language() {
        let e = PricingError::at(
            "x.toml",
            "a = 1\nprice = -3\n",
            Some(14..16),
            SheetProblem::NegativePrice { got: -3 },
        );
        assert_eq!((e.line, e.column, e.code()), (2, 9, "negative_price"));
        assert_eq!(e.explain(Lang::En), e.to_string());
        assert_eq!(
            e.explain(Lang::Ja),
            "x.toml:2:9: 価格にマイナスの値（-3）は使えません。0 以上の整数で書いてください。（該当行: `price = -3`）"
        );
        assert!(
            e.explain(Lang::Ko)
                .starts_with("x.toml:2:9: 가격은 음수(-3)")
        );
        let whole = PricingError::at("x.toml", "", None, SheetProblem::NoPackages);
        assert_eq!(whole.explain(Lang::En), whole.to_string());
        assert_eq!(
            whole.to_string(),
            format!("x.toml:1:1: {}", SheetProblem::NoPackages)
        );
    }
}
