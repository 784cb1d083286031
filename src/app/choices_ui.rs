//! What a quote chooses from the sheet's options, on the quote and plan screens: the product,
//! the kind of the later visits (in person, telephone, online …) and the discounts. Each is
//! drawn only when the sheet in use offers it, and the request takes only the codes that
//! sheet has, so a choice made on another sheet is dropped, never an error. Draws only.

use std::collections::BTreeMap;

use eframe::egui;

use crate::estimate::{Choices, IN_PERSON, Visit};
use crate::i18n::{Arg, Lang};
use crate::pricing::{Discount, DiscountAmount, DiscountOn, PriceSheet};

/// The choices as the form holds them (next to sex, visit and dose).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceInputs {
    /// The product (a `[[products]]` code); `None`: the sheet's first.
    pub product: Option<String>,
    /// The kind of every visit after month 1: `in_person` or a `[[visit_kinds]]` code.
    pub later: String,
    /// Months whose visit kind was chosen on its own (the plan screen's month rows), by
    /// month (1-based); they override `later`.
    pub by_month: BTreeMap<u32, String>,
    /// The discounts ticked (`[[discounts]]` codes), in the order ticked.
    pub discounts: Vec<String>,
}

impl Default for ChoiceInputs {
    fn default() -> Self {
        ChoiceInputs {
            product: None,
            later: IN_PERSON.to_string(),
            by_month: BTreeMap::new(),
            discounts: Vec::new(),
        }
    }
}

/// Whether `code` is a visit kind `sheet` offers (in person always is).
fn known_kind(sheet: &PriceSheet, code: &str) -> bool {
    code == IN_PERSON || sheet.visit_kind(code).is_some()
}

impl ChoiceInputs {
    /// The choices as saved in a request, put back into the form.
    pub fn from_choices(c: &Choices) -> ChoiceInputs {
        let later = c
            .visit_kinds
            .get(1)
            .cloned()
            .unwrap_or_else(|| IN_PERSON.to_string());
        let pattern = Choices::later_visits(&later, c.visit_kinds.len() as u32);
        let by_month = (1u32..)
            .zip(c.visit_kinds.iter().zip(&pattern))
            .filter(|(_, (kind, usual))| kind != usual)
            .map(|(month, (kind, _))| (month, kind.clone()))
            .collect();
        ChoiceInputs {
            product: c.product.clone(),
            later,
            by_month,
            discounts: c.discounts.clone(),
        }
    }

    /// Drops what `sheet` does not offer (after another sheet was loaded): an unknown product
    /// goes back to the first, an unknown visit kind to in person, an unknown discount is
    /// unticked. Changes nothing when every choice is known.
    pub fn fit(&mut self, sheet: &PriceSheet) {
        if self
            .product
            .as_deref()
            .is_some_and(|p| sheet.product(Some(p)).is_none())
        {
            self.product = None;
        }
        if !known_kind(sheet, &self.later) {
            self.later = IN_PERSON.to_string();
        }
        if self.by_month.values().any(|k| !known_kind(sheet, k)) {
            self.by_month.retain(|_, k| known_kind(sheet, k));
        }
        if self.discounts.iter().any(|d| sheet.discount(d).is_none()) {
            self.discounts.retain(|d| sheet.discount(d).is_some());
        }
    }

    /// The visit kind of `month` as chosen (`in_person` for month 1 of a first visit).
    pub fn kind_of(&self, month: u32, visit: Visit) -> &str {
        if month == 1 && visit == Visit::First {
            return IN_PERSON;
        }
        match self.by_month.get(&month) {
            Some(k) => k,
            None if month == 1 => IN_PERSON,
            None => &self.later,
        }
    }

    /// The request's choices for a `months`-month course starting with `visit`, priced on
    /// `sheet`: only codes the sheet offers; month 1 of a first visit in person; a discount
    /// for a month past the course left out; the product named (the first when none was
    /// chosen), so a saved quote says which it was.
    pub fn choices(&self, sheet: &PriceSheet, months: u32, visit: Visit) -> Choices {
        let product = self
            .product
            .as_deref()
            .and_then(|p| sheet.product(Some(p)))
            .or_else(|| sheet.product(None))
            .map(|p| p.code.clone());
        let later = if known_kind(sheet, &self.later) {
            self.later.as_str()
        } else {
            IN_PERSON
        };
        let mut visit_kinds = Choices::later_visits(later, months);
        for (month, kind) in (1u32..).zip(visit_kinds.iter_mut()) {
            let chosen = self.kind_of(month, visit);
            if chosen != kind.as_str() {
                *kind = if known_kind(sheet, chosen) {
                    chosen
                } else {
                    IN_PERSON
                }
                .to_string();
            }
        }
        if visit_kinds.iter().all(|k| k == IN_PERSON) {
            visit_kinds.clear();
        }
        let mut discounts: Vec<String> = Vec::new();
        for code in &self.discounts {
            if let Some(d) = sheet.discount(code)
                && applies(d, months)
                && !discounts.contains(code)
            {
                discounts.push(code.clone());
            }
        }
        Choices {
            visit_kinds,
            product,
            discounts,
        }
    }
}

/// Whether discount `d` can apply to a `months`-month course (a month discount needs its
/// month in the course).
fn applies(d: &Discount, months: u32) -> bool {
    match d.on {
        DiscountOn::Month(m) => m <= months,
        DiscountOn::Medication | DiscountOn::Course => true,
    }
}

/// The name of a visit kind for the choices (the sheet's own name, else the built-in one;
/// "In person" for `in_person`): the same words as the quote's visits line.
pub fn kind_name(sheet: &PriceSheet, code: &str, lang: Lang) -> String {
    sheet.visit_kind_label(code, lang)
}

/// A percentage in thousandths of a percent as written: `10`, `12.5`, `0.125`.
fn percent_text(milli: u32) -> String {
    let (whole, frac) = (milli / 1000, milli % 1000);
    if frac == 0 {
        return whole.to_string();
    }
    format!("{whole}.{}", format!("{frac:03}").trim_end_matches('0'))
}

/// What a discount takes off, in words ("10% off the medication").
pub fn discount_terms(sheet: &PriceSheet, d: &Discount, lang: Lang) -> String {
    let (amount_arg, prefix) = match d.amount {
        DiscountAmount::Percent(milli) => (("percent", Arg::Str(percent_text(milli))), "percent"),
        DiscountAmount::Fixed(m) => (
            ("amount", Arg::Str(sheet.currency.format(m, lang))),
            "fixed",
        ),
    };
    let mut args = vec![amount_arg];
    let on = match d.on {
        DiscountOn::Medication => "medication",
        DiscountOn::Month(m) => {
            args.push(("month", Arg::Num(f64::from(m))));
            "month"
        }
        DiscountOn::Course => "course",
    };
    lang.tr_args(&format!("app-discount-{prefix}-{on}"), &args)
}

/// The product row (radio buttons with each product's name), when the sheet sells more than
/// one.
pub fn product_row(
    ui: &mut egui::Ui,
    lang: Lang,
    sheet: &PriceSheet,
    product: &mut Option<String>,
) {
    if sheet.products.len() < 2 {
        return;
    }
    let current = sheet
        .product(product.as_deref())
        .or_else(|| sheet.product(None))
        .map(|p| p.code.clone());
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.tr("app-product"));
        for p in &sheet.products {
            let selected = current.as_deref() == Some(p.code.as_str());
            if ui.radio(selected, p.name.get(lang)).clicked() && !selected {
                *product = Some(p.code.clone());
            }
        }
    });
}

/// The row choosing the kind of the later visits (month 1 of a first visit stays in
/// person), when the sheet offers other kinds than in person. Choosing one clears the
/// months chosen on their own.
pub fn later_visits_row(ui: &mut egui::Ui, lang: Lang, sheet: &PriceSheet, c: &mut ChoiceInputs) {
    if sheet.visit_kinds.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.tr("app-later-visits"));
        let codes =
            std::iter::once(IN_PERSON).chain(sheet.visit_kinds.iter().map(|k| k.code.as_str()));
        for code in codes {
            let selected = c.later == code && c.by_month.is_empty();
            if ui.radio(selected, kind_name(sheet, code, lang)).clicked() {
                c.later = code.to_string();
                c.by_month.clear();
            }
        }
    });
}

/// The discounts as checkboxes with their names and terms, when the sheet offers any: in one
/// wrapping row, or `stacked` one under another (the plan screen's narrow column). A month
/// discount for a month past the course is shown but cannot be ticked.
pub fn discounts_row(
    ui: &mut egui::Ui,
    lang: Lang,
    sheet: &PriceSheet,
    discounts: &mut Vec<String>,
    months: u32,
    stacked: bool,
) {
    if sheet.discounts.is_empty() {
        return;
    }
    let mut each = |ui: &mut egui::Ui, d: &Discount| {
        let usable = applies(d, months);
        let mut ticked = usable && discounts.contains(&d.code);
        let terms = discount_terms(sheet, d, lang);
        let response = ui
            .add_enabled(usable, egui::Checkbox::new(&mut ticked, d.name.get(lang)))
            .on_hover_text(&terms)
            .on_disabled_hover_text(&terms);
        if response.changed() {
            discounts.retain(|c| c != &d.code);
            if ticked {
                discounts.push(d.code.clone());
            }
        }
        ui.label(egui::RichText::new(format!("({terms})")).weak());
    };
    if stacked {
        ui.label(lang.tr("app-discounts"));
        ui.indent("discounts", |ui| {
            for d in &sheet.discounts {
                ui.horizontal(|ui| each(ui, d));
            }
        });
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.tr("app-discounts"));
        for d in &sheet.discounts {
            each(ui, d);
            ui.add_space(8.0);
        }
    });
}

/// One month's visit kind in the plan screen's month rows: a drop-down of in person and the
/// sheet's kinds, named "Month N: visit kind" for a screen reader; month 1 of a first visit
/// is in person and not offered.
pub fn month_kind_cell(
    ui: &mut egui::Ui,
    lang: Lang,
    sheet: &PriceSheet,
    c: &mut ChoiceInputs,
    month: u32,
    visit: Visit,
) {
    let current = c.kind_of(month, visit).to_string();
    if month == 1 && visit == Visit::First {
        ui.label(kind_name(sheet, IN_PERSON, lang));
        return;
    }
    let mut chosen = current.clone();
    let name = lang.tr_args("app-month-visit-kind", &[("n", Arg::Num(f64::from(month)))]);
    egui::ComboBox::from_id_salt(("month_kind", month))
        .selected_text(kind_name(sheet, &current, lang))
        .show_ui(ui, |ui| {
            let codes =
                std::iter::once(IN_PERSON).chain(sheet.visit_kinds.iter().map(|k| k.code.as_str()));
            for code in codes {
                ui.selectable_value(&mut chosen, code.to_string(), kind_name(sheet, code, lang));
            }
        })
        .response
        .accessible_name(name);
    if chosen != current {
        // A month set back to what the later-visits row gives needs no entry of its own.
        let usual = if month == 1 {
            IN_PERSON
        } else {
            c.later.as_str()
        };
        if chosen == usual {
            c.by_month.remove(&month);
        } else {
            c.by_month.insert(month, chosen);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::percent_text;

    #[test]
    fn percentages_read_as_written() {
        assert_eq!(percent_text(10_000), "10");
        assert_eq!(percent_text(12_500), "12.5");
        assert_eq!(percent_text(125), "0.125");
        assert_eq!(percent_text(100_000), "100");
    }
}
