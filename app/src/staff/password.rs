//! Staff passwords: argon2id (the `argon2` crate's defaults, OWASP's minimum: 19 MiB, 2 passes),
//! stored as a PHC string that carries its salt and parameters.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::Rng;
use std::sync::OnceLock;

/// Hashes a password with a fresh random salt. CPU-heavy (tens of milliseconds): call it
/// through `hash_blocking` from async code.
pub fn hash(password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::rng().fill(&mut salt);
    let salt = SaltString::encode_b64(&salt).expect("16 bytes make a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters hashes any password")
        .to_string()
}

/// Whether `password` matches the stored hash (a malformed hash matches nothing).
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of no one's password, checked when the username is unknown so that a wrong name
/// takes as long as a wrong password (and does not tell which names exist).
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash(&crate::random::letters(20)))
}

pub async fn hash_blocking(password: String) -> String {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .expect("hashing a password does not panic")
}

/// Checks a password against a stored hash, or against the dummy when there is none.
pub async fn verify_blocking(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match stored {
        Some(stored) => verify(&password, &stored),
        None => {
            verify(&password, dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_matches_its_own_hash_only() {
        let stored = hash("mật khẩu đúng 123");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("mật khẩu đúng 123", &stored));
        assert!(!verify("mật khẩu sai 123", &stored));
        // Two hashes of one password differ (random salt).
        assert_ne!(stored, hash("mật khẩu đúng 123"));
        assert!(!verify("anything", "not a hash"));
    }
}
