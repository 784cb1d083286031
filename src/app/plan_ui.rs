//! The plan screen for doctors: weight, a dose for each month (mg/day or mg/kg/day),
//! cumulative target and start date → mg/kg, the day the target is reached, the end date,
//! the cost, a chart and the core's warnings. Draws only; the numbers are the core's.

use crate::dose::{Dose, dose_for_target, per_kg};
use crate::estimate::{CourseRequest, MAX_MONTHS, Sex, Visit, check_weight};
use crate::i18n::{Arg, Lang};
use crate::safety;
use crate::screening::Screening;
use eframe::egui;

use super::LoadedSheet;
use super::choices_ui::{self, ChoiceInputs};
use super::screening_ui::{self, ScreeningForm};
use super::widgets::{self, Cached, Priced};

/// How the doctor enters doses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoseUnit {
    /// mg per day (`40`, `10/20`).
    MgPerDay,
    /// mg per kg per day; the core picks the makeable dose that reaches it.
    MgPerKgPerDay,
}

/// The cumulative target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetChoice {
    /// 120 mg/kg.
    T120,
    /// 150 mg/kg.
    T150,
    /// 220 mg/kg.
    T220,
    /// The custom value.
    Custom,
}

/// One month's dose as entered.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthInput {
    /// mg/day as typed, used in [`DoseUnit::MgPerDay`].
    pub text: String,
    /// mg/kg/day, used in [`DoseUnit::MgPerKgPerDay`].
    pub mg_per_kg: f64,
}

/// What the doctor enters.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInputs {
    /// Sex, or `None` for the man–woman cost range.
    pub sex: Option<Sex>,
    /// First or return visit.
    pub visit: Visit,
    /// Body weight, kg.
    pub weight_kg: f64,
    /// How doses are entered.
    pub unit: DoseUnit,
    /// One entry per month.
    pub months: Vec<MonthInput>,
    /// Cumulative target.
    pub target: TargetChoice,
    /// The custom target, mg/kg.
    pub custom_target: f64,
    /// First day of medication as typed (`YYYY-MM-DD`).
    pub start: String,
    /// The screening answers, age and current medicines.
    pub screening: Screening,
    /// A visit every month (1) or every 2 months (2 months of medication per visit).
    pub visit_every: u32,
    /// The product, the visit kinds and the discounts chosen from the sheet.
    pub choices: ChoiceInputs,
}

impl PlanInputs {
    fn new(today: jiff::civil::Date) -> PlanInputs {
        let month = |mg: &str, mgkg: f64| MonthInput {
            text: mg.into(),
            mg_per_kg: mgkg,
        };
        PlanInputs {
            sex: None,
            visit: Visit::First,
            weight_kg: 60.0,
            unit: DoseUnit::MgPerDay,
            months: vec![
                month("20", 0.33),
                month("40", 0.67),
                month("40", 0.67),
                month("40", 0.67),
                month("60", 1.0),
                month("60", 1.0),
            ],
            target: TargetChoice::T120,
            custom_target: 180.0,
            start: today.to_string(),
            screening: Screening::default(),
            visit_every: 1,
            choices: ChoiceInputs::default(),
        }
    }

    /// The target in mg/kg.
    pub fn target_mg_per_kg(&self) -> f64 {
        match self.target {
            TargetChoice::T120 => safety::CUMULATIVE_LOW,
            TargetChoice::T150 => safety::CUMULATIVE_HIGH,
            TargetChoice::T220 => safety::CUMULATIVE_MAX,
            TargetChoice::Custom => self.custom_target,
        }
    }
}

/// What the screen shows, computed from [`PlanInputs`].
#[derive(Debug, Clone)]
pub struct PlanOutput {
    /// Each month's dose, or why it is not usable.
    pub doses: Vec<Result<Dose, String>>,
    /// The priced course, or why there is none.
    pub priced: Result<Priced, String>,
    /// The chart's points.
    pub points: Vec<[f64; 2]>,
    /// The request priced, when the inputs make one (for saving and recovery).
    pub request: Option<CourseRequest>,
}

/// A plan kept for comparison. It is priced again whenever the price sheet changes, so its
/// figures always come from the sheet shown (a plan that sheet cannot price shows why).
#[derive(Debug, Clone)]
pub struct PinnedPlan {
    /// The plan as pinned (a woman's when sex is not given).
    pub request: CourseRequest,
    /// Sex as chosen, `None` for the man–woman range.
    pub sex: Option<Sex>,
    /// The priced course on the sheet in use, or why that sheet cannot price it.
    pub priced: Result<Priced, String>,
    /// The sheet it was last priced on (clinic name).
    pub sheet_name: String,
    /// The sheet's currency.
    pub currency: crate::money::Currency,
    /// The sheet generation and language it was last priced in.
    priced_on: (u64, Lang),
}

impl PinnedPlan {
    /// The plan priced on `sheet`.
    fn new(
        request: CourseRequest,
        sex: Option<Sex>,
        sheet: &LoadedSheet,
        lang: Lang,
        today: jiff::civil::Date,
    ) -> Self {
        let mut p = PinnedPlan {
            request,
            sex,
            priced: Err(String::new()),
            sheet_name: String::new(),
            currency: sheet.sheet.currency.clone(),
            priced_on: (u64::MAX, lang),
        };
        p.reprice(sheet, lang, today);
        p
    }

    /// Prices the plan again on `sheet` unless it already was (in `lang`).
    fn reprice(&mut self, sheet: &LoadedSheet, lang: Lang, today: jiff::civil::Date) {
        if self.priced_on == (sheet.generation, lang) {
            return;
        }
        self.priced =
            price(&sheet.sheet, &self.request, self.sex, today).map_err(|e| e.explain(lang));
        self.sheet_name = sheet.sheet.clinic.name.get(lang).to_string();
        self.currency = sheet.sheet.currency.clone();
        self.priced_on = (sheet.generation, lang);
    }

    /// The doses, month by month.
    pub fn doses(&self) -> &[Dose] {
        &self.request.doses
    }

    /// The plan's total as a person reads it (a range when sex is not given), or why the
    /// sheet in use cannot price it.
    pub fn total_text(&self, lang: Lang) -> Result<String, String> {
        let na = lang.tr("app-not-known");
        match &self.priced {
            Ok(p) => Ok(widgets::money_text(&self.currency, lang, Some(p.total())).unwrap_or(na)),
            Err(e) => Err(e.clone()),
        }
    }
}

/// The quote for one sex when it is given, the man–woman range when not.
fn price(
    sheet: &crate::pricing::PriceSheet,
    req: &CourseRequest,
    sex: Option<Sex>,
    today: jiff::civil::Date,
) -> Result<Priced, crate::estimate::PlanError> {
    match sex {
        Some(_) => Priced::compute(sheet, req, today),
        None => Priced::compute_range(sheet, req, today),
    }
}

/// Plans that can be pinned at most.
pub const MAX_PINNED: usize = 3;

/// The plan screen.
pub struct PlanScreen {
    /// The inputs (not persisted).
    pub inputs: PlanInputs,
    /// Pinned plans, oldest first.
    pub pinned: Vec<PinnedPlan>,
    /// What is being typed in the screening section.
    pub screening: ScreeningForm,
    /// Today, for the age from a date of birth.
    pub today: jiff::civil::Date,
    /// The plan just pinned (its number and its inputs): "Pinned as plan n" shows beside
    /// the Pin button until the inputs change.
    pinned_note: Option<(usize, PlanInputs)>,
    result: Cached<PlanInputs, PlanOutput>,
}

/// Each month's dose and the request the inputs make on `sheet` (a woman's when sex is not
/// given), or why they make none (a message, or an `app-` key for the start date).
fn doses_and_request(
    sheet: &crate::pricing::PriceSheet,
    inputs: &PlanInputs,
    lang: Lang,
) -> (Vec<Result<Dose, String>>, Result<CourseRequest, String>) {
    let caps = &sheet.capsules;
    let weight = check_weight(inputs.weight_kg).map_err(|e| e.explain(lang));
    let doses: Vec<Result<Dose, String>> = inputs
        .months
        .iter()
        .map(|m| match inputs.unit {
            DoseUnit::MgPerDay => Dose::parse(&m.text).map_err(|e| e.explain(lang)),
            DoseUnit::MgPerKgPerDay => {
                let w = weight.clone()?;
                // Over one day, the cumulative target is the daily mg/kg itself.
                dose_for_target(m.mg_per_kg, w, 1, caps)
                    .map(Dose::daily)
                    .map_err(|e| e.explain(lang))
            }
        })
        .collect();
    let req = (|| {
        let w = weight.clone()?;
        let ds = doses
            .iter()
            .cloned()
            .collect::<Result<Vec<Dose>, String>>()?;
        let start = match inputs.start.trim() {
            "" => None,
            s => Some(
                s.parse::<jiff::civil::Date>()
                    .map_err(|_| String::from("app-start-invalid"))?,
            ),
        };
        let req = CourseRequest {
            sex: inputs.sex.unwrap_or(Sex::Female),
            visit: inputs.visit,
            doses: ds,
            weight_kg: Some(w),
            visit_every: inputs.visit_every,
            start,
            target_mg_per_kg: Some(inputs.target_mg_per_kg()),
            screening: inputs.screening.clone(),
            choices: inputs
                .choices
                .choices(sheet, inputs.months.len() as u32, inputs.visit),
        };
        Ok::<CourseRequest, String>(req)
    })();
    (doses, req)
}

/// The request the plan inputs make on `sheet`, computed now (never from a cache): for
/// saving, the recovery file and the PDF. The error is in `lang`.
pub fn request(
    inputs: &PlanInputs,
    sheet: &crate::pricing::PriceSheet,
    lang: Lang,
) -> Result<CourseRequest, String> {
    doses_and_request(sheet, inputs, lang).1.map_err(|e| {
        if e.starts_with("app-") {
            lang.tr(&e)
        } else {
            e
        }
    })
}

fn compute(
    sheet: &LoadedSheet,
    inputs: &PlanInputs,
    lang: Lang,
    today: jiff::civil::Date,
) -> PlanOutput {
    let (doses, req) = doses_and_request(&sheet.sheet, inputs, lang);
    let priced = req
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|req| price(&sheet.sheet, req, inputs.sex, today).map_err(|e| e.explain(lang)));
    let points = priced
        .as_ref()
        .map(|p| p.shown().cumulative_mg_per_kg_by_day())
        .unwrap_or_default();
    PlanOutput {
        doses,
        priced,
        points,
        request: req.ok(),
    }
}

impl PlanScreen {
    /// A new screen with a typical escalating plan starting `today`.
    pub fn new(today: jiff::civil::Date) -> PlanScreen {
        PlanScreen {
            inputs: PlanInputs::new(today),
            pinned: Vec::new(),
            screening: ScreeningForm::default(),
            today,
            pinned_note: None,
            result: Cached::default(),
        }
    }

    /// Prices the pinned plans again if the sheet (or the language) changed since.
    pub fn reprice_pinned(&mut self, sheet: &LoadedSheet, lang: Lang) {
        for p in &mut self.pinned {
            p.reprice(sheet, lang, self.today);
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &super::ViewCtx<'_>) {
        let (lang, sheet, today) = (ctx.lang, ctx.sheet, self.today);
        // Choices made on another sheet that this one does not offer are dropped.
        self.inputs.choices.fit(&sheet.sheet);
        ui.add_space(6.0);
        let mut pin = false;
        let generation = (sheet.generation, lang);
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(430.0);
                self.inputs_ui(ui, lang, sheet);
                ui.add_space(6.0);
                let n = self.pinned.len();
                let can_pin = n < MAX_PINNED
                    && self
                        .result
                        .current(&self.inputs, generation)
                        .is_some_and(|o| o.priced.is_ok());
                let text = lang.tr_args("app-pin", &[("n", Arg::Num(n as f64))]);
                ui.horizontal_wrapped(|ui| {
                    pin = ui.add_enabled(can_pin, egui::Button::new(text)).clicked();
                    if let Some((n, pinned)) = &self.pinned_note
                        && *pinned == self.inputs
                    {
                        ui.label(
                            egui::RichText::new(format!(
                                "✓ {}",
                                lang.tr_args("app-pinned-note", &[("n", Arg::Num(*n as f64))])
                            ))
                            .color(widgets::Tone::Success.ink()),
                        );
                    }
                });
                ui.add_space(8.0);
                egui::CollapsingHeader::new(
                    egui::RichText::new(lang.tr("app-safety-screening")).strong(),
                )
                .id_salt("safety_screening")
                .default_open(true)
                .show(ui, |ui| {
                    self.screening.ui(
                        ui,
                        lang,
                        self.inputs.sex,
                        self.today,
                        &mut self.inputs.screening,
                    );
                });
            });
            ui.add_space(24.0);
            ui.vertical(|ui| {
                let output = self
                    .result
                    .get(&self.inputs, (sheet.generation, lang), |i| {
                        compute(sheet, i, lang, today)
                    });
                summary_ui(ui, lang, sheet, &self.inputs, output);
            });
        });
        ui.add_space(8.0);
        ui.separator();
        self.months_ui(ui, lang, sheet);
        ui.add_space(8.0);
        let output = self
            .result
            .get(&self.inputs, (sheet.generation, lang), |i| {
                compute(sheet, i, lang, today)
            });
        chart_ui(ui, lang, &self.inputs, output);
        ui.add_space(8.0);
        if let Ok(priced) = &output.priced {
            egui::CollapsingHeader::new(
                egui::RichText::new(lang.tr("app-safety-monitoring")).strong(),
            )
            .id_salt("safety_monitoring")
            .default_open(true)
            .show(ui, |ui| {
                screening_ui::monitoring_ui(
                    ui,
                    lang,
                    &sheet.sheet,
                    priced.shown(),
                    priced.tests_due(),
                    priced.protocols(),
                    priced.estimate().is_none(),
                );
            });
        }
        ui.add_space(24.0);

        if pin
            && let Some(PlanOutput {
                request: Some(request),
                priced: Ok(_),
                ..
            }) = self.result.current(&self.inputs, generation)
        {
            let plan = PinnedPlan::new(request.clone(), self.inputs.sex, sheet, lang, self.today);
            self.pinned.push(plan);
            self.pinned_note = Some((self.pinned.len(), self.inputs.clone()));
        }
    }

    fn inputs_ui(&mut self, ui: &mut egui::Ui, lang: Lang, sheet: &LoadedSheet) {
        let inputs = &mut self.inputs;
        widgets::sex_picker(ui, lang, &mut inputs.sex);
        widgets::visit_picker(ui, lang, &mut inputs.visit);
        egui::Grid::new("plan_inputs")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label(lang.tr("app-weight"));
                ui.add(
                    egui::DragValue::new(&mut inputs.weight_kg)
                        .range(10.0..=300.0)
                        .speed(0.2)
                        .max_decimals(1),
                )
                .labelled_by(label.id);
                ui.end_row();

                ui.label(lang.tr("app-dose-unit"));
                let before = inputs.unit;
                ui.horizontal(|ui| {
                    ui.radio_value(&mut inputs.unit, DoseUnit::MgPerDay, lang.tr("app-unit-mg"));
                    ui.radio_value(
                        &mut inputs.unit,
                        DoseUnit::MgPerKgPerDay,
                        lang.tr("app-unit-mgkg"),
                    );
                });
                ui.end_row();
                if before != inputs.unit {
                    // The doses shown were computed for the inputs before the switch.
                    let mut shown = inputs.clone();
                    shown.unit = before;
                    let output = self.result.current(&shown, (sheet.generation, lang));
                    convert_unit(inputs, output);
                }

                let label = ui.label(lang.tr("app-months"));
                let mut n = inputs.months.len() as u32;
                ui.add(
                    egui::DragValue::new(&mut n)
                        .range(1..=MAX_MONTHS)
                        .speed(0.05),
                )
                .labelled_by(label.id);
                ui.end_row();
                let n = n as usize;
                if let Some(last) = inputs.months.last().cloned() {
                    inputs.months.resize(n, last);
                }

                ui.label(lang.tr("app-target"));
                ui.horizontal_wrapped(|ui| {
                    for (t, text) in [
                        (TargetChoice::T120, "120".to_string()),
                        (TargetChoice::T150, "150".to_string()),
                        (TargetChoice::T220, "220".to_string()),
                        (TargetChoice::Custom, lang.tr("app-target-custom")),
                    ] {
                        ui.radio_value(&mut inputs.target, t, text);
                    }
                });
                ui.end_row();

                let label = ui.label(lang.tr("app-target-custom-value"));
                ui.add_enabled(
                    inputs.target == TargetChoice::Custom,
                    egui::DragValue::new(&mut inputs.custom_target)
                        .range(1.0..=400.0)
                        .speed(0.5)
                        .max_decimals(1),
                )
                .labelled_by(label.id);
                ui.end_row();

                let label = ui.label(lang.tr("app-start"));
                ui.add(egui::TextEdit::singleline(&mut inputs.start).desired_width(120.0))
                    .labelled_by(label.id);
                ui.end_row();

                // Only where the clinic gives 2 months of medication per visit.
                if sheet.sheet.max_months_per_visit >= 2 {
                    ui.label(lang.tr("app-visit-every"));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut inputs.visit_every, 1, lang.tr("app-visit-every-1"));
                        ui.radio_value(&mut inputs.visit_every, 2, lang.tr("app-visit-every-2"));
                    });
                    ui.end_row();
                } else {
                    inputs.visit_every = 1;
                }
            });
        ui.add_space(4.0);
        let months = inputs.months.len() as u32;
        choices_ui::product_row(ui, lang, &sheet.sheet, &mut inputs.choices.product);
        choices_ui::later_visits_row(ui, lang, &sheet.sheet, &mut inputs.choices);
        choices_ui::discounts_row(
            ui,
            lang,
            &sheet.sheet,
            &mut inputs.choices.discounts,
            months,
            true,
        );
    }

    fn months_ui(&mut self, ui: &mut egui::Ui, lang: Lang, sheet: &LoadedSheet) {
        let today = self.today;
        let output = self
            .result
            .get(&self.inputs, (sheet.generation, lang), |i| {
                compute(sheet, i, lang, today)
            })
            .clone();
        let inputs = &mut self.inputs;
        let est = output.priced.as_ref().ok().map(Priced::shown);
        let mut fill_from = None;
        // A visit-kind column where the sheet offers telephone or online visits.
        let kinds = !sheet.sheet.visit_kinds.is_empty();
        egui::Grid::new("plan_months")
            .striped(true)
            .num_columns(if kinds { 8 } else { 7 })
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                for key in [
                    "app-col-month",
                    match inputs.unit {
                        DoseUnit::MgPerDay => "app-unit-mg",
                        DoseUnit::MgPerKgPerDay => "app-unit-mgkg",
                    },
                    "",
                    "app-col-dose",
                    "app-col-mgkg-day",
                    "app-col-cumulative",
                ] {
                    ui.label(egui::RichText::new(lang.tr(key)).strong());
                }
                if kinds {
                    ui.label(egui::RichText::new(lang.tr("app-col-visit")).strong());
                }
                widgets::right_aligned(ui, lang.tr("app-col-subtotal"), true);
                ui.end_row();
                let count = inputs.months.len();
                for (i, m) in inputs.months.iter_mut().enumerate() {
                    let n = Arg::Num((i + 1) as f64);
                    let label = ui.label(lang.tr_args("app-month-n", &[("n", n.clone())]));
                    let field = match inputs.unit {
                        DoseUnit::MgPerDay => ui.add(
                            egui::TextEdit::singleline(&mut m.text)
                                .desired_width(70.0)
                                .id_salt(("month_dose", i)),
                        ),
                        DoseUnit::MgPerKgPerDay => ui.add(
                            egui::DragValue::new(&mut m.mg_per_kg)
                                .range(0.05..=3.0)
                                .speed(0.01)
                                .fixed_decimals(2),
                        ),
                    };
                    field.labelled_by(label.id);
                    if i + 1 < count
                        && ui
                            .small_button(lang.tr("app-fill-down"))
                            .accessible_name(format!(
                                "{}: {}",
                                lang.tr_args("app-month-n", &[("n", n)]),
                                lang.tr("app-fill-down")
                            ))
                            .clicked()
                    {
                        fill_from = Some(i);
                    }
                    if i + 1 == count {
                        ui.label("");
                    }
                    match output.doses.get(i) {
                        Some(Ok(d)) => {
                            ui.label(widgets::dose_text(lang, *d));
                        }
                        Some(Err(e)) => {
                            ui.label(egui::RichText::new("×").color(ui.visuals().error_fg_color))
                                .on_hover_text(e);
                        }
                        None => {
                            ui.label("");
                        }
                    }
                    let line = est.and_then(|e| e.months.get(i));
                    let na = lang.tr("app-not-known");
                    ui.label(
                        line.and_then(|l| l.mg_per_kg_per_day)
                            .map_or(na.clone(), safety::fmt_mgkg_day),
                    );
                    ui.label(
                        line.and_then(|l| l.cumulative_mg_per_kg)
                            .map_or(na.clone(), safety::fmt_mgkg),
                    );
                    if kinds {
                        if line.is_some_and(|l| l.visit.is_none()) {
                            // No visit this month (2 months of medication per visit).
                            ui.label(lang.tr("visit-none"));
                        } else {
                            choices_ui::month_kind_cell(
                                ui,
                                lang,
                                &sheet.sheet,
                                &mut inputs.choices,
                                (i + 1) as u32,
                                inputs.visit,
                            );
                        }
                    }
                    let sub = line.map_or(na, |l| sheet.sheet.currency.format(l.subtotal, lang));
                    widgets::right_aligned(ui, sub, false);
                    ui.end_row();
                }
            });
        if let Some(i) = fill_from
            && let Some(src) = inputs.months.get(i).cloned()
        {
            for m in inputs.months.iter_mut().skip(i + 1) {
                *m = src.clone();
            }
        }
    }
}

/// Converts the entered doses when the unit changes, so the plan stays the same.
fn convert_unit(inputs: &mut PlanInputs, last: Option<&PlanOutput>) {
    let Some(out) = last else {
        return;
    };
    let weight = inputs.weight_kg;
    for (m, d) in inputs.months.iter_mut().zip(&out.doses) {
        let Ok(d) = d else {
            continue;
        };
        match inputs.unit {
            DoseUnit::MgPerKgPerDay => m.mg_per_kg = per_kg(d.mean_mg(), weight),
            DoseUnit::MgPerDay => m.text = d.to_string(),
        }
    }
}

fn summary_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    sheet: &LoadedSheet,
    inputs: &PlanInputs,
    output: &PlanOutput,
) {
    let priced = match &output.priced {
        Ok(p) => p,
        Err(e) => {
            let text = if e.starts_with("app-") {
                lang.tr(e)
            } else {
                e.clone()
            };
            widgets::error_text(ui, &text);
            return;
        }
    };
    let est = priced.shown();
    let na = lang.tr("app-not-known");
    // The figures wrap within the window (at 1024 px a long date would push the column off
    // the screen).
    let figure_width = (visible_width(ui) - 190.0).max(160.0);
    egui::Grid::new("plan_summary")
        .num_columns(2)
        .spacing([16.0, 6.0])
        .max_col_width(figure_width)
        .show(ui, |ui| {
            let big =
                |s: String| egui::Label::new(egui::RichText::new(s).size(20.0).strong()).wrap();
            ui.label(lang.tr("app-cumulative"));
            let cumulative = est.cumulative_mg_per_kg.map_or(na.clone(), |v| {
                lang.tr_args(
                    "app-cumulative-value",
                    &[
                        ("mgkg", Arg::Str(safety::fmt_mgkg(v))),
                        (
                            "mg",
                            Arg::Str(crate::money::group_digits(est.cumulative_mg)),
                        ),
                    ],
                )
            });
            ui.add(big(cumulative));
            ui.end_row();

            ui.label(lang.tr_args(
                "app-target-reached",
                &[(
                    "target",
                    Arg::Str(safety::fmt_mgkg(inputs.target_mg_per_kg())),
                )],
            ));
            let reached = match &est.target_reached {
                Some(t) => {
                    let mut args = vec![
                        ("month", Arg::Num(f64::from(t.month))),
                        ("day", Arg::Num(f64::from(t.day))),
                    ];
                    match t.date {
                        Some(d) => {
                            args.push(("date", Arg::Str(lang.format_date(d))));
                            lang.tr_args("app-target-reached-date", &args)
                        }
                        None => lang.tr_args("app-target-reached-value", &args),
                    }
                }
                None => lang.tr("app-target-not-reached"),
            };
            ui.add(big(reached));
            ui.end_row();

            ui.label(lang.tr("app-end-date"));
            ui.add(big(est
                .dates
                .as_ref()
                .map_or(na.clone(), |d| lang.format_date(d.last_dose))));
            ui.end_row();

            ui.label(lang.tr("app-plan-cost"));
            ui.add(big(widgets::money_text(
                &sheet.sheet.currency,
                lang,
                Some(priced.total()),
            )
            .unwrap_or(na)));
            ui.end_row();
        });
    if priced.estimate().is_none() {
        ui.label(lang.tr("app-range-note"));
    }
    widgets::quote_notes(ui, lang, priced);
    ui.add_space(8.0);
    screening_ui::warnings_ui(ui, lang, &est.warnings);
    ui.add_space(8.0);
    screening_ui::dates_ui(ui, lang, priced);
}

/// The chart's colours and line styles: the target, the 120–150 band and the 220 line
/// differ in pattern and carry their names on the chart, not only in colour.
const CHART_LINE: egui::Color32 = egui::Color32::from_rgb(30, 110, 200);
const CHART_TARGET: egui::Color32 = egui::Color32::from_rgb(90, 90, 200);
const CHART_MAX: egui::Color32 = egui::Color32::from_rgb(200, 60, 60);
/// The band: (60, 170, 90) at alpha 70, premultiplied.
const CHART_BAND: egui::Color32 = egui::Color32::from_rgba_premultiplied(16, 47, 25, 70);

fn chart_ui(ui: &mut egui::Ui, lang: Lang, inputs: &PlanInputs, output: &PlanOutput) {
    use egui_plot::{
        AxisHints, FilledArea, GridMark, HLine, Line, LineStyle, Plot, PlotPoint, PlotPoints, Text,
    };
    ui.label(egui::RichText::new(lang.tr("app-chart")).strong());
    let points = output.points.clone();
    let target = inputs.target_mg_per_kg();
    let target_name = format!(
        "{} {} mg/kg",
        lang.tr("app-chart-target"),
        safety::fmt_mgkg(target)
    );
    // The legend sits above the plot, off the lines: a sample of each line and its name.
    chart_legend(ui, lang, &target_name);
    let month = f64::from(crate::estimate::DAYS_PER_MONTH);
    let end = points.last().map_or(6.0 * month, |p| p[0]).max(month);
    // A tick and a label at the end of every month, at every width.
    let x_axis = AxisHints::new_x()
        .label(lang.tr("app-chart-months"))
        .formatter(move |mark: GridMark, _| {
            let m = mark.value / month;
            if (m - m.round()).abs() < 1e-6 {
                format!("{}", m.round())
            } else {
                String::new()
            }
        })
        .label_spacing(10.0..=14.0);
    Plot::new("cumulative_chart")
        .height(260.0)
        .width(visible_width(ui).max(300.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_x(0.0)
        .include_x(end)
        .include_y(0.0)
        .include_y(safety::CUMULATIVE_MAX + 20.0)
        .custom_x_axes(vec![x_axis])
        .x_grid_spacer(move |input| {
            let (lo, hi) = input.bounds;
            let first = (lo / month).ceil().max(0.0) as i64;
            let last = (hi / month).floor() as i64;
            (first..=last)
                .map(|m| GridMark {
                    value: m as f64 * month,
                    step_size: month,
                })
                .collect()
        })
        .y_axis_label("mg/kg")
        .show(ui, |plot| {
            plot.add(
                FilledArea::new(
                    lang.tr("app-chart-band"),
                    &[0.0, end],
                    &[safety::CUMULATIVE_LOW, safety::CUMULATIVE_LOW],
                    &[safety::CUMULATIVE_HIGH, safety::CUMULATIVE_HIGH],
                )
                .fill_color(CHART_BAND)
                .allow_hover(false),
            );
            plot.hline(
                HLine::new(lang.tr("app-chart-max"), safety::CUMULATIVE_MAX)
                    .color(CHART_MAX)
                    .width(2.0)
                    .style(LineStyle::dotted_dense()),
            );
            plot.hline(
                HLine::new(target_name.clone(), target)
                    .color(CHART_TARGET)
                    .width(1.5)
                    .style(LineStyle::dashed_loose()),
            );
            plot.line(
                Line::new(lang.tr("app-cumulative"), PlotPoints::from(points))
                    .width(2.5)
                    .color(CHART_LINE),
            );
            // Names on the chart itself, at the left, just above each line.
            let at = |y: f64| PlotPoint::new(end * 0.01, y);
            let label = |text: String, color: egui::Color32| {
                egui::RichText::new(text).color(color).size(12.0)
            };
            plot.add(
                Text::new(
                    "max-label",
                    at(safety::CUMULATIVE_MAX + 4.0),
                    label(lang.tr("app-chart-max"), CHART_MAX),
                )
                .anchor(egui::Align2::LEFT_BOTTOM)
                .allow_hover(false),
            );
            plot.add(
                Text::new(
                    "band-label",
                    at((safety::CUMULATIVE_LOW + safety::CUMULATIVE_HIGH) / 2.0),
                    label(lang.tr("app-chart-band"), ui_band_ink()),
                )
                .anchor(egui::Align2::LEFT_CENTER)
                .allow_hover(false),
            );
            // The target line's own name, at the left where the course starts low (off the
            // dose line): under a target below the band's middle, over one above it, so it
            // never sits on the band's name. The 220 line is named already.
            if target != safety::CUMULATIVE_MAX {
                let middle = (safety::CUMULATIVE_LOW + safety::CUMULATIVE_HIGH) / 2.0;
                let (y, anchor) = if target < middle {
                    (target - 3.0, egui::Align2::LEFT_TOP)
                } else {
                    (target + 3.0, egui::Align2::LEFT_BOTTOM)
                };
                plot.add(
                    Text::new(
                        "target-label",
                        at(y),
                        label(target_name.clone(), CHART_TARGET),
                    )
                    .anchor(anchor)
                    .allow_hover(false),
                );
            }
        });
}

/// The width from the cursor to the window's visible right edge (never wider than the space
/// left), so a wide row above cannot push a chart or a figure off the screen.
fn visible_width(ui: &egui::Ui) -> f32 {
    (ui.clip_rect().right() - ui.cursor().min.x - 8.0).min(ui.available_width())
}

/// The band's name colour: darker than its fill, readable on the plot background.
fn ui_band_ink() -> egui::Color32 {
    egui::Color32::from_rgb(40, 120, 60)
}

/// The chart's legend, outside the plot: each line drawn in its own style, then its name.
fn chart_legend(ui: &mut egui::Ui, lang: Lang, target_name: &str) {
    ui.horizontal_wrapped(|ui| {
        let sample = |ui: &mut egui::Ui, kind: u8, color: egui::Color32, name: &str| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(28.0, 12.0), egui::Sense::hover());
            let p = ui.painter();
            let (l, r, y) = (rect.left(), rect.right(), rect.center().y);
            match kind {
                // Solid.
                0 => {
                    p.line_segment([egui::pos2(l, y), egui::pos2(r, y)], (2.5, color));
                }
                // Dashed.
                1 => {
                    let mut x = l;
                    while x < r {
                        p.line_segment(
                            [egui::pos2(x, y), egui::pos2((x + 6.0).min(r), y)],
                            (1.5, color),
                        );
                        x += 10.0;
                    }
                }
                // Dotted.
                2 => {
                    let mut x = l + 1.0;
                    while x < r {
                        p.circle_filled(egui::pos2(x, y), 1.4, color);
                        x += 4.0;
                    }
                }
                // A filled band.
                _ => {
                    p.rect_filled(rect.shrink2(egui::vec2(0.0, 1.0)), 2.0, color);
                }
            }
            ui.label(name);
            ui.add_space(10.0);
        };
        sample(ui, 0, CHART_LINE, &lang.tr("app-cumulative"));
        sample(ui, 1, CHART_TARGET, target_name);
        sample(ui, 3, CHART_BAND, &lang.tr("app-chart-band"));
        sample(ui, 2, CHART_MAX, &lang.tr("app-chart-max"));
    });
}
