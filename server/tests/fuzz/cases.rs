//! Each generated request: what is sent, and what the answer must be.

use super::*;

impl Fuzzer {
    pub(crate) fn case(&mut self) -> Case {
        let kind = self.pick_kind();
        let mut expect = None;
        let mut follow = Follow::Nothing;
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
            Kind::Document => {
                let cookie = self.death_drafts.choose(&mut self.rng).unwrap().clone();
                let hostile = self.hostile_file();
                let request = self.document_post(&cookie, &hostile.bytes);
                follow = Follow::Document { cookie, hostile };
                request
            }
            Kind::Staff => {
                let (request, then) = self.staff_case();
                follow = then;
                request
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
            follow,
        }
    }
}

impl Fuzzer {
    /// The notice step as our page sends it, with `file` for the photo.
    fn document_post(&mut self, cookie: &str, file: &[u8]) -> Request<Body> {
        let boundary = format!("----motcua{}", self.rng.random::<u32>());
        let issued = app::state::today() - chrono::Duration::days(3);
        let mut body = Vec::new();
        let fields = [
            ("buoc".to_string(), files::DOCUMENT_STEP.to_string()),
            (
                "a[gbt-so]".into(),
                self.rng.random_range(1..9999).to_string(),
            ),
            (
                "a[gbt-noi-cap]".into(),
                "Bệnh viện Đa khoa vùng Tây Nguyên".into(),
            ),
            (
                "a[gbt-ngay-cap-ngay]".into(),
                issued.format("%-d").to_string(),
            ),
            (
                "a[gbt-ngay-cap-thang]".into(),
                issued.format("%m").to_string(),
            ),
            (
                "a[gbt-ngay-cap-nam]".into(),
                issued.format("%Y").to_string(),
            ),
        ];
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        let (file_name, content_type) = *[
            ("giay bao tu.jpg", "image/jpeg"),
            ("scan.pdf", "application/pdf"),
            ("../../etc/passwd", "image/png"),
            ("anh.png", "text/html"),
            ("", "application/octet-stream"),
        ]
        .choose(&mut self.rng)
        .unwrap();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"a[{}]\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n",
                files::DOCUMENT_INPUT
            )
            .as_bytes(),
        );
        body.extend_from_slice(file);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let mut request = Request::post(app::paths::UPLOAD_URL)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::COOKIE, cookie);
        // Now and then as the navigation script sends it: the next page in the same answer.
        if self.rng.random_bool(0.2) {
            request = request.header("x-mc-mot-luot", "1");
        }
        request.body(Body::from(body)).unwrap()
    }
}
