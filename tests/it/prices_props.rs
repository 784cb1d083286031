//! Property: every sheet the price-list tools can make — any sheet in `pricing/` after a
//! random bulk change — is written as TOML and read back as the same sheet, in the same
//! canonical text, and survives the CSV round trip unchanged.

use dose_planner::pricing::items::{BulkChange, Group, Step, apply_bulk};
use dose_planner::pricing::{self, Rounding};
use proptest::prelude::*;

fn sheets() -> Vec<(String, pricing::PriceSheet)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pricing");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.display().to_string();
            let sheet = pricing::parse(&text, &name).unwrap();
            (name, sheet)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn changed_sheets_round_trip(
        which in 0usize..64,
        groups in proptest::sample::subsequence(vec![Group::Medication, Group::Tests, Group::Consultation], 1..=3),
        percent in -50_000i32..=50_000,
        amount in -500i64..=5_000,
        by_percent in any::<bool>(),
        round_to in prop_oneof![Just(1u32), Just(10), Just(100)],
        rounding in prop_oneof![Just(Rounding::Down), Just(Rounding::Up), Just(Rounding::Nearest)],
    ) {
        let all = sheets();
        let (name, sheet) = &all[which % all.len()];
        let change = BulkChange {
            groups,
            step: if by_percent { Step::Percent(percent) } else { Step::Amount(amount) },
            round_to,
            rounding,
        };
        // A change that makes a price negative is refused as a whole: then the sheet is
        // checked as it was.
        let changed = apply_bulk(sheet, &change).map(|(s, _)| s).unwrap_or_else(|_| sheet.clone());
        let text = pricing::write(&changed);
        let back = pricing::parse(&text, name).unwrap();
        prop_assert_eq!(&back, &changed);
        prop_assert_eq!(pricing::write(&back), text.clone());
        let csv = pricing::csv::export(&changed);
        let preview = pricing::csv::import(&changed, &csv).unwrap();
        prop_assert!(preview.changed.is_empty() && preview.missing.is_empty());
        let imported = preview.result.unwrap();
        prop_assert_eq!(pricing::write(&imported), text);
        // The CSV applied onto the unchanged sheet gives the changed sheet back.
        let onto = pricing::csv::import(sheet, &csv).unwrap().result.unwrap();
        prop_assert_eq!(onto, changed);
    }
}
