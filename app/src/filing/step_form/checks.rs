//! The island of a step page: checks the answers with the shared rules before sending.
use super::conflict::conflict_choices;
use super::rules::FieldRules;
use super::{ConflictTexts, ErrorSummary, FormTexts, SaveStatus};
use crate::filing::ConflictingAnswer;
use domain::procedure::Answers;
use domain::validate::FieldError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the browser needs to check a step before sending it: the same rules as the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "StepChecksProps", into = "StepChecksProps")]
pub struct StepChecks {
    pub step_id: String,
    pub version: i64,
    /// The fields the browser checks (attachments are checked by the server alone).
    pub fields: Vec<FieldRules>,
    pub context: Answers,
    pub errors: Vec<FieldError>,
    pub speech_lang: String,
    pub texts: FormTexts,
}

// A list in a fixed order, like the fields' rules (see `FieldRules`); errors as (field, input,
// message).
type StepChecksProps = (
    String,
    i64,
    Vec<FieldRules>,
    Answers,
    Vec<(String, String, String)>,
    String,
    FormTexts,
);

impl From<StepChecks> for StepChecksProps {
    fn from(c: StepChecks) -> Self {
        let errors = c.errors.into_iter();
        let errors = errors.map(|e| (e.field, e.input, e.message)).collect();
        (
            c.step_id,
            c.version,
            c.fields,
            c.context,
            errors,
            c.speech_lang,
            c.texts,
        )
    }
}

impl From<StepChecksProps> for StepChecks {
    fn from(props: StepChecksProps) -> Self {
        let (step_id, version, fields, context, errors, speech_lang, texts) = props;
        let errors = errors.into_iter();
        let errors = errors.map(|(field, input, message)| FieldError {
            field,
            input,
            message,
        });
        Self {
            step_id,
            version,
            fields,
            context,
            errors: errors.collect(),
            speech_lang,
            texts,
        }
    }
}

/// The interactive part of a step page, and the only code of it that ships as wasm: it checks
/// the answers with the shared rules when the citizen presses Continue and, when something is
/// wrong, shows what to fix at once instead of sending the form. The form itself is server HTML.
// An island in the real build; a plain component in the full-hydration build that
// scripts/measure-hydration.sh compares it with.
#[cfg_attr(feature = "islands", island)]
#[cfg_attr(not(feature = "islands"), component)]
pub fn FormChecks(checks: StepChecks, children: Children) -> impl IntoView {
    let from_server = !checks.errors.is_empty();
    let errors = RwSignal::new(checks.errors.clone());
    let status = RwSignal::new(SaveStatus::Idle);
    let conflict = RwSignal::new(None::<Vec<ConflictingAnswer>>);
    let can_speak = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        crate::filing::autosaver::start(checks.step_id.clone(), checks.version, status, conflict);
        crate::read_aloud::client::watch_voices(checks.speech_lang.clone(), can_speak);
    }
    let texts = checks.texts.clone();
    let speech_lang = checks.speech_lang.clone();
    let status_texts = texts.clone();
    let conflict_texts = texts.conflict.clone();
    let checks = StoredValue::new(checks);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        check_before_sending(&event, checks, errors);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&event, checks);
    };
    let characters = StoredValue::new(texts.characters.clone());
    let on_input = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            characters.with_value(|template| super::dom::count_characters(&event, template));
            crate::filing::autosaver::typed();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&event, characters);
    };
    view! {
        {move || {
            let list = errors.get();
            (!list.is_empty()).then(|| {
                let texts = texts.clone();
                let speech_lang = speech_lang.clone();
                view! { <ErrorSummary errors=list autofocus=from_server texts can_speak speech_lang /> }
            })
        }}
        {move || {
            let texts = conflict_texts.clone();
            conflict.get().map(|answers| view! { <ConflictChooser answers texts /> })
        }}
        <div class="form-checks" on:submit=on_submit on:input=on_input on:change=on_input>{children()}</div>
        <p class="save-status" role="status" aria-live="polite">{move || status.get().text(&status_texts)}</p>
    }
}

/// Both values of each answer that differs from the copy saved elsewhere; the citizen picks.
#[component]
fn ConflictChooser(answers: Vec<ConflictingAnswer>, texts: ConflictTexts) -> impl IntoView {
    let choices = conflict_choices(&answers, &texts);
    let answers = StoredValue::new(answers);
    let choose = move |_| {
        #[cfg(feature = "hydrate")]
        answers.with_value(|answers| crate::filing::autosaver::resolve(answers));
        #[cfg(not(feature = "hydrate"))]
        let _ = answers;
    };
    view! {
        <div class="conflict" role="alert" id="xung-dot" tabindex="-1">
            <h2 class="conflict__title">{texts.title}</h2>
            <p>{texts.help}</p>
            {choices}
            <button type="button" class="button" on:click=choose>{texts.button}</button>
        </div>
    }
}

#[cfg(feature = "hydrate")]
use super::ERROR_SUMMARY_ID;
#[cfg(feature = "hydrate")]
use super::dom::{by_id, form_answers, show_next_to_fields, today};
#[cfg(feature = "hydrate")]
use leptos::wasm_bindgen::JsCast;
#[cfg(feature = "hydrate")]
use web_sys::{HtmlElement, HtmlFormElement};

#[cfg(feature = "hydrate")]
/// Refuses to send a step the server would send back, and shows why straight away.
pub fn check_before_sending(
    event: &leptos::ev::SubmitEvent,
    checks: StoredValue<StepChecks>,
    errors: RwSignal<Vec<FieldError>>,
) {
    // "Add another" and "remove" go to the server, which saves and redraws the step.
    if event
        .submitter()
        .and_then(|button| button.get_attribute("name"))
        .is_some_and(|name| name == "them" || name == "bo")
    {
        return;
    }
    let Some(form) = event
        .target()
        .and_then(|target| target.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(&form) else {
        return;
    };
    let today = today();
    let mut answers = checks.with_value(|checks| checks.context.clone());
    answers.extend(form_answers(&form, &data));
    let found: Vec<FieldError> = checks.with_value(|checks| {
        let words = domain::texts::Templates {
            lang: domain::Lang::from_speech_tag(&checks.speech_lang),
            templates: checks.texts.rules.clone(),
        };
        checks
            .fields
            .iter()
            .flat_map(|rules| {
                let field = domain::Field::from(rules.clone());
                domain::validate::field_errors(&field, &answers, today, &words)
            })
            .collect()
    });
    show_next_to_fields(&form, &found);
    if found.is_empty() {
        // The form itself carries everything now: no autosave as the page goes.
        crate::filing::autosaver::submitting();
        return;
    }
    event.prevent_default();
    errors.set(found);
    request_animation_frame(|| {
        if let Some(summary) = by_id::<HtmlElement>(ERROR_SUMMARY_ID) {
            let _ = summary.focus();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filing::step_form::ConflictTexts;

    #[test]
    fn the_island_reads_back_every_prop_the_server_wrote() {
        // Every text differs, so that two swapped in the props' order would show.
        let text = |name: &str| format!("{name} %{{value}}");
        let checks = StepChecks {
            step_id: "nyc-ho-ten".into(),
            version: 7,
            fields: Vec::new(),
            context: [("dob-nam".to_string(), "1990".to_string())].into(),
            errors: vec![FieldError {
                field: "ho-ten".into(),
                input: "ho-ten-ngay".into(),
                message: "Hãy nhập họ và tên.".into(),
            }],
            speech_lang: "vi-VN".into(),
            texts: FormTexts {
                listen_errors: text("listen"),
                summary_title: text("summary"),
                saving: text("saving"),
                saved: text("saved"),
                offline: text("offline"),
                conflict_status: text("conflict status"),
                conflict: ConflictTexts {
                    title: text("title"),
                    help: text("help"),
                    button: text("button"),
                    mine: text("mine"),
                    theirs: text("theirs"),
                },
                characters: text("characters"),
                rules: vec![("rule.enter".into(), text("enter"))],
            },
        };
        let props = serde_json::to_string(&checks).unwrap();
        assert_eq!(serde_json::from_str::<StepChecks>(&props).unwrap(), checks);
    }
}
