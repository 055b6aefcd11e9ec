//! An address: province, commune or ward, house number and street.

use super::choice::select;
use super::{Frame, form_name};
use domain::kinds::address::{COMMUNE, PROVINCE, STREET};
use domain::procedure::{Answers, Field};
use leptos::prelude::*;

pub(super) fn view(field: &Field, values: &Answers, frame: &Frame) -> AnyView {
    let value = |input: &str| values.get(input).cloned().unwrap_or_default();
    let provinces: Vec<String> = field.units.iter().map(|p| p.name.clone()).collect();
    let province_input = field.part_input(PROVINCE);
    let commune_input = field.part_input(COMMUNE);
    let street_input = field.part_input(STREET);
    let chosen = value(&commune_input);
    // Communes grouped by province: without JavaScript every choice is there, and the rule
    // that the commune belongs to the province is checked on both sides.
    let communes = field
        .units
        .iter()
        .map(|province| {
            let options = province
                .units
                .iter()
                .map(|unit| view! { <option value=unit.clone() selected=*unit == chosen>{unit.clone()}</option> })
                .collect_view();
            view! { <optgroup label=province.name.clone()>{options}</optgroup> }
        })
        .collect_view();
    frame.fieldset(view! {
        <div class="address">
            <label class="label label--small" for=province_input.clone()>{tr!("address.province")}</label>
            {select(&province_input, &provinces, &value(&province_input), frame, field)}
            <label class="label label--small" for=commune_input.clone()>{tr!("address.commune")}</label>
            <select class="select" id=commune_input.clone() name=form_name(&commune_input) aria-invalid=frame.invalid()>
                <option value="">{tr!("address.choose_commune")}</option>
                {communes}
            </select>
            <label class="label label--small" for=street_input.clone()>
                {tr!("address.street")}
            </label>
            <input
                class="input"
                type="text"
                id=street_input.clone()
                name=form_name(&street_input)
                autocomplete="off"
                value=value(&street_input)
                aria-invalid=frame.invalid()
            />
        </div>
    })
}
