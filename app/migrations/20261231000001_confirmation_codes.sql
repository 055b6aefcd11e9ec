-- Codes sent by SMS to confirm a draft filed with help (one live code per draft; a new one
-- replaces it). Only a hash of the code is kept, salted with the draft id. A code confirms only
-- the version of the answers it was sent for, until `expires_at` (UTC RFC 3339), once; it is
-- deleted when used and after `tries` reaches the allowed wrong tries.
CREATE TABLE confirmation_codes (
    draft_id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL,
    version BIGINT NOT NULL,
    phone TEXT NOT NULL,
    tries BIGINT NOT NULL DEFAULT 0,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
