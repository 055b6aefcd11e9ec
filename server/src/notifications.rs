//! The outbox worker: messages queued with each status change are sent by SMS and email, with
//! retries and backoff (`app::dossiers::store::record_delivery`). Senders are chosen by the
//! environment: SMS to a file in development or to an HTTP gateway; email over SMTP, or
//! skipped when no SMTP server is configured.

use app::db::Db;
use app::dossiers::store::{self, Delivery, QueuedMessage};
use chrono::Utc;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::watch;

/// Sends one SMS. Blocking: the worker calls it off the async threads. `key` is the same for
/// every attempt of one message, so a gateway can drop a repeat (a worker that died after
/// sending but before recording).
pub trait SmsSender: Send + Sync {
    fn send(&self, key: &str, to: &str, text: &str) -> Result<(), String>;
}

/// Sends one email. Blocking too.
pub trait EmailSender: Send + Sync {
    fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String>;
}

/// Development: every SMS is a line appended to a file (`data/sms.log` by default).
pub struct FileSms {
    pub path: PathBuf,
}

impl SmsSender for FileSms {
    fn send(&self, _key: &str, to: &str, text: &str) -> Result<(), String> {
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|e| e.to_string())?;
        let line = format!(
            "{}\t{to}\t{}\n",
            Utc::now().to_rfc3339(),
            text.replace('\n', " ")
        );
        file.write_all(line.as_bytes()).map_err(|e| e.to_string())
    }
}

/// An SMS gateway that takes a JSON POST `{"to": ..., "text": ...}` with a bearer token
/// (`MC_SMS_URL`, `MC_SMS_TOKEN`); any 2xx answer is a sent message.
pub struct HttpSms {
    pub url: String,
    pub token: String,
    agent: ureq::Agent,
}

impl HttpSms {
    pub fn new(url: String, token: String) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(std::time::Duration::from_secs(15)))
            .http_status_as_error(false)
            .build()
            .into();
        Self { url, token, agent }
    }
}

impl SmsSender for HttpSms {
    fn send(&self, key: &str, to: &str, text: &str) -> Result<(), String> {
        let body = serde_json::json!({ "to": to, "text": text }).to_string();
        let response = self
            .agent
            .post(&self.url)
            .header("Authorization", &format!("Bearer {}", self.token))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .send(body.as_bytes())
            .map_err(|e| e.to_string())?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(format!("SMS gateway answered {}", response.status()))
        }
    }
}

/// Email over SMTP (`MC_SMTP_URL`, e.g. `smtps://user:pass@smtp.example.vn`, and `MC_SMTP_FROM`).
pub struct SmtpEmail {
    transport: lettre::SmtpTransport,
    from: lettre::message::Mailbox,
}

impl SmtpEmail {
    pub fn new(url: &str, from: &str) -> anyhow::Result<Self> {
        let transport = lettre::SmtpTransport::from_url(url)?.build();
        Ok(Self {
            transport,
            from: from.parse()?,
        })
    }
}

impl EmailSender for SmtpEmail {
    fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        use lettre::Transport;
        let message = lettre::Message::builder()
            .from(self.from.clone())
            .to(to
                .parse()
                .map_err(|e: lettre::address::AddressError| e.to_string())?)
            .subject(subject)
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(body.to_string())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// How messages leave the building.
#[derive(Clone)]
pub struct Senders {
    pub sms: Arc<dyn SmsSender>,
    /// None: no SMTP configured; email messages are marked skipped.
    pub email: Option<Arc<dyn EmailSender>>,
}

impl Senders {
    /// From the environment: `MC_SMS_URL` (+ `MC_SMS_TOKEN`) or else the file `MC_SMS_LOG`
    /// (default `<data>/sms.log`); `MC_SMTP_URL` (+ `MC_SMTP_FROM`) or no email.
    pub fn from_env(data_dir: &str) -> anyhow::Result<Self> {
        let sms: Arc<dyn SmsSender> = match std::env::var("MC_SMS_URL") {
            Ok(url) if !url.is_empty() => Arc::new(HttpSms::new(
                url,
                std::env::var("MC_SMS_TOKEN").unwrap_or_default(),
            )),
            _ => Arc::new(FileSms {
                path: std::env::var("MC_SMS_LOG")
                    .map(PathBuf::from)
                    .unwrap_or_else(|_| PathBuf::from(data_dir).join("sms.log")),
            }),
        };
        let email: Option<Arc<dyn EmailSender>> = match std::env::var("MC_SMTP_URL") {
            Ok(url) if !url.is_empty() => {
                let from = std::env::var("MC_SMTP_FROM")
                    .unwrap_or_else(|_| "Một Cửa <khong-tra-loi@motcua.local>".into());
                Some(Arc::new(SmtpEmail::new(&url, &from)?))
            }
            _ => None,
        };
        Ok(Self { sms, email })
    }
}

/// Messages handled per round.
const BATCH: i64 = 50;
const EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// Starts the worker. When `stopping` turns true (the server got SIGTERM) it finishes the message
/// in hand, gives back the others it claimed so another server sends them at once, and ends: the
/// handle resolves then.
pub fn start(
    db: Db,
    senders: Senders,
    mut stopping: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(EVERY);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = interval.tick() => {}
                _ = stopping.wait_for(|stop| *stop) => return,
            }
            if let Err(error) = drain_until(&db, &senders, &stopping).await {
                tracing::error!("sending notifications: {error}");
            }
        }
    })
}

/// Claims the messages that are due, sends them and records each; returns how many were
/// attempted. Several servers may drain at once: each message goes to one of them.
pub async fn drain(db: &Db, senders: &Senders) -> Result<usize, store::BackofficeError> {
    let (_never_stops, running) = watch::channel(false);
    drain_until(db, senders, &running).await
}

/// `drain`, stopping before the next message once `stopping` is true; the messages it claimed
/// and did not try are given back.
pub async fn drain_until(
    db: &Db,
    senders: &Senders,
    stopping: &watch::Receiver<bool>,
) -> Result<usize, store::BackofficeError> {
    let claimed_at = Utc::now();
    let due = store::claim_due(db, claimed_at, store::CLAIM_LEASE, BATCH).await?;
    for (tried, message) in due.iter().enumerate() {
        if *stopping.borrow() {
            store::release_claims(db, &due[tried..], claimed_at, store::CLAIM_LEASE).await?;
            tracing::info!(
                "stopping: {} claimed messages given back to the other servers",
                due.len() - tried
            );
            return Ok(tried);
        }
        let outcome = match sms_allowed(db, message).await? {
            true => send(senders, message).await,
            false => Delivery::Skipped(format!(
                "more than {} SMS to this number today",
                app::limits::SMS_PER_PHONE.per_day()
            )),
        };
        if let (Delivery::Failed(_), "sms") = (&outcome, message.channel.as_str()) {
            // Not sent: it does not use up the number's allowance.
            app::limits::take(
                db,
                &app::limits::SMS_PER_PHONE,
                &message.recipient,
                -1,
                Utc::now(),
            )
            .await
            .map_err(store::BackofficeError::from)?;
        }
        if let Delivery::Failed(why) = &outcome {
            tracing::warn!(
                id = message.id,
                attempts = message.attempts + 1,
                "message not sent: {why}"
            );
        }
        store::record_delivery(db, message, &outcome, Utc::now()).await?;
    }
    Ok(due.len())
}

/// Whatever made them (a status change, a submission typed by a stranger), one number gets at
/// most so many SMS a day from the office: the sender cannot be turned into someone's spam.
async fn sms_allowed(db: &Db, message: &QueuedMessage) -> Result<bool, store::BackofficeError> {
    if message.channel != "sms" {
        return Ok(true);
    }
    Ok(app::limits::take(
        db,
        &app::limits::SMS_PER_PHONE,
        &message.recipient,
        1,
        Utc::now(),
    )
    .await?)
}

async fn send(senders: &Senders, message: &QueuedMessage) -> Delivery {
    let message = message.clone();
    let senders = senders.clone();
    let result = tokio::task::spawn_blocking(move || match message.channel.as_str() {
        "sms" => Some(
            senders
                .sms
                .send(&message.id, &message.recipient, &message.body),
        ),
        "email" => senders
            .email
            .as_ref()
            .map(|email| email.send(&message.recipient, &message.subject, &message.body)),
        _ => None,
    })
    .await;
    match result {
        Ok(Some(Ok(()))) => Delivery::Sent,
        Ok(Some(Err(why))) => Delivery::Failed(why),
        Ok(None) => Delivery::Skipped("no sender configured for this channel".into()),
        Err(panic) => Delivery::Failed(format!("sender crashed: {panic}")),
    }
}

#[cfg(test)]
mod tests {
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
        let flaky = Arc::new(Flaky {
            failures: 1,
            calls: AtomicUsize::new(0),
            sent: Mutex::new(Vec::new()),
        });
        let senders = Senders {
            sms: flaky.clone(),
            email: None,
        };
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
        let other = Arc::new(Flaky {
            failures: 0,
            calls: AtomicUsize::new(0),
            sent: Mutex::new(Vec::new()),
        });
        let others = Senders {
            sms: other.clone(),
            email: None,
        };
        assert_eq!(drain(&db, &others).await.unwrap(), 2);
        let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'sent'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(sent, 3);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn one_number_gets_at_most_its_daily_sms_whatever_asks_for_them() {
        let (db, dir) = database().await;
        let flaky = Arc::new(Flaky {
            failures: 0,
            calls: AtomicUsize::new(0),
            sent: Mutex::new(Vec::new()),
        });
        let senders = Senders {
            sms: flaky.clone(),
            email: None,
        };
        let cap = app::limits::SMS_PER_PHONE.per_day() as usize;
        for n in 0..cap + 3 {
            dossier_with(&db, vec![sms(&format!("Ho so {n}"))]).await;
        }
        while drain(&db, &senders).await.unwrap() > 0 {}
        assert_eq!(flaky.sent.lock().unwrap().len(), cap);
        let skipped: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'skipped'")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert_eq!(skipped, 3);
        std::fs::remove_dir_all(dir).unwrap();
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
}
