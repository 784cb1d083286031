//! Search keys: the normalised form of names and patient numbers that prefix searches
//! compare, and the upper end of a prefix's range.
//!
//! A prefix search is `key >= prefix AND key < upper_bound(prefix)` on an index: a range
//! scan, never `LIKE '%…'` over the whole table. It is exact because the database compares
//! text by code point (SQLite's BINARY collation compares UTF-8 bytes, whose order is the
//! code points' order).

/// The search key of a name or a patient number: what a person may type differently for
/// the same thing is made the same.
///
/// - Latin letters in lower case (Unicode lower case: `Émile` → `émile`);
/// - full-width Latin letters, digits and signs (`Ｔａｎａｋａ`, `１２３`) as ASCII, and the
///   ideographic space as a space;
/// - hiragana as katakana (`たなか` finds `タナカ`);
/// - spaces trimmed at both ends and runs of spaces made one;
/// - first of all, Unicode NFC (`unicode-normalization`): `が` typed as one character or as
///   `か` + a combining voiced mark, `é` precomposed or not, are the same key.
///
/// Kanji and Hangul are kept as they are: `田` finds `田中`, `김` finds `김민지`.
pub fn search_key(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut key = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfc() {
        let c = fold(c);
        if c.is_whitespace() {
            pending_space = !key.is_empty();
            continue;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        key.extend(c.to_lowercase());
    }
    key
}

/// One character folded: full-width ASCII to ASCII, the ideographic space to a space,
/// hiragana to katakana.
fn fold(c: char) -> char {
    let code = u32::from(c);
    let folded = match code {
        // FULLWIDTH EXCLAMATION MARK … FULLWIDTH TILDE ↔ '!' … '~'.
        0xFF01..=0xFF5E => code - 0xFF01 + 0x21,
        0x3000 => 0x20,
        // Hiragana ぁ … ゖ and the iteration marks ゝ ゞ ↔ katakana ァ … ヶ, ヽ ヾ.
        0x3041..=0x3096 | 0x309D..=0x309E => code + 0x60,
        _ => code,
    };
    char::from_u32(folded).unwrap_or(c)
}

/// The smallest text greater than every text that starts with `prefix`: `prefix` with its
/// last character replaced by the next one (`tan` → `tao`, `田` U+7530 → `由` U+7531).
/// `None` when there is none (an empty prefix, or one made only of the last character of
/// Unicode): then the range has no upper end.
pub fn upper_bound(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        if let Some(next) = next_char(last) {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// The next Unicode scalar value after `c` (skipping the surrogate gap), if any.
fn next_char(c: char) -> Option<char> {
    let mut code = u32::from(c).checked_add(1)?;
    if (0xD800..=0xDFFF).contains(&code) {
        code = 0xE000;
    }
    char::from_u32(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_width_kana_and_spaces() {
        assert_eq!(search_key("Tanaka Hanako"), "tanaka hanako");
        assert_eq!(
            search_key("  ＴＡＮＡＫＡ\u{3000}\u{3000}花子 "),
            "tanaka 花子"
        );
        assert_eq!(search_key("たなか"), "タナカ");
        assert_eq!(search_key("Émile"), "émile");
        assert_eq!(search_key("田中 花子"), "田中 花子");
        assert_eq!(search_key("김민지"), "김민지");
        assert_eq!(search_key("Ａ－０１２"), "a-012");
        // NFC: one key however the keyboard composed the character.
        assert_eq!(search_key("か\u{3099}5"), search_key("が5"));
        assert_eq!(search_key("e\u{301}mile"), search_key("émile"));
        assert_eq!(search_key("１２３"), search_key("123"));
        assert_eq!(search_key("A  7"), search_key("a 7"));
    }

    #[test]
    fn the_upper_bound_is_just_past_every_text_with_the_prefix() {
        assert_eq!(upper_bound("tan").as_deref(), Some("tao"));
        assert_eq!(upper_bound("田").as_deref(), Some("由"));
        assert_eq!(upper_bound("a\u{D7FF}").as_deref(), Some("a\u{E000}"));
        assert_eq!(upper_bound("a\u{10FFFF}").as_deref(), Some("b"));
        assert_eq!(upper_bound("\u{10FFFF}"), None);
        assert_eq!(upper_bound(""), None);
        // Byte order agrees: every text with the prefix sorts below the bound.
        for text in ["tan", "tanaka", "tan\u{10FFFF}\u{10FFFF}", "tanz"] {
            assert!(text.as_bytes() < "tao".as_bytes());
        }
    }
}
