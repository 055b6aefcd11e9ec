//! The wasm entry point: hydrates the islands of a server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the browser's console, for development only: in the release build the
    // hook and its formatting cost about 700 B of the citizen's download (docs/decisions.md).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    app::hydrate();
}
