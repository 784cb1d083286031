//! The schema, as numbered SQL migrations compiled into the program, and their application.
//!
//! A migration is never edited once released: a change to the schema is a new file
//! `migrations/000N_what.sql` appended to [`MIGRATIONS`]. Each is applied in one transaction
//! together with its row in `schema_migrations(version, applied_at)`, so a register is always
//! exactly at one version. A register at a version newer than [`SCHEMA_VERSION`] is refused,
//! never written.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

/// One step of the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migration {
    /// The version the register is at once this step is applied (1, 2, …, no gaps).
    pub version: u32,
    /// The file's name, for people.
    pub name: &'static str,
    /// The SQL (portable between SQLite and PostgreSQL but for `INTEGER PRIMARY KEY`; see
    /// the file).
    pub sql: &'static str,
}

/// Every migration, oldest first.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_init.sql",
        sql: include_str!("../migrations/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "0002_sheets_once.sql",
        sql: include_str!("../migrations/0002_sheets_once.sql"),
    },
];

/// The schema version this build writes and reads: the last migration's.
pub const SCHEMA_VERSION: u32 = 2;

/// The SHA-256 of a text's UTF-8 bytes as 64 lowercase hex digits: the key of a frozen
/// sheet in the `sheets` table (0002).
pub fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    use std::fmt::Write;
    let digest = sha2::Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Defines `sha256_hex(text)` on the connection for the migrations' SQL (0002 keys the
/// sheets already in a register with it; PostgreSQL defines the same function in SQL).
fn define_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "sha256_hex",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text: String = ctx.get(0)?;
            Ok(sha256_hex(&text))
        },
    )
}

/// The table recording which migrations were applied, and when (the database's clock, in
/// UTC: the register never reads the computer's clock).
const BOOKKEEPING: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
)";

/// Why the schema could not be brought up to date.
#[derive(Debug)]
pub(crate) enum MigrateError {
    /// The register was written by a newer build.
    Newer { found: u32 },
    /// The database failed.
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> MigrateError {
        MigrateError::Sql(e)
    }
}

/// The version recorded in the register: 0 for a new, empty file.
pub(crate) fn current_version(conn: &Connection) -> rusqlite::Result<u32> {
    let has_table: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if has_table.is_none() {
        return Ok(0);
    }
    conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        [],
        |row| row.get(0),
    )
}

/// Brings the register up to [`SCHEMA_VERSION`], one transaction per migration; returns the
/// version. A register already up to date is only read (no write lock is taken), so opening
/// it never waits for another desk that is writing.
pub(crate) fn migrate(conn: &mut Connection) -> Result<u32, MigrateError> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Brings the register up to `target` (tests build older registers with it).
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<u32, MigrateError> {
    let found = current_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(MigrateError::Newer { found });
    }
    if found >= target {
        return Ok(found);
    }
    define_functions(conn)?;
    loop {
        // IMMEDIATE: two desks opening an old register at once take turns; the second finds
        // the work done when it gets the lock.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(BOOKKEEPING)?;
        let now = current_version(&tx)?;
        if now > SCHEMA_VERSION {
            return Err(MigrateError::Newer { found: now });
        }
        let Some(next) = MIGRATIONS
            .iter()
            .find(|m| m.version > now && m.version <= target)
        else {
            tx.commit()?;
            return Ok(now);
        };
        tx.execute_batch(next.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version) VALUES (?1)",
            [next.version],
        )?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_are_keyed_by_the_standard_sha256() {
        // FIPS 180-2's test vector.
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn migrations_are_numbered_one_by_one_and_the_last_is_the_schema_version() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(usize::try_from(m.version).unwrap(), i + 1, "{}", m.name);
            assert!(
                m.name.starts_with(&format!("{:04}_", m.version)),
                "{}",
                m.name
            );
            // Portable SQL: nothing only SQLite understands (comments aside).
            let sql: String = m
                .sql
                .lines()
                .map(|line| line.split("--").next().unwrap_or_default())
                .collect::<Vec<_>>()
                .join("\n")
                .to_ascii_uppercase();
            for word in ["AUTOINCREMENT", "WITHOUT ROWID", "PRAGMA", "STRICT"] {
                assert!(!sql.contains(word), "{} uses {word}", m.name);
            }
        }
        assert_eq!(MIGRATIONS.last().map(|m| m.version), Some(SCHEMA_VERSION));
    }
}
