//! Course estimates on the reference sheet and the example sheets, checked against totals
//! worked out by hand from the price list (domain.md §3), not from the code.

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input

use dose_planner::dose::Dose;
use dose_planner::estimate::{CourseRequest, PlanError, Sex, Visit, estimate, estimate_range};
use dose_planner::money::Money;
use dose_planner::pricing::{self, PriceSheet};

fn reference() -> PriceSheet {
    pricing::reference_sheet()
}

fn sheet(name: &str) -> PriceSheet {
    let path = format!("{}/pricing/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    pricing::parse(&text, &path).unwrap()
}

/// Month 1 and a later month for a constant dose, on the reference sheet.
fn month_totals(mg: u32, visit: Visit, sex: Sex) -> (i64, i64) {
    let mut req = CourseRequest::constant(sex, Dose::daily(mg), 6);
    req.visit = visit;
    let est = estimate(&reference(), &req).unwrap();
    // The course total is the sum of its months.
    assert_eq!(
        est.total,
        Money(est.months.iter().map(|m| m.subtotal.0).sum::<i64>())
    );
    assert_eq!(
        est.total.0,
        est.first_month.0 + 5 * est.months[1].subtotal.0
    );
    (est.first_month.0, est.months[1].subtotal.0)
}

/// Hand-derived from the price list: consultation 3,850 first / 1,650 return; capsules 10 mg
/// 308, 20 mg 418, 30 a month; blood test 3,608 for everyone; urine test 1,056 for women.
///
/// | mg | capsules/day | medication (30 days) |
/// | 10 | 10           | 308 × 30 = 9,240     |
/// | 20 | 20           | 418 × 30 = 12,540    |
/// | 30 | 20+10        | 726 × 30 = 21,780    |
/// | 40 | 20+20        | 836 × 30 = 25,080    |
/// | 50 | 20+20+10     | 1,144 × 30 = 34,320  |
/// | 60 | 20×3         | 1,254 × 30 = 37,620  |
/// | 70 | 20×3+10      | 1,562 × 30 = 46,860  |
/// | 80 | 20×4         | 1,672 × 30 = 50,160  |
///
/// first visit, man = 3,850 + 3,608 + medication = 7,458 + medication; woman + 1,056.
/// return visit, man = 1,650 + 3,608 + medication = 5,258 + medication; woman + 1,056.
#[test]
fn month_totals_for_every_dose_visit_and_sex_match_the_price_list() {
    #[rustfmt::skip]
    let table: [(u32, i64, i64, i64, i64); 8] = [
        // mg, first man, first woman, return man, return woman
        (10, 16_698, 17_754, 14_498, 15_554),
        (20, 19_998, 21_054, 17_798, 18_854),
        (30, 29_238, 30_294, 27_038, 28_094),
        (40, 32_538, 33_594, 30_338, 31_394),
        (50, 41_778, 42_834, 39_578, 40_634),
        (60, 45_078, 46_134, 42_878, 43_934),
        (70, 54_318, 55_374, 52_118, 53_174),
        (80, 57_618, 58_674, 55_418, 56_474),
    ];
    for (mg, first_m, first_f, ret_m, ret_f) in table {
        assert_eq!(
            month_totals(mg, Visit::First, Sex::Male),
            (first_m, ret_m),
            "{mg} mg man, first"
        );
        assert_eq!(
            month_totals(mg, Visit::First, Sex::Female),
            (first_f, ret_f),
            "{mg} mg woman, first"
        );
        assert_eq!(
            month_totals(mg, Visit::Return, Sex::Male),
            (ret_m, ret_m),
            "{mg} mg man, return"
        );
        assert_eq!(
            month_totals(mg, Visit::Return, Sex::Female),
            (ret_f, ret_f),
            "{mg} mg woman, return"
        );
    }
}

#[test]
fn items_of_month_one_at_20_mg_for_a_woman() {
    let est = estimate(
        &reference(),
        &CourseRequest::constant(Sex::Female, Dose::daily(20), 6),
    )
    .unwrap();
    let m1 = &est.months[0];
    let items: Vec<(&str, i64)> = m1
        .items
        .iter()
        .map(|i| (i.code.as_str(), i.amount.0))
        .collect();
    assert_eq!(
        items,
        [
            ("consultation", 3850),
            ("medication", 12540),
            ("blood_test", 3608),
            ("urine_test", 1056)
        ]
    );
    assert_eq!(m1.subtotal.0, 21_054);
    assert_eq!(m1.capsules.0.get(&20), Some(&30));
    assert_eq!(est.total.0, 21_054 + 5 * 18_854);
    assert_eq!(est.cumulative_mg, 3600);
}

#[test]
fn man_woman_range_when_sex_is_not_given() {
    let req = CourseRequest::constant(Sex::Male, Dose::daily(40), 6);
    let [man, woman] = estimate_range(&reference(), &req).unwrap();
    assert_eq!(man.first_month.0, 32_538);
    assert_eq!(woman.first_month.0, 33_594);
    assert_eq!(man.total.0, 32_538 + 5 * 30_338);
    assert_eq!(woman.total.0, 33_594 + 5 * 31_394);
}

/// The medication line of a month.
fn medication(month: &dose_planner::estimate::MonthLine) -> &dose_planner::estimate::Item {
    month.items.iter().find(|i| i.code == "medication").unwrap()
}

#[test]
fn alternating_doses_count_half_the_days_each() {
    // 10/20: 15 days × 308 + 15 days × 418 = 4,620 + 6,270 = 10,890; 450 mg a month.
    let req = CourseRequest::constant(Sex::Male, Dose::parse("10/20").unwrap(), 1);
    let est = estimate(&reference(), &req).unwrap();
    let med = medication(&est.months[0]);
    assert_eq!(med.amount.0, 10_890);
    assert_eq!(est.cumulative_mg, 450);
    assert_eq!(est.months[0].daily_mg, 15.0);
    // 20/0: 15 capsules of 20 mg = 6,270; 300 mg.
    let req = CourseRequest::constant(Sex::Male, Dose::parse("20/0").unwrap(), 1);
    let est = estimate(&reference(), &req).unwrap();
    let med = medication(&est.months[0]);
    assert_eq!(med.amount.0, 6_270);
    assert_eq!(est.cumulative_mg, 300);
}

#[test]
fn escalation_month_by_month() {
    // 20, 40, 40, 60: woman, first visit.
    let doses = ["20", "40", "40", "60"]
        .map(|d| Dose::parse(d).unwrap())
        .to_vec();
    let req = CourseRequest {
        doses,
        weight_kg: Some(60.0),
        ..CourseRequest::constant(Sex::Female, Dose::daily(20), 1)
    };
    let est = estimate(&reference(), &req).unwrap();
    let subtotals: Vec<i64> = est.months.iter().map(|m| m.subtotal.0).collect();
    assert_eq!(subtotals, [21_054, 31_394, 31_394, 43_934]);
    assert_eq!(est.total.0, 21_054 + 31_394 + 31_394 + 43_934);
    // 600 + 1,200 + 1,200 + 1,800 = 4,800 mg; / 60 kg = 80 mg/kg.
    assert_eq!(est.cumulative_mg, 4800);
    assert_eq!(est.cumulative_mg_per_kg, Some(80.0));
    let cum: Vec<u64> = est.months.iter().map(|m| m.cumulative_mg).collect();
    assert_eq!(cum, [600, 1800, 3000, 4800]);
}

#[test]
fn two_months_per_visit_has_no_consultation_or_tests_in_between() {
    // Woman, 20 mg, 4 months, a visit every 2 months:
    // m1 21,054; m2 medication only 12,540; m3 18,854; m4 12,540.
    let req = CourseRequest {
        visit_every: 2,
        ..CourseRequest::constant(Sex::Female, Dose::daily(20), 4)
    };
    let est = estimate(&reference(), &req).unwrap();
    let subtotals: Vec<i64> = est.months.iter().map(|m| m.subtotal.0).collect();
    assert_eq!(subtotals, [21_054, 12_540, 18_854, 12_540]);
    assert_eq!(est.months[1].visit, None);
    assert_eq!(est.months[1].items.len(), 1);
    assert_eq!(est.total.0, 64_988);
}

#[test]
fn korean_sheet_adds_vat_and_tests_every_two_months() {
    let kr = sheet("example-clinic-kr.toml");
    // Man, 20 mg: m1 15,000 + 700×30 + 30,000 = 66,000 + 10% 6,600 = 72,600;
    // m2 8,000 + 21,000 = 29,000 + 2,900 = 31,900 (blood test not due);
    // m3 8,000 + 21,000 + 30,000 = 59,000 + 5,900 = 64,900.
    let est = estimate(&kr, &CourseRequest::constant(Sex::Male, Dose::daily(20), 3)).unwrap();
    let subtotals: Vec<i64> = est.months.iter().map(|m| m.subtotal.0).collect();
    assert_eq!(subtotals, [72_600, 31_900, 64_900]);
    let tax: Vec<i64> = est
        .months
        .iter()
        .map(|m| m.items.last().unwrap().amount.0)
        .collect();
    assert_eq!(tax, [6_600, 2_900, 5_900]);
    assert!(!est.tax_included);
    assert_eq!(est.currency, "KRW");
    // Woman: urine test 10,000 at every visit. m1 76,000 + 7,600 = 83,600.
    let est = estimate(
        &kr,
        &CourseRequest::constant(Sex::Female, Dose::daily(20), 1),
    )
    .unwrap();
    assert_eq!(est.total.0, 83_600);
}

#[test]
fn flat_sheet_charges_the_package_and_refuses_unpublished_doses() {
    let flat = sheet("flat-clinic-jp.toml");
    let est = estimate(
        &flat,
        &CourseRequest::constant(Sex::Female, Dose::daily(40), 6),
    )
    .unwrap();
    assert_eq!(est.months[0].items.len(), 1);
    assert_eq!(est.months[0].items[0].code, "package");
    assert_eq!(est.total.0, 6 * 24_200);
    let err = estimate(
        &flat,
        &CourseRequest::constant(Sex::Female, Dose::daily(30), 6),
    )
    .unwrap_err();
    assert!(matches!(err, PlanError::NoPackage { month: 1, .. }));
    assert_eq!(
        err.to_string(),
        "month 1: this clinic publishes all-in monthly prices only for 20, 40 mg/day, not for 30 mg/day"
    );
}

#[test]
fn refuses_bad_plans_with_clear_words() {
    let r = reference();
    let base = CourseRequest::constant(Sex::Male, Dose::daily(20), 6);
    let e = |req: CourseRequest| estimate(&r, &req).unwrap_err().to_string();
    assert_eq!(
        e(CourseRequest {
            doses: vec![],
            ..base.clone()
        }),
        "the course needs at least 1 month"
    );
    assert!(
        e(CourseRequest {
            weight_kg: Some(0.0),
            ..base.clone()
        })
        .contains("0 kg is not possible")
    );
    assert!(
        e(CourseRequest {
            weight_kg: Some(f64::NAN),
            ..base.clone()
        })
        .contains("not possible")
    );
    assert!(
        e(CourseRequest {
            visit_every: 3,
            ..base.clone()
        })
        .contains("at most 2 months of medication per visit")
    );
    assert!(
        e(CourseRequest {
            doses: vec![Dose::daily(25)],
            ..base.clone()
        })
        .contains("25 mg cannot be made")
    );
    assert!(
        e(CourseRequest {
            doses: vec![Dose::daily(20); 25],
            ..base
        })
        .contains("25 months")
    );
}

/// The US example sheet: USD in cents; consultation $250.00 first / $150.00 return; capsules
/// 10 mg $3.00, 20 mg $4.50; blood test $85.00 for everyone, urine test $30.00 for women;
/// 8.875% sales tax on medication only, rounded to the nearest cent.
#[test]
fn us_sheet_taxes_medication_only_at_three_decimals() {
    let us = sheet("example-clinic-us.toml");
    // Man, 20 mg, 2 months:
    // m1: consultation 25,000 + medication 450 × 30 = 13,500 + blood test 8,500 = 47,000;
    //     tax 8.875% of 13,500 only = 1,198.125 → nearest 1,198; subtotal 48,198.
    //     (Taxing the whole 47,000 would give 4,171.25: the exempt items are not taxed.)
    // m2: 15,000 + 13,500 + 8,500 = 37,000 + 1,198 = 38,198.
    let est = estimate(&us, &CourseRequest::constant(Sex::Male, Dose::daily(20), 2)).unwrap();
    let codes: Vec<&str> = est.months[0]
        .items
        .iter()
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(codes, ["consultation", "medication", "blood_test", "tax"]);
    let amounts: Vec<i64> = est.months[0].items.iter().map(|i| i.amount.0).collect();
    assert_eq!(amounts, [25_000, 13_500, 8_500, 1_198]);
    let subtotals: Vec<i64> = est.months.iter().map(|m| m.subtotal.0).collect();
    assert_eq!(subtotals, [48_198, 38_198]);
    assert_eq!(est.total.0, 48_198 + 38_198);
    assert_eq!(est.currency, "USD");
    assert!(!est.tax_included);

    // Woman, 30 mg (20 + 10 = $7.50 a day), 1 month: 25,000 + 750 × 30 = 22,500 + 8,500
    // + urine 3,000 = 59,000; tax 8.875% of 22,500 = 1,996.875 → nearest 1,997 (down would
    // be 1,996); subtotal 60,997.
    let est = estimate(
        &us,
        &CourseRequest::constant(Sex::Female, Dose::daily(30), 1),
    )
    .unwrap();
    assert_eq!(est.months[0].items.last().unwrap().amount.0, 1_997);
    assert_eq!(est.total.0, 60_997);

    // 10 mg: 300 × 30 = 9,000; 8.875% = 798.75 → 799. Man, first month:
    // 25,000 + 9,000 + 8,500 + 799 = 43,299.
    let est = estimate(&us, &CourseRequest::constant(Sex::Male, Dose::daily(10), 1)).unwrap();
    assert_eq!(est.total.0, 43_299);
}

#[test]
fn korean_sheet_refuses_two_months_per_prescription() {
    use dose_planner::Lang;
    let kr = sheet("example-clinic-kr.toml");
    assert_eq!(kr.max_prescription_days, Some(30));
    // Korea's pregnancy-prevention programme: at most 30 days per prescription, so a visit
    // every 2 months (60 days of medication at once) is refused, with the reason.
    let req = CourseRequest {
        visit_every: 2,
        ..CourseRequest::constant(Sex::Female, Dose::daily(20), 4)
    };
    let err = estimate(&kr, &req).unwrap_err();
    assert_eq!(
        err,
        PlanError::PrescriptionDays {
            months: 2,
            days: 60,
            max: 30
        }
    );
    assert_eq!(err.code(), "prescription_days");
    assert_eq!(
        err.to_string(),
        "this clinic prescribes at most 30 days of medication at a time, so a visit every 2 \
         months (60 days of medication) is not possible: choose a visit every month"
    );
    assert_eq!(err.explain(Lang::En).to_lowercase(), format!("{err}."));
    assert!(
        err.explain(Lang::Ja).contains("最長 30 日分"),
        "{}",
        err.explain(Lang::Ja)
    );
    assert!(
        err.explain(Lang::Ko).contains("최대 30일분"),
        "{}",
        err.explain(Lang::Ko)
    );
    // Monthly visits are fine, with the totals of before: woman, 20 mg, month 1 = 83,600.
    let est = estimate(
        &kr,
        &CourseRequest::constant(Sex::Female, Dose::daily(20), 1),
    )
    .unwrap();
    assert_eq!(est.total.0, 83_600);
    // A sheet that states no rule keeps the old refusal.
    let err = estimate(
        &reference(),
        &CourseRequest {
            visit_every: 3,
            ..CourseRequest::constant(Sex::Male, Dose::daily(20), 6)
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "visit_every");
}

/// One-off fees (`[[fees]]`) on `example-clinic-fees.toml`: the reference prices plus a
/// registration fee of ¥3,300 (first visit only) and a consent document of ¥1,100 (once per
/// course).
#[test]
fn one_off_fees_are_charged_in_month_one_only() {
    let fees = sheet("example-clinic-fees.toml");
    // Woman, 20 mg, 3 months, first visit. Reference month 1: 3,850 + 418 × 30 (12,540)
    // + 3,608 + 1,056 = 21,054; with the fees 21,054 + 3,300 + 1,100 = 25,454. Months 2–3:
    // 1,650 + 12,540 + 3,608 + 1,056 = 18,854. Total 25,454 + 2 × 18,854 = 63,162.
    let est = estimate(
        &fees,
        &CourseRequest::constant(Sex::Female, Dose::daily(20), 3),
    )
    .unwrap();
    let subtotals: Vec<i64> = est.months.iter().map(|m| m.subtotal.0).collect();
    assert_eq!(subtotals, [25_454, 18_854, 18_854]);
    assert_eq!(est.total.0, 63_162);
    let m1: Vec<(&str, i64)> = est.months[0]
        .items
        .iter()
        .map(|i| (i.code.as_str(), i.amount.0))
        .collect();
    assert_eq!(
        m1,
        [
            ("consultation", 3_850),
            ("medication", 12_540),
            ("blood_test", 3_608),
            ("urine_test", 1_056),
            ("registration", 3_300),
            ("consent_document", 1_100),
        ]
    );
    for m in &est.months[1..] {
        assert_eq!(m.items.len(), 4, "month {}: no fee after month 1", m.month);
    }

    // The same as a return visit: no registration; month 1 = 1,650 + 12,540 + 3,608 + 1,056
    // + 1,100 = 19,954; total 19,954 + 2 × 18,854 = 57,662.
    let mut req = CourseRequest::constant(Sex::Female, Dose::daily(20), 3);
    req.visit = Visit::Return;
    let est = estimate(&fees, &req).unwrap();
    assert_eq!(est.first_month.0, 19_954);
    assert_eq!(est.total.0, 57_662);
    assert!(est.months[0].items.iter().all(|i| i.code != "registration"));

    // Man, 20 mg, a visit every 2 months, 2 months, first visit: 3,850 + 12,540 + 3,608
    // + 3,300 + 1,100 = 24,398; month 2 medication only, 12,540; total 36,938.
    let req = CourseRequest {
        visit_every: 2,
        ..CourseRequest::constant(Sex::Male, Dose::daily(20), 2)
    };
    let est = estimate(&fees, &req).unwrap();
    let subtotals: Vec<i64> = est.months.iter().map(|m| m.subtotal.0).collect();
    assert_eq!(subtotals, [24_398, 12_540]);
    assert_eq!(est.total.0, 36_938);

    // The reference sheet itself has no fees: its totals are unchanged.
    let est = estimate(
        &reference(),
        &CourseRequest::constant(Sex::Female, Dose::daily(20), 3),
    )
    .unwrap();
    assert_eq!(est.total.0, 21_054 + 2 * 18_854);
}

/// The quote's month table gets one column per fee charged, headed by the sheet's name in
/// the language; a fee not charged (registration on a return visit) has no column.
#[test]
fn one_off_fees_are_columns_named_by_the_sheet() {
    use dose_planner::Lang;
    use dose_planner::quote::Quote;
    let fees = sheet("example-clinic-fees.toml");
    let date = jiff::civil::date(2026, 11, 24);
    let req = CourseRequest::constant(Sex::Female, Dose::daily(20), 3);
    let q = Quote::compute(&fees, &req, date).unwrap();
    assert_eq!(
        q.columns(),
        [
            "consultation",
            "medication",
            "blood_test",
            "urine_test",
            "registration",
            "consent_document"
        ]
    );
    assert_eq!(q.column_label("registration", Lang::Ja), "初診登録料");
    assert_eq!(q.column_label("registration", Lang::En), "Registration fee");
    assert_eq!(
        q.column_label("consent_document", Lang::Ko),
        "동의서 작성비"
    );
    let est = q.estimate().unwrap();
    let fee = &est.months[0].items[5];
    assert_eq!(
        q.item_label(&est.months[0], fee, Lang::En),
        "Consent document fee"
    );
    // Sex not given: both estimates carry the fees (a man pays no urine test, 3 × 1,056).
    let r = Quote::compute_range(&fees, &req, date).unwrap();
    assert_eq!(r.total(), (Money(63_162 - 3 * 1_056), Money(63_162)));
    let mut ret = req.clone();
    ret.visit = Visit::Return;
    let q = Quote::compute(&fees, &ret, date).unwrap();
    assert!(!q.columns().contains(&"registration".to_string()));
    assert!(q.columns().contains(&"consent_document".to_string()));
}

/// A fee is taxed like any other item when tax is added, unless `tax_exempt` lists its code.
#[test]
fn one_off_fees_are_taxed_unless_exempt() {
    let us = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pricing/example-clinic-us.toml"
    ))
    .unwrap()
    .replace(
        r#"tax_exempt = ["consultation", "blood_test", "urine_test"]"#,
        r#"tax_exempt = ["consultation", "blood_test", "urine_test", "consent"]"#,
    ) + r#"
[[fees]]
code = "registration"
name = { en = "Registration" }
price = 2000
when = "first_visit"

[[fees]]
code = "consent"
name = { en = "Consent form" }
price = 1000
when = "course"
"#;
    let sheet = pricing::parse(&us, "us-fees.toml").unwrap();
    assert!(sheet.is_taxable("registration") && !sheet.is_taxable("consent"));
    // Woman, 20 mg, 1 month, first visit (cents): consultation 25,000, medication
    // 450 × 30 = 13,500, blood 8,500, urine 3,000, registration 2,000, consent 1,000.
    // Taxable: 13,500 + 2,000 = 15,500 × 8.875% = 1,375.625 → nearest 1,376.
    // Subtotal 25,000 + 13,500 + 8,500 + 3,000 + 2,000 + 1,000 + 1,376 = 54,376.
    let est = estimate(
        &sheet,
        &CourseRequest::constant(Sex::Female, Dose::daily(20), 1),
    )
    .unwrap();
    let m = &est.months[0];
    let (tax, _) = m.items.split_last().unwrap();
    assert_eq!((tax.code.as_str(), tax.amount.0), ("tax", 1_376));
    assert_eq!(m.subtotal.0, 54_376);
}

/// A flat sheet may list fees too: 40 mg/day at ¥24,200 a month, plus a ¥2,200 registration
/// on the first visit: 24,200 + 2,200 = 26,400, then 24,200; 3 months = 74,800.
#[test]
fn one_off_fees_on_a_flat_sheet() {
    let flat = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pricing/flat-clinic-jp.toml"
    ))
    .unwrap()
        + r#"
[[fees]]
code = "registration"
name = { ja = "初診登録料", en = "Registration fee" }
price = 2200
when = "first_visit"
"#;
    let sheet = pricing::parse(&flat, "flat-fees.toml").unwrap();
    let est = estimate(
        &sheet,
        &CourseRequest::constant(Sex::Female, Dose::daily(40), 3),
    )
    .unwrap();
    let subtotals: Vec<i64> = est.months.iter().map(|m| m.subtotal.0).collect();
    assert_eq!(subtotals, [26_400, 24_200, 24_200]);
    assert_eq!(est.total.0, 74_800);
}

/// Through the CLI JSON: each fee is an item with its code and the sheet's label.
#[test]
fn one_off_fees_in_the_cli_json() {
    let run = |visit: &str| -> serde_json::Value {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dose-planner"))
            .args([
                "quote",
                "--pricing",
                concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/pricing/example-clinic-fees.toml"
                ),
                "--sex",
                "female",
                "--daily-mg",
                "20",
                "--months",
                "3",
                "--visit",
                visit,
                "--json",
                "--lang",
                "en",
                "--date",
                "2026-11-24",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let first = run("first");
    let items = first["months"][0]["items"].as_array().unwrap();
    let fee = |code: &str| {
        items
            .iter()
            .find(|i| i["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {items:?}"))
    };
    assert_eq!(fee("registration")["label"], "Registration fee");
    assert_eq!(fee("registration")["amount"], 3_300);
    assert_eq!(fee("consent_document")["label"], "Consent document fee");
    assert_eq!(fee("consent_document")["amount"], 1_100);
    // 21,054 + 3,300 + 1,100 = 25,454; total 25,454 + 2 × 18,854 = 63,162.
    assert_eq!(first["months"][0]["subtotal"], 25_454);
    assert_eq!(first["total"], 63_162);
    assert_eq!(first["months"][1]["items"].as_array().unwrap().len(), 4);
    // Return visit: 1,650 + 12,540 + 3,608 + 1,056 + 1,100 = 19,954.
    let ret = run("return");
    assert_eq!(ret["months"][0]["subtotal"], 19_954);
    assert_eq!(ret["total"], 19_954 + 2 * 18_854);
}

/// The desk app's month table lists each fee under the sheet's name, in month 1.
#[test]
fn one_off_fees_in_the_desk_app_month_table() {
    use dose_planner::app::{Command, DesktopApp};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    let mut h = Harness::builder()
        .with_size([1280.0, 1000.0])
        .build_eframe(|cc| {
            let mut app = DesktopApp::with_options(
                cc,
                jiff::civil::date(2025, 4, 1),
                std::path::Path::new("pricing"),
            );
            app.settings.open_after_export = false;
            app
        });
    h.run();
    h.get_by_label("English").click();
    h.run();
    let fees = std::path::PathBuf::from("pricing/example-clinic-fees.toml");
    h.state_mut().run_command(Command::LoadSheet(Some(fees)));
    h.run();
    h.get_by_label("Female").click();
    h.get_by_label("20 mg").click();
    h.get_by_label("Months").set_value_accesskit(3.0);
    h.run();
    // 21,054 + 3,300 + 1,100 = 25,454; total 25,454 + 2 × 18,854 = 63,162.
    crate::common::one_named(&h, "Month 1: ¥25,454");
    crate::common::one_named(&h, "Whole course (3 months): ¥63,162");
    // Each fee is a column of the month table, its figure in month 1 only (months 2 and 3
    // have no fee); the tests are columns too, named once.
    assert_eq!(h.query_all_by_label("Registration fee").count(), 1);
    assert_eq!(h.query_all_by_label("Consent document fee").count(), 1);
    assert_eq!(h.query_all_by_label("¥3,300").count(), 1);
    assert_eq!(h.query_all_by_label("¥1,100").count(), 1);
    assert_eq!(h.query_all_by_label("Urine pregnancy test").count(), 1);
}

/// The boxes sheet (domain.md §8): 20 mg only in boxes of 30 for ¥30,000, 10 mg at ¥700 a
/// capsule; consultation 3,850 first / 1,650 return; blood test 3,608; urine test 1,056
/// (women).
fn boxes() -> PriceSheet {
    sheet("example-clinic-boxes.toml")
}

#[test]
fn boxes_are_bought_whole_and_leftovers_carry_over() {
    let sheet = boxes();
    let pack = sheet.packs[&20];
    assert_eq!((pack.size, pack.price), (30, Money(30_000)));
    assert_eq!(
        sheet.capsules.iter().find(|c| c.mg == 20).unwrap().price,
        None
    );

    // 40 mg/day, a man, 1 month: 20 mg × 2 a day × 30 days = 60 capsules = 2 boxes =
    // ¥60,000; month 1 = 3,850 + 60,000 + 3,608 = 67,458; 0 capsules left.
    let est = estimate(
        &sheet,
        &CourseRequest::constant(Sex::Male, Dose::daily(40), 1),
    )
    .unwrap();
    let m = &est.months[0];
    assert_eq!(m.capsules.0, [(20, 60)].into());
    assert_eq!(m.packs, [(20, 2)].into());
    assert_eq!(m.items[1].code, "medication");
    assert_eq!(m.items[1].amount, Money(60_000));
    assert_eq!(est.total, Money(67_458));
    assert_eq!(est.capsules_left, [(20, 0)].into());

    // 10 mg/day as 20/0 (20 mg on odd days): 15 capsules a month.
    // Month 1 needs 15, has 0: buys 1 box (30), 30 − 15 = 15 left: ¥30,000.
    // Month 2 needs 15, has 15: buys 0, 0 left: ¥0 medication.
    // Month 3 needs 15, has 0: buys 1 box, 15 left after the last dose: ¥30,000.
    // Man: (3,850 + 30,000 + 3,608) + (1,650 + 0 + 3,608) + (1,650 + 30,000 + 3,608)
    //    = 37,458 + 5,258 + 35,258 = 77,974.
    let est = estimate(
        &sheet,
        &CourseRequest::constant(Sex::Male, Dose::parse("20/0").unwrap(), 3),
    )
    .unwrap();
    let packs: Vec<u32> = est.months.iter().map(|m| m.packs[&20]).collect();
    assert_eq!(packs, [1, 0, 1]);
    let medication: Vec<i64> = est.months.iter().map(|m| m.items[1].amount.0).collect();
    assert_eq!(medication, [30_000, 0, 30_000]);
    let subtotals: Vec<i64> = est.months.iter().map(|m| m.subtotal.0).collect();
    assert_eq!(subtotals, [37_458, 5_258, 35_258]);
    assert_eq!(est.total, Money(77_974));
    assert_eq!(est.capsules_left, [(20, 15)].into());

    // 30 mg/day, a woman, 2 months: 20 mg + 10 mg a day (ranked 1,000 + 700 = 1,700 against
    // 3 × 700 = 2,100). Each month 30 × 20 mg = 1 box (¥30,000) + 30 × 10 mg × 700 = 21,000:
    // medication ¥51,000. Month 1 = 3,850 + 51,000 + 3,608 + 1,056 = 59,514;
    // month 2 = 1,650 + 51,000 + 3,608 + 1,056 = 57,314; total 116,828.
    let est = estimate(
        &sheet,
        &CourseRequest::constant(Sex::Female, Dose::daily(30), 2),
    )
    .unwrap();
    assert_eq!(est.months[0].capsules.0, [(10, 30), (20, 30)].into());
    assert_eq!(est.months[0].packs, [(20, 1)].into());
    assert_eq!(est.months[1].items[1].amount, Money(51_000));
    assert_eq!(est.months[0].subtotal, Money(59_514));
    assert_eq!(est.months[1].subtotal, Money(57_314));
    assert_eq!(est.total, Money(116_828));
    assert_eq!(est.capsules_left, [(20, 0)].into());

    // 10 mg/day: one 10 mg capsule (700) beats a box capsule (1,000): no box is bought.
    let est = estimate(
        &sheet,
        &CourseRequest::constant(Sex::Male, Dose::daily(10), 1),
    )
    .unwrap();
    assert!(est.months[0].packs.is_empty());
    assert!(est.capsules_left.is_empty());
    assert_eq!(est.months[0].items[1].amount, Money(21_000));

    // A sheet without packs has neither.
    let est = estimate(
        &reference(),
        &CourseRequest::constant(Sex::Male, Dose::daily(40), 2),
    )
    .unwrap();
    assert!(est.months.iter().all(|m| m.packs.is_empty()));
    assert!(est.capsules_left.is_empty());
}

mod boxes_properties {
    use super::*;
    use proptest::prelude::*;

    fn dose() -> impl Strategy<Value = Dose> {
        (1u32..=8, 0u32..=8, any::<bool>()).prop_map(|(a, b, alt)| {
            if alt && b < a {
                Dose::parse(&format!("{}/{}", a * 10, b * 10)).unwrap()
            } else {
                Dose::daily(a * 10)
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// For random doses on the boxes sheet: per strength, Σ packs bought × size ≥ Σ
        /// capsules taken, the capsules left are the difference, no month buys a pack it
        /// does not need, medication = per-capsule cost + packs × pack price, and the total
        /// is the sum of the items.
        #[test]
        fn packs_cover_the_capsules_taken(
            doses in proptest::collection::vec(dose(), 1..=12),
            female in any::<bool>(),
            every in 1u32..=2,
        ) {
            let sheet = boxes();
            let sex = if female { Sex::Female } else { Sex::Male };
            let req = CourseRequest {
                doses: doses.clone(),
                visit_every: every,
                ..CourseRequest::constant(sex, Dose::daily(20), 1)
            };
            let est = estimate(&sheet, &req).unwrap();
            let mut items_total = 0i64;
            let mut in_hand = 0u64;
            let (mut bought, mut taken) = (0u64, 0u64);
            for m in &est.months {
                items_total += m.items.iter().map(|i| i.amount.0).sum::<i64>();
                let need = u64::from(m.capsules.0.get(&20).copied().unwrap_or(0));
                let packs = u64::from(m.packs.get(&20).copied().unwrap_or(0));
                prop_assert!(in_hand + packs * 30 >= need);
                // The fewest packs: one fewer would not cover the month.
                if packs > 0 {
                    prop_assert!(in_hand + (packs - 1) * 30 < need);
                }
                in_hand = in_hand + packs * 30 - need;
                bought += packs;
                taken += need;
                let tens = i64::from(m.capsules.0.get(&10).copied().unwrap_or(0));
                let medication = m.items.iter().find(|i| i.code == "medication").unwrap();
                prop_assert_eq!(medication.amount.0, tens * 700 + packs as i64 * 30_000);
            }
            prop_assert!(bought * 30 >= taken);
            if taken > 0 {
                prop_assert_eq!(u64::from(est.capsules_left[&20]), bought * 30 - taken);
            } else {
                prop_assert!(est.capsules_left.is_empty());
            }
            prop_assert_eq!(est.total.0, items_total);
        }
    }
}
