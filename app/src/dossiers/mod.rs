//! Dossiers after submission, as every feature needs them: the store (status changes with their
//! events, the outbox, ratings), submission and the messages that tell the citizen what changed.

pub mod messages;
pub mod reception;
pub mod store;
pub mod submission;

use crate::i18n::PageCatalog;
use crate::state::AppState;

/// The messages telling the citizen about the dossier as it is after a change.
pub fn notices(
    state: &AppState,
    after: &store::Dossier,
    note: Option<&str>,
) -> Vec<store::Outgoing> {
    let Some(procedure) = state.catalog.procedure(&after.procedure_id) else {
        return Vec::new();
    };
    let url = crate::web::absolute_url(
        state,
        &format!("{}?ma={}", crate::paths::LOOKUP_URL, after.code),
    );
    messages::messages(
        procedure,
        &after.answers,
        &messages::Notice {
            code: &after.code,
            status: after.status,
            office: &after.office,
            processing_days: procedure.processing_days,
            due_date: after.due_date,
            due_at: after.due_at,
            note,
            lookup_url: &url,
        },
    )
}
