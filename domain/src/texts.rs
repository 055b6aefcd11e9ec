//! The rules' messages: a translation key and its arguments, made into text by whoever shows
//! them (`Texts`). The domain holds no translations: the server reads app/locales, and the
//! island gets the few templates the rules use as props, so no translation file ships as wasm.

use crate::Lang;

/// `%{name}` in a template replaced by its value; unknown names are left as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    fill_with(template, |name| {
        args.iter()
            .find(|(arg, _)| *arg == name)
            .map(|(_, value)| value.to_string())
    })
}

/// `%{name}` replaced by what `value` gives for it; unknown names are left as they are.
pub fn fill_with(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find("%{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match value(name) {
                    Some(value) => out.push_str(&value),
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

/// Where the words come from: the page's language and the template of each key. The server
/// reads its translation files; the browser island is handed the few templates the rules use.
pub trait Texts {
    fn lang(&self) -> Lang;
    /// The template of `key`, with `%{name}` placeholders (the key itself when unknown).
    fn template(&self, key: &str) -> String;
    /// The template of `key` with its arguments filled in.
    fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(&self.template(key), args)
    }
}

/// Templates held in memory, as the browser island gets them, or as tests write them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Templates {
    pub lang: Lang,
    pub templates: Vec<(String, String)>,
}

impl Texts for Templates {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn template(&self, key: &str) -> String {
        self.templates
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, template)| template.clone())
            .unwrap_or_else(|| key.to_string())
    }
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
    "rule.file_pixels",
    "rule.file_active",
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
    "rule.stop",
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
}
