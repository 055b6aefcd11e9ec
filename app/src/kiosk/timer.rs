//! The inactivity warning of a kiosk: after the quiet time a full-screen warning counts down
//! with a big "Tôi vẫn đang dùng"; at zero it submits the kiosk bar's "Kết thúc" form (the same
//! reset a citizen gets by pressing it, which also works without JavaScript).
//!
//! The warning is server HTML, hidden; the island around it only listens and sets attributes
//! with web-sys (no view code, no props to deserialize): the citizen's wasm budget is tight.

use super::Timings;
use leptos::prelude::*;

const DIALOG_ID: &str = "kiosk-canh-bao";
const BUTTON_ID: &str = "kiosk-con-dung";
const NUMBER_ID: &str = "kiosk-con-giay";

/// The warning, rendered on the server with the kiosk's timings in `data-` attributes.
#[component]
pub fn KioskWarning(timings: Timings) -> impl IntoView {
    view! {
        <KioskTimer>
            <div
                class="kiosk-warning"
                id=DIALOG_ID
                role="alertdialog"
                aria-modal="true"
                aria-labelledby="kiosk-canh-bao-tieu-de"
                aria-describedby="kiosk-canh-bao-noi-dung"
                data-idle=timings.idle_seconds
                data-warning=timings.warning_seconds
                hidden
            >
                <div class="kiosk-warning__box">
                    <h2 class="kiosk-warning__title" id="kiosk-canh-bao-tieu-de">{tr!("kiosk.warning_title")}</h2>
                    <p id="kiosk-canh-bao-noi-dung">{tr!("kiosk.warning_text")}</p>
                    <p class="kiosk-warning__count" role="timer">
                        <span class="kiosk-warning__number" id=NUMBER_ID>{timings.warning_seconds}</span>
                        {tr!("kiosk.warning_seconds")}
                    </p>
                    <button type="button" class="button kiosk-warning__button" id=BUTTON_ID>
                        {tr!("kiosk.warning_button")}
                    </button>
                    <p class="kiosk-warning__note">{tr!("kiosk.warning_note")}</p>
                </div>
            </div>
        </KioskTimer>
    }
}

// An island in the real build; a plain component in the full-hydration comparison build.
#[cfg_attr(feature = "islands", island)]
#[cfg_attr(not(feature = "islands"), component)]
fn KioskTimer(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    client::start();
    children()
}

#[cfg(feature = "hydrate")]
mod client {
    use super::{BUTTON_ID, DIALOG_ID, NUMBER_ID};
    use crate::channel::end_session;
    use crate::channel::rules::{Phase, Timings};
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use std::cell::Cell;
    use std::time::Duration;
    use web_sys::Element;

    thread_local! {
        static LAST_INPUT: Cell<f64> = Cell::new(js_sys::Date::now());
        static OPEN: Cell<bool> = const { Cell::new(false) };
    }

    fn element(id: &str) -> Option<Element> {
        document().get_element_by_id(id)
    }

    fn seconds(dialog: &Element, name: &str) -> Option<u32> {
        dialog.get_attribute(name)?.parse().ok()
    }

    pub fn start() {
        let Some(dialog) = element(DIALOG_ID) else {
            return;
        };
        let (Some(idle_seconds), Some(warning_seconds)) = (
            seconds(&dialog, "data-idle"),
            seconds(&dialog, "data-warning"),
        ) else {
            return;
        };
        let timings = Timings {
            idle_seconds,
            warning_seconds,
        };
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
            let handle = window_event_listener_untyped(name, |_| {
                if !OPEN.get() {
                    LAST_INPUT.set(js_sys::Date::now());
                }
            });
            std::mem::forget(handle);
        }
        let click = window_event_listener_untyped("click", |event| {
            let on_button = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .and_then(|target| target.closest(&format!("#{BUTTON_ID}")).ok().flatten())
                .is_some();
            if on_button {
                LAST_INPUT.set(js_sys::Date::now());
                show(false);
            }
        });
        // The warning is modal: Tab stays on its one button.
        let trap = window_event_listener(leptos::ev::keydown, |event| {
            if OPEN.get() && event.key() == "Tab" {
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
        std::mem::forget((click, trap, hidden, shown));
        // Time is measured, not counted in ticks: a throttled timer never stretches the wait.
        set_interval(
            move || match timings.phase(js_sys::Date::now() - LAST_INPUT.get()) {
                Phase::InUse => {}
                Phase::Warning { seconds_left } => {
                    if let Some(number) = element(NUMBER_ID) {
                        number.set_text_content(Some(&seconds_left.to_string()));
                    }
                    if !OPEN.get() {
                        show(true);
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

    fn show(open: bool) {
        let Some(dialog) = element(DIALOG_ID) else {
            return;
        };
        OPEN.set(open);
        let _ = if open {
            dialog.remove_attribute("hidden")
        } else {
            dialog.set_attribute("hidden", "")
        };
        set_inert(&dialog, open);
        if open {
            focus_button();
        }
    }

    fn focus_button() {
        if let Some(button) =
            element(BUTTON_ID).and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = button.focus();
        }
    }

    /// Everything but the warning is out of reach (pointer, keyboard, screen reader) while it shows.
    fn set_inert(dialog: &Element, inert: bool) {
        let mut node = dialog.clone();
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
}
