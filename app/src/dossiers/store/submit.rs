//! Where a dossier begins: a draft turned into a dossier, its first event and the citizen's
//! acknowledgement queued in one transaction.

use super::{
    Actor, BackofficeError, COLUMNS, Dossier, Outgoing, Result, dossier_from_row, enqueue,
    insert_event,
};
use crate::db::Db;
use crate::drafts::store::Draft;
use chrono::{DateTime, NaiveDate, Utc};
use domain::lifecycle::Status;
use domain::procedure::Answers;

/// What submission adds to a draft to make it a dossier.
#[derive(Clone, Debug)]
pub struct NewDossier {
    pub code: String,
    pub office: String,
    pub answers: Answers,
    pub submitted_at: DateTime<Utc>,
    pub due_date: NaiveDate,
    /// What to tell the citizen (SMS, email), queued in the same transaction.
    pub messages: Vec<Outgoing>,
}

/// Turns a draft into a dossier. Submitting the same draft again returns the first dossier.
pub async fn submit(db: &Db, draft: &Draft, new: NewDossier) -> Result<Dossier> {
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
    .bind(serde_json::to_string(&new.answers).map_err(|e| BackofficeError::Corrupt(e.to_string()))?)
    .bind(Status::Submitted.as_str())
    .bind(new.submitted_at.to_rfc3339())
    .bind(new.due_date.to_string())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // The first line of the history, and the acknowledgement, only for the first submission.
    if inserted == 1 {
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
        .ok_or(BackofficeError::NotFound)
}

/// The dossier a draft became, if it was submitted.
pub async fn dossier_for_draft(db: &Db, draft_id: &str) -> Result<Option<Dossier>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM dossiers WHERE draft_id = $1"
    ))
    .bind(draft_id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(dossier_from_row).transpose()
}
