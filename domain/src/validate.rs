//! Checking one field's answer, with messages a citizen can act on, in plain Vietnamese.

use crate::Texts;
use crate::dates::{self, DatePart, DateProblem};
use crate::id_number::{self, IdNumber, IdProblem, Sex};
use crate::procedure::{ADDRESS_PARTS, Answers, Field, FieldKind, GROUP_SEPARATOR, NO, Step, YES};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

mod date;
mod group;
mod id;
#[cfg(test)]
mod tests;
mod words;

use date::{birth_year_answer, check_date, check_time};
use group::group_errors;
pub use group::{filled_items, group_items, item_field, item_inputs, main_item_input};
use id::id_problem;
pub use words::{attachment_name, capitalise_words, parse_money, thousands};
use words::{
    email_problem, name_problem, number_problem, parse_whole_number, phone_problem, sentence,
    without_spaces,
};

/// An answer that cannot be accepted: the input to fix and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    /// The input the error summary links to (a date's day, month or year box).
    pub input: String,
    pub message: String,
}

const DEFAULT_MAX_LEN: usize = 200;
const NAME_MAX_LEN: usize = 100;
const LONG_TEXT_MAX_LEN: usize = 2000;

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
    match field_errors(field, answers, today, t).into_iter().next() {
        Some(error) => Err(error),
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
    let fail = |input: String, message: String| {
        vec![FieldError {
            field: field.id.clone(),
            input,
            message,
        }]
    };
    let noun = &field.noun;
    let get = |input: &str| answers.get(input).map(|v| v.trim()).unwrap_or("");
    match field.kind {
        FieldKind::Date | FieldKind::DateTime => {
            if let Err((input, message)) = check_date(field, answers, today, t) {
                return fail(input, message);
            }
            if field.kind == FieldKind::DateTime {
                let date_given = !get(&field.part_input("ngay")).is_empty();
                if let Err((part, message)) = check_time(
                    get(&field.part_input("gio")),
                    get(&field.part_input("phut")),
                    noun,
                    t,
                ) && (date_given || field.required)
                {
                    return fail(field.part_input(part), message);
                }
            }
            return Vec::new();
        }
        FieldKind::Address => {
            let [province, unit, street] = ADDRESS_PARTS.map(|part| get(&field.part_input(part)));
            if !field.required && province.is_empty() && unit.is_empty() && street.is_empty() {
                return Vec::new();
            }
            let Some(known) = field.units.iter().find(|p| p.name == province) else {
                return fail(
                    field.part_input("tinh"),
                    t.text("rule.province", &[("noun", noun)]),
                );
            };
            if !known.units.iter().any(|u| u == unit) {
                return fail(
                    field.part_input("xa"),
                    t.text("rule.commune", &[("noun", noun), ("province", province)]),
                );
            }
            if street.is_empty() {
                return fail(
                    field.part_input("so-nha"),
                    t.text("rule.street", &[("noun", noun)]),
                );
            }
            if street.chars().count() > DEFAULT_MAX_LEN {
                return fail(
                    field.part_input("so-nha"),
                    t.text(
                        "rule.too_long",
                        &[
                            ("noun", &sentence(noun)),
                            ("max", &DEFAULT_MAX_LEN.to_string()),
                        ],
                    ),
                );
            }
            return Vec::new();
        }
        FieldKind::Group => return group_errors(field, answers, today, t),
        _ => {}
    }

    let input = field.id.clone();
    let value = get(&field.id);
    if value.is_empty() {
        if !field.required {
            return Vec::new();
        }
        let message = match field.kind {
            FieldKind::Choice | FieldKind::Select | FieldKind::YesNo => {
                t.text("rule.choose", &[("noun", noun)])
            }
            FieldKind::Undertaking => t.text("rule.tick", &[("noun", noun)]),
            FieldKind::Attachment => t.text("rule.attach", &[("noun", noun)]),
            _ => t.text("rule.enter", &[("noun", noun)]),
        };
        return fail(input, message);
    }
    let max_len = field.max_len.unwrap_or(match field.kind {
        FieldKind::Name => NAME_MAX_LEN,
        FieldKind::LongText => LONG_TEXT_MAX_LEN,
        _ => DEFAULT_MAX_LEN,
    });
    if value.chars().count() > max_len {
        return fail(
            input,
            t.text(
                "rule.too_long",
                &[("noun", &sentence(noun)), ("max", &max_len.to_string())],
            ),
        );
    }
    let problem = match field.kind {
        FieldKind::Text | FieldKind::LongText => field.digits.and_then(|n| {
            let digits = without_spaces(value);
            (digits.len() != n || !digits.chars().all(|c| c.is_ascii_digit())).then(|| {
                t.text(
                    "rule.digits",
                    &[("noun", &sentence(noun)), ("n", &n.to_string())],
                )
            })
        }),
        FieldKind::Name => name_problem(value).map(|key| t.text(key, &[("noun", &sentence(noun))])),
        FieldKind::Year => match dates::parse_year(value, today, field.not_future) {
            Ok(_) => None,
            Err(DateProblem::Future) => {
                Some(t.text("rule.year_future", &[("noun", &sentence(noun))]))
            }
            Err(DateProblem::TooOld) => Some(t.text("rule.year_old", &[("noun", &sentence(noun))])),
            Err(_) => Some(t.text("rule.year_format", &[("noun", &sentence(noun))])),
        },
        FieldKind::Choice | FieldKind::Select => {
            (!field.options.iter().any(|option| option == value))
                .then(|| t.text("rule.choose_listed", &[("noun", noun)]))
        }
        FieldKind::YesNo => {
            (value != YES && value != NO).then(|| t.text("rule.yes_no", &[("noun", noun)]))
        }
        FieldKind::Undertaking => (value != YES).then(|| t.text("rule.tick", &[("noun", noun)])),
        FieldKind::Number => number_problem(field, value, parse_whole_number(value), t),
        FieldKind::Money => match parse_money(value) {
            Some(amount) => number_problem(field, value, Some(amount), t),
            None => Some(t.text("rule.money", &[("noun", &sentence(noun))])),
        },
        FieldKind::Phone => phone_problem(value).then(|| t.text("rule.phone", &[])),
        FieldKind::Email => email_problem(value).then(|| t.text("rule.email", &[])),
        FieldKind::IdNumber => id_problem(field, value, answers, today, t),
        FieldKind::Attachment => match value {
            "!loai" => Some(t.text("rule.file_type", &[])),
            "!lon" => Some(t.text("rule.file_size", &[])),
            "!tong" => Some(t.text("rule.file_total", &[])),
            _ => None,
        },
        FieldKind::Date | FieldKind::DateTime | FieldKind::Address | FieldKind::Group => None,
    };
    match problem {
        Some(message) => fail(input, message),
        None => Vec::new(),
    }
}

/// How an answer reads back on the check-answers page and the receipt.
pub fn display_value(field: &Field, answers: &Answers, today: NaiveDate, t: &dyn Texts) -> String {
    let get = |input: &str| {
        answers
            .get(input)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let date = || {
        let [day, month, year] = dates::PARTS.map(|part| get(&field.part_input(part)));
        dates::parse_date(&day, &month, &year, today, false)
            .map(|date| dates::format_date_in(date, t.lang()))
            .unwrap_or_default()
    };
    match field.kind {
        FieldKind::Date => date(),
        FieldKind::DateTime => {
            let (hour, minute) = (
                get(&field.part_input("gio")),
                get(&field.part_input("phut")),
            );
            let minute = if minute.is_empty() {
                "00".to_string()
            } else {
                format!("{minute:0>2}")
            };
            match (hour.is_empty(), date()) {
                (_, date) if date.is_empty() => String::new(),
                (true, date) => date,
                (false, date) => t.text(
                    "show.date_time",
                    &[("hour", &hour), ("minute", &minute), ("date", &date)],
                ),
            }
        }
        FieldKind::YesNo => match get(&field.id).as_str() {
            YES => t.text("show.yes", &[]),
            NO => t.text("show.no", &[]),
            _ => String::new(),
        },
        FieldKind::Undertaking => match get(&field.id).as_str() {
            YES => t.text("show.undertaken", &[]),
            _ => String::new(),
        },
        FieldKind::Name => capitalise_words(&get(&field.id)),
        FieldKind::IdNumber => without_spaces(&get(&field.id)),
        FieldKind::Money => parse_money(&get(&field.id))
            .map(|amount| t.text("rule.money_amount", &[("amount", &thousands(amount))]))
            .unwrap_or_else(|| get(&field.id)),
        FieldKind::Address => {
            let [province, unit, street] = ADDRESS_PARTS.map(|part| get(&field.part_input(part)));
            [street, unit, province]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        }
        FieldKind::Group => {
            let main = answers
                .get(&main_item_input(field))
                .and_then(|v| v.parse::<usize>().ok());
            filled_items(field, answers)
                .into_iter()
                .map(|n| {
                    let values: Vec<String> = field
                        .items
                        .iter()
                        .map(|item| {
                            display_value(&item_field(field, item, n, t), answers, today, t)
                        })
                        .filter(|value| !value.is_empty())
                        .collect();
                    let marker = if field.main_item && main == Some(n) {
                        t.text("show.main", &[])
                    } else {
                        String::new()
                    };
                    format!("{}{marker}", values.join(" – "))
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
        FieldKind::Attachment => attachment_name(&get(&field.id)),
        FieldKind::Choice | FieldKind::Select => field.option_label(&get(&field.id)),
        _ => get(&field.id),
    }
}
