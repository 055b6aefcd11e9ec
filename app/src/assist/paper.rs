//! Confirming on paper, for a citizen with no phone: the helper prints the answers with signature
//! lines, the citizen reads and signs them, and the helper marks the draft signed. The signed
//! paper is taken in with the dossier.

use super::Confirmation;
use super::ways::Ways;
use crate::paths::{ASSIST_PAPER_URL, CHECK_URL, STAFF_LOGIN_URL};
use crate::summary::{CheckSection, SummaryLists};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The block's anchor on the check page.
pub const ANCHOR: &str = "xac-nhan-giay";

/// The helper ticked that the citizen signed the printed answers.
#[server(endpoint = "can-bo/da-ky-ban-in")]
pub async fn mark_paper_signed(
    #[server(default)] da_ky: Option<String>,
) -> Result<(), ServerFnError> {
    service::mark(da_ky.is_some()).await
}

/// "In bản khai để công dân ký", then "Công dân đã ký bản in". On the helper's check page
/// (`CitizenConfirm`).
#[component]
pub fn PaperConfirm(ways: Ways) -> impl IntoView {
    let said = use_query_map().get_untracked().get("giay");
    let not_ticked = said.as_deref() == Some("chua-danh-dau");
    let body = if ways.confirmed == Some(Confirmation::Paper) {
        view! { <p class="notice" role="status">{tr!("assist.paper.marked")}</p> }.into_any()
    } else {
        let field_class = if not_ticked {
            "field field--error"
        } else {
            "field"
        };
        view! {
            <p>{tr!("assist.paper.intro")}</p>
            <p><a class="button button--secondary" href=ASSIST_PAPER_URL>{tr!("assist.paper.print")}</a></p>
            <form method="post" action=MarkPaperSigned::url()>
                <div class=field_class>
                    {not_ticked.then(|| view! {
                        <p class="error-message" id="da-ky-loi">
                            <span class="visually-hidden">{tr!("error.prefix")}</span>
                            {tr!("assist.paper.not_ticked")}
                        </p>
                    })}
                    <div class="checkbox">
                        <input class="checkbox__input" type="checkbox" id="da-ky" name="da_ky" value="1" />
                        <label class="checkbox__label" for="da-ky">{tr!("assist.paper.checkbox")}</label>
                    </div>
                </div>
                <button type="submit" class="button">{tr!("assist.paper.mark")}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <section class="confirm-way" id=ANCHOR aria-labelledby="xac-nhan-giay-tieu-de">
            {not_ticked.then(|| view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2 class="error-summary__title">{tr!("assist.paper.problem")}</h2>
                    <ul class="error-summary__list"><li><a href="#da-ky">{tr!("assist.paper.not_ticked")}</a></li></ul>
                </div>
            })}
            <h3 id="xac-nhan-giay-tieu-de">{tr!("assist.paper.heading")}</h3>
            {body}
        </section>
    }
}

/// The printed answers, for the citizen to sign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaperPrint {
    pub procedure_name: String,
    /// The office the dossier goes to.
    pub office: String,
    pub helper_name: String,
    pub helper_role: String,
    pub helper_office: String,
    /// Today, in the page's language.
    pub date: String,
    /// The version of the answers printed: a later change needs a new print.
    pub version: i64,
    pub sections: Vec<CheckSection>,
}

/// The answers of the draft a helper is filing, to print (None: no helper signed in, or no
/// draft filed with help in this browser).
#[server(endpoint = "can-bo/ban-khai-in")]
pub async fn load_paper_print() -> Result<Option<PaperPrint>, ServerFnError> {
    service::load().await
}

/// `/ho-so/ban-khai-ky`: the answers on paper, with the signature lines. Staff only.
#[component]
pub fn PaperPrintPage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_paper_print().await {
                    Ok(Some(print)) => view! { <PrintView print /> }.into_any(),
                    Ok(None) => view! {
                        <Title text=tr!("page.title", title = tr!("assist.paper.print_title")) />
                        <h1>{tr!("assist.paper.print_title")}</h1>
                        <p>{tr!("assist.paper.staff_only")}</p>
                        <p><a href=STAFF_LOGIN_URL>{tr!("assist.paper.sign_in")}</a></p>
                    }
                    .into_any(),
                    Err(error) => view! { <crate::layout::Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PrintView(print: PaperPrint) -> impl IntoView {
    let back = format!("{CHECK_URL}#{ANCHOR}");
    view! {
        <Title text=tr!("page.title", title = tr!("assist.paper.print_title")) />
        <p class="no-print"><a class="back-link" href=back.clone()>{tr!("assist.paper.back")}</a></p>
        <article class="official-receipt signed-answers">
            <p class="official-receipt__office" lang="vi">{print.office.clone()}</p>
            <h1>{tr!("assist.paper.print_title")}</h1>
            <p class="lead" lang="vi">{print.procedure_name}</p>
            <p>{tr!("assist.paper.helper", name = print.helper_name, role = print.helper_role, office = print.helper_office)}</p>
            <p>{tr!("assist.paper.date", date = print.date, version = print.version)}</p>
            <SummaryLists sections=print.sections changes=false />
            <p>{tr!("assist.paper.declaration")}</p>
            <div class="signatures">
                <div class="signatures__box">
                    <p><strong>{tr!("assist.paper.citizen_signs")}</strong></p>
                    <p class="signatures__space"></p>
                </div>
                <div class="signatures__box">
                    <p><strong>{tr!("assist.paper.helper_signs")}</strong></p>
                    <p class="signatures__space"></p>
                    <p>{print.helper_name}</p>
                </div>
            </div>
        </article>
        <p class="no-print">{tr!("assist.paper.how_to_print")}</p>
        <p class="no-print"><a class="button" href=back>{tr!("assist.paper.back")}</a></p>
    }
}

#[cfg(feature = "ssr")]
mod service {
    use super::super::ways::current;
    use super::super::{Confirmation, store as assisted};
    use super::{ANCHOR, PaperPrint};
    use crate::audit::{self, AuditEntry};
    use crate::i18n::PageCatalog;
    use crate::paths::CHECK_URL;
    use crate::web::{Area, failed};
    use leptos::prelude::*;
    use leptos_axum::redirect;

    pub async fn load() -> Result<Option<PaperPrint>, ServerFnError> {
        let Ok(current) = current().await? else {
            return Ok(None);
        };
        let (state, draft) = (&current.state, &current.draft);
        let Some(procedure) = state.catalog.procedure(&draft.procedure_id) else {
            return Ok(None);
        };
        let today = crate::state::today();
        let office = procedure
            .office_field
            .as_ref()
            .and_then(|field| draft.answers.get(field))
            .cloned()
            .unwrap_or_else(|| procedure.authority.clone());
        audit::record(
            &state.db,
            &AuditEntry {
                staff_id: current.me.id.clone(),
                action: crate::audit::PRINT_FOR_SIGNATURE.into(),
                subject: stored!("stored.draft", id = &draft.id),
                detail: stored!("stored.printed_for_signature", version = draft.version),
                client: audit::client(),
            },
        )
        .await
        .map_err(failed(Area::Filing))?;
        Ok(Some(PaperPrint {
            procedure_name: procedure.name.clone(),
            office,
            helper_name: current.me.name.clone(),
            helper_role: current.me.role.label(),
            helper_office: current.me.office.clone(),
            date: crate::i18n::format_date(today),
            version: draft.version,
            sections: crate::summary::sections(procedure, &draft.answers, false),
        }))
    }

    pub async fn mark(ticked: bool) -> Result<(), ServerFnError> {
        let current = match current().await? {
            Ok(current) => current,
            Err(to) => {
                redirect(to);
                return Ok(());
            }
        };
        let (state, draft) = (&current.state, &current.draft);
        let entry = |action: &str, detail: String| AuditEntry {
            staff_id: current.me.id.clone(),
            action: action.into(),
            subject: stored!("stored.draft", id = &draft.id),
            detail,
            client: audit::client(),
        };
        if !ticked {
            audit::record(
                &state.db,
                &entry(
                    crate::audit::CONFIRMATION_FAILED,
                    stored!("stored.paper_not_ticked"),
                ),
            )
            .await
            .map_err(failed(Area::Filing))?;
            redirect(&format!("{CHECK_URL}?giay=chua-danh-dau#{ANCHOR}"));
            return Ok(());
        }
        let now = crate::state::now();
        assisted::confirm(
            &state.db,
            &draft.id,
            Confirmation::Paper,
            draft.version,
            now,
        )
        .await
        .map_err(failed(Area::Filing))?;
        audit::record(
            &state.db,
            &entry(
                crate::audit::CITIZEN_CONFIRMED,
                stored!("stored.confirmed_on_paper", version = draft.version),
            ),
        )
        .await
        .map_err(failed(Area::Filing))?;
        redirect(&format!("{CHECK_URL}?giay=da-ky#{ANCHOR}"));
        Ok(())
    }
}
