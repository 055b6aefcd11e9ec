//! Kiosks in the database. Portable SQL with `$n` parameters (SQLite and PostgreSQL).

use super::rules::{ENROL_VALID_MINUTES, Paper, Timings};
use crate::db::Db;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// Secrets: 32 letters of the resume-code alphabet, about 157 random bits.
const SECRET_LETTERS: usize = 32;

#[derive(Clone, Debug, PartialEq)]
pub struct Kiosk {
    pub id: String,
    pub office: String,
    pub name: String,
    pub timings: Timings,
    pub paper: Paper,
    pub enrolled_by: String,
    pub created_at: String,
    /// `None` while its enrolment link has not been opened.
    pub enrolled_at: Option<String>,
    pub revoked_at: Option<String>,
}

#[derive(Clone, Debug)]
pub struct NewKiosk {
    pub office: String,
    pub name: String,
    pub timings: Timings,
    pub paper: Paper,
    pub enrolled_by: String,
}

fn hash(secret: &str) -> String {
    format!("{:x}", Sha256::digest(secret.as_bytes()))
}

/// Whole seconds and a `Z`: every stored time has the same width, so text order is time order.
pub fn stamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn kiosk_from_row(row: &sqlx::any::AnyRow) -> Result<Kiosk, sqlx::Error> {
    let seconds = |column: &str| -> Result<u32, sqlx::Error> {
        let value: i64 = row.try_get(column)?;
        Ok(u32::try_from(value).unwrap_or(u32::MAX))
    };
    let paper: String = row.try_get("paper")?;
    Ok(Kiosk {
        id: row.try_get("id")?,
        office: row.try_get("office")?,
        name: row.try_get("name")?,
        timings: Timings {
            idle_seconds: seconds("idle_seconds")?,
            warning_seconds: seconds("warning_seconds")?,
        },
        paper: Paper::parse(&paper).unwrap_or_default(),
        enrolled_by: row.try_get("enrolled_by")?,
        created_at: row.try_get("created_at")?,
        enrolled_at: row.try_get("enrolled_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

const COLUMNS: &str = "id, office, name, idle_seconds, warning_seconds, paper, enrolled_by, \
                       created_at, enrolled_at, revoked_at";

/// A kiosk waiting for its browser, and the one-time code of its enrolment link.
pub async fn create(
    db: &Db,
    new: &NewKiosk,
    now: DateTime<Utc>,
) -> Result<(Kiosk, String), sqlx::Error> {
    let id = crate::random::letters(24);
    let code = crate::random::letters(SECRET_LETTERS);
    sqlx::query(
        "INSERT INTO kiosks (id, office, name, enrol_code_hash, enrol_expires_at, idle_seconds,
                             warning_seconds, paper, enrolled_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(&new.office)
    .bind(&new.name)
    .bind(hash(&code))
    .bind(stamp(now + Duration::minutes(ENROL_VALID_MINUTES)))
    .bind(i64::from(new.timings.idle_seconds))
    .bind(i64::from(new.timings.warning_seconds))
    .bind(new.paper.as_str())
    .bind(&new.enrolled_by)
    .bind(stamp(now))
    .execute(&db.pool)
    .await?;
    let kiosk = by_id(db, &id).await?.ok_or(sqlx::Error::RowNotFound)?;
    Ok((kiosk, code))
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<Kiosk>, sqlx::Error> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM kiosks WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .as_ref()
        .map(kiosk_from_row)
        .transpose()
}

/// The kiosk an enrolment link is for, while the link still works.
pub async fn awaiting_enrolment(
    db: &Db,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<Kiosk>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM kiosks
         WHERE enrol_code_hash = $1 AND enrol_expires_at > $2
           AND token_hash IS NULL AND revoked_at IS NULL"
    ))
    .bind(hash(code))
    .bind(stamp(now))
    .fetch_optional(&db.pool)
    .await?
    .as_ref()
    .map(kiosk_from_row)
    .transpose()
}

/// Spends an enrolment code: the kiosk is now the browser holding the returned token.
/// `None` when the link expired, was used already, or its kiosk was revoked.
pub async fn enrol(
    db: &Db,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Kiosk, String)>, sqlx::Error> {
    let token = crate::random::letters(SECRET_LETTERS);
    let token_hash = hash(&token);
    // One statement: two browsers opening the same link cannot both become the kiosk.
    let changed = sqlx::query(
        "UPDATE kiosks SET token_hash = $1, enrol_code_hash = NULL, enrol_expires_at = NULL,
                           enrolled_at = $2
         WHERE enrol_code_hash = $3 AND enrol_expires_at > $2
           AND token_hash IS NULL AND revoked_at IS NULL",
    )
    .bind(&token_hash)
    .bind(stamp(now))
    .bind(hash(code))
    .execute(&db.pool)
    .await?
    .rows_affected();
    if changed != 1 {
        return Ok(None);
    }
    Ok(by_token(db, &token).await?.map(|kiosk| (kiosk, token)))
}

/// The kiosk a browser's token names, unless it was revoked.
pub async fn by_token(db: &Db, token: &str) -> Result<Option<Kiosk>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM kiosks WHERE token_hash = $1 AND revoked_at IS NULL"
    ))
    .bind(hash(token))
    .fetch_optional(&db.pool)
    .await?
    .as_ref()
    .map(kiosk_from_row)
    .transpose()
}

/// Stops a kiosk (a stolen or replaced machine): its browser is an ordinary browser again.
/// True when it was active.
pub async fn revoke(db: &Db, id: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE kiosks SET revoked_at = $1, enrol_code_hash = NULL WHERE id = $2 AND revoked_at IS NULL",
    )
    .bind(stamp(now))
    .bind(id)
    .execute(&db.pool)
    .await?
    .rows_affected()
        == 1)
}

/// The kiosks of an office (every office when `None`), newest first, revoked ones included.
pub async fn list(db: &Db, office: Option<&str>) -> Result<Vec<Kiosk>, sqlx::Error> {
    let rows = match office {
        Some(office) => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM kiosks WHERE office = $1 ORDER BY created_at DESC, id"
            ))
            .bind(office)
            .fetch_all(&db.pool)
            .await?
        }
        None => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM kiosks ORDER BY created_at DESC, id"
            ))
            .fetch_all(&db.pool)
            .await?
        }
    };
    rows.iter().map(kiosk_from_row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;

    fn lobby() -> NewKiosk {
        NewKiosk {
            office: "UBND phường Tân An".into(),
            name: "Kiosk sảnh tầng 1".into(),
            timings: Timings::new(90, 30).unwrap(),
            paper: Paper::Roll80,
            enrolled_by: "cli".into(),
        }
    }

    #[tokio::test]
    async fn an_enrolment_link_makes_one_browser_the_kiosk_once() {
        for db in databases().await {
            let now = crate::state::now();
            let (created, code) = create(&db, &lobby(), now).await.unwrap();
            assert_eq!(created.enrolled_at, None);
            assert_eq!(created.paper, Paper::Roll80);
            assert_eq!(created.timings, Timings::new(90, 30).unwrap());
            let waiting = awaiting_enrolment(&db, &code, now).await.unwrap();
            assert_eq!(waiting.map(|k| k.name), Some("Kiosk sảnh tầng 1".into()));

            let (kiosk, token) = enrol(&db, &code, now).await.unwrap().expect("enrolled");
            assert_eq!(kiosk.id, created.id);
            assert!(kiosk.enrolled_at.is_some());
            assert_eq!(by_token(&db, &token).await.unwrap(), Some(kiosk));
            // The link is spent: a second browser opening it gets nothing.
            assert_eq!(enrol(&db, &code, now).await.unwrap(), None);
            assert_eq!(awaiting_enrolment(&db, &code, now).await.unwrap(), None);
            assert_eq!(by_token(&db, &code).await.unwrap(), None);
        }
    }

    #[tokio::test]
    async fn a_link_opened_too_late_does_nothing() {
        for db in databases().await {
            let made = crate::state::now() - Duration::minutes(ENROL_VALID_MINUTES + 1);
            let (_, code) = create(&db, &lobby(), made).await.unwrap();
            assert_eq!(
                awaiting_enrolment(&db, &code, crate::state::now())
                    .await
                    .unwrap(),
                None
            );
            assert_eq!(enrol(&db, &code, crate::state::now()).await.unwrap(), None);
        }
    }

    #[tokio::test]
    async fn two_browsers_opening_one_link_at_once_make_one_kiosk() {
        for db in databases().await {
            let now = crate::state::now();
            let (_, code) = create(&db, &lobby(), now).await.unwrap();
            let attempts = futures::future::join_all((0..10).map(|_| enrol(&db, &code, now))).await;
            let enrolled = attempts
                .into_iter()
                .filter(|attempt| matches!(attempt, Ok(Some(_))))
                .count();
            assert_eq!(enrolled, 1);
        }
    }

    #[tokio::test]
    async fn a_revoked_kiosk_is_an_ordinary_browser_again() {
        for db in databases().await {
            let now = crate::state::now();
            let (kiosk, code) = create(&db, &lobby(), now).await.unwrap();
            let (_, token) = enrol(&db, &code, now).await.unwrap().unwrap();
            assert!(revoke(&db, &kiosk.id, now).await.unwrap());
            assert!(!revoke(&db, &kiosk.id, now).await.unwrap());
            assert_eq!(by_token(&db, &token).await.unwrap(), None);
            // A link revoked before it was opened no longer works either.
            let (other, code) = create(&db, &lobby(), now).await.unwrap();
            revoke(&db, &other.id, now).await.unwrap();
            assert_eq!(enrol(&db, &code, now).await.unwrap(), None);
            let listed = list(&db, Some("UBND phường Tân An")).await.unwrap();
            assert_eq!(listed.len(), 2);
            assert!(listed.iter().all(|k| k.revoked_at.is_some()));
            assert!(
                list(&db, Some("UBND phường Ea Kao"))
                    .await
                    .unwrap()
                    .is_empty()
            );
        }
    }
}
