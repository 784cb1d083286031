//! The two bundled faces as the PDF sees them: which face draws each character, and how wide
//! a piece of text is. Never writes a file and never draws a character a face lacks.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;

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

/// The faces of one document: the primary face is parsed at once, the fallback only when a
/// character needs it.
pub(crate) struct FontSet {
    primary: Face,
    fallback_bytes: &'static [u8],
    fallback_name: &'static str,
    fallback: OnceCell<Result<Face, PdfError>>,
    fallback_used: Cell<bool>,
    /// Face, glyph and advance (in ems) of each character looked up so far.
    cache: RefCell<HashMap<char, Option<(Slot, f32)>>>,
}

impl FontSet {
    /// The faces for `lang`: Nanum Gothic first for Korean, IPAex Gothic first otherwise.
    pub(crate) fn for_lang(lang: Lang) -> Result<FontSet, PdfError> {
        const IPAEX: (&[u8], &str) = (crate::bundled::IPAEX_GOTHIC, "IPAex Gothic");
        const NANUM: (&[u8], &str) = (crate::bundled::NANUM_GOTHIC, "Nanum Gothic");
        let (primary, fallback) = match lang {
            Lang::Ko => (NANUM, IPAEX),
            Lang::Ja | Lang::En => (IPAEX, NANUM),
        };
        Ok(FontSet {
            primary: Face::parse(primary.0, primary.1)?,
            fallback_bytes: fallback.0,
            fallback_name: fallback.1,
            fallback: OnceCell::new(),
            fallback_used: Cell::new(false),
            cache: RefCell::new(HashMap::new()),
        })
    }

    fn fallback(&self) -> Option<&Face> {
        self.fallback
            .get_or_init(|| Face::parse(self.fallback_bytes, self.fallback_name))
            .as_ref()
            .ok()
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
