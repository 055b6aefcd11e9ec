//! The procedure model: a procedure is one data file in `app/procedures/`, and nothing in the
//! wizard engine knows which procedure it is running.

use crate::working_days::{ReceptionRules, SupplementClock};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a citizen has typed so far, keyed by input name (a date field has three inputs).
pub type Answers = BTreeMap<String, String>;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Procedure {
    pub id: String,
    /// Short prefix of dossier codes, e.g. "KS" for khai sinh.
    pub code_prefix: String,
    pub name: String,
    pub summary: String,
    /// Statutory processing time in working days; 0 means the same day.
    pub processing_days: u32,
    /// Dossiers received after this time (HH:MM, local time) count from the next working day;
    /// without it, the law's 15:00 (`ReceptionRules`). Kept for the same-day procedures that
    /// first set it.
    #[serde(default)]
    pub same_day_cutoff: Option<String>,
    pub processing_note: Option<String>,
    /// Whether the processing time restarts or pauses while the citizen brings a supplement
    /// ("restart" or "pause"). It differs by procedure [portal]; the rule under Decree 118/2025
    /// is unverified (law-2026.md §5), so "restart" is only the default.
    #[serde(default)]
    pub supplement_clock: SupplementClock,
    pub fee: String,
    pub authority: String,
    /// The field whose answer names the office the dossier is addressed to, when the citizen chooses.
    #[serde(default)]
    pub office_field: Option<String>,
    pub result: String,
    pub documents: Vec<String>,
    /// Which answers the receipt shows as the applicant's details.
    pub applicant: ApplicantFields,
    /// The field holding how the citizen wants to receive the result.
    #[serde(default)]
    pub delivery_field: Option<String>,
    pub steps: Vec<Step>,
    /// The life event the home page files it under ("Sinh con", "Kinh doanh"...).
    #[serde(default)]
    pub life_event: String,
    /// Which level of office decides ("Ủy ban nhân dân xã, phường").
    #[serde(default)]
    pub office_level: String,
    /// Other words citizens use for it, for the home-page search.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Long procedures show a task list of their sections.
    #[serde(default)]
    pub task_list: bool,
    /// The legal texts the procedure follows, as data: laws change (a new Construction Law is
    /// expected in 2026) without a change of code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<String>,
    /// Answers compared with each other for plausibility: warnings that never block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plausibility: Vec<crate::plausibility::Rule>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicantFields {
    pub name: String,
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: String,
    /// The section the step belongs to on the check-answers page ("Người yêu cầu", "Trẻ", ...).
    pub section: String,
    /// The question, used as the page heading.
    pub title: String,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub show_if: Option<Condition>,
    pub fields: Vec<Field>,
    /// A legal term in the question, explained: shown under "Điều này nghĩa là gì?".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
}

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

    /// The inputs this field always has (a repeating group's item inputs come and go).
    pub fn inputs(&self) -> Vec<String> {
        match crate::kinds::part_names(self.kind) {
            Some(parts) => parts.iter().map(|part| self.part_input(part)).collect(),
            None => vec![self.id.clone()],
        }
    }

    /// Whether a posted or stored input belongs to this field.
    pub fn owns(&self, input: &str) -> bool {
        match self.kind {
            FieldKind::Group => input
                .strip_prefix(self.id.as_str())
                .is_some_and(|rest| rest.starts_with(GROUP_SEPARATOR)),
            _ => self.inputs().iter().any(|own| own == input),
        }
    }

    pub fn is_visible(&self, answers: &Answers) -> bool {
        self.show_if
            .as_ref()
            .is_none_or(|condition| condition.holds(answers))
    }

    pub fn part_input(&self, part: &str) -> String {
        format!("{}-{}", self.id, part)
    }

    /// The input an error link should focus: the field itself, or a date's first box.
    pub fn first_input(&self) -> String {
        self.inputs().into_iter().next().unwrap_or_default()
    }
}

impl Step {
    pub fn visible_fields<'a, 'b>(
        &'a self,
        answers: &'b Answers,
    ) -> impl Iterator<Item = &'a Field> + use<'a, 'b> {
        self.fields.iter().filter(|field| field.is_visible(answers))
    }

    pub fn is_visible(&self, answers: &Answers) -> bool {
        self.show_if
            .as_ref()
            .is_none_or(|condition| condition.holds(answers))
    }
}

impl Procedure {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|step| step.id == id)
    }

    /// The steps the citizen must answer, given the branches taken so far. A step whose
    /// condition is an answer on a skipped step is skipped too (branches inside branches).
    pub fn visible_steps<'a, 'b>(
        &'a self,
        answers: &'b Answers,
    ) -> impl Iterator<Item = &'a Step> + use<'a, 'b> {
        let mut asked: std::collections::HashSet<&'a str> = std::collections::HashSet::new();
        let mut visible = Vec::new();
        for step in &self.steps {
            let shown = step.show_if.as_ref().is_none_or(|condition| {
                asked.contains(condition.field.as_str()) && step.is_visible(answers)
            });
            if shown {
                asked.extend(step.visible_fields(answers).map(|field| field.id.as_str()));
                visible.push(step);
            }
        }
        visible.into_iter()
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.steps
            .iter()
            .flat_map(|step| step.fields.iter())
            .find(|field| field.id == id)
    }

    /// The visible step after `current`, if any.
    pub fn next_step(&self, current: &str, answers: &Answers) -> Option<&Step> {
        self.visible_steps(answers)
            .skip_while(|step| step.id != current)
            .nth(1)
    }

    /// The visible step before `current`, if any.
    pub fn previous_step(&self, current: &str, answers: &Answers) -> Option<&Step> {
        let visible: Vec<&Step> = self.visible_steps(answers).collect();
        let index = visible.iter().position(|step| step.id == current)?;
        index.checked_sub(1).map(|i| visible[i])
    }

    /// The answers that belong to visible steps and fields: what is filed on submission.
    pub fn filed_answers(&self, answers: &Answers) -> Answers {
        let fields: Vec<&Field> = self
            .visible_steps(answers)
            .flat_map(|step| step.visible_fields(answers))
            .collect();
        answers
            .iter()
            .filter(|(input, _)| fields.iter().any(|field| field.owns(input)))
            .map(|(input, value)| (input.clone(), value.clone()))
            .collect()
    }

    pub fn same_day_cutoff(&self) -> Option<chrono::NaiveTime> {
        self.same_day_cutoff
            .as_deref()
            .and_then(|text| chrono::NaiveTime::parse_from_str(text, "%H:%M").ok())
    }

    /// How its due moment is counted: the procedure's cutoff if it sets one, else the law's.
    pub fn reception_rules(&self) -> ReceptionRules {
        ReceptionRules::with_cutoff(self.same_day_cutoff())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(id: &str, show_if: Option<(&str, &str)>) -> Step {
        Step {
            id: id.into(),
            section: "S".into(),
            title: id.into(),
            hint: None,
            show_if: show_if.map(|(field, equals)| Condition {
                field: field.into(),
                equals: equals.into(),
                ..Default::default()
            }),
            fields: vec![Field {
                id: id.into(),
                ..Default::default()
            }],
            meaning: None,
        }
    }

    fn procedure() -> Procedure {
        Procedure {
            id: "p".into(),
            code_prefix: "P".into(),
            name: "P".into(),
            summary: String::new(),
            processing_days: 0,
            same_day_cutoff: None,
            processing_note: None,
            fee: String::new(),
            authority: String::new(),
            office_field: None,
            result: String::new(),
            documents: vec![],
            applicant: ApplicantFields::default(),
            delivery_field: None,
            steps: vec![
                step("mother", None),
                step("father-known", None),
                step("father-name", Some(("father-known", YES))),
                step("delivery", None),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn a_branch_inside_a_skipped_branch_is_skipped() {
        let mut procedure = procedure();
        procedure.steps[2].fields.push(Field {
            id: "father-id-known".into(),
            ..Default::default()
        });
        procedure
            .steps
            .insert(3, step("father-id", Some(("father-id-known", YES))));
        let mut answers = Answers::new();
        answers.insert("father-known".into(), YES.into());
        answers.insert("father-id-known".into(), YES.into());
        let ids = |answers: &Answers| {
            procedure
                .visible_steps(answers)
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        };
        assert!(ids(&answers).contains(&"father-id".to_string()));
        // The father becomes unknown: the answer about his ID stays stored but no longer counts.
        answers.insert("father-known".into(), NO.into());
        assert_eq!(ids(&answers), ["mother", "father-known", "delivery"]);
    }

    #[test]
    fn the_cutoff_is_the_procedure_s_or_the_law_s() {
        let mut procedure = procedure();
        assert_eq!(
            procedure.reception_rules().cutoff,
            ReceptionRules::DEFAULT_CUTOFF
        );
        procedure.same_day_cutoff = Some("14:00".into());
        assert_eq!(
            procedure.reception_rules().cutoff,
            chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap()
        );
    }

    #[cfg(feature = "files")]
    #[test]
    fn the_supplement_clock_restarts_unless_the_procedure_says_pause() {
        let file = |extra: &str| {
            toml::from_str::<Procedure>(&format!(
                "id = 'p'\ncode_prefix = 'P'\nname = 'P'\nsummary = ''\nprocessing_days = 3\n\
                 fee = ''\nauthority = ''\nresult = ''\ndocuments = []\nsteps = []\n{extra}\n\
                 [applicant]\nname = 'n'\n"
            ))
        };
        assert_eq!(file("").unwrap().supplement_clock, SupplementClock::Restart);
        assert_eq!(
            file("supplement_clock = 'pause'").unwrap().supplement_clock,
            SupplementClock::Pause
        );
        assert!(file("supplement_clock = 'stop'").is_err());
    }

    #[test]
    fn a_condition_may_accept_any_one_of_several_answers() {
        let mut procedure = procedure();
        procedure.steps[2].show_if = Some(Condition {
            field: "father-known".into(),
            one_of: vec!["both".into(), "father".into()],
            ..Default::default()
        });
        let shown = |answer: &str| {
            let answers: Answers = [("father-known".to_string(), answer.to_string())].into();
            procedure
                .visible_steps(&answers)
                .any(|step| step.id == "father-name")
        };
        assert!(shown("both"));
        assert!(shown("father"));
        assert!(!shown("mother"));
        assert!(!shown(""));
    }

    #[test]
    fn an_unknown_father_skips_his_pages_both_ways() {
        let procedure = procedure();
        let mut answers = Answers::new();
        answers.insert("father-known".into(), NO.into());
        assert_eq!(
            procedure.next_step("father-known", &answers).unwrap().id,
            "delivery"
        );
        assert_eq!(
            procedure.previous_step("delivery", &answers).unwrap().id,
            "father-known"
        );
        answers.insert("father-known".into(), YES.into());
        assert_eq!(
            procedure.next_step("father-known", &answers).unwrap().id,
            "father-name"
        );
        assert_eq!(
            procedure.previous_step("delivery", &answers).unwrap().id,
            "father-name"
        );
        assert!(procedure.next_step("delivery", &answers).is_none());
        assert!(procedure.previous_step("mother", &answers).is_none());
    }
}
