//! Settings from the environment, with defaults that run on one machine with no set-up.

use anyhow::Context;
use app::db::GroupCommit;
use app::limits::ResumeLimits;
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
    pub group_commit: GroupCommit,
    pub resume_limits: ResumeLimits,
    pub trusted_proxy: bool,
    /// Where the database, uploads and the development SMS log live by default.
    pub data_dir: String,
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Self> {
        let mut leptos = leptos::config::get_configuration(None)
            .context("reading the Leptos settings")?
            .leptos_options;
        // cargo-leptos tells the build, not the run, that asset names are hashed: keep what it said
        // so that `target/release/server` started by hand finds mot-cua.<hash>.css too.
        if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
            leptos.hash_files = option_env!("LEPTOS_HASH_FILES") == Some("true");
        }
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
        let group_commit = match std::env::var("MC_GROUP_COMMIT").as_deref() {
            Err(_) | Ok("" | "auto") => GroupCommit::Auto,
            Ok("1" | "on") => GroupCommit::On,
            Ok("0" | "off") => GroupCommit::Off,
            Ok(other) => anyhow::bail!("MC_GROUP_COMMIT must be auto, on or off, not {other}"),
        };
        let defaults = ResumeLimits::default();
        let resume_limits = ResumeLimits {
            per_client: number("MC_RESUME_GUESSES_PER_CLIENT", defaults.per_client)?,
            global: number("MC_RESUME_GUESSES_GLOBAL", defaults.global)?,
            window_secs: defaults.window_secs,
        };
        Ok(Self {
            data_dir,
            group_commit,
            resume_limits,
            trusted_proxy: flag("MC_TRUSTED_PROXY"),
            uploads_dir,
            leptos,
            addr,
            database_url,
            procedures_dir: app_data("MC_PROCEDURES_DIR", "procedures"),
            calendar_file: app_data("MC_CALENDAR_FILE", "calendar/holidays.toml"),
            secure_cookies: flag("MC_SECURE_COOKIES"),
            hsts: flag("MC_HSTS"),
        })
    }
}

fn flag(variable: &str) -> bool {
    std::env::var(variable).is_ok_and(|v| v == "1" || v == "true")
}

fn number(variable: &str, default: i64) -> anyhow::Result<i64> {
    match std::env::var(variable) {
        Ok(value) => value
            .parse()
            .with_context(|| format!("{variable} must be a whole number")),
        Err(_) => Ok(default),
    }
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
