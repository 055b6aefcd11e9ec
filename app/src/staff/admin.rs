//! The admin page (`/can-bo/quan-tri`): staff accounts.

use super::*;
use crate::layout::Problem;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub use crate::paths::ADMIN_URL;
use crate::paths::AUDIT_URL;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: String,
    pub username: String,
    pub name: String,
    pub office: String,
    pub role: Role,
    pub active: bool,
    /// Until when (Vietnam time, "10:45") it is locked after wrong passwords.
    pub locked: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminData {
    pub me: StaffMember,
    pub accounts: Vec<AccountRow>,
    pub offices: Vec<String>,
}

#[server(endpoint = "can-bo/quan-tri")]
pub async fn load_admin() -> Result<AdminData, ServerFnError> {
    service::load_admin().await
}

#[server(endpoint = "can-bo/tao-tai-khoan")]
pub async fn create_account(
    ten: String,
    ho_ten: String,
    co_quan: String,
    vai_tro: String,
    mat_khau: String,
) -> Result<(), ServerFnError> {
    service::create_account(ten, ho_ten, co_quan, vai_tro, mat_khau).await
}

#[server(endpoint = "can-bo/dat-lai-mat-khau")]
pub async fn reset_password(tai_khoan: String, mat_khau: String) -> Result<(), ServerFnError> {
    service::reset_password(&tai_khoan, mat_khau).await
}

#[server(endpoint = "can-bo/trang-thai-tai-khoan")]
pub async fn set_account_active(tai_khoan: String, mo: String) -> Result<(), ServerFnError> {
    service::set_account_active(&tai_khoan, mo == "1").await
}

fn admin_message(query: &leptos_router::params::ParamsMap) -> (Option<String>, Option<String>) {
    let done = if let Some(name) = query.get("da-tao") {
        Some(tr!("staff.admin.created", name = name))
    } else if let Some(name) = query.get("doi-mk") {
        Some(tr!("staff.admin.password_set", name = name))
    } else if let Some(name) = query.get("ngung") {
        Some(tr!("staff.admin.disabled", name = name))
    } else {
        query
            .get("mo")
            .map(|name| tr!("staff.admin.enabled", name = name))
    };
    let typed = query.get("ten").unwrap_or_default();
    let error = query.get("loi").and_then(|code| {
        Some(match code.as_str() {
            "ten" => normalise_username(&typed)
                .err()
                .unwrap_or_else(|| tr!("staff.username.missing")),
            "trung" => tr!("staff.account.taken", name = typed),
            "ho-ten" => tr!("staff.account.name"),
            "co-quan" => tr!("staff.account.office"),
            "vai-tro" => tr!("staff.account.role"),
            code if let Some(problem) = PasswordProblem::from_code(code) => problem.message(),
            "chinh-minh" => tr!("staff.account.self"),
            _ => return None,
        })
    });
    (done, error)
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let (done, error) = admin_message(&query);
    let typed = (
        query.get("ten").unwrap_or_default(),
        query.get("ho_ten").unwrap_or_default(),
        query.get("co_quan").unwrap_or_default(),
        query.get("vai_tro").unwrap_or_default(),
    );
    let error_for = query.get("tk");
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_admin().await {
                    Ok(data) => view! {
                        <Admin data done=done.clone() error=error.clone() typed=typed.clone() error_for=error_for.clone() />
                    }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Admin(
    data: AdminData,
    done: Option<String>,
    error: Option<String>,
    typed: (String, String, String, String),
    /// The account a password-reset error belongs to; none: the creation form.
    error_for: Option<String>,
) -> impl IntoView {
    let create_error = error.clone().filter(|_| error_for.is_none());
    let me = data.me.id.clone();
    let rows = data
        .accounts
        .into_iter()
        .map(|account| {
            let status = match (&account.locked, account.active) {
                (_, false) => tr!("staff.admin.status_disabled"),
                (Some(until), true) => tr!("staff.admin.status_locked", time = until),
                (None, true) => tr!("staff.admin.status_active"),
            };
            let row_error = error
                .clone()
                .filter(|_| error_for.as_deref() == Some(account.id.as_str()));
            let password_id = format!("mk-{}", account.username);
            let row_class = if row_error.is_some() {
                "field field--error"
            } else {
                "field"
            };
            let toggle = (account.id != me).then(|| {
                let (value, label) = if account.active {
                    ("0", tr!("staff.admin.disable"))
                } else {
                    ("1", tr!("staff.admin.enable"))
                };
                view! {
                    <form method="post" action=SetAccountActive::url()>
                        <input type="hidden" name="tai_khoan" value=account.id.clone() />
                        <input type="hidden" name="mo" value=value />
                        <button type="submit" class="button button--secondary button--small">
                            {label}<span class="visually-hidden">{format!(" {}", account.username)}</span>
                        </button>
                    </form>
                }
            });
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">
                        {vi_name(account.name.clone())}<br />
                        <span class="muted">{account.username.clone()}</span>
                    </dt>
                    <dd class="summary-list__value">
                        {format!("{} · ", account.role.label())}{vi_name(account.office.clone())}<br />
                        <strong>{status}</strong>
                        <form method="post" action=ResetPassword::url()>
                            <input type="hidden" name="tai_khoan" value=account.id.clone() />
                            <div class=row_class>
                                <label class="label label--small" for=password_id.clone()>
                                    {tr!("staff.admin.new_password_for", username = account.username.clone())}
                                </label>
                                {row_error.map(|message| view! { <p class="error-message">{message}</p> })}
                                <input class="input" id=password_id type="password" name="mat_khau" autocomplete="new-password" />
                            </div>
                            <button type="submit" class="button button--secondary button--small">{tr!("staff.admin.reset")}</button>
                        </form>
                    </dd>
                    <dd class="summary-list__action">{toggle}</dd>
                </div>
            }
        })
        .collect_view();
    let (typed_username, typed_name, typed_office, typed_role) = typed;
    let offices = data
        .offices
        .into_iter()
        .map(|office| {
            let selected = office == typed_office;
            view! { <option value=office selected=selected lang=names_lang()>{office.clone()}</option> }
        })
        .collect_view();
    let roles = Role::ALL
        .into_iter()
        .map(|role| {
            let id = format!("vai-tro-{}", role.as_str());
            let checked = typed_role == role.as_str();
            view! {
                <div class="radio">
                    <input class="radio__input" type="radio" name="vai_tro" id=id.clone() value=role.as_str() checked=checked />
                    <label class="radio__label" for=id>{role.label()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <Title text=tr!("page.title", title = tr!("staff.admin.title")) />
        <a class="back-link" href=HOME_URL>{tr!("staff.back")}</a>
        {error.clone().map(|message| view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2 class="error-summary__title">{tr!("staff.admin.problem")}</h2>
                <ul class="error-summary__list"><li>{message}</li></ul>
            </div>
        })}
        {done.map(|message| view! { <p class="notice" role="status">{message}</p> })}
        <h1>{tr!("staff.admin.heading")}</h1>
        <h2>{tr!("staff.admin.accounts")}</h2>
        <dl class="summary-list">{rows}</dl>
        <h2 id="tao">{tr!("staff.admin.create_heading")}</h2>
        <form method="post" action=CreateAccount::url()>
            {create_error.map(|message| view! { <p class="error-message">{message}</p> })}
            <div class="field">
                <label class="label" for="ten">{tr!("staff.login.username")}</label>
                <p class="hint">{tr!("staff.admin.username_hint")}</p>
                <input class="input" id="ten" name="ten" autocomplete="off" autocapitalize="none" spellcheck="false" value=typed_username />
            </div>
            <div class="field">
                <label class="label" for="ho_ten">{tr!("staff.admin.full_name")}</label>
                <input class="input" id="ho_ten" name="ho_ten" autocomplete="off" value=typed_name />
            </div>
            <div class="field">
                <label class="label" for="co_quan">{tr!("staff.admin.office")}</label>
                <select class="select" id="co_quan" name="co_quan">
                    <option value="">{tr!("staff.admin.choose_office")}</option>
                    {offices}
                </select>
            </div>
            <fieldset class="fieldset">
                <legend class="label">{tr!("staff.admin.role")}</legend>
                <div class="radios">{roles}</div>
            </fieldset>
            <div class="field">
                <label class="label" for="mat_khau">{tr!("staff.admin.first_password")}</label>
                <p class="hint">{tr!("staff.admin.first_password_hint", min = MIN_PASSWORD_CHARS)}</p>
                <input class="input" id="mat_khau" name="mat_khau" type="password" autocomplete="new-password" />
            </div>
            <button type="submit" class="button">{tr!("staff.admin.create")}</button>
        </form>
        <super::kiosks::KioskAdmin />
        <p><a href=AUDIT_URL>{tr!("staff.admin.audit_link")}</a></p>
        <pages::StaffSignOut />
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod service {
    use super::*;
    use crate::audit::{self, AuditEntry};
    use crate::paths::query_value;
    use crate::staff::accounts::{self, AccountError, AccountForm, Existing, Outcome};
    use crate::staff::store;
    use crate::state::{AppState, local};
    use crate::web::{Area, failed};
    use leptos_axum::redirect;

    fn state() -> AppState {
        expect_context::<AppState>()
    }

    pub async fn load_admin() -> Result<AdminData, ServerFnError> {
        let me = require(Role::may_manage_accounts).await?;
        let state = state();
        let now = crate::state::now();
        let accounts = store::all(&state.db)
            .await
            .map_err(failed(Area::Staff))?
            .into_iter()
            .map(|account| AccountRow {
                id: account.member.id,
                username: account.member.username,
                name: account.member.name,
                office: account.member.office,
                role: account.member.role,
                active: account.active,
                locked: account
                    .locked_until
                    .filter(|until| *until > now)
                    .map(|until| local(until).format("%H:%M").to_string()),
            })
            .collect();
        Ok(AdminData {
            me,
            accounts,
            offices: crate::staff::offices(&state),
        })
    }

    pub async fn create_account(
        ten: String,
        ho_ten: String,
        co_quan: String,
        vai_tro: String,
        mat_khau: String,
    ) -> Result<(), ServerFnError> {
        let me = require(Role::may_manage_accounts).await?;
        let state = state();
        let back = |code: &str| {
            format!(
                "{ADMIN_URL}?loi={code}&ten={}&ho_ten={}&co_quan={}&vai_tro={}#tao",
                query_value(ten.trim()),
                query_value(ho_ten.trim()),
                query_value(co_quan.trim()),
                query_value(&vai_tro)
            )
        };
        // The first problem, in the order of the form.
        let problem = if normalise_username(&ten).is_err() {
            Some("ten")
        } else if ho_ten.trim().is_empty() || ho_ten.trim().chars().count() > 100 {
            Some("ho-ten")
        } else if !crate::staff::offices(&state).contains(&co_quan) {
            Some("co-quan")
        } else if Role::parse(&vai_tro).is_none() {
            Some("vai-tro")
        } else {
            password_problem(&mat_khau).map(PasswordProblem::code)
        };
        if let Some(code) = problem {
            redirect(&back(code));
            return Ok(());
        }
        let form = AccountForm {
            username: ten.clone(),
            name: ho_ten.clone(),
            office: co_quan.clone(),
            role: Role::parse(&vai_tro).expect("checked above"),
            password: mat_khau,
        };
        match accounts::create(
            &state.db,
            &form,
            Existing::Refuse,
            Some(&me),
            &audit::client(),
        )
        .await
        {
            Ok(Outcome::Created(member)) => {
                redirect(&format!(
                    "{ADMIN_URL}?da-tao={}",
                    query_value(&member.username)
                ));
                Ok(())
            }
            Ok(Outcome::Updated) => unreachable!("creation without replace never updates"),
            Err(AccountError::Taken(_)) => {
                redirect(&back("trung"));
                Ok(())
            }
            Err(AccountError::Invalid(_)) => {
                redirect(&back("ten"));
                Ok(())
            }
            Err(error) => Err(failed(Area::Staff)(error)),
        }
    }

    pub async fn reset_password(id: &str, password: String) -> Result<(), ServerFnError> {
        let me = require(Role::may_manage_accounts).await?;
        let state = state();
        let Some(account) = store::by_id(&state.db, id)
            .await
            .map_err(failed(Area::Staff))?
        else {
            redirect(ADMIN_URL);
            return Ok(());
        };
        if let Some(problem) = password_problem(&password) {
            redirect(&format!(
                "{ADMIN_URL}?loi={}&tk={}",
                problem.code(),
                query_value(&account.member.id)
            ));
            return Ok(());
        }
        let hash = super::super::password::hash_blocking(password).await;
        store::set_password(&state.db, id, &hash, crate::state::now())
            .await
            .map_err(failed(Area::Staff))?;
        audit::record(
            &state.db,
            &AuditEntry {
                staff_id: me.id.clone(),
                action: audit::PASSWORD_RESET.into(),
                subject: account.member.username.clone(),
                detail: String::new(),
                client: audit::client(),
            },
        )
        .await
        .map_err(failed(Area::Staff))?;
        redirect(&format!(
            "{ADMIN_URL}?doi-mk={}",
            query_value(&account.member.username)
        ));
        Ok(())
    }

    pub async fn set_account_active(id: &str, active: bool) -> Result<(), ServerFnError> {
        let me = require(Role::may_manage_accounts).await?;
        let state = state();
        if id == me.id {
            redirect(&format!("{ADMIN_URL}?loi=chinh-minh"));
            return Ok(());
        }
        let Some(account) = store::by_id(&state.db, id)
            .await
            .map_err(failed(Area::Staff))?
        else {
            redirect(ADMIN_URL);
            return Ok(());
        };
        store::set_active(&state.db, id, active, crate::state::now())
            .await
            .map_err(failed(Area::Staff))?;
        audit::record(
            &state.db,
            &AuditEntry {
                staff_id: me.id.clone(),
                action: if active {
                    audit::ACCOUNT_ENABLED
                } else {
                    audit::ACCOUNT_DISABLED
                }
                .into(),
                subject: account.member.username.clone(),
                detail: String::new(),
                client: audit::client(),
            },
        )
        .await
        .map_err(failed(Area::Staff))?;
        redirect(&format!(
            "{ADMIN_URL}?{}={}",
            if active { "mo" } else { "ngung" },
            query_value(&account.member.username)
        ));
        Ok(())
    }
}
