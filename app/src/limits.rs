//! Rate limits on guessing resume codes, per client and for everyone. The counters live in the
//! database, so every server instance sees the same ones and a restart forgets nothing.
//!
//! A guess is counted before the code is looked up (so many guesses sent at once are all
//! counted) and given back when the code opens a draft: only wrong or unknown codes use up the
//! allowance. Only a client's own wrong guesses hold it back: when everyone's together pass the
//! global count (guessing spread over many addresses), answers slow down and the log says so,
//! but a right code or password is never refused because of other people's mistakes.

use crate::db::Db;
use axum::extract::ConnectInfo;
use chrono::{DateTime, Utc};
use http::request::Parts;
use std::net::{IpAddr, SocketAddr};

/// How many wrong codes are allowed in each window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResumeLimits {
    /// From one client (one IPv4 address, or one IPv6 /64 network; a /56 may make four times
    /// as many, a /48 sixteen times, since one holder may spread over its whole network).
    pub per_client: i64,
    /// From everyone together: guessing spread over many addresses. Past it, every guess waits
    /// `slow_down_ms` before its answer, and the log raises an alert.
    pub global: i64,
    pub window_secs: i64,
    pub slow_down_ms: u64,
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
            // Long enough to make guessing from many addresses a hundred times slower, short
            // enough for a citizen to wait through once.
            slow_down_ms: 2000,
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
    slow_down_ms: 2000,
};

const LOGIN: &str = "login";

/// A guess that was allowed; give it back with `refund` when the code was right.
#[derive(Debug)]
pub struct Guess {
    keys: Vec<String>,
    window_start: i64,
    /// Everyone's wrong guesses passed the global count: this answer was slowed down.
    pub slowed: bool,
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
    add(db, key, window_start, 1).await
}

/// Adds `amount` uses of `key` in the window and returns the count so far.
async fn add(db: &Db, key: &str, window_start: i64, amount: i64) -> Result<i64, sqlx::Error> {
    // A row from an earlier window starts again; a clock slightly behind another instance's
    // counts in the newer window.
    sqlx::query_scalar(
        "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN rate_limits.window_start >= $2
                          THEN rate_limits.count + $3 ELSE $3 END,
             window_start = CASE WHEN rate_limits.window_start >= $2
                                 THEN rate_limits.window_start ELSE $2 END
         RETURNING count",
    )
    .bind(key)
    .bind(window_start)
    .bind(amount)
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

/// What the counters of short codes typed on a citizen's phone (confirming a filing made with
/// help) are named after.
const PHONE: &str = "phone";

/// Counts a guess of a phone confirmation's code or token from `client`, or says it must wait;
/// given back when the code is right, as for resume codes.
pub async fn guess_phone_code(
    db: &Db,
    limits: &ResumeLimits,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Verdict, sqlx::Error> {
    guess(db, limits, PHONE, client, now).await
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
    for (network, allowance) in networks(client, limits.per_client) {
        if count(format!("{LOOKUP}:client:{network}")).await? >= allowance {
            return Ok(false);
        }
    }
    if count(format!("{LOOKUP}:all")).await? >= limits.global {
        slow_down(limits, LOOKUP).await;
    }
    Ok(true)
}

/// Counts a lookup of a code that names no dossier.
pub async fn count_unknown_code(
    db: &Db,
    limits: &ResumeLimits,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let start = window_start(now, limits.window_secs);
    for (network, _) in networks(client, limits.per_client) {
        hit(db, &format!("{LOOKUP}:client:{network}"), start).await?;
    }
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
    let mut keys = Vec::new();
    for (network, allowance) in networks(client, limits.per_client) {
        let key = format!("{scope}:client:{network}");
        let count = hit(db, &key, start).await?;
        keys.push(key);
        if count > allowance {
            // A client already held back does not use up anyone else's allowance.
            for key in &keys {
                give_back(db, key, start).await?;
            }
            return Ok(Verdict::Limited);
        }
    }
    let everyone = format!("{scope}:all");
    let slowed = hit(db, &everyone, start).await? > limits.global;
    if slowed {
        slow_down(limits, scope).await;
    }
    keys.push(everyone);
    Ok(Verdict::Allowed(Guess {
        keys,
        window_start: start,
        slowed,
    }))
}

/// Everyone's wrong guesses together passed the global count: someone guesses from many
/// addresses. Holding each answer back makes that slow; refusing would lock citizens out.
async fn slow_down(limits: &ResumeLimits, scope: &str) {
    tracing::warn!(
        scope,
        "alert: wrong guesses from many clients passed the global count; answers are slowed down"
    );
    tokio::time::sleep(std::time::Duration::from_millis(limits.slow_down_ms)).await;
}

/// The networks a client's guesses count against, each with its allowance: an IPv4 address
/// alone; an IPv6 client's /64, /56 and /48 (a home or office gets a whole /56 or /48, so one
/// holder could otherwise take a fresh /64 for every few guesses).
fn networks(client: &str, per_client: i64) -> Vec<(String, i64)> {
    match client.parse::<std::net::Ipv6Addr>() {
        Ok(v6) => {
            let s = v6.segments();
            vec![
                (
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]),
                    per_client,
                ),
                (
                    format!("{:x}:{:x}:{:x}:{:x}::/56", s[0], s[1], s[2], s[3] & 0xff00),
                    per_client * 4,
                ),
                (
                    format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2]),
                    per_client * 16,
                ),
            ]
        }
        Err(_) => vec![(client.to_string(), per_client)],
    }
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

/// How much of something one client, or one phone number, may use in a day: new drafts,
/// bytes of documents, submissions, SMS. Far above what a citizen, a family or an office's
/// shared connection needs; far below what fills the disk, buries a clerk's queue or turns the
/// office's SMS sender into someone's spam.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allowance {
    scope: &'static str,
    pub per_day: i64,
}

static SCALE: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(1);

/// Multiplies every daily allowance (`MC_DAILY_ALLOWANCES_SCALE`, set at start): an office
/// whose counters, kiosks and citizens' phones all reach us from one address needs more.
pub fn scale_daily_allowances(factor: i64) {
    SCALE.store(factor.max(1), std::sync::atomic::Ordering::Relaxed);
}

impl Allowance {
    /// The allowance a day, scaled (a draft's one submission is never scaled).
    pub fn per_day(&self) -> i64 {
        match self.scope {
            "submitting" => self.per_day,
            _ => self
                .per_day
                .saturating_mul(SCALE.load(std::sync::atomic::Ordering::Relaxed)),
        }
    }
}

/// New drafts from one client (an address, or an IPv6 /64) a day.
pub const DRAFTS_PER_CLIENT: Allowance = Allowance {
    scope: "drafts",
    per_day: 200,
};
/// Bytes of documents one client may send a day (a dossier holds at most 30 MB).
pub const UPLOAD_BYTES_PER_CLIENT: Allowance = Allowance {
    scope: "upload-bytes",
    per_day: 600 * 1024 * 1024,
};
/// Dossiers submitted from one client a day.
pub const SUBMISSIONS_PER_CLIENT: Allowance = Allowance {
    scope: "submissions",
    per_day: 60,
};
/// Dossiers submitted a day that give one phone number (a family files a few, not dozens).
pub const SUBMISSIONS_PER_PHONE: Allowance = Allowance {
    scope: "submissions-phone",
    per_day: 6,
};
/// A draft counts once against the submission allowances, however often its button is pressed
/// (a double tap, a retry after a network error, many tabs at once).
pub const SUBMISSION_OF_DRAFT: Allowance = Allowance {
    scope: "submitting",
    per_day: 1,
};
/// SMS the office sends one number a day, whatever caused them.
pub const SMS_PER_PHONE: Allowance = Allowance {
    scope: "sms",
    per_day: 12,
};

/// Confirmation codes sent by SMS for one draft filed with help, a day: a citizen whose code
/// did not arrive may ask again twice; then paper.
pub const CONFIRMATION_CODES_PER_DRAFT: Allowance = Allowance {
    scope: "confirm-codes-draft",
    per_day: 3,
};
/// Confirmation codes sent to one phone number a day, whichever drafts asked.
pub const CONFIRMATION_CODES_PER_PHONE: Allowance = Allowance {
    scope: "confirm-codes-phone",
    per_day: 5,
};

/// Takes `amount` of `allowance` for `who` today, or says there is not enough left (and then
/// takes nothing). Counted in the database: every server sees the same counts.
pub async fn take(
    db: &Db,
    allowance: &Allowance,
    who: &str,
    amount: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let start = window_start(now, 86_400);
    let key = format!("{}:{who}", allowance.scope);
    let used = add(db, &key, start, amount).await?;
    if used > allowance.per_day() {
        add(db, &key, start, -amount).await?;
        tracing::warn!(
            scope = allowance.scope,
            who,
            "alert: a daily allowance is used up"
        );
        return Ok(false);
    }
    Ok(true)
}

/// A client's key for `take`: its IPv6 /64, or its address.
pub fn daily_key(client: &str) -> String {
    networks(client, 1)
        .into_iter()
        .next()
        .map(|(network, _)| network)
        .unwrap_or_default()
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

/// An IPv4-mapped IPv6 address is its IPv4 address; `networks` groups IPv6 clients.
fn client_key(address: IpAddr) -> String {
    match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => v6.to_string(),
        },
        IpAddr::V4(v4) => v4.to_string(),
    }
}

#[cfg(test)]
mod tests;
