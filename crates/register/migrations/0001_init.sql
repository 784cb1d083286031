-- 0001: the register's first schema: patients, their courses, the visits of each course,
-- and the quotes given to patients.
--
-- Portable SQL (SQLite and PostgreSQL): type names both accept (TEXT, BIGINT,
-- DOUBLE PRECISION), CHECK constraints, no AUTOINCREMENT, no SQLite-only functions.
-- The one difference: `id INTEGER PRIMARY KEY` is SQLite's row id (assigned on insert);
-- PostgreSQL would write `id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY`.
-- Dates are ISO text `YYYY-MM-DD` (they sort and compare as dates); money is BIGINT minor
-- units (yen, won, cents), never a float.
-- The `*_key` columns hold the normalised search text (lowercase, full-width Latin folded,
-- hiragana folded to katakana) that the code computes; prefix searches are index range scans
-- (`key >= prefix AND key < next`). PostgreSQL needs those columns `COLLATE "C"` for the
-- range to follow code-point order, as SQLite's BINARY collation does.

CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    -- The clinic's own patient number (chart number), as written at the clinic.
    patient_number TEXT NOT NULL,
    number_key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('female', 'male'))
);

CREATE INDEX patients_by_name_key ON patients (name_key);

CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    patient_id BIGINT NOT NULL REFERENCES patients (id),
    start_date TEXT NOT NULL,
    target_mg_per_kg DOUBLE PRECISION,
    -- The course request (JSON) and the price sheet frozen as the quote used it: opaque text
    -- the app writes and reads back; the register never interprets it.
    request_json TEXT NOT NULL,
    sheet_name TEXT NOT NULL,
    sheet_toml TEXT NOT NULL,
    -- The sheet's currency (ISO 4217), in which the visits' amounts are charged.
    currency TEXT NOT NULL,
    product TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'completed', 'stopped'))
);

CREATE INDEX courses_by_patient ON courses (patient_id, start_date);

CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES courses (id),
    visit_date TEXT NOT NULL,
    weight_kg DOUBLE PRECISION,
    -- The daily dose from this visit on, as written: "40", or "50/40" for alternate days.
    daily_dose TEXT NOT NULL,
    -- What was handed over: capsules per strength or packs (text or JSON, the app's own).
    dispensed TEXT NOT NULL,
    days_covered BIGINT NOT NULL CHECK (days_covered >= 0),
    missed_days BIGINT NOT NULL CHECK (missed_days >= 0),
    tests_done TEXT NOT NULL,
    -- "in_person" or a price sheet's [[visit_kinds]] code.
    visit_kind TEXT NOT NULL,
    -- In the course's currency, minor units.
    charged_minor BIGINT NOT NULL
);

CREATE INDEX visits_by_course ON visits (course_id, visit_date);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    quote_date TEXT NOT NULL,
    patient_id BIGINT NOT NULL REFERENCES patients (id),
    course_id BIGINT REFERENCES courses (id),
    total_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('issued', 'accepted', 'declined', 'started', 'completed')),
    -- The exported PDF's SHA-256, 64 lowercase hex digits, when a PDF was made.
    pdf_sha256 TEXT CHECK (pdf_sha256 IS NULL OR length(pdf_sha256) = 64)
);

CREATE INDEX quotes_by_date ON quotes (quote_date);
CREATE INDEX quotes_by_patient ON quotes (patient_id);
CREATE INDEX quotes_by_course ON quotes (course_id);
