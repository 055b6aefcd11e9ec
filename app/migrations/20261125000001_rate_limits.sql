-- Counters of rate limits (guessing resume codes), shared by every server instance.
-- One row per key ("resume:client:<address>", "resume:all"); `window_start` is the start of the
-- current fixed window in Unix seconds, `count` what happened in it.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count BIGINT NOT NULL
);

CREATE INDEX rate_limits_window_start ON rate_limits (window_start);
