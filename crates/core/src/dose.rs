//! Dose arithmetic: daily doses (constant or alternating day by day), the cheapest mix of
//! whole capsules, mg/kg, and the daily dose that reaches a cumulative target.
//!
//! Pure arithmetic: no IO, no money formatting.

#![warn(clippy::arithmetic_side_effects)]

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::money::Money;
use crate::pricing::Capsule;

/// The largest daily dose the planner accepts (mg). The highest seen in Japanese practice is
/// 140 mg/day and the maximum is 2 mg/kg/day; anything above 300 mg/day is a typing error.
pub const MAX_DAILY_MG: u32 = 300;

/// A daily dose: the same every day, or alternating day by day between two amounts
/// (`10/20` = 15 mg/day on average; `20/0` = 20 mg every other day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct Dose {
    /// mg on odd days (day 1, 3, 5 …).
    pub a: u32,
    /// mg on even days; equal to `a` for a constant dose.
    pub b: u32,
}

impl Dose {
    /// The same dose every day.
    pub fn daily(mg: u32) -> Dose {
        Dose { a: mg, b: mg }
    }

    /// Whether the dose alternates between two amounts.
    pub fn is_alternating(self) -> bool {
        self.a != self.b
    }

    /// Mean mg per day.
    pub fn mean_mg(self) -> f64 {
        (f64::from(self.a) + f64::from(self.b)) / 2.0
    }

    /// mg taken over `days` days, starting with an `a` day.
    #[expect(
        clippy::arithmetic_side_effects,
        reason = "in u64, each product is below 2^31 × 2^32 = 2^63, so their sum is below 2^64"
    )]
    pub fn mg_over(self, days: u32) -> u64 {
        let a_days = u64::from(days.div_ceil(2));
        let b_days = u64::from(days / 2);
        a_days * u64::from(self.a) + b_days * u64::from(self.b)
    }

    /// Parses `40`, `10/20` or `20/0` (mg per day). Whitespace and a trailing `mg` are allowed.
    pub fn parse(text: &str) -> Result<Dose, DoseError> {
        let t = text.trim();
        let t = t.strip_suffix("mg").unwrap_or(t).trim();
        let num = |s: &str| -> Result<u32, DoseError> {
            let s = s.trim();
            s.parse::<u32>()
                .map_err(|_| DoseError::NotADose(text.trim().to_string()))
        };
        let dose = match t.split_once('/') {
            Some((a, b)) => Dose {
                a: num(a)?,
                b: num(b)?,
            },
            None => Dose::daily(num(t)?),
        };
        if dose.a == 0 && dose.b == 0 {
            return Err(DoseError::Zero);
        }
        if dose.a.max(dose.b) > MAX_DAILY_MG {
            return Err(DoseError::Absurd(dose.a.max(dose.b)));
        }
        // Start on the larger amount: `0/20` means the same as `20/0`.
        Ok(Dose {
            a: dose.a.max(dose.b),
            b: dose.a.min(dose.b),
        })
    }
}

impl TryFrom<String> for Dose {
    type Error = DoseError;
    fn try_from(s: String) -> Result<Dose, DoseError> {
        Dose::parse(&s)
    }
}

impl fmt::Display for Dose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_alternating() {
            write!(f, "{}/{}", self.a, self.b)
        } else {
            write!(f, "{}", self.a)
        }
    }
}

impl Serialize for Dose {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A dose that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DoseError {
    /// Text that is not a dose.
    #[error(
        "\"{0}\" is not a daily dose: write mg per day such as 40, or two alternating amounts such as 10/20"
    )]
    NotADose(String),
    /// 0 mg.
    #[error("a daily dose of 0 mg is not a dose")]
    Zero,
    /// Above [`MAX_DAILY_MG`].
    #[error(
        "{0} mg/day is far above any dose in use (the planner accepts at most {MAX_DAILY_MG} mg/day)"
    )]
    Absurd(u32),
    /// The capsules cannot make it without splitting one.
    #[error("{mg} mg cannot be made from whole capsules of {}: capsules are never split", list_mg(.strengths))]
    NotMakeable {
        /// The amount asked for.
        mg: u32,
        /// The strengths on the sheet.
        strengths: Vec<u32>,
    },
}

fn list_mg(strengths: &[u32]) -> String {
    let v: Vec<String> = strengths.iter().map(|s| format!("{s} mg")).collect();
    v.join(" and ")
}

/// Whole capsules making up one day's amount: strength (mg) → count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct CapsuleMix(pub BTreeMap<u32, u32>);

impl CapsuleMix {
    /// mg in the mix.
    pub fn mg(&self) -> u32 {
        // A mix the planner makes holds at most a month of 300 mg days: this never saturates.
        self.0.iter().fold(0u32, |sum, (mg, n)| {
            sum.saturating_add(mg.saturating_mul(*n))
        })
    }

    /// Number of capsules.
    pub fn count(&self) -> u32 {
        self.0.values().fold(0u32, |sum, n| sum.saturating_add(*n))
    }

    /// Price of the mix, given the capsules' prices (unpriced capsules count as 0); an error
    /// when it does not fit.
    pub fn price(&self, capsules: &[Capsule]) -> Result<Money, crate::money::Overflow> {
        let lines = self.0.iter().map(|(mg, n)| {
            let price = capsules
                .iter()
                .find(|c| c.mg == *mg)
                .and_then(|c| c.price)
                .unwrap_or(Money::ZERO);
            price.times(u64::from(*n))
        });
        Money::sum(lines.collect::<Result<Vec<_>, _>>()?)
    }

    /// `n` times this mix (counts saturate; a month's mix is a few thousand capsules).
    pub fn times(&self, n: u32) -> CapsuleMix {
        CapsuleMix(
            self.0
                .iter()
                .map(|(mg, c)| (*mg, c.saturating_mul(n)))
                .collect(),
        )
    }

    /// The sum of two mixes.
    pub fn plus(&self, other: &CapsuleMix) -> CapsuleMix {
        let mut out = self.0.clone();
        for (mg, n) in &other.0 {
            let count = out.entry(*mg).or_insert(0);
            *count = count.saturating_add(*n);
        }
        out.retain(|_, n| *n > 0);
        CapsuleMix(out)
    }

    /// `20 mg × 2 + 10 mg × 1`, largest first.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .rev()
            .filter(|(_, n)| **n > 0)
            .map(|(mg, n)| format!("{mg} mg × {n}"))
            .collect();
        if parts.is_empty() {
            "—".to_string()
        } else {
            parts.join(" + ")
        }
    }
}

/// The cheapest mix of whole capsules giving exactly `mg`; among equally cheap mixes the one
/// with fewest capsules, then the one using larger capsules. `0 mg` is the empty mix.
#[expect(
    clippy::arithmetic_side_effects,
    reason = "every index and count is at most mg ≤ MAX_DAILY_MG (checked first): x − step only \
              when step ≤ x, and the way back subtracts the step recorded for that x"
)]
pub fn cheapest_mix(mg: u32, capsules: &[Capsule]) -> Result<CapsuleMix, DoseError> {
    let not_makeable = || DoseError::NotMakeable {
        mg,
        strengths: capsules.iter().map(|c| c.mg).collect(),
    };
    if mg > MAX_DAILY_MG {
        return Err(DoseError::Absurd(mg));
    }
    let n = mg as usize;
    // best[x] = (cost, capsule count, capsule chosen last) for exactly x mg.
    let mut best: Vec<Option<(i64, u32, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0, usize::MAX));
    // Larger strengths first so ties keep the larger capsule.
    let mut order: Vec<usize> = (0..capsules.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(capsules[i].mg));
    for x in 1..=n {
        for &i in &order {
            let c = &capsules[i];
            let step = c.mg as usize;
            if step == 0 || step > x {
                continue;
            }
            if let Some((cost, count, _)) = best[x - step] {
                // Saturating: prices are capped at parse time (`money::MAX_PRICE`), so this
                // never saturates for a parsed sheet; the exact price is computed, checked,
                // by `CapsuleMix::price`.
                let cand = (
                    cost.saturating_add(c.price.unwrap_or(Money::ZERO).0),
                    count + 1,
                    i,
                );
                let better = match best[x] {
                    None => true,
                    Some((bc, bn, _)) => (cand.0, cand.1) < (bc, bn),
                };
                if better {
                    best[x] = Some(cand);
                }
            }
        }
    }
    best[n].ok_or_else(not_makeable)?;
    let mut mix = BTreeMap::new();
    let mut x = n;
    while x > 0 {
        let Some((_, _, i)) = best[x] else {
            return Err(not_makeable());
        };
        *mix.entry(capsules[i].mg).or_insert(0) += 1;
        x -= capsules[i].mg as usize;
    }
    Ok(CapsuleMix(mix))
}

/// The daily doses the capsules can make, from the smallest up to [`MAX_DAILY_MG`].
pub fn makeable_doses(capsules: &[Capsule]) -> Vec<u32> {
    (1..=MAX_DAILY_MG)
        .filter(|mg| cheapest_mix(*mg, capsules).is_ok())
        .collect()
}

/// mg per kg of body weight.
pub fn per_kg(mg: f64, weight_kg: f64) -> f64 {
    mg / weight_kg
}

/// The constant daily dose, made of whole capsules, that reaches `target_mg_per_kg` over
/// `days` days at `weight_kg`: [`solve_target_dose`] without alternating pairs.
///
/// Rounding rule: the smallest dose the capsules can make whose cumulative dose reaches the
/// target (rounded **up** to the next makeable dose), so the course never falls short of it.
/// Fails when even [`MAX_DAILY_MG`] does not reach it.
pub fn dose_for_target(
    target_mg_per_kg: f64,
    weight_kg: f64,
    days: u32,
    capsules: &[Capsule],
) -> Result<u32, DoseError> {
    solve_target_dose(target_mg_per_kg, weight_kg, days, capsules, false).map(|d| d.a)
}

/// The daily dose, made of whole capsules, that reaches `target_mg_per_kg` over `days` days
/// at `weight_kg`, with alternating day pairs when `allow_alternating` (the sheet's
/// `[dosing] alternating_days`).
///
/// The candidates are the constant makeable doses and, when allowed, the pairs `a/b` of a
/// makeable dose `a` and the next makeable dose below it `b` (e.g. `50/40` from 10 and 20 mg
/// capsules), taken from an `a` day. The answer is the candidate with the smallest mean
/// daily dose whose cumulative dose over `days` reaches the target; on a tie of means the
/// constant dose. Fails when no candidate up to [`MAX_DAILY_MG`] reaches it.
pub fn solve_target_dose(
    target_mg_per_kg: f64,
    weight_kg: f64,
    days: u32,
    capsules: &[Capsule],
    allow_alternating: bool,
) -> Result<Dose, DoseError> {
    let needed_mg = target_mg_per_kg * weight_kg;
    // A millionth of a mg of tolerance absorbs float noise in target × weight.
    let reaches = |d: &Dose| d.mg_over(days) as f64 + 1e-6 >= needed_mg;
    target_candidates(capsules, allow_alternating)
        .into_iter()
        .find(reaches)
        .ok_or(DoseError::Absurd(
            (needed_mg / f64::from(days.max(1))).ceil() as u32,
        ))
}

/// The candidates of [`solve_target_dose`], by mean daily dose (compared exactly as `a + b`),
/// a constant dose before a pair of the same mean. (With neighbouring doses a pair's mean
/// lies strictly between two makeable doses, so the tie rule is a safeguard.)
pub(crate) fn target_candidates(capsules: &[Capsule], allow_alternating: bool) -> Vec<Dose> {
    let makeable = makeable_doses(capsules);
    let mut out: Vec<Dose> = makeable.iter().map(|mg| Dose::daily(*mg)).collect();
    if allow_alternating {
        out.extend(makeable.windows(2).map(|w| Dose { a: w[1], b: w[0] }));
    }
    // Both amounts are at most MAX_DAILY_MG: the sum never overflows.
    out.sort_by_key(|d| (d.a.saturating_add(d.b), d.is_alternating()));
    out
}

impl DoseError {
    /// Stable code: `not_a_dose`, `zero_dose`, `absurd_dose` or `not_makeable`.
    pub fn code(&self) -> &'static str {
        match self {
            DoseError::NotADose(_) => "not_a_dose",
            DoseError::Zero => "zero_dose",
            DoseError::Absurd(_) => "absurd_dose",
            DoseError::NotMakeable { .. } => "not_makeable",
        }
    }

    /// The message in `lang` (the `Display` form is English, for the command line).
    pub fn explain(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Arg;
        match self {
            DoseError::NotADose(s) => {
                lang.tr_args("err-not-a-dose", &[("text", Arg::Str(s.clone()))])
            }
            DoseError::Zero => lang.tr("err-zero-dose"),
            DoseError::Absurd(mg) => lang.tr_args(
                "err-absurd-dose",
                &[
                    ("mg", Arg::Num(f64::from(*mg))),
                    ("max", Arg::Num(f64::from(MAX_DAILY_MG))),
                ],
            ),
            DoseError::NotMakeable { mg, strengths } => lang.tr_args(
                "err-not-makeable",
                &[
                    ("mg", Arg::Num(f64::from(*mg))),
                    (
                        "strengths",
                        Arg::Str(
                            strengths
                                .iter()
                                .map(|s| format!("{s} mg"))
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    ),
                ],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ref_caps() -> Vec<Capsule> {
        vec![
            Capsule {
                mg: 10,
                price: Some(Money(308)),
            },
            Capsule {
                mg: 20,
                price: Some(Money(418)),
            },
        ]
    }

    #[test]
    fn parses_doses() {
        assert_eq!(Dose::parse("40").unwrap(), Dose::daily(40));
        assert_eq!(Dose::parse(" 40 mg ").unwrap(), Dose::daily(40));
        assert_eq!(Dose::parse("10/20").unwrap(), Dose { a: 20, b: 10 });
        assert_eq!(Dose::parse("0/20").unwrap(), Dose { a: 20, b: 0 });
        assert_eq!(Dose::parse("0"), Err(DoseError::Zero));
        assert_eq!(Dose::parse("0/0"), Err(DoseError::Zero));
        assert!(matches!(Dose::parse("-10"), Err(DoseError::NotADose(_))));
        assert!(matches!(Dose::parse("abc"), Err(DoseError::NotADose(_))));
        assert!(matches!(Dose::parse("12.5"), Err(DoseError::NotADose(_))));
        assert_eq!(Dose::parse("5000"), Err(DoseError::Absurd(5000)));
        assert_eq!(Dose::parse("10/20").unwrap().to_string(), "20/10");
        assert_eq!(Dose::parse("10/20").unwrap().mean_mg(), 15.0);
        assert_eq!(Dose::parse("20/0").unwrap().mg_over(30), 300);
    }

    #[test]
    fn cheapest_mix_on_reference_capsules() {
        let c = ref_caps();
        let mix = |mg| cheapest_mix(mg, &c).unwrap().describe();
        assert_eq!(mix(10), "10 mg × 1");
        assert_eq!(mix(20), "20 mg × 1");
        assert_eq!(mix(30), "20 mg × 1 + 10 mg × 1");
        assert_eq!(mix(40), "20 mg × 2");
        assert_eq!(mix(60), "20 mg × 3");
        assert_eq!(mix(0), "—");
        assert!(matches!(
            cheapest_mix(15, &c),
            Err(DoseError::NotMakeable { mg: 15, .. })
        ));
    }

    #[test]
    fn cheaper_small_capsules_win_when_priced_so() {
        let c = vec![
            Capsule {
                mg: 10,
                price: Some(Money(100)),
            },
            Capsule {
                mg: 20,
                price: Some(Money(500)),
            },
        ];
        assert_eq!(cheapest_mix(40, &c).unwrap().describe(), "10 mg × 4");
    }

    #[test]
    fn target_dose_rounds_up_to_a_makeable_dose() {
        let c = ref_caps();
        // domain.md: 60 kg, 120 mg/kg over 180 days ⇒ 40 mg/day.
        assert_eq!(dose_for_target(120.0, 60.0, 180, &c).unwrap(), 40);
        // 55 kg × 150 = 8,250 mg / 180 = 45.8 ⇒ 50.
        assert_eq!(dose_for_target(150.0, 55.0, 180, &c).unwrap(), 50);
        assert!(dose_for_target(220.0, 200.0, 30, &c).is_err());
    }

    #[test]
    fn target_solve_may_use_alternating_pairs() {
        let c = ref_caps();
        let solve = |t, kg, days, alt| solve_target_dose(t, kg, days, &c, alt).unwrap();
        // 45 kg × 220 mg/kg = 9,900 mg over 8 months = 240 days ⇒ 41.25 mg/day needed.
        // Constant doses: 40 × 240 = 9,600 < 9,900; 50 × 240 = 12,000 (266.7 mg/kg).
        assert_eq!(solve(220.0, 45.0, 240, false), Dose::daily(50));
        // 50/40 (mean 45): 120 × 50 + 120 × 40 = 10,800 mg ≥ 9,900 (240 mg/kg); the pair
        // below it, 40/30 (mean 35), gives 120 × 70 = 8,400 < 9,900.
        assert_eq!(solve(220.0, 45.0, 240, true), Dose { a: 50, b: 40 });
        // 60 kg × 120 = 7,200 mg over 180 days: constant 40 reaches it exactly; no pair of
        // neighbouring doses has mean 40 (40/30 = 35, 50/40 = 45), so 40 either way.
        assert_eq!(solve(120.0, 60.0, 180, true), Dose::daily(40));
        // 60 kg × 90 = 5,400 mg over 180 days is 30 mg/day: constant 30 reaches it exactly
        // and the pair below it, 30/20 (mean 25), gives 90 × 50 = 4,500 < 5,400.
        assert_eq!(solve(90.0, 60.0, 180, true), Dose::daily(30));
        // An odd number of days: 3 days, 100 mg needed. 30/20 gives 30 + 20 + 30 = 80,
        // constant 40 gives 120, 40/30 gives 40 + 30 + 40 = 110 (mean 35 < 40).
        assert_eq!(solve(100.0, 1.0, 3, true), Dose { a: 40, b: 30 });
        assert!(solve_target_dose(220.0, 200.0, 30, &c, true).is_err());
    }
}
