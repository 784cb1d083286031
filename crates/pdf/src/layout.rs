//! The estimate's layout: header, summary band, the course so far (a course under way), plan,
//! month-by-month table, cautions, the acceptance block (when the sheet asks for one) and
//! footer, drawn on a [`Canvas`]. Every number comes from the core's estimate and every word
//! from the Fluent files; this module does no arithmetic on money and never writes a file.

use super::PdfError;
use super::PdfRequest;
use super::canvas::{ACCENT, Align, Canvas, INK, MUTED, PAGE_H, PAGE_W, RULE, STRIPE, Style, TINT};
use super::fonts::FontSet;
use crate::estimate::{CourseEstimate, MonthLine};
use crate::i18n::{Arg, Lang};
use crate::money::Money;
use crate::pricing::PriceSheet;
use crate::quote::{Progress, Quote};
use crate::safety;

/// Left and right margin.
const MARGIN: f32 = 48.0;
/// Top of the content on every page.
const TOP: f32 = 48.0;
/// Content must end above this line (the footer sits below).
const BOTTOM: f32 = PAGE_H - 62.0;
/// Width of the content.
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// Right edge of the content.
const RIGHT: f32 = PAGE_W - MARGIN;
/// The acceptance block's sentence.
const ACCEPT_TEXT_STYLE: Style = Style::new(9.5, INK);
/// The labels of the acceptance block's fields.
const ACCEPT_LABEL_STYLE: Style = Style::new(8.5, MUTED);
/// The patient's name printed in the acceptance block.
const ACCEPT_NAME_STYLE: Style = Style::new(10.5, INK);
/// The smallest type the month table is set in when it fits in one band.
const TABLE_MIN_SIZE: f32 = 7.5;
/// The type of a month table wrapped into bands (a sheet with many items).
const BAND_SIZE: f32 = 8.5;
/// Room to write above a line of the acceptance block.
const ACCEPT_WRITE_H: f32 = 24.0;

/// Draws the whole estimate. An estimate that spills onto a further page is drawn again with
/// tighter spacing (never smaller type), and that is kept when it takes fewer pages: a
/// course fits one page when it can instead of leaving a few lines alone on the second.
pub(crate) fn draw<'f>(req: &PdfRequest<'_>, fonts: &'f FontSet) -> Result<Canvas<'f>, PdfError> {
    let mut canvas = Canvas::new(fonts);
    draw_with(req, &mut canvas, false)?;
    if canvas.page_count() > 1 {
        let mut compact = Canvas::new(fonts);
        draw_with(req, &mut compact, true)?;
        if compact.page_count() < canvas.page_count() {
            return Ok(compact);
        }
    }
    Ok(canvas)
}

/// Draws the whole estimate on `canvas`, with the tighter spacing when `compact`.
fn draw_with(req: &PdfRequest<'_>, canvas: &mut Canvas<'_>, compact: bool) -> Result<(), PdfError> {
    let est = req.quote.estimate().ok_or(PdfError::NeedsSex)?;
    let progress = req.quote.progress();
    let mut page = Layout {
        req,
        quote: req.quote,
        sheet: req.quote.sheet(),
        est,
        lang: req.lang,
        progress,
        // A course under way numbers its months as months of the whole course, which is
        // how the patient counts them (120 days taken: the months left are 5, 6, 7); the
        // core says how many came before. With the days taken unknown the months count
        // from 1.
        month_offset: progress.map_or(0, |p| p.months_before),
        y: TOP,
        compact,
    };
    page.header(canvas)?;
    page.summary(canvas)?;
    page.progress(canvas)?;
    page.plan(canvas)?;
    page.table(canvas)?;
    page.cautions(canvas)?;
    page.acceptance(canvas)?;
    page.footers(canvas)?;
    Ok(())
}

/// The flow of content down the pages.
struct Layout<'r, 'a> {
    req: &'r PdfRequest<'a>,
    /// The quote drawn (everything shown comes from it).
    quote: &'a Quote,
    /// Its sheet: the letterhead, currency and policies.
    sheet: &'a PriceSheet,
    /// Its estimate for the patient's sex.
    est: &'a CourseEstimate,
    lang: Lang,
    /// Taken and paid so far, this quote and the whole course, for a course under way.
    progress: Option<Progress>,
    /// Added to the quote's month numbers on the page (0 for a course not started).
    month_offset: u32,
    /// The next free line, from the top of the current page.
    y: f32,
    /// Tighter vertical spacing (the same type sizes), to keep a course on one page.
    compact: bool,
}

/// Where the acceptance block prints the patient's name.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NamePlace {
    /// No name given: the signature line starts the row.
    None,
    /// On the signature's row, its field ending at this x.
    Beside(f32),
    /// On a row of its own above the signature (a long name).
    Above,
}

/// Where the acceptance block's parts go.
struct AcceptanceLayout {
    /// The sentence, wrapped.
    lines: Vec<String>,
    /// Where the patient's name goes.
    name: NamePlace,
    /// Where the date field starts.
    date_from: f32,
    /// Space between two fields of a row.
    gap: f32,
    /// The block's height.
    h: f32,
}

/// The quote's date in the language's usual form.
pub(crate) fn local_date(lang: Lang, d: jiff::civil::Date) -> String {
    lang.format_date(d)
}

/// A whole number with thousands separators (for mg; money goes through `Currency`).
fn grouped(n: u64) -> String {
    crate::money::group_digits(n)
}

impl Layout<'_, '_> {
    fn tr(&self, key: &str) -> String {
        self.lang.tr(key)
    }

    fn tr_args(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.lang.tr_args(key, args)
    }

    /// `normal`, or `compact` when drawing with the tighter spacing.
    fn sp(&self, normal: f32, compact: f32) -> f32 {
        if self.compact { compact } else { normal }
    }

    fn money(&self, amount: Money) -> String {
        self.sheet.currency.format(amount, self.lang)
    }

    /// The number printed for the quote's month `month` (see `month_offset`).
    fn course_month(&self, month: u32) -> u32 {
        month.saturating_add(self.month_offset)
    }

    /// Moves to a new page when `h` more points do not fit on this one.
    fn ensure(&mut self, canvas: &mut Canvas<'_>, h: f32) {
        if self.y + h > BOTTOM {
            canvas.new_page();
            self.y = TOP;
        }
    }

    fn header(&mut self, c: &mut Canvas<'_>) -> Result<(), PdfError> {
        let clinic = &self.sheet.clinic;
        let lang = self.lang;

        // Right: the clinic.
        let name_style = Style::new(12.0, INK).bold();
        let small = Style::new(8.5, MUTED);
        let mut ry = TOP + 10.0;
        let right_w = 250.0;
        for line in c.wrap(clinic.name.get(lang), right_w, name_style) {
            c.text(&line, RIGHT, ry, Align::Right, name_style)?;
            ry += 15.0;
        }
        ry -= 2.0;
        for line in c.wrap(clinic.address.get(lang), right_w, small) {
            c.text(&line, RIGHT, ry, Align::Right, small)?;
            ry += 12.0;
        }
        if !clinic.phone.trim().is_empty() {
            let phone = self.tr_args("pdf-phone", &[("phone", clinic.phone.trim().into())]);
            c.text(&phone, RIGHT, ry, Align::Right, small)?;
            ry += 12.0;
        }
        // The staff member who made the quote (担当), with the issuer.
        if let Some(staff) = self.req.staff {
            let style = Style::new(9.0, INK);
            let text = self.tr_args("pdf-staff", &[("name", staff.into())]);
            for line in c.wrap(&text, right_w, style) {
                ry += 2.0;
                c.text(&line, RIGHT, ry, Align::Right, style)?;
                ry += 12.0;
            }
        }

        // Left: title, patient, dates.
        let title = Style::new(24.0, ACCENT).bold();
        c.text(
            &self.tr("pdf-title"),
            MARGIN,
            TOP + 20.0,
            Align::Left,
            title,
        )?;
        let mut ly = TOP + 20.0 + 30.0;
        if let Some(name) = self.req.patient {
            let style = Style::new(13.0, INK);
            let text = self.tr_args("pdf-patient-name", &[("name", name.into())]);
            let lines = c.wrap(&text, 260.0, style);
            for line in &lines {
                c.text(line, MARGIN, ly, Align::Left, style)?;
                ly += 17.0;
            }
            c.rule(MARGIN, ly - 12.0, MARGIN + 260.0, ly - 12.0, 0.6, INK);
            ly += 6.0;
        }
        let label = Style::new(9.0, MUTED);
        let value = Style::new(9.0, INK);
        let valid_until = self.quote.valid_until().ok_or(PdfError::DateOutOfRange)?;
        let mut rows = vec![
            (
                self.tr("pdf-quote-date"),
                local_date(lang, self.quote.quote_date()),
            ),
            (self.tr("pdf-valid-until"), local_date(lang, valid_until)),
        ];
        if let Some(number) = self.req.quote_number {
            rows.insert(0, (self.tr("pdf-quote-number"), number.to_string()));
        }
        let key_w = rows
            .iter()
            .map(|(k, _)| c.width(k, label))
            .fold(0.0, f32::max)
            + 12.0;
        for (k, v) in rows {
            c.text(&k, MARGIN, ly, Align::Left, label)?;
            c.text(&v, MARGIN + key_w, ly, Align::Left, value)?;
            ly += 13.0;
        }

        self.y = ly.max(ry) + 4.0;
        c.rule(MARGIN, self.y, RIGHT, self.y, 1.2, ACCENT);
        self.y += 14.0;
        Ok(())
    }

    fn summary(&mut self, c: &mut Canvas<'_>) -> Result<(), PdfError> {
        let est = self.est;
        let months = est.month_count();
        // A course under way: the months left, numbered as months of the course.
        let under_way = self.progress.is_some();
        let first_label = if under_way {
            self.tr_args("pdf-month-n", &[("month", self.course_month(1).into())])
        } else {
            self.tr("pdf-first-month")
        };
        let later_label = |key: &str, rest_key: &str| {
            if under_way {
                self.tr_args(rest_key, &[("month", self.course_month(2).into())])
            } else {
                self.tr(key)
            }
        };
        let mut cells: Vec<(String, String)> = vec![(first_label, self.money(est.first_month))];
        match est.return_months {
            Some((lo, hi)) if lo == hi => {
                cells.push((
                    later_label("pdf-later-month", "pdf-rest-later-month"),
                    self.money(lo),
                ));
            }
            Some((lo, hi)) => cells.push((
                later_label("pdf-later-months", "pdf-rest-later-months"),
                self.sheet.currency.format_range(lo, hi, self.lang),
            )),
            None => {}
        }
        let total_key = if under_way {
            "pdf-rest-total"
        } else {
            "pdf-course-total"
        };
        let total_label = self.tr_args(total_key, &[("months", months.into())]);
        let total = self.money(est.total);

        let h = self.sp(60.0, 52.0);
        // Baselines of the labels, the amounts and the course total in the band.
        let (label_y, amount_y, total_y) = if self.compact {
            (17.0, 39.0, 42.0)
        } else {
            (20.0, 44.0, 47.0)
        };
        let y0 = self.y;
        c.fill(MARGIN, y0, CONTENT_W, h, TINT);
        let label = Style::new(8.5, MUTED);
        let amount = Style::new(15.0, INK).bold();
        let total_style = Style::new(21.0, ACCENT).bold();
        let total_w = CONTENT_W * 0.42;
        let cell_w = (CONTENT_W - total_w) / cells.len() as f32;
        for (i, (k, v)) in cells.iter().enumerate() {
            let x = MARGIN + cell_w * i as f32;
            c.text(k, x + 14.0, y0 + label_y, Align::Left, label)?;
            // Shrink a long range until it fits its cell.
            let mut style = amount;
            while c.width(v, style) > cell_w - 24.0 && style.size > 9.0 {
                style.size -= 0.5;
            }
            c.text(v, x + 14.0, y0 + amount_y, Align::Left, style)?;
            if i > 0 {
                c.rule(x, y0 + 10.0, x, y0 + h - 10.0, 0.6, RULE);
            }
        }
        let tx = MARGIN + CONTENT_W - total_w;
        c.rule(tx, y0 + 10.0, tx, y0 + h - 10.0, 0.6, RULE);
        c.text(
            &total_label,
            RIGHT - 14.0,
            y0 + label_y,
            Align::Right,
            label.bold(),
        )?;
        c.text(
            &total,
            RIGHT - 14.0,
            y0 + total_y,
            Align::Right,
            total_style,
        )?;
        self.y = y0 + h + self.sp(13.0, 11.0);

        let note = match self.quote.untaxed_items(self.lang) {
            _ if est.tax_included => self.tr("pdf-tax-included"),
            // Which items carry no tax, named as in the table.
            Some(items) => self.lang.tr_args(
                "pdf-tax-added-exempt",
                &[("items", crate::i18n::Arg::Str(items))],
            ),
            None => self.tr("pdf-tax-added"),
        };
        let note_style = Style::new(8.5, MUTED);
        // The consumption tax within the total (うち消費税), under the course total; on the
        // note's line when both fit, else on a line of its own.
        if let Some(tax) = self.quote.included_tax() {
            let style = Style::new(9.0, INK);
            let text = self.tr_args("pdf-included-tax", &[("tax", self.money(tax).into())]);
            let note_w = c.width(&note, note_style);
            c.text(&text, RIGHT - 14.0, self.y, Align::Right, style)?;
            if note_w + c.width(&text, style) + 24.0 > CONTENT_W - 14.0 {
                self.y += 12.0;
            }
        }
        for line in c.wrap(&note, CONTENT_W, note_style) {
            c.text(&line, MARGIN, self.y, Align::Left, note_style)?;
            self.y += 12.0;
        }
        self.y += self.sp(8.0, 4.0);
        Ok(())
    }

    /// A course under way: what was taken and paid so far, this estimate (the months left)
    /// and the whole course, as a small table under the totals. Nothing for a course not
    /// started.
    fn progress(&mut self, c: &mut Canvas<'_>) -> Result<(), PdfError> {
        let Some(p) = self.progress else {
            return Ok(());
        };
        let none = self.tr("pdf-none");
        let dose = |mg: u64, per_kg: Option<f64>| match per_kg {
            Some(v) => self.tr_args(
                "pdf-cumulative-value-kg",
                &[
                    ("mg", grouped(mg).into()),
                    ("mgkg", safety::fmt_mgkg(v).into()),
                ],
            ),
            None => self.tr_args("pdf-cumulative-value", &[("mg", grouped(mg).into())]),
        };
        // Days taken unknown (0): no length for the part taken nor the whole course.
        let known = p.so_far_days > 0;
        let days = |d: u32, shown: bool| {
            if shown {
                self.tr_args("pdf-progress-days", &[("days", d.into())])
            } else {
                none.clone()
            }
        };
        let first = self.est.months.first().map_or(1, |m| m.month);
        let last = self.est.months.last().map_or(first, |m| m.month);
        let (first, last) = (self.course_month(first), self.course_month(last));
        let rest_label = if first == last {
            self.tr_args("pdf-progress-rest-month", &[("month", first.into())])
        } else {
            self.tr_args(
                "pdf-progress-rest-months",
                &[("from", first.into()), ("to", last.into())],
            )
        };
        let paid = p.paid_so_far.map_or_else(
            || none.clone(),
            |m| self.tr_args("pdf-progress-paid", &[("amount", self.money(m).into())]),
        );
        let rows: [[String; 4]; 3] = [
            [
                self.tr("pdf-progress-so-far"),
                dose(p.so_far_mg, p.so_far_mg_per_kg),
                days(p.so_far_days, known),
                paid,
            ],
            [
                rest_label,
                dose(p.rest_mg, p.rest_mg_per_kg),
                days(p.rest_days, true),
                self.money(p.rest_cost),
            ],
            [
                self.tr("pdf-progress-course"),
                dose(p.course_mg, p.course_mg_per_kg),
                days(p.course_days, known),
                p.course_cost
                    .map_or_else(|| none.clone(), |m| self.money(m)),
            ],
        ];
        let headers = [
            String::new(),
            self.tr("pdf-progress-col-dose"),
            self.tr("pdf-progress-col-days"),
            self.tr("pdf-progress-col-cost"),
        ];

        let body = Style::new(9.0, INK);
        let head_style = Style::new(8.5, INK).bold();
        let pad = 6.0;
        // Each column as wide as its widest cell (the last row is bold), the spare width
        // shared out evenly (squeezed to the page in the last resort).
        let mut widths: Vec<f32> = (0..4)
            .map(|i| {
                rows.iter()
                    .map(|r| c.width(&r[i], body.bold()))
                    .fold(c.width(&headers[i], head_style), f32::max)
                    + 2.0 * pad
            })
            .collect();
        let spare = (CONTENT_W - widths.iter().sum::<f32>()).max(0.0) / widths.len() as f32;
        for w in &mut widths {
            *w += spare;
        }
        let scale = CONTENT_W / widths.iter().sum::<f32>();
        for w in &mut widths {
            *w *= scale;
        }
        let row_h = body.size + self.sp(9.0, 7.0);
        self.ensure(c, 4.0 * row_h + 50.0);
        self.heading(c, "pdf-progress")?;

        let xs: Vec<f32> = widths
            .iter()
            .scan(MARGIN, |x, w| {
                let left = *x;
                *x += w;
                Some(left)
            })
            .collect();
        let baseline = |y: f32, size: f32| y + row_h / 2.0 + size * 0.36;
        let top = self.y - 4.0;
        c.fill(MARGIN, top, CONTENT_W, row_h, TINT);
        c.rule(MARGIN, top, RIGHT, top, 1.0, ACCENT);
        for (i, h) in headers.iter().enumerate().skip(1) {
            c.text(
                h,
                xs[i] + widths[i] - pad,
                baseline(top, head_style.size),
                Align::Right,
                head_style,
            )?;
        }
        let mut y = top + row_h;
        c.rule(MARGIN, y, RIGHT, y, 0.6, ACCENT);
        for (r, row) in rows.iter().enumerate() {
            // The whole course: bold on a tint, between heavier rules.
            let course = r + 1 == rows.len();
            let style = if course { body.bold() } else { body };
            if course {
                c.rule(MARGIN, y, RIGHT, y, 0.8, INK);
                c.fill(MARGIN, y + 0.4, CONTENT_W, row_h, TINT);
            }
            for (i, cell) in row.iter().enumerate() {
                let (x, align) = if i == 0 {
                    (xs[0] + pad, Align::Left)
                } else {
                    (xs[i] + widths[i] - pad, Align::Right)
                };
                c.text(cell, x, baseline(y, style.size), align, style)?;
            }
            y += row_h;
            if course {
                c.rule(MARGIN, y, RIGHT, y, 0.8, INK);
            } else if r + 2 < rows.len() {
                c.rule(MARGIN, y, RIGHT, y, 0.3, RULE);
            }
        }
        self.y = y + 8.0;
        Ok(())
    }

    fn heading(&mut self, c: &mut Canvas<'_>, key: &str) -> Result<(), PdfError> {
        let style = Style::new(11.5, ACCENT).bold();
        self.y += self.sp(14.0, 11.0);
        c.text(&self.tr(key), MARGIN, self.y, Align::Left, style)?;
        self.y += self.sp(6.0, 5.0);
        c.rule(MARGIN, self.y, RIGHT, self.y, 0.5, RULE);
        self.y += self.sp(14.0, 12.5);
        Ok(())
    }

    /// A dose as a person reads it.
    fn dose_text(&self, m: &MonthLine) -> String {
        if m.dose.is_alternating() {
            self.tr_args(
                "pdf-mg-alternate",
                &[("a", m.dose.a.into()), ("b", m.dose.b.into())],
            )
        } else {
            self.tr_args("pdf-mg-day", &[("mg", m.dose.a.into())])
        }
    }

    fn plan(&mut self, c: &mut Canvas<'_>) -> Result<(), PdfError> {
        let est = self.est;
        let mut rows: Vec<(String, String)> = Vec::new();
        let length_key = if self.progress.is_some() {
            "pdf-plan-rest-length"
        } else {
            "pdf-plan-length"
        };
        rows.push((
            self.tr(length_key),
            self.tr_args(
                "pdf-plan-length-value",
                &[
                    ("months", est.month_count().into()),
                    ("days", est.days.into()),
                    ("every", est.visit_every.into()),
                ],
            ),
        ));
        if let Some(d) = &est.dates {
            rows.push((
                self.tr("pdf-plan-dates"),
                self.tr_args(
                    "pdf-plan-dates-value",
                    &[
                        ("start", local_date(self.lang, d.start).into()),
                        ("end", local_date(self.lang, d.last_dose).into()),
                    ],
                ),
            ));
        }
        // The dose, month ranges of equal dose.
        let mut spans: Vec<(u32, u32, String)> = Vec::new();
        for m in &est.months {
            let text = self.dose_text(m);
            let month = self.course_month(m.month);
            match spans.last_mut() {
                Some((_, to, t)) if *t == text => *to = month,
                _ => spans.push((month, month, text)),
            }
        }
        let dose = if spans.len() == 1 {
            spans.into_iter().map(|(_, _, t)| t).collect::<String>()
        } else {
            let parts: Vec<String> = spans
                .into_iter()
                .map(|(from, to, t)| {
                    if from == to {
                        self.tr_args(
                            "pdf-dose-month",
                            &[("month", from.into()), ("dose", t.into())],
                        )
                    } else {
                        self.tr_args(
                            "pdf-dose-months",
                            &[("from", from.into()), ("to", to.into()), ("dose", t.into())],
                        )
                    }
                })
                .collect();
            parts.join(&self.tr("pdf-list-separator"))
        };
        // The product, when the sheet offers several.
        if let Some(product) = self.quote.product_name(self.lang) {
            rows.push((self.tr("pdf-plan-product"), product));
        }
        rows.push((self.tr("pdf-plan-dose"), dose));
        if let Some(w) = est.weight_kg {
            rows.push((
                self.tr("pdf-plan-weight"),
                self.tr_args("pdf-weight-value", &[("kg", format!("{w}").into())]),
            ));
        }
        // A course under way shows the cumulative dose in the course-so-far block instead.
        let cumulative = match est.cumulative_mg_per_kg {
            Some(v) => self.tr_args(
                "pdf-cumulative-value-kg",
                &[
                    ("mg", grouped(est.cumulative_mg).into()),
                    ("mgkg", safety::fmt_mgkg(v).into()),
                ],
            ),
            None => self.tr_args(
                "pdf-cumulative-value",
                &[("mg", grouped(est.cumulative_mg).into())],
            ),
        };
        if self.progress.is_none() {
            rows.push((self.tr("pdf-plan-cumulative"), cumulative));
        }

        let key = Style::new(9.0, MUTED);
        let value = Style::new(9.5, INK);
        let key_w = rows
            .iter()
            .map(|(k, _)| c.width(k, key))
            .fold(80.0, f32::max)
            + 16.0;
        let lines: Vec<(String, Vec<String>)> = rows
            .into_iter()
            .map(|(k, v)| {
                let wrapped = c.wrap(&v, CONTENT_W - key_w, value);
                (k, wrapped)
            })
            .collect();
        let line_h = self.sp(14.0, 12.5);
        let h: f32 = lines.iter().map(|(_, v)| line_h * v.len() as f32).sum();
        self.ensure(c, h + 40.0);
        self.heading(c, "pdf-plan")?;
        for (k, vs) in lines {
            c.text(&k, MARGIN, self.y, Align::Left, key)?;
            for v in vs {
                c.text(&v, MARGIN + key_w, self.y, Align::Left, value)?;
                self.y += line_h;
            }
        }
        Ok(())
    }

    fn table(&mut self, c: &mut Canvas<'_>) -> Result<(), PdfError> {
        let est = self.est;
        let lang = self.lang;
        let none = self.tr("pdf-none");

        let codes = self.quote.columns();
        let item_header = |code: &str| self.quote.column_label(code, lang);

        let mut headers: Vec<(String, Align)> = vec![
            (self.tr("pdf-col-month"), Align::Center),
            (self.tr("pdf-col-dose"), Align::Center),
            (self.tr("pdf-col-capsules"), Align::Left),
        ];
        let has_weight = est.weight_kg.is_some();
        if has_weight {
            headers.push((self.tr("pdf-col-mgkg"), Align::Right));
        }
        for code in codes {
            headers.push((item_header(code), Align::Right));
        }
        headers.push((self.tr("pdf-col-subtotal"), Align::Right));

        let rows: Vec<Vec<String>> = est
            .months
            .iter()
            .map(|m| {
                let per_day: Vec<String> =
                    m.capsules_per_day.iter().map(|x| x.describe()).collect();
                let mut row = vec![
                    self.course_month(m.month).to_string(),
                    m.dose.to_string(),
                    per_day.join(" / "),
                ];
                if has_weight {
                    row.push(
                        m.mg_per_kg_per_day
                            .map_or_else(|| none.clone(), safety::fmt_mgkg_day),
                    );
                }
                for code in codes {
                    row.push(
                        m.items
                            .iter()
                            .find(|i| i.code == *code)
                            .map_or_else(|| none.clone(), |i| self.money(i.amount)),
                    );
                }
                row.push(self.money(m.subtotal));
                row
            })
            .collect();
        let total_label = if self.progress.is_some() {
            self.tr("pdf-row-rest-total")
        } else {
            self.tr("pdf-row-total")
        };
        let total = self.money(est.total);
        // Discounts on the whole course: their own lines above the course total.
        let course_discounts: Vec<(String, String)> = self
            .quote
            .course_discounts(lang)
            .into_iter()
            .map(|(name, (lo, hi))| (name, self.sheet.currency.format_range(lo, hi, lang)))
            .collect();
        // What the last column must hold besides the months: the total and the discounts.
        let last_cells: Vec<&str> = std::iter::once(total.as_str())
            .chain(course_discounts.iter().map(|(_, a)| a.as_str()))
            .collect();

        // The columns of a band fitted in `size`: every heading on one line if the band fits;
        // else the headings that save the most width go to two lines (then, for headings of
        // several words, three), broken where the widest line is narrowest.
        let pad = 5.0;
        let last = headers.len() - 1;
        let fit = |cols: &[usize], size: f32| -> (Vec<f32>, Vec<usize>) {
            let body = Style::new(size, INK);
            let head_style = Style::new(size - 0.5, INK).bold();
            let cells: Vec<f32> = cols
                .iter()
                .map(|&i| {
                    let mut w = rows
                        .iter()
                        .map(|r| c.width(&r[i], body))
                        .fold(0.0, f32::max);
                    if i == last {
                        for cell in &last_cells {
                            w = w.max(c.width(cell, body.bold()));
                        }
                    }
                    w
                })
                .collect();
            // A heading's width on at most 1, 2 and 3 lines.
            let heads: Vec<[f32; 3]> = cols
                .iter()
                .map(|&i| {
                    [1, 2, 3].map(|n| {
                        c.heading_lines(&headers[i].0, n, head_style)
                            .iter()
                            .map(|l| c.width(l, head_style))
                            .fold(0.0, f32::max)
                    })
                })
                .collect();
            let width = |k: usize, n: usize| cells[k].max(heads[k][n - 1]) + 2.0 * pad;
            let mut lines = vec![1usize; cols.len()];
            let mut widths: Vec<f32> = (0..cols.len()).map(|k| width(k, 1)).collect();
            for cap in [2, 3] {
                while widths.iter().sum::<f32>() > CONTENT_W {
                    let best = (0..cols.len())
                        .filter(|&k| {
                            let most = if headers[cols[k]].0.contains(' ') {
                                3
                            } else {
                                2
                            };
                            lines[k] < cap.min(most)
                        })
                        .map(|k| (k, widths[k] - width(k, lines[k] + 1)))
                        .filter(|(_, saved)| *saved > 0.01)
                        .max_by(|a, b| a.1.total_cmp(&b.1));
                    let Some((k, _)) = best else { break };
                    lines[k] += 1;
                    widths[k] = width(k, lines[k]);
                }
            }
            (widths, lines)
        };
        let fits = |cols: &[usize], size: f32| fit(cols, size).0.iter().sum::<f32>() <= CONTENT_W;

        // One band with every column, in 9 pt down to TABLE_MIN_SIZE. When the sheet has more
        // items than that holds (15 tests, say), the item columns wrap into further bands
        // under the first, each repeating the month, in BAND_SIZE: every figure stays
        // readable and each month still reads along one row. The subtotal closes the last
        // band, with the course discounts and the total under it.
        let first_item = headers.len() - codes.len() - 1;
        let all: Vec<usize> = (0..headers.len()).collect();
        let single = [9.0, 8.5, 8.0, TABLE_MIN_SIZE]
            .into_iter()
            .find(|&s| fits(&all, s));
        let (size, bands) = match single {
            Some(size) => (size, vec![all]),
            None => {
                let mut bands: Vec<Vec<usize>> = Vec::new();
                let mut band: Vec<usize> = (0..first_item).collect();
                // The columns every band of this kind starts with (no item yet).
                let mut base = band.len();
                for i in first_item..last {
                    band.push(i);
                    if band.len() > base + 1 && !fits(&band, BAND_SIZE) {
                        band.pop();
                        bands.push(std::mem::replace(&mut band, vec![0, i]));
                        base = 1;
                    }
                }
                band.push(last);
                if band.len() > base + 1 && !fits(&band, BAND_SIZE) {
                    band.pop();
                    bands.push(band);
                    bands.push(vec![0, last]);
                } else {
                    bands.push(band);
                }
                (BAND_SIZE, bands)
            }
        };
        let body = Style::new(size, INK);
        let head_style = Style::new(body.size - 0.5, INK).bold();
        let line_h = head_style.size + 2.5;
        let row_h = body.size + self.sp(8.0, 6.0);
        let wrap_h = body.size + 3.0;
        let baseline = |y: f32| y + row_h / 2.0 + body.size * 0.36;
        let fitted: Vec<(Vec<f32>, Vec<usize>)> = bands.iter().map(|b| fit(b, size)).collect();
        let band_count = bands.len();
        for (b, (cols, (mut widths, lines))) in bands.iter().zip(fitted).enumerate() {
            let is_last = b + 1 == band_count;
            // Spread the spare width evenly over the columns (a band that does not fit even
            // so is squeezed: the last resort).
            let spare = (CONTENT_W - widths.iter().sum::<f32>()).max(0.0) / widths.len() as f32;
            for w in &mut widths {
                *w += spare;
            }
            let scale = CONTENT_W / widths.iter().sum::<f32>();
            for w in &mut widths {
                *w *= scale;
            }
            let head_lines: Vec<Vec<String>> = cols
                .iter()
                .zip(&lines)
                .map(|(&i, n)| c.heading_lines(&headers[i].0, *n, head_style))
                .collect();
            let head_n = head_lines.iter().map(Vec::len).max().unwrap_or(1) as f32;
            let head_h = head_n * line_h + 9.0;
            // A course discount's name spans every column but the last, wrapped if it must be.
            let end = widths.len() - 1;
            let span_w = widths[..end].iter().sum::<f32>() - 2.0 * pad;
            let discount_lines: Vec<(Vec<String>, &String)> = if is_last {
                course_discounts
                    .iter()
                    .map(|(name, amount)| (c.wrap(name, span_w, body), amount))
                    .collect()
            } else {
                Vec::new()
            };
            let discount_h = |lines: &[String]| row_h + (lines.len().max(1) as f32 - 1.0) * wrap_h;
            let discounts_h: f32 = discount_lines.iter().map(|(l, _)| discount_h(l)).sum();
            let closing_h = if is_last { row_h + discounts_h } else { 0.0 };
            let band_h = head_h + row_h * rows.len() as f32 + closing_h + 4.0;
            if b == 0 {
                self.ensure(c, band_h + 40.0);
                self.heading(c, "pdf-table")?;
            } else {
                self.ensure(c, band_h + 4.0);
            }

            let xs: Vec<f32> = widths
                .iter()
                .scan(MARGIN, |x, w| {
                    let left = *x;
                    *x += w;
                    Some(left)
                })
                .collect();
            let anchor = |k: usize, align: Align| match align {
                Align::Left => xs[k] + pad,
                Align::Right => xs[k] + widths[k] - pad,
                Align::Center => xs[k] + widths[k] / 2.0,
            };

            // Header.
            let top = self.y - 4.0;
            c.fill(MARGIN, top, CONTENT_W, head_h, TINT);
            c.rule(MARGIN, top, RIGHT, top, 1.0, ACCENT);
            for (k, lines) in head_lines.iter().enumerate() {
                let align = headers[cols[k]].1;
                // Bottom-align the header lines.
                let first = top + head_h - 6.0 - (lines.len() as f32 - 1.0) * line_h;
                for (j, line) in lines.iter().enumerate() {
                    c.text(
                        line,
                        anchor(k, align),
                        first + j as f32 * line_h,
                        align,
                        head_style,
                    )?;
                }
            }
            let mut y = top + head_h;
            c.rule(MARGIN, y, RIGHT, y, 0.6, ACCENT);

            // Months.
            for (r, row) in rows.iter().enumerate() {
                if r % 2 == 1 {
                    c.fill(MARGIN, y, CONTENT_W, row_h, STRIPE);
                }
                for (k, &i) in cols.iter().enumerate() {
                    let align = headers[i].1;
                    c.text(&row[i], anchor(k, align), baseline(y), align, body)?;
                }
                y += row_h;
                if r + 1 < rows.len() {
                    c.rule(MARGIN, y, RIGHT, y, 0.3, RULE);
                }
            }
            if !is_last {
                c.rule(MARGIN, y, RIGHT, y, 0.8, INK);
                self.y = y + 18.0;
                continue;
            }
            // Course discounts.
            for (lines, amount) in &discount_lines {
                c.rule(MARGIN, y, RIGHT, y, 0.5, INK);
                let h = discount_h(lines);
                for (j, line) in lines.iter().enumerate() {
                    c.text(
                        line,
                        xs[0] + pad,
                        baseline(y) + j as f32 * wrap_h,
                        Align::Left,
                        body,
                    )?;
                }
                c.text(
                    amount,
                    anchor(end, Align::Right),
                    baseline(y),
                    Align::Right,
                    body,
                )?;
                y += h;
            }
            // Course total.
            c.rule(MARGIN, y, RIGHT, y, 0.8, INK);
            c.fill(MARGIN, y + 0.4, CONTENT_W, row_h, TINT);
            let bold = body.bold();
            c.text(&total_label, xs[0] + pad, baseline(y), Align::Left, bold)?;
            c.text(
                &total,
                anchor(end, Align::Right),
                baseline(y),
                Align::Right,
                bold,
            )?;
            y += row_h;
            c.rule(MARGIN, y, RIGHT, y, 0.8, INK);
            self.y = y + 14.0;
        }
        let note_style = Style::new(8.0, MUTED);
        let line_style = Style::new(8.5, INK);
        // Which visits are by telephone or online, the tests priced only if needed (not in
        // the total), and the boxes bought: each a paragraph under the table.
        let mut paras: Vec<String> = Vec::new();
        paras.extend(self.quote.visit_kinds_line(lang));
        let if_needed = self.tr("item-as-needed");
        for (test, price) in self.quote.as_needed(lang) {
            paras.push(self.tr_args(
                "pdf-as-needed-line",
                &[
                    ("label", if_needed.as_str().into()),
                    ("test", test.into()),
                    ("price", self.money(price).into()),
                ],
            ));
        }
        if let Some((bought, left)) = self.quote.packs_lines(lang) {
            paras.push(bought);
            paras.push(left);
        }
        for text in &paras {
            for line in c.wrap(text, CONTENT_W, line_style) {
                self.ensure(c, 12.0);
                c.text(&line, MARGIN, self.y, Align::Left, line_style)?;
                self.y += 11.5;
            }
        }
        if !paras.is_empty() {
            self.y += 2.0;
        }
        for line in c.wrap(&self.tr("pdf-note"), CONTENT_W, note_style) {
            self.ensure(c, 12.0);
            c.text(&line, MARGIN, self.y, Align::Left, note_style)?;
            self.y += 11.0;
        }
        Ok(())
    }

    fn cautions(&mut self, c: &mut Canvas<'_>) -> Result<(), PdfError> {
        let cautions = self.quote.cautions();
        if cautions.is_empty() {
            return Ok(());
        }
        let indent = 12.0;
        // Normal spacing; a tighter one when that keeps the cautions on the current page
        // instead of spilling a line or two onto a second one.
        let layout = |size: f32| -> Vec<Vec<String>> {
            cautions
                .iter()
                .map(|k| {
                    c.wrap(
                        &k.message(self.lang),
                        CONTENT_W - indent,
                        Style::new(size, INK),
                    )
                })
                .collect()
        };
        let height = |paras: &[Vec<String>], line_h: f32, gap: f32| -> f32 {
            paras
                .iter()
                .map(|p| p.len() as f32 * line_h + gap)
                .sum::<f32>()
                + 40.0
        };
        // The acceptance block follows the cautions: the tighter spacing may keep both on
        // this page.
        let after = self.acceptance_layout(c).map_or(0.0, |a| a.h);
        let alone = BOTTOM - self.y;
        let room = alone - after;
        let mut paras = layout(9.0);
        let (mut style, mut line_h, mut gap) = (Style::new(9.0, INK), 13.0, 4.0);
        let normal_h = height(&paras, line_h, gap);
        if normal_h > room {
            let tight = layout(8.5);
            let tight_h = height(&tight, 11.5, 2.5);
            // Tight when it keeps both on this page, or the cautions alone when the block
            // goes to the next page anyway; always when drawing compact.
            if self.compact || tight_h <= room || (normal_h > alone && tight_h <= alone) {
                paras = tight;
                (style, line_h, gap) = (Style::new(8.5, INK), 11.5, 2.5);
            }
        }
        // Keep the heading with the first caution.
        let first_h = paras.first().map_or(0.0, |p| p.len() as f32 * line_h);
        self.ensure(c, first_h + 40.0);
        self.heading(c, "pdf-cautions")?;
        let bullet = self.tr("pdf-bullet");
        for para in paras {
            let h = para.len() as f32 * line_h + gap;
            self.ensure(c, h);
            c.text(
                &bullet,
                MARGIN + 1.0,
                self.y - 1.5,
                Align::Left,
                Style::new(5.5, ACCENT),
            )?;
            for line in para {
                c.text(&line, MARGIN + indent, self.y, Align::Left, style)?;
                self.y += line_h;
            }
            self.y += gap;
        }
        Ok(())
    }

    /// The acceptance block's layout, when the sheet asks for one.
    fn acceptance_layout(&self, c: &Canvas<'_>) -> Option<AcceptanceLayout> {
        if !self.sheet.acceptance_signature {
            return None;
        }
        let lines = c.wrap(
            &self.tr("pdf-acceptance-text"),
            CONTENT_W,
            ACCEPT_TEXT_STYLE,
        );
        let field_w =
            |key: &str, line: f32| c.width(&self.tr(key), ACCEPT_LABEL_STYLE) + 8.0 + line;
        let gap = 18.0;
        // The date on the right, the signature the widest; the printed name on the same
        // row when the signature keeps room enough, else on a row of its own above.
        let date_from = RIGHT - field_w("pdf-acceptance-date", 100.0);
        let name = match self.req.patient {
            None => NamePlace::None,
            Some(name) => {
                let end = MARGIN
                    + field_w(
                        "pdf-acceptance-name",
                        c.width(name, ACCEPT_NAME_STYLE) + 24.0,
                    );
                let end = end.max(MARGIN + CONTENT_W * 0.22);
                let sign_w = field_w("pdf-acceptance-signature", 140.0);
                if end + gap + sign_w <= date_from - gap {
                    NamePlace::Beside(end)
                } else {
                    NamePlace::Above
                }
            }
        };
        let h = 4.0
            + 16.0
            + 13.0 * (lines.len().max(1) as f32 - 1.0)
            + if name == NamePlace::Above {
                ACCEPT_WRITE_H
            } else {
                0.0
            }
            + ACCEPT_WRITE_H
            + 4.0;
        Some(AcceptanceLayout {
            lines,
            name,
            date_from,
            gap,
            h,
        })
    }

    /// The acceptance block, when the sheet asks for one: a sentence saying the patient
    /// received the estimate and accepts it, then the patient's name (printed, when given)
    /// and lines for the signature and the date. Kept whole: on this page when it fits, else
    /// on a new one.
    fn acceptance(&mut self, c: &mut Canvas<'_>) -> Result<(), PdfError> {
        let Some(layout) = self.acceptance_layout(c) else {
            return Ok(());
        };
        self.ensure(c, layout.h);
        // Compact (no heading: the sentence says what it is), so that it more often fits
        // under the cautions.
        let y0 = self.y + 4.0;
        c.rule(MARGIN, y0, RIGHT, y0, 0.8, ACCENT);
        let mut y = y0 + 16.0;
        for (i, line) in layout.lines.iter().enumerate() {
            if i > 0 {
                y += 13.0;
            }
            c.text(line, MARGIN, y, Align::Left, ACCEPT_TEXT_STYLE)?;
        }
        // A field: its label, then a line to write on (or under the printed name).
        let field = |c: &mut Canvas<'_>, key: &str, from: f32, to: f32, y: f32| {
            let text = self.tr(key);
            c.text(&text, from, y, Align::Left, ACCEPT_LABEL_STYLE)?;
            let start = from + c.width(&text, ACCEPT_LABEL_STYLE) + 8.0;
            c.rule(start, y + 3.0, to, y + 3.0, 0.6, INK);
            Ok::<f32, PdfError>(start)
        };
        if layout.name == NamePlace::Above {
            y += ACCEPT_WRITE_H;
        }
        let row_y = y + ACCEPT_WRITE_H;
        // The name's field: where it ends, and the baseline of its row.
        let (name_to, name_y) = match layout.name {
            NamePlace::None => (None, row_y),
            NamePlace::Beside(end) => (Some(end), row_y),
            NamePlace::Above => (Some(RIGHT), y),
        };
        let mut sign_from = MARGIN;
        if let (Some(name), Some(to)) = (self.req.patient, name_to) {
            let start = field(c, "pdf-acceptance-name", MARGIN, to, name_y)?;
            c.text(name, start + 2.0, name_y, Align::Left, ACCEPT_NAME_STYLE)?;
            if let NamePlace::Beside(end) = layout.name {
                sign_from = end + layout.gap;
            }
        }
        y = row_y;
        field(
            c,
            "pdf-acceptance-signature",
            sign_from,
            layout.date_from - layout.gap,
            y,
        )?;
        field(c, "pdf-acceptance-date", layout.date_from, RIGHT, y)?;
        self.y = y + 4.0;
        Ok(())
    }

    fn footers(&mut self, c: &mut Canvas<'_>) -> Result<(), PdfError> {
        let pages = c.page_count();
        let clinic = &self.sheet.clinic;
        let mut left = clinic.name.get(self.lang).to_string();
        if !clinic.phone.trim().is_empty() {
            left = self.tr_args(
                "pdf-footer-clinic",
                &[
                    ("clinic", left.into()),
                    ("phone", clinic.phone.trim().into()),
                ],
            );
        }
        let style = Style::new(7.5, MUTED);
        let y = PAGE_H - 36.0;
        for i in 0..pages {
            let page = self.tr_args(
                "pdf-page",
                &[
                    ("page", (i as u32 + 1).into()),
                    ("pages", (pages as u32).into()),
                ],
            );
            c.on_page(i, |c| -> Result<(), PdfError> {
                c.rule(MARGIN, y - 12.0, RIGHT, y - 12.0, 0.4, RULE);
                let left_lines = c.wrap(&left, CONTENT_W - 80.0, style);
                if let Some(first) = left_lines.first() {
                    c.text(first, MARGIN, y, Align::Left, style)?;
                }
                c.text(&page, RIGHT, y, Align::Right, style)
            })?;
        }
        Ok(())
    }
}
