//! An idle staff session ends after `MC_STAFF_IDLE_MINUTES` (30 by default), with a warning
//! first: every staff page says when it ends if left alone, carries the warning and its "Tiếp tục
//! làm việc" button (shown by a few lines of inline script two minutes before the end), the
//! button keeps the session, and after the end the sign-in page says the session ended.

mod common;

use app::staff::Role;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{DateTime, Duration, Utc};
use common::office::{OFFICE_A, signed_in};
use common::{Answer, HOST, ORIGIN, Site, site};

/// The end of every session, as the database has it.
async fn session_ends(site: &Site) -> DateTime<Utc> {
    let text: String = sqlx::query_scalar("SELECT expires_at FROM staff_sessions")
        .fetch_one(&site.db.pool)
        .await
        .unwrap();
    DateTime::parse_from_rfc3339(&text)
        .unwrap()
        .with_timezone(&Utc)
}

/// As if the session had been left alone until `left` before its end.
async fn leave_idle(site: &Site, left: Duration) {
    sqlx::query("UPDATE staff_sessions SET expires_at = $1")
        .bind(app::db::stamp(Utc::now() + left))
        .execute(&site.db.pool)
        .await
        .unwrap();
}

/// The warning's button, as its script posts it.
async fn keep_working(site: &Site, cookie: &str) -> Answer {
    let request = Request::post(app::paths::STAFF_KEEP_URL)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    Answer::read(site.send(request).await).await
}

#[tokio::test]
async fn an_idle_session_is_announced_kept_when_asked_and_ended_after() {
    let site = site().await;
    let clerk = signed_in(&site, "lan", Role::Clerk, OFFICE_A).await;

    // Every staff page says when the session ends if left alone, and holds the warning.
    let page = site.get(app::paths::QUEUE_URL, Some(&clerk)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let ends = app::state::local(session_ends(&site).await).format("%H:%M");
    assert!(
        page.body.contains(&format!(
            "phiên làm việc sẽ kết thúc lúc {ends} (30 phút sau lần thao tác cuối)"
        )),
        "{}",
        page.body
    );
    assert!(page.body.contains("data-warn=\"120\""), "{}", page.body);
    assert!(page.body.contains("sắp kết thúc"), "{}", page.body);
    assert!(page.body.contains("Tiếp tục làm việc"), "{}", page.body);
    assert!(
        page.body
            .contains(&format!("action=\"{}\"", app::paths::STAFF_KEEP_URL)),
        "{}",
        page.body
    );
    // Its script runs under the page's policy: with the page's nonce.
    let policy = page.header("content-security-policy").unwrap().to_string();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce");
    let scripts: Vec<&str> = page
        .body
        .split(&format!("<script nonce=\"{nonce}\">"))
        .skip(1)
        .filter_map(|rest| rest.split("</script>").next())
        .collect();
    assert!(
        scripts
            .iter()
            .any(|script| script.contains("phien-canh-bao")),
        "{}",
        page.body
    );
    // A citizen's page has none of it.
    let citizen = site.get("/", None).await;
    assert!(!citizen.body.contains("phien-can-bo"), "{}", citizen.body);

    // Twenty-eight minutes later the warning shows; "Tiếp tục làm việc" gives 30 minutes again.
    leave_idle(&site, Duration::minutes(2)).await;
    let kept = keep_working(&site, &clerk).await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    let left: serde_json::Value = serde_json::from_str(&kept.body).unwrap();
    let seconds = left["seconds"].as_i64().unwrap();
    assert!((29 * 60..=30 * 60).contains(&seconds), "{}", kept.body);
    let now_left = session_ends(&site).await - Utc::now();
    assert!(now_left > Duration::minutes(29), "{now_left}");

    // Left alone past the end: the session is gone, the button keeps nothing, and the next page
    // is the sign-in page saying why.
    leave_idle(&site, Duration::minutes(-1)).await;
    let late = keep_working(&site, &clerk).await;
    assert_eq!(late.body, "null", "{}", late.body);
    assert!(session_ends(&site).await < Utc::now());
    let refused = site.get(app::paths::QUEUE_URL, Some(&clerk)).await;
    assert_eq!(refused.status, StatusCode::FOUND);
    let login = refused.location().unwrap().to_string();
    assert_eq!(login, "/can-bo/dang-nhap?tiep=/can-bo/ho-so&loi=het-phien");
    let page = site.get(&login, Some(&clerk)).await;
    assert!(
        page.body
            .contains("Phiên làm việc đã kết thúc vì lâu không thao tác"),
        "{}",
        page.body
    );
}
