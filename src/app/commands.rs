//! What the desk app does, apart from drawing: [`DesktopApp::run_command`] and the IO behind
//! it (dialogs, the path field, reading and writing files through `files`, the recovery copy,
//! the PDF viewer). Panels never do any of this: they queue a [`Command`].

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::estimate::{CourseEstimate, CourseRequest};
use crate::i18n::Arg;
use crate::pricing;
use crate::saved::{self, SavedQuote};

use super::*;
use crate::files::places::{documents_dir, home_dir, on_path};
use crate::quote::Quote;

/// A quote ready for Export or Save: priced now, with the patient's name, the sheet to
/// freeze into a saved quote, and where the register logs it.
pub(super) struct Ready {
    /// The quote.
    pub quote: Quote,
    /// The patient's checked name, if any.
    pub patient: Option<String>,
    /// The name of the sheet it was priced on.
    pub sheet_name: String,
    /// That sheet's text.
    pub sheet_toml: String,
    /// The patient and course it is logged under (a quote from the course view); `None`:
    /// not logged.
    pub log: Option<(
        dose_planner_register::PatientId,
        dose_planner_register::CourseId,
    )>,
}

impl DesktopApp {
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
                self.sheet_blocked = None;
                self.banner = None;
            }
            Command::LoadSheet(Some(path)) => {
                match LoadedSheet::from_file(&path, self.sheet.generation + 1) {
                    Ok(loaded) => {
                        let name = loaded.sheet.clinic.name.get(lang).to_string();
                        self.sheet = loaded;
                        self.opened = None;
                        self.settings.last_sheet = Some(path);
                        self.sheet_blocked = None;
                        self.banner = Some(Banner {
                            error: false,
                            text: lang.tr_args("app-sheet-loaded", &[("name", Arg::Str(name))]),
                        });
                    }
                    // A sheet in use stays in use; none in use (the one chosen last time
                    // could not be read at start-up): pricing stays stopped, and says so.
                    Err(e) if self.pricing_blocked().is_some() => {
                        self.banner = Some(Banner {
                            error: true,
                            text: e.explain(lang),
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
            Command::NewPatient => self.new_patient(),
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
                    self.sheet_blocked = None;
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
                self.settings.screen = saved_ui::restore_inputs(
                    &r.quote,
                    &mut self.quote,
                    &mut self.plan,
                    &mut self.patient,
                );
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
            Command::OpenRegister(path) => self.open_register(path, false),
            Command::UseRegister(path) => self.open_register(path, true),
            Command::FindPatients(query) => self.find_patients(query),
            Command::AddPatient(patient) => self.add_patient(&patient),
            Command::OpenPatient(id) => self.open_patient(id),
            Command::NewCourseFromPlan(id) => self.new_course_from_plan(id),
            Command::OpenCourse(id) => self.open_course(id),
            Command::RecordVisit(visit) => self.record_visit(&visit),
            Command::LoadQuotes(day) => self.load_quotes(day),
            Command::SetQuoteStatus(id, status) => self.set_quote_status(id, status),
            Command::ExportCsvDialog => {
                if !self.register.is_open() {
                    self.error("app-register-unavailable-short", &[]);
                    return;
                }
                self.ask_path(PathPurpose::ExportCsv);
            }
            Command::ExportCsv(path) => self.export_csv(&path),
            Command::BackupRegister => self.backup_register(),
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
    /// A register screen has no inputs: it stands for the plan screen last shown.
    pub(super) fn request_of(&self, screen: Screen) -> Result<(CourseRequest, bool), String> {
        let lang = self.settings.lang;
        match self.work_of(screen) {
            Screen::Quote => {
                quote_ui::request(&self.quote.inputs, self.patient.sex, &self.sheet.sheet)
                    .map_err(|e| e.explain(lang))
            }
            _ => plan_ui::request(
                &self.plan.inputs,
                &self.patient,
                &self.sheet.sheet,
                lang,
                self.today,
            ),
        }
        .map(|r| (r, self.patient.sex.is_some()))
    }

    /// The screen whose inputs stand for `screen`: itself when it has inputs, else the plan
    /// screen last shown.
    pub(super) fn work_of(&self, screen: Screen) -> Screen {
        if screen.has_inputs() {
            screen
        } else if self.work_screen.has_inputs() {
            self.work_screen
        } else {
            Screen::Quote
        }
    }

    /// The course view, when it is the screen shown: Export and Save then take its quote.
    pub(super) fn shown_course(&self) -> Option<&course_ui::CourseView> {
        (self.settings.screen == Screen::Patients)
            .then_some(self.patients.course.as_ref())
            .flatten()
    }

    /// The quote Export and Save use, priced now (never a cached estimate, which may come
    /// from another sheet), with the patient's checked name; or the message saying what is
    /// missing, worded with `keys`: (inputs invalid, sex needed, cannot price).
    ///
    /// The course view's quote is the rest of the course, re-planned from its visits and
    /// priced at the course's frozen prices, logged in the register when exported or saved;
    /// any other screen's is the plan screen's inputs on the sheet in use.
    fn quote_now(&self, keys: [&str; 3]) -> Result<Ready, String> {
        let lang = self.settings.lang;
        let [invalid, needs_sex, failed] = keys;
        if let Some(text) = self.pricing_blocked() {
            return Err(text);
        }
        if let Some(view) = self.shown_course() {
            return view
                .quote_now(lang, self.today)
                .map_err(|reason| lang.tr_args(failed, &[("reason", Arg::Str(reason))]));
        }
        let (req, sex_given) = self
            .request_of(self.settings.screen)
            .map_err(|reason| lang.tr_args(invalid, &[("reason", Arg::Str(reason))]))?;
        if !sex_given {
            return Err(lang.tr(needs_sex));
        }
        let patient =
            crate::patient::check_name(&self.patient.name).map_err(|e| e.explain(lang))?;
        let quote = Quote::compute(&self.sheet.sheet, &req, self.today)
            .map_err(|e| lang.tr_args(failed, &[("reason", Arg::Str(e.explain(lang)))]))?;
        Ok(self.ready_on_sheet(quote, patient))
    }

    /// A quote priced on the sheet in use, with that sheet's name and text to freeze.
    fn ready_on_sheet(&self, quote: Quote, patient: Option<String>) -> Ready {
        Ready {
            quote,
            patient,
            sheet_name: self.sheet.name.clone(),
            sheet_toml: self.sheet.toml.clone(),
            log: None,
        }
    }

    /// The plan screen's quote for `patient` (of the register): their sex and name, the
    /// inputs of the plan screen last shown, priced now on the sheet in use — what "New
    /// course from the current plan" stores.
    pub(super) fn quote_for_patient(
        &self,
        patient: &dose_planner_register::Patient,
    ) -> Result<Ready, String> {
        let lang = self.settings.lang;
        if let Some(text) = self.pricing_blocked() {
            return Err(text);
        }
        let (mut req, _) = self
            .request_of(self.work_screen)
            .map_err(|reason| lang.tr_args("app-saved-invalid", &[("reason", Arg::Str(reason))]))?;
        req.sex = patient.sex;
        let name = crate::patient::check_name(&patient.name).map_err(|e| e.explain(lang))?;
        let quote = Quote::compute(&self.sheet.sheet, &req, self.today).map_err(|e| {
            lang.tr_args(
                "app-saved-save-failed",
                &[("reason", Arg::Str(e.explain(lang)))],
            )
        })?;
        Ok(self.ready_on_sheet(quote, name))
    }

    /// The quote Export PDF prints, or the message saying what is missing.
    pub(super) fn export_ready(&self) -> Result<Ready, String> {
        self.quote_now([
            "app-export-invalid",
            "app-export-needs-sex",
            "app-export-invalid",
        ])
    }

    /// The current screen's estimate as Export and Save use it: computed now from the inputs
    /// on the sheet shown; or the message saying what is missing.
    pub fn current_estimate(&self) -> Result<CourseEstimate, String> {
        self.export_ready().map(|ready| ready.quote.shown().clone())
    }

    /// The saved form of a ready quote, its sheet frozen into it.
    pub(super) fn saved_form(&self, ready: &Ready) -> Result<SavedQuote, String> {
        saved::from_quote(
            &ready.quote,
            &ready.sheet_name,
            &ready.sheet_toml,
            ready.patient.as_deref(),
        )
        .map_err(|e| e.explain(self.settings.lang))
    }

    /// The current screen's quote in its saved form, priced now; or the message saying what
    /// is missing.
    pub(super) fn quote_to_save(&self) -> Result<(SavedQuote, Ready), String> {
        let lang = self.settings.lang;
        let ready = self.quote_now([
            "app-saved-invalid",
            "app-saved-needs-sex",
            "app-saved-save-failed",
        ])?;
        let saved = self.saved_form(&ready).map_err(|reason| {
            lang.tr_args("app-saved-save-failed", &[("reason", Arg::Str(reason))])
        })?;
        Ok((saved, ready))
    }

    /// The plan of `source`'s screen for the recovery file, priced now on the sheet in use;
    /// `None` while the inputs make no plan (half typed): the last good one stays in the file.
    /// A name that cannot be saved is left out (the field shows why).
    pub(super) fn recovery_form(&self, source: Screen) -> Option<SavedQuote> {
        // No sheet in use (the last one could not be read): nothing is priced, nothing kept.
        if self.pricing_blocked().is_some() {
            return None;
        }
        // Inputs that make no plan yet are shown as errors on their screen; nothing to keep.
        let (req, sex_given) = self.request_of(source).ok()?;
        let quote = Quote::compute(&self.sheet.sheet, &req, self.today).ok()?;
        // A refused name is shown next to its field, and left out of the copy.
        let patient = crate::patient::check_name(&self.patient.name)
            .ok()
            .flatten();
        let mut copy = self.saved_form(&self.ready_on_sheet(quote, patient)).ok()?;
        // Restored without a sex if none was chosen, never as the sex the request had to hold.
        copy.sex_chosen = (!sex_given).then_some(false);
        Some(copy)
    }

    pub(super) fn error(&mut self, key: &str, args: &[(&str, Arg)]) {
        self.banner = Some(Banner {
            error: true,
            text: self.settings.lang.tr_args(key, args),
        });
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let recent = &mut self.settings.recent_quotes;
        recent.retain(|p| p != path);
        recent.insert(0, path.to_path_buf());
        recent.truncate(saved_ui::MAX_RECENT);
    }

    /// The folder of a file just written: where the next Export / Save starts (this session).
    fn remember_save_folder(&mut self, path: &Path) {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            self.quote.save_folder = Some(dir.to_path_buf());
        }
    }

    pub(super) fn discard_recovery(&mut self) {
        if let Some(recovery) = &self.recovery
            && let Err(e) = recovery.discard()
        {
            self.error(
                "app-saved-recovery-failed",
                &[("reason", Arg::Str(e.explain(self.settings.lang)))],
            );
        }
    }

    pub(super) fn save_quote(&mut self, path: &Path) {
        let (quote, ready) = match self.quote_to_save() {
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
        self.remember_save_folder(path);
        let shown = path.display().to_string();
        self.banner = Some(Banner {
            error: false,
            text: self
                .settings
                .lang
                .tr_args("app-saved-saved", &[("path", Arg::Str(shown.clone()))]),
        });
        // Saved from a course: the quote goes in the register's Quotes list.
        if let Err(reason) = self.log_quote(&ready, None) {
            self.error(
                "app-register-log-failed",
                &[("path", Arg::Str(shown)), ("reason", Arg::Str(reason))],
            );
        }
        // Saved where the user chose: this app's recovery copy is no longer needed.
        self.autosaved = None;
        self.discard_recovery();
    }

    pub(super) fn open_quote(&mut self, path: &Path) {
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
        self.settings.screen =
            saved_ui::restore_inputs(q, &mut self.quote, &mut self.plan, &mut self.patient);
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

    /// Clears everything that belongs to the patient on screen, on every screen, so the next
    /// patient's quote can never carry the last one's name, sex, weight or answers: the shared
    /// patient, the Quote and Plan inputs, the screening, the pinned plans, the register
    /// patient and course shown, a saved quote's frozen prices. The sheet in use, the folder
    /// quotes are saved in, the language and the screen stay.
    pub(super) fn new_patient(&mut self) {
        let lang = self.settings.lang;
        self.patient = Patient::default();
        let save_folder = self.quote.save_folder.take();
        self.quote = QuoteScreen::default();
        self.quote.save_folder = save_folder;
        let tab = self.plan.tab;
        self.plan = PlanScreen::new(self.today);
        self.plan.tab = tab;
        self.patients.form = None;
        self.patients.page = None;
        self.patients.course = None;
        self.offer_new_patient = false;
        if self.opened.take().is_some() || self.sheet.saved_prices.is_some() {
            // Back from the saved quote's prices to the sheet chosen.
            self.run_command(Command::LoadSheet(self.settings.last_sheet.clone()));
        }
        self.banner = Some(Banner {
            error: false,
            text: lang.tr("app-new-patient-done"),
        });
    }

    /// Today's prices for a quote saved with the sheet `name`: that file if it exists, else
    /// the built-in sheet if it was the built-in one, else the sheet selected now.
    pub(super) fn todays_sheet(&self, name: &str, generation: u64) -> Result<LoadedSheet, String> {
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
        if let Some(text) = self.pricing_blocked() {
            return Err(text);
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
    /// A change to the shared patient (sex, weight, age) is the change of the screen shown.
    /// Compares inputs only, so an unchanged frame costs nothing.
    pub(super) fn autosave(&mut self) {
        if self.recovery.is_none() {
            return;
        }
        // The screen whose plan stands for the one shown (a register screen: the last one).
        let shown = match self.work_of(self.settings.screen) {
            Screen::Quote => Screen::Quote,
            _ => Screen::Plan,
        };
        let Some(last) = &self.autosaved else {
            self.autosaved = Some(Autosaved {
                quote: self.quote.inputs.clone(),
                plan: self.plan.inputs.clone(),
                patient: self.patient.clone(),
                source: shown,
            });
            return;
        };
        let plan_changed = last.plan != self.plan.inputs;
        let quote_changed = last.quote != self.quote.inputs;
        let (was, now) = (&last.patient, &self.patient);
        let facts_changed = was.sex != now.sex || was.weight != now.weight || was.age != now.age;
        if !plan_changed && !quote_changed && last.patient == self.patient {
            return;
        }
        let source = if plan_changed {
            Screen::Plan
        } else if quote_changed {
            Screen::Quote
        } else if facts_changed {
            shown
        } else {
            last.source
        };
        self.autosaved = Some(Autosaved {
            quote: self.quote.inputs.clone(),
            plan: self.plan.inputs.clone(),
            patient: self.patient.clone(),
            source,
        });
        if let Some(q) = self.recovery_form(source) {
            self.queue(Command::WriteRecovery(Box::new(q)));
        }
    }

    /// Writes the PDF of the current screen's plan, priced now on the sheet shown (never a
    /// cached estimate, which may come from another sheet).
    pub(super) fn export_pdf(&mut self, path: &Path) {
        let lang = self.settings.lang;
        let ready = match self.export_ready() {
            Ok(ready) => ready,
            Err(text) => {
                self.banner = Some(Banner { error: true, text });
                return;
            }
        };
        let req = crate::pdf::PdfRequest {
            quote: &ready.quote,
            lang,
            patient: ready.patient.as_deref(),
            quote_number: None,
            staff: None,
        };
        let written = crate::pdf::estimate_pdf(&req)
            .map_err(|e| e.explain(lang))
            .and_then(|bytes| {
                crate::files::write_atomic(path, &bytes)
                    .map(|()| crate::records::sha256_hex(&bytes))
                    .map_err(|e| e.explain(lang))
            });
        let shown = path.display().to_string();
        if written.is_ok() {
            self.remember_save_folder(path);
        }
        // Exported from a course: the quote goes in the register's Quotes list, with the
        // fingerprint of the PDF written.
        if let Ok(sha) = &written
            && let Err(reason) = self.log_quote(&ready, Some(sha.clone()))
        {
            self.error(
                "app-register-log-failed",
                &[("path", Arg::Str(shown)), ("reason", Arg::Str(reason))],
            );
            return;
        }
        // The next patient is one click (or Ctrl+N) away once this one's PDF is written.
        self.offer_new_patient = written.is_ok();
        self.banner = Some(match written {
            Ok(_) => {
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
    pub(super) fn ask_path(&mut self, purpose: PathPurpose) {
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
    pub(super) fn path_start(&self, purpose: PathPurpose) -> (PathBuf, Option<String>) {
        let recent_dir = self
            .settings
            .recent_quotes
            .first()
            .and_then(|p| p.parent())
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf);
        // The patient's name when there is a usable one, then the quote date:
        // `estimate-Tanaka-Hanako-2026-11-24.pdf` (a refused name is reported when the file
        // is written, and left out here).
        let who = match crate::patient::check_name(&self.patient.name)
            .ok()
            .flatten()
            .and_then(|n| dialog_ui::file_name_part(&n))
        {
            Some(name) => format!("{name}-{}", self.today),
            None => self.today.to_string(),
        };
        // The documents folder, unless a PDF or quote was written elsewhere this session.
        let save_dir = self.quote.save_folder.clone().unwrap_or_else(documents_dir);
        match purpose {
            PathPurpose::ExportPdf => (save_dir, Some(format!("estimate-{who}.pdf"))),
            PathPurpose::SaveQuote => (save_dir, Some(format!("quote-{who}.json"))),
            PathPurpose::OpenQuote => (recent_dir.unwrap_or_else(documents_dir), None),
            PathPurpose::ExportCsv => {
                let m = self.quotes_list.month;
                (
                    documents_dir(),
                    Some(format!("quotes-{:04}-{:02}.csv", m.year(), m.month())),
                )
            }
            PathPurpose::OpenSheet => {
                let dir = self
                    .sheet_files
                    .first()
                    .and_then(|s| s.path.parent())
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
    pub(super) fn native_dialog(
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
            PathPurpose::ExportCsv => dialog.add_filter("CSV", &["csv"]).save_file(),
        }
    }

    /// Opens a file in the system's viewer. The launcher is waited for on a thread of its
    /// own (or, if no thread can be started, checked at each frame), so it never lingers as
    /// a zombie process.
    pub(super) fn open_in_viewer(&mut self, path: &Path) -> std::io::Result<()> {
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
    pub(super) fn reap_viewers(&mut self) {
        // A viewer whose status cannot be read is dropped: nothing more can be done with it.
        self.viewers
            .retain_mut(|child| matches!(child.try_wait(), Ok(None)));
    }
}

/// The system's command that opens a file in its viewer (the path is added after).
pub(super) fn system_viewer() -> std::process::Command {
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
pub(super) fn no_dialog_shown(elapsed: Duration) -> bool {
    cfg!(all(unix, not(target_os = "macos")))
        && elapsed < Duration::from_millis(150)
        && !on_path("zenity")
}
