//! The quote screen for reception: sex, visit, daily dose, months → big totals and the
//! month table. Draws only; the numbers are the core's.

use crate::dose::{Dose, makeable_doses};
use crate::estimate::{CourseRequest, Sex, Visit};
use crate::i18n::{Arg, Lang};
use eframe::egui;

use super::LoadedSheet;
use super::ViewCtx;
use super::choices_ui::{self, ChoiceInputs};
use super::keys;
use super::month_table_ui;
use super::patient::Patient;
use super::widgets::{self, Cached, Priced};

/// The one-click doses (mg/day).
pub const COMMON_DOSES: [u32; 6] = [10, 20, 30, 40, 60, 80];

/// What reception types in.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteInputs {
    /// First or return visit.
    pub visit: Visit,
    /// The daily dose as typed (`40`, `10/20`).
    pub dose: String,
    /// Number of months.
    pub months: u32,
    /// A visit every month (1), or every 2 months for a patient who lives far away (2).
    pub visit_every: u32,
    /// The product, the kind of later visits and the discounts chosen from the sheet.
    pub choices: ChoiceInputs,
}

impl Default for QuoteInputs {
    fn default() -> Self {
        QuoteInputs {
            visit: Visit::First,
            dose: "20".into(),
            months: 6,
            visit_every: 1,
            choices: ChoiceInputs::default(),
        }
    }
}

/// The quote screen: its inputs and the estimate computed from them.
#[derive(Default)]
pub struct QuoteScreen {
    /// The inputs (not persisted).
    pub inputs: QuoteInputs,
    /// The folder a PDF or quote was last written to in this session (not persisted): the
    /// next Export / Save starts there instead of the documents folder.
    pub save_folder: Option<std::path::PathBuf>,
    /// Keyed by the inputs and the shared patient's sex.
    result: Cached<(QuoteInputs, Option<Sex>), Result<Priced, String>>,
    makeable: Cached<(), String>,
}

/// The request the inputs make on `sheet` for the patient's `sex` (a woman's when sex is not
/// given), with only the choices that sheet offers.
pub fn request(
    inputs: &QuoteInputs,
    sex: Option<Sex>,
    sheet: &crate::pricing::PriceSheet,
) -> Result<CourseRequest, crate::dose::DoseError> {
    let dose = Dose::parse(&inputs.dose)?;
    let sex = sex.unwrap_or(Sex::Female);
    let mut req = CourseRequest::constant(sex, dose, inputs.months);
    req.visit = inputs.visit;
    req.visit_every = inputs.visit_every;
    req.choices = inputs.choices.choices(sheet, inputs.months, inputs.visit);
    Ok(req)
}

fn compute(
    sheet: &LoadedSheet,
    (inputs, sex): &(QuoteInputs, Option<Sex>),
    lang: Lang,
    today: jiff::civil::Date,
) -> Result<Priced, String> {
    let req = request(inputs, *sex, &sheet.sheet).map_err(|e| e.explain(lang))?;
    match sex {
        Some(_) => Priced::compute(&sheet.sheet, &req, today),
        None => Priced::compute_range(&sheet.sheet, &req, today),
    }
    .map_err(|e| e.explain(lang))
}

impl QuoteScreen {
    /// Draws the screen; the sex is the shared patient's.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, patient: &mut Patient) {
        let (lang, sheet, today) = (ctx.lang, ctx.sheet, ctx.today);
        let inputs = &mut self.inputs;
        // Choices made on another sheet that this one does not offer are dropped.
        inputs.choices.fit(&sheet.sheet);
        ui.add_space(6.0);
        // Each choice shows its key (keys.rs: F, M, N, V, R, the dose digits, + and −).
        widgets::sex_and_visit_keyed(ui, lang, &mut patient.sex, &mut inputs.visit);
        ui.add_space(4.0);

        let makeable = self.makeable.get(&(), (sheet.generation, lang), |_| {
            let list: Vec<String> = makeable_doses(&sheet.sheet.capsules)
                .iter()
                .take(16)
                .map(u32::to_string)
                .collect();
            format!("{}, …", list.join(", "))
        });
        ui.horizontal_wrapped(|ui| {
            // As tall as the buttons, so the caption sits on their centre line.
            ui.set_min_height(30.0);
            ui.label(lang.tr("app-dose"));
            let current = Dose::parse(&inputs.dose).ok();
            for mg in COMMON_DOSES {
                let text = lang.tr_args("app-mg", &[("mg", Arg::Num(f64::from(mg)))]);
                let selected = current == Some(Dose::daily(mg));
                let key = keys::dose_key(mg).map(keys::key_text).unwrap_or_default();
                let button = egui::Button::selectable(
                    selected,
                    (
                        egui::RichText::new(&text).size(17.0),
                        widgets::key_cap(ui, key),
                    ),
                )
                .min_size(egui::vec2(64.0, 30.0));
                if keys::announce(ui.add(button), &text, key).clicked() {
                    inputs.dose = mg.to_string();
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.tr("app-dose-custom"));
            ui.add(egui::TextEdit::singleline(&mut inputs.dose).desired_width(90.0))
                .labelled_by(label.id)
                .on_hover_text(
                    lang.tr_args("app-dose-makeable", &[("list", Arg::Str(makeable.clone()))]),
                );
            ui.add_space(16.0);
            // The months' caption, field and keys stay together on one line.
            if ui.available_rect_before_wrap().width() < 150.0 {
                ui.end_row();
            }
            let label = ui.label(lang.tr("app-months"));
            ui.add(
                egui::DragValue::new(&mut inputs.months)
                    .range(1..=crate::estimate::MAX_MONTHS)
                    .speed(0.05),
            )
            .labelled_by(label.id);
            let more = keys::key_text(keys::MONTHS_MORE[0]);
            let less = keys::key_text(keys::MONTHS_LESS);
            ui.label(widgets::key_cap(ui, &format!("{more} {less}")));
            // Only where the clinic gives 2 months of medication per visit.
            if sheet.sheet.max_months_per_visit >= 2 {
                ui.add_space(12.0);
                ui.separator();
                ui.add_space(4.0);
                ui.label(lang.tr("app-visit-every"));
                ui.radio_value(&mut inputs.visit_every, 1, lang.tr("app-visit-every-1"));
                ui.radio_value(&mut inputs.visit_every, 2, lang.tr("app-visit-every-2"));
            } else {
                inputs.visit_every = 1;
            }
        });
        choices_ui::product_row(ui, lang, &sheet.sheet, &mut inputs.choices.product);
        choices_ui::later_visits_row(ui, lang, &sheet.sheet, &mut inputs.choices);
        choices_ui::discounts_row(
            ui,
            lang,
            &sheet.sheet,
            &mut inputs.choices.discounts,
            inputs.months,
            false,
        );
        ui.add_space(8.0);

        let result = self.result.get(
            &(self.inputs.clone(), patient.sex),
            (sheet.generation, lang),
            |i| compute(sheet, i, lang, today),
        );
        let priced: &Priced = match result {
            Ok(p) => p,
            Err(e) => {
                widgets::error_text(ui, e);
                return;
            }
        };
        let s = &sheet.sheet;
        let cur = &s.currency;
        let na = lang.tr("app-not-known");
        let first = widgets::money_text(cur, lang, Some(priced.first_month()))
            .unwrap_or_else(|| na.clone());
        let ret =
            widgets::money_text(cur, lang, priced.later_months()).unwrap_or_else(|| na.clone());
        let total =
            widgets::money_text(cur, lang, Some(priced.total())).unwrap_or_else(|| na.clone());
        widgets::total_boxes(
            ui,
            &[
                (lang.tr("app-total-first"), first),
                (lang.tr("app-total-return"), ret),
                (
                    lang.tr_args(
                        "app-total-course",
                        &[("months", Arg::Num(f64::from(priced.shown().month_count())))],
                    ),
                    total,
                ),
            ],
        );
        if priced.estimate().is_none() {
            ui.label(lang.tr("app-range-note"));
        }
        widgets::quote_notes(ui, lang, priced);
        ui.add_space(8.0);
        if priced.estimate().is_none() {
            ui.label(lang.tr_args("app-table-for", &[("sex", Arg::Str(lang.tr("sex-female")))]));
        }
        // The rest of the screen: the months scroll under the table's header.
        month_table_ui::month_table(ui, lang, priced, month_table_ui::Rows::FillRest);
    }
}
