//! The register's reliability (issue 20): each defect reproduced through the binary as a
//! clinic runs it, on real SQLite files in a temporary folder — a CSV over the register,
//! kill -9 during backups and imports, the import's patient lookup, other patients' details,
//! Unicode forms of one number, hostile numbers, another program's database, a damaged file,
//! four desks on a new register, a read-only disk, a full disk, the frozen sheet's limit and
//! the messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dose_planner::app::Command as AppCommand;
use dose_planner::records;
use dose_planner_register::{Register, SqliteRegister};
use egui_kittest::kittest::Queryable;

const BIN: &str = env!("CARGO_BIN_EXE_dose-planner");

/// Runs the binary in `dir`; (exit code, stdout, stderr).
pub(crate) fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("DOSE_PLANNER_REGISTER")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(dir, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// A saved quote (a woman, 40 mg/day, 6 months on the reference sheet) as `q.json` in `dir`.
pub(crate) fn saved_quote(dir: &Path) -> PathBuf {
    let pricing = Path::new(env!("CARGO_MANIFEST_DIR")).join("pricing/reference-clinic-jp.toml");
    ok(
        dir,
        &[
            "quote",
            "--sex",
            "female",
            "--daily-mg",
            "40",
            "--months",
            "6",
            "--date",
            "2026-11-02",
            "--pricing",
            pricing.to_str().unwrap(),
            "--save",
            "q.json",
        ],
    );
    dir.join("q.json")
}

fn import(dir: &Path, register: &str, number: &str, name: &str) -> (i32, String, String) {
    run(
        dir,
        &[
            "register",
            "--register",
            register,
            "import",
            "q.json",
            &format!("--patient-number={number}"),
            &format!("--patient-name={name}"),
            "--birth",
            "2004-04-12",
        ],
    )
}

/// `PRAGMA integrity_check` of a SQLite file.
pub(crate) fn integrity(path: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

/// One count from a SQLite file.
pub(crate) fn count(path: &Path, sql: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

/// The files in `dir` (names), sorted.
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What a killed or failed creation or backup leaves behind (temporary names).
pub(crate) fn leftovers(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.contains(".dose-planner-") || n.ends_with("-journal"))
        .collect()
}

#[cfg(unix)] // symlinks, modes, tmpfs
#[test]
fn a_csv_over_the_register_or_its_files_is_refused_and_every_patient_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    import(dir, "r.sqlite3", "1", "Tanaka Hanako");
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink(dir.join("r.sqlite3"), dir.join("link.csv")).unwrap();
    for target in [
        "r.sqlite3",
        "./r.sqlite3",
        "sub/../r.sqlite3",
        "r.sqlite3-wal",
        "r.sqlite3-shm",
        "r.sqlite3-journal",
        "link.csv",
    ] {
        let before = std::fs::read(dir.join("r.sqlite3")).unwrap();
        let (code, out, err) = run(
            dir,
            &[
                "register",
                "--register",
                "r.sqlite3",
                "quotes",
                "--csv",
                target,
            ],
        );
        assert_eq!(code, 2, "{target}: {out}{err}");
        assert!(
            err.contains("is the register") && err.contains("Nothing was written"),
            "{target}: {err}"
        );
        assert_eq!(
            std::fs::read(dir.join("r.sqlite3")).unwrap(),
            before,
            "{target}"
        );
        assert_eq!(integrity(&dir.join("r.sqlite3")), "ok");
    }
    let out = ok(
        dir,
        &[
            "register",
            "--register",
            "r.sqlite3",
            "quotes",
            "--month",
            "2026-11",
        ],
    );
    assert!(out.contains("Tanaka Hanako"), "{out}");
    // Another file name is written as before.
    ok(
        dir,
        &[
            "register",
            "--register",
            "r.sqlite3",
            "quotes",
            "--month",
            "2026-11",
            "--csv",
            "q.csv",
        ],
    );
    assert!(
        std::fs::read_to_string(dir.join("q.csv"))
            .unwrap()
            .contains("Tanaka Hanako")
    );
}

#[test]
fn the_app_refuses_a_csv_over_its_register_and_a_0_byte_register() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("register.sqlite3");
    {
        let mut r = SqliteRegister::open(&path).unwrap();
        r.add_patient(&dose_planner_register::NewPatient {
            number: "A-1".into(),
            name: "Tanaka Hanako".into(),
            date_of_birth: jiff::civil::date(2004, 4, 12),
            sex: dose_planner::Sex::Female,
        })
        .unwrap();
    }
    let mut h = egui_kittest::Harness::builder()
        .with_size([1366.0, 900.0])
        .build_eframe(|cc| {
            dose_planner::app::DesktopApp::with_options(
                cc,
                jiff::civil::date(2026, 11, 2),
                Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/pricing")),
            )
        });
    h.run();
    h.get_by_label("English").click();
    h.run();
    crate::common::run(&mut h, AppCommand::OpenRegister(path.clone()));
    let before = std::fs::read(&path).unwrap();
    crate::common::run(&mut h, AppCommand::ExportCsv(path.clone()));
    let banner = crate::common::banner(&h, true);
    assert!(banner.contains("is the register"), "{banner}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let r = SqliteRegister::open(&path).unwrap();
    assert_eq!(r.find_patients("tanaka", 10).unwrap().len(), 1);
    drop(r);

    let empty = tmp.path().join("empty.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    crate::common::run(&mut h, AppCommand::OpenRegister(empty.clone()));
    let banner = crate::common::banner(&h, true);
    assert!(banner.contains("is empty (0 bytes)"), "{banner}");
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
}

/// A register with `patients` patients (one quote each), made through the library.
fn big_register(path: &Path, patients: u32) {
    let mut r = SqliteRegister::open(path).unwrap();
    r.in_transaction(|r| {
        for i in 0..patients {
            let p = r.add_patient(&dose_planner_register::NewPatient {
                number: format!("N-{i:06}"),
                name: format!("Patient {i} {}", "x".repeat(40)),
                date_of_birth: jiff::civil::date(2000, 1, 1),
                sex: dose_planner::Sex::Female,
            })?;
            r.add_quote(&dose_planner_register::NewQuote {
                date: jiff::civil::date(2026, 11, 2),
                patient: p,
                course: None,
                total: dose_planner::Money(1000),
                currency: "JPY".into(),
                status: dose_planner_register::QuoteStatus::Issued,
                pdf_sha256: None,
            })?;
        }
        Ok(())
    })
    .unwrap();
}

/// Starts the binary, kills it (SIGKILL) after `delay`, waits for it; whether it was still
/// running when killed.
pub(crate) fn kill_after(dir: &Path, args: &[&str], delay: Duration) -> bool {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("DOSE_PLANNER_REGISTER")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    child.wait().unwrap();
    running
}

#[test]
fn kill_9_during_backups_never_leaves_a_file_that_looks_like_a_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let register = dir.join("r.sqlite3");
    big_register(&register, 20_000);
    let quotes = count(&register, "SELECT COUNT(*) FROM quotes");
    let backups = dir.join("backups");
    std::fs::create_dir(&backups).unwrap();
    let args = [
        "register",
        "--register",
        "r.sqlite3",
        "backup",
        "--to",
        "backups",
    ];
    // How long one backup takes: the kills land within that window.
    let begun = Instant::now();
    ok(dir, &args);
    let window = u64::try_from(begun.elapsed().as_millis()).unwrap().max(5);
    let mut killed_running = 0;
    let mut seed = 0x5EED_u64;
    // Until 30 kills have landed while a backup was running (at most 150 tries).
    let mut i = 0;
    while killed_running < 30 && i < 150 {
        i += 1;
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(seed % (window * 3 / 4 + 1));
        if kill_after(dir, &args, delay) {
            killed_running += 1;
        }
        // The register is whole, with every committed row.
        assert_eq!(integrity(&register), "ok", "kill {i}");
        assert_eq!(
            count(&register, "SELECT COUNT(*) FROM quotes"),
            quotes,
            "kill {i}"
        );
        // Every file named like a backup is a complete register with every row.
        for name in names(&backups) {
            if name.starts_with("register-backup-") && !name.contains(".dose-planner-") {
                let b = backups.join(&name);
                assert!(
                    std::fs::metadata(&b).unwrap().len() > 0,
                    "kill {i}: {name} is empty"
                );
                assert_eq!(integrity(&b), "ok", "kill {i}: {name}");
                assert_eq!(
                    count(&b, "SELECT COUNT(*) FROM quotes"),
                    quotes,
                    "kill {i}: {name}"
                );
            }
        }
    }
    assert!(
        killed_running >= 30,
        "only {killed_running} kills landed while running"
    );
    // The next backup removes what the killed ones left.
    let out = ok(dir, &args);
    assert!(out.contains("Backup written"), "{out}");
    assert_eq!(leftovers(&backups), Vec::<String>::new());
    assert_eq!(leftovers(dir), Vec::<String>::new());
}

#[test]
fn kill_9_during_imports_keeps_every_committed_import_whole_and_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    // Each import is killed at a random moment; every 4th goes to a new register, so the
    // kills also land while a register is being created.
    let begun = Instant::now();
    assert_eq!(import(dir, "timing.sqlite3", "T", "Timing").0, 0);
    let window = u64::try_from(begun.elapsed().as_millis()).unwrap().max(5);
    let mut seed = 0xC0FFEE_u64;
    let mut killed_running = 0;
    // Until 30 kills have landed while an import was running (at most 150 tries).
    let mut i = 0u32;
    while killed_running < 30 && i < 150 {
        i += 1;
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let register = format!("r{}.sqlite3", i / 4 % 10);
        let number = format!("K-{i}");
        let delay = Duration::from_millis(seed % (window * 3 / 4 + 1));
        let args = [
            "register",
            "--register",
            register.as_str(),
            "import",
            "q.json",
            "--patient-number",
            number.as_str(),
            "--patient-name",
            "Killed Import",
            "--birth",
            "2004-04-12",
        ];
        if kill_after(dir, &args, delay) {
            killed_running += 1;
        }
        let path = dir.join(&register);
        if path.exists() {
            // A register at its path is complete: whole, and each import all or nothing.
            assert!(std::fs::metadata(&path).unwrap().len() > 0, "kill {i}");
            assert_eq!(integrity(&path), "ok", "kill {i}");
            let patients = count(&path, "SELECT COUNT(*) FROM patients");
            let courses = count(&path, "SELECT COUNT(*) FROM courses");
            let quotes = count(&path, "SELECT COUNT(*) FROM quotes");
            assert_eq!((courses, quotes), (patients, patients), "kill {i}");
        }
    }
    assert!(
        killed_running >= 30,
        "only {killed_running} kills landed while running"
    );
    // A normal import into each register after the kills: it works, keeps the committed
    // rows, and no temporary file is left.
    for n in 0..10 {
        let register = format!("r{n}.sqlite3");
        let path = dir.join(&register);
        let before = if path.exists() {
            count(&path, "SELECT COUNT(*) FROM patients")
        } else {
            0
        };
        let (code, _, err) = import(dir, &register, &format!("after-{n}"), "After Kills");
        assert_eq!(code, 0, "{err}");
        assert_eq!(count(&path, "SELECT COUNT(*) FROM patients"), before + 1);
        assert_eq!(integrity(&path), "ok");
    }
    assert_eq!(leftovers(dir), Vec::<String>::new());
}

#[test]
fn a_second_import_finds_the_patient_by_the_exact_number_among_many_alike() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    assert_eq!(import(dir, "r.sqlite3", "1", "Aoki Ichiro").0, 0);
    let path = dir.join("r.sqlite3");
    {
        // Patients 100…160, whose numbers start with 1 and whose names sort first.
        let mut r = SqliteRegister::open(&path).unwrap();
        for n in 100..=160 {
            r.add_patient(&dose_planner_register::NewPatient {
                number: n.to_string(),
                name: format!("Aa {n}"),
                date_of_birth: jiff::civil::date(2004, 4, 12),
                sex: dose_planner::Sex::Female,
            })
            .unwrap();
        }
    }
    let (code, out, err) = import(dir, "r.sqlite3", "1", "Aoki Ichiro");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Imported as quote #2 for patient 1"), "{out}");
    assert_eq!(
        count(
            &path,
            "SELECT COUNT(*) FROM quotes q JOIN patients p ON p.id = q.patient_id
             WHERE p.patient_number = '1'"
        ),
        2
    );
    assert_eq!(count(&path, "SELECT COUNT(*) FROM patients"), 62);
}

#[test]
fn an_import_for_a_number_with_other_details_is_refused_unless_confirmed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    assert_eq!(import(dir, "r.sqlite3", "A-7", "Tanaka Hanako").0, 0);
    let path = dir.join("r.sqlite3");
    let other = [
        "register",
        "--register",
        "r.sqlite3",
        "import",
        "q.json",
        "--patient-number",
        "a-7",
        "--patient-name",
        "Suzuki Aiko",
        "--birth",
        "1999-01-31",
    ];
    let (code, out, err) = run(dir, &other);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    for part in [
        "Patient number A-7",
        "Tanaka Hanako",
        "Suzuki Aiko",
        "2004-04-12",
        "1999-01-31",
        "Nothing was imported",
        "--same-patient",
    ] {
        assert!(err.contains(part), "{part}: {err}");
    }
    assert_eq!(count(&path, "SELECT COUNT(*) FROM quotes"), 1);
    // In Japanese too.
    let mut ja = other.to_vec();
    ja.extend(["--lang", "ja"]);
    let (code, _, err) = run(dir, &ja);
    assert_eq!(code, 2);
    assert!(
        err.contains("患者番号 A-7") && err.contains("何も取り込んでいません"),
        "{err}"
    );
    // The same name written otherwise (case, width, spaces) is the same patient.
    let (code, _, err) = import(dir, "r.sqlite3", "A-7", "ＴＡＮＡＫＡ  hanako");
    assert_eq!(code, 0, "{err}");
    // Confirmed: attached to the stored patient, whose details are kept.
    let mut confirmed = other.to_vec();
    confirmed.push("--same-patient");
    let (code, _, err) = run(dir, &confirmed);
    assert_eq!(code, 0, "{err}");
    assert_eq!(count(&path, "SELECT COUNT(*) FROM patients"), 1);
    assert_eq!(count(&path, "SELECT COUNT(*) FROM quotes"), 3);
    assert_eq!(
        count(
            &path,
            "SELECT COUNT(*) FROM patients WHERE name = 'Tanaka Hanako'"
        ),
        1
    );
}

#[test]
fn one_number_however_it_is_typed_is_one_patient() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    let path = dir.join("r.sqlite3");
    for (first, again) in [
        ("123", "１２３"),
        ("A 7", "A  7"),
        ("\u{304C}5", "\u{304B}\u{3099}5"),
    ] {
        let (code, _, err) = import(dir, "r.sqlite3", first, "Tanaka Hanako");
        assert_eq!(code, 0, "{first}: {err}");
        let (code, _, err) = import(dir, "r.sqlite3", again, "Tanaka Hanako");
        assert_eq!(code, 0, "{again} after {first}: {err}");
    }
    assert_eq!(count(&path, "SELECT COUNT(*) FROM patients"), 3);
    assert_eq!(count(&path, "SELECT COUNT(*) FROM quotes"), 6);
    // A name stored decomposed (NFD) is found by typing it composed (NFC), and the reverse.
    let mut r = SqliteRegister::open(&path).unwrap();
    r.add_patient(&dose_planner_register::NewPatient {
        number: "B-1".into(),
        name: "\u{30AB}\u{3099}\u{30C8}\u{30A6}".into(),
        date_of_birth: jiff::civil::date(2004, 4, 12),
        sex: dose_planner::Sex::Male,
    })
    .unwrap();
    assert_eq!(r.find_patients("\u{30AC}\u{30C8}", 10).unwrap().len(), 1);
    assert_eq!(
        r.find_patients("\u{304C}\u{3068}\u{3046}", 10)
            .unwrap()
            .len(),
        1
    );
    let error = r
        .add_patient(&dose_planner_register::NewPatient {
            number: "ｂ－１".into(),
            name: "Other".into(),
            date_of_birth: jiff::civil::date(2004, 4, 12),
            sex: dose_planner::Sex::Male,
        })
        .unwrap_err();
    assert_eq!(error.code(), "duplicate_number");
    assert!(r.patient_by_number("b-1").unwrap().is_some());
}

#[test]
fn csv_cells_never_start_a_formula() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    let hostile = [
        ("=1+2", "=HYPERLINK(\"http://x\")"),
        ("+81", "+Tanaka"),
        ("-5", "-Suzuki"),
        ("@SUM", "@Sato"),
    ];
    for (number, name) in hostile {
        let (code, _, err) = import(dir, "r.sqlite3", number, name);
        assert_eq!(code, 0, "{number}: {err}");
    }
    ok(
        dir,
        &[
            "register",
            "--register",
            "r.sqlite3",
            "quotes",
            "--month",
            "2026-11",
            "--csv",
            "q.csv",
        ],
    );
    let text = std::fs::read_to_string(dir.join("q.csv")).unwrap();
    let mut cells = 0;
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_matches('"');
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell {cell:?} in {line}"
            );
        }
    }
    assert_eq!(cells, 4 * 6);
    for (number, name) in hostile {
        assert!(text.contains(&format!("'{number}")), "{number}: {text}");
        assert!(
            text.contains(&format!("'{}", name.replace('"', "\"\""))),
            "{name}: {text}"
        );
    }
    assert_eq!(records::csv_cell("\tx"), "'\tx");
    assert_eq!(records::csv_cell("\rx"), "'\rx");
    assert_eq!(records::csv_cell("Tanaka"), "Tanaka");
}

#[test]
fn hostile_patient_numbers_are_refused_and_stored_ones_listed_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    let long = "7".repeat(10_000);
    for (number, shown) in [
        ("A\u{1b}[31m1", "U+001B"),
        ("A\u{202E}1", "U+202E"),
        ("A\n1", "U+000A"),
        (long.as_str(), "10000"),
    ] {
        let (code, out, err) = import(dir, "r.sqlite3", number, "Tanaka Hanako");
        assert_eq!(code, 2, "{number:?}: {out}{err}");
        assert!(
            err.contains(shown) || err.contains(&shown.replace("10000", "10,000")),
            "{shown}: {err}"
        );
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{202E}'),
            "{err:?}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let path = dir.join("r.sqlite3");
    if path.exists() {
        assert_eq!(count(&path, "SELECT COUNT(*) FROM patients"), 0);
    }
    // A number stored raw by an earlier version is listed escaped.
    assert_eq!(import(dir, "r.sqlite3", "A-1", "Tanaka Hanako").0, 0);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE patients SET patient_number = 'X\u{1b}[2J\u{202E}9', name = 'N\nM'",
            [],
        )
        .unwrap();
    }
    let out = ok(
        dir,
        &[
            "register",
            "--register",
            "r.sqlite3",
            "quotes",
            "--month",
            "2026-11",
        ],
    );
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202E}'),
        "{out:?}"
    );
    assert!(out.contains("X<U+001B>[2J<U+202E>9"), "{out}");
    assert!(out.contains("N<U+000A>M"), "{out}");
}

#[test]
fn another_programs_database_is_refused_and_left_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    let path = dir.join("app.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep');")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    for args in [
        vec!["register", "--register", "app.db", "quotes"],
        vec!["register", "--register", "app.db", "backup"],
        vec![
            "register",
            "--register",
            "app.db",
            "import",
            "q.json",
            "--patient-number",
            "1",
            "--patient-name",
            "Tanaka",
            "--birth",
            "2004-04-12",
        ],
    ] {
        let (code, out, err) = run(dir, &args);
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("another program's database, not a register"),
            "{err}"
        );
        assert!(!err.contains("CREATE TABLE"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{args:?}");
        assert_eq!(names(dir), ["app.db", "q.json"], "{args:?}");
    }
}

/// Damages a register's table pages (the patients' table b-tree) in place.
pub(crate) fn damage(path: &Path) {
    let root: i64 = count(
        path,
        "SELECT rootpage FROM sqlite_master WHERE name = 'patients'",
    );
    let mut bytes = std::fs::read(path).unwrap();
    let at = usize::try_from(root - 1).unwrap() * 4096;
    for b in &mut bytes[at + 3..at + 200] {
        *b = 0x5A;
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_register_is_reported_with_what_to_do_and_never_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    assert_eq!(import(dir, "r.sqlite3", "1", "Tanaka Hanako").0, 0);
    let path = dir.join("r.sqlite3");
    damage(&path);
    assert_ne!(integrity(&path), "ok");
    let before = std::fs::read(&path).unwrap();
    for args in [
        vec![
            "register",
            "--register",
            "r.sqlite3",
            "quotes",
            "--month",
            "2026-11",
        ],
        vec![
            "register",
            "--register",
            "r.sqlite3",
            "import",
            "q.json",
            "--patient-number",
            "2",
            "--patient-name",
            "Suzuki",
            "--birth",
            "2004-04-12",
        ],
        vec![
            "register",
            "--register",
            "r.sqlite3",
            "status",
            "1",
            "accepted",
        ],
    ] {
        let (code, out, err) = run(dir, &args);
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert!(err.contains("is damaged"), "{err}");
        assert!(err.contains("Restore your latest backup"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{args:?}");
    }
}

#[test]
fn four_desks_importing_into_a_new_register_at_once_all_succeed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    for round in 0..12 {
        let register = format!("new-{round}.sqlite3");
        let children: Vec<_> = (0..4)
            .map(|desk| {
                Command::new(BIN)
                    .args([
                        "register",
                        "--register",
                        register.as_str(),
                        "import",
                        "q.json",
                        "--patient-number",
                        &format!("D-{desk}"),
                        "--patient-name",
                        &format!("Desk {desk}"),
                        "--birth",
                        "2004-04-12",
                    ])
                    .current_dir(dir)
                    .env_remove("DOSE_PLANNER_REGISTER")
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let path = dir.join(&register);
        assert_eq!(
            count(&path, "SELECT COUNT(*) FROM patients"),
            4,
            "round {round}"
        );
        assert_eq!(integrity(&path), "ok");
    }
    assert_eq!(leftovers(dir), Vec::<String>::new());
}

/// A tmpfs for one test, unmounted on drop; `None` where mounting is not allowed.
pub(crate) struct Tmpfs(PathBuf);

impl Tmpfs {
    pub(crate) fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }

    pub(crate) fn read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

/// Whether this process is root (permissions do not stop root: a read-only disk needs a
/// read-only mount).
fn root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[cfg(unix)] // symlinks, modes, tmpfs
#[test]
fn a_register_on_a_read_only_disk_can_be_listed_and_backed_up() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    let ro = dir.join("ro");
    // As root a read-only tmpfs; otherwise a folder and file without write permission.
    let mount = if root() {
        Some(Tmpfs::mount(&ro, "4m").expect("root can mount a tmpfs"))
    } else {
        std::fs::create_dir(&ro).unwrap();
        None
    };
    let (code, _, err) = import(dir, "ro/r.sqlite3", "1", "Tanaka Hanako");
    assert_eq!(code, 0, "{err}");
    match &mount {
        Some(m) => assert!(m.read_only()),
        None => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(ro.join("r.sqlite3"), std::fs::Permissions::from_mode(0o400))
                .unwrap();
            std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o500)).unwrap();
        }
    }
    assert!(
        std::fs::write(ro.join("probe"), b"x").is_err(),
        "the folder is writable"
    );
    let out = ok(
        dir,
        &[
            "register",
            "--register",
            "ro/r.sqlite3",
            "quotes",
            "--month",
            "2026-11",
        ],
    );
    assert!(out.contains("Tanaka Hanako"), "{out}");
    let out = ok(
        dir,
        &[
            "register",
            "--register",
            "ro/r.sqlite3",
            "backup",
            "--to",
            ".",
        ],
    );
    assert!(out.contains("Backup written"), "{out}");
    let backup = names(dir)
        .into_iter()
        .find(|n| n.starts_with("register-backup-"))
        .unwrap();
    assert_eq!(count(&dir.join(backup), "SELECT COUNT(*) FROM patients"), 1);
    // Writing is refused in words, nothing changed.
    let (code, _, err) = import(dir, "ro/r.sqlite3", "2", "Suzuki");
    assert_eq!(code, 1);
    assert!(
        err.contains("can only be read") || err.contains("cannot be opened"),
        "{err}"
    );
    if mount.is_none() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
}

#[test]
fn a_failed_open_on_a_full_disk_leaves_nothing_behind() {
    if !root() {
        // A full disk is a tmpfs here; without root the other tests cover the rest.
        eprintln!("a_failed_open_on_a_full_disk_leaves_nothing_behind: needs root to mount");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    let full = dir.join("full");
    let _mount = Tmpfs::mount(&full, "48k").expect("root can mount a tmpfs");
    // Fill it up but for a few KB.
    let mut filler = std::fs::File::create(full.join("filler")).unwrap();
    let _ = std::io::Write::write_all(&mut filler, &vec![0u8; 40 * 1024]);
    drop(filler);
    let (code, out, err) = import(dir, "full/r.sqlite3", "1", "Tanaka Hanako");
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("is full"), "{err}");
    assert_eq!(names(&full), ["filler"]);
}

#[test]
fn a_saved_quote_with_a_sheet_over_256_kb_is_not_imported_and_a_sheet_is_stored_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let q = saved_quote(dir);
    for n in 0..20 {
        assert_eq!(
            import(dir, "r.sqlite3", &format!("P-{n}"), "Tanaka Hanako").0,
            0
        );
    }
    let path = dir.join("r.sqlite3");
    assert_eq!(count(&path, "SELECT COUNT(*) FROM sheets"), 1);
    // The request no longer carries a second copy of the sheet…
    assert!(count(&path, "SELECT MAX(length(request_json)) FROM courses") < 4096);
    // …and the course still opens with its plan and frozen prices.
    let r = SqliteRegister::open(&path).unwrap();
    let p = r.patient_by_number("P-3").unwrap().unwrap();
    let course = r.courses_of(p.id).unwrap().remove(0);
    let reopened =
        dose_planner::saved::open(&records::course_request_json(&course), "course").unwrap();
    assert_eq!(reopened.quote.sheet_toml, course.sheet_toml);
    drop(r);

    // A sheet padded past 256 KB with a comment: the saved quote is still well-formed, but
    // the register refuses it.
    let text = std::fs::read_to_string(&q).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let sheet = json["sheet_toml"].as_str().unwrap().to_string();
    json["sheet_toml"] = format!("{sheet}\n# {}\n", "x".repeat(300 * 1024)).into();
    std::fs::write(dir.join("big.json"), serde_json::to_string(&json).unwrap()).unwrap();
    let (code, out, err) = run(
        dir,
        &[
            "register",
            "--register",
            "r.sqlite3",
            "import",
            "big.json",
            "--patient-number",
            "B-1",
            "--patient-name",
            "Big Sheet",
            "--birth",
            "2004-04-12",
        ],
    );
    assert_eq!(code, 2, "{out}");
    let kb = json["sheet_toml"].as_str().unwrap().len().div_ceil(1024);
    assert!(
        err.contains(&format!("are {kb} KB")) && err.contains("256 KB"),
        "{err}"
    );
    // The desk app and `quote` open saved quotes the same way: refused there too.
    let error = dose_planner::saved::open(
        &std::fs::read_to_string(dir.join("big.json")).unwrap(),
        "big.json",
    )
    .err()
    .unwrap();
    assert_eq!(error.code(), "saved_sheet_too_large");
    assert_eq!(count(&path, "SELECT COUNT(*) FROM patients"), 20);
}

#[test]
fn the_registers_messages_say_what_happened_in_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    saved_quote(dir);
    assert_eq!(import(dir, "r.sqlite3", "1", "Tanaka Hanako").0, 0);
    // One quote is "1 quote".
    let out = ok(
        dir,
        &[
            "register",
            "--register",
            "r.sqlite3",
            "quotes",
            "--month",
            "2026-11",
        ],
    );
    assert!(out.contains("1 quote:"), "{out}");
    // A quote number never issued.
    let (code, _, err) = run(
        dir,
        &[
            "register",
            "--register",
            "r.sqlite3",
            "status",
            "424242",
            "accepted",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("no quote #424242"), "{err}");
    assert!(!err.contains("another desk"), "{err}");
    // Argument errors point to the register's help.
    let (code, _, err) = run(
        dir,
        &[
            "register",
            "--register",
            "r.sqlite3",
            "quotes",
            "--month",
            "13",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("dose-planner register --help"), "{err}");
    // A bad backup folder is the backup's, with the command line's way out.
    let (code, _, err) = run(
        dir,
        &[
            "register",
            "--register",
            "r.sqlite3",
            "backup",
            "--to",
            "missing",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: The backup missing/register-backup-"),
        "{err}"
    );
    assert!(err.contains("--to") && !err.contains("Settings"), "{err}");
    assert!(!err.contains(".dose-planner-partial-"), "{err}");
    // A path under a file.
    for args in [
        vec!["register", "--register", "q.json/r.sqlite3", "quotes"],
        vec![
            "register",
            "--register",
            "q.json/r.sqlite3",
            "import",
            "q.json",
            "--patient-number",
            "1",
            "--patient-name",
            "Tanaka",
            "--birth",
            "2004-04-12",
        ],
        vec![
            "register",
            "--register",
            "r.sqlite3",
            "backup",
            "--to",
            "q.json",
        ],
    ] {
        let (code, _, err) = run(dir, &args);
        assert_eq!(code, 1, "{args:?}");
        assert!(err.contains("is a file, not a folder"), "{args:?}: {err}");
        assert!(!err.contains("os error 17"), "{err}");
    }
    // A 0-byte file named as the register.
    std::fs::write(dir.join("zero.sqlite3"), b"").unwrap();
    let (code, _, err) = run(dir, &["register", "--register", "zero.sqlite3", "quotes"]);
    assert_eq!(code, 1);
    assert!(err.contains("is empty (0 bytes)"), "{err}");
    assert_eq!(
        std::fs::metadata(dir.join("zero.sqlite3")).unwrap().len(),
        0
    );
}
