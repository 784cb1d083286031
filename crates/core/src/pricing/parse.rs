//! Reading a price sheet: TOML text → the raw shape as written (`Raw*`, unknown keys refused)
//! → a validated [`PriceSheet`], one function per section. Every refusal is a typed
//! [`SheetProblem`] at the place it was written.
//!
//! Pure: takes a `&str`; reading the file is the caller's job.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use super::{
    AfterLastDose, Capsule, Clinic, Discount, DiscountAmount, DiscountOn, FeeWhen, Fees, LocalText,
    MAX_AFTER_MONTHS, MAX_CAPSULE_MG, MAX_CAPSULES, MAX_DISCOUNTS, MAX_FEES, MAX_LISTED_MONTH,
    MAX_PACK_SIZE, MAX_PACKAGES, MAX_PRESCRIPTION_DAYS, MAX_PRODUCTS, MAX_TEST_MONTHS,
    MAX_TEST_WEEKS, MAX_TESTS, MAX_VALID_DAYS, MAX_VISIT_KINDS, OneOffFee, Pack, Package,
    PregnancyTest, PriceSheet, PricingError, Product, RESERVED_CODES, Rounding, SheetProblem, Tax,
    TestFee, TestFor, TestSchedule, VisitKind,
};
use crate::money::{Currency, MAX_PRICE, Money};
use crate::vocab::DAYS_PER_MONTH;

/// Parses and validates a price sheet. `source_name` (usually the path) is used in errors.
pub fn parse(text: &str, source_name: &str) -> Result<PriceSheet, PricingError> {
    let sheet = Sheet { text, source_name };
    let raw: RawSheet = toml::from_str(text)
        .map_err(|e| sheet.error(e.span(), SheetProblem::from_toml(e.message())))?;
    sheet.validate(raw)
}

/// The text being read and its name: where every error points.
struct Sheet<'a> {
    text: &'a str,
    source_name: &'a str,
}

impl Sheet<'_> {
    fn error(&self, span: Option<Range<usize>>, problem: SheetProblem) -> PricingError {
        PricingError::at(self.source_name, self.text, span, problem)
    }

    /// The section checks, in the order a clinic manager reads the sheet's errors: the
    /// first problem found is the one reported.
    fn validate(&self, raw: RawSheet) -> Result<PriceSheet, PricingError> {
        self.numbers(&raw)?;
        let clinic = self.clinic(raw.clinic)?;
        let currency = self.currency(raw.currency)?;
        let valid_days = self.valid_days(&raw.quote)?;
        let after_last_dose = self.after_last_dose(&raw.after_last_dose)?;
        self.counts(&raw.tests, &raw.packages, &raw.capsules, &raw.fees)?;
        let tax = self.tax(&raw.quote)?;
        let (max_months_per_visit, max_prescription_days) = self.visits(&raw.visits)?;
        let style = raw.style.as_ref().map(|s| *s.get_ref());
        let style = style.unwrap_or(if raw.packages.is_empty() {
            RawStyle::Itemised
        } else {
            RawStyle::Flat
        });
        let products = self.products(&raw.products, &raw.capsules, &raw.packages, style)?;
        let (capsules, packs) = match products.first() {
            Some(first) => (first.capsules.clone(), first.packs.clone()),
            None => self.capsules(&raw.capsules, style)?,
        };
        // The first women's test as written (the tests are moved into the fees below).
        let women_test = raw
            .tests
            .iter()
            .find(|t| t.get_ref().who == TestFor::Women)
            .map(|t| (t.span(), t.get_ref().code.get_ref().clone()));
        let fees = match style {
            RawStyle::Itemised => self.itemised_fees(raw.consultation, raw.tests, &raw.packages)?,
            RawStyle::Flat => match products.first() {
                Some(first) => {
                    self.no_tests_on_flat(&raw.consultation, &raw.tests)?;
                    Fees::Flat {
                        packages: first.packages.clone(),
                    }
                }
                None => self.flat_fees(&raw.consultation, &raw.tests, raw.packages)?,
            },
        };
        let one_off_fees = self.one_off_fees(raw.fees, &fees)?;
        let visit_kinds = self.visit_kinds(raw.visit_kinds, &fees)?;
        let discounts = self.discounts(raw.discounts, &fees, &one_off_fees, &visit_kinds)?;
        let tax_exempt = self.tax_exempt(&raw.quote, &fees, &one_off_fees, &visit_kinds)?;
        let pregnancy_test = self.pregnancy_test(raw.pregnancy_test.as_ref(), women_test, style)?;
        Ok(PriceSheet {
            clinic,
            currency,
            valid_days,
            tax,
            max_months_per_visit,
            max_prescription_days,
            first_visit_remote: raw.visits.first_visit_remote,
            alternating_days: raw.dosing.alternating_days,
            pregnancy_test,
            tax_exempt,
            acceptance_signature: raw.quote.acceptance_signature,
            capsules,
            packs,
            fees,
            one_off_fees,
            visit_kinds,
            products,
            discounts,
            after_last_dose,
        })
    }

    /// Every price and the tax rate, in the order they are written: they are judged before
    /// the sections, so a sheet with several mistakes reports the first number first.
    fn numbers(&self, raw: &RawSheet) -> Result<(), PricingError> {
        let mut checks: Vec<(Range<usize>, Result<(), SheetProblem>)> = Vec::new();
        let mut price =
            |p: &Spanned<RawPrice>| checks.push((p.span(), p.get_ref().money().map(drop)));
        if let Some(c) = &raw.consultation {
            price(&c.get_ref().first_visit);
            price(&c.get_ref().return_visit);
        }
        for c in &raw.capsules {
            if let Some(p) = &c.get_ref().price {
                price(p);
            }
            if let Some(p) = &c.get_ref().pack_price {
                price(p);
            }
        }
        for t in &raw.tests {
            price(&t.get_ref().price);
        }
        for p in &raw.packages {
            price(&p.get_ref().price_per_month);
        }
        for f in &raw.fees {
            price(&f.get_ref().price);
        }
        for k in &raw.visit_kinds {
            price(&k.get_ref().fee);
            if let Some(p) = &k.get_ref().shipping {
                price(p);
            }
        }
        for product in &raw.products {
            for c in &product.get_ref().capsules {
                for p in [&c.get_ref().price, &c.get_ref().pack_price]
                    .into_iter()
                    .flatten()
                {
                    price(p);
                }
            }
            for p in &product.get_ref().packages {
                price(&p.get_ref().price_per_month);
            }
        }
        for d in &raw.discounts {
            if let Some(p) = &d.get_ref().amount {
                price(p);
            }
        }
        if let Some(rate) = &raw.quote.tax_rate_percent {
            checks.push((rate.span(), self.milli_percent(rate).map(drop)));
        }
        checks.sort_by_key(|(span, _)| span.start);
        match checks
            .into_iter()
            .find_map(|(span, r)| r.err().map(|p| (span, p)))
        {
            Some((span, problem)) => Err(self.error(Some(span), problem)),
            None => Ok(()),
        }
    }

    /// A tax rate as written, in thousandths of a percent (the literal text is read, so
    /// `8.875` is exact).
    fn milli_percent(&self, rate: &Spanned<RawPercent>) -> Result<u32, SheetProblem> {
        rate.get_ref()
            .milli_percent(self.text.get(rate.span()).unwrap_or(""))
    }

    fn money(&self, price: &Spanned<RawPrice>) -> Result<Money, PricingError> {
        price
            .get_ref()
            .money()
            .map_err(|p| self.error(Some(price.span()), p))
    }

    /// Refuses a text holding a character that would garble an estimate or a terminal.
    fn no_control(&self, text: &LocalText, span: Range<usize>) -> Result<(), PricingError> {
        match unsafe_char(text) {
            Some(found) => Err(self.error(Some(span), SheetProblem::ControlCharacter { found })),
            None => Ok(()),
        }
    }

    /// `[clinic]`: a name in at least one language, an address and a phone number.
    fn clinic(&self, raw: RawClinic) -> Result<Clinic, PricingError> {
        let name_span = raw.name.span();
        let name = raw.name.into_inner().into_local();
        self.no_control(&name, name_span.clone())?;
        let address = match raw.address {
            None => LocalText::default(),
            Some(a) => {
                let span = a.span();
                let a = a.into_inner().into_local();
                self.no_control(&a, span)?;
                a
            }
        };
        let phone = match raw.phone {
            None => String::new(),
            Some(p) => {
                let span = p.span();
                let p = p.into_inner();
                self.no_control(&TextOrLocal::Plain(p.clone()).into_local(), span)?;
                p
            }
        };
        if name.is_empty() {
            return Err(self.error(Some(name_span), SheetProblem::EmptyClinicName));
        }
        Ok(Clinic {
            name,
            address,
            phone,
        })
    }

    /// `[currency]`: a known ISO code, or any three capital letters with its minor units.
    fn currency(&self, raw: RawCurrency) -> Result<Currency, PricingError> {
        let code_span = raw.code.span();
        let code = raw.code.into_inner();
        let known = Currency::known(&code);
        let minor_units = match (&raw.minor_units, &known) {
            (Some(m), _) if *m.get_ref() > 4 => {
                return Err(self.error(
                    Some(m.span()),
                    SheetProblem::MinorUnits { got: *m.get_ref() },
                ));
            }
            (Some(m), _) => *m.get_ref(),
            (None, Some(k)) => k.minor_units,
            (None, None) => {
                return Err(self.error(Some(code_span), SheetProblem::UnknownCurrency { code }));
            }
        };
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(self.error(Some(code_span), SheetProblem::CurrencyCode { code }));
        }
        let symbol = match raw.symbol {
            Some(s) => {
                let span = s.span();
                let s = s.into_inner();
                self.no_control(&TextOrLocal::Plain(s.clone()).into_local(), span)?;
                s
            }
            None => known.map_or_else(|| code.clone(), |k| k.symbol),
        };
        Ok(Currency {
            code,
            minor_units,
            symbol,
        })
    }

    /// `[quote] valid_days`.
    fn valid_days(&self, raw: &RawQuote) -> Result<u32, PricingError> {
        let valid_days = *raw.valid_days.get_ref();
        if (1..=MAX_VALID_DAYS).contains(&valid_days) {
            Ok(valid_days)
        } else {
            Err(self.error(
                Some(raw.valid_days.span()),
                SheetProblem::ValidDays { got: valid_days },
            ))
        }
    }

    /// `[quote]`'s tax: included, or a rate (and its rounding) added to each month.
    fn tax(&self, raw: &RawQuote) -> Result<Tax, PricingError> {
        if *raw.tax_included.get_ref() {
            if let Some(rate) = &raw.tax_rate_percent {
                return Err(self.error(Some(rate.span()), SheetProblem::TaxRateNotUsed));
            }
            return Ok(Tax::Included);
        }
        let Some(rate) = &raw.tax_rate_percent else {
            return Err(self.error(Some(raw.tax_included.span()), SheetProblem::TaxRateMissing));
        };
        let rate_milli_percent = self
            .milli_percent(rate)
            .map_err(|p| self.error(Some(rate.span()), p))?;
        Ok(Tax::Added {
            rate_milli_percent,
            rounding: raw.tax_rounding.unwrap_or(Rounding::Down),
        })
    }

    /// `[visits]`: `max_months_per_visit` 1 or 2; `max_prescription_days`, when written,
    /// 1 to [`MAX_PRESCRIPTION_DAYS`] and at least the 30 × `max_months_per_visit` days a
    /// visit may give.
    fn visits(&self, raw: &RawVisits) -> Result<(u32, Option<u32>), PricingError> {
        let mmpv = &raw.max_months_per_visit;
        if !(1..=2).contains(mmpv.get_ref()) {
            return Err(self.error(
                Some(mmpv.span()),
                SheetProblem::MaxMonthsPerVisit {
                    got: *mmpv.get_ref(),
                },
            ));
        }
        let months = *mmpv.get_ref();
        let Some(days) = &raw.max_prescription_days else {
            return Ok((months, None));
        };
        let got = *days.get_ref();
        if !(1..=MAX_PRESCRIPTION_DAYS).contains(&got) {
            return Err(self.error(
                Some(days.span()),
                SheetProblem::PrescriptionDaysRange { got },
            ));
        }
        let per_visit = DAYS_PER_MONTH.saturating_mul(months);
        if got < per_visit {
            return Err(self.error(
                Some(days.span()),
                SheetProblem::PrescriptionShorterThanVisit {
                    got,
                    months,
                    per_visit,
                },
            ));
        }
        Ok((months, Some(got)))
    }

    /// `[quote] tax_exempt`: codes of items this sheet charges (consultation, medication and
    /// its tests, or package), each once, and only when tax is added.
    fn tax_exempt(
        &self,
        raw: &RawQuote,
        fees: &Fees,
        one_off: &[OneOffFee],
        kinds: &[VisitKind],
    ) -> Result<Vec<String>, PricingError> {
        let Some(list) = &raw.tax_exempt else {
            return Ok(Vec::new());
        };
        if *raw.tax_included.get_ref() {
            return Err(self.error(Some(list.span()), SheetProblem::TaxExemptNotUsed));
        }
        let allowed: Vec<String> = match fees {
            Fees::Itemised { tests, .. } => ["consultation", "medication"]
                .into_iter()
                .map(String::from)
                .chain(tests.iter().map(|t| t.code.clone()))
                .collect::<Vec<String>>(),
            Fees::Flat { .. } if !kinds.is_empty() => {
                vec!["consultation".to_string(), "package".to_string()]
            }
            Fees::Flat { .. } => vec!["package".to_string()],
        }
        .into_iter()
        .chain(one_off.iter().map(|f| f.code.clone()))
        .chain(
            kinds
                .iter()
                .any(|k| k.shipping.is_some())
                .then(|| "shipping".to_string()),
        )
        .collect();
        let mut codes: Vec<String> = Vec::new();
        for code in list.get_ref() {
            let c = code.get_ref();
            if !allowed.contains(c) {
                return Err(self.error(
                    Some(code.span()),
                    SheetProblem::TaxExemptCode {
                        code: c.clone(),
                        allowed,
                    },
                ));
            }
            if codes.contains(c) {
                return Err(self.error(
                    Some(code.span()),
                    SheetProblem::DuplicateTaxExempt { code: c.clone() },
                ));
            }
            codes.push(c.clone());
        }
        Ok(codes)
    }

    /// `[[fees]]`: one-off fees, each with its own code (not one the estimate uses, not a
    /// test's, not twice), a name and a price.
    fn one_off_fees(
        &self,
        raw: Vec<Spanned<RawFee>>,
        fees: &Fees,
    ) -> Result<Vec<OneOffFee>, PricingError> {
        let tests: &[TestFee] = match fees {
            Fees::Itemised { tests, .. } => tests,
            Fees::Flat { .. } => &[],
        };
        let mut out: Vec<OneOffFee> = Vec::new();
        for f in raw {
            let f = f.into_inner();
            let code = f.code.get_ref().clone();
            let code_span = f.code.span();
            if !is_code(&code) {
                return Err(self.error(Some(code_span), SheetProblem::FeeCode { code }));
            }
            if RESERVED_CODES.contains(&code.as_str()) || tests.iter().any(|t| t.code == code) {
                return Err(self.error(Some(code_span), SheetProblem::FeeCodeTaken { code }));
            }
            if out.iter().any(|o| o.code == code) {
                return Err(self.error(Some(code_span), SheetProblem::DuplicateFee { code }));
            }
            let name_span = f.name.span();
            let name = f.name.into_inner().into_local();
            self.no_control(&name, name_span.clone())?;
            if name.is_empty() {
                return Err(self.error(Some(name_span), SheetProblem::FeeWithoutName { code }));
            }
            out.push(OneOffFee {
                code,
                name,
                price: self.money(&f.price)?,
                when: f.when,
            });
        }
        Ok(out)
    }

    /// `[pregnancy_test] where`: "clinic" needs a `who = "women"` test on an itemised sheet,
    /// "home" allows none. Absent: at the clinic when such a test is listed, else unspecified.
    /// A flat sheet's packages include whatever the clinic does: "clinic" needs no test
    /// there.
    fn pregnancy_test(
        &self,
        raw: Option<&Spanned<RawPregnancyTest>>,
        women_test: Option<(Range<usize>, String)>,
        style: RawStyle,
    ) -> Result<PregnancyTest, PricingError> {
        let Some(raw) = raw else {
            return Ok(if women_test.is_some() {
                PregnancyTest::Clinic
            } else {
                PregnancyTest::Unspecified
            });
        };
        let place = &raw.get_ref().place;
        match (place.get_ref(), women_test) {
            (RawPlace::Clinic, None) if style == RawStyle::Itemised => {
                Err(self.error(Some(place.span()), SheetProblem::PregnancyTestNotListed))
            }
            (RawPlace::Clinic, _) => Ok(PregnancyTest::Clinic),
            (RawPlace::Home, Some((span, code))) => Err(self.error(
                Some(span),
                SheetProblem::PregnancyTestListedForHome { code },
            )),
            (RawPlace::Home, None) => Ok(PregnancyTest::Home),
        }
    }

    /// `[after_last_dose]`: each window at most [`MAX_AFTER_MONTHS`]; an absent one takes
    /// the default.
    fn after_last_dose(&self, raw: &RawAfterLastDose) -> Result<AfterLastDose, PricingError> {
        let d = AfterLastDose::default();
        let months = |key: &'static str, v: &Option<Spanned<u32>>, default: u32| match v {
            None => Ok(default),
            Some(m) if *m.get_ref() <= MAX_AFTER_MONTHS => Ok(*m.get_ref()),
            Some(m) => Err(self.error(
                Some(m.span()),
                SheetProblem::AfterLastDoseMonths {
                    key,
                    months: *m.get_ref(),
                },
            )),
        };
        Ok(AfterLastDose {
            contraception_women: months(
                "contraception_women",
                &raw.contraception_women,
                d.contraception_women,
            )?,
            contraception_men: months(
                "contraception_men",
                &raw.contraception_men,
                d.contraception_men,
            )?,
            sun_and_laser: months("sun_and_laser", &raw.sun_and_laser, d.sun_and_laser)?,
            laser_hair_removal: months(
                "laser_hair_removal",
                &raw.laser_hair_removal,
                d.laser_hair_removal,
            )?,
            vaccination: months("vaccination", &raw.vaccination, d.vaccination)?,
            elective_surgery: months(
                "elective_surgery",
                &raw.elective_surgery,
                d.elective_surgery,
            )?,
            next_course: months("next_course", &raw.next_course, d.next_course)?,
        })
    }

    /// At most [`MAX_TESTS`] tests, [`MAX_PACKAGES`] packages and [`MAX_CAPSULES`]
    /// strengths; the first one too many is where the error points.
    fn counts(
        &self,
        tests: &[Spanned<RawTest>],
        packages: &[Spanned<RawPackage>],
        capsules: &[Spanned<RawCapsule>],
        fees: &[Spanned<RawFee>],
    ) -> Result<(), PricingError> {
        if let Some(extra) = fees.get(MAX_FEES) {
            return Err(self.error(
                Some(extra.span()),
                SheetProblem::TooManyFees { count: fees.len() },
            ));
        }
        if let Some(extra) = tests.get(MAX_TESTS) {
            return Err(self.error(
                Some(extra.span()),
                SheetProblem::TooManyTests { count: tests.len() },
            ));
        }
        if let Some(extra) = packages.get(MAX_PACKAGES) {
            return Err(self.error(
                Some(extra.span()),
                SheetProblem::TooManyPackages {
                    count: packages.len(),
                },
            ));
        }
        if let Some(extra) = capsules.get(MAX_CAPSULES) {
            return Err(self.error(
                Some(extra.span()),
                SheetProblem::TooManyCapsules {
                    count: capsules.len(),
                },
            ));
        }
        Ok(())
    }

    /// `[[capsules]]`, smallest first, and the strengths sold in packs; a flat sheet
    /// without any gets 10 and 20 mg, unpriced.
    fn capsules(
        &self,
        raw: &[Spanned<RawCapsule>],
        style: RawStyle,
    ) -> Result<(Vec<Capsule>, BTreeMap<u32, Pack>), PricingError> {
        let mut capsules: Vec<Capsule> = Vec::new();
        let mut packs = BTreeMap::new();
        for cap in raw {
            let c = cap.get_ref();
            let mg = *c.mg.get_ref();
            if mg == 0 || mg > MAX_CAPSULE_MG {
                return Err(self.error(Some(c.mg.span()), SheetProblem::CapsuleStrength { mg }));
            }
            if capsules.iter().any(|k| k.mg == mg) {
                return Err(self.error(Some(c.mg.span()), SheetProblem::DuplicateCapsule { mg }));
            }
            if let Some(pack) = self.pack(cap, style)? {
                packs.insert(mg, pack);
                // A capsule price beside a pack is the rate of courses too short for it.
                let price = match &c.price {
                    Some(p) => Some(self.money(p)?),
                    None => None,
                };
                capsules.push(Capsule { mg, price });
                continue;
            }
            if style == RawStyle::Itemised && c.price.is_none() {
                return Err(self.error(Some(cap.span()), SheetProblem::CapsuleWithoutPrice { mg }));
            }
            let price = match &c.price {
                Some(p) => Some(self.money(p)?),
                None => None,
            };
            capsules.push(Capsule { mg, price });
        }
        if capsules.is_empty() {
            if style == RawStyle::Itemised {
                return Err(self.error(None, SheetProblem::NoCapsules));
            }
            capsules = [10, 20].map(|mg| Capsule { mg, price: None }).to_vec();
        }
        capsules.sort_by_key(|c| c.mg);
        Ok((capsules, packs))
    }

    /// A strength's pack (`pack_size` and `pack_price`, both or neither, never with
    /// `price`, only on an itemised sheet), or `None` when it is priced per capsule.
    fn pack(
        &self,
        cap: &Spanned<RawCapsule>,
        style: RawStyle,
    ) -> Result<Option<Pack>, PricingError> {
        let c = cap.get_ref();
        let mg = *c.mg.get_ref();
        let (size, price) = match (&c.pack_size, &c.pack_price) {
            (None, None) => return Ok(None),
            (Some(size), Some(price)) => (size, price),
            _ => return Err(self.error(Some(cap.span()), SheetProblem::PackIncomplete { mg })),
        };
        if style == RawStyle::Flat {
            return Err(self.error(Some(size.span()), SheetProblem::PackOnFlat { mg }));
        }
        // A capsule price beside a pack only as the shorter courses' rate of a pack that
        // holds from `pack_min_months` on.
        if let Some(p) = &c.price
            && c.pack_min_months.is_none()
        {
            return Err(self.error(Some(p.span()), SheetProblem::PackAndPrice { mg }));
        }
        let got = *size.get_ref();
        if got == 0 || got > MAX_PACK_SIZE {
            return Err(self.error(Some(size.span()), SheetProblem::PackSize { got }));
        }
        Ok(Some(Pack {
            size: got,
            price: self.money(price)?,
            min_months: self.min_months(c.pack_min_months.as_ref())?,
        }))
    }

    /// A `min_months` / `pack_min_months`: 2 to 24 months (1 would hold for every course).
    fn min_months(&self, raw: Option<&Spanned<u32>>) -> Result<u32, PricingError> {
        let Some(m) = raw else {
            return Ok(0);
        };
        let got = *m.get_ref();
        if !(2..=super::MAX_MIN_MONTHS).contains(&got) {
            return Err(self.error(
                Some(m.span()),
                SheetProblem::MinMonths {
                    got,
                    max: super::MAX_MIN_MONTHS,
                },
            ));
        }
        Ok(got)
    }

    /// An itemised sheet's `[consultation]` and `[[tests]]` (and no `[[packages]]`).
    fn itemised_fees(
        &self,
        consultation: Option<Spanned<RawConsultation>>,
        raw_tests: Vec<Spanned<RawTest>>,
        packages: &[Spanned<RawPackage>],
    ) -> Result<Fees, PricingError> {
        if let Some(p) = packages.first() {
            return Err(self.error(Some(p.span()), SheetProblem::PackagesOnItemised));
        }
        let Some(consult) = consultation else {
            return Err(self.error(None, SheetProblem::NoConsultation));
        };
        let consult = consult.into_inner();
        let mut tests: Vec<TestFee> = Vec::new();
        let mut seen = HashSet::new();
        for t in raw_tests {
            let span = t.span();
            let t = t.into_inner();
            let code = t.code.get_ref().clone();
            if !is_code(&code) {
                return Err(self.error(Some(t.code.span()), SheetProblem::TestCode { code }));
            }
            // A test may not take an item code the estimate prints itself: its price would
            // sit in the month's total under another column's heading.
            if RESERVED_CODES.contains(&code.as_str()) {
                return Err(self.error(
                    Some(t.code.span()),
                    SheetProblem::CodeTaken {
                        section: "[[tests]]",
                        code,
                    },
                ));
            }
            if !seen.insert(code.clone()) {
                return Err(self.error(Some(t.code.span()), SheetProblem::DuplicateTest { code }));
            }
            let schedule = self.test_schedule(&t, &code)?;
            let name = match t.name {
                Some(n) => {
                    let n = n.into_local();
                    self.no_control(&n, span.clone())?;
                    n
                }
                None if matches!(code.as_str(), "blood_test" | "urine_test") => {
                    LocalText::default()
                }
                None => {
                    return Err(self.error(Some(span), SheetProblem::TestWithoutName { code }));
                }
            };
            tests.push(TestFee {
                code,
                name,
                price: self.money(&t.price)?,
                who: t.who,
                schedule,
            });
        }
        Ok(Fees::Itemised {
            first_visit: self.money(&consult.first_visit)?,
            return_visit: self.money(&consult.return_visit)?,
            tests,
        })
    }

    /// A test's schedule: `as_needed = true`, `at_months = [...]`, `after_weeks = N` (with
    /// `every_months` after it), or every visit in the first `monthly_first_months` months
    /// and then every `every_months` (both default 1). One kind per test.
    fn test_schedule(&self, t: &RawTest, code: &str) -> Result<TestSchedule, PricingError> {
        let months_key = |n: &Option<Spanned<u32>>| -> Result<Option<u32>, PricingError> {
            match n {
                None => Ok(None),
                Some(n) if (1..=MAX_TEST_MONTHS).contains(n.get_ref()) => Ok(Some(*n.get_ref())),
                Some(n) => Err(self.error(
                    Some(n.span()),
                    SheetProblem::TestMonths { got: *n.get_ref() },
                )),
            }
        };
        let every = months_key(&t.every_months)?;
        let first = months_key(&t.monthly_first_months)?;
        // The keys that name a schedule, in the order written: the second one is refused.
        let mut keys: Vec<Range<usize>> = [
            t.as_needed
                .as_ref()
                .filter(|a| *a.get_ref())
                .map(Spanned::span),
            t.at_months.as_ref().map(Spanned::span),
            t.after_weeks.as_ref().map(Spanned::span),
            t.monthly_first_months.as_ref().map(Spanned::span),
        ]
        .into_iter()
        .flatten()
        .collect();
        // `every_months` goes with `after_weeks` or `monthly_first_months`, or alone.
        if t.after_weeks.is_none() && t.monthly_first_months.is_none() {
            keys.extend(t.every_months.as_ref().map(Spanned::span));
        }
        keys.sort_by_key(|r| r.start);
        if let Some(second) = keys.get(1) {
            return Err(self.error(
                Some(second.clone()),
                SheetProblem::TestScheduleConflict {
                    code: code.to_string(),
                },
            ));
        }
        if t.as_needed.as_ref().is_some_and(|a| *a.get_ref()) {
            return Ok(TestSchedule::AsNeeded);
        }
        if let Some(list) = &t.at_months {
            let mut months: Vec<u32> = list.get_ref().clone();
            if let Some(bad) = months
                .iter()
                .find(|m| !(1..=MAX_LISTED_MONTH).contains(*m))
                .copied()
                .or(months.is_empty().then_some(0))
            {
                return Err(self.error(Some(list.span()), SheetProblem::TestMonthList { got: bad }));
            }
            months.sort_unstable();
            months.dedup();
            return Ok(TestSchedule::Months { months });
        }
        if let Some(w) = &t.after_weeks {
            if *w.get_ref() > MAX_TEST_WEEKS {
                return Err(self.error(
                    Some(w.span()),
                    SheetProblem::TestWeeks { got: *w.get_ref() },
                ));
            }
            return Ok(TestSchedule::AfterWeeks {
                weeks: *w.get_ref(),
                every_months: every,
            });
        }
        Ok(TestSchedule::Periodic {
            monthly_first_months: first.unwrap_or(1),
            every_months: every.unwrap_or(1),
        })
    }

    /// A code for an entry of `section`: lowercase, digits and `_`, not one the estimate uses
    /// (`taken`), not twice (`seen`).
    fn entry_code(
        &self,
        section: &'static str,
        code: &Spanned<String>,
        taken: &[&str],
        seen: &[&str],
    ) -> Result<String, PricingError> {
        let c = code.get_ref().clone();
        let at = Some(code.span());
        if !is_code(&c) {
            return Err(self.error(at, SheetProblem::EntryCode { section, code: c }));
        }
        if RESERVED_CODES.contains(&c.as_str()) || taken.contains(&c.as_str()) {
            return Err(self.error(at, SheetProblem::CodeTaken { section, code: c }));
        }
        if seen.contains(&c.as_str()) {
            return Err(self.error(at, SheetProblem::DuplicateEntry { section, code: c }));
        }
        Ok(c)
    }

    /// A name for an entry: given and not empty (unless `optional`), no control characters.
    fn entry_name(
        &self,
        section: &'static str,
        code: &str,
        name: Option<Spanned<TextOrLocal>>,
        entry: Range<usize>,
        optional: bool,
    ) -> Result<LocalText, PricingError> {
        let (span, name) = match name {
            Some(n) => (n.span(), n.into_inner().into_local()),
            None => (entry, LocalText::default()),
        };
        self.no_control(&name, span.clone())?;
        if name.is_empty() && !optional {
            return Err(self.error(
                Some(span),
                SheetProblem::EntryWithoutName {
                    section,
                    code: code.to_string(),
                },
            ));
        }
        Ok(name)
    }

    /// At most `max` entries of `section`; the first one too many is where the error points.
    fn at_most<T>(
        &self,
        section: &'static str,
        list: &[Spanned<T>],
        max: usize,
    ) -> Result<(), PricingError> {
        match list.get(max) {
            Some(extra) => Err(self.error(
                Some(extra.span()),
                SheetProblem::TooManyEntries {
                    section,
                    count: list.len(),
                    max,
                },
            )),
            None => Ok(()),
        }
    }

    /// `[[visit_kinds]]`: telephone, online or the clinic's own kinds, each with a fee, the
    /// codes of the tests taken at it (tests of this sheet) and an optional shipping fee.
    fn visit_kinds(
        &self,
        raw: Vec<Spanned<RawVisitKind>>,
        fees: &Fees,
    ) -> Result<Vec<VisitKind>, PricingError> {
        const SECTION: &str = "[[visit_kinds]]";
        self.at_most(SECTION, &raw, MAX_VISIT_KINDS)?;
        let test_codes: Vec<&str> = match fees {
            Fees::Itemised { tests, .. } => tests.iter().map(|t| t.code.as_str()).collect(),
            Fees::Flat { .. } => Vec::new(),
        };
        let mut out: Vec<VisitKind> = Vec::new();
        for k in raw {
            let span = k.span();
            let k = k.into_inner();
            let seen: Vec<&str> = out.iter().map(|o| o.code.as_str()).collect();
            let code = self.entry_code(SECTION, &k.code, &test_codes, &seen)?;
            let built_in = matches!(code.as_str(), "telephone" | "online");
            let name = self.entry_name(SECTION, &code, k.name, span, built_in)?;
            let mut tests = Vec::new();
            for t in &k.tests {
                if !test_codes.contains(&t.get_ref().as_str()) || tests.contains(t.get_ref()) {
                    return Err(self.error(
                        Some(t.span()),
                        SheetProblem::VisitKindTest {
                            code: t.get_ref().clone(),
                            allowed: test_codes.iter().map(|c| c.to_string()).collect(),
                        },
                    ));
                }
                tests.push(t.get_ref().clone());
            }
            out.push(VisitKind {
                code,
                name,
                fee: self.money(&k.fee)?,
                tests,
                shipping: k.shipping.as_ref().map(|p| self.money(p)).transpose()?,
            });
        }
        Ok(out)
    }

    /// `[[products]]`: brands with their own `capsules` (itemised) or `packages` (flat),
    /// never beside top-level `[[capsules]]` or `[[packages]]`.
    fn products(
        &self,
        products: &[Spanned<RawProduct>],
        top_capsules: &[Spanned<RawCapsule>],
        top_packages: &[Spanned<RawPackage>],
        style: RawStyle,
    ) -> Result<Vec<Product>, PricingError> {
        const SECTION: &str = "[[products]]";
        if products.is_empty() {
            return Ok(Vec::new());
        }
        self.at_most(SECTION, products, MAX_PRODUCTS)?;
        let top = top_capsules
            .iter()
            .map(Spanned::span)
            .chain(top_packages.iter().map(Spanned::span))
            .min_by_key(|r| r.start);
        if let Some(span) = top {
            return Err(self.error(Some(span), SheetProblem::ProductsAndCapsules));
        }
        let mut out: Vec<Product> = Vec::new();
        for p in products {
            let span = p.span();
            let p = p.get_ref();
            let seen: Vec<&str> = out.iter().map(|o| o.code.as_str()).collect();
            let code = self.entry_code(SECTION, &p.code, &[], &seen)?;
            let name =
                self.entry_name(SECTION, &code, Some(p.name.clone()), span.clone(), false)?;
            self.counts(&[], &p.packages, &p.capsules, &[])?;
            let priced = match style {
                RawStyle::Itemised => !p.capsules.is_empty(),
                RawStyle::Flat => !p.packages.is_empty(),
            };
            if !priced {
                return Err(self.error(Some(span), SheetProblem::ProductWithoutPrices { code }));
            }
            if style == RawStyle::Itemised
                && let Some(pk) = p.packages.first()
            {
                return Err(self.error(Some(pk.span()), SheetProblem::PackagesOnItemised));
            }
            let (capsules, packs) = self.capsules(&p.capsules, style)?;
            let packages = self.packages(p.packages.clone())?;
            out.push(Product {
                code,
                name,
                capsules,
                packs,
                packages,
            });
        }
        Ok(out)
    }

    /// `[[discounts]]`: a code and a name, `percent` or `amount` (one of them), `on`
    /// medication, a `month` or the course, and a rounding rule (default down).
    fn discounts(
        &self,
        raw: Vec<Spanned<RawDiscount>>,
        fees: &Fees,
        one_off: &[OneOffFee],
        kinds: &[VisitKind],
    ) -> Result<Vec<Discount>, PricingError> {
        const SECTION: &str = "[[discounts]]";
        self.at_most(SECTION, &raw, MAX_DISCOUNTS)?;
        let mut taken: Vec<&str> = match fees {
            Fees::Itemised { tests, .. } => tests.iter().map(|t| t.code.as_str()).collect(),
            Fees::Flat { .. } => Vec::new(),
        };
        taken.extend(one_off.iter().map(|f| f.code.as_str()));
        taken.extend(kinds.iter().map(|k| k.code.as_str()));
        let mut out: Vec<Discount> = Vec::new();
        for d in raw {
            let span = d.span();
            let d = d.into_inner();
            let seen: Vec<&str> = out.iter().map(|o| o.code.as_str()).collect();
            let code = self.entry_code(SECTION, &d.code, &taken, &seen)?;
            let name = self.entry_name(SECTION, &code, Some(d.name), span.clone(), false)?;
            let amount = match (&d.percent, &d.amount) {
                (Some(p), None) => {
                    let milli = p
                        .get_ref()
                        .milli_percent(self.text.get(p.span()).unwrap_or(""))
                        .ok()
                        .filter(|m| *m > 0);
                    match milli {
                        Some(m) => DiscountAmount::Percent(m),
                        None => {
                            let got = self.text.get(p.span()).unwrap_or("").trim().to_string();
                            return Err(
                                self.error(Some(p.span()), SheetProblem::DiscountPercent { got })
                            );
                        }
                    }
                }
                (None, Some(a)) => DiscountAmount::Fixed(self.money(a)?),
                _ => {
                    return Err(self.error(Some(span), SheetProblem::DiscountAmount { code }));
                }
            };
            let on = match (d.on, &d.month) {
                (RawDiscountOn::Medication, None) => DiscountOn::Medication,
                (RawDiscountOn::Course, None) => DiscountOn::Course,
                (RawDiscountOn::Month, None) => DiscountOn::Month(1),
                (RawDiscountOn::Month, Some(m)) => {
                    if !(1..=MAX_LISTED_MONTH).contains(m.get_ref()) {
                        return Err(self.error(
                            Some(m.span()),
                            SheetProblem::DiscountMonth { got: *m.get_ref() },
                        ));
                    }
                    DiscountOn::Month(*m.get_ref())
                }
                (_, Some(m)) => {
                    return Err(self.error(Some(m.span()), SheetProblem::DiscountMonthNotUsed));
                }
            };
            out.push(Discount {
                code,
                name,
                amount,
                on,
                rounding: d.rounding.unwrap_or(Rounding::Down),
            });
        }
        Ok(out)
    }

    /// A flat sheet's `[[packages]]` (and no `[consultation]` or `[[tests]]`).
    fn flat_fees(
        &self,
        consultation: &Option<Spanned<RawConsultation>>,
        tests: &[Spanned<RawTest>],
        raw_packages: Vec<Spanned<RawPackage>>,
    ) -> Result<Fees, PricingError> {
        self.no_tests_on_flat(consultation, tests)?;
        let packages = self.packages(raw_packages)?;
        if packages.is_empty() {
            return Err(self.error(None, SheetProblem::NoPackages));
        }
        Ok(Fees::Flat { packages })
    }

    /// A flat sheet has no `[consultation]` and no `[[tests]]`.
    fn no_tests_on_flat(
        &self,
        consultation: &Option<Spanned<RawConsultation>>,
        tests: &[Spanned<RawTest>],
    ) -> Result<(), PricingError> {
        if let Some(c) = consultation {
            return Err(self.error(Some(c.span()), SheetProblem::ConsultationOnFlat));
        }
        if let Some(t) = tests.first() {
            return Err(self.error(Some(t.span()), SheetProblem::TestsOnFlat));
        }
        Ok(())
    }

    /// `[[packages]]`: one per daily dose, sorted by dose.
    fn packages(
        &self,
        raw_packages: Vec<Spanned<RawPackage>>,
    ) -> Result<Vec<Package>, PricingError> {
        let mut packages: Vec<Package> = Vec::new();
        for p in raw_packages {
            let p = p.into_inner();
            let mg = *p.daily_mg.get_ref();
            if mg == 0 {
                return Err(self.error(Some(p.daily_mg.span()), SheetProblem::PackageDose));
            }
            let min_months = self.min_months(p.min_months.as_ref())?;
            // The same dose twice only as rates for courses of different lengths.
            if packages
                .iter()
                .any(|k| k.daily_mg == mg && k.min_months == min_months)
            {
                return Err(self.error(
                    Some(p.daily_mg.span()),
                    SheetProblem::DuplicatePackage { mg },
                ));
            }
            packages.push(Package {
                daily_mg: mg,
                price_per_month: self.money(&p.price_per_month)?,
                min_months,
            });
        }
        packages.sort_by_key(|p| (p.daily_mg, p.min_months));
        Ok(packages)
    }
}

/// The first character of `text` (in any language) that must not reach an estimate.
fn unsafe_char(text: &LocalText) -> Option<char> {
    [&text.ja, &text.en, &text.ko]
        .into_iter()
        .flatten()
        .flat_map(|t| t.chars())
        .find(|c| crate::patient::is_unsafe_char(*c))
}

fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

// ---------------------------------------------------------------------------------------------
// The raw TOML shape. Unknown keys are errors everywhere.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSheet {
    #[serde(default)]
    style: Option<Spanned<RawStyle>>,
    clinic: RawClinic,
    currency: RawCurrency,
    #[serde(default)]
    quote: RawQuote,
    #[serde(default)]
    visits: RawVisits,
    #[serde(default)]
    consultation: Option<Spanned<RawConsultation>>,
    #[serde(default)]
    capsules: Vec<Spanned<RawCapsule>>,
    #[serde(default)]
    tests: Vec<Spanned<RawTest>>,
    #[serde(default)]
    packages: Vec<Spanned<RawPackage>>,
    #[serde(default)]
    fees: Vec<Spanned<RawFee>>,
    #[serde(default)]
    after_last_dose: RawAfterLastDose,
    #[serde(default)]
    dosing: RawDosing,
    #[serde(default)]
    pregnancy_test: Option<Spanned<RawPregnancyTest>>,
    #[serde(default)]
    visit_kinds: Vec<Spanned<RawVisitKind>>,
    #[serde(default)]
    products: Vec<Spanned<RawProduct>>,
    #[serde(default)]
    discounts: Vec<Spanned<RawDiscount>>,
}

/// `[[visit_kinds]]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVisitKind {
    code: Spanned<String>,
    #[serde(default)]
    name: Option<Spanned<TextOrLocal>>,
    fee: Spanned<RawPrice>,
    #[serde(default)]
    tests: Vec<Spanned<String>>,
    #[serde(default)]
    shipping: Option<Spanned<RawPrice>>,
}

/// `[[products]]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProduct {
    code: Spanned<String>,
    name: Spanned<TextOrLocal>,
    #[serde(default)]
    capsules: Vec<Spanned<RawCapsule>>,
    #[serde(default)]
    packages: Vec<Spanned<RawPackage>>,
}

/// `[[discounts]]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDiscount {
    code: Spanned<String>,
    name: Spanned<TextOrLocal>,
    #[serde(default)]
    percent: Option<Spanned<RawPercent>>,
    #[serde(default)]
    amount: Option<Spanned<RawPrice>>,
    on: RawDiscountOn,
    #[serde(default)]
    month: Option<Spanned<u32>>,
    #[serde(default)]
    rounding: Option<Rounding>,
}

/// What a discount is taken off, as written.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum RawDiscountOn {
    Medication,
    Month,
    Course,
}

/// `[dosing]` as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDosing {
    #[serde(default)]
    alternating_days: bool,
}

/// `[pregnancy_test]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPregnancyTest {
    #[serde(rename = "where")]
    place: Spanned<RawPlace>,
}

/// `[pregnancy_test] where`.
#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
enum RawPlace {
    Clinic,
    Home,
}

/// `[after_last_dose]` as written: each window with where it was written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAfterLastDose {
    contraception_women: Option<Spanned<u32>>,
    contraception_men: Option<Spanned<u32>>,
    sun_and_laser: Option<Spanned<u32>>,
    laser_hair_removal: Option<Spanned<u32>>,
    vaccination: Option<Spanned<u32>>,
    elective_surgery: Option<Spanned<u32>>,
    next_course: Option<Spanned<u32>>,
}

#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
enum RawStyle {
    Itemised,
    Flat,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClinic {
    name: Spanned<TextOrLocal>,
    #[serde(default)]
    address: Option<Spanned<TextOrLocal>>,
    #[serde(default)]
    phone: Option<Spanned<String>>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum TextOrLocal {
    Plain(String),
    Local(LocalText),
}

impl TextOrLocal {
    fn into_local(self) -> LocalText {
        match self {
            TextOrLocal::Plain(s) => LocalText {
                ja: Some(s.clone()),
                en: Some(s.clone()),
                ko: Some(s),
            },
            TextOrLocal::Local(l) => l,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCurrency {
    code: Spanned<String>,
    #[serde(default)]
    minor_units: Option<Spanned<u8>>,
    #[serde(default)]
    symbol: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuote {
    #[serde(default = "default_valid_days")]
    valid_days: Spanned<u32>,
    #[serde(default = "default_true")]
    tax_included: Spanned<bool>,
    #[serde(default)]
    tax_rate_percent: Option<Spanned<RawPercent>>,
    #[serde(default)]
    tax_rounding: Option<Rounding>,
    #[serde(default)]
    tax_exempt: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    acceptance_signature: bool,
}

impl Default for RawQuote {
    fn default() -> Self {
        RawQuote {
            valid_days: default_valid_days(),
            tax_included: default_true(),
            tax_rate_percent: None,
            tax_rounding: None,
            tax_exempt: None,
            acceptance_signature: false,
        }
    }
}

fn default_valid_days() -> Spanned<u32> {
    Spanned::new(0..0, 30)
}

fn default_true() -> Spanned<bool> {
    Spanned::new(0..0, true)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVisits {
    #[serde(default = "default_one")]
    max_months_per_visit: Spanned<u32>,
    #[serde(default)]
    max_prescription_days: Option<Spanned<u32>>,
    #[serde(default)]
    first_visit_remote: bool,
}

impl Default for RawVisits {
    fn default() -> Self {
        RawVisits {
            max_months_per_visit: default_one(),
            max_prescription_days: None,
            first_visit_remote: false,
        }
    }
}

fn default_one() -> Spanned<u32> {
    Spanned::new(0..0, 1)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConsultation {
    first_visit: Spanned<RawPrice>,
    return_visit: Spanned<RawPrice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCapsule {
    mg: Spanned<u32>,
    #[serde(default)]
    price: Option<Spanned<RawPrice>>,
    #[serde(default)]
    pack_size: Option<Spanned<u32>>,
    #[serde(default)]
    pack_price: Option<Spanned<RawPrice>>,
    #[serde(default)]
    pack_min_months: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTest {
    code: Spanned<String>,
    #[serde(default)]
    name: Option<TextOrLocal>,
    price: Spanned<RawPrice>,
    who: TestFor,
    #[serde(default)]
    every_months: Option<Spanned<u32>>,
    #[serde(default)]
    monthly_first_months: Option<Spanned<u32>>,
    #[serde(default)]
    at_months: Option<Spanned<Vec<u32>>>,
    #[serde(default)]
    after_weeks: Option<Spanned<u32>>,
    #[serde(default)]
    as_needed: Option<Spanned<bool>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawPackage {
    daily_mg: Spanned<u32>,
    price_per_month: Spanned<RawPrice>,
    #[serde(default)]
    min_months: Option<Spanned<u32>>,
}

/// `[[fees]]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFee {
    code: Spanned<String>,
    name: Spanned<TextOrLocal>,
    price: Spanned<RawPrice>,
    when: FeeWhen,
}

/// A price as written: a number or a text, judged by [`RawPrice::money`] (so the refusal is
/// a typed [`SheetProblem`], not serde's text). Other kinds of value (a boolean, a table) are
/// refused by the reader.
#[derive(Clone)]
enum RawPrice {
    Whole(i128),
    Fraction(f64),
    Text(String),
}

impl RawPrice {
    /// The price: a whole number of minor units, 0 to [`MAX_PRICE`].
    fn money(&self) -> Result<Money, SheetProblem> {
        match self {
            RawPrice::Whole(v) => match i64::try_from(*v) {
                Ok(v) if v < 0 => Err(SheetProblem::NegativePrice { got: v }),
                Ok(v) if v <= MAX_PRICE => Ok(Money(v)),
                _ => Err(SheetProblem::PriceTooLarge { got: *v }),
            },
            RawPrice::Fraction(v) => Err(SheetProblem::FractionalPrice {
                got: format!("{v}"),
            }),
            RawPrice::Text(v) => Err(SheetProblem::QuotedPrice { got: v.clone() }),
        }
    }
}

impl<'de> Deserialize<'de> for RawPrice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawPrice, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = RawPrice;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a price as a whole number in the currency's smallest unit (yen, won, cents)",
                )
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawPrice, E> {
                Ok(RawPrice::Whole(i128::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawPrice, E> {
                Ok(RawPrice::Whole(i128::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<RawPrice, E> {
                Ok(RawPrice::Fraction(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawPrice, E> {
                Ok(RawPrice::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A tax rate in percent as written, judged by [`RawPercent::milli_percent`].
enum RawPercent {
    Whole(i64),
    Fraction(f64),
}

/// The most decimals a tax rate may have (8.875%).
const RATE_DECIMALS: usize = 3;

impl RawPercent {
    /// The rate in thousandths of a percent: 0 to 100 percent, at most three decimals.
    /// `literal` is the value as written in the sheet: a plain decimal (`8.875`, `1_0.5`) is
    /// read digit by digit, so the rate is exact; any other form (`8875e-3`) is read from
    /// the float and must sit on a thousandth.
    fn milli_percent(&self, literal: &str) -> Result<u32, SheetProblem> {
        /// 100% in thousandths of a percent.
        const ALL: u32 = 100_000;
        match *self {
            RawPercent::Whole(v) => u32::try_from(v)
                .ok()
                .filter(|v| *v <= 100)
                .map(|v| v.saturating_mul(1_000))
                .ok_or(SheetProblem::TaxRateRange { got: v }),
            RawPercent::Fraction(v) => {
                let refused = || SheetProblem::TaxRateDecimals {
                    got: literal_or(literal, v),
                };
                if let Some(milli) = plain_decimal(literal) {
                    return milli.filter(|m| *m <= ALL).ok_or_else(refused);
                }
                let milli = (v * 1_000.0).round();
                if !(0.0..=f64::from(ALL)).contains(&milli) || (v * 1_000.0 - milli).abs() > 1e-6 {
                    return Err(refused());
                }
                // In 0..=100,000 and whole (checked above): the cast is exact.
                Ok(milli as u32)
            }
        }
    }
}

/// The rate as the sheet wrote it, else the float's own form.
fn literal_or(literal: &str, v: f64) -> String {
    if literal.is_empty() {
        format!("{v}")
    } else {
        literal.to_string()
    }
}

/// `digits.digits` (underscores between digits allowed, an optional `+`) in thousandths:
/// `None` when `text` is not of that form; `Some(None)` when it has more than
/// [`RATE_DECIMALS`] decimals that are not zeros or does not fit.
fn plain_decimal(text: &str) -> Option<Option<u32>> {
    let text = text.strip_prefix('+').unwrap_or(text);
    let (whole, fraction) = text.split_once('.')?;
    let digits = |s: &str| -> Option<String> {
        let d: String = s.chars().filter(|c| *c != '_').collect();
        (!d.is_empty() && d.chars().all(|c| c.is_ascii_digit())).then_some(d)
    };
    let (whole, fraction) = (digits(whole)?, digits(fraction)?);
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > RATE_DECIMALS {
        return Some(None);
    }
    let padded = format!("{fraction:0<width$}", width = RATE_DECIMALS);
    let whole: u32 = match whole.parse() {
        Ok(w) => w,
        Err(_) => return Some(None),
    };
    let part: u32 = padded.parse().unwrap_or(0);
    Some(whole.checked_mul(1_000).and_then(|w| w.checked_add(part)))
}

impl<'de> Deserialize<'de> for RawPercent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawPercent, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = RawPercent;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a tax rate in percent, e.g. 10, 7.5 or 8.875")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawPercent, E> {
                Ok(RawPercent::Whole(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<RawPercent, E> {
                Ok(RawPercent::Fraction(v))
            }
        }
        d.deserialize_any(V)
    }
}
