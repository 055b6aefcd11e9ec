//! Two devices saved different answers: the citizen chooses, answer by answer.

use super::{ConflictTexts, FormTexts};
use crate::filing::ConflictingAnswer;
use domain::texts::fill;
use leptos::prelude::*;

/// What the autosave is doing, as the citizen reads it under the form.
#[derive(Clone, Debug, PartialEq)]
// Only the browser's autosave moves it past Idle.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum SaveStatus {
    Idle,
    Saving,
    Saved(String),
    Offline,
    Conflict,
}

impl SaveStatus {
    pub fn text(&self, texts: &FormTexts) -> String {
        match self {
            SaveStatus::Idle => String::new(),
            SaveStatus::Saving => texts.saving.clone(),
            SaveStatus::Saved(at) => fill(&texts.saved, &[("time", at)]),
            SaveStatus::Offline => texts.offline.clone(),
            SaveStatus::Conflict => texts.conflict_status.clone(),
        }
    }
}

/// Both values of each differing answer, as radios named `chon[field]`.
pub(super) fn conflict_choices(
    answers: &[ConflictingAnswer],
    texts: &ConflictTexts,
) -> impl IntoView + use<> {
    answers
        .iter()
        .map(|answer| {
            let name = format!("chon[{}]", answer.field);
            let mine_id = format!("chon-{}-may-nay", answer.field);
            let theirs_id = format!("chon-{}-noi-khac", answer.field);
            view! {
                <fieldset class="fieldset conflict__answer">
                    <legend class="label">{answer.label.clone()}</legend>
                    <div class="radio">
                        <input class="radio__input" type="radio" id=mine_id.clone() name=name.clone() value=MINE checked=true />
                        <label class="radio__label" for=mine_id>{fill(&texts.mine, &[("value", &answer.mine)])}</label>
                    </div>
                    <div class="radio">
                        <input class="radio__input" type="radio" id=theirs_id.clone() name=name value=THEIRS />
                        <label class="radio__label" for=theirs_id>{fill(&texts.theirs, &[("value", &answer.theirs)])}</label>
                    </div>
                </fieldset>
            }
        })
        .collect_view()
}

/// The choices' values: keep what this page sent, or take what was saved elsewhere.
pub const MINE: &str = "may-nay";
pub const THEIRS: &str = "noi-khac";

/// The same choice without JavaScript: Continue from a page drawn from an older version.
#[component]
pub fn ConflictForm(
    step_id: String,
    from_check: bool,
    answers: Vec<ConflictingAnswer>,
) -> impl IntoView {
    use leptos::server_fn::ServerFn;
    let texts = ConflictTexts::current();
    view! {
        <form class="conflict" method="post" action=crate::filing::ChooseVersions::url() id="xung-dot" role="alert" tabindex="-1" autofocus=true>
            <h2 class="conflict__title">{texts.title.clone()}</h2>
            <p>{texts.help.clone()}</p>
            <input type="hidden" name="buoc" value=step_id />
            {from_check.then(|| view! { <input type="hidden" name="tu" value=crate::filing::FROM_CHECK /> })}
            {conflict_choices(&answers, &texts)}
            <button type="submit" class="button">{texts.button.clone()}</button>
        </form>
    }
}
