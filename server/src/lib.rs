//! The Một Cửa server process: settings, the router with its middleware, and the listener.
//! A library so that tests drive the same router the binary serves.

pub mod assets;
pub mod body_limit;
pub mod connections;
pub mod host_check;
pub mod housekeeping;
pub mod notifications;
pub mod one_trip;
pub mod origin_check;
pub mod refusal;
pub mod security_headers;
pub mod server_fn_failures;
pub mod settings;
pub mod web;
