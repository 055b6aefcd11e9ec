//! Secrets and identifiers drawn from the operating system's random generator (the domain stays
//! free of it: a rule never draws a number).

use domain::resume_code::{ALPHABET, LENGTH};
use rand::Rng;

/// A fresh resume code.
pub fn resume_code() -> String {
    letters(LENGTH)
}

/// A new dossier code: the procedure's prefix, the local day of submission ("261124") and
/// enough random letters that nobody guesses one (`domain::dossier_code`).
pub fn dossier_code(prefix: &str, yymmdd: &str) -> String {
    use domain::dossier_code::{RANDOM_LETTERS, compose};
    compose(prefix, yymmdd, &letters(RANDOM_LETTERS))
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

    #[test]
    fn the_random_part_of_a_new_dossier_code_carries_at_least_fifty_bits() {
        use domain::resume_code::ALPHABET;
        let codes: Vec<String> = (0..200)
            .map(|_| super::dossier_code("KS", "261124"))
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        for code in &codes {
            let random = code.strip_prefix("KS-261124-").expect(code);
            assert!(random.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
            seen.extend(random.bytes());
            let bits = (ALPHABET.len() as f64).log2() * random.len() as f64;
            assert!(bits >= 50.0, "{code}: {bits} bits");
            assert!(domain::dossier_code::unguessable(code), "{code}");
            assert!(crate::lookup::normalise_code(code).as_deref() == Some(code.as_str()));
        }
        // Drawn from the whole alphabet (2,200 letters leave none of 30 out by chance).
        assert_eq!(seen.len(), ALPHABET.len());
        let distinct: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), codes.len());
    }
}
