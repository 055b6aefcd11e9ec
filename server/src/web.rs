//! The HTTP side: routes, middleware and the listener.

use crate::assets::{self, Caching};
use crate::connections;
use crate::host_check::{self, Hosts};
use crate::housekeeping;
use crate::notifications;
use crate::refusal::Refusals;
use crate::security_headers::{self, SecurityHeaders};
use crate::settings::Settings;
use crate::{body_limit, origin_check, server_fn_failures};
use anyhow::Context;
use app::db::Db;
use app::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use domain::catalog::Catalog;
use domain::working_days::Calendar;
use leptos::prelude::{LeptosOptions, provide_context};
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::sync::Arc;
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// Due dates in a year without data, or with days not yet announced, may be wrong: say so loudly
/// for this year and the next, every time the server starts.
fn warn_about_calendar(calendar: &Calendar, today: chrono::NaiveDate, file: &std::path::Path) {
    use chrono::Datelike;
    let this_year = today.year();
    for year in calendar.missing_years(this_year, this_year + 1) {
        tracing::warn!(
            "the holiday calendar {} has no days for {year}: due dates that year count only \
             weekends and the four fixed holidays, so Tết and days in lieu are wrong; add {year}",
            file.display()
        );
    }
    for year in [this_year, this_year + 1] {
        if calendar.knows_year(year) && calendar.is_uncertain(year) {
            let days: Vec<String> = calendar
                .uncertain_days(year)
                .iter()
                .map(ToString::to_string)
                .collect();
            tracing::warn!(
                "the holiday calendar {} for {year} is not confirmed (uncertain: {}): check it \
                 against the official notice",
                file.display(),
                if days.is_empty() {
                    "the whole year".to_string()
                } else {
                    days.join(", ")
                }
            );
        }
    }
}

/// `MC_CLOCK_START` (RFC 3339, e.g. `2026-12-04T15:01:00+07:00`) starts the service's clock at
/// that moment, for tests of due dates at set times; never set it in production.
fn start_clock_from_env() -> anyhow::Result<()> {
    if let Ok(text) = std::env::var("MC_CLOCK_START") {
        let at = chrono::DateTime::parse_from_rfc3339(text.trim())
            .with_context(|| format!("MC_CLOCK_START is not an RFC 3339 moment: {text}"))?;
        app::state::start_clock_at(at.with_timezone(&chrono::Utc));
        tracing::warn!(
            "the service's clock starts at {at}, not at the wall clock (MC_CLOCK_START)"
        );
    }
    Ok(())
}

/// With `serve --demo`: a birth-registration draft to open, and the demo staff accounts (whose
/// passwords are in the repository). Without it, nothing: a real office has only the accounts
/// its admin made.
pub async fn seed_demo(state: &AppState, demo: bool) -> anyhow::Result<()> {
    if !demo {
        return Ok(());
    }
    if let Some(code) = app::filing::demo::seed(state).await? {
        let code = domain::resume_code::grouped(&code);
        tracing::info!("demo draft ready: type the code {code} on the home page to open it");
    }
    let created = app::staff::demo::seed(&state.db)
        .await
        .context("creating the demo staff accounts")?;
    for (username, _, role, password) in app::staff::demo::ACCOUNTS {
        if created.contains(&username) {
            tracing::info!("demo staff account {username} ({role}), password: {password}");
        } else {
            tracing::info!("demo staff account {username} ({role}) exists: left as it is");
        }
    }
    Ok(())
}

pub async fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    start_clock_from_env()?;
    let caching = assets::check(&settings.leptos)?;
    let catalog = Catalog::load(&settings.procedures_dir).context("loading the procedures")?;
    let calendar_text = std::fs::read_to_string(&settings.calendar_file)
        .with_context(|| format!("reading {}", settings.calendar_file.display()))?;
    let calendar = Calendar::from_toml(&calendar_text).context("reading the holiday calendar")?;
    warn_about_calendar(&calendar, app::state::today(), &settings.calendar_file);
    let db = settings.open_database().await?;
    let documents = app::documents::Documents::in_database(db.clone());
    housekeeping::move_old_uploads(&documents, &settings.uploads_dir).await?;
    app::cookies::use_host_prefix(settings.secure_cookies);
    let state = AppState {
        db,
        catalog: Arc::new(catalog),
        calendar: Arc::new(calendar),
        secure_cookies: settings.secure_cookies,
        public_url: settings.public_url.clone(),
        documents,
        resume_limits: settings.resume_limits,
        trusted_proxies: settings.trusted_proxies.clone(),
        staff_idle: settings.staff_idle,
    };
    housekeeping::start(state.db.clone(), state.documents.clone());
    let senders =
        notifications::Senders::from_env(&settings.data_dir).context("setting up SMS and email")?;
    // Turns true at SIGTERM: the background work finishes what it holds and ends.
    let (stopping_tx, stopping) = tokio::sync::watch::channel(false);
    let outbox_worker = notifications::start(state.db.clone(), senders, stopping);
    seed_demo(&state, demo).await?;
    let headers = SecurityHeaders {
        hsts: settings.hsts,
    };
    let state_group_commit = state.db.group_commit();
    let db = state.db.clone();
    // Demo and an unset public address also serve 127.0.0.1 and localhost on the listen port.
    let loopback = (demo || !settings.public_url_set).then_some(settings.addr.port());
    let hosts = Hosts::new(&settings.public_url, &settings.allowed_hosts, loopback);
    let refusals = Refusals::new(&settings.leptos);
    let app = router(settings.leptos.clone(), state, &headers, caching, hosts);
    let listener = tokio::net::TcpListener::bind(settings.addr)
        .await
        .with_context(|| format!("listening on {}", settings.addr))?;
    tracing::info!(
        group_commit = state_group_commit,
        "serving on http://{}, public address {}",
        settings.addr,
        settings.public_url
    );
    // The port opens only now, once the migrations ran and the catalog loaded: until then a
    // proxy's connection is refused, and it tries the next server.
    let (stopped_tx, stopped_at) = tokio::sync::oneshot::channel();
    let signal = async move {
        shutdown().await;
        tracing::info!("stopping: no new connections; finishing what is under way");
        let _ = stopped_tx.send(tokio::time::Instant::now());
        stopping_tx.send_replace(true);
    };
    let drain = settings.connections.drain;
    connections::serve(listener, app, settings.connections, refusals, signal).await?;
    // The outbox worker sends the message in hand (a sender times out after 15 s) and gives
    // the rest back to the other servers; all within the same drain time as the requests.
    let deadline = stopped_at
        .await
        .unwrap_or_else(|_| tokio::time::Instant::now())
        + drain;
    if tokio::time::timeout_at(deadline, outbox_worker)
        .await
        .is_err()
    {
        tracing::warn!(
            "stopping: the outbox worker did not finish in {} s",
            drain.as_secs()
        );
    }
    // Saves whose clients stopped waiting may still sit in a batch: commit them before exiting.
    if let Err(error) = db.flush().await {
        tracing::error!("stopping: committing the last batch of saves: {error}");
    }
    db.pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Every route, and the middleware every request goes through (outermost last).
pub fn router(
    options: LeptosOptions,
    state: AppState,
    headers: &SecurityHeaders,
    caching: Caching,
    hosts: Hosts,
) -> Router {
    let routes = generate_route_list(App);
    let db = state.db.clone();
    let documents = state.clone();
    let backoffice = state.clone();
    let refusals = Refusals::new(&options);
    let context = move || {
        provide_context(state.clone());
        security_headers::provide_nonce();
    };
    let router = Router::new()
        .route(
            connections::READINESS_PATH,
            get(move || healthz(db.clone())),
        )
        .route(LIVENESS_PATH, get(|| async { "ok" }))
        .route(
            &format!("{}{{name}}", app::paths::DOWNLOAD_PREFIX),
            get(
                move |Path(name): Path<String>, request_headers: axum::http::HeaderMap| {
                    app::filing::download(documents.clone(), name, request_headers)
                },
            ),
        )
        .route(
            app::paths::DASHBOARD_CSV_URL,
            get({
                let state = backoffice.clone();
                move |request: axum::http::request::Parts| {
                    app::backoffice::dashboard_csv(state.clone(), request)
                }
            }),
        )
        .route(
            &format!("{}{{code}}/{{name}}", app::paths::STAFF_DOWNLOAD_PREFIX),
            get({
                let state = backoffice;
                move |Path((code, name)): Path<(String, String)>,
                      request: axum::http::request::Parts| {
                    app::backoffice::staff_download(state.clone(), code, name, request)
                }
            }),
        )
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .with_state(options)
        .layer(middleware::from_fn_with_state(
            refusals.clone(),
            server_fn_failures::explain,
        ))
        .layer(middleware::from_fn_with_state(
            refusals.clone(),
            body_limit::limit_body,
        ))
        .layer(middleware::from_fn_with_state(
            refusals,
            origin_check::refuse_cross_site,
        ))
        .layer(middleware::from_fn_with_state(
            caching,
            assets::cache_headers,
        ))
        .layer(middleware::from_fn_with_state(
            hosts,
            host_check::refuse_other_hosts,
        ));
    // The navigation script's Continue: the redirect followed here, in the same round trip.
    let router = router.clone().layer(middleware::from_fn_with_state(
        router,
        crate::one_trip::follow,
    ));
    // Compresses the HTML on the fly; precompressed assets (.br, .gz) carry a Content-Encoding
    // already and pass through untouched. Level 1: on a 5 KB page brotli 4 costs ~120 µs of
    // CPU for 2.1 KB, brotli 1 ~45 µs for 2.4 KB; both fit the first round trip.
    headers
        .apply(router)
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(1)))
}

/// Whether the process runs and answers, whatever its database does and even while it stops:
/// for a supervisor that restarts a stuck process, never for choosing where to send requests.
pub const LIVENESS_PATH: &str = "/livez";

/// Ready for requests: the port opens only after the migrations and the catalog (see `serve`),
/// the database must answer now, and while stopping `connections` answers 503 instead.
async fn healthz(db: Db) -> Response {
    match db.ping().await {
        Ok(()) => "ok".into_response(),
        Err(error) => {
            tracing::error!("health check: {error}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}
