//! The desk app redesigned (issue 13): Compare, file names, the restore prompt, warnings, the chart.
//!
//! Driven headless with egui_kittest through what a person reads; "today" is fixed at
//! 1 April 2025 and every file lives in a temp folder.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{banner, run};
use dose_planner::app::{Command, DesktopApp};
use dose_planner::files::Recovery;
use dose_planner::i18n::Lang;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

/// The app in `lang` with sheets from `pricing/` (the reference clinic, "Sample Skin Clinic",
/// is the first), its recovery file in `recovery_dir` when given, and the in-app path field
/// instead of a native dialog.
fn app(lang: Lang, recovery_dir: Option<&Path>) -> Harness<'static, DesktopApp> {
    let recovery = recovery_dir.map(Recovery::in_dir);
    let mut h = Harness::builder()
        .with_size([1366.0, 1000.0])
        .build_eframe(move |cc| {
            let mut app =
                DesktopApp::with_options(cc, today(), Path::new("pricing")).with_recovery(recovery);
            app.settings.open_after_export = false;
            app.settings.lang = lang;
            app.native_dialogs = false;
            app
        });
    h.run();
    h
}

/// Pins two plans for a 60 kg woman starting 1 April 2025 (target 120 mg/kg):
/// plan 1 the screen's escalation 20, 40, 40, 40, 60, 60 mg/day; plan 2 60 mg/day for six
/// months (dearer: more capsules; sooner: 1 mg/kg/day from the first day).
fn pin_two_plans(h: &mut Harness<'static, DesktopApp>, pins: [&str; 2], tab: &str, female: &str) {
    h.get_by_label(tab).click();
    h.run();
    common::typical_plan(h);
    h.get_by_label(female).click();
    h.run();
    h.get_by_label(pins[0]).click();
    h.run();
    for m in &mut h.state_mut().plan.inputs.months {
        m.text = "60".into();
    }
    h.run();
    h.get_by_label(pins[1]).click();
    h.run();
}

#[test]
fn compare_in_english_names_the_clinic_in_english_with_long_dates_and_marks() {
    let mut h = app(Lang::En, None);
    pin_two_plans(
        &mut h,
        ["Pin for comparison (0/3)", "Pin for comparison (1/3)"],
        "Plan",
        "Female",
    );
    // Pinning says so where the button is.
    h.get_by_label("✓ Pinned as plan 2: see Compare.");
    h.get_by_label("Compare").click();
    h.run();

    // The clinic's English name, never its Japanese one.
    assert!(h.query_all_by_label("Sample Skin Clinic").next().is_some());
    assert!(h.query_all_by_label_contains("サンプル").next().is_none());

    // Plan 1: (20 + 40 + 40 + 40 + 60) mg × 30 days = 6,000 mg by day 150; the target
    // 120 mg/kg × 60 kg = 7,200 mg needs 1,200 mg more at 60 mg/day: 20 days, so course
    // day 170 in month 6, which is 1 April + 169 days = 17 September 2025.
    h.get_by_label("120.0 mg/kg: Month 6, day 170 (17 Sep 2025)");
    // Plan 2: 60 mg/day = 1 mg/kg/day, 120 mg/kg on day 120 (month 4) = 1 April + 119 days.
    h.get_by_label("120.0 mg/kg: Month 4, day 120 (29 Jul 2025)");
    // Both last doses on day 180: 1 April + 179 days = 27 September 2025.
    assert_eq!(h.query_all_by_label("27 Sep 2025").count(), 2);
    // No ISO date anywhere on the screen.
    assert!(h.query_all_by_label_contains("2025-").next().is_none());

    // The marks are words: plan 1 is the cheapest, plan 2 reaches 120 mg/kg sooner.
    assert_eq!(h.query_all_by_label("Cheapest").count(), 1);
    assert_eq!(h.query_all_by_label("Soonest to target").count(), 1);
    let x = |label: &str| {
        h.get_by_label(label)
            .accesskit_node()
            .bounding_box()
            .unwrap()
            .x0
    };
    let plan1 = x("Plan 1");
    let plan2 = x("Plan 2");
    let cheapest = x("Cheapest");
    let soonest = x("Soonest to target");
    // Each mark sits in its plan's column.
    assert!(
        plan1 <= cheapest && cheapest < plan2,
        "{plan1} {cheapest} {plan2}"
    );
    assert!(plan2 <= soonest, "{plan2} {soonest}");
}

#[test]
fn compare_in_korean_names_the_clinic_in_korean() {
    let mut h = app(Lang::Ko, None);
    pin_two_plans(
        &mut h,
        ["비교에 고정(0/3)", "비교에 고정(1/3)"],
        "치료 계획",
        "여성",
    );
    h.get_by_label("비교").click();
    h.run();
    assert!(h.query_all_by_label("샘플 피부과").next().is_some());
    assert!(h.query_all_by_label_contains("サンプル").next().is_none());
    // Plan 1 reaches 120 mg/kg on 17 September 2025 (see the English test), in Korean.
    h.get_by_label("120.0 mg/kg: 6개월째, 170일째(2025년 9월 17일)");
    assert_eq!(h.query_all_by_label("2025년 9월 27일").count(), 2);
    assert!(h.query_all_by_label_contains("2025-").next().is_none());
    assert_eq!(h.query_all_by_label("최저 비용").count(), 1);
    assert_eq!(h.query_all_by_label("목표 도달이 가장 빠름").count(), 1);
}

#[test]
fn the_default_file_name_carries_the_patient_and_the_date_and_the_folder_chosen_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(Lang::En, None);
    h.get_by_label("Female").click();
    h.get_by_label("20 mg").click();
    h.run();
    h.state_mut().patient.name = "Tanaka Hanako".into();
    h.run();

    // At first the documents folder.
    h.get_by_label("Export PDF…").click();
    h.run();
    let text = h.state().path_field.clone().unwrap().text;
    let documents = dose_planner::files::places::documents_dir();
    assert_eq!(
        Path::new(&text),
        documents.join("estimate-Tanaka-Hanako-2025-04-01.pdf")
    );

    // Written elsewhere, the next Export and Save start there.
    let pdf = dir.path().join("first.pdf");
    h.state_mut().path_field.as_mut().unwrap().text = pdf.display().to_string();
    h.get_by_label("OK").click();
    h.run();
    assert!(
        banner(&h, false).starts_with("Saved "),
        "{}",
        banner(&h, false)
    );
    h.get_by_label("Export PDF…").click();
    h.run();
    let text = h.state().path_field.clone().unwrap().text;
    assert_eq!(
        Path::new(&text),
        dir.path().join("estimate-Tanaka-Hanako-2025-04-01.pdf")
    );
    h.get_by_label("Cancel").click();
    h.run();
    run(&mut h, Command::SaveQuoteDialog);
    let text = h.state().path_field.clone().unwrap().text;
    assert_eq!(
        Path::new(&text),
        dir.path().join("quote-Tanaka-Hanako-2025-04-01.json")
    );
}

#[test]
fn the_restore_prompt_names_the_quote_and_asks_before_its_buttons() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("data");
    {
        let mut h = app(Lang::En, Some(&rec));
        h.get_by_label("Female").click();
        h.get_by_label("20 mg").click();
        h.run();
        assert_eq!(common::recovery_files(&rec).len(), 1);
        // The app "crashes" here: dropped without closing.
    }
    let h = app(Lang::En, Some(&rec));
    let question = "Restore the quote from the last session? \
                    Female, 20 mg/day, 6 months, made 1 Apr 2025.";
    let prompt = h
        .get_by_label(question)
        .accesskit_node()
        .bounding_box()
        .unwrap();
    let restore = h
        .get_by_label("Restore")
        .accesskit_node()
        .bounding_box()
        .unwrap();
    let discard = h
        .get_by_label("Discard")
        .accesskit_node()
        .bounding_box()
        .unwrap();
    // The question is read first: above its buttons.
    assert!(prompt.y1 <= restore.y0 && prompt.y1 <= discard.y0);
    assert!(
        h.query_all_by_label_contains("plan from the last")
            .next()
            .is_none()
    );
}

#[test]
fn the_restore_prompt_in_japanese_calls_a_plan_a_plan_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("data");
    {
        let mut h = app(Lang::Ja, Some(&rec));
        h.get_by_label("治療計画").click();
        h.run();
        common::typical_plan(&mut h);
        h.get_by_label("女性").click();
        h.run();
    }
    let h = app(Lang::Ja, Some(&rec));
    // The Plan screen's escalation at 60 kg, six months.
    h.get_by_label(
        "前回の作業中のプランを復元しますか？ \
         女性・20 → 40 → 60 mg/日 (60 kg)・6か月（2025年4月1日作成）",
    );
}

#[test]
fn info_warnings_start_with_a_glyph_the_fonts_have() {
    let mut h = app(Lang::En, None);
    h.get_by_label("Plan").click();
    h.run();
    common::typical_plan(&mut h);
    h.get_by_label("Female").click();
    h.run();
    assert!(h.query_all_by_label_contains("□").next().is_none());
    // The bundled fonts draw "ⓘ" (no replacement box).
    let has = h
        .ctx
        .fonts_mut(|f| f.has_glyphs(&eframe::egui::FontId::proportional(14.0), "ⓘ▲■"));
    assert!(has);
}

#[test]
fn the_chart_legend_names_each_line_in_words() {
    let mut h = app(Lang::En, None);
    h.get_by_label("Plan").click();
    h.run();
    common::typical_plan(&mut h);
    h.get_by_label("Female").click();
    h.run();
    // Above the plot, off its lines; each name beside a sample drawn in the line's style.
    for name in [
        "Cumulative dose",
        "Target 120.0 mg/kg",
        "120–150 mg/kg band",
        "220 mg/kg maximum",
    ] {
        assert!(
            h.query_all_by_label(name).next().is_some(),
            "no legend entry {name}"
        );
    }
}
