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
        .all(|wanted| all_words.iter().any(|word| *word == wanted))
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

/// The shipped catalog, as data: every procedure file loads and says what a citizen needs.
#[cfg(all(test, feature = "ssr"))]
mod catalog_tests {
    use super::*;
    use crate::catalog::{Catalog, FieldKind, Procedure};
    use std::collections::HashSet;
    use std::path::Path;

    fn shipped() -> Catalog {
        Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("procedures"))
            .unwrap_or_else(|error| panic!("{error}"))
    }

    const EIGHT: [&str; 8] = [
        "khai-sinh",
        "khai-tu",
        "ket-hon",
        "dang-ky-ho-kinh-doanh",
        "cap-lai-ho-kinh-doanh",
        "thay-doi-ho-kinh-doanh",
        "cham-dut-ho-kinh-doanh",
        "gia-han-giay-phep-xay-dung",
    ];

    fn procedure<'a>(catalog: &'a Catalog, id: &str) -> &'a Procedure {
        catalog
            .procedure(id)
            .unwrap_or_else(|| panic!("{id} is missing"))
    }

    fn kinds(procedure: &Procedure) -> Vec<FieldKind> {
        procedure
            .steps
            .iter()
            .flat_map(|step| &step.fields)
            .flat_map(|field| std::iter::once(field).chain(&field.items))
            .map(|field| field.kind)
            .collect()
    }

    /// The fields a branch (a step or field shown only for some answers) depends on.
    fn branches(procedure: &Procedure) -> Vec<&str> {
        procedure
            .steps
            .iter()
            .flat_map(|step| {
                step.show_if
                    .iter()
                    .chain(step.fields.iter().flat_map(|f| &f.show_if))
            })
            .map(|condition| condition.field.as_str())
            .collect()
    }

    #[test]
    fn the_eight_procedures_load_with_what_a_citizen_needs_to_know() {
        let catalog = shipped();
        let mut prefixes = HashSet::new();
        for id in EIGHT {
            let p = procedure(&catalog, id);
            assert!(!p.documents.is_empty(), "{id}: documents");
            assert!(!p.fee.trim().is_empty(), "{id}: fee");
            assert!(!p.result.trim().is_empty(), "{id}: result");
            assert!(!p.authority.trim().is_empty(), "{id}: authority");
            assert!(!p.summary.trim().is_empty(), "{id}: summary");
            assert!(!p.life_event.trim().is_empty(), "{id}: life event");
            assert!(!p.office_level.trim().is_empty(), "{id}: office level");
            assert!(!p.keywords.is_empty(), "{id}: keywords");
            assert!(
                p.processing_days > 0 || p.same_day_cutoff().is_some(),
                "{id}: a processing time (days, or same day with a cutoff)"
            );
            assert!(
                p.office_field.is_some(),
                "{id}: the citizen chooses the office"
            );
            assert!(prefixes.insert(p.code_prefix.clone()), "{id}: code prefix");
            assert!(
                p.code_prefix.chars().all(|c| c.is_ascii_uppercase()),
                "{id}: code prefix {}",
                p.code_prefix
            );
        }
    }

    #[test]
    fn statutory_times_and_fees_follow_the_domain_notes() {
        let catalog = shipped();
        for (id, days) in [
            ("khai-tu", 0),
            ("ket-hon", 0),
            ("dang-ky-ho-kinh-doanh", 3),
            ("cap-lai-ho-kinh-doanh", 3),
            ("thay-doi-ho-kinh-doanh", 3),
            ("cham-dut-ho-kinh-doanh", 3),
            ("gia-han-giay-phep-xay-dung", 5),
        ] {
            assert_eq!(procedure(&catalog, id).processing_days, days, "{id}");
        }
        for id in ["ket-hon", "cham-dut-ho-kinh-doanh"] {
            assert_eq!(procedure(&catalog, id).fee, "Miễn phí", "{id}");
        }
    }

    #[test]
    fn branches_where_the_domain_notes_describe_them() {
        let catalog = shipped();
        for (id, field) in [
            ("khai-sinh", "cha-xac-dinh"),
            ("khai-tu", "ban-sao"),
            ("ket-hon", "nu-da-ket-hon"),
            ("ket-hon", "nam-da-ket-hon"),
            ("dang-ky-ho-kinh-doanh", "ho-gia-dinh"),
            ("dang-ky-ho-kinh-doanh", "nguoi-nop-la-chu-ho"),
            ("cap-lai-ho-kinh-doanh", "ly-do"),
            ("thay-doi-ho-kinh-doanh", "doi-chu-ho"),
            ("thay-doi-ho-kinh-doanh", "doi-dia-chi"),
            ("thay-doi-ho-kinh-doanh", "doi-nganh"),
            ("thay-doi-ho-kinh-doanh", "doi-von"),
            ("cham-dut-ho-kinh-doanh", "ho-gia-dinh"),
            ("gia-han-giay-phep-xay-dung", "cdt-loai"),
        ] {
            assert!(
                branches(procedure(&catalog, id)).contains(&field),
                "{id} branches on {field}"
            );
        }
    }

    #[test]
    fn the_kinds_each_procedure_needs() {
        use FieldKind::*;
        let catalog = shipped();
        for (id, needed) in [
            ("khai-tu", vec![DateTime, IdNumber, Select, YesNo, Number]),
            ("ket-hon", vec![Phone, Email, Date, IdNumber, Undertaking]),
            (
                "dang-ky-ho-kinh-doanh",
                vec![Address, Group, Money, IdNumber, YesNo, LongText],
            ),
            ("cap-lai-ho-kinh-doanh", vec![Choice, IdNumber, LongText]),
            ("thay-doi-ho-kinh-doanh", vec![Address, Group, Money, YesNo]),
            ("cham-dut-ho-kinh-doanh", vec![Date, LongText, Undertaking]),
            (
                "gia-han-giay-phep-xay-dung",
                vec![Address, LongText, Number, Undertaking],
            ),
        ] {
            let has = kinds(procedure(&catalog, id));
            for kind in needed {
                assert!(has.contains(&kind), "{id} needs a {kind:?} field");
            }
        }
    }

    #[test]
    fn ages_and_id_checks_of_the_people_in_the_forms() {
        let catalog = shipped();
        let marriage = procedure(&catalog, "ket-hon");
        assert_eq!(marriage.field("nu-ngay-sinh").unwrap().min_age, Some(18));
        assert_eq!(marriage.field("nam-ngay-sinh").unwrap().min_age, Some(20));
        for (id, field, birth, sex) in [
            ("ket-hon", "nu-so-dinh-danh", "nu-ngay-sinh", None),
            ("ket-hon", "nam-so-dinh-danh", "nam-ngay-sinh", None),
            (
                "dang-ky-ho-kinh-doanh",
                "chu-so-dinh-danh",
                "chu-ngay-sinh",
                Some("chu-gioi-tinh"),
            ),
            (
                "khai-tu",
                "nm-so-dinh-danh",
                "nm-ngay-sinh",
                Some("nm-gioi-tinh"),
            ),
        ] {
            let check = procedure(&catalog, id)
                .field(field)
                .and_then(|f| f.id_check.clone())
                .unwrap_or_else(|| panic!("{id}: {field} has an id_check"));
            assert_eq!(check.birth, birth, "{id}: {field}");
            assert_eq!(check.sex.as_deref(), sex, "{id}: {field}");
        }
        let owner = procedure(&catalog, "dang-ky-ho-kinh-doanh");
        assert_eq!(owner.field("chu-ngay-sinh").unwrap().min_age, Some(18));
        let lines = owner.field("nganh-nghe").unwrap();
        assert!(lines.main_item);
        assert!(lines.items.iter().any(|item| item.digits == Some(4)));
    }

    #[test]
    fn ids_are_kebab_case_without_diacritics_and_attachments_stay_optional() {
        let catalog = shipped();
        let kebab = |id: &str| {
            !id.is_empty()
                && !id.starts_with('-')
                && !id.ends_with('-')
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        for p in catalog.procedures() {
            let mut attachments = 0;
            for step in &p.steps {
                assert!(kebab(&step.id), "{}: step {}", p.id, step.id);
                for field in step
                    .fields
                    .iter()
                    .chain(step.fields.iter().flat_map(|f| &f.items))
                {
                    assert!(kebab(&field.id), "{}: field {}", p.id, field.id);
                    assert!(!field.noun.trim().is_empty(), "{}: {} noun", p.id, field.id);
                    if field.kind == FieldKind::Attachment {
                        attachments += 1;
                        assert!(!field.required, "{}: {} optional for now", p.id, field.id);
                    }
                }
            }
            assert!(attachments <= 1, "{}: at most one attachment", p.id);
        }
    }

    fn find(catalog: &Catalog, query: &str) -> Vec<String> {
        let procedures = catalog.procedures();
        search(query, procedures, |p: &Procedure| {
            [p.name.clone(), p.summary.clone(), p.life_event.clone()]
                .into_iter()
                .chain(p.keywords.iter().cloned())
                .collect::<Vec<_>>()
        })
        .into_iter()
        .map(|i| procedures[i].id.clone())
        .collect()
    }

    #[test]
    fn citizens_find_the_procedure_in_their_own_words() {
        let catalog = shipped();
        for query in ["ket hon", "KẾT HÔN", "kethon", "lấy vợ", "cuoi"] {
            assert_eq!(find(&catalog, query), vec!["ket-hon"], "{query}");
        }
        for (query, id) in [
            ("giấy chứng tử", "khai-tu"),
            ("khai tu", "khai-tu"),
            ("giay khai sinh", "khai-sinh"),
            ("gia han giay phep xay dung", "gia-han-giay-phep-xay-dung"),
            ("xây nhà", "gia-han-giay-phep-xay-dung"),
            ("đóng quán", "cham-dut-ho-kinh-doanh"),
            ("mất giấy phép kinh doanh", "cap-lai-ho-kinh-doanh"),
            ("đổi chủ hộ", "thay-doi-ho-kinh-doanh"),
        ] {
            assert_eq!(find(&catalog, query), vec![id.to_string()], "{query}");
        }
        let business = find(&catalog, "ho kinh doanh");
        assert_eq!(business.len(), 4, "{business:?}");
        assert!(find(&catalog, "hộ chiếu").is_empty());
    }
}
