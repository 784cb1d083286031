//! Issue 20 item 3: a clinic's sheet that cannot be read when the window opens is never
//! replaced by the built-in sample sheet; nothing is priced until a sheet is chosen, and the
//! reason stays on screen whatever notice comes and goes.

use crate::common::{MemoryStorage, one_named};

use dose_planner::app::{Banner, Command, DesktopApp, Settings};
use dose_planner::i18n::Lang;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

/// The app as it opens with these stored settings (the sheet chosen last time among them).
fn opened_with(settings: Settings, sheet_dir: PathBuf) -> Harness<'static, DesktopApp> {
    let mut storage = MemoryStorage::default();
    eframe::set_value(&mut storage, eframe::APP_KEY, &settings);
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |cc| {
            let mut with_storage = eframe::CreationContext::_new_kittest(cc.egui_ctx.clone());
            with_storage.storage = Some(&storage);
            let mut app = DesktopApp::with_options(&with_storage, today(), &sheet_dir);
            app.settings.open_after_export = false;
            app
        });
    h.run();
    h
}

/// Every label on screen that contains `text`.
fn labels_with(h: &Harness<'_, DesktopApp>, text: &str) -> Vec<String> {
    let text = text.to_string();
    h.query_all_by(move |n| {
        n.label().is_some_and(|l| l.contains(text.as_str()))
            || n.value().is_some_and(|v| v.contains(text.as_str()))
    })
    .map(|n| {
        n.accesskit_node()
            .label()
            .or_else(|| n.accesskit_node().value())
            .unwrap_or_default()
    })
    .collect()
}

/// The clinic's own sheet (the reference sheet with a ¥5,000 first visit), broken by an
/// unclosed table header when `broken`.
fn clinic_sheet(dir: &Path, broken: bool) -> PathBuf {
    let good = std::fs::read_to_string("pricing/reference-clinic-jp.toml").unwrap();
    let mut text = good.replacen("first_visit = 3850", "first_visit = 5000", 1);
    assert_ne!(text, good, "the reference sheet's first visit moved");
    if broken {
        text = text.replacen("[clinic]", "[clinic", 1);
    }
    let path = dir.join("our-clinic.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_broken_sheet_at_start_up_stops_pricing_instead_of_quoting_the_sample_clinic() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = clinic_sheet(dir.path(), true);
    let settings = Settings {
        lang: Lang::En,
        last_sheet: Some(sheet.clone()),
        ..Settings::default()
    };
    let mut h = opened_with(settings, dir.path().to_path_buf());

    // Said, with the file and the reader's reason, and nothing priced (the built-in sample
    // clinic's ¥21,054 for month 1 of 20 mg for a woman is not shown).
    let said = labels_with(&h, "cannot be used, so nothing is priced");
    assert!(!said.is_empty());
    assert!(said[0].contains("our-clinic.toml:6:"), "{}", said[0]);
    assert!(h.query_by_label("Female").is_none());
    assert!(labels_with(&h, "Month 1:").is_empty());
    assert!(labels_with(&h, "¥21,054").is_empty());
    assert!(labels_with(&h, "still in use").is_empty());
    assert!(!labels_with(&h, "None in use (our-clinic.toml cannot be used)").is_empty());

    // Export and Save write nothing and say why.
    let pdf = dir.path().join("q.pdf");
    h.state_mut().run_command(Command::ExportPdf(pdf.clone()));
    h.run();
    assert!(!pdf.exists());
    let b = h.state().banner.clone().expect("a banner");
    assert!(b.error && b.text.contains("our-clinic.toml"), "{}", b.text);
    let saved = dir.path().join("q.json");
    h.state_mut().run_command(Command::SaveQuote(saved.clone()));
    h.run();
    assert!(!saved.exists());

    // Another notice does not hide the reason; the choice is still not the sample clinic.
    h.state_mut().banner = Some(Banner {
        error: false,
        text: "Saved.".into(),
    });
    h.run();
    assert!(!labels_with(&h, "cannot be used, so nothing is priced").is_empty());
    assert_eq!(
        h.state().settings.last_sheet.as_deref(),
        Some(sheet.as_path())
    );

    // Fixed and tried again: the clinic's own prices (first visit ¥5,000, not ¥3,850).
    clinic_sheet(dir.path(), false);
    h.get_by_label("Try again").click();
    h.run();
    h.run();
    assert!(labels_with(&h, "cannot be used, so nothing is priced").is_empty());
    h.get_by_label("Female").click();
    h.get_by_label("20 mg").click();
    h.run();
    one_named(&h, "Month 1: ¥22,204");
    h.state_mut().run_command(Command::ExportPdf(pdf.clone()));
    assert!(pdf.exists());
}

#[test]
fn choosing_the_built_in_sheet_is_a_choice_and_prices_again() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = clinic_sheet(dir.path(), true);
    let settings = Settings {
        lang: Lang::En,
        last_sheet: Some(sheet),
        ..Settings::default()
    };
    let mut h = opened_with(settings, dir.path().to_path_buf());
    assert!(h.query_by_label("Female").is_none());
    h.state_mut().run_command(Command::LoadSheet(None));
    h.run();
    h.get_by_label("Female").click();
    h.get_by_label("20 mg").click();
    h.run();
    one_named(&h, "Month 1: ¥21,054");
    assert!(h.state().settings.last_sheet.is_none());
}

#[test]
fn the_reader_s_words_are_quoted_as_its_own_in_japanese_and_korean() {
    for (lang, quoted) in [
        (Lang::Ja, "読み取り部品の英語の原文：「"),
        (Lang::Ko, "판독 부품의 영어 원문: \""),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let sheet = clinic_sheet(dir.path(), true);
        let settings = Settings {
            lang,
            last_sheet: Some(sheet),
            ..Settings::default()
        };
        let h = opened_with(settings, dir.path().to_path_buf());
        let said = labels_with(&h, "our-clinic.toml:");
        assert!(!said.is_empty());
        assert!(said[0].contains(quoted), "{}", said[0]);
        // The reader's English appears only inside the quotation.
        let (_, after) = said[0].split_once(quoted).unwrap();
        assert!(after.contains("expected"), "{}", said[0]);
        assert!(!said[0].contains("（unclosed") && !said[0].contains("(unclosed"));
    }
}
