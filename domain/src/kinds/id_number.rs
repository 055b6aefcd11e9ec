//! Personal ID numbers, checked against the holder's date of birth and sex given elsewhere.

use crate::field::{Answers, Field};
use crate::id_number::{self, IdNumber, IdProblem, Sex};
use crate::problem::{Arg, Problem};
use chrono::NaiveDate;

pub(super) fn check(
    field: &Field,
    noun: &Arg,
    value: &str,
    answers: &Answers,
    today: NaiveDate,
) -> Option<Problem> {
    let sentence_noun = noun.capitalised();
    let number = match id_number::parse(value, field.allow_legacy) {
        Ok(number) => number,
        Err(problem) => {
            let key = match problem {
                IdProblem::NotDigits => "rule.id_digits",
                IdProblem::UnknownProvince => "rule.id_province",
                IdProblem::WrongLength | IdProblem::LegacyNotAccepted if field.allow_legacy => {
                    "rule.id_length_legacy"
                }
                _ => "rule.id_length",
            };
            return Some(Problem::new(key).with("noun", sentence_noun));
        }
    };
    let (
        IdNumber::Citizen {
            sex, birth_year, ..
        },
        Some(check),
    ) = (number, &field.id_check)
    else {
        return None;
    };
    let typed_year = super::date::birth_year_answer(&check.birth, answers, today);
    // The procedure file names its own words for the sexes, so any spelling works.
    let typed_sex = check
        .sex
        .as_ref()
        .and_then(|id| answers.get(id))
        .and_then(|v| {
            if *v == check.male {
                Some(Sex::Male)
            } else if *v == check.female {
                Some(Sex::Female)
            } else {
                None
            }
        });
    let year_differs = typed_year.is_some_and(|year| year != birth_year);
    let sex_differs = typed_sex.is_some_and(|typed| typed != sex);
    if !year_differs && !sex_differs {
        return None;
    }
    let said = |sex: Sex| {
        Problem::new(match sex {
            Sex::Male => "rule.sex_male",
            Sex::Female => "rule.sex_female",
        })
    };
    let typed: Arg = match (typed_sex, typed_year) {
        (Some(s), Some(y)) => Problem::new("rule.id_typed_both")
            .with("sex", said(s))
            .with("year", y.to_string())
            .into(),
        (None, Some(y)) => Problem::new("rule.id_typed_year")
            .with("year", y.to_string())
            .into(),
        (Some(s), None) => Problem::new("rule.id_typed_sex")
            .with("sex", said(s))
            .into(),
        (None, None) => "".into(),
    };
    Some(
        Problem::new("rule.id_mismatch")
            .with("noun", sentence_noun)
            .with("sex", said(sex))
            .with("year", birth_year.to_string())
            .with("typed", typed)
            .with("field", noun),
    )
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::{Field, FieldKind};

    #[test]
    fn id_numbers_allow_spaces_and_legacy_cards_only_where_allowed() {
        let mut id = field(FieldKind::IdNumber);
        let ok = |id: &Field, typed: &str| {
            check_field(id, &answers(&[("f", typed)]), today(), &VI).is_ok()
        };
        assert!(ok(&id, "066 190 012 345"));
        assert!(!ok(&id, "241234567"));
        id.allow_legacy = true;
        assert!(ok(&id, "241234567"));
        assert!(!ok(&id, "06619001234"));
    }

    #[test]
    fn a_number_opening_with_no_province_code_is_refused_with_the_reason() {
        let id = field(FieldKind::IdNumber);
        // 050 lies in a gap of the province list; 048 is Đà Nẵng.
        let error =
            check_field(&id, &answers(&[("f", "050 190 012 345")]), today(), &VI).unwrap_err();
        assert!(error.message.contains("mã tỉnh"), "{}", error.message);
        assert!(check_field(&id, &answers(&[("f", "048190012345")]), today(), &VI).is_ok());
    }

    fn owner_id() -> Field {
        Field {
            noun: "số căn cước của chủ hộ".into(),
            id_check: Some(crate::field::IdCheck {
                male: "Nam".into(),
                female: "Nữ".into(),
                birth: "dob".into(),
                sex: Some("sex".into()),
            }),
            ..field(FieldKind::IdNumber)
        }
    }

    #[test]
    fn an_id_number_must_agree_with_the_birth_date_and_sex() {
        let born_1990_female = [
            ("dob-ngay", "5"),
            ("dob-thang", "6"),
            ("dob-nam", "1990"),
            ("sex", "Nữ"),
        ];
        let mut typed = answers(&born_1990_female);
        typed.insert("f".into(), "066190012345".into());
        assert!(check_field(&owner_id(), &typed, today(), &VI).is_ok());
        typed.insert("f".into(), "066090012345".into());
        let error = check_field(&owner_id(), &typed, today(), &VI).unwrap_err();
        assert!(
            error.message.contains("ngày sinh và giới tính"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("nam sinh năm 1990"),
            "{}",
            error.message
        );
        typed.insert("f".into(), "066191012345".into());
        let error = check_field(&owner_id(), &typed, today(), &VI).unwrap_err();
        assert!(error.message.contains("sinh năm 1991"), "{}", error.message);
        // The birth date asked later: nothing to compare with yet.
        let alone = answers(&[("f", "066091012345")]);
        assert!(check_field(&owner_id(), &alone, today(), &VI).is_ok());
    }

    #[test]
    fn a_procedure_may_spell_the_sexes_its_own_way() {
        let mut id = owner_id();
        if let Some(check) = id.id_check.as_mut() {
            check.male = "nam".into();
            check.female = "nu".into();
        }
        let typed = answers(&[("dob-nam", "1990"), ("sex", "nu"), ("f", "066090012345")]);
        assert!(check_field(&id, &typed, today(), &VI).is_err());
    }
}
