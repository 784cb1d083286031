//! Drawing on A4 pages with coordinates measured from the top-left corner in points: text
//! (left, right or centre aligned, measured from glyph advances), rules, filled boxes, and
//! line wrapping. Turns them into printpdf `Op`s. Never writes a file.

use printpdf::{
    Color, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, Rgb, TextItem,
    TextRenderingMode, WindingOrder,
};

use super::PdfError;
use super::fonts::FontSet;

/// A4 width in points.
pub(crate) const PAGE_W: f32 = 595.28;
/// A4 height in points.
pub(crate) const PAGE_H: f32 = 841.89;

/// An RGB colour, 0–255 per channel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb8(pub u8, pub u8, pub u8);

impl Rgb8 {
    fn color(self) -> Color {
        Color::Rgb(Rgb {
            r: f32::from(self.0) / 255.0,
            g: f32::from(self.1) / 255.0,
            b: f32::from(self.2) / 255.0,
            icc_profile: None,
        })
    }
}

/// Body text.
pub(crate) const INK: Rgb8 = Rgb8(0x1f, 0x23, 0x28);
/// Labels and notes.
pub(crate) const MUTED: Rgb8 = Rgb8(0x5f, 0x66, 0x6d);
/// Title, headings and the course total.
pub(crate) const ACCENT: Rgb8 = Rgb8(0x1d, 0x4e, 0x89);
/// Table rules.
pub(crate) const RULE: Rgb8 = Rgb8(0xb8, 0xbf, 0xc6);
/// Table header and summary band.
pub(crate) const TINT: Rgb8 = Rgb8(0xea, 0xf0, 0xf7);
/// Alternate table rows.
pub(crate) const STRIPE: Rgb8 = Rgb8(0xf6, 0xf8, 0xfa);

/// Horizontal alignment of a piece of text against its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// `x` is the left edge.
    Left,
    /// `x` is the right edge.
    Right,
    /// `x` is the centre.
    Center,
}

/// How a piece of text looks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub color: Rgb8,
    /// Drawn heavier (fill and stroke: the bundled faces have no bold).
    pub bold: bool,
}

impl Style {
    /// Regular text of `size` in `color`.
    pub(crate) const fn new(size: f32, color: Rgb8) -> Style {
        Style {
            size,
            color,
            bold: false,
        }
    }

    /// The same, heavier.
    pub(crate) const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
}

/// The pages being drawn, with a shared set of faces.
pub(crate) struct Canvas<'f> {
    /// The faces used to measure and draw.
    pub fonts: &'f FontSet,
    pages: Vec<Vec<Op>>,
}

impl<'f> Canvas<'f> {
    /// A canvas with one empty page.
    pub(crate) fn new(fonts: &'f FontSet) -> Canvas<'f> {
        Canvas {
            fonts,
            pages: vec![Vec::new()],
        }
    }

    /// Starts a new page; drawing goes there from now on.
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
    }

    /// Number of pages so far.
    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Draws on page `index` (0-based) instead of the last one, e.g. for footers.
    pub(crate) fn on_page<R>(&mut self, index: usize, f: impl FnOnce(&mut Canvas<'f>) -> R) -> R {
        let last = self.pages.len() - 1;
        self.pages.swap(index, last);
        let r = f(self);
        self.pages.swap(index, last);
        r
    }

    /// The pages' operations.
    pub(crate) fn into_pages(self) -> Vec<Vec<Op>> {
        self.pages
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        // `pages` is never empty: `new` makes one page and pages are only added.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// The width of `text` in `style`.
    pub(crate) fn width(&self, text: &str, style: Style) -> f32 {
        self.fonts.width(text, style.size)
    }

    /// Draws `text` with its baseline at `y` (from the top), aligned against `x`.
    pub(crate) fn text(
        &mut self,
        text: &str,
        x: f32,
        y: f32,
        align: Align,
        style: Style,
    ) -> Result<(), PdfError> {
        if text.is_empty() {
            return Ok(());
        }
        let runs = self.fonts.runs(text)?;
        let w = self.width(text, style);
        let mut cx = match align {
            Align::Left => x,
            Align::Right => x - w,
            Align::Center => x - w / 2.0,
        };
        let color = style.color.color();
        let ops = {
            let mut ops = Vec::new();
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetFillColor { col: color.clone() });
            if style.bold {
                ops.push(Op::SetOutlineColor { col: color });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(style.size * 0.035),
                });
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::FillStroke,
                });
            }
            for (slot, run) in runs {
                let run_w = self.fonts.width(&run, style.size);
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(slot.font_id()),
                    size: Pt(style.size),
                });
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(cx),
                        y: Pt(PAGE_H - y),
                    },
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(run)],
                });
                ops.push(Op::EndTextSection);
                cx += run_w;
            }
            ops.push(Op::RestoreGraphicsState);
            ops
        };
        self.ops().extend(ops);
        Ok(())
    }

    /// A straight rule from (x1, y1) to (x2, y2).
    pub(crate) fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Rgb8) {
        let point = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(PAGE_H - y),
            },
            bezier: false,
        };
        let ops = [
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: color.color() },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(x1, y1), point(x2, y2)],
                    is_closed: false,
                },
            },
            Op::RestoreGraphicsState,
        ];
        self.ops().extend(ops);
    }

    /// A filled box whose top-left corner is (x, y).
    pub(crate) fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb8) {
        let ops = [
            Op::SaveGraphicsState,
            Op::SetFillColor { col: color.color() },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(PAGE_H - y - h),
                    width: Pt(w),
                    height: Pt(h),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            },
            Op::RestoreGraphicsState,
        ];
        self.ops().extend(ops);
    }

    /// `text` broken into lines no wider than `max_w` in `style`: at spaces, and between
    /// Japanese or Chinese characters (not before closing punctuation).
    pub(crate) fn wrap(&self, text: &str, max_w: f32, style: Style) -> Vec<String> {
        wrap_with(text, max_w, |s| self.width(s, style))
    }

    /// A table heading on at most `lines` lines (1 to 3), broken where its widest line is
    /// narrowest: at spaces, and between Japanese or Chinese characters but never inside a
    /// katakana word or next to Latin letters and digits ("mg/日" stays whole).
    pub(crate) fn heading_lines(&self, text: &str, lines: usize, style: Style) -> Vec<String> {
        balanced_with(text, lines, |s| self.width(s, style))
    }
}

/// Whether a table heading may break between `a` and `b`.
fn heading_may_break(a: char, b: char) -> bool {
    if a == ' ' || b == ' ' {
        return a == ' ' && b != ' ';
    }
    let katakana = |c: char| matches!(u32::from(c), 0x30A0..=0x30FF);
    is_cjk(a) && is_cjk(b) && !(katakana(a) && katakana(b)) && may_break(a, b)
}

/// `text` in at most `lines` lines (1 to 3) whose widest line is as narrow as it can be; of
/// equally wide breaks, fewer lines, then the longer first lines.
fn balanced_with(text: &str, lines: usize, width: impl Fn(&str) -> f32) -> Vec<String> {
    let chars: Vec<char> = text.trim().chars().collect();
    let breaks: Vec<usize> = (1..chars.len())
        .filter(|&i| heading_may_break(chars[i - 1], chars[i]))
        .collect();
    let piece = |from: usize, to: usize| -> String {
        chars[from..to]
            .iter()
            .collect::<String>()
            .trim()
            .to_string()
    };
    let mut best = vec![piece(0, chars.len())];
    let mut best_w = width(&best[0]);
    let mut consider = |cand: Vec<String>| {
        let w = cand.iter().map(|l| width(l)).fold(0.0, f32::max);
        if w < best_w - 0.01 || (w <= best_w + 0.01 && cand.len() == best.len()) {
            best = cand;
            best_w = w;
        }
    };
    if lines >= 2 {
        for &p in &breaks {
            consider(vec![piece(0, p), piece(p, chars.len())]);
        }
    }
    if lines >= 3 {
        for (k, &p) in breaks.iter().enumerate() {
            for &q in &breaks[k + 1..] {
                consider(vec![piece(0, p), piece(p, q), piece(q, chars.len())]);
            }
        }
    }
    best
}

/// Whether a line may break between `a` and `b`.
fn may_break(a: char, b: char) -> bool {
    if a == ' ' {
        return b != ' ';
    }
    let no_start = "、。，．・：；？！ー）」』】〕〉》”’ゃゅょっャュョッぁぃぅぇぉァィゥェォ々,.)";
    if no_start.contains(b) {
        return false;
    }
    let no_end = "（「『【〔〈《“‘(";
    if no_end.contains(a) {
        return false;
    }
    is_cjk(a) || is_cjk(b)
}

/// Japanese and Chinese characters, which break anywhere (Hangul breaks at spaces).
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Greedy line breaking with a width function.
fn wrap_with(text: &str, max_w: f32, width: impl Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let chars: Vec<char> = para.chars().collect();
        let mut start = 0;
        while start < chars.len() {
            // Skip spaces at the start of a continuation line.
            while start < chars.len() && chars[start] == ' ' && !lines.is_empty() {
                start += 1;
            }
            let mut end = start;
            let mut last_break: Option<usize> = None;
            while end < chars.len() {
                let candidate: String = chars[start..=end].iter().collect();
                if width(candidate.trim_end()) > max_w && end > start {
                    break;
                }
                if end + 1 < chars.len() && may_break(chars[end], chars[end + 1]) {
                    last_break = Some(end + 1);
                }
                end += 1;
            }
            let cut = if end >= chars.len() {
                chars.len()
            } else {
                last_break.filter(|b| *b > start).unwrap_or(end)
            };
            let line: String = chars[start..cut].iter().collect();
            lines.push(line.trim_end().to_string());
            start = cut;
        }
        if chars.is_empty() {
            lines.push(String::new());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap10(s: &str) -> Vec<String> {
        wrap_with(s, 10.0, |t| t.chars().count() as f32)
    }

    #[test]
    fn wraps_at_spaces_and_between_cjk_characters() {
        assert_eq!(wrap10("aaaa bbbb cccc"), vec!["aaaa bbbb", "cccc"]);
        assert_eq!(wrap10("short"), vec!["short"]);
        assert_eq!(wrap10("abcdefghijklmno"), vec!["abcdefghij", "klmno"]);
        assert_eq!(
            wrap10("あいうえおかきくけこさしすせ。"),
            vec!["あいうえおかきくけこ", "さしすせ。"]
        );
    }

    fn heading(s: &str, lines: usize) -> Vec<String> {
        // Full-width characters count 2, others 1.
        balanced_with(s, lines, |t| {
            t.chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                .sum()
        })
    }

    #[test]
    fn headings_break_where_the_widest_line_is_narrowest() {
        assert_eq!(heading("Urine pregnancy test", 1), ["Urine pregnancy test"]);
        assert_eq!(
            heading("Urine pregnancy test", 2),
            ["Urine", "pregnancy test"]
        );
        assert_eq!(
            heading("Urine pregnancy test", 3),
            ["Urine", "pregnancy", "test"]
        );
        assert_eq!(heading("Consultation", 3), ["Consultation"]);
        // Never inside a katakana word or next to Latin letters.
        assert_eq!(heading("1日のカプセル", 2), ["1日の", "カプセル"]);
        assert_eq!(heading("モニター割引", 2), ["モニター", "割引"]);
        assert_eq!(heading("mg/kg/日", 2), ["mg/kg/日"]);
        assert_eq!(heading("尿妊娠検査", 2), ["尿妊娠", "検査"]);
        assert_eq!(heading("월 합계", 2), ["월", "합계"]);
    }
}
