//! The site's cookies, read from a request and set on the response being rendered. Every one is
//! HttpOnly (no script reads them), for the whole site, and Secure when served over HTTPS.

use axum::http::{HeaderMap, HeaderValue, header};
use cookie::{Cookie, SameSite};
use leptos::prelude::use_context;

/// How long the browser keeps a cookie.
#[derive(Clone, Copy, Debug)]
pub enum Lifetime {
    /// Until the browser is closed (no Max-Age).
    Browser,
    Days(i64),
    /// Expired at once: the browser forgets it.
    Gone,
}

/// Every cookie a request carries, by name and value.
pub fn all_in(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .map(|cookie| (cookie.name().to_string(), cookie.value().to_string()))
        .collect()
}

/// The value of the cookie `name`, when the request carries one that is not empty.
pub fn value_in(headers: &HeaderMap, name: &str) -> Option<String> {
    all_in(headers)
        .into_iter()
        .find(|(found, value)| found == name && !value.is_empty())
        .map(|(_, value)| value)
}

/// The cookie that makes a browser a kiosk (`kiosk`). Known here, in the core, because more than
/// the kiosk feature decides what a shared browser keeps: the draft cookie there, for one.
pub const KIOSK: &str = "mc_kiosk";

/// The kiosk token a request carries, if it comes from a kiosk's browser.
pub fn kiosk_token_in(headers: &HeaderMap) -> Option<String> {
    value_in(headers, KIOSK).filter(|token| token.len() <= 64)
}

/// The kiosk token of the request being answered (cookie only: the database is not asked).
pub fn kiosk_token() -> Option<String> {
    kiosk_token_in(&use_context::<http::request::Parts>()?.headers)
}

/// Adds a `Set-Cookie` to the response being rendered (a no-op outside a request).
pub fn set(name: &str, value: &str, lifetime: Lifetime, same_site: SameSite, secure: bool) {
    let builder = Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(same_site);
    let cookie = match lifetime {
        Lifetime::Browser => builder.build(),
        Lifetime::Days(days) => builder.max_age(cookie::time::Duration::days(days)).build(),
        Lifetime::Gone => builder.max_age(cookie::time::Duration::ZERO).build(),
    };
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&cookie.to_string()),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_several_headers_and_skips_empty_ones() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("a=1; mc_x="));
        headers.append(header::COOKIE, HeaderValue::from_static("mc_x=22; b=3"));
        assert_eq!(value_in(&headers, "mc_x").as_deref(), Some("22"));
        assert_eq!(value_in(&headers, "b").as_deref(), Some("3"));
        assert_eq!(value_in(&headers, "c"), None);
        assert_eq!(all_in(&headers).len(), 4);
    }
}
