//! The desk app (eframe/egui): the quote screen for reception, the plan screen for doctors,
//! and a side-by-side comparison of pinned plans.
//!
//! Panels draw and queue [`Command`]s; [`DesktopApp::run_command`] is the only place that
//! opens dialogs or touches files. The app does no arithmetic of its own: it renders the
//! core's [`CourseEstimate`](crate::estimate::CourseEstimate).

mod compare_ui;
mod plan_ui;
mod quote_ui;
mod screening_ui;
mod sheet_ui;
mod widgets;

use eframe::egui;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Lang};
use crate::pricing::{self, PriceSheet};

pub use plan_ui::PlanScreen;
pub use quote_ui::QuoteScreen;

/// The window title (also the app id for persistence).
pub const APP_NAME: &str = "Dose & Cost Planner";

/// Opens the window.
pub fn run() -> anyhow::Result<()> {
    let started = Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(APP_NAME)
            .with_app_id("dose-planner")
            .with_inner_size([1180.0, 780.0])
            .with_min_inner_size([720.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        APP_NAME,
        options,
        Box::new(move |cc| {
            let mut app = DesktopApp::new(cc);
            app.started = Some(started);
            app.apply_env_overrides();
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// Settings that persist between runs (eframe storage). Patient inputs are not here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Language of the interface.
    pub lang: Lang,
    /// The price sheet last chosen; `None` is the built-in sheet.
    pub last_sheet: Option<PathBuf>,
    /// The screen last shown.
    pub screen: Screen,
    /// Open the PDF in the system viewer after saving it.
    pub open_after_export: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Ja,
            last_sheet: None,
            screen: Screen::Quote,
            open_after_export: true,
        }
    }
}

/// The screens of the app.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Screen {
    /// Reception: sex, dose, months → totals.
    #[default]
    Quote,
    /// Doctor: weight, monthly doses, target → mg/kg, dates, chart, warnings.
    Plan,
    /// Pinned plans side by side.
    Compare,
}

/// Something only [`DesktopApp::run_command`] may do: dialogs and file access.
#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Use a price sheet: a file, or `None` for the built-in sheet.
    LoadSheet(Option<PathBuf>),
    /// Ask for a sheet file with the native dialog, then load it.
    OpenSheetDialog,
    /// Ask where to save the PDF with the native dialog, then export.
    ExportPdfDialog,
    /// Write the PDF of the current screen's estimate to this path.
    ExportPdf(PathBuf),
}

/// The sheet in use.
#[derive(Debug, Clone)]
pub struct LoadedSheet {
    /// The validated sheet.
    pub sheet: PriceSheet,
    /// Its file; `None` for the built-in sheet.
    pub path: Option<PathBuf>,
    /// Bumped at each load, so screens know to recompute.
    pub generation: u64,
}

/// A message across the top of the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Banner {
    /// Whether it reports a failure.
    pub error: bool,
    /// The text.
    pub text: String,
}

/// The desk app.
pub struct DesktopApp {
    /// Persisted settings.
    pub settings: Settings,
    /// The sheet in use.
    pub sheet: LoadedSheet,
    /// Sheets found in the sheet folder.
    pub sheet_files: Vec<PathBuf>,
    /// The banner, if any.
    pub banner: Option<Banner>,
    /// The quote screen.
    pub quote: QuoteScreen,
    /// The plan screen (and its pinned plans).
    pub plan: PlanScreen,
    /// Today, for quote dates and the default start date.
    pub today: jiff::civil::Date,
    commands: Vec<Command>,
    /// The settings as last written to storage.
    saved_settings: Option<Settings>,
    started: Option<Instant>,
    frames: u64,
}

impl DesktopApp {
    /// The app as the window opens it: settings from storage, today from the clock, sheets
    /// from `pricing/` under the working directory.
    pub fn new(cc: &eframe::CreationContext<'_>) -> DesktopApp {
        let today = jiff::Zoned::now().date();
        let dir = std::env::current_dir()
            .map(|d| d.join("pricing"))
            .unwrap_or_else(|_| PathBuf::from("pricing"));
        DesktopApp::with_options(cc, today, &dir)
    }

    /// The app with a fixed "today" (for tests) and sheets from `pricing/`.
    pub fn with_today(cc: &eframe::CreationContext<'_>, today: jiff::civil::Date) -> DesktopApp {
        DesktopApp::with_options(cc, today, Path::new("pricing"))
    }

    /// The app with a fixed "today" and a given folder of price sheets.
    pub fn with_options(
        cc: &eframe::CreationContext<'_>,
        today: jiff::civil::Date,
        sheet_dir: &Path,
    ) -> DesktopApp {
        install_fonts(&cc.egui_ctx);
        // A light theme reads best at a bright reception desk.
        cc.egui_ctx.set_theme(egui::Theme::Light);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = DesktopApp {
            saved_settings: Some(settings.clone()),
            settings,
            sheet: LoadedSheet {
                sheet: builtin_sheet().clone(),
                path: None,
                generation: 0,
            },
            sheet_files: crate::files::list_sheets(sheet_dir),
            banner: None,
            quote: QuoteScreen::default(),
            plan: PlanScreen::new(today),
            today,
            commands: Vec::new(),
            started: None,
            frames: 0,
        };
        if let Some(path) = app.settings.last_sheet.clone() {
            app.run_command(Command::LoadSheet(Some(path)));
        }
        app
    }

    /// `DOSE_PLANNER_LANG=ja|en|ko` and `DOSE_PLANNER_SCREEN=quote|plan|compare` choose the
    /// first language and screen (for demos and screenshots).
    fn apply_env_overrides(&mut self) {
        if let Some(lang) = std::env::var("DOSE_PLANNER_LANG")
            .ok()
            .and_then(|c| Lang::from_code(&c))
        {
            self.settings.lang = lang;
        }
        match std::env::var("DOSE_PLANNER_SCREEN").as_deref() {
            Ok("quote") => self.settings.screen = Screen::Quote,
            Ok("plan") => self.settings.screen = Screen::Plan,
            Ok("compare") => self.settings.screen = Screen::Compare,
            _ => {}
        }
    }

    /// Queues a command to run after this frame is drawn.
    pub fn queue(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Runs one command, and any it leads to. The only place that does IO.
    pub fn run_command(&mut self, command: Command) {
        let lang = self.settings.lang;
        match command {
            Command::LoadSheet(None) => {
                self.sheet = LoadedSheet {
                    sheet: builtin_sheet().clone(),
                    path: None,
                    generation: self.sheet.generation + 1,
                };
                self.settings.last_sheet = None;
                self.banner = None;
            }
            Command::LoadSheet(Some(path)) => match crate::files::load_sheet(&path) {
                Ok(sheet) => {
                    let name = sheet.clinic.name.get(lang).to_string();
                    self.sheet = LoadedSheet {
                        sheet,
                        path: Some(path.clone()),
                        generation: self.sheet.generation + 1,
                    };
                    self.settings.last_sheet = Some(path);
                    self.banner = Some(Banner {
                        error: false,
                        text: lang.tr_args("app-sheet-loaded", &[("name", Arg::Str(name))]),
                    });
                }
                Err(e) => {
                    self.banner = Some(Banner {
                        error: true,
                        text: format!("{e}\n{}", lang.tr("app-sheet-kept")),
                    });
                }
            },
            Command::OpenSheetDialog => {
                let mut dialog = rfd::FileDialog::new().add_filter("TOML", &["toml"]);
                if let Some(dir) = self.sheet_files.first().and_then(|p| p.parent()) {
                    dialog = dialog.set_directory(dir);
                }
                if let Some(path) = dialog.pick_file() {
                    self.run_command(Command::LoadSheet(Some(path)));
                }
            }
            Command::ExportPdfDialog => {
                let name = format!("estimate-{}.pdf", self.today);
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("PDF", &["pdf"])
                    .set_file_name(name)
                    .save_file()
                {
                    self.run_command(Command::ExportPdf(path));
                }
            }
            Command::ExportPdf(path) => self.export_pdf(&path),
        }
    }

    fn export_pdf(&mut self, path: &Path) {
        let lang = self.settings.lang;
        let estimate = match self.settings.screen {
            Screen::Quote => self.quote.export_estimate(),
            Screen::Plan | Screen::Compare => self.plan.export_estimate(),
        };
        let estimate = match estimate {
            Ok(e) => e,
            Err(key) => {
                self.banner = Some(Banner {
                    error: true,
                    text: lang.tr(key),
                });
                return;
            }
        };
        let req = crate::pdf::PdfRequest {
            sheet: &self.sheet.sheet,
            estimate: &estimate,
            lang,
            patient: None,
            quote_date: self.today,
        };
        let written = crate::pdf::estimate_pdf(&req)
            .map_err(|e| e.to_string())
            .and_then(|bytes| crate::files::write_atomic(path, &bytes).map_err(|e| e.to_string()));
        let shown = path.display().to_string();
        self.banner = Some(match written {
            Ok(()) => {
                if self.settings.open_after_export
                    && let Err(e) = open_in_viewer(path)
                {
                    self.banner = Some(Banner {
                        error: true,
                        text: lang.tr_args(
                            "app-open-failed",
                            &[
                                ("path", Arg::Str(shown)),
                                ("reason", Arg::Str(e.to_string())),
                            ],
                        ),
                    });
                    return;
                }
                Banner {
                    error: false,
                    text: lang.tr_args("app-export-saved", &[("path", Arg::Str(shown))]),
                }
            }
            Err(reason) => Banner {
                error: true,
                text: lang.tr_args("app-export-failed", &[("reason", Arg::Str(reason))]),
            },
        });
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        ui.horizontal_wrapped(|ui| {
            ui.heading(lang.tr("app-title"));
            ui.separator();
            for (screen, key) in [
                (Screen::Quote, "app-tab-quote"),
                (Screen::Plan, "app-tab-plan"),
                (Screen::Compare, "app-tab-compare"),
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
        });
        ui.horizontal_wrapped(|ui| {
            if let Some(cmd) = sheet_ui::sheet_picker(ui, lang, &self.sheet, &self.sheet_files) {
                self.queue(cmd);
            }
            ui.separator();
            if ui.button(lang.tr("app-export")).clicked() {
                self.queue(Command::ExportPdfDialog);
            }
            ui.checkbox(
                &mut self.settings.open_after_export,
                lang.tr("app-export-open-after"),
            );
        });
    }

    fn banner_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        let Some(banner) = &self.banner else {
            return;
        };
        let (fill, text) = if banner.error {
            (
                egui::Color32::from_rgb(0xfd, 0xe2, 0xe1),
                egui::Color32::from_rgb(0x8a, 0x10, 0x10),
            )
        } else {
            (
                egui::Color32::from_rgb(0xe3, 0xf4, 0xe5),
                egui::Color32::from_rgb(0x14, 0x5a, 0x20),
            )
        };
        let mut dismiss = false;
        egui::Frame::new()
            .fill(fill)
            .inner_margin(8)
            .corner_radius(4)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.button(lang.tr("app-dismiss")).clicked() {
                        dismiss = true;
                    }
                    ui.add(egui::Label::new(egui::RichText::new(&banner.text).color(text)).wrap());
                });
            });
        if dismiss {
            self.banner = None;
        }
    }
}

impl eframe::App for DesktopApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if self.frames == 0
            && let Some(started) = self.started
            && std::env::var_os("DOSE_PLANNER_MEASURE").is_some()
        {
            eprintln!("first-frame-ms {}", started.elapsed().as_millis());
        }
        self.frames += 1;

        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.add_space(4.0);
            self.top_bar(ui);
            self.banner_ui(ui);
            ui.add_space(2.0);
        });
        let lang = self.settings.lang;
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| match self.settings.screen {
                    Screen::Quote => self.quote.ui(ui, lang, &self.sheet),
                    Screen::Plan => self.plan.ui(ui, lang, &self.sheet),
                    Screen::Compare => compare_ui::ui(ui, lang, &mut self.plan),
                });
        });

        for cmd in std::mem::take(&mut self.commands) {
            self.run_command(cmd);
        }

        // Write settings as soon as they change: an idle app draws no frames, so eframe's
        // periodic auto-save would not run until the next input.
        if self.saved_settings.as_ref() != Some(&self.settings)
            && let Some(storage) = frame.storage_mut()
        {
            eframe::set_value(storage, eframe::APP_KEY, &self.settings);
            storage.flush();
            self.saved_settings = Some(self.settings.clone());
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// The compiled-in sheet, parsed once.
fn builtin_sheet() -> &'static PriceSheet {
    static SHEET: std::sync::OnceLock<PriceSheet> = std::sync::OnceLock::new();
    SHEET.get_or_init(pricing::reference_sheet)
}

/// Loads the bundled Japanese and Korean fonts after egui's own Latin font, so Japanese and
/// Korean never show as boxes whatever the machine has installed.
fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    for (name, bytes) in [
        ("ipaex-gothic", crate::fonts::IPAEX_GOTHIC),
        ("nanum-gothic", crate::fonts::NANUM_GOTHIC),
    ] {
        fonts.font_data.insert(
            name.to_string(),
            std::sync::Arc::new(egui::FontData::from_static(bytes)),
        );
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .push(name.to_string());
        }
    }
    ctx.set_fonts(fonts);
}

/// Opens a file in the system's viewer.
fn open_in_viewer(path: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "windows")]
    let mut cmd = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = std::process::Command::new("open");
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut cmd = std::process::Command::new("xdg-open");
    cmd.arg(path).spawn().map(|_| ())
}
