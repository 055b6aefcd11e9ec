//! The page a browser is sent to when a form it posted could not be taken: what happened, that
//! the saved answers are safe, and the way back to the page the form was on.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub use crate::paths::NOT_SENT_URL;
/// Query parameter naming why (`UNREADABLE` or `BUSY`).
pub const REASON_PARAM: &str = "ly-do";
/// Query parameter holding the path of the page the form was on.
pub const BACK_PARAM: &str = "trang";
pub const UNREADABLE: &str = "khong-doc-duoc";
pub const BUSY: &str = "he-thong-ban";

#[component]
pub fn NotSentPage() -> impl IntoView {
    let query = use_query_map();
    let reason = query.read_untracked().get(REASON_PARAM);
    let back = query
        .read_untracked()
        .get(BACK_PARAM)
        .filter(|path| crate::paths::local_path(path).is_some())
        .unwrap_or_else(|| "/".to_string());
    let message = if reason.as_deref() == Some(BUSY) {
        tr!("notsent.busy")
    } else {
        tr!("notsent.unreadable")
    };
    view! {
        <Title text=tr!("notsent.page_title") />
        <h1>{tr!("notsent.title")}</h1>
        <p class="lead">{message}</p>
        <p>{tr!("notsent.safe")}</p>
        <a class="button" href=back>{tr!("notsent.back")}</a>
    }
}
