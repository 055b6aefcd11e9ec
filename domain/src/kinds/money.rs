//! Amounts in Vietnamese đồng, typed with or without thousands separators.

use crate::Texts;
use crate::field::Field;
use crate::problem::{Arg, Problem};

pub(super) fn check(field: &Field, noun: &Arg, value: &str) -> Option<Problem> {
    match parse(value) {
        Some(amount) => {
            super::number::check(field, noun, value, Some(amount), |n| self::amount(n).into())
        }
        None => Some(Problem::new("rule.money").with("noun", noun.capitalised())),
    }
}

/// "50.000.000", "50 000 000 đ", "50,000,000 VND" all mean fifty million đồng.
pub fn parse(value: &str) -> Option<i64> {
    let lower = value.trim().to_lowercase();
    let number = ["đồng", "đ", "vnđ", "vnd"]
        .iter()
        .find_map(|unit| lower.strip_suffix(unit))
        .unwrap_or(&lower);
    let digits: String = number
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | ','))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 15 {
        return None;
    }
    digits.parse().ok()
}

/// 50000000 reads "50.000.000".
pub fn thousands(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 { format!("-{out}") } else { out }
}

/// "50.000.000 đồng", in the reader's words.
pub(super) fn amount(amount: i64) -> Problem {
    Problem::new("rule.money_amount").with("amount", thousands(amount))
}

pub(super) fn display(value: &str, t: &dyn Texts) -> String {
    parse(value)
        .map(|n| amount(n).render(t))
        .unwrap_or_else(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::FieldKind;

    #[test]
    fn money_in_the_ways_people_write_it() {
        let mut capital = field(FieldKind::Money);
        capital.noun = "vốn kinh doanh".into();
        capital.min = Some(1);
        for ok in ["50.000.000", "50 000 000 đ", "50,000,000 VND", "50000000"] {
            assert!(
                check_field(&capital, &answers(&[("f", ok)]), today(), &VI).is_ok(),
                "{ok}"
            );
        }
        assert!(check_field(&capital, &answers(&[("f", "năm mươi triệu")]), today(), &VI).is_err());
        assert!(check_field(&capital, &answers(&[("f", "0")]), today(), &VI).is_err());
        assert_eq!(
            display_value(&capital, &answers(&[("f", "50000000")]), today(), &VI),
            "50.000.000 đồng"
        );
        assert_eq!(thousands(1_234), "1.234");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn a_range_of_money_is_said_in_dong() {
        let mut capital = field(FieldKind::Money);
        capital.min = Some(1_000_000);
        let error = check_field(&capital, &answers(&[("f", "500")]), today(), &VI).unwrap_err();
        assert!(
            error.message.contains("1.000.000 đồng"),
            "{}",
            error.message
        );
    }
}
