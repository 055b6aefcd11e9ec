use super::*;
use crate::db::testing::databases;
use crate::drafts::store::{self as drafts, Pending};
use domain::procedure::Answers;

/// `len` bytes that differ from one chunk to the next, so a chunk out of order shows.
fn photo(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i / 1000) as u8 ^ (i as u8).wrapping_mul(31) ^ seed)
        .collect()
}

async fn draft(db: &Db, answers: &[(&str, &str)]) -> drafts::Draft {
    let answers: Answers = answers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    drafts::create_draft(
        db,
        "khai-tu",
        &crate::random::resume_code(),
        &answers,
        Utc::now(),
    )
    .await
    .unwrap()
}

async fn read(store: &Documents, draft_id: &str, name: &str) -> Option<Vec<u8>> {
    match store.get(draft_id, name).await.unwrap() {
        Some(document) => Some(document.read_all().await.unwrap()),
        None => None,
    }
}

#[tokio::test]
async fn a_document_is_kept_read_back_in_chunks_counted_and_deleted_with_its_draft() {
    for db in databases().await {
        let store = Documents::in_database(db.clone());
        let (ours, theirs) = (draft(&db, &[]).await, draft(&db, &[]).await);
        // A phone photo of 600 KB: three chunks, the last one short.
        let big = photo(2 * CHUNK_BYTES + 88_000, 1);
        let scan = photo(5_000, 2);
        let now = Utc::now();
        store
            .put(&ours.id, "abcdefghij.jpg", "image/jpeg", &big, now)
            .await
            .unwrap();
        store
            .put(&ours.id, "klmnopqrst.pdf", "application/pdf", &scan, now)
            .await
            .unwrap();
        store
            .put(&theirs.id, "abcdefghij.jpg", "image/jpeg", &scan, now)
            .await
            .unwrap();

        let mut document = store
            .get(&ours.id, "abcdefghij.jpg")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(document.content_type, "image/jpeg", "{:?}", db.engine);
        assert_eq!(document.size, big.len() as u64);
        let mut sizes = Vec::new();
        let mut bytes = Vec::new();
        while let Some(chunk) = document.bytes.next().await {
            let chunk = chunk.unwrap();
            sizes.push(chunk.len());
            bytes.extend_from_slice(&chunk);
        }
        assert_eq!(sizes, [CHUNK_BYTES, CHUNK_BYTES, 88_000], "{:?}", db.engine);
        assert_eq!(bytes, big, "{:?}", db.engine);
        // A name belongs to its draft: the same name in another draft is another document.
        assert_eq!(
            read(&store, &theirs.id, "abcdefghij.jpg").await,
            Some(scan.clone())
        );
        assert_eq!(read(&store, &ours.id, "nothing.jpg").await, None);
        // The same name twice is refused, and the first stays whole.
        assert!(
            store
                .put(&ours.id, "klmnopqrst.pdf", "application/pdf", &big, now)
                .await
                .is_err()
        );
        assert_eq!(
            read(&store, &ours.id, "klmnopqrst.pdf").await,
            Some(scan.clone())
        );

        let total = (big.len() + scan.len()) as u64;
        assert_eq!(store.total_bytes_for_draft(&ours.id).await.unwrap(), total);
        assert_eq!(store.total_bytes_for_draft("none").await.unwrap(), 0);

        assert_eq!(store.delete_for_draft(&ours.id).await.unwrap(), 2);
        assert_eq!(read(&store, &ours.id, "abcdefghij.jpg").await, None);
        assert_eq!(store.total_bytes_for_draft(&ours.id).await.unwrap(), 0);
        let chunks: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM document_chunks WHERE draft_id = $1")
                .bind(&ours.id)
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert_eq!(chunks, 0, "{:?}", db.engine);
        assert_eq!(read(&store, &theirs.id, "abcdefghij.jpg").await, Some(scan));
    }
}

#[tokio::test]
async fn a_chunk_gone_missing_ends_the_download_with_an_error_not_a_shorter_file() {
    for db in databases().await {
        let store = Documents::in_database(db.clone());
        let ours = draft(&db, &[]).await;
        let big = photo(3 * CHUNK_BYTES, 3);
        store
            .put(&ours.id, "abcdefghij.png", "image/png", &big, Utc::now())
            .await
            .unwrap();
        sqlx::query("DELETE FROM document_chunks WHERE seq = 1")
            .execute(&db.pool)
            .await
            .unwrap();
        let document = store
            .get(&ours.id, "abcdefghij.png")
            .await
            .unwrap()
            .unwrap();
        let read = document.read_all().await;
        assert!(
            matches!(read, Err(DocumentError::MissingChunk { seq: 1, .. })),
            "{:?}: {read:?}",
            db.engine
        );
    }
}

#[tokio::test]
async fn the_purge_removes_only_old_documents_no_answer_names() {
    for db in databases().await {
        let store = Documents::in_database(db.clone());
        let now = Utc::now();
        let old = now - UNNAMED_GRACE - chrono::Duration::minutes(1);
        let in_answers = draft(&db, &[("gbt-anh", "aaaaaaaaaa.jpg/giay bao tu.jpg")]).await;
        // Sent, then replaced by another photo: only the second is named.
        store
            .put(&in_answers.id, "aaaaaaaaaa.jpg", "image/jpeg", b"1", old)
            .await
            .unwrap();
        store
            .put(&in_answers.id, "replacedxx.jpg", "image/jpeg", b"2", old)
            .await
            .unwrap();
        // Its answer not saved yet (a crash, or moments ago): young, so it stays for now.
        store
            .put(&in_answers.id, "youngxxxxx.jpg", "image/jpeg", b"3", now)
            .await
            .unwrap();
        // Kept while the citizen resolves a conflict.
        let pending = draft(&db, &[]).await;
        let waiting = Pending {
            step: "giay-bao-tu".into(),
            answers: Answers::from([("gbt-anh".into(), "pendingxxx.png/anh.png".into())]),
        };
        drafts::set_pending(&db, &pending.id, Some(&waiting))
            .await
            .unwrap();
        store
            .put(&pending.id, "pendingxxx.png", "image/png", b"4", old)
            .await
            .unwrap();
        // A supplement, added to the dossier's answers only.
        let submitted = draft(&db, &[]).await;
        crate::dossiers::store::submit(
            &db,
            &submitted,
            crate::dossiers::store::NewDossier {
                code: format!("KT-{}", crate::random::letters(8)),
                office: "UBND phường Tân An".into(),
                answers: Answers::from([("bo-sung-0".into(), "supplemen1.pdf/to khai.pdf".into())]),
                submitted_at: now,
                due_date: now.date_naive(),
                messages: Vec::new(),
            },
        )
        .await
        .unwrap();
        store
            .put(
                &submitted.id,
                "supplemen1.pdf",
                "application/pdf",
                b"5",
                old,
            )
            .await
            .unwrap();
        // A supplement kept, its answer never added (the dossier changed meanwhile).
        store
            .put(
                &submitted.id,
                "supplemen2.pdf",
                "application/pdf",
                b"7",
                old,
            )
            .await
            .unwrap();
        // A draft purged, its documents left behind by a crash.
        store
            .put("purgeddraft", "orphanxxxx.jpg", "image/jpeg", b"6", old)
            .await
            .unwrap();

        assert_eq!(store.purge_unnamed(now - UNNAMED_GRACE).await.unwrap(), 3);

        let kept = [
            (&in_answers.id, "aaaaaaaaaa.jpg"),
            (&in_answers.id, "youngxxxxx.jpg"),
            (&pending.id, "pendingxxx.png"),
            (&submitted.id, "supplemen1.pdf"),
        ];
        for (draft_id, name) in kept {
            assert!(
                read(&store, draft_id, name).await.is_some(),
                "{:?}: {name} went",
                db.engine
            );
        }
        assert_eq!(read(&store, &in_answers.id, "replacedxx.jpg").await, None);
        assert_eq!(read(&store, "purgeddraft", "orphanxxxx.jpg").await, None);
        assert_eq!(read(&store, &submitted.id, "supplemen2.pdf").await, None);
        let chunks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM document_chunks")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(chunks, 4, "{:?}", db.engine);
    }
}

fn temp_folder(what: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!(
        "mot-cua-{what}-{}-{}",
        std::process::id(),
        crate::random::letters(8)
    ));
    std::fs::create_dir_all(&root).unwrap();
    root
}

#[tokio::test]
async fn an_old_uploads_folder_moves_into_the_store_without_loss_and_only_once() {
    for db in databases().await {
        let store = Documents::in_database(db.clone());
        let data = temp_folder("data");
        let uploads = data.join("uploads");
        let first = draft(&db, &[("gbt-anh", "aaaaaaaaaa.jpg/giay.jpg")]).await;
        let second = draft(&db, &[]).await;
        let files = [
            (&first.id, "aaaaaaaaaa.jpg", photo(700_000, 4)),
            (&first.id, "bbbbbbbbbb.pdf", photo(10, 5)),
            (&second.id, "cccccccccc.png", photo(CHUNK_BYTES, 6)),
        ];
        for (draft_id, name, bytes) in &files {
            std::fs::create_dir_all(uploads.join(draft_id)).unwrap();
            std::fs::write(uploads.join(draft_id).join(name), bytes).unwrap();
        }
        // Not ours: left where they are.
        std::fs::write(uploads.join(&second.id).join("notes.txt"), b"?").unwrap();
        std::fs::write(uploads.join("README"), b"?").unwrap();
        // A move interrupted after its first document: finished, the first not copied twice.
        let now = Utc::now();
        store
            .put(&first.id, "aaaaaaaaaa.jpg", "image/jpeg", &files[0].2, now)
            .await
            .unwrap();

        let moved = store
            .migrate_from_folder(&uploads, now)
            .await
            .unwrap()
            .unwrap();

        assert_eq!(
            (moved.copied, moved.already_there),
            (2, 1),
            "{:?}",
            db.engine
        );
        let mut left = moved.left.clone();
        left.sort();
        let mut expected = [
            uploads.join("README"),
            uploads.join(&second.id).join("notes.txt"),
        ];
        expected.sort();
        assert_eq!(left, expected);
        for (draft_id, name, bytes) in &files {
            assert_eq!(
                read(&store, draft_id, name).await.as_ref(),
                Some(bytes),
                "{name}"
            );
        }
        let document = store
            .get(&second.id, "cccccccccc.png")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(document.content_type, "image/png");
        // The folder is renamed, never deleted: every file is still in it.
        let renamed = moved.renamed_to.unwrap();
        assert_eq!(
            renamed,
            data.join(format!("uploads.migrated-{}", now.format("%Y%m%dT%H%M%SZ")))
        );
        assert!(!uploads.exists());
        for (draft_id, name, bytes) in &files {
            assert_eq!(
                &std::fs::read(renamed.join(draft_id).join(name)).unwrap(),
                bytes
            );
        }
        // The next start finds no folder and does nothing.
        assert_eq!(
            store.migrate_from_folder(&uploads, now).await.unwrap(),
            None
        );
        assert_eq!(
            store.total_bytes_for_draft(&first.id).await.unwrap(),
            700_010
        );
        std::fs::remove_dir_all(&data).unwrap();
    }
}
