//! The `Quote`: everything a face shows about one course on one price sheet, computed once.
//!
//! The GUI, the CLI (text and JSON) and the PDF take `&Quote` and render it; none of them
//! pairs a sheet with an estimate, picks table columns, works out the man–woman range, the
//! valid-until date, the tests due, the protocol comparison or the patient's cautions. A quote
//! owns the sheet it was computed with, so it can never be shown under another clinic's
//! letterhead.
//!
//! Pure: no IO.

use crate::estimate::{
    CourseEstimate, CourseRequest, Item, MonthLine, PlanError, Sex, Visit, estimate,
};
use crate::i18n::Lang;
use crate::money::Money;
use crate::monitoring::{ProtocolCost, TestDue, compare_protocols, tests_due};
use crate::pricing::{Fees, PriceSheet, SheetId, TestFor, TestSchedule};
use crate::safety::{Caution, patient_cautions};

/// The priced course: for the patient's sex, or for both while it is not given.
#[derive(Debug, Clone, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "one per quote, built when the inputs change"
)]
pub enum Priced {
    /// Sex given.
    One(CourseEstimate),
    /// Sex not given: a man's and a woman's estimate (the woman's has the pregnancy tests).
    Range {
        /// The man's estimate.
        male: CourseEstimate,
        /// The woman's estimate.
        female: CourseEstimate,
    },
}

/// A course under way: what was taken, what this quote's months add, and the whole course.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Progress {
    /// mg taken so far.
    pub so_far_mg: u64,
    /// Days of the course so far.
    pub so_far_days: u32,
    /// mg/kg taken so far (at today's weight), when the weight is known.
    pub so_far_mg_per_kg: Option<f64>,
    /// mg in the months of this quote.
    pub rest_mg: u64,
    /// Days of the months of this quote.
    pub rest_days: u32,
    /// mg/kg in the months of this quote.
    pub rest_mg_per_kg: Option<f64>,
    /// mg over the whole course.
    pub course_mg: u64,
    /// Days of the whole course.
    pub course_days: u32,
    /// mg/kg over the whole course.
    pub course_mg_per_kg: Option<f64>,
    /// Whole months of the course before this quote's months (days so far ÷ 30): the
    /// quote's month m is month m + this of the whole course, as the patient counts.
    pub months_before: u32,
    /// Paid so far, when known.
    pub paid_so_far: Option<Money>,
    /// The months of this quote (its total).
    pub rest_cost: Money,
    /// Paid so far plus this quote's total, when what was paid is known.
    pub course_cost: Option<Money>,
}

/// One course on one sheet, with everything the faces show.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    sheet: PriceSheet,
    request: CourseRequest,
    quote_date: jiff::civil::Date,
    valid_until: Option<jiff::civil::Date>,
    priced: Priced,
    columns: Vec<String>,
    tests: Vec<TestDue>,
    protocols: Vec<ProtocolCost>,
    cautions: Vec<Caution>,
    included_tax: Option<Money>,
}

/// Japan's consumption tax (消費税) in thousandths of a percent: 10% since October 2019, the
/// rate self-paid care carries. A sheet in yen that quotes prices with tax includes it.
pub const JAPAN_CONSUMPTION_TAX_MILLI_PERCENT: u32 = 10_000;

impl Quote {
    /// Prices `request` on `sheet` for the sex it names, dated `quote_date`.
    pub fn compute(
        sheet: &PriceSheet,
        request: &CourseRequest,
        quote_date: jiff::civil::Date,
    ) -> Result<Quote, PlanError> {
        let est = estimate(sheet, request)?;
        Quote::build(sheet, request, quote_date, Priced::One(est))
    }

    /// Prices the rest of a course under way: `request` holds the months left, `so_far` what
    /// was taken before them (counted in the cumulative figures, not in the money).
    pub fn compute_after(
        sheet: &PriceSheet,
        request: &CourseRequest,
        so_far: crate::course::SoFar,
        quote_date: jiff::civil::Date,
    ) -> Result<Quote, PlanError> {
        let est = crate::estimate::estimate_after(sheet, request, so_far)?;
        Quote::build(sheet, request, quote_date, Priced::One(est))
    }

    /// Prices `request` on `sheet` for a man and for a woman (sex not given yet): the quote
    /// shows the range. Its request names a woman (the dearer case) for what needs one sex.
    pub fn compute_range(
        sheet: &PriceSheet,
        request: &CourseRequest,
        quote_date: jiff::civil::Date,
    ) -> Result<Quote, PlanError> {
        let male = estimate(
            sheet,
            &CourseRequest {
                sex: Sex::Male,
                ..request.clone()
            },
        )?;
        let female_req = CourseRequest {
            sex: Sex::Female,
            ..request.clone()
        };
        let female = estimate(sheet, &female_req)?;
        Quote::build(
            sheet,
            &female_req,
            quote_date,
            Priced::Range { male, female },
        )
    }

    fn build(
        sheet: &PriceSheet,
        request: &CourseRequest,
        quote_date: jiff::civil::Date,
        priced: Priced,
    ) -> Result<Quote, PlanError> {
        // The columns of the month table: item codes in order of first appearance (the
        // woman's estimate has every column the man's has).
        let shown = match &priced {
            Priced::One(e) => e,
            Priced::Range { female, .. } => female,
        };
        let mut columns: Vec<String> = Vec::new();
        for m in &shown.months {
            for it in &m.items {
                if !columns.contains(&it.code) {
                    columns.push(it.code.clone());
                }
            }
        }
        // The tests of the course shown (a woman's for a range: hers has every test); the
        // handout's cautions only for one patient.
        let tests = tests_due(sheet, shown);
        let cautions = match &priced {
            Priced::One(e) => patient_cautions(e, sheet, is_japan(sheet)),
            Priced::Range { .. } => Vec::new(),
        };
        let protocols = compare_protocols(sheet, request)?;
        // The consumption tax within the total (うち消費税), for one patient on a sheet in
        // yen whose prices include tax; rounded down, as Japanese receipts do.
        let included_tax = match &priced {
            Priced::One(e) if e.tax_included && is_japan(sheet) => {
                Some(crate::pricing::included_tax(
                    e.total,
                    JAPAN_CONSUMPTION_TAX_MILLI_PERCENT,
                    crate::pricing::Rounding::Down,
                )?)
            }
            _ => None,
        };
        Ok(Quote {
            sheet: sheet.clone(),
            request: request.clone(),
            quote_date,
            valid_until: crate::safety::add_days(quote_date, sheet.valid_days),
            priced,
            columns,
            tests,
            protocols,
            cautions,
            included_tax,
        })
    }

    /// The consumption tax included in the course total (うち消費税 ¥n on a Japanese
    /// estimate): total × 10 / 110, rounded down, for one patient on a sheet in yen whose
    /// prices include tax. `None` when tax is added as its own line, for a man–woman range,
    /// and for tax-inclusive sheets in other currencies (their included rate is not known).
    pub fn included_tax(&self) -> Option<Money> {
        self.included_tax
    }

    /// The sheet this quote was computed with (letterhead, currency, tax, policies).
    pub fn sheet(&self) -> &PriceSheet {
        &self.sheet
    }

    /// The fingerprint of that sheet.
    pub fn sheet_id(&self) -> SheetId {
        self.sheet.id()
    }

    /// The inputs (for a range, with the woman's sex).
    pub fn request(&self) -> &CourseRequest {
        &self.request
    }

    /// The day of the quote.
    pub fn quote_date(&self) -> jiff::civil::Date {
        self.quote_date
    }

    /// The last day the quote is valid; `None` past the end of the calendar.
    pub fn valid_until(&self) -> Option<jiff::civil::Date> {
        self.valid_until
    }

    /// The priced course (one sex, or the range).
    pub fn priced(&self) -> &Priced {
        &self.priced
    }

    /// The estimate for the patient's sex; `None` while sex is not given (a range).
    pub fn estimate(&self) -> Option<&CourseEstimate> {
        match &self.priced {
            Priced::One(e) => Some(e),
            Priced::Range { .. } => None,
        }
    }

    /// The estimate whose months, doses and dates are shown (the woman's for a range: the
    /// doses and dates are the same, and her table has every column).
    pub fn shown(&self) -> &CourseEstimate {
        match &self.priced {
            Priced::One(e) => e,
            Priced::Range { female, .. } => female,
        }
    }

    /// The figures of the man–woman range, or of one estimate: (low, high) of `pick` over
    /// the estimates priced (equal when sex is given).
    pub fn span(
        &self,
        pick: impl Fn(&CourseEstimate) -> Option<(Money, Money)>,
    ) -> Option<(Money, Money)> {
        match &self.priced {
            Priced::One(e) => pick(e),
            Priced::Range { male, female } => {
                let (mlo, mhi) = pick(male)?;
                let (flo, fhi) = pick(female)?;
                Some((mlo.min(flo), mhi.max(fhi)))
            }
        }
    }

    /// Month 1's cost: (low, high); equal when sex is given.
    pub fn first_month(&self) -> (Money, Money) {
        match &self.priced {
            Priced::One(e) => (e.first_month, e.first_month),
            Priced::Range { male, female } => (male.first_month, female.first_month),
        }
    }

    /// The later months' cost: (low, high), over both sexes for a range; `None` for a
    /// one-month course.
    pub fn later_months(&self) -> Option<(Money, Money)> {
        match &self.priced {
            Priced::One(e) => e.return_months,
            Priced::Range { male, female } => male
                .return_months
                .zip(female.return_months)
                .map(|(m, f)| (m.0.min(f.0), m.1.max(f.1))),
        }
    }

    /// The course total: (low, high); equal when sex is given.
    pub fn total(&self) -> (Money, Money) {
        match &self.priced {
            Priced::One(e) => (e.total, e.total),
            Priced::Range { male, female } => (male.total, female.total),
        }
    }

    /// The item codes of the month table, in order of first appearance.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// A column's heading in `lang`: "Consultation" for the consultation column, the sheet's
    /// own name for a clinic's test or one-off fee, the localised name of a known code.
    pub fn column_label(&self, code: &str, lang: Lang) -> String {
        if code == "consultation" {
            return lang.tr("item-consultation");
        }
        self.item_name(code, lang)
    }

    /// An item's name in a month's row: the consultation says first or return visit.
    pub fn item_label(&self, month: &MonthLine, item: &Item, lang: Lang) -> String {
        if item.code == "consultation" {
            if let Some(kind) = &month.visit_kind {
                return self.visit_kind_name(kind, lang);
            }
            return match month.visit {
                Some(Visit::First) => lang.tr("item-consultation-first"),
                _ => lang.tr("item-consultation-return"),
            };
        }
        self.item_name(&item.code, lang)
    }

    /// The name of a visit kind's consultation: the sheet's own name, else the built-in
    /// name of `telephone` and `online`.
    pub fn visit_kind_name(&self, code: &str, lang: Lang) -> String {
        if let Some(k) = self.sheet.visit_kind(code) {
            let own = k.name.get(lang);
            if !own.is_empty() {
                return own.to_string();
            }
        }
        lang.tr(&format!("item-consultation-{code}"))
    }

    /// When tax is added and some items are not taxed: their names in `lang`, joined as a
    /// list ("Consultation, Blood test" / 「診察料、血液検査」); `None` otherwise.
    pub fn untaxed_items(&self, lang: Lang) -> Option<String> {
        if self.shown().tax_included || self.sheet.tax_exempt.is_empty() {
            return None;
        }
        let names: Vec<String> = self
            .sheet
            .tax_exempt
            .iter()
            .map(|code| self.column_label(code, lang))
            .collect();
        Some(names.join(&lang.tr("list-separator")))
    }

    /// The name of the product quoted, when the sheet offers several (`[[products]]`).
    pub fn product_name(&self, lang: Lang) -> Option<String> {
        self.sheet
            .product(self.request.choices.product.as_deref())
            .map(|p| p.name.get(lang).to_string())
    }

    /// When some visit is not in person: the kind of the visits, consecutive visit months of
    /// one kind grouped, as one line in `lang` ("Visits: In person: month 1; Telephone:
    /// months 2–6").
    pub fn visit_kinds_line(&self, lang: Lang) -> Option<String> {
        use crate::estimate::IN_PERSON;
        use crate::i18n::Arg;
        let est = self.shown();
        if est.months.iter().all(|m| m.visit_kind.is_none()) {
            return None;
        }
        // (kind, first month, last month) of each run of visits of one kind.
        let mut runs: Vec<(&str, u32, u32)> = Vec::new();
        for m in est.months.iter().filter(|m| m.visit.is_some()) {
            let kind = m.visit_kind.as_deref().unwrap_or(IN_PERSON);
            let month = self.course_month(m.month);
            match runs.last_mut() {
                Some(run) if run.0 == kind => run.2 = month,
                _ => runs.push((kind, month, month)),
            }
        }
        let parts: Vec<String> = runs
            .iter()
            .map(|(kind, from, to)| {
                let months = if from == to {
                    lang.tr_args("visit-months-one", &[("from", Arg::Str(from.to_string()))])
                } else {
                    lang.tr_args(
                        "visit-months-range",
                        &[
                            ("from", Arg::Str(from.to_string())),
                            ("to", Arg::Str(to.to_string())),
                        ],
                    )
                };
                lang.tr_args(
                    "visit-kind-group",
                    &[
                        ("kind", Arg::Str(self.sheet.visit_kind_label(kind, lang))),
                        ("months", Arg::Str(months)),
                    ],
                )
            })
            .collect();
        Some(lang.tr_args(
            "visit-kinds-line",
            &[(
                "visits",
                Arg::Str(parts.join(&lang.tr("visit-kinds-separator"))),
            )],
        ))
    }

    /// The discounts on the whole course, each (name, (low, high)) as negative amounts; the
    /// range spans a man's and a woman's when sex is not given.
    pub fn course_discounts(&self, lang: Lang) -> Vec<(String, (Money, Money))> {
        let lines = |e: &CourseEstimate| e.course_items.clone();
        let (a, b) = match &self.priced {
            Priced::One(e) => (lines(e), lines(e)),
            Priced::Range { male, female } => (lines(male), lines(female)),
        };
        a.iter()
            .zip(b.iter())
            .map(|(m, f)| {
                (
                    self.item_name(&m.code, lang),
                    (m.amount.min(f.amount), m.amount.max(f.amount)),
                )
            })
            .collect()
    }

    /// The tests the clinic does only if needed: (name, price), shown on the estimate but
    /// not in the total; a women's test only when the patient may be a woman.
    pub fn as_needed(&self, lang: Lang) -> Vec<(String, Money)> {
        let Fees::Itemised { tests, .. } = &self.sheet.fees else {
            return Vec::new();
        };
        let woman_possible =
            matches!(self.priced, Priced::Range { .. }) || self.request.sex == Sex::Female;
        tests
            .iter()
            .filter(|t| t.schedule == TestSchedule::AsNeeded)
            .filter(|t| t.who == TestFor::Everyone || woman_possible)
            .map(|t| (self.item_name(&t.code, lang), t.price))
            .collect()
    }

    /// The tests due in this course that no visit of the plan takes: (name, price), listed
    /// "not at any visit of this plan" and not in the total (a woman's for a range).
    pub fn tests_at_no_visit(&self, lang: Lang) -> Vec<(String, Money)> {
        self.shown()
            .tests_at_no_visit
            .iter()
            .map(|it| (self.item_name(&it.code, lang), it.amount))
            .collect()
    }

    /// The name of an item code: the sheet's own name for a clinic's test, a one-off fee
    /// (`[[fees]]`) or a discount, else the localised name of the code; medication and the
    /// all-in package name the product when the sheet offers several.
    fn item_name(&self, code: &str, lang: Lang) -> String {
        let sheet = &self.sheet;
        if let Fees::Itemised { tests, .. } = &sheet.fees
            && let Some(t) = tests.iter().find(|t| t.code == code)
        {
            let own = t.name.get(lang);
            if !own.is_empty() {
                return own.to_string();
            }
        }
        if let Some(f) = sheet.one_off_fees.iter().find(|f| f.code == code) {
            return f.name.get(lang).to_string();
        }
        if let Some(d) = sheet.discount(code) {
            return d.name.get(lang).to_string();
        }
        let name = lang.tr(&format!("item-{code}"));
        match self.product_name(lang) {
            Some(product) if matches!(code, "medication" | "package") => {
                format!("{name} ({product})")
            }
            _ => name,
        }
    }

    /// The tests of the course, month by month (a woman's for a range).
    pub fn tests_due(&self) -> &[TestDue] {
        &self.tests
    }

    /// The course re-priced under other blood-test schedules (empty for flat sheets).
    pub fn protocols(&self) -> &[ProtocolCost] {
        &self.protocols
    }

    /// What the patient's handout says (empty for a range: a handout is for one patient).
    pub fn cautions(&self) -> &[Caution] {
        &self.cautions
    }

    /// On a sheet that sells boxes: the boxes each month buys and the capsules left after the
    /// last dose, as two lines in `lang` (for the text report, the PDF and the screen);
    /// `None` when no strength is sold in boxes.
    pub fn packs_lines(&self, lang: Lang) -> Option<(String, String)> {
        use crate::i18n::Arg;
        let est = self.shown();
        if est.capsules_left.is_empty() {
            return None;
        }
        let mix = |m: &std::collections::BTreeMap<u32, u32>| -> String {
            let parts: Vec<String> = m
                .iter()
                .rev()
                .map(|(mg, n)| format!("{mg} mg × {n}"))
                .collect();
            if parts.is_empty() {
                "-".to_string()
            } else {
                parts.join(" + ")
            }
        };
        let bought: Vec<String> = est
            .months
            .iter()
            .map(|m| {
                lang.tr_args(
                    "cli-packs-month",
                    &[
                        ("month", Arg::Str(self.course_month(m.month).to_string())),
                        ("packs", Arg::Str(mix(&m.packs))),
                    ],
                )
            })
            .collect();
        Some((
            lang.tr_args(
                "cli-packs-bought",
                &[("months", Arg::Str(bought.join(", ")))],
            ),
            lang.tr_args(
                "cli-capsules-left",
                &[("capsules", Arg::Str(mix(&est.capsules_left)))],
            ),
        ))
    }

    /// This quote's month 1 as one visit would price it: `dose` for `days` days of medication
    /// at a visit of `kind` (`in_person` or a sheet's visit kind), everything else — the
    /// sheet, sex, product, discounts, what was taken before — as this quote has it
    /// ([`crate::estimate::visit_month`]). With month 1's own dose, kind and 30 days it is
    /// month 1. What a recorded visit hands over (`capsules`) and charges (`subtotal`).
    pub fn visit_month(
        &self,
        dose: crate::dose::Dose,
        days: u32,
        kind: &str,
    ) -> Result<MonthLine, PlanError> {
        crate::estimate::visit_month(
            &self.sheet,
            &self.request,
            self.shown().so_far.clone(),
            dose,
            days,
            kind,
        )
    }

    /// The month of the whole course that this quote's month `month` is (a course under way
    /// numbers the months left after the months so far; otherwise `month` itself).
    pub fn course_month(&self, month: u32) -> u32 {
        month.saturating_add(self.shown().so_far.days / crate::vocab::DAYS_PER_MONTH)
    }

    /// For a course under way: mg and mg/kg taken so far, in the months of this quote, and
    /// over the whole course; `None` for a course not started.
    pub fn progress(&self) -> Option<Progress> {
        let est = self.shown();
        if !est.so_far.is_under_way() {
            return None;
        }
        let per_kg = |mg: u64| est.weight_kg.map(|w| mg as f64 / w);
        let rest = est.cumulative_mg.saturating_sub(est.so_far.mg);
        Some(Progress {
            so_far_mg: est.so_far.mg,
            so_far_days: est.so_far.days,
            so_far_mg_per_kg: per_kg(est.so_far.mg),
            rest_mg: rest,
            rest_days: est.days,
            rest_mg_per_kg: per_kg(rest),
            course_mg: est.cumulative_mg,
            course_days: est.so_far.days.saturating_add(est.days),
            course_mg_per_kg: est.cumulative_mg_per_kg,
            months_before: est.so_far.days / crate::vocab::DAYS_PER_MONTH,
            paid_so_far: est.so_far.paid,
            rest_cost: est.total,
            // Checked: an amount too large to add is not shown rather than shown wrong.
            course_cost: est.so_far.paid.and_then(|p| p.plus(est.total).ok()),
        })
    }

    /// Whether the estimate is in yen: the drug is then unapproved in Japan and self-paid,
    /// and the handout says so.
    pub fn unapproved_in_japan(&self) -> bool {
        is_japan(&self.sheet)
    }
}

fn is_japan(sheet: &PriceSheet) -> bool {
    sheet.currency.code == "JPY"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dose::Dose;
    use crate::pricing::reference_sheet;

    fn date() -> jiff::civil::Date {
        jiff::civil::date(2026, 11, 24)
    }

    #[test]
    fn the_consumption_tax_within_a_yen_total_is_a_tenth_of_it_over_eleven_rounded_down() {
        // 6 months at 20 mg/day for a woman: ¥115,324 = 11 × 10,484.
        let req = CourseRequest::constant(Sex::Female, Dose::daily(20), 6);
        let q = Quote::compute(&reference_sheet(), &req, date()).unwrap();
        assert_eq!(q.estimate().unwrap().total, Money(115_324));
        assert_eq!(q.included_tax(), Some(Money(10_484)));
        // A man, 6 months: ¥108,988 × 10 / 110 = 9,908.0: exact.
        let man = CourseRequest::constant(Sex::Male, Dose::daily(20), 6);
        let q = Quote::compute(&reference_sheet(), &man, date()).unwrap();
        assert_eq!(q.estimate().unwrap().total, Money(108_988));
        assert_eq!(q.included_tax(), Some(Money(9_908)));
        // A range names no patient: no figure.
        let q = Quote::compute_range(&reference_sheet(), &req, date()).unwrap();
        assert_eq!(q.included_tax(), None);
    }

    #[test]
    fn included_tax_rounds_as_asked_and_never_overflows() {
        use crate::pricing::{Rounding, included_tax};
        let ten = JAPAN_CONSUMPTION_TAX_MILLI_PERCENT;
        assert_eq!(
            included_tax(Money(1_100), ten, Rounding::Down),
            Ok(Money(100))
        );
        // 1,000 × 10 / 110 = 90.9…
        assert_eq!(
            included_tax(Money(1_000), ten, Rounding::Down),
            Ok(Money(90))
        );
        assert_eq!(included_tax(Money(1_000), ten, Rounding::Up), Ok(Money(91)));
        assert_eq!(
            included_tax(Money(1_000), ten, Rounding::Nearest),
            Ok(Money(91))
        );
        // 8% (軽減税率): 1,080 → 80.
        assert_eq!(
            included_tax(Money(1_080), 8_000, Rounding::Down),
            Ok(Money(80))
        );
        assert_eq!(included_tax(Money(0), ten, Rounding::Up), Ok(Money(0)));
        // The largest amount: the tax is less than it, so it fits.
        let t = included_tax(Money(i64::MAX), ten, Rounding::Up).unwrap();
        assert!(t.0 > 0 && t.0 < i64::MAX);
    }

    #[test]
    fn tax_added_as_its_own_line_and_other_currencies_have_no_included_tax() {
        let us = crate::pricing::parse(
            include_str!("../../../pricing/example-clinic-us.toml"),
            "us.toml",
        )
        .unwrap();
        let kr = crate::pricing::parse(
            include_str!("../../../pricing/example-clinic-kr.toml"),
            "kr.toml",
        )
        .unwrap();
        let req = CourseRequest::constant(Sex::Female, Dose::daily(20), 6);
        for sheet in [us, kr] {
            let q = Quote::compute(&sheet, &req, date()).unwrap();
            assert_eq!(q.included_tax(), None, "{}", sheet.currency.code);
        }
    }

    #[test]
    fn a_quote_for_a_woman_has_her_totals_columns_and_validity() {
        let req = CourseRequest::constant(Sex::Female, Dose::daily(20), 6);
        let q = Quote::compute(&reference_sheet(), &req, date()).unwrap();
        assert_eq!(q.total(), (Money(115_324), Money(115_324)));
        assert_eq!(q.first_month(), (Money(21_054), Money(21_054)));
        assert_eq!(q.later_months(), Some((Money(18_854), Money(18_854))));
        assert_eq!(
            q.columns(),
            ["consultation", "medication", "blood_test", "urine_test"]
        );
        assert_eq!(
            q.column_label("urine_test", Lang::En),
            "Urine pregnancy test"
        );
        assert_eq!(q.valid_until(), Some(jiff::civil::date(2026, 12, 24)));
        assert!(q.unapproved_in_japan());
        assert_eq!(q.tests_due().len(), 12);
        assert!(!q.cautions().is_empty());
        assert_eq!(q.sheet_id(), reference_sheet().id());
    }

    #[test]
    fn a_visit_is_priced_for_the_dose_days_and_kind_it_hands_over() {
        // A man, first visit, 20 mg/day for 6 months on the reference sheet.
        let req = CourseRequest::constant(Sex::Male, Dose::daily(20), 6);
        let q = Quote::compute(&reference_sheet(), &req, date()).unwrap();
        // Month 1's own dose, kind and 30 days: month 1 itself.
        let same = q.visit_month(Dose::daily(20), 30, "in_person").unwrap();
        assert_eq!(same, q.shown().months[0]);
        // 3,850 + 30 × 418 (12,540) + 3,608 = 19,998.
        assert_eq!(same.subtotal, Money(19_998));
        // 40 mg = 2 × 20 mg: 3,850 + 60 × 418 (25,080) + 3,608 = 32,538.
        let forty = q.visit_month(Dose::daily(40), 30, "in_person").unwrap();
        assert_eq!(forty.subtotal, Money(32_538));
        assert_eq!(forty.capsules.describe(), "20 mg × 60");
        assert_eq!(forty.mg, 1_200);
        // 60 days of 40 mg at one visit: 3,850 + 120 × 418 (50,160) + 3,608 = 57,618.
        let two_months = q.visit_month(Dose::daily(40), 60, "in_person").unwrap();
        assert_eq!(two_months.subtotal, Money(57_618));
        // 30/20 mg alternating for 31 days: 16 days of 20 + 10 and 15 of 20 = 31 × 20 mg +
        // 16 × 10 mg: 3,850 + 31 × 418 (12,958) + 16 × 308 (4,928) + 3,608 = 25,344.
        let alternating = Dose::parse("30/20").unwrap();
        let odd = q.visit_month(alternating, 31, "in_person").unwrap();
        assert_eq!(odd.capsules.describe(), "20 mg × 31 + 10 mg × 16");
        assert_eq!(odd.subtotal, Money(25_344));
        // A dose the capsules cannot make is an error, as in a quote.
        assert!(q.visit_month(Dose::daily(15), 30, "in_person").is_err());
    }

    #[test]
    fn a_visit_of_another_kind_or_on_a_flat_sheet_is_priced_as_the_sheet_says() {
        let telephone = crate::pricing::parse(
            include_str!("../../../pricing/example-clinic-telephone.toml"),
            "pricing/example-clinic-telephone.toml",
        )
        .unwrap();
        let mut req = CourseRequest::constant(Sex::Male, Dose::daily(20), 3);
        req.visit = Visit::Return;
        let q = Quote::compute(&telephone, &req, date()).unwrap();
        // In person: 1,650 + 30 × 418 (12,540) + 3,608 = 17,798.
        let in_person = q.visit_month(Dose::daily(20), 30, "in_person").unwrap();
        assert_eq!(in_person, q.shown().months[0]);
        assert_eq!(in_person.subtotal, Money(17_798));
        // By telephone: 1,100 + 12,540 + shipping 550, no test = 14,190.
        let remote = q.visit_month(Dose::daily(20), 30, "telephone").unwrap();
        assert_eq!(remote.visit_kind.as_deref(), Some("telephone"));
        assert_eq!(remote.subtotal, Money(14_190));
        // The same as month 1 of a quote whose month 1 is by telephone.
        req.choices.visit_kinds = vec!["telephone".into()];
        let by_phone = Quote::compute(&telephone, &req, date()).unwrap();
        assert_eq!(remote, by_phone.shown().months[0]);

        let flat = crate::pricing::parse(
            include_str!("../../../pricing/flat-clinic-jp.toml"),
            "pricing/flat-clinic-jp.toml",
        )
        .unwrap();
        let req = CourseRequest::constant(Sex::Male, Dose::daily(20), 3);
        let q = Quote::compute(&flat, &req, date()).unwrap();
        let month = q.visit_month(Dose::daily(20), 30, "in_person").unwrap();
        assert_eq!(month, q.shown().months[0]);
        // 40 mg/day for 30 days: its package, 24,200.
        let forty = q.visit_month(Dose::daily(40), 30, "in_person").unwrap();
        assert_eq!(forty.subtotal, Money(24_200));
        // 60 days: 2 × 16,500 = 33,000; 45 days as well (one package per 30 days begun).
        for days in [60, 45] {
            let m = q.visit_month(Dose::daily(20), days, "in_person").unwrap();
            assert_eq!(m.subtotal, Money(33_000), "{days} days");
        }
    }

    #[test]
    fn a_range_spans_a_mans_and_a_womans_price() {
        let req = CourseRequest::constant(Sex::Male, Dose::daily(20), 6);
        let q = Quote::compute_range(&reference_sheet(), &req, date()).unwrap();
        // A man pays no pregnancy test: 6 × 1,056 less.
        assert_eq!(q.total(), (Money(115_324 - 6 * 1_056), Money(115_324)));
        assert!(q.estimate().is_none());
        assert!(q.columns().contains(&"urine_test".to_string()));
        assert!(q.cautions().is_empty());
        assert_eq!(q.tests_due().len(), 12);
    }
}
