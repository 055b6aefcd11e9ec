//! A document a citizen photographs or chooses, taken in: read part by part up to its limit,
//! checked by its content (never its name), and kept in the document store under a random name.
//! The wizard's upload steps and the lookup's supplement both take documents in this way.

mod check;
#[cfg(any(test, feature = "samples"))]
pub mod samples;

pub use check::files_checked;

use crate::state::AppState;
use check::Verdict;

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

pub struct Upload {
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
pub async fn read_part(
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

/// Why a document could not be taken in: ours, never the citizen's (what they sent wrong is an
/// answer such as [`REFUSED_TYPE`]).
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error("counting the allowance: {0}")]
    Allowance(#[from] sqlx::Error),
    #[error("keeping the document: {0}")]
    Storage(#[from] crate::documents::DocumentError),
}

pub async fn keep(state: &AppState, draft_id: &str, upload: Upload) -> Result<String, IntakeError> {
    if upload.too_big {
        return Ok(REFUSED_SIZE.into());
    }
    // Before any decoding: a draft that is full costs nothing more.
    let stored = state.documents.total_bytes_for_draft(draft_id).await?;
    if stored + upload.bytes.len() as u64 > MAX_DOSSIER_BYTES {
        return Ok(REFUSED_TOTAL.into());
    }
    // Nor does a client that sent more documents today than any family has.
    let amount = upload.bytes.len() as i64;
    if !crate::allowances::within_daily(
        state,
        &crate::limits::UPLOAD_BYTES_PER_CLIENT,
        None,
        amount,
    )
    .await?
    {
        return Ok(REFUSED_TOTAL.into());
    }
    let Some(extension) = check::sniff(&upload.bytes) else {
        return Ok(REFUSED_TYPE.into());
    };
    // A file that only starts like an image or a PDF is refused too.
    let (bytes, verdict) = check::check(upload.bytes, extension).await;
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
        .await?;
    Ok(format!("{id}/{}", display_name(&upload.file_name)))
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
