-- The draft open on each kiosk (app/src/drafts/session.rs): a kiosk's draft cookie counts only
-- while it names this draft, so the kiosk's reset ends the draft's session on the server even in
-- a browser that kept the cookie. The draft itself stays, and opens again with its resume code.
-- Hashes only: of the kiosk's token (as kiosks.token_hash) and of the resume code.
CREATE TABLE kiosk_drafts (
    kiosk_token_hash TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL
);
