//! Drafts and dossiers in the database. Portable SQL with `$n` parameters (SQLite and PostgreSQL).

use crate::db::Db;
use chrono::{DateTime, Utc};
use domain::procedure::Answers;
use sha2::{Digest, Sha256};
use sqlx::Row;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the draft changed since it was read")]
    Stale,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored answers are not valid JSON: {0}")]
    Corrupt(#[from] serde_json::Error),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub id: String,
    pub procedure_id: String,
    pub answers: Answers,
    pub version: i64,
    pub dossier_code: Option<String>,
}

pub fn code_hash(code: &str) -> String {
    format!("{:x}", Sha256::digest(code.as_bytes()))
}

fn draft_from_row(row: &sqlx::any::AnyRow) -> Result<Draft, StoreError> {
    Ok(Draft {
        id: row.try_get("id")?,
        procedure_id: row.try_get("procedure_id")?,
        answers: serde_json::from_str(&row.try_get::<String, _>("answers")?)?,
        version: row.try_get("version")?,
        dossier_code: row.try_get("dossier_code")?,
    })
}

pub async fn create_draft(
    db: &Db,
    procedure_id: &str,
    code: &str,
    answers: &Answers,
    now: DateTime<Utc>,
) -> Result<Draft, StoreError> {
    let id = crate::random::letters(24);
    let now = now.to_rfc3339();
    sqlx::query(
        "INSERT INTO drafts (id, code_hash, procedure_id, answers, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 1, $5, $5)",
    )
    .bind(&id)
    .bind(code_hash(code))
    .bind(procedure_id)
    .bind(serde_json::to_string(answers)?)
    .bind(&now)
    .execute(&db.pool)
    .await?;
    Ok(Draft {
        id,
        procedure_id: procedure_id.to_string(),
        answers: answers.clone(),
        version: 1,
        dossier_code: None,
    })
}

pub async fn draft_by_code(db: &Db, code: &str) -> Result<Option<Draft>, StoreError> {
    let row = sqlx::query(
        "SELECT id, procedure_id, answers, version, dossier_code FROM drafts WHERE code_hash = $1",
    )
    .bind(code_hash(code))
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(draft_from_row).transpose()
}

/// A draft by its id (the citizen's phone confirming a draft filed with help has no code).
pub async fn draft_by_id(db: &Db, id: &str) -> Result<Option<Draft>, StoreError> {
    let row = sqlx::query(
        "SELECT id, procedure_id, answers, version, dossier_code FROM drafts WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(draft_from_row).transpose()
}

/// Saves new answers if nobody saved since `draft` was read; returns the new version.
/// Answered only once the save is committed (with group commit, together with the saves of
/// other drafts that arrived meanwhile); a stale save is refused, never merged.
pub async fn save_answers(
    db: &Db,
    draft: &Draft,
    answers: &Answers,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let answers = serde_json::to_string(answers)?;
    let now = now.to_rfc3339();
    let (id, version) = (draft.id.clone(), draft.version);
    let changed = db
        .write(move |conn| {
            let query = sqlx::query(
                "UPDATE drafts SET answers = $1, version = version + 1, updated_at = $2
                 WHERE id = $3 AND version = $4 AND dossier_code IS NULL",
            )
            .bind(answers.clone())
            .bind(now.clone())
            .bind(id.clone())
            .bind(version);
            Box::pin(async move { Ok(query.execute(conn).await?.rows_affected()) })
        })
        .await?;
    if changed == 1 {
        Ok(draft.version + 1)
    } else {
        Err(StoreError::Stale)
    }
}

/// How long a draft is kept after its last change (DESIGN: at least 30 days).
pub const KEEP_DRAFTS_DAYS: i64 = 30;
/// Drafts deleted per statement, so a purge never holds the write lock for long.
const PURGE_BATCH: i64 = 500;

/// Deletes the drafts not changed since `before` and never submitted; returns their ids (their
/// uploaded files are the caller's to remove).
pub async fn purge_drafts(db: &Db, before: DateTime<Utc>) -> Result<Vec<String>, StoreError> {
    let before = before.to_rfc3339();
    let mut purged = Vec::new();
    loop {
        let ids: Vec<String> = sqlx::query_scalar(
            "DELETE FROM drafts WHERE id IN (
                 SELECT id FROM drafts WHERE updated_at < $1 AND dossier_code IS NULL LIMIT $2
             ) AND updated_at < $1 AND dossier_code IS NULL
             RETURNING id",
        )
        .bind(&before)
        .bind(PURGE_BATCH)
        .fetch_all(&db.pool)
        .await?;
        let done = (ids.len() as i64) < PURGE_BATCH;
        purged.extend(ids);
        if done {
            return Ok(purged);
        }
    }
}

/// What a stale Continue sent, kept while the citizen chooses (see `service::save_step`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pending {
    pub step: String,
    pub answers: Answers,
}

pub async fn set_pending(
    db: &Db,
    draft_id: &str,
    pending: Option<&Pending>,
) -> Result<(), StoreError> {
    let text = pending.map(serde_json::to_string).transpose()?;
    sqlx::query("UPDATE drafts SET pending = $1 WHERE id = $2")
        .bind(text)
        .bind(draft_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn pending(db: &Db, draft_id: &str) -> Result<Option<Pending>, StoreError> {
    let text: Option<Option<String>> =
        sqlx::query_scalar("SELECT pending FROM drafts WHERE id = $1")
            .bind(draft_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(text
        .flatten()
        .map(|text| serde_json::from_str(&text))
        .transpose()?)
}

#[cfg(test)]
mod tests;
