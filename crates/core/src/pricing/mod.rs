//! Price sheets: a clinic's prices, currency, tax and policies, parsed from TOML text.
//!
//! This file is the model ([`PriceSheet`] and its parts) and the limits a sheet must keep;
//! `parse.rs` reads TOML into it, one check per section; `error.rs` says why a sheet is
//! refused ([`PricingError`] with a typed [`SheetProblem`], in any language).
//! `parse(text, source_name)` is pure: reading the file is the caller's job.
//! Every error names the source, line and column and says what was expected.
//! The format is documented in `pricing/README.md`.

// Also covers `parse` and `error`: every unchecked operation on money or counts shows.
#![warn(clippy::arithmetic_side_effects)]

pub mod csv;
mod error;
pub mod items;
mod parse;
mod write;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::money::{Currency, Money};

pub use error::{PricingError, SheetProblem};
pub use parse::parse;
pub use write::write;

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
/// The strongest capsule a sheet may list, in mg.
pub const MAX_CAPSULE_MG: u32 = 200;
/// The longest a test's schedule may reach, in months (`every_months`, `monthly_first_months`).
pub const MAX_TEST_MONTHS: u32 = 12;
/// The longest `max_prescription_days` a sheet may state (a year).
pub const MAX_PRESCRIPTION_DAYS: u32 = 365;
/// The largest pack (`pack_size`) a `[[capsules]]` strength may be sold in.
pub const MAX_PACK_SIZE: u32 = 1000;
/// The most `[[fees]]` (one-off fees) a sheet may list.
pub const MAX_FEES: usize = 20;
/// Item codes the estimate itself uses: a one-off fee may not take one of them.
pub const RESERVED_CODES: [&str; 8] = [
    "consultation",
    "medication",
    "package",
    "tax",
    "subtotal",
    "total",
    "shipping",
    "in_person",
];
/// The longest `min_months` a price may ask for (the planner's longest course).
pub const MAX_MIN_MONTHS: u32 = 24;
/// The most `[[visit_kinds]]` a sheet may list.
pub const MAX_VISIT_KINDS: usize = 10;
/// The most `[[products]]` a sheet may list.
pub const MAX_PRODUCTS: usize = 10;
/// The most `[[discounts]]` a sheet may list.
pub const MAX_DISCOUNTS: usize = 20;
/// The latest month a test's `at_months` or a discount's `month` may name.
pub const MAX_LISTED_MONTH: u32 = 24;
/// The latest week a test's `after_weeks` may name.
pub const MAX_TEST_WEEKS: u32 = 12;

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
    /// `[visits] max_prescription_days`: the longest prescription the clinic may write, in
    /// days, when the sheet states one (Korea's pregnancy-prevention programme: 30). `None`:
    /// the sheet states no rule, and the limit is [`PriceSheet::prescription_days`]'s
    /// default, 30 × `max_months_per_visit`. Never shorter than that (refused at parse).
    pub max_prescription_days: Option<u32>,
    /// `[visits] first_visit_remote`: whether a course may open with a telephone or online
    /// first visit (an online-only clinic); otherwise month 1 of a first visit is in person.
    pub first_visit_remote: bool,
    /// `[dosing] alternating_days`: whether the clinic prescribes alternating-day doses
    /// (e.g. 50/40 mg), so a target solver may propose them. Default `false`.
    pub alternating_days: bool,
    /// `[pregnancy_test] where`: where a woman's pregnancy test is done (what the handout
    /// says). Default: [`PregnancyTest::Clinic`] when an itemised sheet lists a
    /// `who = "women"` test, else [`PregnancyTest::Unspecified`].
    pub pregnancy_test: PregnancyTest,
    /// `[quote] tax_exempt`: item codes on which no tax is added (Korea: medical care is
    /// VAT-exempt). Empty when every item is taxed, and always empty when prices include tax.
    pub tax_exempt: Vec<String>,
    /// `[quote] acceptance_signature`: the patient's estimate carries an acceptance block
    /// (signature and date) for the patient to sign. Default `false`.
    pub acceptance_signature: bool,
    /// Capsule strengths the clinic stocks, smallest first.
    pub capsules: Vec<Capsule>,
    /// Strengths sold only in whole packs (`pack_size`, `pack_price`), by mg; such a
    /// strength's [`Capsule::price`] is `None`. Empty when every strength is priced per
    /// capsule.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub packs: BTreeMap<u32, Pack>,
    /// How the clinic charges.
    pub fees: Fees,
    /// `[[fees]]`: one-off fees (registration, consent document), charged in month 1 only,
    /// in the order written. Empty when the sheet lists none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub one_off_fees: Vec<OneOffFee>,
    /// `[[visit_kinds]]`: the other kinds of visit than in person (telephone, online), in
    /// the order written. Empty when every visit is in person.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub visit_kinds: Vec<VisitKind>,
    /// `[[products]]`: the products (brands) the quote may choose from, in the order written;
    /// the first one's capsules, packs and packages are the sheet's own fields above. Empty
    /// when the sheet sells one product (top-level `[[capsules]]` / `[[packages]]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<Product>,
    /// `[[discounts]]`: the discounts a quote may apply, in the order written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<Discount>,
    /// The clinic's windows after the last dose.
    pub after_last_dose: AfterLastDose,
}

/// A kind of visit other than in person (`[[visit_kinds]]`): its own consultation fee, the
/// tests taken at it (usually none) and a shipping fee when the medication is mailed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitKind {
    /// `telephone`, `online`, or the clinic's own code.
    pub code: String,
    /// The name printed for the visit's consultation; `telephone` and `online` have
    /// built-in names.
    pub name: LocalText,
    /// The consultation fee of such a visit.
    pub fee: Money,
    /// Codes of the `[[tests]]` taken at such a visit (a test due at another kind of visit
    /// waits for the next visit that takes it).
    pub tests: Vec<String>,
    /// The shipping fee when the medication is mailed, if the clinic charges one.
    pub shipping: Option<Money>,
}

/// A product (brand) the clinic sells (`[[products]]`), with its own prices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Product {
    /// Stable code (lowercase, digits, `_`).
    pub code: String,
    /// The brand's name, in the clinic's languages.
    pub name: LocalText,
    /// Its capsule strengths, smallest first (a flat sheet's are unpriced).
    pub capsules: Vec<Capsule>,
    /// Its strengths sold in packs.
    pub packs: BTreeMap<u32, Pack>,
    /// Its all-in monthly packages (flat sheets), by daily dose.
    pub packages: Vec<Package>,
}

/// A discount a quote may apply (`[[discounts]]`), always shown as its own negative line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discount {
    /// Stable code (lowercase, digits, `_`), the discount line's code.
    pub code: String,
    /// The name printed on the line.
    pub name: LocalText,
    /// How much.
    pub amount: DiscountAmount,
    /// What it is taken off.
    pub on: DiscountOn,
    /// How a fraction of a minor unit of a percentage is rounded (default: down, the
    /// patient never gets a fraction more than the clinic wrote).
    pub rounding: Rounding,
}

/// How much a discount takes off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountAmount {
    /// A percentage, in thousandths of a percent (10% = 10,000), 1 to 100,000.
    Percent(u32),
    /// A fixed amount, never more than what it is taken off.
    Fixed(Money),
}

/// What a discount is taken off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountOn {
    /// Each month's medication (or all-in package), before tax.
    Medication,
    /// One month's amount, tax included (1-based month).
    Month(u32),
    /// The whole course's amount, tax included: a line under the months.
    Course,
}

impl Discount {
    /// The discount on `base` (never more than `base`, never negative), as a positive amount.
    pub fn of(&self, base: Money) -> Result<Money, crate::money::Overflow> {
        let base = base.max(Money::ZERO);
        Ok(match self.amount {
            DiscountAmount::Percent(milli) => percent_of(base, milli, self.rounding)?,
            DiscountAmount::Fixed(amount) => amount.min(base),
        })
    }
}

/// `amount` × `milli_percent` / 100,000, a fraction rounded by `rounding`.
pub fn percent_of(
    amount: Money,
    milli_percent: u32,
    rounding: Rounding,
) -> Result<Money, crate::money::Overflow> {
    use crate::money::Overflow;
    const DEN: i128 = 100_000;
    const HALF: i128 = 50_000;
    let num = i128::from(amount.0)
        .checked_mul(i128::from(milli_percent))
        .ok_or(Overflow)?;
    let (q, r) = (num.div_euclid(DEN), num.rem_euclid(DEN));
    let up = match rounding {
        Rounding::Down => false,
        Rounding::Up => r > 0,
        Rounding::Nearest => r >= HALF,
    };
    let rounded = if up {
        q.checked_add(1).ok_or(Overflow)?
    } else {
        q
    };
    Ok(Money(i64::try_from(rounded).map_err(|_| Overflow)?))
}

/// The tax included in a tax-inclusive `amount` at `milli_percent`:
/// `amount` × rate / (100% + rate), a fraction rounded by `rounding` (¥115,324 at 10%, down:
/// ¥10,484).
pub fn included_tax(
    amount: Money,
    milli_percent: u32,
    rounding: Rounding,
) -> Result<Money, crate::money::Overflow> {
    use crate::money::Overflow;
    let den = 100_000_i128
        .checked_add(i128::from(milli_percent))
        .ok_or(Overflow)?;
    let num = i128::from(amount.0)
        .checked_mul(i128::from(milli_percent))
        .ok_or(Overflow)?;
    let (q, r) = (num.div_euclid(den), num.rem_euclid(den));
    let up = match rounding {
        Rounding::Down => false,
        Rounding::Up => r > 0,
        // r ≥ den / 2, without a fraction: 2r ≥ den.
        Rounding::Nearest => r.checked_mul(2).ok_or(Overflow)? >= den,
    };
    let rounded = if up {
        q.checked_add(1).ok_or(Overflow)?
    } else {
        q
    };
    Ok(Money(i64::try_from(rounded).map_err(|_| Overflow)?))
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

/// Where a woman's pregnancy test is done, as the clinic's sheet says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PregnancyTest {
    /// At the clinic visits: the sheet lists a `who = "women"` test (`where = "clinic"`).
    Clinic,
    /// The patient tests herself at home each month; the sheet lists no women's test
    /// (`where = "home"`).
    Home,
    /// The sheet says nothing and lists no women's test: the handout claims no test.
    Unspecified,
}

/// Whether prices include tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "tax", rename_all = "snake_case")]
pub enum Tax {
    /// Prices are quoted with tax (Japan's self-paid care).
    Included,
    /// Tax is added per month on the month's taxable items (all but
    /// [`PriceSheet::tax_exempt`]) and shown as its own line.
    Added {
        /// Rate in thousandths of a percent (10% = 10,000; 8.875% = 8,875), 0 to 100,000.
        rate_milli_percent: u32,
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
                rate_milli_percent,
                rounding,
            } => percent_of(subtotal, rate_milli_percent, rounding)?,
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

/// A pack a capsule strength is sold in: whole packs only, leftovers carry into the next
/// month (`[[capsules]] mg = 20, pack_size = 30, pack_price = 30000`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pack {
    /// Capsules in one pack, 1 to [`MAX_PACK_SIZE`].
    pub size: u32,
    /// The price of one pack.
    pub price: Money,
    /// `pack_min_months`: the pack price holds only for a course of at least this many
    /// months (0: any course); a shorter course pays the strength's capsule price.
    #[serde(skip_serializing_if = "is_zero")]
    pub min_months: u32,
}

fn is_zero(v: &u32) -> bool {
    *v == 0
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
    /// When it is due.
    pub schedule: TestSchedule,
}

/// When a test is due. A test due at a month without a visit, or at a visit of a kind that
/// does not take it, is taken at the next visit that does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "schedule", rename_all = "snake_case")]
pub enum TestSchedule {
    /// At every visit in the first `monthly_first_months` months, then at the first visit at
    /// least `every_months` after the last one (the default: every visit).
    Periodic {
        /// Months from the start with a test at every visit.
        monthly_first_months: u32,
        /// Months between tests after that.
        every_months: u32,
    },
    /// At the visits of the listed months only (1 = the baseline, at the first visit).
    Months {
        /// 1-based months, ascending.
        months: Vec<u32>,
    },
    /// At the first visit on or after `weeks` weeks from the start (2–4 weeks: the month-2
    /// visit), then, if given, every `every_months` months after the last one.
    AfterWeeks {
        /// Weeks from the first day of medication.
        weeks: u32,
        /// Months between tests afterwards, if the test repeats.
        every_months: Option<u32>,
    },
    /// Only if the doctor asks: the price is shown on the estimate but not in the total.
    AsNeeded,
}

impl TestSchedule {
    /// Whether the test falls due in `month` (1-based), given the month it was last taken.
    pub fn due(&self, month: u32, last: Option<u32>) -> bool {
        match self {
            TestSchedule::Periodic {
                monthly_first_months,
                every_months,
            } => {
                month <= *monthly_first_months
                    || last.is_none_or(|l| month >= l.saturating_add(*every_months))
            }
            // A listed month not yet served (a month without a visit passes it on).
            TestSchedule::Months { months } => months
                .iter()
                .any(|m| *m <= month && last.is_none_or(|l| *m > l)),
            TestSchedule::AfterWeeks {
                weeks,
                every_months,
            } => {
                let first = week_month(*weeks);
                match (last, every_months) {
                    (None, _) => month >= first,
                    (Some(l), Some(every)) => month >= l.saturating_add(*every),
                    (Some(_), None) => false,
                }
            }
            TestSchedule::AsNeeded => false,
        }
    }
}

/// The month whose visit is the first on or after `weeks` weeks from the start: visits fall
/// on days 0, 30, 60 … of the course, so week 0 is month 1 and weeks 1–4 are month 2.
pub fn week_month(weeks: u32) -> u32 {
    weeks
        .saturating_mul(7)
        .div_ceil(crate::vocab::DAYS_PER_MONTH)
        .saturating_add(1)
}

/// A one-off fee (`[[fees]]`): a registration or consent-document fee, charged once in
/// month 1 as its own item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OneOffFee {
    /// Stable code (lowercase, digits, `_`), the item's code on the estimate.
    pub code: String,
    /// The name to print, in the clinic's languages.
    pub name: LocalText,
    /// The fee.
    pub price: Money,
    /// When it is charged.
    pub when: FeeWhen,
}

/// When a one-off fee is charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeWhen {
    /// In month 1 when the course starts with a first visit (a registration fee).
    FirstVisit,
    /// In month 1 of every course, first or return visit (a consent document).
    Course,
}

impl OneOffFee {
    /// Whether this fee is charged in month 1 of a course that opens with `visit`.
    pub fn charged_at(&self, visit: crate::vocab::Visit) -> bool {
        match self.when {
            FeeWhen::FirstVisit => visit == crate::vocab::Visit::First,
            FeeWhen::Course => true,
        }
    }
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
    /// The price holds only for a course of at least this many months (0: any course); a
    /// shorter course takes the same dose's package with a lower `min_months`.
    #[serde(skip_serializing_if = "is_zero")]
    pub min_months: u32,
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
    /// The sheet as priced for `product` (a `[[products]]` code): that product's capsules,
    /// packs and packages in place of the first one's. `None` asked: the sheet as written (its
    /// first product). `None` returned: the sheet has no such product.
    pub fn for_product(&self, product: Option<&str>) -> Option<std::borrow::Cow<'_, PriceSheet>> {
        use std::borrow::Cow;
        let Some(code) = product else {
            return Some(Cow::Borrowed(self));
        };
        let p = self.products.iter().find(|p| p.code == code)?;
        if self
            .products
            .first()
            .is_some_and(|first| first.code == code)
        {
            return Some(Cow::Borrowed(self));
        }
        let mut s = self.clone();
        s.capsules = p.capsules.clone();
        s.packs = p.packs.clone();
        if let Fees::Flat { packages } = &mut s.fees {
            *packages = p.packages.clone();
        }
        Some(Cow::Owned(s))
    }

    /// The product named `code`, or the first one when `None`; `None` when the sheet lists
    /// no `[[products]]`.
    pub fn product(&self, code: Option<&str>) -> Option<&Product> {
        match code {
            None => self.products.first(),
            Some(c) => self.products.iter().find(|p| p.code == c),
        }
    }

    /// The visit kind `code` (`None` for `in_person`, which every sheet has).
    pub fn visit_kind(&self, code: &str) -> Option<&VisitKind> {
        self.visit_kinds.iter().find(|k| k.code == code)
    }

    /// The name of a visit kind for a person (a choice, the visits line): the sheet's own
    /// name, else the built-in name of `in_person`, `telephone` and `online`.
    pub fn visit_kind_label(&self, code: &str, lang: Lang) -> String {
        if let Some(k) = self.visit_kind(code) {
            let own = k.name.get(lang);
            if !own.is_empty() {
                return own.to_string();
            }
        }
        lang.tr(&format!("visit-kind-{}", code.replace('_', "-")))
    }

    /// The discount `code`.
    pub fn discount(&self, code: &str) -> Option<&Discount> {
        self.discounts.iter().find(|d| d.code == code)
    }

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

    /// The capsules as the cheapest-mix search should rank them: a pack-sold strength is
    /// priced at its pack price ÷ pack size (rounded down), for ranking mixes only; what is
    /// charged is whole packs (see `estimate`).
    pub fn ranking_capsules(&self) -> Vec<Capsule> {
        self.capsules
            .iter()
            .map(|c| match self.packs.get(&c.mg) {
                Some(pack) => Capsule {
                    mg: c.mg,
                    price: Some(Money(
                        pack.price
                            .0
                            .checked_div(i64::from(pack.size))
                            .unwrap_or(pack.price.0),
                    )),
                },
                None => *c,
            })
            .collect()
    }

    /// Whether this sheet publishes one all-in price per month.
    pub fn is_flat(&self) -> bool {
        matches!(self.fees, Fees::Flat { .. })
    }

    /// The longest prescription in days: the sheet's `max_prescription_days`, else
    /// 30 × `max_months_per_visit` (what a visit gives at most).
    pub fn prescription_days(&self) -> u32 {
        self.max_prescription_days.unwrap_or_else(|| {
            crate::vocab::DAYS_PER_MONTH.saturating_mul(self.max_months_per_visit)
        })
    }

    /// Whether tax is added on an item with this code (`false` when prices include tax or
    /// the code is in [`PriceSheet::tax_exempt`]).
    pub fn is_taxable(&self, code: &str) -> bool {
        matches!(self.tax, Tax::Added { .. }) && !self.tax_exempt.iter().any(|c| c == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_rounding_rules() {
        let t = |bp: u32, rounding, amount| {
            Tax::Added {
                rate_milli_percent: bp * 10,
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
        // 8.875% of $135.00 = 1,198.125 cents: down 1,198, up 1,199, nearest 1,198.
        let ny = |rounding| {
            Tax::Added {
                rate_milli_percent: 8_875,
                rounding,
            }
            .on(Money(13_500))
            .unwrap()
            .0
        };
        assert_eq!(ny(Rounding::Down), 1_198);
        assert_eq!(ny(Rounding::Up), 1_199);
        assert_eq!(ny(Rounding::Nearest), 1_198);
        // 100% of the largest price, and a rate of 0.001% on 99,999 (0.99999 → 0 or 1).
        let max = crate::money::MAX_PRICE;
        let all = Tax::Added {
            rate_milli_percent: 100_000,
            rounding: Rounding::Up,
        };
        assert_eq!(all.on(Money(max)), Ok(Money(max)));
        let tiny = |rounding| {
            Tax::Added {
                rate_milli_percent: 1,
                rounding,
            }
            .on(Money(99_999))
            .unwrap()
            .0
        };
        assert_eq!((tiny(Rounding::Down), tiny(Rounding::Nearest)), (0, 1));
    }
}
