//! The result's due moment as a citizen reads it on the receipt, with the shipped calendar.

use super::*;

fn shipped() -> Calendar {
    Calendar::from_toml(include_str!("../../../app/calendar/holidays.toml")).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

/// Due at the office's result-return time, 16:30 by default.
fn due(y: i32, m: u32, d: u32) -> NaiveDateTime {
    at(y, m, d, 16, 30)
}

fn result_due(received: NaiveDateTime, days: u32) -> NaiveDateTime {
    shipped().result_due(received, days, &ReceptionRules::default())
}

#[test]
fn received_on_a_working_morning_counts_from_that_day() {
    // Monday 7 Dec 2026 09:00, 3 working days: Tuesday, Wednesday, Thursday.
    assert_eq!(result_due(at(2026, 12, 7, 9, 0), 3), due(2026, 12, 10));
}

#[test]
fn friday_before_three_counts_from_friday() {
    assert_eq!(result_due(at(2026, 12, 4, 14, 59), 3), due(2026, 12, 9));
    // 15:00 itself is not "after 15:00".
    assert_eq!(result_due(at(2026, 12, 4, 15, 0), 3), due(2026, 12, 9));
}

#[test]
fn friday_after_three_counts_from_monday() {
    assert_eq!(result_due(at(2026, 12, 4, 15, 1), 3), due(2026, 12, 10));
}

#[test]
fn the_weekend_counts_from_monday() {
    // The old count gave Wednesday 9 December for a Saturday: one working day early.
    assert_eq!(result_due(at(2026, 12, 5, 10, 0), 3), due(2026, 12, 10));
    assert_eq!(result_due(at(2026, 12, 6, 10, 0), 3), due(2026, 12, 10));
}

#[test]
fn a_holiday_counts_from_the_next_working_day() {
    // Thursday 30 April 2026: 1/5 is a holiday too, then the weekend; the count starts Monday
    // 4 May.
    assert_eq!(result_due(at(2026, 4, 30, 9, 0), 3), due(2026, 5, 7));
}

#[test]
fn the_day_before_tet_2027() {
    // Thursday 4 Feb 2027; 5-11 Feb are off.
    assert_eq!(result_due(at(2027, 2, 4, 10, 0), 3), due(2027, 2, 16));
    assert_eq!(result_due(at(2027, 2, 4, 15, 30), 3), due(2027, 2, 17));
    assert_eq!(result_due(at(2027, 2, 4, 15, 30), 0), due(2027, 2, 12));
}

#[test]
fn across_the_national_day_bridge_of_2026() {
    // Friday 28 Aug: 31/8, 1/9 and 2/9 are off.
    assert_eq!(result_due(at(2026, 8, 28, 10, 0), 3), due(2026, 9, 7));
    // Saturday 22 Aug is a working day: received then, it counts from that day.
    assert_eq!(result_due(at(2026, 8, 22, 10, 0), 3), due(2026, 8, 26));
    // Friday 21 Aug after 15:00 counts from the worked Saturday.
    assert_eq!(result_due(at(2026, 8, 21, 15, 30), 3), due(2026, 8, 26));
    assert_eq!(result_due(at(2026, 8, 21, 15, 30), 0), due(2026, 8, 22));
}

#[test]
fn culture_day_2026_does_not_count() {
    // Monday 23 Nov 2026: Tuesday 24 is off.
    assert_eq!(result_due(at(2026, 11, 23, 9, 0), 3), due(2026, 11, 27));
    assert_eq!(result_due(at(2026, 11, 24, 10, 0), 0), due(2026, 11, 25));
}

#[test]
fn same_day_procedures() {
    assert_eq!(result_due(at(2026, 12, 8, 10, 0), 0), due(2026, 12, 8));
    assert_eq!(result_due(at(2026, 12, 8, 15, 1), 0), due(2026, 12, 9));
    assert_eq!(result_due(at(2026, 12, 4, 15, 1), 0), due(2026, 12, 7));
    assert_eq!(result_due(at(2026, 12, 5, 9, 0), 0), due(2026, 12, 7));
}

#[test]
fn the_cutoff_and_the_return_time_are_data() {
    let rules = ReceptionRules {
        cutoff: NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
        return_time: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
    };
    assert_eq!(
        shipped().result_due(at(2026, 12, 8, 15, 30), 0, &rules),
        at(2026, 12, 8, 17, 0)
    );
}

#[test]
fn the_old_due_date_gives_the_same_day() {
    let calendar = shipped();
    let saturday = at(2026, 12, 5, 10, 0);
    assert_eq!(
        calendar.due_date(saturday, 3, None),
        result_due(saturday, 3).date()
    );
}

/// Received Monday 7 Dec 2026 09:00 with 3 working days: due Thursday 10 Dec 16:30. The clerk
/// asks for a paper on Tuesday 8 Dec 10:00.
fn asked_on_tuesday(supplied: NaiveDateTime) -> SupplementTimes {
    SupplementTimes {
        received: at(2026, 12, 7, 9, 0),
        due: due(2026, 12, 10),
        requested: at(2026, 12, 8, 10, 0),
        supplied,
    }
}

fn after_supplement(clock: SupplementClock, times: &SupplementTimes) -> NaiveDateTime {
    shipped().due_after_supplement(clock, 3, times, &ReceptionRules::default())
}

#[test]
fn a_restart_counts_the_full_time_again_from_the_supplement() {
    let monday = asked_on_tuesday(at(2026, 12, 14, 9, 0));
    assert_eq!(
        after_supplement(SupplementClock::Restart, &monday),
        due(2026, 12, 17)
    );
    // Brought after 15:00: the new count starts the next working day.
    let late = asked_on_tuesday(at(2026, 12, 14, 15, 30));
    assert_eq!(
        after_supplement(SupplementClock::Restart, &late),
        due(2026, 12, 18)
    );
}

#[test]
fn a_pause_carries_over_the_working_days_that_were_left() {
    // Asked on Tuesday: Wednesday and Thursday were left.
    let monday = asked_on_tuesday(at(2026, 12, 14, 9, 0));
    assert_eq!(
        after_supplement(SupplementClock::Pause, &monday),
        due(2026, 12, 16)
    );
    let late = asked_on_tuesday(at(2026, 12, 14, 15, 30));
    assert_eq!(
        after_supplement(SupplementClock::Pause, &late),
        due(2026, 12, 17)
    );
    // Brought back on Saturday 6 Feb 2027, first day of Tết: the count resumes on Friday 12
    // and the two days left are Monday 15 and Tuesday 16.
    let tet = SupplementTimes {
        received: at(2027, 2, 1, 9, 0),
        due: due(2027, 2, 4),
        requested: at(2027, 2, 2, 9, 0),
        supplied: at(2027, 2, 6, 9, 0),
    };
    assert_eq!(
        after_supplement(SupplementClock::Pause, &tet),
        due(2027, 2, 16)
    );
}

#[test]
fn asked_before_reception_the_clock_starts_with_the_supplement() {
    // Mẫu 02 before reception: no clock ran, whichever rule the procedure has.
    let before = SupplementTimes {
        received: at(2026, 12, 9, 9, 0),
        due: due(2026, 12, 14),
        requested: at(2026, 12, 8, 10, 0),
        supplied: at(2026, 12, 9, 9, 0),
    };
    for clock in [SupplementClock::Pause, SupplementClock::Restart] {
        assert_eq!(after_supplement(clock, &before), due(2026, 12, 14));
    }
}
