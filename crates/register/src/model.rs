//! What the register holds, in the clinic's words: patients, courses, visits and quotes.
//!
//! Plain data, no SQL: every backend (SQLite today, a shared PostgreSQL server later) stores
//! and returns these types. The `New…` types are what the app writes; the types without the
//! prefix are what it reads back, with the register's id.

use dose_planner_core::{Money, Sex};
use jiff::civil::Date;

/// The register's id of a patient (not the clinic's patient number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatientId(pub i64);

/// The register's id of a course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CourseId(pub i64);

/// The register's id of a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VisitId(pub i64);

/// The register's id of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuoteId(pub i64);

/// A patient as the app writes it (new, or changed).
#[derive(Debug, Clone, PartialEq)]
pub struct NewPatient {
    /// The clinic's own patient (chart) number; unique in the register, compared without
    /// regard to case.
    pub number: String,
    /// The name as the clinic writes it (`Tanaka Hanako`, `田中 花子`, `김민지`).
    pub name: String,
    /// Date of birth.
    pub date_of_birth: Date,
    /// Sex.
    pub sex: Sex,
}

/// A patient in the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Patient {
    /// The register's id.
    pub id: PatientId,
    /// The clinic's own patient (chart) number.
    pub number: String,
    /// The name as the clinic writes it.
    pub name: String,
    /// Date of birth.
    pub date_of_birth: Date,
    /// Sex.
    pub sex: Sex,
}

/// Where a course stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CourseStatus {
    /// Quoted or planned, no medication yet.
    Planned,
    /// Under way.
    Active,
    /// Finished as planned (target reached or course ended).
    Completed,
    /// Stopped early (side effects, pregnancy, the patient's choice).
    Stopped,
}

impl CourseStatus {
    /// Every status, in the order a course goes through them.
    pub const ALL: [CourseStatus; 4] = [
        CourseStatus::Planned,
        CourseStatus::Active,
        CourseStatus::Completed,
        CourseStatus::Stopped,
    ];

    /// The stored word (`planned`, `active`, `completed`, `stopped`).
    pub fn code(self) -> &'static str {
        match self {
            CourseStatus::Planned => "planned",
            CourseStatus::Active => "active",
            CourseStatus::Completed => "completed",
            CourseStatus::Stopped => "stopped",
        }
    }

    /// Parses a stored word.
    pub fn from_code(code: &str) -> Option<CourseStatus> {
        CourseStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A course as the app writes it. The request and the price sheet are opaque text the app
/// fills (the same JSON and TOML a saved quote file holds); the register never reads them.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCourse {
    /// Whose course.
    pub patient: PatientId,
    /// The first day of medication.
    pub start: Date,
    /// The cumulative target in mg/kg, when one was set.
    pub target_mg_per_kg: Option<f64>,
    /// The course request as JSON (the app's own format).
    pub request_json: String,
    /// The price sheet's name as shown to people.
    pub sheet_name: String,
    /// The price sheet's TOML text, frozen as the course was quoted.
    pub sheet_toml: String,
    /// The sheet's currency code (ISO 4217, e.g. `JPY`): the currency of the visits'
    /// amounts.
    pub currency: String,
    /// The product's code on the sheet, when the sheet sells several.
    pub product: Option<String>,
    /// Where the course stands.
    pub status: CourseStatus,
}

/// A course in the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    /// The register's id.
    pub id: CourseId,
    /// Whose course.
    pub patient: PatientId,
    /// The first day of medication.
    pub start: Date,
    /// The cumulative target in mg/kg, when one was set.
    pub target_mg_per_kg: Option<f64>,
    /// The course request as JSON.
    pub request_json: String,
    /// The price sheet's name.
    pub sheet_name: String,
    /// The price sheet's TOML text, frozen.
    pub sheet_toml: String,
    /// The currency of the visits' amounts.
    pub currency: String,
    /// The product's code on the sheet, when the sheet sells several.
    pub product: Option<String>,
    /// Where the course stands.
    pub status: CourseStatus,
}

/// A visit as the app writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVisit {
    /// The course the visit belongs to.
    pub course: CourseId,
    /// The day of the visit.
    pub date: Date,
    /// The weight measured, in kg (none at a telephone visit).
    pub weight_kg: Option<f64>,
    /// The daily dose from this visit on, as written: `40`, or `50/40` for alternate days.
    pub daily_dose: String,
    /// What was handed over: capsules per strength or packs (text or JSON, the app's own).
    pub dispensed: String,
    /// The days of medication handed over.
    pub days_covered: u32,
    /// The days the patient reports missing since the last visit.
    pub missed_days: u32,
    /// The tests done at this visit, as text.
    pub tests_done: String,
    /// `in_person`, or a price sheet's `[[visit_kinds]]` code.
    pub visit_kind: String,
    /// The amount charged, in the course's currency.
    pub charged: Money,
}

/// A visit in the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    /// The register's id.
    pub id: VisitId,
    /// The course the visit belongs to.
    pub course: CourseId,
    /// The day of the visit.
    pub date: Date,
    /// The weight measured, in kg.
    pub weight_kg: Option<f64>,
    /// The daily dose from this visit on, as written.
    pub daily_dose: String,
    /// What was handed over.
    pub dispensed: String,
    /// The days of medication handed over.
    pub days_covered: u32,
    /// The days the patient reports missing since the last visit.
    pub missed_days: u32,
    /// The tests done at this visit.
    pub tests_done: String,
    /// `in_person`, or a price sheet's `[[visit_kinds]]` code.
    pub visit_kind: String,
    /// The amount charged, in the course's currency.
    pub charged: Money,
}

/// A course opened for its page: the course, its patient and its visits in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenCourse {
    /// The course.
    pub course: Course,
    /// Whose course.
    pub patient: Patient,
    /// The visits, earliest first (visits on one day in the order they were recorded).
    pub visits: Vec<Visit>,
}

/// Where a quote stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteStatus {
    /// Given to the patient; no answer yet.
    Issued,
    /// The patient said yes.
    Accepted,
    /// The patient said no.
    Declined,
    /// The course it quotes has started.
    Started,
    /// The course it quotes has ended.
    Completed,
}

impl QuoteStatus {
    /// Every status, in the order a quote goes through them.
    pub const ALL: [QuoteStatus; 5] = [
        QuoteStatus::Issued,
        QuoteStatus::Accepted,
        QuoteStatus::Declined,
        QuoteStatus::Started,
        QuoteStatus::Completed,
    ];

    /// The stored word (`issued`, `accepted`, `declined`, `started`, `completed`).
    pub fn code(self) -> &'static str {
        match self {
            QuoteStatus::Issued => "issued",
            QuoteStatus::Accepted => "accepted",
            QuoteStatus::Declined => "declined",
            QuoteStatus::Started => "started",
            QuoteStatus::Completed => "completed",
        }
    }

    /// Parses a stored word.
    pub fn from_code(code: &str) -> Option<QuoteStatus> {
        QuoteStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the patient said yes: accepted, started or completed.
    pub fn is_accepted(self) -> bool {
        matches!(
            self,
            QuoteStatus::Accepted | QuoteStatus::Started | QuoteStatus::Completed
        )
    }

    /// Whether the patient has answered: every status but issued.
    pub fn is_decided(self) -> bool {
        self != QuoteStatus::Issued
    }
}

/// A SHA-256 digest as 64 lowercase hex digits (the fingerprint of an exported PDF).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sha256Hex(String);

impl Sha256Hex {
    /// The hex form of a digest.
    pub fn from_digest(digest: &[u8; 32]) -> Sha256Hex {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(64);
        for byte in digest {
            s.push(char::from(HEX[usize::from(byte >> 4)]));
            s.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        Sha256Hex(s)
    }

    /// Parses 64 hex digits (either case); `None` for anything else.
    pub fn parse(hex: &str) -> Option<Sha256Hex> {
        (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Sha256Hex(hex.to_ascii_lowercase()))
    }

    /// The 64 lowercase hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A quote as the app logs it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewQuote {
    /// The quote's date.
    pub date: Date,
    /// The patient it was given to.
    pub patient: PatientId,
    /// The course it quotes, when it belongs to one in the register.
    pub course: Option<CourseId>,
    /// The quote's total.
    pub total: Money,
    /// The currency of the total (ISO 4217, e.g. `JPY`).
    pub currency: String,
    /// Where the quote stands (usually [`QuoteStatus::Issued`]).
    pub status: QuoteStatus,
    /// The exported PDF's SHA-256, when a PDF was made.
    pub pdf_sha256: Option<Sha256Hex>,
}

/// A quote in the register.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteEntry {
    /// The register's id.
    pub id: QuoteId,
    /// The quote's date.
    pub date: Date,
    /// The patient it was given to.
    pub patient: PatientId,
    /// The course it quotes, when it belongs to one.
    pub course: Option<CourseId>,
    /// The quote's total.
    pub total: Money,
    /// The currency of the total.
    pub currency: String,
    /// Where the quote stands.
    pub status: QuoteStatus,
    /// The exported PDF's SHA-256, when a PDF was made.
    pub pdf_sha256: Option<Sha256Hex>,
}

/// A line of the Quotes list: the quote with its patient's number and name.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedQuote {
    /// The quote.
    pub quote: QuoteEntry,
    /// The patient's clinic number.
    pub patient_number: String,
    /// The patient's name.
    pub patient_name: String,
}

/// How many quotes of a month stand at each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// Issued, no answer yet.
    pub issued: u32,
    /// Accepted.
    pub accepted: u32,
    /// Declined.
    pub declined: u32,
    /// Course started.
    pub started: u32,
    /// Course completed.
    pub completed: u32,
}

impl StatusCounts {
    /// The count for `status`.
    pub fn get(&self, status: QuoteStatus) -> u32 {
        match status {
            QuoteStatus::Issued => self.issued,
            QuoteStatus::Accepted => self.accepted,
            QuoteStatus::Declined => self.declined,
            QuoteStatus::Started => self.started,
            QuoteStatus::Completed => self.completed,
        }
    }

    /// All quotes.
    pub fn total(&self) -> u32 {
        QuoteStatus::ALL.iter().map(|s| self.get(*s)).sum()
    }

    /// Quotes the patient said yes to: accepted + started + completed.
    pub fn accepted_in_all(&self) -> u32 {
        QuoteStatus::ALL
            .iter()
            .filter(|s| s.is_accepted())
            .map(|s| self.get(*s))
            .sum()
    }

    /// Quotes the patient has answered: everything but issued.
    pub fn decided(&self) -> u32 {
        QuoteStatus::ALL
            .iter()
            .filter(|s| s.is_decided())
            .map(|s| self.get(*s))
            .sum()
    }

    fn bump(&mut self, status: QuoteStatus) {
        let n = match status {
            QuoteStatus::Issued => &mut self.issued,
            QuoteStatus::Accepted => &mut self.accepted,
            QuoteStatus::Declined => &mut self.declined,
            QuoteStatus::Started => &mut self.started,
            QuoteStatus::Completed => &mut self.completed,
        };
        *n = n.saturating_add(1);
    }
}

/// The month's totals in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyTotals {
    /// The currency code.
    pub currency: String,
    /// Σ of every quote's total.
    pub quoted: Money,
    /// Σ of the totals of accepted, started and completed quotes.
    pub accepted: Money,
}

/// The acceptance rate: of the quotes the patient answered (accepted, started, completed or
/// declined), how many were yes (accepted, started or completed). Quotes still `issued`
/// count in neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptanceRate {
    /// Accepted + started + completed.
    pub accepted: u32,
    /// Accepted + started + completed + declined.
    pub decided: u32,
}

impl AcceptanceRate {
    /// The rate in per cent, rounded to the nearest whole per cent (half up).
    pub fn percent(&self) -> u32 {
        let (a, d) = (u64::from(self.accepted), u64::from(self.decided));
        // decided > 0 by construction; a × 200 + d cannot overflow u64 for u32 inputs.
        let p = (a * 200 + d) / (2 * d.max(1));
        u32::try_from(p).unwrap_or(100)
    }
}

/// The Quotes list for one month: the quotes, earliest first, with counts, totals by
/// currency and the acceptance rate.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthQuotes {
    /// The first day of the month.
    pub month: Date,
    /// The month's quotes by date (and by order of logging within a day).
    pub quotes: Vec<ListedQuote>,
    /// How many stand at each status.
    pub counts: StatusCounts,
    /// Totals per currency, by currency code.
    pub totals: Vec<CurrencyTotals>,
}

impl MonthQuotes {
    /// Builds the counts and totals from the month's quotes; an error when a total does not
    /// fit in 64 bits.
    pub(crate) fn from_quotes(
        month: Date,
        quotes: Vec<ListedQuote>,
    ) -> Result<MonthQuotes, dose_planner_core::money::Overflow> {
        let mut counts = StatusCounts::default();
        let mut totals: Vec<CurrencyTotals> = Vec::new();
        for listed in &quotes {
            let q = &listed.quote;
            counts.bump(q.status);
            let i = match totals.binary_search_by(|t| t.currency.as_str().cmp(&q.currency)) {
                Ok(i) => i,
                Err(i) => {
                    totals.insert(
                        i,
                        CurrencyTotals {
                            currency: q.currency.clone(),
                            quoted: Money::ZERO,
                            accepted: Money::ZERO,
                        },
                    );
                    i
                }
            };
            let t = &mut totals[i];
            t.quoted = t.quoted.plus(q.total)?;
            if q.status.is_accepted() {
                t.accepted = t.accepted.plus(q.total)?;
            }
        }
        Ok(MonthQuotes {
            month,
            quotes,
            counts,
            totals,
        })
    }

    /// The acceptance rate (see [`AcceptanceRate`]); `None` when no patient has answered
    /// yet.
    pub fn acceptance_rate(&self) -> Option<AcceptanceRate> {
        let decided = self.counts.decided();
        (decided > 0).then(|| AcceptanceRate {
            accepted: self.counts.accepted_in_all(),
            decided,
        })
    }
}
