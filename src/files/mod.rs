//! The shell's file access: reading price sheets, listing them, and writing files atomically
//! (temp file in the same folder, then rename), so nothing is ever half-written.
//!
//! The one module that touches the file system (clippy's `disallowed-methods` keeps it so).

#![allow(
    clippy::disallowed_methods,
    reason = "src/files is the one place that reads and writes files and the environment's folders"
)]

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::{Arg, Lang};
use crate::pricing::{self, PriceSheet, PricingError};

/// What went wrong with a file, in words a clinic worker understands: a stable code, the
/// English text (`Display`) and [`FileProblem::explain`] in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// No such file or folder.
    NotFound,
    /// Permission denied (for this path).
    PermissionDenied(String),
    /// A folder where a file to read was expected.
    IsFolder,
    /// A folder given as the file to write.
    FolderGiven,
    /// A pipe, device or socket where a file was expected (never read: it could block).
    NotRegular,
    /// A pipe or device given as the file to write.
    NotRegularTarget,
    /// Larger than the most the planner reads.
    TooLarge {
        /// The limit, in KB.
        limit_kb: u64,
    },
    /// Not UTF-8 from the position given with the path on.
    NotUtf8,
    /// The disk is full.
    DiskFull,
    /// The disk is read-only.
    ReadOnly,
    /// A symbolic link loop.
    Loop,
    /// A pipe with nothing to read.
    NotReady,
    /// The folder to write into does not exist.
    FolderMissing(String),
    /// Another running copy of the app holds this file.
    InUse,
    /// Anything else, as the system words it.
    Other(String),
}

impl FileProblem {
    /// A stable code for scripts and tests.
    pub fn code(&self) -> &'static str {
        match self {
            FileProblem::NotFound => "not_found",
            FileProblem::PermissionDenied(_) => "permission_denied",
            FileProblem::IsFolder => "is_folder",
            FileProblem::FolderGiven => "folder_given",
            FileProblem::NotRegular => "not_regular",
            FileProblem::NotRegularTarget => "not_regular_target",
            FileProblem::TooLarge { .. } => "too_large",
            FileProblem::NotUtf8 => "not_utf8",
            FileProblem::DiskFull => "disk_full",
            FileProblem::ReadOnly => "read_only",
            FileProblem::Loop => "loop",
            FileProblem::NotReady => "not_ready",
            FileProblem::FolderMissing(_) => "folder_missing",
            FileProblem::InUse => "in_use",
            FileProblem::Other(_) => "other",
        }
    }

    /// The problem in `lang` (the system's own words for [`FileProblem::Other`]).
    pub fn explain(&self, lang: Lang) -> String {
        match self {
            FileProblem::PermissionDenied(p) => {
                lang.tr_args("file-permission-denied", &[("path", Arg::Str(p.clone()))])
            }
            FileProblem::TooLarge { limit_kb } => {
                lang.tr_args("file-too-large", &[("kb", Arg::Num(*limit_kb as f64))])
            }
            FileProblem::FolderMissing(d) => {
                lang.tr_args("file-folder-missing", &[("folder", Arg::Str(d.clone()))])
            }
            FileProblem::Other(text) => text.clone(),
            other => lang.tr(&format!("file-{}", other.code().replace('_', "-"))),
        }
    }
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.explain(Lang::En))
    }
}

/// Why a price sheet (or a saved quote) could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The file could not be read.
    #[error("cannot read {path}: {reason}")]
    Read {
        /// The file.
        path: String,
        /// What went wrong.
        reason: FileProblem,
    },
    /// The file was read but is not a valid sheet.
    #[error("price sheet {0}")]
    Invalid(PricingError),
}

impl SheetError {
    /// The message in `lang`.
    pub fn explain(&self, lang: Lang) -> String {
        match self {
            SheetError::Read { path, reason } => lang.tr_args(
                "file-cannot-read",
                &[
                    ("path", Arg::Str(path.clone())),
                    ("reason", Arg::Str(reason.explain(lang))),
                ],
            ),
            SheetError::Invalid(e) => lang.tr_args(
                "file-sheet-invalid",
                &[("error", Arg::Str(e.explain(lang)))],
            ),
        }
    }
}

impl From<PricingError> for SheetError {
    fn from(e: PricingError) -> SheetError {
        SheetError::Invalid(e)
    }
}

/// The largest price sheet read, in bytes (a real sheet is a few KB).
pub const MAX_SHEET_BYTES: u64 = 256 * 1024;
/// The largest saved quote or recovery file read, in bytes (a sheet and a plan).
pub const MAX_QUOTE_BYTES: u64 = 1024 * 1024;

/// Reads and parses the price sheet at `path`.
pub fn load_sheet(path: &Path) -> Result<PriceSheet, SheetError> {
    let text = read_sheet_text(path)?;
    Ok(pricing::parse(&text, &path.display().to_string())?)
}

/// Reads a price sheet's text (a regular file of at most [`MAX_SHEET_BYTES`]).
pub fn read_sheet_text(path: &Path) -> Result<String, SheetError> {
    read_text(path, MAX_SHEET_BYTES)
}

/// Reads a saved quote's text (a regular file of at most [`MAX_QUOTE_BYTES`]).
pub fn read_quote_text(path: &Path) -> Result<String, SheetError> {
    read_text(path, MAX_QUOTE_BYTES)
}

/// Reads a UTF-8 text file of at most `limit` bytes, with the reason in plain words on
/// failure. Only a regular file is read: a FIFO, a device (`/dev/zero`), a folder or a
/// socket is refused before it is opened, so nothing blocks and nothing grows without end.
pub fn read_text(path: &Path, limit: u64) -> Result<String, SheetError> {
    use std::io::Read;
    let shown = path.display().to_string();
    let fail = |reason: FileProblem| SheetError::Read {
        path: shown.clone(),
        reason,
    };
    // `metadata` follows symlinks (a loop is an error) and never opens the file.
    let meta = std::fs::metadata(path).map_err(|e| fail(io_reason(&e, path)))?;
    check_regular(&meta, limit).map_err(&fail)?;
    let file = open_nonblocking(path).map_err(|e| fail(io_reason(&e, path)))?;
    // The file may have been swapped since `metadata`: check what was actually opened.
    let meta = file.metadata().map_err(|e| fail(io_reason(&e, path)))?;
    check_regular(&meta, limit).map_err(&fail)?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_reason(&e, path)))?;
    if bytes.len() as u64 > limit {
        return Err(fail(too_large(limit)));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        SheetError::Read {
            path: format!("{shown}:{line}:{column}"),
            reason: FileProblem::NotUtf8,
        }
    })
}

fn too_large(limit: u64) -> FileProblem {
    FileProblem::TooLarge {
        limit_kb: limit / 1024,
    }
}

/// Refuses anything but a regular file of at most `limit` bytes.
fn check_regular(meta: &std::fs::Metadata, limit: u64) -> Result<(), FileProblem> {
    let ft = meta.file_type();
    if ft.is_dir() {
        return Err(FileProblem::IsFolder);
    }
    if !ft.is_file() {
        return Err(FileProblem::NotRegular);
    }
    if meta.len() > limit {
        return Err(too_large(limit));
    }
    Ok(())
}

/// Opens for reading without blocking on a FIFO that was swapped in after the check.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting.
        options.custom_flags(O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(all(unix, any(target_os = "linux", target_os = "android")))]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
const O_NONBLOCK: i32 = 0x0004; // macOS and the BSDs

/// The `.toml` files in `dir`, sorted by name; empty when the folder does not exist.
pub fn list_sheets(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    out.sort();
    out
}

/// Which of the sheet folders a listed sheet is in; the picker shows it beside the clinic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFolder {
    /// `pricing/` in the working folder.
    Working,
    /// The user's own sheets ([`places::config_sheets_dir`]).
    Mine,
    /// The package's examples ([`places::package_sheets_dir`]).
    Examples,
}

/// A sheet as the picker lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedSheet {
    /// Its file.
    pub path: PathBuf,
    /// The folder it was found in.
    pub folder: SheetFolder,
    /// The clinic's name from the sheet; `None` when the file cannot be read as a sheet
    /// (loading it then says why).
    pub clinic: Option<pricing::LocalText>,
}

/// A listed sheet reads as its file where a path is wanted (the dialog's start folder).
/// The sheet folders in the order they shadow one another.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetFolders {
    /// `pricing/` in the working folder.
    pub working: Option<PathBuf>,
    /// The user's config folder's `pricing`.
    pub mine: Option<PathBuf>,
    /// The package's examples.
    pub examples: Option<PathBuf>,
}

impl SheetFolders {
    /// The folders of this machine: `pricing/` under `working`, the user's config folder,
    /// and the package's examples when installed.
    pub fn of_user(working: PathBuf) -> SheetFolders {
        SheetFolders {
            working: Some(working),
            mine: places::config_sheets_dir(),
            examples: places::package_sheets_dir(),
        }
    }

    /// Only `dir` (tests, and a folder given on the command line).
    pub fn only(dir: &Path) -> SheetFolders {
        SheetFolders {
            working: Some(dir.to_path_buf()),
            ..SheetFolders::default()
        }
    }

    /// The sheets of every folder, each folder's sorted by name; a file name already listed
    /// from an earlier folder (working, then mine, then the examples) hides a later one.
    pub fn list(&self) -> Vec<ListedSheet> {
        let mut out: Vec<ListedSheet> = Vec::new();
        for (folder, dir) in [
            (SheetFolder::Working, &self.working),
            (SheetFolder::Mine, &self.mine),
            (SheetFolder::Examples, &self.examples),
        ] {
            let Some(dir) = dir else { continue };
            for path in list_sheets(dir) {
                if out.iter().any(|s| s.path.file_name() == path.file_name()) {
                    continue;
                }
                // An unreadable sheet is still listed: choosing it says what is wrong.
                let clinic = load_sheet(&path).ok().map(|s| s.clinic.name);
                out.push(ListedSheet {
                    path,
                    folder,
                    clinic,
                });
            }
        }
        out
    }
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot save {path}: {reason}")]
pub struct WriteError {
    /// The file asked for.
    pub path: String,
    /// What went wrong.
    pub reason: FileProblem,
}

impl WriteError {
    /// The message in `lang`.
    pub fn explain(&self, lang: Lang) -> String {
        lang.tr_args(
            "file-cannot-save",
            &[
                ("path", Arg::Str(self.path.clone())),
                ("reason", Arg::Str(self.reason.explain(lang))),
            ],
        )
    }
}

/// The prefix and suffix of the temporary files [`write_atomic`] writes beside a target.
const TEMP_PREFIX: &str = ".dose-planner-";
const TEMP_SUFFIX: &str = ".tmp";

/// Writes `bytes` to `path` atomically: a temporary file beside it (mode 0600, locked while
/// it is written), flushed to disk, then renamed over `path`. On any failure the old file (if
/// any) is untouched and no temp file is left behind. The result is always mode 0600
/// (patient data), whatever the umask and whatever the mode of the file it replaces.
/// Temporary files left in the same folder by a writer that was killed are removed first.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, bytes, |file, bytes| file.write_all(bytes))
}

/// [`write_atomic`] with the writing step given: the fault tests use it to make the disk
/// "fill up" part way through (`ENOSPC`) where no small filesystem can be mounted.
#[doc(hidden)]
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let err = |reason: FileProblem| WriteError {
        path: path.display().to_string(),
        reason,
    };
    // Saving onto a symbolic link writes the file it points to (as editors do), so the
    // link does not silently go stale; a loop or a dangling link is refused.
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(path) {
            Ok(p) => {
                resolved = p;
                resolved.as_path()
            }
            Err(e) => return Err(err(io_reason(&e, path))),
        },
        _ => path,
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(err(FileProblem::FolderGiven)),
        Ok(m) if !m.is_file() => {
            return Err(err(FileProblem::NotRegularTarget));
        }
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(err(io_reason(&e, path)));
        }
        _ => {}
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(err(FileProblem::FolderMissing(dir.display().to_string())));
    }
    remove_stale_temps(dir);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| err(io_reason(&e, dir)))?;
    // Held until the temp file is renamed or dropped: a lock that can be taken means the
    // writer is gone and the file is a leftover (see `remove_stale_temps`).
    tmp.as_file().lock().map_err(|e| err(io_reason(&e, dir)))?;
    #[cfg(unix)]
    {
        // The umask may have removed bits from 0600 (e.g. 0400): set it exactly.
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| err(io_reason(&e, dir)))?;
    }
    write(tmp.as_file_mut(), bytes).map_err(|e| err(io_reason(&e, dir)))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| err(io_reason(&e, dir)))?;
    tmp.persist(path)
        .map_err(|e| err(io_reason(&e.error, path)))?;
    // The rename is durable once the folder is synced (best effort: not every filesystem
    // lets a folder be opened; the data itself is already on disk).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all(); // a folder that cannot be synced leaves the file intact
    }
    Ok(())
}

/// Removes `.dose-planner-*.tmp` files in `dir` whose writer is gone (killed mid-write):
/// a live writer holds a lock on its temp file, so a file whose lock can be taken is a
/// leftover. Failures are ignored: a leftover that cannot be removed now is tried again at
/// the next write, and never stops this one.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let path = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let Ok(file) = std::fs::OpenOptions::new().read(true).open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let _ = std::fs::remove_file(&path); // retried at the next write if it fails
        }
    }
}

/// The `.dose-planner-*.tmp` leftovers in `dir` (for tests and the fault suite).
pub fn temp_files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(TEMP_PREFIX) && n.ends_with(TEMP_SUFFIX))
        })
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// An IO error as a [`FileProblem`] (words a clinic worker understands).
pub fn io_reason(e: &std::io::Error, path: &Path) -> FileProblem {
    use std::io::ErrorKind as K;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if e.raw_os_error() == Some(40) {
        // ELOOP
        return FileProblem::Loop;
    }
    match e.kind() {
        K::NotFound => FileProblem::NotFound,
        K::PermissionDenied => FileProblem::PermissionDenied(path.display().to_string()),
        K::IsADirectory => FileProblem::IsFolder,
        K::StorageFull => FileProblem::DiskFull,
        K::ReadOnlyFilesystem => FileProblem::ReadOnly,
        K::WouldBlock => FileProblem::NotReady,
        _ => FileProblem::Other(e.to_string()),
    }
}

pub mod places;
mod recovery;
pub use recovery::Recovery;

/// Makes `dir` and its parents if they are missing; a folder made here is readable by its
/// owner only (0700 on Unix): it holds patient data.
pub fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}
