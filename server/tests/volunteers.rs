//! Volunteers (youth union, digital guides) through the real router: they file with citizens
//! and see the drafts they started today, nothing of anyone else's; what they submit waits for
//! the counter. The citizen's receipt and lookup, and the clerk's page, say who helped and how
//! the citizen confirmed; the head's dashboard counts dossiers by channel.

mod common;

use app::assist::Confirmation;
use app::staff::Role;
use axum::http::StatusCode;
use common::office::*;
use common::{Site, site};
use domain::lifecycle::Status;

const VOLUNTEER: &str = "Tình nguyện viên / hướng dẫn viên số";

/// Starts an assisted draft of `procedure` as `cookie`; returns the draft cookie.
async fn start(site: &Site, cookie: &str, procedure: &str) -> String {
    let started = site
        .post_form(
            "/api/can-bo/khai-giup",
            &format!("thu_tuc={procedure}&giay=1"),
            Some(cookie),
        )
        .await;
    assert_eq!(started.status, StatusCode::FOUND, "{}", started.body);
    started.cookie().expect("a draft cookie")
}

/// The citizen signed the printed answers and the helper marked it (the confirmation a test
/// without a phone or an SMS log can give).
async fn sign_paper(site: &Site, cookies: &str) {
    let marked = site
        .post_form("/api/can-bo/da-ky-ban-in", "da_ky=1", Some(cookies))
        .await;
    assert!(marked.location().is_some(), "{}", marked.body);
}

/// The demo citizen's draft, opened with their code by `cookie` and confirmed on paper:
/// the dossier's code, and the cookies of the browser (staff and draft).
async fn file_demo_draft(site: &Site, cookie: &str) -> (String, String) {
    let code = app::filing::demo::seed(&site.state).await.unwrap().unwrap();
    let opened = site
        .post_form(
            "/api/can-bo/mo-bang-ma",
            &format!("ma={code}"),
            Some(cookie),
        )
        .await;
    let both = format!(
        "{cookie}; {}",
        opened.cookie().expect("the citizen's draft, opened")
    );
    sign_paper(site, &both).await;
    let confirmed = site
        .post_form("/api/can-bo/xac-nhan-nop", "", Some(&both))
        .await;
    assert_eq!(
        confirmed.location(),
        Some(app::paths::RECEIPT_URL),
        "{}",
        confirmed.body
    );
    let draft = app::drafts::store::draft_by_code(&site.db, &code)
        .await
        .unwrap()
        .unwrap();
    (draft.dossier_code.expect("submitted"), both)
}

#[tokio::test]
async fn a_volunteer_is_refused_the_queue_the_dashboard_the_log_and_every_dossier() {
    let site = site().await;
    let volunteer = signed_in(&site, "tnv.an", Role::Volunteer, OFFICE_A).await;
    let dossier = &submitted(&site, OFFICE_A, 1, 31).await[0];
    let name = applicant(&site, dossier);

    let home = site.get("/can-bo", Some(&volunteer)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains(VOLUNTEER), "{}", home.body);
    assert!(
        home.body.contains("Nộp hồ sơ giúp công dân"),
        "{}",
        home.body
    );
    for task in [
        "Hồ sơ cần xử lý",
        "Bảng theo dõi",
        "Nhật ký thao tác",
        "Nhận hồ sơ giấy",
    ] {
        assert!(!home.body.contains(task), "{task}: {}", home.body);
    }
    let start_page = site.get("/can-bo/nop-ho-so", Some(&volunteer)).await;
    assert_eq!(start_page.status, StatusCode::OK);
    assert!(
        start_page
            .body
            .contains(&format!("<p>{VOLUNTEER}<!>: <!>Cán bộ tnv.an")),
        "{}",
        start_page.body
    );

    for path in [
        app::backoffice::QUEUE_URL.to_string(),
        app::backoffice::dossier_url(&dossier.code),
        app::backoffice::DASHBOARD_URL.to_string(),
        "/can-bo/nhat-ky".to_string(),
        "/can-bo/quan-tri".to_string(),
    ] {
        let page = get_from(&site, &path, &volunteer, [198, 51, 100, 8]).await;
        assert!(refused_to_login(&page), "{path}: {}", page.status);
        assert!(!page.body.contains(&name), "{path}");
    }
    let csv = get_from(
        &site,
        app::backoffice::DASHBOARD_CSV_URL,
        &volunteer,
        [198, 51, 100, 8],
    )
    .await;
    assert_eq!(csv.status, StatusCode::SEE_OTHER);
    let document = format!(
        "{}{}/abc.pdf",
        app::paths::STAFF_DOWNLOAD_PREFIX,
        dossier.code
    );
    let download = get_from(&site, &document, &volunteer, [198, 51, 100, 8]).await;
    assert_eq!(download.status, StatusCode::FORBIDDEN);
    let direct = site
        .post_form(
            "/api/can-bo/ho-so/xem",
            &format!("code={}", dossier.code),
            Some(&volunteer),
        )
        .await;
    assert!(!direct.body.contains(&name), "{}", direct.body);
    for action in ["receive", "not_receive", "process"] {
        act(&site, &volunteer, &dossier.code, 1, action).await;
    }
    assert_eq!(now(&site, &dossier.code).await.status, Status::Submitted);

    // Admins create volunteer accounts on the admin page, like any other.
    let admin = signed_in(&site, "quan.tri", Role::Admin, OFFICE_A).await;
    let admin_page = site.get("/can-bo/quan-tri", Some(&admin)).await;
    assert!(
        admin_page.body.contains(r#"value="volunteer""#),
        "{}",
        admin_page.body
    );
    assert!(admin_page.body.contains(VOLUNTEER));

    let refusals = logged(&site, "access_refused").await;
    // Five pages, the CSV, the document, the server function, three actions.
    assert_eq!(refusals.len(), 11, "{refusals:#?}");
    assert!(
        refusals.iter().all(|r| r.detail.contains(VOLUNTEER)),
        "{refusals:#?}"
    );
}

#[tokio::test]
async fn a_volunteer_sees_only_the_drafts_they_started_today() {
    let site = site().await;
    let me = signed_in(&site, "tnv.binh", Role::Volunteer, OFFICE_A).await;
    let other = signed_in(&site, "tnv.chi", Role::Volunteer, OFFICE_A).await;
    let counter = signed_in(&site, "quay.a", Role::Counter, OFFICE_A).await;

    let empty = site.get("/can-bo", Some(&me)).await;
    assert!(
        empty.body.contains("Hôm nay bạn chưa giúp khai hồ sơ nào."),
        "{}",
        empty.body
    );
    start(&site, &me, "khai-tu").await;
    let draft = start(&site, &me, "khai-sinh").await;
    start(&site, &other, "ket-hon").await;
    // One started yesterday.
    start(&site, &me, "gia-han-giay-phep-xay-dung").await;
    let yesterday = chrono::Utc::now() - chrono::Duration::days(1);
    sqlx::query(
        "UPDATE assisted_drafts SET created_at = $1 WHERE draft_id IN
             (SELECT id FROM drafts WHERE procedure_id = 'gia-han-giay-phep-xay-dung')",
    )
    .bind(app::db::stamp(yesterday))
    .execute(&site.db.pool)
    .await
    .unwrap();

    // A volunteer does not receive paper dossiers: asked for one, they file with the citizen.
    use sqlx::Row;
    let hows: Vec<String> = sqlx::query("SELECT DISTINCT how FROM assisted_drafts")
        .fetch_all(&site.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|row| row.get("how"))
        .collect();
    assert_eq!(hows, ["counter"]);

    let home = site.get("/can-bo", Some(&format!("{me}; {draft}"))).await;
    assert!(
        home.body.contains("Hồ sơ bạn giúp khai hôm nay"),
        "{}",
        home.body
    );
    assert!(home.body.contains("Đăng ký khai sinh"), "{}", home.body);
    assert!(home.body.contains("Đăng ký khai tử"), "{}", home.body);
    assert!(!home.body.contains("Đăng ký kết hôn"), "{}", home.body);
    assert!(!home.body.contains("Gia hạn giấy phép"), "{}", home.body);
    // The draft open in this browser continues at once; the other with the citizen's code.
    assert!(home.body.contains("Tiếp tục khai"), "{}", home.body);
    assert!(
        home.body.contains("Tiếp tục bằng mã của công dân"),
        "{}",
        home.body
    );
    let theirs = site.get("/can-bo", Some(&other)).await;
    assert!(theirs.body.contains("Đăng ký kết hôn"));
    assert!(!theirs.body.contains("Đăng ký khai sinh"));
    // Officials have the queue for that; no list on their home page.
    let counter_home = site.get("/can-bo", Some(&counter)).await;
    assert!(!counter_home.body.contains("Hồ sơ bạn giúp khai hôm nay"));
    // The list's server function refuses anyone else, audited.
    let refused = site
        .post_form("/api/can-bo/nhap-hom-nay", "", Some(&counter))
        .await;
    assert!(
        !refused.body.contains("Đăng ký khai sinh"),
        "{}",
        refused.body
    );
    assert_eq!(logged(&site, "access_refused").await.len(), 1);
    // Each start is in the log, as theirs.
    assert_eq!(logged(&site, "file_for").await.len(), 4);
}

#[tokio::test]
async fn a_volunteer_s_dossier_waits_for_the_counter_and_names_them_where_the_citizen_looks() {
    let site = site().await;
    let office = app::staff::demo::OFFICE;
    let volunteer = signed_in(&site, "tnv.dung", Role::Volunteer, office).await;
    let (code, browser) = file_demo_draft(&site, &volunteer).await;

    // Submitted, not received: no receipt yet, and no refusal written for it.
    let dossier = now(&site, &code).await;
    assert_eq!(dossier.status, Status::Submitted);
    assert!(logged(&site, "access_refused").await.is_empty());
    assert_eq!(logged(&site, "submit_assisted").await.len(), 1);
    assert_eq!(logged(&site, "open_draft_with_code").await.len(), 1);

    let helped = format!("Nộp với sự giúp đỡ của Cán bộ tnv.dung, {VOLUNTEER}, {office}.");
    let screen = "Công dân đã xác nhận các câu trả lời trên bản in có chữ ký.";
    let receipt = site.get(app::paths::RECEIPT_URL, Some(&browser)).await;
    assert!(receipt.body.contains(&helped), "{}", receipt.body);
    assert!(receipt.body.contains(screen), "{}", receipt.body);
    assert!(
        receipt.body.contains("chờ cán bộ một cửa tiếp nhận"),
        "{}",
        receipt.body
    );
    assert!(
        !receipt
            .body
            .contains("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    );

    // The lookup: name and role, not their office; how it was confirmed.
    let draft = app::assist::store::for_dossier(&site.db, &code)
        .await
        .unwrap()
        .unwrap();
    app::assist::store::confirm(
        &site.db,
        &draft.draft_id,
        Confirmation::Sms,
        1,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let lookup = site.get(&app::dossiers::status_path(&dossier), None).await;
    assert_eq!(lookup.status, StatusCode::OK);
    assert!(
        lookup.body.contains(&format!(
            "Nộp với sự giúp đỡ của Cán bộ tnv.dung, {VOLUNTEER}."
        )),
        "{}",
        lookup.body
    );
    assert!(lookup.body.contains("bằng mã SMS"), "{}", lookup.body);

    // The counter receives it as any citizen's.
    let counter = signed_in(&site, "quay.bmt", Role::Counter, office).await;
    act(&site, &counter, &code, 1, "receive").await;
    assert_eq!(now(&site, &code).await.status, Status::Received);
}

#[tokio::test]
async fn a_citizen_alone_is_named_nowhere_and_a_helped_one_says_so_on_the_lookup() {
    let site = site().await;
    let alone = &submitted(&site, OFFICE_A, 1, 32).await[0];
    let lookup = site.get(&app::dossiers::status_path(alone), None).await;
    assert_eq!(lookup.status, StatusCode::OK);
    assert!(
        !lookup.body.contains("Nộp với sự giúp đỡ"),
        "{}",
        lookup.body
    );

    // Filed with a counter officer, confirmed on the citizen's phone.
    let office = app::staff::demo::OFFICE;
    let counter = signed_in(&site, "quay.lan", Role::Counter, office).await;
    let (code, browser) = file_demo_draft(&site, &counter).await;
    let draft = app::assist::store::for_dossier(&site.db, &code)
        .await
        .unwrap()
        .unwrap();
    app::assist::store::confirm(
        &site.db,
        &draft.draft_id,
        Confirmation::Phone,
        1,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let receipt = site.get(app::paths::RECEIPT_URL, Some(&browser)).await;
    assert!(
        receipt.body.contains(&format!(
            "Nộp với sự giúp đỡ của Cán bộ quay.lan, Cán bộ một cửa, {office}."
        )),
        "{}",
        receipt.body
    );
    assert!(
        receipt.body.contains("trên điện thoại của công dân"),
        "{}",
        receipt.body
    );
    // Received at once at the counter: the official receipt.
    assert!(
        receipt
            .body
            .contains("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    );
}

#[tokio::test]
async fn the_clerk_sees_which_answers_the_helper_typed_and_who_helped() {
    let site = site().await;
    let office = app::staff::demo::OFFICE;
    let volunteer = signed_in(&site, "tnv.em", Role::Volunteer, office).await;
    let code = app::filing::demo::seed(&site.state).await.unwrap().unwrap();
    let opened = site
        .post_form(
            "/api/can-bo/mo-bang-ma",
            &format!("ma={code}"),
            Some(&volunteer),
        )
        .await;
    let draft = app::drafts::store::draft_by_code(&site.db, &code)
        .await
        .unwrap()
        .unwrap();
    // The volunteer typed the child's name (as the wizard records a step saved by staff).
    app::assist::store::add_staff_fields(&site.db, &draft.id, &["tre-ho-ten".into()])
        .await
        .unwrap();
    let both = format!("{volunteer}; {}", opened.cookie().unwrap());
    sign_paper(&site, &both).await;
    site.post_form("/api/can-bo/xac-nhan-nop", "", Some(&both))
        .await;
    let dossier_code = app::drafts::store::draft_by_code(&site.db, &code)
        .await
        .unwrap()
        .unwrap()
        .dossier_code
        .expect("submitted");

    let clerk = signed_in(&site, "chuyen.vien.bmt", Role::Clerk, office).await;
    let page = site
        .get(&app::backoffice::dossier_url(&dossier_code), Some(&clerk))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!(
            "Nộp với sự giúp đỡ của Cán bộ tnv.em, {VOLUNTEER}, {office}."
        )),
        "{}",
        page.body
    );
    assert!(page.body.contains("trên bản in có chữ ký"));
    assert_eq!(page.body.matches("cán bộ nhập").count(), 1, "{}", page.body);
    let tagged = page.body.split("cán bộ nhập").next().unwrap();
    let row = &tagged[tagged.rfind("<dt").unwrap()..];
    assert!(row.contains("Nguyễn Minh An"), "{row}");
}

#[tokio::test]
async fn the_head_s_dashboard_counts_dossiers_by_channel_and_says_the_share_honestly() {
    let site = site().await;
    let office = app::staff::demo::OFFICE;
    let counter = signed_in(&site, "quay.hoa", Role::Counter, office).await;
    let volunteer = signed_in(&site, "tnv.gia", Role::Volunteer, office).await;
    let head = signed_in(&site, "lanh.dao.bmt", Role::Head, office).await;
    // Three citizens alone, submitted today; one helped at the counter, one by a volunteer.
    let alone = submitted(&site, office, 3, 33).await;
    sqlx::query("UPDATE dossiers SET submitted_at = $1")
        .bind(app::db::stamp(chrono::Utc::now()))
        .execute(&site.db.pool)
        .await
        .unwrap();
    assert_eq!(alone.len(), 3);
    file_demo_draft(&site, &counter).await;
    let (code, _) = file_demo_draft(&site, &volunteer).await;
    let draft = app::assist::store::for_dossier(&site.db, &code)
        .await
        .unwrap()
        .unwrap();
    app::assist::store::confirm(
        &site.db,
        &draft.draft_id,
        Confirmation::Sms,
        1,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    // A draft started with help and abandoned: not counted.
    start(&site, &volunteer, "khai-tu").await;

    let page = site.get(app::backoffice::DASHBOARD_URL, Some(&head)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Cách nộp hồ sơ"), "{}", page.body);
    assert!(
        page.body.contains(
            "2 trong 5 hồ sơ (40%) được nộp với sự giúp đỡ của cán bộ hoặc tình nguyện viên trong 8 tuần qua."
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("Số hồ sơ còn ít"), "{}", page.body);
    assert!(page.body.contains("hồ sơ nháp bỏ dở không được tính"));
    let monday = {
        use chrono::Datelike;
        let today = app::state::today();
        today - chrono::Duration::days(today.weekday().num_days_from_monday() as i64)
    };
    let week = format!(
        "<td>{}</td><td>3</td><td>0</td><td>2</td><td>0</td><td>1</td><td>1</td><td>0</td><td>0</td>",
        app::i18n::format_date(monday)
    );
    assert!(page.body.contains(&week), "{week}: {}", page.body);

    let csv = site
        .get(app::backoffice::DASHBOARD_CSV_URL, Some(&head))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body.contains("Công dân tự nộp,Tại ki-ốt,Có người giúp"),
        "{}",
        csv.body
    );
    assert!(
        csv.body.contains(&format!("{monday},3,0,2,0,1,1,0,0\n")),
        "{}",
        csv.body
    );
}
