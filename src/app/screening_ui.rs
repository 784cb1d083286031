//! The clinical-safety parts of the plan screen (domain.md §4–§6): the screening checklist,
//! the patient's age and current medicines, the dates after the course, and the monitoring
//! schedule with its protocol comparison. Draws only: every rule and every figure is the
//! core's ([`crate::screening`], [`crate::safety`], [`crate::monitoring`]).

use crate::estimate::{CourseEstimate, Sex};
use crate::i18n::{Arg, Lang};
use crate::monitoring::{Protocol, ProtocolCost, TestDue};
use crate::pricing::{Fees, PriceSheet};
use crate::safety::{CourseDates, Severity, Warning};
use crate::screening::{
    CheckItem, Consequence, Screening, find_medicines, medicine_name, screening_warnings,
};
use eframe::egui;

use super::patient::{AgeEntry, AgeInput};
use super::widgets::Priced;

/// What the screening form holds besides the answers themselves and the patient's age (the
/// shared patient's): the medicine search being typed.
#[derive(Debug, Clone, Default)]
pub struct ScreeningForm {
    /// The medicine search as typed.
    pub query: String,
}

/// Colours of a consequence badge: (fill, text).
fn badge_colors(c: Consequence) -> (egui::Color32, egui::Color32) {
    match c {
        Consequence::Contraindicated => (
            egui::Color32::from_rgb(0xfd, 0xe2, 0xe1),
            egui::Color32::from_rgb(0x9b, 0x12, 0x12),
        ),
        Consequence::Caution => (
            egui::Color32::from_rgb(0xff, 0xef, 0xcc),
            egui::Color32::from_rgb(0x7a, 0x4a, 0x00),
        ),
        Consequence::GuardianRequired => (
            egui::Color32::from_rgb(0xdc, 0xe8, 0xfb),
            egui::Color32::from_rgb(0x16, 0x3f, 0x86),
        ),
    }
}

fn badge_text(lang: Lang, c: Consequence) -> egui::RichText {
    egui::RichText::new(c.label(lang)).small().strong()
}

/// The width of the widest badge text, so the checklist's badges line up.
fn badge_width(ui: &egui::Ui, lang: Lang) -> f32 {
    [
        Consequence::Contraindicated,
        Consequence::Caution,
        Consequence::GuardianRequired,
    ]
    .into_iter()
    .map(|c| {
        egui::WidgetText::from(badge_text(lang, c))
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Small,
            )
            .size()
            .x
    })
    .fold(0.0, f32::max)
}

/// A small coloured tag naming a consequence, at least `width` wide (text centred).
fn badge(ui: &mut egui::Ui, lang: Lang, c: Consequence, width: f32) {
    let (fill, text) = badge_colors(c);
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .corner_radius(8)
        .show(ui, |ui| {
            let label = egui::Label::new(badge_text(lang, c).color(text)).extend();
            let height = ui.text_style_height(&egui::TextStyle::Small);
            ui.add_sized([width, height], label);
        });
}

impl ScreeningForm {
    /// Draws the checklist and writes the answers into `screening` (which goes into the
    /// course request with the patient's age).
    pub fn checklist_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        sex: Option<Sex>,
        screening: &mut Screening,
    ) {
        // Without a sex the range includes a woman, so her questions are asked too.
        let asked = sex.unwrap_or(Sex::Female);
        screening.checked.retain(|item| item.applies_to(asked));
        if sex.is_none() {
            ui.label(egui::RichText::new(lang.tr("app-safety-women-items")).small());
        }
        let width = badge_width(ui, lang);
        for item in CheckItem::ALL {
            if !item.applies_to(asked) {
                continue;
            }
            // The badge first, so a long question wraps beside it and never squeezes it.
            ui.horizontal_top(|ui| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                badge(ui, lang, item.consequence(), width);
                let mut on = screening.checked.contains(&item);
                if ui.checkbox(&mut on, item.label(lang)).changed() {
                    if on {
                        screening.checked.insert(item);
                    } else {
                        screening.checked.remove(&item);
                    }
                }
            });
        }
    }

    /// The patient's age (the shared patient's), in years or from a date of birth, with the
    /// core's age badges for `sex`.
    pub fn age_ui(
        ui: &mut egui::Ui,
        lang: Lang,
        sex: Option<Sex>,
        today: jiff::civil::Date,
        age_input: &mut AgeInput,
    ) {
        let sex = sex.unwrap_or(Sex::Female);
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(lang.tr("app-safety-age")).strong());
            ui.radio_value(
                &mut age_input.entry,
                AgeEntry::Years,
                lang.tr("app-safety-age-by-years"),
            );
            ui.radio_value(
                &mut age_input.entry,
                AgeEntry::BirthDate,
                lang.tr("app-safety-age-by-birth"),
            );
        });
        let age = age_input.years_on(today);
        ui.horizontal_wrapped(|ui| {
            let (key, text, hint) = match age_input.entry {
                AgeEntry::Years => ("app-safety-age-years", &mut age_input.years, ""),
                AgeEntry::BirthDate => {
                    ("app-safety-birth-date", &mut age_input.birth, "YYYY-MM-DD")
                }
            };
            let label = ui.label(lang.tr(key));
            super::plan_ui::bordered(ui, |ui| {
                ui.add(
                    egui::TextEdit::singleline(text)
                        .hint_text(hint)
                        .desired_width(110.0)
                        .id_salt(("screening_age", key)),
                )
            })
            .labelled_by(label.id);
        });
        match age {
            Err(key) => super::widgets::error_text(ui, &lang.tr(key)),
            Ok(Some(age)) => {
                ui.horizontal_wrapped(|ui| {
                    if age_input.entry == AgeEntry::BirthDate {
                        ui.label(
                            lang.tr_args(
                                "app-safety-age-today",
                                &[("age", Arg::Num(f64::from(age)))],
                            ),
                        );
                    }
                    // The age rules are the core's: badge what its warnings say.
                    let only_age = Screening {
                        age: Some(age),
                        ..Screening::default()
                    };
                    for w in screening_warnings(&only_age, sex) {
                        let c = match w.code {
                            "age_under_18_guardian" => Consequence::GuardianRequired,
                            _ => Consequence::Caution,
                        };
                        badge(ui, lang, c, 0.0);
                    }
                });
            }
            Ok(None) => {}
        }
    }

    /// The current medicines: chips of those taken, and a search to add one.
    pub fn medicines_ui(&mut self, ui: &mut egui::Ui, lang: Lang, screening: &mut Screening) {
        ui.label(egui::RichText::new(lang.tr("app-safety-medicines")).strong());
        let mut remove = None;
        if screening.medicines.is_empty() {
            ui.label(lang.tr("app-safety-no-medicines"));
        }
        ui.horizontal_wrapped(|ui| {
            for (i, name) in screening.medicines.iter().enumerate() {
                egui::Frame::new()
                    .fill(ui.visuals().faint_bg_color)
                    .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
                    .inner_margin(egui::Margin::symmetric(6, 2))
                    .corner_radius(10)
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            // Kept as the generic name; shown in the screen's language.
                            let shown = medicine_name(name, lang);
                            ui.label(&shown);
                            let text = lang.tr_args(
                                "app-safety-remove-medicine",
                                &[("name", Arg::Str(shown))],
                            );
                            if ui
                                .small_button("×")
                                .on_hover_text(&text)
                                .accessible_name(text)
                                .clicked()
                            {
                                remove = Some(i);
                            }
                        });
                    });
            }
        });
        if let Some(i) = remove {
            screening.medicines.remove(i);
        }

        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.tr("app-safety-find-medicine"));
            super::plan_ui::bordered(ui, |ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("Minomycin, プレドニン …")
                        .desired_width(200.0)
                        .id_salt("screening_medicine_query"),
                )
            })
            .labelled_by(label.id);
        });
        if self.query.trim().is_empty() {
            return;
        }
        let found = find_medicines(&self.query);
        if found.is_empty() {
            ui.label(lang.tr_args(
                "app-safety-no-match",
                &[("query", Arg::Str(self.query.trim().to_string()))],
            ));
            return;
        }
        let mut add = None;
        for m in found {
            let taken = screening.medicines.contains(&m.generic);
            egui::Frame::new()
                .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
                .inner_margin(4)
                .corner_radius(4)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    if ui
                        .add_enabled(!taken, egui::Button::new(m.display_name(lang)).wrap())
                        .clicked()
                    {
                        add = Some(m.generic.clone());
                    }
                    ui.add(egui::Label::new(egui::RichText::new(m.warning(lang)).small()).wrap());
                });
        }
        if let Some(generic) = add {
            screening.medicines.push(generic);
            self.query.clear();
        }
    }
}

/// Whether a warning comes from the screening (checklist, age or interactions), so the
/// summary can list those first.
pub fn is_screening_warning(w: &Warning) -> bool {
    w.code.starts_with("screen_")
        || w.code.starts_with("age_")
        || w.code.starts_with("interaction_")
}

/// The warnings list: contraindications first, boxed in red with "■", then cautions with
/// "▲" and notes with "ⓘ": the shape tells the severity as well as the colour. No heading
/// (the caller names the list: the plan's warnings, or the screening's findings).
pub fn warning_list(ui: &mut egui::Ui, lang: Lang, warnings: &[Warning]) {
    let mut sorted: Vec<&Warning> = warnings.iter().collect();
    // Stable: within a severity the core's order (screening before dosing) is kept.
    sorted.sort_by_key(|w| (std::cmp::Reverse(w.severity), !is_screening_warning(w)));
    for w in sorted {
        match w.severity {
            Severity::Danger => {
                let (fill, text) = badge_colors(Consequence::Contraindicated);
                egui::Frame::new()
                    .fill(fill)
                    .stroke(egui::Stroke::new(1.0, text))
                    .inner_margin(6)
                    .corner_radius(4)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(format!("■ {}", w.message(lang)))
                                    .strong()
                                    .color(text),
                            )
                            .wrap(),
                        );
                    });
            }
            Severity::Caution => {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(format!("▲ {}", w.message(lang)))
                            .color(ui.visuals().warn_fg_color),
                    )
                    .wrap(),
                );
            }
            Severity::Info => {
                // "ⓘ" is in both bundled CJK fonts (IPAex Gothic, Nanum Gothic).
                ui.add(egui::Label::new(format!("ⓘ {}", w.message(lang))).wrap());
            }
        }
    }
}

/// The dates after the course, from the estimate (only with a start date).
pub fn dates_ui(ui: &mut egui::Ui, lang: Lang, priced: &Priced) {
    ui.label(egui::RichText::new(lang.tr("app-safety-dates")).strong());
    let Some(dates) = priced.shown().dates.as_ref() else {
        ui.label(lang.tr("app-safety-dates-need-start"));
        return;
    };
    let male_dates: Option<&CourseDates> = match priced.priced() {
        crate::quote::Priced::Range { male, .. } => male.dates.as_ref(),
        crate::quote::Priced::One(_) => None,
    };
    egui::Grid::new("safety_dates")
        .num_columns(2)
        .spacing([16.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            let mut row = |key: &str, date: jiff::civil::Date| {
                let caption = lang.tr(key);
                let text = lang.format_date(date);
                ui.label(&caption);
                // Read out with its caption: "Contraception until: 27 Mar 2026".
                ui.label(egui::RichText::new(&text).strong())
                    .accessible_name(format!("{caption}: {text}"));
                ui.end_row();
            };
            row("app-safety-date-last-dose", dates.last_dose);
            match male_dates {
                Some(m) => {
                    row(
                        "app-safety-date-contraception-woman",
                        dates.contraception_until,
                    );
                    row("app-safety-date-contraception-man", m.contraception_until);
                }
                None => row("app-safety-date-contraception", dates.contraception_until),
            }
            row("app-safety-date-sun", dates.sun_and_laser_until);
            row("app-safety-date-laser-hair", dates.laser_hair_removal_from);
            row("app-safety-date-vaccination", dates.vaccination_from);
            row("app-safety-date-surgery", dates.elective_surgery_from);
            row("app-safety-date-next-course", dates.next_course_from);
        });
}

/// A test's name: the sheet's own, else the shipped one.
fn test_name(sheet: &PriceSheet, code: &str, lang: Lang) -> String {
    if let Fees::Itemised { tests, .. } = &sheet.fees
        && let Some(t) = tests.iter().find(|t| t.code == code)
    {
        let own = t.name.get(lang);
        if !own.is_empty() {
            return own.to_string();
        }
    }
    lang.tr(&format!("item-{code}"))
}

/// The monitoring schedule: tests at each month's visit, and the course under each
/// blood-test protocol.
pub fn monitoring_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    sheet: &PriceSheet,
    est: &CourseEstimate,
    tests: &[TestDue],
    rows: &[ProtocolCost],
    range: bool,
) {
    if sheet.is_flat() {
        ui.label(lang.tr("app-safety-tests-included"));
        return;
    }
    let cur = &sheet.currency;
    ui.label(egui::RichText::new(lang.tr("app-safety-tests-by-month")).strong());
    egui::Grid::new("safety_tests")
        .num_columns(2)
        .spacing([16.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(lang.tr("app-col-month")).strong());
            ui.label("");
            ui.end_row();
            for m in &est.months {
                let month = lang.tr_args("app-month-n", &[("n", Arg::Num(f64::from(m.month)))]);
                // The number under the "Month" heading (the month table already shows
                // "Month 1" captions).
                ui.label(m.month.to_string());
                let due: Vec<String> = tests
                    .iter()
                    .filter(|t| t.month == m.month)
                    .map(|t| {
                        format!(
                            "{} ({})",
                            test_name(sheet, &t.code, lang),
                            cur.format(t.amount, lang)
                        )
                    })
                    .collect();
                let text = if due.is_empty() {
                    lang.tr("app-safety-no-tests")
                } else {
                    due.join(" · ")
                };
                // Read out with its month: "Month 1: Blood test (¥3,608) · …".
                let name = format!("{month}: {text}");
                ui.label(text).accessible_name(name);
                ui.end_row();
            }
        });

    ui.add_space(8.0);
    ui.label(egui::RichText::new(lang.tr("app-safety-protocols")).strong());
    if range {
        ui.label(egui::RichText::new(lang.tr("app-safety-protocols-woman")).small());
    }
    egui::Grid::new("safety_protocols")
        .num_columns(4)
        .spacing([16.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for key in [
                "app-safety-col-protocol",
                "app-safety-col-tests",
                "app-safety-col-total",
                "app-safety-col-difference",
            ] {
                ui.label(egui::RichText::new(lang.tr(key)).strong());
            }
            ui.end_row();
            for p in rows {
                let own = p.protocol == Protocol::Sheet;
                let protocol = lang.tr(p.protocol.label_key());
                let name = egui::RichText::new(&protocol);
                ui.label(if own { name.strong() } else { name });
                ui.label(p.tests.to_string());
                super::widgets::right_aligned(ui, cur.format(p.total, lang), own);
                let diff = if own {
                    lang.tr("app-not-known")
                } else if p.difference.0 > 0 {
                    format!("+{}", cur.format(p.difference, lang))
                } else {
                    cur.format(p.difference, lang)
                };
                let color = if p.difference.0 < 0 {
                    egui::Color32::from_rgb(0x14, 0x6a, 0x28)
                } else {
                    ui.visuals().text_color()
                };
                let size = egui::vec2(super::widgets::AMOUNT_WIDTH, ui.spacing().interact_size.y);
                ui.allocate_ui_with_layout(
                    size,
                    egui::Layout::right_to_left(egui::Align::Center),
                    |ui| {
                        // Read out with its row and column: "…, Difference: -¥7,216".
                        let name = format!(
                            "{protocol}, {}: {diff}",
                            lang.tr("app-safety-col-difference")
                        );
                        ui.label(egui::RichText::new(diff).color(color))
                            .accessible_name(name);
                    },
                );
                ui.end_row();
            }
        });
}
