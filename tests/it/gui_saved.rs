#![allow(clippy::unwrap_used)]
//! Saved quotes, crash recovery and faults in the desk app, driven headless with
//! egui_kittest. Every file lives in a temp folder; "today" is fixed.

use crate::common;

use std::path::{Path, PathBuf};

use common::MemoryStorage;
use dose_planner::app::{Command, DesktopApp, PriceNotice, Screen};
use dose_planner::estimate::Sex;
use dose_planner::files::Recovery;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

/// The app in English with sheets from `sheet_dir` and its recovery file in `recovery_dir`.
fn app(sheet_dir: &Path, recovery_dir: &Path) -> Harness<'static, DesktopApp> {
    let sheet_dir = sheet_dir.to_path_buf();
    let recovery = Recovery::in_dir(recovery_dir);
    let mut h = Harness::builder()
        .with_size([1280.0, 1000.0])
        .build_eframe(move |cc| {
            let mut app =
                DesktopApp::with_options(cc, today(), &sheet_dir).with_recovery(Some(recovery));
            app.settings.open_after_export = false;
            app.settings.lang = dose_planner::i18n::Lang::En;
            app
        });
    h.run();
    h
}

/// A temp folder holding a copy of the reference sheet (`clinic.toml`).
fn folder_with_sheet() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("clinic.toml");
    std::fs::copy("pricing/reference-clinic-jp.toml", &sheet).unwrap();
    (dir, sheet)
}

/// At least one widget reads exactly `label` (a total also shows in the protocol table).
#[track_caller]
fn shows(h: &Harness<'static, DesktopApp>, label: &str) {
    assert!(
        h.query_all_by_label(label).next().is_some(),
        "nothing reads {label}"
    );
}

/// The recovery files (`*.json`) in `dir`, sorted.
fn plans_in(dir: &Path) -> Vec<PathBuf> {
    common::recovery_files(dir)
}

use common::{banner, run};

/// The default plan (20, 40, 40, 40, 60, 60 mg/day) for a woman, first visit, 6 months, on
/// the reference sheet:
///   consultations 3,850 + 5 × 1,650 = 12,100
///   tests 6 × (3,608 + 1,056)       = 27,984
///   capsules: 20 mg a day is one 20 mg capsule, 40 is two, 60 is three:
///     30 × (1 + 2 + 2 + 2 + 3 + 3) = 390 capsules of 20 mg × 418 = 163,020
///   total                            = 203,104
const PLAN_TOTAL: &str = "¥203,104";
/// The same plan with the 20 mg capsule at 450 yen: 390 × 32 = 12,480 more.
const PLAN_TOTAL_RAISED: &str = "¥215,584";

fn female_plan(h: &mut Harness<'static, DesktopApp>) {
    h.get_by_label("Plan").click();
    h.run();
    common::typical_plan(h);
    h.get_by_label("Female").click();
    h.run();
    shows(h, PLAN_TOTAL);
}

#[test]
fn saved_plan_reopens_at_its_prices_with_a_notice_then_reprices() {
    let (dir, sheet) = folder_with_sheet();
    let saved = dir.path().join("plan.json");
    let rec = dir.path().join("data");
    {
        let mut h = app(dir.path(), &rec);
        run(&mut h, Command::LoadSheet(Some(sheet.clone())));
        female_plan(&mut h);
        h.get_by_label("Weight (kg)").set_value_accesskit(55.0);
        h.run();
        assert_eq!(plans_in(&rec).len(), 1, "autosaved");
        run(&mut h, Command::SaveQuote(saved.clone()));
        assert!(banner(&h, false).starts_with("Quote saved: "));
        assert!(saved.exists());
        // Saving discards the recovery copy.
        assert!(plans_in(&rec).is_empty());
    }

    // The clinic raises the 20 mg capsule from 418 to 450 yen.
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert_eq!(text.matches("price = 418").count(), 1);
    std::fs::write(&sheet, text.replace("price = 418", "price = 450")).unwrap();

    let mut h = app(dir.path(), &rec);
    assert_eq!(h.state().settings.screen, Screen::Quote);
    run(&mut h, Command::OpenQuote(saved.clone()));
    assert!(banner(&h, false).starts_with("Opened plan.json, saved on 2025-04-01."));
    // The plan is back on the plan screen, at the saved prices.
    assert_eq!(h.state().settings.screen, Screen::Plan);
    assert_eq!(h.state().patient.sex, Some(Sex::Female));
    assert_eq!(h.state().patient.weight_kg().unwrap(), 55.0);
    shows(&h, PLAN_TOTAL);
    h.get_by_label("Prices saved in plan.json (2025-04-01)");
    h.get_by_label(&format!(
        "Prices have changed since this quote was saved: {PLAN_TOTAL} then, {PLAN_TOTAL_RAISED} today."
    ));
    assert!(matches!(
        h.state().opened.as_ref().map(|o| &o.notice),
        Some(PriceNotice::Changed { .. })
    ));

    h.get_by_label("Re-price").click();
    h.run();
    shows(&h, PLAN_TOTAL_RAISED);
    assert!(h.query_all_by_label(PLAN_TOTAL).next().is_none());
    assert!(h.query_by_label("Re-price").is_none());
    assert_eq!(h.state().sheet.path.as_deref(), Some(sheet.as_path()));
    assert!(banner(&h, false).starts_with("Re-priced with today's prices"));
    // Opening is no edit: nothing was written to the recovery file.
    assert!(plans_in(&rec).is_empty());
}

#[test]
fn a_quote_without_weight_reopens_on_the_quote_screen_with_the_same_prices() {
    let (dir, _sheet) = folder_with_sheet();
    let saved = dir.path().join("quote.json");
    let mut h = app(dir.path(), &dir.path().join("data"));
    h.get_by_label("40 mg").click();
    h.run();
    // No sex: the banner asks for one, as the PDF export does, and nothing is written.
    run(&mut h, Command::SaveQuote(saved.clone()));
    assert_eq!(banner(&h, true), "Choose female or male to save the quote.");
    assert!(!saved.exists());

    h.get_by_label("Male").click();
    h.run();
    run(&mut h, Command::SaveQuote(saved.clone()));
    banner(&h, false);

    let mut h = app(dir.path(), &dir.path().join("data"));
    run(&mut h, Command::OpenQuote(saved));
    assert_eq!(h.state().settings.screen, Screen::Quote);
    assert_eq!(h.state().quote.inputs.dose, "40");
    assert_eq!(h.state().patient.sex, Some(Sex::Male));
    // The built-in sheet is today's sheet and its prices did not change.
    h.get_by_label("Today's prices give the same total as when this quote was saved.");
    h.get_by_label("Use today's price sheet").click();
    h.run();
    assert!(h.state().sheet.saved_prices.is_none());
}

#[test]
fn recovery_is_offered_at_the_next_start_then_restored_or_discarded() {
    let (dir, _sheet) = folder_with_sheet();
    let rec = dir.path().join("data");
    let first = {
        let mut h = app(dir.path(), &rec);
        // Nothing is written before the user changes something.
        assert!(plans_in(&rec).is_empty());
        female_plan(&mut h);
        let files = plans_in(&rec);
        assert_eq!(files.len(), 1);
        h.get_by_label("Weight (kg)").set_value_accesskit(72.5);
        h.run();
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(text.contains("72.5"), "{text}");
        // The app "crashes" here: dropped without closing.
        files[0].clone()
    };

    let mut h = app(dir.path(), &rec);
    h.get_by_label_contains("Restore the plan from the last session? Female,");
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().settings.screen, Screen::Plan);
    assert_eq!(h.state().patient.weight_kg().unwrap(), 72.5);
    assert_eq!(h.state().patient.sex, Some(Sex::Female));
    shows(&h, PLAN_TOTAL);
    assert!(h.query_by_label("Restore").is_none());
    // The plan is now this app's: kept in its own recovery file, the old file gone.
    let files = plans_in(&rec);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_ne!(files[0], first);
    assert!(std::fs::read_to_string(&files[0]).unwrap().contains("72.5"));
    drop(h);

    let mut h = app(dir.path(), &rec);
    h.get_by_label_contains("Restore the plan from the last session? Female,");
    h.get_by_label("Discard").click();
    h.run();
    assert!(plans_in(&rec).is_empty());
    assert!(h.query_by_label("Restore").is_none());
    drop(h);

    let h = app(dir.path(), &rec);
    assert!(
        h.query_by_label_contains("Restore the plan from the last session?")
            .is_none()
    );
}

#[test]
fn a_damaged_recovery_file_is_reported_and_can_be_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("data");
    std::fs::create_dir_all(&rec).unwrap();
    std::fs::write(rec.join("recovery.json"), "{\"schema_version\": 1, \"quo").unwrap();
    let mut h = app(dir.path(), &rec);
    h.get_by_label_contains(
        "The work from the last session (a quote or a plan) cannot be restored:",
    );
    assert!(h.query_by_label("Restore").is_none());
    h.get_by_label("Discard").click();
    h.run();
    assert!(!rec.join("recovery.json").exists());
    assert!(plans_in(&rec).is_empty());
}

#[test]
fn saving_into_a_missing_folder_or_onto_a_folder_fails_clearly_and_the_app_goes_on() {
    let (dir, _sheet) = folder_with_sheet();
    let mut h = app(dir.path(), &dir.path().join("data"));
    female_plan(&mut h);

    let missing = dir.path().join("no-such-folder").join("plan.json");
    run(&mut h, Command::SaveQuote(missing.clone()));
    let text = banner(&h, true);
    assert!(
        text.starts_with("Could not save the quote: cannot save "),
        "{text}"
    );
    assert!(text.contains("does not exist"), "{text}");
    assert!(!missing.exists());
    assert!(!missing.parent().unwrap().exists());

    run(&mut h, Command::SaveQuote(dir.path().to_path_buf()));
    let text = banner(&h, true);
    assert!(
        text.contains("that is a folder; choose a file name"),
        "{text}"
    );
    assert!(h.state().settings.recent_quotes.is_empty());

    // Still working: an edit is priced at once.
    h.get_by_label("Male").click();
    h.run();
    assert!(h.query_all_by_label(PLAN_TOTAL).next().is_none());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_saved_file_replaced_by_garbage_or_cut_short_is_refused_with_the_reason() {
    let (dir, _sheet) = folder_with_sheet();
    let saved = dir.path().join("plan.json");
    let mut h = app(dir.path(), &dir.path().join("data"));
    female_plan(&mut h);
    run(&mut h, Command::SaveQuote(saved.clone()));
    let good = std::fs::read_to_string(&saved).unwrap();

    for (bad, reason) in [
        ("PK\u{3}\u{4} not json".to_string(), "is not a saved quote"),
        (good[..good.len() / 2].to_string(), "is not a saved quote"),
        (
            good.replace("\"schema_version\": 2", "\"schema_version\": 9"),
            "saved by a newer version of the app",
        ),
        (
            good.replace("\"total\": 203104", "\"total\": 103104"),
            "does not match its prices",
        ),
    ] {
        std::fs::write(&saved, &bad).unwrap();
        h.get_by_label("Male").click();
        h.run();
        run(&mut h, Command::OpenQuote(saved.clone()));
        let text = banner(&h, true);
        assert!(text.starts_with("Could not open the quote: "), "{text}");
        assert!(text.contains(reason), "{reason}: {text}");
        // The app keeps its state: the male plan, the sheet in use, no notice.
        assert_eq!(h.state().patient.sex, Some(Sex::Male));
        assert!(h.state().sheet.saved_prices.is_none());
        assert!(h.state().opened.is_none());
        h.get_by_label("Female").click();
        h.run();
        shows(&h, PLAN_TOTAL);
    }
}

#[test]
fn a_sheet_deleted_while_the_app_runs_keeps_the_last_good_one() {
    let (dir, sheet) = folder_with_sheet();
    let mut h = app(dir.path(), &dir.path().join("data"));
    h.get_by_label("Price sheet").click();
    h.run();
    h.get_by_label_contains("(clinic.toml)").click();
    h.run();
    assert_eq!(h.state().sheet.path.as_deref(), Some(sheet.as_path()));
    female_plan(&mut h);

    std::fs::remove_file(&sheet).unwrap();
    run(&mut h, Command::LoadSheet(Some(sheet.clone())));
    let text = banner(&h, true);
    assert!(text.contains("cannot read"), "{text}");
    assert!(text.contains("no such file or folder"), "{text}");
    assert!(
        text.contains("The last good price sheet is still in use."),
        "{text}"
    );
    assert_eq!(h.state().sheet.path.as_deref(), Some(sheet.as_path()));
    shows(&h, PLAN_TOTAL);
}

#[test]
fn recent_quotes_are_kept_in_settings_most_recent_first_and_vanished_ones_dropped() {
    let (dir, _sheet) = folder_with_sheet();
    let mut h = app(dir.path(), &dir.path().join("data"));
    female_plan(&mut h);
    h.get_by_label("Weight (kg)").set_value_accesskit(64.5);
    h.run();
    let paths: Vec<PathBuf> = (0..10)
        .map(|i| dir.path().join(format!("q{i}.json")))
        .collect();
    for p in &paths {
        run(&mut h, Command::SaveQuote(p.clone()));
    }
    let recent = h.state().settings.recent_quotes.clone();
    assert_eq!(recent.len(), 8);
    assert_eq!(recent[0], paths[9]);
    assert_eq!(recent[7], paths[2]);

    // Persisted with the settings, with no patient input.
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let settings: dose_planner::app::Settings =
        eframe::get_value(&storage, eframe::APP_KEY).unwrap();
    assert_eq!(settings.recent_quotes, recent);
    let raw = storage.0.get(eframe::APP_KEY).cloned().unwrap_or_default();
    for patient in ["emale", "64.5", "203104", "weight"] {
        assert!(!raw.contains(patient), "{patient} in {raw}");
    }

    // Reopening through the menu; a file that has gone is reported and dropped.
    std::fs::remove_file(&paths[9]).unwrap();
    h.get_by_label("Recent quotes").click();
    h.run();
    h.get_by_label("Open recent quote q9.json").click();
    h.run();
    let text = banner(&h, true);
    assert!(text.contains("q9.json is no longer there"), "{text}");
    assert_eq!(h.state().settings.recent_quotes.len(), 7);
    assert!(!h.state().settings.recent_quotes.contains(&paths[9]));

    h.get_by_label("Recent quotes").click();
    h.run();
    h.get_by_label("Open recent quote q5.json").click();
    h.run();
    assert!(banner(&h, false).starts_with("Opened q5.json"));
    assert_eq!(h.state().settings.recent_quotes[0], paths[5]);
    assert_eq!(h.state().patient.weight_kg().unwrap(), 64.5);
}

#[test]
fn a_saved_plan_brings_back_its_screening_answers() {
    let (dir, _sheet) = folder_with_sheet();
    let saved = dir.path().join("plan.json");
    let rec = dir.path().join("data");
    {
        let mut h = app(dir.path(), &rec);
        female_plan(&mut h);
        h.get_by_label("Screening & safety").click();
        h.run();
        h.get_by_label("Breastfeeding").click();
        h.run();
        run(&mut h, Command::SaveQuote(saved.clone()));
        assert!(saved.exists());
    }
    let mut h = app(dir.path(), &rec);
    run(&mut h, Command::OpenQuote(saved));
    let screening = &h.state().plan.inputs.screening;
    assert_eq!(screening.checked.len(), 1, "{screening:?}");
    assert!(
        h.query_all_by_label_contains("Breastfeeding: isotretinoin is contraindicated")
            .next()
            .is_some()
    );
}
