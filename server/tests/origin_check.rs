//! A form posted from another web site changes nothing; our own forms and clients that send no
//! origin (curl, old browsers) still work. No address changes anything over GET.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Answer, HOST, ORIGIN, site};

fn start_request(headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::post("/api/bat-dau")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(Body::from("thu_tuc=khai-sinh")).unwrap()
}

#[tokio::test]
async fn a_form_posted_from_another_site_is_refused_and_starts_nothing() {
    let site = site().await;
    for forged in [
        vec![("origin", "https://lua-dao.example")],
        vec![("origin", "null")],
        vec![("sec-fetch-site", "cross-site")],
        vec![
            ("origin", "https://lua-dao.example"),
            ("sec-fetch-site", "cross-site"),
        ],
    ] {
        let answer = Answer::read(site.send(start_request(&forged)).await).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{forged:?}");
        assert!(
            answer.body.contains("gửi từ một trang web khác"),
            "{}",
            answer.body
        );
        assert!(
            answer
                .header("content-type")
                .unwrap()
                .starts_with("text/html")
        );
        assert_eq!(answer.cookie(), None);
    }
    assert_eq!(site.count("drafts").await, 0);
}

#[tokio::test]
async fn a_cross_site_refusal_to_a_program_is_plain_text() {
    let site = site().await;
    let request = Request::post("/api/tiep-tuc")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, "https://lua-dao.example")
        .body(Body::from("ma=K7M2Q8XTR4WN3HD"))
        .unwrap();
    let answer = Answer::read(site.send(request).await).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(
        answer
            .header("content-type")
            .unwrap()
            .starts_with("text/plain")
    );
    assert!(answer.body.contains("trang web khác"));
}

#[tokio::test]
async fn our_own_forms_and_clients_without_origin_pass() {
    let site = site().await;
    for ours in [
        vec![("origin", ORIGIN)],
        vec![("sec-fetch-site", "same-origin")],
        vec![("origin", ORIGIN), ("sec-fetch-site", "same-origin")],
        vec![],
    ] {
        let answer = Answer::read(site.send(start_request(&ours)).await).await;
        assert_eq!(
            answer.status,
            StatusCode::FOUND,
            "{ours:?}: {}",
            answer.body
        );
        assert_eq!(answer.location(), Some("/ho-so/buoc/co-quan"));
        assert!(answer.cookie().is_some());
    }
    assert_eq!(site.count("drafts").await, 4);
}

#[tokio::test]
async fn no_form_address_answers_a_get() {
    let site = site().await;
    let cookie = site.start().await;
    for path in [
        "/api/bat-dau?thu_tuc=khai-sinh",
        "/api/luu-buoc?buoc=co-quan&a%5Bco-quan%5D=x",
        "/api/nop-ho-so",
        "/api/tiep-tuc?ma=K7M2Q8XTR4WN3HD",
    ] {
        let answer = site.get(path, Some(&cookie)).await;
        assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{path}");
        assert!(
            answer.body.contains("chỉ nhận biểu mẫu"),
            "{path}: {}",
            answer.body
        );
        assert_eq!(answer.cookie(), None, "{path}");
    }
    assert_eq!(site.count("drafts").await, 1);
    assert_eq!(site.count("dossiers").await, 0);
}
