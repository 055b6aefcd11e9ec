//! The append-only audit log: every staff action, with who, what, when and from where.
//! This module only ever inserts and reads; nothing in the application updates or deletes a row.

use crate::db::Db;
use crate::db::stamp;
use crate::prefs::Lang;
use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::Row;

/// One staff action.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditEntry {
    /// The staff member's id; empty when nobody is signed in (a failed login, the CLI).
    pub staff_id: String,
    /// What was done: one of the names below, or the acting module's own.
    pub action: String,
    /// What it was done to: a username, a dossier code, a draft id.
    pub subject: String,
    /// Anything else worth knowing, in plain words.
    pub detail: String,
    /// Where from: the client address (see `client()`), or "cli".
    pub client: String,
}

pub const LOGIN: &str = "login";
pub const LOGIN_FAILED: &str = "login_failed";
pub const LOGIN_LOCKED: &str = "login_locked";
pub const LOGOUT: &str = "logout";
pub const LOGOUT_EVERYWHERE: &str = "logout_everywhere";
pub const ACCOUNT_CREATED: &str = "account_created";
pub const ACCOUNT_UPDATED: &str = "account_updated";
pub const PASSWORD_RESET: &str = "password_reset";
pub const ACCOUNT_DISABLED: &str = "account_disabled";
pub const ACCOUNT_ENABLED: &str = "account_enabled";
/// A staff member asked for a page, a dossier or an action their role or office does not allow.
pub const ACCESS_REFUSED: &str = "access_refused";
pub const VIEW_QUEUE: &str = "view_queue";
/// A queue search by an ID number (or part of one): whose dossiers someone looked for.
pub const SEARCH_ID_NUMBER: &str = "search_id_number";
pub const DOWNLOAD_DOCUMENT: &str = "download_document";

/// A staff member or volunteer started a draft for a citizen.
pub const FILE_FOR: &str = "file_for";
/// The counter typed in a paper dossier the citizen brought.
pub const RECEIVE_PAPER: &str = "receive_paper";
pub const OPEN_DRAFT_WITH_CODE: &str = "open_draft_with_code";
pub const CITIZEN_CONFIRMED: &str = "citizen_confirmed";
pub const CONFIRMATION_FAILED: &str = "confirmation_failed";
pub const PHONE_CONFIRMATION_ASKED: &str = "phone_confirmation_asked";
pub const CITIZEN_CORRECTION: &str = "citizen_correction";
pub const CONFIRMATION_CODE_SENT: &str = "confirmation_code_sent";
pub const CONFIRMATION_CODE_REFUSED: &str = "confirmation_code_refused";
pub const PRINT_FOR_SIGNATURE: &str = "print_for_signature";
pub const SUBMIT_ASSISTED: &str = "submit_assisted";
pub const VIEW_AUDIT_LOG: &str = "view_audit_log";
pub const STAFF_ANSWERED: &str = "staff_answered";
pub const FINISH_ASSISTED: &str = "finish_assisted";
pub const OPEN_DRAFT_WITH_CODE_FAILED: &str = "open_draft_with_code_failed";
pub const VIEW_DOSSIER: &str = "view_dossier";
pub const CHANGE_DOSSIER: &str = "change_dossier";
pub const KIOSK_CREATED: &str = "kiosk_created";
pub const KIOSK_REVOKED: &str = "kiosk_revoked";
pub const VIEW_DASHBOARD: &str = "view_dashboard";
pub const EXPORT_DASHBOARD: &str = "export_dashboard";

/// Every action the log knows, each with its plain words.
pub const ACTIONS: &[&str] = &[
    LOGIN,
    LOGIN_FAILED,
    LOGIN_LOCKED,
    LOGOUT,
    LOGOUT_EVERYWHERE,
    ACCOUNT_CREATED,
    ACCOUNT_UPDATED,
    PASSWORD_RESET,
    ACCOUNT_DISABLED,
    ACCOUNT_ENABLED,
    ACCESS_REFUSED,
    VIEW_QUEUE,
    SEARCH_ID_NUMBER,
    DOWNLOAD_DOCUMENT,
    FILE_FOR,
    RECEIVE_PAPER,
    OPEN_DRAFT_WITH_CODE,
    CITIZEN_CONFIRMED,
    CONFIRMATION_FAILED,
    PHONE_CONFIRMATION_ASKED,
    CITIZEN_CORRECTION,
    CONFIRMATION_CODE_SENT,
    CONFIRMATION_CODE_REFUSED,
    PRINT_FOR_SIGNATURE,
    SUBMIT_ASSISTED,
    VIEW_AUDIT_LOG,
    STAFF_ANSWERED,
    FINISH_ASSISTED,
    OPEN_DRAFT_WITH_CODE_FAILED,
    VIEW_DOSSIER,
    CHANGE_DOSSIER,
    KIOSK_CREATED,
    KIOSK_REVOKED,
    VIEW_DASHBOARD,
    EXPORT_DASHBOARD,
];

/// The translation key of an action's plain words, for the audit-log page (None: an action
/// this list does not know, shown as its name).
pub fn describe_key(action: &str) -> Option<&'static str> {
    Some(match action {
        LOGIN => "staff.audit.did.login",
        LOGIN_FAILED => "staff.audit.did.login_failed",
        LOGIN_LOCKED => "staff.audit.did.login_locked",
        LOGOUT => "staff.audit.did.logout",
        LOGOUT_EVERYWHERE => "staff.audit.did.logout_everywhere",
        ACCOUNT_CREATED => "staff.audit.did.account_created",
        ACCOUNT_UPDATED => "staff.audit.did.account_updated",
        PASSWORD_RESET => "staff.audit.did.password_reset",
        ACCOUNT_DISABLED => "staff.audit.did.account_disabled",
        ACCOUNT_ENABLED => "staff.audit.did.account_enabled",
        FILE_FOR => "staff.audit.did.file_for",
        RECEIVE_PAPER => "staff.audit.did.receive_paper",
        OPEN_DRAFT_WITH_CODE => "staff.audit.did.open_draft_with_code",
        CITIZEN_CONFIRMED => "staff.audit.did.citizen_confirmed",
        CONFIRMATION_FAILED => "staff.audit.did.confirmation_failed",
        PHONE_CONFIRMATION_ASKED => "staff.audit.did.phone_confirmation_asked",
        CITIZEN_CORRECTION => "staff.audit.did.citizen_correction",
        CONFIRMATION_CODE_SENT => "assist.audit.confirmation_code_sent",
        CONFIRMATION_CODE_REFUSED => "assist.audit.confirmation_code_refused",
        PRINT_FOR_SIGNATURE => "assist.audit.print_for_signature",
        SUBMIT_ASSISTED => "staff.audit.did.submit_assisted",
        VIEW_AUDIT_LOG => "staff.audit.did.view_audit_log",
        STAFF_ANSWERED => "staff.audit.did.staff_answered",
        FINISH_ASSISTED => "staff.audit.did.finish_assisted",
        OPEN_DRAFT_WITH_CODE_FAILED => "staff.audit.did.open_draft_with_code_failed",
        VIEW_DOSSIER => "staff.audit.did.view_dossier",
        CHANGE_DOSSIER => "staff.audit.did.change_dossier",
        KIOSK_CREATED => "staff.audit.did.kiosk_created",
        KIOSK_REVOKED => "staff.audit.did.kiosk_revoked",
        ACCESS_REFUSED => "staff.audit.did.access_refused",
        VIEW_QUEUE => "staff.audit.did.view_queue",
        SEARCH_ID_NUMBER => "staff.audit.did.search_id_number",
        DOWNLOAD_DOCUMENT => "staff.audit.did.download_document",
        VIEW_DASHBOARD => "staff.audit.did.view_dashboard",
        EXPORT_DASHBOARD => "staff.audit.did.export_dashboard",
        _ => return None,
    })
}

/// Plain words for an action, in the page's language, for the audit-log page.
pub fn describe(action: &str) -> String {
    match describe_key(action) {
        Some(key) => crate::tr!(key),
        None => action.to_string(),
    }
}

/// A moment of the log to the second (Vietnam time), as the page's language writes it.
pub fn format_moment(at: NaiveDateTime) -> String {
    format_moment_in(at, crate::prefs::lang())
}

/// "09:15:02 24/11/2026"; "24 November 2026, 09:15:02" (as `rules::dates::format_date_time`,
/// with seconds: the log orders what happened within a minute).
pub fn format_moment_in(at: NaiveDateTime, lang: Lang) -> String {
    let date = domain::dates::format_date_in(at.date(), lang);
    let time = at.format("%H:%M:%S");
    match lang {
        Lang::Vi => format!("{time} {date}"),
        Lang::En => format!("{date}, {time}"),
    }
}

/// Appends one entry, stamped now.
pub async fn record(db: &Db, entry: &AuditEntry) -> Result<(), sqlx::Error> {
    record_at(db, entry, crate::state::now()).await
}

pub async fn record_at(db: &Db, entry: &AuditEntry, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, staff_id, action, subject, detail, client)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(crate::random::letters(20))
    .bind(stamp(at))
    .bind(&entry.staff_id)
    .bind(&entry.action)
    .bind(&entry.subject)
    .bind(&entry.detail)
    .bind(&entry.client)
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// Appends one entry; a failure is logged, not passed on (for a record that must not undo
/// what it records, like a refusal already decided).
pub async fn record_or_log(db: &Db, entry: &AuditEntry) {
    if let Err(error) = record(db, entry).await {
        tracing::error!("audit log: {error}");
    }
}

/// The client of the current request, for `AuditEntry::client`: its address (or, behind our
/// trusted proxy, the address the proxy saw).
pub fn client() -> String {
    let proxies = leptos::prelude::use_context::<crate::state::AppState>()
        .map(|state| state.trusted_proxies)
        .unwrap_or_default();
    leptos::prelude::use_context::<http::request::Parts>()
        .map(|parts| crate::limits::client_of(&parts, &proxies))
        .unwrap_or_else(|| "unknown".into())
}

/// One row of the log as the audit page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedAction {
    pub at: DateTime<Utc>,
    pub staff_id: String,
    /// The staff member's name and username, when there is one.
    pub staff: Option<(String, String)>,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub client: String,
}

/// The newest entries first, of one staff member or of everyone.
pub async fn newest(
    db: &Db,
    staff_id: Option<&str>,
    limit: i64,
) -> Result<Vec<LoggedAction>, sqlx::Error> {
    let select = "SELECT audit_log.at, audit_log.staff_id, audit_log.action, audit_log.subject,
                         audit_log.detail, audit_log.client, staff.name, staff.username
                  FROM audit_log LEFT JOIN staff ON staff.id = audit_log.staff_id";
    let rows = match staff_id {
        Some(id) => {
            sqlx::query(&format!(
                "{select} WHERE audit_log.staff_id = $1
                 ORDER BY audit_log.at DESC, audit_log.id DESC LIMIT $2"
            ))
            .bind(id)
            .bind(limit)
            .fetch_all(&db.pool)
            .await?
        }
        None => {
            sqlx::query(&format!(
                "{select} ORDER BY audit_log.at DESC, audit_log.id DESC LIMIT $1"
            ))
            .bind(limit)
            .fetch_all(&db.pool)
            .await?
        }
    };
    rows.iter()
        .map(|row| {
            let at: String = row.try_get("at")?;
            let name: Option<String> = row.try_get("name")?;
            let username: Option<String> = row.try_get("username")?;
            Ok(LoggedAction {
                at: DateTime::parse_from_rfc3339(&at)
                    .map(|t| t.with_timezone(&Utc))
                    .unwrap_or_default(),
                staff_id: row.try_get("staff_id")?,
                staff: name.zip(username),
                action: row.try_get("action")?,
                subject: row.try_get("subject")?,
                detail: row.try_get("detail")?,
                client: row.try_get("client")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;
    use crate::random::letters as random_letters;
    use crate::staff::Role;
    use crate::staff::store::{NewAccount, create};

    #[test]
    fn every_action_has_its_own_name_and_plain_words_in_both_languages() {
        let names: std::collections::HashSet<&str> = ACTIONS.iter().copied().collect();
        assert_eq!(names.len(), ACTIONS.len(), "two actions share a name");
        for action in ACTIONS {
            let key = describe_key(action).unwrap_or_else(|| panic!("{action} has no words"));
            for lang in ["vi", "en"] {
                let words = rust_i18n::t!(key, locale = lang);
                assert_ne!(words, key, "{action} has no {lang} words");
            }
        }
    }

    #[test]
    fn actions_and_moments_read_in_both_languages() {
        assert_eq!(describe(LOGIN_FAILED), "Đăng nhập sai");
        assert_eq!(describe("kiosk_created"), "Tạo liên kết đăng ký kiosk");
        assert_eq!(describe("something_new"), "something_new");
        assert_eq!(
            rust_i18n::t!(describe_key(LOGIN_FAILED).unwrap(), locale = "en"),
            "Failed to sign in"
        );
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(9, 15, 2)
            .unwrap();
        assert_eq!(format_moment(at), "09:15:02 24/11/2026");
        assert_eq!(format_moment_in(at, Lang::En), "24 November 2026, 09:15:02");
    }

    #[tokio::test]
    async fn entries_come_back_newest_first_and_by_staff_member() {
        for db in databases().await {
            let lan = create(
                &db,
                &NewAccount {
                    username: format!("lan.{}", random_letters(6).to_lowercase()),
                    name: "Trần Thị Lan".into(),
                    office: "UBND phường Tân An".into(),
                    role: Role::Counter,
                },
                "hash",
                crate::state::now(),
            )
            .await
            .unwrap();
            let other = format!("other-{}", random_letters(6));
            let start = crate::state::now();
            for (i, (who, action)) in [(&lan.id, LOGIN), (&other, LOGIN), (&lan.id, LOGOUT)]
                .into_iter()
                .enumerate()
            {
                let entry = AuditEntry {
                    staff_id: who.clone(),
                    action: action.into(),
                    subject: format!("s{i}"),
                    detail: String::new(),
                    client: "10.0.0.1".into(),
                };
                record_at(&db, &entry, start + chrono::Duration::seconds(i as i64))
                    .await
                    .unwrap();
            }
            let mine = newest(&db, Some(&lan.id), 10).await.unwrap();
            assert_eq!(
                mine.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
                [LOGOUT, LOGIN]
            );
            assert_eq!(
                mine[0].staff,
                Some((lan.name.clone(), lan.username.clone()))
            );
            assert_eq!(mine[0].client, "10.0.0.1");
            let all = newest(&db, None, 2).await.unwrap();
            assert_eq!(all.len(), 2);
            assert_eq!(all[0].subject, "s2");
            assert_eq!(all[1].subject, "s1");
            assert_eq!(all[1].staff, None);
        }
    }
}
