//! Resume codes: short enough to write down, long enough that nobody guesses one.
//!
//! 15 characters from a 30-letter alphabet carry 73 random bits. Letters and digits that are
//! easily confused when read aloud or handwritten (0/O, 1/I/L, U/V) are left out, and the code
//! is shown in three groups of five.

use crate::Texts;

pub const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTWXYZV";
pub const LENGTH: usize = 15;
const GROUP: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeProblem {
    Empty,
    WrongLength(usize),
    /// A character that never appears in a code, such as O or 1.
    UnknownCharacter(char),
}

impl CodeProblem {
    /// What the citizen reads, in the words `t` gives.
    pub fn words(self, t: &dyn Texts) -> String {
        match self {
            CodeProblem::Empty => t.text("code.empty", &[]),
            CodeProblem::WrongLength(n) => t.text(
                "code.length",
                &[("length", &LENGTH.to_string()), ("n", &n.to_string())],
            ),
            CodeProblem::UnknownCharacter(c) => t.text("code.character", &[("c", &c.to_string())]),
        }
    }
}

/// Accepts what people type: lower case, spaces, dashes.
pub fn normalise(typed: &str) -> Result<String, CodeProblem> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .flat_map(char::to_uppercase)
        .collect();
    if code.is_empty() {
        return Err(CodeProblem::Empty);
    }
    if let Some(c) = code
        .chars()
        .find(|c| !c.is_ascii() || !ALPHABET.contains(&(*c as u8)))
    {
        return Err(CodeProblem::UnknownCharacter(c));
    }
    if code.len() != LENGTH {
        return Err(CodeProblem::WrongLength(code.chars().count()));
    }
    Ok(code)
}

/// "K7M2Q8XTR4WN3HD" reads "K7M2Q-8XTR4-WN3HD".
pub fn grouped(code: &str) -> String {
    code.as_bytes()
        .chunks(GROUP)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_has_no_ambiguous_or_repeated_characters() {
        for c in b"01OILU" {
            assert!(!ALPHABET.contains(c), "{}", *c as char);
        }
        let mut sorted = ALPHABET.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ALPHABET.len());
        let bits = (ALPHABET.len() as f64).log2() * LENGTH as f64;
        assert!(bits >= 60.0, "{bits}");
    }

    #[test]
    fn typing_is_forgiving() {
        assert_eq!(
            normalise(" k7m2q 8xtr4-wn3hd "),
            Ok("K7M2Q8XTR4WN3HD".into())
        );
        assert_eq!(grouped("K7M2Q8XTR4WN3HD"), "K7M2Q-8XTR4-WN3HD");
    }

    #[test]
    fn mistakes_get_a_reason() {
        assert_eq!(normalise("  "), Err(CodeProblem::Empty));
        assert_eq!(normalise("K7M2Q-8XTR4"), Err(CodeProblem::WrongLength(10)));
        assert_eq!(
            normalise("K7M2Q-8XTR4-WN3H0"),
            Err(CodeProblem::UnknownCharacter('0'))
        );
    }
}
