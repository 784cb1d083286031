//! What-if: up to three pinned plans side by side. Draws only.

use crate::i18n::{Arg, Lang};
use crate::safety;
use eframe::egui;

use super::plan_ui::PlanScreen;
use super::widgets::{self, Priced};
use crate::estimate::Sex;

/// Draws the comparison of the pinned plans.
pub fn ui(ui: &mut egui::Ui, lang: Lang, plan: &mut PlanScreen) {
    ui.add_space(6.0);
    if plan.pinned.is_empty() {
        ui.label(lang.tr("app-compare-empty"));
        return;
    }
    let na = lang.tr("app-not-known");
    let mut unpin = None;
    egui::Grid::new("compare")
        .striped(true)
        .num_columns(plan.pinned.len() + 1)
        .spacing([28.0, 8.0])
        .min_col_width(140.0)
        .show(ui, |ui| {
            ui.label("");
            for (i, _) in plan.pinned.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new(
                            lang.tr_args("app-plan-n", &[("n", Arg::Num((i + 1) as f64))]),
                        )
                        .size(18.0)
                        .strong(),
                    );
                    if ui.small_button(lang.tr("app-unpin")).clicked() {
                        unpin = Some(i);
                    }
                });
            }
            ui.end_row();

            let row = |ui: &mut egui::Ui, key: &str, cells: Vec<String>| {
                ui.label(egui::RichText::new(lang.tr(key)).strong());
                for c in cells {
                    ui.add(egui::Label::new(c).extend());
                }
                ui.end_row();
            };
            let pinned = &plan.pinned;
            row(
                ui,
                "app-row-doses",
                pinned
                    .iter()
                    .map(|p| {
                        let d: Vec<String> = p.doses.iter().map(ToString::to_string).collect();
                        d.join(" → ")
                    })
                    .collect(),
            );
            row(
                ui,
                "app-sex",
                pinned
                    .iter()
                    .map(|p| match &p.priced {
                        Priced::Range { .. } => lang.tr("app-sex-unset"),
                        Priced::One(e) => lang.tr(match e.sex {
                            Sex::Female => "sex-female",
                            Sex::Male => "sex-male",
                        }),
                    })
                    .collect(),
            );
            row(
                ui,
                "app-row-months",
                pinned
                    .iter()
                    .map(|p| p.priced.main().month_count().to_string())
                    .collect(),
            );
            row(
                ui,
                "app-row-weight",
                pinned
                    .iter()
                    .map(|p| {
                        p.priced
                            .main()
                            .weight_kg
                            .map_or(na.clone(), |w| format!("{w} kg"))
                    })
                    .collect(),
            );
            row(
                ui,
                "app-row-cumulative",
                pinned
                    .iter()
                    .map(|p| {
                        p.priced
                            .main()
                            .cumulative_mg_per_kg
                            .map_or(na.clone(), safety::fmt_mgkg)
                    })
                    .collect(),
            );
            row(
                ui,
                "app-row-reached",
                pinned
                    .iter()
                    .map(|p| {
                        p.priced.main().target_reached.as_ref().map_or(
                            lang.tr("app-target-not-reached"),
                            |t| {
                                let mut s = format!(
                                    "{} mg/kg: {}",
                                    safety::fmt_mgkg(t.target_mg_per_kg),
                                    lang.tr_args(
                                        "app-target-reached-value",
                                        &[
                                            ("month", Arg::Num(f64::from(t.month))),
                                            ("day", Arg::Num(f64::from(t.day))),
                                        ],
                                    )
                                );
                                if let Some(d) = t.date {
                                    s = format!("{s} ({d})");
                                }
                                s
                            },
                        )
                    })
                    .collect(),
            );
            row(
                ui,
                "app-row-end",
                pinned
                    .iter()
                    .map(|p| {
                        p.priced
                            .main()
                            .dates
                            .as_ref()
                            .map_or(na.clone(), |d| d.last_dose.to_string())
                    })
                    .collect(),
            );
            row(
                ui,
                "app-row-sheet",
                pinned.iter().map(|p| p.sheet_name.clone()).collect(),
            );
        });
    // The total in big type, one per plan, under the table.
    ui.add_space(10.0);
    ui.horizontal_wrapped(|ui| {
        for (i, p) in plan.pinned.iter().enumerate() {
            let caption = format!(
                "{} — {}",
                lang.tr_args("app-plan-n", &[("n", Arg::Num((i + 1) as f64))]),
                lang.tr("app-row-total")
            );
            widgets::big_total(ui, &caption, &p.total_text(lang));
        }
    });
    if let Some(i) = unpin {
        plan.pinned.remove(i);
    }
}
