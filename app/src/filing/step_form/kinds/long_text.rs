//! Several lines of text, with a count of the characters left that the island keeps current.

use super::{Frame, form_name};
use domain::procedure::Field;
use domain::texts::fill;
use leptos::prelude::*;

/// Several lines of text hold at most this many characters unless the field says otherwise.
const MAX_LEN: usize = 2000;

pub(super) fn view(field: &Field, typed: String, frame: &Frame) -> AnyView {
    let max = field.max_len.unwrap_or(MAX_LEN);
    let count = typed.chars().count();
    let count_id = format!("{}-dem", field.id);
    frame.labelled(view! {
        <textarea
            class="textarea"
            id=field.id.clone()
            name=form_name(&field.id)
            rows="5"
            data-max=max
            data-count=count_id.clone()
            aria-describedby=format!("{} {count_id}", frame.described_by())
            aria-invalid=frame.invalid()
        >
            {typed}
        </textarea>
        <p class="hint" id=count_id aria-live="polite">
            {character_count(&tr!("step.characters"), count, max)}
        </p>
    })
}

/// "Đã viết 120 trên 2000 ký tự": the island keeps it current while the citizen types.
pub fn character_count(template: &str, count: usize, max: usize) -> String {
    fill(
        template,
        &[("count", &count.to_string()), ("max", &max.to_string())],
    )
}
