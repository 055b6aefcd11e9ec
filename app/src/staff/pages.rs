//! Staff pages: server-rendered, forms only (no islands).

use super::*;
use crate::layout::Problem;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The message for a login page's `loi` value.
fn login_message(error: &str) -> Option<String> {
    Some(match error {
        "sai" => tr!("staff.login.wrong"),
        "cham" => tr!("staff.login.slowed"),
        "cho" => tr!("staff.login.wait"),
        "ngung" => tr!("staff.login.disabled"),
        "quyen" => tr!("staff.login.forbidden"),
        "kiosk" => tr!("staff.login.kiosk"),
        _ => return None,
    })
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let typed = query.get("ten").unwrap_or_default();
    // Carried to the sign-in form only when it is a path on this site.
    let tiep = query
        .get("tiep")
        .filter(|tiep| crate::paths::local_path(tiep).is_some())
        .unwrap_or_default();
    let ended = query.get("loi").as_deref() == Some(super::idle::SESSION_ENDED);
    let error = query.get("loi").and_then(|loi| login_message(&loi));
    let signed_out = query.get("ra").map(|ra| {
        if ra == "moi-noi" {
            tr!("staff.login.signed_out_everywhere")
        } else {
            tr!("staff.login.signed_out")
        }
    });
    view! {
        <Suspense>
            {Suspend::new(async move {
                let who = who_am_i().await.ok().flatten();
                // Ended, unless another tab kept the session meanwhile.
                let signed_out = match (ended, &who) {
                    (true, None) => Some(tr!("staff.login.session_ended")),
                    _ => signed_out.clone(),
                };
                view! { <LoginForm typed=typed.clone() tiep=tiep.clone() error=error.clone() signed_out who /> }
            })}
        </Suspense>
    }
}

#[component]
fn LoginForm(
    typed: String,
    tiep: String,
    error: Option<String>,
    signed_out: Option<String>,
    who: Option<StaffMember>,
) -> impl IntoView {
    let title_prefix = if error.is_some() {
        tr!("error.prefix")
    } else {
        String::new()
    };
    let described_by = error.is_some().then_some("mat-khau-loi");
    let field_class = if error.is_some() {
        "field field--error"
    } else {
        "field"
    };
    view! {
        <Title text=format!("{title_prefix}{}", tr!("page.title", title = tr!("staff.login.title"))) />
        {error.clone().map(|message| view! {
            <div class="error-summary" role="alert" aria-labelledby="loi-tieu-de" tabindex="-1">
                <h2 class="error-summary__title" id="loi-tieu-de">{tr!("staff.login.problem")}</h2>
                <ul class="error-summary__list">
                    <li><a href="#mat-khau">{message}</a></li>
                </ul>
            </div>
        })}
        {signed_out.map(|message| view! { <p class="notice" role="status">{message}</p> })}
        <h1>{tr!("staff.login.title")}</h1>
        {who.map(|who| view! {
            <p class="notice">
                {with_name(
                    tr!("staff.login.signed_in_as", name = NAME_MARK, username = who.username, role = who.role.label()),
                    who.name,
                )}
                " "
                <a href=HOME_URL>{tr!("staff.login.go_home")}</a>
            </p>
        })}
        <p class="lead">{tr!("staff.login.lead")}" "<a href="/">{tr!("staff.login.lead_link")}</a>"."</p>
        <form method="post" action=LogIn::url()>
            <input type="hidden" name="tiep" value=tiep />
            <div class="field">
                <label class="label" for="ten">{tr!("staff.login.username")}</label>
                <input class="input" id="ten" name="ten" type="text" autocomplete="username"
                    autocapitalize="none" spellcheck="false" required value=typed />
            </div>
            <div class=field_class>
                <label class="label" for="mat-khau">{tr!("staff.login.password")}</label>
                {error.map(|message| view! {
                    <p class="error-message" id="mat-khau-loi">
                        <span class="visually-hidden">{tr!("error.prefix")}</span>{message}
                    </p>
                })}
                <input class="input" id="mat-khau" name="mat_khau" type="password"
                    autocomplete="current-password" required aria-describedby=described_by />
            </div>
            <button type="submit" class="button">{tr!("staff.login.button")}</button>
        </form>
    }
}

/// What each role can do, as links from the staff home page: address, name and summary keys.
fn tasks_for(role: Role) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut tasks = Vec::new();
    if role.may_open_dossiers() {
        tasks.push((
            crate::paths::QUEUE_URL,
            "staff.task.queue",
            if role.may_receive() {
                "staff.task.queue_text_counter"
            } else if role.may_decide_refusal() {
                "staff.task.queue_text_head"
            } else {
                "staff.task.queue_text"
            },
        ));
    }
    if role.may_see_figures() {
        tasks.push((
            crate::paths::DASHBOARD_URL,
            "staff.task.dashboard",
            "staff.task.dashboard_text",
        ));
    }
    if role.may_file_for_citizens() {
        tasks.push((
            "/can-bo/nop-ho-so",
            "staff.task.assist",
            if role.may_receive() {
                "staff.task.assist_text"
            } else {
                "staff.task.assist_text_volunteer"
            },
        ));
    }
    // A paper dossier is received there and then: the counter's work.
    if role.may_file_for_citizens() && role.may_receive() {
        tasks.push((
            "/can-bo/nop-ho-so?giay=1",
            "staff.task.paper",
            "staff.task.paper_text",
        ));
    }
    if role.may_read_audit_log() {
        tasks.push((
            "/can-bo/nhat-ky",
            "staff.task.audit",
            "staff.task.audit_text",
        ));
    }
    if role.may_manage_accounts() || role.may_manage_kiosks() {
        tasks.push((
            "/can-bo/quan-tri",
            "staff.task.admin",
            "staff.task.admin_text",
        ));
    }
    tasks
}

#[component]
pub fn StaffHomePage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                match staff_home().await {
                    Ok(member) => view! { <StaffHome member /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StaffHome(member: StaffMember) -> impl IntoView {
    let own_drafts = member.role.lists_own_drafts_of_today();
    let tasks = tasks_for(member.role)
        .into_iter()
        .map(|(href, name, summary)| {
            view! {
                <li class="procedure">
                    <h2 class="procedure__name"><a href=href>{tr!(name)}</a></h2>
                    <p>{tr!(summary)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=tr!("page.title", title = tr!("staff.home.title")) />
        <h1>{with_name(tr!("staff.home.hello", name = NAME_MARK), member.name)}</h1>
        <p class="lead">{format!("{} · ", member.role.label())}{vi_name(member.office)}</p>
        <ul class="procedures">{tasks}</ul>
        {own_drafts.then(|| view! { <super::volunteer::DraftsOfToday /> })}
        <StaffSignOut />
    }
}

/// The sign-out buttons, at the foot of every staff page.
#[component]
pub fn StaffSignOut() -> impl IntoView {
    view! {
        <h2>{tr!("staff.signout.heading")}</h2>
        <form method="post" action=LogOut::url()>
            <button type="submit" class="button button--secondary">{tr!("staff.signout.button")}</button>
        </form>
        <form method="post" action=LogOutEverywhere::url()>
            <p class="hint">{tr!("staff.signout.hint")}</p>
            <button type="submit" class="button button--secondary">{tr!("staff.signout.everywhere")}</button>
        </form>
    }
}
