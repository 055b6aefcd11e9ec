//! Which draft this browser is working on: an HttpOnly cookie holding its resume code.

use axum::http::{HeaderValue, header};
use cookie::{Cookie, SameSite};
use leptos::prelude::*;

const COOKIE: &str = "mc_ho_so";
/// Drafts are kept at least 30 days after the last change; the cookie lives as long.
const MAX_AGE_DAYS: i64 = 30;

/// The resume code of this browser's current draft, if any.
pub fn current_code() -> Option<String> {
    code_in(&use_context::<http::request::Parts>()?.headers)
}

/// The resume code in a request's cookies, for handlers outside Leptos (document downloads).
pub fn code_in(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == COOKIE)
        .and_then(|cookie| crate::rules::resume_code::normalise(cookie.value()).ok())
}

pub fn remember(code: &str, secure: bool) {
    let cookie = Cookie::build((COOKIE, code.to_string()))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::days(MAX_AGE_DAYS))
        .build();
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&cookie.to_string()),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// Ends this browser's work on its draft (a kiosk's next citizen): the draft itself stays,
/// and opens again only with its resume code.
pub fn forget(secure: bool) {
    let cookie = Cookie::build((COOKIE, ""))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::ZERO)
        .build();
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&cookie.to_string()),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}
