//! E-mail addresses: enough of a check to catch a slip, not a full grammar.

use crate::problem::Problem;

pub(super) fn check(value: &str) -> Option<Problem> {
    let wrong = match value.split_once('@') {
        None => true,
        Some((local, domain)) => {
            local.is_empty()
                || domain.contains('@')
                || !domain.contains('.')
                || domain.starts_with('.')
                || domain.ends_with('.')
                || value.chars().any(char::is_whitespace)
        }
    };
    wrong.then(|| Problem::new("rule.email"))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::FieldKind;

    #[test]
    fn email_is_optional_but_checked_when_given() {
        let mut email = field(FieldKind::Email);
        email.required = false;
        let ok =
            |typed: &[(&str, &str)]| check_field(&email, &answers(typed), today(), &VI).is_ok();
        assert!(ok(&[]));
        assert!(ok(&[("f", "an.nguyen@vidu.vn")]));
        for bad in ["an.nguyen", "an@vidu", "an @vidu.vn", "@vidu.vn"] {
            assert!(!ok(&[("f", bad)]), "{bad}");
        }
    }
}
