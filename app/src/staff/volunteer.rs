//! A volunteer's home page part: the drafts they started today with citizens, and nothing
//! else of anyone's (they open no dossier, no queue, no figures).

use super::*;
use crate::layout::Problem;
#[cfg(feature = "ssr")]
use crate::web::{Area, failed};

/// One draft a volunteer started today.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnDraft {
    pub procedure_name: String,
    /// "09:42".
    pub started_at: String,
    /// Submitted: its dossier code (it waits for the counter).
    pub dossier_code: Option<String>,
    pub confirmed: bool,
    /// The draft open in this browser: "continue" goes straight back to it. Any other opens
    /// again with the code the citizen keeps.
    pub open_here: bool,
}

/// The drafts a volunteer started today, latest first; refused (and audited) to anyone else.
#[server(endpoint = "can-bo/nhap-hom-nay")]
pub async fn drafts_of_today() -> Result<Vec<OwnDraft>, ServerFnError> {
    service::drafts_of_today().await
}

#[component]
pub fn DraftsOfToday() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                match drafts_of_today().await {
                    Ok(drafts) => view! { <DraftList drafts /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DraftList(drafts: Vec<OwnDraft>) -> impl IntoView {
    let empty = drafts.is_empty();
    let rows = drafts
        .into_iter()
        .map(|draft| {
            let state = match (&draft.dossier_code, draft.confirmed) {
                (Some(code), _) => tr!("staff.volunteer.submitted", code = code),
                (None, true) => tr!("staff.volunteer.confirmed"),
                (None, false) => tr!("staff.volunteer.in_progress"),
            };
            let link = match (&draft.dossier_code, draft.open_here) {
                (Some(_), _) => None,
                (None, true) => Some(
                    view! {
                        <a href=crate::paths::CHECK_URL>{tr!("staff.volunteer.continue")}</a>
                    }
                    .into_any(),
                ),
                (None, false) => Some(
                    view! {
                        <a href=format!("{}#ma-cong-dan", crate::paths::ASSIST_START_URL)>
                            {tr!("staff.volunteer.continue_with_code")}
                        </a>
                    }
                    .into_any(),
                ),
            };
            view! {
                <tr>
                    <td>{draft.started_at}</td>
                    <td>{draft.procedure_name}</td>
                    <td>{state}</td>
                    <td>{link}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="nhap-hom-nay">
            <h2 id="nhap-hom-nay">{tr!("staff.volunteer.heading")}</h2>
            <p class="hint">{tr!("staff.volunteer.hint")}</p>
            {if empty {
                view! { <p>{tr!("staff.volunteer.none")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="nhap-hom-nay">
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{tr!("staff.volunteer.col_time")}</th>
                                    <th scope="col">{tr!("staff.volunteer.col_procedure")}</th>
                                    <th scope="col">{tr!("staff.volunteer.col_state")}</th>
                                    <th scope="col"><span class="visually-hidden">{tr!("staff.volunteer.col_link")}</span></th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[cfg(feature = "ssr")]
mod service {
    use super::*;
    use crate::state::{AppState, local, now, utc_of};

    /// At most this many rows: a long day's work, not a history.
    const LIMIT: i64 = 50;

    pub async fn drafts_of_today() -> Result<Vec<OwnDraft>, ServerFnError> {
        let me = require(Role::lists_own_drafts_of_today).await?;
        let state = expect_context::<AppState>();
        let midnight = utc_of(local(now()).date().and_time(chrono::NaiveTime::MIN));
        let drafts = crate::assist::helped::started_by(&state.db, &me.id, midnight, LIMIT)
            .await
            .map_err(failed(Area::Staff))?;
        let here = match crate::drafts::session::current_code().await {
            Some(code) => crate::drafts::store::draft_by_code(&state.db, &code)
                .await
                .map_err(failed(Area::Staff))?
                .map(|draft| draft.id),
            None => None,
        };
        let lang = crate::prefs::lang();
        Ok(drafts
            .into_iter()
            .map(|draft| OwnDraft {
                procedure_name: state
                    .catalog
                    .procedure_in(&draft.procedure_id, lang)
                    .map(|p| p.name.clone())
                    .unwrap_or(draft.procedure_id),
                started_at: local(draft.started_at).format("%H:%M").to_string(),
                open_here: here.as_deref() == Some(draft.draft_id.as_str()),
                dossier_code: draft.dossier_code,
                confirmed: draft.confirmed,
            })
            .collect())
    }
}
