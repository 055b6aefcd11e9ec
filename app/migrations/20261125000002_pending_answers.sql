-- Answers sent with Continue from a page based on an older version of the draft, while the
-- citizen chooses between them and what was saved elsewhere (JSON: step and answers).
ALTER TABLE drafts ADD COLUMN pending TEXT;
