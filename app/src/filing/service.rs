//! What the filing server functions do, on the server.

use super::session;
use super::store::{self, Draft, NewDossier, StoreError};
use super::*;
use crate::catalog::{Procedure, Step};
use crate::rules::dates::format_date;
use crate::rules::resume_code;
use crate::rules::validate::{check_field, check_step, display_value};
use crate::state::{AppState, local, today};
use chrono::Utc;
use leptos::server_fn::ServerFn;
use leptos_axum::redirect;

/// Longest answer kept for one input: anything longer is not a real answer.
const MAX_INPUT_CHARS: usize = 2000;
const SAVE_ATTEMPTS: usize = 3;

#[derive(Debug, thiserror::Error)]
pub enum FilingError {
    #[error(
        "Hệ thống đang bận nên chưa lưu được. Những gì bạn đã nhập vẫn còn trên máy: hãy bấm Tiếp tục lại sau ít phút."
    )]
    Store(#[from] StoreError),
}

/// What a server function answers when the store fails: the citizen's message, and our log.
/// Everything a citizen can send wrong is answered with a redirect to a page that explains, so
/// this is the only error our server functions return.
pub fn failed(error: FilingError) -> ServerFnError {
    let FilingError::Store(cause) = &error;
    tracing::error!("filing: {cause}");
    ServerFnError::new(error)
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
    }
}

fn processing_time(procedure: &Procedure) -> String {
    match (procedure.processing_days, &procedure.processing_note) {
        (_, Some(note)) => note.clone(),
        (0, None) => "Trong ngày làm việc".into(),
        (days, None) => format!("{days} ngày làm việc"),
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

fn state() -> AppState {
    expect_context::<AppState>()
}

pub async fn start_draft(procedure_id: &str) -> Result<()> {
    let state = state();
    let Some(procedure) = state.catalog.procedure(procedure_id) else {
        redirect(&format!("/?loi={UNKNOWN_PROCEDURE}"));
        return Ok(());
    };
    let defaults: Answers = procedure
        .steps
        .iter()
        .flat_map(|step| step.fields.iter())
        .filter_map(|field| field.default.clone().map(|value| (field.id.clone(), value)))
        .collect();
    let code = resume_code::generate();
    store::create_draft(&state.db, &procedure.id, &code, &defaults, Utc::now()).await?;
    session::remember(&code, state.secure_cookies);
    redirect(&step_url(&procedure.steps[0].id, false, false));
    Ok(())
}

/// The first step still missing an answer or holding a wrong one.
fn first_unfinished<'a>(procedure: &'a Procedure, answers: &Answers) -> Option<&'a Step> {
    let today = today();
    procedure
        .visible_steps(answers)
        .find(|step| !check_step(step, answers, today).is_empty())
}

/// Where a draft should be picked up again: its first unfinished step, or check answers.
fn resume_url(procedure: &Procedure, answers: &Answers, from_check: bool) -> String {
    first_unfinished(procedure, answers)
        .map(|step| step_url(&step.id, from_check, false))
        .unwrap_or_else(|| CHECK_URL.to_string())
}

pub async fn save_step(step_id: &str, from_check: bool, typed: Answers) -> Result<()> {
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
        let answers = merge(step, &draft.answers, &typed);
        match store::save_answers(&state.db, &draft, &answers, Utc::now()).await {
            Ok(_) => break answers,
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
    let next = if !check_step(step, &answers, today).is_empty() {
        step_url(&step.id, from_check, true)
    } else if from_check {
        // A changed branch may have opened questions that are not answered yet.
        resume_url(procedure, &answers, true)
    } else {
        procedure
            .next_step(&step.id, &answers)
            .map(|next| step_url(&next.id, false, false))
            .unwrap_or_else(|| CHECK_URL.to_string())
    };
    redirect(&next);
    Ok(())
}

/// This step's inputs replace what was stored; an input left out (an unticked radio) is cleared.
fn merge(step: &Step, stored: &Answers, typed: &Answers) -> Answers {
    let mut answers = stored.clone();
    for input in step.fields.iter().flat_map(|field| field.inputs()) {
        match typed.get(&input) {
            Some(value) => {
                answers.insert(input, value.chars().take(MAX_INPUT_CHARS).collect());
            }
            None => {
                answers.remove(&input);
            }
        }
    }
    answers
}

pub async fn submit() -> Result<()> {
    let state = state();
    let Some((_, draft, procedure)) = current_draft(&state).await? else {
        redirect("/?loi=khong-co-ho-so");
        return Ok(());
    };
    if draft.dossier_code.is_none() {
        if let Some(step) = first_unfinished(procedure, &draft.answers) {
            redirect(&step_url(&step.id, true, true));
            return Ok(());
        }
        let now = Utc::now();
        let received = local(now);
        let office = procedure
            .office_field
            .as_ref()
            .and_then(|field| draft.answers.get(field))
            .cloned()
            .unwrap_or_else(|| procedure.authority.clone());
        let new = NewDossier {
            code: format!(
                "{}-{}-{}",
                procedure.code_prefix,
                received.format("%y%m%d"),
                resume_code::random_letters(6)
            ),
            office,
            answers: procedure.filed_answers(&draft.answers),
            submitted_at: now,
            due_date: state.calendar.due_date(
                received,
                procedure.processing_days,
                procedure.same_day_cutoff(),
            ),
        };
        store::submit(&state.db, &draft, new).await?;
    }
    redirect(RECEIPT_URL);
    Ok(())
}

pub async fn resume(typed: &str) -> Result<()> {
    let state = state();
    let typed: String = typed.chars().take(40).collect();
    let found = match resume_code::normalise(&typed) {
        Ok(code) => store::draft_by_code(&state.db, &code)
            .await?
            .map(|draft| (code, draft)),
        Err(_) => None,
    };
    let Some((code, draft)) = found else {
        redirect(&format!("/?ma={}&loi=1#tiep-tuc", percent_encode(&typed)));
        return Ok(());
    };
    session::remember(&code, state.secure_cookies);
    let next = match state.catalog.procedure(&draft.procedure_id) {
        _ if draft.dossier_code.is_some() => RECEIPT_URL.to_string(),
        Some(procedure) => resume_url(procedure, &draft.answers, false),
        None => "/".to_string(),
    };
    redirect(&next);
    Ok(())
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn load_step(
    step_id: &str,
    show_errors: bool,
    from_check: bool,
) -> Result<DraftPage<StepPageData>> {
    let state = state();
    let Some((code, draft, procedure)) = current_draft(&state).await? else {
        return Ok(DraftPage::NoDraft);
    };
    if draft.dossier_code.is_some() {
        return Ok(DraftPage::Submitted);
    }
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
        procedure
            .previous_step(&step.id, answers)
            .map(|previous| step_url(&previous.id, false, false))
            .unwrap_or_else(|| format!("/thu-tuc/{}", procedure.id))
    };
    let values: Answers = step
        .fields
        .iter()
        .flat_map(|field| field.inputs())
        .filter_map(|input| answers.get(&input).map(|value| (input, value.clone())))
        .collect();
    let errors = if show_errors {
        check_step(step, answers, today())
    } else {
        Vec::new()
    };
    Ok(DraftPage::Ready(StepPageData {
        procedure_name: procedure.name.clone(),
        section: step.section.clone(),
        title: step.title.clone(),
        hint: step.hint.clone(),
        number: number + 1,
        count: visible.len(),
        back_url,
        resume_code: resume_code::grouped(&code),
        form: StepFormData {
            action: SaveStep::url().to_string(),
            step_id: step.id.clone(),
            from_check,
            fields: step.fields.clone(),
            values,
            errors,
        },
    }))
}

pub async fn load_check() -> Result<DraftPage<CheckPageData>> {
    let state = state();
    let Some((code, draft, procedure)) = current_draft(&state).await? else {
        return Ok(DraftPage::NoDraft);
    };
    if draft.dossier_code.is_some() {
        return Ok(DraftPage::Submitted);
    }
    let today = today();
    let answers = &draft.answers;
    let mut sections: Vec<CheckSection> = Vec::new();
    for step in procedure.visible_steps(answers) {
        let rows = step.fields.iter().map(|field| CheckRow {
            label: field.label.clone(),
            value: display_value(field, answers, today),
            change_url: step_url(&step.id, true, false),
            noun: field.noun.clone(),
            error: check_field(field, answers, today)
                .err()
                .map(|error| error.message),
        });
        match sections.last_mut() {
            Some(section) if section.title == step.section => section.rows.extend(rows),
            _ => sections.push(CheckSection {
                title: step.section.clone(),
                rows: rows.collect(),
            }),
        }
    }
    let complete = sections
        .iter()
        .flat_map(|section| &section.rows)
        .all(|row| row.error.is_none());
    Ok(DraftPage::Ready(CheckPageData {
        procedure_name: procedure.name.clone(),
        sections,
        resume_code: resume_code::grouped(&code),
        documents: procedure.documents.clone(),
        complete,
    }))
}

pub async fn load_receipt() -> Result<DraftPage<ReceiptData>> {
    let state = state();
    let Some((_, draft, procedure)) = current_draft(&state).await? else {
        return Ok(DraftPage::NoDraft);
    };
    let Some(dossier) = store::dossier_for_draft(&state.db, &draft.id).await? else {
        return Ok(DraftPage::NoSuchStep {
            first_step_url: CHECK_URL.to_string(),
        });
    };
    let today = today();
    let answer = |field: &Option<String>| {
        field
            .as_ref()
            .and_then(|id| procedure.field(id))
            .map(|field| display_value(field, &dossier.answers, today))
            .unwrap_or_default()
    };
    let applicant = &procedure.applicant;
    let received = local(dossier.submitted_at);
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
        received_at: format!(
            "{} ngày {}",
            received.format("%H giờ %M"),
            format_date(received.date())
        ),
        due: format_date(dossier.due_date),
        delivery: answer(&procedure.delivery_field),
        result: procedure.result.clone(),
    }))
}

/// A QR code of the status-lookup address, drawn as inline SVG (no image request, prints well).
fn lookup_qr(code: &str, secure: bool) -> String {
    let host = use_context::<http::request::Parts>()
        .and_then(|parts| parts.headers.get(http::header::HOST).cloned())
        .and_then(|host| host.to_str().ok().map(str::to_string))
        .unwrap_or_else(|| "localhost".into());
    let scheme = if secure { "https" } else { "http" };
    let url = format!("{scheme}://{host}/tra-cuu?ma={code}");
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(qr) => qr
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(160, 160)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}
