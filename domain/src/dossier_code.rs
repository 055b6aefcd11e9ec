//! Dossier codes: the procedure's prefix, the day of submission and a random part, as in
//! "KS-261124-7KM2QXTR4WN". Anyone who knows the procedure and the day knows the first two
//! parts, so only the random part keeps a code from being guessed: 11 letters of the
//! resume-code alphabet, about 54 bits.
//!
//! Codes issued before carried 6 letters (about 29 bits). They keep working, but a page opened
//! by a plain link asks for one press of the counted lookup form before it shows one of them.

use crate::resume_code::ALPHABET;

/// Letters in the random part of a new code.
pub const RANDOM_LETTERS: usize = 11;

/// Bits of chance in `letters` letters of the alphabet.
pub fn random_bits(letters: usize) -> f64 {
    (ALPHABET.len() as f64).log2() * letters as f64
}

/// "KS", "261124" and "7KM2QXTR4WN" read "KS-261124-7KM2QXTR4WN".
pub fn compose(prefix: &str, yymmdd: &str, random: &str) -> String {
    format!("{prefix}-{yymmdd}-{random}")
}

/// Whether a code (as normalised: capitals, no spaces) has a random part too long to guess:
/// at least `RANDOM_LETTERS` letters of the alphabet after its last dash.
pub fn unguessable(code: &str) -> bool {
    code.rsplit_once('-').is_some_and(|(_, random)| {
        random.len() >= RANDOM_LETTERS && random.bytes().all(|b| ALPHABET.contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_code_carries_at_least_fifty_random_bits_and_an_old_one_far_fewer() {
        assert!(random_bits(RANDOM_LETTERS) >= 50.0);
        assert!(random_bits(RANDOM_LETTERS - 1) < 50.0, "no letter wasted");
        assert!(random_bits(6) < 30.0);
    }

    #[test]
    fn only_codes_with_a_long_random_part_open_without_the_counted_form() {
        assert!(unguessable(&compose("KS", "261124", "7KM2QXTR4WN")));
        assert!(unguessable("TDHKD-261124-7KM2QXTR4WN"));
        // Issued before: six letters.
        assert!(!unguessable("KS-261124-ABCDEF"));
        // Long, but with letters no random part holds (the sample dossiers' numbers).
        assert!(!unguessable("KS-261124-M00100001XY"));
        assert!(!unguessable("KS-261124-7KM2QXTR4W"));
        assert!(!unguessable("7KM2QXTR4WN7KM2QXTR4WN"));
        assert!(!unguessable(""));
    }
}
