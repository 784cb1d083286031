//! The top of the window: screens, language, About, the sheet picker, the file buttons, the
//! patient's name, Export, and the banner. Draws and queues commands; no IO.

use eframe::egui;

use crate::i18n::{Arg, Lang};

use super::*;

impl DesktopApp {
    pub(super) fn top_bar(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        ui.horizontal_wrapped(|ui| {
            ui.heading(lang.tr("app-title"));
            ui.separator();
            for (screen, key) in [
                (Screen::Quote, "app-tab-quote"),
                (Screen::Plan, "app-tab-plan"),
                (Screen::Compare, "app-tab-compare"),
                (Screen::Patients, "app-tab-patients"),
                (Screen::Quotes, "app-tab-quotes"),
            ] {
                ui.selectable_value(
                    &mut self.settings.screen,
                    screen,
                    egui::RichText::new(lang.tr(key)).size(17.0),
                );
            }
            ui.separator();
            ui.label(lang.tr("app-language"));
            for l in Lang::ALL {
                ui.selectable_value(&mut self.settings.lang, l, l.native_name());
            }
            ui.separator();
            if ui.button(lang.tr("shell-about")).clicked() {
                self.about_open = true;
            }
        });
        ui.horizontal_wrapped(|ui| {
            if let Some(saved) = &self.sheet.saved_prices {
                ui.label(lang.tr("app-sheet"));
                ui.label(
                    egui::RichText::new(lang.tr_args(
                        "app-saved-prices-label",
                        &[
                            ("file", Arg::Str(saved.file.clone())),
                            ("date", Arg::Str(saved.date.to_string())),
                        ],
                    ))
                    .strong(),
                );
                if ui.button(lang.tr("app-saved-leave")).clicked() {
                    self.queue(Command::LoadSheet(self.settings.last_sheet.clone()));
                }
            } else {
                match sheet_ui::sheet_picker(
                    ui,
                    lang,
                    &self.sheet,
                    &self.sheet_files,
                    self.sheet_folders.mine.as_deref(),
                ) {
                    Some(sheet_ui::Picked::Run(cmd)) => self.queue(cmd),
                    Some(sheet_ui::Picked::Shell(cmd)) => self.queue_shell(cmd),
                    None => {}
                }
            }
            ui.separator();
            if let Some(cmd) = saved_ui::file_buttons(ui, lang, &self.settings.recent_quotes) {
                self.queue(cmd);
            }
            ui.separator();
            let label = ui.label(lang.tr("app-patient-name"));
            ui.add(
                egui::TextEdit::singleline(&mut self.patient_name)
                    .desired_width(130.0)
                    .char_limit(crate::patient::MAX_NAME_CHARS)
                    .hint_text(lang.tr("app-patient-name-hint")),
            )
            .labelled_by(label.id);
            // A pasted control character (or a name set too long) is shown at once; Export
            // and Save refuse it with the same words.
            if let Err(e) = crate::patient::check_name(&self.patient_name) {
                widgets::error_text(ui, &e.explain(lang));
            }
            if ui.button(lang.tr("app-export")).clicked() {
                self.queue(Command::ExportPdfDialog);
            }
            ui.checkbox(
                &mut self.settings.open_after_export,
                lang.tr("app-export-open-after"),
            );
        });
    }

    pub(super) fn banner_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        let Some(banner) = &self.banner else {
            return;
        };
        let tone = if banner.error {
            widgets::Tone::Error
        } else {
            widgets::Tone::Success
        };
        let mut dismiss = false;
        widgets::strip(ui, tone, |ui| {
            if ui.button(lang.tr("app-dismiss")).clicked() {
                dismiss = true;
            }
            ui.add(egui::Label::new(egui::RichText::new(&banner.text).color(tone.ink())).wrap());
        });
        if dismiss {
            self.banner = None;
        }
    }
}
