//! Rate limits on guessing resume codes, per client and for everyone. The counters live in the
//! database, so every server instance sees the same ones and a restart forgets nothing.
//!
//! A guess is counted before the code is looked up (so many guesses sent at once are all
//! counted) and given back when the code opens a draft: only wrong or unknown codes use up the
//! allowance, and a citizen who types their code right is never held up by others' mistakes.

use crate::db::Db;
use axum::extract::ConnectInfo;
use chrono::{DateTime, Utc};
use http::request::Parts;
use std::net::{IpAddr, SocketAddr};

/// How many wrong codes are allowed in each window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResumeLimits {
    /// From one client (one IPv4 address, or one IPv6 /64 network).
    pub per_client: i64,
    /// From everyone together: guessing spread over many addresses.
    pub global: i64,
    pub window_secs: i64,
}

impl Default for ResumeLimits {
    fn default() -> Self {
        Self {
            // A citizen copying a code from paper may get it wrong a few times, not ten.
            per_client: 10,
            // Far above the wrong codes a city's citizens type in ten minutes, far below what
            // guessing a 15-character code would need.
            global: 1000,
            window_secs: 600,
        }
    }
}

/// What the counters of resume-code guesses are named after.
const RESUME: &str = "resume";

/// Wrong staff passwords one client (a counter PC, an address) may type per window, whatever the
/// accounts; each account also locks after a few wrong passwords (`staff`).
pub const LOGIN_LIMITS: ResumeLimits = ResumeLimits {
    per_client: 20,
    global: 10_000,
    window_secs: 600,
};

const LOGIN: &str = "login";

/// A guess that was allowed; give it back with `refund` when the code was right.
#[derive(Debug)]
pub struct Guess {
    keys: Vec<String>,
    window_start: i64,
}

#[derive(Debug)]
pub enum Verdict {
    Allowed(Guess),
    /// Too many wrong codes: the citizen is asked to wait a few minutes.
    Limited,
}

/// The start of the fixed window `now` falls in, in Unix seconds.
fn window_start(now: DateTime<Utc>, window_secs: i64) -> i64 {
    let secs = now.timestamp();
    secs - secs.rem_euclid(window_secs.max(1))
}

/// Counts one use of `key` in the window and returns the count so far.
async fn hit(db: &Db, key: &str, window_start: i64) -> Result<i64, sqlx::Error> {
    // A row from an earlier window starts again at 1; a clock slightly behind another
    // instance's counts in the newer window.
    sqlx::query_scalar(
        "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN rate_limits.window_start >= $2
                          THEN rate_limits.count + 1 ELSE 1 END,
             window_start = CASE WHEN rate_limits.window_start >= $2
                                 THEN rate_limits.window_start ELSE $2 END
         RETURNING count",
    )
    .bind(key)
    .bind(window_start)
    .fetch_one(&db.pool)
    .await
}

async fn give_back(db: &Db, key: &str, window_start: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE rate_limits SET count = count - 1
         WHERE key = $1 AND window_start = $2 AND count > 0",
    )
    .bind(key)
    .bind(window_start)
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// Counts a guess of a resume code from `client`, or says it must wait.
pub async fn guess_resume_code(
    db: &Db,
    limits: &ResumeLimits,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Verdict, sqlx::Error> {
    guess(db, limits, RESUME, client, now).await
}

/// The counters of status lookups by dossier code.
const LOOKUP: &str = "lookup";

/// Status lookups are read-mostly and come in crowds (a receipt's QR code scanned by many at
/// once from one office network), so a known code costs no write at all: the counters are only
/// read before the lookup, and only an unknown code is counted (`count_unknown_code`). Guesses
/// sent at once can pass the read together, so a client may overshoot by what it has in flight.
pub async fn lookups_allowed(
    db: &Db,
    limits: &ResumeLimits,
    client: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let start = window_start(now, limits.window_secs);
    let count = |key: String| async move {
        sqlx::query_scalar::<_, i64>(
            "SELECT count FROM rate_limits WHERE key = $1 AND window_start >= $2",
        )
        .bind(key)
        .bind(start)
        .fetch_optional(&db.pool)
        .await
        .map(|count| count.unwrap_or(0))
    };
    Ok(
        count(format!("{LOOKUP}:client:{client}")).await? < limits.per_client
            && count(format!("{LOOKUP}:all")).await? < limits.global,
    )
}

/// Counts a lookup of a code that names no dossier.
pub async fn count_unknown_code(
    db: &Db,
    limits: &ResumeLimits,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let start = window_start(now, limits.window_secs);
    hit(db, &format!("{LOOKUP}:client:{client}"), start).await?;
    hit(db, &format!("{LOOKUP}:all"), start).await?;
    Ok(())
}

/// Counts a staff login attempt from `client` (given back when the password was right).
pub async fn guess_login(
    db: &Db,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Verdict, sqlx::Error> {
    guess(db, &LOGIN_LIMITS, LOGIN, client, now).await
}

async fn guess(
    db: &Db,
    limits: &ResumeLimits,
    scope: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Verdict, sqlx::Error> {
    let start = window_start(now, limits.window_secs);
    let client_key = format!("{scope}:client:{client}");
    let everyone = format!("{scope}:all");
    if hit(db, &client_key, start).await? > limits.per_client {
        // A client already held back does not use up everyone's allowance.
        return Ok(Verdict::Limited);
    }
    if hit(db, &everyone, start).await? > limits.global {
        give_back(db, &client_key, start).await?;
        return Ok(Verdict::Limited);
    }
    Ok(Verdict::Allowed(Guess {
        keys: vec![client_key, everyone],
        window_start: start,
    }))
}

impl Guess {
    /// The code was right: this guess does not count.
    pub async fn refund(self, db: &Db) -> Result<(), sqlx::Error> {
        for key in &self.keys {
            give_back(db, key, self.window_start).await?;
        }
        Ok(())
    }
}

/// Forgets the counters of windows that ended before `before`.
pub async fn forget_old_counts(db: &Db, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(before.timestamp())
        .execute(&db.pool)
        .await
        .map(|done| done.rows_affected())
}

/// Who is asking, for the per-client limit: the address the connection came from, or, behind a
/// trusted reverse proxy, the address it appended last to `X-Forwarded-For` (earlier entries are
/// whatever the client chose to send).
/// The client of a request. `proxies` are the addresses of our own reverse proxies: only a
/// connection from one of them may name the client in `X-Forwarded-For` (anyone else could
/// write any address there and escape the limits).
pub fn client_of(parts: &Parts, proxies: &[IpAddr]) -> String {
    let forwarded = || {
        parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .next_back()
            .and_then(|last| last.trim().parse::<IpAddr>().ok())
    };
    let connected = || {
        parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
    };
    let address = match connected() {
        Some(peer) if proxies.contains(&peer) => forwarded().or(Some(peer)),
        peer => peer,
    };
    match address {
        Some(address) => client_key(address),
        None => "unknown".into(),
    }
}

/// One IPv4 address is one client; an IPv6 client usually holds a whole /64 network.
fn client_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;
    use crate::random::letters as random_letters;

    /// Each test counts under its own name: the test databases are shared.
    fn scope() -> String {
        format!("test-{}", random_letters(10))
    }

    fn limits() -> ResumeLimits {
        ResumeLimits {
            per_client: 3,
            global: 5,
            window_secs: 600,
        }
    }

    async fn allowed(
        db: &Db,
        limits: &ResumeLimits,
        scope: &str,
        client: &str,
        now: DateTime<Utc>,
    ) -> bool {
        matches!(
            guess(db, limits, scope, client, now).await.unwrap(),
            Verdict::Allowed(_)
        )
    }

    #[tokio::test]
    async fn a_client_guessing_wrong_codes_is_held_back_until_the_next_window() {
        for db in databases().await {
            let (limits, now, scope) = (limits(), crate::state::now(), scope());
            for _ in 0..3 {
                assert!(allowed(&db, &limits, &scope, "10.0.0.1", now).await);
            }
            assert!(!allowed(&db, &limits, &scope, "10.0.0.1", now).await);
            // Another citizen is not held back by this one.
            assert!(allowed(&db, &limits, &scope, "10.0.0.2", now).await);
            let later = now + chrono::Duration::seconds(limits.window_secs);
            assert!(allowed(&db, &limits, &scope, "10.0.0.1", later).await);
        }
    }

    #[tokio::test]
    async fn guesses_from_many_clients_are_limited_together() {
        for db in databases().await {
            let (limits, now, scope) = (limits(), crate::state::now(), scope());
            for i in 0..5 {
                assert!(allowed(&db, &limits, &scope, &format!("10.0.1.{i}"), now).await);
            }
            assert!(!allowed(&db, &limits, &scope, "10.0.1.99", now).await);
        }
    }

    #[tokio::test]
    async fn right_codes_do_not_use_up_the_allowance() {
        for db in databases().await {
            let (limits, now, scope) = (limits(), crate::state::now(), scope());
            for _ in 0..10 {
                match guess(&db, &limits, &scope, "10.0.2.1", now).await.unwrap() {
                    Verdict::Allowed(guess) => guess.refund(&db).await.unwrap(),
                    Verdict::Limited => panic!("a citizen with the right code was held back"),
                }
            }
        }
    }

    #[tokio::test]
    async fn lookups_are_held_back_after_unknown_codes_only() {
        for db in databases().await {
            let (limits, now) = (limits(), crate::state::now());
            let client = format!("10.9.{}", random_letters(6));
            // Known codes are never counted: any number of them.
            for _ in 0..20 {
                assert!(lookups_allowed(&db, &limits, &client, now).await.unwrap());
            }
            for _ in 0..3 {
                assert!(lookups_allowed(&db, &limits, &client, now).await.unwrap());
                count_unknown_code(&db, &limits, &client, now)
                    .await
                    .unwrap();
            }
            assert!(!lookups_allowed(&db, &limits, &client, now).await.unwrap());
            let later = now + chrono::Duration::seconds(limits.window_secs);
            assert!(lookups_allowed(&db, &limits, &client, later).await.unwrap());
        }
    }

    #[test]
    fn an_ipv6_client_is_its_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_eq!(client_key("::ffff:10.1.2.3".parse().unwrap()), "10.1.2.3");
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let request = http::Request::builder()
            .header("x-forwarded-for", "1.1.1.1, 203.0.113.7")
            .body(())
            .unwrap();
        let (mut parts, ()) = request.into_parts();
        parts
            .extensions
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 5000))));
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(client_of(&parts, &[loopback]), "203.0.113.7");
        assert_eq!(client_of(&parts, &[]), "127.0.0.1");
        // A connection from anywhere else names itself, whatever it writes.
        let proxy: IpAddr = "10.0.0.5".parse().unwrap();
        assert_eq!(client_of(&parts, &[proxy]), "127.0.0.1");
        parts
            .extensions
            .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 5], 5000))));
        assert_eq!(client_of(&parts, &[proxy]), "203.0.113.7");
    }
}
