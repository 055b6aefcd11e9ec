//! A clerk's action on a dossier, as the dossier page's forms post it.
// Its arguments are the form's fields, one each, so that a plain HTML form posts to it.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

/// A clerk's action on a dossier. `phien_ban` is the version the page showed: if someone acted
/// since, nothing is saved and the page says so, with the note typed here put back. At
/// reception, `giay_to[i]` and `so_ban[i]` say what was taken in of the i-th listed document.
#[server(endpoint = "can-bo/xu-ly")]
pub async fn act(
    ma: String,
    phien_ban: i64,
    hanh_dong: String,
    #[server(default)] ghi_chu: Option<String>,
    #[server(default)] ngay_hen: Option<String>,
    #[server(default)] giay_to: Vec<String>,
    #[server(default)] so_ban: Vec<String>,
    #[server(default)] so_bo: Option<String>,
) -> Result<(), ServerFnError> {
    let taken_in = super::service::TakenIn {
        kinds: giay_to,
        counts: so_ban,
        sets: so_bo,
    };
    super::service::act(&ma, phien_ban, &hanh_dong, ghi_chu, ngay_hen, taken_in).await
}
