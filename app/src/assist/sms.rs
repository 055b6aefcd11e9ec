//! Confirming by SMS, for a citizen whose phone is not a smartphone: on the helper's check page,
//! a 6-digit code is sent to the phone number in the answers (through the outbox, so it is sent
//! once whatever the number of servers) and the citizen types it on the helper's screen.

use super::Confirmation;
use super::ways::Ways;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "ssr")]
pub mod store;

/// The block's anchor on the check page.
pub const ANCHOR: &str = "xac-nhan-sms";

/// Sends a new code to the phone number in the answers.
#[server(endpoint = "can-bo/gui-ma-sms")]
pub async fn send_sms_code() -> Result<(), ServerFnError> {
    service::send().await
}

/// The citizen typed the code they received.
#[server(endpoint = "can-bo/nhap-ma-sms")]
pub async fn check_sms_code(#[server(default)] ma_sms: String) -> Result<(), ServerFnError> {
    service::check(&ma_sms).await
}

/// The check page's `sms` value: what happened, and whether it is a problem.
fn said(code: &str, left: i64) -> Option<(bool, String)> {
    Some(match code {
        "da-gui" => (false, tr!("assist.sms.sent")),
        "xac-nhan" => (false, tr!("assist.sms.confirmed")),
        "sai" => (true, tr!("assist.sms.wrong", left = left)),
        "trong" => (true, tr!("assist.sms.empty")),
        "het-lan" => (true, tr!("assist.sms.void")),
        "het-han" => (true, tr!("assist.sms.expired")),
        "doi" => (true, tr!("assist.sms.changed")),
        "het-luot" => (true, tr!("assist.sms.draft_limit")),
        "het-luot-so" => (true, tr!("assist.sms.phone_limit")),
        "khong-so" => (true, tr!("assist.sms.no_phone")),
        _ => return None,
    })
}

/// "Gửi mã xác nhận qua SMS", and the field for the code once one is sent. On the helper's
/// check page (`CitizenConfirm`).
#[component]
pub fn SmsConfirm(ways: Ways) -> impl IntoView {
    let query = use_query_map().get_untracked();
    let left = query
        .get("con")
        .and_then(|n| n.parse::<i64>().ok())
        .unwrap_or_default();
    let said = query.get("sms").and_then(|code| said(&code, left));
    let (error, notice) = match said {
        Some((true, message)) => (Some(message), None),
        Some((false, message)) => (None, Some(message)),
        None => (None, None),
    };
    let body = match (ways.phone, ways.confirmed) {
        (_, Some(Confirmation::Sms)) => view! {
            <p class="notice" role="status">{tr!("assist.sms.confirmed")}</p>
        }
        .into_any(),
        (None, _) => view! { <p>{tr!("assist.sms.no_phone")}</p> }.into_any(),
        (Some(phone), _) => {
            let field_class = if error.is_some() {
                "field field--error"
            } else {
                "field"
            };
            let code_form = ways.code_waiting.then(|| {
                view! {
                    <form method="post" action=CheckSmsCode::url()>
                        <div class=field_class>
                            <label class="label" for="ma-sms">{tr!("assist.sms.code_label")}</label>
                            <p class="hint">{tr!("assist.sms.code_hint")}</p>
                            {error.clone().map(|message| view! {
                                <p class="error-message" id="ma-sms-loi">
                                    <span class="visually-hidden">{tr!("error.prefix")}</span>
                                    {message}
                                </p>
                            })}
                            <input class="input input--6" id="ma-sms" name="ma_sms" type="text"
                                inputmode="numeric" autocomplete="one-time-code" maxlength="12" />
                        </div>
                        <button type="submit" class="button">{tr!("assist.sms.check")}</button>
                    </form>
                }
            });
            view! {
                <p>{tr!("assist.sms.intro", phone = phone)}</p>
                {notice.map(|message| view! { <p class="notice" role="status">{message}</p> })}
                {code_form}
                <form method="post" action=SendSmsCode::url()>
                    <button type="submit" class="button button--secondary">
                        {if ways.code_waiting { tr!("assist.sms.send_again") } else { tr!("assist.sms.send") }}
                    </button>
                </form>
            }
            .into_any()
        }
    };
    view! {
        <section class="confirm-way" id=ANCHOR aria-labelledby="xac-nhan-sms-tieu-de">
            {error.map(|message| view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2 class="error-summary__title">{tr!("assist.sms.problem")}</h2>
                    <ul class="error-summary__list"><li><a href="#ma-sms">{message}</a></li></ul>
                </div>
            })}
            <h3 id="xac-nhan-sms-tieu-de">{tr!("assist.sms.heading")}</h3>
            {body}
        </section>
    }
}

/// Where the check page says what happened to a code.
#[cfg(feature = "ssr")]
fn back(what: &str) -> String {
    format!("{}?sms={what}#{ANCHOR}", crate::paths::CHECK_URL)
}

#[cfg(feature = "ssr")]
/// The SMS: which office and which procedure, the code, and not to give it to anyone else. In
/// ASCII, as the office's other SMS (gateways bill diacritics as UCS-2).
pub fn text(procedure_name: &str, office: &str, code: &str) -> String {
    let ascii = |text: &str| -> String {
        domain::search::without_diacritics(text.trim())
            .chars()
            .filter(|c| c.is_ascii() && !c.is_ascii_control())
            .take(80)
            .collect()
    };
    format!(
        "Ma xac nhan ho so {} tai {}: {code}. Chi dua ma nay cho can bo dang giup ban. Ma dung trong {} phut.",
        ascii(procedure_name),
        ascii(office),
        store::LIFETIME_MINUTES
    )
}

#[cfg(feature = "ssr")]
pub use service::{SendRefused, allow_send};

#[cfg(feature = "ssr")]
mod service {
    use super::super::ways::{current, masked_phone};
    use super::super::{Confirmation, store as assisted, stored_name};
    use super::{back, store, text};
    use crate::audit::{self, AuditEntry};
    use crate::db::Db;
    use crate::i18n::PageCatalog;
    use crate::limits::{
        self, CONFIRMATION_CODES_PER_DRAFT, CONFIRMATION_CODES_PER_PHONE, SMS_PER_PHONE,
    };
    use crate::web::{Area, failed};
    use chrono::{DateTime, Utc};
    use leptos::prelude::*;
    use leptos_axum::redirect;

    /// Why no code may be sent now.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum SendRefused {
        /// This draft had its codes for today.
        Draft,
        /// This number had its codes (or its SMS) for today.
        Phone,
    }

    /// Takes one code from the draft's and the number's daily allowances, or says which is used
    /// up (and then takes nothing). The number must also have room for one more SMS today: the
    /// outbox worker takes that one when it sends.
    pub async fn allow_send(
        db: &Db,
        draft_id: &str,
        phone: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<SendRefused>, sqlx::Error> {
        if !limits::take(db, &CONFIRMATION_CODES_PER_DRAFT, draft_id, 1, now).await? {
            return Ok(Some(SendRefused::Draft));
        }
        let mut phone_ok = limits::take(db, &CONFIRMATION_CODES_PER_PHONE, phone, 1, now).await?;
        if phone_ok {
            phone_ok = limits::take(db, &SMS_PER_PHONE, phone, 1, now).await?;
            if phone_ok {
                limits::take(db, &SMS_PER_PHONE, phone, -1, now).await?;
            } else {
                limits::take(db, &CONFIRMATION_CODES_PER_PHONE, phone, -1, now).await?;
            }
        }
        if !phone_ok {
            limits::take(db, &CONFIRMATION_CODES_PER_DRAFT, draft_id, -1, now).await?;
            return Ok(Some(SendRefused::Phone));
        }
        Ok(None)
    }

    /// The office the dossier goes to, as submission will name it.
    fn office_of(
        procedure: &domain::procedure::Procedure,
        answers: &domain::procedure::Answers,
    ) -> String {
        procedure
            .office_field
            .as_ref()
            .and_then(|field| answers.get(field))
            .cloned()
            .unwrap_or_else(|| procedure.authority.clone())
    }

    pub async fn send() -> Result<(), ServerFnError> {
        let current = match current().await? {
            Ok(current) => current,
            Err(to) => {
                redirect(to);
                return Ok(());
            }
        };
        let (state, draft) = (&current.state, &current.draft);
        let Some(procedure) = state.catalog.procedure(&draft.procedure_id) else {
            redirect(crate::paths::ASSIST_START_URL);
            return Ok(());
        };
        let Some(phone) = procedure.applicant_phone(&draft.answers) else {
            redirect(&back("khong-so"));
            return Ok(());
        };
        let now = crate::state::now();
        let masked = masked_phone(&phone);
        if let Some(refused) = allow_send(&state.db, &draft.id, &phone, now)
            .await
            .map_err(failed(Area::Filing))?
        {
            audit::record(
                &state.db,
                &AuditEntry {
                    staff_id: current.me.id.clone(),
                    action: crate::audit::CONFIRMATION_CODE_REFUSED.into(),
                    subject: stored!("stored.draft", id = &draft.id),
                    detail: match refused {
                        SendRefused::Draft => stored!("stored.sms_code_draft_limit"),
                        SendRefused::Phone => {
                            stored!("stored.sms_code_phone_limit", phone = &masked)
                        }
                    },
                    client: audit::client(),
                },
            )
            .await
            .map_err(failed(Area::Filing))?;
            redirect(&back(match refused {
                SendRefused::Draft => "het-luot",
                SendRefused::Phone => "het-luot-so",
            }));
            return Ok(());
        }
        let code = store::new_code();
        let procedure_name = stored_name(&state.catalog, &draft.procedure_id);
        // Written as the office writes it, whatever the helper's page language.
        let office = state
            .catalog
            .procedure_in(&draft.procedure_id, domain::Lang::Vi)
            .map(|procedure| office_of(procedure, &draft.answers))
            .unwrap_or_default();
        store::issue(
            &state.db,
            &draft.id,
            &code,
            draft.version,
            &phone,
            &text(&procedure_name, &office, &code),
            &stored!("stored.draft", id = &draft.id),
            now,
        )
        .await
        .map_err(failed(Area::Filing))?;
        audit::record(
            &state.db,
            &AuditEntry {
                staff_id: current.me.id.clone(),
                action: crate::audit::CONFIRMATION_CODE_SENT.into(),
                subject: stored!("stored.draft", id = &draft.id),
                detail: stored!("stored.sms_code_sent", phone = &masked),
                client: audit::client(),
            },
        )
        .await
        .map_err(failed(Area::Filing))?;
        redirect(&back("da-gui"));
        Ok(())
    }

    pub async fn check(typed: &str) -> Result<(), ServerFnError> {
        let current = match current().await? {
            Ok(current) => current,
            Err(to) => {
                redirect(to);
                return Ok(());
            }
        };
        let (state, draft) = (&current.state, &current.draft);
        let typed = store::normalise(typed);
        if typed.is_empty() {
            redirect(&back("trong"));
            return Ok(());
        }
        let now = crate::state::now();
        let checked = store::check(&state.db, &draft.id, &typed, draft.version, now)
            .await
            .map_err(failed(Area::Filing))?;
        let entry = |action: &str, detail: String| AuditEntry {
            staff_id: current.me.id.clone(),
            action: action.into(),
            subject: stored!("stored.draft", id = &draft.id),
            detail,
            client: audit::client(),
        };
        let (entry, to) = match checked {
            store::Checked::Right => {
                assisted::confirm(&state.db, &draft.id, Confirmation::Sms, draft.version, now)
                    .await
                    .map_err(failed(Area::Filing))?;
                (
                    entry(
                        crate::audit::CITIZEN_CONFIRMED,
                        stored!("stored.confirmed_by_sms", version = draft.version),
                    ),
                    back("xac-nhan"),
                )
            }
            store::Checked::Wrong { left } => (
                entry(
                    crate::audit::CONFIRMATION_FAILED,
                    stored!("stored.wrong_sms_code"),
                ),
                format!(
                    "{}?sms=sai&con={left}#{}",
                    crate::paths::CHECK_URL,
                    super::ANCHOR
                ),
            ),
            store::Checked::Void => (
                entry(
                    crate::audit::CONFIRMATION_FAILED,
                    stored!("stored.sms_code_void"),
                ),
                back("het-lan"),
            ),
            store::Checked::Expired | store::Checked::NoCode => (
                entry(
                    crate::audit::CONFIRMATION_FAILED,
                    stored!("stored.sms_code_expired"),
                ),
                back("het-han"),
            ),
            store::Checked::Changed => (
                entry(
                    crate::audit::CONFIRMATION_FAILED,
                    stored!("stored.sms_code_changed"),
                ),
                back("doi"),
            ),
        };
        audit::record(&state.db, &entry)
            .await
            .map_err(failed(Area::Filing))?;
        redirect(&to);
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::db::testing::databases;
        use crate::random::letters;

        #[tokio::test]
        async fn a_draft_gets_three_codes_a_day_and_a_number_five() {
            for db in databases().await {
                let now = crate::state::now();
                let phone = format!("09{}", &letters(8));
                let first = letters(24);
                for _ in 0..3 {
                    assert_eq!(allow_send(&db, &first, &phone, now).await.unwrap(), None);
                }
                assert_eq!(
                    allow_send(&db, &first, &phone, now).await.unwrap(),
                    Some(SendRefused::Draft)
                );
                let second = letters(24);
                for _ in 0..2 {
                    assert_eq!(allow_send(&db, &second, &phone, now).await.unwrap(), None);
                }
                // The number had its five: refused, and the second draft keeps its third code.
                assert_eq!(
                    allow_send(&db, &second, &phone, now).await.unwrap(),
                    Some(SendRefused::Phone)
                );
                assert_eq!(
                    allow_send(&db, &second, &format!("07{}", letters(8)), now)
                        .await
                        .unwrap(),
                    None
                );
                // Tomorrow, again.
                let tomorrow = now + chrono::Duration::days(1);
                assert_eq!(
                    allow_send(&db, &first, &phone, tomorrow).await.unwrap(),
                    None
                );
            }
        }

        #[tokio::test]
        async fn a_number_that_had_its_sms_today_gets_no_code() {
            for db in databases().await {
                let now = crate::state::now();
                let phone = format!("08{}", &letters(8));
                assert!(
                    limits::take(&db, &SMS_PER_PHONE, &phone, SMS_PER_PHONE.per_day(), now)
                        .await
                        .unwrap()
                );
                let draft = letters(24);
                assert_eq!(
                    allow_send(&db, &draft, &phone, now).await.unwrap(),
                    Some(SendRefused::Phone)
                );
                // Nothing was taken from the draft's allowance.
                let other = format!("07{}", letters(8));
                for _ in 0..3 {
                    assert_eq!(allow_send(&db, &draft, &other, now).await.unwrap(), None);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(feature = "ssr")]
    fn the_sms_names_the_office_and_the_procedure_without_diacritics() {
        let text = super::text("Đăng ký khai sinh", "UBND phường Tân An", "123456");
        assert_eq!(
            text,
            "Ma xac nhan ho so Dang ky khai sinh tai UBND phuong Tan An: 123456. \
             Chi dua ma nay cho can bo dang giup ban. Ma dung trong 15 phut."
        );
        assert!(text.is_ascii());
    }
}
