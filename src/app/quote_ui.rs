//! The quote screen for reception: sex, visit, daily dose, months → big totals and the
//! month table. Draws only; the numbers are the core's.

use crate::dose::{Dose, makeable_doses};
use crate::estimate::{CourseRequest, Sex, Visit};
use crate::i18n::{Arg, Lang};
use eframe::egui;

use super::LoadedSheet;
use super::ViewCtx;
use super::choices_ui::{self, ChoiceInputs};
use super::widgets::{self, Cached, Priced};

/// The one-click doses (mg/day).
pub const COMMON_DOSES: [u32; 6] = [10, 20, 30, 40, 60, 80];

/// What reception types in.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteInputs {
    /// Sex, or `None` for the man–woman range.
    pub sex: Option<Sex>,
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
            sex: None,
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
    result: Cached<QuoteInputs, Result<Priced, String>>,
    makeable: Cached<(), String>,
}

/// The request the inputs make on `sheet` (a woman's when sex is not given), with only the
/// choices that sheet offers.
pub fn request(
    inputs: &QuoteInputs,
    sheet: &crate::pricing::PriceSheet,
) -> Result<CourseRequest, crate::dose::DoseError> {
    let dose = Dose::parse(&inputs.dose)?;
    let sex = inputs.sex.unwrap_or(Sex::Female);
    let mut req = CourseRequest::constant(sex, dose, inputs.months);
    req.visit = inputs.visit;
    req.visit_every = inputs.visit_every;
    req.choices = inputs.choices.choices(sheet, inputs.months, inputs.visit);
    Ok(req)
}

fn compute(
    sheet: &LoadedSheet,
    inputs: &QuoteInputs,
    lang: Lang,
    today: jiff::civil::Date,
) -> Result<Priced, String> {
    let req = request(inputs, &sheet.sheet).map_err(|e| e.explain(lang))?;
    match inputs.sex {
        Some(_) => Priced::compute(&sheet.sheet, &req, today),
        None => Priced::compute_range(&sheet.sheet, &req, today),
    }
    .map_err(|e| e.explain(lang))
}

impl QuoteScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let (lang, sheet, today) = (ctx.lang, ctx.sheet, ctx.today);
        let inputs = &mut self.inputs;
        // Choices made on another sheet that this one does not offer are dropped.
        inputs.choices.fit(&sheet.sheet);
        ui.add_space(6.0);
        widgets::sex_picker(ui, lang, &mut inputs.sex);
        widgets::visit_picker(ui, lang, &mut inputs.visit);
        ui.add_space(4.0);

        let makeable = self.makeable.get(&(), (sheet.generation, lang), |_| {
            let list: Vec<String> = makeable_doses(&sheet.sheet.capsules)
                .iter()
                .take(16)
                .map(u32::to_string)
                .collect();
            format!("{}, …", list.join(", "))
        });
        ui.horizontal(|ui| {
            // As tall as the buttons, so the caption sits on their centre line.
            ui.set_min_height(30.0);
            ui.label(lang.tr("app-dose"));
            let current = Dose::parse(&inputs.dose).ok();
            for mg in COMMON_DOSES {
                let text = lang.tr_args("app-mg", &[("mg", Arg::Num(f64::from(mg)))]);
                let selected = current == Some(Dose::daily(mg));
                let button =
                    egui::Button::selectable(selected, egui::RichText::new(text).size(17.0))
                        .min_size(egui::vec2(64.0, 30.0));
                if ui.add(button).clicked() {
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
            let label = ui.label(lang.tr("app-months"));
            ui.add(
                egui::DragValue::new(&mut inputs.months)
                    .range(1..=crate::estimate::MAX_MONTHS)
                    .speed(0.05),
            )
            .labelled_by(label.id);
        });
        // Only where the clinic gives 2 months of medication per visit.
        if sheet.sheet.max_months_per_visit >= 2 {
            ui.horizontal(|ui| {
                ui.label(lang.tr("app-visit-every"));
                ui.radio_value(&mut inputs.visit_every, 1, lang.tr("app-visit-every-1"));
                ui.radio_value(&mut inputs.visit_every, 2, lang.tr("app-visit-every-2"));
            });
        } else {
            inputs.visit_every = 1;
        }
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

        let result = self
            .result
            .get(&self.inputs, (sheet.generation, lang), |i| {
                compute(sheet, i, lang, today)
            });
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
        ui.horizontal_wrapped(|ui| {
            widgets::big_total(ui, &lang.tr("app-total-first"), &first);
            widgets::big_total(ui, &lang.tr("app-total-return"), &ret);
            widgets::big_total(
                ui,
                &lang.tr_args(
                    "app-total-course",
                    &[("months", Arg::Num(f64::from(priced.shown().month_count())))],
                ),
                &total,
            );
        });
        if priced.estimate().is_none() {
            ui.label(lang.tr("app-range-note"));
        }
        widgets::quote_notes(ui, lang, priced);
        ui.add_space(10.0);
        if priced.estimate().is_none() {
            ui.label(lang.tr_args("app-table-for", &[("sex", Arg::Str(lang.tr("sex-female")))]));
        }
        widgets::month_table(ui, lang, priced);
    }
}
