//! Windows counterparts of the Unix-only file tests (modes, FIFOs, symlinks are `cfg(unix)`):
//! replacing a file another program holds open, paths with a drive letter, backslashes and a
//! Japanese folder name, and the data and sheets folders. Run under Wine here
//! (`CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine`, README "Windows") and on a Windows runner.
#![cfg(windows)]

use std::os::windows::fs::OpenOptionsExt;
use std::path::Path;

use dose_planner::files;

/// `FILE_SHARE_READ`: what a program that keeps a document open and lets others only read it
/// asks for (no `FILE_SHARE_DELETE`, so the file can be neither renamed over nor deleted).
const SHARE_READ: u32 = 0x1;

fn content(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_file_held_open_by_another_program_is_refused_and_kept_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("見積.pdf");
    files::write_atomic(&target, b"old estimate").unwrap();
    let held = std::fs::OpenOptions::new()
        .read(true)
        .share_mode(SHARE_READ)
        .open(&target)
        .unwrap();
    // Windows cannot rename over a file open without FILE_SHARE_DELETE: an error, never a
    // half-written file, and no temp file left beside it.
    let refused = files::write_atomic(&target, b"new estimate");
    assert!(
        refused.is_err(),
        "replaced a file another program held open"
    );
    assert_eq!(content(&target), b"old estimate");
    assert!(files::temp_files_in(dir.path()).is_empty());
    drop(held);
    // Once the other program let go, the same save works.
    files::write_atomic(&target, b"new estimate").unwrap();
    assert_eq!(content(&target), b"new estimate");
    assert!(files::temp_files_in(dir.path()).is_empty());
}

#[test]
fn a_file_open_for_reading_with_delete_sharing_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("quote.json");
    files::write_atomic(&target, b"one").unwrap();
    // std opens files sharing read, write and delete: a reader like that never blocks a save.
    let reader = std::fs::File::open(&target).unwrap();
    files::write_atomic(&target, b"two").unwrap();
    assert_eq!(content(&target), b"two");
    drop(reader);
}

#[test]
fn paths_with_backslashes_and_japanese_folder_names_are_written_and_read() {
    let dir = tempfile::tempdir().unwrap();
    // tempdir() is a drive-letter path (C:\users\…\Temp\…): build on it with backslashes.
    let root = dir.path().display().to_string();
    assert!(root.as_bytes().get(1) == Some(&b':'), "{root}");
    let folder = format!("{root}\\患者 書類");
    std::fs::create_dir(&folder).unwrap();
    let file = format!("{folder}\\山田 花子.toml");
    files::write_atomic(Path::new(&file), "# 見積\n".as_bytes()).unwrap();
    assert_eq!(
        files::read_text(Path::new(&file), 1024).unwrap(),
        "# 見積\n"
    );
    assert_eq!(
        files::list_sheets(Path::new(&folder)),
        vec![Path::new(&file).to_path_buf()]
    );
}

#[test]
fn data_is_in_local_app_data_and_sheets_in_roaming() {
    let data = files::places::data_dir().expect("a data folder");
    assert!(
        data.ends_with("AppData\\Local\\dose-planner"),
        "{}",
        data.display()
    );
    let sheets = files::places::config_sheets_dir().expect("a sheets folder");
    assert!(
        sheets.ends_with("AppData\\Roaming\\dose-planner\\pricing"),
        "{}",
        sheets.display()
    );
}
