//! Dossiers filed before reception receipts existed migrate without loss.

use super::*;
use crate::db::testing::unmigrated;

/// The first migration of the reception (`app/migrations/20261206000001_reception.sql`).
const RECEPTION: i64 = 20261206000001;

async fn migrate_before_reception(db: &Db) {
    let mut earlier = sqlx::migrate!("./migrations");
    earlier.migrations = earlier
        .migrations
        .iter()
        .filter(|m| m.version < RECEPTION)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    earlier.run(&db.pool).await.unwrap();
}

async fn old_dossier(db: &Db, code: &str, status: &str, received_at: Option<&str>) {
    sqlx::query(
        "INSERT INTO drafts (id, code_hash, procedure_id, answers, version, created_at, updated_at)
         VALUES ($1, $1, 'khai-sinh', '{}', 1, '2026-11-23T02:00:00+00:00', '2026-11-23T02:00:00+00:00')",
    )
    .bind(format!("d-{code}"))
    .execute(&db.pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO dossiers (code, draft_id, procedure_id, office, answers, status,
             submitted_at, due_date, received_at, first_due_date)
         VALUES ($1, $2, 'khai-sinh', 'UBND phường Tân An', '{}', $3,
             '2026-11-23T02:00:00+00:00', '2026-11-26', $4, '2026-11-26')",
    )
    .bind(code)
    .bind(format!("d-{code}"))
    .bind(status)
    .bind(received_at)
    .execute(&db.pool)
    .await
    .unwrap();
    let mut seq = 1;
    let mut event = |action: &str, from: Option<&str>, to: &str| {
        seq += 1;
        sqlx::query(
            "INSERT INTO dossier_events (dossier_code, seq, at, actor, actor_name, action,
                 from_status, to_status, note)
             VALUES ($1, $2, '2026-11-23T03:00:00+00:00', 'staff-1', 'Trần Thị Bình', $3, $4, $5, NULL)",
        )
        .bind(code.to_string())
        .bind(seq)
        .bind(action.to_string())
        .bind(from.map(str::to_string))
        .bind(to.to_string())
        .execute(&db.pool)
    };
    if received_at.is_some() {
        event("receive", Some("submitted"), "received")
            .await
            .unwrap();
    }
    if status == "refused" {
        let from = if received_at.is_some() {
            "received"
        } else {
            "submitted"
        };
        event("refuse", Some(from), "refused").await.unwrap();
    }
}

#[tokio::test]
async fn refused_dossiers_split_into_not_received_and_stopped_and_received_ones_get_receipts() {
    for db in unmigrated().await {
        migrate_before_reception(&db).await;
        old_dossier(&db, "KS-A", "refused", None).await;
        old_dossier(&db, "KS-B", "refused", Some("2026-11-23T03:00:00+00:00")).await;
        old_dossier(&db, "KS-C", "received", Some("2026-11-23T04:00:00+00:00")).await;
        old_dossier(&db, "KS-D", "submitted", None).await;
        db.migrate().await.unwrap();

        let status_of = |code: &'static str| {
            let db = db.clone();
            async move { dossier(&db, code).await.unwrap().unwrap().status }
        };
        assert_eq!(status_of("KS-A").await, Status::NotReceived);
        assert_eq!(status_of("KS-B").await, Status::Stopped);
        assert_eq!(status_of("KS-C").await, Status::Received);
        assert_eq!(status_of("KS-D").await, Status::Submitted);
        let history = events(&db, "KS-B").await.unwrap();
        assert_eq!(history.last().unwrap().to, Status::Stopped);
        assert_eq!(history.last().unwrap().action, "stop");
        assert_eq!(events(&db, "KS-A").await.unwrap()[0].action, "not_receive");

        // Received ones have their receipt, numbered in order, due at 16:30 on their due date.
        let b = receipt(&db, "KS-B").await.unwrap().unwrap();
        let c = receipt(&db, "KS-C").await.unwrap().unwrap();
        assert_eq!((b.number, c.number, c.year), (1, 2, 2026));
        assert_eq!(c.officer_name, "Trần Thị Bình");
        assert_eq!(
            crate::state::local(c.due_at).to_string(),
            "2026-11-26 16:30:00"
        );
        assert!(receipt(&db, "KS-A").await.unwrap().is_none());
        assert_eq!(
            dossier(&db, "KS-C").await.unwrap().unwrap().due_at,
            Some(c.due_at)
        );
        // The book goes on after the migrated numbers.
        let (last,): (i64,) = sqlx::query_as(
            "SELECT last_number FROM receipt_books WHERE office = 'UBND phường Tân An'",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(last, 2);
    }
}
