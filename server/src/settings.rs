//! Settings from the environment, with defaults that run on one machine with no set-up.

use anyhow::Context;
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

pub struct Settings {
    pub leptos: LeptosOptions,
    pub addr: SocketAddr,
    pub database_url: String,
    pub procedures_dir: PathBuf,
    pub calendar_file: PathBuf,
    pub secure_cookies: bool,
    pub uploads_dir: PathBuf,
    /// Send Strict-Transport-Security: only when every visitor reaches the site over HTTPS.
    pub hsts: bool,
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Self> {
        let leptos = leptos::config::get_configuration(None)
            .context("reading the Leptos settings")?
            .leptos_options;
        let addr = match std::env::var("MC_ADDR") {
            Ok(addr) => addr
                .parse()
                .context("MC_ADDR must look like 127.0.0.1:3000")?,
            Err(_) => leptos.site_addr,
        };
        let data_dir = std::env::var("MC_DATA_DIR").unwrap_or_else(|_| "data".into());
        let database_url = std::env::var("DATABASE_URL")
            .unwrap_or_else(|_| format!("sqlite://{data_dir}/mot-cua.db"));
        let uploads_dir = PathBuf::from(&data_dir).join("uploads");
        Ok(Self {
            uploads_dir,
            leptos,
            addr,
            database_url,
            procedures_dir: app_data("MC_PROCEDURES_DIR", "procedures"),
            calendar_file: app_data("MC_CALENDAR_FILE", "calendar/holidays.toml"),
            secure_cookies: switched_on("MC_SECURE_COOKIES"),
            hsts: switched_on("MC_HSTS"),
        })
    }
}

fn switched_on(variable: &str) -> bool {
    std::env::var(variable).is_ok_and(|v| v == "1" || v == "true")
}

/// Data shipped in `app/`: from the environment, else beside the working directory, else where
/// the source tree was when the binary was built.
fn app_data(variable: &str, relative: &str) -> PathBuf {
    if let Ok(path) = std::env::var(variable) {
        return PathBuf::from(path);
    }
    let beside = Path::new("app").join(relative);
    if beside.exists() {
        return beside;
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../app")
        .join(relative)
}
