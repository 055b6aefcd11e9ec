//! Daily allowances through the real router: a stranger cannot fill the disk with drafts nor
//! bury a clerk's queue and someone's phone under submissions, and what was typed is kept.

mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use chrono::{Datelike, Duration, Utc};
use common::{Answer, HOST, ORIGIN, Site, site};
use domain::procedure::Answers;
use std::net::SocketAddr;

/// A birth registration answered to the end, giving `phone` (as scripts/mc_process.py fills it).
fn birth_registration(phone: &str) -> Answers {
    let today = Utc::now().date_naive();
    let born = today - Duration::days(10);
    let issued = today - Duration::days(3 * 365);
    let address = "12 Lý Nam Đế, Tổ dân phố 3, phường Buôn Ma Thuột, Đắk Lắk";
    let answers = [
        ("co-quan", "UBND phường Buôn Ma Thuột".to_string()),
        ("nyc-ho-ten", "Nguyễn Văn Bình".into()),
        ("nyc-ngay-sinh-ngay", "5".into()),
        ("nyc-ngay-sinh-thang", "6".into()),
        ("nyc-ngay-sinh-nam", "1990".into()),
        ("nyc-loai-giay-to", "Thẻ căn cước".into()),
        ("nyc-so-giay-to", "066 090 012 345".into()),
        ("nyc-noi-cap", "Bộ Công an".into()),
        ("nyc-ngay-cap-ngay", issued.day().to_string()),
        ("nyc-ngay-cap-thang", issued.month().to_string()),
        ("nyc-ngay-cap-nam", issued.year().to_string()),
        ("nyc-cu-tru", address.into()),
        ("nyc-quan-he", "Cha".into()),
        ("nyc-dien-thoai", phone.into()),
        ("tre-ho-ten", "Nguyễn Minh An".into()),
        ("tre-ngay-sinh-ngay", born.day().to_string()),
        ("tre-ngay-sinh-thang", born.month().to_string()),
        ("tre-ngay-sinh-nam", born.year().to_string()),
        ("tre-gioi-tinh", "Nam".into()),
        ("tre-dan-toc", "Kinh".into()),
        ("tre-quoc-tich", "Việt Nam".into()),
        (
            "tre-noi-sinh",
            "Bệnh viện Đa khoa vùng Tây Nguyên, phường Tân An, Đắk Lắk".into(),
        ),
        ("tre-que-quan", "Phường Buôn Ma Thuột, Đắk Lắk".into()),
        ("cha-me-xac-dinh", "Đã xác định cả cha và mẹ".into()),
        ("me-ho-ten", "H'Hen Niê".into()),
        ("me-nam-sinh", "1996".into()),
        ("me-so-dinh-danh", "066 196 012 345".into()),
        ("me-dan-toc", "Ê Đê".into()),
        ("me-quoc-tich", "Việt Nam".into()),
        ("me-cu-tru", address.into()),
        ("cha-ho-ten", "Nguyễn Văn Bình".into()),
        ("cha-nam-sinh", "1990".into()),
        ("cha-so-dinh-danh", "066 090 012 345".into()),
        ("cha-dan-toc", "Kinh".into()),
        ("cha-quoc-tich", "Việt Nam".into()),
        ("cha-cu-tru", address.into()),
        ("gckh-so", "25".into()),
        ("ban-sao", "co".into()),
        ("so-ban-sao", "2".into()),
        ("nhan-ket-qua", "Nhận trực tiếp tại bộ phận một cửa".into()),
    ];
    answers
        .into_iter()
        .map(|(id, value)| (id.to_string(), value))
        .collect()
}

/// A draft answered to the end, in a browser of its own; returns its cookie.
async fn complete_draft(site: &Site, phone: &str) -> String {
    let code = app::random::resume_code();
    app::drafts::store::create_draft(
        &site.db,
        "khai-sinh",
        &code,
        &birth_registration(phone),
        Utc::now(),
    )
    .await
    .unwrap();
    format!("mc_ho_so={code}")
}

#[tokio::test]
async fn one_connection_starts_its_allowance_of_drafts_a_day_and_is_then_told_why() {
    let site = site().await;
    let allowance = app::limits::DRAFTS_PER_CLIENT.per_day;
    for _ in 0..allowance {
        let answer = site
            .post_form("/api/bat-dau", "thu_tuc=khai-sinh", None)
            .await;
        assert!(answer.cookie().is_some(), "{:?}", answer.location());
    }
    let refused = site
        .post_form("/api/bat-dau", "thu_tuc=khai-sinh", None)
        .await;
    assert_eq!(refused.cookie(), None);
    let home = site.get(refused.location().unwrap(), None).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body
            .contains("Hôm nay đã có rất nhiều hồ sơ mới bắt đầu từ mạng này"),
        "{}",
        home.body
    );
    assert_eq!(site.count("drafts").await, allowance);
}

#[tokio::test]
async fn one_phone_number_gets_a_few_submissions_a_day_and_the_next_keeps_its_answers() {
    let site = site().await;
    let allowance = app::limits::SUBMISSIONS_PER_PHONE.per_day;
    for _ in 0..allowance {
        let cookie = complete_draft(&site, "0912 345 678").await;
        // Pressed three times (a double tap, a retry): one dossier, counted once.
        for _ in 0..3 {
            let answer = site.post_form("/api/nop-ho-so", "", Some(&cookie)).await;
            assert_eq!(answer.location(), Some("/ho-so/bien-nhan"));
        }
    }
    // The same number written another way is the same number.
    let cookie = complete_draft(&site, "0912.345.678").await;
    let refused = site.post_form("/api/nop-ho-so", "", Some(&cookie)).await;
    let location = refused.location().unwrap().to_string();
    assert!(
        location.starts_with("/ho-so/kiem-tra?gui=qua-nhieu"),
        "{location}"
    );
    let check = site.get(&location, Some(&cookie)).await;
    assert!(
        check
            .body
            .contains("Các câu trả lời của bạn vẫn được giữ nguyên"),
        "{}",
        check.body
    );
    assert!(
        check.body.contains("Nguyễn Minh An"),
        "the answers are still there"
    );
    assert_eq!(site.count("dossiers").await, allowance);
    // Another family is not held back by this one.
    let other = complete_draft(&site, "0987 654 321").await;
    let answer = site.post_form("/api/nop-ho-so", "", Some(&other)).await;
    assert_eq!(answer.location(), Some("/ho-so/bien-nhan"));
}

/// The check page's "Nộp hồ sơ", pressed in a browser at `client`.
async fn submit_from(site: &Site, cookie: &str, client: [u8; 4]) -> Answer {
    let request = Request::post("/api/nop-ho-so")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .extension(ConnectInfo(SocketAddr::from((client, 40000))))
        .body(Body::empty())
        .unwrap();
    Answer::read(site.send(request).await).await
}

#[tokio::test]
async fn one_connection_submits_its_allowance_a_day_and_others_are_not_held_back() {
    let site = site().await;
    let busy = [203, 0, 113, 7];
    // The allowance of the day spent but one (as if 59 families had filed from this network).
    let allowance = &app::limits::SUBMISSIONS_PER_CLIENT;
    let spent = app::limits::take(
        &site.db,
        allowance,
        &app::limits::daily_key("203.0.113.7"),
        allowance.per_day() - 1,
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(spent);
    let last = complete_draft(&site, "0912 345 678").await;
    let answer = submit_from(&site, &last, busy).await;
    assert_eq!(answer.location(), Some("/ho-so/bien-nhan"));
    // The next from this connection keeps its answers for tomorrow or the counter.
    let refused = complete_draft(&site, "0987 654 321").await;
    let answer = submit_from(&site, &refused, busy).await;
    let location = answer.location().unwrap().to_string();
    assert!(
        location.starts_with("/ho-so/kiem-tra?gui=qua-nhieu"),
        "{location}"
    );
    let again = submit_from(&site, &refused, busy).await;
    assert_eq!(again.location(), Some(location.as_str()));
    assert_eq!(site.count("dossiers").await, 1);
    // The same draft from another connection goes through.
    let answer = submit_from(&site, &refused, [198, 51, 100, 9]).await;
    assert_eq!(answer.location(), Some("/ho-so/bien-nhan"));
    assert_eq!(site.count("dossiers").await, 2);
}
