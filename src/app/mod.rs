//! The desk app (eframe/egui): the quote screen for reception, the plan screen for doctors,
//! and a side-by-side comparison of pinned plans.
//!
//! Panels draw and queue [`Command`]s; [`DesktopApp::run_command`] is the only place that
//! opens dialogs or touches files. The app does no arithmetic of its own: it renders the
//! core's [`CourseEstimate`](crate::estimate::CourseEstimate).

mod compare_ui;
mod plan_ui;
mod quote_ui;
mod saved_ui;
mod screening_ui;
mod sheet_ui;
mod widgets;

use eframe::egui;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::estimate::CourseRequest;
use crate::files::Recovery;
use crate::i18n::{Arg, Lang};
use crate::pricing::{self, PriceSheet};
use crate::saved::{self, SavedQuote};

pub use plan_ui::PlanScreen;
pub use quote_ui::QuoteScreen;
pub use saved_ui::{OpenedQuote, PriceNotice, RecoveryOffer, SavedPrices};

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
    /// Saved quotes last saved or opened, most recent first (at most 8).
    pub recent_quotes: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Ja,
            last_sheet: None,
            screen: Screen::Quote,
            open_after_export: true,
            recent_quotes: Vec::new(),
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
    /// Ask where to save the quote with the native dialog, then save it.
    SaveQuoteDialog,
    /// Save the current screen's quote or plan (with its prices frozen) to this path.
    SaveQuote(PathBuf),
    /// Ask for a saved quote with the native dialog, then open it.
    OpenQuoteDialog,
    /// Open a saved quote at its saved prices, and compare them with today's.
    OpenQuote(PathBuf),
    /// Price the open saved quote with today's sheet.
    Reprice,
    /// Bring back the plan from the last session.
    RestoreRecovery,
    /// Delete the plan from the last session.
    DiscardRecovery,
    /// Write the plan in progress to the recovery file.
    WriteRecovery(Box<SavedQuote>),
}

/// The sheet in use.
#[derive(Debug, Clone)]
pub struct LoadedSheet {
    /// The validated sheet.
    pub sheet: PriceSheet,
    /// Its file; `None` for the built-in sheet or a saved quote's frozen prices.
    pub path: Option<PathBuf>,
    /// Bumped at each load, so screens know to recompute.
    pub generation: u64,
    /// Where it came from, as written into saved quotes (a path, or the built-in sheet's name).
    pub name: String,
    /// Its full TOML text, frozen into saved quotes.
    pub toml: String,
    /// Set when these are the prices frozen in a saved quote, not a sheet in use today.
    pub saved_prices: Option<SavedPrices>,
}

impl LoadedSheet {
    /// The built-in sheet.
    fn builtin(generation: u64) -> LoadedSheet {
        LoadedSheet {
            sheet: builtin_sheet().clone(),
            path: None,
            generation,
            name: pricing::REFERENCE_SHEET_NAME.to_string(),
            toml: pricing::REFERENCE_SHEET_TOML.to_string(),
            saved_prices: None,
        }
    }

    /// The sheet in the file at `path`.
    fn from_file(path: &Path, generation: u64) -> Result<LoadedSheet, crate::files::SheetError> {
        let toml = crate::files::read_sheet_text(path)?;
        let name = path.display().to_string();
        let sheet = pricing::parse(&toml, &name)?;
        Ok(LoadedSheet {
            sheet,
            path: Some(path.to_path_buf()),
            generation,
            name,
            toml,
            saved_prices: None,
        })
    }
}

/// A message across the top of the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Banner {
    /// Whether it reports a failure.
    pub error: bool,
    /// The text.
    pub text: String,
}

/// A request as last autosaved, with whether a sex was chosen.
type Autosaved = (CourseRequest, bool);

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
    /// The patient's name for the PDF and the saved quote (never persisted in settings).
    pub patient_name: String,
    /// The open saved quote, while it is shown at its saved prices.
    pub opened: Option<OpenedQuote>,
    /// The plan from the last session, offered back until restored or discarded.
    pub recovery_offer: Option<RecoveryOffer>,
    /// The crash-recovery file; `None` keeps no recovery copy.
    recovery: Option<Recovery>,
    /// The (quote, plan) requests last written to the recovery file; `None` until the next
    /// frame takes the current ones as the starting point.
    /// Each request goes with whether a sex was chosen (the request alone cannot tell).
    autosaved: Option<(Option<Autosaved>, Option<Autosaved>)>,
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
        DesktopApp::with_options(cc, today, &dir).with_recovery(Recovery::user_default())
    }

    /// Keeps the plan in progress in this recovery file (`None`: nowhere), and offers back
    /// the plan a previous run left there. [`DesktopApp::with_options`] keeps none.
    #[must_use]
    pub fn with_recovery(mut self, recovery: Option<Recovery>) -> DesktopApp {
        self.recovery_offer = recovery.as_ref().and_then(Recovery::load).map(|r| match r {
            Ok(reopened) => RecoveryOffer::Ready(Box::new(reopened)),
            Err(reason) => RecoveryOffer::Damaged(reason),
        });
        self.recovery = recovery;
        self.autosaved = None;
        self
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
            sheet: LoadedSheet::builtin(0),
            sheet_files: crate::files::list_sheets(sheet_dir),
            banner: None,
            quote: QuoteScreen::default(),
            plan: PlanScreen::new(today),
            today,
            opened: None,
            recovery_offer: None,
            recovery: None,
            autosaved: None,
            commands: Vec::new(),
            started: None,
            frames: 0,
            patient_name: String::new(),
        };
        if let Some(path) = app.settings.last_sheet.clone() {
            app.run_command(Command::LoadSheet(Some(path)));
        }
        app
    }

    /// `DOSE_PLANNER_LANG=ja|en|ko` and `DOSE_PLANNER_SCREEN=quote|plan|compare` choose the
    /// first language and screen, `DOSE_PLANNER_OPEN=FILE` opens a saved quote (for demos
    /// and screenshots).
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
        if let Some(path) = std::env::var_os("DOSE_PLANNER_OPEN") {
            self.queue(Command::OpenQuote(PathBuf::from(path)));
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
                self.sheet = LoadedSheet::builtin(self.sheet.generation + 1);
                self.opened = None;
                self.settings.last_sheet = None;
                self.banner = None;
            }
            Command::LoadSheet(Some(path)) => {
                match LoadedSheet::from_file(&path, self.sheet.generation + 1) {
                    Ok(loaded) => {
                        let name = loaded.sheet.clinic.name.get(lang).to_string();
                        self.sheet = loaded;
                        self.opened = None;
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
                }
            }
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
            Command::SaveQuoteDialog => {
                let name = format!("quote-{}.json", self.today);
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter(lang.tr("app-saved-filter"), &["json"])
                    .set_file_name(name)
                    .save_file()
                {
                    self.run_command(Command::SaveQuote(path));
                }
            }
            Command::SaveQuote(path) => self.save_quote(&path),
            Command::OpenQuoteDialog => {
                let mut dialog =
                    rfd::FileDialog::new().add_filter(lang.tr("app-saved-filter"), &["json"]);
                if let Some(dir) = self.settings.recent_quotes.first().and_then(|p| p.parent()) {
                    dialog = dialog.set_directory(dir);
                }
                if let Some(path) = dialog.pick_file() {
                    self.run_command(Command::OpenQuote(path));
                }
            }
            Command::OpenQuote(path) => self.open_quote(&path),
            Command::Reprice => {
                if let Some(today) = self.opened.take().and_then(|o| o.today) {
                    let mut today = *today;
                    today.generation = self.sheet.generation + 1;
                    let name = today.sheet.clinic.name.get(lang).to_string();
                    self.settings.last_sheet = today.path.clone();
                    self.sheet = today;
                    self.banner = Some(Banner {
                        error: false,
                        text: lang.tr_args("app-saved-repriced", &[("name", Arg::Str(name))]),
                    });
                }
            }
            Command::RestoreRecovery => {
                if let Some(RecoveryOffer::Ready(r)) = self.recovery_offer.take() {
                    self.settings.screen =
                        saved_ui::restore_inputs(&r.quote.request, &mut self.quote, &mut self.plan);
                    self.patient_name = r.quote.patient.clone().unwrap_or_default();
                    self.autosaved = None;
                    self.banner = Some(Banner {
                        error: false,
                        text: lang.tr("app-saved-restored"),
                    });
                }
            }
            Command::DiscardRecovery => {
                self.recovery_offer = None;
                self.autosaved = None;
                self.discard_recovery();
            }
            Command::WriteRecovery(quote) => {
                if let Some(recovery) = &self.recovery
                    && let Err(e) = recovery.save(&quote)
                {
                    self.banner = Some(Banner {
                        error: true,
                        text: lang.tr_args(
                            "app-saved-autosave-failed",
                            &[("reason", Arg::Str(e.to_string()))],
                        ),
                    });
                }
            }
        }
    }

    /// The current screen's request, and whether a sex was chosen.
    fn current_request(&self) -> Option<(CourseRequest, bool)> {
        match self.settings.screen {
            Screen::Quote => quote_ui::request(&self.quote.inputs)
                .ok()
                .map(|r| (r, self.quote.inputs.sex.is_some())),
            Screen::Plan | Screen::Compare => self
                .plan
                .request()
                .cloned()
                .map(|r| (r, self.plan.inputs.sex.is_some())),
        }
    }

    /// The saved form of `req`, priced (by the core) with the sheet in use.
    fn saved_form(&self, req: &CourseRequest) -> Result<SavedQuote, String> {
        let est = crate::estimate::estimate(&self.sheet.sheet, req)
            .map_err(|e| e.explain(self.settings.lang))?;
        Ok(saved::save(
            &self.sheet.name,
            &self.sheet.toml,
            req,
            &est,
            self.patient().as_deref(),
            self.today,
        ))
    }

    /// The patient's name as typed, if any.
    fn patient(&self) -> Option<String> {
        let name = self.patient_name.trim();
        (!name.is_empty()).then(|| name.to_string())
    }

    fn error(&mut self, key: &str, args: &[(&str, Arg)]) {
        self.banner = Some(Banner {
            error: true,
            text: self.settings.lang.tr_args(key, args),
        });
    }

    fn remember_recent(&mut self, path: &Path) {
        let recent = &mut self.settings.recent_quotes;
        recent.retain(|p| p != path);
        recent.insert(0, path.to_path_buf());
        recent.truncate(saved_ui::MAX_RECENT);
    }

    fn discard_recovery(&mut self) {
        if let Some(recovery) = &self.recovery
            && let Err(e) = recovery.discard()
        {
            self.error(
                "app-saved-recovery-failed",
                &[("reason", Arg::Str(e.to_string()))],
            );
        }
    }

    fn save_quote(&mut self, path: &Path) {
        let Some((req, sex_given)) = self.current_request() else {
            self.error("app-saved-nothing", &[]);
            return;
        };
        if !sex_given {
            self.error("app-saved-needs-sex", &[]);
            return;
        }
        let quote = match self.saved_form(&req) {
            Ok(q) => q,
            Err(reason) => {
                self.error("app-saved-save-failed", &[("reason", Arg::Str(reason))]);
                return;
            }
        };
        if let Err(e) = crate::files::write_atomic(path, saved::to_json(&quote).as_bytes()) {
            self.error(
                "app-saved-save-failed",
                &[("reason", Arg::Str(e.to_string()))],
            );
            return;
        }
        self.remember_recent(path);
        self.banner = Some(Banner {
            error: false,
            text: self.settings.lang.tr_args(
                "app-saved-saved",
                &[("path", Arg::Str(path.display().to_string()))],
            ),
        });
        // Saved where the user chose: the recovery copy is no longer needed.
        self.recovery_offer = None;
        self.autosaved = None;
        self.discard_recovery();
    }

    fn open_quote(&mut self, path: &Path) {
        let lang = self.settings.lang;
        let shown = path.display().to_string();
        if !path.exists() && self.settings.recent_quotes.iter().any(|p| p == path) {
            self.settings.recent_quotes.retain(|p| p != path);
            self.error("app-saved-vanished", &[("path", Arg::Str(shown))]);
            return;
        }
        let reopened = match crate::files::read_quote_text(path)
            .map_err(|e| e.to_string())
            .and_then(|text| saved::open(&text, &shown).map_err(|e| e.to_string()))
        {
            Ok(r) => r,
            Err(reason) => {
                self.error("app-saved-open-failed", &[("reason", Arg::Str(reason))]);
                return;
            }
        };
        let generation = self.sheet.generation + 1;
        let today = self.todays_sheet(&reopened.quote.sheet_name, generation);
        let cur = &reopened.sheet.currency;
        let (notice, today) = match today {
            Err(reason) => (PriceNotice::CannotReprice(reason), None),
            Ok(t) => match saved::check_prices(&reopened, &t.sheet) {
                saved::PriceCheck::Unchanged => (PriceNotice::Same, Some(Box::new(t))),
                saved::PriceCheck::Changed {
                    saved_total,
                    current_total,
                } => (
                    PriceNotice::Changed {
                        then: cur.format(saved_total, lang),
                        now: t.sheet.currency.format(current_total, lang),
                    },
                    Some(Box::new(t)),
                ),
                saved::PriceCheck::CannotReprice(e) => {
                    (PriceNotice::CannotReprice(e.explain(lang)), None)
                }
            },
        };
        let q = &reopened.quote;
        let file = saved_ui::file_name(path);
        self.settings.screen =
            saved_ui::restore_inputs(&q.request, &mut self.quote, &mut self.plan);
        self.patient_name = q.patient.clone().unwrap_or_default();
        self.sheet = LoadedSheet {
            sheet: reopened.sheet.clone(),
            path: None,
            generation,
            name: q.sheet_name.clone(),
            toml: q.sheet_toml.clone(),
            saved_prices: Some(SavedPrices {
                file: file.clone(),
                date: q.quote_date,
            }),
        };
        self.opened = Some(OpenedQuote { notice, today });
        self.autosaved = None;
        self.remember_recent(path);
        self.banner = Some(Banner {
            error: false,
            text: lang.tr_args(
                "app-saved-opened",
                &[
                    ("file", Arg::Str(file)),
                    ("date", Arg::Str(q.quote_date.to_string())),
                ],
            ),
        });
    }

    /// Today's prices for a quote saved with the sheet `name`: that file if it exists, else
    /// the built-in sheet if it was the built-in one, else the sheet selected now.
    fn todays_sheet(&self, name: &str, generation: u64) -> Result<LoadedSheet, String> {
        let path = Path::new(name);
        if path.is_file() {
            return LoadedSheet::from_file(path, generation).map_err(|e| e.to_string());
        }
        if name == pricing::REFERENCE_SHEET_NAME {
            return Ok(LoadedSheet::builtin(generation));
        }
        if self.sheet.saved_prices.is_none() {
            let mut current = self.sheet.clone();
            current.generation = generation;
            return Ok(current);
        }
        match &self.settings.last_sheet {
            Some(p) => LoadedSheet::from_file(p, generation).map_err(|e| e.to_string()),
            None => Ok(LoadedSheet::builtin(generation)),
        }
    }

    /// Queues a recovery write when the quote or the plan inputs changed since the last one.
    fn autosave(&mut self) {
        if self.recovery.is_none() || self.recovery_offer.is_some() {
            return;
        }
        let quote = quote_ui::request(&self.quote.inputs)
            .ok()
            .map(|r| (r, self.quote.inputs.sex.is_some()));
        let plan = self
            .plan
            .request()
            .cloned()
            .map(|r| (r, self.plan.inputs.sex.is_some()));
        let Some((last_quote, last_plan)) = &self.autosaved else {
            self.autosaved = Some((quote, plan));
            return;
        };
        // The plan screen's request appears when it is first drawn: not a change.
        let changed = if last_plan.is_some() && plan != *last_plan {
            plan.clone()
        } else if quote != *last_quote {
            quote.clone()
        } else {
            None
        };
        let write = changed.and_then(|(req, _)| self.saved_form(&req).ok());
        self.autosaved = Some((quote, plan));
        if let Some(q) = write {
            self.queue(Command::WriteRecovery(Box::new(q)));
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
        let patient = self.patient();
        let req = crate::pdf::PdfRequest {
            sheet: &self.sheet.sheet,
            estimate: &estimate,
            lang,
            patient: patient.as_deref(),
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
            } else if let Some(cmd) =
                sheet_ui::sheet_picker(ui, lang, &self.sheet, &self.sheet_files)
            {
                self.queue(cmd);
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
                    .hint_text(lang.tr("app-patient-name-hint")),
            )
            .labelled_by(label.id);
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
            let lang = self.settings.lang;
            if let Some(offer) = &self.recovery_offer
                && let Some(cmd) = saved_ui::recovery_ui(ui, lang, offer)
            {
                self.queue(cmd);
            }
            if let Some(opened) = &self.opened
                && let Some(cmd) = saved_ui::notice_ui(ui, lang, opened)
            {
                self.queue(cmd);
            }
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

        self.autosave();
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
