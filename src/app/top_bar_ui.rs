//! The top of the window: screens, language, About, the sheet picker, the file buttons, the
//! patient's name, Export, and the banner. Draws and queues commands; no IO.

use eframe::egui;

use crate::i18n::{Arg, Lang};

use super::*;

/// How long a notice of success stays on screen, in seconds.
const SUCCESS_BANNER_SECONDS: f64 = 12.0;

impl DesktopApp {
    pub(super) fn top_bar(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        ui.horizontal_wrapped(|ui| {
            // In a narrow window the title bar names the app: the tabs keep the first line.
            if ui.available_width() >= 1200.0 {
                ui.heading(lang.tr("app-title"));
                ui.separator();
            }
            for (screen, key) in [
                (Screen::Quote, "app-tab-quote"),
                (Screen::Plan, "app-tab-plan"),
                (Screen::Compare, "app-tab-compare"),
                (Screen::Patients, "app-tab-patients"),
                (Screen::Quotes, "app-tab-quotes"),
            ] {
                // The tab shows its shortcut (Ctrl+1 … Ctrl+5, keys.rs) in small type.
                let name = lang.tr(key);
                let shortcut = keys::screen_key(screen)
                    .map(|k| ui.ctx().format_shortcut(&k))
                    .unwrap_or_default();
                let selected = self.settings.screen == screen;
                let tab = egui::Button::selectable(
                    selected,
                    (
                        egui::RichText::new(&name).size(17.0),
                        egui::RichText::new(&shortcut)
                            .size(10.0)
                            .color(ui.visuals().weak_text_color()),
                    ),
                );
                if keys::announce(ui.add(tab), &name, &shortcut).clicked() {
                    self.settings.screen = screen;
                }
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
                    self.sheet_blocked.as_ref().map(|b| b.path.as_path()),
                ) {
                    Some(sheet_ui::Picked::Run(cmd)) => self.queue(cmd),
                    Some(sheet_ui::Picked::Shell(cmd)) => self.queue_shell(cmd),
                    None => {}
                }
            }
            ui.separator();
            // Undo and redo of the plan and quote edits (Ctrl+Z, Ctrl+Shift+Z).
            let (can_undo, can_redo) = self.can_step();
            for (step, key, shortcut, on) in [
                (keys::Step::Undo, "app-undo", keys::UNDO, can_undo),
                (keys::Step::Redo, "app-redo", keys::REDO[0], can_redo),
            ] {
                let name = lang.tr(key);
                let shortcut = ui.ctx().format_shortcut(&shortcut);
                let button = ui.add_enabled(on, egui::Button::new(&name));
                if keys::announce(button, &name, &shortcut)
                    .on_hover_text(&shortcut)
                    .clicked()
                {
                    self.step(step);
                }
            }
            ui.separator();
            if let Some(cmd) = saved_ui::file_buttons(ui, lang, &self.settings.recent_quotes) {
                self.queue(cmd);
            }
            // The name's caption and field, and Export, stay together on one line.
            if ui.available_rect_before_wrap().width() < 340.0 {
                ui.end_row();
            } else {
                ui.separator();
            }
            let label = ui.label(lang.tr("app-patient-name"));
            ui.add(
                egui::TextEdit::singleline(&mut self.patient.name)
                    .desired_width(130.0)
                    .char_limit(crate::patient::MAX_NAME_CHARS)
                    .hint_text(lang.tr("app-patient-name-hint")),
            )
            .labelled_by(label.id);
            // The register's patient number, while a patient from the register is open.
            if self.patient.record.is_some() && !self.patient.number.is_empty() {
                ui.label(
                    egui::RichText::new(lang.tr_args(
                        "app-patient-number-short",
                        &[("number", Arg::Str(self.patient.number.clone()))],
                    ))
                    .color(ui.visuals().weak_text_color()),
                );
            }
            // The patient card: who every figure on every screen is for.
            let card = patient_card(lang, &self.patient, self.today);
            if !card.is_empty() {
                ui.label(egui::RichText::new(card).strong());
            }
            if ui
                .button(lang.tr("app-new-patient"))
                .on_hover_text(ui.ctx().format_shortcut(&keys::NEW_PATIENT))
                .clicked()
            {
                self.queue(Command::NewPatient);
            }
            // A pasted control character (or a name set too long) is shown at once; Export
            // and Save refuse it with the same words.
            if let Err(e) = crate::patient::check_name(&self.patient.name) {
                widgets::error_text(ui, &e.explain(lang));
            }
            // Export shows its shortcut (Ctrl+E, keys.rs).
            let name = lang.tr("app-export");
            let shortcut = ui.ctx().format_shortcut(&keys::EXPORT);
            let export = egui::Button::new(egui::RichText::new(&name).strong())
                .shortcut_text(egui::RichText::new(&shortcut).size(11.0));
            if keys::announce(ui.add(export), &name, &shortcut).clicked() {
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
        // A notice of success goes by itself after a while (the next quote is on its way);
        // a failure stays until it is dismissed.
        let now = ui.input(|i| i.time);
        let since = match &self.banner_since {
            Some((shown, since)) if shown == banner => *since,
            _ => {
                self.banner_since = Some((banner.clone(), now));
                now
            }
        };
        if !banner.error {
            let left = SUCCESS_BANNER_SECONDS - (now - since);
            if left <= 0.0 {
                self.banner = None;
                self.banner_since = None;
                return;
            }
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(left));
        }
        let mut dismiss = false;
        let mut new_patient = false;
        widgets::strip(ui, tone, |ui| {
            // The text first, then Dismiss beside it; long text wraps before the button.
            // Room for the buttons ("Dismiss", "閉じる", "닫기"; "New patient") on the same line.
            let room = ui.available_width() - if self.offer_new_patient { 280.0 } else { 110.0 };
            ui.scope(|ui| {
                ui.set_max_width(room.max(120.0));
                ui.add(
                    egui::Label::new(egui::RichText::new(&banner.text).color(tone.ink())).wrap(),
                );
            });
            if self.offer_new_patient && !banner.error {
                let name = lang.tr("app-new-patient");
                let shortcut = ui.ctx().format_shortcut(&keys::NEW_PATIENT);
                let button = egui::Button::new(egui::RichText::new(&name).strong())
                    .shortcut_text(egui::RichText::new(&shortcut).size(11.0));
                if keys::announce(ui.add(button), &name, &shortcut).clicked() {
                    new_patient = true;
                }
            }
            if ui.button(lang.tr("app-dismiss")).clicked() {
                dismiss = true;
            }
        });
        if new_patient {
            self.queue(Command::NewPatient);
        }
        if dismiss {
            self.banner = None;
            self.banner_since = None;
        }
    }
}

/// The patient as the top bar shows them: sex, age and weight, each when given
/// ("Female · 27 y · 60 kg"); empty when none is.
pub fn patient_card(lang: Lang, patient: &Patient, today: jiff::civil::Date) -> String {
    let mut parts = Vec::new();
    if let Some(sex) = patient.sex {
        parts.push(sex.name(lang));
    }
    if let Some(age) = patient.age_years(today) {
        parts.push(lang.tr_args("app-card-age", &[("years", Arg::from(age))]));
    }
    if let Ok(kg) = patient.weight_kg() {
        parts.push(lang.tr_args(
            "app-card-weight",
            &[("kg", Arg::Str(Patient::weight_text(kg)))],
        ));
    }
    parts.join(" · ")
}
