//! The limits on both engines: guesses, networks, daily allowances, forwarded clients.

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
        slow_down_ms: 0,
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
async fn guesses_from_many_clients_slow_down_but_never_lock_anyone_out() {
    for db in databases().await {
        let (limits, now, scope) = (limits(), crate::state::now(), scope());
        for i in 0..5 {
            match guess(&db, &limits, &scope, &format!("10.0.1.{i}"), now)
                .await
                .unwrap()
            {
                Verdict::Allowed(guess) => assert!(!guess.slowed),
                Verdict::Limited => panic!("held back under the global count"),
            }
        }
        // Everyone's count is spent: a citizen who has made no mistake is slowed, not refused.
        match guess(&db, &limits, &scope, "10.0.1.99", now).await.unwrap() {
            Verdict::Allowed(guess) => assert!(guess.slowed),
            Verdict::Limited => panic!("a citizen was refused for other people's mistakes"),
        }
    }
}

#[tokio::test]
async fn an_ipv6_holder_cannot_escape_by_changing_its_slash_64() {
    for db in databases().await {
        let (limits, now, scope) = (limits(), crate::state::now(), scope());
        // One /56 is allowed four /64s' worth (12 guesses), spread over any of its /64s.
        for i in 0..12 {
            let client = format!("2001:db8:7:{i:x}::1");
            assert!(
                allowed(&db, &limits, &scope, &client, now).await,
                "{client}"
            );
        }
        assert!(!allowed(&db, &limits, &scope, "2001:db8:7:20::1", now).await);
        // A neighbour in another /56 of the same /48 is not held back.
        assert!(allowed(&db, &limits, &scope, "2001:db8:7:100::1", now).await);
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

#[tokio::test]
async fn lookups_go_on_when_everyone_s_unknown_codes_pass_the_global_count() {
    for db in databases().await {
        let (limits, now) = (limits(), crate::state::now());
        let prefix = format!("10.8.{}", random_letters(6));
        for i in 0..limits.global + 2 {
            count_unknown_code(&db, &limits, &format!("{prefix}.{i}"), now)
                .await
                .unwrap();
        }
        let fresh = format!("{prefix}.fresh");
        assert!(lookups_allowed(&db, &limits, &fresh, now).await.unwrap());
    }
}

#[tokio::test]
async fn a_daily_allowance_refuses_what_would_pass_it_and_takes_nothing_then() {
    for db in databases().await {
        let now = crate::state::now();
        let who = format!("test-{}", random_letters(8));
        let allowance = Allowance {
            scope: "test",
            per_day: 100,
        };
        assert!(take(&db, &allowance, &who, 60, now).await.unwrap());
        assert!(!take(&db, &allowance, &who, 60, now).await.unwrap());
        // What was refused was not taken: the rest is still there.
        assert!(take(&db, &allowance, &who, 40, now).await.unwrap());
        assert!(!take(&db, &allowance, &who, 1, now).await.unwrap());
        let tomorrow = now + chrono::Duration::days(1);
        assert!(take(&db, &allowance, &who, 100, tomorrow).await.unwrap());
    }
}

#[test]
fn an_ipv6_client_is_counted_by_its_networks() {
    let a = client_key("2001:db8:1:2:aaaa::1".parse().unwrap());
    let b = client_key("2001:db8:1:2:bbbb::9".parse().unwrap());
    assert_eq!(networks(&a, 10), networks(&b, 10));
    assert_eq!(
        networks(&a, 10),
        vec![
            ("2001:db8:1:2::/64".to_string(), 10),
            ("2001:db8:1:0::/56".to_string(), 40),
            ("2001:db8:1::/48".to_string(), 160),
        ]
    );
    assert_eq!(client_key("::ffff:10.1.2.3".parse().unwrap()), "10.1.2.3");
    assert_eq!(networks("10.1.2.3", 10), vec![("10.1.2.3".to_string(), 10)]);
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
