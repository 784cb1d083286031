//! `dose-planner-console`: on Windows, the same program as `dose-planner` built as a console
//! program, so the CLI prints in a console. The installer puts it beside the GUI program as
//! `dose-planner.com`, which a console (cmd, PowerShell: `PATHEXT` lists `.COM` first) finds
//! before `dose-planner.exe`: `dose-planner quote …` prints there, while `dose-planner.exe`
//! (a Windows GUI program, src/main.rs) opens no console window from the Start menu.
//! Elsewhere `dose-planner` is already a console program: this one only says so (and is not
//! packaged), which keeps the Linux build from linking the app twice.

#[cfg(windows)]
fn main() -> std::process::ExitCode {
    dose_planner::cli::main()
}

#[cfg(not(windows))]
fn main() -> std::process::ExitCode {
    // Not user-facing (never packaged outside Windows): a developer ran the wrong binary.
    eprintln!("dose-planner-console is the Windows console program; here, run dose-planner");
    std::process::ExitCode::from(2)
}
