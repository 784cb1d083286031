//! The desk app driven through its accessible labels with egui_kittest (headless).

use crate::common;

use common::MemoryStorage;
use dose_planner::app::{Command, DesktopApp};
use dose_planner::i18n::Lang;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

fn harness_with(sheet_dir: std::path::PathBuf) -> Harness<'static, DesktopApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 1000.0])
        .build_eframe(move |cc| {
            let mut app = DesktopApp::with_options(cc, today(), &sheet_dir);
            // Never start a PDF viewer from a test.
            app.settings.open_after_export = false;
            app
        });
    h.run();
    h
}

/// Asserts that a big total reads `caption: amount` to a screen reader (its accessible name).
#[track_caller]
fn total(h: &Harness<'_, DesktopApp>, name: &str) {
    common::one_named(h, name);
}

/// The accessible names of the big totals that start with `prefix`.
fn totals_starting(h: &Harness<'_, DesktopApp>, prefix: &str) -> Vec<String> {
    let prefix = prefix.to_string();
    h.query_all_by(move |n| n.label().is_some_and(|l| l.starts_with(prefix.as_str())))
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

fn harness() -> Harness<'static, DesktopApp> {
    harness_with(std::path::PathBuf::from("pricing"))
}

/// The app in English, switched through the language buttons.
fn english() -> Harness<'static, DesktopApp> {
    let mut h = harness();
    h.get_by_label("English").click();
    h.run();
    h
}

#[test]
fn starts_in_japanese_and_switches_language() {
    let mut h = harness();
    assert_eq!(h.state().settings.lang, Lang::Ja);
    h.get_by_label("見積り");
    h.get_by_label("性別");

    h.get_by_label("English").click();
    h.run();
    h.get_by_label("Quote");
    total(&h, "Whole course (6 months): ¥108,988 – ¥115,324");
    assert_eq!(h.state().settings.lang, Lang::En);

    h.get_by_label("한국어").click();
    h.run();
    h.get_by_label("견적");
    h.get_by_label("성별");
    assert_eq!(h.state().settings.lang, Lang::Ko);
}

#[test]
fn quote_female_20_mg_6_months() {
    let mut h = english();
    h.get_by_label("Female").click();
    h.get_by_label("20 mg").click();
    h.get_by_label("Months").set_value_accesskit(6.0);
    h.run();
    total(&h, "Month 1: ¥21,054");
    total(&h, "Each return month: ¥18,854");
    total(&h, "Whole course (6 months): ¥115,324");
    // The month table lists the items.
    assert!(
        !h.get_all_by_label("Urine pregnancy test")
            .collect::<Vec<_>>()
            .is_empty()
    );

    h.get_by_label("Months").set_value_accesskit(3.0);
    h.run();
    assert_eq!(totals_starting(&h, "Whole course (3 months): ¥").len(), 1);
}

#[test]
fn quote_without_sex_shows_the_man_woman_range() {
    let mut h = english();
    h.get_by_label("Not given (range)").click();
    h.get_by_label("40 mg").click();
    h.run();
    // A man has no pregnancy test: 1,056 yen less each month.
    let first = totals_starting(&h, "Month 1: ¥");
    assert_eq!(first.len(), 1);
    assert!(first[0].contains(" – "), "{first:?}");
    h.get_by_label_contains("Range from a man's to a woman's price");
}

#[test]
fn plan_weight_and_target_give_mg_per_kg_and_month_reached() {
    let mut h = english();
    h.get_by_label("Plan").click();
    h.run();
    common::typical_plan(&mut h);
    h.get_by_label("Female").click();
    h.get_by_label("Weight (kg)").set_value_accesskit(50.0);
    h.get_by_label("150").click();
    h.run();
    // 20, 40, 40, 40, 60, 60 mg/day × 30 days = 7,800 mg; at 50 kg that is 156.0 mg/kg.
    h.get_by_label("156.0 mg/kg (7,800 mg)");
    // 150 mg/kg × 50 kg = 7,500 mg: 6,000 by the end of month 5, then 25 days at 60 mg.
    h.get_by_label("Month 6, day 175 (22 Sep 2025)");
    // mg/kg/day per month: 20/50 and 60/50.
    h.get_by_label("0.40");
    assert_eq!(h.get_all_by_label("1.20").count(), 2);
    // The last dose follows from the start date.
    assert!(h.query_all_by_label("27 Sep 2025").count() >= 1);
}

#[test]
fn plan_can_be_pinned_and_compared() {
    let mut h = english();
    h.get_by_label("Plan").click();
    h.run();
    common::typical_plan(&mut h);
    h.get_by_label("Pin for comparison (0/3)").click();
    h.run();
    h.get_by_label("Pin for comparison (1/3)");
    h.get_by_label("Compare").click();
    h.run();
    h.get_by_label("Plan 1");
    h.get_by_label("20 → 40 → 40 → 40 → 60 → 60");
}

#[test]
fn invalid_sheet_shows_banner_with_line_and_column_and_keeps_last_good_sheet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = std::fs::read_to_string("pricing/reference-clinic-jp.toml").expect("sheet");
    let line = good
        .lines()
        .position(|l| l.starts_with("first_visit"))
        .expect("first_visit line")
        + 1;
    let bad = good.replacen("first_visit", "frist_visit", 1);
    std::fs::write(dir.path().join("bad.toml"), bad).expect("write");

    let mut h = harness_with(dir.path().to_path_buf());
    h.get_by_label("English").click();
    h.run();
    h.get_by_label("Female").click();
    h.get_by_label("20 mg").click();
    h.run();

    h.get_by_label("Price sheet").click();
    h.run();
    h.get_by_label_contains("(bad.toml)").click();
    h.run();
    let want = format!("bad.toml:{line}:1");
    let banner = h
        .get_by_label_contains(&want)
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(
        banner.contains("The last good price sheet is still in use."),
        "{banner}"
    );
    // The built-in sheet still prices the quote.
    total(&h, "Month 1: ¥21,054");
    assert!(h.state().sheet.path.is_none());
}

#[test]
fn export_needs_a_sex_then_writes_the_pdf_and_survives_a_bad_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("estimate.pdf");
    let mut h = english();
    h.state_mut().run_command(Command::ExportPdf(path.clone()));
    h.run();
    h.get_by_label("Choose female or male to export a PDF.");
    assert!(!path.exists());

    h.get_by_label("Female").click();
    h.run();
    h.state_mut().run_command(Command::ExportPdf(path.clone()));
    h.run();
    let banner = h.state().banner.clone().expect("a banner");
    assert!(
        !banner.error && banner.text.starts_with("Saved "),
        "{}",
        banner.text
    );
    let bytes = std::fs::read(&path).expect("pdf");
    assert!(bytes.starts_with(b"%PDF"));

    // A folder as the path: a clear error, nothing written, the app goes on quoting.
    h.state_mut()
        .run_command(Command::ExportPdf(dir.path().to_path_buf()));
    h.run();
    let banner = h.state().banner.clone().expect("a banner");
    assert!(
        banner.error && banner.text.contains("that is a folder"),
        "{}",
        banner.text
    );
    total(&h, "Month 1: ¥21,054");
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(names.len(), 1, "only the first PDF, no temp files");
}

#[test]
fn plan_doses_in_mg_per_kg_per_day_become_makeable_doses() {
    let mut h = english();
    h.get_by_label("Plan").click();
    h.run();
    common::typical_plan(&mut h);
    h.get_by_label("Female").click();
    h.get_by_role_and_label(eframe::egui::accesskit::Role::RadioButton, "mg/kg/day")
        .click();
    h.run();
    // 20 mg at 60 kg is 0.33 mg/kg/day; the core rounds back up to a makeable 20 mg.
    assert_eq!(
        h.get_by_label("Month 1")
            .accesskit_node()
            .value()
            .as_deref(),
        Some("0.33")
    );
    assert_eq!(h.get_all_by_label("20 mg/day").count(), 1);
    // 1.25 mg/kg/day at 60 kg is 75 mg, which 10 and 20 mg capsules cannot make: 80 mg.
    h.get_by_label("Month 1").set_value_accesskit(1.25);
    h.run();
    assert_eq!(h.get_all_by_label("80 mg/day").count(), 1);
    // …and the core warns that month 1 starts above 1 mg/kg/day.
    assert!(
        h.query_all_by_label_contains("Month 1: 1.33 mg/kg/day")
            .next()
            .is_some()
    );
}

#[test]
fn tab_order_follows_reading_order_on_the_quote_screen() {
    let mut h = english();
    h.get_by_label("Female").focus();
    h.run();
    h.key_press(eframe::egui::Key::Tab);
    h.run();
    assert!(h.get_by_label("Male").is_focused());
    h.key_press(eframe::egui::Key::Tab);
    h.key_press(eframe::egui::Key::Tab);
    h.key_press(eframe::egui::Key::Tab);
    h.key_press(eframe::egui::Key::Tab);
    h.run();
    assert!(h.get_by_label("10 mg").is_focused());
    // Space or Enter presses the focused button.
    h.key_press(eframe::egui::Key::Enter);
    h.run();
    assert_eq!(h.state().quote.inputs.dose, "10");
}

#[test]
fn settings_are_saved_but_patient_inputs_are_not() {
    let mut h = english();
    h.get_by_label("Female").click();
    h.get_by_label("Plan").click();
    h.run();
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let saved: dose_planner::app::Settings =
        eframe::get_value(&storage, eframe::APP_KEY).expect("settings saved");
    assert_eq!(saved.lang, Lang::En);
    assert_eq!(saved.screen, dose_planner::app::Screen::Plan);
    let raw = storage.0.get(eframe::APP_KEY).cloned().unwrap_or_default();
    assert!(!raw.contains("female"), "{raw}");
}

#[test]
fn the_patient_name_goes_on_the_pdf_and_a_name_the_fonts_cannot_print_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("estimate.pdf");
    let mut h = english();
    h.get_by_label("Female").click();
    h.run();
    h.get_by_label("Patient").click();
    h.run();
    h.get_by_label("Patient").type_text("Hanako");
    h.run();
    assert_eq!(h.state().patient.name, "Hanako");
    // An emoji the bundled fonts lack (set without drawing a frame: egui's test harness
    // refuses to draw a missing glyph at all).
    h.state_mut().patient.name = "Hanako 😀".into();
    h.state_mut().run_command(Command::ExportPdf(path.clone()));
    let banner = h.state().banner.clone().expect("a banner");
    assert!(
        banner.error && banner.text.contains("U+1F600"),
        "{}",
        banner.text
    );
    assert!(!path.exists());

    h.state_mut().patient.name = "山田 花子".into();
    h.state_mut().run_command(Command::ExportPdf(path.clone()));
    h.run();
    let doc = lopdf::Document::load(&path).expect("a PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text");
    assert!(text.replace(' ', "").contains("山田花子"), "{text}");
}

#[test]
fn a_dose_the_capsules_cannot_make_is_explained_in_the_screen_language() {
    let mut h = harness();
    h.state_mut().quote.inputs.dose = "15".into();
    h.run();
    h.get_by_label_contains("15 mg は 10 mg, 20 mg のカプセルの組み合わせでは作れません");
    h.get_by_label("English").click();
    h.run();
    h.get_by_label_contains("15 mg cannot be made from whole capsules of 10 mg, 20 mg");
    h.get_by_label("한국어").click();
    h.run();
    h.get_by_label_contains("15 mg은 10 mg, 20 mg 캡슐의 조합으로 만들 수 없습니다");
}

#[test]
fn a_patient_far_away_gets_two_months_per_visit() {
    let mut h = english();
    h.get_by_label("Female").click();
    h.run();
    h.get_by_label("Every 2 months (2 months of medication per visit)")
        .click();
    h.run();
    // Months 1, 3, 5 have a visit (21,054; 18,854; 18,854), months 2, 4, 6 only the
    // medication (12,540 each): 21,054 + 2 × 18,854 + 3 × 12,540 = 96,382.
    total(&h, "Whole course (6 months): ¥96,382");
    total(&h, "Month 1: ¥21,054");
    // A sheet that gives one month per visit does not offer it.
    let kr = std::path::PathBuf::from("pricing/example-clinic-kr.toml");
    h.state_mut().run_command(Command::LoadSheet(Some(kr)));
    h.run();
    assert!(
        h.query_by_label("Every 2 months (2 months of medication per visit)")
            .is_none()
    );
    assert_eq!(h.state().quote.inputs.visit_every, 1);
}

#[test]
fn the_plan_can_have_a_visit_every_two_months() {
    let mut h = english();
    h.get_by_label("Plan").click();
    h.run();
    common::typical_plan(&mut h);
    h.get_by_label("Female").click();
    h.run();
    // 20, 40, 40, 40, 60, 60 mg/day for a woman: ¥203,104 with monthly visits.
    assert!(h.query_all_by_label("¥203,104").next().is_some());
    h.get_by_label("Every 2 months (2 months of medication per visit)")
        .click();
    h.run();
    // Months 2, 4 and 6 lose the return visit and its tests: 3 × (1,650 + 3,608 + 1,056).
    assert!(h.query_all_by_label("¥184,162").next().is_some());
    assert!(h.query_all_by_label("¥203,104").next().is_none());
}
