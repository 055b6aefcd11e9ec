//! Fuzz: thousands of generated requests against the real router (in process, on a fresh SQLite
//! file): valid form posts of every step, the same posts mutated (fields dropped, added, nested,
//! wrongly typed, over-long, badly encoded, not UTF-8, multipart, wrong content type, too large,
//! from another site), random bodies, wrong methods, and page requests with odd addresses.
//!
//! Asserts: no 5xx, no panic, no internal (English) error text in any answer, refusals where
//! refusals are due; and afterwards every stored dossier passes the rules on every step it
//! files, and every draft holds only inputs of its procedure, each of a bounded length.
//!
//! `MC_FUZZ_REQUESTS` (default 10000) and `MC_FUZZ_SEED` (default: random, printed) replay a run.

mod common;

use axum::body::{Body, Bytes};
use axum::http::{Method, Request, StatusCode, header};
use common::{Answer, HOST, ORIGIN, site};
use domain::procedure::{Answers, Field, FieldKind, NO, Procedure, Step, YES};
use domain::validate::check_step;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sqlx::Row;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Longest answer the server keeps for one input (app::filing::service::MAX_INPUT_CHARS).
const MAX_INPUT_CHARS: usize = 2000;

/// Citizens started before the run; most valid answers are theirs.
const DILIGENT: usize = 4;

/// Texts internal errors would show; none may reach a citizen.
const INTERNAL_TEXTS: [&str; 8] = [
    "panicked",
    "server function",
    "error deserializing",
    "error running",
    "Args|",
    "MissingArg|",
    "Deserialization|",
    "ServerError|",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    ValidStep,
    MutatedStep,
    Multipart,
    Start,
    Submit,
    Resume,
    Loader,
    RandomBody,
    TooLarge,
    CrossSite,
    WrongMethod,
    Page,
}

const KINDS: [(Kind, u32); 12] = [
    (Kind::ValidStep, 22),
    (Kind::MutatedStep, 24),
    (Kind::Multipart, 4),
    (Kind::Start, 4),
    (Kind::Submit, 6),
    (Kind::Resume, 5),
    (Kind::Loader, 4),
    (Kind::RandomBody, 6),
    (Kind::TooLarge, 2),
    (Kind::CrossSite, 4),
    (Kind::WrongMethod, 4),
    (Kind::Page, 15),
];

struct Fuzzer {
    rng: StdRng,
    procedure: Procedure,
    /// Draft cookies ("mc_ho_so=CODE") this run has started.
    cookies: Vec<String>,
}

/// What to send, and what the answer must be beyond "not a 5xx".
struct Case {
    kind: Kind,
    request: Request<Body>,
    expect: Option<StatusCode>,
}

impl Fuzzer {
    fn pick_kind(&mut self) -> Kind {
        let total: u32 = KINDS.iter().map(|(_, weight)| weight).sum();
        let mut roll = self.rng.random_range(0..total);
        for (kind, weight) in KINDS {
            if roll < weight {
                return kind;
            }
            roll -= weight;
        }
        unreachable!()
    }

    fn cookie(&mut self) -> Option<String> {
        match self.rng.random_range(0..20) {
            0 => None,
            1 => Some(format!(
                "mc_ho_so={}",
                percent_encode(&self.garbage_text(30))
            )),
            2 => Some("mc_ho_so=K7M2Q8XTR4WN3HD; mc_ho_so=Ệ;;=".into()),
            _ => self.cookies.choose(&mut self.rng).cloned(),
        }
    }

    fn step(&mut self) -> Step {
        self.procedure.steps.choose(&mut self.rng).unwrap().clone()
    }

    /// An answer the rules accept.
    fn good_value(&mut self, field: &Field, input: &str) -> String {
        let today = app::state::today() - chrono::Duration::days(self.rng.random_range(1..3000));
        match field.kind {
            FieldKind::Date if input.ends_with("-ngay") => today.format("%-d").to_string(),
            FieldKind::Date if input.ends_with("-thang") => today.format("%m").to_string(),
            FieldKind::Date => today.format("%Y").to_string(),
            FieldKind::Text => "12 Lê Lợi, Tổ dân phố 3, phường Ea Kao, Đắk Lắk".into(),
            FieldKind::Name => ["Nguyễn Văn An", "H'Hen Niê", "y sao niê"]
                .choose(&mut self.rng)
                .unwrap()
                .to_string(),
            FieldKind::Year => self.rng.random_range(1950..2005).to_string(),
            FieldKind::Choice | FieldKind::Select => {
                field.options.choose(&mut self.rng).unwrap().clone()
            }
            FieldKind::YesNo => if self.rng.random_bool(0.7) { YES } else { NO }.into(),
            FieldKind::Number => field.min.unwrap_or(1).to_string(),
            FieldKind::Phone => "0912 345 678".into(),
            FieldKind::IdNumber => "066 090 012 345".into(),
            FieldKind::Email => "an.nguyen@vidu.vn".into(),
            FieldKind::Money => "50.000.000".into(),
            FieldKind::LongText => "Chưa khởi công kịp vì mùa mưa kéo dài.".into(),
            FieldKind::Undertaking => YES.into(),
            FieldKind::DateTime if input.ends_with("-ngay") => today.format("%-d").to_string(),
            FieldKind::DateTime if input.ends_with("-thang") => today.format("%m").to_string(),
            FieldKind::DateTime if input.ends_with("-nam") => today.format("%Y").to_string(),
            FieldKind::DateTime => "9".into(),
            FieldKind::Address if input.ends_with("-tinh") => field
                .units
                .first()
                .map(|province| province.name.clone())
                .unwrap_or_default(),
            FieldKind::Address if input.ends_with("-xa") => field
                .units
                .first()
                .and_then(|province| province.units.first().cloned())
                .unwrap_or_default(),
            FieldKind::Address => "12 Lê Lợi".into(),
            // Items and files are not plain inputs: the form never sends them this way.
            FieldKind::Group | FieldKind::Attachment => String::new(),
        }
    }

    /// Something no form of ours sends.
    fn bad_value(&mut self) -> String {
        match self.rng.random_range(0..14) {
            0 => String::new(),
            1 => "   ".into(),
            2 => "x".repeat(self.rng.random_range(150..3000)),
            3 => "<script>alert(1)</script>".into(),
            4 => "' OR 1=1; DROP TABLE drafts; --".into(),
            5 => "31".into(),
            6 => "-1".into(),
            7 => "99999999999999999999999".into(),
            8 => "١٢/٠٣/٢٠٢٠".into(),
            9 => "\u{202e}Niê\u{0}\u{1b}[31m".into(),
            10 => "😀👪🏽".repeat(50),
            11 => "2099".into(),
            12 => "co".into(),
            _ => self.garbage_text(40),
        }
    }

    fn garbage_text(&mut self, max: usize) -> String {
        let len = self.rng.random_range(0..max);
        (0..len)
            .map(|_| match self.rng.random_range(0..4) {
                0 => self.rng.random_range(b' '..=b'~') as char,
                1 => char::from_u32(self.rng.random_range(0x80..0x2000)).unwrap_or('?'),
                2 => char::from_u32(self.rng.random_range(0..0x20)).unwrap(),
                _ => *['a', 'ệ', '0', '%', '&', '=', '[', ']', '+']
                    .choose(&mut self.rng)
                    .unwrap(),
            })
            .collect()
    }

    /// A step's form as our page posts it, every answer valid.
    fn step_form(&mut self, step: &Step) -> Vec<(String, String)> {
        let mut form = vec![("buoc".to_string(), step.id.clone())];
        for field in &step.fields {
            for input in field.inputs() {
                let value = self.good_value(field, &input);
                form.push((format!("a[{input}]"), value));
            }
        }
        if self.rng.random_bool(0.1) {
            form.push(("tu".into(), "kiem-tra".into()));
        }
        form
    }

    fn mutate(&mut self, form: &mut Vec<(String, String)>) {
        for _ in 0..self.rng.random_range(1..4) {
            match self.rng.random_range(0..9) {
                0 if !form.is_empty() => {
                    let i = self.rng.random_range(0..form.len());
                    form.remove(i);
                }
                1 if !form.is_empty() => {
                    let i = self.rng.random_range(0..form.len());
                    form[i].1 = self.bad_value();
                }
                2 if !form.is_empty() => {
                    let i = self.rng.random_range(0..form.len());
                    let duplicate = (form[i].0.clone(), self.bad_value());
                    form.push(duplicate);
                }
                3 => {
                    let name = [
                        "a[x][y]",
                        "a[]",
                        "a",
                        "buoc[]",
                        "buoc[x]",
                        "tu[]",
                        "a[tre-ho-ten][0]",
                        "extra",
                        "__proto__",
                    ]
                    .choose(&mut self.rng)
                    .unwrap()
                    .to_string();
                    form.push((name, self.bad_value()));
                }
                4 => {
                    let step = match self.rng.random_range(0..3) {
                        0 => self.garbage_text(20),
                        1 => "cha-ho-ten".into(), // hidden when the father is unknown
                        _ => self.step().id,
                    };
                    form.retain(|(name, _)| name != "buoc");
                    form.push(("buoc".into(), step));
                }
                5 => form.push(("tu".into(), self.bad_value())),
                6 => {
                    let name = format!("a[{}]", self.garbage_text(10));
                    form.push((name, self.bad_value()));
                }
                7 => form.reverse(),
                _ => form.clear(),
            }
        }
    }

    /// Encodes a form, now and then badly.
    fn encode(&mut self, form: &[(String, String)]) -> Vec<u8> {
        let mut body = form
            .iter()
            .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes();
        match self.rng.random_range(0..10) {
            0 if !body.is_empty() => {
                let at = self.rng.random_range(0..body.len());
                body.truncate(at);
            }
            1 => body.extend_from_slice(b"&a%5Bx%5D=%FF%FE"),
            2 => body.extend_from_slice(b"&buoc=%ZZ%"),
            3 => body.extend_from_slice(&[b'&', b'a', b'=', 0xC3, 0x28, 0xFF]),
            4 if !body.is_empty() => {
                let at = self.rng.random_range(0..body.len());
                body[at] = self.rng.random();
            }
            _ => {}
        }
        body
    }

    fn multipart(&mut self, form: &[(String, String)]) -> (String, Vec<u8>) {
        let boundary = format!("----motcua{}", self.rng.random::<u32>());
        let mut body = Vec::new();
        for (name, value) in form {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        if self.rng.random_bool(0.3) {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"giay-to\"; filename=\"../../etc/passwd\"\r\nContent-Type: image/svg+xml\r\n\r\n<svg onload=alert(1)>\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), body)
    }

    /// One of the first citizens, who answer most of the questions and so reach submission.
    fn diligent_cookie(&mut self) -> Option<String> {
        if self.rng.random_bool(0.7) {
            self.cookies[..DILIGENT].choose(&mut self.rng).cloned()
        } else {
            self.cookie()
        }
    }

    fn post(&mut self, path: &str, content_type: Option<&str>, body: Vec<u8>) -> Request<Body> {
        let cookie = self.cookie();
        self.post_as(cookie, path, content_type, body)
    }

    fn post_as(
        &mut self,
        cookie: Option<String>,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Request<Body> {
        let mut request = Request::post(path).header(header::HOST, HOST);
        if self.rng.random_bool(0.6) {
            request = request.header(header::ORIGIN, ORIGIN);
        } else if self.rng.random_bool(0.3) {
            request = request.header("sec-fetch-site", "same-origin");
        }
        if self.rng.random_bool(0.5) {
            request = request
                .header(header::ACCEPT, "text/html,application/xhtml+xml")
                .header(header::REFERER, format!("{ORIGIN}/ho-so/buoc/co-quan"));
        }
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.body(Body::from(body)).unwrap()
    }

    fn form_content_type(&mut self) -> Option<&'static str> {
        match self.rng.random_range(0..12) {
            0 => None,
            1 => Some("application/json"),
            2 => Some("text/plain; charset=utf-8"),
            3 => Some("multipart/form-data"),
            _ => Some("application/x-www-form-urlencoded"),
        }
    }

    fn case(&mut self) -> Case {
        let kind = self.pick_kind();
        let mut expect = None;
        let request = match kind {
            Kind::ValidStep => {
                let step = self.step();
                let form = self.step_form(&step);
                let body = self.encode_cleanly(&form);
                let cookie = self.diligent_cookie();
                self.post_as(
                    cookie,
                    "/api/luu-buoc",
                    Some("application/x-www-form-urlencoded"),
                    body,
                )
            }
            Kind::MutatedStep => {
                let step = self.step();
                let mut form = self.step_form(&step);
                self.mutate(&mut form);
                let body = self.encode(&form);
                let content_type = self.form_content_type();
                self.post("/api/luu-buoc", content_type, body)
            }
            Kind::Multipart => {
                let step = self.step();
                let form = self.step_form(&step);
                let (content_type, body) = self.multipart(&form);
                let path = [
                    "/api/luu-buoc",
                    "/api/luu-buoc-tep",
                    "/api/luu-buoc-tep",
                    "/api/bat-dau",
                    "/api/tiep-tuc",
                    "/api/nop-ho-so",
                    "/api/tuy-chon",
                ]
                .choose(&mut self.rng)
                .unwrap()
                .to_string();
                self.post(&path, Some(&content_type), body)
            }
            Kind::Start => {
                let procedure = match self.rng.random_range(0..4) {
                    0 => self.garbage_text(20),
                    _ => "khai-sinh".into(),
                };
                let mut form = vec![("thu_tuc".to_string(), procedure)];
                if self.rng.random_bool(0.2) {
                    self.mutate(&mut form);
                }
                let body = self.encode(&form);
                self.post(
                    "/api/bat-dau",
                    Some("application/x-www-form-urlencoded"),
                    body,
                )
            }
            Kind::Submit => {
                let body = if self.rng.random_bool(0.8) {
                    Vec::new()
                } else {
                    self.garbage_text(50).into_bytes()
                };
                let cookie = self.diligent_cookie();
                self.post_as(
                    cookie,
                    "/api/nop-ho-so",
                    Some("application/x-www-form-urlencoded"),
                    body,
                )
            }
            Kind::Resume => {
                let code = match (
                    self.rng.random_range(0..4),
                    self.cookies.choose(&mut self.rng),
                ) {
                    (0 | 1, Some(cookie)) => {
                        let code = cookie.trim_start_matches("mc_ho_so=").to_lowercase();
                        format!(" {}-{} ", &code[..5], &code[5..])
                    }
                    (2, _) => "x".repeat(5000),
                    _ => self.garbage_text(30),
                };
                let mut form = vec![("ma".to_string(), code)];
                if self.rng.random_bool(0.2) {
                    self.mutate(&mut form);
                }
                let body = self.encode(&form);
                self.post(
                    "/api/tiep-tuc",
                    Some("application/x-www-form-urlencoded"),
                    body,
                )
            }
            Kind::Loader => {
                let (path, mut form) = match self.rng.random_range(0..5) {
                    0 => (
                        "/api/ho-so/buoc",
                        vec![
                            ("step".to_string(), self.step().id),
                            ("show_errors".into(), "true".into()),
                            ("from_check".into(), "false".into()),
                        ],
                    ),
                    1 => ("/api/ho-so/kiem-tra", vec![]),
                    2 => ("/api/ho-so/bien-nhan", vec![]),
                    3 => ("/api/thu-tuc", vec![]),
                    _ => (
                        "/api/thu-tuc/xem",
                        vec![("id".to_string(), "khai-sinh".into())],
                    ),
                };
                if self.rng.random_bool(0.5) {
                    self.mutate(&mut form);
                }
                let body = self.encode(&form);
                let content_type = self.form_content_type();
                self.post(path, content_type, body)
            }
            Kind::RandomBody => {
                let path = self.api_path();
                let len = self.rng.random_range(0..2048);
                let body: Vec<u8> = (0..len).map(|_| self.rng.random()).collect();
                let content_type = self.form_content_type();
                self.post(&path, content_type, body)
            }
            Kind::TooLarge => {
                expect = Some(StatusCode::PAYLOAD_TOO_LARGE);
                // An address nobody serves reads no body, so it answers 404 whatever the size.
                // The upload route takes 40 MB, and the download route is no form at all.
                let mut path = self.api_path().replace("/api/khong-co", "/api/luu-buoc");
                if path == "/api/luu-buoc-tep" || path.starts_with("/ho-so/") {
                    path = "/api/luu-buoc".into();
                }
                let body = format!(
                    "buoc=tre-ho-ten&a%5Btre-ho-ten%5D={}",
                    "A".repeat(self.rng.random_range(70_000..200_000))
                )
                .into_bytes();
                if self.rng.random_bool(0.5) {
                    self.post(&path, Some("application/x-www-form-urlencoded"), body)
                } else {
                    // No length given: cut off while being read.
                    let chunks: Vec<Result<Bytes, std::io::Error>> = body
                        .chunks(16 * 1024)
                        .map(|chunk| Ok(Bytes::copy_from_slice(chunk)))
                        .collect();
                    Request::post(path)
                        .header(header::HOST, HOST)
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .body(Body::from_stream(futures::stream::iter(chunks)))
                        .unwrap()
                }
            }
            Kind::CrossSite => {
                expect = Some(StatusCode::FORBIDDEN);
                let step = self.step();
                let form = self.step_form(&step);
                let body = self.encode_cleanly(&form);
                let path = self.api_path();
                let (name, value) = [
                    ("origin", "https://lua-dao.example"),
                    ("origin", "null"),
                    ("origin", "http://motcua.test.lua-dao.example"),
                    ("sec-fetch-site", "cross-site"),
                ]
                .choose(&mut self.rng)
                .copied()
                .unwrap();
                let mut request = Request::post(path)
                    .header(header::HOST, HOST)
                    .header(name, value)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                if let Some(cookie) = self.cookies.choose(&mut self.rng) {
                    request = request.header(header::COOKIE, cookie);
                }
                request.body(Body::from(body)).unwrap()
            }
            Kind::WrongMethod => {
                let method = [Method::GET, Method::PUT, Method::DELETE, Method::PATCH]
                    .choose(&mut self.rng)
                    .unwrap()
                    .clone();
                let path = if self.rng.random_bool(0.7) {
                    self.api_path()
                } else {
                    self.page_path()
                };
                let mut request = Request::builder()
                    .method(method)
                    .uri(path)
                    .header(header::HOST, HOST)
                    .header(header::ORIGIN, ORIGIN);
                if let Some(cookie) = self.cookie() {
                    request = request.header(header::COOKIE, cookie);
                }
                request.body(Body::from("buoc=co-quan")).unwrap()
            }
            Kind::Page => {
                let path = self.page_path();
                let mut request = Request::get(path)
                    .header(header::HOST, HOST)
                    .header(header::ACCEPT, "text/html");
                if let Some(cookie) = self.cookie() {
                    request = request.header(header::COOKIE, cookie);
                }
                request.body(Body::empty()).unwrap()
            }
        };
        Case {
            kind,
            request,
            expect,
        }
    }

    fn encode_cleanly(&mut self, form: &[(String, String)]) -> Vec<u8> {
        form.iter()
            .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes()
    }

    fn api_path(&mut self) -> String {
        [
            "/api/bat-dau",
            "/api/luu-buoc",
            "/api/luu-buoc-tep",
            "/api/luu-nhap",
            "/api/chon-ban",
            "/api/nop-ho-so",
            "/api/tiep-tuc",
            "/api/ho-so/buoc",
            "/ho-so/tep/ABCDEFGHJK.png",
            "/api/thu-tuc/xem",
            "/api/khong-co",
        ]
        .choose(&mut self.rng)
        .unwrap()
        .to_string()
    }

    fn page_path(&mut self) -> String {
        let step = self.step().id;
        let garbage = percent_encode(&self.garbage_text(30));
        let choices = [
            "/".to_string(),
            "/?ma=abc&loi=1".into(),
            format!("/?ma={garbage}&loi=1"),
            "/?loi=khong-co-ho-so".into(),
            "/?loi=khong-co-thu-tuc".into(),
            "/thu-tuc/khai-sinh".into(),
            format!("/thu-tuc/{garbage}"),
            format!("/ho-so/buoc/{step}"),
            format!("/ho-so/buoc/{step}?loi=1&tu=kiem-tra"),
            format!("/ho-so/buoc/{garbage}"),
            "/ho-so/buoc/%FF%FE".into(),
            "/ho-so/buoc/..%2F..%2Fetc%2Fpasswd".into(),
            "/ho-so/kiem-tra".into(),
            "/ho-so/bien-nhan".into(),
            format!("/chua-gui-duoc?ly-do={garbage}&trang={garbage}"),
            "/pkg/..%2F..%2FCargo.toml".into(),
            format!("/{}", "a".repeat(4000)),
            "/healthz".into(),
        ];
        choices.choose(&mut self.rng).unwrap().clone()
    }
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn ten_thousand_hostile_requests_break_nothing() {
    let requests: usize = std::env::var("MC_FUZZ_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let seed: u64 = std::env::var("MC_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(rand::random);
    println!("fuzz: {requests} requests, MC_FUZZ_SEED={seed}");

    // A panic anywhere (a spawned rendering task too) is counted, not only one in this task.
    let panics = Arc::new(AtomicUsize::new(0));
    let previous = std::panic::take_hook();
    let counter = panics.clone();
    std::panic::set_hook(Box::new(move |info| {
        counter.fetch_add(1, Ordering::SeqCst);
        previous(info);
    }));

    let site = site().await;
    let procedure = site
        .catalog
        .procedure_in("khai-sinh", domain::Lang::Vi)
        .unwrap()
        .clone();
    let mut fuzzer = Fuzzer {
        rng: StdRng::seed_from_u64(seed),
        procedure,
        cookies: Vec::new(),
    };
    // A few citizens to begin with; more start as the run goes.
    for _ in 0..DILIGENT * 2 {
        fuzzer.cookies.push(site.start().await);
    }

    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for n in 0..requests {
        let case = fuzzer.case();
        let described = format!(
            "request {n} ({:?} {} {})",
            case.kind,
            case.request.method(),
            case.request.uri()
        );
        let answer = Answer::read(site.send(case.request).await).await;
        *statuses.entry(answer.status.as_u16()).or_default() += 1;
        *kinds.entry(format!("{:?}", case.kind)).or_default() += 1;
        assert!(
            answer.status.as_u16() < 500,
            "{described}, seed {seed}: {} {}",
            answer.status,
            answer.body
        );
        if let Some(expected) = case.expect {
            assert_eq!(answer.status, expected, "{described}, seed {seed}");
        }
        for text in INTERNAL_TEXTS {
            assert!(
                !answer.body.contains(text),
                "{described}, seed {seed}: the answer shows {text:?}: {}",
                answer.body
            );
        }
        if let Some(cookie) = answer.cookie()
            && !fuzzer.cookies.contains(&cookie)
        {
            fuzzer.cookies.push(cookie);
        }
    }
    let _ = std::panic::take_hook();
    assert_eq!(panics.load(Ordering::SeqCst), 0, "panics during the run");

    let (drafts, dossiers) = check_stored(&site).await;
    println!("fuzz: requests by kind: {kinds:?}");
    println!("fuzz: status codes seen: {statuses:?}");
    println!("fuzz: {drafts} drafts stored, {dossiers} dossiers submitted, all within the rules");
    assert!(
        dossiers > 0,
        "the run should reach submission at least once"
    );
}

/// Every draft holds only inputs of its procedure, each of a bounded length; every dossier's
/// answers pass the rules of every step it files. Returns the counts.
async fn check_stored(site: &common::Site) -> (usize, usize) {
    let today = app::state::today();
    let drafts = sqlx::query("SELECT procedure_id, answers FROM drafts")
        .fetch_all(&site.db.pool)
        .await
        .unwrap();
    for row in &drafts {
        let procedure = procedure_of(site, &row.try_get::<String, _>("procedure_id").unwrap());
        let answers: Answers = serde_json::from_str(&row.try_get::<String, _>("answers").unwrap())
            .expect("answers stay valid JSON");
        let inputs: Vec<String> = procedure
            .steps
            .iter()
            .flat_map(|step| &step.fields)
            .flat_map(|field| field.inputs())
            .collect();
        for (input, value) in &answers {
            assert!(
                inputs.contains(input),
                "a draft holds the unknown input {input:?}"
            );
            assert!(
                value.chars().count() <= MAX_INPUT_CHARS,
                "{input} is too long"
            );
        }
    }
    let dossiers = sqlx::query("SELECT code, procedure_id, answers FROM dossiers")
        .fetch_all(&site.db.pool)
        .await
        .unwrap();
    for row in &dossiers {
        let code: String = row.try_get("code").unwrap();
        let procedure = procedure_of(site, &row.try_get::<String, _>("procedure_id").unwrap());
        let answers: Answers =
            serde_json::from_str(&row.try_get::<String, _>("answers").unwrap()).unwrap();
        assert_eq!(
            procedure.filed_answers(&answers),
            answers,
            "dossier {code} files answers of steps it skips"
        );
        for step in procedure.visible_steps(&answers) {
            let errors = check_step(step, &answers, today, &app::i18n::page());
            assert!(
                errors.is_empty(),
                "dossier {code}, step {}: {errors:?}",
                step.id
            );
        }
    }
    (drafts.len(), dossiers.len())
}

fn procedure_of(site: &common::Site, id: &str) -> Procedure {
    site.catalog
        .procedure_in(id, domain::Lang::Vi)
        .unwrap_or_else(|| panic!("a draft of the unknown procedure {id:?}"))
        .clone()
}
