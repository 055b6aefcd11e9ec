//! Status lookup by dossier code (`/tra-cuu?ma=CODE`, where the receipt's QR code points): the
//! status in plain words, the due date, the history and what to do next; for a supplement
//! request, an upload form into the same dossier; after the result is returned, a rating.
//!
//! The page shows no more personal data than initials, whoever opens it. The lookup form posts
//! (`look_up`): only there is a lookup counted against the guessing limits, so no other site
//! can spend them with a link or an image. A plain link (a QR code, an SMS) opens the status
//! without counting, but only for a code too long to guess, or an older code with its lookup
//! key; any other code fills the form in, to press. Writing on the dossier (a supplement, the
//! rating) also asks the last four digits of the ID number or phone given in it.

#[cfg(feature = "ssr")]
pub(crate) mod service;
mod slip;
mod status;

pub use slip::SlipPage;

use crate::layout::{CodeField, Problem};
use domain::lifecycle::Status;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};
use status::Found;

pub use crate::paths::{LOOKUP_URL, SUPPLEMENT_URL};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub when: String,
    pub what: String,
    pub by: String,
    pub note: Option<String>,
    /// The printable form this change issued (Mẫu 02-05), if any.
    pub slip_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LookupData {
    pub code: String,
    pub version: i64,
    pub procedure_name: String,
    pub office: String,
    pub initials: String,
    pub status: Status,
    pub submitted_on: String,
    pub due: String,
    /// The due date is late (past, and the dossier still open).
    pub late: bool,
    /// Received: `due` is the due moment of the receipt. Before, only a provisional date.
    pub received: bool,
    /// The fee to pay, while the office waits for it.
    pub payment_note: Option<String>,
    /// The Mẫu 01 receipt, without the applicant's details (anyone with the code sees this page).
    pub official: Option<crate::receipt::OfficialReceipt>,
    pub history: Vec<HistoryRow>,
    /// What is missing, while a supplement request is open.
    pub supplement_note: Option<String>,
    /// The rating given, if any (after the result is returned).
    pub rating: Option<i64>,
    /// The dossier holds an ID number or a phone whose last digits are asked before a write;
    /// without one, nothing can be written on it by its code.
    pub asks_digits: bool,
    /// Filed with a helper: their name and role (an official act; not their office), and how
    /// the citizen confirmed. None for a citizen alone.
    pub filed: Option<crate::assist::helped::Filed>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LookupOutcome {
    /// Nothing typed yet.
    Empty,
    /// A code a plain link does not open (issued before codes were too long to guess, and the
    /// link has not its key): the form, filled in, to press. Said whether it names a dossier
    /// or not, so a link tells nothing.
    Unopened(String),
    /// Typed something that is no dossier code of ours, or an unknown one (same answer).
    NotFound(String),
    /// Too many unknown codes from this client: wait a few minutes.
    Limited(String),
    Found(Box<LookupData>),
}

/// The status a plain link asks for (`?ma=CODE`, `&k=KEY`): nothing is counted.
#[server(endpoint = "tra-cuu/xem")]
pub async fn status_page(
    ma: String,
    #[server(default)] k: String,
) -> Result<LookupOutcome, ServerFnError> {
    service::status_page(&ma, &k).await
}

/// The lookup form: the one counted lookup, which lands on the dossier's status page.
#[server(endpoint = "tra-cuu")]
pub async fn look_up(ma: String) -> Result<(), ServerFnError> {
    service::look_up(&ma).await
}

/// The citizen uploads what was asked for; the dossier goes back to processing.
#[server(endpoint = "bo-sung", input = server_fn::codec::MultipartFormData)]
pub async fn supply(data: server_fn::codec::MultipartData) -> Result<(), ServerFnError> {
    service::supply(data).await
}

/// The one-question rating after the result is returned.
#[server(endpoint = "danh-gia")]
pub async fn rate(
    ma: String,
    #[server(default)] diem: Option<String>,
    #[server(default)] y_kien: Option<String>,
    #[server(default)] so_cuoi: Option<String>,
) -> Result<(), ServerFnError> {
    service::rate(
        &ma,
        diem.as_deref(),
        y_kien.as_deref(),
        so_cuoi.as_deref().unwrap_or_default(),
    )
    .await
}

/// The translation keys of the words of each score, shown with the number.
pub const SCORES: [(i64, &str); 5] = [
    (1, "lookup.score_1"),
    (2, "lookup.score_2"),
    (3, "lookup.score_3"),
    (4, "lookup.score_4"),
    (5, "lookup.score_5"),
];

/// The words of a score ("5" reads "Rất hài lòng" / "Very satisfied"), in the page's language.
pub fn score_words(score: i64) -> String {
    tr!(SCORES[(score.clamp(1, 5) - 1) as usize].1)
}

/// What a redirect back to the lookup page carries besides the code.
#[derive(Clone, Debug, Default)]
struct Returned {
    /// `tb=`: what happened to a form sent from the status page.
    notice: String,
    /// `loi=`: why the lookup form found nothing.
    error: String,
    /// `diem=` and `y=`: the rating typed, kept when it could not be sent.
    score: Option<i64>,
    comment: String,
}

#[component]
pub fn LookupPage() -> impl IntoView {
    let query = use_query_map();
    let get = |name: &str| query.read_untracked().get(name).unwrap_or_default();
    let typed = get("ma");
    let key = get("k");
    let returned = Returned {
        notice: get("tb"),
        error: get("loi"),
        score: get("diem").parse().ok().filter(|s| (1..=5).contains(s)),
        comment: get("y"),
    };
    view! {
        <Title text=tr!("page.title", title = tr!("lookup.title")) />
        <h1>{tr!("lookup.title")}</h1>
        <Suspense>
            {Suspend::new(async move {
                // The answer of the counted form: shown as it said, nothing looked up again.
                let said = match returned.error.as_str() {
                    "khong-thay" => Some(LookupOutcome::NotFound(typed.clone())),
                    "cho" => Some(LookupOutcome::Limited(typed.clone())),
                    _ => None,
                };
                let outcome = match said {
                    Some(outcome) => Ok(outcome),
                    None => status_page(typed.clone(), key.clone()).await,
                };
                match outcome {
                    Ok(page) => view! { <Lookup page typed returned /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The translation key of what a redirect back to the lookup page says (`tb=`), and whether it
/// is an error.
fn notice_key(notice: &str) -> Option<(&'static str, bool)> {
    Some(match notice {
        "da-bo-sung" => ("lookup.notice_supplied", false),
        "loai" => ("lookup.notice_type", true),
        "lon" => ("lookup.notice_size", true),
        "tong" => ("lookup.notice_total", true),
        "anh" => ("lookup.notice_pixels", true),
        "pdf" => ("lookup.notice_active", true),
        "mot-tep" => ("lookup.notice_one_file", true),
        "chua-chon" => ("lookup.notice_no_file", true),
        "khong-can" => ("lookup.notice_not_needed", true),
        "da-danh-gia" => ("lookup.notice_rated", false),
        "chon-diem" => ("lookup.notice_choose_score", true),
        DIGITS_WRONG => ("lookup.notice_digits", true),
        DIGITS_WRONG_FILE => ("lookup.notice_digits_file", true),
        "khong-so" => ("lookup.notice_no_digits", true),
        "cho" => ("lookup.limited", true),
        _ => return None,
    })
}

/// The notices that say the last digits were wrong (for an upload: choose the file again).
const DIGITS_WRONG: &str = "so-cuoi";
const DIGITS_WRONG_FILE: &str = "so-cuoi-tep";

#[component]
fn Lookup(page: LookupOutcome, typed: String, returned: Returned) -> impl IntoView {
    let digits_wrong = [DIGITS_WRONG, DIGITS_WRONG_FILE].contains(&returned.notice.as_str());
    let notice = notice_key(&returned.notice).map(|(key, error)| {
        let class = if error {
            "notice notice--error"
        } else {
            "notice"
        };
        view! { <p class=class role="status">{tr!(key)}</p> }
    });
    let (error, unopened, found) = match page {
        LookupOutcome::Empty => (None, false, None),
        LookupOutcome::Unopened(_) => (None, true, None),
        LookupOutcome::NotFound(_) => (Some(tr!("lookup.not_found")), false, None),
        LookupOutcome::Limited(_) => (Some(tr!("lookup.limited")), false, None),
        LookupOutcome::Found(data) => (None, false, Some(*data)),
    };
    let shown_code = found.as_ref().map(|d| d.code.clone()).unwrap_or(typed);
    view! {
        {notice}
        {found.map(|data| view! { <Found data digits_wrong score=returned.score comment=returned.comment /> })}
        {unopened.then(|| view! { <p class="lead">{tr!("lookup.press_to_check")}</p> })}
        <LookupForm typed=shown_code error />
    }
}

#[component]
fn LookupForm(typed: String, error: Option<String>) -> impl IntoView {
    view! {
        <form method="post" action=LookUp::url() class="lookup">
            <CodeField
                id="ma-ho-so"
                label=tr!("lookup.code_label")
                hint=tr!("lookup.code_hint")
                typed
                error
            />
            <button type="submit" class="button button--secondary">{tr!("lookup.button")}</button>
        </form>
    }
}

/// The lookup box on the home page.
#[component]
pub fn HomeLookup() -> impl IntoView {
    view! {
        <section class="resume" id="tra-cuu" aria-labelledby="tra-cuu-tieu-de">
            <h2 id="tra-cuu-tieu-de">{tr!("lookup.home_title")}</h2>
            <form method="post" action=LookUp::url()>
                <div class="field">
                    <label class="label" for="tra-cuu-ma">{tr!("lookup.code_label")}</label>
                    <p class="hint" id="tra-cuu-goi-y">{tr!("lookup.code_hint")}</p>
                    <input class="input input--code" id="tra-cuu-ma" name="ma" type="text"
                        autocomplete="off" autocapitalize="characters" spellcheck="false"
                        aria-describedby="tra-cuu-goi-y" />
                </div>
                <button type="submit" class="button button--secondary">{tr!("lookup.button")}</button>
            </form>
        </section>
    }
}

/// A dossier code as people type it: spaces and case aside. `None` when it cannot be one of
/// ours (letters, digits and dashes, 8 to 30 of them), so no lookup is spent on it.
pub fn normalise_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let shape = (8..=30).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    shape.then_some(code)
}

/// "Nguyễn Văn An" reads "N. V. A.": enough for a citizen to recognise their dossier, too
/// little to tell a stranger who filed it.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .flat_map(char::to_uppercase)
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_typed() {
        assert_eq!(
            normalise_code(" ks-261124-abc def "),
            Some("KS-261124-ABCDEF".into())
        );
        assert_eq!(normalise_code(""), None);
        assert_eq!(normalise_code("KS/../../etc"), None);
        assert_eq!(normalise_code(&"A".repeat(31)), None);
    }

    #[test]
    fn every_notice_and_score_reads_in_both_languages() {
        let notices = [
            "da-bo-sung",
            "loai",
            "lon",
            "tong",
            "anh",
            "pdf",
            "mot-tep",
            "chua-chon",
            "khong-can",
            "da-danh-gia",
            "chon-diem",
            "so-cuoi",
            "so-cuoi-tep",
            "khong-so",
            "cho",
        ];
        let page = [
            "lookup.press_to_check",
            "lookup.digits_label",
            "lookup.digits_hint",
            "lookup.digits_wrong",
            "lookup.supplement_at_counter",
        ];
        let keys = notices
            .iter()
            .map(|notice| notice_key(notice).expect("a known notice").0)
            .chain(SCORES.iter().map(|(_, key)| *key))
            .chain(page);
        for key in keys {
            let vi = rust_i18n::t!(key, locale = "vi");
            let en = rust_i18n::t!(key, locale = "en");
            assert_ne!(vi, key, "{key} has no Vietnamese");
            assert_ne!(en, key, "{key} has no English");
            assert_ne!(vi, en, "{key} is not translated");
        }
        assert_eq!(notice_key("anything else"), None);
        assert_eq!(
            rust_i18n::t!("lookup.notice_rated", locale = "en"),
            "Thank you for your rating."
        );
    }

    #[test]
    fn scores_read_in_the_page_language() {
        // Outside a request, the page is Vietnamese.
        assert_eq!(score_words(5), "Rất hài lòng");
        assert_eq!(score_words(1), "Rất không hài lòng");
        // Out of range is read as the nearest score.
        assert_eq!(score_words(9), "Rất hài lòng");
        assert_eq!(
            tr!("lookup.rated", score = 5, words = score_words(5)),
            "Bạn đã đánh giá: 5/5 — Rất hài lòng."
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn an_english_reader_gets_english_messages() {
        crate::prefs::as_english_reader(|| {
            assert_eq!(score_words(5), "Very satisfied");
            assert_eq!(
                tr!("lookup.rated", score = 4, words = score_words(4)),
                "Your rating: 4/5 — Satisfied."
            );
            assert!(tr!("lookup.not_found").starts_with("No dossier was found with this code."));
            assert_eq!(
                tr!("lookup.due_paused", due = "5 November 2026"),
                "5 November 2026 (on hold while we wait for your documents; the date moves back by the days of waiting)"
            );
        });
    }

    #[test]
    fn only_initials_are_shown() {
        assert_eq!(initials("Nguyễn Văn An"), "N. V. A.");
        assert_eq!(initials("  đỗ  thị hoa "), "Đ. T. H.");
        assert_eq!(initials(""), "");
    }
}
