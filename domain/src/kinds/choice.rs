//! Radios and drop-downs: the answer must be one of the listed options.

use crate::problem::{Arg, Problem};
use crate::procedure::Field;

pub(super) fn check(field: &Field, noun: &Arg, value: &str) -> Option<Problem> {
    (!field.options.iter().any(|option| option == value))
        .then(|| Problem::new("rule.choose_listed").with("noun", noun))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::FieldKind;

    #[test]
    fn choices_must_be_one_of_the_options() {
        let choice = field(FieldKind::Choice);
        assert!(check_field(&choice, &answers(&[("f", "Nữ")]), today(), &VI).is_ok());
        assert!(check_field(&choice, &answers(&[("f", "Khác")]), today(), &VI).is_err());
        let error = check_field(&choice, &answers(&[]), today(), &VI).unwrap_err();
        assert!(error.message.starts_with("Hãy chọn"));
    }
}
