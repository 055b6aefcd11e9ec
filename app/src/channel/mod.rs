//! How a dossier reaches the office: the citizen alone, on a kiosk in the office's hall, or with
//! a helper (`assist`). Here is what every feature needs to know of the kiosk the browser may
//! be: its enrolment record and rules, whether this request comes from one, which one, the
//! receipt that prints itself there, and the reset. The kiosk feature (`crate::kiosk`) holds its
//! pages, enrolment and timer; the wizard and the staff pages ask this module, not it.

mod print;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod store;

pub use print::ReceiptPrint;
pub use rules::{Paper, Timings};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The id of the kiosk bar's "Kết thúc" form, which the timer and the receipt submit too.
pub const END_FORM_ID: &str = "kiosk-ket-thuc";

/// The path of a one-time enrolment link.
#[cfg(feature = "ssr")]
pub fn enrol_path(code: &str) -> String {
    format!(
        "{}?ma={}",
        crate::paths::KIOSK_ENROL_URL,
        crate::paths::query_value(code)
    )
}

/// The enrolled kiosk this request comes from (a revoked one is none).
#[cfg(feature = "ssr")]
pub async fn current() -> Result<Option<store::Kiosk>, ServerFnError> {
    let Some(token) = crate::cookies::kiosk_token() else {
        return Ok(None);
    };
    let state = expect_context::<crate::state::AppState>();
    store::by_token(&state.db, &token)
        .await
        .map_err(crate::web::failed(crate::web::Area::Kiosk))
}

/// Time is up, or the receipt is printed: the same reset as the kiosk bar's "Kết thúc"
/// button, once however many ask.
#[cfg(feature = "hydrate")]
pub fn end_session() {
    use leptos::wasm_bindgen::JsCast;
    thread_local! {
        static RESETTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if RESETTING.replace(true) {
        return;
    }
    if let Some(form) = document()
        .get_element_by_id(END_FORM_ID)
        .and_then(|element| element.dyn_into::<web_sys::HtmlFormElement>().ok())
    {
        let _ = form.submit();
    }
}

/// Whether this request comes from a kiosk's browser (it carries the kiosk cookie): enough to
/// turn off what a shared browser must not offer, without asking the database.
pub fn in_kiosk() -> bool {
    #[cfg(feature = "ssr")]
    return crate::cookies::kiosk_token().is_some();
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
    let Ok(Some(kiosk)) = current().await else {
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
    current().await.map(|kiosk| kiosk.map(Into::into))
}
