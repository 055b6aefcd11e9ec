//! The one error our server functions give. Whatever a person can get wrong is answered with a
//! redirect to a page that explains; what comes here is our side failing, a form none of our
//! pages sends, or a refusal. Each becomes one `server_fn` error kind, which the server's edge
//! (`server/src/server_fn_failures.rs`) reads back with [`FailureKind::of`] to choose the status
//! and the page the person sees.

use leptos::prelude::ServerFnError;
use std::fmt::Display;

#[derive(Debug)]
pub enum Failure {
    /// The database failed while doing an area's work: nothing the person did.
    Busy(Area, String),
    /// An uploaded file could not be kept (the store refused it).
    NotKept(String),
    /// A form none of our pages sends.
    Unreadable,
    /// Nobody signed in, or a role that may not: the words say what to do.
    Refused(String),
}

/// Whose work failed, which decides the words: a citizen filing is told that what they typed is
/// still on their device, a clerk that the action was not done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Filing,
    Lookup,
    Kiosk,
    KioskAdmin,
    Staff,
    Office,
}

impl Area {
    fn busy_key(self) -> &'static str {
        match self {
            Area::Filing => "filing.busy",
            Area::Lookup => "lookup.busy",
            Area::Kiosk => "kiosk.busy",
            Area::KioskAdmin => "kiosk_admin.busy",
            Area::Staff => "staff.busy",
            Area::Office => "office.error.busy",
        }
    }

    /// For the log.
    fn name(self) -> &'static str {
        match self {
            Area::Filing => "filing",
            Area::Lookup => "lookup",
            Area::Kiosk => "kiosk",
            Area::KioskAdmin => "kiosk admin",
            Area::Staff => "staff",
            Area::Office => "back office",
        }
    }
}

/// `.map_err(failed(Area::Lookup))`: a store's error, logged, as the area's "busy" words.
pub fn failed<E: Display>(area: Area) -> impl Fn(E) -> ServerFnError {
    move |error| Failure::Busy(area, error.to_string()).into()
}

/// `.map_err(failure)`: an error that knows which failure it is (e.g. a filing step's).
pub fn failure(error: impl Into<Failure>) -> ServerFnError {
    error.into().into()
}

impl From<Failure> for ServerFnError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Busy(area, cause) => {
                tracing::error!("{}: {cause}", area.name());
                ServerFnError::ServerError(crate::tr!(area.busy_key()))
            }
            Failure::NotKept(cause) => {
                tracing::error!("keeping an upload: {cause}");
                ServerFnError::ServerError(crate::tr!("filing.storage"))
            }
            Failure::Unreadable => {
                tracing::warn!("a form none of our pages sends");
                ServerFnError::Args(crate::tr!("filing.bad_form"))
            }
            Failure::Refused(words) => ServerFnError::Request(words),
        }
    }
}

/// What the edge makes of a server function's failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// Ours: the store failed ([`Failure::Busy`], [`Failure::NotKept`]).
    Busy,
    /// The sender's: arguments missing, mistyped or not UTF-8, or [`Failure::Unreadable`].
    Unreadable,
    /// The body was cut off by the body limit.
    TooLarge,
    /// [`Failure::Refused`].
    Refused,
    /// Anything else: a fault in our code.
    Internal,
}

impl FailureKind {
    /// `server_fn` writes its errors as "Kind|message".
    pub fn of(body: &str) -> FailureKind {
        let (kind, message) = body.split_once('|').unwrap_or(("", body));
        match kind {
            "Deserialization" if message.contains("length limit exceeded") => FailureKind::TooLarge,
            "Deserialization" | "Args" | "MissingArg" => FailureKind::Unreadable,
            "ServerError" => FailureKind::Busy,
            "Request" => FailureKind::Refused,
            _ => FailureKind::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos::server_fn::error::FromServerFnError;

    const AREAS: [Area; 6] = [
        Area::Filing,
        Area::Lookup,
        Area::Kiosk,
        Area::KioskAdmin,
        Area::Staff,
        Area::Office,
    ];

    fn sent(failure: Failure) -> String {
        let error: ServerFnError = failure.into();
        String::from_utf8(error.ser().to_vec()).unwrap()
    }

    #[test]
    fn each_failure_reaches_the_edge_as_its_kind() {
        for area in AREAS {
            let body = sent(Failure::Busy(area, "database is locked".into()));
            assert_eq!(FailureKind::of(&body), FailureKind::Busy, "{body}");
            assert!(
                !body.contains("database is locked"),
                "the cause stays in our log"
            );
        }
        let kinds = [
            (Failure::NotKept("disk".into()), FailureKind::Busy),
            (Failure::Unreadable, FailureKind::Unreadable),
            (Failure::Refused("sign in".into()), FailureKind::Refused),
        ];
        for (failure, kind) in kinds {
            assert_eq!(FailureKind::of(&sent(failure)), kind);
        }
    }

    #[test]
    fn each_area_has_its_own_words_for_busy() {
        let words: std::collections::HashSet<String> = AREAS
            .into_iter()
            .map(|area| crate::tr!(area.busy_key()))
            .collect();
        assert!(words.iter().all(|text| text.contains("bận")), "{words:?}");
        assert!(words.len() >= 5, "{words:?}");
    }

    #[test]
    fn what_server_fn_itself_writes_is_sorted_by_whose_fault_it_is() {
        assert_eq!(
            FailureKind::of("Args|missing field `buoc`"),
            FailureKind::Unreadable
        );
        assert_eq!(
            FailureKind::of("Deserialization|length limit exceeded"),
            FailureKind::TooLarge
        );
        assert_eq!(
            FailureKind::of("Registration|no such"),
            FailureKind::Internal
        );
        assert_eq!(FailureKind::of("no bar at all"), FailureKind::Internal);
    }
}
