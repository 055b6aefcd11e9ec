//! Checking one field's answer, with messages a citizen can act on, in plain Vietnamese.

use super::dates::{self, DatePart, DateProblem};
use crate::catalog::{Answers, Field, FieldKind, NO, Step, YES};
use chrono::NaiveDate;
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

/// Checks every field of a step; the errors come in the order of the fields.
pub fn check_step(step: &Step, answers: &Answers, today: NaiveDate) -> Vec<FieldError> {
    step.fields
        .iter()
        .filter_map(|field| check_field(field, answers, today).err())
        .collect()
}

pub fn check_field(field: &Field, answers: &Answers, today: NaiveDate) -> Result<(), FieldError> {
    let fail = |input: String, message: String| FieldError {
        field: field.id.clone(),
        input,
        message,
    };
    let noun = &field.noun;
    if field.kind == FieldKind::Date {
        let part = |name: &str| {
            answers
                .get(&field.part_input(name))
                .map(String::as_str)
                .unwrap_or("")
        };
        let [day, month, year] = dates::PARTS.map(part);
        return match dates::parse_date(day, month, year, today, field.not_future) {
            Ok(_) => Ok(()),
            Err(DateProblem::Missing) if !field.required => Ok(()),
            Err(problem) => {
                let box_name = |p: DatePart| field.part_input(dates::PARTS[p.index()]);
                let (input, message) = match problem {
                    DateProblem::Missing => (box_name(DatePart::Day), format!("Hãy nhập {noun}.")),
                    DateProblem::Incomplete(p) => {
                        let which = ["ngày", "tháng", "năm"][p.index()];
                        (
                            box_name(p),
                            format!("{} phải có cả {which}.", sentence(noun)),
                        )
                    }
                    DateProblem::NotNumbers => (
                        box_name(DatePart::Day),
                        format!(
                            "{} chỉ được nhập bằng chữ số, ví dụ 27 3 2024.",
                            sentence(noun)
                        ),
                    ),
                    DateProblem::ShortYear => (
                        box_name(DatePart::Year),
                        "Năm phải có đủ 4 chữ số, ví dụ 2024.".to_string(),
                    ),
                    DateProblem::Impossible => (
                        box_name(DatePart::Day),
                        format!(
                            "{} không có thật: hãy xem lại ngày và tháng.",
                            sentence(noun)
                        ),
                    ),
                    DateProblem::Future => (
                        box_name(DatePart::Day),
                        format!("{} không thể sau ngày hôm nay.", sentence(noun)),
                    ),
                    DateProblem::TooOld => (
                        box_name(DatePart::Year),
                        format!("{} phải từ năm 1900 trở về sau.", sentence(noun)),
                    ),
                };
                Err(fail(input, message))
            }
        };
    }

    let input = field.id.clone();
    let value = answers.get(&field.id).map(|v| v.trim()).unwrap_or("");
    if value.is_empty() {
        if !field.required {
            return Ok(());
        }
        let verb = match field.kind {
            FieldKind::Choice | FieldKind::Select | FieldKind::YesNo => "chọn",
            _ => "nhập",
        };
        return Err(fail(input, format!("Hãy {verb} {noun}.")));
    }
    let max_len = field.max_len.unwrap_or(match field.kind {
        FieldKind::Name => NAME_MAX_LEN,
        _ => DEFAULT_MAX_LEN,
    });
    if value.chars().count() > max_len {
        return Err(fail(
            input,
            format!("{} không được dài quá {max_len} ký tự.", sentence(noun)),
        ));
    }
    let problem = match field.kind {
        FieldKind::Text | FieldKind::Date => None,
        FieldKind::Name => name_problem(value).map(|p| format!("{} {p}", sentence(noun))),
        FieldKind::Year => match dates::parse_year(value, today, field.not_future) {
            Ok(_) => None,
            Err(DateProblem::Future) => Some(format!("{} không thể sau năm nay.", sentence(noun))),
            Err(DateProblem::TooOld) => {
                Some(format!("{} phải từ năm 1900 trở về sau.", sentence(noun)))
            }
            Err(_) => Some(format!(
                "{} phải là năm có 4 chữ số, ví dụ 1990.",
                sentence(noun)
            )),
        },
        FieldKind::Choice | FieldKind::Select => {
            (!field.options.iter().any(|option| option == value))
                .then(|| format!("Hãy chọn {noun} trong danh sách."))
        }
        FieldKind::YesNo => {
            (value != YES && value != NO).then(|| format!("Hãy chọn Có hoặc Không cho {noun}."))
        }
        FieldKind::Number => number_problem(field, value),
        FieldKind::Phone => phone_problem(value).then(|| {
            "Số điện thoại phải có 10 chữ số và bắt đầu bằng 0, ví dụ 0912 345 678.".to_string()
        }),
        FieldKind::IdNumber => {
            let digits = without_spaces(value);
            let ok = digits.chars().all(|c| c.is_ascii_digit()) && matches!(digits.len(), 9 | 12);
            (!ok).then(|| {
                format!(
                    "{} phải có 12 chữ số (căn cước) hoặc 9 chữ số (chứng minh nhân dân cũ).",
                    sentence(noun)
                )
            })
        }
    };
    match problem {
        Some(message) => Err(fail(input, message)),
        None => Ok(()),
    }
}

fn name_problem(value: &str) -> Option<&'static str> {
    if value.chars().any(|c| c.is_ascii_digit()) {
        return Some("không được có chữ số.");
    }
    let allowed = |c: char| c.is_alphabetic() || c == ' ' || c == '\'' || c == '-' || c == '.';
    (!value.chars().all(allowed))
        .then_some("chỉ được có chữ cái, dấu cách, dấu nháy (') hoặc gạch nối (-).")
}

fn number_problem(field: &Field, value: &str) -> Option<String> {
    let noun = sentence(&field.noun);
    let Ok(number) = without_spaces(value).replace('.', "").parse::<i64>() else {
        return Some(format!("{noun} phải là một số, ví dụ 2."));
    };
    match (field.min, field.max) {
        (Some(min), Some(max)) if number < min || number > max => {
            Some(format!("{noun} phải từ {min} đến {max}."))
        }
        (Some(min), None) if number < min => Some(format!("{noun} phải từ {min} trở lên.")),
        (None, Some(max)) if number > max => Some(format!("{noun} không được quá {max}.")),
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
    !(national.len() == 10
        && national.starts_with('0')
        && national.chars().all(|c| c.is_ascii_digit()))
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
pub fn display_value(field: &Field, answers: &Answers, today: NaiveDate) -> String {
    let get = |input: &str| {
        answers
            .get(input)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    match field.kind {
        FieldKind::Date => {
            let [day, month, year] = dates::PARTS.map(|part| get(&field.part_input(part)));
            dates::parse_date(&day, &month, &year, today, false)
                .map(dates::format_date)
                .unwrap_or_default()
        }
        FieldKind::YesNo => match get(&field.id).as_str() {
            YES => "Có".into(),
            NO => "Không".into(),
            _ => String::new(),
        },
        FieldKind::Name => capitalise_words(&get(&field.id)),
        FieldKind::IdNumber => without_spaces(&get(&field.id)),
        _ => get(&field.id),
    }
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

    fn field(kind: FieldKind) -> Field {
        Field {
            id: "f".into(),
            label: "F".into(),
            noun: "ngày sinh của trẻ".into(),
            hint: None,
            kind,
            required: true,
            max_len: None,
            min: None,
            max: None,
            not_future: true,
            options: vec!["Nam".into(), "Nữ".into()],
            options_list: None,
            default: None,
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
        )
        .unwrap_err();
        assert!(error.message.contains("không có thật"));
    }

    #[test]
    fn an_empty_required_name_is_refused_but_an_optional_one_is_not() {
        let mut name = field(FieldKind::Name);
        name.noun = "họ và tên của trẻ".into();
        let error = check_field(&name, &answers(&[("f", "   ")]), today()).unwrap_err();
        assert_eq!(error.message, "Hãy nhập họ và tên của trẻ.");
        name.required = false;
        assert!(check_field(&name, &answers(&[]), today()).is_ok());
    }

    #[test]
    fn names_keep_vietnamese_letters_and_refuse_digits() {
        let name = field(FieldKind::Name);
        assert!(check_field(&name, &answers(&[("f", "Nguyễn Thị Ánh Tuyết")]), today()).is_ok());
        assert!(check_field(&name, &answers(&[("f", "H'Hen Niê")]), today()).is_ok());
        assert!(check_field(&name, &answers(&[("f", "An 2")]), today()).is_err());
        assert!(check_field(&name, &answers(&[("f", &"a".repeat(101))]), today()).is_err());
        assert_eq!(capitalise_words("  nguyễn   văn ánh "), "Nguyễn Văn Ánh");
    }

    #[test]
    fn choices_must_be_one_of_the_options() {
        let choice = field(FieldKind::Choice);
        assert!(check_field(&choice, &answers(&[("f", "Nữ")]), today()).is_ok());
        assert!(check_field(&choice, &answers(&[("f", "Khác")]), today()).is_err());
        let error = check_field(&choice, &answers(&[]), today()).unwrap_err();
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
                check_field(&phone, &answers(&[("f", ok)]), today()).is_ok(),
                "{ok}"
            );
        }
        for bad in ["091234567", "1912345678", "09123456789", "phone"] {
            assert!(
                check_field(&phone, &answers(&[("f", bad)]), today()).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn id_numbers_allow_spaces_and_legacy_cards() {
        let id = field(FieldKind::IdNumber);
        assert!(check_field(&id, &answers(&[("f", "066 190 012 345")]), today()).is_ok());
        assert!(check_field(&id, &answers(&[("f", "241234567")]), today()).is_ok());
        assert!(check_field(&id, &answers(&[("f", "06619001234")]), today()).is_err());
    }

    #[test]
    fn numbers_respect_their_range() {
        let mut count = field(FieldKind::Number);
        count.noun = "số bản sao".into();
        count.min = Some(1);
        count.max = Some(10);
        assert!(check_field(&count, &answers(&[("f", "2")]), today()).is_ok());
        let error = check_field(&count, &answers(&[("f", "11")]), today()).unwrap_err();
        assert_eq!(error.message, "Số bản sao phải từ 1 đến 10.");
        assert!(check_field(&count, &answers(&[("f", "hai")]), today()).is_err());
    }

    #[test]
    fn years_alone_are_checked() {
        let mut year = field(FieldKind::Year);
        year.noun = "năm sinh của mẹ".into();
        assert!(check_field(&year, &answers(&[("f", "1995")]), today()).is_ok());
        assert!(check_field(&year, &answers(&[("f", "95")]), today()).is_err());
        assert!(check_field(&year, &answers(&[("f", "2030")]), today()).is_err());
    }
}
