//! A real PostgreSQL server for the conformance suite (never a mock).
//!
//! `DOSE_PLANNER_TEST_PG` (a `postgres://` URL of a server on which the tests may create
//! databases; `.ci/run` sets it through `.ci/postgres.sh`) is used when set. Otherwise the
//! suite starts its own throw-away server with `.ci/postgres.sh --serve` (PostgreSQL's
//! programs must be installed: Debian's `postgresql`), which stops when this test process
//! ends. When neither works the PostgreSQL tests fail, saying why: they never pass without
//! a server.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use dose_planner_register::{RegisterAddress, ServerAddress};

/// A running server: its admin URL and, for one started here, the `pg_ctl` command line.
pub struct Server {
    pub admin_url: String,
    pub ctl: Option<String>,
    // Kept for the process's life: its end closes the script's stdin, which stops the server.
    _child: Option<Child>,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.ci/postgres.sh")
}

/// Starts a private throw-away server (its own data folder and port).
pub fn start_private() -> Server {
    let mut child = Command::new("bash")
        .arg(script())
        .arg("--serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run bash {}: {e}", script().display()));
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut url = None;
    let mut ctl = None;
    while url.is_none() || ctl.is_none() {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(u) = line.strip_prefix("url=") {
                    url = Some(u.to_string());
                } else if let Some(c) = line.strip_prefix("ctl=") {
                    ctl = Some(c.to_string());
                }
            }
            _ => {
                let mut why = String::new();
                if let Some(mut err) = child.stderr.take() {
                    let _ = err.read_to_string(&mut why); // best effort: we panic below anyway
                }
                panic!(
                    "no PostgreSQL server for the register's conformance tests: set \
                     DOSE_PLANNER_TEST_PG=postgres://USER@HOST:PORT/DB, or install PostgreSQL \
                     (Debian: apt-get install postgresql) so that the tests start their own.\n{why}"
                );
            }
        }
    }
    Server {
        admin_url: url.expect("url"),
        ctl,
        _child: Some(child),
    }
}

#[allow(
    clippy::disallowed_methods,
    reason = "the test harness finds its server"
)]
fn shared() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| match std::env::var("DOSE_PLANNER_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => Server {
            admin_url: url,
            ctl: std::env::var("DOSE_PLANNER_TEST_PG_CTL").ok(),
            _child: None,
        },
        _ => start_private(),
    })
}

impl Server {
    /// A new, empty database on this server, as a register address.
    pub fn fresh_database(&self) -> ServerAddress {
        static N: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "conformance_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin = ::postgres::Client::connect(&self.admin_url, ::postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot reach the test server {}: {e}", self.admin_url));
        // A database name cannot be a parameter; this one is made of letters and digits.
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let mut address = self.address();
        address.dbname = name;
        address
    }

    /// The server's address (its admin database).
    pub fn address(&self) -> ServerAddress {
        match RegisterAddress::parse(&self.admin_url) {
            Ok(RegisterAddress::Server(s)) => s,
            other => panic!("DOSE_PLANNER_TEST_PG is not a postgres:// URL: {other:?}"),
        }
    }

    /// Stops and starts the server (fast shutdown: connections are cut).
    pub fn restart(&self) {
        let ctl = self.ctl.as_deref().expect("a server started by the tests");
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("{ctl} -m fast restart -w >/dev/null"))
            .status()
            .unwrap();
        assert!(status.success(), "pg_ctl restart failed");
    }
}

/// The shared server of this test process.
pub fn server() -> &'static Server {
    shared()
}
