//! Secrets and identifiers drawn from the operating system's random generator (the domain stays
//! free of it: a rule never draws a number).

use domain::resume_code::{ALPHABET, LENGTH};
use rand::Rng;

/// A fresh resume code.
pub fn resume_code() -> String {
    letters(LENGTH)
}

/// `n` letters of the resume-code alphabet (about 4.9 bits each).
pub fn letters(n: usize) -> String {
    let mut rng = rand::rng();
    (0..n)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use domain::resume_code::{grouped, normalise};

    #[test]
    fn generated_codes_are_valid_and_differ() {
        let a = super::resume_code();
        let b = super::resume_code();
        assert_eq!(normalise(&grouped(&a)), Ok(a.clone()));
        assert_ne!(a, b);
    }
}
