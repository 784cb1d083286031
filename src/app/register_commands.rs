//! The register's side of [`DesktopApp::run_command`]: opening the register, finding and
//! adding patients, making a course from the plan, recording visits, logging the quotes
//! exported or saved from a course, and the month's Quotes list (its statuses and its CSV).
//!
//! The only place the app talks to the register. It is opened once (at the window's start,
//! or when another file is chosen), never per frame; a register that cannot be opened is
//! kept as its error, which the register screens show, while quotes, plans and PDFs work on.

use std::path::{Path, PathBuf};

use dose_planner_register::{
    CourseId, CourseStatus, NewPatient, NewQuote, NewVisit, PatientId, QuoteId, QuoteStatus,
    Register, RegisterError, Sha256Hex,
};

use super::commands::Ready;
use super::course_ui::CourseView;
use super::patients_ui::{CourseRow, PatientPage};
use super::*;

/// The register as the app holds it.
pub enum RegisterState {
    /// Not opened yet: the window opens the settings' register at its start; tests open a
    /// temporary one with [`Command::OpenRegister`].
    NotOpened,
    /// No place for it is known (no home folder) and none was chosen.
    NoPath,
    /// Open.
    Open {
        /// Its file.
        path: PathBuf,
        /// The register (SQLite today; any [`Register`] later).
        register: Box<dyn Register>,
    },
    /// It could not be opened: the register screens say why; the rest of the app works.
    Failed {
        /// The file tried.
        path: PathBuf,
        /// Why it could not be opened.
        error: RegisterError,
    },
}

impl RegisterState {
    /// Whether the register is open.
    pub fn is_open(&self) -> bool {
        matches!(self, RegisterState::Open { .. })
    }

    /// The register's file, when one was opened or tried.
    pub fn path(&self) -> Option<&Path> {
        match self {
            RegisterState::Open { path, .. } | RegisterState::Failed { path, .. } => Some(path),
            RegisterState::NotOpened | RegisterState::NoPath => None,
        }
    }

    /// Why the register cannot be used, in `lang`; `None` when it is open.
    pub fn unavailable(&self, lang: crate::i18n::Lang) -> Option<String> {
        match self {
            RegisterState::Open { .. } => None,
            RegisterState::Failed { error, .. } => Some(error.explain(lang)),
            RegisterState::NoPath => Some(lang.tr("app-register-no-path")),
            RegisterState::NotOpened => Some(lang.tr("app-register-not-opened")),
        }
    }
}

impl DesktopApp {
    /// Opens the register the settings name (the default place when none was chosen).
    pub(super) fn open_register_from_settings(&mut self) {
        match crate::records::path_or_default(self.settings.register_path.as_deref()) {
            Some(path) => self.run_command(Command::OpenRegister(path)),
            None => {
                self.register = RegisterState::NoPath;
                self.error("app-register-no-path", &[]);
            }
        }
    }

    /// Opens the register at `path`. `keep`: the user chose it, so the settings keep it and
    /// the register open now stays when this one cannot be opened.
    pub(super) fn open_register(&mut self, path: PathBuf, keep: bool) {
        let lang = self.settings.lang;
        match crate::records::open_any(&path) {
            Ok(register) => {
                if keep {
                    self.settings.register_path = Some(path.clone());
                    self.banner = Some(Banner {
                        error: false,
                        text: lang.tr_args(
                            "app-register-opened",
                            &[("path", Arg::Str(path.display().to_string()))],
                        ),
                    });
                }
                self.patients.reset(path.display().to_string());
                self.register = RegisterState::Open { path, register };
                self.quotes_list.stale = true;
            }
            Err(error) => {
                self.banner = Some(Banner {
                    error: true,
                    text: error.explain(lang),
                });
                if keep && self.register.is_open() {
                    return;
                }
                self.patients.reset(path.display().to_string());
                self.register = RegisterState::Failed { path, error };
            }
        }
    }

    /// Runs `f` on the open register; its error (or the register being unavailable) as a
    /// message in the user's language.
    fn on_register<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Register) -> Result<T, RegisterError>,
    ) -> Result<T, String> {
        let lang = self.settings.lang;
        match &mut self.register {
            RegisterState::Open { register, .. } => {
                f(register.as_mut()).map_err(|e| e.explain(lang))
            }
            other => Err(other
                .unavailable(lang)
                .unwrap_or_else(|| lang.tr("app-register-unavailable-short"))),
        }
    }

    /// Like [`DesktopApp::on_register`], its error shown in the banner.
    fn with_register<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Register) -> Result<T, RegisterError>,
    ) -> Option<T> {
        match self.on_register(f) {
            Ok(v) => Some(v),
            Err(text) => {
                self.banner = Some(Banner { error: true, text });
                None
            }
        }
    }

    pub(super) fn find_patients(&mut self, query: String) {
        let found = self.on_register(|r| r.find_patients(&query, patients_ui::MAX_FOUND));
        // Marked as searched even when it failed, so the screen does not ask again each frame.
        self.patients.found = found;
        self.patients.searched = Some(query);
    }

    pub(super) fn add_patient(&mut self, patient: &NewPatient) {
        match self.on_register(|r| r.add_patient(patient)) {
            Ok(id) => {
                self.patients.form = None;
                self.patients.searched = None;
                self.open_patient(id);
                self.banner = Some(Banner {
                    error: false,
                    text: self.settings.lang.tr_args(
                        "app-patient-added",
                        &[
                            ("name", Arg::Str(patient.name.clone())),
                            ("number", Arg::Str(patient.number.clone())),
                        ],
                    ),
                });
            }
            // Shown under the form, next to what needs correcting (a number already used).
            Err(text) => {
                if let Some(form) = &mut self.patients.form {
                    form.error = Some(text);
                } else {
                    self.banner = Some(Banner { error: true, text });
                }
            }
        }
    }

    pub(super) fn open_patient(&mut self, id: PatientId) {
        let Some((patient, courses)) =
            self.with_register(|r| Ok((r.patient(id)?, r.courses_of(id)?)))
        else {
            return;
        };
        // The patient every screen shows is now this one (no course open yet).
        self.patient.take_record(&patient);
        if let Some(record) = &mut self.patient.record {
            record.course = None;
        }
        self.patients.page = Some(PatientPage {
            patient,
            courses: courses.into_iter().map(CourseRow::new).collect(),
        });
        self.patients.course = None;
    }

    pub(super) fn new_course_from_plan(&mut self, id: PatientId) {
        let lang = self.settings.lang;
        let Some(patient) = self.with_register(|r| r.patient(id)) else {
            return;
        };
        let saved = self
            .quote_for_patient(&patient)
            .and_then(|ready| self.saved_form(&ready));
        let saved = match saved {
            Ok(s) => s,
            Err(text) => {
                self.banner = Some(Banner { error: true, text });
                return;
            }
        };
        let course = crate::records::planned_course(&saved, patient.id);
        let Some(course_id) = self.with_register(|r| r.add_course(&course)) else {
            return;
        };
        self.open_patient(id);
        self.open_course(course_id);
        self.banner = Some(Banner {
            error: false,
            text: lang.tr_args(
                "app-course-created",
                &[("name", Arg::Str(patient.name.clone()))],
            ),
        });
    }

    pub(super) fn open_course(&mut self, id: CourseId) {
        let Some(open) = self.with_register(|r| r.open_course(id)) else {
            return;
        };
        // The patient's page under it, so "Back" leads there.
        if self
            .patients
            .page
            .as_ref()
            .is_none_or(|p| p.patient.id != open.patient.id)
        {
            self.open_patient(open.patient.id);
        }
        let keep = self.patients.course.as_ref().map(|c| c.keep);
        let previous_last_dose = self.previous_last_dose(&open.course);
        let mut view = CourseView::new(open);
        view.previous_last_dose = previous_last_dose;
        if let Some(keep) = keep {
            view.keep = keep;
        }
        // The course's patient, with the weight of the course: the last visit's, else the
        // plan's (the Plan screen and the visit form show and change the same weight).
        self.patient.take_record(&view.open.patient);
        if let Some(record) = &mut self.patient.record {
            record.course = Some(view.open.course.id);
        }
        if let Some(kg) = view.weight_now() {
            self.patient.weight = super::Patient::weight_text(kg);
        }
        self.patients.course = Some(view);
    }

    /// The last day of medication of the courses of `course`'s patient that started before
    /// it (the latest of their visits' [`crate::course::last_dose_day`]).
    fn previous_last_dose(
        &mut self,
        course: &dose_planner_register::Course,
    ) -> Option<jiff::civil::Date> {
        self.with_register(|r| {
            let mut last: Option<jiff::civil::Date> = None;
            for c in r.courses_of(course.patient)? {
                if c.id == course.id || c.start > course.start {
                    continue;
                }
                for v in r.open_course(c.id)?.visits {
                    last = last.max(crate::course::last_dose_day(v.date, v.days_covered));
                }
            }
            Ok(last)
        })?
    }

    pub(super) fn record_visit(&mut self, visit: &NewVisit) {
        let lang = self.settings.lang;
        let done = self.with_register(|r| {
            r.add_visit(visit)?;
            // The first visit starts the course.
            let open = r.open_course(visit.course)?;
            if open.course.status == CourseStatus::Planned {
                r.set_course_status(visit.course, CourseStatus::Active)?;
                return r.open_course(visit.course);
            }
            Ok(open)
        });
        let Some(open) = done else {
            return;
        };
        let id = open.patient.id;
        match &mut self.patients.course {
            Some(view) if view.open.course.id == open.course.id => view.visits_changed(open),
            _ => self.patients.course = Some(CourseView::new(open)),
        }
        // The course's status on the patient's page.
        if let Some(courses) = self.with_register(|r| r.courses_of(id))
            && let Some(page) = &mut self.patients.page
        {
            page.courses = courses.into_iter().map(CourseRow::new).collect();
        }
        self.banner = Some(Banner {
            error: false,
            text: lang.tr_args(
                "app-visit-recorded",
                &[("date", Arg::Str(lang.format_date(visit.date)))],
            ),
        });
    }

    /// Logs a quote exported or saved from the course view (with the PDF's SHA-256 when a
    /// PDF was written); a quote from any other screen is not logged.
    pub(super) fn log_quote(
        &mut self,
        ready: &Ready,
        pdf: Option<Sha256Hex>,
    ) -> Result<(), String> {
        let Some((patient, course)) = ready.log else {
            return Ok(());
        };
        let (total, _) = ready.quote.total();
        let entry = NewQuote {
            date: self.today,
            patient,
            course: Some(course),
            total,
            currency: ready.quote.sheet().currency.code.clone(),
            status: QuoteStatus::Issued,
            pdf_sha256: pdf,
        };
        self.on_register(|r| r.add_quote(&entry))?;
        self.quotes_list.stale = true;
        Ok(())
    }

    pub(super) fn load_quotes(&mut self, day: jiff::civil::Date) {
        let list = match &self.register {
            RegisterState::Open { register, .. } => register.quotes_of_month(day),
            _ => return,
        };
        self.quotes_list.loaded(day, list);
    }

    pub(super) fn set_quote_status(&mut self, id: QuoteId, status: QuoteStatus) {
        if self
            .with_register(|r| r.set_quote_status(id, status))
            .is_some()
        {
            self.quotes_list.stale = true;
        }
    }

    /// Writes the Quotes list of the month shown as CSV, read from the register now.
    pub(super) fn export_csv(&mut self, path: &Path) {
        let lang = self.settings.lang;
        // The CSV would replace the register (or its -wal/-shm file) and lose every patient.
        if let Some(register) = self.register.path()
            && crate::records::is_register_file(path, register)
        {
            self.banner = Some(Banner {
                error: true,
                text: lang.tr_args(
                    "records-csv-is-register",
                    &[("path", Arg::Str(path.display().to_string()))],
                ),
            });
            return;
        }
        let month = self.quotes_list.month;
        let Some(list) = self.with_register(|r| r.quotes_of_month(month)) else {
            return;
        };
        let written = crate::records::month_csv(&list, lang)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                crate::files::write_atomic(path, &bytes).map_err(|e| e.explain(lang))
            });
        match written {
            Ok(()) => {
                self.banner = Some(Banner {
                    error: false,
                    text: lang.tr_args(
                        "records-csv-written",
                        &[("path", Arg::Str(path.display().to_string()))],
                    ),
                });
            }
            Err(reason) => self.error("app-quotes-csv-failed", &[("reason", Arg::Str(reason))]),
        }
    }

    /// Writes a backup of the register beside it: `register-backup-YYYY-MM-DD.sqlite3`
    /// (`-2`, `-3`, … for a second one the same day; never over a file), and says where.
    pub(super) fn backup_register(&mut self) {
        let lang = self.settings.lang;
        let Some(dir) = self
            .register
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
        else {
            self.banner = Some(Banner {
                error: true,
                text: lang.tr("app-register-unavailable-short"),
            });
            return;
        };
        let target = dose_planner_register::SqliteRegister::next_backup_path(&dir, self.today);
        if self.with_register(|r| r.backup_to(&target)).is_some() {
            self.banner = Some(Banner {
                error: false,
                text: lang.tr_args(
                    "records-backup-written",
                    &[("path", Arg::Str(target.display().to_string()))],
                ),
            });
        }
    }
}
