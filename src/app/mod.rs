//! The desk app (eframe/egui).

/// Opens the window.
pub fn run() -> anyhow::Result<()> {
    anyhow::bail!("the desk app is not in this build yet; use `dose-planner quote --help`")
}
