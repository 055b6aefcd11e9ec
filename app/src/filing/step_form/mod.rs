//! The form of one wizard step: the only part of a step page that ships as wasm (an island).
//! Without JavaScript it is a plain form that posts and redirects; hydrated, it checks the
//! answers with the same rules as the server before sending, and shows what to fix at once.
//!
//! `checks` is the island; `kinds` draws each kind of field, one file per kind; `conflict` offers the choice when
//! two devices saved different answers; `dom` is the browser's side of the form.

mod checks;
pub(super) mod conflict;
#[cfg(feature = "hydrate")]
pub(super) mod dom;
mod kinds;
mod rules;
mod texts;

pub use checks::{FormChecks, StepChecks};
pub use conflict::{ConflictForm, SaveStatus};
pub use texts::{ConflictTexts, FormTexts};

use domain::procedure::{Answers, Field, FieldKind};
use domain::validate::{FieldError, group_items, item_field};
use kinds::field_view;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub const ERROR_SUMMARY_ID: &str = "tom-tat-loi";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepFormData {
    /// The draft version the page shows; autosaves and Continue are based on it.
    pub version: i64,
    /// This step's answers as shown (JSON), sent back to tell changes made here from elsewhere.
    pub base: String,
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

/// The form of one step, rendered on the server: complete without JavaScript.
#[component]
pub fn StepForm(form: StepFormData) -> impl IntoView {
    let enctype = form.multipart.then_some("multipart/form-data");
    let checks = StepChecks {
        step_id: form.step_id.clone(),
        version: form.version,
        fields: form
            .fields
            .iter()
            .filter(|field| field.kind != FieldKind::Attachment)
            .map(rules::FieldRules::from)
            .collect(),
        context: form.context.clone(),
        errors: form.errors.clone(),
        speech_lang: crate::prefs::lang().speech_tag().to_string(),
        texts: FormTexts::current(),
    };
    let slots = error_slots(&form.fields, &form.values);
    // A kiosk is shared by strangers: its browser must not offer to remember or fill anything.
    let autocomplete = crate::channel::in_kiosk().then_some("off");
    view! {
        <FormChecks checks>
            <form method="post" action=form.action enctype=enctype novalidate autocomplete=autocomplete>
                <input type="hidden" name="buoc" value=form.step_id />
                <input type="hidden" name="phien_ban" value=form.version />
                <input type="hidden" name="goc" value=form.base />
                {form.from_check.then(|| view! { <input type="hidden" name="tu" value=crate::filing::FROM_CHECK /> })}
                {form
                    .fields
                    .iter()
                    .map(|field| field_view(field, &form.values, &form.errors, &slots))
                    .collect_view()}
                <button type="submit" class="button">{tr!("step.continue")}</button>
            </form>
        </FormChecks>
    }
}

/// Where an error is shown: under its own input when that has a slot (an item of a group),
/// else under its field. The island follows the same rule in the browser.
pub fn target_slot<'a>(error: &'a FieldError, slots: &HashSet<String>) -> &'a str {
    if slots.contains(&error.input) {
        &error.input
    } else {
        &error.field
    }
}

/// Every place an error message can appear on this step.
fn error_slots(fields: &[Field], values: &Answers) -> HashSet<String> {
    let mut slots = HashSet::new();
    for field in fields {
        slots.insert(field.id.clone());
        if field.kind == FieldKind::Group {
            let mut items = group_items(field, values);
            if items.is_empty() {
                items.push(1);
            }
            for n in items {
                for item in &field.items {
                    slots.insert(item_field(field, item, n, &crate::i18n::page()).id);
                }
            }
        }
    }
    slots
}

#[component]
fn ErrorSummary(
    errors: Vec<FieldError>,
    autofocus: bool,
    texts: FormTexts,
    can_speak: RwSignal<bool>,
    speech_lang: String,
) -> impl IntoView {
    // "Có điều cần sửa. <each message>", read on request.
    let spoken = crate::read_aloud::spoken(
        [texts.summary_title.clone()]
            .into_iter()
            .chain(errors.iter().map(|error| error.message.clone())),
    );
    let read = move |_| {
        #[cfg(feature = "hydrate")]
        crate::read_aloud::client::speak(&spoken, &speech_lang);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&spoken, &speech_lang);
    };
    view! {
        <div
            class="error-summary"
            id=ERROR_SUMMARY_ID
            role="alert"
            tabindex="-1"
            autofocus=autofocus
            aria-labelledby="tom-tat-loi-tieu-de"
        >
            <h2 class="error-summary__title" id="tom-tat-loi-tieu-de">{texts.summary_title}</h2>
            <ul class="error-summary__list">
                {errors
                    .into_iter()
                    .map(|error| view! { <li><a href=format!("#{}", error.input)>{error.message}</a></li> })
                    .collect_view()}
            </ul>
            <crate::read_aloud::ListenButton label=texts.listen_errors available=can_speak on_click=read />
        </div>
    }
}

/// "Điều này nghĩa là gì?": a legal term in plain words, closed until asked for.
#[component]
pub fn Meaning(text: String) -> impl IntoView {
    view! {
        <details class="details meaning">
            <summary>{tr!("meaning.summary")}</summary>
            <p class="meaning__text">{text}</p>
        </details>
    }
}

/// The name a field's input has in the posted form: `a[input]`, read back as a map.
pub fn form_name(input: &str) -> String {
    format!("a[{input}]")
}

/// The id of the element that holds a slot's error message.
pub fn error_id(slot: &str) -> String {
    format!("{slot}-loi")
}
