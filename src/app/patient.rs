//! The patient every screen shares: Quote, Plan, Compare and the course view show and change
//! one patient (name, number, sex, age, weight, and the register's patient and course while
//! one is open), so a sex chosen at the desk is the doctor's, a weight typed on the Plan
//! screen is the course view's, and the name typed once is the PDF's and the saved quote's.
//!
//! Holds what was typed and reads it back (a weight as kg, an age as years); draws nothing,
//! reads and writes no file, and never changes what was typed (a weight of 0 stays 0 and is
//! reported, never replaced by the nearest possible weight).

use dose_planner_register::{CourseId, PatientId};

use crate::estimate::{PlanError, Sex, check_weight};
use crate::i18n::Lang;
use crate::screening::age_on;

/// How the age is entered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AgeEntry {
    /// Whole years.
    #[default]
    Years,
    /// Date of birth; the age is the core's [`age_on`] today.
    BirthDate,
}

/// The age as entered: in years, or as a date of birth.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgeInput {
    /// How the age is entered.
    pub entry: AgeEntry,
    /// The age as typed (years).
    pub years: String,
    /// The date of birth as typed (`YYYY-MM-DD`).
    pub birth: String,
}

impl AgeInput {
    /// The age in whole years on `today`: `Ok(None)` when blank, `Err(key)` (an `app-` message
    /// key) when it cannot be read.
    pub fn years_on(&self, today: jiff::civil::Date) -> Result<Option<u32>, &'static str> {
        match self.entry {
            AgeEntry::Years => match self.years.trim() {
                "" => Ok(None),
                s => s
                    .parse::<u32>()
                    .ok()
                    .filter(|a| *a <= crate::patient::MAX_AGE)
                    .map(Some)
                    .ok_or("app-safety-age-invalid"),
            },
            AgeEntry::BirthDate => match self.birth.trim() {
                "" => Ok(None),
                s => s
                    .parse::<jiff::civil::Date>()
                    .ok()
                    .filter(|dob| crate::patient::plausible_date(*dob))
                    .and_then(|dob| age_on(dob, today))
                    .filter(|a| *a <= crate::patient::MAX_AGE)
                    .map(Some)
                    .ok_or("app-safety-birth-invalid"),
            },
        }
    }

    /// An age given in whole years (`None`: not given).
    pub fn in_years(age: Option<u32>) -> AgeInput {
        AgeInput {
            entry: AgeEntry::Years,
            years: age.map(|a| a.to_string()).unwrap_or_default(),
            birth: String::new(),
        }
    }

    /// An age given by a date of birth.
    pub fn born(date: jiff::civil::Date) -> AgeInput {
        AgeInput {
            entry: AgeEntry::BirthDate,
            years: String::new(),
            birth: date.to_string(),
        }
    }
}

/// Why the weight typed cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum WeightError {
    /// Nothing typed yet.
    Missing,
    /// Not a number ("sixty", "6O").
    NotANumber,
    /// A number no person weighs (0, negative, 3000): the core's check, with its message.
    Impossible(PlanError),
}

impl WeightError {
    /// The message in `lang`: what is wrong and how to correct it.
    pub fn explain(&self, lang: Lang) -> String {
        match self {
            WeightError::Missing => lang.tr("app-weight-missing"),
            WeightError::NotANumber => lang.tr("app-weight-not-number"),
            WeightError::Impossible(e) => e.explain(lang),
        }
    }
}

/// The register's patient open in the app, and their course while the course view shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatientRecord {
    /// The patient in the register.
    pub id: PatientId,
    /// The course open, if any.
    pub course: Option<CourseId>,
}

/// The patient of the work in progress, as typed or as opened from the register.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Patient {
    /// The name for the PDF and the saved quote (optional; checked when written).
    pub name: String,
    /// The clinic's patient number, when the patient comes from the register.
    pub number: String,
    /// Sex, or `None` for the man–woman range.
    pub sex: Option<Sex>,
    /// The age, for the screening.
    pub age: AgeInput,
    /// Body weight as typed, kg: read by [`Patient::weight_kg`], never corrected.
    pub weight: String,
    /// The register's patient and course, while one is open.
    pub record: Option<PatientRecord>,
}

impl Patient {
    /// The weight in kg, or why the text typed is not one.
    ///
    /// Reads what a person types at a Japanese or Korean desk too: full-width digits
    /// (`６０`), a decimal comma (`58,5`) and a trailing `kg`. Whatever it reads goes through
    /// the core's [`check_weight`] (10–300 kg): 0, a negative or an absurd weight is an
    /// error, never replaced by a possible one.
    pub fn weight_kg(&self) -> Result<f64, WeightError> {
        parse_weight(&self.weight)
    }

    /// The age in whole years on `today` (`None` when not given or not readable: the field
    /// shows why).
    pub fn age_years(&self, today: jiff::civil::Date) -> Option<u32> {
        self.age.years_on(today).ok().flatten()
    }

    /// Takes the register's patient: their name, number, sex and date of birth. The weight
    /// typed stays when it was typed for this patient or for nobody yet (a plan made before
    /// the patient was registered); it goes when another register patient was open.
    pub fn take_record(&mut self, p: &dose_planner_register::Patient) {
        let another = self.record.is_some_and(|r| r.id != p.id);
        if another {
            self.weight.clear();
        }
        self.name = p.name.clone();
        self.number = p.number.clone();
        self.sex = Some(p.sex);
        self.age = AgeInput::born(p.date_of_birth);
        let course = self.record.filter(|r| r.id == p.id).and_then(|r| r.course);
        self.record = Some(PatientRecord { id: p.id, course });
    }

    /// A weight in kg as the weight field shows it (`60`, `58.5`).
    pub fn weight_text(kg: f64) -> String {
        format!("{kg}")
    }
}

/// Reads a weight as typed (see [`Patient::weight_kg`]).
pub fn parse_weight(text: &str) -> Result<f64, WeightError> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            // Full-width digits and point, as a Japanese input method types them.
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | ',' | '，' => '.',
            'ｋ' => 'k',
            'ｇ' => 'g',
            _ => c,
        })
        .collect();
    let number = ascii
        .trim()
        .strip_suffix("kg")
        .or_else(|| ascii.trim().strip_suffix("KG"))
        .unwrap_or(ascii.trim())
        .trim();
    if number.is_empty() {
        return Err(WeightError::Missing);
    }
    let kg: f64 = number.parse().map_err(|_| WeightError::NotANumber)?;
    check_weight(kg).map_err(WeightError::Impossible)
}

#[cfg(test)]
mod tests {
    use super::{WeightError, parse_weight};

    /// `text` reads as `kg`, or fails with an error of the kind of `want`.
    #[track_caller]
    fn check(text: &str, want: Result<f64, WeightError>) {
        let got = parse_weight(text);
        match (&got, &want) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text:?}"),
            (Err(WeightError::Impossible(_)), Err(WeightError::Impossible(_))) => {}
            _ => assert_eq!(got, want, "{text:?}"),
        }
    }

    #[test]
    fn weights_read_as_typed_at_the_desk() {
        check("60", Ok(60.0));
        check(" 58.5 ", Ok(58.5));
        check("58,5", Ok(58.5));
        check("６０", Ok(60.0));
        check("５８．５", Ok(58.5));
        check("60kg", Ok(60.0));
        check("60 kg", Ok(60.0));
        check("６０ｋｇ", Ok(60.0));
        check("10", Ok(10.0));
        check("300", Ok(300.0));
    }

    #[test]
    fn a_weight_that_is_not_one_is_never_replaced() {
        check("", Err(WeightError::Missing));
        check("  ", Err(WeightError::Missing));
        check("kg", Err(WeightError::Missing));
        check("sixty", Err(WeightError::NotANumber));
        check("6O", Err(WeightError::NotANumber));
        check("60/70", Err(WeightError::NotANumber));
        let impossible = Err(WeightError::Impossible(crate::estimate::PlanError::Weight(
            String::new(),
        )));
        for text in ["0", "-5", "9.9", "300.1", "3000", "NaN", "inf"] {
            check(text, impossible.clone());
        }
    }
}
