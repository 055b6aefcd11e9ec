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
    /// Where the documents citizens send are kept, for every server alike (the database).
    pub documents: crate::documents::Documents,
    /// How many wrong resume codes a client, and everyone, may type (counted in the database).
    pub resume_limits: crate::limits::ResumeLimits,
    /// Behind our own reverse proxy: the client is the last address of `X-Forwarded-For`.
    pub trusted_proxies: Vec<std::net::IpAddr>,
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

/// How far the service's clock is set from the wall clock (tests and demos only).
static CLOCK_OFFSET: std::sync::OnceLock<chrono::Duration> = std::sync::OnceLock::new();

/// The service's clock: the wall clock, unless started at a set moment (`start_clock_at`) so
/// that a test can file on a Friday at 15:01 or on the day before Tết. Rules never read it:
/// the moment is passed to them.
pub fn now() -> DateTime<Utc> {
    Utc::now() + CLOCK_OFFSET.get().copied().unwrap_or_default()
}

/// Starts the service's clock at `at`; it runs on from there. Once per process.
pub fn start_clock_at(at: DateTime<Utc>) {
    let _ = CLOCK_OFFSET.set(at - Utc::now());
}

pub fn today() -> chrono::NaiveDate {
    local(now()).date()
}
