//! The headless face: `dose-planner quote …` prints the core's estimate as a text table or
//! JSON, or writes the PDF. No arithmetic here: everything comes from the core.
//!
//! Exit codes: 0 ok, 2 bad input (one `error: …` line on stderr), 1 other failures.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::dose::{Dose, dose_for_target};
use crate::estimate::{
    CourseEstimate, CourseRequest, DAYS_PER_MONTH, MAX_MONTHS, Sex, Visit, check_target,
    check_weight, estimate, item_label,
};
use crate::files;
use crate::i18n::Lang;
use crate::pricing::{self, PriceSheet};

/// Dose & Cost Planner. With no subcommand, opens the desk app.
#[derive(Debug, Parser)]
#[command(name = "dose-planner", version, about)]
pub struct Cli {
    /// What to do; none opens the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print (or export) the cost estimate of an isotretinoin course.
    Quote(QuoteArgs),
}

/// Arguments of `dose-planner quote`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("dose").multiple(true).args(["daily_mg", "doses", "target_mg_per_kg"]).conflicts_with("open")))]
pub struct QuoteArgs {
    /// Price sheet (TOML); default: the built-in reference clinic.
    #[arg(long, value_name = "FILE")]
    pub pricing: Option<PathBuf>,
    /// The patient's sex.
    #[arg(long, value_enum, required_unless_present = "open")]
    pub sex: Option<SexArg>,
    /// First or return visit in month 1.
    #[arg(long, value_enum, default_value = "first")]
    pub visit: VisitArg,
    /// Number of months (1 to 24); default 6. Not needed with --doses.
    #[arg(long, value_name = "N", value_parser = parse_months, allow_hyphen_values = true)]
    pub months: Option<u32>,
    /// Daily dose for every month: mg per day (40) or alternating (10/20).
    #[arg(long, value_name = "DOSE", value_parser = parse_dose, allow_hyphen_values = true, conflicts_with = "doses")]
    pub daily_mg: Option<Dose>,
    /// One dose per month, comma-separated (20,40,40,60); sets the months.
    #[arg(long, value_name = "DOSE,DOSE,...", value_parser = parse_doses, allow_hyphen_values = true)]
    pub doses: Option<DoseList>,
    /// Cumulative target in mg/kg (needs --weight-kg): without a dose, solves the constant
    /// daily dose that reaches it; with one, reports the day it is reached.
    #[arg(long, value_name = "T", value_parser = parse_target, requires = "weight_kg", allow_hyphen_values = true)]
    pub target_mg_per_kg: Option<f64>,
    /// Body weight in kg.
    #[arg(long, value_name = "KG", value_parser = parse_weight, allow_hyphen_values = true)]
    pub weight_kg: Option<f64>,
    /// A visit every month (1) or every 2 months (2 months of medication per visit).
    #[arg(long, value_name = "1|2", default_value = "1", value_parser = clap::value_parser!(u32).range(1..=2))]
    pub visit_every: u32,
    /// First day of medication (YYYY-MM-DD): adds the end date and the dates after the course.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub start: Option<jiff::civil::Date>,
    /// The patient's age in years (under 15 and under 18 have rules of their own).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=120), allow_negative_numbers = true)]
    pub age: Option<u32>,
    /// A screening item answered "yes" (repeatable): pregnant, breastfeeding,
    /// planning_pregnancy, severe_liver_disease, hypervitaminosis_a, allergy, aspirin_asthma,
    /// psychiatric, bowel_or_liver_history, lipids_or_diabetes, lasik, laser_hair_removal,
    /// cannot_attend_monthly.
    #[arg(long = "check", value_name = "ITEM", value_parser = parse_check)]
    pub checks: Vec<crate::screening::CheckItem>,
    /// A medicine the patient takes (repeatable), by generic or brand name: interactions are
    /// warned about.
    #[arg(long = "medicine", value_name = "NAME")]
    pub medicines: Vec<String>,
    /// Reopen a saved quote (its frozen prices give the same totals as when it was saved).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["sex", "months", "weight_kg", "start", "age", "checks", "medicines", "visit_every"])]
    pub open: Option<PathBuf>,
    /// With --open: price the saved plan at today's prices instead (from --pricing, the
    /// sheet it was made with, or the built-in sheet). With --open, --pricing names today's
    /// sheet.
    #[arg(long, requires = "open")]
    pub reprice: bool,
    /// Save the quote (inputs and frozen prices) as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Language of the text, JSON messages and PDF (default: en for text and JSON, ja for PDF).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Write the patient's PDF estimate to FILE.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// The patient's name, printed on the PDF.
    #[arg(long, value_name = "NAME")]
    pub patient: Option<String>,
    /// Quote date printed on the PDF (YYYY-MM-DD); default today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
}

/// `--sex`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SexArg {
    /// Female.
    Female,
    /// Male.
    Male,
}

/// `--visit`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum VisitArg {
    /// First visit.
    First,
    /// Return visit.
    Return,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// Japanese.
    Ja,
    /// English.
    En,
    /// Korean.
    Ko,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
            LangArg::Ko => Lang::Ko,
        }
    }
}

fn parse_months(s: &str) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_MONTHS).contains(&n) => Ok(n),
        _ => Err(format!(
            "the number of months must be a whole number from 1 to {MAX_MONTHS}, got '{s}'"
        )),
    }
}

fn parse_dose(s: &str) -> Result<Dose, String> {
    Dose::parse(s).map_err(|e| e.to_string())
}

/// `--doses 20,40,40`: one dose per month.
#[derive(Debug, Clone, PartialEq)]
pub struct DoseList(pub Vec<Dose>);

fn parse_doses(s: &str) -> Result<DoseList, String> {
    let doses: Vec<Dose> = s.split(',').map(parse_dose).collect::<Result<_, _>>()?;
    if doses.len() > MAX_MONTHS as usize {
        return Err(format!(
            "{} months is longer than the planner handles ({MAX_MONTHS} at most)",
            doses.len()
        ));
    }
    Ok(DoseList(doses))
}

fn parse_number(s: &str, what: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{what} must be a number, got '{s}'"))
}

fn parse_weight(s: &str) -> Result<f64, String> {
    check_weight(parse_number(s, "the body weight (kg)")?).map_err(|e| e.to_string())
}

fn parse_target(s: &str) -> Result<f64, String> {
    check_target(parse_number(s, "the cumulative target (mg/kg)")?).map_err(|e| e.to_string())
}

fn parse_check(s: &str) -> Result<crate::screening::CheckItem, String> {
    use crate::screening::CheckItem;
    CheckItem::ALL
        .into_iter()
        .find(|c| c.code() == s.trim())
        .ok_or_else(|| {
            let all: Vec<&str> = CheckItem::ALL.iter().map(|c| c.code()).collect();
            format!(
                "unknown screening item '{s}'; the items are {}",
                all.join(", ")
            )
        })
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    let t = s.trim();
    t.parse::<jiff::civil::Date>().map_err(|_| {
        let shaped = t.len() == 10
            && t.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if shaped {
            format!("'{s}' is not a day on the calendar")
        } else {
            format!("a date is written YYYY-MM-DD, e.g. 2026-12-01, got '{s}'")
        }
    })
}

/// A failure of the CLI: bad input (exit 2) or anything else (exit 1).
#[derive(Debug)]
pub enum CliError {
    /// The user's input or price sheet is wrong.
    Input(anyhow::Error),
    /// Something else failed (e.g. the PDF could not be written).
    Failure(anyhow::Error),
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind as K;
            if matches!(e.kind(), K::DisplayHelp | K::DisplayVersion) {
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
            eprintln!("error: {message} (see dose-planner quote --help)");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        None => match crate::app::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(1)
            }
        },
        Some(Command::Quote(args)) => {
            let mut out = std::io::stdout().lock();
            match quote(&args, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                // Escaped: a message may quote a name or a sheet line holding a terminal
                // escape or a right-to-left override.
                Err(CliError::Input(e)) => {
                    eprintln!("error: {}", crate::patient::escape_text(&format!("{e:#}")));
                    ExitCode::from(2)
                }
                Err(CliError::Failure(e)) => {
                    eprintln!("error: {}", crate::patient::escape_text(&format!("{e:#}")));
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// Builds the request from the arguments (solving the target dose when asked).
pub fn request_from(args: &QuoteArgs, sheet: &PriceSheet) -> anyhow::Result<CourseRequest> {
    let months_given = args.months;
    let doses = if let Some(DoseList(doses)) = &args.doses {
        if let Some(m) = months_given
            && m as usize != doses.len()
        {
            anyhow::bail!(
                "--months {m} disagrees with the {} doses given in --doses (one per month); leave out --months",
                doses.len()
            );
        }
        doses.clone()
    } else {
        let months = months_given.unwrap_or(6);
        let dose = match (args.daily_mg, args.target_mg_per_kg, args.weight_kg) {
            (Some(d), _, _) => d,
            (None, Some(t), Some(w)) => Dose::daily(
                dose_for_target(t, w, months * DAYS_PER_MONTH, &sheet.capsules).context(
                    format!("no capsule dose reaches {t} mg/kg in {months} months at {w} kg"),
                )?,
            ),
            _ => anyhow::bail!(
                "say the dose: --daily-mg, --doses, or --target-mg-per-kg with --weight-kg"
            ),
        };
        vec![dose; months as usize]
    };
    Ok(CourseRequest {
        sex: match args.sex {
            Some(SexArg::Female) => Sex::Female,
            Some(SexArg::Male) => Sex::Male,
            None => anyhow::bail!("say the patient's sex: --sex female or --sex male"),
        },
        visit: match args.visit {
            VisitArg::First => Visit::First,
            VisitArg::Return => Visit::Return,
        },
        doses,
        weight_kg: args.weight_kg,
        visit_every: args.visit_every,
        start: args.start,
        target_mg_per_kg: args.target_mg_per_kg,
        screening: crate::screening::Screening {
            checked: args.checks.iter().copied().collect(),
            age: args.age,
            medicines: args
                .medicines
                .iter()
                .map(|n| {
                    crate::screening::medicine(n)
                        .map_or_else(|| n.trim().to_string(), |m| m.generic.clone())
                })
                .collect(),
        },
    })
}

/// A quote ready to print: the sheet it is priced with, its inputs and its estimate.
struct Loaded {
    sheet_name: String,
    sheet_toml: String,
    sheet: PriceSheet,
    req: CourseRequest,
    est: CourseEstimate,
    patient: Option<String>,
    quote_date: Option<jiff::civil::Date>,
}

fn input(e: impl Into<anyhow::Error>) -> CliError {
    CliError::Input(e.into())
}

/// Reads `path`, or the built-in sheet, as (name, text).
fn sheet_text(path: Option<&std::path::Path>) -> Result<(String, String), CliError> {
    Ok(match path {
        Some(p) => (
            p.display().to_string(),
            files::read_sheet_text(p).map_err(input)?,
        ),
        None => (
            pricing::REFERENCE_SHEET_NAME.to_string(),
            pricing::REFERENCE_SHEET_TOML.to_string(),
        ),
    })
}

/// A new quote from the arguments.
fn new_quote(args: &QuoteArgs) -> Result<Loaded, CliError> {
    let (sheet_name, sheet_toml) = sheet_text(args.pricing.as_deref())?;
    let sheet =
        pricing::parse(&sheet_toml, &sheet_name).map_err(|e| input(files::SheetError::from(e)))?;
    let req = request_from(args, &sheet).map_err(input)?;
    let est = estimate(&sheet, &req).map_err(input)?;
    Ok(Loaded {
        sheet_name,
        sheet_toml,
        sheet,
        req,
        est,
        patient: args.patient.clone(),
        quote_date: None,
    })
}

/// A saved quote, at its frozen prices or (`--reprice`) at today's; the notice says when
/// today's prices differ.
fn saved_quote(
    args: &QuoteArgs,
    path: &std::path::Path,
) -> Result<(Loaded, Option<String>), CliError> {
    use crate::saved::{self, PriceCheck};
    let text = files::read_quote_text(path).map_err(input)?;
    let reopened = saved::open(&text, &path.display().to_string()).map_err(input)?;
    let q = reopened.quote.clone();
    // Today's sheet: --pricing, else the file the quote was made with, else built in.
    // The name inside the file is only a hint (the file may come from another machine or
    // have been edited): it is read only if it names a `.toml` regular file, and its content
    // is never echoed unless it parses as a price sheet.
    let from_name = || {
        let path = std::path::Path::new(&q.sheet_name);
        if path.extension().is_none_or(|e| e != "toml") {
            return None;
        }
        let text = files::read_sheet_text(path).ok()?;
        let sheet = pricing::parse(&text, &q.sheet_name).ok()?;
        Some((q.sheet_name.clone(), text, sheet))
    };
    let today_sheet = match &args.pricing {
        Some(p) => {
            let (name, text) = sheet_text(Some(p))?;
            let sheet =
                pricing::parse(&text, &name).map_err(|e| input(files::SheetError::from(e)))?;
            Some((name, text, sheet))
        }
        None if q.sheet_name == pricing::REFERENCE_SHEET_NAME => {
            let (name, text) = sheet_text(None)?;
            let sheet =
                pricing::parse(&text, &name).map_err(|e| input(files::SheetError::from(e)))?;
            Some((name, text, sheet))
        }
        None => from_name(),
    };
    if today_sheet.is_none() && args.reprice {
        return Err(input(anyhow::anyhow!(
            "the price sheet this quote was made with ({}) cannot be found or read; give today's sheet with --pricing FILE",
            crate::patient::escape_text(&q.sheet_name)
        )));
    }
    let frozen = Loaded {
        sheet_name: q.sheet_name.clone(),
        sheet_toml: q.sheet_toml.clone(),
        sheet: reopened.sheet.clone(),
        req: q.request.clone(),
        est: reopened.estimate.clone(),
        patient: q.patient.clone(),
        quote_date: Some(q.quote_date),
    };
    let Some((name, toml, sheet)) = today_sheet else {
        return Ok((frozen, None));
    };
    match saved::check_prices(&reopened, &sheet) {
        PriceCheck::Unchanged if args.reprice => {
            let est = estimate(&sheet, &q.request).map_err(input)?;
            Ok((
                Loaded {
                    sheet_name: name,
                    sheet_toml: toml,
                    sheet,
                    est,
                    quote_date: None,
                    ..frozen
                },
                None,
            ))
        }
        PriceCheck::Unchanged => Ok((frozen, None)),
        PriceCheck::Changed { .. } if args.reprice => {
            let est = estimate(&sheet, &q.request).map_err(input)?;
            Ok((
                Loaded {
                    sheet_name: name,
                    sheet_toml: toml,
                    sheet,
                    est,
                    quote_date: None,
                    ..frozen
                },
                None,
            ))
        }
        PriceCheck::Changed {
            saved_total,
            current_total,
        } => {
            let cur = &reopened.sheet.currency;
            let notice = format!(
                "note: prices have changed since this quote was saved: course total {} then, {} at today's prices (use --reprice)",
                cur.format(saved_total, Lang::En),
                cur.format(current_total, Lang::En)
            );
            Ok((frozen, Some(notice)))
        }
        PriceCheck::CannotReprice(e) if args.reprice => Err(input(anyhow::anyhow!(
            "today's price sheet cannot price this plan: {e}"
        ))),
        PriceCheck::CannotReprice(_) => Ok((frozen, None)),
    }
}

/// Runs `quote`, writing the text or JSON to `out`.
pub fn quote(args: &QuoteArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let failure = |e: anyhow::Error| CliError::Failure(e);
    let (loaded, notice) = match &args.open {
        Some(path) => saved_quote(args, path)?,
        None => (new_quote(args)?, None),
    };
    if let Some(n) = &notice {
        eprintln!("{n}");
    }
    let Loaded {
        sheet_name,
        sheet_toml,
        sheet,
        req,
        est,
        patient,
        quote_date: saved_date,
    } = loaded;
    let patient = match &args.patient {
        Some(p) => crate::patient::check_name(p).map_err(input)?,
        None => patient,
    };
    let quote_date = args.date.or(saved_date).unwrap_or_else(today);

    // Everything is computed before anything is written: a refused run writes nothing.
    if let (Some(save), Some(pdf)) = (&args.save, &args.pdf)
        && same_file(save, pdf)
    {
        return Err(input(anyhow::anyhow!(
            "--save and --pdf name the same file ({}); give each its own file name",
            pdf.display()
        )));
    }
    let saved_json = args.save.as_ref().map(|_| {
        crate::saved::to_json(&crate::saved::save(
            &sheet_name,
            &sheet_toml,
            &req,
            &est,
            patient.as_deref(),
            quote_date,
        ))
    });
    let pdf_bytes = match &args.pdf {
        None => None,
        Some(_) => {
            let quote = crate::quote::Quote::compute(&sheet, &req, quote_date).map_err(input)?;
            Some(
                crate::pdf::estimate_pdf(&crate::pdf::PdfRequest {
                    quote: &quote,
                    lang: args.lang.map_or(Lang::Ja, Lang::from),
                    patient: patient.as_deref(),
                })
                .map_err(input)?,
            )
        }
    };
    let lang = args.lang.map_or(Lang::En, Lang::from);
    let text = if args.pdf.is_some() && !args.json {
        None
    } else if args.json {
        let v = report_json(&sheet, &req, &est, lang);
        let mut s = serde_json::to_string_pretty(&v).map_err(|e| failure(e.into()))?;
        s.push('\n');
        Some(s)
    } else {
        Some(report_text(&sheet, &est, lang))
    };

    if let (Some(path), Some(json)) = (&args.save, &saved_json) {
        files::write_atomic(path, json.as_bytes()).map_err(|e| failure(e.into()))?;
    }
    if let (Some(path), Some(bytes)) = (&args.pdf, &pdf_bytes) {
        files::write_atomic(path, bytes).map_err(|e| failure(e.into()))?;
    }
    match text {
        Some(text) => out.write_all(text.as_bytes()),
        None => match &args.pdf {
            Some(path) => writeln!(out, "PDF written to {}", path.display()),
            None => Ok(()),
        },
    }
    .map_err(|e| failure(e.into()))
}

/// Whether two paths name the same file (after resolving the folder; the file itself may
/// not exist yet).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    let resolve = |p: &std::path::Path| {
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => std::path::Path::new("."),
        };
        std::fs::canonicalize(dir)
            .ok()
            .map(|d| d.join(p.file_name().unwrap_or_default()))
    };
    a == b || matches!((resolve(a), resolve(b)), (Some(x), Some(y)) if x == y)
}

/// Today's date in the machine's time zone.
pub fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// The estimate as one JSON object (amounts in minor units), with localised labels and
/// warning messages.
pub fn report_json(
    sheet: &PriceSheet,
    req: &CourseRequest,
    est: &CourseEstimate,
    lang: Lang,
) -> serde_json::Value {
    use serde_json::json;
    let months: Vec<serde_json::Value> = est
        .months
        .iter()
        .map(|m| {
            let items: Vec<serde_json::Value> = m
                .items
                .iter()
                .map(|it| {
                    json!({"code": it.code, "label": item_label(sheet, m, it, lang), "amount": it.amount})
                })
                .collect();
            let mut v = serde_json::to_value(m).unwrap_or_default();
            v["items"] = json!(items);
            v
        })
        .collect();
    let warnings: Vec<serde_json::Value> = est
        .warnings
        .iter()
        .map(|w| json!({"code": w.code, "severity": w.severity, "month": w.month, "message": w.message(lang)}))
        .collect();
    json!({
        "currency": est.currency,
        "tax_included": est.tax_included,
        "sex": est.sex,
        "weight_kg": est.weight_kg,
        "visit_every": est.visit_every,
        "months": months,
        "first_month": est.first_month,
        "return_months": est.return_months.map(|(lo, hi)| json!({"min": lo, "max": hi})),
        "total": est.total,
        "days": est.days,
        "cumulative_mg": est.cumulative_mg,
        "cumulative_mg_per_kg": est.cumulative_mg_per_kg,
        "target_reached": est.target_reached,
        "dates": est.dates,
        "tests": crate::monitoring::tests_due(sheet, est),
        "protocols": crate::monitoring::compare_protocols(sheet, req).unwrap_or_default(),
        "screening": est.screening,
        "cautions": crate::safety::patient_cautions(est, &sheet.after_last_dose, sheet.currency.code == "JPY")
            .iter()
            .map(|c| json!({"code": c.code, "message": c.message(lang)}))
            .collect::<Vec<_>>(),
        "warnings": warnings,
    })
}

/// The estimate as a readable month table with totals.
pub fn report_text(sheet: &PriceSheet, est: &CourseEstimate, lang: Lang) -> String {
    let cur = &sheet.currency;
    // Columns: the item codes in order of first appearance.
    let mut codes: Vec<&str> = Vec::new();
    for m in &est.months {
        for it in &m.items {
            if !codes.contains(&it.code.as_str()) {
                codes.push(&it.code);
            }
        }
    }
    let header_label = |code: &str| match code {
        "consultation" => lang.tr("item-consultation"),
        c => {
            let probe = est
                .months
                .iter()
                .find_map(|m| m.items.iter().find(|i| i.code == c).map(|i| (m, i)));
            probe.map_or_else(|| c.to_string(), |(m, i)| item_label(sheet, m, i, lang))
        }
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut head = vec![
        "Month".to_string(),
        "Visit".to_string(),
        "mg/day".to_string(),
        "Capsules/day".to_string(),
    ];
    if est.weight_kg.is_some() {
        head.push("mg/kg/day".into());
    }
    head.extend(codes.iter().map(|c| header_label(c)));
    head.push(lang.tr("item-subtotal"));
    rows.push(head);
    for m in &est.months {
        let visit = match m.visit {
            Some(Visit::First) => lang.tr("visit-first"),
            Some(Visit::Return) => lang.tr("visit-return"),
            None => "-".to_string(),
        };
        let per_day: Vec<String> = m.capsules_per_day.iter().map(|c| c.describe()).collect();
        let mut row = vec![
            m.month.to_string(),
            visit,
            m.dose.to_string(),
            per_day.join(" / "),
        ];
        if let Some(v) = m.mg_per_kg_per_day {
            row.push(format!("{v:.2}"));
        }
        for code in &codes {
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
    let ncols = rows[0].len();
    let widths: Vec<usize> = (0..ncols)
        .map(|c| rows.iter().map(|r| display_width(&r[c])).max().unwrap_or(0))
        .collect();
    let mut s = String::new();
    let clinic = sheet.clinic.name.get(lang);
    let tax = if est.tax_included {
        "prices include tax"
    } else {
        "tax added per month"
    };
    s.push_str(&format!("{clinic} — estimate in {} ({tax})\n", cur.code));
    let sex = match est.sex {
        Sex::Female => lang.tr("sex-female"),
        Sex::Male => lang.tr("sex-male"),
    };
    let weight = est.weight_kg.map_or(String::new(), |w| format!(", {w} kg"));
    s.push_str(&format!(
        "{sex}{weight}, {} months, a visit every {} month(s)\n\n",
        est.month_count(),
        est.visit_every
    ));
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = widths[c].saturating_sub(display_width(cell));
                // Text columns left, numbers right.
                if c == 1 || c == 3 {
                    format!("{cell}{}", " ".repeat(pad))
                } else {
                    format!("{}{cell}", " ".repeat(pad))
                }
            })
            .collect();
        s.push_str(cells.join("  ").trim_end());
        s.push('\n');
        if i == 0 {
            let total_w: usize = widths.iter().sum::<usize>() + 2 * (ncols - 1);
            s.push_str(&"-".repeat(total_w));
            s.push('\n');
        }
    }
    s.push('\n');
    let mut line = |label: &str, value: String| {
        s.push_str(&format!("{:<18}{value}\n", format!("{label}:")));
    };
    line("Month 1", cur.format(est.first_month, lang));
    if let Some((lo, hi)) = est.return_months {
        if lo == hi {
            line("Each later month", cur.format(lo, lang));
        } else {
            line(
                "Later months",
                format!("{} – {}", cur.format(lo, lang), cur.format(hi, lang)),
            );
        }
    }
    line("Course total", cur.format(est.total, lang));
    let per_kg = est
        .cumulative_mg_per_kg
        .map_or(String::new(), |v| format!(" ({v:.1} mg/kg)"));
    let mg = crate::money::group_digits(est.cumulative_mg);
    line(
        "Cumulative dose",
        format!("{mg} mg over {} days{per_kg}", est.days),
    );
    if let Some(t) = &est.target_reached {
        let date = t.date.map_or(String::new(), |d| format!(", {d}"));
        line(
            &format!("Target {} mg/kg", t.target_mg_per_kg),
            format!("reached on day {} (month {}{date})", t.day, t.month),
        );
    }
    if let Some(d) = &est.dates {
        line("First dose", d.start.to_string());
        line("Last dose", d.last_dose.to_string());
    }
    if !est.warnings.is_empty() {
        s.push_str("\nWarnings:\n");
        for w in &est.warnings {
            s.push_str(&format!("  [{}] {}\n", w.code, w.message(lang)));
        }
    }
    s
}

/// Width of text in a terminal: CJK characters take two cells.
fn display_width(s: &str) -> usize {
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
