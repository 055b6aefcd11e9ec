//! Staff and dossiers for the back-office tests: accounts signed in, dossiers of an office
//! waiting to be received, requests from a given client address, the audit log as rows.

use super::{Answer, HOST, ORIGIN, Site};
use app::dossiers::store::Dossier;
use app::staff::Role;
use app::staff::accounts::{self, AccountForm};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use std::net::SocketAddr;

pub const PASSWORD: &str = "bàn số 3 quầy một cửa";
pub const OFFICE_A: &str = "UBND phường Tân An";
pub const OFFICE_B: &str = "UBND phường Ea Kao";

/// A staff account named `name`, with the password `PASSWORD`.
pub async fn account(site: &Site, username: &str, name: &str, role: Role, office: &str) {
    accounts::create(
        &site.db,
        &AccountForm {
            username: username.into(),
            name: name.into(),
            office: office.into(),
            role,
            password: PASSWORD.into(),
        },
        accounts::Existing::Refuse,
        None,
        "test",
    )
    .await
    .unwrap();
}

/// The sign-in form of `username` with `PASSWORD`.
pub fn sign_in_form(username: &str) -> String {
    format!(
        "ten={}&mat_khau={}&tiep=",
        app::paths::query_value(username),
        app::paths::query_value(PASSWORD)
    )
}

/// A staff account of `office`, signed in: its session cookie.
pub async fn signed_in(site: &Site, username: &str, role: Role, office: &str) -> String {
    account(site, username, &format!("Cán bộ {username}"), role, office).await;
    let answer = site
        .post_form("/api/can-bo/dang-nhap", &sign_in_form(username), None)
        .await;
    answer
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("mc_can_bo=") && !value.starts_with("mc_can_bo=;"))
        .and_then(|value| value.split(';').next())
        .expect("signed in")
        .to_string()
}

/// `count` dossiers of `office` just submitted, waiting to be received (generated from
/// `seed`, each with its own applicant).
pub async fn submitted(site: &Site, office: &str, count: usize, seed: u64) -> Vec<Dossier> {
    let today = chrono::Utc::now().date_naive();
    let mut seeded =
        app::backoffice::seed::generate(&site.catalog, &site.state.calendar, count, seed, today, 1);
    for s in &mut seeded {
        let d = &mut s.dossier;
        d.office = office.into();
        d.status = domain::lifecycle::Status::Submitted;
        d.version = 1;
        (d.received_at, d.done_at, d.returned_at, d.due_at) = (None, None, None, None);
        (d.supplement_note, d.paused_on) = (None, None);
        (d.paused_days, d.supplements, d.apologies) = (0, 0, 0);
        d.first_due_date = d.due_date;
        s.events.clear();
        (s.rating, s.reception) = (None, None);
    }
    app::backoffice::seed::insert(&site.db, &seeded)
        .await
        .unwrap();
    seeded.into_iter().map(|s| s.dossier).collect()
}

/// A dossier as the store has it now.
pub async fn now(site: &Site, code: &str) -> Dossier {
    app::dossiers::store::dossier(&site.db, code)
        .await
        .unwrap()
        .expect("the dossier")
}

/// The applicant's name, as the queue and the dossier page show it.
pub fn applicant(site: &Site, dossier: &Dossier) -> String {
    let procedure = site
        .catalog
        .procedure_in(&dossier.procedure_id, app::prefs::Lang::Vi)
        .unwrap();
    dossier.answers[&procedure.applicant.name].clone()
}

/// A page asked for by a browser at `client`.
pub async fn get_from(site: &Site, path: &str, cookie: &str, client: [u8; 4]) -> Answer {
    let request = Request::get(path)
        .header(header::HOST, HOST)
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookie)
        .extension(ConnectInfo(SocketAddr::from((client, 40000))))
        .body(Body::empty())
        .unwrap();
    Answer::read(site.send(request).await).await
}

/// A dossier page's action form, posted as the browser does.
pub async fn act(site: &Site, cookie: &str, code: &str, version: i64, action: &str) -> Answer {
    let form = format!("ma={code}&phien_ban={version}&hanh_dong={action}&ghi_chu=L%C3%BD%20do");
    let request = Request::post("/api/can-bo/xu-ly")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(
            header::REFERER,
            format!("{ORIGIN}{}", app::backoffice::dossier_url(code)),
        )
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .body(Body::from(form))
        .unwrap();
    Answer::read(site.send(request).await).await
}

/// One row of the audit log.
#[derive(Debug, Clone)]
pub struct Logged {
    pub staff_id: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub client: String,
}

/// The audit log's rows of one action, oldest first.
pub async fn logged(site: &Site, action: &str) -> Vec<Logged> {
    use sqlx::Row;
    sqlx::query(
        "SELECT staff_id, action, subject, detail, client FROM audit_log WHERE action = $1
         ORDER BY at, id",
    )
    .bind(action)
    .fetch_all(&site.db.pool)
    .await
    .unwrap()
    .iter()
    .map(|row| Logged {
        staff_id: row.get("staff_id"),
        action: row.get("action"),
        subject: row.get("subject"),
        detail: row.get("detail"),
        client: row.get("client"),
    })
    .collect()
}

/// Where a refused page sends a signed-in staff member: the login page, saying why.
pub fn refused_to_login(answer: &Answer) -> bool {
    answer.status == StatusCode::FOUND
        && answer
            .location()
            .is_some_and(|to| to.starts_with("/can-bo/dang-nhap") && to.contains("loi=quyen"))
}

/// The helper's confirmation cookie a response set (`mc_xac_nhan_dt=TOKEN.CODE`).
pub fn phone_cookie(answer: &Answer) -> Option<String> {
    answer
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("mc_xac_nhan_dt="))
        .and_then(|value| value.split(';').next())
        .map(str::to_string)
}

/// The link the helper's check page shows under the QR code: `/xac-nhan/<token>`.
pub fn phone_link(check_page: &str) -> Option<String> {
    let start = check_page.find(&format!("{ORIGIN}/xac-nhan/"))? + ORIGIN.len();
    let rest = &check_page[start..];
    let end = rest.find('<')?;
    Some(rest[..end].to_string())
}

/// The helper (`helper`: staff and draft cookies) asks for a confirmation on the citizen's
/// phone; returns the phone's address, read from the helper's check page as the QR code holds it.
pub async fn ask_phone(site: &Site, helper: &str) -> String {
    let asked = site
        .post_form(app::paths::PHONE_ASK_URL, "", Some(helper))
        .await;
    assert_eq!(asked.status, StatusCode::FOUND, "{}", asked.body);
    let secrets = phone_cookie(&asked).expect("the helper's browser keeps the code");
    let check = site
        .get(app::paths::CHECK_URL, Some(&format!("{helper}; {secrets}")))
        .await;
    phone_link(&check.body).unwrap_or_else(|| panic!("no QR link: {}", check.body))
}

/// The citizen confirms on their own phone (no cookie), through the real pages.
pub async fn confirm_on_phone(site: &Site, helper: &str) {
    let link = ask_phone(site, helper).await;
    let page = site.get(&link, None).await;
    assert!(page.body.contains("Đúng, tôi xác nhận"), "{}", page.body);
    let secret = link.rsplit('/').next().unwrap();
    let answered = site
        .post_form(
            "/api/xac-nhan/tra-loi",
            &format!("ma={secret}&tra_loi=dung"),
            None,
        )
        .await;
    assert_eq!(
        answered.location(),
        Some("/xac-nhan?xong=dung"),
        "{}",
        answered.body
    );
}
