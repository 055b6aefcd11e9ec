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

#[cfg(all(test, feature = "ssr"))]
#[path = "helped_tests.rs"]
mod tests;
