//! The navigation script's Continue takes one round trip: asked with `x-mc-mot-luot`, a post is
//! answered with the page its redirect leads to, and that page's address. Without the header
//! (no JavaScript) the answer is the redirect, as always.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Answer, HOST, ORIGIN, site};

const NAME_STEP: &str = "buoc=tre-ho-ten&a%5Btre-ho-ten%5D=Y+Sao+Ni%C3%AA";

/// A post from the navigation script.
async fn post_in_one_trip(
    site: &common::Site,
    path: &str,
    form: &str,
    cookie: Option<&str>,
) -> Answer {
    let mut request = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT, "text/html")
        .header("x-mc-mot-luot", "1")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    Answer::read(
        site.send(request.body(Body::from(form.to_string())).unwrap())
            .await,
    )
    .await
}

#[tokio::test]
async fn continue_from_the_script_answers_with_the_next_page_in_one_round_trip() {
    let site = site().await;
    // Starting: the new draft's cookie is set and the first question comes in the same answer.
    let started = post_in_one_trip(&site, "/api/bat-dau", "thu_tuc=khai-sinh", None).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    let first = started.header("x-mc-dia-chi").expect("the page's address");
    assert!(first.starts_with("/ho-so/"), "{first}");
    assert!(started.body.contains("<main"), "{}", started.body);
    assert!(
        started
            .body
            .contains("Bạn nộp hồ sơ tới Ủy ban nhân dân nào?")
    );
    let cookie = started.cookie().expect("the new draft's cookie");

    // A step saved: the next question, with the address of its page.
    let saved = post_in_one_trip(&site, "/api/luu-buoc", NAME_STEP, Some(&cookie)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let next = saved
        .header("x-mc-dia-chi")
        .expect("the next page's address");
    assert_eq!(next, "/ho-so/buoc/tre-ngay-sinh");
    assert!(saved.body.contains("Trẻ sinh ngày nào?"), "{}", saved.body);
    // The page is the one a browser would get: with its security policy.
    assert!(saved.header("content-security-policy").is_some());

    // A mistake: the same question with its error, as the redirect would have shown it.
    let wrong = post_in_one_trip(
        &site,
        "/api/luu-buoc",
        "buoc=tre-ho-ten&a%5Btre-ho-ten%5D=",
        Some(&cookie),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::OK);
    let again = wrong.header("x-mc-dia-chi").unwrap();
    assert!(again.starts_with("/ho-so/buoc/tre-ho-ten?"), "{again}");
    assert!(wrong.body.contains("error-summary"), "{}", wrong.body);

    // Without the header, the redirect as before (no JavaScript).
    let plain = site
        .post_form("/api/luu-buoc", NAME_STEP, Some(&cookie))
        .await;
    assert!(plain.status.is_redirection(), "{}", plain.status);
    assert_eq!(plain.location(), Some("/ho-so/buoc/tre-ngay-sinh"));
    assert!(plain.header("x-mc-dia-chi").is_none());
}
