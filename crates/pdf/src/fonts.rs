//! The two bundled faces as the PDF sees them: which face draws each character, and how wide
//! a piece of text is. Never writes a file and never draws a character a face lacks.

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont};
use skera::{Plan, SubsetFlags, subset_font};
use skrifa::MetadataProvider;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::collections::IntSet;
use skrifa::raw::types::{NameId, Tag};
use skrifa::raw::{FontRef, TableProvider};

use super::PdfError;
use crate::i18n::Lang;

/// Which of the two loaded faces draws a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

/// One bundled face read in place (skrifa reads the tables where they lie in the binary:
/// nothing is copied or parsed whole) with what is needed to measure text.
pub(crate) struct Face {
    font: FontRef<'static>,
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
    name: &'static str,
}

impl Face {
    fn read(bytes: &'static [u8], name: &'static str) -> Result<Face, PdfError> {
        let font = FontRef::new(bytes).map_err(|_| PdfError::Font { name })?;
        let units_per_em = font
            .head()
            .map_err(|_| PdfError::Font { name })?
            .units_per_em();
        Ok(Face {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em: f32::from(units_per_em.max(1)),
            font,
            name,
        })
    }

    /// The advance of `ch` in ems, or `None` when the face has no glyph for it.
    fn advance(&self, ch: char) -> Option<f32> {
        let gid = self.charmap.map(ch).filter(|g| g.to_u32() != 0)?;
        Some(self.metrics.advance_width(gid).unwrap_or(0.0) / self.units_per_em)
    }

    /// A font holding only the glyphs of `chars`, without hinting or layout tables (a PDF
    /// viewer uses neither), parsed for printpdf to embed. Subsetting here, with Google's
    /// fontations subsetter, spares printpdf from parsing and copying the whole 4–6 MB face
    /// and keeps the hinting programs (~45 % of a CJK subset) out of the file.
    fn subset(&self, chars: &BTreeSet<char>) -> Result<ParsedFont, PdfError> {
        let name = self.name;
        let mut unicodes = IntSet::<u32>::empty();
        unicodes.extend(chars.iter().map(|c| u32::from(*c)));
        let mut drop_tables = IntSet::<Tag>::empty();
        drop_tables.extend(DROPPED_TABLES.iter().map(|t| Tag::new(t)));
        let mut name_ids = IntSet::<NameId>::empty();
        name_ids.insert_range(NameId::from(0)..=NameId::from(6));
        let mut name_languages = IntSet::<u16>::empty();
        name_languages.insert(0x0409);
        let plan = Plan::new(
            &IntSet::empty(),
            &unicodes,
            &self.font,
            SubsetFlags::SUBSET_FLAGS_NO_HINTING,
            &drop_tables,
            &IntSet::empty(),
            &IntSet::empty(),
            &name_ids,
            &name_languages,
        );
        let bytes = subset_font(&self.font, &plan).map_err(|_| PdfError::Font { name })?;
        ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or(PdfError::Font { name })
    }
}

/// Tables a PDF viewer never reads: layout (text is placed glyph by glyph), vertical
/// metrics, bitmaps and device tables. Hinting goes by `SUBSET_FLAGS_NO_HINTING`.
const DROPPED_TABLES: [&[u8; 4]; 22] = [
    b"GSUB", b"GPOS", b"GDEF", b"BASE", b"JSTF", b"DSIG", b"kern", b"morx", b"mort", b"kerx",
    b"vhea", b"vmtx", b"VORG", b"gasp", b"hdmx", b"LTSH", b"VDMX", b"PCLT", b"EBDT", b"EBLC",
    b"EBSC", b"meta",
];

/// A bundled face, read the first time a document needs it and kept for the process.
pub(crate) struct Bundled {
    bytes: &'static [u8],
    name: &'static str,
    read: OnceLock<Result<Face, PdfError>>,
}

/// IPAex Gothic: Japanese and Latin.
static IPAEX: Bundled = Bundled {
    bytes: crate::bundled::IPAEX_GOTHIC,
    name: "IPAex Gothic",
    read: OnceLock::new(),
};

/// Nanum Gothic: Korean and Latin.
static NANUM: Bundled = Bundled {
    bytes: crate::bundled::NANUM_GOTHIC,
    name: "Nanum Gothic",
    read: OnceLock::new(),
};

impl Bundled {
    fn face(&'static self) -> Result<&'static Face, PdfError> {
        self.read
            .get_or_init(|| Face::read(self.bytes, self.name))
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// The faces of one document: the primary face is read at once, the fallback only when a
/// character needs it.
pub(crate) struct FontSet {
    primary: &'static Face,
    fallback_face: &'static Bundled,
    fallback: OnceCell<Result<&'static Face, PdfError>>,
    /// The characters drawn so far with each face: what its embedded subset must hold.
    drawn: RefCell<[BTreeSet<char>; 2]>,
    /// Face and advance (in ems) of each character looked up so far.
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
            drawn: RefCell::new([BTreeSet::new(), BTreeSet::new()]),
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
        let found = match self.primary.advance(ch) {
            Some(em) => Some((Slot::Primary, em)),
            None => self
                .fallback()
                .and_then(|face| face.advance(ch))
                .map(|em| (Slot::Fallback, em)),
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
        let mut drawn = self.drawn.borrow_mut();
        for ch in text.chars() {
            let Some((slot, _)) = self.pick(ch) else {
                return Err(PdfError::Unprintable {
                    field: format!("the text \"{text}\""),
                    ch,
                });
            };
            drawn[slot as usize].insert(ch);
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

    /// Each face that was drawn with, as a subset of the characters it drew, for embedding.
    pub(crate) fn used(&self) -> Result<Vec<(Slot, ParsedFont)>, PdfError> {
        let drawn = self.drawn.borrow();
        let mut out = Vec::new();
        for (slot, face) in [
            (Slot::Primary, Some(self.primary)),
            (
                Slot::Fallback,
                self.fallback.get().and_then(|f| f.as_ref().ok().copied()),
            ),
        ] {
            let chars = &drawn[slot as usize];
            if let Some(face) = face
                && !chars.is_empty()
            {
                out.push((slot, face.subset(chars)?));
            }
        }
        Ok(out)
    }
}
