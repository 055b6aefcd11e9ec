//! Background work of the process: drafts left untouched for 30 days are deleted with their
//! documents, documents no answer names are removed, old phone confirmation requests and
//! old rate-limit counters are forgotten.
//! Hourly, and once at start. Also the move of the old uploads folder into the store, at start.

use anyhow::Context;
use app::db::Db;
use app::documents::{Documents, UNNAMED_GRACE};
use app::drafts::store::{self, KEEP_DRAFTS_DAYS};
use chrono::{Duration, Utc};
use std::path::Path;

const EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

pub fn start(db: Db, documents: Documents) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(EVERY);
        // A server that was down for a day purges once, not 24 times.
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            purge(&db, &documents).await;
        }
    });
}

async fn purge(db: &Db, documents: &Documents) {
    let now = Utc::now();
    match store::purge_drafts(db, now - Duration::days(KEEP_DRAFTS_DAYS)).await {
        Ok(ids) => {
            for id in &ids {
                // A crash before this leaves documents no answer names: removed just below.
                if let Err(error) = documents.delete_for_draft(id).await {
                    tracing::error!("removing the documents of draft {id}: {error}");
                }
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
    match documents.purge_unnamed(now - UNNAMED_GRACE).await {
        Ok(0) => {}
        Ok(count) => tracing::info!("removed {count} documents no answer names"),
        Err(error) => tracing::error!("removing documents no answer names: {error}"),
    }
    let before = now - Duration::days(KEEP_DRAFTS_DAYS);
    if let Err(error) = app::assist::phone::store::forget_old(db, before).await {
        tracing::error!("forgetting old phone confirmation requests: {error}");
    }
    if let Err(error) = app::limits::forget_old_counts(db, now - Duration::days(1)).await {
        tracing::error!("forgetting old rate-limit counters: {error}");
    }
}

/// Documents kept on this server's disk before they moved into the database
/// (`<MC_DATA_DIR>/uploads/<draft id>/`) go into the store; the folder is then renamed, never
/// deleted. A failure stops the start: serving on would answer "not found" for those documents.
pub async fn move_old_uploads(documents: &Documents, folder: &Path) -> anyhow::Result<()> {
    let moved = documents
        .migrate_from_folder(folder, Utc::now())
        .await
        .with_context(|| {
            format!(
                "moving the documents of {} into the database (nothing was deleted; start \
                 again once the cause is fixed)",
                folder.display()
            )
        })?;
    if let Some(moved) = moved {
        tracing::info!(
            "moved {} documents of {} into the database ({} were there already); the folder is \
             now {}",
            moved.copied,
            folder.display(),
            moved.already_there,
            moved.renamed_to.as_deref().map_or_else(
                || "gone (another server moved it)".to_string(),
                |to| to.display().to_string()
            ),
        );
        for file in &moved.left {
            tracing::warn!(
                "{} is no document of ours: left in the renamed folder",
                file.display()
            );
        }
    }
    Ok(())
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
        let documents = Documents::in_database(db.clone());
        let mut drafts = Vec::new();
        for days in [31, 29] {
            let changed = Utc::now() - Duration::days(days);
            let answers = Answers::from([("anh".into(), "giaychungsinh.jpg/giay.jpg".into())]);
            let draft = store::create_draft(
                &db,
                "khai-sinh",
                &app::random::resume_code(),
                &answers,
                changed,
            )
            .await
            .unwrap();
            documents
                .put(
                    &draft.id,
                    "giaychungsinh.jpg",
                    "image/jpeg",
                    b"\xFF\xD8\xFF",
                    changed,
                )
                .await
                .unwrap();
            drafts.push(draft.id);
        }

        purge(&db, &documents).await;

        let kept = |id: &str| {
            let (documents, id) = (documents.clone(), id.to_string());
            async move { documents.total_bytes_for_draft(&id).await.unwrap() }
        };
        assert_eq!(
            kept(&drafts[0]).await,
            0,
            "the 31-day-old draft's documents stay"
        );
        assert_eq!(
            kept(&drafts[1]).await,
            3,
            "the 29-day-old draft's documents went"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
