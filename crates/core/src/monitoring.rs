//! The monitoring schedule (domain.md §4): which tests fall at which visit, and what the
//! course costs under other testing protocols, so the difference is visible.
//!
//! Pure: re-prices the same request with the sheet's test schedule changed; no IO.

use serde::Serialize;

use crate::estimate::{CourseEstimate, CourseRequest, PlanError, estimate};
use crate::money::Money;
use crate::pricing::{Fees, PriceSheet, TestFor, TestSchedule};

/// A test due at a month's visit, as priced in the estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestDue {
    /// 1-based month.
    pub month: u32,
    /// Test code, e.g. `blood_test`.
    pub code: String,
    /// Its price.
    pub amount: Money,
}

/// The tests of the course, month by month, read from the estimate's items.
pub fn tests_due(sheet: &PriceSheet, est: &CourseEstimate) -> Vec<TestDue> {
    let Fees::Itemised { tests, .. } = &sheet.fees else {
        return Vec::new();
    };
    let codes: std::collections::HashSet<&str> = tests.iter().map(|t| t.code.as_str()).collect();
    est.months
        .iter()
        .flat_map(|m| {
            m.items
                .iter()
                .filter(|i| codes.contains(i.code.as_str()))
                .map(|i| TestDue {
                    month: m.month,
                    code: i.code.clone(),
                    amount: i.amount,
                })
        })
        .collect()
}

/// A blood-test protocol (tests for everyone; the women's pregnancy test stays at every visit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    /// The schedule written in the price sheet.
    Sheet,
    /// Every visit (the reference clinic).
    Monthly,
    /// Monthly for the first 2 months, then every 2 months.
    MonthlyTwoThenEveryTwo,
    /// Baseline, then every 2 months.
    BaselineThenEveryTwo,
}

impl Protocol {
    /// The label key of the protocol in the localisation files.
    pub fn label_key(self) -> &'static str {
        match self {
            Protocol::Sheet => "protocol-sheet",
            Protocol::Monthly => "protocol-monthly",
            Protocol::MonthlyTwoThenEveryTwo => "protocol-monthly-two-then-every-two",
            Protocol::BaselineThenEveryTwo => "protocol-baseline-then-every-two",
        }
    }

    fn schedule(self) -> Option<(u32, u32)> {
        match self {
            Protocol::Sheet => None,
            Protocol::Monthly => Some((1, 1)),
            Protocol::MonthlyTwoThenEveryTwo => Some((2, 2)),
            Protocol::BaselineThenEveryTwo => Some((1, 2)),
        }
    }
}

/// The course total under a protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProtocolCost {
    /// Which protocol.
    pub protocol: Protocol,
    /// Number of tests for everyone (blood tests) over the course.
    pub tests: u32,
    /// The course total.
    pub total: Money,
    /// Total minus the sheet's own protocol total.
    pub difference: Money,
}

/// The course priced under the sheet's protocol and the alternatives. Empty for flat sheets
/// (their packages include the tests).
pub fn compare_protocols(
    sheet: &PriceSheet,
    req: &CourseRequest,
) -> Result<Vec<ProtocolCost>, PlanError> {
    if sheet.is_flat() {
        return Ok(Vec::new());
    }
    let base = estimate(sheet, req)?;
    let protocols = [
        Protocol::Sheet,
        Protocol::Monthly,
        Protocol::MonthlyTwoThenEveryTwo,
        Protocol::BaselineThenEveryTwo,
    ];
    let mut out = Vec::new();
    for p in protocols {
        let mut s = sheet.clone();
        if let (Some((first, every)), Fees::Itemised { tests, .. }) = (p.schedule(), &mut s.fees) {
            // The scheduled tests for everyone follow the protocol; "as needed" ones stay so.
            for t in tests
                .iter_mut()
                .filter(|t| t.who == TestFor::Everyone && t.schedule != TestSchedule::AsNeeded)
            {
                t.schedule = TestSchedule::Periodic {
                    monthly_first_months: first,
                    every_months: every,
                };
            }
        }
        let est = estimate(&s, req)?;
        let everyone: Vec<&str> = match &s.fees {
            Fees::Itemised { tests, .. } => tests
                .iter()
                .filter(|t| t.who == TestFor::Everyone)
                .map(|t| t.code.as_str())
                .collect(),
            Fees::Flat { .. } => Vec::new(),
        };
        let tests = tests_due(&s, &est)
            .iter()
            .filter(|t| everyone.contains(&t.code.as_str()))
            .count() as u32;
        out.push(ProtocolCost {
            protocol: p,
            tests,
            total: est.total,
            difference: est.total.minus(base.total)?,
        });
    }
    Ok(out)
}
