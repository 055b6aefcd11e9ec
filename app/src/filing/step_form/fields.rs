//! Each kind of field drawn as server HTML: its label, hint, inputs and a place for its error.

use super::{Meaning, error_id, form_name, target_slot};
use domain::procedure::{Answers, Field, FieldKind, GROUP_SEPARATOR, NO, YES};
use domain::texts::fill;
use domain::validate::{FieldError, group_items, item_field, main_item_input};
use leptos::prelude::*;
use std::collections::HashSet;

/// What every field shows around its inputs: label or legend, hint, and a place for its error,
/// present even when empty so that the island can fill it without redrawing the form.
struct Frame {
    id: String,
    label: String,
    hint: Option<String>,
    /// A legal term explained, under "Điều này nghĩa là gì?".
    meaning: Option<String>,
    error: Option<String>,
}

impl Frame {
    fn new(
        id: &str,
        label: &str,
        hint: Option<String>,
        errors: &[FieldError],
        slots: &HashSet<String>,
    ) -> Self {
        Self {
            id: id.to_string(),
            label: label.to_string(),
            hint,
            meaning: None,
            error: errors
                .iter()
                .find(|error| target_slot(error, slots) == id)
                .map(|error| error.message.clone()),
        }
    }

    fn hint_id(&self) -> Option<String> {
        self.hint.as_ref().map(|_| format!("{}-goi-y", self.id))
    }

    fn described_by(&self) -> String {
        self.hint_id()
            .into_iter()
            .chain([error_id(&self.id)])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn invalid(&self) -> Option<&'static str> {
        self.error.is_some().then_some("true")
    }

    fn wrapper(&self) -> &'static str {
        if self.error.is_some() {
            "field field--error"
        } else {
            "field"
        }
    }

    fn hint_and_error(&self) -> impl IntoView + use<> {
        let hint = self
            .hint
            .clone()
            .map(|hint| view! { <p class="hint" id=self.hint_id()>{hint}</p> });
        let meaning = self.meaning.clone().map(|text| view! { <Meaning text /> });
        view! {
            {hint}
            {meaning}
            <p class="error-message" id=error_id(&self.id) hidden=self.error.is_none()>
                <span class="visually-hidden">{tr!("error.prefix")}</span>
                <span class="error-message__text">{self.error.clone()}</span>
            </p>
        }
    }

    /// A group of inputs under one question: a fieldset with the label as legend.
    fn fieldset(&self, inputs: impl IntoView + 'static) -> AnyView {
        view! {
            <div class=self.wrapper() data-slot=self.id.clone()>
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
            <div class=self.wrapper() data-slot=self.id.clone()>
                <label class="label" for=self.id.clone()>{self.label.clone()}</label>
                {self.hint_and_error()}
                {input}
            </div>
        }
        .into_any()
    }
}

pub(super) fn field_view(
    field: &Field,
    values: &Answers,
    errors: &[FieldError],
    slots: &HashSet<String>,
) -> AnyView {
    let mut frame = Frame::new(&field.id, &field.label, field.hint.clone(), errors, slots);
    frame.meaning = field.meaning.clone();
    let value = |input: &str| values.get(input).cloned().unwrap_or_default();
    match field.kind {
        FieldKind::Date => frame.fieldset(date_boxes(field, values, &frame)),
        FieldKind::DateTime => {
            let time = ["gio", "phut"]
                .into_iter()
                .zip([tr!("date.hour"), tr!("date.minute")])
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
            frame.fieldset(
                view! { <div class=inline>{radios(&field.id, &options, &value(&field.id))}</div> },
            )
        }
        // A long list (54 ethnic groups) is typed into and filtered by the browser itself.
        FieldKind::Select if field.options.len() > LONG_LIST => {
            frame.labelled(searchable_list(field, &value(&field.id), &frame))
        }
        FieldKind::Select => frame.labelled(select(
            &field.id,
            &field.options,
            &value(&field.id),
            &frame,
            field,
        )),
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
                    <label class="checkbox__label" for=field.id.clone()>{sentence_case(&field.noun)}</label>
                </div>
            })
        }
        FieldKind::LongText => {
            let max = field.max_len.unwrap_or(2000);
            let typed = value(&field.id);
            let count = typed.chars().count();
            let count_id = format!("{}-dem", field.id);
            frame.labelled(view! {
                <textarea
                    class="textarea"
                    id=field.id.clone()
                    name=form_name(&field.id)
                    rows="5"
                    data-max=max
                    data-count=count_id.clone()
                    aria-describedby=format!("{} {count_id}", frame.described_by())
                    aria-invalid=frame.invalid()
                >
                    {typed}
                </textarea>
                <p class="hint" id=count_id aria-live="polite">
                    {character_count(&tr!("step.characters"), count, max)}
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
                    <label class="label label--small" for=province_input.clone()>{tr!("address.province")}</label>
                    {select(&province_input, &provinces, &value(&province_input), &frame, field)}
                    <label class="label label--small" for=commune_input.clone()>{tr!("address.commune")}</label>
                    <select class="select" id=commune_input.clone() name=form_name(&commune_input) aria-invalid=frame.invalid()>
                        <option value="">{tr!("address.choose_commune")}</option>
                        {communes}
                    </select>
                    <label class="label label--small" for=street_input.clone()>
                        {tr!("address.street")}
                    </label>
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
        FieldKind::Group => group_view(field, values, &frame, errors, slots),
        FieldKind::Attachment => {
            let current = domain::validate::attachment_name(&value(&field.id));
            frame.labelled(view! {
                {(!current.is_empty()).then(|| view! { <p class="attachment">{tr!("attachment.sent", name = current)}</p> })}
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

/// "Đã viết 120 trên 2000 ký tự": the island keeps it current while the citizen types.
pub fn character_count(template: &str, count: usize, max: usize) -> String {
    fill(
        template,
        &[("count", &count.to_string()), ("max", &max.to_string())],
    )
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

fn date_boxes(field: &Field, values: &Answers, frame: &Frame) -> impl IntoView + use<> {
    let boxes = domain::dates::PARTS
        .iter()
        .zip([tr!("date.day"), tr!("date.month"), tr!("date.year")])
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

fn select(
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

/// A repeating group: one box per item, "add another", "remove", and which item is the main one.
/// The add and remove buttons post the form (what was typed is saved) and the step comes back
/// with one item more or less.
fn group_view(
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
                    sub_frame.labelled(text_input(&copy, &copy.id, &value, &sub_frame))
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

fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
