//! The price list as a spreadsheet (CSV): export every priced item as one row, import an
//! edited file back onto a base sheet with a preview of what changes.
//!
//! Columns: `section, code, name_ja, name_en, name_ko, price, unit, schedule`. UTF-8 with a
//! byte-order mark (Excel then reads Japanese and Korean correctly), CRLF line ends, every
//! cell quoted only when it must be (the `csv` crate's RFC 4180 writer and reader).
//! Formula-safe: a cell that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or `'`
//! is written with a `'` in front, so a spreadsheet shows it as text and never runs it; the
//! import takes one leading `'` off again, so every text reads back as it was.
//! Import is all or nothing: the preview lists the changed, new, missing and invalid rows
//! (row and column named); a sheet comes out only when no row is invalid and the result
//! passes the sheet's own rules. A row missing from the file leaves its item as it was.
//!
//! Pure: bytes in, bytes out; the `csv` crate reads and writes memory here, never a file.

use super::items::{self, ItemProblem, Price, PricedItem, Section, recheck, set_item};
use super::{LocalText, PriceSheet, PricingError};
use crate::i18n::{Arg, Lang};
use crate::money::{MAX_PRICE, Money};

/// The CSV's header row.
pub const COLUMNS: [&str; 8] = [
    "section", "code", "name_ja", "name_en", "name_ko", "price", "unit", "schedule",
];

const BOM: &str = "\u{feff}";

/// The cells a spreadsheet may run as a formula (OWASP's list), plus `'` itself so that the
/// one `'` taken off on import is always ours.
fn needs_guard(cell: &str) -> bool {
    crate::patient::starts_a_formula(cell) || cell.starts_with('\'')
}

fn guard(cell: &str) -> String {
    if needs_guard(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn unguard(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// The sheet's priced items as CSV bytes (see the module doc).
pub fn export(sheet: &PriceSheet) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![COLUMNS.map(str::to_string).to_vec()];
    for it in items::items(sheet) {
        let price = match it.price {
            Price::Money(m) => m.0.to_string(),
            Price::MilliPercent(p) => super::write::milli_percent(p),
        };
        let name = |t: &Option<String>| guard(t.as_deref().unwrap_or(""));
        rows.push(vec![
            it.section.name().to_string(),
            guard(&it.code),
            name(&it.name.ja),
            name(&it.name.en),
            name(&it.name.ko),
            guard(&price),
            guard(&it.unit),
            guard(&it.schedule),
        ]);
    }
    for row in rows {
        // Writing into memory cannot fail (a Vec grows; no IO).
        let _ = w.write_record(&row);
    }
    // into_inner flushes into the Vec: no IO, cannot fail.
    if let Ok(bytes) = w.into_inner() {
        out.extend(bytes);
    }
    out
}

/// One refused row: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRow {
    /// The row in the spreadsheet (1 = the header).
    pub row: u64,
    /// The column's header name, when one cell is at fault.
    pub column: Option<&'static str>,
    /// Why.
    pub problem: ItemProblem,
}

impl InvalidRow {
    /// The refusal in `lang`, row and column named.
    pub fn explain(&self, lang: Lang) -> String {
        let reason = self.problem.explain(lang);
        match self.column {
            Some(col) => lang.tr_args(
                "prices-row-column",
                &[
                    ("row", Arg::Str(self.row.to_string())),
                    ("column", Arg::Str(column_label(col))),
                    ("reason", Arg::Str(reason)),
                ],
            ),
            None => lang.tr_args(
                "prices-row",
                &[
                    ("row", Arg::Str(self.row.to_string())),
                    ("reason", Arg::Str(reason)),
                ],
            ),
        }
    }
}

/// `F (price)`: the column's spreadsheet letter and its header.
fn column_label(col: &str) -> String {
    let i = COLUMNS.iter().position(|c| *c == col).unwrap_or(0);
    let letter = char::from(b'A'.saturating_add(u8::try_from(i).unwrap_or(0)));
    format!("{letter} ({col})")
}

/// Why a CSV cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// The file is not UTF-8, or a row is broken (a quote left open, a different number of
    /// cells): the row named, with the reader's own words.
    Broken {
        /// The row (1 = the header), when known.
        row: Option<u64>,
        /// The reader's message, in English.
        detail: String,
    },
    /// The first row is not the header this program writes.
    Header {
        /// The first row as found.
        got: String,
    },
    /// Some rows are invalid: nothing was applied.
    Invalid(Vec<InvalidRow>),
    /// The rows are each fine but the sheet they make is refused by the sheet's rules
    /// (two items with one code across sections, a pack price past the limit…).
    Sheet(Box<PricingError>),
}

impl CsvError {
    /// The error in `lang`; each invalid row on its own line.
    pub fn explain(&self, lang: Lang) -> String {
        match self {
            CsvError::Broken { row, detail } => lang.tr_args(
                "prices-csv-broken",
                &[
                    (
                        "row",
                        Arg::Str(row.map_or("?".to_string(), |r| r.to_string())),
                    ),
                    ("detail", Arg::Str(detail.clone())),
                ],
            ),
            CsvError::Header { got } => lang.tr_args(
                "prices-csv-header",
                &[
                    ("got", Arg::Str(got.clone())),
                    ("expected", Arg::Str(COLUMNS.join(","))),
                ],
            ),
            CsvError::Invalid(rows) => {
                let mut s = lang.tr_args(
                    "prices-csv-invalid",
                    &[("count", Arg::Num(rows.len() as f64))],
                );
                for r in rows {
                    s.push_str("\n  ");
                    s.push_str(&r.explain(lang));
                }
                s
            }
            CsvError::Sheet(e) => e.explain(lang),
        }
    }
}

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.explain(Lang::En))
    }
}

impl std::error::Error for CsvError {}

/// What an import would do, row by row, before anything applies.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    /// Rows whose item changes: (row, old → new).
    pub changed: Vec<(u64, items::PriceChange)>,
    /// Rows that add an item (tests and one-off fees).
    pub added: Vec<(u64, PricedItem)>,
    /// Items of the base sheet no row names: they stay as they are.
    pub missing: Vec<PricedItem>,
    /// Rows that are refused: nothing applies while there is one.
    pub invalid: Vec<InvalidRow>,
    /// Rows identical to the base.
    pub unchanged: usize,
    /// The sheet the import makes, or why not (the invalid rows, or the sheet's rules).
    pub result: Result<PriceSheet, CsvError>,
}

/// Reads an edited CSV onto `base`: the preview, with the resulting sheet when nothing is
/// refused. An unreadable file (not UTF-8, a broken row, a wrong header) is an error.
pub fn import(base: &PriceSheet, bytes: &[u8]) -> Result<ImportPreview, CsvError> {
    let text = std::str::from_utf8(bytes).map_err(|e| CsvError::Broken {
        row: None,
        detail: format!("not UTF-8 text at byte {}", e.valid_up_to()),
    })?;
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| CsvError::Broken {
            // Records count from 0 (the header): the spreadsheet's row is one more.
            row: e.position().map(|p| p.record().saturating_add(1)),
            detail: match e.kind() {
                ::csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => format!("{len} cells where the header has {expected_len}"),
                _ => e.to_string(),
            },
        })?;
        // The spreadsheet's row: one per record (a quoted cell may span lines), 1 = header.
        let row = u64::try_from(records.len())
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        records.push((row, rec));
    }
    let mut rows = records.into_iter();
    match rows.next() {
        Some((_, h)) if h.iter().eq(COLUMNS.iter().copied()) => {}
        Some((_, h)) => {
            return Err(CsvError::Header {
                got: h.iter().collect::<Vec<_>>().join(","),
            });
        }
        None => {
            return Err(CsvError::Header { got: String::new() });
        }
    }

    let base_items = items::items(base);
    let mut preview = ImportPreview {
        changed: Vec::new(),
        added: Vec::new(),
        missing: Vec::new(),
        invalid: Vec::new(),
        unchanged: 0,
        result: Err(CsvError::Invalid(Vec::new())),
    };
    let mut sheet = base.clone();
    let mut seen: Vec<(Section, String, u64)> = Vec::new();
    for (row, rec) in rows {
        let cell = |i: usize| unguard(rec.get(i).unwrap_or(""));
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line a spreadsheet left at the end
        }
        let invalid = |column, problem| InvalidRow {
            row,
            column,
            problem,
        };
        let Some(section) = Section::from_name(cell(0).trim()) else {
            preview.invalid.push(invalid(
                Some("section"),
                ItemProblem::UnknownSection {
                    got: cell(0).to_string(),
                },
            ));
            continue;
        };
        let code = cell(1).trim().to_string();
        if let Some((_, _, first)) = seen.iter().find(|(s, c, _)| *s == section && *c == code) {
            preview.invalid.push(invalid(
                Some("code"),
                ItemProblem::Duplicate { first_row: *first },
            ));
            continue;
        }
        seen.push((section, code.clone(), row));
        let text = |i: usize| -> Option<String> {
            let t = cell(i);
            (!t.is_empty()).then(|| t.to_string())
        };
        let name = LocalText {
            ja: text(2),
            en: text(3),
            ko: text(4),
        };
        if [&name.ja, &name.en, &name.ko].iter().any(|t| {
            t.as_deref()
                .is_some_and(|t| t.chars().any(char::is_control))
        }) {
            preview
                .invalid
                .push(invalid(None, ItemProblem::ControlCharacter));
            continue;
        }
        let unit = cell(6).trim().to_string();
        let price = match read_price(cell(5).trim(), &unit) {
            Ok(p) => p,
            Err(problem) => {
                preview.invalid.push(invalid(Some("price"), problem));
                continue;
            }
        };
        let item = PricedItem {
            section,
            code,
            name,
            price,
            unit,
            schedule: cell(7).trim().to_string(),
        };
        let old = base_items.iter().find(|b| b.same_item(&item));
        if let Some(old) = old
            && old.unit != item.unit
        {
            preview.invalid.push(invalid(
                Some("unit"),
                ItemProblem::Unit {
                    got: item.unit.clone(),
                    expected: old.unit.clone(),
                },
            ));
            continue;
        }
        if old.is_none() {
            let expected = match section {
                Section::Tests => Some("test"),
                Section::Fees => Some("once"),
                _ => None,
            };
            match expected {
                None => {
                    preview
                        .invalid
                        .push(invalid(Some("code"), ItemProblem::CannotAdd));
                    continue;
                }
                Some(u) if u != item.unit => {
                    preview.invalid.push(invalid(
                        Some("unit"),
                        ItemProblem::Unit {
                            got: item.unit.clone(),
                            expected: u.to_string(),
                        },
                    ));
                    continue;
                }
                Some(_) => {}
            }
        }
        if old == Some(&item) {
            preview.unchanged = preview.unchanged.saturating_add(1);
            continue;
        }
        if let Err(problem) = set_item(&mut sheet, &item) {
            let column = match problem {
                ItemProblem::Schedule { .. } | ItemProblem::ScheduleTooLate { .. } => {
                    Some("schedule")
                }
                ItemProblem::NoName => Some("name_en"),
                ItemProblem::CannotAdd => Some("code"),
                ItemProblem::NotAPrice { .. } => Some("price"),
                _ => None,
            };
            preview.invalid.push(invalid(column, problem));
            continue;
        }
        match old {
            Some(old) => preview.changed.push((
                row,
                items::PriceChange {
                    old: old.clone(),
                    new: item,
                },
            )),
            None => preview.added.push((row, item)),
        }
    }
    preview.missing = base_items
        .iter()
        .filter(|b| !seen.iter().any(|(s, c, _)| *s == b.section && *c == b.code))
        .cloned()
        .collect();
    preview.result = if preview.invalid.is_empty() {
        recheck(&sheet, "the imported price list").map_err(|e| CsvError::Sheet(Box::new(e)))
    } else {
        Err(CsvError::Invalid(preview.invalid.clone()))
    };
    Ok(preview)
}

/// A price cell: a whole number of minor units, or for a `percent off` row a percentage
/// with at most three decimals.
fn read_price(cell: &str, unit: &str) -> Result<Price, ItemProblem> {
    let not = || ItemProblem::NotAPrice {
        got: cell.to_string(),
    };
    if unit == "percent off" {
        let (whole, frac) = cell.split_once('.').unwrap_or((cell, ""));
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if !digits(whole) || (!frac.is_empty() && !digits(frac)) || frac.len() > 3 {
            return Err(not());
        }
        let w: u32 = whole.parse().map_err(|_| not())?;
        let f: u32 = format!("{frac:0<3}").parse().map_err(|_| not())?;
        let milli = w
            .checked_mul(1_000)
            .and_then(|w| w.checked_add(f))
            .ok_or_else(not)?;
        if milli > 100_000 {
            return Err(ItemProblem::TooLarge {
                got: i128::from(milli / 1_000),
            });
        }
        return Ok(Price::MilliPercent(milli));
    }
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(not());
    }
    let v: i128 = cell.parse().map_err(|_| ItemProblem::TooLarge {
        got: i128::from(i64::MAX),
    })?;
    if v < 0 {
        return Err(ItemProblem::Negative { got: v });
    }
    match i64::try_from(v) {
        Ok(v) if v <= MAX_PRICE => Ok(Price::Money(Money(v))),
        _ => Err(ItemProblem::TooLarge { got: v }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::{parse, reference_sheet, write};

    fn text(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn export_is_excel_ready_and_reads_back_unchanged() {
        let sheet = reference_sheet();
        let bytes = export(&sheet);
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
        let t = text(&bytes);
        assert!(t.contains("section,code,name_ja,name_en,name_ko,price,unit,schedule\r\n"));
        assert!(t.contains("capsules,20mg,,,,418,capsule,\r\n"), "{t}");
        assert!(
            t.contains("consultation,first_visit,,,,3850,visit,\r\n"),
            "{t}"
        );
        let p = import(&sheet, &bytes).unwrap();
        assert!(p.changed.is_empty() && p.added.is_empty() && p.missing.is_empty());
        assert!(p.invalid.is_empty());
        let back = p.result.unwrap();
        assert_eq!(write(&back), write(&sheet));
    }

    #[test]
    fn formula_cells_are_neutralised_and_read_back() {
        let mut sheet = reference_sheet();
        let names = [
            "=HYPERLINK(\"x\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tTab",
            "'quoted",
        ];
        if let crate::pricing::Fees::Itemised { tests, .. } = &mut sheet.fees {
            tests[0].name.en = Some(names[0].to_string());
            tests[0].name.ja = Some(names[1].to_string());
            tests[0].name.ko = Some(names[5].to_string());
        }
        sheet.one_off_fees.push(crate::pricing::OneOffFee {
            code: "registration".into(),
            name: LocalText {
                ja: Some(names[2].into()),
                en: Some(names[3].into()),
                ko: None,
            },
            price: Money(3300),
            when: crate::pricing::FeeWhen::FirstVisit,
        });
        let sheet = parse(&write(&sheet), "t").unwrap();
        let t = text(&export(&sheet));
        for line in t.lines() {
            for cell in line.split(',') {
                let cell = cell.trim_start_matches('"');
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t']), "{line}");
            }
        }
        assert!(t.contains("'=HYPERLINK"));
        assert!(t.contains("''quoted"));
        let back = import(&sheet, t.as_bytes()).unwrap().result.unwrap();
        assert_eq!(back, sheet);
    }

    #[test]
    fn an_edit_shows_in_the_preview_and_applies() {
        let sheet = reference_sheet();
        let t = text(&export(&sheet))
            .replace("capsules,20mg,,,,418,", "capsules,20mg,,,,440,")
            .replace("consultation,return_visit,,,,1650,visit,\r\n", "");
        let p = import(&sheet, t.as_bytes()).unwrap();
        assert_eq!(p.changed.len(), 1);
        let (row, c) = &p.changed[0];
        assert_eq!(
            (c.old.price.to_string(), c.new.price.to_string()),
            ("418".into(), "440".into())
        );
        assert!(*row > 1);
        assert_eq!(p.missing.len(), 1);
        assert_eq!(p.missing[0].code, "return_visit");
        let new = p.result.unwrap();
        // The missing row stays as it was; the edited price is the new one.
        assert_eq!(
            crate::pricing::write(&new)
                .matches("return_visit = 1650")
                .count(),
            1
        );
        assert_eq!(
            new.capsules.iter().find(|c| c.mg == 20).unwrap().price,
            Some(Money(440))
        );
    }

    #[test]
    fn a_new_test_row_is_added() {
        let sheet = reference_sheet();
        let mut t = text(&export(&sheet));
        t.push_str(
            "tests,lipids,脂質,Lipids,지질,2750,test,everyone; after_weeks=4; every_months=2\r\n",
        );
        let p = import(&sheet, t.as_bytes()).unwrap();
        assert_eq!(p.added.len(), 1);
        let new = p.result.unwrap();
        assert!(crate::pricing::write(&new).contains("code = \"lipids\""));
    }

    #[test]
    fn hostile_rows_are_refused_with_row_and_column_and_nothing_applies() {
        let sheet = reference_sheet();
        let base = text(&export(&sheet));
        let lines: Vec<&str> = base.split("\r\n").collect();
        // Row numbers: 1 is the header; the 20 mg capsule's row is found, not assumed.
        let row20 = lines
            .iter()
            .position(|l| l.starts_with("capsules,20mg"))
            .unwrap()
            + 1;
        let edited = base
            .replace("capsules,20mg,,,,418,", "capsules,20mg,,,,-418,")
            .replace(
                "consultation,first_visit,,,,3850,",
                "consultation,first_visit,,,,38.5,",
            );
        let mut edited = edited;
        edited.push_str("capsules,20mg,,,,1,capsule,\r\n");
        edited.push_str("tests,blood_test_2,B,B,B,100,test,everyone; at_months=1 30\r\n");
        edited.push_str("wards,x,,,,1,visit,\r\n");
        let p = import(&sheet, edited.as_bytes()).unwrap();
        assert!(p.result.is_err());
        let msgs: Vec<String> = p.invalid.iter().map(|r| r.explain(Lang::En)).collect();
        assert_eq!(msgs.len(), 5, "{msgs:#?}");
        assert!(
            msgs.iter().any(|m| m.starts_with(&format!(
                "row {row20}, column F (price): a price cannot be negative"
            ))),
            "{msgs:#?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("\"38.5\" is not a price")),
            "{msgs:#?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains(&format!("already on row {row20}"))),
            "{msgs:#?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("column H (schedule): 30 is past")),
            "{msgs:#?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("column A (section): \"wards\"")),
            "{msgs:#?}"
        );
        let neg = p.invalid.iter().find(|r| r.row == row20 as u64).unwrap();
        let ja = neg.explain(Lang::Ja);
        assert!(ja.contains(&format!("{row20} 行目")), "{ja}");
        let ko = neg.explain(Lang::Ko);
        assert!(ko.contains(&format!("{row20}행")), "{ko}");
        // A broken row (an open quote, a missing cell) and a wrong header are errors.
        let broken = base.replacen("capsules,20mg,,,,418,capsule,", "capsules,20mg,,,418", 1);
        let e = import(&sheet, broken.as_bytes()).unwrap_err();
        assert!(
            matches!(e, CsvError::Broken { row: Some(r), .. } if r == row20 as u64),
            "{e:?}"
        );
        assert!(
            e.explain(Lang::En)
                .contains("5 cells where the header has 8"),
            "{e}"
        );
        assert!(matches!(
            import(&sheet, b"a,b\r\n").unwrap_err(),
            CsvError::Header { .. }
        ));
        assert!(matches!(
            import(&sheet, &[0xff, 0xfe]).unwrap_err(),
            CsvError::Broken { .. }
        ));
    }

    #[test]
    fn a_row_making_a_sheet_the_rules_refuse_applies_nothing() {
        // A test code that is a fee code: each row is fine, the sheet is not.
        let sheet = reference_sheet();
        let mut t = text(&export(&sheet));
        t.push_str("fees,blood_test,採血料,Draw fee,채혈비,500,once,course\r\n");
        let p = import(&sheet, t.as_bytes()).unwrap();
        assert!(p.invalid.is_empty());
        assert!(
            matches!(p.result, Err(CsvError::Sheet(_))),
            "{:?}",
            p.result
        );
    }
}
