//! The integration tests: one binary (linking the app and eframe once, not once per file).
//! Each module tests one face or one part of the core as a user would see it.

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input
#![allow(
    clippy::disallowed_methods,
    reason = "tests set up and inspect files, folders and the environment directly"
)]

mod choices;
mod cli;
mod common;
mod course;
mod course_months;
mod desk_help;
mod desk_patient;
mod desk_saved;
mod desk_start;
mod desk_undo;
mod desk_visits;
mod estimate;
mod fault;
mod gui;
mod gui_choices;
mod gui_desk;
mod gui_followups;
mod gui_patient;
mod gui_redesign;
mod gui_register;
mod gui_reliability;
mod gui_safety;
mod gui_saved;
mod gui_shell;
mod gui_suggest;
mod i18n_keys;
mod optimise;
mod pdf;
mod pdf_mitsumori;
mod prices_cli;
mod prices_props;
mod pricing_errors;
mod properties;
mod quote_checks;
mod records;
mod register_address;
mod register_reliability;
mod reliability;
mod renderer;
mod saved;
mod screening;
mod sheets;
mod warnings;
mod windows;
