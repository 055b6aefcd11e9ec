//! Which draft this browser is working on: an HttpOnly cookie holding its resume code.
//!
//! On a kiosk (a browser strangers share) the cookie lasts only while the browser is open, and
//! counts only while the server still has it as the kiosk's draft (table `kiosk_drafts`): the
//! kiosk's reset ends that on the server, so a browser that kept the cookie opens nothing.

use crate::cookies::{self, Lifetime};
use crate::db::Db;
use crate::state::AppState;
use cookie::SameSite;
use leptos::prelude::*;

pub const COOKIE: &str = "mc_ho_so";
/// Drafts are kept at least 30 days after the last change; the cookie lives as long.
const MAX_AGE_DAYS: i64 = 30;

/// The resume code of this browser's current draft, if any. On a kiosk, only the draft the
/// kiosk's session still holds.
pub async fn current_code() -> Option<String> {
    let code = code_in(&use_context::<http::request::Parts>()?.headers)?;
    let Some(kiosk) = cookies::kiosk_token() else {
        return Some(code);
    };
    let state = use_context::<AppState>()?;
    match held(&state.db, &kiosk).await {
        Ok(open) => (open.as_deref() == Some(hash(&code).as_str())).then_some(code),
        Err(error) => {
            tracing::error!("the draft of a kiosk: {error}");
            None
        }
    }
}

/// The resume code in a request's cookies, for handlers outside Leptos (document downloads,
/// which a kiosk never serves).
pub fn code_in(headers: &http::HeaderMap) -> Option<String> {
    let value = cookies::value_in(headers, COOKIE)?;
    domain::resume_code::normalise(&value).ok()
}

/// Makes `code` this browser's draft. On a kiosk, until the browser closes or the kiosk resets.
pub async fn remember(db: &Db, code: &str, secure: bool) -> Result<(), sqlx::Error> {
    let lifetime = match cookies::kiosk_token() {
        Some(kiosk) => {
            hold(db, &kiosk, code).await?;
            Lifetime::Browser
        }
        None => Lifetime::Days(MAX_AGE_DAYS),
    };
    cookies::set(COOKIE, code, lifetime, SameSite::Lax, secure);
    Ok(())
}

/// Ends this browser's work on its draft (a kiosk's next citizen), on the server too: the draft
/// itself stays, and opens again only with its resume code.
pub async fn forget(db: &Db, secure: bool) -> Result<(), sqlx::Error> {
    if let Some(kiosk) = cookies::kiosk_token() {
        release(db, &kiosk).await?;
    }
    cookies::set(COOKIE, "", Lifetime::Gone, SameSite::Lax, secure);
    Ok(())
}

fn hash(secret: &str) -> String {
    super::store::code_hash(secret)
}

/// Makes `code` the draft of the kiosk whose token is `kiosk`, instead of any other.
async fn hold(db: &Db, kiosk: &str, code: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO kiosk_drafts (kiosk_token_hash, code_hash) VALUES ($1, $2)
         ON CONFLICT (kiosk_token_hash) DO UPDATE SET code_hash = excluded.code_hash",
    )
    .bind(hash(kiosk))
    .bind(hash(code))
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The hash of the resume code of the kiosk's draft, if it has one.
async fn held(db: &Db, kiosk: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT code_hash FROM kiosk_drafts WHERE kiosk_token_hash = $1")
        .bind(hash(kiosk))
        .fetch_optional(&db.pool)
        .await
}

async fn release(db: &Db, kiosk: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM kiosk_drafts WHERE kiosk_token_hash = $1")
        .bind(hash(kiosk))
        .execute(&db.pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;

    #[tokio::test]
    async fn a_kiosk_holds_one_draft_until_its_reset() {
        for db in databases().await {
            assert_eq!(held(&db, "kiosk-a").await.unwrap(), None);
            hold(&db, "kiosk-a", "AAAA2222BBBB333").await.unwrap();
            hold(&db, "kiosk-b", "CCCC4444DDDD555").await.unwrap();
            // The next citizen's draft takes the place of the one before.
            hold(&db, "kiosk-a", "EEEE6666FFFF777").await.unwrap();
            let held_a = held(&db, "kiosk-a").await.unwrap();
            assert_eq!(held_a, Some(hash("EEEE6666FFFF777")));
            release(&db, "kiosk-a").await.unwrap();
            assert_eq!(held(&db, "kiosk-a").await.unwrap(), None);
            // Another kiosk keeps its own.
            let held_b = held(&db, "kiosk-b").await.unwrap();
            assert_eq!(held_b, Some(hash("CCCC4444DDDD555")));
        }
    }
}
