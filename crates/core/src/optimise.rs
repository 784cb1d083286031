//! The plan optimiser (issue 21): for a patient's weight and cumulative target, the cheapest
//! plan that reaches the target, the soonest, and the cheapest plan of each course length
//! (the frontier) — over doses of whole capsules (alternating pairs where the sheet allows
//! them), changed only at month boundaries, within the doctor's limits.
//!
//! Exact: every month is priced by the estimate's own month steps ([`Pricer`]), and the
//! search is a dynamic programme over what a month's price can depend on — the month, its
//! dose and the capsules in hand — plus what the rules need (the mg so far, the last dose when
//! doses may only rise). A month's price depends on nothing else, and a course discount is a
//! non-decreasing function of the months' sum, so the cheapest sum at each state is the
//! cheapest course. Each plan found is priced again by [`estimate`] for what it reports.
//!
//! Pure: numbers in, numbers out.

#![warn(clippy::arithmetic_side_effects)]

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::course::SoFar;
use crate::dose::{Dose, target_candidates};
use crate::estimate::{
    CourseRequest, MAX_MONTHS, PlanError, Pricer, check_target, check_weight, estimate,
};
use crate::i18n::{Arg, Lang};
use crate::money::{Currency, Money};
use crate::pricing::{DiscountOn, Fees, PriceSheet};
use crate::rules::MAX_MG_PER_KG_DAY;
use crate::vocab::DAYS_PER_MONTH;

/// The longest course the optimiser searches unless told otherwise, in months.
pub const DEFAULT_MAX_MONTHS: u32 = 8;
/// The highest daily dose the optimiser uses unless told otherwise, mg/kg/day.
pub const DEFAULT_MAX_MG_PER_KG_DAY: f64 = 1.0;
/// The highest month-1 dose unless told otherwise, mg/kg/day (start low).
pub const DEFAULT_START_MG_PER_KG_DAY: f64 = 0.5;

/// What the doctor allows and aims for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Limits {
    /// Body weight, kg.
    pub weight_kg: f64,
    /// The cumulative target, mg/kg.
    pub target_mg_per_kg: f64,
    /// The longest course, in months (1–24).
    pub max_months: u32,
    /// The highest daily dose, mg/kg/day (a day's dose: an alternating pair's heavier day),
    /// never above the 2.0 label maximum.
    pub max_mg_per_kg_day: f64,
    /// The highest dose in month 1, mg/kg/day.
    pub start_mg_per_kg_day: f64,
    /// Whether a month's dose may only be the same as or above the month before's (by mg a
    /// month).
    pub rising_only: bool,
}

impl Limits {
    /// The defaults for a weight and target: 8 months, 1.0 mg/kg/day, month 1 at most
    /// 0.5 mg/kg/day, doses only rising.
    pub fn new(weight_kg: f64, target_mg_per_kg: f64) -> Limits {
        Limits {
            weight_kg,
            target_mg_per_kg,
            max_months: DEFAULT_MAX_MONTHS,
            max_mg_per_kg_day: DEFAULT_MAX_MG_PER_KG_DAY,
            start_mg_per_kg_day: DEFAULT_START_MG_PER_KG_DAY,
            rising_only: true,
        }
    }
}

/// Which plan to choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// The cheapest plan that reaches the target (ties: fewer months, then a lower peak).
    Cheapest,
    /// The fewest days to the target (ties: cheaper, then a lower peak).
    Soonest,
}

/// One plan found, as its estimate prices it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The daily dose of each month.
    pub doses: Vec<Dose>,
    /// The course total (the estimate's).
    pub total: Money,
    /// The 1-based day of the course on which the target is reached.
    pub target_day: u32,
    /// The heaviest day's dose, mg.
    pub peak_mg: u32,
}

impl Plan {
    /// Months in the plan.
    pub fn months(&self) -> u32 {
        u32::try_from(self.doses.len()).unwrap_or(u32::MAX)
    }
}

/// What the optimiser found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Optimised {
    /// The cheapest plan.
    pub cheapest: Plan,
    /// The soonest plan.
    pub soonest: Plan,
    /// For each course length that can reach the target, its cheapest plan, shortest first.
    pub frontier: Vec<Plan>,
    /// The cheapest plan of one dose all through that reaches the target within the same
    /// limits (month 1's included), if there is one: what the explanation compares with.
    pub constant: Option<Plan>,
}

/// Why no plan can be found.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptimiseError {
    /// The request cannot be priced at all (an unknown choice, a bad weight …).
    #[error("{0}")]
    Plan(#[from] PlanError),
    /// A limit out of range.
    #[error(
        "the optimiser's limits are not usable: at most {max_months} months (1–24), a highest dose above 0 and at most 2.0 mg/kg/day, a month-1 dose above 0"
    )]
    Limits {
        /// As asked.
        max_months: u32,
    },
    /// No dose within the limits can be made from the sheet's capsules (or packages).
    #[error(
        "no dose the clinic sells is within {max_mg} mg a day (the month-1 limit: {start_mg} mg)"
    )]
    NoDose {
        /// The highest daily dose allowed, mg.
        max_mg: u32,
        /// The month-1 limit, mg.
        start_mg: u32,
    },
    /// No plan within the limits reaches the target.
    #[error(
        "no plan of at most {max_months} months within these limits reaches {target} mg/kg: allow more months or a higher dose"
    )]
    Unreachable {
        /// The target, mg/kg.
        target: f64,
        /// The longest course allowed.
        max_months: u32,
    },
}

impl OptimiseError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            OptimiseError::Plan(e) => e.code(),
            OptimiseError::Limits { .. } => "optimise_limits",
            OptimiseError::NoDose { .. } => "optimise_no_dose",
            OptimiseError::Unreachable { .. } => "optimise_unreachable",
        }
    }

    /// The message in `lang`.
    pub fn explain(&self, lang: Lang) -> String {
        let n = |v: u32| Arg::Num(f64::from(v));
        match self {
            OptimiseError::Plan(e) => e.explain(lang),
            OptimiseError::Limits { max_months } => {
                lang.tr_args("err-optimise-limits", &[("months", n(*max_months))])
            }
            OptimiseError::NoDose { max_mg, start_mg } => lang.tr_args(
                "err-optimise-no-dose",
                &[("max", n(*max_mg)), ("start", n(*start_mg))],
            ),
            OptimiseError::Unreachable { target, max_months } => lang.tr_args(
                "err-optimise-unreachable",
                &[
                    ("target", Arg::Str(crate::rules::fmt_mgkg(*target))),
                    ("months", n(*max_months)),
                ],
            ),
        }
    }
}

/// The capsules in hand, as counts for the sheet's pack-sold strengths in order.
type Hand = Vec<u32>;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct State {
    /// mg taken so far.
    cum: u64,
    /// The index of the last month's dose (when doses may only rise; else 0).
    last: usize,
    hand: Hand,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The months' sum so far.
    cost: Money,
    /// The heaviest day so far, mg.
    peak: u32,
    /// Index of the state before, in the layer before, and the dose taken from it.
    back: Option<(usize, usize)>,
}

/// A plan that reaches the target, before it is priced again.
#[derive(Debug, Clone, Copy)]
struct Complete {
    months: usize,
    total: Money,
    peak: u32,
    day: u32,
    back: (usize, usize),
}

/// Finds the cheapest and soonest plans, and the frontier, for `base` (sex, first visit,
/// visit interval, choices: the product, visit kinds — the first N for a plan of N months —
/// and discounts; its doses, weight and target are ignored) on `sheet`, within `limits`.
pub fn optimise(
    sheet: &PriceSheet,
    base: &CourseRequest,
    limits: &Limits,
) -> Result<Optimised, OptimiseError> {
    let w = check_weight(limits.weight_kg)?;
    let target = check_target(limits.target_mg_per_kg)?;
    let sane = |x: f64| x.is_finite() && x > 0.0 && x <= MAX_MG_PER_KG_DAY + 1e-9;
    if !(1..=MAX_MONTHS).contains(&limits.max_months)
        || !sane(limits.max_mg_per_kg_day)
        || !sane(limits.start_mg_per_kg_day)
    {
        return Err(OptimiseError::Limits {
            max_months: limits.max_months,
        });
    }
    let product = base.choices.product.as_deref();
    let priced = sheet
        .for_product(product)
        .ok_or_else(|| PlanError::UnknownChoice {
            what: crate::estimate::Choice::Product,
            code: product.unwrap_or_default().to_string(),
            available: sheet.products.iter().map(|p| p.code.clone()).collect(),
        })?;
    let sheet_p: &PriceSheet = &priced;

    // The doses: whole capsules (pairs where allowed), or a flat sheet's packages.
    let max_mg = (limits.max_mg_per_kg_day * w + 1e-9).floor() as u32;
    let start_mg =
        (limits.start_mg_per_kg_day.min(limits.max_mg_per_kg_day) * w + 1e-9).floor() as u32;
    let mut doses: Vec<Dose> = match &sheet_p.fees {
        Fees::Flat { packages } => packages.iter().map(|p| Dose::daily(p.daily_mg)).collect(),
        Fees::Itemised { .. } => target_candidates(&sheet_p.capsules, sheet_p.alternating_days),
    };
    doses.retain(|d| d.a.max(d.b) <= max_mg && d.a.max(d.b) > 0);
    doses.sort_by_key(|d| (d.mg_over(DAYS_PER_MONTH), d.is_alternating()));
    doses.dedup();
    if !doses.iter().any(|d| d.a.max(d.b) <= start_mg) {
        return Err(OptimiseError::NoDose { max_mg, start_mg });
    }

    let needed = target * w;
    let max_months = limits.max_months as usize;
    // Course lengths priced alike: a price with `min_months` splits them at its threshold.
    let mut cuts: Vec<usize> = sheet_p
        .packs
        .values()
        .map(|p| p.min_months as usize)
        .chain(match &sheet_p.fees {
            Fees::Flat { packages } => packages.iter().map(|p| p.min_months as usize).collect(),
            Fees::Itemised { .. } => Vec::new(),
        })
        .filter(|m| (2..=max_months).contains(m))
        .collect();
    cuts.push(1);
    cuts.sort_unstable();
    cuts.dedup();
    let mut by_length: Vec<(Complete, Vec<Dose>)> = Vec::new();
    let mut soonest: Option<(Complete, Vec<Dose>)> = None;
    for (i, shortest) in cuts.iter().copied().enumerate() {
        let longest = cuts.get(i + 1).map_or(max_months, |next| next - 1);
        let (sheet_c, _) = crate::estimate::for_course(sheet_p, shortest as u32);
        let found = search(
            &sheet_c, base, limits, &doses, start_mg, needed, shortest, longest,
        )?;
        by_length.extend(found.by_length);
        if let Some(s) = found.soonest
            && soonest.as_ref().is_none_or(|(b, _)| {
                (s.0.day, s.0.total, s.0.peak, s.0.months) < (b.day, b.total, b.peak, b.months)
            })
        {
            soonest = Some(s);
        }
    }
    let unreachable = OptimiseError::Unreachable {
        target,
        max_months: limits.max_months,
    };
    let (_, soonest) = soonest.ok_or(unreachable.clone())?;
    let (_, cheapest) = by_length
        .iter()
        .min_by_key(|(c, _)| (c.total, c.months, c.peak))
        .cloned()
        .ok_or(unreachable)?;
    let mut req = base.clone();
    req.weight_kg = Some(w);
    req.target_mg_per_kg = Some(target);
    let min_months = sheet_p
        .discounts
        .iter()
        .filter(|d| req.choices.discounts.contains(&d.code))
        .filter_map(|d| match d.on {
            DiscountOn::Month(m) => Some(m as usize),
            _ => None,
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let price = |plan_doses: Vec<Dose>| -> Result<Plan, OptimiseError> {
        let mut r = req.clone();
        let months = plan_doses.len();
        r.doses = plan_doses;
        r.choices.visit_kinds.truncate(months);
        let est = estimate(sheet, &r)?;
        let peak = r.doses.iter().map(|d| d.a.max(d.b)).max().unwrap_or(0);
        Ok(Plan {
            total: est.total,
            target_day: est.target_reached.map_or(0, |t| t.day),
            peak_mg: peak,
            doses: r.doses,
        })
    };
    let frontier = by_length
        .into_iter()
        .map(|(_, d)| price(d))
        .collect::<Result<Vec<_>, _>>()?;
    // The cheapest constant plan within the same limits (month 1's included).
    let mut constant: Option<Plan> = None;
    for dose in doses.iter().filter(|d| d.a.max(d.b) <= start_mg) {
        let month = dose.mg_over(DAYS_PER_MONTH) as f64;
        let months = ((needed - 1e-6) / month).ceil().max(1.0) as usize;
        if months > max_months || months < min_months {
            continue;
        }
        let Ok(plan) = price(vec![*dose; months]) else {
            continue;
        };
        if constant
            .as_ref()
            .is_none_or(|c| (plan.total, plan.months()) < (c.total, c.months()))
        {
            constant = Some(plan);
        }
    }
    Ok(Optimised {
        cheapest: price(cheapest)?,
        soonest: price(soonest)?,
        frontier,
        constant,
    })
}

/// The best plans of one search: each length's cheapest, and the soonest.
struct Found {
    by_length: Vec<(Complete, Vec<Dose>)>,
    soonest: Option<(Complete, Vec<Dose>)>,
}

/// The dynamic programme over plans of `shortest…longest` months on `sheet_c` (the sheet as
/// priced for courses of those lengths), from the candidate `doses`.
#[expect(clippy::too_many_arguments, reason = "one search's inputs, named")]
fn search(
    sheet_c: &PriceSheet,
    base: &CourseRequest,
    limits: &Limits,
    doses: &[Dose],
    start_mg: u32,
    needed: f64,
    shortest: usize,
    longest: usize,
) -> Result<Found, OptimiseError> {
    let (w, target) = (limits.weight_kg, limits.target_mg_per_kg);
    // The months laid out once for the longest plan: a shorter plan's months are its first
    // ones (a month's visit, kind and tests do not depend on the plan's length).
    let mut req = base.clone();
    req.doses = vec![doses[0]; longest];
    req.weight_kg = Some(w);
    req.target_mg_per_kg = Some(target);
    req.choices.visit_kinds.truncate(longest);
    let pricer = Pricer::new(sheet_c, &req, &SoFar::default(), DAYS_PER_MONTH, false)?;
    // A plan shorter than a chosen month discount's month would be refused by the estimate.
    let min_months = sheet_c
        .discounts
        .iter()
        .filter(|d| req.choices.discounts.contains(&d.code))
        .filter_map(|d| match d.on {
            DiscountOn::Month(m) => Some(m as usize),
            _ => None,
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let strengths: Vec<u32> = sheet_c.packs.keys().copied().collect();
    let to_map = |hand: &Hand| -> BTreeMap<u32, u32> {
        strengths
            .iter()
            .copied()
            .zip(hand.iter().copied())
            .collect()
    };
    let to_hand = |map: &BTreeMap<u32, u32>| -> Hand {
        strengths
            .iter()
            .map(|mg| map.get(mg).copied().unwrap_or(0))
            .collect()
    };
    // A month's price for a dose and the capsules in hand, computed once.
    // `None`: the dose cannot be bought in a course of this length (a price that holds only
    // for longer courses, a package missing).
    let mut memo: HashMap<(usize, usize, Hand), Option<(Money, Hand)>> = HashMap::new();
    let mut month_cost = |i: usize,
                          d: usize,
                          hand: &Hand|
     -> Result<Option<(Money, Hand)>, PlanError> {
        if let Some(hit) = memo.get(&(i, d, hand.clone())) {
            return Ok(hit.clone());
        }
        let mut map = to_map(hand);
        let out = match pricer.price_month(&pricer.frames[i], doses[d], &mut map) {
            Ok(m) => Some((m.subtotal, to_hand(&map))),
            Err(
                PlanError::Dose { .. } | PlanError::NoPackage { .. } | PlanError::MinMonths { .. },
            ) => None,
            Err(e) => return Err(e),
        };
        memo.insert((i, d, hand.clone()), out.clone());
        Ok(out)
    };

    let reached = |cum: u64| cum as f64 + 1e-6 >= needed;
    let month_mg: Vec<u64> = doses.iter().map(|d| d.mg_over(DAYS_PER_MONTH)).collect();
    let start = State {
        cum: 0,
        last: 0,
        hand: to_hand(&pricer.in_hand),
    };
    let mut layers: Vec<Vec<(State, Node)>> = vec![vec![(
        start,
        Node {
            cost: Money::ZERO,
            peak: 0,
            back: None,
        },
    )]];
    let mut complete: Vec<Complete> = Vec::new();
    for n in 1..=longest {
        let mut next: Vec<(State, Node)> = Vec::new();
        let mut index: HashMap<State, usize> = HashMap::new();
        let Some(before) = layers.last() else {
            break;
        };
        for (si, (state, node)) in before.iter().enumerate() {
            for (d, dose) in doses.iter().enumerate() {
                let heavier = dose.a.max(dose.b);
                if n == 1 && heavier > start_mg {
                    continue;
                }
                if limits.rising_only && n > 1 && month_mg[d] < month_mg[state.last] {
                    continue;
                }
                let Some((cost_m, hand)) = month_cost(n - 1, d, &state.hand)? else {
                    continue;
                };
                let cost = node.cost.plus(cost_m).map_err(PlanError::from)?;
                let cum = state.cum.saturating_add(month_mg[d]);
                let peak = node.peak.max(heavier);
                if reached(cum) {
                    if n >= min_months && n >= shortest {
                        let (total, _) = pricer.course_discounts(cost)?;
                        let before_mg = state.cum as f64;
                        let day = day_within(*dose, needed - before_mg);
                        #[expect(
                            clippy::arithmetic_side_effects,
                            reason = "n ≤ 24 months of 30 days"
                        )]
                        let day = (n as u32 - 1) * DAYS_PER_MONTH + day;
                        complete.push(Complete {
                            months: n,
                            total,
                            peak,
                            day,
                            back: (si, d),
                        });
                    }
                    continue;
                }
                let s = State {
                    cum,
                    last: if limits.rising_only { d } else { 0 },
                    hand,
                };
                let node = Node {
                    cost,
                    peak,
                    back: Some((si, d)),
                };
                match index.get(&s) {
                    Some(&k) => {
                        let old = &mut next[k].1;
                        if (node.cost, node.peak) < (old.cost, old.peak) {
                            *old = node;
                        }
                    }
                    None => {
                        index.insert(s.clone(), next.len());
                        next.push((s, node));
                    }
                }
            }
        }
        layers.push(next);
    }

    let doses_of = |c: &Complete| -> Vec<Dose> {
        let mut out = vec![doses[c.back.1]];
        let mut at = (c.months - 1, c.back.0);
        while let Some((prev, d)) = layers[at.0][at.1].1.back {
            out.push(doses[d]);
            at = (at.0 - 1, prev);
        }
        out.reverse();
        out
    };
    let mut best_by_len: BTreeMap<usize, Complete> = BTreeMap::new();
    for c in &complete {
        let better = best_by_len
            .get(&c.months)
            .is_none_or(|b| (c.total, c.peak) < (b.total, b.peak));
        if better {
            best_by_len.insert(c.months, *c);
        }
    }
    let soonest = complete
        .iter()
        .min_by_key(|c| (c.day, c.total, c.peak, c.months))
        .copied();
    Ok(Found {
        by_length: best_by_len.values().map(|c| (*c, doses_of(c))).collect(),
        soonest: soonest.map(|c| (c, doses_of(&c))),
    })
}

/// The 1-based day of a month at `dose` (an alternating dose from its `a` day) on which the
/// mg taken that month reach `still_needed`.
fn day_within(dose: Dose, still_needed: f64) -> u32 {
    let mut taken = 0u64;
    for day in 1..=DAYS_PER_MONTH {
        let mg = if day % 2 == 1 { dose.a } else { dose.b };
        taken = taken.saturating_add(u64::from(mg));
        if taken as f64 + 1e-6 >= still_needed {
            return day;
        }
    }
    DAYS_PER_MONTH
}

impl Optimised {
    /// The plan chosen for `goal`.
    pub fn plan(&self, goal: Goal) -> &Plan {
        match goal {
            Goal::Cheapest => &self.cheapest,
            Goal::Soonest => &self.soonest,
        }
    }

    /// The choice in words the desk can repeat: the doses month by month, the day the target
    /// is reached and how it compares — the cheapest with the cheapest plan of one dose all
    /// through, the soonest with the cheapest.
    pub fn explain(
        &self,
        goal: Goal,
        target_mg_per_kg: f64,
        currency: &Currency,
        lang: Lang,
    ) -> String {
        let plan = self.plan(goal);
        let reaches = lang.tr_args(
            "opt-reaches",
            &[
                ("plan", Arg::Str(describe(&plan.doses, lang))),
                ("target", Arg::Str(crate::rules::fmt_mgkg(target_mg_per_kg))),
                ("day", Arg::Num(f64::from(plan.target_day))),
            ],
        );
        let money = |m: Money| Arg::Str(currency.format(m, lang));
        let versus = match goal {
            Goal::Cheapest => self
                .constant
                .as_ref()
                .filter(|c| c.doses != plan.doses)
                .map(|c| {
                    let saved = c.total.minus(plan.total).unwrap_or(Money::ZERO);
                    if saved > Money::ZERO {
                        lang.tr_args(
                            "opt-less-than",
                            &[
                                ("amount", money(saved)),
                                ("other", Arg::Str(describe(&c.doses, lang))),
                            ],
                        )
                    } else {
                        lang.tr_args(
                            "opt-same-as",
                            &[("other", Arg::Str(describe(&c.doses, lang)))],
                        )
                    }
                }),
            Goal::Soonest => (self.cheapest.doses != plan.doses).then(|| {
                let more = plan.total.minus(self.cheapest.total).unwrap_or(Money::ZERO);
                lang.tr_args(
                    "opt-sooner-than",
                    &[
                        (
                            "days",
                            Arg::Num(f64::from(
                                self.cheapest.target_day.saturating_sub(plan.target_day),
                            )),
                        ),
                        ("amount", money(more)),
                    ],
                )
            }),
        };
        match versus {
            Some(v) => lang.tr_args(
                "opt-sentence",
                &[("reaches", Arg::Str(reaches)), ("versus", Arg::Str(v))],
            ),
            None => reaches,
        }
    }
}

/// Doses month by month in runs: "20 mg for 1 month, then 40 mg for 5 months".
pub fn describe(doses: &[Dose], lang: Lang) -> String {
    let mut runs: Vec<(Dose, u32)> = Vec::new();
    for d in doses {
        match runs.last_mut() {
            Some((last, n)) if last == d => *n = n.saturating_add(1),
            _ => runs.push((*d, 1)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|(d, n)| {
            lang.tr_args(
                "opt-run",
                &[
                    ("dose", Arg::Str(d.to_string())),
                    ("months", Arg::Num(f64::from(*n))),
                ],
            )
        })
        .collect();
    parts.join(&lang.tr("opt-then"))
}
