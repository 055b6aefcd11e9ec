//! The outbox worker with stand-in senders, on SQLite.

use super::*;
use app::dossiers::store::{Channel, Outgoing};
use app::drafts::store as filing;
use domain::procedure::Answers;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Fails the first `failures` sends, then works; remembers what it sent.
struct Flaky {
    failures: usize,
    calls: AtomicUsize,
    sent: Mutex<Vec<String>>,
}

/// An SMS gateway that fails its first `failures` sends, and the senders that use it.
fn gateway(failures: usize) -> (Arc<Flaky>, Senders) {
    let flaky = Arc::new(Flaky {
        failures,
        calls: AtomicUsize::new(0),
        sent: Mutex::new(Vec::new()),
    });
    let senders = Senders {
        sms: flaky.clone(),
        email: None,
    };
    (flaky, senders)
}

impl SmsSender for Flaky {
    fn send(&self, _key: &str, to: &str, text: &str) -> Result<(), String> {
        if self.calls.fetch_add(1, Ordering::SeqCst) < self.failures {
            return Err("gateway down".into());
        }
        self.sent.lock().unwrap().push(format!("{to}: {text}"));
        Ok(())
    }
}

async fn database() -> (Db, PathBuf) {
    let dir = std::env::temp_dir().join(format!("mot-cua-notify-{}", app::random::letters(10)));
    let db = Db::connect(&format!("sqlite://{}/mot-cua.db", dir.display()))
        .await
        .unwrap();
    db.migrate().await.unwrap();
    (db, dir)
}

async fn dossier_with(db: &Db, messages: Vec<Outgoing>) -> String {
    let draft = filing::create_draft(
        db,
        "khai-sinh",
        &app::random::resume_code(),
        &Answers::new(),
        Utc::now(),
    )
    .await
    .unwrap();
    let code = format!("KS-{}", app::random::letters(8));
    app::dossiers::store::submit(
        db,
        &draft,
        app::dossiers::store::NewDossier {
            code: code.clone(),
            office: "UBND phường Tân An".into(),
            answers: Answers::new(),
            submitted_at: Utc::now(),
            due_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            messages,
        },
    )
    .await
    .unwrap();
    code
}

fn sms(text: &str) -> Outgoing {
    Outgoing {
        channel: Channel::Sms,
        recipient: "0905123456".into(),
        subject: String::new(),
        body: text.into(),
    }
}

#[tokio::test]
async fn a_failing_gateway_is_retried_and_the_message_goes_out_once() {
    let (db, dir) = database().await;
    let (flaky, senders) = gateway(1);
    let code = dossier_with(&db, vec![sms("Ho so da gui")]).await;
    assert_eq!(drain(&db, &senders).await.unwrap(), 1);
    assert!(flaky.sent.lock().unwrap().is_empty());
    let waiting = store::messages_of(&db, &code).await.unwrap().pop().unwrap();
    assert_eq!((waiting.state.as_str(), waiting.attempts), ("pending", 1));
    // Not retried before its backoff is over.
    assert_eq!(drain(&db, &senders).await.unwrap(), 0);
    sqlx::query("UPDATE outbox SET next_attempt_at = $1")
        .bind((Utc::now() - chrono::Duration::seconds(1)).to_rfc3339())
        .execute(&db.pool)
        .await
        .unwrap();
    assert_eq!(drain(&db, &senders).await.unwrap(), 1);
    assert_eq!(
        *flaky.sent.lock().unwrap(),
        vec!["0905123456: Ho so da gui".to_string()]
    );
    let sent = store::messages_of(&db, &code).await.unwrap().pop().unwrap();
    assert_eq!((sent.state.as_str(), sent.attempts), ("sent", 2));
    assert_eq!(drain(&db, &senders).await.unwrap(), 0);
    std::fs::remove_dir_all(dir).unwrap();
}

/// Sends, and on its first message the server is told to stop (SIGTERM mid-send).
struct StoppedWhileSending {
    stop: watch::Sender<bool>,
    sent: Mutex<Vec<String>>,
}

impl SmsSender for StoppedWhileSending {
    fn send(&self, _key: &str, _to: &str, text: &str) -> Result<(), String> {
        self.stop.send_replace(true);
        self.sent.lock().unwrap().push(text.to_string());
        Ok(())
    }
}

#[tokio::test]
async fn a_stopping_worker_sends_the_message_in_hand_and_another_sends_the_rest_at_once() {
    let (db, dir) = database().await;
    let (stop, stopping) = watch::channel(false);
    let stopped = Arc::new(StoppedWhileSending {
        stop,
        sent: Mutex::new(Vec::new()),
    });
    let senders = Senders {
        sms: stopped.clone(),
        email: None,
    };
    for n in 0..3 {
        dossier_with(&db, vec![sms(&format!("Ho so {n}"))]).await;
    }
    assert_eq!(drain_until(&db, &senders, &stopping).await.unwrap(), 1);
    assert_eq!(stopped.sent.lock().unwrap().len(), 1);
    // The other server's worker, long before the stopped one's lease would have run out.
    let (_, others) = gateway(0);
    assert_eq!(drain(&db, &others).await.unwrap(), 2);
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'sent'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(sent, 3);
    std::fs::remove_dir_all(dir).unwrap();
}

/// A gateway so slow on the first message that the worker's lease runs out meanwhile and
/// another server claims the batch.
struct SlowPastTheLease {
    db: Db,
    sent: Mutex<Vec<String>>,
}

impl SmsSender for SlowPastTheLease {
    fn send(&self, _key: &str, _to: &str, text: &str) -> Result<(), String> {
        if self.sent.lock().unwrap().is_empty() {
            let db = self.db.clone();
            tokio::runtime::Handle::current().block_on(async move {
                sqlx::query("UPDATE outbox SET claimed_until = '2000-01-01T00:00:00.000000Z'")
                    .execute(&db.pool)
                    .await
                    .unwrap();
                store::claim_due(&db, Utc::now(), store::CLAIM_LEASE_SECS, 50)
                    .await
                    .unwrap()
            });
        }
        self.sent.lock().unwrap().push(text.to_string());
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_whose_lease_ran_out_mid_batch_leaves_the_rest_to_the_server_holding_them() {
    let (db, dir) = database().await;
    for n in 0..3 {
        dossier_with(&db, vec![sms(&format!("Ho so {n}"))]).await;
    }
    let slow = Arc::new(SlowPastTheLease {
        db: db.clone(),
        sent: Mutex::new(Vec::new()),
    });
    let senders = Senders {
        sms: slow.clone(),
        email: None,
    };
    assert_eq!(drain(&db, &senders).await.unwrap(), 1);
    assert_eq!(*slow.sent.lock().unwrap(), vec!["Ho so 0".to_string()]);
    // The other server, once its own claim ends (it died), sends the two others: each once.
    sqlx::query("UPDATE outbox SET claimed_until = '2000-01-01T00:00:00.000000Z'")
        .execute(&db.pool)
        .await
        .unwrap();
    let (other, others) = gateway(0);
    assert_eq!(drain(&db, &others).await.unwrap(), 2);
    assert_eq!(
        *other.sent.lock().unwrap(),
        vec![
            "0905123456: Ho so 1".to_string(),
            "0905123456: Ho so 2".to_string()
        ]
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn one_number_gets_at_most_its_daily_sms_whatever_asks_for_them() {
    let (db, dir) = database().await;
    let (flaky, senders) = gateway(0);
    let cap = app::limits::SMS_PER_PHONE.per_day() as usize;
    for n in 0..cap + 3 {
        dossier_with(&db, vec![sms(&format!("Ho so {n}"))]).await;
    }
    while drain(&db, &senders).await.unwrap() > 0 {}
    assert_eq!(flaky.sent.lock().unwrap().len(), cap);
    let skipped: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'skipped'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(skipped, 3);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn every_attempt_of_one_email_carries_the_same_message_id_and_other_emails_another() {
    let from: lettre::message::Mailbox =
        "Một Cửa <khong-tra-loi@motcua.example.vn>".parse().unwrap();
    let message_id = |key: &str| {
        let sent = email(&from, key, "an@example.vn", "Hồ sơ", "Nội dung").unwrap();
        let headers = String::from_utf8(sent.formatted()).unwrap();
        headers
            .lines()
            .find_map(|line| line.strip_prefix("Message-ID: "))
            .map(str::to_string)
    };
    let first = message_id("abcDEF123");
    assert_eq!(first.as_deref(), Some("<abcDEF123@motcua.example.vn>"));
    assert_eq!(message_id("abcDEF123"), first);
    assert_ne!(message_id("xyzXYZ789"), first);
}

#[tokio::test]
async fn without_smtp_email_is_skipped_and_sms_goes_to_the_log_file() {
    let (db, dir) = database().await;
    let log = dir.join("sms.log");
    let senders = Senders {
        sms: Arc::new(FileSms { path: log.clone() }),
        email: None,
    };
    let email = Outgoing {
        channel: Channel::Email,
        recipient: "an@example.vn".into(),
        subject: "Hồ sơ".into(),
        body: "Nội dung".into(),
    };
    let code = dossier_with(&db, vec![sms("Ho so KS da gui"), email]).await;
    assert_eq!(drain(&db, &senders).await.unwrap(), 2);
    let states: Vec<String> = store::messages_of(&db, &code)
        .await
        .unwrap()
        .into_iter()
        .map(|m| format!("{} {}", m.channel, m.state))
        .collect();
    assert!(states.contains(&"sms sent".to_string()), "{states:?}");
    assert!(states.contains(&"email skipped".to_string()), "{states:?}");
    let written = std::fs::read_to_string(&log).unwrap();
    assert!(
        written.ends_with("\t0905123456\tHo so KS da gui\n"),
        "{written}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
