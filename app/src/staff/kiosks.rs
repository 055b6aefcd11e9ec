//! "Thiết bị kiosk" on the admin page (`/can-bo/quan-tri`): make one-time enrolment links and
//! revoke kiosks. Admin only; every change goes to the audit log. Server HTML, no island.

#[cfg(feature = "ssr")]
use crate::channel::enrol_path;
use crate::channel::rules::{
    DEFAULT_IDLE_SECONDS, DEFAULT_WARNING_SECONDS, ENROL_VALID_MINUTES, MAX_IDLE_SECONDS,
    MAX_WARNING_SECONDS, MIN_SECONDS,
};
use crate::channel::{Paper, Timings};
use crate::layout::Problem;
use crate::staff::vi_name;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// Where the section is on the admin page.
pub const SECTION_ID: &str = "thiet-bi-kiosk";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KioskRow {
    pub id: String,
    pub office: String,
    pub name: String,
    pub timings: Timings,
    pub paper: Paper,
    /// The translation key of its status: in use, waiting for its link, revoked.
    pub status: String,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KioskAdminData {
    pub kiosks: Vec<KioskRow>,
    pub offices: Vec<String>,
    /// The link just made, shown once (its code is never stored).
    pub new_link: Option<String>,
}

#[server(endpoint = "can-bo/kiosk")]
pub async fn load_kiosks(
    #[server(default)] lien_ket: Option<String>,
) -> Result<KioskAdminData, ServerFnError> {
    service::load(lien_ket).await
}

/// Makes a kiosk and its one-time enrolment link, then shows the link on the admin page.
#[server(endpoint = "can-bo/kiosk/tao")]
pub async fn create_kiosk(
    co_quan: String,
    #[server(default)] ten: String,
    cho: String,
    dem_nguoc: String,
    giay: String,
) -> Result<(), ServerFnError> {
    service::create(co_quan, ten, cho, dem_nguoc, giay).await
}

/// Stops a kiosk: its browser becomes an ordinary browser at its next page.
#[server(endpoint = "can-bo/kiosk/thu-hoi")]
pub async fn revoke_kiosk(kiosk: String) -> Result<(), ServerFnError> {
    service::revoke(kiosk).await
}

/// The section, for the admin page: lists kiosks, makes links, revokes.
#[component]
pub fn KioskAdmin() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let code = query.get("kiosk-moi");
    let error = query.get("kiosk-loi").and_then(|code| error_message(&code));
    let done = query
        .get("kiosk-thu-hoi")
        .map(|name| tr!("kiosk_admin.revoked", name = name));
    // What was typed before a mistake, to fix rather than type again.
    let typed = Typed {
        office: query.get("kiosk-co-quan").unwrap_or_default(),
        name: query.get("kiosk-ten").unwrap_or_default(),
        idle: query
            .get("kiosk-cho")
            .unwrap_or_else(|| DEFAULT_IDLE_SECONDS.to_string()),
        warning: query
            .get("kiosk-dem-nguoc")
            .unwrap_or_else(|| DEFAULT_WARNING_SECONDS.to_string()),
        paper: query
            .get("kiosk-giay")
            .unwrap_or_else(|| Paper::A4.as_str().into()),
    };
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_kiosks(code).await {
                    Ok(data) => view! { <Section data error=error.clone() done=done.clone() typed=typed.clone() /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What went wrong, for the `kiosk-loi` code of the admin page's address.
fn error_message(code: &str) -> Option<String> {
    Some(match code {
        "co-quan" => tr!("kiosk_admin.error_office"),
        "ten" => tr!("kiosk_admin.error_name"),
        "cho" => tr!(
            "kiosk_admin.error_idle",
            min = MIN_SECONDS,
            max = MAX_IDLE_SECONDS,
            default = DEFAULT_IDLE_SECONDS
        ),
        "dem-nguoc" => tr!(
            "kiosk_admin.error_warning",
            min = MIN_SECONDS,
            max = MAX_WARNING_SECONDS,
            default = DEFAULT_WARNING_SECONDS
        ),
        "giay" => tr!("kiosk_admin.error_paper"),
        "khong-co" => tr!("kiosk_admin.error_missing"),
        _ => return None,
    })
}

/// The paper's name in the page's language.
fn paper_label(paper: Paper) -> String {
    match paper {
        Paper::A4 => tr!("kiosk_admin.paper_a4"),
        Paper::A5 => tr!("kiosk_admin.paper_a5"),
        Paper::Roll80 => tr!("kiosk_admin.paper_80mm"),
    }
}

#[derive(Clone, Debug, Default)]
struct Typed {
    office: String,
    name: String,
    idle: String,
    warning: String,
    paper: String,
}

#[component]
fn Section(
    data: KioskAdminData,
    error: Option<String>,
    done: Option<String>,
    typed: Typed,
) -> impl IntoView {
    let rows = data
        .kiosks
        .into_iter()
        .map(|kiosk| {
            let revoke = kiosk.active.then(|| {
                view! {
                    <form method="post" action=RevokeKiosk::url()>
                        <input type="hidden" name="kiosk" value=kiosk.id.clone() />
                        <button type="submit" class="button button--secondary button--small">
                            {tr!("kiosk_admin.revoke")}<span class="visually-hidden">{format!(" {}", kiosk.name)}</span>
                        </button>
                    </form>
                }
            });
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{vi_name(kiosk.name.clone())}<br /><span class="muted" lang=crate::staff::names_lang()>{kiosk.office}</span></dt>
                    <dd class="summary-list__value">
                        <strong>{tr!(&kiosk.status)}</strong><br />
                        {tr!(
                            "kiosk_admin.timings",
                            paper = paper_label(kiosk.paper),
                            idle = kiosk.timings.idle_seconds,
                            warning = kiosk.timings.warning_seconds
                        )}
                    </dd>
                    <dd class="summary-list__action">{revoke}</dd>
                </div>
            }
        })
        .collect_view();
    let empty = data.offices.is_empty();
    let offices = data
        .offices
        .into_iter()
        .map(|office| {
            let selected = office == typed.office;
            view! { <option value=office selected=selected lang=crate::staff::names_lang()>{office.clone()}</option> }
        })
        .collect_view();
    let papers = Paper::ALL
        .into_iter()
        .map(|paper| {
            let id = format!("kiosk-giay-{}", paper.as_str());
            view! {
                <div class="radio">
                    <input class="radio__input" type="radio" name="giay" id=id.clone() value=paper.as_str() checked=paper.as_str() == typed.paper />
                    <label class="radio__label" for=id>{paper_label(paper)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <h2 id=SECTION_ID>{tr!("kiosk_admin.heading")}</h2>
        <p>{tr!("kiosk_admin.intro")}</p>
        {error.map(|message| view! { <p class="error-message" role="alert">{message}</p> })}
        {done.map(|message| view! { <p class="notice" role="status">{message}</p> })}
        {data.new_link.map(|link| view! {
            <div class="panel panel--link" role="status">
                <p class="panel__body">{tr!("kiosk_admin.link", minutes = ENROL_VALID_MINUTES)}</p>
                <p class="kiosk-link">{link}</p>
            </div>
        })}
        <dl class="summary-list">{rows}</dl>
        {(!empty).then(|| view! {
            <h3>{tr!("kiosk_admin.create_heading")}</h3>
            <form method="post" action=CreateKiosk::url()>
                <div class="field">
                    <label class="label" for="kiosk-co-quan">{tr!("kiosk_admin.office")}</label>
                    <select class="select" id="kiosk-co-quan" name="co_quan">{offices}</select>
                </div>
                <div class="field">
                    <label class="label" for="kiosk-ten">{tr!("kiosk_admin.name")}</label>
                    <p class="hint">{tr!("kiosk_admin.name_hint")}</p>
                    <input class="input" id="kiosk-ten" name="ten" autocomplete="off" value=typed.name />
                </div>
                <div class="field">
                    <label class="label" for="kiosk-cho">{tr!("kiosk_admin.idle")}</label>
                    <p class="hint">{tr!("kiosk_admin.range", min = MIN_SECONDS, max = MAX_IDLE_SECONDS)}</p>
                    <input class="input input--4" id="kiosk-cho" name="cho" inputmode="numeric" value=typed.idle />
                </div>
                <div class="field">
                    <label class="label" for="kiosk-dem-nguoc">{tr!("kiosk_admin.warning")}</label>
                    <p class="hint">{tr!("kiosk_admin.range", min = MIN_SECONDS, max = MAX_WARNING_SECONDS)}</p>
                    <input class="input input--4" id="kiosk-dem-nguoc" name="dem_nguoc" inputmode="numeric" value=typed.warning />
                </div>
                <fieldset class="fieldset field">
                    <legend class="label">{tr!("kiosk_admin.paper")}</legend>
                    <div class="radios">{papers}</div>
                </fieldset>
                <button type="submit" class="button">{tr!("kiosk_admin.create")}</button>
            </form>
        })}
    }
}

#[cfg(feature = "ssr")]
mod service {
    use super::*;
    use crate::audit::{self, AuditEntry};
    use crate::channel::rules::clean_name;
    use crate::channel::store::{self, NewKiosk};
    use crate::staff::Role;
    use crate::state::AppState;
    use crate::web::{Area, failed};
    use leptos_axum::redirect;

    fn admin_url(query: &str) -> String {
        format!("{}?{query}#{SECTION_ID}", crate::paths::ADMIN_URL)
    }

    /// The site's public address, for the link the admin will open on the kiosk.
    fn base_url(state: &AppState) -> String {
        crate::web::absolute_url(state, "")
    }

    pub async fn load(code: Option<String>) -> Result<KioskAdminData, ServerFnError> {
        crate::staff::require(Role::may_manage_kiosks).await?;
        let state = expect_context::<AppState>();
        let kiosks = store::list(&state.db, None)
            .await
            .map_err(failed(Area::KioskAdmin))?
            .into_iter()
            .map(|kiosk| {
                let (status, active) = match (&kiosk.revoked_at, &kiosk.enrolled_at) {
                    (Some(_), _) => ("kiosk_admin.status_revoked", false),
                    (None, Some(_)) => ("kiosk_admin.status_active", true),
                    (None, None) => ("kiosk_admin.status_waiting", true),
                };
                KioskRow {
                    id: kiosk.id,
                    office: kiosk.office,
                    name: kiosk.name,
                    timings: kiosk.timings,
                    paper: kiosk.paper,
                    status: status.into(),
                    active,
                }
            })
            .collect();
        // Only a code of the resume-code alphabet is echoed back into the page.
        let new_link = code
            .filter(|code| {
                code.len() == 32
                    && code
                        .bytes()
                        .all(|b| domain::resume_code::ALPHABET.contains(&b))
            })
            .map(|code| format!("{}{}", base_url(&state), enrol_path(&code)));
        Ok(KioskAdminData {
            kiosks,
            offices: crate::staff::offices(&state),
            new_link,
        })
    }

    pub async fn create(
        office: String,
        name: String,
        idle: String,
        warning: String,
        paper: String,
    ) -> Result<(), ServerFnError> {
        let admin = crate::staff::require(Role::may_manage_kiosks).await?;
        let state = expect_context::<AppState>();
        let seconds = |typed: &str| typed.trim().parse::<u32>().unwrap_or(0);
        let name = if name.trim().is_empty() {
            "Kiosk".to_string()
        } else {
            name
        };
        // The first mistake, as a code the page explains in its language (the messages of the
        // kiosk rules are Vietnamese only).
        let checked = (|| -> Result<NewKiosk, &'static str> {
            let office = clean_name(&office, "")
                .ok()
                .filter(|office| crate::staff::offices(&state).contains(office))
                .ok_or("co-quan")?;
            let name = clean_name(&name, "").map_err(|_| "ten")?;
            let (idle, warning) = (seconds(&idle), seconds(&warning));
            let timings = Timings::new(idle, warning).map_err(|_| {
                if Timings::new(idle, DEFAULT_WARNING_SECONDS).is_err() {
                    "cho"
                } else {
                    "dem-nguoc"
                }
            })?;
            Ok(NewKiosk {
                office,
                name,
                timings,
                paper: Paper::parse(&paper).map_err(|_| "giay")?,
                enrolled_by: admin.id.clone(),
            })
        })();
        let new = match checked {
            Ok(new) => new,
            Err(code) => {
                let keep = [
                    ("kiosk-loi", code),
                    ("kiosk-co-quan", office.as_str()),
                    ("kiosk-ten", name.as_str()),
                    ("kiosk-cho", idle.as_str()),
                    ("kiosk-dem-nguoc", warning.as_str()),
                    ("kiosk-giay", paper.as_str()),
                ]
                .iter()
                .map(|(key, value)| {
                    let value: String = value.chars().take(200).collect();
                    format!("{key}={}", crate::paths::query_value(&value))
                })
                .collect::<Vec<_>>()
                .join("&");
                redirect(&admin_url(&keep));
                return Ok(());
            }
        };
        let (kiosk, code) = store::create(&state.db, &new, crate::state::now())
            .await
            .map_err(failed(Area::KioskAdmin))?;
        audit::record(
            &state.db,
            &AuditEntry {
                staff_id: admin.id,
                action: crate::audit::KIOSK_CREATED.into(),
                subject: kiosk.id,
                detail: format!("{} — {}", kiosk.office, kiosk.name),
                client: audit::client(),
            },
        )
        .await
        .map_err(failed(Area::KioskAdmin))?;
        redirect(&admin_url(&format!("kiosk-moi={code}")));
        Ok(())
    }

    pub async fn revoke(id: String) -> Result<(), ServerFnError> {
        let admin = crate::staff::require(Role::may_manage_kiosks).await?;
        let state = expect_context::<AppState>();
        let Some(kiosk) = store::by_id(&state.db, &id)
            .await
            .map_err(failed(Area::KioskAdmin))?
        else {
            redirect(&admin_url("kiosk-loi=khong-co"));
            return Ok(());
        };
        if store::revoke(&state.db, &kiosk.id, crate::state::now())
            .await
            .map_err(failed(Area::KioskAdmin))?
        {
            audit::record(
                &state.db,
                &AuditEntry {
                    staff_id: admin.id,
                    action: crate::audit::KIOSK_REVOKED.into(),
                    subject: kiosk.id.clone(),
                    detail: format!("{} — {}", kiosk.office, kiosk.name),
                    client: audit::client(),
                },
            )
            .await
            .map_err(failed(Area::KioskAdmin))?;
        }
        redirect(&admin_url(&format!(
            "kiosk-thu-hoi={}",
            crate::paths::query_value(&kiosk.name)
        )));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistakes_are_explained_in_both_languages() {
        assert_eq!(
            error_message("cho").unwrap(),
            "Thời gian chờ phải từ 2 đến 1800 giây (mặc định 120)."
        );
        assert_eq!(
            rust_i18n::t!(
                "kiosk_admin.error_idle",
                locale = "en",
                min = 2,
                max = 1800,
                default = 120
            ),
            "The waiting time must be from 2 to 1800 seconds (normally 120)."
        );
        assert_eq!(error_message("Hãy nhập tên kiosk."), None);
        assert_eq!(paper_label(Paper::Roll80), Paper::Roll80.label());
    }
}
