-- Drafts submitted on a kiosk (app/src/kiosk, recorded at submission): the lookup says "nộp tại
-- ki-ốt" and the head's dashboard counts the kiosk as a channel of its own. One row per draft.
CREATE TABLE kiosk_dossiers (
    draft_id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);
