//! How a value goes into a link, and the site's absolute addresses. (Absolute links never come
//! from the request: a Host header is whatever the sender typed.)

use crate::state::AppState;

/// A value as it can stand in a link's query (letters, digits and `-` as they are).
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

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
