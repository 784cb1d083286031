//! The desk's keyboard: reception quotes without the mouse.
//!
//! On the quote screen, while no text field has focus, single keys choose: F / M / N the sex
//! (woman, man, not given), V / R the first or a return visit, 1 2 3 4 6 8 the dose buttons
//! (10 … 80 mg/day), + and − the months. Anywhere, even in a text field (a name just typed):
//! Ctrl+E exports the PDF, Ctrl+S saves the quote, Ctrl+N starts a new patient and
//! Ctrl+1 … Ctrl+5 switch screens (⌘ on
//! a Mac). The controls show these keys; the tables here are the only place they are
//! written, so a hint cannot differ from the key that works.
//!
//! Reads key presses and changes only the values it is given; draws nothing and does no IO
//! (Export and Save are queued [`Command`]s).

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use crate::estimate::{MAX_MONTHS, Sex, Visit};

use super::{Command, Screen};

/// The sex keys: woman, man, not given (the man–woman range).
pub const SEX_KEYS: [(Option<Sex>, Key); 3] = [
    (Some(Sex::Female), Key::F),
    (Some(Sex::Male), Key::M),
    (None, Key::N),
];

/// The visit keys: first visit, return visit.
pub const VISIT_KEYS: [(Visit, Key); 2] = [(Visit::First, Key::V), (Visit::Return, Key::R)];

/// The dose buttons' keys (mg/day → key): the tens digit of the dose.
pub const DOSE_KEYS: [(u32, Key); 6] = [
    (10, Key::Num1),
    (20, Key::Num2),
    (30, Key::Num3),
    (40, Key::Num4),
    (60, Key::Num6),
    (80, Key::Num8),
];

/// One month more (`+`, or `=` on a keyboard where `+` needs Shift) and one month less.
pub const MONTHS_MORE: [Key; 2] = [Key::Plus, Key::Equals];
/// One month less.
pub const MONTHS_LESS: Key = Key::Minus;

/// Export PDF (the save dialog): Ctrl+E.
pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);

/// New patient (clears the patient on every screen): Ctrl+N.
pub const NEW_PATIENT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);

/// The help for the screen shown: F1.
pub const HELP: Key = Key::F1;

/// Undo the last plan or quote edit: Ctrl+Z (while no text field has the focus).
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);

/// Redo: Ctrl+Shift+Z, or Ctrl+Y.
pub const REDO: [KeyboardShortcut; 2] = [
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z),
    KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
];

/// Undo or redo, as pressed this frame (before the screens are drawn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// One step back.
    Undo,
    /// One step forward again.
    Redo,
}

/// Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, while no text field has the focus (in a field they are
/// the field's own text undo).
pub fn undo_keys(ctx: &egui::Context) -> Option<Step> {
    if ctx.text_edit_focused() {
        return None;
    }
    ctx.input_mut(|i| {
        // The longer shortcut first: Ctrl+Shift+Z also matches Ctrl+Z's logical keys.
        if REDO.iter().any(|k| i.consume_shortcut(k)) {
            Some(Step::Redo)
        } else if i.consume_shortcut(&UNDO) {
            Some(Step::Undo)
        } else {
            None
        }
    })
}

/// Save quote (the save dialog, as the "Save quote…" button): Ctrl+S.
pub const SAVE_QUOTE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);

/// The screens, in the order of their tabs: Ctrl+1 … Ctrl+5.
pub const SCREEN_KEYS: [(Screen, KeyboardShortcut); 5] = [
    (
        Screen::Quote,
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Num1),
    ),
    (
        Screen::Plan,
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Num2),
    ),
    (
        Screen::Compare,
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Num3),
    ),
    (
        Screen::Patients,
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Num4),
    ),
    (
        Screen::Quotes,
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Num5),
    ),
];

/// The key of a dose button, if it has one.
pub fn dose_key(mg: u32) -> Option<Key> {
    DOSE_KEYS.iter().find(|(d, _)| *d == mg).map(|(_, k)| *k)
}

/// The key of a sex choice.
pub fn sex_key(sex: Option<Sex>) -> Option<Key> {
    SEX_KEYS.iter().find(|(s, _)| *s == sex).map(|(_, k)| *k)
}

/// The key of a visit choice.
pub fn visit_key(visit: Visit) -> Option<Key> {
    VISIT_KEYS
        .iter()
        .find(|(v, _)| *v == visit)
        .map(|(_, k)| *k)
}

/// The shortcut of a screen's tab.
pub fn screen_key(screen: Screen) -> Option<KeyboardShortcut> {
    SCREEN_KEYS
        .iter()
        .find(|(s, _)| *s == screen)
        .map(|(_, k)| *k)
}

/// A single key as its hint shows it: `F`, `2`, `+`.
pub fn key_text(key: Key) -> &'static str {
    key.symbol_or_name()
}

/// What the quote screen's keys change: the quote's inputs, wherever they are kept.
pub struct QuoteKeys<'a> {
    /// Sex, or `None` for the man–woman range.
    pub sex: &'a mut Option<Sex>,
    /// First or return visit.
    pub visit: &'a mut Visit,
    /// The daily dose as typed.
    pub dose: &'a mut String,
    /// The number of months.
    pub months: &'a mut u32,
}

/// Handles this frame's shortcut keys before the screens are drawn (so a key's change shows
/// in this frame): the screen shortcuts, Export and Save always (the top bar, with their
/// buttons, is on every screen); the quote keys only on the quote screen and only while no
/// text field has focus (a letter typed into a name is a letter). Returns the command to
/// queue (Export or Save).
pub fn desk_keys(
    ctx: &egui::Context,
    screen: &mut Screen,
    quote: QuoteKeys<'_>,
) -> Option<Command> {
    let mut command = None;
    ctx.input_mut(|i| {
        if i.consume_shortcut(&EXPORT) {
            command = Some(Command::ExportPdfDialog);
        }
        if i.consume_shortcut(&SAVE_QUOTE) {
            command = Some(Command::SaveQuoteDialog);
        }
        if i.consume_shortcut(&NEW_PATIENT) {
            command = Some(Command::NewPatient);
        }
        for (to, shortcut) in SCREEN_KEYS {
            if i.consume_shortcut(&shortcut) {
                *screen = to;
            }
        }
    });
    if *screen != Screen::Quote || ctx.text_edit_focused() {
        return command;
    }
    ctx.input_mut(|i| {
        let mut pressed = |key: Key| i.consume_key(Modifiers::NONE, key);
        for (value, key) in SEX_KEYS {
            if pressed(key) {
                *quote.sex = value;
            }
        }
        for (value, key) in VISIT_KEYS {
            if pressed(key) {
                *quote.visit = value;
            }
        }
        for (mg, key) in DOSE_KEYS {
            if pressed(key) {
                *quote.dose = mg.to_string();
            }
        }
        for key in MONTHS_MORE {
            if pressed(key) {
                *quote.months = (*quote.months).saturating_add(1).min(MAX_MONTHS);
            }
        }
        if pressed(MONTHS_LESS) {
            *quote.months = (*quote.months).saturating_sub(1).max(1);
        }
    });
    command
}

/// Tells a screen reader a control's plain name and its key, after its visible text was
/// drawn with a key hint (`Female  F` is read "Female", shortcut F).
pub fn announce(response: egui::Response, name: &str, shortcut: &str) -> egui::Response {
    let shortcut = shortcut.to_string();
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_keyboard_shortcut(shortcut));
    response.accessible_name(name)
}
