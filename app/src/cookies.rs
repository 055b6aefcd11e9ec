//! The site's cookies, read from a request and set on the response being rendered. Every one is
//! HttpOnly (no script reads them), for the whole site, and Secure when served over HTTPS.
//! Served over HTTPS, their names also start with `__Host-`: the browser then takes them only
//! from this very host, over HTTPS, for the whole site, so a neighbouring subdomain cannot plant
//! a draft or a session cookie of its own choosing.

use axum::http::{HeaderMap, HeaderValue, header};
use cookie::{Cookie, SameSite};
use leptos::prelude::use_context;

/// How long the browser keeps a cookie.
#[derive(Clone, Copy, Debug)]
pub enum Lifetime {
    /// Until the browser is closed (no Max-Age).
    Browser,
    Days(i64),
    Minutes(i64),
    /// Expired at once: the browser forgets it.
    Gone,
}

static HOST_PREFIX: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Names cookies with `__Host-` from now on (the server, at start, when its cookies are Secure).
pub fn use_host_prefix(on: bool) {
    HOST_PREFIX.store(on, std::sync::atomic::Ordering::Relaxed);
}

fn host_prefix() -> bool {
    HOST_PREFIX.load(std::sync::atomic::Ordering::Relaxed)
}

const PREFIX: &str = "__Host-";

/// The name a cookie is stored under.
fn stored_name(name: &str, prefixed: bool) -> String {
    if prefixed {
        format!("{PREFIX}{name}")
    } else {
        name.to_string()
    }
}

/// Every cookie a request carries, by name (without `__Host-`) and value. With the prefix on,
/// only prefixed cookies count: an unprefixed one may have come from another host.
pub fn all_in(headers: &HeaderMap) -> Vec<(String, String)> {
    cookies_in(headers, host_prefix())
}

fn cookies_in(headers: &HeaderMap, prefixed: bool) -> Vec<(String, String)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .filter_map(|cookie| {
            let name = match cookie.name().strip_prefix(PREFIX) {
                Some(name) if prefixed => name,
                None if !prefixed => cookie.name(),
                _ => return None,
            };
            Some((name.to_string(), cookie.value().to_string()))
        })
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
    let builder = Cookie::build((stored_name(name, secure && host_prefix()), value))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(same_site);
    let cookie = match lifetime {
        Lifetime::Browser => builder.build(),
        Lifetime::Days(days) => builder.max_age(cookie::time::Duration::days(days)).build(),
        Lifetime::Minutes(minutes) => builder
            .max_age(cookie::time::Duration::minutes(minutes))
            .build(),
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

    #[test]
    fn over_https_only_host_prefixed_cookies_count() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("mc_ho_so=PLANTED; __Host-mc_ho_so=OURS; b=3"),
        );
        assert_eq!(
            cookies_in(&headers, true),
            vec![("mc_ho_so".to_string(), "OURS".to_string())]
        );
        assert_eq!(
            cookies_in(&headers, false),
            vec![
                ("mc_ho_so".to_string(), "PLANTED".to_string()),
                ("b".to_string(), "3".to_string())
            ]
        );
        assert_eq!(stored_name("mc_ho_so", true), "__Host-mc_ho_so");
        assert_eq!(stored_name("mc_ho_so", false), "mc_ho_so");
    }
}
