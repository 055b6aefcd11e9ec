//! The draft store on both databases: saves, versions, purges, and submission.

use super::*;
use crate::db::GroupCommit;
use crate::db::testing::{databases, databases_with};
use crate::dossiers::store::{Dossier, NewDossier, dossier_for_draft, submit};
use chrono::NaiveDate;
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
        submitted_at: crate::state::now(),
        due_date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        messages: vec![],
    }
}

#[tokio::test]
async fn answers_waiting_for_a_choice_are_kept_apart_from_the_draft() {
    for db in databases().await {
        let code = crate::random::resume_code();
        let draft = create_draft(
            &db,
            "khai-sinh",
            &code,
            &Answers::new(),
            crate::state::now(),
        )
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
        create_draft(&db, "khai-sinh", &code, &typed, crate::state::now())
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
        let draft = create_draft(
            &db,
            "khai-sinh",
            &code,
            &Answers::new(),
            crate::state::now(),
        )
        .await
        .unwrap();
        let phone = answers(&[("me-ho-ten", "Lê Thị Hoa")]);
        assert_eq!(
            save_answers(&db, &draft, &phone, crate::state::now())
                .await
                .unwrap(),
            2
        );
        let counter = answers(&[("me-ho-ten", "Lê Thị Hồng")]);
        assert!(matches!(
            save_answers(&db, &draft, &counter, crate::state::now()).await,
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
        let draft = create_draft(
            &db,
            "khai-sinh",
            &code,
            &Answers::new(),
            crate::state::now(),
        )
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
        let late_save = save_answers(&db, &stored, &Answers::new(), crate::state::now()).await;
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
            let draft = create_draft(
                &db,
                "khai-sinh",
                &code,
                &Answers::new(),
                crate::state::now(),
            )
            .await
            .unwrap();
            drafts.push((code, draft));
        }
        let saves = drafts.iter().enumerate().map(|(i, (_, draft))| {
            let db = db.clone();
            let typed = answers(&[("nyc-ho-ten", &format!("Người khai số {i}"))]);
            let draft = draft.clone();
            async move { save_answers(&db, &draft, &typed, crate::state::now()).await }
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
        let draft = create_draft(
            &db,
            "khai-sinh",
            &code,
            &Answers::new(),
            crate::state::now(),
        )
        .await
        .unwrap();
        let saves = (0..10).map(|i| {
            let (db, draft) = (db.clone(), draft.clone());
            let typed = answers(&[("me-ho-ten", &format!("Tên thứ {i}"))]);
            async move {
                (
                    typed.clone(),
                    save_answers(&db, &draft, &typed, crate::state::now()).await,
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
        let draft = create_draft(
            &db,
            "khai-sinh",
            &code,
            &Answers::new(),
            crate::state::now(),
        )
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
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dossiers WHERE draft_id = $1")
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
        let now = crate::state::now();
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
