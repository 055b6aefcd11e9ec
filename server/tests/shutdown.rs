//! Stopping (SIGTERM), over real TCP: what is under way is answered, new connections are refused
//! (a proxy then sends them to another server), a proxy's kept-alive connection is not cut under
//! it, and the readiness check says 503 meanwhile while the liveness check still says ok.

mod common;

use common::site;
use leptos::prelude::LeptosOptions;
use server::connections::{self, Limits};
use server::refusal::Refusals;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

type Served = JoinHandle<std::io::Result<()>>;

/// The serve loop ends, well, within 5 s.
async fn ends(served: Served) {
    let ended = tokio::time::timeout(Duration::from_secs(5), served).await;
    assert!(
        matches!(ended, Ok(Ok(Ok(())))),
        "the server did not end: {ended:?}"
    );
}

/// The real router behind the real serve loop; sending on the sender is the SIGTERM.
async fn start(limits: Limits) -> (SocketAddr, oneshot::Sender<()>, Served) {
    let site = site().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let refusals = Refusals::new(&LeptosOptions::builder().output_name("mot-cua").build());
    let served = tokio::spawn(connections::serve(
        listener,
        site.router,
        limits,
        refusals,
        async move {
            let _ = stopped.await;
        },
    ));
    (addr, stop, served)
}

fn get(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: motcua.test\r\nAccept: text/html\r\n\r\n")
}

/// The head of the next answer on `stream` (status line and headers, lower case), or None.
async fn head(stream: &mut TcpStream) -> Option<String> {
    let mut answer = Vec::new();
    let read = async {
        while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
            if stream.read_buf(&mut answer).await.ok()? == 0 {
                return None;
            }
        }
        let text = String::from_utf8_lossy(&answer).to_lowercase();
        text.split("\r\n\r\n").next().map(str::to_string)
    };
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .ok()
        .flatten()
}

/// Reads what is left of an answer; whether the server then closed `stream` within `within`.
async fn closed(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buffer = [0u8; 4096];
    let read_to_end = async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return true,
                Ok(_) => {}
            }
        }
    };
    tokio::time::timeout(within, read_to_end)
        .await
        .unwrap_or(false)
}

#[tokio::test]
async fn a_stopping_server_answers_what_it_was_asked_refuses_new_connections_and_ends() {
    let (addr, stop, served) = start(Limits::default()).await;
    // Two kept-alive connections that asked once and now wait, as in a proxy's pool.
    let mut pooled = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(get("/healthz").as_bytes()).await.unwrap();
        let answer = head(&mut stream).await.unwrap();
        assert!(answer.starts_with("http/1.1 200"), "{answer}");
        assert!(!answer.contains("connection: close"), "{answer}");
        // The body read, the connection stays open.
        assert!(!closed(&mut stream, Duration::from_millis(50)).await);
        pooled.push(stream);
    }
    // A citizen's form on its way: the headers and half the body are in.
    let form = "thu_tuc=khai-sinh";
    let mut busy = TcpStream::connect(addr).await.unwrap();
    let headers = format!(
        "POST /api/bat-dau HTTP/1.1\r\nHost: motcua.test\r\nAccept: text/html\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        form.len()
    );
    busy.write_all(headers.as_bytes()).await.unwrap();
    busy.write_all(&form.as_bytes()[..8]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    // No new connection: refused before anything is sent, so a proxy may send it elsewhere.
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "a stopping server took a new connection"
    );
    // On a pooled connection the readiness check says 503, then the connection closes.
    let (ready, live) = pooled.split_at_mut(1);
    ready[0]
        .write_all(get("/healthz").as_bytes())
        .await
        .unwrap();
    let answer = head(&mut ready[0])
        .await
        .expect("an answer on a pooled connection");
    assert!(answer.starts_with("http/1.1 503"), "{answer}");
    assert!(answer.contains("connection: close"), "{answer}");
    assert!(closed(&mut ready[0], Duration::from_secs(2)).await);
    // The process is alive all the same.
    live[0].write_all(get("/livez").as_bytes()).await.unwrap();
    let answer = head(&mut live[0])
        .await
        .expect("an answer on a pooled connection");
    assert!(answer.starts_with("http/1.1 200"), "{answer}");
    assert!(answer.contains("connection: close"), "{answer}");
    assert!(closed(&mut live[0], Duration::from_secs(2)).await);
    // The form under way is finished and answered: its draft is made.
    busy.write_all(&form.as_bytes()[8..]).await.unwrap();
    let answer = head(&mut busy)
        .await
        .expect("the form under way was answered");
    assert!(answer.starts_with("http/1.1 302"), "{answer}");
    assert!(answer.contains("set-cookie: mc_ho_so="), "{answer}");
    assert!(answer.contains("connection: close"), "{answer}");
    assert!(closed(&mut busy, Duration::from_secs(2)).await);
    // Nothing left under way: the server ends.
    ends(served).await;
}

#[tokio::test]
async fn an_idle_connection_holds_a_stopping_server_no_longer_than_the_header_timeout() {
    let limits = Limits {
        header_timeout: Duration::from_secs(1),
        ..Limits::default()
    };
    let (addr, stop, served) = start(limits).await;
    let mut idle = TcpStream::connect(addr).await.unwrap();
    idle.write_all(get("/healthz").as_bytes()).await.unwrap();
    assert!(head(&mut idle).await.unwrap().starts_with("http/1.1 200"));
    let started = Instant::now();
    stop.send(()).unwrap();
    ends(served).await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(closed(&mut idle, Duration::from_millis(100)).await);
}

#[tokio::test]
async fn a_request_that_never_ends_holds_a_stopping_server_no_longer_than_the_drain_time() {
    // A form whose client stalls halfway, with timeouts long enough not to end it.
    let limits = Limits {
        request_timeout: Duration::from_secs(60),
        body_timeout: Duration::from_secs(60),
        drain: Duration::from_secs(1),
        ..Limits::default()
    };
    let (addr, stop, served) = start(limits).await;
    let mut stalled = TcpStream::connect(addr).await.unwrap();
    stalled
        .write_all(
            b"POST /api/bat-dau HTTP/1.1\r\nHost: motcua.test\r\nAccept: text/html\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 17\r\n\r\n\
              thu_tuc=",
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    stop.send(()).unwrap();
    // Else the supervisor's stop timeout (40 s) would kill it first, before it committed its
    // last batch of saves.
    ends(served).await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}
