//! The patient's name as typed at the desk or on the command line: checked once here, so
//! every face (PDF, saved quote, recovery file, terminal) gets the same clean text.
//!
//! Pure: no IO.

/// The longest name accepted, in characters (a full name in any script fits easily; the
/// PDF header has room for it on one or two lines).
pub const MAX_NAME_CHARS: usize = 60;

/// The oldest age accepted, in years (the CLI's `--age`, the desk's age field, a saved quote).
pub const MAX_AGE: u32 = 120;

/// The first year of a date accepted anywhere (a start, a quote date, a birth date).
pub const FIRST_YEAR: i16 = 1900;

/// The last year of a date accepted anywhere.
pub const LAST_YEAR: i16 = 2200;

/// Whether `date` lies in the years a clinic can mean ([`FIRST_YEAR`] to [`LAST_YEAR`]): a
/// year −9999 or 0000 is a typing or an editing mistake, never printed on an estimate.
pub fn plausible_date(date: jiff::civil::Date) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

/// Why a name is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Longer than [`MAX_NAME_CHARS`].
    #[error(
        "the patient's name is {chars} characters long; {MAX_NAME_CHARS} at most fit on the estimate"
    )]
    TooLong {
        /// Characters given.
        chars: usize,
    },
    /// A control or bidirectional-override character (a terminal escape, a bell, a
    /// right-to-left override) that would garble the estimate or the terminal.
    #[error("the patient's name contains an invisible control character ({}); type the name again", escape_char(*.0))]
    Control(char),
}

impl NameError {
    /// Stable code: `name_too_long` or `name_control_character`.
    pub fn code(&self) -> &'static str {
        match self {
            NameError::TooLong { .. } => "name_too_long",
            NameError::Control(_) => "name_control_character",
        }
    }

    /// The message in `lang`.
    pub fn explain(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Arg;
        match self {
            NameError::TooLong { chars } => lang.tr_args(
                "err-name-too-long",
                &[
                    ("chars", Arg::Num(*chars as f64)),
                    ("max", Arg::Num(MAX_NAME_CHARS as f64)),
                ],
            ),
            NameError::Control(c) => {
                lang.tr_args("err-name-control", &[("char", Arg::Str(escape_char(*c)))])
            }
        }
    }
}

/// Whether `c` must never reach a PDF, a file or a terminal as is: C0/C1 controls (BEL,
/// ESC, CSI U+009B…), and the bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) that reorder what a reader sees.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || c == '\u{200E}'
        || c == '\u{200F}'
}

/// Whether `c` shows nothing by itself (a space other than the ordinary one, a zero-width
/// or joining character, a direction mark, a variation selector, a tag, a soft hyphen, a
/// Hangul filler, or an unsafe character): a message names it by its code only, since
/// quoting it would show the reader nothing, or garble the line.
pub fn is_invisible_char(c: char) -> bool {
    let u = u32::from(c);
    (c.is_whitespace() && c != ' ')
        || is_unsafe_char(c)
        || matches!(
            u,
            0x00AD
                | 0x034F
                | 0x061C
                | 0x115F
                | 0x1160
                | 0x17B4
                | 0x17B5
                | 0x180B..=0x180F
                | 0x200B..=0x200F
                | 0x2028..=0x202F
                | 0x205F..=0x206F
                | 0x3164
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xFFA0
                | 0xFFF0..=0xFFFB
                | 0x1D173..=0x1D17A
                | 0xE0000..=0xE0FFF
        )
}

/// `U+001B` for a character shown in a message.
pub fn escape_char(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Whether a spreadsheet cell would be run as a formula by Excel or LibreOffice: it starts
/// with `=`, `+`, `-`, `@`, TAB or CR (OWASP's CSV-injection list). Every CSV the app writes
/// guards such a cell with a leading `'`.
pub fn starts_a_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text made safe to print on a terminal or in a banner: every unsafe character (see
/// [`is_unsafe_char`]) but the line break is written as `<U+XXXX>`.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c != '\n' && is_unsafe_char(c) {
            out.push('<');
            out.push_str(&escape_char(c));
            out.push('>');
        } else {
            out.push(c);
        }
    }
    out
}

/// The name trimmed, or `None` when empty; refused when too long or when it holds a control
/// character.
pub fn check_name(name: &str) -> Result<Option<String>, NameError> {
    let name = name.trim();
    if let Some(c) = name.chars().find(|c| is_unsafe_char(*c)) {
        return Err(NameError::Control(c));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(NameError::TooLong { chars });
    }
    Ok((!name.is_empty()).then(|| name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(check_name("  山田 花子 "), Ok(Some("山田 花子".into())));
        assert_eq!(check_name("   "), Ok(None));
        assert_eq!(check_name("Taro\u{7}"), Err(NameError::Control('\u{7}')));
        assert_eq!(
            check_name("a\u{202E}b"),
            Err(NameError::Control('\u{202E}'))
        );
        assert_eq!(check_name("a\u{9B}b"), Err(NameError::Control('\u{9B}')));
        assert_eq!(
            check_name(&"x".repeat(60)).map(|n| n.map(|s| s.len())),
            Ok(Some(60))
        );
        assert_eq!(
            check_name(&"あ".repeat(61)),
            Err(NameError::TooLong { chars: 61 })
        );
        assert_eq!(escape_text("a\u{1b}[2Jb\u{202E}"), "a<U+001B>[2Jb<U+202E>");
        for c in [
            '\u{200B}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{3000}',
            '\u{E0041}',
            '\u{1B}',
        ] {
            assert!(is_invisible_char(c), "{}", escape_char(c));
        }
        for c in ['a', ' ', '山', '😀', 'ー'] {
            assert!(!is_invisible_char(c), "{}", escape_char(c));
        }
    }
}
