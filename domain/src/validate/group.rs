//! Repeating groups: items named `group.n.field`, each checked like a field of its own.

use super::*;

/// The item numbers of a repeating group present in the answers, in order.
pub fn group_items(field: &Field, answers: &Answers) -> Vec<usize> {
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

/// One item's copy of a group's sub-field, named `group.n.sub`, with its noun ("người thứ 2").
pub fn item_field(group: &Field, item: &Field, n: usize, t: &dyn Texts) -> Field {
    let mut copy = item_inputs(group, item, n);
    copy.noun = t.text(
        "rule.item_noun",
        &[("noun", &item.noun), ("n", &n.to_string())],
    );
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
    format!("{}{GROUP_SEPARATOR}chinh", group.id)
}

/// Items where the citizen typed something (a blank row added by mistake is ignored).
pub fn filled_items(field: &Field, answers: &Answers) -> Vec<usize> {
    group_items(field, answers)
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

pub(super) fn group_errors(
    field: &Field,
    answers: &Answers,
    today: NaiveDate,
    t: &dyn Texts,
) -> Vec<FieldError> {
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
        return vec![FieldError {
            field: field.id.clone(),
            input: first_input,
            message: t.text("rule.group_empty", &[("noun", &field.noun)]),
        }];
    }
    let mut errors: Vec<FieldError> = items
        .iter()
        .flat_map(|n| {
            field.items.iter().flat_map(move |item| {
                let copy = item_field(field, item, *n, t);
                field_errors(&copy, answers, today, t)
                    .into_iter()
                    .map(|error| FieldError {
                        field: field.id.clone(),
                        ..error
                    })
            })
        })
        .collect();
    if let Some(max) = field.max_items.filter(|max| items.len() > *max) {
        errors.push(FieldError {
            field: field.id.clone(),
            input: main_item_input(field),
            message: t.text(
                "rule.group_max",
                &[("noun", &field.noun), ("max", &max.to_string())],
            ),
        });
    }
    if field.main_item {
        let main = answers
            .get(&main_item_input(field))
            .and_then(|v| v.parse::<usize>().ok());
        if !main.is_some_and(|main| items.contains(&main)) {
            errors.push(FieldError {
                field: field.id.clone(),
                input: main_item_input(field),
                message: t.text("rule.group_main", &[("noun", &field.noun)]),
            });
        }
    }
    errors
}
