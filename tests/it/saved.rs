//! Saved quotes reopen unchanged, notice changed prices, and refuse damaged files clearly;
//! files are written atomically; nothing panics on any input.

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input

use dose_planner::dose::Dose;
use dose_planner::estimate::{Choices, CourseRequest, Sex, estimate};
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
        err(&json.replace("\"schema_version\": 2", "\"schema_version\": 7")),
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
    let e = err(&json.replace("\"schema_version\": 2", "\"schema_version\": 7")).to_string();
    assert_eq!(
        e,
        "q.json was saved by a newer version of the app (format 7); this version reads formats up to 2"
    );
    // Format 3, the next one, is refused as newer too.
    assert!(matches!(
        err(&json.replace("\"schema_version\": 2", "\"schema_version\": 3")),
        SavedQuoteError::NewerVersion { found: 3, .. }
    ));
    // A version-1 file cannot carry version 2's choices: it is not misread as one.
    assert!(matches!(
        err(&json.replace("\"schema_version\": 2", "\"schema_version\": 1")),
        SavedQuoteError::NotAQuote { .. }
    ));
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

/// Files written by the first release's `dose-planner quote … --save` (see each case's
/// command), reopened by today's code with the totals they were saved with.
#[test]
fn files_saved_by_the_first_release_reopen_with_their_totals() {
    // (file, total, month 1, patient, months) — literal figures from the first release's
    // output when each file was written.
    let cases: [(&str, i64, i64, Option<&str>, usize); 4] = [
        // quote --sex female --doses 20,40,40,60 --weight-kg 60 --start 2026-12-01
        //   --save tests/fixtures/saved/v1-plan.json --date 2026-11-24
        ("v1-plan.json", 127_776, 21_054, None, 4),
        // quote --pricing pricing/flat-clinic-jp.toml --sex female --daily-mg 40 --months 6
        //   --save tests/fixtures/saved/v1-flat.json --date 2026-11-24
        ("v1-flat.json", 145_200, 24_200, None, 6),
        // quote --pricing pricing/example-clinic-kr.toml --sex male --daily-mg 20 --months 3
        //   --start 2026-12-01 --patient 김민준 --save … --date 2026-11-24
        ("v1-korean.json", 169_400, 72_600, Some("김민준"), 3),
        // quote --sex female --doses 20,40,40,40,60,60 --weight-kg 50 --visit return
        //   --visit-every 2 --target-mg-per-kg 120 --age 16 --check psychiatric
        //   --medicine Minomycin --patient "山田 花子" --save … --date 2026-11-24
        ("v1-screening.json", 181_962, 18_854, Some("山田 花子"), 6),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/saved");
    for (file, total, first, patient, months) in cases {
        let text = files::read_quote_text(&dir.join(file)).unwrap();
        let r = saved::open(&text, file).unwrap();
        assert_eq!(r.estimate.total.0, total, "{file}");
        assert_eq!(r.quote.total.0, total, "{file}");
        assert_eq!(r.estimate.first_month.0, first, "{file}");
        assert_eq!(r.quote.patient.as_deref(), patient, "{file}");
        assert_eq!(r.quote.request.doses.len(), months, "{file}");
        assert_eq!(
            r.quote.quote_date,
            jiff::civil::date(2026, 11, 24),
            "{file}"
        );
        // Migrated forward: no choices, which is what version 1 priced.
        assert_eq!(r.quote.schema_version, 1, "{file}");
        assert_eq!(r.quote.request.choices, Choices::default(), "{file}");
        // Written again, it is a version-2 file: the same fields and values, the version 2
        // and empty choices added; it reopens with the same total.
        let again = saved::to_json(&r.quote);
        let mut v2: serde_json::Value = serde_json::from_str(&again).unwrap();
        assert_eq!(v2["schema_version"], 2, "{file}");
        assert_eq!(
            v2["request"]["choices"],
            serde_json::json!({"visit_kinds": [], "product": null, "discounts": []}),
            "{file}"
        );
        v2["schema_version"] = 1.into();
        v2["request"].as_object_mut().unwrap().remove("choices");
        let v1: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v2, v1, "{file}");
        assert_eq!(saved::open(&again, file).unwrap().estimate.total.0, total);
    }
    // The inputs came back as they were given.
    let text = files::read_quote_text(&dir.join("v1-screening.json")).unwrap();
    let r = saved::open(&text, "v1-screening.json").unwrap();
    let req = &r.quote.request;
    assert_eq!(req.visit, dose_planner::Visit::Return);
    assert_eq!(req.visit_every, 2);
    assert_eq!(req.weight_kg, Some(50.0));
    assert_eq!(req.target_mg_per_kg, Some(120.0));
    assert_eq!(
        req.doses
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["20", "40", "40", "40", "60", "60"]
    );
    assert_eq!(
        req.screening.checked.iter().copied().collect::<Vec<_>>(),
        [dose_planner::screening::CheckItem::Psychiatric]
    );
    assert_eq!(req.screening.age, Some(16));
    assert_eq!(req.screening.medicines, ["minocycline"]);
    let text = files::read_quote_text(&dir.join("v1-plan.json")).unwrap();
    let r = saved::open(&text, "v1-plan.json").unwrap();
    assert_eq!(r.quote.request.start, Some(jiff::civil::date(2026, 12, 1)));
    assert_eq!(r.quote.sheet_name, REFERENCE_SHEET_NAME);
}

#[test]
fn a_saved_quote_is_made_from_a_quote_and_its_own_sheet_text_only() {
    use dose_planner::quote::Quote;
    let date = jiff::civil::date(2026, 11, 24);
    let q = Quote::compute(&pricing::reference_sheet(), &plan(), date).unwrap();
    let s =
        saved::from_quote(&q, REFERENCE_SHEET_NAME, REFERENCE_SHEET_TOML, Some("Yumi")).unwrap();
    assert_eq!(s.total.0, 215_644);
    assert_eq!(s.quote_date, date);
    assert_eq!(s.sex_chosen, None);
    let back = saved::open(&saved::to_json(&s), "q.json").unwrap();
    assert_eq!(back.quote, s);
    // Another sheet's text beside this quote is refused: its figures would not match.
    let flat = include_str!("../../pricing/flat-clinic-jp.toml");
    let e = saved::from_quote(&q, "flat.toml", flat, None).unwrap_err();
    assert!(matches!(e, SavedQuoteError::SheetMismatch { .. }), "{e}");
    // A man–woman range is saved as the woman's plan, sex not chosen.
    let r = Quote::compute_range(&pricing::reference_sheet(), &plan(), date).unwrap();
    let s = saved::from_quote(&r, REFERENCE_SHEET_NAME, REFERENCE_SHEET_TOML, None).unwrap();
    assert_eq!(s.sex_chosen, Some(false));
    assert_eq!(s.request.sex, Sex::Female);
    assert!(saved::to_json(&s).contains("\"sex_chosen\": false"));
}

#[test]
fn saved_quote_errors_are_explained_in_each_language() {
    use dose_planner::i18n::Lang;
    let json = saved_json(&plan());
    let errors = [
        saved::open("", "q.json").unwrap_err(),
        saved::open(
            &json.replace("\"schema_version\": 2", "\"schema_version\": 7"),
            "q.json",
        )
        .unwrap_err(),
        saved::open(&json.replace("\"total\": 215644", "\"total\": 1"), "q.json").unwrap_err(),
        saved::open(&json.replace("price = 418", "price = -418"), "q.json").unwrap_err(),
        saved::open(&json.replace("58.5", "-3.0"), "q.json").unwrap_err(),
        saved::open(&json.replace("山田 花子", &"x".repeat(70)), "q.json").unwrap_err(),
    ];
    let mut codes = Vec::new();
    for e in &errors {
        codes.push(e.code());
        // English names the file first, like Display (the nested plan and name errors in
        // the core's sentence form).
        assert!(e.explain(Lang::En).starts_with("q.json"), "{e}");
        for lang in [Lang::Ja, Lang::Ko] {
            let text = e.explain(lang);
            assert!(text.starts_with("q.json"), "{text}");
            assert_ne!(text, e.to_string(), "{lang:?}");
            assert!(!text.contains("saved-err-"), "a missing key: {text}");
        }
    }
    assert_eq!(
        codes,
        [
            "saved_not_a_quote",
            "saved_newer_version",
            "saved_total_mismatch",
            "saved_sheet",
            "saved_plan",
            "saved_patient"
        ]
    );
    assert!(errors[1].explain(Lang::Ja).contains("形式 7"));
}

#[test]
fn the_file_format_does_not_follow_renames_in_the_core() {
    // The saved file's field names, as the first release wrote them plus version 2's
    // `choices`: a renamed core field must not change them (the file is its own type,
    // `SavedQuoteV2`).
    let v: serde_json::Value = serde_json::from_str(&saved_json(&plan())).unwrap();
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&v),
        [
            "app_version",
            "patient",
            "quote_date",
            "request",
            "schema_version",
            "sheet_name",
            "sheet_toml",
            "total"
        ]
    );
    assert_eq!(
        keys(&v["request"]),
        [
            "choices",
            "doses",
            "screening",
            "sex",
            "start",
            "target_mg_per_kg",
            "visit",
            "visit_every",
            "weight_kg"
        ]
    );
    assert_eq!(
        keys(&v["request"]["choices"]),
        ["discounts", "product", "visit_kinds"]
    );
    assert_eq!(v["schema_version"], 2);
    assert_eq!(
        keys(&v["request"]["screening"]),
        ["age", "checked", "medicines"]
    );
    assert_eq!(v["request"]["doses"][0], "20");
    assert_eq!(v["request"]["sex"], "female");
    assert_eq!(v["request"]["visit"], "first");
}

/// A file saved by this build (format 2) from the telephone sheet with its discounts,
/// reopened by today's code with the total it was saved with and its choices.
#[test]
fn a_version_2_file_with_visit_kinds_and_discounts_reopens_with_its_total() {
    // quote --pricing pricing/example-clinic-telephone.toml --sex female --daily-mg 20
    //   --months 3 --later-visits telephone --discount monitor,welcome,student
    //   --date 2026-11-24 --save tests/fixtures/saved/v2-telephone-discounts.json
    // Month 1 in person: 3,850 + 30 × 418 (12,540) − 10% of it (1,254, "monitor") + 3,608
    // + 1,056 − 1,000 ("welcome") = 18,800. Months 2–3 by telephone: 1,100 + 12,540 − 1,254
    // + 550 shipping = 12,936 each. Months: 18,800 + 2 × 12,936 = 44,672; "student" 5% of
    // it, 2,233.6, rounded down: 2,233. Total 44,672 − 2,233 = 42,439.
    let file = "v2-telephone-discounts.json";
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/saved");
    let text = files::read_quote_text(&dir.join(file)).unwrap();
    let r = saved::open(&text, file).unwrap();
    assert_eq!(r.quote.schema_version, 2);
    assert_eq!(r.estimate.total.0, 42_439);
    assert_eq!(r.quote.total.0, 42_439);
    assert_eq!(r.estimate.first_month.0, 18_800);
    assert_eq!(r.estimate.months[1].subtotal.0, 12_936);
    assert_eq!(r.estimate.course_items[0].amount.0, -2_233);
    let c = &r.quote.request.choices;
    assert_eq!(c.visit_kinds, ["in_person", "telephone", "telephone"]);
    assert_eq!(c.product, None);
    assert_eq!(c.discounts, ["monitor", "welcome", "student"]);
    // Written again, the file is the same, byte for byte.
    assert_eq!(saved::to_json(&r.quote), text);
    // Today's sheet (the same file) prices it the same.
    let sheet = pricing::parse(
        include_str!("../../pricing/example-clinic-telephone.toml"),
        "t.toml",
    )
    .unwrap();
    assert_eq!(saved::check_prices(&r, &sheet), PriceCheck::Unchanged);
    // A clinic that raises the student discount to 10% changes no month, only the course
    // line: 10% of 44,672 = 4,467.2, rounded down 4,467; total 40,205.
    let raised = pricing::parse(
        &include_str!("../../pricing/example-clinic-telephone.toml")
            .replace("percent = 5", "percent = 10"),
        "t.toml",
    )
    .unwrap();
    assert_eq!(
        saved::check_prices(&r, &raised),
        PriceCheck::Changed {
            saved_total: dose_planner::Money(42_439),
            current_total: dose_planner::Money(40_205)
        }
    );
    // A sheet without the discount cannot reprice it; a hand-edited code is refused.
    assert!(matches!(
        saved::check_prices(&r, &pricing::reference_sheet()),
        PriceCheck::CannotReprice(_)
    ));
    assert!(matches!(
        saved::open(&text.replace("\"welcome\"", "\"welcom\""), file),
        Err(SavedQuoteError::Plan { .. })
    ));
}
