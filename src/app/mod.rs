//! The desk app (eframe/egui): the quote screen for reception, the plan screen for doctors,
//! and a side-by-side comparison of pinned plans.
//!
//! Panels draw and queue [`Command`]s; [`DesktopApp::run_command`] is the only place that
//! opens dialogs or touches files. The app does no arithmetic of its own: it renders the
//! core's [`CourseEstimate`](crate::estimate::CourseEstimate).

mod compare_ui;
mod dialog_ui;
mod plan_ui;
mod quote_ui;
mod saved_ui;
mod screening_ui;
mod sheet_ui;
mod widgets;

use eframe::egui;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::estimate::{CourseEstimate, CourseRequest};
use crate::files::Recovery;
use crate::i18n::{Arg, Lang};
use crate::pricing::{self, PriceSheet};
use crate::saved::{self, SavedQuote};

pub use dialog_ui::{PathField, PathPurpose};
pub use plan_ui::{PlanInputs, PlanScreen};
pub use quote_ui::{QuoteInputs, QuoteScreen};
pub use saved_ui::{OfferedPlan, OpenedQuote, PriceNotice, RecoveryOffer, SavedPrices};

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
    /// Bring back the plan of this offer (an index into [`DesktopApp::recovery_offers`]).
    RestoreRecovery(usize),
    /// Delete the plan of this offer (an index into [`DesktopApp::recovery_offers`]).
    DiscardRecovery(usize),
    /// After a frame drew the restored plan: keep it in this app's recovery file and remove
    /// the file it came from.
    FinishRestore,
    /// Write the plan in progress to the recovery file.
    WriteRecovery(Box<SavedQuote>),
    /// Run a command with the path typed in the in-app path field, and close the field
    /// unless it failed (so the path can be corrected).
    FromPathField(Box<Command>),
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

/// What every panel needs to draw (rerun's `ViewerContext`): the language, the sheet shown
/// and today, in one value instead of threaded through each call.
#[derive(Clone, Copy)]
pub struct ViewCtx<'a> {
    /// The interface language.
    pub lang: Lang,
    /// The sheet in use: every figure on screen is priced with it.
    pub sheet: &'a LoadedSheet,
    /// Today: the quote date.
    pub today: jiff::civil::Date,
}

/// A message across the top of the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Banner {
    /// Whether it reports a failure.
    pub error: bool,
    /// The text.
    pub text: String,
}

/// The inputs as last autosaved (or as found when autosaving started): any change to them,
/// the patient's name alone included, is written to the recovery file.
#[derive(Debug, Clone, PartialEq)]
struct Autosaved {
    quote: QuoteInputs,
    plan: PlanInputs,
    patient: String,
    /// The screen whose inputs were last changed: its plan is the one kept.
    source: Screen,
}

/// A plan from a recovery file being restored: kept in this app's own recovery file once a
/// frame has drawn it, then its old file is removed.
#[derive(Debug)]
struct Restoring {
    source: Recovery,
    quote: SavedQuote,
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
    /// The patient's name for the PDF and the saved quote (never persisted in settings).
    pub patient_name: String,
    /// The open saved quote, while it is shown at its saved prices.
    pub opened: Option<OpenedQuote>,
    /// The plans left by sessions that ended without closing, newest first, offered back
    /// until restored or discarded.
    pub recovery_offers: Vec<RecoveryOffer>,
    /// The in-app path field, while it is shown (no native file dialog could be).
    pub path_field: Option<PathField>,
    /// Whether to try the native file dialogs (rfd); `false` after one could not be shown,
    /// or with `DOSE_PLANNER_NO_NATIVE_DIALOG=1`: the in-app path field is used instead.
    pub native_dialogs: bool,
    /// The program that opens an exported PDF; `None` is the system's (`xdg-open`, `open`,
    /// `start`). Tests set a harmless one.
    #[doc(hidden)]
    pub viewer_program: Option<PathBuf>,
    /// This app's crash-recovery file; `None` keeps no recovery copy.
    recovery: Option<Recovery>,
    /// The inputs last written to the recovery file; `None` until the next frame takes the
    /// current ones as the starting point.
    autosaved: Option<Autosaved>,
    /// A restored plan waiting for its first frame (see [`Command::FinishRestore`]).
    restoring: Option<Restoring>,
    /// Viewers started after an export whose end no thread waits for: reaped each frame.
    viewers: Vec<std::process::Child>,
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

    /// Keeps the plan in progress in this app's recovery file (`None`: nowhere), and offers
    /// back every plan left in its folder by an app that is gone (never a running one's).
    /// [`DesktopApp::with_options`] keeps none.
    #[must_use]
    pub fn with_recovery(mut self, recovery: Option<Recovery>) -> DesktopApp {
        self.recovery_offers.clear();
        if let Some(rec) = &recovery {
            if let Err(e) = rec.hold() {
                self.error(
                    "app-saved-autosave-failed",
                    &[("reason", Arg::Str(e.explain(self.settings.lang)))],
                );
            }
            self.recovery_offers = rec
                .left_behind()
                .into_iter()
                .filter_map(|source| {
                    let plan = if source.restore_was_interrupted() {
                        OfferedPlan::StoppedTheApp
                    } else {
                        match source.load()? {
                            Ok(reopened) => OfferedPlan::Ready(Box::new(reopened)),
                            Err(reason) => OfferedPlan::Damaged(reason),
                        }
                    };
                    Some(RecoveryOffer { plan, source })
                })
                .collect();
        }
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
        // Settings that are there but cannot be read (a damaged file, or written by a
        // version with another format) are replaced by the defaults, and the user is told.
        let stored = cc.storage.and_then(|s| {
            s.get_string(eframe::APP_KEY)
                .map(|_| eframe::get_value::<Settings>(s, eframe::APP_KEY))
        });
        let unreadable = matches!(stored, Some(None));
        let settings = stored.flatten().unwrap_or_default();
        let mut app = DesktopApp {
            // Unreadable settings are written again (as the defaults) at the first frame,
            // so the banner shows once.
            saved_settings: (!unreadable).then(|| settings.clone()),
            settings,
            sheet: LoadedSheet::builtin(0),
            sheet_files: crate::files::list_sheets(sheet_dir),
            banner: None,
            quote: QuoteScreen::default(),
            plan: PlanScreen::new(today),
            today,
            opened: None,
            recovery_offers: Vec::new(),
            path_field: None,
            native_dialogs: std::env::var_os("DOSE_PLANNER_NO_NATIVE_DIALOG")
                .is_none_or(|v| v.is_empty() || v == "0"),
            viewer_program: None,
            recovery: None,
            autosaved: None,
            restoring: None,
            viewers: Vec::new(),
            commands: Vec::new(),
            started: None,
            frames: 0,
            patient_name: String::new(),
        };
        if unreadable {
            app.error("app-settings-unreadable", &[]);
        }
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
                            text: format!("{}\n{}", e.explain(lang), lang.tr("app-sheet-kept")),
                        });
                    }
                }
            }
            Command::OpenSheetDialog => self.ask_path(PathPurpose::OpenSheet),
            Command::ExportPdfDialog => {
                // Say what is missing before asking where to save.
                if let Err(text) = self.export_ready() {
                    self.banner = Some(Banner { error: true, text });
                    return;
                }
                self.ask_path(PathPurpose::ExportPdf);
            }
            Command::ExportPdf(path) => self.export_pdf(&path),
            Command::SaveQuoteDialog => {
                if let Err(text) = self.quote_to_save() {
                    self.banner = Some(Banner { error: true, text });
                    return;
                }
                self.ask_path(PathPurpose::SaveQuote);
            }
            Command::SaveQuote(path) => self.save_quote(&path),
            Command::OpenQuoteDialog => self.ask_path(PathPurpose::OpenQuote),
            Command::OpenQuote(path) => self.open_quote(&path),
            Command::FromPathField(command) => {
                self.banner = None;
                self.run_command(*command);
                if !self.banner.as_ref().is_some_and(|b| b.error) {
                    self.path_field = None;
                }
            }
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
            Command::RestoreRecovery(i) => {
                if !matches!(
                    self.recovery_offers.get(i).map(|o| &o.plan),
                    Some(OfferedPlan::Ready(_))
                ) {
                    return;
                }
                let offer = self.recovery_offers.remove(i);
                // Marked first: if this plan stops the app, it is not offered as ready again.
                if let Err(e) = offer.source.mark_restoring() {
                    self.error(
                        "app-saved-restore-failed",
                        &[("reason", Arg::Str(e.explain(self.settings.lang)))],
                    );
                    self.recovery_offers.insert(i, offer);
                    return;
                }
                let OfferedPlan::Ready(r) = offer.plan else {
                    return; // checked above
                };
                self.settings.screen =
                    saved_ui::restore_inputs(&r.quote, &mut self.quote, &mut self.plan);
                self.patient_name = r.quote.patient.clone().unwrap_or_default();
                self.autosaved = None;
                self.restoring = Some(Restoring {
                    source: offer.source,
                    quote: r.quote,
                });
                self.banner = Some(Banner {
                    error: false,
                    text: lang.tr("app-saved-restored"),
                });
            }
            Command::FinishRestore => {
                let Some(restoring) = self.restoring.take() else {
                    return;
                };
                let kept = match &self.recovery {
                    Some(own) => own.save(&restoring.quote),
                    None => Ok(()),
                };
                match kept {
                    Ok(()) => {
                        if let Err(e) = restoring.source.discard() {
                            self.error(
                                "app-saved-recovery-failed",
                                &[("reason", Arg::Str(e.explain(self.settings.lang)))],
                            );
                        }
                    }
                    Err(e) => {
                        // The plan stays in its old file, offered again at the next start.
                        let unmarked = restoring.source.unmark_restoring().err();
                        let reason = match unmarked {
                            None => e.to_string(),
                            Some(u) => format!("{e}; {u}"),
                        };
                        self.error("app-saved-autosave-failed", &[("reason", Arg::Str(reason))]);
                    }
                }
            }
            Command::DiscardRecovery(i) => {
                if i >= self.recovery_offers.len() {
                    return;
                }
                let offer = self.recovery_offers.remove(i);
                if let Err(e) = offer.source.discard() {
                    self.error(
                        "app-saved-recovery-failed",
                        &[("reason", Arg::Str(e.explain(self.settings.lang)))],
                    );
                }
            }
            Command::WriteRecovery(quote) => {
                if let Some(recovery) = &self.recovery
                    && let Err(e) = recovery.save(&quote)
                {
                    self.banner = Some(Banner {
                        error: true,
                        text: lang.tr_args(
                            "app-saved-autosave-failed",
                            &[("reason", Arg::Str(e.explain(self.settings.lang)))],
                        ),
                    });
                }
            }
        }
    }

    /// The request the inputs of `screen` make now, computed from the inputs on the sheet
    /// in use (never taken from a cache), and whether a sex was chosen; or why there is none.
    fn request_of(&self, screen: Screen) -> Result<(CourseRequest, bool), String> {
        let lang = self.settings.lang;
        match screen {
            Screen::Quote => quote_ui::request(&self.quote.inputs)
                .map(|r| (r, self.quote.inputs.sex.is_some()))
                .map_err(|e| e.explain(lang)),
            Screen::Plan | Screen::Compare => {
                plan_ui::request(&self.plan.inputs, &self.sheet.sheet, lang)
                    .map(|r| (r, self.plan.inputs.sex.is_some()))
            }
        }
    }

    /// The current screen's request, its estimate on the sheet shown (computed now) and the
    /// patient's name, ready for the PDF; or the message saying what is missing.
    fn export_ready(&self) -> Result<(crate::quote::Quote, Option<String>), String> {
        let lang = self.settings.lang;
        let (req, sex_given) = self.request_of(self.settings.screen).map_err(|reason| {
            lang.tr_args("app-export-invalid", &[("reason", Arg::Str(reason))])
        })?;
        if !sex_given {
            return Err(lang.tr("app-export-needs-sex"));
        }
        let patient =
            crate::patient::check_name(&self.patient_name).map_err(|e| e.explain(lang))?;
        let quote =
            crate::quote::Quote::compute(&self.sheet.sheet, &req, self.today).map_err(|e| {
                lang.tr_args(
                    "app-export-invalid",
                    &[("reason", Arg::Str(e.explain(lang)))],
                )
            })?;
        Ok((quote, patient))
    }

    /// The current screen's estimate as Export and Save use it: computed now from the inputs
    /// on the sheet shown; or the message saying what is missing.
    pub fn current_estimate(&self) -> Result<CourseEstimate, String> {
        self.export_ready().map(|(quote, _)| quote.shown().clone())
    }

    /// The current screen's quote in its saved form, priced now on the sheet in use; or the
    /// message saying what is missing.
    fn quote_to_save(&self) -> Result<SavedQuote, String> {
        let lang = self.settings.lang;
        let (req, sex_given) = self
            .request_of(self.settings.screen)
            .map_err(|reason| lang.tr_args("app-saved-invalid", &[("reason", Arg::Str(reason))]))?;
        if !sex_given {
            return Err(lang.tr("app-saved-needs-sex"));
        }
        let patient =
            crate::patient::check_name(&self.patient_name).map_err(|e| e.explain(lang))?;
        let est = crate::estimate::estimate(&self.sheet.sheet, &req).map_err(|e| {
            lang.tr_args(
                "app-saved-save-failed",
                &[("reason", Arg::Str(e.explain(lang)))],
            )
        })?;
        Ok(saved::save(
            &self.sheet.name,
            &self.sheet.toml,
            &req,
            &est,
            patient.as_deref(),
            self.today,
        ))
    }

    /// The plan of `source`'s screen for the recovery file, priced now on the sheet in use;
    /// `None` while the inputs make no plan (half typed): the last good one stays in the file.
    /// A name that cannot be saved is left out (the field shows why).
    fn recovery_form(&self, source: Screen) -> Option<SavedQuote> {
        // Inputs that make no plan yet are shown as errors on their screen; nothing to keep.
        let (req, sex_given) = self.request_of(source).ok()?;
        let est = crate::estimate::estimate(&self.sheet.sheet, &req).ok()?;
        // A refused name is shown next to its field, and left out of the copy.
        let patient = crate::patient::check_name(&self.patient_name)
            .ok()
            .flatten();
        let mut copy = saved::save(
            &self.sheet.name,
            &self.sheet.toml,
            &req,
            &est,
            patient.as_deref(),
            self.today,
        );
        // Restored without a sex if none was chosen, never as the sex the request had to hold.
        copy.sex_chosen = (!sex_given).then_some(false);
        Some(copy)
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
                &[("reason", Arg::Str(e.explain(self.settings.lang)))],
            );
        }
    }

    fn save_quote(&mut self, path: &Path) {
        let quote = match self.quote_to_save() {
            Ok(q) => q,
            Err(text) => {
                self.banner = Some(Banner { error: true, text });
                return;
            }
        };
        if let Err(e) = crate::files::write_atomic(path, saved::to_json(&quote).as_bytes()) {
            self.error(
                "app-saved-save-failed",
                &[("reason", Arg::Str(e.explain(self.settings.lang)))],
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
        // Saved where the user chose: this app's recovery copy is no longer needed.
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
            .map_err(|e| e.explain(lang))
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
        self.settings.screen = saved_ui::restore_inputs(q, &mut self.quote, &mut self.plan);
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
        // The name inside a saved quote is only a hint (the file may come from another
        // machine or have been edited): it is read only when it names a `.toml` file, so a
        // quote pointing at `/etc/passwd` or a pipe never has it read or echoed.
        let path = Path::new(name);
        if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            return LoadedSheet::from_file(path, generation)
                .map_err(|e| e.explain(self.settings.lang));
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
            Some(p) => {
                LoadedSheet::from_file(p, generation).map_err(|e| e.explain(self.settings.lang))
            }
            None => Ok(LoadedSheet::builtin(generation)),
        }
    }

    /// Queues a recovery write when any input changed since the last one (the patient's name
    /// alone included): the plan of the screen last changed, priced now on the sheet in use.
    /// Compares inputs only, so an unchanged frame costs nothing.
    fn autosave(&mut self) {
        if self.recovery.is_none() {
            return;
        }
        let Some(last) = &self.autosaved else {
            self.autosaved = Some(Autosaved {
                quote: self.quote.inputs.clone(),
                plan: self.plan.inputs.clone(),
                patient: self.patient_name.clone(),
                source: match self.settings.screen {
                    Screen::Quote => Screen::Quote,
                    Screen::Plan | Screen::Compare => Screen::Plan,
                },
            });
            return;
        };
        let plan_changed = last.plan != self.plan.inputs;
        let quote_changed = last.quote != self.quote.inputs;
        if !plan_changed && !quote_changed && last.patient == self.patient_name {
            return;
        }
        let source = if plan_changed {
            Screen::Plan
        } else if quote_changed {
            Screen::Quote
        } else {
            last.source
        };
        self.autosaved = Some(Autosaved {
            quote: self.quote.inputs.clone(),
            plan: self.plan.inputs.clone(),
            patient: self.patient_name.clone(),
            source,
        });
        if let Some(q) = self.recovery_form(source) {
            self.queue(Command::WriteRecovery(Box::new(q)));
        }
    }

    /// Writes the PDF of the current screen's plan, priced now on the sheet shown (never a
    /// cached estimate, which may come from another sheet).
    fn export_pdf(&mut self, path: &Path) {
        let lang = self.settings.lang;
        let (quote, patient) = match self.export_ready() {
            Ok(ready) => ready,
            Err(text) => {
                self.banner = Some(Banner { error: true, text });
                return;
            }
        };
        let req = crate::pdf::PdfRequest {
            quote: &quote,
            lang,
            patient: patient.as_deref(),
        };
        let written = crate::pdf::estimate_pdf(&req)
            .map_err(|e| e.explain(lang))
            .and_then(|bytes| {
                crate::files::write_atomic(path, &bytes).map_err(|e| e.explain(lang))
            });
        let shown = path.display().to_string();
        self.banner = Some(match written {
            Ok(()) => {
                if self.settings.open_after_export
                    && let Err(e) = self.open_in_viewer(path)
                {
                    // The PDF is saved: say so first, then why no viewer opened it.
                    let reason = if e.kind() == std::io::ErrorKind::NotFound {
                        lang.tr("app-open-no-viewer")
                    } else {
                        e.to_string()
                    };
                    self.banner = Some(Banner {
                        error: false,
                        text: lang.tr_args(
                            "app-open-failed",
                            &[("path", Arg::Str(shown)), ("reason", Arg::Str(reason))],
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

    /// The app closes normally (eframe's `on_exit`): a restored plan still waiting is
    /// settled, this app's recovery file and lock file are removed, and the locks of the
    /// plans still offered are released (they are offered again at the next start).
    pub fn close(&mut self) {
        if self.restoring.is_some() {
            self.run_command(Command::FinishRestore);
        }
        self.recovery_offers.clear();
        if let Some(recovery) = self.recovery.take()
            && let Err(e) = recovery.close()
        {
            // The window is closing: no banner can show this any more. The file is offered
            // back at the next start, which is the safe side.
            eprintln!("dose-planner: {e}");
        }
    }

    /// Asks for a path: with the native dialog when one can be shown, otherwise (or when it
    /// could not be) with the in-app path field; then runs the command for `purpose`.
    fn ask_path(&mut self, purpose: PathPurpose) {
        let (dir, name) = self.path_start(purpose);
        if self.native_dialogs {
            let started = Instant::now();
            let chosen = self.native_dialog(purpose, &dir, name.as_deref());
            match chosen {
                Some(path) => {
                    self.path_field = None;
                    self.run_command(purpose.command(path));
                    return;
                }
                None if !no_dialog_shown(started.elapsed()) => return, // cancelled
                // Not cancelled: no dialog could be shown. Say so, and ask in the window.
                None => self.native_dialogs = false,
            }
        }
        let start = match &name {
            Some(n) => dir.join(n).display().to_string(),
            None => dialog_ui::folder_text(&dir),
        };
        self.path_field = Some(PathField::new(purpose, start, home_dir()));
    }

    /// The folder to start in and the file name to suggest for `purpose`.
    fn path_start(&self, purpose: PathPurpose) -> (PathBuf, Option<String>) {
        let recent_dir = self
            .settings
            .recent_quotes
            .first()
            .and_then(|p| p.parent())
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf);
        // The patient's name when there is a usable one, otherwise today's date (a refused
        // name is reported when the file is written).
        let who = crate::patient::check_name(&self.patient_name)
            .ok()
            .flatten()
            .and_then(|n| dialog_ui::file_name_part(&n))
            .unwrap_or_else(|| self.today.to_string());
        match purpose {
            PathPurpose::ExportPdf => (documents_dir(), Some(format!("estimate-{who}.pdf"))),
            PathPurpose::SaveQuote => (
                recent_dir.unwrap_or_else(documents_dir),
                Some(format!("quote-{who}.json")),
            ),
            PathPurpose::OpenQuote => (recent_dir.unwrap_or_else(documents_dir), None),
            PathPurpose::OpenSheet => {
                let dir = self
                    .sheet_files
                    .first()
                    .and_then(|p| p.parent())
                    .map(Path::to_path_buf)
                    // Without a working folder the documents folder is as good a start.
                    .or_else(|| std::env::current_dir().ok().map(|d| d.join("pricing")))
                    .unwrap_or_else(documents_dir);
                (dir, None)
            }
        }
    }

    /// The native dialog (rfd) for `purpose`; `None` when cancelled or when none could be
    /// shown (see [`no_dialog_shown`]).
    fn native_dialog(
        &self,
        purpose: PathPurpose,
        dir: &Path,
        name: Option<&str>,
    ) -> Option<PathBuf> {
        let lang = self.settings.lang;
        let mut dialog = rfd::FileDialog::new().set_directory(dir);
        if let Some(name) = name {
            dialog = dialog.set_file_name(name);
        }
        match purpose {
            PathPurpose::ExportPdf => dialog.add_filter("PDF", &["pdf"]).save_file(),
            PathPurpose::SaveQuote => dialog
                .add_filter(lang.tr("app-saved-filter"), &["json"])
                .save_file(),
            PathPurpose::OpenQuote => dialog
                .add_filter(lang.tr("app-saved-filter"), &["json"])
                .pick_file(),
            PathPurpose::OpenSheet => dialog.add_filter("TOML", &["toml"]).pick_file(),
        }
    }

    /// Opens a file in the system's viewer. The launcher is waited for on a thread of its
    /// own (or, if no thread can be started, checked at each frame), so it never lingers as
    /// a zombie process.
    fn open_in_viewer(&mut self, path: &Path) -> std::io::Result<()> {
        let mut cmd = match &self.viewer_program {
            Some(program) => std::process::Command::new(program),
            None => system_viewer(),
        };
        let child = cmd.arg(path).spawn()?;
        let (tx, rx) = std::sync::mpsc::channel::<std::process::Child>();
        let waiter = std::thread::Builder::new()
            .name("pdf-viewer".into())
            .spawn(move || {
                if let Ok(mut child) = rx.recv() {
                    // Its exit status says nothing to the user: the viewer shows its own
                    // errors. Waiting is what matters (it reaps the process).
                    let _ = child.wait();
                }
            });
        match waiter {
            Ok(_) => {
                if let Err(std::sync::mpsc::SendError(child)) = tx.send(child) {
                    self.viewers.push(child);
                }
            }
            Err(_) => self.viewers.push(child),
        }
        Ok(())
    }

    /// Reaps the viewers that have ended (see [`DesktopApp::open_in_viewer`]).
    fn reap_viewers(&mut self) {
        // A viewer whose status cannot be read is dropped: nothing more can be done with it.
        self.viewers
            .retain_mut(|child| matches!(child.try_wait(), Ok(None)));
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
            if let Some(field) = &mut self.path_field {
                match dialog_ui::path_field_ui(ui, lang, field) {
                    Some(dialog_ui::PathAction::Run(cmd)) => {
                        self.queue(Command::FromPathField(Box::new(cmd)));
                    }
                    Some(dialog_ui::PathAction::Cancel) => self.path_field = None,
                    None => {}
                }
            }
            if let Some(cmd) = saved_ui::recovery_ui(ui, lang, &self.recovery_offers) {
                self.queue(cmd);
            }
            if let Some(opened) = &self.opened
                && let Some(cmd) = saved_ui::notice_ui(ui, lang, opened)
            {
                self.queue(cmd);
            }
            ui.add_space(2.0);
        });
        let ctx = ViewCtx {
            lang: self.settings.lang,
            sheet: &self.sheet,
            today: self.today,
        };
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| match self.settings.screen {
                    Screen::Quote => self.quote.ui(ui, &ctx),
                    Screen::Plan => self.plan.ui(ui, &ctx),
                    Screen::Compare => compare_ui::ui(ui, &ctx, &mut self.plan),
                });
        });

        // A restored plan was drawn without stopping the app: it is now this app's plan.
        if self.restoring.is_some() {
            self.queue(Command::FinishRestore);
        }
        self.reap_viewers();
        self.autosave();
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // Commands change what is shown after this frame was drawn: draw once more.
            ui.ctx().request_repaint();
        }
        for cmd in commands {
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

    /// A clean exit: this app's recovery file goes (nothing is offered back at the next
    /// start); the plans still offered stay for the next start.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.close();
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

/// The system's command that opens a file in its viewer (the path is added after).
fn system_viewer() -> std::process::Command {
    #[cfg(target_os = "windows")]
    let cmd = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    #[cfg(target_os = "macos")]
    let cmd = std::process::Command::new("open");
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let cmd = std::process::Command::new("xdg-open");
    cmd
}

/// Whether a native dialog that returned no path after `elapsed` was never shown, rather
/// than cancelled. Windows and macOS always have their own dialogs. On Linux and the BSDs
/// rfd needs an xdg-desktop-portal over D-Bus, or `zenity` on `PATH` as a fallback; with
/// neither it returns at once as if cancelled. The rule: no path within 150 ms and no
/// `zenity` on `PATH` means no dialog could be shown (nobody cancels a dialog that fast).
fn no_dialog_shown(elapsed: Duration) -> bool {
    cfg!(all(unix, not(target_os = "macos")))
        && elapsed < Duration::from_millis(150)
        && !on_path("zenity")
}

/// Whether `program` is a file in one of the folders of `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// The user's home folder, if known.
fn home_dir() -> Option<PathBuf> {
    ["HOME", "USERPROFILE"]
        .into_iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The user's documents folder (`XDG_DOCUMENTS_DIR`, from the environment or
/// `user-dirs.dirs`, e.g. `~/ドキュメント`; else `~/Documents`), else the home folder, else
/// the working folder.
fn documents_dir() -> PathBuf {
    let Some(home) = home_dir() else {
        return std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    };
    let configured = std::env::var_os("XDG_DOCUMENTS_DIR")
        .filter(|v| !v.is_empty())
        .map(|v| v.to_string_lossy().into_owned())
        .or_else(|| {
            let config = std::env::var_os("XDG_CONFIG_HOME")
                .filter(|v| !v.is_empty())
                .map_or_else(|| home.join(".config"), PathBuf::from);
            // A missing or unreadable file just means no such setting.
            let text = crate::files::read_text(&config.join("user-dirs.dirs"), 64 * 1024).ok()?;
            text.lines().find_map(|l| {
                let v = l.trim().strip_prefix("XDG_DOCUMENTS_DIR=")?;
                Some(v.trim_matches('"').to_string())
            })
        })
        .map(|v| match v.strip_prefix("$HOME") {
            Some(rest) => home.join(rest.trim_start_matches('/')),
            None => PathBuf::from(v),
        });
    [configured, Some(home.join("Documents"))]
        .into_iter()
        .flatten()
        .find(|d| d.is_dir() && *d != home)
        .unwrap_or(home)
}
