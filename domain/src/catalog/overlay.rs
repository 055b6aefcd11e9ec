//! A procedure in another language: a file `procedures/<lang>/<id>.toml` that gives, by step and
//! field id, the texts a citizen reads (titles, labels, hints, nouns, option labels, documents...).
//! Answers keep their Vietnamese values (a chosen option is stored as its Vietnamese text), so a
//! dossier started in one language can be finished in the other.

use crate::procedure::{Field, Procedure};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    name: Option<String>,
    summary: Option<String>,
    processing_note: Option<String>,
    fee: Option<String>,
    authority: Option<String>,
    result: Option<String>,
    #[serde(default)]
    documents: Vec<String>,
    life_event: Option<String>,
    office_level: Option<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    legal_basis: Vec<String>,
    #[serde(default)]
    steps: BTreeMap<String, StepTexts>,
    /// Keyed by field id; a repeating group's items by `group.item`.
    #[serde(default)]
    fields: BTreeMap<String, FieldTexts>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepTexts {
    section: Option<String>,
    title: Option<String>,
    hint: Option<String>,
    meaning: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldTexts {
    label: Option<String>,
    noun: Option<String>,
    hint: Option<String>,
    meaning: Option<String>,
    /// Vietnamese option (the stored answer) → what the citizen reads.
    #[serde(default)]
    options: BTreeMap<String, String>,
    /// Vietnamese option that stops the procedure → the reason, in this language.
    #[serde(default)]
    stops: BTreeMap<String, String>,
}

impl Overlay {
    /// The procedure with these texts put in; an id the procedure lacks is a mistake in the file.
    pub fn apply(&self, procedure: &Procedure) -> Result<Procedure, String> {
        let mut out = procedure.clone();
        let set = |target: &mut String, text: &Option<String>| {
            if let Some(text) = text {
                *target = text.clone();
            }
        };
        set(&mut out.name, &self.name);
        set(&mut out.summary, &self.summary);
        if self.processing_note.is_some() {
            out.processing_note = self.processing_note.clone();
        }
        set(&mut out.fee, &self.fee);
        set(&mut out.authority, &self.authority);
        set(&mut out.result, &self.result);
        set(&mut out.life_event, &self.life_event);
        set(&mut out.office_level, &self.office_level);
        if !self.documents.is_empty() {
            if self.documents.len() != procedure.documents.len() {
                return Err(format!(
                    "documents: {} translated for {} listed",
                    self.documents.len(),
                    procedure.documents.len()
                ));
            }
            out.documents = self.documents.clone();
        }
        if !self.legal_basis.is_empty() {
            if self.legal_basis.len() != procedure.legal_basis.len() {
                return Err(format!(
                    "legal_basis: {} translated for {} listed",
                    self.legal_basis.len(),
                    procedure.legal_basis.len()
                ));
            }
            out.legal_basis = self.legal_basis.clone();
        }
        // The home-page search finds a procedure by its words in either language.
        out.keywords.extend(self.keywords.iter().cloned());
        for id in self.steps.keys() {
            if !procedure.steps.iter().any(|step| &step.id == id) {
                return Err(format!("steps.{id}: no such step"));
            }
        }
        let mut known = Vec::new();
        for step in &mut out.steps {
            if let Some(texts) = self.steps.get(&step.id) {
                set(&mut step.section, &texts.section);
                set(&mut step.title, &texts.title);
                if texts.hint.is_some() {
                    step.hint = texts.hint.clone();
                }
                if texts.meaning.is_some() {
                    step.meaning = texts.meaning.clone();
                }
            }
            for field in &mut step.fields {
                self.apply_field(field, &field.id.clone(), &mut known)?;
                for item in &mut field.items {
                    let key = format!("{}.{}", field.id, item.id);
                    self.apply_field(item, &key, &mut known)?;
                }
            }
        }
        if let Some(unknown) = self.fields.keys().find(|id| !known.contains(id)) {
            return Err(format!("fields.{unknown}: no such field"));
        }
        Ok(out)
    }

    fn apply_field(
        &self,
        field: &mut Field,
        key: &str,
        known: &mut Vec<String>,
    ) -> Result<(), String> {
        known.push(key.to_string());
        let Some(texts) = self.fields.get(key) else {
            return Ok(());
        };
        if let Some(label) = &texts.label {
            field.label = label.clone();
        }
        if let Some(noun) = &texts.noun {
            field.noun = noun.clone();
        }
        if texts.hint.is_some() {
            field.hint = texts.hint.clone();
        }
        if texts.meaning.is_some() {
            field.meaning = texts.meaning.clone();
        }
        for option in texts.options.keys() {
            if !field.options.contains(option) {
                return Err(format!("fields.{key}.options: no option {option:?}"));
            }
        }
        field.option_labels = texts.options.clone();
        for (option, reason) in &texts.stops {
            match field.stops.get_mut(option) {
                Some(text) => *text = reason.clone(),
                None => return Err(format!("fields.{key}.stops: {option:?} does not stop")),
            }
        }
        Ok(())
    }
}

/// Every text of `vietnamese` a citizen reads that `translated` still has in Vietnamese, as
/// `where: text` lines (empty when the translation is complete).
#[cfg(test)]
pub fn untranslated(vietnamese: &Procedure, translated: &Procedure) -> Vec<String> {
    let mut missing = Vec::new();
    let mut same = |place: String, vi: &str, other: &str| {
        if !vi.trim().is_empty() && vi == other {
            missing.push(format!("{place}: {vi}"));
        }
    };
    same("name".into(), &vietnamese.name, &translated.name);
    same("summary".into(), &vietnamese.summary, &translated.summary);
    same("fee".into(), &vietnamese.fee, &translated.fee);
    same(
        "authority".into(),
        &vietnamese.authority,
        &translated.authority,
    );
    same("result".into(), &vietnamese.result, &translated.result);
    same(
        "life_event".into(),
        &vietnamese.life_event,
        &translated.life_event,
    );
    same(
        "office_level".into(),
        &vietnamese.office_level,
        &translated.office_level,
    );
    if let (Some(vi), Some(en)) = (&vietnamese.processing_note, &translated.processing_note) {
        same("processing_note".into(), vi, en);
    }
    for (i, (vi, en)) in vietnamese
        .legal_basis
        .iter()
        .zip(&translated.legal_basis)
        .enumerate()
    {
        same(format!("legal_basis[{i}]"), vi, en);
    }
    for (i, (vi, en)) in vietnamese
        .documents
        .iter()
        .zip(&translated.documents)
        .enumerate()
    {
        same(format!("documents[{i}]"), vi, en);
    }
    for (vi_step, en_step) in vietnamese.steps.iter().zip(&translated.steps) {
        let at = |what: &str| format!("steps.{}.{what}", vi_step.id);
        same(at("section"), &vi_step.section, &en_step.section);
        same(at("title"), &vi_step.title, &en_step.title);
        same(
            at("hint"),
            vi_step.hint.as_deref().unwrap_or(""),
            en_step.hint.as_deref().unwrap_or(""),
        );
        same(
            at("meaning"),
            vi_step.meaning.as_deref().unwrap_or(""),
            en_step.meaning.as_deref().unwrap_or(""),
        );
        for (vi_field, en_field) in vi_step.fields.iter().zip(&en_step.fields) {
            field_texts(&vi_field.id, vi_field, en_field, &mut same);
            for (vi_item, en_item) in vi_field.items.iter().zip(&en_field.items) {
                let key = format!("{}.{}", vi_field.id, vi_item.id);
                field_texts(&key, vi_item, en_item, &mut same);
            }
        }
    }
    missing
}

#[cfg(test)]
fn field_texts(key: &str, vi: &Field, en: &Field, same: &mut impl FnMut(String, &str, &str)) {
    let at = |what: &str| format!("fields.{key}.{what}");
    same(at("label"), &vi.label, &en.label);
    same(at("noun"), &vi.noun, &en.noun);
    same(
        at("hint"),
        vi.hint.as_deref().unwrap_or(""),
        en.hint.as_deref().unwrap_or(""),
    );
    same(
        at("meaning"),
        vi.meaning.as_deref().unwrap_or(""),
        en.meaning.as_deref().unwrap_or(""),
    );
    for (option, reason) in &vi.stops {
        same(
            at(&format!("stops.{option}")),
            reason,
            en.stops.get(option).map_or("", String::as_str),
        );
    }
    // Options written in the procedure file (shared lists of names are proper nouns).
    if vi.options_list.is_none() {
        for option in &vi.options {
            same(
                at(&format!("options.{option}")),
                option,
                &en.option_label(option),
            );
        }
    }
}
