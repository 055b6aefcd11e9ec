-- Browsers enrolled as kiosks of an office: a shared browser that strangers use one after another.
-- An admin creates a row with a one-time enrolment code (its hash, valid until enrol_expires_at);
-- opening the link on the kiosk swaps it for a long-lived token kept in an HttpOnly cookie (its
-- hash here). Timestamps are UTC RFC 3339 text with whole seconds ("2026-11-27T08:00:00Z").
CREATE TABLE kiosks (
    id TEXT PRIMARY KEY,
    office TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    enrol_code_hash TEXT UNIQUE,
    enrol_expires_at TEXT,
    idle_seconds BIGINT NOT NULL,
    warning_seconds BIGINT NOT NULL,
    paper TEXT NOT NULL,
    -- The staff member who created the link, or "cli" for `server kiosk enrol`.
    enrolled_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    enrolled_at TEXT,
    revoked_at TEXT
);

CREATE INDEX kiosks_office ON kiosks (office);
