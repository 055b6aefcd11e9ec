//! A draft's answers grouped by section, as the check-answers page lists them: shared by the
//! filing wizard (with "Change" links) and the printed answers a citizen signs when a helper
//! filed for them (`assist::paper`, without links).

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

#[cfg(feature = "ssr")]
pub use build::*;

#[cfg(feature = "ssr")]
mod build {
    use super::{CheckRow, CheckSection};
    use crate::paths::{DOWNLOAD_PREFIX, step_url};
    use domain::procedure::{Answers, Field, FieldKind, Procedure, Step};
    use domain::validate::{check_field, display_value};

    /// The visible steps in their sections, in order: the task list's tasks and the check
    /// page's groups.
    pub fn sections_of<'p>(
        procedure: &'p Procedure,
        answers: &Answers,
    ) -> Vec<(&'p str, Vec<&'p Step>)> {
        let mut sections: Vec<(&str, Vec<&Step>)> = Vec::new();
        for step in procedure.visible_steps(answers) {
            match sections.last_mut() {
                Some((title, steps)) if *title == step.section => steps.push(step),
                _ => sections.push((&step.section, vec![step])),
            }
        }
        sections
    }

    /// Every visible answer, grouped by section, in the page's language. `documents_linked`:
    /// a document's row links to it (never on a kiosk, never on paper).
    pub fn answer_sections(
        procedure: &Procedure,
        answers: &Answers,
        today: chrono::NaiveDate,
        documents_linked: bool,
    ) -> Vec<CheckSection> {
        let texts = crate::i18n::page();
        let row = |step: &Step, field: &Field| CheckRow {
            label: field.label.clone(),
            value: display_value(field, answers, today, &texts),
            change_url: step_url(&step.id, true, false),
            noun: field.noun.clone(),
            link: (field.kind == FieldKind::Attachment && documents_linked)
                .then(|| {
                    answers
                        .get(&field.id)?
                        .split_once('/')
                        .map(|(id, _)| format!("{DOWNLOAD_PREFIX}{id}"))
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
}

/// The answers as summary lists, one per section. `changes`: each row has its "Change" link
/// (the check-answers page); without, a record to read or sign.
#[component]
pub fn AnswerSummary(sections: Vec<CheckSection>, changes: bool) -> impl IntoView {
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
                                <a href=row.change_url.clone()>
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
