//! Accepting connections: how many at once, and how long each may take to say what it wants.
//! In place of `axum::serve`, which has no timeouts: the same HTTP/1 service over hyper, with
//! TCP_NODELAY, the client address for the per-client limits and a shutdown that loses nothing.

use crate::body_limit;
use crate::refusal::{Reason, Refusals, wants_html};
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::serve::Listener;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
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
    /// From SIGTERM, how long requests under way may take before the server exits without
    /// them: shorter than the supervisor's stop timeout (systemd's `TimeoutStopSec`), so that
    /// the server still commits its last batch of saves rather than being killed first.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            upload_timeout: Duration::from_secs(300),
            body_timeout: Duration::from_secs(20),
            max_connections: 1000,
            drain: Duration::from_secs(30),
        }
    }
}

/// Where a load balancer asks whether to send requests here: 200 when the database answers,
/// 503 while this server is stopping (see `web::healthz`).
pub const READINESS_PATH: &str = "/healthz";

/// Whether the server is stopping: set once, when `shutdown` resolves.
#[derive(Clone, Default)]
struct Draining(Arc<AtomicBool>);

impl Draining {
    fn is_on(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, then stops taking connections and
/// returns once every request under way is answered, or at the latest `limits.drain` after.
///
/// Stopping loses no request that a proxy would not send elsewhere: the port closes, so a new
/// connection is refused before any request is sent on it (nginx tries the next server); the
/// connections the kernel had already accepted are taken and answered; a kept-alive connection
/// is never closed under a request the proxy may be sending on it, but each answer from then on
/// says `Connection: close`, and an idle one ends at the header timeout (the proxy's own idle
/// timeout should be shorter, so it closes first).
pub async fn serve(
    mut listener: TcpListener,
    router: Router,
    limits: Limits,
    refusals: Refusals,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let draining = Draining::default();
    let router = router
        .layer(middleware::from_fn_with_state(
            (limits, refusals),
            limit_time,
        ))
        .layer(middleware::from_fn_with_state(
            draining.clone(),
            while_draining,
        ));
    let places = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    // Dropping `stop` ends the accept loop; each connection holds a `done` receiver.
    let (stop_tx, stop_rx) = watch::channel(());
    let (done_tx, done_rx) = watch::channel(());
    let flag = draining.clone();
    let (stopped_tx, stopped_at) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        shutdown.await;
        let _ = stopped_tx.send(tokio::time::Instant::now());
        flag.0.store(true, Ordering::Release);
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
        connection(tcp, peer, &router, limits, Some(place), done_rx.clone());
    }
    // Connections already in the kernel's queue would be reset when the port closes, after the
    // proxy sent its request: take them and answer them.
    let listener = listener.into_std()?;
    loop {
        match listener.accept() {
            Ok((tcp, peer)) => {
                tcp.set_nonblocking(true)?;
                let place = places.clone().try_acquire_owned().ok();
                let tcp = tokio::net::TcpStream::from_std(tcp)?;
                connection(tcp, peer, &router, limits, place, done_rx.clone());
            }
            Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => break,
            Err(error) => {
                tracing::debug!("accepting a queued connection while stopping: {error}");
                break;
            }
        }
    }
    drop((listener, done_rx));
    tracing::info!("stopping: the port is closed; finishing the requests under way");
    let deadline = stopped_at
        .await
        .unwrap_or_else(|_| tokio::time::Instant::now())
        + limits.drain;
    if tokio::time::timeout_at(deadline, done_tx.closed())
        .await
        .is_err()
    {
        // A slow upload, say: its client gets an error and sends it again; what was
        // acknowledged before is kept.
        tracing::warn!(
            "stopping: {} connections still busy after {} s; ending without them",
            done_tx.receiver_count(),
            limits.drain.as_secs()
        );
    }
    Ok(())
}

/// Serves one connection until it ends: the client closes it, an answer says
/// `Connection: close`, or it sits idle past the header timeout.
fn connection(
    tcp: tokio::net::TcpStream,
    peer: SocketAddr,
    router: &Router,
    limits: Limits,
    place: Option<OwnedSemaphorePermit>,
    done: watch::Receiver<()>,
) {
    // Small responses go out at once instead of waiting for Nagle's algorithm.
    let _ = tcp.set_nodelay(true);
    // The peer address is the client of the per-client limits (see `app::limits`).
    let service = router
        .clone()
        .map_request(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            request.map(Body::new)
        });
    tokio::spawn(async move {
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout);
        let connection = builder
            .serve_connection(TokioIo::new(tcp), TowerToHyperService::new(service))
            .with_upgrades();
        if let Err(error) = connection.await {
            tracing::debug!(%peer, "connection ended: {error}");
        }
        drop((place, done));
    });
}

/// While stopping: the readiness check says 503, so that a load balancer sends new requests
/// elsewhere, and every other request is answered as usual, then its connection closed.
async fn while_draining(
    State(draining): State<Draining>,
    request: Request,
    next: Next,
) -> Response {
    if draining.is_on() && request.uri().path() == READINESS_PATH {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONNECTION, HeaderValue::from_static("close"))],
            "stopping",
        )
            .into_response();
    }
    let mut response = next.run(request).await;
    if draining.is_on() {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
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
