//! Dates in three boxes; a date and time adds hour and minute.

use super::{Frame, form_name};
use domain::kinds::date::{PARTS, YEAR};
use domain::kinds::date_time::{HOUR, MINUTE};
use domain::procedure::{Answers, Field};
use leptos::prelude::*;

pub(super) fn date_time(field: &Field, values: &Answers, frame: &Frame) -> AnyView {
    let time = [HOUR, MINUTE]
        .into_iter()
        .zip([tr!("date.hour"), tr!("date.minute")])
        .map(|(part, label)| {
            let input = field.part_input(part);
            let value = values.get(&input).cloned().unwrap_or_default();
            small_box(input, label, "input input--2", &value, frame)
        })
        .collect_view();
    frame.fieldset(view! {
        {date_boxes(field, values, frame)}
        <div class="date-input date-input--time">{time}</div>
    })
}

pub(super) fn date_boxes(field: &Field, values: &Answers, frame: &Frame) -> impl IntoView + use<> {
    let boxes = PARTS
        .iter()
        .zip([tr!("date.day"), tr!("date.month"), tr!("date.year")])
        .map(|(part, label)| {
            let input = field.part_input(part);
            let width = if *part == YEAR {
                "input input--4"
            } else {
                "input input--2"
            };
            let value = values.get(&input).cloned().unwrap_or_default();
            small_box(input, label, width, &value, frame)
        })
        .collect_view();
    view! { <div class="date-input">{boxes}</div> }
}

fn small_box(
    input: String,
    label: String,
    width: &'static str,
    value: &str,
    frame: &Frame,
) -> impl IntoView + use<> {
    view! {
        <div class="date-input__item">
            <label class="date-input__label" for=input.clone()>{label}</label>
            <input
                class=width
                id=input.clone()
                name=form_name(&input)
                type="text"
                inputmode="numeric"
                autocomplete="off"
                value=value.to_string()
                aria-invalid=frame.invalid()
            />
        </div>
    }
}
