//! What a quote chooses from a sheet (issue 11): visit kinds, products, discounts, and the
//! test schedules clinics run; each on its example sheet in pricing/, against totals worked
//! out by hand from the sheet's prices (the arithmetic is written in each test).

use dose_planner::dose::Dose;
use dose_planner::estimate::{Choice, Choices, CourseRequest, PlanError, Sex, Visit, estimate};
use dose_planner::i18n::Lang;
use dose_planner::money::Money;
use dose_planner::pricing::{self, PriceSheet, TestSchedule};
use dose_planner::quote::Quote;

fn sheet(name: &str) -> PriceSheet {
    let path = format!("{}/pricing/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    pricing::parse(&text, &path).unwrap()
}

fn date() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 24)
}

fn req(sex: Sex, mg: u32, months: u32, choices: Choices) -> CourseRequest {
    CourseRequest {
        choices,
        ..CourseRequest::constant(sex, Dose::daily(mg), months)
    }
}

fn codes(est: &dose_planner::estimate::CourseEstimate, month: usize) -> Vec<(String, i64)> {
    est.months[month]
        .items
        .iter()
        .map(|i| (i.code.clone(), i.amount.0))
        .collect()
}

/// The telephone sheet: reference prices (consultation 3,850 / 1,650, 20 mg 418 a capsule,
/// blood test 3,608, urine test 1,056) plus telephone visits at 1,100 with no tests and 550
/// shipping, online visits at 1,650 with the urine test and 550 shipping.
fn telephone() -> PriceSheet {
    sheet("example-clinic-telephone.toml")
}

#[test]
fn telephone_months_have_their_own_fee_no_tests_and_shipping() {
    // The example: a man, 20 mg/day, 3 months, months 2–3 by telephone.
    // Month 1: 3,850 + 30 × 418 (12,540) + 3,608 = 19,998.
    // Months 2–3: 1,100 + 12,540 + 550 = 14,190 each; total 19,998 + 2 × 14,190 = 48,378.
    let choices = Choices {
        visit_kinds: Choices::later_visits("telephone", 3),
        ..Choices::default()
    };
    let est = estimate(&telephone(), &req(Sex::Male, 20, 3, choices)).unwrap();
    assert_eq!(est.first_month, Money(19_998));
    assert_eq!(
        codes(&est, 1),
        [
            ("consultation".into(), 1_100),
            ("medication".into(), 12_540),
            ("shipping".into(), 550)
        ]
    );
    assert_eq!(est.months[1].visit_kind.as_deref(), Some("telephone"));
    assert_eq!(est.months[0].visit_kind, None);
    assert_eq!(est.total, Money(48_378));

    // The labels a person reads.
    let q = Quote::compute(
        &telephone(),
        &req(
            Sex::Male,
            20,
            3,
            Choices {
                visit_kinds: Choices::later_visits("telephone", 3),
                ..Choices::default()
            },
        ),
        date(),
    )
    .unwrap();
    let m2 = &q.shown().months[1];
    assert_eq!(
        q.item_label(m2, &m2.items[0], Lang::En),
        "Telephone consultation"
    );
    assert_eq!(q.item_label(m2, &m2.items[2], Lang::Ja), "配送料");
    assert_eq!(
        q.visit_kinds_line(Lang::En).unwrap(),
        "Visits: In person: month 1; Telephone: months 2–3"
    );
}

#[test]
fn a_test_due_at_a_telephone_month_waits_for_the_next_visit_that_takes_it() {
    // A woman, 20 mg, 3 months: month 2 online (takes the urine test only), month 3 in person.
    // Month 1: 3,850 + 12,540 + 3,608 + 1,056 = 21,054.
    // Month 2 online: 1,650 + 12,540 + 1,056 (urine) + 550 = 15,796; the blood test waits.
    // Month 3 in person: 1,650 + 12,540 + 3,608 + 1,056 = 18,854.
    // Total 21,054 + 15,796 + 18,854 = 55,704.
    let choices = Choices {
        visit_kinds: vec!["in_person".into(), "online".into(), "in_person".into()],
        ..Choices::default()
    };
    let est = estimate(&telephone(), &req(Sex::Female, 20, 3, choices)).unwrap();
    assert_eq!(
        codes(&est, 1),
        [
            ("consultation".into(), 1_650),
            ("medication".into(), 12_540),
            ("urine_test".into(), 1_056),
            ("shipping".into(), 550)
        ]
    );
    assert_eq!(est.months[2].subtotal, Money(18_854));
    assert_eq!(est.total, Money(55_704));
}

#[test]
fn a_visit_kind_the_sheet_does_not_offer_or_a_remote_first_visit_is_refused() {
    let bad = Choices {
        visit_kinds: vec!["in_person".into(), "video".into()],
        ..Choices::default()
    };
    let err = estimate(&telephone(), &req(Sex::Male, 20, 2, bad)).unwrap_err();
    assert!(matches!(
        &err,
        PlanError::UnknownChoice { what: Choice::VisitKind, code, available }
            if code == "video" && available == &["in_person", "telephone", "online"]
    ));
    assert_eq!(
        err.explain(Lang::En),
        "This price sheet has no visit kind \"video\"; it offers: in_person, telephone, online."
    );
    let remote_first = Choices {
        visit_kinds: vec!["telephone".into()],
        ..Choices::default()
    };
    let err = estimate(&telephone(), &req(Sex::Male, 20, 2, remote_first.clone())).unwrap_err();
    assert_eq!(err, PlanError::FirstVisitRemote);
    // A course that opens with a return visit may be by telephone: 1,100 + 12,540 + 550.
    let mut r = req(Sex::Male, 20, 1, remote_first);
    r.visit = Visit::Return;
    assert_eq!(estimate(&telephone(), &r).unwrap().total, Money(14_190));
    // More kinds than months.
    let long = Choices {
        visit_kinds: vec!["in_person".into(); 3],
        ..Choices::default()
    };
    assert!(matches!(
        estimate(&telephone(), &req(Sex::Male, 20, 2, long)),
        Err(PlanError::VisitKinds {
            given: 3,
            months: 2
        })
    ));
}

#[test]
fn a_monitor_discount_is_its_own_negative_line_on_the_medication() {
    // The example: 10% off medication, a woman, 20 mg, first month:
    // 21,054 − 1,254 (10% of 12,540) = 19,800.
    let choices = Choices {
        discounts: vec!["monitor".into()],
        ..Choices::default()
    };
    let q = Quote::compute(&telephone(), &req(Sex::Female, 20, 6, choices), date()).unwrap();
    let est = q.estimate().unwrap();
    assert_eq!(est.first_month, Money(19_800));
    assert_eq!(
        codes(est, 0)[1..3],
        [("medication".into(), 12_540), ("monitor".into(), -1_254)]
    );
    // Every month: 18,854 − 1,254 = 17,600; total 19,800 + 5 × 17,600 = 107,800.
    assert_eq!(est.total, Money(107_800));
    let m1 = &est.months[0];
    assert_eq!(q.item_label(m1, &m1.items[2], Lang::En), "Monitor discount");
    assert_eq!(q.column_label("monitor", Lang::Ko), "모니터 할인");
}

#[test]
fn a_month_discount_and_a_course_discount_come_off_the_amount_due() {
    // A man, 20 mg, 3 months in person: 19,998 + 2 × 17,798 (1,650 + 12,540 + 3,608) =
    // 55,594. "welcome": 1,000 off month 1 → 18,998. "student": 5% of 54,594 = 2,729.7,
    // rounded down to 2,729 → total 51,865.
    let choices = Choices {
        discounts: vec!["welcome".into(), "student".into()],
        ..Choices::default()
    };
    let q = Quote::compute(&telephone(), &req(Sex::Male, 20, 3, choices), date()).unwrap();
    let est = q.estimate().unwrap();
    assert_eq!(est.first_month, Money(18_998));
    assert_eq!(
        codes(est, 0).last().unwrap(),
        &("welcome".to_string(), -1_000)
    );
    assert_eq!(est.course_items.len(), 1);
    assert_eq!(est.course_items[0].amount, Money(-2_729));
    assert_eq!(est.total, Money(51_865));
    assert_eq!(
        q.course_discounts(Lang::En),
        [(
            "Student discount".to_string(),
            (Money(-2_729), Money(-2_729))
        )]
    );
    // Σ months + course lines = total.
    let months: i64 = est.months.iter().map(|m| m.subtotal.0).sum();
    assert_eq!(months - 2_729, est.total.0);
}

#[test]
fn discounts_never_make_a_line_negative_and_apply_once() {
    // A fixed discount larger than the month: a sheet built for it (¥1,000,000 off month 1).
    let text = std::fs::read_to_string(format!(
        "{}/pricing/example-clinic-telephone.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace("amount = 1000", "amount = 1000000");
    let s = pricing::parse(&text, "big.toml").unwrap();
    let est = estimate(
        &s,
        &req(
            Sex::Male,
            20,
            1,
            Choices {
                discounts: vec!["welcome".into()],
                ..Choices::default()
            },
        ),
    )
    .unwrap();
    // 19,998 − 19,998 = 0, never below.
    assert_eq!(est.total, Money(0));
    let twice = Choices {
        discounts: vec!["monitor".into(), "monitor".into()],
        ..Choices::default()
    };
    assert_eq!(
        estimate(&telephone(), &req(Sex::Male, 20, 1, twice)),
        Err(PlanError::DiscountTwice("monitor".into()))
    );
    let unknown = Choices {
        discounts: vec!["friends".into()],
        ..Choices::default()
    };
    assert!(matches!(
        estimate(&telephone(), &req(Sex::Male, 20, 1, unknown)),
        Err(PlanError::UnknownChoice {
            what: Choice::Discount,
            ..
        })
    ));
}

/// The two-products flat sheet: Roaccutane 22,000 at 20 mg and 44,000 at 40 mg a month,
/// Acnetrent 29,200 at 40 mg; online visits included, 880 shipping.
#[test]
fn two_products_at_the_same_dose_load_from_one_sheet() {
    let s = sheet("flat-clinic-two-products.toml");
    assert_eq!(s.products.len(), 2);
    let q = |product: Option<&str>| {
        Quote::compute(
            &s,
            &req(
                Sex::Female,
                40,
                3,
                Choices {
                    product: product.map(String::from),
                    ..Choices::default()
                },
            ),
            date(),
        )
        .unwrap()
    };
    // The default is the first product: 3 × 44,000 = 132,000.
    assert_eq!(q(None).total(), (Money(132_000), Money(132_000)));
    assert_eq!(q(Some("roaccutane")).total().0, Money(132_000));
    // Acnetrent: 3 × 29,200 = 87,600.
    let a = q(Some("acnetrent"));
    assert_eq!(a.total().0, Money(87_600));
    assert_eq!(a.product_name(Lang::En).as_deref(), Some("Acnetrent"));
    assert_eq!(
        a.column_label("package", Lang::En),
        "All-in monthly fee (Acnetrent)"
    );
    // Acnetrent has no 20 mg package.
    let err = Quote::compute(
        &s,
        &req(
            Sex::Female,
            20,
            1,
            Choices {
                product: Some("acnetrent".into()),
                ..Choices::default()
            },
        ),
        date(),
    )
    .unwrap_err();
    assert!(matches!(err, PlanError::NoPackage { ref available, .. } if available == &[40]));
    // Online months 2–3 on Acnetrent: 29,200 + 2 × (29,200 + 880) = 89,360 (no fee line:
    // the package includes the consultation).
    let online = Quote::compute(
        &s,
        &req(
            Sex::Female,
            40,
            3,
            Choices {
                product: Some("acnetrent".into()),
                visit_kinds: Choices::later_visits("online", 3),
                ..Choices::default()
            },
        ),
        date(),
    )
    .unwrap();
    assert_eq!(online.total().0, Money(89_360));
    assert_eq!(online.columns(), ["package", "shipping"]);
    // An unknown product names the sheet's products.
    let err = estimate(
        &s,
        &req(
            Sex::Female,
            40,
            1,
            Choices {
                product: Some("isotroin".into()),
                ..Choices::default()
            },
        ),
    )
    .unwrap_err();
    assert!(err.explain(Lang::En).contains("roaccutane, acnetrent"));
}

/// The home-test sheet: consultation 5,500 / 2,200; 20 mg 450 a capsule (13,500 a month);
/// blood test 3,300 at months 1, 2, 3; lipids 2,750 at 4 weeks (the month-2 visit) then every
/// 2 months; a liver panel 4,400 only if needed; no pregnancy test in the clinic.
#[test]
fn test_schedules_listed_months_week_offset_and_as_needed() {
    let s = sheet("example-clinic-home-test.toml");
    let q = Quote::compute(&s, &req(Sex::Female, 20, 6, Choices::default()), date()).unwrap();
    let est = q.estimate().unwrap();
    let tests: Vec<(u32, &str)> = q
        .tests_due()
        .iter()
        .map(|t| (t.month, t.code.as_str()))
        .collect();
    assert_eq!(
        tests,
        [
            (1, "blood_test"),
            (2, "blood_test"),
            (2, "lipids"),
            (3, "blood_test"),
            (4, "lipids"),
            (6, "lipids")
        ]
    );
    // Month 1: 5,500 + 13,500 + 3,300 = 22,300. Month 2: 2,200 + 13,500 + 3,300 + 2,750 =
    // 21,750. Month 3: 2,200 + 13,500 + 3,300 = 19,000. Months 4 and 6: 2,200 + 13,500 +
    // 2,750 = 18,450. Month 5: 15,700. Total 22,300 + 21,750 + 19,000 + 18,450 + 15,700 +
    // 18,450 = 115,650.
    let subtotals: Vec<i64> = est.months.iter().map(|m| m.subtotal.0).collect();
    assert_eq!(subtotals, [22_300, 21_750, 19_000, 18_450, 15_700, 18_450]);
    assert_eq!(est.total, Money(115_650));
    // The liver panel is listed, not charged.
    assert_eq!(
        q.as_needed(Lang::En),
        [("Liver panel".to_string(), Money(4_400))]
    );
    assert!(q.tests_due().iter().all(|t| t.code != "liver_panel"));
    // No pregnancy test in the clinic: the handout says she tests at home.
    assert_eq!(s.pregnancy_test, pricing::PregnancyTest::Home);
    assert!(matches!(
        s.fees,
        pricing::Fees::Itemised { ref tests, .. }
            if tests[2].schedule == TestSchedule::AsNeeded
    ));
}

#[test]
fn a_listed_month_without_a_visit_is_tested_at_the_next_visit() {
    // Visits every 2 months on the home-test sheet: visits at months 1, 3, 5. The blood test
    // listed at months 2 and 3 is taken once at month 3; lipids (month 2) at month 3, then
    // every 2 months from there: month 5.
    let s = sheet("example-clinic-home-test.toml");
    let text = std::fs::read_to_string(format!(
        "{}/pricing/example-clinic-home-test.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace(
        "[consultation]",
        "[visits]\nmax_months_per_visit = 2\n\n[consultation]",
    );
    let s2 = pricing::parse(&text, "two.toml").unwrap();
    assert_eq!(s.max_months_per_visit, 1);
    let mut r = req(Sex::Male, 20, 6, Choices::default());
    r.visit_every = 2;
    let q = Quote::compute(&s2, &r, date()).unwrap();
    let tests: Vec<(u32, &str)> = q
        .tests_due()
        .iter()
        .map(|t| (t.month, t.code.as_str()))
        .collect();
    assert_eq!(
        tests,
        [
            (1, "blood_test"),
            (3, "blood_test"),
            (3, "lipids"),
            (5, "lipids")
        ]
    );
}

#[test]
fn every_sheet_in_pricing_loads_with_its_choices() {
    let dir = format!("{}/pricing", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 9, "{names:?}");
    for n in &names {
        let s = sheet(n);
        // Every product, visit kind and discount of every sheet quotes a 3-month course at a
        // dose the sheet sells.
        let mg = match &s.fees {
            pricing::Fees::Flat { packages } => packages[0].daily_mg,
            pricing::Fees::Itemised { .. } => 20,
        };
        for kind in s.visit_kinds.iter().map(|k| k.code.clone()) {
            let r = req(
                Sex::Female,
                mg,
                3,
                Choices {
                    visit_kinds: Choices::later_visits(&kind, 3),
                    discounts: s.discounts.iter().map(|d| d.code.clone()).collect(),
                    ..Choices::default()
                },
            );
            let est = estimate(&s, &r).unwrap_or_else(|e| panic!("{n} {kind}: {e}"));
            assert!(est.total >= Money::ZERO, "{n}");
        }
    }
}

#[test]
fn the_handout_claims_tests_only_for_the_sheets_tests() {
    // A flat sheet with shipping lines: no test at any visit, so no "tests at visits".
    let s = sheet("flat-clinic-two-products.toml");
    let r = req(
        Sex::Female,
        40,
        3,
        Choices {
            visit_kinds: Choices::later_visits("online", 3),
            ..Choices::default()
        },
    );
    let q = Quote::compute(&s, &r, date()).unwrap();
    let codes: Vec<&str> = q.cautions().iter().map(|c| c.code).collect();
    assert!(!codes.contains(&"tests_at_visits"), "{codes:?}");
    // The home-test sheet: she tests at home; the clinic's blood tests are at visits.
    let home = sheet("example-clinic-home-test.toml");
    let q = Quote::compute(&home, &req(Sex::Female, 20, 3, Choices::default()), date()).unwrap();
    let codes: Vec<&str> = q.cautions().iter().map(|c| c.code).collect();
    assert!(codes.contains(&"pregnancy_test_home"), "{codes:?}");
    assert!(!codes.contains(&"pregnancy_test_clinic"), "{codes:?}");
    assert!(codes.contains(&"tests_at_visits"), "{codes:?}");
}
