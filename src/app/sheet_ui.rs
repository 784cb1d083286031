//! The price-sheet picker: the built-in sheet, the sheets in `pricing/`, or any file through
//! the native dialog. Queues commands; never reads a file itself.

use eframe::egui;
use std::path::PathBuf;

use crate::i18n::{Arg, Lang};

use super::{Command, LoadedSheet};

/// Draws the picker; returns the command to run when the user chose something.
pub fn sheet_picker(
    ui: &mut egui::Ui,
    lang: Lang,
    current: &LoadedSheet,
    files: &[PathBuf],
) -> Option<Command> {
    let mut command = None;
    let builtin = lang.tr_args(
        "app-sheet-builtin",
        &[(
            "name",
            Arg::Str(super::builtin_sheet().clinic.name.get(lang).to_string()),
        )],
    );
    let selected = match &current.path {
        None => builtin.clone(),
        Some(p) => format!("{} ({})", current.sheet.clinic.name.get(lang), file_name(p)),
    };
    let label = ui.label(lang.tr("app-sheet"));
    let combo = egui::ComboBox::from_id_salt("sheet_picker")
        .selected_text(selected)
        .width(340.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(current.path.is_none(), builtin.as_str())
                .clicked()
            {
                command = Some(Command::LoadSheet(None));
            }
            for path in files {
                let chosen = current.path.as_ref() == Some(path);
                if ui.selectable_label(chosen, file_name(path)).clicked() {
                    command = Some(Command::LoadSheet(Some(path.clone())));
                }
            }
        });
    let _ = combo.response.labelled_by(label.id);
    if ui.button(lang.tr("app-sheet-open")).clicked() {
        command = Some(Command::OpenSheetDialog);
    }
    command
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
