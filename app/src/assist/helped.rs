//! Who helped file a dossier, as the citizen's receipt, the lookup and the clerk's dossier page
//! say it ("Nộp với sự giúp đỡ của …" and how the citizen confirmed), and the drafts a helper
//! started today. Read only: the record itself is `store`'s.

use super::Confirmation;
use crate::layout::{NAME_MARK, with_name};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The helper of a dossier filed with help.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpedBy {
    pub name: String,
    /// The role's name in the page's language ("Tình nguyện viên / hướng dẫn viên số").
    pub role: String,
    /// Their office; left out where anyone with the code reads the page (the lookup): the
    /// name and the role say the official act, nothing more is needed there.
    pub office: Option<String>,
    /// How the citizen confirmed the answers (None: not recorded).
    pub how: Option<Confirmation>,
}

impl Confirmation {
    /// The translation key of "how the citizen confirmed", as a sentence.
    pub fn key(self) -> &'static str {
        match self {
            Confirmation::Phone => "assist.confirmed.phone",
            Confirmation::Sms => "assist.confirmed.sms",
            Confirmation::Paper => "assist.confirmed.paper",
            Confirmation::Screen => "assist.confirmed.screen",
        }
    }

    /// Its short name, for a table's column ("trên điện thoại của công dân").
    pub fn short_key(self) -> &'static str {
        match self {
            Confirmation::Phone => "assist.confirmed_short.phone",
            Confirmation::Sms => "assist.confirmed_short.sms",
            Confirmation::Paper => "assist.confirmed_short.paper",
            Confirmation::Screen => "assist.confirmed_short.screen",
        }
    }
}

impl HelpedBy {
    /// "Nộp với sự giúp đỡ của Trần Thị Lan, Cán bộ một cửa, UBND phường Tân An."
    pub fn sentence(&self) -> String {
        match &self.office {
            Some(office) => tr!(
                "assist.helped_by_office",
                name = &self.name,
                role = &self.role,
                office = office
            ),
            None => tr!("assist.helped_by", name = &self.name, role = &self.role),
        }
    }
}

/// How a dossier was filed, when not by the citizen alone on their own device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Filed {
    Helped(HelpedBy),
    /// On a kiosk in the office's hall.
    Kiosk,
}

/// "Nộp với sự giúp đỡ của …" and how the citizen confirmed, or "Nộp tại ki-ốt …".
#[component]
pub fn FiledLine(filed: Filed) -> impl IntoView {
    match filed {
        Filed::Helped(helped) => view! { <HelpedLine helped /> }.into_any(),
        Filed::Kiosk => {
            view! { <p class="helped-by">{tr!("assist.filed_at_kiosk")}</p> }.into_any()
        }
    }
}

/// "Nộp với sự giúp đỡ của …" and how the citizen confirmed, on one paragraph.
#[component]
pub fn HelpedLine(helped: HelpedBy) -> impl IntoView {
    let line = match &helped.office {
        Some(office) => tr!(
            "assist.helped_by_office",
            name = NAME_MARK,
            role = &helped.role,
            office = office
        ),
        None => tr!("assist.helped_by", name = NAME_MARK, role = &helped.role),
    };
    view! {
        <p class="helped-by">
            {with_name(line, helped.name)}
            {helped.how.map(|how| format!(" {}", tr!(how.key())))}
        </p>
    }
}

/// How a dossier came in, for the office's figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    /// The citizen alone, on their own device.
    Alone,
    /// The citizen alone, on a kiosk of the office.
    Kiosk,
    /// Filed with a helper; how the citizen confirmed (None: not recorded).
    Helped(Option<Confirmation>),
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::db::{Db, stamp};
    use crate::identity::Role;
    use chrono::{DateTime, Utc};
    use sqlx::Row;

    /// Who helped file the dossier `code`, if anyone did; the office only when `with_office`.
    /// The role is named in the page's language.
    pub async fn of_dossier(
        db: &Db,
        code: &str,
        with_office: bool,
    ) -> Result<Option<HelpedBy>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT staff.name, staff.role, staff.office, assisted_drafts.confirmed_how
             FROM dossiers
             JOIN assisted_drafts ON assisted_drafts.draft_id = dossiers.draft_id
             JOIN staff ON staff.id = assisted_drafts.staff_id
             WHERE dossiers.code = $1",
        )
        .bind(code)
        .fetch_optional(&db.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let role: String = row.try_get("role")?;
        let how: Option<String> = row.try_get("confirmed_how")?;
        Ok(Some(HelpedBy {
            name: row.try_get("name")?,
            role: Role::parse(&role).map(Role::label).unwrap_or(role),
            office: if with_office {
                Some(row.try_get("office")?)
            } else {
                None
            },
            how: how.as_deref().and_then(Confirmation::parse),
        }))
    }

    /// How the dossier `code` was filed: with a helper (see `of_dossier`), on a kiosk, or
    /// (None) by the citizen alone.
    pub async fn filed_with(
        db: &Db,
        code: &str,
        with_office: bool,
    ) -> Result<Option<Filed>, sqlx::Error> {
        if let Some(helped) = of_dossier(db, code, with_office).await? {
            return Ok(Some(Filed::Helped(helped)));
        }
        let kiosk = sqlx::query(
            "SELECT kiosk_dossiers.draft_id FROM dossiers
             JOIN kiosk_dossiers ON kiosk_dossiers.draft_id = dossiers.draft_id
             WHERE dossiers.code = $1",
        )
        .bind(code)
        .fetch_optional(&db.pool)
        .await?;
        Ok(kiosk.map(|_| Filed::Kiosk))
    }

    /// A draft a helper started (or opened with the citizen's code).
    #[derive(Clone, Debug, PartialEq)]
    pub struct StartedDraft {
        pub draft_id: String,
        pub procedure_id: String,
        pub started_at: DateTime<Utc>,
        /// Submitted: its dossier.
        pub dossier_code: Option<String>,
        pub confirmed: bool,
    }

    /// The drafts `staff_id` started since `since`, the latest first (at most `limit`).
    pub async fn started_by(
        db: &Db,
        staff_id: &str,
        since: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<StartedDraft>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT assisted_drafts.draft_id, assisted_drafts.created_at,
                    assisted_drafts.confirmed_at, drafts.procedure_id, drafts.dossier_code
             FROM assisted_drafts JOIN drafts ON drafts.id = assisted_drafts.draft_id
             WHERE assisted_drafts.staff_id = $1 AND assisted_drafts.created_at >= $2
             ORDER BY assisted_drafts.created_at DESC, assisted_drafts.draft_id
             LIMIT $3",
        )
        .bind(staff_id)
        .bind(stamp(since))
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let at: String = row.try_get("created_at")?;
                let confirmed: Option<String> = row.try_get("confirmed_at")?;
                Ok(StartedDraft {
                    draft_id: row.try_get("draft_id")?,
                    procedure_id: row.try_get("procedure_id")?,
                    started_at: DateTime::parse_from_rfc3339(&at)
                        .map(|t| t.with_timezone(&Utc))
                        .unwrap_or_default(),
                    dossier_code: row.try_get("dossier_code")?,
                    confirmed: confirmed.is_some(),
                })
            })
            .collect()
    }

    /// Each dossier of `office` submitted since `since`: when, and by which channel. Drafts
    /// never submitted are not dossiers, and not counted.
    pub async fn channels_since(
        db: &Db,
        office: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, Channel)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT dossiers.submitted_at, assisted_drafts.staff_id, assisted_drafts.confirmed_how,
                    kiosk_dossiers.kiosk_id
             FROM dossiers
             LEFT JOIN assisted_drafts ON assisted_drafts.draft_id = dossiers.draft_id
             LEFT JOIN kiosk_dossiers ON kiosk_dossiers.draft_id = dossiers.draft_id
             WHERE dossiers.office = $1 AND dossiers.submitted_at >= $2",
        )
        .bind(office)
        .bind(stamp(since))
        .fetch_all(&db.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let at: String = row.try_get("submitted_at")?;
                let helper: Option<String> = row.try_get("staff_id")?;
                let how: Option<String> = row.try_get("confirmed_how")?;
                let kiosk: Option<String> = row.try_get("kiosk_id")?;
                let channel = match (helper, kiosk) {
                    (Some(_), _) => Channel::Helped(how.as_deref().and_then(Confirmation::parse)),
                    (None, Some(_)) => Channel::Kiosk,
                    (None, None) => Channel::Alone,
                };
                Ok((
                    DateTime::parse_from_rfc3339(&at)
                        .map(|t| t.with_timezone(&Utc))
                        .unwrap_or_default(),
                    channel,
                ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #![cfg(feature = "ssr")]
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
}
