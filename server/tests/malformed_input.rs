//! Forms that no page of ours sends: the citizen gets a 4xx or a page that explains, in
//! Vietnamese, and what was saved before is still there.

mod common;

use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode, header};
use common::{Answer, HOST, ORIGIN, site};

const NAME_STEP: &str = "buoc=tre-ho-ten&a%5Btre-ho-ten%5D=Y+Sao+Ni%C3%AA";

/// A program (not a browser form) posting `body`.
fn program_post(path: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

#[tokio::test]
async fn unreadable_arguments_are_a_400_in_vietnamese_not_a_500() {
    let site = site().await;
    let form = "application/x-www-form-urlencoded";
    for (what, body) in [
        ("missing step", Bytes::from_static(b"a%5Bx%5D=1")),
        (
            "nested answer",
            Bytes::from_static(b"buoc=x&a%5Bx%5D%5By%5D=1"),
        ),
        (
            "step as a list",
            Bytes::from_static(b"buoc%5B%5D=x&buoc%5B%5D=y"),
        ),
        (
            "invalid UTF-8",
            Bytes::from_static(b"buoc=\xff\xfe&a%5Bx%5D=\xc3"),
        ),
        ("binary", Bytes::from_static(&[0, 159, 146, 150, 255])),
    ] {
        let answer = Answer::read(site.send(program_post("/api/luu-buoc", form, body)).await).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{what}: {}",
            answer.body
        );
        assert!(
            answer.body.contains("không đọc được"),
            "{what}: {}",
            answer.body
        );
        assert!(
            !answer.body.contains("server function"),
            "{what}: {}",
            answer.body
        );
    }
}

#[tokio::test]
async fn a_broken_form_from_a_browser_leads_to_a_page_that_explains_and_keeps_the_draft() {
    let site = site().await;
    let cookie = site.start().await;
    let saved = site
        .post_form("/api/luu-buoc", NAME_STEP, Some(&cookie))
        .await;
    assert_eq!(saved.status, StatusCode::FOUND);

    let broken = site
        .post_form(
            "/api/luu-buoc",
            "buoc=tre-ho-ten&a%5Btre-ho-ten%5D%5Bx%5D=1",
            Some(&cookie),
        )
        .await;
    assert_eq!(broken.status, StatusCode::SEE_OTHER);
    let location = broken.location().unwrap();
    assert_eq!(
        location,
        "/chua-gui-duoc?ly-do=khong-doc-duoc&trang=/ho-so/buoc/tre-ho-ten"
    );
    let page = site.get(location, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Chưa gửi được"));
    assert!(page.body.contains("vẫn còn nguyên"));
    assert!(page.body.contains("href=\"/ho-so/buoc/tre-ho-ten\""));

    let step = site.get("/ho-so/buoc/tre-ho-ten", Some(&cookie)).await;
    assert!(
        step.body.contains("value=\"Y Sao Niê\""),
        "the saved answer is still there"
    );
}

#[tokio::test]
async fn the_way_back_never_leads_to_another_site() {
    let site = site().await;
    let page = site
        .get(
            "/chua-gui-duoc?ly-do=khong-doc-duoc&trang=//lua-dao.example/",
            None,
        )
        .await;
    assert!(page.body.contains("href=\"/\""));
    assert!(!page.body.contains("lua-dao"));
}

#[tokio::test]
async fn too_much_data_is_a_413_in_vietnamese() {
    let site = site().await;
    let cookie = site.start().await;
    let huge = format!(
        "buoc=tre-ho-ten&a%5Btre-ho-ten%5D={}",
        "A".repeat(70 * 1024)
    );
    let declared = site.post_form("/api/luu-buoc", &huge, Some(&cookie)).await;
    assert_eq!(declared.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        declared.body.contains("lớn hơn mức cho phép"),
        "{}",
        declared.body
    );

    // Sent in chunks without a length: cut off while being read.
    let chunks: Vec<Result<Bytes, std::io::Error>> =
        vec![Ok(Bytes::from(huge.clone())), Ok(Bytes::from(huge))];
    let request = Request::post("/api/luu-buoc")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, &cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from_stream(futures::stream::iter(chunks)))
        .unwrap();
    let streamed = Answer::read(site.send(request).await).await;
    assert_eq!(
        streamed.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        streamed.body
    );
    assert!(
        streamed.body.contains("lớn hơn mức cho phép"),
        "{}",
        streamed.body
    );
}

#[tokio::test]
async fn an_unknown_procedure_leads_home_with_a_reason() {
    let site = site().await;
    let answer = site
        .post_form("/api/bat-dau", "thu_tuc=khong-co", None)
        .await;
    assert_eq!(answer.status, StatusCode::FOUND, "{}", answer.body);
    assert_eq!(answer.location(), Some("/?loi=khong-co-thu-tuc"));
    let home = site.get("/?loi=khong-co-thu-tuc", None).await;
    assert!(home.body.contains("Không có thủ tục bạn vừa chọn"));
    assert_eq!(site.count("drafts").await, 0);
}

#[tokio::test]
async fn unknown_skipped_and_replayed_steps_change_nothing_they_should_not() {
    let site = site().await;
    let cookie = site.start().await;
    // An unknown step: back to where the draft stands.
    let unknown = site
        .post_form(
            "/api/luu-buoc",
            "buoc=khong-co&a%5Bco-quan%5D=x",
            Some(&cookie),
        )
        .await;
    assert_eq!(unknown.location(), Some("/ho-so/buoc/co-quan"));
    let page = site.get("/ho-so/buoc/khong-co", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Không có câu hỏi này"));
    // Submitting an unfinished draft sends the citizen to the first unanswered question.
    let early = site.post_form("/api/nop-ho-so", "", Some(&cookie)).await;
    assert_eq!(
        early.location(),
        Some("/ho-so/buoc/co-quan?loi=1&tu=kiem-tra")
    );
    assert_eq!(site.count("dossiers").await, 0);
    // Without a draft, every form leads to the home page's explanation.
    for (path, form) in [("/api/luu-buoc", NAME_STEP), ("/api/nop-ho-so", "")] {
        let answer = site.post_form(path, form, None).await;
        assert_eq!(answer.location(), Some("/?loi=khong-co-ho-so"), "{path}");
    }
}

#[tokio::test]
async fn an_upload_that_is_not_multipart_is_a_400_on_every_upload_route() {
    let site = site().await;
    let cookie = site.start().await;
    for path in [app::paths::UPLOAD_URL, app::paths::SUPPLEMENT_URL] {
        for content_type in [
            "",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ] {
            let mut request = program_post(path, content_type, "\u{1ab8}w\u{1b04}");
            request
                .headers_mut()
                .insert(header::COOKIE, cookie.parse().unwrap());
            let answer = Answer::read(site.send(request).await).await;
            assert_eq!(
                answer.status,
                StatusCode::BAD_REQUEST,
                "{path} {content_type:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_staff_action_without_a_session_is_refused_not_a_failure_of_ours() {
    let site = site().await;
    for path in ["/api/can-bo/nop-ho-so", "/api/can-bo/xac-nhan-nop"] {
        let answer = Answer::read(
            site.send(program_post(
                path,
                "application/x-www-form-urlencoded",
                "x=1",
            ))
            .await,
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "{path}: {}",
            answer.body
        );
        assert!(answer.body.contains("đăng nhập"), "{}", answer.body);
        // A browser is sent to sign in.
        let browser = site.post_form(path, "x=1", None).await;
        assert!(
            browser
                .location()
                .is_some_and(|to| to.starts_with("/can-bo/dang-nhap")),
            "{path}: {:?}",
            browser.location()
        );
    }
}
