//! The command line's arguments (clap), their parsers, and the course request they describe.
//!
//! The value parsers run inside clap, before `--lang` is known: their messages are English,
//! like clap's own.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::Problem;
use crate::course::{Rest, SoFar, solve_rest};
use crate::dose::Dose;
use crate::estimate::{Choices, CourseRequest, MAX_MONTHS, Sex, Visit, check_target, check_weight};
use crate::i18n::Lang;
use crate::pricing::PriceSheet;
use crate::screening::{self, CheckItem, Screening};

/// Dose & Cost Planner. With no subcommand, opens the desk app.
#[derive(Debug, Parser)]
#[command(
    name = "dose-planner",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; none opens the window.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Draw the window with this renderer only, with no fallback (for support calls; also
    /// DOSE_PLANNER_RENDERER). Default: glow (OpenGL 2.0+), then wgpu if glow cannot start.
    #[arg(long, value_enum, value_name = "RENDERER")]
    pub renderer: Option<crate::app::start::Renderer>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once per run; boxing would only move the arguments to the heap"
)]
pub enum Command {
    /// Print (or export) the cost estimate of an isotretinoin course.
    Quote(QuoteArgs),
    /// The register of patients, courses and quotes: backup, the Quotes list, import.
    Register(super::register::RegisterArgs),
    /// The price list on files: export as TOML or CSV, import a TOML or CSV, bulk changes,
    /// the difference between two sheets.
    Prices(super::prices::PricesArgs),
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
    /// First or return visit in month 1 (default: first; return for a course under way,
    /// which a first visit cannot continue).
    #[arg(long, value_enum)]
    pub visit: Option<VisitArg>,
    /// Number of months (1 to 24); default 6. Not needed with --doses.
    #[arg(long, value_name = "N", value_parser = parse_months, allow_hyphen_values = true)]
    pub months: Option<u32>,
    /// Daily dose for every month: mg per day (40) or alternating (10/20).
    #[arg(long, value_name = "DOSE", value_parser = parse_dose, allow_hyphen_values = true, conflicts_with = "doses")]
    pub daily_mg: Option<Dose>,
    /// One dose per month, comma-separated (20,40,40,60); sets the months.
    #[arg(long, value_name = "DOSE,DOSE,...", value_parser = parse_doses, allow_hyphen_values = true)]
    pub doses: Option<DoseList>,
    /// Cumulative target in mg/kg (needs --weight-kg): without a dose, solves the smallest
    /// daily dose of whole capsules that reaches it (alternating day pairs such as 50/40
    /// when the sheet allows them); with one, reports the day it is reached.
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
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::patient::MAX_AGE)), allow_negative_numbers = true)]
    pub age: Option<u32>,
    /// A screening item answered "yes" (repeatable): pregnant, breastfeeding,
    /// planning_pregnancy, severe_liver_disease, hypervitaminosis_a, allergy, aspirin_asthma,
    /// psychiatric, bowel_or_liver_history, lipids_or_diabetes, lasik, laser_hair_removal,
    /// cannot_attend_monthly.
    #[arg(long = "check", value_name = "ITEM", value_parser = parse_check)]
    pub checks: Vec<CheckItem>,
    /// A medicine the patient takes (repeatable), by generic or brand name: interactions are
    /// warned about.
    #[arg(long = "medicine", value_name = "NAME")]
    pub medicines: Vec<String>,
    /// The product (brand) to quote, by the sheet's [[products]] code; default: the sheet's
    /// first. Only for sheets that sell several products.
    #[arg(long, value_name = "CODE", value_parser = parse_product)]
    pub product: Option<String>,
    /// A discount to apply, by the sheet's [[discounts]] code (repeatable, or a comma list:
    /// monitor,student).
    #[arg(long = "discount", value_name = "CODE", value_parser = parse_discount, value_delimiter = ',')]
    pub discounts: Vec<String>,
    /// The kind of each month's visit, month 1 first, comma-separated: in_person or a sheet's
    /// [[visit_kinds]] code (in_person,telephone,online); months past the list are in person.
    /// Month 1 of a first visit is in person.
    #[arg(long, value_name = "KIND,KIND,...", value_parser = parse_visit_kinds)]
    pub visit_kinds: Option<VisitKindList>,
    /// Shorthand: every visit from month 2 on is of this kind (telephone, online, …), month 1
    /// in person.
    #[arg(long, value_name = "KIND", value_parser = parse_visit_kind, conflicts_with = "visit_kinds")]
    pub later_visits: Option<String>,
    /// A course under way: the mg already taken (the doses so far × the days taken, less
    /// missed days). --months, --start and the doses are then those of the months left; the
    /// cumulative figures, the target solve and the warnings count the mg already taken.
    #[arg(long, value_name = "MG", value_parser = parse_so_far_mg, conflicts_with = "save", allow_hyphen_values = true)]
    pub so_far_mg: Option<u64>,
    /// With --so-far-mg: the days of the course so far (for the course's length and chart).
    #[arg(long, value_name = "D", requires = "so_far_mg", value_parser = clap::value_parser!(u32).range(0..=1000))]
    pub so_far_days: Option<u32>,
    /// Find the plan instead of typing it: the cheapest that reaches --target-mg-per-kg at
    /// --weight-kg, or the soonest; prints the plan (doses per month) with its full quote, why
    /// it was chosen, and the cheapest plan of each course length.
    #[arg(long, value_enum, value_name = "GOAL", requires_all = ["weight_kg", "target_mg_per_kg"], conflicts_with_all = ["daily_mg", "doses", "months", "open", "so_far_mg"])]
    pub optimise: Option<GoalArg>,
    /// With --optimise: the longest course, in months (default 8).
    #[arg(long, value_name = "N", requires = "optimise", value_parser = parse_months, allow_hyphen_values = true)]
    pub max_months: Option<u32>,
    /// With --optimise: the highest daily dose, mg/kg/day (default 1.0; at most 2.0).
    #[arg(long, value_name = "X", requires = "optimise", value_parser = parse_mg_per_kg_day, allow_hyphen_values = true)]
    pub max_mg_per_kg_day: Option<f64>,
    /// With --optimise: the highest month-1 dose, mg/kg/day (default 0.5).
    #[arg(long, value_name = "Y", requires = "optimise", value_parser = parse_mg_per_kg_day, allow_hyphen_values = true)]
    pub start_mg_per_kg_day: Option<f64>,
    /// With --optimise: a month's dose may also be lower than the month before's (by default
    /// doses only rise).
    #[arg(long, requires = "optimise")]
    pub may_lower: bool,
    /// With --so-far-mg: capsules still in hand from packs already bought, by strength
    /// (20mg:15,10mg:4): the months left buy packs only for what these do not cover.
    #[arg(long, value_name = "MG:N,...", requires = "so_far_mg", value_parser = parse_in_hand)]
    pub in_hand: Option<InHand>,
    /// Reopen a saved quote (its frozen prices give the same totals as when it was saved).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["sex", "months", "weight_kg", "start", "age", "checks", "medicines", "visit_every", "product", "discounts", "visit_kinds", "later_visits", "so_far_mg"])]
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
    /// Language of the text, JSON messages, errors and PDF (default: en for text, JSON and
    /// errors, ja for PDF).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Write the patient's PDF estimate to FILE.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// The patient's name, printed on the PDF.
    #[arg(long, value_name = "NAME")]
    pub patient: Option<String>,
    /// The quote number printed on the PDF (見積番号, e.g. 2026-000123); default none.
    #[arg(long, value_name = "NUMBER")]
    pub quote_number: Option<String>,
    /// The staff member who made the quote, printed on the PDF (担当); default none.
    #[arg(long, value_name = "NAME")]
    pub staff: Option<String>,
    /// Quote date printed on the PDF (YYYY-MM-DD); default today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
}

impl QuoteArgs {
    /// The language of the text report, the JSON messages and the error lines (English
    /// unless `--lang` says otherwise).
    pub fn report_lang(&self) -> Lang {
        self.lang.map_or(Lang::En, Lang::from)
    }

    /// What was taken before the months quoted (`--so-far-mg`, `--so-far-days`).
    pub fn so_far(&self) -> SoFar {
        SoFar {
            mg: self.so_far_mg.unwrap_or(0),
            days: self.so_far_days.unwrap_or(0),
            product: self.product.clone(),
            in_hand: self.in_hand.clone().map(|h| h.0).unwrap_or_default(),
            ..SoFar::default()
        }
    }

    /// The language of the PDF (Japanese unless `--lang` says otherwise).
    pub fn pdf_lang(&self) -> Lang {
        self.lang.map_or(Lang::Ja, Lang::from)
    }
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

/// `--visit-kinds in_person,telephone`: one visit kind per month, month 1 first.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitKindList(pub Vec<String>);

/// A code of the sheet's, trimmed and not empty. Whether the sheet offers it is the core's
/// check, once the sheet is read: its refusal names what the sheet offers.
fn parse_code(s: &str, what: &str, example: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(format!(
            "{what} is empty: give a code from the price sheet, e.g. {example}"
        ));
    }
    Ok(t.to_string())
}

fn parse_product(s: &str) -> Result<String, String> {
    parse_code(s, "the product", "--product acnetrent")
}

fn parse_discount(s: &str) -> Result<String, String> {
    parse_code(s, "the discount", "--discount monitor")
}

fn parse_visit_kind(s: &str) -> Result<String, String> {
    parse_code(s, "the visit kind", "--later-visits telephone")
}

fn parse_visit_kinds(s: &str) -> Result<VisitKindList, String> {
    let kinds: Vec<&str> = s.split(',').collect();
    if kinds.len() > MAX_MONTHS as usize {
        return Err(format!(
            "{} visit kinds is longer than the planner handles ({MAX_MONTHS} months at most)",
            kinds.len()
        ));
    }
    kinds
        .iter()
        .enumerate()
        .map(|(i, k)| {
            parse_code(
                k,
                &format!("the visit kind of month {}", i + 1),
                "--visit-kinds in_person,telephone,telephone",
            )
        })
        .collect::<Result<_, _>>()
        .map(VisitKindList)
}

fn parse_number(s: &str, what: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{what} must be a number, got '{s}'"))
}

/// The most mg a course can have taken (24 months at the largest dose is 216,000 mg).
const MAX_SO_FAR_MG: u64 = 1_000_000;

fn parse_so_far_mg(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if n <= MAX_SO_FAR_MG => Ok(n),
        _ => Err(format!(
            "the mg taken so far must be a whole number from 0 to {MAX_SO_FAR_MG}, got '{s}'"
        )),
    }
}

/// Capsules in hand by strength (mg → capsules), as `--in-hand` gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InHand(pub std::collections::BTreeMap<u32, u32>);

fn parse_in_hand(s: &str) -> Result<InHand, String> {
    let bad = || {
        format!(
            "capsules in hand are written strength:count, comma-separated (20mg:15,10mg:4), got '{s}'"
        )
    };
    let mut out = std::collections::BTreeMap::new();
    for part in s.split(',') {
        let (mg, n) = part.trim().split_once(':').ok_or_else(bad)?;
        let mg = mg.trim().trim_end_matches("mg").trim();
        let mg: u32 = mg.parse().map_err(|_| bad())?;
        let n: u32 = n.trim().parse().map_err(|_| bad())?;
        if mg == 0 || mg > 300 || n > 10_000 || out.insert(mg, n).is_some() {
            return Err(bad());
        }
    }
    Ok(InHand(out))
}

fn parse_weight(s: &str) -> Result<f64, String> {
    check_weight(parse_number(s, "the body weight (kg)")?).map_err(|e| e.to_string())
}

fn parse_target(s: &str) -> Result<f64, String> {
    check_target(parse_number(s, "the cumulative target (mg/kg)")?).map_err(|e| e.to_string())
}

fn parse_check(s: &str) -> Result<CheckItem, String> {
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
    use crate::patient::{FIRST_YEAR, LAST_YEAR, plausible_date};
    let t = s.trim();
    let date = parse_calendar_date(s, t)?;
    if plausible_date(date) {
        Ok(date)
    } else {
        Err(format!(
            "'{s}' is outside the years {FIRST_YEAR} to {LAST_YEAR}; check the year"
        ))
    }
}

fn parse_calendar_date(s: &str, t: &str) -> Result<jiff::civil::Date, String> {
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

/// What `--optimise` chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GoalArg {
    /// The cheapest plan that reaches the target.
    Cheapest,
    /// The plan that reaches the target soonest.
    Soonest,
}

impl From<GoalArg> for crate::optimise::Goal {
    fn from(g: GoalArg) -> Self {
        match g {
            GoalArg::Cheapest => crate::optimise::Goal::Cheapest,
            GoalArg::Soonest => crate::optimise::Goal::Soonest,
        }
    }
}

fn parse_mg_per_kg_day(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= dose_planner_core::rules::MAX_MG_PER_KG_DAY => {
            Ok(v)
        }
        _ => Err(format!(
            "a daily dose in mg/kg/day is a number above 0 and at most 2.0 (the label maximum), got '{s}'"
        )),
    }
}

impl QuoteArgs {
    /// The optimiser's limits from `--weight-kg`, `--target-mg-per-kg` and the `--max-…` /
    /// `--start-…` options; `None` without `--optimise`.
    pub fn limits(&self) -> Option<crate::optimise::Limits> {
        self.optimise?;
        let mut l = crate::optimise::Limits::new(self.weight_kg?, self.target_mg_per_kg?);
        if let Some(m) = self.max_months {
            l.max_months = m;
        }
        if let Some(x) = self.max_mg_per_kg_day {
            l.max_mg_per_kg_day = x;
        }
        l.start_mg_per_kg_day = self
            .start_mg_per_kg_day
            .unwrap_or(l.start_mg_per_kg_day.min(l.max_mg_per_kg_day));
        l.rising_only = !self.may_lower;
        Some(l)
    }
}

/// Builds the request from the arguments (solving the target dose on `sheet` when asked).
pub fn request_from(args: &QuoteArgs, sheet: &PriceSheet) -> Result<CourseRequest, Problem> {
    let doses = if let Some(limits) = args.limits() {
        // The optimiser fills the doses in (`cli::new_quote`); the longest plan lays out the
        // later visits.
        vec![Dose::daily(0); limits.max_months as usize]
    } else if let Some(DoseList(doses)) = &args.doses {
        if let Some(m) = args.months
            && m as usize != doses.len()
        {
            return Err(Problem::MonthsDisagree {
                months: m,
                doses: doses.len(),
            });
        }
        doses.clone()
    } else {
        let months = args.months.unwrap_or(6);
        // The chosen product's capsules (an unknown product is the estimate's refusal).
        let product = sheet.for_product(args.product.as_deref());
        let capsules = product.as_ref().map_or(&sheet.capsules, |s| &s.capsules);
        let dose = match (args.daily_mg, args.target_mg_per_kg, args.weight_kg) {
            (Some(d), _, _) => d,
            (None, Some(target), Some(kg)) => {
                let so_far = args.so_far();
                let unreachable = |error| Problem::TargetUnreachable {
                    target,
                    months,
                    kg,
                    error,
                };
                match solve_rest(
                    target,
                    kg,
                    &so_far,
                    months,
                    capsules,
                    sheet.alternating_days,
                )
                .map_err(unreachable)?
                {
                    Rest::Dose { dose } => dose,
                    Rest::TargetReached => {
                        return Err(Problem::TargetAlreadyReached {
                            taken_mg: so_far.mg,
                            target,
                            kg,
                        });
                    }
                }
            }
            _ => return Err(Problem::NoDose),
        };
        vec![dose; months as usize]
    };
    // At most MAX_MONTHS (24), checked by the parsers above.
    let months = u32::try_from(doses.len()).unwrap_or(MAX_MONTHS);
    Ok(CourseRequest {
        sex: match args.sex {
            Some(SexArg::Female) => Sex::Female,
            Some(SexArg::Male) => Sex::Male,
            None => return Err(Problem::NoSex),
        },
        visit: match args.visit {
            Some(VisitArg::First) => Visit::First,
            Some(VisitArg::Return) => Visit::Return,
            None if args.so_far().is_under_way() => Visit::Return,
            None => Visit::First,
        },
        doses,
        weight_kg: args.weight_kg,
        visit_every: args.visit_every,
        start: args.start,
        target_mg_per_kg: args.target_mg_per_kg,
        screening: Screening {
            checked: args.checks.iter().copied().collect(),
            age: args.age,
            medicines: args
                .medicines
                .iter()
                .map(|n| {
                    screening::medicine(n)
                        .map_or_else(|| n.trim().to_string(), |m| m.generic.clone())
                })
                .collect(),
        },
        choices: Choices {
            visit_kinds: match (&args.visit_kinds, &args.later_visits) {
                (Some(VisitKindList(kinds)), _) => kinds.clone(),
                (None, Some(kind)) => Choices::later_visits(kind, months),
                (None, None) => Vec::new(),
            },
            product: args.product.clone(),
            discounts: args.discounts.clone(),
        },
    })
}
