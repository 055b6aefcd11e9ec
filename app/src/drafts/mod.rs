//! Drafts as more than one feature needs them: which draft this browser is working on.

pub mod session;
