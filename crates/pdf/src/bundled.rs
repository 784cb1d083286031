//! The bundled fonts, compiled into the binary so the app and the PDF never depend on the
//! machine's fonts. Licence files sit beside them in `assets/fonts/`.

/// IPAex Gothic (IPA Font License v1.0): Japanese and Latin, no Hangul.
pub const IPAEX_GOTHIC: &[u8] = include_bytes!("../../../assets/fonts/ipaexg.ttf");

/// Nanum Gothic (SIL Open Font License 1.1): Korean and Latin.
pub const NANUM_GOTHIC: &[u8] = include_bytes!("../../../assets/fonts/NanumGothic.ttf");
