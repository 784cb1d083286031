//! The `dose-planner quote` command as a user runs it: output, JSON shape, exit codes.

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dose-planner"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn quote(args: &[&str]) -> String {
    let mut all = vec!["quote"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    assert_eq!(code, 0, "stderr: {err}");
    out
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&quote(&all)).unwrap()
}

#[test]
fn text_table_for_20_mg_six_months_woman() {
    let out = quote(&["--daily-mg", "20", "--months", "6", "--sex", "female"]);
    expect_test::expect![[r#"
        Sample Skin Clinic — estimate in JPY (prices include tax)
        Female, 6 months, a visit every 1 month(s)

        Month  Visit         mg/day  Capsules/day  Consultation  Medication  Blood test  Urine pregnancy test  Subtotal
        ---------------------------------------------------------------------------------------------------------------
            1  First visit       20  20 mg × 1            3,850      12,540       3,608                 1,056    21,054
            2  Return visit      20  20 mg × 1            1,650      12,540       3,608                 1,056    18,854
            3  Return visit      20  20 mg × 1            1,650      12,540       3,608                 1,056    18,854
            4  Return visit      20  20 mg × 1            1,650      12,540       3,608                 1,056    18,854
            5  Return visit      20  20 mg × 1            1,650      12,540       3,608                 1,056    18,854
            6  Return visit      20  20 mg × 1            1,650      12,540       3,608                 1,056    18,854

        Month 1:          ¥21,054
        Each later month: ¥18,854
        Course total:     ¥115,324
        Cumulative dose:  3,600 mg over 180 days

        Warnings:
          [course_over_20_weeks] The course lasts about 26 weeks; one label's maximum recommended course is 20 weeks.
    "#]]
    .assert_eq(&out);
}

#[test]
fn json_agrees_with_text_and_sums() {
    let args = ["--daily-mg", "20", "--months", "6", "--sex", "female"];
    let v = json(&args);
    assert_eq!(v["currency"], "JPY");
    let months = v["months"].as_array().unwrap();
    assert_eq!(months.len(), 6);
    let m1 = &months[0];
    assert_eq!(m1["month"], 1);
    assert_eq!(m1["visit"], "first");
    assert_eq!(m1["daily_mg"], 20);
    assert_eq!(m1["capsules"]["20"], 30);
    let items: Vec<(String, i64)> = m1["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["code"].as_str().unwrap().to_string(),
                i["amount"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            ("consultation".to_string(), 3850),
            ("medication".to_string(), 12540),
            ("blood_test".to_string(), 3608),
            ("urine_test".to_string(), 1056)
        ]
    );
    assert_eq!(m1["subtotal"], 21054);
    let sum: i64 = months.iter().map(|m| m["subtotal"].as_i64().unwrap()).sum();
    assert_eq!(v["total"].as_i64().unwrap(), sum);
    assert_eq!(v["cumulative_mg"], 3600);
    assert!(v["cumulative_mg_per_kg"].is_null());
    assert_eq!(v["warnings"][0]["code"], "course_over_20_weeks");
    assert!(
        v["warnings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("20 weeks")
    );
    // The text shows the same total.
    let text = quote(&args);
    assert!(text.contains(&format!("Course total:     ¥{}", "115,324")));
    assert_eq!(sum, 115_324);
}

#[test]
fn doses_list_weight_and_target() {
    let v = json(&[
        "--doses",
        "20,40,40,60",
        "--sex",
        "male",
        "--weight-kg",
        "60",
    ]);
    assert_eq!(v["months"].as_array().unwrap().len(), 4);
    assert_eq!(v["cumulative_mg"], 4800);
    assert_eq!(v["cumulative_mg_per_kg"], 80.0);
    assert_eq!(v["months"][3]["dose"], "60");
    assert_eq!(v["warnings"][0]["code"], "cumulative_below_120");

    // 60 kg, 120 mg/kg, 6 months ⇒ 40 mg/day.
    let v = json(&[
        "--weight-kg",
        "60",
        "--target-mg-per-kg",
        "120",
        "--sex",
        "female",
        "--start",
        "2026-12-01",
    ]);
    assert_eq!(v["months"][0]["daily_mg"], 40);
    assert_eq!(v["cumulative_mg_per_kg"], 120.0);
    assert_eq!(v["target_reached"]["month"], 6);
    assert_eq!(v["dates"]["last_dose"], "2027-05-29");

    let v = json(&["--daily-mg", "10/20", "--months", "2", "--sex", "male"]);
    assert_eq!(v["months"][0]["daily_mg"], 15);
    assert_eq!(v["months"][0]["dose"], "20/10");
}

#[test]
fn other_sheets_from_files() {
    let v = json(&[
        "--pricing",
        "pricing/example-clinic-kr.toml",
        "--daily-mg",
        "20",
        "--months",
        "3",
        "--sex",
        "male",
    ]);
    assert_eq!(v["currency"], "KRW");
    assert_eq!(v["total"], 72_600 + 31_900 + 64_900);
    let text = quote(&[
        "--pricing",
        "pricing/flat-clinic-jp.toml",
        "--daily-mg",
        "40",
        "--sex",
        "female",
        "--lang",
        "ja",
    ]);
    assert!(text.contains("月額パッケージ料金"), "{text}");
    assert!(text.contains("145,200円"), "{text}");
}

/// Bad input: exit 2, one line on stderr that names the problem, nothing on stdout.
fn refused(args: &[&str], needle: &str) {
    let mut all = vec!["quote"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    assert_eq!(code, 2, "args {args:?}: stderr {err}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(needle), "{needle:?} not in {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_input_exits_2_with_one_clear_line() {
    let base = ["--sex", "male", "--daily-mg", "20"];
    let with = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut v = base.to_vec();
        v.extend_from_slice(extra);
        v
    };
    refused(&with(&["--weight-kg", "0"]), "0 kg is not possible");
    refused(&with(&["--weight-kg", "-60"]), "-60 kg is not possible");
    refused(
        &with(&["--weight-kg", "sixty"]),
        "must be a number, got 'sixty'",
    );
    refused(&with(&["--weight-kg", "inf"]), "must be a number");
    refused(&with(&["--months", "0"]), "from 1 to 24, got '0'");
    refused(&with(&["--months", "x"]), "from 1 to 24");
    refused(
        &["--sex", "other", "--daily-mg", "20"],
        "possible values: female, male",
    );
    refused(
        &["--sex", "male", "--daily-mg", "15"],
        "15 mg cannot be made from whole capsules",
    );
    refused(
        &["--sex", "male", "--daily-mg", "1000"],
        "1000 mg/day is far above",
    );
    refused(&["--sex", "male", "--daily-mg", "0"], "0 mg is not a dose");
    refused(
        &["--sex", "male", "--daily-mg", "ten"],
        "\"ten\" is not a daily dose",
    );
    refused(&["--sex", "male"], "--daily-mg");
    refused(
        &with(&["--pricing", "no/such/sheet.toml"]),
        "cannot read no/such/sheet.toml: no such file or folder",
    );
    refused(&with(&["--visit-every", "3"]), "--visit-every");
    refused(
        &with(&["--start", "2026-13-01"]),
        "'2026-13-01' is not a day on the calendar",
    );
    refused(&with(&["--start", "1 Dec"]), "YYYY-MM-DD");
    refused(
        &["--sex", "male", "--doses", "20,40", "--months", "3"],
        "disagrees",
    );
    refused(
        &["--sex", "male", "--target-mg-per-kg", "120"],
        "--weight-kg",
    );
    refused(
        &[
            "--sex",
            "male",
            "--target-mg-per-kg",
            "5000",
            "--weight-kg",
            "60",
        ],
        "5000 mg/kg is not usable",
    );
}

#[test]
fn broken_sheet_is_refused_with_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clinic.toml");
    let text = include_str!("../../pricing/reference-clinic-jp.toml")
        .replace("return_visit = 1650", "return_vist = 1650");
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    refused(
        &["--pricing", p, "--sex", "male", "--daily-mg", "20"],
        &format!("{p}:24:1: unknown setting `return_vist`"),
    );
}

#[test]
fn no_subcommand_without_display_fails_cleanly_and_help_works() {
    let (code, out, _) = run(&["quote", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--daily-mg"));
    let (code, _, err) = run(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("frobnicate"));
}

#[test]
fn save_then_open_after_a_price_rise() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("clinic.toml");
    std::fs::write(
        &sheet,
        include_str!("../../pricing/reference-clinic-jp.toml"),
    )
    .unwrap();
    let q = dir.path().join("q.json");
    let (s, q) = (sheet.to_str().unwrap(), q.to_str().unwrap());
    let v = json(&[
        "--pricing",
        s,
        "--sex",
        "female",
        "--daily-mg",
        "20",
        "--months",
        "3",
        "--save",
        q,
    ]);
    assert_eq!(v["total"], 21_054 + 2 * 18_854);
    // The clinic raises the 20 mg capsule to 450 yen: 90 capsules × 32 = 2,880 more.
    let raised = include_str!("../../pricing/reference-clinic-jp.toml")
        .replace("price = 418", "price = 450");
    std::fs::write(&sheet, raised).unwrap();
    let (code, out, err) = run(&["quote", "--open", q, "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 58_762);
    assert!(
        err.contains("prices have changed") && err.contains("¥61,642"),
        "{err}"
    );
    let (code, out, _) = run(&["quote", "--open", q, "--reprice", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 61_642);
    // Garbage in place of the saved file.
    std::fs::write(q, "{not json").unwrap();
    refused(&["--open", q], "is not a saved quote");
    refused(&["--open", q, "--sex", "male"], "cannot be used with");
}

#[test]
fn json_carries_screening_warnings_dates_tests_and_protocols() {
    let v = json(&[
        "--sex",
        "female",
        "--daily-mg",
        "40",
        "--weight-kg",
        "50",
        "--months",
        "6",
        "--start",
        "2026-12-01",
        "--age",
        "16",
        "--medicine",
        "Predonin",
        "--check",
        "psychiatric",
    ]);
    let codes: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "screen_psychiatric",
            "age_under_18_guardian",
            "interaction_systemic_corticosteroid",
            "course_over_20_weeks"
        ]
    );
    // Last dose: 2026-12-01 + 179 days; contraception 6 months after (the reference clinic).
    assert_eq!(v["dates"]["last_dose"], "2027-05-29");
    assert_eq!(v["dates"]["contraception_until"], "2027-11-29");
    assert_eq!(v["dates"]["next_course_from"], "2027-07-29");
    let blood = v["tests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["code"] == "blood_test")
        .count();
    assert_eq!(blood, 6);
    let p = v["protocols"].as_array().unwrap();
    assert_eq!(p[3]["protocol"], "baseline_then_every_two");
    assert_eq!(p[3]["difference"], -3 * 3608);
    assert_eq!(v["screening"]["medicines"][0], "prednisolone");
    // A man is asked no pregnancy questions, and none fires.
    let v = json(&[
        "--sex",
        "male",
        "--daily-mg",
        "20",
        "--months",
        "2",
        "--check",
        "pregnant",
        "--age",
        "30",
    ]);
    assert!(
        v["warnings"].as_array().unwrap().is_empty(),
        "{}",
        v["warnings"]
    );
    refused(
        &["--sex", "male", "--daily-mg", "20", "--check", "pregnnant"],
        "unknown screening item 'pregnnant'",
    );
}
