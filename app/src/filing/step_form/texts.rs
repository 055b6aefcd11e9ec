//! The few texts the island shows itself, handed over by the server as props.

use serde::{Deserialize, Serialize};

/// The few texts the island shows itself, in the page's language (the translations stay on
/// the server).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "FormTextsProps", into = "FormTextsProps")]
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
    /// The rules' message templates, for checking in the browser (a plain list: a struct
    /// with its language cost the wasm 1.8 KB of deserializer).
    pub rules: Vec<(String, String)>,
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
            rules: crate::i18n::rule_templates(crate::prefs::lang()).templates,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "ConflictTextsProps", into = "ConflictTextsProps")]
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

// As props, the texts are a list in a fixed order, not an object with names: a list's
// deserializer is a fraction of the size of a named struct's in the citizen's download.
type FormTextsProps = (
    String,
    String,
    String,
    String,
    String,
    String,
    ConflictTexts,
    String,
    Vec<(String, String)>,
);
type ConflictTextsProps = (String, String, String, String, String);

impl From<FormTexts> for FormTextsProps {
    fn from(t: FormTexts) -> Self {
        (
            t.listen_errors,
            t.summary_title,
            t.saving,
            t.saved,
            t.offline,
            t.conflict_status,
            t.conflict,
            t.characters,
            t.rules,
        )
    }
}

impl From<FormTextsProps> for FormTexts {
    fn from(t: FormTextsProps) -> Self {
        let (
            listen_errors,
            summary_title,
            saving,
            saved,
            offline,
            conflict_status,
            conflict,
            characters,
            rules,
        ) = t;
        Self {
            listen_errors,
            summary_title,
            saving,
            saved,
            offline,
            conflict_status,
            conflict,
            characters,
            rules,
        }
    }
}

impl From<ConflictTexts> for ConflictTextsProps {
    fn from(t: ConflictTexts) -> Self {
        (t.title, t.help, t.button, t.mine, t.theirs)
    }
}

impl From<ConflictTextsProps> for ConflictTexts {
    fn from((title, help, button, mine, theirs): ConflictTextsProps) -> Self {
        Self {
            title,
            help,
            button,
            mine,
            theirs,
        }
    }
}
