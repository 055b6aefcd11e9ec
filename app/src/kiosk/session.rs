//! The kiosk cookie, enrolment and the reset, on the server.

use super::{KioskInfo, START_URL, enrol_path, store};
use crate::cookies::{self, Lifetime};
use crate::state::AppState;
use axum::http::{HeaderName, HeaderValue, header};
use cookie::SameSite;
use leptos::prelude::*;
use leptos_axum::{ResponseOptions, redirect};

const COOKIE: &str = "mc_kiosk";
/// Browsers keep a cookie at most 400 days; the kiosk is enrolled again after that.
const MAX_AGE_DAYS: i64 = 400;
/// What the reset asks the browser to forget. Not "cookies": that would also remove the kiosk
/// cookie, and whether a Set-Cookie in the same response survives it is up to the browser.
/// The citizen's one cookie (the draft) is expired by name instead.
pub const CLEAR_SITE_DATA: &str = "\"cache\", \"storage\"";

/// The kiosk token in this request's cookies.
pub fn token() -> Option<String> {
    let headers = &use_context::<http::request::Parts>()?.headers;
    cookies::value_in(headers, COOKIE).filter(|token| token.len() <= 64)
}

fn failed(error: sqlx::Error) -> ServerFnError {
    tracing::error!("kiosk: {error}");
    ServerFnError::new(tr!("kiosk.busy"))
}

pub async fn current() -> Result<Option<store::Kiosk>, ServerFnError> {
    let Some(token) = token() else {
        return Ok(None);
    };
    let state = expect_context::<AppState>();
    store::by_token(&state.db, &token).await.map_err(failed)
}

pub async fn awaiting(code: &str) -> Result<Option<KioskInfo>, ServerFnError> {
    let state = expect_context::<AppState>();
    let code: String = code.chars().take(64).collect();
    Ok(
        store::awaiting_enrolment(&state.db, &code, crate::state::now())
            .await
            .map_err(failed)?
            .map(Into::into),
    )
}

pub async fn enrol(code: &str) -> Result<(), ServerFnError> {
    let state = expect_context::<AppState>();
    let code: String = code.chars().take(64).collect();
    match store::enrol(&state.db, &code, crate::state::now())
        .await
        .map_err(failed)?
    {
        Some((kiosk, token)) => {
            tracing::info!(kiosk = kiosk.id, office = kiosk.office, "kiosk enrolled");
            // Sent only when our own pages ask: a link from elsewhere opens an ordinary session.
            let lifetime = Lifetime::Days(MAX_AGE_DAYS);
            cookies::set(
                COOKIE,
                &token,
                lifetime,
                SameSite::Strict,
                state.secure_cookies,
            );
            redirect(START_URL);
        }
        // The page of a spent or expired link explains what to do.
        None => redirect(&format!("{}&loi=1", enrol_path(&code))),
    }
    Ok(())
}

/// The reset: the citizen's draft cookie expires, the browser forgets the site's cache (the
/// back/forward cache with it) and storage, and the kiosk shows its start page.
pub async fn end() -> Result<(), ServerFnError> {
    let state = expect_context::<AppState>();
    crate::drafts::session::forget(state.secure_cookies);
    if let Some(response) = use_context::<ResponseOptions>() {
        response.insert_header(
            HeaderName::from_static("clear-site-data"),
            HeaderValue::from_static(CLEAR_SITE_DATA),
        );
        // The middleware says the same for every page; said here too, this answer never
        // depends on it.
        response.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    redirect(if token().is_some() { START_URL } else { "/" });
    Ok(())
}
