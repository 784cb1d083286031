//! Clinical rules a course is checked against as it is priced (domain.md §2, §6): the dose
//! limits, which become [`Warning`]s with stable codes, and the dates that follow from the
//! start date and the last dose.
//!
//! Pure: no IO. Below `estimate`, which applies these rules: they take the doses and the
//! weight, not the estimate. The patient's cautions, which read a whole estimate, live in
//! `safety` above it.

use crate::course::SoFar;
use crate::dose::Dose;
use crate::pricing::AfterLastDose;
use crate::vocab::{DAYS_PER_MONTH, Severity, Sex, Visit, Warning};

/// Highest daily dose: 2 mg/kg/day.
pub const MAX_MG_PER_KG_DAY: f64 = 2.0;
/// Highest dose in month 1 of a course: 1 mg/kg/day (start low).
pub const MAX_MONTH1_MG_PER_KG_DAY: f64 = 1.0;
/// The cumulative band that lowers relapse starts here (mg/kg).
pub const CUMULATIVE_LOW: f64 = 120.0;
/// The upper end of the usual cumulative band (mg/kg).
pub const CUMULATIVE_HIGH: f64 = 150.0;
/// Above this cumulative dose the planner warns (mg/kg).
pub const CUMULATIVE_MAX: f64 = 220.0;
/// One label's maximum recommended course: 20 weeks.
pub const MAX_LABEL_DAYS: u32 = 140;
/// The clinic standard is extended to 8 months at most.
pub const MAX_COURSE_MONTHS: u32 = 8;

/// Formats a mg/kg figure the way the app shows it (two decimals for a daily figure).
pub fn fmt_mgkg_day(v: f64) -> String {
    format!("{v:.2}")
}

/// Formats a cumulative mg/kg figure (one decimal).
pub fn fmt_mgkg(v: f64) -> String {
    format!("{v:.1}")
}

/// The dose rules of domain.md §2 applied to a course of `doses` (one per month, 30 days
/// each); the per-kg rules only when the weight is known. `first_visit` is the visit that
/// opens month 1 (a return visit continues a course, so its month 1 need not start low).
///
/// Both daily limits (2 mg/kg/day, and 1 mg/kg/day in month 1) judge an alternating dose by
/// its heavier day: a day's dose is what the body gets that day, and capsules are taken
/// whole. The warning then says so (`day = heavier`, with the dose and its heavier amount);
/// the mg/kg/day an estimate shows stays the mean.
pub fn dose_warnings(doses: &[Dose], weight_kg: Option<f64>, first_visit: Visit) -> Vec<Warning> {
    dose_warnings_after(doses, weight_kg, first_visit, &SoFar::default())
}

/// [`dose_warnings`] for the rest of a course under way: the cumulative dose and the
/// course's length count what was taken so far.
pub fn dose_warnings_after(
    doses: &[Dose],
    weight_kg: Option<f64>,
    first_visit: Visit,
    so_far: &SoFar,
) -> Vec<Warning> {
    let mut out = Vec::new();
    if let Some(w) = weight_kg {
        for (month, dose) in (1u32..).zip(doses) {
            let heavier_mg = dose.a.max(dose.b);
            let peak = f64::from(heavier_mg) / w;
            // What the message says of an alternating dose: its heavier day, and which.
            let heavier: Vec<(&'static str, String)> = if dose.is_alternating() {
                vec![
                    ("day", "heavier".to_string()),
                    ("mg", heavier_mg.to_string()),
                    ("dose", dose.to_string()),
                ]
            } else {
                Vec::new()
            };
            if peak > MAX_MG_PER_KG_DAY + 1e-9 {
                let mut args = vec![("month", month.to_string()), ("mgkg", fmt_mgkg_day(peak))];
                args.extend(heavier);
                out.push(Warning {
                    code: "dose_above_2_mg_per_kg",
                    severity: Severity::Danger,
                    month: Some(month),
                    args,
                });
            } else if month == 1
                && first_visit == Visit::First
                && peak > MAX_MONTH1_MG_PER_KG_DAY + 1e-9
            {
                let mut args = vec![("mgkg", fmt_mgkg_day(peak))];
                args.extend(heavier);
                out.push(Warning {
                    code: "month1_above_1_mg_per_kg",
                    severity: Severity::Caution,
                    month: Some(1),
                    args,
                });
            }
        }
        let cumulative_mg = doses.iter().fold(so_far.mg, |sum, d| {
            sum.saturating_add(d.mg_over(DAYS_PER_MONTH))
        });
        let cum = cumulative_mg as f64 / w;
        if cum + 1e-9 < CUMULATIVE_LOW {
            out.push(Warning {
                code: "cumulative_below_120",
                severity: Severity::Caution,
                month: None,
                args: vec![("mgkg", fmt_mgkg(cum))],
            });
        } else if cum > CUMULATIVE_MAX + 1e-9 {
            out.push(Warning {
                code: "cumulative_above_220",
                severity: Severity::Caution,
                month: None,
                args: vec![("mgkg", fmt_mgkg(cum))],
            });
        }
    }
    let planned = u32::try_from(doses.len()).unwrap_or(u32::MAX);
    let days = planned
        .saturating_mul(DAYS_PER_MONTH)
        .saturating_add(so_far.days);
    let months = days.div_ceil(DAYS_PER_MONTH);
    if months > MAX_COURSE_MONTHS {
        out.push(Warning {
            code: "course_over_8_months",
            severity: Severity::Caution,
            month: None,
            args: vec![("months", months.to_string())],
        });
    } else if days > MAX_LABEL_DAYS {
        out.push(Warning {
            code: "course_over_20_weeks",
            severity: Severity::Info,
            month: None,
            args: vec![("weeks", format!("{:.0}", f64::from(days) / 7.0))],
        });
    }
    out
}

/// The dates that follow from the start date (domain.md §6), per the clinic's policy.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CourseDates {
    /// First day of medication.
    pub start: jiff::civil::Date,
    /// Last day of medication.
    pub last_dose: jiff::civil::Date,
    /// Contraception until (inclusive), for this patient's sex.
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

/// `date + days`, or `None` past the calendar's end.
pub fn add_days(date: jiff::civil::Date, days: u32) -> Option<jiff::civil::Date> {
    date.checked_add(jiff::Span::new().try_days(i64::from(days)).ok()?)
        .ok()
}

fn add_months(date: jiff::civil::Date, months: u32) -> Option<jiff::civil::Date> {
    date.checked_add(jiff::Span::new().try_months(i64::from(months)).ok()?)
        .ok()
}

/// Dates for a course of `days` days starting on `start`; `None` when one of them falls
/// past the calendar's end.
pub fn course_dates(
    start: jiff::civil::Date,
    days: u32,
    sex: Sex,
    policy: &AfterLastDose,
) -> Option<CourseDates> {
    let last_dose = add_days(start, days.saturating_sub(1))?;
    let contraception = match sex {
        Sex::Female => policy.contraception_women,
        Sex::Male => policy.contraception_men,
    };
    Some(CourseDates {
        start,
        last_dose,
        contraception_until: add_months(last_dose, contraception)?,
        sun_and_laser_until: add_months(last_dose, policy.sun_and_laser)?,
        laser_hair_removal_from: add_months(last_dose, policy.laser_hair_removal)?,
        vaccination_from: add_months(last_dose, policy.vaccination)?,
        elective_surgery_from: add_months(last_dose, policy.elective_surgery)?,
        next_course_from: add_months(last_dose, policy.next_course)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(doses: &[Dose], weight: Option<f64>, visit: Visit) -> Vec<&'static str> {
        dose_warnings(doses, weight, visit)
            .iter()
            .map(|w| w.code)
            .collect()
    }

    #[test]
    fn dose_rules_read_the_doses_and_the_weight() {
        let d = Dose::daily;
        // 60 kg: 40 mg is 0.67 mg/kg; 6 months reach 120 mg/kg exactly.
        assert_eq!(
            codes(&[d(40); 6], Some(60.0), Visit::First),
            ["course_over_20_weeks"]
        );
        // Month 1 above 1 mg/kg only matters at a first visit.
        let high_start = [d(80), d(40), d(40), d(40)];
        assert_eq!(
            codes(&high_start, Some(60.0), Visit::First),
            ["month1_above_1_mg_per_kg", "cumulative_below_120"]
        );
        assert_eq!(
            codes(&high_start, Some(60.0), Visit::Return),
            ["cumulative_below_120"]
        );
        // An alternating 140/0 is 70 mg on average but 140 mg on its heavy days.
        let w = dose_warnings(&[Dose { a: 140, b: 0 }], Some(60.0), Visit::Return);
        assert_eq!(w[0].code, "dose_above_2_mg_per_kg");
        assert_eq!(w[0].args[1], ("mgkg", "2.33".to_string()));
        // Without a weight only the course length counts.
        assert_eq!(
            codes(&[d(40); 9], None, Visit::First),
            ["course_over_8_months"]
        );
        assert!(codes(&[], None, Visit::First).is_empty());
    }

    #[test]
    fn both_daily_limits_judge_an_alternating_dose_by_its_heavier_day() {
        // 60 kg, 80/40: the mean is 60 mg = 1.00 mg/kg/day, but the 80 mg days are
        // 80 / 60 = 1.33 mg/kg: above the month-1 limit of 1 mg/kg/day.
        let w = dose_warnings(&[Dose { a: 80, b: 40 }], Some(60.0), Visit::First);
        assert_eq!(w[0].code, "month1_above_1_mg_per_kg");
        assert_eq!(w[0].args[0], ("mgkg", "1.33".to_string()));
        assert_eq!(
            w[0].message(crate::i18n::Lang::En),
            "Month 1: 1.33 mg/kg/day on the heavier days of 80/40 (80 mg). Start low, at most \
             1 mg/kg/day (usually 0.5 or less), and raise at monthly visits."
        );
        // 60/60 is exactly 1.00 mg/kg/day every day: no warning; 70/50 (mean 60 too) is
        // 70 / 60 = 1.17 on its heavier days: a warning.
        let w = dose_warnings(&[Dose::daily(60)], Some(60.0), Visit::First);
        assert!(w.iter().all(|w| w.code != "month1_above_1_mg_per_kg"));
        let w = dose_warnings(&[Dose { a: 70, b: 50 }], Some(60.0), Visit::First);
        assert_eq!(w[0].code, "month1_above_1_mg_per_kg");
        assert_eq!(w[0].args[0], ("mgkg", "1.17".to_string()));
        // The same rule as the 2 mg/kg/day limit: 140/0 at 60 kg is 140 / 60 = 2.33 that
        // day, and the message says it is the heavier day.
        let w = dose_warnings(&[Dose { a: 140, b: 0 }], Some(60.0), Visit::First);
        assert_eq!(w[0].code, "dose_above_2_mg_per_kg");
        assert_eq!(
            w[0].message(crate::i18n::Lang::En),
            "Month 1: 2.33 mg/kg/day on the heavier days of 140/0 (140 mg) is above the \
             maximum of 2 mg/kg/day."
        );
        // A constant dose keeps the message it always had.
        let w = dose_warnings(&[Dose::daily(80)], Some(60.0), Visit::First);
        assert_eq!(
            w[0].message(crate::i18n::Lang::En),
            "Month 1: 1.33 mg/kg/day. Start low, at most 1 mg/kg/day (usually 0.5 or less), \
             and raise at monthly visits."
        );
    }
}
