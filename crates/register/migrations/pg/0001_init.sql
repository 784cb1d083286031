-- 0001 on PostgreSQL: the same schema as ../0001_init.sql (patients, courses, visits, quotes),
-- with the two differences PostgreSQL needs:
-- - ids are `BIGINT GENERATED ALWAYS AS IDENTITY` (SQLite's `INTEGER PRIMARY KEY` is its row id);
-- - the `*_key` search columns are `COLLATE "C"`, so prefix ranges (`key >= prefix AND
--   key < next`) follow code-point order as SQLite's BINARY collation does, whatever the
--   database's own collation, and their indexes serve those ranges.
-- Dates stay ISO text `YYYY-MM-DD` and money BIGINT minor units, as on SQLite.

CREATE TABLE patients (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_number TEXT NOT NULL,
    number_key TEXT COLLATE "C" NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT COLLATE "C" NOT NULL,
    date_of_birth TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('female', 'male'))
);

CREATE INDEX patients_by_name_key ON patients (name_key);

CREATE TABLE courses (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id BIGINT NOT NULL REFERENCES patients (id),
    start_date TEXT NOT NULL,
    target_mg_per_kg DOUBLE PRECISION,
    request_json TEXT NOT NULL,
    sheet_name TEXT NOT NULL,
    sheet_toml TEXT NOT NULL,
    currency TEXT NOT NULL,
    product TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'completed', 'stopped'))
);

CREATE INDEX courses_by_patient ON courses (patient_id, start_date);

CREATE TABLE visits (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES courses (id),
    visit_date TEXT NOT NULL,
    weight_kg DOUBLE PRECISION,
    daily_dose TEXT NOT NULL,
    dispensed TEXT NOT NULL,
    days_covered BIGINT NOT NULL CHECK (days_covered >= 0),
    missed_days BIGINT NOT NULL CHECK (missed_days >= 0),
    tests_done TEXT NOT NULL,
    visit_kind TEXT NOT NULL,
    charged_minor BIGINT NOT NULL
);

CREATE INDEX visits_by_course ON visits (course_id, visit_date);

CREATE TABLE quotes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quote_date TEXT NOT NULL,
    patient_id BIGINT NOT NULL REFERENCES patients (id),
    course_id BIGINT REFERENCES courses (id),
    total_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('issued', 'accepted', 'declined', 'started', 'completed')),
    pdf_sha256 TEXT CHECK (pdf_sha256 IS NULL OR length(pdf_sha256) = 64)
);

CREATE INDEX quotes_by_date ON quotes (quote_date);
CREATE INDEX quotes_by_patient ON quotes (patient_id);
CREATE INDEX quotes_by_course ON quotes (course_id);
