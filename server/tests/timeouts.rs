//! Timeouts and the connection cap, over real TCP: a client that sends its headers slowly, sits
//! idle, drips its body or arrives beyond the cap cannot hold the server.

mod common;

use common::{HOST, ORIGIN, site};
use leptos::prelude::LeptosOptions;
use server::connections::{self, Limits};
use server::refusal::Refusals;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// The real router behind the real serve loop on 127.0.0.1:0; dropping the sender stops it.
async fn start(limits: Limits) -> (SocketAddr, oneshot::Sender<()>) {
    let site = site().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let refusals = Refusals::new(&LeptosOptions::builder().output_name("mot-cua").build());
    tokio::spawn(connections::serve(
        listener,
        site.router,
        limits,
        refusals,
        async move {
            let _ = stopped.await;
        },
    ));
    (addr, stop)
}

fn quick(header_secs: u64) -> Limits {
    Limits {
        header_timeout: Duration::from_secs(header_secs),
        ..Limits::default()
    }
}

const HEALTH: &str = "GET /healthz HTTP/1.1\r\nHost: motcua.test\r\n\r\n";

/// The status line of the next answer on `stream`, or None if it closed or said nothing in time.
async fn status_line(stream: &mut TcpStream, within: Duration) -> Option<String> {
    let mut answer = Vec::new();
    let read = async {
        while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
            if stream.read_buf(&mut answer).await.ok()? == 0 {
                return None;
            }
        }
        let text = String::from_utf8_lossy(&answer).to_string();
        text.lines().next().map(str::to_string)
    };
    tokio::time::timeout(within, read).await.ok().flatten()
}

/// Whether the server closed `stream` within `within` (reads nothing more, then end of stream).
async fn closed(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buffer = [0u8; 1024];
    matches!(
        tokio::time::timeout(within, stream.read(&mut buffer)).await,
        Ok(Ok(0) | Err(_))
    )
}

#[tokio::test]
async fn a_slow_header_connection_is_dropped_and_a_normal_request_still_works() {
    let (addr, _stop) = start(quick(1)).await;
    let started = Instant::now();
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
    let mut answer = Vec::new();
    let mut line = 0;
    let dropped = loop {
        tokio::select! {
            read = slow.read_buf(&mut answer) => match read {
                Ok(0) | Err(_) => break true,
                Ok(_) => {}
            },
            () = tokio::time::sleep(Duration::from_secs(2)) => {
                if started.elapsed() > Duration::from_secs(12) {
                    break false;
                }
                line += 1;
                let header = format!("X-Slow-{line}: still typing\r\n");
                if slow.write_all(header.as_bytes()).await.is_err() {
                    break true;
                }
            }
        }
    };
    assert!(
        dropped,
        "a header line every 2 s kept the connection for 12 s"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(
        !String::from_utf8_lossy(&answer).contains(" 200 "),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    let mut normal = TcpStream::connect(addr).await.unwrap();
    normal.write_all(HEALTH.as_bytes()).await.unwrap();
    let status = status_line(&mut normal, Duration::from_secs(5)).await;
    assert_eq!(status.as_deref(), Some("HTTP/1.1 200 OK"));
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let (addr, _stop) = start(quick(1)).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(HEALTH.as_bytes()).await.unwrap();
    let status = status_line(&mut stream, Duration::from_secs(5)).await;
    assert_eq!(status.as_deref(), Some("HTTP/1.1 200 OK"));
    assert!(closed(&mut stream, Duration::from_secs(4)).await);
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_place() {
    let limits = Limits {
        max_connections: 1,
        ..Limits::default()
    };
    let (addr, _stop) = start(limits).await;
    let mut first = TcpStream::connect(addr).await.unwrap();
    first.write_all(HEALTH.as_bytes()).await.unwrap();
    let status = status_line(&mut first, Duration::from_secs(5)).await;
    assert_eq!(status.as_deref(), Some("HTTP/1.1 200 OK"));
    // The first stays connected: the second is not served...
    let mut second = TcpStream::connect(addr).await.unwrap();
    second.write_all(HEALTH.as_bytes()).await.unwrap();
    assert_eq!(status_line(&mut second, Duration::from_secs(1)).await, None);
    // ...until the first leaves.
    drop(first);
    let status = status_line(&mut second, Duration::from_secs(5)).await;
    assert_eq!(status.as_deref(), Some("HTTP/1.1 200 OK"));
}

/// A form post whose body is promised long and sent by `drip`.
async fn post_slowly(addr: SocketAddr, pause: Duration, bytes: usize) -> Option<String> {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/bat-dau HTTP/1.1\r\nHost: {HOST}\r\nOrigin: {ORIGIN}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nthu_tuc="
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut sent = 0;
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        tokio::select! {
            read = stream.read_buf(&mut answer) => match read {
                Ok(0) | Err(_) => break,
                Ok(_) if answer.windows(4).any(|w| w == b"\r\n\r\n") => break,
                Ok(_) => {}
            },
            () = tokio::time::sleep(pause) => {
                if sent < bytes && stream.write_all(b"x").await.is_ok() {
                    sent += 1;
                }
            }
        }
    }
    let text = String::from_utf8_lossy(&answer).to_string();
    text.lines().next().map(str::to_string)
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_answered_408() {
    let limits = Limits {
        request_timeout: Duration::from_secs(1),
        ..Limits::default()
    };
    let (addr, _stop) = start(limits).await;
    let started = Instant::now();
    // A byte every 200 ms: never a long pause, never the end.
    let status = post_slowly(addr, Duration::from_millis(200), 1000).await;
    assert_eq!(status.as_deref(), Some("HTTP/1.1 408 Request Timeout"));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_body_that_stops_is_refused() {
    let limits = Limits {
        body_timeout: Duration::from_secs(1),
        ..Limits::default()
    };
    let (addr, _stop) = start(limits).await;
    let started = Instant::now();
    // Ten bytes, then nothing.
    let status = post_slowly(addr, Duration::from_millis(100), 10).await;
    let status = status.expect("an answer");
    assert!(
        status.contains(" 400 ") || status.contains(" 408 "),
        "{status}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}
