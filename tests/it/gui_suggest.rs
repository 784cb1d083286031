//! Issue 21 item 3 (the desk app): Suggest on the Plan screen. "Cheapest plan" fills the
//! month table with the optimiser's plan, the cost shown is the CLI's `--optimise cheapest`
//! total, and Ctrl+Z brings the table typed before back.

use crate::common::retype;

use dose_planner::app::DesktopApp;
use dose_planner::{Lang, Money};
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;
use std::process::Command;

fn app() -> Harness<'static, DesktopApp> {
    let mut h = Harness::builder()
        .with_size([1366.0, 1200.0])
        .build_eframe(|cc| {
            let mut app =
                DesktopApp::with_options(cc, jiff::civil::date(2025, 4, 1), Path::new("pricing"));
            app.settings.open_after_export = false;
            app
        });
    h.run();
    h.get_by_label("English").click();
    h.run();
    h
}

fn click(h: &mut Harness<'static, DesktopApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// The Plan screen's monthly doses as typed.
fn doses(h: &Harness<'static, DesktopApp>) -> Vec<String> {
    let months = &h.state().plan.inputs.months;
    months.iter().map(|m| m.text.clone()).collect()
}

/// `dose-planner quote … --json` through the real binary.
fn cli_json(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_dose-planner"))
        .arg("quote")
        .args(args)
        .arg("--json")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn cheapest_plan_fills_the_table_at_the_cli_total_and_is_undone() {
    let mut h = app();
    click(&mut h, "Plan");
    click(&mut h, "Female");
    // No weight yet: nothing to suggest from.
    assert!(
        h.get_by_label("Cheapest plan")
            .accesskit_node()
            .is_disabled()
    );
    retype(&mut h, "Weight (kg)", "60");
    let typed = ["20", "20", "40", "40", "40", "40"];
    for (i, mg) in typed.iter().enumerate() {
        retype(&mut h, &format!("Month {}", i + 1), mg);
    }
    click(&mut h, "Plan"); // the focus leaves the last field
    assert_eq!(doses(&h), typed);

    click(&mut h, "Cheapest plan");
    h.run();
    let cli = cli_json(&[
        "--optimise",
        "cheapest",
        "--weight-kg",
        "60",
        "--target-mg-per-kg",
        "120",
        "--sex",
        "female",
    ]);
    let plan: Vec<String> = cli["plan"]["doses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        doses(&h),
        plan,
        "the month table holds the optimiser's plan"
    );
    assert_ne!(plan, typed);
    let total = Money(cli["total"].as_i64().unwrap());
    let sheet = dose_planner::pricing::reference_sheet();
    let shown = sheet.currency.format(total, Lang::En);
    // The explanation sentence and the frontier (whose row for this length shows the total too).
    let explanation = cli["plan"]["explanation"].as_str().unwrap();
    h.get_by_label(explanation);
    // The total shows as the table's total row, the cost of the plan and the frontier's row
    // for this length; with the frontier folded, the plan's two are left.
    assert_eq!(h.query_all_by_label(&shown).count(), 3);
    click(&mut h, "Cheapest plan for each course length");
    assert_eq!(h.query_all_by_label(&shown).count(), 2);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.run();
    assert_eq!(doses(&h), typed, "Ctrl+Z brings the typed table back");
}
