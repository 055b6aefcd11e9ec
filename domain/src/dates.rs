//! Dates typed as three boxes (day, month, year), and years typed alone.

use crate::Lang;
use chrono::{Datelike, NaiveDate, NaiveDateTime};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    Missing,
    /// Some boxes are filled and others are not; the first empty one is named.
    Incomplete(DatePart),
    NotNumbers,
    /// The year must have four digits.
    ShortYear,
    /// Such a day does not exist (31/02, month 13...).
    Impossible,
    Future,
    /// Earlier than anyone filing could need (before 1900).
    TooOld,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    Day,
    Month,
    Year,
}

impl DatePart {
    pub fn index(self) -> usize {
        match self {
            DatePart::Day => 0,
            DatePart::Month => 1,
            DatePart::Year => 2,
        }
    }
}

const EARLIEST_YEAR: i32 = 1900;

/// Reads a date from its three boxes. Spaces are ignored and "5" means "05".
pub fn parse_date(
    day: &str,
    month: &str,
    year: &str,
    today: NaiveDate,
    not_future: bool,
) -> Result<NaiveDate, DateProblem> {
    let parts = [day.trim(), month.trim(), year.trim()];
    if parts.iter().all(|part| part.is_empty()) {
        return Err(DateProblem::Missing);
    }
    if let Some(index) = parts.iter().position(|part| part.is_empty()) {
        let part = [DatePart::Day, DatePart::Month, DatePart::Year][index];
        return Err(DateProblem::Incomplete(part));
    }
    let numbers: Vec<u32> = parts
        .iter()
        .map(|part| part.parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| DateProblem::NotNumbers)?;
    if parts[2].len() != 4 {
        return Err(DateProblem::ShortYear);
    }
    let year = numbers[2] as i32;
    let date =
        NaiveDate::from_ymd_opt(year, numbers[1], numbers[0]).ok_or(DateProblem::Impossible)?;
    if year < EARLIEST_YEAR {
        return Err(DateProblem::TooOld);
    }
    if not_future && date > today {
        return Err(DateProblem::Future);
    }
    Ok(date)
}

/// Reads a year typed alone (a parent's year of birth).
pub fn parse_year(text: &str, today: NaiveDate, not_future: bool) -> Result<i32, DateProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DateProblem::Missing);
    }
    let year: i32 = text.parse().map_err(|_| DateProblem::NotNumbers)?;
    if text.len() != 4 {
        return Err(DateProblem::ShortYear);
    }
    if year < EARLIEST_YEAR {
        return Err(DateProblem::TooOld);
    }
    if not_future && year > today.year() {
        return Err(DateProblem::Future);
    }
    Ok(year)
}

/// Full years between a date of birth and `today`.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> u32 {
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age.max(0) as u32
}

/// "05/11/2026" as Vietnamese forms write dates; "5 November 2026" in English, where a
/// day-first number would be misread by an American reader.
pub fn format_date_in(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => date.format("%d/%m/%Y").to_string(),
        Lang::En => date.format("%-d %B %Y").to_string(),
    }
}

/// A moment as `lang` writes it: "14:05 05/11/2026", or "5 November 2026, 14:05".
pub fn format_date_time_in(at: NaiveDateTime, lang: Lang) -> String {
    let date = format_date_in(at.date(), lang);
    let time = at.format("%H:%M");
    match lang {
        Lang::Vi => format!("{time} {date}"),
        Lang::En => format!("{date}, {time}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn accepts_single_digits_and_spaces() {
        assert_eq!(
            parse_date(" 5", "3 ", "2026", today(), true),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap())
        );
    }

    #[test]
    fn names_the_first_missing_box() {
        assert_eq!(
            parse_date("", "", "", today(), true),
            Err(DateProblem::Missing)
        );
        assert_eq!(
            parse_date("5", "", "2026", today(), true),
            Err(DateProblem::Incomplete(DatePart::Month))
        );
        assert_eq!(
            parse_date("5", "3", "", today(), true),
            Err(DateProblem::Incomplete(DatePart::Year))
        );
    }

    #[test]
    fn refuses_impossible_and_future_dates() {
        assert_eq!(
            parse_date("31", "2", "2026", today(), true),
            Err(DateProblem::Impossible)
        );
        assert_eq!(
            parse_date("29", "2", "2023", today(), true),
            Err(DateProblem::Impossible)
        );
        assert!(parse_date("29", "2", "2024", today(), true).is_ok());
        assert_eq!(
            parse_date("1", "13", "2026", today(), true),
            Err(DateProblem::Impossible)
        );
        assert_eq!(
            parse_date("25", "11", "2026", today(), true),
            Err(DateProblem::Future)
        );
        assert!(parse_date("24", "11", "2026", today(), true).is_ok());
        assert!(parse_date("25", "11", "2026", today(), false).is_ok());
    }

    #[test]
    fn refuses_two_digit_years_and_letters() {
        assert_eq!(
            parse_date("1", "1", "26", today(), true),
            Err(DateProblem::ShortYear)
        );
        assert_eq!(
            parse_date("a", "1", "2026", today(), true),
            Err(DateProblem::NotNumbers)
        );
        assert_eq!(
            parse_date("1", "1", "1850", today(), true),
            Err(DateProblem::TooOld)
        );
    }

    #[test]
    fn ages_count_whole_years() {
        let birth = NaiveDate::from_ymd_opt(2008, 11, 25).unwrap();
        assert_eq!(age_on(birth, today()), 17);
        assert_eq!(
            age_on(birth, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
            18
        );
    }

    #[test]
    fn dates_read_as_each_language_writes_them() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
        assert_eq!(format_date_in(date, Lang::Vi), "05/11/2026");
        assert_eq!(format_date_in(date, Lang::En), "5 November 2026");
        let at = date.and_hms_opt(14, 5, 0).unwrap();
        assert_eq!(format_date_time_in(at, Lang::Vi), "14:05 05/11/2026");
        assert_eq!(format_date_time_in(at, Lang::En), "5 November 2026, 14:05");
    }

    #[test]
    fn years_alone() {
        assert_eq!(parse_year(" 1990 ", today(), true), Ok(1990));
        assert_eq!(parse_year("90", today(), true), Err(DateProblem::ShortYear));
        assert_eq!(parse_year("2027", today(), true), Err(DateProblem::Future));
        assert_eq!(parse_year("", today(), true), Err(DateProblem::Missing));
        assert_eq!(
            parse_year("199O", today(), true),
            Err(DateProblem::NotNumbers)
        );
    }
}
