//! The in-app path field, shown where no native file dialog can be (no desktop portal and no
//! zenity on Linux, or `DOSE_PLANNER_NO_NATIVE_DIALOG=1`): a strip with a text field
//! pre-filled with a folder and a file name, and OK / Cancel. Draws and returns a
//! [`Command`]; never touches a file.

use eframe::egui;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;

use super::Command;
use super::widgets::{Tone, strip};

/// What the path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// Where to write the PDF.
    ExportPdf,
    /// Where to save the quote.
    SaveQuote,
    /// Which saved quote to open.
    OpenQuote,
    /// Which price sheet to load.
    OpenSheet,
    /// Where to write the month's Quotes list as CSV.
    ExportCsv,
}

impl PathPurpose {
    /// The command that uses the path.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            PathPurpose::ExportPdf => Command::ExportPdf(path),
            PathPurpose::SaveQuote => Command::SaveQuote(path),
            PathPurpose::OpenQuote => Command::OpenQuote(path),
            PathPurpose::OpenSheet => Command::LoadSheet(Some(path)),
            PathPurpose::ExportCsv => Command::ExportCsv(path),
        }
    }

    /// The field's label key.
    fn label_key(self) -> &'static str {
        match self {
            PathPurpose::ExportPdf => "app-path-export",
            PathPurpose::SaveQuote => "app-path-save",
            PathPurpose::OpenQuote => "app-path-open-quote",
            PathPurpose::OpenSheet => "app-path-open-sheet",
            PathPurpose::ExportCsv => "app-path-export-csv",
        }
    }
}

/// The in-app path field while it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct PathField {
    /// What the path is for.
    pub purpose: PathPurpose,
    /// The path as typed (pre-filled with a folder and a file name).
    pub text: String,
    /// The home folder, for a path typed as `~/…`.
    home: Option<PathBuf>,
    /// Focus the field at its first frame.
    focus: bool,
}

impl PathField {
    /// The field for `purpose`, pre-filled with `start` (a file, or a folder ending with a
    /// separator).
    pub fn new(purpose: PathPurpose, start: String, home: Option<PathBuf>) -> PathField {
        PathField {
            purpose,
            text: start,
            home,
            focus: true,
        }
    }

    /// The path typed, with a leading `~` standing for the home folder; `None` when empty.
    pub fn path(&self) -> Option<PathBuf> {
        let text = self.text.trim();
        if text.is_empty() {
            return None;
        }
        let rest = text
            .strip_prefix("~/")
            .or_else(|| text.strip_prefix("~\\"))
            .or((text == "~").then_some(""));
        Some(match (rest, &self.home) {
            (Some(rest), Some(home)) => home.join(rest),
            _ => PathBuf::from(text),
        })
    }
}

/// What the user did with the field.
#[derive(Debug, Clone, PartialEq)]
pub enum PathAction {
    /// OK (or Enter): run this command.
    Run(Command),
    /// Cancel: close the field.
    Cancel,
}

/// Draws the strip with the field; returns what the user chose.
pub fn path_field_ui(ui: &mut egui::Ui, lang: Lang, field: &mut PathField) -> Option<PathAction> {
    let mut action = None;
    strip(ui, Tone::Info, |ui| {
        ui.vertical(|ui| {
            ui.label(egui::RichText::new(lang.tr("app-path-no-dialog")).color(Tone::Info.ink()));
            ui.horizontal(|ui| {
                let label = ui.label(lang.tr(field.purpose.label_key()));
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut field.text)
                            .id_salt("path_field")
                            .desired_width(520.0),
                    )
                    .labelled_by(label.id);
                if std::mem::take(&mut field.focus) {
                    edit.request_focus();
                }
                let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let path = field.path();
                let ok = ui
                    .add_enabled(path.is_some(), egui::Button::new(lang.tr("app-path-ok")))
                    .clicked();
                if (ok || entered)
                    && let Some(path) = path
                {
                    action = Some(PathAction::Run(field.purpose.command(path)));
                }
                if ui.button(lang.tr("app-path-cancel")).clicked() {
                    action = Some(PathAction::Cancel);
                }
            });
        });
    });
    action
}

/// A folder shown as the start of a path: with a trailing separator, so a file name is typed
/// after it.
pub fn folder_text(dir: &Path) -> String {
    let mut s = dir.display().to_string();
    if !s.ends_with(std::path::MAIN_SEPARATOR) {
        s.push(std::path::MAIN_SEPARATOR);
    }
    s
}

/// `text` made into a file-name part: spaces become `-` ("Tanaka Hanako" → `Tanaka-Hanako`),
/// path separators and characters Windows refuses become `_`; `None` when nothing is left.
pub fn file_name_part(text: &str) -> Option<String> {
    let s: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() {
                '-'
            } else if c.is_control()
                || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
            {
                '_'
            } else {
                c
            }
        })
        .collect();
    let s = s
        .trim_matches(|c| c == '_' || c == '-' || c == '.')
        .to_string();
    (!s.is_empty()).then_some(s)
}
