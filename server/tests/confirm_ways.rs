//! A citizen confirms a draft a helper filed for them, through the real router: with a 6-digit
//! code sent by SMS (through the outbox, read back from the development SMS log) and typed on
//! the helper's screen, or by signing the printed answers.

mod common;

use app::assist::Confirmation;
use app::staff::Role;
use axum::http::StatusCode;
use common::office::*;
use common::{Answer, Site, site};
use server::notifications::{FileSms, Senders, drain};
use std::sync::Arc;

const SEND: &str = "/api/can-bo/gui-ma-sms";
const CHECK: &str = "/api/can-bo/nhap-ma-sms";
const SIGNED: &str = "/api/can-bo/da-ky-ban-in";

/// A counter officer with the demo birth registration (phone 0912 345 678) opened with its
/// code: the cookies of both, and the draft's id.
async fn helper_with_draft(site: &Site, username: &str) -> (String, String) {
    let counter = signed_in(site, username, Role::Counter, OFFICE_A).await;
    let code = app::filing::demo::seed(&site.state).await.unwrap().unwrap();
    let opened = site
        .post_form(
            "/api/can-bo/mo-bang-ma",
            &format!("ma={code}"),
            Some(&counter),
        )
        .await;
    let draft = opened.cookie().expect("the citizen's draft, opened");
    let id = app::drafts::store::draft_by_code(&site.db, &code)
        .await
        .unwrap()
        .unwrap()
        .id;
    (format!("{counter}; {draft}"), id)
}

/// The outbox sent by the worker into a fresh SMS log: its lines (time, phone, text).
async fn sent_sms(site: &Site) -> Vec<(String, String)> {
    let path = std::env::temp_dir().join(format!(
        "mot-cua-sms-{}-{}.log",
        std::process::id(),
        app::random::letters(8)
    ));
    let senders = Senders {
        sms: Arc::new(FileSms { path: path.clone() }),
        email: None,
    };
    drain(&site.db, &senders).await.unwrap();
    let log = std::fs::read_to_string(&path).unwrap_or_default();
    log.lines()
        .map(|line| {
            let mut parts = line.split('\t');
            let _time = parts.next();
            (
                parts.next().unwrap_or_default().to_string(),
                parts.next().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The 6 digits in an SMS.
fn code_in(text: &str) -> String {
    let at = text.find(": ").expect("a code after the colon") + 2;
    text[at..at + 6].to_string()
}

async fn follow(site: &Site, answer: &Answer, cookie: &str) -> Answer {
    assert_eq!(answer.status, StatusCode::FOUND, "{}", answer.body);
    site.get(answer.location().unwrap(), Some(cookie)).await
}

async fn confirmed(site: &Site, draft_id: &str) -> (Option<Confirmation>, Option<i64>) {
    let record = app::assist::store::get(&site.db, draft_id)
        .await
        .unwrap()
        .unwrap();
    (record.confirmed_how, record.confirmed_version)
}

async fn version(site: &Site, draft_id: &str) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT version FROM drafts WHERE id = $1")
        .bind(draft_id)
        .fetch_one(&site.db.pool)
        .await
        .unwrap()
        .get("version")
}

#[tokio::test]
async fn the_citizen_types_the_sms_code_on_the_helpers_screen_and_the_dossier_is_submitted() {
    let site = site().await;
    let (cookie, draft) = helper_with_draft(&site, "quay.sms").await;
    let check = site.get(app::paths::CHECK_URL, Some(&cookie)).await;
    assert!(
        check.body.contains("Gửi mã xác nhận qua SMS"),
        "{}",
        check.body
    );
    // The number, masked.
    assert!(check.body.contains("09xx xxx 678"), "{}", check.body);

    let sent = site.post_form(SEND, "", Some(&cookie)).await;
    let page = follow(&site, &sent, &cookie).await;
    assert!(page.body.contains("Đã gửi mã."), "{}", page.body);
    assert!(
        page.body.contains("Mã 6 số công dân nhận được"),
        "{}",
        page.body
    );

    let sms = sent_sms(&site).await;
    assert_eq!(sms.len(), 1, "{sms:?}");
    let (to, text) = &sms[0];
    assert_eq!(to, "0912345678");
    assert!(
        text.starts_with("Ma xac nhan ho so Dang ky khai sinh tai UBND phuong Buon Ma Thuot: "),
        "{text}"
    );
    assert!(
        text.contains("Chi dua ma nay cho can bo dang giup ban."),
        "{text}"
    );
    assert!(text.is_ascii());
    let code = code_in(text);
    assert!(code.chars().all(|c| c.is_ascii_digit()), "{code}");
    // The code is not stored as such.
    assert_eq!(
        site.count(&format!(
            "confirmation_codes WHERE code_hash LIKE '%{code}%'"
        ))
        .await,
        0
    );
    assert_eq!(logged(&site, "confirmation_code_sent").await.len(), 1);

    let typed = site
        .post_form(CHECK, &format!("ma_sms={code}"), Some(&cookie))
        .await;
    let page = follow(&site, &typed, &cookie).await;
    assert!(
        page.body
            .contains("Công dân đã xác nhận các câu trả lời bằng mã SMS lúc"),
        "{}",
        page.body
    );
    let now = version(&site, &draft).await;
    assert_eq!(
        confirmed(&site, &draft).await,
        (Some(Confirmation::Sms), Some(now))
    );
    let audit = logged(&site, "citizen_confirmed").await;
    assert_eq!(audit.len(), 1);
    assert!(
        audit[0].detail.contains("Xác nhận bằng mã SMS"),
        "{audit:?}"
    );

    // Single use.
    let again = site
        .post_form(CHECK, &format!("ma_sms={code}"), Some(&cookie))
        .await;
    assert!(again.location().unwrap().contains("sms=het-han"));

    // Confirmed: submitted without ticking anything else.
    let submitted = site
        .post_form("/api/can-bo/xac-nhan-nop", "", Some(&cookie))
        .await;
    assert_eq!(
        submitted.location(),
        Some(app::paths::RECEIPT_URL),
        "{}",
        submitted.body
    );
}

#[tokio::test]
async fn a_wrong_code_is_refused_with_a_message_and_audited() {
    let site = site().await;
    let (cookie, draft) = helper_with_draft(&site, "quay.sai").await;
    site.post_form(SEND, "", Some(&cookie)).await;
    let code = code_in(&sent_sms(&site).await[0].1);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let typed = site
        .post_form(CHECK, &format!("ma_sms={wrong}"), Some(&cookie))
        .await;
    let page = follow(&site, &typed, &cookie).await;
    assert!(
        page.body.contains(r#"class="error-summary""#),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Mã chưa đúng. Hãy nhập đúng 6 số trong tin nhắn. Còn 4 lần thử."),
        "{}",
        page.body
    );
    assert_eq!(confirmed(&site, &draft).await, (None, None));
    let failed = logged(&site, "confirmation_failed").await;
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].detail, "Sai mã SMS");
    // Not confirmed: submitting still asks for the confirmation.
    let submitted = site
        .post_form("/api/can-bo/xac-nhan-nop", "", Some(&cookie))
        .await;
    assert_ne!(submitted.location(), Some(app::paths::RECEIPT_URL));
    // Four more wrong tries void it: the right code no longer works.
    for _ in 0..4 {
        site.post_form(CHECK, &format!("ma_sms={wrong}"), Some(&cookie))
            .await;
    }
    let late = site
        .post_form(CHECK, &format!("ma_sms={code}"), Some(&cookie))
        .await;
    assert!(
        late.location().unwrap().contains("sms=het-han"),
        "{:?}",
        late.location()
    );
    assert_eq!(confirmed(&site, &draft).await, (None, None));
}

#[tokio::test]
async fn a_draft_gets_three_codes_a_day_then_the_helper_is_told_to_use_paper() {
    let site = site().await;
    let (cookie, _) = helper_with_draft(&site, "quay.luot").await;
    for _ in 0..3 {
        let sent = site.post_form(SEND, "", Some(&cookie)).await;
        assert!(sent.location().unwrap().contains("sms=da-gui"));
    }
    let refused = site.post_form(SEND, "", Some(&cookie)).await;
    let page = follow(&site, &refused, &cookie).await;
    assert!(
        page.body
            .contains("Hôm nay đã gửi 3 mã cho hồ sơ này. Hãy xác nhận trên bản in"),
        "{}",
        page.body
    );
    assert_eq!(sent_sms(&site).await.len(), 3);
    assert_eq!(logged(&site, "confirmation_code_refused").await.len(), 1);
}

#[tokio::test]
async fn the_printed_answers_are_signed_and_marked_signed() {
    let site = site().await;
    let (cookie, draft) = helper_with_draft(&site, "quay.giay").await;
    let check = site.get(app::paths::CHECK_URL, Some(&cookie)).await;
    assert!(
        check.body.contains("In bản khai để công dân ký"),
        "{}",
        check.body
    );

    let print = site.get(app::paths::ASSIST_PAPER_URL, Some(&cookie)).await;
    assert_eq!(print.status, StatusCode::OK);
    assert_eq!(print.header("cache-control"), Some("no-store"));
    for shown in [
        "Bản khai để công dân ký xác nhận",
        "Nguyễn Minh An",
        "Đăng ký khai sinh",
        "UBND phường Buôn Ma Thuột",
        "Cán bộ quay.giay",
        OFFICE_A,
        "Người khai ký, ghi rõ họ tên",
        "Cán bộ khai giúp ký, ghi rõ họ tên",
    ] {
        assert!(print.body.contains(shown), "{shown}: {}", print.body);
    }
    // No "Change" links on paper.
    assert!(
        !print.body.contains("summary-list__action"),
        "{}",
        print.body
    );
    assert_eq!(logged(&site, "print_for_signature").await.len(), 1);

    // Not a helper: nothing printed.
    let draft_only = cookie.split("; ").nth(1).unwrap();
    let stranger = site
        .get(app::paths::ASSIST_PAPER_URL, Some(draft_only))
        .await;
    assert!(
        !stranger.body.contains("Nguyễn Minh An"),
        "{}",
        stranger.body
    );
    assert!(
        stranger.body.contains("Chỉ cán bộ đang khai giúp"),
        "{}",
        stranger.body
    );

    // The box not ticked: said, nothing recorded.
    let unticked = site.post_form(SIGNED, "", Some(&cookie)).await;
    let page = follow(&site, &unticked, &cookie).await;
    assert!(
        page.body.contains(r#"class="error-summary""#),
        "{}",
        page.body
    );
    assert!(page.body.contains("Hãy đánh dấu ô"), "{}", page.body);
    assert_eq!(confirmed(&site, &draft).await, (None, None));

    let signed = site.post_form(SIGNED, "da_ky=1", Some(&cookie)).await;
    let page = follow(&site, &signed, &cookie).await;
    assert!(page.body.contains("công dân đã ký bản in"), "{}", page.body);
    let now = version(&site, &draft).await;
    assert_eq!(
        confirmed(&site, &draft).await,
        (Some(Confirmation::Paper), Some(now))
    );
    let audit = logged(&site, "citizen_confirmed").await;
    assert!(audit[0].detail.contains("chữ ký trên bản in"), "{audit:?}");
    let submitted = site
        .post_form("/api/can-bo/xac-nhan-nop", "", Some(&cookie))
        .await;
    assert_eq!(
        submitted.location(),
        Some(app::paths::RECEIPT_URL),
        "{}",
        submitted.body
    );
}

#[tokio::test]
async fn without_a_phone_in_the_answers_no_code_is_sent() {
    let site = site().await;
    let (cookie, draft) = helper_with_draft(&site, "quay.khongso").await;
    sqlx::query("UPDATE drafts SET answers = REPLACE(answers, '0912 345 678', '') WHERE id = $1")
        .bind(&draft)
        .execute(&site.db.pool)
        .await
        .unwrap();
    let sent = site.post_form(SEND, "", Some(&cookie)).await;
    assert!(
        sent.location().unwrap().contains("sms=khong-so"),
        "{:?}",
        sent.location()
    );
    assert!(sent_sms(&site).await.is_empty());
}
