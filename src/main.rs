//! `dose-planner`: no subcommand opens the desk app; `quote` prints an estimate.
//!
//! On Windows this is a GUI program (no console window behind the desk app); the same
//! program for a console is `dose-planner-console` (src/bin/dose-planner-console.rs).
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    dose_planner::cli::main()
}
