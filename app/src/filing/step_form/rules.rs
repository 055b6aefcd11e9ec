//! What the island needs of a field to check it in the browser: its rules, not its words.

use domain::field::{IdCheck, Province};
use domain::procedure::{Field, FieldKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A field as the browser checks it. The label, hint, meaning, default and option labels are
/// already in the server's HTML: leaving them out of the island's props keeps their
/// deserializer out of the citizen's download (docs/benchmarks.md). For the same reason the
/// props are a list in a fixed order, not an object with names: a list's deserializer is a
/// fraction of the size of a named struct's. The order is the one of `From<&Field>`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldRules(
    String,
    String,
    FieldKind,
    bool,
    Option<usize>,
    Option<i64>,
    Option<i64>,
    bool,
    Vec<String>,
    BTreeMap<String, String>,
    Option<u32>,
    Option<usize>,
    Option<(String, Option<String>, String, String)>,
    bool,
    Vec<FieldRules>,
    Option<usize>,
    bool,
    Vec<(String, Vec<String>)>,
);

impl From<&Field> for FieldRules {
    fn from(field: &Field) -> Self {
        Self(
            field.id.clone(),
            field.noun.clone(),
            field.kind,
            field.required,
            field.max_len,
            field.min,
            field.max,
            field.not_future,
            field.options.clone(),
            field.stops.clone(),
            field.min_age,
            field.digits,
            field.id_check.as_ref().map(|check| {
                (
                    check.birth.clone(),
                    check.sex.clone(),
                    check.male.clone(),
                    check.female.clone(),
                )
            }),
            field.allow_legacy,
            field.items.iter().map(Self::from).collect(),
            field.max_items,
            field.main_item,
            field
                .units
                .iter()
                .map(|province| (province.name.clone(), province.units.clone()))
                .collect(),
        )
    }
}

impl From<FieldRules> for Field {
    fn from(rules: FieldRules) -> Self {
        let FieldRules(
            id,
            noun,
            kind,
            required,
            max_len,
            min,
            max,
            not_future,
            options,
            stops,
            min_age,
            digits,
            id_check,
            allow_legacy,
            items,
            max_items,
            main_item,
            units,
        ) = rules;
        Field {
            id,
            noun,
            kind,
            required,
            max_len,
            min,
            max,
            not_future,
            options,
            stops,
            min_age,
            digits,
            id_check: id_check.map(|(birth, sex, male, female)| IdCheck {
                birth,
                sex,
                male,
                female,
            }),
            allow_legacy,
            items: items.into_iter().map(Field::from).collect(),
            max_items,
            main_item,
            units: units
                .into_iter()
                .map(|(name, units)| Province { name, units })
                .collect(),
            ..Field::default()
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use domain::Lang;
    use domain::catalog::Catalog;
    use std::path::Path;

    /// The field without what the island leaves out: the words the server's HTML shows.
    fn rules_only(field: &Field) -> Field {
        Field {
            label: String::new(),
            hint: None,
            default: None,
            show_if: None,
            meaning: None,
            options_list: None,
            option_labels: Default::default(),
            items: field.items.iter().map(rules_only).collect(),
            ..field.clone()
        }
    }

    /// Every field of every procedure, in both languages, with the procedure's id.
    fn every_field() -> Vec<(String, Field)> {
        let catalog = Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("procedures"))
            .expect("the shipped catalog");
        let mut fields = Vec::new();
        for lang in [Lang::Vi, Lang::En] {
            for procedure in catalog.procedures_in(lang) {
                for field in procedure.steps.iter().flat_map(|step| &step.fields) {
                    fields.push((procedure.id.clone(), field.clone()));
                    let items = field.items.iter().cloned();
                    fields.extend(items.map(|item| (procedure.id.clone(), item)));
                }
            }
        }
        fields
    }

    #[test]
    fn the_browser_checks_every_field_with_all_its_rules() {
        for (procedure, field) in every_field() {
            let props = serde_json::to_string(&FieldRules::from(&field)).unwrap();
            let in_browser: FieldRules = serde_json::from_str(&props).unwrap();
            let id = &field.id;
            assert_eq!(
                Field::from(in_browser),
                rules_only(&field),
                "{procedure} {id}"
            );
        }
    }

    #[test]
    fn every_noun_starts_a_message_with_its_capital() {
        // The rules capitalise with the capitals of Vietnamese and English only.
        for (procedure, field) in every_field() {
            let noun = &field.noun;
            let capitalised = domain::problem::capitalised(noun);
            assert_eq!(
                capitalised,
                domain::problem::sentence(noun),
                "{procedure} {noun}"
            );
        }
    }
}
