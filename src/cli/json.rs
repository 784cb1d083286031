//! The JSON report (`dose-planner quote --json`): the documented contract as its own types.
//!
//! Every field here is part of what README promises scripts; none is a core struct
//! serialised as it happens to be, so renaming a field in the core cannot change the JSON.
//! Amounts are integers in the currency's minor units. The golden files in
//! `tests/fixtures/json/` hold the exact output.
//!
//! It renders only: everything comes from the [`Quote`]; no sum and no dose arithmetic.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::dose::CapsuleMix;
use crate::i18n::Lang;
use crate::monitoring::Protocol;
use crate::quote::Quote;
use crate::safety::Severity;
use crate::{Sex, Visit};

/// The whole report: one object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonReport {
    /// The currency's ISO code (`JPY`, `KRW`).
    pub currency: String,
    /// Whether the prices include tax (otherwise each month has a `tax` item).
    pub tax_included: bool,
    /// The product quoted. Left out when the sheet sells one product (no `[[products]]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<JsonProduct>,
    /// `female` or `male`.
    pub sex: &'static str,
    /// Body weight in kg, or null.
    pub weight_kg: Option<f64>,
    /// Months between visits (1 or 2).
    pub visit_every: u32,
    /// Month by month.
    pub months: Vec<JsonMonth>,
    /// Month 1's cost.
    pub first_month: i64,
    /// The cheapest and dearest later month, or null for a one-month course.
    pub return_months: Option<JsonRange>,
    /// Discounts on the whole course (negative amounts), already in `total`: `total` is the
    /// sum of the months' subtotals plus these. Left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub course_discounts: Vec<JsonItem>,
    /// The course total.
    pub total: i64,
    /// Tests the clinic does only if the doctor asks, with their prices: NOT in `total`.
    /// Left out when the sheet has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub as_needed: Vec<JsonAsNeeded>,
    /// With `--optimise`: the plan chosen (cheapest or soonest), its doses and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<JsonPlan>,
    /// With `--optimise`: the cheapest plan of each course length that reaches the target.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<JsonAlternative>,
    /// Tests due in this course that no visit of the plan takes: priced, not in the total.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tests_at_no_visit: Vec<JsonAsNeeded>,
    /// Course length in days.
    pub days: u32,
    /// mg over the course.
    pub cumulative_mg: u64,
    /// mg/kg over the course, or null without a weight.
    pub cumulative_mg_per_kg: Option<f64>,
    /// Capsules of each pack-sold strength bought but not taken after the last dose
    /// (`{"20": 15}`). Left out when the course buys no packs.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub capsules_left: BTreeMap<u32, u32>,
    /// A course under way (`--so-far-mg`): mg and mg/kg taken so far, in the months quoted
    /// and over the whole course; `cumulative_*` above are the whole course's. Left out for a
    /// course not started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<JsonProgress>,
    /// When the cumulative target is reached, or null (`day` 0: already reached by the mg
    /// taken so far).
    pub target_reached: Option<JsonTarget>,
    /// The dates after the course, or null without a start date.
    pub dates: Option<JsonDates>,
    /// Which test falls at which month, with its price.
    pub tests: Vec<JsonTest>,
    /// The course total under the sheet's blood-test schedule and the alternatives.
    pub protocols: Vec<JsonProtocol>,
    /// The screening answers the warnings were drawn from.
    pub screening: JsonScreening,
    /// What the patient's handout says.
    pub cautions: Vec<JsonCaution>,
    /// Rules the plan breaks or comes near.
    pub warnings: Vec<JsonWarning>,
}

/// One month of the course.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonMonth {
    /// 1-based month.
    pub month: u32,
    /// `first`, `return`, or null (the second month of a 2-month visit).
    pub visit: Option<&'static str>,
    /// The kind of this month's visit when it is not in person: a sheet's `[[visit_kinds]]`
    /// code (`telephone`, `online`, …). Left out for a visit in person and a month without a
    /// visit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visit_kind: Option<String>,
    /// The dose as written: `40`, or `20/10` for alternating days.
    pub dose: String,
    /// Mean mg per day: a whole number when it is one (`20`), else a fraction (`7.5`).
    #[serde(serialize_with = "whole_or_fraction")]
    pub daily_mg: f64,
    /// Capsules per day by strength (`{"20": 1}`); two entries for an alternating dose.
    pub capsules_per_day: Vec<BTreeMap<u32, u32>>,
    /// Capsules dispensed for the month, by strength.
    pub capsules: BTreeMap<u32, u32>,
    /// Whole packs bought this month, by strength (`{"20": 1}`; 0 when the capsules in hand
    /// cover the month). Left out when the sheet sells no packs.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub packs: BTreeMap<u32, u32>,
    /// mg taken this month.
    pub mg: u64,
    /// mg from month 1 to the end of this month.
    pub cumulative_mg: u64,
    /// Mean mg/kg/day, or null without a weight.
    pub mg_per_kg_per_day: Option<f64>,
    /// Cumulative mg/kg at the end of this month, or null without a weight.
    pub cumulative_mg_per_kg: Option<f64>,
    /// The priced lines, in print order.
    pub items: Vec<JsonItem>,
    /// The month's total.
    pub subtotal: i64,
}

/// The product a quote is for, on a sheet that sells several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonProduct {
    /// The sheet's `[[products]]` code.
    pub code: String,
    /// Its name in the report's language.
    pub name: String,
}

/// A test done only if needed: priced on the estimate, not in the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonAsNeeded {
    /// The test's name in the report's language.
    pub label: String,
    /// Its price, in minor units.
    pub amount: i64,
}

/// The plan `--optimise` chose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonPlan {
    /// `cheapest` or `soonest`.
    pub goal: crate::optimise::Goal,
    /// The daily dose of each month (`40` or `50/40`).
    pub doses: Vec<String>,
    /// The choice in words, in the report's language.
    pub explanation: String,
}

/// The cheapest plan of one course length.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonAlternative {
    /// Months.
    pub months: u32,
    /// The daily dose of each month.
    pub doses: Vec<String>,
    /// The course total, in minor units.
    pub total: i64,
    /// The 1-based day the target is reached.
    pub target_day: u32,
}

/// One priced line of a month (or a discount on the whole course).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonItem {
    /// `consultation`, `medication`, `blood_test`, `urine_test`, `package`, `tax`,
    /// `shipping`, the clinic's own test or one-off fee code, or a discount's code (a
    /// negative amount).
    pub code: String,
    /// The line's name in the report's language.
    pub label: String,
    /// Amount in minor units.
    pub amount: i64,
}

/// A range of amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct JsonRange {
    /// The lowest.
    pub min: i64,
    /// The highest.
    pub max: i64,
}

/// A course under way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonProgress {
    /// mg taken so far.
    pub so_far_mg: u64,
    /// Days of the course so far.
    pub so_far_days: u32,
    /// mg/kg taken so far (at today's weight), or null without a weight.
    pub so_far_mg_per_kg: Option<f64>,
    /// mg in the months quoted.
    pub rest_mg: u64,
    /// mg/kg in the months quoted, or null.
    pub rest_mg_per_kg: Option<f64>,
    /// mg over the whole course.
    pub course_mg: u64,
    /// Days of the whole course.
    pub course_days: u32,
    /// mg/kg over the whole course, or null.
    pub course_mg_per_kg: Option<f64>,
}

/// When the cumulative target is reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonTarget {
    /// The target, mg/kg.
    pub target_mg_per_kg: f64,
    /// 1-based day of the course.
    pub day: u32,
    /// 1-based month of that day.
    pub month: u32,
    /// The calendar date, or null without a start date.
    pub date: Option<jiff::civil::Date>,
}

/// The dates that follow from the start date, per the clinic's policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonDates {
    /// First day of medication.
    pub start: jiff::civil::Date,
    /// Last day of medication.
    pub last_dose: jiff::civil::Date,
    /// Contraception until (inclusive).
    pub contraception_until: jiff::civil::Date,
    /// No sunburn, laser or light treatment until.
    pub sun_and_laser_until: jiff::civil::Date,
    /// Laser hair removal may resume from.
    pub laser_hair_removal_from: jiff::civil::Date,
    /// Vaccination from.
    pub vaccination_from: jiff::civil::Date,
    /// Elective surgery from.
    pub elective_surgery_from: jiff::civil::Date,
    /// Earliest start of a next course.
    pub next_course_from: jiff::civil::Date,
}

/// A test due at a month's visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonTest {
    /// 1-based month.
    pub month: u32,
    /// Test code.
    pub code: String,
    /// Its price.
    pub amount: i64,
}

/// The course total under one blood-test protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonProtocol {
    /// `sheet`, `monthly`, `monthly_two_then_every_two` or `baseline_then_every_two`.
    pub protocol: &'static str,
    /// Blood tests over the course.
    pub tests: u32,
    /// The course total.
    pub total: i64,
    /// Total minus the sheet's own protocol's total.
    pub difference: i64,
}

/// The screening answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonScreening {
    /// Checklist items answered "yes", by code.
    pub checked: Vec<&'static str>,
    /// Age in years, or null.
    pub age: Option<u32>,
    /// Current medicines by generic name.
    pub medicines: Vec<String>,
}

/// A caution of the patient's handout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonCaution {
    /// Stable code.
    pub code: &'static str,
    /// The text in the report's language.
    pub message: String,
}

/// A warning about the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonWarning {
    /// Stable code (README lists them).
    pub code: &'static str,
    /// `info`, `caution` or `danger`.
    pub severity: &'static str,
    /// The month it concerns, or null.
    pub month: Option<u32>,
    /// The message in the report's language.
    pub message: String,
}

fn whole_or_fraction<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn mix(m: &CapsuleMix) -> BTreeMap<u32, u32> {
    m.0.clone()
}

/// The report of `quote`, with labels and messages in `lang`.
pub fn report(quote: &Quote, suggestion: Option<&super::Suggestion>, lang: Lang) -> JsonReport {
    let est = quote.shown();
    let doses = |d: &[crate::dose::Dose]| d.iter().map(ToString::to_string).collect();
    let months = est
        .months
        .iter()
        .map(|m| JsonMonth {
            month: m.month,
            visit: m.visit.map(|v| match v {
                Visit::First => "first",
                Visit::Return => "return",
            }),
            visit_kind: m.visit_kind.clone(),
            dose: m.dose.to_string(),
            daily_mg: m.daily_mg,
            capsules_per_day: m.capsules_per_day.iter().map(mix).collect(),
            capsules: mix(&m.capsules),
            packs: m.packs.clone(),
            mg: m.mg,
            cumulative_mg: m.cumulative_mg,
            mg_per_kg_per_day: m.mg_per_kg_per_day,
            cumulative_mg_per_kg: m.cumulative_mg_per_kg,
            items: m
                .items
                .iter()
                .map(|it| JsonItem {
                    code: it.code.clone(),
                    label: quote.item_label(m, it, lang),
                    amount: it.amount.0,
                })
                .collect(),
            subtotal: m.subtotal.0,
        })
        .collect();
    let product = quote.product_name(lang).and_then(|name| {
        quote
            .sheet()
            .product(quote.request().choices.product.as_deref())
            .map(|p| JsonProduct {
                code: p.code.clone(),
                name,
            })
    });
    JsonReport {
        currency: est.currency.clone(),
        tax_included: est.tax_included,
        product,
        sex: match est.sex {
            Sex::Female => "female",
            Sex::Male => "male",
        },
        weight_kg: est.weight_kg,
        visit_every: est.visit_every,
        months,
        first_month: est.first_month.0,
        return_months: est.return_months.map(|(lo, hi)| JsonRange {
            min: lo.0,
            max: hi.0,
        }),
        course_discounts: est
            .course_items
            .iter()
            .map(|it| JsonItem {
                code: it.code.clone(),
                label: quote.column_label(&it.code, lang),
                amount: it.amount.0,
            })
            .collect(),
        total: est.total.0,
        as_needed: quote
            .as_needed(lang)
            .into_iter()
            .map(|(label, amount)| JsonAsNeeded {
                label,
                amount: amount.0,
            })
            .collect(),
        plan: suggestion.map(|s| JsonPlan {
            goal: s.goal,
            doses: doses(&s.found.plan(s.goal).doses),
            explanation: s
                .found
                .explain(s.goal, s.target_mg_per_kg, &quote.sheet().currency, lang),
        }),
        alternatives: suggestion
            .map(|s| {
                s.found
                    .frontier
                    .iter()
                    .map(|p| JsonAlternative {
                        months: p.months(),
                        doses: doses(&p.doses),
                        total: p.total.0,
                        target_day: p.target_day,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        tests_at_no_visit: quote
            .tests_at_no_visit(lang)
            .into_iter()
            .map(|(label, amount)| JsonAsNeeded {
                label,
                amount: amount.0,
            })
            .collect(),
        days: est.days,
        cumulative_mg: est.cumulative_mg,
        cumulative_mg_per_kg: est.cumulative_mg_per_kg,
        capsules_left: est.capsules_left.clone(),
        progress: quote.progress().map(|p| JsonProgress {
            so_far_mg: p.so_far_mg,
            so_far_days: p.so_far_days,
            so_far_mg_per_kg: p.so_far_mg_per_kg,
            rest_mg: p.rest_mg,
            rest_mg_per_kg: p.rest_mg_per_kg,
            course_mg: p.course_mg,
            course_days: p.course_days,
            course_mg_per_kg: p.course_mg_per_kg,
        }),
        target_reached: est.target_reached.as_ref().map(|t| JsonTarget {
            target_mg_per_kg: t.target_mg_per_kg,
            day: t.day,
            month: t.month,
            date: t.date,
        }),
        dates: est.dates.as_ref().map(|d| JsonDates {
            start: d.start,
            last_dose: d.last_dose,
            contraception_until: d.contraception_until,
            sun_and_laser_until: d.sun_and_laser_until,
            laser_hair_removal_from: d.laser_hair_removal_from,
            vaccination_from: d.vaccination_from,
            elective_surgery_from: d.elective_surgery_from,
            next_course_from: d.next_course_from,
        }),
        tests: quote
            .tests_due()
            .iter()
            .map(|t| JsonTest {
                month: t.month,
                code: t.code.clone(),
                amount: t.amount.0,
            })
            .collect(),
        protocols: quote
            .protocols()
            .iter()
            .map(|p| JsonProtocol {
                protocol: match p.protocol {
                    Protocol::Sheet => "sheet",
                    Protocol::Monthly => "monthly",
                    Protocol::MonthlyTwoThenEveryTwo => "monthly_two_then_every_two",
                    Protocol::BaselineThenEveryTwo => "baseline_then_every_two",
                },
                tests: p.tests,
                total: p.total.0,
                difference: p.difference.0,
            })
            .collect(),
        screening: JsonScreening {
            checked: est.screening.checked.iter().map(|c| c.code()).collect(),
            age: est.screening.age,
            medicines: est.screening.medicines.clone(),
        },
        cautions: quote
            .cautions()
            .iter()
            .map(|c| JsonCaution {
                code: c.code,
                message: c.message(lang),
            })
            .collect(),
        warnings: est
            .warnings
            .iter()
            .map(|w| JsonWarning {
                code: w.code,
                severity: match w.severity {
                    Severity::Info => "info",
                    Severity::Caution => "caution",
                    Severity::Danger => "danger",
                },
                month: w.month,
                message: w.message(lang),
            })
            .collect(),
    }
}

/// The report of `quote` as pretty-printed JSON text, ending in a newline.
pub fn to_text(
    quote: &Quote,
    suggestion: Option<&super::Suggestion>,
    lang: Lang,
) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(&report(quote, suggestion, lang))?;
    s.push('\n');
    Ok(s)
}
