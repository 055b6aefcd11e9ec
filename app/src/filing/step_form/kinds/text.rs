//! One-box kinds: text, name, year, number, money, phone, e-mail, ID number. The box's type,
//! keyboard and width follow the kind, so a phone shows the digits keypad.

use super::{Frame, form_name};
use domain::procedure::{Field, FieldKind};
use leptos::prelude::*;

pub(super) fn input(
    field: &Field,
    input: &str,
    value: &str,
    frame: &Frame,
) -> impl IntoView + use<> {
    let (input_type, input_mode, width) = match field.kind {
        FieldKind::Phone => ("tel", Some("tel"), "input input--12"),
        FieldKind::Email => ("email", Some("email"), "input"),
        FieldKind::Year => ("text", Some("numeric"), "input input--4"),
        FieldKind::Number => ("text", Some("numeric"), "input input--4"),
        FieldKind::Money => ("text", Some("numeric"), "input input--12"),
        FieldKind::IdNumber => ("text", Some("numeric"), "input input--16"),
        _ if field.digits.is_some() => ("text", Some("numeric"), "input input--8"),
        _ => ("text", None, "input"),
    };
    let spellcheck = matches!(
        field.kind,
        FieldKind::Name | FieldKind::IdNumber | FieldKind::Email
    )
    .then_some("false");
    view! {
        <input
            class=width
            id=input.to_string()
            name=form_name(input)
            type=input_type
            inputmode=input_mode
            spellcheck=spellcheck
            autocomplete="off"
            value=value.to_string()
            aria-describedby=frame.described_by()
            aria-invalid=frame.invalid()
        />
    }
}
