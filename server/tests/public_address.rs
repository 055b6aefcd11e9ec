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

/// The office's public address, while requests reach the server as `motcua.test` (a host the
/// allow-list admits, as behind a proxy that keeps the internal name).
const PUBLIC: &str = "https://motcua.daklak.gov.vn";

#[tokio::test]
async fn qr_codes_and_kiosk_links_carry_the_public_address_whatever_host_was_asked() {
    let site = common::site_at(
        PUBLIC,
        server::security_headers::SecurityHeaders { hsts: false },
    )
    .await;
    // As the same page would draw them from the address the request named.
    let mut asked = site.state.clone();
    asked.public_url = ORIGIN.into();

    // The resume code's page and the receipt: their QR codes lead to the public address.
    let code = app::filing::demo::seed(&site.state).await.unwrap().unwrap();
    let cookie = site
        .post_form("/api/tiep-tuc", &format!("ma={code}"), None)
        .await
        .cookie()
        .expect("the draft");
    let grouped = domain::resume_code::grouped(&code);
    let resume = format!("/?ma={grouped}#tiep-tuc");
    let page = site.get(app::paths::CODE_URL, Some(&cookie)).await;
    assert!(
        page.body
            .contains(&app::web::qr_of_page(&site.state, &resume))
    );
    assert!(!page.body.contains(&app::web::qr_of_page(&asked, &resume)));

    let submitted = site.post_form("/api/nop-ho-so", "", Some(&cookie)).await;
    assert_eq!(submitted.location(), Some(app::paths::RECEIPT_URL));
    let receipt = site.get(app::paths::RECEIPT_URL, Some(&cookie)).await;
    let draft = app::drafts::store::draft_by_code(&site.db, &code)
        .await
        .unwrap()
        .unwrap();
    let dossier = common::office::now(&site, &draft.dossier_code.unwrap()).await;
    let lookup = app::dossiers::status_path(&dossier);
    assert!(
        receipt
            .body
            .contains(&app::web::qr_of_page(&site.state, &lookup))
    );
    assert!(
        !receipt
            .body
            .contains(&app::web::qr_of_page(&asked, &lookup))
    );

    // A kiosk's one-time enrolment link, as the admin page shows it to be opened on the kiosk.
    let admin = common::office::signed_in(
        &site,
        "quan.tri",
        app::staff::Role::Admin,
        common::office::OFFICE_A,
    )
    .await;
    let made = site
        .post_form(
            "/api/can-bo/kiosk/tao",
            &format!(
                "co_quan={}&ten=Kiosk&cho=120&dem_nguoc=30&giay=a4",
                app::paths::query_value(common::office::OFFICE_A)
            ),
            Some(&admin),
        )
        .await;
    let to = made.location().expect("back to the admin page").to_string();
    let page = site.get(&to, Some(&admin)).await;
    let enrol = format!("{PUBLIC}{}?ma=", app::kiosk::ENROL_URL);
    assert!(page.body.contains(&enrol), "{to}: {}", page.body);
    assert!(
        !page.body.contains(&format!("{ORIGIN}/kiosk")),
        "{}",
        page.body
    );
}
