//! Clinical rules (domain.md §2, §6): dose warnings with stable codes, and the dates that
//! follow from the start date and the last dose.
//!
//! Pure: no IO. Messages are looked up in the localisation layer by code.

use serde::Serialize;

use crate::estimate::{CourseEstimate, DAYS_PER_MONTH, Sex, Visit};
use crate::i18n::{Arg, Lang};
use crate::pricing::AfterLastDose;

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

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Check before prescribing.
    Caution,
    /// Breaks a dosing rule.
    Danger,
}

/// A rule the plan breaks or comes near, with a stable code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// Stable code, e.g. `dose_above_2_mg_per_kg`.
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The month it concerns, if one.
    pub month: Option<u32>,
    /// Values filled into the message.
    #[serde(skip)]
    pub args: Vec<(&'static str, String)>,
}

impl Warning {
    /// The message for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let key = format!("warn-{}", self.code.replace('_', "-"));
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, Arg::Str(v.clone())))
            .collect();
        lang.tr_args(&key, &args)
    }
}

/// Formats a mg/kg figure the way the app shows it (two decimals for a daily figure).
pub fn fmt_mgkg_day(v: f64) -> String {
    format!("{v:.2}")
}

/// Formats a cumulative mg/kg figure (one decimal).
pub fn fmt_mgkg(v: f64) -> String {
    format!("{v:.1}")
}

/// The dose rules of domain.md §2 applied to a priced course.
pub fn dose_warnings(est: &CourseEstimate, first_visit: Visit) -> Vec<Warning> {
    let mut out = Vec::new();
    for m in &est.months {
        let Some(mgkg) = m.mg_per_kg_per_day else {
            continue;
        };
        // The heavier day of an alternating dose counts: capsules are taken whole that day.
        let peak = f64::from(m.dose.a.max(m.dose.b)) / est.weight_kg.unwrap_or(f64::INFINITY);
        if peak > MAX_MG_PER_KG_DAY + 1e-9 {
            out.push(Warning {
                code: "dose_above_2_mg_per_kg",
                severity: Severity::Danger,
                month: Some(m.month),
                args: vec![("month", m.month.to_string()), ("mgkg", fmt_mgkg_day(peak))],
            });
        } else if m.month == 1
            && first_visit == Visit::First
            && mgkg > MAX_MONTH1_MG_PER_KG_DAY + 1e-9
        {
            out.push(Warning {
                code: "month1_above_1_mg_per_kg",
                severity: Severity::Caution,
                month: Some(1),
                args: vec![("mgkg", fmt_mgkg_day(mgkg))],
            });
        }
    }
    if let Some(cum) = est.cumulative_mg_per_kg {
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
    let months = est.month_count();
    if months > MAX_COURSE_MONTHS {
        out.push(Warning {
            code: "course_over_8_months",
            severity: Severity::Caution,
            month: None,
            args: vec![("months", months.to_string())],
        });
    } else if months * DAYS_PER_MONTH > MAX_LABEL_DAYS {
        out.push(Warning {
            code: "course_over_20_weeks",
            severity: Severity::Info,
            month: None,
            args: vec![(
                "weeks",
                format!("{:.0}", f64::from(months * DAYS_PER_MONTH) / 7.0),
            )],
        });
    }
    out
}

/// The dates that follow from the start date (domain.md §6), per the clinic's policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// Dates for a course of `days` days starting on `start`.
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

/// A caution printed for the patient (domain.md §1, §4, §5, §6), with a stable code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Caution {
    /// Stable code, e.g. `contraception_women`.
    pub code: &'static str,
    /// Values filled into the message.
    #[serde(skip)]
    pub args: Vec<(&'static str, String)>,
}

impl Caution {
    /// The text for the patient, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let key = format!("caution-{}", self.code.replace('_', "-"));
        // Dates in the language's form; counts as numbers so plurals agree.
        let mut args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let arg = match (*k, v.parse::<jiff::civil::Date>(), v.parse::<u32>()) {
                    ("date", Ok(d), _) => Arg::Str(lang.format_date(d)),
                    (_, _, Ok(n)) => Arg::Num(f64::from(n)),
                    _ => Arg::Str(v.clone()),
                };
                (*k, arg)
            })
            .collect();
        if let Some((_, group)) = self.args.iter().find(|(k, _)| *k == "group") {
            let text = lang.tr(&format!("interaction-{}", group.replace('_', "-")));
            args.push(("text", Arg::Str(text)));
        }
        lang.tr_args(&key, &args)
    }
}

/// The cautions that apply to this patient's course, in print order.
///
/// Dates are included when the estimate knows the start date; `japan` adds the note that the
/// drug is unapproved in Japan and not covered by the relief system.
pub fn patient_cautions(est: &CourseEstimate, policy: &AfterLastDose, japan: bool) -> Vec<Caution> {
    let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string());
    let dates = est.dates.as_ref();
    let mut out = Vec::new();
    let with_date = |code: &'static str,
                     code_dated: &'static str,
                     months: u32,
                     until: Option<String>|
     -> Caution {
        match until {
            Some(d) => Caution {
                code: code_dated,
                args: vec![("months", months.to_string()), ("date", d)],
            },
            None => Caution {
                code,
                args: vec![("months", months.to_string())],
            },
        }
    };
    match est.sex {
        Sex::Female => out.push(with_date(
            "contraception_women",
            "contraception_women_until",
            policy.contraception_women,
            date(dates.map(|d| d.contraception_until)),
        )),
        Sex::Male => out.push(with_date(
            "contraception_men",
            "contraception_men_until",
            policy.contraception_men,
            date(dates.map(|d| d.contraception_until)),
        )),
    }
    let tested = est.months.iter().any(|m| {
        m.items.iter().any(|i| {
            // Every item that is not one of these is a test the sheet charges for.
            !matches!(
                i.code.as_str(),
                "consultation" | "medication" | "package" | "tax"
            )
        })
    });
    if tested {
        out.push(Caution {
            code: "tests_at_visits",
            args: Vec::new(),
        });
    }
    out.push(with_date(
        "sun_and_laser",
        "sun_and_laser_until",
        policy.sun_and_laser,
        date(dates.map(|d| d.sun_and_laser_until)),
    ));
    if let Some(d) = dates {
        out.push(Caution {
            code: "laser_hair_removal_from",
            args: vec![("date", d.laser_hair_removal_from.to_string())],
        });
        out.push(Caution {
            code: "vaccination_from",
            args: vec![("date", d.vaccination_from.to_string())],
        });
        out.push(Caution {
            code: "surgery_from",
            args: vec![("date", d.elective_surgery_from.to_string())],
        });
        out.push(Caution {
            code: "next_course_from",
            args: vec![("date", d.next_course_from.to_string())],
        });
    } else {
        out.push(Caution {
            code: "vaccination",
            args: vec![("months", policy.vaccination.to_string())],
        });
    }
    for name in &est.screening.medicines {
        if let Some(m) = crate::screening::medicine(name) {
            out.push(Caution {
                code: "interaction",
                args: vec![("medicine", m.generic.clone()), ("group", m.group.clone())],
            });
        }
    }
    out.push(Caution {
        code: "take_after_meal",
        args: Vec::new(),
    });
    out.push(Caution {
        code: "alcohol",
        args: Vec::new(),
    });
    if japan {
        out.push(Caution {
            code: "unapproved_japan",
            args: Vec::new(),
        });
    }
    out
}
