//! Follow-ups of the desk app review: the visit form re-priced when its dose changes, the
//! New patient form prefilled from the shared patient, Ctrl+S to save a quote, and banners
//! (a notice of success goes by itself, a failure stays).
//!
//! Driven headless with egui_kittest through what a person reads; "today" is 1 April 2025
//! and the register lives in a temporary folder. Prices are the reference sheet's
//! (pricing/reference-clinic-jp.toml): first visit 3,850, return 1,650, 20 mg capsule 418,
//! blood test 3,608 at every visit, urine pregnancy test 1,056 (women only).

use crate::common::{self, one_named, retype, run};

use dose_planner::app::{Banner, Command, DesktopApp, PathPurpose, Screen};
use dose_planner::estimate::Sex;
use dose_planner::i18n::Lang;
use eframe::egui::accesskit::{Role, Toggled};
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

/// The app in English with the in-app path field for saving (files go to `folder`) and, when
/// given, the register at `register`.
fn app(folder: &Path, register: Option<&Path>) -> Harness<'static, DesktopApp> {
    let folder = folder.to_path_buf();
    let mut h = Harness::builder()
        .with_size([1366.0, 1800.0])
        .build_eframe(move |cc| {
            let mut app = DesktopApp::with_options(cc, today(), Path::new("pricing"));
            app.settings.lang = Lang::En;
            app.settings.open_after_export = false;
            app.native_dialogs = false;
            app.quote.save_folder = Some(folder);
            app
        });
    h.run();
    if let Some(register) = register {
        run(&mut h, Command::OpenRegister(register.to_path_buf()));
    }
    h
}

fn click(h: &mut Harness<'static, DesktopApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// The text in the text field `label`, as on screen.
fn field(h: &Harness<'static, DesktopApp>, label: &str) -> String {
    h.get_by_role_and_label(Role::TextInput, label)
        .accesskit_node()
        .value()
        .unwrap_or_default()
        .to_string()
}

/// Whether the radio button `label` is the one chosen.
fn chosen(h: &Harness<'static, DesktopApp>, label: &str) -> bool {
    h.get_by_role_and_label(Role::RadioButton, label)
        .accesskit_node()
        .toggled()
        == Some(Toggled::True)
}

/// How many texts on screen read exactly `text`.
fn count_named(h: &Harness<'static, DesktopApp>, text: &str) -> usize {
    h.query_all_by_label(text).count()
}

const DOSE: &str = "Dose from this visit (mg/day)";
const DISPENSED: &str = "Capsules dispensed";
const AMOUNT: &str = "Amount charged (¥)";

/// A man of 60 kg on 20 mg/day for 6 months, registered, with a course from that plan open
/// and no visit recorded: the visit form is prefilled from the plan's month 1.
fn course_at_20_mg(h: &mut Harness<'static, DesktopApp>) {
    click(h, "Plan");
    click(h, "Male");
    retype(h, "Weight (kg)", "60");
    retype(h, "Month 1", "20");
    click(h, "Month 1: Same for later months");
    click(h, "Patients");
    click(h, "New patient…");
    retype(h, "Patient number", "A-0007");
    retype(h, "Name", "Sato Kenji");
    retype(h, "Date of birth (YYYY-MM-DD)", "1999-02-03");
    click(h, "Add patient");
    assert!(common::banner(h, false).contains("Sato Kenji"));
    click(h, "New course from the current plan");
    // Month 1 as planned, a first visit at 20 mg = 1 × 20 mg a day: 3,850 + 30 × 418
    // (12,540) + 3,608 = 19,998.
    assert_eq!(field(h, DOSE), "20");
    assert_eq!(field(h, DISPENSED), "20 mg × 30");
    assert_eq!(field(h, AMOUNT), "19,998");
}

#[test]
fn the_visit_form_prices_the_dose_and_days_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), Some(&dir.path().join("register.sqlite3")));
    course_at_20_mg(&mut h);

    retype(&mut h, DOSE, "40");
    // 40 mg = 2 × 20 mg a day, 60 capsules: 3,850 + 60 × 418 (25,080) + 3,608 = 32,538.
    assert_eq!(field(&h, DISPENSED), "20 mg × 60");
    assert_eq!(field(&h, AMOUNT), "32,538");

    // 60 days at one visit: 120 capsules, one consultation and one blood test:
    // 3,850 + 120 × 418 (50,160) + 3,608 = 57,618.
    h.get_by_role_and_label(Role::SpinButton, "Days covered")
        .set_value_accesskit(60.0);
    h.run();
    assert_eq!(field(&h, DISPENSED), "20 mg × 120");
    assert_eq!(field(&h, AMOUNT), "57,618");

    // A dose the form cannot read changes nothing; the submit check says why.
    retype(&mut h, DOSE, "forty");
    assert_eq!(field(&h, DISPENSED), "20 mg × 120");
    assert_eq!(field(&h, AMOUNT), "57,618");
    assert!(
        h.get_by_label("Record visit")
            .accesskit_node()
            .is_disabled(),
        "a dose that cannot be read is not recorded"
    );

    // Back to 30 days of 20 mg: the plan's month 1 again.
    h.get_by_role_and_label(Role::SpinButton, "Days covered")
        .set_value_accesskit(30.0);
    retype(&mut h, DOSE, "20");
    assert_eq!(field(&h, DISPENSED), "20 mg × 30");
    assert_eq!(field(&h, AMOUNT), "19,998");
}

#[test]
fn an_amount_typed_is_kept_and_says_what_dose_it_was_prefilled_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), Some(&dir.path().join("register.sqlite3")));
    course_at_20_mg(&mut h);
    let note = "prefilled for 20 mg/day × 30 days (In person)";

    // The clinic charges its own figure: kept, and no note while the dose is still 20.
    retype(&mut h, AMOUNT, "20,000");
    assert_eq!(count_named(&h, note), 0);

    retype(&mut h, DOSE, "40");
    // The amount stays as typed, with the note beside it; the capsules (not typed) follow
    // the dose: 2 × 20 mg × 30 days = 60.
    assert_eq!(field(&h, AMOUNT), "20,000");
    assert_eq!(field(&h, DISPENSED), "20 mg × 60");
    assert_eq!(count_named(&h, note), 1);

    // Back at the dose it was prefilled for: no note.
    retype(&mut h, DOSE, "20");
    assert_eq!(count_named(&h, note), 0);
    assert_eq!(field(&h, AMOUNT), "20,000");

    // Recorded as typed: what was paid so far is the amount typed.
    retype(&mut h, DOSE, "40");
    // The course starts today (the plan has no start date): a visit before it is refused.
    retype(&mut h, "Visit date (YYYY-MM-DD)", "2025-04-01");
    click(&mut h, "Record visit");
    assert!(common::banner(&h, false).contains("recorded"));
    one_named(&h, "Cost, Taken so far: ¥20,000");
    let visits = &h.state().patients.course.as_ref().unwrap().open.visits;
    assert_eq!(
        (visits[0].charged.0, visits[0].dispensed.as_str()),
        (20_000, "20 mg × 60")
    );
}

#[test]
fn the_new_patient_form_opens_with_the_shared_patient() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), Some(&dir.path().join("register.sqlite3")));
    // A walk-in quoted at the desk: a woman, her name typed in the top bar.
    click(&mut h, "Female");
    retype(&mut h, "Patient", "Tanaka Hanako");
    click(&mut h, "Patients");
    click(&mut h, "New patient…");
    assert_eq!(field(&h, "Name"), "Tanaka Hanako");
    assert!(chosen(&h, "Female"));
    assert!(!chosen(&h, "Male"));
    // Nothing typed in the form yet: what is missing is not shown yet.
    assert_eq!(count_named(&h, "Enter the clinic’s patient number."), 0);
    retype(&mut h, "Patient number", "B-0001");
    retype(&mut h, "Date of birth (YYYY-MM-DD)", "2001-05-06");
    click(&mut h, "Add patient");
    assert!(common::banner(&h, false).contains("Tanaka Hanako"));
    // Her page gives the birth date in the language's long form.
    h.get_by_label("Born 6 May 2001 · Female");
    assert_eq!(h.state().patient.sex, Some(Sex::Female));

    // She is in the register now and open: the next new patient is someone else, so the
    // form takes neither her name nor her sex.
    click(&mut h, "← Back to the search");
    click(&mut h, "New patient…");
    assert_eq!(field(&h, "Name"), "");
    assert!(!chosen(&h, "Female"));
    assert!(!chosen(&h, "Male"));
}

/// What a save request led to: the path field it opened (what for, and the path it
/// proposes), or the banner it showed instead.
type Outcome = (Option<(PathPurpose, String)>, Option<(bool, String)>);

/// Asks to save (by `ask`), reads what came of it, and closes the path field again.
fn save_asked(
    h: &mut Harness<'static, DesktopApp>,
    ask: impl Fn(&mut Harness<'static, DesktopApp>),
) -> Outcome {
    h.state_mut().banner = None;
    ask(h);
    let state = h.state();
    let outcome = (
        state
            .path_field
            .as_ref()
            .map(|f| (f.purpose, f.text.clone())),
        state.banner.as_ref().map(|b| (b.error, b.text.clone())),
    );
    if outcome.0.is_some() {
        h.get_by_label("Save the quote as");
        click(h, "Cancel");
    }
    outcome
}

fn ctrl_s(h: &mut Harness<'static, DesktopApp>) {
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::COMMAND, Key::S);
    h.run();
}

#[test]
fn ctrl_s_saves_the_quote_as_the_button_does_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);

    // No sex chosen: Ctrl+S refuses as the button does, and asks for no path.
    let refused = save_asked(&mut h, |h| click(h, "Save quote…"));
    assert_eq!(
        refused,
        (
            None,
            Some((true, "Choose female or male to save the quote.".into()))
        )
    );
    assert_eq!(save_asked(&mut h, ctrl_s), refused);

    // A man, and a plan on the Plan screen: each screen saves what it shows, by the button
    // or by Ctrl+S alike (the button is in the top bar on every screen), even while a text
    // field has focus.
    click(&mut h, "Male");
    click(&mut h, "Plan");
    common::typical_plan(&mut h);
    for screen in [
        Screen::Quote,
        Screen::Plan,
        Screen::Compare,
        Screen::Patients,
        Screen::Quotes,
    ] {
        h.state_mut().settings.screen = screen;
        h.run();
        let by_button = save_asked(&mut h, |h| click(h, "Save quote…"));
        h.get_by_role_and_label(Role::TextInput, "Patient").focus();
        h.run();
        let by_key = save_asked(&mut h, ctrl_s);
        assert_eq!(by_key, by_button, "{screen:?}");
        if matches!(screen, Screen::Quote | Screen::Plan) {
            // The quote's save field, in the folder chosen, for today's quote.
            let expected = dir.path().join("quote-2025-04-01.json");
            assert_eq!(
                by_key.0,
                Some((PathPurpose::SaveQuote, expected.display().to_string())),
                "{screen:?}"
            );
        }
    }

    // Enter saves it where the field says.
    h.state_mut().settings.screen = Screen::Quote;
    h.run();
    ctrl_s(&mut h);
    h.key_press(Key::Enter);
    h.run();
    assert!(common::banner(&h, false).starts_with("Quote saved: "));
    assert!(dir.path().join("quote-2025-04-01.json").exists());
}

#[test]
fn a_notice_of_success_goes_by_itself_and_a_failure_stays() {
    // One step is one second of the app's clock.
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .with_step_dt(1.0)
        .build_eframe(|cc| {
            let mut app = DesktopApp::with_options(cc, today(), Path::new("pricing"));
            app.settings.lang = Lang::En;
            app
        });
    h.run();
    h.state_mut().banner = Some(Banner {
        error: false,
        text: "PDF saved to /tmp/estimate.pdf".into(),
    });
    h.run_steps(2);
    // The text first, then Dismiss on its right.
    let text = h.get_by_label("PDF saved to /tmp/estimate.pdf").rect();
    let dismiss = h.get_by_label("Dismiss").rect();
    assert!(dismiss.min.x > text.max.x, "{text:?} {dismiss:?}");
    h.run_steps(8);
    assert!(h.state().banner.is_some(), "gone after 10 s");
    h.run_steps(4);
    assert!(h.state().banner.is_none(), "still there after 14 s");

    h.state_mut().banner = Some(Banner {
        error: true,
        text: "The PDF could not be written: disk full".into(),
    });
    h.run_steps(30);
    assert!(h.state().banner.is_some(), "a failure went by itself");

    // Dismiss takes it away (at the usual frame rate: a one-second step is too slow to
    // make a click).
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    h.state_mut().banner = Some(Banner {
        error: true,
        text: "The PDF could not be written: disk full".into(),
    });
    h.run();
    click(&mut h, "Dismiss");
    assert!(h.state().banner.is_none(), "{:?}", h.state().banner);
}
