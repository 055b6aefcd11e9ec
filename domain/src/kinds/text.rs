//! Text and long text: free words, or a fixed number of digits (a business-line code).

use crate::field::Field;
use crate::problem::{Arg, Problem};

/// Several lines of text: room for a letter, not for a book.
pub(super) const LONG_MAX_LEN: usize = 2000;

pub(super) fn check(field: &Field, noun: &Arg, value: &str) -> Option<Problem> {
    let n = field.digits?;
    let digits = without_spaces(value);
    (digits.len() != n || !digits.chars().all(|c| c.is_ascii_digit())).then(|| {
        Problem::new("rule.digits")
            .with("noun", noun.capitalised())
            .with("n", n.to_string())
    })
}

pub(crate) fn without_spaces(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::FieldKind;

    #[test]
    fn a_code_of_digits_may_be_typed_with_spaces() {
        let mut code = field(FieldKind::Text);
        code.digits = Some(4);
        assert!(check_field(&code, &answers(&[("f", "47 22")]), today(), &VI).is_ok());
        let error = check_field(&code, &answers(&[("f", "472")]), today(), &VI).unwrap_err();
        assert_eq!(error.message, "Ngày sinh của trẻ phải gồm đúng 4 chữ số.");
    }

    #[test]
    fn a_long_text_is_refused_with_its_limit() {
        let long = field(FieldKind::LongText);
        let typed = "a".repeat(2001);
        let error = check_field(&long, &answers(&[("f", &typed)]), today(), &VI).unwrap_err();
        assert!(error.message.contains("2000"), "{}", error.message);
    }
}
