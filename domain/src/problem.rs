//! What is wrong with an answer, as a translation key and its arguments. The rules never hold
//! words: whoever shows the problem (the server's page, the browser island) renders it in the
//! reader's language through `Texts`.

use crate::Texts;
use crate::texts::fill_with;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// An argument: plain text (a field's noun, a number), or words that need translating too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Key(Problem),
    /// At the start of a sentence: the first letter in upper case.
    Capitalised(Box<Arg>),
}

impl Problem {
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    pub fn with(self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.push(name, value.into())
    }

    // Not generic and not inlined: the browser's wasm carries one copy, not one per caller.
    #[inline(never)]
    fn push(mut self, name: &'static str, value: Arg) -> Self {
        self.args.push((name, value));
        self
    }

    pub fn render(&self, t: &dyn Texts) -> String {
        fill_with(&t.template(self.key), |name| {
            self.args
                .iter()
                .find(|(arg, _)| *arg == name)
                .map(|(_, value)| value.render(t))
        })
    }
}

impl Arg {
    pub fn render(&self, t: &dyn Texts) -> String {
        match self {
            Arg::Text(text) => text.clone(),
            Arg::Key(problem) => problem.render(t),
            Arg::Capitalised(arg) => capitalised(&arg.render(t)),
        }
    }

    /// The same words at the start of a sentence.
    pub fn capitalised(&self) -> Arg {
        Arg::Capitalised(Box::new(self.clone()))
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<&Arg> for Arg {
    fn from(arg: &Arg) -> Self {
        arg.clone()
    }
}

impl From<Problem> for Arg {
    fn from(problem: Problem) -> Self {
        Arg::Key(problem)
    }
}

/// The noun phrase at the start of a sentence.
pub fn sentence(noun: &str) -> String {
    let mut chars = noun.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A noun phrase of a procedure or of the rules' templates at the start of a sentence. They
/// are Vietnamese or English, so the capitals of those two languages are enough.
// Not `char::to_uppercase` (as `sentence`): its table of every script's capitals would cost the
// citizen's download about 4 KB (docs/benchmarks.md).
pub fn capitalised(noun: &str) -> String {
    let mut chars = noun.chars();
    match chars.next() {
        Some(first) => std::iter::once(capital(first)).chain(chars).collect(),
        None => String::new(),
    }
}

/// The capital of a Vietnamese or English letter; any other character as it is.
fn capital(letter: char) -> char {
    let code = letter as u32;
    let capital = match letter {
        'a'..='z' => code - 0x20,
        // à to þ (Latin-1), but ÷ is no letter.
        'à'..='þ' if letter != '÷' => code - 0x20,
        'ă' | 'đ' | 'ĩ' | 'ũ' | 'ơ' => code - 1,
        'ư' => 'Ư' as u32,
        // Vietnamese letters with tone marks (ạ to ỹ): capitals at the even places.
        '\u{1EA0}'..='\u{1EF9}' if code % 2 == 1 => code - 1,
        _ => code,
    };
    char::from_u32(capital).unwrap_or(letter)
}

/// An answer that cannot be accepted: the input to fix and what is wrong, not yet in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    /// The input the error summary links to (a date's day, month or year box).
    pub input: String,
    pub problem: Problem,
}

/// An answer that cannot be accepted: the input to fix and what to do about it, in words.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldError {
    pub field: String,
    /// The input the error summary links to (a date's day, month or year box).
    pub input: String,
    pub message: String,
}

impl FieldProblem {
    pub fn in_words(self, t: &dyn Texts) -> FieldError {
        FieldError {
            message: self.problem.render(t),
            field: self.field,
            input: self.input,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_texts::VI;

    #[test]
    fn every_vietnamese_and_english_letter_gets_its_capital() {
        let latin_1 = '\u{E0}'..='\u{FE}';
        let with_tones = '\u{1EA0}'..='\u{1EF9}';
        let letters = ('a'..='z')
            .chain(latin_1)
            .chain("ăđĩũơư".chars())
            .chain(with_tones)
            .chain("ĂĐƯ ÷9".chars());
        for letter in letters {
            let text = format!("{letter}ở dòng 2");
            assert_eq!(capitalised(&text), sentence(&text), "{letter}");
        }
        assert_eq!(capitalised("ngày sinh của trẻ"), "Ngày sinh của trẻ");
        assert_eq!(capitalised("ưu tiên"), "Ưu tiên");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn nested_words_are_translated_and_capitalised() {
        let noun = Arg::from(
            Problem::new("rule.item_noun")
                .with("noun", "mã ngành")
                .with("n", "2"),
        );
        let problem = Problem::new("rule.digits")
            .with("noun", noun.capitalised())
            .with("n", "4");
        assert_eq!(
            problem.render(&VI),
            "Mã ngành ở dòng 2 phải gồm đúng 4 chữ số."
        );
    }
}
