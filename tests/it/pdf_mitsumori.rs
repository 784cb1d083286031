//! The estimate as a Japanese 見積書 and a month table that stays readable: a sheet with 15
//! and with 100 tests prints every test's name and price with no two pieces of text on top
//! of each other (boxes from printpdf's own reading of the PDF), a course fits one page,
//! and the quote number, the staff member (担当) and the tax included (うち消費税) are read
//! back from the PDF.

use dose_planner::dose::Dose;
use dose_planner::estimate::{CourseRequest, Sex};
use dose_planner::i18n::Lang;
use dose_planner::pdf::{PdfRequest, estimate_pdf};
use dose_planner::pricing::{PriceSheet, parse};
use dose_planner::quote::Quote;

fn date() -> jiff::civil::Date {
    jiff::civil::date(2026, 5, 1)
}

/// The reference sheet (a blood and a urine test) with `n` more monthly tests for everyone,
/// each with its own name and price: "Panel 007" costs 2,049 yen.
fn sheet_with_tests(n: usize) -> PriceSheet {
    let mut toml = dose_planner::pricing::REFERENCE_SHEET_TOML.to_string();
    for i in 1..=n {
        toml.push_str(&format!(
            "\n[[tests]]\ncode = \"panel_{i:03}\"\nprice = {}\nwho = \"everyone\"\n\
             name = {{ ja = \"検査パネル{i:03}\", en = \"Panel {i:03}\", ko = \"검사 {i:03}\" }}\n",
            price(i)
        ));
    }
    parse(&toml, "tests.toml").unwrap()
}

fn price(i: usize) -> u64 {
    2000 + 7 * i as u64
}

fn quote(sheet: &PriceSheet, months: u32) -> Quote {
    Quote::compute(
        sheet,
        &CourseRequest::constant(Sex::Female, Dose::daily(20), months),
        date(),
    )
    .unwrap()
}

fn request(quote: &Quote, lang: Lang) -> PdfRequest<'_> {
    PdfRequest {
        quote,
        lang,
        patient: Some("山田 花子"),
        quote_number: None,
        staff: None,
    }
}

/// Writes `bytes` to `$PDF_DUMP_DIR/NAME.pdf` when that variable is set, to look at by hand.
fn dump(bytes: &[u8], name: &str) {
    if let Some(dir) = std::env::var_os("PDF_DUMP_DIR") {
        std::fs::write(
            std::path::Path::new(&dir).join(format!("{name}.pdf")),
            bytes,
        )
        .unwrap();
    }
}

/// Every page's text without whitespace, and the page count.
fn squeezed(bytes: &[u8]) -> (String, usize) {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    (
        text.chars().filter(|c| !c.is_whitespace()).collect(),
        pages.len(),
    )
}

/// The boxes of every word on every page as printpdf reads them back from the file (glyph
/// advances of the embedded fonts, ascent to descent), with the word.
fn word_boxes(bytes: &[u8]) -> Vec<Vec<([f32; 4], String)>> {
    let doc = printpdf::PdfDocument::parse(
        bytes,
        &printpdf::PdfParseOptions::default(),
        &mut Vec::new(),
    )
    .unwrap();
    doc.extract_text_boxes()
        .into_iter()
        .map(|page| {
            page.lines
                .into_iter()
                .flat_map(|l| l.words)
                .map(|w| (w.bbox, w.text))
                .collect()
        })
        .collect()
}

/// Fails when two words on a page overlap (by more than a hair) or a word leaves the page.
fn assert_no_overlap(bytes: &[u8], what: &str) {
    const HAIR: f32 = 0.25;
    for (p, words) in word_boxes(bytes).iter().enumerate() {
        assert!(!words.is_empty(), "{what}: page {} has no text", p + 1);
        for (b, t) in words {
            assert!(
                b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= 595.3 && b[3] <= 841.9,
                "{what}: {t:?} leaves page {}: {b:?}",
                p + 1
            );
        }
        for (i, (a, ta)) in words.iter().enumerate() {
            for (b, tb) in &words[i + 1..] {
                let w = a[2].min(b[2]) - a[0].max(b[0]);
                let h = a[3].min(b[3]) - a[1].max(b[1]);
                assert!(
                    w <= HAIR || h <= HAIR,
                    "{what}: page {}: {ta:?} {a:?} overlaps {tb:?} {b:?}",
                    p + 1
                );
            }
        }
    }
}

#[test]
fn a_month_table_of_15_or_100_tests_names_every_test_and_its_price_without_overprinting() {
    // 15 tests, and the 100 the format allows.
    for n in [13, 98] {
        let sheet = sheet_with_tests(n);
        for months in [6, 12] {
            let q = quote(&sheet, months);
            for (lang, name) in [
                (Lang::Ja, "検査パネル"),
                (Lang::En, "Panel"),
                (Lang::Ko, "검사"),
            ] {
                let what = format!("{} tests, {months} months, {lang:?}", n + 2);
                let bytes = estimate_pdf(&request(&q, lang)).unwrap();
                dump(&bytes, &format!("tests{}-{months}m-{lang:?}", n + 2));
                let (text, pages) = squeezed(&bytes);
                for i in 1..=n {
                    let label = format!("{name}{i:03}");
                    assert!(text.contains(&label), "{what}: {label} missing");
                    let amount = dose_planner::money::group_digits(price(i));
                    assert!(text.contains(&amount), "{what}: {amount} missing");
                }
                // The core's course total is printed.
                let total = dose_planner::money::group_digits(
                    u64::try_from(q.estimate().unwrap().total.0).unwrap(),
                );
                assert!(text.contains(&total), "{what}: total {total} missing");
                assert!(!text.contains('\u{FFFD}'), "{what}");
                assert!(pages <= 12, "{what}: {pages} pages");
                assert_no_overlap(&bytes, &what);
            }
        }
    }
}

#[test]
fn the_usual_estimate_has_no_overprinting_in_any_language() {
    let sheet = dose_planner::pricing::reference_sheet();
    for months in [1, 6, 8, 12] {
        let q = quote(&sheet, months);
        for lang in Lang::ALL {
            let bytes = estimate_pdf(&request(&q, lang)).unwrap();
            assert_no_overlap(&bytes, &format!("{months} months, {lang:?}"));
        }
    }
}

#[test]
fn a_course_with_its_dates_and_every_caution_fits_one_page_without_overprinting() {
    // A woman of 60 kg on 40 mg a day from 10 May: every after-course date is a caution
    // (before, the last two spilled alone onto a second page in English).
    let sheet = dose_planner::pricing::reference_sheet();
    for months in [6, 8] {
        let req = CourseRequest {
            weight_kg: Some(60.0),
            start: Some(jiff::civil::date(2026, 5, 10)),
            ..CourseRequest::constant(Sex::Female, Dose::daily(40), months)
        };
        let q = Quote::compute(&sheet, &req, date()).unwrap();
        for lang in Lang::ALL {
            let what = format!("{months} months, {lang:?}");
            let bytes = estimate_pdf(&request(&q, lang)).unwrap();
            dump(&bytes, &format!("course-{months}m-{lang:?}"));
            let (text, pages) = squeezed(&bytes);
            assert_eq!(pages, 1, "{what}: {text}");
            // The last caution and the course total are on it.
            let last = q.cautions().last().unwrap().message(lang);
            let last: String = last.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(text.contains(&last), "{what}: {last} not in {text}");
            assert_no_overlap(&bytes, &what);
        }
    }
}

#[test]
fn the_quote_number_the_staff_member_and_the_tax_within_the_total_are_printed() {
    // 6 months at 20 mg/day for a woman: ¥115,324, of which consumption tax
    // 115,324 × 10 / 110 = ¥10,484 (the core's figure).
    let sheet = dose_planner::pricing::reference_sheet();
    let q = quote(&sheet, 6);
    assert_eq!(q.included_tax(), Some(dose_planner::money::Money(10_484)));
    for (lang, needles) in [
        (
            Lang::Ja,
            [
                "見積番号2026-000123",
                "担当：佐藤 一郎",
                "うち消費税10,484円",
            ],
        ),
        (
            Lang::En,
            [
                "Quoteno.2026-000123",
                "Preparedby佐藤 一郎",
                "incl.consumptiontax¥10,484",
            ],
        ),
        (
            Lang::Ko,
            ["견적번호2026-000123", "담당:佐藤 一郎", "소비세포함¥10,484"],
        ),
    ] {
        let bytes = estimate_pdf(&PdfRequest {
            quote_number: Some(" 2026-000123 "),
            staff: Some("  佐藤   一郎 "),
            ..request(&q, lang)
        })
        .unwrap();
        dump(&bytes, &format!("mitsumori-{lang:?}"));
        let (text, pages) = squeezed(&bytes);
        assert_eq!(pages, 1, "{lang:?}");
        for needle in needles {
            let needle: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(text.contains(&needle), "{lang:?}: {needle} not in {text}");
        }
        assert_no_overlap(&bytes, &format!("{lang:?} with number and staff"));
    }
    // Without them: no number, no staff line; the tax line stays (it is the quote's).
    let (text, _) = squeezed(&estimate_pdf(&request(&q, Lang::Ja)).unwrap());
    assert!(!text.contains("見積番号"), "{text}");
    assert!(!text.contains("担当"), "{text}");
    assert!(text.contains("うち消費税10,484円"), "{text}");
}

#[test]
fn a_sheet_that_adds_tax_prints_no_included_tax_line() {
    let path = format!(
        "{}/pricing/example-clinic-us.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let sheet = parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
    let q = quote(&sheet, 6);
    assert_eq!(q.included_tax(), None);
    for lang in Lang::ALL {
        let (text, _) = squeezed(&estimate_pdf(&request(&q, lang)).unwrap());
        for absent in ["うち消費税", "consumptiontax", "소비세"] {
            assert!(!text.contains(absent), "{lang:?}: {absent} in {text}");
        }
    }
}

#[test]
fn a_bad_quote_number_or_staff_name_is_refused_in_the_users_language() {
    let sheet = dose_planner::pricing::reference_sheet();
    let q = quote(&sheet, 6);
    let long = "1".repeat(33);
    for bad in [
        "",
        "   ",
        "2026 000123",
        "2026-0001\u{202E}",
        long.as_str(),
        "見積1",
    ] {
        let err = estimate_pdf(&PdfRequest {
            quote_number: Some(bad),
            ..request(&q, Lang::Ja)
        })
        .unwrap_err();
        assert_eq!(err.code(), "pdf_quote_number", "{bad:?}");
        assert!(err.explain(Lang::Ja).contains("見積番号"), "{bad:?}");
        assert!(err.explain(Lang::En).contains("quote number"), "{bad:?}");
        assert!(err.explain(Lang::Ko).contains("견적 번호"), "{bad:?}");
    }
    // 32 characters is the most.
    let most = "9".repeat(32);
    assert!(
        estimate_pdf(&PdfRequest {
            quote_number: Some(&most),
            ..request(&q, Lang::En)
        })
        .is_ok()
    );
    // A staff name with a control character, or one no font can draw.
    let err = estimate_pdf(&PdfRequest {
        staff: Some("Sato\u{7}"),
        ..request(&q, Lang::En)
    })
    .unwrap_err();
    assert_eq!(err.code(), "pdf_name");
    let err = estimate_pdf(&PdfRequest {
        staff: Some("Sato 🙂"),
        ..request(&q, Lang::Ja)
    })
    .unwrap_err();
    assert_eq!(err.code(), "pdf_unprintable");
    assert!(
        err.explain(Lang::Ja).contains("担当者名"),
        "{}",
        err.explain(Lang::Ja)
    );
}

#[test]
fn the_cli_prints_the_quote_number_and_staff_and_refuses_a_bad_number_writing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("estimate.pdf");
    let run = |number: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_dose-planner"))
            .args([
                "quote",
                "--sex",
                "female",
                "--daily-mg",
                "20",
                "--months",
                "6",
            ])
            .args([
                "--date",
                "2026-05-01",
                "--lang",
                "ja",
                "--staff",
                "佐藤 一郎",
            ])
            .args(["--quote-number", number, "--pdf"])
            .arg(&pdf)
            .output()
            .unwrap()
    };
    let out = run("2026-000123");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (text, _) = squeezed(&std::fs::read(&pdf).unwrap());
    for needle in [
        "見積番号2026-000123",
        "担当：佐藤一郎",
        "うち消費税10,484円",
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
    std::fs::remove_file(&pdf).unwrap();
    let out = run("2026/00 0123");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("見積番号"), "{err}");
    assert!(!pdf.exists());
}
