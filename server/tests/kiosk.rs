//! Kiosk mode through the real router: enrolment by a one-time link, the kiosk bar, and the
//! reset that leaves nothing of the citizen in the browser.

mod common;

use app::kiosk::rules::{Paper, Timings};
use app::kiosk::store::{self, NewKiosk};
use app::staff::Role;
use axum::http::StatusCode;
use chrono::Utc;
use common::{Answer, Site, site};

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

/// Every Set-Cookie of an answer.
fn set_cookies(answer: &Answer) -> Vec<&str> {
    answer
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect()
}

/// A browser enrolled as a kiosk: its cookie, as a `Cookie` header value, and the kiosk's id.
async fn enrolled(site: &Site) -> (String, String) {
    let (kiosk, code) = store::create(&site.db, &lobby(), Utc::now()).await.unwrap();
    let (_, token) = store::enrol(&site.db, &code, Utc::now())
        .await
        .unwrap()
        .unwrap();
    (format!("mc_kiosk={token}"), kiosk.id)
}

/// A counter clerk's account, and the form that signs them in.
async fn clerk(site: &Site) -> String {
    common::office::account(site, "lan", "Trần Thị Lan", Role::Counter, OFFICE).await;
    common::office::sign_in_form("lan")
}

/// The staff session cookie an answer sets, as a `Cookie` header value.
fn staff_cookie(answer: &Answer) -> Option<String> {
    set_cookies(answer)
        .into_iter()
        .find(|value| value.starts_with("mc_can_bo=") && !value.starts_with("mc_can_bo=;"))
        .map(|value| value.split(';').next().unwrap().to_string())
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

    // Opened where a staff member is signed in: that session ends, on the server too.
    let login = site
        .post_form("/api/can-bo/dang-nhap", &clerk(&site).await, None)
        .await;
    let staff = staff_cookie(&login).expect("signed in");
    let enrolled = site
        .post_form("/api/kiosk/dang-ky", &format!("ma={code}"), Some(&staff))
        .await;
    assert_eq!(enrolled.status, StatusCode::FOUND, "{}", enrolled.body);
    assert_eq!(enrolled.location(), Some("/kiosk"));
    assert_eq!(site.count("staff_sessions").await, 0);
    assert!(
        set_cookies(&enrolled)
            .iter()
            .any(|value| value.starts_with("mc_can_bo=;") && value.contains("Max-Age=0"))
    );
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
async fn on_a_kiosk_forms_remember_nothing_and_the_reset_leaves_nothing_of_anyone() {
    let site = site().await;
    let (kiosk_cookie, kiosk_id) = enrolled(&site).await;
    // A staff session open in this browser (one from before it became a kiosk).
    let login = site
        .post_form("/api/can-bo/dang-nhap", &clerk(&site).await, None)
        .await;
    let staff = staff_cookie(&login).expect("signed in on a counter computer");
    let started = site
        .post_form("/api/bat-dau", "thu_tuc=khai-sinh", Some(&kiosk_cookie))
        .await;
    let draft_cookie = started.cookie().expect("a draft cookie");
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

    let everything = format!("{both}; {staff}; mc_ngon_ngu=en");
    let reset = site
        .post_form("/api/kiosk/ket-thuc", "", Some(&everything))
        .await;
    assert_eq!(reset.status, StatusCode::FOUND, "{}", reset.body);
    assert_eq!(reset.location(), Some("/kiosk"));
    assert_eq!(
        reset.header("clear-site-data"),
        Some(r#""cache", "storage""#)
    );
    assert_eq!(reset.header("cache-control"), Some("no-store"));
    // Every cookie but the kiosk's expires: the draft's, the staff session's, the language.
    let expired = set_cookies(&reset);
    for name in ["mc_ho_so", "mc_can_bo", "mc_ngon_ngu"] {
        assert!(
            expired
                .iter()
                .any(|value| value.starts_with(&format!("{name}=;")) && value.contains("Max-Age=0")),
            "{name}: {expired:?}"
        );
    }
    assert!(!expired.iter().any(|value| value.starts_with("mc_kiosk=")));

    // On the server: the staff session is over, in the audit log too.
    assert_eq!(site.count("staff_sessions").await, 0);
    let staff_home = site.get("/can-bo", Some(&staff)).await;
    assert_eq!(staff_home.status, StatusCode::FOUND);
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'logout' AND subject = 'lan'",
    )
    .fetch_one(&site.db.pool)
    .await
    .unwrap();
    assert_eq!(logged, 1);
    // And so is the draft's session: a browser that kept the cookie opens nothing on the kiosk.
    let kept = site.get("/ho-so/buoc/co-quan", Some(&both)).await;
    assert!(
        kept.body.contains("Không tìm thấy hồ sơ đang khai"),
        "{}",
        kept.body
    );
    // The draft itself stays: its code opens it on the citizen's phone, and on the kiosk again.
    let phone = site.get("/ho-so/buoc/co-quan", Some(&draft_cookie)).await;
    assert!(
        !phone.body.contains("Không tìm thấy hồ sơ đang khai"),
        "{}",
        phone.body
    );
    let code = draft_cookie.trim_start_matches("mc_ho_so=");
    let resumed = site
        .post_form("/api/tiep-tuc", &format!("ma={code}"), Some(&kiosk_cookie))
        .await;
    assert_eq!(resumed.status, StatusCode::FOUND, "{}", resumed.body);
    let again = resumed.cookie().expect("the draft again");
    let reopened = site
        .get(
            "/ho-so/buoc/co-quan",
            Some(&format!("{kiosk_cookie}; {again}")),
        )
        .await;
    assert!(
        !reopened.body.contains("Không tìm thấy hồ sơ đang khai"),
        "{}",
        reopened.body
    );

    // A revoked kiosk is an ordinary browser again.
    store::revoke(&site.db, &kiosk_id, Utc::now())
        .await
        .unwrap();
    let after = site.get("/ho-so/buoc/co-quan", Some(&both)).await;
    assert!(!after.body.contains("kiosk-bar"), "{}", after.body);
}

#[tokio::test]
async fn a_draft_cookie_on_a_kiosk_lasts_only_while_the_browser_is_open() {
    let site = site().await;
    let (kiosk_cookie, _) = enrolled(&site).await;
    let draft_cookie = |answer: &Answer| {
        set_cookies(answer)
            .into_iter()
            .find(|value| value.starts_with("mc_ho_so="))
            .map(str::to_string)
            .expect("a draft cookie")
    };
    let on_kiosk = site
        .post_form("/api/bat-dau", "thu_tuc=khai-sinh", Some(&kiosk_cookie))
        .await;
    let set = draft_cookie(&on_kiosk);
    assert!(
        !set.contains("Max-Age") && !set.contains("Expires"),
        "{set}"
    );
    let code = set
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("mc_ho_so=");
    let resumed = site
        .post_form("/api/tiep-tuc", &format!("ma={code}"), Some(&kiosk_cookie))
        .await;
    let set = draft_cookie(&resumed);
    assert!(
        !set.contains("Max-Age") && !set.contains("Expires"),
        "{set}"
    );
    // Elsewhere it is kept as long as the draft.
    let at_home = site
        .post_form("/api/bat-dau", "thu_tuc=khai-sinh", None)
        .await;
    assert!(draft_cookie(&at_home).contains("Max-Age=2592000"));
}

#[tokio::test]
async fn staff_cannot_sign_in_on_a_kiosk_and_are_told_why() {
    let site = site().await;
    let (kiosk_cookie, kiosk_id) = enrolled(&site).await;
    let form = clerk(&site).await;
    let refused = site
        .post_form("/api/can-bo/dang-nhap", &form, Some(&kiosk_cookie))
        .await;
    assert_eq!(refused.status, StatusCode::FOUND, "{}", refused.body);
    let page = refused.location().expect("back to the login page");
    assert!(page.starts_with("/can-bo/dang-nhap?loi=kiosk"), "{page}");
    assert!(
        !set_cookies(&refused)
            .iter()
            .any(|value| value.starts_with("mc_can_bo=")),
        "{:?}",
        set_cookies(&refused)
    );
    assert_eq!(site.count("staff_sessions").await, 0);
    let shown = site.get(page, Some(&kiosk_cookie)).await;
    assert!(
        shown.body.contains("cán bộ không đăng nhập trên máy này"),
        "{}",
        shown.body
    );
    let english = site
        .get(page, Some(&format!("{kiosk_cookie}; mc_ngon_ngu=en")))
        .await;
    assert!(
        english.body.contains("staff cannot sign in on it"),
        "{}",
        english.body
    );
    // On a counter computer, and once the kiosk is revoked, the same form signs in.
    store::revoke(&site.db, &kiosk_id, Utc::now())
        .await
        .unwrap();
    let signed_in = site
        .post_form("/api/can-bo/dang-nhap", &form, Some(&kiosk_cookie))
        .await;
    assert!(
        staff_cookie(&signed_in).is_some(),
        "{:?}",
        signed_in.location()
    );
}

#[tokio::test]
async fn a_kiosk_never_opens_or_downloads_a_document() {
    let site = site().await;
    let (kiosk_cookie, _) = enrolled(&site).await;
    let started = site
        .post_form("/api/bat-dau", "thu_tuc=khai-tu", Some(&kiosk_cookie))
        .await;
    let draft_cookie = started.cookie().expect("a draft cookie");
    // A photo of the death notice, as an upload leaves it.
    let code = draft_cookie.trim_start_matches("mc_ho_so=");
    let draft = app::drafts::store::draft_by_code(&site.db, code)
        .await
        .unwrap()
        .unwrap();
    let mut answers = draft.answers.clone();
    answers.insert("gbt-anh".into(), "abcdefghij.png/giay bao tu.png".into());
    app::drafts::store::save_answers(&site.db, &draft, &answers, Utc::now())
        .await
        .unwrap();
    site.state
        .documents
        .put(
            &draft.id,
            "abcdefghij.png",
            "image/png",
            b"\x89PNG\r\n\x1a\n",
            Utc::now(),
        )
        .await
        .unwrap();
    let document = format!("{}abcdefghij.png", app::paths::DOWNLOAD_PREFIX);
    let both = format!("{kiosk_cookie}; {draft_cookie}");

    // The check page names the file, with no link to it.
    let check = site.get(app::paths::CHECK_URL, Some(&both)).await;
    assert!(check.body.contains("giay bao tu.png"), "{}", check.body);
    assert!(!check.body.contains(&document), "{}", check.body);
    // The address typed by hand: refused, in the reader's language, never an attachment.
    let asked = site.get(&document, Some(&both)).await;
    assert_eq!(asked.status, StatusCode::FORBIDDEN);
    assert!(asked.header("content-disposition").is_none());
    assert!(asked.body.contains("Kiosk không mở"), "{}", asked.body);
    let english = site
        .get(&document, Some(&format!("{both}; mc_ngon_ngu=en")))
        .await;
    assert!(
        english.body.contains("A kiosk does not open"),
        "{}",
        english.body
    );

    // The same draft at home: the link, and the document as a download.
    let home = site.get(app::paths::CHECK_URL, Some(&draft_cookie)).await;
    assert!(home.body.contains(&document), "{}", home.body);
    let downloaded = site.get(&document, Some(&draft_cookie)).await;
    assert_eq!(downloaded.status, StatusCode::OK, "{}", downloaded.body);
    let disposition = downloaded.header("content-disposition").unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
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

#[tokio::test]
async fn a_dossier_submitted_on_a_kiosk_says_so_on_its_lookup_and_counts_as_the_kiosk_s() {
    let site = site().await;
    let (kiosk_cookie, _) = enrolled(&site).await;
    // The demo citizen's draft, opened on the kiosk with its code and submitted there.
    let code = app::filing::demo::seed(&site.state).await.unwrap().unwrap();
    let resumed = site
        .post_form("/api/tiep-tuc", &format!("ma={code}"), Some(&kiosk_cookie))
        .await;
    let both = format!(
        "{kiosk_cookie}; {}",
        resumed.cookie().expect("the draft on the kiosk")
    );
    let submitted = site.post_form("/api/nop-ho-so", "", Some(&both)).await;
    assert_eq!(
        submitted.location(),
        Some(app::paths::RECEIPT_URL),
        "{}",
        submitted.body
    );
    let receipt = site.get(app::paths::RECEIPT_URL, Some(&both)).await;
    assert!(
        receipt.body.contains("Nộp tại ki-ốt của cơ quan."),
        "{}",
        receipt.body
    );
    let draft = app::drafts::store::draft_by_code(&site.db, &code)
        .await
        .unwrap()
        .unwrap();
    let dossier = app::dossiers::store::dossier(&site.db, &draft.dossier_code.unwrap())
        .await
        .unwrap()
        .unwrap();
    let lookup = site.get(&app::dossiers::status_path(&dossier), None).await;
    assert!(lookup.body.contains("Nộp tại ki-ốt của cơ quan."));
    assert!(!lookup.body.contains("Nộp với sự giúp đỡ"));
    let channels = app::assist::helped::channels_since(
        &site.db,
        &dossier.office,
        Utc::now() - chrono::Duration::days(1),
    )
    .await
    .unwrap();
    assert_eq!(channels.len(), 1);
    assert_eq!(channels[0].1, app::assist::helped::Channel::Kiosk);

    // The same draft's code on an ordinary phone: no kiosk recorded for a citizen's own.
    let own = app::filing::demo::seed(&site.state).await.unwrap().unwrap();
    let mine = site
        .post_form("/api/tiep-tuc", &format!("ma={own}"), None)
        .await
        .cookie()
        .expect("the draft");
    site.post_form("/api/nop-ho-so", "", Some(&mine)).await;
    let receipt = site.get(app::paths::RECEIPT_URL, Some(&mine)).await;
    assert!(receipt.body.contains("dossier-code"), "{}", receipt.body);
    assert!(
        !receipt.body.contains("ki-ốt của cơ quan"),
        "{}",
        receipt.body
    );
    assert_eq!(site.count("kiosk_dossiers").await, 1);
}

#[tokio::test]
async fn a_kiosk_page_tells_the_navigation_script_to_keep_nothing_in_the_browser() {
    let site = site().await;
    let (kiosk, _) = enrolled(&site).await;
    let phone = site.get("/", None).await;
    let hall = site.get("/kiosk", Some(&kiosk)).await;
    for page in [&phone, &hall] {
        assert!(
            page.body.contains("src=\"/dieu-huong.js\""),
            "{}",
            page.body
        );
    }
    // A phone keeps unsent answers (and says so); a kiosk, shared by strangers, never does.
    assert!(!phone.body.contains("data-kiosk"));
    assert!(phone.body.contains("được giữ trên điện thoại này"));
    assert!(hall.body.contains("data-kiosk"));
    assert!(!hall.body.contains("điện thoại này"));
    assert!(hall.body.contains("vẫn còn trên trang này"));
}

#[tokio::test]
async fn an_enrolment_code_that_cannot_stand_in_an_address_is_refused_plainly() {
    let site = site().await;
    // Typed or sent with characters no address may hold (a NUL, a direction mark): the
    // answer is the link's "spent or unknown" page, never a crash.
    let answer = site
        .post_form("/api/kiosk/dang-ky", "ma=%E2%80%AENi%C3%AA%00", None)
        .await;
    assert!(answer.status.is_redirection(), "{}", answer.status);
    let to = answer.location().expect("where the answer leads");
    assert!(
        to.starts_with(&format!("{}?ma=", app::kiosk::ENROL_URL)),
        "{to}"
    );
    assert!(to.ends_with("&loi=1"), "{to}");
    let page = site.get(to, None).await;
    assert_eq!(page.status, StatusCode::OK);
}
