//! The shell (issues 13 and 14): where sheets live, the window, the About box.
//! Sheets come from three folders (the working folder's `pricing/`, the user's own sheets,
//! the package's examples); here every folder is a temporary one given to the app, never the
//! user's.

use crate::common::{banner, one_named, run};

use dose_planner::app::{Command, DesktopApp};
use dose_planner::files::{SheetFolder, SheetFolders};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

/// Today in every test.
fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 4, 1)
}

/// Three empty sheet folders in a temporary folder.
struct Folders {
    _tmp: tempfile::TempDir,
    working: PathBuf,
    mine: PathBuf,
    examples: PathBuf,
}

fn folders() -> Folders {
    let tmp = tempfile::tempdir().unwrap();
    let [working, mine, examples] = ["working", "mine", "examples"].map(|d| {
        let p = tmp.path().join(d);
        std::fs::create_dir(&p).unwrap();
        p
    });
    Folders {
        _tmp: tmp,
        working,
        mine,
        examples,
    }
}

impl Folders {
    fn sheet_folders(&self) -> SheetFolders {
        SheetFolders {
            working: Some(self.working.clone()),
            mine: Some(self.mine.clone()),
            examples: Some(self.examples.clone()),
        }
    }
}

/// Copies the repo's sheet `pricing/<from>` to `dir/<to>`.
fn put(dir: &Path, from: &str, to: &str) {
    std::fs::copy(Path::new("pricing").join(from), dir.join(to)).unwrap();
}

/// The app in English with these sheet folders.
fn app(folders: SheetFolders) -> Harness<'static, DesktopApp> {
    let mut h = Harness::builder()
        .with_size([1366.0, 728.0])
        .build_eframe(move |cc| {
            DesktopApp::with_options(cc, today(), Path::new("no-such-folder"))
                .with_sheet_folders(folders)
        });
    h.run();
    h.get_by_label("English").click();
    h.run();
    h
}

#[test]
fn the_folders_list_each_file_name_once_working_then_mine_then_examples() {
    let f = folders();
    // The same file name in all three: the working folder's (the telephone clinic) is listed.
    put(&f.working, "example-clinic-telephone.toml", "clinic.toml");
    put(&f.mine, "flat-clinic-jp.toml", "clinic.toml");
    put(&f.examples, "example-clinic-us.toml", "clinic.toml");
    // In mine and the examples: mine's (the two-products clinic).
    put(&f.mine, "flat-clinic-two-products.toml", "shared.toml");
    put(&f.examples, "example-clinic-kr.toml", "shared.toml");
    // Only in the examples.
    put(&f.examples, "example-clinic-home-test.toml", "home.toml");
    // Not a sheet: still listed, without a clinic.
    std::fs::write(f.mine.join("broken.toml"), "this is not a sheet").unwrap();
    // Not a .toml file: not listed.
    std::fs::write(f.mine.join("notes.txt"), "x").unwrap();

    let listed: Vec<(String, SheetFolder, Option<String>)> = f
        .sheet_folders()
        .list()
        .into_iter()
        .map(|s| {
            (
                s.path.file_name().unwrap().to_string_lossy().into_owned(),
                s.folder,
                s.clinic.map(|c| c.en.clone().unwrap_or_default()),
            )
        })
        .collect();
    let want = |name: &str, folder, clinic: Option<&str>| {
        (name.to_string(), folder, clinic.map(str::to_string))
    };
    assert_eq!(
        listed,
        [
            want(
                "clinic.toml",
                SheetFolder::Working,
                Some("Sample Skin Clinic Online")
            ),
            want("broken.toml", SheetFolder::Mine, None),
            want(
                "shared.toml",
                SheetFolder::Mine,
                Some("Futaba Aesthetic Dermatology")
            ),
            want(
                "home.toml",
                SheetFolder::Examples,
                Some("Minato Skin Clinic")
            ),
        ]
    );
    // A folder that does not exist lists nothing.
    let missing = SheetFolders {
        mine: Some(f.mine.join("nowhere")),
        ..SheetFolders::default()
    };
    assert!(missing.list().is_empty());
}

#[test]
fn the_picker_shows_clinic_file_and_folder_and_notices_a_new_sheet_when_opened() {
    let f = folders();
    put(&f.working, "example-clinic-telephone.toml", "online.toml");
    put(&f.examples, "example-clinic-home-test.toml", "home.toml");
    let mut h = app(f.sheet_folders());
    h.get_by_label("Price sheet").click();
    h.run();
    one_named(
        &h,
        "Sample Skin Clinic Online (online.toml) · working folder",
    );
    one_named(&h, "Minato Skin Clinic (home.toml) · examples");

    // A sheet saved into my sheets while the app runs is listed the next time the picker
    // opens (close it, open it again), with no restart.
    put(&f.mine, "flat-clinic-two-products.toml", "futaba.toml");
    h.get_by_label("Price sheet").click();
    h.run();
    h.get_by_label("Price sheet").click();
    h.run();
    h.run();
    h.get_by_label("Futaba Aesthetic Dermatology (futaba.toml) · my sheets")
        .click();
    h.run();
    assert_eq!(
        h.state().sheet.path.as_deref(),
        Some(f.mine.join("futaba.toml").as_path())
    );
}

#[test]
fn keep_a_copy_writes_the_sheet_into_my_sheets_and_uses_the_copy() {
    let f = folders();
    let elsewhere = tempfile::tempdir().unwrap();
    put(
        elsewhere.path(),
        "example-clinic-telephone.toml",
        "online.toml",
    );
    let mut h = app(f.sheet_folders());
    // "Open sheet…" loads a file from anywhere (the dialog ends in this command).
    run(
        &mut h,
        Command::LoadSheet(Some(elsewhere.path().join("online.toml"))),
    );
    h.get_by_label("Keep a copy in my sheets").click();
    h.run();
    h.run();

    let copy = f.mine.join("online.toml");
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(elsewhere.path().join("online.toml")).unwrap()
    );
    assert_eq!(
        banner(&h, false),
        format!("The sheet is now kept in your sheets: {}", copy.display())
    );
    assert_eq!(h.state().sheet.path.as_deref(), Some(copy.as_path()));
    assert_eq!(
        h.state().settings.last_sheet.as_deref(),
        Some(copy.as_path())
    );
    // The copy is in my sheets: nothing more to keep.
    assert!(h.query_by_label("Keep a copy in my sheets").is_none());

    // A sheet of the same name is never overwritten.
    let other = tempfile::tempdir().unwrap();
    put(other.path(), "flat-clinic-jp.toml", "online.toml");
    run(
        &mut h,
        Command::LoadSheet(Some(other.path().join("online.toml"))),
    );
    h.get_by_label("Keep a copy in my sheets").click();
    h.run();
    h.run();
    assert!(banner(&h, true).starts_with("A sheet with this file name is already in your sheets"));
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(elsewhere.path().join("online.toml")).unwrap()
    );
}

#[test]
fn the_about_box_shows_the_version_and_the_register_in_use() {
    let f = folders();
    let tmp = tempfile::tempdir().unwrap();
    let register = tmp.path().join("clinic-register.sqlite3");
    let mut h = app(f.sheet_folders());
    run(&mut h, Command::OpenRegister(register.clone()));
    h.get_by_label("About").click();
    h.run();
    h.run();
    // Plain labels: `get_by_label` finds exactly one, or fails.
    h.get_by_label(&format!("Version {}", env!("CARGO_PKG_VERSION")));
    h.get_by_label(&register.display().to_string());
    h.get_by_label(&f.mine.display().to_string());
    h.get_by_label("IPA Font License v1.0");
    h.get_by_label("SIL Open Font License 1.1");
    h.get_by_label("Close").click();
    h.run();
    assert!(!h.state().about_open);
}
