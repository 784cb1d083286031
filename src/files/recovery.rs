//! The crash-recovery files: the plan in progress of each running app, autosaved while the
//! user works, and the plans left behind by apps that stopped without closing.
//!
//! Each running app writes its own `recovery-<pid>-<random>.json` in the app's data folder
//! and holds an exclusive lock on `recovery-<pid>-<random>.lock` for as long as it runs
//! (from its start, or at the latest from its first write). At start an app offers back only
//! the files whose lock it can take: the app that wrote them is gone (it crashed or was
//! killed), never a live one. While it offers a file it holds that file's lock too, so two
//! apps starting together do not both offer the same plan. A clean exit removes the app's
//! own files. A `recovery.json` left by an older version is offered back the same way.
//!
//! Files are read with [`super::read_quote_text`] only (regular files of at most 1 MiB), so a
//! pipe or a device put in place of a recovery file can neither block nor flood the app.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::{WriteError, io_reason, write_atomic};

/// The file-name prefix of every recovery file.
const PREFIX: &str = "recovery";

/// One recovery file and its lock: this app's own, or one left by an app that is gone
/// (then "adopted": its lock is held by this app while the plan is offered back).
#[derive(Debug)]
pub struct Recovery {
    dir: PathBuf,
    /// `recovery-<pid>-<random>` (or `recovery` for a file left by an older version).
    stem: String,
    /// The JSON file.
    path: PathBuf,
    /// The lock, once taken; released when this value is dropped (also when the app dies).
    lock: Mutex<Option<File>>,
    /// Left by an app that is gone (its files are removed with it), not this app's own.
    adopted: bool,
}

impl Recovery {
    /// This app's recovery file inside `dir`, under a name no other running app uses. Nothing
    /// is created until [`Recovery::hold`] or the first [`Recovery::save`].
    pub fn in_dir(dir: &Path) -> Recovery {
        let stem = format!("{PREFIX}-{}-{}", std::process::id(), random_tag());
        Recovery::with_stem(dir, stem, false)
    }

    fn with_stem(dir: &Path, stem: String, adopted: bool) -> Recovery {
        Recovery {
            dir: dir.to_path_buf(),
            path: dir.join(format!("{stem}.json")),
            stem,
            lock: Mutex::new(None),
            adopted,
        }
    }

    /// This app's recovery file in the user's data folder (`$XDG_DATA_HOME/dose-planner`, or
    /// `~/.local/share/dose-planner`), if a home folder is known.
    pub fn user_default() -> Option<Recovery> {
        Some(Recovery::in_dir(&super::places::data_dir()?))
    }

    /// Where the plan is written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder of the recovery files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn lock_path(&self) -> PathBuf {
        self.dir.join(format!("{}.lock", self.stem))
    }

    /// The marker written while a plan left behind is being restored (see
    /// [`Recovery::mark_restoring`]).
    fn marker_path(&self) -> PathBuf {
        self.dir.join(format!("{}.restoring", self.stem))
    }

    fn write_error(&self, e: &std::io::Error, path: &Path) -> WriteError {
        WriteError {
            path: path.display().to_string(),
            reason: io_reason(e, path),
        }
    }

    /// Takes this app's lock (creating the folder and the lock file), unless already held:
    /// from then on no other app offers this app's plan back.
    pub fn hold(&self) -> Result<(), WriteError> {
        let mut held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        if held.is_some() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir).map_err(|e| self.write_error(&e, &self.dir))?;
        let lock_path = self.lock_path();
        // Another app cleaning up may remove a lock file between its creation and its
        // locking (it looked unused): then lock a new one.
        for _ in 0..3 {
            let file = open_lock_file(&lock_path).map_err(|e| self.write_error(&e, &lock_path))?;
            match file.try_lock() {
                Ok(()) if still_linked(&file, &lock_path) => {
                    *held = Some(file);
                    return Ok(());
                }
                Ok(()) => continue,
                Err(std::fs::TryLockError::WouldBlock) => break,
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(self.write_error(&e, &lock_path));
                }
            }
        }
        Err(WriteError {
            path: lock_path.display().to_string(),
            reason: super::FileProblem::InUse,
        })
    }

    /// Writes the plan in progress (atomically), taking the lock first if needed.
    pub fn save(&self, quote: &crate::saved::SavedQuote) -> Result<(), WriteError> {
        self.hold()?;
        write_atomic(&self.path, crate::saved::to_json(quote).as_bytes())
    }

    /// The plan in this file: `None` when there is no file, an error (in words) when it
    /// cannot be read back, whatever its content (a panic while reading it is caught and
    /// reported, so a damaged file can never stop the app at every start).
    pub fn load(&self) -> Option<Result<crate::saved::Reopened, String>> {
        match std::fs::symlink_metadata(&self.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => return Some(Err(io_reason(&e, &self.path).to_string())),
            Ok(_) => {}
        }
        let text = match super::read_quote_text(&self.path) {
            Ok(t) => t,
            Err(e) => return Some(Err(e.to_string())),
        };
        let shown = self.path.display().to_string();
        let opened = std::panic::catch_unwind(|| crate::saved::open(&text, &shown));
        Some(match opened {
            Ok(result) => result.map_err(|e| e.to_string()),
            Err(_) => Err(format!(
                "{shown}: reading it stopped the app; it cannot be restored"
            )),
        })
    }

    /// Marks this plan as being restored. If the app stops before
    /// [`Recovery::discard`] removes the file with its marker, the plan is offered next
    /// time as one that stopped the app ([`Recovery::restore_was_interrupted`]), never
    /// restored automatically again.
    pub fn mark_restoring(&self) -> Result<(), WriteError> {
        let marker = self.marker_path();
        write_atomic(&marker, b"").map_err(|e| WriteError {
            path: marker.display().to_string(),
            reason: e.reason,
        })
    }

    /// Removes the marker of [`Recovery::mark_restoring`] (the plan stays offered). A missing
    /// marker is fine.
    pub fn unmark_restoring(&self) -> Result<(), WriteError> {
        remove_if_present(&self.marker_path())
    }

    /// Whether the app stopped while this plan was being restored.
    pub fn restore_was_interrupted(&self) -> bool {
        std::fs::symlink_metadata(self.marker_path()).is_ok()
    }

    /// Removes the plan (it was saved or discarded). This app keeps its lock; a plan left by
    /// another app goes with its lock file. A missing file is fine.
    pub fn discard(&self) -> Result<(), WriteError> {
        remove_if_present(&self.path)?;
        remove_if_present(&self.marker_path())?;
        if self.adopted {
            // Still locked by this app: no other app can be using it.
            remove_if_present(&self.lock_path())?;
        }
        Ok(())
    }

    /// The app closes normally: removes the plan and the lock file and releases the lock, so
    /// nothing is offered back at the next start.
    pub fn close(self) -> Result<(), WriteError> {
        remove_if_present(&self.path)?;
        remove_if_present(&self.marker_path())?;
        let held = self
            .lock
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some();
        if held || self.adopted {
            remove_if_present(&self.lock_path())?;
        }
        Ok(())
    }

    /// The plans left in this folder by apps that are gone, newest first, each with its lock
    /// now held by this app (dropping one releases it, and the plan is offered again at the
    /// next start). A live app's plan is never listed. Lock files whose plan is gone are
    /// removed on the way.
    pub fn left_behind(&self) -> Vec<Recovery> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<(Option<std::time::SystemTime>, Recovery)> = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let (stem, is_plan) = if let Some(s) = name.strip_suffix(".json") {
                (s, true)
            } else if let Some(s) = name.strip_suffix(".lock") {
                (s, false)
            } else {
                continue;
            };
            if !is_recovery_stem(stem) || stem == self.stem {
                continue;
            }
            let other = Recovery::with_stem(&self.dir, stem.to_string(), true);
            if !is_plan {
                // A lock file: remove it when its plan is gone and its app too.
                if std::fs::symlink_metadata(&other.path).is_err() && other.adopt() {
                    let _ = std::fs::remove_file(other.lock_path()); // tried again next start
                }
                continue;
            }
            if !other.adopt() {
                continue; // its app is running (or its lock cannot be taken): not ours to offer
            }
            match std::fs::symlink_metadata(&other.path) {
                // A time the system cannot give only changes the order shown.
                Ok(meta) => found.push((meta.modified().ok(), other)),
                // Removed by another app in the meantime.
                Err(_) => {
                    let _ = std::fs::remove_file(other.lock_path()); // tried again next start
                }
            }
        }
        found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.stem.cmp(&b.1.stem)));
        found.into_iter().map(|(_, r)| r).collect()
    }

    /// Takes the lock of a file left by another app: true when its app is gone.
    fn adopt(&self) -> bool {
        let lock_path = self.lock_path();
        // Only a regular lock file (or none yet, for an older version's file) is opened.
        if std::fs::symlink_metadata(&lock_path).is_ok_and(|m| !m.is_file()) {
            return false;
        }
        let Ok(file) = open_lock_file(&lock_path) else {
            return false;
        };
        // Held (its app runs), or removed and replaced since it was opened: not ours.
        if file.try_lock().is_err() || !still_linked(&file, &lock_path) {
            return false;
        }
        *self.lock.lock().unwrap_or_else(PoisonError::into_inner) = Some(file);
        true
    }
}

/// Whether `path` is still the file `file` has open (not removed, nor replaced, since).
fn still_linked(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Elsewhere an open file cannot be removed: the path is still the file opened.
        let _ = (file, path);
        true
    }
}

/// `recovery`, or `recovery-<anything>`.
fn is_recovery_stem(stem: &str) -> bool {
    stem == PREFIX
        || stem
            .strip_prefix(PREFIX)
            .is_some_and(|rest| rest.starts_with('-') && rest.len() > 1)
}

/// Opens (creating if needed) a lock file for reading and writing. Read-write never blocks,
/// even on a pipe.
fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

fn remove_if_present(path: &Path) -> Result<(), WriteError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(WriteError {
            path: path.display().to_string(),
            reason: io_reason(&e, path),
        }),
    }
}

/// 16 hex digits that differ between apps and between calls (std's random hasher keys,
/// the clock and a counter): with the process id, a name no other running app has.
fn random_tag() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("{:016x}", h.finish())
}
