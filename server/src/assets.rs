//! The built assets (CSS, JS, wasm) and how long browsers may keep them.

use anyhow::{Context, bail};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::LeptosOptions;
use std::path::PathBuf;

/// How the server names and caches the files under `/pkg/`.
#[derive(Clone, Copy, Debug)]
pub struct Caching {
    /// The names carry a content hash: a changed file gets a new name, so the old one may be
    /// kept for ever.
    pub hashed: bool,
}

/// Checks at start that the files the pages will link to exist, so that a missing or stale
/// build stops the server with a reason instead of serving pages without style.
pub fn check(options: &LeptosOptions) -> anyhow::Result<Caching> {
    let pkg = PathBuf::from(&*options.site_root).join(&*options.site_pkg_dir);
    let mut names = vec![format!("{}.css", options.output_name)];
    if options.hash_files {
        // Leptos reads the names from this file, beside the executable (cargo-leptos writes it).
        let hash_file = std::env::current_exe()
            .context("finding the server executable")?
            .with_file_name(&*options.hash_file);
        let text = std::fs::read_to_string(&hash_file).with_context(|| {
            format!(
                "reading {} (build with `cargo leptos build --release`)",
                hash_file.display()
            )
        })?;
        names = text
            .lines()
            .filter_map(|line| line.split_once(':'))
            .filter(|(kind, _)| matches!(kind.trim(), "css" | "js" | "wasm"))
            .map(|(kind, hash)| format!("{}.{}.{}", options.output_name, hash.trim(), kind.trim()))
            .collect();
        if names.len() != 3 {
            bail!("{} does not name the CSS, JS and wasm", hash_file.display());
        }
    }
    for name in &names {
        let path = pkg.join(name);
        if !path.is_file() {
            bail!(
                "{} is missing: build with `cargo leptos build --release`",
                path.display()
            );
        }
    }
    tracing::info!("assets: {}", names.join(", "));
    Ok(Caching {
        hashed: options.hash_files,
    })
}

/// Pages carry personal data and are never stored; hashed assets are kept a year.
pub async fn cache_headers(
    State(caching): State<Caching>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let is_pkg = path.starts_with("/pkg/");
    let is_favicon = path == "/favicon.svg";
    // Not hashed: asked again at every page load (a 304 while unchanged).
    let is_script = path == app::paths::NAVIGATION_SCRIPT_URL;
    let mut response = next.run(request).await;
    let found = response.status().is_success() || response.status().as_u16() == 304;
    let value = match (is_pkg, is_favicon, found) {
        (true, _, true) if caching.hashed => "public, max-age=31536000, immutable",
        // Unhashed names (a build without hash-files) must be checked again each time.
        (true, _, true) => "no-cache",
        (_, true, true) => "public, max-age=86400",
        _ if is_script && found => "no-cache",
        _ => "no-store",
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    // A precompressed file (.br, .gz) depends on Accept-Encoding too: shared caches must know.
    if is_pkg && !headers.contains_key(header::VARY) {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}
