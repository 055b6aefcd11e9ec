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
    let url = crate::web::absolute_url(state, &status_path(after));
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

/// Where the citizen follows a dossier: `/tra-cuu?ma=CODE`. A code issued before codes were too
/// long to guess (`domain::dossier_code`) also carries `k`, its lookup key: with it a plain link
/// opens the status; without it the page asks for one press of the counted lookup form.
pub fn status_path(dossier: &store::Dossier) -> String {
    let code = crate::paths::query_value(&dossier.code);
    match lookup_key(dossier) {
        Some(key) => format!("{}?ma={code}&k={key}", crate::paths::LOOKUP_URL),
        None => format!("{}?ma={code}", crate::paths::LOOKUP_URL),
    }
}

/// The lookup key of a dossier whose code could be guessed (None for the others): 128 bits
/// derived from its draft's id (118 random bits that never leave the office), so nothing new
/// is stored and every server instance computes the same key.
pub fn lookup_key(dossier: &store::Dossier) -> Option<String> {
    (!domain::dossier_code::unguessable(&dossier.code)).then(|| {
        digest(&format!(
            "lookup-key\0{}\0{}",
            dossier.draft_id, dossier.code
        ))[..32]
            .to_string()
    })
}

/// Whether a plain link carrying `key` may open the dossier's status.
pub fn key_opens(dossier: &store::Dossier, key: &str) -> bool {
    match lookup_key(dossier) {
        None => true,
        // Compared as digests, so the time taken says nothing about the key.
        Some(expected) => digest(&expected) == digest(key),
    }
}

fn digest(text: &str) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dossier(code: &str, draft_id: &str) -> store::Dossier {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        store::Dossier {
            code: code.into(),
            draft_id: draft_id.into(),
            procedure_id: "khai-sinh".into(),
            office: String::new(),
            answers: Default::default(),
            status: domain::lifecycle::Status::Submitted,
            version: 1,
            submitted_at: chrono::Utc::now(),
            received_at: None,
            done_at: None,
            returned_at: None,
            due_date: day,
            first_due_date: day,
            due_at: None,
            apologies: 0,
            supplement_note: None,
            paused_on: None,
            paused_days: 0,
            supplements: 0,
        }
    }

    #[test]
    fn a_code_that_could_be_guessed_opens_by_link_only_with_its_own_key() {
        let old = dossier("KS-261124-ABCDEF", "K7M2Q8XTR4WN3HDK7M2Q8XTR");
        let key = lookup_key(&old).expect("an old code has a key");
        assert_eq!(key.len(), 32, "128 bits in hex");
        assert_eq!(
            status_path(&old),
            format!("/tra-cuu?ma=KS-261124-ABCDEF&k={key}")
        );
        assert!(key_opens(&old, &key));
        assert!(!key_opens(&old, ""));
        assert!(!key_opens(&old, &key.to_uppercase()));
        // Another draft, another key: knowing the code is not enough to make one.
        let other = dossier("KS-261124-ABCDEF", "Z7M2Q8XTR4WN3HDK7M2Q8XTR");
        assert!(!key_opens(&other, &key));

        let new = dossier("KS-261124-7KM2QXTR4WN", "K7M2Q8XTR4WN3HDK7M2Q8XTR");
        assert_eq!(lookup_key(&new), None);
        assert_eq!(status_path(&new), "/tra-cuu?ma=KS-261124-7KM2QXTR4WN");
        assert!(key_opens(&new, ""));
    }
}
