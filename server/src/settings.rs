//! Settings from the environment, with defaults that run on one machine with no set-up.

use crate::connections::Limits;
use anyhow::Context;
use app::db::GroupCommit;
use app::limits::ResumeLimits;
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub struct Settings {
    pub leptos: LeptosOptions,
    pub addr: SocketAddr,
    pub database_url: String,
    /// PostgreSQL: a role that owns the tables and runs the migrations
    /// (`MC_DATABASE_OWNER_URL`), so that `database_url`'s role cannot alter the audit log.
    pub database_owner_url: Option<String>,
    pub procedures_dir: PathBuf,
    pub calendar_file: PathBuf,
    pub secure_cookies: bool,
    /// The site's one address (`MC_PUBLIC_URL`), the start of every absolute link; by default
    /// the local listen address, http://127.0.0.1:PORT.
    pub public_url: String,
    /// Whether `MC_PUBLIC_URL` was set: if not, 127.0.0.1 and localhost on the port are served.
    pub public_url_set: bool,
    /// Other hosts requests may name (`MC_ALLOWED_HOSTS`, comma-separated `host[:port]`).
    pub allowed_hosts: Vec<String>,
    /// Where documents were kept before they moved into the database: moved at start.
    pub uploads_dir: PathBuf,
    /// Send Strict-Transport-Security: only when every visitor reaches the site over HTTPS (by
    /// default when the public address is https).
    pub hsts: bool,
    pub group_commit: GroupCommit,
    pub resume_limits: ResumeLimits,
    /// Our reverse proxies' addresses: only they may name the client in `X-Forwarded-For`.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// A staff session unused this long ends (`MC_STAFF_IDLE_MINUTES`, 30 by default).
    pub staff_idle: chrono::Duration,
    /// Timeouts and the connection cap of the serve loop.
    pub connections: Limits,
    /// Where the database, uploads and the development SMS log live by default.
    pub data_dir: String,
}

impl Settings {
    /// The database, migrated: by the owner role when there is one (which then grants the
    /// application's role what it may do), else by the application's own role.
    pub async fn open_database(&self) -> anyhow::Result<app::db::Db> {
        let db = app::db::Db::connect_with(&self.database_url, self.group_commit).await?;
        match &self.database_owner_url {
            Some(owner_url) => {
                let owner = app::db::Db::connect(owner_url).await?;
                owner.migrate().await?;
                owner.grant_to(&db.role().await?).await?;
                owner.pool.close().await;
            }
            None => db.migrate().await?,
        }
        Ok(db)
    }

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
        let (public_url, public_url_set) = match std::env::var("MC_PUBLIC_URL") {
            Ok(url) if !url.trim().is_empty() => (public_url(&url)?, true),
            _ => {
                let port = addr.port();
                (format!("http://127.0.0.1:{port}"), false)
            }
        };
        let (secure_cookies, hsts) = transport_security(
            &public_url,
            std::env::var("MC_SECURE_COOKIES").ok(),
            std::env::var("MC_HSTS").ok(),
        );
        let allowed_hosts = std::env::var("MC_ALLOWED_HOSTS")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|host| !host.is_empty())
            .map(str::to_string)
            .collect();
        let data_dir = std::env::var("MC_DATA_DIR").unwrap_or_else(|_| "data".into());
        let database_url = std::env::var("DATABASE_URL")
            .unwrap_or_else(|_| format!("sqlite://{data_dir}/mot-cua.db"));
        let uploads_dir = PathBuf::from(&data_dir).join("uploads");
        let database_owner_url = std::env::var("MC_DATABASE_OWNER_URL")
            .ok()
            .filter(|url| !url.is_empty());
        if database_owner_url.is_some() && !database_url.starts_with("postgres") {
            anyhow::bail!("MC_DATABASE_OWNER_URL is for PostgreSQL: DATABASE_URL must be one too");
        }
        let group_commit = match std::env::var("MC_GROUP_COMMIT").as_deref() {
            Err(_) | Ok("" | "auto") => GroupCommit::Auto,
            Ok("1" | "on") => GroupCommit::On,
            Ok("0" | "off") => GroupCommit::Off,
            Ok(other) => anyhow::bail!("MC_GROUP_COMMIT must be auto, on or off, not {other}"),
        };
        app::limits::scale_daily_allowances(positive("MC_DAILY_ALLOWANCES_SCALE", 1)?);
        let defaults = ResumeLimits::default();
        let resume_limits = ResumeLimits {
            per_client: number("MC_RESUME_GUESSES_PER_CLIENT", defaults.per_client)?,
            global: number("MC_RESUME_GUESSES_GLOBAL", defaults.global)?,
            window_secs: defaults.window_secs,
            slow_down_ms: number("MC_GUESS_SLOW_DOWN_MS", defaults.slow_down_ms as i64)? as u64,
        };
        let limits = Limits::default();
        let connections = Limits {
            header_timeout: seconds("MC_HEADER_TIMEOUT_SECS", limits.header_timeout)?,
            request_timeout: seconds("MC_REQUEST_TIMEOUT_SECS", limits.request_timeout)?,
            upload_timeout: seconds("MC_UPLOAD_TIMEOUT_SECS", limits.upload_timeout)?,
            body_timeout: seconds("MC_BODY_TIMEOUT_SECS", limits.body_timeout)?,
            max_connections: positive("MC_MAX_CONNECTIONS", limits.max_connections as i64)?
                as usize,
            drain: seconds("MC_DRAIN_SECS", limits.drain)?,
        };
        let idle_minutes = positive(
            "MC_STAFF_IDLE_MINUTES",
            app::identity::DEFAULT_STAFF_IDLE_MINUTES,
        )?;
        Ok(Self {
            staff_idle: chrono::Duration::minutes(idle_minutes),
            connections,
            data_dir,
            group_commit,
            resume_limits,
            database_owner_url,
            trusted_proxies: trusted_proxies(
                &std::env::var("MC_TRUSTED_PROXY").unwrap_or_default(),
            )?,
            uploads_dir,
            leptos,
            addr,
            database_url,
            procedures_dir: app_data("MC_PROCEDURES_DIR", "procedures"),
            calendar_file: app_data("MC_CALENDAR_FILE", "calendar/holidays.toml"),
            secure_cookies,
            hsts,
            public_url,
            public_url_set,
            allowed_hosts,
        })
    }
}

/// `MC_TRUSTED_PROXY`: the proxies' addresses, comma-separated; `1` means a proxy on this
/// machine (127.0.0.1 and ::1); unset, none.
fn trusted_proxies(value: &str) -> anyhow::Result<Vec<std::net::IpAddr>> {
    match value.trim() {
        "" | "0" | "false" => Ok(Vec::new()),
        "1" | "true" => Ok(vec![
            std::net::Ipv4Addr::LOCALHOST.into(),
            std::net::Ipv6Addr::LOCALHOST.into(),
        ]),
        list => list
            .split(',')
            .map(|address| {
                address.trim().parse().map_err(|_| {
                    anyhow::anyhow!("MC_TRUSTED_PROXY: {address:?} is not an IP address")
                })
            })
            .collect(),
    }
}

/// `Secure` cookies (which the server then also names `__Host-`) and Strict-Transport-Security:
/// both follow from an https public address unless `MC_SECURE_COOKIES` / `MC_HSTS` say
/// otherwise.
fn transport_security(
    public_url: &str,
    secure_cookies: Option<String>,
    hsts: Option<String>,
) -> (bool, bool) {
    let https = public_url.starts_with("https://");
    (flag_or(secure_cookies, https), flag_or(hsts, https))
}

/// A flag's value, `default` when not set.
fn flag_or(value: Option<String>, default: bool) -> bool {
    match value {
        Some(value) if !value.is_empty() => value == "1" || value == "true",
        _ => default,
    }
}

/// `MC_PUBLIC_URL` as `scheme://host[:port]`: http or https, no path, no trailing slash.
fn public_url(url: &str) -> anyhow::Result<String> {
    let url = url.trim().trim_end_matches('/');
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .context("MC_PUBLIC_URL must start with https:// or http://")?;
    anyhow::ensure!(
        !host.is_empty() && !host.contains(['/', '?', '#', '@', ' ']),
        "MC_PUBLIC_URL must be only the site's address, like https://motcua.example.vn"
    );
    Ok(url.to_string())
}

fn number(variable: &str, default: i64) -> anyhow::Result<i64> {
    match std::env::var(variable) {
        Ok(value) => value
            .parse()
            .with_context(|| format!("{variable} must be a whole number")),
        Err(_) => Ok(default),
    }
}

/// A number of at least 1.
fn positive(variable: &str, default: i64) -> anyhow::Result<i64> {
    let value = number(variable, default)?;
    anyhow::ensure!(value >= 1, "{variable} must be 1 or more");
    Ok(value)
}

fn seconds(variable: &str, default: Duration) -> anyhow::Result<Duration> {
    let default = default.as_secs() as i64;
    Ok(Duration::from_secs(positive(variable, default)? as u64))
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

#[cfg(test)]
mod tests {
    use super::{transport_security, trusted_proxies};

    #[test]
    fn an_https_public_address_brings_secure_cookies_and_hsts_unless_told_otherwise() {
        let https = "https://motcua.daklak.gov.vn";
        assert_eq!(transport_security(https, None, None), (true, true));
        assert_eq!(
            transport_security(https, Some(String::new()), None),
            (true, true)
        );
        assert_eq!(
            transport_security("http://127.0.0.1:3000", None, None),
            (false, false)
        );
        // Said otherwise: behind a proxy that ends TLS elsewhere, or before every visitor
        // reaches the site over https.
        assert_eq!(
            transport_security(https, Some("0".into()), Some("false".into())),
            (false, false)
        );
        assert_eq!(
            transport_security("http://motcua.test", Some("1".into()), None),
            (true, false)
        );
    }

    #[test]
    fn only_the_named_proxies_are_trusted() {
        assert!(trusted_proxies("").unwrap().is_empty());
        let local = trusted_proxies("1").unwrap();
        assert!(local.contains(&"127.0.0.1".parse().unwrap()));
        assert!(!local.contains(&"10.0.0.5".parse().unwrap()));
        assert_eq!(
            trusted_proxies("10.0.0.5, 10.0.0.6").unwrap(),
            [
                "10.0.0.5".parse::<std::net::IpAddr>().unwrap(),
                "10.0.0.6".parse().unwrap()
            ]
        );
        assert!(trusted_proxies("proxy.local").is_err());
    }
}
