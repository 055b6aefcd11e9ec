//! Following a dossier by its code through the real router: a plain link (QR code, SMS, another
//! site's image) spends no guessing allowance, the lookup form does; writing on a dossier by its
//! code (a supplement, the rating) also needs the last digits of the ID number or phone; the
//! draft cookie shows the applicant's details on the receipt only for a while.

mod common;

use app::i18n::PageCatalog;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Answer, HOST, ORIGIN, Site, site};
use domain::lifecycle::Status;

/// The applicant's ID number and phone: asked as "2345" or "5678".
const ID_NUMBER: &str = "066090012345";
const PHONE: &str = "0912345678";

/// A birth registration by Nguyễn Văn An, stored as `status` says, under `code`; its draft's
/// resume code (the draft cookie) is returned.
async fn dossier(site: &Site, code: &str, status: Status, minutes_ago: i64) -> String {
    let today = chrono::Utc::now().date_naive();
    let mut seeded =
        app::backoffice::seed::generate(&site.catalog, &site.state.calendar, 1, 11, today, 1);
    let procedure = site.catalog.procedure("khai-sinh").unwrap();
    let resume_code = app::random::resume_code();
    let now = chrono::Utc::now();
    let seeded_one = &mut seeded[0];
    seeded_one.events.clear();
    seeded_one.rating = None;
    seeded_one.reception = None;
    let d = &mut seeded_one.dossier;
    d.code = code.into();
    d.draft_id = resume_code.clone();
    d.procedure_id = procedure.id.clone();
    d.answers = [
        (
            procedure.applicant.name.clone(),
            "Nguyễn Văn An".to_string(),
        ),
        (
            procedure.applicant.id_number.clone().unwrap(),
            ID_NUMBER.into(),
        ),
        (procedure.applicant.phone.clone().unwrap(), PHONE.into()),
    ]
    .into_iter()
    .collect();
    d.status = status;
    d.submitted_at = now - chrono::Duration::minutes(minutes_ago);
    d.received_at = None;
    d.due_at = None;
    d.done_at = (status == Status::ResultReturned).then_some(now);
    d.returned_at = (status == Status::ResultReturned).then_some(now);
    d.supplement_note = (status == Status::SupplementRequested)
        .then(|| "Thiếu bản sao giấy chứng sinh".to_string());
    d.paused_on = (status == Status::SupplementRequested).then_some(today);
    app::backoffice::seed::insert(&site.db, &seeded)
        .await
        .unwrap();
    resume_code
}

/// Every count of the guessing limits of lookups, added up.
async fn lookups_counted(site: &Site) -> i64 {
    sqlx::query_scalar::<_, i64>(
        "SELECT COALESCE(SUM(count), 0) FROM rate_limits WHERE key LIKE 'lookup:%'",
    )
    .fetch_one(&site.db.pool)
    .await
    .unwrap()
}

async fn stored(site: &Site, code: &str) -> app::dossiers::store::Dossier {
    app::dossiers::store::dossier(&site.db, code)
        .await
        .unwrap()
        .unwrap()
}

/// A code of the kind issued before (six random letters), and a new one.
const OLD_CODE: &str = "KS-250101-HXMPQR";
fn new_code() -> String {
    app::random::dossier_code("KS", "261124")
}

#[tokio::test]
async fn a_plain_link_spends_no_allowance_and_opens_only_a_code_too_long_to_guess() {
    let site = site().await;
    let long = new_code();
    dossier(&site, &long, Status::Submitted, 5).await;
    dossier(&site, OLD_CODE, Status::Submitted, 5).await;

    // What any page could make a browser ask for, an image among them.
    for path in [
        "/tra-cuu?ma=KS-000000-XXXXXX".to_string(),
        format!("/tra-cuu?ma={}", new_code()),
        "/tra-cuu/phieu?ma=KS-000000-XXXXXX&so=2".to_string(),
        format!("/tra-cuu?ma={long}"),
        format!("/tra-cuu?ma={OLD_CODE}"),
        format!("/tra-cuu?ma={OLD_CODE}&k=00000000000000000000000000000000"),
    ] {
        let page = site.get(&path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
    }
    assert_eq!(lookups_counted(&site).await, 0);

    // A new code opens from its QR code; an unknown one says so.
    let found = site.get(&format!("/tra-cuu?ma={long}"), None).await;
    assert!(found.body.contains("N. V. A."), "{}", found.body);
    let unknown = site.get(&format!("/tra-cuu?ma={}", new_code()), None).await;
    assert!(
        unknown.body.contains("Không tìm thấy hồ sơ"),
        "{}",
        unknown.body
    );
    // An old code is filled in, to press: whether it names a dossier or not, the page is alike.
    for code in [OLD_CODE, "KS-000000-XXXXXX"] {
        let page = site.get(&format!("/tra-cuu?ma={code}"), None).await;
        assert!(page.body.contains("Bấm “Tra cứu”"), "{}", page.body);
        assert!(!page.body.contains("N. V. A."), "{}", page.body);
        assert!(!page.body.contains("Không tìm thấy"), "{}", page.body);
        assert!(
            page.body.contains(&format!("value=\"{code}\"")),
            "{}",
            page.body
        );
    }
    // The form posts.
    assert!(
        found
            .body
            .contains(r#"method="post" action="/api/tra-cuu""#),
        "{}",
        found.body
    );
}

#[tokio::test]
async fn the_lookup_form_counts_unknown_codes_and_lands_on_the_status_page() {
    let site = site().await;
    dossier(&site, OLD_CODE, Status::Submitted, 5).await;

    let answer = site
        .post_form("/api/tra-cuu", "ma=ks-000000-xxxxxx", None)
        .await;
    assert_eq!(answer.status, StatusCode::FOUND);
    let location = answer.location().unwrap().to_string();
    assert_eq!(location, "/tra-cuu?ma=KS-000000-XXXXXX&loi=khong-thay");
    // This client's count and everyone's.
    assert_eq!(lookups_counted(&site).await, 2);
    let page = site.get(&location, None).await;
    assert!(page.body.contains("Không tìm thấy hồ sơ"), "{}", page.body);
    assert!(page.body.contains("value=\"KS-000000-XXXXXX\""));

    // A known code costs nothing and opens the status, an old one with its key.
    let answer = site
        .post_form(
            "/api/tra-cuu",
            &format!("ma={}", OLD_CODE.to_lowercase()),
            None,
        )
        .await;
    let location = answer.location().unwrap().to_string();
    assert!(
        location.starts_with(&format!("/tra-cuu?ma={OLD_CODE}&k=")),
        "{location}"
    );
    assert_eq!(lookups_counted(&site).await, 2);
    let page = site.get(&location, None).await;
    assert!(page.body.contains("N. V. A."), "{}", page.body);
    // The key is this dossier's: another one's opens nothing.
    let wrong = location.replace("&k=", "&k=0");
    let page = site.get(&wrong, None).await;
    assert!(!page.body.contains("N. V. A."), "{}", page.body);

    let long = new_code();
    dossier(&site, &long, Status::Submitted, 5).await;
    let answer = site
        .post_form("/api/tra-cuu", &format!("ma={long}"), None)
        .await;
    assert_eq!(
        answer.location(),
        Some(format!("/tra-cuu?ma={long}").as_str())
    );

    // After ten unknown codes, even a known one waits.
    for _ in 0..9 {
        site.post_form("/api/tra-cuu", "ma=KS-000000-XXXXXX", None)
            .await;
    }
    let answer = site
        .post_form("/api/tra-cuu", &format!("ma={long}"), None)
        .await;
    let location = answer.location().unwrap().to_string();
    assert!(location.ends_with("&loi=cho"), "{location}");
    let page = site.get(&location, None).await;
    assert!(page.body.contains("Hãy đợi vài phút"), "{}", page.body);
}

const BOUNDARY: &str = "mot-cua-lookup-boundary";

/// The supplement form as a browser sends it: the code, the digits typed, one photo.
async fn supply(site: &Site, code: &str, digits: Option<&str>) -> Answer {
    let mut body = Vec::new();
    let mut field = |name: &str, value: &str| {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    };
    field("ma", code);
    if let Some(digits) = digits {
        field("so_cuoi", digits);
    }
    let mut photo = Vec::new();
    image::DynamicImage::new_luma8(20, 20)
        .write_to(
            &mut std::io::Cursor::new(&mut photo),
            image::ImageFormat::Png,
        )
        .unwrap();
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"tep\"; \
             filename=\"giay-chung-sinh.png\"\r\nContent-Type: image/png\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(&photo);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let request = Request::post(app::paths::SUPPLEMENT_URL)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT, "text/html")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap();
    Answer::read(site.send(request).await).await
}

#[tokio::test]
async fn a_supplement_needs_the_last_digits_as_well_as_the_code() {
    let site = site().await;
    let code = new_code();
    dossier(&site, &code, Status::SupplementRequested, 60 * 24).await;
    let before = stored(&site, &code).await;

    // The code alone: refused, saying why, and nothing changes.
    let answer = supply(&site, &code, None).await;
    let location = answer.location().unwrap().to_string();
    assert_eq!(location, format!("/tra-cuu?ma={code}&tb=so-cuoi-tep"));
    let page = site.get(&location, None).await;
    assert!(page.body.contains("4 số cuối chưa đúng"), "{}", page.body);
    assert!(page.body.contains("field field--error"), "{}", page.body);
    assert_eq!(stored(&site, &code).await, before);
    // A forgotten field is no guess.
    assert_eq!(lookups_counted(&site).await, 0);

    // Wrong digits: refused and counted like an unknown code.
    let answer = supply(&site, &code, Some("1234")).await;
    assert_eq!(answer.location(), Some(location.as_str()));
    assert_eq!(stored(&site, &code).await, before);
    assert_eq!(lookups_counted(&site).await, 2);

    // The last digits of the ID number: the dossier goes back to the office.
    let answer = supply(&site, &code, Some(" 23 45 ")).await;
    assert_eq!(
        answer.location(),
        Some(format!("/tra-cuu?ma={code}&tb=da-bo-sung").as_str())
    );
    let after = stored(&site, &code).await;
    assert_eq!(after.status, Status::Processing);
    assert!(
        after
            .answers
            .values()
            .any(|answer| answer.ends_with("/giay-chung-sinh.png")),
        "{:?}",
        after.answers
    );
}

#[tokio::test]
async fn the_rating_needs_the_last_digits_and_wrong_ones_use_up_the_allowance() {
    let site = site().await;
    let code = new_code();
    dossier(&site, &code, Status::ResultReturned, 60 * 24 * 10).await;
    let rating = || app::dossiers::store::rating(&site.db, &code);

    let answer = site
        .post_form(
            "/api/danh-gia",
            &format!("ma={code}&diem=1&y_kien=T%E1%BB%87"),
            None,
        )
        .await;
    let location = answer.location().unwrap().to_string();
    assert!(
        location.starts_with(&format!("/tra-cuu?ma={code}&tb=so-cuoi&diem=1&y=")),
        "{location}"
    );
    let page = site.get(&location, None).await;
    assert!(
        page.body.contains("Chưa gửi được đánh giá"),
        "{}",
        page.body
    );
    // What was chosen and typed is kept.
    assert!(page.body.contains(">Tệ</textarea>"), "{}", page.body);
    assert!(
        page.body
            .contains(r#"id="diem-1" name="diem" value="1" checked"#),
        "{}",
        page.body
    );
    assert_eq!(rating().await.unwrap(), None);

    // Ten wrong guesses: the eleventh try waits, right digits or not.
    for _ in 0..10 {
        site.post_form(
            "/api/danh-gia",
            &format!("ma={code}&diem=1&so_cuoi=0000"),
            None,
        )
        .await;
    }
    assert_eq!(rating().await.unwrap(), None);
    assert_eq!(lookups_counted(&site).await, 20);
    let held = site
        .post_form(
            "/api/danh-gia",
            &format!("ma={code}&diem=5&so_cuoi=5678"),
            None,
        )
        .await;
    assert!(
        held.location().unwrap().ends_with("&loi=cho"),
        "{:?}",
        held.location()
    );
    assert_eq!(rating().await.unwrap(), None);

    // Another client (a new window of the limits here) with the phone's last digits.
    sqlx::query("DELETE FROM rate_limits")
        .execute(&site.db.pool)
        .await
        .unwrap();
    let answer = site
        .post_form(
            "/api/danh-gia",
            &format!("ma={code}&diem=5&so_cuoi=5678"),
            None,
        )
        .await;
    assert_eq!(
        answer.location(),
        Some(format!("/tra-cuu?ma={code}&tb=da-danh-gia").as_str())
    );
    assert_eq!(rating().await.unwrap().unwrap().score, 5);
}

#[tokio::test]
async fn the_draft_cookie_shows_the_applicants_details_only_for_an_hour() {
    let site = site().await;
    let fresh = dossier(&site, &new_code(), Status::Submitted, 5).await;
    let old = dossier(&site, &new_code(), Status::Submitted, 61).await;

    let page = site
        .get("/ho-so/bien-nhan", Some(&format!("mc_ho_so={fresh}")))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Số giấy tờ tùy thân"), "{}", page.body);
    assert!(page.body.contains("Điện thoại"), "{}", page.body);

    let page = site
        .get("/ho-so/bien-nhan", Some(&format!("mc_ho_so={old}")))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Số giấy tờ tùy thân"), "{}", page.body);
    assert!(!page.body.contains(ID_NUMBER), "{}", page.body);
    assert!(!page.body.contains(PHONE), "{}", page.body);
    assert!(
        page.body.contains("chỉ hiện trên trang này trong 60 phút"),
        "{}",
        page.body
    );
    // The code and the name are still there to recognise it by.
    assert!(page.body.contains("Nguyễn Văn An"), "{}", page.body);
}
