//! Drafts and dossiers in the database. Portable SQL with `$n` parameters (SQLite and PostgreSQL).

use crate::db::Db;
use chrono::{DateTime, NaiveDate, Utc};
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
    /// What to tell the citizen (SMS, email), queued in the same transaction.
    pub messages: Vec<crate::dossiers::store::Outgoing>,
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

/// Turns a draft into a dossier. Submitting the same draft again returns the first dossier.
pub async fn submit(db: &Db, draft: &Draft, new: NewDossier) -> Result<Dossier, StoreError> {
    let mut tx = db.pool.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO dossiers (code, draft_id, procedure_id, office, answers, status, submitted_at,
             due_date, first_due_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
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
    .await?
    .rows_affected();
    // The first line of the history, and the acknowledgement, only for the first submission.
    if inserted == 1 {
        use crate::dossiers::store::{Actor, enqueue, insert_event};
        use domain::lifecycle::Status;
        insert_event(
            &mut tx,
            &new.code,
            1,
            new.submitted_at,
            &Actor::citizen(),
            "submit",
            None,
            Status::Submitted,
            None,
        )
        .await?;
        for message in &new.messages {
            enqueue(&mut tx, &new.code, message, new.submitted_at).await?;
        }
    }
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
mod tests {
    use super::*;
    use crate::db::GroupCommit;
    use crate::db::testing::{databases, databases_with};
    use futures::future::join_all;

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
            messages: vec![],
        }
    }

    #[tokio::test]
    async fn answers_waiting_for_a_choice_are_kept_apart_from_the_draft() {
        for db in databases().await {
            let code = crate::random::resume_code();
            let draft = create_draft(&db, "khai-sinh", &code, &Answers::new(), Utc::now())
                .await
                .unwrap();
            assert_eq!(pending(&db, &draft.id).await.unwrap(), None);
            let waiting = Pending {
                step: "tre-ho-ten".into(),
                answers: answers(&[("tre-ho-ten", "Y Sa Niê")]),
            };
            set_pending(&db, &draft.id, Some(&waiting)).await.unwrap();
            assert_eq!(pending(&db, &draft.id).await.unwrap(), Some(waiting));
            assert_eq!(
                draft_by_code(&db, &code).await.unwrap().unwrap().answers,
                Answers::new()
            );
            set_pending(&db, &draft.id, None).await.unwrap();
            assert_eq!(pending(&db, &draft.id).await.unwrap(), None);
        }
    }

    #[tokio::test]
    async fn a_draft_is_found_again_by_its_code_only() {
        for db in databases().await {
            let code = crate::random::resume_code();
            let typed = answers(&[("tre-ho-ten", "Nguyễn Văn An")]);
            create_draft(&db, "khai-sinh", &code, &typed, Utc::now())
                .await
                .unwrap();
            let found = draft_by_code(&db, &code).await.unwrap().expect("draft");
            assert_eq!(found.answers, typed);
            assert!(
                draft_by_code(&db, &crate::random::resume_code())
                    .await
                    .unwrap()
                    .is_none()
            );
        }
    }

    #[tokio::test]
    async fn a_stale_save_is_refused_and_nothing_is_overwritten() {
        for db in databases().await {
            let code = crate::random::resume_code();
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
            let code = crate::random::resume_code();
            let draft = create_draft(&db, "khai-sinh", &code, &Answers::new(), Utc::now())
                .await
                .unwrap();
            let first_code = format!("KS-{}", crate::random::letters(8));
            let first = submit(&db, &draft, new_dossier(&first_code)).await.unwrap();
            let second = submit(
                &db,
                &draft,
                new_dossier(&format!("KS-{}", crate::random::letters(8))),
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

    /// Both ways of writing: each save alone, and concurrent saves sharing a transaction.
    async fn every_database_and_mode() -> Vec<Db> {
        let mut all = databases_with(GroupCommit::On).await;
        all.extend(databases_with(GroupCommit::Off).await);
        all
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn fifty_citizens_saving_at_once_all_find_their_answers() {
        for db in every_database_and_mode().await {
            let mut drafts = Vec::new();
            for _ in 0..50 {
                let code = crate::random::resume_code();
                let draft = create_draft(&db, "khai-sinh", &code, &Answers::new(), Utc::now())
                    .await
                    .unwrap();
                drafts.push((code, draft));
            }
            let saves = drafts.iter().enumerate().map(|(i, (_, draft))| {
                let db = db.clone();
                let typed = answers(&[("nyc-ho-ten", &format!("Người khai số {i}"))]);
                let draft = draft.clone();
                async move { save_answers(&db, &draft, &typed, Utc::now()).await }
            });
            for version in join_all(saves).await {
                assert_eq!(version.unwrap(), 2);
            }
            for (i, (code, _)) in drafts.iter().enumerate() {
                let stored = draft_by_code(&db, code).await.unwrap().unwrap();
                assert_eq!(
                    stored.answers.get("nyc-ho-ten").map(String::as_str),
                    Some(format!("Người khai số {i}").as_str()),
                    "group commit: {}",
                    db.group_commit()
                );
            }
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn of_saves_made_at_once_from_one_version_only_one_wins() {
        for db in every_database_and_mode().await {
            let code = crate::random::resume_code();
            let draft = create_draft(&db, "khai-sinh", &code, &Answers::new(), Utc::now())
                .await
                .unwrap();
            let saves = (0..10).map(|i| {
                let (db, draft) = (db.clone(), draft.clone());
                let typed = answers(&[("me-ho-ten", &format!("Tên thứ {i}"))]);
                async move {
                    (
                        typed.clone(),
                        save_answers(&db, &draft, &typed, Utc::now()).await,
                    )
                }
            });
            let results = join_all(saves).await;
            let won: Vec<_> = results.iter().filter(|(_, r)| r.is_ok()).collect();
            assert_eq!(won.len(), 1, "group commit: {}", db.group_commit());
            assert!(
                results
                    .iter()
                    .filter(|(_, r)| r.is_err())
                    .all(|(_, r)| matches!(r, Err(StoreError::Stale)))
            );
            let stored = draft_by_code(&db, &code).await.unwrap().unwrap();
            assert_eq!(stored.version, 2);
            assert_eq!(stored.answers, won[0].0);
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn twenty_submissions_at_once_make_one_dossier_with_one_code() {
        for db in databases().await {
            let code = crate::random::resume_code();
            let draft = create_draft(&db, "khai-sinh", &code, &Answers::new(), Utc::now())
                .await
                .unwrap();
            let submissions = (0..20).map(|_| {
                let (db, draft) = (db.clone(), draft.clone());
                let new = new_dossier(&format!("KS-{}", crate::random::letters(8)));
                async move { submit(&db, &draft, new).await }
            });
            let dossiers: Vec<Dossier> = join_all(submissions)
                .await
                .into_iter()
                .map(Result::unwrap)
                .collect();
            assert!(dossiers.iter().all(|dossier| *dossier == dossiers[0]));
            let count: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM dossiers WHERE draft_id = $1")
                    .bind(&draft.id)
                    .fetch_one(&db.pool)
                    .await
                    .unwrap();
            assert_eq!(count, 1);
            let stored = draft_by_code(&db, &code).await.unwrap().unwrap();
            assert_eq!(stored.dossier_code, Some(dossiers[0].code.clone()));
        }
    }

    #[tokio::test]
    async fn drafts_untouched_for_more_than_thirty_days_are_purged_and_dossiers_are_kept() {
        for db in databases().await {
            let now = Utc::now();
            let days_ago = |days| now - chrono::Duration::days(days);
            let old = crate::random::resume_code();
            let recent = crate::random::resume_code();
            let submitted = crate::random::resume_code();
            let old_draft = create_draft(&db, "khai-sinh", &old, &Answers::new(), days_ago(31))
                .await
                .unwrap();
            create_draft(&db, "khai-sinh", &recent, &Answers::new(), days_ago(29))
                .await
                .unwrap();
            let filed = create_draft(&db, "khai-sinh", &submitted, &Answers::new(), days_ago(90))
                .await
                .unwrap();
            submit(
                &db,
                &filed,
                new_dossier(&format!("KS-{}", crate::random::letters(8))),
            )
            .await
            .unwrap();

            let purged = purge_drafts(&db, days_ago(KEEP_DRAFTS_DAYS)).await.unwrap();
            assert!(purged.contains(&old_draft.id));
            assert!(draft_by_code(&db, &old).await.unwrap().is_none());
            assert!(draft_by_code(&db, &recent).await.unwrap().is_some());
            assert!(draft_by_code(&db, &submitted).await.unwrap().is_some());
            assert!(dossier_for_draft(&db, &filed.id).await.unwrap().is_some());
        }
    }
}
