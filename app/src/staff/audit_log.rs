//! The audit-log page (`/can-bo/nhat-ky`): who did what, for the head of office (their office's
//! staff) and the admin (everyone). Reading the log is itself logged.

use super::*;
use crate::layout::Problem;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub use crate::paths::AUDIT_URL;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    /// Vietnam time to the second, in the page's language: "09:15:02 24/11/2026".
    pub at: String,
    pub who: String,
    /// `who` is a staff member's "name (username)", not "Not signed in" and the like.
    pub named: bool,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub client: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditData {
    /// Staff members to filter by: id and "name (username)".
    pub staff: Vec<(String, String)>,
    pub selected: Option<String>,
    pub rows: Vec<AuditRow>,
    /// Only one office's staff (a head of office), or everyone (admin).
    pub office: Option<String>,
}

#[server(endpoint = "can-bo/nhat-ky")]
pub async fn load_audit(ai: Option<String>) -> Result<AuditData, ServerFnError> {
    service::load_audit(ai).await
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let selected = use_query_map()
        .read_untracked()
        .get("ai")
        .filter(|id| !id.is_empty());
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_audit(selected.clone()).await {
                    Ok(data) => view! { <Audit data /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Audit(data: AuditData) -> impl IntoView {
    let options = data
        .staff
        .into_iter()
        .map(|(id, label)| {
            let selected = data.selected.as_deref() == Some(id.as_str());
            view! { <option value=id selected=selected lang=names_lang()>{label}</option> }
        })
        .collect_view();
    let empty = data.rows.is_empty();
    let rows = data
        .rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <td>{row.at}</td>
                    <td lang=row.named.then(names_lang).flatten()>{row.who}</td>
                    <td>{row.action}</td>
                    // Stored as written at the time, in Vietnamese.
                    <td lang=names_lang()>{row.subject}</td>
                    <td lang=names_lang()>{row.detail}</td>
                    <td>{row.client}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=tr!("page.title", title = tr!("staff.audit.title")) />
        <a class="back-link" href=HOME_URL>{tr!("staff.back")}</a>
        <h1>{tr!("staff.audit.title")}</h1>
        <p class="lead">
            {match data.office {
                Some(office) => with_name(tr!("staff.audit.lead_office", office = NAME_MARK), office).into_any(),
                None => tr!("staff.audit.lead_all").into_any(),
            }}
        </p>
        <form method="get" action=AUDIT_URL>
            <div class="field">
                <label class="label" for="ai">{tr!("staff.audit.staff")}</label>
                <select class="select" id="ai" name="ai">
                    <option value="">{tr!("staff.audit.everyone")}</option>
                    {options}
                </select>
            </div>
            <button type="submit" class="button button--secondary">{tr!("staff.audit.filter")}</button>
        </form>
        {if empty {
            view! { <p>{tr!("staff.audit.empty")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=tr!("staff.audit.title")>
                    <table class="audit-table">
                        <caption class="visually-hidden">{tr!("staff.audit.caption")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr!("staff.audit.at")}</th>
                                <th scope="col">{tr!("staff.audit.staff")}</th>
                                <th scope="col">{tr!("staff.audit.action")}</th>
                                <th scope="col">{tr!("staff.audit.subject")}</th>
                                <th scope="col">{tr!("staff.audit.detail")}</th>
                                <th scope="col">{tr!("staff.audit.client")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[cfg(feature = "ssr")]
mod service {
    use super::*;
    use crate::audit::{self, AuditEntry};
    use crate::staff::store;
    use crate::state::{AppState, local};
    use crate::web::{Area, failed};

    /// How many entries the audit page shows.
    const AUDIT_ROWS: i64 = 300;

    pub async fn load_audit(selected: Option<String>) -> Result<AuditData, ServerFnError> {
        let me = require(Role::may_read_audit_log).await?;
        let state = expect_context::<AppState>();
        // A head of office sees their office's staff; an admin sees everyone.
        let office = (!me.role.reads_every_office_log()).then(|| me.office.clone());
        let staff: Vec<_> = store::all(&state.db)
            .await
            .map_err(failed(Area::Staff))?
            .into_iter()
            .filter(|a| office.as_ref().is_none_or(|o| *o == a.member.office))
            .map(|a| {
                (
                    a.member.id,
                    format!("{} ({})", a.member.name, a.member.username),
                )
            })
            .collect();
        let selected = selected.filter(|id| staff.iter().any(|(known, _)| known == id));
        let entries = audit::newest(&state.db, selected.as_deref(), AUDIT_ROWS)
            .await
            .map_err(failed(Area::Staff))?;
        let rows = entries
            .into_iter()
            .filter(|entry| office.is_none() || staff.iter().any(|(id, _)| *id == entry.staff_id))
            .map(|entry| AuditRow {
                at: audit::format_moment(local(entry.at)),
                named: entry.staff.is_some(),
                who: match &entry.staff {
                    Some((name, username)) => format!("{name} ({username})"),
                    None if entry.client == "cli" => tr!("staff.audit.cli"),
                    None => tr!("staff.audit.nobody"),
                },
                action: audit::describe(&entry.action),
                subject: entry.subject,
                detail: entry.detail,
                client: entry.client,
            })
            .collect();
        audit::record(
            &state.db,
            &AuditEntry {
                staff_id: me.id.clone(),
                action: crate::audit::VIEW_AUDIT_LOG.into(),
                subject: selected.clone().unwrap_or_default(),
                detail: String::new(),
                client: audit::client(),
            },
        )
        .await
        .map_err(failed(Area::Staff))?;
        Ok(AuditData {
            staff,
            selected,
            rows,
            office,
        })
    }
}
