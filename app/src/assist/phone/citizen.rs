//! The citizen's own phone: the page a QR code or a short code opens (every answer in large
//! text, "Đúng, tôi xác nhận" or "Chưa đúng, cần sửa"), and the form to type a short code.
//! Plain server-rendered HTML: works without JavaScript on a 360 px screen.

use super::*;
use crate::layout::Problem;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/xac-nhan/<token or short code>`.
#[component]
pub fn PhoneConfirmPage() -> impl IntoView {
    let secret = use_params_map()
        .read_untracked()
        .get("ma")
        .unwrap_or_default();
    let empty = use_query_map().read_untracked().get("loi").as_deref() == Some("trong");
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_phone(secret).await {
                    Ok(PhoneView::Ready(page)) => view! { <Confirm page empty /> }.into_any(),
                    Ok(other) => view! { <Message view=other /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Used, expired, answers changed, unknown, wait: a plain message, no data.
#[component]
fn Message(view: PhoneView) -> impl IntoView {
    let (title, text) = match view {
        PhoneView::Used => (
            tr!("phone.citizen.used_title"),
            tr!("phone.citizen.ask_new"),
        ),
        PhoneView::Expired => (
            tr!("phone.citizen.expired_title"),
            tr!("phone.citizen.ask_new"),
        ),
        PhoneView::Changed => (
            tr!("phone.citizen.changed_title"),
            tr!("phone.citizen.ask_new"),
        ),
        PhoneView::Wait => (
            tr!("phone.citizen.wait_title"),
            tr!("phone.citizen.wait_text"),
        ),
        _ => (
            tr!("phone.citizen.unknown_title"),
            tr!("phone.citizen.unknown_text"),
        ),
    };
    view! {
        <Title text=tr!("page.title", title = &title) />
        <h1>{title}</h1>
        <p class="lead">{text}</p>
        <a class="button button--secondary" href=crate::paths::PHONE_URL>{tr!("phone.citizen.type_code")}</a>
    }
}

#[component]
fn Confirm(page: PhonePage, empty: bool) -> impl IntoView {
    let lang = crate::prefs::lang();
    let error = empty.then(|| {
        view! {
            <div class="error-summary" role="alert" aria-labelledby="loi-tieu-de" tabindex="-1">
                <h2 class="error-summary__title" id="loi-tieu-de">{tr!("phone.citizen.problem")}</h2>
                <ul class="error-summary__list"><li><a href="#noi-dung-sua">{tr!("phone.citizen.empty")}</a></li></ul>
            </div>
        }
    });
    let field_class = if empty { "field field--error" } else { "field" };
    view! {
        <Title text=tr!("page.title", title = tr!("phone.citizen.title")) />
        <div class="phone-check">
            {error}
            <h1>{tr!("phone.citizen.title")}</h1>
            <p class="lead">{page.procedure_name}</p>
            <p>{helped_by(page.staff_name, page.office)}</p>
            <p>{tr!("phone.citizen.read")}</p>
            <ReadAloud text=page.spoken lang=lang.speech_tag().to_string() label=tr!("phone.citizen.listen") />
            <crate::summary::SummaryLists sections=page.sections changes=false />
            <h2 id="tra-loi">{tr!("phone.citizen.answer_heading")}</h2>
            <form method="post" action=AnswerPhone::url()>
                <input type="hidden" name="ma" value=page.secret.clone() />
                <button type="submit" class="button" name="tra_loi" value="dung">{tr!("phone.citizen.yes")}</button>
            </form>
            <form method="post" action=AnswerPhone::url()>
                <input type="hidden" name="ma" value=page.secret />
                <div class=field_class>
                    <label class="label" for="noi-dung-sua">{tr!("phone.citizen.what_label")}</label>
                    <p class="hint" id="noi-dung-sua-goi-y">{tr!("phone.citizen.what_hint")}</p>
                    {empty.then(|| view! {
                        <p class="error-message" id="noi-dung-sua-loi">
                            <span class="visually-hidden">{tr!("error.prefix")}</span>
                            {tr!("phone.citizen.empty")}
                        </p>
                    })}
                    <textarea class="textarea" id="noi-dung-sua" name="noi_dung" rows="4" maxlength="1000"
                        aria-describedby=if empty { "noi-dung-sua-goi-y noi-dung-sua-loi" } else { "noi-dung-sua-goi-y" }></textarea>
                </div>
                <button type="submit" class="button button--secondary" name="tra_loi" value="sua">{tr!("phone.citizen.no")}</button>
            </form>
        </div>
    }
}

use crate::read_aloud::ReadAloud;

/// `/xac-nhan`: type the short code from the helper's screen; afterwards (`?xong=`), thanks.
#[component]
pub fn PhoneCodePage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let done = query.get("xong");
    let problem = query.get("loi");
    if let Some(done) = done {
        let text = if done == "sua" {
            tr!("phone.citizen.thanks_fix")
        } else {
            tr!("phone.citizen.thanks_yes")
        };
        return view! {
            <Title text=tr!("page.title", title = tr!("phone.citizen.thanks_title")) />
            <h1>{tr!("phone.citizen.thanks_title")}</h1>
            <p class="lead">{text}</p>
        }
        .into_any();
    }
    let message = problem.map(|code| {
        if code == "cho" {
            tr!("phone.citizen.wait_text")
        } else {
            tr!("phone.citizen.code_wrong")
        }
    });
    let field_class = if message.is_some() {
        "field field--error"
    } else {
        "field"
    };
    view! {
        <Title text=tr!("page.title", title = tr!("phone.citizen.code_title")) />
        {message.clone().map(|message| view! {
            <div class="error-summary" role="alert" aria-labelledby="loi-tieu-de" tabindex="-1">
                <h2 class="error-summary__title" id="loi-tieu-de">{tr!("phone.citizen.problem")}</h2>
                <ul class="error-summary__list"><li><a href="#ma">{message}</a></li></ul>
            </div>
        })}
        <h1>{tr!("phone.citizen.code_title")}</h1>
        <p class="lead">{tr!("phone.citizen.code_lead")}</p>
        <form method="post" action=OpenPhoneCode::url()>
            <div class=field_class>
                <label class="label" for="ma">{tr!("phone.citizen.code_label")}</label>
                {message.map(|message| view! {
                    <p class="error-message" id="ma-loi">
                        <span class="visually-hidden">{tr!("error.prefix")}</span>
                        {message}
                    </p>
                })}
                <input class="input input--code" id="ma" name="ma" type="text" autocomplete="off"
                    autocapitalize="characters" spellcheck="false" maxlength="20" />
            </div>
            <button type="submit" class="button">{tr!("phone.citizen.open")}</button>
        </form>
    }
    .into_any()
}
