//! The helped records' queries, on both engines.

use super::*;
use crate::assist::{Assist, store};
use crate::db::{Db, stamp, testing::databases};
use crate::random::letters as random_letters;
use chrono::{DateTime, Duration, Utc};

async fn staff(db: &Db, role: &str, office: &str) -> String {
    let id = random_letters(16).to_lowercase();
    let now = stamp(Utc::now());
    sqlx::query(
        "INSERT INTO staff (id, username, name, office, role, password_hash, active,
             failed_logins, created_at, updated_at)
         VALUES ($1, $1, 'Lê Thị Tình', $2, $3, 'x', 1, 0, $4, $4)",
    )
    .bind(&id)
    .bind(office)
    .bind(role)
    .bind(&now)
    .execute(&db.pool)
    .await
    .unwrap();
    id
}

/// A draft, submitted as a dossier of `office` at `at` when `office` is given.
async fn draft(db: &Db, office: Option<&str>, at: DateTime<Utc>) -> (String, String) {
    let id = random_letters(24);
    let code = format!("KS-261124-{}", random_letters(8).to_uppercase());
    let submitted = office.is_some();
    sqlx::query(
        "INSERT INTO drafts (id, code_hash, procedure_id, answers, version, created_at,
             updated_at, dossier_code)
         VALUES ($1, $2, 'khai-sinh', '{}', 1, $3, $3, $4)",
    )
    .bind(&id)
    .bind(random_letters(40))
    .bind(stamp(at))
    .bind(submitted.then_some(&code))
    .execute(&db.pool)
    .await
    .unwrap();
    if let Some(office) = office {
        sqlx::query(
            "INSERT INTO dossiers (code, draft_id, procedure_id, office, answers, status,
                 submitted_at, due_date)
             VALUES ($1, $2, 'khai-sinh', $3, '{}', 'submitted', $4, '2026-12-01')",
        )
        .bind(&code)
        .bind(&id)
        .bind(office)
        .bind(stamp(at))
        .execute(&db.pool)
        .await
        .unwrap();
    }
    (id, code)
}

#[tokio::test]
async fn a_dossier_filed_with_help_names_its_helper_and_counts_as_helped() {
    for db in databases().await {
        let office = format!("UBND phường Thử {}", random_letters(8));
        let volunteer = staff(&db, "volunteer", &office).await;
        let now = Utc::now();
        let (helped, helped_code) = draft(&db, Some(&office), now).await;
        store::mark(&db, &helped, &volunteer, Assist::Code, now)
            .await
            .unwrap();
        store::confirm(&db, &helped, Confirmation::Sms, 1, now)
            .await
            .unwrap();
        let (_, alone_code) = draft(&db, Some(&office), now).await;
        // Helped but never submitted, and a dossier of before the weeks counted.
        let (abandoned, _) = draft(&db, None, now).await;
        store::mark(&db, &abandoned, &volunteer, Assist::Counter, now)
            .await
            .unwrap();
        draft(&db, Some(&office), now - Duration::weeks(10)).await;
        let (at_kiosk, kiosk_code) = draft(&db, Some(&office), now).await;
        sqlx::query(
            "INSERT INTO kiosk_dossiers (draft_id, kiosk_id, created_at) VALUES ($1, 'k', $2)",
        )
        .bind(&at_kiosk)
        .bind(stamp(now))
        .execute(&db.pool)
        .await
        .unwrap();
        assert_eq!(
            filed_with(&db, &kiosk_code, false).await.unwrap(),
            Some(Filed::Kiosk)
        );
        assert_eq!(filed_with(&db, &alone_code, false).await.unwrap(), None);
        assert!(matches!(
            filed_with(&db, &helped_code, false).await.unwrap(),
            Some(Filed::Helped(_))
        ));

        let by = of_dossier(&db, &helped_code, true).await.unwrap().unwrap();
        assert_eq!(by.name, "Lê Thị Tình");
        assert_eq!(by.role, "Tình nguyện viên / hướng dẫn viên số");
        assert_eq!(by.office.as_deref(), Some(office.as_str()));
        assert_eq!(by.how, Some(Confirmation::Sms));
        assert_eq!(
            by.sentence(),
            format!(
                "Nộp với sự giúp đỡ của Lê Thị Tình, Tình nguyện viên / hướng dẫn viên số, {office}."
            )
        );
        let public = of_dossier(&db, &helped_code, false).await.unwrap().unwrap();
        assert_eq!(public.office, None);
        assert!(!public.sentence().contains(&office));
        assert_eq!(of_dossier(&db, &alone_code, true).await.unwrap(), None);

        let mut channels: Vec<Channel> = channels_since(&db, &office, now - Duration::weeks(8))
            .await
            .unwrap()
            .into_iter()
            .map(|(_, channel)| channel)
            .collect();
        channels.sort_by_key(|c| format!("{c:?}"));
        assert_eq!(
            channels,
            [
                Channel::Alone,
                Channel::Helped(Some(Confirmation::Sms)),
                Channel::Kiosk
            ]
        );
    }
}

#[tokio::test]
async fn a_helper_lists_only_the_drafts_they_started_since_a_moment() {
    for db in databases().await {
        let office = format!("UBND phường Thử {}", random_letters(8));
        let (me, other) = (
            staff(&db, "volunteer", &office).await,
            staff(&db, "volunteer", &office).await,
        );
        let now = Utc::now();
        let midnight = now - Duration::hours(2);
        let (today, _) = draft(&db, None, now).await;
        store::mark(&db, &today, &me, Assist::Counter, now)
            .await
            .unwrap();
        let (submitted, code) = draft(&db, Some(&office), now).await;
        store::mark(
            &db,
            &submitted,
            &me,
            Assist::Code,
            now + Duration::seconds(1),
        )
        .await
        .unwrap();
        let (yesterday, _) = draft(&db, None, now).await;
        store::mark(
            &db,
            &yesterday,
            &me,
            Assist::Counter,
            now - Duration::days(1),
        )
        .await
        .unwrap();
        let (theirs, _) = draft(&db, None, now).await;
        store::mark(&db, &theirs, &other, Assist::Counter, now)
            .await
            .unwrap();
        let mine = started_by(&db, &me, midnight, 50).await.unwrap();
        let ids: Vec<&str> = mine.iter().map(|d| d.draft_id.as_str()).collect();
        assert_eq!(ids, [submitted.as_str(), today.as_str()]);
        assert_eq!(mine[0].dossier_code.as_deref(), Some(code.as_str()));
        assert_eq!(mine[1].dossier_code, None);
        assert_eq!(mine[1].procedure_id, "khai-sinh");
        assert_eq!(started_by(&db, &me, midnight, 1).await.unwrap().len(), 1);
    }
}
