//! What the staff server functions do, on the server.

use super::store;
use super::{LOGIN_URL, password, query_encode, safe_return_path, session};
use crate::audit::{self, AuditEntry};
use crate::limits::{self, Verdict};
use crate::state::{AppState, local};
use leptos::prelude::*;
use leptos_axum::redirect;

/// Wrong passwords in a row that lock an account, and for how long.
pub const MAX_FAILURES: i64 = 5;
pub fn lock_duration() -> chrono::Duration {
    chrono::Duration::minutes(15)
}

/// The only error staff server functions return: the database failed. Everything a person can
/// get wrong is answered with a redirect to a page that explains.
pub fn failed(error: impl std::fmt::Display) -> ServerFnError {
    tracing::error!("staff: {error}");
    ServerFnError::new(crate::tr!("staff.busy"))
}

fn state() -> AppState {
    expect_context::<AppState>()
}

async fn audit(state: &AppState, entry: AuditEntry) -> Result<(), ServerFnError> {
    audit::record(&state.db, &entry).await.map_err(failed)
}

pub async fn log_in(
    typed_name: &str,
    password: &str,
    tiep: Option<&str>,
) -> Result<(), ServerFnError> {
    let state = state();
    let client = audit::client();
    let now = crate::state::now();
    let typed_name: String = typed_name.trim().chars().take(60).collect();
    let back = |error: &str, extra: &str| {
        let mut url = format!(
            "{LOGIN_URL}?loi={error}&ten={}{extra}",
            query_encode(&typed_name)
        );
        if let Some(tiep) = tiep.filter(|t| !t.is_empty()) {
            url.push_str(&format!(
                "&tiep={}",
                query_encode(&safe_return_path(Some(tiep)))
            ));
        }
        url
    };
    // Strangers use a kiosk one after another: no staff session starts there, whatever the
    // password.
    if crate::kiosk::kiosk_here().await?.is_some() {
        tracing::info!(client, "staff sign-in refused on a kiosk");
        redirect(&back("kiosk", ""));
        return Ok(());
    }
    // Per client: one counter PC (or one attacker) trying many names.
    let attempt = match limits::guess_login(&state.db, &client, now)
        .await
        .map_err(failed)?
    {
        Verdict::Allowed(attempt) => attempt,
        Verdict::Limited => {
            tracing::info!(client, "staff login attempts held back");
            redirect(&back("cho", ""));
            return Ok(());
        }
    };
    let username = super::normalise_username(&typed_name).ok();
    let account = match &username {
        Some(username) => store::by_username(&state.db, username)
            .await
            .map_err(failed)?,
        None => None,
    };
    // An unknown name costs the same hashing as a wrong password.
    let matches = password::verify_blocking(
        password.chars().take(200).collect(),
        account.as_ref().map(|a| a.password_hash.clone()),
    )
    .await;
    let Some(account) = account else {
        audit(
            &state,
            AuditEntry {
                staff_id: String::new(),
                action: audit::LOGIN_FAILED.into(),
                subject: typed_name.clone(),
                detail: stored!("stored.no_such_username"),
                client,
            },
        )
        .await?;
        redirect(&back("sai", ""));
        return Ok(());
    };
    let member = &account.member;
    let entry = |action: &str, detail: &str| AuditEntry {
        staff_id: member.id.clone(),
        action: action.into(),
        subject: member.username.clone(),
        detail: detail.into(),
        client: client.clone(),
    };
    // Locked: refused even with the right password, until the lock ends.
    if let Some(until) = account.locked_until.filter(|until| *until > now) {
        audit(
            &state,
            entry(audit::LOGIN_FAILED, &stored!("stored.account_locked")),
        )
        .await?;
        let until = local(until).format("%H:%M").to_string();
        redirect(&back("khoa", &format!("&den={until}")));
        return Ok(());
    }
    if !matches {
        let locked =
            store::count_failure(&state.db, &member.id, MAX_FAILURES, lock_duration(), now)
                .await
                .map_err(failed)?;
        match locked {
            Some(until) => {
                audit(
                    &state,
                    entry(
                        audit::LOGIN_LOCKED,
                        &stored!("stored.locked_after", count = MAX_FAILURES),
                    ),
                )
                .await?;
                let until = local(until).format("%H:%M").to_string();
                redirect(&back("khoa", &format!("&den={until}")));
            }
            None => {
                audit(
                    &state,
                    entry(audit::LOGIN_FAILED, &stored!("stored.wrong_password")),
                )
                .await?;
                redirect(&back("sai", ""));
            }
        }
        return Ok(());
    }
    if !account.active {
        audit(
            &state,
            entry(audit::LOGIN_FAILED, &stored!("stored.account_disabled")),
        )
        .await?;
        redirect(&back("ngung", ""));
        return Ok(());
    }
    // The right password: this attempt does not count against the client.
    attempt.refund(&state.db).await.map_err(failed)?;
    store::clear_failures(&state.db, &member.id)
        .await
        .map_err(failed)?;
    store::forget_expired_sessions(&state.db, now)
        .await
        .map_err(failed)?;
    let token = store::create_session(
        &state.db,
        &member.id,
        &client,
        now,
        // Ends when left idle; each use moves the end further, up to `session_length()`.
        state.staff_idle.min(session::session_length()),
    )
    .await
    .map_err(failed)?;
    session::remember(&token, state.secure_cookies);
    audit(&state, entry(audit::LOGIN, "")).await?;
    redirect(&safe_return_path(tiep));
    Ok(())
}

pub async fn log_out(everywhere: bool) -> Result<(), ServerFnError> {
    let state = state();
    let member = session::signed_in().await;
    if let Some(token) = session::token() {
        store::end_session(&state.db, &token)
            .await
            .map_err(failed)?;
    }
    session::forget(state.secure_cookies);
    if let Some(member) = member {
        let ended = if everywhere {
            store::end_all_sessions(&state.db, &member.id)
                .await
                .map_err(failed)?
        } else {
            1
        };
        audit(
            &state,
            AuditEntry {
                staff_id: member.id.clone(),
                action: if everywhere {
                    audit::LOGOUT_EVERYWHERE
                } else {
                    audit::LOGOUT
                }
                .into(),
                subject: member.username.clone(),
                detail: if everywhere {
                    stored!("stored.sessions_ended", count = ended)
                } else {
                    String::new()
                },
                client: audit::client(),
            },
        )
        .await?;
    }
    redirect(&format!(
        "{LOGIN_URL}?ra={}",
        if everywhere { "moi-noi" } else { "1" }
    ));
    Ok(())
}
