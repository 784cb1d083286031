//! What-if: up to three pinned plans side by side. Draws only; the pinned plans are priced
//! again (by the core) on the sheet in use whenever it changes, so every figure shown comes
//! from the sheet named in the top bar. The cheapest plan and the one that reaches its
//! target soonest are marked in words, not only in colour.

use crate::i18n::{Arg, Lang};
use crate::safety;
use eframe::egui;

use super::plan_ui::{PinnedPlan, PlanScreen};
use super::widgets;
use crate::estimate::CourseEstimate;

/// Which pinned plans are the cheapest and which reach their target soonest (indices into
/// the pinned list). Both are empty with fewer than two priced plans: a mark compares. A plan
/// that misses its target is never the cheapest.
pub fn marks(pinned: &[PinnedPlan]) -> (Vec<usize>, Vec<usize>) {
    let priced: Vec<(usize, &super::widgets::Priced)> = pinned
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.priced.as_ref().ok().map(|pr| (i, pr)))
        .collect();
    if priced.len() < 2 {
        return (Vec::new(), Vec::new());
    }
    // A plan that misses its target (weight and target known, never reached) is never the
    // cheapest: it does not do what the others do.
    let misses = |i: usize, p: &super::widgets::Priced| {
        let r = &pinned[i].request;
        r.weight_kg.is_some() && r.target_mg_per_kg.is_some() && p.shown().target_reached.is_none()
    };
    let cheapest = priced
        .iter()
        .filter(|(i, p)| !misses(*i, p))
        .map(|(_, p)| p.total())
        .min();
    let cheap: Vec<usize> = priced
        .iter()
        .filter(|(i, p)| !misses(*i, p) && Some(p.total()) == cheapest)
        .map(|(i, _)| *i)
        .collect();
    // Days of medication until the target (day 1 is the first day planned).
    let days = |p: &super::widgets::Priced| p.shown().target_reached.as_ref().map(|t| t.day);
    let soonest = priced.iter().filter_map(|(_, p)| days(p)).min();
    let soon: Vec<usize> = match soonest {
        Some(d) => priced
            .iter()
            .filter(|(_, p)| days(p) == Some(d))
            .map(|(i, _)| *i)
            .collect(),
        None => Vec::new(),
    };
    // Every plan the cheapest is no mark at all.
    let cheap = if cheap.len() == priced.len() {
        Vec::new()
    } else {
        cheap
    };
    let soon = if soon.len() == priced.len() {
        Vec::new()
    } else {
        soon
    };
    (cheap, soon)
}

/// A mark on a plan's column: words on a tinted badge (the words carry it, not the colour).
fn mark(ui: &mut egui::Ui, text: &str, fill: egui::Color32, ink: egui::Color32) {
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .corner_radius(4)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(text).color(ink).strong());
        });
}

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
    let (cheap, soon) = marks(&plan.pinned);
    let dark = ui.visuals().dark_mode;
    let (good_fill, good_ink) = if dark {
        (
            egui::Color32::from_rgb(30, 70, 40),
            egui::Color32::from_rgb(190, 240, 200),
        )
    } else {
        (
            egui::Color32::from_rgb(220, 242, 226),
            egui::Color32::from_rgb(20, 90, 40),
        )
    };
    let (soon_fill, soon_ink) = if dark {
        (
            egui::Color32::from_rgb(30, 50, 80),
            egui::Color32::from_rgb(190, 215, 250),
        )
    } else {
        (
            egui::Color32::from_rgb(222, 234, 250),
            egui::Color32::from_rgb(25, 70, 140),
        )
    };
    let mut unpin = None;
    egui::Grid::new("compare")
        .striped(true)
        .num_columns(plan.pinned.len() + 1)
        .spacing([28.0, 8.0])
        .min_col_width(200.0)
        .show(ui, |ui| {
            ui.label("");
            for (i, _) in plan.pinned.iter().enumerate() {
                ui.vertical(|ui| {
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
                    ui.horizontal_wrapped(|ui| {
                        if cheap.contains(&i) {
                            mark(ui, &lang.tr("app-compare-cheapest"), good_fill, good_ink);
                        }
                        if soon.contains(&i) {
                            mark(ui, &lang.tr("app-compare-soonest"), soon_fill, soon_ink);
                        }
                    });
                });
            }
            ui.end_row();

            let row = |ui: &mut egui::Ui, key: &str, cells: Vec<String>| {
                ui.label(egui::RichText::new(lang.tr(key)).strong());
                for c in cells {
                    ui.add(egui::Label::new(c).wrap());
                }
                ui.end_row();
            };
            let pinned = &plan.pinned;
            // A cell from the plan's estimate, or "—" when the sheet cannot price it.
            let main = |p: &PinnedPlan, f: &dyn Fn(&CourseEstimate) -> String| {
                p.priced.as_ref().map_or(na.clone(), |pr| f(pr.shown()))
            };
            // The course total first, in big type, in the plan's own column.
            ui.label(egui::RichText::new(lang.tr("app-row-total")).strong());
            for (i, p) in pinned.iter().enumerate() {
                let caption = format!(
                    "{} — {}",
                    lang.tr_args("app-plan-n", &[("n", Arg::Num((i + 1) as f64))]),
                    lang.tr("app-row-total")
                );
                match p.total_text(lang) {
                    Ok(total) => {
                        ui.label(egui::RichText::new(&total).size(24.0).strong())
                            .accessible_name(format!("{caption}: {total}"));
                    }
                    Err(reason) => {
                        ui.scope(|ui| {
                            ui.set_max_width(260.0);
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
            ui.end_row();
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
                        p.sex
                            .map_or_else(|| lang.tr("app-sex-unset"), |s| s.name(lang))
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
            // How often the patient comes: two months per visit costs less.
            row(
                ui,
                "app-visit-every",
                pinned
                    .iter()
                    .map(|p| {
                        lang.tr(if p.request.visit_every == 2 {
                            "app-visit-every-2"
                        } else {
                            "app-visit-every-1"
                        })
                    })
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
                    .map(|p| main(p, &|e| reached_text(lang, e)))
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
                                .map_or(na.clone(), |d| lang.format_date(d.last_dose))
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
    if let Some(i) = unpin {
        plan.pinned.remove(i);
    }
}

/// "120.0 mg/kg: Month 6, day 170 (17 Sep 2025)", the date in `lang`'s long form.
fn reached_text(lang: Lang, e: &CourseEstimate) -> String {
    e.target_reached
        .as_ref()
        .map_or(lang.tr("app-target-not-reached"), |t| {
            let mut args = vec![
                ("month", Arg::Num(f64::from(t.month))),
                ("day", Arg::Num(f64::from(t.day))),
            ];
            let when = match t.date {
                Some(d) => {
                    args.push(("date", Arg::Str(lang.format_date(d))));
                    lang.tr_args("app-target-reached-date", &args)
                }
                None => lang.tr_args("app-target-reached-value", &args),
            };
            format!("{} mg/kg: {when}", safety::fmt_mgkg(t.target_mg_per_kg))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dose::Dose;
    use crate::estimate::{CourseRequest, Sex};

    /// Two plans for 60 kg with a 120 mg/kg target (7,200 mg): 20 mg for 6 months (3,600 mg)
    /// misses it and is the cheaper; 40 mg for 6 months (7,200 mg) reaches it. The cheaper
    /// plan that misses is not marked "cheapest"; the one that reaches is, and is soonest.
    /// (Before, the 20 mg plan was marked the cheapest.)
    #[test]
    fn a_plan_that_misses_its_target_is_never_the_cheapest() {
        let sheet = super::super::LoadedSheet::builtin(1);
        let today = jiff::civil::date(2026, 12, 4);
        let plan = |mg| {
            let request = CourseRequest {
                weight_kg: Some(60.0),
                target_mg_per_kg: Some(120.0),
                ..CourseRequest::constant(Sex::Male, Dose::daily(mg), 6)
            };
            PinnedPlan::new(request, Some(Sex::Male), &sheet, Lang::En, today)
        };
        let pinned = [plan(20), plan(40)];
        assert!(
            pinned[0].priced.as_ref().unwrap().total() < pinned[1].priced.as_ref().unwrap().total()
        );
        let (cheap, soon) = marks(&pinned);
        assert_eq!(cheap, [1]);
        assert_eq!(soon, [1]);
    }
}
