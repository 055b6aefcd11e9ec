-- Portable SQL: the same migration runs on SQLite and PostgreSQL. Timestamps are UTC RFC 3339 text.
CREATE TABLE drafts (
    id TEXT PRIMARY KEY,
    -- SHA-256 of the resume code: the code itself is never stored.
    code_hash TEXT NOT NULL UNIQUE,
    procedure_id TEXT NOT NULL,
    answers TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    dossier_code TEXT
);

CREATE TABLE dossiers (
    code TEXT PRIMARY KEY,
    draft_id TEXT NOT NULL UNIQUE REFERENCES drafts (id),
    procedure_id TEXT NOT NULL,
    office TEXT NOT NULL,
    answers TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    due_date TEXT NOT NULL
);

CREATE INDEX drafts_updated_at ON drafts (updated_at);
