//! Who may do what in the back office, through the real router: counter staff receive, clerks
//! process, heads decide refusals, admins never open a dossier, and nobody sees or acts on
//! another office's dossiers by any page or endpoint. Every refusal is in the audit log.

mod common;

use app::staff::Role;
use axum::http::StatusCode;
use common::office::*;
use common::{Site, site};
use domain::lifecycle::Status;

/// A page of the dossier as `cookie` sees it.
async fn dossier_page(site: &Site, cookie: &str, code: &str) -> common::Answer {
    site.get(&app::backoffice::dossier_url(code), Some(cookie))
        .await
}

/// Whether a dossier page offers the action's button.
fn offers(page: &common::Answer, button: &str) -> bool {
    page.body
        .contains(&format!(r#"class="button">{button}</button>"#))
}

#[tokio::test]
async fn an_admin_manages_accounts_but_opens_no_dossier_nor_acts_on_one() {
    let site = site().await;
    let admin = signed_in(&site, "quan.tri", Role::Admin, OFFICE_A).await;
    let dossier = &submitted(&site, OFFICE_A, 1, 11).await[0];
    let name = applicant(&site, dossier);

    let home = site.get("/can-bo", Some(&admin)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Quản trị tài khoản"), "{}", home.body);
    assert!(!home.body.contains("Hồ sơ cần xử lý"), "{}", home.body);
    assert!(!home.body.contains("Bảng theo dõi"), "{}", home.body);
    assert_eq!(
        site.get("/can-bo/quan-tri", Some(&admin)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        site.get("/can-bo/nhat-ky", Some(&admin)).await.status,
        StatusCode::OK
    );

    for path in [
        app::backoffice::QUEUE_URL.to_string(),
        app::backoffice::dossier_url(&dossier.code),
        app::backoffice::DASHBOARD_URL.to_string(),
        "/can-bo/nop-ho-so".to_string(),
    ] {
        let page = get_from(&site, &path, &admin, [198, 51, 100, 7]).await;
        assert!(refused_to_login(&page), "{path}: {}", page.status);
        assert!(!page.body.contains(&name), "{path}");
    }
    let csv = get_from(
        &site,
        app::backoffice::DASHBOARD_CSV_URL,
        &admin,
        [198, 51, 100, 7],
    )
    .await;
    assert_eq!(csv.status, StatusCode::SEE_OTHER);
    let document = format!(
        "{}{}/abc.pdf",
        app::paths::STAFF_DOWNLOAD_PREFIX,
        dossier.code
    );
    let download = get_from(&site, &document, &admin, [198, 51, 100, 7]).await;
    assert_eq!(download.status, StatusCode::FORBIDDEN);
    assert!(download.body.contains("Quản trị"), "{}", download.body);

    for action in ["receive", "not_receive", "complete"] {
        act(&site, &admin, &dossier.code, 1, action).await;
    }
    let after = now(&site, &dossier.code).await;
    assert_eq!((after.status, after.version), (Status::Submitted, 1));

    let refusals = logged(&site, "access_refused").await;
    // Four pages, the CSV, the document, and three posts to the action endpoint.
    assert_eq!(refusals.len(), 9, "{refusals:#?}");
    assert!(
        refusals[..6].iter().all(|r| r.client == "198.51.100.7"),
        "{refusals:#?}"
    );
    assert!(refusals.iter().all(|r| r.detail.contains("Quản trị")));
    assert!(refusals.iter().any(|r| r.subject == "/can-bo/ho-so"));
}

#[tokio::test]
async fn counter_staff_receive_clerks_process_and_only_the_head_refuses() {
    let site = site().await;
    let counter = signed_in(&site, "quay", Role::Counter, OFFICE_A).await;
    let clerk = signed_in(&site, "chuyen.vien", Role::Clerk, OFFICE_A).await;
    let head = signed_in(&site, "lanh.dao", Role::Head, OFFICE_A).await;
    let dossiers = submitted(&site, OFFICE_A, 2, 12).await;
    let (first, second) = (&dossiers[0].code, &dossiers[1].code);

    // The counter is offered reception, not the refusal; the page says who refuses.
    let page = dossier_page(&site, &counter, first).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(offers(&page, "Tiếp nhận hồ sơ"), "{}", page.body);
    assert!(!offers(&page, "Không tiếp nhận hồ sơ"), "{}", page.body);
    assert!(page.body.contains("Việc khác ở bước này do Lãnh đạo làm."));
    // Posted anyway: refused, said plainly, nothing changed.
    let refused = act(&site, &counter, first, 1, "not_receive").await;
    let back = refused.location().expect("back to the dossier").to_string();
    assert!(back.contains("loi=quyen"), "{back}");
    let page = site.get(&back, Some(&counter)).await;
    assert!(
        page.body.contains(
            "Bạn (Cán bộ một cửa) không làm được việc “Không tiếp nhận hồ sơ”: việc này do Lãnh đạo làm."
        ),
        "{}",
        page.body
    );
    assert_eq!(now(&site, first).await.status, Status::Submitted);

    // A clerk does not receive; the counter does.
    act(&site, &clerk, first, 1, "receive").await;
    assert_eq!(now(&site, first).await.status, Status::Submitted);
    act(&site, &counter, first, 1, "receive").await;
    assert_eq!(now(&site, first).await.status, Status::Received);

    // The counter does not process, nor stop; the clerk processes but does not stop.
    act(&site, &counter, first, 2, "process").await;
    act(&site, &counter, first, 2, "stop").await;
    act(&site, &clerk, first, 2, "stop").await;
    assert_eq!(now(&site, first).await.status, Status::Received);
    let page = dossier_page(&site, &clerk, first).await;
    assert!(offers(&page, "Bắt đầu xử lý"), "{}", page.body);
    assert!(!offers(&page, "Dừng xử lý hồ sơ"), "{}", page.body);
    act(&site, &clerk, first, 2, "process").await;
    assert_eq!(now(&site, first).await.status, Status::Processing);

    // The head decides: stops the first, does not receive the second, but neither processes
    // nor receives.
    let page = dossier_page(&site, &head, first).await;
    assert!(offers(&page, "Dừng xử lý hồ sơ"), "{}", page.body);
    assert!(!offers(&page, "Đã xử lý xong"), "{}", page.body);
    act(&site, &head, second, 1, "receive").await;
    assert_eq!(now(&site, second).await.status, Status::Submitted);
    act(&site, &head, first, 3, "stop").await;
    assert_eq!(now(&site, first).await.status, Status::Stopped);
    act(&site, &head, second, 1, "not_receive").await;
    assert_eq!(now(&site, second).await.status, Status::NotReceived);

    let refusals = logged(&site, "access_refused").await;
    assert_eq!(refusals.len(), 6, "{refusals:#?}");
    assert!(
        refusals[0]
            .detail
            .contains("Không tiếp nhận hồ sơ: không dành cho vai trò Cán bộ một cửa"),
        "{refusals:#?}"
    );
}

#[tokio::test]
async fn a_member_of_one_office_neither_sees_nor_acts_on_another_office_s_dossiers() {
    let site = site().await;
    let theirs = &submitted(&site, OFFICE_B, 1, 13).await[0];
    let name = applicant(&site, theirs);
    // One of their documents, which their own clerk can download.
    let mut answers = theirs.answers.clone();
    answers.insert("anh".into(), "abcdef.pdf/giay.pdf".into());
    sqlx::query("UPDATE dossiers SET answers = $1 WHERE code = $2")
        .bind(serde_json::to_string(&answers).unwrap())
        .bind(&theirs.code)
        .execute(&site.db.pool)
        .await
        .unwrap();
    site.state
        .documents
        .put(
            &theirs.draft_id,
            "abcdef.pdf",
            "application/pdf",
            b"%PDF-1.4\n%%EOF\n",
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let document = format!(
        "{}{}/abcdef.pdf",
        app::paths::STAFF_DOWNLOAD_PREFIX,
        theirs.code
    );
    let own_clerk = signed_in(&site, "ea.kao", Role::Clerk, OFFICE_B).await;
    assert_eq!(
        site.get(&document, Some(&own_clerk)).await.status,
        StatusCode::OK
    );

    let staff = [
        ("quay.a", Role::Counter),
        ("chuyen.vien.a", Role::Clerk),
        ("lanh.dao.a", Role::Head),
    ];
    for (i, (username, role)) in staff.into_iter().enumerate() {
        let cookie = signed_in(&site, username, role, OFFICE_A).await;
        let page = dossier_page(&site, &cookie, &theirs.code).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{username}");
        assert!(page.body.contains("Không tìm thấy hồ sơ"), "{username}");
        assert!(!page.body.contains(&name), "{username}: {}", page.body);
        assert!(!page.body.contains(OFFICE_B), "{username}: {}", page.body);

        let download = get_from(&site, &document, &cookie, [203, 0, 113, 9]).await;
        assert_eq!(download.status, StatusCode::NOT_FOUND, "{username}");
        assert!(!download.body.contains("%PDF"), "{username}");

        for action in domain::lifecycle::ALL_ACTIONS {
            let answer = act(&site, &cookie, &theirs.code, 1, action.as_str()).await;
            assert!(answer.status.is_redirection(), "{username} {action:?}");
        }

        let queue = site
            .get(
                &format!("/can-bo/ho-so?trang_thai=tat-ca&tim={}", theirs.code),
                Some(&cookie),
            )
            .await;
        assert_eq!(queue.status, StatusCode::OK, "{username}");
        // Their code is only in the search box, as typed: no link to the dossier.
        let link = app::backoffice::dossier_url(&theirs.code);
        assert!(!queue.body.contains(&link), "{username}");
        assert!(!queue.body.contains(&name), "{username}");
        assert!(queue.body.contains("0 hồ sơ"), "{username}: {}", queue.body);

        // The server function behind the dossier page answers nothing either.
        let direct = site
            .post_form(
                "/api/can-bo/ho-so/xem",
                &format!("code={}", theirs.code),
                Some(&cookie),
            )
            .await;
        assert!(!direct.body.contains(&name), "{username}: {}", direct.body);

        let refusals = logged(&site, "access_refused").await;
        let about_theirs = refusals
            .iter()
            .filter(|r| r.subject == theirs.code && r.detail.contains(OFFICE_B))
            .count();
        // Per member: the page, the download, 13 actions, the server function.
        assert_eq!(about_theirs, 16 * (i + 1), "{refusals:#?}");
        assert!(refusals.iter().any(|r| r.client == "203.0.113.9"));
    }
    let after = now(&site, &theirs.code).await;
    assert_eq!((after.status, after.version), (Status::Submitted, 1));
}

#[tokio::test]
async fn a_dossier_filed_at_the_counter_for_another_office_is_left_for_that_office_to_receive() {
    let site = site().await;
    // The demo draft is addressed to UBND phường Buôn Ma Thuột.
    let addressed_to = app::staff::demo::OFFICE;
    let mut received = Vec::new();
    for (username, office) in [("quay.tan.an", OFFICE_A), ("quay.bmt", addressed_to)] {
        let counter = signed_in(&site, username, Role::Counter, office).await;
        let code = app::filing::demo::seed(&site.state).await.unwrap().unwrap();
        let opened = site
            .post_form(
                "/api/can-bo/mo-bang-ma",
                &format!("ma={code}"),
                Some(&counter),
            )
            .await;
        let draft = opened.cookie().expect("the citizen's draft, opened");
        let both = format!("{counter}; {draft}");
        confirm_on_phone(&site, &both).await;
        let confirmed = site
            .post_form("/api/can-bo/xac-nhan-nop", "", Some(&both))
            .await;
        assert_eq!(
            confirmed.location(),
            Some(app::paths::RECEIPT_URL),
            "{}",
            confirmed.body
        );
        let receipt = site.get(app::paths::RECEIPT_URL, Some(&both)).await;
        received.push((office, receipt.body));
    }
    use sqlx::Row;
    let codes: Vec<String> = sqlx::query("SELECT code FROM dossiers")
        .fetch_all(&site.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|row| row.get("code"))
        .collect();
    let mut by_status = Vec::new();
    for code in &codes {
        let dossier = now(&site, code).await;
        assert_eq!(dossier.office, addressed_to);
        by_status.push(dossier.status);
    }
    by_status.sort_by_key(|s| s.as_str());
    // One left submitted (filed at Tân An), one received (filed at its own office).
    assert_eq!(by_status, [Status::Received, Status::Submitted]);
    let (_, elsewhere) = &received[0];
    assert!(
        elsewhere.contains("cán bộ của cơ quan đó sẽ tiếp nhận"),
        "{elsewhere}"
    );
    let (_, own) = &received[1];
    assert!(!own.contains("cán bộ của cơ quan đó sẽ tiếp nhận"));
    let refusals = logged(&site, "access_refused").await;
    assert_eq!(refusals.len(), 1, "{refusals:#?}");
    assert!(refusals[0].detail.contains(addressed_to));
}

/// The totals line of a dashboard CSV: dossiers received and done.
fn csv_totals(csv: &str) -> (i64, i64) {
    let totals = totals_line(csv);
    let mut figures = totals.split(',').skip(1).map(|n| n.parse().unwrap_or(-1));
    (figures.next().unwrap(), figures.next().unwrap())
}

/// The line after the totals heading (the CSV's third section).
fn totals_line(csv: &str) -> &str {
    let sections: Vec<&str> = csv.split("\n\n").collect();
    sections[2].lines().nth(1).expect("a totals line")
}

#[tokio::test]
async fn a_head_of_office_sees_the_figures_of_their_office_only() {
    let site = site().await;
    // Weeks of work, all of office B.
    let today = chrono::Utc::now().date_naive();
    let mut seeded =
        app::backoffice::seed::generate(&site.catalog, &site.state.calendar, 40, 21, today, 6);
    for s in &mut seeded {
        s.dossier.office = OFFICE_B.into();
    }
    app::backoffice::seed::insert(&site.db, &seeded)
        .await
        .unwrap();
    let names: Vec<String> = seeded
        .iter()
        .map(|s| applicant(&site, &s.dossier))
        .collect();
    let head_a = signed_in(&site, "lanh.dao.a", Role::Head, OFFICE_A).await;
    let head_b = signed_in(&site, "lanh.dao.b", Role::Head, OFFICE_B).await;

    let theirs = site
        .get(app::backoffice::DASHBOARD_CSV_URL, Some(&head_b))
        .await;
    assert_eq!(theirs.status, StatusCode::OK);
    let (received, _) = csv_totals(&theirs.body);
    assert!(received > 0, "{}", theirs.body);

    let csv = site
        .get(app::backoffice::DASHBOARD_CSV_URL, Some(&head_a))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv_totals(&csv.body), (0, 0), "{}", csv.body);
    let page = site
        .get(app::backoffice::DASHBOARD_URL, Some(&head_a))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for answer in [&csv, &page] {
        assert!(!answer.body.contains(OFFICE_B), "{}", answer.body);
        for name in &names {
            assert!(!answer.body.contains(name.as_str()), "{name}");
        }
        for dossier in &seeded {
            assert!(!answer.body.contains(&dossier.dossier.code));
        }
    }
    // The same page of office B's head is about office B.
    let their_page = site
        .get(app::backoffice::DASHBOARD_URL, Some(&head_b))
        .await;
    assert!(their_page.body.contains(OFFICE_B), "{}", their_page.body);
}
