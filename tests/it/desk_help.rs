//! Issue 24 item 6: F1 opens the help for the screen shown, in the screen's language, with
//! the keys and where the prices and the register are; F1 again (or Escape) closes it.

use dose_planner::app::DesktopApp;
use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

fn app() -> Harness<'static, DesktopApp> {
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(|cc| {
            let mut app =
                DesktopApp::with_options(cc, jiff::civil::date(2025, 4, 1), Path::new("pricing"));
            app.settings.open_after_export = false;
            app
        });
    h.run();
    h
}

fn f1(h: &mut Harness<'static, DesktopApp>) {
    h.key_press(Key::F1);
    h.run();
    h.run();
}

#[test]
fn f1_opens_the_help_of_the_screen_shown_in_each_language() {
    let mut h = app();
    h.get_by_label("English").click();
    h.run();
    assert!(h.query_by_label_contains("reception's estimate").is_none());
    f1(&mut h);
    assert!(
        h.query_by_label_contains("Quote — reception's estimate")
            .is_some()
    );
    assert!(h.query_by_label_contains("Ctrl+N New patient").is_some());
    assert!(
        h.query_by_label_contains("Prices come from the price sheet")
            .is_some()
    );
    f1(&mut h);
    assert!(
        h.query_by_label_contains("reception's estimate").is_none(),
        "F1 closes it"
    );

    // Another screen, another page.
    h.get_by_label("Plan").click();
    h.run();
    f1(&mut h);
    assert!(
        h.query_by_label_contains("Plan — the doctor's course")
            .is_some()
    );
    assert!(h.query_by_label_contains("reception's estimate").is_none());
    h.key_press(Key::Escape);
    h.run();
    h.run();
    assert!(h.query_by_label_contains("the doctor's course").is_none());

    // Japanese and Korean.
    for (lang, page) in [
        ("日本語", "治療計画 ― 医師の計画です"),
        ("한국어", "치료 계획 — 의사의 계획입니다"),
    ] {
        h.get_by_label(lang).click();
        h.run();
        f1(&mut h);
        assert!(h.query_by_label_contains(page).is_some(), "{lang}");
        f1(&mut h);
    }
}
