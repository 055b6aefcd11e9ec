//! Documents a citizen photographs or chooses: checked by their content, never by their name,
//! and stored outside the web root under a random name.

use super::service::{self, FilingError, GroupAction};
use super::{FROM_CHECK, store};
use crate::catalog::Answers;
use crate::state::AppState;
use leptos::prelude::*;
use server_fn::codec::MultipartData;

/// A phone photo is 2-5 MB; a scan in PDF rarely more than 10.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Answers recording a refused file, so the step can say why (see `rules::validate`).
pub const REFUSED_TYPE: &str = "!loai";
pub const REFUSED_SIZE: &str = "!lon";

struct Upload {
    input: String,
    file_name: String,
    bytes: Vec<u8>,
    too_big: bool,
}

/// What a file really is, from its first bytes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("pdf")
    } else {
        None
    }
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

pub async fn save_step_with_files(data: MultipartData) -> Result<(), FilingError> {
    let mut multipart = data.into_inner().ok_or(FilingError::BadForm)?;
    let mut step_id = String::new();
    let mut from_check = false;
    let mut action = GroupAction::Continue;
    let mut base_version = None;
    let mut base = None;
    let mut typed = Answers::new();
    let mut uploads = Vec::new();
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let limit = if file_name.is_some() {
            MAX_FILE_BYTES
        } else {
            10_000
        };
        let mut bytes = Vec::new();
        let mut too_big = false;
        while let Ok(Some(chunk)) = field.chunk().await {
            if bytes.len() + chunk.len() > limit {
                too_big = true;
                break;
            }
            bytes.extend_from_slice(&chunk);
        }
        if let Some(file_name) = file_name {
            // An empty file input (nothing chosen) keeps the document sent before.
            if !bytes.is_empty() || too_big {
                let input = name
                    .strip_prefix("a[")
                    .and_then(|n| n.strip_suffix(']'))
                    .unwrap_or("")
                    .to_string();
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
        let draft = match super::session::current_code() {
            Some(code) => store::draft_by_code(&state.db, &code).await?,
            None => None,
        };
        if let Some(draft) = draft {
            for upload in uploads {
                let answer = store_upload(&state, &draft.id, &upload).await?;
                typed.insert(upload.input, answer);
            }
        }
    }
    service::save_step(&step_id, from_check, typed, action, base_version, base).await
}

async fn store_upload(
    state: &AppState,
    draft_id: &str,
    upload: &Upload,
) -> Result<String, FilingError> {
    if upload.too_big {
        return Ok(REFUSED_SIZE.into());
    }
    let Some(extension) = sniff(&upload.bytes) else {
        return Ok(REFUSED_TYPE.into());
    };
    let id = format!(
        "{}.{extension}",
        crate::rules::resume_code::random_letters(20)
    );
    let dir = state.uploads_dir.join(draft_id);
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(FilingError::Storage)?;
    tokio::fs::write(dir.join(&id), &upload.bytes)
        .await
        .map_err(FilingError::Storage)?;
    Ok(format!("{id}/{}", display_name(&upload.file_name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_their_content() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some("jpg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("pdf"));
        assert_eq!(sniff(b"<svg xmlns="), None);
        assert_eq!(sniff(b"<html>"), None);
        assert_eq!(sniff(b""), None);
    }

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
