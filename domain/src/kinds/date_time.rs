//! A date and a time of day (the time of death): three date boxes, then hour and minute.

use crate::Texts;
use crate::field::{Answers, Field};
use crate::problem::{Arg, Problem};
use chrono::NaiveDate;

use super::date::{DAY, MONTH, YEAR};

pub const HOUR: &str = "gio";
pub const MINUTE: &str = "phut";
pub const PARTS: [&str; 5] = [DAY, MONTH, YEAR, HOUR, MINUTE];

pub(super) fn check(
    field: &Field,
    noun: &Arg,
    answers: &Answers,
    today: NaiveDate,
) -> Result<(), (String, Problem)> {
    super::date::check(field, noun, answers, today)?;
    let get = |part: &str| super::answer(answers, &field.part_input(part));
    let date_given = !get(DAY).is_empty();
    match check_time(&get(HOUR), &get(MINUTE), noun) {
        // An optional time of day is asked only once the date is there.
        Err((part, problem)) if date_given || field.required => {
            Err((field.part_input(part), problem))
        }
        _ => Ok(()),
    }
}

fn check_time(hour: &str, minute: &str, noun: &Arg) -> Result<(), (&'static str, Problem)> {
    if hour.is_empty() {
        return Err((HOUR, Problem::new("rule.hour_missing").with("noun", noun)));
    }
    let in_range = |text: &str, max: u32| text.parse::<u32>().ok().filter(|n| *n <= max);
    if in_range(hour, 23).is_none() {
        return Err((HOUR, Problem::new("rule.hour_range")));
    }
    if !minute.is_empty() && in_range(minute, 59).is_none() {
        return Err((MINUTE, Problem::new("rule.minute_range")));
    }
    Ok(())
}

/// "9 giờ 05, ngày 20/11/2026"; the date alone when no hour was given.
pub(super) fn display(field: &Field, answers: &Answers, today: NaiveDate, t: &dyn Texts) -> String {
    let get = |part: &str| super::answer(answers, &field.part_input(part));
    let (hour, minute) = (get(HOUR), get(MINUTE));
    let minute = if minute.is_empty() {
        "00".to_string()
    } else {
        format!("{minute:0>2}")
    };
    match (
        hour.is_empty(),
        super::date::display(field, answers, today, t.lang()),
    ) {
        (_, date) if date.is_empty() => String::new(),
        (true, date) => date,
        (false, date) => t.text(
            "show.date_time",
            &[("hour", &hour), ("minute", &minute), ("date", &date)],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::FieldKind;

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
        let input = |h: &str, m: &str| {
            check_field(&death, &at(h, m), today(), &VI)
                .unwrap_err()
                .input
        };
        assert_eq!(input("", ""), "f-gio");
        assert_eq!(input("25", "0"), "f-gio");
        assert_eq!(input("9", "75"), "f-phut");
        assert_eq!(
            display_value(&death, &at("9", "5"), today(), &VI),
            "9 giờ 05, ngày 20/11/2026"
        );
    }
}
