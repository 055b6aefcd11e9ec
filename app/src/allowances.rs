//! The daily allowances of the person at the keyboard (drafts, document bytes, submissions),
//! counted in the database so every server sees the same counts (`crate::limits` keeps them).

use crate::limits::{self, Allowance};

/// Whether this request may take `amount` more of a daily `allowance`, taking it if so: for
/// `who` (a phone number), or else the client's address. Staff at the keyboard are not counted:
/// a counter files for a whole queue of citizens.
pub async fn within_daily(
    state: &crate::state::AppState,
    allowance: &Allowance,
    who: Option<&str>,
    amount: i64,
) -> Result<bool, sqlx::Error> {
    if crate::identity::signed_in().await.is_some() {
        return Ok(true);
    }
    let who = match who {
        Some(who) => who.to_string(),
        None => limits::daily_key(&crate::audit::client()),
    };
    limits::take(&state.db, allowance, &who, amount, crate::state::now()).await
}
