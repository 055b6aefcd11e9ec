//! The citizen's one rating of a dossier's service.

use super::{Result, time};
use crate::db::Db;
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Clone, Debug, PartialEq)]
pub struct Rating {
    pub score: i64,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Records the citizen's rating; a second one for the same dossier is refused (returns false).
pub async fn rate(
    db: &Db,
    code: &str,
    score: i64,
    comment: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let added = sqlx::query(
        "INSERT INTO ratings (dossier_code, score, comment, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (dossier_code) DO NOTHING",
    )
    .bind(code)
    .bind(score)
    .bind(comment)
    .bind(now.to_rfc3339())
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok(added == 1)
}

pub async fn rating(db: &Db, code: &str) -> Result<Option<Rating>> {
    let row = sqlx::query("SELECT score, comment, created_at FROM ratings WHERE dossier_code = $1")
        .bind(code)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| {
        Ok(Rating {
            score: row.try_get("score")?,
            comment: row.try_get("comment")?,
            created_at: time(&row.try_get::<String, _>("created_at")?)?,
        })
    })
    .transpose()
}

/// Every rating with its dossier's office and procedure (the dashboard).
pub async fn all_ratings(db: &Db) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query("SELECT dossier_code, score FROM ratings")
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("dossier_code")?, row.try_get("score")?)))
        .collect()
}
