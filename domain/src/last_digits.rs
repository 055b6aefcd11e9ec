//! The second factor a citizen has besides a code: the last four digits of the ID number or
//! of the phone number they gave. Asked when the citizen confirms a dossier filed with staff,
//! and before anything is written on a dossier by its code (a supplement, the rating).

use crate::procedure::{Answers, Procedure};

/// How many digits are asked.
pub const COUNT: usize = 4;

/// The last four digits of each answer that has at least four digits.
pub fn of_answers(answers: &[Option<&str>]) -> Vec<String> {
    answers
        .iter()
        .flatten()
        .map(|answer| {
            answer
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        })
        .filter(|digits| digits.len() >= COUNT)
        .map(|digits| digits[digits.len() - COUNT..].to_string())
        .collect()
}

/// The digits that may be asked of the applicant: from the answers to the procedure's ID number
/// and phone questions. Empty when neither was answered: there is nothing to ask.
pub fn expected(procedure: &Procedure, answers: &Answers) -> Vec<String> {
    let answer = |field: &Option<String>| {
        field
            .as_ref()
            .and_then(|id| answers.get(id))
            .map(String::as_str)
    };
    of_answers(&[
        answer(&procedure.applicant.id_number),
        answer(&procedure.applicant.phone),
    ])
}

/// Whether what was typed (spaces aside) is one of `expected`.
pub fn matches(typed: &str, expected: &[String]) -> bool {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    typed.len() == COUNT && expected.contains(&typed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_four_digits_of_the_id_number_or_the_phone_match() {
        let expected = of_answers(&[Some("066 090 012 345"), Some("0912 345 678"), None]);
        assert_eq!(expected, ["2345", "5678"]);
        assert!(matches("2345", &expected));
        assert!(matches(" 56 78 ", &expected));
        assert!(!matches("1234", &expected));
        assert!(!matches("", &expected));
        // Too short to have four last digits: nothing to ask, and nothing matches.
        assert!(of_answers(&[Some("12")]).is_empty());
        assert!(!matches("", &[]));
    }
}
