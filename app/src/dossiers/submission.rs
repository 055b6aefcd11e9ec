//! Submitting a draft: the one way a dossier comes to be, whoever presses the button (the
//! citizen on the check-answers page, staff once the citizen has confirmed).

use super::store::{BackofficeError, NewDossier};
use crate::drafts::store::Draft;
use crate::state::{AppState, local, today};
use chrono::{DateTime, Utc};
use domain::procedure::{Answers, Procedure, Step};
use domain::validate::check_step;

/// What became of a submission.
#[derive(Debug, PartialEq)]
pub enum Submission {
    /// This step still misses an answer or holds a wrong one: nothing was submitted.
    Unfinished(String),
    /// Filed with help: the citizen has not confirmed yet.
    AwaitsConfirmation,
    /// Submitted now, or already before (submitting twice is harmless).
    Submitted,
}

/// The first step still missing an answer or holding a wrong one.
pub fn first_unfinished<'a>(procedure: &'a Procedure, answers: &Answers) -> Option<&'a Step> {
    let today = today();
    procedure
        .visible_steps(answers)
        .find(|step| !check_step(step, answers, today, &crate::i18n::page()).is_empty())
}

/// Submits `draft` at `now`: its dossier code, office, due date and the messages telling the
/// citizen, all in one transaction with the draft's change.
pub async fn submit(
    state: &AppState,
    draft: &Draft,
    procedure: &Procedure,
    now: DateTime<Utc>,
) -> Result<Submission, BackofficeError> {
    if draft.dossier_code.is_some() {
        return Ok(Submission::Submitted);
    }
    if let Some(step) = first_unfinished(procedure, &draft.answers) {
        return Ok(Submission::Unfinished(step.id.clone()));
    }
    if crate::assist::awaits_confirmation(&state.db, &draft.id, draft.version).await? {
        return Ok(Submission::AwaitsConfirmation);
    }
    let received = local(now);
    let office = procedure
        .office_field
        .as_ref()
        .and_then(|field| draft.answers.get(field))
        .cloned()
        .unwrap_or_else(|| procedure.authority.clone());
    let code = crate::random::dossier_code(
        &procedure.code_prefix,
        &received.format("%y%m%d").to_string(),
    );
    let answers = procedure.filed_answers(&draft.answers);
    let due_date = state.calendar.due_date(
        received,
        procedure.processing_days,
        procedure.same_day_cutoff(),
    );
    let lookup_url =
        crate::web::absolute_url(state, &format!("{}?ma={code}", crate::paths::LOOKUP_URL));
    let messages = super::messages::messages(
        procedure,
        &answers,
        &super::messages::Notice {
            code: &code,
            status: domain::lifecycle::Status::Submitted,
            office: &office,
            processing_days: procedure.processing_days,
            due_date,
            due_at: None,
            note: None,
            lookup_url: &lookup_url,
        },
    );
    let new = NewDossier {
        code,
        office,
        answers,
        submitted_at: now,
        due_date,
        messages,
    };
    super::store::submit(&state.db, draft, new).await?;
    Ok(Submission::Submitted)
}
