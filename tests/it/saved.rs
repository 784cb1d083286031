//! Saved quotes reopen unchanged, notice changed prices, and refuse damaged files clearly;
//! files are written atomically; nothing panics on any input.

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input

use dose_planner::dose::Dose;
use dose_planner::estimate::{CourseRequest, Sex, estimate};
use dose_planner::files;
use dose_planner::pricing::{self, REFERENCE_SHEET_NAME, REFERENCE_SHEET_TOML};
use dose_planner::saved::{self, PriceCheck, SavedQuoteError};
use proptest::prelude::*;

fn saved_json(request: &CourseRequest) -> String {
    let sheet = pricing::reference_sheet();
    let est = estimate(&sheet, request).unwrap();
    let q = saved::save(
        REFERENCE_SHEET_NAME,
        REFERENCE_SHEET_TOML,
        request,
        &est,
        Some("山田 花子"),
        "2026-11-22".parse().unwrap(),
    );
    saved::to_json(&q)
}

fn plan() -> CourseRequest {
    CourseRequest {
        doses: ["20", "40", "40", "60", "60", "60"]
            .map(|d| Dose::parse(d).unwrap())
            .to_vec(),
        weight_kg: Some(58.5),
        start: Some("2026-12-01".parse().unwrap()),
        ..CourseRequest::constant(Sex::Female, Dose::daily(20), 1)
    }
}

#[test]
fn reopens_with_the_old_totals_after_a_price_rise_and_reprices_on_request() {
    let json = saved_json(&plan());
    let reopened = saved::open(&json, "q.json").unwrap();
    // 21,054 + 2 × 31,394 + 3 × 43,934 = 215,644
    assert_eq!(reopened.estimate.total.0, 215_644);
    assert_eq!(reopened.quote.patient.as_deref(), Some("山田 花子"));
    assert_eq!(reopened.quote.request, plan());
    assert_eq!(
        saved::check_prices(&reopened, &pricing::reference_sheet()),
        PriceCheck::Unchanged
    );

    // The clinic raises the 20 mg capsule from 418 to 450 yen.
    let raised = pricing::parse(
        &REFERENCE_SHEET_TOML.replace("price = 418", "price = 450"),
        "new.toml",
    )
    .unwrap();
    let reopened = saved::open(&json, "q.json").unwrap();
    assert_eq!(
        reopened.estimate.total.0, 215_644,
        "the saved prices still apply"
    );
    // 20 mg capsules over the course: 30 + 60 + 60 + 90 × 3 = 420; × 32 yen = 13,440 more.
    assert_eq!(
        saved::check_prices(&reopened, &raised),
        PriceCheck::Changed {
            saved_total: reopened.estimate.total,
            current_total: dose_planner::Money(215_644 + 13_440)
        }
    );
    let repriced = estimate(&raised, &reopened.quote.request).unwrap();
    assert_eq!(repriced.total.0, 229_084);
}

#[test]
fn a_sheet_that_no_longer_offers_the_dose_cannot_reprice() {
    let reopened = saved::open(&saved_json(&plan()), "q.json").unwrap();
    let flat = pricing::parse(
        include_str!("../../pricing/flat-clinic-jp.toml"),
        "flat.toml",
    )
    .unwrap();
    assert!(matches!(
        saved::check_prices(&reopened, &flat),
        PriceCheck::CannotReprice(_)
    ));
}

#[test]
fn damaged_files_are_refused_with_the_reason() {
    let json = saved_json(&plan());
    let err = |text: &str| saved::open(text, "q.json").unwrap_err();
    assert!(matches!(err(""), SavedQuoteError::NotAQuote { .. }));
    assert!(matches!(
        err(&json[..json.len() / 2]),
        SavedQuoteError::NotAQuote { .. }
    ));
    assert!(matches!(
        err("garbage\u{0}\u{1}"),
        SavedQuoteError::NotAQuote { .. }
    ));
    assert!(matches!(
        err(&json.replace("\"schema_version\": 1", "\"schema_version\": 7")),
        SavedQuoteError::NewerVersion { found: 7, .. }
    ));
    assert!(matches!(
        err(&json.replace("\"total\": 215644", "\"total\": 1")),
        SavedQuoteError::TotalMismatch { .. }
    ));
    assert!(matches!(
        err(&json.replace("price = 418", "price = -418")),
        SavedQuoteError::Sheet { .. }
    ));
    assert!(matches!(
        err(&json.replace("\"58.5\"", "x").replace("58.5", "-3.0")),
        SavedQuoteError::Plan { .. }
    ));
    assert!(matches!(
        err(&json.replace("\"patient\"", "\"patients\"")),
        SavedQuoteError::NotAQuote { .. }
    ));
    let e = err(&json.replace("\"schema_version\": 1", "\"schema_version\": 7")).to_string();
    assert_eq!(
        e,
        "q.json was saved by a newer version of the app (format 7); this version reads format 1"
    );
}

#[test]
fn atomic_writes_replace_whole_files_and_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quote.json");
    files::write_atomic(&path, b"first").unwrap();
    files::write_atomic(&path, b"second").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"second");
    // A folder, a missing folder, a parent that is a file, an unwritable place.
    let e = files::write_atomic(dir.path(), b"x")
        .unwrap_err()
        .to_string();
    assert!(e.contains("that is a folder"), "{e}");
    let e = files::write_atomic(&dir.path().join("no/such/q.json"), b"x")
        .unwrap_err()
        .to_string();
    assert!(e.contains("does not exist"), "{e}");
    let e = files::write_atomic(&path.join("q.json"), b"x")
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot save"), "{e}");
    assert!(
        files::write_atomic(std::path::Path::new("/proc/dose-planner-test.json"), b"x").is_err()
    );
    // Nothing half-written, no temp file left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["quote.json"]);
    assert_eq!(std::fs::read(&path).unwrap(), b"second");
}

#[test]
fn a_saved_file_replaced_by_garbage_and_a_deleted_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q.json");
    std::fs::write(&q, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let e = files::read_quote_text(&q).unwrap_err().to_string();
    assert!(e.contains("not UTF-8"), "{e}");
    let sheet = dir.path().join("clinic.toml");
    std::fs::write(&sheet, REFERENCE_SHEET_TOML).unwrap();
    assert!(files::load_sheet(&sheet).is_ok());
    std::fs::remove_file(&sheet).unwrap();
    let e = files::load_sheet(&sheet).unwrap_err().to_string();
    assert!(e.contains("no such file or folder"), "{e}");
}

/// Runs `cases` generated inputs through `check` and reports the count on the terminal
/// (written to stderr directly, so `cargo test` shows it even when the test passes).
fn fuzz<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    check: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    use std::io::Write;
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases));
    let ran = std::cell::Cell::new(0u32);
    let result = runner.run(&strategy, |v| {
        ran.set(ran.get() + 1);
        check(v)
    });
    let outcome = if result.is_ok() {
        "all refused or accepted cleanly"
    } else {
        "FAILED"
    };
    let _ = writeln!(
        std::io::stderr(),
        "fuzz: {name}: {} cases, {outcome}",
        ran.get()
    );
    result.unwrap();
}

#[test]
fn truncated_or_mangled_saved_quotes_never_panic() {
    let json = saved_json(&plan());
    fuzz(
        "saved quote, truncated and mangled",
        1000,
        (0usize..4000, 0usize..4000, any::<u8>()),
        |(cut, flip, byte)| {
            let mut bytes = json.clone().into_bytes();
            let flip = flip % bytes.len();
            bytes[flip] = byte;
            bytes.truncate(cut.min(bytes.len()));
            let text = String::from_utf8_lossy(&bytes);
            let _ = saved::open(&text, "q.json").map_err(|e| e.to_string());
            Ok(())
        },
    );
}

#[test]
fn any_text_as_a_price_sheet_never_panics() {
    fuzz(
        "price sheet, random text",
        1000,
        "\\PC{0,400}",
        |text: String| {
            if let Err(e) = pricing::parse(&text, "x.toml") {
                prop_assert!(e.line >= 1 && e.column >= 1);
            }
            Ok(())
        },
    );
}

#[test]
fn mangled_reference_sheets_never_panic() {
    fuzz(
        "price sheet, mangled reference sheet",
        1000,
        (0usize..2000, 0usize..2000, "[ =\\[\\]\"0-9a-z\\-.\\n]{0,8}"),
        |(cut, at, insert)| {
            let mut text = REFERENCE_SHEET_TOML.to_string();
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, &insert);
            let mut cut = cut.min(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            if let Err(e) = pricing::parse(&text[cut..], "x.toml") {
                prop_assert!(e.line >= 1 && e.column >= 1 && !e.message.is_empty());
            }
            Ok(())
        },
    );
}

#[test]
fn plans_at_their_extremes_never_panic() {
    let strategy = (
        proptest::collection::vec(0u32..400, 0..30),
        prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-1.0),
            Just(0.0),
            0.001f64..1000.0
        ],
        0u32..4,
        prop_oneof![Just(f64::NAN), 0.0f64..1000.0],
    );
    fuzz(
        "plan inputs at their extremes",
        1000,
        strategy,
        |(doses, weight, every, target)| {
            let req = CourseRequest {
                doses: doses.iter().map(|d| Dose { a: *d, b: d / 2 }).collect(),
                weight_kg: Some(weight),
                visit_every: every,
                target_mg_per_kg: Some(target),
                start: Some("9999-06-01".parse().unwrap()),
                ..CourseRequest::constant(Sex::Female, Dose::daily(20), 1)
            };
            if let Ok(est) = estimate(&pricing::reference_sheet(), &req) {
                prop_assert_eq!(
                    est.total.0,
                    est.months.iter().map(|m| m.subtotal.0).sum::<i64>()
                );
            }
            Ok(())
        },
    );
}

#[test]
fn recovery_file_round_trip_and_discard() {
    let dir = tempfile::tempdir().unwrap();
    let rec = files::Recovery::in_dir(&dir.path().join("data"));
    assert!(rec.load().is_none());
    let sheet = pricing::reference_sheet();
    let est = estimate(&sheet, &plan()).unwrap();
    let q = saved::save(
        REFERENCE_SHEET_NAME,
        REFERENCE_SHEET_TOML,
        &plan(),
        &est,
        None,
        "2026-11-22".parse().unwrap(),
    );
    rec.save(&q).unwrap();
    let back = rec.load().unwrap().unwrap();
    assert_eq!(back.quote.request, plan());
    assert_eq!(back.estimate.total, est.total);
    // Garbage in the recovery file is reported, not a crash.
    std::fs::write(rec.path(), "{garbage").unwrap();
    assert!(rec.load().unwrap().is_err());
    rec.discard().unwrap();
    assert!(rec.load().is_none());
    rec.discard().unwrap();
}
