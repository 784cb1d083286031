//! The patient's PDF estimate: renders the core's estimate to PDF bytes (A4, ja/en/ko, the
//! bundled fonts embedded as subsets, metadata dated with the quote date, byte-identical for
//! the same inputs).
//!
//! Never writes a file (the caller does, atomically), never does arithmetic on money (every
//! amount is the core's), and never draws a character the fonts lack (that is an error).

pub mod bundled;
mod canvas;
mod fonts;
mod layout;

// The core's modules under their own names, so the exporter reads `crate::estimate::…`.
use dose_planner_core::{estimate, i18n, money, patient, pricing, quote, safety};

use printpdf::{Date, DateTime, Mm, Offset, PdfDocument, PdfFont, PdfPage, PdfSaveOptions, Time};

use crate::i18n::Lang;
use crate::quote::Quote;

use fonts::FontSet;

/// What the PDF is made from: one quote (which owns the sheet it was priced with, so the
/// letterhead and the figures always belong together), the language and the patient.
#[derive(Debug, Clone, Copy)]
pub struct PdfRequest<'a> {
    /// The quote, for the patient's sex.
    pub quote: &'a Quote,
    /// Language of the handout.
    pub lang: Lang,
    /// The patient's name, if given.
    pub patient: Option<&'a str>,
    /// The quote number (見積番号), as the register issued it (`2026-000123`), if any.
    pub quote_number: Option<&'a str>,
    /// The staff member who made the quote (担当), if given.
    pub staff: Option<&'a str>,
}

/// The longest quote number printed.
pub const MAX_QUOTE_NUMBER_CHARS: usize = 32;

/// Why the PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// A character that neither bundled font can draw.
    #[error(
        "{field} contains {shown}, which the PDF fonts cannot print; remove it or write it another way",
        shown = shown_en(*.ch)
    )]
    Unprintable {
        /// What the text is, e.g. "the patient's name".
        field: String,
        /// The character.
        ch: char,
    },
    /// A bundled font could not be read (a broken build).
    #[error("the bundled font {name} could not be read; reinstall the app")]
    Font {
        /// The font's name.
        name: &'static str,
    },
    /// The quote is a man–woman range: a handout is for one patient.
    #[error("choose female or male first: the estimate is printed for one patient")]
    NeedsSex,
    /// The patient's name cannot be printed (too long, or a control character).
    #[error("{0}")]
    Name(#[from] crate::patient::NameError),
    /// The quote number is empty, too long, or holds a character other than letters, digits
    /// and `-` `/` `_` `.` `#`.
    #[error(
        "the quote number \"{0}\" must be 1 to 32 letters, digits or - / _ . #; check what the register issued"
    )]
    QuoteNumber(String),
    /// The valid-until date falls outside the calendar.
    #[error(
        "the quote date plus the sheet's validity is past the end of the calendar; check the quote date"
    )]
    DateOutOfRange,
}

impl PdfError {
    /// A stable code for scripts and tests.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::Unprintable { .. } => "pdf_unprintable",
            PdfError::Font { .. } => "pdf_font",
            PdfError::NeedsSex => "pdf_needs_sex",
            PdfError::Name(_) => "pdf_name",
            PdfError::DateOutOfRange => "pdf_date_out_of_range",
            PdfError::QuoteNumber(_) => "pdf_quote_number",
        }
    }

    /// The message in `lang` (the `Display` form is English).
    pub fn explain(&self, lang: Lang) -> String {
        use crate::i18n::Arg;
        match self {
            PdfError::Unprintable { field, ch } => {
                // The fields the exporter names; any other text is quoted as it is.
                let what = match field.as_str() {
                    "the patient's name" => lang.tr("pdf-field-patient"),
                    "the clinic's name in the price sheet" => lang.tr("pdf-field-clinic-name"),
                    "the clinic's address in the price sheet" => {
                        lang.tr("pdf-field-clinic-address")
                    }
                    "the clinic's phone number in the price sheet" => {
                        lang.tr("pdf-field-clinic-phone")
                    }
                    "the staff member's name" => lang.tr("pdf-field-staff"),
                    other => other.to_string(),
                };
                // An invisible character is named by its code alone: quoted, it would show
                // the reader nothing (or garble the line).
                let key = if patient::is_invisible_char(*ch) {
                    "pdf-err-unprintable-invisible"
                } else {
                    "pdf-err-unprintable"
                };
                lang.tr_args(
                    key,
                    &[
                        ("field", Arg::Str(what)),
                        ("char", Arg::Str(ch.to_string())),
                        ("code", Arg::Str(codepoint(*ch))),
                    ],
                )
            }
            PdfError::Font { name } => {
                lang.tr_args("pdf-err-font", &[("name", Arg::Str((*name).to_string()))])
            }
            PdfError::NeedsSex => lang.tr("pdf-err-needs-sex"),
            PdfError::Name(e) => e.explain(lang),
            PdfError::DateOutOfRange => lang.tr("pdf-err-date"),
            PdfError::QuoteNumber(n) => lang.tr_args(
                "pdf-err-quote-number",
                &[("number", Arg::Str(crate::patient::escape_text(n)))],
            ),
        }
    }
}

/// The character as the English message names it: quoted with its code, or its code alone
/// when it is invisible.
fn shown_en(ch: char) -> String {
    if patient::is_invisible_char(ch) {
        format!("an invisible character ({})", codepoint(ch))
    } else {
        format!("\"{ch}\" ({})", codepoint(ch))
    }
}

/// The quote number trimmed; refused when empty, longer than [`MAX_QUOTE_NUMBER_CHARS`] or
/// holding anything but ASCII letters, digits and `-` `/` `_` `.` `#`.
fn check_quote_number(number: &str) -> Result<&str, PdfError> {
    let n = number.trim();
    let ok = !n.is_empty()
        && n.chars().count() <= MAX_QUOTE_NUMBER_CHARS
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-/_.#".contains(c));
    if ok {
        Ok(n)
    } else {
        Err(PdfError::QuoteNumber(number.to_string()))
    }
}

fn codepoint(ch: char) -> String {
    format!("U+{:04X}", u32::from(ch))
}

/// The producer written into the PDF's metadata.
pub const PRODUCER: &str = concat!("Dose & Cost Planner ", env!("CARGO_PKG_VERSION"));

/// Renders the estimate as PDF bytes.
///
/// Fails with [`PdfError::Unprintable`] when the patient's name, the clinic's details or
/// any other text holds a character neither bundled font has.
pub fn estimate_pdf(req: &PdfRequest<'_>) -> Result<Vec<u8>, PdfError> {
    let fonts = FontSet::for_lang(req.lang)?;

    // The texts a person typed: name them in the error.
    let patient = req
        .patient
        .map(crate::patient::check_name)
        .transpose()?
        .flatten()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "));
    if let Some(p) = &patient {
        fonts.check(p, "the patient's name")?;
    }
    let staff = req
        .staff
        .map(crate::patient::check_name)
        .transpose()?
        .flatten()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "));
    if let Some(s) = &staff {
        fonts.check(s, "the staff member's name")?;
    }
    let quote_number = req.quote_number.map(check_quote_number).transpose()?;
    let clinic = &req.quote.sheet().clinic;
    fonts.check(
        clinic.name.get(req.lang),
        "the clinic's name in the price sheet",
    )?;
    fonts.check(
        clinic.address.get(req.lang),
        "the clinic's address in the price sheet",
    )?;
    fonts.check(
        &clinic.phone,
        "the clinic's phone number in the price sheet",
    )?;

    let req = PdfRequest {
        patient: patient.as_deref(),
        staff: staff.as_deref(),
        quote_number,
        ..*req
    };
    let canvas = layout::draw(&req, &fonts)?;
    let pages: Vec<PdfPage> = canvas
        .into_pages()
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();

    let title = req.lang.tr_args(
        "pdf-doc-title",
        &[("clinic", clinic.name.get(req.lang).into())],
    );
    let mut doc = PdfDocument::new(&title);
    let date = DateTime::new_in_offset(
        Date {
            year: i32::from(req.quote.quote_date().year()),
            month: req.quote.quote_date().month().unsigned_abs(),
            day: req.quote.quote_date().day().unsigned_abs(),
        },
        Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    );
    let info = &mut doc.metadata.info;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.producer = PRODUCER.to_string();
    info.creator = PRODUCER.to_string();
    info.subject = layout::local_date(req.lang, req.quote.quote_date());
    for (slot, font) in fonts.used()? {
        doc.resources
            .fonts
            .map
            .insert(slot.font_id(), PdfFont::new(font));
    }
    let mut bytes = doc
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new());
    fix_document_id(&mut bytes);
    Ok(bytes)
}

/// printpdf writes a trailer `/ID` from a process-wide counter, so two renders in one
/// process would differ. Replace both identifiers, in place and with the same length, by a
/// hash of the document before the trailer, which makes equal inputs give equal bytes.
fn fix_document_id(bytes: &mut [u8]) {
    let Some(trailer) = rfind(bytes, b"trailer") else {
        return;
    };
    let Some(id) = find(&bytes[trailer..], b"/ID").map(|i| i + trailer) else {
        return;
    };
    // FNV-1a over everything before the trailer.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in &bytes[..trailer] {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut i = id + 3;
    let mut n = 0u64;
    while i < bytes.len() && bytes[i] != b']' {
        if bytes[i] == b'(' {
            let mut j = i + 1;
            let mut k = 0u64;
            while j < bytes.len() && bytes[j] != b')' {
                let nibble = (hash.rotate_left(((k * 4 + n * 7) % 64) as u32) & 0xf) as u8;
                bytes[j] = b'A' + nibble;
                j += 1;
                k += 1;
            }
            n += 1;
            i = j;
        }
        i += 1;
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
