//! The register from the command line (issue 12): saved quotes imported, a status set, the
//! month's Quotes list (text and CSV), a backup, a damaged register — on a real SQLite file in
//! a temp folder, through the binary as a clinic would run it.

use std::path::Path;
use std::process::Command;

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dose-planner"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DOSE_PLANNER_REGISTER", dir.join("data/register.sqlite3"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(dir, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

#[test]
fn saved_quotes_are_imported_listed_answered_exported_and_backed_up() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let q1 = dir.join("q1.json");
    let q2 = dir.join("q2.json");
    // Woman, 20 mg, 6 months with the monitor discount on the telephone sheet: month 1 =
    // 21,054 − 1,254 = 19,800, later months 18,854 − 1,254 = 17,600: 19,800 + 5 × 17,600 =
    // 107,800. Man, 40 mg, 4 months on the reference sheet: month 1 = 3,850 + 25,080 + 3,608 =
    // 32,538, later 1,650 + 25,080 + 3,608 = 30,338: 32,538 + 3 × 30,338 = 123,552.
    ok(
        dir,
        &[
            "quote",
            "--sex",
            "female",
            "--daily-mg",
            "20",
            "--months",
            "6",
            "--pricing",
            "pricing/example-clinic-telephone.toml",
            "--discount",
            "monitor",
            "--date",
            "2026-11-02",
            "--save",
            q1.to_str().unwrap(),
        ],
    );
    ok(
        dir,
        &[
            "quote",
            "--sex",
            "male",
            "--daily-mg",
            "40",
            "--months",
            "4",
            "--date",
            "2026-11-20",
            "--save",
            q2.to_str().unwrap(),
        ],
    );
    let out = ok(
        dir,
        &[
            "register",
            "import",
            q1.to_str().unwrap(),
            "--patient-number",
            "A-0001",
            "--patient-name",
            "田中 花子",
            "--birth",
            "1999-04-01",
        ],
    );
    assert_eq!(out.trim(), "Imported as quote #1 for patient A-0001.");
    ok(
        dir,
        &[
            "register",
            "import",
            q2.to_str().unwrap(),
            "--patient-number",
            "B-7",
            "--patient-name",
            "Kim Minji",
            "--birth",
            "2001-02-03",
        ],
    );
    // The register file and its folder are private.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.join("data")), 0o700);
        assert_eq!(mode(&dir.join("data/register.sqlite3")), 0o600);
    }
    let out = ok(dir, &["register", "status", "2", "accepted"]);
    assert_eq!(out.trim(), "Quote #2 is now accepted.");
    let csv = dir.join("november.csv");
    let out = ok(
        dir,
        &[
            "register",
            "quotes",
            "--month",
            "2026-11",
            "--csv",
            csv.to_str().unwrap(),
        ],
    );
    assert!(out.contains("¥107,800  issued"), "{out}");
    assert!(out.contains("¥123,552  accepted"), "{out}");
    assert!(
        out.contains("2 quotes: issued 1, accepted 1, declined 0"),
        "{out}"
    );
    // 107,800 + 123,552 = 231,352 quoted; 123,552 accepted; 1 of 1 answered.
    assert!(out.contains("Quoted ¥231,352; accepted ¥123,552"), "{out}");
    assert!(
        out.contains("Acceptance rate 100% (1 of 1 answered)"),
        "{out}"
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(
        text,
        "\u{feff}Date,Patient number,Patient,Total,Currency,Status\n\
         2026-11-02,A-0001,田中 花子,107800,JPY,issued\n\
         2026-11-20,B-7,Kim Minji,123552,JPY,accepted\n"
    );
    // Another month is empty.
    let out = ok(
        dir,
        &["register", "quotes", "--month", "2026-10", "--lang", "ja"],
    );
    assert!(out.contains("承諾率: まだ回答がありません"), "{out}");
    // A backup, and a second one the same day beside it (never over the first), each a
    // register with the same quotes.
    let out = ok(dir, &["register", "backup", "--to", dir.to_str().unwrap()]);
    assert!(out.starts_with("Backup written: "), "{out}");
    let out2 = ok(dir, &["register", "backup", "--to", dir.to_str().unwrap()]);
    assert!(out2.trim().ends_with("-2.sqlite3"), "{out2}");
    let backup = out.trim().strip_prefix("Backup written: ").unwrap();
    let listed = ok(
        dir,
        &[
            "register",
            "quotes",
            "--month",
            "2026-11",
            "--register",
            backup,
        ],
    );
    assert!(
        listed.contains("Quoted ¥231,352; accepted ¥123,552"),
        "{listed}"
    );
    // A quote that is not there.
    let (code, _, err) = run(dir, &["register", "status", "99", "declined"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_damaged_register_is_named_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.sqlite3");
    std::fs::write(&bad, b"these are not the bytes of a database, not at all").unwrap();
    let (code, out, err) = run(
        tmp.path(),
        &["register", "quotes", "--register", bad.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("bad.sqlite3"), "{err}");
    assert!(err.contains("Quotes, plans and PDFs"), "{err}");
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        b"these are not the bytes of a database, not at all"
    );
}

/// Saved quote files of format 1 (written by earlier releases) and 2 import unchanged: the
/// quote's total in the register is the file's own total.
#[test]
fn saved_files_of_both_formats_import_with_their_totals() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saved");
    let mut expected = Vec::new();
    for (i, name) in [
        "v1-korean.json",
        "v1-flat.json",
        "v2-telephone-discounts.json",
    ]
    .iter()
    .enumerate()
    {
        let path = format!("{fixtures}/{name}");
        let file: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let number = format!("P-{i}");
        ok(
            dir,
            &[
                "register",
                "import",
                &path,
                "--patient-number",
                &number,
                "--patient-name",
                "Test Patient",
                "--birth",
                "1990-01-01",
            ],
        );
        expected.push((
            file["quote_date"].as_str().unwrap().to_string(),
            file["total"].as_i64().unwrap(),
        ));
    }
    // Every quote, by its month, carries the file's total.
    for (date, total) in &expected {
        let csv = dir.join(format!("{date}.csv"));
        ok(
            dir,
            &[
                "register",
                "quotes",
                "--month",
                &date[..7],
                "--csv",
                csv.to_str().unwrap(),
            ],
        );
        let text = std::fs::read_to_string(&csv).unwrap();
        assert!(
            text.lines()
                .any(|l| l.starts_with(date.as_str()) && l.contains(&format!(",{total},"))),
            "{date} {total}: {text}"
        );
    }
}
