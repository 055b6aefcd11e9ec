//! The form of one wizard step: the only part of a step page that ships as wasm (an island).
//! Without JavaScript it is a plain form that posts and redirects; hydrated, it checks the
//! answers with the same rules as the server before sending, and shows what to fix at once.

use super::ConflictingAnswer;
use crate::catalog::{Answers, Field, FieldKind, GROUP_SEPARATOR, NO, YES};
use crate::rules::messages::fill;
use crate::rules::validate::{FieldError, group_items, item_field, main_item_input};
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
        fields: form.fields.clone(),
        context: form.context.clone(),
        errors: form.errors.clone(),
        speech_lang: crate::prefs::lang().speech_tag().to_string(),
        texts: FormTexts::current(),
    };
    let slots = error_slots(&form.fields, &form.values);
    // A kiosk is shared by strangers: its browser must not offer to remember or fill anything.
    let autocomplete = crate::kiosk::in_kiosk().then_some("off");
    view! {
        <FormChecks checks>
            <form method="post" action=form.action enctype=enctype novalidate autocomplete=autocomplete>
                <input type="hidden" name="buoc" value=form.step_id />
                <input type="hidden" name="phien_ban" value=form.version />
                <input type="hidden" name="goc" value=form.base />
                {form.from_check.then(|| view! { <input type="hidden" name="tu" value=super::FROM_CHECK /> })}
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

/// What the browser needs to check a step before sending it: the same rules as the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepChecks {
    pub step_id: String,
    pub version: i64,
    pub fields: Vec<Field>,
    pub context: Answers,
    pub errors: Vec<FieldError>,
    pub speech_lang: String,
    pub texts: FormTexts,
}

/// The few texts the island shows itself, in the page's language (the translations stay on
/// the server).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormTexts {
    pub listen_errors: String,
    pub summary_title: String,
    pub saving: String,
    /// "%{time}": when the last autosave was stored.
    pub saved: String,
    pub offline: String,
    pub conflict_status: String,
    pub conflict: ConflictTexts,
    /// "%{count}" and "%{max}": under a long text.
    pub characters: String,
    /// The rules' message templates (`rules::messages`), for checking in the browser.
    pub rules: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictTexts {
    pub title: String,
    pub help: String,
    pub button: String,
    /// "%{value}": what this page has.
    pub mine: String,
    /// "%{value}": what was saved elsewhere.
    pub theirs: String,
}

impl ConflictTexts {
    pub fn current() -> Self {
        Self {
            title: tr!("conflict.title"),
            help: tr!("conflict.help"),
            button: tr!("conflict.button"),
            mine: tr!("conflict.mine"),
            theirs: tr!("conflict.theirs"),
        }
    }
}

impl FormTexts {
    /// In the language of the page being rendered.
    pub fn current() -> Self {
        Self {
            listen_errors: tr!("listen.errors"),
            summary_title: tr!("errors.title"),
            saving: tr!("save.saving"),
            saved: tr!("save.saved"),
            offline: tr!("save.offline"),
            conflict_status: tr!("save.conflict"),
            conflict: ConflictTexts::current(),
            characters: tr!("step.characters"),
            #[cfg(feature = "ssr")]
            rules: crate::rules::messages::templates(crate::prefs::lang()),
            #[cfg(not(feature = "ssr"))]
            rules: Vec::new(),
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
        super::autosaver::start(checks.step_id.clone(), checks.version, status, conflict);
        crate::read_aloud::client::watch_voices(checks.speech_lang.clone(), can_speak);
    }
    let texts = checks.texts.clone();
    let speech_lang = checks.speech_lang.clone();
    #[cfg(feature = "hydrate")]
    crate::rules::messages::install(texts.rules.clone());
    let status_texts = texts.clone();
    let conflict_texts = texts.conflict.clone();
    let checks = StoredValue::new(checks);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        client::check_before_sending(&event, checks, errors);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&event, checks);
    };
    let characters = StoredValue::new(texts.characters.clone());
    let on_input = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            characters.with_value(|template| client::count_characters(&event, template));
            super::autosaver::typed();
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

/// Both values of each answer that differs from the copy saved elsewhere; the citizen picks.
#[component]
fn ConflictChooser(answers: Vec<ConflictingAnswer>, texts: ConflictTexts) -> impl IntoView {
    let choices = conflict_choices(&answers, &texts);
    let answers = StoredValue::new(answers);
    let choose = move |_| {
        #[cfg(feature = "hydrate")]
        answers.with_value(|answers| super::autosaver::resolve(answers));
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

/// Both values of each differing answer, as radios named `chon[field]`.
fn conflict_choices(answers: &[ConflictingAnswer], texts: &ConflictTexts) -> impl IntoView + use<> {
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
        <form class="conflict" method="post" action=super::ChooseVersions::url() id="xung-dot" role="alert" tabindex="-1" autofocus=true>
            <h2 class="conflict__title">{texts.title.clone()}</h2>
            <p>{texts.help.clone()}</p>
            <input type="hidden" name="buoc" value=step_id />
            {from_check.then(|| view! { <input type="hidden" name="tu" value=super::FROM_CHECK /> })}
            {conflict_choices(&answers, &texts)}
            <button type="submit" class="button">{texts.button.clone()}</button>
        </form>
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
                    slots.insert(item_field(field, item, n).id);
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

fn field_view(
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
            let current = crate::rules::validate::attachment_name(&value(&field.id));
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
    let boxes = crate::rules::dates::PARTS
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
            let plain = crate::rules::search::fold_words(option).join(" ");
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
                    let copy = item_field(field, item, n);
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

#[cfg(feature = "hydrate")]
pub(super) mod client {
    use super::*;
    use leptos::wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, HtmlFormElement};

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
            checks
                .fields
                .iter()
                .filter(|field| field.kind != FieldKind::Attachment)
                .flat_map(|field| crate::rules::validate::field_errors(field, &answers, today))
                .collect()
        });
        show_next_to_fields(&form, &found);
        if found.is_empty() {
            // The form itself carries everything now: no autosave as the page goes.
            super::super::autosaver::submitting();
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

    /// Every `a[input]` of the form, groups' item inputs included; files left out.
    pub fn form_answers(form: &HtmlFormElement, data: &web_sys::FormData) -> Answers {
        let mut answers = Answers::new();
        let elements = form.elements();
        for element in (0..elements.length()).filter_map(|i| elements.item(i)) {
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
        answers
    }

    pub fn by_id<T: JsCast>(id: &str) -> Option<T> {
        document()
            .get_element_by_id(id)
            .and_then(|element| element.dyn_into::<T>().ok())
    }

    /// Fills the error places the server rendered (empty and hidden when there was no error).
    fn show_next_to_fields(form: &HtmlFormElement, errors: &[FieldError]) {
        let Ok(wrappers) = form.query_selector_all("[data-slot]") else {
            return;
        };
        for wrapper in (0..wrappers.length()).filter_map(|i| wrappers.item(i)) {
            let Ok(wrapper) = wrapper.dyn_into::<Element>() else {
                continue;
            };
            let slot = wrapper.get_attribute("data-slot").unwrap_or_default();
            let message = errors
                .iter()
                .find(|error| {
                    let own = by_id::<Element>(&error_id(&error.input)).is_some();
                    (if own { &error.input } else { &error.field }) == &slot
                })
                .map(|error| error.message.as_str());
            let _ = wrapper
                .class_list()
                .toggle_with_force("field--error", message.is_some());
            if let Some(place) = by_id::<HtmlElement>(&error_id(&slot)) {
                place.set_hidden(message.is_none());
                if let Ok(Some(text)) = place.query_selector(".error-message__text") {
                    text.set_text_content(message);
                }
            }
            if let Ok(inputs) = wrapper.query_selector_all(
                "input:not([type=radio]):not([type=checkbox]), select, textarea",
            ) {
                for input in (0..inputs.length()).filter_map(|i| inputs.item(i)) {
                    if let Ok(input) = input.dyn_into::<Element>() {
                        let _ = match message {
                            Some(_) => input.set_attribute("aria-invalid", "true"),
                            None => input.remove_attribute("aria-invalid"),
                        };
                    }
                }
            }
        }
    }

    /// Keeps "Đã viết N trên M ký tự" under a long text current.
    pub fn count_characters(event: &leptos::ev::Event, template: &str) {
        let Some(area) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        else {
            return;
        };
        let (Some(max), Some(count_id)) = (
            area.get_attribute("data-max"),
            area.get_attribute("data-count"),
        ) else {
            return;
        };
        if let Some(counter) = by_id::<Element>(&count_id) {
            let max = max.parse().unwrap_or(0);
            counter.set_text_content(Some(&character_count(
                template,
                area.value().chars().count(),
                max,
            )));
        }
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
