//! The Patients screen: find a patient by name or number as it is typed, add one, open a
//! patient's page (their courses, "New course from the current plan"), and the course view.
//! Also the register's file (a text field and "Use"). Draws and returns [`Command`]s; the
//! register is read and written only by `run_command`.

use dose_planner_register::{Course, CourseStatus, NewPatient, Patient};
use eframe::egui;

use crate::estimate::Sex;
use crate::i18n::{Arg, Lang};
use crate::pricing::LocalText;

use super::course_ui::CourseView;
use super::widgets::{self, Tone};
use super::{Command, RegisterState, Screen, ViewCtx};

/// The most patients a search lists.
pub const MAX_FOUND: u32 = 50;

/// The form for a new patient, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewPatientForm {
    /// The clinic's patient number.
    pub number: String,
    /// The name.
    pub name: String,
    /// Date of birth as typed (`YYYY-MM-DD`).
    pub birth: String,
    /// Sex, once chosen.
    pub sex: Option<Sex>,
    /// Why the register refused it (a number already used), until it is changed.
    pub error: Option<String>,
    /// Changed since it opened: what is missing is shown from then on.
    pub touched: bool,
}

impl NewPatientForm {
    /// The form as it opens: the app's one patient's name and sex when they are not in the
    /// register yet (a walk-in quoted at the desk, now registered); empty when a register
    /// patient is open, since the new patient is someone else.
    pub fn for_patient(shared: &super::patient::Patient) -> NewPatientForm {
        if shared.record.is_some() {
            return NewPatientForm::default();
        }
        NewPatientForm {
            name: shared.name.trim().to_string(),
            sex: shared.sex,
            ..NewPatientForm::default()
        }
    }

    /// The patient the form makes, or what to correct (in `lang`).
    pub fn patient(&self, lang: Lang, today: jiff::civil::Date) -> Result<NewPatient, String> {
        let number = self.number.trim();
        if number.is_empty() {
            return Err(lang.tr("app-patient-number-missing"));
        }
        let name = match crate::patient::check_name(&self.name) {
            Ok(Some(n)) => n,
            Ok(None) => return Err(lang.tr("app-patient-name-missing")),
            Err(e) => return Err(e.explain(lang)),
        };
        let birth = self
            .birth
            .trim()
            .parse::<jiff::civil::Date>()
            .ok()
            .filter(|d| *d <= today)
            .ok_or_else(|| lang.tr("app-patient-birth-invalid"))?;
        let sex = self.sex.ok_or_else(|| lang.tr("app-patient-sex-missing"))?;
        Ok(NewPatient {
            number: number.to_string(),
            name,
            date_of_birth: birth,
            sex,
        })
    }
}

/// A course on a patient's page.
#[derive(Debug, Clone)]
pub struct CourseRow {
    /// The course.
    pub course: Course,
    /// Its product's name, when its sheet sells several.
    pub product: Option<LocalText>,
}

impl CourseRow {
    /// The row of `course`, its product named from its frozen sheet (read once, here).
    pub fn new(course: Course) -> CourseRow {
        let product = course.product.as_deref().and_then(|code| {
            crate::pricing::parse(&course.sheet_toml, &course.sheet_name)
                .ok()?
                .product(Some(code))
                .map(|p| p.name.clone())
        });
        CourseRow { course, product }
    }
}

/// A patient's page: the patient and their courses.
#[derive(Debug, Clone)]
pub struct PatientPage {
    /// The patient.
    pub patient: Patient,
    /// Their courses, earliest start first.
    pub courses: Vec<CourseRow>,
}

/// The Patients screen.
pub struct PatientsScreen {
    /// The register's file as typed in the settings row.
    pub register_text: String,
    /// The search as typed.
    pub search: String,
    /// The search the results are for; `None`: search again.
    pub searched: Option<String>,
    /// The patients found, or why the search failed.
    pub found: Result<Vec<Patient>, String>,
    /// The new-patient form, while it is open.
    pub form: Option<NewPatientForm>,
    /// The patient open.
    pub page: Option<PatientPage>,
    /// The course open (over the patient's page).
    pub course: Option<CourseView>,
}

impl PatientsScreen {
    /// The screen before any register is open, its settings row showing `register_text`.
    pub fn new(register_text: String) -> PatientsScreen {
        PatientsScreen {
            register_text,
            search: String::new(),
            searched: None,
            found: Ok(Vec::new()),
            form: None,
            page: None,
            course: None,
        }
    }

    /// Forgets what came from the register before (another register was opened).
    pub fn reset(&mut self, register_text: String) {
        *self = PatientsScreen::new(register_text);
    }

    /// Draws the screen; returns the commands to run. The course view shows and changes the
    /// shared `patient` (its weight).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        register: &RegisterState,
        work_screen: Screen,
        patient: &mut super::patient::Patient,
    ) -> Vec<Command> {
        let lang = ctx.lang;
        let mut out = Vec::new();
        ui.add_space(6.0);
        if let Some(why) = register.unavailable(lang) {
            unavailable(ui, lang, &why);
            ui.add_space(8.0);
            self.register_row(ui, lang, &mut out);
            return out;
        }
        if let Some(view) = &mut self.course {
            if ui.button(lang.tr("app-course-back")).clicked() {
                self.course = None;
                // The patient stays; their course is closed.
                if let Some(record) = &mut patient.record {
                    record.course = None;
                }
                return out;
            }
            ui.add_space(4.0);
            out.extend(view.ui(ui, lang, ctx.today, patient));
            return out;
        }
        if let Some(page) = &self.page {
            let mut back = false;
            page_ui(ui, lang, page, work_screen, &mut back, &mut out);
            if back {
                self.page = None;
            }
            return out;
        }
        self.search_ui(ui, lang, ctx.today, patient, &mut out);
        ui.add_space(16.0);
        ui.separator();
        self.register_row(ui, lang, &mut out);
        out
    }

    fn search_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        today: jiff::civil::Date,
        shared: &super::patient::Patient,
        out: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            let label = ui.label(egui::RichText::new(lang.tr("app-patients-find")).strong());
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .desired_width(280.0)
                    .hint_text(lang.tr("app-patients-find-hint")),
            )
            .labelled_by(label.id);
            ui.add_space(16.0);
            if ui.button(lang.tr("app-patients-new")).clicked() && self.form.is_none() {
                self.form = Some(NewPatientForm::for_patient(shared));
            }
        });
        // Searched as it is typed: a new query each time the text changes, never per frame.
        if self.searched.as_deref() != Some(self.search.as_str()) {
            out.push(Command::FindPatients(self.search.clone()));
        }
        if let Some(form) = &mut self.form {
            ui.add_space(8.0);
            let mut close = false;
            new_patient_ui(ui, lang, today, form, &mut close, out);
            if close {
                self.form = None;
            }
        }
        ui.add_space(8.0);
        match &self.found {
            Err(why) => widgets::error_text(ui, why),
            Ok(found) if found.is_empty() => {
                ui.label(if self.search.trim().is_empty() {
                    lang.tr("app-patients-none-yet")
                } else {
                    lang.tr_args(
                        "app-patients-no-match",
                        &[("query", Arg::Str(self.search.trim().to_string()))],
                    )
                });
            }
            Ok(found) => found_table(ui, lang, found, out),
        }
    }

    fn register_row(&mut self, ui: &mut egui::Ui, lang: Lang, out: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.tr("app-register-file"));
            ui.add(
                egui::TextEdit::singleline(&mut self.register_text)
                    .id_salt("register_path")
                    .desired_width(480.0),
            )
            .labelled_by(label.id);
            let path = self.register_text.trim();
            if ui
                .add_enabled(
                    !path.is_empty(),
                    egui::Button::new(lang.tr("app-register-use")),
                )
                .clicked()
            {
                out.push(Command::UseRegister(std::path::PathBuf::from(path)));
            }
        });
        ui.label(egui::RichText::new(lang.tr("app-register-file-note")).weak());
    }
}

/// The register cannot be used: why, and that the rest of the app works.
fn unavailable(ui: &mut egui::Ui, lang: Lang, why: &str) {
    widgets::strip(ui, Tone::Warning, |ui| {
        ui.vertical(|ui| {
            ui.label(
                egui::RichText::new(lang.tr("app-register-unavailable"))
                    .strong()
                    .color(Tone::Warning.ink()),
            );
            ui.add(egui::Label::new(egui::RichText::new(why).color(Tone::Warning.ink())).wrap());
        });
    });
}

fn found_table(ui: &mut egui::Ui, lang: Lang, found: &[Patient], out: &mut Vec<Command>) {
    egui::Grid::new("patients_found")
        .striped(true)
        .num_columns(5)
        .spacing([20.0, 6.0])
        .show(ui, |ui| {
            for key in [
                "app-patient-number",
                "app-patient-full-name",
                "app-patient-birth",
                "app-sex",
            ] {
                ui.label(egui::RichText::new(lang.tr(key)).strong());
            }
            ui.label("");
            ui.end_row();
            for p in found {
                ui.label(crate::patient::escape_text(&p.number));
                ui.label(crate::patient::escape_text(&p.name));
                ui.label(p.date_of_birth.to_string());
                ui.label(p.sex.name(lang));
                let open = ui
                    .button(lang.tr("app-patients-open"))
                    .accessible_name(lang.tr_args(
                        "app-patients-open-named",
                        &[
                            ("name", Arg::Str(crate::patient::escape_text(&p.name))),
                            ("number", Arg::Str(crate::patient::escape_text(&p.number))),
                        ],
                    ));
                if open.clicked() {
                    out.push(Command::OpenPatient(p.id));
                }
                ui.end_row();
            }
        });
}

fn new_patient_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    today: jiff::civil::Date,
    form: &mut NewPatientForm,
    close: &mut bool,
    out: &mut Vec<Command>,
) {
    egui::Frame::new()
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .inner_margin(10)
        .corner_radius(6)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(lang.tr("app-patients-new-heading")).strong());
            let before = form.clone();
            // Enter in a text field adds the patient (when the form is complete).
            let mut entered = false;
            egui::Grid::new("new_patient")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for (key, text, width) in [
                        ("app-patient-number", &mut form.number, 140.0),
                        ("app-patient-full-name", &mut form.name, 240.0),
                        ("app-patient-birth-field", &mut form.birth, 140.0),
                    ] {
                        let label = ui.label(lang.tr(key));
                        let edit = ui
                            .add(
                                egui::TextEdit::singleline(text)
                                    .id_salt(("new_patient", key))
                                    .desired_width(width)
                                    .char_limit(crate::patient::MAX_NAME_CHARS),
                            )
                            .labelled_by(label.id);
                        entered |= super::course_ui::submitted(ui, &edit);
                        ui.end_row();
                    }
                    ui.label(lang.tr("app-sex"));
                    ui.horizontal(|ui| {
                        for (value, key) in [(Sex::Female, "sex-female"), (Sex::Male, "sex-male")] {
                            ui.radio_value(&mut form.sex, Some(value), lang.tr(key));
                        }
                    });
                    ui.end_row();
                });
            // A refusal from the register stands until the form is changed.
            if *form != before {
                form.error = None;
                form.touched = true;
            }
            let made = form.patient(lang, today);
            ui.horizontal(|ui| {
                let clicked = ui
                    .add_enabled(made.is_ok(), egui::Button::new(lang.tr("app-patients-add")))
                    .clicked();
                if (clicked || entered)
                    && let Ok(p) = &made
                {
                    out.push(Command::AddPatient(p.clone()));
                }
                if ui.button(lang.tr("app-path-cancel")).clicked() {
                    *close = true;
                }
            });
            // What is missing, once something was typed; the register's refusal first.
            if let Some(error) = &form.error {
                widgets::error_text(ui, error);
            } else if let Err(why) = &made
                && form.touched
            {
                widgets::error_text(ui, why);
            }
        });
}

fn page_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    page: &PatientPage,
    work_screen: Screen,
    back: &mut bool,
    out: &mut Vec<Command>,
) {
    let p = &page.patient;
    if ui.button(lang.tr("app-patients-back")).clicked() {
        *back = true;
    }
    ui.add_space(4.0);
    ui.heading(lang.tr_args(
        "app-patient-heading",
        &[
            ("name", Arg::Str(p.name.clone())),
            ("number", Arg::Str(p.number.clone())),
        ],
    ));
    ui.label(lang.tr_args(
        "app-patient-details",
        &[
            ("birth", Arg::Str(lang.format_date(p.date_of_birth))),
            ("sex", Arg::Str(p.sex.name(lang))),
        ],
    ));
    ui.add_space(10.0);
    ui.label(egui::RichText::new(lang.tr("app-courses")).strong());
    if page.courses.is_empty() {
        ui.label(lang.tr("app-courses-none"));
    } else {
        egui::Grid::new("patient_courses")
            .striped(true)
            .num_columns(4)
            .spacing([20.0, 6.0])
            .show(ui, |ui| {
                for key in ["app-course-start", "app-course-status", "app-product"] {
                    ui.label(egui::RichText::new(lang.tr(key)).strong());
                }
                ui.label("");
                ui.end_row();
                for row in &page.courses {
                    let c = &row.course;
                    ui.label(lang.format_date(c.start));
                    ui.label(course_status_name(lang, c.status));
                    ui.label(
                        row.product
                            .as_ref()
                            .map_or_else(|| lang.tr("app-not-known"), |n| n.get(lang).to_string()),
                    );
                    let open =
                        ui.button(lang.tr("app-patients-open"))
                            .accessible_name(lang.tr_args(
                                "app-course-open-named",
                                &[("start", Arg::Str(lang.format_date(c.start)))],
                            ));
                    if open.clicked() {
                        out.push(Command::OpenCourse(c.id));
                    }
                    ui.end_row();
                }
            });
    }
    ui.add_space(10.0);
    ui.horizontal_wrapped(|ui| {
        if ui.button(lang.tr("app-course-new")).clicked() {
            out.push(Command::NewCourseFromPlan(p.id));
        }
        let source = lang.tr(match work_screen {
            Screen::Quote => "app-tab-quote",
            _ => "app-tab-plan",
        });
        ui.label(
            egui::RichText::new(
                lang.tr_args("app-course-new-note", &[("screen", Arg::Str(source))]),
            )
            .weak(),
        );
    });
}

/// A course's status as a person reads it.
pub fn course_status_name(lang: Lang, status: CourseStatus) -> String {
    lang.tr(&format!("app-course-status-{}", status.code()))
}
