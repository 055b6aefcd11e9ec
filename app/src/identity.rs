//! Who is at the keyboard: the staff member signed in on this browser, if any. Core, because
//! the wizard asks it (answers typed by a helper are marked) as much as the staff pages do.
//! The session is a random token in an HttpOnly cookie; the database holds only its hash.

use domain::lifecycle::Action;
use serde::{Deserialize, Serialize};

/// What a staff member may do is decided by their role, and only here (the `may_…` methods
/// below): every page and server function asks them, none keeps a list of roles of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// "Cán bộ một cửa": receives dossiers at the counter, files for citizens, hands results back.
    Counter,
    /// "Chuyên viên": processes dossiers in the back office.
    Clerk,
    /// "Lãnh đạo": head of office; decides refusals and apologies, watches the office's figures,
    /// reads the office's audit log.
    Head,
    /// "Quản trị": manages staff accounts and kiosks, reads the audit log; never opens a dossier.
    Admin,
    /// "Tình nguyện viên / hướng dẫn viên số": not an official (youth union, digital guides).
    /// Files with citizens and sees the drafts they started that day, nothing else: no queue, no
    /// dossier, no figures, no log; their submissions wait for the counter like a citizen's own.
    Volunteer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Counter,
        Role::Clerk,
        Role::Head,
        Role::Admin,
        Role::Volunteer,
    ];

    /// As stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Counter => "counter",
            Role::Clerk => "clerk",
            Role::Head => "head",
            Role::Admin => "admin",
            Role::Volunteer => "volunteer",
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
            Role::Volunteer => "staff.role.volunteer",
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

/// The permissions. Each answers for the role alone; what concerns one dossier also needs the
/// dossier's office to be the staff member's (`StaffMember::may_open`).
impl Role {
    /// Takes dossiers in at the counter (the Mẫu 01 receipt, or a request to complete first),
    /// files with citizens there, and hands results back.
    pub fn may_receive(self) -> bool {
        self == Role::Counter
    }

    /// Works a received dossier through: processing, supplements, payment, done.
    pub fn may_process(self) -> bool {
        self == Role::Clerk
    }

    /// Decides that a dossier is not received (Mẫu 03) or stopped (Mẫu 05), and apologises for
    /// a late one (Mẫu 04).
    pub fn may_decide_refusal(self) -> bool {
        self == Role::Head
    }

    /// The office's figures: the dashboard and its CSV.
    pub fn may_see_figures(self) -> bool {
        self == Role::Head
    }

    pub fn may_manage_accounts(self) -> bool {
        self == Role::Admin
    }

    pub fn may_manage_kiosks(self) -> bool {
        self == Role::Admin
    }

    pub fn may_read_audit_log(self) -> bool {
        self.may_decide_refusal() || self.may_manage_accounts()
    }

    /// Reads what every office's staff did; a head of office reads their own office's.
    pub fn reads_every_office_log(self) -> bool {
        self.may_manage_accounts()
    }

    /// Opens the dossiers of their office (the queue, a dossier, its documents): whoever acts on
    /// them.
    pub fn may_open_dossiers(self) -> bool {
        self.may_receive() || self.may_process() || self.may_decide_refusal()
    }

    /// Files a dossier with a citizen: starts a draft with them, or opens theirs with the code
    /// they give. An officer who receives takes it in there and then; a volunteer's waits for
    /// the counter, as a citizen's own would.
    pub fn may_file_for_citizens(self) -> bool {
        self.may_receive() || self == Role::Volunteer
    }

    /// Sees, on their home page, the drafts they started that day (and only those): a volunteer,
    /// who opens no dossier otherwise.
    pub fn lists_own_drafts_of_today(self) -> bool {
        self == Role::Volunteer
    }

    /// Not an official: the citizen's receipt and lookup say "with the help of" a volunteer.
    pub fn is_official(self) -> bool {
        self != Role::Volunteer
    }

    /// May this role take `action` on a dossier (of their office)?
    pub fn may_take(self, action: Action) -> bool {
        match action {
            Action::Receive | Action::RequestCompletion | Action::ReturnResult => {
                self.may_receive()
            }
            Action::StartProcessing
            | Action::RequestSupplement
            | Action::RequestPayment
            | Action::ConfirmPayment
            | Action::MarkDone => self.may_process(),
            // Brought to the counter or sent to the clerk: either records it.
            Action::ProvideSupplement => self.may_receive() || self.may_process(),
            Action::RefuseIntake | Action::Stop | Action::ApologiseLate => {
                self.may_decide_refusal()
            }
            // The citizen's own act.
            Action::Withdraw => false,
        }
    }

    /// The roles that may take `action`, for a refusal that says whom to ask.
    pub fn who_may_take(action: Action) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .filter(|role| role.may_take(action))
            .collect()
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
        Role::parse(text).ok_or_else(|| {
            format!("role must be counter, clerk, head, admin or volunteer, not {text}")
        })
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

impl StaffMember {
    /// The one check of a staff member against a dossier: it is their office's, and their role
    /// works on dossiers. Everything that shows or changes a dossier asks it.
    pub fn may_open(&self, dossier_office: &str) -> bool {
        self.role.may_open_dossiers() && self.of_office(dossier_office)
    }

    /// Is a dossier of `dossier_office` one of their office's (whatever their role)? Only the
    /// office's figures ask this alone.
    pub fn of_office(&self, dossier_office: &str) -> bool {
        self.office == dossier_office
    }

    /// May they take `action` on a dossier of `dossier_office`?
    pub fn may_take(&self, action: Action, dossier_office: &str) -> bool {
        self.may_open(dossier_office) && self.role.may_take(action)
    }
}

#[cfg(feature = "ssr")]
pub use signed_in::*;

#[cfg(feature = "ssr")]
mod require;
#[cfg(feature = "ssr")]
pub use require::require;

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

    /// When the session of this token ends if left alone (read only: it moves nothing).
    pub async fn session_expires(
        db: &Db,
        token: &str,
    ) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
        let row = sqlx::query("SELECT expires_at FROM staff_sessions WHERE token_hash = $1")
            .bind(token_hash(token))
            .fetch_optional(&db.pool)
            .await?;
        Ok(row
            .and_then(|row| row.try_get::<String, _>("expires_at").ok())
            .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
            .map(|time| time.with_timezone(&Utc)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use domain::lifecycle::ALL_ACTIONS;

    fn member(role: Role, office: &str) -> StaffMember {
        StaffMember {
            id: "s".into(),
            username: "s".into(),
            name: "S".into(),
            office: office.into(),
            role,
        }
    }

    #[test]
    fn each_role_takes_the_actions_of_its_job_and_only_those() {
        let takes = |role: Role| -> Vec<&str> {
            ALL_ACTIONS
                .into_iter()
                .filter(|a| role.may_take(*a))
                .map(|a| a.as_str())
                .collect()
        };
        assert_eq!(
            takes(Role::Counter),
            ["receive", "complete", "supplied", "return"]
        );
        assert_eq!(
            takes(Role::Clerk),
            [
                "process",
                "supplement",
                "supplied",
                "payment",
                "paid",
                "done"
            ]
        );
        assert_eq!(takes(Role::Head), ["not_receive", "stop", "apologise"]);
        assert!(takes(Role::Admin).is_empty());
        assert!(takes(Role::Volunteer).is_empty());
        assert_eq!(Role::who_may_take(Action::Stop), [Role::Head]);
        assert_eq!(Role::who_may_take(Action::Withdraw), []);
    }

    #[test]
    fn admins_manage_accounts_and_kiosks_and_read_the_log_but_open_no_dossier() {
        let admin = Role::Admin;
        assert!(admin.may_manage_accounts() && admin.may_manage_kiosks());
        assert!(admin.may_read_audit_log() && admin.reads_every_office_log());
        assert!(!admin.may_open_dossiers() && !admin.may_see_figures());
        assert!(!admin.may_file_for_citizens());
        assert!(!member(admin, "UBND phường Tân An").may_open("UBND phường Tân An"));
        for role in [Role::Counter, Role::Clerk, Role::Head] {
            assert!(role.may_open_dossiers(), "{role}");
            assert!(
                !role.may_manage_accounts() && !role.may_manage_kiosks(),
                "{role}"
            );
        }
        assert!(Role::Head.may_see_figures() && Role::Head.may_read_audit_log());
        assert!(!Role::Head.reads_every_office_log());
        assert!(!Role::Clerk.may_read_audit_log() && !Role::Counter.may_see_figures());
        assert!(Role::Counter.may_file_for_citizens() && !Role::Clerk.may_file_for_citizens());
    }

    #[test]
    fn every_dossier_check_is_on_the_dossier_s_office() {
        let head = member(Role::Head, "UBND phường Tân An");
        assert!(head.may_open("UBND phường Tân An"));
        assert!(!head.may_open("UBND phường Ea Kao"));
        assert!(head.may_take(Action::Stop, "UBND phường Tân An"));
        assert!(!head.may_take(Action::Stop, "UBND phường Ea Kao"));
        assert!(!head.may_take(Action::Receive, "UBND phường Tân An"));
        let counter = member(Role::Counter, "UBND phường Tân An");
        assert!(counter.may_take(Action::Receive, "UBND phường Tân An"));
        assert!(!counter.may_take(Action::Receive, "UBND xã Hòa Phú"));
    }

    #[test]
    fn volunteers_file_with_citizens_and_nothing_else() {
        let volunteer = Role::Volunteer;
        assert_eq!(Role::parse("volunteer"), Some(volunteer));
        assert!(volunteer.may_file_for_citizens() && volunteer.lists_own_drafts_of_today());
        assert!(!volunteer.may_receive() && !volunteer.may_process());
        assert!(!volunteer.may_open_dossiers() && !volunteer.may_see_figures());
        assert!(!volunteer.may_read_audit_log() && !volunteer.may_decide_refusal());
        assert!(!volunteer.may_manage_accounts() && !volunteer.may_manage_kiosks());
        assert!(!volunteer.is_official());
        assert!(!member(volunteer, "UBND phường Tân An").may_open("UBND phường Tân An"));
        for role in [Role::Counter, Role::Clerk, Role::Head, Role::Admin] {
            assert!(
                !role.lists_own_drafts_of_today() && role.is_official(),
                "{role}"
            );
        }
        assert_eq!(Role::who_may_take(Action::Receive), [Role::Counter]);
        assert_eq!(volunteer.label_vi(), "Tình nguyện viên / hướng dẫn viên số");
        assert_eq!(
            rust_i18n::t!(volunteer.key(), locale = "en"),
            "Volunteer / digital guide"
        );
    }
}
