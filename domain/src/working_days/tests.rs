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
        YearCalendar::from_dates(
            &[
                date(2026, 4, 30),
                date(2026, 5, 1),
                date(2026, 9, 1),
                date(2026, 9, 2),
            ],
            &[date(2026, 1, 10)],
        ),
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
    // "After 15:00": 15:00 itself still counts that day (see due_tests).
    let friday = date(2026, 11, 27);
    assert_eq!(
        calendar().due_date(at(friday, 15, 1), 0, cutoff()),
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

#[test]
fn a_pause_moves_the_due_date_by_the_working_days_it_lasted() {
    let calendar = calendar();
    // Due Friday 27 November; asked on Monday 23, supplied on Wednesday 25: two working
    // days (24, 25) held by the citizen, so due two working days later: Tuesday 1 December.
    let (due, paused) =
        calendar.due_after_pause(date(2026, 11, 27), date(2026, 11, 23), date(2026, 11, 25));
    assert_eq!((due, paused), (date(2026, 12, 1), 2));
}

#[test]
fn a_pause_answered_the_same_day_changes_nothing() {
    let (due, paused) =
        calendar().due_after_pause(date(2026, 11, 27), date(2026, 11, 24), date(2026, 11, 24));
    assert_eq!((due, paused), (date(2026, 11, 27), 0));
}

#[test]
fn a_pause_over_a_weekend_and_holidays_counts_only_working_days() {
    let calendar = calendar();
    // Asked Wednesday 29 April, supplied Monday 4 May: 30/4, 1/5 holidays, 2-3/5 weekend.
    assert_eq!(
        calendar.working_days_between(date(2026, 4, 29), date(2026, 5, 4)),
        1
    );
    // Due Thursday 7 May moves one working day: Friday 8 May.
    let (due, _) = calendar.due_after_pause(date(2026, 5, 7), date(2026, 4, 29), date(2026, 5, 4));
    assert_eq!(due, date(2026, 5, 8));
    // Two pauses add up: the second moves the already moved date.
    let (due, _) = calendar.due_after_pause(due, date(2026, 5, 5), date(2026, 5, 7));
    assert_eq!(due, date(2026, 5, 12));
}

#[test]
fn processing_time_leaves_out_weekends_holidays_and_pauses() {
    let calendar = calendar();
    // Received Monday 23 Nov, done Monday 30 Nov: 24, 25, 26, 27, 30 = five working days.
    assert_eq!(
        calendar.processing_days(date(2026, 11, 23), date(2026, 11, 30), 0),
        5
    );
    assert_eq!(
        calendar.processing_days(date(2026, 11, 23), date(2026, 11, 30), 2),
        3
    );
    assert_eq!(
        calendar.processing_days(date(2026, 11, 23), date(2026, 11, 23), 0),
        0
    );
    assert_eq!(
        calendar.working_days_between(date(2026, 11, 30), date(2026, 11, 23)),
        0
    );
}

#[cfg(feature = "files")]
#[test]
fn the_shipped_calendar_reads() {
    let text = include_str!("../../../app/calendar/holidays.toml");
    let calendar = Calendar::from_toml(text).unwrap();
    assert!(calendar.knows_year(2026));
    assert!(!calendar.is_working_day(date(2026, 2, 18)));
}
