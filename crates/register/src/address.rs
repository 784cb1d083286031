//! Where the register is: a file on this computer (SQLite) or a PostgreSQL server.
//!
//! A register address is what a person types in the settings, after `--register`, or in
//! `$DOSE_PLANNER_REGISTER`: a file path (the default, SQLite) or a
//! `postgres://user@host:port/database?sslmode=…` URL (a shared server). A text that looks
//! like a URL (`scheme://…`) is never taken for a file name: an unknown scheme or a URL that
//! does not parse is an [`AddressError`], so `--register postgres:/host/db` can never create a
//! SQLite file under `./postgres:/`.
//!
//! The password is never part of an address (an address is kept in the settings): a URL with
//! one is refused. It comes from the standard PostgreSQL password file (`~/.pgpass`,
//! `$PGPASSFILE`, `%APPDATA%\postgresql\pgpass.conf` on Windows), read by [`pgpass_password`]
//! from the text the shell reads, or is asked at sign-in and kept in memory.
//!
//! This module does no IO: it parses text.

use std::fmt;
use std::path::{Path, PathBuf};

use dose_planner_core::i18n::{Arg, Lang};

/// How a connection to the server is protected, as PostgreSQL users know `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS (a server on this computer, or a network the clinic trusts).
    Disable,
    /// TLS when the server offers it, otherwise plain (PostgreSQL's default).
    Prefer,
    /// TLS always; the server's certificate is not checked (encrypted, not authenticated).
    Require,
    /// TLS always; the server's certificate must be signed by the clinic's CA
    /// (`sslrootcert`) and name the host.
    VerifyFull,
}

impl SslMode {
    /// The word in a URL.
    pub fn code(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyFull => "verify-full",
        }
    }

    fn from_code(code: &str) -> Option<SslMode> {
        [
            SslMode::Disable,
            SslMode::Prefer,
            SslMode::Require,
            SslMode::VerifyFull,
        ]
        .into_iter()
        .find(|m| m.code() == code)
    }
}

/// A PostgreSQL server and database holding the register (no password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    /// The role to sign in as; PostgreSQL's default (the operating system's user name) when
    /// not given.
    pub user: Option<String>,
    /// The server's host name or IP address.
    pub host: String,
    /// The server's port (5432 by default).
    pub port: u16,
    /// The database (`dose_planner` by default).
    pub dbname: String,
    /// How the connection is protected.
    pub sslmode: SslMode,
    /// The clinic's CA certificate (PEM), required by `verify-full`.
    pub sslrootcert: Option<PathBuf>,
}

/// The database a URL without one names.
pub const DEFAULT_DBNAME: &str = "dose_planner";

impl fmt::Display for ServerAddress {
    /// The URL as a person would type it again (never a password).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "postgres://")?;
        if let Some(user) = &self.user {
            write!(f, "{}@", encode(user))?;
        }
        if self.host.contains(':') {
            write!(f, "[{}]", self.host)?;
        } else {
            write!(f, "{}", self.host)?;
        }
        write!(
            f,
            ":{}/{}?sslmode={}",
            self.port,
            encode(&self.dbname),
            self.sslmode.code()
        )?;
        if let Some(ca) = &self.sslrootcert {
            write!(f, "&sslrootcert={}", encode(&ca.display().to_string()))?;
        }
        Ok(())
    }
}

/// A register address: a file (SQLite) or a server (PostgreSQL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterAddress {
    /// A SQLite file on this computer.
    File(PathBuf),
    /// A shared PostgreSQL server.
    Server(ServerAddress),
}

impl RegisterAddress {
    /// Parses what a person typed (see the module's documentation).
    pub fn parse(text: &str) -> Result<RegisterAddress, AddressError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(AddressError::Empty);
        }
        match scheme_of(trimmed) {
            None => Ok(RegisterAddress::File(PathBuf::from(text))),
            Some(scheme) => {
                let lower = scheme.to_ascii_lowercase();
                if lower == "postgres" || lower == "postgresql" {
                    parse_server(trimmed, scheme.len())
                        .map(RegisterAddress::Server)
                        .map_err(|problem| AddressError::Server {
                            address: redact(trimmed),
                            problem,
                        })
                } else {
                    Err(AddressError::UnknownScheme {
                        address: redact(trimmed),
                        scheme: scheme.to_string(),
                    })
                }
            }
        }
    }

    /// A path given as a path (never parsed as a URL): what a file picker returns.
    pub fn file(path: &Path) -> RegisterAddress {
        RegisterAddress::File(path.to_path_buf())
    }
}

impl fmt::Display for RegisterAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegisterAddress::File(path) => write!(f, "{}", path.display()),
            RegisterAddress::Server(server) => server.fmt(f),
        }
    }
}

/// The scheme when `text` looks like a URL (`scheme:/…` — one slash is enough to be a typo
/// of a URL rather than a file name); `None` for a file path, including Windows' `C:\…` and
/// `C:/…` (a one-letter "scheme" is a drive).
fn scheme_of(text: &str) -> Option<&str> {
    let (scheme, rest) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let is_scheme = first.is_ascii_alphabetic()
        && scheme.len() >= 2
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (is_scheme && rest.starts_with('/')).then_some(scheme)
}

/// The address with any password replaced by `***`, for messages.
fn redact(text: &str) -> String {
    let Some((scheme, rest)) = text.split_once("://") else {
        return text.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => text.to_string(),
        },
        None => text.to_string(),
    }
}

fn parse_server(text: &str, scheme_len: usize) -> Result<ServerAddress, ServerProblem> {
    let rest = text
        .get(scheme_len..)
        .and_then(|r| r.strip_prefix("://"))
        .ok_or(ServerProblem::Malformed)?;
    let (before_query, query) = match rest.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.split_once('/') {
        Some((a, p)) => (a, p),
        None => (before_query, ""),
    };
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let user = match userinfo {
        None => None,
        Some(u) if u.contains(':') => return Err(ServerProblem::PasswordInAddress),
        Some("") => return Err(ServerProblem::Malformed),
        Some(u) => Some(decode(u)?),
    };
    let (host, port_text) = if let Some(inner) = hostport.strip_prefix('[') {
        let (host, after) = inner.split_once(']').ok_or(ServerProblem::Malformed)?;
        match after {
            "" => (host.to_string(), None),
            _ => (
                host.to_string(),
                Some(after.strip_prefix(':').ok_or(ServerProblem::Malformed)?),
            ),
        }
    } else {
        match hostport.split_once(':') {
            Some((h, p)) => (decode(h)?, Some(p)),
            None => (decode(hostport)?, None),
        }
    };
    if host.is_empty() {
        return Err(ServerProblem::NoHost);
    }
    if host.contains(',') {
        return Err(ServerProblem::Malformed);
    }
    let port = match port_text {
        None => 5432,
        Some(p) => match p.parse::<u16>() {
            Ok(port) if port > 0 => port,
            _ => {
                return Err(ServerProblem::BadPort {
                    value: p.to_string(),
                });
            }
        },
    };
    let dbname = match decode(path)? {
        db if db.is_empty() => DEFAULT_DBNAME.to_string(),
        db if db.contains('/') => return Err(ServerProblem::Malformed),
        db => db,
    };
    let mut sslmode = SslMode::Prefer;
    let mut sslrootcert = None;
    for pair in query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(value)?;
        match key {
            "sslmode" => {
                sslmode = SslMode::from_code(&value).ok_or(ServerProblem::BadSslMode {
                    value: value.clone(),
                })?;
            }
            "sslrootcert" if !value.is_empty() => sslrootcert = Some(PathBuf::from(value)),
            "password" => return Err(ServerProblem::PasswordInAddress),
            other => {
                return Err(ServerProblem::UnknownOption {
                    name: other.to_string(),
                });
            }
        }
    }
    if sslmode == SslMode::VerifyFull && sslrootcert.is_none() {
        return Err(ServerProblem::NoCaFile);
    }
    Ok(ServerAddress {
        user,
        host,
        port,
        dbname,
        sslmode,
        sslrootcert,
    })
}

/// Percent-decoding (`%40` → `@`); malformed escapes or non-UTF-8 bytes are refused.
fn decode(text: &str) -> Result<String, ServerProblem> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = text.get(i + 1..i + 3).ok_or(ServerProblem::Malformed)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| ServerProblem::Malformed)?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| ServerProblem::Malformed)
}

/// Percent-encoding of everything but unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What is wrong with a `postgres://` address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerProblem {
    /// Not `postgres://user@host:port/database?options`.
    Malformed,
    /// No host after `postgres://`.
    NoHost,
    /// The port is not a number from 1 to 65535.
    BadPort {
        /// What was written.
        value: String,
    },
    /// A password in the address (it would be kept in the settings in plain text).
    PasswordInAddress,
    /// `sslmode` is none of disable, prefer, require, verify-full.
    BadSslMode {
        /// What was written.
        value: String,
    },
    /// `verify-full` without the clinic's CA file.
    NoCaFile,
    /// An option this planner does not know.
    UnknownOption {
        /// Its name.
        name: String,
    },
}

/// Why a register address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// Nothing was given.
    #[error("the register's address is empty")]
    Empty,
    /// A URL of another kind than `postgres://`.
    #[error("{address}: a register address is a file or a postgres:// URL, not {scheme}:")]
    UnknownScheme {
        /// The address (any password hidden).
        address: String,
        /// Its scheme.
        scheme: String,
    },
    /// A `postgres://` URL that cannot be used.
    #[error("{address}: {problem:?}")]
    Server {
        /// The address (any password hidden).
        address: String,
        /// What is wrong.
        problem: ServerProblem,
    },
}

impl AddressError {
    /// A stable code for logs and tests.
    pub fn code(&self) -> &'static str {
        match self {
            AddressError::Empty => "address_empty",
            AddressError::UnknownScheme { .. } => "address_unknown_scheme",
            AddressError::Server { problem, .. } => match problem {
                ServerProblem::Malformed => "address_malformed",
                ServerProblem::NoHost => "address_no_host",
                ServerProblem::BadPort { .. } => "address_bad_port",
                ServerProblem::PasswordInAddress => "address_password",
                ServerProblem::BadSslMode { .. } => "address_bad_sslmode",
                ServerProblem::NoCaFile => "address_no_ca_file",
                ServerProblem::UnknownOption { .. } => "address_unknown_option",
            },
        }
    }

    /// What is wrong and how to write it, in `lang`.
    pub fn explain(&self, lang: Lang) -> String {
        let addr = |a: &String| ("address", Arg::Str(a.clone()));
        match self {
            AddressError::Empty => lang.tr("register-address-empty"),
            AddressError::UnknownScheme { address, scheme } => lang.tr_args(
                "register-address-unknown-scheme",
                &[addr(address), ("scheme", Arg::Str(scheme.clone()))],
            ),
            AddressError::Server { address, problem } => match problem {
                ServerProblem::Malformed => {
                    lang.tr_args("register-address-malformed", &[addr(address)])
                }
                ServerProblem::NoHost => lang.tr_args("register-address-no-host", &[addr(address)]),
                ServerProblem::BadPort { value } => lang.tr_args(
                    "register-address-bad-port",
                    &[addr(address), ("value", Arg::Str(value.clone()))],
                ),
                ServerProblem::PasswordInAddress => {
                    lang.tr_args("register-address-password", &[addr(address)])
                }
                ServerProblem::BadSslMode { value } => lang.tr_args(
                    "register-address-bad-sslmode",
                    &[addr(address), ("value", Arg::Str(value.clone()))],
                ),
                ServerProblem::NoCaFile => {
                    lang.tr_args("register-address-no-ca-file", &[addr(address)])
                }
                ServerProblem::UnknownOption { name } => lang.tr_args(
                    "register-address-unknown-option",
                    &[addr(address), ("name", Arg::Str(name.clone()))],
                ),
            },
        }
    }
}

/// Where PostgreSQL's password file is, as libpq looks for it: `$PGPASSFILE` when set, else
/// `%APPDATA%\postgresql\pgpass.conf` on Windows, else `~/.pgpass`. The shell passes what it
/// read from the environment at start; this function reads nothing.
pub fn pgpass_path(
    pgpassfile: Option<PathBuf>,
    home: Option<PathBuf>,
    appdata: Option<PathBuf>,
) -> Option<PathBuf> {
    if let Some(path) = pgpassfile.filter(|p| !p.as_os_str().is_empty()) {
        return Some(path);
    }
    if cfg!(windows) {
        appdata.map(|a| a.join("postgresql").join("pgpass.conf"))
    } else {
        home.map(|h| h.join(".pgpass"))
    }
}

/// The password for `server` signing in as `user` in the text of a PostgreSQL password file
/// (lines `hostname:port:database:username:password`, `*` matching anything, `\:` and `\\`
/// escaped, `#` comments): the first line that matches, as libpq reads it.
pub fn pgpass_password(contents: &str, server: &ServerAddress, user: &str) -> Option<String> {
    let port = server.port.to_string();
    let wanted = [
        server.host.as_str(),
        port.as_str(),
        server.dbname.as_str(),
        user,
    ];
    for line in contents.lines() {
        let line = line.trim_end_matches('\r');
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_pgpass(line);
        let [host, port, db, role, password] = fields.as_slice() else {
            continue;
        };
        let matches = [host, port, db, role]
            .iter()
            .zip(wanted)
            .all(|(field, want)| field.as_str() == "*" || field.as_str() == want);
        if matches {
            return Some(password.clone());
        }
    }
    None
}

/// A password-file line's fields: split at unescaped `:`; the last field takes the rest.
fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        let field = fields.len();
        let current = fields.last_mut();
        match (c, current) {
            ('\\', Some(cur)) => {
                if let Some(next) = chars.next() {
                    cur.push(next);
                }
            }
            (':', Some(_)) if field < 5 => fields.push(String::new()),
            (c, Some(cur)) => cur.push(c),
            (_, None) => {}
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(text: &str) -> ServerAddress {
        match RegisterAddress::parse(text) {
            Ok(RegisterAddress::Server(s)) => s,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn refused(text: &str) -> String {
        RegisterAddress::parse(text).unwrap_err().code().to_string()
    }

    #[test]
    fn files_stay_files_and_urls_never_become_files() {
        for path in [
            "register.sqlite3",
            "/var/lib/clinic/register.sqlite3",
            "C:\\clinic\\register.sqlite3",
            "C:/clinic/register.sqlite3",
            "./postgres", // a file named postgres
            "名簿.sqlite3",
        ] {
            assert_eq!(
                RegisterAddress::parse(path).unwrap(),
                RegisterAddress::File(PathBuf::from(path)),
                "{path}"
            );
        }
        assert_eq!(refused("mysql://host/db"), "address_unknown_scheme");
        assert_eq!(
            refused("https://clinic.example/db"),
            "address_unknown_scheme"
        );
        assert_eq!(refused("postgres:/host/db"), "address_malformed");
        assert_eq!(refused("   "), "address_empty");
    }

    #[test]
    fn a_server_url_is_read_as_postgresql_users_write_it() {
        let s = server("postgres://sato@clinic-server:5433/register?sslmode=require");
        assert_eq!(
            s,
            ServerAddress {
                user: Some("sato".into()),
                host: "clinic-server".into(),
                port: 5433,
                dbname: "register".into(),
                sslmode: SslMode::Require,
                sslrootcert: None,
            }
        );
        let d = server("PostgreSQL://10.0.0.5");
        assert_eq!(
            (d.user, d.port, d.dbname.as_str(), d.sslmode),
            (None, 5432, DEFAULT_DBNAME, SslMode::Prefer)
        );
        let v6 = server(
            "postgres://%E4%BD%90%E8%97%A4@[fe80::1]:6000/db?sslmode=verify-full&sslrootcert=/etc/clinic/ca.pem",
        );
        assert_eq!(v6.user.as_deref(), Some("佐藤"));
        assert_eq!(v6.host, "fe80::1");
        assert_eq!(
            v6.sslrootcert.as_deref(),
            Some(Path::new("/etc/clinic/ca.pem"))
        );
        // Shown again as typed, and parsed back the same.
        assert_eq!(server(&v6.to_string()), v6);
        assert_eq!(
            s.to_string(),
            "postgres://sato@clinic-server:5433/register?sslmode=require"
        );
    }

    #[test]
    fn bad_server_urls_are_refused_with_what_is_wrong_and_no_password_shown() {
        assert_eq!(
            refused("postgres://sato:secret@host/db"),
            "address_password"
        );
        assert_eq!(
            refused("postgres://host/db?password=secret"),
            "address_password"
        );
        assert_eq!(refused("postgres://host:99999/db"), "address_bad_port");
        assert_eq!(refused("postgres://host:0/db"), "address_bad_port");
        assert_eq!(refused("postgres:///db"), "address_no_host");
        assert_eq!(
            refused("postgres://host/db?sslmode=verify-ca"),
            "address_bad_sslmode"
        );
        assert_eq!(
            refused("postgres://host/db?sslmode=verify-full"),
            "address_no_ca_file"
        );
        assert_eq!(
            refused("postgres://host/db?options=-c%20x"),
            "address_unknown_option"
        );
        assert_eq!(refused("postgres://host/a/b"), "address_malformed");
        assert_eq!(refused("postgres://host/%ZZ"), "address_malformed");
        let error = RegisterAddress::parse("postgres://sato:secret@host/db").unwrap_err();
        for lang in Lang::ALL {
            let text = error.explain(lang);
            assert!(!text.contains("secret"), "{text}");
            assert!(text.contains("sato:***@host"), "{text}");
        }
    }

    #[test]
    fn every_address_error_explains_itself_in_every_language() {
        for text in [
            "",
            "ftp://x/y",
            "postgres:/x",
            "postgres:///x",
            "postgres://h:x/d",
            "postgres://u:p@h/d",
            "postgres://h/d?sslmode=x",
            "postgres://h/d?sslmode=verify-full",
            "postgres://h/d?x=1",
        ] {
            let error = RegisterAddress::parse(text).unwrap_err();
            for lang in Lang::ALL {
                let said = error.explain(lang);
                assert!(!said.starts_with("register-"), "{lang:?}: {said}");
                assert!(!said.contains("{ $"), "{lang:?}: {said}");
            }
        }
    }

    #[test]
    fn the_password_file_is_read_as_libpq_reads_it() {
        let s = server("postgres://sato@clinic-server:5432/register");
        let file = "# clinic\n\
                    other:5432:*:sato:wrong\n\
                    clinic-server:5432:register:suzuki:not-mine\n\
                    clinic-server:*:register:sato:pa\\:ss\\\\word:x\n\
                    *:*:*:*:fallback\n";
        assert_eq!(
            pgpass_password(file, &s, "sato").as_deref(),
            Some("pa:ss\\word:x")
        );
        assert_eq!(
            pgpass_password(file, &s, "tanaka").as_deref(),
            Some("fallback")
        );
        assert_eq!(pgpass_password("", &s, "sato"), None);
        assert_eq!(
            pgpass_path(Some("/x/pgpass".into()), Some("/home/a".into()), None),
            Some(PathBuf::from("/x/pgpass"))
        );
        if cfg!(unix) {
            assert_eq!(
                pgpass_path(None, Some("/home/a".into()), None),
                Some(PathBuf::from("/home/a/.pgpass"))
            );
        }
    }
}
