//! Every response tells the browser to run only our scripts, never to be framed, not to guess
//! content types, and to keep addresses to itself.

mod common;

use axum::http::StatusCode;
use common::{Site, site, site_with};
use server::security_headers::SecurityHeaders;

/// Pages, a form post, the health check, a page that does not exist.
async fn sample(site: &Site) -> Vec<(&'static str, common::Answer)> {
    let cookie = site.start().await;
    vec![
        ("/", site.get("/", None).await),
        (
            "/thu-tuc/khai-sinh",
            site.get("/thu-tuc/khai-sinh", None).await,
        ),
        (
            "/ho-so/buoc/co-quan",
            site.get("/ho-so/buoc/co-quan", Some(&cookie)).await,
        ),
        (
            "/ho-so/kiem-tra",
            site.get("/ho-so/kiem-tra", Some(&cookie)).await,
        ),
        ("/khong-co", site.get("/khong-co", None).await),
        ("/healthz", site.get("/healthz", None).await),
        (
            "/api/tiep-tuc",
            site.post_form("/api/tiep-tuc", "ma=abc", None).await,
        ),
    ]
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let site = site().await;
    for (path, answer) in sample(&site).await {
        let csp = answer.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("style-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("object-src 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("script-src 'nonce-"), "{path}: {csp}");
        assert_eq!(
            answer.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            answer.header("referrer-policy"),
            Some("same-origin"),
            "{path}"
        );
        assert_eq!(answer.header("x-frame-options"), Some("DENY"), "{path}");
        let permissions = answer.header("permissions-policy").unwrap_or_default();
        assert!(permissions.contains("camera=()"), "{path}: {permissions}");
        assert!(
            permissions.contains("geolocation=()"),
            "{path}: {permissions}"
        );
        assert_eq!(answer.header("strict-transport-security"), None, "{path}");
    }
}

#[tokio::test]
async fn hsts_is_sent_only_when_configured() {
    let site = site_with(SecurityHeaders { hsts: true }).await;
    for (path, answer) in sample(&site).await {
        assert_eq!(
            answer.header("strict-transport-security"),
            Some("max-age=31536000"),
            "{path}"
        );
    }
}

fn nonce_of(csp: &str) -> &str {
    let start = csp.find("'nonce-").expect("a nonce") + "'nonce-".len();
    &csp[start..start + csp[start..].find('\'').unwrap()]
}

#[tokio::test]
async fn every_script_of_a_page_carries_the_nonce_of_its_header() {
    let site = site().await;
    let cookie = site.start().await;
    let mut nonces = Vec::new();
    for path in ["/", "/ho-so/buoc/co-quan", "/khong-co"] {
        let page = site.get(path, Some(&cookie)).await;
        let nonce = nonce_of(page.header("content-security-policy").unwrap()).to_string();
        assert!(nonce.len() >= 16, "{nonce}");
        let scripts: Vec<&str> = page.body.split("<script").skip(1).collect();
        assert!(!scripts.is_empty(), "{path} has the hydration script");
        for script in scripts {
            let tag = &script[..script.find('>').unwrap()];
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: <script{tag}>"
            );
        }
        assert!(!page.body.contains(" style="), "{path} has an inline style");
        nonces.push(nonce);
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 3, "a fresh nonce per response");
}

#[tokio::test]
async fn the_not_found_page_is_a_page_in_vietnamese() {
    let site = site().await;
    let page = site.get("/khong-co", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Không tìm thấy trang này"));
}
