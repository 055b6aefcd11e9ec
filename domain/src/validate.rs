//! Checking answers at the edge: the kinds' problems (`kinds`) put into the reader's words.

use crate::Texts;
use crate::kinds::{self, FieldProblem};
use crate::procedure::{Answers, Field, Step};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::kinds::group::{
    filled_items, item_field, item_inputs, items as group_items, main_item_input,
};
pub use crate::kinds::money::{parse as parse_money, thousands};
pub use crate::kinds::{attachment_name, capitalise_words};

/// An answer that cannot be accepted: the input to fix and what to do about it, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    /// The input the error summary links to (a date's day, month or year box).
    pub input: String,
    pub message: String,
}

impl FieldProblem {
    pub fn in_words(self, t: &dyn Texts) -> FieldError {
        FieldError {
            message: self.problem.render(t),
            field: self.field,
            input: self.input,
        }
    }
}

/// Checks every visible field of a step; the errors come in the order of the fields.
pub fn check_step(
    step: &Step,
    answers: &Answers,
    today: NaiveDate,
    t: &dyn Texts,
) -> Vec<FieldError> {
    step.visible_fields(answers)
        .flat_map(|field| field_errors(field, answers, today, t))
        .collect()
}

/// The first problem with a field's answer, if any.
pub fn check_field(
    field: &Field,
    answers: &Answers,
    today: NaiveDate,
    t: &dyn Texts,
) -> Result<(), FieldError> {
    match kinds::problems(field, answers, today).into_iter().next() {
        Some(problem) => Err(problem.in_words(t)),
        None => Ok(()),
    }
}

/// Every problem with a field's answer (a repeating group can have one per item).
pub fn field_errors(
    field: &Field,
    answers: &Answers,
    today: NaiveDate,
    t: &dyn Texts,
) -> Vec<FieldError> {
    kinds::problems(field, answers, today)
        .into_iter()
        .map(|problem| problem.in_words(t))
        .collect()
}

/// How an answer reads back on the check-answers page and the receipt.
pub fn display_value(field: &Field, answers: &Answers, today: NaiveDate, t: &dyn Texts) -> String {
    kinds::display(field, answers, today, t)
}
