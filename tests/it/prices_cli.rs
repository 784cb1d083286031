//! `dose-planner prices …` as a manager runs it: the sheet saved out as TOML and CSV, a CSV
//! edited and imported back (previewed, then written), a bulk change, hostile files refused
//! with the row and column named and nothing written.

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dose-planner"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}\nstdout: {out}\nstderr: {err}");
    out
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every sheet in pricing/, found by listing the folder (a new sheet is covered at once).
fn sheets() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pricing");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    assert!(v.len() >= 9);
    v
}

#[test]
fn every_sheet_survives_toml_and_csv_round_trips_byte_identical_with_the_same_quotes() {
    let tmp = tempfile::tempdir().unwrap();
    for sheet in sheets() {
        let (toml, csv, back) = (
            tmp.path().join("a.toml"),
            tmp.path().join("a.csv"),
            tmp.path().join("b.toml"),
        );
        ok(&[
            "prices",
            "--pricing",
            s(&sheet),
            "export",
            "--toml",
            s(&toml),
        ]);
        ok(&["prices", "--pricing", s(&sheet), "export", "--csv", s(&csv)]);
        let out = ok(&[
            "prices",
            "--pricing",
            s(&toml),
            "import",
            s(&csv),
            "--out",
            s(&back),
        ]);
        assert!(
            out.contains("0 changed, 0 new, 0 missing"),
            "{sheet:?}: {out}"
        );
        let (a, b) = (std::fs::read(&toml).unwrap(), std::fs::read(&back).unwrap());
        assert_eq!(a, b, "{sheet:?}: export → import is not byte-identical");
        // The same quotes: the whole JSON report (every month, line and total) on the
        // shipped file and on the round-tripped copy.
        let quote = |p: &Path| {
            ok(&[
                "quote",
                "--pricing",
                s(p),
                "--sex",
                "female",
                "--daily-mg",
                "20",
                "--months",
                "6",
                "--json",
            ])
        };
        let (a, b) = (quote(&sheet), quote(&back));
        let v: serde_json::Value = serde_json::from_str(&a).unwrap();
        assert!(v["total"].as_i64().unwrap() > 0, "{sheet:?}");
        assert_eq!(a, b, "{sheet:?}");
    }
}

#[test]
fn the_built_in_sheet_can_be_saved_out() {
    let tmp = tempfile::tempdir().unwrap();
    let toml = tmp.path().join("start.toml");
    let out = ok(&["prices", "export", "--toml", s(&toml)]);
    assert!(out.contains("written:"), "{out}");
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(
        text.contains("[consultation]\nfirst_visit = 3850\nreturn_visit = 1650\n"),
        "{text}"
    );
    // The saved sheet quotes like the built-in one.
    let a = ok(&[
        "quote",
        "--sex",
        "male",
        "--daily-mg",
        "40",
        "--months",
        "5",
    ]);
    let b = ok(&[
        "quote",
        "--pricing",
        s(&toml),
        "--sex",
        "male",
        "--daily-mg",
        "40",
        "--months",
        "5",
    ]);
    assert_eq!(a, b);
}

#[test]
fn an_edited_csv_is_previewed_then_written() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("list.csv");
    let out_toml = tmp.path().join("new.toml");
    ok(&["prices", "export", "--csv", s(&csv)]);
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "BOM for Excel");
    let text = String::from_utf8(bytes)
        .unwrap()
        .replace("capsules,20mg,,,,418,", "capsules,20mg,,,,440,");
    std::fs::write(&csv, text).unwrap();
    let out = ok(&["prices", "import", s(&csv), "--dry-run"]);
    assert!(out.contains("capsules/20mg: ¥418 → ¥440"), "{out}");
    assert!(out.contains("1 changed, 0 new, 0 missing"), "{out}");
    assert!(!out_toml.exists());
    ok(&["prices", "import", s(&csv), "--out", s(&out_toml)]);
    let quote = ok(&[
        "quote",
        "--pricing",
        s(&out_toml),
        "--sex",
        "male",
        "--daily-mg",
        "20",
        "--months",
        "1",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&quote).unwrap();
    // Month 1, man, 20 mg: 3,850 + 30 × 440 + 3,608 (blood test) = 20,658.
    assert_eq!(v["total"], serde_json::json!(20_658), "{quote}");
}

#[test]
fn hostile_csvs_are_refused_with_row_and_column_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("list.csv");
    let out_toml = tmp.path().join("new.toml");
    ok(&["prices", "export", "--csv", s(&csv)]);
    let base = std::fs::read_to_string(&csv).unwrap();
    let row = base
        .split("\r\n")
        .position(|l| l.starts_with("capsules,20mg"))
        .unwrap()
        + 1;
    let cases: Vec<(String, String)> = vec![
        (
            base.replace("capsules,20mg,,,,418,", "capsules,20mg,,,,-418,"),
            format!("row {row}, column F (price): a price cannot be negative"),
        ),
        (
            format!("{base}capsules,20mg,,,,1,capsule,\r\n"),
            format!("already on row {row}"),
        ),
        (
            format!("{base}tests,x,X,X,X,100,test,everyone; at_months=1 25\r\n"),
            "column H (schedule): 25 is past the schedule's limit of 24".to_string(),
        ),
        (
            base.replace("capsules,20mg,,,,418,capsule,", "capsules,\"20mg,,418"),
            "cannot be read".to_string(),
        ),
        (
            format!("{base}=cmd|' /C calc'!A0,x,,,,1,visit,\r\n"),
            "is not a section".to_string(),
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(&csv, text).unwrap();
        let (code, out, err) = run(&["prices", "import", s(&csv), "--out", s(&out_toml)]);
        assert_eq!(code, 2, "{out}{err}");
        assert!(err.contains(&expected), "expected {expected:?} in {err}");
        assert!(!out_toml.exists(), "nothing is written");
    }
    // In Japanese and Korean too.
    std::fs::write(
        &csv,
        base.replace("capsules,20mg,,,,418,", "capsules,20mg,,,,-418,"),
    )
    .unwrap();
    let (_, _, ja) = run(&["prices", "--lang", "ja", "import", s(&csv), "--dry-run"]);
    assert!(
        ja.contains(&format!(
            "{row} 行目、F (price) 列: 価格はマイナスにできません"
        )),
        "{ja}"
    );
    let (_, _, ko) = run(&["prices", "--lang", "ko", "import", s(&csv), "--dry-run"]);
    assert!(
        ko.contains(&format!("{row}행, F (price) 열: 가격은 음수일 수 없습니다")),
        "{ko}"
    );
}

#[test]
fn bulk_change_previews_old_to_new_and_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let out_toml = tmp.path().join("new.toml");
    // +5% on medication rounded to ¥10: 308 × 1.05 = 323.4 → 320; 418 × 1.05 = 438.9 → 440.
    let out = ok(&[
        "prices",
        "bulk",
        "--on",
        "medication",
        "--percent",
        "5",
        "--round-to",
        "10",
        "--out",
        s(&out_toml),
    ]);
    assert!(out.contains("capsules/10mg: ¥308 → ¥320"), "{out}");
    assert!(out.contains("capsules/20mg: ¥418 → ¥440"), "{out}");
    let text = std::fs::read_to_string(&out_toml).unwrap();
    assert!(text.contains("mg = 20\nprice = 440\n"), "{text}");
    let diff = ok(&["prices", "diff", s(&out_toml)]);
    assert!(diff.contains("capsules/20mg: ¥418 → ¥440"), "{diff}");
    // A change that would make a price negative is refused, nothing written.
    let refused = tmp.path().join("refused.toml");
    let (code, _, err) = run(&[
        "prices",
        "bulk",
        "--on",
        "consultation",
        "--amount",
        "-2000",
        "--out",
        s(&refused),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("return_visit"), "{err}");
    assert!(!refused.exists());
}
