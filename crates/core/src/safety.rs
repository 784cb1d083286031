//! What the patient is told (domain.md §1, §4, §5, §6): the cautions printed with an
//! estimate, with stable codes, from a priced course and the clinic's policy.
//!
//! Pure: no IO. Messages are looked up in the localisation layer by code. This module sits
//! above `estimate` (it reads a whole estimate); the rules `estimate` applies while pricing
//! (dose limits, dates) live below it in `rules`, and are re-exported here under their old
//! paths, as are `Warning` and `Severity` from `vocab`.

use serde::Serialize;

use crate::estimate::CourseEstimate;
use crate::i18n::{Arg, Lang};
use crate::pricing::{Fees, PregnancyTest, PriceSheet};
use crate::vocab::Sex;

pub use crate::rules::{
    CUMULATIVE_HIGH, CUMULATIVE_LOW, CUMULATIVE_MAX, CourseDates, MAX_COURSE_MONTHS,
    MAX_LABEL_DAYS, MAX_MG_PER_KG_DAY, MAX_MONTH1_MG_PER_KG_DAY, add_days, course_dates,
    dose_warnings, fmt_mgkg, fmt_mgkg_day,
};
pub use crate::vocab::{Severity, Warning};

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
        let mut args: Vec<(&str, Arg)> = crate::vocab::in_language(&self.args, lang)
            .map(|(k, v)| {
                let arg = match (k, v.parse::<jiff::civil::Date>(), v.parse::<u32>()) {
                    ("date", Ok(d), _) => Arg::Str(lang.format_date(d)),
                    (_, _, Ok(n)) => Arg::Num(f64::from(n)),
                    _ => Arg::Str(v.clone()),
                };
                (k, arg)
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
/// What the handout says about pregnancy tests follows the sheet (`pregnancy_test`), never
/// more: tests at the clinic visits, tests at home, or nothing; "tests at visits" only when
/// the course has one of the sheet's `[[tests]]` (not a fee, shipping or a discount line).
pub fn patient_cautions(est: &CourseEstimate, sheet: &PriceSheet, japan: bool) -> Vec<Caution> {
    let policy = &sheet.after_last_dose;
    let pregnancy_test = sheet.pregnancy_test;
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
        Sex::Female => {
            out.push(with_date(
                "contraception_women",
                "contraception_women_until",
                policy.contraception_women,
                date(dates.map(|d| d.contraception_until)),
            ));
            match pregnancy_test {
                PregnancyTest::Clinic => out.push(Caution {
                    code: "pregnancy_test_clinic",
                    args: Vec::new(),
                }),
                PregnancyTest::Home => out.push(Caution {
                    code: "pregnancy_test_home",
                    args: Vec::new(),
                }),
                PregnancyTest::Unspecified => {}
            }
        }
        Sex::Male => out.push(with_date(
            "contraception_men",
            "contraception_men_until",
            policy.contraception_men,
            date(dates.map(|d| d.contraception_until)),
        )),
    }
    let test_codes: Vec<&str> = match &sheet.fees {
        Fees::Itemised { tests, .. } => tests.iter().map(|t| t.code.as_str()).collect(),
        Fees::Flat { .. } => Vec::new(),
    };
    let tested = est.months.iter().any(|m| {
        m.items
            .iter()
            .any(|i| test_codes.contains(&i.code.as_str()))
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
                args: [m.args().as_slice(), &[("group", m.group.clone())]].concat(),
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
