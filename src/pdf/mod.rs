//! The patient's PDF estimate: renders the core's estimate to PDF bytes. Never writes a file.

use crate::estimate::CourseEstimate;
use crate::i18n::Lang;
use crate::pricing::PriceSheet;

/// What the PDF is made from.
#[derive(Debug, Clone, Copy)]
pub struct PdfRequest<'a> {
    /// The sheet the estimate was priced with (clinic header, currency, tax, validity).
    pub sheet: &'a PriceSheet,
    /// The priced course.
    pub estimate: &'a CourseEstimate,
    /// Language of the handout.
    pub lang: Lang,
    /// The patient's name, if given.
    pub patient: Option<&'a str>,
    /// The quote date.
    pub quote_date: jiff::civil::Date,
}

/// Why the PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Not built yet.
    #[error("the PDF estimate is not available in this build yet")]
    NotAvailable,
}

/// Renders the estimate as PDF bytes.
pub fn estimate_pdf(_req: &PdfRequest<'_>) -> Result<Vec<u8>, PdfError> {
    Err(PdfError::NotAvailable)
}
