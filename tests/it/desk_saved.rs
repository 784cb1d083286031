//! Issue 20 item 14 and its messages: a saved quote is held to the CLI's rules (age, dates in
//! the years 1900 to 2200, no unknown key in `screening`), the CLI refuses implausible dates,
//! a format 0 file is not "saved by a newer version", an invisible character is named by its
//! code only, and "at most 1 month" is written as a person would.

use std::process::Command;

use dose_planner::estimate::PlanError;
use dose_planner::i18n::Lang;
use dose_planner::pdf::PdfError;

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

/// A quote saved by the CLI (a woman, 20 mg for 3 months, quoted on 2026-11-24), as text.
fn saved_by_the_cli(dir: &std::path::Path, extra: &[&str]) -> (std::path::PathBuf, String) {
    let q = dir.join("q.json");
    let qs = q.to_str().unwrap();
    let mut args = vec![
        "quote",
        "--sex",
        "female",
        "--daily-mg",
        "20",
        "--months",
        "3",
        "--date",
        "2026-11-24",
        "--save",
        qs,
    ];
    args.extend_from_slice(extra);
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&q).unwrap();
    (q, text)
}

/// Opens `text` (written to `q`) with the CLI: the exit code and the error line.
fn open(q: &std::path::Path, text: &str, lang: &str) -> (i32, String) {
    std::fs::write(q, text).unwrap();
    let (code, _, err) = run(&["quote", "--open", q.to_str().unwrap(), "--lang", lang]);
    (code, err)
}

#[test]
fn a_tampered_saved_quote_is_held_to_the_cli_s_rules() {
    let dir = tempfile::tempdir().unwrap();
    let (q, text) = saved_by_the_cli(dir.path(), &["--age", "30", "--start", "2026-12-01"]);
    assert_eq!(open(&q, &text, "en").0, 0, "the file as saved opens");

    let cases = [
        // (what is changed, how the file says it, the words of the refusal)
        (
            "\"age\": 30",
            "\"age\": 500",
            "the age saved in it (500) is not possible",
        ),
        (
            "\"start\": \"2026-12-01\"",
            "\"start\": \"-009999-01-01\"",
            "the start date saved in it (-009999-01-01) is outside the years 1900 to 2200",
        ),
        (
            "\"quote_date\": \"2026-11-24\"",
            "\"quote_date\": \"0000-01-01\"",
            "the quote date saved in it (0000-01-01) is outside the years 1900 to 2200",
        ),
        (
            "\"checked\": []",
            "\"checked\": [], \"pregnant\": true",
            "unknown field `pregnant`",
        ),
    ];
    for (from, to, said) in cases {
        assert!(text.contains(from), "{from} not in {text}");
        let (code, err) = open(&q, &text.replacen(from, to, 1), "en");
        assert_eq!(code, 2, "{to}: {err}");
        assert!(err.contains(said), "{to}: {err}");
    }
    // In Japanese too.
    let (code, err) = open(&q, &text.replacen("\"age\": 30", "\"age\": 500", 1), "ja");
    assert_eq!(code, 2);
    assert!(
        err.contains("保存されている年齢（500）はありえません"),
        "{err}"
    );
}

#[test]
fn the_cli_refuses_dates_outside_the_years_a_clinic_means() {
    for date in ["-009999-01-01", "0000-01-01", "1899-12-31", "2201-01-01"] {
        for flag in ["--start", "--date"] {
            let (code, out, err) = run(&[
                "quote",
                "--sex",
                "female",
                "--daily-mg",
                "20",
                &format!("{flag}={date}"),
            ]);
            assert_eq!(code, 2, "{flag}={date}: {out}");
            assert!(
                err.contains("is outside the years 1900 to 2200"),
                "{flag}={date}: {err}"
            );
        }
    }
    let (code, _, err) = run(&[
        "quote",
        "--sex",
        "female",
        "--daily-mg",
        "20",
        "--start",
        "2200-12-01",
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_format_0_file_is_not_called_newer() {
    let dir = tempfile::tempdir().unwrap();
    let (q, text) = saved_by_the_cli(dir.path(), &[]);
    let zero = text.replacen("\"schema_version\": 2", "\"schema_version\": 0", 1);
    assert_ne!(zero, text);
    for (lang, not) in [
        ("en", "newer"),
        ("ja", "新しいバージョン"),
        ("ko", "새로운 버전"),
    ] {
        let (code, err) = open(&q, &zero, lang);
        assert_eq!(code, 2, "{err}");
        assert!(!err.contains(not), "{err}");
        assert!(err.contains('0'), "{err}");
    }
    let (_, err) = open(&q, &zero, "en");
    assert!(err.contains("which no version of the app writes"), "{err}");
}

#[test]
fn an_invisible_character_is_named_by_its_code_only() {
    let e = PdfError::Unprintable {
        field: "the patient's name".into(),
        ch: '\u{200B}',
    };
    for lang in [Lang::En, Lang::Ja, Lang::Ko] {
        let text = e.explain(lang);
        assert!(text.contains("U+200B"), "{text}");
        assert!(!text.contains('\u{200B}'), "{text:?}");
    }
    assert!(!e.to_string().contains('\u{200B}'));
    // A visible one is still shown, with its code.
    let seen = PdfError::Unprintable {
        field: "the patient's name".into(),
        ch: '😀',
    };
    assert!(seen.explain(Lang::En).contains("\"😀\" (U+1F600)"));
}

#[test]
fn at_most_one_month_is_singular() {
    let e = PlanError::VisitEvery { asked: 2, max: 1 };
    assert_eq!(
        e.explain(Lang::En),
        "This clinic gives at most 1 month of medication per visit, so a visit every 2 months is not possible."
    );
    assert!(!e.to_string().contains("(s)"), "{e}");
    assert!(e.to_string().contains("at most 1 month of"), "{e}");
    let e = PlanError::VisitEvery { asked: 3, max: 2 };
    assert!(e.explain(Lang::En).contains("at most 2 months of"));
    for lang in [Lang::Ja, Lang::Ko] {
        assert!(!e.explain(lang).contains("(s)"));
    }
}
