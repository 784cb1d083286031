//! The plan optimiser on every example sheet in `pricing/`: a 60 kg woman, target
//! 120 mg/kg, at most 1 mg/kg/day, month 1 at most 0.5, doses only rising — searching up to
//! 8 months (target ≤ 50 ms) and up to 24 months (target ≤ 200 ms).
//! `cargo bench -p dose-planner-core --bench optimise`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dose_planner_core::dose::Dose;
use dose_planner_core::estimate::{CourseRequest, Sex};
use dose_planner_core::optimise::{Limits, optimise};
use dose_planner_core::pricing::parse;

/// The example sheets, compiled in (the core reads no files).
const SHEETS: [(&str, &str); 9] = [
    (
        "boxes",
        include_str!("../../../pricing/example-clinic-boxes.toml"),
    ),
    (
        "fees",
        include_str!("../../../pricing/example-clinic-fees.toml"),
    ),
    (
        "home-test",
        include_str!("../../../pricing/example-clinic-home-test.toml"),
    ),
    (
        "kr",
        include_str!("../../../pricing/example-clinic-kr.toml"),
    ),
    (
        "telephone",
        include_str!("../../../pricing/example-clinic-telephone.toml"),
    ),
    (
        "us",
        include_str!("../../../pricing/example-clinic-us.toml"),
    ),
    (
        "flat-jp",
        include_str!("../../../pricing/flat-clinic-jp.toml"),
    ),
    (
        "flat-two-products",
        include_str!("../../../pricing/flat-clinic-two-products.toml"),
    ),
    (
        "reference",
        include_str!("../../../pricing/reference-clinic-jp.toml"),
    ),
];

fn bench(c: &mut Criterion) {
    let base = CourseRequest::constant(Sex::Female, Dose::daily(0), 1);
    for (name, text) in SHEETS {
        let sheet = match parse(text, name) {
            Ok(s) => s,
            Err(e) => panic!("{name}: {e}"),
        };
        for months in [8u32, 24] {
            let limits = Limits {
                max_months: months,
                ..Limits::new(60.0, 120.0)
            };
            if let Err(e) = optimise(&sheet, &base, &limits) {
                panic!("{name}: {e}");
            }
            c.bench_function(&format!("optimise_{name}_{months}_months"), |b| {
                b.iter(|| optimise(black_box(&sheet), black_box(&base), black_box(&limits)))
            });
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
