//! The status page of a dossier found by its code, and the two forms that write on it (the
//! supplement upload, the rating), each asking the last four digits of the ID number or phone.

use super::{LookupData, Rate, SCORES, SUPPLEMENT_URL, score_words};
use crate::i18n::StatusWords;
use domain::lifecycle::Status;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub(super) fn Found(
    data: LookupData,
    /// The last digits sent were wrong: said next to the field.
    digits_wrong: bool,
    /// The rating typed before, kept when it could not be sent.
    score: Option<i64>,
    comment: String,
) -> impl IntoView {
    let LookupData {
        code,
        version,
        procedure_name,
        office,
        initials,
        status,
        submitted_on,
        due,
        late,
        received,
        payment_note,
        official,
        history,
        supplement_note,
        rating,
        asks_digits,
        filed,
    } = data;
    let due_text = if status.clock_paused() {
        tr!("lookup.due_paused", due = due)
    } else {
        due
    };
    let due_label = if received {
        tr!("lookup.due")
    } else {
        tr!("lookup.due_provisional")
    };
    let supplement = supplement_note.map(|note| {
        let form = if asks_digits {
            view! { <SupplementForm code=code.clone() version digits_wrong /> }.into_any()
        } else {
            view! { <p class="notice">{tr!("lookup.supplement_at_counter")}</p> }.into_any()
        };
        view! {
            <section class="supplement" aria-labelledby="bo-sung-tieu-de">
                <h2 id="bo-sung-tieu-de">{tr!("lookup.supplement_title")}</h2>
                // Typed by the clerk, in Vietnamese.
                <p class="lead" lang="vi">{note}</p>
                {form}
            </section>
        }
    });
    let rating_part = (status == Status::ResultReturned).then(|| match rating {
        Some(score) => view! {
            <p class="notice">{tr!("lookup.rated", score = score, words = score_words(score))}</p>
        }
        .into_any(),
        None if asks_digits => {
            view! { <RatingForm code=code.clone() digits_wrong score comment /> }.into_any()
        }
        None => ().into_any(),
    });
    view! {
        <section class="status-card" aria-labelledby="trang-thai">
            <p class="status-card__code">{tr!("lookup.code_line")} <strong>{code.clone()}</strong></p>
            <h2 id="trang-thai" class=format!("status status--{}", status.as_str())>{status.label()}</h2>
            <dl class="facts">
                // The procedure's name and the office's are data, in Vietnamese.
                <div><dt>{tr!("lookup.procedure")}</dt><dd lang="vi">{procedure_name}</dd></div>
                <div><dt>{tr!("lookup.applicant")}</dt><dd>{initials}</dd></div>
                <div><dt>{tr!("lookup.office")}</dt><dd lang="vi">{office}</dd></div>
                <div><dt>{tr!("lookup.submitted_on")}</dt><dd>{submitted_on}</dd></div>
                {status.is_open().then(|| view! {
                    <div><dt>{due_label}</dt><dd>{due_text}</dd></div>
                })}
            </dl>
            {filed.map(|filed| view! { <crate::assist::helped::FiledLine filed /> })}
            {payment_note.map(|note| view! {
                <p class="notice" lang="vi">{tr!("lookup.payment", note = note)}</p>
            })}
            {late.then(|| view! {
                <p class="notice">{tr!("lookup.late")}</p>
            })}
            <h3>{tr!("lookup.next_title")}</h3>
            <p>{status.next_step()}</p>
        </section>
        {supplement}
        {rating_part}
        {official.map(|receipt| view! { <crate::receipt::OfficialReceiptView receipt /> })}
        <section aria-labelledby="lich-su">
            <h2 id="lich-su">{tr!("lookup.history_title")}</h2>
            <ol class="history">
                {history.into_iter().map(|row| view! {
                    <li>
                        <span class="history__when">{row.when}</span>
                        " — "
                        <strong>{row.what}</strong>
                        {format!(" ({})", row.by)}
                        // Typed by the clerk, or stored as written then: Vietnamese.
                        {row.note.map(|note| view! { <p class="history__note" lang="vi">{note}</p> })}
                        {row.slip_url.map(|url| view! { <p class="history__slip"><a href=url>{tr!("slip.open")}</a></p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The second factor: the last four digits of the ID number or phone given in the dossier.
#[component]
fn DigitsField(id: &'static str, wrong: bool) -> impl IntoView {
    let hint_id = format!("{id}-goi-y");
    let error_id = format!("{id}-loi");
    let (class, described_by) = if wrong {
        ("field field--error", format!("{hint_id} {error_id}"))
    } else {
        ("field", hint_id.clone())
    };
    view! {
        <div class=class>
            <label class="label" for=id>{tr!("lookup.digits_label")}</label>
            <p class="hint" id=hint_id>{tr!("lookup.digits_hint")}</p>
            {wrong.then(|| view! {
                <p class="error-message" id=error_id>
                    <span class="visually-hidden">{tr!("error.prefix")}</span>{tr!("lookup.digits_wrong")}
                </p>
            })}
            <input class="input input--4" id=id name="so_cuoi" type="text" inputmode="numeric"
                autocomplete="off" maxlength="8" aria-describedby=described_by />
        </div>
    }
}

#[component]
fn SupplementForm(code: String, version: i64, digits_wrong: bool) -> impl IntoView {
    view! {
        <form method="post" action=SUPPLEMENT_URL enctype="multipart/form-data">
            <input type="hidden" name="ma" value=code />
            <input type="hidden" name="phien_ban" value=version.to_string() />
            <DigitsField id="so-cuoi-bo-sung" wrong=digits_wrong />
            <div class="field">
                <label class="label" for="tep-bo-sung">{tr!("lookup.upload_label")}</label>
                <p class="hint" id="tep-bo-sung-goi-y">{tr!("lookup.upload_hint")}</p>
                <input class="input" id="tep-bo-sung" name="tep" type="file"
                    accept="image/jpeg,image/png,application/pdf" aria-describedby="tep-bo-sung-goi-y" />
            </div>
            <button type="submit" class="button">{tr!("lookup.upload_button")}</button>
        </form>
    }
}

#[component]
fn RatingForm(
    code: String,
    digits_wrong: bool,
    score: Option<i64>,
    comment: String,
) -> impl IntoView {
    view! {
        <section class="rating" aria-labelledby="danh-gia">
            <form method="post" action=Rate::url()>
                <input type="hidden" name="ma" value=code />
                <fieldset class="fieldset">
                    <legend id="danh-gia" class="label">{tr!("lookup.rating_question")}</legend>
                    <div class="radios">
                        {SCORES.iter().map(|(value, _)| {
                            let id = format!("diem-{value}");
                            view! {
                                <div class="radio">
                                    <input type="radio" id=id.clone() name="diem" value=value.to_string()
                                        checked={score == Some(*value)} />
                                    <label for=id>{format!("{value} — {}", score_words(*value))}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label class="label" for="y-kien">{tr!("lookup.rating_comment")}</label>
                    <textarea class="input" id="y-kien" name="y_kien" rows="3" maxlength="1000">{comment}</textarea>
                </div>
                <DigitsField id="so-cuoi-danh-gia" wrong=digits_wrong />
                <button type="submit" class="button">{tr!("lookup.rating_button")}</button>
            </form>
        </section>
    }
}
