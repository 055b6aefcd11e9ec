//! Dossiers after submission: their status changes (each with an event, the messages telling
//! the citizen, and a version check so two clerks never overwrite each other), the history,
//! the outbox of messages, and ratings. Portable SQL (SQLite and PostgreSQL).

use crate::db::Db;
use crate::i18n::StatusWords;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::Texts;
use domain::lifecycle::{self, Action, Forbidden, Status};
use domain::procedure::Answers;
use domain::working_days::Calendar;
use sqlx::Row;

/// What went wrong; it reads in the page's language (Vietnamese outside a request).
#[derive(Debug, thiserror::Error)]
pub enum BackofficeError {
    #[error("{}", text("office.error.not_found", &[]))]
    NotFound,
    /// Someone else changed the dossier since the page was drawn; nothing was saved.
    #[error("{}", stale_text(.0))]
    Stale(Status),
    #[error("{}", .0.words(&crate::i18n::page()))]
    Forbidden(#[from] Forbidden),
    #[error("{}", text("office.error.note_missing", &[]))]
    NoteMissing,
    #[error("{}", text("office.error.bad_new_due_date", &[]))]
    BadNewDueDate,
    #[error("{}", text("office.error.database", &[]))]
    Database(#[from] sqlx::Error),
    #[error("{}", text("office.error.corrupt", &[("detail", .0)]))]
    Corrupt(String),
}

/// A message in the page's language.
fn text(key: &str, args: &[(&str, &str)]) -> String {
    crate::i18n::page().text(key, args)
}

fn stale_text(now: &Status) -> String {
    text("office.error.stale", &[("status", &now.label())])
}

type Result<T> = std::result::Result<T, BackofficeError>;

/// A dossier as the back office and the lookup read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Dossier {
    pub code: String,
    pub draft_id: String,
    pub procedure_id: String,
    pub office: String,
    pub answers: Answers,
    pub status: Status,
    pub version: i64,
    pub submitted_at: DateTime<Utc>,
    pub received_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
    pub returned_at: Option<DateTime<Utc>>,
    pub due_date: NaiveDate,
    pub first_due_date: NaiveDate,
    /// What is missing, while a supplement request is open.
    pub supplement_note: Option<String>,
    /// The local day the open supplement request was made.
    pub paused_on: Option<NaiveDate>,
    pub paused_days: i64,
    pub supplements: i64,
}

impl Dossier {
    /// What the dashboard needs of it (local dates).
    pub fn facts(&self, rating: Option<i64>) -> super::dashboard::Facts {
        use crate::state::local;
        super::dashboard::Facts {
            procedure_id: self.procedure_id.clone(),
            status: self.status,
            submitted: local(self.submitted_at).date(),
            received: self.received_at.map(|t| local(t).date()),
            done: self.done_at.map(|t| local(t).date()),
            first_due: self.first_due_date,
            paused_days: u32::try_from(self.paused_days).unwrap_or(0),
            supplements: u32::try_from(self.supplements).unwrap_or(0),
            rating: rating.and_then(|r| u8::try_from(r).ok()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub actor_name: String,
    pub action: String,
    pub from: Option<Status>,
    pub to: Status,
    pub note: Option<String>,
}

/// Who made a change: a staff member, or the citizen (`actor` "citizen").
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub id: String,
    pub name: String,
}

pub const CITIZEN: &str = "citizen";

impl Actor {
    pub fn citizen() -> Self {
        Self {
            id: CITIZEN.into(),
            name: stored!("stored.applicant"),
        }
    }
}

/// One status change asked for.
#[derive(Clone, Debug)]
pub struct Change {
    pub action: Action,
    pub actor: Actor,
    /// What is missing, why refused, why late: shown to the citizen.
    pub note: Option<String>,
    /// For a late apology: the new due date.
    pub new_due: Option<NaiveDate>,
    /// Documents added with the change (a supplement uploaded), merged into the answers.
    pub add_answers: Answers,
    pub now: DateTime<Utc>,
    /// The local (Vietnam) day of `now`.
    pub today: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Sms,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }
}

/// A message to send, queued in the outbox with the change it tells about.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub channel: Channel,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

fn time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| BackofficeError::Corrupt(format!("bad time {text}")))
}

fn day(text: &str) -> Result<NaiveDate> {
    text.parse()
        .map_err(|_| BackofficeError::Corrupt(format!("bad date {text}")))
}

fn status(text: &str) -> Result<Status> {
    Status::parse(text).ok_or_else(|| BackofficeError::Corrupt(format!("bad status {text}")))
}

const COLUMNS: &str =
    "code, draft_id, procedure_id, office, answers, status, version, submitted_at,
    received_at, done_at, returned_at, due_date, first_due_date, supplement_note, paused_on,
    paused_days, supplements";

fn dossier_from_row(row: &sqlx::any::AnyRow) -> Result<Dossier> {
    let opt_time = |name: &str| -> Result<Option<DateTime<Utc>>> {
        row.try_get::<Option<String>, _>(name)?
            .as_deref()
            .map(time)
            .transpose()
    };
    let due_date = day(&row.try_get::<String, _>("due_date")?)?;
    Ok(Dossier {
        code: row.try_get("code")?,
        draft_id: row.try_get("draft_id")?,
        procedure_id: row.try_get("procedure_id")?,
        office: row.try_get("office")?,
        answers: serde_json::from_str(&row.try_get::<String, _>("answers")?)
            .map_err(|e| BackofficeError::Corrupt(e.to_string()))?,
        status: status(&row.try_get::<String, _>("status")?)?,
        version: row.try_get("version")?,
        submitted_at: time(&row.try_get::<String, _>("submitted_at")?)?,
        received_at: opt_time("received_at")?,
        done_at: opt_time("done_at")?,
        returned_at: opt_time("returned_at")?,
        first_due_date: row
            .try_get::<Option<String>, _>("first_due_date")?
            .as_deref()
            .map(day)
            .transpose()?
            .unwrap_or(due_date),
        due_date,
        supplement_note: row.try_get("supplement_note")?,
        paused_on: row
            .try_get::<Option<String>, _>("paused_on")?
            .as_deref()
            .map(day)
            .transpose()?,
        paused_days: row.try_get("paused_days")?,
        supplements: row.try_get("supplements")?,
    })
}

pub async fn dossier(db: &Db, code: &str) -> Result<Option<Dossier>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM dossiers WHERE code = $1"))
        .bind(code)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(dossier_from_row).transpose()
}

/// Every dossier of an office (the queue filters and sorts them), newest first.
pub async fn office_dossiers(db: &Db, office: &str) -> Result<Vec<Dossier>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM dossiers WHERE office = $1 ORDER BY submitted_at DESC"
    ))
    .bind(office)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(dossier_from_row).collect()
}

/// Every dossier submitted since `since` (the dashboard), or all with `None`.
pub async fn dossiers_since(db: &Db, since: Option<DateTime<Utc>>) -> Result<Vec<Dossier>> {
    let since = since.map(|t| t.to_rfc3339()).unwrap_or_default();
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM dossiers WHERE submitted_at >= $1 ORDER BY submitted_at"
    ))
    .bind(since)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(dossier_from_row).collect()
}

pub async fn events(db: &Db, code: &str) -> Result<Vec<Event>> {
    let rows = sqlx::query(
        "SELECT seq, at, actor, actor_name, action, from_status, to_status, note
         FROM dossier_events WHERE dossier_code = $1 ORDER BY seq",
    )
    .bind(code)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Event {
                seq: row.try_get("seq")?,
                at: time(&row.try_get::<String, _>("at")?)?,
                actor: row.try_get("actor")?,
                actor_name: row.try_get("actor_name")?,
                action: row.try_get("action")?,
                from: row
                    .try_get::<Option<String>, _>("from_status")?
                    .as_deref()
                    .map(status)
                    .transpose()?,
                to: status(&row.try_get::<String, _>("to_status")?)?,
                note: row.try_get("note")?,
            })
        })
        .collect()
}

/// The dossier after `change`, computed from the one read (no database).
pub fn changed(calendar: &Calendar, dossier: &Dossier, change: &Change) -> Result<Dossier> {
    let to = lifecycle::next(dossier.status, change.action)?;
    let note = change
        .note
        .as_deref()
        .map(str::trim)
        .filter(|note| !note.is_empty());
    if change.action.needs_note() && note.is_none() {
        return Err(BackofficeError::NoteMissing);
    }
    let mut after = dossier.clone();
    after.status = to;
    after.version += 1;
    after.answers.extend(change.add_answers.clone());
    match change.action {
        Action::Receive => after.received_at = Some(change.now),
        Action::RequestSupplement => {
            after.supplement_note = note.map(str::to_string);
            after.paused_on = Some(change.today);
            after.supplements += 1;
        }
        Action::ProvideSupplement => {
            let asked = dossier.paused_on.unwrap_or(change.today);
            let (due, paused) = calendar.due_after_pause(dossier.due_date, asked, change.today);
            after.due_date = due;
            after.paused_days += i64::from(paused);
            after.paused_on = None;
            after.supplement_note = None;
        }
        Action::MarkDone => after.done_at = Some(change.now),
        Action::ReturnResult => after.returned_at = Some(change.now),
        Action::ApologiseLate => match change.new_due {
            Some(due) if due > change.today => after.due_date = due,
            _ => return Err(BackofficeError::BadNewDueDate),
        },
        Action::StartProcessing | Action::Refuse | Action::Withdraw => {}
    }
    Ok(after)
}

/// Applies `change` to the dossier as it was at `expected_version`, records the event and
/// queues the messages, all in one transaction. A dossier changed meanwhile is left as it is
/// and `Stale` says what it is now.
pub async fn apply(
    db: &Db,
    calendar: &Calendar,
    code: &str,
    expected_version: i64,
    change: &Change,
    messages: impl Fn(&Dossier) -> Vec<Outgoing>,
) -> Result<Dossier> {
    let current = dossier(db, code).await?.ok_or(BackofficeError::NotFound)?;
    if current.version != expected_version {
        return Err(BackofficeError::Stale(current.status));
    }
    let after = changed(calendar, &current, change)?;
    let opt = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339());
    let mut tx = db.pool.begin().await?;
    // The version check is here, in the write itself: whoever commits first wins.
    let updated = sqlx::query(
        "UPDATE dossiers SET status = $1, version = $2, answers = $3, received_at = $4,
             done_at = $5, returned_at = $6, due_date = $7, supplement_note = $8,
             paused_on = $9, paused_days = $10, supplements = $11
         WHERE code = $12 AND version = $13",
    )
    .bind(after.status.as_str())
    .bind(after.version)
    .bind(
        serde_json::to_string(&after.answers)
            .map_err(|e| BackofficeError::Corrupt(e.to_string()))?,
    )
    .bind(opt(after.received_at))
    .bind(opt(after.done_at))
    .bind(opt(after.returned_at))
    .bind(after.due_date.to_string())
    .bind(after.supplement_note.clone())
    .bind(after.paused_on.map(|d| d.to_string()))
    .bind(after.paused_days)
    .bind(after.supplements)
    .bind(code)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated != 1 {
        tx.rollback().await?;
        let now = dossier(db, code).await?.ok_or(BackofficeError::NotFound)?;
        return Err(BackofficeError::Stale(now.status));
    }
    let note = match change.action {
        Action::ApologiseLate => Some(stored!(
            "stored.new_due_date",
            note = change.note.as_deref().unwrap_or("").trim(),
            date = domain::dates::format_date_in(after.due_date, crate::prefs::Lang::Vi)
        )),
        _ => change
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string),
    };
    insert_event(
        &mut tx,
        code,
        after.version,
        change.now,
        &change.actor,
        change.action.as_str(),
        Some(current.status),
        after.status,
        note.as_deref(),
    )
    .await?;
    for message in messages(&after) {
        enqueue(&mut tx, code, &message, change.now).await?;
    }
    tx.commit().await?;
    Ok(after)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_event(
    conn: &mut sqlx::AnyConnection,
    code: &str,
    seq: i64,
    at: DateTime<Utc>,
    actor: &Actor,
    action: &str,
    from: Option<Status>,
    to: Status,
    note: Option<&str>,
) -> std::result::Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO dossier_events
             (dossier_code, seq, at, actor, actor_name, action, from_status, to_status, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(code)
    .bind(seq)
    .bind(at.to_rfc3339())
    .bind(&actor.id)
    .bind(&actor.name)
    .bind(action)
    .bind(from.map(|s| s.as_str()))
    .bind(to.as_str())
    .bind(note)
    .execute(conn)
    .await
    .map(|_| ())
}

pub(crate) async fn enqueue(
    conn: &mut sqlx::AnyConnection,
    code: &str,
    message: &Outgoing,
    now: DateTime<Utc>,
) -> std::result::Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (id, dossier_code, channel, recipient, subject, body, state,
             attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $7)",
    )
    .bind(crate::random::letters(24))
    .bind(code)
    .bind(message.channel.as_str())
    .bind(&message.recipient)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(now.to_rfc3339())
    .execute(conn)
    .await
    .map(|_| ())
}

/// A message in the outbox.
#[derive(Clone, Debug, PartialEq)]
pub struct QueuedMessage {
    pub id: String,
    pub dossier_code: String,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
}

fn message_from_row(row: &sqlx::any::AnyRow) -> Result<QueuedMessage> {
    Ok(QueuedMessage {
        id: row.try_get("id")?,
        dossier_code: row.try_get("dossier_code")?,
        channel: row.try_get("channel")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        state: row.try_get("state")?,
        attempts: row.try_get("attempts")?,
        last_error: row.try_get("last_error")?,
        created_at: time(&row.try_get::<String, _>("created_at")?)?,
    })
}

const MESSAGE_COLUMNS: &str =
    "id, dossier_code, channel, recipient, subject, body, state, attempts, last_error, created_at";

/// The messages of one dossier, oldest first (the clerk's page shows them).
pub async fn messages_of(db: &Db, code: &str) -> Result<Vec<QueuedMessage>> {
    let rows = sqlx::query(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM outbox WHERE dossier_code = $1 ORDER BY created_at, id"
    ))
    .bind(code)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(message_from_row).collect()
}

/// Messages whose time to be (re)tried has come.
pub async fn due_messages(db: &Db, now: DateTime<Utc>, limit: i64) -> Result<Vec<QueuedMessage>> {
    let rows = sqlx::query(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM outbox
         WHERE state = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at LIMIT $2"
    ))
    .bind(now.to_rfc3339())
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(message_from_row).collect()
}

/// How a sending attempt went.
#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    Sent,
    /// No way to send on this channel is configured: not an error to retry forever.
    Skipped(String),
    Failed(String),
}

/// Attempts before a message is given up (about a day with the backoff below).
pub const MAX_ATTEMPTS: i64 = 10;

/// Waiting time before attempt `attempts + 1`: 30 s doubling, at most 4 hours.
pub fn backoff(attempts: i64) -> Duration {
    let secs = 30i64.saturating_mul(1 << attempts.clamp(0, 20));
    Duration::seconds(secs.min(4 * 3600))
}

/// Records an attempt. Only a message still pending is changed (two workers never both count).
pub async fn record_delivery(
    db: &Db,
    message: &QueuedMessage,
    outcome: &Delivery,
    now: DateTime<Utc>,
) -> Result<()> {
    let attempts = message.attempts + 1;
    let (state, error, next) = match outcome {
        Delivery::Sent => ("sent", None, now),
        Delivery::Skipped(why) => ("skipped", Some(why.clone()), now),
        Delivery::Failed(why) if attempts >= MAX_ATTEMPTS => ("failed", Some(why.clone()), now),
        Delivery::Failed(why) => ("pending", Some(why.clone()), now + backoff(attempts)),
    };
    sqlx::query(
        "UPDATE outbox SET state = $1, attempts = $2, last_error = $3, next_attempt_at = $4,
             sent_at = CASE WHEN $1 = 'sent' THEN $5 ELSE sent_at END
         WHERE id = $6 AND state = 'pending' AND attempts = $7",
    )
    .bind(state)
    .bind(attempts)
    .bind(error)
    .bind(next.to_rfc3339())
    .bind(now.to_rfc3339())
    .bind(&message.id)
    .bind(message.attempts)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Queues messages outside a status change (the submission's acknowledgement).
pub async fn enqueue_all(
    db: &Db,
    code: &str,
    messages: &[Outgoing],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut tx = db.pool.begin().await?;
    for message in messages {
        enqueue(&mut tx, code, message, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rating {
    pub score: i64,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Records the citizen's rating; a second one for the same dossier is refused (returns false).
pub async fn rate(
    db: &Db,
    code: &str,
    score: i64,
    comment: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let added = sqlx::query(
        "INSERT INTO ratings (dossier_code, score, comment, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (dossier_code) DO NOTHING",
    )
    .bind(code)
    .bind(score)
    .bind(comment)
    .bind(now.to_rfc3339())
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok(added == 1)
}

pub async fn rating(db: &Db, code: &str) -> Result<Option<Rating>> {
    let row = sqlx::query("SELECT score, comment, created_at FROM ratings WHERE dossier_code = $1")
        .bind(code)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| {
        Ok(Rating {
            score: row.try_get("score")?,
            comment: row.try_get("comment")?,
            created_at: time(&row.try_get::<String, _>("created_at")?)?,
        })
    })
    .transpose()
}

/// Every rating with its dossier's office and procedure (the dashboard).
pub async fn all_ratings(db: &Db) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query("SELECT dossier_code, score FROM ratings")
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("dossier_code")?, row.try_get("score")?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;
    use crate::filing::store as filing;
    use futures::future::join_all;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A Tuesday morning in Vietnam (UTC+7).
    fn at(d: NaiveDate, hour: u32) -> DateTime<Utc> {
        d.and_hms_opt(hour, 0, 0).unwrap().and_utc() - Duration::hours(7)
    }

    fn sms(body: &str) -> Outgoing {
        Outgoing {
            channel: Channel::Sms,
            recipient: "0905123456".into(),
            subject: String::new(),
            body: body.into(),
        }
    }

    async fn submitted(db: &Db) -> String {
        let draft = filing::create_draft(
            db,
            "khai-sinh",
            &crate::random::resume_code(),
            &Answers::new(),
            Utc::now(),
        )
        .await
        .unwrap();
        let code = format!("KS-{}", crate::random::letters(8));
        filing::submit(
            db,
            &draft,
            filing::NewDossier {
                code: code.clone(),
                office: "UBND phường Tân An".into(),
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
            now: at(on, 10),
            today: on,
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
            // Supplied on Thursday: two working days (25, 26) paused, due Friday 27 → Tuesday 1/12.
            let mut supplied = change(Action::ProvideSupplement, date(2026, 11, 26), None);
            supplied.actor = Actor::citizen();
            supplied.add_answers =
                [("bo-sung-1".to_string(), "abc.pdf/giay.pdf".to_string())].into();
            let back = step(&db, &code, supplied).await.unwrap();
            assert_eq!(back.status, Status::Processing);
            assert_eq!(back.due_date, date(2026, 12, 1));
            assert_eq!(back.first_due_date, date(2026, 11, 27));
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
                change(Action::Refuse, day, Some("Sai thẩm quyền")),
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
        }
    }

    #[tokio::test]
    async fn a_dossier_is_rated_once() {
        for db in databases().await {
            let code = submitted(&db).await;
            assert!(
                rate(&db, &code, 4, Some("Nhanh"), Utc::now())
                    .await
                    .unwrap()
            );
            assert!(!rate(&db, &code, 1, None, Utc::now()).await.unwrap());
            let rating = rating(&db, &code).await.unwrap().unwrap();
            assert_eq!(
                (rating.score, rating.comment.as_deref()),
                (4, Some("Nhanh"))
            );
        }
    }

    #[tokio::test]
    async fn a_failing_message_is_retried_later_then_given_up() {
        for db in databases().await {
            let code = submitted(&db).await;
            let now = Utc::now();
            let queued = due_messages(&db, now + Duration::seconds(1), 10)
                .await
                .unwrap();
            let message = queued
                .iter()
                .find(|m| m.dossier_code == code)
                .unwrap()
                .clone();
            record_delivery(&db, &message, &Delivery::Failed("timeout".into()), now)
                .await
                .unwrap();
            // Not due again at once: after the backoff.
            let soon = due_messages(&db, now + Duration::seconds(5), 100)
                .await
                .unwrap();
            assert!(soon.iter().all(|m| m.id != message.id));
            let later = due_messages(&db, now + backoff(1) + Duration::seconds(1), 100)
                .await
                .unwrap();
            let again = later.into_iter().find(|m| m.id == message.id).unwrap();
            assert_eq!(again.attempts, 1);
            assert_eq!(again.last_error.as_deref(), Some("timeout"));
            record_delivery(&db, &again, &Delivery::Sent, now)
                .await
                .unwrap();
            let sent = messages_of(&db, &code).await.unwrap().pop().unwrap();
            assert_eq!((sent.state.as_str(), sent.attempts), ("sent", 2));

            // A message that keeps failing is given up after MAX_ATTEMPTS.
            enqueue_all(&db, &code, &[sms("again")], now).await.unwrap();
            for _ in 0..MAX_ATTEMPTS {
                let far = now + Duration::days(30);
                let due = due_messages(&db, far, 100).await.unwrap();
                let message = due.into_iter().find(|m| m.body == "again").unwrap();
                record_delivery(&db, &message, &Delivery::Failed("down".into()), now)
                    .await
                    .unwrap();
            }
            let failed = messages_of(&db, &code)
                .await
                .unwrap()
                .into_iter()
                .find(|m| m.body == "again")
                .unwrap();
            assert_eq!(
                (failed.state.as_str(), failed.attempts),
                ("failed", MAX_ATTEMPTS)
            );
        }
    }

    #[test]
    fn the_backoff_grows_and_stops_growing() {
        assert_eq!(backoff(0), Duration::seconds(30));
        assert_eq!(backoff(1), Duration::seconds(60));
        assert_eq!(backoff(3), Duration::seconds(240));
        assert_eq!(backoff(15), Duration::hours(4));
    }
}

#[cfg(test)]
mod error_texts {
    use super::*;

    #[test]
    fn errors_read_in_the_page_language() {
        let stale = BackofficeError::Stale(Status::Received);
        assert!(
            stale.to_string().starts_with(
                "Hồ sơ vừa được người khác cập nhật (nay ở trạng thái “Đã tiếp nhận”)."
            ),
            "{stale}"
        );
        crate::prefs::as_english_reader(|| {
            assert!(
                stale.to_string().starts_with(
                    "Someone else has just updated this dossier (its status is now “Received”)."
                ),
                "{stale}"
            );
            assert_eq!(
                BackofficeError::BadNewDueDate.to_string(),
                "The new due date must be after today."
            );
            let forbidden = BackofficeError::from(Forbidden {
                from: Status::Refused,
                action: Action::MarkDone,
            });
            assert_eq!(
                forbidden.to_string(),
                "“Mark as done” is not possible while the dossier’s status is “Refused”."
            );
        });
    }
}
