//! The browser's side of a step form: reading its answers, showing errors next to fields.

use super::error_id;
use super::kinds::character_count;
use domain::procedure::Answers;
use domain::validate::FieldError;
use leptos::prelude::document;
use leptos::wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlFormElement};

/// Every `a[input]` of the form, groups' item inputs included; files left out.
pub fn form_answers(form: &HtmlFormElement, data: &web_sys::FormData) -> Answers {
    let mut answers = Answers::new();
    let elements = form.elements();
    for element in (0..elements.length()).filter_map(|i| elements.item(i)) {
        let Some(name) = element.get_attribute("name") else {
            continue;
        };
        let Some(input) = name
            .strip_prefix("a[")
            .and_then(|rest| rest.strip_suffix(']'))
        else {
            continue;
        };
        if let Some(value) = data.get(&name).as_string() {
            answers.insert(input.to_string(), value);
        }
    }
    answers
}

pub fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<T>().ok())
}

/// Fills the error places the server rendered (empty and hidden when there was no error).
pub fn show_next_to_fields(form: &HtmlFormElement, errors: &[FieldError]) {
    let Ok(wrappers) = form.query_selector_all("[data-slot]") else {
        return;
    };
    for wrapper in (0..wrappers.length()).filter_map(|i| wrappers.item(i)) {
        let Ok(wrapper) = wrapper.dyn_into::<Element>() else {
            continue;
        };
        let slot = wrapper.get_attribute("data-slot").unwrap_or_default();
        let message = errors
            .iter()
            .find(|error| {
                let own = by_id::<Element>(&error_id(&error.input)).is_some();
                (if own { &error.input } else { &error.field }) == &slot
            })
            .map(|error| error.message.as_str());
        let _ = wrapper
            .class_list()
            .toggle_with_force("field--error", message.is_some());
        if let Some(place) = by_id::<HtmlElement>(&error_id(&slot)) {
            place.set_hidden(message.is_none());
            if let Ok(Some(text)) = place.query_selector(".error-message__text") {
                text.set_text_content(message);
            }
        }
        if let Ok(inputs) = wrapper
            .query_selector_all("input:not([type=radio]):not([type=checkbox]), select, textarea")
        {
            for input in (0..inputs.length()).filter_map(|i| inputs.item(i)) {
                if let Ok(input) = input.dyn_into::<Element>() {
                    let _ = match message {
                        Some(_) => input.set_attribute("aria-invalid", "true"),
                        None => input.remove_attribute("aria-invalid"),
                    };
                }
            }
        }
    }
}

/// Keeps "Đã viết N trên M ký tự" under a long text current.
pub fn count_characters(event: &leptos::ev::Event, template: &str) {
    let Some(area) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let (Some(max), Some(count_id)) = (
        area.get_attribute("data-max"),
        area.get_attribute("data-count"),
    ) else {
        return;
    };
    if let Some(counter) = by_id::<Element>(&count_id) {
        let max = max.parse().unwrap_or(0);
        counter.set_text_content(Some(&character_count(
            template,
            area.value().chars().count(),
            max,
        )));
    }
}

pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}
