//! Drafts as more than one feature needs them: the draft store, which draft this browser is
//! working on, and starting one (a citizen on the home page, staff at the counter).

pub mod session;
pub mod store;

use crate::state::AppState;
use domain::procedure::{Answers, Procedure};
use store::{Draft, StoreError};

/// Starts a draft of `procedure` with its default answers and makes it this browser's draft.
pub async fn start(state: &AppState, procedure: &Procedure) -> Result<Draft, StoreError> {
    let defaults: Answers = procedure
        .steps
        .iter()
        .flat_map(|step| step.fields.iter())
        .filter_map(|field| field.default.clone().map(|value| (field.id.clone(), value)))
        .collect();
    let code = crate::random::resume_code();
    let draft = store::create_draft(
        &state.db,
        &procedure.id,
        &code,
        &defaults,
        crate::state::now(),
    )
    .await?;
    session::remember(&state.db, &code, state.secure_cookies).await?;
    Ok(draft)
}
