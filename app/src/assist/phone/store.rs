//! Requests for the citizen to confirm on their own phone (`phone_confirmations`): only hashes
//! of the token and of the short code are kept, so a copy of the database opens nothing.

use crate::db::{Db, stamp};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// How long a request stays open.
pub const LIFETIME_MINUTES: i64 = 15;
/// Letters of the token in the QR code's link: 28 of 30 symbols, about 137 random bits.
pub const TOKEN_LENGTH: usize = 28;
/// Letters of the short code typed by hand (about 39 bits, for 15 minutes, guesses limited).
pub const CODE_LENGTH: usize = 8;

/// A new request's secrets, as the helper's screen shows them (never stored as they are).
#[derive(Clone, Debug, PartialEq)]
pub struct Secrets {
    pub token: String,
    pub code: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Pending,
    Confirmed,
    /// The citizen said something is not right (`correction`).
    Corrected,
    /// A newer request of the same draft replaced it.
    Void,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Confirmed => "confirmed",
            State::Corrected => "corrected",
            State::Void => "void",
        }
    }

    fn parse(text: &str) -> State {
        match text {
            "pending" => State::Pending,
            "confirmed" => State::Confirmed,
            "corrected" => State::Corrected,
            _ => State::Void,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub token_hash: String,
    pub draft_id: String,
    /// The draft's version when the request was made: the answers the citizen is shown.
    pub version: i64,
    /// The helper who asked.
    pub staff_id: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub state: State,
    pub correction: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

impl Request {
    /// Still waiting for the citizen at `now`.
    pub fn open(&self, now: DateTime<Utc>) -> bool {
        self.state == State::Pending && now < self.expires_at
    }
}

fn hash(kind: &str, secret: &str) -> String {
    format!(
        "{:x}",
        Sha256::digest(format!("{kind}:{secret}").as_bytes())
    )
}

pub fn token_hash(token: &str) -> String {
    hash("phone-token", token)
}

pub fn code_hash(code: &str) -> String {
    hash("phone-code", code)
}

fn time(text: Option<String>) -> Option<DateTime<Utc>> {
    text.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc))
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<Request, sqlx::Error> {
    let state: String = row.try_get("state")?;
    let created: String = row.try_get("created_at")?;
    let expires: String = row.try_get("expires_at")?;
    Ok(Request {
        token_hash: row.try_get("token_hash")?,
        draft_id: row.try_get("draft_id")?,
        version: row.try_get("version")?,
        staff_id: row.try_get("staff_id")?,
        created_at: time(Some(created)).unwrap_or_default(),
        expires_at: time(Some(expires)).unwrap_or_default(),
        state: State::parse(&state),
        correction: row.try_get("correction")?,
        answered_at: time(row.try_get("answered_at")?),
    })
}

const COLUMNS: &str = "token_hash, draft_id, version, staff_id, created_at, expires_at, state, \
                       correction, answered_at";

/// A new request for `version` of the draft, by `staff_id`; the draft's older open requests are
/// void from now on.
pub async fn create(
    db: &Db,
    draft_id: &str,
    version: i64,
    staff_id: &str,
    now: DateTime<Utc>,
) -> Result<Secrets, sqlx::Error> {
    let mut attempt = 0;
    loop {
        let secrets = Secrets {
            token: crate::random::letters(TOKEN_LENGTH),
            code: crate::random::letters(CODE_LENGTH),
        };
        let mut tx = db.pool.begin().await?;
        sqlx::query(
            "UPDATE phone_confirmations SET state = 'void' WHERE draft_id = $1 AND state = 'pending'",
        )
        .bind(draft_id)
        .execute(&mut *tx)
        .await?;
        let inserted = sqlx::query(
            "INSERT INTO phone_confirmations (token_hash, code_hash, draft_id, version, staff_id,
                 created_at, expires_at, state)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')",
        )
        .bind(token_hash(&secrets.token))
        .bind(code_hash(&secrets.code))
        .bind(draft_id)
        .bind(version)
        .bind(staff_id)
        .bind(stamp(now))
        .bind(stamp(now + Duration::minutes(LIFETIME_MINUTES)))
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {
                tx.commit().await?;
                return Ok(secrets);
            }
            // A short code drawn twice (one in 10^11): draw again.
            Err(_) if attempt < 3 => {
                tx.rollback().await?;
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

/// The request a token or a short code opens, whatever its state.
pub async fn by_secret(db: &Db, secret: &str) -> Result<Option<Request>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM phone_confirmations WHERE token_hash = $1 OR code_hash = $2"
    ))
    .bind(token_hash(secret))
    .bind(code_hash(secret))
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The draft's newest request.
pub async fn latest(db: &Db, draft_id: &str) -> Result<Option<Request>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM phone_confirmations WHERE draft_id = $1
         ORDER BY created_at DESC LIMIT 1"
    ))
    .bind(draft_id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The citizen's answer: `Confirmed`, or `Corrected` with what is wrong. Only an open request
/// takes an answer, once (of two answers sent at once, from any server, one wins); false when
/// it was used, void or expired.
pub async fn answer(
    db: &Db,
    token_hash: &str,
    state: State,
    correction: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE phone_confirmations SET state = $2, correction = $3, answered_at = $4
         WHERE token_hash = $1 AND state = 'pending' AND expires_at > $4",
    )
    .bind(token_hash)
    .bind(state.as_str())
    .bind(correction)
    .bind(stamp(now))
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Forgets the requests made before `before` (a correction stays in the audit log).
pub async fn forget_old(db: &Db, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM phone_confirmations WHERE created_at < $1")
        .bind(stamp(before))
        .execute(&db.pool)
        .await
        .map(|done| done.rows_affected())
}

/// The name and office of a staff member, for the citizen's page.
pub async fn helper(db: &Db, staff_id: &str) -> Result<(String, String), sqlx::Error> {
    let row = sqlx::query("SELECT name, office FROM staff WHERE id = $1")
        .bind(staff_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(match row {
        Some(row) => (row.try_get("name")?, row.try_get("office")?),
        None => Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;
    use crate::random::letters;

    #[tokio::test]
    async fn a_request_opens_by_token_or_short_code_once_and_only_for_fifteen_minutes() {
        for db in databases().await {
            let draft = letters(24);
            let now = crate::state::now();
            let secrets = create(&db, &draft, 4, "staff-1", now).await.unwrap();
            assert!(secrets.token.len() * 49 / 10 >= 128, "{}", secrets.token);
            assert_eq!(secrets.code.len(), CODE_LENGTH);
            // Only hashes are stored.
            let stored: Vec<String> =
                sqlx::query("SELECT token_hash, code_hash FROM phone_confirmations")
                    .fetch_all(&db.pool)
                    .await
                    .unwrap()
                    .iter()
                    .flat_map(|row| [row.get::<String, _>("token_hash"), row.get("code_hash")])
                    .collect();
            assert!(
                !stored
                    .iter()
                    .any(|h| h.contains(&secrets.token) || h.contains(&secrets.code))
            );

            let by_token = by_secret(&db, &secrets.token).await.unwrap().unwrap();
            let by_code = by_secret(&db, &secrets.code).await.unwrap().unwrap();
            assert_eq!(by_token, by_code);
            assert_eq!(
                (by_token.draft_id.as_str(), by_token.version),
                (draft.as_str(), 4)
            );
            assert_eq!(by_token.staff_id, "staff-1");
            assert!(by_token.open(now));
            assert!(by_token.open(now + Duration::minutes(14)));
            // Expired after 15 minutes: it takes no answer any more.
            let later = now + Duration::minutes(LIFETIME_MINUTES);
            assert!(!by_token.open(later));
            assert!(
                !answer(&db, &by_token.token_hash, State::Confirmed, None, later)
                    .await
                    .unwrap()
            );
            assert_eq!(by_secret(&db, "WRONGCOD").await.unwrap(), None);
            assert_eq!(by_secret(&db, &secrets.token[..8]).await.unwrap(), None);

            // Single use: the first answer wins, the second is refused.
            let soon = now + Duration::minutes(1);
            assert!(
                answer(&db, &by_token.token_hash, State::Confirmed, None, soon)
                    .await
                    .unwrap()
            );
            assert!(
                !answer(&db, &by_token.token_hash, State::Corrected, Some("x"), soon)
                    .await
                    .unwrap()
            );
            let used = by_secret(&db, &secrets.code).await.unwrap().unwrap();
            assert_eq!(used.state, State::Confirmed);
            assert_eq!(
                used.answered_at.map(|t| t.timestamp()),
                Some(soon.timestamp())
            );
            assert!(!used.open(soon));
        }
    }

    #[tokio::test]
    async fn a_new_request_voids_the_older_ones_and_keeps_its_own_version() {
        for db in databases().await {
            let draft = letters(24);
            let now = crate::state::now();
            let first = create(&db, &draft, 2, "staff-1", now).await.unwrap();
            let second = create(&db, &draft, 3, "staff-1", now + Duration::seconds(5))
                .await
                .unwrap();
            let old = by_secret(&db, &first.token).await.unwrap().unwrap();
            assert_eq!(old.state, State::Void);
            assert!(
                !answer(&db, &old.token_hash, State::Confirmed, None, now)
                    .await
                    .unwrap()
            );
            let new = by_secret(&db, &second.code).await.unwrap().unwrap();
            assert_eq!((new.state, new.version), (State::Pending, 3));
            assert_eq!(latest(&db, &draft).await.unwrap(), Some(new.clone()));
            // A correction is kept with the request.
            assert!(
                answer(
                    &db,
                    &new.token_hash,
                    State::Corrected,
                    Some("Sai ngày sinh"),
                    now
                )
                .await
                .unwrap()
            );
            let corrected = latest(&db, &draft).await.unwrap().unwrap();
            assert_eq!(corrected.state, State::Corrected);
            assert_eq!(corrected.correction.as_deref(), Some("Sai ngày sinh"));
            // Another draft's requests are untouched.
            let other = create(&db, &letters(24), 1, "staff-2", now).await.unwrap();
            assert_eq!(
                by_secret(&db, &other.token).await.unwrap().unwrap().state,
                State::Pending
            );
            // Old requests are forgotten, newer ones kept.
            assert!(forget_old(&db, now + Duration::seconds(1)).await.unwrap() >= 2);
            assert_eq!(by_secret(&db, &first.token).await.unwrap(), None);
            assert!(by_secret(&db, &second.token).await.unwrap().is_some());
        }
    }
}
