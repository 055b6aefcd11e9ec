//! The kiosk's pages and its bar, rendered on the server.

use super::timer::KioskWarning;
use super::*;
use crate::layout::Problem;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

/// On every page of a kiosk: which office this is, and how to end the session. Renders nothing
/// (and asks nothing of the database) in a browser without the kiosk cookie.
#[component]
pub fn KioskBar() -> impl IntoView {
    if !in_kiosk() {
        return ().into_any();
    }
    let path = use_location().pathname.get_untracked();
    view! {
        <Suspense>
            {Suspend::new(async move {
                kiosk_here().await.ok().flatten().map(|kiosk| {
                    // The start page has nothing to clear, and resetting it would loop.
                    let on_start_page = path == START_URL;
                    view! {
                        <div class="kiosk-bar">
                            <div class="container kiosk-bar__inner">
                                // Names an admin typed: data, in Vietnamese.
                                <p class="kiosk-bar__office" lang="vi">
                                    <strong>{kiosk.office.clone()}</strong>
                                    <span class="kiosk-bar__name">{kiosk.name.clone()}</span>
                                </p>
                                {(!on_start_page).then(|| view! {
                                    <form method="post" action=EndKioskSession::url() id=END_FORM_ID class="kiosk-bar__end">
                                        <button type="submit" class="button button--secondary kiosk-bar__button">
                                            {tr!("kiosk.end")}
                                            <span class="visually-hidden">{tr!("kiosk.end_hidden")}</span>
                                        </button>
                                    </form>
                                })}
                            </div>
                        </div>
                        {(!on_start_page).then(|| view! {
                            <KioskWarning timings=kiosk.timings />
                        })}
                    }
                })
            })}
        </Suspense>
    }
    .into_any()
}

/// `/kiosk`: the office's welcome and a big Start.
#[component]
pub fn KioskStartPage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                match kiosk_here().await {
                    Ok(Some(kiosk)) => view! { <Welcome kiosk /> }.into_any(),
                    Ok(None) => view! {
                        <Title text=tr!("kiosk.not_kiosk_page_title") />
                        <h1>{tr!("kiosk.not_kiosk_title")}</h1>
                        <p>{tr!("kiosk.not_kiosk_text")}</p>
                        <a class="button" href="/">{tr!("nav.home")}</a>
                    }
                    .into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Welcome(kiosk: KioskInfo) -> impl IntoView {
    let minutes = kiosk.timings.idle_seconds.div_ceil(60);
    view! {
        <Title text=tr!("page.title", title = kiosk.office) />
        <div class="kiosk-start">
            <p class="kiosk-start__caption">{tr!("kiosk.caption")}</p>
            // The office's name is data, in Vietnamese.
            <h1 class="kiosk-start__office" lang="vi">{kiosk.office}</h1>
            <p class="lead">{tr!("kiosk.welcome")}</p>
            <a class="button button--start kiosk-start__button" href="/">{tr!("kiosk.start")}</a>
            <p class="kiosk-start__note">{tr!("kiosk.start_note", minutes = minutes)}</p>
        </div>
    }
}

/// `/kiosk/dang-ky?ma=…`: what the enrolment link will do, and the button that does it (a GET
/// never changes anything).
#[component]
pub fn EnrolPage() -> impl IntoView {
    let query = use_query_map();
    let code = query.read_untracked().get("ma").unwrap_or_default();
    let failed_before = query.read_untracked().get("loi").is_some();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match enrolment(code.clone()).await {
                    Ok(Some(kiosk)) if !failed_before => view! {
                        <Title text=tr!("kiosk.enrol_page_title") />
                        <h1>{tr!("kiosk.enrol_title")}</h1>
                        <dl class="facts">
                            // Names an admin typed: data, in Vietnamese.
                            <div><dt>{tr!("kiosk.enrol_office")}</dt><dd lang="vi">{kiosk.office}</dd></div>
                            <div><dt>{tr!("kiosk.enrol_name")}</dt><dd lang="vi">{kiosk.name}</dd></div>
                            <div><dt>{tr!("kiosk.enrol_paper")}</dt><dd>{kiosk.paper.label()}</dd></div>
                            <div>
                                <dt>{tr!("kiosk.enrol_auto_end")}</dt>
                                <dd>{tr!(
                                    "kiosk.enrol_timings",
                                    total = kiosk.timings.idle_seconds + kiosk.timings.warning_seconds,
                                    warning = kiosk.timings.warning_seconds
                                )}</dd>
                            </div>
                        </dl>
                        <p>{tr!("kiosk.enrol_text")}</p>
                        <form method="post" action=EnrolKiosk::url()>
                            <input type="hidden" name="ma" value=code />
                            <button type="submit" class="button">{tr!("kiosk.enrol_button")}</button>
                        </form>
                    }
                    .into_any(),
                    Ok(_) => view! {
                        <Title text=tr!("kiosk.link_spent_page_title") />
                        <h1>{tr!("kiosk.link_spent_title")}</h1>
                        <p>{tr!("kiosk.link_spent_text", minutes = rules::ENROL_VALID_MINUTES)}</p>
                        <a class="button" href="/">{tr!("nav.home")}</a>
                    }
                    .into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
