//! The lookup on the server: the rate limit, the page's data, the upload of a supplement, the
//! rating.

use super::*;
use crate::dossiers::store::{self as dossiers, Actor, BackofficeError, Change};
use crate::filing::attachments::{self, Upload};
use crate::i18n::PageCatalog;
use crate::i18n::StatusWords;
use crate::i18n::format_date;
use crate::limits;
use crate::state::{AppState, local, today};
use domain::lifecycle::{self, Action};
use domain::procedure::Answers;
use leptos_axum::redirect;

fn failed(error: impl std::fmt::Display) -> ServerFnError {
    tracing::error!("lookup: {error}");
    ServerFnError::new(tr!("lookup.busy"))
}

fn back(code: &str, notice: &str) -> String {
    format!(
        "{LOOKUP_URL}?ma={}&tb={notice}",
        crate::web::percent_encode(code)
    )
}

pub async fn look_up(typed: &str) -> Result<LookupOutcome, ServerFnError> {
    if typed.trim().is_empty() {
        return Ok(LookupOutcome::Empty);
    }
    let typed: String = typed.chars().take(40).collect();
    let Some(code) = normalise_code(&typed) else {
        return Ok(LookupOutcome::NotFound(typed));
    };
    let state = expect_context::<AppState>();
    let dossier = match guarded_dossier(&state, &code).await? {
        Ok(dossier) => dossier,
        Err(NotOpened::Unknown) => return Ok(LookupOutcome::NotFound(typed)),
        Err(NotOpened::HeldBack) => return Ok(LookupOutcome::Limited(typed)),
    };
    let history = dossiers::events(&state.db, &code).await.map_err(failed)?;
    let rating = dossiers::rating(&state.db, &code).await.map_err(failed)?;
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
        .map_err(failed)?
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
    use domain::lifecycle::Status as S;
    Ok(LookupOutcome::Found(Box::new(LookupData {
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
                    .map(|_| crate::paths::slip_url(&code, event.seq)),
                note: event.note,
            })
            .collect(),
        supplement_note: note_while(&[S::SupplementRequested, S::CompletionRequested]),
        rating: rating.map(|r| r.score),
    })))
}

/// Why a dossier code opened nothing.
pub(super) enum NotOpened {
    Unknown,
    /// Too many unknown codes from this client (or everyone) lately: nothing is looked up.
    HeldBack,
}

/// Looks a code up under the limit: only an unknown code counts against it.
pub(super) async fn guarded_dossier(
    state: &AppState,
    code: &str,
) -> Result<Result<dossiers::Dossier, NotOpened>, ServerFnError> {
    let client = use_context::<http::request::Parts>()
        .map(|parts| limits::client_of(&parts, &state.trusted_proxies))
        .unwrap_or_else(|| "unknown".into());
    let now = crate::state::now();
    if !limits::lookups_allowed(&state.db, &state.resume_limits, &client, now)
        .await
        .map_err(failed)?
    {
        tracing::info!(client, "dossier code lookups held back");
        return Ok(Err(NotOpened::HeldBack));
    }
    match dossiers::dossier(&state.db, code).await.map_err(failed)? {
        Some(dossier) => Ok(Ok(dossier)),
        None => {
            limits::count_unknown_code(&state.db, &state.resume_limits, &client, now)
                .await
                .map_err(failed)?;
            Ok(Err(NotOpened::Unknown))
        }
    }
}

/// The dossier a form names, under the same limit as the lookup page: the upload and rating
/// forms must not become a way to test codes without it.
async fn known_dossier(
    state: &AppState,
    code: &str,
) -> Result<Option<dossiers::Dossier>, ServerFnError> {
    Ok(guarded_dossier(state, code).await?.ok())
}

pub async fn supply(data: server_fn::codec::MultipartData) -> Result<(), ServerFnError> {
    let Some(mut multipart) = data.into_inner() else {
        redirect(LOOKUP_URL);
        return Ok(());
    };
    let mut code = String::new();
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
        let (bytes, too_big) =
            crate::filing::attachments::read_part(&mut field, file_name.is_some(), 1000).await;
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
            ("phien_ban", None) => version = String::from_utf8_lossy(&bytes).trim().parse().ok(),
            _ => {}
        }
    }
    let Some(code) = normalise_code(&code) else {
        redirect(LOOKUP_URL);
        return Ok(());
    };
    let state = expect_context::<AppState>();
    let Some(dossier) = known_dossier(&state, &code).await? else {
        redirect(LOOKUP_URL);
        return Ok(());
    };
    // Only while the office waits for a document (before or after reception).
    if lifecycle::next(dossier.status, Action::ProvideSupplement).is_err() {
        redirect(&back(&code, "khong-can"));
        return Ok(());
    }
    if extra_file {
        redirect(&back(&code, "mot-tep"));
        return Ok(());
    }
    let Some(upload) = upload else {
        redirect(&back(&code, "chua-chon"));
        return Ok(());
    };
    let answer = attachments::store_upload(&state, &dossier.draft_id, upload)
        .await
        .map_err(failed)?;
    let refused = [
        (attachments::REFUSED_TYPE, "loai"),
        (attachments::REFUSED_SIZE, "lon"),
        (attachments::REFUSED_TOTAL, "tong"),
        (attachments::REFUSED_PIXELS, "anh"),
        (attachments::REFUSED_ACTIVE, "pdf"),
    ];
    if let Some((_, notice)) = refused.iter().find(|(refusal, _)| *refusal == answer) {
        redirect(&back(&code, notice));
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
        Ok(_) => redirect(&back(&code, "da-bo-sung")),
        Err(BackofficeError::Stale(_) | BackofficeError::Forbidden(_)) => {
            redirect(&back(&code, "khong-can"));
        }
        Err(error) => return Err(failed(error)),
    }
    Ok(())
}

pub async fn rate(
    code: &str,
    score: Option<&str>,
    comment: Option<&str>,
) -> Result<(), ServerFnError> {
    let Some(code) = normalise_code(code) else {
        redirect(LOOKUP_URL);
        return Ok(());
    };
    let state = expect_context::<AppState>();
    let Some(dossier) = known_dossier(&state, &code).await? else {
        redirect(LOOKUP_URL);
        return Ok(());
    };
    let score = score
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|s| (1..=5).contains(s));
    let Some(score) = score else {
        redirect(&back(&code, "chon-diem"));
        return Ok(());
    };
    if dossier.status == domain::lifecycle::Status::ResultReturned {
        let comment: Option<String> = comment
            .map(|c| c.trim().chars().take(1000).collect())
            .filter(|c: &String| !c.is_empty());
        dossiers::rate(
            &state.db,
            &code,
            score,
            comment.as_deref(),
            crate::state::now(),
        )
        .await
        .map_err(failed)?;
    }
    redirect(&back(&code, "da-danh-gia"));
    Ok(())
}
