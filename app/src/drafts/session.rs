//! Which draft this browser is working on: an HttpOnly cookie holding its resume code.

use crate::cookies::{self, Lifetime};
use cookie::SameSite;
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
    let value = cookies::value_in(headers, COOKIE)?;
    domain::resume_code::normalise(&value).ok()
}

pub fn remember(code: &str, secure: bool) {
    let lifetime = Lifetime::Days(MAX_AGE_DAYS);
    cookies::set(COOKIE, code, lifetime, SameSite::Lax, secure);
}

/// Ends this browser's work on its draft (a kiosk's next citizen): the draft itself stays,
/// and opens again only with its resume code.
pub fn forget(secure: bool) {
    cookies::set(COOKIE, "", Lifetime::Gone, SameSite::Lax, secure);
}
