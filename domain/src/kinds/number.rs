//! Whole numbers (how many copies), within the field's range.

use crate::field::Field;
use crate::problem::{Arg, Problem};

use super::text::without_spaces;

/// "1.000" and "1 000" are a thousand.
pub(super) fn parse(value: &str) -> Option<i64> {
    without_spaces(value).replace('.', "").parse::<i64>().ok()
}

/// How a bound reads in a message: a plain number (money shows đồng instead).
pub(super) fn plain(n: i64) -> Arg {
    n.to_string().into()
}

/// Whether `number` (read from `value`; `None` when unreadable) is in the field's range, with
/// the bounds written by `shown`. Money shares it, with amounts shown in đồng.
pub(super) fn check(
    field: &Field,
    noun: &Arg,
    value: &str,
    number: Option<i64>,
    shown: fn(i64) -> Arg,
) -> Option<Problem> {
    let noun = noun.capitalised();
    let Some(number) = number else {
        return Some(
            Problem::new("rule.number")
                .with("noun", noun)
                .with("value", value),
        );
    };
    match (field.min, field.max) {
        (Some(min), Some(max)) if number < min || number > max => Some(
            Problem::new("rule.number_between")
                .with("noun", noun)
                .with("min", shown(min))
                .with("max", shown(max)),
        ),
        (Some(min), None) if number < min => Some(
            Problem::new("rule.number_min")
                .with("noun", noun)
                .with("min", shown(min)),
        ),
        (None, Some(max)) if number > max => Some(
            Problem::new("rule.number_max")
                .with("noun", noun)
                .with("max", shown(max)),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::FieldKind;

    #[test]
    fn numbers_respect_their_range() {
        let mut count = field(FieldKind::Number);
        count.noun = "số bản sao".into();
        count.min = Some(1);
        count.max = Some(10);
        assert!(check_field(&count, &answers(&[("f", "2")]), today(), &VI).is_ok());
        let error = check_field(&count, &answers(&[("f", "11")]), today(), &VI).unwrap_err();
        assert_eq!(error.message, "Số bản sao phải từ 1 đến 10.");
        assert!(check_field(&count, &answers(&[("f", "hai")]), today(), &VI).is_err());
    }
}
