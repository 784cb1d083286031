//! `dose-planner prices …`: the price list from the command line, on files — the sheet saved
//! out as TOML or CSV, a TOML or CSV imported onto a base sheet (previewed, then written),
//! a bulk change, the difference between two sheets. The base is `--pricing SHEET`, else
//! the built-in reference sheet (which can thus be saved out).
//!
//! No arithmetic and no format here: everything comes from `pricing::{write, csv, items}`;
//! reading and writing files goes through `files` (size limits, atomic writes).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};

use super::args::LangArg;
use crate::files;
use crate::i18n::{Arg, Lang};
use crate::pricing::items::{self, BulkChange, Group, Price, PriceChange, PricedItem, Step};
use crate::pricing::{self, PriceSheet, Rounding};

/// Arguments of `dose-planner prices`.
#[derive(Debug, Args)]
pub struct PricesArgs {
    /// The base price sheet (TOML); default: the built-in reference clinic.
    #[arg(long, value_name = "SHEET", global = true)]
    pub pricing: Option<PathBuf>,
    /// Language of the output and the errors (default en).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
    /// What to do.
    #[command(subcommand)]
    pub action: PricesAction,
}

/// `dose-planner prices` subcommands.
#[derive(Debug, Subcommand)]
pub enum PricesAction {
    /// Save the base sheet as TOML (the canonical form) or as CSV (one row per priced item,
    /// for Excel or LibreOffice).
    Export {
        /// Write the sheet as TOML to FILE.
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "csv",
            conflicts_with = "csv"
        )]
        toml: Option<PathBuf>,
        /// Write the priced items as CSV to FILE.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// Import a TOML sheet or an edited CSV (by its extension) onto the base sheet: print
    /// what changes, then write the new sheet to --out (nothing is written with --dry-run,
    /// nor when a row is refused).
    Import {
        /// The file to import (.toml or .csv).
        file: PathBuf,
        /// Only print what would change.
        #[arg(long)]
        dry_run: bool,
        /// Where to write the resulting sheet (TOML).
        #[arg(long, value_name = "FILE", required_unless_present = "dry_run")]
        out: Option<PathBuf>,
    },
    /// Move every price of some groups by a percentage or an amount, rounded: print old →
    /// new, then write the new sheet to --out.
    Bulk {
        /// What to change (repeat or comma-separate): medication, tests, consultation.
        #[arg(long, value_enum, value_delimiter = ',', required = true)]
        on: Vec<GroupArg>,
        /// Percent to add (5, -2.5; at most three decimals).
        #[arg(long, value_name = "PERCENT", allow_hyphen_values = true, value_parser = parse_percent, conflicts_with = "amount", required_unless_present = "amount")]
        percent: Option<i32>,
        /// Amount to add, in the currency's smallest unit (100, -50).
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        amount: Option<i64>,
        /// Round each new price to a multiple of 1, 10 or 100 of the smallest unit.
        #[arg(long, value_name = "1|10|100", default_value_t = 1)]
        round_to: u32,
        /// How to round: nearest (halves up), down or up.
        #[arg(long, value_enum, default_value = "nearest")]
        rounding: RoundingArg,
        /// Only print what would change.
        #[arg(long)]
        dry_run: bool,
        /// Where to write the resulting sheet (TOML).
        #[arg(long, value_name = "FILE", required_unless_present = "dry_run")]
        out: Option<PathBuf>,
    },
    /// What changed from the base sheet to NEW: each item old → new, then other settings.
    Diff {
        /// The other version (TOML).
        new: PathBuf,
    },
}

/// `--on`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GroupArg {
    /// Capsules, packs and monthly packages.
    Medication,
    /// Tests.
    Tests,
    /// Consultation fees (first, return, and each visit kind's).
    Consultation,
}

/// `--rounding`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoundingArg {
    /// To the nearest, halves up.
    Nearest,
    /// Down.
    Down,
    /// Up.
    Up,
}

/// A percentage with at most three decimals, in thousandths of a percent (`5` → 5,000,
/// `-2.5` → −2,500), between −100 and +1,000.
fn parse_percent(s: &str) -> Result<i32, String> {
    let bad = || {
        format!("a percentage is written like 5, 2.5 or -10 (at most three decimals), got '{s}'")
    };
    let (sign, body) = match s.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(frac) || frac.len() > 3 {
        return Err(bad());
    }
    let w: i32 = whole.parse().map_err(|_| bad())?;
    let f: i32 = format!("{frac:0<3}").parse().map_err(|_| bad())?;
    let milli = w
        .checked_mul(1_000)
        .and_then(|w| w.checked_add(f))
        .and_then(|m| m.checked_mul(sign))
        .ok_or_else(bad)?;
    if !(-100_000..=1_000_000).contains(&milli) {
        return Err(format!("a percentage from -100 to 1000, got '{s}'"));
    }
    Ok(milli)
}

type Failed = (String, u8);

/// Runs `dose-planner prices …`: the text on `out`, an error line in the user's language and
/// exit code 2 (bad input) or 1 (a file cannot be written) on failure.
pub fn run(args: &PricesArgs, out: &mut dyn Write) -> u8 {
    let lang = args.lang.map_or(Lang::En, Lang::from);
    match run_inner(args, lang, out) {
        Ok(()) => 0,
        Err((message, code)) => {
            eprintln!("error: {}", crate::patient::escape_text(&message));
            code
        }
    }
}

fn say(out: &mut dyn Write, line: &str) {
    // A closed stdout (a pipe to `head`) is not a failure of the command.
    let _ = writeln!(out, "{}", crate::patient::escape_text(line));
}

fn load(path: &Path, lang: Lang) -> Result<PriceSheet, Failed> {
    files::load_sheet(path).map_err(|e| (e.explain(lang), 2))
}

fn save(path: &Path, bytes: &[u8], lang: Lang, out: &mut dyn Write) -> Result<(), Failed> {
    files::write_atomic(path, bytes).map_err(|e| (e.explain(lang), 1))?;
    say(
        out,
        &lang.tr_args(
            "prices-written",
            &[("path", Arg::Str(path.display().to_string()))],
        ),
    );
    Ok(())
}

fn run_inner(args: &PricesArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failed> {
    let base = match &args.pricing {
        Some(p) => load(p, lang)?,
        None => pricing::reference_sheet(),
    };
    match &args.action {
        PricesAction::Export { toml, csv } => {
            if let Some(path) = toml {
                save(path, pricing::write(&base).as_bytes(), lang, out)?;
            }
            if let Some(path) = csv {
                save(path, &pricing::csv::export(&base), lang, out)?;
            }
        }
        PricesAction::Import {
            file,
            dry_run,
            out: to,
        } => {
            let is_csv = file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let new = if is_csv {
                let text = files::read_text(file, files::MAX_QUOTE_BYTES)
                    .map_err(|e| (e.explain(lang), 2))?;
                let preview = pricing::csv::import(&base, text.as_bytes())
                    .map_err(|e| (e.explain(lang), 2))?;
                for (row, c) in &preview.changed {
                    let line = change_line(&base, c, lang);
                    say(out, &format!("{} {line}", row_label(*row, lang)));
                }
                for (row, item) in &preview.added {
                    let line = lang.tr_args(
                        "prices-line-added",
                        &[
                            ("item", Arg::Str(item.label(lang))),
                            ("price", Arg::Str(price_text(&base, item.price, lang))),
                        ],
                    );
                    say(out, &format!("{} {line}", row_label(*row, lang)));
                }
                for item in &preview.missing {
                    let line = lang.tr_args(
                        "prices-line-missing",
                        &[("item", Arg::Str(item.label(lang)))],
                    );
                    say(out, &line);
                }
                say(
                    out,
                    &lang.tr_args(
                        "prices-summary",
                        &[
                            ("changed", Arg::Num(preview.changed.len() as f64)),
                            ("added", Arg::Num(preview.added.len() as f64)),
                            ("missing", Arg::Num(preview.missing.len() as f64)),
                            ("unchanged", Arg::Num(preview.unchanged as f64)),
                            ("invalid", Arg::Num(preview.invalid.len() as f64)),
                        ],
                    ),
                );
                preview.result.map_err(|e| (e.explain(lang), 2))?
            } else {
                let new = load(file, lang)?;
                print_diff(&base, &items::diff(&base, &new), lang, out);
                new
            };
            match (dry_run, to) {
                (false, Some(path)) => save(path, pricing::write(&new).as_bytes(), lang, out)?,
                _ => say(out, &lang.tr("prices-dry-run")),
            }
        }
        PricesAction::Bulk {
            on,
            percent,
            amount,
            round_to,
            rounding,
            dry_run,
            out: to,
        } => {
            let step = match (percent, amount) {
                (Some(p), _) => Step::Percent(*p),
                (None, Some(a)) => Step::Amount(*a),
                (None, None) => Step::Amount(0),
            };
            let change = BulkChange {
                groups: on
                    .iter()
                    .map(|g| match g {
                        GroupArg::Medication => Group::Medication,
                        GroupArg::Tests => Group::Tests,
                        GroupArg::Consultation => Group::Consultation,
                    })
                    .collect(),
                step,
                round_to: *round_to,
                rounding: match rounding {
                    RoundingArg::Nearest => Rounding::Nearest,
                    RoundingArg::Down => Rounding::Down,
                    RoundingArg::Up => Rounding::Up,
                },
            };
            let (new, changes) =
                items::apply_bulk(&base, &change).map_err(|e| (e.explain(lang), 2))?;
            for c in &changes {
                say(out, &change_line(&base, c, lang));
            }
            say(
                out,
                &lang.tr_args(
                    "prices-bulk-summary",
                    &[("changed", Arg::Num(changes.len() as f64))],
                ),
            );
            match (dry_run, to) {
                (false, Some(path)) => save(path, pricing::write(&new).as_bytes(), lang, out)?,
                _ => say(out, &lang.tr("prices-dry-run")),
            }
        }
        PricesAction::Diff { new } => {
            let new = load(new, lang)?;
            print_diff(&base, &items::diff(&base, &new), lang, out);
        }
    }
    Ok(())
}

fn row_label(row: u64, lang: Lang) -> String {
    lang.tr_args("prices-row-label", &[("row", Arg::Str(row.to_string()))])
}

fn price_text(sheet: &PriceSheet, price: Price, lang: Lang) -> String {
    match price {
        Price::Money(m) => sheet.currency.format(m, lang),
        Price::MilliPercent(_) => price.to_string(),
    }
}

/// `Capsules/20mg: ¥418 → ¥440` (and what else changed: name, schedule).
fn change_line(sheet: &PriceSheet, c: &PriceChange, lang: Lang) -> String {
    let mut line = lang.tr_args(
        "prices-line-changed",
        &[
            ("item", Arg::Str(c.old.label(lang))),
            ("old", Arg::Str(price_text(sheet, c.old.price, lang))),
            ("new", Arg::Str(price_text(sheet, c.new.price, lang))),
        ],
    );
    let other = |what: &str, old: &str, new: &str| format!("; {what}: \"{old}\" → \"{new}\"");
    if c.old.name != c.new.name {
        let show = |i: &PricedItem| {
            [&i.name.ja, &i.name.en, &i.name.ko]
                .map(|t| t.clone().unwrap_or_default())
                .join(" / ")
        };
        line.push_str(&other("name", &show(&c.old), &show(&c.new)));
    }
    if c.old.schedule != c.new.schedule {
        line.push_str(&other("schedule", &c.old.schedule, &c.new.schedule));
    }
    line
}

fn print_diff(base: &PriceSheet, d: &items::SheetDiff, lang: Lang, out: &mut dyn Write) {
    for c in &d.changed {
        say(out, &change_line(base, c, lang));
    }
    for item in &d.added {
        say(
            out,
            &lang.tr_args(
                "prices-line-added",
                &[
                    ("item", Arg::Str(item.label(lang))),
                    ("price", Arg::Str(price_text(base, item.price, lang))),
                ],
            ),
        );
    }
    for item in &d.removed {
        say(
            out,
            &lang.tr_args(
                "prices-line-removed",
                &[("item", Arg::Str(item.label(lang)))],
            ),
        );
    }
    for l in &d.settings {
        say(out, l);
    }
    if d.is_empty() {
        say(out, &lang.tr("prices-no-difference"));
    }
}
