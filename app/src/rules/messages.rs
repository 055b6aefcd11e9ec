//! The rules' messages: a translation key and its arguments, made into text in the page's
//! language. On the server the text comes from the translation files (app/locales); in the
//! browser the island is handed the few templates the rules use, in its page's language, as
//! props (`install`), so no translation file ships as wasm.

/// `%{name}` in a template replaced by its value; unknown names are left as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find("%{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match args.iter().find(|(arg, _)| *arg == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[start..start + 3 + end]),
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of a rule's message in the language of the page being shown.
pub fn text(key: &str, args: &[(&str, &str)]) -> String {
    fill(&template(key), args)
}

#[cfg(feature = "ssr")]
fn template(key: &str) -> String {
    rust_i18n::t!(key, locale = crate::prefs::lang().code()).into_owned()
}

#[cfg(not(feature = "ssr"))]
fn template(key: &str) -> String {
    TEMPLATES.with(|templates| {
        templates
            .borrow()
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, template)| template.clone())
            .unwrap_or_else(|| key.to_string())
    })
}

#[cfg(not(feature = "ssr"))]
thread_local! {
    static TEMPLATES: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// In the browser: the templates the server sent for this page's language.
#[cfg(not(feature = "ssr"))]
pub fn install(templates: Vec<(String, String)>) {
    TEMPLATES.with(|current| *current.borrow_mut() = templates);
}

/// On the server: the templates of every rule message, for the island of a page in `lang`.
#[cfg(feature = "ssr")]
pub fn templates(lang: crate::prefs::Lang) -> Vec<(String, String)> {
    KEYS.iter()
        .map(|key| {
            (
                key.to_string(),
                rust_i18n::t!(*key, locale = lang.code()).into_owned(),
            )
        })
        .collect()
}

/// Every key the rules use (a test checks each has both languages).
pub const KEYS: &[&str] = &[
    "rule.enter",
    "rule.choose",
    "rule.tick",
    "rule.attach",
    "rule.too_long",
    "rule.digits",
    "rule.name_digits",
    "rule.name_letters",
    "rule.year_future",
    "rule.year_old",
    "rule.year_format",
    "rule.choose_listed",
    "rule.yes_no",
    "rule.money",
    "rule.phone",
    "rule.email",
    "rule.file_type",
    "rule.file_size",
    "rule.file_total",
    "rule.province",
    "rule.commune",
    "rule.street",
    "rule.date_part",
    "rule.part_day",
    "rule.part_month",
    "rule.part_year",
    "rule.date_numbers",
    "rule.short_year",
    "rule.date_impossible",
    "rule.date_future",
    "rule.date_old",
    "rule.min_age",
    "rule.hour_missing",
    "rule.hour_range",
    "rule.minute_range",
    "rule.group_empty",
    "rule.group_max",
    "rule.group_main",
    "rule.item_noun",
    "rule.id_digits",
    "rule.id_province",
    "rule.id_length_legacy",
    "rule.id_length",
    "rule.id_mismatch",
    "rule.id_typed_both",
    "rule.id_typed_year",
    "rule.id_typed_sex",
    "rule.sex_male",
    "rule.sex_female",
    "rule.number",
    "rule.number_between",
    "rule.number_min",
    "rule.number_max",
    "rule.money_amount",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_filled_in() {
        assert_eq!(
            fill("Hãy nhập %{noun}.", &[("noun", "họ và tên")]),
            "Hãy nhập họ và tên."
        );
        assert_eq!(
            fill("%{a} và %{b}, %{c}", &[("a", "1"), ("b", "2")]),
            "1 và 2, %{c}"
        );
        assert_eq!(fill("50%{", &[]), "50%{");
    }

    #[test]
    fn every_rule_message_has_both_languages() {
        for lang in [crate::prefs::Lang::Vi, crate::prefs::Lang::En] {
            for (key, template) in templates(lang) {
                assert_ne!(key, template, "{key} has no {lang:?} text");
                assert!(!template.trim().is_empty(), "{key} is empty in {lang:?}");
            }
        }
    }
}
