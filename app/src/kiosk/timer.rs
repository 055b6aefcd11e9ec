//! The inactivity warning of a kiosk: after the quiet time a full-screen warning counts down
//! with a big "Tôi vẫn đang dùng"; at zero it submits the kiosk bar's "Kết thúc" form (the same
//! reset a citizen gets by pressing it, which also works without JavaScript).

use leptos::prelude::*;

const DIALOG_ID: &str = "kiosk-canh-bao";
const BUTTON_ID: &str = "kiosk-con-dung";

// An island in the real build; a plain component in the full-hydration comparison build.
#[cfg_attr(feature = "islands", island)]
#[cfg_attr(not(feature = "islands"), component)]
pub fn KioskTimer(idle_seconds: u32, warning_seconds: u32) -> impl IntoView {
    let open = RwSignal::new(false);
    let seconds_left = RwSignal::new(warning_seconds);
    #[cfg(feature = "hydrate")]
    client::start(
        super::Timings {
            idle_seconds,
            warning_seconds,
        },
        open,
        seconds_left,
    );
    #[cfg(not(feature = "hydrate"))]
    let _ = idle_seconds;
    let still_here = move |_| {
        #[cfg(feature = "hydrate")]
        client::still_here(open);
    };
    view! {
        <div
            class="kiosk-warning"
            id=DIALOG_ID
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="kiosk-canh-bao-tieu-de"
            aria-describedby="kiosk-canh-bao-noi-dung"
            hidden=move || !open.get()
        >
            <div class="kiosk-warning__box">
                <h2 class="kiosk-warning__title" id="kiosk-canh-bao-tieu-de">"Bạn còn đang dùng máy không?"</h2>
                <p id="kiosk-canh-bao-noi-dung">
                    "Máy sẽ tự kết thúc và xoá thông tin của bạn khỏi màn hình sau"
                </p>
                <p class="kiosk-warning__count" role="timer">
                    <span class="kiosk-warning__number">{move || seconds_left.get()}</span>
                    " giây"
                </p>
                <button type="button" class="button kiosk-warning__button" id=BUTTON_ID on:click=still_here>
                    "Tôi vẫn đang dùng"
                </button>
                <p class="kiosk-warning__note">"Bài khai đã được lưu. Để làm tiếp sau, dùng mã hồ sơ nháp."</p>
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::super::END_FORM_ID;
    use super::super::rules::{Phase, Timings};
    use super::{BUTTON_ID, DIALOG_ID};
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use std::cell::Cell;
    use std::time::Duration;

    thread_local! {
        static LAST_INPUT: Cell<f64> = Cell::new(js_sys::Date::now());
        static RESETTING: Cell<bool> = const { Cell::new(false) };
    }

    pub fn start(timings: Timings, open: RwSignal<bool>, seconds_left: RwSignal<u32>) {
        LAST_INPUT.set(js_sys::Date::now());
        // Any input is activity, except while the warning is up: then only its button counts.
        for name in [
            "pointerdown",
            "keydown",
            "input",
            "scroll",
            "wheel",
            "touchstart",
        ] {
            let handle = window_event_listener_untyped(name, move |_| {
                if !open.get_untracked() {
                    LAST_INPUT.set(js_sys::Date::now());
                }
            });
            std::mem::forget(handle);
        }
        // The warning is modal: Tab stays on its one button.
        let trap = window_event_listener(leptos::ev::keydown, move |event| {
            if open.get_untracked() && event.key() == "Tab" {
                event.prevent_default();
                focus_button();
            }
        });
        // Pages say `Cache-Control: no-store`, which Chromium 156 never keeps in its back/forward
        // cache; browsers that do keep such pages get an empty page to keep, and one brought back
        // by Back is asked for again: after a reset the server has nothing personal to show.
        let hidden = window_event_listener_untyped("pagehide", |event| {
            if persisted(&event)
                && let Some(body) = document().body()
            {
                body.set_inner_html("");
            }
        });
        let shown = window_event_listener_untyped("pageshow", |event| {
            if persisted(&event) {
                let _ = location().reload();
            }
        });
        std::mem::forget((trap, hidden, shown));
        // Time is measured, not counted in ticks: a throttled timer never stretches the wait.
        set_interval(
            move || match timings.phase(js_sys::Date::now() - LAST_INPUT.get()) {
                Phase::InUse => {}
                Phase::Warning { seconds_left: n } => {
                    seconds_left.set(n);
                    if !open.get_untracked() {
                        show(open, true);
                    }
                }
                Phase::Reset => end_session(),
            },
            Duration::from_millis(250),
        );
    }

    fn persisted(event: &web_sys::Event) -> bool {
        js_sys::Reflect::get(event, &"persisted".into())
            .ok()
            .and_then(|value| value.as_bool())
            == Some(true)
    }

    pub fn still_here(open: RwSignal<bool>) {
        LAST_INPUT.set(js_sys::Date::now());
        show(open, false);
    }

    fn show(open: RwSignal<bool>, shown: bool) {
        open.set(shown);
        set_inert(shown);
        if shown {
            // After the dialog is drawn.
            request_animation_frame(focus_button);
        }
    }

    fn focus_button() {
        if let Some(button) = document()
            .get_element_by_id(BUTTON_ID)
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = button.focus();
        }
    }

    /// Everything but the warning is out of reach (pointer, keyboard, screen reader) while it shows.
    fn set_inert(inert: bool) {
        let Some(mut node) = document().get_element_by_id(DIALOG_ID) else {
            return;
        };
        while let Some(parent) = node.parent_element() {
            let siblings = parent.children();
            for i in 0..siblings.length() {
                let Some(sibling) = siblings.item(i) else {
                    continue;
                };
                if sibling == node {
                    continue;
                }
                let _ = if inert {
                    sibling.set_attribute("inert", "")
                } else {
                    sibling.remove_attribute("inert")
                };
            }
            if parent.tag_name() == "BODY" {
                break;
            }
            node = parent;
        }
    }

    /// Time is up: the same reset as the kiosk bar's "Kết thúc" button, once.
    pub fn end_session() {
        if RESETTING.replace(true) {
            return;
        }
        if let Some(form) = document()
            .get_element_by_id(END_FORM_ID)
            .and_then(|element| element.dyn_into::<web_sys::HtmlFormElement>().ok())
        {
            let _ = form.submit();
        }
    }
}

#[cfg(feature = "hydrate")]
pub use client::end_session;
