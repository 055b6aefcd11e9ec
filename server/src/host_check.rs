//! One public address: a request for any other host is refused (421), so no page, message or
//! QR code is ever built for an address a stranger chose, and the site cannot be served under
//! someone else's name.

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The hosts (`host[:port]`, lower case) requests may name.
#[derive(Clone, Debug)]
pub struct Hosts {
    allowed: Arc<[String]>,
    public_url: Arc<str>,
}

impl Hosts {
    /// The host of `public_url`, the `extra` ones (`MC_ALLOWED_HOSTS`), and, when `loopback_port`
    /// is given (demo mode, or no public address set), 127.0.0.1, localhost and [::1] on it.
    pub fn new(public_url: &str, extra: &[String], loopback_port: Option<u16>) -> Self {
        let mut allowed: Vec<String> = extra.iter().map(|host| normal(host)).collect();
        if let Some((_, authority)) = public_url.split_once("://") {
            allowed.push(normal(authority.trim_end_matches('/')));
        }
        if let Some(port) = loopback_port {
            for host in ["127.0.0.1", "localhost", "[::1]"] {
                allowed.push(format!("{host}:{port}"));
            }
        }
        Self {
            allowed: allowed.into(),
            public_url: public_url.into(),
        }
    }

    pub fn allows(&self, host: &str) -> bool {
        let host = normal(host);
        self.allowed.contains(&host)
    }
}

/// Lower case, without a port that is the default of HTTP or HTTPS.
fn normal(host: &str) -> String {
    let host = host.trim().to_ascii_lowercase();
    [":80", ":443"]
        .iter()
        .find_map(|port| host.strip_suffix(port))
        .map(str::to_string)
        .unwrap_or(host)
}

pub async fn refuse_other_hosts(
    State(hosts): State<Hosts>,
    request: Request,
    next: Next,
) -> Response {
    // The health checks are asked for by address, from inside; they build no link.
    let path = request.uri().path();
    if path == crate::connections::READINESS_PATH || path == crate::web::LIVENESS_PATH {
        return next.run(request).await;
    }
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .map(str::to_string)
        .or_else(|| request.uri().authority().map(ToString::to_string));
    if host.as_deref().is_some_and(|host| hosts.allows(host)) {
        return next.run(request).await;
    }
    let url = &hosts.public_url;
    (
        StatusCode::MISDIRECTED_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "Địa chỉ này không phải của trang Một Cửa. Hãy mở {url}\n\
             This address is not the Một Cửa site's. Open {url}\n"
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_public_address_and_the_listed_hosts_are_served() {
        let hosts = Hosts::new(
            "https://motcua.example.vn",
            &["noi-bo.example:8080".into()],
            None,
        );
        assert!(hosts.allows("motcua.example.vn"));
        assert!(hosts.allows("MOTCUA.example.vn:443"));
        assert!(hosts.allows("noi-bo.example:8080"));
        assert!(!hosts.allows("evil.example"));
        assert!(!hosts.allows("motcua.example.vn.evil.example"));
        assert!(!hosts.allows("127.0.0.1:3000"));
        let local = Hosts::new("http://127.0.0.1:3000", &[], Some(3000));
        assert!(local.allows("127.0.0.1:3000"));
        assert!(local.allows("localhost:3000"));
        assert!(!local.allows("localhost:3001"));
        assert!(!local.allows("evil.example"));
    }
}
