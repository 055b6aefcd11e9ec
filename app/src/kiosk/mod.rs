//! Kiosk mode: a browser in an office's hall that strangers use one after another.
//!
//! An admin enrols the browser with a one-time link (`server kiosk enrol`, or the admin page);
//! it then carries a long-lived HttpOnly kiosk cookie. While it does, every page shows the kiosk
//! bar (the office, and "Kết thúc" to end the session), forms never offer to remember anything,
//! the draft cookie lasts only while the browser is open, documents are never opened or
//! downloaded, staff cannot sign in, and a small island warns after a quiet time, counts down,
//! and resets the kiosk: the citizen's draft session ends on the server (the draft opens again
//! only with its code), so does any staff session, every other cookie expires, and the browser
//! is told to forget the pages and storage of the site (`Clear-Site-Data`). The receipt prints
//! itself.

mod pages;
mod print;
pub mod rules;
#[cfg(feature = "ssr")]
mod session;
#[cfg(feature = "ssr")]
pub mod store;
mod timer;

pub use pages::{EnrolPage, KioskBar, KioskStartPage};
pub use print::ReceiptPrint;
pub use rules::{Paper, Timings};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::{KIOSK_ENROL_URL as ENROL_URL, KIOSK_URL as START_URL};
/// The id of the kiosk bar's "Kết thúc" form, which the timer and the receipt submit too.
pub const END_FORM_ID: &str = "kiosk-ket-thuc";

/// The path of a one-time enrolment link.
#[cfg(feature = "ssr")]
pub fn enrol_path(code: &str) -> String {
    format!("{ENROL_URL}?ma={}", crate::web::percent_encode(code))
}

/// Whether this request comes from a kiosk's browser (it carries the kiosk cookie): enough to
/// turn off what a shared browser must not offer, without asking the database.
pub fn in_kiosk() -> bool {
    #[cfg(feature = "ssr")]
    return session::token().is_some();
    #[cfg(not(feature = "ssr"))]
    false
}

/// What a kiosk's pages need to know about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KioskInfo {
    pub office: String,
    pub name: String,
    pub timings: Timings,
    pub paper: Paper,
}

#[cfg(feature = "ssr")]
impl From<store::Kiosk> for KioskInfo {
    fn from(kiosk: store::Kiosk) -> Self {
        Self {
            office: kiosk.office,
            name: kiosk.name,
            timings: kiosk.timings,
            paper: kiosk.paper,
        }
    }
}

/// Called by the filing module once a draft is submitted: on a kiosk, the dossier is recorded
/// as filed there (for the lookup and the office's figures). A browser that is no kiosk costs
/// nothing (no kiosk cookie, no query).
#[cfg(feature = "ssr")]
pub async fn record_submission(db: &crate::db::Db, draft_id: &str) -> Result<(), sqlx::Error> {
    if crate::cookies::kiosk_token().is_none() {
        return Ok(());
    }
    // A kiosk that cannot be read is told as a failure there already; here it counts as none.
    let Ok(Some(kiosk)) = session::current().await else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO kiosk_dossiers (draft_id, kiosk_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (draft_id) DO NOTHING",
    )
    .bind(draft_id)
    .bind(&kiosk.id)
    .bind(crate::db::stamp(crate::state::now()))
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// The kiosk this browser is, if it is one (a revoked kiosk is not).
#[server(endpoint = "kiosk/day-la")]
pub async fn kiosk_here() -> Result<Option<KioskInfo>, ServerFnError> {
    session::current().await.map(|kiosk| kiosk.map(Into::into))
}

/// The kiosk an enrolment link would make of this browser, while the link works.
#[server(endpoint = "kiosk/lien-ket")]
pub async fn enrolment(ma: String) -> Result<Option<KioskInfo>, ServerFnError> {
    session::awaiting(&ma).await
}

/// Makes this browser the kiosk of an enrolment link, then shows the kiosk's start page.
#[server(endpoint = "kiosk/dang-ky")]
pub async fn enrol_kiosk(ma: String) -> Result<(), ServerFnError> {
    session::enrol(&ma).await
}

/// Ends the citizen's session on this kiosk: the next person sees nothing of theirs.
#[server(endpoint = "kiosk/ket-thuc")]
pub async fn end_kiosk_session() -> Result<(), ServerFnError> {
    session::end().await
}
