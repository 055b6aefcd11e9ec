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

/// Sends one email. Blocking too. `key` is the same for every attempt of one message, as for
/// SMS.
pub trait EmailSender: Send + Sync {
    fn send(&self, key: &str, to: &str, subject: &str, body: &str) -> Result<(), String>;
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
            .timeout_global(Some(SEND_TIMEOUT))
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
        let transport = lettre::SmtpTransport::from_url(url)?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        Ok(Self {
            transport,
            from: from.parse()?,
        })
    }
}

/// The email of one outbox message. Its Message-ID is made from the message's id (`key`), the
/// same at every attempt: a mail system that already has it can drop the repeat (a worker that
/// died after sending but before recording).
fn email(
    from: &lettre::message::Mailbox,
    key: &str,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<lettre::Message, String> {
    lettre::Message::builder()
        .from(from.clone())
        .to(to
            .parse()
            .map_err(|e: lettre::address::AddressError| e.to_string())?)
        .subject(subject)
        .message_id(Some(format!("<{key}@{}>", from.email.domain())))
        .header(lettre::message::header::ContentType::TEXT_PLAIN)
        .body(body.to_string())
        .map_err(|e| e.to_string())
}

impl EmailSender for SmtpEmail {
    fn send(&self, key: &str, to: &str, subject: &str, body: &str) -> Result<(), String> {
        use lettre::Transport;
        let message = email(&self.from, key, to, subject, body)?;
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

/// The longest one send may take (SMS gateway or SMTP server) before it counts as failed.
const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);
/// Messages claimed per round: few enough that the whole batch, each send at its timeout, ends
/// within three quarters of the lease, so the last ones are not left to lapse while the first
/// are sent (each is renewed before its send in any case).
const BATCH: i64 = 6;
const _: () =
    assert!(BATCH as u64 * SEND_TIMEOUT.as_secs() <= store::CLAIM_LEASE_SECS as u64 * 3 / 4);
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
    let claim = store::claim_due(db, Utc::now(), store::CLAIM_LEASE_SECS, BATCH).await?;
    let mut tried = 0;
    for (next, message) in claim.messages.iter().enumerate() {
        if *stopping.borrow() {
            store::release_claims(db, &claim, &claim.messages[next..]).await?;
            tracing::info!(
                "stopping: {} claimed messages given back to the other servers",
                claim.messages.len() - next
            );
            return Ok(tried);
        }
        // Held afresh for this send, or not ours any more (the lease ran out while earlier
        // sends were slow, and another server may be sending it): then this one must not.
        if !store::renew_claim(db, &claim, message, store::CLAIM_LEASE_SECS).await? {
            tracing::info!(
                id = message.id,
                "claim lapsed: left to the server holding it"
            );
            continue;
        }
        tried += 1;
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
    Ok(tried)
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
        "email" => senders.email.as_ref().map(|email| {
            email.send(
                &message.id,
                &message.recipient,
                &message.subject,
                &message.body,
            )
        }),
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
mod tests;
