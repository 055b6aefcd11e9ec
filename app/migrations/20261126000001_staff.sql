-- Staff accounts, their sessions, and the append-only audit log. Portable SQL (SQLite and
-- PostgreSQL); timestamps are UTC RFC 3339 text with microseconds, so they sort as text.
CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    -- Lower case; what the staff member types to sign in.
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- An office name exactly as dossiers store it (dossiers.office).
    office TEXT NOT NULL,
    -- counter | clerk | head | admin
    role TEXT NOT NULL,
    -- argon2id, PHC string (salt and parameters included).
    password_hash TEXT NOT NULL,
    -- 1 active, 0 disabled by an admin (a disabled account keeps its audit history).
    active BIGINT NOT NULL,
    -- Wrong passwords in a row; reset by a right one or when the account is locked.
    failed_logins BIGINT NOT NULL,
    locked_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Sessions live here, so every server instance knows them; only a SHA-256 of the cookie's
-- random token is stored.
CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    client TEXT NOT NULL
);

CREATE INDEX staff_sessions_staff_id ON staff_sessions (staff_id);
CREATE INDEX staff_sessions_expires_at ON staff_sessions (expires_at);

-- Every staff action: who, what, when, from where. The application only ever inserts here.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    -- Empty for actions by nobody signed in (a failed login with an unknown name, the CLI).
    staff_id TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    client TEXT NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_staff_at ON audit_log (staff_id, at);

-- Drafts filed with staff at the counter (one row per draft; none for a citizen's own draft).
-- No foreign key to drafts: the 30-day purge of unsubmitted drafts stays the filing module's.
CREATE TABLE assisted_drafts (
    draft_id TEXT PRIMARY KEY,
    -- Who started it at the counter, or opened it with the citizen's resume code.
    staff_id TEXT NOT NULL,
    -- counter (filed with the citizen) | paper (paper dossier received) | code (opened by code)
    how TEXT NOT NULL,
    -- JSON array of the field ids whose answers staff saved.
    staff_fields TEXT NOT NULL,
    -- When the citizen confirmed the answers (ticked and typed the last 4 digits).
    confirmed_at TEXT,
    -- Set when submitted: the dossier's assisted record.
    dossier_code TEXT,
    created_at TEXT NOT NULL
);

CREATE INDEX assisted_drafts_dossier_code ON assisted_drafts (dossier_code);
