//! An idle staff session ends (`MC_STAFF_IDLE_MINUTES`, 30 by default). Every page a staff
//! member opens says when, in words that need no JavaScript; with it, a few lines inline (with
//! the page's CSP nonce, nothing in the wasm) warn two minutes before the end with a button
//! that keeps the session, and at the end open the sign-in page, which says the session ended.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::STAFF_SESSION_ENDED as SESSION_ENDED;
/// How long before the end the warning shows.
pub const WARNING_SECONDS: i64 = 120;

/// Where the session stands: seconds until it ends if left alone, and the local time it would.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct SessionLeft {
    pub seconds: i64,
    pub ends_at: String,
    pub idle_minutes: i64,
}

/// Keeps this staff session (any request does; this one does nothing else) and says how long it
/// now has. `None`: no session, or it has already ended. Posted by the warning's button.
#[server(endpoint = "can-bo/tiep-tuc-phien")]
pub async fn keep_working() -> Result<Option<SessionLeft>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    let (Some(token), Some(_)) = (super::session::token(), super::signed_in().await) else {
        return Ok(None);
    };
    let now = crate::state::now();
    let ends = crate::identity::session_expires(&state.db, &token)
        .await
        .map_err(crate::web::failed(crate::web::Area::Staff))?;
    Ok(ends.filter(|ends| *ends > now).map(|ends| SessionLeft {
        seconds: (ends - now).num_seconds(),
        ends_at: crate::state::local(ends).format("%H:%M").to_string(),
        idle_minutes: state.staff_idle.num_minutes(),
    }))
}

/// Warns before the end, keeps the session when asked, and opens the sign-in page at the end.
/// The wizard's navigation script swaps `<main>` without a page load (and runs no script in
/// it): a new notice, from a request that kept the session, re-arms the timers.
const IDLE_SCRIPT: &str = r##"(function(){var cur=null,t=[];function el(i){return document.getElementById(i)}function arm(b,s){t.forEach(clearTimeout);cur=b;el("phien-canh-bao").hidden=true;t=[setTimeout(function(){var w=el("phien-canh-bao");w.hidden=false;w.querySelector("button").focus()},Math.max(0,s-b.getAttribute("data-warn"))*1000),setTimeout(function(){location.href=b.getAttribute("data-end")},s*1000)]}function check(){var b=el("phien-can-bo");if(b&&b!==cur)arm(b,+b.getAttribute("data-left"))}document.addEventListener("submit",function(e){var f=e.target;if(!f.closest||!f.closest("#phien-canh-bao"))return;e.preventDefault();fetch(f.action,{method:"POST",credentials:"same-origin",headers:{"Accept":"application/json","Content-Type":"application/x-www-form-urlencoded"},body:""}).then(function(r){return r.ok?r.json():null}).then(function(v){var b=el("phien-can-bo")||cur;if(v&&v.seconds>0){b.querySelector(".staff-idle__until").textContent=b.getAttribute("data-note").replace("{time}",v.ends_at);arm(b,v.seconds)}else{location.href=b.getAttribute("data-end")}}).catch(function(){})});new MutationObserver(check).observe(document.body,{childList:true,subtree:true});check()})();"##;

/// On every page a staff member has open: when the session ends if left alone, and the warning.
#[component]
pub fn IdleNotice() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                keep_working().await.ok().flatten().map(|left| view! { <IdleView left /> })
            })}
        </Suspense>
    }
}

#[component]
fn IdleView(left: SessionLeft) -> impl IntoView {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let end = format!(
        "{}&loi={SESSION_ENDED}",
        super::login_url(crate::paths::local_path(&path).unwrap_or(super::HOME_URL))
    );
    let note = |time: &str| tr!("staff.idle.note", time = time, minutes = left.idle_minutes);
    let nonce = leptos::nonce::use_nonce();
    view! {
        <div id="phien-can-bo" class="staff-idle no-print" data-left=left.seconds
            data-warn=WARNING_SECONDS data-end=end data-note=note("{time}")>
            <p class="staff-idle__until muted">{note(&left.ends_at)}</p>
            <div class="notice notice--warning staff-idle__warning" id="phien-canh-bao"
                role="alertdialog" aria-labelledby="phien-canh-bao-chu" hidden>
                <p id="phien-canh-bao-chu"><strong>{tr!("staff.idle.warning")}</strong></p>
                <form method="post" action=crate::paths::STAFF_KEEP_URL>
                    <button type="submit" class="button">{tr!("staff.idle.keep")}</button>
                </form>
            </div>
        </div>
        <script nonce=nonce inner_html=IDLE_SCRIPT></script>
    }
}
