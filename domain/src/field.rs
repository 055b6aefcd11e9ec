//! A field of a procedure and what the citizen answers: the data every kind of field reads.
//! It sits below the procedure model and the kinds (`kinds`), so both can use it without
//! importing each other.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a citizen has typed so far, keyed by input name (a date field has three inputs).
pub type Answers = BTreeMap<String, String>;

/// A step is shown only when an earlier answer has a given value (`equals`), or any one of
/// several values (`one_of`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub field: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub equals: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<String>,
}

impl Condition {
    /// The answers that satisfy the condition.
    pub fn values(&self) -> Vec<&str> {
        if self.one_of.is_empty() {
            vec![self.equals.as_str()]
        } else {
            self.one_of.iter().map(String::as_str).collect()
        }
    }

    pub fn holds(&self, answers: &Answers) -> bool {
        answers
            .get(&self.field)
            .is_some_and(|answer| self.values().contains(&answer.as_str()))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub id: String,
    pub label: String,
    /// A short noun phrase used in error messages and change links ("ngày sinh của trẻ").
    pub noun: String,
    #[serde(default)]
    pub hint: Option<String>,
    pub kind: FieldKind,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default)]
    pub max_len: Option<usize>,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    /// Dates and years: refuse dates after today.
    #[serde(default)]
    pub not_future: bool,
    /// Options of a choice or select field (the stored answer is the option text).
    #[serde(default)]
    pub options: Vec<String>,
    /// Name of a shared list (`lists.toml`) to take the options from, resolved at load time.
    #[serde(default, skip_serializing)]
    pub options_list: Option<String>,
    /// Pre-filled answer, e.g. "Việt Nam" for nationality.
    #[serde(default)]
    pub default: Option<String>,
    /// The field is asked only when an earlier answer (in this step or before) has a value.
    #[serde(default)]
    pub show_if: Option<Condition>,
    /// Dates of birth: the person must be at least this old today (bride 18, groom 20).
    #[serde(default)]
    pub min_age: Option<u32>,
    /// Text made of exactly this many digits (a 4-digit VSIC code, a tax code).
    #[serde(default)]
    pub digits: Option<usize>,
    /// ID numbers: the other answers the number must agree with.
    #[serde(default)]
    pub id_check: Option<IdCheck>,
    /// ID numbers: accept the 9-digit identity cards (CMND) issued before 2016.
    #[serde(default)]
    pub allow_legacy: bool,
    /// Repeating groups: the fields of one item ("add another").
    #[serde(default)]
    pub items: Vec<Field>,
    /// Repeating groups: the most items a citizen can add.
    #[serde(default)]
    pub max_items: Option<usize>,
    /// Repeating groups: exactly one item is marked as the main one (the main business line).
    #[serde(default)]
    pub main_item: bool,
    /// A legal term in the question, explained: shown under "Điều này nghĩa là gì?".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    /// Choices: options that end the procedure here, each with the reason and where to go
    /// instead (works of grade I go to the province). The answer is refused with that text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stops: BTreeMap<String, String>,
    /// What the citizen reads for an option, when it is not the option itself (in English);
    /// the stored answer is always the option.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub option_labels: BTreeMap<String, String>,
    /// Address fields: provinces and their communes/wards, filled from `admin-units.toml` at load.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Province>,
}

/// The answers an ID number is checked against: digits 4-6 encode century, sex and birth year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdCheck {
    /// A date or year field holding the holder's date of birth.
    pub birth: String,
    /// A choice field holding the holder's sex.
    #[serde(default)]
    pub sex: Option<String>,
    /// The sex field's answers that mean male and female, as its options spell them.
    #[serde(default = "male")]
    pub male: String,
    #[serde(default = "female")]
    pub female: String,
}

fn male() -> String {
    "Nam".into()
}

fn female() -> String {
    "Nữ".into()
}

/// A province and its commune-level units (after the July 2025 reform: no districts).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Province {
    pub name: String,
    pub units: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    #[default]
    Text,
    Name,
    Date,
    Year,
    /// Radios, for a handful of options.
    Choice,
    /// A drop-down, for long lists such as the 54 ethnic groups.
    Select,
    /// Có / Không; answers are "co" and "khong" so that branches can test them.
    YesNo,
    Number,
    Phone,
    IdNumber,
    /// Optional e-mail address.
    Email,
    /// An amount in Vietnamese đồng, typed with or without thousands separators.
    Money,
    /// Several lines of text, with a character count.
    LongText,
    /// A single box the citizen must tick ("Tôi cam kết...").
    Undertaking,
    /// A date (three boxes) and a time (hour and minute): the time of death.
    DateTime,
    /// Province, then commune or ward, then house number and street.
    Address,
    /// A repeating group of `items` with "add another".
    Group,
    /// A photo or scan of a document (JPEG, PNG or PDF).
    Attachment,
}

/// Item inputs of a repeating group are named `group.n.field` (dots never appear in field ids).
pub const GROUP_SEPARATOR: char = '.';

pub const YES: &str = "co";
pub const NO: &str = "khong";

impl Field {
    /// What the citizen reads for one of the options.
    pub fn option_label(&self, option: &str) -> String {
        self.option_labels
            .get(option)
            .cloned()
            .unwrap_or_else(|| option.to_string())
    }

    pub fn is_visible(&self, answers: &Answers) -> bool {
        self.show_if
            .as_ref()
            .is_none_or(|condition| condition.holds(answers))
    }

    pub fn part_input(&self, part: &str) -> String {
        format!("{}-{}", self.id, part)
    }
}
