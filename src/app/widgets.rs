//! Pieces both screens draw: the patient pickers, big totals, the month table, and the
//! cache that recomputes an estimate only when its inputs change.

use crate::estimate::{Sex, Visit};
use crate::i18n::{Arg, Lang};
use crate::money::{Currency, Money};
use eframe::egui;

/// A value computed from inputs, kept until the inputs or the price sheet change. It hands
/// out only a value computed from the inputs and the sheet generation asked for.
pub struct Cached<K, V> {
    entry: Option<(K, (u64, Lang), V)>,
}

impl<K, V> Default for Cached<K, V> {
    fn default() -> Self {
        Cached { entry: None }
    }
}

impl<K: PartialEq + Clone, V> Cached<K, V> {
    /// The value for `key` on sheet `generation` in `lang` (error messages are localised),
    /// computing it only when one of them changed.
    pub fn get(&mut self, key: &K, generation: (u64, Lang), compute: impl FnOnce(&K) -> V) -> &V {
        let fresh = self
            .entry
            .as_ref()
            .is_some_and(|(k, g, _)| k == key && *g == generation);
        if !fresh {
            self.entry = None;
        }
        &self
            .entry
            .get_or_insert_with(|| (key.clone(), generation, compute(key)))
            .2
    }

    /// The value computed for `key` on sheet `generation` in `lang`, if it is the one kept:
    /// `None` when nothing was computed yet or when the inputs, the sheet or the language
    /// changed since (a value from another sheet is never handed out).
    pub fn current(&self, key: &K, generation: (u64, Lang)) -> Option<&V> {
        self.entry
            .as_ref()
            .filter(|(k, g, _)| k == key && *g == generation)
            .map(|(_, _, v)| v)
    }
}

/// What a screen shows: the core's quote (one sex, or the man–woman range), never a pairing
/// of a sheet with an estimate made here.
pub type Priced = crate::quote::Quote;

/// A money figure as a person reads it: one amount, or "lowest – highest" (the core's one
/// range format, as the text report and the PDF print it).
pub fn money_text(cur: &Currency, lang: Lang, span: Option<(Money, Money)>) -> Option<String> {
    let (lo, hi) = span?;
    Some(cur.format_range(lo, hi, lang))
}

/// What the totals rest on besides the months, under the big totals: the product (when the
/// sheet sells several), which visits are by telephone or online, the discounts on the
/// whole course (in the total) and the tests priced only if needed (not in the total).
pub fn quote_notes(ui: &mut egui::Ui, lang: Lang, quote: &Priced) {
    let cur = &quote.sheet().currency;
    if let Some(name) = quote.product_name(lang) {
        ui.label(lang.tr_args("app-product-line", &[("name", Arg::Str(name))]));
    }
    if let Some(line) = quote.visit_kinds_line(lang) {
        ui.label(line);
    }
    for (name, span) in quote.course_discounts(lang) {
        let amount = money_text(cur, lang, Some(span)).unwrap_or_default();
        ui.label(lang.tr_args(
            "app-course-discount-line",
            &[("name", Arg::Str(name)), ("amount", Arg::Str(amount))],
        ));
    }
    let as_needed = quote.as_needed(lang);
    if !as_needed.is_empty() {
        let caption = lang.tr("item-as-needed");
        for (test, price) in as_needed {
            ui.label(lang.tr_args(
                "app-as-needed-line",
                &[
                    ("label", Arg::Str(caption.clone())),
                    ("test", Arg::Str(test)),
                    ("price", Arg::Str(cur.format(price, lang))),
                ],
            ));
        }
    }
}

/// The sex choices and their message keys, in the order shown.
const SEX_CHOICES: [(Option<Sex>, &str); 3] = [
    (Some(Sex::Female), "sex-female"),
    (Some(Sex::Male), "sex-male"),
    (None, "app-sex-unset"),
];

/// Sex: female, male or not given.
pub fn sex_picker(ui: &mut egui::Ui, lang: Lang, sex: &mut Option<Sex>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.tr("app-sex"));
        for (value, key) in SEX_CHOICES {
            ui.radio_value(sex, value, lang.tr(key));
        }
    });
}

/// First or return visit.
pub fn visit_picker(ui: &mut egui::Ui, lang: Lang, visit: &mut Visit) {
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.tr("app-visit"));
        for (value, key) in [
            (Visit::First, "visit-first"),
            (Visit::Return, "visit-return"),
        ] {
            ui.radio_value(visit, value, lang.tr(key));
        }
    });
}

/// A key's hint beside a control's text, like a key cap: small and quiet.
pub fn key_cap(ui: &egui::Ui, key: &str) -> egui::RichText {
    egui::RichText::new(format!(" {key} "))
        .monospace()
        .size(11.0)
        .color(ui.visuals().weak_text_color())
        .background_color(ui.visuals().code_bg_color)
}

/// A radio button showing its key (`◉ Female  F`), read by a screen reader by its plain
/// name with the key as its shortcut; choosing it sets `current` to `value`.
fn keyed_radio<T: PartialEq>(
    ui: &mut egui::Ui,
    current: &mut T,
    value: T,
    name: &str,
    key: Option<egui::Key>,
) {
    let checked = *current == value;
    let key = key.map(super::keys::key_text).unwrap_or_default();
    let mut response = ui.add(egui::RadioButton::new(
        checked,
        (egui::RichText::new(name), key_cap(ui, key)),
    ));
    response = super::keys::announce(response, name, key);
    if response.clicked() && !checked {
        *current = value;
    }
}

/// Sex and visit in one row, each choice showing its key (the quote screen: keys.rs).
pub fn sex_and_visit_keyed(
    ui: &mut egui::Ui,
    lang: Lang,
    sex: &mut Option<Sex>,
    visit: &mut Visit,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.tr("app-sex"));
        for (value, key) in SEX_CHOICES {
            keyed_radio(ui, sex, value, &lang.tr(key), super::keys::sex_key(value));
        }
        ui.add_space(12.0);
        ui.separator();
        ui.add_space(4.0);
        ui.label(lang.tr("app-visit"));
        for (value, key) in [
            (Visit::First, "visit-first"),
            (Visit::Return, "visit-return"),
        ] {
            keyed_radio(
                ui,
                visit,
                value,
                &lang.tr(key),
                super::keys::visit_key(value),
            );
        }
    });
}

/// The big totals side by side, each an equal share of the row (at most 400 px wide): a box
/// keeps its width when its figure changes, and a figure too wide for its box (a range in a
/// narrow window) is set smaller instead of widening the box.
pub fn total_boxes(ui: &mut egui::Ui, totals: &[(String, String)]) {
    let gap = ui.spacing().item_spacing.x;
    let n = totals.len().max(1) as f32;
    let width = ((ui.available_width() - gap * (n - 1.0)) / n).clamp(200.0, 400.0);
    ui.horizontal(|ui| {
        for (caption, value) in totals {
            total_box(ui, caption, value, width);
        }
    });
}

/// One big figure in a box `width` wide, its caption above it.
fn total_box(ui: &mut egui::Ui, caption: &str, value: &str, width: f32) {
    const MARGIN: f32 = 12.0;
    const SIZE: f32 = 30.0;
    let inner = width - 2.0 * MARGIN - 2.0;
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .inner_margin(MARGIN)
        .corner_radius(6)
        .show(ui, |ui| {
            ui.set_width(inner);
            ui.vertical(|ui| {
                ui.label(egui::RichText::new(caption).size(15.0));
                let at = |size: f32| {
                    egui::WidgetText::from(egui::RichText::new(value).size(size).strong())
                        .into_galley(
                            ui,
                            Some(egui::TextWrapMode::Extend),
                            f32::INFINITY,
                            egui::TextStyle::Body,
                        )
                };
                let mut galley = at(SIZE);
                let wide = galley.size().x;
                if wide > inner {
                    galley = at((SIZE * inner / wide).floor().max(12.0));
                }
                // As tall as at full size, so the row of boxes never changes height.
                ui.allocate_ui_with_layout(
                    egui::vec2(inner, SIZE + 8.0),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_min_height(SIZE + 8.0);
                        // Read out with its caption: "Month 1: ¥21,054".
                        ui.label(galley)
                            .accessible_name(format!("{caption}: {value}"));
                    },
                );
            });
        });
}

/// One big figure with its caption above it.
pub fn big_total(ui: &mut egui::Ui, caption: &str, value: &str) {
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .inner_margin(12)
        .corner_radius(6)
        .show(ui, |ui| {
            ui.set_min_width(220.0);
            ui.vertical(|ui| {
                ui.label(egui::RichText::new(caption).size(15.0));
                // Read out with its caption: "Month 1: ¥21,054".
                ui.label(egui::RichText::new(value).size(30.0).strong())
                    .accessible_name(format!("{caption}: {value}"));
            });
        });
}

/// "20 mg/day", or "10/20 mg/day" for an alternating dose.
pub fn dose_text(lang: Lang, dose: crate::dose::Dose) -> String {
    lang.tr_args("app-mg-per-day", &[("mg", Arg::Str(dose.to_string()))])
}

/// The month table, one row per month with the quote's item columns and the course total,
/// every month shown (for a screen that scrolls as a whole, like the course view).
pub fn month_table(ui: &mut egui::Ui, lang: Lang, quote: &Priced) {
    super::month_table_ui::month_table(ui, lang, quote, super::month_table_ui::Rows::All);
}

/// A cell right-aligned in its grid column.
pub fn right_aligned(ui: &mut egui::Ui, text: String, strong: bool) {
    let size = egui::vec2(AMOUNT_WIDTH, ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(
        size,
        egui::Layout::right_to_left(egui::Align::Center),
        |ui| {
            let t = egui::RichText::new(text);
            ui.label(if strong { t.strong() } else { t });
        },
    );
}

/// Width of a money column.
pub const AMOUNT_WIDTH: f32 = 110.0;

/// A core error (or any failure) shown where the result would be.
pub fn error_text(ui: &mut egui::Ui, text: &str) {
    ui.label(egui::RichText::new(text).color(ui.visuals().error_fg_color));
}

/// The tone of a strip across the top of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something failed.
    Error,
    /// Something was done.
    Success,
    /// Something needs a decision (prices changed).
    Warning,
    /// Something worth knowing (a restore offer).
    Info,
}

impl Tone {
    /// The text colour of this tone.
    pub fn ink(self) -> egui::Color32 {
        match self {
            Tone::Error => egui::Color32::from_rgb(0x8a, 0x10, 0x10),
            Tone::Success => egui::Color32::from_rgb(0x14, 0x5a, 0x20),
            Tone::Warning => egui::Color32::from_rgb(0x5c, 0x3c, 0x00),
            Tone::Info => egui::Color32::from_rgb(0x12, 0x3a, 0x6b),
        }
    }

    fn fill(self) -> egui::Color32 {
        match self {
            Tone::Error => egui::Color32::from_rgb(0xfd, 0xe2, 0xe1),
            Tone::Success => egui::Color32::from_rgb(0xe3, 0xf4, 0xe5),
            Tone::Warning => egui::Color32::from_rgb(0xff, 0xf1, 0xc9),
            Tone::Info => egui::Color32::from_rgb(0xe6, 0xef, 0xfa),
        }
    }
}

/// A coloured strip holding one row of buttons and text (banners, notices, offers).
pub fn strip(ui: &mut egui::Ui, tone: Tone, add_contents: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .fill(tone.fill())
        .inner_margin(8)
        .corner_radius(4)
        .show(ui, |ui| {
            ui.horizontal(add_contents);
        });
}
