//! `dose-planner register …`: the register from the command line — a backup, a month's Quotes
//! list (text or CSV), a saved quote imported, a quote's status set.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use dose_planner_register::model::{NewPatient, QuoteId, QuoteStatus};
use dose_planner_register::{RegisterError, SqliteRegister};

use super::args::LangArg;
use crate::i18n::{Arg, Lang};
use crate::records;

/// Arguments of `dose-planner register`.
#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// The register: a file, or a server as postgres://user@host:5432/db?sslmode=require;
    /// default: `$DOSE_PLANNER_REGISTER`, else register.sqlite3 in the data folder
    /// (`$XDG_DATA_HOME/dose-planner`).
    #[arg(long, value_name = "FILE|URL", global = true)]
    pub register: Option<PathBuf>,
    /// Language of the output and the errors (default en).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
    /// What to do.
    #[command(subcommand)]
    pub action: RegisterAction,
}

/// `dose-planner register` subcommands.
#[derive(Debug, Subcommand)]
pub enum RegisterAction {
    /// Write a consistent copy of the register (SQLite `VACUUM INTO`) to
    /// register-backup-YYYY-MM-DD.sqlite3 in FOLDER (default: beside the register).
    Backup {
        /// The folder to write the backup into.
        #[arg(long, value_name = "FOLDER")]
        to: Option<PathBuf>,
    },
    /// The Quotes list of a month: each quote, counts, totals and the acceptance rate.
    Quotes {
        /// The month, YYYY-MM; default this month.
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
        month: Option<jiff::civil::Date>,
        /// Also write the list as CSV to FILE.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// Import a saved quote file (format 1 or 2): the patient (found by number or added), the
    /// plan as a course, the quote logged as issued.
    Import {
        /// The saved quote (.json).
        file: PathBuf,
        /// The clinic's patient number.
        #[arg(long, value_name = "NUMBER")]
        patient_number: String,
        /// The patient's name (default: the name in the saved quote).
        #[arg(long, value_name = "NAME")]
        patient_name: Option<String>,
        /// The patient's date of birth.
        #[arg(long, value_name = "YYYY-MM-DD")]
        birth: jiff::civil::Date,
        /// The number is already in the register with another name, birth date or sex, and
        /// it is the same patient: attach the quote to the stored patient (whose details are
        /// kept).
        #[arg(long)]
        same_patient: bool,
    },
    /// Set a quote's status (the patient answered, the course started or ended).
    Status {
        /// The quote's number in the register (as `quotes` lists it).
        quote: i64,
        /// The new status.
        #[arg(value_enum)]
        status: StatusArg,
    },
}

/// A quote's status on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    /// Given, no answer yet.
    Issued,
    /// The patient said yes.
    Accepted,
    /// The patient said no.
    Declined,
    /// The course started.
    Started,
    /// The course ended.
    Completed,
}

impl From<StatusArg> for QuoteStatus {
    fn from(s: StatusArg) -> QuoteStatus {
        match s {
            StatusArg::Issued => QuoteStatus::Issued,
            StatusArg::Accepted => QuoteStatus::Accepted,
            StatusArg::Declined => QuoteStatus::Declined,
            StatusArg::Started => QuoteStatus::Started,
            StatusArg::Completed => QuoteStatus::Completed,
        }
    }
}

fn parse_month(s: &str) -> Result<jiff::civil::Date, String> {
    let t = s.trim();
    format!("{t}-01")
        .parse::<jiff::civil::Date>()
        .ok()
        .filter(|_| t.len() == 7)
        .ok_or_else(|| format!("a month is written YYYY-MM, e.g. 2026-11, got '{s}'"))
}

/// Runs `dose-planner register …`: the text on `out`, an error line in the user's language
/// and exit code 2 (the input) or 1 (the register or a file) on failure.
pub fn run(args: &RegisterArgs, today: jiff::civil::Date, out: &mut dyn Write) -> u8 {
    let lang = args.lang.map_or(Lang::En, Lang::from);
    match run_inner(args, lang, today, out) {
        Ok(()) => 0,
        Err((message, code)) => {
            eprintln!("error: {}", crate::patient::escape_text(&message));
            code
        }
    }
}

type Failed = (String, u8);

fn register_failed(lang: Lang) -> impl Fn(RegisterError) -> Failed {
    move |e| {
        // What the user typed or gave (a number, a name, a saved quote's sheet, the register's
        // address) is input.
        let code = if matches!(
            e,
            RegisterError::NotFound { .. }
                | RegisterError::PatientText { .. }
                | RegisterError::SheetTooLarge { .. }
                | RegisterError::Address(_)
        ) {
            2
        } else {
            1
        };
        (e.explain(lang), code)
    }
}

fn run_inner(
    args: &RegisterArgs,
    lang: Lang,
    today: jiff::civil::Date,
    out: &mut dyn Write,
) -> Result<(), Failed> {
    let failed = register_failed(lang);
    let Some(path) = records::path_or_default(args.register.as_deref()) else {
        return Err((lang.tr("records-no-data-folder"), 2));
    };
    // A file (SQLite) or a `postgres://` server; a URL never becomes a file. Listing and
    // backing up only read: nothing is created, and a register on a read-only disk can be
    // listed and backed up.
    let reading = matches!(
        &args.action,
        RegisterAction::Backup { .. } | RegisterAction::Quotes { .. }
    );
    let mut opened = records::open_address(&path, reading).map_err(&failed)?;
    let say = |out: &mut dyn Write, line: String| {
        // A closed stdout (a pipe to `head`) is not the register's failure.
        let _ = writeln!(out, "{line}");
    };
    match &args.action {
        RegisterAction::Backup { to } => {
            let beside = match opened {
                records::Opened::File(_) => path.parent().map(PathBuf::from),
                // A server's address has no folder: the current one.
                records::Opened::Server(_) => None,
            };
            let dir = to
                .clone()
                .or(beside)
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or_else(|| PathBuf::from("."));
            let target = SqliteRegister::next_backup_path(&dir, today);
            match opened.register().backup_to(&target) {
                Ok(()) => {}
                // A server register is backed up by pg_dump on the server: say what to run.
                Err(e @ RegisterError::ServerBackup { .. }) => {
                    say(out, e.explain(lang));
                    return Ok(());
                }
                Err(e) => return Err(failed(e)),
            }
            say(
                out,
                lang.tr_args(
                    "records-backup-written",
                    &[("path", Arg::Str(target.display().to_string()))],
                ),
            );
        }
        RegisterAction::Quotes { month, csv } => {
            // Refused before anything is read or written: the CSV would replace the register.
            if let Some(file) = csv
                && records::is_register_file(file, &path)
            {
                return Err((
                    lang.tr_args(
                        "records-csv-is-register",
                        &[("path", Arg::Str(file.display().to_string()))],
                    ),
                    2,
                ));
            }
            let first = month.unwrap_or(today);
            let list = opened.register().quotes_of_month(first).map_err(&failed)?;
            for line in month_lines(&list, lang) {
                say(out, line);
            }
            if let Some(file) = csv {
                let bytes = records::month_csv(&list, lang).map_err(|e| (e.to_string(), 1))?;
                crate::files::write_atomic(file, &bytes).map_err(|e| (e.explain(lang), 1))?;
                say(
                    out,
                    lang.tr_args(
                        "records-csv-written",
                        &[("path", Arg::Str(file.display().to_string()))],
                    ),
                );
            }
        }
        RegisterAction::Import {
            file,
            patient_number,
            patient_name,
            birth,
            same_patient,
        } => {
            let text = crate::files::read_text(file, crate::files::MAX_QUOTE_BYTES)
                .map_err(|e| (e.explain(lang), 2))?;
            let reopened = crate::saved::open(&text, &file.display().to_string())
                .map_err(|e| (e.explain(lang), 2))?;
            let saved = reopened.quote;
            let name = match patient_name.as_deref().or(saved.patient.as_deref()) {
                Some(n) => crate::patient::check_name(n)
                    .map_err(|e| (e.explain(lang), 2))?
                    .unwrap_or_default(),
                None => String::new(),
            };
            if name.trim().is_empty() || patient_number.trim().is_empty() {
                return Err((lang.tr("records-import-needs-patient"), 2));
            }
            let patient = NewPatient {
                number: patient_number.trim().to_string(),
                name,
                date_of_birth: *birth,
                sex: saved.request.sex,
            };
            let records::Opened::File(register) = &mut opened else {
                return Err(failed(RegisterError::FileOnly {
                    server: path.display().to_string(),
                }));
            };
            let done =
                records::import_saved(register, &saved, &patient, *same_patient).map_err(|e| {
                    match e {
                        records::ImportError::Register(e) => failed(e),
                        refused @ records::ImportError::OtherPatient { .. } => {
                            (refused.explain(lang), 2)
                        }
                    }
                })?;
            say(
                out,
                lang.tr_args(
                    "records-imported",
                    &[
                        ("quote", Arg::Str(done.quote.0.to_string())),
                        (
                            "number",
                            Arg::Str(crate::patient::escape_text(&patient.number)),
                        ),
                    ],
                ),
            );
        }
        RegisterAction::Status { quote, status } => {
            opened
                .register()
                .set_quote_status(QuoteId(*quote), (*status).into())
                .map_err(&failed)?;
            say(
                out,
                lang.tr_args(
                    "records-status-set",
                    &[
                        ("quote", Arg::Str(quote.to_string())),
                        ("status", Arg::Str(status_name(lang, (*status).into()))),
                    ],
                ),
            );
        }
    }
    Ok(())
}

fn status_name(lang: Lang, status: QuoteStatus) -> String {
    lang.tr(&format!("records-status-{}", status.code()))
}

/// The month's list as text lines: one per quote, then counts, totals and the rate.
fn month_lines(list: &dose_planner_register::model::MonthQuotes, lang: Lang) -> Vec<String> {
    let money = |code: &str, amount: crate::money::Money| match crate::money::Currency::known(code)
    {
        Some(c) => c.format(amount, lang),
        None => format!("{} {code}", amount.0),
    };
    let mut out = vec![lang.tr_args(
        "records-month-heading",
        &[(
            "month",
            Arg::Str(format!(
                "{:04}-{:02}",
                list.month.year(),
                list.month.month()
            )),
        )],
    )];
    // Padded by display width: a Japanese or Korean name takes two columns a character.
    let pad = |s: &str, width: usize| {
        let w = super::text::display_width(s);
        format!("{s}{}", " ".repeat(width.saturating_sub(w)))
    };
    for q in &list.quotes {
        let e = &q.quote;
        // Stored text is shown escaped: a control character or a line break in a number or
        // name (stored before the register checked them) never reaches the terminal.
        let shown = |s: &str| crate::patient::escape_text(s).replace('\n', "<U+000A>");
        out.push(format!(
            "#{:<5} {}  {} {} {:>14}  {}",
            e.id.0,
            e.date,
            pad(&shown(&q.patient_number), 10),
            pad(&shown(&q.patient_name), 24),
            money(&e.currency, e.total),
            status_name(lang, e.status)
        ));
    }
    let counts: Vec<String> = QuoteStatus::ALL
        .iter()
        .map(|s| format!("{} {}", status_name(lang, *s), list.counts.get(*s)))
        .collect();
    out.push(lang.tr_args(
        "records-month-counts",
        &[
            ("count", Arg::from(list.counts.total())),
            ("counts", Arg::Str(counts.join(", "))),
        ],
    ));
    for t in &list.totals {
        out.push(lang.tr_args(
            "records-month-totals",
            &[
                ("quoted", Arg::Str(money(&t.currency, t.quoted))),
                ("accepted", Arg::Str(money(&t.currency, t.accepted))),
            ],
        ));
    }
    out.push(match list.acceptance_rate() {
        Some(r) => lang.tr_args(
            "records-month-rate",
            &[
                ("percent", Arg::Str(r.percent().to_string())),
                ("accepted", Arg::Str(r.accepted.to_string())),
                ("decided", Arg::Str(r.decided.to_string())),
            ],
        ),
        None => lang.tr("records-month-no-rate"),
    });
    out
}
