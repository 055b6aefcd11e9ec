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
#[cfg(feature = "ssr")]
mod session;
mod timer;

pub use crate::channel::{END_FORM_ID, KioskInfo, in_kiosk, kiosk_here, rules};
#[cfg(feature = "ssr")]
pub use crate::channel::{enrol_path, store};
pub use pages::{EnrolPage, KioskBar, KioskStartPage};
pub use rules::{Paper, Timings};

use leptos::prelude::*;

pub use crate::paths::{KIOSK_ENROL_URL as ENROL_URL, KIOSK_URL as START_URL};
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
