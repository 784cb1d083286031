//! Issue 24 item 3: undo and redo of the plan and quote edits. "Same for later months"
//! replaces an 8-month escalation with one click; Ctrl+Z brings the escalation back and
//! Ctrl+Shift+Z (or Redo) does the click again.

use crate::common::retype;

use dose_planner::app::DesktopApp;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

fn app() -> Harness<'static, DesktopApp> {
    let mut h = Harness::builder()
        .with_size([1366.0, 1200.0])
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

/// The Plan screen's monthly doses as typed.
fn doses(h: &Harness<'static, DesktopApp>) -> Vec<String> {
    h.state()
        .plan
        .inputs
        .months
        .iter()
        .map(|m| m.text.clone())
        .collect()
}

/// Presses a shortcut with nothing focused (as after a click on a button).
fn press(h: &mut Harness<'static, DesktopApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
    h.run();
}

#[test]
fn same_for_later_months_is_undone_and_redone() {
    let mut h = app();
    click(&mut h, "Plan");
    click(&mut h, "Female");
    retype(&mut h, "Weight (kg)", "62");
    // An escalation, typed month by month.
    let escalation = ["20", "20", "40", "40", "60", "60"];
    for (i, mg) in escalation.iter().enumerate() {
        retype(&mut h, &format!("Month {}", i + 1), mg);
    }
    click(&mut h, "Plan"); // the focus leaves the last field
    assert_eq!(doses(&h), escalation);

    click(&mut h, "Month 1: Same for later months");
    assert_eq!(doses(&h), ["20"; 6]);

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(doses(&h), escalation, "Ctrl+Z brings the escalation back");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(doses(&h), ["20"; 6], "Ctrl+Shift+Z does it again");

    // The buttons do the same.
    click(&mut h, "Undo");
    assert_eq!(doses(&h), escalation);
    click(&mut h, "Redo");
    assert_eq!(doses(&h), ["20"; 6]);

    // Typing in one field is one step: month 6's "60" comes back whole, not "6".
    click(&mut h, "Undo");
    click(&mut h, "Undo");
    assert_eq!(doses(&h), ["20", "20", "40", "40", "60", ""]);
}

#[test]
fn a_sex_and_a_quote_change_are_undone_with_the_keyboard() {
    let mut h = app();
    click(&mut h, "Female");
    click(&mut h, "40 mg");
    let before = h.state().quote.inputs.clone();
    click(&mut h, "Male");
    click(&mut h, "60 mg");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().quote.inputs, before);
    assert_eq!(
        h.state().patient.sex,
        Some(dose_planner::estimate::Sex::Female)
    );
    assert!(!h.get_by_label("Redo").accesskit_node().is_disabled());
}
