//! The desk app (eframe/egui): the quote screen for reception, the plan screen for doctors,
//! a side-by-side comparison of pinned plans, and the register's screens: Patients (with a
//! patient's courses and the course view) and the month's Quotes list.
//!
//! Panels draw and queue [`Command`]s; [`DesktopApp::run_command`] is the only place that
//! opens dialogs or touches files. The app does no arithmetic of its own: it renders the
//! core's [`CourseEstimate`](crate::estimate::CourseEstimate).

mod about_ui;
mod choices_ui;
mod commands;
mod compare_ui;
mod course_ui;
mod dialog_ui;
mod help_ui;
mod keys;
mod month_table_ui;
mod patient;
mod patients_ui;
mod plan_ui;
mod quote_ui;
mod quotes_ui;
mod register_commands;
mod saved_ui;
mod screening_ui;
mod sheet_ui;
pub mod start;
mod top_bar_ui;
mod undo;
mod widgets;

use eframe::egui;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::files::Recovery;
use crate::i18n::{Arg, Lang};
use crate::pricing::{self, PriceSheet};
use crate::saved::SavedQuote;

pub use choices_ui::ChoiceInputs;
pub use course_ui::{CourseView, Keep, VisitForm};
pub use dialog_ui::{PathField, PathPurpose};
pub use keys::Step;
pub use patient::{AgeEntry, AgeInput, Patient, PatientRecord, WeightError};
pub use patients_ui::{NewPatientForm, PatientPage, PatientsScreen};
pub use plan_ui::{PlanInputs, PlanScreen};
pub use quote_ui::{QuoteInputs, QuoteScreen};
pub use quotes_ui::QuotesScreen;
pub use register_commands::RegisterState;
pub use saved_ui::{OfferedPlan, OpenedQuote, PriceNotice, RecoveryOffer, SavedPrices};
pub use start::run;

/// The window title (also the app id for persistence).
pub const APP_NAME: &str = "Dose & Cost Planner";

/// The first window's inner size: with a title bar (about 30–38 px) it fits a 1366×768
/// screen above a 40 px task bar (≤ 1366×728). Later starts use the size and place the
/// window had when it closed (eframe's `persist_window`).
pub const FIRST_WINDOW: [f32; 2] = [1280.0, 688.0];
// 768 − a 40 px task bar = 728 for the window, of which a title bar takes up to 38 px.
const _: () = assert!(FIRST_WINDOW[0] <= 1366.0 && FIRST_WINDOW[1] + 38.0 <= 728.0);

/// The window icon (the same picture as the menu entry's).
const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/hicolor/256x256/apps/dose-planner.png");

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
    /// The register file chosen in the app; `None`: the default place
    /// (`files::places::default_register_path`). Only the path: the patients are in the
    /// register, never in the settings.
    pub register_path: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Ja,
            last_sheet: None,
            screen: Screen::Quote,
            open_after_export: true,
            recent_quotes: Vec::new(),
            register_path: None,
        }
    }
}

/// The screens of the app.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Screen {
    /// Reception: sex, dose, months → totals.
    #[default]
    Quote,
    /// Doctor: weight, monthly doses, target → mg/kg, dates, chart, warnings.
    Plan,
    /// Pinned plans side by side.
    Compare,
    /// The register: find or add a patient, their courses, a course under way.
    Patients,
    /// The register: the quotes of a month, their status and the acceptance rate.
    Quotes,
}

impl Screen {
    /// Whether this screen has plan inputs of its own (Quote, Plan, Compare).
    pub fn has_inputs(self) -> bool {
        matches!(self, Screen::Quote | Screen::Plan | Screen::Compare)
    }
}

/// Something only [`DesktopApp::run_command`] may do: dialogs and file access.
#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Use a price sheet: a file, or `None` for the built-in sheet.
    LoadSheet(Option<PathBuf>),
    /// The next patient (Ctrl+N): the shared patient, the plans and quote inputs, the
    /// screening answers, the pinned plans and the register patient on screen are cleared on
    /// every screen; the sheet, the language and the settings stay.
    NewPatient,
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
    /// Open the register at this path for this session (the settings keep their own).
    OpenRegister(PathBuf),
    /// Open the register at this path and keep it in the settings; the register open now
    /// stays if this one cannot be opened.
    UseRegister(PathBuf),
    /// Find patients whose name or number starts with this text.
    FindPatients(String),
    /// Add a patient, then open their page.
    AddPatient(dose_planner_register::NewPatient),
    /// Open a patient's page (their courses).
    OpenPatient(dose_planner_register::PatientId),
    /// Make a planned course for this patient from the inputs of the last plan screen
    /// (priced now, as Save quote prices them), then open it.
    NewCourseFromPlan(dose_planner_register::PatientId),
    /// Open a course: its visits, what was taken, the rest re-planned.
    OpenCourse(dose_planner_register::CourseId),
    /// Record a visit of the open course.
    RecordVisit(Box<dose_planner_register::NewVisit>),
    /// Load the Quotes list of the month that holds this day.
    LoadQuotes(jiff::civil::Date),
    /// Set where a quote stands.
    SetQuoteStatus(
        dose_planner_register::QuoteId,
        dose_planner_register::QuoteStatus,
    ),
    /// Ask where to write the month's Quotes list as CSV, then write it.
    ExportCsvDialog,
    /// Write the Quotes list of the month shown as CSV to this path.
    ExportCsv(PathBuf),
    /// Write a backup of the register (`VACUUM INTO`) beside it, named by today's date.
    BackupRegister,
}

/// What the window's shell does with files, apart from [`Command`]: the sheet folders.
/// Run by [`DesktopApp::run_shell_command`], after the frame's commands.
#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum ShellCommand {
    /// List the sheet folders again (the picker was opened: a sheet may have been added).
    ListSheets,
    /// Copy the sheet in use, from this file, into the user's sheets and use the copy.
    KeepSheetCopy(PathBuf),
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

/// The sheet chosen last time, which could not be used when the window opened.
#[derive(Debug)]
pub struct SheetBlock {
    /// Its file.
    pub path: PathBuf,
    /// Why it cannot be used (shown in the language of the moment).
    pub error: crate::files::SheetError,
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
    patient: Patient,
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
    /// Sheets found in the sheet folders (working, mine, the examples), listed again each
    /// time the picker opens.
    pub sheet_files: Vec<crate::files::ListedSheet>,
    /// Where sheets are looked for.
    pub sheet_folders: crate::files::SheetFolders,
    /// Whether the About box is shown.
    pub about_open: bool,
    /// The banner, if any.
    pub banner: Option<Banner>,
    /// Undo and redo of the plan and quote edits.
    history: undo::History,
    /// Whether the help for the screen shown is open (F1).
    pub help_open: bool,
    /// Whether "New patient" is offered in the notice (after an export or a print).
    pub offer_new_patient: bool,
    /// The sheet chosen last time could not be read at start-up: nothing is priced (every
    /// screen that prices shows why) until a sheet is chosen. Never replaced by the built-in
    /// sheet behind the user's back.
    pub sheet_blocked: Option<SheetBlock>,
    /// The banner on screen and when it first showed (egui's clock), so that a notice of
    /// success can go by itself.
    banner_since: Option<(Banner, f64)>,
    /// The quote screen.
    pub quote: QuoteScreen,
    /// The plan screen (and its pinned plans).
    pub plan: PlanScreen,
    /// Today, for quote dates and the default start date.
    pub today: jiff::civil::Date,
    /// The patient every screen shows and changes: name (for the PDF and the saved quote),
    /// number, sex, age, weight, and the register's patient and course while one is open
    /// (never persisted in settings).
    pub patient: Patient,
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
    /// The register (open, failed, or none chosen).
    pub register: RegisterState,
    /// The Patients screen: the search, a patient's page, the course view.
    pub patients: PatientsScreen,
    /// The Quotes screen: a month's quotes.
    pub quotes_list: QuotesScreen,
    /// The screen with plan inputs last shown (Quote, Plan or Compare): what Export, Save
    /// and "New course from the current plan" use while a register screen is shown.
    pub work_screen: Screen,
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
    /// Commands of the window's shell (the sheet folders), run after `commands`.
    shell_commands: Vec<ShellCommand>,
    /// The settings as last written to storage.
    saved_settings: Option<Settings>,
    started: Option<Instant>,
    frames: u64,
    /// Whether the window was checked against the monitor's size (once, when it is known).
    fitted: bool,
}

impl DesktopApp {
    /// The app as the window opens it: settings from storage, today from the clock, sheets
    /// from `pricing/` under the working directory, the user's config folder and the
    /// package's examples.
    #[expect(
        clippy::disallowed_methods,
        reason = "the window's start: the clock is read once here and passed down as `today`"
    )]
    pub fn new(cc: &eframe::CreationContext<'_>) -> DesktopApp {
        let today = jiff::Zoned::now().date();
        let dir = std::env::current_dir()
            .map(|d| d.join("pricing"))
            .unwrap_or_else(|_| PathBuf::from("pricing"));
        DesktopApp::with_options(cc, today, &dir)
            .with_sheet_folders(crate::files::SheetFolders::of_user(dir))
            .with_recovery(Recovery::user_default())
    }

    /// Lists sheets from these folders (tests give temporary ones); "Keep a copy in my
    /// sheets" writes into `folders.mine`.
    #[must_use]
    pub fn with_sheet_folders(mut self, folders: crate::files::SheetFolders) -> DesktopApp {
        self.sheet_folders = folders;
        self.sheet_files = self.sheet_folders.list();
        self
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

    /// The app with a fixed "today" and a given folder of price sheets (the only one listed:
    /// see [`DesktopApp::with_sheet_folders`]).
    #[expect(
        clippy::disallowed_methods,
        reason = "the window's start: `DOSE_PLANNER_NO_NATIVE_DIALOG=1` forces the path field"
    )]
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
        let settings: Settings = stored.flatten().unwrap_or_default();
        let register_text = settings_register_text(&settings);
        let work_screen = if settings.screen.has_inputs() {
            settings.screen
        } else {
            Screen::Quote
        };
        let mut app = DesktopApp {
            // Unreadable settings are written again (as the defaults) at the first frame,
            // so the banner shows once.
            saved_settings: (!unreadable).then(|| settings.clone()),
            settings,
            sheet: LoadedSheet::builtin(0),
            sheet_files: crate::files::SheetFolders::only(sheet_dir).list(),
            sheet_folders: crate::files::SheetFolders::only(sheet_dir),
            about_open: false,
            banner: None,
            banner_since: None,
            sheet_blocked: None,
            offer_new_patient: false,
            history: undo::History::default(),
            help_open: false,
            quote: QuoteScreen::default(),
            plan: PlanScreen::new(today),
            today,
            register: RegisterState::NotOpened,
            patients: PatientsScreen::new(register_text),
            quotes_list: QuotesScreen::new(today),
            work_screen,
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
            shell_commands: Vec::new(),
            started: None,
            frames: 0,
            fitted: false,
            patient: Patient::default(),
        };
        if unreadable {
            app.error("app-settings-unreadable", &[]);
        }
        app.load_last_sheet();
        app
    }

    /// Uses the sheet chosen last time (`settings.last_sheet`), as the window opens. A sheet
    /// that cannot be used is never replaced by the built-in one: pricing stops, with a
    /// message that stays, until the file is fixed or a sheet is chosen.
    pub fn load_last_sheet(&mut self) {
        let Some(path) = self.settings.last_sheet.clone() else {
            return;
        };
        match LoadedSheet::from_file(&path, self.sheet.generation + 1) {
            Ok(loaded) => {
                self.sheet = loaded;
                self.sheet_blocked = None;
            }
            Err(error) => self.sheet_blocked = Some(SheetBlock { path, error }),
        }
    }

    /// Why nothing can be priced, in the user's language: the sheet chosen last time could
    /// not be read at start-up and none has been chosen since (a saved quote's own prices
    /// still show that quote).
    pub fn pricing_blocked(&self) -> Option<String> {
        let lang = self.settings.lang;
        if self.sheet.saved_prices.is_some() {
            return None;
        }
        self.sheet_blocked.as_ref().map(|b| {
            lang.tr_args(
                "app-sheet-blocked",
                &[
                    ("path", Arg::Str(b.path.display().to_string())),
                    ("error", Arg::Str(b.error.explain(lang))),
                ],
            )
        })
    }

    /// `DOSE_PLANNER_LANG=ja|en|ko` and `DOSE_PLANNER_SCREEN=quote|plan|compare|patients|quotes`
    /// choose the first language and screen, `DOSE_PLANNER_OPEN=FILE` opens a saved quote,
    /// `DOSE_PLANNER_REGISTER=FILE` opens that register for this session (the settings keep
    /// theirs) and `DOSE_PLANNER_COURSE=N` opens course N of it (for demos and screenshots).
    #[expect(
        clippy::disallowed_methods,
        reason = "the window's start: documented environment switches for demos and support"
    )]
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
            Ok("patients") => self.settings.screen = Screen::Patients,
            Ok("quotes") => self.settings.screen = Screen::Quotes,
            _ => {}
        }
        if let Some(path) = std::env::var_os("DOSE_PLANNER_OPEN") {
            self.queue(Command::OpenQuote(PathBuf::from(path)));
        }
        if let Some(path) = std::env::var_os("DOSE_PLANNER_REGISTER").filter(|p| !p.is_empty()) {
            self.run_command(Command::OpenRegister(PathBuf::from(path)));
            if let Some(id) = std::env::var("DOSE_PLANNER_COURSE")
                .ok()
                .and_then(|n| n.trim().parse::<i64>().ok())
            {
                self.settings.screen = Screen::Patients;
                self.queue(Command::OpenCourse(dose_planner_register::CourseId(id)));
            }
        }
    }
}

impl eframe::App for DesktopApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if self.frames == 0
            && let Some(started) = self.started
        {
            eprintln!("first-frame-ms {}", started.elapsed().as_millis());
        }
        self.frames += 1;
        self.fit_to_monitor(ui.ctx());
        // The desk's shortcut keys (keys.rs), before anything is drawn with the old values.
        let inputs = &mut self.quote.inputs;
        let keyed = keys::QuoteKeys {
            sex: &mut self.patient.sex,
            visit: &mut inputs.visit,
            dose: &mut inputs.dose,
            months: &mut inputs.months,
        };
        if let Some(cmd) = keys::desk_keys(ui.ctx(), &mut self.settings.screen, keyed) {
            self.queue(cmd);
        }
        if let Some(step) = keys::undo_keys(ui.ctx()) {
            self.step(step);
        }
        // F1: the help for the screen shown (F1 again closes it).
        if ui
            .ctx()
            .input_mut(|i| i.consume_key(egui::Modifiers::NONE, keys::HELP))
        {
            self.help_open = !self.help_open;
        }

        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.add_space(4.0);
            self.top_bar(ui);
            // Stays while no sheet is in use, whatever notice comes and goes below it.
            if let Some(text) = self.pricing_blocked() {
                widgets::strip(ui, widgets::Tone::Error, |ui| {
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(text).color(widgets::Tone::Error.ink()),
                        )
                        .wrap(),
                    );
                });
            }
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
        if self.settings.screen.has_inputs() {
            self.work_screen = self.settings.screen;
        }
        let ctx = ViewCtx {
            lang: self.settings.lang,
            sheet: &self.sheet,
            today: self.today,
        };
        let mut queued = Vec::new();
        let screen = self.settings.screen;
        let blocked = self.pricing_blocked().is_some() && screen != Screen::Quotes;
        egui::CentralPanel::default().show(ui, |ui| match screen {
            // No sheet in use: nothing priced (the reason is in the top bar), the way out here.
            _ if blocked => {
                ui.add_space(24.0);
                ui.label(egui::RichText::new(ctx.lang.tr("app-sheet-blocked-hint")).size(16.0));
                if let Some(block) = &self.sheet_blocked
                    && ui.button(ctx.lang.tr("app-sheet-try-again")).clicked()
                {
                    queued.push(Command::LoadSheet(Some(block.path.clone())));
                }
            }
            // The Quote and the Plan screens lay themselves out in the window and scroll
            // only their parts that need it (the month tables), under headers that stay.
            Screen::Quote => self.quote.ui(ui, &ctx, &mut self.patient),
            Screen::Plan => self.plan.ui(ui, &ctx, &mut self.patient),
            // The others scroll as a whole, each keeping its own place (its own id): a
            // screen scrolled down is still scrolled down when the user comes back to it.
            _ => {
                egui::ScrollArea::vertical()
                    .id_salt(("screen_scroll", screen))
                    .auto_shrink([false, false])
                    .show(ui, |ui| match screen {
                        Screen::Compare => compare_ui::ui(ui, &ctx, &mut self.plan),
                        Screen::Patients => {
                            queued = self.patients.ui(
                                ui,
                                &ctx,
                                &self.register,
                                self.work_screen,
                                &mut self.patient,
                            );
                        }
                        Screen::Quotes => {
                            queued = self.quotes_list.ui(ui, &ctx, &self.register);
                        }
                        Screen::Quote | Screen::Plan => {}
                    });
            }
        });
        for cmd in queued {
            self.queue(cmd);
        }
        self.about_ui(ui.ctx());
        self.help_ui(ui.ctx());

        // A restored plan was drawn without stopping the app: it is now this app's plan.
        if self.restoring.is_some() {
            self.queue(Command::FinishRestore);
        }
        self.reap_viewers();
        // Every change of the inputs this frame is one step of undo (typing in one field,
        // one step).
        let focused = ui.ctx().memory(|m| m.focused());
        let focused = focused.filter(|_| ui.ctx().text_edit_focused());
        self.history.observe(
            undo::Edits::of(&self.quote.inputs, &self.plan.inputs, &self.patient),
            focused,
        );
        self.autosave();
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // Commands change what is shown after this frame was drawn: draw once more.
            ui.ctx().request_repaint();
        }
        for cmd in commands {
            self.run_command(cmd);
        }
        let shell = std::mem::take(&mut self.shell_commands);
        if !shell.is_empty() {
            ui.ctx().request_repaint();
        }
        for cmd in shell {
            self.run_shell_command(cmd);
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

impl DesktopApp {
    /// Shrinks a window larger than its monitor (the first window on a 1024×768 screen, or a
    /// size remembered from a larger monitor) to fit it, keeping 80 px for a task bar and a
    /// title bar; once, as soon as the monitor's size is known.
    fn fit_to_monitor(&mut self, ctx: &egui::Context) {
        if self.fitted {
            return;
        }
        let (monitor, inner) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().inner_rect));
        let (Some(monitor), Some(inner)) = (monitor, inner) else {
            return;
        };
        self.fitted = true;
        let fits = egui::vec2(monitor.x, (monitor.y - 80.0).max(480.0));
        let size = inner.size().min(fits);
        if size != inner.size() {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
        }
    }

    /// One step of undo or redo: the plan and quote inputs, the sex and the weight as they
    /// were; nothing when there is no such step.
    pub fn step(&mut self, step: keys::Step) {
        let edits = match step {
            keys::Step::Undo => self.history.undo(),
            keys::Step::Redo => self.history.redo(),
        };
        if let Some(e) = edits {
            self.quote.inputs = e.quote;
            self.plan.inputs = e.plan;
            self.patient.sex = e.sex;
            self.patient.weight = e.weight;
        }
    }

    /// Whether there is an edit to undo (the Undo button is on) and one to redo.
    pub fn can_step(&self) -> (bool, bool) {
        (self.history.can_undo(), self.history.can_redo())
    }

    /// Queues a shell command to run after this frame is drawn.
    pub fn queue_shell(&mut self, command: ShellCommand) {
        self.shell_commands.push(command);
    }

    /// Runs one shell command (file access for the sheet folders).
    pub fn run_shell_command(&mut self, command: ShellCommand) {
        match command {
            ShellCommand::ListSheets => self.sheet_files = self.sheet_folders.list(),
            ShellCommand::KeepSheetCopy(from) => self.keep_sheet_copy(&from),
        }
    }

    /// Writes the sheet in use (its text as loaded from `from`) into the user's sheets under
    /// the same file name, never over a sheet already there, and uses the copy from now on.
    fn keep_sheet_copy(&mut self, from: &Path) {
        let lang = self.settings.lang;
        let (Some(dir), Some(name)) = (self.sheet_folders.mine.clone(), from.file_name()) else {
            self.error("shell-copy-no-folder", &[]);
            return;
        };
        if self.sheet.path.as_deref() != Some(from) {
            return; // another sheet was chosen since the button was pressed
        }
        let to = dir.join(name);
        if to.exists() {
            self.error(
                "shell-copy-exists",
                &[("path", Arg::Str(to.display().to_string()))],
            );
            return;
        }
        let written = crate::files::make_private_dir(&dir)
            .map_err(|e| crate::files::WriteError {
                path: to.display().to_string(),
                reason: crate::files::io_reason(&e, &dir),
            })
            .and_then(|()| crate::files::write_atomic(&to, self.sheet.toml.as_bytes()));
        match written {
            Ok(()) => {
                self.sheet.path = Some(to.clone());
                self.sheet.name = to.display().to_string();
                self.settings.last_sheet = Some(to.clone());
                self.sheet_files = self.sheet_folders.list();
                self.banner = Some(Banner {
                    error: false,
                    text: lang.tr_args(
                        "shell-copy-done",
                        &[("path", Arg::Str(to.display().to_string()))],
                    ),
                });
            }
            Err(e) => {
                self.banner = Some(Banner {
                    error: true,
                    text: e.explain(lang),
                });
            }
        }
    }
}

/// The register path as the settings row starts: the one chosen, else the default place.
fn settings_register_text(settings: &Settings) -> String {
    crate::records::path_or_default(settings.register_path.as_deref())
        .map(|p| p.display().to_string())
        .unwrap_or_default()
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
