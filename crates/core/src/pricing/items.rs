//! The price list as rows: every priced item of a sheet (consultation, capsules and packs,
//! packages, tests, one-off fees, visit kinds and their shipping, discounts), each named by
//! its section and code. The CSV round trip, bulk changes and the diff between two versions
//! all work on these rows, so they agree on what an item is.
//!
//! Pure: sheets in, sheets and rows out. A changed sheet is always checked again by the
//! parser (`write` then `parse`), so nothing the sheet format refuses can come out of here.

use std::fmt;

use super::{
    DiscountAmount, DiscountOn, FeeWhen, Fees, LocalText, MAX_LISTED_MONTH, MAX_TEST_MONTHS,
    MAX_TEST_WEEKS, OneOffFee, PriceSheet, PricingError, Rounding, TestFee, TestFor, TestSchedule,
    parse, write,
};
use crate::i18n::{Arg, Lang};
use crate::money::{MAX_PRICE, Money};

/// The section of the sheet a priced item is in (the CSV's `section` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `[consultation]` `first_visit` / `return_visit`.
    Consultation,
    /// A capsule strength (per capsule or per pack); code `20mg`, or `product:20mg`.
    Capsules,
    /// A flat sheet's monthly package; code `20mg`, or `product:20mg`.
    Packages,
    /// A `[[tests]]` entry.
    Tests,
    /// A `[[fees]]` one-off fee.
    Fees,
    /// A `[[visit_kinds]]` consultation fee.
    VisitKinds,
    /// A visit kind's shipping fee (code: the visit kind's).
    Shipping,
    /// A `[[discounts]]` entry (a fixed amount, or a percentage).
    Discounts,
}

impl Section {
    /// Every section, in the order rows are written.
    pub const ALL: [Section; 8] = [
        Section::Consultation,
        Section::Capsules,
        Section::Packages,
        Section::Tests,
        Section::Fees,
        Section::VisitKinds,
        Section::Shipping,
        Section::Discounts,
    ];

    /// The name written in the CSV.
    pub fn name(self) -> &'static str {
        match self {
            Section::Consultation => "consultation",
            Section::Capsules => "capsules",
            Section::Packages => "packages",
            Section::Tests => "tests",
            Section::Fees => "fees",
            Section::VisitKinds => "visit_kinds",
            Section::Shipping => "shipping",
            Section::Discounts => "discounts",
        }
    }

    /// The section named `name` in a CSV.
    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The group a bulk change names.
    pub fn group(self) -> Option<Group> {
        match self {
            Section::Capsules | Section::Packages => Some(Group::Medication),
            Section::Tests => Some(Group::Tests),
            Section::Consultation | Section::VisitKinds => Some(Group::Consultation),
            Section::Fees | Section::Shipping | Section::Discounts => None,
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a price is (the CSV's `price` column): money, or a discount's percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Price {
    /// An amount in minor units.
    Money(Money),
    /// A percentage in thousandths of a percent (a percentage discount).
    MilliPercent(u32),
}

impl fmt::Display for Price {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Price::Money(m) => write!(f, "{}", m.0),
            Price::MilliPercent(p) => write!(f, "{}%", super::write::milli_percent(*p)),
        }
    }
}

/// One priced item of a sheet: one CSV row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedItem {
    /// Its section.
    pub section: Section,
    /// Its code within the section (`first_visit`, `20mg`, `roaccutane:40mg`, `blood_test`).
    pub code: String,
    /// Its name in the clinic's languages (empty: the built-in name, or a name the sheet
    /// does not give, such as a capsule's).
    pub name: LocalText,
    /// The price.
    pub price: Price,
    /// What the price is for: `visit`, `capsule`, `pack of 30`, `month`, `test`, `once`,
    /// `shipment`, `amount off`, `percent off`.
    pub unit: String,
    /// When it is charged, in the sheet's own words (`women; at_months=1 2 3`,
    /// `first_visit`, `month=1`); empty when the section has no schedule.
    pub schedule: String,
}

impl PricedItem {
    /// The item's name for a person: its own, else `section/code`.
    pub fn label(&self, lang: Lang) -> String {
        let own = self.name.get(lang);
        if own.is_empty() {
            format!("{}/{}", self.section, self.code)
        } else {
            format!("{own} ({}/{})", self.section, self.code)
        }
    }

    /// Whether this row is the same item as `other` (section and code).
    pub fn same_item(&self, other: &PricedItem) -> bool {
        self.section == other.section && self.code == other.code
    }
}

/// Every priced item of `sheet`, in the sheet's order.
pub fn items(sheet: &PriceSheet) -> Vec<PricedItem> {
    let mut out = Vec::new();
    let row =
        |section, code: String, name: LocalText, price, unit: &str, schedule: String| PricedItem {
            section,
            code,
            name,
            price,
            unit: unit.to_string(),
            schedule,
        };
    if let Fees::Itemised {
        first_visit,
        return_visit,
        ..
    } = &sheet.fees
    {
        for (code, price) in [("first_visit", first_visit), ("return_visit", return_visit)] {
            out.push(row(
                Section::Consultation,
                code.to_string(),
                LocalText::default(),
                Price::Money(*price),
                "visit",
                String::new(),
            ));
        }
    }
    // One product's capsules and packages, their codes prefixed with the product's.
    let mut medication = |prefix: &str,
                          capsules: &[super::Capsule],
                          packs: &std::collections::BTreeMap<u32, super::Pack>,
                          packages: &[super::Package]| {
        for c in capsules {
            let code = format!("{prefix}{}mg", c.mg);
            if let Some(price) = c.price {
                out.push(row(
                    Section::Capsules,
                    code.clone(),
                    LocalText::default(),
                    Price::Money(price),
                    "capsule",
                    String::new(),
                ));
            }
            if let Some(pack) = packs.get(&c.mg) {
                let schedule = if pack.min_months == 0 {
                    String::new()
                } else {
                    format!("min_months={}", pack.min_months)
                };
                out.push(row(
                    Section::Capsules,
                    format!("{code}-pack"),
                    LocalText::default(),
                    Price::Money(pack.price),
                    &format!("pack of {}", pack.size),
                    schedule,
                ));
            }
        }
        for p in packages {
            let from = if p.min_months == 0 {
                String::new()
            } else {
                format!("-from-{}", p.min_months)
            };
            out.push(row(
                Section::Packages,
                format!("{prefix}{}mg{from}", p.daily_mg),
                LocalText::default(),
                Price::Money(p.price_per_month),
                "month",
                String::new(),
            ));
        }
    };
    if sheet.products.is_empty() {
        let packages = match &sheet.fees {
            Fees::Flat { packages } => packages.as_slice(),
            Fees::Itemised { .. } => &[],
        };
        medication("", &sheet.capsules, &sheet.packs, packages);
    } else {
        for p in &sheet.products {
            medication(&format!("{}:", p.code), &p.capsules, &p.packs, &p.packages);
        }
    }
    if let Fees::Itemised { tests, .. } = &sheet.fees {
        for t in tests {
            out.push(row(
                Section::Tests,
                t.code.clone(),
                t.name.clone(),
                Price::Money(t.price),
                "test",
                test_schedule_text(t.who, &t.schedule),
            ));
        }
    }
    for f in &sheet.one_off_fees {
        out.push(row(
            Section::Fees,
            f.code.clone(),
            f.name.clone(),
            Price::Money(f.price),
            "once",
            fee_when_text(f.when).to_string(),
        ));
    }
    for k in &sheet.visit_kinds {
        out.push(row(
            Section::VisitKinds,
            k.code.clone(),
            k.name.clone(),
            Price::Money(k.fee),
            "visit",
            k.tests.join(" "),
        ));
    }
    for k in &sheet.visit_kinds {
        if let Some(shipping) = k.shipping {
            out.push(row(
                Section::Shipping,
                k.code.clone(),
                LocalText::default(),
                Price::Money(shipping),
                "shipment",
                String::new(),
            ));
        }
    }
    for d in &sheet.discounts {
        let (price, unit) = match d.amount {
            DiscountAmount::Fixed(m) => (Price::Money(m), "amount off"),
            DiscountAmount::Percent(p) => (Price::MilliPercent(p), "percent off"),
        };
        let on = match d.on {
            DiscountOn::Medication => "medication".to_string(),
            DiscountOn::Month(m) => format!("month={m}"),
            DiscountOn::Course => "course".to_string(),
        };
        out.push(row(
            Section::Discounts,
            d.code.clone(),
            d.name.clone(),
            price,
            unit,
            on,
        ));
    }
    out
}

fn fee_when_text(when: FeeWhen) -> &'static str {
    match when {
        FeeWhen::FirstVisit => "first_visit",
        FeeWhen::Course => "course",
    }
}

/// A test's who and schedule in the sheet's key words: `everyone`, `women; at_months=1 2 3`,
/// `everyone; monthly_first_months=2; every_months=2`, `everyone; after_weeks=4`,
/// `everyone; as_needed`.
pub fn test_schedule_text(who: TestFor, schedule: &TestSchedule) -> String {
    let mut parts = vec![
        match who {
            TestFor::Everyone => "everyone",
            TestFor::Women => "women",
        }
        .to_string(),
    ];
    match schedule {
        TestSchedule::Periodic {
            monthly_first_months,
            every_months,
        } => {
            if *monthly_first_months != 1 {
                parts.push(format!("monthly_first_months={monthly_first_months}"));
            }
            if *every_months != 1 {
                parts.push(format!("every_months={every_months}"));
            }
        }
        TestSchedule::Months { months } => {
            let m: Vec<String> = months.iter().map(u32::to_string).collect();
            parts.push(format!("at_months={}", m.join(" ")));
        }
        TestSchedule::AfterWeeks {
            weeks,
            every_months,
        } => {
            parts.push(format!("after_weeks={weeks}"));
            if let Some(e) = every_months {
                parts.push(format!("every_months={e}"));
            }
        }
        TestSchedule::AsNeeded => parts.push("as_needed".to_string()),
    }
    parts.join("; ")
}

/// Reads a test's schedule text (see [`test_schedule_text`]); the problem when it is not one.
pub fn parse_test_schedule(text: &str) -> Result<(TestFor, TestSchedule), ItemProblem> {
    let bad = || ItemProblem::Schedule {
        got: text.to_string(),
    };
    let mut parts = text.split(';').map(str::trim);
    let who = match parts.next() {
        Some("everyone") => TestFor::Everyone,
        Some("women") => TestFor::Women,
        _ => return Err(bad()),
    };
    let (mut first, mut every, mut at, mut weeks, mut as_needed) = (None, None, None, None, false);
    let number = |v: &str, max: u32| -> Result<u32, ItemProblem> {
        let n: u32 = v.trim().parse().map_err(|_| bad())?;
        if n > max {
            return Err(ItemProblem::ScheduleTooLate { got: n, max });
        }
        Ok(n)
    };
    for part in parts.filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        match key.trim() {
            "monthly_first_months" if first.is_none() => {
                first = Some(number(value, MAX_TEST_MONTHS)?);
            }
            "every_months" if every.is_none() => every = Some(number(value, MAX_TEST_MONTHS)?),
            "after_weeks" if weeks.is_none() => weeks = Some(number(value, MAX_TEST_WEEKS)?),
            "at_months" if at.is_none() => {
                let months: Result<Vec<u32>, _> = value
                    .split_whitespace()
                    .map(|m| number(m, MAX_LISTED_MONTH))
                    .collect();
                at = Some(months?);
            }
            "as_needed" if value.is_empty() && !as_needed => as_needed = true,
            _ => return Err(bad()),
        }
    }
    let schedule = match (first, every, at, weeks, as_needed) {
        (None, None, None, None, true) => TestSchedule::AsNeeded,
        (None, None, Some(months), None, false) => TestSchedule::Months { months },
        (None, every_months, None, Some(weeks), false) => TestSchedule::AfterWeeks {
            weeks,
            every_months,
        },
        (first, every, None, None, false) => TestSchedule::Periodic {
            monthly_first_months: first.unwrap_or(1),
            every_months: every.unwrap_or(1),
        },
        _ => return Err(bad()),
    };
    Ok((who, schedule))
}

/// Why one row (or one bulk-changed item) cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemProblem {
    /// The price is not a whole number of minor units (or, for a percentage, a percentage
    /// with at most three decimals).
    NotAPrice {
        /// As written.
        got: String,
    },
    /// A negative price.
    Negative {
        /// The price.
        got: i128,
    },
    /// A price above [`MAX_PRICE`] (or a percentage above 100).
    TooLarge {
        /// The price.
        got: i128,
    },
    /// A schedule that is not one the sheet can say.
    Schedule {
        /// As written.
        got: String,
    },
    /// A schedule month, week or interval past the sheet's limit (24 months).
    ScheduleTooLate {
        /// The number written.
        got: u32,
        /// The limit.
        max: u32,
    },
    /// The unit differs from the item's (a pack's size or a capsule sold per pack is edited
    /// in the sheet, not in the CSV).
    Unit {
        /// As written.
        got: String,
        /// The item's.
        expected: String,
    },
    /// No such section.
    UnknownSection {
        /// As written.
        got: String,
    },
    /// A new row in a section the CSV cannot add to (only tests and one-off fees).
    CannotAdd,
    /// The same section and code twice.
    Duplicate {
        /// The row it first appeared on.
        first_row: u64,
    },
    /// A name with an invisible control character.
    ControlCharacter,
    /// A new test or fee without a name (other than `blood_test` / `urine_test`).
    NoName,
}

impl ItemProblem {
    /// The problem in `lang`.
    pub fn explain(&self, lang: Lang) -> String {
        let s = |v: &dyn ToString| Arg::Str(v.to_string());
        let (key, args): (&str, Vec<(&str, Arg)>) = match self {
            ItemProblem::NotAPrice { got } => ("prices-not-a-price", vec![("got", s(got))]),
            ItemProblem::Negative { got } => ("prices-negative", vec![("got", s(got))]),
            ItemProblem::TooLarge { got } => (
                "prices-too-large",
                vec![
                    ("got", s(got)),
                    (
                        "max",
                        s(&crate::money::group_digits(MAX_PRICE.unsigned_abs())),
                    ),
                ],
            ),
            ItemProblem::Schedule { got } => ("prices-schedule", vec![("got", s(got))]),
            ItemProblem::ScheduleTooLate { got, max } => (
                "prices-schedule-too-late",
                vec![("got", s(got)), ("max", s(max))],
            ),
            ItemProblem::Unit { got, expected } => (
                "prices-unit",
                vec![("got", s(got)), ("expected", s(expected))],
            ),
            ItemProblem::UnknownSection { got } => (
                "prices-unknown-section",
                vec![
                    ("got", s(got)),
                    ("allowed", s(&Section::ALL.map(Section::name).join(", "))),
                ],
            ),
            ItemProblem::CannotAdd => ("prices-cannot-add", vec![]),
            ItemProblem::Duplicate { first_row } => {
                ("prices-duplicate", vec![("first", s(first_row))])
            }
            ItemProblem::ControlCharacter => ("prices-control-character", vec![]),
            ItemProblem::NoName => ("prices-no-name", vec![]),
        };
        lang.tr_args(key, &args)
    }
}

/// Puts `item`'s name, price and schedule on the item of the same section and code in
/// `sheet`, or adds it (tests and one-off fees only). `Ok(false)`: no such item and it
/// cannot be added.
pub(crate) fn set_item(sheet: &mut PriceSheet, item: &PricedItem) -> Result<(), ItemProblem> {
    let money = || match item.price {
        Price::Money(m) => Ok(m),
        Price::MilliPercent(_) => Err(ItemProblem::NotAPrice {
            got: item.price.to_string(),
        }),
    };
    let name = || {
        if item.name == LocalText::default() {
            None
        } else {
            Some(item.name.clone())
        }
    };
    match item.section {
        Section::Consultation => {
            let Fees::Itemised {
                first_visit,
                return_visit,
                ..
            } = &mut sheet.fees
            else {
                return Err(ItemProblem::CannotAdd);
            };
            match item.code.as_str() {
                "first_visit" => *first_visit = money()?,
                "return_visit" => *return_visit = money()?,
                _ => return Err(ItemProblem::CannotAdd),
            }
        }
        Section::Capsules | Section::Packages => {
            let (product, mg) = match item.code.split_once(':') {
                Some((p, mg)) => (Some(p), mg),
                None => (None, item.code.as_str()),
            };
            let (mg, is_pack) = match mg.strip_suffix("-pack") {
                Some(m) => (m, true),
                None => (mg, false),
            };
            let (mg, from) = match mg.split_once("-from-") {
                Some((m, f)) => (m, f.parse::<u32>().map_err(|_| ItemProblem::CannotAdd)?),
                None => (mg, 0),
            };
            let mg: u32 = mg
                .strip_suffix("mg")
                .and_then(|m| m.parse().ok())
                .ok_or(ItemProblem::CannotAdd)?;
            let price = money()?;
            let set = |capsules: &mut Vec<super::Capsule>,
                       packs: &mut std::collections::BTreeMap<u32, super::Pack>,
                       packages: &mut Vec<super::Package>|
             -> Result<(), ItemProblem> {
                if item.section == Section::Packages {
                    let p = packages
                        .iter_mut()
                        .find(|p| p.daily_mg == mg && p.min_months == from)
                        .ok_or(ItemProblem::CannotAdd)?;
                    p.price_per_month = price;
                } else if is_pack {
                    let pack = packs.get_mut(&mg).ok_or(ItemProblem::CannotAdd)?;
                    pack.price = price;
                } else {
                    let c = capsules
                        .iter_mut()
                        .find(|c| c.mg == mg && c.price.is_some())
                        .ok_or(ItemProblem::CannotAdd)?;
                    c.price = Some(price);
                }
                Ok(())
            };
            match product {
                None if sheet.products.is_empty() => {
                    let mut none = Vec::new();
                    let packages = match &mut sheet.fees {
                        Fees::Flat { packages } => packages,
                        Fees::Itemised { .. } => &mut none,
                    };
                    set(&mut sheet.capsules, &mut sheet.packs, packages)?;
                }
                None => return Err(ItemProblem::CannotAdd),
                Some(code) => {
                    let first = sheet.products.first().map(|p| p.code.clone());
                    let p = sheet
                        .products
                        .iter_mut()
                        .find(|p| p.code == code)
                        .ok_or(ItemProblem::CannotAdd)?;
                    set(&mut p.capsules, &mut p.packs, &mut p.packages)?;
                    // The first product's prices are also the sheet's own.
                    if first.as_deref() == Some(code) {
                        let (c, k, g) = (p.capsules.clone(), p.packs.clone(), p.packages.clone());
                        sheet.capsules = c;
                        sheet.packs = k;
                        if let Fees::Flat { packages } = &mut sheet.fees {
                            *packages = g;
                        }
                    }
                }
            }
        }
        Section::Tests => {
            let Fees::Itemised { tests, .. } = &mut sheet.fees else {
                return Err(ItemProblem::CannotAdd);
            };
            let (who, schedule) = parse_test_schedule(&item.schedule)?;
            let price = money()?;
            match tests.iter_mut().find(|t| t.code == item.code) {
                Some(t) => {
                    t.name = name().unwrap_or_default();
                    t.price = price;
                    t.who = who;
                    t.schedule = schedule;
                }
                None => {
                    let built_in = matches!(item.code.as_str(), "blood_test" | "urine_test");
                    if name().is_none() && !built_in {
                        return Err(ItemProblem::NoName);
                    }
                    tests.push(TestFee {
                        code: item.code.clone(),
                        name: name().unwrap_or_default(),
                        price,
                        who,
                        schedule,
                    });
                }
            }
        }
        Section::Fees => {
            let when = match item.schedule.trim() {
                "first_visit" => FeeWhen::FirstVisit,
                "course" => FeeWhen::Course,
                other => {
                    return Err(ItemProblem::Schedule {
                        got: other.to_string(),
                    });
                }
            };
            let price = money()?;
            let name = name().ok_or(ItemProblem::NoName)?;
            match sheet.one_off_fees.iter_mut().find(|f| f.code == item.code) {
                Some(f) => {
                    f.name = name;
                    f.price = price;
                    f.when = when;
                }
                None => sheet.one_off_fees.push(OneOffFee {
                    code: item.code.clone(),
                    name,
                    price,
                    when,
                }),
            }
        }
        Section::VisitKinds => {
            let price = money()?;
            let k = sheet
                .visit_kinds
                .iter_mut()
                .find(|k| k.code == item.code)
                .ok_or(ItemProblem::CannotAdd)?;
            k.name = name().unwrap_or_default();
            k.fee = price;
            k.tests = item
                .schedule
                .split_whitespace()
                .map(str::to_string)
                .collect();
        }
        Section::Shipping => {
            let price = money()?;
            let k = sheet
                .visit_kinds
                .iter_mut()
                .find(|k| k.code == item.code && k.shipping.is_some())
                .ok_or(ItemProblem::CannotAdd)?;
            k.shipping = Some(price);
        }
        Section::Discounts => {
            let d = sheet
                .discounts
                .iter_mut()
                .find(|d| d.code == item.code)
                .ok_or(ItemProblem::CannotAdd)?;
            d.name = name().ok_or(ItemProblem::NoName)?;
            d.amount = match item.price {
                Price::Money(m) => DiscountAmount::Fixed(m),
                Price::MilliPercent(p) => DiscountAmount::Percent(p),
            };
            d.on = match item.schedule.trim() {
                "medication" => DiscountOn::Medication,
                "course" => DiscountOn::Course,
                other => match other.strip_prefix("month=").map(str::parse::<u32>) {
                    Some(Ok(m)) if m > MAX_LISTED_MONTH => {
                        return Err(ItemProblem::ScheduleTooLate {
                            got: m,
                            max: MAX_LISTED_MONTH,
                        });
                    }
                    Some(Ok(m)) => DiscountOn::Month(m),
                    _ => {
                        return Err(ItemProblem::Schedule {
                            got: other.to_string(),
                        });
                    }
                },
            };
        }
    }
    Ok(())
}

/// A sheet checked by the parser's own rules: the sheet as written and read back, or the
/// parser's refusal (named in the written text `source_name`).
pub(crate) fn recheck(sheet: &PriceSheet, source_name: &str) -> Result<PriceSheet, PricingError> {
    parse(&write(sheet), source_name)
}

/// What a bulk change applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Capsules, packs and packages.
    Medication,
    /// Tests.
    Tests,
    /// The consultation fees (first, return, and each visit kind's).
    Consultation,
}

impl Group {
    /// The group named `name` (`medication`, `tests`, `consultation`).
    pub fn from_name(name: &str) -> Option<Group> {
        match name {
            "medication" => Some(Group::Medication),
            "tests" => Some(Group::Tests),
            "consultation" => Some(Group::Consultation),
            _ => None,
        }
    }
}

/// How much a bulk change moves each price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A percentage in thousandths of a percent, + or − (5% = 5,000; −2.5% = −2,500).
    Percent(i32),
    /// A fixed amount in minor units, + or −.
    Amount(i64),
}

/// A bulk change: every price of `groups` moved by `step`, then rounded to a multiple of
/// `round_to` minor units (1, 10 or 100: ¥1/¥10/¥100, or 1¢/10¢/$1) by `rounding`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkChange {
    /// What it applies to.
    pub groups: Vec<Group>,
    /// How much.
    pub step: Step,
    /// The multiple of minor units each new price is rounded to (1, 10 or 100).
    pub round_to: u32,
    /// How it is rounded (the house's rule; `Nearest` rounds halves up).
    pub rounding: Rounding,
}

/// One price that changes: the item, old → new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceChange {
    /// The item as it was.
    pub old: PricedItem,
    /// The item as it becomes.
    pub new: PricedItem,
}

/// Why a bulk change cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkError {
    /// `round_to` is not 1, 10 or 100.
    RoundTo {
        /// As given.
        got: u32,
    },
    /// An item's new price is refused (negative, or past the limit).
    Item {
        /// The item.
        item: Box<PricedItem>,
        /// Why.
        problem: ItemProblem,
    },
    /// The changed sheet is refused by the sheet's rules.
    Sheet(Box<PricingError>),
}

impl BulkError {
    /// The error in `lang`.
    pub fn explain(&self, lang: Lang) -> String {
        match self {
            BulkError::RoundTo { got } => {
                lang.tr_args("prices-round-to", &[("got", Arg::Str(got.to_string()))])
            }
            BulkError::Item { item, problem } => lang.tr_args(
                "prices-bulk-item",
                &[
                    ("item", Arg::Str(item.label(lang))),
                    ("reason", Arg::Str(problem.explain(lang))),
                ],
            ),
            BulkError::Sheet(e) => e.explain(lang),
        }
    }
}

impl fmt::Display for BulkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explain(Lang::En))
    }
}

impl std::error::Error for BulkError {}

/// `old` moved by `step` and rounded to a multiple of `round_to` by `rounding`, in one exact
/// step: old × (100% + p) is computed in i128 and rounded once.
pub fn moved_price(
    old: Money,
    step: Step,
    round_to: u32,
    rounding: Rounding,
) -> Result<Money, ItemProblem> {
    let (num, den): (i128, i128) = match step {
        Step::Percent(milli) => (
            i128::from(old.0).saturating_mul(i128::from(milli).saturating_add(100_000)),
            100_000_i128.saturating_mul(i128::from(round_to.max(1))),
        ),
        Step::Amount(n) => (
            i128::from(old.0).saturating_add(i128::from(n)),
            i128::from(round_to.max(1)),
        ),
    };
    let (q, r) = (num.div_euclid(den), num.rem_euclid(den));
    let up = match rounding {
        Rounding::Down => false,
        Rounding::Up => r > 0,
        Rounding::Nearest => r.saturating_mul(2) >= den,
    };
    let q = if up { q.saturating_add(1) } else { q };
    let new = q.saturating_mul(i128::from(round_to.max(1)));
    if new < 0 {
        return Err(ItemProblem::Negative { got: new });
    }
    match i64::try_from(new) {
        Ok(v) if v <= MAX_PRICE => Ok(Money(v)),
        _ => Err(ItemProblem::TooLarge { got: new }),
    }
}

/// The sheet with `change` applied and the prices it changes (old → new), or why not;
/// nothing is applied unless every item can be.
pub fn apply_bulk(
    sheet: &PriceSheet,
    change: &BulkChange,
) -> Result<(PriceSheet, Vec<PriceChange>), BulkError> {
    if ![1, 10, 100].contains(&change.round_to) {
        return Err(BulkError::RoundTo {
            got: change.round_to,
        });
    }
    let mut out = sheet.clone();
    let mut changes = Vec::new();
    for item in items(sheet) {
        let in_group = item
            .section
            .group()
            .is_some_and(|g| change.groups.contains(&g));
        let Price::Money(old) = item.price else {
            continue;
        };
        if !in_group {
            continue;
        }
        let new =
            moved_price(old, change.step, change.round_to, change.rounding).map_err(|problem| {
                BulkError::Item {
                    item: Box::new(item.clone()),
                    problem,
                }
            })?;
        if new == old {
            continue;
        }
        let mut moved = item.clone();
        moved.price = Price::Money(new);
        set_item(&mut out, &moved).map_err(|problem| BulkError::Item {
            item: Box::new(item.clone()),
            problem,
        })?;
        changes.push(PriceChange {
            old: item,
            new: moved,
        });
    }
    let out = recheck(&out, "bulk change").map_err(|e| BulkError::Sheet(Box::new(e)))?;
    Ok((out, changes))
}

/// What changed between two versions of a price list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetDiff {
    /// Items in both whose price, name, unit or schedule changed (old → new).
    pub changed: Vec<PriceChange>,
    /// Items only in the new version.
    pub added: Vec<PricedItem>,
    /// Items only in the old version.
    pub removed: Vec<PricedItem>,
    /// Lines of the canonical TOML of other settings (clinic, currency, tax, policies) that
    /// differ: `-` old, `+` new. Empty when only priced items changed.
    pub settings: Vec<String>,
}

impl SheetDiff {
    /// Whether the two versions are the same list.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.settings.is_empty()
    }
}

/// What changed from `old` to `new`, item by item, then the other settings.
pub fn diff(old: &PriceSheet, new: &PriceSheet) -> SheetDiff {
    let (a, b) = (items(old), items(new));
    let mut d = SheetDiff::default();
    for o in &a {
        match b.iter().find(|n| n.same_item(o)) {
            Some(n) if n != o => d.changed.push(PriceChange {
                old: o.clone(),
                new: n.clone(),
            }),
            Some(_) => {}
            None => d.removed.push(o.clone()),
        }
    }
    d.added = b
        .iter()
        .filter(|n| !a.iter().any(|o| o.same_item(n)))
        .cloned()
        .collect();
    // Other settings: the canonical texts without the priced sections' lines that items
    // already cover, compared line by line in order.
    let (wa, wb) = (write(&settings_only(old)), write(&settings_only(new)));
    let (la, lb): (Vec<&str>, Vec<&str>) = (wa.lines().collect(), wb.lines().collect());
    for l in &la {
        if !lb.contains(l) {
            d.settings.push(format!("- {l}"));
        }
    }
    for l in &lb {
        if !la.contains(l) {
            d.settings.push(format!("+ {l}"));
        }
    }
    d
}

/// The sheet without what [`items`] lists (so a diff of settings does not repeat items).
fn settings_only(sheet: &PriceSheet) -> PriceSheet {
    let mut s = sheet.clone();
    s.capsules.clear();
    s.packs.clear();
    s.products.clear();
    s.one_off_fees.clear();
    s.visit_kinds.clear();
    s.discounts.clear();
    s.fees = match s.fees {
        Fees::Itemised { .. } => Fees::Itemised {
            first_visit: Money::ZERO,
            return_visit: Money::ZERO,
            tests: Vec::new(),
        },
        Fees::Flat { .. } => Fees::Flat {
            packages: Vec::new(),
        },
    };
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::reference_sheet;

    fn price_of(sheet: &PriceSheet, section: Section, code: &str) -> Price {
        items(sheet)
            .into_iter()
            .find(|i| i.section == section && i.code == code)
            .unwrap()
            .price
    }

    #[test]
    fn bulk_five_percent_on_medication_rounded_to_ten() {
        // Reference: 10 mg ¥308, 20 mg ¥418. +5%: 323.4 → ¥320, 438.9 → ¥440 (nearest 10).
        let sheet = reference_sheet();
        let change = BulkChange {
            groups: vec![Group::Medication],
            step: Step::Percent(5_000),
            round_to: 10,
            rounding: Rounding::Nearest,
        };
        let (new, changes) = apply_bulk(&sheet, &change).unwrap();
        assert_eq!(
            price_of(&new, Section::Capsules, "10mg"),
            Price::Money(Money(320))
        );
        assert_eq!(
            price_of(&new, Section::Capsules, "20mg"),
            Price::Money(Money(440))
        );
        // Consultation and tests untouched; the preview names exactly the capsules.
        assert_eq!(
            price_of(&new, Section::Consultation, "first_visit"),
            price_of(&sheet, Section::Consultation, "first_visit")
        );
        let moved: Vec<(String, String, String)> = changes
            .iter()
            .map(|c| {
                (
                    c.old.code.clone(),
                    c.old.price.to_string(),
                    c.new.price.to_string(),
                )
            })
            .collect();
        assert!(moved.iter().all(|(c, _, _)| c.ends_with("mg")), "{moved:?}");
        assert!(moved.contains(&("20mg".into(), "418".into(), "440".into())));
    }

    #[test]
    fn moved_price_rounds_once_exactly() {
        let m = |old, step, to, r| moved_price(Money(old), step, to, r);
        // 3850 × 1.03 = 3965.5: nearest 1 → 3966, down → 3965, to 100 nearest → 4000.
        assert_eq!(
            m(3850, Step::Percent(3_000), 1, Rounding::Nearest),
            Ok(Money(3966))
        );
        assert_eq!(
            m(3850, Step::Percent(3_000), 1, Rounding::Down),
            Ok(Money(3965))
        );
        assert_eq!(
            m(3850, Step::Percent(3_000), 100, Rounding::Nearest),
            Ok(Money(4000))
        );
        // 1650 + 55 = 1705 → 1710 at 10 nearest (halves up), 1700 down.
        assert_eq!(
            m(1650, Step::Amount(55), 10, Rounding::Nearest),
            Ok(Money(1710))
        );
        assert_eq!(
            m(1650, Step::Amount(55), 10, Rounding::Down),
            Ok(Money(1700))
        );
        // −10% of 999 = 899.1 → 900 up at 10.
        assert_eq!(
            m(999, Step::Percent(-10_000), 10, Rounding::Up),
            Ok(Money(900))
        );
        // Below zero and past the limit are refused, never wrapped.
        assert_eq!(
            m(100, Step::Amount(-101), 1, Rounding::Down),
            Err(ItemProblem::Negative { got: -1 })
        );
        assert!(matches!(
            m(MAX_PRICE, Step::Percent(1_000), 1, Rounding::Down),
            Err(ItemProblem::TooLarge { .. })
        ));
    }

    #[test]
    fn a_bulk_change_that_would_go_negative_applies_nothing() {
        let sheet = reference_sheet();
        let change = BulkChange {
            groups: vec![Group::Tests, Group::Consultation],
            step: Step::Amount(-2_000),
            round_to: 1,
            rounding: Rounding::Down,
        };
        let err = apply_bulk(&sheet, &change).unwrap_err();
        // Return visit ¥1,650 − 2,000 < 0: named, in each language.
        assert!(err.explain(Lang::En).contains("return_visit"), "{err}");
        assert!(
            err.explain(Lang::Ja).contains("マイナス"),
            "{}",
            err.explain(Lang::Ja)
        );
        assert!(
            err.explain(Lang::Ko).contains("음수"),
            "{}",
            err.explain(Lang::Ko)
        );
        let bad_round = BulkChange {
            round_to: 5,
            ..change
        };
        assert_eq!(
            apply_bulk(&sheet, &bad_round).unwrap_err(),
            BulkError::RoundTo { got: 5 }
        );
    }

    #[test]
    fn diff_names_each_changed_item_old_to_new() {
        let sheet = reference_sheet();
        let change = BulkChange {
            groups: vec![Group::Tests],
            step: Step::Amount(100),
            round_to: 1,
            rounding: Rounding::Down,
        };
        let (new, changes) = apply_bulk(&sheet, &change).unwrap();
        let d = diff(&sheet, &new);
        assert_eq!(d.changed, changes);
        assert!(d.added.is_empty() && d.removed.is_empty() && d.settings.is_empty());
        let blood = d
            .changed
            .iter()
            .find(|c| c.old.code == "blood_test")
            .unwrap();
        assert_eq!(blood.old.price, Price::Money(Money(3608)));
        assert_eq!(blood.new.price, Price::Money(Money(3708)));
        // A settings change shows as lines of the canonical text.
        let mut other = sheet.clone();
        other.valid_days = 14;
        let d = diff(&sheet, &other);
        assert!(d.changed.is_empty());
        assert_eq!(d.settings, vec!["- valid_days = 30", "+ valid_days = 14"]);
        assert!(diff(&sheet, &sheet).is_empty());
    }

    #[test]
    fn test_schedules_read_back_and_limits_hold() {
        let s = |t: &str| parse_test_schedule(t);
        for text in [
            "everyone",
            "women; at_months=1 2 3",
            "everyone; monthly_first_months=2; every_months=2",
            "everyone; after_weeks=4; every_months=2",
            "everyone; as_needed",
        ] {
            let (who, sched) = s(text).unwrap();
            assert_eq!(test_schedule_text(who, &sched), text);
        }
        assert_eq!(
            s("everyone; at_months=1 25"),
            Err(ItemProblem::ScheduleTooLate { got: 25, max: 24 })
        );
        assert!(matches!(
            s("everyone; as_needed; at_months=1"),
            Err(ItemProblem::Schedule { .. })
        ));
        assert!(matches!(s("men"), Err(ItemProblem::Schedule { .. })));
    }
}
