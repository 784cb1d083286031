//! Helpers shared by the desk-app tests.

#![allow(dead_code)] // helpers for the GUI tests; not every module uses every one

use dose_planner::app::{Command, DesktopApp};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Asserts that exactly one widget reads `name` to a screen reader (its accessible name).
#[track_caller]
pub fn one_named(h: &Harness<'_, DesktopApp>, name: &str) {
    let want = name.to_string();
    let found = h
        .query_all_by(move |n| n.label().as_deref() == Some(want.as_str()))
        .count();
    assert_eq!(
        found, 1,
        "not exactly one widget named {name:?} (found {found})"
    );
}

/// eframe storage in memory, to read what the app persists.
#[derive(Default)]
pub struct MemoryStorage(pub std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// The recovery files (`*.json`) in `dir`, sorted; empty when the folder does not exist.
pub fn recovery_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    out.sort();
    out
}

/// Runs one command as the app would after a frame, then draws.
pub fn run(h: &mut Harness<'static, DesktopApp>, command: Command) {
    h.state_mut().run_command(command);
    h.run();
}

/// The banner's text, failing when there is none or it is not of the expected kind.
#[track_caller]
pub fn banner(h: &Harness<'static, DesktopApp>, error: bool) -> String {
    let b = h.state().banner.clone().expect("a banner");
    assert_eq!(b.error, error, "{}", b.text);
    b.text
}

/// Replaces the text of the text field labelled `label`.
pub fn retype(h: &mut Harness<'_, DesktopApp>, label: &str, text: &str) {
    h.get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, label)
        .focus();
    h.run();
    let old = h
        .get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, label)
        .accesskit_node()
        .value()
        .unwrap_or_default();
    h.key_press(eframe::egui::Key::End);
    for _ in 0..old.chars().count() {
        h.key_press(eframe::egui::Key::Backspace);
    }
    h.run();
    if !text.is_empty() {
        h.get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, label)
            .type_text(text);
    }
    h.run();
}

/// The doses of [`typical_plan`], mg/day, month by month.
pub const TYPICAL_DOSES: [&str; 6] = ["20", "40", "40", "40", "60", "60"];

/// On the Plan screen, which starts empty: a patient of 60 kg and the escalation 20, 40,
/// 40, 40, 60, 60 mg/day (set as the fields hold them, in any language; the sex and the
/// rest stay as they are).
pub fn typical_plan(h: &mut Harness<'_, DesktopApp>) {
    let app = h.state_mut();
    app.patient.weight = "60".into();
    let months = &mut app.plan.inputs.months;
    assert_eq!(months.len(), TYPICAL_DOSES.len(), "a new plan has 6 months");
    for (m, mg) in months.iter_mut().zip(TYPICAL_DOSES) {
        m.text = mg.into();
    }
    h.run();
}
