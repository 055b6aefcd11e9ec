-- The dossier's legal life as the law now runs it (law-2026.md §2, Circular 03/2025/TT-VPCP):
-- the Mẫu 01 receipt issued at reception with a numbered receipt and a due hour, the national
-- portal's status codes, and "refused" split into not received (Mẫu 03) and stopped (Mẫu 05).
-- Portable SQL (SQLite and PostgreSQL).

-- The portal's status code (1-10) beside the status name, for reports to the portal.
ALTER TABLE dossiers ADD COLUMN portal_code BIGINT NOT NULL DEFAULT 1;
-- The result due moment (UTC RFC 3339), counted from reception; NULL before reception, when
-- `due_date` is only the provisional date ("if received today").
ALTER TABLE dossiers ADD COLUMN due_at TEXT;
-- Apologies given (Mẫu 04): at most one.
ALTER TABLE dossiers ADD COLUMN apologies BIGINT NOT NULL DEFAULT 0;

-- Refused before reception is "not received"; after, "stopped".
UPDATE dossier_events SET
    action = CASE WHEN from_status IN ('submitted') THEN 'not_receive' ELSE 'stop' END,
    to_status = CASE WHEN from_status IN ('submitted') THEN 'not_received' ELSE 'stopped' END
WHERE to_status = 'refused';
UPDATE dossiers SET status = CASE WHEN received_at IS NULL THEN 'not_received' ELSE 'stopped' END
WHERE status = 'refused';

UPDATE dossiers SET portal_code = CASE status
    WHEN 'submitted' THEN 1 WHEN 'received' THEN 2 WHEN 'not_received' THEN 3
    WHEN 'processing' THEN 4 WHEN 'supplement' THEN 5 WHEN 'completion' THEN 5
    WHEN 'payment' THEN 6 WHEN 'withdrawn' THEN 7 WHEN 'stopped' THEN 8 WHEN 'done' THEN 9
    WHEN 'returned' THEN 10 ELSE 1 END;
UPDATE dossiers SET apologies =
    (SELECT COUNT(*) FROM dossier_events e WHERE e.dossier_code = dossiers.code AND e.action = 'apologise');

-- The tracking book: one per office and year, numbered without gaps. The reception's
-- transaction takes the next number, so a rolled-back reception gives its number back.
CREATE TABLE receipt_books (
    office TEXT NOT NULL,
    year BIGINT NOT NULL,
    last_number BIGINT NOT NULL,
    PRIMARY KEY (office, year)
);

-- The Mẫu 01 receipt, as issued: what it printed must not change when the procedure does.
CREATE TABLE receipts (
    dossier_code TEXT PRIMARY KEY REFERENCES dossiers (code),
    office TEXT NOT NULL,
    year BIGINT NOT NULL,
    number BIGINT NOT NULL,
    received_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    officer_id TEXT NOT NULL,
    officer_name TEXT NOT NULL,
    -- JSON: [{"name": ..., "original": true, "count": 1}]
    documents TEXT NOT NULL,
    sets BIGINT NOT NULL,
    processing_days BIGINT NOT NULL,
    fee TEXT NOT NULL,
    collect_at TEXT NOT NULL,
    UNIQUE (office, year, number)
);

-- Dossiers received before receipts existed get theirs, numbered in the order received, due at
-- the office's result hour (16:30 in Vietnam, 09:30 UTC) of the due date they had.
INSERT INTO receipts (dossier_code, office, year, number, received_at, due_at, officer_id,
    officer_name, documents, sets, processing_days, fee, collect_at)
SELECT d.code, d.office, CAST(SUBSTR(d.received_at, 1, 4) AS BIGINT),
    ROW_NUMBER() OVER (PARTITION BY d.office, SUBSTR(d.received_at, 1, 4) ORDER BY d.received_at, d.code),
    d.received_at, d.due_date || 'T09:30:00+00:00',
    COALESCE((SELECT e.actor FROM dossier_events e WHERE e.dossier_code = d.code AND e.action = 'receive' ORDER BY e.seq LIMIT 1), ''),
    COALESCE((SELECT e.actor_name FROM dossier_events e WHERE e.dossier_code = d.code AND e.action = 'receive' ORDER BY e.seq LIMIT 1), ''),
    '[]', 1, 0, '', d.office
FROM dossiers d WHERE d.received_at IS NOT NULL;
UPDATE dossiers SET due_at = due_date || 'T09:30:00+00:00' WHERE received_at IS NOT NULL;
INSERT INTO receipt_books (office, year, last_number)
SELECT office, year, MAX(number) FROM receipts GROUP BY office, year;
