//! The guard of every staff page and action: who is at the keyboard, and may their role do this?

use super::{Role, StaffMember, signed_in};
use crate::web::Failure;
use axum::http::header;
use leptos::prelude::*;

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
            leptos_axum::redirect(&format!(
                "{}&loi=quyen",
                crate::paths::staff_login_url(&path)
            ));
            Err(Failure::Refused(crate::tr!(
                "staff.session.forbidden",
                username = member.username,
                role = member.role.label()
            ))
            .into())
        }
        None => {
            // A session cookie that opens nothing any more: the session ended (left idle, or
            // signed out elsewhere), and the sign-in page says so.
            let ended = if super::token().is_some() {
                format!("&loi={}", crate::paths::STAFF_SESSION_ENDED)
            } else {
                String::new()
            };
            leptos_axum::redirect(&format!(
                "{}{ended}",
                crate::paths::staff_login_url(&current_path())
            ));
            Err(Failure::Refused(crate::tr!("staff.session.sign_in")).into())
        }
    }
}

/// The page being asked for. A form post to a server function (`/api/…`) comes back to the
/// page it was sent from.
fn current_path() -> String {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return crate::paths::STAFF_HOME_URL.into();
    };
    let path = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str().to_string())
        .unwrap_or_else(|| crate::paths::STAFF_HOME_URL.into());
    if !path.starts_with("/api/") {
        return path;
    }
    parts
        .headers
        .get(header::REFERER)
        .and_then(|value| value.to_str().ok())
        .and_then(|referer| referer.parse::<http::Uri>().ok())
        .and_then(|uri| uri.path_and_query().map(|pq| pq.as_str().to_string()))
        .map(|path| crate::paths::staff_return_path(Some(&path)))
        .unwrap_or_else(|| crate::paths::STAFF_HOME_URL.into())
}
