//! The record of drafts filed with staff (one row per draft), and so of their dossiers.

use super::{Assist, Confirmation};
use crate::db::Db;
use crate::db::stamp;
use chrono::{DateTime, Utc};
use sqlx::Row;
use std::collections::BTreeSet;

#[derive(Clone, Debug, PartialEq)]
pub struct Assisted {
    pub draft_id: String,
    /// Who started it at the counter, or opened it with the citizen's code.
    pub staff_id: String,
    pub how: Assist,
    /// Ids of the fields whose answers staff saved.
    pub staff_fields: BTreeSet<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// How the citizen confirmed (None: not yet).
    pub confirmed_how: Option<Confirmation>,
    /// The draft's version the citizen confirmed: a later save asks again.
    pub confirmed_version: Option<i64>,
    pub dossier_code: Option<String>,
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<Assisted, sqlx::Error> {
    let how: String = row.try_get("how")?;
    let fields: String = row.try_get("staff_fields")?;
    let confirmed: Option<String> = row.try_get("confirmed_at")?;
    let confirmed_how: Option<String> = row.try_get("confirmed_how")?;
    Ok(Assisted {
        draft_id: row.try_get("draft_id")?,
        staff_id: row.try_get("staff_id")?,
        how: Assist::parse(&how).unwrap_or(Assist::Counter),
        staff_fields: serde_json::from_str(&fields).unwrap_or_default(),
        confirmed_at: confirmed
            .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| t.with_timezone(&Utc)),
        confirmed_how: confirmed_how.as_deref().and_then(Confirmation::parse),
        confirmed_version: row.try_get("confirmed_version")?,
        dossier_code: row.try_get("dossier_code")?,
    })
}

const COLUMNS: &str = "draft_id, staff_id, how, staff_fields, confirmed_at, confirmed_how, confirmed_version, dossier_code";

/// Marks a draft as filed with staff; a draft already marked keeps its first record.
pub async fn mark(
    db: &Db,
    draft_id: &str,
    staff_id: &str,
    how: Assist,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO assisted_drafts (draft_id, staff_id, how, staff_fields, created_at)
         VALUES ($1, $2, $3, '[]', $4) ON CONFLICT (draft_id) DO NOTHING",
    )
    .bind(draft_id)
    .bind(staff_id)
    .bind(how.as_str())
    .bind(stamp(now))
    .execute(&db.pool)
    .await
    .map(|_| ())
}

pub async fn get(db: &Db, draft_id: &str) -> Result<Option<Assisted>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM assisted_drafts WHERE draft_id = $1"
    ))
    .bind(draft_id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The assisted record of a dossier, for the back office.
pub async fn for_dossier(db: &Db, code: &str) -> Result<Option<Assisted>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM assisted_drafts WHERE dossier_code = $1"
    ))
    .bind(code)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Adds fields to those staff saved. Read and written in one transaction per call; a
/// concurrent save of the same draft is refused by the draft's own version check first.
pub async fn add_staff_fields(
    db: &Db,
    draft_id: &str,
    fields: &[String],
) -> Result<(), sqlx::Error> {
    let Some(mut record) = get(db, draft_id).await? else {
        return Ok(());
    };
    let before = record.staff_fields.len();
    record.staff_fields.extend(fields.iter().cloned());
    if record.staff_fields.len() == before {
        return Ok(());
    }
    sqlx::query("UPDATE assisted_drafts SET staff_fields = $2 WHERE draft_id = $1")
        .bind(draft_id)
        .bind(serde_json::to_string(&record.staff_fields).unwrap_or_else(|_| "[]".into()))
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// Records that the citizen confirmed `version` of the draft's answers, and how.
pub async fn confirm(
    db: &Db,
    draft_id: &str,
    how: Confirmation,
    version: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE assisted_drafts SET confirmed_at = $2, confirmed_how = $3, confirmed_version = $4
         WHERE draft_id = $1",
    )
    .bind(draft_id)
    .bind(stamp(now))
    .bind(how.as_str())
    .bind(version)
    .execute(&db.pool)
    .await
    .map(|_| ())
}

pub async fn set_dossier(db: &Db, draft_id: &str, code: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE assisted_drafts SET dossier_code = $2 WHERE draft_id = $1")
        .bind(draft_id)
        .bind(code)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;
    use crate::random::letters as random_letters;

    #[tokio::test]
    async fn a_draft_remembers_who_assisted_and_which_answers_they_saved() {
        for db in databases().await {
            let draft = random_letters(24);
            let now = crate::state::now();
            mark(&db, &draft, "staff-1", Assist::Paper, now)
                .await
                .unwrap();
            // Opened again later by someone else: the first record stays.
            mark(&db, &draft, "staff-2", Assist::Code, now)
                .await
                .unwrap();
            add_staff_fields(&db, &draft, &["tre-ho-ten".into()])
                .await
                .unwrap();
            add_staff_fields(&db, &draft, &["tre-ho-ten".into(), "me-ho-ten".into()])
                .await
                .unwrap();
            let record = get(&db, &draft).await.unwrap().unwrap();
            assert_eq!(record.staff_id, "staff-1");
            assert_eq!(record.how, Assist::Paper);
            assert_eq!(
                record.staff_fields.iter().cloned().collect::<Vec<_>>(),
                ["me-ho-ten", "tre-ho-ten"]
            );
            assert_eq!(record.confirmed_at, None);
            confirm(&db, &draft, Confirmation::Sms, 7, now)
                .await
                .unwrap();
            set_dossier(&db, &draft, "KS-261124-ABCDEF").await.unwrap();
            let record = for_dossier(&db, "KS-261124-ABCDEF").await.unwrap().unwrap();
            assert_eq!(record.draft_id, draft);
            assert!(record.confirmed_at.is_some());
            assert_eq!(record.confirmed_how, Some(Confirmation::Sms));
            assert_eq!(record.confirmed_version, Some(7));
            // A draft nobody assisted gets nothing recorded.
            add_staff_fields(&db, "other", &["x".into()]).await.unwrap();
            assert_eq!(get(&db, "other").await.unwrap(), None);
        }
    }
}
