//! Every address of the site, written once. Features link to each other's pages through these
//! names, never by importing each other. The routes in `lib.rs` and the server's body limits
//! use the same names.

// The citizen's filing.
/// Where a step with documents posts (multipart), and the only route with a large body limit.
pub const UPLOAD_URL: &str = "/api/luu-buoc-tep";
pub const CHECK_URL: &str = "/ho-so/kiem-tra";
/// Query value marking that the citizen came from the check-answers page to change an answer.
pub const FROM_CHECK: &str = "kiem-tra";
pub const RECEIPT_URL: &str = "/ho-so/bien-nhan";
/// The task list of a long procedure (household business registration).
pub const TASKS_URL: &str = "/ho-so/cac-phan";
/// The draft's resume code, large, with a QR code, to print or to scan with another phone.
pub const CODE_URL: &str = "/ho-so/ma";
/// Where a citizen opens a document they sent: `/ho-so/tep/<stored name>`.
pub const DOWNLOAD_PREFIX: &str = "/ho-so/tep/";
/// The small script that moves through the wizard without page loads (public/, not hashed).
pub const NAVIGATION_SCRIPT_URL: &str = "/dieu-huong.js";
/// A form that could not be sent (the network dropped): what to do now.
pub const NOT_SENT_URL: &str = "/chua-gui-duoc";

// Following a dossier.
pub const LOOKUP_URL: &str = "/tra-cuu";
/// A printable form (Mẫu 02-05) a change of the dossier issued: `?ma=CODE&so=SEQ`, with the
/// lookup key `k` of a code issued before codes were too long to guess.
pub const SLIP_URL: &str = "/tra-cuu/phieu";

/// The address of the form issued by the change numbered `seq` of a dossier.
pub fn slip_url(code: &str, seq: i64, key: Option<&str>) -> String {
    match key {
        Some(key) => format!("{SLIP_URL}?ma={code}&so={seq}&k={key}"),
        None => format!("{SLIP_URL}?ma={code}&so={seq}"),
    }
}
/// Where the supplement upload posts (multipart): it has the large body limit of uploads.
pub const SUPPLEMENT_URL: &str = "/api/bo-sung";

// Kiosks.
/// The kiosk's start page, where every reset lands.
pub const KIOSK_URL: &str = "/kiosk";
/// Where an enrolment link points: `/kiosk/dang-ky?ma=<one-time code>`.
pub const KIOSK_ENROL_URL: &str = "/kiosk/dang-ky";

// Staff.
pub const STAFF_HOME_URL: &str = "/can-bo";
pub const STAFF_LOGIN_URL: &str = "/can-bo/dang-nhap";
/// The sign-in page's `loi` value once a staff session has ended (left idle, or signed out
/// elsewhere).
pub const STAFF_SESSION_ENDED: &str = "het-phien";
/// Keeps an idle staff session (the warning's "Tiếp tục làm việc").
pub const STAFF_KEEP_URL: &str = "/api/can-bo/tiep-tuc-phien";
/// Filing for a citizen at the counter.
pub const ASSIST_START_URL: &str = "/can-bo/nop-ho-so";
/// Where the citizen's confirmation of a draft filed with help posts (a staff server function).
pub const ASSIST_CONFIRM_URL: &str = "/api/can-bo/xac-nhan-nop";
/// Where the helper asks for a confirmation on the citizen's own phone (a server function).
pub const PHONE_ASK_URL: &str = "/api/can-bo/xac-nhan-dt";
/// What the helper's page polls while it waits for the citizen's phone (JSON).
pub const PHONE_STATUS_URL: &str = "/api/can-bo/xac-nhan-dt/trang-thai";
/// The citizen's phone: the form to type a short code; `/xac-nhan/<token or code>` opens it.
pub const PHONE_URL: &str = "/xac-nhan";

/// The page a confirmation's QR code or short code opens on the citizen's phone.
pub fn phone_url(secret: &str) -> String {
    format!("{PHONE_URL}/{secret}")
}
/// The answers of a draft filed with help, printed for the citizen to sign (staff only).
pub const ASSIST_PAPER_URL: &str = "/ho-so/ban-khai-ky";
pub const ADMIN_URL: &str = "/can-bo/quan-tri";
pub const AUDIT_URL: &str = "/can-bo/nhat-ky";

// The back office.
pub const QUEUE_URL: &str = "/can-bo/ho-so";
pub const DASHBOARD_URL: &str = "/can-bo/bang-theo-doi";
pub const DASHBOARD_CSV_URL: &str = "/can-bo/bang-theo-doi.csv";
/// A dossier's document, for staff: `/can-bo/tep/<code>/<stored name>`.
pub const STAFF_DOWNLOAD_PREFIX: &str = "/can-bo/tep/";

/// A step of the draft: `/ho-so/buoc/<step>`, with the error summary shown, or as a change
/// made from the check-answers page.
pub fn step_url(step: &str, from_check: bool, show_errors: bool) -> String {
    let mut url = format!("/ho-so/buoc/{step}");
    let mut query = Vec::new();
    if show_errors {
        query.push("loi=1".to_string());
    }
    if from_check {
        query.push(format!("tu={FROM_CHECK}"));
    }
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    url
}

/// Where a new draft of `procedure` starts: its task list, or its first step.
pub fn first_page(procedure: &domain::procedure::Procedure) -> String {
    match procedure.steps.first() {
        Some(step) if !procedure.task_list => step_url(&step.id, false, false),
        _ => TASKS_URL.to_string(),
    }
}

/// Where to go after signing in: only a path on this site (never `//other.host` or a URL),
/// so a link cannot send staff elsewhere after they type their password.
pub fn staff_return_path(tiep: Option<&str>) -> String {
    tiep.and_then(local_path)
        .unwrap_or(STAFF_HOME_URL)
        .to_string()
}

/// The login page's address, coming back to `path` afterwards.
pub fn staff_login_url(path: &str) -> String {
    format!("{STAFF_LOGIN_URL}?tiep={}", query_value(path))
}

/// What a value keeps as it is in a link's query: letters, digits, `-._~` and `/` (RFC 3986
/// allows `/` there, and paths read better that way); every other byte is `%XX`.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// A value as it can stand in a link's query, whatever was typed: the one encoder for links.
pub fn query_value(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// `path` when it is a path on this site, to redirect to or link back to; `None` for anything a
/// browser could read as another site. Browsers drop tabs and newlines from a URL and read `\` as
/// `/`, so `/\t/evil.example` and `/\evil.example` are `//evil.example` to them: no control
/// character, whitespace or backslash anywhere, and never two leading slashes.
pub fn local_path(path: &str) -> Option<&str> {
    let local = path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 1000
        && !path
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    local.then_some(path)
}

#[cfg(test)]
mod tests {
    use super::{local_path, query_value};

    #[test]
    fn a_typed_value_cannot_break_out_of_its_place_in_a_link() {
        assert_eq!(query_value("KS-2612-AB12"), "KS-2612-AB12");
        assert_eq!(query_value("/can-bo/ho-so"), "/can-bo/ho-so");
        assert_eq!(query_value("a&b=c#d?e f+g"), "a%26b%3Dc%23d%3Fe%20f%2Bg");
        assert_eq!(query_value("Nguyễn"), "Nguy%E1%BB%85n");
        assert_eq!(query_value("\t\u{200f}\0"), "%09%E2%80%8F%00");
    }

    #[test]
    fn only_paths_of_this_site_are_followed() {
        for good in ["/", "/ho-so/buoc/tre-ho-ten?loi=1", "/can-bo?a=1&b=%2F%2Fx"] {
            assert_eq!(local_path(good), Some(good));
        }
        for bad in [
            "//evil.example/",
            "/\\evil.example/",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            "\\\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "evil.example",
            "",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }
}
