//! The two bundled faces as the PDF sees them: which face draws each character, and how wide
//! a piece of text is. Never writes a file and never draws a character a face lacks.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont};

use super::PdfError;
use crate::i18n::Lang;

/// Which of the two loaded faces draws a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The language's own face (IPAex Gothic for ja/en, Nanum Gothic for ko).
    Primary,
    /// The other bundled face, for characters the primary lacks.
    Fallback,
}

impl Slot {
    /// The resource name of the face in the PDF (fixed, so output is deterministic).
    pub(crate) fn font_id(self) -> FontId {
        match self {
            Slot::Primary => FontId("DCPAAA".to_string()),
            Slot::Fallback => FontId("DCPAAB".to_string()),
        }
    }
}

/// One parsed face with the figures needed to measure text.
pub(crate) struct Face {
    /// The parsed face (kept with its bytes for embedding).
    pub(crate) font: ParsedFont,
    units_per_em: f32,
}

impl Face {
    fn parse(bytes: &[u8], name: &'static str) -> Result<Face, PdfError> {
        let font =
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(PdfError::Font { name })?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        Ok(Face { font, units_per_em })
    }

    fn glyph(&self, ch: char) -> Option<u16> {
        self.font
            .lookup_glyph_index(u32::from(ch))
            .filter(|g| *g != 0)
    }

    fn advance(&self, gid: u16, size: f32) -> f32 {
        f32::from(self.font.get_horizontal_advance(gid)) * size / self.units_per_em
    }
}

/// A bundled face, parsed the first time a document needs it and kept for the process: an
/// app's later exports measure and embed from the same parsed face instead of parsing the
/// 4–6 MB font again.
pub(crate) struct Bundled {
    bytes: &'static [u8],
    name: &'static str,
    parsed: OnceLock<Result<Face, PdfError>>,
}

/// IPAex Gothic: Japanese and Latin.
static IPAEX: Bundled = Bundled {
    bytes: crate::bundled::IPAEX_GOTHIC,
    name: "IPAex Gothic",
    parsed: OnceLock::new(),
};

/// Nanum Gothic: Korean and Latin.
static NANUM: Bundled = Bundled {
    bytes: crate::bundled::NANUM_GOTHIC,
    name: "Nanum Gothic",
    parsed: OnceLock::new(),
};

impl Bundled {
    fn face(&'static self) -> Result<&'static Face, PdfError> {
        self.parsed
            .get_or_init(|| Face::parse(self.bytes, self.name))
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// The faces of one document: the primary face is parsed at once, the fallback only when a
/// character needs it.
pub(crate) struct FontSet {
    primary: &'static Face,
    fallback_face: &'static Bundled,
    fallback: OnceCell<Result<&'static Face, PdfError>>,
    fallback_used: Cell<bool>,
    /// Face, glyph and advance (in ems) of each character looked up so far.
    cache: RefCell<HashMap<char, Option<(Slot, f32)>>>,
}

impl FontSet {
    /// The faces for `lang`: Nanum Gothic first for Korean, IPAex Gothic first otherwise.
    pub(crate) fn for_lang(lang: Lang) -> Result<FontSet, PdfError> {
        let (primary, fallback) = match lang {
            Lang::Ko => (&NANUM, &IPAEX),
            Lang::Ja | Lang::En => (&IPAEX, &NANUM),
        };
        Ok(FontSet {
            primary: primary.face()?,
            fallback_face: fallback,
            fallback: OnceCell::new(),
            fallback_used: Cell::new(false),
            cache: RefCell::new(HashMap::new()),
        })
    }

    fn fallback(&self) -> Option<&'static Face> {
        self.fallback
            .get_or_init(|| self.fallback_face.face())
            .as_ref()
            .ok()
            .copied()
    }

    /// The face that draws `ch` and its advance in ems, or `None` when neither face has it.
    fn pick(&self, ch: char) -> Option<(Slot, f32)> {
        if let Some(hit) = self.cache.borrow().get(&ch) {
            return *hit;
        }
        let found = if let Some(g) = self.primary.glyph(ch) {
            Some((Slot::Primary, self.primary.advance(g, 1.0)))
        } else {
            self.fallback().and_then(|face| {
                face.glyph(ch)
                    .map(|g| (Slot::Fallback, face.advance(g, 1.0)))
            })
        };
        self.cache.borrow_mut().insert(ch, found);
        found
    }

    /// Checks that every character of `text` can be drawn; `field` names the text in the
    /// error (e.g. "the patient's name").
    pub(crate) fn check(&self, text: &str, field: &str) -> Result<(), PdfError> {
        match text.chars().find(|c| self.pick(*c).is_none()) {
            None => Ok(()),
            Some(ch) => Err(PdfError::Unprintable {
                field: field.to_string(),
                ch,
            }),
        }
    }

    /// `text` split into runs of one face each. Fails on a character neither face has.
    pub(crate) fn runs(&self, text: &str) -> Result<Vec<(Slot, String)>, PdfError> {
        let mut out: Vec<(Slot, String)> = Vec::new();
        for ch in text.chars() {
            let Some((slot, _)) = self.pick(ch) else {
                return Err(PdfError::Unprintable {
                    field: format!("the text \"{text}\""),
                    ch,
                });
            };
            if slot == Slot::Fallback {
                self.fallback_used.set(true);
            }
            match out.last_mut() {
                Some((s, run)) if *s == slot => run.push(ch),
                _ => out.push((slot, ch.to_string())),
            }
        }
        Ok(out)
    }

    /// The width of `text` at `size` pt, from the glyph advances (characters no face has
    /// count as zero; [`FontSet::runs`] reports them when the text is drawn).
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .filter_map(|c| self.pick(c))
            .map(|(_, em)| em * size)
            .sum()
    }

    /// The faces that were drawn with, for embedding.
    pub(crate) fn used(&self) -> Vec<(Slot, &ParsedFont)> {
        let mut out = vec![(Slot::Primary, &self.primary.font)];
        if self.fallback_used.get()
            && let Some(face) = self.fallback()
        {
            out.push((Slot::Fallback, &face.font));
        }
        out
    }
}
