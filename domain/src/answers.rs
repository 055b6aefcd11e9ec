//! A step's answers and the draft's: merging what a page sent into what is stored, and which
//! answers two devices changed differently (a stale Continue).

use crate::kinds::group::{filled_items, item_inputs, items as group_items, main_item_input};
use crate::procedure::{Answers, Field, FieldKind, GROUP_SEPARATOR, Step};

/// Longest answer kept for one input: anything longer is not a real answer.
pub const MAX_INPUT_CHARS: usize = 2000;

/// Besides Continue, a step with a repeating group has "add another" and "remove" buttons.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum GroupAction {
    #[default]
    Continue,
    /// Add an empty item to this group.
    Add(String),
    /// Remove this item (`group.n`).
    Remove(String),
}

/// The fields of `step` that this save sent answers for.
pub fn fields_sent(step: &Step, typed: &Answers) -> Vec<String> {
    step.fields
        .iter()
        .filter(|field| typed.keys().any(|input| field.owns(input)))
        .map(|field| field.id.clone())
        .collect()
}

/// This step's inputs replace what was stored; an input left out (an unticked radio) is cleared.
/// Attachments keep their stored file unless a new one came.
pub fn merge(step: &Step, stored: &Answers, typed: &Answers, action: &GroupAction) -> Answers {
    let mut answers: Answers = stored
        .iter()
        .filter(|(input, _)| {
            !step
                .fields
                .iter()
                .any(|field| field.owns(input) && field.kind != FieldKind::Attachment)
        })
        .map(|(input, value)| (input.clone(), value.clone()))
        .collect();
    for (input, value) in typed {
        if step.fields.iter().any(|field| field.owns(input)) {
            answers.insert(input.clone(), value.chars().take(MAX_INPUT_CHARS).collect());
        }
    }
    for group in step
        .fields
        .iter()
        .filter(|field| field.kind == FieldKind::Group)
    {
        let filled = filled_items(group, &answers);
        // Blank rows are dropped, except one to type into when asked for.
        answers.retain(|input, _| {
            !group.owns(input)
                || input == &main_item_input(group)
                || group_items(group, &answers_item(input))
                    .iter()
                    .all(|n| filled.contains(n))
        });
        match action {
            GroupAction::Add(id) if *id == group.id => {
                let limit = group.max_items.unwrap_or(MAX_GROUP_ITEMS);
                if filled.len() < limit {
                    let next = filled.iter().max().copied().unwrap_or(0) + 1;
                    if let Some(item) = group.items.first() {
                        answers.insert(item_inputs(group, item, next).first_input(), String::new());
                    }
                }
            }
            GroupAction::Remove(target) => {
                let prefix = format!("{target}{GROUP_SEPARATOR}");
                if target.starts_with(&format!("{}{GROUP_SEPARATOR}", group.id)) {
                    answers.retain(|input, _| !input.starts_with(&prefix));
                    let removed = target.rsplit(GROUP_SEPARATOR).next().unwrap_or("");
                    if answers.get(&main_item_input(group)).map(String::as_str) == Some(removed) {
                        answers.remove(&main_item_input(group));
                    }
                }
            }
            _ => {}
        }
    }
    answers
}

/// A one-entry map, to ask which group item an input belongs to.
fn answers_item(input: &str) -> Answers {
    std::iter::once((input.to_string(), String::new())).collect()
}

/// A repeating group without a `max_items` still has a bound.
const MAX_GROUP_ITEMS: usize = 50;

/// The fields of `step` that this page changed one way and another device another way, each
/// with the other device's inputs. With the values the page started from (`base`), an answer
/// changed only here is no conflict; without them, every answer that differs counts.
pub fn differing_fields<'s>(
    step: &'s Step,
    mine: &Answers,
    theirs: &Answers,
    base: Option<&Answers>,
) -> Vec<(&'s Field, Answers)> {
    let owned = |field: &Field, answers: &Answers| -> Answers {
        answers
            .iter()
            .filter(|(input, value)| field.owns(input) && !value.trim().is_empty())
            .map(|(input, value)| (input.clone(), value.trim().to_string()))
            .collect()
    };
    step.fields
        .iter()
        .filter(|field| field.kind != FieldKind::Attachment)
        .filter_map(|field| {
            let (my_inputs, their_inputs) = (owned(field, mine), owned(field, theirs));
            let changed_elsewhere = base.is_none_or(|base| owned(field, base) != their_inputs);
            (my_inputs != their_inputs && changed_elsewhere).then_some((field, their_inputs))
        })
        .collect()
}

#[cfg(test)]
#[path = "answers_tests.rs"]
mod tests;
