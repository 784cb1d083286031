//! F1 help: what the screen shown is for, what its controls do, the keys, and where the
//! prices and the register live — in the screen's language. Draws only; no IO.

use eframe::egui;

use crate::i18n::Arg;

use super::{DesktopApp, Screen};

impl DesktopApp {
    /// The help text for `screen`, in the language of the moment: the screen's own page,
    /// then the keys, then where the prices and the register are.
    pub fn help_text(&self, screen: Screen) -> String {
        let lang = self.settings.lang;
        let page = lang.tr(match screen {
            Screen::Quote => "app-help-quote",
            Screen::Plan => "app-help-plan",
            Screen::Compare => "app-help-compare",
            Screen::Patients => "app-help-patients",
            Screen::Quotes => "app-help-quotes",
        });
        let sheet = match (&self.sheet_blocked, &self.sheet.path) {
            (Some(b), _) => b.path.display().to_string(),
            (None, Some(p)) => p.display().to_string(),
            (None, None) => self.sheet.name.clone(),
        };
        let places = lang.tr_args(
            "app-help-places",
            &[
                ("sheet", Arg::Str(sheet)),
                (
                    "register",
                    Arg::Str(
                        self.register_path_text()
                            .unwrap_or_else(|| lang.tr("shell-about-none")),
                    ),
                ),
            ],
        );
        format!("{page}\n\n{}\n\n{places}", lang.tr("app-help-keys"))
    }

    /// The help window for the screen shown, while F1 has it open.
    pub(super) fn help_ui(&mut self, ctx: &egui::Context) {
        if !self.help_open {
            return;
        }
        let lang = self.settings.lang;
        let screen = self.settings.screen;
        let text = self.help_text(screen);
        let mut open = true;
        let mut close = false;
        egui::Window::new(lang.tr("app-help-title"))
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .anchor(egui::Align2::RIGHT_TOP, [-12.0, 60.0])
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(ctx.content_rect().height() - 160.0)
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(text).wrap());
                    });
                ui.add_space(6.0);
                if ui.button(lang.tr("app-dismiss")).clicked() {
                    close = true;
                }
            });
        if !open || close || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.help_open = false;
        }
    }
}
