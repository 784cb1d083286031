//! The register on real SQLite files in a temporary folder: migrations, the file's mode, two
//! desks writing at once, a corrupt file, a locked register, backup and restore, searches
//! and the Quotes list.

#![allow(clippy::unwrap_used)] // tests may panic on unexpected input
#![allow(
    clippy::disallowed_methods,
    reason = "tests make their own files: garbage bytes, copies of a backup"
)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dose_planner_core::i18n::Lang;
use dose_planner_core::{Money, Sex};
use dose_planner_register::{
    AcceptanceRate, CourseId, CourseStatus, CurrencyTotals, MIGRATIONS, NewCourse, NewPatient,
    NewQuote, NewVisit, PatientId, QuoteStatus, Record, Register, RegisterError, RegisterOptions,
    SCHEMA_VERSION, Sha256Hex, SqliteRegister, StatusCounts,
};
use jiff::civil::{Date, date};

fn register_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("register.sqlite3")
}

fn patient(number: &str, name: &str) -> NewPatient {
    NewPatient {
        number: number.into(),
        name: name.into(),
        date_of_birth: date(2004, 4, 12),
        sex: Sex::Female,
    }
}

fn course(patient: PatientId) -> NewCourse {
    NewCourse {
        patient,
        start: date(2026, 5, 1),
        target_mg_per_kg: Some(120.0),
        request_json: r#"{"sex":"female","doses":[{"mg":20}]}"#.into(),
        sheet_name: "Reference clinic".into(),
        sheet_toml: "[clinic]\nname = \"Reference clinic\"\n".into(),
        currency: "JPY".into(),
        product: None,
        status: CourseStatus::Active,
    }
}

fn visit(course: CourseId, day: Date, charged: i64) -> NewVisit {
    NewVisit {
        course,
        date: day,
        weight_kg: Some(60.0),
        daily_dose: "40".into(),
        dispensed: r#"{"40":30}"#.into(),
        days_covered: 30,
        missed_days: 2,
        tests_done: "liver,lipids".into(),
        visit_kind: "in_person".into(),
        charged: Money(charged),
    }
}

fn quote(
    patient: PatientId,
    day: Date,
    total: i64,
    currency: &str,
    status: QuoteStatus,
) -> NewQuote {
    NewQuote {
        date: day,
        patient,
        course: None,
        total: Money(total),
        currency: currency.into(),
        status,
        pdf_sha256: None,
    }
}

/// Every row of every table, as text, for comparing two registers.
fn dump(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut rows = Vec::new();
    for table in ["patients", "courses", "visits", "quotes"] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
            .unwrap();
        let columns = stmt.column_count();
        let mut query = stmt.query([]).unwrap();
        while let Some(row) = query.next().unwrap() {
            let values: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            rows.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    rows
}

/// The `sha256_hex` function the migrations' SQL expects of the engine (see 0002).
fn define_sha256_hex(conn: &rusqlite::Connection) {
    conn.create_scalar_function(
        "sha256_hex",
        1,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8,
        |ctx| Ok(dose_planner_register::sha256_hex(&ctx.get::<String>(0)?)),
    )
    .unwrap();
}

fn versions(path: &Path) -> Vec<u32> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT version FROM schema_migrations ORDER BY version")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn migrates_from_empty_and_from_every_earlier_schema_version_keeping_the_rows() {
    // v = 0 is a new, empty file; v = SCHEMA_VERSION re-opens an up-to-date register.
    for v in 0..=SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = register_path(&dir);
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            define_sha256_hex(&conn);
            conn.execute_batch(
                "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY,
                 applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)",
            )
            .unwrap();
            for m in MIGRATIONS.iter().filter(|m| m.version <= v) {
                conn.execute_batch(m.sql).unwrap();
                conn.execute(
                    "INSERT INTO schema_migrations (version) VALUES (?1)",
                    [m.version],
                )
                .unwrap();
            }
            if v >= 1 {
                conn.execute(
                    "INSERT INTO patients (patient_number, number_key, name, name_key,
                     date_of_birth, sex) VALUES ('A-1', 'a-1', 'Tanaka Hanako',
                     'tanaka hanako', '2004-04-12', 'female')",
                    [],
                )
                .unwrap();
            }
        }
        let register = SqliteRegister::open(&path).unwrap();
        assert_eq!(
            register.schema_version().unwrap(),
            SCHEMA_VERSION,
            "from {v}"
        );
        let expected: Vec<u32> = (1..=SCHEMA_VERSION).collect();
        assert_eq!(versions(&path), expected, "from {v}");
        let found = register.find_patients("tan", 10).unwrap();
        assert_eq!(found.len(), usize::from(v >= 1), "from {v}");
        drop(register);

        // Opening again changes nothing.
        let before = dump(&path);
        let register = SqliteRegister::open(&path).unwrap();
        assert_eq!(register.schema_version().unwrap(), SCHEMA_VERSION);
        drop(register);
        assert_eq!(versions(&path), expected);
        assert_eq!(dump(&path), before);
    }
}

#[test]
fn a_version_1_register_keeps_each_distinct_sheet_once_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_path(&dir);
    let sheet_a = "[clinic]\nname = \"A\"\n";
    let sheet_b = "[clinic]\nname = \"B\"\n";
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY,
             applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)",
        )
        .unwrap();
        conn.execute_batch(MIGRATIONS[0].sql).unwrap();
        conn.execute("INSERT INTO schema_migrations (version) VALUES (1)", [])
            .unwrap();
        conn.execute(
            "INSERT INTO patients (id, patient_number, number_key, name, name_key, date_of_birth,
             sex) VALUES (1, 'A-1', 'a-1', 'Tanaka', 'tanaka', '2004-04-12', 'female')",
            [],
        )
        .unwrap();
        for (id, sheet) in [(1, sheet_a), (2, sheet_b), (3, sheet_a)] {
            conn.execute(
                "INSERT INTO courses (id, patient_id, start_date, request_json, sheet_name,
                 sheet_toml, currency, status)
                 VALUES (?1, 1, '2026-05-01', '{}', 'x', ?2, 'JPY', 'planned')",
                rusqlite::params![id, sheet],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO quotes (quote_date, patient_id, course_id, total_minor, currency,
                 status) VALUES ('2026-05-01', 1, ?1, 1000, 'JPY', 'issued')",
                [id],
            )
            .unwrap();
        }
    }
    let mut register = SqliteRegister::open(&path).unwrap();
    assert_eq!(register.schema_version().unwrap(), 2);
    let courses = register.courses_of(PatientId(1)).unwrap();
    let sheets: Vec<&str> = courses.iter().map(|c| c.sheet_toml.as_str()).collect();
    assert_eq!(sheets, [sheet_a, sheet_b, sheet_a]);
    // One more course on sheet B adds no sheet.
    let mut again = course(PatientId(1));
    again.sheet_toml = sheet_b.into();
    let id = register.add_course(&again).unwrap();
    assert_eq!(register.open_course(id).unwrap().course.sheet_toml, sheet_b);
    drop(register);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM sheets"), 2);
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM quotes q JOIN courses c ON c.id = q.course_id WHERE q.sheet_id = c.sheet_id"
        ),
        3
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM pragma_table_info('courses') WHERE name = 'sheet_toml'"),
        0
    );
    let stored: String = conn
        .query_row(
            "SELECT sha256 FROM sheets WHERE sheet_toml = ?1",
            [sheet_a],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(stored, dose_planner_register::sha256_hex(sheet_a));
}

#[test]
fn a_sheet_over_256_kb_is_refused_and_a_sheet_used_twice_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_path(&dir);
    let mut register = SqliteRegister::open(&path).unwrap();
    let p = register.add_patient(&patient("A-1", "Tanaka")).unwrap();
    let mut big = course(p);
    big.sheet_toml = format!("# {}\n", "x".repeat(dose_planner_register::MAX_SHEET_BYTES));
    let error = register.add_course(&big).unwrap_err();
    assert_eq!(error.code(), "sheet_too_large", "{error}");
    assert!(
        error.explain(Lang::En).contains("256 KB"),
        "{}",
        error.explain(Lang::En)
    );
    for _ in 0..100 {
        register.add_course(&course(p)).unwrap();
    }
    drop(register);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let sheets: i64 = conn
        .query_row("SELECT COUNT(*) FROM sheets", [], |row| row.get(0))
        .unwrap();
    assert_eq!(sheets, 1);
}

#[test]
fn a_register_from_a_newer_planner_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_path(&dir);
    let mut register = SqliteRegister::open(&path).unwrap();
    register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    drop(register);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("INSERT INTO schema_migrations (version) VALUES (999)", [])
        .unwrap();
    let before = dump(&path);

    let error = SqliteRegister::open(&path).unwrap_err();
    let RegisterError::NewerSchema {
        found, supported, ..
    } = error
    else {
        panic!("expected NewerSchema, got {error:?}");
    };
    assert_eq!((found, supported), (999, SCHEMA_VERSION));
    assert_eq!(error.code(), "newer_schema");
    let text = error.explain(Lang::En);
    assert!(text.contains("newer version of the planner"), "{text}");
    assert!(text.contains("999"), "{text}");
    assert!(
        text.contains("Quotes, plans and PDFs keep working"),
        "{text}"
    );
    assert_eq!(dump(&path), before);
    let mut expected: Vec<u32> = (1..=SCHEMA_VERSION).collect();
    expected.push(999);
    assert_eq!(versions(&path), expected);
}

#[cfg(unix)]
#[test]
fn the_register_and_its_backup_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;

    let dir = tempfile::tempdir().unwrap();
    let path = register_path(&dir);
    let mut register = SqliteRegister::open(&path).unwrap();
    register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    assert_eq!(mode(&path), 0o600);
    // SQLite gives the write-ahead log the database file's mode.
    let wal = dir.path().join("register.sqlite3-wal");
    assert!(wal.exists());
    assert_eq!(mode(&wal), 0o600);

    let backup = dir.path().join("backup.sqlite3");
    register.backup_to(&backup).unwrap();
    assert_eq!(mode(&backup), 0o600);
}

#[test]
fn two_desks_adding_200_visits_each_at_once_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_path(&dir);
    let mut register = SqliteRegister::open(&path).unwrap();
    let p = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    let c = register.add_course(&course(p)).unwrap();

    let desks: Vec<_> = (0..2)
        .map(|desk| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut register = SqliteRegister::open(&path).unwrap();
                for i in 0..200 {
                    // Desk 0 charges 1..=200 yen, desk 1 charges 1001..=1200 yen.
                    register
                        .add_visit(&visit(c, date(2026, 6, 1), desk * 1000 + i + 1))
                        .unwrap();
                }
            })
        })
        .collect();
    for desk in desks {
        desk.join().unwrap();
    }

    let visits = register.open_course(c).unwrap().visits;
    assert_eq!(visits.len(), 400);
    let mut charged: Vec<i64> = visits.iter().map(|v| v.charged.0).collect();
    charged.sort_unstable();
    let expected: Vec<i64> = (1..=200).chain(1001..=1200).collect();
    assert_eq!(charged, expected);
}

#[test]
fn a_file_that_is_not_a_register_is_reported_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_path(&dir);
    let garbage: Vec<u8> = (0..8192u32)
        .map(|i| u8::try_from(i.wrapping_mul(2_654_435_761) >> 24).unwrap())
        .collect();
    std::fs::write(&path, &garbage).unwrap();

    let error = SqliteRegister::open(&path).unwrap_err();
    assert!(
        matches!(&error, RegisterError::Corrupt { detail, .. } if detail.contains("not a database")),
        "{error:?}"
    );
    assert_eq!(error.code(), "corrupt");
    let text = error.explain(Lang::En);
    assert!(
        text.starts_with(&format!("The register {} is damaged", path.display())),
        "{text}"
    );
    assert!(text.contains("Restore your latest backup"), "{text}");
    assert!(error.explain(Lang::Ja).contains("壊れている"));
    assert!(error.explain(Lang::Ko).contains("손상"));
    // The file is left as it was.
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn a_register_held_by_another_desk_past_the_timeout_is_reported_as_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_path(&dir);
    let options = RegisterOptions {
        busy_timeout: Duration::from_millis(200),
    };
    let mut register = SqliteRegister::open_with(&path, &options).unwrap();
    register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();

    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();

    let started = Instant::now();
    let error = register
        .add_patient(&patient("A-2", "Suzuki Aiko"))
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(200));
    assert!(matches!(error, RegisterError::Locked { .. }), "{error:?}");
    assert_eq!(error.code(), "locked");
    let text = error.explain(Lang::En);
    // The time actually waited: at least the timeout, at most what the caller measured.
    let waited: f64 = text
        .split("stayed locked for ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        waited >= 0.2 && waited <= elapsed.as_secs_f64() + 0.01,
        "{waited} s, {elapsed:?}: {text}"
    );
    assert!(text.contains("Nothing was saved"), "{text}");

    // Reading still works meanwhile, and so does opening the register again.
    assert_eq!(register.find_patients("tan", 10).unwrap().len(), 1);
    let second = SqliteRegister::open_with(&path, &options).unwrap();
    assert_eq!(second.find_patients("", 10).unwrap().len(), 1);

    // Once the other desk lets go, the write goes through.
    other.execute_batch("COMMIT").unwrap();
    register
        .add_patient(&patient("A-2", "Suzuki Aiko"))
        .unwrap();
    assert_eq!(register.find_patients("", 10).unwrap().len(), 2);
}

#[test]
fn a_backup_restored_over_the_register_gives_back_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_path(&dir);
    let mut register = SqliteRegister::open(&path).unwrap();
    let p = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    let c = register.add_course(&course(p)).unwrap();
    register
        .add_visit(&visit(c, date(2026, 5, 1), 21_054))
        .unwrap();
    register
        .add_visit(&visit(c, date(2026, 6, 1), 12_100))
        .unwrap();
    let q = register
        .add_quote(&NewQuote {
            course: Some(c),
            pdf_sha256: Some(Sha256Hex::from_digest(&[0xab; 32])),
            ..quote(p, date(2026, 5, 1), 107_800, "JPY", QuoteStatus::Issued)
        })
        .unwrap();
    let saved = dump(&path);
    assert_eq!(saved.len(), 5);

    let backup = SqliteRegister::next_backup_path(dir.path(), date(2026, 6, 2));
    assert_eq!(
        backup.file_name().unwrap(),
        "register-backup-2026-06-02.sqlite3"
    );
    register.backup_to(&backup).unwrap();
    // A second backup the same day gets the next name; the first is never overwritten.
    let error = register.backup_to(&backup).unwrap_err();
    assert!(
        matches!(error, RegisterError::BackupExists { .. }),
        "{error:?}"
    );
    assert!(error.explain(Lang::En).contains("never overwrites"));
    assert_eq!(
        SqliteRegister::next_backup_path(dir.path(), date(2026, 6, 2))
            .file_name()
            .unwrap(),
        "register-backup-2026-06-02-2.sqlite3"
    );

    // Work goes on after the backup…
    register.set_quote_status(q, QuoteStatus::Accepted).unwrap();
    register
        .add_visit(&visit(c, date(2026, 7, 1), 12_100))
        .unwrap();
    register
        .add_patient(&patient("A-2", "Suzuki Aiko"))
        .unwrap();
    assert_ne!(dump(&path), saved);
    drop(register);

    // …then the restore, as the crate documentation says: the planner closed, the current
    // register (and any -wal/-shm beside it) put aside, the backup copied in its place.
    for suffix in ["", "-wal", "-shm"] {
        let file = dir.path().join(format!("register.sqlite3{suffix}"));
        if file.exists() {
            std::fs::rename(&file, dir.path().join(format!("old.sqlite3{suffix}"))).unwrap();
        }
    }
    std::fs::copy(&backup, &path).unwrap();
    let register = SqliteRegister::open(&path).unwrap();
    assert_eq!(dump(&path), saved);
    let opened = register.open_course(c).unwrap();
    assert_eq!(opened.visits.len(), 2);
    let month = register.quotes_of_month(date(2026, 5, 20)).unwrap();
    assert_eq!(month.quotes.len(), 1);
    assert_eq!(month.quotes[0].quote.status, QuoteStatus::Issued);
    assert_eq!(
        month.quotes[0]
            .quote
            .pdf_sha256
            .as_ref()
            .map(Sha256Hex::as_str),
        Some("ab".repeat(32).as_str())
    );
}

#[test]
fn patients_are_found_by_the_start_of_their_name_or_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut register = SqliteRegister::open(&register_path(&dir)).unwrap();
    for (number, name) in [
        ("A-0102", "Tanaka Hanako"),
        ("A-0103", "田中 花子"),
        ("A-0104", "Nakata Tanaka"),
        ("B-0200", "김민지"),
        ("B-0201", "タナカ ハナコ"),
        ("C-0300", "Tan Wei"),
        ("C-0301", "Taniguchi Ken"),
        ("C-0302", "田村 健"),
    ] {
        register.add_patient(&patient(number, name)).unwrap();
    }
    let names = |query: &str| -> Vec<String> {
        register
            .find_patients(query, 10)
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect()
    };
    // By name, without regard to case, by name order; 'Nakata Tanaka' does not start with it.
    assert_eq!(names("tan"), ["Tan Wei", "Tanaka Hanako", "Taniguchi Ken"]);
    assert_eq!(names("TANAKA"), ["Tanaka Hanako"]);
    assert_eq!(names("ＴＡＮＡ"), ["Tanaka Hanako"]);
    assert_eq!(names("tanaka h"), ["Tanaka Hanako"]);
    assert_eq!(names("田"), ["田中 花子", "田村 健"]);
    assert_eq!(names("田中"), ["田中 花子"]);
    assert_eq!(names("김"), ["김민지"]);
    // Hiragana finds katakana.
    assert_eq!(names("たなか"), ["タナカ ハナコ"]);
    // By clinic number, without regard to case.
    assert_eq!(
        names("a-010"),
        ["Nakata Tanaka", "Tanaka Hanako", "田中 花子"]
    );
    // By the search key's code points: katakana (U+30A0…) before Hangul (U+AC00…).
    assert_eq!(names("b-02"), ["タナカ ハナコ", "김민지"]);
    assert!(names("x").is_empty());
    assert_eq!(register.find_patients("", 3).unwrap().len(), 3);
    assert_eq!(register.find_patients("a-", 2).unwrap().len(), 2);
}

#[test]
fn patient_numbers_are_unique_and_patients_can_be_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut register = SqliteRegister::open(&register_path(&dir)).unwrap();
    let a = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    let b = register
        .add_patient(&patient("A-2", "Suzuki Aiko"))
        .unwrap();

    // The same number typed in another case or full-width is the same number.
    for number in ["A-1", "a-1", "Ａ－１"] {
        let error = register
            .add_patient(&patient(number, "Sato Yui"))
            .unwrap_err();
        assert!(
            matches!(error, RegisterError::DuplicateNumber { .. }),
            "{error:?}"
        );
        assert!(error.explain(Lang::En).contains(number));
    }
    let error = register
        .update_patient(b, &patient("a-1", "Suzuki Aiko"))
        .unwrap_err();
    assert_eq!(error.code(), "duplicate_number");

    let changed = NewPatient {
        sex: Sex::Male,
        date_of_birth: date(2001, 1, 31),
        ..patient("A-1", "Tanaka Taro")
    };
    register.update_patient(a, &changed).unwrap();
    let p = register.patient(a).unwrap();
    assert_eq!(
        (p.number.as_str(), p.name.as_str(), p.sex, p.date_of_birth),
        ("A-1", "Tanaka Taro", Sex::Male, date(2001, 1, 31))
    );
    assert_eq!(register.find_patients("tanaka t", 10).unwrap().len(), 1);
    assert!(register.find_patients("tanaka h", 10).unwrap().is_empty());
}

#[test]
fn a_course_opens_with_its_patient_and_its_visits_in_date_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut register = SqliteRegister::open(&register_path(&dir)).unwrap();
    let p = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    let first = register.add_course(&course(p)).unwrap();
    let second = register
        .add_course(&NewCourse {
            start: date(2027, 3, 1),
            product: Some("acnetrent".into()),
            status: CourseStatus::Planned,
            target_mg_per_kg: None,
            ..course(p)
        })
        .unwrap();
    // Recorded out of order: June first, then May, then a second visit in June.
    register
        .add_visit(&visit(first, date(2026, 6, 1), 2))
        .unwrap();
    register
        .add_visit(&visit(first, date(2026, 5, 1), 1))
        .unwrap();
    register
        .add_visit(&visit(first, date(2026, 6, 1), 3))
        .unwrap();

    let opened = register.open_course(first).unwrap();
    assert_eq!(opened.patient.name, "Tanaka Hanako");
    assert_eq!(opened.course.sheet_name, "Reference clinic");
    assert_eq!(opened.course.target_mg_per_kg, Some(120.0));
    let order: Vec<(Date, i64)> = opened
        .visits
        .iter()
        .map(|v| (v.date, v.charged.0))
        .collect();
    assert_eq!(
        order,
        [
            (date(2026, 5, 1), 1),
            (date(2026, 6, 1), 2),
            (date(2026, 6, 1), 3)
        ]
    );
    let v = &opened.visits[0];
    assert_eq!(
        (
            v.weight_kg,
            v.daily_dose.as_str(),
            v.days_covered,
            v.missed_days
        ),
        (Some(60.0), "40", 30, 2)
    );

    let courses = register.courses_of(p).unwrap();
    let ids: Vec<CourseId> = courses.iter().map(|c| c.id).collect();
    assert_eq!(ids, [first, second]);
    assert_eq!(courses[1].product.as_deref(), Some("acnetrent"));
    register
        .set_course_status(second, CourseStatus::Active)
        .unwrap();
    assert_eq!(
        register.open_course(second).unwrap().course.status,
        CourseStatus::Active
    );
}

#[test]
fn the_quotes_list_of_a_month_counts_totals_and_the_acceptance_rate() {
    let dir = tempfile::tempdir().unwrap();
    let mut register = SqliteRegister::open(&register_path(&dir)).unwrap();
    let a = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    let b = register.add_patient(&patient("A-2", "Kim Minji")).unwrap();
    let c = register.add_course(&course(a)).unwrap();
    // June 2026: five quotes in yen, one in won; one in May and one in July are not listed.
    let june = [
        (a, date(2026, 6, 30), 48_378, "JPY", QuoteStatus::Issued),
        (a, date(2026, 6, 1), 19_800, "JPY", QuoteStatus::Accepted),
        (b, date(2026, 6, 3), 107_800, "JPY", QuoteStatus::Declined),
        (b, date(2026, 6, 3), 21_054, "JPY", QuoteStatus::Started),
        (a, date(2026, 6, 15), 12_100, "JPY", QuoteStatus::Issued),
        (b, date(2026, 6, 10), 450_000, "KRW", QuoteStatus::Completed),
    ];
    let mut ids = Vec::new();
    for (p, day, total, currency, status) in june {
        ids.push(
            register
                .add_quote(&quote(p, day, total, currency, status))
                .unwrap(),
        );
    }
    register
        .add_quote(&quote(
            a,
            date(2026, 5, 31),
            1,
            "JPY",
            QuoteStatus::Accepted,
        ))
        .unwrap();
    register
        .add_quote(&quote(a, date(2026, 7, 1), 1, "JPY", QuoteStatus::Accepted))
        .unwrap();
    // The 12,100 quote is later accepted; the course's quote logged against its course.
    register
        .set_quote_status(ids[4], QuoteStatus::Accepted)
        .unwrap();
    register
        .add_quote(&NewQuote {
            course: Some(c),
            ..quote(a, date(2026, 6, 20), 60_000, "JPY", QuoteStatus::Issued)
        })
        .unwrap();

    let month = register.quotes_of_month(date(2026, 6, 17)).unwrap();
    assert_eq!(month.month, date(2026, 6, 1));
    let listed: Vec<(Date, &str, i64)> = month
        .quotes
        .iter()
        .map(|q| (q.quote.date, q.patient_number.as_str(), q.quote.total.0))
        .collect();
    assert_eq!(
        listed,
        [
            (date(2026, 6, 1), "A-1", 19_800),
            (date(2026, 6, 3), "A-2", 107_800),
            (date(2026, 6, 3), "A-2", 21_054),
            (date(2026, 6, 10), "A-2", 450_000),
            (date(2026, 6, 15), "A-1", 12_100),
            (date(2026, 6, 20), "A-1", 60_000),
            (date(2026, 6, 30), "A-1", 48_378),
        ]
    );
    assert_eq!(month.quotes[1].patient_name, "Kim Minji");
    assert_eq!(
        month.counts,
        StatusCounts {
            issued: 2,
            accepted: 2,
            declined: 1,
            started: 1,
            completed: 1,
        }
    );
    // Yen quoted: 19,800 + 107,800 + 21,054 + 12,100 + 60,000 + 48,378 = 269,132;
    // accepted (accepted, started): 19,800 + 21,054 + 12,100 = 52,954. Won: 450,000 both.
    assert_eq!(
        month.totals,
        [
            CurrencyTotals {
                currency: "JPY".into(),
                quoted: Money(269_132),
                accepted: Money(52_954),
            },
            CurrencyTotals {
                currency: "KRW".into(),
                quoted: Money(450_000),
                accepted: Money(450_000),
            },
        ]
    );
    // Decided: 2 accepted + 1 started + 1 completed + 1 declined = 5, of which 4 said yes:
    // 80 %. The two still issued count in neither.
    let rate = month.acceptance_rate().unwrap();
    assert_eq!(
        rate,
        AcceptanceRate {
            accepted: 4,
            decided: 5
        }
    );
    assert_eq!(rate.percent(), 80);
    // 2 of 3 is 66.7 % → 67 %.
    assert_eq!(
        AcceptanceRate {
            accepted: 2,
            decided: 3
        }
        .percent(),
        67
    );

    let empty = register.quotes_of_month(date(2026, 8, 1)).unwrap();
    assert!(empty.quotes.is_empty() && empty.totals.is_empty());
    assert_eq!(empty.acceptance_rate(), None);
}

#[test]
fn records_that_are_not_there_are_reported_as_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut register = SqliteRegister::open(&register_path(&dir)).unwrap();
    let a = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    let b = register
        .add_patient(&patient("A-2", "Suzuki Aiko"))
        .unwrap();
    let c = register.add_course(&course(a)).unwrap();
    let nobody = PatientId(9_999);
    let no_course = CourseId(9_999);

    let not_found = |e: RegisterError| match e {
        RegisterError::NotFound { what, .. } => what,
        other => panic!("expected NotFound, got {other:?}"),
    };
    assert_eq!(
        not_found(register.patient(nobody).unwrap_err()),
        Record::Patient
    );
    assert_eq!(
        not_found(register.courses_of(nobody).unwrap_err()),
        Record::Patient
    );
    assert_eq!(
        not_found(register.add_course(&course(nobody)).unwrap_err()),
        Record::Patient
    );
    assert_eq!(
        not_found(register.open_course(no_course).unwrap_err()),
        Record::Course
    );
    assert_eq!(
        not_found(
            register
                .add_visit(&visit(no_course, date(2026, 6, 1), 0))
                .unwrap_err()
        ),
        Record::Course
    );
    assert_eq!(
        not_found(
            register
                .set_course_status(no_course, CourseStatus::Stopped)
                .unwrap_err()
        ),
        Record::Course
    );
    // A quote cannot name another patient's course.
    let error = register
        .add_quote(&NewQuote {
            course: Some(c),
            ..quote(b, date(2026, 6, 1), 1, "JPY", QuoteStatus::Issued)
        })
        .unwrap_err();
    assert_eq!(not_found(error), Record::Course);
    let error = register
        .set_quote_status(dose_planner_register::QuoteId(9_999), QuoteStatus::Accepted)
        .unwrap_err();
    assert!(
        error
            .explain(Lang::En)
            .contains("There is no quote #9999 in the register")
    );
    assert_eq!(not_found(error), Record::Quote);
}

#[test]
fn one_transaction_commits_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_path(&dir);
    let mut register = SqliteRegister::open(&path).unwrap();
    let result = register.in_transaction(|r| {
        r.add_patient(&patient("A-1", "Tanaka Hanako"))?;
        r.add_patient(&patient("A-1", "Sato Yui"))
    });
    assert!(matches!(result, Err(RegisterError::DuplicateNumber { .. })));
    assert!(register.find_patients("", 10).unwrap().is_empty());

    register
        .in_transaction(|r| {
            let p = r.add_patient(&patient("A-1", "Tanaka Hanako"))?;
            let c = r.add_course(&course(p))?;
            r.add_visit(&visit(c, date(2026, 6, 1), 100))
        })
        .unwrap();
    assert_eq!(dump(&path).len(), 3);
}

#[test]
fn a_register_keyed_before_nfc_is_rekeyed_once_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_path(&dir);
    let mut register = SqliteRegister::open(&path).unwrap();
    register
        .add_patient(&patient(
            "\u{304B}\u{3099}5",
            "\u{30AB}\u{3099}\u{30C8}\u{30A6}",
        ))
        .unwrap();
    register
        .add_patient(&patient("A-2", "Suzuki Aiko"))
        .unwrap();
    drop(register);
    // As an earlier version left it: the number and name stored decomposed (NFD), keyed
    // without NFC, and no key version.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE patients SET patient_number = 'か\u{3099}5', number_key = 'カ\u{3099}5',
             name = 'カ\u{3099}トウ', name_key = 'カ\u{3099}トウ' WHERE patient_number <> 'A-2';
             PRAGMA user_version = 0;",
        )
        .unwrap();
    }
    let mut register = SqliteRegister::open(&path).unwrap();
    // Typed composed (NFC), found.
    assert_eq!(
        register
            .find_patients("\u{30AC}\u{30C8}", 10)
            .unwrap()
            .len(),
        1
    );
    assert!(register.patient_by_number("\u{304C}5").unwrap().is_some());
    let error = register
        .add_patient(&patient("\u{304C}5", "Other"))
        .unwrap_err();
    assert_eq!(error.code(), "duplicate_number");
    drop(register);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, 1);
}

#[test]
fn a_failed_migration_reports_one_line_never_the_migration_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = register_path(&dir);
    {
        // The register's bookkeeping table, but a table in the way of migration 0001.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY,
             applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
             CREATE TABLE patients (x TEXT);",
        )
        .unwrap();
    }
    let error = SqliteRegister::open(&path).unwrap_err();
    for lang in Lang::ALL {
        let text = error.explain(lang);
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(!text.contains("CREATE"), "{text}");
        assert!(text.len() < 1000, "{text}");
    }
    assert!(
        error.explain(Lang::En).contains("already exists"),
        "{}",
        error.explain(Lang::En)
    );
}
