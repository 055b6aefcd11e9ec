//! A photo or scan of a document, with the name of the file already sent.

use super::{Frame, form_name};
use domain::procedure::Field;
use domain::validate::attachment_name;
use leptos::prelude::*;

pub(super) fn view(field: &Field, current: &str, frame: &Frame) -> AnyView {
    let current = attachment_name(current);
    frame.labelled(view! {
        {(!current.is_empty()).then(|| view! { <p class="attachment">{tr!("attachment.sent", name = current)}</p> })}
        <input
            class="file-input"
            type="file"
            id=field.id.clone()
            name=form_name(&field.id)
            accept="image/jpeg,image/png,application/pdf"
            aria-describedby=frame.described_by()
            aria-invalid=frame.invalid()
        />
    })
}
