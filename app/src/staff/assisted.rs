//! Filing for a citizen at the counter: staff start a draft (or receive a paper dossier, or open
//! a citizen's draft with the code the citizen gives them), answer on the same wizard pages under
//! a banner, and the citizen confirms the answers on their own phone (`assist::phone`, started
//! from the check-answers page) before it is submitted. The draft remembers who assisted and
//! which answers staff saved; the dossier keeps that record.

use super::*;
#[cfg(feature = "ssr")]
use crate::i18n::PageCatalog;
use crate::layout::Problem;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub use crate::assist::{Assist, AssistedCheck};

pub use crate::paths::ASSIST_START_URL as START_URL;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Banner {
    /// The staff member signed in on this browser.
    pub staff_name: String,
    pub how: Assist,
    /// The draft is submitted: the page is its receipt.
    pub dossier_code: Option<String>,
    /// "Trần Thị Lan (lan.tran)", who started it at the counter.
    pub assisted_by: String,
    pub staff_fields: usize,
    /// Vietnam time the citizen confirmed, in the page's language: "09:42 24/11/2026".
    pub confirmed_at: Option<String>,
    /// Submitted to another office than this staff member's: that office receives it.
    pub elsewhere: Option<String>,
    /// The staff member signed in here is an official (not a volunteer).
    pub official: bool,
    /// Submitted by someone who may not receive (a volunteer): it waits for the counter.
    pub waits: bool,
}

#[server(endpoint = "can-bo/bang-khai-giup")]
pub async fn load_banner() -> Result<Option<Banner>, ServerFnError> {
    service::load_banner().await
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StartData {
    pub me: StaffMember,
    pub procedures: Vec<(String, String)>,
}

#[server(endpoint = "can-bo/nop-ho-so")]
pub async fn load_start() -> Result<StartData, ServerFnError> {
    service::load_start().await
}

/// Starts a draft for the citizen at the counter (`giay`: a paper dossier received here).
#[server(endpoint = "can-bo/khai-giup")]
pub async fn start_assisted(
    thu_tuc: String,
    #[server(default)] giay: Option<String>,
) -> Result<(), ServerFnError> {
    let how = if giay.as_deref() == Some("1") {
        Assist::Paper
    } else {
        Assist::Counter
    };
    service::start(&thu_tuc, how).await
}

/// Opens a citizen's draft with the code they give (audited as such).
#[server(endpoint = "can-bo/mo-bang-ma")]
pub async fn open_with_code(ma: String) -> Result<(), ServerFnError> {
    service::open_with_code(&ma).await
}

/// Submits the dossier once the citizen has confirmed its answers as they are now.
#[server(endpoint = "can-bo/xac-nhan-nop")]
pub async fn confirm_and_submit() -> Result<(), ServerFnError> {
    service::confirm_and_submit().await
}

/// Done with this citizen: forget their draft on this browser, ready for the next one.
#[server(endpoint = "can-bo/xong")]
pub async fn finish_assisted() -> Result<(), ServerFnError> {
    service::finish().await
}

#[component]
pub fn AssistStartPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let paper = query.get("giay").as_deref() == Some("1");
    let code_error = query.get("loi").is_some();
    let typed_code = query.get("ma").unwrap_or_default();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_start().await {
                    Ok(data) => view! { <AssistStart data paper code_error typed_code=typed_code.clone() /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AssistStart(
    data: StartData,
    paper: bool,
    code_error: bool,
    typed_code: String,
) -> impl IntoView {
    let (title, lead) = if paper {
        (
            tr!("staff.assist.paper_title"),
            tr!("staff.assist.paper_lead"),
        )
    } else {
        (
            tr!("staff.assist.counter_title"),
            tr!("staff.assist.counter_lead"),
        )
    };
    let giay = if paper { "1" } else { "0" };
    let procedures = data
        .procedures
        .into_iter()
        .map(|(id, name)| {
            view! {
                <li class="procedure">
                    <form method="post" action=StartAssisted::url()>
                        <input type="hidden" name="thu_tuc" value=id />
                        <input type="hidden" name="giay" value=giay />
                        <button type="submit" class="button button--secondary">{name}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let field_class = if code_error {
        "field field--error"
    } else {
        "field"
    };
    view! {
        <Title text=tr!("page.title", title = title) />
        <a class="back-link" href=HOME_URL>{tr!("staff.back")}</a>
        <h1>{title}</h1>
        <p class="lead">{lead}</p>
        <p>{data.me.role.label()}": "{vi_name(data.me.name)}" · "{vi_name(data.me.office)}</p>
        <h2>{tr!("staff.assist.choose")}</h2>
        <ul class="procedures">{procedures}</ul>
        <h2 id="ma-cong-dan">{tr!("staff.assist.code_heading")}</h2>
        <p>{tr!("staff.assist.code_text")}</p>
        <form method="post" action=OpenWithCode::url()>
            <div class=field_class>
                <label class="label" for="ma">{tr!("staff.assist.code_label")}</label>
                {code_error.then(|| view! {
                    <p class="error-message" id="ma-loi">
                        <span class="visually-hidden">{tr!("error.prefix")}</span>
                        {tr!("staff.assist.code_error")}
                    </p>
                })}
                <input class="input input--code" id="ma" name="ma" type="text" autocomplete="off"
                    autocapitalize="characters" spellcheck="false" value=typed_code />
            </div>
            <button type="submit" class="button button--secondary">{tr!("staff.assist.code_button")}</button>
        </form>
        <pages::StaffSignOut />
    }
}

/// "Cán bộ … đang khai giúp công dân", on every page of a filing done with staff.
#[component]
pub fn AssistBanner() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                load_banner().await.ok().flatten().map(|banner| view! { <BannerView banner /> })
            })}
        </Suspense>
    }
}

#[component]
fn BannerView(banner: Banner) -> impl IntoView {
    let headline = match banner.how {
        _ if !banner.official => tr!("staff.banner.volunteer", name = NAME_MARK),
        Assist::Paper => tr!("staff.banner.paper", name = NAME_MARK),
        _ => tr!("staff.banner.counter", name = NAME_MARK),
    };
    let headline = with_name(headline, banner.staff_name);
    let submitted = banner.dossier_code.is_some();
    let record = banner.dossier_code.map(|code| {
        let record = tr!(
            "staff.banner.record",
            code = code,
            by = NAME_MARK,
            count = banner.staff_fields
        );
        view! {
            <p>
                {with_name(record, banner.assisted_by)}
                {banner.confirmed_at.map(|at| tr!("staff.banner.confirmed", at = at))}
                "."
            </p>
        }
    });
    let elsewhere = banner.elsewhere.map(|office| {
        view! { <p><strong>{with_name(tr!("staff.banner.elsewhere", office = NAME_MARK), office)}</strong></p> }
    });
    view! {
        <aside class="assist-banner no-print" aria-label=tr!("staff.banner.label")>
            <p class="assist-banner__title"><strong>{headline}</strong></p>
            {record}
            {elsewhere}
            // The receipt's own "In giấy tiếp nhận" button (kiosk module) prints it.
            {(submitted && !banner.waits).then(|| view! {
                <p>{tr!("staff.banner.print")}</p>
            })}
            {banner.waits.then(|| view! {
                <p><strong>{tr!("staff.banner.waits")}</strong></p>
            })}
            <form method="post" action=FinishAssisted::url()>
                <button type="submit" class="button button--secondary">
                    {if submitted { tr!("staff.banner.next") } else { tr!("staff.banner.stop") }}
                </button>
            </form>
        </aside>
    }
}

#[cfg(feature = "ssr")]
mod service;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_page_posts_the_confirmation_to_this_server_function() {
        assert_eq!(ConfirmAndSubmit::url(), crate::paths::ASSIST_CONFIRM_URL);
    }
}
