//! One patient across Quote, Plan, Compare and the course; the Plan screen for the consultation.
//!
//! Driven headless with egui_kittest through what a person reads; "today" is fixed at
//! 1 April 2025, the register lives in a temp folder. Prices are the built-in sheet's
//! (pricing/reference-clinic-jp.toml): first visit 3,850, return 1,650, 20 mg capsule 418,
//! blood test 3,608, urine pregnancy test 1,056 (women only), every month.

#![allow(clippy::unwrap_used)]

use crate::common::{self, one_named, retype, run};

use dose_planner::app::{Command, DesktopApp, Screen};
use dose_planner::i18n::Lang;
use eframe::egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

/// The first window's inner size (`FIRST_WINDOW`): 1366×768 less a task bar and title bar.
const WINDOW: [f32; 2] = [1280.0, 688.0];

/// The app in `lang`, `size` points large, with sheets from `pricing/`.
fn app_sized(lang: Lang, size: [f32; 2]) -> Harness<'static, DesktopApp> {
    let mut h = Harness::builder().with_size(size).build_eframe(move |cc| {
        let mut app = DesktopApp::with_options(cc, today(), Path::new("pricing"));
        app.settings.open_after_export = false;
        app.settings.lang = lang;
        app.native_dialogs = false;
        app
    });
    h.run();
    h
}

fn app() -> Harness<'static, DesktopApp> {
    app_sized(Lang::En, WINDOW)
}

fn click(h: &mut Harness<'static, DesktopApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Whether the radio button `label` is the one chosen.
fn chosen(h: &Harness<'static, DesktopApp>, label: &str) -> bool {
    h.get_by_role_and_label(Role::RadioButton, label)
        .accesskit_node()
        .toggled()
        == Some(Toggled::True)
}

/// The text in the text field `label`.
fn field(h: &Harness<'static, DesktopApp>, label: &str) -> String {
    h.get_by_role_and_label(Role::TextInput, label)
        .accesskit_node()
        .value()
        .unwrap_or_default()
}

/// Types the plan a doctor types on the Plan screen: the weight, and the doses of months
/// 1 to 6, 20 → 40 → 40 → 40 → 60 → 60 mg/day (month 2's 40 copied down with ↓, then
/// months 5 and 6 typed).
fn type_plan(h: &mut Harness<'static, DesktopApp>, weight: &str) {
    retype(h, "Weight (kg)", weight);
    retype(h, "Month 1", "20");
    retype(h, "Month 2", "40");
    click(h, "Month 2: Same for later months");
    retype(h, "Month 5", "60");
    retype(h, "Month 6", "60");
}

// ---- 1. One patient, several views ---------------------------------------------------------

#[test]
fn the_sex_chosen_on_the_quote_screen_is_the_plan_screens_and_the_reverse() {
    let mut h = app();
    click(&mut h, "Female");
    assert!(chosen(&h, "Female"));
    click(&mut h, "Plan");
    assert_eq!(h.state().settings.screen, Screen::Plan);
    assert!(
        chosen(&h, "Female"),
        "the plan shows the sex chosen at the desk"
    );
    click(&mut h, "Male");
    click(&mut h, "Quote");
    assert!(
        chosen(&h, "Male"),
        "the quote shows the sex chosen by the doctor"
    );
    assert!(!chosen(&h, "Female"));
    // The quote is a man's now: no urine pregnancy test. Month 1 at 20 mg/day:
    // 3,850 + 30 × 418 (12,540) + 3,608 = 19,998.
    one_named(&h, "Month 1: ¥19,998");
}

#[test]
fn the_name_typed_once_is_the_pdfs_and_the_saved_quotes_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app();
    click(&mut h, "Female");
    h.get_by_label("Patient").click();
    h.get_by_label("Patient").type_text("Tanaka Hanako");
    h.run();
    click(&mut h, "Plan");
    type_plan(&mut h, "58.5");
    // The name field is the same on the Plan screen.
    assert_eq!(field(&h, "Patient"), "Tanaka Hanako");
    let saved = dir.path().join("plan.json");
    run(&mut h, Command::SaveQuote(saved.clone()));
    let json = std::fs::read_to_string(&saved).unwrap();
    assert!(json.contains("\"Tanaka Hanako\""), "{json}");
    assert!(json.contains("58.5"), "{json}");

    // Opened again in a new window: the patient comes back with the plan.
    let mut h = app();
    run(&mut h, Command::OpenQuote(saved));
    assert_eq!(h.state().settings.screen, Screen::Plan);
    assert_eq!(field(&h, "Patient"), "Tanaka Hanako");
    assert_eq!(field(&h, "Weight (kg)"), "58.5");
    assert!(chosen(&h, "Female"));
    click(&mut h, "Quote");
    assert!(chosen(&h, "Female"));
}

#[test]
fn the_weight_typed_on_the_plan_is_the_course_views_and_compare_pins_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_sized(Lang::En, [1366.0, 1400.0]);
    run(
        &mut h,
        Command::OpenRegister(dir.path().join("register.sqlite3")),
    );
    click(&mut h, "Plan");
    click(&mut h, "Male");
    type_plan(&mut h, "72.5");
    click(&mut h, "Pin for comparison (0/3)");
    click(&mut h, "Compare");
    // Compare pins the weight with the plan.
    h.get_by_label("72.5 kg");

    // The patient is registered and a course made from the plan: the course view's visit
    // form weighs the same 72.5 kg.
    click(&mut h, "Patients");
    click(&mut h, "New patient…");
    retype(&mut h, "Patient number", "A-0007");
    retype(&mut h, "Name", "Sato Jiro");
    retype(&mut h, "Date of birth (YYYY-MM-DD)", "1999-02-03");
    click(&mut h, "Male");
    click(&mut h, "Add patient");
    click(&mut h, "New course from the current plan");
    assert!(h.state().patients.course.is_some());
    assert_eq!(field(&h, "Weight (kg)"), "72.5");
    // The register's patient is the one every screen shows: name and number.
    assert_eq!(field(&h, "Patient"), "Sato Jiro");
    h.get_by_label("No. A-0007");

    // Weighed again at the consultation, on the Plan screen: the course view shows it.
    click(&mut h, "Plan");
    retype(&mut h, "Weight (kg)", "70");
    click(&mut h, "Patients");
    assert_eq!(field(&h, "Weight (kg)"), "70");
    // And back: a weight typed in the visit form is the Plan screen's.
    retype(&mut h, "Weight (kg)", "69.5");
    click(&mut h, "Plan");
    assert_eq!(field(&h, "Weight (kg)"), "69.5");
    // The plan follows it: 7,800 mg / 69.5 kg = 112.2 mg/kg.
    h.get_by_label("112.2 mg/kg (7,800 mg)");
}

#[test]
fn each_screen_keeps_its_own_scroll_position() {
    // A short window, so Compare with three plans scrolls.
    let mut h = app_sized(Lang::En, [1280.0, 340.0]);
    click(&mut h, "Plan");
    click(&mut h, "Female");
    common::typical_plan(&mut h);
    for n in 0..3 {
        click(&mut h, &format!("Pin for comparison ({n}/3)"));
    }
    click(&mut h, "Compare");
    let top = |h: &Harness<'static, DesktopApp>| h.get_by_label("Plan 1").rect().top();
    let unscrolled = top(&h);
    h.get_by_label("Last dose").scroll_to_me();
    h.run();
    let scrolled = top(&h);
    assert!(scrolled < unscrolled - 20.0, "{unscrolled} → {scrolled}");

    // Another screen is not scrolled by Compare's position…
    click(&mut h, "Quotes");
    click(&mut h, "Patients");
    // …and Compare is still where it was left.
    click(&mut h, "Compare");
    assert_eq!(top(&h), scrolled);
    // The Plan screen was not moved either: its inputs are where they were.
    click(&mut h, "Plan");
    assert!(h.get_by_label("Weight (kg)").rect().top() < 200.0);
}

// ---- 2. The Plan screen for the consultation -------------------------------------------------

/// Asserts that the widget `label` (every one of that name) lies inside the window of
/// `size`: seen without scrolling and not cut off.
#[track_caller]
fn inside(h: &Harness<'static, DesktopApp>, label: &str, size: [f32; 2]) {
    let nodes: Vec<_> = h.query_all_by_label(label).collect();
    assert!(!nodes.is_empty(), "no widget named {label:?}");
    for n in nodes {
        let r = n.rect();
        assert!(
            r.left() >= 0.0 && r.top() >= 0.0 && r.right() <= size[0] && r.bottom() <= size[1],
            "{label:?} at {r:?} is outside the {size:?} window"
        );
    }
}

/// The Plan screen of a 60 kg woman, 20 → 40 → 40 → 40 → 60 → 60 mg/day, target 120 mg/kg,
/// from 1 April 2025, checked to show its table, results and chart in a window of `size`.
fn plan_on_one_screen(size: [f32; 2]) {
    let mut h = app_sized(Lang::En, size);
    click(&mut h, "Plan");
    click(&mut h, "Female");
    type_plan(&mut h, "60");
    click(&mut h, "120");
    retype(&mut h, "Start date (YYYY-MM-DD)", "2025-04-01");

    // The inputs.
    for label in ["Weight (kg)", "Start date (YYYY-MM-DD)", "120", "Months"] {
        inside(&h, label, size);
    }
    // The month table: each month's dose field, ↓ and cost; months 1 and 6 by hand:
    // month 1 = 3,850 + 30 × 418 + 3,608 + 1,056 = 21,054;
    // month 6 = 1,650 + 30 × 3 × 418 (37,620) + 3,608 + 1,056 = 43,934.
    for n in 1..=6 {
        inside(&h, &format!("Month {n}"), size);
    }
    inside(&h, "Month 1: Same for later months", size);
    inside(&h, "¥21,054", size);
    inside(&h, "¥43,934", size);
    // mg/kg/day (20 / 60 and 60 / 60) and the cumulative mg/kg at the end of month 6:
    // (20 + 3 × 40 + 2 × 60) × 30 = 7,800 mg / 60 kg = 130.0 mg/kg.
    inside(&h, "0.33", size);
    inside(&h, "130.0", size);
    inside(&h, "Cumulative mg/kg", size);
    // The results: 120 mg/kg × 60 kg = 7,200 mg; 6,000 mg by the end of month 5, then
    // 1,200 mg at 60 mg/day = 20 days: day 170, 1 April + 169 days = 17 September 2025.
    inside(&h, "Month 6, day 170 (17 Sep 2025)", size);
    // Day 180 is the last: 1 April + 179 days.
    inside(&h, "27 Sep 2025", size);
    // Consultations 3,850 + 5 × 1,650 = 12,100; tests 6 × 4,664 = 27,984; capsules
    // 390 × 418 = 163,020; 203,104 in all (in the results and the table's total row).
    inside(&h, "¥203,104", size);
    inside(&h, "Pin for comparison (0/3)", size);
    // The chart and its legend.
    inside(&h, "Cumulative mg/kg by day", size);
    inside(&h, "120–150 mg/kg band", size);
    inside(&h, "220 mg/kg maximum", size);
    let chart = h
        .query_all_by_label("Cumulative mg/kg by day")
        .map(|n| n.rect())
        .max_by(|a, b| a.height().total_cmp(&b.height()))
        .unwrap();
    assert!(
        chart.height() >= 150.0,
        "a chart too small to read: {chart:?}"
    );
    // The screening is a tab of its own.
    inside(&h, "Screening & safety", size);
}

#[test]
fn the_plan_shows_its_table_results_and_chart_together_in_the_first_window() {
    plan_on_one_screen(WINDOW);
}

#[test]
fn the_plan_is_not_cut_off_at_1024_by_768() {
    // The window on a 1024×768 screen, shrunk to fit above the task bar.
    plan_on_one_screen([1024.0, 688.0]);
}

#[test]
fn the_plan_starts_empty_with_a_hint_and_no_warnings() {
    let mut h = app();
    click(&mut h, "Plan");
    assert_eq!(field(&h, "Weight (kg)"), "");
    for n in 1..=6 {
        assert_eq!(field(&h, &format!("Month {n}")), "");
    }
    h.get_by_label_contains("Enter the weight and the dose of month 1");
    // No invented patient or plan: no figure, no warning, no error.
    for text in [
        "Warnings",
        "mg/kg (",
        "¥",
        "▲",
        "ⓘ",
        "■",
        "not possible",
        "no dose yet",
    ] {
        assert!(
            h.query_all_by_label_contains(text).next().is_none(),
            "{text:?} on the empty plan"
        );
    }
    // Export says what is missing.
    let why = h.state().current_estimate().unwrap_err();
    assert!(why.contains("Enter the patient’s weight in kg"), "{why}");
}

#[test]
fn a_weight_of_0_is_an_error_and_stays_0() {
    let mut h = app();
    click(&mut h, "Plan");
    click(&mut h, "Female");
    type_plan(&mut h, "0");
    h.get_by_label_contains("A body weight of 0 kg is not possible");
    // Never changed to the nearest possible weight.
    assert_eq!(field(&h, "Weight (kg)"), "0");
    assert!(h.query_all_by_label_contains("mg/kg (").next().is_none());

    retype(&mut h, "Weight (kg)", "-5");
    h.get_by_label_contains("A body weight of -5 kg is not possible");
    retype(&mut h, "Weight (kg)", "6O");
    h.get_by_label_contains("Enter the weight as a number of kg");
    retype(&mut h, "Weight (kg)", "");
    h.get_by_label_contains("Enter the patient’s weight in kg");

    // In Japanese, as a Japanese input method types it: full-width digits.
    click(&mut h, "日本語");
    retype(&mut h, "体重（kg）", "０");
    h.get_by_label_contains("体重 0 kg は入力できません");
    retype(&mut h, "体重（kg）", "６０");
    // 7,800 mg / 60 kg.
    h.get_by_label("130.0 mg/kg（7,800 mg）");
}

#[test]
fn the_screening_tab_counts_its_findings_and_they_join_the_results() {
    let mut h = app();
    click(&mut h, "Plan");
    click(&mut h, "Female");
    common::typical_plan(&mut h);
    assert!(h.query_by_label("1 finding").is_none());
    click(&mut h, "Screening & safety");
    click(&mut h, "Pregnant");
    retype(&mut h, "Age (years)", "16");
    // Pregnant (a contraindication) and 16 years old (a guardian must come).
    h.get_by_label("2 findings");
    click(&mut h, "Dose plan");
    h.get_by_label("2 findings");
    h.get_by_label_contains("Pregnant: isotretinoin is contraindicated.");
    h.get_by_label_contains("under 18, a guardian must attend the first visit.");
}
