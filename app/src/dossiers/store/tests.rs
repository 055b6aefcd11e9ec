use super::*;
use crate::db::testing::databases;
use crate::drafts::store as filing;
use chrono::Duration;
use futures::future::join_all;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A Tuesday morning in Vietnam (UTC+7).
fn at(d: NaiveDate, hour: u32) -> DateTime<Utc> {
    d.and_hms_opt(hour, 0, 0).unwrap().and_utc() - Duration::hours(7)
}

pub(super) fn sms(body: &str) -> Outgoing {
    Outgoing {
        channel: Channel::Sms,
        recipient: "0905123456".into(),
        subject: String::new(),
        body: body.into(),
    }
}

pub(super) async fn submitted(db: &Db) -> String {
    submitted_to(db, "UBND phường Tân An").await
}

async fn submitted_to(db: &Db, office: &str) -> String {
    let draft = filing::create_draft(
        db,
        "khai-sinh",
        &crate::random::resume_code(),
        &Answers::new(),
        crate::state::now(),
    )
    .await
    .unwrap();
    let code = format!("KS-{}", crate::random::letters(8));
    super::submit(
        db,
        &draft,
        super::NewDossier {
            code: code.clone(),
            office: office.into(),
            answers: Answers::new(),
            submitted_at: at(date(2026, 11, 23), 9),
            due_date: date(2026, 11, 27),
            messages: vec![sms("gui")],
        },
    )
    .await
    .unwrap();
    code
}

fn clerk() -> Actor {
    Actor {
        id: "staff-1".into(),
        name: "Trần Thị Bình".into(),
    }
}

fn change(action: Action, on: NaiveDate, note: Option<&str>) -> Change {
    Change {
        action,
        actor: clerk(),
        note: note.map(str::to_string),
        new_due: None,
        add_answers: Answers::new(),
        reception: (action == Action::Receive).then(|| reception_at(at(on, 10))),
        clock: None,
        now: at(on, 10),
        today: on,
    }
}

/// What a reception at `now` states: due three working days on (no holidays), at 16:30.
fn reception_at(now: DateTime<Utc>) -> Reception {
    let received = crate::state::local(now);
    let due = Calendar::default().due_date(received, 3, None);
    Reception {
        due_at: crate::state::utc_of(due.and_hms_opt(16, 30, 0).unwrap()),
        documents: vec![ReceivedDocument {
            name: "Giấy chứng sinh".into(),
            original: true,
            count: 1,
        }],
        sets: 1,
        processing_days: 3,
        fee: "Miễn lệ phí".into(),
        collect_at: "UBND phường Tân An".into(),
    }
}

async fn step(db: &Db, code: &str, mut change: Change) -> Result<Dossier> {
    let version = dossier(db, code).await.unwrap().unwrap().version;
    // Changes on one day come one after the other.
    change.now += Duration::minutes(version);
    let status = lifecycle::next(
        dossier(db, code).await.unwrap().unwrap().status,
        change.action,
    )
    .map(|s| s.as_str())
    .unwrap_or("?");
    apply(db, &Calendar::default(), code, version, &change, |_| {
        vec![sms(status)]
    })
    .await
}

#[tokio::test]
async fn a_dossier_goes_through_a_supplement_to_its_return_and_every_step_is_recorded() {
    for db in databases().await {
        let code = submitted(&db).await;
        let mon = date(2026, 11, 23);
        step(&db, &code, change(Action::Receive, mon, None))
            .await
            .unwrap();
        step(&db, &code, change(Action::StartProcessing, mon, None))
            .await
            .unwrap();
        let asked = step(
            &db,
            &code,
            change(
                Action::RequestSupplement,
                date(2026, 11, 24),
                Some("Giấy chứng sinh"),
            ),
        )
        .await
        .unwrap();
        assert_eq!(asked.supplement_note.as_deref(), Some("Giấy chứng sinh"));
        assert_eq!(asked.paused_on, Some(date(2026, 11, 24)));
        // Received Monday 23/11: due Thursday 26/11, counted from reception (not from the
        // submission's provisional 27/11). Supplied on Thursday: two working days (25, 26)
        // paused, due Thursday 26 → Monday 30/11.
        let mut supplied = change(Action::ProvideSupplement, date(2026, 11, 26), None);
        supplied.actor = Actor::citizen();
        supplied.add_answers = [("bo-sung-1".to_string(), "abc.pdf/giay.pdf".to_string())].into();
        let back = step(&db, &code, supplied).await.unwrap();
        assert_eq!(back.status, Status::Processing);
        assert_eq!(back.due_date, date(2026, 11, 30));
        assert_eq!(back.first_due_date, date(2026, 11, 26));
        assert_eq!(back.paused_days, 2);
        assert_eq!(
            back.answers.get("bo-sung-1").map(String::as_str),
            Some("abc.pdf/giay.pdf")
        );
        step(
            &db,
            &code,
            change(Action::MarkDone, date(2026, 11, 30), None),
        )
        .await
        .unwrap();
        let returned = step(
            &db,
            &code,
            change(Action::ReturnResult, date(2026, 12, 1), None),
        )
        .await
        .unwrap();
        assert_eq!(returned.status, Status::ResultReturned);
        assert!(returned.done_at.is_some() && returned.received_at.is_some());

        let history = events(&db, &code).await.unwrap();
        let statuses: Vec<Status> = history.iter().map(|e| e.to).collect();
        assert_eq!(
            statuses,
            vec![
                Status::Submitted,
                Status::Received,
                Status::Processing,
                Status::SupplementRequested,
                Status::Processing,
                Status::Done,
                Status::ResultReturned
            ]
        );
        assert_eq!(history[3].note.as_deref(), Some("Giấy chứng sinh"));
        assert_eq!(history[3].actor_name, "Trần Thị Bình");
        assert_eq!(history[4].actor, CITIZEN);
        let outbox: Vec<String> = messages_of(&db, &code)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.body)
            .collect();
        assert_eq!(
            outbox,
            vec![
                "gui",
                "received",
                "processing",
                "supplement",
                "processing",
                "done",
                "returned"
            ]
        );
    }
}

#[tokio::test]
async fn of_two_clerks_acting_at_once_one_wins_and_the_other_is_told() {
    for db in databases().await {
        let code = submitted(&db).await;
        let day = date(2026, 11, 23);
        let tries = [
            change(Action::Receive, day, None),
            change(Action::RefuseIntake, day, Some("Sai thẩm quyền")),
        ]
        .map(|change| {
            let (db, code) = (db.clone(), code.clone());
            async move {
                apply(&db, &Calendar::default(), &code, 1, &change, |_| {
                    vec![sms("x")]
                })
                .await
            }
        });
        let results = join_all(tries).await;
        let won = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(won, 1, "{results:?}");
        let now = dossier(&db, &code).await.unwrap().unwrap();
        assert!(
            results
                .iter()
                .any(|r| matches!(r, Err(BackofficeError::Stale(s)) if *s == now.status))
        );
        assert_eq!(now.version, 2);
        assert_eq!(events(&db, &code).await.unwrap().len(), 2);
        // The loser's message was not queued either.
        assert_eq!(messages_of(&db, &code).await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn a_forbidden_move_or_a_missing_note_changes_nothing() {
    for db in databases().await {
        let code = submitted(&db).await;
        let day = date(2026, 11, 23);
        assert!(matches!(
            step(&db, &code, change(Action::MarkDone, day, None)).await,
            Err(BackofficeError::Forbidden(_))
        ));
        step(&db, &code, change(Action::Receive, day, None))
            .await
            .unwrap();
        assert!(matches!(
            step(
                &db,
                &code,
                change(Action::RequestSupplement, day, Some("  "))
            )
            .await,
            Err(BackofficeError::NoteMissing)
        ));
        let mut late = change(Action::ApologiseLate, day, Some("Xin lỗi vì chậm trễ."));
        late.new_due = Some(day);
        assert!(matches!(
            step(&db, &code, late.clone()).await,
            Err(BackofficeError::BadNewDueDate)
        ));
        let now = dossier(&db, &code).await.unwrap().unwrap();
        assert_eq!((now.status, now.version), (Status::Received, 2));
        late.new_due = Some(date(2026, 12, 4));
        let apologised = step(&db, &code, late).await.unwrap();
        assert_eq!(apologised.status, Status::Received);
        assert_eq!(apologised.due_date, date(2026, 12, 4));
        let last = events(&db, &code).await.unwrap().pop().unwrap();
        assert_eq!(
            last.note.as_deref(),
            Some("Xin lỗi vì chậm trễ. Ngày hẹn trả mới: 04/12/2026.")
        );
        // One apology only (Mẫu 04 is given once).
        let mut again = change(Action::ApologiseLate, day, Some("Lại chậm."));
        again.new_due = Some(date(2026, 12, 9));
        assert!(matches!(
            step(&db, &code, again).await,
            Err(BackofficeError::AlreadyApologised)
        ));
        assert_eq!(
            dossier(&db, &code).await.unwrap().unwrap().due_date,
            date(2026, 12, 4)
        );
    }
}

#[tokio::test]
async fn reception_issues_a_numbered_receipt_and_counts_the_due_moment_from_it() {
    for db in databases().await {
        let code = submitted(&db).await;
        let before = dossier(&db, &code).await.unwrap().unwrap();
        assert!(receipt(&db, &code).await.unwrap().is_none());
        assert_eq!(before.due_at, None);
        // Received on Thursday 26/11 at 10:00: three working days → Tuesday 1/12 at 16:30.
        let thursday = date(2026, 11, 26);
        let received = step(&db, &code, change(Action::Receive, thursday, None))
            .await
            .unwrap();
        assert_eq!(received.due_date, date(2026, 12, 1));
        assert_eq!(
            received.due_at.map(|t| crate::state::local(t).to_string()),
            Some("2026-12-01 16:30:00".to_string())
        );
        let receipt = receipt(&db, &code).await.unwrap().unwrap();
        assert_eq!(
            (receipt.year, receipt.office.as_str()),
            (2026, "UBND phường Tân An")
        );
        assert!(receipt.number >= 1);
        assert_eq!(receipt.officer_name, "Trần Thị Bình");
        assert_eq!(receipt.due_at, received.due_at.unwrap());
        assert_eq!(receipt.documents[0].name, "Giấy chứng sinh");
    }
}

#[tokio::test]
async fn receptions_at_once_on_two_connections_take_every_number_once_without_a_gap() {
    for db in databases().await {
        let mut codes = Vec::new();
        for _ in 0..8 {
            codes.push(submitted(&db).await);
        }
        let day = date(2026, 11, 23);
        // One of them is received twice at once: the loser must not use up a number.
        codes.push(codes[0].clone());
        let tries = codes.iter().map(|code| {
            let (db, code) = (db.clone(), code.clone());
            async move {
                apply(
                    &db,
                    &Calendar::default(),
                    &code,
                    1,
                    &change(Action::Receive, day, None),
                    |_| Vec::new(),
                )
                .await
            }
        });
        let results = join_all(tries).await;
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            8,
            "{results:?}"
        );
        let mut numbers = Vec::new();
        for code in &codes[..8] {
            numbers.push(receipt(&db, code).await.unwrap().unwrap().number);
        }
        numbers.sort();
        assert_eq!(numbers, (1..=8).collect::<Vec<i64>>());
    }
}

#[tokio::test]
async fn a_dossier_is_rated_once() {
    for db in databases().await {
        let code = submitted(&db).await;
        assert!(
            rate(&db, &code, 4, Some("Nhanh"), crate::state::now())
                .await
                .unwrap()
        );
        assert!(
            !rate(&db, &code, 1, None, crate::state::now())
                .await
                .unwrap()
        );
        let rating = rating(&db, &code).await.unwrap().unwrap();
        assert_eq!(
            (rating.score, rating.comment.as_deref()),
            (4, Some("Nhanh"))
        );
    }
}

#[tokio::test]
async fn an_office_s_queue_reads_only_its_own_dossiers_of_the_statuses_asked() {
    for db in databases().await {
        let office = format!("UBND phường {}", crate::random::letters(8));
        let new = submitted_to(&db, &office).await;
        let received = submitted_to(&db, &office).await;
        step(
            &db,
            &received,
            change(Action::Receive, date(2026, 11, 24), None),
        )
        .await
        .unwrap();
        // Another office's: never among this office's.
        submitted_to(&db, "UBND xã Hòa Phú").await;
        let codes = |found: Vec<Dossier>| {
            let mut codes: Vec<String> = found.into_iter().map(|d| d.code).collect();
            codes.sort();
            codes
        };
        let mut both = vec![new.clone(), received.clone()];
        both.sort();
        assert_eq!(
            codes(office_dossiers_in(&db, &office, None).await.unwrap()),
            both
        );
        assert_eq!(
            codes(
                office_dossiers_in(&db, &office, Some(&[Status::Submitted]))
                    .await
                    .unwrap()
            ),
            vec![new]
        );
        assert_eq!(
            codes(
                office_dossiers_in(&db, &office, Some(&[Status::Received, Status::Done]))
                    .await
                    .unwrap()
            ),
            vec![received]
        );
        assert!(
            office_dossiers_in(&db, &office, Some(&[]))
                .await
                .unwrap()
                .is_empty()
        );
    }
}
