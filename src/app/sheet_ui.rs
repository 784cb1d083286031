//! The price-sheet picker: the built-in sheet, the sheets of the sheet folders (`pricing/` in
//! the working folder, the user's own sheets, the package's examples), or any file through
//! the native dialog, and "Keep a copy in my sheets" for a sheet from elsewhere. Queues
//! commands; never reads a file itself.

use eframe::egui;
use std::path::Path;

use crate::files::{ListedSheet, SheetFolder};
use crate::i18n::{Arg, Lang};

use super::{Command, LoadedSheet, ShellCommand};

/// What the user chose in the picker.
#[must_use]
pub enum Picked {
    /// A command of the app (load a sheet, open the dialog).
    Run(Command),
    /// A command of the shell (list the folders again, keep a copy).
    Shell(ShellCommand),
}

/// The words for a sheet folder, as the picker shows them after the clinic.
pub fn folder_label(lang: Lang, folder: SheetFolder) -> String {
    lang.tr(match folder {
        SheetFolder::Working => "shell-folder-working",
        SheetFolder::Mine => "shell-folder-mine",
        SheetFolder::Examples => "shell-folder-examples",
    })
}

/// A listed sheet as the picker shows it: "Clinic (file.toml) · folder".
pub fn sheet_label(lang: Lang, sheet: &ListedSheet) -> String {
    let clinic = sheet.clinic.as_ref().map_or_else(
        || lang.tr("shell-sheet-unreadable"),
        |c| c.get(lang).to_string(),
    );
    format!(
        "{clinic} ({}) · {}",
        file_name(&sheet.path),
        folder_label(lang, sheet.folder)
    )
}

/// Draws the picker; returns what the user chose. `mine` is the user's sheet folder, if
/// known: a sheet in use from anywhere else can be copied there. `unusable` is the sheet
/// chosen last time when it could not be read at start-up: then no sheet is in use.
pub fn sheet_picker(
    ui: &mut egui::Ui,
    lang: Lang,
    current: &LoadedSheet,
    files: &[ListedSheet],
    mine: Option<&Path>,
    unusable: Option<&Path>,
) -> Option<Picked> {
    let mut picked = None;
    let builtin = lang.tr_args(
        "app-sheet-builtin",
        &[(
            "name",
            Arg::Str(super::builtin_sheet().clinic.name.get(lang).to_string()),
        )],
    );
    let selected = match (unusable, &current.path) {
        (Some(p), _) => lang.tr_args("app-sheet-none-in-use", &[("file", Arg::Str(file_name(p)))]),
        (None, None) => builtin.clone(),
        (None, Some(p)) => format!("{} ({})", current.sheet.clinic.name.get(lang), file_name(p)),
    };
    let label = ui.label(lang.tr("app-sheet"));
    let combo = egui::ComboBox::from_id_salt("sheet_picker")
        .selected_text(selected)
        .width(380.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(
                    current.path.is_none() && unusable.is_none(),
                    builtin.as_str(),
                )
                .clicked()
            {
                picked = Some(Picked::Run(Command::LoadSheet(None)));
            }
            for sheet in files {
                let chosen = unusable.is_none() && current.path.as_ref() == Some(&sheet.path);
                if ui
                    .selectable_label(chosen, sheet_label(lang, sheet))
                    .on_hover_text(sheet.path.display().to_string())
                    .clicked()
                {
                    picked = Some(Picked::Run(Command::LoadSheet(Some(sheet.path.clone()))));
                }
            }
        });
    let response = combo.response.labelled_by(label.id);
    // Pressing the picker lists the folders again, before it opens at the release (and
    // sizes itself to the list), so a sheet added since shows at once; a click (also from
    // the keyboard) lists them too. Once per press, never every frame.
    let pressed = response.hovered() && ui.input(|i| i.pointer.primary_pressed());
    if (pressed || response.clicked()) && picked.is_none() {
        picked = Some(Picked::Shell(ShellCommand::ListSheets));
    }
    if ui.button(lang.tr("app-sheet-open")).clicked() {
        picked = Some(Picked::Run(Command::OpenSheetDialog));
    }
    if let (Some(path), Some(mine), None) = (&current.path, mine, unusable)
        && path.parent() != Some(mine)
        && ui
            .button(lang.tr("shell-keep-copy"))
            .on_hover_text(lang.tr_args(
                "shell-keep-copy-hint",
                &[("folder", Arg::Str(mine.display().to_string()))],
            ))
            .clicked()
    {
        picked = Some(Picked::Shell(ShellCommand::KeepSheetCopy(path.clone())));
    }
    picked
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
