-- A request for the citizen to confirm, on their own phone, the answers a helper typed: opened by
-- a QR code (a long random token) or a short code typed by hand. Only SHA-256 hashes of both are
-- kept. Bound to the draft and to the draft's version when it was made; used once; 15 minutes.
-- state: pending | confirmed | corrected (the citizen said what is wrong: correction) | void (a
-- newer request of the same draft replaced it).
CREATE TABLE phone_confirmations (
    token_hash TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    draft_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    staff_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    state TEXT NOT NULL,
    correction TEXT,
    answered_at TEXT
);
CREATE INDEX phone_confirmations_draft ON phone_confirmations (draft_id, created_at);
