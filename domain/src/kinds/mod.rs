//! One file per kind of field: its inputs, how its answer is read and checked, and how it
//! reads back. This file is the one place that dispatches on the kind.
//!
//! Checks return problems as keys with arguments ([`Problem`]); the edge renders them.

use crate::Texts;
use crate::field::{Answers, Field, FieldKind};
pub use crate::problem::FieldProblem;
use crate::problem::{Arg, FieldError, Problem};
use chrono::NaiveDate;

pub mod address;
mod attachment;
mod choice;
pub mod date;
pub mod date_time;
mod email;
pub mod group;
mod id_number;
pub mod money;
mod name;
mod number;
mod phone;
#[cfg(test)]
mod test_support;
mod text;
mod undertaking;
mod year;
mod yes_no;

pub use attachment::attachment_name;
pub use name::capitalise_words;

const DEFAULT_MAX_LEN: usize = 200;

/// The names of the form inputs a field is made of (a repeating group's item inputs come and
/// go, so it has none of its own).
pub fn part_names(kind: FieldKind) -> Option<&'static [&'static str]> {
    match kind {
        FieldKind::Date => Some(&date::PARTS),
        FieldKind::DateTime => Some(&date_time::PARTS),
        FieldKind::Address => Some(&address::PARTS),
        FieldKind::Group => Some(&[]),
        _ => None,
    }
}

/// Every problem with a field's answer (a repeating group can have one per item).
pub fn problems(field: &Field, answers: &Answers, today: NaiveDate) -> Vec<FieldProblem> {
    problems_of(field, &Arg::from(&field.noun), answers, today)
}

/// As [`problems`], with the field named by `noun` (a group's item: "tên ngành ở dòng 2").
pub(crate) fn problems_of(
    field: &Field,
    noun: &Arg,
    answers: &Answers,
    today: NaiveDate,
) -> Vec<FieldProblem> {
    let at = |(input, problem): (String, Problem)| FieldProblem {
        field: field.id.clone(),
        input,
        problem,
    };
    match field.kind {
        FieldKind::Date => date::check(field, noun, answers, today)
            .err()
            .map(at)
            .into_iter()
            .collect(),
        FieldKind::DateTime => date_time::check(field, noun, answers, today)
            .err()
            .map(at)
            .into_iter()
            .collect(),
        FieldKind::Address => address::check(field, noun, answers)
            .err()
            .map(at)
            .into_iter()
            .collect(),
        FieldKind::Group => group::check(field, answers, today),
        _ => one_box(field, noun, answers, today)
            .map(|problem| at((field.id.clone(), problem)))
            .into_iter()
            .collect(),
    }
}

/// The kinds answered in one box: required, not too long, then the kind's own rule.
fn one_box(field: &Field, noun: &Arg, answers: &Answers, today: NaiveDate) -> Option<Problem> {
    let value = answers.get(&field.id).map(|v| v.trim()).unwrap_or("");
    if value.is_empty() {
        let key = match field.kind {
            FieldKind::Choice | FieldKind::Select | FieldKind::YesNo => "rule.choose",
            FieldKind::Undertaking => undertaking::NOT_TICKED,
            FieldKind::Attachment => "rule.attach",
            _ => "rule.enter",
        };
        return field.required.then(|| Problem::new(key).with("noun", noun));
    }
    let max_len = field.max_len.unwrap_or(match field.kind {
        FieldKind::Name => name::MAX_LEN,
        FieldKind::LongText => text::LONG_MAX_LEN,
        _ => DEFAULT_MAX_LEN,
    });
    if value.chars().count() > max_len {
        return Some(too_long(noun, max_len));
    }
    match field.kind {
        FieldKind::Text | FieldKind::LongText => text::check(field, noun, value),
        FieldKind::Name => name::check(noun, value),
        FieldKind::Year => year::check(field, noun, value, today),
        FieldKind::Choice | FieldKind::Select => choice::check(field, noun, value),
        FieldKind::YesNo => yes_no::check(noun, value),
        FieldKind::Undertaking => undertaking::check(noun, value),
        FieldKind::Number => number::check(field, noun, value, number::parse(value), number::plain),
        FieldKind::Money => money::check(field, noun, value),
        FieldKind::Phone => phone::check(value),
        FieldKind::Email => email::check(value),
        FieldKind::IdNumber => id_number::check(field, noun, value, answers, today),
        FieldKind::Attachment => attachment::check(value),
        FieldKind::Date | FieldKind::DateTime | FieldKind::Address | FieldKind::Group => None,
    }
}

fn too_long(noun: &Arg, max: usize) -> Problem {
    Problem::new("rule.too_long")
        .with("noun", noun.capitalised())
        .with("max", max.to_string())
}

/// How an answer reads back on the check-answers page and the receipt.
pub fn display(field: &Field, answers: &Answers, today: NaiveDate, t: &dyn Texts) -> String {
    let value = || answer(answers, &field.id);
    match field.kind {
        FieldKind::Date => date::display(field, answers, today, t.lang()),
        FieldKind::DateTime => date_time::display(field, answers, today, t),
        FieldKind::YesNo => yes_no::display(&value(), t),
        FieldKind::Undertaking => undertaking::display(&value(), t),
        FieldKind::Name => capitalise_words(&value()),
        FieldKind::IdNumber => text::without_spaces(&value()),
        FieldKind::Money => money::display(&value(), t),
        FieldKind::Address => address::display(field, answers),
        FieldKind::Group => group::display(field, answers, today, t),
        FieldKind::Attachment => attachment_name(&value()),
        FieldKind::Choice | FieldKind::Select => field.option_label(&value()),
        FieldKind::Text
        | FieldKind::LongText
        | FieldKind::Year
        | FieldKind::Number
        | FieldKind::Phone
        | FieldKind::Email => value(),
    }
}

/// An input's answer without the spaces around it ("" when not given).
fn answer(answers: &Answers, input: &str) -> String {
    answers
        .get(input)
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

/// The first problem with a field's answer, if any, in the reader's words.
pub fn check_field(
    field: &Field,
    answers: &Answers,
    today: NaiveDate,
    t: &dyn Texts,
) -> Result<(), FieldError> {
    match problems(field, answers, today).into_iter().next() {
        Some(problem) => Err(problem.in_words(t)),
        None => Ok(()),
    }
}

/// Every problem with a field's answer (a repeating group can have one per item), in words.
pub fn field_errors(
    field: &Field,
    answers: &Answers,
    today: NaiveDate,
    t: &dyn Texts,
) -> Vec<FieldError> {
    problems(field, answers, today)
        .into_iter()
        .map(|problem| problem.in_words(t))
        .collect()
}
