//! Working days and due dates. Holidays are data per year (`app/calendar/holidays.toml`).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Default, Deserialize)]
pub struct YearCalendar {
    #[serde(default)]
    pub holidays: BTreeSet<NaiveDate>,
    #[serde(default)]
    pub working_weekends: BTreeSet<NaiveDate>,
}

/// The official calendar: which days count towards a statutory processing time.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    years: BTreeMap<i32, YearCalendar>,
}

impl Calendar {
    pub fn new(years: BTreeMap<i32, YearCalendar>) -> Self {
        Self { years }
    }

    #[cfg(feature = "ssr")]
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        let by_name: BTreeMap<String, YearCalendar> = toml::from_str(text)?;
        let years = by_name
            .into_iter()
            .filter_map(|(year, days)| year.parse().ok().map(|year| (year, days)))
            .collect();
        Ok(Self { years })
    }

    pub fn knows_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        match self.years.get(&day.year()) {
            Some(year) if weekend => year.working_weekends.contains(&day),
            Some(year) => !year.holidays.contains(&day),
            // A year nobody has entered yet: at least the fixed-date holidays are known.
            None => !weekend && !fixed_holiday(day),
        }
    }

    pub fn next_working_day(&self, after: NaiveDate) -> NaiveDate {
        let mut day = after + Duration::days(1);
        while !self.is_working_day(day) {
            day += Duration::days(1);
        }
        day
    }

    /// The day the result is due for a dossier received at `received` (local time).
    ///
    /// A same-day procedure (`days == 0`) is due the day it is received, unless that is not a
    /// working day or the dossier came in at or after `cutoff`: then the next working day.
    /// Otherwise the count starts the working day after receipt.
    pub fn due_date(
        &self,
        received: NaiveDateTime,
        days: u32,
        cutoff: Option<NaiveTime>,
    ) -> NaiveDate {
        let day = received.date();
        if days == 0 {
            let in_time = cutoff.is_none_or(|cutoff| received.time() < cutoff);
            return if self.is_working_day(day) && in_time {
                day
            } else {
                self.next_working_day(day)
            };
        }
        (0..days).fold(day, |due, _| self.next_working_day(due))
    }
}

fn fixed_holiday(day: NaiveDate) -> bool {
    matches!((day.month(), day.day()), (1, 1) | (4, 30) | (5, 1) | (9, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(day: NaiveDate, h: u32, min: u32) -> NaiveDateTime {
        day.and_hms_opt(h, min, 0).unwrap()
    }

    fn calendar() -> Calendar {
        let mut years = BTreeMap::new();
        years.insert(
            2026,
            YearCalendar {
                holidays: [
                    date(2026, 4, 30),
                    date(2026, 5, 1),
                    date(2026, 9, 1),
                    date(2026, 9, 2),
                ]
                .into(),
                working_weekends: [date(2026, 1, 10)].into(),
            },
        );
        Calendar::new(years)
    }

    fn cutoff() -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(15, 0, 0)
    }

    #[test]
    fn same_day_before_three_is_due_today() {
        let tuesday = date(2026, 11, 24);
        assert_eq!(
            calendar().due_date(at(tuesday, 14, 59), 0, cutoff()),
            tuesday
        );
    }

    #[test]
    fn same_day_after_three_is_due_the_next_working_day() {
        let friday = date(2026, 11, 27);
        assert_eq!(
            calendar().due_date(at(friday, 15, 0), 0, cutoff()),
            date(2026, 11, 30)
        );
    }

    #[test]
    fn same_day_received_at_the_weekend_is_due_monday() {
        let saturday = date(2026, 11, 28);
        assert_eq!(
            calendar().due_date(at(saturday, 9, 0), 0, cutoff()),
            date(2026, 11, 30)
        );
    }

    #[test]
    fn holidays_and_weekends_do_not_count() {
        // Wednesday 29 April 2026: 30/4 and 1/5 are holidays, then a weekend.
        let wednesday = date(2026, 4, 29);
        assert_eq!(
            calendar().due_date(at(wednesday, 9, 0), 3, cutoff()),
            date(2026, 5, 6)
        );
        // Monday 31 August: 1/9 and 2/9 are holidays.
        assert_eq!(
            calendar().due_date(at(date(2026, 8, 31), 9, 0), 1, None),
            date(2026, 9, 3)
        );
    }

    #[test]
    fn a_swapped_saturday_is_a_working_day() {
        let friday = date(2026, 1, 9);
        assert!(calendar().is_working_day(date(2026, 1, 10)));
        assert_eq!(
            calendar().due_date(at(friday, 16, 0), 0, cutoff()),
            date(2026, 1, 10)
        );
    }

    #[test]
    fn a_year_without_data_still_knows_the_fixed_holidays() {
        let calendar = calendar();
        assert!(!calendar.knows_year(2031));
        assert!(!calendar.is_working_day(date(2031, 9, 2)));
        assert!(calendar.is_working_day(date(2031, 9, 3)));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_shipped_calendar_reads() {
        let text = include_str!("../../calendar/holidays.toml");
        let calendar = Calendar::from_toml(text).unwrap();
        assert!(calendar.knows_year(2026));
        assert!(!calendar.is_working_day(date(2026, 2, 18)));
    }
}
