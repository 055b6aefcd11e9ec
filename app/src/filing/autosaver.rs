//! Autosave in the browser: what is typed is sent about 1.5 s after typing stops, at least every
//! 10 s while typing, and when the page is hidden; when the network is gone it stays in the page
//! and is sent again until the server has it. Only in the hydrated island.

use super::step_form::SaveStatus;
use super::step_form::dom as client;
use super::{AutosaveOutcome, ConflictingAnswer, autosave};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::cell::RefCell;
use std::time::Duration;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

const QUIET: Duration = Duration::from_millis(1500);
const AT_LEAST_EVERY_MS: f64 = 10_000.0;
const MAX_RETRY: Duration = Duration::from_secs(30);

struct Saver {
    step: String,
    version: i64,
    status: RwSignal<SaveStatus>,
    conflict: RwSignal<Option<Vec<ConflictingAnswer>>>,
    /// The version the answers saved elsewhere have, while the citizen chooses.
    conflict_version: i64,
    /// Input events so far, and how many of them the server has.
    edits: u64,
    saved_edits: u64,
    unsaved_since: Option<f64>,
    timer: Option<TimeoutHandle>,
    in_flight: bool,
    again: bool,
    /// Continue was pressed: the form post saves everything.
    submitting: bool,
    failures: u32,
}

thread_local! {
    static SAVER: RefCell<Option<Saver>> = const { RefCell::new(None) };
    /// The island of each step page shown counts one: the wasm keeps running from one step to
    /// the next (public/dieu-huong.js), and an answer for an earlier step's page is dropped.
    static PAGE: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn with_saver<T>(f: impl FnOnce(&mut Saver) -> T) -> Option<T> {
    SAVER.with(|saver| saver.borrow_mut().as_mut().map(f))
}

pub fn start(
    step: String,
    version: i64,
    status: RwSignal<SaveStatus>,
    conflict: RwSignal<Option<Vec<ConflictingAnswer>>>,
) {
    let first = PAGE.with(|page| page.replace(page.get() + 1)) == 0;
    SAVER.with(|saver| {
        if let Some(timer) = saver.borrow_mut().as_mut().and_then(|old| old.timer.take()) {
            timer.clear();
        }
        *saver.borrow_mut() = Some(Saver {
            step,
            version,
            status,
            conflict,
            conflict_version: version,
            edits: 0,
            saved_edits: 0,
            unsaved_since: None,
            timer: None,
            in_flight: false,
            again: false,
            submitting: false,
            failures: 0,
        });
    });
    if !first {
        return;
    }
    // Leaving the page (switching app, locking the phone) sends what is not saved yet.
    let hidden = window_event_listener_untyped("visibilitychange", |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            save_now();
        }
    });
    let online = window_event_listener_untyped("online", |_| save_now());
    // Once for the whole visit: they act on whichever step is shown.
    std::mem::forget((hidden, online));
}

pub fn submitting() {
    with_saver(|saver| {
        saver.submitting = true;
        if let Some(timer) = saver.timer.take() {
            timer.clear();
        }
    });
}

/// Called on every input and change in the form.
pub fn typed() {
    let now = js_sys::Date::now();
    let overdue = with_saver(|saver| {
        saver.edits += 1;
        let since = *saver.unsaved_since.get_or_insert(now);
        now - since >= AT_LEAST_EVERY_MS
    });
    match overdue {
        Some(true) => save_now(),
        Some(false) => schedule(QUIET),
        None => {}
    }
}

fn schedule(delay: Duration) {
    with_saver(|saver| {
        if let Some(timer) = saver.timer.take() {
            timer.clear();
        }
        saver.timer = set_timeout_with_handle(save_now, delay).ok();
    });
}

fn form() -> Option<HtmlFormElement> {
    document()
        .query_selector(".form-checks form")
        .ok()
        .flatten()
        .and_then(|form| form.dyn_into::<HtmlFormElement>().ok())
}

fn save_now() {
    let request = with_saver(|saver| {
        if saver.submitting
            || saver.edits == saver.saved_edits
            || saver.conflict.with_untracked(Option::is_some)
        {
            return None;
        }
        if saver.in_flight {
            saver.again = true;
            return None;
        }
        saver.in_flight = true;
        saver.status.set(SaveStatus::Saving);
        Some((saver.step.clone(), saver.version, saver.edits))
    })
    .flatten();
    let (Some((step, version, edits)), Some(form)) = (request, form()) else {
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(&form) else {
        return;
    };
    let answers = client::form_answers(&form, &data);
    let base = hidden(&form, "goc").map(|input| input.value());
    let sent = serde_json::to_string(&answers).ok();
    let page = PAGE.with(std::cell::Cell::get);
    leptos::task::spawn_local(async move {
        let outcome = autosave(step, version, answers, base).await;
        if page != PAGE.with(std::cell::Cell::get) {
            return;
        }
        let again = with_saver(|saver| {
            saver.in_flight = false;
            match outcome {
                Ok(AutosaveOutcome::Saved { version, saved_at }) => {
                    saver.version = version;
                    saver.saved_edits = edits;
                    saver.failures = 0;
                    set_form_version(version);
                    // What the server now holds is what later saves are based on.
                    if let (Some(input), Some(sent)) = (hidden(&form, "goc"), &sent) {
                        input.set_value(sent);
                    }
                    if saver.edits == edits {
                        saver.unsaved_since = None;
                        saver.status.set(SaveStatus::Saved(saved_at));
                    }
                    std::mem::take(&mut saver.again) || saver.edits != edits
                }
                Ok(AutosaveOutcome::Conflict { version, answers }) => {
                    saver.conflict_version = version;
                    saver.conflict.set(Some(answers));
                    saver.status.set(SaveStatus::Conflict);
                    false
                }
                Ok(AutosaveOutcome::Closed) => {
                    saver.saved_edits = saver.edits;
                    saver.status.set(SaveStatus::Idle);
                    false
                }
                Err(_) => {
                    saver.failures += 1;
                    saver.status.set(SaveStatus::Offline);
                    false
                }
            }
        });
        let failures = with_saver(|saver| saver.failures).unwrap_or(0);
        if failures > 0 {
            let delay = Duration::from_secs(2u64.saturating_pow(failures.min(5))).min(MAX_RETRY);
            schedule(delay);
        } else if again == Some(true) {
            schedule(QUIET);
        }
    });
}

/// Continue posts the version too: keep it current as autosaves move it on.
fn set_form_version(version: i64) {
    if let Some(input) = form().and_then(|form| hidden(&form, "phien_ban")) {
        input.set_value(&version.to_string());
    }
}

fn hidden(form: &HtmlFormElement, name: &str) -> Option<HtmlInputElement> {
    form.query_selector(&format!("input[name={name}]"))
        .ok()
        .flatten()
        .and_then(|input| input.dyn_into::<HtmlInputElement>().ok())
}

/// Applies the citizen's choices: answers saved elsewhere go back into the form, then the
/// whole step is saved on top of that version.
pub fn resolve(answers: &[ConflictingAnswer]) {
    let Some(form) = form() else { return };
    for answer in answers {
        let selector = format!("input[name=\"chon[{}]\"]:checked", answer.field);
        let theirs = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|input| input.get_attribute("value"))
            .is_some_and(|value| value == super::step_form::conflict::THEIRS);
        if theirs {
            put_back(&form, &answer.theirs_inputs);
        }
    }
    with_saver(|saver| {
        saver.version = saver.conflict_version;
        set_form_version(saver.version);
        saver.conflict.set(None);
        saver.edits += 1;
    });
    save_now();
}

fn put_back(form: &HtmlFormElement, inputs: &super::Answers) {
    for (input, value) in inputs {
        let Ok(elements) = form.query_selector_all(&format!("[name=\"a[{input}]\"]")) else {
            continue;
        };
        for element in (0..elements.length()).filter_map(|i| elements.item(i)) {
            if let Some(field) = element.dyn_ref::<HtmlInputElement>() {
                match field.type_().as_str() {
                    "radio" | "checkbox" => field.set_checked(field.value() == *value),
                    _ => field.set_value(value),
                }
            } else if let Some(field) = element.dyn_ref::<HtmlSelectElement>() {
                field.set_value(value);
            } else if let Some(field) = element.dyn_ref::<HtmlTextAreaElement>() {
                field.set_value(value);
            }
        }
    }
}
