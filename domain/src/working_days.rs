//! Working days and due dates. Holidays are data per year (`app/calendar/holidays.toml`), each
//! day with its name, its source and whether it is still uncertain.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

mod due;
pub use due::{ReceptionRules, SupplementClock, SupplementTimes};

/// What the calendar file says about one day: why it is off (or worked) and on whose word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayNote {
    pub name: String,
    /// The legal act or announcement, with how sure it is ("[press]", "[weak]").
    pub source: String,
    /// Not announced yet: a clerk should check it when the official notice comes.
    pub uncertain: bool,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct YearCalendar {
    /// Weekdays that are not working days.
    #[serde(default, deserialize_with = "days")]
    pub holidays: BTreeMap<NaiveDate, DayNote>,
    /// Saturdays or Sundays worked in exchange for a bridge day off.
    #[serde(default, deserialize_with = "days")]
    pub working_weekends: BTreeMap<NaiveDate, DayNote>,
    /// The whole year awaits its official notice.
    #[serde(default)]
    pub uncertain: bool,
}

impl YearCalendar {
    /// A year from bare dates, as the calendar file was first written (no source).
    pub fn from_dates(holidays: &[NaiveDate], working_weekends: &[NaiveDate]) -> Self {
        let bare = |days: &[NaiveDate]| days.iter().map(|day| (*day, DayNote::default())).collect();
        Self {
            holidays: bare(holidays),
            working_weekends: bare(working_weekends),
            uncertain: false,
        }
    }

    fn days(&self) -> impl Iterator<Item = (&NaiveDate, &DayNote)> {
        self.holidays.iter().chain(&self.working_weekends)
    }
}

/// A day in the file: a bare date (the old format) or a table with its name and source.
#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Bare(NaiveDate),
    Noted {
        date: NaiveDate,
        #[serde(default)]
        name: String,
        #[serde(default)]
        source: String,
        #[serde(default)]
        uncertain: bool,
    },
}

fn days<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<NaiveDate, DayNote>, D::Error> {
    let entries = Vec::<Entry>::deserialize(deserializer)?;
    Ok(entries
        .into_iter()
        .map(|entry| match entry {
            Entry::Bare(date) => (date, DayNote::default()),
            Entry::Noted {
                date,
                name,
                source,
                uncertain,
            } => (
                date,
                DayNote {
                    name,
                    source,
                    uncertain,
                },
            ),
        })
        .collect())
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

    /// Reads the calendar file. A table whose name is not a year, or a day filed under another
    /// year than its own, is an error: either would quietly lose days off.
    #[cfg(feature = "files")]
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        use serde::de::Error;
        let by_name: BTreeMap<String, YearCalendar> = toml::from_str(text)?;
        let mut years = BTreeMap::new();
        for (name, days) in by_name {
            let year: i32 = name
                .parse()
                .map_err(|_| toml::de::Error::custom(format!("[{name}] is not a year")))?;
            if let Some((day, _)) = days.days().find(|(day, _)| day.year() != year) {
                return Err(toml::de::Error::custom(format!(
                    "{day} is listed under [{year}]"
                )));
            }
            years.insert(year, days);
        }
        Ok(Self { years })
    }

    /// One year's data as the file gives it.
    pub fn year(&self, year: i32) -> Option<&YearCalendar> {
        self.years.get(&year)
    }

    /// The years from `from` to `to` (both included) that nobody has entered: their days off
    /// are guessed from the fixed-date holidays, so the server says so at start.
    pub fn missing_years(&self, from: i32, to: i32) -> Vec<i32> {
        (from..=to).filter(|year| !self.knows_year(*year)).collect()
    }

    /// Whether a year's days off may still change: marked so in the file, or not entered at all.
    pub fn is_uncertain(&self, year: i32) -> bool {
        self.years
            .get(&year)
            .is_none_or(|days| days.uncertain || days.days().any(|(_, note)| note.uncertain))
    }

    /// The days of a year marked uncertain in the file.
    pub fn uncertain_days(&self, year: i32) -> Vec<NaiveDate> {
        self.years
            .get(&year)
            .map(|days| {
                days.days()
                    .filter(|(_, note)| note.uncertain)
                    .map(|(day, _)| *day)
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn knows_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        match self.years.get(&day.year()) {
            Some(year) if weekend => year.working_weekends.contains_key(&day),
            Some(year) => !year.holidays.contains_key(&day),
            // A year nobody has entered yet: at least the fixed-date holidays are known. Never
            // silent: `missing_years` lets the server and the dashboard say so.
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

    /// The day the result is due for a dossier received at `received` (local time), with the
    /// default return time; `cutoff` replaces the default 15:00. See `result_due`.
    pub fn due_date(
        &self,
        received: NaiveDateTime,
        days: u32,
        cutoff: Option<NaiveTime>,
    ) -> NaiveDate {
        self.result_due(received, days, &ReceptionRules::with_cutoff(cutoff))
            .date()
    }

    /// `days` working days after `from`.
    pub fn add_working_days(&self, from: NaiveDate, days: u32) -> NaiveDate {
        (0..days).fold(from, |day, _| self.next_working_day(day))
    }

    /// The working days after `from` up to and including `to`: how long something took, in
    /// the days that count. Zero when `to` is not after `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut day = from;
        while day < to {
            day += Duration::days(1);
            if self.is_working_day(day) {
                count += 1;
            }
        }
        count
    }

    /// The due date once a supplement request asked on `requested` was answered on `supplied`:
    /// the working days the citizen held the dossier do not count, so the due date moves that
    /// many working days later (asked and answered the same day: no change).
    pub fn due_after_pause(
        &self,
        due: NaiveDate,
        requested: NaiveDate,
        supplied: NaiveDate,
    ) -> (NaiveDate, u32) {
        let paused = self.working_days_between(requested, supplied);
        (self.add_working_days(due, paused), paused)
    }

    /// Processing time in working days, from receipt to done, without the paused days.
    pub fn processing_days(&self, received: NaiveDate, done: NaiveDate, paused: u32) -> u32 {
        self.working_days_between(received, done)
            .saturating_sub(paused)
    }
}

fn fixed_holiday(day: NaiveDate) -> bool {
    matches!((day.month(), day.day()), (1, 1) | (4, 30) | (5, 1) | (9, 2))
}

#[cfg(all(test, feature = "files"))]
mod data_tests;
#[cfg(all(test, feature = "files"))]
mod due_tests;
#[cfg(test)]
mod tests;
