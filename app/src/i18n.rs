//! The reader's words: the domain's rules name their messages by key, and this is the edge that
//! turns keys into the page's language (app/locales, compiled in by rust-i18n).

use crate::prefs::{Lang, lang};
use chrono::{NaiveDate, NaiveDateTime};
use domain::Texts;
use domain::lifecycle::{Action, Status};
#[cfg(feature = "ssr")]
use domain::texts::KEYS;
use domain::texts::Templates;

/// The words of the page being rendered, in its reader's language.
#[derive(Clone, Copy, Debug)]
pub struct PageTexts(pub Lang);

/// The texts of the page being rendered (the server reads the reader's language cookie).
pub fn page() -> PageTexts {
    PageTexts(lang())
}

impl Texts for PageTexts {
    fn lang(&self) -> Lang {
        self.0
    }

    #[cfg(feature = "ssr")]
    fn template(&self, key: &str) -> String {
        rust_i18n::t!(key, locale = self.0.code()).into_owned()
    }

    // The browser holds no translation files: islands get the templates they need as props.
    #[cfg(not(feature = "ssr"))]
    fn template(&self, key: &str) -> String {
        key.to_string()
    }
}

/// The templates of every rule message in `lang`, for an island that checks answers.
#[cfg(feature = "ssr")]
pub fn rule_templates(lang: Lang) -> Templates {
    let words = PageTexts(lang);
    Templates {
        lang,
        templates: KEYS
            .iter()
            .map(|key| (key.to_string(), words.template(key)))
            .collect(),
    }
}

#[cfg(not(feature = "ssr"))]
pub fn rule_templates(lang: Lang) -> Templates {
    Templates {
        lang,
        templates: Vec::new(),
    }
}

/// A date as the reader's language writes it: "05/11/2026", or "5 November 2026".
pub fn format_date(date: NaiveDate) -> String {
    domain::dates::format_date_in(date, lang())
}

/// A moment as the reader's language writes it: "14:05 05/11/2026".
pub fn format_date_time(at: NaiveDateTime) -> String {
    domain::dates::format_date_time_in(at, lang())
}

/// A dossier status in the page's language.
pub trait StatusWords {
    /// The status in plain words, as the citizen and the clerk read it.
    fn label(self) -> String;
    /// What the citizen should do now.
    fn next_step(self) -> String;
}

impl StatusWords for Status {
    fn label(self) -> String {
        page().text(self.label_key(), &[])
    }

    fn next_step(self) -> String {
        page().text(self.next_step_key(), &[])
    }
}

/// A clerk's action in the page's language.
pub trait ActionWords {
    /// The button the clerk presses.
    fn button(self) -> String;
}

impl ActionWords for Action {
    fn button(self) -> String {
        page().text(self.button_key(), &[])
    }
}

/// The procedure catalog as the reader of the page sees it.
#[cfg(feature = "ssr")]
pub trait PageCatalog {
    fn procedures(&self) -> &[domain::Procedure];
    fn procedure(&self, id: &str) -> Option<&domain::Procedure>;
}

#[cfg(feature = "ssr")]
impl PageCatalog for domain::catalog::Catalog {
    fn procedures(&self) -> &[domain::Procedure] {
        self.procedures_in(lang())
    }

    fn procedure(&self, id: &str) -> Option<&domain::Procedure> {
        self.procedure_in(id, lang())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_message_has_both_languages() {
        for lang in [Lang::Vi, Lang::En] {
            for (key, template) in rule_templates(lang).templates {
                assert_ne!(key, template, "{key} has no {lang:?} text");
                assert!(!template.trim().is_empty(), "{key} is empty in {lang:?}");
            }
        }
    }

    #[test]
    fn outside_a_request_the_words_are_vietnamese() {
        assert_eq!(Status::Processing.label(), "Đang xử lý");
        assert_eq!(Action::Receive.button(), "Tiếp nhận hồ sơ");
        let english = crate::prefs::as_english_reader(|| Action::Receive.button());
        assert_eq!(english, "Receive the dossier");
    }
}
