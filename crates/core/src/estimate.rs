//! The course estimate: (price sheet, patient, doses per month, visits) → month-by-month
//! items, subtotals, totals, cumulative dose and warnings. Computed once; the GUI, the PDF and
//! the CLI only render it.
//!
//! Pure: no IO. Money is integer minor units throughout.

#![warn(clippy::arithmetic_side_effects)]

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::course::SoFar;
use crate::dose::{CapsuleMix, Dose, DoseError, cheapest_mix};
use crate::money::Money;
use crate::pricing::{Discount, DiscountOn, Fees, PriceSheet, TestFor};
use crate::rules::{self, CourseDates};
use crate::screening::{Screening, screening_warnings};
use crate::vocab::Warning;
pub use crate::vocab::{DAYS_PER_MONTH, Sex, Visit};

/// The longest course the planner will estimate.
pub const MAX_MONTHS: u32 = 24;
/// Body weights the planner accepts, in kg.
pub const WEIGHT_RANGE_KG: (f64, f64) = (10.0, 300.0);

/// What the estimate is computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseRequest {
    /// The patient's sex.
    pub sex: Sex,
    /// Whether month 1 starts with a first or a return visit.
    pub visit: Visit,
    /// The daily dose for each month, in order; its length is the number of months.
    pub doses: Vec<Dose>,
    /// Body weight in kg, when known.
    pub weight_kg: Option<f64>,
    /// A visit every 1 month, or every 2 months for a patient who takes 2 months home.
    pub visit_every: u32,
    /// The first day of medication, when known.
    pub start: Option<jiff::civil::Date>,
    /// The cumulative target (mg/kg) whose day of reaching is reported, when weight is known.
    pub target_mg_per_kg: Option<f64>,
    /// The screening checklist, age and current medicines.
    #[serde(default)]
    pub screening: Screening,
    /// What the quote chooses from the sheet: visit kinds, product, discounts.
    #[serde(default)]
    pub choices: Choices,
}

/// What a quote chooses from the price sheet's options (all empty: in-person visits, the
/// sheet's first product, no discount).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Choices {
    /// The kind of each month's visit, month 1 first (`in_person`, or a `[[visit_kinds]]`
    /// code); months past the end of the list are in person. A month without a visit
    /// ignores its entry.
    pub visit_kinds: Vec<String>,
    /// The product (a `[[products]]` code); `None`: the sheet's first.
    pub product: Option<String>,
    /// The discounts applied (`[[discounts]]` codes), each at most once.
    pub discounts: Vec<String>,
}

impl Choices {
    /// The visit kind chosen for `month` (1-based): `None` in person.
    pub fn visit_kind(&self, month: u32) -> Option<&str> {
        let i = usize::try_from(month).ok()?.checked_sub(1)?;
        self.visit_kinds
            .get(i)
            .map(String::as_str)
            .filter(|k| *k != IN_PERSON)
    }

    /// Every later month (2 onwards) of a `months`-month course by `kind`, month 1 in person.
    pub fn later_visits(kind: &str, months: u32) -> Vec<String> {
        (1..=months)
            .map(|m| if m == 1 { IN_PERSON } else { kind }.to_string())
            .collect()
    }
}

/// The code of an in-person visit, the kind every sheet has.
pub const IN_PERSON: &str = "in_person";

/// Which of a sheet's options a [`PlanError::UnknownChoice`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// A `[[visit_kinds]]` code.
    VisitKind,
    /// A `[[products]]` code.
    Product,
    /// A `[[discounts]]` code.
    Discount,
}

impl Choice {
    /// In English, for the `Display` form.
    fn word(self) -> &'static str {
        match self {
            Choice::VisitKind => "visit kind",
            Choice::Product => "product",
            Choice::Discount => "discount",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Choice::VisitKind => "choice-visit-kind",
            Choice::Product => "choice-product",
            Choice::Discount => "choice-discount",
        }
    }
}

impl CourseRequest {
    /// A request with one dose for `months` months, first visit, monthly visits.
    pub fn constant(sex: Sex, dose: Dose, months: u32) -> CourseRequest {
        CourseRequest {
            sex,
            visit: Visit::First,
            doses: vec![dose; months as usize],
            weight_kg: None,
            visit_every: 1,
            start: None,
            target_mg_per_kg: None,
            screening: Screening::default(),
            choices: Default::default(),
        }
    }
}

/// Why an estimate cannot be made, in the clinic's words.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// No months.
    #[error("the course needs at least 1 month")]
    NoMonths,
    /// Too many months.
    #[error(
        "a course of {0} months is longer than the planner handles ({MAX_MONTHS} months at most)"
    )]
    TooManyMonths(usize),
    /// Weight out of range.
    #[error("a body weight of {0} kg is not possible: enter the weight in kg, between 10 and 300")]
    Weight(String),
    /// Target out of range.
    #[error("a cumulative target of {0} mg/kg is not usable: enter a number between 1 and 400")]
    Target(String),
    /// Visits every N months where the sheet allows fewer.
    #[error(
        "this clinic gives at most {max} {} of medication per visit, so a visit every {asked} months is not possible",
        if *.max == 1 { "month" } else { "months" }
    )]
    VisitEvery {
        /// Asked for.
        asked: u32,
        /// The sheet's limit.
        max: u32,
    },
    /// A visit interval that gives more days of medication per prescription than the sheet's
    /// `max_prescription_days` (Korea's pregnancy-prevention programme: 30).
    #[error(
        "this clinic prescribes at most {max} days of medication at a time, so a visit every {months} months ({days} days of medication) is not possible: choose a visit every month"
    )]
    PrescriptionDays {
        /// Months between visits, as asked.
        months: u32,
        /// Days of medication that interval prescribes at once.
        days: u32,
        /// The sheet's longest prescription, in days.
        max: u32,
    },
    /// A dose that cannot be made or priced.
    #[error("month {month}: {error}")]
    Dose {
        /// 1-based month.
        month: u32,
        /// What is wrong with the dose.
        error: DoseError,
    },
    /// The amounts are too large to add up exactly (a price sheet with absurd prices).
    #[error("{0}")]
    Overflow(#[from] crate::money::Overflow),
    /// The start date is so late that the course or the dates after it run past the end of
    /// the calendar.
    #[error("a course starting on {0} runs past the end of the calendar; check the start date")]
    StartTooLate(jiff::civil::Date),
    /// A visit kind, product or discount the sheet does not offer.
    #[error("this price sheet has no {} \"{code}\"; it offers: {}", .what.word(), .available.join(", "))]
    UnknownChoice {
        /// Which option.
        what: Choice,
        /// As asked.
        code: String,
        /// What the sheet offers.
        available: Vec<String>,
    },
    /// A first visit that is not in person.
    #[error(
        "month 1 is a first visit, which is in person; a telephone or online visit can only be a return visit"
    )]
    FirstVisitRemote,
    /// mg taken so far without the days they were taken over.
    #[error(
        "{} mg taken so far need the days of the course so far: without them the course length and its warnings would be wrong",
        crate::money::group_digits(*.mg)
    )]
    SoFarDaysUnknown {
        /// The mg taken so far.
        mg: u64,
    },
    /// mg taken so far that make a daily average above the daily maximum.
    #[error(
        "{} mg taken in {} is {} mg a day on average, above the daily maximum of {} mg: check the mg and the days taken so far",
        crate::money::group_digits(*.mg),
        if *.days == 1 { "1 day".to_string() } else { format!("{} days", .days) },
        crate::money::group_digits(*.average),
        crate::money::group_digits(*.max)
    )]
    SoFarAverage {
        /// The mg taken so far.
        mg: u64,
        /// The days of the course so far.
        days: u32,
        /// Their mean per day (rounded up).
        average: u64,
        /// The daily maximum (2 mg/kg/day at the weight, else the planner's highest dose).
        max: u64,
    },
    /// Capsules in hand of a strength the sheet does not sell in packs.
    #[error("capsules in hand count only for strengths sold in packs ({}), not {mg} mg", list(.packs))]
    InHand {
        /// The strength given.
        mg: u32,
        /// The pack-sold strengths.
        packs: Vec<u32>,
    },
    /// A price that holds only for longer courses, with no other price for this one.
    #[error(
        "the price for {mg} mg holds only for a course of at least {needed} months, and this course has {months}: the sheet gives no other price for it"
    )]
    MinMonths {
        /// The strength (a pack) or daily dose (a package), mg.
        mg: u32,
        /// The price's `min_months`.
        needed: u32,
        /// Months in the course.
        months: u32,
    },
    /// A first visit for a course under way.
    #[error("a course under way continues with a return visit: a first visit starts a new course")]
    FirstVisitUnderWay,
    /// More visit kinds than months.
    #[error(
        "{given} visit kinds are given for a course of {months} months: give one per month at most"
    )]
    VisitKinds {
        /// How many visit kinds were given.
        given: usize,
        /// Months in the course.
        months: usize,
    },
    /// A discount on a month the course does not reach.
    #[error("the discount \"{code}\" is for month {month}, but the course has {months} months")]
    DiscountMonth {
        /// The discount.
        code: String,
        /// Its month.
        month: u32,
        /// Months in the course.
        months: usize,
    },
    /// The same discount twice.
    #[error("the discount \"{0}\" is chosen twice: a discount applies once")]
    DiscountTwice(String),
    /// A flat sheet without a package for the dose.
    #[error("month {month}: this clinic publishes all-in monthly prices only for {} mg/day, not for {dose} mg/day", list(.available))]
    NoPackage {
        /// 1-based month.
        month: u32,
        /// The dose asked for.
        dose: Dose,
        /// The doses with a package.
        available: Vec<u32>,
    },
}

fn list(v: &[u32]) -> String {
    let s: Vec<String> = v.iter().map(u32::to_string).collect();
    s.join(", ")
}

/// One priced line of a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// `consultation`, `medication`, `blood_test`, `urine_test`, `package`, `tax`, a
    /// clinic's own test code, or a one-off fee's code (`[[fees]]`, month 1 only).
    pub code: String,
    /// Amount in minor units.
    pub amount: Money,
}

/// One month of the course.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthLine {
    /// 1-based month of the course.
    pub month: u32,
    /// The visit that opens this month, if any (none in the second month of a 2-month visit).
    pub visit: Option<Visit>,
    /// The prescribed dose (`40` or `20/10`).
    pub dose: Dose,
    /// Mean mg per day.
    #[serde(serialize_with = "number")]
    pub daily_mg: f64,
    /// Capsules taken per day (one mix; two for an alternating dose: odd days, even days).
    pub capsules_per_day: Vec<CapsuleMix>,
    /// Capsules dispensed for the month, by strength (mg → count).
    pub capsules: CapsuleMix,
    /// Whole packs bought this month, by strength (mg → packs), for each strength the
    /// sheet sells in packs that this month takes (0 when the capsules in hand cover it).
    /// Empty when the sheet sells no packs.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub packs: BTreeMap<u32, u32>,
    /// mg taken this month.
    pub mg: u64,
    /// mg taken from month 1 to the end of this month.
    pub cumulative_mg: u64,
    /// Mean mg per kg per day, when weight is known.
    pub mg_per_kg_per_day: Option<f64>,
    /// Cumulative mg/kg at the end of this month, when weight is known.
    pub cumulative_mg_per_kg: Option<f64>,
    /// The kind of this month's visit when it is not in person (`telephone`, `online`, …);
    /// `None` in person or without a visit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visit_kind: Option<String>,
    /// Priced lines, in print order (a discount is a negative line).
    pub items: Vec<Item>,
    /// Sum of the items.
    pub subtotal: Money,
}

/// When the cumulative target is reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetReached {
    /// The target, mg/kg.
    pub target_mg_per_kg: f64,
    /// 1-based day of the months planned on which it is reached; 0 when the mg taken before
    /// them ([`CourseEstimate::so_far`]) already reach it.
    pub day: u32,
    /// 1-based month of that day.
    pub month: u32,
    /// The calendar date, when the start date is known.
    pub date: Option<jiff::civil::Date>,
}

/// The whole course, priced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourseEstimate {
    /// The currency's ISO code.
    pub currency: String,
    /// The patient's sex.
    pub sex: Sex,
    /// Body weight in kg, when known.
    pub weight_kg: Option<f64>,
    /// Months between visits.
    pub visit_every: u32,
    /// Whether the sheet's prices include tax.
    pub tax_included: bool,
    /// Month by month.
    pub months: Vec<MonthLine>,
    /// Month 1's subtotal.
    pub first_month: Money,
    /// The cheapest and dearest later month, if there is one.
    pub return_months: Option<(Money, Money)>,
    /// Sum of every month, less the discounts on the course ([`CourseEstimate::course_items`]).
    pub total: Money,
    /// mg over the course.
    pub cumulative_mg: u64,
    /// mg/kg over the course, when weight is known.
    pub cumulative_mg_per_kg: Option<f64>,
    /// When the requested cumulative target is reached (weight and target known).
    pub target_reached: Option<TargetReached>,
    /// Course length in days.
    pub days: u32,
    /// Dates that follow from the start date, when known.
    pub dates: Option<CourseDates>,
    /// Capsules of each pack-sold strength bought but not taken after the last month
    /// (mg → capsules, 0 included). Empty when the course buys no packs.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub capsules_left: BTreeMap<u32, u32>,
    /// Tests the sheet's schedule makes due in this course that no visit of the plan takes
    /// (a month without a visit, or visits of a kind that does not take them, until the
    /// end): listed with their price, not in the total, and warned about.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tests_at_no_visit: Vec<Item>,
    /// What was taken before these months (a course under way); the cumulative figures
    /// include it, the money does not.
    #[serde(skip_serializing_if = "is_default")]
    pub so_far: SoFar,
    /// Lines under the months, each negative: the discounts on the whole course. `total`
    /// is the sum of the months plus these.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub course_items: Vec<Item>,
    /// The screening the warnings were drawn from.
    pub screening: Screening,
    /// Rules the plan breaks or comes near: screening first, then dosing.
    pub warnings: Vec<Warning>,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

fn number<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// Checks a weight typed by a person (kg).
pub fn check_weight(weight_kg: f64) -> Result<f64, PlanError> {
    if weight_kg.is_finite() && (WEIGHT_RANGE_KG.0..=WEIGHT_RANGE_KG.1).contains(&weight_kg) {
        Ok(weight_kg)
    } else {
        Err(PlanError::Weight(format!("{weight_kg}")))
    }
}

/// Checks a cumulative target typed by a person (mg/kg).
pub fn check_target(target: f64) -> Result<f64, PlanError> {
    if target.is_finite() && (1.0..=400.0).contains(&target) {
        Ok(target)
    } else {
        Err(PlanError::Target(format!("{target}")))
    }
}

/// Prices the course described by `req` on `sheet`.
pub fn estimate(sheet: &PriceSheet, req: &CourseRequest) -> Result<CourseEstimate, PlanError> {
    estimate_after(sheet, req, SoFar::default())
}

/// Prices the rest of a course under way: `req` describes the months left, `so_far` what was
/// taken before them. The cumulative figures, the day the target is reached and the dose
/// warnings count the mg taken so far; the money is the months left only.
pub fn estimate_after(
    sheet: &PriceSheet,
    req: &CourseRequest,
    so_far: SoFar,
) -> Result<CourseEstimate, PlanError> {
    price_months(sheet, req, so_far, DAYS_PER_MONTH, false)
}

/// Month 1 of `req` (after `so_far`) as one visit prices it: `dose` for `days` days of
/// medication at a visit of `kind` (`in_person` or one of the sheet's visit kinds), with
/// everything else — sex, product, discounts, the tests due — as `req` has it. With the
/// dose, days and kind of `req`'s month 1 (30 days) it is that month exactly.
///
/// What a visit hands over and charges: the capsules for `days` days (an alternating dose
/// starts on its `a` amount), whole packs where the sheet sells packs, the consultation and
/// the tests due at a visit of that kind, shipping, one-off fees of month 1, tax and a
/// discount on month 1. A flat sheet charges its monthly package once per 30 days begun.
pub fn visit_month(
    sheet: &PriceSheet,
    req: &CourseRequest,
    so_far: SoFar,
    dose: Dose,
    days: u32,
    kind: &str,
) -> Result<MonthLine, PlanError> {
    let mut req = req.clone();
    let Some(first) = req.doses.first_mut() else {
        return Err(PlanError::NoMonths);
    };
    *first = dose;
    match req.choices.visit_kinds.first_mut() {
        Some(k) => *k = kind.to_string(),
        None => req.choices.visit_kinds.push(kind.to_string()),
    }
    let est = price_months(sheet, &req, so_far, days, true)?;
    est.months.into_iter().next().ok_or(PlanError::NoMonths)
}

/// What carries from one month of a course to the next: the capsules of pack-sold strengths
/// in hand and the course month each test was last taken.
struct Carried {
    in_hand: BTreeMap<u32, u32>,
    tests_last: Vec<Option<u32>>,
}

impl Carried {
    /// Where the months so far left the course: their tests replayed month by month (the
    /// visits `req.visit_every` gives, of the kinds `so_far` names) and their capsules in hand
    /// (of the same product, pack-sold strengths only).
    fn after(sheet: &PriceSheet, req: &CourseRequest, so_far: &SoFar) -> Result<Self, PlanError> {
        let mut tests_last = match &sheet.fees {
            Fees::Itemised { tests, .. } => vec![None; tests.len()],
            Fees::Flat { .. } => Vec::new(),
        };
        for course in 1..=so_far.months() {
            if visit_in(req, course).is_none() {
                continue;
            }
            let kind = kind_of(sheet, &so_far.visit_kinds, course)?;
            // The months so far were charged then: only which tests they took matters now.
            let _ = tests_due(sheet, req.sex, course, kind, &mut tests_last);
        }
        let product_of = |code: Option<&str>| sheet.product(code).map(|p| p.code.clone());
        let same_product =
            product_of(so_far.product.as_deref()) == product_of(req.choices.product.as_deref());
        // Capsules in hand count only for a strength the sheet sells in packs (the others
        // are dispensed as the month needs): one of another strength is refused, not dropped.
        if same_product
            && let Some(mg) = so_far
                .in_hand
                .keys()
                .find(|mg| !sheet.packs.contains_key(mg))
        {
            return Err(PlanError::InHand {
                mg: *mg,
                packs: sheet.packs.keys().copied().collect(),
            });
        }
        let in_hand = if same_product {
            so_far.in_hand.clone()
        } else {
            BTreeMap::new()
        };
        Ok(Carried {
            in_hand,
            tests_last,
        })
    }
}

/// The capsules of pack-sold strengths in hand after `periods` of a course on `sheet` (as
/// priced for `product`): each period buys the whole packs its days need beyond what is in
/// hand (as the estimate and the visit form do), and the capsules of its missed days stay in
/// hand (an alternating dose's missed days counted from its `a` day).
pub fn capsules_in_hand(
    sheet: &PriceSheet,
    product: Option<&str>,
    periods: &[crate::course::Period],
) -> Result<BTreeMap<u32, u32>, PlanError> {
    let sheet = &*sheet
        .for_product(product)
        .ok_or_else(|| PlanError::UnknownChoice {
            what: Choice::Product,
            code: product.unwrap_or_default().to_string(),
            available: sheet.products.iter().map(|p| p.code.clone()).collect(),
        })?;
    let ranking = sheet.ranking_capsules();
    let mut in_hand = BTreeMap::new();
    for (month, p) in (1u32..).zip(periods) {
        let dose_err = |error| PlanError::Dose { month, error };
        let (_, needed, _) = dispense(p.dose, p.days, &ranking).map_err(dose_err)?;
        buy_packs(sheet, &needed, &mut in_hand)?;
        let (_, missed, _) =
            dispense(p.dose, p.missed_days.min(p.days), &ranking).map_err(dose_err)?;
        for (mg, n) in &missed.0 {
            if let Some(have) = in_hand.get_mut(mg) {
                *have = have.saturating_add(*n);
            }
        }
    }
    Ok(in_hand)
}

/// `sheet` as priced for a course of `months` months: a pack whose `min_months` the course
/// does not reach is dropped (its strength is then priced per capsule), and of each dose's
/// packages the one with the highest `min_months` the course reaches is kept. Also the
/// prices dropped with no other price left (mg, `min_months`), for the refusal that names
/// them.
pub(crate) fn for_course(
    sheet: &PriceSheet,
    months: u32,
) -> (std::borrow::Cow<'_, PriceSheet>, Vec<(u32, u32)>) {
    use std::borrow::Cow;
    let long_pack = sheet.packs.values().any(|p| p.min_months > 0);
    let long_package = match &sheet.fees {
        Fees::Flat { packages } => packages.iter().any(|p| p.min_months > 0),
        Fees::Itemised { .. } => false,
    };
    if !long_pack && !long_package {
        return (Cow::Borrowed(sheet), Vec::new());
    }
    let mut s = sheet.clone();
    let mut dropped = Vec::new();
    s.packs.retain(|mg, p| {
        let keep = p.min_months <= months;
        let priced = sheet
            .capsules
            .iter()
            .any(|c| c.mg == *mg && c.price.is_some());
        if !keep && !priced {
            dropped.push((*mg, p.min_months));
        }
        keep
    });
    // A strength whose only price holds for longer courses cannot be dispensed in this one.
    s.capsules
        .retain(|c| !dropped.iter().any(|(mg, _)| *mg == c.mg));
    if let Fees::Flat { packages } = &mut s.fees {
        let all = packages.clone();
        packages.retain(|p| {
            let best = all
                .iter()
                .filter(|q| q.daily_mg == p.daily_mg && q.min_months <= months)
                .map(|q| q.min_months)
                .max();
            best == Some(p.min_months)
        });
        for p in &all {
            if !packages.iter().any(|q| q.daily_mg == p.daily_mg)
                && !dropped.iter().any(|(mg, _)| *mg == p.daily_mg)
            {
                let needed = all
                    .iter()
                    .filter(|q| q.daily_mg == p.daily_mg)
                    .map(|q| q.min_months)
                    .min()
                    .unwrap_or(p.min_months);
                dropped.push((p.daily_mg, needed));
            }
        }
    }
    (Cow::Owned(s), dropped)
}

/// The visit that opens course month `course` (1-based), if any: every `visit_every` months
/// from month 1; month 1's is the request's first or return visit, later ones are returns.
fn visit_in(req: &CourseRequest, course: u32) -> Option<Visit> {
    let opens = course
        .checked_sub(1)
        .is_some_and(|i| i.is_multiple_of(req.visit_every.max(1)));
    opens.then_some(if course == 1 {
        req.visit
    } else {
        Visit::Return
    })
}

/// The sheet's visit kind of course month `course` as `kinds` lists them (`None`: in person).
fn kind_of<'a>(
    sheet: &'a PriceSheet,
    kinds: &[String],
    course: u32,
) -> Result<Option<&'a crate::pricing::VisitKind>, PlanError> {
    let code = usize::try_from(course)
        .ok()
        .and_then(|c| c.checked_sub(1))
        .and_then(|i| kinds.get(i))
        .filter(|k| *k != IN_PERSON);
    match code {
        None => Ok(None),
        Some(code) => sheet
            .visit_kind(code)
            .map(Some)
            .ok_or_else(|| unknown_visit_kind(sheet, code)),
    }
}

fn unknown_visit_kind(sheet: &PriceSheet, code: &str) -> PlanError {
    PlanError::UnknownChoice {
        what: Choice::VisitKind,
        code: code.to_string(),
        available: std::iter::once(IN_PERSON.to_string())
            .chain(sheet.visit_kinds.iter().map(|k| k.code.clone()))
            .collect(),
    }
}

/// What a month dispenses: the capsules of each day (one mix, or two for an alternating
/// dose: odd days, even days), the capsules for `days` days and the mg they hold.
fn dispense(
    dose: Dose,
    days: u32,
    ranking: &[crate::pricing::Capsule],
) -> Result<(Vec<CapsuleMix>, CapsuleMix, u64), DoseError> {
    let mix_a = cheapest_mix(dose.a, ranking)?;
    let mix_b = cheapest_mix(dose.b, ranking)?;
    let capsules = mix_a.times(days.div_ceil(2)).plus(&mix_b.times(days / 2));
    let per_day = if dose.is_alternating() {
        vec![mix_a, mix_b]
    } else {
        vec![mix_a]
    };
    Ok((per_day, capsules, dose.mg_over(days)))
}

/// The consultation of a month's visit: the visit kind's fee, else the first or return
/// visit's; a flat sheet charges only a visit kind's own fee (its package includes the rest).
fn consultation(
    sheet: &PriceSheet,
    visit: Option<Visit>,
    kind: Option<&crate::pricing::VisitKind>,
) -> Option<Item> {
    let v = visit?;
    let amount = match (&sheet.fees, kind) {
        (Fees::Flat { .. }, Some(k)) if k.fee > Money::ZERO => k.fee,
        (Fees::Flat { .. }, _) => return None,
        (Fees::Itemised { .. }, Some(k)) => k.fee,
        (Fees::Itemised { first_visit, .. }, None) if v == Visit::First => *first_visit,
        (Fees::Itemised { return_visit, .. }, None) => *return_visit,
    };
    Some(Item {
        code: "consultation".into(),
        amount,
    })
}

/// The medication line of an itemised sheet: per-capsule strengths as dispensed (a pack-sold
/// strength has no capsule price), plus the whole packs bought.
fn medication(
    sheet: &PriceSheet,
    capsules: &CapsuleMix,
    packs: &BTreeMap<u32, u32>,
) -> Result<Item, crate::money::Overflow> {
    // A strength sold in packs is paid by the pack only (its capsule price, when the sheet
    // gives one, is the rate of courses too short for the pack).
    let per_capsule = CapsuleMix(
        capsules
            .0
            .iter()
            .filter(|(mg, _)| !sheet.packs.contains_key(mg))
            .map(|(mg, n)| (*mg, *n))
            .collect(),
    );
    let mut amount = per_capsule.price(&sheet.capsules)?;
    for (mg, bought) in packs {
        if let Some(pack) = sheet.packs.get(mg) {
            amount = amount.plus(pack.price.times(u64::from(*bought))?)?;
        }
    }
    Ok(Item {
        code: "medication".into(),
        amount,
    })
}

/// The package line of a flat sheet: its all-in price for the dose, once per 30 days begun.
fn package(
    packages: &[crate::pricing::Package],
    month: u32,
    dose: Dose,
    days: u32,
) -> Result<Item, PlanError> {
    let package = (!dose.is_alternating())
        .then(|| packages.iter().find(|p| p.daily_mg == dose.a))
        .flatten()
        .ok_or_else(|| PlanError::NoPackage {
            month,
            dose,
            available: packages.iter().map(|p| p.daily_mg).collect(),
        })?;
    Ok(Item {
        code: "package".into(),
        amount: package
            .price_per_month
            .times(u64::from(days.div_ceil(DAYS_PER_MONTH)))?,
    })
}

/// The tests due at a visit in course month `course` that a visit of `kind` takes, for a
/// patient of `sex`; `tests_last` (the month each was last taken) is brought up to date. A
/// visit of another kind takes only its own tests: a test due then waits for a visit that
/// takes it.
fn tests_due(
    sheet: &PriceSheet,
    sex: Sex,
    course: u32,
    kind: Option<&crate::pricing::VisitKind>,
    tests_last: &mut [Option<u32>],
) -> Vec<Item> {
    let Fees::Itemised { tests, .. } = &sheet.fees else {
        return Vec::new();
    };
    let mut items = Vec::new();
    for (t, last) in tests.iter().zip(tests_last.iter_mut()) {
        let for_patient = match t.who {
            TestFor::Everyone => true,
            TestFor::Women => sex == Sex::Female,
        };
        let taken_here = kind.is_none_or(|k| k.tests.contains(&t.code));
        if for_patient && taken_here && t.schedule.due(course, *last) {
            *last = Some(course);
            items.push(Item {
                code: t.code.clone(),
                amount: t.price,
            });
        }
    }
    items
}

/// The tests for a patient of `sex` that the schedule makes due by course month
/// `last_month` and no visit took (`tests_last`: the month each was last taken): a listed
/// month or a one-off test at weeks not served, or a repeated test never taken. Each with
/// its name in the sheet's languages.
fn tests_at_no_visit(
    sheet: &PriceSheet,
    sex: Sex,
    last_month: u32,
    tests_last: &[Option<u32>],
) -> Vec<(Item, crate::pricing::LocalText)> {
    use crate::pricing::TestSchedule;
    let Fees::Itemised { tests, .. } = &sheet.fees else {
        return Vec::new();
    };
    tests
        .iter()
        .zip(tests_last)
        .filter(|(t, _)| t.who == TestFor::Everyone || sex == Sex::Female)
        .filter(|(t, last)| match &t.schedule {
            TestSchedule::Months { months } => months
                .iter()
                .any(|m| *m <= last_month && last.is_none_or(|l| *m > l)),
            TestSchedule::AfterWeeks { weeks, .. } => {
                last.is_none() && crate::pricing::week_month(*weeks) <= last_month
            }
            TestSchedule::Periodic { .. } => last.is_none(),
            TestSchedule::AsNeeded => false,
        })
        .map(|(t, _)| {
            (
                Item {
                    code: t.code.clone(),
                    amount: t.price,
                },
                t.name.clone(),
            )
        })
        .collect()
}

/// The warning for a test no visit of the plan takes: its name and price in each language.
fn at_no_visit_warning(
    sheet: &PriceSheet,
    item: &Item,
    name: &crate::pricing::LocalText,
) -> Warning {
    use crate::i18n::Lang;
    let named = |lang: Lang| match name.get(lang) {
        "" => lang.tr(&format!("item-{}", item.code)),
        own => own.to_string(),
    };
    let price = |lang: Lang| sheet.currency.format(item.amount, lang);
    Warning {
        code: "test_at_no_visit",
        severity: crate::vocab::Severity::Caution,
        month: None,
        args: vec![
            ("test", named(Lang::En)),
            ("test@ja", named(Lang::Ja)),
            ("test@ko", named(Lang::Ko)),
            ("price", price(Lang::En)),
            ("price@ja", price(Lang::Ja)),
            ("price@ko", price(Lang::Ko)),
        ],
    }
}

/// Shipping after a visit of a kind that mails the medication, and the one-off fees of
/// course month 1 (a first-visit fee only when the course opens with a first visit).
fn fees_and_shipping(
    sheet: &PriceSheet,
    kind: Option<&crate::pricing::VisitKind>,
    course: u32,
    opening: Visit,
) -> Vec<Item> {
    let shipping = kind.and_then(|k| k.shipping).map(|amount| Item {
        code: "shipping".into(),
        amount,
    });
    let fees = sheet
        .one_off_fees
        .iter()
        .filter(|f| course == 1 && f.charged_at(opening))
        .map(|fee| Item {
            code: fee.code.clone(),
            amount: fee.price,
        });
    shipping.into_iter().chain(fees).collect()
}

/// Tax on the taxable items (the sheet's `tax_exempt` codes are not taxed; a discount on
/// medication is taxed as the medication is); `None` when prices include tax.
fn tax(sheet: &PriceSheet, items: &[Item]) -> Result<Option<Item>, crate::money::Overflow> {
    let medication_code = if sheet.is_flat() {
        "package"
    } else {
        "medication"
    };
    let taxable = Money::sum(
        items
            .iter()
            .filter(|it| {
                let code = if sheet.discount(&it.code).is_some() {
                    medication_code
                } else {
                    it.code.as_str()
                };
                sheet.is_taxable(code)
            })
            .map(|it| it.amount),
    )?;
    let tax = sheet.tax.on(taxable)?;
    Ok(
        (!matches!(sheet.tax, crate::pricing::Tax::Included)).then(|| Item {
            code: "tax".into(),
            amount: tax,
        }),
    )
}

/// The chosen discounts on course month `course`, each off the month's amount as the
/// discounts before it left it (tax included).
fn month_discounts(
    sheet: &PriceSheet,
    req: &CourseRequest,
    course: u32,
    items: &mut Vec<Item>,
) -> Result<(), crate::money::Overflow> {
    for d in chosen_discounts(sheet, req).filter(|d| d.on == DiscountOn::Month(course)) {
        let base = Money::sum(items.iter().map(|it| it.amount))?;
        items.push(Item {
            code: d.code.clone(),
            amount: Money::ZERO.minus(d.of(base)?)?,
        });
    }
    Ok(())
}

/// A month of a course before its dose is known: which month of the quote and of the course
/// it is, its days of medication, the visit that opens it (and the visit's kind) and the tests
/// due at that visit — none of which depends on the doses.
#[derive(Debug, Clone)]
pub(crate) struct Frame<'s> {
    /// 1-based month of the quote.
    pub(crate) month: u32,
    /// 1-based month of the course (the months so far included).
    pub(crate) course: u32,
    /// Days of medication.
    pub(crate) days: u32,
    visit: Option<Visit>,
    kind: Option<&'s crate::pricing::VisitKind>,
    tests: Vec<Item>,
}

/// One month priced for a dose: what it dispenses and its items.
#[derive(Debug, Clone)]
pub(crate) struct PricedMonth {
    capsules_per_day: Vec<CapsuleMix>,
    capsules: CapsuleMix,
    pub(crate) mg: u64,
    packs: BTreeMap<u32, u32>,
    items: Vec<Item>,
    pub(crate) subtotal: Money,
}

/// A request checked against a sheet (already the chosen product's) and laid out in
/// [`Frame`]s: what pricing any doses for its months needs. The estimate prices the
/// request's own doses with it; the optimiser prices other doses with the same steps.
pub(crate) struct Pricer<'s> {
    pub(crate) sheet: &'s PriceSheet,
    req: &'s CourseRequest,
    ranking: Vec<crate::pricing::Capsule>,
    pub(crate) frames: Vec<Frame<'s>>,
    /// Capsules in hand before the first month.
    pub(crate) in_hand: BTreeMap<u32, u32>,
    /// The course month each test was last taken, after the last frame.
    tests_last: Vec<Option<u32>>,
    /// Months in the whole course.
    course_months: u32,
    /// Prices of longer courses with no other price for this one (mg, `min_months`).
    pub(crate) dropped: Vec<(u32, u32)>,
}

impl<'s> Pricer<'s> {
    /// Checks `req` (months, choices, weight, target, what was taken so far, the visit
    /// interval) and lays out its months: course months `so_far.months() + 1` onwards,
    /// `first_days` days in the first (30 in an estimate), 30 in the others; `first_is_visit`:
    /// the first opens with a visit whatever `visit_every` says (a visit being recorded).
    pub(crate) fn new(
        sheet: &'s PriceSheet,
        req: &'s CourseRequest,
        so_far: &SoFar,
        first_days: u32,
        first_is_visit: bool,
    ) -> Result<Pricer<'s>, PlanError> {
        if req.doses.is_empty() {
            return Err(PlanError::NoMonths);
        }
        if req.doses.len() > MAX_MONTHS as usize {
            return Err(PlanError::TooManyMonths(req.doses.len()));
        }
        let months_before = so_far.months();
        // The whole course, months so far included, within the planner's longest course.
        let course_months = (months_before as usize).saturating_add(req.doses.len());
        if course_months > MAX_MONTHS as usize {
            return Err(PlanError::TooManyMonths(course_months));
        }
        check_choices(sheet, req, so_far)?;
        let weight = req.weight_kg.map(check_weight).transpose()?;
        req.target_mg_per_kg.map(check_target).transpose()?;
        check_so_far(so_far, weight, req.visit)?;
        if req.visit_every == 0 || req.visit_every > sheet.max_months_per_visit {
            let days = DAYS_PER_MONTH.saturating_mul(req.visit_every);
            return Err(match sheet.max_prescription_days {
                // The sheet's prescription rule is the reason (parse keeps it at least as long
                // as a visit may give, so a longer prescription is always a longer interval).
                Some(max) if req.visit_every > 0 && days > max => PlanError::PrescriptionDays {
                    months: req.visit_every,
                    days,
                    max,
                },
                _ => PlanError::VisitEvery {
                    asked: req.visit_every,
                    max: sheet.max_months_per_visit,
                },
            });
        }
        let mut carried = Carried::after(sheet, req, so_far)?;
        let mut frames = Vec::with_capacity(req.doses.len());
        for i in 0..req.doses.len() {
            #[expect(
                clippy::arithmetic_side_effects,
                reason = "i < MAX_MONTHS (24) and months_before + i ≤ MAX_MONTHS, checked above"
            )]
            let (month, course) = (i as u32 + 1, months_before + i as u32 + 1);
            let visit = match visit_in(req, course) {
                None if i == 0 && first_is_visit => Some(Visit::Return),
                v => v,
            };
            // The kind of this month's visit (`None`: in person, or no visit this month).
            let kind = match visit {
                Some(_) => kind_of(sheet, &req.choices.visit_kinds, month)?,
                None => None,
            };
            let tests = match visit {
                Some(_) => tests_due(sheet, req.sex, course, kind, &mut carried.tests_last),
                None => Vec::new(),
            };
            frames.push(Frame {
                month,
                course,
                days: if i == 0 { first_days } else { DAYS_PER_MONTH },
                visit,
                kind,
                tests,
            });
        }
        Ok(Pricer {
            sheet,
            req,
            // Pack-sold strengths are ranked at their pack price per capsule; the rest as
            // priced.
            ranking: sheet.ranking_capsules(),
            frames,
            in_hand: carried.in_hand,
            tests_last: carried.tests_last,
            course_months: u32::try_from(course_months).unwrap_or(MAX_MONTHS),
            dropped: Vec::new(),
        })
    }

    /// The month `frame` priced for `dose`, the capsules in hand before it in `in_hand` (what
    /// is left after it on return). Its steps: dispense, packs, consultation, medication or
    /// package, medication discounts, tests due, shipping and one-off fees, tax, month
    /// discounts.
    pub(crate) fn price_month(
        &self,
        frame: &Frame<'_>,
        dose: Dose,
        in_hand: &mut BTreeMap<u32, u32>,
    ) -> Result<PricedMonth, PlanError> {
        let (sheet, req) = (self.sheet, self.req);
        // A dose the course is too short to buy names the price it lacks.
        let too_short = |mg: u32| {
            self.dropped
                .iter()
                .find(|(m, _)| *m == mg)
                .map(|(m, needed)| PlanError::MinMonths {
                    mg: *m,
                    needed: *needed,
                    months: self.course_months,
                })
        };
        let (capsules_per_day, capsules, mg) =
            dispense(dose, frame.days, &self.ranking).map_err(|error| {
                match self.dropped.first().and_then(|(mg, _)| too_short(*mg)) {
                    Some(e) if !sheet.is_flat() => e,
                    _ => PlanError::Dose {
                        month: frame.month,
                        error,
                    },
                }
            })?;
        let packs = buy_packs(sheet, &capsules, in_hand)?;
        let mut items: Vec<Item> = consultation(sheet, frame.visit, frame.kind)
            .into_iter()
            .collect();
        items.push(match &sheet.fees {
            Fees::Itemised { .. } => medication(sheet, &capsules, &packs)?,
            Fees::Flat { packages } => {
                package(packages, frame.month, dose, frame.days).map_err(|e| {
                    too_short(dose.a)
                        .filter(|_| !dose.is_alternating())
                        .unwrap_or(e)
                })?
            }
        });
        medication_discounts(sheet, req, &mut items)?;
        items.extend(frame.tests.iter().cloned());
        items.extend(fees_and_shipping(
            sheet,
            frame.kind,
            frame.course,
            req.visit,
        ));
        items.extend(tax(sheet, &items)?);
        month_discounts(sheet, req, frame.course, &mut items)?;
        let subtotal = Money::sum(items.iter().map(|it| it.amount))?;
        Ok(PricedMonth {
            capsules_per_day,
            capsules,
            mg,
            packs,
            items,
            subtotal,
        })
    }

    /// The chosen discounts on the whole course, off `sum` (the months' sum, tax included),
    /// each off what the ones before it left: the total and a negative line for each.
    pub(crate) fn course_discounts(&self, sum: Money) -> Result<(Money, Vec<Item>), PlanError> {
        let mut total = sum;
        let mut lines = Vec::new();
        for d in chosen_discounts(self.sheet, self.req).filter(|d| d.on == DiscountOn::Course) {
            let off = d.of(total)?;
            total = total.minus(off)?;
            lines.push(Item {
                code: d.code.clone(),
                amount: Money::ZERO.minus(off)?,
            });
        }
        Ok((total, lines))
    }
}

/// [`estimate_after`] with `first_days` days of medication in month 1 (30 in an estimate;
/// a visit's own days in [`visit_month`]); every later month has 30. `first_is_visit`: the
/// quote's month 1 opens with a visit whatever `visit_every` says (a visit being recorded).
///
/// The months priced are course months `so_far.months() + 1` onwards ([`Pricer`]).
fn price_months(
    sheet: &PriceSheet,
    req: &CourseRequest,
    so_far: SoFar,
    first_days: u32,
    first_is_visit: bool,
) -> Result<CourseEstimate, PlanError> {
    let product = req.choices.product.as_deref();
    let sheet = &*sheet
        .for_product(product)
        .ok_or_else(|| PlanError::UnknownChoice {
            what: Choice::Product,
            code: product.unwrap_or_default().to_string(),
            available: sheet.products.iter().map(|p| p.code.clone()).collect(),
        })?;
    let course_months = so_far
        .months()
        .saturating_add(u32::try_from(req.doses.len()).unwrap_or(u32::MAX));
    let (sheet, dropped) = for_course(sheet, course_months);
    let sheet = &*sheet;
    let mut pricer = Pricer::new(sheet, req, &so_far, first_days, first_is_visit)?;
    pricer.dropped = dropped;
    let weight = req.weight_kg;
    let target = req.target_mg_per_kg;
    let months_before = so_far.months();

    let mut months = Vec::with_capacity(req.doses.len());
    let mut cumulative_mg = so_far.mg;
    let mut in_hand = pricer.in_hand.clone();
    for (frame, dose) in pricer.frames.iter().zip(req.doses.iter().copied()) {
        let m = pricer.price_month(frame, dose, &mut in_hand)?;
        // Saturating: the mg taken so far come from outside (a register, the command line).
        cumulative_mg = cumulative_mg.saturating_add(m.mg);
        months.push(MonthLine {
            month: frame.month,
            visit: frame.visit,
            dose,
            daily_mg: dose.mean_mg(),
            capsules_per_day: m.capsules_per_day,
            capsules: m.capsules,
            packs: m.packs,
            visit_kind: frame.kind.map(|k| k.code.clone()),
            mg: m.mg,
            cumulative_mg,
            mg_per_kg_per_day: weight.map(|w| dose.mean_mg() / w),
            cumulative_mg_per_kg: weight.map(|w| cumulative_mg as f64 / w),
            items: m.items,
            subtotal: m.subtotal,
        });
    }
    #[expect(
        clippy::arithmetic_side_effects,
        reason = "months_before + the months priced ≤ MAX_MONTHS, checked above"
    )]
    let last_month = months_before + months.len() as u32;
    let at_no_visit = tests_at_no_visit(sheet, req.sex, last_month, &pricer.tests_last);

    // Discounts on the course: off the sum of the months, tax included, each its own line.
    let (total, course_items) =
        pricer.course_discounts(Money::sum(months.iter().map(|m| m.subtotal))?)?;
    let first_month = months[0].subtotal;
    let later = months[1..].iter().map(|m| m.subtotal);
    let return_months = later.clone().min().zip(later.max());
    #[expect(
        clippy::arithmetic_side_effects,
        reason = "at most MAX_MONTHS (24) months of 30 days, checked above"
    )]
    let days = DAYS_PER_MONTH * months.len() as u32;
    let target_reached = match (weight, target) {
        // Reached before the months planned: day 0.
        (Some(w), Some(t)) if crate::course::remaining_mg(t, w, &so_far).is_none() => {
            Some(TargetReached {
                target_mg_per_kg: t,
                day: 0,
                month: 0,
                date: None,
            })
        }
        (Some(w), Some(t)) => {
            day_reaching(&req.doses, w * t - so_far.mg as f64).map(|day| TargetReached {
                target_mg_per_kg: t,
                day,
                month: day.div_ceil(DAYS_PER_MONTH),
                date: req
                    .start
                    .and_then(|s| rules::add_days(s, day.saturating_sub(1))),
            })
        }
        _ => None,
    };
    let dates = match req.start {
        None => None,
        Some(start) => Some(
            rules::course_dates(start, days, req.sex, &sheet.after_last_dose)
                .ok_or(PlanError::StartTooLate(start))?,
        ),
    };

    let mut est = CourseEstimate {
        currency: sheet.currency.code.clone(),
        sex: req.sex,
        weight_kg: weight,
        visit_every: req.visit_every,
        tax_included: matches!(sheet.tax, crate::pricing::Tax::Included),
        months,
        first_month,
        return_months,
        total,
        cumulative_mg,
        cumulative_mg_per_kg: weight.map(|w| cumulative_mg as f64 / w),
        target_reached,
        days,
        dates,
        capsules_left: in_hand,
        tests_at_no_visit: at_no_visit.iter().map(|(it, _)| it.clone()).collect(),
        course_items,
        so_far,
        screening: req.screening.clone(),
        warnings: Vec::new(),
    };
    est.warnings = screening_warnings(&req.screening, req.sex);
    est.warnings.extend(
        at_no_visit
            .iter()
            .map(|(it, name)| at_no_visit_warning(sheet, it, name)),
    );
    est.warnings.extend(rules::dose_warnings_after(
        &req.doses,
        weight,
        req.visit,
        &est.so_far,
    ));
    Ok(est)
}

/// The sheet's discounts the request chose, in the sheet's order.
fn chosen_discounts<'a>(
    sheet: &'a PriceSheet,
    req: &'a CourseRequest,
) -> impl Iterator<Item = &'a Discount> {
    sheet
        .discounts
        .iter()
        .filter(|d| req.choices.discounts.contains(&d.code))
}

/// Pushes a line for each chosen discount on medication, taken off the medication (or
/// package) line as it stands after the discounts before it: it never goes below zero.
fn medication_discounts(
    sheet: &PriceSheet,
    req: &CourseRequest,
    items: &mut Vec<Item>,
) -> Result<(), crate::money::Overflow> {
    let Some(mut base) = items.last().map(|it| it.amount) else {
        return Ok(());
    };
    for d in chosen_discounts(sheet, req).filter(|d| d.on == DiscountOn::Medication) {
        let off = d.of(base)?;
        base = base.minus(off)?;
        items.push(Item {
            code: d.code.clone(),
            amount: Money::ZERO.minus(off)?,
        });
    }
    Ok(())
}

/// What was taken so far against the rules: mg need their days, their daily mean is at most
/// the daily maximum (2 mg/kg/day at `weight`, else the planner's highest dose), and a
/// course under way continues with a return visit.
fn check_so_far(so_far: &SoFar, weight: Option<f64>, visit: Visit) -> Result<(), PlanError> {
    if !so_far.is_under_way() {
        return Ok(());
    }
    if visit == Visit::First {
        return Err(PlanError::FirstVisitUnderWay);
    }
    if so_far.days == 0 {
        return Err(PlanError::SoFarDaysUnknown { mg: so_far.mg });
    }
    // Whole mg a day: 2 mg/kg/day at the weight (at most 600 mg at 300 kg), rounded down.
    let max = weight.map_or(u64::from(crate::dose::MAX_DAILY_MG), |w| {
        (rules::MAX_MG_PER_KG_DAY * w).floor() as u64
    });
    let days = u64::from(so_far.days);
    if so_far.mg > max.saturating_mul(days) {
        return Err(PlanError::SoFarAverage {
            mg: so_far.mg,
            days: so_far.days,
            average: so_far.mg.div_ceil(days),
            max,
        });
    }
    Ok(())
}

/// The request's choices against the sheet: known visit kinds (course month 1 of a first
/// visit in person), no more kinds than months, known discounts each once, a month discount
/// on a month of the course (months so far included; one on a month already past takes
/// nothing off), the visit kinds so far known.
fn check_choices(sheet: &PriceSheet, req: &CourseRequest, so_far: &SoFar) -> Result<(), PlanError> {
    let c = &req.choices;
    if c.visit_kinds.len() > req.doses.len() {
        return Err(PlanError::VisitKinds {
            given: c.visit_kinds.len(),
            months: req.doses.len(),
        });
    }
    for code in c.visit_kinds.iter().chain(&so_far.visit_kinds) {
        if code != IN_PERSON && sheet.visit_kind(code).is_none() {
            return Err(unknown_visit_kind(sheet, code));
        }
    }
    if req.visit == Visit::First && c.visit_kind(1).is_some() && !sheet.first_visit_remote {
        return Err(PlanError::FirstVisitRemote);
    }
    let course_months = (so_far.months() as usize).saturating_add(req.doses.len());
    for (i, code) in c.discounts.iter().enumerate() {
        let Some(d) = sheet.discount(code) else {
            return Err(PlanError::UnknownChoice {
                what: Choice::Discount,
                code: code.clone(),
                available: sheet.discounts.iter().map(|d| d.code.clone()).collect(),
            });
        };
        if c.discounts[..i].contains(code) {
            return Err(PlanError::DiscountTwice(code.clone()));
        }
        if let DiscountOn::Month(m) = d.on
            && m as usize > course_months
        {
            return Err(PlanError::DiscountMonth {
                code: code.clone(),
                month: m,
                months: course_months,
            });
        }
    }
    Ok(())
}

/// The whole packs a month buys for the capsules it dispenses, by strength, for each
/// strength the sheet sells in packs: the fewest packs so that the capsules in hand and the
/// packs cover the month; `in_hand` becomes what is left over (carried into the next month).
fn buy_packs(
    sheet: &PriceSheet,
    capsules: &CapsuleMix,
    in_hand: &mut BTreeMap<u32, u32>,
) -> Result<BTreeMap<u32, u32>, crate::money::Overflow> {
    use crate::money::Overflow;
    let mut bought = BTreeMap::new();
    for (mg, needed) in &capsules.0 {
        let Some(pack) = sheet.packs.get(mg) else {
            continue;
        };
        let have = in_hand.entry(*mg).or_insert(0);
        let short = needed.saturating_sub(*have);
        let packs = short.div_ceil(pack.size);
        let left = packs
            .checked_mul(pack.size)
            .and_then(|n| n.checked_add(*have))
            .and_then(|n| n.checked_sub(*needed))
            .ok_or(Overflow)?;
        *have = left;
        bought.insert(*mg, packs);
    }
    Ok(bought)
}

/// The estimates for a man and for a woman, for quoting when sex is not given.
pub fn estimate_range(
    sheet: &PriceSheet,
    req: &CourseRequest,
) -> Result<[CourseEstimate; 2], PlanError> {
    let male = estimate(
        sheet,
        &CourseRequest {
            sex: Sex::Male,
            ..req.clone()
        },
    )?;
    let female = estimate(
        sheet,
        &CourseRequest {
            sex: Sex::Female,
            ..req.clone()
        },
    )?;
    Ok([male, female])
}

/// The mg taken on each day of a course of `doses` (30 days a month, an alternating dose
/// starting on its `a` amount each month).
fn daily_mg(doses: impl IntoIterator<Item = Dose>) -> impl Iterator<Item = u32> {
    doses.into_iter().flat_map(|dose| {
        (0..DAYS_PER_MONTH).map(move |d| if d.is_multiple_of(2) { dose.a } else { dose.b })
    })
}

/// The first day (1-based) on which the cumulative dose reaches `needed_mg`.
fn day_reaching(doses: &[Dose], needed_mg: f64) -> Option<u32> {
    let mut total = 0u64;
    for (day, mg) in (1u32..).zip(daily_mg(doses.iter().copied())) {
        total = total.saturating_add(u64::from(mg));
        if total as f64 + 1e-6 >= needed_mg {
            return Some(day);
        }
    }
    None
}

impl CourseEstimate {
    /// Cumulative mg/kg at the end of each day, from day 0 (0 mg/kg): the doctor's chart.
    /// Empty when weight is unknown.
    pub fn cumulative_mg_per_kg_by_day(&self) -> Vec<[f64; 2]> {
        let Some(w) = self.weight_kg else {
            return Vec::new();
        };
        // A course under way starts where the days so far left it.
        let start = self.so_far.days;
        let mut out = vec![[f64::from(start), self.so_far.mg as f64 / w]];
        let mut total = self.so_far.mg;
        for (day, mg) in (1u32..).zip(daily_mg(self.months.iter().map(|m| m.dose))) {
            total = total.saturating_add(u64::from(mg));
            out.push([f64::from(start.saturating_add(day)), total as f64 / w]);
        }
        out
    }

    /// Number of months.
    pub fn month_count(&self) -> u32 {
        self.months.len() as u32
    }
}

impl PlanError {
    /// Stable code, e.g. `no_months`, `overflow`; a dose's own problem keeps its code
    /// (`not_makeable`, …).
    pub fn code(&self) -> &'static str {
        match self {
            PlanError::NoMonths => "no_months",
            PlanError::TooManyMonths(_) => "too_many_months",
            PlanError::Weight(_) => "weight",
            PlanError::Target(_) => "target",
            PlanError::VisitEvery { .. } => "visit_every",
            PlanError::PrescriptionDays { .. } => "prescription_days",
            PlanError::Dose { error, .. } => error.code(),
            PlanError::Overflow(_) => "overflow",
            PlanError::StartTooLate(_) => "start_too_late",
            PlanError::NoPackage { .. } => "no_package",
            PlanError::UnknownChoice { .. } => "unknown_choice",
            PlanError::FirstVisitRemote => "first_visit_remote",
            PlanError::SoFarDaysUnknown { .. } => "so_far_days_unknown",
            PlanError::SoFarAverage { .. } => "so_far_average",
            PlanError::FirstVisitUnderWay => "first_visit_under_way",
            PlanError::InHand { .. } => "in_hand",
            PlanError::MinMonths { .. } => "min_months",
            PlanError::VisitKinds { .. } => "visit_kinds",
            PlanError::DiscountMonth { .. } => "discount_month",
            PlanError::DiscountTwice(_) => "discount_twice",
        }
    }

    /// The message in `lang` (the `Display` form is English, for the command line).
    pub fn explain(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Arg;
        let n = |v: u32| Arg::Num(f64::from(v));
        match self {
            PlanError::NoMonths => lang.tr("err-no-months"),
            PlanError::TooManyMonths(m) => lang.tr_args(
                "err-too-many-months",
                &[("months", n(*m as u32)), ("max", n(MAX_MONTHS))],
            ),
            PlanError::Weight(w) => lang.tr_args("err-weight", &[("kg", Arg::Str(w.clone()))]),
            PlanError::Target(t) => lang.tr_args("err-target", &[("target", Arg::Str(t.clone()))]),
            PlanError::VisitEvery { asked, max } => {
                lang.tr_args("err-visit-every", &[("asked", n(*asked)), ("max", n(*max))])
            }
            PlanError::PrescriptionDays { months, days, max } => lang.tr_args(
                "err-prescription-days",
                &[("months", n(*months)), ("days", n(*days)), ("max", n(*max))],
            ),
            PlanError::Dose { month, error } => lang.tr_args(
                "err-month",
                &[
                    ("month", n(*month)),
                    ("error", Arg::Str(error.explain(lang))),
                ],
            ),
            PlanError::Overflow(_) => lang.tr("err-overflow"),
            PlanError::StartTooLate(d) => {
                lang.tr_args("err-start-too-late", &[("date", Arg::Str(d.to_string()))])
            }
            PlanError::UnknownChoice {
                what,
                code,
                available,
            } => lang.tr_args(
                "err-unknown-choice",
                &[
                    ("what", Arg::Str(lang.tr(what.key()))),
                    ("code", Arg::Str(crate::patient::escape_text(code))),
                    ("available", Arg::Str(available.join(", "))),
                ],
            ),
            PlanError::FirstVisitRemote => lang.tr("err-first-visit-remote"),
            PlanError::SoFarDaysUnknown { mg } => lang.tr_args(
                "err-so-far-days-unknown",
                &[("mg", Arg::Str(crate::money::group_digits(*mg)))],
            ),
            PlanError::SoFarAverage {
                mg,
                days,
                average,
                max,
            } => lang.tr_args(
                "err-so-far-average",
                &[
                    ("mg", Arg::Str(crate::money::group_digits(*mg))),
                    ("days", n(*days)),
                    ("average", Arg::Str(crate::money::group_digits(*average))),
                    ("max", Arg::Str(crate::money::group_digits(*max))),
                ],
            ),
            PlanError::FirstVisitUnderWay => lang.tr("err-first-visit-under-way"),
            PlanError::MinMonths { mg, needed, months } => lang.tr_args(
                "err-min-months",
                &[
                    ("what", Arg::Str(format!("{mg} mg"))),
                    ("needed", n(*needed)),
                    ("months", n(*months)),
                ],
            ),
            PlanError::InHand { mg, packs } => lang.tr_args(
                "err-in-hand",
                &[("mg", n(*mg)), ("packs", Arg::Str(list(packs)))],
            ),
            PlanError::VisitKinds { given, months } => lang.tr_args(
                "err-visit-kinds",
                &[("given", n(*given as u32)), ("months", n(*months as u32))],
            ),
            PlanError::DiscountMonth {
                code,
                month,
                months,
            } => lang.tr_args(
                "err-discount-month",
                &[
                    ("code", Arg::Str(code.clone())),
                    ("month", n(*month)),
                    ("months", n(*months as u32)),
                ],
            ),
            PlanError::DiscountTwice(code) => {
                lang.tr_args("err-discount-twice", &[("code", Arg::Str(code.clone()))])
            }
            PlanError::NoPackage {
                month,
                dose,
                available,
            } => lang.tr_args(
                "err-no-package",
                &[
                    ("month", n(*month)),
                    ("dose", Arg::Str(dose.to_string())),
                    ("available", Arg::Str(list(available))),
                ],
            ),
        }
    }
}
