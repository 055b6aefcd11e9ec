//! Dates (three boxes) and times (hour, minute).

use super::*;

/// The input to point at and the message, for a date that cannot be accepted.
pub(super) fn check_date(
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

pub(super) fn check_time(
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
    if let Ok(date) = dates::parse_date(part("ngay"), part("thang"), part("nam"), today, false) {
        return Some(date.year());
    }
    answers
        .get(field_id)
        .and_then(|year| dates::parse_year(year, today, false).ok())
}
