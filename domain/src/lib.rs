//! The rules of Một Cửa that both the server and the browser need: the procedure model and its
//! checks, the step flow, one file per kind of field (`kinds`) whose checks return problems as
//! keys with arguments (`problem`), put into words at the edge (`validate`), dates and working
//! days, ID numbers, resume codes, the dossier lifecycle and search folding. Plain functions: nothing here reads a request, a clock
//! or a database; the language, the day and the caller are passed in.

pub mod answers;
#[cfg(feature = "files")]
pub mod catalog;
pub mod dates;
pub mod dossier_code;
pub mod field;
pub mod id_number;
pub mod kinds;
pub mod lang;
pub mod last_digits;
pub mod lifecycle;
pub mod plausibility;
pub mod problem;
pub mod procedure;
pub mod resume_code;
pub mod search;
pub mod texts;
pub mod validate;
pub mod working_days;

#[cfg(test)]
mod test_texts;

// Tests read the rules' words from the app's own translation files.
#[cfg(test)]
rust_i18n::i18n!("../app/locales", fallback = "vi");

pub use lang::Lang;
pub use procedure::{Answers, Field, FieldKind, Procedure, Step};
pub use texts::Texts;
