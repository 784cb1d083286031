//! `dose-planner`: no subcommand opens the desk app; `quote` prints an estimate.

fn main() -> std::process::ExitCode {
    dose_planner::cli::main()
}
