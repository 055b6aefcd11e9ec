//! The forms a change of the dossier issues (Circular 03/2025/TT-VPCP), printable from the
//! lookup: Mẫu 02 request to complete, Mẫu 03 not received, Mẫu 04 apology with a new date,
//! Mẫu 05 stopped. Mẫu 01 is the receipt, shown on the lookup page itself. The 2025 layouts were
//! not read (law-2026.md §5): these carry the fields the 2018 forms had. No personal data, and
//! opened by a plain link as the status page is (`linked_dossier`): nothing counted, a code
//! that could be guessed only with its lookup key.

use crate::layout::Problem;
use crate::paths::LOOKUP_URL;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slip {
    /// 2 to 5.
    pub form: u8,
    pub office: String,
    pub code: String,
    pub procedure_name: String,
    pub when: String,
    pub officer: String,
    /// What is missing, the reason, or the apology with its new date (typed by the clerk).
    pub note: String,
    /// The dossier's status page (with its lookup key when its code needs one).
    pub back_url: String,
}

#[server(endpoint = "tra-cuu/phieu")]
pub async fn load_slip(
    ma: String,
    so: i64,
    #[server(default)] k: String,
) -> Result<Option<Slip>, ServerFnError> {
    use super::service::{Linked, linked_dossier};
    use crate::i18n::PageCatalog;
    use domain::lifecycle::Action;
    let state = expect_context::<crate::state::AppState>();
    let Some(code) = super::normalise_code(&ma) else {
        return Ok(None);
    };
    let dossier = match linked_dossier(&state, &code, k.trim()).await? {
        Linked::Opened(dossier) => dossier,
        Linked::Unknown | Linked::Unopened => return Ok(None),
    };
    let events = crate::dossiers::store::events(&state.db, &code)
        .await
        .map_err(|error| {
            tracing::error!("slip: {error}");
            ServerFnError::new(tr!("lookup.busy"))
        })?;
    let Some(event) = events.into_iter().find(|event| event.seq == so) else {
        return Ok(None);
    };
    let Some(form) = Action::parse(&event.action)
        .and_then(Action::form)
        .filter(|form| *form > 1)
    else {
        return Ok(None);
    };
    Ok(Some(Slip {
        form,
        office: dossier.office.clone(),
        code: dossier.code.clone(),
        procedure_name: state
            .catalog
            .procedure(&dossier.procedure_id)
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        when: crate::i18n::format_date_time(crate::state::local(event.at)),
        officer: event.actor_name,
        note: event.note.unwrap_or_default(),
        back_url: crate::dossiers::status_path(&dossier),
    }))
}

/// The form's title, in the page's language.
fn title_of(form: u8) -> String {
    match form {
        2 => tr!("slip.title_2"),
        3 => tr!("slip.title_3"),
        4 => tr!("slip.title_4"),
        _ => tr!("slip.title_5"),
    }
}

#[component]
pub fn SlipPage() -> impl IntoView {
    let query = use_query_map();
    let code = query.read_untracked().get("ma").unwrap_or_default();
    let seq = query
        .read_untracked()
        .get("so")
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_default();
    let key = query.read_untracked().get("k").unwrap_or_default();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_slip(code.clone(), seq, key.clone()).await {
                    Ok(Some(slip)) => view! { <SlipView slip /> }.into_any(),
                    Ok(None) => view! {
                        <Title text=tr!("page.title", title = tr!("slip.not_found")) />
                        <h1>{tr!("slip.not_found")}</h1>
                        <p><a href=LOOKUP_URL>{tr!("slip.back")}</a></p>
                    }
                    .into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SlipView(slip: Slip) -> impl IntoView {
    let title = title_of(slip.form);
    let back = slip.back_url;
    view! {
        <Title text=tr!("page.title", title = &title) />
        <p class="no-print"><a href=back>{tr!("slip.back")}</a></p>
        <article class="official-receipt slip">
            // The office's name and the form are written as the office writes them.
            <p class="official-receipt__office" lang="vi">{slip.office}</p>
            <p>{tr!("slip.form", number = format!("{:02}", slip.form))}</p>
            <h1>{title}</h1>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr!("mau01.code")}</dt>
                    <dd class="summary-list__value">{slip.code}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr!("mau01.procedure")}</dt>
                    <dd class="summary-list__value" lang="vi">{slip.procedure_name}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr!("slip.when")}</dt>
                    <dd class="summary-list__value">{slip.when}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr!("slip.content")}</dt>
                    <dd class="summary-list__value" lang="vi">{slip.note}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr!("slip.officer")}</dt>
                    <dd class="summary-list__value">{slip.officer}</dd>
                </div>
            </dl>
        </article>
        <p class="no-print">{tr!("slip.print")}</p>
    }
}
