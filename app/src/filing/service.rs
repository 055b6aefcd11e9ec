//! What the filing server functions do, on the server.

use super::*;
use crate::dossiers::submission::{self, Submission, first_unfinished};
use crate::drafts::session;
use crate::drafts::store::{self, Draft, StoreError};
use crate::i18n::PageCatalog;
use crate::i18n::format_date;
use crate::limits::{self, Verdict};
use crate::paths::query_value;
use crate::state::{AppState, local, today};
pub use domain::answers::GroupAction;
use domain::answers::{self, fields_sent, merge};
use domain::procedure::{Answers, FieldKind, Procedure, Step};
use domain::resume_code;
use domain::validate::{check_step, display_value};
use leptos::server_fn::ServerFn;
use leptos_axum::redirect;

const SAVE_ATTEMPTS: usize = 3;

#[derive(Debug, thiserror::Error)]
pub enum FilingError {
    // For our log: what the citizen reads comes from `web::Failure` (see below).
    #[error("the draft store: {0}")]
    Store(#[from] StoreError),
    #[error("the dossier store: {0}")]
    Dossier(#[from] crate::dossiers::store::BackofficeError),
    #[error("a form none of our pages sends")]
    BadForm,
    #[error("keeping a document: {0}")]
    Storage(crate::documents::DocumentError),
}

/// A filing step's failure as the one error our server functions give. Everything a citizen can
/// send wrong is answered with a redirect to a page that explains; what comes here is ours.
impl From<crate::intake::IntakeError> for FilingError {
    fn from(error: crate::intake::IntakeError) -> Self {
        use crate::intake::IntakeError;
        match error {
            IntakeError::Allowance(cause) => FilingError::Store(cause.into()),
            IntakeError::Storage(cause) => FilingError::Storage(cause),
        }
    }
}

impl From<FilingError> for crate::web::Failure {
    fn from(error: FilingError) -> Self {
        use crate::web::{Area, Failure};
        match error {
            FilingError::Store(cause) => Failure::Busy(Area::Filing, cause.to_string()),
            FilingError::Dossier(cause) => Failure::Busy(Area::Filing, cause.to_string()),
            FilingError::Storage(cause) => Failure::NotKept(cause.to_string()),
            // The sender's fault (a form none of our pages sends): answered as unreadable.
            FilingError::BadForm => Failure::Unreadable,
        }
    }
}

type Result<T> = std::result::Result<T, FilingError>;

pub fn card(procedure: &Procedure) -> ProcedureCard {
    ProcedureCard {
        id: procedure.id.clone(),
        name: procedure.name.clone(),
        summary: procedure.summary.clone(),
        processing: processing_time(procedure),
        fee: procedure.fee.clone(),
        authority: procedure.authority.clone(),
        result: procedure.result.clone(),
        documents: procedure.documents.clone(),
        life_event: procedure.life_event.clone(),
        office_level: procedure.office_level.clone(),
        keywords: procedure.keywords.clone(),
    }
}

fn processing_time(procedure: &Procedure) -> String {
    match (procedure.processing_days, &procedure.processing_note) {
        (_, Some(note)) => note.clone(),
        (0, None) => tr!("processing.same_day"),
        (days, None) => tr!("processing.days", days = days),
    }
}

/// The citizen's draft and its procedure, when this browser has one.
async fn current_draft(state: &AppState) -> Result<Option<(String, Draft, &Procedure)>> {
    let Some(code) = session::current_code().await else {
        return Ok(None);
    };
    let Some(draft) = store::draft_by_code(&state.db, &code).await? else {
        return Ok(None);
    };
    // A draft of a procedure withdrawn from the catalog cannot be continued.
    let Some(procedure) = state.catalog.procedure(&draft.procedure_id) else {
        return Ok(None);
    };
    Ok(Some((code, draft, procedure)))
}

/// The draft this browser is filling in, or the page to show instead (none here, or submitted).
async fn open_draft<T>(
    state: &AppState,
) -> Result<std::result::Result<(String, Draft, &Procedure), DraftPage<T>>> {
    Ok(match current_draft(state).await? {
        None => Err(DraftPage::NoDraft),
        Some((_, draft, _)) if draft.dossier_code.is_some() => Err(DraftPage::Submitted),
        Some(found) => Ok(found),
    })
}

fn state() -> AppState {
    expect_context::<AppState>()
}

/// Starts a draft in this browser and goes to its first page.
pub async fn start_draft(procedure_id: &str) -> Result<()> {
    let state = state();
    let Some(procedure) = state.catalog.procedure(procedure_id) else {
        redirect(&format!("/?loi={UNKNOWN_PROCEDURE}"));
        return Ok(());
    };
    if !within_allowance(&state, &limits::DRAFTS_PER_CLIENT, None).await? {
        redirect(&format!("/?loi={TOO_MANY_DRAFTS}"));
        return Ok(());
    }
    crate::drafts::start(&state, procedure).await?;
    redirect(&first_page(procedure));
    Ok(())
}

/// Where a draft should be picked up again: its first unfinished step, or check answers.
fn resume_url(procedure: &Procedure, answers: &Answers, from_check: bool) -> String {
    first_unfinished(procedure, answers)
        .map(|step| step_url(&step.id, from_check, false))
        .unwrap_or_else(|| CHECK_URL.to_string())
}

pub async fn save_step(
    step_id: &str,
    from_check: bool,
    typed: Answers,
    action: GroupAction,
    base_version: Option<i64>,
    base: Option<Answers>,
) -> Result<()> {
    let state = state();
    let Some((code, mut draft, procedure)) = current_draft(&state).await? else {
        redirect("/?loi=khong-co-ho-so");
        return Ok(());
    };
    if draft.dossier_code.is_some() {
        redirect(RECEIPT_URL);
        return Ok(());
    }
    let Some(step) = procedure.step(step_id) else {
        redirect(&resume_url(procedure, &draft.answers, false));
        return Ok(());
    };
    let mut attempts = 0;
    let answers = loop {
        let answers = merge(step, &draft.answers, &typed, &action);
        // Sent from a page drawn before the draft was saved elsewhere: if answers differ,
        // nothing is overwritten; the citizen is shown both and chooses.
        let stale = base_version.is_some_and(|base| base != draft.version);
        if stale && !differing_answers(step, &answers, &draft.answers, base.as_ref()).is_empty() {
            let mine: Answers = answers
                .iter()
                .filter(|(input, _)| step.fields.iter().any(|field| field.owns(input)))
                .map(|(input, value)| (input.clone(), value.clone()))
                .collect();
            let waiting = store::Pending {
                step: step.id.clone(),
                answers: mine,
            };
            store::set_pending(&state.db, &draft.id, Some(&waiting)).await?;
            redirect(&conflict_url(&step.id, from_check));
            return Ok(());
        }
        match store::save_answers(&state.db, &draft, &answers, crate::state::now()).await {
            Ok(_) => {
                // Staff filing at the counter: these answers count as entered by staff.
                crate::assist::after_save(
                    &state.db,
                    &draft.id,
                    &step.title,
                    fields_sent(step, &typed),
                )
                .await;
                break answers;
            }
            // Saved meanwhile from another tab or device: apply this step on top of that.
            Err(StoreError::Stale) if attempts + 1 < SAVE_ATTEMPTS => {
                attempts += 1;
                match store::draft_by_code(&state.db, &code).await? {
                    Some(fresh) if fresh.dossier_code.is_none() => draft = fresh,
                    _ => {
                        redirect(RECEIPT_URL);
                        return Ok(());
                    }
                }
            }
            Err(error) => return Err(error.into()),
        }
    };
    let today = today();
    let next = if action != GroupAction::Continue {
        step_url(&step.id, from_check, false)
    } else if !check_step(step, &answers, today, &crate::i18n::page()).is_empty() {
        step_url(&step.id, from_check, true)
    } else if from_check {
        // A changed branch may have opened questions that are not answered yet.
        resume_url(procedure, &answers, true)
    } else {
        match procedure.next_step(&step.id, &answers) {
            // In a long procedure each part ends on the task list.
            Some(next) if procedure.task_list && next.section != step.section => {
                TASKS_URL.to_string()
            }
            Some(next) => step_url(&next.id, false, false),
            None if procedure.task_list => TASKS_URL.to_string(),
            None => CHECK_URL.to_string(),
        }
    };
    redirect(&next);
    Ok(())
}

pub async fn autosave(
    step_id: &str,
    base_version: i64,
    typed: Answers,
    base: Option<Answers>,
) -> Result<AutosaveOutcome> {
    let state = state();
    let Some((code, mut draft, procedure)) = current_draft(&state).await? else {
        return Ok(AutosaveOutcome::Closed);
    };
    let Some(step) = procedure.step(step_id) else {
        return Ok(AutosaveOutcome::Closed);
    };
    for _ in 0..SAVE_ATTEMPTS {
        if draft.dossier_code.is_some() {
            return Ok(AutosaveOutcome::Closed);
        }
        let answers = merge(step, &draft.answers, &typed, &GroupAction::Continue);
        if draft.version != base_version {
            let differing = differing_answers(step, &answers, &draft.answers, base.as_ref());
            if !differing.is_empty() {
                return Ok(AutosaveOutcome::Conflict {
                    version: draft.version,
                    answers: differing,
                });
            }
        }
        match store::save_answers(&state.db, &draft, &answers, crate::state::now()).await {
            Ok(version) => {
                crate::assist::after_save(
                    &state.db,
                    &draft.id,
                    &step.title,
                    fields_sent(step, &typed),
                )
                .await;
                return Ok(AutosaveOutcome::Saved {
                    version,
                    saved_at: local(crate::state::now()).format("%H:%M").to_string(),
                });
            }
            Err(StoreError::Stale) => match store::draft_by_code(&state.db, &code).await? {
                Some(fresh) => draft = fresh,
                None => return Ok(AutosaveOutcome::Closed),
            },
            Err(error) => return Err(error.into()),
        }
    }
    Err(StoreError::Stale.into())
}

fn conflict_url(step: &str, from_check: bool) -> String {
    let url = step_url(step, from_check, false);
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}{CONFLICT_QUERY}=1")
}

/// The citizen's choice after a stale Continue: for each differing answer, keep what their page
/// sent or what was saved elsewhere.
pub async fn choose_versions(step_id: &str, from_check: bool, choices: Answers) -> Result<()> {
    let state = state();
    let Some((code, mut draft, procedure)) = current_draft(&state).await? else {
        redirect("/?loi=khong-co-ho-so");
        return Ok(());
    };
    let waiting = store::pending(&state.db, &draft.id).await?;
    let (Some(step), Some(waiting)) = (procedure.step(step_id), waiting) else {
        redirect(&resume_url(procedure, &draft.answers, from_check));
        return Ok(());
    };
    for _ in 0..SAVE_ATTEMPTS {
        let mut answers = draft.answers.clone();
        for field in &step.fields {
            if choices.get(&field.id).map(String::as_str) == Some(super::step_form::conflict::MINE)
            {
                answers.retain(|input, _| !field.owns(input));
                answers.extend(
                    waiting
                        .answers
                        .iter()
                        .filter(|(input, _)| field.owns(input))
                        .map(|(input, value)| (input.clone(), value.clone())),
                );
            }
        }
        match store::save_answers(&state.db, &draft, &answers, crate::state::now()).await {
            Ok(_) => {
                store::set_pending(&state.db, &draft.id, None).await?;
                break;
            }
            Err(StoreError::Stale) => match store::draft_by_code(&state.db, &code).await? {
                Some(fresh) => draft = fresh,
                None => break,
            },
            Err(error) => return Err(error.into()),
        }
    }
    redirect(&step_url(&step.id, from_check, false));
    Ok(())
}

/// The answers this page and another device changed differently, shown both ways.
fn differing_answers(
    step: &Step,
    mine: &Answers,
    theirs: &Answers,
    base: Option<&Answers>,
) -> Vec<ConflictingAnswer> {
    let (today, texts) = (today(), crate::i18n::page());
    answers::differing_fields(step, mine, theirs, base)
        .into_iter()
        .map(|(field, theirs_inputs)| ConflictingAnswer {
            field: field.id.clone(),
            label: field.label.clone(),
            mine: or_blank(display_value(field, mine, today, &texts)),
            theirs: or_blank(display_value(field, theirs, today, &texts)),
            theirs_inputs,
        })
        .collect()
}

fn or_blank(value: String) -> String {
    if value.is_empty() {
        tr!("check.left_blank")
    } else {
        value
    }
}

pub async fn submit() -> Result<()> {
    let state = state();
    let Some((_, draft, procedure)) = current_draft(&state).await? else {
        redirect("/?loi=khong-co-ho-so");
        return Ok(());
    };
    if draft.dossier_code.is_none() && first_unfinished(procedure, &draft.answers).is_none() {
        let first_press =
            within_allowance(&state, &limits::SUBMISSION_OF_DRAFT, Some(&draft.id)).await?;
        let phone = procedure.applicant_phone(&draft.answers);
        let allowed = !first_press
            || (within_allowance(&state, &limits::SUBMISSIONS_PER_CLIENT, None).await?
                && within_allowance(&state, &limits::SUBMISSIONS_PER_PHONE, phone.as_deref())
                    .await?);
        if !allowed {
            // Refused: this draft may try again tomorrow.
            within_allowance_of(&state, &limits::SUBMISSION_OF_DRAFT, Some(&draft.id), -1).await?;
            redirect(&format!("{CHECK_URL}?gui={TOO_MANY_SUBMISSIONS}#gui"));
            return Ok(());
        }
    }
    match submission::submit(&state, &draft, procedure, crate::state::now()).await? {
        Submission::Unfinished(step) => redirect(&step_url(&step, true, true)),
        // Filed with help: only once the citizen has confirmed it on the check-answers page.
        Submission::AwaitsConfirmation => redirect(&format!("{CHECK_URL}?xn=thieu#xac-nhan")),
        Submission::Submitted => {
            crate::channel::record_submission(&state.db, &draft.id)
                .await
                .map_err(StoreError::from)?;
            redirect(RECEIPT_URL);
        }
    }
    Ok(())
}

/// Takes one of `allowance` for this browser's client, or for `who` when given (a phone
/// number). Staff signed in file for many citizens from one desk: never held back.
pub(crate) async fn within_allowance(
    state: &AppState,
    allowance: &limits::Allowance,
    who: Option<&str>,
) -> Result<bool> {
    within_allowance_of(state, allowance, who, 1).await
}

/// `within_allowance` for an amount (bytes of a document).
pub(crate) async fn within_allowance_of(
    state: &AppState,
    allowance: &limits::Allowance,
    who: Option<&str>,
    amount: i64,
) -> Result<bool> {
    crate::allowances::within_daily(state, allowance, who, amount)
        .await
        .map_err(|error| FilingError::Store(error.into()))
}

pub async fn resume(typed: &str) -> Result<()> {
    let state = state();
    let typed: String = typed.chars().take(40).collect();
    let back_home = |error: &str| format!("/?ma={}&loi={error}#tiep-tuc", query_value(&typed));
    // A mistyped code (wrong length, letters we never use) is not a guess: it is said at once.
    let Ok(code) = resume_code::normalise(&typed) else {
        redirect(&back_home("1"));
        return Ok(());
    };
    let client = use_context::<http::request::Parts>()
        .map(|parts| limits::client_of(&parts, &state.trusted_proxies))
        .unwrap_or_else(|| "unknown".into());
    let guess = match limits::guess_resume_code(
        &state.db,
        &state.resume_limits,
        &client,
        crate::state::now(),
    )
    .await
    .map_err(StoreError::from)?
    {
        Verdict::Allowed(guess) => guess,
        Verdict::Limited => {
            tracing::info!(client, "resume code guessing held back");
            redirect(&back_home(RESUME_WAIT));
            return Ok(());
        }
    };
    // A wrong code and an unknown one get the same answer.
    let Some(draft) = store::draft_by_code(&state.db, &code).await? else {
        redirect(&back_home("1"));
        return Ok(());
    };
    guess.refund(&state.db).await.map_err(StoreError::from)?;
    // Staff typing a citizen's code here: audited and marked like the staff page's own form.
    crate::assist::opened_with_code(&state.db, &draft.id, &draft.procedure_id)
        .await
        .map_err(StoreError::from)?;
    session::remember(&state.db, &code, state.secure_cookies)
        .await
        .map_err(StoreError::from)?;
    let next = match state.catalog.procedure(&draft.procedure_id) {
        _ if draft.dossier_code.is_some() => RECEIPT_URL.to_string(),
        Some(procedure) if procedure.task_list => TASKS_URL.to_string(),
        Some(procedure) => resume_url(procedure, &draft.answers, false),
        None => "/".to_string(),
    };
    redirect(&next);
    Ok(())
}

mod page_data;
pub use page_data::{load_check, load_code, load_receipt, load_step, load_tasks};
