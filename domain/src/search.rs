//! Finding a procedure the way citizens type: with or without Vietnamese diacritics, in any case,
//! with or without spaces. "ket hon", "KẾT HÔN" and "kethon" all find "Đăng ký kết hôn".

/// Vietnamese (and a few other) letters with diacritics, grouped by the letter they fold to.
const FOLDS: [(&str, char); 7] = [
    ("àáảãạăằắẳẵặâầấẩẫậäåā", 'a'),
    ("èéẻẽẹêềếểễệëēĕ", 'e'),
    ("ìíỉĩịïīĭ", 'i'),
    ("òóỏõọôồốổỗộơờớởỡợöōŏ", 'o'),
    ("ùúủũụưừứửữựüūŭ", 'u'),
    ("ỳýỷỹỵÿ", 'y'),
    ("đ", 'd'),
];

/// One lower-case letter without its diacritics; combining marks (typed on some keyboards
/// after the letter) fold to nothing.
fn fold_char(c: char) -> Option<char> {
    if ('\u{0300}'..='\u{036f}').contains(&c) {
        return None;
    }
    Some(
        FOLDS
            .iter()
            .find(|(letters, _)| letters.contains(c))
            .map(|(_, base)| *base)
            .unwrap_or(c),
    )
}

/// The words of a text, lower case, without diacritics, punctuation dropped: "Kết hôn!" reads
/// ["ket", "hon"].
pub fn fold_words(text: &str) -> Vec<String> {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(fold_char)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// A text without its diacritics, case and spacing kept: "Đăng ký" reads "Dang ky" (SMS).
pub fn without_diacritics(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let folded = fold_char(lower)?;
            Some(if c.is_uppercase() {
                folded.to_ascii_uppercase()
            } else {
                folded
            })
        })
        .collect()
}

/// A text as search compares it: lower case, no diacritics, no spaces or punctuation.
pub fn fold(text: &str) -> String {
    fold_words(text).concat()
}

/// How well a query matches the texts of one procedure (name, summary, keywords...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// Every word of the query appears somewhere, in any order ("hon ket").
    Words,
    /// The query as typed (spaces aside) appears inside one of the texts ("kethon").
    Phrase,
}

/// Whether a query finds a procedure described by `texts`, and how well. An empty query (or one
/// made only of punctuation) finds nothing: the caller shows the full list instead.
pub fn match_texts<'a>(query: &str, texts: impl IntoIterator<Item = &'a str>) -> Option<Match> {
    let phrase = fold(query);
    if phrase.is_empty() {
        return None;
    }
    let texts: Vec<Vec<String>> = texts.into_iter().map(fold_words).collect();
    if texts.iter().any(|words| words.concat().contains(&phrase)) {
        return Some(Match::Phrase);
    }
    let query_words = fold_words(query);
    let all_words: Vec<&String> = texts.iter().flatten().collect();
    query_words
        .iter()
        .all(|wanted| all_words.contains(&wanted))
        .then_some(Match::Words)
}

/// The positions of the items a query finds. When any item contains the query as a phrase, only
/// those are returned; otherwise the items containing every word of the query.
pub fn search<T, F, I>(query: &str, items: &[T], texts: F) -> Vec<usize>
where
    F: Fn(&T) -> I,
    I: IntoIterator<Item = String>,
{
    let found: Vec<(usize, Match)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let owned: Vec<String> = texts(item).into_iter().collect();
            match_texts(query, owned.iter().map(String::as_str)).map(|how| (i, how))
        })
        .collect();
    let best = found.iter().map(|(_, how)| *how).max();
    found
        .into_iter()
        .filter(|(_, how)| Some(*how) == best)
        .map(|(i, _)| i)
        .collect()
}

/// Whether a query has anything to search for (not blank, not only punctuation).
pub fn is_blank(query: &str) -> bool {
    fold(query).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARRIAGE: [&str; 3] = [
        "Đăng ký kết hôn",
        "Đăng ký kết hôn cho hai người để được cấp Giấy chứng nhận kết hôn.",
        "cưới",
    ];
    const DEATH: [&str; 3] = [
        "Đăng ký khai tử",
        "Báo việc người thân đã qua đời để được cấp Trích lục khai tử.",
        "giấy chứng tử",
    ];

    #[test]
    fn diacritics_case_and_spaces_do_not_matter() {
        for query in [
            "ket hon",
            "KẾT HÔN",
            "kethon",
            "Kết Hôn",
            "  ket   HON ",
            "kết-hôn",
        ] {
            assert_eq!(match_texts(query, MARRIAGE), Some(Match::Phrase), "{query}");
            assert_eq!(match_texts(query, DEATH), None, "{query}");
        }
    }

    #[test]
    fn d_with_stroke_folds_to_d() {
        assert_eq!(fold("Đăng ký ĐẤT đai"), "dangkydatdai");
        assert_eq!(
            match_texts("dang ky ket hon", MARRIAGE),
            Some(Match::Phrase)
        );
        assert_eq!(match_texts("đăng ký", DEATH), Some(Match::Phrase));
    }

    #[test]
    fn combining_marks_typed_separately_are_ignored() {
        // "kết hôn" typed with combining marks (decomposed), as some keyboards send it.
        let decomposed = "ke\u{0302}\u{0301}t ho\u{0302}n";
        assert_eq!(fold(decomposed), "kethon");
        assert_eq!(match_texts(decomposed, MARRIAGE), Some(Match::Phrase));
    }

    #[test]
    fn every_vietnamese_vowel_folds() {
        assert_eq!(
            fold("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ ÈÉẺẼẸÊỀẾỂỄỆ ÌÍỈĨỊ ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ ÙÚỦŨỤƯỪỨỬỮỰ ỲÝỶỸỴ Đ"),
            format!(
                "{}{}{}{}{}{}d",
                "a".repeat(17),
                "e".repeat(11),
                "i".repeat(5),
                "o".repeat(17),
                "u".repeat(11),
                "y".repeat(5)
            )
        );
        assert_eq!(fold("buôn Akŏ Dhŏng"), "buonakodhong");
    }

    #[test]
    fn keywords_and_summaries_are_searched() {
        assert_eq!(match_texts("cuoi", MARRIAGE), Some(Match::Phrase));
        assert_eq!(match_texts("chung tu", DEATH), Some(Match::Phrase));
        assert_eq!(match_texts("qua doi", DEATH), Some(Match::Phrase));
        assert_eq!(match_texts("chung tu", MARRIAGE), None);
    }

    #[test]
    fn words_in_another_order_still_find_it_but_all_must_be_there() {
        assert_eq!(match_texts("hôn kết", MARRIAGE), Some(Match::Words));
        assert_eq!(match_texts("ket hon xay dung", MARRIAGE), None);
        // A word must be whole: "ke" is not "kết".
        assert_eq!(match_texts("hon ke", MARRIAGE), None);
    }

    #[test]
    fn a_blank_query_finds_nothing_and_says_so() {
        assert!(is_blank("  "));
        assert!(is_blank("?!"));
        assert!(!is_blank("a"));
        assert_eq!(match_texts(" - ", MARRIAGE), None);
    }

    #[test]
    fn phrase_matches_come_before_scattered_words() {
        let items = [MARRIAGE.to_vec(), DEATH.to_vec()];
        let texts = |item: &Vec<&str>| item.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        assert_eq!(search("kethon", &items, texts), vec![0]);
        assert_eq!(search("đăng ký", &items, texts), vec![0, 1]);
        assert_eq!(search("khai tu", &items, texts), vec![1]);
        assert_eq!(
            search("giay phep xay dung", &items, texts),
            Vec::<usize>::new()
        );
        assert_eq!(search("", &items, texts), Vec::<usize>::new());
    }
}
