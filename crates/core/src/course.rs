//! Following a course already under way (issue 12): what was taken so far, and the rest of the
//! course re-solved from it — either the smallest dose that still reaches the target by the
//! planned end, or the months a kept dose needs to reach it.
//!
//! Pure: numbers in, numbers out. The estimate counts [`SoFar`] in its cumulative figures.

use serde::{Deserialize, Serialize};

use crate::dose::{Dose, DoseError, solve_target_dose};
use crate::pricing::{AfterLastDose, Capsule};
use crate::vocab::{DAYS_PER_MONTH, Severity, Warning};

/// What the patient took before the months being planned: mg actually taken (the doses of the
/// visits so far × the days taken, less missed days), the days of the course so far, and
/// what the rules that count course months need to carry on where those months left off —
/// the visit kinds so far, the product and the capsules still in hand.
///
/// The course month the quote starts in is [`SoFar::months`] + 1: every rule that counts
/// months (test schedules, once-per-course fees, month discounts, the month-1 rules) counts
/// the months of the course, not of the quote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoFar {
    /// mg taken so far.
    pub mg: u64,
    /// Days of the course so far (0 when unknown).
    #[serde(default)]
    pub days: u32,
    /// What the patient paid so far (the visits' amounts), when known.
    #[serde(default)]
    pub paid: Option<crate::money::Money>,
    /// The kind of each month's visit so far, month 1 first (`in_person` or a sheet's visit
    /// kind), as [`crate::estimate::Choices::visit_kinds`]: months past the list were in
    /// person. Which months had a visit follows the request's `visit_every`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visit_kinds: Vec<String>,
    /// The product of the months so far (`None`: the sheet's first, or the same as the
    /// quote's). Capsules in hand count only for the same product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// Capsules of pack-sold strengths bought and not yet taken (mg → capsules): the months
    /// left buy packs only for what these do not cover.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub in_hand: std::collections::BTreeMap<u32, u32>,
}

/// A stretch of the course at one dose: from a visit to the next, or part of it when the
/// dose changed mid-month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The dose prescribed (an alternating dose starts on its `a` day).
    pub dose: Dose,
    /// Days the period covers.
    pub days: u32,
    /// Days the patient reported missing (no capsule taken).
    pub missed_days: u32,
}

impl SoFar {
    /// What the periods so far add up to: mg = each dose over the days actually taken (days
    /// less missed days), days = the days covered.
    pub fn from_periods(periods: &[Period]) -> SoFar {
        periods.iter().fold(SoFar::default(), |acc, p| SoFar {
            mg: acc
                .mg
                .saturating_add(p.dose.mg_over(p.days.saturating_sub(p.missed_days))),
            days: acc.days.saturating_add(p.days),
            ..acc
        })
    }

    /// Whether anything was taken (a course under way).
    pub fn is_under_way(&self) -> bool {
        self.mg > 0 || self.days > 0
    }

    /// Whole months of the course so far (30 days each; a month begun and not finished does
    /// not count): the quote's month 1 is course month `months() + 1`.
    pub fn months(&self) -> u32 {
        self.days / DAYS_PER_MONTH
    }
}

/// The rest of a course, re-solved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rest {
    /// The mg taken so far already reach the target: no dose is proposed.
    TargetReached,
    /// The smallest dose that reaches the target in the months left.
    Dose {
        /// The dose for every remaining month.
        dose: Dose,
    },
}

/// The mg still needed to reach `target_mg_per_kg` at `weight_kg` after `so_far`; `None` when
/// the target is already reached.
pub fn remaining_mg(target_mg_per_kg: f64, weight_kg: f64, so_far: &SoFar) -> Option<f64> {
    let needed = target_mg_per_kg * weight_kg - so_far.mg as f64;
    // A millionth of a mg absorbs float noise in target × weight.
    (needed > 1e-6).then_some(needed)
}

/// Keep the end date: the smallest makeable dose (alternating pairs when the sheet allows)
/// that reaches the target over `months_left` months after what was taken so far.
pub fn solve_rest(
    target_mg_per_kg: f64,
    weight_kg: f64,
    so_far: &SoFar,
    months_left: u32,
    capsules: &[Capsule],
    allow_alternating: bool,
) -> Result<Rest, DoseError> {
    let Some(needed) = remaining_mg(target_mg_per_kg, weight_kg, so_far) else {
        return Ok(Rest::TargetReached);
    };
    let days = months_left.saturating_mul(DAYS_PER_MONTH);
    // The same solver, asked for the remaining mg as a target per kg.
    let dose = solve_target_dose(
        needed / weight_kg,
        weight_kg,
        days,
        capsules,
        allow_alternating,
    )?;
    Ok(Rest::Dose { dose })
}

/// Keep the dose: the whole months of `dose` needed to reach the target after what was taken
/// so far (0 when it is already reached).
pub fn months_to_reach(target_mg_per_kg: f64, weight_kg: f64, so_far: &SoFar, dose: Dose) -> u32 {
    let Some(needed) = remaining_mg(target_mg_per_kg, weight_kg, so_far) else {
        return 0;
    };
    let month_mg = dose.mg_over(DAYS_PER_MONTH);
    if month_mg == 0 {
        return u32::MAX;
    }
    let months = (needed / month_mg as f64 - 1e-9).ceil();
    if months >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        // In 1..u32::MAX, checked above: the cast is exact.
        months.max(1.0) as u32
    }
}

/// The last day a visit's medication covers: the visit's own day and `days_covered − 1`
/// more (the day before the visit when it handed nothing over).
pub fn last_dose_day(visit: jiff::civil::Date, days_covered: u32) -> Option<jiff::civil::Date> {
    let span = jiff::Span::new()
        .try_days(i64::from(days_covered) - 1)
        .ok()?;
    visit.checked_add(span).ok()
}

/// A second course may start once the clinic's `next_course` months have passed since the
/// previous course's last dose: a warning naming the earliest date when `start` is sooner.
pub fn second_course_warning(
    previous_last_dose: jiff::civil::Date,
    policy: &AfterLastDose,
    start: jiff::civil::Date,
) -> Option<Warning> {
    let months = jiff::Span::new()
        .try_months(i64::from(policy.next_course))
        .ok()?;
    let earliest = previous_last_dose.checked_add(months).ok()?;
    (start < earliest).then(|| Warning {
        code: "second_course_too_soon",
        severity: Severity::Caution,
        month: None,
        args: vec![
            ("last", previous_last_dose.to_string()),
            ("months", policy.next_course.to_string()),
            ("date", earliest.to_string()),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;

    fn caps() -> Vec<Capsule> {
        [(10, 308), (20, 418)]
            .map(|(mg, p)| Capsule {
                mg,
                price: Some(Money(p)),
            })
            .to_vec()
    }

    #[test]
    fn the_issues_example_keeps_the_end_date() {
        // 60 kg, target 120 mg/kg = 7,200 mg; 4,200 mg taken; 3 months (90 days) left →
        // 3,000 mg in 90 days = 33.3 mg/day → 30 mg makes 2,700 (short), 40 mg makes 3,600.
        let so_far = SoFar {
            mg: 4_200,
            days: 120,
            ..SoFar::default()
        };
        assert_eq!(
            solve_rest(120.0, 60.0, &so_far, 3, &caps(), false),
            Ok(Rest::Dose {
                dose: Dose::daily(40)
            })
        );
        // With alternating days: 40/30 = 45 × 40 + 45 × 30 = 3,150 ≥ 3,000, a smaller mean.
        assert_eq!(
            solve_rest(120.0, 60.0, &so_far, 3, &caps(), true),
            Ok(Rest::Dose {
                dose: Dose { a: 40, b: 30 }
            })
        );
    }

    #[test]
    fn missed_days_and_a_dose_changed_mid_month_count_what_was_taken() {
        // Month 1 at 20 mg for 30 days, 3 missed: 27 × 20 = 540. Month 2: 40 mg for 12 days,
        // then 50/40 for 18 days with 2 missed: 12 × 40 = 480, and 16 days from an a-day:
        // 8 × 50 + 8 × 40 = 720. Total 540 + 480 + 720 = 1,740 mg over 60 days.
        let periods = [
            Period {
                dose: Dose::daily(20),
                days: 30,
                missed_days: 3,
            },
            Period {
                dose: Dose::daily(40),
                days: 12,
                missed_days: 0,
            },
            Period {
                dose: Dose { a: 50, b: 40 },
                days: 18,
                missed_days: 2,
            },
        ];
        assert_eq!(
            SoFar::from_periods(&periods),
            SoFar {
                mg: 1_740,
                days: 60,
                ..SoFar::default()
            }
        );
    }

    #[test]
    fn a_target_already_reached_proposes_no_dose() {
        let so_far = SoFar {
            mg: 7_200,
            days: 180,
            ..SoFar::default()
        };
        assert_eq!(
            solve_rest(120.0, 60.0, &so_far, 2, &caps(), false),
            Ok(Rest::TargetReached)
        );
        assert_eq!(months_to_reach(120.0, 60.0, &so_far, Dose::daily(40)), 0);
    }

    #[test]
    fn a_second_course_waits_for_the_clinics_interval() {
        // The reference clinic: next course 2 months after the last dose (2026-05-31) →
        // 2026-07-31 at the earliest.
        let policy = AfterLastDose::default();
        let last = jiff::civil::date(2026, 5, 31);
        let w = second_course_warning(last, &policy, jiff::civil::date(2026, 7, 30)).unwrap();
        assert_eq!(w.code, "second_course_too_soon");
        assert_eq!(w.args[2], ("date", "2026-07-31".to_string()));
        assert_eq!(
            w.message(crate::i18n::Lang::En),
            "A second course should start no sooner than 2 months after the last dose of the previous one (31 May 2026): from 31 Jul 2026."
        );
        assert!(
            w.message(crate::i18n::Lang::Ja).contains("2026年7月31日"),
            "{}",
            w.message(crate::i18n::Lang::Ja)
        );
        assert!(second_course_warning(last, &policy, jiff::civil::date(2026, 7, 31)).is_none());
        // A visit on 1 May handing over 31 days covers up to 31 May.
        assert_eq!(last_dose_day(jiff::civil::date(2026, 5, 1), 31), Some(last));
    }

    #[test]
    fn keeping_the_dose_moves_the_end() {
        // 3,000 mg left at 20 mg/day = 600 mg a month → 5 months exactly; 3,001 mg → 6.
        let so_far = SoFar {
            mg: 4_200,
            days: 120,
            ..SoFar::default()
        };
        assert_eq!(months_to_reach(120.0, 60.0, &so_far, Dose::daily(20)), 5);
        let so_far = SoFar {
            mg: 4_199,
            days: 120,
            ..SoFar::default()
        };
        assert_eq!(months_to_reach(120.0, 60.0, &so_far, Dose::daily(20)), 6);
        // A weight gained since: 70 kg × 120 = 8,400 − 4,200 = 4,200 at 40 mg (1,200 a
        // month) = 3.5 → 4 months.
        let so_far = SoFar {
            mg: 4_200,
            days: 120,
            ..SoFar::default()
        };
        assert_eq!(months_to_reach(120.0, 70.0, &so_far, Dose::daily(40)), 4);
    }
}
