//! Dossiers by channel, week by week, for the head of office's dashboard: the citizen alone, on a
//! kiosk, or with a helper, and for the helped ones how the citizen confirmed. Pure over the facts
//! (submission date, channel); the share of helped dossiers said honestly.

use crate::assist::Confirmation;
use crate::assist::helped::Channel;
use crate::prefs::Lang;
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Weeks shown: about two months.
pub const WEEKS: usize = 8;

/// Below this many dossiers a share says little: the page says so.
pub const FEW: usize = 30;

/// The columns for helped dossiers: each way of confirming, then "not recorded".
pub const HOWS: [Option<Confirmation>; 5] = [
    Some(Confirmation::Phone),
    Some(Confirmation::Sms),
    Some(Confirmation::Paper),
    Some(Confirmation::Screen),
    None,
];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChannelWeek {
    /// The Monday the week starts.
    pub start: NaiveDate,
    pub alone: usize,
    pub kiosk: usize,
    pub helped: usize,
    /// Helped dossiers by how the citizen confirmed, in the order of `HOWS`.
    pub by_how: [usize; 5],
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Channels {
    /// The last `WEEKS` weeks, oldest first; this week last (not over yet).
    pub weeks: Vec<ChannelWeek>,
}

impl Channels {
    pub fn total(&self) -> usize {
        self.weeks
            .iter()
            .map(|w| w.alone + w.kiosk + w.helped)
            .sum()
    }

    pub fn helped(&self) -> usize {
        self.weeks.iter().map(|w| w.helped).sum()
    }
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

/// The first day counted: the Monday `WEEKS - 1` weeks before this week's.
pub fn first_day(today: NaiveDate) -> NaiveDate {
    monday_of(today) - Duration::weeks(WEEKS as i64 - 1)
}

/// Counts dossiers (local submission date, channel) into the last `WEEKS` weeks to `today`.
pub fn compute(facts: &[(NaiveDate, Channel)], today: NaiveDate) -> Channels {
    let first = first_day(today);
    let mut weeks: Vec<ChannelWeek> = (0..WEEKS)
        .map(|i| ChannelWeek {
            start: first + Duration::weeks(i as i64),
            ..Default::default()
        })
        .collect();
    for (day, channel) in facts {
        if *day < first || *day > today {
            continue;
        }
        let week = &mut weeks[((*day - first).num_days() / 7) as usize];
        match channel {
            Channel::Alone => week.alone += 1,
            Channel::Kiosk => week.kiosk += 1,
            Channel::Helped(how) => {
                week.helped += 1;
                if let Some(i) = HOWS.iter().position(|h| h == how) {
                    week.by_how[i] += 1;
                }
            }
        }
    }
    Channels { weeks }
}

/// "12 of 40 dossiers (30%) were filed with help", and what the figure does not say.
pub fn share_sentences(channels: &Channels, lang: Lang) -> Vec<String> {
    let t = |key: &str| rust_i18n::t!(key, locale = lang.code()).into_owned();
    let (helped, total) = (channels.helped(), channels.total());
    let mut out = Vec::new();
    if total == 0 {
        out.push(t("office.channels.none"));
    } else {
        out.push(
            rust_i18n::t!(
                "office.channels.share",
                locale = lang.code(),
                helped = helped,
                total = total,
                percent = (helped * 100 + total / 2) / total,
                weeks = WEEKS
            )
            .into_owned(),
        );
        if total < FEW {
            out.push(t("office.channels.few"));
        }
    }
    out.push(t("office.channels.abandoned"));
    out.push(t("office.channels.kiosk"));
    out
}

/// The channels as CSV lines, after the dashboard's own: a header, then one line a week.
pub fn to_csv(channels: &Channels, lang: Lang) -> String {
    let mut out = format!(
        "\n{}\n",
        rust_i18n::t!("office.csv.channels", locale = lang.code())
    );
    for w in &channels.weeks {
        let hows: Vec<String> = w.by_how.iter().map(usize::to_string).collect();
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            w.start,
            w.alone,
            w.kiosk,
            w.helped,
            hows.join(",")
        ));
    }
    out
}

/// The dashboard's section: the share, then the table week by week.
#[component]
pub fn ChannelsSection(channels: Channels) -> impl IntoView {
    let sentences = share_sentences(&channels, crate::prefs::lang());
    let how_name = |how: Option<Confirmation>| match how {
        Some(how) => tr!(how.short_key()),
        None => tr!("assist.confirmed_short.unknown"),
    };
    view! {
        <section aria-labelledby="kenh-nop">
            <h2 id="kenh-nop">{tr!("office.channels.title")}</h2>
            {sentences.into_iter().map(|s| view! { <p>{s}</p> }).collect_view()}
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="kenh-nop">
                <table>
                    <thead><tr>
                        <th scope="col">{tr!("office.dashboard.week_start")}</th>
                        <th scope="col">{tr!("office.channels.alone")}</th>
                        <th scope="col">{tr!("office.channels.kiosk_column")}</th>
                        <th scope="col">{tr!("office.channels.helped")}</th>
                        {HOWS.into_iter().map(|how| view! { <th scope="col">{how_name(how)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>{channels.weeks.into_iter().map(|w| view! {
                        <tr>
                            <td>{crate::i18n::format_date(w.start)}</td>
                            <td>{w.alone}</td>
                            <td>{w.kiosk}</td>
                            <td>{w.helped}</td>
                            {w.by_how.into_iter().map(|n| view! { <td>{n}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn dossiers_are_counted_by_week_channel_and_way_of_confirming() {
        // Thursday 26 November 2026: this week starts on Monday 23.
        let today = day(26);
        let facts = [
            (day(23), Channel::Alone),
            (day(25), Channel::Kiosk),
            (day(24), Channel::Helped(Some(Confirmation::Sms))),
            (day(26), Channel::Helped(None)),
            (day(16), Channel::Helped(Some(Confirmation::Phone))),
            // Before the eight weeks, and tomorrow: not counted.
            (day(1) - Duration::weeks(4), Channel::Alone),
            (day(27), Channel::Alone),
        ];
        let channels = compute(&facts, today);
        assert_eq!(channels.weeks.len(), WEEKS);
        assert_eq!(channels.weeks[0].start, day(23) - Duration::weeks(7));
        let this = channels.weeks.last().unwrap();
        assert_eq!(
            (this.start, this.alone, this.kiosk, this.helped),
            (day(23), 1, 1, 2)
        );
        assert_eq!(this.by_how, [0, 1, 0, 0, 1]);
        assert_eq!(channels.weeks[6].by_how, [1, 0, 0, 0, 0]);
        assert_eq!((channels.helped(), channels.total()), (3, 5));
    }

    #[test]
    fn the_share_is_said_with_its_limits() {
        let mut channels = compute(&[], day(26));
        let said = share_sentences(&channels, Lang::Vi);
        assert_eq!(said[0], "Chưa có hồ sơ nào được nộp trong 8 tuần qua.");
        channels.weeks[7].alone = 20;
        channels.weeks[7].kiosk = 8;
        channels.weeks[7].helped = 12;
        let said = share_sentences(&channels, Lang::Vi);
        assert_eq!(
            said[0],
            "12 trong 40 hồ sơ (30%) được nộp với sự giúp đỡ của cán bộ hoặc tình nguyện viên trong 8 tuần qua."
        );
        assert!(!said.iter().any(|s| s.contains("còn ít")), "{said:?}");
        assert!(said.iter().any(|s| s.contains("bỏ dở")), "{said:?}");
        (channels.weeks[7].alone, channels.weeks[7].kiosk) = (1, 1);
        let said = share_sentences(&channels, Lang::En);
        assert!(said[0].starts_with("12 of 14 dossiers (86%) were filed with help"));
        assert!(said[1].contains("too few"), "{said:?}");
        let csv = to_csv(&channels, Lang::Vi);
        assert!(csv.contains("2026-11-23,1,1,12,0,0,0,0,0\n"), "{csv}");
    }
}
