//! Writes the 6-month reference-clinic estimate for a woman at 20 mg/day to stdout, in the
//! language given as the first argument (ja, en or ko; default ja), `repeat` times over when
//! a second argument is given (for profiling the exporter alone):
//! `cargo run --release -p dose-planner-pdf --example estimate -- ja > estimate.pdf`.

use std::io::Write;

use dose_planner_core::dose::Dose;
use dose_planner_core::estimate::{CourseRequest, Sex};
use dose_planner_core::i18n::Lang;
use dose_planner_core::pricing::reference_sheet;
use dose_planner_core::quote::Quote;
use dose_planner_pdf::{PdfRequest, estimate_pdf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let lang = match args.next().as_deref() {
        Some("en") => Lang::En,
        Some("ko") => Lang::Ko,
        _ => Lang::Ja,
    };
    let repeat: usize = args.next().map_or(Ok(1), |n| n.parse())?;
    let quote = Quote::compute(
        &reference_sheet(),
        &CourseRequest::constant(Sex::Female, Dose::daily(20), 6),
        jiff::civil::date(2026, 5, 1),
    )?;
    let mut bytes = Vec::new();
    for _ in 0..repeat.max(1) {
        bytes = estimate_pdf(&PdfRequest {
            quote: &quote,
            lang,
            patient: Some("Yamada Hanako"),
            quote_number: None,
            staff: None,
        })?;
    }
    std::io::stdout().write_all(&bytes)?;
    Ok(())
}
