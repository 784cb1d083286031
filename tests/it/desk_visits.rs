//! Issue 24 item 7: a course's visits are recorded as a clinic means them — one visit a day,
//! none before the course starts, the start day allowed even while it is ahead, "missed days
//! since the last visit" — and Enter submits the visit form and the New patient form.
//! A real SQLite register in a temporary folder.

use crate::common::{banner, retype, run};

use dose_planner::app::{Command, DesktopApp};
use eframe::egui::Key;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

/// Today in every test.
fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

fn app(register: &Path) -> Harness<'static, DesktopApp> {
    let mut h = Harness::builder()
        .with_size([1366.0, 1800.0])
        .build_eframe(|cc| {
            let mut app = DesktopApp::with_options(cc, today(), Path::new("pricing"));
            app.settings.open_after_export = false;
            app
        });
    h.run();
    h.get_by_label("English").click();
    h.run();
    run(&mut h, Command::OpenRegister(register.to_path_buf()));
    h
}

fn click(h: &mut Harness<'static, DesktopApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Whether some text on screen contains `text`.
fn shows(h: &Harness<'static, DesktopApp>, text: &str) -> bool {
    let text = text.to_string();
    h.query_all_by(move |n| {
        n.label().is_some_and(|l| l.contains(text.as_str()))
            || n.value().is_some_and(|v| v.contains(text.as_str()))
    })
    .next()
    .is_some()
}

/// Types in a text field and presses Enter there.
fn type_and_enter(h: &mut Harness<'static, DesktopApp>, label: &str, text: &str) {
    retype(h, label, text);
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
}

/// The days of the open course's visits, as stored in the register.
fn visit_days(h: &Harness<'static, DesktopApp>) -> Vec<String> {
    h.state()
        .patients
        .course
        .as_ref()
        .expect("a course on screen")
        .open
        .visits
        .iter()
        .map(|v| v.date.to_string())
        .collect()
}

/// A man of 60 kg on 40 mg/day from `start`, added as patient A-1 with Enter in the New
/// patient form, and his course from the plan.
fn course_from(h: &mut Harness<'static, DesktopApp>, start: &str) {
    click(h, "Plan");
    click(h, "Male");
    retype(h, "Weight (kg)", "60");
    retype(h, "Month 1", "40");
    click(h, "Month 1: Same for later months");
    retype(h, "Start date (YYYY-MM-DD)", start);
    click(h, "Patients");
    click(h, "New patient…");
    retype(h, "Patient number", "A-1");
    retype(h, "Date of birth (YYYY-MM-DD)", "1998-07-15");
    click(h, "Male");
    // Enter in the last field typed adds him: no click on "Add patient".
    type_and_enter(h, "Name", "Suzuki Ichiro");
    assert!(banner(h, false).contains("Suzuki Ichiro"));
    click(h, "New course from the current plan");
}

#[test]
fn one_visit_a_day_none_before_the_start_and_enter_records_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(&dir.path().join("register.sqlite3"));
    course_from(&mut h, "2025-03-01");
    assert!(shows(&h, "Missed days since the last visit"));

    // The day before the start: refused, said, nothing recorded (Enter does nothing either).
    type_and_enter(&mut h, "Visit date (YYYY-MM-DD)", "2025-02-28");
    assert!(shows(
        &h,
        "The visit is before the course starts (1 Mar 2025)"
    ));
    assert!(visit_days(&h).is_empty());

    // The start day, with Enter.
    type_and_enter(&mut h, "Visit date (YYYY-MM-DD)", "2025-03-01");
    assert!(banner(&h, false).contains("recorded"));
    assert_eq!(visit_days(&h), ["2025-03-01"]);

    // A second visit on the same day: refused, the Record button off.
    retype(&mut h, "Visit date (YYYY-MM-DD)", "2025-03-01");
    assert!(shows(&h, "This course already has a visit on 1 Mar 2025"));
    h.get_by_label("Record visit").click();
    h.run();
    h.run();
    assert_eq!(visit_days(&h), ["2025-03-01"]);

    // Tomorrow (not the start day): refused.
    retype(&mut h, "Visit date (YYYY-MM-DD)", "2025-04-02");
    assert!(shows(&h, "The visit is after today"));

    // Today: recorded.
    type_and_enter(&mut h, "Visit date (YYYY-MM-DD)", "2025-04-01");
    assert_eq!(visit_days(&h), ["2025-03-01", "2025-04-01"]);
}

#[test]
fn a_course_starting_after_today_takes_its_first_visit_on_the_start_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(&dir.path().join("register.sqlite3"));
    course_from(&mut h, "2025-04-10");
    retype(&mut h, "Visit date (YYYY-MM-DD)", "2025-04-11");
    assert!(shows(&h, "The visit is after today"));
    type_and_enter(&mut h, "Visit date (YYYY-MM-DD)", "2025-04-10");
    assert_eq!(visit_days(&h), ["2025-04-10"]);
}
