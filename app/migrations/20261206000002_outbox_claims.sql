-- Each message sent once with several servers: a worker claims a batch until `claimed_until`
-- (UTC RFC 3339), sends, and records. A worker that died mid-send lets its claim lapse; another
-- then retries with the same idempotency key (the message id), so a gateway can drop the repeat.
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
