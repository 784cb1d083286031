//! The in-app export: the 6-month reference-clinic estimate for a woman at 20 mg/day, in
//! Japanese, rendered to PDF bytes with the fonts already loaded, as the desk app has them
//! (the bundled faces are compiled in; one export first touches their pages, as the app's
//! first export or its font setup does). Target: ≤ 10 ms.
//! `cargo bench -p dose-planner-pdf --bench export`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dose_planner_core::dose::Dose;
use dose_planner_core::estimate::{CourseRequest, Sex};
use dose_planner_core::i18n::Lang;
use dose_planner_core::pricing::reference_sheet;
use dose_planner_core::quote::Quote;
use dose_planner_pdf::{PdfRequest, estimate_pdf};

fn export(c: &mut Criterion) {
    let quote = match Quote::compute(
        &reference_sheet(),
        &CourseRequest::constant(Sex::Female, Dose::daily(20), 6),
        jiff::civil::date(2026, 5, 1),
    ) {
        Ok(q) => q,
        Err(e) => panic!("the reference estimate: {e}"),
    };
    let req = PdfRequest {
        quote: &quote,
        lang: Lang::Ja,
        patient: Some("Yamada Hanako"),
        quote_number: None,
        staff: None,
    };
    // Fonts loaded: the first export reads the pages of the faces it needs.
    if let Err(e) = estimate_pdf(&req) {
        panic!("the reference estimate's PDF: {e}");
    }
    c.bench_function("export_ja_6_months", |b| {
        b.iter(|| estimate_pdf(black_box(&req)))
    });
}

criterion_group!(benches, export);
criterion_main!(benches);
