-- The back office: the life of a dossier after submission. Portable SQL (SQLite and PostgreSQL).

-- Optimistic concurrency: two clerks acting on the same dossier, one wins, the other is told.
ALTER TABLE dossiers ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- When the office took it in, and when it was done and returned (UTC RFC 3339), for the dashboard.
ALTER TABLE dossiers ADD COLUMN received_at TEXT;
ALTER TABLE dossiers ADD COLUMN done_at TEXT;
ALTER TABLE dossiers ADD COLUMN returned_at TEXT;
-- The open supplement request: what is missing (plain words), and the local date it was asked.
ALTER TABLE dossiers ADD COLUMN supplement_note TEXT;
ALTER TABLE dossiers ADD COLUMN paused_on TEXT;
-- Working days the citizen held the dossier (clock paused), all requests together.
ALTER TABLE dossiers ADD COLUMN paused_days BIGINT NOT NULL DEFAULT 0;
-- How many supplement requests the dossier had.
ALTER TABLE dossiers ADD COLUMN supplements BIGINT NOT NULL DEFAULT 0;
-- The due date first given on the receipt; `due_date` moves with pauses and apologies.
ALTER TABLE dossiers ADD COLUMN first_due_date TEXT;

CREATE INDEX dossiers_office_status ON dossiers (office, status);

-- The history both the citizen and the clerk see: one row per change, `seq` the dossier's
-- version after it. `actor` is a staff id, or 'citizen'.
CREATE TABLE dossier_events (
    dossier_code TEXT NOT NULL REFERENCES dossiers (code),
    seq BIGINT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    note TEXT,
    PRIMARY KEY (dossier_code, seq)
);

-- Messages to send, written in the same transaction as the change they tell about, and
-- drained by a background worker. `state`: pending, sent, failed (gave up), skipped (no channel).
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    dossier_code TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);

CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_dossier ON outbox (dossier_code);

-- One satisfaction rating per dossier, after the result is returned.
CREATE TABLE ratings (
    dossier_code TEXT PRIMARY KEY REFERENCES dossiers (code),
    score BIGINT NOT NULL,
    comment TEXT,
    created_at TEXT NOT NULL
);
