//! Who is signed in: an HttpOnly, SameSite=Lax cookie holding a random token; the session itself
//! (staff member, expiry) is in the database, so every server instance knows it.

use crate::cookies::{self, Lifetime};
use cookie::SameSite;

pub use crate::identity::{COOKIE, require, session_length, signed_in, token, token_in};

/// Sets the session cookie on the response. No Max-Age: closing the browser forgets it, and
/// the database ends it when left idle, and after `session_length()` anyway.
pub fn remember(token: &str, secure: bool) {
    cookies::set(COOKIE, token, Lifetime::Browser, SameSite::Lax, secure);
}

pub fn forget(secure: bool) {
    cookies::set(COOKIE, "", Lifetime::Gone, SameSite::Lax, secure);
}
