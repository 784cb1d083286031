//! Where things are on this machine: the user's home and documents folders, the app's data
//! and sheets folders, and whether a program is installed (for the file dialog). Reads the
//! environment and `user-dirs.dirs` on Linux; asks the system (known folders, through
//! `directories`) on Windows.

use std::path::PathBuf;

/// Whether `program` is a file in one of the folders of `PATH`.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// The user's home folder, if known.
pub fn home_dir() -> Option<PathBuf> {
    ["HOME", "USERPROFILE"]
        .into_iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The user's documents folder (`XDG_DOCUMENTS_DIR`, from the environment or
/// `user-dirs.dirs`, e.g. `~/ドキュメント`; else `~/Documents`), else the home folder, else
/// the working folder. On Windows the system's Documents folder (wherever the user or
/// OneDrive moved it), else the same fallbacks.
pub fn documents_dir() -> PathBuf {
    #[cfg(windows)]
    if let Some(dir) = directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(PathBuf::from))
        .filter(|d| d.is_dir())
    {
        return dir;
    }
    let Some(home) = home_dir() else {
        return std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    };
    let configured = std::env::var_os("XDG_DOCUMENTS_DIR")
        .filter(|v| !v.is_empty())
        .map(|v| v.to_string_lossy().into_owned())
        .or_else(|| {
            let config = std::env::var_os("XDG_CONFIG_HOME")
                .filter(|v| !v.is_empty())
                .map_or_else(|| home.join(".config"), PathBuf::from);
            // A missing or unreadable file just means no such setting.
            let text = crate::files::read_text(&config.join("user-dirs.dirs"), 64 * 1024).ok()?;
            text.lines().find_map(|l| {
                let v = l.trim().strip_prefix("XDG_DOCUMENTS_DIR=")?;
                Some(v.trim_matches('"').to_string())
            })
        })
        .map(|v| match v.strip_prefix("$HOME") {
            Some(rest) => home.join(rest.trim_start_matches('/')),
            None => PathBuf::from(v),
        });
    [configured, Some(home.join("Documents"))]
        .into_iter()
        .flatten()
        .find(|d| d.is_dir() && *d != home)
        .unwrap_or(home)
}

/// The app's data folder (`$XDG_DATA_HOME/dose-planner`, or `~/.local/share/dose-planner`),
/// if a home folder is known: the recovery files and the register live there. On Windows the
/// user's local application-data folder, `%LOCALAPPDATA%\dose-planner`
/// (`C:\Users\<name>\AppData\Local\dose-planner`): this machine's data, not roamed.
pub fn data_dir() -> Option<PathBuf> {
    if cfg!(windows) {
        return directories::BaseDirs::new().map(|b| b.data_local_dir().join("dose-planner"));
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| home_dir().map(|h| h.join(".local/share")))?;
    Some(base.join("dose-planner"))
}

/// Where the register is: `$DOSE_PLANNER_REGISTER` when set (support calls, tests), else
/// `register.sqlite3` in the data folder.
pub fn default_register_path() -> Option<PathBuf> {
    std::env::var_os("DOSE_PLANNER_REGISTER")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| data_dir().map(|d| d.join("register.sqlite3")))
}

/// The user's own price sheets ("my sheets"): `pricing` in the app's config folder —
/// `$XDG_CONFIG_HOME/dose-planner/pricing` (else `~/.config/dose-planner/pricing`) on Linux,
/// `%APPDATA%\dose-planner\pricing` on Windows (the roaming application-data folder, so a
/// clinic's sheets follow the user between desks, beside the local data folder's name),
/// `~/Library/Application Support/io.github.doseplanner.dose-planner/pricing` on macOS.
/// `None` when no home folder is known.
pub fn config_sheets_dir() -> Option<PathBuf> {
    if cfg!(windows) {
        return directories::BaseDirs::new()
            .map(|b| b.config_dir().join("dose-planner").join("pricing"));
    }
    directories::ProjectDirs::from("io.github", "doseplanner", "dose-planner")
        .map(|p| p.config_dir().join("pricing"))
}

/// The example sheets the package installs, when that folder exists: found from the
/// program's own place ([`package_sheets_dir_for`]); `None` for a build run from source.
pub fn package_sheets_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    package_sheets_dir_for(&exe)
        .into_iter()
        .find(|dir| dir.is_dir())
}

/// Where an installed program's example sheets are, from the program's path, first match
/// first: `<prefix>/share/dose-planner/pricing` beside `<prefix>/bin` (the Debian package's
/// `/usr/share/dose-planner/pricing`, or `/usr/local`), `pricing` beside the program (the
/// Windows installers, cargo-packager `resources`), and `Resources/pricing` of a macOS
/// `.app` bundle (`Contents/MacOS/dose-planner`).
pub fn package_sheets_dir_for(exe: &std::path::Path) -> Vec<PathBuf> {
    let Some(bin) = exe.parent() else {
        return Vec::new();
    };
    let mut dirs = Vec::new();
    if let Some(prefix) = bin.parent() {
        if cfg!(target_os = "macos") {
            dirs.push(prefix.join("Resources").join("pricing"));
        }
        dirs.push(prefix.join("share").join("dose-planner").join("pricing"));
    }
    if cfg!(windows) {
        dirs.push(bin.join("pricing"));
    }
    dirs
}

/// PostgreSQL's password file, where libpq looks for it: `$PGPASSFILE`, else
/// `%APPDATA%\postgresql\pgpass.conf` on Windows, else `~/.pgpass` (for a register on a
/// server; the planner never stores a password itself).
pub fn pgpass_file() -> Option<PathBuf> {
    dose_planner_register::address::pgpass_path(
        std::env::var_os("PGPASSFILE").map(PathBuf::from),
        home_dir(),
        std::env::var_os("APPDATA").map(PathBuf::from),
    )
}

/// The operating system's user name (`$USER`, `%USERNAME%`): the role a server register
/// signs in as when its address names none, as PostgreSQL's own tools do.
pub fn os_user_name() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .into_iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty())
        .map(|v| v.to_string_lossy().into_owned())
}
