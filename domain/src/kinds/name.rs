//! People's names: Vietnamese letters (and the apostrophe of Ê Đê names), no digits.

use crate::problem::{Arg, Problem, sentence};

pub(super) const MAX_LEN: usize = 100;

pub(super) fn check(noun: &Arg, value: &str) -> Option<Problem> {
    let allowed = |c: char| c.is_alphabetic() || c == ' ' || c == '\'' || c == '-' || c == '.';
    let key = if value.chars().any(|c| c.is_ascii_digit()) {
        "rule.name_digits"
    } else if !value.chars().all(allowed) {
        "rule.name_letters"
    } else {
        return None;
    };
    Some(Problem::new(key).with("noun", noun.capitalised()))
}

/// "nguyễn văn an" reads "Nguyễn Văn An"; Vietnamese letters stay as typed.
pub fn capitalise_words(name: &str) -> String {
    name.split_whitespace()
        .map(sentence)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::FieldKind;

    #[test]
    fn an_empty_required_name_is_refused_but_an_optional_one_is_not() {
        let mut name = field(FieldKind::Name);
        name.noun = "họ và tên của trẻ".into();
        let error = check_field(&name, &answers(&[("f", "   ")]), today(), &VI).unwrap_err();
        assert_eq!(error.message, "Hãy nhập họ và tên của trẻ.");
        name.required = false;
        assert!(check_field(&name, &answers(&[]), today(), &VI).is_ok());
    }

    #[test]
    fn names_keep_vietnamese_letters_and_refuse_digits() {
        let name = field(FieldKind::Name);
        let ok = |typed: &str| check_field(&name, &answers(&[("f", typed)]), today(), &VI).is_ok();
        assert!(ok("Nguyễn Thị Ánh Tuyết"));
        assert!(ok("H'Hen Niê"));
        assert!(!ok("An 2"));
        assert!(!ok(&"a".repeat(101)));
        assert_eq!(capitalise_words("  nguyễn   văn ánh "), "Nguyễn Văn Ánh");
    }

    #[test]
    fn digits_and_symbols_are_told_apart() {
        let noun = Arg::from("tên");
        assert_eq!(
            check(&noun, "An 2").map(|p| p.key),
            Some("rule.name_digits")
        );
        assert_eq!(
            check(&noun, "An @").map(|p| p.key),
            Some("rule.name_letters")
        );
    }
}
