//! Saved quotes and crash recovery on screen: the save / open buttons and the recent-quotes
//! menu, the notice shown after opening a saved quote (prices changed → Re-price), the offer
//! to restore the last session's plan, and putting a saved request back into the screens'
//! inputs. Draws and queues [`Command`]s; never touches a file.

use eframe::egui;

use super::widgets::{Tone, strip};
use std::path::PathBuf;

use crate::dose::per_kg;
use crate::files::Recovery;
use crate::i18n::{Arg, Lang};
use crate::safety;
use crate::saved::Reopened;

use super::choices_ui::ChoiceInputs;
use super::patient::{AgeInput, Patient};
use super::plan_ui::{DoseUnit, MonthInput, TargetChoice};
use super::{Command, LoadedSheet, PlanScreen, QuoteScreen, Screen};

/// Most recent quotes kept in the menu.
pub const MAX_RECENT: usize = 8;

/// Where frozen prices came from: a saved quote file and the day it was saved.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedPrices {
    /// The saved quote's file name.
    pub file: String,
    /// The day the quote was saved.
    pub date: jiff::civil::Date,
}

/// How today's prices compare with an opened quote's.
#[derive(Debug, Clone, PartialEq)]
pub enum PriceNotice {
    /// Today's sheet gives the same total.
    Same,
    /// Today's sheet gives another total (both formatted).
    Changed {
        /// The total at the saved prices.
        then: String,
        /// The total at today's prices.
        now: String,
    },
    /// Today's sheet cannot price this quote, and why.
    CannotReprice(String),
}

/// A saved quote that is open, shown at its frozen prices.
#[derive(Debug, Clone)]
pub struct OpenedQuote {
    /// How today's prices compare.
    pub notice: PriceNotice,
    /// Today's sheet, ready for Re-price; `None` when it cannot price the quote.
    pub today: Option<Box<LoadedSheet>>,
}

/// A plan left by a session that ended without closing (a crash), offered back at start.
#[derive(Debug)]
pub struct RecoveryOffer {
    /// What can be done with it.
    pub plan: OfferedPlan,
    /// Its file, locked by this app while it is offered.
    pub(super) source: Recovery,
}

impl RecoveryOffer {
    /// The recovery file offered.
    pub fn path(&self) -> &std::path::Path {
        self.source.path()
    }
}

/// The plan in a recovery file offered back.
#[derive(Debug, Clone)]
pub enum OfferedPlan {
    /// It can be restored.
    Ready(Box<Reopened>),
    /// It cannot be read back, and why.
    Damaged(String),
    /// The app stopped while restoring it last time: it is not offered for restoring again.
    StoppedTheApp,
}

/// The save / open buttons and the recent-quotes menu.
pub fn file_buttons(ui: &mut egui::Ui, lang: Lang, recent: &[PathBuf]) -> Option<Command> {
    let mut command = None;
    // Save shows its shortcut (Ctrl+S, keys.rs), as Export shows Ctrl+E.
    let name = lang.tr("app-saved-save");
    let shortcut = ui.ctx().format_shortcut(&super::keys::SAVE_QUOTE);
    let save = egui::Button::new(egui::RichText::new(&name))
        .shortcut_text(egui::RichText::new(&shortcut).size(11.0));
    if super::keys::announce(ui.add(save), &name, &shortcut).clicked() {
        command = Some(Command::SaveQuoteDialog);
    }
    if ui.button(lang.tr("app-saved-open")).clicked() {
        command = Some(Command::OpenQuoteDialog);
    }
    ui.menu_button(lang.tr("app-saved-recent"), |ui| {
        if recent.is_empty() {
            ui.label(lang.tr("app-saved-recent-empty"));
        }
        for path in recent {
            let name = file_name(path);
            let button = ui
                .button(&name)
                .on_hover_text(path.display().to_string())
                .accessible_name(
                    lang.tr_args("app-saved-recent-item", &[("file", Arg::Str(name))]),
                );
            if button.clicked() {
                command = Some(Command::OpenQuote(path.clone()));
                ui.close();
            }
        }
    });
    command
}

/// The notice under the top bar while a saved quote is shown at its frozen prices.
pub fn notice_ui(ui: &mut egui::Ui, lang: Lang, opened: &OpenedQuote) -> Option<Command> {
    let mut command = None;
    let text = match &opened.notice {
        PriceNotice::Same => lang.tr("app-saved-same"),
        PriceNotice::Changed { then, now } => lang.tr_args(
            "app-saved-changed",
            &[
                ("then", Arg::Str(then.clone())),
                ("now", Arg::Str(now.clone())),
            ],
        ),
        PriceNotice::CannotReprice(reason) => lang.tr_args(
            "app-saved-cannot-reprice",
            &[("reason", Arg::Str(reason.clone()))],
        ),
    };
    let changed = matches!(opened.notice, PriceNotice::Changed { .. });
    let tone = if changed { Tone::Warning } else { Tone::Info };
    strip(ui, tone, |ui| {
        if opened.today.is_some() {
            let label = if changed {
                lang.tr("app-saved-reprice")
            } else {
                lang.tr("app-saved-use-today")
            };
            let button = egui::Button::new(egui::RichText::new(label).strong());
            if ui.add(button).clicked() {
                command = Some(Command::Reprice);
            }
        }
        let text = egui::RichText::new(text).color(tone.ink());
        ui.add(egui::Label::new(if changed { text.strong() } else { text }).wrap());
    });
    command
}

/// The offers to restore the quotes and plans left by sessions that ended without closing:
/// one strip each, saying what it holds ("Female, 20 mg/day, 6 months, made 24 November
/// 2026") and asking its question, then Restore (when it can be read back) and Discard.
pub fn recovery_ui(ui: &mut egui::Ui, lang: Lang, offers: &[RecoveryOffer]) -> Option<Command> {
    let mut command = None;
    let count = offers.len();
    for (i, offer) in offers.iter().enumerate() {
        // With several offers each button says which one it is for.
        let numbered = |key: &str| {
            let args = [
                ("n", Arg::Num((i + 1) as f64)),
                ("count", Arg::Num(count as f64)),
            ];
            lang.tr_args(key, &args)
        };
        let text = match &offer.plan {
            OfferedPlan::Ready(r) => offer_text(lang, &r.quote, count > 1, &numbered),
            OfferedPlan::Damaged(reason) => lang.tr_args(
                "app-saved-restore-damaged",
                &[("reason", Arg::Str(crate::patient::escape_text(reason)))],
            ),
            OfferedPlan::StoppedTheApp => lang.tr("app-saved-restore-stopped"),
        };
        strip(ui, Tone::Info, |ui| {
            ui.vertical(|ui| {
                // The question first, then its answers.
                ui.add(egui::Label::new(egui::RichText::new(text).color(Tone::Info.ink())).wrap());
                ui.horizontal(|ui| {
                    if matches!(offer.plan, OfferedPlan::Ready(_)) {
                        let mut button =
                            ui.button(egui::RichText::new(lang.tr("app-saved-restore")).strong());
                        if count > 1 {
                            button = button.accessible_name(numbered("app-saved-restore-n"));
                        }
                        if button.clicked() {
                            command = Some(Command::RestoreRecovery(i));
                        }
                    }
                    let mut button = ui.button(lang.tr("app-saved-discard"));
                    if count > 1 {
                        button = button.accessible_name(numbered("app-saved-discard-n"));
                    }
                    if button.clicked() {
                        command = Some(Command::DiscardRecovery(i));
                    }
                });
            });
        });
    }
    command
}

/// The question of a restore offer, naming what it restores: "Restore the quote from the
/// last session? Female, 20 mg/day, 6 months, made 24 November 2026 (Patient: Hanako)". A
/// quote is called a quote (it goes back to the Quote screen), a plan a plan.
fn offer_text(
    lang: Lang,
    saved: &crate::saved::SavedQuote,
    several: bool,
    numbered: &dyn Fn(&str) -> String,
) -> String {
    let is_quote = restores_to(&saved.request) == Screen::Quote;
    let ask = match (is_quote, several) {
        (true, false) => lang.tr("app-saved-restore-ask-quote"),
        (true, true) => numbered("app-saved-restore-ask-n-quote"),
        (false, false) => lang.tr("app-saved-restore-ask"),
        (false, true) => numbered("app-saved-restore-ask-n"),
    };
    let req = &saved.request;
    let sex = if saved.sex_chosen == Some(false) {
        lang.tr("app-sex-unset")
    } else {
        req.sex.name(lang)
    };
    // "20 mg/day" for one dose, "20 → 40 → 60 mg/day" for several, with the weight if given.
    let mut doses: Vec<String> = req.doses.iter().map(ToString::to_string).collect();
    doses.dedup();
    let mut doses = lang.tr_args("app-mg-per-day", &[("mg", Arg::Str(doses.join(" → ")))]);
    if let Some(w) = req.weight_kg {
        doses = format!("{doses} ({w} kg)");
    }
    let summary = lang.tr_args(
        "app-saved-restore-summary",
        &[
            ("sex", Arg::Str(sex)),
            ("doses", Arg::Str(doses)),
            ("months", Arg::Num(req.doses.len() as f64)),
            ("date", Arg::Str(lang.format_date(saved.quote_date))),
        ],
    );
    let mut text = format!("{ask} {summary}");
    if let Some(name) = &saved.patient {
        text = format!(
            "{text} {}",
            lang.tr_args(
                "app-saved-restore-patient",
                &[("name", Arg::Str(name.clone()))]
            )
        );
    }
    text
}

/// The screen a saved request goes back to: the Quote screen when it has no weight and one
/// constant dose (what the Quote screen makes), the Plan screen otherwise.
pub fn restores_to(req: &crate::estimate::CourseRequest) -> Screen {
    let constant = req.doses.windows(2).all(|w| w[0] == w[1]);
    if req.weight_kg.is_none() && constant && !req.doses.is_empty() {
        Screen::Quote
    } else {
        Screen::Plan
    }
}

/// Puts a saved request back into the inputs and returns the screen to show: the quote
/// screen when it has no weight and one constant dose (what the quote screen makes), the
/// plan screen otherwise. The patient is the saved one: their name, sex, weight and age as
/// saved (what was not saved is left empty, never kept from the patient shown before).
pub fn restore_inputs(
    saved: &crate::saved::SavedQuote,
    quote: &mut QuoteScreen,
    plan: &mut PlanScreen,
    patient: &mut Patient,
) -> Screen {
    let req = &saved.request;
    *patient = Patient {
        name: saved.patient.clone().unwrap_or_default(),
        sex: (saved.sex_chosen != Some(false)).then_some(req.sex),
        weight: req.weight_kg.map(Patient::weight_text).unwrap_or_default(),
        age: AgeInput::in_years(req.screening.age),
        ..Patient::default()
    };
    if restores_to(req) == Screen::Quote
        && let Some(dose) = req.doses.first()
    {
        let i = &mut quote.inputs;
        i.visit = req.visit;
        i.dose = dose.to_string();
        i.months = req.doses.len() as u32;
        i.visit_every = req.visit_every;
        i.choices = ChoiceInputs::from_choices(&req.choices);
        return Screen::Quote;
    }
    let i = &mut plan.inputs;
    i.visit = req.visit;
    i.unit = DoseUnit::MgPerDay;
    i.months = req
        .doses
        .iter()
        .map(|d| MonthInput {
            text: d.to_string(),
            // Shown only if the doctor switches to mg/kg/day (then converted again).
            mg_per_kg: req
                .weight_kg
                .map_or(0.0, |w| (per_kg(d.mean_mg(), w) * 100.0).round() / 100.0),
        })
        .collect();
    if let Some(t) = req.target_mg_per_kg {
        i.target = if t == safety::CUMULATIVE_LOW {
            TargetChoice::T120
        } else if t == safety::CUMULATIVE_HIGH {
            TargetChoice::T150
        } else if t == safety::CUMULATIVE_MAX {
            TargetChoice::T220
        } else {
            i.custom_target = t;
            TargetChoice::Custom
        };
    }
    i.start = req.start.map(|d| d.to_string()).unwrap_or_default();
    // The age is the patient's (above); the answers and medicines are the plan's.
    i.screening = crate::screening::Screening {
        age: None,
        ..req.screening.clone()
    };
    i.visit_every = req.visit_every;
    i.choices = ChoiceInputs::from_choices(&req.choices);
    plan.screening = crate::app::screening_ui::ScreeningForm::default();
    Screen::Plan
}

/// A path's file name, or the whole path when it has none.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
