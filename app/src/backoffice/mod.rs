//! The back office: a clerk's queue and dossier page, the head of office's dashboard, and the
//! machinery every status change goes through (history, messages to the citizen). Staff pages
//! are server-rendered forms only: no islands.

pub mod channels;
pub mod dashboard;
mod pages;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
mod service;

pub use pages::{DashboardPage, DossierPage, QueuePage};
#[cfg(feature = "ssr")]
pub use service::{dashboard_csv, staff_download};

use chrono::NaiveDate;
use domain::lifecycle::Status;
use domain::search;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::{DASHBOARD_CSV_URL, DASHBOARD_URL, QUEUE_URL, STAFF_DOWNLOAD_PREFIX};

pub fn dossier_url(code: &str) -> String {
    format!("{QUEUE_URL}/{code}")
}

/// How pressing a dossier in the queue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Urgency {
    Overdue,
    DueToday,
    OnTrack,
    /// Waiting for the citizen: the clock is stopped.
    Paused,
    /// Not received yet: the legal clock has not started.
    NotStarted,
    /// Done, returned, refused or withdrawn: nothing is owed.
    Closed,
}

impl Urgency {
    pub fn of(status: Status, due: NaiveDate, today: NaiveDate) -> Self {
        if !status.is_open() {
            Urgency::Closed
        } else if !status.is_received() {
            Urgency::NotStarted
        } else if status.clock_paused() {
            Urgency::Paused
        } else if due < today {
            Urgency::Overdue
        } else if due == today {
            Urgency::DueToday
        } else {
            Urgency::OnTrack
        }
    }

    /// How the queue and the dossier page say it, in the page's language ("" when closed).
    pub fn label(self) -> String {
        match self.label_key() {
            Some(key) => crate::tr!(key),
            None => String::new(),
        }
    }

    pub fn label_key(self) -> Option<&'static str> {
        match self {
            Urgency::Overdue => Some("office.urgency.overdue"),
            Urgency::DueToday => Some("office.urgency.due_today"),
            Urgency::OnTrack => Some("office.urgency.on_track"),
            Urgency::Paused => Some("office.urgency.paused"),
            Urgency::NotStarted => Some("office.urgency.not_started"),
            Urgency::Closed => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueRow {
    pub code: String,
    pub procedure_id: String,
    pub procedure_name: String,
    pub applicant: String,
    pub id_number: String,
    pub status: Status,
    pub submitted: String,
    pub due_date: NaiveDate,
    pub urgency: Urgency,
}

/// The queue's filters, as the form sends them (`thu_tuc`, `trang_thai`, `tim`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QueueFilters {
    pub procedure: String,
    /// A status name, "" (every dossier still owed: open, and done but not returned) or "tat-ca".
    pub status: String,
    pub search: String,
}

pub const ALL: &str = "tat-ca";

/// Dossiers on one page of the queue: enough to scan, few enough for a slow phone.
pub const QUEUE_PAGE_SIZE: usize = 50;

impl QueueFilters {
    /// The statuses a queue with this filter needs from the store: the chosen ones and every
    /// one still owed (the overdue and due-today counts are over those); `None`: all.
    pub fn statuses(&self) -> Option<Vec<Status>> {
        let owed = |s: &Status| s.is_open() || *s == Status::Done;
        match self.status.as_str() {
            ALL => None,
            name => Some(
                domain::lifecycle::ALL_STATUSES
                    .into_iter()
                    .filter(|s| owed(s) || s.as_str() == name)
                    .collect(),
            ),
        }
    }

    /// This queue's `page`, as a link that works without JavaScript (the filters kept).
    pub fn page_url(&self, page: usize) -> String {
        let mut query = Vec::new();
        for (name, value) in [
            ("thu_tuc", &self.procedure),
            ("trang_thai", &self.status),
            ("tim", &self.search),
        ] {
            if !value.is_empty() {
                query.push(format!("{name}={}", crate::paths::query_value(value)));
            }
        }
        if page > 1 {
            query.push(format!("trang={page}"));
        }
        if query.is_empty() {
            QUEUE_URL.to_string()
        } else {
            format!("{QUEUE_URL}?{}", query.join("&"))
        }
    }

    pub fn keeps(&self, row: &QueueRow) -> bool {
        let status_ok = match self.status.as_str() {
            "" => row.status.is_open() || row.status == Status::Done,
            ALL => true,
            name => row.status.as_str() == name,
        };
        let procedure_ok = self.procedure.is_empty() || row.procedure_id == self.procedure;
        status_ok && procedure_ok && matches_search(&self.search, row)
    }
}

/// Code, name or ID number, the way people type them: case, diacritics and spaces aside.
pub fn matches_search(query: &str, row: &QueueRow) -> bool {
    let wanted = search::fold(query);
    if wanted.is_empty() {
        return true;
    }
    [&row.code, &row.applicant, &row.id_number]
        .iter()
        .any(|text| search::fold(text).contains(&wanted))
}

/// A search that is an ID number, or part of one (digits, spaces and dots as typed): whose
/// dossiers someone looked for, which the audit log keeps.
pub fn id_number_searched(query: &str) -> Option<String> {
    let digits: String = query.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
    (digits.len() >= 3 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// How many pages `total` rows make (one, empty, when there are none), and the page shown
/// for the one asked (the last when asked past it).
pub fn paginate(total: usize, asked: usize) -> (usize, usize) {
    let pages = total.div_ceil(QUEUE_PAGE_SIZE).max(1);
    (asked.clamp(1, pages), pages)
}

/// The pages to link to around `page`: the first, the last, and two either side, with `None`
/// where pages are left out ("…"), so a long queue still has a short row of links.
pub fn page_links(page: usize, pages: usize) -> Vec<Option<usize>> {
    let mut links = Vec::new();
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(page) <= 2 {
            links.push(Some(n));
        } else if links.last() != Some(&None) {
            links.push(None);
        }
    }
    links
}

/// New dossiers first (nobody has looked at them), then the nearest due date; closed last.
/// A total order (the code breaks ties), so a page holds the same dossiers from one view to
/// the next.
pub fn order_queue(rows: &mut [QueueRow]) {
    rows.sort_by(|a, b| {
        let key = |r: &QueueRow| {
            (
                r.status != Status::Submitted,
                r.urgency == Urgency::Closed,
                r.due_date,
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.code.cmp(&b.code))
    });
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueData {
    pub office: String,
    pub staff_name: String,
    pub rows: Vec<QueueRow>,
    /// Procedures to filter by: (id, name).
    pub procedures: Vec<(String, String)>,
    pub filters: QueueFilters,
    pub overdue: usize,
    pub due_today: usize,
    /// Every dossier the filters keep, over all pages.
    pub total: usize,
    /// The page shown (from 1) and how many there are.
    pub page: usize,
    pub pages: usize,
}

#[server(endpoint = "can-bo/ho-so")]
pub async fn load_queue(
    #[server(default)] thu_tuc: String,
    #[server(default)] trang_thai: String,
    #[server(default)] tim: String,
    #[server(default)] trang: Option<String>,
) -> Result<QueueData, ServerFnError> {
    let page = trang.and_then(|p| p.trim().parse().ok()).unwrap_or(1);
    service::load_queue(
        QueueFilters {
            procedure: thu_tuc,
            status: trang_thai,
            search: tim,
        },
        page,
    )
    .await
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerRow {
    pub label: String,
    pub value: String,
    /// A document: where staff open it.
    pub link: Option<String>,
    /// Typed by the helper who filed it with the citizen (not by the citizen).
    pub staff_typed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    pub when: String,
    pub who: String,
    pub what: String,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageRow {
    pub when: String,
    pub channel: String,
    pub recipient: String,
    pub body: String,
    pub state: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionForm {
    pub action: String,
    pub button: String,
    pub needs_note: bool,
    pub needs_date: bool,
    /// Reception: the documents the clerk confirms (name, an original by default).
    pub documents: Vec<(String, bool)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DossierData {
    pub code: String,
    pub version: i64,
    pub procedure_name: String,
    pub office: String,
    pub status: Status,
    pub submitted: String,
    pub due: String,
    pub first_due: String,
    pub urgency: Urgency,
    pub supplement_note: Option<String>,
    pub answers: Vec<AnswerRow>,
    pub history: Vec<EventRow>,
    pub messages: Vec<MessageRow>,
    /// The actions this staff member's role takes at this status.
    pub actions: Vec<ActionForm>,
    /// The roles (their names) that take the other actions open at this status.
    pub others_act: Vec<String>,
    /// The name of the role of who is reading, for a refusal that says why.
    pub staff_role: String,
    pub rating: Option<String>,
    /// Filed with a helper: who, their office, and how the citizen confirmed.
    pub filed: Option<crate::assist::helped::Filed>,
}

#[server(endpoint = "can-bo/ho-so/xem")]
pub async fn load_dossier(code: String) -> Result<Option<DossierData>, ServerFnError> {
    service::load_dossier(&code).await
}

mod act;
pub use act::{Act, act};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashboardData {
    pub scope: String,
    pub figures: dashboard::Dashboard,
    pub weekly_svg: String,
    pub median_svg: String,
    pub ratings_svg: String,
    /// Years (this one and the next) whose working days are missing or not yet official:
    /// due dates there may be wrong, said loudly rather than silently guessed.
    pub calendar_warning: Option<String>,
    /// Dossiers by channel (alone, with a helper and how confirmed), week by week.
    pub channels: channels::Channels,
}

#[server(endpoint = "can-bo/bang-theo-doi")]
pub async fn load_dashboard() -> Result<DashboardData, ServerFnError> {
    service::load_dashboard().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn row(code: &str, status: Status, due: u32, today: u32) -> QueueRow {
        QueueRow {
            code: code.into(),
            procedure_id: "khai-sinh".into(),
            procedure_name: "Đăng ký khai sinh".into(),
            applicant: "Nguyễn Văn An".into(),
            id_number: "066090001234".into(),
            status,
            submitted: String::new(),
            due_date: date(due),
            urgency: Urgency::of(status, date(due), date(today)),
        }
    }

    #[test]
    fn new_dossiers_come_first_then_the_nearest_due_date() {
        let mut rows = vec![
            row("A", Status::Processing, 27, 24),
            row("B", Status::ResultReturned, 20, 24),
            row("C", Status::Submitted, 30, 24),
            row("D", Status::Received, 23, 24),
            row("E", Status::Processing, 24, 24),
        ];
        order_queue(&mut rows);
        let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["C", "D", "E", "A", "B"]);
        assert_eq!(rows[1].urgency, Urgency::Overdue);
        assert_eq!(rows[2].urgency, Urgency::DueToday);
        assert_eq!(rows[3].urgency, Urgency::OnTrack);
        assert_eq!(rows[4].urgency, Urgency::Closed);
    }

    #[test]
    fn a_dossier_not_yet_received_is_never_overdue_its_clock_has_not_started() {
        for status in [Status::Submitted, Status::CompletionRequested] {
            assert_eq!(Urgency::of(status, date(1), date(24)), Urgency::NotStarted);
        }
        assert_eq!(Urgency::NotStarted.label(), "Chưa tính hạn (chờ tiếp nhận)");
    }

    #[test]
    fn a_paused_dossier_is_never_overdue() {
        assert_eq!(
            Urgency::of(Status::SupplementRequested, date(1), date(24)),
            Urgency::Paused
        );
    }

    #[test]
    fn search_finds_by_code_name_or_id_number_as_typed() {
        let r = row("KS-261124-ABCDEF", Status::Processing, 27, 24);
        for query in [
            "ks-261124",
            "nguyen van an",
            "NGUYỄN",
            "066 090",
            "abcdef",
            "",
        ] {
            assert!(matches_search(query, &r), "{query}");
        }
        for query in ["tran", "99999"] {
            assert!(!matches_search(query, &r), "{query}");
        }
    }

    #[test]
    fn filters_by_default_keep_what_is_still_owed() {
        let filters = QueueFilters::default();
        assert!(filters.keeps(&row("A", Status::Done, 27, 24)));
        assert!(filters.keeps(&row("A", Status::Submitted, 27, 24)));
        assert!(!filters.keeps(&row("A", Status::ResultReturned, 27, 24)));
        let all = QueueFilters {
            status: ALL.into(),
            ..Default::default()
        };
        assert!(all.keeps(&row("A", Status::ResultReturned, 27, 24)));
        let supplement = QueueFilters {
            status: "supplement".into(),
            procedure: "ket-hon".into(),
            ..Default::default()
        };
        assert!(!supplement.keeps(&row("A", Status::SupplementRequested, 27, 24)));
    }

    #[test]
    fn pages_cover_every_row_and_a_page_past_the_end_is_the_last() {
        assert_eq!(paginate(0, 1), (1, 1));
        assert_eq!(paginate(50, 2), (1, 1));
        assert_eq!(paginate(60, 2), (2, 2));
        assert_eq!(paginate(60, 9), (2, 2));
        assert_eq!(paginate(60, 0), (1, 2));
        assert_eq!(paginate(501, 1), (1, 11));
        assert_eq!(page_links(1, 2), [Some(1), Some(2)]);
        assert_eq!(
            page_links(6, 11),
            [
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(11)
            ]
        );
    }

    #[test]
    fn page_links_keep_the_filters() {
        let filters = QueueFilters {
            procedure: "khai-sinh".into(),
            status: ALL.into(),
            search: "Nguyễn An".into(),
        };
        assert_eq!(
            filters.page_url(3),
            "/can-bo/ho-so?thu_tuc=khai-sinh&trang_thai=tat-ca&tim=Nguy%E1%BB%85n%20An&trang=3"
        );
        assert_eq!(QueueFilters::default().page_url(1), QUEUE_URL);
    }

    #[test]
    fn the_store_is_asked_for_what_is_shown_and_what_is_owed() {
        assert_eq!(
            QueueFilters {
                status: ALL.into(),
                ..Default::default()
            }
            .statuses(),
            None
        );
        let owed = QueueFilters::default().statuses().unwrap();
        assert!(owed.contains(&Status::Submitted) && owed.contains(&Status::Done));
        assert!(!owed.contains(&Status::ResultReturned));
        let returned = QueueFilters {
            status: Status::ResultReturned.as_str().into(),
            ..Default::default()
        }
        .statuses()
        .unwrap();
        assert!(
            returned.contains(&Status::ResultReturned) && returned.contains(&Status::Processing)
        );
    }

    #[test]
    fn a_search_of_digits_is_a_search_by_id_number() {
        assert_eq!(
            id_number_searched("066 090 001 234").as_deref(),
            Some("066090001234")
        );
        assert_eq!(id_number_searched("0660").as_deref(), Some("0660"));
        for other in ["nguyen", "KS-261124", "12", ""] {
            assert_eq!(id_number_searched(other), None, "{other}");
        }
    }

    #[test]
    fn urgency_reads_in_the_page_language() {
        assert_eq!(Urgency::Overdue.label(), "Quá hạn");
        assert_eq!(Urgency::Paused.label(), "Tạm dừng (chờ bổ sung)");
        assert_eq!(Urgency::Closed.label(), "");
        crate::prefs::as_english_reader(|| {
            assert_eq!(Urgency::Overdue.label(), "Overdue");
            assert_eq!(Urgency::DueToday.label(), "Due today");
            assert_eq!(Urgency::OnTrack.label(), "On time");
            assert_eq!(Urgency::Paused.label(), "Paused (waiting for documents)");
            assert_eq!(Urgency::Closed.label(), "");
        });
    }
}
