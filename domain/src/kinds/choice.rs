//! Radios and drop-downs: the answer must be one of the listed options, and an option may end
//! the procedure here with the reason and where to go instead (`stops`).

use crate::field::Field;
use crate::problem::{Arg, Problem};

/// The key whose template is the reason alone: the reason is data of the procedure file.
pub const STOP: &str = "rule.stop";

pub(super) fn check(field: &Field, noun: &Arg, value: &str) -> Option<Problem> {
    if !field.options.iter().any(|option| option == value) {
        return Some(Problem::new("rule.choose_listed").with("noun", noun));
    }
    field
        .stops
        .get(value)
        .map(|reason| Problem::new(STOP).with("reason", reason))
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

    #[test]
    fn an_option_that_stops_the_procedure_is_refused_with_its_reason() {
        let mut grade = field(FieldKind::Choice);
        grade.options = vec!["Cấp III".into(), "Cấp I".into()];
        let reason = "Công trình cấp I do Sở Xây dựng giải quyết: hãy nộp hồ sơ ở đó.";
        grade.stops.insert("Cấp I".into(), reason.into());
        assert!(check_field(&grade, &answers(&[("f", "Cấp III")]), today(), &VI).is_ok());
        let error = check_field(&grade, &answers(&[("f", "Cấp I")]), today(), &VI).unwrap_err();
        assert_eq!(error.message, reason);
    }
}
