//! "Xác nhận trên điện thoại của công dân": the helper's screen shows a QR code and a short code;
//! the citizen opens them on their own phone (no account), reads every answer in large text and
//! confirms, or says what is wrong. Everything lives in the database (any server answers any
//! step); the raw token lives only on the helper's browser (see `service::remember`).

use crate::layout::{NAME_MARK, with_name};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

mod citizen;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use citizen::{PhoneCodePage, PhoneConfirmPage};
#[cfg(feature = "ssr")]
pub use service::block;

/// The phone part of the helper's confirmation block on the check-answers page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PhoneBlock {
    /// Nothing open: the button that makes a QR code (`expired`: the last one ran out).
    Ask { expired: bool },
    /// Open, and its secrets are on this browser: shown big.
    Showing {
        qr_svg: String,
        link: String,
        /// "ABCD EFGH".
        code: String,
        /// The page where a phone that cannot scan types the code, with the public address.
        type_at: String,
        /// Vietnam time it expires: "10:57".
        until: String,
    },
    /// Open, asked from another browser: only a new code can be shown here.
    Waiting { until: String },
    /// The citizen said what is not right.
    Corrected { text: String },
}

/// What the status endpoint answers and the helper's page started from; the page reloads when
/// it changes.
pub fn status_key(block: &PhoneBlock, confirmed: bool) -> &'static str {
    match (confirmed, block) {
        (true, _) => "confirmed",
        (false, PhoneBlock::Showing { .. } | PhoneBlock::Waiting { .. }) => "pending",
        (false, PhoneBlock::Corrected { .. }) => "corrected",
        (false, PhoneBlock::Ask { expired: true }) => "expired",
        (false, PhoneBlock::Ask { expired: false }) => "none",
    }
}

/// Makes a new confirmation request for the helper's current draft (older ones are void).
#[server(endpoint = "can-bo/xac-nhan-dt")]
pub async fn ask_phone_confirmation() -> Result<(), ServerFnError> {
    service::ask().await
}

/// The state of the current draft's confirmation, for the helper's page to poll (JSON string).
#[server(endpoint = "can-bo/xac-nhan-dt/trang-thai", input = server_fn::codec::GetUrl)]
pub async fn phone_status() -> Result<String, ServerFnError> {
    service::status().await
}

/// The citizen's short code, typed at `/xac-nhan`: opens its page.
#[server(endpoint = "xac-nhan/mo")]
pub async fn open_phone_code(ma: String) -> Result<(), ServerFnError> {
    service::open_code(&ma).await
}

/// The citizen's answer: `tra_loi` = "dung" (confirmed) or "sua" (with `noi_dung`, what is wrong).
#[server(endpoint = "xac-nhan/tra-loi")]
pub async fn answer_phone(
    ma: String,
    tra_loi: String,
    #[server(default)] noi_dung: Option<String>,
) -> Result<(), ServerFnError> {
    service::answer(&ma, &tra_loi, noi_dung.unwrap_or_default()).await
}

/// What the citizen's phone page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PhoneView {
    Ready(PhonePage),
    /// Already answered, or replaced by a newer code.
    Used,
    Expired,
    /// The answers changed after the code was made.
    Changed,
    /// No such code.
    Unknown,
    /// Too many wrong codes from here: wait a few minutes.
    Wait,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhonePage {
    /// The token or short code in the address, for the answer forms.
    pub secret: String,
    pub procedure_name: String,
    pub staff_name: String,
    pub office: String,
    pub sections: Vec<crate::summary::CheckSection>,
    /// Everything read aloud by "Nghe".
    pub spoken: String,
}

#[server(endpoint = "xac-nhan/xem")]
pub async fn load_phone(ma: String) -> Result<PhoneView, ServerFnError> {
    service::load(&ma).await
}

/// The "no JavaScript" refresh and, with JavaScript, a poll every 3 s of `phone_status` that
/// reloads the page when the state changes. A few lines inline (with the page's CSP nonce):
/// nothing added to the citizen's wasm.
const POLL_SCRIPT: &str = r#"(function(){var b=document.getElementById("xac-nhan-dt");if(!b)return;var s=b.getAttribute("data-trang-thai");var u=b.getAttribute("data-url");setInterval(function(){fetch(u,{credentials:"same-origin",headers:{"Accept":"application/json"}}).then(function(r){return r.ok?r.json():null}).then(function(v){if(v&&v!==s){s=v;location.reload()}}).catch(function(){})},3000)})();"#;

/// The helper's part: ask for a confirmation on the citizen's phone, show the QR code and the
/// short code while it waits, the citizen's correction when there is one.
#[component]
pub fn PhoneSection(block: PhoneBlock, confirmed: bool) -> impl IntoView {
    let status = status_key(&block, confirmed);
    let ask_button = |label: String| {
        view! {
            <form method="post" action=crate::paths::PHONE_ASK_URL>
                <button type="submit" class="button button--secondary">{label}</button>
            </form>
        }
    };
    let body = match block {
        PhoneBlock::Ask { expired } => view! {
            {expired.then(|| view! { <p class="notice">{tr!("phone.helper.expired")}</p> })}
            <p>{tr!("phone.helper.how")}</p>
            {ask_button(tr!("phone.helper.ask"))}
        }
        .into_any(),
        PhoneBlock::Showing { qr_svg, link, code, type_at, until } => view! {
            <p class="notice" role="status"><strong>{tr!("phone.helper.waiting")}</strong></p>
            <p>{tr!("phone.helper.scan")}</p>
            <div class="qr" inner_html=qr_svg></div>
            <p>{tr!("phone.helper.or_type", address = type_at)}</p>
            <p class="resume-code__code resume-code__code--large">{code}</p>
            <p class="muted">{link}</p>
            <p>{tr!("phone.helper.until", time = until)}</p>
            <a class="button" href=format!("{}#xac-nhan", crate::paths::CHECK_URL)>{tr!("phone.helper.refresh")}</a>
            {ask_button(tr!("phone.helper.new_code"))}
        }
        .into_any(),
        PhoneBlock::Waiting { until } => view! {
            <p class="notice" role="status"><strong>{tr!("phone.helper.waiting")}</strong></p>
            <p>{tr!("phone.helper.elsewhere", time = until)}</p>
            <a class="button" href=format!("{}#xac-nhan", crate::paths::CHECK_URL)>{tr!("phone.helper.refresh")}</a>
            {ask_button(tr!("phone.helper.new_code"))}
        }
        .into_any(),
        PhoneBlock::Corrected { text } => view! {
            <div class="notice notice--warning" role="alert">
                <p><strong>{tr!("phone.helper.corrected")}</strong></p>
                <p class="correction">{text}</p>
            </div>
            <p>{tr!("phone.helper.fix_then_ask")}</p>
            {ask_button(tr!("phone.helper.ask_again"))}
        }
        .into_any(),
    };
    let polling = (status == "pending").then(|| {
        let nonce = leptos::nonce::use_nonce();
        view! { <script nonce=nonce inner_html=POLL_SCRIPT></script> }
    });
    view! {
        <div id="xac-nhan-dt" class="phone-confirm" data-trang-thai=status
            data-url=crate::paths::PHONE_STATUS_URL>
            <h3>{tr!("phone.helper.heading")}</h3>
            {body}
        </div>
        {polling}
    }
}

/// "Đã xác nhận trên điện thoại của công dân lúc 10:42", or by the way the citizen confirmed.
pub fn confirmed_line(how: crate::assist::Confirmation, at: String) -> AnyView {
    use crate::assist::Confirmation;
    let text = match how {
        Confirmation::Phone => tr!("phone.helper.confirmed", time = at),
        Confirmation::Sms => tr!("phone.helper.confirmed_sms", time = at),
        Confirmation::Paper => tr!("phone.helper.confirmed_paper", time = at),
        Confirmation::Screen => tr!("phone.helper.confirmed_other", time = at),
    };
    view! { <p class="notice" role="status"><strong>{text}</strong></p> }.into_any()
}

/// "Cán bộ … (office) đã nhập giúp bạn …", the helper's name marked as Vietnamese data.
pub fn helped_by(staff_name: String, office: String) -> AnyView {
    let sentence = tr!("phone.citizen.helper", name = NAME_MARK, office = office);
    with_name(sentence, staff_name)
}
