//! The About box: the version, the licences and where this app keeps its data (the
//! recovery folder, the register, the user's price sheets). Draws only; no IO.

use eframe::egui;
use std::path::Path;

use crate::i18n::Arg;

use super::{DesktopApp, RegisterState};

/// The app's version, as built.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

impl DesktopApp {
    /// The register's file as the About box names it: the one open (or that failed to
    /// open), else the one the settings would open.
    pub fn register_path_text(&self) -> Option<String> {
        match &self.register {
            RegisterState::Open { path, .. } | RegisterState::Failed { path, .. } => {
                Some(path.display().to_string())
            }
            RegisterState::NotOpened | RegisterState::NoPath => {
                crate::records::path_or_default(self.settings.register_path.as_deref())
                    .map(|p| p.display().to_string())
            }
        }
    }

    pub(super) fn about_ui(&mut self, ctx: &egui::Context) {
        if !self.about_open {
            return;
        }
        let lang = self.settings.lang;
        let none = lang.tr("shell-about-none");
        let shown = |p: Option<&Path>| p.map_or_else(|| none.clone(), |p| p.display().to_string());
        let places = [
            (
                "shell-about-recovery",
                shown(self.recovery.as_ref().map(|r| r.dir())),
            ),
            (
                "shell-about-register",
                self.register_path_text().unwrap_or_else(|| none.clone()),
            ),
            (
                "shell-about-sheets",
                shown(self.sheet_folders.mine.as_deref()),
            ),
        ];
        let mut open = true;
        let mut close = false;
        egui::Window::new(lang.tr("shell-about-title"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(520.0)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.heading(lang.tr("app-title"));
                ui.label(lang.tr_args(
                    "shell-about-version",
                    &[("version", Arg::Str(VERSION.into()))],
                ));
                ui.add_space(8.0);
                ui.strong(lang.tr("shell-about-licences"));
                egui::Grid::new("about_licences")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (what, licence) in [
                            (lang.tr("app-title"), "MIT"),
                            ("IPAex Gothic".to_string(), "IPA Font License v1.0"),
                            ("Nanum Gothic".to_string(), "SIL Open Font License 1.1"),
                        ] {
                            ui.label(what);
                            ui.label(licence);
                            ui.end_row();
                        }
                    });
                ui.add(egui::Label::new(lang.tr("shell-about-licence-texts")).wrap());
                ui.add_space(8.0);
                ui.strong(lang.tr("shell-about-data"));
                egui::Grid::new("about_places")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (key, path) in &places {
                            ui.label(lang.tr(key));
                            ui.add(egui::Label::new(egui::RichText::new(path).monospace()).wrap());
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
                if ui.button(lang.tr("shell-about-close")).clicked() {
                    close = true;
                }
            });
        if !open || close {
            self.about_open = false;
        }
    }
}
