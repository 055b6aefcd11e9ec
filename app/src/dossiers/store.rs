//! Dossiers after submission: their status changes (each with an event, the messages telling
//! the citizen, and a version check so two clerks never overwrite each other), the history,
//! the outbox of messages, and ratings. Portable SQL (SQLite and PostgreSQL).

use crate::db::Db;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use domain::lifecycle::{self, Action, Status};
use domain::procedure::Answers;
use domain::working_days::{Calendar, ReceptionRules, SupplementClock, SupplementTimes};
use sqlx::Row;

mod error;
mod outbox;
mod ratings;
mod reception;
mod submit;
pub use error::BackofficeError;
pub use outbox::{
    CLAIM_LEASE_SECS, Claim, Delivery, MAX_ATTEMPTS, QueuedMessage, backoff, claim_due,
    due_messages, enqueue_all, messages_of, record_delivery, release_claims, renew_claim,
};
pub use ratings::{Rating, all_ratings, rate, rating};
pub use reception::{Receipt, ReceivedDocument, Reception, issue as issue_receipt, receipt};
pub use submit::{NewDossier, dossier_for_draft, submit};

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
    /// Before reception, only the provisional date ("if received today"); from reception, the
    /// day of `due_at`.
    pub due_date: NaiveDate,
    pub first_due_date: NaiveDate,
    /// The result due moment, counted from reception (none before).
    pub due_at: Option<DateTime<Utc>>,
    /// Apologies given for lateness (Mẫu 04): the law allows one.
    pub apologies: i64,
    /// What is missing or what to pay, while a request to the citizen is open.
    pub supplement_note: Option<String>,
    /// The local day the open supplement request was made.
    pub paused_on: Option<NaiveDate>,
    pub paused_days: i64,
    pub supplements: i64,
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

/// How a procedure's statutory time runs (its data).
#[derive(Clone, Debug)]
pub struct ProcedureClock {
    pub working_days: u32,
    pub supplement: SupplementClock,
    pub rules: ReceptionRules,
}

impl ProcedureClock {
    pub fn of(procedure: &domain::procedure::Procedure) -> Self {
        Self {
            working_days: procedure.processing_days,
            supplement: procedure.supplement_clock,
            rules: procedure.reception_rules(),
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
    /// For a reception: what the Mẫu 01 receipt says (the due moment among it).
    pub reception: Option<Reception>,
    /// The procedure's clock, for a supplement that restarts or pauses it (none: pause).
    pub clock: Option<ProcedureClock>,
    pub now: DateTime<Utc>,
    /// The local (Vietnam) day of `now`.
    pub today: NaiveDate,
}

use crate::outbox::enqueue;
pub use crate::outbox::{Channel, Outgoing};

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
    paused_days, supplements, due_at, apologies";

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
        due_at: opt_time("due_at")?,
        apologies: row.try_get("apologies")?,
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

/// The dossiers of an office whose status is one of `statuses` (every one with `None`): the
/// queue asks only for what it shows, not for years of returned dossiers.
pub async fn office_dossiers_in(
    db: &Db,
    office: &str,
    statuses: Option<&[Status]>,
) -> Result<Vec<Dossier>> {
    let Some(statuses) = statuses else {
        return office_dossiers(db, office).await;
    };
    if statuses.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (0..statuses.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM dossiers WHERE office = $1 AND status IN ({})
         ORDER BY submitted_at DESC",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(office);
    for status in statuses {
        query = query.bind(status.as_str());
    }
    let rows = query.fetch_all(&db.pool).await?;
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
        Action::Receive => {
            let reception = change.reception.as_ref().ok_or_else(|| {
                BackofficeError::Corrupt("a reception without its receipt".into())
            })?;
            after.received_at = Some(change.now);
            // The clock runs from reception: the provisional date is replaced.
            after.due_at = Some(reception.due_at);
            after.due_date = crate::state::local(reception.due_at).date();
            after.first_due_date = after.due_date;
        }
        Action::RequestCompletion => after.supplement_note = note.map(str::to_string),
        Action::RequestSupplement | Action::RequestPayment => {
            after.supplement_note = note.map(str::to_string);
            after.paused_on = Some(change.today);
            if change.action == Action::RequestSupplement {
                after.supplements += 1;
            }
        }
        // Completed before reception: no clock to move.
        Action::ProvideSupplement if dossier.status == Status::CompletionRequested => {
            after.supplement_note = None;
        }
        Action::ProvideSupplement | Action::ConfirmPayment => {
            let asked = dossier.paused_on.unwrap_or(change.today);
            let (due, paused) = calendar.due_after_pause(dossier.due_date, asked, change.today);
            // A supplement restarts or pauses the clock as the procedure says; a payment's
            // waiting time is not counted.
            let due_at = match (&change.clock, dossier.due_at, dossier.received_at) {
                (Some(clock), Some(due_at), Some(received))
                    if change.action == Action::ProvideSupplement =>
                {
                    let local = crate::state::local;
                    let times = SupplementTimes {
                        received: local(received),
                        due: local(due_at),
                        // The request's day is kept, not its hour: never before the reception.
                        requested: asked.and_time(NaiveTime::MIN).max(local(received)),
                        supplied: local(change.now),
                    };
                    Some(crate::state::utc_of(calendar.due_after_supplement(
                        clock.supplement,
                        clock.working_days,
                        &times,
                        &clock.rules,
                    )))
                }
                (_, due_at, _) => due_at.map(|at| moved_to(at, due)),
            };
            after.due_date = due_at.map_or(due, |at| crate::state::local(at).date());
            after.due_at = due_at;
            after.paused_days += i64::from(paused);
            after.paused_on = None;
            after.supplement_note = None;
        }
        Action::MarkDone => after.done_at = Some(change.now),
        Action::ReturnResult => after.returned_at = Some(change.now),
        Action::ApologiseLate => {
            if dossier.apologies > 0 {
                return Err(BackofficeError::AlreadyApologised);
            }
            match change.new_due {
                Some(due) if due > change.today => {
                    after.due_date = due;
                    after.due_at = dossier.due_at.map(|at| moved_to(at, due));
                    after.apologies += 1;
                }
                _ => return Err(BackofficeError::BadNewDueDate),
            }
        }
        Action::StartProcessing | Action::RefuseIntake | Action::Stop | Action::Withdraw => {}
    }
    Ok(after)
}

/// The same local hour on another day (a due moment moved by a pause or an apology).
fn moved_to(at: DateTime<Utc>, day: NaiveDate) -> DateTime<Utc> {
    let hour = crate::state::local(at).time();
    day.and_time(hour)
        .and_local_timezone(crate::state::vietnam())
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(at)
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
             paused_on = $9, paused_days = $10, supplements = $11, due_at = $14,
             first_due_date = $15, apologies = $16, portal_code = $17
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
    .bind(opt(after.due_at))
    .bind(after.first_due_date.to_string())
    .bind(after.apologies)
    .bind(i64::from(after.status.portal_code()))
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
    if let (Action::Receive, Some(reception)) = (change.action, &change.reception) {
        reception::issue(&mut tx, &after, &change.actor, change.now, reception).await?;
    }
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

#[cfg(test)]
mod error_tests;
#[cfg(test)]
mod migration_tests;
#[cfg(test)]
mod outbox_tests;
#[cfg(test)]
mod tests;
