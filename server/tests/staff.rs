//! Staff sign-in through the real router: login, wrong passwords that slow down but never lock out, sessions that
//! every request checks in the database, logout and logout everywhere, pages that need a role.

mod common;

use app::staff::Role;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Answer, HOST, Site, site};

use common::office::PASSWORD;

async fn account(site: &Site, username: &str, role: Role) {
    common::office::account(site, username, "Trần Thị Lan", role, "UBND phường Tân An").await;
}

fn form(username: &str, password: &str, tiep: &str) -> String {
    format!(
        "ten={}&mat_khau={}&tiep={}",
        app::paths::query_value(username),
        app::paths::query_value(password),
        app::paths::query_value(tiep)
    )
}

fn session_cookie(answer: &Answer) -> Option<String> {
    answer
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("mc_can_bo=") && !value.starts_with("mc_can_bo=;"))
        .map(|value| {
            assert!(value.contains("HttpOnly"), "{value}");
            assert!(value.contains("SameSite=Lax"), "{value}");
            value.split(';').next().unwrap().to_string()
        })
}

async fn log_in(site: &Site, username: &str, password: &str) -> Answer {
    site.post_form("/api/can-bo/dang-nhap", &form(username, password, ""), None)
        .await
}

#[tokio::test]
async fn staff_sign_in_and_see_their_home_page_which_nobody_else_sees() {
    let site = site().await;
    account(&site, "lan.tran", Role::Counter).await;

    let anonymous = site.get("/can-bo", None).await;
    assert_eq!(anonymous.status, StatusCode::FOUND);
    assert_eq!(anonymous.location(), Some("/can-bo/dang-nhap?tiep=/can-bo"));

    let answer = site
        .post_form(
            "/api/can-bo/dang-nhap",
            &form(" Lan.Tran ", PASSWORD, "/can-bo?x=1"),
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::FOUND, "{}", answer.body);
    assert_eq!(answer.location(), Some("/can-bo?x=1"));
    let cookie = session_cookie(&answer).expect("a session cookie");

    let home = site.get("/can-bo", Some(&cookie)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Chào Trần Thị Lan"), "{}", home.body);
    assert!(home.body.contains("Nộp hồ sơ giúp công dân"));
    // A counter clerk is not offered the admin page.
    assert!(!home.body.contains("Quản trị tài khoản"));
    assert_eq!(home.header("cache-control"), Some("no-store"));
    // Staff pages ship no island.
    assert!(!home.body.contains("<leptos-island"), "{}", home.body);

    // The admin page's role is missing: back to login, saying so.
    let log = site.get("/can-bo/nhat-ky", Some(&cookie)).await;
    assert_eq!(log.status, StatusCode::FOUND);
    assert_eq!(
        log.location(),
        Some("/can-bo/dang-nhap?tiep=/can-bo/nhat-ky&loi=quyen")
    );
}

#[tokio::test]
async fn every_staff_page_is_kept_out_of_caches_and_ships_no_island() {
    let site = site().await;
    // Each page as the role whose work it is.
    let mut cookies = std::collections::HashMap::new();
    for (username, role) in [
        ("quan.tri", Role::Admin),
        ("lan.tran", Role::Counter),
        ("lanh.dao", Role::Head),
    ] {
        account(&site, username, role).await;
        let cookie = session_cookie(&log_in(&site, username, PASSWORD).await).unwrap();
        cookies.insert(username, cookie);
    }
    for (path, username) in [
        ("/can-bo/dang-nhap", "quan.tri"),
        ("/can-bo", "quan.tri"),
        ("/can-bo/quan-tri", "quan.tri"),
        ("/can-bo/nhat-ky", "quan.tri"),
        ("/can-bo/nop-ho-so", "lan.tran"),
        ("/can-bo/ho-so", "lanh.dao"),
        ("/can-bo/bang-theo-doi", "lanh.dao"),
    ] {
        let page = site.get(path, Some(&cookies[username])).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(page.header("cache-control"), Some("no-store"), "{path}");
        assert!(!page.body.contains("<leptos-island"), "{path}");
    }
}

#[tokio::test]
async fn a_return_address_off_this_site_is_ignored() {
    let site = site().await;
    account(&site, "lan.tran", Role::Counter).await;
    let answer = site
        .post_form(
            "/api/can-bo/dang-nhap",
            &form("lan.tran", PASSWORD, "//lua-dao.example/"),
            None,
        )
        .await;
    assert_eq!(answer.location(), Some("/can-bo"));
}

#[tokio::test]
async fn wrong_passwords_slow_the_account_down_but_never_keep_its_owner_out() {
    let site = site().await;
    account(&site, "lan.tran", Role::Counter).await;
    for _ in 0..4 {
        let answer = log_in(&site, "lan.tran", "mật khẩu sai hoàn toàn").await;
        assert_eq!(answer.status, StatusCode::FOUND);
        let location = answer.location().unwrap();
        assert!(
            location.starts_with("/can-bo/dang-nhap?loi=sai&ten=lan.tran"),
            "{location}"
        );
        assert_eq!(session_cookie(&answer), None);
        let page = site.get(location, None).await;
        assert!(page.body.contains("Tên đăng nhập hoặc mật khẩu không đúng"));
        // What was typed as the name is kept.
        assert!(page.body.contains(r#"value="lan.tran""#), "{}", page.body);
    }
    // Someone who knows the username keeps guessing: the answers slow down...
    let fifth = log_in(&site, "lan.tran", "mật khẩu sai hoàn toàn").await;
    let location = fifth.location().unwrap().to_string();
    assert!(location.contains("loi=cham"), "{location}");
    let page = site.get(&location, None).await;
    assert!(page.body.contains("phải chờ vài giây"), "{}", page.body);
    let sixth = log_in(&site, "lan.tran", "mật khẩu sai hoàn toàn").await;
    assert!(sixth.location().unwrap().contains("loi=cham"));

    // ...but the owner, with the right password, still gets in.
    let right = log_in(&site, "lan.tran", PASSWORD).await;
    assert!(session_cookie(&right).is_some(), "{:?}", right.location());

    // An unknown name gets the same answer as a wrong password.
    let unknown = log_in(&site, "khong.co.ai", PASSWORD).await;
    assert!(
        unknown
            .location()
            .unwrap()
            .starts_with("/can-bo/dang-nhap?loi=sai")
    );

    use sqlx::Row;
    let actions: Vec<String> = sqlx::query("SELECT action FROM audit_log ORDER BY at")
        .fetch_all(&site.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|row| row.get("action"))
        .collect();
    assert_eq!(
        actions,
        [
            "account_created",
            "login_failed",
            "login_failed",
            "login_failed",
            "login_failed",
            "login_failed",
            "login_failed",
            "login",
            "login_failed"
        ]
    );
}

#[tokio::test]
async fn logging_out_everywhere_ends_the_sessions_on_other_devices() {
    let site = site().await;
    account(&site, "lan.tran", Role::Counter).await;
    let counter = session_cookie(&log_in(&site, "lan.tran", PASSWORD).await).unwrap();
    let phone = session_cookie(&log_in(&site, "lan.tran", PASSWORD).await).unwrap();
    assert_eq!(
        site.get("/can-bo", Some(&phone)).await.status,
        StatusCode::OK
    );

    // Logging out on one device leaves the other signed in.
    let out = site
        .post_form("/api/can-bo/dang-xuat", "", Some(&counter))
        .await;
    assert_eq!(out.location(), Some("/can-bo/dang-nhap?ra=1"));
    assert_eq!(
        site.get("/can-bo", Some(&counter)).await.status,
        StatusCode::FOUND
    );
    assert_eq!(
        site.get("/can-bo", Some(&phone)).await.status,
        StatusCode::OK
    );

    let again = session_cookie(&log_in(&site, "lan.tran", PASSWORD).await).unwrap();
    let everywhere = site
        .post_form("/api/can-bo/dang-xuat-moi-noi", "", Some(&again))
        .await;
    assert_eq!(everywhere.location(), Some("/can-bo/dang-nhap?ra=moi-noi"));
    for cookie in [&again, &phone] {
        assert_eq!(
            site.get("/can-bo", Some(cookie)).await.status,
            StatusCode::FOUND
        );
    }
}

#[tokio::test]
async fn a_login_form_posted_from_another_site_is_refused() {
    let site = site().await;
    account(&site, "lan.tran", Role::Counter).await;
    let request = Request::post("/api/can-bo/dang-nhap")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, "https://lua-dao.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form("lan.tran", PASSWORD, "")))
        .unwrap();
    let answer = Answer::read(site.send(request).await).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(session_cookie(&answer), None);
}

#[tokio::test]
async fn demo_accounts_exist_only_on_a_server_started_with_demo() {
    let site = site().await;
    server::web::seed_demo(&site.state, false).await.unwrap();
    assert_eq!(site.count("staff").await, 0);
    assert_eq!(site.count("drafts").await, 0);
    let (username, _, _, password) = app::staff::demo::ACCOUNTS[0];
    let refused = log_in(&site, username, password).await;
    assert!(session_cookie(&refused).is_none());

    server::web::seed_demo(&site.state, true).await.unwrap();
    assert_eq!(
        site.count("staff").await,
        app::staff::demo::ACCOUNTS.len() as i64
    );
    let signed_in = log_in(&site, username, password).await;
    assert!(session_cookie(&signed_in).is_some());
}
