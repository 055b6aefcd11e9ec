//! Each kind of field drawn as server HTML, one file per kind (beside the domain's
//! `domain::kinds`), dispatched here. Every field has the same frame: its label, hint, inputs
//! and a place for its error.

use super::{Meaning, error_id, form_name, target_slot};
use domain::procedure::{Answers, Field, FieldKind};
use domain::validate::FieldError;
use leptos::prelude::*;
use std::collections::HashSet;

mod address;
mod attachment;
mod choice;
mod date;
mod group;
mod long_text;
mod text;
mod undertaking;

#[cfg(feature = "hydrate")]
pub use long_text::character_count;

pub(in crate::filing::step_form) fn field_view(
    field: &Field,
    values: &Answers,
    errors: &[FieldError],
    slots: &HashSet<String>,
) -> AnyView {
    let mut frame = Frame::new(&field.id, &field.label, field.hint.clone(), errors, slots);
    frame.meaning = field.meaning.clone();
    let value = |input: &str| values.get(input).cloned().unwrap_or_default();
    match field.kind {
        FieldKind::Date => frame.fieldset(date::date_boxes(field, values, &frame)),
        FieldKind::DateTime => date::date_time(field, values, &frame),
        FieldKind::Choice | FieldKind::YesNo => {
            choice::radios_view(field, &value(&field.id), &frame)
        }
        FieldKind::Select => choice::select_view(field, &value(&field.id), &frame),
        FieldKind::Undertaking => undertaking::view(field, &value(&field.id), &frame),
        FieldKind::LongText => long_text::view(field, value(&field.id), &frame),
        FieldKind::Address => address::view(field, values, &frame),
        FieldKind::Group => group::view(field, values, &frame, errors, slots),
        FieldKind::Attachment => attachment::view(field, &value(&field.id), &frame),
        FieldKind::Text
        | FieldKind::Name
        | FieldKind::Year
        | FieldKind::Number
        | FieldKind::Phone
        | FieldKind::IdNumber
        | FieldKind::Email
        | FieldKind::Money => {
            frame.labelled(text::input(field, &field.id, &value(&field.id), &frame))
        }
    }
}

/// What every field shows around its inputs: label or legend, hint, and a place for its error,
/// present even when empty so that the island can fill it without redrawing the form.
pub(super) struct Frame {
    id: String,
    label: String,
    hint: Option<String>,
    /// A legal term explained, under "Điều này nghĩa là gì?".
    pub(super) meaning: Option<String>,
    error: Option<String>,
}

impl Frame {
    pub(super) fn new(
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

    pub(super) fn described_by(&self) -> String {
        self.hint_id()
            .into_iter()
            .chain([error_id(&self.id)])
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub(super) fn invalid(&self) -> Option<&'static str> {
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
    pub(super) fn fieldset(&self, inputs: impl IntoView + 'static) -> AnyView {
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
    pub(super) fn labelled(&self, input: impl IntoView + 'static) -> AnyView {
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

/// The first letter in upper case, for a noun that starts a heading.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
