//! The Quotes screen: the quotes logged in one month (by Export PDF or Save quote from a
//! course), each with a status to set as the patient answers, the month's counts, totals by
//! currency and acceptance rate, and "Export CSV…". Draws and returns [`Command`]s; the
//! list is read by `run_command` when the month changes or a quote was logged or changed.

use dose_planner_register::{MonthQuotes, QuoteStatus, RegisterError};
use eframe::egui;

use crate::i18n::{Arg, Lang};
use crate::money::{Currency, Money};

use super::widgets;
use super::{Command, RegisterState, ViewCtx};

/// The Quotes screen.
pub struct QuotesScreen {
    /// The first day of the month shown.
    pub month: jiff::civil::Date,
    /// The month's list as last read, or why it could not be read.
    pub list: Option<Result<MonthQuotes, RegisterError>>,
    /// The month `list` is for.
    loaded_for: Option<jiff::civil::Date>,
    /// Set when a quote was logged or changed: the list is read again when shown.
    pub stale: bool,
}

impl QuotesScreen {
    /// The screen on the month of `today`.
    pub fn new(today: jiff::civil::Date) -> QuotesScreen {
        QuotesScreen {
            month: today.first_of_month(),
            list: None,
            loaded_for: None,
            stale: true,
        }
    }

    /// The list of the month holding `day`, as read from the register.
    pub fn loaded(&mut self, day: jiff::civil::Date, list: Result<MonthQuotes, RegisterError>) {
        self.loaded_for = Some(day.first_of_month());
        self.list = Some(list);
        self.stale = false;
    }

    /// Draws the screen; returns the commands to run.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        register: &RegisterState,
    ) -> Vec<Command> {
        let lang = ctx.lang;
        let mut out = Vec::new();
        ui.add_space(6.0);
        if let Some(why) = register.unavailable(lang) {
            widgets::strip(ui, widgets::Tone::Warning, |ui| {
                ui.vertical(|ui| {
                    ui.label(
                        egui::RichText::new(lang.tr("app-register-unavailable"))
                            .strong()
                            .color(widgets::Tone::Warning.ink()),
                    );
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(why).color(widgets::Tone::Warning.ink()),
                        )
                        .wrap(),
                    );
                });
            });
            return out;
        }
        // Read when the month changes or a quote was logged or changed; never per frame.
        if self.stale || self.loaded_for != Some(self.month) {
            out.push(Command::LoadQuotes(self.month));
        }
        ui.horizontal(|ui| {
            if ui.button(lang.tr("app-quotes-prev")).clicked()
                && let Ok(m) = self.month.checked_sub(jiff::Span::new().months(1))
            {
                self.month = m.first_of_month();
            }
            ui.label(
                egui::RichText::new(month_name(lang, self.month))
                    .size(18.0)
                    .strong(),
            );
            if ui.button(lang.tr("app-quotes-next")).clicked()
                && let Ok(m) = self.month.checked_add(jiff::Span::new().months(1))
            {
                self.month = m.first_of_month();
            }
            ui.add_space(24.0);
            if ui.button(lang.tr("app-quotes-export-csv")).clicked() {
                out.push(Command::ExportCsvDialog);
            }
            if ui.button(lang.tr("app-register-backup")).clicked() {
                out.push(Command::BackupRegister);
            }
        });
        ui.add_space(8.0);
        // The list shown is the month asked for (a previous month's is not shown under it).
        let list = match &self.list {
            Some(list) if self.loaded_for == Some(self.month) => list,
            _ => return out,
        };
        match list {
            Err(e) => widgets::error_text(ui, &e.explain(lang)),
            Ok(list) => month_ui(ui, lang, list, &mut out),
        }
        out
    }
}

/// "April 2025", "2025年4月", "2025년 4월".
fn month_name(lang: Lang, month: jiff::civil::Date) -> String {
    lang.tr_args(
        "app-quotes-month",
        &[
            ("year", Arg::Str(month.year().to_string())),
            ("month", Arg::Str(month.month().to_string())),
            // English names the month; Japanese and Korean number it.
            ("name", Arg::Str(month.strftime("%B").to_string())),
        ],
    )
}

/// An amount in the currency `code` (the number and the code when the planner does not
/// know the currency).
fn money(lang: Lang, code: &str, amount: Money) -> String {
    match Currency::known(code) {
        Some(c) => c.format(amount, lang),
        None => format!("{} {code}", amount.0),
    }
}

fn status_name(lang: Lang, status: QuoteStatus) -> String {
    lang.tr(&format!("app-quote-status-{}", status.code()))
}

fn month_ui(ui: &mut egui::Ui, lang: Lang, list: &MonthQuotes, out: &mut Vec<Command>) {
    if list.quotes.is_empty() {
        ui.label(lang.tr("app-quotes-none"));
    } else {
        egui::Grid::new("month_quotes")
            .striped(true)
            // Wide enough for an amount right-aligned in a column that is not the last.
            .min_col_width(widgets::AMOUNT_WIDTH)
            .num_columns(5)
            .spacing([20.0, 6.0])
            .show(ui, |ui| {
                for key in ["records-csv-date", "records-csv-number", "records-csv-name"] {
                    ui.label(egui::RichText::new(lang.tr(key)).strong());
                }
                widgets::right_aligned(ui, lang.tr("records-csv-total"), true);
                ui.label(egui::RichText::new(lang.tr("records-csv-status")).strong());
                ui.end_row();
                for q in &list.quotes {
                    let e = &q.quote;
                    ui.label(e.date.to_string());
                    ui.label(crate::patient::escape_text(&q.patient_number));
                    ui.label(crate::patient::escape_text(&q.patient_name));
                    widgets::right_aligned(ui, money(lang, &e.currency, e.total), false);
                    let mut chosen = e.status;
                    egui::ComboBox::from_id_salt(("quote_status", e.id.0))
                        .selected_text(status_name(lang, e.status))
                        .width(140.0)
                        .show_ui(ui, |ui| {
                            for s in QuoteStatus::ALL {
                                ui.selectable_value(&mut chosen, s, status_name(lang, s));
                            }
                        })
                        .response
                        .accessible_name(lang.tr_args(
                            "app-quotes-status-of",
                            &[
                                (
                                    "name",
                                    Arg::Str(crate::patient::escape_text(&q.patient_name)),
                                ),
                                ("date", Arg::Str(e.date.to_string())),
                            ],
                        ));
                    if chosen != e.status {
                        out.push(Command::SetQuoteStatus(e.id, chosen));
                    }
                    ui.end_row();
                }
            });
    }
    ui.add_space(10.0);
    let counts: Vec<String> = QuoteStatus::ALL
        .iter()
        .map(|s| format!("{} {}", status_name(lang, *s), list.counts.get(*s)))
        .collect();
    ui.label(lang.tr_args(
        "records-month-counts",
        &[
            ("count", Arg::Str(list.counts.total().to_string())),
            ("counts", Arg::Str(counts.join(", "))),
        ],
    ));
    for t in &list.totals {
        ui.label(lang.tr_args(
            "records-month-totals",
            &[
                ("quoted", Arg::Str(money(lang, &t.currency, t.quoted))),
                ("accepted", Arg::Str(money(lang, &t.currency, t.accepted))),
            ],
        ));
    }
    let rate = match list.acceptance_rate() {
        Some(r) => lang.tr_args(
            "records-month-rate",
            &[
                ("percent", Arg::Str(r.percent().to_string())),
                ("accepted", Arg::Str(r.accepted.to_string())),
                ("decided", Arg::Str(r.decided.to_string())),
            ],
        ),
        None => lang.tr("records-month-no-rate"),
    };
    ui.label(egui::RichText::new(rate).size(17.0).strong());
}
