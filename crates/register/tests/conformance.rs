//! One conformance suite for the `Register` trait, run against every engine: SQLite files in
//! a temporary folder and databases on a real PostgreSQL server (see `conformance/server.rs`
//! for how the server is found or started). An engine is done when this suite passes on it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on unexpected input

#[path = "conformance/server.rs"]
mod server;

use std::path::PathBuf;

use dose_planner_core::i18n::Lang;
use dose_planner_core::{Money, Sex};
use dose_planner_register::{
    CourseId, CourseStatus, CurrencyTotals, NewCourse, NewPatient, NewQuote, NewVisit, PatientId,
    PostgresRegister, QuoteId, QuoteStatus, Record, Register, RegisterError, SCHEMA_VERSION,
    ServerAddress, SqliteRegister, StatusCounts,
};
use jiff::civil::{Date, date};

/// One register, opened as many times as a test needs desks.
enum Engine {
    Sqlite(
        #[allow(dead_code, reason = "kept: the folder lives as long as the register")]
        tempfile::TempDir,
        PathBuf,
    ),
    Postgres(ServerAddress),
}

impl Engine {
    fn sqlite() -> Engine {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.sqlite3");
        Engine::Sqlite(dir, path)
    }

    fn postgres() -> Engine {
        Engine::Postgres(server::server().fresh_database())
    }

    /// A desk's connection to the register.
    fn open(&self) -> Box<dyn Register> {
        match self {
            Engine::Sqlite(_, path) => Box::new(SqliteRegister::open(path).unwrap()),
            Engine::Postgres(address) => {
                Box::new(PostgresRegister::connect(address, None).unwrap())
            }
        }
    }

    /// Runs SQL as the register's owner (the tests' own look inside).
    fn sql(&self, sql: &str) {
        match self {
            Engine::Sqlite(_, path) => {
                rusqlite::Connection::open(path)
                    .unwrap()
                    .execute_batch(sql)
                    .unwrap();
            }
            Engine::Postgres(address) => {
                let mut client = admin(address);
                client.batch_execute(sql).unwrap();
            }
        }
    }
}

impl Engine {
    /// One number from the register, as its owner sees it.
    fn count(&self, sql: &str) -> i64 {
        match self {
            Engine::Sqlite(_, path) => rusqlite::Connection::open(path)
                .unwrap()
                .query_row(sql, [], |row| row.get(0))
                .unwrap(),
            Engine::Postgres(address) => admin(address).query_one(sql, &[]).unwrap().get(0),
        }
    }
}

fn admin(address: &ServerAddress) -> ::postgres::Client {
    let mut config = ::postgres::Config::new();
    config
        .host(&address.host)
        .port(address.port)
        .dbname(&address.dbname)
        .user(address.user.as_deref().unwrap_or("postgres"));
    config.connect(::postgres::NoTls).unwrap()
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

fn quote(p: PatientId, day: Date, total: i64, currency: &str, status: QuoteStatus) -> NewQuote {
    NewQuote {
        date: day,
        patient: p,
        course: None,
        total: Money(total),
        currency: currency.into(),
        status,
        pdf_sha256: None,
    }
}

fn names(register: &dyn Register, query: &str) -> Vec<String> {
    register
        .find_patients(query, 10)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

// ---- the behaviour every engine must have ----

fn patients_are_found_by_the_start_of_their_name_or_number(engine: Engine) {
    let mut register = engine.open();
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
    let r = register.as_ref();
    assert_eq!(
        names(r, "tan"),
        ["Tan Wei", "Tanaka Hanako", "Taniguchi Ken"]
    );
    assert_eq!(names(r, "TANAKA"), ["Tanaka Hanako"]);
    assert_eq!(names(r, "ＴＡＮＡ"), ["Tanaka Hanako"]);
    assert_eq!(names(r, "tanaka h"), ["Tanaka Hanako"]);
    assert_eq!(names(r, "田"), ["田中 花子", "田村 健"]);
    assert_eq!(names(r, "김"), ["김민지"]);
    assert_eq!(names(r, "たなか"), ["タナカ ハナコ"]);
    assert_eq!(
        names(r, "a-010"),
        ["Nakata Tanaka", "Tanaka Hanako", "田中 花子"]
    );
    // Code-point order of the search key on every engine: katakana before Hangul.
    assert_eq!(names(r, "b-02"), ["タナカ ハナコ", "김민지"]);
    assert!(names(r, "x").is_empty());
    assert_eq!(r.find_patients("", 3).unwrap().len(), 3);
    assert_eq!(r.find_patients("a-", 2).unwrap().len(), 2);
}

fn patient_numbers_are_unique_and_patients_can_be_changed(engine: Engine) {
    let mut register = engine.open();
    let a = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    let b = register
        .add_patient(&patient("A-2", "Suzuki Aiko"))
        .unwrap();
    for number in ["A-1", "a-1", "Ａ－１"] {
        let error = register
            .add_patient(&patient(number, "Sato Yui"))
            .unwrap_err();
        assert_eq!(error.code(), "duplicate_number", "{error:?}");
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
    assert_eq!(names(register.as_ref(), "tanaka t"), ["Tanaka Taro"]);
    assert!(names(register.as_ref(), "tanaka h").is_empty());
}

fn a_course_opens_with_its_patient_and_its_visits_in_date_order(engine: Engine) {
    let mut register = engine.open();
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
    assert_eq!(opened.course.target_mg_per_kg, Some(120.0));
    assert_eq!(
        opened.course.sheet_toml,
        "[clinic]\nname = \"Reference clinic\"\n"
    );
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
            v.missed_days,
            v.tests_done.as_str()
        ),
        (Some(60.0), "40", 30, 2, "liver,lipids")
    );
    let courses = register.courses_of(p).unwrap();
    assert_eq!(
        courses.iter().map(|c| c.id).collect::<Vec<_>>(),
        [first, second]
    );
    assert_eq!(courses[1].product.as_deref(), Some("acnetrent"));
    assert_eq!(courses[1].target_mg_per_kg, None);
    register
        .set_course_status(second, CourseStatus::Active)
        .unwrap();
    assert_eq!(
        register.open_course(second).unwrap().course.status,
        CourseStatus::Active
    );
}

fn the_quotes_list_of_a_month_counts_totals_and_the_acceptance_rate(engine: Engine) {
    let mut register = engine.open();
    let a = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    let b = register.add_patient(&patient("A-2", "Kim Minji")).unwrap();
    let c = register.add_course(&course(a)).unwrap();
    let mut ids: Vec<QuoteId> = Vec::new();
    for (p, day, total, currency, status) in [
        (a, date(2026, 6, 30), 48_378, "JPY", QuoteStatus::Issued),
        (a, date(2026, 6, 1), 19_800, "JPY", QuoteStatus::Accepted),
        (b, date(2026, 6, 3), 107_800, "JPY", QuoteStatus::Declined),
        (b, date(2026, 6, 3), 21_054, "JPY", QuoteStatus::Started),
        (a, date(2026, 6, 15), 12_100, "JPY", QuoteStatus::Issued),
        (b, date(2026, 6, 10), 450_000, "KRW", QuoteStatus::Completed),
        (a, date(2026, 5, 31), 1, "JPY", QuoteStatus::Accepted),
        (a, date(2026, 7, 1), 1, "JPY", QuoteStatus::Accepted),
    ] {
        ids.push(
            register
                .add_quote(&quote(p, day, total, currency, status))
                .unwrap(),
        );
    }
    register
        .set_quote_status(ids[4], QuoteStatus::Accepted)
        .unwrap();
    register
        .add_quote(&NewQuote {
            course: Some(c),
            pdf_sha256: dose_planner_register::Sha256Hex::parse(&"AB".repeat(32)),
            ..quote(a, date(2026, 6, 20), 60_000, "JPY", QuoteStatus::Issued)
        })
        .unwrap();
    let month = register.quotes_of_month(date(2026, 6, 17)).unwrap();
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
    assert_eq!(month.quotes[5].quote.course, Some(c));
    assert_eq!(
        month.quotes[5]
            .quote
            .pdf_sha256
            .as_ref()
            .map(|s| s.as_str().to_string()),
        Some("ab".repeat(32))
    );
    assert_eq!(
        month.counts,
        StatusCounts {
            issued: 2,
            accepted: 2,
            declined: 1,
            started: 1,
            completed: 1
        }
    );
    assert_eq!(
        month.totals,
        [
            CurrencyTotals {
                currency: "JPY".into(),
                quoted: Money(269_132),
                accepted: Money(52_954)
            },
            CurrencyTotals {
                currency: "KRW".into(),
                quoted: Money(450_000),
                accepted: Money(450_000)
            },
        ]
    );
    assert_eq!(month.acceptance_rate().unwrap().percent(), 80);
    assert!(
        register
            .quotes_of_month(date(2026, 8, 1))
            .unwrap()
            .quotes
            .is_empty()
    );
}

fn records_that_are_not_there_are_reported_as_not_found(engine: Engine) {
    let mut register = engine.open();
    let a = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    let b = register
        .add_patient(&patient("A-2", "Suzuki Aiko"))
        .unwrap();
    let c = register.add_course(&course(a)).unwrap();
    let what = |e: RegisterError| match e {
        RegisterError::NotFound { what, .. } => what,
        other => panic!("expected NotFound, got {other:?}"),
    };
    let nobody = PatientId(9_999);
    let no_course = CourseId(9_999);
    assert_eq!(what(register.patient(nobody).unwrap_err()), Record::Patient);
    assert_eq!(
        what(register.courses_of(nobody).unwrap_err()),
        Record::Patient
    );
    assert_eq!(
        what(register.add_course(&course(nobody)).unwrap_err()),
        Record::Patient
    );
    assert_eq!(
        what(register.open_course(no_course).unwrap_err()),
        Record::Course
    );
    assert_eq!(
        what(
            register
                .add_visit(&visit(no_course, date(2026, 6, 1), 0))
                .unwrap_err()
        ),
        Record::Course
    );
    assert_eq!(
        what(
            register
                .set_course_status(no_course, CourseStatus::Stopped)
                .unwrap_err()
        ),
        Record::Course
    );
    let error = register
        .add_quote(&NewQuote {
            course: Some(c),
            ..quote(b, date(2026, 6, 1), 1, "JPY", QuoteStatus::Issued)
        })
        .unwrap_err();
    assert_eq!(what(error), Record::Course);
    assert_eq!(
        what(
            register
                .set_quote_status(QuoteId(9_999), QuoteStatus::Accepted)
                .unwrap_err()
        ),
        Record::Quote
    );
    // Nothing was written by the refused operations.
    assert!(
        register
            .quotes_of_month(date(2026, 6, 1))
            .unwrap()
            .quotes
            .is_empty()
    );
    assert_eq!(register.courses_of(a).unwrap().len(), 1);
}

fn injection_shaped_texts_are_kept_and_found_exactly_as_typed(engine: Engine) {
    let mut register = engine.open();
    let nasty = [
        "Robert'); DROP TABLE patients;--",
        "x' OR '1'='1",
        "%_\\%",
        "$1 $2 ?1 :name",
        "田中\u{3000}\"花子\"",
        "🙂 emoji",
    ];
    let mut ids = Vec::new();
    for (i, name) in nasty.iter().enumerate() {
        ids.push(
            register
                .add_patient(&patient(&format!("N-{i}' --"), name))
                .unwrap(),
        );
    }
    for (id, name) in ids.iter().zip(nasty) {
        assert_eq!(register.patient(*id).unwrap().name, name);
    }
    assert_eq!(names(register.as_ref(), "robert')"), [nasty[0]]);
    assert_eq!(names(register.as_ref(), "x' or"), [nasty[1]]);
    // `%` and `_` are letters here, not wildcards.
    assert_eq!(names(register.as_ref(), "%_"), [nasty[2]]);
    assert!(names(register.as_ref(), "%").len() == 1);
    assert_eq!(register.find_patients("n-0' -", 10).unwrap().len(), 1);
    assert_eq!(register.find_patients("", 100).unwrap().len(), nasty.len());
    let c = register
        .add_course(&NewCourse {
            sheet_name: nasty[0].into(),
            ..course(ids[0])
        })
        .unwrap();
    register
        .add_visit(&NewVisit {
            tests_done: nasty[1].into(),
            dispensed: nasty[3].into(),
            ..visit(c, date(2026, 6, 1), 5)
        })
        .unwrap();
    let opened = register.open_course(c).unwrap();
    assert_eq!(opened.course.sheet_name, nasty[0]);
    assert_eq!(opened.visits[0].tests_done, nasty[1]);
    assert_eq!(opened.visits[0].dispensed, nasty[3]);
}

fn two_desks_adding_visits_at_once_lose_none(engine: Engine) {
    let mut first = engine.open();
    let p = first.add_patient(&patient("A-1", "Tanaka Hanako")).unwrap();
    let c = first.add_course(&course(p)).unwrap();
    drop(first);
    let engine = &engine;
    std::thread::scope(|scope| {
        for desk in 0..2_i64 {
            scope.spawn(move || {
                let mut register = engine.open();
                for i in 0..100 {
                    register
                        .add_visit(&visit(c, date(2026, 6, 1), desk * 1_000 + i))
                        .unwrap();
                }
            });
        }
    });
    let visits = engine.open().open_course(c).unwrap().visits;
    assert_eq!(visits.len(), 200);
    let mut charged: Vec<i64> = visits.iter().map(|v| v.charged.0).collect();
    charged.sort_unstable();
    let expected: Vec<i64> = (0..100).chain(1_000..1_100).collect();
    assert_eq!(charged, expected);
}

fn two_desks_giving_one_number_at_once_make_one_patient(engine: Engine) {
    engine.open(); // the schema, before the desks race
    let engine = &engine;
    let outcomes: Vec<Result<PatientId, RegisterError>> = std::thread::scope(|scope| {
        let desks: Vec<_> = (0..4)
            .map(|desk| {
                scope.spawn(move || {
                    let mut register = engine.open();
                    register.add_patient(&patient("Z-9", &format!("Desk {desk}")))
                })
            })
            .collect();
        desks.into_iter().map(|d| d.join().unwrap()).collect()
    });
    let won = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(won, 1, "{outcomes:?}");
    for lost in outcomes.iter().filter_map(|o| o.as_ref().err()) {
        // SQLite's losers wait their turn and see the number; PostgreSQL's meet the index.
        assert!(
            matches!(lost.code(), "duplicate_number" | "locked"),
            "{lost:?}"
        );
    }
    assert_eq!(engine.open().find_patients("z-9", 10).unwrap().len(), 1);
}

fn a_register_from_a_newer_planner_is_refused(engine: Engine) {
    let mut register = engine.open();
    register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    drop(register);
    engine.sql("INSERT INTO schema_migrations (version) VALUES (999)");
    let error = match &engine {
        Engine::Sqlite(_, path) => SqliteRegister::open(path).unwrap_err(),
        Engine::Postgres(address) => PostgresRegister::connect(address, None).unwrap_err(),
    };
    match error {
        RegisterError::NewerSchema {
            found, supported, ..
        } => {
            assert_eq!((found, supported), (999, SCHEMA_VERSION));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}

fn each_price_sheet_is_stored_once_and_a_huge_one_is_refused(engine: Engine) {
    let mut register = engine.open();
    let a = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    let b = register.add_patient(&patient("A-2", "Kim Minji")).unwrap();
    let first = register.add_course(&course(a)).unwrap();
    register.add_course(&course(b)).unwrap();
    let other = NewCourse {
        sheet_toml: "[clinic]\nname = \"Other clinic\"\n".into(),
        ..course(b)
    };
    let third = register.add_course(&other).unwrap();
    assert_eq!(engine.count("SELECT count(*) FROM sheets"), 2);
    assert_eq!(
        register.open_course(third).unwrap().course.sheet_toml,
        other.sheet_toml
    );
    register
        .add_quote(&NewQuote {
            course: Some(first),
            ..quote(a, date(2026, 6, 1), 1, "JPY", QuoteStatus::Issued)
        })
        .unwrap();
    assert_eq!(
        engine.count("SELECT count(*) FROM quotes q JOIN courses c ON c.id = q.course_id AND c.sheet_id = q.sheet_id"),
        1
    );
    let huge = NewCourse {
        sheet_toml: "#".repeat(256 * 1024 + 1),
        ..course(a)
    };
    let error = register.add_course(&huge).unwrap_err();
    assert_eq!(error.code(), "sheet_too_large", "{error:?}");
    assert_eq!(register.courses_of(a).unwrap().len(), 1);
    assert_eq!(engine.count("SELECT count(*) FROM sheets"), 2);
}

fn patient_texts_are_kept_trimmed_and_composed_and_unsafe_ones_refused(engine: Engine) {
    let mut register = engine.open();
    // "が" typed as か + combining mark: one patient number, however the keyboard composed it.
    let a = register
        .add_patient(&patient(" A-\u{304B}\u{3099} ", "Sato Yui"))
        .unwrap();
    assert_eq!(register.patient(a).unwrap().number, "A-\u{304C}");
    let error = register
        .add_patient(&patient("A-\u{304C}", "Other"))
        .unwrap_err();
    assert_eq!(error.code(), "duplicate_number", "{error:?}");
    for (number, name) in [
        ("", "No number"),
        ("B-1", "Evil\u{202E}name"),
        ("B-2\u{0007}", "Bell"),
    ] {
        let error = register.add_patient(&patient(number, name)).unwrap_err();
        assert!(
            matches!(error, RegisterError::PatientText { .. }),
            "{error:?}"
        );
    }
    assert_eq!(register.find_patients("", 10).unwrap().len(), 1);
}

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name(super::Engine::sqlite()) } )*
        }
        mod postgres {
            $( #[test] fn $name() { super::$name(super::Engine::postgres()) } )*
        }
    };
}

conformance!(
    patients_are_found_by_the_start_of_their_name_or_number,
    patient_numbers_are_unique_and_patients_can_be_changed,
    a_course_opens_with_its_patient_and_its_visits_in_date_order,
    the_quotes_list_of_a_month_counts_totals_and_the_acceptance_rate,
    records_that_are_not_there_are_reported_as_not_found,
    injection_shaped_texts_are_kept_and_found_exactly_as_typed,
    two_desks_adding_visits_at_once_lose_none,
    two_desks_giving_one_number_at_once_make_one_patient,
    a_register_from_a_newer_planner_is_refused,
    each_price_sheet_is_stored_once_and_a_huge_one_is_refused,
    patient_texts_are_kept_trimmed_and_composed_and_unsafe_ones_refused,
);

// ---- what only a server has ----

#[test]
fn postgres_a_desk_reconnects_after_the_server_restarts_and_loses_nothing() {
    let private = server::start_private();
    let address = private.fresh_database();
    let mut register = PostgresRegister::connect(&address, None).unwrap();
    let p = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    let c = register.add_course(&course(p)).unwrap();
    register.add_visit(&visit(c, date(2026, 6, 1), 1)).unwrap();
    private.restart();
    // The desk's connection was cut: the next read and write reconnect by themselves.
    assert_eq!(register.open_course(c).unwrap().visits.len(), 1);
    register.add_visit(&visit(c, date(2026, 7, 1), 2)).unwrap();
    private.restart();
    register.add_visit(&visit(c, date(2026, 8, 1), 3)).unwrap();
    let charged: Vec<i64> = register
        .open_course(c)
        .unwrap()
        .visits
        .iter()
        .map(|v| v.charged.0)
        .collect();
    assert_eq!(charged, [1, 2, 3]);
}

#[test]
fn postgres_a_connection_cut_by_the_server_is_opened_again() {
    let engine = Engine::postgres();
    let Engine::Postgres(address) = &engine else {
        unreachable!()
    };
    let mut register = PostgresRegister::connect(address, None).unwrap();
    let p = register
        .add_patient(&patient("A-1", "Tanaka Hanako"))
        .unwrap();
    // The administrator (or an idle timeout) ends every other session on this database.
    engine.sql(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{}' AND pid <> pg_backend_pid()",
        address.dbname
    ));
    assert_eq!(register.patient(p).unwrap().name, "Tanaka Hanako");
    register
        .add_patient(&patient("A-2", "Suzuki Aiko"))
        .unwrap();
    assert_eq!(register.find_patients("", 10).unwrap().len(), 2);
}

#[test]
fn postgres_a_server_that_is_away_is_reported_in_the_users_language() {
    let mut address = server::server().address();
    address.port = 1; // nobody listens there
    let error = PostgresRegister::connect(&address, None).unwrap_err();
    assert_eq!(error.code(), "server_away", "{error:?}");
    let ja = error.explain(Lang::Ja);
    assert!(ja.contains("台帳サーバー") && ja.contains(":1/"), "{ja}");
    assert!(error.explain(Lang::Ko).contains("등록부 서버"));
}

#[test]
fn postgres_a_role_the_server_allows_only_to_read_cannot_write() {
    let engine = Engine::postgres();
    let Engine::Postgres(address) = &engine else {
        unreachable!()
    };
    let mut owner = PostgresRegister::connect(address, None).unwrap();
    owner.add_patient(&patient("A-1", "Tanaka Hanako")).unwrap();
    let role = format!("reader_{}", address.dbname);
    engine.sql(&format!(
        "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN;
         GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};"
    ));
    let reader_address = ServerAddress {
        user: Some(role.clone()),
        ..address.clone()
    };
    let mut reader = PostgresRegister::connect(&reader_address, None).unwrap();
    assert_eq!(reader.signed_in_as().unwrap(), role);
    assert_eq!(names(&reader, "tanaka"), ["Tanaka Hanako"]);
    let error = reader
        .add_patient(&patient("A-2", "Suzuki Aiko"))
        .unwrap_err();
    assert_eq!(error.code(), "server_error", "{error:?}");
    assert!(
        error.explain(Lang::En).contains("permission denied"),
        "{error:?}"
    );
    assert_eq!(names(&owner, ""), ["Tanaka Hanako"]);
    drop(reader);
    engine.sql(&format!("DROP OWNED BY {role}; DROP ROLE {role};"));
}

#[test]
fn postgres_backup_says_which_pg_dump_to_run() {
    let engine = Engine::postgres();
    let Engine::Postgres(address) = &engine else {
        unreachable!()
    };
    let register = PostgresRegister::connect(address, None).unwrap();
    let error = register
        .backup_to(std::path::Path::new(
            "/backups/register-backup-2026-06-01.sqlite3",
        ))
        .unwrap_err();
    match &error {
        RegisterError::ServerBackup { command } => {
            assert!(
                command.starts_with(
                    "pg_dump --format=custom --file=/backups/register-backup-2026-06-01.dump"
                ),
                "{command}"
            );
            assert!(command.contains(&address.dbname), "{command}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(register.schema_version().unwrap(), SCHEMA_VERSION);
}

/// Runs a command of the test's own set-up, failing the test if it fails.
fn sh(dir: &std::path::Path, script: &str) {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "{script}");
}

#[test]
fn postgres_tls_as_sslmode_asks_and_a_server_signed_by_another_ca_is_refused() {
    let private = server::start_private();
    let certs = tempfile::tempdir().unwrap();
    let dir = certs.path();
    // The clinic's CA, a server certificate it signs for localhost / 127.0.0.1, and a CA that
    // signed nothing here.
    sh(
        dir,
        "set -e; chmod 755 .
         openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 \
           -subj '/CN=Test clinic CA' 2>/dev/null
         openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.crt -days 2 \
           -subj '/CN=Another CA' 2>/dev/null
         openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr \
           -subj '/CN=localhost' 2>/dev/null
         printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > ext
         openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
           -out server.crt -days 2 -extfile ext 2>/dev/null
         chmod 600 server.key
         if [ \"$(id -u)\" -eq 0 ]; then chown postgres: server.key server.crt; fi",
    );
    let admin_address = private.address();
    let mut admin = admin(&admin_address);
    for sql in [
        format!(
            "ALTER SYSTEM SET ssl_cert_file = '{}'",
            dir.join("server.crt").display()
        ),
        format!(
            "ALTER SYSTEM SET ssl_key_file = '{}'",
            dir.join("server.key").display()
        ),
        "ALTER SYSTEM SET ssl = on".to_string(),
    ] {
        admin.batch_execute(&sql).unwrap();
    }
    admin.batch_execute("SELECT pg_reload_conf()").unwrap();
    let database = private.fresh_database();
    let encrypted_desks = |admin: &mut ::postgres::Client| -> i64 {
        admin
            .query_one(
                "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
                 WHERE a.application_name = 'dose-planner' AND s.ssl",
                &[],
            )
            .unwrap()
            .get(0)
    };
    let with = |host: &str, mode: dose_planner_register::SslMode, ca: Option<&str>| ServerAddress {
        host: host.into(),
        sslmode: mode,
        sslrootcert: ca.map(|c| dir.join(c)),
        ..database.clone()
    };
    use dose_planner_register::SslMode;

    let mut plain =
        PostgresRegister::connect(&with("127.0.0.1", SslMode::Disable, None), None).unwrap();
    let hanako = plain.add_patient(&patient("A-1", "Tanaka Hanako")).unwrap();
    assert_eq!(encrypted_desks(&mut admin), 0);
    // Every desk stays connected, so the count of encrypted sessions only grows.
    let mut desks = Vec::new();
    for (n, (host, mode, ca)) in [
        ("127.0.0.1", SslMode::Prefer, None),
        ("127.0.0.1", SslMode::Require, None),
        ("localhost", SslMode::VerifyFull, Some("ca.crt")),
        ("127.0.0.1", SslMode::VerifyFull, Some("ca.crt")),
    ]
    .into_iter()
    .enumerate()
    {
        let mut desk = PostgresRegister::connect(&with(host, mode, ca), None)
            .unwrap_or_else(|e| panic!("{host} {mode:?}: {e}"));
        assert_eq!(names(&desk, "tanaka"), ["Tanaka Hanako"]);
        let c = desk.add_course(&course(hanako)).unwrap();
        desk.add_visit(&visit(c, date(2026, 6, 1), 1)).unwrap();
        assert_eq!(
            encrypted_desks(&mut admin),
            i64::try_from(n).unwrap() + 1,
            "{host} {mode:?}"
        );
        desks.push(desk);
    }
    // Signed by a CA the clinic did not name: refused before anything is sent.
    let error = PostgresRegister::connect(
        &with("localhost", SslMode::VerifyFull, Some("other.crt")),
        None,
    )
    .unwrap_err();
    assert_eq!(error.code(), "server_away", "{error:?}");
    assert!(
        error
            .explain(Lang::En)
            .to_lowercase()
            .contains("certificate"),
        "{error:?}"
    );
    // A CA file that is not there is named.
    let error = PostgresRegister::connect(
        &with("localhost", SslMode::VerifyFull, Some("missing.crt")),
        None,
    )
    .unwrap_err();
    assert!(error.explain(Lang::En).contains("missing.crt"), "{error:?}");
}
