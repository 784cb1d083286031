//! Every price sheet shipped in `pricing/` loads and prices a plan: each month's subtotal is
//! the sum of its items, the total the sum of its months, and the tax line is the sheet's
//! rate on the month's taxable items.

use dose_planner::dose::Dose;
use dose_planner::estimate::{CourseRequest, Sex, estimate};
use dose_planner::money::Money;
use dose_planner::pricing::{self, Fees, PriceSheet, Tax};

/// Every `.toml` in `pricing/`, parsed, by file name.
fn shipped_sheets() -> Vec<(String, PriceSheet)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/pricing");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let sheet = pricing::parse(&text, &path.display().to_string())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            out.push((name, sheet));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A dose every sheet can price: the first package of a flat sheet, else the smallest
/// capsule twice a day.
fn a_dose(sheet: &PriceSheet) -> Dose {
    match &sheet.fees {
        Fees::Flat { packages } => Dose::daily(packages[0].daily_mg),
        Fees::Itemised { .. } => Dose::daily(sheet.capsules[0].mg * 2),
    }
}

#[test]
fn every_shipped_sheet_loads_and_prices_a_plan() {
    let sheets = shipped_sheets();
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "example-clinic-boxes.toml",
        "example-clinic-fees.toml",
        "example-clinic-kr.toml",
        "example-clinic-us.toml",
        "flat-clinic-jp.toml",
        "reference-clinic-jp.toml",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    for (name, sheet) in &sheets {
        for sex in [Sex::Female, Sex::Male] {
            for every in 1..=sheet.max_months_per_visit {
                let req = CourseRequest {
                    visit_every: every,
                    ..CourseRequest::constant(sex, a_dose(sheet), 4)
                };
                let est = estimate(sheet, &req).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(est.months.len(), 4, "{name}");
                let mut total = 0i64;
                for m in &est.months {
                    let items: i64 = m.items.iter().map(|i| i.amount.0).sum();
                    assert_eq!(m.subtotal.0, items, "{name} month {}", m.month);
                    assert!(m.subtotal.0 > 0, "{name} month {}", m.month);
                    // The tax line, when tax is added, is the rate on the taxable items.
                    match sheet.tax {
                        Tax::Included => assert!(m.items.iter().all(|i| i.code != "tax")),
                        Tax::Added { .. } => {
                            let (tax, rest) = m.items.split_last().unwrap();
                            assert_eq!(tax.code, "tax", "{name}");
                            let taxable: i64 = rest
                                .iter()
                                .filter(|i| sheet.is_taxable(&i.code))
                                .map(|i| i.amount.0)
                                .sum();
                            assert_eq!(sheet.tax.on(Money(taxable)), Ok(tax.amount), "{name}");
                        }
                    }
                    total += m.subtotal.0;
                    // One-off fees are charged in month 1 only.
                    if m.month > 1 {
                        assert!(
                            m.items
                                .iter()
                                .all(|i| sheet.one_off_fees.iter().all(|f| f.code != i.code)),
                            "{name} month {}",
                            m.month
                        );
                    }
                }
                assert_eq!(est.total.0, total, "{name}");
            }
            // One visit interval longer than the sheet allows is refused, never priced.
            let req = CourseRequest {
                visit_every: sheet.max_months_per_visit + 1,
                ..CourseRequest::constant(sex, a_dose(sheet), 4)
            };
            assert!(estimate(sheet, &req).is_err(), "{name}");
        }
    }
    // The built-in sheet is the shipped reference sheet.
    let reference = sheets
        .iter()
        .find(|(n, _)| n == "reference-clinic-jp.toml")
        .unwrap();
    assert_eq!(reference.1, pricing::reference_sheet());
}

#[test]
fn shipped_sheets_state_their_policies() {
    use dose_planner::pricing::PregnancyTest;
    let sheets = shipped_sheets();
    let get = |name: &str| &sheets.iter().find(|(n, _)| n == name).unwrap().1;
    let us = get("example-clinic-us.toml");
    assert_eq!(
        us.tax,
        Tax::Added {
            rate_milli_percent: 8_875,
            rounding: pricing::Rounding::Nearest
        }
    );
    assert_eq!(us.tax_exempt, ["consultation", "blood_test", "urine_test"]);
    assert!(us.is_taxable("medication") && !us.is_taxable("consultation"));
    assert_eq!(us.pregnancy_test, PregnancyTest::Clinic);
    let kr = get("example-clinic-kr.toml");
    assert_eq!(
        (kr.max_prescription_days, kr.prescription_days()),
        (Some(30), 30)
    );
    assert!(kr.tax_exempt.is_empty());
    assert_eq!(kr.pregnancy_test, PregnancyTest::Clinic);
    let flat = get("flat-clinic-jp.toml");
    assert_eq!(flat.pregnancy_test, PregnancyTest::Unspecified);
    // The fee sheet is the reference sheet plus two one-off fees; the others list none.
    let fees = get("example-clinic-fees.toml");
    let kinds: Vec<(&str, i64, pricing::FeeWhen)> = fees
        .one_off_fees
        .iter()
        .map(|f| (f.code.as_str(), f.price.0, f.when))
        .collect();
    assert_eq!(
        kinds,
        [
            ("registration", 3_300, pricing::FeeWhen::FirstVisit),
            ("consent_document", 1_100, pricing::FeeWhen::Course)
        ]
    );
    let reference = get("reference-clinic-jp.toml");
    assert_eq!(
        (&fees.fees, &fees.capsules),
        (&reference.fees, &reference.capsules)
    );
    for (name, sheet) in &sheets {
        if name != "example-clinic-fees.toml" {
            assert!(sheet.one_off_fees.is_empty(), "{name}");
        }
    }
    // The sheets written before the setting keep constant daily doses only.
    for name in [
        "reference-clinic-jp.toml",
        "flat-clinic-jp.toml",
        "example-clinic-kr.toml",
    ] {
        assert!(!get(name).alternating_days, "{name}");
    }
}

/// Packs on `[[capsules]]`: refused where written (file:line:column) when half given, given
/// with a per-capsule price, on a flat sheet, of 0 or more than 1,000 capsules, or priced
/// above the cap; a mistyped key is told the pack form's settings. Only the boxes and the
/// long-course sheets sell packs.
#[test]
fn packs_are_checked_where_written() {
    let sheets = shipped_sheets();
    for (name, sheet) in &sheets {
        assert_eq!(
            sheet.packs.is_empty(),
            !matches!(
                name.as_str(),
                "example-clinic-boxes.toml" | "example-clinic-long-course.toml"
            ),
            "{name}"
        );
    }
    let boxes = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pricing/example-clinic-boxes.toml"
    ))
    .unwrap();
    let pack = "mg = 20\npack_size = 30\npack_price = 30000\n";
    assert!(boxes.contains(pack));
    let line = boxes[..boxes.find(pack).unwrap()].lines().count() + 1; // the `mg = 20` line
    let err =
        |to: &str| pricing::parse(&boxes.replacen(pack, to, 1), "pricing/b.toml").unwrap_err();
    let at = |e: &pricing::PricingError| (e.code(), e.line, e.column);

    let e = err("mg = 20\npack_size = 30\n");
    assert_eq!(at(&e), ("pack_incomplete", line - 1, 1)); // the `[[capsules]]` header
    assert!(
        e.to_string()
            .contains("needs both pack_size and pack_price"),
        "{e}"
    );
    let e = err("mg = 20\npack_size = 30\npack_price = 30000\nprice = 418\n");
    assert_eq!(at(&e), ("pack_and_price", line + 3, 9));
    let e = err("mg = 20\npack_size = 0\npack_price = 30000\n");
    assert_eq!(at(&e), ("pack_size", line + 1, 13));
    assert!(e.to_string().contains("1 to 1000 capsules, got 0"), "{e}");
    let e = err("mg = 20\npack_size = 1001\npack_price = 30000\n");
    assert_eq!(at(&e), ("pack_size", line + 1, 13));
    let e = err("mg = 20\npack_size = 30\npack_price = 10000000001\n");
    assert_eq!(at(&e), ("price_too_large", line + 2, 14));
    let e = err("mg = 20\npack_size = 30\npack_price = -1\n");
    assert_eq!(at(&e), ("negative_price", line + 2, 14));
    let e = err("mg = 20\npack_sise = 30\npack_price = 30000\n");
    assert_eq!(at(&e), ("unknown_setting", line + 1, 1));
    assert!(
        e.to_string()
            .contains("allowed here are one of `mg`, `pack_size`, `pack_price`"),
        "{e}"
    );
    // The largest pack loads; a pack on a flat sheet is refused.
    let big = pricing::parse(
        &boxes.replacen(pack, "mg = 20\npack_size = 1000\npack_price = 30000\n", 1),
        "pricing/b.toml",
    )
    .unwrap();
    assert_eq!(big.packs[&20].size, 1000);
    let flat = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pricing/flat-clinic-jp.toml"
    ))
    .unwrap();
    let flat = format!("{flat}\n[[capsules]]\nmg = 30\npack_size = 30\npack_price = 30000\n");
    let e = pricing::parse(&flat, "pricing/f.toml").unwrap_err();
    assert_eq!(e.code(), "pack_on_flat");
    assert!(e.to_string().starts_with("pricing/f.toml:"), "{e}");
}

/// The installed program finds the package's example sheets from its own place: the Debian
/// package's `/usr/bin/dose-planner` looks in `/usr/share/dose-planner/pricing`, a copy
/// under `/usr/local/bin` in `/usr/local/share/…`; a build from source finds none.
#[test]
fn installed_program_finds_the_example_sheets_from_its_own_place() {
    use dose_planner::files::places::package_sheets_dir_for;
    use std::path::{Path, PathBuf};
    let first = |exe: &str| package_sheets_dir_for(Path::new(exe)).into_iter().next();
    if cfg!(target_os = "linux") {
        assert_eq!(
            first("/usr/bin/dose-planner"),
            Some(PathBuf::from("/usr/share/dose-planner/pricing"))
        );
        assert_eq!(
            first("/usr/local/bin/dose-planner"),
            Some(PathBuf::from("/usr/local/share/dose-planner/pricing"))
        );
    }
    // The unpacked package: the program beside its share folder, wherever it was unpacked.
    let unpacked = tempfile::tempdir().unwrap();
    let sheets = unpacked.path().join("usr/share/dose-planner/pricing");
    std::fs::create_dir_all(&sheets).unwrap();
    let exe = unpacked.path().join("usr/bin/dose-planner");
    assert!(
        package_sheets_dir_for(&exe)
            .iter()
            .any(|d| d == &sheets && d.is_dir())
    );
    // A build from source (target/release/dose-planner) has no share folder beside it.
    let source = tempfile::tempdir().unwrap();
    let exe = source.path().join("target/release/dose-planner");
    assert!(package_sheets_dir_for(&exe).iter().all(|d| !d.is_dir()));
}
