//! Checking answers at the edge: the kinds' problems (`kinds`) put into the reader's words.

use crate::Texts;
use crate::kinds;
use crate::procedure::{Answers, Field, Step};
use chrono::NaiveDate;

pub use crate::kinds::group::{
    filled_items, item_field, item_inputs, items as group_items, main_item_input,
};
pub use crate::kinds::money::{parse as parse_money, thousands};
pub use crate::kinds::{attachment_name, capitalise_words, check_field, field_errors};
pub use crate::problem::FieldError;

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

/// How an answer reads back on the check-answers page and the receipt.
pub fn display_value(field: &Field, answers: &Answers, today: NaiveDate, t: &dyn Texts) -> String {
    kinds::display(field, answers, today, t)
}
