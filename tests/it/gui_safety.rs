#![allow(clippy::unwrap_used)]
//! The clinical-safety parts of the plan screen (screening, medicines, age, dates after the
//! course, monitoring), driven through their accessible labels with egui_kittest.

use crate::common::{self, retype};

use dose_planner::app::{Command, DesktopApp};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

/// The app in English on the plan screen.
fn plan() -> Harness<'static, DesktopApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 1000.0])
        .build_eframe(move |cc| {
            let mut app = DesktopApp::with_options(cc, today(), std::path::Path::new("pricing"));
            app.settings.open_after_export = false;
            app
        });
    h.run();
    h.get_by_label("English").click();
    h.run();
    h.get_by_label("Plan").click();
    h.run();
    // The Plan screen starts empty: a 60 kg patient and a plan to screen.
    common::typical_plan(&mut h);
    h.get_by_label("Screening & safety").click();
    h.run();
    h
}

/// Asserts that one widget reads `name` to a screen reader (a figure read out with its
/// caption, e.g. `Contraception until: 27 Mar 2026`).
#[track_caller]
fn shows(h: &Harness<'_, DesktopApp>, name: &str) {
    common::one_named(h, name);
}

/// How many widgets have an accessible name containing `text`.
fn count(h: &Harness<'_, DesktopApp>, text: &str) -> usize {
    h.query_all_by_label_contains(text).count()
}

const PREGNANT: &str = "Pregnant: isotretinoin is contraindicated.";

#[test]
fn pregnant_shows_the_contraindication_and_unchecking_removes_it() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    assert_eq!(count(&h, PREGNANT), 0);
    h.get_by_label("Pregnant").click();
    h.run();
    assert_eq!(count(&h, PREGNANT), 1);
    assert!(h.state().plan.inputs.screening.checked.len() == 1);
    h.get_by_label("Pregnant").click();
    h.run();
    assert_eq!(count(&h, PREGNANT), 0);
}

#[test]
fn pregnancy_items_are_asked_of_women_and_of_the_range_but_not_of_men() {
    let mut h = plan();
    h.get_by_label("Not given (range)").click();
    h.run();
    h.get_by_label("Pregnant");
    h.get_by_label("Breastfeeding");
    h.get_by_label("Pregnant").click();
    h.run();
    // The range's warnings are the woman's.
    assert_eq!(count(&h, PREGNANT), 1);

    h.get_by_label("Male").click();
    h.run();
    assert!(h.query_by_label("Pregnant").is_none());
    assert!(h.query_by_label("Breastfeeding").is_none());
    assert_eq!(count(&h, PREGNANT), 0);
    // Items for everyone stay.
    h.get_by_label("Psychiatric illness (depression, schizophrenia)");
}

#[test]
fn items_carry_their_consequence_badge() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    // 7 contraindications and 6 cautions on the checklist.
    assert_eq!(h.get_all_by_label("Contraindicated").count(), 7);
    assert_eq!(h.get_all_by_label("Caution").count(), 6);
    h.get_by_label("Male").click();
    h.run();
    assert_eq!(h.get_all_by_label("Contraindicated").count(), 4);
}

#[test]
fn a_caution_item_warns_without_contraindicating() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    h.get_by_label("Psychiatric illness (depression, schizophrenia)")
        .click();
    h.run();
    assert_eq!(count(&h, "Psychiatric illness: prescribe with care"), 1);
    assert_eq!(count(&h, "contraindicated."), 0);
}

#[test]
fn minomycin_finds_minocycline_and_adding_it_warns() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    assert_eq!(count(&h, "Takes minocycline"), 0);
    h.get_by_label("Find a medicine").click();
    h.run();
    h.get_by_label("Find a medicine").type_text("Minomycin");
    h.run();
    // The match shows with every name and the group's warning; nothing is added yet.
    h.get_by_label_contains("minocycline (Minomycin");
    assert_eq!(count(&h, "Tetracycline antibiotics with isotretinoin"), 1);
    assert_eq!(count(&h, "Takes minocycline"), 0);

    h.get_by_label_contains("minocycline (Minomycin").click();
    h.run();
    assert_eq!(
        h.state().plan.inputs.screening.medicines,
        vec!["minocycline".to_string()]
    );
    assert_eq!(
        count(
            &h,
            "Takes minocycline: tetracycline antibiotics with isotretinoin can raise intracranial pressure."
        ),
        1
    );

    // The chip's remove button takes it off again.
    h.get_by_label("Remove minocycline").click();
    h.run();
    assert_eq!(count(&h, "Takes minocycline"), 0);
    assert!(h.state().plan.inputs.screening.medicines.is_empty());
}

#[test]
fn brand_names_in_japanese_find_medicines_and_unknown_names_say_so() {
    let mut h = plan();
    h.get_by_label("Find a medicine").click();
    h.run();
    h.get_by_label("Find a medicine").type_text("プレドニン");
    h.run();
    h.get_by_label_contains("prednisolone").click();
    h.run();
    assert_eq!(count(&h, "Takes prednisolone"), 1);

    h.get_by_label("Find a medicine").click();
    h.get_by_label("Find a medicine").type_text("aspirin");
    h.run();
    h.get_by_label_contains("No medicine on the interaction list matches");
}

const GUARDIAN: &str = "under 18, a guardian must attend the first visit.";
const UNDER_15: &str = "under 15, growth plates may close early.";

#[test]
fn age_16_needs_a_guardian_and_30_does_not() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    assert_eq!(count(&h, GUARDIAN), 0);
    retype(&mut h, "Age (years)", "16");
    assert_eq!(h.state().patient.age_years(today()), Some(16));
    assert_eq!(count(&h, "Age 16: under 18, a guardian must attend"), 1);
    assert_eq!(count(&h, UNDER_15), 0);
    h.get_by_label("Guardian required");

    retype(&mut h, "Age (years)", "30");
    assert_eq!(h.state().patient.age_years(today()), Some(30));
    assert_eq!(count(&h, GUARDIAN), 0);
    assert!(h.query_by_label("Guardian required").is_none());

    retype(&mut h, "Age (years)", "14");
    assert_eq!(count(&h, UNDER_15), 1);
    assert_eq!(count(&h, GUARDIAN), 1);

    retype(&mut h, "Age (years)", "x");
    h.get_by_label_contains("Enter the age as a whole number");
    assert_eq!(h.state().patient.age_years(today()), None);
}

#[test]
fn age_from_date_of_birth_uses_today() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    h.get_by_label("From date of birth").click();
    h.run();
    // Born 2010-04-02: 14 on 2025-04-01, the day before the 15th birthday.
    retype(&mut h, "Date of birth", "2010-04-02");
    h.get_by_label("Age today: 14");
    assert_eq!(count(&h, UNDER_15), 1);
    // Born 2010-04-01: 15 today.
    retype(&mut h, "Date of birth", "2010-04-01");
    h.get_by_label("Age today: 15");
    assert_eq!(count(&h, UNDER_15), 0);
    assert_eq!(count(&h, GUARDIAN), 1);
    // Born 2000-01-01: an adult.
    retype(&mut h, "Date of birth", "2000-01-01");
    assert_eq!(count(&h, GUARDIAN), 0);
    // Not after today.
    retype(&mut h, "Date of birth", "2030-01-01");
    h.get_by_label_contains("Enter the date of birth as YYYY-MM-DD");
}

#[test]
fn dates_after_the_course_follow_the_start_date() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    h.get_by_label("Weight (kg)").set_value_accesskit(60.0);
    h.run();
    retype(&mut h, "Start date (YYYY-MM-DD)", "2025-04-01");
    // 6 months of 30 days from 2025-04-01: last dose 2025-04-01 + 179 days = 2025-09-27.
    shows(&h, "Last dose: 27 Sep 2025");
    // The built-in sheet: contraception for 6 months after the last dose for a woman…
    shows(&h, "Contraception until: 27 Mar 2026");
    // …no sunburn or laser for 2 months, laser hair removal and vaccines after 1, elective
    // surgery after 6, a next course after 2.
    shows(
        &h,
        "No sunburn, laser or light treatment until: 27 Nov 2025",
    );
    shows(&h, "Laser hair removal from: 27 Oct 2025");
    shows(&h, "Vaccination from: 27 Oct 2025");
    shows(&h, "Elective surgery from: 27 Mar 2026");
    shows(&h, "Next course from: 27 Nov 2025");

    // A man's partner: 1 month.
    h.get_by_label("Male").click();
    h.run();
    shows(&h, "Contraception until: 27 Oct 2025");
    assert_eq!(count(&h, "Contraception until: 27 Mar 2026"), 0);
    // Without a sex, both.
    h.get_by_label("Not given (range)").click();
    h.run();
    shows(&h, "Contraception until (woman): 27 Mar 2026");
    shows(&h, "Contraception until (man): 27 Oct 2025");

    // A later start moves every date: 2025-05-01 + 179 days = 2025-10-27.
    retype(&mut h, "Start date (YYYY-MM-DD)", "2025-05-01");
    shows(&h, "Last dose: 27 Oct 2025");
    shows(&h, "Contraception until (woman): 27 Apr 2026");
}

#[test]
fn no_dates_without_a_start_date() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    retype(&mut h, "Start date (YYYY-MM-DD)", "");
    assert_eq!(count(&h, "Contraception until"), 0);
    assert_eq!(count(&h, "Next course from"), 0);
    h.get_by_label("Enter a start date to see the dates after the course.");
}

#[test]
fn tests_fall_at_each_visit_with_their_price() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    // The built-in sheet: a blood test and, for women, a urine pregnancy test every month.
    assert_eq!(
        count(&h, "Blood test (¥3,608) · Urine pregnancy test (¥1,056)"),
        6
    );
    shows(
        &h,
        "Month 6: Blood test (¥3,608) · Urine pregnancy test (¥1,056)",
    );
    h.get_by_label("Male").click();
    h.run();
    assert_eq!(count(&h, "Blood test (¥3,608)"), 6);
    assert_eq!(count(&h, "Urine pregnancy test (¥"), 0);
}

/// Sets every month of the plan to `mg` mg/day (on the dose tab, then back).
fn every_month(h: &mut Harness<'_, DesktopApp>, mg: &str) {
    h.get_by_label("Dose plan").click();
    h.run();
    retype(h, "Month 1", mg);
    h.run();
    h.get_by_label("Month 1: Same for later months").click();
    h.run();
    h.get_by_label("Screening & safety").click();
    h.run();
}

#[test]
fn protocol_comparison_shows_the_saving_of_fewer_blood_tests() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    every_month(&mut h, "20");
    assert_eq!(h.state().plan.inputs.months.len(), 6);
    assert!(h.state().plan.inputs.months.iter().all(|m| m.text == "20"));
    h.get_by_label("Blood-test protocols compared");
    h.get_by_label("Monthly for 2 months, then every 2 months");
    // Months 1, 2, 4 and 6 instead of every month: 2 × 3,608 = 7,216 yen less.
    shows(
        &h,
        "Monthly for 2 months, then every 2 months, Difference: -¥7,216",
    );
    // Months 1, 3 and 5: 3 × 3,608 = 10,824 yen less.
    shows(&h, "Baseline, then every 2 months, Difference: -¥10,824");
    // Every visit is this sheet's own schedule: no difference.
    shows(&h, "Blood test at every visit, Difference: ¥0");
}

#[test]
fn protocols_make_no_difference_over_one_month() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    h.get_by_label("Months").set_value_accesskit(1.0);
    h.run();
    assert_eq!(h.state().plan.inputs.months.len(), 1);
    h.get_by_label("Monthly for 2 months, then every 2 months");
    assert_eq!(count(&h, "-¥"), 0);
}

#[test]
fn a_flat_sheet_includes_the_tests() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    assert_eq!(count(&h, "package includes the tests"), 0);
    // The flat sheet has packages for 20 and 40 mg/day.
    every_month(&mut h, "20");
    h.state_mut()
        .run_command(Command::LoadSheet(Some(std::path::PathBuf::from(
            "pricing/flat-clinic-jp.toml",
        ))));
    h.run();
    h.get_by_label_contains("package includes the tests");
    assert!(h.query_by_label("Blood-test protocols compared").is_none());
}

#[test]
fn screening_reaches_the_exported_estimate() {
    let mut h = plan();
    h.get_by_label("Female").click();
    h.run();
    h.get_by_label("Pregnant").click();
    h.run();
    let est = h.state().current_estimate().unwrap();
    assert!(est.warnings.iter().any(|w| w.code == "screen_pregnant"));
}

#[test]
fn the_safety_section_reads_in_japanese_and_korean() {
    let mut h = plan();
    h.get_by_label("日本語").click();
    h.run();
    h.get_by_label("問診チェック");
    h.get_by_label("服用終了後の日付");
    h.get_by_label("血液検査プロトコルの比較");
    h.get_by_label("한국어").click();
    h.run();
    h.get_by_label("문진 체크");
    h.get_by_label("복용 종료 후 날짜");
    h.get_by_label("혈액검사 프로토콜 비교");
}
