//! What the kinds' tests share: a field of any kind, answers, a fixed day, the words.

pub use crate::Texts;
pub use crate::field::{Answers, Field, FieldKind};
pub use crate::kinds::problems;
pub use crate::kinds::{check_field, display as display_value, field_errors};
pub use crate::test_texts::VI;
pub use chrono::NaiveDate;

pub fn field(kind: FieldKind) -> Field {
    Field {
        id: "f".into(),
        label: "F".into(),
        noun: "ngày sinh của trẻ".into(),
        kind,
        required: true,
        not_future: true,
        options: vec!["Nam".into(), "Nữ".into()],
        ..Default::default()
    }
}

pub fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// A rule's words in Vietnamese, as the citizen reads them.
pub fn vi(key: &str) -> String {
    VI.template(key)
}
