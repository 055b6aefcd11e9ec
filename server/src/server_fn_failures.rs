//! What a citizen sees when a server function fails. `server_fn` answers every failure with a
//! 500 (or, to a browser form, a redirect back to the page it came from with nothing shown) and
//! an English message; arguments it cannot read are the sender's fault, not ours.
//!
//! - arguments missing, mistyped, not UTF-8, too long: 400 (413 when too large);
//! - our own failure (the store is down): 503, logged;
//! - a browser form post is sent, with a 303, to a page that explains and leads back to the page
//!   it came from, where the saved answers still are.

use crate::refusal::{Reason, Refusals, wants_html};
use app::not_sent::{BACK_PARAM, NOT_SENT_URL, REASON_PARAM};
use app::paths::query_value;
use app::web::FailureKind;
use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;

/// Server function errors are one short line; anything longer is cut when logged.
const ERROR_BODY_LIMIT: usize = 16 * 1024;

pub async fn explain(State(refusals): State<Refusals>, request: Request, next: Next) -> Response {
    let html = wants_html(request.headers());
    let back = html.then(|| back_path(request.headers())).flatten();
    let path = request.uri().path().to_string();
    let multipart = [app::paths::UPLOAD_URL, app::paths::SUPPLEMENT_URL];
    if multipart.contains(&path.as_str()) && !readable_multipart(request.headers()) {
        tracing::info!(path, "upload without a multipart boundary");
        return match html {
            true => see_explanation(Reason::Unreadable, back.as_deref()),
            false => refusals.answer(Reason::Unreadable, html),
        };
    }
    let response = next.run(request).await;
    if response.status() == StatusCode::METHOD_NOT_ALLOWED {
        return refusals.answer(Reason::WrongMethod, html);
    }
    if !response.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        return response;
    }
    // Where the server function sent the browser (the sign-in page, for staff refused).
    let location = response.headers().get(header::LOCATION).cloned();
    let body = to_bytes(response.into_body(), ERROR_BODY_LIMIT)
        .await
        .unwrap_or_default();
    let error = String::from_utf8_lossy(&body);
    let reason = classify(&error);
    match reason {
        Reason::Internal => tracing::error!(path, error = %error, "server function failed"),
        Reason::Busy => tracing::warn!(path, error = %error, "server function failed"),
        Reason::NotAllowed => tracing::info!(path, "staff action refused"),
        _ => tracing::info!(path, error = %error, "unreadable request"),
    }
    match (reason, location) {
        (Reason::NotAllowed, Some(location)) if html => {
            (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
        }
        (Reason::Unreadable | Reason::Busy, _) if html => see_explanation(reason, back.as_deref()),
        _ => refusals.answer(reason, html),
    }
}

fn readable_multipart(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| multer::parse_boundary(value).is_ok())
}

/// What the person is told, from the kind of failure the server function gave (one protocol,
/// written once in `app::web::Failure`).
pub fn classify(error: &str) -> Reason {
    match FailureKind::of(error) {
        FailureKind::TooLarge => Reason::TooLarge,
        FailureKind::Unreadable => Reason::Unreadable,
        FailureKind::Busy => Reason::Busy,
        FailureKind::Refused => Reason::NotAllowed,
        FailureKind::Internal => Reason::Internal,
    }
}

fn see_explanation(reason: Reason, back: Option<&str>) -> Response {
    let code = match reason {
        Reason::Busy => app::not_sent::BUSY,
        _ => app::not_sent::UNREADABLE,
    };
    let mut location = format!("{NOT_SENT_URL}?{REASON_PARAM}={code}");
    if let Some(back) = back {
        location.push_str(&format!("&{BACK_PARAM}={}", query_value(back)));
    }
    match HeaderValue::from_str(&location) {
        Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        // Cannot happen (the location is percent-encoded); still an answer, not a panic.
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// The page the form was on, when it is one of ours: path and query of a same-host `Referer`.
fn back_path(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let rest = referer
        .strip_prefix("http://")
        .or_else(|| referer.strip_prefix("https://"))?;
    let path = rest.strip_prefix(host)?;
    app::paths::local_path(path).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_sorted_by_whose_fault_they_are() {
        assert_eq!(classify("Args|missing field `buoc`"), Reason::Unreadable);
        assert_eq!(
            classify("Deserialization|invalid utf-8 sequence"),
            Reason::Unreadable
        );
        assert_eq!(
            classify("Deserialization|length limit exceeded"),
            Reason::TooLarge
        );
        assert_eq!(classify("ServerError|Hệ thống đang bận"), Reason::Busy);
        assert_eq!(classify("Serialization|oops"), Reason::Internal);
        assert_eq!(classify("garbage"), Reason::Internal);
    }

    #[test]
    fn only_our_own_pages_are_offered_as_the_way_back() {
        let headers = |referer: &'static str| {
            HeaderMap::from_iter([
                (header::HOST, HeaderValue::from_static("motcua.example")),
                (header::REFERER, HeaderValue::from_static(referer)),
            ])
        };
        assert_eq!(
            back_path(&headers(
                "https://motcua.example/ho-so/buoc/tre-ho-ten?loi=1"
            ))
            .as_deref(),
            Some("/ho-so/buoc/tre-ho-ten?loi=1")
        );
        assert_eq!(back_path(&headers("https://evil.example/")), None);
        assert_eq!(
            back_path(&headers("https://motcua.example.evil.example/")),
            None
        );
        assert_eq!(
            back_path(&headers("https://motcua.example//evil.example")),
            None
        );
    }
}
