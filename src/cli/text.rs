//! The text report: a [`Quote`] as a month table with the totals under it, every word in the
//! report's language (headers, the title and patient lines, the product and the visit kinds
//! chosen, the summary with the discounts on the whole course, the tests done only if needed,
//! and every date the JSON report has under `dates`).
//!
//! It renders only: the columns, labels, totals and ranges come from the quote; no sum, no
//! dose arithmetic and no sheet lookup of its own.

use crate::i18n::{Arg, Lang};
use crate::money::group_digits;
use crate::quote::Quote;
use crate::safety::{fmt_mgkg, fmt_mgkg_day};
use crate::{Money, Visit};

/// The narrowest label column of the summary, in terminal cells (wider when a label in
/// the report's language needs it, so the values stay aligned).
const LABEL_WIDTH: usize = 18;

/// The quote as a readable month table with totals, in `lang`.
pub fn report(quote: &Quote, lang: Lang) -> String {
    let sheet = quote.sheet();
    let cur = &sheet.currency;
    let est = quote.shown();
    let codes = quote.columns();

    let mut head = vec![
        lang.tr("cli-col-month"),
        lang.tr("cli-col-visit"),
        lang.tr("cli-col-mg-day"),
        lang.tr("cli-col-capsules-day"),
    ];
    if est.weight_kg.is_some() {
        head.push(lang.tr("cli-col-mg-kg-day"));
    }
    head.extend(codes.iter().map(|c| quote.column_label(c, lang)));
    head.push(lang.tr("item-subtotal"));
    let mut rows: Vec<Vec<String>> = vec![head];
    for m in &est.months {
        let visit = match m.visit {
            Some(Visit::First) => lang.tr("visit-first"),
            Some(Visit::Return) => lang.tr("visit-return"),
            None => lang.tr("cli-no-visit"),
        };
        let per_day: Vec<String> = m.capsules_per_day.iter().map(|c| c.describe()).collect();
        let mut row = vec![
            m.month.to_string(),
            visit,
            m.dose.to_string(),
            per_day.join(" / "),
        ];
        if let Some(v) = m.mg_per_kg_per_day {
            row.push(fmt_mgkg_day(v));
        }
        for code in codes {
            row.push(
                m.items
                    .iter()
                    .find(|i| i.code == *code)
                    .map_or_else(|| "-".to_string(), |i| cur.format_number(i.amount)),
            );
        }
        row.push(cur.format_number(m.subtotal));
        rows.push(row);
    }

    let mut s = String::new();
    let tax = match quote.untaxed_items(lang) {
        _ if est.tax_included => lang.tr("cli-tax-included"),
        Some(items) => lang.tr_args("cli-tax-added-exempt", &[("items", Arg::Str(items))]),
        None => lang.tr("cli-tax-added"),
    };
    s.push_str(&lang.tr_args(
        "cli-title",
        &[
            ("clinic", Arg::Str(sheet.clinic.name.get(lang).to_string())),
            ("currency", Arg::Str(cur.code.clone())),
            ("tax", Arg::Str(tax)),
        ],
    ));
    s.push('\n');
    let sex = est.sex.name(lang);
    let mut args = vec![
        ("sex", Arg::Str(sex)),
        // Numbers, so that English says "1 month" and "2 months".
        ("months", Arg::Num(f64::from(est.month_count()))),
        ("every", Arg::Num(f64::from(est.visit_every))),
    ];
    let key = match est.weight_kg {
        Some(kg) => {
            args.push(("kg", Arg::Str(kg.to_string())));
            "cli-patient-weight"
        }
        None => "cli-patient",
    };
    s.push_str(&lang.tr_args(key, &args));
    s.push('\n');
    // What the quote chose from the sheet: the product (a sheet with several) and, when some
    // visit is not in person, the kind of each visit.
    if let Some(product) = quote.product_name(lang) {
        s.push_str(&lang.tr_args("cli-product", &[("product", Arg::Str(product))]));
        s.push('\n');
    }
    if let Some(visits) = quote.visit_kinds_line(lang) {
        s.push_str(&visits);
        s.push('\n');
    }
    s.push('\n');
    push_table(&mut s, &rows);
    // Pack-sold strengths: the packs each month buys and the capsules left at the end.
    if let Some((bought, left)) = quote.packs_lines(lang) {
        s.push_str(&bought);
        s.push('\n');
        s.push_str(&left);
        s.push('\n');
    }
    s.push('\n');

    let money = |(low, high): (Money, Money)| cur.format_range(low, high, lang);
    // The summary: (label, value) lines, aligned once all are known.
    let mut summary: Vec<(String, String)> = Vec::new();
    summary.push((lang.tr("cli-sum-month-1"), money(quote.first_month())));
    if let Some(later) = quote.later_months() {
        let key = if later.0 == later.1 {
            "cli-sum-each-later-month"
        } else {
            "cli-sum-later-months"
        };
        summary.push((lang.tr(key), money(later)));
    }
    // The discounts on the whole course (negative), between the months and the total.
    for (name, amount) in quote.course_discounts(lang) {
        let label = lang.tr_args("cli-sum-label", &[("label", Arg::Str(name))]);
        summary.push((label, money(amount)));
    }
    summary.push((lang.tr("cli-sum-course-total"), money(quote.total())));
    let cumulative = |mg: u64, days: u32, per_kg: Option<f64>| {
        let mut args = vec![
            ("mg", Arg::Str(group_digits(mg))),
            ("days", Arg::Str(days.to_string())),
        ];
        let key = match per_kg {
            Some(v) => {
                args.push(("mgkg", Arg::Str(fmt_mgkg(v))));
                "cli-cumulative-value-kg"
            }
            None => "cli-cumulative-value",
        };
        lang.tr_args(key, &args)
    };
    match quote.progress() {
        // A course under way: taken so far, these months, the whole course.
        Some(p) => {
            for (key, mg, days, per_kg) in [
                (
                    "cli-sum-so-far",
                    p.so_far_mg,
                    p.so_far_days,
                    p.so_far_mg_per_kg,
                ),
                ("cli-sum-rest", p.rest_mg, p.rest_days, p.rest_mg_per_kg),
                (
                    "cli-sum-course",
                    p.course_mg,
                    p.course_days,
                    p.course_mg_per_kg,
                ),
            ] {
                summary.push((lang.tr(key), cumulative(mg, days, per_kg)));
            }
        }
        None => summary.push((
            lang.tr("cli-sum-cumulative"),
            cumulative(est.cumulative_mg, est.days, est.cumulative_mg_per_kg),
        )),
    }
    if let Some(t) = &est.target_reached {
        let mut args = vec![
            ("day", Arg::Str(t.day.to_string())),
            ("month", Arg::Str(t.month.to_string())),
        ];
        let key = match t.date {
            _ if t.day == 0 => "cli-target-reached-before",
            Some(d) => {
                args.push(("date", Arg::Str(date(lang, d))));
                "cli-target-reached-date"
            }
            None => "cli-target-reached",
        };
        let label = lang.tr_args(
            "cli-sum-target",
            &[("target", Arg::Str(t.target_mg_per_kg.to_string()))],
        );
        summary.push((label, lang.tr_args(key, &args)));
    }
    if let Some(d) = &est.dates {
        // Every date the JSON report has under `dates`, in its order.
        for (key, day) in [
            ("cli-sum-first-dose", d.start),
            ("cli-sum-last-dose", d.last_dose),
            ("cli-sum-contraception-until", d.contraception_until),
            ("cli-sum-sun-and-laser-until", d.sun_and_laser_until),
            ("cli-sum-laser-hair-removal-from", d.laser_hair_removal_from),
            ("cli-sum-vaccination-from", d.vaccination_from),
            ("cli-sum-elective-surgery-from", d.elective_surgery_from),
            ("cli-sum-next-course-from", d.next_course_from),
        ] {
            summary.push((lang.tr(key), date(lang, day)));
        }
    }
    let width = summary
        .iter()
        .map(|(label, _)| display_width(label) + 1)
        .max()
        .unwrap_or(0)
        .max(LABEL_WIDTH);
    for (label, value) in &summary {
        let pad = width.saturating_sub(display_width(label));
        s.push_str(&format!("{label}{}{value}\n", " ".repeat(pad)));
    }
    // Tests the clinic does only if the doctor asks, and tests no visit of the plan takes:
    // priced, but not in the total.
    not_in_total(
        &mut s,
        "item-as-needed",
        quote.as_needed(lang),
        width,
        cur,
        lang,
    );
    not_in_total(
        &mut s,
        "item-at-no-visit",
        quote.tests_at_no_visit(lang),
        width,
        cur,
        lang,
    );
    if !est.warnings.is_empty() {
        s.push('\n');
        s.push_str(&lang.tr("cli-warnings"));
        s.push('\n');
        for w in &est.warnings {
            s.push_str(&format!("  [{}] {}\n", w.code, w.message(lang)));
        }
    }
    s
}

/// What `--optimise` adds under the report: the choice in words and the cheapest plan of
/// each course length (months, doses, total, the day the target is reached).
pub fn suggestion(s: &super::Suggestion, quote: &Quote, lang: Lang) -> String {
    let cur = &quote.sheet().currency;
    let mut out = String::from("\n");
    out.push_str(&lang.tr_args(
        "cli-sum-label",
        &[(
            "label",
            Arg::Str(lang.tr(match s.goal {
                crate::optimise::Goal::Cheapest => "cli-opt-cheapest",
                crate::optimise::Goal::Soonest => "cli-opt-soonest",
            })),
        )],
    ));
    out.push_str("\n  ");
    out.push_str(&s.found.explain(s.goal, s.target_mg_per_kg, cur, lang));
    out.push_str("\n\n");
    out.push_str(&lang.tr_args(
        "cli-sum-label",
        &[("label", Arg::Str(lang.tr("cli-opt-frontier")))],
    ));
    out.push('\n');
    let rows: Vec<[String; 4]> = s
        .found
        .frontier
        .iter()
        .map(|p| {
            [
                p.months().to_string(),
                p.doses
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
                cur.format(p.total, lang),
                p.target_day.to_string(),
            ]
        })
        .collect();
    let head = [
        lang.tr("cli-opt-col-months"),
        lang.tr("cli-opt-col-doses"),
        lang.tr("cli-opt-col-total"),
        lang.tr("cli-opt-col-day"),
    ];
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .map(|r| display_width(&r[i]))
                .chain(std::iter::once(display_width(&head[i])))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&head).chain(rows.iter()) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                let pad = " ".repeat(w.saturating_sub(display_width(c)));
                // The doses read left to right; numbers line up on the right.
                if i == 1 {
                    format!("{c}{pad}")
                } else {
                    format!("{pad}{c}")
                }
            })
            .collect();
        out.push_str("  ");
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// A heading (`heading`, a key) and its priced lines, not in the total, under the summary.
fn not_in_total(
    s: &mut String,
    heading: &str,
    tests: Vec<(String, crate::money::Money)>,
    width: usize,
    cur: &crate::money::Currency,
    lang: Lang,
) {
    if tests.is_empty() {
        return;
    }
    s.push('\n');
    s.push_str(&lang.tr_args("cli-sum-label", &[("label", Arg::Str(lang.tr(heading)))]));
    s.push('\n');
    let lines: Vec<(String, String)> = tests
        .into_iter()
        .map(|(name, price)| {
            (
                lang.tr_args("cli-sum-label", &[("label", Arg::Str(name))]),
                cur.format(price, lang),
            )
        })
        .collect();
    // Indented under their heading, the prices in the summary's column when they fit.
    let inner = lines
        .iter()
        .map(|(label, _)| display_width(label) + 1)
        .max()
        .unwrap_or(0)
        .max(width.saturating_sub(2));
    for (label, value) in &lines {
        let pad = inner.saturating_sub(display_width(label));
        s.push_str(&format!("  {label}{}{value}\n", " ".repeat(pad)));
    }
}

/// A date as the report prints it: `2026-12-01` in English (as the report always has, and
/// as scripts read it), the language's own long form otherwise (2026年12月1日).
fn date(lang: Lang, d: jiff::civil::Date) -> String {
    match lang {
        Lang::En => d.to_string(),
        Lang::Ja | Lang::Ko => lang.format_date(d),
    }
}

/// The table: columns as wide as their widest cell, text columns (visit, capsules) left,
/// numbers right, a rule under the header.
fn push_table(s: &mut String, rows: &[Vec<String>]) {
    let ncols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..ncols)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |cell| display_width(cell)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, width))| {
                let pad = " ".repeat(width.saturating_sub(display_width(cell)));
                if c == 1 || c == 3 {
                    format!("{cell}{pad}")
                } else {
                    format!("{pad}{cell}")
                }
            })
            .collect();
        s.push_str(cells.join("  ").trim_end());
        s.push('\n');
        if i == 0 {
            let rule = widths.iter().sum::<usize>() + 2 * ncols.saturating_sub(1);
            s.push_str(&"-".repeat(rule));
            s.push('\n');
        }
    }
}

/// Width of text in a terminal: CJK characters take two cells.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let cp = c as u32;
            let wide = (0x1100..=0x115F).contains(&cp)
                || (0x2E80..=0xA4CF).contains(&cp)
                || (0xAC00..=0xD7A3).contains(&cp)
                || (0xF900..=0xFAFF).contains(&cp)
                || (0xFF00..=0xFF60).contains(&cp)
                || (0xFFE0..=0xFFE6).contains(&cp);
            if wide { 2 } else { 1 }
        })
        .sum()
}
