//! Headers that tell the browser what this site may do, on every response.
//!
//! The Content-Security-Policy allows scripts only with this response's nonce (the hydration
//! script carries it; what that script imports is allowed by 'strict-dynamic'), and styles only
//! from our own stylesheet. The nonce is made here, per request, and handed to Leptos through
//! the request (`provide_nonce`), so the header and the page always carry the same one.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};
use tower_http::set_header::SetResponseHeaderLayer;

/// HSTS for one year, for this host only (other hosts of the city may not have HTTPS yet).
const HSTS: &str = "max-age=31536000";

/// Powerful browser features no page of ours uses.
const PERMISSIONS: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
                           magnetometer=(), microphone=(), payment=(), usb=()";

pub struct SecurityHeaders {
    /// Send `Strict-Transport-Security` (`MC_HSTS`): only when served over HTTPS.
    pub hsts: bool,
}

impl SecurityHeaders {
    pub fn apply(&self, router: Router) -> Router {
        let fixed = [
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "same-origin"),
            (HeaderName::from_static("permissions-policy"), PERMISSIONS),
            // For browsers that predate `frame-ancestors`.
            (header::X_FRAME_OPTIONS, "DENY"),
        ];
        let mut router = router.layer(middleware::from_fn(content_security_policy));
        for (name, value) in fixed {
            router = router.layer(SetResponseHeaderLayer::overriding(
                name,
                HeaderValue::from_static(value),
            ));
        }
        if self.hsts {
            router = router.layer(SetResponseHeaderLayer::overriding(
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static(HSTS),
            ));
        }
        router
    }
}

fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; \
         script-src 'nonce-{nonce}' 'strict-dynamic' 'self' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; img-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

async fn content_security_policy(mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    let policy = HeaderValue::from_str(&policy(&nonce));
    request.extensions_mut().insert(nonce);
    let mut response = next.run(request).await;
    // The nonce is URL-safe base64, so the value is always a valid header. A response with its
    // own policy (a citizen's document: `sandbox`) keeps it.
    if let Ok(policy) = policy
        && !response
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// Part of the Leptos context of every request: makes the page use the header's nonce
/// (leptos_axum made its own before this runs; this one replaces it).
pub fn provide_nonce() {
    if let Some(nonce) = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Nonce>().cloned())
    {
        provide_context(nonce);
    }
}
