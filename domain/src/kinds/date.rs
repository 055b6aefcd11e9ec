//! Dates, typed in three boxes: day, month, year.

use crate::Lang;
use crate::dates::{self, DatePart, DateProblem};
use crate::field::{Answers, Field};
use crate::problem::{Arg, Problem};
use chrono::{Datelike, NaiveDate};

pub const DAY: &str = "ngay";
pub const MONTH: &str = "thang";
pub const YEAR: &str = "nam";
/// The boxes of a date, in the order they are shown.
pub const PARTS: [&str; 3] = [DAY, MONTH, YEAR];

/// The box to point at and the problem, for a date that cannot be accepted.
pub(super) fn check(
    field: &Field,
    noun: &Arg,
    answers: &Answers,
    today: NaiveDate,
) -> Result<(), (String, Problem)> {
    let part = |name: &str| {
        answers
            .get(&field.part_input(name))
            .map(String::as_str)
            .unwrap_or("")
    };
    let [day, month, year] = PARTS.map(part);
    let box_name = |p: DatePart| field.part_input(PARTS[p.index()]);
    let sentence = || noun.capitalised();
    let date = match dates::parse_date(day, month, year, today, field.not_future) {
        Ok(date) => date,
        Err(DateProblem::Missing) if !field.required => return Ok(()),
        Err(problem) => {
            let (part, problem) = match problem {
                DateProblem::Missing => {
                    (DatePart::Day, Problem::new("rule.enter").with("noun", noun))
                }
                DateProblem::Incomplete(p) => {
                    let which = ["rule.part_day", "rule.part_month", "rule.part_year"][p.index()];
                    (
                        p,
                        Problem::new("rule.date_part")
                            .with("noun", sentence())
                            .with("part", Problem::new(which)),
                    )
                }
                DateProblem::NotNumbers => (
                    DatePart::Day,
                    Problem::new("rule.date_numbers").with("noun", sentence()),
                ),
                DateProblem::ShortYear => (DatePart::Year, Problem::new("rule.short_year")),
                DateProblem::Impossible => (
                    DatePart::Day,
                    Problem::new("rule.date_impossible").with("noun", sentence()),
                ),
                DateProblem::Future => (
                    DatePart::Day,
                    Problem::new("rule.date_future").with("noun", sentence()),
                ),
                DateProblem::TooOld => (
                    DatePart::Year,
                    Problem::new("rule.date_old").with("noun", sentence()),
                ),
            };
            return Err((box_name(part), problem));
        }
    };
    if let Some(min_age) = field.min_age
        && dates::age_on(date, today) < min_age
    {
        return Err((
            box_name(DatePart::Day),
            Problem::new("rule.min_age")
                .with("noun", noun)
                .with("age", min_age.to_string()),
        ));
    }
    Ok(())
}

/// The date as the reader's language writes it ("" when it is not a date).
pub(super) fn display(field: &Field, answers: &Answers, today: NaiveDate, lang: Lang) -> String {
    let [day, month, year] = PARTS.map(|part| super::answer(answers, &field.part_input(part)));
    dates::parse_date(&day, &month, &year, today, false)
        .map(|date| dates::format_date_in(date, lang))
        .unwrap_or_default()
}

/// The birth year given in a date field (three boxes) or a year field.
pub(super) fn birth_year_answer(
    field_id: &str,
    answers: &Answers,
    today: NaiveDate,
) -> Option<i32> {
    let part = |p: &str| {
        answers
            .get(&format!("{field_id}-{p}"))
            .map(String::as_str)
            .unwrap_or("")
    };
    if let Ok(date) = dates::parse_date(part(DAY), part(MONTH), part(YEAR), today, false) {
        return Some(date.year());
    }
    answers
        .get(field_id)
        .and_then(|year| dates::parse_year(year, today, false).ok())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::FieldKind;

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
    fn brides_must_be_eighteen() {
        let mut bride = field(FieldKind::Date);
        bride.min_age = Some(18);
        let born = |y: &str| answers(&[("f-ngay", "25"), ("f-thang", "11"), ("f-nam", y)]);
        assert!(check_field(&bride, &born("2008"), today(), &VI).is_err());
        assert!(check_field(&bride, &born("2007"), today(), &VI).is_ok());
    }
}
