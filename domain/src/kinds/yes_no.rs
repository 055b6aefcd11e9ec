//! Có / Không, stored as "co" and "khong" so that branches can test them.

use crate::Texts;
use crate::field::{NO, YES};
use crate::problem::{Arg, Problem};

pub(super) fn check(noun: &Arg, value: &str) -> Option<Problem> {
    (value != YES && value != NO).then(|| Problem::new("rule.yes_no").with("noun", noun))
}

pub(super) fn display(value: &str, t: &dyn Texts) -> String {
    match value {
        YES => t.text("show.yes", &[]),
        NO => t.text("show.no", &[]),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::FieldKind;

    #[test]
    fn only_yes_or_no_is_an_answer() {
        let question = field(FieldKind::YesNo);
        assert!(check_field(&question, &answers(&[("f", "khong")]), today(), &VI).is_ok());
        assert!(check_field(&question, &answers(&[("f", "maybe")]), today(), &VI).is_err());
        assert_eq!(
            display_value(&question, &answers(&[("f", "co")]), today(), &VI),
            "Có"
        );
    }
}
