//! The answers of a draft as the check-answers page lists them: grouped by section, each with its
//! label and value. Core, because the check page (filing) and the citizen's own phone, when they
//! confirm answers a helper typed (assist), show the same lists.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckRow {
    pub label: String,
    pub value: String,
    pub change_url: String,
    /// Names the answer for screen readers: "Thay đổi họ và tên của trẻ".
    pub noun: String,
    pub error: Option<String>,
    /// A document sent with the draft: where the citizen can open it again.
    pub link: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckSection {
    pub title: String,
    pub rows: Vec<CheckRow>,
}

/// The visible steps in their sections, in order: the task list's tasks and the check page's
/// groups.
pub fn sections_of<'p>(
    procedure: &'p domain::procedure::Procedure,
    answers: &domain::procedure::Answers,
) -> Vec<(&'p str, Vec<&'p domain::procedure::Step>)> {
    let mut sections: Vec<(&str, Vec<&domain::procedure::Step>)> = Vec::new();
    for step in procedure.visible_steps(answers) {
        match sections.last_mut() {
            Some((title, steps)) if *title == step.section => steps.push(step),
            _ => sections.push((&step.section, vec![step])),
        }
    }
    sections
}

/// Every visible answer, grouped by section. `links`: a document row links to the file (never on
/// a kiosk, nor on a phone that only confirms).
#[cfg(feature = "ssr")]
pub fn sections(
    procedure: &domain::procedure::Procedure,
    answers: &domain::procedure::Answers,
    links: bool,
) -> Vec<CheckSection> {
    use domain::procedure::{Field, FieldKind, Step};
    use domain::validate::{check_field, display_value};
    let today = crate::state::today();
    let texts = crate::i18n::page();
    let row = |step: &Step, field: &Field| CheckRow {
        label: field.label.clone(),
        value: display_value(field, answers, today, &texts),
        change_url: crate::paths::step_url(&step.id, true, false),
        noun: field.noun.clone(),
        link: (field.kind == FieldKind::Attachment && links)
            .then(|| {
                answers
                    .get(&field.id)?
                    .split_once('/')
                    .map(|(id, _)| format!("{}{id}", crate::paths::DOWNLOAD_PREFIX))
            })
            .flatten(),
        error: check_field(field, answers, today, &texts)
            .err()
            .map(|error| error.message),
    };
    sections_of(procedure, answers)
        .into_iter()
        .map(|(title, steps)| CheckSection {
            title: title.to_string(),
            rows: steps
                .iter()
                .flat_map(|step| step.visible_fields(answers).map(|field| row(step, field)))
                .collect(),
        })
        .collect()
}

/// The sections as lists of label and answer; `changes`: each row has its "Thay đổi" link.
#[component]
pub fn SummaryLists(sections: Vec<CheckSection>, changes: bool) -> impl IntoView {
    sections
        .into_iter()
        .map(|section| {
            let rows = section
                .rows
                .into_iter()
                .map(|row| {
                    let value = match (&row.link, row.value.is_empty()) {
                        (_, true) => view! { <span class="muted">{tr!("check.unanswered")}</span> }
                            .into_any(),
                        (Some(link), false) => {
                            view! { <a href=link.clone() download="">{row.value.clone()}</a> }
                                .into_any()
                        }
                        (None, false) => view! { <span>{row.value.clone()}</span> }.into_any(),
                    };
                    let error = row.error.clone().map(|message| {
                        view! { <p class="error-message">{message}</p> }
                    });
                    let change = changes.then(|| {
                        view! {
                            <dd class="summary-list__action">
                                <a href=row.change_url>
                                    {tr!("check.change")}
                                    <span class="visually-hidden">{format!(" {}", row.noun)}</span>
                                </a>
                            </dd>
                        }
                    });
                    view! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">{row.label}</dt>
                            <dd class="summary-list__value">{value}{error}</dd>
                            {change}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <h2>{section.title}</h2>
                <dl class="summary-list">{rows}</dl>
            }
        })
        .collect_view()
}
