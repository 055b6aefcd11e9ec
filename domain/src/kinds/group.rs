//! Repeating groups (business lines): items named `group.n.field`, each checked like a field
//! of its own, "add another", and which item is the main one.

use crate::Texts;
use crate::field::{Answers, Field, GROUP_SEPARATOR};
use crate::problem::{Arg, Problem};
use chrono::NaiveDate;

use super::FieldProblem;

/// The input holding which item is the main one is `group.chinh`.
const MAIN: &str = "chinh";

/// The item numbers of a repeating group present in the answers, in order.
pub fn items(field: &Field, answers: &Answers) -> Vec<usize> {
    let prefix = format!("{}{GROUP_SEPARATOR}", field.id);
    let mut items: Vec<usize> = answers
        .keys()
        .filter_map(|input| input.strip_prefix(&prefix))
        .filter_map(|rest| rest.split(GROUP_SEPARATOR).next()?.parse().ok())
        .collect();
    items.sort_unstable();
    items.dedup();
    items
}

/// One item's noun: "tên ngành ở dòng 2".
fn item_noun(item: &Field, n: usize) -> Problem {
    Problem::new("rule.item_noun")
        .with("noun", &item.noun)
        .with("n", n.to_string())
}

/// One item's copy of a group's sub-field, named `group.n.sub`, with its noun in words.
pub fn item_field(group: &Field, item: &Field, n: usize, t: &dyn Texts) -> Field {
    let mut copy = item_inputs(group, item, n);
    copy.noun = item_noun(item, n).render(t);
    copy
}

/// One item's copy of a sub-field, for its input names only.
pub fn item_inputs(group: &Field, item: &Field, n: usize) -> Field {
    let mut copy = item.clone();
    copy.id = format!(
        "{}{GROUP_SEPARATOR}{n}{GROUP_SEPARATOR}{}",
        group.id, item.id
    );
    copy
}

/// The input holding which item of a group is the main one.
pub fn main_item_input(group: &Field) -> String {
    format!("{}{GROUP_SEPARATOR}{MAIN}", group.id)
}

/// Items where the citizen typed something (a blank row added by mistake is ignored).
pub fn filled_items(field: &Field, answers: &Answers) -> Vec<usize> {
    items(field, answers)
        .into_iter()
        .filter(|n| {
            field.items.iter().any(|item| {
                let copy = item_inputs(field, item, *n);
                copy.inputs()
                    .iter()
                    .any(|input| answers.get(input).is_some_and(|v| !v.trim().is_empty()))
            })
        })
        .collect()
}

fn main_item(field: &Field, answers: &Answers) -> Option<usize> {
    answers
        .get(&main_item_input(field))
        .and_then(|v| v.parse::<usize>().ok())
}

pub(super) fn check(field: &Field, answers: &Answers, today: NaiveDate) -> Vec<FieldProblem> {
    let problem = |input: String, problem: Problem| FieldProblem {
        field: field.id.clone(),
        input,
        problem,
    };
    let noun = || Arg::from(&field.noun);
    let items = filled_items(field, answers);
    if items.is_empty() {
        if !field.required {
            return Vec::new();
        }
        let first_input = field
            .items
            .first()
            .map(|item| item_inputs(field, item, 1).first_input())
            .unwrap_or_default();
        return vec![problem(
            first_input,
            Problem::new("rule.group_empty").with("noun", noun()),
        )];
    }
    let mut problems: Vec<FieldProblem> = items
        .iter()
        .flat_map(|n| {
            field.items.iter().flat_map(move |item| {
                let copy = item_inputs(field, item, *n);
                super::problems_of(&copy, &item_noun(item, *n).into(), answers, today)
                    .into_iter()
                    .map(|found| FieldProblem {
                        field: field.id.clone(),
                        ..found
                    })
            })
        })
        .collect();
    if let Some(max) = field.max_items.filter(|max| items.len() > *max) {
        problems.push(problem(
            main_item_input(field),
            Problem::new("rule.group_max")
                .with("noun", noun())
                .with("max", max.to_string()),
        ));
    }
    if field.main_item && !main_item(field, answers).is_some_and(|main| items.contains(&main)) {
        problems.push(problem(
            main_item_input(field),
            Problem::new("rule.group_main").with("noun", noun()),
        ));
    }
    problems
}

/// "Bán lẻ cà phê – 4722; Dịch vụ ăn uống – 5610 (chính)".
pub(super) fn display(field: &Field, answers: &Answers, today: NaiveDate, t: &dyn Texts) -> String {
    let main = main_item(field, answers);
    filled_items(field, answers)
        .into_iter()
        .map(|n| {
            let values: Vec<String> = field
                .items
                .iter()
                .map(|item| super::display(&item_field(field, item, n, t), answers, today, t))
                .filter(|value| !value.is_empty())
                .collect();
            let marker = if field.main_item && main == Some(n) {
                t.text("show.main", &[])
            } else {
                String::new()
            };
            format!("{}{marker}", values.join(" – "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::FieldKind;

    fn business_lines() -> Field {
        Field {
            id: "nganh".into(),
            noun: "ngành nghề kinh doanh".into(),
            main_item: true,
            max_items: Some(3),
            items: vec![
                Field {
                    id: "ten".into(),
                    noun: "tên ngành".into(),
                    kind: FieldKind::Text,
                    required: true,
                    ..Default::default()
                },
                Field {
                    id: "ma".into(),
                    noun: "mã ngành".into(),
                    kind: FieldKind::Text,
                    required: true,
                    digits: Some(4),
                    ..Default::default()
                },
            ],
            ..field(FieldKind::Group)
        }
    }

    #[test]
    fn business_lines_need_a_four_digit_code_and_one_main_line() {
        let lines = business_lines();
        let mut typed = answers(&[
            ("nganh.1.ten", "Bán lẻ cà phê"),
            ("nganh.1.ma", "4722"),
            ("nganh.2.ten", "Dịch vụ ăn uống"),
            ("nganh.2.ma", "56 10"),
            ("nganh.3.ten", ""),
            ("nganh.3.ma", ""),
            ("nganh.chinh", "2"),
        ]);
        assert_eq!(field_errors(&lines, &typed, today(), &VI), vec![]);
        assert_eq!(filled_items(&lines, &typed), vec![1, 2]);
        assert_eq!(
            display_value(&lines, &typed, today(), &VI),
            "Bán lẻ cà phê – 4722; Dịch vụ ăn uống – 56 10 (chính)"
        );
        typed.insert("nganh.1.ma".into(), "472".into());
        typed.insert("nganh.chinh".into(), "3".into());
        let errors = field_errors(&lines, &typed, today(), &VI);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].input, "nganh.1.ma");
        assert!(errors[0].message.contains("4 chữ số"));
        assert_eq!(errors[1].input, "nganh.chinh");
        let empty = answers(&[("nganh.1.ten", " ")]);
        assert_eq!(
            field_errors(&lines, &empty, today(), &VI)[0].input,
            "nganh.1.ten"
        );
    }

    #[test]
    fn an_item_is_named_by_its_row() {
        let lines = business_lines();
        let typed = answers(&[
            ("nganh.2.ten", "Bán lẻ"),
            ("nganh.2.ma", "47"),
            ("nganh.chinh", "2"),
        ]);
        let found = problems(&lines, &typed, today());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].problem.key, "rule.digits");
        assert_eq!(
            found[0].problem.args[0].1,
            Arg::from(item_noun(&lines.items[1], 2)).capitalised()
        );
    }
}
