-- 0002 on PostgreSQL: each distinct frozen price sheet stored once, by its SHA-256 (see
-- ../0002_sheets_once.sql). Differences: the sheets' id is an identity column, and
-- `sha256_hex` is PostgreSQL's own sha256() (PostgreSQL 11+), the same digest the register's
-- code computes for new sheets.

CREATE OR REPLACE FUNCTION sha256_hex(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT encode(sha256(convert_to(t, 'UTF8')), 'hex') $$;

CREATE TABLE sheets (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256 TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(sha256) = 64),
    sheet_toml TEXT NOT NULL
);

ALTER TABLE courses ADD COLUMN sheet_id BIGINT REFERENCES sheets (id);

ALTER TABLE quotes ADD COLUMN sheet_id BIGINT REFERENCES sheets (id);

INSERT INTO sheets (sha256, sheet_toml)
SELECT DISTINCT sha256_hex(sheet_toml), sheet_toml FROM courses;

UPDATE courses
SET sheet_id = (SELECT s.id FROM sheets s WHERE s.sha256 = sha256_hex(courses.sheet_toml));

UPDATE quotes
SET sheet_id = (SELECT c.sheet_id FROM courses c WHERE c.id = quotes.course_id)
WHERE course_id IS NOT NULL;

ALTER TABLE courses DROP COLUMN sheet_toml;

CREATE INDEX courses_by_sheet ON courses (sheet_id);
