//! What the staff server functions do, on the server.

use super::store;
use super::{LOGIN_URL, password, safe_return_path, session};
use crate::audit::{self, AuditEntry};
use crate::limits::{self, Verdict};
use crate::paths::query_value;
use crate::state::AppState;
use crate::web::{Area, failed};
use leptos::prelude::*;
use leptos_axum::redirect;

/// Wrong passwords in a row after which every sign-in to the account waits before its answer.
pub const SLOW_AFTER: i64 = 5;

/// How long a sign-in waits before its password is checked, after `failures` wrong passwords in
/// a row: nothing for the first few, then `base` doubling up to eight times `base`. An account
/// is never locked: whoever guesses usernames can make its owner wait seconds, not keep them out.
pub fn login_delay(failures: i64, base: std::time::Duration) -> std::time::Duration {
    if failures < SLOW_AFTER {
        return std::time::Duration::ZERO;
    }
    base * 2u32.pow((failures - SLOW_AFTER).min(3) as u32)
}

fn state() -> AppState {
    expect_context::<AppState>()
}

async fn audit(state: &AppState, entry: AuditEntry) -> Result<(), ServerFnError> {
    audit::record(&state.db, &entry)
        .await
        .map_err(failed(Area::Staff))
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
            query_value(&typed_name)
        );
        if let Some(tiep) = tiep.filter(|t| !t.is_empty()) {
            url.push_str(&format!(
                "&tiep={}",
                query_value(&safe_return_path(Some(tiep)))
            ));
        }
        url
    };
    // Strangers use a kiosk one after another: no staff session starts there, whatever the
    // password.
    if crate::channel::kiosk_here().await?.is_some() {
        tracing::info!(client, "staff sign-in refused on a kiosk");
        redirect(&back("kiosk", ""));
        return Ok(());
    }
    // Per client: one counter PC (or one attacker) trying many names.
    let attempt = match limits::guess_login(&state.db, &client, now)
        .await
        .map_err(failed(Area::Staff))?
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
            .map_err(failed(Area::Staff))?,
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
    let delay = login_delay(
        account.failed_logins,
        std::time::Duration::from_millis(state.resume_limits.slow_down_ms / 2),
    );
    if !delay.is_zero() {
        tracing::warn!(
            username = member.username,
            failures = account.failed_logins,
            "alert: wrong passwords in a row; sign-ins to this account are slowed down"
        );
        tokio::time::sleep(delay).await;
    }
    if !matches {
        let failures = store::count_failure(&state.db, &member.id)
            .await
            .map_err(failed(Area::Staff))?;
        let slowed = failures >= SLOW_AFTER;
        let detail = if slowed {
            stored!("stored.slowed_after", count = failures)
        } else {
            stored!("stored.wrong_password")
        };
        audit(&state, entry(audit::LOGIN_FAILED, &detail)).await?;
        redirect(&back(if slowed { "cham" } else { "sai" }, ""));
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
    attempt
        .refund(&state.db)
        .await
        .map_err(failed(Area::Staff))?;
    store::clear_failures(&state.db, &member.id)
        .await
        .map_err(failed(Area::Staff))?;
    store::forget_expired_sessions(&state.db, now)
        .await
        .map_err(failed(Area::Staff))?;
    let token = store::create_session(
        &state.db,
        &member.id,
        &client,
        now,
        // Ends when left idle; each use moves the end further, up to `session_length()`.
        state.staff_idle.min(session::session_length()),
    )
    .await
    .map_err(failed(Area::Staff))?;
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
            .map_err(failed(Area::Staff))?;
    }
    session::forget(state.secure_cookies);
    if let Some(member) = member {
        let ended = if everywhere {
            store::end_all_sessions(&state.db, &member.id)
                .await
                .map_err(failed(Area::Staff))?
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn wrong_passwords_slow_sign_in_down_but_never_lock_it() {
        let base = Duration::from_secs(1);
        for failures in 0..SLOW_AFTER {
            assert_eq!(login_delay(failures, base), Duration::ZERO);
        }
        let delays: Vec<u64> = (SLOW_AFTER..SLOW_AFTER + 6)
            .map(|failures| login_delay(failures, base).as_secs())
            .collect();
        assert_eq!(delays, [1, 2, 4, 8, 8, 8]);
        assert_eq!(login_delay(i64::MAX, base), Duration::from_secs(8));
    }
}
