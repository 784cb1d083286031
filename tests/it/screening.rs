//! Every screening, age, interaction and date rule (domain.md §4–§6) fires when it applies and
//! stays quiet when it does not.

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input

use dose_planner::Lang;
use dose_planner::dose::Dose;
use dose_planner::estimate::{CourseRequest, Sex, estimate};
use dose_planner::monitoring::{Protocol, compare_protocols, tests_due};
use dose_planner::pricing::{self, reference_sheet};
use dose_planner::safety::patient_cautions;
use dose_planner::screening::{CheckItem, Consequence, Screening};

fn warnings(sex: Sex, screening: Screening) -> Vec<(&'static str, String)> {
    let req = CourseRequest {
        screening,
        ..CourseRequest::constant(sex, Dose::daily(20), 4)
    };
    estimate(&reference_sheet(), &req)
        .unwrap()
        .warnings
        .iter()
        .map(|w| (w.code, format!("{:?}", w.severity)))
        .collect()
}

fn checked(items: &[CheckItem]) -> Screening {
    Screening {
        checked: items.iter().copied().collect(),
        ..Screening::default()
    }
}

#[test]
fn every_checklist_item_fires_only_when_checked() {
    assert!(warnings(Sex::Female, Screening::default()).is_empty());
    for item in CheckItem::ALL {
        let w = warnings(Sex::Female, checked(&[item]));
        assert_eq!(w.len(), 1, "{item:?}: {w:?}");
        let expected = format!("screen_{}", item.code());
        assert_eq!(w[0].0, expected);
        let severity = match item.consequence() {
            Consequence::Contraindicated => "Danger",
            _ => "Caution",
        };
        assert_eq!(w[0].1, severity, "{item:?}");
        for lang in Lang::ALL {
            let text = item.label(lang);
            assert!(!text.starts_with("check-"), "{lang:?} {item:?}");
        }
    }
}

#[test]
fn pregnancy_items_do_not_apply_to_men() {
    let w = warnings(
        Sex::Male,
        checked(&[
            CheckItem::Pregnant,
            CheckItem::Breastfeeding,
            CheckItem::PlanningPregnancy,
        ]),
    );
    assert!(w.is_empty(), "{w:?}");
    let w = warnings(Sex::Male, checked(&[CheckItem::Psychiatric]));
    assert_eq!(w[0].0, "screen_psychiatric");
}

#[test]
fn age_rules() {
    let age = |a| {
        warnings(
            Sex::Male,
            Screening {
                age: Some(a),
                ..Screening::default()
            },
        )
    };
    let codes = |a| age(a).into_iter().map(|w| w.0).collect::<Vec<_>>();
    assert_eq!(codes(14), ["age_under_15", "age_under_18_guardian"]);
    assert_eq!(codes(15), ["age_under_18_guardian"]);
    assert_eq!(codes(17), ["age_under_18_guardian"]);
    assert!(codes(18).is_empty());
    assert!(codes(40).is_empty());
}

#[test]
fn interactions_by_group() {
    let meds = |names: &[&str]| {
        warnings(
            Sex::Male,
            Screening {
                medicines: names.iter().map(|s| s.to_string()).collect(),
                ..Screening::default()
            },
        )
        .into_iter()
        .map(|w| w.0)
        .collect::<Vec<_>>()
    };
    assert_eq!(meds(&["minocycline"]), ["interaction_tetracycline"]);
    assert_eq!(meds(&["Vibramycin"]), ["interaction_tetracycline"]);
    assert_eq!(
        meds(&["prednisolone"]),
        ["interaction_systemic_corticosteroid"]
    );
    assert_eq!(
        meds(&["Celestamine"]),
        ["interaction_systemic_corticosteroid"]
    );
    assert_eq!(meds(&["phenytoin"]), ["interaction_antiepileptic"]);
    assert_eq!(meds(&["carbamazepine"]), ["interaction_antiepileptic"]);
    assert_eq!(meds(&["valproate"]), ["interaction_antiepileptic"]);
    assert_eq!(
        meds(&["multivitamin with vitamin A"]),
        ["interaction_vitamin_a"]
    );
    // Two of one group warn once; an unlisted medicine has no known interaction.
    assert_eq!(
        meds(&["minocycline", "doxycycline"]),
        ["interaction_tetracycline"]
    );
    assert!(meds(&["paracetamol"]).is_empty());
    assert!(meds(&[]).is_empty());
}

#[test]
fn dates_after_the_last_dose_follow_the_clinic_policy() {
    // Start 2026-12-01, 4 months = 120 days ⇒ last dose 2027-03-30.
    let sheet = reference_sheet();
    let req = |sex| CourseRequest {
        start: Some("2026-12-01".parse().unwrap()),
        ..CourseRequest::constant(sex, Dose::daily(20), 4)
    };
    let woman = estimate(&sheet, &req(Sex::Female)).unwrap().dates.unwrap();
    assert_eq!(woman.last_dose.to_string(), "2027-03-30");
    assert_eq!(woman.contraception_until.to_string(), "2027-09-30"); // 6 months (reference clinic)
    assert_eq!(woman.sun_and_laser_until.to_string(), "2027-05-30"); // 2 months
    assert_eq!(woman.laser_hair_removal_from.to_string(), "2027-04-30"); // 1 month
    assert_eq!(woman.vaccination_from.to_string(), "2027-04-30");
    assert_eq!(woman.elective_surgery_from.to_string(), "2027-09-30"); // 6 months
    assert_eq!(woman.next_course_from.to_string(), "2027-05-30"); // 2 months
    let man = estimate(&sheet, &req(Sex::Male)).unwrap().dates.unwrap();
    assert_eq!(man.contraception_until.to_string(), "2027-04-30"); // 1 month
    // A clinic whose policy is the label's 1 month for women.
    let flat = pricing::parse(include_str!("../../pricing/flat-clinic-jp.toml"), "flat").unwrap();
    let woman = estimate(&flat, &req(Sex::Female)).unwrap().dates.unwrap();
    assert_eq!(woman.contraception_until.to_string(), "2027-04-30");
    // No start date: no dates.
    assert!(
        estimate(
            &sheet,
            &CourseRequest::constant(Sex::Female, Dose::daily(20), 4)
        )
        .unwrap()
        .dates
        .is_none()
    );
}

#[test]
fn patient_cautions_apply_to_this_patient_only() {
    let sheet = reference_sheet();
    let codes = |req: &CourseRequest, japan| {
        let est = estimate(&sheet, req).unwrap();
        patient_cautions(&est, &sheet, japan)
            .iter()
            .map(|c| c.code)
            .collect::<Vec<_>>()
    };
    let woman = CourseRequest {
        start: Some("2026-12-01".parse().unwrap()),
        ..CourseRequest::constant(Sex::Female, Dose::daily(20), 4)
    };
    let c = codes(&woman, true);
    assert!(
        c.contains(&"contraception_women_until") && !c.contains(&"contraception_men_until"),
        "{c:?}"
    );
    assert!(
        c.contains(&"unapproved_japan")
            && c.contains(&"vaccination_from")
            && !c.contains(&"interaction")
    );
    let man = CourseRequest {
        sex: Sex::Male,
        start: None,
        ..woman.clone()
    };
    let c = codes(&man, false);
    assert!(
        c.contains(&"contraception_men")
            && !c.contains(&"unapproved_japan")
            && c.contains(&"vaccination"),
        "{c:?}"
    );
    let on_minocycline = CourseRequest {
        screening: Screening {
            medicines: vec!["minocycline".into()],
            ..Screening::default()
        },
        ..woman
    };
    let est = estimate(&sheet, &on_minocycline).unwrap();
    let all = patient_cautions(&est, &sheet, true);
    let text = all
        .iter()
        .find(|c| c.code == "interaction")
        .unwrap()
        .message(Lang::Ja);
    assert_eq!(
        text,
        "ミノサイクリン：テトラサイクリン系抗菌薬との併用で頭蓋内圧が上がるおそれがあります。併用しないでください。"
    );
    let contraception = all[0].message(Lang::En);
    assert!(
        contraception.contains("until 30 Sep 2027 (6 months after"),
        "{contraception}"
    );
}

#[test]
fn monitoring_schedule_and_protocol_costs() {
    let sheet = reference_sheet();
    let req = CourseRequest::constant(Sex::Female, Dose::daily(20), 6);
    let est = estimate(&sheet, &req).unwrap();
    let blood: Vec<u32> = tests_due(&sheet, &est)
        .iter()
        .filter(|t| t.code == "blood_test")
        .map(|t| t.month)
        .collect();
    assert_eq!(blood, [1, 2, 3, 4, 5, 6]);
    let costs = compare_protocols(&sheet, &req).unwrap();
    let by = |p| costs.iter().find(|c| c.protocol == p).unwrap();
    assert_eq!(by(Protocol::Sheet).total.0, 115_324);
    assert_eq!(by(Protocol::Monthly).difference.0, 0);
    // Months 1, 2, 4, 6: two blood tests fewer.
    assert_eq!(
        (
            by(Protocol::MonthlyTwoThenEveryTwo).tests,
            by(Protocol::MonthlyTwoThenEveryTwo).difference.0
        ),
        (4, -2 * 3608)
    );
    // Months 1, 3, 5.
    assert_eq!(
        (
            by(Protocol::BaselineThenEveryTwo).tests,
            by(Protocol::BaselineThenEveryTwo).difference.0
        ),
        (3, -3 * 3608)
    );
    // The Korean sheet tests every 2 months already: monthly costs more.
    let kr = pricing::parse(include_str!("../../pricing/example-clinic-kr.toml"), "kr").unwrap();
    let costs = compare_protocols(&kr, &req).unwrap();
    let monthly = costs
        .iter()
        .find(|c| c.protocol == Protocol::Monthly)
        .unwrap();
    assert!(monthly.difference.0 > 0);
    // Pregnancy tests stay at every visit whatever the protocol.
    let est = estimate(&kr, &req).unwrap();
    let urine = tests_due(&kr, &est)
        .iter()
        .filter(|t| t.code == "urine_test")
        .count();
    assert_eq!(urine, 6);
}

#[test]
fn a_clinics_own_test_counts_for_the_tests_caution_and_a_flat_sheet_has_none() {
    let sheet = pricing::parse(
        &include_str!("../../pricing/reference-clinic-jp.toml").replace(
            "code = \"blood_test\"",
            "code = \"lipid_panel\"\nname = { en = \"Lipid panel\" }",
        ),
        "own.toml",
    )
    .unwrap();
    let est = estimate(
        &sheet,
        &CourseRequest::constant(Sex::Male, Dose::daily(20), 2),
    )
    .unwrap();
    let codes: Vec<_> = patient_cautions(&est, &sheet, true)
        .iter()
        .map(|c| c.code)
        .collect();
    assert!(codes.contains(&"tests_at_visits"), "{codes:?}");
    let flat = pricing::parse(
        include_str!("../../pricing/flat-clinic-jp.toml"),
        "flat.toml",
    )
    .unwrap();
    let est = estimate(
        &flat,
        &CourseRequest::constant(Sex::Male, Dose::daily(20), 2),
    )
    .unwrap();
    let codes: Vec<_> = patient_cautions(&est, &flat, true)
        .iter()
        .map(|c| c.code)
        .collect();
    assert!(!codes.contains(&"tests_at_visits"), "{codes:?}");
}

/// The reference sheet with its in-clinic urine pregnancy test replaced by home testing.
fn home_testing_sheet() -> String {
    let text = pricing::REFERENCE_SHEET_TOML.replace(
        "[[tests]]\ncode = \"urine_test\"\nprice = 1056\nwho = \"women\"\n",
        "[pregnancy_test]\nwhere = \"home\"\n",
    );
    assert!(!text.contains("urine_test"), "the sheet's layout changed");
    text
}

#[test]
fn the_handout_says_what_the_sheet_says_about_pregnancy_tests() {
    use dose_planner::pdf::{PdfRequest, estimate_pdf};
    use dose_planner::quote::Quote;
    let codes = |sheet: &pricing::PriceSheet, sex| -> Vec<&'static str> {
        let req = CourseRequest::constant(sex, Dose::daily(20), 3);
        let q = Quote::compute(sheet, &req, jiff::civil::date(2026, 11, 24)).unwrap();
        q.cautions().iter().map(|c| c.code).collect()
    };
    // The reference clinic tests women at its visits.
    let reference = reference_sheet();
    assert!(codes(&reference, Sex::Female).contains(&"pregnancy_test_clinic"));
    assert!(!codes(&reference, Sex::Female).contains(&"pregnancy_test_home"));
    assert!(
        !codes(&reference, Sex::Male)
            .iter()
            .any(|c| c.starts_with("pregnancy_test"))
    );

    // A clinic whose patients test at home: the estimate has no pregnancy test, and the
    // handout says to test at home, never that the clinic tests.
    let home = pricing::parse(&home_testing_sheet(), "home.toml").unwrap();
    let woman = codes(&home, Sex::Female);
    assert!(woman.contains(&"pregnancy_test_home"), "{woman:?}");
    assert!(!woman.contains(&"pregnancy_test_clinic"), "{woman:?}");
    let req = CourseRequest::constant(Sex::Female, Dose::daily(20), 3);
    let q = Quote::compute(&home, &req, jiff::civil::date(2026, 11, 24)).unwrap();
    // Month 1 without the urine test: 3,850 + 12,540 + 3,608 = 19,998 (a man's price).
    assert_eq!(q.first_month().0.0, 19_998);
    let bytes = estimate_pdf(&PdfRequest {
        quote: &q,
        lang: Lang::Ja,
        patient: None,
        quote_number: None,
        staff: None,
    })
    .unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text: String = doc
        .extract_text(&pages)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("毎月ご自宅で妊娠検査"), "{text}");
    assert!(!text.contains("クリニックで妊娠検査を行います"), "{text}");
    assert!(!text.contains("尿妊娠検査"), "{text}");

    // A flat sheet says nothing about where: the handout claims no test.
    let flat = pricing::parse(include_str!("../../pricing/flat-clinic-jp.toml"), "flat").unwrap();
    assert!(
        !codes(&flat, Sex::Female)
            .iter()
            .any(|c| c.starts_with("pregnancy_test"))
    );
}

#[test]
fn a_medicine_is_named_in_the_readers_language() {
    // Added by its brand name, kept by its generic name; each language prints its own name.
    let req = CourseRequest {
        screening: Screening {
            medicines: vec!["minocycline".to_string()],
            ..Screening::default()
        },
        ..CourseRequest::constant(Sex::Female, Dose::daily(20), 4)
    };
    let est = estimate(&reference_sheet(), &req).unwrap();
    let warning = est
        .warnings
        .iter()
        .find(|w| w.code == "interaction_tetracycline")
        .unwrap();
    let said = |lang| warning.message(lang);
    assert!(
        said(Lang::Ja).starts_with("ミノサイクリンを服用中"),
        "{}",
        said(Lang::Ja)
    );
    assert!(
        said(Lang::Ko).starts_with("미노사이클린 복용 중"),
        "{}",
        said(Lang::Ko)
    );
    assert!(
        said(Lang::En).starts_with("Takes minocycline"),
        "{}",
        said(Lang::En)
    );
    // The handout's caution line too.
    let cautions = patient_cautions(&est, &reference_sheet(), true);
    let line = |lang| {
        cautions
            .iter()
            .map(|c| c.message(lang))
            .find(|m| m.contains("サイクリン") || m.contains("cycline") || m.contains("사이클린"))
            .unwrap()
    };
    assert!(
        line(Lang::Ja).starts_with("ミノサイクリン："),
        "{}",
        line(Lang::Ja)
    );
    assert!(
        line(Lang::Ko).starts_with("미노사이클린:"),
        "{}",
        line(Lang::Ko)
    );
    assert!(
        line(Lang::En).starts_with("minocycline:"),
        "{}",
        line(Lang::En)
    );
}
