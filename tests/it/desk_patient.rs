//! Issue 24 item 2: a patient at a time. New patient (Ctrl+N, and offered after an export)
//! clears the shared patient on every screen, and the patient card in the top bar says who
//! the figures are for.

use crate::common::{banner, retype, run};

use dose_planner::app::{Command, DesktopApp};
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

fn app() -> Harness<'static, DesktopApp> {
    let mut h = Harness::builder()
        .with_size([1366.0, 900.0])
        .build_eframe(|cc| {
            let mut app = DesktopApp::with_options(cc, today(), Path::new("pricing"));
            app.settings.open_after_export = false;
            app
        });
    h.run();
    h.get_by_label("English").click();
    h.run();
    h
}

fn click(h: &mut Harness<'static, DesktopApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// A woman, Yamada Hanako, 62 kg, on 40 mg/day in the plan with one screening answer, and a
/// 20 mg quote; the card shows her.
fn her(h: &mut Harness<'static, DesktopApp>) {
    retype(h, "Patient", "Yamada Hanako");
    click(h, "Female");
    click(h, "20 mg");
    click(h, "Plan");
    retype(h, "Weight (kg)", "62");
    retype(h, "Month 1", "40");
    h.state_mut()
        .plan
        .inputs
        .screening
        .checked
        .insert(dose_planner::screening::CheckItem::ALL[0]);
    h.run();
    h.get_by_label("Female · 62 kg");
}

/// Nothing of her is left on any screen.
fn nobody(h: &mut Harness<'static, DesktopApp>) {
    let app = h.state();
    assert_eq!(app.patient, dose_planner::app::Patient::default());
    assert_eq!(app.quote.inputs, dose_planner::app::QuoteInputs::default());
    assert_eq!(
        app.plan.inputs,
        dose_planner::app::PlanScreen::new(today()).inputs,
        "the plan's doses and screening answers"
    );
    assert!(app.plan.pinned.is_empty());
    assert!(h.query_by_label("Female · 62 kg").is_none());
    for screen in ["Quote", "Plan", "Compare"] {
        click(h, screen);
        assert!(h.query_by_label_contains("Yamada").is_none(), "{screen}");
        assert!(h.query_by_label_contains("62 kg").is_none(), "{screen}");
    }
}

#[test]
fn new_patient_is_offered_after_an_export_and_clears_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app();
    her(&mut h);
    click(&mut h, "Quote");
    assert!(h.query_by_label("New patient").is_some(), "in the top bar");
    let pdf = dir.path().join("yamada.pdf");
    run(&mut h, Command::ExportPdf(pdf.clone()));
    assert!(pdf.exists());
    assert!(banner(&h, false).contains("yamada.pdf"));
    // Offered in the notice, beside the top bar's own button.
    let offered = h.query_all_by_label("New patient").count();
    assert_eq!(offered, 2);
    h.query_all_by_label("New patient").last().unwrap().click();
    h.run();
    h.run();
    nobody(&mut h);
    assert!(banner(&h, false).contains("Cleared for the next patient"));
}

#[test]
fn ctrl_n_clears_the_patient_even_while_typing_a_name() {
    let mut h = app();
    her(&mut h);
    h.get_by_label("Patient").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.run();
    nobody(&mut h);
}
