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
            // The capsules in hand after month k as the whole course bought them.
            let priced = sheet.for_product(whole_req.choices.product.as_deref()).unwrap();
            let mut in_hand = std::collections::BTreeMap::new();
            for m in &whole.months[..k] {
                for (mg, packs) in &m.packs {
                    let size = priced.packs[mg].size;
                    let have: &mut i64 = in_hand.entry(*mg).or_insert(0);
                    *have += i64::from(packs * size);
                }
            }
            for m in &whole.months[..k] {
                for (mg, have) in in_hand.iter_mut() {
                    *have -= i64::from(m.capsules.0.get(mg).copied().unwrap_or(0));
                }
            }
            let in_hand: std::collections::BTreeMap<u32, u32> =
                in_hand.into_iter().map(|(mg, n)| (mg, u32::try_from(n).unwrap())).collect();
            // Months 1…k priced alone leave the same capsules when no price depends on the
            // course's length.
            if priced.packs.values().all(|p| p.min_months == 0) {
                prop_assert_eq!(&in_hand, &first_k.capsules_left, "{}", name);
            }
            let so_far = SoFar {
                mg: whole.months[k - 1].cumulative_mg,
                days: 30 * k as u32,
                paid: None,
                visit_kinds: whole_req.choices.visit_kinds.iter().take(k).cloned().collect(),
                product: whole_req.choices.product.clone(),
                in_hand,
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

/// `--in-hand`: a course under way on the boxes sheet (a box of 30 × 20 mg for ¥30,000) with
/// a full box still in hand buys no box in its first month left: month 4 is the visit
/// 1,650 + the blood test 3,608 = 5,258 instead of 35,258, and the course ¥30,000 less
/// (3 × 35,258 = 105,774 → 75,774). A strength not sold in boxes is refused, not ignored.
#[test]
fn capsules_in_hand_are_not_bought_again() {
    let args = |hand: Option<&'static str>| {
        let mut a = vec![
            "--pricing",
            "pricing/example-clinic-boxes.toml",
            "--sex",
            "male",
            "--daily-mg",
            "20",
            "--months",
            "3",
            "--so-far-mg",
            "1800",
            "--so-far-days",
            "90",
        ];
        if let Some(h) = hand {
            a.extend(["--in-hand", h]);
        }
        a
    };
    assert_eq!(total_of(&args(None)), 105_774);
    assert_eq!(total_of(&args(Some("20mg:30"))), 75_774);
    // 15 in hand: month 4 still needs 15 more, a whole box; 15 are left at the end.
    assert_eq!(total_of(&args(Some("20mg:15"))), 105_774);
    let out = Command::new(env!("CARGO_BIN_EXE_dose-planner"))
        .arg("quote")
        .args(args(Some("10mg:4")))
        .args(["--lang", "ko"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("상자로 파는 규격(20)에만"), "{err}");
}

/// The course view's capsules in hand, from the packs dispensed and the days taken: on the
/// boxes sheet (30 × 20 mg a box) a month of 20 mg with 5 days missed buys 1 box and keeps
/// 5 capsules; then 30 mg (20 + 10: 10 mg is sold per capsule) for 30 days needs 30 × 20 mg,
/// has 5, buys 1 box and keeps 5; then 40 mg for 15 days needs 30, has 5, buys 1 box: 5 left.
#[test]
fn capsules_in_hand_from_the_visits_so_far() {
    use dose_planner::course::Period;
    let text = std::fs::read_to_string(format!(
        "{}/pricing/example-clinic-boxes.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let sheet = dose_planner::pricing::parse(&text, "boxes").unwrap();
    let period = |mg, days, missed_days| Period {
        dose: Dose::daily(mg),
        days,
        missed_days,
    };
    let hand = |periods: &[Period]| {
        dose_planner::estimate::capsules_in_hand(&sheet, None, periods).unwrap()
    };
    assert_eq!(hand(&[period(20, 30, 5)]), [(20, 5)].into());
    assert_eq!(
        hand(&[period(20, 30, 5), period(30, 30, 0)]),
        [(20, 5)].into()
    );
    assert_eq!(
        hand(&[period(20, 30, 5), period(30, 30, 0), period(40, 15, 0)]),
        [(20, 5)].into()
    );
    assert_eq!(hand(&[period(20, 30, 0)]), [(20, 0)].into());
}

/// Issue 21 item 2: an online-only clinic (`[visits] first_visit_remote = true`) opens a course
/// with an online first visit: 1,650 + 30 × 200 + 550 shipping = 8,200 a month, 24,600 for 3.
/// A sheet without the rule still refuses it; a price for 5 months or more is refused below
/// 2 months at parse, and a course too short for a box with no capsule price is refused
/// naming the 5 months.
#[test]
fn an_online_first_visit_where_the_sheet_allows_it_and_long_course_prices() {
    let online = [
        "--sex",
        "female",
        "--daily-mg",
        "20",
        "--months",
        "3",
        "--visit-kinds",
        "online,online,online",
    ];
    let mut a = vec!["--pricing", "pricing/example-clinic-online-only.toml"];
    a.extend(online);
    assert_eq!(total_of(&a), 24_600);
    let out = Command::new(env!("CARGO_BIN_EXE_dose-planner"))
        .arg("quote")
        .args(["--pricing", "pricing/example-clinic-telephone.toml"])
        .args(online)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));

    let text = std::fs::read_to_string(format!(
        "{}/pricing/example-clinic-long-course.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let bad = text.replace("pack_min_months = 5", "pack_min_months = 1");
    let e = dose_planner::pricing::parse(&bad, "x.toml").unwrap_err();
    assert_eq!(e.code(), "min_months", "{e}");
    // Without the capsule prices a 3-month course cannot buy 20 mg at all (with the 10 mg
    // capsules it takes 2 × 10 mg at 160: 9,600 a month).
    let box_only = text
        .replace("price = 200\npack_size", "pack_size")
        .replace("[[capsules]]\nmg = 10\nprice = 160\n", "");
    let sheet = dose_planner::pricing::parse(&box_only, "x.toml").unwrap();
    let req = CourseRequest::constant(Sex::Female, Dose::daily(20), 3);
    let e = estimate(&sheet, &req).unwrap_err();
    assert_eq!(e.code(), "min_months");
    assert_eq!(
        e.explain(dose_planner::Lang::En),
        "The price for 20 mg holds only for a course of at least 5 months, and this course has 3: the sheet gives no other price for it."
    );
    let req = CourseRequest::constant(Sex::Female, Dose::daily(20), 5);
    assert!(estimate(&sheet, &req).is_ok());
}
