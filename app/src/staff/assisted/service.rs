use super::*;
use crate::assist::{self, store, stored_name};
use crate::audit::{self, AuditEntry};
use crate::dossiers::submission::{self, Submission};
use crate::drafts::store as drafts;
use crate::paths::query_value;
use crate::paths::{CHECK_URL, RECEIPT_URL, step_url};
use crate::state::{AppState, local};
use crate::web::{Area, failed};
use leptos_axum::redirect;

fn state() -> AppState {
    expect_context::<AppState>()
}

pub async fn load_start() -> Result<StartData, ServerFnError> {
    let me = require(Role::may_file_for_citizens).await?;
    let state = state();
    Ok(StartData {
        me,
        procedures: state
            .catalog
            .procedures_in(crate::prefs::lang())
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect(),
    })
}

async fn audit_entry(state: &AppState, entry: AuditEntry) -> Result<(), ServerFnError> {
    audit::record(&state.db, &entry)
        .await
        .map_err(failed(Area::Staff))
}

pub async fn start(procedure_id: &str, how: Assist) -> Result<(), ServerFnError> {
    let me = require(Role::may_file_for_citizens).await?;
    // A paper dossier is received at once: whoever may not receive files it with the citizen.
    let how = if how == Assist::Paper && !me.role.may_receive() {
        Assist::Counter
    } else {
        how
    };
    let state = state();
    let Some(procedure) = state.catalog.procedure(procedure_id) else {
        redirect(START_URL);
        return Ok(());
    };
    let draft = crate::drafts::start(&state, procedure)
        .await
        .map_err(failed(Area::Staff))?;
    redirect(&crate::paths::first_page(procedure));
    store::mark(&state.db, &draft.id, &me.id, how, crate::state::now())
        .await
        .map_err(failed(Area::Staff))?;
    let procedure = stored_name(&state.catalog, procedure_id);
    audit_entry(
        &state,
        AuditEntry {
            staff_id: me.id.clone(),
            action: match how {
                Assist::Paper => crate::audit::RECEIVE_PAPER,
                _ => crate::audit::FILE_FOR,
            }
            .into(),
            subject: stored!("stored.draft", id = &draft.id),
            detail: procedure,
            client: audit::client(),
        },
    )
    .await
}

pub async fn open_with_code(typed: &str) -> Result<(), ServerFnError> {
    let me = require(Role::may_file_for_citizens).await?;
    let state = state();
    let back = || {
        format!(
            "{START_URL}?loi=1&ma={}#ma-cong-dan",
            query_value(&typed.chars().take(40).collect::<String>())
        )
    };
    let Ok(code) = domain::resume_code::normalise(typed) else {
        redirect(&back());
        return Ok(());
    };
    // The citizen's code is a guess like any other until it opens a draft.
    let client = audit::client();
    let guess = match crate::limits::guess_resume_code(
        &state.db,
        &state.resume_limits,
        &client,
        crate::state::now(),
    )
    .await
    .map_err(failed(Area::Staff))?
    {
        crate::limits::Verdict::Allowed(guess) => guess,
        crate::limits::Verdict::Limited => {
            redirect(&back());
            return Ok(());
        }
    };
    let Some(draft) = drafts::draft_by_code(&state.db, &code)
        .await
        .map_err(failed(Area::Staff))?
    else {
        audit_entry(
            &state,
            AuditEntry {
                staff_id: me.id.clone(),
                action: crate::audit::OPEN_DRAFT_WITH_CODE_FAILED.into(),
                subject: String::new(),
                detail: stored!("stored.code_opened_nothing"),
                client,
            },
        )
        .await?;
        redirect(&back());
        return Ok(());
    };
    guess.refund(&state.db).await.map_err(failed(Area::Staff))?;
    assist::opened_with_code(&state.db, &draft.id, &draft.procedure_id)
        .await
        .map_err(failed(Area::Staff))?;
    crate::drafts::session::remember(&state.db, &code, state.secure_cookies)
        .await
        .map_err(failed(Area::Staff))?;
    redirect(if draft.dossier_code.is_some() {
        RECEIPT_URL
    } else {
        CHECK_URL
    });
    Ok(())
}

pub async fn confirm_and_submit() -> Result<(), ServerFnError> {
    let me = require(Role::may_file_for_citizens).await?;
    let state = state();
    let Some(code) = crate::drafts::session::current_code().await else {
        redirect(START_URL);
        return Ok(());
    };
    let Some(draft) = drafts::draft_by_code(&state.db, &code)
        .await
        .map_err(failed(Area::Staff))?
    else {
        redirect(START_URL);
        return Ok(());
    };
    let Some(record) = store::get(&state.db, &draft.id)
        .await
        .map_err(failed(Area::Staff))?
    else {
        // A citizen's own draft: the ordinary submission.
        redirect(CHECK_URL);
        return Ok(());
    };
    let Some(procedure) = state.catalog.procedure(&draft.procedure_id) else {
        redirect(START_URL);
        return Ok(());
    };
    // The citizen confirms on their own phone (assist::phone), for the answers as they are now:
    // any change since asks again.
    if draft.dossier_code.is_none()
        && assist::awaits_confirmation(&state.db, &draft.id, draft.version)
            .await
            .map_err(failed(Area::Staff))?
    {
        redirect(&format!("{CHECK_URL}?xn=thieu#xac-nhan"));
        return Ok(());
    }
    // The ordinary submission (idempotent), now that the citizen has confirmed.
    let submitted = submission::submit(&state, &draft, procedure, crate::state::now())
        .await
        .map_err(failed(Area::Staff))?;
    if let Submission::Unfinished(step) = submitted {
        redirect(&step_url(&step, true, true));
        return Ok(());
    }
    let Some(dossier) = crate::dossiers::store::dossier_for_draft(&state.db, &draft.id)
        .await
        .map_err(failed(Area::Staff))?
    else {
        redirect(&format!("{CHECK_URL}?xn=thieu#xac-nhan"));
        return Ok(());
    };
    if record.dossier_code.is_none() {
        store::set_dossier(&state.db, &draft.id, &dossier.code)
            .await
            .map_err(failed(Area::Staff))?;
        audit_entry(
            &state,
            AuditEntry {
                staff_id: me.id.clone(),
                action: crate::audit::SUBMIT_ASSISTED.into(),
                subject: dossier.code.clone(),
                detail: stored!(
                    if record.how == Assist::Paper {
                        "stored.submitted_paper"
                    } else {
                        "stored.submitted_assisted"
                    },
                    procedure = &stored_name(&state.catalog, &draft.procedure_id),
                    count = record.staff_fields.len()
                ),
                client: audit::client(),
            },
        )
        .await?;
        // Filed at the counter with an officer: received there and then (Mẫu 01 at once).
        receive_at_counter(&state, &me, &dossier.code, record.how == Assist::Paper).await?;
    }
    redirect(RECEIPT_URL);
    Ok(())
}

/// A dossier filed with an officer is taken in at the counter the moment it is submitted: its
/// lifecycle goes on to "received" with its Mẫu 01 receipt (an event by this staff member, the
/// citizen told as for any reception).
async fn receive_at_counter(
    state: &AppState,
    me: &StaffMember,
    code: &str,
    paper: bool,
) -> Result<(), ServerFnError> {
    use crate::dossiers::store as office;
    // A volunteer does not receive: their dossier waits for the counter as a citizen's own
    // would. Nothing refused, nothing to audit but the submission itself.
    if !me.role.may_receive() {
        return Ok(());
    }
    let Some(current) = office::dossier(&state.db, code)
        .await
        .map_err(failed(Area::Staff))?
    else {
        return Ok(());
    };
    if !me.may_take(domain::lifecycle::Action::Receive, &current.office) {
        // Addressed to another office: submitted, and left for that office's counter to
        // receive (the banner says so).
        return audit_entry(
            state,
            AuditEntry {
                staff_id: me.id.clone(),
                action: audit::ACCESS_REFUSED.into(),
                subject: code.into(),
                detail: stored!(
                    "stored.refused_reception_elsewhere",
                    office = &current.office
                ),
                client: audit::client(),
            },
        )
        .await;
    }
    let now = crate::state::now();
    let change = office::Change {
        action: domain::lifecycle::Action::Receive,
        actor: office::Actor {
            id: me.id.clone(),
            name: me.name.clone(),
        },
        note: Some(if paper {
            stored!("stored.paper_received")
        } else {
            stored!("stored.counter_received")
        }),
        new_due: None,
        add_answers: Default::default(),
        clock: None,
        reception: state
            .catalog
            .procedure(&current.procedure_id)
            .map(|procedure| {
                let documents = crate::dossiers::reception::listed_documents(procedure);
                crate::dossiers::reception::reception(
                    &state.calendar,
                    procedure,
                    &current,
                    now,
                    documents,
                    1,
                )
            }),
        now,
        today: local(now).date(),
    };
    let after = office::apply(
        &state.db,
        &state.calendar,
        code,
        current.version,
        &change,
        |after| crate::dossiers::notices(state, after, None),
    )
    .await;
    match after {
        Ok(after) => {
            audit_entry(
                state,
                AuditEntry {
                    staff_id: me.id.clone(),
                    action: crate::audit::CHANGE_DOSSIER.into(),
                    subject: code.into(),
                    detail: stored!(
                        "stored.received_at_counter",
                        from = stored!(current.status.label_key()),
                        to = stored!(after.status.label_key())
                    ),
                    client: audit::client(),
                },
            )
            .await
        }
        // Received meanwhile by someone else: nothing to do.
        Err(office::BackofficeError::Stale(_) | office::BackofficeError::Forbidden(_)) => Ok(()),
        Err(error) => Err(failed(Area::Staff)(error)),
    }
}

pub async fn finish() -> Result<(), ServerFnError> {
    let me = require(|_| true).await?;
    let state = state();
    if let Some(code) = crate::drafts::session::current_code().await
        && let Ok(Some(draft)) = drafts::draft_by_code(&state.db, &code).await
    {
        audit_entry(
            &state,
            AuditEntry {
                staff_id: me.id.clone(),
                action: crate::audit::FINISH_ASSISTED.into(),
                subject: draft
                    .dossier_code
                    .clone()
                    .unwrap_or_else(|| stored!("stored.draft", id = &draft.id)),
                detail: String::new(),
                client: audit::client(),
            },
        )
        .await?;
    }
    crate::drafts::session::forget(&state.db, state.secure_cookies)
        .await
        .map_err(failed(Area::Staff))?;
    redirect(if me.role.may_file_for_citizens() {
        START_URL
    } else {
        HOME_URL
    });
    Ok(())
}

pub async fn load_banner() -> Result<Option<Banner>, ServerFnError> {
    // Only the filing pages, only with a staff session: a citizen's page costs nothing here.
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Ok(None);
    };
    let path = parts.uri.path();
    if !(path.starts_with("/ho-so/") || path.starts_with("/thu-tuc/")) || session::token().is_none()
    {
        return Ok(None);
    }
    let Some(me) = signed_in().await else {
        return Ok(None);
    };
    let state = state();
    let Some(code) = crate::drafts::session::current_code().await else {
        return Ok(None);
    };
    let Some(draft) = drafts::draft_by_code(&state.db, &code)
        .await
        .map_err(failed(Area::Staff))?
    else {
        return Ok(None);
    };
    let Some(record) = store::get(&state.db, &draft.id)
        .await
        .map_err(failed(Area::Staff))?
    else {
        return Ok(None);
    };
    let assisted_by = crate::staff::store::by_id(&state.db, &record.staff_id)
        .await
        .map_err(failed(Area::Staff))?
        .map(|a| format!("{} ({})", a.member.name, a.member.username))
        .unwrap_or_default();
    // Submitted and not received yet: by another office, or by the counter after a volunteer.
    let waiting = match &draft.dossier_code {
        Some(code) => crate::dossiers::store::dossier(&state.db, code)
            .await
            .map_err(failed(Area::Staff))?
            .filter(|d| !d.status.is_received()),
        None => None,
    };
    let elsewhere = waiting
        .as_ref()
        .filter(|d| !me.of_office(&d.office))
        .map(|d| d.office.clone());
    let waits = waiting.is_some() && elsewhere.is_none() && !me.role.may_receive();
    Ok(Some(Banner {
        official: me.role.is_official(),
        waits,
        elsewhere,
        staff_name: me.name,
        how: record.how,
        dossier_code: draft.dossier_code,
        assisted_by,
        staff_fields: record.staff_fields.len(),
        confirmed_at: record
            .confirmed_at
            .map(|at| crate::i18n::format_date_time(local(at))),
    }))
}
