//! The dossier lifecycle (DESIGN.md "Dossier lifecycle") as a state machine: which action may
//! move a dossier from which status, and where it lands. Pure functions, shared by the clerk's
//! pages, the citizen's lookup and the store, so no page offers a move the store would refuse.
//!
//! The statuses are the national public-service portal's (law-2026.md §2, codes 1-10), with the
//! forms of Circular 03/2025/TT-VPCP: Mẫu 01 receipt at reception, Mẫu 02 request to complete,
//! Mẫu 03 not received, Mẫu 04 apology (once), Mẫu 05 stopped.

use crate::Texts;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    /// Sent online, waiting for the office to take it in (1 Mới đăng ký). No legal clock yet.
    Submitted,
    /// Asked to complete the dossier before reception (Mẫu 02): still no clock.
    CompletionRequested,
    /// Taken in, Mẫu 01 receipt issued: the clock runs from here (2 Được tiếp nhận).
    Received,
    /// Not received at intake, with the reason (Mẫu 03).
    NotReceived,
    Processing,
    /// Waiting for the citizen to bring or upload something during processing.
    SupplementRequested,
    /// Waiting for the citizen to pay a fee or tax before the result (6).
    FinancialObligation,
    /// Withdrawn at the citizen's request (7).
    Withdrawn,
    /// Processing stopped, with the reason (Mẫu 05).
    Stopped,
    Done,
    ResultReturned,
}

pub const ALL_STATUSES: [Status; 11] = [
    Status::Submitted,
    Status::CompletionRequested,
    Status::Received,
    Status::NotReceived,
    Status::Processing,
    Status::SupplementRequested,
    Status::FinancialObligation,
    Status::Withdrawn,
    Status::Stopped,
    Status::Done,
    Status::ResultReturned,
];

impl Status {
    /// How the database stores it (`dossiers.status`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::CompletionRequested => "completion",
            Status::Received => "received",
            Status::NotReceived => "not_received",
            Status::Processing => "processing",
            Status::SupplementRequested => "supplement",
            Status::FinancialObligation => "payment",
            Status::Withdrawn => "withdrawn",
            Status::Stopped => "stopped",
            Status::Done => "done",
            Status::ResultReturned => "returned",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        ALL_STATUSES.into_iter().find(|s| s.as_str() == text)
    }

    /// The national portal's status code (stored beside the name, reported to the portal).
    pub fn portal_code(self) -> u8 {
        match self {
            Status::Submitted => 1,
            Status::Received => 2,
            Status::NotReceived => 3,
            Status::Processing => 4,
            Status::CompletionRequested | Status::SupplementRequested => 5,
            Status::FinancialObligation => 6,
            Status::Withdrawn => 7,
            Status::Stopped => 8,
            Status::Done => 9,
            Status::ResultReturned => 10,
        }
    }

    /// The translation key of `label` (messages to the citizen take it in Vietnamese).
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Submitted => "status.submitted",
            Status::CompletionRequested => "status.completion",
            Status::Received => "status.received",
            Status::NotReceived => "status.not_received",
            Status::Processing => "status.processing",
            Status::SupplementRequested => "status.supplement",
            Status::FinancialObligation => "status.payment",
            Status::Withdrawn => "status.withdrawn",
            Status::Stopped => "status.stopped",
            Status::Done => "status.done",
            Status::ResultReturned => "status.returned",
        }
    }

    /// The translation key of `next_step`.
    pub fn next_step_key(self) -> &'static str {
        match self {
            Status::Submitted => "status.next.submitted",
            Status::CompletionRequested => "status.next.completion",
            Status::Received | Status::Processing => "status.next.in_progress",
            Status::NotReceived => "status.next.not_received",
            Status::SupplementRequested => "status.next.supplement",
            Status::FinancialObligation => "status.next.payment",
            Status::Withdrawn => "status.next.withdrawn",
            Status::Stopped => "status.next.stopped",
            Status::Done => "status.next.done",
            Status::ResultReturned => "status.next.returned",
        }
    }

    /// Still in the office's hands: counts towards its workload.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Submitted
                | Status::CompletionRequested
                | Status::Received
                | Status::Processing
                | Status::SupplementRequested
                | Status::FinancialObligation
        )
    }

    /// Taken in: the legal clock has started and a Mẫu 01 receipt exists.
    pub fn is_received(self) -> bool {
        matches!(
            self,
            Status::Received
                | Status::Processing
                | Status::SupplementRequested
                | Status::FinancialObligation
                | Status::Stopped
                | Status::Done
                | Status::ResultReturned
        )
    }

    /// The office owes a result by a due moment that can pass (not before reception).
    pub fn can_be_late(self) -> bool {
        self.is_open() && self.is_received()
    }

    /// The clock is stopped while the citizen owes a document or a payment.
    pub fn clock_paused(self) -> bool {
        matches!(
            self,
            Status::SupplementRequested | Status::FinancialObligation
        )
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
    /// Take the dossier in and issue the Mẫu 01 receipt: the clock starts.
    Receive,
    /// Before reception, ask the citizen to complete the dossier (Mẫu 02): no clock.
    RequestCompletion,
    /// Refuse to take the dossier in, with the reason (Mẫu 03).
    RefuseIntake,
    StartProcessing,
    /// Ask the citizen for what is missing during processing (in plain words).
    RequestSupplement,
    /// The citizen brought or uploaded what was missing.
    ProvideSupplement,
    /// Ask the citizen to pay a fee or tax before the result, with the amount.
    RequestPayment,
    /// The payment was made: processing goes on.
    ConfirmPayment,
    /// Stop processing, with the reason (Mẫu 05).
    Stop,
    MarkDone,
    ReturnResult,
    /// The citizen takes the dossier back.
    Withdraw,
    /// A late dossier: apologise and give a new due date (Mẫu 04), once. The status stays.
    ApologiseLate,
}

pub const ALL_ACTIONS: [Action; 13] = [
    Action::Receive,
    Action::RequestCompletion,
    Action::RefuseIntake,
    Action::StartProcessing,
    Action::RequestSupplement,
    Action::ProvideSupplement,
    Action::RequestPayment,
    Action::ConfirmPayment,
    Action::Stop,
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
            Action::RequestCompletion => "complete",
            Action::RefuseIntake => "not_receive",
            Action::StartProcessing => "process",
            Action::RequestSupplement => "supplement",
            Action::ProvideSupplement => "supplied",
            Action::RequestPayment => "payment",
            Action::ConfirmPayment => "paid",
            Action::Stop => "stop",
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
            Action::RequestCompletion => "action.complete",
            Action::RefuseIntake => "action.not_receive",
            Action::StartProcessing => "action.process",
            Action::RequestSupplement => "action.supplement",
            Action::ProvideSupplement => "action.supplied",
            Action::RequestPayment => "action.payment",
            Action::ConfirmPayment => "action.paid",
            Action::Stop => "action.stop",
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

    /// Actions that need words from the clerk: what is missing, why not, why late, how much.
    pub fn needs_note(self) -> bool {
        matches!(
            self,
            Action::RequestCompletion
                | Action::RefuseIntake
                | Action::RequestSupplement
                | Action::RequestPayment
                | Action::Stop
                | Action::ApologiseLate
        )
    }

    /// The official form the action issues, printable from the dossier's history.
    pub fn form(self) -> Option<u8> {
        match self {
            Action::Receive => Some(1),
            Action::RequestCompletion | Action::RequestSupplement => Some(2),
            Action::RefuseIntake => Some(3),
            Action::ApologiseLate => Some(4),
            Action::Stop => Some(5),
            _ => None,
        }
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
        (S::Submitted, A::RequestCompletion) => S::CompletionRequested,
        (S::Submitted | S::CompletionRequested, A::RefuseIntake) => S::NotReceived,
        // Completed before reception: back in the intake queue, still without a clock.
        (S::CompletionRequested, A::ProvideSupplement) => S::Submitted,
        (S::Received, A::StartProcessing) => S::Processing,
        (S::Received | S::Processing, A::RequestSupplement) => S::SupplementRequested,
        (S::SupplementRequested, A::ProvideSupplement) => S::Processing,
        (S::Processing, A::RequestPayment) => S::FinancialObligation,
        (S::FinancialObligation, A::ConfirmPayment) => S::Processing,
        (
            S::Received | S::Processing | S::SupplementRequested | S::FinancialObligation,
            A::Stop,
        ) => S::Stopped,
        (S::Processing, A::MarkDone) => S::Done,
        (S::Done, A::ReturnResult) => S::ResultReturned,
        (from, A::Withdraw) if from.is_open() => S::Withdrawn,
        // Only a dossier the office still owes, after reception, can be late.
        (from, A::ApologiseLate) if from.can_be_late() => from,
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

/// What the old single "refused" status becomes: not received if it never was, stopped if it was
/// (the migration of dossiers refused before the two outcomes were told apart).
pub fn split_refusal(was_received: bool) -> Status {
    if was_received {
        Status::Stopped
    } else {
        Status::NotReceived
    }
}

#[cfg(test)]
mod tests;
