//! The lookup on the server: the rate limit, the page's data, the upload of a supplement, the
//! rating.

use super::*;
use crate::dossiers::store::{self as dossiers, Actor, BackofficeError, Change};
use crate::i18n::PageCatalog;
use crate::i18n::StatusWords;
use crate::i18n::format_date;
use crate::intake::{self, Upload};
use crate::limits;
use crate::state::{AppState, local, today};
use crate::web::{Area, failed};
use domain::lifecycle::{self, Action};
use domain::procedure::Answers;
use leptos_axum::redirect;

/// The dossier's status page (with its lookup key when its code needs one), saying `notice`.
fn back(dossier: &dossiers::Dossier, notice: &str) -> String {
    format!("{}&tb={notice}", crate::dossiers::status_path(dossier))
}

/// The lookup form again, with what was typed and why it found nothing (`loi=`).
fn not_opened(typed: &str, why: &str) -> String {
    format!(
        "{LOOKUP_URL}?ma={}&loi={why}",
        crate::paths::query_value(typed)
    )
}

/// The counted lookup: the form's post. It lands on the status page, or back on the form.
pub async fn look_up(typed: &str) -> Result<(), ServerFnError> {
    if typed.trim().is_empty() {
        redirect(LOOKUP_URL);
        return Ok(());
    }
    let typed: String = typed.chars().take(40).collect();
    let Some(code) = normalise_code(&typed) else {
        redirect(&not_opened(&typed, "khong-thay"));
        return Ok(());
    };
    let state = expect_context::<AppState>();
    match guarded_dossier(&state, &code).await? {
        Ok(dossier) => redirect(&crate::dossiers::status_path(&dossier)),
        Err(NotOpened::Unknown) => redirect(&not_opened(&code, "khong-thay")),
        Err(NotOpened::HeldBack) => redirect(&not_opened(&code, "cho")),
    }
    Ok(())
}

/// What a plain link opens, counting nothing.
pub(super) enum Linked {
    Opened(Box<dossiers::Dossier>),
    /// A code too long to guess that names no dossier.
    Unknown,
    /// A code that could be guessed, without its key (or with a wrong one): known or not, the
    /// answer is the same.
    Unopened,
}

/// The dossier a plain link (`?ma=CODE&k=KEY`) names, without touching the guessing limits: a
/// link may come from anywhere, even an image on another site. So it opens only a code too
/// long to guess, or an older code with its key; any other code needs the counted form.
pub(super) async fn linked_dossier(
    state: &AppState,
    code: &str,
    key: &str,
) -> Result<Linked, ServerFnError> {
    let unguessable = domain::dossier_code::unguessable(code);
    if !unguessable && key.is_empty() {
        return Ok(Linked::Unopened);
    }
    Ok(
        match dossiers::dossier(&state.db, code)
            .await
            .map_err(failed(Area::Lookup))?
        {
            Some(dossier) if crate::dossiers::key_opens(&dossier, key) => {
                Linked::Opened(Box::new(dossier))
            }
            None if unguessable => Linked::Unknown,
            _ => Linked::Unopened,
        },
    )
}

/// The status page a plain link asks for.
pub async fn status_page(typed: &str, key: &str) -> Result<LookupOutcome, ServerFnError> {
    if typed.trim().is_empty() {
        return Ok(LookupOutcome::Empty);
    }
    let typed: String = typed.chars().take(40).collect();
    let Some(code) = normalise_code(&typed) else {
        return Ok(LookupOutcome::NotFound(typed));
    };
    let state = expect_context::<AppState>();
    let dossier = match linked_dossier(&state, &code, key.trim()).await? {
        Linked::Opened(dossier) => dossier,
        Linked::Unknown => return Ok(LookupOutcome::NotFound(typed)),
        Linked::Unopened => return Ok(LookupOutcome::Unopened(typed)),
    };
    page_data(&state, &dossier).await.map(LookupOutcome::Found)
}

/// What the status page shows of a dossier: nothing personal but initials.
async fn page_data(
    state: &AppState,
    dossier: &dossiers::Dossier,
) -> Result<Box<LookupData>, ServerFnError> {
    let code = dossier.code.clone();
    let key = crate::dossiers::lookup_key(dossier);
    let history = dossiers::events(&state.db, &code)
        .await
        .map_err(failed(Area::Lookup))?;
    let rating = dossiers::rating(&state.db, &code)
        .await
        .map_err(failed(Area::Lookup))?;
    let procedure = state.catalog.procedure(&dossier.procedure_id);
    let name = procedure
        .and_then(|p| dossier.answers.get(&p.applicant.name))
        .cloned()
        .unwrap_or_default();
    let today = today();
    let now = crate::state::now();
    let received = dossier.status.is_received();
    let due = match (dossier.due_at, procedure) {
        (Some(at), _) if received => crate::dossiers::reception::moment_words(at),
        // Not received yet: the date it would have if received now, said as such.
        (_, Some(procedure)) if !received => format_date(
            local(crate::dossiers::reception::result_due(
                &state.calendar,
                procedure,
                now,
            ))
            .date(),
        ),
        _ => format_date(dossier.due_date),
    };
    let official = dossiers::receipt(&state.db, &code)
        .await
        .map_err(failed(Area::Lookup))?
        .map(|receipt| {
            let name = procedure.map(|p| p.name.as_str()).unwrap_or_default();
            crate::dossiers::reception::official(&receipt, name)
        });
    let note_while = |statuses: &[domain::lifecycle::Status]| {
        statuses
            .contains(&dossier.status)
            .then(|| dossier.supplement_note.clone())
            .flatten()
    };
    let filed = crate::assist::helped::filed_with(&state.db, &code, false)
        .await
        .map_err(failed(Area::Lookup))?;
    use domain::lifecycle::Status as S;
    Ok(Box::new(LookupData {
        filed,
        asks_digits: procedure
            .is_some_and(|p| !domain::last_digits::expected(p, &dossier.answers).is_empty()),
        received,
        official,
        payment_note: note_while(&[S::FinancialObligation]),
        code: dossier.code.clone(),
        version: dossier.version,
        procedure_name: procedure.map(|p| p.name.clone()).unwrap_or_default(),
        office: dossier.office.clone(),
        initials: initials(&name),
        status: dossier.status,
        submitted_on: format_date(local(dossier.submitted_at).date()),
        due,
        late: dossier.status.can_be_late()
            && !dossier.status.clock_paused()
            && dossier
                .due_at
                .map_or(dossier.due_date < today, |at| at < now),
        history: history
            .into_iter()
            .map(|event| HistoryRow {
                when: crate::i18n::format_date_time(local(event.at)),
                what: if event.action == Action::ApologiseLate.as_str() {
                    tr!("lookup.history_apology")
                } else {
                    event.to.label()
                },
                by: if event.actor == dossiers::CITIZEN {
                    tr!("lookup.by_applicant")
                } else {
                    tr!("lookup.by_office")
                },
                slip_url: Action::parse(&event.action)
                    .and_then(Action::form)
                    .filter(|form| *form > 1)
                    .map(|_| crate::paths::slip_url(&code, event.seq, key.as_deref())),
                note: event.note,
            })
            .collect(),
        supplement_note: note_while(&[S::SupplementRequested, S::CompletionRequested]),
        rating: rating.map(|r| r.score),
    }))
}

/// Why a dossier code opened nothing.
pub(super) enum NotOpened {
    Unknown,
    /// Too many unknown codes (or wrong digits) from this client (or everyone) lately: nothing
    /// is looked up.
    HeldBack,
}

/// Who is asking, for the guessing limits.
fn client(state: &AppState) -> String {
    use_context::<http::request::Parts>()
        .map(|parts| limits::client_of(&parts, &state.trusted_proxies))
        .unwrap_or_else(|| "unknown".into())
}

/// Looks a code up under the limit: only an unknown code counts against it. Only for posts
/// from our own forms: a plain link never comes here.
pub(super) async fn guarded_dossier(
    state: &AppState,
    code: &str,
) -> Result<Result<dossiers::Dossier, NotOpened>, ServerFnError> {
    let client = client(state);
    let now = crate::state::now();
    if !limits::lookups_allowed(&state.db, &state.resume_limits, &client, now)
        .await
        .map_err(failed(Area::Lookup))?
    {
        tracing::info!(client, "dossier code lookups held back");
        return Ok(Err(NotOpened::HeldBack));
    }
    match dossiers::dossier(&state.db, code)
        .await
        .map_err(failed(Area::Lookup))?
    {
        Some(dossier) => Ok(Ok(dossier)),
        None => {
            limits::count_unknown_code(&state.db, &state.resume_limits, &client, now)
                .await
                .map_err(failed(Area::Lookup))?;
            Ok(Err(NotOpened::Unknown))
        }
    }
}

/// The dossier a form writes on (upload, rating), under the same limit as the lookup form, or
/// where to send the citizen instead.
async fn written_dossier(
    state: &AppState,
    code: &str,
) -> Result<Result<dossiers::Dossier, String>, ServerFnError> {
    Ok(match guarded_dossier(state, code).await? {
        Ok(dossier) => Ok(dossier),
        Err(NotOpened::Unknown) => Err(not_opened(code, "khong-thay")),
        Err(NotOpened::HeldBack) => Err(not_opened(code, "cho")),
    })
}

/// Why the second factor was refused: the notice to show.
enum Unconfirmed {
    /// The dossier holds no ID number or phone: nothing can be written on it by code.
    NothingToAsk,
    /// Empty or wrong (a wrong one is counted like an unknown code).
    Wrong,
}

/// The code alone may have travelled (a link, a photo of the receipt): a write also needs the
/// last four digits of the ID number or phone given in the dossier.
async fn second_factor(
    state: &AppState,
    dossier: &dossiers::Dossier,
    typed: &str,
) -> Result<Result<(), Unconfirmed>, ServerFnError> {
    let expected = state
        .catalog
        .procedure(&dossier.procedure_id)
        .map(|procedure| domain::last_digits::expected(procedure, &dossier.answers))
        .unwrap_or_default();
    if expected.is_empty() {
        return Ok(Err(Unconfirmed::NothingToAsk));
    }
    if domain::last_digits::matches(typed, &expected) {
        return Ok(Ok(()));
    }
    // Nothing typed is a forgotten field, not a guess.
    if !typed.trim().is_empty() {
        let client = client(state);
        tracing::info!(
            client,
            code = dossier.code,
            "wrong last digits for a dossier"
        );
        limits::count_unknown_code(
            &state.db,
            &state.resume_limits,
            &client,
            crate::state::now(),
        )
        .await
        .map_err(failed(Area::Lookup))?;
    }
    Ok(Err(Unconfirmed::Wrong))
}

pub async fn supply(data: server_fn::codec::MultipartData) -> Result<(), ServerFnError> {
    let Some(mut multipart) = data.into_inner() else {
        redirect(LOOKUP_URL);
        return Ok(());
    };
    let mut code = String::new();
    let mut digits = String::new();
    let mut version = None;
    let mut upload = None;
    let mut extra_file = false;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        // The form sends one file: any other file part ends the reading, unread.
        if file_name.is_some() && (name != "tep" || upload.is_some()) {
            extra_file = true;
            break;
        }
        let (bytes, too_big) = intake::read_part(&mut field, file_name.is_some(), 1000).await;
        match (name.as_str(), file_name) {
            ("tep", Some(file_name)) if !bytes.is_empty() || too_big => {
                upload = Some(Upload {
                    input: String::new(),
                    file_name,
                    bytes,
                    too_big,
                });
            }
            ("ma", None) => code = String::from_utf8_lossy(&bytes).into_owned(),
            ("so_cuoi", None) => digits = String::from_utf8_lossy(&bytes).into_owned(),
            ("phien_ban", None) => version = String::from_utf8_lossy(&bytes).trim().parse().ok(),
            _ => {}
        }
    }
    let Some(code) = normalise_code(&code) else {
        redirect(LOOKUP_URL);
        return Ok(());
    };
    let state = expect_context::<AppState>();
    let dossier = match written_dossier(&state, &code).await? {
        Ok(dossier) => dossier,
        Err(elsewhere) => {
            redirect(&elsewhere);
            return Ok(());
        }
    };
    // Only while the office waits for a document (before or after reception).
    if lifecycle::next(dossier.status, Action::ProvideSupplement).is_err() {
        redirect(&back(&dossier, "khong-can"));
        return Ok(());
    }
    if extra_file {
        redirect(&back(&dossier, "mot-tep"));
        return Ok(());
    }
    let Some(upload) = upload else {
        redirect(&back(&dossier, "chua-chon"));
        return Ok(());
    };
    // Before the file is kept anywhere: nothing changes without the second factor.
    match second_factor(&state, &dossier, &digits).await? {
        Ok(()) => {}
        Err(Unconfirmed::NothingToAsk) => {
            redirect(&back(&dossier, "khong-so"));
            return Ok(());
        }
        Err(Unconfirmed::Wrong) => {
            redirect(&back(&dossier, super::DIGITS_WRONG_FILE));
            return Ok(());
        }
    }
    let answer = intake::keep(&state, &dossier.draft_id, upload)
        .await
        .map_err(failed(Area::Lookup))?;
    let refused = [
        (intake::REFUSED_TYPE, "loai"),
        (intake::REFUSED_SIZE, "lon"),
        (intake::REFUSED_TOTAL, "tong"),
        (intake::REFUSED_PIXELS, "anh"),
        (intake::REFUSED_ACTIVE, "pdf"),
    ];
    if let Some((_, notice)) = refused.iter().find(|(refusal, _)| *refusal == answer) {
        redirect(&back(&dossier, notice));
        return Ok(());
    }
    let key = format!("bo-sung-{}", dossier.supplements);
    let now = crate::state::now();
    let change = Change {
        action: Action::ProvideSupplement,
        actor: Actor::citizen(),
        note: Some(stored!(
            "stored.uploaded",
            file = answer.split_once('/').map(|(_, name)| name).unwrap_or("")
        )),
        new_due: None,
        add_answers: Answers::from([(key, answer)]),
        reception: None,
        clock: state
            .catalog
            .procedure(&dossier.procedure_id)
            .map(crate::dossiers::store::ProcedureClock::of),
        now,
        today: local(now).date(),
    };
    let version = version.unwrap_or(dossier.version);
    match dossiers::apply(
        &state.db,
        &state.calendar,
        &code,
        version,
        &change,
        |after| crate::dossiers::notices(&state, after, None),
    )
    .await
    {
        Ok(_) => redirect(&back(&dossier, "da-bo-sung")),
        Err(BackofficeError::Stale(_) | BackofficeError::Forbidden(_)) => {
            redirect(&back(&dossier, "khong-can"));
        }
        Err(error) => return Err(failed(Area::Lookup)(error)),
    }
    Ok(())
}

pub async fn rate(
    code: &str,
    score: Option<&str>,
    comment: Option<&str>,
    digits: &str,
) -> Result<(), ServerFnError> {
    let Some(code) = normalise_code(code) else {
        redirect(LOOKUP_URL);
        return Ok(());
    };
    let state = expect_context::<AppState>();
    let dossier = match written_dossier(&state, &code).await? {
        Ok(dossier) => dossier,
        Err(elsewhere) => {
            redirect(&elsewhere);
            return Ok(());
        }
    };
    let comment: Option<String> = comment
        .map(|c| c.trim().chars().take(1000).collect())
        .filter(|c: &String| !c.is_empty());
    let score = score
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|s| (1..=5).contains(s));
    // Sent back when the rating could not be kept, so nothing typed is lost.
    let typed_again = |notice: &str| {
        let mut url = back(&dossier, notice);
        if let Some(score) = score {
            url.push_str(&format!("&diem={score}"));
        }
        if let Some(comment) = &comment {
            // Within what every proxy takes in an address.
            let kept: String = comment.chars().take(500).collect();
            url.push_str(&format!("&y={}", crate::paths::query_value(&kept)));
        }
        url + "#danh-gia"
    };
    let Some(score) = score else {
        redirect(&typed_again("chon-diem"));
        return Ok(());
    };
    match second_factor(&state, &dossier, digits).await? {
        Ok(()) => {}
        Err(Unconfirmed::NothingToAsk) => {
            redirect(&back(&dossier, "khong-so"));
            return Ok(());
        }
        Err(Unconfirmed::Wrong) => {
            redirect(&typed_again(super::DIGITS_WRONG));
            return Ok(());
        }
    }
    if dossier.status == domain::lifecycle::Status::ResultReturned {
        dossiers::rate(
            &state.db,
            &code,
            score,
            comment.as_deref(),
            crate::state::now(),
        )
        .await
        .map_err(failed(Area::Lookup))?;
    }
    redirect(&back(&dossier, "da-danh-gia"));
    Ok(())
}
