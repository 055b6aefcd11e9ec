//! Properties of the rules that read what citizens type: whatever arrives, they answer (never
//! panic), and what they accept is what the rules promise. Bounded to run in seconds.

mod common;
use common::VI;

// The rules' words, from the app's translation files.
rust_i18n::i18n!("../app/locales", fallback = "vi");

use chrono::{Datelike, NaiveDate};
use domain::dates::{parse_date, parse_year};
use domain::kinds::date::PARTS;
use domain::procedure::{Answers, Field, FieldKind};
use domain::resume_code::{ALPHABET, LENGTH, grouped, normalise};
use domain::validate::check_field;
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// Anything a box can hold: any text, or text close to what people type.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ 0-9]{0,6}",
        "[0-9]{1,4}",
        "[+0-9 .\\-]{0,16}",
        "[ \\-a-zA-Z0-9]{0,20}",
    ]
}

fn field(kind: FieldKind) -> Field {
    Field {
        id: "f".into(),
        label: "F".into(),
        noun: "câu trả lời".into(),
        hint: None,
        kind,
        required: true,
        max_len: None,
        min: Some(1),
        max: Some(10),
        not_future: true,
        options: vec!["Nam".into(), "Nữ".into()],
        options_list: None,
        default: None,
        ..Default::default()
    }
}

const KINDS: [FieldKind; 10] = [
    FieldKind::Text,
    FieldKind::Name,
    FieldKind::Date,
    FieldKind::Year,
    FieldKind::Choice,
    FieldKind::Select,
    FieldKind::YesNo,
    FieldKind::Number,
    FieldKind::Phone,
    FieldKind::IdNumber,
];

fn answers(field: &Field, values: &[String]) -> Answers {
    field
        .inputs()
        .into_iter()
        .zip(values.iter().cloned())
        .collect()
}

/// The answer to a field of one input.
fn answer(field: &Field, text: &str) -> Answers {
    answers(field, &[text.to_string()])
}

/// Inserts spaces, dots or dashes between characters, as people write numbers down.
fn spaced(text: &str, gaps: &[u8]) -> String {
    text.chars()
        .zip(gaps.iter().cycle())
        .map(|(c, gap)| match gap % 4 {
            0 => format!("{c} "),
            1 => format!("{c}."),
            2 => format!("{c}-"),
            _ => c.to_string(),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_date_is_accepted_only_when_it_exists_and_is_in_range(
        day in typed(), month in typed(), year in typed(), not_future in any::<bool>()
    ) {
        if let Ok(date) = parse_date(&day, &month, &year, today(), not_future) {
            prop_assert!(date.year() >= 1900);
            prop_assert!(!not_future || date <= today());
            prop_assert_eq!(day.trim().parse::<u32>().ok(), Some(date.day()));
            prop_assert_eq!(month.trim().parse::<u32>().ok(), Some(date.month()));
            prop_assert_eq!(year.trim().len(), 4);
        }
    }

    #[test]
    fn every_real_date_reads_back_however_it_is_padded(
        days_ago in 0i64..(126 * 365), zero_day in any::<bool>(), spaces in 0usize..3
    ) {
        let date = today() - chrono::Duration::days(days_ago);
        let pad = " ".repeat(spaces);
        let day = if zero_day { format!("{:02}", date.day()) } else { date.day().to_string() };
        let month = format!("{pad}{}{pad}", date.month());
        prop_assert_eq!(
            parse_date(&day, &month, &date.year().to_string(), today(), true),
            Ok(date)
        );
    }

    #[test]
    fn a_year_is_four_digits_from_1900(text in typed(), not_future in any::<bool>()) {
        if let Ok(year) = parse_year(&text, today(), not_future) {
            prop_assert!(year >= 1900);
            prop_assert!(!not_future || year <= today().year());
            prop_assert_eq!(text.trim().len(), 4);
        }
    }

    #[test]
    fn every_year_since_1900_reads_back(year in 1900i32..=2026) {
        prop_assert_eq!(parse_year(&format!(" {year} "), today(), true), Ok(year));
    }

    #[test]
    fn a_normalised_resume_code_is_always_a_valid_code(text in typed()) {
        if let Ok(code) = normalise(&text) {
            prop_assert_eq!(code.len(), LENGTH);
            prop_assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
            prop_assert_eq!(normalise(&code), Ok(code));
        }
    }

    #[test]
    fn a_code_reads_back_however_it_is_typed(
        letters in proptest::collection::vec(0..ALPHABET.len(), LENGTH),
        gaps in proptest::collection::vec(any::<u8>(), 1..8),
        lower in any::<bool>()
    ) {
        let code: String = letters.iter().map(|&i| ALPHABET[i] as char).collect();
        let mut typed = spaced(&grouped(&code), &gaps);
        if lower {
            typed = typed.to_lowercase();
        }
        prop_assert_eq!(normalise(&typed), Ok(code));
    }

    #[test]
    fn every_kind_of_field_answers_anything_with_an_error_it_can_point_at(
        kind in proptest::sample::select(KINDS.to_vec()),
        values in proptest::collection::vec(typed(), PARTS.len()),
        required in any::<bool>()
    ) {
        let mut field = field(kind);
        field.required = required;
        if let Err(error) = check_field(&field, &answers(&field, &values), today(), &VI) {
            prop_assert_eq!(&error.field, &field.id);
            prop_assert!(field.inputs().contains(&error.input));
            prop_assert!(!error.message.is_empty());
        }
    }

    #[test]
    fn an_accepted_phone_number_is_a_mobile_or_a_landline(text in typed()) {
        let phone = field(FieldKind::Phone);
        if check_field(&phone, &answer(&phone, &text), today(), &VI).is_ok() {
            let digits: String = text.chars().filter(|c| !" .-".contains(*c)).collect();
            let digits = digits.trim();
            let national = digits
                .strip_prefix("+84")
                .or_else(|| (digits.len() == 11).then(|| digits.strip_prefix("84")).flatten())
                .map(|rest| format!("0{rest}"))
                .unwrap_or_else(|| digits.to_string());
            // A mobile (10 digits from 0) or a landline (11 digits from 02).
            let mobile = national.len() == 10 && national.starts_with('0');
            let landline = national.len() == 11 && national.starts_with("02");
            prop_assert!(mobile || landline, "{:?}", text);
            prop_assert!(national.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn a_mobile_number_is_accepted_however_it_is_written(
        rest in "[0-9]{9}", gaps in proptest::collection::vec(any::<u8>(), 1..6), international in any::<bool>()
    ) {
        let phone = field(FieldKind::Phone);
        let number = if international { format!("+84{rest}") } else { format!("0{rest}") };
        let typed = spaced(&number, &gaps);
        prop_assert!(check_field(&phone, &answer(&phone, &typed), today(), &VI).is_ok(), "{:?}", typed);
    }

    #[test]
    fn an_accepted_id_number_is_nine_or_twelve_digits(text in typed()) {
        let id = field(FieldKind::IdNumber);
        if check_field(&id, &answer(&id, &text), today(), &VI).is_ok() {
            let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert!(matches!(digits.len(), 9 | 12), "{:?}", text);
            prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn an_id_number_with_spaces_is_accepted(digits in prop_oneof![
        (proptest::sample::select(domain::id_number::PROVINCES.map(|(code, _)| code).to_vec()), "[0-9]{9}")
            .prop_map(|(province, rest)| format!("{province:03}{rest}")),
        "[0-9]{9}",
    ], spaces in proptest::collection::vec(0usize..3, 12)) {
        // 12 digits start with one of the 63 province codes; 9-digit cards where the form allows them.
        let id = Field { allow_legacy: true, ..field(FieldKind::IdNumber) };
        let typed: String = digits
            .chars()
            .zip(spaces.iter())
            .map(|(c, n)| format!("{c}{}", " ".repeat(*n)))
            .collect();
        prop_assert!(check_field(&id, &answer(&id, &typed), today(), &VI).is_ok(), "{:?}", typed);
    }

    #[test]
    fn an_accepted_answer_is_never_longer_than_its_limit(text in "\\PC{0,260}", kind in proptest::sample::select(vec![FieldKind::Text, FieldKind::Name])) {
        let field = field(kind);
        if check_field(&field, &answer(&field, &text), today(), &VI).is_ok() {
            let limit = if kind == FieldKind::Name { 100 } else { 200 };
            prop_assert!(text.trim().chars().count() <= limit);
        }
    }
}
