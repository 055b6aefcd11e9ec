//! Documents a citizen photographs or chooses: checked by their content, never by their name,
//! and kept in the document store (`crate::documents`) under a random name.

use super::FROM_CHECK;
use super::document_check::{self, Verdict};
use super::service::{self, FilingError, GroupAction};
use crate::drafts::store;
use crate::i18n::PageCatalog;
use crate::state::AppState;
use domain::procedure::Answers;
use leptos::prelude::*;
use server_fn::codec::MultipartData;

/// A phone photo is 2-5 MB; a scan in PDF rarely more than 10.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Answers recording a refused file, so the step can say why (see `rules::validate`).
pub const REFUSED_TYPE: &str = "!loai";
pub const REFUSED_SIZE: &str = "!lon";
pub const REFUSED_TOTAL: &str = "!tong";
pub const REFUSED_PIXELS: &str = "!anh";
pub const REFUSED_ACTIVE: &str = "!pdf";
/// All documents of one dossier together.
pub const MAX_DOSSIER_BYTES: u64 = 30 * 1024 * 1024;
pub use crate::paths::DOWNLOAD_PREFIX;

pub(crate) struct Upload {
    pub input: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub too_big: bool,
}

/// A name safe to show back to the citizen: no path, no control characters, not too long.
fn display_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '/')
        .take(80)
        .collect();
    if clean.trim().is_empty() {
        "tep".into()
    } else {
        clean
    }
}

/// One part of a multipart form, read up to its limit (a file's, or `text_limit` for a plain
/// field); `true` when it was longer, so the page can say the file was too big.
pub(crate) async fn read_part(
    field: &mut multer::Field<'static>,
    is_file: bool,
    text_limit: usize,
) -> (Vec<u8>, bool) {
    let limit = if is_file { MAX_FILE_BYTES } else { text_limit };
    let mut bytes = Vec::new();
    while let Ok(Some(chunk)) = field.chunk().await {
        if bytes.len() + chunk.len() > limit {
            return (bytes, true);
        }
        bytes.extend_from_slice(&chunk);
    }
    (bytes, false)
}

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
                let answer = store_upload(&state, &draft.id, upload).await?;
                typed.insert(input, answer);
            }
        }
    }
    service::save_step(&step_id, from_check, typed, action, base_version, base).await
}

pub(crate) async fn store_upload(
    state: &AppState,
    draft_id: &str,
    upload: Upload,
) -> Result<String, FilingError> {
    if upload.too_big {
        return Ok(REFUSED_SIZE.into());
    }
    // Before any decoding: a draft that is full costs nothing more.
    let stored = state
        .documents
        .total_bytes_for_draft(draft_id)
        .await
        .map_err(FilingError::Storage)?;
    if stored + upload.bytes.len() as u64 > MAX_DOSSIER_BYTES {
        return Ok(REFUSED_TOTAL.into());
    }
    // Nor does a client that sent more documents today than any family has.
    let amount = upload.bytes.len() as i64;
    if !service::within_allowance_of(state, &crate::limits::UPLOAD_BYTES_PER_CLIENT, None, amount)
        .await?
    {
        return Ok(REFUSED_TOTAL.into());
    }
    let Some(extension) = document_check::sniff(&upload.bytes) else {
        return Ok(REFUSED_TYPE.into());
    };
    // A file that only starts like an image or a PDF is refused too.
    let (bytes, verdict) = document_check::check(upload.bytes, extension).await;
    match verdict {
        Verdict::Whole => {}
        Verdict::NotWhole => return Ok(REFUSED_TYPE.into()),
        Verdict::TooManyPixels => return Ok(REFUSED_PIXELS.into()),
        Verdict::ActivePdf => return Ok(REFUSED_ACTIVE.into()),
    }
    let id = format!("{}.{extension}", crate::random::letters(20));
    let content_type = crate::documents::content_type_of(&id).unwrap_or("application/pdf");
    // Committed before the caller saves the answer naming it: no answer without its document.
    state
        .documents
        .put(draft_id, &id, content_type, &bytes, crate::state::now())
        .await
        .map_err(FilingError::Storage)?;
    Ok(format!("{id}/{}", display_name(&upload.file_name)))
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
    let plain = |keep: fn(u8) -> bool, other: fn(u8) -> String| -> String {
        shown_name
            .bytes()
            .map(|b| {
                if keep(b) {
                    (b as char).to_string()
                } else {
                    other(b)
                }
            })
            .collect()
    };
    let ascii = plain(|b| b.is_ascii_alphanumeric() || b == b'.', |_| "_".into());
    let encoded = plain(
        |b| b.is_ascii_alphanumeric() || b == b'.',
        |b| format!("%{b:02X}"),
    );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_their_paths() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(
            display_name("C:\\Users\\An\\giay chung sinh.jpg"),
            "giay chung sinh.jpg"
        );
        assert_eq!(display_name("/"), "tep");
    }
}
