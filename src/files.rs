//! The shell's file access: reading price sheets, listing them, and writing files atomically
//! (temp file in the same folder, then rename), so nothing is ever half-written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::pricing::{self, PriceSheet, PricingError};

/// Why a price sheet could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The file could not be read.
    #[error("cannot read {path}: {reason}")]
    Read {
        /// The file.
        path: String,
        /// What the system said, in plain words.
        reason: String,
    },
    /// The file was read but is not a valid sheet.
    #[error("price sheet {0}")]
    Invalid(PricingError),
}

impl From<PricingError> for SheetError {
    fn from(e: PricingError) -> SheetError {
        SheetError::Invalid(e)
    }
}

/// Reads and parses the price sheet at `path`.
pub fn load_sheet(path: &Path) -> Result<PriceSheet, SheetError> {
    let text = read_text(path)?;
    Ok(pricing::parse(&text, &path.display().to_string())?)
}

/// Reads a UTF-8 text file, with the reason in plain words on failure.
pub fn read_text(path: &Path) -> Result<String, SheetError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| SheetError::Read {
        path: shown.clone(),
        reason: io_reason(&e, path),
    })?;
    String::from_utf8(bytes).map_err(|_| SheetError::Read {
        path: shown,
        reason: "the file is not UTF-8 text; save it as UTF-8".into(),
    })
}

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

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot save {path}: {reason}")]
pub struct WriteError {
    /// The file asked for.
    pub path: String,
    /// What went wrong, in plain words.
    pub reason: String,
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, flushed to disk, then
/// renamed over `path`. On any failure the old file (if any) is untouched and no temp file
/// is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let err = |reason: String| WriteError {
        path: path.display().to_string(),
        reason,
    };
    if path.is_dir() {
        return Err(err("that is a folder; choose a file name".into()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(err(format!("the folder {} does not exist", dir.display())));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".dose-planner-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| err(io_reason(&e, dir)))?;
    tmp.write_all(bytes).map_err(|e| err(io_reason(&e, dir)))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| err(io_reason(&e, dir)))?;
    tmp.persist(path)
        .map_err(|e| err(io_reason(&e.error, path)))?;
    Ok(())
}

/// An IO error in words a clinic worker understands.
pub fn io_reason(e: &std::io::Error, path: &Path) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or folder".into(),
        K::PermissionDenied => format!("permission denied for {}", path.display()),
        K::IsADirectory => "that is a folder, not a file".into(),
        K::StorageFull => "the disk is full".into(),
        K::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => e.to_string(),
    }
}

/// The crash-recovery file: the plan in progress, autosaved while the user works, offered
/// back at the next start, removed when the plan is saved or discarded. It lives in the
/// app's data folder, the only place patient data is written without the user saving it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    path: PathBuf,
}

impl Recovery {
    /// The recovery file inside `dir`.
    pub fn in_dir(dir: &Path) -> Recovery {
        Recovery {
            path: dir.join("recovery.json"),
        }
    }

    /// The recovery file in the user's data folder (`$XDG_DATA_HOME/dose-planner`, or
    /// `~/.local/share/dose-planner`), if a home folder is known.
    pub fn user_default() -> Option<Recovery> {
        let base = std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
        Some(Recovery::in_dir(&base.join("dose-planner")))
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the plan in progress (atomically; creates the folder if needed).
    pub fn save(&self, quote: &crate::saved::SavedQuote) -> Result<(), WriteError> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| WriteError {
                path: self.path.display().to_string(),
                reason: io_reason(&e, dir),
            })?;
        }
        write_atomic(&self.path, crate::saved::to_json(quote).as_bytes())
    }

    /// The plan left by a previous run, if any: `None` when there is no file, an error when
    /// it cannot be read back (it is then best discarded).
    pub fn load(&self) -> Option<Result<crate::saved::Reopened, String>> {
        let text = match std::fs::read(&self.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => return Some(Err(io_reason(&e, &self.path))),
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        };
        Some(crate::saved::open(&text, &self.path.display().to_string()).map_err(|e| e.to_string()))
    }

    /// Removes the file (the plan was saved or discarded). A missing file is fine.
    pub fn discard(&self) -> Result<(), WriteError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(WriteError {
                path: self.path.display().to_string(),
                reason: io_reason(&e, &self.path),
            }),
        }
    }
}
