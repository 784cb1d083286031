//! Price sheets that must be refused, each with file:line:col and what was expected.

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input

use dose_planner::i18n::Lang;
use dose_planner::pricing::{self, REFERENCE_SHEET_TOML};

/// Replaces `from` with `to` in the reference sheet and returns the error text.
fn error_after(from: &str, to: &str) -> String {
    assert!(
        REFERENCE_SHEET_TOML.contains(from),
        "fixture text {from:?} not found"
    );
    let text = REFERENCE_SHEET_TOML.replacen(from, to, 1);
    pricing::parse(&text, "pricing/x.toml")
        .unwrap_err()
        .to_string()
}

fn check(from: &str, to: &str, expect: expect_test::Expect) {
    expect.assert_eq(&error_after(from, to));
}

#[test]
fn shipped_sheets_parse() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/pricing")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            pricing::parse(&text, &path.display().to_string()).unwrap();
        }
    }
    let r = pricing::reference_sheet();
    assert_eq!(
        r.clinic.name.get(dose_planner::Lang::En),
        "Sample Skin Clinic"
    );
    assert_eq!(r.clinic.name.get(dose_planner::Lang::Ja), "サンプル皮膚科");
}

#[test]
fn mistyped_key() {
    check(
        "price = 308",
        "pricee = 308",
        expect_test::expect![[
            r#"pricing/x.toml:28:1: unknown setting `pricee`; the settings allowed here are `mg` or `price`: check its spelling (in `pricee = 308`)"#
        ]],
    );
    check(
        "[consultation]",
        "[consultaton]",
        expect_test::expect![
            "pricing/x.toml:22:2: unknown setting `consultaton`; the settings allowed here are one of `style`, `clinic`, `currency`, `quote`, `visits`, `consultation`, `capsules`, `tests`, `packages`, `fees`, `after_last_dose`, `dosing`, `pregnancy_test`, `visit_kinds`, `products`, `discounts`: check its spelling (in `[consultaton]`)"
        ],
    );
}

#[test]
fn negative_or_fractional_price() {
    check(
        "price = 308",
        "price = -308",
        expect_test::expect![[
            r#"pricing/x.toml:28:9: a price cannot be negative, got -308: write a whole number of 0 or more (in `price = -308`)"#
        ]],
    );
    check(
        "first_visit = 3850",
        "first_visit = 3850.5",
        expect_test::expect![[
            r#"pricing/x.toml:23:15: a price must be a whole number in the currency's smallest unit (yen, won, cents), got 3850.5: write 1250 for $12.50 (in `first_visit = 3850.5`)"#
        ]],
    );
    check(
        "first_visit = 3850",
        "first_visit = \"3,850\"",
        expect_test::expect![[
            r#"pricing/x.toml:23:15: a price must be a number without quotes or commas, got "3,850" (in `first_visit = "3,850"`)"#
        ]],
    );
}

#[test]
fn toml_syntax_error() {
    check(
        "first_visit = 3850",
        "first_visit = 3850 yen",
        expect_test::expect![[
            r#"pricing/x.toml:23:15: string values must be quoted, expected literal string (in `first_visit = 3850 yen`)"#
        ]],
    );
    check(
        "[consultation]",
        "[consultation",
        expect_test::expect![[
            r#"pricing/x.toml:22:14: unclosed table, expected `]` (in `[consultation`)"#
        ]],
    );
}

#[test]
fn wrong_choices_and_values() {
    check(
        "who = \"women\"",
        "who = \"woman\"",
        expect_test::expect![[
            r#"pricing/x.toml:44:7: unknown choice `woman`, expected `everyone` or `women` (in `who = "woman"`)"#
        ]],
    );
    check(
        "code = \"JPY\"",
        "code = \"YEN\"",
        expect_test::expect![[
            r#"pricing/x.toml:12:8: unknown currency "YEN": use an ISO code such as JPY or KRW, or give its minor_units and symbol (in `code = "YEN"`)"#
        ]],
    );
    check(
        "max_months_per_visit = 2",
        "max_months_per_visit = 3",
        expect_test::expect![[
            r#"pricing/x.toml:20:24: max_months_per_visit must be 1 or 2, got 3 (in `max_months_per_visit = 3`)"#
        ]],
    );
    check(
        "mg = 20",
        "mg = 10",
        expect_test::expect![[
            r#"pricing/x.toml:31:6: the 10 mg capsule is listed twice (in `mg = 10`)"#
        ]],
    );
    check(
        "tax_included = true",
        "tax_included = false",
        expect_test::expect![
            "pricing/x.toml:16:16: tax_included = false needs tax_rate_percent (e.g. 10) in [quote] (in `tax_included = false`)"
        ],
    );
}

#[test]
fn garbage_and_empty_input_never_panic() {
    for text in [
        "",
        "\u{0}\u{1}",
        "[[[",
        "style = 3",
        "clinic = 1",
        "a = [1, 2",
    ] {
        let e = pricing::parse(text, "x.toml").unwrap_err();
        assert!(e.line >= 1 && e.column >= 1, "{e}");
    }
}

/// The error for the reference sheet with `from` replaced by `to`.
fn refused(from: &str, to: &str) -> pricing::PricingError {
    let text = REFERENCE_SHEET_TOML.replacen(from, to, 1);
    assert_ne!(
        text, REFERENCE_SHEET_TOML,
        "fixture text {from:?} not found"
    );
    pricing::parse(&text, "pricing/x.toml").unwrap_err()
}

#[test]
fn errors_have_stable_codes() {
    for (from, to, code) in [
        ("price = 308", "pricee = 308", "unknown_setting"),
        ("price = 308", "price = -308", "negative_price"),
        (
            "first_visit = 3850",
            "first_visit = 3850.5",
            "fractional_price",
        ),
        ("first_visit = 3850", "first_visit = 3850 yen", "toml"),
        ("who = \"women\"", "who = \"woman\"", "unknown_choice"),
        ("code = \"JPY\"", "code = \"YEN\"", "unknown_currency"),
        ("valid_days = 30", "valid_days = 0", "valid_days"),
        ("mg = 20", "mg = 10", "duplicate_capsule"),
        (
            "tax_included = true",
            "tax_included = false",
            "tax_rate_missing",
        ),
    ] {
        assert_eq!(refused(from, to).code(), code, "{to}");
    }
}

#[test]
fn errors_read_in_the_users_language_with_the_place() {
    use dose_planner::Lang;
    let e = refused("price = 308", "price = -308");
    assert_eq!(e.explain(Lang::En), e.to_string());
    assert_eq!(
        e.explain(Lang::Ja),
        "pricing/x.toml:28:9: 価格にマイナスの値（-308）は使えません。0 以上の整数で書いてください。（該当行: `price = -308`）"
    );
    assert_eq!(
        e.explain(Lang::Ko),
        "pricing/x.toml:28:9: 가격은 음수(-308)일 수 없습니다. 0 이상의 정수로 쓰십시오. (해당 줄: `price = -308`)"
    );

    let e = refused("price = 308", "pricee = 308");
    assert_eq!(
        e.explain(Lang::Ja),
        "pricing/x.toml:28:1: 設定 `pricee` はここでは使えません。綴りを確認してください（ここで使える設定: `mg` または `price`）。（該当行: `pricee = 308`）"
    );
    assert!(e.explain(Lang::Ko).contains("`mg` 또는 `price`"));

    // The reader's own detail stays English, quoted and named as the reader's own words
    // inside a Japanese or Korean sentence (never English words loose in the sentence).
    let e = refused("first_visit = 3850", "first_visit = 3850 yen");
    assert_eq!(
        e.explain(Lang::Ja),
        "pricing/x.toml:23:15: 料金表の書き方に誤りがあります。読み取り部品の英語の原文：「string values must be quoted, expected literal string」（該当行: `first_visit = 3850 yen`）"
    );
    assert_eq!(
        e.explain(Lang::Ko),
        "pricing/x.toml:23:15: 가격표 형식에 오류가 있습니다. 판독 부품의 영어 원문: \"string values must be quoted, expected literal string\" (해당 줄: `first_visit = 3850 yen`)"
    );

    let e = refused("max_months_per_visit = 2", "max_months_per_visit = 3");
    assert_eq!(
        e.reason(Lang::Ja),
        "max_months_per_visit は 1 か 2 で書いてください（3 と書かれています）。"
    );
    assert_eq!(
        e.reason(Lang::En),
        "max_months_per_visit must be 1 or 2, got 3"
    );
}

#[test]
fn the_first_mistake_written_is_reported_first() {
    // Two bad prices: the first in the file wins, as when the reader judged them.
    let text = REFERENCE_SHEET_TOML
        .replacen("first_visit = 3850", "first_visit = 3850.5", 1)
        .replacen("price = 308", "price = -308", 1);
    let e = pricing::parse(&text, "x.toml").unwrap_err();
    assert_eq!((e.line, e.code()), (23, "fractional_price"), "{e}");
    // A bad price is reported before a section's mistake written above it.
    let text = REFERENCE_SHEET_TOML
        .replacen("valid_days = 30", "valid_days = 0", 1)
        .replacen("price = 308", "price = -308", 1);
    let e = pricing::parse(&text, "x.toml").unwrap_err();
    assert_eq!(e.code(), "negative_price", "{e}");
}

/// The Korean example sheet with `from` replaced by `to`: the error.
fn kr_refused(from: &str, to: &str) -> pricing::PricingError {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pricing/example-clinic-kr.toml"
    ))
    .unwrap();
    assert!(text.contains(from), "fixture text {from:?} not found");
    pricing::parse(&text.replacen(from, to, 1), "pricing/kr.toml").unwrap_err()
}

/// The tax rate as the Korean sheet parses it with `rate` written.
fn kr_rate(rate: &str) -> Result<u32, String> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pricing/example-clinic-kr.toml"
    ))
    .unwrap()
    .replacen(
        "tax_rate_percent = 10",
        &format!("tax_rate_percent = {rate}"),
        1,
    );
    match pricing::parse(&text, "kr.toml") {
        Ok(sheet) => match sheet.tax {
            pricing::Tax::Added {
                rate_milli_percent, ..
            } => Ok(rate_milli_percent),
            pricing::Tax::Included => Err("included".into()),
        },
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn tax_rates_have_up_to_three_decimals_read_exactly() {
    // Thousandths of a percent: 10% = 10,000; 8.875% = 8,875.
    assert_eq!(kr_rate("10"), Ok(10_000));
    assert_eq!(kr_rate("8.875"), Ok(8_875));
    assert_eq!(kr_rate("7.5"), Ok(7_500));
    assert_eq!(kr_rate("0.001"), Ok(1));
    assert_eq!(
        kr_rate("8.8750"),
        Ok(8_875),
        "trailing zeros are not decimals"
    );
    assert_eq!(kr_rate("100.000"), Ok(100_000));
    assert_eq!(kr_rate("0"), Ok(0));
    assert_eq!(kr_rate("100"), Ok(100_000));
    assert_eq!(kr_rate("8875e-3"), Ok(8_875));
    // Four decimals, over 100% or below 0: refused where the rate is written (line 16).
    assert_eq!(
        kr_rate("8.8755"),
        Err(
            "kr.toml:16:20: a tax rate must be between 0 and 100 percent with at most three \
             decimals (such as 8.875), got 8.8755 (in `tax_rate_percent = 8.8755`)"
                .into()
        )
    );
    for bad in ["100.001", "-0.5", "8.8751", "1e-4", "0.0001"] {
        let e = kr_rate(bad).unwrap_err();
        assert!(
            e.starts_with("kr.toml:16:20: a tax rate must be"),
            "{bad}: {e}"
        );
    }
    assert!(kr_rate("101").unwrap_err().contains("got 101"));
}

#[test]
fn tax_exempt_names_items_of_the_sheet_once_and_needs_added_tax() {
    let e = kr_refused(
        "tax_rounding = \"down\"",
        "tax_rounding = \"down\"\ntax_exempt = [\"consultation\", \"consult\"]",
    );
    assert_eq!(e.code(), "tax_exempt_code");
    assert_eq!(
        e.to_string(),
        "pricing/kr.toml:18:31: \"consult\" is not an item of this sheet; tax_exempt lists one of \
         `consultation`, `medication`, `blood_test`, `urine_test` \
         (in `tax_exempt = [\"consultation\", \"consult\"]`)"
    );
    let e = kr_refused(
        "tax_rounding = \"down\"",
        "tax_rounding = \"down\"\ntax_exempt = [\"package\"]",
    );
    assert_eq!(
        e.code(),
        "tax_exempt_code",
        "package is a flat sheet's item"
    );
    let e = kr_refused(
        "tax_rounding = \"down\"",
        "tax_rounding = \"down\"\ntax_exempt = [\"medication\", \"medication\"]",
    );
    assert_eq!(
        (e.line, e.column, e.code()),
        (18, 29, "duplicate_tax_exempt")
    );
    let e = refused(
        "tax_included = true",
        "tax_included = true\ntax_exempt = [\"consultation\"]",
    );
    assert_eq!(
        (e.line, e.column, e.code()),
        (17, 14, "tax_exempt_not_used")
    );
    let e = kr_refused(
        "tax_rounding = \"down\"",
        "tax_rounding = \"down\"\ntax_exempt = \"consultation\"",
    );
    assert_eq!((e.line, e.code()), (18, "toml"), "{e}");
}

#[test]
fn prescription_days_are_at_least_what_a_visit_gives() {
    use dose_planner::Lang;
    // The reference sheet gives 2 months (60 days) per visit: 30 days per prescription is
    // shorter, refused where it is written.
    let e = refused(
        "max_months_per_visit = 2",
        "max_months_per_visit = 2\nmax_prescription_days = 30",
    );
    assert_eq!(
        e.to_string(),
        "pricing/x.toml:21:25: max_prescription_days = 30 is shorter than the 60 days of \
         medication a visit may give (max_months_per_visit = 2): lower max_months_per_visit or \
         raise max_prescription_days (in `max_prescription_days = 30`)"
    );
    assert!(
        e.explain(Lang::Ja).contains("60 日分"),
        "{}",
        e.explain(Lang::Ja)
    );
    assert!(
        e.explain(Lang::Ko).contains("60일분"),
        "{}",
        e.explain(Lang::Ko)
    );
    let e = kr_refused("max_prescription_days = 30", "max_prescription_days = 0");
    assert_eq!(
        (e.line, e.column, e.code()),
        (23, 25, "prescription_days_range")
    );
    let e = kr_refused("max_prescription_days = 30", "max_prescription_days = 366");
    assert_eq!(e.code(), "prescription_days_range");
    let e = kr_refused("max_prescription_days = 30", "max_prescription_days = 29");
    assert_eq!(e.code(), "prescription_shorter_than_visit");
    // 60 and more pass on the reference sheet; the setting is kept as written.
    let text = REFERENCE_SHEET_TOML.replacen(
        "max_months_per_visit = 2",
        "max_months_per_visit = 2\nmax_prescription_days = 60",
        1,
    );
    let sheet = pricing::parse(&text, "x.toml").unwrap();
    assert_eq!(
        (sheet.max_prescription_days, sheet.prescription_days()),
        (Some(60), 60)
    );
    let reference = pricing::reference_sheet();
    assert_eq!(
        (
            reference.max_prescription_days,
            reference.prescription_days()
        ),
        (None, 60)
    );
}

#[test]
fn alternating_days_default_off_and_checked() {
    assert!(!pricing::reference_sheet().alternating_days);
    let text = format!("{REFERENCE_SHEET_TOML}\n[dosing]\nalternating_days = true\n");
    assert!(pricing::parse(&text, "x.toml").unwrap().alternating_days);
    let text = format!("{REFERENCE_SHEET_TOML}\n[dosing]\n");
    assert!(!pricing::parse(&text, "x.toml").unwrap().alternating_days);
    let text = format!("{REFERENCE_SHEET_TOML}\n[dosing]\nalternating_days = \"yes\"\n");
    let e = pricing::parse(&text, "x.toml").unwrap_err();
    assert_eq!((e.line, e.column, e.code()), (57, 20, "toml"), "{e}");
    let text = format!("{REFERENCE_SHEET_TOML}\n[dosing]\nalternate_days = true\n");
    let e = pricing::parse(&text, "x.toml").unwrap_err();
    assert_eq!(
        (e.line, e.column, e.code()),
        (57, 1, "unknown_setting"),
        "{e}"
    );
}

#[test]
fn pregnancy_test_where_it_is_done() {
    use dose_planner::pricing::PregnancyTest;
    let parse = |text: &str| pricing::parse(text, "x.toml");
    let flat = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pricing/flat-clinic-jp.toml"
    ))
    .unwrap();
    // Defaults: the reference sheet lists a women's test (at the clinic); a flat sheet says
    // nothing; an itemised sheet without a women's test says nothing.
    assert_eq!(
        pricing::reference_sheet().pregnancy_test,
        PregnancyTest::Clinic
    );
    assert_eq!(
        parse(&flat).unwrap().pregnancy_test,
        PregnancyTest::Unspecified
    );
    let no_urine = REFERENCE_SHEET_TOML.replacen(
        "code = \"urine_test\"\nprice = 1056\nwho = \"women\"",
        "code = \"urine_test\"\nprice = 1056\nwho = \"everyone\"",
        1,
    );
    assert_ne!(no_urine, REFERENCE_SHEET_TOML);
    assert_eq!(
        parse(&no_urine).unwrap().pregnancy_test,
        PregnancyTest::Unspecified
    );
    // Written.
    let with = |text: &str, place: &str| format!("{text}\n[pregnancy_test]\nwhere = \"{place}\"\n");
    assert_eq!(
        parse(&with(&no_urine, "home")).unwrap().pregnancy_test,
        PregnancyTest::Home
    );
    assert_eq!(
        parse(&with(REFERENCE_SHEET_TOML, "clinic"))
            .unwrap()
            .pregnancy_test,
        PregnancyTest::Clinic
    );
    assert_eq!(
        parse(&with(&flat, "home")).unwrap().pregnancy_test,
        PregnancyTest::Home
    );
    assert_eq!(
        parse(&with(&flat, "clinic")).unwrap().pregnancy_test,
        PregnancyTest::Clinic
    );
    // "home" with a women's test listed: refused at the test.
    let e = parse(&with(REFERENCE_SHEET_TOML, "home")).unwrap_err();
    assert_eq!(e.code(), "pregnancy_test_listed_for_home");
    assert_eq!((e.line, e.column), (41, 1), "{e}"); // its `[[tests]]`
    assert!(
        e.to_string()
            .contains("the test \"urine_test\" is for women"),
        "{e}"
    );
    // "clinic" without a women's test on an itemised sheet: refused at `where`.
    let e = parse(&with(&no_urine, "clinic")).unwrap_err();
    assert_eq!(
        (e.line, e.column, e.code()),
        (57, 9, "pregnancy_test_not_listed"),
        "{e}"
    );
    // A misspelt place, a missing `where`.
    let e = parse(&with(REFERENCE_SHEET_TOML, "house")).unwrap_err();
    assert_eq!(e.code(), "unknown_choice", "{e}");
    assert!(e.to_string().contains("`clinic` or `home`"), "{e}");
    let e = parse(&format!("{REFERENCE_SHEET_TOML}\n[pregnancy_test]\n")).unwrap_err();
    assert_eq!(e.code(), "missing_setting", "{e}");
}

/// The reference sheet with `fee` appended (a `[[fees]]` table and anything after it).
fn with_fee(fee: &str) -> String {
    format!("{REFERENCE_SHEET_TOML}\n{fee}")
}

/// `[[fees]]`: code, name, price and `when` are checked where they are written.
#[test]
fn one_off_fees_refused_where_written() {
    let parse = |text: &str| pricing::parse(text, "pricing/x.toml");
    let fee = |code: &str, name: &str, price: &str, when: &str| {
        with_fee(&format!(
            "[[fees]]\ncode = \"{code}\"\nname = {name}\nprice = {price}\nwhen = \"{when}\"\n"
        ))
    };
    let en = r#"{ en = "Registration" }"#;
    // The reference sheet has 54 lines, then a blank one: the fee table starts on line 56.
    let good = parse(&fee("registration", en, "3300", "first_visit")).unwrap();
    assert_eq!(good.one_off_fees.len(), 1);
    let e = parse(&fee("Registration", en, "3300", "course")).unwrap_err();
    assert_eq!((e.line, e.column, e.code()), (57, 8, "fee_code"), "{e}");
    assert_eq!(
        e.to_string(),
        r#"pricing/x.toml:57:8: a fee code is lowercase letters, digits and _ (like registration), got "Registration" (in `code = "Registration"`)"#
    );
    for taken in ["consultation", "medication", "package", "tax", "blood_test"] {
        let e = parse(&fee(taken, en, "3300", "course")).unwrap_err();
        assert_eq!(
            (e.line, e.column, e.code()),
            (57, 8, "fee_code_taken"),
            "{e}"
        );
    }
    let e = parse(&fee("tax", en, "3300", "course")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pricing/x.toml:57:8: the fee code \"tax\" is already used by the estimate or by a test of this sheet: a fee's code may not be any of `consultation`, `medication`, `package`, `tax`, `subtotal`, `total`, `shipping`, `in_person` or a test's code; choose another, like registration (in `code = \"tax\"`)"
    );
    let e = parse(&fee("reg", r#"{ en = " " }"#, "3300", "course")).unwrap_err();
    assert_eq!(
        (e.line, e.column, e.code()),
        (58, 8, "fee_without_name"),
        "{e}"
    );
    let e = parse(&fee("reg", "\"Reg\\u0007\"", "3300", "course")).unwrap_err();
    assert_eq!(
        (e.line, e.column, e.code()),
        (58, 8, "control_character"),
        "{e}"
    );
    let e = parse(&fee("reg", en, "-3300", "course")).unwrap_err();
    assert_eq!(
        (e.line, e.column, e.code()),
        (59, 9, "negative_price"),
        "{e}"
    );
    let e = parse(&fee("reg", en, "33.5", "course")).unwrap_err();
    assert_eq!(
        (e.line, e.column, e.code()),
        (59, 9, "fractional_price"),
        "{e}"
    );
    let e = parse(&fee("reg", en, "10000000001", "course")).unwrap_err();
    assert_eq!(
        (e.line, e.column, e.code()),
        (59, 9, "price_too_large"),
        "{e}"
    );
    let e = parse(&fee("reg", en, "3300", "every_visit")).unwrap_err();
    assert_eq!((e.line, e.code()), (60, "unknown_choice"), "{e}");
    assert!(e.to_string().contains("`first_visit` or `course`"), "{e}");
    // A missing name or `when`, a misspelt key.
    let e = parse(&with_fee(
        "[[fees]]\ncode = \"reg\"\nprice = 1\nwhen = \"course\"\n",
    ))
    .unwrap_err();
    assert_eq!((e.line, e.code()), (56, "missing_setting"), "{e}");
    let e = parse(&with_fee(
        "[[fees]]\ncode = \"reg\"\nname = \"Reg\"\nprice = 1\n",
    ))
    .unwrap_err();
    assert_eq!((e.line, e.code()), (56, "missing_setting"), "{e}");
    let e = parse(&with_fee(
        "[[fees]]\ncode = \"reg\"\nname = \"Reg\"\nprice = 1\nwhen = \"course\"\npricee = 2\n",
    ))
    .unwrap_err();
    assert_eq!((e.line, e.code()), (61, "unknown_setting"), "{e}");
    // The same code twice: refused at the second.
    let twice = fee("reg", en, "1", "course")
        + "[[fees]]\ncode = \"reg\"\nname = \"Again\"\nprice = 2\nwhen = \"course\"\n";
    let e = parse(&twice).unwrap_err();
    assert_eq!(
        (e.line, e.column, e.code()),
        (62, 8, "duplicate_fee"),
        "{e}"
    );
    // At most 20 fees: the 21st is where the error points.
    let many: String = (0..21)
        .map(|i| format!("[[fees]]\ncode = \"f{i}\"\nname = \"F\"\nprice = 1\nwhen = \"course\"\n"))
        .collect();
    let e = parse(&with_fee(&many)).unwrap_err();
    assert_eq!((e.line, e.code()), (56 + 20 * 5, "too_many_fees"), "{e}");
}

/// `tax_exempt` accepts a fee's code (and still refuses a code the sheet does not charge).
#[test]
fn tax_exempt_accepts_fee_codes() {
    let sheet = |exempt: &str| {
        let text = REFERENCE_SHEET_TOML.replacen(
            "tax_included = true",
            &format!("tax_included = false\ntax_rate_percent = 10\ntax_exempt = [{exempt}]"),
            1,
        );
        pricing::parse(
            &format!(
                "{text}\n[[fees]]\ncode = \"consent\"\nname = \"Consent\"\nprice = 1100\nwhen = \"course\"\n"
            ),
            "pricing/x.toml",
        )
    };
    let s = sheet(r#""consent""#).unwrap();
    assert!(!s.is_taxable("consent") && s.is_taxable("medication"));
    let e = sheet(r#""registration""#).unwrap_err();
    assert_eq!(e.code(), "tax_exempt_code", "{e}");
    assert!(e.to_string().contains("`consent`"), "{e}");
}

/// `[[visit_kinds]]`, `[[products]]`, `[[discounts]]` and the test schedules: each mistake
/// refused where it is written, with line and column (the reference sheet's 54 lines, a blank
/// one, then the appended text from line 56).
#[test]
fn choices_and_schedules_refused_where_written() {
    let parse = |extra: &str| pricing::parse(&with_fee(extra), "pricing/x.toml");
    let at = |extra: &str| {
        let e = parse(extra).unwrap_err();
        (e.line, e.column, e.code().to_string(), e.to_string())
    };
    // A visit kind of the clinic's own needs a name; telephone has a built-in one.
    assert!(parse("[[visit_kinds]]\ncode = \"telephone\"\nfee = 1100\n").is_ok());
    let (line, col, code, text) = at("[[visit_kinds]]\ncode = \"video\"\nfee = 1100\n");
    assert_eq!(
        (line, col, code.as_str()),
        (56, 1, "entry_without_name"),
        "{text}"
    );
    assert!(
        text.contains("\"video\" in [[visit_kinds]] needs a name"),
        "{text}"
    );
    // Its tests are the sheet's tests.
    let (line, col, code, text) =
        at("[[visit_kinds]]\ncode = \"online\"\nfee = 1650\ntests = [\"liver\"]\n");
    assert_eq!(
        (line, col, code.as_str()),
        (59, 10, "visit_kind_test"),
        "{text}"
    );
    assert!(text.contains("`blood_test` or `urine_test`"), "{text}");
    // A negative shipping fee is refused like any price.
    let (line, col, code, _) =
        at("[[visit_kinds]]\ncode = \"telephone\"\nfee = 1100\nshipping = -550\n");
    assert_eq!((line, col, code.as_str()), (59, 12, "negative_price"));
    // The same kind twice; a kind named like an item.
    let twice = "[[visit_kinds]]\ncode = \"telephone\"\nfee = 1\n\n[[visit_kinds]]\ncode = \"telephone\"\nfee = 2\n";
    assert_eq!(at(twice).2, "duplicate_entry");
    assert_eq!(
        at("[[visit_kinds]]\ncode = \"in_person\"\nfee = 1\n").2,
        "code_taken"
    );

    // Discounts: percent or amount, a sane percent, month only with on = "month".
    let d = |body: &str| {
        format!("[[discounts]]\ncode = \"monitor\"\nname = {{ en = \"Monitor\" }}\n{body}\n")
    };
    let ok = parse(&d("percent = 12.5\non = \"medication\"")).unwrap();
    assert_eq!(
        ok.discounts[0].amount,
        pricing::DiscountAmount::Percent(12_500)
    );
    let (line, col, code, text) = at(&d("percent = 150\non = \"medication\""));
    assert_eq!(
        (line, col, code.as_str()),
        (59, 11, "discount_percent"),
        "{text}"
    );
    assert!(text.contains("got 150"), "{text}");
    assert_eq!(at(&d("percent = 0\non = \"course\"")).2, "discount_percent");
    assert_eq!(
        at(&d("percent = 1.2345\non = \"course\"")).2,
        "discount_percent"
    );
    assert_eq!(at(&d("on = \"course\"")).2, "discount_amount");
    assert_eq!(
        at(&d("percent = 5\namount = 100\non = \"course\"")).2,
        "discount_amount"
    );
    let (line, col, code, _) = at(&d("amount = 1000\non = \"course\"\nmonth = 2"));
    assert_eq!(
        (line, col, code.as_str()),
        (61, 9, "discount_month_not_used")
    );
    assert_eq!(
        at(&d("amount = 1000\non = \"month\"\nmonth = 0")).2,
        "discount_month"
    );
    assert_eq!(at(&d("amount = 1000\non = \"week\"")).2, "unknown_choice");
    // A discount may not take a test's code.
    let taken = "[[discounts]]\ncode = \"blood_test\"\nname = \"x\"\namount = 1\non = \"course\"\n";
    assert_eq!(at(taken).2, "code_taken");

    // Products: never beside top-level capsules, each with prices.
    let (line, col, code, text) = at(
        "[[products]]\ncode = \"roaccutane\"\nname = \"Roaccutane\"\ncapsules = [{ mg = 20, price = 418 }]\n",
    );
    // The first top-level [[capsules]] of the reference sheet (line 26) is where it points.
    assert_eq!(
        (line, col, code.as_str()),
        (26, 1, "products_and_capsules"),
        "{text}"
    );
    let no_caps = REFERENCE_SHEET_TOML
        .replace("[[capsules]]\nmg = 10\nprice = 308\n", "")
        .replace("[[capsules]]\nmg = 20\nprice = 418\n", "");
    let products = format!(
        "{no_caps}\n[[products]]\ncode = \"a\"\nname = \"A\"\ncapsules = [{{ mg = 20, price = 418 }}]\n\n[[products]]\ncode = \"b\"\nname = \"B\"\n"
    );
    let e = pricing::parse(&products, "pricing/x.toml").unwrap_err();
    assert_eq!(e.code(), "product_without_prices", "{e}");
    let good = products.replace(
        "name = \"B\"\n",
        "name = \"B\"\ncapsules = [{ mg = 20, price = 500 }]\n",
    );
    let s = pricing::parse(&good, "pricing/x.toml").unwrap();
    assert_eq!(s.products.len(), 2);
    assert_eq!(s.capsules[0].price, Some(dose_planner::money::Money(418)));

    // Test schedules: one per test, months and weeks in range.
    let schedule = |keys: &str| {
        REFERENCE_SHEET_TOML.replace(
            "price = 3608\nwho = \"everyone\"\n",
            &format!("price = 3608\nwho = \"everyone\"\n{keys}\n"),
        )
    };
    let e =
        pricing::parse(&schedule("at_months = [1, 2]\nas_needed = true"), "x.toml").unwrap_err();
    assert_eq!(e.code(), "test_schedule_conflict", "{e}");
    let e = pricing::parse(&schedule("at_months = [1, 30]"), "x.toml").unwrap_err();
    assert_eq!(e.code(), "test_month_list", "{e}");
    assert!(e.to_string().contains("got 30"), "{e}");
    let e = pricing::parse(&schedule("at_months = []"), "x.toml").unwrap_err();
    assert_eq!(e.code(), "test_month_list", "{e}");
    let e = pricing::parse(&schedule("after_weeks = 40"), "x.toml").unwrap_err();
    assert_eq!(e.code(), "test_weeks", "{e}");
    let ok = pricing::parse(&schedule("after_weeks = 3\nevery_months = 2"), "x.toml").unwrap();
    let pricing::Fees::Itemised { tests, .. } = &ok.fees else {
        panic!("itemised")
    };
    assert_eq!(
        tests[0].schedule,
        pricing::TestSchedule::AfterWeeks {
            weeks: 3,
            every_months: Some(2)
        }
    );
}

/// Issue 20 item 11: a `[[tests]]` code that is an item code the estimate prints itself
/// (`consultation`, `medication`, `package`, `tax`, `shipping`, …) is refused where it is
/// written — before, its price vanished from the table and the PDF while the month total
/// included it. A fee or discount may not take a test's code either (its own section says so).
#[test]
fn a_test_may_not_take_a_built_in_item_code() {
    let parse = |text: &str| pricing::parse(text, "pricing/x.toml");
    let test = |code: &str| {
        with_fee(&format!(
            "[[tests]]\ncode = \"{code}\"\nname = {{ en = \"Extra\" }}\nprice = 500\nwho = \"everyone\"\n"
        ))
    };
    assert!(parse(&test("liver_panel")).is_ok());
    for code in pricing::RESERVED_CODES {
        let e = parse(&test(code)).unwrap_err();
        // The table starts on line 56; `code = "…"` is line 57, its value at column 8.
        assert_eq!((e.line, e.column, e.code()), (57, 8, "code_taken"), "{e}");
        assert!(
            e.to_string().starts_with(&format!(
                "pricing/x.toml:57:8: the code \"{code}\" in [[tests]]"
            )),
            "{e}"
        );
        for lang in [Lang::Ja, Lang::Ko] {
            assert!(e.explain(lang).contains(code), "{}", e.explain(lang));
        }
    }
    // A fee and a discount named like a test are refused at their own line.
    let fee = with_fee(
        "[[fees]]\ncode = \"urine_test\"\nname = { en = \"x\" }\nprice = 1\nwhen = \"course\"\n",
    );
    assert_eq!(parse(&fee).unwrap_err().code(), "fee_code_taken");
}
