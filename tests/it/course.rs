//! A course under way (issue 12): the rest of the course re-solved and re-priced from what was
//! taken so far, on the reference sheet; every figure worked out by hand in the comments.

use dose_planner::course::{Period, Rest, SoFar, months_to_reach, solve_rest};
use dose_planner::dose::Dose;
use dose_planner::estimate::{CourseRequest, Sex, Visit, estimate_after};
use dose_planner::money::Money;
use dose_planner::pricing::reference_sheet;

fn rest_request(mg: Dose, months: u32, weight: f64) -> CourseRequest {
    CourseRequest {
        visit: Visit::Return,
        weight_kg: Some(weight),
        target_mg_per_kg: Some(120.0),
        ..CourseRequest::constant(Sex::Male, mg, months)
    }
}

#[test]
fn the_rest_of_a_course_counts_what_was_taken_and_prices_the_months_left() {
    // 60 kg, target 120 mg/kg = 7,200 mg; 4,200 mg taken in 120 days; 3 months left.
    let so_far = SoFar {
        mg: 4_200,
        days: 120,
        ..Default::default()
    };
    let sheet = reference_sheet();
    let caps = &sheet.capsules;
    // Keep the end date: 3,000 mg in 90 days = 33.3 mg/day → 40 mg (30 mg gives 2,700).
    let rest = solve_rest(120.0, 60.0, &so_far, 3, caps, false).unwrap();
    assert_eq!(
        rest,
        Rest::Dose {
            dose: Dose::daily(40)
        }
    );
    let est = estimate_after(&sheet, &rest_request(Dose::daily(40), 3, 60.0), so_far).unwrap();
    // Cumulative: 4,200 + 3 × 1,200 = 7,800 mg = 130 mg/kg.
    assert_eq!(est.cumulative_mg, 7_800);
    assert!((est.cumulative_mg_per_kg.unwrap() - 130.0).abs() < 1e-9);
    // Month 1 of the rest ends at 4,200 + 1,200 = 5,400 mg = 90 mg/kg.
    assert_eq!(est.months[0].cumulative_mg, 5_400);
    // The target: 3,000 mg more at 40 mg/day = day 75 of the months left, in month 3.
    let t = est.target_reached.as_ref().unwrap();
    assert_eq!((t.day, t.month), (75, 3));
    // The money is the months left only: each return month for a man at 40 mg =
    // 1,650 + 60 × 418 (25,080) + 3,608 = 30,338; 3 months = 91,014.
    assert_eq!(est.total, Money(91_014));
    // The chart starts where the course is: day 120 at 70 mg/kg.
    let chart = est.cumulative_mg_per_kg_by_day();
    assert_eq!(chart[0], [120.0, 70.0]);
    assert_eq!(chart.last().unwrap()[0], 210.0);
    // No month-1 warning on the rest (month 1 of the course is long past), no warning of
    // a low cumulative dose (130 ≥ 120).
    assert!(
        est.warnings
            .iter()
            .all(|w| w.code != "month1_above_1_mg_per_kg" && w.code != "cumulative_below_120"),
        "{:?}",
        est.warnings
    );
}

#[test]
fn a_weight_change_and_missed_days_change_the_dose_proposed() {
    // Taken: 20 mg for 30 days with 3 missed (540 mg), then 40 mg for 30 days with none
    // (1,200 mg), then 60 mg for 30 days with 5 missed (1,500 mg): 3,240 mg in 90 days.
    let so_far = SoFar::from_periods(&[
        Period {
            dose: Dose::daily(20),
            days: 30,
            missed_days: 3,
        },
        Period {
            dose: Dose::daily(40),
            days: 30,
            missed_days: 0,
        },
        Period {
            dose: Dose::daily(60),
            days: 30,
            missed_days: 5,
        },
    ]);
    assert_eq!(
        so_far,
        SoFar {
            mg: 3_240,
            days: 90,
            ..Default::default()
        }
    );
    let caps = reference_sheet().capsules;
    // At 60 kg: 7,200 − 3,240 = 3,960 mg in 90 days = 44 mg/day → 50 mg (40 mg gives 3,600).
    assert_eq!(
        solve_rest(120.0, 60.0, &so_far, 3, &caps, false),
        Ok(Rest::Dose {
            dose: Dose::daily(50)
        })
    );
    // Now 66 kg: 7,920 − 3,240 = 4,680 mg in 90 days = 52 mg/day → 60 mg (50 gives 4,500);
    // with alternating days 60/50 = 45 × 60 + 45 × 50 = 4,950 ≥ 4,680.
    assert_eq!(
        solve_rest(120.0, 66.0, &so_far, 3, &caps, false),
        Ok(Rest::Dose {
            dose: Dose::daily(60)
        })
    );
    assert_eq!(
        solve_rest(120.0, 66.0, &so_far, 3, &caps, true),
        Ok(Rest::Dose {
            dose: Dose { a: 60, b: 50 }
        })
    );
    // Keep 40 mg instead: 4,680 mg at 1,200 a month = 3.9 → 4 more months.
    assert_eq!(months_to_reach(120.0, 66.0, &so_far, Dose::daily(40)), 4);
}

#[test]
fn a_target_already_reached_is_said_not_dosed() {
    // 60 kg × 120 = 7,200 mg; 7,500 taken.
    let so_far = SoFar {
        mg: 7_500,
        days: 180,
        ..Default::default()
    };
    let caps = reference_sheet().capsules;
    assert_eq!(
        solve_rest(120.0, 60.0, &so_far, 2, &caps, false),
        Ok(Rest::TargetReached)
    );
    // Priced anyway (the doctor may continue): the target is reported at day 0.
    let est = estimate_after(
        &reference_sheet(),
        &rest_request(Dose::daily(20), 1, 60.0),
        so_far,
    )
    .unwrap();
    let t = est.target_reached.unwrap();
    assert_eq!((t.day, t.month), (0, 0));
    // 7,500 + 600 = 8,100 mg = 135 mg/kg; 6 months so far + 1 = 7 months: no length warning.
    assert!((est.cumulative_mg_per_kg.unwrap() - 135.0).abs() < 1e-9);
    assert!(
        est.warnings
            .iter()
            .all(|w| w.code != "course_over_8_months")
    );
    // 8 months so far + 1 more = 9 months: the course-length warning counts the days so far.
    let long = SoFar {
        mg: 7_500,
        days: 240,
        ..Default::default()
    };
    let est = estimate_after(
        &reference_sheet(),
        &rest_request(Dose::daily(20), 1, 60.0),
        long,
    )
    .unwrap();
    assert!(
        est.warnings
            .iter()
            .any(|w| w.code == "course_over_8_months")
    );
}
