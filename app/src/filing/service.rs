//! What the filing server functions do, on the server.

use super::*;
use crate::dossiers::submission::{self, Submission, first_unfinished};
use crate::drafts::session;
use crate::drafts::store::{self, Draft, StoreError};
use crate::i18n::PageCatalog;
use crate::i18n::format_date;
use crate::limits::{self, Verdict};
use crate::state::{AppState, local, today};
use crate::web::{absolute_url, percent_encode};
use chrono::Utc;
use domain::procedure::{Answers, Field, FieldKind, GROUP_SEPARATOR, Procedure, Step};
use domain::resume_code;
use domain::validate::{
    check_field, check_step, display_value, filled_items, group_items, item_field, main_item_input,
};
use leptos::server_fn::ServerFn;
use leptos_axum::redirect;

/// Longest answer kept for one input: anything longer is not a real answer.
const MAX_INPUT_CHARS: usize = 2000;
const SAVE_ATTEMPTS: usize = 3;

#[derive(Debug, thiserror::Error)]
pub enum FilingError {
    #[error("{}", tr!("filing.error.busy"))]
    Store(#[from] StoreError),
    #[error("{}", tr!("filing.error.busy"))]
    Dossier(#[from] crate::dossiers::store::BackofficeError),
    #[error("{}", tr!("filing.error.bad_form"))]
    BadForm,
    #[error("{}", tr!("filing.error.file_not_saved"))]
    Storage(std::io::Error),
}

/// What a server function answers when the store fails: the citizen's message, and our log.
/// Everything a citizen can send wrong is answered with a redirect to a page that explains, so
/// this is the only error our server functions return.
pub fn failed(error: FilingError) -> ServerFnError {
    match &error {
        FilingError::Store(cause) => tracing::error!("filing: {cause}"),
        FilingError::Dossier(cause) => tracing::error!("filing, the dossier: {cause}"),
        FilingError::Storage(cause) => tracing::error!("filing, writing an upload: {cause}"),
        FilingError::BadForm => tracing::warn!("filing: an unreadable multipart form"),
    }
    ServerFnError::new(match error {
        FilingError::Store(_) | FilingError::Dossier(_) => tr!("filing.busy"),
        FilingError::BadForm => tr!("filing.bad_form"),
        FilingError::Storage(_) => tr!("filing.storage"),
    })
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
    let Some(code) = session::current_code() else {
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
    crate::drafts::start(&state, procedure).await?;
    redirect(&first_page(procedure));
    Ok(())
}

/// The fields of `step` that this save sent answers for.
fn fields_sent(step: &Step, typed: &Answers) -> Vec<String> {
    step.fields
        .iter()
        .filter(|field| typed.keys().any(|input| field.owns(input)))
        .map(|field| field.id.clone())
        .collect()
}

/// Where a draft should be picked up again: its first unfinished step, or check answers.
fn resume_url(procedure: &Procedure, answers: &Answers, from_check: bool) -> String {
    first_unfinished(procedure, answers)
        .map(|step| step_url(&step.id, from_check, false))
        .unwrap_or_else(|| CHECK_URL.to_string())
}

/// Besides Continue, a step with a repeating group has "add another" and "remove" buttons.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum GroupAction {
    #[default]
    Continue,
    /// Add an empty item to this group.
    Add(String),
    /// Remove this item (`group.n`).
    Remove(String),
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
        match store::save_answers(&state.db, &draft, &answers, Utc::now()).await {
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
        match store::save_answers(&state.db, &draft, &answers, Utc::now()).await {
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
                    saved_at: local(Utc::now()).format("%H:%M").to_string(),
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
        match store::save_answers(&state.db, &draft, &answers, Utc::now()).await {
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

/// The answers of a step that this page changed one way and another device another way. With
/// the values the page started from (`base`), an answer changed only here is no conflict;
/// without them, every answer that differs is shown.
fn differing_answers(
    step: &Step,
    mine: &Answers,
    theirs: &Answers,
    base: Option<&Answers>,
) -> Vec<ConflictingAnswer> {
    let today = today();
    let owned = |field: &domain::procedure::Field, answers: &Answers| -> Answers {
        answers
            .iter()
            .filter(|(input, value)| field.owns(input) && !value.trim().is_empty())
            .map(|(input, value)| (input.clone(), value.trim().to_string()))
            .collect()
    };
    step.fields
        .iter()
        .filter(|field| field.kind != FieldKind::Attachment)
        .filter_map(|field| {
            let (my_inputs, their_inputs) = (owned(field, mine), owned(field, theirs));
            let changed_elsewhere = base.is_none_or(|base| owned(field, base) != their_inputs);
            (my_inputs != their_inputs && changed_elsewhere).then(|| ConflictingAnswer {
                field: field.id.clone(),
                label: field.label.clone(),
                mine: or_blank(display_value(field, mine, today, &crate::i18n::page())),
                theirs: or_blank(display_value(field, theirs, today, &crate::i18n::page())),
                theirs_inputs: their_inputs,
            })
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

/// This step's inputs replace what was stored; an input left out (an unticked radio) is cleared.
/// Attachments keep their stored file unless a new one came.
fn merge(step: &Step, stored: &Answers, typed: &Answers, action: &GroupAction) -> Answers {
    let mut answers: Answers = stored
        .iter()
        .filter(|(input, _)| {
            !step
                .fields
                .iter()
                .any(|field| field.owns(input) && field.kind != FieldKind::Attachment)
        })
        .map(|(input, value)| (input.clone(), value.clone()))
        .collect();
    for (input, value) in typed {
        if step.fields.iter().any(|field| field.owns(input)) {
            answers.insert(input.clone(), value.chars().take(MAX_INPUT_CHARS).collect());
        }
    }
    for group in step
        .fields
        .iter()
        .filter(|field| field.kind == FieldKind::Group)
    {
        let filled = filled_items(group, &answers);
        // Blank rows are dropped, except one to type into when asked for.
        answers.retain(|input, _| {
            !group.owns(input)
                || input == &main_item_input(group)
                || group_items(group, &answers_item(input))
                    .iter()
                    .all(|n| filled.contains(n))
        });
        match action {
            GroupAction::Add(id) if *id == group.id => {
                let limit = group.max_items.unwrap_or(MAX_GROUP_ITEMS);
                if filled.len() < limit {
                    let next = filled.iter().max().copied().unwrap_or(0) + 1;
                    if let Some(item) = group.items.first() {
                        answers.insert(
                            item_field(group, item, next, &crate::i18n::page()).first_input(),
                            String::new(),
                        );
                    }
                }
            }
            GroupAction::Remove(target) => {
                let prefix = format!("{target}{GROUP_SEPARATOR}");
                if target.starts_with(&format!("{}{GROUP_SEPARATOR}", group.id)) {
                    answers.retain(|input, _| !input.starts_with(&prefix));
                    let removed = target.rsplit(GROUP_SEPARATOR).next().unwrap_or("");
                    if answers.get(&main_item_input(group)).map(String::as_str) == Some(removed) {
                        answers.remove(&main_item_input(group));
                    }
                }
            }
            _ => {}
        }
    }
    answers
}

/// A one-entry map, to ask which group item an input belongs to.
fn answers_item(input: &str) -> Answers {
    std::iter::once((input.to_string(), String::new())).collect()
}

/// A repeating group without a `max_items` still has a bound.
const MAX_GROUP_ITEMS: usize = 50;

pub async fn submit() -> Result<()> {
    let state = state();
    let Some((_, draft, procedure)) = current_draft(&state).await? else {
        redirect("/?loi=khong-co-ho-so");
        return Ok(());
    };
    match submission::submit(&state, &draft, procedure, Utc::now()).await? {
        Submission::Unfinished(step) => redirect(&step_url(&step, true, true)),
        // Filed with help: only once the citizen has confirmed it on the check-answers page.
        Submission::AwaitsConfirmation => redirect(&format!("{CHECK_URL}?xn=thieu#xac-nhan")),
        Submission::Submitted => redirect(RECEIPT_URL),
    }
    Ok(())
}

pub async fn resume(typed: &str) -> Result<()> {
    let state = state();
    let typed: String = typed.chars().take(40).collect();
    let back_home = |error: &str| format!("/?ma={}&loi={error}#tiep-tuc", percent_encode(&typed));
    // A mistyped code (wrong length, letters we never use) is not a guess: it is said at once.
    let Ok(code) = resume_code::normalise(&typed) else {
        redirect(&back_home("1"));
        return Ok(());
    };
    let client = use_context::<http::request::Parts>()
        .map(|parts| limits::client_of(&parts, state.trusted_proxy))
        .unwrap_or_else(|| "unknown".into());
    let guess =
        match limits::guess_resume_code(&state.db, &state.resume_limits, &client, Utc::now())
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
    session::remember(&code, state.secure_cookies);
    let next = match state.catalog.procedure(&draft.procedure_id) {
        _ if draft.dossier_code.is_some() => RECEIPT_URL.to_string(),
        Some(procedure) if procedure.task_list => TASKS_URL.to_string(),
        Some(procedure) => resume_url(procedure, &draft.answers, false),
        None => "/".to_string(),
    };
    redirect(&next);
    Ok(())
}

pub async fn load_step(
    step_id: &str,
    show_errors: bool,
    from_check: bool,
    show_conflict: bool,
) -> Result<DraftPage<StepPageData>> {
    let state = state();
    let (code, draft, procedure) = match open_draft(&state).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let answers = &draft.answers;
    let visible: Vec<&Step> = procedure.visible_steps(answers).collect();
    let Some(number) = visible.iter().position(|step| step.id == step_id) else {
        return Ok(DraftPage::NoSuchStep {
            first_step_url: resume_url(procedure, answers, false),
        });
    };
    let step = visible[number];
    let back_url = if from_check {
        CHECK_URL.to_string()
    } else {
        match procedure.previous_step(&step.id, answers) {
            Some(previous) if procedure.task_list && previous.section != step.section => {
                TASKS_URL.to_string()
            }
            Some(previous) => step_url(&previous.id, false, false),
            None if procedure.task_list => TASKS_URL.to_string(),
            None => format!("/thu-tuc/{}", procedure.id),
        }
    };
    let fields: Vec<_> = step.visible_fields(answers).cloned().collect();
    let values: Answers = answers
        .iter()
        .filter(|(input, _)| fields.iter().any(|field| field.owns(input)))
        .map(|(input, value)| (input.clone(), value.clone()))
        .collect();
    // What this step's rules compare with on the client: the answers ID numbers are checked against.
    let context: Answers = fields
        .iter()
        .filter_map(|field| field.id_check.as_ref())
        .flat_map(|check| std::iter::once(&check.birth).chain(check.sex.as_ref()))
        .filter_map(|id| procedure.field(id))
        .filter(|other| !fields.iter().any(|field| field.id == other.id))
        .flat_map(|other| other.inputs())
        .filter_map(|input| answers.get(&input).map(|value| (input, value.clone())))
        .collect();
    let multipart = fields
        .iter()
        .any(|field| field.kind == FieldKind::Attachment);
    let waiting = match show_conflict {
        true => store::pending(&state.db, &draft.id).await?,
        false => None,
    };
    let conflicts = waiting
        .filter(|waiting| waiting.step == step.id)
        .map(|waiting| {
            let mine = merge(step, answers, &waiting.answers, &GroupAction::Continue);
            differing_answers(step, &mine, answers, None)
        })
        .filter(|differing| !differing.is_empty());
    let errors = if show_errors {
        check_step(step, answers, today(), &crate::i18n::page())
    } else {
        Vec::new()
    };
    Ok(DraftPage::Ready(StepPageData {
        procedure_name: procedure.name.clone(),
        section: step.section.clone(),
        title: step.title.clone(),
        hint: step.hint.clone(),
        meaning: step.meaning.clone(),
        number: number + 1,
        count: visible.len(),
        back_url,
        resume_code: resume_code::grouped(&code),
        conflicts,
        form: StepFormData {
            base: serde_json::to_string(&values).unwrap_or_default(),
            version: draft.version,
            action: if multipart {
                SaveStepWithFiles::url()
            } else {
                SaveStep::url()
            }
            .to_string(),
            multipart,
            step_id: step.id.clone(),
            from_check,
            fields,
            values,
            context,
            errors,
        },
    }))
}

/// The visible steps in their sections, in order: the task list's tasks and the check page's
/// groups.
fn sections_of<'p>(procedure: &'p Procedure, answers: &Answers) -> Vec<(&'p str, Vec<&'p Step>)> {
    let mut sections: Vec<(&str, Vec<&Step>)> = Vec::new();
    for step in procedure.visible_steps(answers) {
        match sections.last_mut() {
            Some((title, steps)) if *title == step.section => steps.push(step),
            _ => sections.push((&step.section, vec![step])),
        }
    }
    sections
}

pub async fn load_tasks() -> Result<DraftPage<TaskListData>> {
    let state = state();
    let (code, draft, procedure) = match open_draft(&state).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let today = today();
    let answers = &draft.answers;
    let mut tasks: Vec<Task> = Vec::new();
    for (title, steps) in sections_of(procedure, answers) {
        let unfinished = steps
            .iter()
            .find(|step| !check_step(step, answers, today, &crate::i18n::page()).is_empty());
        let answered = steps.iter().flat_map(|step| &step.fields).any(|field| {
            answers.iter().any(|(input, value)| {
                field.owns(input)
                    && !value.trim().is_empty()
                    && field.default.as_deref() != Some(value)
            })
        });
        let status = match (unfinished, answered) {
            (None, _) => TaskStatus::Done,
            (Some(_), true) => TaskStatus::InProgress,
            (Some(_), false) => TaskStatus::NotStarted,
        };
        let start = unfinished.copied().unwrap_or(steps[0]);
        tasks.push(Task {
            title: title.to_string(),
            url: step_url(&start.id, false, false),
            status,
        });
    }
    let complete = tasks.iter().all(|task| task.status == TaskStatus::Done);
    Ok(DraftPage::Ready(TaskListData {
        procedure_name: procedure.name.clone(),
        tasks,
        resume_code: resume_code::grouped(&code),
        complete,
    }))
}

pub async fn load_check() -> Result<DraftPage<CheckPageData>> {
    let state = state();
    let (code, draft, procedure) = match open_draft(&state).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let today = today();
    let answers = &draft.answers;
    let row = |step: &Step, field: &Field| CheckRow {
        label: field.label.clone(),
        value: display_value(field, answers, today, &crate::i18n::page()),
        change_url: step_url(&step.id, true, false),
        noun: field.noun.clone(),
        link: (field.kind == FieldKind::Attachment)
            .then(|| {
                answers
                    .get(&field.id)?
                    .split_once('/')
                    .map(|(id, _)| format!("{DOWNLOAD_PREFIX}{id}"))
            })
            .flatten(),
        error: check_field(field, answers, today, &crate::i18n::page())
            .err()
            .map(|error| error.message),
    };
    let sections: Vec<CheckSection> = sections_of(procedure, answers)
        .into_iter()
        .map(|(title, steps)| CheckSection {
            title: title.to_string(),
            rows: steps
                .iter()
                .flat_map(|step| step.visible_fields(answers).map(|field| row(step, field)))
                .collect(),
        })
        .collect();
    let complete = sections
        .iter()
        .flat_map(|section| &section.rows)
        .all(|row| row.error.is_none());
    let assisted = crate::assist::check_block(&state.db, &draft.id, procedure, &draft.answers)
        .await
        .map_err(StoreError::from)?;
    Ok(DraftPage::Ready(CheckPageData {
        procedure_name: procedure.name.clone(),
        sections,
        resume_code: resume_code::grouped(&code),
        documents: procedure.documents.clone(),
        complete,
        assisted,
    }))
}

pub async fn load_receipt() -> Result<DraftPage<ReceiptData>> {
    let state = state();
    let Some((_, draft, procedure)) = current_draft(&state).await? else {
        return Ok(DraftPage::NoDraft);
    };
    let Some(dossier) = crate::dossiers::store::dossier_for_draft(&state.db, &draft.id).await?
    else {
        return Ok(DraftPage::NoSuchStep {
            first_step_url: CHECK_URL.to_string(),
        });
    };
    let today = today();
    let answer = |field: &Option<String>| {
        field
            .as_ref()
            .and_then(|id| procedure.field(id))
            .map(|field| display_value(field, &dossier.answers, today, &crate::i18n::page()))
            .unwrap_or_default()
    };
    let applicant = &procedure.applicant;
    let received = local(dossier.submitted_at);
    let attachments = procedure
        .steps
        .iter()
        .flat_map(|step| &step.fields)
        .filter(|field| field.kind == FieldKind::Attachment)
        .filter_map(|field| {
            let name = domain::validate::attachment_name(dossier.answers.get(&field.id)?);
            (!name.is_empty()).then(|| format!("{}: {name}", field.label))
        })
        .collect();
    Ok(DraftPage::Ready(ReceiptData {
        lookup_qr_svg: lookup_qr(&dossier.code, state.secure_cookies),
        dossier_code: dossier.code,
        office: dossier.office,
        procedure_name: procedure.name.clone(),
        applicant_name: answer(&Some(applicant.name.clone())),
        applicant_id: answer(&applicant.id_number),
        applicant_address: answer(&applicant.address),
        applicant_phone: answer(&applicant.phone),
        documents: procedure.documents.clone(),
        processing: processing_time(procedure),
        received_at: tr!(
            "receipt.received_at",
            hour = received.format("%H"),
            minute = received.format("%M"),
            date = format_date(received.date())
        ),
        due: format_date(dossier.due_date),
        delivery: answer(&procedure.delivery_field),
        result: procedure.result.clone(),
        attachments,
    }))
}

/// A QR code of the status-lookup address, drawn as inline SVG (no image request, prints well).
fn lookup_qr(code: &str, secure: bool) -> String {
    qr_of_page(&format!("{}?ma={code}", crate::paths::LOOKUP_URL), secure)
}

/// A QR code of an address on this site, drawn as inline SVG (no image request, prints sharp).
fn qr_of_page(path: &str, secure: bool) -> String {
    let url = absolute_url(path, secure);
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(qr) => qr
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

pub async fn load_code() -> Result<DraftPage<CodeData>> {
    let state = state();
    let (code, draft, procedure) = match open_draft(&state).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    // Scanning it opens the home page with the code already typed in.
    let grouped = resume_code::grouped(&code);
    Ok(DraftPage::Ready(CodeData {
        procedure_name: procedure.name.clone(),
        qr_svg: qr_of_page(&format!("/?ma={grouped}#tiep-tuc"), state.secure_cookies),
        resume_code: grouped,
        back_url: resume_url(procedure, &draft.answers, false),
    }))
}
