//! Confirmation codes sent by SMS (table `confirmation_codes`, one live code per draft).
//!
//! Only a hash of the code is stored, salted with the draft id (a copy of the table gives no
//! code to type). A code confirms the version of the answers it was sent for, until it expires,
//! once. Every try is counted before the code is compared (tries sent at once all count), and
//! after `MAX_TRIES` wrong ones the code is void.

use crate::db::{Db, stamp};
use crate::outbox::{Channel, Outgoing, enqueue};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// How long a code can be typed after it was sent.
pub const LIFETIME_MINUTES: i64 = 15;
/// Wrong tries before a code is void.
pub const MAX_TRIES: i64 = 5;
/// Digits in a code.
pub const DIGITS: usize = 6;

/// The stored form of `code` for `draft_id`.
pub fn code_hash(draft_id: &str, code: &str) -> String {
    format!(
        "{:x}",
        Sha256::digest(format!("confirmation-code\0{draft_id}\0{code}").as_bytes())
    )
}

/// A fresh code of `DIGITS` random digits.
pub fn new_code() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..DIGITS)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

/// What was typed, spaces and dashes aside.
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .take(20)
        .collect()
}

/// Keeps a new code for the draft's `version`, replacing any earlier one (which then opens
/// nothing), and queues `sms` to `phone` in the outbox in the same transaction: the outbox
/// worker sends it once, whichever server claims it. The message is filed under `outbox_key`
/// (the draft has no dossier code yet).
#[allow(clippy::too_many_arguments)]
pub async fn issue(
    db: &Db,
    draft_id: &str,
    code: &str,
    version: i64,
    phone: &str,
    sms: &str,
    outbox_key: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO confirmation_codes
             (draft_id, code_hash, version, phone, tries, expires_at, created_at)
         VALUES ($1, $2, $3, $4, 0, $5, $6)
         ON CONFLICT (draft_id) DO UPDATE SET code_hash = $2, version = $3, phone = $4,
             tries = 0, expires_at = $5, created_at = $6",
    )
    .bind(draft_id)
    .bind(code_hash(draft_id, code))
    .bind(version)
    .bind(phone)
    .bind(stamp(now + Duration::minutes(LIFETIME_MINUTES)))
    .bind(stamp(now))
    .execute(&mut *tx)
    .await?;
    if !sms.is_empty() {
        let message = Outgoing {
            channel: Channel::Sms,
            recipient: phone.to_string(),
            subject: String::new(),
            body: sms.to_string(),
        };
        enqueue(&mut tx, outbox_key, &message, now).await?;
    }
    tx.commit().await
}

/// A code that can still be typed: sent for `version`, not expired, not used up.
pub async fn waiting(
    db: &Db,
    draft_id: &str,
    version: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "SELECT draft_id FROM confirmation_codes
         WHERE draft_id = $1 AND version = $2 AND expires_at > $3 AND tries < $4",
    )
    .bind(draft_id)
    .bind(version)
    .bind(stamp(now))
    .bind(MAX_TRIES)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.is_some())
}

/// How a typed code went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checked {
    /// The right code for this version: used now, it opens nothing again.
    Right,
    /// Not the code; `left` more tries.
    Wrong { left: i64 },
    /// Too many wrong tries: the code is void, a new one must be sent.
    Void,
    /// No code is waiting (never sent, already used, or replaced).
    NoCode,
    /// The code's time ran out.
    Expired,
    /// The answers changed since the code was sent: it confirms an older version.
    Changed,
}

/// Checks `typed` against the draft's code, for the draft's current `version`.
pub async fn check(
    db: &Db,
    draft_id: &str,
    typed: &str,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Checked, sqlx::Error> {
    // The try is counted first, in one statement: tries sent at once each use one up.
    let row = sqlx::query(
        "UPDATE confirmation_codes SET tries = tries + 1
         WHERE draft_id = $1 AND tries < $2
         RETURNING code_hash, version, tries, expires_at",
    )
    .bind(draft_id)
    .bind(MAX_TRIES)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(NoCode);
    };
    let stored: String = row.try_get("code_hash")?;
    let sent_for: i64 = row.try_get("version")?;
    let tries: i64 = row.try_get("tries")?;
    let expires: String = row.try_get("expires_at")?;
    let expired = DateTime::parse_from_rfc3339(&expires)
        .map(|at| at.with_timezone(&Utc) <= now)
        .unwrap_or(true);
    if expired {
        forget(db, draft_id, &stored).await?;
        return Ok(Expired);
    }
    let right = code_hash(draft_id, &normalise(typed)) == stored;
    if right && sent_for != version {
        // The right code, for answers that have changed since: it confirms nothing now.
        forget(db, draft_id, &stored).await?;
        return Ok(Changed);
    }
    if right {
        // Used once: only the request that deletes it confirms.
        return Ok(match forget(db, draft_id, &stored).await? {
            true => Right,
            false => NoCode,
        });
    }
    if tries >= MAX_TRIES {
        forget(db, draft_id, &stored).await?;
        return Ok(Void);
    }
    Ok(Wrong {
        left: MAX_TRIES - tries,
    })
}

use Checked::*;

/// Deletes the draft's code if it is still `hash`; whether it was.
async fn forget(db: &Db, draft_id: &str, hash: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM confirmation_codes WHERE draft_id = $1 AND code_hash = $2")
        .bind(draft_id)
        .bind(hash)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;
    use crate::random::letters;

    async fn stored_hash(db: &Db, draft: &str) -> Option<String> {
        sqlx::query("SELECT code_hash FROM confirmation_codes WHERE draft_id = $1")
            .bind(draft)
            .fetch_optional(&db.pool)
            .await
            .unwrap()
            .map(|row| row.get("code_hash"))
    }

    #[test]
    fn codes_are_six_random_digits() {
        let code = new_code();
        assert_eq!(code.len(), 6);
        assert!(code.chars().all(|c| c.is_ascii_digit()));
        assert!((0..20).map(|_| new_code()).any(|other| other != code));
        assert_eq!(normalise(" 123 456 "), "123456");
    }

    #[tokio::test]
    async fn the_right_code_confirms_once_and_only_its_hash_is_kept() {
        for db in databases().await {
            let draft = letters(24);
            let now = crate::state::now();
            issue(&db, &draft, "123456", 4, "0912345678", "", "", now)
                .await
                .unwrap();
            let hash = stored_hash(&db, &draft).await.unwrap();
            assert_ne!(hash, "123456");
            assert!(!hash.contains("123456"));
            // Salted with the draft: the same code of another draft is stored differently.
            assert_ne!(hash, code_hash("another-draft", "123456"));
            assert!(waiting(&db, &draft, 4, now).await.unwrap());
            assert_eq!(check(&db, &draft, "123 456", 4, now).await.unwrap(), Right);
            // Single use.
            assert_eq!(check(&db, &draft, "123456", 4, now).await.unwrap(), NoCode);
            assert!(!waiting(&db, &draft, 4, now).await.unwrap());
        }
    }

    #[tokio::test]
    async fn a_code_expires() {
        for db in databases().await {
            let draft = letters(24);
            let now = crate::state::now();
            issue(&db, &draft, "123456", 1, "0912345678", "", "", now)
                .await
                .unwrap();
            let later = now + Duration::minutes(LIFETIME_MINUTES) + Duration::seconds(1);
            assert!(!waiting(&db, &draft, 1, later).await.unwrap());
            assert_eq!(
                check(&db, &draft, "123456", 1, later).await.unwrap(),
                Expired
            );
            assert_eq!(check(&db, &draft, "123456", 1, now).await.unwrap(), NoCode);
        }
    }

    #[tokio::test]
    async fn five_wrong_tries_void_the_code() {
        for db in databases().await {
            let draft = letters(24);
            let now = crate::state::now();
            issue(&db, &draft, "123456", 1, "0912345678", "", "", now)
                .await
                .unwrap();
            for left in (1..MAX_TRIES).rev() {
                assert_eq!(
                    check(&db, &draft, "000000", 1, now).await.unwrap(),
                    Wrong { left }
                );
            }
            assert_eq!(check(&db, &draft, "000000", 1, now).await.unwrap(), Void);
            // Void: even the right code opens nothing now.
            assert_eq!(check(&db, &draft, "123456", 1, now).await.unwrap(), NoCode);
            // A new code starts again.
            issue(&db, &draft, "654321", 1, "0912345678", "", "", now)
                .await
                .unwrap();
            assert_eq!(check(&db, &draft, "654321", 1, now).await.unwrap(), Right);
        }
    }

    #[tokio::test]
    async fn a_code_confirms_only_the_version_it_was_sent_for() {
        for db in databases().await {
            let draft = letters(24);
            let now = crate::state::now();
            issue(&db, &draft, "123456", 3, "0912345678", "", "", now)
                .await
                .unwrap();
            assert!(!waiting(&db, &draft, 4, now).await.unwrap());
            assert_eq!(check(&db, &draft, "123456", 4, now).await.unwrap(), Changed);
            assert_eq!(check(&db, &draft, "123456", 3, now).await.unwrap(), NoCode);
            // A new code replaces the earlier one.
            issue(&db, &draft, "111111", 4, "0912345678", "", "", now)
                .await
                .unwrap();
            issue(&db, &draft, "222222", 4, "0912345678", "", "", now)
                .await
                .unwrap();
            assert_eq!(
                check(&db, &draft, "111111", 4, now).await.unwrap(),
                Wrong { left: 4 }
            );
            assert_eq!(check(&db, &draft, "222222", 4, now).await.unwrap(), Right);
        }
    }
}
