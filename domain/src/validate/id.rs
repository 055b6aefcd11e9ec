//! ID numbers, checked against the holder's date of birth and sex given elsewhere.

use super::*;

pub(super) fn id_problem(
    field: &Field,
    value: &str,
    answers: &Answers,
    today: NaiveDate,
    t: &dyn Texts,
) -> Option<String> {
    let noun = sentence(&field.noun);
    let number = match id_number::parse(value, field.allow_legacy) {
        Ok(number) => number,
        Err(IdProblem::NotDigits) => return Some(t.text("rule.id_digits", &[("noun", &noun)])),
        Err(IdProblem::UnknownProvince) => {
            return Some(t.text("rule.id_province", &[("noun", &noun)]));
        }
        Err(IdProblem::WrongLength | IdProblem::LegacyNotAccepted) if field.allow_legacy => {
            return Some(t.text("rule.id_length_legacy", &[("noun", &noun)]));
        }
        Err(_) => return Some(t.text("rule.id_length", &[("noun", &noun)])),
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
    let typed_year = birth_year_answer(&check.birth, answers, today);
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
        t.text(
            if sex == Sex::Male {
                "rule.sex_male"
            } else {
                "rule.sex_female"
            },
            &[],
        )
    };
    let typed = match (typed_sex, typed_year) {
        (Some(s), Some(y)) => t.text(
            "rule.id_typed_both",
            &[("sex", &said(s)), ("year", &y.to_string())],
        ),
        (None, Some(y)) => t.text("rule.id_typed_year", &[("year", &y.to_string())]),
        (Some(s), None) => t.text("rule.id_typed_sex", &[("sex", &said(s))]),
        (None, None) => String::new(),
    };
    Some(t.text(
        "rule.id_mismatch",
        &[
            ("noun", &noun),
            ("sex", &said(sex)),
            ("year", &birth_year.to_string()),
            ("typed", &typed),
            ("field", &field.noun),
        ],
    ))
}
