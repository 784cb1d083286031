//! Dose & Cost Planner: isotretinoin dose, course and fee estimates for dermatology clinics.
//!
//! The core (`money`, `pricing`, `dose`, `estimate`, `safety`, `screening`, `monitoring`,
//! `saved`, `i18n`) is pure: it turns
//! inputs into numbers and text and never touches the GUI, the PDF writer or the file system.
//! The faces (`app`, `pdf`, `cli`) render the core's [`estimate::CourseEstimate`];
//! `files` is the only module that reads and writes files.

pub mod dose;
pub mod estimate;
pub mod i18n;
pub mod money;
pub mod monitoring;
pub mod patient;
pub mod pricing;
pub mod safety;
pub mod saved;
pub mod screening;

pub mod app;
pub mod cli;
pub mod files;
pub mod fonts;
pub mod pdf;

pub use estimate::{CourseEstimate, CourseRequest, Sex, Visit, estimate};
pub use i18n::Lang;
pub use money::{Currency, Money};
pub use pricing::PriceSheet;
