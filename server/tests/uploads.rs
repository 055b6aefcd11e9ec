//! Documents through the real router: a picture bomb is refused from its header, a form may
//! carry one file per document input, and staff receive citizens' files as sandboxed downloads.

mod common;

use app::staff::Role;
use app::staff::accounts::{self, AccountForm};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::office::{OFFICE_A, signed_in};
use common::{Answer, HOST, ORIGIN, Site, site};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

const BOUNDARY: &str = "mot-cua-test-boundary";

/// A death registration's draft: its "giấy báo tử" step asks for a photo (`gbt-anh`).
async fn death_registration(site: &Site) -> String {
    let answer = site
        .post_form("/api/bat-dau", "thu_tuc=khai-tu", None)
        .await;
    assert_eq!(answer.status, StatusCode::FOUND, "{}", answer.body);
    answer.cookie().expect("a draft cookie")
}

/// A multipart body: text fields, then files (input name, file name, bytes).
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; \
                 filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post_files(site: &Site, cookie: &str, body: Vec<u8>) -> Answer {
    post_files_from(site, cookie, body, [127, 0, 0, 1]).await
}

/// The same, from a browser at `client`.
async fn post_files_from(site: &Site, cookie: &str, body: Vec<u8>, client: [u8; 4]) -> Answer {
    let request = Request::post(app::paths::UPLOAD_URL)
        .extension(ConnectInfo(SocketAddr::from((client, 40000))))
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT, "text/html")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    Answer::read(site.send(request).await).await
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::new_luma8(width, height)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

#[tokio::test]
async fn a_picture_bomb_is_refused_from_its_header_with_a_plain_message() {
    let site = site().await;
    let cookie = death_registration(&site).await;
    // 144 million pixels of zeros: about 140 KB sent, 144 MB or more if decoded.
    let bomb = png(12_000, 12_000);
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let body = multipart(
        &[("buoc", "giay-bao-tu"), ("a[gbt-so]", "123")],
        &[("a[gbt-anh]", "anh.png", &bomb)],
    );
    let started = Instant::now();
    let answer = post_files(&site, &cookie, body).await;
    let took = started.elapsed();
    assert!(took < Duration::from_millis(500), "took {took:?}");
    assert!(answer.status.is_redirection(), "{}", answer.status);
    let step = answer.location().expect("back to the step").to_string();
    let page = site.get(&step, Some(&cookie)).await;
    let message = common::vietnamese("rule.file_pixels");
    assert!(page.body.contains(&message), "{}", page.body);
    // What was typed beside it is kept.
    assert!(page.body.contains("value=\"123\""), "{}", page.body);
}

#[tokio::test]
async fn a_second_file_for_one_document_is_refused_unread() {
    let site = site().await;
    let cookie = death_registration(&site).await;
    let photo = png(20, 20);
    let body = multipart(
        &[("buoc", "giay-bao-tu")],
        &[
            ("a[gbt-anh]", "mot.png", &photo),
            ("a[gbt-anh]", "hai.png", &photo),
        ],
    );
    // Refused as a form our pages never send: the "not sent" page says so; nothing is kept.
    let not_sent = |answer: &Answer| {
        answer
            .location()
            .is_some_and(|to| to.starts_with(app::paths::NOT_SENT_URL))
    };
    let answer = post_files(&site, &cookie, body).await;
    assert!(
        not_sent(&answer),
        "{} {:?}",
        answer.status,
        answer.location()
    );
    // A file part that names no document input is refused too.
    let body = multipart(&[("buoc", "giay-bao-tu")], &[("khac", "x.png", &photo)]);
    let answer = post_files(&site, &cookie, body).await;
    assert!(
        not_sent(&answer),
        "{} {:?}",
        answer.status,
        answer.location()
    );
    let page = site.get("/ho-so/buoc/giay-bao-tu", Some(&cookie)).await;
    assert!(!page.body.contains("mot.png"), "{}", page.body);
}

#[tokio::test]
async fn staff_receive_a_citizens_document_as_a_sandboxed_download() {
    let site = site().await;
    let today = chrono::Utc::now().date_naive();
    let calendar = domain::working_days::Calendar::from_toml(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/calendar/holidays.toml"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut seeded = app::backoffice::seed::generate(&site.catalog, &calendar, 1, 7, today, 1);
    let office = "UBND phường Tân An";
    let dossier = &mut seeded[0].dossier;
    dossier.office = office.into();
    dossier
        .answers
        .insert("anh".into(), "abcdef.pdf/giay.pdf".into());
    let (code, draft_id) = (dossier.code.clone(), dossier.draft_id.clone());
    app::backoffice::seed::insert(&site.db, &seeded)
        .await
        .unwrap();
    site.state
        .documents
        .put(
            &draft_id,
            "abcdef.pdf",
            "application/pdf",
            b"%PDF-1.4\n%%EOF\n",
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    accounts::create(
        &site.db,
        &AccountForm {
            username: "lan".into(),
            name: "Trần Thị Lan".into(),
            office: office.into(),
            role: Role::Clerk,
            password: "bàn số 3 quầy một cửa".into(),
        },
        accounts::Existing::Refuse,
        None,
        "test",
    )
    .await
    .unwrap();
    let login = site
        .post_form(
            "/api/can-bo/dang-nhap",
            "ten=lan&mat_khau=b%C3%A0n%20s%E1%BB%91%203%20qu%E1%BA%A7y%20m%E1%BB%99t%20c%E1%BB%ADa&tiep=",
            None,
        )
        .await;
    let session = login
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("mc_can_bo=") && !value.starts_with("mc_can_bo=;"))
        .and_then(|value| value.split(';').next())
        .expect("signed in")
        .to_string();
    let path = format!("{}{code}/abcdef.pdf", app::paths::STAFF_DOWNLOAD_PREFIX);
    let answer = common::office::get_from(&site, &path, &session, [203, 0, 113, 7]).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let disposition = answer.header("content-disposition").unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert_eq!(answer.header("content-security-policy"), Some("sandbox"));
    // Written in the audit log: who, which dossier and document, from where.
    let logged = common::office::logged(&site, app::audit::DOWNLOAD_DOCUMENT).await;
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(
        (logged[0].subject.as_str(), logged[0].detail.as_str()),
        (code.as_str(), "abcdef.pdf")
    );
    assert_eq!(logged[0].client, "203.0.113.7");
    let staff_id: String = sqlx::query_scalar("SELECT id FROM staff WHERE username = 'lan'")
        .fetch_one(&site.db.pool)
        .await
        .unwrap();
    assert_eq!(logged[0].staff_id, staff_id);
}

/// A request's status and raw body (a document is bytes, not text).
async fn download(site: &Site, path: &str, cookie: &str) -> (StatusCode, Vec<u8>) {
    let request = Request::get(path)
        .header(header::HOST, HOST)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let response = site.send(request).await;
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, body.to_vec())
}

/// Issue 17: a citizen filed on server A; a clerk signed in on server B got 404 for the photo.
#[tokio::test]
async fn a_document_sent_to_one_server_is_opened_on_another() {
    let a = site().await;
    let b = a.another_server().await;
    // A death registration on server A, with a photo of the death notice.
    let cookie = death_registration(&a).await;
    let photo = png(40, 30);
    let body = multipart(
        &[("buoc", "giay-bao-tu")],
        &[("a[gbt-anh]", "giay bao tu.png", &photo)],
    );
    let answer = post_files(&a, &cookie, body).await;
    assert!(answer.status.is_redirection(), "{}", answer.status);
    let code = cookie.trim_start_matches("mc_ho_so=");
    let draft = app::drafts::store::draft_by_code(&a.db, code)
        .await
        .unwrap()
        .unwrap();
    let (stored, shown) = draft.answers["gbt-anh"].split_once('/').unwrap();
    assert_eq!(shown, "giay bao tu.png");

    // The citizen's next request reaches server B: the photo is there.
    let own = format!("{}{stored}", app::paths::DOWNLOAD_PREFIX);
    assert_eq!(
        download(&b, &own, &cookie).await,
        (StatusCode::OK, photo.clone())
    );

    // Submitted, and opened by a clerk signed in on server B.
    let now = chrono::Utc::now();
    let dossier_code = app::random::dossier_code("KT", &now.format("%y%m%d").to_string());
    app::dossiers::store::submit(
        &a.db,
        &draft,
        app::dossiers::store::NewDossier {
            code: dossier_code.clone(),
            office: OFFICE_A.into(),
            answers: draft.answers.clone(),
            submitted_at: now,
            due_date: now.date_naive() + chrono::Duration::days(3),
            messages: Vec::new(),
        },
    )
    .await
    .unwrap();
    let clerk = signed_in(&b, "lan", Role::Clerk, OFFICE_A).await;
    let staff = format!(
        "{}{dossier_code}/{stored}",
        app::paths::STAFF_DOWNLOAD_PREFIX
    );
    assert_eq!(download(&b, &staff, &clerk).await, (StatusCode::OK, photo));
}

/// The 30 MB of a dossier count what every server received.
#[tokio::test]
async fn a_full_dossier_is_full_on_every_server() {
    let a = site().await;
    let b = a.another_server().await;
    let cookie = death_registration(&a).await;
    let code = cookie.trim_start_matches("mc_ho_so=");
    let draft = app::drafts::store::draft_by_code(&a.db, code)
        .await
        .unwrap()
        .unwrap();
    // Three scans of 10 MB, sent to server A.
    let scan = vec![b'%'; 10 * 1024 * 1024];
    for n in 0..3 {
        a.state
            .documents
            .put(
                &draft.id,
                &format!("scan{n}abcdefghij.pdf"),
                "application/pdf",
                &scan,
                chrono::Utc::now(),
            )
            .await
            .unwrap();
    }
    let body = multipart(
        &[("buoc", "giay-bao-tu")],
        &[("a[gbt-anh]", "anh.png", &png(20, 20))],
    );
    let answer = post_files(&b, &cookie, body).await;
    let step = answer.location().expect("back to the step").to_string();
    let page = b.get(&step, Some(&cookie)).await;
    assert!(
        page.body.contains(&common::vietnamese("rule.file_total")),
        "{}",
        page.body
    );
}

/// A document is kept before the answer naming it: when it cannot be kept, no answer names it.
#[tokio::test]
async fn no_answer_names_a_document_the_store_could_not_keep() {
    let site = site().await;
    let cookie = death_registration(&site).await;
    // The store fails (here: its table is gone).
    sqlx::query("DROP TABLE document_chunks")
        .execute(&site.db.pool)
        .await
        .unwrap();
    let body = multipart(
        &[("buoc", "giay-bao-tu")],
        &[("a[gbt-anh]", "anh.png", &png(20, 20))],
    );
    post_files(&site, &cookie, body).await;
    let code = cookie.trim_start_matches("mc_ho_so=");
    let draft = app::drafts::store::draft_by_code(&site.db, code)
        .await
        .unwrap()
        .unwrap();
    assert!(
        !draft.answers.contains_key("gbt-anh"),
        "{:?}",
        draft.answers
    );
    let documents: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM documents")
        .fetch_one(&site.db.pool)
        .await
        .unwrap();
    assert_eq!(documents, 0, "a document without its bytes");
}

/// Whether the step, after `answer`, shows the message `key` as an error (every message is in
/// the page's data for the browser's own checks, so only one shown as a text counts).
async fn says(site: &Site, cookie: &str, answer: &Answer, key: &str) -> bool {
    let step = answer.location().expect("back to the step").to_string();
    let page = site.get(&step, Some(cookie)).await;
    page.body
        .contains(&format!(">{}<", common::vietnamese(key)))
}

/// A dossier that is nearly full refuses a picture bomb as full, before its header is even read
/// (were the picture checked first, the step would speak of its pixels).
#[tokio::test]
async fn a_nearly_full_dossier_refuses_a_picture_bomb_before_reading_it() {
    let site = site().await;
    let cookie = death_registration(&site).await;
    let code = cookie.trim_start_matches("mc_ho_so=");
    let draft = app::drafts::store::draft_by_code(&site.db, code)
        .await
        .unwrap()
        .unwrap();
    let full = app::intake::MAX_DOSSIER_BYTES - 50 * 1024;
    let scan = vec![b'%'; full as usize];
    site.state
        .documents
        .put(
            &draft.id,
            "scanabcdefghij.pdf",
            "application/pdf",
            &scan,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let bomb = png(12_000, 12_000);
    assert!(bomb.len() > 50 * 1024, "{} bytes", bomb.len());
    let body = multipart(
        &[("buoc", "giay-bao-tu")],
        &[("a[gbt-anh]", "anh.png", &bomb)],
    );
    let answer = post_files(&site, &cookie, body).await;
    assert!(says(&site, &cookie, &answer, "rule.file_total").await);
    assert!(!says(&site, &cookie, &answer, "rule.file_pixels").await);
}

/// A client that sent more documents today than any family has is refused more, with the
/// message for a full dossier; another client is not held back.
#[tokio::test]
async fn a_client_that_sent_its_days_bytes_is_refused_more_and_others_are_not() {
    let site = site().await;
    let heavy = [203, 0, 113, 7];
    let allowance = &app::limits::UPLOAD_BYTES_PER_CLIENT;
    let spent = app::limits::take(
        &site.db,
        allowance,
        &app::limits::daily_key("203.0.113.7"),
        allowance.per_day() - 10,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    assert!(spent);
    let photo = png(40, 30);
    assert!(photo.len() > 10);
    let send = |cookie: String| {
        let body = multipart(
            &[("buoc", "giay-bao-tu")],
            &[("a[gbt-anh]", "anh.png", &photo)],
        );
        (cookie, body)
    };
    let (cookie, body) = send(death_registration(&site).await);
    let answer = post_files_from(&site, &cookie, body, heavy).await;
    assert!(says(&site, &cookie, &answer, "rule.file_total").await);
    let (other, body) = send(death_registration(&site).await);
    let answer = post_files_from(&site, &other, body, [198, 51, 100, 9]).await;
    assert!(!says(&site, &other, &answer, "rule.file_total").await);
    let code = other.trim_start_matches("mc_ho_so=");
    let draft = app::drafts::store::draft_by_code(&site.db, code)
        .await
        .unwrap()
        .unwrap();
    assert!(
        draft.answers["gbt-anh"].ends_with("/anh.png"),
        "{:?}",
        draft.answers
    );
}
