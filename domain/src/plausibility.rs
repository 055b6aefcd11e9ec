//! Plausibility across answers: warnings said plainly, shown before submission, that never
//! block what the law allows (a very young mother is possible; a birth registered decades late
//! is allowed, at a fee). Which answers to compare is data: a `[[plausibility]]` table in the
//! procedure file names the rule and its fields, so a new procedure needs no Rust.
//!
//! ```toml
//! [[plausibility]]
//! rule = "age_gap"          # the older person should be at least `years` older
//! older = "me-nam-sinh"     # a date, date-and-time or year field
//! younger = "tre-ngay-sinh"
//! years = 12
//!
//! [[plausibility]]
//! rule = "late_registration" # the event happened more than `days` ago
//! date = "tre-ngay-sinh"     # a date or date-and-time field
//! days = 60
//! ```

use crate::dates;
use crate::kinds::date::{DAY, MONTH, YEAR};
use crate::problem::{Arg, Problem};
pub use crate::procedure::PlausibilityRule as Rule;
use crate::procedure::{Answers, Field, FieldKind, Procedure};
use chrono::{Datelike, NaiveDate};

/// A warning about some answers: the fields it is about (for change links) and what to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub fields: Vec<String>,
    pub problem: Problem,
}

/// Every key the warnings use (a test checks each has both languages).
pub const KEYS: &[&str] = &[
    "plausibility.age_gap",
    "plausibility.age_order",
    "plausibility.late_days",
    "plausibility.late_years",
];

/// The warnings for the answers that will be filed (answers on skipped steps do not count),
/// in the order of the procedure's rules. `today` is passed in: the domain reads no clock.
pub fn plausibility_warnings(
    procedure: &Procedure,
    answers: &Answers,
    today: NaiveDate,
) -> Vec<Warning> {
    let filed = procedure.filed_answers(answers);
    procedure
        .plausibility
        .iter()
        .filter_map(|rule| warning(procedure, rule, &filed, today))
        .collect()
}

fn warning(
    procedure: &Procedure,
    rule: &Rule,
    answers: &Answers,
    today: NaiveDate,
) -> Option<Warning> {
    match rule {
        Rule::AgeGap {
            older,
            younger,
            years,
        } => {
            let (older_field, younger_field) = (procedure.field(older)?, procedure.field(younger)?);
            let first = when(older_field, answers, today)?;
            let second = when(younger_field, answers, today)?;
            let gap = first.years_before(second);
            let key = if gap <= 0 {
                "plausibility.age_order"
            } else if gap < i64::from(*years) {
                "plausibility.age_gap"
            } else {
                return None;
            };
            let problem = Problem::new(key)
                .with("older", Arg::from(&older_field.noun).capitalised())
                .with("older_year", first.year().to_string())
                .with("younger", &younger_field.noun)
                .with("younger_year", second.year().to_string())
                .with("gap", gap.to_string());
            Some(Warning {
                fields: vec![older.clone(), younger.clone()],
                problem,
            })
        }
        Rule::LateRegistration { date, days } => {
            let field = procedure.field(date)?;
            let When::Day(day) = when(field, answers, today)? else {
                return None;
            };
            let elapsed = (today - day).num_days();
            if elapsed <= i64::from(*days) {
                return None;
            }
            let years = dates::age_on(day, today);
            let problem = if years >= 1 {
                Problem::new("plausibility.late_years").with("years", years.to_string())
            } else {
                Problem::new("plausibility.late_days").with("elapsed", elapsed.to_string())
            };
            Some(Warning {
                fields: vec![date.clone()],
                problem: problem
                    .with("noun", Arg::from(&field.noun).capitalised())
                    .with("year", day.year().to_string())
                    .with("days", days.to_string()),
            })
        }
    }
}

/// When something happened, as precisely as the answer says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum When {
    Day(NaiveDate),
    Year(i32),
}

impl When {
    fn year(self) -> i32 {
        match self {
            When::Day(date) => date.year(),
            When::Year(year) => year,
        }
    }

    /// Whole years from `self` to `later` (negative when `later` comes first); by the years
    /// alone when either answer is only a year.
    fn years_before(self, later: When) -> i64 {
        match (self, later) {
            (When::Day(first), When::Day(second)) if first <= second => {
                i64::from(dates::age_on(first, second))
            }
            (When::Day(first), When::Day(second)) => -i64::from(dates::age_on(second, first)),
            _ => i64::from(later.year()) - i64::from(self.year()),
        }
    }
}

/// The answer of a date, date-and-time or year field, when it reads as one.
fn when(field: &Field, answers: &Answers, today: NaiveDate) -> Option<When> {
    match field.kind {
        FieldKind::Date | FieldKind::DateTime => {
            let part = |name: &str| {
                answers
                    .get(&field.part_input(name))
                    .map(String::as_str)
                    .unwrap_or("")
            };
            dates::parse_date(part(DAY), part(MONTH), part(YEAR), today, false)
                .ok()
                .map(When::Day)
        }
        FieldKind::Year => answers
            .get(&field.id)
            .and_then(|year| dates::parse_year(year, today, false).ok())
            .map(When::Year),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::{Condition, Step};
    use crate::test_texts::{VI, Words};
    use crate::{Lang, Texts};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn field(id: &str, noun: &str, kind: FieldKind) -> Field {
        Field {
            id: id.into(),
            noun: noun.into(),
            kind,
            ..Default::default()
        }
    }

    /// A birth registration in miniature: the child's date, whether the father is known, the
    /// parents' years of birth.
    fn birth() -> Procedure {
        let step = |id: &str, fields: Vec<Field>, show_if: Option<Condition>| Step {
            id: id.into(),
            section: "S".into(),
            title: id.into(),
            hint: None,
            show_if,
            fields,
            meaning: None,
        };
        Procedure {
            id: "khai-sinh".into(),
            steps: vec![
                step(
                    "tre",
                    vec![field("tre-ngay-sinh", "ngày sinh của trẻ", FieldKind::Date)],
                    None,
                ),
                step(
                    "me",
                    vec![
                        field("me-nam-sinh", "năm sinh của mẹ", FieldKind::Year),
                        field(
                            "cha-xac-dinh",
                            "việc đã xác định được cha",
                            FieldKind::YesNo,
                        ),
                    ],
                    None,
                ),
                step(
                    "cha",
                    vec![field("cha-nam-sinh", "năm sinh của cha", FieldKind::Year)],
                    Some(Condition {
                        field: "cha-xac-dinh".into(),
                        equals: "co".into(),
                        ..Default::default()
                    }),
                ),
            ],
            plausibility: vec![
                Rule::AgeGap {
                    older: "me-nam-sinh".into(),
                    younger: "tre-ngay-sinh".into(),
                    years: 12,
                },
                Rule::AgeGap {
                    older: "cha-nam-sinh".into(),
                    younger: "tre-ngay-sinh".into(),
                    years: 12,
                },
                Rule::LateRegistration {
                    date: "tre-ngay-sinh".into(),
                    days: 60,
                },
            ],
            ..Default::default()
        }
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn born(day: u32, month: u32, year: i32) -> Vec<(String, String)> {
        [("ngay", day.to_string()), ("thang", month.to_string())]
            .into_iter()
            .chain([("nam", year.to_string())])
            .map(|(part, value)| (format!("tre-ngay-sinh-{part}"), value))
            .collect()
    }

    fn family(child: Vec<(String, String)>, more: &[(&str, &str)]) -> Answers {
        let mut typed = answers(more);
        typed.extend(child);
        typed
    }

    fn said(warnings: &[Warning]) -> Vec<String> {
        warnings.iter().map(|w| w.problem.render(&VI)).collect()
    }

    #[test]
    fn a_plausible_family_gets_no_warning() {
        let typed = family(
            born(10, 11, 2026),
            &[
                ("me-nam-sinh", "1996"),
                ("cha-xac-dinh", "co"),
                ("cha-nam-sinh", "1992"),
            ],
        );
        assert_eq!(plausibility_warnings(&birth(), &typed, today()), vec![]);
    }

    #[test]
    fn a_parent_less_than_twelve_years_older_is_pointed_out_without_blocking() {
        let typed = family(born(10, 11, 2026), &[("me-nam-sinh", "2016")]);
        let warnings = plausibility_warnings(&birth(), &typed, today());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].fields, ["me-nam-sinh", "tre-ngay-sinh"]);
        assert_eq!(warnings[0].problem.key, "plausibility.age_gap");
        let text = &said(&warnings)[0];
        assert!(text.starts_with("Năm sinh của mẹ (2016)"), "{text}");
        assert!(text.contains("10 tuổi"), "{text}");
        assert!(text.contains("vẫn nộp được"), "{text}");
        // Twelve years exactly is plausible enough.
        let typed = family(born(10, 11, 2026), &[("me-nam-sinh", "2014")]);
        assert!(plausibility_warnings(&birth(), &typed, today()).is_empty());
    }

    #[test]
    fn a_parent_born_after_the_child_reads_as_a_likely_typo() {
        let typed = family(born(10, 11, 2026), &[("me-nam-sinh", "2026")]);
        let warnings = plausibility_warnings(&birth(), &typed, today());
        assert_eq!(warnings[0].problem.key, "plausibility.age_order");
        assert!(
            said(&warnings)[0].contains("gõ nhầm"),
            "{:?}",
            said(&warnings)
        );
    }

    #[test]
    fn answers_on_skipped_steps_and_unreadable_answers_are_not_compared() {
        // The father's year stays stored after the father became unknown: it no longer counts.
        let typed = family(
            born(10, 11, 2026),
            &[
                ("me-nam-sinh", "1996"),
                ("cha-xac-dinh", "khong"),
                ("cha-nam-sinh", "2020"),
            ],
        );
        assert!(plausibility_warnings(&birth(), &typed, today()).is_empty());
        let typed = family(born(31, 2, 2026), &[("me-nam-sinh", "20x6")]);
        assert!(plausibility_warnings(&birth(), &typed, today()).is_empty());
        assert!(plausibility_warnings(&birth(), &Answers::new(), today()).is_empty());
    }

    #[test]
    fn a_birth_past_the_deadline_is_late_registration_and_says_what_changes() {
        // 60 days after 25 September is 24 November: still on time.
        let on_time = family(born(25, 9, 2026), &[("me-nam-sinh", "1996")]);
        assert!(plausibility_warnings(&birth(), &on_time, today()).is_empty());
        let late = family(born(24, 9, 2026), &[("me-nam-sinh", "1996")]);
        let warnings = plausibility_warnings(&birth(), &late, today());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].fields, ["tre-ngay-sinh"]);
        let text = &said(&warnings)[0];
        assert!(text.contains("61 ngày"), "{text}");
        assert!(text.contains("60 ngày"), "{text}");
        assert!(text.contains("lệ phí"), "{text}");
    }

    #[test]
    fn a_child_born_decades_ago_on_a_new_birth_form_is_asked_to_check_the_year() {
        let typed = family(born(3, 5, 1986), &[("me-nam-sinh", "1960")]);
        let warnings = plausibility_warnings(&birth(), &typed, today());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].problem.key, "plausibility.late_years");
        let text = &said(&warnings)[0];
        assert!(text.contains("40 năm"), "{text}");
        assert!(text.contains("gõ nhầm"), "{text}");
        assert!(text.contains("lệ phí"), "{text}");
        assert!(text.contains("quá hạn"), "{text}");
    }

    #[test]
    fn every_warning_has_words_in_both_languages() {
        for lang in [Lang::Vi, Lang::En] {
            for key in KEYS {
                let template = Words(lang).template(key);
                assert_ne!(&template, key, "{key} in {lang:?}");
            }
        }
        let typed = family(born(3, 5, 1986), &[("me-nam-sinh", "1980")]);
        for warning in plausibility_warnings(&birth(), &typed, today()) {
            let english = warning.problem.render(&Words(Lang::En));
            assert!(!english.contains("%{"), "{english}");
        }
    }

    #[cfg(feature = "files")]
    #[test]
    fn rules_read_from_the_procedure_file() {
        #[derive(serde::Deserialize)]
        struct File {
            plausibility: Vec<Rule>,
        }
        let text = r#"
            [[plausibility]]
            rule = "age_gap"
            older = "me-nam-sinh"
            younger = "tre-ngay-sinh"
            years = 12

            [[plausibility]]
            rule = "late_registration"
            date = "thoi-diem-mat"
            days = 15
        "#;
        let file: File = toml::from_str(text).unwrap();
        assert_eq!(file.plausibility.len(), 2);
        assert_eq!(
            file.plausibility[1],
            Rule::LateRegistration {
                date: "thoi-diem-mat".into(),
                days: 15
            }
        );
    }
}
