//! What-if: up to three pinned plans side by side. Draws only; the pinned plans are priced
//! again (by the core) on the sheet in use whenever it changes, so every figure shown comes
//! from the sheet named in the top bar.

use crate::i18n::Arg;
use crate::safety;
use eframe::egui;

use super::plan_ui::{PinnedPlan, PlanScreen};
use super::widgets;
use crate::estimate::{CourseEstimate, Sex};

/// Draws the comparison of the pinned plans, priced on `sheet`.
pub fn ui(ui: &mut egui::Ui, ctx: &super::ViewCtx<'_>, plan: &mut PlanScreen) {
    let (lang, sheet) = (ctx.lang, ctx.sheet);
    ui.add_space(6.0);
    plan.reprice_pinned(sheet, lang);
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
            // A cell from the plan's estimate, or "—" when the sheet cannot price it.
            let main = |p: &PinnedPlan, f: &dyn Fn(&CourseEstimate) -> String| {
                p.priced.as_ref().map_or(na.clone(), |pr| f(pr.shown()))
            };
            row(
                ui,
                "app-row-doses",
                pinned
                    .iter()
                    .map(|p| {
                        let d: Vec<String> = p.doses().iter().map(ToString::to_string).collect();
                        d.join(" → ")
                    })
                    .collect(),
            );
            row(
                ui,
                "app-sex",
                pinned
                    .iter()
                    .map(|p| {
                        lang.tr(match p.sex {
                            None => "app-sex-unset",
                            Some(Sex::Female) => "sex-female",
                            Some(Sex::Male) => "sex-male",
                        })
                    })
                    .collect(),
            );
            row(
                ui,
                "app-row-months",
                pinned
                    .iter()
                    .map(|p| p.request.doses.len().to_string())
                    .collect(),
            );
            row(
                ui,
                "app-row-weight",
                pinned
                    .iter()
                    .map(|p| {
                        p.request
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
                        main(p, &|e| {
                            e.cumulative_mg_per_kg.map_or(na.clone(), safety::fmt_mgkg)
                        })
                    })
                    .collect(),
            );
            row(
                ui,
                "app-row-reached",
                pinned
                    .iter()
                    .map(|p| {
                        main(p, &|e| {
                            e.target_reached.as_ref().map_or(
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
                    })
                    .collect(),
            );
            row(
                ui,
                "app-row-end",
                pinned
                    .iter()
                    .map(|p| {
                        main(p, &|e| {
                            e.dates
                                .as_ref()
                                .map_or(na.clone(), |d| d.last_dose.to_string())
                        })
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
            match p.total_text(lang) {
                Ok(total) => widgets::big_total(ui, &caption, &total),
                Err(reason) => {
                    ui.vertical(|ui| {
                        ui.label(egui::RichText::new(&caption).size(15.0));
                        widgets::error_text(
                            ui,
                            &lang.tr_args(
                                "app-compare-cannot-price",
                                &[("reason", Arg::Str(reason))],
                            ),
                        );
                    });
                }
            }
        }
    });
    if let Some(i) = unpin {
        plan.pinned.remove(i);
    }
}
