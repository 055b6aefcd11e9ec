//! Who is signed in: an HttpOnly, SameSite=Lax cookie holding a random token; the session itself
//! (staff member, expiry) is in the database, so every server instance knows it.

use super::{Role, StaffMember};
use crate::cookies::{self, Lifetime};
use axum::http::header;
use cookie::SameSite;
use leptos::prelude::*;

pub use crate::identity::{COOKIE, session_length, signed_in, token, token_in};

/// The signed-in staff member if their role is one of `roles` (an empty list allows any role).
/// Otherwise the response becomes a redirect to the login page, which comes back to this page
/// afterwards, and the error says why (for the page to show if the redirect is not followed).
pub async fn require(roles: &[Role]) -> Result<StaffMember, ServerFnError> {
    let member = signed_in().await;
    match member {
        Some(member) if roles.is_empty() || roles.contains(&member.role) => Ok(member),
        Some(member) => {
            leptos_axum::redirect(&format!("{}&loi=quyen", super::login_url(&current_path())));
            Err(ServerFnError::new(crate::tr!(
                "staff.session.forbidden",
                username = member.username,
                role = member.role.label()
            )))
        }
        None => {
            leptos_axum::redirect(&super::login_url(&current_path()));
            Err(ServerFnError::new(crate::tr!("staff.session.sign_in")))
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
