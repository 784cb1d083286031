//! The month table as the PDF prints it: one row per month with the quote's item columns and
//! each month's subtotal, then the discounts on the whole course and the course total. The
//! header stays in view while the months scroll under it, the course total stays in view
//! below them, and money is right-aligned.
//!
//! Draws only: every cell is a label or a figure of the core's `Quote` (its columns, their
//! headings, the months' items and subtotals, the course lines and total); no arithmetic.

use std::sync::Arc;

use eframe::egui;

use crate::estimate::{MonthLine, Visit};
use crate::i18n::Lang;

use super::widgets::{self, Priced};

/// How tall the table may grow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rows {
    /// Every month, as tall as they need (the course view, in its screen's own scrolling).
    All,
    /// Fill the height left in the `Ui`: the months scroll under the header, the course total
    /// and the notes below stay in view (the quote screen, which has no scrolling of its own).
    FillRest,
}

/// Space either side of a cell's text.
const PAD: f32 = 8.0;
/// The fewest month rows shown when the table fills a short window.
const MIN_ROWS: f32 = 3.0;

/// How a column's cells sit.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Left,
    Right,
}

/// The table's text, laid out once per frame it is drawn.
struct Laid {
    heads: Vec<(Arc<egui::Galley>, Side)>,
    months: Vec<Vec<Arc<egui::Galley>>>,
    /// Rows under the months: a name over every column but the last, a figure in the last.
    course_lines: Vec<(Arc<egui::Galley>, Arc<egui::Galley>)>,
    total: (Arc<egui::Galley>, Arc<egui::Galley>),
    widths: Vec<f32>,
    head_h: f32,
    row_h: f32,
}

/// Draws the month table of `quote` (the woman's months for a man–woman range), with the tax
/// note and the boxes bought under it.
pub fn month_table(ui: &mut egui::Ui, lang: Lang, quote: &Priced, rows: Rows) {
    let est = quote.shown();
    let laid = lay_out(ui, lang, quote);
    let table_w: f32 = laid.widths.iter().sum();

    // The notes under the table, wrapped to the width there is: laid out first so the rows
    // know how much height is left for them.
    let mut notes: Vec<String> = vec![lang.tr(if est.tax_included {
        "app-tax-included"
    } else {
        "app-tax-added"
    })];
    // A sheet that sells boxes: what each month buys and what is left at the end.
    if let Some((bought, left)) = quote.packs_lines(lang) {
        notes.push(bought);
        notes.push(left);
    }
    let wrap = ui.available_width().max(200.0);
    let notes: Vec<Arc<egui::Galley>> = notes
        .into_iter()
        .map(|t| {
            egui::WidgetText::from(t).into_galley(
                ui,
                Some(egui::TextWrapMode::Wrap),
                wrap,
                egui::TextStyle::Body,
            )
        })
        .collect();
    let spacing = ui.spacing().item_spacing.y;
    let notes_h: f32 = notes.iter().map(|g| g.size().y + spacing).sum::<f32>() + 4.0;

    let below_rows = laid.row_h * (laid.course_lines.len() as f32 + 1.0);
    // A table wider than the window scrolls sideways: its bar takes some height too.
    let side_bar = if table_w > ui.available_width() {
        ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_inner_margin * 2.0 + 4.0
    } else {
        0.0
    };
    let body_max = match rows {
        Rows::All => f32::INFINITY,
        Rows::FillRest => (ui.available_height() - laid.head_h - below_rows - notes_h - side_bar)
            .max(laid.row_h * MIN_ROWS),
    };

    egui::ScrollArea::horizontal()
        .id_salt("month_table_sideways")
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.y = 0.0;
            ui.vertical(|ui| {
                header(ui, &laid);
                egui::ScrollArea::vertical()
                    .id_salt("month_table_months")
                    .max_height(body_max)
                    .show(ui, |ui| {
                        ui.spacing_mut().item_spacing.y = 0.0;
                        for (i, cells) in laid.months.iter().enumerate() {
                            let rect = row_rect(ui, table_w, laid.row_h);
                            if i % 2 == 1 {
                                ui.painter()
                                    .rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
                            }
                            let mut x = rect.left();
                            for (cell, (w, (_, side))) in
                                cells.iter().zip(laid.widths.iter().zip(&laid.heads))
                            {
                                put(ui, cell, x, rect, *w, *side);
                                x += w;
                            }
                        }
                    });
                let rule = ui.visuals().widgets.noninteractive.fg_stroke;
                for (name, amount) in &laid.course_lines {
                    spanning_row(ui, &laid, table_w, name, amount, None);
                }
                spanning_row(
                    ui,
                    &laid,
                    table_w,
                    &laid.total.0,
                    &laid.total.1,
                    Some(egui::Stroke::new(1.0, rule.color)),
                );
            });
        });
    ui.add_space(4.0);
    for g in notes {
        ui.label(g);
    }
}

/// Lays out every cell and measures the columns: each as wide as its widest cell, its heading
/// wrapped onto two lines when that is wider than the cells (as the PDF does).
fn lay_out(ui: &egui::Ui, lang: Lang, quote: &Priced) -> Laid {
    let est = quote.shown();
    let cur = &quote.sheet().currency;
    let none = lang.tr("pdf-none");
    let codes = quote.columns();
    let has_weight = est.weight_kg.is_some();

    let mut heads: Vec<(String, Side)> = vec![
        (lang.tr("app-col-month"), Side::Right),
        (lang.tr("app-col-visit"), Side::Left),
        (lang.tr("app-col-dose"), Side::Left),
        (lang.tr("app-col-capsules"), Side::Left),
    ];
    if has_weight {
        heads.push((lang.tr("app-col-mgkg-day"), Side::Right));
    }
    for code in codes {
        heads.push((quote.column_label(code, lang), Side::Right));
    }
    heads.push((lang.tr("app-col-subtotal"), Side::Right));

    let text = |t: String, strong: bool| -> Arc<egui::Galley> {
        let rich = egui::RichText::new(t);
        egui::WidgetText::from(if strong { rich.strong() } else { rich }).into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        )
    };
    let months: Vec<Vec<Arc<egui::Galley>>> = est
        .months
        .iter()
        .map(|m| {
            let per_day: Vec<String> = m.capsules_per_day.iter().map(|c| c.describe()).collect();
            let mut row = vec![
                text(quote.course_month(m.month).to_string(), false),
                text(visit_text(quote, m, lang), false),
                text(widgets::dose_text(lang, m.dose), false),
                text(per_day.join(" / "), false),
            ];
            if has_weight {
                row.push(text(
                    m.mg_per_kg_per_day
                        .map_or_else(|| none.clone(), crate::safety::fmt_mgkg_day),
                    false,
                ));
            }
            for code in codes {
                let cell = m
                    .items
                    .iter()
                    .find(|i| i.code == *code)
                    .map_or_else(|| none.clone(), |i| cur.format(i.amount, lang));
                row.push(text(cell, false));
            }
            row.push(text(cur.format(m.subtotal, lang), true));
            row
        })
        .collect();
    // Discounts on the whole course (a range's low – high), then the total they make.
    let course_lines: Vec<_> = quote
        .course_discounts(lang)
        .into_iter()
        .map(|(name, (lo, hi))| {
            (
                text(name, false),
                text(cur.format_range(lo, hi, lang), false),
            )
        })
        .collect();
    let total_key = if quote.progress().is_some() {
        "pdf-row-rest-total"
    } else {
        "pdf-row-total"
    };
    let total = (
        text(lang.tr(total_key), true),
        text(cur.format(est.total, lang), true),
    );

    let cells_w: Vec<f32> = (0..heads.len())
        .map(|i| {
            let mut w = months.iter().map(|r| r[i].size().x).fold(0.0_f32, f32::max);
            if i + 1 == heads.len() {
                for (_, amount) in course_lines.iter().chain(std::iter::once(&total)) {
                    w = w.max(amount.size().x);
                }
            }
            w
        })
        .collect();
    // Headings stay on one line when the whole table then still fits the width there is.
    let one_line_w: f32 = heads
        .iter()
        .zip(&cells_w)
        .map(|((h, _), cells)| cells.max(text(h.clone(), true).size().x).ceil() + 2.0 * PAD)
        .sum();
    let all_one_line = one_line_w <= ui.available_width();
    let heads: Vec<(Arc<egui::Galley>, Side)> = heads
        .into_iter()
        .zip(&cells_w)
        .map(|((h, side), cells)| {
            let one_line = text(h.clone(), true);
            // A heading of several words may take two lines; a word is never broken.
            let widest_word = h
                .split_whitespace()
                .map(|w| text(w.to_string(), true).size().x)
                .fold(0.0_f32, f32::max);
            let galley = if all_one_line || one_line.size().x <= cells.max(widest_word) {
                one_line
            } else {
                // Two lines where they fit under the widest cell or half the heading's width.
                let half = (one_line.size().x / 2.0 + 12.0)
                    .max(*cells)
                    .max(widest_word);
                egui::WidgetText::from(egui::RichText::new(h).strong()).into_galley(
                    ui,
                    Some(egui::TextWrapMode::Wrap),
                    half,
                    egui::TextStyle::Body,
                )
            };
            (galley, side)
        })
        .collect();
    let widths: Vec<f32> = heads
        .iter()
        .zip(&cells_w)
        .map(|((h, _), cells)| cells.max(h.size().x).ceil() + 2.0 * PAD)
        .collect();
    let line_h = ui.text_style_height(&egui::TextStyle::Body);
    let head_h = heads.iter().map(|(h, _)| h.size().y).fold(line_h, f32::max) + 10.0;
    let row_h = (line_h + 10.0).max(ui.spacing().interact_size.y + 4.0);
    Laid {
        heads,
        months,
        course_lines,
        total,
        widths,
        head_h,
        row_h,
    }
}

/// What the visit column says: the month's visit kind when it is not in person, else first
/// or return visit, or that there is no visit (the second month of a 2-month visit).
fn visit_text(quote: &Priced, m: &MonthLine, lang: Lang) -> String {
    match (m.visit, &m.visit_kind) {
        (None, _) => lang.tr("visit-none"),
        (Some(_), Some(kind)) => quote.sheet().visit_kind_label(kind, lang),
        (Some(Visit::First), None) => lang.tr("visit-first"),
        (Some(Visit::Return), None) => lang.tr("visit-return"),
    }
}

/// The header's and the course total's band: the accent colour, faint.
fn tint(visuals: &egui::Visuals) -> egui::Color32 {
    visuals.selection.bg_fill.gamma_multiply(0.16)
}

/// The next row's rectangle, taken from the `Ui`.
fn row_rect(ui: &mut egui::Ui, width: f32, height: f32) -> egui::Rect {
    ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover())
        .0
}

/// One cell's text in its column, starting at `x` in `row`.
fn put(ui: &mut egui::Ui, text: &Arc<egui::Galley>, x: f32, row: egui::Rect, w: f32, side: Side) {
    let cell = egui::Rect::from_min_size(egui::pos2(x, row.top()), egui::vec2(w, row.height()))
        .shrink2(egui::vec2(PAD, 0.0));
    let layout = match side {
        Side::Left => egui::Layout::left_to_right(egui::Align::Center),
        Side::Right => egui::Layout::right_to_left(egui::Align::Center),
    };
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(cell).layout(layout));
    child.add(egui::Label::new(Arc::clone(text)).extend());
}

/// The header: the column headings on a tinted band, bottom-aligned, with a rule under them.
fn header(ui: &mut egui::Ui, laid: &Laid) {
    let width: f32 = laid.widths.iter().sum();
    let rect = row_rect(ui, width, laid.head_h);
    let visuals = ui.visuals();
    ui.painter().rect_filled(rect, 0.0, tint(visuals));
    ui.painter().hline(
        rect.x_range(),
        rect.bottom() - 0.5,
        egui::Stroke::new(1.0, visuals.selection.bg_fill),
    );
    let mut x = rect.left();
    for ((galley, side), w) in laid.heads.iter().zip(&laid.widths) {
        let cell = egui::Rect::from_min_max(
            egui::pos2(x + PAD, rect.top() + 4.0),
            egui::pos2(x + w - PAD, rect.bottom() - 5.0),
        );
        let layout = match side {
            Side::Left => egui::Layout::left_to_right(egui::Align::Max),
            Side::Right => egui::Layout::right_to_left(egui::Align::Max),
        };
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(cell).layout(layout));
        child.add(egui::Label::new(Arc::clone(galley)).extend());
        x += w;
    }
}

/// A row under the months: `name` over every column but the last, `amount` in the last, with a
/// rule above it (heavier for the course total, which is also tinted).
fn spanning_row(
    ui: &mut egui::Ui,
    laid: &Laid,
    width: f32,
    name: &Arc<egui::Galley>,
    amount: &Arc<egui::Galley>,
    total: Option<egui::Stroke>,
) {
    let rect = row_rect(ui, width, laid.row_h);
    let visuals = ui.visuals();
    let rule = total.unwrap_or(egui::Stroke::new(
        1.0,
        visuals.widgets.noninteractive.bg_stroke.color,
    ));
    if total.is_some() {
        ui.painter().rect_filled(rect, 0.0, tint(visuals));
        ui.painter()
            .hline(rect.x_range(), rect.bottom() - 0.5, rule);
    }
    ui.painter().hline(rect.x_range(), rect.top() + 0.5, rule);
    let last = laid.widths.len() - 1;
    let span: f32 = laid.widths[..last].iter().sum();
    put(ui, name, rect.left(), rect, span, Side::Left);
    put(
        ui,
        amount,
        rect.left() + span,
        rect,
        laid.widths[last],
        Side::Right,
    );
}
