//! Writing a price sheet back as TOML: the model → the sheet format's canonical text.
//!
//! `parse(&write(sheet), _) == Ok(sheet)` for every sheet the parser accepts, and the text is
//! canonical: `write(&parse(&write(s))?) == write(s)`, byte for byte (sections in the order
//! of `pricing/README.md`, every key that differs from its default written, nothing else).
//! Written by hand rather than with serde: the model is not the format (a plain clinic name
//! is three languages, a product's capsules are also the sheet's own, rates are thousandths
//! of a percent), and the order and the spelling of the text must not depend on a crate's
//! serialiser.
//!
//! Pure: returns a `String`; saving it is the caller's job.

use std::fmt::Write as _;

use super::{
    Capsule, DiscountAmount, DiscountOn, FeeWhen, Fees, LocalText, Pack, Package, PregnancyTest,
    PriceSheet, Rounding, Tax, TestFor, TestSchedule,
};
use crate::money::Currency;

/// The sheet as TOML text in the canonical form (see the module doc).
pub fn write(sheet: &PriceSheet) -> String {
    let mut w = Text::default();
    let style = if sheet.is_flat() { "flat" } else { "itemised" };
    w.line(format_args!("style = {}", quoted(style)));

    w.section("[clinic]");
    w.line(format_args!("name = {}", local(&sheet.clinic.name)));
    if !is_blank(&sheet.clinic.address) {
        w.line(format_args!("address = {}", local(&sheet.clinic.address)));
    }
    if !sheet.clinic.phone.is_empty() {
        w.line(format_args!("phone = {}", quoted(&sheet.clinic.phone)));
    }

    w.section("[currency]");
    w.line(format_args!("code = {}", quoted(&sheet.currency.code)));
    if Currency::known(&sheet.currency.code).as_ref() != Some(&sheet.currency) {
        w.line(format_args!("minor_units = {}", sheet.currency.minor_units));
        w.line(format_args!("symbol = {}", quoted(&sheet.currency.symbol)));
    }

    w.section("[quote]");
    w.line(format_args!("valid_days = {}", sheet.valid_days));
    match sheet.tax {
        Tax::Included => w.line(format_args!("tax_included = true")),
        Tax::Added {
            rate_milli_percent,
            rounding,
        } => {
            w.line(format_args!("tax_included = false"));
            w.line(format_args!(
                "tax_rate_percent = {}",
                milli_percent(rate_milli_percent)
            ));
            w.line(format_args!(
                "tax_rounding = {}",
                quoted(rounding_name(rounding))
            ));
        }
    }
    if !sheet.tax_exempt.is_empty() {
        w.line(format_args!(
            "tax_exempt = {}",
            string_list(&sheet.tax_exempt)
        ));
    }
    if sheet.acceptance_signature {
        w.line(format_args!("acceptance_signature = true"));
    }

    w.section("[visits]");
    w.line(format_args!(
        "max_months_per_visit = {}",
        sheet.max_months_per_visit
    ));
    if let Some(days) = sheet.max_prescription_days {
        w.line(format_args!("max_prescription_days = {days}"));
    }
    if sheet.first_visit_remote {
        w.line(format_args!("first_visit_remote = true"));
    }

    w.section("[dosing]");
    w.line(format_args!(
        "alternating_days = {}",
        sheet.alternating_days
    ));

    match sheet.pregnancy_test {
        PregnancyTest::Clinic => {
            w.section("[pregnancy_test]");
            w.line(format_args!("where = \"clinic\""));
        }
        PregnancyTest::Home => {
            w.section("[pregnancy_test]");
            w.line(format_args!("where = \"home\""));
        }
        PregnancyTest::Unspecified => {}
    }

    let a = &sheet.after_last_dose;
    w.section("[after_last_dose]");
    w.line(format_args!(
        "contraception_women = {}",
        a.contraception_women
    ));
    w.line(format_args!("contraception_men = {}", a.contraception_men));
    w.line(format_args!("sun_and_laser = {}", a.sun_and_laser));
    w.line(format_args!(
        "laser_hair_removal = {}",
        a.laser_hair_removal
    ));
    w.line(format_args!("vaccination = {}", a.vaccination));
    w.line(format_args!("elective_surgery = {}", a.elective_surgery));
    w.line(format_args!("next_course = {}", a.next_course));

    if let Fees::Itemised {
        first_visit,
        return_visit,
        ..
    } = &sheet.fees
    {
        w.section("[consultation]");
        w.line(format_args!("first_visit = {}", first_visit.0));
        w.line(format_args!("return_visit = {}", return_visit.0));
    }

    // With [[products]], the first product's capsules and packages are the sheet's own:
    // they are written once, in the products.
    if sheet.products.is_empty() {
        for c in &sheet.capsules {
            w.section("[[capsules]]");
            for (key, value) in capsule_keys(c, sheet.packs.get(&c.mg)) {
                w.line(format_args!("{key} = {value}"));
            }
        }
        if let Fees::Flat { packages } = &sheet.fees {
            for p in packages {
                w.section("[[packages]]");
                w.line(format_args!("daily_mg = {}", p.daily_mg));
                w.line(format_args!("price_per_month = {}", p.price_per_month.0));
                if p.min_months != 0 {
                    w.line(format_args!("min_months = {}", p.min_months));
                }
            }
        }
    }

    if let Fees::Itemised { tests, .. } = &sheet.fees {
        for t in tests {
            w.section("[[tests]]");
            w.line(format_args!("code = {}", quoted(&t.code)));
            if !is_blank(&t.name) {
                w.line(format_args!("name = {}", local(&t.name)));
            }
            w.line(format_args!("price = {}", t.price.0));
            let who = match t.who {
                TestFor::Everyone => "everyone",
                TestFor::Women => "women",
            };
            w.line(format_args!("who = {}", quoted(who)));
            match &t.schedule {
                TestSchedule::Periodic {
                    monthly_first_months,
                    every_months,
                } => {
                    if *monthly_first_months != 1 {
                        w.line(format_args!(
                            "monthly_first_months = {monthly_first_months}"
                        ));
                    }
                    if *every_months != 1 {
                        w.line(format_args!("every_months = {every_months}"));
                    }
                }
                TestSchedule::Months { months } => {
                    let list: Vec<String> = months.iter().map(u32::to_string).collect();
                    w.line(format_args!("at_months = [{}]", list.join(", ")));
                }
                TestSchedule::AfterWeeks {
                    weeks,
                    every_months,
                } => {
                    w.line(format_args!("after_weeks = {weeks}"));
                    if let Some(every) = every_months {
                        w.line(format_args!("every_months = {every}"));
                    }
                }
                TestSchedule::AsNeeded => w.line(format_args!("as_needed = true")),
            }
        }
    }

    for f in &sheet.one_off_fees {
        w.section("[[fees]]");
        w.line(format_args!("code = {}", quoted(&f.code)));
        w.line(format_args!("name = {}", local(&f.name)));
        w.line(format_args!("price = {}", f.price.0));
        let when = match f.when {
            FeeWhen::FirstVisit => "first_visit",
            FeeWhen::Course => "course",
        };
        w.line(format_args!("when = {}", quoted(when)));
    }

    for k in &sheet.visit_kinds {
        w.section("[[visit_kinds]]");
        w.line(format_args!("code = {}", quoted(&k.code)));
        if !is_blank(&k.name) {
            w.line(format_args!("name = {}", local(&k.name)));
        }
        w.line(format_args!("fee = {}", k.fee.0));
        if !k.tests.is_empty() {
            w.line(format_args!("tests = {}", string_list(&k.tests)));
        }
        if let Some(shipping) = k.shipping {
            w.line(format_args!("shipping = {}", shipping.0));
        }
    }

    for p in &sheet.products {
        w.section("[[products]]");
        w.line(format_args!("code = {}", quoted(&p.code)));
        w.line(format_args!("name = {}", local(&p.name)));
        if !p.capsules.is_empty() {
            let items: Vec<String> = p
                .capsules
                .iter()
                .map(|c| inline(&capsule_keys(c, p.packs.get(&c.mg))))
                .collect();
            w.line(format_args!("capsules = [{}]", items.join(", ")));
        }
        if !p.packages.is_empty() {
            let items: Vec<String> = p.packages.iter().map(package_inline).collect();
            w.line(format_args!("packages = [{}]", items.join(", ")));
        }
    }

    for d in &sheet.discounts {
        w.section("[[discounts]]");
        w.line(format_args!("code = {}", quoted(&d.code)));
        w.line(format_args!("name = {}", local(&d.name)));
        match d.amount {
            DiscountAmount::Percent(milli) => {
                w.line(format_args!("percent = {}", milli_percent(milli)));
            }
            DiscountAmount::Fixed(amount) => w.line(format_args!("amount = {}", amount.0)),
        }
        match d.on {
            DiscountOn::Medication => w.line(format_args!("on = \"medication\"")),
            DiscountOn::Month(month) => {
                w.line(format_args!("on = \"month\""));
                w.line(format_args!("month = {month}"));
            }
            DiscountOn::Course => w.line(format_args!("on = \"course\"")),
        }
        w.line(format_args!(
            "rounding = {}",
            quoted(rounding_name(d.rounding))
        ));
    }
    w.out
}

/// The text being written, a blank line before each section.
#[derive(Default)]
struct Text {
    out: String,
}

impl Text {
    fn section(&mut self, header: &str) {
        self.out.push('\n');
        self.out.push_str(header);
        self.out.push('\n');
    }

    fn line(&mut self, args: std::fmt::Arguments<'_>) {
        // Writing into a String cannot fail.
        let _ = self.out.write_fmt(args);
        self.out.push('\n');
    }
}

/// A capsule's keys: `mg`, then `price` and/or `pack_size`, `pack_price`,
/// `pack_min_months` (none on a flat sheet).
fn capsule_keys(c: &Capsule, pack: Option<&Pack>) -> Vec<(&'static str, String)> {
    let mut keys = vec![("mg", c.mg.to_string())];
    if let Some(price) = c.price {
        keys.push(("price", price.0.to_string()));
    }
    if let Some(pack) = pack {
        keys.push(("pack_size", pack.size.to_string()));
        keys.push(("pack_price", pack.price.0.to_string()));
        if pack.min_months != 0 {
            keys.push(("pack_min_months", pack.min_months.to_string()));
        }
    }
    keys
}

fn package_inline(p: &Package) -> String {
    let mut keys = vec![
        ("daily_mg", p.daily_mg.to_string()),
        ("price_per_month", p.price_per_month.0.to_string()),
    ];
    if p.min_months != 0 {
        keys.push(("min_months", p.min_months.to_string()));
    }
    inline(&keys)
}

/// `{ key = value, … }`.
fn inline(keys: &[(&str, String)]) -> String {
    let parts: Vec<String> = keys.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    format!("{{ {} }}", parts.join(", "))
}

/// Whether no language has a text (a built-in name is used instead).
fn is_blank(text: &LocalText) -> bool {
    text.ja.is_none() && text.en.is_none() && text.ko.is_none()
}

/// `{ ja = "…", en = "…", ko = "…" }` with the languages given, in that order.
fn local(text: &LocalText) -> String {
    let keys: Vec<(&str, String)> = [("ja", &text.ja), ("en", &text.en), ("ko", &text.ko)]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, quoted(v))))
        .collect();
    inline(&keys)
}

fn string_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn rounding_name(r: Rounding) -> &'static str {
    match r {
        Rounding::Down => "down",
        Rounding::Up => "up",
        Rounding::Nearest => "nearest",
    }
}

/// Thousandths of a percent as the sheet writes them: `10`, `7.5`, `8.875` (read back
/// digit by digit, so exactly).
pub fn milli_percent(milli: u32) -> String {
    let (whole, part) = (milli / 1_000, milli % 1_000);
    if part == 0 {
        whole.to_string()
    } else {
        let part = format!("{part:03}");
        format!("{whole}.{}", part.trim_end_matches('0'))
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len().saturating_add(2));
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::parse;

    /// Every sheet shipped in `pricing/`, by name.
    pub(crate) fn shipped_sheets() -> Vec<(String, String)> {
        macro_rules! sheets {
            ($($f:literal),*) => {
                vec![$(($f.to_string(), include_str!(concat!("../../../../pricing/", $f)).to_string())),*]
            };
        }
        sheets!(
            "reference-clinic-jp.toml",
            "example-clinic-boxes.toml",
            "example-clinic-fees.toml",
            "example-clinic-home-test.toml",
            "example-clinic-kr.toml",
            "example-clinic-long-course.toml",
            "example-clinic-online-only.toml",
            "example-clinic-telephone.toml",
            "example-clinic-us.toml",
            "flat-clinic-jp.toml",
            "flat-clinic-two-products.toml"
        )
    }

    #[test]
    fn every_shipped_sheet_round_trips_and_is_canonical() {
        for (name, text) in shipped_sheets() {
            let sheet = parse(&text, &name).unwrap();
            let written = write(&sheet);
            let again = parse(&written, &name)
                .unwrap_or_else(|e| panic!("{name} written back is refused: {e}\n{written}"));
            assert_eq!(again, sheet, "{name}");
            assert_eq!(write(&again), written, "{name}");
        }
    }

    #[test]
    fn rates_are_written_as_the_sheet_writes_them() {
        assert_eq!(milli_percent(10_000), "10");
        assert_eq!(milli_percent(8_875), "8.875");
        assert_eq!(milli_percent(7_500), "7.5");
        assert_eq!(milli_percent(1), "0.001");
        assert_eq!(milli_percent(100_000), "100");
    }

    #[test]
    fn hostile_texts_are_escaped() {
        assert_eq!(quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(quoted("x\ny"), "\"x\\ny\"");
        assert_eq!(quoted("\u{7f}"), "\"\\u007F\"");
        // A name with quotes, backslashes, '#' and '=' survives the round trip.
        let mut sheet = crate::pricing::reference_sheet();
        sheet.clinic.name.en = Some("Dr \"Q\" \\ #1 = [x] '''".to_string());
        sheet.clinic.phone = "=1+1".to_string();
        let back = parse(&write(&sheet), "t").unwrap();
        assert_eq!(back, sheet);
    }
}
