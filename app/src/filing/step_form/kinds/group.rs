//! A repeating group: one box per item, "add another", "remove", and which item is the main one.

use super::{Frame, form_name, sentence_case};
use domain::procedure::{Answers, Field, GROUP_SEPARATOR};
use domain::validate::{FieldError, group_items, item_field, main_item_input};
use leptos::prelude::*;
use std::collections::HashSet;

/// The add and remove buttons post the form (what was typed is saved) and the step comes back
/// with one item more or less.
pub(super) fn view(
    field: &Field,
    values: &Answers,
    frame: &Frame,
    errors: &[FieldError],
    slots: &HashSet<String>,
) -> AnyView {
    let mut items = group_items(field, values);
    if items.is_empty() {
        items.push(1);
    }
    let main_input = main_item_input(field);
    let main_value = values.get(&main_input).cloned().unwrap_or_default();
    let count = items.len();
    let item_views = items
        .into_iter()
        .map(|n| {
            let sub_fields = field
                .items
                .iter()
                .map(|item| {
                    let copy = item_field(field, item, n, &crate::i18n::page());
                    let value = values.get(&copy.id).cloned().unwrap_or_default();
                    let sub_frame = Frame::new(&copy.id, &item.label, item.hint.clone(), errors, slots);
                    sub_frame.labelled(super::text::input(&copy, &copy.id, &value, &sub_frame))
                })
                .collect_view();
            let main = field.main_item.then(|| {
                let radio_id = if n == 1 { main_input.clone() } else { format!("{main_input}-{n}") };
                view! {
                    <div class="radio">
                        <input
                            class="radio__input"
                            type="radio"
                            id=radio_id.clone()
                            name=form_name(&main_input)
                            value=n.to_string()
                            checked=main_value == n.to_string()
                        />
                        <label class="radio__label" for=radio_id>{tr!("group.main", noun = field.noun)}</label>
                    </div>
                }
            });
            let remove = (count > 1).then(|| {
                view! {
                    <button
                        type="submit"
                        class="button button--secondary button--small"
                        name="bo"
                        value=format!("{}{GROUP_SEPARATOR}{n}", field.id)
                        formnovalidate=true
                    >
                        {tr!("group.remove", noun = field.noun, n = n)}
                    </button>
                }
            });
            view! {
                <div class="group-item">
                    <h2 class="group-item__title">{format!("{} {n}", sentence_case(&field.noun))}</h2>
                    {sub_fields}
                    {main}
                    {remove}
                </div>
            }
        })
        .collect_view();
    let full = field.max_items.is_some_and(|limit| count >= limit);
    let add = (!full).then(|| {
        view! {
            <button type="submit" class="button button--secondary" name="them" value=field.id.clone() formnovalidate=true>
                {tr!("group.add", noun = field.noun)}
            </button>
        }
    });
    frame.fieldset(view! { {item_views} {add} })
}
