//! The words every part of the core shares: the patient's sex, the kind of visit, a month of
//! medication, and a warning with its severity.
//!
//! The bottom of the core: it imports no other module but `i18n`, so every module may use it
//! and no circle can pass through it (the test in `module_graph.rs` checks the whole graph).

use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Lang};

/// Days of medication in one month of a course.
pub const DAYS_PER_MONTH: u32 = 30;

/// The patient's sex, which decides the pregnancy test and contraception rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    /// Female: pregnancy test at each visit.
    Female,
    /// Male.
    Male,
}

impl Sex {
    /// The sex's name in `lang` ("Female", "女性", "여성").
    pub fn name(self, lang: Lang) -> String {
        lang.tr(match self {
            Sex::Female => "sex-female",
            Sex::Male => "sex-male",
        })
    }
}

/// Whether a visit is the patient's first at the clinic or a return visit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visit {
    /// First visit: first-visit consultation fee.
    #[default]
    First,
    /// Return visit.
    Return,
}

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
    /// Values filled into the message; `name@ja` / `name@ko` give `name` in that language.
    #[serde(skip)]
    pub args: Vec<(&'static str, String)>,
}

/// A message's arguments with their values in `lang`: an argument `name` may come with
/// `name@ja`, `name@ko` (a medicine's Japanese and Korean names), used instead when the
/// message is in that language; the `@` variants themselves are not passed on.
pub fn in_language<'a>(
    args: &'a [(&'static str, String)],
    lang: Lang,
) -> impl Iterator<Item = (&'static str, &'a String)> + 'a {
    args.iter()
        .filter(|(k, _)| !k.contains('@'))
        .map(move |(k, v)| {
            let local = args.iter().find(|(other, _)| {
                other.strip_prefix(*k).and_then(|r| r.strip_prefix('@')) == Some(lang.code())
            });
            (*k, local.map_or(v, |(_, l)| l))
        })
}

impl Warning {
    /// The message for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let key = format!("warn-{}", self.code.replace('_', "-"));
        let args: Vec<(&str, Arg)> = in_language(&self.args, lang)
            // A date in the language's long form.
            .map(|(k, v)| match v.parse::<jiff::civil::Date>() {
                Ok(d) => (k, Arg::Str(lang.format_date(d))),
                Err(_) => (k, Arg::Str(v.clone())),
            })
            .collect();
        lang.tr_args(&key, &args)
    }
}
