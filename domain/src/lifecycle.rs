//! The dossier lifecycle (DESIGN.md "Dossier lifecycle") as a state machine: which action may
//! move a dossier from which status, and where it lands. Pure functions, shared by the clerk's
//! pages, the citizen's lookup and the store, so no page offers a move the store would refuse.

use crate::Texts;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    /// Sent online, waiting for the office to take it in.
    Submitted,
    /// Taken in by the office, receipt issued.
    Received,
    Processing,
    /// Waiting for the citizen to bring or upload something: the clock is paused.
    SupplementRequested,
    Done,
    ResultReturned,
    Refused,
    Withdrawn,
}

pub const ALL_STATUSES: [Status; 8] = [
    Status::Submitted,
    Status::Received,
    Status::Processing,
    Status::SupplementRequested,
    Status::Done,
    Status::ResultReturned,
    Status::Refused,
    Status::Withdrawn,
];

impl Status {
    /// How the database stores it (`dossiers.status`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Received => "received",
            Status::Processing => "processing",
            Status::SupplementRequested => "supplement",
            Status::Done => "done",
            Status::ResultReturned => "returned",
            Status::Refused => "refused",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        ALL_STATUSES.into_iter().find(|s| s.as_str() == text)
    }

    /// The translation key of `label` (messages to the citizen take it in Vietnamese).
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Submitted => "status.submitted",
            Status::Received => "status.received",
            Status::Processing => "status.processing",
            Status::SupplementRequested => "status.supplement",
            Status::Done => "status.done",
            Status::ResultReturned => "status.returned",
            Status::Refused => "status.refused",
            Status::Withdrawn => "status.withdrawn",
        }
    }

    /// The translation key of `next_step`.
    pub fn next_step_key(self) -> &'static str {
        match self {
            Status::Submitted => "status.next.submitted",
            Status::Received | Status::Processing => "status.next.in_progress",
            Status::SupplementRequested => "status.next.supplement",
            Status::Done => "status.next.done",
            Status::ResultReturned => "status.next.returned",
            Status::Refused => "status.next.refused",
            Status::Withdrawn => "status.next.withdrawn",
        }
    }

    /// Still in the office's hands: counts towards its workload and can be late.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Submitted | Status::Received | Status::Processing | Status::SupplementRequested
        )
    }

    /// The clock is stopped while the citizen owes a document.
    pub fn clock_paused(self) -> bool {
        self == Status::SupplementRequested
    }
}

/// Who may take an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Staff,
    Citizen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// Take the dossier in and issue the receipt.
    Receive,
    StartProcessing,
    /// Ask the citizen for what is missing (in plain words); the clock pauses.
    RequestSupplement,
    /// The citizen brought or uploaded what was missing; the clock runs again.
    ProvideSupplement,
    /// Refuse, with a reason.
    Refuse,
    MarkDone,
    ReturnResult,
    /// The citizen takes the dossier back.
    Withdraw,
    /// A late dossier: apologise and give a new due date. The status does not change.
    ApologiseLate,
}

pub const ALL_ACTIONS: [Action; 9] = [
    Action::Receive,
    Action::StartProcessing,
    Action::RequestSupplement,
    Action::ProvideSupplement,
    Action::Refuse,
    Action::MarkDone,
    Action::ReturnResult,
    Action::Withdraw,
    Action::ApologiseLate,
];

impl Action {
    /// How forms and the event history name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Receive => "receive",
            Action::StartProcessing => "process",
            Action::RequestSupplement => "supplement",
            Action::ProvideSupplement => "supplied",
            Action::Refuse => "refuse",
            Action::MarkDone => "done",
            Action::ReturnResult => "return",
            Action::Withdraw => "withdraw",
            Action::ApologiseLate => "apologise",
        }
    }

    pub fn parse(text: &str) -> Option<Action> {
        ALL_ACTIONS.into_iter().find(|a| a.as_str() == text)
    }

    /// The translation key of `button` (the audit log takes it in Vietnamese).
    pub fn button_key(self) -> &'static str {
        match self {
            Action::Receive => "action.receive",
            Action::StartProcessing => "action.process",
            Action::RequestSupplement => "action.supplement",
            Action::ProvideSupplement => "action.supplied",
            Action::Refuse => "action.refuse",
            Action::MarkDone => "action.done",
            Action::ReturnResult => "action.return",
            Action::Withdraw => "action.withdraw",
            Action::ApologiseLate => "action.apologise",
        }
    }

    pub fn actor(self) -> Actor {
        match self {
            Action::Withdraw => Actor::Citizen,
            // The citizen uploads online, or the clerk records what was brought to the counter.
            Action::ProvideSupplement => Actor::Citizen,
            _ => Actor::Staff,
        }
    }

    /// Actions that need words from the clerk: what is missing, why refused, why late.
    pub fn needs_note(self) -> bool {
        matches!(
            self,
            Action::RequestSupplement | Action::Refuse | Action::ApologiseLate
        )
    }
}

/// An action the dossier's status does not allow (its words: `action.forbidden`, at the edge).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Forbidden {
    pub from: Status,
    pub action: Action,
}

impl Forbidden {
    /// What the clerk reads: which button cannot be pressed, and the dossier's status.
    pub fn words(&self, t: &dyn Texts) -> String {
        t.text(
            "action.forbidden",
            &[
                ("action", &t.text(self.action.button_key(), &[])),
                ("status", &t.text(self.from.label_key(), &[])),
            ],
        )
    }
}

impl std::fmt::Display for Forbidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} is not possible in {:?}", self.action, self.from)
    }
}

impl std::error::Error for Forbidden {}

/// Where `action` takes a dossier in `from`, or why it cannot.
pub fn next(from: Status, action: Action) -> Result<Status, Forbidden> {
    use Action as A;
    use Status as S;
    let to = match (from, action) {
        (S::Submitted, A::Receive) => S::Received,
        (S::Received, A::StartProcessing) => S::Processing,
        (S::Received | S::Processing, A::RequestSupplement) => S::SupplementRequested,
        (S::SupplementRequested, A::ProvideSupplement) => S::Processing,
        (S::Submitted | S::Received | S::Processing | S::SupplementRequested, A::Refuse) => {
            S::Refused
        }
        (S::Processing, A::MarkDone) => S::Done,
        (S::Done, A::ReturnResult) => S::ResultReturned,
        (S::Submitted | S::Received | S::Processing | S::SupplementRequested, A::Withdraw) => {
            S::Withdrawn
        }
        // Only a dossier the office still owes can be late.
        (S::Received | S::Processing | S::SupplementRequested, A::ApologiseLate) => from,
        _ => return Err(Forbidden { from, action }),
    };
    Ok(to)
}

/// The actions `actor` may take on a dossier in `status`, in the order a page offers them.
pub fn allowed(status: Status, actor: Actor) -> Vec<Action> {
    ALL_ACTIONS
        .into_iter()
        .filter(|action| action.actor() == actor || actor == Actor::Staff)
        .filter(|action| next(status, *action).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use Status as S;

    /// Every allowed move, written out once: anything not here must be refused.
    const ALLOWED: &[(Status, Action, Status)] = &[
        (S::Submitted, A::Receive, S::Received),
        (S::Submitted, A::Refuse, S::Refused),
        (S::Submitted, A::Withdraw, S::Withdrawn),
        (S::Received, A::StartProcessing, S::Processing),
        (S::Received, A::RequestSupplement, S::SupplementRequested),
        (S::Received, A::Refuse, S::Refused),
        (S::Received, A::Withdraw, S::Withdrawn),
        (S::Received, A::ApologiseLate, S::Received),
        (S::Processing, A::RequestSupplement, S::SupplementRequested),
        (S::Processing, A::Refuse, S::Refused),
        (S::Processing, A::MarkDone, S::Done),
        (S::Processing, A::Withdraw, S::Withdrawn),
        (S::Processing, A::ApologiseLate, S::Processing),
        (S::SupplementRequested, A::ProvideSupplement, S::Processing),
        (S::SupplementRequested, A::Refuse, S::Refused),
        (S::SupplementRequested, A::Withdraw, S::Withdrawn),
        (
            S::SupplementRequested,
            A::ApologiseLate,
            S::SupplementRequested,
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
        assert_eq!(forbidden, 8 * 9 - ALLOWED.len());
    }

    #[test]
    fn closed_dossiers_cannot_move_at_all() {
        for from in [S::ResultReturned, S::Refused, S::Withdrawn] {
            assert!(!from.is_open());
            assert!(allowed(from, Actor::Staff).is_empty(), "{from:?}");
            assert!(allowed(from, Actor::Citizen).is_empty(), "{from:?}");
        }
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
        assert_eq!(allowed(S::Processing, Actor::Citizen), vec![A::Withdraw]);
    }

    #[test]
    fn the_clock_stops_only_for_a_supplement() {
        for status in ALL_STATUSES {
            assert_eq!(status.clock_paused(), status == S::SupplementRequested);
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
        assert_eq!(Status::parse("lost"), None);
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
            assert_ne!(
                en(action.button_key()),
                vi(action.button_key()),
                "{action:?}"
            );
        }
        assert_eq!(vi(S::Processing.label_key()), "Đang xử lý");
        assert_eq!(en(S::Processing.label_key()), "Being processed");
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
}
