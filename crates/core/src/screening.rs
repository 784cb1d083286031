//! The screening checklist (domain.md §5): contraindications, precautions, age rules, and
//! interactions with the patient's current medicines.
//!
//! Pure: the medicine list is data compiled in from `assets/interactions.toml`; no IO.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::vocab::{Severity, Sex, Warning};

/// What a checklist answer means for the prescription.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Consequence {
    /// Isotretinoin must not be prescribed.
    Contraindicated,
    /// Prescribe with care, or the reference clinic refuses.
    Caution,
    /// A guardian must attend the first visit.
    GuardianRequired,
}

impl Consequence {
    fn severity(self) -> Severity {
        match self {
            Consequence::Contraindicated => Severity::Danger,
            Consequence::Caution | Consequence::GuardianRequired => Severity::Caution,
        }
    }

    /// The consequence's name for a person.
    pub fn label(self, lang: Lang) -> String {
        lang.tr(match self {
            Consequence::Contraindicated => "consequence-contraindicated",
            Consequence::Caution => "consequence-caution",
            Consequence::GuardianRequired => "consequence-guardian",
        })
    }
}

/// One item of the screening checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckItem {
    /// Pregnant.
    Pregnant,
    /// Breastfeeding.
    Breastfeeding,
    /// Planning pregnancy within a year.
    PlanningPregnancy,
    /// Severe liver disease.
    SevereLiverDisease,
    /// Hypervitaminosis A.
    HypervitaminosisA,
    /// Allergy to isotretinoin or its excipients (parabens, soy, peanut).
    Allergy,
    /// Aspirin-induced asthma.
    AspirinAsthma,
    /// Psychiatric illness (depression, schizophrenia).
    Psychiatric,
    /// History of ulcerative colitis, Crohn's disease or serious liver damage.
    BowelOrLiverHistory,
    /// Hyperlipidaemia or diabetes.
    LipidsOrDiabetes,
    /// LASIK within 6 months before or after.
    Lasik,
    /// Laser hair removal or photo-epilation planned.
    LaserHairRemoval,
    /// Cannot attend monthly visits.
    CannotAttendMonthly,
}

impl CheckItem {
    /// Every item, in checklist order.
    pub const ALL: [CheckItem; 13] = [
        CheckItem::Pregnant,
        CheckItem::Breastfeeding,
        CheckItem::PlanningPregnancy,
        CheckItem::SevereLiverDisease,
        CheckItem::HypervitaminosisA,
        CheckItem::Allergy,
        CheckItem::AspirinAsthma,
        CheckItem::Psychiatric,
        CheckItem::BowelOrLiverHistory,
        CheckItem::LipidsOrDiabetes,
        CheckItem::Lasik,
        CheckItem::LaserHairRemoval,
        CheckItem::CannotAttendMonthly,
    ];

    /// Stable code, e.g. `pregnant`.
    pub fn code(self) -> &'static str {
        match self {
            CheckItem::Pregnant => "pregnant",
            CheckItem::Breastfeeding => "breastfeeding",
            CheckItem::PlanningPregnancy => "planning_pregnancy",
            CheckItem::SevereLiverDisease => "severe_liver_disease",
            CheckItem::HypervitaminosisA => "hypervitaminosis_a",
            CheckItem::Allergy => "allergy",
            CheckItem::AspirinAsthma => "aspirin_asthma",
            CheckItem::Psychiatric => "psychiatric",
            CheckItem::BowelOrLiverHistory => "bowel_or_liver_history",
            CheckItem::LipidsOrDiabetes => "lipids_or_diabetes",
            CheckItem::Lasik => "lasik",
            CheckItem::LaserHairRemoval => "laser_hair_removal",
            CheckItem::CannotAttendMonthly => "cannot_attend_monthly",
        }
    }

    /// What a "yes" means.
    pub fn consequence(self) -> Consequence {
        match self {
            CheckItem::Pregnant
            | CheckItem::Breastfeeding
            | CheckItem::PlanningPregnancy
            | CheckItem::SevereLiverDisease
            | CheckItem::HypervitaminosisA
            | CheckItem::Allergy
            | CheckItem::AspirinAsthma => Consequence::Contraindicated,
            _ => Consequence::Caution,
        }
    }

    /// Whether the item is asked of this patient (pregnancy items only of women).
    pub fn applies_to(self, sex: Sex) -> bool {
        !matches!(
            self,
            CheckItem::Pregnant | CheckItem::Breastfeeding | CheckItem::PlanningPregnancy
        ) || sex == Sex::Female
    }

    /// The question as printed on the checklist.
    pub fn label(self, lang: Lang) -> String {
        lang.tr(&format!("check-{}", self.code().replace('_', "-")))
    }
}

/// The patient's answers to the checklist, age and current medicines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Screening {
    /// The items answered "yes".
    pub checked: BTreeSet<CheckItem>,
    /// Age in whole years, when known.
    pub age: Option<u32>,
    /// Current medicines, as generic names from the interaction list.
    pub medicines: Vec<String>,
}

/// Age under which isotretinoin may close growth plates early.
pub const MIN_AGE: u32 = 15;
/// Age under which a guardian attends the first visit.
pub const ADULT_AGE: u32 = 18;

/// A medicine of the interaction list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Medicine {
    /// Generic name (English), the stable key, and the name English prints.
    pub generic: String,
    /// The generic name as Japanese prints it.
    pub ja: String,
    /// The generic name as Korean prints it.
    pub ko: String,
    /// Which warning applies: `tetracycline`, `systemic_corticosteroid`, `antiepileptic`,
    /// `vitamin_a`.
    pub group: String,
    /// Names a user may type: generic and brands, in any language.
    pub names: Vec<String>,
}

impl Medicine {
    /// The interaction warning's text.
    pub fn warning(&self, lang: Lang) -> String {
        lang.tr(&format!("interaction-{}", self.group.replace('_', "-")))
    }

    /// The generic name as `lang` prints it: `ミノサイクリン`, `minocycline`, `미노사이클린`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::Ko => &self.ko,
            Lang::En => &self.generic,
        }
    }

    /// The medicine as a message's `medicine` argument, with its name in each language
    /// (see [`crate::vocab::in_language`]).
    pub fn args(&self) -> [(&'static str, String); 3] {
        [
            ("medicine", self.generic.clone()),
            ("medicine@ja", self.ja.clone()),
            ("medicine@ko", self.ko.clone()),
        ]
    }

    /// The name in `lang` followed by every other name a user may type, for a search result:
    /// `ミノサイクリン (minocycline, Minomycin, ミノマイシン …)`.
    pub fn display_name(&self, lang: Lang) -> String {
        let own = self.name(lang);
        let others: Vec<&str> = self
            .names
            .iter()
            .map(String::as_str)
            .filter(|n| !n.eq_ignore_ascii_case(own))
            .collect();
        if others.is_empty() {
            own.to_string()
        } else {
            format!("{own} ({})", others.join(", "))
        }
    }
}

/// A medicine named in a message (the generic name, the stable key) as `lang` prints it;
/// a name not on the list is printed as given.
pub fn medicine_name(generic: &str, lang: Lang) -> String {
    medicine(generic).map_or_else(|| generic.to_string(), |m| m.name(lang).to_string())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MedicineFile {
    medicine: Vec<Medicine>,
}

/// The interaction list compiled in from `assets/interactions.toml`.
pub fn medicines() -> &'static [Medicine] {
    static LIST: OnceLock<Vec<Medicine>> = OnceLock::new();
    LIST.get_or_init(|| {
        // A unit test parses the shipped file, so the fallback is never used in a release.
        toml::from_str::<MedicineFile>(include_str!("../../../assets/interactions.toml"))
            .map(|f| f.medicine)
            .unwrap_or_default()
    })
}

/// Medicines whose generic or brand name contains `query` (case-insensitive); empty for a
/// blank query.
pub fn find_medicines(query: &str) -> Vec<&'static Medicine> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    medicines()
        .iter()
        .filter(|m| m.names.iter().any(|n| n.to_lowercase().contains(&q)))
        .collect()
}

/// The medicine with this generic name (or any exact name), if listed.
pub fn medicine(name: &str) -> Option<&'static Medicine> {
    let n = name.trim().to_lowercase();
    medicines()
        .iter()
        .find(|m| m.generic.to_lowercase() == n || m.names.iter().any(|x| x.to_lowercase() == n))
}

/// The warnings that follow from the screening, for this patient.
pub fn screening_warnings(s: &Screening, sex: Sex) -> Vec<Warning> {
    let mut out = Vec::new();
    for item in &s.checked {
        if !item.applies_to(sex) {
            continue;
        }
        out.push(Warning {
            code: match item {
                CheckItem::Pregnant => "screen_pregnant",
                CheckItem::Breastfeeding => "screen_breastfeeding",
                CheckItem::PlanningPregnancy => "screen_planning_pregnancy",
                CheckItem::SevereLiverDisease => "screen_severe_liver_disease",
                CheckItem::HypervitaminosisA => "screen_hypervitaminosis_a",
                CheckItem::Allergy => "screen_allergy",
                CheckItem::AspirinAsthma => "screen_aspirin_asthma",
                CheckItem::Psychiatric => "screen_psychiatric",
                CheckItem::BowelOrLiverHistory => "screen_bowel_or_liver_history",
                CheckItem::LipidsOrDiabetes => "screen_lipids_or_diabetes",
                CheckItem::Lasik => "screen_lasik",
                CheckItem::LaserHairRemoval => "screen_laser_hair_removal",
                CheckItem::CannotAttendMonthly => "screen_cannot_attend_monthly",
            },
            severity: item.consequence().severity(),
            month: None,
            args: Vec::new(),
        });
    }
    if let Some(age) = s.age {
        if age < MIN_AGE {
            out.push(Warning {
                code: "age_under_15",
                severity: Severity::Caution,
                month: None,
                args: vec![("age", age.to_string())],
            });
        }
        if age < ADULT_AGE {
            out.push(Warning {
                code: "age_under_18_guardian",
                severity: Severity::Caution,
                month: None,
                args: vec![("age", age.to_string())],
            });
        }
    }
    let mut groups_seen: Vec<&str> = Vec::new();
    for name in &s.medicines {
        let Some(m) = medicine(name) else { continue };
        if groups_seen.contains(&m.group.as_str()) {
            continue;
        }
        groups_seen.push(&m.group);
        let code = match m.group.as_str() {
            "tetracycline" => "interaction_tetracycline",
            "systemic_corticosteroid" => "interaction_systemic_corticosteroid",
            "antiepileptic" => "interaction_antiepileptic",
            _ => "interaction_vitamin_a",
        };
        let severity = match m.group.as_str() {
            "tetracycline" | "vitamin_a" => Severity::Danger,
            _ => Severity::Caution,
        };
        out.push(Warning {
            code,
            severity,
            month: None,
            args: m.args().to_vec(),
        });
    }
    out
}

/// Age in whole years on `on`, from a date of birth.
pub fn age_on(birth: jiff::civil::Date, on: jiff::civil::Date) -> Option<u32> {
    if birth > on {
        return None;
    }
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_interaction_list_parses_and_has_every_group_text() {
        let list =
            toml::from_str::<MedicineFile>(include_str!("../../../assets/interactions.toml"))
                .expect("assets/interactions.toml");
        assert!(list.medicine.len() >= 10);
        for m in &list.medicine {
            for lang in Lang::ALL {
                let key = format!("interaction-{}", m.group.replace('_', "-"));
                assert!(lang.has(&key), "{lang:?} lacks {key}");
            }
        }
        for item in CheckItem::ALL {
            for lang in Lang::ALL {
                let key = format!("check-{}", item.code().replace('_', "-"));
                assert!(lang.has(&key), "{lang:?} lacks {key}");
            }
        }
    }

    #[test]
    fn every_medicine_is_named_in_each_language_and_found_by_that_name() {
        for m in medicines() {
            for lang in Lang::ALL {
                let name = m.name(lang);
                assert!(
                    !name.trim().is_empty(),
                    "{} has no {lang:?} name",
                    m.generic
                );
                // The search result starts with the screen's name.
                assert!(m.display_name(lang).starts_with(name));
            }
            assert!(!m.ja.is_ascii(), "{}: ja {}", m.generic, m.ja);
            assert!(!m.ko.is_ascii(), "{}: ko {}", m.generic, m.ko);
        }
        assert_eq!(medicine_name("minocycline", Lang::Ja), "ミノサイクリン");
        assert_eq!(medicine_name("minocycline", Lang::Ko), "미노사이클린");
        assert_eq!(medicine_name("minocycline", Lang::En), "minocycline");
        // Not on the list: printed as given.
        assert_eq!(medicine_name("aspirin", Lang::Ja), "aspirin");
        assert_eq!(
            medicine("minocycline").unwrap().display_name(Lang::Ja),
            "ミノサイクリン (minocycline, Minomycin, Minocin, ミノマイシン, 미노사이클린)"
        );
    }

    #[test]
    fn finds_medicines_by_generic_and_brand_in_any_language() {
        let find = |q: &str| -> Vec<&str> {
            find_medicines(q)
                .iter()
                .map(|m| m.generic.as_str())
                .collect()
        };
        assert_eq!(find("mino"), ["minocycline"]);
        assert_eq!(find("MINOMYCIN"), ["minocycline"]);
        assert_eq!(find("ミノマイシン"), ["minocycline"]);
        assert_eq!(find("Vibramycin"), ["doxycycline"]);
        assert_eq!(find("Predonin"), ["prednisolone"]);
        assert_eq!(find("Celestamine"), ["betamethasone"]);
        assert_eq!(find("Aleviatin"), ["phenytoin"]);
        assert_eq!(find("Hydantol"), ["phenytoin"]);
        assert_eq!(find("carbamazepine"), ["carbamazepine"]);
        assert_eq!(find("valpro"), ["valproate"]);
        assert_eq!(find("vitamin a"), ["vitamin A"]);
        assert!(find("multivitamin").contains(&"multivitamin with vitamin A"));
        assert!(find("").is_empty());
        assert!(find("paracetamol").is_empty());
    }

    #[test]
    fn age_from_birth_date() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().expect("date");
        assert_eq!(age_on(d("2010-06-15"), d("2026-06-14")), Some(15));
        assert_eq!(age_on(d("2010-06-15"), d("2026-06-15")), Some(16));
        assert_eq!(age_on(d("2030-01-01"), d("2026-06-15")), None);
    }
}
