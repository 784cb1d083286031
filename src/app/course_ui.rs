//! The course view: one patient's course under way. The visits so far as a table; taken so
//! far / remaining / whole course in mg, mg/kg and money; the chart of the cumulative dose
//! (what was taken, then the planned rest, drawn differently); the rest of the course
//! re-planned from the visits — keep the end date (the smallest dose that still reaches the
//! target) or keep the dose (the months it needs) — priced at the course's frozen prices;
//! and the "Record today's visit" form, prefilled from the re-planned month; what it dispenses
//! and charges are priced again by the core as its dose, days and kind change, until typed.
//!
//! Draws and returns [`Command`]s. The numbers are the core's (`SoFar::from_periods`,
//! `solve_rest`, `months_to_reach`, `Quote::compute_after`, `Quote::progress`,
//! `Quote::visit_month`): the view adds nothing up itself.

use dose_planner_register::{NewVisit, OpenCourse};
use eframe::egui;

use crate::course::{Period, Rest, SoFar, months_to_reach, solve_rest};
use crate::dose::{Dose, per_kg};
use crate::estimate::{
    Choices, CourseRequest, IN_PERSON, MAX_MONTHS, PlanError, Visit, check_weight,
};
use crate::i18n::{Arg, Lang};
use crate::money::{Currency, Money};
use crate::pricing::PriceSheet;
use crate::quote::Quote;
use crate::safety;
use crate::saved::{self, SavedQuote, SavedQuoteError};

use super::Command;
use super::commands::Ready;
use super::patient::Patient;
use super::widgets::{self, Cached};

/// How the rest of the course is re-planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Keep the end date: the smallest dose that reaches the target in the months left.
    EndDate,
    /// Keep the dose of the last visit: the months it needs to reach the target.
    Dose,
}

/// The course's plan as it was stored: the saved request, at its frozen prices.
#[derive(Debug, Clone)]
pub struct CoursePlan {
    /// The request and the frozen sheet's text.
    pub saved: SavedQuote,
    /// The frozen sheet.
    pub sheet: PriceSheet,
}

/// The rest of the course.
#[derive(Debug, Clone)]
pub enum RestPlan {
    /// No visit recorded yet: the course as planned.
    AsPlanned(Quote),
    /// The months left, re-planned from the visits and priced.
    Replanned {
        /// The months left, priced at the course's prices (what was taken counted in).
        quote: Quote,
        /// The dose of every month left; `None` when the course has no target and its
        /// planned doses are kept.
        dose: Option<Dose>,
        /// The months left.
        months: u32,
    },
    /// What was taken already reaches the target: no dose is proposed.
    TargetReached,
}

/// The course re-planned from its visits.
#[derive(Debug, Clone)]
pub struct Replanned {
    /// What the visits add up to (mg taken, days, paid).
    pub so_far: SoFar,
    /// The weight now: the last visit's, else the plan's.
    pub weight: Option<f64>,
    /// The chart's points of what was taken: (day, cumulative mg/kg) at each visit's end.
    pub taken: Vec<[f64; 2]>,
    /// The rest.
    pub rest: RestPlan,
}

impl Replanned {
    /// The quote of the rest (or of the plan, before the first visit).
    pub fn quote(&self) -> Option<&Quote> {
        match &self.rest {
            RestPlan::AsPlanned(q) | RestPlan::Replanned { quote: q, .. } => Some(q),
            RestPlan::TargetReached => None,
        }
    }
}

/// What the form's prefilled fields are worked out for: the dose, days and visit kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Basis {
    /// The daily dose.
    pub dose: Dose,
    /// Days of medication.
    pub days: u32,
    /// `in_person` or a sheet's visit kind code.
    pub kind: String,
}

/// A field of the form that the core fills ("Capsules dispensed", "Amount charged"): what its
/// text was last worked out for, and whether the user has typed in it since.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prefill {
    /// The dose, days and kind its text was worked out for (`None`: never filled).
    pub basis: Option<Basis>,
    /// Typed by the user: kept as typed from then on.
    pub typed: bool,
}

/// The "Record today's visit" form, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VisitForm {
    /// The visit's date as typed (`YYYY-MM-DD`). The weight measured is the shared
    /// patient's ([`Patient::weight`]), the one the Plan screen shows.
    pub date: String,
    /// The daily dose from this visit on, as typed (`40`, `50/40`).
    pub dose: String,
    /// Days of medication handed over.
    pub days: u32,
    /// Days the patient reports missing since the last visit.
    pub missed: u32,
    /// `in_person` or a sheet's visit kind code.
    pub kind: String,
    /// What was handed over, as text.
    pub dispensed: String,
    /// The amount charged as typed (`30,338`, `135.00`).
    pub amount: String,
    /// Where `dispensed` comes from.
    pub dispensed_from: Prefill,
    /// Where `amount` comes from.
    pub amount_from: Prefill,
    /// The dose, days and kind last priced for the fields (priced again only when they
    /// change, never per frame).
    worked_out_for: Option<Basis>,
}

impl VisitForm {
    /// The form prefilled from the re-planned course: today, the dose proposed, 30 days, no
    /// missed day, the month's visit kind; then the capsules and the amount worked out for
    /// them by [`VisitForm::follow`] (the month's capsules and subtotal).
    fn prefilled(r: Option<&Replanned>, currency: &Currency, today: jiff::civil::Date) -> Self {
        let quote = r.and_then(Replanned::quote);
        let month = quote.and_then(|q| q.shown().months.first());
        let mut form = VisitForm {
            date: today.to_string(),
            dose: month.map(|m| m.dose.to_string()).unwrap_or_default(),
            days: crate::estimate::DAYS_PER_MONTH,
            missed: 0,
            kind: month
                .and_then(|m| m.visit_kind.clone())
                .unwrap_or_else(|| IN_PERSON.to_string()),
            ..VisitForm::default()
        };
        form.follow(quote, currency);
        form
    }

    /// The dose, days and kind in the form; `None` while the dose cannot be read.
    pub fn basis(&self) -> Option<Basis> {
        Dose::parse(&self.dose).ok().map(|dose| Basis {
            dose,
            days: self.days,
            kind: self.kind.clone(),
        })
    }

    /// Fills "Capsules dispensed" and "Amount charged", unless the user typed in them, with
    /// what the core prices for the form's dose, days and kind: `quote`'s month 1 as one visit
    /// ([`Quote::visit_month`]). A dose the form cannot read, or one the sheet cannot price,
    /// leaves them as they are (the submit check says what is wrong).
    pub fn follow(&mut self, quote: Option<&Quote>, currency: &Currency) {
        let Some(basis) = self.basis() else {
            return;
        };
        if self.worked_out_for.as_ref() == Some(&basis) {
            return;
        }
        self.worked_out_for = Some(basis.clone());
        let Some(month) =
            quote.and_then(|q| q.visit_month(basis.dose, basis.days, &basis.kind).ok())
        else {
            return;
        };
        if !self.dispensed_from.typed {
            self.dispensed = month.capsules.describe();
            self.dispensed_from.basis = Some(basis.clone());
        }
        if !self.amount_from.typed {
            self.amount = currency.format_number(month.subtotal);
            self.amount_from.basis = Some(basis);
        }
    }

    /// The note beside a field the user typed in, once the form's dose, days or kind are no
    /// longer those its prefill was worked out for ("prefilled for 20 mg/day × 30 days (In
    /// person)"); `None` otherwise, and while the dose cannot be read.
    pub fn prefill_note(&self, field: &Prefill, sheet: &PriceSheet, lang: Lang) -> Option<String> {
        let was = field.basis.as_ref().filter(|_| field.typed)?;
        let now = self.basis()?;
        (now != *was).then(|| {
            lang.tr_args(
                "app-visit-prefilled-for",
                &[
                    ("dose", Arg::Str(was.dose.to_string())),
                    ("days", Arg::from(was.days)),
                    ("kind", Arg::Str(sheet.visit_kind_label(&was.kind, lang))),
                ],
            )
        })
    }

    /// The visit the form makes for `course` with the `patient`'s weight, or what to correct
    /// (in `lang`). The date is on or after the course's start, not after today (the start
    /// day itself may be ahead: the first visit hands over the first capsules), and no other
    /// visit of the course is on that day.
    pub fn visit(
        &self,
        course: &CourseDates<'_>,
        patient: &Patient,
        currency: &Currency,
        lang: Lang,
        today: jiff::civil::Date,
    ) -> Result<NewVisit, String> {
        let date = self
            .date
            .trim()
            .parse::<jiff::civil::Date>()
            .ok()
            .filter(|d| crate::patient::plausible_date(*d))
            .ok_or_else(|| lang.tr("app-visit-date-invalid"))?;
        let day = |d: jiff::civil::Date| Arg::Str(lang.format_date(d));
        if date < course.start {
            return Err(lang.tr_args("app-visit-before-start", &[("start", day(course.start))]));
        }
        if date > today && date != course.start {
            return Err(lang.tr_args("app-visit-after-today", &[("today", day(today))]));
        }
        if course.visits.contains(&date) {
            return Err(lang.tr_args("app-visit-same-day", &[("date", day(date))]));
        }
        let weight = patient.weight_kg().map_err(|e| e.explain(lang))?;
        let dose = Dose::parse(&self.dose).map_err(|e| e.explain(lang))?;
        if self.missed > self.days {
            return Err(lang.tr("app-visit-missed-too-many"));
        }
        let charged = parse_amount(&self.amount, currency)
            .ok_or_else(|| lang.tr("app-visit-amount-invalid"))?;
        Ok(NewVisit {
            course: course.id,
            date,
            weight_kg: Some(weight),
            daily_dose: dose.to_string(),
            dispensed: self.dispensed.trim().to_string(),
            days_covered: self.days,
            missed_days: self.missed,
            tests_done: String::new(),
            visit_kind: self.kind.clone(),
            charged,
        })
    }
}

/// What the visit form checks a date against: the course, its first day of medication and
/// the days it already has a visit on.
#[derive(Debug, Clone)]
pub struct CourseDates<'a> {
    /// The course.
    pub id: dose_planner_register::CourseId,
    /// Its start (the first day of medication).
    pub start: jiff::civil::Date,
    /// The days of its visits so far.
    pub visits: &'a [jiff::civil::Date],
}

/// An amount as typed in `currency`: digits with optional thousands separators, its symbol
/// or `円`/`원`, and at most the currency's decimals (`30,338`, `¥30,338`, `135.50`); `None`
/// for anything else, a negative amount, or one above the price cap.
pub fn parse_amount(text: &str, currency: &Currency) -> Option<Money> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let t = t.strip_prefix(currency.symbol.as_str()).unwrap_or(&t);
    let t = t.trim_end_matches(['円', '원']);
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let places = usize::from(currency.minor_units);
    if whole.is_empty() || !digits(whole) || !digits(frac) || frac.len() > places {
        return None;
    }
    let scale = 10i64.checked_pow(u32::from(currency.minor_units))?;
    let frac = if places == 0 {
        0
    } else {
        format!("{frac:0<places$}").parse::<i64>().ok()?
    };
    let minor = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(scale)?
        .checked_add(frac)?;
    (minor <= crate::money::MAX_PRICE).then_some(Money(minor))
}

/// The course re-planned from its visits (pure: the visits and the plan in, the rest out).
///
/// Before the first visit: the plan as stored. After: what the visits add up to
/// ([`SoFar::from_periods`], paid = Σ amounts), the weight of the last visit, and the
/// months left (the plan's months less the visits recorded, at least 1) solved by `keep`,
/// then priced with [`Quote::compute_after`] at the course's frozen prices. Every remaining
/// month opens with a return visit, of the kind the plan had for that month; a discount
/// on one month of the plan is not carried into the rest.
pub fn replan(
    plan: &CoursePlan,
    open: &OpenCourse,
    keep: Keep,
    today: jiff::civil::Date,
    lang: Lang,
) -> Result<Replanned, String> {
    let req = &plan.saved.request;
    let sheet = &plan.sheet;
    let visits = &open.visits;
    let periods = visits
        .iter()
        .map(|v| {
            Dose::parse(&v.daily_dose).map(|dose| Period {
                dose,
                days: v.days_covered,
                missed_days: v.missed_days,
            })
        })
        .collect::<Result<Vec<Period>, _>>()
        .map_err(|e| e.explain(lang))?;
    let mut so_far = SoFar::from_periods(&periods);
    // What the rules that count course months carry on from: each month's visit kind (a
    // visit handing over 2 months counts for both), the product planned.
    so_far.visit_kinds = visits
        .iter()
        .flat_map(|v| {
            let months = v
                .days_covered
                .div_ceil(crate::estimate::DAYS_PER_MONTH)
                .max(1) as usize;
            std::iter::repeat_n(v.visit_kind.clone(), months)
        })
        .collect();
    so_far.product = req.choices.product.clone();
    // Capsules still in hand from the packs dispensed, less those taken.
    so_far.in_hand =
        crate::estimate::capsules_in_hand(sheet, req.choices.product.as_deref(), &periods)
            .map_err(|e| e.explain(lang))?;
    if !visits.is_empty() {
        let paid = Money::sum(visits.iter().map(|v| v.charged))
            .map_err(|e| PlanError::from(e).explain(lang))?;
        so_far.paid = Some(paid);
    }
    let weight = visits
        .iter()
        .rev()
        .find_map(|v| v.weight_kg)
        .or(req.weight_kg);
    let taken = taken_points(&periods, weight);
    let Some(last) = periods.last() else {
        let quote = Quote::compute(sheet, req, today).map_err(|e| e.explain(lang))?;
        return Ok(Replanned {
            so_far,
            weight,
            taken,
            rest: RestPlan::AsPlanned(quote),
        });
    };
    let done = u32::try_from(visits.len()).unwrap_or(u32::MAX);
    let planned = u32::try_from(req.doses.len()).unwrap_or(MAX_MONTHS);
    let left = planned.saturating_sub(done).max(1);
    let target = open.course.target_mg_per_kg.or(req.target_mg_per_kg);
    let reached = |so_far, weight, taken| Replanned {
        so_far,
        weight,
        taken,
        rest: RestPlan::TargetReached,
    };
    let (doses, dose) = match target {
        // No target: the months left keep their planned doses.
        None => {
            let mut rest: Vec<Dose> = req.doses.iter().skip(visits.len()).copied().collect();
            if rest.is_empty() {
                rest.push(last.dose);
            }
            (rest, None)
        }
        Some(target) => {
            let w = weight.ok_or_else(|| lang.tr("app-course-no-weight"))?;
            let w = check_weight(w).map_err(|e| e.explain(lang))?;
            match keep {
                Keep::EndDate => {
                    let product = sheet.for_product(req.choices.product.as_deref());
                    let capsules = product.as_ref().map_or(&sheet.capsules, |s| &s.capsules);
                    let rest =
                        solve_rest(target, w, &so_far, left, capsules, sheet.alternating_days)
                            .map_err(|e| e.explain(lang))?;
                    match rest {
                        Rest::TargetReached => return Ok(reached(so_far, weight, taken)),
                        Rest::Dose { dose } => (vec![dose; left as usize], Some(dose)),
                    }
                }
                Keep::Dose => {
                    let months = months_to_reach(target, w, &so_far, last.dose);
                    if months == 0 {
                        return Ok(reached(so_far, weight, taken));
                    }
                    if months > MAX_MONTHS {
                        return Err(lang.tr_args(
                            "app-course-too-long",
                            &[
                                ("dose", Arg::Str(last.dose.to_string())),
                                ("months", Arg::from(MAX_MONTHS)),
                            ],
                        ));
                    }
                    (vec![last.dose; months as usize], Some(last.dose))
                }
            }
        }
    };
    let months = u32::try_from(doses.len()).unwrap_or(MAX_MONTHS);
    // The rest starts when the last visit's medication runs out.
    let start = visits.last().and_then(|v| {
        crate::course::last_dose_day(v.date, v.days_covered)?
            .tomorrow()
            .ok()
    });
    let request = CourseRequest {
        sex: req.sex,
        visit: Visit::Return,
        doses,
        weight_kg: weight,
        visit_every: req.visit_every,
        start: start.or(req.start),
        target_mg_per_kg: target,
        screening: req.screening.clone(),
        choices: rest_choices(&req.choices, done, months),
    };
    let quote = Quote::compute_after(sheet, &request, so_far.clone(), today)
        .map_err(|e| e.explain(lang))?;
    Ok(Replanned {
        so_far,
        weight,
        taken,
        rest: RestPlan::Replanned {
            quote,
            dose,
            months,
        },
    })
}

/// The plan's choices for the months after the first `done`: their visit kinds, the
/// product, and the discounts that are not tied to one month of the plan.
fn rest_choices(planned: &Choices, done: u32, months: u32) -> Choices {
    Choices {
        visit_kinds: planned
            .visit_kinds
            .iter()
            .skip(done as usize)
            .take(months as usize)
            .cloned()
            .collect(),
        product: planned.product.clone(),
        // A discount on a course month already past takes nothing off the months left
        // (the core counts course months).
        discounts: planned.discounts.clone(),
    }
}

/// (day, cumulative mg/kg at `weight`) at the start and at the end of each visit's days.
fn taken_points(periods: &[Period], weight: Option<f64>) -> Vec<[f64; 2]> {
    let Some(w) = weight else {
        return Vec::new();
    };
    let mut out = vec![[0.0, 0.0]];
    for end in 1..=periods.len() {
        let s = SoFar::from_periods(&periods[..end]);
        out.push([f64::from(s.days), per_kg(s.mg as f64, w)]);
    }
    out
}

/// A course open on the Patients screen.
pub struct CourseView {
    /// The course, its patient and its visits, as last read from the register.
    pub open: OpenCourse,
    /// Its plan at its frozen prices, or why the stored plan cannot be read.
    pub plan: Result<CoursePlan, SavedQuoteError>,
    /// How the rest is re-planned.
    pub keep: Keep,
    /// The "Record today's visit" form.
    pub form: VisitForm,
    /// The last day of medication of the patient's earlier courses (their visits' days
    /// handed over), when there was one: a new course waits the sheet's interval after it.
    pub previous_last_dose: Option<jiff::civil::Date>,
    /// Bumped when the visits change, so the re-plan is computed again.
    generation: u64,
    /// The (generation, keep) the form was last prefilled for.
    filled_for: Option<(u64, Keep)>,
    result: Cached<Keep, Result<Replanned, String>>,
}

impl CourseView {
    /// The view of `open`, its plan read back from the stored request.
    pub fn new(open: OpenCourse) -> CourseView {
        let c = &open.course;
        let plan = saved::open(&crate::records::course_request_json(c), &c.sheet_name).map(|r| {
            CoursePlan {
                saved: r.quote,
                sheet: r.sheet,
            }
        });
        CourseView {
            open,
            plan,
            keep: Keep::EndDate,
            // Prefilled at the first frame, from the re-planned course.
            form: VisitForm::default(),
            previous_last_dose: None,
            generation: 0,
            filled_for: None,
            result: Cached::default(),
        }
    }

    /// The course as read again after a visit was recorded: re-planned and prefilled anew.
    pub fn visits_changed(&mut self, open: OpenCourse) {
        self.open = open;
        self.generation = self.generation.wrapping_add(1);
    }

    /// The patient's weight now: the last visit's, else the plan's (`None`: never weighed).
    pub fn weight_now(&self) -> Option<f64> {
        self.open
            .visits
            .iter()
            .rev()
            .find_map(|v| v.weight_kg)
            .or_else(|| self.plan.as_ref().ok()?.saved.request.weight_kg)
    }

    /// The quote Export and Save use from this view: the rest re-planned now (never a
    /// cached one), logged under this patient and course; or why there is none.
    pub(super) fn quote_now(&self, lang: Lang, today: jiff::civil::Date) -> Result<Ready, String> {
        let plan = self.plan.as_ref().map_err(|e| e.explain(lang))?;
        let replanned = replan(plan, &self.open, self.keep, today, lang)?;
        let quote = match replanned.rest {
            RestPlan::AsPlanned(q) | RestPlan::Replanned { quote: q, .. } => q,
            RestPlan::TargetReached => return Err(lang.tr("app-course-nothing-to-quote")),
        };
        let patient = &self.open.patient;
        let name = crate::patient::check_name(&patient.name).map_err(|e| e.explain(lang))?;
        let c = &self.open.course;
        Ok(Ready {
            quote,
            patient: name,
            sheet_name: c.sheet_name.clone(),
            sheet_toml: c.sheet_toml.clone(),
            log: Some((patient.id, c.id)),
        })
    }

    /// Draws the view; returns the commands to run. The visit form's weight is the shared
    /// `patient`'s.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        today: jiff::civil::Date,
        patient: &mut Patient,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        let (c, p) = (&self.open.course, &self.open.patient);
        ui.heading(lang.tr_args(
            "app-course-heading",
            &[
                ("name", Arg::Str(p.name.clone())),
                ("number", Arg::Str(p.number.clone())),
            ],
        ));
        let target = c
            .target_mg_per_kg
            .map_or_else(|| lang.tr("app-not-known"), safety::fmt_mgkg);
        ui.label(lang.tr_args(
            "app-course-summary",
            &[
                ("start", Arg::Str(lang.format_date(c.start))),
                (
                    "status",
                    Arg::Str(super::patients_ui::course_status_name(lang, c.status)),
                ),
                ("target", Arg::Str(target)),
            ],
        ));
        let plan = match &self.plan {
            Ok(plan) => plan,
            Err(e) => {
                widgets::error_text(ui, &e.explain(lang));
                return out;
            }
        };
        // A second course started too soon after the last one (domain.md §7).
        if let Some(warning) = self.previous_last_dose.and_then(|last| {
            crate::course::second_course_warning(last, &plan.sheet.after_last_dose, c.start)
        }) {
            widgets::strip(ui, widgets::Tone::Warning, |ui| {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(warning.message(lang))
                            .color(widgets::Tone::Warning.ink()),
                    )
                    .wrap(),
                );
            });
        }
        let currency = &plan.sheet.currency;
        let generation = (self.generation, lang);
        let open = &self.open;
        let result = self.result.get(&self.keep, generation, |keep| {
            replan(plan, open, *keep, today, lang)
        });
        if self.filled_for != Some((self.generation, self.keep)) {
            self.form = VisitForm::prefilled(result.as_ref().ok(), currency, today);
            self.filled_for = Some((self.generation, self.keep));
        }

        // Where the window is wide enough: the visits and the form on the left, the re-plan
        // (figures, chart, months) on the right, so a consultation sees both without
        // scrolling; otherwise one under the other.
        ui.add_space(8.0);
        let quote = result.as_ref().ok().and_then(Replanned::quote);
        let sheet = (currency, &plan.sheet, quote);
        let under_way = !open.visits.is_empty();
        let visit_days: Vec<jiff::civil::Date> = open.visits.iter().map(|v| v.date).collect();
        let dates = CourseDates {
            id: c.id,
            start: c.start,
            visits: &visit_days,
        };
        let outlook = Outlook {
            currency,
            target: c.target_mg_per_kg,
            // Keeping the end date needs a target to aim at.
            choose_keep: under_way
                && c.target_mg_per_kg
                    .or(plan.saved.request.target_mg_per_kg)
                    .is_some(),
        };
        if ui.available_width() >= 1100.0 {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(LEFT_COLUMN);
                    visits_table(ui, lang, &plan.sheet, open);
                    ui.add_space(10.0);
                    let form = (&mut self.form, &mut *patient);
                    form_ui(ui, lang, sheet, today, form, &dates, &mut out);
                });
                ui.add_space(24.0);
                ui.vertical(|ui| outlook.ui(ui, lang, &mut self.keep, result));
            });
        } else {
            visits_table(ui, lang, &plan.sheet, open);
            ui.add_space(10.0);
            let form = (&mut self.form, &mut *patient);
            form_ui(ui, lang, sheet, today, form, &dates, &mut out);
            ui.add_space(10.0);
            outlook.ui(ui, lang, &mut self.keep, result);
        }
        ui.add_space(24.0);
        out
    }
}

/// The width of the left column (the visits and the form) in a wide window.
const LEFT_COLUMN: f32 = 560.0;

/// What the course looks like from here: the re-plan choice, the figures, the chart and the
/// months to come.
struct Outlook<'a> {
    currency: &'a Currency,
    target: Option<f64>,
    /// Whether to offer "keep the end date" / "keep the dose".
    choose_keep: bool,
}

impl Outlook<'_> {
    fn ui(
        &self,
        ui: &mut egui::Ui,
        lang: Lang,
        keep: &mut Keep,
        result: &Result<Replanned, String>,
    ) {
        if self.choose_keep {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(lang.tr("app-course-replan")).strong());
                ui.radio_value(keep, Keep::EndDate, lang.tr("app-course-keep-end"));
                ui.radio_value(keep, Keep::Dose, lang.tr("app-course-keep-dose"));
            });
        }
        let replanned = match result {
            Ok(r) => r,
            Err(e) => {
                widgets::error_text(ui, e);
                return;
            }
        };
        summary_ui(ui, lang, self.currency, replanned);
        ui.add_space(10.0);
        chart_ui(ui, lang, replanned, self.target);
        if let Some(quote) = replanned.quote() {
            ui.add_space(8.0);
            ui.label(
                egui::RichText::new(lang.tr(match replanned.rest {
                    RestPlan::AsPlanned(_) => "app-course-months-planned",
                    _ => "app-course-months-left",
                }))
                .strong(),
            );
            widgets::quote_notes(ui, lang, quote);
            widgets::month_table(ui, lang, quote);
        }
    }
}

/// The "Record today's visit" form for `course`.
fn form_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    (currency, sheet, quote): (&Currency, &PriceSheet, Option<&Quote>),
    today: jiff::civil::Date,
    (form, patient): (&mut VisitForm, &mut Patient),
    course: &CourseDates<'_>,
    out: &mut Vec<Command>,
) {
    // Enter in any of the form's text fields records the visit (when it can be recorded).
    let mut entered = false;
    egui::Frame::new()
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .inner_margin(10)
        .corner_radius(6)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(lang.tr("app-visit-record-heading")).strong());
            egui::Grid::new("record_visit")
                .num_columns(4)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    let label = ui.label(lang.tr("app-visit-date"));
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut form.date)
                                .id_salt("visit_date")
                                .desired_width(110.0),
                        )
                        .labelled_by(label.id);
                    entered |= submitted(ui, &edit);
                    ui.end_row();
                    // The shared patient's weight: what the Plan screen shows, never
                    // corrected behind the user's back (a weight of 0 is refused below).
                    let label = ui.label(lang.tr("app-weight"));
                    super::plan_ui::weight_field(ui, lang, &mut patient.weight, "visit_weight")
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label(lang.tr("app-visit-dose"));
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut form.dose)
                                .id_salt("visit_dose")
                                .desired_width(110.0),
                        )
                        .labelled_by(label.id);
                    entered |= submitted(ui, &edit);
                    ui.end_row();
                    let label = ui.label(lang.tr("app-visit-kind"));
                    let kinds = std::iter::once(IN_PERSON)
                        .chain(sheet.visit_kinds.iter().map(|k| k.code.as_str()));
                    egui::ComboBox::from_id_salt("visit_kind")
                        .selected_text(sheet.visit_kind_label(&form.kind, lang))
                        .show_ui(ui, |ui| {
                            for code in kinds {
                                ui.selectable_value(
                                    &mut form.kind,
                                    code.to_string(),
                                    sheet.visit_kind_label(code, lang),
                                );
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label(lang.tr("app-visit-days"));
                    ui.add(
                        egui::DragValue::new(&mut form.days)
                            .range(1..=120)
                            .speed(0.2),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(lang.tr("app-visit-missed"));
                    let days = form.days;
                    ui.add(
                        egui::DragValue::new(&mut form.missed)
                            .range(0..=days)
                            .speed(0.2),
                    )
                    .labelled_by(label.id);
                    ui.end_row();

                    // What is dispensed and charged follow the dose, days and kind above (the
                    // core prices them) until the user types in them.
                    form.follow(quote, currency);
                    let label = ui.label(lang.tr("app-visit-dispensed"));
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut form.dispensed)
                                .id_salt("visit_dispensed")
                                .desired_width(180.0)
                                // A grid cell keeps the width of its first frame: "20 mg × 30
                                // + 10 mg × 30" would be cut off without a minimum.
                                .min_size(egui::vec2(180.0, 0.0)),
                        )
                        .labelled_by(label.id);
                    entered |= submitted(ui, &edit);
                    if edit.changed() {
                        form.dispensed_from.typed = true;
                    }
                    prefill_note(ui, form.prefill_note(&form.dispensed_from, sheet, lang));
                    ui.end_row();
                    let label = ui.label(lang.tr_args(
                        "app-visit-amount",
                        &[("currency", Arg::Str(currency.symbol.clone()))],
                    ));
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut form.amount)
                                .id_salt("visit_amount")
                                .desired_width(110.0),
                        )
                        .labelled_by(label.id);
                    entered |= submitted(ui, &edit);
                    if edit.changed() {
                        form.amount_from.typed = true;
                    }
                    prefill_note(ui, form.prefill_note(&form.amount_from, sheet, lang));
                    ui.end_row();
                });
            let visit = form.visit(course, patient, currency, lang, today);
            ui.horizontal(|ui| {
                let clicked = ui
                    .add_enabled(
                        visit.is_ok(),
                        egui::Button::new(lang.tr("app-visit-record")),
                    )
                    .clicked();
                if (clicked || entered)
                    && let Ok(v) = &visit
                {
                    out.push(Command::RecordVisit(Box::new(v.clone())));
                }
                if let Err(why) = &visit {
                    widgets::error_text(ui, why);
                }
            });
        });
}

/// Whether Enter was pressed in this single-line field (it gives up the focus on Enter).
pub(super) fn submitted(ui: &egui::Ui, edit: &egui::Response) -> bool {
    edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// A small note beside a typed field whose prefill was for another dose.
fn prefill_note(ui: &mut egui::Ui, note: Option<String>) {
    if let Some(note) = note {
        ui.label(
            egui::RichText::new(note)
                .small()
                .color(widgets::Tone::Warning.ink()),
        );
    }
}

fn visits_table(ui: &mut egui::Ui, lang: Lang, sheet: &PriceSheet, open: &OpenCourse) {
    ui.label(egui::RichText::new(lang.tr("app-visits")).strong());
    if open.visits.is_empty() {
        ui.label(lang.tr("app-visits-none"));
        return;
    }
    let na = lang.tr("app-not-known");
    egui::Grid::new("course_visits")
        .striped(true)
        .num_columns(7)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            for key in [
                "app-visit-col-date",
                "app-visit-col-weight",
                "app-col-dose",
                "app-visit-days",
                "app-visit-missed",
                "app-col-visit",
            ] {
                ui.label(egui::RichText::new(lang.tr(key)).strong());
            }
            widgets::right_aligned(ui, lang.tr("app-visit-col-amount"), true);
            ui.end_row();
            for v in &open.visits {
                ui.label(lang.format_date(v.date));
                ui.label(v.weight_kg.map_or_else(
                    || na.clone(),
                    |w| lang.tr_args("app-kg", &[("kg", Arg::Str(format!("{w:.1}")))]),
                ));
                ui.label(lang.tr_args("app-mg-per-day", &[("mg", Arg::Str(v.daily_dose.clone()))]));
                ui.label(v.days_covered.to_string());
                ui.label(v.missed_days.to_string());
                ui.label(sheet.visit_kind_label(&v.visit_kind, lang));
                widgets::right_aligned(ui, sheet.currency.format(v.charged, lang), false);
                ui.end_row();
            }
        });
}

/// The re-plan in big figures, then taken so far / remaining / whole course.
fn summary_ui(ui: &mut egui::Ui, lang: Lang, currency: &Currency, r: &Replanned) {
    let na = lang.tr("app-not-known");
    match &r.rest {
        RestPlan::AsPlanned(q) => {
            ui.label(lang.tr("app-course-not-started"));
            ui.horizontal_wrapped(|ui| {
                widgets::big_total(
                    ui,
                    &lang.tr("app-course-planned-cost"),
                    &widgets::money_text(currency, lang, Some(q.total())).unwrap_or(na),
                );
            });
        }
        RestPlan::TargetReached => {
            widgets::strip(ui, widgets::Tone::Success, |ui| {
                let mgkg = r.weight.map_or_else(
                    || na.clone(),
                    |w| safety::fmt_mgkg(per_kg(r.so_far.mg as f64, w)),
                );
                ui.label(
                    egui::RichText::new(lang.tr_args(
                        "app-course-target-reached",
                        &[
                            ("mg", Arg::Str(crate::money::group_digits(r.so_far.mg))),
                            ("mgkg", Arg::Str(mgkg)),
                        ],
                    ))
                    .strong()
                    .color(widgets::Tone::Success.ink()),
                );
            });
        }
        RestPlan::Replanned {
            quote,
            dose,
            months,
        } => {
            let dose_text = dose.map_or_else(
                || lang.tr("app-course-dose-as-planned"),
                |d| widgets::dose_text(lang, d),
            );
            // Three equal boxes that fit the column (a wide window's right half too).
            widgets::total_boxes(
                ui,
                &[
                    (lang.tr("app-course-dose-now"), dose_text),
                    (
                        lang.tr("app-course-months-left-caption"),
                        months.to_string(),
                    ),
                    (
                        lang.tr("app-course-remaining-cost"),
                        widgets::money_text(currency, lang, Some(quote.total())).unwrap_or(na),
                    ),
                ],
            );
            if let Some(progress) = quote.progress() {
                ui.add_space(6.0);
                progress_table(ui, lang, currency, &progress);
            }
        }
    }
}

fn progress_table(ui: &mut egui::Ui, lang: Lang, currency: &Currency, p: &crate::quote::Progress) {
    let na = lang.tr("app-not-known");
    let mg = |v: u64| lang.tr_args("app-mg", &[("mg", Arg::Str(crate::money::group_digits(v)))]);
    let mgkg = |v: Option<f64>| v.map_or_else(|| na.clone(), safety::fmt_mgkg);
    let money = |v: Option<Money>| v.map_or_else(|| na.clone(), |m| currency.format(m, lang));
    egui::Grid::new("course_progress")
        .striped(true)
        // A column is only as wide as the last frame made it: as wide as its cells at once.
        .min_col_width(PROGRESS_WIDTH)
        .num_columns(4)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            for key in [
                "app-progress-so-far",
                "app-progress-remaining",
                "app-progress-course",
            ] {
                progress_cell(ui, egui::RichText::new(lang.tr(key)).strong(), None);
            }
            ui.end_row();
            let rows = [
                (
                    "app-progress-mg",
                    [mg(p.so_far_mg), mg(p.rest_mg), mg(p.course_mg)],
                ),
                (
                    "app-progress-mgkg",
                    [
                        mgkg(p.so_far_mg_per_kg),
                        mgkg(p.rest_mg_per_kg),
                        mgkg(p.course_mg_per_kg),
                    ],
                ),
                (
                    "app-progress-cost",
                    [
                        money(p.paid_so_far),
                        money(Some(p.rest_cost)),
                        money(p.course_cost),
                    ],
                ),
            ];
            for (key, cells) in rows {
                let caption = lang.tr(key);
                ui.label(&caption);
                for (cell, column) in cells.into_iter().zip([
                    "app-progress-so-far",
                    "app-progress-remaining",
                    "app-progress-course",
                ]) {
                    // Read out with its row and column: "Cost, Remaining: ¥121,352".
                    let name = format!("{caption}, {}: {cell}", lang.tr(column));
                    progress_cell(ui, egui::RichText::new(cell), Some(name));
                }
                ui.end_row();
            }
        });
}

/// The width of a column of the progress table.
const PROGRESS_WIDTH: f32 = 140.0;

/// A right-aligned cell of the progress table, wide enough for its headings in every
/// language ("治療コース全体", "치료 과정 전체").
fn progress_cell(ui: &mut egui::Ui, text: egui::RichText, name: Option<String>) {
    let size = egui::vec2(PROGRESS_WIDTH, ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(
        size,
        egui::Layout::right_to_left(egui::Align::Center),
        |ui| {
            let label = ui.label(text);
            if let Some(name) = name {
                label.accessible_name(name);
            }
        },
    );
}

/// The cumulative dose: what was taken (solid, thick) then the planned rest (dashed), with
/// the 120, 150 and 220 mg/kg lines.
fn chart_ui(ui: &mut egui::Ui, lang: Lang, r: &Replanned, target: Option<f64>) {
    use super::plan_ui::{LegendSample, legend_entry, month_axis, month_grid};
    use egui_plot::{HLine, Line, LineStyle, Plot, PlotPoints};
    let planned = r
        .quote()
        .map(|q| q.shown().cumulative_mg_per_kg_by_day())
        .unwrap_or_default();
    if r.taken.len() < 2 && planned.is_empty() {
        return;
    }
    ui.label(egui::RichText::new(lang.tr("app-chart")).strong());
    let taken = r.taken.clone();
    const TAKEN: egui::Color32 = egui::Color32::from_rgb(20, 60, 140);
    const PLANNED: egui::Color32 = egui::Color32::from_rgb(220, 120, 20);
    const BAND: egui::Color32 = egui::Color32::from_rgb(40, 140, 70);
    const MAX: egui::Color32 = egui::Color32::from_rgb(200, 60, 60);
    const TARGET: egui::Color32 = egui::Color32::from_rgb(90, 90, 200);
    let custom_target = target.filter(|t| {
        ![
            safety::CUMULATIVE_LOW,
            safety::CUMULATIVE_HIGH,
            safety::CUMULATIVE_MAX,
        ]
        .contains(t)
    });
    let line_name =
        |value: f64| lang.tr_args("app-chart-line", &[("mgkg", Arg::Str(format!("{value}")))]);
    // The legend above the plot, off the lines (as on the Plan chart).
    ui.horizontal_wrapped(|ui| {
        if taken.len() >= 2 {
            legend_entry(ui, LegendSample::Solid, TAKEN, &lang.tr("app-chart-taken"));
        }
        if !planned.is_empty() {
            legend_entry(
                ui,
                LegendSample::Dashed,
                PLANNED,
                &lang.tr("app-chart-planned"),
            );
        }
        legend_entry(
            ui,
            LegendSample::Dotted,
            BAND,
            &line_name(safety::CUMULATIVE_LOW),
        );
        legend_entry(
            ui,
            LegendSample::Dashed,
            BAND,
            &line_name(safety::CUMULATIVE_HIGH),
        );
        legend_entry(
            ui,
            LegendSample::Solid,
            MAX,
            &line_name(safety::CUMULATIVE_MAX),
        );
        if custom_target.is_some() {
            legend_entry(
                ui,
                LegendSample::Dotted,
                TARGET,
                &lang.tr("app-chart-target"),
            );
        }
    });
    Plot::new("course_chart")
        .height(240.0)
        .custom_x_axes(vec![month_axis(lang)])
        .x_grid_spacer(month_grid)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_x(0.0)
        .include_y(0.0)
        .include_y(safety::CUMULATIVE_MAX + 10.0)
        .y_axis_label("mg/kg")
        .show(ui, |plot| {
            // 120 dotted, 150 dashed, 220 solid (a custom target densely dotted): told apart
            // without the colours.
            for (value, color, style) in [
                (safety::CUMULATIVE_LOW, BAND, LineStyle::dotted_loose()),
                (safety::CUMULATIVE_HIGH, BAND, LineStyle::dashed_loose()),
                (safety::CUMULATIVE_MAX, MAX, LineStyle::Solid),
            ] {
                plot.hline(
                    HLine::new(line_name(value), value)
                        .color(color)
                        .style(style),
                );
            }
            if let Some(t) = custom_target {
                plot.hline(
                    HLine::new(lang.tr("app-chart-target"), t)
                        .color(TARGET)
                        .style(LineStyle::dotted_dense()),
                );
            }
            if taken.len() >= 2 {
                plot.line(
                    Line::new(lang.tr("app-chart-taken"), PlotPoints::from(taken))
                        .width(3.5)
                        .color(TAKEN),
                );
            }
            if !planned.is_empty() {
                plot.line(
                    Line::new(lang.tr("app-chart-planned"), PlotPoints::from(planned))
                        .width(2.0)
                        .style(LineStyle::dashed_dense())
                        .color(PLANNED),
                );
            }
        });
}
