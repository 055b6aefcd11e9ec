//! The back office's one error type, in words a clerk can act on.

use crate::i18n::StatusWords;
use domain::Texts;
use domain::lifecycle::{Forbidden, Status};

/// What went wrong; it reads in the page's language (Vietnamese outside a request).
#[derive(Debug, thiserror::Error)]
pub enum BackofficeError {
    #[error("{}", text("office.error.not_found", &[]))]
    NotFound,
    /// Someone else changed the dossier since the page was drawn; nothing was saved.
    #[error("{}", stale_text(.0))]
    Stale(Status),
    #[error("{}", .0.words(&crate::i18n::page()))]
    Forbidden(#[from] Forbidden),
    #[error("{}", text("office.error.note_missing", &[]))]
    NoteMissing,
    #[error("{}", text("office.error.bad_new_due_date", &[]))]
    BadNewDueDate,
    /// The law allows one apology with a new date (Mẫu 04).
    #[error("{}", text("office.error.already_apologised", &[]))]
    AlreadyApologised,
    #[error("{}", text("office.error.database", &[]))]
    Database(#[from] sqlx::Error),
    #[error("{}", text("office.error.corrupt", &[("detail", .0)]))]
    Corrupt(String),
}

/// A message in the page's language.
fn text(key: &str, args: &[(&str, &str)]) -> String {
    crate::i18n::page().text(key, args)
}

fn stale_text(now: &Status) -> String {
    text("office.error.stale", &[("status", &now.label())])
}
