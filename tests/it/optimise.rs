//! The plan optimiser (issue 21 item 3): exact against exhaustive enumeration on small cases,
//! and never dearer than a constant-dose plan the command line quotes.

use std::process::Command;

use dose_planner::dose::Dose;
use dose_planner::estimate::{Choices, CourseRequest, IN_PERSON, Sex, Visit, estimate};
use dose_planner::money::Money;
use dose_planner::optimise::{Goal, Limits, optimise};
use dose_planner::pricing::{DiscountOn, Fees, PriceSheet};

/// Every sheet in pricing/, parsed once.
fn all_sheets() -> Vec<(String, PriceSheet)> {
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
}

/// The doses a plan may use, found independently of the optimiser: the whole-capsule sums
/// (a reachability table), neighbouring pairs where the sheet allows them, or a flat sheet's
/// packages; at most `max_mg` on the heavier day.
fn doses_by_hand(sheet: &PriceSheet, max_mg: u32) -> Vec<Dose> {
    if let Fees::Flat { packages } = &sheet.fees {
        return packages
            .iter()
            .filter(|p| p.daily_mg <= max_mg)
            .map(|p| Dose::daily(p.daily_mg))
            .collect();
    }
    let mut can = vec![false; 301];
    can[0] = true;
    for x in 1..=300usize {
        can[x] = sheet
            .capsules
            .iter()
            .any(|c| c.mg as usize <= x && can[x - c.mg as usize]);
    }
    let makeable: Vec<u32> = (1..=300u32).filter(|x| can[*x as usize]).collect();
    let mut out: Vec<Dose> = makeable.iter().map(|m| Dose::daily(*m)).collect();
    if sheet.alternating_days {
        out.extend(makeable.windows(2).map(|w| Dose { a: w[1], b: w[0] }));
    }
    out.retain(|d| d.a.max(d.b) <= max_mg);
    out
}

/// One plan found by trying every sequence.
#[derive(Debug, Clone)]
struct Tried {
    doses: Vec<Dose>,
    total: Money,
    day: u32,
    peak: u32,
}

/// Every plan of 1…`limits.max_months` months within the limits that reaches the target in
/// its last month (not before), priced by the estimate.
fn enumerate(sheet: &PriceSheet, base: &CourseRequest, limits: &Limits) -> Vec<Tried> {
    let w = limits.weight_kg;
    let needed = limits.target_mg_per_kg * w;
    let max_mg = (limits.max_mg_per_kg_day * w + 1e-9).floor() as u32;
    let start_mg = (limits.start_mg_per_kg_day * w + 1e-9).floor() as u32;
    let doses = doses_by_hand(sheet, max_mg);
    let mut out = Vec::new();
    let mut seq: Vec<Dose> = Vec::new();
    fn go(
        seq: &mut Vec<Dose>,
        cum: u64,
        doses: &[Dose],
        limits: &Limits,
        start_mg: u32,
        needed: f64,
        sheet: &PriceSheet,
        base: &CourseRequest,
        out: &mut Vec<Tried>,
    ) {
        if seq.len() == limits.max_months as usize {
            return;
        }
        for d in doses {
            if seq.is_empty() && d.a.max(d.b) > start_mg {
                continue;
            }
            if limits.rising_only && seq.last().is_some_and(|l| d.mg_over(30) < l.mg_over(30)) {
                continue;
            }
            seq.push(*d);
            let cum2 = cum + d.mg_over(30);
            if cum2 as f64 + 1e-6 >= needed {
                let mut req = base.clone();
                req.doses = seq.clone();
                req.weight_kg = Some(limits.weight_kg);
                req.target_mg_per_kg = Some(limits.target_mg_per_kg);
                req.choices.visit_kinds.truncate(seq.len());
                // A plan shorter than a chosen month discount is refused by the estimate.
                if let Ok(est) = estimate(sheet, &req) {
                    out.push(Tried {
                        doses: seq.clone(),
                        total: est.total,
                        day: est.target_reached.unwrap().day,
                        peak: seq.iter().map(|d| d.a.max(d.b)).max().unwrap(),
                    });
                }
            } else {
                go(seq, cum2, doses, limits, start_mg, needed, sheet, base, out);
            }
            seq.pop();
        }
    }
    go(
        &mut seq, 0, &doses, limits, start_mg, needed, sheet, base, &mut out,
    );
    out
}

/// The optimiser agrees with trying every plan: the cheapest total (and its length), the
/// soonest day (and its total), and each length's cheapest total — on every sheet in
/// pricing/, each product, with and without alternating days, with the sheet's visit kinds
/// and discounts, rising or not, up to 4 months.
#[test]
fn the_optimiser_agrees_with_exhaustive_enumeration() {
    let mut cases = 0;
    for (name, sheet) in all_sheets() {
        let products: Vec<Option<String>> = if sheet.products.is_empty() {
            vec![None]
        } else {
            sheet
                .products
                .iter()
                .map(|p| Some(p.code.clone()))
                .collect()
        };
        let alternating: &[bool] = if sheet.is_flat() {
            &[false]
        } else {
            &[false, true]
        };
        for product in &products {
            for &alt in alternating {
                let mut sheet = sheet.clone();
                sheet.alternating_days = alt;
                // Later visits of the sheet's first remote kind, and every discount whose
                // month a 4-month course reaches.
                let later = sheet.visit_kinds.first().map(|k| k.code.clone());
                let discounts: Vec<String> = sheet
                    .discounts
                    .iter()
                    .filter(|d| !matches!(d.on, DiscountOn::Month(m) if m > 4))
                    .map(|d| d.code.clone())
                    .collect();
                for (weight, target, max, start, rising, female) in [
                    (40.0, 60.0, 1.0, 0.5, true, true),
                    (40.0, 90.0, 1.0, 0.5, false, false),
                    (50.0, 80.0, 0.8, 0.4, true, false),
                ] {
                    let base = CourseRequest {
                        sex: if female { Sex::Female } else { Sex::Male },
                        visit: Visit::First,
                        doses: vec![Dose::daily(0)],
                        weight_kg: None,
                        visit_every: 1,
                        start: None,
                        target_mg_per_kg: None,
                        screening: Default::default(),
                        choices: Choices {
                            visit_kinds: match &later {
                                Some(k) => Choices::later_visits(k, 4),
                                None => vec![IN_PERSON.to_string(); 4],
                            },
                            product: product.clone(),
                            discounts: discounts.clone(),
                        },
                    };
                    let limits = Limits {
                        max_months: 4,
                        max_mg_per_kg_day: max,
                        start_mg_per_kg_day: start,
                        rising_only: rising,
                        ..Limits::new(weight, target)
                    };
                    let tried = enumerate(&sheet, &base, &limits);
                    let what = format!("{name} {product:?} alt={alt} {weight} kg {target} mg/kg");
                    let found = match optimise(&sheet, &base, &limits) {
                        Ok(f) => f,
                        Err(e) => {
                            assert!(tried.is_empty(), "{what}: {e} but {} plans", tried.len());
                            continue;
                        }
                    };
                    cases += 1;
                    // Cheapest: the least total; of those, the fewest months, then the
                    // lowest peak.
                    let best = tried
                        .iter()
                        .min_by_key(|t| (t.total, t.doses.len(), t.peak))
                        .unwrap();
                    assert_eq!(
                        (found.cheapest.total, found.cheapest.doses.len()),
                        (best.total, best.doses.len()),
                        "{what}: cheapest {:?} vs {:?}",
                        found.cheapest.doses,
                        best.doses
                    );
                    if !sheet
                        .discounts
                        .iter()
                        .any(|d| d.on == DiscountOn::Course && discounts.contains(&d.code))
                    {
                        assert_eq!(found.cheapest.peak_mg, best.peak, "{what}");
                    }
                    // Soonest: the fewest days; of those, the least total.
                    let soon = tried.iter().min_by_key(|t| (t.day, t.total)).unwrap();
                    assert_eq!(
                        (found.soonest.target_day, found.soonest.total),
                        (soon.day, soon.total),
                        "{what}: soonest {:?} vs {:?}",
                        found.soonest.doses,
                        soon.doses
                    );
                    // The frontier: each length's least total.
                    for n in 1..=4usize {
                        let least = tried
                            .iter()
                            .filter(|t| t.doses.len() == n)
                            .map(|t| t.total)
                            .min();
                        let got = found
                            .frontier
                            .iter()
                            .find(|p| p.doses.len() == n)
                            .map(|p| p.total);
                        assert_eq!(got, least, "{what}: {n} months");
                    }
                    // Each plan reported is the estimate's own figure.
                    assert!(found.frontier.iter().all(|p| p.target_day > 0));
                }
            }
        }
    }
    assert!(cases >= 40, "only {cases} cases");
}

/// A hand-worked case on the reference sheet: 60 kg, target 120 mg/kg = 7,200 mg within 8
/// months, at most 1 mg/kg/day (60 mg), month 1 at most 0.5 (30 mg), doses only rising.
/// A month costs the return visit 1,650 + blood 3,608 + urine 1,056 = 6,314 (a woman) plus
/// the capsules (20 mg at 418, 10 mg at 308): 20 mg = 12,540, 40 mg = 25,080,
/// 60 mg = 37,620 a month; month 1's first visit is 2,200 more. Five months are the fewest
/// that reach 7,200 mg (20 mg then 60 mg × 4 = 7,800 …); the cheapest five-month plan buys
/// just 7,200 mg: 20 + 40 + 60 + 60 + 60 = 240 mg × 30 = 7,200 mg, and with 20 mg capsules
/// only, medication is 418 × 360 = 150,480; visits and tests 5 × 6,314 + 2,200 = 33,770;
/// total 184,250. The constant plan within the month-1 limit is 30 mg for 8 months (30 mg =
/// 20 + 10 = 726 a day: 8 × (21,780 + 6,314) + 2,200 = 226,952): 42,702 dearer.
#[test]
fn the_reference_sheets_cheapest_plan_by_hand() {
    let sheet = dose_planner::pricing::reference_sheet();
    let base = CourseRequest::constant(Sex::Female, Dose::daily(0), 1);
    let found = optimise(&sheet, &base, &Limits::new(60.0, 120.0)).unwrap();
    assert_eq!(found.cheapest.total, Money(184_250));
    assert_eq!(found.cheapest.doses.len(), 5);
    let mg: u64 = found.cheapest.doses.iter().map(|d| d.mg_over(30)).sum();
    assert_eq!(mg, 7_200);
    let constant = found.constant.as_ref().unwrap();
    assert_eq!(
        (constant.doses.clone(), constant.total),
        (vec![Dose::daily(30); 8], Money(226_952))
    );
    let lang = dose_planner::Lang::En;
    assert_eq!(
        found.explain(Goal::Cheapest, 120.0, &sheet.currency, lang),
        "20 mg for 1 month, then 40 mg for 1 month, then 60 mg for 3 months: reaches 120.0 mg/kg on day 150, ¥42,702 less than 30 mg for 8 months."
    );
    // The soonest: 30 mg in month 1 (900 mg), then 60 mg (1,800 a month): 6,300 mg after
    // 4 months, 900 more = 15 days of month 5: day 135.
    assert_eq!(found.soonest.target_day, 135);
    assert!(
        found
            .explain(
                Goal::Soonest,
                120.0,
                &sheet.currency,
                dose_planner::Lang::Ja
            )
            .contains("最安の計画より 15 日早く")
    );
}

fn cli_total(args: &[&str]) -> (i64, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_dose-planner"))
        .arg("quote")
        .args(args)
        .arg("--json")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (v["total"].as_i64().unwrap(), v)
}

/// `--optimise cheapest` on the reference sheet, for several weights, targets and limits, is
/// never dearer than any constant-dose plan that reaches the target within the same limits
/// (month 1's included), each priced by the command line itself; its JSON carries the plan's
/// doses and the frontier, and the quote's own months are the plan's.
#[test]
fn cheapest_is_never_dearer_than_a_constant_plan_the_cli_quotes() {
    for (kg, target, start) in [
        ("50", "120", "0.5"),
        ("60", "120", "1.0"),
        ("60", "150", "1.0"),
        ("75", "130", "0.8"),
    ] {
        let (best, v) = cli_total(&[
            "--optimise",
            "cheapest",
            "--weight-kg",
            kg,
            "--target-mg-per-kg",
            target,
            "--start-mg-per-kg-day",
            start,
            "--sex",
            "female",
        ]);
        let plan: Vec<String> = v["plan"]["doses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap().to_string())
            .collect();
        let months: Vec<String> = v["months"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["dose"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(plan, months);
        let alternatives = v["alternatives"].as_array().unwrap();
        assert!(
            alternatives
                .iter()
                .all(|a| a["total"].as_i64().unwrap() >= best)
        );
        let w: f64 = kg.parse().unwrap();
        let needed = w * target.parse::<f64>().unwrap();
        let start_mg = (start.parse::<f64>().unwrap() * w + 1e-9).floor() as u32;
        let mut compared = 0;
        for dose in (10..=start_mg.min(w as u32)).step_by(10) {
            let months = (needed / f64::from(dose * 30) - 1e-9).ceil() as u32;
            if months > 8 {
                continue;
            }
            let (total, _) = cli_total(&[
                "--daily-mg",
                &dose.to_string(),
                "--months",
                &months.to_string(),
                "--sex",
                "female",
            ]);
            compared += 1;
            assert!(
                best <= total,
                "{kg} kg {target}: optimiser {best} > {dose} mg × {months} = {total}"
            );
        }
        assert!(compared > 0 || start == "0.5", "{kg} {target} {start}");
    }
}

/// Limits out of range and an unreachable target are refused in the user's language.
#[test]
fn the_optimiser_refuses_what_it_cannot_do() {
    let out = Command::new(env!("CARGO_BIN_EXE_dose-planner"))
        .args([
            "quote",
            "--optimise",
            "cheapest",
            "--weight-kg",
            "60",
            "--target-mg-per-kg",
            "220",
            "--max-months",
            "4",
            "--sex",
            "male",
            "--lang",
            "ja",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("最長 4 か月で 220.0 mg/kg に届く計画がありません"),
        "{err}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_dose-planner"))
        .args([
            "quote",
            "--optimise",
            "cheapest",
            "--weight-kg",
            "60",
            "--target-mg-per-kg",
            "120",
            "--max-mg-per-kg-day",
            "2.5",
            "--sex",
            "male",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A price that holds only for a course of 5 months or more (the long-course sheet's box of
/// 30 × 20 mg at ¥4,800 instead of 30 capsules at ¥6,000) splits the search at 5 months: the
/// optimiser still agrees with trying every plan of up to 6 months, and its 5- and 6-month
/// plans get the box price.
#[test]
fn the_optimiser_is_exact_across_a_minimum_course_length() {
    let (_, sheet) = all_sheets()
        .into_iter()
        .find(|(n, _)| n.ends_with("example-clinic-long-course.toml"))
        .unwrap();
    let base = CourseRequest {
        choices: Choices {
            visit_kinds: Choices::later_visits("online", 6),
            ..Default::default()
        },
        ..CourseRequest::constant(Sex::Female, Dose::daily(0), 1)
    };
    for (weight, target, start) in [(40.0, 60.0, 0.5), (50.0, 50.0, 1.0), (60.0, 45.0, 0.5)] {
        let limits = Limits {
            max_months: 6,
            start_mg_per_kg_day: start,
            ..Limits::new(weight, target)
        };
        let tried = enumerate(&sheet, &base, &limits);
        let found = optimise(&sheet, &base, &limits).unwrap();
        let best = tried
            .iter()
            .min_by_key(|t| (t.total, t.doses.len()))
            .unwrap();
        assert_eq!(
            (found.cheapest.total, found.cheapest.doses.len()),
            (best.total, best.doses.len()),
            "{weight} kg {target}: {:?} vs {:?}",
            found.cheapest.doses,
            best.doses
        );
        for n in 1..=6usize {
            let least = tried
                .iter()
                .filter(|t| t.doses.len() == n)
                .map(|t| t.total)
                .min();
            let got = found
                .frontier
                .iter()
                .find(|p| p.doses.len() == n)
                .map(|p| p.total);
            assert_eq!(got, least, "{weight} kg {target}: {n} months");
        }
    }
    // By hand: 20 mg for 5 months is 3,300 + 4 × 550 shipping + 5 × 4,800 = 29,500; for 4
    // months 3,300 + 3 × 550 + 4 × 6,000 = 28,950 (the box price needs 5 months).
    let quote = |months: usize| {
        let mut r = base.clone();
        r.doses = vec![Dose::daily(20); months];
        r.choices.visit_kinds.truncate(months);
        estimate(&sheet, &r).unwrap().total
    };
    assert_eq!(quote(5), Money(29_500));
    assert_eq!(quote(4), Money(28_950));
}
