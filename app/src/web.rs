//! What reads the request itself: the address the site is reached at, and how a value goes
//! into a link.

use leptos::prelude::use_context;

/// A value as it can stand in a link's query (letters, digits and `-` as they are).
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An address on this site as the citizen reaches it (the host they asked for).
pub fn absolute_url(path: &str, secure: bool) -> String {
    let host = use_context::<http::request::Parts>()
        .and_then(|parts| parts.headers.get(http::header::HOST).cloned())
        .and_then(|host| host.to_str().ok().map(str::to_string))
        .unwrap_or_else(|| "localhost".into());
    let scheme = if secure { "https" } else { "http" };
    format!("{scheme}://{host}{path}")
}
