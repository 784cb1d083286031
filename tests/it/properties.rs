//! Arithmetic laws, checked on generated inputs (proptest).

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input

use dose_planner::dose::{Dose, cheapest_mix, makeable_doses, solve_target_dose};
use dose_planner::estimate::{CourseRequest, Sex, Visit, estimate};
use dose_planner::money::Money;
use dose_planner::pricing::{Capsule, reference_sheet};
use proptest::prelude::*;

fn capsules() -> impl Strategy<Value = Vec<Capsule>> {
    proptest::collection::btree_map(
        prop::sample::select(vec![5u32, 10, 20, 25, 30, 40]),
        0i64..2000,
        1..4,
    )
    .prop_map(|m| {
        m.into_iter()
            .map(|(mg, p)| Capsule {
                mg,
                price: Some(Money(p)),
            })
            .collect()
    })
}

/// Every way to make `mg` from the capsules (up to 12 capsules), cheapest cost.
fn brute_force_cost(mg: u32, caps: &[Capsule]) -> Option<i64> {
    fn go(rest: u32, caps: &[Capsule], depth: u32) -> Option<i64> {
        if rest == 0 {
            return Some(0);
        }
        if depth == 0 {
            return None;
        }
        caps.iter()
            .filter(|c| c.mg <= rest)
            .filter_map(|c| go(rest - c.mg, caps, depth - 1).map(|x| x + c.price.unwrap().0))
            .min()
    }
    go(mg, caps, 12)
}

/// The doses up to 300 mg the capsules can make, found independently of the planner: a
/// reachability table over whole capsules.
fn makeable_by_table(caps: &[Capsule]) -> Vec<u32> {
    let mut can = vec![false; 301];
    can[0] = true;
    for x in 1..=300usize {
        can[x] = caps
            .iter()
            .any(|c| c.mg as usize <= x && can[x - c.mg as usize]);
    }
    (1..=300u32).filter(|x| can[*x as usize]).collect()
}

/// mg over `days` days of `a/b` started on an `a` day, counted day by day.
fn mg_day_by_day(a: u32, b: u32, days: u32) -> u64 {
    (0..days)
        .map(|d| u64::from(if d % 2 == 0 { a } else { b }))
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The target solve: the dose it returns reaches the target, and no candidate (a constant
    /// makeable dose, or a pair of neighbouring makeable doses when allowed) with a smaller
    /// mean does; a pair is chosen only when no constant dose of the same mean reaches it.
    #[test]
    fn solved_dose_is_the_smallest_mean_that_reaches_the_target(
        caps in capsules(),
        weight in 30.0f64..150.0,
        target in 20.0f64..300.0,
        days in 1u32..=360,
        allow in any::<bool>(),
    ) {
        let needed = target * weight;
        let reaches = |a: u32, b: u32| mg_day_by_day(a, b, days) as f64 + 1e-6 >= needed;
        let makeable = makeable_by_table(&caps);
        // (a + b, alternating, a, b): twice the mean, exactly.
        let mut candidates: Vec<(u32, bool, u32, u32)> =
            makeable.iter().map(|d| (2 * d, false, *d, *d)).collect();
        if allow {
            candidates.extend(makeable.windows(2).map(|w| (w[0] + w[1], true, w[1], w[0])));
        }
        match solve_target_dose(target, weight, days, &caps, allow) {
            Ok(dose) => {
                prop_assert!(reaches(dose.a, dose.b), "{} does not reach {}", dose, needed);
                prop_assert!(allow || !dose.is_alternating());
                prop_assert!(
                    candidates.iter().any(|c| (c.2, c.3) == (dose.a, dose.b)),
                    "{} is not a candidate", dose
                );
                let key = (dose.a + dose.b, dose.is_alternating());
                for c in &candidates {
                    if (c.0, c.1) < key {
                        prop_assert!(
                            !reaches(c.2, c.3),
                            "{}/{} has a smaller mean than {} and reaches {}", c.2, c.3, dose, needed
                        );
                    }
                }
            }
            Err(_) => prop_assert!(candidates.iter().all(|c| !reaches(c.2, c.3))),
        }
    }

    #[test]
    fn cheapest_mix_is_optimal_against_brute_force(caps in capsules(), mg in 1u32..=120) {
        let brute = brute_force_cost(mg, &caps);
        match cheapest_mix(mg, &caps) {
            Ok(mix) => {
                prop_assert_eq!(mix.mg(), mg);
                let cost = mix.price(&caps).unwrap().0;
                // The brute force is bounded to 12 capsules; within it, nothing is cheaper.
                if let Some(b) = brute { prop_assert!(cost <= b, "{} > {}", cost, b); }
            }
            Err(_) => prop_assert!(brute.is_none()),
        }
    }

    #[test]
    fn total_is_the_sum_of_items_and_cumulative_dose_grows(
        dose_idx in proptest::collection::vec(0usize..30, 1..13),
        female in any::<bool>(),
        first in any::<bool>(),
        every2 in any::<bool>(),
        weight in 30.0f64..150.0,
    ) {
        let sheet = reference_sheet();
        let makeable = makeable_doses(&sheet.capsules);
        let doses: Vec<Dose> = dose_idx.iter().map(|i| Dose::daily(makeable[*i % makeable.len()])).collect();
        let req = CourseRequest {
            sex: if female { Sex::Female } else { Sex::Male },
            visit: if first { Visit::First } else { Visit::Return },
            doses: doses.clone(),
            weight_kg: Some(weight),
            visit_every: if every2 { 2 } else { 1 },
            start: None,
            target_mg_per_kg: None,
            screening: Default::default(),
            choices: Default::default(),
        };
        let est = estimate(&sheet, &req).unwrap();
        prop_assert_eq!(est.months.len(), doses.len());
        let mut items_sum = Money::ZERO;
        let mut prev_cum = 0u64;
        let mut prev_cum_kg = 0.0f64;
        for m in &est.months {
            let s = Money(m.items.iter().map(|i| i.amount.0).sum());
            prop_assert_eq!(s, m.subtotal);
            prop_assert!(m.items.iter().all(|i| i.amount.0 >= 0));
            items_sum = Money(items_sum.0 + s.0);
            prop_assert!(m.cumulative_mg > prev_cum);
            let kg = m.cumulative_mg_per_kg.unwrap();
            prop_assert!(kg > prev_cum_kg);
            prev_cum = m.cumulative_mg;
            prev_cum_kg = kg;
        }
        prop_assert_eq!(items_sum, est.total);
        prop_assert_eq!(est.cumulative_mg, prev_cum);
        let by_day = est.cumulative_mg_per_kg_by_day();
        prop_assert_eq!(by_day.len() as u32, est.days + 1);
        prop_assert!(by_day.windows(2).all(|w| w[1][1] >= w[0][1]));
    }
}

/// Every sheet in pricing/, parsed once.
fn all_sheets() -> Vec<(String, dose_planner::pricing::PriceSheet)> {
    let dir = format!("{}/pricing", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<(String, dose_planner::pricing::PriceSheet)> = std::fs::read_dir(&dir)
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// For every sheet in pricing/ and random plans, products, visit kinds and discounts:
    /// the total is the sum of the items (and the course lines); a discount never takes more
    /// than the line or month it comes off; the packs bought cover the capsules taken.
    #[test]
    fn every_sheet_total_is_the_sum_of_items_and_discounts_stay_within_their_base(
        sheet_idx in 0usize..64,
        dose_idx in proptest::collection::vec(0usize..40, 1..10),
        female in any::<bool>(),
        first in any::<bool>(),
        every2 in any::<bool>(),
        product_idx in 0usize..4,
        kinds in proptest::collection::vec(0usize..4, 0..10),
        discount_mask in 0u32..256,
    ) {
        use dose_planner::estimate::{Choices, IN_PERSON};
        use dose_planner::pricing::{DiscountOn, Fees};
        let sheets = all_sheets();
        let (name, sheet) = &sheets[sheet_idx % sheets.len()];
        let product = sheet.products.get(product_idx % sheet.products.len().max(1)).map(|p| p.code.clone());
        let priced = sheet.for_product(product.as_deref()).unwrap();
        // Doses the product sells: a flat sheet's packages, an itemised sheet's makeable doses.
        let doses: Vec<u32> = match &priced.fees {
            Fees::Flat { packages } => packages.iter().map(|p| p.daily_mg).collect(),
            Fees::Itemised { .. } => makeable_doses(&priced.capsules).into_iter().filter(|d| *d <= 120).collect(),
        };
        let doses: Vec<Dose> = dose_idx.iter().map(|i| Dose::daily(doses[*i % doses.len()])).collect();
        let months = doses.len();
        let kind_codes: Vec<String> = std::iter::once(IN_PERSON.to_string())
            .chain(sheet.visit_kinds.iter().map(|k| k.code.clone()))
            .collect();
        let visit = if first { Visit::First } else { Visit::Return };
        let visit_kinds: Vec<String> = kinds
            .iter()
            .take(months)
            .enumerate()
            .map(|(i, k)| if i == 0 && visit == Visit::First { IN_PERSON.to_string() } else { kind_codes[k % kind_codes.len()].clone() })
            .collect();
        let discounts: Vec<String> = sheet
            .discounts
            .iter()
            .enumerate()
            .filter(|(i, d)| discount_mask & (1 << i) != 0 && !matches!(d.on, DiscountOn::Month(m) if m as usize > months))
            .map(|(_, d)| d.code.clone())
            .collect();
        let req = CourseRequest {
            sex: if female { Sex::Female } else { Sex::Male },
            visit,
            doses,
            weight_kg: Some(60.0),
            visit_every: if every2 { sheet.max_months_per_visit.min(2) } else { 1 },
            start: None,
            target_mg_per_kg: None,
            screening: Default::default(),
            choices: Choices { visit_kinds, product, discounts },
        };
        let est = estimate(sheet, &req).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut sum = Money::ZERO;
        for m in &est.months {
            let items = Money(m.items.iter().map(|i| i.amount.0).sum());
            prop_assert_eq!(items, m.subtotal, "{}", name);
            prop_assert!(m.subtotal >= Money::ZERO, "{}: month {} below zero", name, m.month);
            // Only discount lines are negative, and each running sum of the month's lines
            // stays at or above zero (a discount never takes more than what it comes off).
            let mut running = 0i64;
            for it in &m.items {
                if it.amount < Money::ZERO {
                    prop_assert!(sheet.discount(&it.code).is_some(), "{}: {} negative", name, it.code);
                }
                running += it.amount.0;
                prop_assert!(running >= 0, "{}: month {} runs below zero at {}", name, m.month, it.code);
            }
            sum = Money(sum.0 + items.0);
        }
        let course: i64 = est.course_items.iter().map(|i| i.amount.0).sum();
        prop_assert!(course <= 0 && sum.0 + course >= 0, "{}", name);
        prop_assert_eq!(Money(sum.0 + course), est.total, "{}", name);
        // Packs bought × pack size ≥ capsules taken, per pack-sold strength.
        for (mg, pack) in &priced.packs {
            // A pack that holds only for longer courses is not bought in this one.
            if est.months.iter().all(|m| !m.packs.contains_key(mg)) {
                continue;
            }
            let bought: u64 = est.months.iter().map(|m| u64::from(m.packs.get(mg).copied().unwrap_or(0))).sum();
            let taken: u64 = est.months.iter().map(|m| u64::from(m.capsules.0.get(mg).copied().unwrap_or(0))).sum();
            prop_assert!(bought * u64::from(pack.size) >= taken, "{}: {} mg", name, mg);
            let left = u64::from(est.capsules_left.get(mg).copied().unwrap_or(0));
            prop_assert_eq!(bought * u64::from(pack.size) - taken, left, "{}", name);
        }
    }
}
