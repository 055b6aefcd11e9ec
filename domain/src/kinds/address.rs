//! An address: province, then a commune or ward of that province, then house number and street.

use crate::field::{Answers, Field};
use crate::problem::{Arg, Problem};

pub const PROVINCE: &str = "tinh";
pub const COMMUNE: &str = "xa";
pub const STREET: &str = "so-nha";
pub const PARTS: [&str; 3] = [PROVINCE, COMMUNE, STREET];

pub(super) fn check(field: &Field, noun: &Arg, answers: &Answers) -> Result<(), (String, Problem)> {
    let [province, unit, street] =
        PARTS.map(|part| super::answer(answers, &field.part_input(part)));
    if !field.required && province.is_empty() && unit.is_empty() && street.is_empty() {
        return Ok(());
    }
    let fail = |part: &str, problem: Problem| Err((field.part_input(part), problem));
    let Some(known) = field.units.iter().find(|p| p.name == province) else {
        return fail(PROVINCE, Problem::new("rule.province").with("noun", noun));
    };
    if !known.units.contains(&unit) {
        return fail(
            COMMUNE,
            Problem::new("rule.commune")
                .with("noun", noun)
                .with("province", province),
        );
    }
    if street.is_empty() {
        return fail(STREET, Problem::new("rule.street").with("noun", noun));
    }
    if street.chars().count() > super::DEFAULT_MAX_LEN {
        return fail(STREET, super::too_long(noun, super::DEFAULT_MAX_LEN));
    }
    Ok(())
}

/// "12 Lê Lợi, Phường Ea Kao, Tỉnh Đắk Lắk": from the street outwards, as letters are written.
pub(super) fn display(field: &Field, answers: &Answers) -> String {
    let [province, unit, street] =
        PARTS.map(|part| super::answer(answers, &field.part_input(part)));
    [street, unit, province]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::{Field, FieldKind};

    fn address() -> Field {
        Field {
            noun: "địa chỉ kinh doanh".into(),
            units: vec![crate::field::Province {
                name: "Tỉnh Đắk Lắk".into(),
                units: vec!["Phường Ea Kao".into(), "Xã Hòa Phú".into()],
            }],
            ..field(FieldKind::Address)
        }
    }

    #[test]
    fn an_address_needs_a_known_commune_of_its_province_and_a_street() {
        let at =
            |p: &str, x: &str, s: &str| answers(&[("f-tinh", p), ("f-xa", x), ("f-so-nha", s)]);
        let wrong = |p: &str, x: &str, s: &str| {
            check_field(&address(), &at(p, x, s), today(), &VI)
                .unwrap_err()
                .input
        };
        assert!(
            check_field(
                &address(),
                &at("Tỉnh Đắk Lắk", "Phường Ea Kao", "12 Lê Lợi"),
                today(),
                &VI
            )
            .is_ok()
        );
        assert_eq!(wrong("", "", ""), "f-tinh");
        assert_eq!(wrong("Tỉnh Đắk Lắk", "Phường Tân Lập", "1"), "f-xa");
        assert_eq!(wrong("Tỉnh Đắk Lắk", "Xã Hòa Phú", " "), "f-so-nha");
        assert_eq!(
            display_value(
                &address(),
                &at("Tỉnh Đắk Lắk", "Phường Ea Kao", "12 Lê Lợi"),
                today(),
                &VI
            ),
            "12 Lê Lợi, Phường Ea Kao, Tỉnh Đắk Lắk"
        );
    }
}
