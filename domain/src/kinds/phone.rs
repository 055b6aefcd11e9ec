//! Vietnamese phone numbers, as people write them.

use crate::problem::Problem;

/// Mobiles: 0 and nine digits, or +84 / 84 and nine digits; landlines 11 digits from 02.
pub(super) fn check(value: &str) -> Option<Problem> {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("+84") {
        format!("0{rest}")
    } else if digits.len() == 11 && digits.starts_with("84") {
        format!("0{}", &digits[2..])
    } else {
        digits
    };
    let digits_only = national.chars().all(|c| c.is_ascii_digit());
    // 0262 is Đắk Lắk's landline prefix.
    let mobile = national.len() == 10 && national.starts_with('0');
    let landline = national.len() == 11 && national.starts_with("02");
    (!(digits_only && (mobile || landline))).then(|| Problem::new("rule.phone"))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::FieldKind;

    #[test]
    fn phone_numbers_in_the_ways_people_write_them() {
        let phone = field(FieldKind::Phone);
        let ok = |typed: &str| check_field(&phone, &answers(&[("f", typed)]), today(), &VI).is_ok();
        for good in [
            "0912345678",
            "0912 345 678",
            "+84912345678",
            "84 912 345 678",
            "0912.345.678",
            "0262 3852 123",
        ] {
            assert!(ok(good), "{good}");
        }
        for bad in ["091234567", "1912345678", "09123456789", "phone"] {
            assert!(!ok(bad), "{bad}");
        }
    }
}
