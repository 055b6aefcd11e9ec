//! Who is signed in: an HttpOnly, SameSite=Lax cookie holding a random token; the session itself
//! (staff member, expiry) is in the database, so every server instance knows it.

use super::{Role, StaffMember};
use crate::cookies::{self, Lifetime};
use axum::http::header;
use cookie::SameSite;
use leptos::prelude::*;

pub use crate::identity::{COOKIE, session_length, signed_in, token, token_in};

/// The signed-in staff member if `allowed` says their role may (a `Role::may_…` method).
/// Otherwise the response becomes a redirect to the login page, which comes back to this page
/// afterwards, and the error says why (for the page to show if the redirect is not followed).
/// A signed-in member refused is written in the audit log, with the page and the client.
pub async fn require(allowed: impl Fn(Role) -> bool) -> Result<StaffMember, ServerFnError> {
    let member = signed_in().await;
    match member {
        Some(member) if allowed(member.role) => Ok(member),
        Some(member) => {
            let path = current_path();
            if let Some(state) = use_context::<crate::state::AppState>() {
                let entry = crate::audit::AuditEntry {
                    staff_id: member.id.clone(),
                    action: crate::audit::ACCESS_REFUSED.into(),
                    // What was asked: the page, or the server function a form posted to.
                    subject: use_context::<http::request::Parts>()
                        .map(|parts| parts.uri.path().to_string())
                        .unwrap_or_else(|| path.clone()),
                    detail: stored!("stored.refused_page", role = member.role.label_vi()),
                    client: crate::audit::client(),
                };
                crate::audit::record_or_log(&state.db, &entry).await;
            }
            leptos_axum::redirect(&format!("{}&loi=quyen", super::login_url(&path)));
            // `Request`: the server tells this refusal from a failure of ours (see
            // server::server_fn_failures).
            Err(ServerFnError::Request(crate::tr!(
                "staff.session.forbidden",
                username = member.username,
                role = member.role.label()
            )))
        }
        None => {
            // A session cookie that opens nothing any more: the session ended (left idle, or
            // signed out elsewhere), and the sign-in page says so.
            let ended = if token().is_some() {
                format!("&loi={}", crate::paths::STAFF_SESSION_ENDED)
            } else {
                String::new()
            };
            leptos_axum::redirect(&format!("{}{ended}", super::login_url(&current_path())));
            Err(ServerFnError::Request(crate::tr!("staff.session.sign_in")))
        }
    }
}

/// The page being asked for. A form post to a server function (`/api/…`) comes back to the
/// page it was sent from.
fn current_path() -> String {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return super::HOME_URL.into();
    };
    let path = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str().to_string())
        .unwrap_or_else(|| super::HOME_URL.into());
    if !path.starts_with("/api/") {
        return path;
    }
    parts
        .headers
        .get(header::REFERER)
        .and_then(|value| value.to_str().ok())
        .and_then(|referer| referer.parse::<http::Uri>().ok())
        .and_then(|uri| uri.path_and_query().map(|pq| pq.as_str().to_string()))
        .map(|path| super::safe_return_path(Some(&path)))
        .unwrap_or_else(|| super::HOME_URL.into())
}

/// Sets the session cookie on the response. No Max-Age: closing the browser forgets it, and
/// the database ends it when left idle, and after `session_length()` anyway.
pub fn remember(token: &str, secure: bool) {
    cookies::set(COOKIE, token, Lifetime::Browser, SameSite::Lax, secure);
}

pub fn forget(secure: bool) {
    cookies::set(COOKIE, "", Lifetime::Gone, SameSite::Lax, secure);
}
