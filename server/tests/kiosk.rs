//! Kiosk mode through the real router: enrolment by a one-time link, the kiosk bar, and the
//! reset that leaves nothing of the citizen in the browser.

mod common;

use app::kiosk::rules::{Paper, Timings};
use app::kiosk::store::{self, NewKiosk};
use axum::http::StatusCode;
use chrono::Utc;
use common::{Answer, site};

const OFFICE: &str = "UBND phường Tân An";

fn lobby() -> NewKiosk {
    NewKiosk {
        office: OFFICE.into(),
        name: "Kiosk sảnh tầng 1".into(),
        timings: Timings::new(90, 30).unwrap(),
        paper: Paper::Roll80,
        enrolled_by: "cli".into(),
    }
}

/// The kiosk cookie set by this answer, as a `Cookie` header value, and the whole Set-Cookie.
fn kiosk_cookie(answer: &Answer) -> Option<(String, String)> {
    answer
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("mc_kiosk="))
        .map(|value| {
            let pair = value.split(';').next().unwrap_or_default().to_string();
            (pair, value.to_string())
        })
}

#[tokio::test]
async fn a_one_time_link_enrols_a_kiosk_whose_pages_show_its_office() {
    let site = site().await;
    let (_, code) = store::create(&site.db, &lobby(), Utc::now()).await.unwrap();
    let link = app::kiosk::enrol_path(&code);

    // Opening the link changes nothing: it asks.
    let page = site.get(&link, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Dùng máy này làm kiosk"),
        "{}",
        page.body
    );
    assert!(page.body.contains(OFFICE));
    assert!(kiosk_cookie(&page).is_none());

    let enrolled = site
        .post_form("/api/kiosk/dang-ky", &format!("ma={code}"), None)
        .await;
    assert_eq!(enrolled.status, StatusCode::FOUND, "{}", enrolled.body);
    assert_eq!(enrolled.location(), Some("/kiosk"));
    let (cookie, set_cookie) = kiosk_cookie(&enrolled).expect("a kiosk cookie");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Strict"), "{set_cookie}");
    assert!(set_cookie.contains("Max-Age=34560000"), "{set_cookie}");

    let start = site.get("/kiosk", Some(&cookie)).await;
    assert!(start.body.contains(OFFICE), "{}", start.body);
    assert!(start.body.contains("Bắt đầu"));
    // The start page has nothing to clear: no end button and no timer there.
    assert!(!start.body.contains("kiosk-ket-thuc"));

    // The same link a second time: refused, nothing set.
    let again = site
        .post_form("/api/kiosk/dang-ky", &format!("ma={code}"), None)
        .await;
    assert_eq!(again.location(), Some(format!("{link}&loi=1").as_str()));
    assert!(kiosk_cookie(&again).is_none());
    let spent = site.get(&format!("{link}&loi=1"), None).await;
    assert!(spent.body.contains("không còn dùng được"), "{}", spent.body);
}

#[tokio::test]
async fn on_a_kiosk_forms_remember_nothing_and_the_reset_ends_the_draft_session() {
    let site = site().await;
    let (kiosk, code) = store::create(&site.db, &lobby(), Utc::now()).await.unwrap();
    let (_, token) = store::enrol(&site.db, &code, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let kiosk_cookie = format!("mc_kiosk={token}");
    let draft_cookie = site.start().await;
    let both = format!("{kiosk_cookie}; {draft_cookie}");

    let step = site.get("/ho-so/buoc/co-quan", Some(&both)).await;
    assert!(step.body.contains("kiosk-bar"), "{}", step.body);
    assert!(step.body.contains(OFFICE));
    assert!(step.body.contains(r#"id="kiosk-ket-thuc""#));
    assert!(
        step.body.contains(r#"autocomplete="off" novalidate"#)
            || step.body.contains(r#"novalidate autocomplete="off""#)
    );
    // An ordinary browser: no bar, and the form as before.
    let ordinary = site.get("/ho-so/buoc/co-quan", Some(&draft_cookie)).await;
    assert!(!ordinary.body.contains("kiosk-bar"));
    assert!(!ordinary.body.contains(r#"novalidate autocomplete="off""#));

    let reset = site.post_form("/api/kiosk/ket-thuc", "", Some(&both)).await;
    assert_eq!(reset.status, StatusCode::FOUND, "{}", reset.body);
    assert_eq!(reset.location(), Some("/kiosk"));
    assert_eq!(
        reset.header("clear-site-data"),
        Some(r#""cache", "storage""#)
    );
    assert_eq!(reset.header("cache-control"), Some("no-store"));
    let expired: Vec<&str> = reset
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    assert!(
        expired
            .iter()
            .any(|value| value.starts_with("mc_ho_so=;") && value.contains("Max-Age=0")),
        "{expired:?}"
    );
    // The kiosk cookie is left alone.
    assert!(!expired.iter().any(|value| value.starts_with("mc_kiosk=")));

    // A revoked kiosk is an ordinary browser again.
    store::revoke(&site.db, &kiosk.id, Utc::now())
        .await
        .unwrap();
    let after = site.get("/ho-so/buoc/co-quan", Some(&both)).await;
    assert!(!after.body.contains("kiosk-bar"), "{}", after.body);
}

#[tokio::test]
async fn a_link_that_never_existed_or_expired_explains_itself() {
    let site = site().await;
    let page = site
        .get("/kiosk/dang-ky?ma=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("không còn dùng được"), "{}", page.body);
    let not_kiosk = site.get("/kiosk", None).await;
    assert!(not_kiosk.body.contains("chưa được đăng ký làm kiosk"));
}
