//! Refuses state-changing requests that a browser says come from another site (cross-site
//! request forgery). Requests that carry neither `Origin` nor `Sec-Fetch-Site` (curl, very old
//! browsers) pass: a forged request from a browser carries at least one of them.

use crate::refusal::{Reason, Refusals, wants_html};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;

pub async fn refuse_cross_site(
    State(refusals): State<Refusals>,
    request: Request,
    next: Next,
) -> Response {
    if changes_state(request.method()) && is_cross_site(request.headers()) {
        tracing::info!(
            origin = ?request.headers().get(header::ORIGIN),
            path = request.uri().path(),
            "refused a cross-site request"
        );
        return refusals.answer(Reason::CrossSite, wants_html(request.headers()));
    }
    next.run(request).await
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// `Origin` when present (its host and port must be ours), else `Sec-Fetch-Site`.
pub fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let Ok(origin) = origin.to_str() else {
            return true;
        };
        // "null" comes from sandboxed frames, file: pages and privacy redirects: not our pages.
        return match authority_of(origin) {
            Some(authority) => !our_authorities(headers).any(|ours| ours == authority),
            None => true,
        };
    }
    match headers.get("sec-fetch-site").map(|site| site.to_str()) {
        // "none": typed or bookmarked by the user; "same-origin": our own pages.
        Some(Ok("same-origin" | "none")) | None => false,
        Some(_) => true,
    }
}

/// "https://mot-cua.example:8443" has the authority "mot-cua.example:8443". The scheme is not
/// compared: behind a TLS proxy the server sees plain HTTP for an https origin.
fn authority_of(origin: &str) -> Option<String> {
    let (scheme, authority) = origin.split_once("://")?;
    let valid = matches!(scheme, "http" | "https")
        && !authority.is_empty()
        && !authority.contains(['/', '@', '?', '#']);
    valid.then(|| authority.to_ascii_lowercase())
}

/// The names this request reached us by: `Host`, and the one a reverse proxy forwards. A page
/// of another site cannot make a browser send `X-Forwarded-Host` without our consent (CORS).
fn our_authorities(headers: &HeaderMap) -> impl Iterator<Item = String> + '_ {
    [header::HOST.as_str(), "x-forwarded-host"]
        .into_iter()
        .filter_map(|name| headers.get(name)?.to_str().ok())
        .map(|host| host.trim().to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    header::HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    #[test]
    fn our_own_pages_pass() {
        let ours = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
        ]);
        assert!(!is_cross_site(&ours));
        let behind_tls = headers(&[
            ("host", "motcua.example"),
            ("origin", "https://motcua.example"),
        ]);
        assert!(!is_cross_site(&behind_tls));
        let proxied = headers(&[
            ("host", "127.0.0.1:3000"),
            ("x-forwarded-host", "motcua.example"),
            ("origin", "https://motcua.example"),
        ]);
        assert!(!is_cross_site(&proxied));
    }

    #[test]
    fn another_site_or_a_null_origin_is_refused() {
        for origin in [
            "https://evil.example",
            "http://127.0.0.1:3001",
            "null",
            "http://127.0.0.1:3000.evil.example",
            "http://user@127.0.0.1:3000",
            "",
        ] {
            let forged = HeaderMap::from_iter([
                (header::HOST, HeaderValue::from_static("127.0.0.1:3000")),
                (header::ORIGIN, HeaderValue::from_str(origin).unwrap()),
            ]);
            assert!(is_cross_site(&forged), "{origin}");
        }
    }

    #[test]
    fn without_origin_the_fetch_site_decides() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "none")])));
        // curl, old browsers
        assert!(!is_cross_site(&headers(&[("host", "127.0.0.1:3000")])));
    }
}
