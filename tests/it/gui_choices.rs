//! The desk app's choices from a sheet (issue 11): the product, the kind of later visits and
//! the discounts, chosen by their labels as a receptionist would, and the totals read back
//! by their accessible names. The arithmetic is worked from the sheets' prices in each test.

use crate::common::{self, one_named, run};

use dose_planner::app::{ChoiceInputs, Command, DesktopApp, Screen};
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::PathBuf;

/// The app in English with the sheet `name` from pricing/ loaded.
fn with_sheet(name: &str) -> Harness<'static, DesktopApp> {
    let mut h = Harness::builder()
        .with_size([1366.0, 1400.0])
        .build_eframe(|cc| {
            let mut app = DesktopApp::with_options(
                cc,
                jiff::civil::date(2025, 4, 1),
                std::path::Path::new("pricing"),
            );
            app.settings.open_after_export = false;
            app
        });
    h.run();
    h.get_by_label("English").click();
    h.run();
    run(
        &mut h,
        Command::LoadSheet(Some(PathBuf::from(format!("pricing/{name}")))),
    );
    assert!(!common::banner(&h, false).is_empty());
    h
}

/// The telephone sheet: consultation 3,850 first / 1,650 return, 20 mg capsule 418, blood
/// test 3,608, urine test 1,056 (women); telephone visits 1,100 with no tests and 550
/// shipping; discounts monitor (10% of the medication), welcome (¥1,000 off month 1),
/// student (5% of the course, rounded down).
fn telephone() -> Harness<'static, DesktopApp> {
    with_sheet("example-clinic-telephone.toml")
}

/// Sex, 20 mg and the number of months, as reception enters them.
fn enter(h: &mut Harness<'static, DesktopApp>, sex: &str, dose: &str, months: u32) {
    h.get_by_label(sex).click();
    h.get_by_label(dose).click();
    h.get_by_label("Months")
        .set_value_accesskit(f64::from(months));
    h.run();
}

fn tick(h: &mut Harness<'static, DesktopApp>, discount: &str) {
    h.get_by_role_and_label(Role::CheckBox, discount).click();
    h.run();
}

fn later_visits(h: &mut Harness<'static, DesktopApp>, kind: &str) {
    h.get_by_role_and_label(Role::RadioButton, kind).click();
    h.run();
}

#[test]
fn telephone_later_visits_price_their_own_fee_and_shipping() {
    let mut h = telephone();
    enter(&mut h, "Male", "20 mg", 3);
    // In person: 3,850 + 30 × 418 (12,540) + 3,608 = 19,998; then 1,650 + 12,540 + 3,608 =
    // 17,798 a month.
    one_named(&h, "Whole course (3 months): ¥55,594");
    later_visits(&mut h, "Telephone");
    // Month 1 stays in person: 19,998. Months 2–3 by telephone: 1,100 + 12,540 + 550
    // shipping = 14,190 each, no tests. 19,998 + 2 × 14,190 = 48,378.
    one_named(&h, "Month 1: ¥19,998");
    one_named(&h, "Each return month: ¥14,190");
    one_named(&h, "Whole course (3 months): ¥48,378");
    h.get_by_label("Visits: In person: month 1; Telephone: months 2–3");
    // The month table: two telephone visits, and a shipping column with two figures.
    assert_eq!(
        h.query_all_by_role_and_label(Role::Label, "Telephone")
            .count(),
        2
    );
    assert_eq!(h.query_all_by_label("Shipping").count(), 1);
    assert_eq!(h.query_all_by_label("¥550").count(), 2);
    // Export, Save and the recovery copy price the same request.
    let est = h.state().current_estimate().unwrap();
    assert_eq!(est.months[1].visit_kind.as_deref(), Some("telephone"));
    assert_eq!(est.total.0, 48_378);

    // Back to in person: the plain total again.
    later_visits(&mut h, "In person");
    one_named(&h, "Whole course (3 months): ¥55,594");
}

#[test]
fn a_ticked_discount_is_its_own_negative_line() {
    let mut h = telephone();
    enter(&mut h, "Female", "20 mg", 6);
    // Month 1: 3,850 + 12,540 + 3,608 + 1,056 = 21,054.
    one_named(&h, "Month 1: ¥21,054");
    tick(&mut h, "Monitor discount");
    // 10% of the medication 12,540 = 1,254: month 1 = 21,054 − 1,254 = 19,800; each
    // return month 1,650 + 12,540 + 3,608 + 1,056 − 1,254 = 17,600;
    // 19,800 + 5 × 17,600 = 107,800.
    one_named(&h, "Month 1: ¥19,800");
    one_named(&h, "Each return month: ¥17,600");
    one_named(&h, "Whole course (6 months): ¥107,800");
    // The table's monitor discount column: its heading, and a figure each month.
    assert_eq!(h.query_all_by_label("-¥1,254").count(), 6);
    assert_eq!(
        h.query_all_by_role_and_label(Role::Label, "Monitor discount")
            .count(),
        1
    );

    // Unticked: the discount lines go.
    tick(&mut h, "Monitor discount");
    one_named(&h, "Month 1: ¥21,054");
    assert_eq!(h.query_all_by_label("-¥1,254").count(), 0);
}

#[test]
fn a_course_discount_shows_under_the_totals_and_in_the_table() {
    let mut h = telephone();
    enter(&mut h, "Female", "20 mg", 3);
    tick(&mut h, "Student discount");
    // 21,054 + 2 × 18,854 = 58,762; 5% = 2,938.1, rounded down to 2,938;
    // 58,762 − 2,938 = 55,824.
    one_named(&h, "Whole course (3 months): ¥55,824");
    one_named(&h, "Month 1: ¥21,054");
    h.get_by_label("Student discount: -¥2,938 (included in the whole-course total)");
    // The table's line and the total the months and the discount make.
    h.get_by_label("-¥2,938");
    // The big total and the table's total row.
    assert_eq!(h.query_all_by_label("¥55,824").count(), 2);
}

#[test]
fn a_month_discount_for_a_month_past_the_course_cannot_be_ticked() {
    // The telephone sheet with its ¥1,000 discount moved to month 3.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("pricing/example-clinic-telephone.toml").unwrap();
    let moved = text.replace(
        "amount = 1000\non = \"month\"\nmonth = 1",
        "amount = 1000\non = \"month\"\nmonth = 3",
    );
    assert_ne!(moved, text);
    let path = dir.path().join("month-3.toml");
    std::fs::write(&path, moved).unwrap();
    let mut h = telephone();
    run(&mut h, Command::LoadSheet(Some(path)));
    enter(&mut h, "Male", "20 mg", 1);
    // One month in person: 3,850 + 12,540 + 3,608 = 19,998.
    one_named(&h, "Whole course (1 month): ¥19,998");
    h.get_by_label("Months").set_value_accesskit(2.0);
    h.run();
    // 2 months: the month-3 discount is shown but cannot be ticked; no error.
    assert!(
        h.get_by_role_and_label(Role::CheckBox, "First-month discount")
            .accesskit_node()
            .is_disabled()
    );
    // 19,998 + 17,798 = 37,796.
    one_named(&h, "Whole course (2 months): ¥37,796");
    h.get_by_label("Months").set_value_accesskit(3.0);
    h.run();
    tick(&mut h, "First-month discount");
    // 19,998 + 17,798 + (17,798 − 1,000) = 54,594.
    one_named(&h, "Whole course (3 months): ¥54,594");
    // Back to 2 months: the ticked discount no longer applies, and nothing fails.
    h.get_by_label("Months").set_value_accesskit(2.0);
    h.run();
    one_named(&h, "Whole course (2 months): ¥37,796");
    assert!(h.state().banner.as_ref().is_none_or(|b| !b.error));
    assert!(h.state().current_estimate().is_ok());
}

#[test]
fn the_product_choice_prices_that_products_packages() {
    let mut h = with_sheet("flat-clinic-two-products.toml");
    h.get_by_label("Female").click();
    h.get_by_label("Months").set_value_accesskit(3.0);
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "Acnetrent")
        .click();
    h.get_by_label("40 mg").click();
    h.run();
    // Acnetrent 40 mg: 29,200 a month, all in; 3 × 29,200 = 87,600.
    one_named(&h, "Whole course (3 months): ¥87,600");
    h.get_by_label("Product: Acnetrent");
    h.get_by_role_and_label(Role::RadioButton, "Roaccutane")
        .click();
    h.run();
    // Roaccutane 40 mg: 44,000 a month; 3 × 44,000 = 132,000.
    one_named(&h, "Whole course (3 months): ¥132,000");
    h.get_by_label("Product: Roaccutane");
    assert!(h.state().banner.as_ref().is_none_or(|b| !b.error));
}

#[test]
fn another_sheet_drops_the_choices_it_does_not_offer() {
    let mut h = telephone();
    enter(&mut h, "Male", "20 mg", 3);
    later_visits(&mut h, "Telephone");
    tick(&mut h, "Monitor discount");
    // 12,540 − 1,254 = 11,286 medication: 3,850 + 11,286 + 3,608 = 18,744, then
    // 1,100 + 11,286 + 550 = 12,936 twice: 18,744 + 2 × 12,936 = 44,616.
    one_named(&h, "Whole course (3 months): ¥44,616");

    run(&mut h, Command::LoadSheet(None));
    h.run();
    // The built-in sheet has no telephone visits or discounts: the plain reference total,
    // 19,998 + 2 × 17,798 = 55,594, no error.
    one_named(&h, "Whole course (3 months): ¥55,594");
    assert!(h.state().banner.is_none());
    assert_eq!(h.state().quote.inputs.choices, ChoiceInputs::default());
    assert_eq!(h.query_all_by_label("Telephone").count(), 0);
    assert_eq!(h.query_all_by_label("Monitor discount").count(), 0);
    assert_eq!(h.state().current_estimate().unwrap().total.0, 55_594);

    // Loading the telephone sheet again starts from in person, no discount.
    run(
        &mut h,
        Command::LoadSheet(Some(PathBuf::from("pricing/example-clinic-telephone.toml"))),
    );
    h.run();
    one_named(&h, "Whole course (3 months): ¥55,594");
}

#[test]
fn plan_screen_chooses_one_months_visit_kind() {
    let mut h = telephone();
    h.get_by_label("Plan").click();
    h.run();
    common::typical_plan(&mut h);
    assert_eq!(h.state().settings.screen, Screen::Plan);
    h.get_by_label("Male").click();
    h.get_by_label("Months").set_value_accesskit(3.0);
    h.run();
    // The plan's doses: 20, 40, 40 mg/day. 40 mg is 2 × 20 mg capsules: 60 × 418 = 25,080.
    // Month 1: 3,850 + 12,540 + 3,608 = 19,998; months 2–3 in person: 1,650 + 25,080 +
    // 3,608 = 30,338 each; 19,998 + 2 × 30,338 = 80,674.
    assert!(h.query_all_by_label("¥80,674").next().is_some());
    h.get_by_role_and_label(Role::ComboBox, "Month 2: visit kind")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Telephone").click();
    h.run();
    // Month 2 by telephone: 1,100 + 25,080 + 550 = 26,730, its blood test waits for
    // month 3 (in person): 30,338. 19,998 + 26,730 + 30,338 = 77,066.
    h.get_by_label("¥26,730");
    assert!(h.query_all_by_label("¥77,066").next().is_some());
    h.get_by_label("Visits: In person: month 1; Telephone: month 2; In person: month 3");
    // Month 1 of a first visit is in person and offers no choice.
    assert_eq!(
        h.query_all_by_role_and_label(Role::ComboBox, "Month 1: visit kind")
            .count(),
        0
    );
}

#[test]
fn a_saved_quote_brings_its_choices_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("quote.json");
    let mut h = telephone();
    enter(&mut h, "Female", "20 mg", 3);
    later_visits(&mut h, "Telephone");
    tick(&mut h, "Monitor discount");
    // Month 1: 21,054 − 1,254 = 19,800. Months 2–3 by telephone, no tests:
    // 1,100 + 12,540 − 1,254 + 550 = 12,936 each; 19,800 + 2 × 12,936 = 45,672.
    one_named(&h, "Whole course (3 months): ¥45,672");
    run(&mut h, Command::SaveQuote(file.clone()));
    common::banner(&h, false);

    // Other choices, then the saved quote opened again.
    later_visits(&mut h, "In person");
    tick(&mut h, "Monitor discount");
    one_named(&h, "Whole course (3 months): ¥58,762");
    run(&mut h, Command::OpenQuote(file));
    common::banner(&h, false);
    h.run();
    one_named(&h, "Whole course (3 months): ¥45,672");
    let c = &h.state().quote.inputs.choices;
    assert_eq!(c.later, "telephone");
    assert_eq!(c.discounts, ["monitor"]);
    assert!(
        h.get_by_role_and_label(Role::CheckBox, "Monitor discount")
            .accesskit_node()
            .toggled()
            == Some(eframe::egui::accesskit::Toggled::True)
    );
}
