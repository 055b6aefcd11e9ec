//! The outbox: messages to the citizen, queued in the transaction of the change they tell
//! about and sent by a background worker, with retries.

use super::{Outgoing, Result, enqueue, time};
use crate::db::{Db, Engine};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

/// A message in the outbox.
#[derive(Clone, Debug, PartialEq)]
pub struct QueuedMessage {
    pub id: String,
    pub dossier_code: String,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
}

fn message_from_row(row: &sqlx::any::AnyRow) -> Result<QueuedMessage> {
    Ok(QueuedMessage {
        id: row.try_get("id")?,
        dossier_code: row.try_get("dossier_code")?,
        channel: row.try_get("channel")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        state: row.try_get("state")?,
        attempts: row.try_get("attempts")?,
        last_error: row.try_get("last_error")?,
        created_at: time(&row.try_get::<String, _>("created_at")?)?,
    })
}

const MESSAGE_COLUMNS: &str =
    "id, dossier_code, channel, recipient, subject, body, state, attempts, last_error, created_at";

/// The messages of one dossier, oldest first (the clerk's page shows them).
pub async fn messages_of(db: &Db, code: &str) -> Result<Vec<QueuedMessage>> {
    let rows = sqlx::query(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM outbox WHERE dossier_code = $1 ORDER BY created_at, id"
    ))
    .bind(code)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(message_from_row).collect()
}

/// Messages whose time to be (re)tried has come (whether claimed or not: for pages and tests).
pub async fn due_messages(db: &Db, now: DateTime<Utc>, limit: i64) -> Result<Vec<QueuedMessage>> {
    let rows = sqlx::query(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM outbox
         WHERE state = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at LIMIT $2"
    ))
    .bind(now.to_rfc3339())
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(message_from_row).collect()
}

/// How long, in seconds, a worker holds a message it claimed (or renewed) before another may
/// retry it. A send must end well within it: the senders time out sooner.
pub const CLAIM_LEASE_SECS: i64 = 120;

/// The database's clock `secs` seconds from now, as fixed-width UTC text (`crate::db::stamp`'s
/// form): every server's lease is measured by the one clock they share, not by its own.
fn db_clock(db: &Db, secs: i64) -> String {
    match db.engine {
        Engine::Sqlite => format!("strftime('%Y-%m-%dT%H:%M:%f000Z', 'now', '{secs:+} seconds')"),
        Engine::Postgres => format!(
            "to_char(clock_timestamp() AT TIME ZONE 'UTC' + INTERVAL '{secs} seconds', \
             'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
        ),
    }
}

/// Messages one worker claimed together, under one token of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub token: String,
    pub messages: Vec<QueuedMessage>,
}

/// Claims up to `limit` messages due at `now` for `lease_secs` of the database's clock, in one
/// statement: two servers never get the same message while a claim holds. PostgreSQL skips
/// rows another worker is claiming at this instant; SQLite has one writer at a time.
pub async fn claim_due(db: &Db, now: DateTime<Utc>, lease_secs: i64, limit: i64) -> Result<Claim> {
    let lock = match db.engine {
        Engine::Postgres => "FOR UPDATE SKIP LOCKED",
        Engine::Sqlite => "",
    };
    let token = crate::random::letters(16);
    let (db_now, until) = (db_clock(db, 0), db_clock(db, lease_secs));
    let rows = sqlx::query(&format!(
        "UPDATE outbox SET claimed_until = {until}, claimed_by = $2
         WHERE id IN (
             SELECT id FROM outbox
             WHERE state = 'pending' AND next_attempt_at <= $1
                 AND (claimed_until IS NULL OR claimed_until <= {db_now})
             ORDER BY next_attempt_at LIMIT $3 {lock})
         RETURNING {MESSAGE_COLUMNS}"
    ))
    .bind(now.to_rfc3339())
    .bind(&token)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    let mut messages: Vec<QueuedMessage> =
        rows.iter().map(message_from_row).collect::<Result<_>>()?;
    messages.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    Ok(Claim { token, messages })
}

/// Just before sending `message`, holds it for another `lease_secs`, in one statement. False
/// when the claim is no longer this worker's (its lease ran out, whether or not another worker
/// took the message since, or the message was dealt with): then it must not be sent.
pub async fn renew_claim(
    db: &Db,
    claim: &Claim,
    message: &QueuedMessage,
    lease_secs: i64,
) -> Result<bool> {
    let (db_now, until) = (db_clock(db, 0), db_clock(db, lease_secs));
    let renewed = sqlx::query(&format!(
        "UPDATE outbox SET claimed_until = {until}
         WHERE id = $1 AND claimed_by = $2 AND state = 'pending' AND attempts = $3
             AND claimed_until > {db_now}"
    ))
    .bind(&message.id)
    .bind(&claim.token)
    .bind(message.attempts)
    .execute(&db.pool)
    .await?;
    Ok(renewed.rows_affected() == 1)
}

/// Gives back claimed messages this worker will not send (its server is stopping), so that
/// another server sends them now rather than when the lease runs out. Only a claim still ours
/// is given back.
pub async fn release_claims(db: &Db, claim: &Claim, messages: &[QueuedMessage]) -> Result<()> {
    for message in messages {
        sqlx::query(
            "UPDATE outbox SET claimed_until = NULL, claimed_by = NULL
             WHERE id = $1 AND state = 'pending' AND claimed_by = $2",
        )
        .bind(&message.id)
        .bind(&claim.token)
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}

/// How a sending attempt went.
#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    Sent,
    /// No way to send on this channel is configured: not an error to retry forever.
    Skipped(String),
    Failed(String),
}

/// Attempts before a message is given up (about a day with the backoff below).
pub const MAX_ATTEMPTS: i64 = 10;

/// Waiting time before attempt `attempts + 1`: 30 s doubling, at most 4 hours.
pub fn backoff(attempts: i64) -> Duration {
    let secs = 30i64.saturating_mul(1 << attempts.clamp(0, 20));
    Duration::seconds(secs.min(4 * 3600))
}

/// Records an attempt. Only a message still pending is changed (two workers never both count).
pub async fn record_delivery(
    db: &Db,
    message: &QueuedMessage,
    outcome: &Delivery,
    now: DateTime<Utc>,
) -> Result<()> {
    let attempts = message.attempts + 1;
    let (state, error, next) = match outcome {
        Delivery::Sent => ("sent", None, now),
        Delivery::Skipped(why) => ("skipped", Some(why.clone()), now),
        Delivery::Failed(why) if attempts >= MAX_ATTEMPTS => ("failed", Some(why.clone()), now),
        Delivery::Failed(why) => ("pending", Some(why.clone()), now + backoff(attempts)),
    };
    sqlx::query(
        "UPDATE outbox SET state = $1, attempts = $2, last_error = $3, next_attempt_at = $4,
             sent_at = CASE WHEN $1 = 'sent' THEN $5 ELSE sent_at END, claimed_until = NULL,
             claimed_by = NULL
         WHERE id = $6 AND state = 'pending' AND attempts = $7",
    )
    .bind(state)
    .bind(attempts)
    .bind(error)
    .bind(next.to_rfc3339())
    .bind(now.to_rfc3339())
    .bind(&message.id)
    .bind(message.attempts)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Queues messages outside a status change (the submission's acknowledgement).
pub async fn enqueue_all(
    db: &Db,
    code: &str,
    messages: &[Outgoing],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut tx = db.pool.begin().await?;
    for message in messages {
        enqueue(&mut tx, code, message, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
