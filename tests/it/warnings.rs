//! Each dose rule of domain.md §2 fires when broken and stays quiet when kept.

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input

use dose_planner::Lang;
use dose_planner::dose::{Dose, dose_for_target};
use dose_planner::estimate::{CourseRequest, Sex, Visit, estimate};
use dose_planner::pricing::reference_sheet;

fn codes(doses: &[&str], weight: Option<f64>, visit: Visit) -> Vec<&'static str> {
    let req = CourseRequest {
        doses: doses.iter().map(|d| Dose::parse(d).unwrap()).collect(),
        weight_kg: weight,
        visit,
        ..CourseRequest::constant(Sex::Male, Dose::daily(20), 1)
    };
    estimate(&reference_sheet(), &req)
        .unwrap()
        .warnings
        .iter()
        .map(|w| w.code)
        .collect()
}

#[test]
fn above_2_mg_per_kg_per_day() {
    // 50 kg: 120 mg = 2.4 mg/kg/day in month 2.
    let c = codes(&["40", "120"], Some(50.0), Visit::First);
    assert!(c.contains(&"dose_above_2_mg_per_kg"), "{c:?}");
    // Exactly 2.0 is allowed.
    let c = codes(&["40", "100"], Some(50.0), Visit::First);
    assert!(!c.contains(&"dose_above_2_mg_per_kg"), "{c:?}");
    // Unknown weight: no mg/kg rule can fire.
    assert!(codes(&["40", "120"], None, Visit::First).is_empty());
    // The heavy day of an alternating dose counts: 120/0 at 50 kg is 2.4 mg/kg that day.
    let c = codes(&["120/0"], Some(50.0), Visit::Return);
    assert!(c.contains(&"dose_above_2_mg_per_kg"), "{c:?}");
}

#[test]
fn above_1_mg_per_kg_in_month_one() {
    let c = codes(&["80"], Some(60.0), Visit::First);
    assert!(c.contains(&"month1_above_1_mg_per_kg"), "{c:?}");
    let c = codes(&["60"], Some(60.0), Visit::First);
    assert!(!c.contains(&"month1_above_1_mg_per_kg"), "{c:?}");
    // A return visit continues a course: month 1 of the quote is not its start.
    let c = codes(&["80"], Some(60.0), Visit::Return);
    assert!(!c.contains(&"month1_above_1_mg_per_kg"), "{c:?}");
}

#[test]
fn cumulative_band() {
    // 60 kg, 40 mg × 6 months = 7,200 mg = 120 mg/kg: in the band.
    let six = ["40"; 6];
    let c = codes(&six, Some(60.0), Visit::First);
    assert!(
        !c.contains(&"cumulative_below_120") && !c.contains(&"cumulative_above_220"),
        "{c:?}"
    );
    // 20 mg × 6 = 3,600 mg = 60 mg/kg: below.
    let c = codes(&["20"; 6], Some(60.0), Visit::First);
    assert!(c.contains(&"cumulative_below_120"), "{c:?}");
    // 80 mg × 6 = 14,400 mg / 60 kg = 240 mg/kg: above 220.
    let c = codes(&["80"; 6], Some(60.0), Visit::First);
    assert!(c.contains(&"cumulative_above_220"), "{c:?}");
    // Weight unknown: no cumulative rule.
    assert!(!codes(&["20"; 6], None, Visit::First).contains(&"cumulative_below_120"));
}

#[test]
fn course_length() {
    // 4 months = 120 days ≤ 20 weeks (140 days).
    assert!(codes(&["20"; 4], None, Visit::First).is_empty());
    // 5 months = 150 days > 140.
    assert_eq!(
        codes(&["20"; 5], None, Visit::First),
        ["course_over_20_weeks"]
    );
    assert_eq!(
        codes(&["20"; 8], None, Visit::First),
        ["course_over_20_weeks"]
    );
    assert_eq!(
        codes(&["20"; 9], None, Visit::First),
        ["course_over_8_months"]
    );
}

#[test]
fn messages_are_localised_and_filled_in() {
    let req = CourseRequest {
        weight_kg: Some(50.0),
        ..CourseRequest::constant(Sex::Male, Dose::daily(120), 1)
    };
    let est = estimate(&reference_sheet(), &req).unwrap();
    let w = &est.warnings[0];
    assert_eq!(w.code, "dose_above_2_mg_per_kg");
    assert_eq!(
        w.message(Lang::En),
        "Month 1: 2.40 mg/kg/day is above the maximum of 2 mg/kg/day."
    );
    assert_eq!(
        w.message(Lang::Ja),
        "1か月目：2.40 mg/kg/日は上限の 2 mg/kg/日を超えています。"
    );
    assert!(w.message(Lang::Ko).contains("2.40 mg/kg/일"));
}

#[test]
fn target_dose_and_day_reached() {
    let sheet = reference_sheet();
    // domain.md: 60 kg, 120 mg/kg over 6 months ⇒ 40 mg/day, reached on the last day.
    assert_eq!(
        dose_for_target(120.0, 60.0, 180, &sheet.capsules).unwrap(),
        40
    );
    let req = CourseRequest {
        weight_kg: Some(60.0),
        target_mg_per_kg: Some(120.0),
        start: Some("2026-12-01".parse().unwrap()),
        ..CourseRequest::constant(Sex::Female, Dose::daily(40), 6)
    };
    let est = estimate(&sheet, &req).unwrap();
    let t = est.target_reached.unwrap();
    assert_eq!((t.day, t.month), (180, 6));
    // Day 180 from 2026-12-01 is 2027-05-29.
    assert_eq!(t.date.unwrap().to_string(), "2027-05-29");
    let d = est.dates.unwrap();
    assert_eq!(d.last_dose.to_string(), "2027-05-29");
    // Reference clinic: contraception 6 months for women.
    assert_eq!(d.contraception_until.to_string(), "2027-11-29");
    // A target beyond the plan is not reached.
    let req = CourseRequest {
        target_mg_per_kg: Some(150.0),
        ..req
    };
    assert!(estimate(&sheet, &req).unwrap().target_reached.is_none());
}
