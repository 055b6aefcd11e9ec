//! The site's absolute addresses, and the one error our server functions give. (Absolute links never come
//! from the request: a Host header is whatever the sender typed.)

use crate::state::AppState;

mod failure;
pub use failure::{Area, Failure, FailureKind, failed, failure};

/// An address on this site, at its public address (`MC_PUBLIC_URL`).
pub fn absolute_url(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.public_url.trim_end_matches('/'))
}

/// A QR code of an address on this site (at its public address), drawn as inline SVG: no image
/// request, prints sharp.
pub fn qr_of_page(state: &AppState, path: &str) -> String {
    let url = absolute_url(state, path);
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(qr) => qr
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}
