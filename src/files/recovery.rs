//! The crash-recovery file: the plan in progress, autosaved while the user works.

use std::path::{Path, PathBuf};

use super::{WriteError, io_reason, write_atomic};

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
