//! The one localisation layer: every string a person reads comes from the Fluent files in
//! `assets/i18n/` (compiled in), looked up by key.
//!
//! Pure: no file access at run time, so the core may use it for warning messages.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A language of the app and of the patient's estimate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Japanese (the default).
    #[default]
    Ja,
    /// English.
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// All languages, in the order the app offers them.
    pub const ALL: [Lang; 3] = [Lang::Ja, Lang::En, Lang::Ko];

    /// The ISO 639-1 code (`ja`, `en`, `ko`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language's own name, as shown in a language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// Parses `ja`, `en` or `ko`.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The Fluent files of this language: the core's, the app's, the PDF's, the command
    /// line's, the file layer's, the register's and the window shell's.
    fn sources(self) -> [&'static str; 8] {
        match self {
            Lang::Ja => [
                include_str!("../../../assets/i18n/ja/core.ftl"),
                include_str!("../../../assets/i18n/ja/app.ftl"),
                include_str!("../../../assets/i18n/ja/pdf.ftl"),
                include_str!("../../../assets/i18n/ja/cli.ftl"),
                include_str!("../../../assets/i18n/ja/files.ftl"),
                include_str!("../../../assets/i18n/ja/register.ftl"),
                include_str!("../../../assets/i18n/ja/shell.ftl"),
                include_str!("../../../assets/i18n/ja/prices.ftl"),
            ],
            Lang::En => [
                include_str!("../../../assets/i18n/en/core.ftl"),
                include_str!("../../../assets/i18n/en/app.ftl"),
                include_str!("../../../assets/i18n/en/pdf.ftl"),
                include_str!("../../../assets/i18n/en/cli.ftl"),
                include_str!("../../../assets/i18n/en/files.ftl"),
                include_str!("../../../assets/i18n/en/register.ftl"),
                include_str!("../../../assets/i18n/en/shell.ftl"),
                include_str!("../../../assets/i18n/en/prices.ftl"),
            ],
            Lang::Ko => [
                include_str!("../../../assets/i18n/ko/core.ftl"),
                include_str!("../../../assets/i18n/ko/app.ftl"),
                include_str!("../../../assets/i18n/ko/pdf.ftl"),
                include_str!("../../../assets/i18n/ko/cli.ftl"),
                include_str!("../../../assets/i18n/ko/files.ftl"),
                include_str!("../../../assets/i18n/ko/register.ftl"),
                include_str!("../../../assets/i18n/ko/shell.ftl"),
                include_str!("../../../assets/i18n/ko/prices.ftl"),
            ],
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::Ja => 0,
            Lang::En => 1,
            Lang::Ko => 2,
        }
    }

    /// The message for `key` in this language; the key itself if it is missing
    /// (a test checks that every key exists in every language).
    pub fn tr(self, key: &str) -> String {
        self.tr_args(key, &[])
    }

    /// The message for `key` with named arguments, e.g. `("mg", 40.into())`.
    pub fn tr_args(self, key: &str, args: &[(&str, Arg)]) -> String {
        let bundle = bundle(self);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            let v: FluentValue = match value {
                Arg::Str(s) => FluentValue::from(s.clone()),
                Arg::Num(n) => FluentValue::from(*n),
            };
            fargs.set(*name, v);
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }

    /// A date in this language's usual long form: 2027年5月29日, 29 May 2027, 2027년 5월 29일.
    pub fn format_date(self, d: jiff::civil::Date) -> String {
        self.tr_args(
            "date-long",
            &[
                ("y", Arg::Str(d.year().to_string())),
                ("m", Arg::Num(f64::from(d.month()))),
                ("d", Arg::Num(f64::from(d.day()))),
            ],
        )
    }

    /// Whether `key` exists in this language's file.
    pub fn has(self, key: &str) -> bool {
        bundle(self).has_message(key)
    }

    /// Every message key defined for this language.
    pub fn keys(self) -> Vec<String> {
        self.sources()
            .iter()
            .flat_map(|s| s.lines())
            .filter_map(|line| {
                let (key, _) = line.split_once(" =")?;
                let key = key.trim_end();
                (!key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .then(|| key.to_string())
            })
            .collect()
    }
}

/// An argument to a message: text or a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, used as it is.
    Str(String),
    /// A number (Fluent formats it).
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Num(f64::from(n))
    }
}

/// This language's messages, parsed the first time they are asked for: a run in one
/// language (a CLI quote, a PDF) never parses the other two.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    BUNDLES[lang.index()].get_or_init(|| build_bundle(lang))
}

fn build_bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let langid: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // No Unicode isolation marks: they would print as boxes in the PDF.
    bundle.set_use_isolating(false);
    for source in lang.sources() {
        let resource = match FluentResource::try_new(source.to_string()) {
            Ok(r) => r,
            // A syntax error in a shipped file: keep the messages that parsed (a test fails).
            Err((r, _)) => r,
        };
        // Duplicate keys are caught by a test; keep the first.
        let _ = bundle.add_resource(resource);
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_every_language_and_parses() {
        for lang in Lang::ALL {
            for (i, source) in lang.sources().iter().enumerate() {
                assert!(
                    FluentResource::try_new(source.to_string()).is_ok(),
                    "{lang:?} file {i} has a syntax error"
                );
            }
        }
        let en = Lang::En.keys();
        assert!(en.len() > 20);
        for lang in Lang::ALL {
            let keys = lang.keys();
            let mut sorted = keys.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), keys.len(), "{lang:?} has a duplicate key");
            for key in &en {
                assert!(lang.has(key), "{lang:?} lacks {key}");
            }
            for key in &keys {
                assert!(Lang::En.has(key), "en lacks {key} that {lang:?} has");
            }
        }
    }

    #[test]
    fn arguments_are_filled_in_without_isolation_marks() {
        let s = Lang::En.tr_args(
            "warn-dose-above-2-mg-per-kg",
            &[("mgkg", "2.5".into()), ("month", "1".into())],
        );
        assert!(s.contains("2.5"), "{s}");
        assert!(!s.contains('\u{2068}'));
    }
}
