//! The procedure model: a procedure is one data file in `app/procedures/`, and nothing in the
//! wizard engine knows which procedure it is running.

pub use crate::field::{
    Answers, Condition, Field, FieldKind, GROUP_SEPARATOR, IdCheck, NO, Province, YES,
};
use crate::working_days::{ReceptionRules, SupplementClock};
use serde::{Deserialize, Serialize};

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
    pub plausibility: Vec<PlausibilityRule>,
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

/// One comparison of answers a procedure asks for (`plausibility` says what it warns).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum PlausibilityRule {
    /// `older` (a parent's birth) should come at least `years` before `younger` (the child's).
    AgeGap {
        older: String,
        younger: String,
        years: u32,
    },
    /// The event in `date` (a birth, a death) should be registered within `days` of it;
    /// later, the registration is late: it is still received, at the provincial fee.
    LateRegistration { date: String, days: u32 },
}

impl PlausibilityRule {
    /// The fields the rule reads, each with the kinds it accepts.
    pub fn fields(&self) -> Vec<(&str, &'static [FieldKind])> {
        const WHEN: &[FieldKind] = &[FieldKind::Date, FieldKind::DateTime, FieldKind::Year];
        const DAY_KNOWN: &[FieldKind] = &[FieldKind::Date, FieldKind::DateTime];
        match self {
            PlausibilityRule::AgeGap { older, younger, .. } => vec![(older, WHEN), (younger, WHEN)],
            PlausibilityRule::LateRegistration { date, .. } => vec![(date, DAY_KNOWN)],
        }
    }
}

/// A field's inputs depend on its kind: each kind names its parts in its own file (`kinds`).
impl Field {
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
    /// The applicant's phone number as an SMS gateway takes it (digits and `+`), if given: the
    /// number the office's messages and the SMS confirmation codes go to.
    pub fn applicant_phone(&self, answers: &Answers) -> Option<String> {
        self.applicant
            .phone
            .as_ref()
            .and_then(|field| answers.get(field))
            .map(|phone| {
                phone
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect::<String>()
            })
            .filter(|phone| !phone.is_empty())
    }

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
