//! The HTTP side: routes, middleware and the listener.

use crate::housekeeping;
use crate::settings::Settings;
use anyhow::Context;
use app::catalog::Catalog;
use app::db::Db;
use app::rules::working_days::Calendar;
use app::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

pub async fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    let catalog = Catalog::load(&settings.procedures_dir).context("loading the procedures")?;
    let calendar_text = std::fs::read_to_string(&settings.calendar_file)
        .with_context(|| format!("reading {}", settings.calendar_file.display()))?;
    let calendar = Calendar::from_toml(&calendar_text).context("reading the holiday calendar")?;
    let db = Db::connect_with(&settings.database_url, settings.group_commit).await?;
    db.migrate().await?;
    let state = AppState {
        db,
        catalog: Arc::new(catalog),
        calendar: Arc::new(calendar),
        secure_cookies: settings.secure_cookies,
        uploads_dir: settings.uploads_dir.clone(),
        resume_limits: settings.resume_limits,
        trusted_proxy: settings.trusted_proxy,
    };
    housekeeping::start(state.db.clone(), state.uploads_dir.clone());
    if demo && let Some(code) = app::filing::demo::seed(&state).await? {
        let code = app::rules::resume_code::grouped(&code);
        tracing::info!("demo draft ready: type the code {code} on the home page to open it");
    }
    let state_group_commit = state.db.group_commit();
    let app = router(settings.leptos.clone(), state);
    let listener = tokio::net::TcpListener::bind(settings.addr)
        .await
        .with_context(|| format!("listening on {}", settings.addr))?
        // Small responses go out at once instead of waiting for Nagle's algorithm.
        .tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
    tracing::info!(
        group_commit = state_group_commit,
        "serving on http://{}",
        settings.addr
    );
    // The peer address is the client of the per-client limits (see `app::limits`).
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await?;
    Ok(())
}

pub fn router(options: leptos::prelude::LeptosOptions, state: AppState) -> Router {
    let routes = generate_route_list(App);
    let db = state.db.clone();
    let context = move || provide_context(state.clone());
    Router::new()
        .route("/healthz", get(move || healthz(db.clone())))
        .leptos_routes_with_context(&options, routes, context, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(options)
        .layer(middleware::from_fn(cache_headers))
        .layer(CompressionLayer::new())
}

async fn healthz(db: Db) -> Response {
    match db.ping().await {
        Ok(()) => "ok".into_response(),
        Err(error) => {
            tracing::error!("health check: {error}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Pages carry personal data and must never be cached; static assets may be.
async fn cache_headers(request: Request, next: Next) -> Response {
    let is_asset =
        request.uri().path().starts_with("/pkg/") || request.uri().path() == "/favicon.svg";
    let mut response = next.run(request).await;
    let value = if is_asset {
        HeaderValue::from_static("public, max-age=3600")
    } else {
        HeaderValue::from_static("no-store")
    };
    response.headers_mut().insert(header::CACHE_CONTROL, value);
    response
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
