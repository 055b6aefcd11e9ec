//! The Mẫu 01 receipt (Circular 03/2025/TT-VPCP), issued in the reception's own transaction:
//! numbered in the office's tracking book of the year without gaps, even with several servers
//! (the book's row is locked by the increment, and a rolled-back reception gives its number back).

use super::{Actor, BackofficeError, Dossier, Result, time};
use crate::db::Db;
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use sqlx::Row;

/// One document taken in: its name, original or copy, how many.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReceivedDocument {
    pub name: String,
    pub original: bool,
    pub count: u32,
}

/// What the receiving clerk's reception states, beside who and when.
#[derive(Clone, Debug, PartialEq)]
pub struct Reception {
    /// The result due moment, counted from reception (`dossiers::reception::result_due`).
    pub due_at: DateTime<Utc>,
    pub documents: Vec<ReceivedDocument>,
    pub sets: u32,
    pub processing_days: u32,
    pub fee: String,
    /// Where the result is collected.
    pub collect_at: String,
}

/// A receipt as issued.
#[derive(Clone, Debug, PartialEq)]
pub struct Receipt {
    pub dossier_code: String,
    pub office: String,
    /// The tracking book: one per office and year.
    pub year: i32,
    pub number: i64,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub officer_name: String,
    pub documents: Vec<ReceivedDocument>,
    pub sets: u32,
    pub processing_days: u32,
    pub fee: String,
    pub collect_at: String,
}

/// Numbers and records the receipt of `dossier`, inside the reception's transaction.
pub async fn issue(
    tx: &mut sqlx::AnyConnection,
    dossier: &Dossier,
    officer: &Actor,
    now: DateTime<Utc>,
    reception: &Reception,
) -> Result<i64> {
    let year = i64::from(crate::state::local(now).year());
    sqlx::query(
        "INSERT INTO receipt_books (office, year, last_number) VALUES ($1, $2, 0)
         ON CONFLICT (office, year) DO NOTHING",
    )
    .bind(&dossier.office)
    .bind(year)
    .execute(&mut *tx)
    .await?;
    let number: i64 = sqlx::query(
        "UPDATE receipt_books SET last_number = last_number + 1
         WHERE office = $1 AND year = $2 RETURNING last_number",
    )
    .bind(&dossier.office)
    .bind(year)
    .fetch_one(&mut *tx)
    .await?
    .try_get("last_number")?;
    sqlx::query(
        "INSERT INTO receipts (dossier_code, office, year, number, received_at, due_at,
             officer_id, officer_name, documents, sets, processing_days, fee, collect_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&dossier.code)
    .bind(&dossier.office)
    .bind(year)
    .bind(number)
    .bind(now.to_rfc3339())
    .bind(reception.due_at.to_rfc3339())
    .bind(&officer.id)
    .bind(&officer.name)
    .bind(
        serde_json::to_string(&reception.documents)
            .map_err(|e| BackofficeError::Corrupt(e.to_string()))?,
    )
    .bind(i64::from(reception.sets))
    .bind(i64::from(reception.processing_days))
    .bind(&reception.fee)
    .bind(&reception.collect_at)
    .execute(&mut *tx)
    .await?;
    Ok(number)
}

/// The receipt of a received dossier.
pub async fn receipt(db: &Db, code: &str) -> Result<Option<Receipt>> {
    let row = sqlx::query(
        "SELECT dossier_code, office, year, number, received_at, due_at, officer_name,
             documents, sets, processing_days, fee, collect_at
         FROM receipts WHERE dossier_code = $1",
    )
    .bind(code)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let count = |name: &str| -> Result<u32> {
        u32::try_from(row.try_get::<i64, _>(name)?)
            .map_err(|_| BackofficeError::Corrupt(format!("bad {name}")))
    };
    Ok(Some(Receipt {
        dossier_code: row.try_get("dossier_code")?,
        office: row.try_get("office")?,
        year: i32::try_from(row.try_get::<i64, _>("year")?)
            .map_err(|_| BackofficeError::Corrupt("bad year".into()))?,
        number: row.try_get("number")?,
        received_at: time(&row.try_get::<String, _>("received_at")?)?,
        due_at: time(&row.try_get::<String, _>("due_at")?)?,
        officer_name: row.try_get("officer_name")?,
        documents: serde_json::from_str(&row.try_get::<String, _>("documents")?)
            .map_err(|e| BackofficeError::Corrupt(e.to_string()))?,
        sets: count("sets")?,
        processing_days: count("processing_days")?,
        fee: row.try_get("fee")?,
        collect_at: row.try_get("collect_at")?,
    }))
}
