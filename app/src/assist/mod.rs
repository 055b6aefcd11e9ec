//! Filing with help: a draft typed by staff at the counter (or a paper dossier typed in, or a
//! citizen's draft opened with the code they gave), and the citizen's confirmation before it is
//! submitted. Core, because the wizard (answers typed by a helper, the check page's
//! confirmation, submission waiting for it) and the staff pages both need it.

use crate::layout::{NAME_MARK, with_name};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// How a draft came to staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Assist {
    /// Started at the counter while the citizen answers.
    Counter,
    /// A paper dossier received at the counter: typed in, receipt printed at once.
    Paper,
    /// A citizen's own draft, opened with the resume code they gave.
    Code,
}

impl Assist {
    pub fn as_str(self) -> &'static str {
        match self {
            Assist::Counter => "counter",
            Assist::Paper => "paper",
            Assist::Code => "code",
        }
    }

    pub fn parse(text: &str) -> Option<Assist> {
        [Assist::Counter, Assist::Paper, Assist::Code]
            .into_iter()
            .find(|how| how.as_str() == text)
    }
}

/// How the citizen confirmed that the answers a helper typed are theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confirmation {
    /// On their own phone, opened by the QR code or the short code on the helper's screen.
    Phone,
    /// With a 6-digit code sent by SMS to the phone number in the answers.
    Sms,
    /// On the printed answers, signed, marked signed by the helper.
    Paper,
    /// Ticked on the helper's screen (dossiers filed before the three ways above).
    Screen,
}

impl Confirmation {
    pub const ALL: [Confirmation; 4] = [
        Confirmation::Phone,
        Confirmation::Sms,
        Confirmation::Paper,
        Confirmation::Screen,
    ];

    /// As stored (`assisted_drafts.confirmed_how`).
    pub fn as_str(self) -> &'static str {
        match self {
            Confirmation::Phone => "phone",
            Confirmation::Sms => "sms",
            Confirmation::Paper => "paper",
            Confirmation::Screen => "screen",
        }
    }

    pub fn parse(text: &str) -> Option<Confirmation> {
        Confirmation::ALL
            .into_iter()
            .find(|how| how.as_str() == text)
    }
}

pub mod phone;

/// The check-answers page's confirmation block, for a draft filed with staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssistedCheck {
    pub staff_name: String,
    pub paper: bool,
    /// The citizen confirmed these very answers: how, and at what time ("10:42").
    pub confirmed: Option<(Confirmation, String)>,
    /// The citizen confirmed earlier answers: a change since asks again.
    pub changed_since: bool,
    pub phone: phone::PhoneBlock,
}

/// The message for the check-answers page's `xn` value.
fn confirm_message(code: &str) -> Option<String> {
    Some(match code {
        "thieu" => tr!("staff.confirm.missing"),
        _ => return None,
    })
}

/// On the check-answers page of a draft filed with staff: the citizen confirms the answers on
/// their own phone; once they have, for these very answers, the helper submits.
#[component]
pub fn CitizenConfirm(check: AssistedCheck, complete: bool) -> impl IntoView {
    let query = use_query_map().get_untracked();
    let error = query.get("xn").and_then(|code| confirm_message(&code));
    if !complete {
        return view! {
            <p class="notice">{tr!("staff.confirm.incomplete")}</p>
        }
        .into_any();
    }
    let confirmed = check.confirmed.is_some();
    let done = check.confirmed.map(|(how, at)| {
        view! {
            {phone::confirmed_line(how, at)}
            <p>{tr!("staff.confirm.change_asks_again")}</p>
            <form method="post" action=crate::paths::ASSIST_CONFIRM_URL>
                <button type="submit" class="button">
                    {if check.paper { tr!("staff.confirm.submit_paper") } else { tr!("staff.confirm.submit") }}
                </button>
            </form>
        }
    });
    let ask = (!confirmed).then(|| {
        view! {
            {check.changed_since.then(|| view! {
                <p class="notice notice--warning" role="alert">{tr!("staff.confirm.changed")}</p>
            })}
            <phone::PhoneSection block=check.phone confirmed=false />
            // The ways of confirming are loaded once, for both blocks.
            <Suspense>
                {Suspend::new(async move {
                    ways::load_ways().await.ok().flatten().map(|ways| view! {
                        <SmsConfirm ways=ways.clone() />
                        <PaperConfirm ways />
                    })
                })}
            </Suspense>
        }
    });
    view! {
        <section class="citizen-confirm" id="xac-nhan" aria-labelledby="xac-nhan-tieu-de" tabindex="-1">
            {error.map(|message| view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2 class="error-summary__title">{tr!("staff.confirm.problem")}</h2>
                    <ul class="error-summary__list"><li><a href="#xac-nhan-tieu-de">{message}</a></li></ul>
                </div>
            })}
            <h2 id="xac-nhan-tieu-de">{tr!("staff.confirm.heading")}</h2>
            <p>{with_name(tr!("staff.confirm.intro", name = NAME_MARK), check.staff_name)}</p>
            {done}
            {ask}
        </section>
    }
    .into_any()
}

pub mod helped;
pub mod paper;
pub mod sms;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ways;
#[cfg(feature = "ssr")]
use crate::audit;
pub use paper::{PaperConfirm, PaperPrintPage};
pub use sms::SmsConfirm;

/// The procedure's name as the audit log keeps it: in Vietnamese, whatever the staff member
/// reads the page in (the log is the office's record).
#[cfg(feature = "ssr")]
pub fn stored_name(catalog: &domain::catalog::Catalog, procedure_id: &str) -> String {
    catalog
        .procedure_in(procedure_id, domain::Lang::Vi)
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

/// Called by the filing module after a step is saved: when staff are signed in on this
/// browser and the draft is one filed with staff, the step's fields count as staff-entered.
#[cfg(feature = "ssr")]
pub async fn after_save(db: &crate::db::Db, draft_id: &str, step_title: &str, fields: Vec<String>) {
    if fields.is_empty() || crate::identity::token().is_none() {
        return;
    }
    let Some(member) = crate::identity::signed_in().await else {
        return;
    };
    let result = async {
        if store::get(db, draft_id).await?.is_none() {
            return Ok(());
        }
        store::add_staff_fields(db, draft_id, &fields).await?;
        audit::record(
            db,
            &audit::AuditEntry {
                staff_id: member.id.clone(),
                action: crate::audit::STAFF_ANSWERED.into(),
                subject: stored!("stored.draft", id = draft_id),
                detail: format!("{step_title}: {}", fields.join(", ")),
                client: audit::client(),
            },
        )
        .await
    }
    .await;
    if let Err(error) = result {
        tracing::error!("recording staff answers: {error}");
    }
}

/// Called by the filing module when a resume code opens a draft: if staff are signed in on this
/// browser, the citizen gave them the code; that is audited and the draft marked as assisted.
#[cfg(feature = "ssr")]
pub async fn opened_with_code(
    db: &crate::db::Db,
    draft_id: &str,
    procedure_id: &str,
) -> Result<(), sqlx::Error> {
    if crate::identity::token().is_none() {
        return Ok(());
    }
    // Only staff who file for citizens take a draft in hand (an admin signed in on this
    // browser leaves it the citizen's own).
    let Some(member) = crate::identity::signed_in()
        .await
        .filter(|member| member.role.may_file_for_citizens())
    else {
        return Ok(());
    };
    store::mark(db, draft_id, &member.id, Assist::Code, crate::state::now()).await?;
    let procedure = leptos::prelude::use_context::<crate::state::AppState>()
        .map(|state| stored_name(&state.catalog, procedure_id))
        .unwrap_or_default();
    audit::record(
        db,
        &audit::AuditEntry {
            staff_id: member.id,
            action: crate::audit::OPEN_DRAFT_WITH_CODE.into(),
            subject: stored!("stored.draft", id = draft_id),
            detail: procedure,
            client: audit::client(),
        },
    )
    .await
}

/// Called by the filing module before submitting: a draft filed with staff is submitted only
/// once the citizen confirmed this very version of its answers (any change since asks again).
#[cfg(feature = "ssr")]
pub async fn awaits_confirmation(
    db: &crate::db::Db,
    draft_id: &str,
    version: i64,
) -> Result<bool, sqlx::Error> {
    Ok(store::get(db, draft_id)
        .await?
        .is_some_and(|record| record.confirmed_version != Some(version)))
}

/// What the check-answers page needs for `version` of a draft filed with staff (None: a
/// citizen's own).
#[cfg(feature = "ssr")]
pub async fn check_block(
    state: &crate::state::AppState,
    draft_id: &str,
    version: i64,
) -> Result<Option<AssistedCheck>, sqlx::Error> {
    let Some(record) = store::get(&state.db, draft_id).await? else {
        return Ok(None);
    };
    let staff_name = crate::identity::name_of(&state.db, &record.staff_id).await;
    let current = record.confirmed_version == Some(version);
    let confirmed = match (current, record.confirmed_how, record.confirmed_at) {
        (true, Some(how), Some(at)) => {
            Some((how, crate::state::local(at).format("%H:%M").to_string()))
        }
        _ => None,
    };
    Ok(Some(AssistedCheck {
        staff_name,
        paper: record.how == Assist::Paper,
        changed_since: record.confirmed_at.is_some() && !current,
        confirmed,
        phone: phone::block(state, draft_id, version).await?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmation_messages_read_in_both_languages() {
        assert_eq!(
            confirm_message("thieu").unwrap(),
            "Hồ sơ khai giúp cần công dân xác nhận trước khi nộp."
        );
        assert_eq!(confirm_message("so"), None);
        assert_eq!(
            rust_i18n::t!("staff.confirm.changed", locale = "en"),
            "The answers changed after the citizen confirmed them. The citizen needs to confirm again."
        );
    }
}

#[cfg(test)]
mod audit_tests {
    #[test]
    fn the_audit_log_names_the_procedure_in_vietnamese_for_an_english_reader() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("procedures");
        let catalog = domain::catalog::Catalog::load(&dir).unwrap();
        crate::prefs::as_english_reader(|| {
            assert_eq!(
                super::stored_name(&catalog, "khai-sinh"),
                "Đăng ký khai sinh"
            );
        });
    }
}
