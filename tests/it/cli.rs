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
        Female, 6 months, a visit every month

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

/// The plan of the language snapshots: weight, target, start date and a warning, so every
/// line of the report appears.
const FULL_PLAN: [&str; 12] = [
    "--sex",
    "female",
    "--doses",
    "20,40,40,60,60,60",
    "--weight-kg",
    "60",
    "--target-mg-per-kg",
    "120",
    "--start",
    "2026-12-01",
    "--visit-every",
    "1",
];

#[test]
fn text_report_in_japanese() {
    let mut args = FULL_PLAN.to_vec();
    args.extend(["--lang", "ja"]);
    expect_test::expect![[r#"
        サンプル皮膚科 — お見積もり（JPY、税込）
        女性、60 kg、6か月、1か月ごとに受診

        月  受診  mg/日  カプセル/日  mg/kg/日  診察料  お薬代  血液検査  尿妊娠検査    小計
        ------------------------------------------------------------------------------------
         1  初診     20  20 mg × 1        0.33   3,850  12,540     3,608       1,056  21,054
         2  再診     40  20 mg × 2        0.67   1,650  25,080     3,608       1,056  31,394
         3  再診     40  20 mg × 2        0.67   1,650  25,080     3,608       1,056  31,394
         4  再診     60  20 mg × 3        1.00   1,650  37,620     3,608       1,056  43,934
         5  再診     60  20 mg × 3        1.00   1,650  37,620     3,608       1,056  43,934
         6  再診     60  20 mg × 3        1.00   1,650  37,620     3,608       1,056  43,934

        1か月目：                  21,054円
        2か月目以降：              31,394円～43,934円
        治療全体の合計：           215,644円
        累積服用量：               180日間で 8,400 mg（140.0 mg/kg）
        目標 120 mg/kg：           160日目（6か月目、2027年5月9日）に到達
        服用開始日：               2026年12月1日
        最終服用日：               2027年5月29日
        避妊を続ける期限：         2027年11月29日
        日焼け・レーザー禁止期限： 2027年7月29日
        レーザー脱毛の再開：       2027年6月29日
        予防接種の再開：           2027年6月29日
        予定手術の再開：           2027年11月29日
        次のコースの開始：         2027年7月29日

        警告：
          [course_over_20_weeks] 治療期間は約 26 週です。添付文書の一つでは推奨最長期間は 20 週です。
    "#]]
    .assert_eq(&quote(&args));
}

#[test]
fn text_report_in_korean_on_the_korean_sheet() {
    let out = quote(&[
        "--pricing",
        "pricing/example-clinic-kr.toml",
        "--sex",
        "male",
        "--daily-mg",
        "20",
        "--months",
        "3",
        "--weight-kg",
        "70",
        "--target-mg-per-kg",
        "20",
        "--start",
        "2026-12-01",
        "--lang",
        "ko",
    ]);
    expect_test::expect![[r#"
        예시 피부과의원 — 견적 (KRW, 부가세는 매월 추가)
        남성, 70kg, 3개월, 1개월마다 내원

        월  내원  mg/일  캡슐/일    mg/kg/일  진찰료    약값  혈액 검사  부가세    소계
        -------------------------------------------------------------------------------
         1  초진     20  20 mg × 1      0.29  15,000  21,000     30,000   6,600  72,600
         2  재진     20  20 mg × 1      0.29   8,000  21,000          -   2,900  31,900
         3  재진     20  20 mg × 1      0.29   8,000  21,000     30,000   5,900  64,900

        1개월 차:                  72,600원
        2개월 차부터:              31,900원 ~ 64,900원
        치료 전체 합계:            169,400원
        누적 복용량:               90일간 1,800mg (25.7mg/kg)
        목표 20mg/kg:              70일째(3개월 차, 2027년 2월 8일)에 도달
        복용 시작일:               2026년 12월 1일
        마지막 복용일:             2027년 2월 28일
        피임 유지 기한:            2027년 3월 28일
        일광화상·레이저 금지 기한: 2027년 4월 28일
        레이저 제모 재개:          2027년 3월 28일
        예방접종 재개:             2027년 3월 28일
        예정 수술 재개:            2027년 8월 28일
        다음 코스 시작:            2027년 4월 28일

        경고:
          [cumulative_below_120] 누적 용량 25.7 mg/kg은 재발을 줄이는 120–150 mg/kg에 미치지 못합니다.
    "#]]
    .assert_eq(&out);
}

/// Every English word the text report prints on its own (headers, title, patient line,
/// summary, item names, visits); none may appear in a Japanese or Korean report.
const ENGLISH_LABELS: &[&str] = &[
    "Month",
    "Visit",
    "mg/day",
    "Capsules",
    "mg/kg/day",
    "estimate in",
    "prices include tax",
    "tax added",
    "Female",
    "Male",
    "months",
    "a visit every",
    "Each later month",
    "Later months",
    "Course total",
    "Cumulative dose",
    "over",
    "days",
    "Target",
    "reached on day",
    "First dose",
    "Last dose",
    "Warnings",
    "Consultation",
    "Medication",
    "Blood test",
    "Urine",
    "Subtotal",
    "First visit",
    "Return visit",
    "Tax",
    "All-in",
    "Dec",
    "May",
];

/// The report without what is not a word of the report: the warning codes in brackets.
fn words_of(report: &str) -> String {
    report
        .lines()
        .map(|l| match (l.find('['), l.find(']')) {
            (Some(a), Some(b)) if a < b => format!("{}{}", &l[..a], &l[b + 1..]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn japanese_and_korean_reports_hold_no_english_label() {
    let plans: [Vec<&str>; 3] = [
        FULL_PLAN.to_vec(),
        vec![
            "--pricing",
            "pricing/example-clinic-kr.toml",
            "--sex",
            "male",
            "--daily-mg",
            "20",
            "--months",
            "3",
            "--weight-kg",
            "70",
            "--target-mg-per-kg",
            "20",
            "--start",
            "2026-12-01",
        ],
        vec![
            "--sex",
            "male",
            "--daily-mg",
            "10/20",
            "--months",
            "4",
            "--visit-every",
            "2",
            "--visit",
            "return",
        ],
    ];
    for plan in &plans {
        let english = quote(plan);
        for lang in ["ja", "ko"] {
            let mut args = plan.clone();
            args.extend(["--lang", lang]);
            let report = words_of(&quote(&args));
            for label in ENGLISH_LABELS {
                assert!(
                    !report.contains(label),
                    "--lang {lang}: {label:?} in\n{report}"
                );
            }
            // The same figures, in the language's own form.
            let total_en = english
                .lines()
                .find(|l| l.starts_with("Course total:"))
                .unwrap();
            let digits: String = total_en.chars().filter(char::is_ascii_digit).collect();
            let total = report
                .lines()
                .find(|l| l.contains(if lang == "ja" { "合計" } else { "합계" }))
                .unwrap();
            let found: String = total.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(found, digits, "{lang}: {total} vs {total_en}");
        }
    }
}

#[test]
fn errors_and_the_price_notice_follow_lang() {
    let line = |args: &[&str], code: i32| -> String {
        let mut all = vec!["quote"];
        all.extend_from_slice(args);
        let (c, out, err) = run(&all);
        assert_eq!(c, code, "{args:?}: {out} {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("error: "), "{err}");
        err
    };
    // A plan the capsules cannot make (the core's PlanError).
    let ja = line(&["--sex", "male", "--daily-mg", "15", "--lang", "ja"], 2);
    assert!(ja.contains("カプセル"), "{ja}");
    let ko = line(&["--sex", "male", "--daily-mg", "15", "--lang", "ko"], 2);
    assert!(ko.contains("캡슐"), "{ko}");
    let en = line(&["--sex", "male", "--daily-mg", "15"], 2);
    assert!(
        en.contains("15 mg cannot be made from whole capsules"),
        "{en}"
    );
    // The command line's own: --months against --doses.
    let ja = line(
        &[
            "--sex", "male", "--doses", "20,40", "--months", "3", "--lang", "ja",
        ],
        2,
    );
    assert!(
        ja.contains("合いません") && !ja.contains("disagrees"),
        "{ja}"
    );
    // A name too long, a garbage saved quote, a missing file.
    let long = "x".repeat(70);
    let ko = line(
        &[
            "--sex",
            "male",
            "--daily-mg",
            "20",
            "--patient",
            &long,
            "--lang",
            "ko",
        ],
        2,
    );
    assert!(ko.contains("70") && !ko.contains("characters"), "{ko}");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{not json").unwrap();
    let bad = bad.to_str().unwrap();
    let ja = line(&["--open", bad, "--lang", "ja"], 2);
    assert!(ja.contains("保存した見積もりではありません"), "{ja}");
    let en = line(&["--open", bad], 2);
    assert!(en.contains("is not a saved quote"), "{en}");

    // The price notice.
    let sheet = dir.path().join("clinic.toml");
    std::fs::write(
        &sheet,
        include_str!("../../pricing/reference-clinic-jp.toml"),
    )
    .unwrap();
    let q = dir.path().join("q.json");
    let (s, q) = (sheet.to_str().unwrap(), q.to_str().unwrap());
    quote(&[
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
    std::fs::write(
        &sheet,
        include_str!("../../pricing/reference-clinic-jp.toml")
            .replace("price = 418", "price = 450"),
    )
    .unwrap();
    let (code, out, err) = run(&["quote", "--open", q, "--lang", "ja"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("note: "), "{err}");
    assert!(
        err.contains("料金が変わりました") && err.contains("61,642円"),
        "{err}"
    );
    assert!(!err.contains("prices have changed"), "{err}");
    assert!(out.contains("58,762円"), "{out}");
    let (_, _, err) = run(&["quote", "--open", q, "--lang", "ko"]);
    assert!(
        err.contains("가격이 바뀌었습니다") && err.contains("¥61,642"),
        "{err}"
    );
}

/// The documented JSON contract, exactly: each case's output is compared with its golden
/// file in `tests/fixtures/json/`. After a deliberate change to the contract (fields may be
/// added, never renamed or removed), regenerate them with
/// `UPDATE_GOLDEN=1 cargo test --test it cli::json_matches_the_golden_files` and review the
/// diff.
#[test]
fn json_matches_the_golden_files() {
    let cases: [(&str, &[&str]); 5] = [
        (
            "reference-woman-6-months",
            &[
                "--sex",
                "female",
                "--doses",
                "20,40,40,60,60,60",
                "--weight-kg",
                "60",
                "--target-mg-per-kg",
                "120",
                "--start",
                "2026-12-01",
            ],
        ),
        (
            "flat-sheet",
            &[
                "--pricing",
                "pricing/flat-clinic-jp.toml",
                "--sex",
                "female",
                "--daily-mg",
                "40",
                "--months",
                "6",
                "--lang",
                "ja",
            ],
        ),
        (
            "korean-sheet-start",
            &[
                "--pricing",
                "pricing/example-clinic-kr.toml",
                "--sex",
                "male",
                "--daily-mg",
                "20",
                "--months",
                "3",
                "--start",
                "2026-12-01",
                "--lang",
                "ko",
            ],
        ),
        (
            "reference-man-screening",
            &[
                "--sex",
                "male",
                "--daily-mg",
                "10/20",
                "--months",
                "4",
                "--weight-kg",
                "70",
                "--visit",
                "return",
                "--visit-every",
                "2",
                "--age",
                "17",
                "--check",
                "lasik",
                "--medicine",
                "Minomycin",
            ],
        ),
        (
            // Visit kinds, shipping, and a discount of each kind: on the medication, on
            // month 1, on the course.
            "telephone-discounts",
            &[
                "--pricing",
                "pricing/example-clinic-telephone.toml",
                "--sex",
                "female",
                "--daily-mg",
                "20",
                "--months",
                "3",
                "--later-visits",
                "telephone",
                "--discount",
                "monitor,welcome",
                "--discount",
                "student",
            ],
        ),
    ];
    #[allow(clippy::disallowed_methods)] // a test's switch, read once
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/json");
    for (name, args) in cases {
        let mut all = args.to_vec();
        all.push("--json");
        let out = quote(&all);
        let path = dir.join(format!("{name}.json"));
        if update {
            std::fs::write(&path, &out).unwrap();
            continue;
        }
        let golden = std::fs::read_to_string(&path).unwrap();
        assert!(
            out == golden,
            "{name}: the JSON differs from {} (UPDATE_GOLDEN=1 to accept a deliberate change)\n{out}",
            path.display()
        );
    }
    // Every documented field is there (README, "The command line").
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("reference-woman-6-months.json")).unwrap(),
    )
    .unwrap();
    for key in [
        "currency",
        "months",
        "first_month",
        "return_months",
        "total",
        "cumulative_mg",
        "cumulative_mg_per_kg",
        "target_reached",
        "dates",
        "warnings",
        "tests",
        "protocols",
        "screening",
        "cautions",
    ] {
        assert!(v.get(key).is_some(), "{key} missing");
    }
    for key in [
        "month",
        "visit",
        "daily_mg",
        "dose",
        "capsules",
        "capsules_per_day",
        "items",
        "subtotal",
        "cumulative_mg",
        "cumulative_mg_per_kg",
    ] {
        assert!(v["months"][0].get(key).is_some(), "months[].{key} missing");
    }
    for key in ["code", "label", "amount"] {
        assert!(v["months"][0]["items"][0].get(key).is_some(), "{key}");
    }
    for key in ["code", "severity", "month", "message"] {
        assert!(v["warnings"][0].get(key).is_some(), "{key}");
    }
}

/// Every date the JSON has under `dates` is in the text report too. Reference sheet, man,
/// 80/40 for 4 months = 120 days from 2026-12-01: day 31 is Dec 31, day 62 Jan 31, day 90
/// Feb 28, so day 120 (the last dose) is 2027-03-30. Counted from it, per the sheet's
/// [after_last_dose]: contraception (men) 1 month ⇒ 2027-04-30; sun and laser 2 ⇒
/// 2027-05-30; laser hair removal 1 ⇒ 2027-04-30; vaccination 1 ⇒ 2027-04-30; elective
/// surgery 6 ⇒ 2027-09-30; next course 2 ⇒ 2027-05-30.
#[test]
fn text_report_prints_every_date_the_json_has() {
    let plan = [
        "--sex",
        "male",
        "--daily-mg",
        "80/40",
        "--months",
        "4",
        "--weight-kg",
        "60",
        "--start",
        "2026-12-01",
    ];
    let out = quote(&plan);
    let expected = [
        ("start", "First dose:", "2026-12-01"),
        ("last_dose", "Last dose:", "2027-03-30"),
        ("contraception_until", "Contraception until:", "2027-04-30"),
        (
            "sun_and_laser_until",
            "No sunburn or laser until:",
            "2027-05-30",
        ),
        (
            "laser_hair_removal_from",
            "Laser hair removal from:",
            "2027-04-30",
        ),
        ("vaccination_from", "Vaccination from:", "2027-04-30"),
        (
            "elective_surgery_from",
            "Elective surgery from:",
            "2027-09-30",
        ),
        ("next_course_from", "Next course from:", "2027-05-30"),
    ];
    // The JSON has these dates and no other; the text prints each of them.
    let v = json(&plan);
    let dates = v["dates"].as_object().unwrap();
    assert_eq!(dates.len(), expected.len(), "{dates:?}");
    for (key, label, date) in expected {
        assert_eq!(dates[key], date, "{key}");
        let line = out.lines().find(|l| l.starts_with(label)).unwrap();
        assert_eq!(line[label.len()..].trim(), date, "{out}");
    }
    expect_test::expect![[r#"
        Sample Skin Clinic — estimate in JPY (prices include tax)
        Male, 60 kg, 4 months, a visit every month

        Month  Visit         mg/day  Capsules/day           mg/kg/day  Consultation  Medication  Blood test  Subtotal
        -------------------------------------------------------------------------------------------------------------
            1  First visit    80/40  20 mg × 4 / 20 mg × 2       1.00         3,850      37,620       3,608    45,078
            2  Return visit   80/40  20 mg × 4 / 20 mg × 2       1.00         1,650      37,620       3,608    42,878
            3  Return visit   80/40  20 mg × 4 / 20 mg × 2       1.00         1,650      37,620       3,608    42,878
            4  Return visit   80/40  20 mg × 4 / 20 mg × 2       1.00         1,650      37,620       3,608    42,878

        Month 1:                   ¥45,078
        Each later month:          ¥42,878
        Course total:              ¥173,712
        Cumulative dose:           7,200 mg over 120 days (120.0 mg/kg)
        First dose:                2026-12-01
        Last dose:                 2027-03-30
        Contraception until:       2027-04-30
        No sunburn or laser until: 2027-05-30
        Laser hair removal from:   2027-04-30
        Vaccination from:          2027-04-30
        Elective surgery from:     2027-09-30
        Next course from:          2027-05-30

        Warnings:
          [month1_above_1_mg_per_kg] Month 1: 1.33 mg/kg/day on the heavier days of 80/40 (80 mg). Start low, at most 1 mg/kg/day (usually 0.5 or less), and raise at monthly visits.
    "#]].assert_eq(&out);
}

/// Item 9 through the command line: the month-1 limit reads the heavier day of an
/// alternating dose, as the 2 mg/kg/day limit does, while the month shows the mean.
#[test]
fn alternating_dose_in_month_one_is_judged_by_its_heavier_day() {
    // 60 kg, 80/40: mean 60 mg = 1.00 mg/kg/day; the 80 mg days are 80 / 60 = 1.33.
    let v = json(&["--sex", "male", "--weight-kg", "60", "--doses", "80/40"]);
    assert_eq!(v["months"][0]["mg_per_kg_per_day"], 1.0);
    let w = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "month1_above_1_mg_per_kg")
        .unwrap();
    assert_eq!(
        w["message"],
        "Month 1: 1.33 mg/kg/day on the heavier days of 80/40 (80 mg). Start low, at most \
         1 mg/kg/day (usually 0.5 or less), and raise at monthly visits."
    );
}

/// The target solve picks an alternating pair only on a sheet that allows them
/// (`[dosing] alternating_days = true`). 45 kg × 220 mg/kg = 9,900 mg over 8 months =
/// 240 days ⇒ 41.25 mg/day: constant 50 mg = 12,000 mg = 266.7 mg/kg; 50/40 =
/// 120 × 50 + 120 × 40 = 10,800 mg = 240 mg/kg.
#[test]
fn target_solve_uses_alternating_days_where_the_sheet_allows_them() {
    let plan = [
        "--sex",
        "male",
        "--weight-kg",
        "45",
        "--target-mg-per-kg",
        "220",
        "--months",
        "8",
    ];
    let v = json(&plan);
    assert_eq!(v["months"][0]["dose"], "50");
    assert_eq!(v["cumulative_mg"], 12_000);
    assert!((v["cumulative_mg_per_kg"].as_f64().unwrap() - 12_000.0 / 45.0).abs() < 1e-9);
    let codes: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"cumulative_above_220"), "{codes:?}");

    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("alternating.toml");
    let reference = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pricing/reference-clinic-jp.toml"
    ))
    .unwrap();
    std::fs::write(
        &sheet,
        format!("{reference}\n[dosing]\nalternating_days = true\n"),
    )
    .unwrap();
    let mut args = vec!["--pricing", sheet.to_str().unwrap()];
    args.extend(plan);
    let v = json(&args);
    for m in v["months"].as_array().unwrap() {
        assert_eq!(m["dose"], "50/40");
    }
    // 10,800 mg / 45 kg = 240 mg/kg: still above 220 (any dose that reaches 220 with
    // these capsules is), but 26.7 mg/kg closer to the target than the constant dose.
    assert_eq!(v["cumulative_mg"], 10_800);
    assert_eq!(v["cumulative_mg_per_kg"], 240.0);
}

/// The boxes sheet through the CLI: 10 mg/day as 20/0 = 15 × 20 mg a month from boxes of
/// 30 for ¥30,000. Month 1 buys 1 box (15 left), month 2 none (0 left), month 3 one (15
/// left after the last dose). Man: 37,458 + 5,258 + 35,258 = ¥77,974 (see estimate.rs).
#[test]
fn boxes_sheet_shows_packs_and_capsules_left() {
    let plan = [
        "--pricing",
        "pricing/example-clinic-boxes.toml",
        "--sex",
        "male",
        "--doses",
        "20/0,20/0,20/0",
    ];
    let j = json(&plan);
    let packs: Vec<&serde_json::Value> = j["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["packs"])
        .collect();
    assert_eq!(
        packs,
        [
            &serde_json::json!({"20": 1}),
            &serde_json::json!({"20": 0}),
            &serde_json::json!({"20": 1})
        ]
    );
    let medication: Vec<i64> = j["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            m["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["code"] == "medication")
                .unwrap()["amount"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(medication, [30_000, 0, 30_000]);
    assert_eq!(j["capsules_left"], serde_json::json!({"20": 15}));
    assert_eq!(j["total"], 77_974);

    let text = quote(&plan);
    assert!(
        text.contains("Packs bought: month 1: 20 mg × 1, month 2: 20 mg × 0, month 3: 20 mg × 1\n"),
        "{text}"
    );
    assert!(
        text.contains("Capsules left after the last dose: 20 mg × 15\n"),
        "{text}"
    );
    assert!(text.contains("Course total:     ¥77,974"), "{text}");
    let mut ja = plan.to_vec();
    ja.extend(["--lang", "ja"]);
    let text = quote(&ja);
    assert!(
        text.contains("最終服用後に残るカプセル：20 mg × 15"),
        "{text}"
    );

    // A sheet without packs has neither key in its JSON, nor the lines in its text.
    let j = json(&["--sex", "male", "--daily-mg", "20", "--months", "2"]);
    assert!(j.get("capsules_left").is_none());
    assert!(j["months"][0].get("packs").is_none());
    let text = quote(&["--sex", "male", "--daily-mg", "20", "--months", "2"]);
    assert!(!text.contains("Packs bought") && !text.contains("Capsules left"));
}

// ---------------------------------------------------------------------------------------------
// What a quote chooses from the sheet (issue 11): visit kinds, products, discounts.

const TELEPHONE: &str = "pricing/example-clinic-telephone.toml";
const TWO_PRODUCTS: &str = "pricing/flat-clinic-two-products.toml";
const HOME_TEST: &str = "pricing/example-clinic-home-test.toml";

#[test]
fn later_visits_by_telephone_have_their_own_fee_no_tests_and_shipping() {
    // The telephone sheet: a man, 20 mg/day, 3 months, months 2–3 by telephone.
    // Month 1: 3,850 + 30 × 418 (12,540) + 3,608 blood test = 19,998.
    // Months 2–3: 1,100 telephone + 12,540 + 550 shipping = 14,190 each (no tests).
    // Total 19,998 + 2 × 14,190 = 48,378.
    let v = json(&[
        "--pricing",
        TELEPHONE,
        "--sex",
        "male",
        "--daily-mg",
        "20",
        "--months",
        "3",
        "--later-visits",
        "telephone",
    ]);
    assert_eq!(v["total"], 48_378);
    assert_eq!(v["first_month"], 19_998);
    assert!(v["months"][0].get("visit_kind").is_none());
    assert_eq!(v["months"][1]["visit_kind"], "telephone");
    assert_eq!(v["months"][2]["subtotal"], 14_190);
    let m2: Vec<(&str, &str, i64)> = v["months"][1]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["code"].as_str().unwrap(),
                i["label"].as_str().unwrap(),
                i["amount"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        m2,
        [
            ("consultation", "Telephone consultation", 1_100),
            ("medication", "Medication", 12_540),
            ("shipping", "Shipping", 550)
        ]
    );
    // --visit-kinds says the same month by month.
    let same = json(&[
        "--pricing",
        TELEPHONE,
        "--sex",
        "male",
        "--daily-mg",
        "20",
        "--months",
        "3",
        "--visit-kinds",
        "in_person, telephone,telephone",
    ]);
    assert_eq!(same, v);
    // A list shorter than the course: the months after it are in person. Month 2 by
    // telephone (14,190), month 3 in person: 1,650 + 12,540 + 3,608 = 17,798.
    // 19,998 + 14,190 + 17,798 = 51,986.
    let short = json(&[
        "--pricing",
        TELEPHONE,
        "--sex",
        "male",
        "--daily-mg",
        "20",
        "--months",
        "3",
        "--visit-kinds",
        "in_person,telephone",
    ]);
    assert_eq!(short["total"], 51_986);
}

#[test]
fn a_monitor_discount_is_a_negative_line_that_prints_and_aligns() {
    // A woman, 20 mg, 1 month: 3,850 + 12,540 + 3,608 + 1,056 = 21,054; "monitor" takes 10%
    // of the medication, 1,254: 21,054 − 1,254 = 19,800.
    let args = [
        "--pricing",
        TELEPHONE,
        "--sex",
        "female",
        "--daily-mg",
        "20",
        "--months",
        "1",
        "--discount",
        "monitor",
    ];
    let v = json(&args);
    assert_eq!(v["total"], 19_800);
    let monitor = &v["months"][0]["items"][2];
    assert_eq!(monitor["code"], "monitor");
    assert_eq!(monitor["label"], "Monitor discount");
    assert_eq!(monitor["amount"], -1_254);
    assert!(v.get("course_discounts").is_none());
    let text = quote(&args);
    expect_test::expect![[r#"
        Sample Skin Clinic Online — estimate in JPY (prices include tax)
        Female, 1 month, a visit every month

        Month  Visit        mg/day  Capsules/day  Consultation  Medication  Monitor discount  Blood test  Urine pregnancy test  Subtotal
        --------------------------------------------------------------------------------------------------------------------------------
            1  First visit      20  20 mg × 1            3,850      12,540            -1,254       3,608                 1,056    19,800

        Month 1:          ¥19,800
        Course total:     ¥19,800
        Cumulative dose:  600 mg over 30 days
    "#]]
    .assert_eq(&text);
}

#[test]
fn the_text_report_names_visit_kinds_shipping_and_the_course_discount() {
    // A woman, 20 mg, 3 months, months 2–3 by telephone, every discount of the sheet.
    // Month 1: 3,850 + 12,540 − 1,254 (monitor) + 3,608 + 1,056 − 1,000 (welcome) = 18,800.
    // Months 2–3: 1,100 + 12,540 − 1,254 + 550 = 12,936 each. 18,800 + 2 × 12,936 = 44,672;
    // "student" 5% of it, 2,233.6 rounded down: −2,233. Total 42,439.
    let mut args = vec![
        "--pricing",
        TELEPHONE,
        "--sex",
        "female",
        "--daily-mg",
        "20",
        "--months",
        "3",
        "--later-visits",
        "telephone",
        "--discount",
        "monitor,welcome,student",
    ];
    let text = quote(&args);
    expect_test::expect![[r#"
        Sample Skin Clinic Online — estimate in JPY (prices include tax)
        Female, 3 months, a visit every month
        Visits: In person: month 1; Telephone: months 2–3

        Month  Visit         mg/day  Capsules/day  Consultation  Medication  Monitor discount  Blood test  Urine pregnancy test  First-month discount  Shipping  Subtotal
        -----------------------------------------------------------------------------------------------------------------------------------------------------------------
            1  First visit       20  20 mg × 1            3,850      12,540            -1,254       3,608                 1,056                -1,000         -    18,800
            2  Return visit      20  20 mg × 1            1,100      12,540            -1,254           -                     -                     -       550    12,936
            3  Return visit      20  20 mg × 1            1,100      12,540            -1,254           -                     -                     -       550    12,936

        Month 1:          ¥18,800
        Each later month: ¥12,936
        Student discount: -¥2,233
        Course total:     ¥42,439
        Cumulative dose:  1,800 mg over 90 days
    "#]]
    .assert_eq(&text);
    let v = json(&args);
    assert_eq!(v["total"], 42_439);
    assert_eq!(
        v["course_discounts"],
        serde_json::json!([{"code": "student", "label": "Student discount", "amount": -2_233}])
    );
    // In Japanese: the sheet's own names and the summary's colon.
    args.extend(["--lang", "ja"]);
    let ja = quote(&args);
    assert!(
        ja.contains("受診方法: 来院（1か月目）、電話診療（2～3か月目）"),
        "{ja}"
    );
    assert!(ja.contains("モニター割引") && ja.contains("配送料"), "{ja}");
    assert!(ja.contains("学割：") && ja.contains("-2,233円"), "{ja}");
}

#[test]
fn a_product_is_chosen_by_its_code_and_named() {
    // The two-products flat sheet: Roaccutane 44,000 a month at 40 mg (the first product,
    // the default), Acnetrent 29,200 at 40 mg.
    let base = [
        "--pricing",
        TWO_PRODUCTS,
        "--sex",
        "female",
        "--daily-mg",
        "40",
        "--months",
        "3",
    ];
    let with = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut v = base.to_vec();
        v.extend_from_slice(extra);
        v
    };
    // 3 × 29,200 = 87,600.
    let v = json(&with(&["--product", "acnetrent"]));
    assert_eq!(v["total"], 87_600);
    assert_eq!(
        v["product"],
        serde_json::json!({"code": "acnetrent", "name": "Acnetrent"})
    );
    assert_eq!(
        v["months"][0]["items"][0]["label"],
        "All-in monthly fee (Acnetrent)"
    );
    // The default: 3 × 44,000 = 132,000.
    let v = json(&base);
    assert_eq!(v["total"], 132_000);
    assert_eq!(v["product"]["code"], "roaccutane");
    let text = quote(&with(&["--product", "acnetrent"]));
    assert!(text.contains("Product: Acnetrent\n"), "{text}");
    assert!(text.contains("Course total:     ¥87,600"), "{text}");
    let ja = quote(&with(&["--lang", "ja"]));
    assert!(ja.contains("製品：ロアキュテイン"), "{ja}");
    // A sheet with one product names none.
    let v = json(&["--sex", "female", "--daily-mg", "20", "--months", "1"]);
    assert!(v.get("product").is_none());
    assert!(!quote(&["--sex", "female", "--daily-mg", "20"]).contains("Product"));
}

#[test]
fn a_choice_the_sheet_does_not_offer_is_refused_naming_what_it_offers() {
    let tel = ["--pricing", TELEPHONE, "--sex", "male", "--daily-mg", "20"];
    let with = |base: &[&'static str], extra: &[&'static str]| -> Vec<&'static str> {
        let mut v = base.to_vec();
        v.extend_from_slice(extra);
        v
    };
    refused(
        &with(&tel, &["--discount", "friends"]),
        "no discount \"friends\"; it offers: monitor, welcome, student",
    );
    refused(
        &with(&tel, &["--later-visits", "video"]),
        "no visit kind \"video\"; it offers: in_person, telephone, online",
    );
    refused(
        &with(&tel, &["--visit-kinds", "in_person,in-person"]),
        "it offers: in_person, telephone, online",
    );
    let two = [
        "--pricing",
        TWO_PRODUCTS,
        "--sex",
        "male",
        "--daily-mg",
        "40",
    ];
    refused(
        &with(&two, &["--product", "isotroin"]),
        "no product \"isotroin\"; it offers: roaccutane, acnetrent",
    );
    // In the report's language.
    let (code, _, err) = run(&[
        "quote",
        "--pricing",
        TELEPHONE,
        "--sex",
        "male",
        "--daily-mg",
        "20",
        "--discount",
        "friends",
        "--lang",
        "ja",
    ]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: この料金表には割引「friends」がありません。選べるもの: monitor, welcome, student\n"
    );
    // A sheet that offers none of that kind says so, and which flag to leave out.
    let reference = ["--sex", "male", "--daily-mg", "20"];
    refused(
        &with(&reference, &["--later-visits", "telephone"]),
        "offers visits in person only (no [[visit_kinds]]), so \"telephone\" cannot be chosen; leave out --visit-kinds / --later-visits",
    );
    refused(
        &with(&reference, &["--discount", "monitor"]),
        "offers no discounts (no [[discounts]]), so \"monitor\" cannot be chosen; leave out --discount",
    );
    refused(
        &with(&reference, &["--product", "acnetrent"]),
        "sells one product (no [[products]]), so the product \"acnetrent\" cannot be chosen; leave out --product",
    );
    // The core's other refusals.
    refused(
        &with(&tel, &["--visit-kinds", "telephone"]),
        "month 1 is a first visit, which is in person",
    );
    refused(
        &with(
            &tel,
            &[
                "--months",
                "2",
                "--visit-kinds",
                "in_person,telephone,telephone",
            ],
        ),
        "3 visit kinds are given for a course of 2 months",
    );
    refused(
        &with(&tel, &["--discount", "monitor", "--discount", "monitor"]),
        "the discount \"monitor\" is chosen twice",
    );
    // Empty codes, conflicting flags, and choices beside a saved quote (which has its own).
    refused(&with(&tel, &["--discount", ""]), "the discount is empty");
    refused(
        &with(&tel, &["--discount", "monitor,"]),
        "the discount is empty",
    );
    refused(
        &with(&tel, &["--visit-kinds", ",,,"]),
        "the visit kind of month 1 is empty",
    );
    refused(
        &with(&tel, &["--later-visits", " "]),
        "the visit kind is empty",
    );
    refused(
        &with(
            &tel,
            &["--later-visits", "telephone", "--visit-kinds", "in_person"],
        ),
        "cannot be used with",
    );
    refused(
        &[
            "--open",
            "tests/fixtures/saved/v1-plan.json",
            "--discount",
            "monitor",
        ],
        "cannot be used with",
    );
}

#[test]
fn a_test_done_only_if_needed_is_listed_apart_from_the_total() {
    // The home-test sheet, a woman, 20 mg, 1 month: 5,500 + 30 × 450 (13,500) + 3,300 blood
    // test = 22,300; the liver panel (4,400) only if needed, not in the total.
    let args = [
        "--pricing",
        HOME_TEST,
        "--sex",
        "female",
        "--daily-mg",
        "20",
        "--months",
        "1",
    ];
    let text = quote(&args);
    assert!(text.contains("Course total:     ¥22,300"), "{text}");
    assert!(
        text.contains("\nIf needed (not in the total):\n  Liver panel:    ¥4,400\n"),
        "{text}"
    );
    let v = json(&args);
    assert_eq!(v["total"], 22_300);
    assert_eq!(
        v["as_needed"],
        serde_json::json!([{"label": "Liver panel", "amount": 4_400}])
    );
    let ko = quote(&[&args[..], &["--lang", "ko"]].concat());
    assert!(
        ko.contains("간 기능 정밀 검사") && ko.contains("4,400"),
        "{ko}"
    );
    // A sheet without such tests lists none.
    assert!(
        json(&["--sex", "female", "--daily-mg", "20"])
            .get("as_needed")
            .is_none()
    );
}

#[test]
fn a_quote_with_choices_is_saved_and_reopened_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q.json");
    let q = q.to_str().unwrap();
    // As in the_text_report_names_visit_kinds_shipping_and_the_course_discount: 42,439.
    let v = json(&[
        "--pricing",
        TELEPHONE,
        "--sex",
        "female",
        "--daily-mg",
        "20",
        "--months",
        "3",
        "--later-visits",
        "telephone",
        "--discount",
        "monitor,welcome,student",
        "--save",
        q,
    ]);
    assert_eq!(v["total"], 42_439);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(q).unwrap()).unwrap();
    assert_eq!(saved["schema_version"], 2);
    assert_eq!(
        saved["request"]["choices"]["discounts"],
        serde_json::json!(["monitor", "welcome", "student"])
    );
    let (code, out, err) = run(&["quote", "--open", q, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "the sheet has not changed: {err}");
    let back: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(back, v);
    // Today's sheet without these choices cannot reprice it.
    refused(
        &[
            "--open",
            q,
            "--reprice",
            "--pricing",
            "pricing/reference-clinic-jp.toml",
        ],
        "today's price sheet cannot price this plan: this price sheet offers visits in person only",
    );
    // The first release's files still open, with their totals (see saved.rs).
    let v = json(&["--open", "tests/fixtures/saved/v1-plan.json"]);
    assert_eq!(v["total"], 127_776);
}

/// A course under way (issue 12): 60 kg, target 120 mg/kg (7,200 mg), 4,200 mg taken in 120
/// days, 3 months left on the reference sheet: 3,000 mg in 90 days = 33.3 mg/day → 40 mg/day
/// (30 mg gives 2,700). Each return month for a man at 40 mg: 1,650 + 60 × 418 + 3,608 =
/// 30,338; 3 months = 91,014. Course: 4,200 + 3,600 = 7,800 mg = 130 mg/kg; the target is
/// reached on day 75 (3,000 ÷ 40) of the months left.
#[test]
fn a_course_under_way_is_re_solved_from_the_mg_taken_so_far() {
    let args = [
        "--so-far-mg",
        "4200",
        "--so-far-days",
        "120",
        "--visit",
        "return",
        "--weight-kg",
        "60",
        "--target-mg-per-kg",
        "120",
        "--months",
        "3",
        "--sex",
        "male",
    ];
    let j = json(&args);
    assert_eq!(j["months"][0]["dose"], "40");
    assert_eq!(j["total"], 91_014);
    assert_eq!(j["cumulative_mg"], 7_800);
    assert_eq!(j["cumulative_mg_per_kg"], 130.0);
    assert_eq!(j["progress"]["so_far_mg"], 4_200);
    assert_eq!(j["progress"]["so_far_mg_per_kg"], 70.0);
    assert_eq!(j["progress"]["rest_mg"], 3_600);
    assert_eq!(j["progress"]["course_days"], 210);
    assert_eq!(j["target_reached"]["day"], 75);
    let text = quote(&args);
    assert!(
        text.contains("Taken so far:     4,200 mg over 120 days (70.0 mg/kg)"),
        "{text}"
    );
    assert!(
        text.contains("These months:     3,600 mg over 90 days (60.0 mg/kg)"),
        "{text}"
    );
    assert!(
        text.contains("Whole course:     7,800 mg over 210 days (130.0 mg/kg)"),
        "{text}"
    );
    assert!(text.contains("Course total:     ¥91,014"), "{text}");
    // With alternating days allowed (the Korean example sheet does not; build one that does):
    // 40/30 = 45 × 40 + 45 × 30 = 3,150 ≥ 3,000.
    let dir = tempfile::tempdir().unwrap();
    let alt = dir.path().join("alt.toml");
    std::fs::write(
        &alt,
        pricing_text("reference-clinic-jp.toml") + "\n[dosing]\nalternating_days = true\n",
    )
    .unwrap();
    let mut alt_args = args.to_vec();
    alt_args.extend(["--pricing", alt.to_str().unwrap()]);
    assert_eq!(json(&alt_args)["months"][0]["dose"], "40/30");
}

fn pricing_text(name: &str) -> String {
    std::fs::read_to_string(format!("{}/pricing/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The mg taken so far already reach the target: said clearly, no dose proposed, nothing
/// printed on stdout.
#[test]
fn a_target_already_reached_is_said_instead_of_a_dose() {
    let (code, out, err) = run(&[
        "quote",
        "--so-far-mg",
        "7500",
        "--visit",
        "return",
        "--weight-kg",
        "60",
        "--target-mg-per-kg",
        "120",
        "--months",
        "3",
        "--sex",
        "male",
    ]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains(
            "the 7,500 mg taken so far already reach the target of 120 mg/kg at 60 kg (7,200 mg)"
        ),
        "{err}"
    );
    // Hostile values are refused by the parser.
    let (code, _, err) = run(&[
        "quote",
        "--sex",
        "male",
        "--daily-mg",
        "20",
        "--so-far-mg",
        "-5",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the mg taken so far must be a whole number"),
        "{err}"
    );
}

/// The text report's title names the items that carry no tax (the US sheet).
#[test]
fn the_title_names_the_items_without_tax() {
    let text = quote(&[
        "--pricing",
        "pricing/example-clinic-us.toml",
        "--sex",
        "female",
        "--daily-mg",
        "20",
        "--months",
        "2",
    ]);
    assert!(
        text.starts_with("Example Dermatology NYC — estimate in USD (tax added per month, no tax on Consultation, Blood test, Urine pregnancy test)\n"),
        "{text}"
    );
}
