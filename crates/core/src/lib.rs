//! Dose & Cost Planner's core: isotretinoin dose, course and fee estimates, as pure functions.
//!
//! `money`, `pricing`, `dose`, `estimate`, `safety`, `screening`, `monitoring`, `saved`,
//! `patient` and `i18n` turn inputs into numbers and text. This crate never touches a GUI, a
//! PDF writer, a dialog or the file system: Cargo enforces it (its dependency tree holds none
//! of those crates), so its tests build in seconds. The faces (the desk app, the PDF, the
//! command line) render what it computes.

pub mod dose;
pub mod estimate;
pub mod i18n;
pub mod money;
pub mod monitoring;
pub mod patient;
pub mod pricing;
pub mod quote;
pub mod rules;
pub mod safety;
pub mod saved;
pub mod screening;
pub mod vocab;

#[cfg(test)]
mod module_graph;

pub use estimate::{CourseEstimate, CourseRequest, Sex, Visit, estimate};
pub use i18n::Lang;
pub use money::{Currency, Money};
pub use pricing::PriceSheet;
pub use quote::Quote;
