//! "In giấy tiếp nhận": the receipt's print button; on a kiosk the receipt prints itself and the
//! kiosk then resets. The print layout itself is plain CSS (`@media print`, style/main.css).

use leptos::prelude::*;

/// `auto`: print as soon as the page is shown, then end the session `reset_after_seconds` later
/// (a kiosk). Without JavaScript the button stays hidden: the browser's own Print still works.
#[cfg_attr(feature = "islands", island)]
#[cfg_attr(not(feature = "islands"), component)]
pub fn ReceiptPrint(auto: bool, reset_after_seconds: u32) -> impl IntoView {
    let ready = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        ready.set(true);
        if auto {
            client::print_then_reset(reset_after_seconds, status);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (auto, reset_after_seconds);
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        client::print();
    };
    view! {
        <div class="receipt-print no-print">
            <button type="button" class="button receipt-print__button" hidden=move || !ready.get() on:click=print>
                "In giấy tiếp nhận"
            </button>
            <p class="receipt-print__status" role="status">{move || status.get()}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::prelude::*;
    use std::time::Duration;

    pub fn print() {
        let _ = window().print();
    }

    pub fn print_then_reset(reset_after_seconds: u32, status: RwSignal<String>) {
        // A moment for the page (and its QR code) to be drawn before the print is made.
        set_timeout(
            move || {
                // Returns once the print is sent (a kiosk's Chrome prints without a dialog).
                print();
                status.set(format!(
                    "Đã in giấy tiếp nhận. Hãy nhận giấy ở máy in. Máy sẽ trở về trang đầu sau {reset_after_seconds} giây."
                ));
                set_timeout(
                    super::super::timer::end_session,
                    Duration::from_secs(u64::from(reset_after_seconds)),
                );
            },
            Duration::from_millis(500),
        );
    }
}
