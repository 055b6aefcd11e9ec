//! Every address of the site, written once. Features link to each other's pages through these
//! names, never by importing each other. The routes in `lib.rs` and the server's body limits
//! use the same names.

// The citizen's filing.
/// Where a step with documents posts (multipart), and the only route with a large body limit.
pub const UPLOAD_URL: &str = "/api/luu-buoc-tep";
pub const CHECK_URL: &str = "/ho-so/kiem-tra";
pub const RECEIPT_URL: &str = "/ho-so/bien-nhan";
/// The task list of a long procedure (household business registration).
pub const TASKS_URL: &str = "/ho-so/cac-phan";
/// The draft's resume code, large, with a QR code, to print or to scan with another phone.
pub const CODE_URL: &str = "/ho-so/ma";
/// Where a citizen opens a document they sent: `/ho-so/tep/<stored name>`.
pub const DOWNLOAD_PREFIX: &str = "/ho-so/tep/";
/// A form that could not be sent (the network dropped): what to do now.
pub const NOT_SENT_URL: &str = "/chua-gui-duoc";

// Following a dossier.
pub const LOOKUP_URL: &str = "/tra-cuu";
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
/// Filing for a citizen at the counter.
pub const ASSIST_START_URL: &str = "/can-bo/nop-ho-so";
pub const ADMIN_URL: &str = "/can-bo/quan-tri";
pub const AUDIT_URL: &str = "/can-bo/nhat-ky";

// The back office.
pub const QUEUE_URL: &str = "/can-bo/ho-so";
pub const DASHBOARD_URL: &str = "/can-bo/bang-theo-doi";
pub const DASHBOARD_CSV_URL: &str = "/can-bo/bang-theo-doi.csv";
/// A dossier's document, for staff: `/can-bo/tep/<code>/<stored name>`.
pub const STAFF_DOWNLOAD_PREFIX: &str = "/can-bo/tep/";
