//! The plan screen for the consultation: the patient's sex, weight, target and start date
//! in a row on top; the month table (a dose for each month, in mg/day or mg/kg/day, "same
//! for later months", mg/kg/day, cumulative mg/kg and cost) on the left; the results (the
//! day the target is reached, the last dose, the cost, the warnings) and the chart on the
//! right — all in one window at 1280×688 with no scrolling. The screening, the medicines,
//! the age, the dates after the course and the monitoring are a second tab whose badge
//! counts the findings; their warnings join the results. Suggest fills the month table with
//! the core optimiser's cheapest or soonest plan.
//!
//! It starts empty (no invented patient or plan) and shows what to type; a weight that is
//! empty, 0 or impossible is an error in the user's language, never replaced by another.
//! The patient (sex, weight, age) is the shared [`Patient`]. Draws only; the numbers are
//! the core's.

use crate::dose::{Dose, dose_for_target, per_kg};
use crate::estimate::{CourseRequest, MAX_MONTHS, Sex, Visit};
use crate::i18n::{Arg, Lang};
use crate::optimise::{Goal, Limits, OptimiseError, Optimised, optimise};
use crate::safety::{self, Severity, Warning};
use crate::screening::{Screening, screening_warnings};
use eframe::egui;

use super::LoadedSheet;
use super::choices_ui::{self, ChoiceInputs};
use super::patient::{Patient, WeightError, parse_weight};
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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MonthInput {
    /// mg/day as typed, used in [`DoseUnit::MgPerDay`]; empty until typed.
    pub text: String,
    /// mg/kg/day, used in [`DoseUnit::MgPerKgPerDay`]; 0 until entered.
    pub mg_per_kg: f64,
}

impl MonthInput {
    /// Whether nothing was entered for this month in `unit`.
    fn is_empty(&self, unit: DoseUnit) -> bool {
        match unit {
            DoseUnit::MgPerDay => self.text.trim().is_empty(),
            DoseUnit::MgPerKgPerDay => self.mg_per_kg <= 0.0,
        }
    }
}

/// What the doctor enters for the plan. The patient's sex, weight and age are the shared
/// [`Patient`]'s.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInputs {
    /// First or return visit.
    pub visit: Visit,
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
    /// The screening answers and current medicines (the age is the patient's: see
    /// [`Patient::age`]).
    pub screening: Screening,
    /// A visit every month (1) or every 2 months (2 months of medication per visit).
    pub visit_every: u32,
    /// The product, the visit kinds and the discounts chosen from the sheet.
    pub choices: ChoiceInputs,
}

/// Months a new plan has (their doses empty until typed).
pub const NEW_PLAN_MONTHS: usize = 6;

impl PlanInputs {
    /// An empty plan starting `today`: six months with no dose yet, the 120 mg/kg target.
    fn new(today: jiff::civil::Date) -> PlanInputs {
        PlanInputs {
            visit: Visit::First,
            unit: DoseUnit::MgPerDay,
            months: vec![MonthInput::default(); NEW_PLAN_MONTHS],
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

/// What the plan is computed from: its inputs and what it takes from the shared patient.
#[derive(Debug, Clone, PartialEq)]
struct PlanKey {
    inputs: PlanInputs,
    sex: Option<Sex>,
    /// The weight as typed (read by [`parse_weight`]).
    weight: String,
    /// The age in years today, if given.
    age: Option<u32>,
}

impl PlanKey {
    fn of(inputs: &PlanInputs, patient: &Patient, today: jiff::civil::Date) -> PlanKey {
        PlanKey {
            inputs: inputs.clone(),
            sex: patient.sex,
            weight: patient.weight.clone(),
            age: patient.age_years(today),
        }
    }

    /// The screening answers with the patient's age.
    fn screening(&self) -> Screening {
        Screening {
            age: self.age,
            ..self.inputs.screening.clone()
        }
    }
}

/// What the screen shows, computed from [`PlanInputs`] and the patient.
#[derive(Debug, Clone)]
pub struct PlanOutput {
    /// Each month's dose, or why it is not usable.
    pub doses: Vec<Result<Dose, String>>,
    /// The priced course, or what to enter or correct, in the order of the screen.
    pub priced: Result<Priced, Vec<String>>,
    /// Nothing typed yet (no weight, no dose): a hint, not errors.
    pub empty: bool,
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
    pub(super) fn new(
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

/// The plan screen's two tabs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PlanTab {
    /// The month table, the results and the chart.
    #[default]
    Dose,
    /// The screening, the medicines, the age, the dates after the course, the monitoring.
    Safety,
}

/// The plan screen.
pub struct PlanScreen {
    /// The inputs (not persisted).
    pub inputs: PlanInputs,
    /// Pinned plans, oldest first.
    pub pinned: Vec<PinnedPlan>,
    /// What is being typed in the screening tab (the medicine search).
    pub screening: ScreeningForm,
    /// The tab shown.
    pub tab: PlanTab,
    /// Today, for the age from a date of birth.
    pub today: jiff::civil::Date,
    /// The plan just pinned (its number, its inputs and patient): "Pinned as plan n" shows
    /// beside the Pin button until they change.
    pinned_note: Option<(usize, PlanKey)>,
    /// The month table's width in the last frame (the left column is made that wide).
    table_width: f32,
    /// The widths of the input groups in the last frame (see [`pack_rows`]).
    group_widths: Vec<f32>,
    result: Cached<PlanKey, PlanOutput>,
    /// What Suggest last found (or why it found nothing), shown until the next Suggest.
    suggestion: Option<Result<Suggested, OptimiseError>>,
}

/// A plan Suggest filled in: the goal, the target it was for and what the optimiser found.
struct Suggested {
    goal: Goal,
    target_mg_per_kg: f64,
    found: Optimised,
}

/// Each month's dose (or why it is not usable), and the request the inputs make (or what
/// to enter or correct, every problem in the order of the screen).
type DosesAndRequest = (
    Vec<Result<Dose, String>>,
    Result<CourseRequest, Vec<String>>,
);

/// Each month's dose and the request the inputs make on `sheet` (a woman's when sex is not
/// given), or what to enter or correct first, every problem in the order of the screen.
fn doses_and_request(
    sheet: &crate::pricing::PriceSheet,
    key: &PlanKey,
    lang: Lang,
) -> DosesAndRequest {
    let inputs = &key.inputs;
    let caps = &sheet.capsules;
    let weight = parse_weight(&key.weight);
    let doses: Vec<Result<Dose, String>> = inputs
        .months
        .iter()
        .map(|m| {
            if m.is_empty(inputs.unit) {
                return Err(lang.tr("app-plan-dose-missing"));
            }
            match inputs.unit {
                DoseUnit::MgPerDay => Dose::parse(&m.text).map_err(|e| e.explain(lang)),
                DoseUnit::MgPerKgPerDay => {
                    let w = weight.clone().map_err(|e| e.explain(lang))?;
                    // Over one day, the cumulative target is the daily mg/kg itself.
                    dose_for_target(m.mg_per_kg, w, 1, caps)
                        .map(Dose::daily)
                        .map_err(|e| e.explain(lang))
                }
            }
        })
        .collect();
    let mut problems = Vec::new();
    if let Err(e) = &weight {
        problems.push(e.explain(lang));
    }
    // The first month without a usable dose (in mg/kg/day with no weight, the weight says it).
    let per_kg_waits = inputs.unit == DoseUnit::MgPerKgPerDay && weight.is_err();
    if let Some((i, Err(e))) = doses.iter().enumerate().find(|(_, d)| d.is_err())
        && !per_kg_waits
    {
        let month = lang.tr_args("app-month-n", &[("n", Arg::Num((i + 1) as f64))]);
        problems.push(format!("{month}: {e}"));
    }
    let start = match inputs.start.trim() {
        "" => None,
        s => match s.parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(lang.tr("app-start-invalid"));
                None
            }
        },
    };
    let (Ok(w), true) = (weight, problems.is_empty()) else {
        return (doses, Err(problems));
    };
    let ds: Vec<Dose> = doses
        .iter()
        .filter_map(|d| d.as_ref().ok().copied())
        .collect();
    let req = CourseRequest {
        sex: key.sex.unwrap_or(Sex::Female),
        visit: inputs.visit,
        doses: ds,
        weight_kg: Some(w),
        visit_every: inputs.visit_every,
        start,
        target_mg_per_kg: Some(inputs.target_mg_per_kg()),
        screening: key.screening(),
        choices: inputs
            .choices
            .choices(sheet, inputs.months.len() as u32, inputs.visit),
    };
    (doses, Ok(req))
}

/// The request the plan inputs make for `patient` on `sheet`, computed now (never from a
/// cache): for saving, the recovery file and the PDF. The error is the first thing to enter
/// or correct, in `lang`.
pub fn request(
    inputs: &PlanInputs,
    patient: &Patient,
    sheet: &crate::pricing::PriceSheet,
    lang: Lang,
    today: jiff::civil::Date,
) -> Result<CourseRequest, String> {
    let key = PlanKey::of(inputs, patient, today);
    doses_and_request(sheet, &key, lang)
        .1
        .map_err(|problems| problems.into_iter().next().unwrap_or_default())
}

fn compute(sheet: &LoadedSheet, key: &PlanKey, lang: Lang, today: jiff::civil::Date) -> PlanOutput {
    let (doses, req) = doses_and_request(&sheet.sheet, key, lang);
    let empty = parse_weight(&key.weight) == Err(WeightError::Missing)
        && key
            .inputs
            .months
            .iter()
            .all(|m| m.is_empty(key.inputs.unit));
    let priced = req.as_ref().map_err(Clone::clone).and_then(|req| {
        price(&sheet.sheet, req, key.sex, today).map_err(|e| vec![e.explain(lang)])
    });
    let points = priced
        .as_ref()
        .map(|p| p.shown().cumulative_mg_per_kg_by_day())
        .unwrap_or_default();
    PlanOutput {
        doses,
        priced,
        empty,
        points,
        request: req.ok(),
    }
}

/// The screening's findings for `sex` (the range asks a woman's questions): the core's
/// warnings from the checklist, the age and the medicines.
fn findings(screening: &Screening, sex: Option<Sex>) -> Vec<Warning> {
    screening_warnings(screening, sex.unwrap_or(Sex::Female))
}

/// The groups of the row on top: sex, weight, target, start date, visit, months, how doses
/// are entered, how often the patient comes.
const INPUT_GROUPS: usize = 8;

/// Groups of these `widths` (0: not measured yet) in rows no wider than `width`, in order,
/// `gap` apart: the index ranges of the rows.
fn pack_rows(widths: &[f32], width: f32, gap: f32) -> Vec<std::ops::Range<usize>> {
    let mut rows = Vec::new();
    let (mut start, mut used) = (0, 0.0);
    for (i, w) in widths.iter().enumerate() {
        // Not measured yet: about a group's width, so the first frame is near the final.
        let w = if *w > 0.0 { *w } else { 220.0 };
        if i > start && used + w > width {
            rows.push(start..i);
            (start, used) = (i, 0.0);
        }
        used += w + gap;
    }
    if start < widths.len() {
        rows.push(start..widths.len());
    }
    rows
}

/// The width below which the plan's parts stack in one scrolling column.
const TWO_COLUMNS_FROM: f32 = 860.0;
/// The chart's smallest height.
const CHART_MIN_HEIGHT: f32 = 170.0;

impl PlanScreen {
    /// A new, empty screen (no patient, no doses) starting `today`.
    pub fn new(today: jiff::civil::Date) -> PlanScreen {
        PlanScreen {
            inputs: PlanInputs::new(today),
            pinned: Vec::new(),
            screening: ScreeningForm::default(),
            tab: PlanTab::Dose,
            today,
            pinned_note: None,
            table_width: 520.0,
            group_widths: Vec::new(),
            result: Cached::default(),
            suggestion: None,
        }
    }

    /// Prices the pinned plans again if the sheet (or the language) changed since.
    pub fn reprice_pinned(&mut self, sheet: &LoadedSheet, lang: Lang) {
        for p in &mut self.pinned {
            p.reprice(sheet, lang, self.today);
        }
    }

    /// Draws the screen for the shared `patient` in the space the window gives it: the
    /// inputs row, the tabs, and the tab's parts side by side (each scrolling inside itself
    /// only when it must).
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &super::ViewCtx<'_>, patient: &mut Patient) {
        let (lang, sheet, today) = (ctx.lang, ctx.sheet, self.today);
        // Choices made on another sheet that this one does not offer are dropped.
        self.inputs.choices.fit(&sheet.sheet);
        let generation = (sheet.generation, lang);
        // The window's width: the parts below are laid out in it (a row that overflowed in
        // a frame would otherwise widen the space given to them).
        let width = ui.available_width();
        ui.add_space(4.0);
        self.inputs_ui(ui, (lang, width), sheet, patient);
        ui.add_space(4.0);

        let key = PlanKey::of(&self.inputs, patient, today);
        let found = findings(&key.screening(), patient.sex);
        self.tabs_ui(ui, lang, &found);
        ui.add_space(4.0);

        match self.tab {
            PlanTab::Dose => {
                self.suggest_ui(ui, lang, sheet, patient);
                self.dose_tab(ui, (lang, width), sheet, &key, &found);
            }
            PlanTab::Safety => {
                let output = self
                    .result
                    .get(&key, generation, |k| compute(sheet, k, lang, today));
                safety_tab(
                    ui,
                    (lang, width),
                    sheet,
                    (&mut self.screening, &mut self.inputs.screening),
                    patient,
                    today,
                    (output, &found),
                );
            }
        }
    }

    /// Suggest: "Cheapest plan" and "Soonest plan" fill the month table with the core
    /// optimiser's plan for the patient's weight and sex, the target and the sheet (one undo
    /// step: the inputs change in one frame), then its explanation and the frontier (the
    /// cheapest plan of each course length). Without a weight the buttons are disabled.
    fn suggest_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        sheet: &LoadedSheet,
        patient: &Patient,
    ) {
        let weight = parse_weight(&patient.weight);
        let mut goal = None;
        ui.horizontal(|ui| {
            ui.label(lang.tr("app-suggest"));
            for (g, key) in [
                (Goal::Cheapest, "app-suggest-cheapest"),
                (Goal::Soonest, "app-suggest-soonest"),
            ] {
                let button = ui
                    .add_enabled(weight.is_ok(), egui::Button::new(lang.tr(key)))
                    .on_disabled_hover_text(lang.tr("app-suggest-needs-weight"));
                if button.clicked() {
                    goal = Some(g);
                }
            }
        });
        if let (Some(goal), Ok(w)) = (goal, &weight) {
            let found = self.suggest(&sheet.sheet, patient.sex, *w, goal);
            self.suggestion = Some(found);
        }
        let cur = &sheet.sheet.currency;
        match &self.suggestion {
            None => {}
            Some(Err(e)) => {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(e.explain(lang)).color(ui.visuals().error_fg_color),
                    )
                    .wrap(),
                );
            }
            Some(Ok(s)) => {
                ui.add(
                    egui::Label::new(s.found.explain(s.goal, s.target_mg_per_kg, cur, lang)).wrap(),
                );
                egui::CollapsingHeader::new(lang.tr("app-suggest-frontier"))
                    .id_salt("plan_frontier")
                    .default_open(true)
                    .show(ui, |ui| {
                        egui::Grid::new("plan_frontier_grid")
                            .num_columns(4)
                            .spacing([16.0, 2.0])
                            .striped(true)
                            .show(ui, |ui| {
                                for k in [
                                    "app-months",
                                    "app-suggest-doses",
                                    "app-suggest-total",
                                    "app-suggest-target-day",
                                ] {
                                    ui.label(egui::RichText::new(lang.tr(k)).strong());
                                }
                                ui.end_row();
                                for p in &s.found.frontier {
                                    ui.label(p.months().to_string());
                                    let doses: Vec<String> =
                                        p.doses.iter().map(Dose::to_string).collect();
                                    ui.label(doses.join(" · "));
                                    ui.label(cur.format(p.total, lang));
                                    ui.label(p.target_day.to_string());
                                    ui.end_row();
                                }
                            });
                    });
            }
        }
        ui.add_space(4.0);
    }

    /// Runs the optimiser for `goal` and, when it finds a plan, puts its doses in the month
    /// table (in mg/day).
    fn suggest(
        &mut self,
        sheet: &crate::pricing::PriceSheet,
        sex: Option<Sex>,
        weight_kg: f64,
        goal: Goal,
    ) -> Result<Suggested, OptimiseError> {
        let inputs = &self.inputs;
        let limits = Limits::new(weight_kg, inputs.target_mg_per_kg());
        let base = CourseRequest {
            sex: sex.unwrap_or(Sex::Female),
            visit: inputs.visit,
            doses: Vec::new(),
            weight_kg: Some(weight_kg),
            visit_every: inputs.visit_every,
            start: inputs.start.trim().parse().ok(),
            target_mg_per_kg: Some(limits.target_mg_per_kg),
            screening: inputs.screening.clone(),
            choices: inputs
                .choices
                .choices(sheet, limits.max_months, inputs.visit),
        };
        let found = optimise(sheet, &base, &limits)?;
        self.inputs.unit = DoseUnit::MgPerDay;
        self.inputs.months = found
            .plan(goal)
            .doses
            .iter()
            .map(|d| MonthInput {
                text: d.to_string(),
                mg_per_kg: 0.0,
            })
            .collect();
        Ok(Suggested {
            goal,
            target_mg_per_kg: limits.target_mg_per_kg,
            found,
        })
    }

    /// The tabs: the dose plan, and the screening with a badge counting its findings.
    fn tabs_ui(&mut self, ui: &mut egui::Ui, lang: Lang, found: &[Warning]) {
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.tab,
                PlanTab::Dose,
                egui::RichText::new(lang.tr("app-plan-tab-dose")).size(15.0),
            );
            ui.selectable_value(
                &mut self.tab,
                PlanTab::Safety,
                egui::RichText::new(lang.tr("app-plan-tab-safety")).size(15.0),
            );
            findings_badge(ui, lang, found);
        });
        ui.separator();
    }

    /// The dose tab: the month table on the left, the results and the chart on the right
    /// (one column below [`TWO_COLUMNS_FROM`]).
    fn dose_tab(
        &mut self,
        ui: &mut egui::Ui,
        (lang, width): (Lang, f32),
        sheet: &LoadedSheet,
        key: &PlanKey,
        found: &[Warning],
    ) {
        let today = self.today;
        let generation = (sheet.generation, lang);
        let PlanScreen {
            inputs,
            result,
            pinned,
            pinned_note,
            table_width,
            ..
        } = self;
        let output = result.get(key, generation, |k| compute(sheet, k, lang, today));
        let can_pin = pinned.len() < MAX_PINNED && output.priced.is_ok();
        let note = pinned_note
            .as_ref()
            .filter(|(_, at)| at == key)
            .map(|(n, _)| *n);
        let pin_state = (pinned.len(), can_pin, note);
        let mut pin = false;
        let mut fill_from = None;
        let size = egui::vec2(ui.available_width().min(width), ui.available_height());
        if size.x >= TWO_COLUMNS_FROM {
            // The table as wide as it is (at most 60 %), the rest for the results and chart.
            let left = (*table_width + 16.0).clamp(360.0, size.x * 0.6);
            ui.horizontal_top(|ui| {
                ui.allocate_ui_with_layout(
                    egui::vec2(left, size.y),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| {
                        egui::ScrollArea::both()
                            .id_salt("plan_table_scroll")
                            .auto_shrink([true, true])
                            .max_height(size.y)
                            .show(ui, |ui| {
                                *table_width = months_ui(ui, lang, sheet, inputs, output).map_or(
                                    *table_width,
                                    |(w, f)| {
                                        fill_from = f;
                                        w
                                    },
                                );
                            });
                    },
                );
                ui.separator();
                let right = ui.available_width().min(size.x - left - 12.0);
                ui.allocate_ui_with_layout(
                    egui::vec2(right, size.y),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| {
                        egui::ScrollArea::vertical()
                            .id_salt("plan_results_scroll")
                            .auto_shrink([false, true])
                            .max_height(size.y)
                            .show(ui, |ui| {
                                let top = ui.cursor().min.y;
                                pin = results_ui(ui, lang, sheet, inputs, output, found, pin_state);
                                ui.add_space(6.0);
                                // The chart takes the rest of the column.
                                let fill = ChartHeight::Fill {
                                    top,
                                    height: size.y,
                                };
                                chart_ui(ui, lang, inputs, output, fill);
                            });
                    },
                );
            });
        } else {
            // Narrow: one column, scrolling as a whole.
            egui::ScrollArea::vertical()
                .id_salt("plan_narrow_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if let Some((_, f)) = months_ui(ui, lang, sheet, inputs, output) {
                        fill_from = f;
                    }
                    ui.add_space(8.0);
                    pin = results_ui(ui, lang, sheet, inputs, output, found, pin_state);
                    ui.add_space(6.0);
                    chart_ui(ui, lang, inputs, output, ChartHeight::Fixed(240.0));
                });
        }
        if pin
            && can_pin
            && let Some(request) = output.request.clone()
        {
            let plan = PinnedPlan::new(request, key.sex, sheet, lang, today);
            pinned.push(plan);
            *pinned_note = Some((pinned.len(), key.clone()));
        }
        if let Some(i) = fill_from
            && let Some(src) = inputs.months.get(i).cloned()
        {
            for m in inputs.months.iter_mut().skip(i + 1) {
                *m = src.clone();
            }
        }
    }

    /// Input group `i` of the row on top (see [`INPUT_GROUPS`]).
    fn input_group(
        &mut self,
        i: usize,
        ui: &mut egui::Ui,
        lang: Lang,
        sheet: &LoadedSheet,
        patient: &mut Patient,
    ) {
        let inputs = &mut self.inputs;
        // Room for a picker's whole row, so it never wraps inside its group (its width is
        // measured as it is; the rows make room for it).
        let unwrapped = |ui: &mut egui::Ui, add: &mut dyn FnMut(&mut egui::Ui)| {
            let room = egui::vec2(2000.0, ui.spacing().interact_size.y);
            ui.allocate_ui_with_layout(room, egui::Layout::left_to_right(egui::Align::Center), add);
        };
        match i {
            0 => unwrapped(ui, &mut |ui| {
                widgets::sex_picker(ui, lang, &mut patient.sex)
            }),
            1 => {
                let label = ui.label(egui::RichText::new(lang.tr("app-weight")).strong());
                weight_field(ui, lang, &mut patient.weight, "plan_weight").labelled_by(label.id);
                match patient.weight_kg() {
                    Ok(_) | Err(WeightError::Missing) => {}
                    // The whole message is in the results; here a mark by the field.
                    Err(e) => {
                        ui.label(
                            egui::RichText::new("×")
                                .strong()
                                .color(ui.visuals().error_fg_color),
                        )
                        .on_hover_text(e.explain(lang));
                    }
                }
            }
            2 => {
                ui.label(lang.tr("app-target"));
                for (t, text) in [
                    (TargetChoice::T120, "120".to_string()),
                    (TargetChoice::T150, "150".to_string()),
                    (TargetChoice::T220, "220".to_string()),
                    (TargetChoice::Custom, lang.tr("app-target-custom")),
                ] {
                    ui.radio_value(&mut inputs.target, t, text);
                }
                if inputs.target == TargetChoice::Custom {
                    ui.add(
                        egui::DragValue::new(&mut inputs.custom_target)
                            .range(1.0..=400.0)
                            .speed(0.5)
                            .max_decimals(1)
                            .suffix(" mg/kg"),
                    )
                    .accessible_name(lang.tr("app-target-custom-value"));
                }
            }
            3 => {
                let label = ui.label(lang.tr("app-start"));
                bordered(ui, |ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut inputs.start)
                            .id_salt("plan_start")
                            .desired_width(96.0),
                    )
                })
                .labelled_by(label.id);
            }
            4 => unwrapped(ui, &mut |ui| {
                widgets::visit_picker(ui, lang, &mut inputs.visit)
            }),
            5 => {
                let label = ui.label(lang.tr("app-months"));
                let mut n = inputs.months.len() as u32;
                ui.add(
                    egui::DragValue::new(&mut n)
                        .range(1..=MAX_MONTHS)
                        .speed(0.05),
                )
                .labelled_by(label.id);
                let last = inputs.months.last().cloned().unwrap_or_default();
                inputs.months.resize(n as usize, last);
            }
            6 => {
                ui.label(lang.tr("app-dose-unit"));
                let before = inputs.unit;
                ui.radio_value(&mut inputs.unit, DoseUnit::MgPerDay, lang.tr("app-unit-mg"));
                ui.radio_value(
                    &mut inputs.unit,
                    DoseUnit::MgPerKgPerDay,
                    lang.tr("app-unit-mgkg"),
                );
                if before != inputs.unit {
                    // The doses shown were computed for the inputs before the switch.
                    let mut shown = PlanKey::of(inputs, patient, self.today);
                    shown.inputs.unit = before;
                    let output = self.result.current(&shown, (sheet.generation, lang));
                    convert_unit(inputs, patient.weight_kg().ok(), output);
                }
            }
            // Only where the clinic gives 2 months of medication per visit.
            _ => {
                ui.label(lang.tr("app-visit-every"));
                ui.radio_value(&mut inputs.visit_every, 1, lang.tr("app-visit-every-1"));
                ui.radio_value(&mut inputs.visit_every, 2, lang.tr("app-visit-every-2"));
            }
        }
    }

    /// The row on top: the patient (sex, weight), the visit, the target, the start date, the
    /// months, how doses are entered and how often the patient comes; then the sheet's
    /// choices (product, later visits, discounts) when it offers them.
    fn inputs_ui(
        &mut self,
        ui: &mut egui::Ui,
        (lang, width): (Lang, f32),
        sheet: &LoadedSheet,
        patient: &mut Patient,
    ) {
        // Each caption with its field is one group, and the rows break between groups,
        // never between a caption and what it names (egui's wrapping layout would): two rows
        // at 1280 px, three at 1024. The groups' widths are measured as drawn.
        let gap = 18.0;
        // Between two groups: the gap and the spacing egui puts after each of them.
        let between = gap + 2.0 * ui.spacing().item_spacing.x;
        let groups = if sheet.sheet.max_months_per_visit >= 2 {
            INPUT_GROUPS
        } else {
            self.inputs.visit_every = 1;
            INPUT_GROUPS - 1
        };
        self.group_widths.resize(INPUT_GROUPS, 0.0);
        for row in pack_rows(&self.group_widths[..groups], width - 4.0, between) {
            ui.horizontal(|ui| {
                for i in row {
                    let drawn = ui.scope(|ui| self.input_group(i, ui, lang, sheet, patient));
                    let width = drawn.response.rect.width();
                    if (self.group_widths[i] - width).abs() > 0.5 {
                        // Laid out with another width: draw again with this one.
                        self.group_widths[i] = width;
                        ui.ctx().request_repaint();
                    }
                    ui.add_space(gap);
                }
            });
        }
        let inputs = &mut self.inputs;
        let months = inputs.months.len() as u32;
        choices_ui::product_row(ui, lang, &sheet.sheet, &mut inputs.choices.product);
        choices_ui::later_visits_row(ui, lang, &sheet.sheet, &mut inputs.choices);
        choices_ui::discounts_row(
            ui,
            lang,
            &sheet.sheet,
            &mut inputs.choices.discounts,
            months,
            false,
        );
    }
}

/// The weight field (kg), as typed: the shared patient's weight, read by
/// [`Patient::weight_kg`] and never corrected. Assistive technology may also set it as a
/// number (AccessKit's numeric `SetValue`, as for a spin button).
pub fn weight_field(
    ui: &mut egui::Ui,
    lang: Lang,
    weight: &mut String,
    salt: &str,
) -> egui::Response {
    use egui::accesskit::{Action, ActionData};
    let id = ui.make_persistent_id(salt);
    let set = ui.input(|i| {
        i.accesskit_action_requests(id, Action::SetValue)
            .filter_map(|r| match r.data {
                Some(ActionData::NumericValue(v)) => Some(v),
                _ => None,
            })
            .last()
    });
    if let Some(kg) = set {
        *weight = Patient::weight_text(kg);
    }
    bordered(ui, |ui| {
        ui.add(
            egui::TextEdit::singleline(weight)
                .id(id)
                .desired_width(56.0)
                .hint_text(lang.tr("app-weight-hint")),
        )
    })
}

/// A field drawn with a border, so it shows on the table's striped rows and on the panel.
pub(super) fn bordered(
    ui: &mut egui::Ui,
    add: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> egui::Response {
    ui.scope(|ui| {
        ui.visuals_mut().widgets.inactive.bg_stroke =
            egui::Stroke::new(1.0, egui::Color32::from_gray(190));
        add(ui)
    })
    .inner
}

/// The badge beside the screening tab: how many findings (contraindications, cautions,
/// notes) the screening has, coloured by the most serious; nothing when there are none.
fn findings_badge(ui: &mut egui::Ui, lang: Lang, found: &[Warning]) {
    if found.is_empty() {
        return;
    }
    let worst = found.iter().map(|w| w.severity).max();
    let (fill, ink) = match worst {
        Some(Severity::Danger) => (
            egui::Color32::from_rgb(0xb4, 0x1c, 0x1c),
            egui::Color32::WHITE,
        ),
        Some(Severity::Caution) => (
            egui::Color32::from_rgb(0xf2, 0xc0, 0x4a),
            egui::Color32::from_rgb(0x3d, 0x28, 0x00),
        ),
        _ => (
            egui::Color32::from_rgb(0x1f, 0x5f, 0xae),
            egui::Color32::WHITE,
        ),
    };
    let text = lang.tr_args("app-plan-findings", &[("n", Arg::Num(found.len() as f64))]);
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(8, 2))
        .corner_radius(9)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(text).size(13.0).strong().color(ink));
        });
}

/// The month table: each month's dose (editable, "same for later months"), the dose made
/// (in mg/kg/day), mg/kg/day, cumulative mg/kg, the visit kind where the sheet offers
/// several, and the month's cost, then the course total. Returns the table's width and the
/// month whose "same for later months" was pressed.
fn months_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    sheet: &LoadedSheet,
    inputs: &mut PlanInputs,
    output: &PlanOutput,
) -> Option<(f32, Option<usize>)> {
    let est = output.priced.as_ref().ok().map(Priced::shown);
    let mut fill_from = None;
    // A visit-kind column where the sheet offers telephone or online visits.
    let kinds = !sheet.sheet.visit_kinds.is_empty();
    // The dose made from a mg/kg/day (in mg/day it is what was typed).
    let per_kg = inputs.unit == DoseUnit::MgPerKgPerDay;
    let na = lang.tr("app-not-known");
    let columns = 6 + usize::from(per_kg) + usize::from(kinds);
    let grid = egui::Grid::new("plan_months")
        .striped(true)
        .num_columns(columns)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            let head = |ui: &mut egui::Ui, key: &str| {
                ui.label(egui::RichText::new(lang.tr(key)).strong());
            };
            head(ui, "app-col-month");
            head(
                ui,
                if per_kg {
                    "app-unit-mgkg"
                } else {
                    "app-unit-mg"
                },
            );
            ui.label("");
            if per_kg {
                head(ui, "app-col-dose");
            }
            head(ui, "app-col-mgkg-day");
            head(ui, "app-col-cumulative");
            if kinds {
                head(ui, "app-col-visit");
            }
            money_cell(ui, lang.tr("app-col-subtotal"), true);
            ui.end_row();
            let count = inputs.months.len();
            for (i, m) in inputs.months.iter_mut().enumerate() {
                let n = Arg::Num((i + 1) as f64);
                let month = lang.tr_args("app-month-n", &[("n", n)]);
                let label = ui.label(&month);
                ui.horizontal(|ui| {
                    let field = match inputs.unit {
                        DoseUnit::MgPerDay => bordered(ui, |ui| {
                            ui.add(
                                egui::TextEdit::singleline(&mut m.text)
                                    .desired_width(52.0)
                                    .id_salt(("month_dose", i)),
                            )
                        }),
                        DoseUnit::MgPerKgPerDay => ui.add(
                            egui::DragValue::new(&mut m.mg_per_kg)
                                .range(0.0..=3.0)
                                .speed(0.01)
                                .fixed_decimals(2),
                        ),
                    };
                    field.labelled_by(label.id);
                    // A dose that cannot be used: a mark by the field, the reason on hover
                    // (an empty month is no mistake yet).
                    if let Some(Err(e)) = output.doses.get(i)
                        && !m.is_empty(inputs.unit)
                    {
                        ui.label(egui::RichText::new("×").color(ui.visuals().error_fg_color))
                            .on_hover_text(e);
                    }
                });
                if i + 1 < count {
                    let text = lang.tr("app-fill-down");
                    let pressed = ui
                        .small_button("↓")
                        .on_hover_text(&text)
                        .accessible_name(format!("{month}: {text}"))
                        .clicked();
                    if pressed {
                        fill_from = Some(i);
                    }
                } else {
                    ui.label("");
                }
                let line = est.and_then(|e| e.months.get(i));
                if per_kg {
                    match output.doses.get(i) {
                        Some(Ok(d)) => ui.label(widgets::dose_text(lang, *d)),
                        _ => ui.label(&na),
                    };
                }
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
                let cost = line.map_or(na.clone(), |l| {
                    sheet.sheet.currency.format(l.subtotal, lang)
                });
                money_cell(ui, cost, false);
                ui.end_row();
            }
            // The course total: the core's total (a range when sex is not given).
            if let Ok(priced) = &output.priced {
                ui.label(egui::RichText::new(lang.tr("app-row-total")).strong());
                for _ in 0..(if per_kg { 5 } else { 4 }) {
                    ui.label("");
                }
                if kinds {
                    ui.label("");
                }
                let total = widgets::money_text(&sheet.sheet.currency, lang, Some(priced.total()))
                    .unwrap_or(na.clone());
                money_cell(ui, total, true);
                ui.end_row();
            }
        });
    Some((grid.response.rect.width(), fill_from))
}

/// A money cell of the month table: right-aligned in a column as wide as any amount, the
/// whole width its cell (so the row's stripe reaches it).
fn money_cell(ui: &mut egui::Ui, text: String, strong: bool) {
    let size = egui::vec2(MONEY_WIDTH, ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(
        size,
        egui::Layout::right_to_left(egui::Align::Center),
        |ui| {
            ui.set_min_size(size);
            let t = egui::RichText::new(text);
            ui.label(if strong { t.strong() } else { t });
        },
    );
}

/// The width of the month table's money column (¥203,104 – ¥215,584 fits).
const MONEY_WIDTH: f32 = 96.0;

/// Converts the entered doses when the unit changes, so the plan stays the same (the doses
/// shown are `last`'s; without a weight there is no mg/kg to convert to).
fn convert_unit(inputs: &mut PlanInputs, weight: Option<f64>, last: Option<&PlanOutput>) {
    let Some(out) = last else {
        return;
    };
    for (m, d) in inputs.months.iter_mut().zip(&out.doses) {
        let Ok(d) = d else {
            continue;
        };
        match inputs.unit {
            DoseUnit::MgPerKgPerDay => {
                if let Some(w) = weight {
                    m.mg_per_kg = per_kg(d.mean_mg(), w);
                }
            }
            DoseUnit::MgPerDay => m.text = d.to_string(),
        }
    }
}

/// The results beside the table: what to type first (empty), what to correct, or the day
/// the target is reached, the last dose and the cost in big type, the notes, Pin, and the
/// warnings (the screening's among them). Returns whether Pin was pressed.
fn results_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    sheet: &LoadedSheet,
    inputs: &PlanInputs,
    output: &PlanOutput,
    found: &[Warning],
    (pinned, can_pin, note): (usize, bool, Option<usize>),
) -> bool {
    let priced = match &output.priced {
        Ok(p) => p,
        Err(problems) => {
            if output.empty {
                widgets::strip(ui, widgets::Tone::Info, |ui| {
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(lang.tr("app-plan-hint"))
                                .color(widgets::Tone::Info.ink()),
                        )
                        .wrap(),
                    );
                });
            } else {
                for p in problems {
                    ui.add(
                        egui::Label::new(egui::RichText::new(p).color(ui.visuals().error_fg_color))
                            .wrap(),
                    );
                }
            }
            // The screening's findings show before there is a plan to price.
            if !found.is_empty() {
                ui.add_space(8.0);
                ui.label(egui::RichText::new(lang.tr("app-warnings")).strong());
                screening_ui::warning_list(ui, lang, found);
            }
            return false;
        }
    };
    let est = priced.shown();
    let na = lang.tr("app-not-known");
    let figure_width = (ui.available_width() - 190.0).max(140.0);
    egui::Grid::new("plan_summary")
        .num_columns(2)
        .spacing([16.0, 4.0])
        .max_col_width(figure_width)
        .show(ui, |ui| {
            let big =
                |s: String| egui::Label::new(egui::RichText::new(s).size(19.0).strong()).wrap();
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
            .unwrap_or(na.clone())));
            ui.end_row();

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
            ui.add(egui::Label::new(egui::RichText::new(cumulative).size(15.0)).wrap());
            ui.end_row();
        });
    if priced.estimate().is_none() {
        ui.label(egui::RichText::new(lang.tr("app-range-note")).small());
    }
    widgets::quote_notes(ui, lang, priced);
    let mut pin = false;
    ui.horizontal_wrapped(|ui| {
        let text = lang.tr_args("app-pin", &[("n", Arg::Num(pinned as f64))]);
        pin = ui.add_enabled(can_pin, egui::Button::new(text)).clicked();
        if let Some(n) = note {
            ui.label(
                egui::RichText::new(format!(
                    "✓ {}",
                    lang.tr_args("app-pinned-note", &[("n", Arg::Num(n as f64))])
                ))
                .color(widgets::Tone::Success.ink()),
            );
        }
    });
    ui.add_space(4.0);
    if !est.warnings.is_empty() {
        ui.label(egui::RichText::new(lang.tr("app-warnings")).strong());
        screening_ui::warning_list(ui, lang, &est.warnings);
    } else {
        ui.label(egui::RichText::new(lang.tr("app-no-warnings")).weak());
    }
    pin
}

/// The screening tab: the checklist; the age and the medicines with the findings; the
/// dates after the course and the monitoring — in three columns, or one below
/// [`TWO_COLUMNS_FROM`], each scrolling inside itself when it must.
fn safety_tab(
    ui: &mut egui::Ui,
    (lang, width): (Lang, f32),
    sheet: &LoadedSheet,
    (form, screening): (&mut ScreeningForm, &mut Screening),
    patient: &mut Patient,
    today: jiff::civil::Date,
    (output, found): (&PlanOutput, &[Warning]),
) {
    let sex = patient.sex;
    let checklist = |ui: &mut egui::Ui, form: &mut ScreeningForm, screening: &mut Screening| {
        ui.label(egui::RichText::new(lang.tr("app-safety-screening")).strong());
        form.checklist_ui(ui, lang, sex, screening);
    };
    let person = |ui: &mut egui::Ui,
                  form: &mut ScreeningForm,
                  screening: &mut Screening,
                  patient: &mut Patient| {
        ScreeningForm::age_ui(ui, lang, sex, today, &mut patient.age);
        ui.add_space(10.0);
        form.medicines_ui(ui, lang, screening);
        ui.add_space(10.0);
        ui.label(egui::RichText::new(lang.tr("app-safety-findings")).strong());
        if found.is_empty() {
            ui.label(lang.tr("app-safety-no-findings"));
        } else {
            screening_ui::warning_list(ui, lang, found);
        }
    };
    let after = |ui: &mut egui::Ui| match &output.priced {
        Ok(priced) => {
            screening_ui::dates_ui(ui, lang, priced);
            ui.add_space(10.0);
            ui.label(egui::RichText::new(lang.tr("app-safety-monitoring")).strong());
            screening_ui::monitoring_ui(
                ui,
                lang,
                &sheet.sheet,
                priced.shown(),
                priced.tests_due(),
                priced.protocols(),
                priced.estimate().is_none(),
            );
        }
        Err(_) => {
            ui.label(egui::RichText::new(lang.tr("app-safety-dates")).strong());
            ui.label(lang.tr("app-safety-needs-plan"));
        }
    };
    let size = egui::vec2(ui.available_width().min(width), ui.available_height());
    if size.x < TWO_COLUMNS_FROM {
        egui::ScrollArea::vertical()
            .id_salt("safety_narrow_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                checklist(ui, form, screening);
                ui.add_space(10.0);
                person(ui, form, screening, patient);
                ui.add_space(10.0);
                after(ui);
            });
        return;
    }
    // The checklist, the patient's age and medicines with the findings, and the dates and
    // tests (the widest tables) side by side.
    let share = (size.x - 40.0).max(0.0);
    let widths = [share * 0.34, share * 0.25, share * 0.41];
    ui.horizontal_top(|ui| {
        let part =
            |ui: &mut egui::Ui, (salt, column): (&str, f32), add: &mut dyn FnMut(&mut egui::Ui)| {
                ui.allocate_ui_with_layout(
                    egui::vec2(column, size.y),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| {
                        // A table wider than its column scrolls sideways inside it.
                        egui::ScrollArea::both()
                            .id_salt(salt)
                            .auto_shrink([false, true])
                            .max_height(size.y)
                            .max_width(column)
                            .show(ui, |ui| {
                                ui.set_max_width(column - 12.0);
                                add(ui);
                            });
                    },
                );
            };
        part(ui, ("safety_checklist_scroll", widths[0]), &mut |ui| {
            checklist(ui, form, screening);
        });
        ui.separator();
        part(ui, ("safety_person_scroll", widths[1]), &mut |ui| {
            person(ui, form, screening, patient);
        });
        ui.separator();
        part(ui, ("safety_after_scroll", widths[2]), &mut |ui| after(ui));
    });
}

/// The chart's colours and line styles: the target, the 120–150 band and the 220 line
/// differ in pattern and carry their names on the chart, not only in colour.
const CHART_LINE: egui::Color32 = egui::Color32::from_rgb(30, 110, 200);
const CHART_TARGET: egui::Color32 = egui::Color32::from_rgb(90, 90, 200);
const CHART_MAX: egui::Color32 = egui::Color32::from_rgb(200, 60, 60);
/// The band: (60, 170, 90) at alpha 70, premultiplied.
const CHART_BAND: egui::Color32 = egui::Color32::from_rgba_premultiplied(16, 47, 25, 70);

/// How tall the chart is.
#[derive(Debug, Clone, Copy)]
enum ChartHeight {
    /// This many points.
    Fixed(f32),
    /// The rest of a column `height` tall whose content starts at `top`.
    Fill {
        /// The column's content top (screen y).
        top: f32,
        /// The column's height.
        height: f32,
    },
}

/// The cumulative mg/kg by day, `height` points tall and as wide as the space left, with
/// the target, the 120–150 band and the 220 line (empty until the plan can be priced).
fn chart_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    inputs: &PlanInputs,
    output: &PlanOutput,
    height: ChartHeight,
) {
    use egui_plot::{FilledArea, HLine, Line, LineStyle, Plot, PlotPoint, PlotPoints, Text};
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
    let height = match height {
        ChartHeight::Fixed(h) => h,
        // What the column has left below the legend (measured from the column's top, so
        // the same however far the column is scrolled).
        ChartHeight::Fill { top, height } => {
            (height - (ui.cursor().min.y - top) - 6.0).max(CHART_MIN_HEIGHT)
        }
    };
    let month = f64::from(crate::estimate::DAYS_PER_MONTH);
    let end = points.last().map_or(6.0 * month, |p| p[0]).max(month);
    let chart = Plot::new("cumulative_chart")
        .height(height)
        .width(ui.available_width().max(240.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_x(0.0)
        .include_x(end)
        .include_y(0.0)
        .include_y(safety::CUMULATIVE_MAX + 20.0)
        .custom_x_axes(vec![month_axis(lang)])
        .x_grid_spacer(month_grid)
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
    // Read out as what it is (the plot itself draws no text a screen reader can reach).
    chart.response.accessible_name(lang.tr("app-chart"));
}

/// The band's name colour: darker than its fill, readable on the plot background.
fn ui_band_ink() -> egui::Color32 {
    egui::Color32::from_rgb(40, 120, 60)
}

/// The chart's legend, outside the plot: each line drawn in its own style, then its name.
fn chart_legend(ui: &mut egui::Ui, lang: Lang, target_name: &str) {
    ui.horizontal_wrapped(|ui| {
        legend_entry(
            ui,
            LegendSample::Solid,
            CHART_LINE,
            &lang.tr("app-cumulative"),
        );
        legend_entry(ui, LegendSample::Dashed, CHART_TARGET, target_name);
        legend_entry(
            ui,
            LegendSample::Band,
            CHART_BAND,
            &lang.tr("app-chart-band"),
        );
        legend_entry(
            ui,
            LegendSample::Dotted,
            CHART_MAX,
            &lang.tr("app-chart-max"),
        );
    });
}

/// How a chart legend entry's sample is drawn.
#[derive(Clone, Copy)]
pub(super) enum LegendSample {
    /// A solid line.
    Solid,
    /// A dashed line.
    Dashed,
    /// A dotted line.
    Dotted,
    /// A filled band.
    Band,
}

/// One legend entry above a chart: a sample of the line, then its name, as one widget (a
/// narrow window wraps between entries, never between a sample and its name).
pub(super) fn legend_entry(
    ui: &mut egui::Ui,
    kind: LegendSample,
    color: egui::Color32,
    name: &str,
) {
    let galley = egui::WidgetText::from(name).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    let size = egui::vec2(28.0 + 6.0 + galley.size().x, galley.size().y.max(12.0));
    let (whole, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, name));
    let text_pos = egui::pos2(
        whole.left() + 34.0,
        whole.center().y - galley.size().y / 2.0,
    );
    ui.painter()
        .galley(text_pos, galley, ui.visuals().text_color());
    let rect = egui::Rect::from_center_size(
        egui::pos2(whole.left() + 14.0, whole.center().y),
        egui::vec2(28.0, 12.0),
    );
    let p = ui.painter();
    let (l, r, y) = (rect.left(), rect.right(), rect.center().y);
    match kind {
        LegendSample::Solid => {
            p.line_segment([egui::pos2(l, y), egui::pos2(r, y)], (2.5, color));
        }
        LegendSample::Dashed => {
            let mut x = l;
            while x < r {
                p.line_segment(
                    [egui::pos2(x, y), egui::pos2((x + 6.0).min(r), y)],
                    (1.5, color),
                );
                x += 10.0;
            }
        }
        LegendSample::Dotted => {
            let mut x = l + 1.0;
            while x < r {
                p.circle_filled(egui::pos2(x, y), 1.4, color);
                x += 4.0;
            }
        }
        LegendSample::Band => {
            p.rect_filled(rect.shrink2(egui::vec2(0.0, 1.0)), 2.0, color);
        }
    }
    ui.add_space(10.0);
}

/// The x-axis of a chart drawn in days: the months of the course, a label at the end of
/// every month, at every width (the Plan and the course charts).
pub(super) fn month_axis(lang: Lang) -> egui_plot::AxisHints<'static> {
    let month = f64::from(crate::estimate::DAYS_PER_MONTH);
    egui_plot::AxisHints::new_x()
        .label(lang.tr("app-chart-months"))
        .formatter(move |mark: egui_plot::GridMark, _| {
            let m = mark.value / month;
            if (m - m.round()).abs() < 1e-6 {
                format!("{}", m.round())
            } else {
                String::new()
            }
        })
        .label_spacing(10.0..=14.0)
}

/// A grid line at the end of every month of a chart drawn in days.
pub(super) fn month_grid(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let month = f64::from(crate::estimate::DAYS_PER_MONTH);
    let (lo, hi) = input.bounds;
    let first = (lo / month).ceil().max(0.0) as i64;
    let last = (hi / month).floor() as i64;
    (first..=last)
        .map(|m| egui_plot::GridMark {
            value: m as f64 * month,
            step_size: month,
        })
        .collect()
}
