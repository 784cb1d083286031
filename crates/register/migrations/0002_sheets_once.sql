-- 0002: each distinct frozen price sheet is stored once, by its SHA-256, and referenced from
-- the courses and quotes priced with it (before, every course held its own copy: 100 imports
-- of one sheet stored it 100 times).
--
-- Portable SQL, as 0001 (SQLite 3.35+ and PostgreSQL: `ALTER TABLE … DROP COLUMN`).
-- The one thing SQL cannot do on both engines alike is hash a text, so existing sheets are
-- keyed with a function `sha256_hex(text) -> text` (64 lowercase hex digits of the SHA-256
-- of the text's UTF-8 bytes) that the engine provides before this file runs:
-- - SQLite: the register registers it on its connection (Rust, `sha2` crate; migrations.rs);
-- - PostgreSQL: `CREATE FUNCTION sha256_hex(t text) RETURNS text LANGUAGE sql IMMUTABLE
--   AS $$ SELECT encode(sha256(convert_to(t, 'UTF8')), 'hex') $$;` (PostgreSQL 11+).
-- New sheets are hashed by the register's code (the same SHA-256), never by the database.
--
-- The sheets' size limit (256 KB, the price-sheet limit) is applied by the code to every new
-- sheet; it is not a CHECK here, so a register that already holds a larger sheet still opens
-- with nothing lost.
-- `sheet_id` cannot be NOT NULL here (SQLite adds a column NOT NULL only with a default);
-- the register writes one for every course, and for every quote that has a course.

CREATE TABLE sheets (
    id INTEGER PRIMARY KEY,
    -- SHA-256 of the sheet's text (UTF-8), 64 lowercase hex digits.
    sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    -- The price sheet's TOML text, frozen as quoted; never changed once written.
    sheet_toml TEXT NOT NULL
);

ALTER TABLE courses ADD COLUMN sheet_id BIGINT REFERENCES sheets (id);

-- The sheet the quote was priced with (its course's).
ALTER TABLE quotes ADD COLUMN sheet_id BIGINT REFERENCES sheets (id);

-- Existing data, forward: one row per distinct sheet, each course and quote pointed at it.
INSERT INTO sheets (sha256, sheet_toml)
SELECT DISTINCT sha256_hex(sheet_toml), sheet_toml FROM courses;

UPDATE courses
SET sheet_id = (SELECT s.id FROM sheets s WHERE s.sha256 = sha256_hex(courses.sheet_toml));

UPDATE quotes
SET sheet_id = (SELECT c.sheet_id FROM courses c WHERE c.id = quotes.course_id)
WHERE course_id IS NOT NULL;

ALTER TABLE courses DROP COLUMN sheet_toml;

CREATE INDEX courses_by_sheet ON courses (sheet_id);
