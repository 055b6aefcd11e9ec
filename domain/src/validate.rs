//! Checking one field's answer, with messages a citizen can act on, in plain Vietnamese.

use crate::Texts;
use crate::dates::{self, DatePart, DateProblem};
use crate::id_number::{self, IdNumber, IdProblem, Sex};
use crate::procedure::{ADDRESS_PARTS, Answers, Field, FieldKind, GROUP_SEPARATOR, NO, Step, YES};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

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

/// The input to point at and the message, for a date that cannot be accepted.
fn check_date(
    field: &Field,
    answers: &Answers,
    today: NaiveDate,
    t: &dyn Texts,
) -> Result<(), (String, String)> {
    let noun = &field.noun;
    let part = |name: &str| {
        answers
            .get(&field.part_input(name))
            .map(String::as_str)
            .unwrap_or("")
    };
    let [day, month, year] = dates::PARTS.map(part);
    let box_name = |p: DatePart| field.part_input(dates::PARTS[p.index()]);
    let date = match dates::parse_date(day, month, year, today, field.not_future) {
        Ok(date) => date,
        Err(DateProblem::Missing) if !field.required => return Ok(()),
        Err(problem) => {
            return Err(match problem {
                DateProblem::Missing => (
                    box_name(DatePart::Day),
                    t.text("rule.enter", &[("noun", noun)]),
                ),
                DateProblem::Incomplete(p) => {
                    let which = t.text(
                        ["rule.part_day", "rule.part_month", "rule.part_year"][p.index()],
                        &[],
                    );
                    (
                        box_name(p),
                        t.text(
                            "rule.date_part",
                            &[("noun", &sentence(noun)), ("part", &which)],
                        ),
                    )
                }
                DateProblem::NotNumbers => (
                    box_name(DatePart::Day),
                    t.text("rule.date_numbers", &[("noun", &sentence(noun))]),
                ),
                DateProblem::ShortYear => {
                    (box_name(DatePart::Year), t.text("rule.short_year", &[]))
                }
                DateProblem::Impossible => (
                    box_name(DatePart::Day),
                    t.text("rule.date_impossible", &[("noun", &sentence(noun))]),
                ),
                DateProblem::Future => (
                    box_name(DatePart::Day),
                    t.text("rule.date_future", &[("noun", &sentence(noun))]),
                ),
                DateProblem::TooOld => (
                    box_name(DatePart::Year),
                    t.text("rule.date_old", &[("noun", &sentence(noun))]),
                ),
            });
        }
    };
    if let Some(min_age) = field.min_age
        && dates::age_on(date, today) < min_age
    {
        return Err((
            box_name(DatePart::Day),
            t.text(
                "rule.min_age",
                &[("noun", noun), ("age", &min_age.to_string())],
            ),
        ));
    }
    Ok(())
}

fn check_time(
    hour: &str,
    minute: &str,
    noun: &str,
    t: &dyn Texts,
) -> Result<(), (&'static str, String)> {
    if hour.is_empty() {
        return Err(("gio", t.text("rule.hour_missing", &[("noun", noun)])));
    }
    let in_range = |text: &str, max: u32| text.parse::<u32>().ok().filter(|n| *n <= max);
    if in_range(hour, 23).is_none() {
        return Err(("gio", t.text("rule.hour_range", &[])));
    }
    if !minute.is_empty() && in_range(minute, 59).is_none() {
        return Err(("phut", t.text("rule.minute_range", &[])));
    }
    Ok(())
}

/// The item numbers of a repeating group present in the answers, in order.
pub fn group_items(field: &Field, answers: &Answers) -> Vec<usize> {
    let prefix = format!("{}{GROUP_SEPARATOR}", field.id);
    let mut items: Vec<usize> = answers
        .keys()
        .filter_map(|input| input.strip_prefix(&prefix))
        .filter_map(|rest| rest.split(GROUP_SEPARATOR).next()?.parse().ok())
        .collect();
    items.sort_unstable();
    items.dedup();
    items
}

/// One item's copy of a group's sub-field, named `group.n.sub`, with its noun ("người thứ 2").
pub fn item_field(group: &Field, item: &Field, n: usize, t: &dyn Texts) -> Field {
    Field {
        noun: t.text(
            "rule.item_noun",
            &[("noun", &item.noun), ("n", &n.to_string())],
        ),
        ..item_inputs(group, item, n)
    }
}

/// One item's copy of a sub-field, for its input names only.
pub fn item_inputs(group: &Field, item: &Field, n: usize) -> Field {
    Field {
        id: format!(
            "{}{GROUP_SEPARATOR}{n}{GROUP_SEPARATOR}{}",
            group.id, item.id
        ),
        ..item.clone()
    }
}

/// The input holding which item of a group is the main one.
pub fn main_item_input(group: &Field) -> String {
    format!("{}{GROUP_SEPARATOR}chinh", group.id)
}

/// Items where the citizen typed something (a blank row added by mistake is ignored).
pub fn filled_items(field: &Field, answers: &Answers) -> Vec<usize> {
    group_items(field, answers)
        .into_iter()
        .filter(|n| {
            field.items.iter().any(|item| {
                let copy = item_inputs(field, item, *n);
                copy.inputs()
                    .iter()
                    .any(|input| answers.get(input).is_some_and(|v| !v.trim().is_empty()))
            })
        })
        .collect()
}

fn group_errors(
    field: &Field,
    answers: &Answers,
    today: NaiveDate,
    t: &dyn Texts,
) -> Vec<FieldError> {
    let items = filled_items(field, answers);
    if items.is_empty() {
        if !field.required {
            return Vec::new();
        }
        let first_input = field
            .items
            .first()
            .map(|item| item_inputs(field, item, 1).first_input())
            .unwrap_or_default();
        return vec![FieldError {
            field: field.id.clone(),
            input: first_input,
            message: t.text("rule.group_empty", &[("noun", &field.noun)]),
        }];
    }
    let mut errors: Vec<FieldError> = items
        .iter()
        .flat_map(|n| {
            field.items.iter().flat_map(move |item| {
                let copy = item_field(field, item, *n, t);
                field_errors(&copy, answers, today, t)
                    .into_iter()
                    .map(|error| FieldError {
                        field: field.id.clone(),
                        ..error
                    })
            })
        })
        .collect();
    if let Some(max) = field.max_items.filter(|max| items.len() > *max) {
        errors.push(FieldError {
            field: field.id.clone(),
            input: main_item_input(field),
            message: t.text(
                "rule.group_max",
                &[("noun", &field.noun), ("max", &max.to_string())],
            ),
        });
    }
    if field.main_item {
        let main = answers
            .get(&main_item_input(field))
            .and_then(|v| v.parse::<usize>().ok());
        if !main.is_some_and(|main| items.contains(&main)) {
            errors.push(FieldError {
                field: field.id.clone(),
                input: main_item_input(field),
                message: t.text("rule.group_main", &[("noun", &field.noun)]),
            });
        }
    }
    errors
}

fn id_problem(
    field: &Field,
    value: &str,
    answers: &Answers,
    today: NaiveDate,
    t: &dyn Texts,
) -> Option<String> {
    let noun = sentence(&field.noun);
    let number = match id_number::parse(value, field.allow_legacy) {
        Ok(number) => number,
        Err(IdProblem::NotDigits) => return Some(t.text("rule.id_digits", &[("noun", &noun)])),
        Err(IdProblem::UnknownProvince) => {
            return Some(t.text("rule.id_province", &[("noun", &noun)]));
        }
        Err(IdProblem::WrongLength | IdProblem::LegacyNotAccepted) if field.allow_legacy => {
            return Some(t.text("rule.id_length_legacy", &[("noun", &noun)]));
        }
        Err(_) => return Some(t.text("rule.id_length", &[("noun", &noun)])),
    };
    let (
        IdNumber::Citizen {
            sex, birth_year, ..
        },
        Some(check),
    ) = (number, &field.id_check)
    else {
        return None;
    };
    let typed_year = birth_year_answer(&check.birth, answers, today);
    let typed_sex = check
        .sex
        .as_ref()
        .and_then(|id| answers.get(id))
        .and_then(|v| match v.as_str() {
            "Nam" => Some(Sex::Male),
            "Nữ" => Some(Sex::Female),
            _ => None,
        });
    let year_differs = typed_year.is_some_and(|year| year != birth_year);
    let sex_differs = typed_sex.is_some_and(|typed| typed != sex);
    if !year_differs && !sex_differs {
        return None;
    }
    let said = |sex: Sex| {
        t.text(
            if sex == Sex::Male {
                "rule.sex_male"
            } else {
                "rule.sex_female"
            },
            &[],
        )
    };
    let typed = match (typed_sex, typed_year) {
        (Some(s), Some(y)) => t.text(
            "rule.id_typed_both",
            &[("sex", &said(s)), ("year", &y.to_string())],
        ),
        (None, Some(y)) => t.text("rule.id_typed_year", &[("year", &y.to_string())]),
        (Some(s), None) => t.text("rule.id_typed_sex", &[("sex", &said(s))]),
        (None, None) => String::new(),
    };
    Some(t.text(
        "rule.id_mismatch",
        &[
            ("noun", &noun),
            ("sex", &said(sex)),
            ("year", &birth_year.to_string()),
            ("typed", &typed),
            ("field", &field.noun),
        ],
    ))
}

/// The birth year given in a date field (three boxes) or a year field.
fn birth_year_answer(field_id: &str, answers: &Answers, today: NaiveDate) -> Option<i32> {
    let part = |p: &str| {
        answers
            .get(&format!("{field_id}-{p}"))
            .map(String::as_str)
            .unwrap_or("")
    };
    if let Ok(date) = dates::parse_date(part("ngay"), part("thang"), part("nam"), today, false) {
        return Some(date.year());
    }
    answers
        .get(field_id)
        .and_then(|year| dates::parse_year(year, today, false).ok())
}

fn parse_whole_number(value: &str) -> Option<i64> {
    without_spaces(value).replace('.', "").parse::<i64>().ok()
}

/// "50.000.000", "50 000 000 đ", "50,000,000 VND" all mean fifty million đồng.
pub fn parse_money(value: &str) -> Option<i64> {
    let lower = value.trim().to_lowercase();
    let number = ["đồng", "đ", "vnđ", "vnd"]
        .iter()
        .find_map(|unit| lower.strip_suffix(unit))
        .unwrap_or(&lower);
    let digits: String = number
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | ','))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 15 {
        return None;
    }
    digits.parse().ok()
}

/// 50000000 reads "50.000.000".
pub fn thousands(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 { format!("-{out}") } else { out }
}

fn email_problem(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return true;
    };
    local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || value.chars().any(char::is_whitespace)
}

/// The key of what is wrong with a name, if anything.
fn name_problem(value: &str) -> Option<&'static str> {
    if value.chars().any(|c| c.is_ascii_digit()) {
        return Some("rule.name_digits");
    }
    let allowed = |c: char| c.is_alphabetic() || c == ' ' || c == '\'' || c == '-' || c == '.';
    (!value.chars().all(allowed)).then_some("rule.name_letters")
}

fn number_problem(
    field: &Field,
    value: &str,
    number: Option<i64>,
    t: &dyn Texts,
) -> Option<String> {
    let noun = sentence(&field.noun);
    let Some(number) = number else {
        return Some(t.text("rule.number", &[("noun", &noun), ("value", value)]));
    };
    let shown = |n: i64| {
        if field.kind == FieldKind::Money {
            t.text("rule.money_amount", &[("amount", &thousands(n))])
        } else {
            n.to_string()
        }
    };
    match (field.min, field.max) {
        (Some(min), Some(max)) if number < min || number > max => Some(t.text(
            "rule.number_between",
            &[("noun", &noun), ("min", &shown(min)), ("max", &shown(max))],
        )),
        (Some(min), None) if number < min => {
            Some(t.text("rule.number_min", &[("noun", &noun), ("min", &shown(min))]))
        }
        (None, Some(max)) if number > max => {
            Some(t.text("rule.number_max", &[("noun", &noun), ("max", &shown(max))]))
        }
        _ => None,
    }
}

/// Vietnamese mobile numbers: 0 and nine digits, or +84 / 84 and nine digits.
fn phone_problem(value: &str) -> bool {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("+84") {
        format!("0{rest}")
    } else if digits.len() == 11 && digits.starts_with("84") {
        format!("0{}", &digits[2..])
    } else {
        digits
    };
    let digits_only = national.chars().all(|c| c.is_ascii_digit());
    // Mobiles have 10 digits; landlines 11, starting 02 (0262 for Đắk Lắk).
    let mobile = national.len() == 10 && national.starts_with('0');
    let landline = national.len() == 11 && national.starts_with("02");
    !(digits_only && (mobile || landline))
}

fn without_spaces(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The noun phrase at the start of a sentence.
fn sentence(noun: &str) -> String {
    let mut chars = noun.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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

/// An attachment answer is `id/file name`; the citizen sees the file name.
pub fn attachment_name(answer: &str) -> String {
    answer
        .split_once('/')
        .map(|(_, name)| name.to_string())
        .unwrap_or_default()
}

/// "nguyễn văn an" reads "Nguyễn Văn An"; Vietnamese letters stay as typed.
pub fn capitalise_words(name: &str) -> String {
    name.split_whitespace()
        .map(sentence)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_texts::VI;

    fn field(kind: FieldKind) -> Field {
        Field {
            id: "f".into(),
            label: "F".into(),
            noun: "ngày sinh của trẻ".into(),
            kind,
            required: true,
            not_future: true,
            options: vec!["Nam".into(), "Nữ".into()],
            ..Default::default()
        }
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn a_future_birth_date_is_refused_with_a_plain_message() {
        let error = check_field(
            &field(FieldKind::Date),
            &answers(&[("f-ngay", "1"), ("f-thang", "1"), ("f-nam", "2027")]),
            today(),
            &VI,
        )
        .unwrap_err();
        assert_eq!(
            error.message,
            "Ngày sinh của trẻ không thể sau ngày hôm nay."
        );
        assert_eq!(error.input, "f-ngay");
    }

    #[test]
    fn a_missing_month_points_at_the_month_box() {
        let error = check_field(
            &field(FieldKind::Date),
            &answers(&[("f-ngay", "1"), ("f-nam", "2026")]),
            today(),
            &VI,
        )
        .unwrap_err();
        assert_eq!(error.input, "f-thang");
        assert!(error.message.contains("tháng"));
    }

    #[test]
    fn an_impossible_date_is_named_as_such() {
        let error = check_field(
            &field(FieldKind::Date),
            &answers(&[("f-ngay", "30"), ("f-thang", "2"), ("f-nam", "2026")]),
            today(),
            &VI,
        )
        .unwrap_err();
        assert!(error.message.contains("không có thật"));
    }

    #[test]
    fn an_empty_required_name_is_refused_but_an_optional_one_is_not() {
        let mut name = field(FieldKind::Name);
        name.noun = "họ và tên của trẻ".into();
        let error = check_field(&name, &answers(&[("f", "   ")]), today(), &VI).unwrap_err();
        assert_eq!(error.message, "Hãy nhập họ và tên của trẻ.");
        name.required = false;
        assert!(check_field(&name, &answers(&[]), today(), &VI).is_ok());
    }

    #[test]
    fn names_keep_vietnamese_letters_and_refuse_digits() {
        let name = field(FieldKind::Name);
        assert!(
            check_field(
                &name,
                &answers(&[("f", "Nguyễn Thị Ánh Tuyết")]),
                today(),
                &VI
            )
            .is_ok()
        );
        assert!(check_field(&name, &answers(&[("f", "H'Hen Niê")]), today(), &VI).is_ok());
        assert!(check_field(&name, &answers(&[("f", "An 2")]), today(), &VI).is_err());
        assert!(check_field(&name, &answers(&[("f", &"a".repeat(101))]), today(), &VI).is_err());
        assert_eq!(capitalise_words("  nguyễn   văn ánh "), "Nguyễn Văn Ánh");
    }

    #[test]
    fn choices_must_be_one_of_the_options() {
        let choice = field(FieldKind::Choice);
        assert!(check_field(&choice, &answers(&[("f", "Nữ")]), today(), &VI).is_ok());
        assert!(check_field(&choice, &answers(&[("f", "Khác")]), today(), &VI).is_err());
        let error = check_field(&choice, &answers(&[]), today(), &VI).unwrap_err();
        assert!(error.message.starts_with("Hãy chọn"));
    }

    #[test]
    fn phone_numbers_in_the_ways_people_write_them() {
        let phone = field(FieldKind::Phone);
        for ok in [
            "0912345678",
            "0912 345 678",
            "+84912345678",
            "84 912 345 678",
            "0912.345.678",
        ] {
            assert!(
                check_field(&phone, &answers(&[("f", ok)]), today(), &VI).is_ok(),
                "{ok}"
            );
        }
        assert!(check_field(&phone, &answers(&[("f", "0262 3852 123")]), today(), &VI).is_ok());
        for bad in ["091234567", "1912345678", "09123456789", "phone"] {
            assert!(
                check_field(&phone, &answers(&[("f", bad)]), today(), &VI).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn id_numbers_allow_spaces_and_legacy_cards_only_where_allowed() {
        let mut id = field(FieldKind::IdNumber);
        assert!(check_field(&id, &answers(&[("f", "066 190 012 345")]), today(), &VI).is_ok());
        assert!(check_field(&id, &answers(&[("f", "241234567")]), today(), &VI).is_err());
        id.allow_legacy = true;
        assert!(check_field(&id, &answers(&[("f", "241234567")]), today(), &VI).is_ok());
        assert!(check_field(&id, &answers(&[("f", "06619001234")]), today(), &VI).is_err());
    }

    fn owner_id() -> Field {
        Field {
            noun: "số căn cước của chủ hộ".into(),
            id_check: Some(crate::procedure::IdCheck {
                birth: "dob".into(),
                sex: Some("sex".into()),
            }),
            ..field(FieldKind::IdNumber)
        }
    }

    #[test]
    fn an_id_number_must_agree_with_the_birth_date_and_sex() {
        let born_1990_female = [
            ("dob-ngay", "5"),
            ("dob-thang", "6"),
            ("dob-nam", "1990"),
            ("sex", "Nữ"),
        ];
        let mut typed = answers(&born_1990_female);
        typed.insert("f".into(), "066190012345".into());
        assert!(check_field(&owner_id(), &typed, today(), &VI).is_ok());
        typed.insert("f".into(), "066090012345".into());
        let error = check_field(&owner_id(), &typed, today(), &VI).unwrap_err();
        assert!(
            error.message.contains("ngày sinh và giới tính"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("nam sinh năm 1990"),
            "{}",
            error.message
        );
        typed.insert("f".into(), "066191012345".into());
        let error = check_field(&owner_id(), &typed, today(), &VI).unwrap_err();
        assert!(error.message.contains("sinh năm 1991"), "{}", error.message);
        // The birth date asked later: nothing to compare with yet.
        let alone = answers(&[("f", "066091012345")]);
        assert!(check_field(&owner_id(), &alone, today(), &VI).is_ok());
    }

    #[test]
    fn brides_must_be_eighteen() {
        let mut bride = field(FieldKind::Date);
        bride.min_age = Some(18);
        let born = |y: &str| answers(&[("f-ngay", "25"), ("f-thang", "11"), ("f-nam", y)]);
        assert!(check_field(&bride, &born("2008"), today(), &VI).is_err());
        assert!(check_field(&bride, &born("2007"), today(), &VI).is_ok());
    }

    #[test]
    fn money_in_the_ways_people_write_it() {
        let mut capital = field(FieldKind::Money);
        capital.noun = "vốn kinh doanh".into();
        capital.min = Some(1);
        for ok in ["50.000.000", "50 000 000 đ", "50,000,000 VND", "50000000"] {
            assert!(
                check_field(&capital, &answers(&[("f", ok)]), today(), &VI).is_ok(),
                "{ok}"
            );
        }
        assert!(check_field(&capital, &answers(&[("f", "năm mươi triệu")]), today(), &VI).is_err());
        assert!(check_field(&capital, &answers(&[("f", "0")]), today(), &VI).is_err());
        assert_eq!(
            display_value(&capital, &answers(&[("f", "50000000")]), today(), &VI),
            "50.000.000 đồng"
        );
        assert_eq!(thousands(1_234), "1.234");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn email_is_optional_but_checked_when_given() {
        let mut email = field(FieldKind::Email);
        email.required = false;
        assert!(check_field(&email, &answers(&[]), today(), &VI).is_ok());
        assert!(
            check_field(
                &email,
                &answers(&[("f", "an.nguyen@vidu.vn")]),
                today(),
                &VI
            )
            .is_ok()
        );
        for bad in ["an.nguyen", "an@vidu", "an @vidu.vn", "@vidu.vn"] {
            assert!(
                check_field(&email, &answers(&[("f", bad)]), today(), &VI).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_undertaking_must_be_ticked() {
        let mut undertaking = field(FieldKind::Undertaking);
        undertaking.noun = "cam kết đã trả hết nợ và thuế".into();
        let error = check_field(&undertaking, &answers(&[]), today(), &VI).unwrap_err();
        assert_eq!(
            error.message,
            "Hãy đánh dấu vào ô để cam kết đã trả hết nợ và thuế."
        );
        assert!(check_field(&undertaking, &answers(&[("f", "co")]), today(), &VI).is_ok());
    }

    #[test]
    fn a_time_of_death_needs_a_valid_hour() {
        let death = field(FieldKind::DateTime);
        let at = |h: &str, m: &str| {
            answers(&[
                ("f-ngay", "20"),
                ("f-thang", "11"),
                ("f-nam", "2026"),
                ("f-gio", h),
                ("f-phut", m),
            ])
        };
        assert!(check_field(&death, &at("14", "30"), today(), &VI).is_ok());
        assert_eq!(
            check_field(&death, &at("", ""), today(), &VI)
                .unwrap_err()
                .input,
            "f-gio"
        );
        assert_eq!(
            check_field(&death, &at("25", "0"), today(), &VI)
                .unwrap_err()
                .input,
            "f-gio"
        );
        assert_eq!(
            check_field(&death, &at("9", "75"), today(), &VI)
                .unwrap_err()
                .input,
            "f-phut"
        );
        assert_eq!(
            display_value(&death, &at("9", "5"), today(), &VI),
            "9 giờ 05, ngày 20/11/2026"
        );
    }

    fn address() -> Field {
        Field {
            noun: "địa chỉ kinh doanh".into(),
            units: vec![crate::procedure::Province {
                name: "Tỉnh Đắk Lắk".into(),
                units: vec!["Phường Ea Kao".into(), "Xã Hòa Phú".into()],
            }],
            ..field(FieldKind::Address)
        }
    }

    #[test]
    fn an_address_needs_a_known_commune_of_its_province_and_a_street() {
        let at =
            |p: &str, x: &str, s: &str| answers(&[("f-tinh", p), ("f-xa", x), ("f-so-nha", s)]);
        assert!(
            check_field(
                &address(),
                &at("Tỉnh Đắk Lắk", "Phường Ea Kao", "12 Lê Lợi"),
                today(),
                &VI
            )
            .is_ok()
        );
        assert_eq!(
            check_field(&address(), &at("", "", ""), today(), &VI)
                .unwrap_err()
                .input,
            "f-tinh"
        );
        assert_eq!(
            check_field(
                &address(),
                &at("Tỉnh Đắk Lắk", "Phường Tân Lập", "1"),
                today(),
                &VI
            )
            .unwrap_err()
            .input,
            "f-xa"
        );
        assert_eq!(
            check_field(
                &address(),
                &at("Tỉnh Đắk Lắk", "Xã Hòa Phú", " "),
                today(),
                &VI
            )
            .unwrap_err()
            .input,
            "f-so-nha"
        );
        assert_eq!(
            display_value(
                &address(),
                &at("Tỉnh Đắk Lắk", "Phường Ea Kao", "12 Lê Lợi"),
                today(),
                &VI
            ),
            "12 Lê Lợi, Phường Ea Kao, Tỉnh Đắk Lắk"
        );
    }

    fn business_lines() -> Field {
        Field {
            id: "nganh".into(),
            noun: "ngành nghề kinh doanh".into(),
            main_item: true,
            max_items: Some(3),
            items: vec![
                Field {
                    id: "ten".into(),
                    noun: "tên ngành".into(),
                    kind: FieldKind::Text,
                    required: true,
                    ..Default::default()
                },
                Field {
                    id: "ma".into(),
                    noun: "mã ngành".into(),
                    kind: FieldKind::Text,
                    required: true,
                    digits: Some(4),
                    ..Default::default()
                },
            ],
            ..field(FieldKind::Group)
        }
    }

    #[test]
    fn business_lines_need_a_four_digit_code_and_one_main_line() {
        let lines = business_lines();
        let mut typed = answers(&[
            ("nganh.1.ten", "Bán lẻ cà phê"),
            ("nganh.1.ma", "4722"),
            ("nganh.2.ten", "Dịch vụ ăn uống"),
            ("nganh.2.ma", "56 10"),
            ("nganh.3.ten", ""),
            ("nganh.3.ma", ""),
            ("nganh.chinh", "2"),
        ]);
        assert_eq!(field_errors(&lines, &typed, today(), &VI), vec![]);
        assert_eq!(filled_items(&lines, &typed), vec![1, 2]);
        assert_eq!(
            display_value(&lines, &typed, today(), &VI),
            "Bán lẻ cà phê – 4722; Dịch vụ ăn uống – 56 10 (chính)"
        );
        typed.insert("nganh.1.ma".into(), "472".into());
        typed.insert("nganh.chinh".into(), "3".into());
        let errors = field_errors(&lines, &typed, today(), &VI);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].input, "nganh.1.ma");
        assert!(errors[0].message.contains("4 chữ số"));
        assert_eq!(errors[1].input, "nganh.chinh");
        let empty = answers(&[("nganh.1.ten", " ")]);
        assert_eq!(
            field_errors(&lines, &empty, today(), &VI)[0].input,
            "nganh.1.ten"
        );
    }

    #[test]
    fn numbers_respect_their_range() {
        let mut count = field(FieldKind::Number);
        count.noun = "số bản sao".into();
        count.min = Some(1);
        count.max = Some(10);
        assert!(check_field(&count, &answers(&[("f", "2")]), today(), &VI).is_ok());
        let error = check_field(&count, &answers(&[("f", "11")]), today(), &VI).unwrap_err();
        assert_eq!(error.message, "Số bản sao phải từ 1 đến 10.");
        assert!(check_field(&count, &answers(&[("f", "hai")]), today(), &VI).is_err());
    }

    #[test]
    fn years_alone_are_checked() {
        let mut year = field(FieldKind::Year);
        year.noun = "năm sinh của mẹ".into();
        assert!(check_field(&year, &answers(&[("f", "1995")]), today(), &VI).is_ok());
        assert!(check_field(&year, &answers(&[("f", "95")]), today(), &VI).is_err());
        assert!(check_field(&year, &answers(&[("f", "2030")]), today(), &VI).is_err());
    }
}
