use super::*;
use Action as A;
use Status as S;

/// Every allowed move, written out once: anything not here must be refused.
const ALLOWED: &[(Status, Action, Status)] = &[
    (S::Submitted, A::Receive, S::Received),
    (S::Submitted, A::RequestCompletion, S::CompletionRequested),
    (S::Submitted, A::RefuseIntake, S::NotReceived),
    (S::Submitted, A::Withdraw, S::Withdrawn),
    (S::CompletionRequested, A::ProvideSupplement, S::Submitted),
    (S::CompletionRequested, A::RefuseIntake, S::NotReceived),
    (S::CompletionRequested, A::Withdraw, S::Withdrawn),
    (S::Received, A::StartProcessing, S::Processing),
    (S::Received, A::RequestSupplement, S::SupplementRequested),
    (S::Received, A::Stop, S::Stopped),
    (S::Received, A::Withdraw, S::Withdrawn),
    (S::Received, A::ApologiseLate, S::Received),
    (S::Processing, A::RequestSupplement, S::SupplementRequested),
    (S::Processing, A::RequestPayment, S::FinancialObligation),
    (S::Processing, A::Stop, S::Stopped),
    (S::Processing, A::MarkDone, S::Done),
    (S::Processing, A::Withdraw, S::Withdrawn),
    (S::Processing, A::ApologiseLate, S::Processing),
    (S::SupplementRequested, A::ProvideSupplement, S::Processing),
    (S::SupplementRequested, A::Stop, S::Stopped),
    (S::SupplementRequested, A::Withdraw, S::Withdrawn),
    (
        S::SupplementRequested,
        A::ApologiseLate,
        S::SupplementRequested,
    ),
    (S::FinancialObligation, A::ConfirmPayment, S::Processing),
    (S::FinancialObligation, A::Stop, S::Stopped),
    (S::FinancialObligation, A::Withdraw, S::Withdrawn),
    (
        S::FinancialObligation,
        A::ApologiseLate,
        S::FinancialObligation,
    ),
    (S::Done, A::ReturnResult, S::ResultReturned),
];

#[test]
fn every_allowed_move_lands_where_the_design_says() {
    for &(from, action, to) in ALLOWED {
        assert_eq!(next(from, action), Ok(to), "{from:?} --{action:?}-->");
    }
}

#[test]
fn every_other_move_is_forbidden() {
    let mut forbidden = 0;
    for from in ALL_STATUSES {
        for action in ALL_ACTIONS {
            if ALLOWED.iter().any(|&(f, a, _)| f == from && a == action) {
                continue;
            }
            assert_eq!(
                next(from, action),
                Err(Forbidden { from, action }),
                "{from:?} --{action:?}--> should be refused"
            );
            forbidden += 1;
        }
    }
    assert_eq!(
        forbidden,
        ALL_STATUSES.len() * ALL_ACTIONS.len() - ALLOWED.len()
    );
}

#[test]
fn closed_dossiers_cannot_move_at_all() {
    for from in [S::ResultReturned, S::NotReceived, S::Stopped, S::Withdrawn] {
        assert!(!from.is_open());
        assert!(allowed(from, Actor::Staff).is_empty(), "{from:?}");
        assert!(allowed(from, Actor::Citizen).is_empty(), "{from:?}");
    }
}

#[test]
fn not_received_and_stopped_are_different_outcomes_with_their_forms() {
    assert_eq!(next(S::Submitted, A::RefuseIntake), Ok(S::NotReceived));
    assert_eq!(next(S::Processing, A::Stop), Ok(S::Stopped));
    // Nothing received can be "not received", nothing unreceived can be "stopped".
    assert!(next(S::Processing, A::RefuseIntake).is_err());
    assert!(next(S::Submitted, A::Stop).is_err());
    assert_eq!(A::RefuseIntake.form(), Some(3));
    assert_eq!(A::Stop.form(), Some(5));
    assert_eq!(S::NotReceived.portal_code(), 3);
    assert_eq!(S::Stopped.portal_code(), 8);
    assert_eq!(split_refusal(false), S::NotReceived);
    assert_eq!(split_refusal(true), S::Stopped);
}

#[test]
fn a_dossier_can_be_completed_before_reception_without_a_clock() {
    let asked = next(S::Submitted, A::RequestCompletion).unwrap();
    assert!(!asked.is_received() && !asked.can_be_late());
    assert_eq!(next(asked, A::ProvideSupplement), Ok(S::Submitted));
    // Late only once received: no apology before the clock runs.
    assert!(next(S::Submitted, A::ApologiseLate).is_err());
    assert!(next(S::CompletionRequested, A::ApologiseLate).is_err());
}

#[test]
fn portal_codes_run_from_one_to_ten() {
    let mut codes: Vec<u8> = ALL_STATUSES.iter().map(|s| s.portal_code()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes, (1..=10).collect::<Vec<u8>>());
}

#[test]
fn a_done_dossier_can_only_be_returned() {
    assert_eq!(allowed(S::Done, Actor::Staff), vec![A::ReturnResult]);
    assert!(allowed(S::Done, Actor::Citizen).is_empty());
}

#[test]
fn the_citizen_can_only_withdraw_or_supply() {
    assert_eq!(
        allowed(S::SupplementRequested, Actor::Citizen),
        vec![A::ProvideSupplement, A::Withdraw]
    );
    assert_eq!(
        allowed(S::CompletionRequested, Actor::Citizen),
        vec![A::ProvideSupplement, A::Withdraw]
    );
    assert_eq!(allowed(S::Processing, Actor::Citizen), vec![A::Withdraw]);
}

#[test]
fn the_clock_stops_while_the_citizen_owes_something() {
    for status in ALL_STATUSES {
        assert_eq!(
            status.clock_paused(),
            matches!(status, S::SupplementRequested | S::FinancialObligation),
            "{status:?}"
        );
    }
}

#[test]
fn names_round_trip_and_are_distinct() {
    for status in ALL_STATUSES {
        assert_eq!(Status::parse(status.as_str()), Some(status));
    }
    for action in ALL_ACTIONS {
        assert_eq!(Action::parse(action.as_str()), Some(action));
    }
    assert_eq!(Status::parse("submitted"), Some(S::Submitted));
    assert_eq!(Status::parse("refused"), None);
}

#[test]
fn a_refusal_says_what_and_why_in_vietnamese() {
    let error = next(S::Done, A::RequestSupplement).unwrap_err();
    assert_eq!(
        error.words(&crate::test_texts::VI),
        "Không thể “Yêu cầu bổ sung” khi hồ sơ đang ở trạng thái “Đã có kết quả, chờ trả”."
    );
}

#[test]
fn every_text_reads_in_both_languages() {
    let en = |key: &str| rust_i18n::t!(key, locale = "en").into_owned();
    let vi = |key: &str| rust_i18n::t!(key, locale = "vi").into_owned();
    for status in ALL_STATUSES {
        for key in [status.label_key(), status.next_step_key()] {
            assert_ne!(en(key), key, "{key} has no English");
            assert_ne!(en(key), vi(key), "{key} is not translated");
        }
    }
    for action in ALL_ACTIONS {
        assert_ne!(en(action.button_key()), action.button_key(), "{action:?}");
        assert_ne!(
            en(action.button_key()),
            vi(action.button_key()),
            "{action:?}"
        );
    }
    assert_eq!(vi(S::Processing.label_key()), "Đang xử lý");
    assert_eq!(en(S::Processing.label_key()), "Being processed");
    assert_eq!(vi(S::NotReceived.label_key()), "Không được tiếp nhận");
    assert_eq!(vi(S::Stopped.label_key()), "Dừng xử lý");
    assert_eq!(en(A::Receive.button_key()), "Receive the dossier");
    assert_eq!(
        crate::texts::fill(
            &en("action.forbidden"),
            &[
                ("action", &en(A::RequestSupplement.button_key())),
                ("status", &en(S::Done.label_key())),
            ]
        ),
        "“Ask for more documents” is not possible while the dossier’s status is “Result ready, waiting to be collected”."
    );
}
