//! The headless face: `dose-planner quote …` loads a sheet and a plan (or a saved quote),
//! computes one [`Quote`], and renders it as a text table (`text`), JSON (`json`), the PDF
//! and the saved file. No arithmetic here: everything comes from the core.
//!
//! Exit codes: 0 ok, 2 bad input (one `error: …` line on stderr), 1 other failures. The
//! report, the notice and the error lines follow `--lang` (English by default); the
//! `error: ` and `note: ` prefixes stay as they are, for scripts. clap's own argument
//! errors are English.

pub mod args;
pub mod json;
pub mod prices;
pub mod register;
pub mod text;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command, DoseList, LangArg, QuoteArgs, SexArg, VisitArg, request_from};

use crate::dose::DoseError;
use crate::estimate::{CourseRequest, PlanError};
use crate::files;
use crate::i18n::{Arg, Lang};
use crate::money::Money;
use crate::patient::NameError;
use crate::pdf::PdfError;
use crate::pricing::{self, PriceSheet};
use crate::quote::Quote;
use crate::saved::SavedQuoteError;

/// A failure of the CLI: bad input (exit 2) or anything else (exit 1).
#[derive(Debug)]
pub enum CliError {
    /// The user's input, price sheet or saved quote is wrong.
    Input(Problem),
    /// Something else failed (e.g. the PDF could not be written).
    Failure(Problem),
}

/// What stopped a run, kept typed until it is printed in the report's language.
#[derive(Debug)]
pub enum Problem {
    /// The plan cannot be priced.
    Plan(PlanError),
    /// `--optimise` found no plan.
    Optimise(crate::optimise::OptimiseError),
    /// The patient's name cannot be used.
    Name(NameError),
    /// A saved quote cannot be opened (or saved).
    Saved(SavedQuoteError),
    /// A price sheet or a saved quote's file cannot be read, or the sheet is broken.
    Sheet(files::SheetError),
    /// The PDF cannot be made.
    Pdf(PdfError),
    /// An output file cannot be written.
    Write(files::WriteError),
    /// `--months` and `--doses` disagree.
    MonthsDisagree {
        /// `--months`.
        months: u32,
        /// The number of doses in `--doses`.
        doses: usize,
    },
    /// No dose given.
    NoDose,
    /// No sex given.
    NoSex,
    /// No dose the capsules make reaches the target.
    TargetUnreachable {
        /// The target, mg/kg.
        target: f64,
        /// The months of the course.
        months: u32,
        /// The weight, kg.
        kg: f64,
        /// Why.
        error: DoseError,
    },
    /// `--so-far-mg` already reaches the target: no dose is proposed.
    TargetAlreadyReached {
        /// mg taken so far.
        taken_mg: u64,
        /// The target, mg/kg.
        target: f64,
        /// The weight, kg.
        kg: f64,
    },
    /// `--save` and `--pdf` name one file.
    SameFile(PathBuf),
    /// `--reprice` without a sheet to price at.
    SheetMissing(String),
    /// Today's sheet cannot price the saved plan.
    CannotReprice(PlanError),
    /// The report could not be written to standard output.
    Output(std::io::Error),
}

impl Problem {
    /// The message in `lang`. In English it is the errors' `Display` text, the command
    /// line's wording since its first release (a choice the sheet does not offer: see
    /// `plan_error`).
    pub fn explain(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        let s = |v: String| Arg::Str(v);
        match self {
            Problem::Plan(e) => plan_error(e, lang, true),
            Problem::Optimise(crate::optimise::OptimiseError::Plan(e)) => plan_error(e, lang, true),
            Problem::Optimise(e) if en => e.to_string(),
            Problem::Optimise(e) => e.explain(lang),
            Problem::Name(e) if !en => e.explain(lang),
            Problem::Saved(e) if !en => e.explain(lang),
            Problem::Sheet(e) if !en => e.explain(lang),
            Problem::Pdf(e) if !en => e.explain(lang),
            Problem::Write(e) if !en => e.explain(lang),
            Problem::Name(e) => e.to_string(),
            Problem::Saved(e) => e.to_string(),
            Problem::Sheet(e) => e.to_string(),
            Problem::Pdf(e) => e.to_string(),
            Problem::Write(e) => e.to_string(),
            Problem::MonthsDisagree { months, doses } => lang.tr_args(
                "cli-err-months-disagree",
                &[
                    ("months", s(months.to_string())),
                    ("doses", s(doses.to_string())),
                ],
            ),
            Problem::NoDose => lang.tr("cli-err-no-dose"),
            Problem::NoSex => lang.tr("cli-err-no-sex"),
            Problem::TargetAlreadyReached {
                taken_mg,
                target,
                kg,
            } => lang.tr_args(
                "cli-err-target-already-reached",
                &[
                    ("taken", s(crate::money::group_digits(*taken_mg))),
                    ("target", s(target.to_string())),
                    ("kg", s(kg.to_string())),
                    (
                        "needed",
                        s(crate::money::group_digits((target * kg).ceil() as u64)),
                    ),
                ],
            ),
            Problem::TargetUnreachable {
                target,
                months,
                kg,
                error,
            } => lang.tr_args(
                "cli-err-target-unreachable",
                &[
                    ("target", s(target.to_string())),
                    ("months", s(months.to_string())),
                    ("kg", s(kg.to_string())),
                    (
                        "error",
                        s(if en {
                            error.to_string()
                        } else {
                            error.explain(lang)
                        }),
                    ),
                ],
            ),
            Problem::SameFile(p) => {
                lang.tr_args("cli-err-same-file", &[("path", s(p.display().to_string()))])
            }
            Problem::SheetMissing(name) => lang.tr_args(
                "cli-err-sheet-missing",
                &[("sheet", s(crate::patient::escape_text(name)))],
            ),
            Problem::CannotReprice(e) => lang.tr_args(
                "cli-err-cannot-reprice",
                &[("error", s(plan_error(e, lang, false)))],
            ),
            Problem::Output(e) => lang.tr_args("cli-err-output", &[("reason", s(e.to_string()))]),
        }
    }
}

/// A plan's error in `lang`: in English its `Display` text, the command line's wording since
/// its first release, except for a choice the sheet does not offer, whose sentence names
/// the sheet's options in every language; a sheet that offers none of that kind says so,
/// and (`flag_hint`: the choice came from this command's flags) which flags to leave out.
fn plan_error(e: &PlanError, lang: Lang, flag_hint: bool) -> String {
    use crate::estimate::{Choice, IN_PERSON};
    match e {
        PlanError::UnknownChoice {
            what,
            code,
            available,
        } if available.iter().all(|a| a == IN_PERSON) => {
            let (key, flags) = match what {
                Choice::VisitKind => ("cli-err-no-visit-kinds", "--visit-kinds / --later-visits"),
                Choice::Product => ("cli-err-no-products", "--product"),
                Choice::Discount => ("cli-err-no-discounts", "--discount"),
            };
            let message = lang.tr_args(
                key,
                &[("code", Arg::Str(crate::patient::escape_text(code)))],
            );
            if !flag_hint {
                return message;
            }
            lang.tr_args(
                "cli-err-leave-out",
                &[
                    ("message", Arg::Str(message)),
                    ("flags", Arg::Str(flags.to_string())),
                ],
            )
        }
        PlanError::UnknownChoice { .. } => e.explain(lang),
        _ if lang == Lang::En => e.to_string(),
        _ => e.explain(lang),
    }
}

fn input(p: Problem) -> CliError {
    CliError::Input(p)
}

fn failure(p: Problem) -> CliError {
    CliError::Failure(p)
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind as K;
            if matches!(e.kind(), K::DisplayHelp | K::DisplayVersion) {
                // Nothing to report if stdout is closed: the help was asked for and exit 0
                // says it was not an error.
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            // One line: clap's message and its detail lines (possible values, missing
            // arguments), without the usage block.
            let rendered = e.to_string();
            let lines: Vec<&str> = rendered
                .lines()
                .map(str::trim)
                .take_while(|l| {
                    !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more")
                })
                .collect();
            let message = lines.join(" ");
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            let message = crate::patient::escape_text(message);
            // The help of the subcommand that was given (`register` or `quote`).
            let command = std::env::args_os()
                .skip(1)
                .find(|a| !a.to_string_lossy().starts_with('-'))
                .and_then(|a| match a.to_str() {
                    Some("register") => Some("register"),
                    Some("prices") => Some("prices"),
                    _ => None,
                })
                .unwrap_or("quote");
            eprintln!("error: {message} (see dose-planner {command} --help)");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        None => match crate::app::run(cli.renderer) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                if e.downcast_ref::<crate::app::start::AlreadySaid>().is_none() {
                    eprintln!("error: {e:#}");
                }
                ExitCode::from(1)
            }
        },
        Some(Command::Prices(args)) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(prices::run(&args, &mut out))
        }
        Some(Command::Register(args)) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(register::run(&args, today(), &mut out))
        }
        Some(Command::Quote(args)) => {
            let lang = args.report_lang();
            let mut out = std::io::stdout().lock();
            // Escaped: a message may quote a name or a sheet line holding a terminal escape
            // or a right-to-left override.
            // The clock (and the time zone database behind it) is read only when no date
            // was given.
            let date = args.date.unwrap_or_else(today);
            let (problem, code) = match quote(&args, date, &mut out) {
                Ok(()) => return ExitCode::SUCCESS,
                Err(CliError::Input(p)) => (p, 2),
                Err(CliError::Failure(p)) => (p, 1),
            };
            eprintln!(
                "error: {}",
                crate::patient::escape_text(&problem.explain(lang))
            );
            ExitCode::from(code)
        }
    }
}

/// The plans `--optimise` found and which one the quote shows.
pub struct Suggestion {
    /// Cheapest or soonest.
    pub goal: crate::optimise::Goal,
    /// The target, mg/kg.
    pub target_mg_per_kg: f64,
    /// The plans.
    pub found: crate::optimise::Optimised,
}

/// A quote's inputs, loaded: the sheet (with its name and text, frozen into a saved file),
/// the request, and what a saved quote brings along.
struct Loaded {
    sheet_name: String,
    sheet_toml: String,
    sheet: PriceSheet,
    request: CourseRequest,
    patient: Option<String>,
    /// The saved quote's date, kept when it is shown at its frozen prices.
    quote_date: Option<jiff::civil::Date>,
    /// What `--optimise` found, when asked.
    suggestion: Option<Suggestion>,
    /// (then, now): the course total at the saved prices and at today's, when they differ
    /// and the quote is shown at the saved ones.
    price_change: Option<(Money, Money)>,
}

/// Reads `path`, or the built-in sheet, as (name, text, parsed sheet).
fn load_sheet(path: Option<&Path>) -> Result<(String, String, PriceSheet), CliError> {
    let (name, text) = match path {
        Some(p) => (
            p.display().to_string(),
            files::read_sheet_text(p).map_err(|e| input(Problem::Sheet(e)))?,
        ),
        None => (
            pricing::REFERENCE_SHEET_NAME.to_string(),
            pricing::REFERENCE_SHEET_TOML.to_string(),
        ),
    };
    let sheet = pricing::parse(&text, &name)
        .map_err(|e| input(Problem::Sheet(files::SheetError::from(e))))?;
    Ok((name, text, sheet))
}

/// A new quote from the arguments.
fn new_quote(args: &QuoteArgs) -> Result<Loaded, CliError> {
    let (sheet_name, sheet_toml, sheet) = load_sheet(args.pricing.as_deref())?;
    let mut request = request_from(args, &sheet).map_err(input)?;
    let suggestion = match (args.optimise, args.limits()) {
        (Some(goal), Some(limits)) => {
            let found = crate::optimise::optimise(&sheet, &request, &limits)
                .map_err(|e| input(Problem::Optimise(e)))?;
            let goal = crate::optimise::Goal::from(goal);
            request.doses = found.plan(goal).doses.clone();
            request.choices.visit_kinds.truncate(request.doses.len());
            Some(Suggestion {
                goal,
                target_mg_per_kg: limits.target_mg_per_kg,
                found,
            })
        }
        _ => None,
    };
    Ok(Loaded {
        sheet_name,
        sheet_toml,
        sheet,
        request,
        patient: None,
        quote_date: None,
        price_change: None,
        suggestion,
    })
}

/// A saved quote, at its frozen prices or (`--reprice`) at today's; `price_change` says when
/// today's prices differ.
fn saved_quote(args: &QuoteArgs, path: &Path) -> Result<Loaded, CliError> {
    use crate::saved::{self, PriceCheck};
    let text = files::read_quote_text(path).map_err(|e| input(Problem::Sheet(e)))?;
    let reopened =
        saved::open(&text, &path.display().to_string()).map_err(|e| input(Problem::Saved(e)))?;
    let q = &reopened.quote;
    // Today's sheet: --pricing, else the file the quote was made with, else built in.
    // The name inside the file is only a hint (the file may come from another machine or
    // have been edited): it is read only if it names a `.toml` regular file, and its content
    // is never echoed unless it parses as a price sheet.
    let from_name = || {
        let path = Path::new(&q.sheet_name);
        if path.extension().is_none_or(|e| e != "toml") {
            return None;
        }
        // Unreadable or broken: there is no today's sheet to compare with (said below
        // when --reprice needs one).
        let text = files::read_sheet_text(path).ok()?;
        let sheet = pricing::parse(&text, &q.sheet_name).ok()?;
        Some((q.sheet_name.clone(), text, sheet))
    };
    let today_sheet = match &args.pricing {
        Some(p) => Some(load_sheet(Some(p))?),
        None if q.sheet_name == pricing::REFERENCE_SHEET_NAME => Some(load_sheet(None)?),
        None => from_name(),
    };
    if today_sheet.is_none() && args.reprice {
        return Err(input(Problem::SheetMissing(q.sheet_name.clone())));
    }
    let frozen = Loaded {
        sheet_name: q.sheet_name.clone(),
        sheet_toml: q.sheet_toml.clone(),
        sheet: reopened.sheet.clone(),
        request: q.request.clone(),
        patient: q.patient.clone(),
        quote_date: Some(q.quote_date),
        price_change: None,
        suggestion: None,
    };
    let Some((name, toml, sheet)) = today_sheet else {
        return Ok(frozen);
    };
    match saved::check_prices(&reopened, &sheet) {
        PriceCheck::Unchanged | PriceCheck::Changed { .. } if args.reprice => Ok(Loaded {
            sheet_name: name,
            sheet_toml: toml,
            sheet,
            quote_date: None,
            ..frozen
        }),
        PriceCheck::Unchanged => Ok(frozen),
        PriceCheck::Changed {
            saved_total,
            current_total,
        } => Ok(Loaded {
            price_change: Some((saved_total, current_total)),
            ..frozen
        }),
        PriceCheck::CannotReprice(e) if args.reprice => Err(input(Problem::CannotReprice(e))),
        PriceCheck::CannotReprice(_) => Ok(frozen),
    }
}

/// Runs `quote` (dated `today` unless `--date` or a saved quote says otherwise), writing the
/// text or JSON to `out`.
pub fn quote(
    args: &QuoteArgs,
    today: jiff::civil::Date,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let lang = args.report_lang();
    let loaded = match &args.open {
        Some(path) => saved_quote(args, path)?,
        None => new_quote(args)?,
    };
    if let Some((then, now)) = loaded.price_change {
        let cur = &loaded.sheet.currency;
        eprintln!(
            "note: {}",
            lang.tr_args(
                "cli-note-prices-changed",
                &[
                    ("then", Arg::Str(cur.format(then, lang))),
                    ("now", Arg::Str(cur.format(now, lang))),
                ],
            )
        );
    }
    let quote_date = args.date.or(loaded.quote_date).unwrap_or(today);
    let so_far = args.so_far();
    let quote = if so_far.is_under_way() {
        Quote::compute_after(&loaded.sheet, &loaded.request, so_far, quote_date)
    } else {
        Quote::compute(&loaded.sheet, &loaded.request, quote_date)
    }
    .map_err(|e| input(Problem::Plan(e)))?;
    let patient = match &args.patient {
        Some(p) => crate::patient::check_name(p).map_err(|e| input(Problem::Name(e)))?,
        None => loaded.patient,
    };

    // Everything is computed before anything is written: a refused run writes nothing.
    if let (Some(save), Some(pdf)) = (&args.save, &args.pdf)
        && same_file(save, pdf)
    {
        return Err(input(Problem::SameFile(pdf.clone())));
    }
    let saved_json = match &args.save {
        None => None,
        Some(_) => {
            let saved = crate::saved::from_quote(
                &quote,
                &loaded.sheet_name,
                &loaded.sheet_toml,
                patient.as_deref(),
            )
            .map_err(|e| failure(Problem::Saved(e)))?;
            Some(crate::saved::to_json(&saved))
        }
    };
    let pdf_bytes = match &args.pdf {
        None => None,
        Some(_) => Some(
            crate::pdf::estimate_pdf(&crate::pdf::PdfRequest {
                quote: &quote,
                lang: args.pdf_lang(),
                patient: patient.as_deref(),
                quote_number: args.quote_number.as_deref(),
                staff: args.staff.as_deref(),
            })
            .map_err(|e| input(Problem::Pdf(e)))?,
        ),
    };
    let text = if args.json {
        Some(
            json::to_text(&quote, loaded.suggestion.as_ref(), lang)
                .map_err(|e| failure(Problem::Output(e.into())))?,
        )
    } else if args.pdf.is_some() {
        None
    } else {
        let mut report = text::report(&quote, lang);
        if let Some(s) = &loaded.suggestion {
            report.push_str(&text::suggestion(s, &quote, lang));
        }
        Some(report)
    };

    if let (Some(path), Some(json)) = (&args.save, &saved_json) {
        files::write_atomic(path, json.as_bytes()).map_err(|e| failure(Problem::Write(e)))?;
    }
    if let (Some(path), Some(bytes)) = (&args.pdf, &pdf_bytes) {
        files::write_atomic(path, bytes).map_err(|e| failure(Problem::Write(e)))?;
    }
    match (text, &args.pdf) {
        (Some(text), _) => out.write_all(text.as_bytes()),
        (None, Some(path)) => writeln!(
            out,
            "{}",
            lang.tr_args(
                "cli-pdf-written",
                &[("path", Arg::Str(path.display().to_string()))]
            )
        ),
        (None, None) => Ok(()),
    }
    .map_err(|e| failure(Problem::Output(e)))
}

/// Whether two paths name the same file (after resolving the folder; the file itself may
/// not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    let resolve = |p: &Path| {
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        std::fs::canonicalize(dir)
            .ok()
            .map(|d| d.join(p.file_name().unwrap_or_default()))
    };
    a == b || matches!((resolve(a), resolve(b)), (Some(x), Some(y)) if x == y)
}

/// Today's date in the machine's time zone: read once, at the start of a run.
#[expect(
    clippy::disallowed_methods,
    reason = "the command line's start: the clock is read here once and passed down"
)]
pub fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}
