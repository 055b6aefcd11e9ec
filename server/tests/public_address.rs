//! One public address: a request naming another host is refused before anything runs, and
//! every absolute link (the messages to citizens) starts with the public address.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Answer, ORIGIN, site};
use leptos::prelude::{Owner, provide_context};

const EVIL: &str = "evil.example";

#[tokio::test]
async fn a_request_for_another_host_is_refused_and_sends_no_message() {
    let site = site().await;
    let cookie = site.start().await;
    let page = Request::get("/")
        .header(header::HOST, EVIL)
        .body(Body::empty())
        .unwrap();
    let answer = Answer::read(site.send(page).await).await;
    assert_eq!(answer.status, StatusCode::MISDIRECTED_REQUEST);
    assert!(answer.body.contains(ORIGIN), "{}", answer.body);
    // A submission as the phishing attempt sent it: same-site to the host it names.
    let submit = Request::post("/api/nop-ho-so")
        .header(header::HOST, EVIL)
        .header(header::ORIGIN, format!("http://{EVIL}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &cookie)
        .body(Body::from("xac_nhan=1"))
        .unwrap();
    let answer = Answer::read(site.send(submit).await).await;
    assert_eq!(answer.status, StatusCode::MISDIRECTED_REQUEST);
    use sqlx::Row;
    let bodies: Vec<String> = sqlx::query("SELECT body FROM outbox")
        .fetch_all(&site.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get("body").unwrap())
        .collect();
    assert!(bodies.iter().all(|body| !body.contains(EVIL)), "{bodies:?}");
    // The health check answers whatever address it is asked by.
    let health = Request::get("/healthz")
        .header(header::HOST, "10.0.0.5:3000")
        .body(Body::empty())
        .unwrap();
    assert_eq!(site.send(health).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_message_links_to_the_public_address_whatever_the_request_said() {
    let site = site().await;
    let today = chrono::Utc::now().date_naive();
    let seeded =
        app::backoffice::seed::generate(&site.catalog, &site.state.calendar, 5, 3, today, 1);
    // Built while answering a request that named another host.
    let (parts, ()) = Request::get("/")
        .header(header::HOST, EVIL)
        .body(())
        .unwrap()
        .into_parts();
    let owner = Owner::new();
    let messages: Vec<_> = owner.with(|| {
        provide_context(parts);
        seeded
            .iter()
            .flat_map(|seeded| app::dossiers::notices(&site.state, &seeded.dossier, None))
            .collect()
    });
    assert!(!messages.is_empty());
    for message in messages {
        assert!(!message.body.contains(EVIL), "{}", message.body);
        assert!(
            message.body.contains(&format!("{ORIGIN}/tra-cuu?ma=")),
            "{}",
            message.body
        );
    }
}
