//! The register's address from the command line (issue 22): a URL given as `--register` or
//! `$DOSE_PLANNER_REGISTER` is never turned into a SQLite file; a bad one is refused in the
//! user's language with exit code 2, and nothing is created.

use std::path::Path;
use std::process::Command;

fn run_in(cwd: &Path, env_register: Option<&str>, args: &[&str]) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dose-planner"));
    command
        .args(args)
        .current_dir(cwd)
        .env_remove("DOSE_PLANNER_REGISTER");
    if let Some(address) = env_register {
        command.env("DOSE_PLANNER_REGISTER", address);
    }
    let out = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_url_is_never_made_a_file_and_a_bad_one_is_refused_with_what_to_write() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    for (address, lang, expected) in [
        (
            "postgres:/clinic-server/db",
            "en",
            "is not a server address the planner can read",
        ),
        (
            "mysql://clinic-server/db",
            "ja",
            "台帳はファイルか、postgres:// で始まる",
        ),
        (
            "postgres://sato:secret@clinic-server/db",
            "en",
            "sato:***@clinic-server",
        ),
        (
            "postgres://clinic-server/db?sslmode=verify-full",
            "ko",
            "sslrootcert",
        ),
        ("postgres://clinic-server:70000/db", "en", "the port 70000"),
    ] {
        let by_flag = run_in(
            cwd,
            None,
            &["register", "quotes", "--lang", lang, "--register", address],
        );
        let by_env = run_in(cwd, Some(address), &["register", "quotes", "--lang", lang]);
        for (code, _, err) in [by_flag, by_env] {
            assert_eq!(code, 2, "{address}: {err}");
            assert!(err.starts_with("error: "), "{err}");
            assert!(err.contains(expected), "{address}: {err}");
            assert!(!err.contains("secret"), "{err}");
        }
    }
    // Nothing was created where the command ran (before, `postgres:/…` became a SQLite file
    // under ./postgres:/).
    assert!(entries(cwd).is_empty(), "{:?}", entries(cwd));
}

#[test]
fn a_server_that_cannot_be_reached_is_named_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    // Port 1 on this computer: nobody listens there.
    let (code, out, err) = run_in(
        cwd,
        None,
        &[
            "register",
            "quotes",
            "--register",
            "postgres://sato@127.0.0.1:1/clinic?sslmode=disable",
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("The register server postgres://sato@127.0.0.1:1/clinic?sslmode=disable cannot be reached"),
        "{err}"
    );
    assert!(entries(cwd).is_empty(), "{:?}", entries(cwd));
}
