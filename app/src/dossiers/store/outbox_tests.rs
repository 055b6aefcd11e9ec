//! The outbox on both engines: retries with backoff, and claims that let several servers send
//! each message once.

use super::tests::{sms, submitted};
use super::*;
use crate::db::testing::databases;
use chrono::Duration;

#[tokio::test]
async fn a_failing_message_is_retried_later_then_given_up() {
    for db in databases().await {
        let code = submitted(&db).await;
        let now = crate::state::now();
        let queued = due_messages(&db, now + Duration::seconds(1), 10)
            .await
            .unwrap();
        let message = queued
            .iter()
            .find(|m| m.dossier_code == code)
            .unwrap()
            .clone();
        record_delivery(&db, &message, &Delivery::Failed("timeout".into()), now)
            .await
            .unwrap();
        // Not due again at once: after the backoff.
        let soon = due_messages(&db, now + Duration::seconds(5), 100)
            .await
            .unwrap();
        assert!(soon.iter().all(|m| m.id != message.id));
        let later = due_messages(&db, now + backoff(1) + Duration::seconds(1), 100)
            .await
            .unwrap();
        let again = later.into_iter().find(|m| m.id == message.id).unwrap();
        assert_eq!(again.attempts, 1);
        assert_eq!(again.last_error.as_deref(), Some("timeout"));
        record_delivery(&db, &again, &Delivery::Sent, now)
            .await
            .unwrap();
        let sent = messages_of(&db, &code).await.unwrap().pop().unwrap();
        assert_eq!((sent.state.as_str(), sent.attempts), ("sent", 2));

        // A message that keeps failing is given up after MAX_ATTEMPTS.
        enqueue_all(&db, &code, &[sms("again")], now).await.unwrap();
        for _ in 0..MAX_ATTEMPTS {
            let far = now + Duration::days(30);
            let due = due_messages(&db, far, 100).await.unwrap();
            let message = due.into_iter().find(|m| m.body == "again").unwrap();
            record_delivery(&db, &message, &Delivery::Failed("down".into()), now)
                .await
                .unwrap();
        }
        let failed = messages_of(&db, &code)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.body == "again")
            .unwrap();
        assert_eq!(
            (failed.state.as_str(), failed.attempts),
            ("failed", MAX_ATTEMPTS)
        );
    }
}

#[test]
fn the_backoff_grows_and_stops_growing() {
    assert_eq!(backoff(0), Duration::seconds(30));
    assert_eq!(backoff(1), Duration::seconds(60));
    assert_eq!(backoff(3), Duration::seconds(240));
    assert_eq!(backoff(15), Duration::hours(4));
}

/// Every claim's lease runs out now (as if its worker had stalled for longer than the lease).
async fn lapse_all_claims(db: &Db) {
    sqlx::query(
        "UPDATE outbox SET claimed_until = '2000-01-01T00:00:00.000000Z'
         WHERE claimed_until IS NOT NULL",
    )
    .execute(&db.pool)
    .await
    .unwrap();
}

fn ids(messages: &[QueuedMessage]) -> Vec<String> {
    let mut ids: Vec<String> = messages.iter().map(|m| m.id.clone()).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn two_workers_claiming_at_once_never_get_the_same_message_and_a_lapsed_claim_is_retried() {
    for db in databases().await {
        let code = submitted(&db).await;
        let now = Utc::now() + Duration::seconds(1);
        let more: Vec<Outgoing> = (0..9).map(|n| sms(&format!("m{n}"))).collect();
        enqueue_all(&db, &code, &more, now - Duration::seconds(1))
            .await
            .unwrap();
        let lease = 60;
        let (a, b) = tokio::join!(claim_due(&db, now, lease, 6), claim_due(&db, now, lease, 6));
        let (a, b) = (a.unwrap().messages, b.unwrap().messages);
        let mut ids: Vec<&str> = a.iter().chain(&b).map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids.len(),
            10,
            "every message claimed once: {} + {}",
            a.len(),
            b.len()
        );
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 10, "no message claimed twice");
        // Claimed: nobody else gets them while the lease holds.
        assert!(nothing_due(&db, now, lease, 50).await);
        // A worker died after claiming `a`: after the lease, another worker retries them, with
        // the same ids (the gateway's idempotency key).
        for message in &b {
            record_delivery(&db, message, &Delivery::Sent, now)
                .await
                .unwrap();
        }
        lapse_all_claims(&db).await;
        let again = claim_due(&db, now, lease, 50).await.unwrap().messages;
        assert_eq!(self::ids(&again), self::ids(&a));
    }
}

#[tokio::test]
async fn a_worker_whose_claim_lapsed_may_not_send_and_the_new_owner_may() {
    for db in databases().await {
        let code = submitted(&db).await;
        let now = Utc::now() + Duration::seconds(1);
        enqueue_all(
            &db,
            &code,
            &[sms("m1"), sms("m2")],
            now - Duration::seconds(1),
        )
        .await
        .unwrap();
        let slow = claim_due(&db, now, CLAIM_LEASE_SECS, 50).await.unwrap();
        assert_eq!(slow.messages.len(), 3);
        // While its lease holds, the worker renews before each send.
        assert!(
            renew_claim(&db, &slow, &slow.messages[0], CLAIM_LEASE_SECS)
                .await
                .unwrap()
        );
        // It stalls (a slow gateway) past its lease; another server takes the messages over.
        lapse_all_claims(&db).await;
        let taker = claim_due(&db, now, CLAIM_LEASE_SECS, 50).await.unwrap();
        assert_eq!(ids(&taker.messages), ids(&slow.messages));
        for message in &slow.messages {
            assert!(
                !renew_claim(&db, &slow, message, CLAIM_LEASE_SECS)
                    .await
                    .unwrap(),
                "the stalled worker must not send {}",
                message.body
            );
        }
        for message in &taker.messages {
            assert!(
                renew_claim(&db, &taker, message, CLAIM_LEASE_SECS)
                    .await
                    .unwrap()
            );
        }
        // Once sent and recorded, not even its owner renews it: it is not sent again.
        record_delivery(&db, &taker.messages[0], &Delivery::Sent, now)
            .await
            .unwrap();
        assert!(
            !renew_claim(&db, &taker, &taker.messages[0], CLAIM_LEASE_SECS)
                .await
                .unwrap()
        );
        // A lapsed claim nobody took yet is not renewed either: another may be taking it now.
        lapse_all_claims(&db).await;
        assert!(
            !renew_claim(&db, &taker, &taker.messages[1], CLAIM_LEASE_SECS)
                .await
                .unwrap()
        );
    }
}

#[tokio::test]
async fn a_server_whose_clock_runs_ahead_does_not_take_messages_another_holds() {
    for db in databases().await {
        submitted(&db).await;
        let now = Utc::now() + Duration::seconds(1);
        let held = claim_due(&db, now, CLAIM_LEASE_SECS, 50).await.unwrap();
        assert_eq!(held.messages.len(), 1);
        // The lease is measured by the database's clock, not by each server's.
        let ahead = now + Duration::seconds(CLAIM_LEASE_SECS + 60);
        assert!(nothing_due(&db, ahead, CLAIM_LEASE_SECS, 50).await);
    }
}

#[tokio::test]
async fn claims_given_back_by_a_stopping_worker_are_sent_at_once_by_another() {
    for db in databases().await {
        let code = submitted(&db).await;
        let now = Utc::now() + Duration::seconds(1);
        let mine = claim_due(&db, now, CLAIM_LEASE_SECS, 50).await.unwrap();
        assert_eq!(mine.messages.len(), 1);
        assert!(nothing_due(&db, now, CLAIM_LEASE_SECS, 50).await);
        release_claims(&db, &mine, &mine.messages).await.unwrap();
        let theirs = claim_due(&db, now, CLAIM_LEASE_SECS, 50).await.unwrap();
        assert_eq!(
            theirs.messages, mine.messages,
            "the message of {code}, claimed again before the lease ends"
        );
        // A claim that is no longer ours (it lapsed, another took it) is not given back.
        release_claims(&db, &mine, &mine.messages).await.unwrap();
        assert!(nothing_due(&db, now, CLAIM_LEASE_SECS, 50).await);
    }
}

/// Whether a worker claiming now would get nothing.
async fn nothing_due(db: &Db, now: DateTime<Utc>, lease: i64, most: i64) -> bool {
    claim_due(db, now, lease, most)
        .await
        .unwrap()
        .messages
        .is_empty()
}
