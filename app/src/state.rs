//! What server functions and pages receive from the server process through the Leptos context.

use crate::db::Db;
use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use domain::catalog::Catalog;
use domain::working_days::Calendar;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub catalog: Arc<Catalog>,
    pub calendar: Arc<Calendar>,
    /// Mark cookies `Secure` (when served over TLS).
    pub secure_cookies: bool,
    /// The one address of the site (`MC_PUBLIC_URL`, `scheme://host[:port]`): every absolute link
    /// (messages, QR codes, kiosk links) starts with it, never with what a request claims.
    pub public_url: String,
    /// Where uploaded documents are kept: outside the web root, one folder per draft.
    pub uploads_dir: std::path::PathBuf,
    /// How many wrong resume codes a client, and everyone, may type (counted in the database).
    pub resume_limits: crate::limits::ResumeLimits,
    /// Behind our own reverse proxy: the client is the last address of `X-Forwarded-For`.
    pub trusted_proxy: bool,
    /// A staff session unused this long ends (`MC_STAFF_IDLE_MINUTES`).
    pub staff_idle: chrono::Duration,
}

/// Vietnam has one time zone, UTC+7, and no daylight saving.
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("a valid offset")
}

pub fn local(time: DateTime<Utc>) -> NaiveDateTime {
    time.with_timezone(&vietnam()).naive_local()
}

/// A local (Vietnam) moment as UTC.
pub fn utc_of(local: NaiveDateTime) -> DateTime<Utc> {
    (local - chrono::Duration::hours(7)).and_utc()
}

pub fn today() -> chrono::NaiveDate {
    local(Utc::now()).date()
}
