//! Pieces every page shares: the header, the resume-code box, the messages for lost drafts.

use leptos::prelude::*;
use leptos::server_fn::error::ServerFnError;

/// The box for a code a citizen copies from paper (a draft code, a dossier code): its label,
/// hint and error, sent as `ma`, with no autocorrection to change what was copied. The hint is
/// `<id>-goi-y` and the error `<id>-loi`, named by `aria-describedby`.
#[component]
pub fn CodeField(
    id: &'static str,
    label: String,
    hint: String,
    typed: String,
    error: Option<String>,
) -> impl IntoView {
    let hint_id = format!("{id}-goi-y");
    let error_id = format!("{id}-loi");
    let (class, described_by) = match error {
        Some(_) => ("field field--error", format!("{hint_id} {error_id}")),
        None => ("field", hint_id.clone()),
    };
    view! {
        <div class=class>
            <label class="label" for=id>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
            {error.map(|message| view! {
                <p class="error-message" id=error_id>
                    <span class="visually-hidden">{tr!("error.prefix")}</span>{message}
                </p>
            })}
            <input
                class="input input--code"
                id=id
                name="ma"
                type="text"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                value=typed
                aria-describedby=described_by
            />
        </div>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <a class="skip-link" href="#noi-dung">{tr!("header.skip")}</a>
        <header class="site-header">
            <div class="container">
                <a class="site-header__name" href="/" lang="vi">"Một Cửa"</a>
                <span class="site-header__tagline">{tr!("header.tagline")}</span>
            </div>
        </header>
        <PrefsControl />
    }
}

/// Text size, high contrast and language, on every page: one plain form whose buttons each
/// change one preference (the server remembers it in a cookie and sends the reader back here).
#[component]
pub fn PrefsControl() -> impl IntoView {
    use crate::prefs::{OFF, ON, SetPreferences, TextSize};
    use leptos::server_fn::ServerFn;
    let prefs = crate::prefs::current();
    let location = leptos_router::hooks::use_location();
    let search = location.search.get_untracked();
    // Back to this page, if it is a path of this site (the one guard, `paths::local_path`), with
    // its query (a search, an error state) unless that names another site: a tampered address
    // is not echoed into the page.
    let path = location.pathname.get_untracked();
    let names_a_site = search
        .to_ascii_lowercase()
        .replace("%2f", "/")
        .contains("//");
    let whole = (!search.is_empty() && !names_a_site).then(|| format!("{path}?{search}"));
    let back = whole
        .iter()
        .map(String::as_str)
        .chain([path.as_str()])
        .find_map(crate::paths::local_path)
        .unwrap_or("/")
        .to_string();
    let sizes = TextSize::ALL
        .into_iter()
        .map(|size| {
            let (mark, name) = match size {
                TextSize::Normal => ("A", tr!("prefs.size_normal")),
                TextSize::Large => ("A+", tr!("prefs.size_large")),
                TextSize::Larger => ("A++", tr!("prefs.size_larger")),
            };
            let pressed = if prefs.size == size { "true" } else { "false" };
            // The visible mark is part of the name (WCAG 2.5.3), the words say what it does.
            view! {
                <button type="submit" class=format!("prefs__button prefs__size prefs__size--{}", size.code())
                    name="co_chu" value=size.code() aria-pressed=pressed>
                    {mark}
                    <span class="visually-hidden">{format!(" {name}")}</span>
                </button>
            }
        })
        .collect_view();
    let other = prefs.lang.other();
    view! {
        <form class="prefs" method="post" action=SetPreferences::url() aria-label=tr!("prefs.label")>
            <div class="container prefs__row">
                <input type="hidden" name="ve" value=back />
                <div class="prefs__group" role="group" aria-labelledby="co-chu-nhan">
                    <span class="prefs__label" id="co-chu-nhan">{tr!("prefs.size")}</span>
                    {sizes}
                </div>
                <button type="submit" class="prefs__button" name="tuong_phan"
                    value=if prefs.contrast { OFF } else { ON }
                    aria-pressed=if prefs.contrast { "true" } else { "false" }>
                    {tr!("prefs.contrast")}
                </button>
                <button type="submit" class="prefs__button" name="ngon_ngu" value=other.code()
                    lang=other.code()>
                    {tr!("prefs.switch_language")}
                </button>
            </div>
        </form>
    }
}

/// The code that opens this draft again, on any device.
#[component]
pub fn ResumeCode(code: String) -> impl IntoView {
    view! {
        <aside class="resume-code" aria-label=tr!("resume.label")>
            <p class="resume-code__text">
                {tr!("resume.text")}
            </p>
            <p class="resume-code__code" lang="en">{code}</p>
            <p class="resume-code__more">
                <a href=crate::paths::CODE_URL>{tr!("resume.print")}</a>
            </p>
        </aside>
    }
}

#[component]
pub fn BackLink(href: String) -> impl IntoView {
    view! { <a class="back-link" href=href>{tr!("nav.back")}</a> }
}

/// No draft in this browser (a new device, cleared cookies): how to get back to it.
#[component]
pub fn NoDraft() -> impl IntoView {
    view! {
        <leptos_meta::Title text=tr!("page.title", title = tr!("nodraft.title")) />
        <h1>{tr!("nodraft.title")}</h1>
        <p>{tr!("nodraft.text")}</p>
        <p>
            {tr!("nodraft.code_before")}
            <a href="/#tiep-tuc">{tr!("nodraft.home")}</a>
            {tr!("nodraft.code_after")}
        </p>
        <a class="button" href="/">{tr!("nav.home")}</a>
    }
}

#[component]
pub fn Submitted() -> impl IntoView {
    view! {
        <leptos_meta::Title text=tr!("page.title", title = tr!("submitted.title")) />
        <h1>{tr!("submitted.title")}</h1>
        <p>{tr!("submitted.text")}</p>
        <a class="button" href=crate::paths::RECEIPT_URL>{tr!("submitted.receipt")}</a>
    }
}

/// Something went wrong on our side; what was typed is safe.
#[component]
pub fn Problem(error: ServerFnError) -> impl IntoView {
    let message = match error {
        ServerFnError::ServerError(message) => message,
        _ => tr!("problem.text"),
    };
    view! {
        <leptos_meta::Title text=tr!("page.title", title = tr!("problem.title")) />
        <h1>{tr!("problem.title")}</h1>
        <p>{message}</p>
        <a class="button" href="/">{tr!("nav.home")}</a>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <leptos_meta::Title text=tr!("notfound.page_title") />
        <h1>{tr!("notfound.title")}</h1>
        <p>{tr!("notfound.text")}</p>
        <a class="button" href="/">{tr!("nav.home")}</a>
    }
}

/// Stands for a name in a translated sentence (`tr!("key", name = NAME_MARK)`), where
/// `with_name` puts the name back, marked as Vietnamese.
pub const NAME_MARK: &str = "\u{1}";

/// The `lang` of names typed by staff (people, offices, kiosks: data, not interface text) on
/// an English page, so that a screen reader reads them with a Vietnamese voice; none on a
/// Vietnamese page, where they are already in the page's language.
pub fn names_lang() -> Option<&'static str> {
    (crate::prefs::lang() != crate::prefs::Lang::Vi).then_some("vi")
}

/// A translated sentence holding a name, the name marked as by `names_lang`.
pub fn with_name(sentence: String, name: String) -> AnyView {
    match sentence.split_once(NAME_MARK) {
        Some((before, after)) if names_lang().is_some() => view! {
            {before.to_string()}<span lang="vi">{name}</span>{after.to_string()}
        }
        .into_any(),
        _ => sentence.replacen(NAME_MARK, &name, 1).into_any(),
    }
}

/// A name typed by staff (a person, an office, a kiosk), marked as by `names_lang`.
pub fn vi_name(name: String) -> AnyView {
    match names_lang() {
        Some(lang) => view! { <span lang=lang>{name}</span> }.into_any(),
        None => name.into_any(),
    }
}
