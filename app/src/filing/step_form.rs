//! The form of one wizard step: the only part of a step page that ships as wasm (an island).
//! Without JavaScript it is a plain form that posts and redirects; hydrated, it checks the
//! answers with the same rules as the server before sending, and shows what to fix at once.

use crate::catalog::{Answers, Field, FieldKind, GROUP_SEPARATOR, NO, YES};
use crate::rules::validate::{FieldError, group_items, item_field, main_item_input};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const ERROR_SUMMARY_ID: &str = "tom-tat-loi";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepFormData {
    /// The server function the form posts to.
    pub action: String,
    /// Steps with a document to upload post `multipart/form-data`.
    pub multipart: bool,
    pub step_id: String,
    pub from_check: bool,
    pub fields: Vec<Field>,
    pub values: Answers,
    /// Answers from other steps that this step's rules compare with (a birth date for an ID number).
    pub context: Answers,
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
    let context = StoredValue::new(form.context);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        client::check_before_sending(&event, fields, context, errors);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&event, fields, context);
    };
    let values = form.values;
    let enctype = form.multipart.then_some("multipart/form-data");
    view! {
        {move || {
            let list = errors.get();
            (!list.is_empty()).then(|| view! { <ErrorSummary errors=list autofocus=from_server /> })
        }}
        <form method="post" action=form.action enctype=enctype novalidate on:submit=on_submit>
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

/// What every field shows around its inputs: label or legend, hint, and the error if any.
#[derive(Clone)]
struct Frame {
    id: String,
    label: String,
    hint: Option<String>,
    error: Signal<Option<String>>,
}

impl Frame {
    fn new(field: &Field, errors: RwSignal<Vec<FieldError>>) -> Self {
        let id = field.id.clone();
        let error = Signal::derive(move || {
            errors.with(|list| {
                list.iter()
                    .find(|error| error.field == id)
                    .map(|error| error.message.clone())
            })
        });
        Self {
            id: field.id.clone(),
            label: field.label.clone(),
            hint: field.hint.clone(),
            error,
        }
    }

    fn hint_id(&self) -> Option<String> {
        self.hint.as_ref().map(|_| format!("{}-goi-y", self.id))
    }

    fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + 'static + use<> {
        let hint_id = self.hint_id();
        let error_id = format!("{}-loi", self.id);
        let error = self.error;
        move || {
            let mut ids: Vec<&str> = hint_id.iter().map(String::as_str).collect();
            if error.get().is_some() {
                ids.push(&error_id);
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    fn invalid(&self) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static + use<> {
        let error = self.error;
        move || error.get().is_some().then_some("true")
    }

    fn wrapper(&self) -> impl Fn() -> &'static str + Send + Sync + 'static + use<> {
        let error = self.error;
        move || {
            if error.get().is_some() {
                "field field--error"
            } else {
                "field"
            }
        }
    }

    fn hint_and_error(&self) -> impl IntoView + use<> {
        let hint = self
            .hint
            .clone()
            .map(|hint| view! { <p class="hint" id=self.hint_id()>{hint}</p> });
        let error_id = format!("{}-loi", self.id);
        let error = self.error;
        let message = move || {
            error.get().map(|message| {
                view! {
                    <p class="error-message" id=error_id.clone()>
                        <span class="visually-hidden">"Lỗi: "</span>
                        {message}
                    </p>
                }
            })
        };
        view! { {hint} {message} }
    }

    /// A group of inputs under one question: a fieldset with the label as legend.
    fn fieldset(&self, inputs: impl IntoView + 'static) -> AnyView {
        view! {
            <div class=self.wrapper()>
                <fieldset class="fieldset" aria-describedby=self.described_by()>
                    <legend class="label">{self.label.clone()}</legend>
                    {self.hint_and_error()}
                    {inputs}
                </fieldset>
            </div>
        }
        .into_any()
    }

    /// One input under its label.
    fn labelled(&self, input: impl IntoView + 'static) -> AnyView {
        view! {
            <div class=self.wrapper()>
                <label class="label" for=self.id.clone()>{self.label.clone()}</label>
                {self.hint_and_error()}
                {input}
            </div>
        }
        .into_any()
    }
}

fn field_view(field: &Field, values: &Answers, errors: RwSignal<Vec<FieldError>>) -> AnyView {
    let frame = Frame::new(field, errors);
    let value = |input: &str| values.get(input).cloned().unwrap_or_default();
    match field.kind {
        FieldKind::Date => frame.fieldset(date_boxes(field, values, &frame)),
        FieldKind::DateTime => {
            let time = ["gio", "phut"]
                .into_iter()
                .zip(["Giờ", "Phút"])
                .map(|(part, label)| {
                    small_box(
                        field.part_input(part),
                        label,
                        "input input--2",
                        &value(&field.part_input(part)),
                        &frame,
                    )
                })
                .collect_view();
            frame.fieldset(view! {
                {date_boxes(field, values, &frame)}
                <div class="date-input date-input--time">{time}</div>
            })
        }
        FieldKind::Choice | FieldKind::YesNo => {
            let options: Vec<(String, String)> = if field.kind == FieldKind::YesNo {
                vec![(YES.into(), "Có".into()), (NO.into(), "Không".into())]
            } else {
                field
                    .options
                    .iter()
                    .map(|o| (o.clone(), o.clone()))
                    .collect()
            };
            let inline = if field.kind == FieldKind::YesNo {
                "radios radios--inline"
            } else {
                "radios"
            };
            frame.fieldset(
                view! { <div class=inline>{radios(&field.id, &options, &value(&field.id))}</div> },
            )
        }
        FieldKind::Select => {
            frame.labelled(select(&field.id, &field.options, &value(&field.id), &frame))
        }
        FieldKind::Undertaking => {
            let checked = value(&field.id) == YES;
            frame.fieldset(view! {
                <div class="checkbox">
                    <input
                        class="checkbox__input"
                        type="checkbox"
                        id=field.id.clone()
                        name=form_name(&field.id)
                        value=YES
                        checked=checked
                        aria-invalid=frame.invalid()
                    />
                    <label class="checkbox__label" for=field.id.clone()>{field.noun.clone()}</label>
                </div>
            })
        }
        FieldKind::LongText => {
            let max = field.max_len.unwrap_or(2000);
            let typed = RwSignal::new(value(&field.id).chars().count());
            let count_id = format!("{}-dem", field.id);
            frame.labelled(view! {
                <textarea
                    class="textarea"
                    id=field.id.clone()
                    name=form_name(&field.id)
                    rows="5"
                    aria-describedby=frame.described_by()
                    aria-invalid=frame.invalid()
                    on:input=move |event| typed.set(event_target_value(&event).chars().count())
                >
                    {value(&field.id)}
                </textarea>
                <p class="hint" id=count_id aria-live="polite">
                    {move || format!("Đã viết {} trên {max} ký tự", typed.get())}
                </p>
            })
        }
        FieldKind::Address => {
            let provinces: Vec<String> = field.units.iter().map(|p| p.name.clone()).collect();
            let chosen = value(&field.part_input("xa"));
            // Communes grouped by province: without JavaScript every choice is there, and the
            // rule that the commune belongs to the province is checked on both sides.
            let communes = field
                .units
                .iter()
                .map(|province| {
                    let options = province
                        .units
                        .iter()
                        .map(|unit| view! { <option value=unit.clone() selected=*unit == chosen>{unit.clone()}</option> })
                        .collect_view();
                    view! { <optgroup label=province.name.clone()>{options}</optgroup> }
                })
                .collect_view();
            let province_input = field.part_input("tinh");
            let commune_input = field.part_input("xa");
            let street_input = field.part_input("so-nha");
            frame.fieldset(view! {
                <div class="address">
                    <label class="label label--small" for=province_input.clone()>"Tỉnh, thành phố"</label>
                    {select(&province_input, &provinces, &value(&province_input), &frame)}
                    <label class="label label--small" for=commune_input.clone()>"Xã, phường"</label>
                    <select class="select" id=commune_input.clone() name=form_name(&commune_input) aria-invalid=frame.invalid()>
                        <option value="">"Chọn xã, phường"</option>
                        {communes}
                    </select>
                    <label class="label label--small" for=street_input.clone()>"Số nhà, đường phố, tổ dân phố hoặc thôn, buôn"</label>
                    <input
                        class="input"
                        type="text"
                        id=street_input.clone()
                        name=form_name(&street_input)
                        autocomplete="off"
                        value=value(&street_input)
                        aria-invalid=frame.invalid()
                    />
                </div>
            })
        }
        FieldKind::Group => group_view(field, values, &frame, errors),
        FieldKind::Attachment => {
            let current = crate::rules::validate::attachment_name(&value(&field.id));
            frame.labelled(view! {
                {(!current.is_empty()).then(|| view! { <p class="attachment">{format!("Đã gửi: {current}")}</p> })}
                <input
                    class="file-input"
                    type="file"
                    id=field.id.clone()
                    name=form_name(&field.id)
                    accept="image/jpeg,image/png,application/pdf"
                    aria-describedby=frame.described_by()
                    aria-invalid=frame.invalid()
                />
            })
        }
        _ => frame.labelled(text_input(field, &field.id, &value(&field.id), &frame)),
    }
}

fn text_input(field: &Field, input: &str, value: &str, frame: &Frame) -> impl IntoView + use<> {
    let (input_type, input_mode, width) = match field.kind {
        FieldKind::Phone => ("tel", Some("tel"), "input input--12"),
        FieldKind::Email => ("email", Some("email"), "input"),
        FieldKind::Year => ("text", Some("numeric"), "input input--4"),
        FieldKind::Number => ("text", Some("numeric"), "input input--4"),
        FieldKind::Money => ("text", Some("numeric"), "input input--12"),
        FieldKind::IdNumber => ("text", Some("numeric"), "input input--16"),
        _ if field.digits.is_some() => ("text", Some("numeric"), "input input--8"),
        _ => ("text", None, "input"),
    };
    let spellcheck = matches!(
        field.kind,
        FieldKind::Name | FieldKind::IdNumber | FieldKind::Email
    )
    .then_some("false");
    view! {
        <input
            class=width
            id=input.to_string()
            name=form_name(input)
            type=input_type
            inputmode=input_mode
            spellcheck=spellcheck
            autocomplete="off"
            value=value.to_string()
            aria-describedby=frame.described_by()
            aria-invalid=frame.invalid()
        />
    }
}

fn small_box(
    input: String,
    label: &'static str,
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

fn date_boxes(field: &Field, values: &Answers, frame: &Frame) -> impl IntoView + use<> {
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
            let value = values.get(&input).cloned().unwrap_or_default();
            small_box(input, label, width, &value, frame)
        })
        .collect_view();
    view! { <div class="date-input">{boxes}</div> }
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

fn select(input: &str, options: &[String], current: &str, frame: &Frame) -> impl IntoView + use<> {
    let options = options
        .iter()
        .map(|option| view! { <option value=option.clone() selected=option == current>{option.clone()}</option> })
        .collect_view();
    view! {
        <select
            class="select"
            id=input.to_string()
            name=form_name(input)
            aria-describedby=frame.described_by()
            aria-invalid=frame.invalid()
        >
            <option value="">"Chọn trong danh sách"</option>
            {options}
        </select>
    }
}

/// A repeating group: one box per item, "add another", "remove", and which item is the main one.
/// Without JavaScript the add and remove buttons post the form and the server redraws the step;
/// hydrated, they change the page at once.
fn group_view(
    field: &Field,
    values: &Answers,
    frame: &Frame,
    errors: RwSignal<Vec<FieldError>>,
) -> AnyView {
    let mut initial = group_items(field, values);
    if initial.is_empty() {
        initial.push(1);
    }
    let items = RwSignal::new(initial);
    let group = StoredValue::new(field.clone());
    let values = StoredValue::new(values.clone());
    let main_input = main_item_input(field);
    let main_value =
        values.with_value(|values| values.get(&main_input).cloned().unwrap_or_default());
    let add_label = format!("Thêm {}", field.noun);
    let limit = field.max_items;
    let item_view = move |n: usize| {
        let group = group.get_value();
        let sub_fields = group
            .items
            .iter()
            .map(|item| {
                let copy = item_field(&group, item, n);
                let value =
                    values.with_value(|values| values.get(&copy.id).cloned().unwrap_or_default());
                let input = copy.id.clone();
                let sub_frame = Frame {
                    id: copy.id.clone(),
                    label: item.label.clone(),
                    hint: item.hint.clone(),
                    error: Signal::derive(move || {
                        errors.with(|list| {
                            list.iter()
                                .find(|e| e.input == input)
                                .map(|e| e.message.clone())
                        })
                    }),
                };
                sub_frame.labelled(text_input(&copy, &copy.id, &value, &sub_frame))
            })
            .collect_view();
        let main = group.main_item.then(|| {
            let radio_id = if n == 1 {
                main_item_input(&group)
            } else {
                format!("{}-{n}", main_item_input(&group))
            };
            view! {
                <div class="radio">
                    <input
                        class="radio__input"
                        type="radio"
                        id=radio_id.clone()
                        name=form_name(&main_item_input(&group))
                        value=n.to_string()
                        checked=main_value == n.to_string()
                    />
                    <label class="radio__label" for=radio_id>"Đây là ngành chính"</label>
                </div>
            }
        });
        let remove_value = format!("{}{GROUP_SEPARATOR}{n}", group.id);
        view! {
            <div class="group-item">
                <h2 class="group-item__title">{format!("{} {n}", sentence_case(&group.noun))}</h2>
                {sub_fields}
                {main}
                <button
                    type="submit"
                    class="button button--secondary button--small"
                    name="bo"
                    value=remove_value
                    formnovalidate=true
                    on:click=move |event| {
                        event.prevent_default();
                        items.update(|items| {
                            if items.len() > 1 {
                                items.retain(|item| *item != n);
                            }
                        });
                    }
                >
                    {format!("Bỏ dòng {n}")}
                </button>
            </div>
        }
    };
    frame.fieldset(view! {
        <For each=move || items.get() key=|n| *n children=item_view />
        {move || {
            let full = limit.is_some_and(|limit| items.with(|items| items.len()) >= limit);
            (!full).then(|| {
                view! {
                    <button
                        type="submit"
                        class="button button--secondary"
                        name="them"
                        value=group.with_value(|group| group.id.clone())
                        on:click=move |event| {
                            event.prevent_default();
                            items.update(|items| {
                                let next = items.iter().max().copied().unwrap_or(0) + 1;
                                items.push(next);
                            });
                        }
                    >
                        {add_label.clone()}
                    </button>
                }
            })
        }}
    })
}

fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(feature = "hydrate")]
mod client {
    use super::*;
    use leptos::wasm_bindgen::JsCast;

    /// Refuses to send a step the server would send back, and shows why straight away.
    pub fn check_before_sending(
        event: &leptos::ev::SubmitEvent,
        fields: StoredValue<Vec<Field>>,
        context: StoredValue<Answers>,
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
        let mut answers = context.get_value();
        // Every `a[input]` of the form, groups' item inputs included.
        for element in (0..form.elements().length()).filter_map(|i| form.elements().item(i)) {
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
        let found: Vec<FieldError> = fields.with_value(|fields| {
            fields
                .iter()
                .filter(|field| field.kind != FieldKind::Attachment)
                .flat_map(|field| crate::rules::validate::field_errors(field, &answers, today))
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
