//! The desk screen for reception: the month table one row per month, and the keyboard path.
//!
//! Driven headless with egui_kittest at a 1366×728 window (a 1366×768 screen less its task
//! bar) through what a person reads and the keys a person presses; "today" is 1 April 2025.
//! The reference sheet (domain.md §3): first visit 3,850, return visit 1,650, 20 mg capsule
//! 418, blood test 3,608 a visit, urine pregnancy test 1,056 a visit (women).

use crate::common::{self, one_named, run};

use dose_planner::app::{Command, DesktopApp};
use dose_planner::i18n::Lang;
use eframe::egui::accesskit::Role;
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};

/// The app as launched on the quote screen in English (the language a clinic chose once,
/// kept in its settings), with the in-app path field for Export and PDFs written to `folder`.
fn launch(folder: &Path) -> Harness<'static, DesktopApp> {
    let folder = folder.to_path_buf();
    let mut h = Harness::builder()
        .with_size([1366.0, 728.0])
        .build_eframe(move |cc| {
            let mut app =
                DesktopApp::with_options(cc, jiff::civil::date(2025, 4, 1), Path::new("pricing"));
            app.settings.lang = Lang::En;
            app.settings.open_after_export = false;
            app.native_dialogs = false;
            app.quote.save_folder = Some(folder);
            app
        });
    h.run();
    h
}

/// Key presses counted as a person presses them: one per key, or per shortcut.
struct Keyboard {
    pressed: usize,
}

impl Keyboard {
    fn key(&mut self, h: &mut Harness<'static, DesktopApp>, key: Key) {
        h.key_press(key);
        h.run();
        self.pressed += 1;
    }

    /// Ctrl+`key` (what a Linux or Windows keyboard sends: Ctrl, which egui also calls
    /// Command there).
    fn ctrl(&mut self, h: &mut Harness<'static, DesktopApp>, key: Key) {
        h.key_press_modifiers(Modifiers::CTRL | Modifiers::COMMAND, key);
        h.run();
        self.pressed += 1;
    }
}

/// The top edge of each text reading exactly `name`, top to bottom: the table's cells and
/// headings (a big total reads "caption: figure", so its figure is not counted here).
fn rows_of(h: &Harness<'static, DesktopApp>, name: &str) -> Vec<f64> {
    let mut ys: Vec<f64> = h
        .query_all_by_role_and_label(Role::Label, name)
        .filter(|n| n.accesskit_node().label().is_none())
        .map(|n| n.accesskit_node().bounding_box().unwrap().y0)
        .collect();
    ys.sort_by(f64::total_cmp);
    ys
}

fn y(h: &Harness<'static, DesktopApp>, name: &str) -> f64 {
    h.get_by_role_and_label(Role::Label, name)
        .accesskit_node()
        .bounding_box()
        .unwrap()
        .y0
}

#[test]
fn reception_quotes_a_woman_in_three_keys_and_saves_her_pdf_in_two_more() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = launch(dir.path());
    let mut keys = Keyboard { pressed: 0 };
    // From launch nothing has focus: the sex is not given yet, so the totals are a range.
    one_named(&h, "Month 1: ¥19,998 – ¥21,054");

    keys.key(&mut h, Key::F); // woman
    keys.key(&mut h, Key::V); // first visit
    keys.key(&mut h, Key::Num2); // 20 mg/day (6 months is where the months start)
    assert!(keys.pressed <= 6, "{} keys to the quote", keys.pressed);
    // Month 1: 3,850 + 30 × 418 (12,540) + 3,608 + 1,056 = 21,054.
    one_named(&h, "Month 1: ¥21,054");
    // Each return month: 1,650 + 12,540 + 3,608 + 1,056 = 18,854.
    one_named(&h, "Each return month: ¥18,854");
    // 21,054 + 5 × 18,854 = 115,324.
    one_named(&h, "Whole course (6 months): ¥115,324");

    // Ctrl+E: the save dialog (here the in-app path field, in the folder chosen), Enter saves.
    keys.ctrl(&mut h, Key::E);
    h.run();
    assert!(h.state().path_field.is_some(), "no path field after Ctrl+E");
    h.get_by_label("Save the PDF as");
    keys.key(&mut h, Key::Enter);
    h.run();
    assert!(keys.pressed <= 8, "{} keys to the PDF", keys.pressed);
    let saved = common::banner(&h, false);
    assert!(saved.starts_with("Saved "), "{saved}");
    let pdfs: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    assert!(std::fs::read(&pdfs[0]).unwrap().starts_with(b"%PDF"));
}

#[test]
fn keys_choose_the_man_the_range_a_return_visit_the_dose_and_the_months() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = launch(dir.path());
    let mut keys = Keyboard { pressed: 0 };
    keys.key(&mut h, Key::M);
    keys.key(&mut h, Key::R);
    keys.key(&mut h, Key::Num4);
    // A man, return visit, 40 mg = 2 × 20 mg: 1,650 + 60 × 418 (25,080) + 3,608 = 30,338
    // every month; 6 × 30,338 = 182,028.
    one_named(&h, "Month 1: ¥30,338");
    one_named(&h, "Whole course (6 months): ¥182,028");
    keys.key(&mut h, Key::Minus);
    keys.key(&mut h, Key::Minus);
    // 4 × 30,338 = 121,352.
    one_named(&h, "Whole course (4 months): ¥121,352");
    keys.key(&mut h, Key::Plus);
    // 5 × 30,338 = 151,690.
    one_named(&h, "Whole course (5 months): ¥151,690");
    keys.key(&mut h, Key::N);
    // Not given: the woman adds the urine test, 1,056 a month: 30,338 + 1,056 = 31,394.
    one_named(&h, "Month 1: ¥30,338 – ¥31,394");
    keys.key(&mut h, Key::Num1);
    keys.key(&mut h, Key::V);
    keys.key(&mut h, Key::F);
    // A woman, first visit, 10 mg = 1 × 10 mg: 3,850 + 30 × 308 (9,240) + 3,608 + 1,056 =
    // 17,754.
    one_named(&h, "Month 1: ¥17,754");

    // Ctrl+2 … Ctrl+1: to the Plan screen and back.
    keys.ctrl(&mut h, Key::Num2);
    assert_eq!(h.state().settings.screen, dose_planner::app::Screen::Plan);
    keys.ctrl(&mut h, Key::Num1);
    assert_eq!(h.state().settings.screen, dose_planner::app::Screen::Quote);
    one_named(&h, "Month 1: ¥17,754");
}

#[test]
fn keys_type_into_a_focused_text_field_and_choose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = launch(dir.path());
    for field in ["Dose (mg/day, e.g. 30 or 10/20)", "Patient"] {
        h.get_by_role_and_label(Role::TextInput, field).focus();
        h.run();
        for key in [Key::F, Key::M, Key::R, Key::Num4, Key::Minus] {
            h.key_press(key);
            h.run();
        }
        // Still the range for a first visit at 20 mg for 6 months.
        one_named(&h, "Month 1: ¥19,998 – ¥21,054");
        one_named(&h, "Whole course (6 months): ¥108,988 – ¥115,324");
    }
    // The same keys with nothing focused choose.
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::F);
    h.run();
    one_named(&h, "Month 1: ¥21,054");
}

#[test]
fn the_controls_show_their_keys_and_keep_their_plain_names() {
    let dir = tempfile::tempdir().unwrap();
    let h = launch(dir.path());
    for (role, name, key) in [
        (Role::RadioButton, "Female", "F"),
        (Role::RadioButton, "Male", "M"),
        (Role::RadioButton, "Not given (range)", "N"),
        (Role::RadioButton, "First visit", "V"),
        (Role::RadioButton, "Return visit", "R"),
        (Role::Button, "20 mg", "2"),
        (Role::Button, "80 mg", "8"),
        (Role::Button, "Export PDF…", "Ctrl+E"),
        (Role::Button, "Save quote…", "Ctrl+S"),
        (Role::Button, "Quote", "Ctrl+1"),
        (Role::Button, "Quotes", "Ctrl+5"),
    ] {
        let node = h.get_by_role_and_label(role, name);
        assert_eq!(
            node.accesskit_node().data().keyboard_shortcut(),
            Some(key),
            "{name}"
        );
    }
}

#[test]
fn the_table_has_a_row_per_month_with_item_columns_and_the_course_total() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = launch(dir.path());
    h.key_press(Key::F);
    h.run();
    // Each item is a column, named once in the header.
    for head in [
        "Month",
        "Consultation",
        "Medication",
        "Blood test",
        "Urine pregnancy test",
        "Subtotal",
    ] {
        assert_eq!(rows_of(&h, head).len(), 1, "{head}");
    }
    // One row per month: month 1's subtotal 21,054, months 2–6 18,854 each, on six lines.
    let subtotals: Vec<f64> = [rows_of(&h, "¥21,054"), rows_of(&h, "¥18,854")].concat();
    assert_eq!(subtotals.len(), 6);
    // Each month's medication (12,540) and blood test (3,608) sit on its subtotal's line.
    assert_eq!(rows_of(&h, "¥12,540"), subtotals);
    assert_eq!(rows_of(&h, "¥3,608"), subtotals);
    // The consultation column: 3,850 in month 1, 1,650 in months 2–6.
    assert_eq!(rows_of(&h, "¥3,850"), rows_of(&h, "¥21,054"));
    assert_eq!(rows_of(&h, "¥1,650"), rows_of(&h, "¥18,854"));
    // The course total row under the months: the course total 115,324, as in the big box.
    h.get_by_label("Course total");
    assert_eq!(rows_of(&h, "¥115,324"), vec![y(&h, "Course total")]);
    assert!(y(&h, "Course total") > subtotals[5]);
    // The table of a range is the woman's, and says so.
    h.key_press(Key::N);
    h.run();
    h.get_by_label("Table shown for: Female");
    assert_eq!(rows_of(&h, "¥115,324").len(), 1);
}

#[test]
fn a_long_course_scrolls_under_the_header_with_the_total_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = launch(dir.path());
    h.key_press(Key::F);
    h.run();
    h.get_by_label("Months").set_value_accesskit(24.0);
    h.run();
    // 21,054 + 23 × 18,854 = 454,696.
    one_named(&h, "Whole course (24 months): ¥454,696");
    let head = y(&h, "Subtotal");
    let total = y(&h, "Course total");
    // The header and the total row are in the window; month 24 is below the total row, out
    // of view until the months are scrolled.
    assert!(total < 728.0 && head < total, "{head} {total}");
    let months = rows_of(&h, "¥18,854");
    assert_eq!(months.len(), 23);
    assert!(months[22] > total, "month 24 at {} is in view", months[22]);

    // Scrolled with the mouse wheel over the months: the months move, the header stays.
    let subtotal_x = h
        .get_by_role_and_label(Role::Label, "Subtotal")
        .accesskit_node()
        .bounding_box()
        .unwrap()
        .x0;
    h.hover_at(egui::pos2(subtotal_x as f32 + 4.0, months[2] as f32 + 4.0));
    h.run();
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -2000.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    for _ in 0..10 {
        h.step();
    }
    h.run();
    assert_eq!(y(&h, "Subtotal"), head);
    assert_eq!(y(&h, "Course total"), total);
    let scrolled = rows_of(&h, "¥18,854");
    assert!(
        scrolled[22] < total,
        "month 24 at {} still below the total row at {total}",
        scrolled[22]
    );
}

#[test]
fn the_total_boxes_keep_their_width_when_the_figures_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = launch(dir.path());
    let x = |h: &Harness<'static, DesktopApp>, name: &str| {
        h.get_by_role_and_label(Role::Label, name)
            .accesskit_node()
            .bounding_box()
            .unwrap()
            .x0
    };
    // The range "¥108,988 – ¥115,324" and the single figure "¥115,324": the boxes to its
    // right stay where they were.
    let range = (x(&h, "Each return month"), x(&h, "Whole course (6 months)"));
    h.key_press(Key::F);
    h.run();
    let one = (x(&h, "Each return month"), x(&h, "Whole course (6 months)"));
    assert_eq!(range, one);
}

/// The telephone sheet: later visits by telephone at 1,100 with no tests and 550 shipping;
/// monitor discount 10% of the medication; student discount 5% of the course, rounded down.
#[test]
fn the_telephone_sheets_visit_kinds_and_discounts_are_columns_and_lines_of_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = launch(dir.path());
    run(
        &mut h,
        Command::LoadSheet(Some(PathBuf::from("pricing/example-clinic-telephone.toml"))),
    );
    h.key_press(Key::F);
    h.key_press(Key::Minus);
    h.key_press(Key::Minus);
    h.key_press(Key::Minus);
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "Telephone")
        .click();
    h.get_by_role_and_label(Role::CheckBox, "Monitor discount")
        .click();
    h.get_by_role_and_label(Role::CheckBox, "Student discount")
        .click();
    h.run();
    // Month 1 in person: 3,850 + 12,540 − 1,254 (10% of 12,540) + 3,608 + 1,056 = 19,800.
    // Months 2–3 by telephone: 1,100 + 12,540 − 1,254 + 550 = 12,936 each, no tests.
    // 19,800 + 2 × 12,936 = 45,672; the student discount 5% of it, 2,283.6, rounded down to
    // 2,283: 45,672 − 2,283 = 43,389.
    one_named(&h, "Whole course (3 months): ¥43,389");
    let month1 = rows_of(&h, "¥19,800");
    let phoned = rows_of(&h, "¥12,936");
    assert_eq!((month1.len(), phoned.len()), (1, 2));
    // The visit column names the kind of each visit.
    assert_eq!(rows_of(&h, "First visit"), month1);
    assert_eq!(rows_of(&h, "Telephone"), phoned);
    // Shipping and the monitor discount are columns: named once, a figure in each month.
    assert_eq!(rows_of(&h, "Shipping").len(), 1);
    assert_eq!(rows_of(&h, "Monitor discount").len(), 1);
    assert_eq!(rows_of(&h, "¥550"), phoned);
    assert_eq!(
        rows_of(&h, "-¥1,254"),
        [month1.clone(), phoned.clone()].concat()
    );
    // The telephone months have no tests: a dash in the test columns.
    assert_eq!(rows_of(&h, "¥3,608"), month1);
    // The student discount is its own line under the months, then the course total.
    let student = rows_of(&h, "-¥2,283");
    assert_eq!(student.len(), 1);
    assert!(student[0] > phoned[1]);
    assert_eq!(rows_of(&h, "¥43,389"), vec![y(&h, "Course total")]);
    assert!(y(&h, "Course total") > student[0]);
}

/// Every example sheet draws its table, and its total row says the big box's total.
#[test]
fn every_example_sheets_table_ends_with_the_course_total() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = launch(dir.path());
    h.key_press(Key::F);
    h.run();
    let mut sheets: Vec<PathBuf> = std::fs::read_dir("pricing")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    sheets.sort();
    for sheet in sheets {
        run(&mut h, Command::LoadSheet(Some(sheet.clone())));
        h.run();
        let est = h.state().current_estimate().unwrap();
        let total = est.total;
        let shown = h
            .query_all_by(|n| {
                n.label()
                    .is_some_and(|l| l.starts_with("Whole course (6 months): "))
            })
            .next()
            .and_then(|n| n.accesskit_node().label())
            .unwrap();
        let figure = shown
            .trim_start_matches("Whole course (6 months): ")
            .to_string();
        // The total row carries the same figure as the big box, on the total row's line.
        assert_eq!(
            rows_of(&h, &figure),
            vec![y(&h, "Course total")],
            "{}: {figure}",
            sheet.display()
        );
        assert_eq!(est.months.len(), 6, "{}", sheet.display());
        assert!(total.0 > 0);
    }
}
