-- A claim names its worker (a random token per claimed batch): before each send the worker renews
-- its claim for this one message, and a worker whose claim lapsed (and was perhaps taken by
-- another) finds it no longer holds the message and does not send it.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
