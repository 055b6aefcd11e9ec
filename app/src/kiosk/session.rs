//! The kiosk cookie, enrolment and the reset, on the server.

use super::{KioskInfo, START_URL, enrol_path, store};
use crate::audit::{self, AuditEntry};
use crate::cookies::{self, Lifetime};
use crate::state::AppState;
use crate::web::{Area, failed};
use axum::http::{HeaderName, HeaderValue, header};
use cookie::SameSite;
use leptos::prelude::*;
use leptos_axum::{ResponseOptions, redirect};

/// Browsers keep a cookie at most 400 days; the kiosk is enrolled again after that.
const MAX_AGE_DAYS: i64 = 400;
/// What the reset asks the browser to forget. Not "cookies": the web-platform tests expect it
/// to clear a cookie set by the same answer too, so the kiosk would forget it is one. Every
/// other cookie is expired by name instead. Not "executionContexts" either: Firefox removed it and Chromium and
/// Safari never did it; the kiosk's island reloads a page brought back from the cache instead.
pub const CLEAR_SITE_DATA: &str = "\"cache\", \"storage\"";

pub async fn awaiting(code: &str) -> Result<Option<KioskInfo>, ServerFnError> {
    let state = expect_context::<AppState>();
    let code: String = code.chars().take(64).collect();
    Ok(
        store::awaiting_enrolment(&state.db, &code, crate::state::now())
            .await
            .map_err(failed(Area::Kiosk))?
            .map(Into::into),
    )
}

pub async fn enrol(code: &str) -> Result<(), ServerFnError> {
    let state = expect_context::<AppState>();
    let code: String = code.chars().take(64).collect();
    match store::enrol(&state.db, &code, crate::state::now())
        .await
        .map_err(failed(Area::Kiosk))?
    {
        Some((kiosk, token)) => {
            tracing::info!(kiosk = kiosk.id, office = kiosk.office, "kiosk enrolled");
            // The browser starts as a kiosk with no session of whoever used it before.
            end_sessions(&state).await?;
            // Sent only when our own pages ask: a link from elsewhere opens an ordinary session.
            let lifetime = Lifetime::Days(MAX_AGE_DAYS);
            cookies::set(
                cookies::KIOSK,
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

/// The reset: the citizen's draft session ends on the server and its cookie expires, so does
/// any staff session, every other cookie but the kiosk's expires, the browser forgets the
/// site's cache (the back/forward cache with it) and storage, and the kiosk shows its start
/// page.
pub async fn end() -> Result<(), ServerFnError> {
    let state = expect_context::<AppState>();
    leave_nothing(&state).await?;
    redirect(if cookies::kiosk_token().is_some() {
        START_URL
    } else {
        "/"
    });
    Ok(())
}

/// What the reset does, less the redirect.
async fn leave_nothing(state: &AppState) -> Result<(), ServerFnError> {
    end_sessions(state).await?;
    let sent = use_context::<http::request::Parts>()
        .map(|parts| cookies::all_in(&parts.headers))
        .unwrap_or_default();
    let mut others: Vec<String> = sent
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| {
            ![
                cookies::KIOSK,
                crate::drafts::session::COOKIE,
                crate::identity::COOKIE,
            ]
            .contains(&name.as_str())
        })
        .collect();
    others.sort();
    others.dedup();
    // The language and text size too: the next person starts from the kiosk's own.
    for name in others.iter().take(30) {
        cookies::set(
            name,
            "",
            Lifetime::Gone,
            SameSite::Lax,
            state.secure_cookies,
        );
    }
    if let Some(response) = use_context::<ResponseOptions>() {
        response.insert_header(
            HeaderName::from_static("clear-site-data"),
            HeaderValue::from_static(CLEAR_SITE_DATA),
        );
        // The middleware says the same for every page; said here too, this answer never
        // depends on it.
        response.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(())
}

/// The draft's session and any staff session end, on the server and in the browser.
async fn end_sessions(state: &AppState) -> Result<(), ServerFnError> {
    crate::drafts::session::forget(&state.db, state.secure_cookies)
        .await
        .map_err(failed(Area::Kiosk))?;
    end_staff_session(state).await?;
    cookies::set(
        crate::identity::COOKIE,
        "",
        Lifetime::Gone,
        SameSite::Lax,
        state.secure_cookies,
    );
    Ok(())
}

/// A staff session in a kiosk's browser (staff cannot sign in on a kiosk, but one may have
/// been open before the browser became one) ends on the server, in the audit log.
async fn end_staff_session(state: &AppState) -> Result<(), ServerFnError> {
    let Some(staff_token) = crate::identity::token() else {
        return Ok(());
    };
    let member = crate::identity::signed_in().await;
    crate::identity::end_session(&state.db, &staff_token)
        .await
        .map_err(failed(Area::Kiosk))?;
    if let Some(member) = member {
        let entry = AuditEntry {
            staff_id: member.id,
            action: audit::LOGOUT.into(),
            subject: member.username,
            detail: stored!("stored.ended_on_kiosk"),
            client: audit::client(),
        };
        audit::record(&state.db, &entry)
            .await
            .map_err(failed(Area::Kiosk))?;
    }
    Ok(())
}
