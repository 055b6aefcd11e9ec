//! "In giấy tiếp nhận": the receipt's print button; on a kiosk the receipt prints itself and the
//! kiosk then resets. The print layout itself is plain CSS (`@media print`, style/main.css).
//!
//! The button is server HTML, hidden until the island shows it (without JavaScript the browser's
//! own Print still works); the island only listens, with web-sys.

use leptos::prelude::*;

const PRINT_ID: &str = "in-bien-nhan";

/// `auto`: print as soon as the page is shown, then end the session `reset_after_seconds` later
/// (a kiosk).
#[component]
pub fn ReceiptPrint(auto: bool, reset_after_seconds: u32) -> impl IntoView {
    let printed = tr!("kiosk.printed", seconds = reset_after_seconds);
    view! {
        <PrintButton>
            <div
                class="receipt-print no-print"
                id=PRINT_ID
                data-auto=auto.then_some("")
                data-reset=reset_after_seconds
                data-printed=printed
            >
                <button type="button" class="button receipt-print__button" hidden>
                    {tr!("kiosk.print_button")}
                </button>
                <p class="receipt-print__status" role="status"></p>
            </div>
        </PrintButton>
    }
}

// An island in the real build; a plain component in the full-hydration comparison build.
#[cfg_attr(feature = "islands", island)]
#[cfg_attr(not(feature = "islands"), component)]
fn PrintButton(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    client::start();
    children()
}

#[cfg(feature = "hydrate")]
mod client {
    use super::PRINT_ID;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use std::time::Duration;

    pub fn start() {
        let Some(block) = document().get_element_by_id(PRINT_ID) else {
            return;
        };
        if let Ok(Some(button)) = block.query_selector("button") {
            let _ = button.remove_attribute("hidden");
        }
        let click = window_event_listener_untyped("click", |event| {
            let on_button = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .and_then(|target| {
                    target
                        .closest(&format!("#{PRINT_ID} button"))
                        .ok()
                        .flatten()
                })
                .is_some();
            if on_button {
                let _ = window().print();
            }
        });
        std::mem::forget(click);
        if !block.has_attribute("data-auto") {
            return;
        }
        let reset_after: u64 = block
            .get_attribute("data-reset")
            .and_then(|seconds| seconds.parse().ok())
            .unwrap_or(60);
        // A moment for the page (and its QR code) to be drawn before the print is made.
        set_timeout(
            move || {
                // Returns once the print is sent (a kiosk's Chrome prints without a dialog).
                let _ = window().print();
                if let (Ok(Some(status)), Some(printed)) = (
                    block.query_selector("[role=status]"),
                    block.get_attribute("data-printed"),
                ) {
                    status.set_text_content(Some(&printed));
                }
                set_timeout(
                    crate::channel::end_session,
                    Duration::from_secs(reset_after),
                );
            },
            Duration::from_millis(500),
        );
    }
}
