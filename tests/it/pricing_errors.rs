//! Price sheets that must be refused, each with file:line:col and what was expected.

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input

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
        expect_test::expect![[
            r#"pricing/x.toml:22:2: unknown setting `consultaton`; the settings allowed here are one of `style`, `clinic`, `currency`, `quote`, `visits`, `consultation`, `capsules`, `tests`, `packages`, `after_last_dose`: check its spelling (in `[consultaton]`)"#
        ]],
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

    // The reader's own detail stays English inside a Japanese frame.
    let e = refused("first_visit = 3850", "first_visit = 3850 yen");
    assert_eq!(
        e.explain(Lang::Ja),
        "pricing/x.toml:23:15: 料金表の書き方に誤りがあります（string values must be quoted, expected literal string）。（該当行: `first_visit = 3850 yen`）"
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
