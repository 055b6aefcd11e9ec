//! Accepting connections: how many at once, and how long each may take to say what it wants.
//! In place of `axum::serve`, which has no timeouts: the same HTTP/1 service over hyper, with
//! TCP_NODELAY, the client address for the per-client limits and a graceful shutdown.

use crate::body_limit;
use crate::refusal::{Reason, Refusals, wants_html};
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::serve::Listener;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

/// How long a client may take, and how many may be connected at once.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// From the connection's start, or the end of its last answer, to the end of a request's
    /// headers. hyper starts this clock while a kept-alive connection waits for its next
    /// request, so it is also how long such a connection may sit idle.
    pub header_timeout: Duration,
    /// From the headers to the answer's headers, body included (forms and pages).
    pub request_timeout: Duration,
    /// The same for the two upload routes: photos over a slow mobile network take minutes.
    pub upload_timeout: Duration,
    /// The longest pause between two pieces of a request's body.
    pub body_timeout: Duration,
    /// Connections served at once; the next ones wait in the listen queue, unaccepted.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            upload_timeout: Duration::from_secs(300),
            body_timeout: Duration::from_secs(20),
            max_connections: 1000,
        }
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets the requests under way
/// finish.
pub async fn serve(
    mut listener: TcpListener,
    router: Router,
    limits: Limits,
    refusals: Refusals,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = router.layer(middleware::from_fn_with_state(
        (limits, refusals),
        limit_time,
    ));
    let places = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    // Dropping the receiver asks every connection to finish; each holds a `done` receiver.
    let (stop_tx, stop_rx) = watch::channel(());
    let (done_tx, done_rx) = watch::channel(());
    tokio::spawn(async move {
        shutdown.await;
        drop(stop_rx);
    });
    loop {
        // A place first, so connections beyond the cap wait in the kernel's queue.
        let place = tokio::select! {
            place = places.clone().acquire_owned() => place.expect("never closed"),
            () = stop_tx.closed() => break,
        };
        // axum's accept: retries after a connection error, waits a second after EMFILE.
        let (tcp, peer) = tokio::select! {
            accepted = Listener::accept(&mut listener) => accepted,
            () = stop_tx.closed() => break,
        };
        // Small responses go out at once instead of waiting for Nagle's algorithm.
        let _ = tcp.set_nodelay(true);
        // The peer address is the client of the per-client limits (see `app::limits`).
        let service = router
            .clone()
            .map_request(move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request.map(Body::new)
            });
        let stop = stop_tx.clone();
        let done = done_rx.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout);
            let connection = builder
                .serve_connection(TokioIo::new(tcp), TowerToHyperService::new(service))
                .with_upgrades();
            tokio::pin!(connection);
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(%peer, "connection ended: {error}");
                    }
                }
                () = stop.closed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop((place, done));
        });
    }
    drop((listener, done_rx));
    done_tx.closed().await;
    Ok(())
}

/// Answers 408 to a request not handled in time, and ends a body that pauses too long.
async fn limit_time(
    State((limits, refusals)): State<(Limits, Refusals)>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    let limit = if body_limit::is_upload(&path) {
        limits.upload_timeout
    } else {
        limits.request_timeout
    };
    let html = wants_html(request.headers());
    let request = request.map(|body| Body::new(TimeoutBody::new(limits.body_timeout, body)));
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::info!(path, "request not done in {limit:?}");
            refusals.answer(Reason::TooSlow, html)
        }
    }
}
