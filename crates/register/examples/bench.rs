//! The register's benchmark: ten years of a busy clinic (50,000 patients, 60,000 courses,
//! 300,000 visits, 60,000 quotes) generated in a temporary file in one transaction, then the
//! median of 20 runs of what a desk does all day:
//! - finding a patient by the start of a name or number (target ≤ 50 ms),
//! - opening a course with its visits (target ≤ 50 ms),
//! - the Quotes list of a month (target ≤ 100 ms),
//! - opening the register, its `quick_check` included (target ≤ 1 s).
//!
//! Run: `scripts/bench-register.sh` (`cargo run --release -p dose-planner-register
//! --example bench`). Exits 1 when a median misses its target. With a folder as argument
//! (`… --example bench -- /tmp/bench`), the register is left there to inspect.

use std::time::{Duration, Instant};

use dose_planner_core::{Money, Sex};
use dose_planner_register::{
    CourseId, CourseStatus, NewCourse, NewPatient, NewQuote, NewVisit, QuoteStatus, Register,
    RegisterError, SqliteRegister,
};
use jiff::ToSpan;
use jiff::civil::{Date, date};

const PATIENTS: u32 = 50_000;
/// One patient in five comes back for a second course.
const SECOND_COURSE_EVERY: u32 = 5;
const VISITS_PER_COURSE: u32 = 5;
const RUNS: usize = 20;

const SHEET: &str = include_str!("../../../pricing/reference-clinic-jp.toml");

const LATIN_FAMILY: [&str; 24] = [
    "Tanaka",
    "Suzuki",
    "Takahashi",
    "Watanabe",
    "Ito",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Kato",
    "Yoshida",
    "Yamada",
    "Sasaki",
    "Smith",
    "Johnson",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Kang",
];
const LATIN_GIVEN: [&str; 12] = [
    "Hanako", "Taro", "Yui", "Ken", "Aiko", "Sota", "Emma", "Liam", "Minji", "Jisoo", "Olivia",
    "Noah",
];
const KANJI_FAMILY: [&str; 12] = [
    "田中",
    "鈴木",
    "高橋",
    "渡辺",
    "伊藤",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
];
const KANJI_GIVEN: [&str; 8] = ["花子", "太郎", "結衣", "健", "愛子", "蒼太", "陽菜", "大翔"];
const HANGUL_FAMILY: [&str; 8] = ["김", "이", "박", "최", "정", "강", "조", "윤"];
const HANGUL_GIVEN: [&str; 8] = [
    "민지", "지수", "서연", "하준", "도윤", "서준", "지우", "하은",
];

/// A small deterministic generator (xorshift64*): the same register every run.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn name(dice: &mut Dice) -> String {
    match dice.below(3) {
        0 => format!("{} {}", dice.pick(&LATIN_FAMILY), dice.pick(&LATIN_GIVEN)),
        1 => format!("{} {}", dice.pick(&KANJI_FAMILY), dice.pick(&KANJI_GIVEN)),
        _ => format!("{}{}", dice.pick(&HANGUL_FAMILY), dice.pick(&HANGUL_GIVEN)),
    }
}

/// A day in the ten years 2016–2025.
fn day_in_ten_years(dice: &mut Dice) -> Date {
    let offset = i64::try_from(dice.below(3_650)).unwrap_or(0);
    date(2016, 1, 1)
        .checked_add(offset.days())
        .unwrap_or(date(2016, 1, 1))
}

struct Generated {
    courses: Vec<CourseId>,
}

fn generate(register: &mut SqliteRegister) -> Result<Generated, RegisterError> {
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    register.in_transaction(|r| {
        let mut courses = Vec::new();
        for n in 0..PATIENTS {
            let patient = r.add_patient(&NewPatient {
                number: format!("{n:06}"),
                name: name(&mut dice),
                date_of_birth: date(1980, 1, 1)
                    .checked_add(i64::try_from(dice.below(9_000)).unwrap_or(0).days())
                    .unwrap_or(date(1980, 1, 1)),
                sex: if dice.below(2) == 0 {
                    Sex::Female
                } else {
                    Sex::Male
                },
            })?;
            let course_count = if n % SECOND_COURSE_EVERY == 0 { 2 } else { 1 };
            for _ in 0..course_count {
                let start = day_in_ten_years(&mut dice);
                let course = r.add_course(&NewCourse {
                    patient,
                    start,
                    target_mg_per_kg: Some(120.0),
                    request_json: format!(
                        r#"{{"sex":"female","visit":"first","doses":[{{"mg":20}},{{"mg":40}},{{"mg":40}},{{"mg":40}},{{"mg":40}}],"weight_kg":60.0,"visit_every":1,"start":"{start}","target_mg_per_kg":120.0}}"#
                    ),
                    sheet_name: "Reference clinic".into(),
                    sheet_toml: SHEET.into(),
                    currency: "JPY".into(),
                    product: None,
                    status: CourseStatus::Completed,
                })?;
                courses.push(course);
                for month in 0..VISITS_PER_COURSE {
                    let day = start
                        .checked_add(i64::from(month * 30).days())
                        .unwrap_or(start);
                    r.add_visit(&NewVisit {
                        course,
                        date: day,
                        weight_kg: Some(55.0 + f64::from(u32::try_from(dice.below(20)).unwrap_or(0))),
                        daily_dose: if month == 0 { "20" } else { "40" }.into(),
                        dispensed: r#"{"20":30}"#.into(),
                        days_covered: 30,
                        missed_days: u32::try_from(dice.below(4)).unwrap_or(0),
                        tests_done: "liver,lipids".into(),
                        visit_kind: "in_person".into(),
                        charged: Money(12_100),
                    })?;
                }
                let status = QuoteStatus::ALL[dice.below(QuoteStatus::ALL.len())];
                r.add_quote(&NewQuote {
                    date: start,
                    patient,
                    course: Some(course),
                    total: Money(107_800),
                    currency: "JPY".into(),
                    status,
                    pdf_sha256: None,
                })?;
            }
        }
        Ok(Generated { courses })
    })
}

/// The median of `RUNS` timings of `work(run)`.
fn median(mut work: impl FnMut(usize) -> Result<usize, RegisterError>) -> (Duration, usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut rows = 0;
    for run in 0..RUNS {
        let started = Instant::now();
        match work(run) {
            Ok(n) => rows = n,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        }
        times.push(started.elapsed());
    }
    times.sort();
    (times[RUNS / 2], rows)
}

fn report(what: &str, (time, rows): (Duration, usize), target_ms: u128, ok: &mut bool) {
    let verdict = if time.as_millis() <= target_ms {
        "ok"
    } else {
        *ok = false;
        "SLOW"
    };
    println!(
        "{what:<46} median {:>8.3} ms (target ≤ {target_ms} ms), {rows} rows: {verdict}",
        time.as_secs_f64() * 1000.0
    );
}

fn main() {
    let temp = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("error: cannot make a temporary folder: {e}");
            std::process::exit(1);
        }
    };
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| temp.path().to_path_buf(), std::path::PathBuf::from);
    let path = dir.join("register.sqlite3");
    let run = || -> Result<bool, RegisterError> {
        let mut register = SqliteRegister::open(&path)?;
        let started = Instant::now();
        let generated = generate(&mut register)?;
        let took = started.elapsed();
        // Closing the last connection folds the write-ahead log into the file.
        drop(register);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!(
            "generated {PATIENTS} patients, {} courses, {} visits, {} quotes in one transaction \
             in {:.1} s; the file is {} MB",
            generated.courses.len(),
            generated.courses.len() * VISITS_PER_COURSE as usize,
            generated.courses.len(),
            took.as_secs_f64(),
            size / 1_000_000
        );
        let mut ok = true;
        // Opening checks the whole file (`PRAGMA quick_check`) before anything is written.
        report(
            "open the register (its checks included)",
            median(|_| SqliteRegister::open(&path).map(|_| 1)),
            1000,
            &mut ok,
        );
        // Timed on a freshly opened register, as a desk opens it in the morning.
        let register = SqliteRegister::open(&path)?;
        for query in ["tan", "田中", "김", "0421"] {
            report(
                &format!("find patients by {query:?} (first 50)"),
                median(|_| register.find_patients(query, 50).map(|p| p.len())),
                50,
                &mut ok,
            );
        }
        report(
            "find every patient whose name starts \"tan\"",
            median(|_| register.find_patients("tan", u32::MAX).map(|p| p.len())),
            50,
            &mut ok,
        );
        let mut dice = Dice(42);
        report(
            "open a course with its visits",
            median(|_| {
                let id = generated.courses[dice.below(generated.courses.len())];
                register.open_course(id).map(|c| c.visits.len())
            }),
            50,
            &mut ok,
        );
        report(
            "Quotes list of a month",
            median(|run| {
                let month = date(2016, 1, 1)
                    .checked_add((run as i64 * 5).months())
                    .unwrap_or(date(2016, 1, 1));
                register.quotes_of_month(month).map(|m| m.quotes.len())
            }),
            100,
            &mut ok,
        );
        Ok(ok)
    };
    match run() {
        Ok(true) => {}
        Ok(false) => std::process::exit(1),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
