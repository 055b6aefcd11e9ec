//! When a result is due: the legal count from reception, and the hour the office hands it back.

use super::Calendar;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// How an office counts from reception and when it hands results back. Data, with defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReceptionRules {
    /// A dossier received after this time counts from the next working day (15:00 [portal]).
    /// 15:00 itself is not after 15:00.
    pub cutoff: NaiveTime,
    /// The time results are handed back on the due day. Office practice, not law: 16:30 by
    /// default, and each office may set its own.
    pub return_time: NaiveTime,
}

impl ReceptionRules {
    pub const DEFAULT_CUTOFF: NaiveTime = match NaiveTime::from_hms_opt(15, 0, 0) {
        Some(time) => time,
        None => NaiveTime::MIN,
    };
    pub const DEFAULT_RETURN_TIME: NaiveTime = match NaiveTime::from_hms_opt(16, 30, 0) {
        Some(time) => time,
        None => NaiveTime::MIN,
    };

    /// The default rules with another cutoff, when a procedure sets one.
    pub fn with_cutoff(cutoff: Option<NaiveTime>) -> Self {
        Self {
            cutoff: cutoff.unwrap_or(Self::DEFAULT_CUTOFF),
            ..Self::default()
        }
    }
}

impl Default for ReceptionRules {
    fn default() -> Self {
        Self {
            cutoff: Self::DEFAULT_CUTOFF,
            return_time: Self::DEFAULT_RETURN_TIME,
        }
    }
}

impl Calendar {
    /// The day the legal count starts from: the day of reception, or the next working day when
    /// the dossier came in after the cutoff or on a day that is not a working day.
    pub fn count_starts(&self, received: NaiveDateTime, rules: &ReceptionRules) -> NaiveDate {
        let day = received.date();
        if self.is_working_day(day) && received.time() <= rules.cutoff {
            day
        } else {
            self.next_working_day(day)
        }
    }

    /// The moment (date, hour, minute) the result is due for a dossier received at `received`
    /// (local time) with a statutory time of `working_days`: the `working_days`-th working day
    /// after the day the count starts from, or that day itself for a same-day procedure, at the
    /// office's return time.
    ///
    /// With the shipped calendar and the default rules (cutoff 15:00, return 16:30):
    ///
    /// | received                          | days | due                  |
    /// |-----------------------------------|------|----------------------|
    /// | Mon 07/12/2026 09:00              | 3    | Thu 10/12/2026 16:30 |
    /// | Fri 04/12/2026 14:59              | 3    | Wed 09/12/2026 16:30 |
    /// | Fri 04/12/2026 15:00              | 3    | Wed 09/12/2026 16:30 |
    /// | Fri 04/12/2026 15:01              | 3    | Thu 10/12/2026 16:30 |
    /// | Sat 05/12/2026 10:00              | 3    | Thu 10/12/2026 16:30 |
    /// | Sun 06/12/2026 10:00              | 3    | Thu 10/12/2026 16:30 |
    /// | Thu 30/04/2026 09:00 (holiday)    | 3    | Thu 07/05/2026 16:30 |
    /// | Thu 04/02/2027 10:00 (eve of Tết) | 3    | Tue 16/02/2027 16:30 |
    /// | Thu 04/02/2027 15:30              | 3    | Wed 17/02/2027 16:30 |
    /// | Thu 04/02/2027 15:30              | 0    | Fri 12/02/2027 16:30 |
    /// | Fri 28/08/2026 10:00              | 3    | Mon 07/09/2026 16:30 |
    /// | Sat 22/08/2026 10:00 (worked)     | 3    | Wed 26/08/2026 16:30 |
    /// | Fri 21/08/2026 15:30              | 3    | Wed 26/08/2026 16:30 |
    /// | Fri 21/08/2026 15:30              | 0    | Sat 22/08/2026 16:30 |
    /// | Mon 23/11/2026 09:00              | 3    | Fri 27/11/2026 16:30 |
    /// | Tue 24/11/2026 10:00 (holiday)    | 0    | Wed 25/11/2026 16:30 |
    /// | Tue 08/12/2026 10:00              | 0    | Tue 08/12/2026 16:30 |
    /// | Tue 08/12/2026 15:01              | 0    | Wed 09/12/2026 16:30 |
    /// | Fri 04/12/2026 15:01              | 0    | Mon 07/12/2026 16:30 |
    /// | Sat 05/12/2026 09:00              | 0    | Mon 07/12/2026 16:30 |
    pub fn result_due(
        &self,
        received: NaiveDateTime,
        working_days: u32,
        rules: &ReceptionRules,
    ) -> NaiveDateTime {
        let start = self.count_starts(received, rules);
        self.add_working_days(start, working_days)
            .and_time(rules.return_time)
    }
}

/// Whether the statutory time pauses or starts again when a dossier waits for a supplement.
/// It differs by procedure [portal]; the rule under Decree 118/2025 could not be verified
/// (law-2026.md §5), so it is procedure data, "restart" unless the procedure says otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplementClock {
    /// The full time is counted again from the supplement's arrival.
    #[default]
    Restart,
    /// The working days left when the clerk asked are carried over.
    Pause,
}

/// The moments of one supplement request on a dossier (local time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SupplementTimes {
    pub received: NaiveDateTime,
    /// The due moment when the clerk asked.
    pub due: NaiveDateTime,
    /// When the clerk asked for the supplement.
    pub requested: NaiveDateTime,
    /// When the supplement arrived.
    pub supplied: NaiveDateTime,
}

impl Calendar {
    /// The new due moment once a supplement has arrived. Its arrival counts like a reception
    /// (after the cutoff or on a day off: from the next working day). `Restart` counts the full
    /// `working_days` again; `Pause` the working days that were left after the day of the
    /// request up to the due day. Asked before reception, no clock had run: the full time from
    /// the supplement, whatever the rule.
    pub fn due_after_supplement(
        &self,
        clock: SupplementClock,
        working_days: u32,
        times: &SupplementTimes,
        rules: &ReceptionRules,
    ) -> NaiveDateTime {
        let days = match clock {
            SupplementClock::Pause if times.requested >= times.received => {
                self.working_days_between(times.requested.date(), times.due.date())
            }
            _ => working_days,
        };
        self.result_due(times.supplied, days, rules)
    }
}
