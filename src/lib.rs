//! Dose & Cost Planner: isotretinoin dose, course and fee estimates for dermatology clinics.
//!
//! This package is the shell: the desk app (`app`), the command line (`cli`) and the only
//! file access (`files`). The arithmetic lives in the pure core crate `dose-planner-core`
//! (re-exported here under its module names: `money`, `pricing`, `dose`, `estimate`,
//! `safety`, `screening`, `monitoring`, `saved`, `patient`, `i18n`), and the PDF in
//! `dose-planner-pdf` (re-exported as `pdf`; its bundled fonts as `fonts`). The faces render
//! the core's [`estimate::CourseEstimate`]; `files` is the only module that reads and writes
//! files.

pub use dose_planner_core::{
    course, dose, estimate, i18n, money, monitoring, optimise, patient, pricing, quote, safety,
    saved, screening,
};
pub use dose_planner_pdf as pdf;
pub use dose_planner_pdf::bundled as fonts;

pub mod app;
pub mod cli;
pub mod files;
pub mod records;

pub use estimate::{CourseEstimate, CourseRequest, Sex, Visit};
pub use i18n::Lang;
pub use money::{Currency, Money};
pub use pricing::PriceSheet;
