//! Drafts and dossiers in the database. Portable SQL with `$n` parameters (SQLite and PostgreSQL).

use crate::catalog::Answers;
use crate::db::Db;
use chrono::{DateTime, NaiveDate, Utc};
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

#[derive(Clone, Debug, PartialEq)]
pub struct Dossier {
    pub code: String,
    pub procedure_id: String,
    pub office: String,
    pub answers: Answers,
    pub status: String,
    pub submitted_at: DateTime<Utc>,
    pub due_date: NaiveDate,
}

/// What submission adds to a draft to make it a dossier.
#[derive(Clone, Debug)]
pub struct NewDossier {
    pub code: String,
    pub office: String,
    pub answers: Answers,
    pub submitted_at: DateTime<Utc>,
    pub due_date: NaiveDate,
}

pub const SUBMITTED: &str = "submitted";

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
    let id = crate::rules::resume_code::random_letters(24);
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

/// Saves new answers if nobody saved since `draft` was read; returns the new version.
pub async fn save_answers(
    db: &Db,
    draft: &Draft,
    answers: &Answers,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let done = sqlx::query(
        "UPDATE drafts SET answers = $1, version = version + 1, updated_at = $2
         WHERE id = $3 AND version = $4 AND dossier_code IS NULL",
    )
    .bind(serde_json::to_string(answers)?)
    .bind(now.to_rfc3339())
    .bind(&draft.id)
    .bind(draft.version)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 1 {
        Ok(draft.version + 1)
    } else {
        Err(StoreError::Stale)
    }
}

/// Turns a draft into a dossier. Submitting the same draft again returns the first dossier.
pub async fn submit(db: &Db, draft: &Draft, new: NewDossier) -> Result<Dossier, StoreError> {
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO dossiers (code, draft_id, procedure_id, office, answers, status, submitted_at, due_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (draft_id) DO NOTHING",
    )
    .bind(&new.code)
    .bind(&draft.id)
    .bind(&draft.procedure_id)
    .bind(&new.office)
    .bind(serde_json::to_string(&new.answers)?)
    .bind(SUBMITTED)
    .bind(new.submitted_at.to_rfc3339())
    .bind(new.due_date.to_string())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE drafts SET dossier_code = (SELECT code FROM dossiers WHERE draft_id = $1),
         version = version + 1 WHERE id = $1 AND dossier_code IS NULL",
    )
    .bind(&draft.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    dossier_for_draft(db, &draft.id)
        .await?
        .ok_or(StoreError::Database(sqlx::Error::RowNotFound))
}

pub async fn dossier_for_draft(db: &Db, draft_id: &str) -> Result<Option<Dossier>, StoreError> {
    let row = sqlx::query(
        "SELECT code, procedure_id, office, answers, status, submitted_at, due_date
         FROM dossiers WHERE draft_id = $1",
    )
    .bind(draft_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let submitted_at: String = row.try_get("submitted_at")?;
    let due_date: String = row.try_get("due_date")?;
    let bad = |what: &str| StoreError::Database(sqlx::Error::Decode(format!("bad {what}").into()));
    Ok(Some(Dossier {
        code: row.try_get("code")?,
        procedure_id: row.try_get("procedure_id")?,
        office: row.try_get("office")?,
        answers: serde_json::from_str(&row.try_get::<String, _>("answers")?)?,
        status: row.try_get("status")?,
        submitted_at: DateTime::parse_from_rfc3339(&submitted_at)
            .map_err(|_| bad("submitted_at"))?
            .with_timezone(&Utc),
        due_date: due_date.parse().map_err(|_| bad("due_date"))?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;
    use crate::rules::resume_code;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn new_dossier(code: &str) -> NewDossier {
        NewDossier {
            code: code.into(),
            office: "UBND phường Ea Kao".into(),
            answers: answers(&[("tre-ho-ten", "Y Bih Niê")]),
            submitted_at: Utc::now(),
            due_date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        }
    }

    #[tokio::test]
    async fn a_draft_is_found_again_by_its_code_only() {
        for db in databases().await {
            let code = resume_code::generate();
            let typed = answers(&[("tre-ho-ten", "Nguyễn Văn An")]);
            create_draft(&db, "khai-sinh", &code, &typed, Utc::now())
                .await
                .unwrap();
            let found = draft_by_code(&db, &code).await.unwrap().expect("draft");
            assert_eq!(found.answers, typed);
            assert!(
                draft_by_code(&db, &resume_code::generate())
                    .await
                    .unwrap()
                    .is_none()
            );
        }
    }

    #[tokio::test]
    async fn a_stale_save_is_refused_and_nothing_is_overwritten() {
        for db in databases().await {
            let code = resume_code::generate();
            let draft = create_draft(&db, "khai-sinh", &code, &Answers::new(), Utc::now())
                .await
                .unwrap();
            let phone = answers(&[("me-ho-ten", "Lê Thị Hoa")]);
            assert_eq!(
                save_answers(&db, &draft, &phone, Utc::now()).await.unwrap(),
                2
            );
            let counter = answers(&[("me-ho-ten", "Lê Thị Hồng")]);
            assert!(matches!(
                save_answers(&db, &draft, &counter, Utc::now()).await,
                Err(StoreError::Stale)
            ));
            let stored = draft_by_code(&db, &code).await.unwrap().unwrap();
            assert_eq!(stored.answers, phone);
            assert_eq!(stored.version, 2);
        }
    }

    #[tokio::test]
    async fn submitting_twice_makes_one_dossier_and_locks_the_draft() {
        for db in databases().await {
            let code = resume_code::generate();
            let draft = create_draft(&db, "khai-sinh", &code, &Answers::new(), Utc::now())
                .await
                .unwrap();
            let first_code = format!("KS-{}", resume_code::random_letters(8));
            let first = submit(&db, &draft, new_dossier(&first_code)).await.unwrap();
            let second = submit(
                &db,
                &draft,
                new_dossier(&format!("KS-{}", resume_code::random_letters(8))),
            )
            .await
            .unwrap();
            assert_eq!(first, second);
            assert_eq!(first.code, first_code);
            let stored = draft_by_code(&db, &code).await.unwrap().unwrap();
            assert_eq!(stored.dossier_code.as_deref(), Some(first_code.as_str()));
            let late_save = save_answers(&db, &stored, &Answers::new(), Utc::now()).await;
            assert!(matches!(late_save, Err(StoreError::Stale)));
        }
    }
}
