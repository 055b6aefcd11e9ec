//! The reader's preferences: language, text size and high contrast. Each is a cookie, read by the
//! server on every request and applied on `<html>` (lang and classes), so the first paint is
//! already right: no flash of small text, of the wrong language or of low contrast. They are set
//! by a plain form in the header of every page (`PrefsControl`), which works without JavaScript.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use domain::Lang;

/// Body text is 20px at `Normal` (DESIGN.md); the larger sizes scale every rem with it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSize {
    #[default]
    Normal,
    Large,
    Larger,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Normal, TextSize::Large, TextSize::Larger];

    /// The cookie and form value.
    pub fn code(self) -> &'static str {
        match self {
            TextSize::Normal => "thuong",
            TextSize::Large => "lon",
            TextSize::Larger => "rat-lon",
        }
    }

    pub fn parse(text: &str) -> Option<TextSize> {
        TextSize::ALL.into_iter().find(|size| size.code() == text)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    pub lang: Lang,
    pub size: TextSize,
    pub contrast: bool,
}

pub const LANG_COOKIE: &str = "mc_ngon_ngu";
pub const SIZE_COOKIE: &str = "mc_co_chu";
pub const CONTRAST_COOKIE: &str = "mc_tuong_phan";
/// The form value of the high-contrast switch when it turns contrast on.
pub const ON: &str = "bat";
pub const OFF: &str = "tat";

impl Prefs {
    /// The classes of `<html>` (style/main.css keys its tokens on them).
    pub fn html_class(&self) -> String {
        let mut classes = Vec::new();
        if self.size != TextSize::Normal {
            classes.push(format!("co-chu-{}", self.size.code()));
        }
        if self.contrast {
            classes.push("tuong-phan".to_string());
        }
        classes.join(" ")
    }

    /// Reads the three cookies of a request; anything unknown is left at its default.
    pub fn from_cookies<'a>(cookies: impl IntoIterator<Item = (&'a str, &'a str)>) -> Prefs {
        let mut prefs = Prefs::default();
        for (name, value) in cookies {
            match name {
                LANG_COOKIE => prefs.lang = Lang::parse(value).unwrap_or(prefs.lang),
                SIZE_COOKIE => prefs.size = TextSize::parse(value).unwrap_or(prefs.size),
                CONTRAST_COOKIE => prefs.contrast = value == ON,
                _ => {}
            }
        }
        prefs
    }
}

/// The preferences of the request being rendered (the defaults in the browser, where only
/// islands run and get what they need as props).
pub fn current() -> Prefs {
    #[cfg(feature = "ssr")]
    {
        if let Some(prefs) = use_context::<Prefs>() {
            return prefs;
        }
        let prefs = use_context::<http::request::Parts>()
            .map(|parts| server::from_headers(&parts.headers))
            .unwrap_or_default();
        provide_context(prefs);
        prefs
    }
    #[cfg(not(feature = "ssr"))]
    Prefs::default()
}

/// The preferences a request carries, for handlers outside Leptos (downloads, plain responses).
#[cfg(feature = "ssr")]
pub fn of_request(headers: &http::HeaderMap) -> Prefs {
    server::from_headers(headers)
}

/// Runs `check` as a page for an English reader is rendered (tests of texts).
#[cfg(all(test, feature = "ssr"))]
pub fn as_english_reader<T>(check: impl FnOnce() -> T) -> T {
    Owner::new().with(|| {
        provide_context(Prefs {
            lang: Lang::En,
            ..Default::default()
        });
        check()
    })
}

/// The page language of the request being rendered.
pub fn lang() -> Lang {
    current().lang
}

/// Only paths of this site are followed after a change of preference (no open redirect).
pub fn safe_back(path: &str) -> &str {
    crate::paths::local_path(path).unwrap_or("/")
}

/// Changes one preference, remembers it for a year, and goes back to the page the form was on.
#[server(endpoint = "tuy-chon")]
pub async fn set_preferences(
    #[server(default)] ve: String,
    #[server(default)] ngon_ngu: Option<String>,
    #[server(default)] co_chu: Option<String>,
    #[server(default)] tuong_phan: Option<String>,
) -> Result<(), ServerFnError> {
    let secure = use_context::<crate::state::AppState>().is_some_and(|state| state.secure_cookies);
    if let Some(lang) = ngon_ngu.as_deref().and_then(Lang::parse) {
        server::remember(LANG_COOKIE, lang.code(), secure);
    }
    if let Some(size) = co_chu.as_deref().and_then(TextSize::parse) {
        server::remember(SIZE_COOKIE, size.code(), secure);
    }
    match tuong_phan.as_deref() {
        Some(ON) => server::remember(CONTRAST_COOKIE, ON, secure),
        Some(OFF) => server::remember(CONTRAST_COOKIE, OFF, secure),
        _ => {}
    }
    leptos_axum::redirect(safe_back(&ve));
    Ok(())
}

#[cfg(feature = "ssr")]
mod server {
    use super::Prefs;
    use crate::cookies::{self, Lifetime};
    use axum::http::HeaderMap;
    use cookie::SameSite;

    /// A year: a preference is about the reader, not about one dossier.
    const MAX_AGE_DAYS: i64 = 365;

    pub fn from_headers(headers: &HeaderMap) -> Prefs {
        let cookies = cookies::all_in(headers);
        Prefs::from_cookies(
            cookies
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        )
    }

    pub fn remember(name: &'static str, value: &'static str, secure: bool) {
        let lifetime = Lifetime::Days(MAX_AGE_DAYS);
        cookies::set(name, value, lifetime, SameSite::Lax, secure);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_cookie_is_vietnamese_normal_size_normal_contrast() {
        let prefs = Prefs::from_cookies([]);
        assert_eq!(prefs, Prefs::default());
        assert_eq!(prefs.lang, Lang::Vi);
        assert_eq!(prefs.html_class(), "");
    }

    #[test]
    fn cookies_set_the_classes_of_the_page() {
        let prefs = Prefs::from_cookies([
            ("mc_ho_so", "x"),
            (LANG_COOKIE, "en"),
            (SIZE_COOKIE, "rat-lon"),
            (CONTRAST_COOKIE, ON),
        ]);
        assert_eq!(prefs.lang, Lang::En);
        assert_eq!(prefs.html_class(), "co-chu-rat-lon tuong-phan");
    }

    #[test]
    fn unknown_values_keep_the_defaults() {
        let prefs = Prefs::from_cookies([
            (LANG_COOKIE, "fr"),
            (SIZE_COOKIE, "huge"),
            (CONTRAST_COOKIE, "yes"),
        ]);
        assert_eq!(prefs, Prefs::default());
    }

    #[test]
    fn only_local_paths_are_followed_back() {
        assert_eq!(safe_back("/ho-so/buoc/x?loi=1"), "/ho-so/buoc/x?loi=1");
        assert_eq!(safe_back("//evil.example/"), "/");
        assert_eq!(safe_back("/\\evil.example"), "/");
        assert_eq!(safe_back("https://evil.example/"), "/");
        assert_eq!(safe_back(""), "/");
        assert_eq!(safe_back("/a\r\nSet-Cookie: x"), "/");
    }
}

#[cfg(test)]
mod translations {
    /// Every key of every translation file has a Vietnamese and an English text (rust-i18n would
    /// silently fall back to Vietnamese on an English page), and no key is in two files (one
    /// would silently win).
    #[test]
    fn every_text_has_both_languages() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
        let mut seen = std::collections::HashMap::new();
        for entry in std::fs::read_dir(dir).expect("the locales folder") {
            let path = entry.expect("a locales entry").path();
            if path.extension().is_none_or(|ext| ext != "yml") {
                continue;
            }
            let file = std::fs::read_to_string(&path).expect("a readable translation file");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            for key in keys_with_both_languages(&file, &name) {
                if let Some(other) = seen.insert(key.clone(), name.clone()) {
                    panic!("{key} is in both {other} and {name}");
                }
            }
        }
        assert!(seen.len() > 100, "only {} keys read", seen.len());
    }

    fn keys_with_both_languages(file: &str, name: &str) -> Vec<String> {
        let mut keys = Vec::new();
        let mut current: Option<(&str, bool, bool)> = None;
        let check = |entry: Option<(&str, bool, bool)>| {
            if let Some((key, vi, en)) = entry {
                assert!(
                    vi && en,
                    "{name}: {key} lacks {}",
                    if vi { "en" } else { "vi" }
                );
            }
        };
        for line in file.lines() {
            if line.starts_with('#') || line.starts_with("_version") || line.trim().is_empty() {
                continue;
            }
            if let Some(key) = line.strip_suffix(':').filter(|_| !line.starts_with(' ')) {
                check(current.take());
                current = Some((key, false, false));
                keys.push(key.to_string());
            } else if let Some((_, vi, en)) = current.as_mut() {
                let text = line.trim_start();
                let filled = |prefix: &str| {
                    text.strip_prefix(prefix)
                        .is_some_and(|rest| !rest.trim().trim_matches('"').is_empty())
                };
                *vi |= filled("vi:");
                *en |= filled("en:");
            }
        }
        check(current);
        keys
    }

    /// Files whose Vietnamese is data, not interface: folding tables for search, demo and
    /// generated dossiers, and the SMS and email texts, which are Vietnamese whoever reads them.
    const VIETNAMESE_DATA: &[&str] = &[
        "filing/demo.rs",
        "staff/demo.rs",
        "backoffice/seed.rs",
        "dossiers/messages.rs",
    ];
    /// Not interface text: the product's name (marked `lang="vi"` where it is shown), answer
    /// values of the procedure files that rules read, and the money units people type.
    const NAMES: &[&str] = &["Một Cửa", "Nữ", "đồng", "đ", "vnđ"];

    /// Every text a reader sees comes from the translation files: a string literal with
    /// Vietnamese letters in the code (tests and comments aside) is a text that would stay
    /// Vietnamese on an English page.
    #[test]
    fn no_interface_text_is_written_in_the_code() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("a source folder") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let name = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                // Test modules of their own (`tests.rs`, `*_tests.rs`) are tests, like `mod tests`.
                let test_file = name.ends_with("/tests.rs") || name.ends_with("_tests.rs");
                if !name.ends_with(".rs") || test_file || VIETNAMESE_DATA.contains(&name.as_str()) {
                    continue;
                }
                let code = std::fs::read_to_string(&path).expect("a source file");
                for (line, literal) in string_literals(&code) {
                    let vietnamese = literal.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
                    if vietnamese && !NAMES.contains(&literal.as_str()) {
                        found.push(format!("{name}:{line}: {literal:?}"));
                    }
                }
            }
        }
        found.sort();
        assert!(
            found.is_empty(),
            "texts to move into app/locales:\n{}",
            found.join("\n")
        );
    }

    /// The string literals of Rust code before its test modules, with their line numbers;
    /// comments are skipped.
    fn string_literals(code: &str) -> Vec<(usize, String)> {
        let code = match code.find("\n#[cfg(test)]\nmod ") {
            Some(end) => &code[..end],
            None => code,
        };
        let mut literals = Vec::new();
        let mut chars = code.chars().peekable();
        let mut line = 1;
        while let Some(c) = chars.next() {
            match c {
                '\n' => line += 1,
                '/' if chars.peek() == Some(&'/') => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            line += 1;
                            break;
                        }
                    }
                }
                // A character literal such as '"' is not the start of a string.
                '\'' => {
                    let rest: String = chars.clone().take(3).collect();
                    if rest.starts_with("\"'") {
                        chars.next();
                    } else if rest.starts_with("\\\"") {
                        chars.next();
                        chars.next();
                    }
                }
                '"' => {
                    let start = line;
                    let mut literal = String::new();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => {
                                if let Some(escaped) = chars.next() {
                                    literal.push(escaped);
                                }
                            }
                            '"' => break,
                            '\n' => {
                                line += 1;
                                literal.push(c);
                            }
                            _ => literal.push(c),
                        }
                    }
                    literals.push((start, literal));
                }
                _ => {}
            }
        }
        literals
    }

    #[test]
    fn the_code_scan_finds_literals_and_skips_comments() {
        let code = "let a = \"Tiếp tục\"; // \"Bỏ qua\"\nlet q = '\"';\nlet b = \"ok\";\n#[cfg(test)]\nmod tests { \"Có\" }";
        assert_eq!(
            string_literals(code),
            vec![(1, "Tiếp tục".to_string()), (3, "ok".to_string())]
        );
    }

    #[test]
    fn texts_follow_the_language_of_the_page() {
        assert_eq!(rust_i18n::t!("step.continue", locale = "vi"), "Tiếp tục");
        assert_eq!(rust_i18n::t!("step.continue", locale = "en"), "Continue");
    }
}
