//! Course months, not quote months (issue 21 item 1): a course under way is priced as the later
//! months of the same course — test schedules, once-per-course fees and month discounts count
//! the months of the course, and the capsules in hand carry over.

use std::process::Command;

use dose_planner::course::SoFar;
use dose_planner::dose::{Dose, makeable_doses};
use dose_planner::estimate::{
    Choices, CourseRequest, IN_PERSON, Sex, Visit, estimate, estimate_after,
};
use dose_planner::pricing::{DiscountOn, Fees, PriceSheet};
use proptest::prelude::*;

fn total_of(args: &[&str]) -> i64 {
    let out = Command::new(env!("CARGO_BIN_EXE_dose-planner"))
        .arg("quote")
        .args(args)
        .arg("--json")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["total"].as_i64().unwrap()
}

/// The rest of a 6-month course after 3 months (1,800 mg in 90 days) at 20 mg/day for a woman.
fn rest_after_3_months(sheet: &str, extra: &[&str]) -> i64 {
    let mut args = vec![
        "--pricing",
        sheet,
        "--sex",
        "female",
        "--daily-mg",
        "20",
        "--months",
        "3",
        "--visit",
        "return",
        "--so-far-mg",
        "1800",
        "--so-far-days",
        "90",
    ];
    args.extend_from_slice(extra);
    total_of(&args)
}

/// Months 4–6 of a course on the home-test sheet: return visits 2,200 + 30 × 450 = 15,700;
/// lipids are due at 4 weeks (month 2) and every 2 months after — months 4 and 6 — at 2,750;
/// blood tests are at months 1, 2 and 3 only. 18,450 + 15,700 + 18,450 = 52,600 (the old
/// code charged the month 1–3 blood tests again: 59,750).
#[test]
fn a_course_under_way_keeps_its_test_schedule() {
    assert_eq!(
        rest_after_3_months("pricing/example-clinic-home-test.toml", &[]),
        52_600
    );
    // The same months of the whole 6-month quote.
    let whole = total_of(&[
        "--pricing",
        "pricing/example-clinic-home-test.toml",
        "--sex",
        "female",
        "--daily-mg",
        "20",
        "--months",
        "6",
        "--visit",
        "return",
    ]);
    // Months 1–3: 15,700 + 3,300 (blood) = 19,000; 15,700 + 3,300 + 2,750 = 21,750; 19,000.
    assert_eq!(whole, 19_000 + 21_750 + 19_000 + 52_600);
}

/// On the fees sheet the ¥1,100 consent document is charged once per course, in month 1: a
/// month 4–6 quote is 3 × (1,650 + 30 × 418 + 3,608 + 1,056) = 3 × 18,854 = 56,562.
#[test]
fn a_once_per_course_fee_is_not_charged_again() {
    assert_eq!(
        rest_after_3_months("pricing/example-clinic-fees.toml", &[]),
        56_562
    );
}

/// The ¥1,000 welcome discount is on course month 1: months 4–6 keep their full price,
/// 3 × 18,854 = 56,562 (it came off again before: 55,562).
#[test]
fn a_first_month_discount_is_not_taken_again() {
    assert_eq!(
        rest_after_3_months(
            "pricing/example-clinic-telephone.toml",
            &["--discount", "welcome"]
        ),
        56_562
    );
}

/// Every sheet in pricing/, parsed once.
fn all_sheets() -> &'static [(String, PriceSheet)] {
    static SHEETS: std::sync::OnceLock<Vec<(String, PriceSheet)>> = std::sync::OnceLock::new();
    SHEETS.get_or_init(|| {
        let dir = format!("{}/pricing", env!("CARGO_MANIFEST_DIR"));
        let mut out: Vec<(String, PriceSheet)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                let name = p.display().to_string();
                let sheet = dose_planner::pricing::parse(&text, &name).unwrap();
                (name, sheet)
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    })
}

/// The random choices of one case, turned into a plan on each sheet.
#[derive(Debug, Clone)]
struct Case {
    doses: Vec<(usize, usize)>,
    alternating: Vec<bool>,
    female: bool,
    first: bool,
    every2: bool,
    product: usize,
    kinds: Vec<usize>,
    discounts: u32,
    split: usize,
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec((0usize..40, 0usize..40), 2..10),
        proptest::collection::vec(any::<bool>(), 10),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0usize..4,
        proptest::collection::vec(0usize..4, 0..10),
        0u32..256,
        1usize..10,
    )
        .prop_map(
            |(doses, alternating, female, first, every2, product, kinds, discounts, split)| Case {
                split: 1 + split % (doses.len() - 1),
                doses,
                alternating,
                female,
                first,
                every2,
                product,
                kinds,
                discounts,
            },
        )
}

/// The whole course `case` describes on `sheet`.
fn whole_request(sheet: &PriceSheet, c: &Case) -> CourseRequest {
    let product = sheet
        .products
        .get(c.product % sheet.products.len().max(1))
        .map(|p| p.code.clone());
    let priced = sheet.for_product(product.as_deref()).unwrap();
    let sold: Vec<u32> = match &priced.fees {
        Fees::Flat { packages } => packages.iter().map(|p| p.daily_mg).collect(),
        Fees::Itemised { .. } => makeable_doses(&priced.capsules)
            .into_iter()
            .filter(|d| *d <= 120)
            .collect(),
    };
    let doses: Vec<Dose> = c
        .doses
        .iter()
        .zip(&c.alternating)
        .map(|((a, b), alt)| {
            let a = sold[a % sold.len()];
            let b = sold[b % sold.len()];
            if *alt && sheet.alternating_days && !sheet.is_flat() && a != b {
                Dose {
                    a: a.max(b),
                    b: a.min(b),
                }
            } else {
                Dose::daily(a)
            }
        })
        .collect();
    let months = doses.len();
    let kind_codes: Vec<String> = std::iter::once(IN_PERSON.to_string())
        .chain(sheet.visit_kinds.iter().map(|k| k.code.clone()))
        .collect();
    let visit = if c.first { Visit::First } else { Visit::Return };
    let visit_kinds = c
        .kinds
        .iter()
        .take(months)
        .enumerate()
        .map(|(i, k)| {
            if i == 0 && visit == Visit::First {
                IN_PERSON.to_string()
            } else {
                kind_codes[k % kind_codes.len()].clone()
            }
        })
        .collect();
    let discounts = sheet
        .discounts
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            c.discounts & (1 << i) != 0
                && !matches!(d.on, DiscountOn::Month(m) if m as usize > months)
        })
        .map(|(_, d)| d.code.clone())
        .collect();
    CourseRequest {
        sex: if c.female { Sex::Female } else { Sex::Male },
        visit,
        doses,
        weight_kg: Some(60.0),
        visit_every: if c.every2 {
            sheet.max_months_per_visit.min(2)
        } else {
            1
        },
        start: None,
        target_mg_per_kg: None,
        screening: Default::default(),
        choices: Choices {
            visit_kinds,
            product,
            discounts,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The continuation invariant, on every sheet in pricing/ in every case: quoting months
    /// k+1…n of a course whose months 1…k were taken exactly as planned gives exactly the
    /// month lines k+1…n of the whole n-month quote, item for item, and the same capsules
    /// left at the end.
    #[test]
    fn months_left_of_a_course_are_the_later_months_of_the_whole_quote(c in case()) {
        for (name, sheet) in all_sheets() {
            let whole_req = whole_request(sheet, &c);
            let whole = estimate(sheet, &whole_req).unwrap_or_else(|e| panic!("{name}: {e}"));
            let k = c.split;
            // Months 1…k as taken: their own quote leaves the capsules in hand.
            let first_k = estimate(
                sheet,
                &CourseRequest {
                    doses: whole_req.doses[..k].to_vec(),
                    choices: Choices {
                        visit_kinds: whole_req.choices.visit_kinds.iter().take(k).cloned().collect(),
                        discounts: whole_req
                            .choices
                            .discounts
                            .iter()
                            .filter(|d| !matches!(sheet.discount(d).unwrap().on, DiscountOn::Month(m) if m as usize > k))
                            .cloned()
                            .collect(),
                        ..whole_req.choices.clone()
                    },
                    ..whole_req.clone()
                },
            )
            .unwrap_or_else(|e| panic!("{name}: first {k}: {e}"));
            let so_far = SoFar {
                mg: whole.months[k - 1].cumulative_mg,
                days: 30 * k as u32,
                paid: None,
                visit_kinds: whole_req.choices.visit_kinds.iter().take(k).cloned().collect(),
                product: whole_req.choices.product.clone(),
                in_hand: first_k.capsules_left.clone(),
            };
            let rest_req = CourseRequest {
                visit: Visit::Return,
                doses: whole_req.doses[k..].to_vec(),
                choices: Choices {
                    visit_kinds: whole_req.choices.visit_kinds.iter().skip(k).cloned().collect(),
                    ..whole_req.choices.clone()
                },
                ..whole_req.clone()
            };
            let rest = estimate_after(sheet, &rest_req, so_far)
                .unwrap_or_else(|e| panic!("{name}: rest after {k}: {e}"));
            prop_assert_eq!(rest.months.len(), whole.months.len() - k, "{}", name);
            for (r, w) in rest.months.iter().zip(&whole.months[k..]) {
                let mut r = r.clone();
                // The rest numbers its own months 1…; the course month is k more.
                r.month += k as u32;
                prop_assert_eq!(&r, w, "{}: after {} months", name, k);
            }
            prop_assert_eq!(&rest.capsules_left, &whole.capsules_left, "{}", name);
            prop_assert_eq!(rest.cumulative_mg, whole.cumulative_mg, "{}", name);
        }
    }
}
