//! Names, numbers, money, phone numbers and e-mail addresses as people type them.

use super::*;

pub(super) fn parse_whole_number(value: &str) -> Option<i64> {
    without_spaces(value).replace('.', "").parse::<i64>().ok()
}

/// "50.000.000", "50 000 000 đ", "50,000,000 VND" all mean fifty million đồng.
pub fn parse_money(value: &str) -> Option<i64> {
    let lower = value.trim().to_lowercase();
    let number = ["đồng", "đ", "vnđ", "vnd"]
        .iter()
        .find_map(|unit| lower.strip_suffix(unit))
        .unwrap_or(&lower);
    let digits: String = number
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | ','))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 15 {
        return None;
    }
    digits.parse().ok()
}

/// 50000000 reads "50.000.000".
pub fn thousands(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 { format!("-{out}") } else { out }
}

pub(super) fn email_problem(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return true;
    };
    local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || value.chars().any(char::is_whitespace)
}

/// The key of what is wrong with a name, if anything.
pub(super) fn name_problem(value: &str) -> Option<&'static str> {
    if value.chars().any(|c| c.is_ascii_digit()) {
        return Some("rule.name_digits");
    }
    let allowed = |c: char| c.is_alphabetic() || c == ' ' || c == '\'' || c == '-' || c == '.';
    (!value.chars().all(allowed)).then_some("rule.name_letters")
}

pub(super) fn number_problem(
    field: &Field,
    value: &str,
    number: Option<i64>,
    t: &dyn Texts,
) -> Option<String> {
    let noun = sentence(&field.noun);
    let Some(number) = number else {
        return Some(t.text("rule.number", &[("noun", &noun), ("value", value)]));
    };
    let shown = |n: i64| {
        if field.kind == FieldKind::Money {
            t.text("rule.money_amount", &[("amount", &thousands(n))])
        } else {
            n.to_string()
        }
    };
    match (field.min, field.max) {
        (Some(min), Some(max)) if number < min || number > max => Some(t.text(
            "rule.number_between",
            &[("noun", &noun), ("min", &shown(min)), ("max", &shown(max))],
        )),
        (Some(min), None) if number < min => {
            Some(t.text("rule.number_min", &[("noun", &noun), ("min", &shown(min))]))
        }
        (None, Some(max)) if number > max => {
            Some(t.text("rule.number_max", &[("noun", &noun), ("max", &shown(max))]))
        }
        _ => None,
    }
}

/// Vietnamese mobile numbers: 0 and nine digits, or +84 / 84 and nine digits.
pub(super) fn phone_problem(value: &str) -> bool {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("+84") {
        format!("0{rest}")
    } else if digits.len() == 11 && digits.starts_with("84") {
        format!("0{}", &digits[2..])
    } else {
        digits
    };
    let digits_only = national.chars().all(|c| c.is_ascii_digit());
    // Mobiles have 10 digits; landlines 11, starting 02 (0262 for Đắk Lắk).
    let mobile = national.len() == 10 && national.starts_with('0');
    let landline = national.len() == 11 && national.starts_with("02");
    !(digits_only && (mobile || landline))
}

pub(super) fn without_spaces(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The noun phrase at the start of a sentence.
pub(super) fn sentence(noun: &str) -> String {
    let mut chars = noun.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An attachment answer is `id/file name`; the citizen sees the file name.
pub fn attachment_name(answer: &str) -> String {
    answer
        .split_once('/')
        .map(|(_, name)| name.to_string())
        .unwrap_or_default()
}

/// "nguyễn văn an" reads "Nguyễn Văn An"; Vietnamese letters stay as typed.
pub fn capitalise_words(name: &str) -> String {
    name.split_whitespace()
        .map(sentence)
        .collect::<Vec<_>>()
        .join(" ")
}
