//! The shipped calendar file and its format: the days a citizen would see change.

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn shipped() -> Calendar {
    Calendar::from_toml(include_str!("../../../app/calendar/holidays.toml")).unwrap()
}

#[test]
fn monday_31_august_2026_is_off_and_saturday_22_august_is_worked() {
    let calendar = shipped();
    assert!(!calendar.is_working_day(date(2026, 8, 31)));
    assert!(calendar.is_working_day(date(2026, 8, 22)));
    // Received Friday 28 August 09:00 with 3 working days: 31/8, 1/9 and 2/9 are off, so the
    // days are 3, 4 and 7 September.
    let friday = date(2026, 8, 28).and_hms_opt(9, 0, 0).unwrap();
    assert_eq!(calendar.due_date(friday, 3, None), date(2026, 9, 7));
}

#[test]
fn culture_day_24_november_is_off_from_2026() {
    let calendar = shipped();
    assert!(!calendar.is_working_day(date(2026, 11, 24)));
    assert!(!calendar.is_working_day(date(2027, 11, 24)));
}

#[test]
fn tet_2027_gives_at_least_five_weekdays_off_and_is_marked_uncertain() {
    let calendar = shipped();
    // Lunar new year is Saturday 6 February 2027.
    for day in [5, 8, 9, 10, 11] {
        assert!(!calendar.is_working_day(date(2027, 2, day)), "{day} Feb");
    }
    // Received Thursday 4 February 2027 09:00 with 3 working days: the count resumes on
    // Friday 12 February, so the days are 12, 15 and 16 February.
    let thursday = date(2027, 2, 4).and_hms_opt(9, 0, 0).unwrap();
    assert_eq!(calendar.due_date(thursday, 3, None), date(2027, 2, 16));
    assert!(calendar.is_uncertain(2027));
    assert!(calendar.uncertain_days(2027).contains(&date(2027, 2, 11)));
    assert!(!calendar.is_uncertain(2026));
}

#[test]
fn every_shipped_day_names_its_source() {
    let calendar = shipped();
    for year in 2025..=2027 {
        let days = calendar.year(year).unwrap();
        for (day, note) in days.holidays.iter().chain(&days.working_weekends) {
            assert!(!note.name.is_empty(), "{day} has no name");
            assert!(!note.source.is_empty(), "{day} has no source");
        }
    }
}

#[test]
fn years_without_data_are_listed() {
    let calendar = shipped();
    assert_eq!(calendar.missing_years(2024, 2029), [2024, 2028, 2029]);
    assert!(calendar.missing_years(2025, 2027).is_empty());
    // A year nobody entered is a guess, so it is uncertain too.
    assert!(calendar.is_uncertain(2028));
}

#[test]
fn days_carry_a_source_and_plain_dates_still_read() {
    let text = r#"
        [2030]
        holidays = [
          { date = "2030-01-01", name = "Tết Dương lịch", source = "Labour Code 2019 Art. 112" },
          "2030-01-02",
        ]
        working_weekends = [
          { date = "2030-01-05", name = "swap", source = "press", uncertain = true },
        ]
    "#;
    let calendar = Calendar::from_toml(text).unwrap();
    assert!(!calendar.is_working_day(date(2030, 1, 1)));
    assert!(!calendar.is_working_day(date(2030, 1, 2)));
    assert!(calendar.is_working_day(date(2030, 1, 5)));
    let year = calendar.year(2030).unwrap();
    assert_eq!(
        year.holidays[&date(2030, 1, 1)].source,
        "Labour Code 2019 Art. 112"
    );
    assert_eq!(calendar.uncertain_days(2030), [date(2030, 1, 5)]);
}

#[test]
fn a_whole_year_can_be_marked_uncertain() {
    let calendar =
        Calendar::from_toml("[2030]\nuncertain = true\nholidays = [\"2030-01-01\"]\n").unwrap();
    assert!(calendar.is_uncertain(2030));
}

#[test]
fn a_day_filed_under_the_wrong_year_is_refused() {
    // Copying last year's table and forgetting a date would silently drop the day off.
    let error = Calendar::from_toml("[2031]\nholidays = [\"2030-01-01\"]\n").unwrap_err();
    assert!(error.to_string().contains("2030-01-01"), "{error}");
    assert!(Calendar::from_toml("[2O31]\nholidays = []\n").is_err());
}
