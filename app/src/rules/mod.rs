//! Domain rules both the server and the wasm client need: plain functions, tested without a browser.

pub mod dates;
pub mod id_number;
pub mod lifecycle;
pub mod messages;
pub mod resume_code;
pub mod search;
pub mod validate;
pub mod working_days;
