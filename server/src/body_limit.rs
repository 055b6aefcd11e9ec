//! How much a request may send, per route. Every form fits in a few kilobytes; the two upload
//! routes take a few photos, and only a few such requests are read at once.

use crate::refusal::{Reason, Refusals, wants_html};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Semaphore;
use tower::{ServiceBuilder, ServiceExt};
use tower_http::body::Limited;
use tower_http::limit::RequestBodyLimitLayer;

/// Forms and everything else: far above the largest honest form (a step of short answers).
pub const SMALL: usize = 64 * 1024;

/// A step with documents: a few photos from a phone, plus the form's answers.
pub const UPLOAD: usize = 4 * app::filing::MAX_FILE_BYTES;

/// Upload requests read and checked at once; more wait their turn, unread, so the memory their
/// bodies take stays near `UPLOADS_AT_ONCE * UPLOAD` however many arrive.
pub const UPLOADS_AT_ONCE: usize = 4;
static UPLOADS: Semaphore = Semaphore::const_new(UPLOADS_AT_ONCE);

pub fn is_upload(path: &str) -> bool {
    path == app::paths::UPLOAD_URL || path == app::paths::SUPPLEMENT_URL
}

/// The largest body a request to `path` may carry.
pub fn limit_for(path: &str) -> usize {
    if is_upload(path) { UPLOAD } else { SMALL }
}

/// Refuses a body declared too large at once (413); a body that turns out too large while
/// being read fails the read, which `server_fn_failures` answers with the same 413.
pub async fn limit_body(
    State(refusals): State<Refusals>,
    request: Request,
    next: Next,
) -> Response {
    let limit = limit_for(request.uri().path());
    // Never closed, so acquiring only waits; held until the answer is made.
    let _turn = if is_upload(request.uri().path()) {
        UPLOADS.acquire().await.ok()
    } else {
        None
    };
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
