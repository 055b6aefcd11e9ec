//! The outbox: messages to citizens (SMS, email) written in the same transaction as what they
//! tell about, and sent once by a worker (`server::notifications`) that claims them. Here is the
//! one way a message is queued; the dossier store and the SMS confirmation code both use it.

use chrono::{DateTime, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Sms,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }
}

/// A message to send, queued in the outbox with the change it tells about.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub channel: Channel,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

/// Queues `message` under `key` (a dossier code, or the draft a confirmation code is for), in
/// the caller's transaction.
pub async fn enqueue(
    conn: &mut sqlx::AnyConnection,
    key: &str,
    message: &Outgoing,
    now: DateTime<Utc>,
) -> std::result::Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (id, dossier_code, channel, recipient, subject, body, state,
             attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $7)",
    )
    .bind(crate::random::letters(24))
    .bind(key)
    .bind(message.channel.as_str())
    .bind(&message.recipient)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(now.to_rfc3339())
    .execute(conn)
    .await
    .map(|_| ())
}
