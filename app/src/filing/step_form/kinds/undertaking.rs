//! A single box the citizen must tick ("Tôi cam kết...").

use super::{Frame, form_name, sentence_case};
use domain::procedure::{Field, YES};
use leptos::prelude::*;

pub(super) fn view(field: &Field, current: &str, frame: &Frame) -> AnyView {
    let checked = current == YES;
    frame.fieldset(view! {
        <div class="checkbox">
            <input
                class="checkbox__input"
                type="checkbox"
                id=field.id.clone()
                name=form_name(&field.id)
                value=YES
                checked=checked
                aria-invalid=frame.invalid()
            />
            <label class="checkbox__label" for=field.id.clone()>{sentence_case(&field.noun)}</label>
        </div>
    })
}
