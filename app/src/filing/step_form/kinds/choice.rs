//! Choices: radios for a handful of options (and Có / Không), a drop-down for a longer list,
//! a box the browser completes for a very long one (54 ethnic groups).

use super::{Frame, form_name};
use domain::procedure::{Field, FieldKind, NO, YES};
use leptos::prelude::*;

pub(super) fn radios_view(field: &Field, current: &str, frame: &Frame) -> AnyView {
    let options: Vec<(String, String)> = if field.kind == FieldKind::YesNo {
        vec![(YES.into(), tr!("show.yes")), (NO.into(), tr!("show.no"))]
    } else {
        field
            .options
            .iter()
            .map(|o| (o.clone(), field.option_label(o)))
            .collect()
    };
    let inline = if field.kind == FieldKind::YesNo {
        "radios radios--inline"
    } else {
        "radios"
    };
    frame.fieldset(view! { <div class=inline>{radios(&field.id, &options, current)}</div> })
}

pub(super) fn select_view(field: &Field, current: &str, frame: &Frame) -> AnyView {
    if field.options.len() > LONG_LIST {
        frame.labelled(searchable_list(field, current, frame))
    } else {
        frame.labelled(select(&field.id, &field.options, current, frame, field))
    }
}

fn radios(name: &str, options: &[(String, String)], current: &str) -> impl IntoView + use<> {
    options
        .iter()
        .enumerate()
        .map(|(i, (option_value, text))| {
            // The first radio carries the field's id so that error links land on it.
            let radio_id = if i == 0 {
                name.to_string()
            } else {
                format!("{name}-{i}")
            };
            let checked = current == option_value;
            view! {
                <div class="radio">
                    <input
                        class="radio__input"
                        type="radio"
                        id=radio_id.clone()
                        name=form_name(name)
                        value=option_value.clone()
                        checked=checked
                    />
                    <label class="radio__label" for=radio_id>{text.clone()}</label>
                </div>
            }
        })
        .collect_view()
}

pub(super) fn select(
    input: &str,
    options: &[String],
    current: &str,
    frame: &Frame,
    field: &Field,
) -> impl IntoView + use<> {
    let options = options
        .iter()
        .map(|option| view! { <option value=option.clone() selected=option == current>{field.option_label(option)}</option> })
        .collect_view();
    view! {
        <select
            class="select"
            id=input.to_string()
            name=form_name(input)
            aria-describedby=frame.described_by()
            aria-invalid=frame.invalid()
        >
            <option value="">{tr!("select.choose")}</option>
            {options}
        </select>
    }
}

/// Lists longer than this are typed into rather than scrolled through.
const LONG_LIST: usize = 12;

/// A text box the browser completes from the list as one types (no JavaScript needed). Each
/// option also carries its name without diacritics, so "e de" finds "Ê Đê".
fn searchable_list(field: &Field, current: &str, frame: &Frame) -> impl IntoView + use<> {
    let input = field.id.as_str();
    let options = &field.options;
    let list_id = format!("{input}-danh-sach");
    let options = options
        .iter()
        .map(|option| {
            let plain = domain::search::fold_words(option).join(" ");
            let shown = field.option_label(option);
            let label = if plain == shown.to_lowercase() {
                shown
            } else {
                format!("{shown} ({plain})")
            };
            view! { <option value=option.clone() label=label></option> }
        })
        .collect_view();
    view! {
        <input
            class="input input--16"
            type="text"
            id=input.to_string()
            name=form_name(input)
            list=list_id.clone()
            autocomplete="off"
            spellcheck="false"
            value=current.to_string()
            aria-describedby=frame.described_by()
            aria-invalid=frame.invalid()
        />
        <datalist id=list_id>{options}</datalist>
    }
}
