//! How much a request may send, per route. Every form today fits in a few kilobytes; uploads,
//! when they come, get their own row in `limit_for` with a larger limit.

use crate::refusal::{Reason, Refusals, wants_html};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use tower::{ServiceBuilder, ServiceExt};
use tower_http::body::Limited;
use tower_http::limit::RequestBodyLimitLayer;

/// Forms and everything else: far above the largest honest form (a step of short answers).
pub const SMALL: usize = 64 * 1024;

/// A step with documents: a few photos from a phone, plus the form's answers.
pub const UPLOAD: usize = 4 * app::filing::MAX_FILE_BYTES;

/// The largest body a request to `path` may carry.
pub fn limit_for(path: &str) -> usize {
    if path == app::paths::UPLOAD_URL || path == app::paths::SUPPLEMENT_URL {
        UPLOAD
    } else {
        SMALL
    }
}

/// Refuses a body declared too large at once (413); a body that turns out too large while
/// being read fails the read, which `server_fn_failures` answers with the same 413.
pub async fn limit_body(
    State(refusals): State<Refusals>,
    request: Request,
    next: Next,
) -> Response {
    let limit = limit_for(request.uri().path());
    let html = wants_html(request.headers());
    let service = ServiceBuilder::new()
        .layer(RequestBodyLimitLayer::new(limit))
        .map_request(|request: Request<Limited<Body>>| request.map(Body::new))
        .service(next);
    let Ok(response) = service.oneshot(request).await;
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return refusals.answer(Reason::TooLarge, html);
    }
    response.map(Body::new)
}
