//! Who is at the keyboard: the staff member signed in on this browser, if any. Core, because
//! the wizard asks it (answers typed by a helper are marked) as much as the staff pages do.
//! The session is a random token in an HttpOnly cookie; the database holds only its hash.

use serde::{Deserialize, Serialize};

/// What a staff member may do is decided by their role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// "Cán bộ một cửa": receives dossiers at the counter, files for citizens.
    Counter,
    /// "Chuyên viên": processes dossiers in the back office.
    Clerk,
    /// "Lãnh đạo": head of office; watches on-time rates, reads the audit log.
    Head,
    /// "Quản trị": manages staff accounts, reads the audit log.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Counter, Role::Clerk, Role::Head, Role::Admin];

    /// As stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Counter => "counter",
            Role::Clerk => "clerk",
            Role::Head => "head",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == text.trim().to_lowercase())
    }

    /// The translation key of the role's name.
    pub fn key(self) -> &'static str {
        match self {
            Role::Counter => "staff.role.counter",
            Role::Clerk => "staff.role.clerk",
            Role::Head => "staff.role.head",
            Role::Admin => "staff.role.admin",
        }
    }

    /// The role's name in the page's language.
    pub fn label(self) -> String {
        crate::tr!(self.key())
    }

    /// The role's name in Vietnamese, for what is stored (the audit log).
    pub fn label_vi(self) -> String {
        rust_i18n::t!(self.key(), locale = "vi").into_owned()
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Role::parse(text)
            .ok_or_else(|| format!("role must be counter, clerk, head or admin, not {text}"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: String,
    pub username: String,
    pub name: String,
    /// An office name exactly as dossiers store it (`dossiers.office`).
    pub office: String,
    pub role: Role,
}

#[cfg(feature = "ssr")]
pub use signed_in::*;

#[cfg(feature = "ssr")]
mod signed_in {
    use super::{Role, StaffMember};
    use crate::db::{Db, stamp};
    use crate::state::AppState;
    use chrono::{DateTime, Utc};
    use leptos::prelude::use_context;
    use sha2::{Digest, Sha256};
    use sqlx::Row;

    /// The staff session cookie.
    pub const COOKIE: &str = "mc_can_bo";

    /// The session token in a request's cookies.
    pub fn token_in(headers: &http::HeaderMap) -> Option<String> {
        crate::cookies::value_in(headers, COOKIE)
    }

    /// The current request's session token.
    pub fn token() -> Option<String> {
        token_in(&use_context::<http::request::Parts>()?.headers)
    }

    /// Only a hash of a session token is stored: a copy of the table opens no session.
    pub fn token_hash(token: &str) -> String {
        format!("{:x}", Sha256::digest(token.as_bytes()))
    }

    /// A staff row as `SELECT id, username, name, office, role` reads it; an unknown role is
    /// an error, never a guess.
    pub fn member_from_row(row: &sqlx::any::AnyRow) -> Result<StaffMember, sqlx::Error> {
        let role: String = row.try_get("role")?;
        Ok(StaffMember {
            id: row.try_get("id")?,
            username: row.try_get("username")?,
            name: row.try_get("name")?,
            office: row.try_get("office")?,
            role: Role::parse(&role).ok_or_else(|| sqlx::Error::ColumnDecode {
                index: "role".into(),
                source: format!("unknown role {role}").into(),
            })?,
        })
    }

    /// How long a session lasts however busy its owner is: a working day and a bit, as staff
    /// sign in each morning.
    pub fn session_length() -> chrono::Duration {
        chrono::Duration::hours(10)
    }

    /// Idle staff sessions end after this long unless `MC_STAFF_IDLE_MINUTES` says otherwise.
    pub const DEFAULT_STAFF_IDLE_MINUTES: i64 = 30;

    /// The active staff member whose unexpired session this token is. Each use moves the end
    /// to `idle` from `now` (never past `session_length()` from its start), so a session left
    /// alone for `idle` ends.
    pub async fn member_by_session(
        db: &Db,
        token: &str,
        now: DateTime<Utc>,
        idle: chrono::Duration,
    ) -> Result<Option<StaffMember>, sqlx::Error> {
        let token_hash = token_hash(token);
        let row = sqlx::query(
            "SELECT staff.id, staff.username, staff.name, staff.office, staff.role,
                    staff_sessions.created_at, staff_sessions.expires_at
             FROM staff_sessions JOIN staff ON staff.id = staff_sessions.staff_id
             WHERE staff_sessions.token_hash = $1 AND staff_sessions.expires_at > $2
               AND staff.active = 1",
        )
        .bind(&token_hash)
        .bind(stamp(now))
        .fetch_optional(&db.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let member = member_from_row(&row)?;
        let time = |column: &str| -> Result<Option<DateTime<Utc>>, sqlx::Error> {
            let text: String = row.try_get(column)?;
            Ok(DateTime::parse_from_rfc3339(&text)
                .ok()
                .map(|time| time.with_timezone(&Utc)))
        };
        if let (Some(created), Some(expires)) = (time("created_at")?, time("expires_at")?) {
            let until = (now + idle).min(created + session_length());
            // At most one write a minute per session, not one per request.
            if until - expires >= chrono::Duration::minutes(1) {
                sqlx::query("UPDATE staff_sessions SET expires_at = $2 WHERE token_hash = $1")
                    .bind(&token_hash)
                    .bind(stamp(until))
                    .execute(&db.pool)
                    .await?;
            }
        }
        Ok(Some(member))
    }

    /// Ends one session: its token opens nothing any more.
    pub async fn end_session(db: &Db, token: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(token_hash(token))
            .execute(&db.pool)
            .await?;
        Ok(())
    }

    /// A staff member's name, for a record that names who helped (empty when unknown).
    pub async fn name_of(db: &Db, staff_id: &str) -> String {
        let row = sqlx::query("SELECT name FROM staff WHERE id = $1")
            .bind(staff_id)
            .fetch_optional(&db.pool)
            .await;
        match row {
            Ok(Some(row)) => row.try_get("name").unwrap_or_default(),
            Ok(None) => String::new(),
            Err(error) => {
                tracing::error!("staff name lookup: {error}");
                String::new()
            }
        }
    }

    /// The staff member whose session cookie is in `headers`, if any (an expired session, a
    /// disabled account or an unknown token is nobody). For plain axum handlers too.
    pub async fn signed_in_by(state: &AppState, headers: &http::HeaderMap) -> Option<StaffMember> {
        let token = token_in(headers)?;
        match member_by_session(&state.db, &token, crate::state::now(), state.staff_idle).await {
            Ok(member) => member,
            Err(error) => {
                tracing::error!("staff session lookup: {error}");
                None
            }
        }
    }

    /// The staff member signed in on this request, if any.
    pub async fn signed_in() -> Option<StaffMember> {
        let parts = use_context::<http::request::Parts>()?;
        let state = use_context::<AppState>()?;
        signed_in_by(&state, &parts.headers).await
    }
}
