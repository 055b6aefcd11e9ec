//! Documents a citizen photographs or chooses: checked by their content, never by their name,
//! and kept in the document store (`crate::documents`) under a random name.

use super::FROM_CHECK;
use super::service::{self, FilingError, GroupAction};
use crate::drafts::store;
use crate::i18n::PageCatalog;
use crate::intake::{self, Upload, read_part};
use crate::state::AppState;
use domain::procedure::Answers;
use leptos::prelude::*;
use server_fn::codec::MultipartData;

pub use crate::intake::{DOWNLOAD_PREFIX, MAX_FILE_BYTES};

pub async fn save_step_with_files(data: MultipartData) -> Result<(), FilingError> {
    let mut multipart = data.into_inner().ok_or(FilingError::BadForm)?;
    let mut step_id = String::new();
    let mut from_check = false;
    let mut action = GroupAction::Continue;
    let mut base_version = None;
    let mut base = None;
    let mut typed = Answers::new();
    let mut uploads = Vec::new();
    let mut file_inputs = std::collections::HashSet::new();
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let input = name
            .strip_prefix("a[")
            .and_then(|n| n.strip_suffix(']'))
            .unwrap_or("")
            .to_string();
        // Our forms send one file per document input: anything more is not read at all.
        if file_name.is_some() && (input.is_empty() || !file_inputs.insert(input.clone())) {
            return Err(FilingError::BadForm);
        }
        let (bytes, too_big) = read_part(&mut field, file_name.is_some(), 10_000).await;
        if let Some(file_name) = file_name {
            // An empty file input (nothing chosen) keeps the document sent before.
            if !bytes.is_empty() || too_big {
                uploads.push(Upload {
                    input,
                    file_name,
                    bytes,
                    too_big,
                });
            }
            continue;
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "buoc" => step_id = text,
            "phien_ban" => base_version = text.trim().parse().ok(),
            "goc" => base = serde_json::from_str(&text).ok(),
            "tu" => from_check = text == FROM_CHECK,
            "them" => action = GroupAction::Add(text),
            "bo" => action = GroupAction::Remove(text),
            other => {
                if let Some(input) = other.strip_prefix("a[").and_then(|n| n.strip_suffix(']')) {
                    typed.insert(input.to_string(), text);
                }
            }
        }
    }
    if !uploads.is_empty() {
        let state = expect_context::<AppState>();
        let draft = match crate::drafts::session::current_code().await {
            Some(code) => store::draft_by_code(&state.db, &code).await?,
            None => None,
        };
        if let Some(draft) = draft.filter(|draft| draft.dossier_code.is_none()) {
            // Only files for a document this step asks for are kept.
            let asked = state
                .catalog
                .procedure(&draft.procedure_id)
                .and_then(|procedure| procedure.step(&step_id))
                .map(|step| {
                    step.fields
                        .iter()
                        .filter(|field| field.kind == domain::procedure::FieldKind::Attachment)
                        .map(|field| field.id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            for upload in uploads
                .into_iter()
                .filter(|upload| asked.contains(&upload.input))
            {
                let input = upload.input.clone();
                let answer = intake::keep(&state, &draft.id, upload)
                    .await
                    .map_err(FilingError::from)?;
                typed.insert(input, answer);
            }
        }
    }
    service::save_step(&step_id, from_check, typed, action, base_version, base).await
}

/// A document the citizen sent, back to them only: the draft in their cookie must name it.
/// Served as a download, never rendered by the browser from our origin. Never to a kiosk,
/// whose downloads the next person would find.
pub async fn download(
    state: AppState,
    name: String,
    headers: http::HeaderMap,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::{StatusCode, header};
    let lang = crate::prefs::of_request(&headers).lang;
    let not_found = || {
        let text = rust_i18n::t!("document.not_found", locale = lang.code()).into_owned();
        (StatusCode::NOT_FOUND, text).into_response()
    };
    if crate::cookies::kiosk_token_in(&headers).is_some() {
        let text = rust_i18n::t!("document.not_on_kiosk", locale = lang.code()).into_owned();
        return (StatusCode::FORBIDDEN, text).into_response();
    }
    let stored_name = crate::documents::is_stored_name(&name);
    let Some(code) = crate::drafts::session::code_in(&headers).filter(|_| stored_name) else {
        return not_found();
    };
    let Ok(Some(draft)) = store::draft_by_code(&state.db, &code).await else {
        return not_found();
    };
    let prefix = format!("{name}/");
    let Some(shown_name) = draft
        .answers
        .values()
        .find_map(|answer| answer.strip_prefix(&prefix))
        .map(str::to_string)
    else {
        return not_found();
    };
    let document = match state.documents.get(&draft.id, &name).await {
        Ok(Some(document)) => document,
        Ok(None) => return not_found(),
        Err(error) => {
            tracing::error!("a citizen's download: {error}");
            return not_found();
        }
    };
    // The old `filename` gets an ASCII stand-in; `filename*` (RFC 5987) the name itself.
    let ascii: String = shown_name
        .chars()
        .map(|c| match c.is_ascii_alphanumeric() || c == '.' {
            true => c,
            false => '_',
        })
        .collect();
    const ATTR_CHAR: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'.');
    let encoded = percent_encoding::utf8_percent_encode(&shown_name, ATTR_CHAR);
    (
        [
            (header::CONTENT_TYPE, document.content_type.clone()),
            (header::CONTENT_LENGTH, document.size.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
            (header::CONTENT_SECURITY_POLICY, "sandbox".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        document.into_body(),
    )
        .into_response()
}
