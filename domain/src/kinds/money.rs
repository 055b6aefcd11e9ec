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
    let value = value.trim();
    let number = UNITS
        .iter()
        .find_map(|unit| without_unit(value, unit))
        .unwrap_or(value);
    let digits: String = number
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | ','))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 15 {
        return None;
    }
    digits.parse().ok()
}

/// The units an amount may end with, in lower case; "vnđ" before "đ", which it ends with.
const UNITS: [&str; 4] = ["đồng", "vnđ", "vnd", "đ"];

/// `value` without `unit` at its end, in any case ("VNĐ", "Đồng").
// Not `to_lowercase`: its table of the lower case of every script's letters would cost the
// citizen's download about 6 KB (docs/benchmarks.md), and the units have only these letters.
fn without_unit<'a>(value: &'a str, unit: &str) -> Option<&'a str> {
    let mut rest = value;
    for letter in unit.chars().rev() {
        let last = rest.chars().next_back()?;
        let lower = match last {
            'Đ' => 'đ',
            'Ồ' => 'ồ',
            other => other.to_ascii_lowercase(),
        };
        if lower != letter {
            return None;
        }
        rest = &rest[..rest.len() - last.len_utf8()];
    }
    Some(rest)
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
    fn the_unit_may_be_written_in_any_case() {
        for unit in UNITS {
            let capitalised = crate::problem::sentence(unit);
            for spelling in [unit.to_string(), unit.to_uppercase(), capitalised] {
                assert_eq!(
                    parse(&format!("50.000 {spelling}")),
                    Some(50_000),
                    "{spelling}"
                );
                assert_eq!(
                    parse(&format!("50.000{spelling}")),
                    Some(50_000),
                    "{spelling}"
                );
            }
        }
        assert_eq!(parse("50.000 đồng đ"), None);
        assert_eq!(parse("đồng"), None);
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
