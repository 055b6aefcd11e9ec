//! Background work of the process: drafts left untouched for 30 days are deleted with their
//! uploaded files, and old rate-limit counters are forgotten. Hourly, and once at start.

use app::db::Db;
use app::drafts::store::{self, KEEP_DRAFTS_DAYS};
use chrono::{Duration, Utc};
use std::path::{Path, PathBuf};

const EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

pub fn start(db: Db, uploads_dir: PathBuf) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(EVERY);
        // A server that was down for a day purges once, not 24 times.
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            purge(&db, &uploads_dir).await;
        }
    });
}

async fn purge(db: &Db, uploads_dir: &Path) {
    let now = Utc::now();
    match store::purge_drafts(db, now - Duration::days(KEEP_DRAFTS_DAYS)).await {
        Ok(ids) => {
            for id in &ids {
                remove_uploads(uploads_dir, id).await;
            }
            if !ids.is_empty() {
                tracing::info!(
                    "purged {} drafts untouched for {KEEP_DRAFTS_DAYS} days",
                    ids.len()
                );
            }
        }
        Err(error) => tracing::error!("purging old drafts: {error}"),
    }
    if let Err(error) = app::limits::forget_old_counts(db, now - Duration::days(1)).await {
        tracing::error!("forgetting old rate-limit counters: {error}");
    }
}

/// The draft's folder of documents; a draft without documents has none.
async fn remove_uploads(uploads_dir: &Path, draft_id: &str) {
    // Draft ids are random letters; anything else never names a folder here.
    if draft_id.is_empty() || !draft_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return;
    }
    match tokio::fs::remove_dir_all(uploads_dir.join(draft_id)).await {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => tracing::error!("removing the documents of draft {draft_id}: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::procedure::Answers;

    #[tokio::test]
    async fn a_purged_draft_takes_its_documents_with_it() {
        let dir =
            std::env::temp_dir().join(format!("mot-cua-housekeeping-{}", app::random::letters(10)));
        let db = Db::connect(&format!("sqlite://{}/mot-cua.db", dir.display()))
            .await
            .unwrap();
        db.migrate().await.unwrap();
        let uploads = dir.join("uploads");
        let mut drafts = Vec::new();
        for days in [31, 29] {
            let changed = Utc::now() - Duration::days(days);
            let draft = store::create_draft(
                &db,
                "khai-sinh",
                &app::random::resume_code(),
                &Answers::new(),
                changed,
            )
            .await
            .unwrap();
            let folder = uploads.join(&draft.id);
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("giay-chung-sinh.jpg"), b"\xFF\xD8\xFF").unwrap();
            drafts.push(folder);
        }

        purge(&db, &uploads).await;

        assert!(!drafts[0].exists(), "the 31-day-old draft's documents stay");
        assert!(drafts[1].exists(), "the 29-day-old draft's documents went");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
