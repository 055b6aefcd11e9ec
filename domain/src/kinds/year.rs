//! A year alone (a parent's year of birth when the full date is not known).

use crate::dates::{self, DateProblem};
use crate::field::Field;
use crate::problem::{Arg, Problem};
use chrono::NaiveDate;

pub(super) fn check(field: &Field, noun: &Arg, value: &str, today: NaiveDate) -> Option<Problem> {
    let key = match dates::parse_year(value, today, field.not_future) {
        Ok(_) => return None,
        Err(DateProblem::Future) => "rule.year_future",
        Err(DateProblem::TooOld) => "rule.year_old",
        Err(_) => "rule.year_format",
    };
    Some(Problem::new(key).with("noun", noun.capitalised()))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::FieldKind;

    #[test]
    fn years_alone_are_checked() {
        let mut year = field(FieldKind::Year);
        year.noun = "năm sinh của mẹ".into();
        assert!(check_field(&year, &answers(&[("f", "1995")]), today(), &VI).is_ok());
        assert!(check_field(&year, &answers(&[("f", "95")]), today(), &VI).is_err());
        assert!(check_field(&year, &answers(&[("f", "2030")]), today(), &VI).is_err());
    }
}
