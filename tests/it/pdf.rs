//! The patient's PDF estimate, read back with lopdf: totals and labels in each language, no
//! replacement characters, determinism, the missing-glyph error, page count, a course under
//! way, the acceptance block, and the CLI's handling of paths it cannot write.

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input

use std::path::Path;
use std::process::Command;

use dose_planner::dose::Dose;
use dose_planner::estimate::{Choices, CourseRequest, Sex};
use dose_planner::i18n::Lang;
use dose_planner::money::Money;
use dose_planner::pdf::{PdfError, PdfRequest, estimate_pdf};
use dose_planner::pricing::reference_sheet;
use dose_planner::quote::Quote;

fn date() -> jiff::civil::Date {
    jiff::civil::date(2026, 5, 1)
}

fn render(lang: Lang, months: u32, patient: Option<&str>) -> Result<Vec<u8>, PdfError> {
    let sheet = reference_sheet();
    let quote = Quote::compute(
        &sheet,
        &CourseRequest::constant(Sex::Female, Dose::daily(20), months),
        date(),
    )
    .unwrap();
    estimate_pdf(&PdfRequest {
        quote: &quote,
        lang,
        patient,
        quote_number: None,
        staff: None,
    })
}

/// The text of every page, in order.
fn text_of(bytes: &[u8]) -> (String, usize) {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    (text, pages.len())
}

/// Extracted text with all whitespace removed (lopdf splits runs unpredictably).
fn squeezed(bytes: &[u8]) -> (String, usize) {
    let (text, pages) = text_of(bytes);
    (text.chars().filter(|c| !c.is_whitespace()).collect(), pages)
}

#[test]
fn six_month_estimate_has_total_and_labels_in_each_language() {
    let cases = [
        (
            Lang::Ja,
            [
                "お見積書",
                "115,324円",
                "見積日",
                "有効期限",
                "月ごとの内訳",
                "大切なお知らせ",
                "税込",
            ],
        ),
        (
            Lang::En,
            [
                "Costestimate",
                "¥115,324",
                "Dateofquote",
                "Validuntil",
                "Monthbymonth",
                "Importantinformation",
                "includetax",
            ],
        ),
        (
            Lang::Ko,
            [
                "견적서",
                "¥115,324",
                "견적일",
                "유효기한",
                "월별내역",
                "중요안내",
                "세금포함",
            ],
        ),
    ];
    for (lang, labels) in cases {
        let bytes = render(lang, 6, Some("Yamada Hanako")).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let (text, pages) = squeezed(&bytes);
        assert_eq!(pages, 1, "{lang:?}: a 6-month plan fits one page");
        for label in labels {
            assert!(text.contains(label), "{lang:?}: {label:?} not in {text}");
        }
        assert!(text.contains("YamadaHanako"), "{lang:?}: {text}");
        assert!(
            !text.contains('\u{FFFD}'),
            "{lang:?}: replacement character in {text}"
        );
        // Month 1 and the later months, from the core.
        assert!(text.contains("21,054"), "{lang:?}");
        assert!(text.contains("18,854"), "{lang:?}");
    }
}

#[test]
fn metadata_is_set_from_the_quote_date() {
    let bytes = render(Lang::En, 6, None).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let info_ref = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_ref).unwrap();
    let raw = |key: &[u8]| -> Vec<u8> { info.get(key).unwrap().as_str().unwrap().to_vec() };
    assert!(String::from_utf8_lossy(&raw(b"CreationDate")).starts_with("D:20260501"));
    assert!(String::from_utf8_lossy(&raw(b"ModDate")).starts_with("D:20260501"));
    // Title and producer are UTF-16BE with a BOM.
    let utf16 = |b: Vec<u8>| {
        let units: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    };
    assert!(utf16(raw(b"Title")).contains("Cost estimate"));
    assert_eq!(
        utf16(raw(b"Producer")),
        format!("Dose & Cost Planner {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn same_inputs_give_the_same_bytes() {
    for lang in Lang::ALL {
        let a = render(lang, 6, Some("山田 花子")).unwrap();
        let b = render(lang, 6, Some("山田 花子")).unwrap();
        assert!(a == b, "{lang:?}: two renders differ");
    }
}

#[test]
fn a_character_no_font_has_is_an_error_naming_it() {
    let err = render(Lang::Ja, 6, Some("Hanako 😀")).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("the patient's name"), "{msg}");
    assert!(msg.contains("U+1F600"), "{msg}");
    assert!(matches!(err, PdfError::Unprintable { ch: '😀', .. }));
}

#[test]
fn hangul_in_a_japanese_estimate_falls_back_to_the_korean_font() {
    let bytes = render(Lang::Ja, 6, Some("김민지")).unwrap();
    let (text, _) = squeezed(&bytes);
    assert!(text.contains("김민지"), "{text}");
    assert!(!text.contains('\u{FFFD}'));
    // And kanji in a Korean estimate come from IPAex Gothic when Nanum lacks them.
    let bytes = render(Lang::Ko, 6, Some("山田 花子")).unwrap();
    let (text, _) = squeezed(&bytes);
    assert!(text.contains("山田花子"), "{text}");
}

/// The tags of the tables in a TrueType font file (its table directory).
fn table_tags(font: &[u8]) -> Vec<String> {
    let count = usize::from(u16::from_be_bytes([font[4], font[5]]));
    (0..count)
        .map(|i| String::from_utf8_lossy(&font[12 + 16 * i..16 + 16 * i]).into_owned())
        .collect()
}

/// Each embedded font of a PDF: its base name and its font file, decompressed.
fn embedded_fonts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        let Ok(file) = dict.get(b"FontFile2") else {
            continue;
        };
        let name =
            String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap()).into_owned();
        let stream = doc
            .get_object(file.as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap();
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        out.push((name, data));
    }
    out.sort();
    out
}

#[test]
fn the_fonts_are_embedded_as_small_subsets_without_hinting() {
    // The Japanese 6-month estimate: one face, a subset, within the 47 KB the issue set.
    let bytes = render(Lang::Ja, 6, Some("山田 花子")).unwrap();
    assert!(bytes.len() <= 47 * 1024, "{} bytes", bytes.len());
    // A Korean estimate for 辻 (a kanji made in Japan, which Nanum Gothic lacks) draws it
    // with IPAex Gothic: two faces.
    let mixed = render(Lang::Ko, 6, Some("辻 花子")).unwrap();
    let (text, _) = squeezed(&mixed);
    assert!(text.contains("辻花子"), "{text}");
    for (pdf, faces) in [
        (&bytes, vec!["IPAexGothic"]),
        (&mixed, vec!["NanumGothic", "IPAexGothic"]),
    ] {
        let fonts = embedded_fonts(pdf);
        let names: Vec<&str> = fonts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(fonts.len(), faces.len(), "{names:?}");
        for face in faces {
            assert!(
                names.iter().any(|n| n.ends_with(&format!("+{face}"))),
                "{face} is not embedded as a subset: {names:?}"
            );
        }
        for (name, font) in &fonts {
            // The bundled faces are 4.7 and 6.1 MB; a page's subset is a few tens of KB.
            assert!(font.len() < 100_000, "{name}: {} bytes", font.len());
            let tags = table_tags(font);
            for table in ["glyf", "loca", "hmtx", "cmap"] {
                assert!(
                    tags.iter().any(|t| t == table),
                    "{name} lacks {table}: {tags:?}"
                );
            }
            for hinting in ["fpgm", "prep", "cvt "] {
                assert!(!tags.iter().any(|t| t == hinting), "{name} keeps {hinting}");
            }
        }
    }
}

#[test]
fn a_twelve_month_plan_fits_two_pages() {
    for lang in Lang::ALL {
        let bytes = render(lang, 12, Some("Yamada Hanako")).unwrap();
        let (text, pages) = squeezed(&bytes);
        assert!(pages <= 2, "{lang:?}: {pages} pages");
        assert!(!text.contains('\u{FFFD}'));
    }
}

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dose-planner"))
}

fn quote_to(path: &Path) -> std::process::Output {
    cli()
        .args([
            "quote",
            "--sex",
            "female",
            "--daily-mg",
            "20",
            "--months",
            "6",
        ])
        .args(["--date", "2026-05-01", "--pdf"])
        .arg(path)
        .output()
        .unwrap()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn cli_writes_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("estimate.pdf");
    let out = quote_to(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(entries(dir.path()), vec!["estimate.pdf"]);
    assert_eq!(bytes, render(Lang::Ja, 6, None).unwrap());
}

/// Exit 1, one `error:` line naming the problem, and nothing left in `dir`.
#[track_caller]
fn refused_with_nothing_left(out: &std::process::Output, dir: &Path, needle: &str) {
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(needle), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(entries(dir).is_empty(), "left behind: {:?}", entries(dir));
}

#[test]
fn cli_refuses_a_folder_as_the_pdf_path() {
    let dir = tempfile::tempdir().unwrap();
    refused_with_nothing_left(&quote_to(dir.path()), dir.path(), "folder");
}

#[test]
fn cli_refuses_a_path_in_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("estimate.pdf");
    refused_with_nothing_left(&quote_to(&path), dir.path(), "does not exist");
}

#[test]
fn cli_reports_an_unprintable_name_as_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("estimate.pdf");
    let out = cli()
        .args([
            "quote",
            "--sex",
            "female",
            "--daily-mg",
            "20",
            "--patient",
            "A 😀",
        ])
        .arg("--pdf")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("U+1F600"), "{err}");
    assert!(entries(dir.path()).is_empty());
}

/// The cautions that apply to this patient print with their dates; others do not.
#[test]
fn cautions_and_dates_for_this_patient_are_printed() {
    let sheet = reference_sheet();
    let req = |sex, medicines: Vec<String>| dose_planner::estimate::CourseRequest {
        start: Some(jiff::civil::date(2026, 12, 1)),
        screening: dose_planner::screening::Screening {
            medicines,
            ..Default::default()
        },
        ..CourseRequest::constant(sex, Dose::daily(20), 4)
    };
    let pdf = |req: &dose_planner::estimate::CourseRequest, lang| {
        let quote = Quote::compute(&sheet, req, date()).unwrap();
        let bytes = estimate_pdf(&PdfRequest {
            quote: &quote,
            lang,
            patient: None,
            quote_number: None,
            staff: None,
        })
        .unwrap();
        squeezed(&bytes).0
    };
    // Start 2026-12-01, 120 days: last dose 2027-03-30; the clinic's 6 months for women.
    let woman = pdf(&req(Sex::Female, vec!["minocycline".into()]), Lang::Ja);
    assert!(woman.contains("2027年9月30日まで"), "{woman}");
    assert!(woman.contains("テトラサイクリン系抗菌薬"), "{woman}");
    // The medicine by its Japanese name, not the English key it is kept by.
    assert!(woman.contains("ミノサイクリン："), "{woman}");
    assert!(!woman.contains("minocycline"), "{woman}");
    assert!(woman.contains("国内未承認薬"), "{woman}");
    let man = pdf(&req(Sex::Male, Vec::new()), Lang::En);
    // Men: 1 month (partner), no interaction line.
    assert!(man.contains("until30Apr2027"), "{man}");
    assert!(!man.contains("Tetracycline"), "{man}");
    assert!(
        man.contains("Laserhairremovalmayresumefrom30Apr2027"),
        "{man}"
    );
}

#[test]
fn boxes_bought_and_capsules_left_are_printed_on_a_sheet_that_sells_boxes() {
    let sheet = dose_planner::pricing::parse(
        include_str!("../../pricing/example-clinic-boxes.toml"),
        "boxes.toml",
    )
    .unwrap();
    // A man on 20 mg every other day: 15 capsules a month; the boxes hold 30.
    // Month 1 buys 1 box (15 left), month 2 buys none, month 3 buys 1: 15 left at the end.
    let req = CourseRequest::constant(Sex::Male, Dose::parse("20/0").unwrap(), 3);
    let quote = Quote::compute(&sheet, &req, date()).unwrap();
    let bytes = estimate_pdf(&PdfRequest {
        quote: &quote,
        lang: Lang::En,
        patient: None,
        quote_number: None,
        staff: None,
    })
    .unwrap();
    let (text, _) = squeezed(&bytes);
    assert!(
        text.contains("Packsbought:month1:20mg×1,month2:20mg×0,month3:20mg×1"),
        "{text}"
    );
    assert!(
        text.contains("Capsulesleftafterthelastdose:20mg×15"),
        "{text}"
    );
    // 3,850 + 30,000 + 3,608, then 1,650 + 0 + 3,608, then 1,650 + 30,000 + 3,608.
    assert!(text.contains("77,974"), "{text}");
    // Without boxes, no such line.
    let plain = Quote::compute(&reference_sheet(), &req, date()).unwrap();
    let bytes = estimate_pdf(&PdfRequest {
        quote: &plain,
        lang: Lang::En,
        patient: None,
        quote_number: None,
        staff: None,
    })
    .unwrap();
    assert!(!squeezed(&bytes).0.contains("Packsbought"));
}

/// A sheet from pricing/.
fn example_sheet(name: &str) -> dose_planner::pricing::PriceSheet {
    let path = format!("{}/pricing/{name}", env!("CARGO_MANIFEST_DIR"));
    dose_planner::pricing::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap()
}

/// A quote for a woman on `mg` a day for `months` months with `choices`.
fn woman_with(
    sheet: &dose_planner::pricing::PriceSheet,
    mg: u32,
    months: u32,
    choices: Choices,
) -> Quote {
    let req = CourseRequest {
        choices,
        ..CourseRequest::constant(Sex::Female, Dose::daily(mg), months)
    };
    Quote::compute(sheet, &req, date()).unwrap()
}

/// The PDF's text without whitespace, and its page count.
fn pdf_text(quote: &Quote, lang: Lang) -> (String, usize) {
    let bytes = estimate_pdf(&PdfRequest {
        quote,
        lang,
        patient: None,
        quote_number: None,
        staff: None,
    })
    .unwrap();
    squeezed(&bytes)
}

#[test]
fn telephone_visits_discounts_and_shipping_are_printed() {
    // The telephone sheet: a woman, 20 mg a day, 6 months, months 2–6 by telephone, with the
    // monitor discount (10% off the medication) and the student discount (5% off the course).
    // Medication: 30 × 418 = 12,540 a month; monitor −1,254.
    // Month 1 in person: 3,850 + 12,540 − 1,254 + 3,608 (blood) + 1,056 (urine) = 19,800.
    // Months 2–6 by telephone (no tests): 1,100 + 12,540 − 1,254 + 550 (shipping) = 12,936.
    // Months: 19,800 + 5 × 12,936 = 84,480; student 5% of 84,480 = 4,224 → total 80,256.
    let sheet = example_sheet("example-clinic-telephone.toml");
    let quote = woman_with(
        &sheet,
        20,
        6,
        Choices {
            visit_kinds: Choices::later_visits("telephone", 6),
            discounts: vec!["monitor".into(), "student".into()],
            ..Choices::default()
        },
    );
    let est = quote.estimate().unwrap();
    assert_eq!(est.first_month, Money(19_800));
    assert_eq!(est.return_months, Some((Money(12_936), Money(12_936))));
    assert_eq!(est.total, Money(80_256));

    let (en, pages) = pdf_text(&quote, Lang::En);
    assert_eq!(pages, 1, "{en}");
    for needle in [
        "Monitordiscount",
        "-¥1,254",
        "Visits:Inperson:month1;Telephone:months2–6",
        "Shipping",
        "¥550",
        "Studentdiscount-¥4,224",
        "¥19,800",
        "¥12,936",
        "Coursetotal¥80,256",
    ] {
        assert!(en.contains(needle), "{needle:?} not in {en}");
    }
    let (ja, _) = pdf_text(&quote, Lang::Ja);
    for needle in [
        "モニター割引",
        "-1,254円",
        "電話診療（2～6か月目）",
        "配送料",
        "学割-4,224円",
        "80,256円",
    ] {
        assert!(ja.contains(needle), "{needle:?} not in {ja}");
    }
    let (ko, _) = pdf_text(&quote, Lang::Ko);
    assert!(ko.contains("학생할인-¥4,224"), "{ko}");
    assert!(ko.contains("¥80,256"), "{ko}");
}

#[test]
fn a_first_month_discount_is_its_own_column() {
    // Every discount of the telephone sheet at once, months 2–6 by telephone: the table has
    // 9 money columns (consultation, medication, monitor, blood, urine, welcome, shipping,
    // month total) and still fits one page.
    // Month 1: 19,800 (as above) − 1,000 (welcome) = 18,800; months 2–6 12,936 each:
    // 18,800 + 64,680 = 83,480; student 5% = 4,174 → total 79,306.
    let sheet = example_sheet("example-clinic-telephone.toml");
    let quote = woman_with(
        &sheet,
        20,
        6,
        Choices {
            visit_kinds: Choices::later_visits("telephone", 6),
            discounts: vec!["monitor".into(), "welcome".into(), "student".into()],
            ..Choices::default()
        },
    );
    assert_eq!(quote.total().0, Money(79_306));
    let (en, pages) = pdf_text(&quote, Lang::En);
    assert_eq!(pages, 1);
    for needle in ["First-monthdiscount", "-¥1,000", "¥18,800", "¥79,306"] {
        assert!(en.contains(needle), "{needle:?} not in {en}");
    }
}

#[test]
fn the_product_is_named_on_a_sheet_with_two_products() {
    // Acnetrent 40 mg: 29,200 a month, 3 months = 87,600.
    let sheet = example_sheet("flat-clinic-two-products.toml");
    let quote = woman_with(
        &sheet,
        40,
        3,
        Choices {
            product: Some("acnetrent".into()),
            ..Choices::default()
        },
    );
    let (en, _) = pdf_text(&quote, Lang::En);
    assert!(en.contains("MedicineAcnetrent"), "{en}");
    assert!(en.contains("¥87,600"), "{en}");
    let (ja, _) = pdf_text(&quote, Lang::Ja);
    assert!(ja.contains("お薬アクネトレント"), "{ja}");
    assert!(ja.contains("87,600円"), "{ja}");
    // A sheet with one product names none.
    let (plain, _) = pdf_text(
        &woman_with(&reference_sheet(), 20, 6, Choices::default()),
        Lang::En,
    );
    assert!(!plain.contains("Medicine"), "{plain}");
    assert!(!plain.contains("Visits:"), "{plain}");
    assert!(!plain.contains("Ifneeded"), "{plain}");
}

#[test]
fn tests_done_if_needed_and_the_home_pregnancy_test_are_printed() {
    // The home-test sheet: the liver panel, 4,400, only if needed — listed, not in the
    // total (115,650: the months worked out in tests/it/choices.rs).
    let sheet = example_sheet("example-clinic-home-test.toml");
    let quote = woman_with(&sheet, 20, 6, Choices::default());
    let (en, _) = pdf_text(&quote, Lang::En);
    assert!(
        en.contains("Ifneeded(notinthetotal):Liverpanel¥4,400"),
        "{en}"
    );
    assert!(en.contains("¥115,650"), "{en}");
    assert!(en.contains("testyourselfathomeeverymonth"), "{en}");
    assert!(!en.contains("Apregnancytestisdoneattheclinic"), "{en}");
    assert!(!en.contains("Urinepregnancytest"), "{en}");
    let (ja, _) = pdf_text(&quote, Lang::Ja);
    assert!(
        ja.contains("必要時のみ（合計に含みません）：肝機能精密検査4,400円"),
        "{ja}"
    );
    assert!(ja.contains("115,650円"), "{ja}");
    assert!(ja.contains("毎月ご自宅で妊娠検査"), "{ja}");
    assert!(!ja.contains("クリニックで妊娠検査を行います"), "{ja}");
    assert!(!ja.contains("尿妊娠検査"), "{ja}");
}

/// The course under way of tests/it/course.rs on the reference sheet: a 60 kg man, target
/// 120 mg/kg, 4,200 mg taken in 120 days (`paid` so far), 3 months left at 40 mg a day from
/// a return visit.
fn course_under_way(paid: Option<Money>) -> Quote {
    let so_far = dose_planner::course::SoFar {
        mg: 4_200,
        days: 120,
        paid,
        ..Default::default()
    };
    let req = CourseRequest {
        visit: dose_planner::estimate::Visit::Return,
        weight_kg: Some(60.0),
        target_mg_per_kg: Some(120.0),
        ..CourseRequest::constant(Sex::Male, Dose::daily(40), 3)
    };
    Quote::compute_after(&reference_sheet(), &req, so_far, date()).unwrap()
}

#[test]
fn a_course_under_way_shows_what_was_taken_and_paid_and_what_remains() {
    // Taken: 4,200 mg / 60 kg = 70.0 mg/kg in 120 days; paid ¥120,000.
    // The rest: 3 × 30 × 40 = 3,600 mg = 60.0 mg/kg in 90 days; each month a return visit
    // for a man: 1,650 + 60 × 418 (25,080) + 3,608 = 30,338; 3 months = ¥91,014.
    // The whole course: 7,800 mg = 130.0 mg/kg in 210 days; 120,000 + 91,014 = ¥211,014.
    // The months left are numbered from 120 / 30 + 1 = month 5: months 5–7.
    let quote = course_under_way(Some(Money(120_000)));
    let (en, pages) = pdf_text(&quote, Lang::En);
    assert_eq!(pages, 1, "{en}");
    for needle in [
        "Coursesofar",
        "Takensofar4,200mg(70.0mg/kg)120days¥120,000paid",
        "Thisestimate(months5–7)3,600mg(60.0mg/kg)90days¥91,014",
        "Wholecourse7,800mg(130.0mg/kg)210days¥211,014",
        // The totals at the top are the months left, the first of them month 5.
        "Month5¥30,338",
        "Remainingcourse(3months)¥91,014",
        "Remainingcourse3months(90days)",
        "Remainingcoursetotal¥91,014",
        // Month 5's row: 40 mg, 20 mg × 2 a day, 40 / 60 = 0.67 mg/kg/day.
        "54020mg×20.67¥1,650¥25,080¥3,608¥30,338",
        "74020mg×20.67",
    ] {
        assert!(en.contains(needle), "{needle:?} not in {en}");
    }
    for absent in ["Month1", "Coursetotal(", "14020mg×2", "Cumulativedose"] {
        assert!(!en.contains(absent), "{absent:?} in {en}");
    }
    let (ja, _) = pdf_text(&quote, Lang::Ja);
    for needle in [
        "これまで4,200mg（70.0mg/kg）120日120,000円（お支払い済み）",
        "今回のお見積り（5～7か月目）3,600mg（60.0mg/kg）90日91,014円",
        "治療全体7,800mg（130.0mg/kg）210日211,014円",
        "5か月目30,338円",
        "6か月目以降（毎月）30,338円",
        "残りの治療の合計（3か月）91,014円",
    ] {
        assert!(ja.contains(needle), "{needle:?} not in {ja}");
    }
    assert!(!ja.contains("治療全体の合計"), "{ja}");

    // Paid so far unknown: the cost so far and of the whole course are left blank.
    let (en, _) = pdf_text(&course_under_way(None), Lang::En);
    assert!(en.contains("Takensofar4,200mg(70.0mg/kg)120days—"), "{en}");
    assert!(
        en.contains("Wholecourse7,800mg(130.0mg/kg)210days—"),
        "{en}"
    );
    assert!(!en.contains("¥120,000"), "{en}");

    // A course not started has no such block and counts its months from 1.
    let (plain, _) = pdf_text(
        &woman_with(&reference_sheet(), 20, 6, Choices::default()),
        Lang::En,
    );
    for absent in ["Coursesofar", "Takensofar", "Remaining"] {
        assert!(!plain.contains(absent), "{absent:?} in {plain}");
    }
    assert!(plain.contains("Month1¥21,054"), "{plain}");
}

/// The text of each page, whitespace removed.
fn page_texts(quote: &Quote, lang: Lang) -> Vec<String> {
    let bytes = estimate_pdf(&PdfRequest {
        quote,
        lang,
        patient: Some("Yamada Hanako"),
        quote_number: None,
        staff: None,
    })
    .unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    doc.get_pages()
        .keys()
        .map(|p| {
            let text = doc.extract_text(&[*p]).unwrap();
            text.chars().filter(|c| !c.is_whitespace()).collect()
        })
        .collect()
}

#[test]
fn a_sheet_that_asks_for_acceptance_ends_with_a_block_to_sign() {
    let fees = example_sheet("example-clinic-fees.toml");
    // The sentence, then the name printed and the labels of the signature and date lines;
    // after them only the footer (the clinic's name first).
    let en_block = [
        "Ihavereceivedthisestimateandaccepttheplananditscost.",
        "NameYamadaHanakoSignatureDate",
        "SampleSkinClinicEkimae",
    ];
    let ja_block = [
        "私は本見積書を受け取り、治療計画とその費用に同意します。",
        "お名前YamadaHanakoご署名日付",
        "サンプル皮膚科駅前院",
    ];
    let ends_with_block = |page: &str, block: [&str; 3]| {
        page.split_once(&block.concat())
            .is_some_and(|(_, footer)| !footer.contains(block[0]))
    };
    // 6 months for a woman: the block fits under the cautions, on the one page.
    let six = woman_with(&fees, 20, 6, Choices::default());
    for (lang, block) in [(Lang::En, en_block), (Lang::Ja, ja_block)] {
        let pages = page_texts(&six, lang);
        assert_eq!(pages.len(), 1, "{lang:?}: {pages:?}");
        assert!(ends_with_block(&pages[0], block), "{lang:?}: {}", pages[0]);
    }
    // 18 months: two pages, the block whole on the last one.
    let twelve = woman_with(&fees, 20, 18, Choices::default());
    for (lang, block) in [(Lang::En, en_block), (Lang::Ja, ja_block)] {
        let pages = page_texts(&twelve, lang);
        assert_eq!(pages.len(), 2, "{lang:?}: {pages:?}");
        let (last, before) = pages.split_last().unwrap();
        assert!(ends_with_block(last, block), "{lang:?}: {last}");
        assert!(before.iter().all(|p| !p.contains(block[0])), "{before:?}");
    }
    // The reference sheet does not ask for it.
    let plain = woman_with(&reference_sheet(), 20, 6, Choices::default());
    let (en, _) = pdf_text(&plain, Lang::En);
    assert!(!en.contains("Ihavereceived"), "{en}");
    assert!(!en.contains("Signature"), "{en}");
    let (ja, _) = pdf_text(&plain, Lang::Ja);
    assert!(!ja.contains("同意します"), "{ja}");
    assert!(!ja.contains("ご署名"), "{ja}");
}

/// Writes the PDFs of the examples above to `PDF_DUMP_DIR` to look at (skipped otherwise).
#[test]
#[ignore = "writes files; run with PDF_DUMP_DIR set"]
fn dump_pdfs_to_look_at() {
    let Ok(dir) = std::env::var("PDF_DUMP_DIR") else {
        return;
    };
    let tel = example_sheet("example-clinic-telephone.toml");
    let cases = [
        (
            "telephone",
            woman_with(
                &tel,
                20,
                6,
                Choices {
                    visit_kinds: Choices::later_visits("telephone", 6),
                    discounts: vec!["monitor".into(), "student".into()],
                    ..Choices::default()
                },
            ),
        ),
        (
            "welcome",
            woman_with(
                &tel,
                20,
                6,
                Choices {
                    visit_kinds: vec![
                        "in_person".into(),
                        "online".into(),
                        "telephone".into(),
                        "in_person".into(),
                    ],
                    discounts: vec!["monitor".into(), "welcome".into(), "student".into()],
                    ..Choices::default()
                },
            ),
        ),
        (
            "acnetrent",
            woman_with(
                &example_sheet("flat-clinic-two-products.toml"),
                40,
                3,
                Choices {
                    product: Some("acnetrent".into()),
                    visit_kinds: Choices::later_visits("online", 3),
                    ..Choices::default()
                },
            ),
        ),
        (
            "home",
            woman_with(
                &example_sheet("example-clinic-home-test.toml"),
                20,
                6,
                Choices::default(),
            ),
        ),
        ("course", course_under_way(Some(Money(120_000)))),
        (
            "fees",
            woman_with(
                &example_sheet("example-clinic-fees.toml"),
                20,
                6,
                Choices::default(),
            ),
        ),
    ];
    for (name, quote) in &cases {
        for lang in Lang::ALL {
            let bytes = estimate_pdf(&PdfRequest {
                quote,
                lang,
                patient: Some("Yamada Hanako"),
                quote_number: None,
                staff: None,
            })
            .unwrap();
            std::fs::write(format!("{dir}/{name}-{lang:?}.pdf"), bytes).unwrap();
        }
    }
}

/// Tax added with exempt items (the US sheet: 8.875% on medication only): the patient reads
/// which items carry no tax, named as in the table, in ja and en; the reference sheet (tax
/// included) says so and names nothing.
#[test]
fn the_items_without_tax_are_named() {
    let us = example_sheet("example-clinic-us.toml");
    let quote = woman_with(&us, 20, 2, Choices::default());
    let (en, _) = pdf_text(&quote, Lang::En);
    assert!(
        en.contains("theseitemscarrynotax:Consultation,Bloodtest,Urinepregnancytest."),
        "{en}"
    );
    let (ja, _) = pdf_text(&quote, Lang::Ja);
    assert!(
        ja.contains("非課税の項目:診察料、血液検査、尿妊娠検査。"),
        "{ja}"
    );
    let reference = woman_with(&reference_sheet(), 20, 2, Choices::default());
    let (en, _) = pdf_text(&reference, Lang::En);
    assert!(
        en.contains("Allamountsincludetax.") && !en.contains("notax"),
        "{en}"
    );
}
