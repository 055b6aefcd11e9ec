//! Một Cửa: the one Leptos codebase, compiled for the server (`ssr`) and for the browser (`hydrate`).

// Every text a page shows, in Vietnamese and English (app/locales/*.yml), compiled in.
rust_i18n::i18n!("locales", fallback = "vi");

/// The text of a translation key in the language of the page being rendered, with
/// `%{name}` arguments: `tr!("step.count", number = 2, count = 9)`.
#[macro_export]
macro_rules! tr {
    ($key:expr) => {
        rust_i18n::t!($key, locale = $crate::prefs::lang().code()).into_owned()
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        rust_i18n::t!($key, locale = $crate::prefs::lang().code(), $($name = $value),+).into_owned()
    };
}

/// A text kept in the database (audit details, a dossier's history notes): written in the
/// office's language, Vietnamese, whatever the language of the page that made it.
#[macro_export]
macro_rules! stored {
    ($key:expr) => {
        rust_i18n::t!($key, locale = "vi").into_owned()
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        rust_i18n::t!($key, locale = "vi", $($name = $value),+).into_owned()
    };
}

#[cfg(feature = "ssr")]
pub mod assets;
pub mod assist;
pub mod backoffice;
pub mod channel;
pub mod filing;
pub mod home;
pub mod i18n;
pub mod identity;
pub mod kiosk;
pub mod layout;
pub mod lookup;
pub mod not_sent;
pub mod paths;
pub mod prefs;
pub mod read_aloud;
pub mod receipt;
pub mod staff;
pub mod summary;

#[cfg(feature = "ssr")]
pub mod allowances;
#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod cookies;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod documents;
#[cfg(feature = "ssr")]
pub mod dossiers;
#[cfg(feature = "ssr")]
pub mod drafts;
#[cfg(feature = "ssr")]
pub mod group_commit;
#[cfg(feature = "ssr")]
pub mod intake;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod random;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod web;

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_meta::provide_meta_context;
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around every page. The reader's preferences (language, text size,
/// contrast) are on `<html>` from the first byte, so nothing flashes.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let prefs = prefs::current();
    let kiosk = kiosk::in_kiosk();
    // The wizard's moves without a page load (public/dieu-huong.js), with what it says when the
    // network is gone: on a kiosk nothing is kept in the browser.
    let offline = if kiosk {
        tr!("spa.offline_kiosk")
    } else {
        tr!("spa.offline")
    };
    view! {
        <!DOCTYPE html>
        <html lang=prefs.lang.code() class=prefs.html_class() data-kiosk=kiosk.then_some("")>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                // Inline on a browser's first page, then the file (hashed name, cached a year);
                // the islands' code at idle, never preloaded (docs/benchmarks.md).
                <assets::Stylesheet options=options.clone() />
                {if cfg!(feature = "islands") {
                    view! { <assets::IslandScripts options /> }.into_any()
                } else {
                    // The full-hydration comparison build (docs/decisions.md).
                    view! { <HydrationScripts options /> }.into_any()
                }}
                <script defer nonce=leptos::nonce::use_nonce() src=paths::NAVIGATION_SCRIPT_URL
                    data-offline=offline data-offline-page=tr!("spa.offline_page")></script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Every page must work without JavaScript: render it whole before sending (SsrMode::Async).
    view! {
        <Router>
            <kiosk::KioskBar />
            <layout::Header />
            <main class="container" id="noi-dung" tabindex="-1">
                // Only on filing pages with a staff session: "Cán bộ … đang khai giúp công dân".
                <staff::AssistBanner />
                // Only with a staff session: when it ends if left idle, and the warning before.
                <staff::IdleNotice />
                <Routes fallback=layout::NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/thu-tuc/:id") view=filing::ProcedurePage ssr=SsrMode::Async />
                    <Route path=path!("/ho-so/buoc/:step") view=filing::StepPage ssr=SsrMode::Async />
                    <Route path=path!("/ho-so/cac-phan") view=filing::TaskListPage ssr=SsrMode::Async />
                    <Route path=path!("/ho-so/ma") view=filing::CodePage ssr=SsrMode::Async />
                    <Route path=path!("/ho-so/kiem-tra") view=filing::CheckPage ssr=SsrMode::Async />
                    <Route path=path!("/ho-so/bien-nhan") view=filing::ReceiptPage ssr=SsrMode::Async />
                    <Route path=path!("/ho-so/ban-khai-ky") view=assist::PaperPrintPage ssr=SsrMode::Async />
                    <Route path=path!("/tra-cuu") view=lookup::LookupPage ssr=SsrMode::Async />
                    <Route path=path!("/tra-cuu/phieu") view=lookup::SlipPage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo") view=staff::StaffHomePage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo/dang-nhap") view=staff::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo/quan-tri") view=staff::AdminPage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo/nhat-ky") view=staff::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo/nop-ho-so") view=staff::AssistStartPage ssr=SsrMode::Async />
                    <Route path=path!("/kiosk") view=kiosk::KioskStartPage ssr=SsrMode::Async />
                    <Route path=path!("/kiosk/dang-ky") view=kiosk::EnrolPage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo/ho-so") view=backoffice::QueuePage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo/ho-so/:code") view=backoffice::DossierPage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo/bang-theo-doi") view=backoffice::DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/xac-nhan") view=assist::phone::PhoneCodePage ssr=SsrMode::Async />
                    <Route path=path!("/xac-nhan/:ma") view=assist::phone::PhoneConfirmPage ssr=SsrMode::Async />
                    <Route path=path!("/chua-gui-duoc") view=not_sent::NotSentPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}

/// Called by the wasm entry point (`frontend/`).
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    #[cfg(feature = "islands")]
    {
        leptos::mount::hydrate_islands();
        // Tells public/dieu-huong.js that new islands can be hydrated from now on.
        let _ = js_sys::Reflect::set(&window(), &"__mcReady".into(), &true.into());
    }
    #[cfg(not(feature = "islands"))]
    leptos::mount::hydrate_body(App);
}
