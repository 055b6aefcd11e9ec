//! A dossier filed with help is confirmed by the citizen on their own phone: the helper's check
//! page shows a QR code and a short code, the phone (no account, any server) shows every answer
//! and takes one answer, the helper submits only the answers the citizen confirmed.

mod common;

use app::staff::Role;
use axum::http::StatusCode;
use common::office::*;
use common::{Site, site};

const CHILD: &str = "Nguyễn Minh An";
const CHANGED_CHILD: &str = "Nguyễn Minh Khang";

/// A counter officer with a citizen's demo draft opened: the helper's cookies.
async fn helper_with_draft(site: &Site) -> String {
    let counter = signed_in(site, "quay.bmt", Role::Counter, app::staff::demo::OFFICE).await;
    let code = app::filing::demo::seed(&site.state).await.unwrap().unwrap();
    let opened = site
        .post_form(
            "/api/can-bo/mo-bang-ma",
            &format!("ma={code}"),
            Some(&counter),
        )
        .await;
    let draft = opened.cookie().expect("the citizen's draft, opened");
    format!("{counter}; {draft}")
}

async fn submit(site: &Site, helper: &str) -> common::Answer {
    site.post_form(app::paths::ASSIST_CONFIRM_URL, "", Some(helper))
        .await
}

async fn status(site: &Site, helper: &str) -> String {
    site.get(app::paths::PHONE_STATUS_URL, Some(helper))
        .await
        .body
}

async fn actions(site: &Site, action: &str) -> Vec<Logged> {
    logged(site, action).await
}

#[tokio::test]
async fn the_citizen_confirms_on_their_own_phone_then_the_helper_submits() {
    let site = site().await;
    let phone_server = site.another_server().await;
    let helper = helper_with_draft(&site).await;
    let check = site.get(app::paths::CHECK_URL, Some(&helper)).await;
    assert!(
        check.body.contains("Xác nhận trên điện thoại của công dân"),
        "{}",
        check.body
    );
    // The old way is gone: no box to tick, no last digits typed on the helper's screen.
    assert!(!check.body.contains("so_cuoi") && !check.body.contains("name=\"xac_nhan\""));
    assert!(!check.body.contains("Nộp hồ sơ cho công dân"));
    // Not confirmed: not submitted.
    let early = submit(&site, &helper).await;
    assert_eq!(early.location(), Some("/ho-so/kiem-tra?xn=thieu#xac-nhan"));

    let asked = site
        .post_form(app::paths::PHONE_ASK_URL, "", Some(&helper))
        .await;
    let secrets = phone_cookie(&asked).unwrap();
    let set_cookie = asked
        .header("set-cookie")
        .unwrap_or_default()
        .to_lowercase();
    assert!(
        set_cookie.contains("httponly") && set_cookie.contains("max-age=900"),
        "{set_cookie}"
    );
    let helper_screen = format!("{helper}; {secrets}");
    let check = site.get(app::paths::CHECK_URL, Some(&helper_screen)).await;
    assert!(
        check.body.contains("Đang chờ công dân xác nhận"),
        "{}",
        check.body
    );
    assert!(check.body.contains("<svg"), "the QR code");
    assert!(
        check.body.contains(r#"href="/ho-so/kiem-tra#xac-nhan""#),
        "the refresh link"
    );
    assert!(check.body.contains("<script nonce="), "the poll");
    assert!(
        check.body.contains(r#"getElementById("xac-nhan-dt")"#),
        "the poll, unescaped"
    );
    assert!(check.body.contains(r#"data-trang-thai="pending""#));
    let link = phone_link(&check.body).unwrap();
    // The short code, shown as "ABCD EFGH", typed in lower case with its space on the phone.
    let code = secrets.split('.').nth(1).unwrap().to_string();
    assert!(
        check
            .body
            .contains(&format!("{} {}", &code[..4], &code[4..]))
    );
    assert_eq!(status(&site, &helper).await, r#""pending""#);

    // The phone, on the other server, types the short code.
    let typed = phone_server
        .post_form(
            "/api/xac-nhan/mo",
            &format!("ma={}+{}", code[..4].to_lowercase(), &code[4..]),
            None,
        )
        .await;
    assert_eq!(typed.location(), Some(format!("/xac-nhan/{code}").as_str()));
    let page = phone_server.get(&format!("/xac-nhan/{code}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("cache-control"), Some("no-store"));
    for shown in [
        CHILD,
        "H&#x27;Hen Niê",
        "Cán bộ quay.bmt",
        app::staff::demo::OFFICE,
        "Đúng, tôi xác nhận",
        "Chưa đúng, cần sửa",
    ] {
        assert!(
            page.body.contains(shown) || page.body.contains(&shown.replace("&#x27;", "'")),
            "{shown}: {}",
            page.body
        );
    }
    // The QR code's link opens the same page.
    let by_link = phone_server.get(&link, None).await;
    assert!(by_link.body.contains(CHILD));

    let secret = link.rsplit('/').next().unwrap();
    let yes = phone_server
        .post_form(
            "/api/xac-nhan/tra-loi",
            &format!("ma={secret}&tra_loi=dung"),
            None,
        )
        .await;
    assert_eq!(yes.location(), Some("/xac-nhan?xong=dung"));
    let thanks = phone_server.get("/xac-nhan?xong=dung", None).await;
    assert!(thanks.body.contains("Cảm ơn bạn") && !thanks.body.contains(CHILD));
    // Single use: the same code, again, shows nothing.
    let again = phone_server.get(&link, None).await;
    assert!(again.body.contains("Mã này đã được dùng"), "{}", again.body);
    assert!(!again.body.contains(CHILD));
    let twice = phone_server
        .post_form(
            "/api/xac-nhan/tra-loi",
            &format!("ma={secret}&tra_loi=sua&noi_dung=x"),
            None,
        )
        .await;
    assert_eq!(twice.location(), Some(link.as_str()));

    assert_eq!(status(&site, &helper).await, r#""confirmed""#);
    let check = site.get(app::paths::CHECK_URL, Some(&helper_screen)).await;
    assert!(
        check
            .body
            .contains("Đã xác nhận trên điện thoại của công dân lúc"),
        "{}",
        check.body
    );
    assert!(check.body.contains("Nộp hồ sơ cho công dân"));
    let submitted = submit(&site, &helper).await;
    assert_eq!(
        submitted.location(),
        Some(app::paths::RECEIPT_URL),
        "{}",
        submitted.body
    );
    let confirmed = actions(&site, "citizen_confirmed").await;
    assert_eq!(confirmed.len(), 1);
    assert_eq!(confirmed[0].detail, "Xác nhận trên điện thoại của công dân");
    assert_eq!(actions(&site, "phone_confirmation_asked").await.len(), 1);
    let how: String = sqlx::query_scalar("SELECT confirmed_how FROM assisted_drafts")
        .fetch_one(&site.db.pool)
        .await
        .unwrap();
    assert_eq!(how, "phone");
}

#[tokio::test]
async fn the_citizens_correction_is_shown_to_the_helper() {
    let site = site().await;
    let helper = helper_with_draft(&site).await;
    let link = ask_phone(&site, &helper).await;
    let secret = link.rsplit('/').next().unwrap();
    // Nothing written: the page asks for it, the code stays usable.
    let empty = site
        .post_form(
            "/api/xac-nhan/tra-loi",
            &format!("ma={secret}&tra_loi=sua&noi_dung=+"),
            None,
        )
        .await;
    assert_eq!(
        empty.location(),
        Some(format!("{link}?loi=trong#noi-dung-sua").as_str())
    );
    let page = site.get(&format!("{link}?loi=trong"), None).await;
    assert!(page.body.contains("error-summary") && page.body.contains("Hãy viết điều chưa đúng"));
    let fix = site
        .post_form(
            "/api/xac-nhan/tra-loi",
            &format!("ma={secret}&tra_loi=sua&noi_dung=T%C3%AAn+ch%C3%A1u+l%C3%A0+Khang"),
            None,
        )
        .await;
    assert_eq!(fix.location(), Some("/xac-nhan?xong=sua"));
    assert_eq!(status(&site, &helper).await, r#""corrected""#);
    let check = site.get(app::paths::CHECK_URL, Some(&helper)).await;
    assert!(
        check.body.contains("Công dân báo chưa đúng:"),
        "{}",
        check.body
    );
    assert!(check.body.contains("Tên cháu là Khang"));
    assert!(check.body.contains("Mời công dân xác nhận lại"));
    assert_eq!(
        submit(&site, &helper).await.location(),
        Some("/ho-so/kiem-tra?xn=thieu#xac-nhan")
    );
    let corrections = actions(&site, "citizen_correction").await;
    assert_eq!(corrections.len(), 1);
    assert_eq!(corrections[0].detail, "Tên cháu là Khang");
}

#[tokio::test]
async fn a_wrong_expired_or_replaced_code_shows_no_answers_and_wrong_ones_are_counted() {
    let site = site().await;
    let helper = helper_with_draft(&site).await;
    let first = ask_phone(&site, &helper).await;
    // A new code voids the older one.
    let second = ask_phone(&site, &helper).await;
    let old = site.get(&first, None).await;
    assert!(old.body.contains("Mã này đã được dùng"), "{}", old.body);
    assert!(!old.body.contains(CHILD));
    assert!(site.get(&second, None).await.body.contains(CHILD));

    let wrong = site.get("/xac-nhan/ABCDEFGH", None).await;
    assert!(
        wrong.body.contains("Không tìm thấy mã này"),
        "{}",
        wrong.body
    );
    assert!(!wrong.body.contains(CHILD));
    assert_eq!(wrong.header("cache-control"), Some("no-store"));
    let typed = site
        .post_form("/api/xac-nhan/mo", "ma=ZZZZ2222", None)
        .await;
    assert_eq!(typed.location(), Some("/xac-nhan?loi=ma#ma"));
    let counted: i64 =
        sqlx::query_scalar("SELECT count FROM rate_limits WHERE key = 'phone:client:unknown'")
            .fetch_one(&site.db.pool)
            .await
            .unwrap();
    assert_eq!(
        counted, 2,
        "two wrong codes; the right ones were given back"
    );
    // Too many wrong codes: wait, even for a moment.
    for _ in 0..10 {
        site.get("/xac-nhan/ABCDEFGH", None).await;
    }
    assert!(
        site.get(&second, None)
            .await
            .body
            .contains("Hãy chờ vài phút")
    );
    sqlx::query("DELETE FROM rate_limits")
        .execute(&site.db.pool)
        .await
        .unwrap();

    // Expired after 15 minutes.
    sqlx::query("UPDATE phone_confirmations SET expires_at = '2000-01-01T00:00:00.000000Z'")
        .execute(&site.db.pool)
        .await
        .unwrap();
    let expired = site.get(&second, None).await;
    assert!(
        expired.body.contains("Mã này đã hết hạn"),
        "{}",
        expired.body
    );
    assert!(!expired.body.contains(CHILD));
    let secret = second.rsplit('/').next().unwrap();
    let late = site
        .post_form(
            "/api/xac-nhan/tra-loi",
            &format!("ma={secret}&tra_loi=dung"),
            None,
        )
        .await;
    assert_eq!(late.location(), Some(second.as_str()));
    assert_eq!(status(&site, &helper).await, r#""expired""#);
    assert!(
        site.get(app::paths::CHECK_URL, Some(&helper))
            .await
            .body
            .contains("Mã cũ không dùng được nữa")
    );
}

#[tokio::test]
async fn an_answer_changed_after_confirmation_asks_the_citizen_again() {
    let site = site().await;
    let helper = helper_with_draft(&site).await;
    // Changed while the phone waits: the phone shows no answers.
    let link = ask_phone(&site, &helper).await;
    let change = |name: &str| {
        format!(
            "buoc=tre-ho-ten&tu=kiem-tra&a%5Btre-ho-ten%5D={}",
            app::paths::query_value(name)
        )
    };
    let saved = site
        .post_form("/api/luu-buoc", &change(CHANGED_CHILD), Some(&helper))
        .await;
    assert_eq!(saved.status, StatusCode::FOUND, "{}", saved.body);
    let stale = site.get(&link, None).await;
    assert!(
        stale.body.contains("Câu trả lời đã thay đổi"),
        "{}",
        stale.body
    );
    assert!(!stale.body.contains(CHANGED_CHILD));

    confirm_on_phone(&site, &helper).await;
    let saved = site
        .post_form("/api/luu-buoc", &change(CHILD), Some(&helper))
        .await;
    assert_eq!(saved.status, StatusCode::FOUND, "{}", saved.body);
    let check = site.get(app::paths::CHECK_URL, Some(&helper)).await;
    assert!(
        check
            .body
            .contains("Câu trả lời đã thay đổi sau khi công dân xác nhận"),
        "{}",
        check.body
    );
    assert!(!check.body.contains("Nộp hồ sơ cho công dân"));
    assert_eq!(
        submit(&site, &helper).await.location(),
        Some("/ho-so/kiem-tra?xn=thieu#xac-nhan")
    );
    // The citizen's own submit button is no way round it either.
    let own = site.post_form("/api/nop-ho-so", "", Some(&helper)).await;
    assert_eq!(own.location(), Some("/ho-so/kiem-tra?xn=thieu#xac-nhan"));
    assert_eq!(site.count("dossiers").await, 0);
    // Confirmed again: submitted.
    confirm_on_phone(&site, &helper).await;
    assert_eq!(
        submit(&site, &helper).await.location(),
        Some(app::paths::RECEIPT_URL)
    );
}
