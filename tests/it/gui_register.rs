//! The desk app and the register (issue 12): patients, courses, visits, quotes. Each test
//! uses a real SQLite register in a temporary folder, never the user's, and works its
//! figures by hand from the reference sheet's prices: consultation 3,850 first / 1,650
//! return, capsules 10 mg 308 and 20 mg 418, blood test 3,608 at every visit (a man has no
//! urine test).

use crate::common::{self, one_named, retype, run};

use dose_planner::app::{Command, DesktopApp, Screen};
use dose_planner_register::{NewPatient, QuoteStatus, Register, SqliteRegister};
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;

/// Today in every test.
fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

/// The app in English on `register` (a file in a temporary folder).
fn app(register: &Path) -> Harness<'static, DesktopApp> {
    app_sized(register, [1366.0, 1800.0])
}

/// [`app`] in a window of `size`.
fn app_sized(register: &Path, size: [f32; 2]) -> Harness<'static, DesktopApp> {
    let mut h = Harness::builder().with_size(size).build_eframe(|cc| {
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

/// The plan of a man of 60 kg, target 120 mg/kg, 6 months of 40 mg/day from 2025-03-01.
fn plan_40_mg(h: &mut Harness<'static, DesktopApp>) {
    click(h, "Plan");
    click(h, "Male");
    retype(h, "Weight (kg)", "60");
    retype(h, "Month 1", "40");
    click(h, "Month 1: Same for later months");
    retype(h, "Start date (YYYY-MM-DD)", "2025-03-01");
}

/// Adds a patient through the New patient form.
fn add_patient(h: &mut Harness<'static, DesktopApp>, number: &str, name: &str, sex: &str) {
    click(h, "New patient…");
    retype(h, "Patient number", number);
    retype(h, "Name", name);
    retype(h, "Date of birth (YYYY-MM-DD)", "1998-07-15");
    click(h, sex);
    click(h, "Add patient");
}

/// The man's course from the 40 mg plan, with its first visit (2025-03-01) and its second
/// (today), both prefilled from the plan: 40 mg/day, 60 kg, 30 days, no missed day.
fn course_with_two_visits(h: &mut Harness<'static, DesktopApp>, missed_at_second: u32) {
    plan_40_mg(h);
    click(h, "Patients");
    add_patient(h, "A-0042", "Suzuki Ichiro", "Male");
    assert!(common::banner(h, false).contains("Suzuki Ichiro"));
    click(h, "New course from the current plan");
    // Before any visit, the course as planned: month 1 = 3,850 + 30 × 2 × 418 (25,080) +
    // 3,608 = 32,538; months 2–6 = 1,650 + 25,080 + 3,608 = 30,338 each;
    // 32,538 + 5 × 30,338 = 184,228.
    one_named(h, "Cost of the plan: ¥184,228");
    retype(h, "Visit date (YYYY-MM-DD)", "2025-03-01");
    // The amount is prefilled with month 1's subtotal.
    assert_eq!(
        h.state().patients.course.as_ref().unwrap().form.amount,
        "32,538"
    );
    click(h, "Record visit");
    assert!(common::banner(h, false).contains("recorded"));
    // After the first visit (1,200 mg) the second visit's form proposes the re-planned dose:
    // 7,200 − 1,200 = 6,000 mg over 5 × 30 days = 40 mg/day, charged 30,338.
    let form = &h.state().patients.course.as_ref().unwrap().form;
    assert_eq!((form.dose.as_str(), form.amount.as_str()), ("40", "30,338"));
    assert_eq!(form.date, "2025-04-01");
    if missed_at_second > 0 {
        h.get_by_role_and_label(Role::SpinButton, "Missed days since the last visit")
            .set_value_accesskit(f64::from(missed_at_second));
        h.run();
    }
    click(h, "Record visit");
}

#[test]
fn a_course_is_followed_from_the_plan_to_an_accepted_quote_and_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("register.sqlite3");
    let mut h = app(&register);
    course_with_two_visits(&mut h, 0);

    // Two visits of 30 days at 40 mg, none missed: 2 × 1,200 = 2,400 mg taken, 40.0 mg/kg at
    // 60 kg. Target 120 mg/kg × 60 kg = 7,200 mg; the plan's 6 months less 2 visits leave 4
    // months for 4,800 mg in 120 days = 40 mg/day. Each month is a return visit: 1,650 +
    // 25,080 + 3,608 = 30,338; 4 × 30,338 = 121,352.
    one_named(&h, "Dose from now: 40 mg/day");
    one_named(&h, "Months left: 4");
    one_named(&h, "Remaining cost: ¥121,352");
    one_named(&h, "mg, Taken so far: 2,400 mg");
    one_named(&h, "mg/kg, Taken so far: 40.0");
    one_named(&h, "mg, Whole course: 7,200 mg");
    // Paid so far: 32,538 + 30,338 = 62,876; whole course 62,876 + 121,352 = 184,228.
    one_named(&h, "Cost, Taken so far: ¥62,876");
    one_named(&h, "Cost, Remaining: ¥121,352");
    one_named(&h, "Cost, Whole course: ¥184,228");
    // The visits table: the two visits' dates (written out, as elsewhere) and amounts.
    h.get_by_label("1 Mar 2025");
    h.get_by_label("1 Apr 2025");
    h.get_by_label("¥32,538");

    // Exported from the course view: the rest's quote, logged as issued with the PDF's hash.
    let pdf = dir.path().join("estimate.pdf");
    run(&mut h, Command::ExportPdf(pdf.clone()));
    common::banner(&h, false);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let other_desk = SqliteRegister::open(&register).unwrap();
    let month = other_desk.quotes_of_month(today()).unwrap();
    assert_eq!(month.quotes.len(), 1);
    let logged = &month.quotes[0].quote;
    assert_eq!(
        (logged.total.0, logged.status),
        (121_352, QuoteStatus::Issued)
    );
    assert_eq!(
        logged.pdf_sha256.as_ref().map(|s| s.as_str().to_string()),
        Some(
            dose_planner::records::sha256_hex(&bytes)
                .as_str()
                .to_string()
        )
    );

    // The Quotes list of April 2025.
    click(&mut h, "Quotes");
    assert_eq!(h.state().settings.screen, Screen::Quotes);
    h.get_by_label("April 2025");
    h.get_by_label("Suzuki Ichiro");
    h.get_by_label("¥121,352");
    let status = "Status of the quote for Suzuki Ichiro (2025-04-01)";
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, status)
            .accesskit_node()
            .value()
            .as_deref(),
        Some("Issued")
    );
    h.get_by_label("Acceptance rate: no patient has answered yet");
    h.get_by_role_and_label(Role::ComboBox, status).click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Accepted").click();
    h.run();
    h.run();
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, status)
            .accesskit_node()
            .value()
            .as_deref(),
        Some("Accepted")
    );
    // One quote, answered yes: 1 of 1 = 100%.
    h.get_by_label("Acceptance rate 100% (1 of 1 answered)");
    h.get_by_label("Quoted ¥121,352; accepted ¥121,352");

    // The month as CSV, read back.
    let csv = dir.path().join("quotes.csv");
    run(&mut h, Command::ExportCsv(csv.clone()));
    assert!(common::banner(&h, false).starts_with("CSV written"));
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "Date,Patient number,Patient,Total,Currency,Status",
            "2025-04-01,A-0042,Suzuki Ichiro,121352,JPY,accepted",
        ]
    );
    // The settings hold no patient data, only (at most) the register's path.
    let settings = serde_json::to_string(&h.state().settings).unwrap();
    assert!(!settings.contains("Suzuki"), "{settings}");
}

#[test]
fn keeping_the_dose_moves_the_end_instead_of_raising_the_dose() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(&dir.path().join("register.sqlite3"));
    // The second visit reports 10 missed days: 1,200 + 40 × 20 = 2,000 mg taken.
    course_with_two_visits(&mut h, 10);
    one_named(&h, "mg, Taken so far: 2,000 mg");
    // Keep the end date: 7,200 − 2,000 = 5,200 mg over 4 × 30 days = 43.3 mg/day → the
    // smallest makeable dose above it, 50 mg (20 + 20 + 10): medication 30 × (418 + 418 +
    // 308) = 34,320; each month 1,650 + 34,320 + 3,608 = 39,578; 4 × 39,578 = 158,312.
    one_named(&h, "Dose from now: 50 mg/day");
    one_named(&h, "Months left: 4");
    one_named(&h, "Remaining cost: ¥158,312");
    // Keep the dose: 5,200 mg at 1,200 mg a month needs 5 months (4.3, rounded up):
    // 5 × 30,338 = 151,690.
    click(&mut h, "Keep the dose");
    one_named(&h, "Dose from now: 40 mg/day");
    one_named(&h, "Months left: 5");
    one_named(&h, "Remaining cost: ¥151,690");
    // The form proposes the dose of the choice made.
    assert_eq!(h.state().patients.course.as_ref().unwrap().form.dose, "40");
}

#[test]
fn patients_are_found_as_typed_and_a_used_number_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.sqlite3");
    {
        let mut r = SqliteRegister::open(&path).unwrap();
        for (number, name, sex) in [
            ("B-1", "田中 花子", dose_planner::Sex::Female),
            ("K-7", "김민지", dose_planner::Sex::Female),
            ("T-3", "Tanaka Taro", dose_planner::Sex::Male),
        ] {
            r.add_patient(&NewPatient {
                number: number.into(),
                name: name.into(),
                date_of_birth: jiff::civil::date(2000, 1, 2),
                sex,
            })
            .unwrap();
        }
    }
    let mut h = app(&path);
    click(&mut h, "Patients");
    // An empty search lists everyone.
    for name in ["田中 花子", "김민지", "Tanaka Taro"] {
        h.get_by_label(name);
    }
    retype(&mut h, "Find a patient", "田");
    h.get_by_label("田中 花子");
    assert!(h.query_by_label("Tanaka Taro").is_none());
    retype(&mut h, "Find a patient", "김");
    h.get_by_label("김민지");
    assert!(h.query_by_label("田中 花子").is_none());
    // By number prefix, without regard to case.
    retype(&mut h, "Find a patient", "t-");
    h.get_by_label("Tanaka Taro");
    assert!(h.query_by_label("김민지").is_none());
    retype(&mut h, "Find a patient", "Sato");
    h.get_by_label("No patient’s name or number starts with “Sato”.");

    // A number another patient has (in another case) is refused under the form.
    add_patient(&mut h, "b-1", "Sato Jiro", "Male");
    assert!(h.state().patients.page.is_none());
    assert_eq!(
        h.query_all_by_label_contains("Another patient already has the patient number b-1")
            .count(),
        1
    );

    // Opening a patient shows their page.
    retype(&mut h, "Find a patient", "Tanaka");
    click(&mut h, "Open Tanaka Taro (T-3)");
    h.get_by_label("Tanaka Taro (T-3)");
    h.get_by_label("No courses yet.");
}

#[test]
fn a_corrupt_register_gives_a_banner_and_quotes_still_price() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.sqlite3");
    std::fs::write(
        &path,
        b"this is not a database, just some text that is long enough",
    )
    .unwrap();
    let mut h = app(&path);
    let text = common::banner(&h, true);
    assert!(text.contains("damaged"), "{text}");
    assert!(
        text.contains("Quotes, plans and PDFs keep working"),
        "{text}"
    );
    click(&mut h, "Patients");
    h.get_by_label("The register is unavailable.");
    click(&mut h, "Quotes");
    h.get_by_label("The register is unavailable.");

    // The Quote screen prices as ever: month 1 = 3,850 + 30 × 418 (12,540) + 3,608 = 19,998;
    // months 2–6 = 1,650 + 12,540 + 3,608 = 17,798 each; 19,998 + 5 × 17,798 = 108,988.
    click(&mut h, "Quote");
    click(&mut h, "Male");
    click(&mut h, "20 mg");
    one_named(&h, "Whole course (6 months): ¥108,988");
    // And a PDF is made (nothing to log it in).
    let pdf = dir.path().join("estimate.pdf");
    run(&mut h, Command::ExportPdf(pdf.clone()));
    common::banner(&h, false);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

#[test]
fn the_register_is_backed_up_from_the_quotes_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.sqlite3");
    let mut h = app(&path);
    click(&mut h, "Patients");
    add_patient(&mut h, "A-0042", "Suzuki Ichiro", "Male");
    click(&mut h, "Quotes");
    click(&mut h, "Back up the register");
    // Beside the register, named by the day; the banner says where.
    let backup = dir
        .path()
        .join(format!("register-backup-{}.sqlite3", today()));
    let text = common::banner(&h, false);
    assert_eq!(text, format!("Backup written: {}", backup.display()));
    // The backup is a register with the same patient.
    let copy = SqliteRegister::open(&backup).unwrap();
    let found = copy.find_patients("suz", 10).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].number, "A-0042");
    // A second backup the same day never overwrites the first.
    click(&mut h, "Back up the register");
    assert!(common::banner(&h, false).ends_with("-2.sqlite3"));
}

#[test]
fn a_course_under_way_shows_the_form_and_the_replan_side_by_side_at_1366_by_768() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_sized(&dir.path().join("register.sqlite3"), [1366.0, 768.0]);
    course_with_two_visits(&mut h, 0);
    h.state_mut().banner = None;
    h.run();
    // By the name read out (a big figure's label is its caption and value).
    let rect = |name: &str| {
        let want = name.to_string();
        h.query_by(move |n| n.label().as_deref() == Some(want.as_str()))
            .unwrap_or_else(|| panic!("no widget named {name:?}"))
            .rect()
    };
    let record = rect("Record visit");
    let remaining = rect("Remaining cost: ¥121,352");
    let dose = rect("Dose from now: 40 mg/day");
    // The form on the left, the re-plan's figures on the right, both in the first screen.
    assert!(remaining.min.x > record.max.x, "{record:?} {remaining:?}");
    assert!(
        remaining.min.y < record.min.y,
        "the figures are under the form: {remaining:?}"
    );
    assert!(
        record.max.y < 768.0 && remaining.max.y < 768.0,
        "{record:?} {remaining:?}"
    );
    // The three boxes share one row inside the window.
    assert!(
        (dose.min.y - remaining.min.y).abs() < 1.0,
        "{dose:?} {remaining:?}"
    );
    assert!(remaining.max.x <= 1366.0, "{remaining:?}");
}

#[test]
fn a_second_course_too_soon_after_the_first_says_from_when() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(&dir.path().join("register.sqlite3"));
    course_with_two_visits(&mut h, 0);
    // The first course: nothing before it.
    assert_eq!(
        h.query_all_by_label_contains("A second course should start")
            .count(),
        0
    );
    // Visits on 1 Mar and 1 Apr 2025, 30 days each: the last dose is 30 Apr 2025. The
    // reference sheet waits 2 months (next_course = 2): a second course from 30 Jun 2025.
    click(&mut h, "← Back to the patient");
    // The patient's page lists the course by its start, in the language's long form.
    h.get_by_label("Open the course from 1 Mar 2025");
    click(&mut h, "Plan");
    retype(&mut h, "Start date (YYYY-MM-DD)", "2025-05-15");
    click(&mut h, "Patients");
    click(&mut h, "New course from the current plan");
    h.get_by_label(
        "A second course should start no sooner than 2 months after the last dose of the \
         previous one (30 Apr 2025): from 30 Jun 2025.",
    );
    // Started on that day, it says nothing.
    click(&mut h, "← Back to the patient");
    click(&mut h, "Plan");
    retype(&mut h, "Start date (YYYY-MM-DD)", "2025-06-30");
    click(&mut h, "Patients");
    click(&mut h, "New course from the current plan");
    assert!(h.state().patients.course.is_some());
    assert_eq!(
        h.query_all_by_label_contains("A second course should start")
            .count(),
        0
    );
}
