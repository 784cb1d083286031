//! The shell's file access: reading price sheets, listing them, and writing files atomically
//! (temp file in the same folder, then rename), so nothing is ever half-written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::pricing::{self, PriceSheet, PricingError};

/// Why a price sheet could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The file could not be read.
    #[error("cannot read the price sheet {path}: {reason}")]
    Read {
        /// The file.
        path: String,
        /// What the system said, in plain words.
        reason: String,
    },
    /// The file was read but is not a valid sheet.
    #[error("price sheet {0}")]
    Invalid(#[from] PricingError),
}

/// Reads and parses the price sheet at `path`.
pub fn load_sheet(path: &Path) -> Result<PriceSheet, SheetError> {
    let shown = path.display().to_string();
    let text = std::fs::read(path).map_err(|e| SheetError::Read {
        path: shown.clone(),
        reason: io_reason(&e, path),
    })?;
    let text = String::from_utf8(text).map_err(|_| SheetError::Read {
        path: shown.clone(),
        reason: "the file is not UTF-8 text; save it as UTF-8".into(),
    })?;
    Ok(pricing::parse(&text, &shown)?)
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
    tmp.persist(path).map_err(|e| err(io_reason(&e.error, path)))?;
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
