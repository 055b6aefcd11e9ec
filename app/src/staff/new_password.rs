//! What a new staff password must be (ASVS 2.1.1 and 2.1.7): 12 characters or more, at most 200,
//! and not one of the passwords people pick most often.

/// The shortest password an account may have.
pub const MIN_PASSWORD_CHARS: usize = 12;
const MAX_PASSWORD_CHARS: usize = 200;

/// Why a new password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    Short,
    Long,
    /// In the list of common passwords, or a few characters repeated.
    Common,
}

impl PasswordProblem {
    /// The code that carries it in a page address (`?loi=…`).
    pub fn code(self) -> &'static str {
        match self {
            PasswordProblem::Short => "mat-khau",
            PasswordProblem::Long => "mat-khau-dai",
            PasswordProblem::Common => "mat-khau-pho-bien",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Short, Self::Long, Self::Common]
            .into_iter()
            .find(|problem| problem.code() == code)
    }

    /// What to do, in the language of the page.
    pub fn message(self) -> String {
        match self {
            PasswordProblem::Short => {
                crate::tr!("staff.password.short", min = MIN_PASSWORD_CHARS)
            }
            PasswordProblem::Long => crate::tr!("staff.password.long"),
            PasswordProblem::Common => crate::tr!("staff.password.common"),
        }
    }
}

/// Passwords of 12 characters or more seen most in leaked lists, and their Vietnamese
/// counterparts, as `domain::search::fold` writes them (lower case, no diacritics, no spaces or
/// punctuation). Shorter ones are refused for their length already.
#[rustfmt::skip]
const COMMON: &[&str] = &[
    "123456789012", "1234567890123", "12345678901234", "123456789123", "123456123456",
    "123123123123", "111222333444", "147258369147", "098765432109", "987654321098",
    "1234567890qwe", "1234567890abc", "123456789abc", "abc123456789", "abcd12345678",
    "abcdefghijkl", "abcdefgh1234", "qwertyuiop12", "qwertyuiop123", "qwertyuiop1234",
    "qwertyuiopasdf", "qwertyuiopasdfghjkl", "qwerty123456", "qwerty1234567", "qwertyqwerty",
    "asdfghjkl123", "asdfghjkl1234", "asdfasdfasdf", "zxcvbnm123456", "1qaz2wsx3edc",
    "1qaz2wsx3edc4rfv", "zaq12wsxcde3", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u8i", "q1w2e3r4t5y6",
    "password1234", "password12345", "password123456", "passwordpassword", "password1234567",
    "mypassword123", "changeme1234", "administrator", "administrator1", "admin1234567",
    "admin123456789", "adminadmin123", "welcome12345", "welcome123456", "letmein12345",
    "iloveyou1234", "iloveyou12345", "iloveyouiloveyou", "trustno1trustno1", "football1234",
    "baseball1234", "superman1234", "sunshine1234", "princess1234", "starwars1234",
    "qazwsxedcrfv", "monkeymonkey", "dragon123456", "master123456", "computer1234",
    "internet1234", "googlegoogle", "facebook1234", "whatever1234", "0123456789ab",
    "matkhau12345", "matkhau123456", "matkhau1234567", "matkhaumoi123", "matkhaucuatoi",
    "matkhaumatkhau", "anhyeuem1234", "anhyeuem123456", "emyeuanh1234", "emyeuanh123456",
    "anhyeuemnhieu", "yeuemnhieulam", "vietnam123456", "vietnamvodich", "hanoi1234567",
    "saigon123456", "hochiminh1234", "motcua123456", "motcua2026123", "ubndphuong123",
    "canbo1234567", "quantri123456", "quantrivien123", "xinchao123456",
];

/// Whether a new password is too weak, and why.
pub fn password_problem(password: &str) -> Option<PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Some(PasswordProblem::Short);
    }
    if chars > MAX_PASSWORD_CHARS {
        return Some(PasswordProblem::Long);
    }
    let folded = domain::search::fold(password);
    let mut distinct: Vec<char> = folded.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    // "aaaaaaaaaaaa", "abababababab", "!!!!!!!!!!!!" (which folds to nothing).
    if distinct.len() < 4 || COMMON.contains(&folded.as_str()) {
        return Some(PasswordProblem::Common);
    }
    None
}

pub fn check_new_password(password: &str) -> Result<(), String> {
    password_problem(password).map_or(Ok(()), |problem| Err(problem.message()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(
            check_new_password("ngắn").unwrap_err(),
            "Mật khẩu cần ít nhất 12 ký tự. Một câu ngắn dễ nhớ là mật khẩu tốt."
        );
        // Eleven characters: the old minimum of 10 let it through.
        assert_eq!(
            password_problem("mười một kt"),
            Some(PasswordProblem::Short)
        );
        assert_eq!(password_problem("một câu đủ dài"), None);
        assert_eq!(password_problem("e2e mật khẩu dài"), None);
        assert_eq!(
            password_problem(&"a".repeat(201)),
            Some(PasswordProblem::Long)
        );
    }

    #[test]
    fn common_passwords_are_refused_however_they_are_written() {
        for common in [
            "password1234",
            "Password 1234",
            "123456789012",
            "Mật khẩu 123456",
            "anh yêu em 123456",
            "QWERTYUIOP123",
            "aaaaaaaaaaaa",
            "abababababab",
            "!!!!!!!!!!!!",
        ] {
            assert_eq!(
                password_problem(common),
                Some(PasswordProblem::Common),
                "{common}"
            );
        }
        assert!(
            COMMON
                .iter()
                .all(|p| p.chars().count() >= MIN_PASSWORD_CHARS && domain::search::fold(p) == *p)
        );
    }

    #[test]
    fn every_problem_has_a_code_and_both_languages() {
        for problem in [
            PasswordProblem::Short,
            PasswordProblem::Long,
            PasswordProblem::Common,
        ] {
            assert_eq!(PasswordProblem::from_code(problem.code()), Some(problem));
        }
        assert_eq!(
            rust_i18n::t!("staff.password.common", locale = "en"),
            "This password is one of the most common ones, which others try first. Choose another: a short sentence only you would say."
        );
    }
}
