//! The form of one wizard step: the only part of a step page that ships as wasm (an island).
//! Without JavaScript it is a plain form that posts and redirects; hydrated, it checks the
//! answers with the same rules as the server before sending, and shows what to fix at once.

use crate::catalog::{Answers, Field, FieldKind, NO, YES};
use crate::rules::validate::FieldError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const ERROR_SUMMARY_ID: &str = "tom-tat-loi";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepFormData {
    /// The server function the form posts to.
    pub action: String,
    pub step_id: String,
    pub from_check: bool,
    pub fields: Vec<Field>,
    pub values: Answers,
    pub errors: Vec<FieldError>,
}

// An island in the real build; a plain component in the full-hydration build that
// scripts/measure-hydration.sh compares it with.
#[cfg_attr(feature = "islands", island)]
#[cfg_attr(not(feature = "islands"), component)]
pub fn StepForm(form: StepFormData) -> impl IntoView {
    let from_server = !form.errors.is_empty();
    let errors = RwSignal::new(form.errors);
    let fields = StoredValue::new(form.fields.clone());
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        client::check_before_sending(&event, fields, errors);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&event, fields);
    };
    let values = form.values;
    view! {
        {move || {
            let list = errors.get();
            (!list.is_empty()).then(|| view! { <ErrorSummary errors=list autofocus=from_server /> })
        }}
        <form method="post" action=form.action novalidate on:submit=on_submit>
            <input type="hidden" name="buoc" value=form.step_id />
            {form.from_check.then(|| view! { <input type="hidden" name="tu" value=super::FROM_CHECK /> })}
            {form
                .fields
                .iter()
                .map(|field| field_view(field, &values, errors))
                .collect_view()}
            <button type="submit" class="button">"Tiếp tục"</button>
        </form>
    }
}

#[component]
fn ErrorSummary(errors: Vec<FieldError>, autofocus: bool) -> impl IntoView {
    view! {
        <div
            class="error-summary"
            id=ERROR_SUMMARY_ID
            role="alert"
            tabindex="-1"
            autofocus=autofocus
            aria-labelledby="tom-tat-loi-tieu-de"
        >
            <h2 class="error-summary__title" id="tom-tat-loi-tieu-de">"Có điều cần sửa"</h2>
            <ul class="error-summary__list">
                {errors
                    .into_iter()
                    .map(|error| view! { <li><a href=format!("#{}", error.input)>{error.message}</a></li> })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// The name a field's input has in the posted form: `a[input]`, read back as a map.
pub fn form_name(input: &str) -> String {
    format!("a[{input}]")
}

fn field_view(field: &Field, values: &Answers, errors: RwSignal<Vec<FieldError>>) -> AnyView {
    let id = field.id.clone();
    let error = Signal::derive(move || {
        errors.with(|list| {
            list.iter()
                .find(|error| error.field == id)
                .map(|error| error.message.clone())
        })
    });
    let hint_id = field.hint.as_ref().map(|_| format!("{}-goi-y", field.id));
    let error_id = format!("{}-loi", field.id);
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids: Vec<&str> = hint_id.iter().map(String::as_str).collect();
            if error.get().is_some() {
                ids.push(&error_id);
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let wrapper = move || {
        if error.get().is_some() {
            "field field--error"
        } else {
            "field"
        }
    };
    let hint = field
        .hint
        .clone()
        .map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> });
    let error_message = move || {
        error.get().map(|message| {
            view! {
                <p class="error-message" id=error_id.clone()>
                    <span class="visually-hidden">"Lỗi: "</span>
                    {message}
                </p>
            }
        })
    };
    let value = |input: &str| values.get(input).cloned().unwrap_or_default();
    let invalid = move || error.get().is_some().then_some("true");

    match field.kind {
        FieldKind::Date => {
            let boxes = crate::rules::dates::PARTS
                .iter()
                .zip(["Ngày", "Tháng", "Năm"])
                .map(|(part, label)| {
                    let input = field.part_input(part);
                    let width = if *part == "nam" {
                        "input input--4"
                    } else {
                        "input input--2"
                    };
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
                                value=value(&input)
                                aria-invalid=invalid
                            />
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class=wrapper>
                    <fieldset class="fieldset" role="group" aria-describedby=described_by>
                        <legend class="label">{field.label.clone()}</legend>
                        {hint}
                        {error_message}
                        <div class="date-input">{boxes}</div>
                    </fieldset>
                </div>
            }
            .into_any()
        }
        FieldKind::Choice | FieldKind::YesNo => {
            let current = value(&field.id);
            let options: Vec<(String, String)> = if field.kind == FieldKind::YesNo {
                vec![(YES.into(), "Có".into()), (NO.into(), "Không".into())]
            } else {
                field
                    .options
                    .iter()
                    .map(|o| (o.clone(), o.clone()))
                    .collect()
            };
            let radios = options
                .into_iter()
                .enumerate()
                .map(|(i, (option_value, text))| {
                    // The first radio carries the field's id so that error links land on it.
                    let radio_id = if i == 0 {
                        field.id.clone()
                    } else {
                        format!("{}-{i}", field.id)
                    };
                    let checked = current == option_value;
                    view! {
                        <div class="radio">
                            <input
                                class="radio__input"
                                type="radio"
                                id=radio_id.clone()
                                name=form_name(&field.id)
                                value=option_value
                                checked=checked
                            />
                            <label class="radio__label" for=radio_id>{text}</label>
                        </div>
                    }
                })
                .collect_view();
            let inline = if field.kind == FieldKind::YesNo {
                "radios radios--inline"
            } else {
                "radios"
            };
            view! {
                <div class=wrapper>
                    <fieldset class="fieldset" aria-describedby=described_by>
                        <legend class="label">{field.label.clone()}</legend>
                        {hint}
                        {error_message}
                        <div class=inline>{radios}</div>
                    </fieldset>
                </div>
            }
            .into_any()
        }
        FieldKind::Select => {
            let current = value(&field.id);
            let options = field
                .options
                .iter()
                .map(|option| {
                    let selected = *option == current;
                    view! { <option value=option.clone() selected=selected>{option.clone()}</option> }
                })
                .collect_view();
            view! {
                <div class=wrapper>
                    <label class="label" for=field.id.clone()>{field.label.clone()}</label>
                    {hint}
                    {error_message}
                    <select
                        class="select"
                        id=field.id.clone()
                        name=form_name(&field.id)
                        aria-describedby=described_by
                        aria-invalid=invalid
                    >
                        <option value="">"Chọn trong danh sách"</option>
                        {options}
                    </select>
                </div>
            }
            .into_any()
        }
        _ => {
            let (input_type, input_mode, width) = match field.kind {
                FieldKind::Phone => ("tel", Some("tel"), "input input--12"),
                FieldKind::Year => ("text", Some("numeric"), "input input--4"),
                FieldKind::Number => ("text", Some("numeric"), "input input--4"),
                FieldKind::IdNumber => ("text", Some("numeric"), "input input--16"),
                _ => ("text", None, "input"),
            };
            let spellcheck =
                matches!(field.kind, FieldKind::Name | FieldKind::IdNumber).then_some("false");
            view! {
                <div class=wrapper>
                    <label class="label" for=field.id.clone()>{field.label.clone()}</label>
                    {hint}
                    {error_message}
                    <input
                        class=width
                        id=field.id.clone()
                        name=form_name(&field.id)
                        type=input_type
                        inputmode=input_mode
                        spellcheck=spellcheck
                        autocomplete="off"
                        value=value(&field.id)
                        aria-describedby=described_by
                        aria-invalid=invalid
                    />
                </div>
            }
            .into_any()
        }
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::*;
    use crate::rules::validate::check_field;
    use leptos::wasm_bindgen::JsCast;

    /// Refuses to send a step the server would send back, and shows why straight away.
    pub fn check_before_sending(
        event: &leptos::ev::SubmitEvent,
        fields: StoredValue<Vec<Field>>,
        errors: RwSignal<Vec<FieldError>>,
    ) {
        let Some(form) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let today = today();
        let found: Vec<FieldError> = fields.with_value(|fields| {
            let answers: Answers = fields
                .iter()
                .flat_map(|field| field.inputs())
                .filter_map(|input| {
                    data.get(&form_name(&input))
                        .as_string()
                        .map(|value| (input, value))
                })
                .collect();
            fields
                .iter()
                .filter_map(|field| check_field(field, &answers, today).err())
                .collect()
        });
        if found.is_empty() {
            return;
        }
        event.prevent_default();
        errors.set(found);
        request_animation_frame(|| {
            if let Some(summary) = document()
                .get_element_by_id(ERROR_SUMMARY_ID)
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = summary.focus();
            }
        });
    }

    fn today() -> chrono::NaiveDate {
        let now = js_sys::Date::new_0();
        chrono::NaiveDate::from_ymd_opt(
            now.get_full_year() as i32,
            now.get_month() + 1,
            now.get_date(),
        )
        .unwrap_or_default()
    }
}
