//! The head of office's figures: dossiers received and done per week, the on-time rate, the
//! median processing time in working days per procedure, the supplement rate and satisfaction.
//! Pure functions over the dossiers' facts, and the charts as server-drawn SVG.

use crate::prefs::Lang;
use chrono::{Datelike, Duration, NaiveDate};
use domain::lifecycle::Status;
use domain::working_days::Calendar;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the dashboard needs to know of one dossier (local dates).
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    pub procedure_id: String,
    pub status: Status,
    pub submitted: NaiveDate,
    pub received: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    /// The due date on the receipt.
    pub first_due: NaiveDate,
    /// Working days the clock was paused for supplements.
    pub paused_days: u32,
    pub supplements: u32,
    pub rating: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Week {
    /// The Monday the week starts.
    pub start: NaiveDate,
    pub received: usize,
    pub done: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureFigures {
    pub procedure_id: String,
    pub name: String,
    pub received: usize,
    pub done: usize,
    pub on_time: usize,
    /// Median working days from receipt to done, pauses left out.
    pub median_days: Option<f64>,
    pub with_supplement: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub weeks: Vec<Week>,
    pub received: usize,
    pub done: usize,
    /// Done by the statutory due date (the receipt's, moved only by supplement pauses: an
    /// apology's new date does not make a late dossier on time).
    pub on_time: usize,
    pub median_days: Option<f64>,
    pub with_supplement: usize,
    pub procedures: Vec<ProcedureFigures>,
    /// How many ratings gave 1, 2, 3, 4, 5.
    pub ratings: [usize; 5],
}

impl Dashboard {
    pub fn on_time_rate(&self) -> Option<f64> {
        ratio(self.on_time, self.done)
    }

    pub fn supplement_rate(&self) -> Option<f64> {
        ratio(self.with_supplement, self.received)
    }

    pub fn rating_count(&self) -> usize {
        self.ratings.iter().sum()
    }

    pub fn mean_rating(&self) -> Option<f64> {
        let total: usize = self
            .ratings
            .iter()
            .enumerate()
            .map(|(i, n)| (i + 1) * n)
            .sum();
        ratio(total, self.rating_count())
    }
}

pub fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

pub fn median(values: &mut [u32]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        f64::from(values[mid])
    } else {
        (f64::from(values[mid - 1]) + f64::from(values[mid])) / 2.0
    })
}

/// The statutory due date: the receipt's, moved by the working days paused for supplements.
pub fn statutory_due(calendar: &Calendar, facts: &Facts) -> NaiveDate {
    calendar.add_working_days(facts.first_due, facts.paused_days)
}

fn week(weeks: &mut BTreeMap<NaiveDate, Week>, day: NaiveDate) -> &mut Week {
    let start = week_start(day);
    weeks.entry(start).or_insert(Week {
        start,
        received: 0,
        done: 0,
    })
}

/// The figures over `dossiers`; `names` gives procedures their names.
pub fn compute(
    calendar: &Calendar,
    dossiers: &[Facts],
    names: impl Fn(&str) -> String,
) -> Dashboard {
    let mut weeks: BTreeMap<NaiveDate, Week> = BTreeMap::new();
    let mut all_days = Vec::new();
    let mut per: BTreeMap<String, (ProcedureFigures, Vec<u32>)> = BTreeMap::new();
    let mut dashboard = Dashboard {
        weeks: Vec::new(),
        received: 0,
        done: 0,
        on_time: 0,
        median_days: None,
        with_supplement: 0,
        procedures: Vec::new(),
        ratings: [0; 5],
    };
    for facts in dossiers {
        let (figures, days) = per.entry(facts.procedure_id.clone()).or_insert_with(|| {
            (
                ProcedureFigures {
                    procedure_id: facts.procedure_id.clone(),
                    name: names(&facts.procedure_id),
                    received: 0,
                    done: 0,
                    on_time: 0,
                    median_days: None,
                    with_supplement: 0,
                },
                Vec::new(),
            )
        });
        if let Some(received) = facts.received {
            week(&mut weeks, received).received += 1;
            dashboard.received += 1;
            figures.received += 1;
            if facts.supplements > 0 {
                dashboard.with_supplement += 1;
                figures.with_supplement += 1;
            }
            if let Some(done) = facts.done {
                week(&mut weeks, done).done += 1;
                dashboard.done += 1;
                figures.done += 1;
                if done <= statutory_due(calendar, facts) {
                    dashboard.on_time += 1;
                    figures.on_time += 1;
                }
                let taken = calendar.processing_days(received, done, facts.paused_days);
                days.push(taken);
                all_days.push(taken);
            }
        }
        if let Some(score) = facts.rating.filter(|s| (1..=5).contains(s)) {
            dashboard.ratings[usize::from(score) - 1] += 1;
        }
    }
    dashboard.median_days = median(&mut all_days);
    dashboard.procedures = per
        .into_values()
        .map(|(mut figures, mut days)| {
            figures.median_days = median(&mut days);
            figures
        })
        .collect();
    dashboard.weeks = weeks.into_values().collect();
    dashboard
}

/// One group of bars in a chart (a week, a procedure), one value per series.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub label: String,
    pub values: Vec<f64>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A grouped bar chart as inline SVG: no script, prints, scales with the page. `title` names it
/// for screen readers; the page also gives the same numbers as a table.
pub fn bar_chart(title: &str, series: &[&str], groups: &[Group]) -> String {
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 260.0;
    const LEFT: f64 = 40.0;
    const BOTTOM: f64 = 80.0;
    const TOP: f64 = 28.0;
    let colours = ["#1d70b8", "#00703c", "#d4351c", "#6f72af"];
    let max = groups
        .iter()
        .flat_map(|g| g.values.iter().copied())
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let plot_h = HEIGHT - BOTTOM - TOP;
    let slot = (WIDTH - LEFT) / groups.len().max(1) as f64;
    let bar_w = (slot * 0.8 / series.len().max(1) as f64).min(40.0);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        escape(title),
        escape(title)
    );
    // Axis and the top value, so bars can be read against it.
    svg.push_str(&format!(
        r##"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{}" stroke="#0b0c0c"/><line x1="{LEFT}" y1="{}" x2="{WIDTH}" y2="{}" stroke="#0b0c0c"/><text x="{}" y="{}" font-size="12" text-anchor="end">{}</text><text x="{}" y="{}" font-size="12" text-anchor="end">0</text>"##,
        HEIGHT - BOTTOM,
        HEIGHT - BOTTOM,
        HEIGHT - BOTTOM,
        LEFT - 4.0,
        TOP + 4.0,
        trim(max),
        LEFT - 4.0,
        HEIGHT - BOTTOM
    ));
    for (i, group) in groups.iter().enumerate() {
        let x0 = LEFT + slot * i as f64 + slot * 0.1;
        for (j, value) in group.values.iter().enumerate() {
            let h = value / max * plot_h;
            let x = x0 + bar_w * j as f64;
            svg.push_str(&format!(
                r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="{}"><title>{}: {}</title></rect><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle">{}</text>"#,
                HEIGHT - BOTTOM - h,
                bar_w - 2.0,
                colours[j % colours.len()],
                escape(&format!("{} — {}", group.label, series.get(j).unwrap_or(&""))),
                trim(*value),
                x + (bar_w - 2.0) / 2.0,
                HEIGHT - BOTTOM - h - 3.0,
                trim(*value)
            ));
        }
        // The label under its bars, on up to three lines as wide as the group's slot.
        let centre = x0 + bar_w * group.values.len() as f64 / 2.0;
        for (line, text) in wrap(&group.label, (slot / 6.5) as usize).iter().enumerate() {
            svg.push_str(&format!(
                r#"<text x="{centre:.1}" y="{}" font-size="11" text-anchor="middle">{}</text>"#,
                HEIGHT - BOTTOM + 16.0 + 12.0 * line as f64,
                escape(text)
            ));
        }
    }
    for (j, name) in series.iter().enumerate() {
        let x = LEFT + 150.0 * j as f64;
        svg.push_str(&format!(
            r#"<rect x="{x}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}" font-size="12">{}</text>"#,
            HEIGHT - 20.0,
            colours[j % colours.len()],
            x + 16.0,
            HEIGHT - 10.0,
            escape(name)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Words on lines of at most `width` characters, three lines at most (the last one cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(4);
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.len() > 3 {
        lines.truncate(3);
        lines[2].push('…');
    }
    lines
}

/// 3 for 3.0, 2.5 for 2.5.
pub fn trim(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

pub fn percent(rate: Option<f64>) -> String {
    rate.map(|r| format!("{:.0}%", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The same figures as a spreadsheet: one section per table, UTF-8 with a BOM (Excel), the
/// column headers in `lang`.
pub fn to_csv(dashboard: &Dashboard, lang: Lang) -> String {
    let header = |key: &str| rust_i18n::t!(key, locale = lang.code()).into_owned();
    let mut out = String::from("\u{feff}");
    out.push_str(&header("office.csv.weeks"));
    out.push('\n');
    for week in &dashboard.weeks {
        out.push_str(&format!("{},{},{}\n", week.start, week.received, week.done));
    }
    out.push('\n');
    out.push_str(&header("office.csv.procedures"));
    out.push('\n');
    for p in &dashboard.procedures {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            csv_field(&p.name),
            p.received,
            p.done,
            p.on_time,
            ratio(p.on_time, p.done)
                .map(|r| format!("{r:.4}"))
                .unwrap_or_default(),
            p.median_days.map(trim).unwrap_or_default(),
            p.with_supplement
        ));
    }
    out.push_str(&format!(
        "\n{}\n,{},{},{},{},{},{},{},{}\n",
        header("office.csv.totals"),
        dashboard.received,
        dashboard.done,
        dashboard.on_time,
        dashboard
            .on_time_rate()
            .map(|r| format!("{r:.4}"))
            .unwrap_or_default(),
        dashboard.median_days.map(trim).unwrap_or_default(),
        dashboard
            .supplement_rate()
            .map(|r| format!("{r:.4}"))
            .unwrap_or_default(),
        dashboard.rating_count(),
        dashboard
            .mean_rating()
            .map(|r| format!("{r:.2}"))
            .unwrap_or_default(),
    ));
    out
}

/// What the dashboard needs of a dossier (local dates).
#[cfg(feature = "ssr")]
impl Facts {
    pub fn of(dossier: &crate::dossiers::store::Dossier, rating: Option<i64>) -> Facts {
        use crate::state::local;
        Facts {
            procedure_id: dossier.procedure_id.clone(),
            status: dossier.status,
            submitted: local(dossier.submitted_at).date(),
            received: dossier.received_at.map(|t| local(t).date()),
            done: dossier.done_at.map(|t| local(t).date()),
            first_due: dossier.first_due_date,
            paused_days: u32::try_from(dossier.paused_days).unwrap_or(0),
            supplements: u32::try_from(dossier.supplements).unwrap_or(0),
            rating: rating.and_then(|r| u8::try_from(r).ok()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn facts(
        procedure: &str,
        received: NaiveDate,
        done: Option<NaiveDate>,
        due: NaiveDate,
    ) -> Facts {
        Facts {
            procedure_id: procedure.into(),
            status: if done.is_some() {
                Status::Done
            } else {
                Status::Processing
            },
            submitted: received,
            received: Some(received),
            done,
            first_due: due,
            paused_days: 0,
            supplements: 0,
            rating: None,
        }
    }

    #[test]
    fn a_small_set_gives_the_figures_worked_out_by_hand() {
        let calendar = Calendar::default();
        let mon = date(2026, 11, 23);
        let mut paused = facts("hkd", mon, Some(date(2026, 12, 1)), date(2026, 11, 26));
        // Two working days paused: due 26/11 → 30/11; done 1/12 is late; 6 working days − 2 = 4.
        paused.paused_days = 2;
        paused.supplements = 1;
        paused.rating = Some(4);
        let mut rated = facts("hkd", mon, Some(date(2026, 11, 25)), date(2026, 11, 26));
        rated.rating = Some(5);
        let dossiers = vec![
            paused,
            rated,
            facts(
                "ks",
                date(2026, 11, 30),
                Some(date(2026, 11, 30)),
                date(2026, 11, 30),
            ),
            facts("ks", date(2026, 11, 30), None, date(2026, 11, 30)),
        ];
        let d = compute(&calendar, &dossiers, |id| id.to_uppercase());
        assert_eq!((d.received, d.done, d.on_time), (4, 3, 2));
        assert_eq!(d.with_supplement, 1);
        assert_eq!(d.median_days, Some(2.0)); // 4, 2, 0
        assert_eq!(d.ratings, [0, 0, 0, 1, 1]);
        assert_eq!(d.mean_rating(), Some(4.5));
        assert_eq!(
            d.weeks,
            vec![
                Week {
                    start: mon,
                    received: 2,
                    done: 1
                },
                Week {
                    start: date(2026, 11, 30),
                    received: 2,
                    done: 2
                },
            ]
        );
        let hkd = &d.procedures[0];
        assert_eq!(
            (hkd.name.as_str(), hkd.done, hkd.on_time, hkd.median_days),
            ("HKD", 2, 1, Some(3.0))
        );
    }

    #[test]
    fn charts_and_csv_escape_what_they_show() {
        let svg = bar_chart(
            "Hồ sơ <theo> tuần",
            &["Tiếp nhận", "Xong"],
            &[Group {
                label: "A&B".into(),
                values: vec![3.0, 1.5],
            }],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Hồ sơ &lt;theo&gt; tuần") && svg.contains("A&amp;B"));
        assert!(svg.contains("A&amp;B — Xong: 1.5"));
        assert_eq!(
            csv_field("Đăng ký, hộ \"kinh doanh\""),
            "\"Đăng ký, hộ \"\"kinh doanh\"\"\""
        );
    }

    #[test]
    fn the_csv_headers_follow_the_language() {
        let d = compute(&Calendar::default(), &[], |id| id.to_string());
        let vi = to_csv(&d, Lang::Vi);
        assert!(
            vi.starts_with("\u{feff}Tuần bắt đầu,Tiếp nhận,Đã xử lý xong\n"),
            "{vi}"
        );
        assert!(
            vi.contains("\nThủ tục,Tiếp nhận,Đã xử lý xong,Đúng hạn,"),
            "{vi}"
        );
        assert!(vi.contains("\nTổng,Tiếp nhận,"), "{vi}");
        let en = to_csv(&d, Lang::En);
        assert!(
            en.starts_with("\u{feff}Week starting,Received,Done\n"),
            "{en}"
        );
        assert!(
            en.contains("\nProcedure,Received,Done,On time,On-time rate,"),
            "{en}"
        );
        assert!(en.contains("\nTotal,Received,Done,"), "{en}");
        // The same columns in both.
        let columns = |csv: &str| {
            csv.lines()
                .map(|l| l.matches(',').count())
                .collect::<Vec<_>>()
        };
        assert_eq!(columns(&vi), columns(&en));
    }
}
