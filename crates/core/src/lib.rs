//! Dose & Cost Planner's core: isotretinoin dose, course and fee estimates, as pure functions.
//!
//! From the bottom up: `i18n`, `vocab` (shared words), `money`, `patient`, `pricing`, `dose`,
//! `screening`, `course` (a course under way), `rules`, `estimate`, `optimise` (the plan optimiser), `safety`, `monitoring`, and on top `quote` — the one
//! value every face renders — and `saved` (the on-disk format). This crate never touches a
//! GUI, a PDF writer, a dialog or the file system: Cargo enforces it (its dependency tree
//! holds none of those crates), so its tests build in seconds. The faces (the desk app, the
//! PDF, the command line) render its [`Quote`].

pub mod course;
pub mod dose;
pub mod estimate;
pub mod i18n;
pub mod money;
pub mod monitoring;
pub mod optimise;
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
