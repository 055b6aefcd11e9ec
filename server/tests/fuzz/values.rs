//! What the fuzzer types: good and bad values, mutated forms, encodings, addresses.

use super::*;

/// Đắk Lắk (066), a man born in the 1900s (0), in 1990 (90).
const GOOD_ID_NUMBER: &str = "066 090 012 345";

impl Fuzzer {
    pub(crate) fn pick_kind(&mut self) -> Kind {
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

    pub(crate) fn cookie(&mut self) -> Option<String> {
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

    pub(crate) fn step(&mut self) -> Step {
        self.procedure.steps.choose(&mut self.rng).unwrap().clone()
    }

    /// Whether an ID number is checked against this field (a date or year of birth): its
    /// good answer is then the birth the good ID number encodes.
    fn is_checked_birth(&self, field: &Field) -> bool {
        self.procedure
            .steps
            .iter()
            .flat_map(|step| &step.fields)
            .filter_map(|other| other.id_check.as_ref())
            .any(|check| check.birth == field.id)
    }

    /// The answer meaning "male" when an ID number is checked against this sex field.
    fn checked_sex(&self, field: &Field) -> Option<String> {
        self.procedure
            .steps
            .iter()
            .flat_map(|step| &step.fields)
            .filter_map(|other| other.id_check.as_ref())
            .find(|check| check.sex.as_deref() == Some(field.id.as_str()))
            .map(|check| check.male.clone())
    }

    /// An answer the rules accept.
    pub(crate) fn good_value(&mut self, field: &Field, input: &str) -> String {
        let today = if self.is_checked_birth(field) {
            // 15/01/1990: what GOOD_ID_NUMBER says (born in the 1900s, in 1990).
            chrono::NaiveDate::from_ymd_opt(1990, 1, 15).unwrap()
        } else {
            app::state::today() - chrono::Duration::days(self.rng.random_range(1..3000))
        };
        match field.kind {
            FieldKind::Date if input.ends_with("-ngay") => today.format("%-d").to_string(),
            FieldKind::Date if input.ends_with("-thang") => today.format("%m").to_string(),
            FieldKind::Date => today.format("%Y").to_string(),
            FieldKind::Text => "12 Lê Lợi, Tổ dân phố 3, phường Ea Kao, Đắk Lắk".into(),
            FieldKind::Name => ["Nguyễn Văn An", "H'Hen Niê", "y sao niê"]
                .choose(&mut self.rng)
                .unwrap()
                .to_string(),
            FieldKind::Year if self.is_checked_birth(field) => "1990".into(),
            FieldKind::Year => self.rng.random_range(1950..2005).to_string(),
            // The sex an ID number is checked against: the one GOOD_ID_NUMBER says.
            FieldKind::Choice if self.checked_sex(field).is_some() => {
                self.checked_sex(field).unwrap_or_default()
            }
            // Never an option that ends the procedure (works of grade I go to the province).
            FieldKind::Choice | FieldKind::Select => {
                let going_on: Vec<&String> = field
                    .options
                    .iter()
                    .filter(|option| !field.stops.contains_key(*option))
                    .collect();
                going_on
                    .choose(&mut self.rng)
                    .map(|o| (*o).clone())
                    .unwrap_or_default()
            }
            FieldKind::YesNo => if self.rng.random_bool(0.7) { YES } else { NO }.into(),
            FieldKind::Number => field.min.unwrap_or(1).to_string(),
            FieldKind::Phone => "0912 345 678".into(),
            FieldKind::IdNumber => GOOD_ID_NUMBER.into(),
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
    pub(crate) fn bad_value(&mut self) -> String {
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

    pub(crate) fn garbage_text(&mut self, max: usize) -> String {
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
    pub(crate) fn step_form(&mut self, step: &Step) -> Vec<(String, String)> {
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

    pub(crate) fn mutate(&mut self, form: &mut Vec<(String, String)>) {
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
    pub(crate) fn encode(&mut self, form: &[(String, String)]) -> Vec<u8> {
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

    pub(crate) fn multipart(&mut self, form: &[(String, String)]) -> (String, Vec<u8>) {
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
    pub(crate) fn diligent_cookie(&mut self) -> Option<String> {
        if self.rng.random_bool(0.7) {
            self.cookies[..DILIGENT].choose(&mut self.rng).cloned()
        } else {
            self.cookie()
        }
    }

    pub(crate) fn post(
        &mut self,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Request<Body> {
        let cookie = self.cookie();
        self.post_as(cookie, path, content_type, body)
    }

    pub(crate) fn post_as(
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

    pub(crate) fn form_content_type(&mut self) -> Option<&'static str> {
        match self.rng.random_range(0..12) {
            0 => None,
            1 => Some("application/json"),
            2 => Some("text/plain; charset=utf-8"),
            3 => Some("multipart/form-data"),
            _ => Some("application/x-www-form-urlencoded"),
        }
    }

    pub(crate) fn encode_cleanly(&mut self, form: &[(String, String)]) -> Vec<u8> {
        form.iter()
            .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes()
    }

    pub(crate) fn api_path(&mut self) -> String {
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

    pub(crate) fn page_path(&mut self) -> String {
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

pub(crate) fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
