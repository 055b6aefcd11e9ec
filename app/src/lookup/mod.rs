//! Status lookup by dossier code (`/tra-cuu?ma=CODE`, where the receipt's QR code points): the
//! status in plain words, the due date, the history and what to do next; for a supplement
//! request, an upload form into the same dossier; after the result is returned, a rating.
//! The code is the only key, so the page shows no more personal data than initials.

#[cfg(feature = "ssr")]
pub(crate) mod service;
mod slip;

pub use slip::SlipPage;

use crate::i18n::StatusWords;
use crate::layout::{CodeField, Problem};
use domain::lifecycle::Status;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LookupOutcome {
    /// Nothing typed yet.
    Empty,
    /// Typed something that is no dossier code of ours, or an unknown one (same answer).
    NotFound(String),
    /// Too many unknown codes from this client: wait a few minutes.
    Limited(String),
    Found(Box<LookupData>),
}

#[server(endpoint = "tra-cuu")]
pub async fn look_up(ma: String) -> Result<LookupOutcome, ServerFnError> {
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
) -> Result<(), ServerFnError> {
    service::rate(&ma, diem.as_deref(), y_kien.as_deref()).await
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

#[component]
pub fn LookupPage() -> impl IntoView {
    let query = use_query_map();
    let typed = query.read_untracked().get("ma").unwrap_or_default();
    let notice = query.read_untracked().get("tb").unwrap_or_default();
    view! {
        <Title text=tr!("page.title", title = tr!("lookup.title")) />
        <h1>{tr!("lookup.title")}</h1>
        <Suspense>
            {Suspend::new(async move {
                match look_up(typed.clone()).await {
                    Ok(page) => view! { <Lookup page typed notice /> }.into_any(),
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
        _ => return None,
    })
}

#[component]
fn Lookup(page: LookupOutcome, typed: String, notice: String) -> impl IntoView {
    let notice = notice_key(&notice).map(|(key, error)| {
        let class = if error {
            "notice notice--error"
        } else {
            "notice"
        };
        view! { <p class=class role="status">{tr!(key)}</p> }
    });
    let (error, found) = match page {
        LookupOutcome::Empty => (None, None),
        LookupOutcome::NotFound(_) => (Some(tr!("lookup.not_found")), None),
        LookupOutcome::Limited(_) => (Some(tr!("lookup.limited")), None),
        LookupOutcome::Found(data) => (None, Some(*data)),
    };
    let shown_code = found.as_ref().map(|d| d.code.clone()).unwrap_or(typed);
    view! {
        {notice}
        {found.map(|data| view! { <Found data /> })}
        <LookupForm typed=shown_code error />
    }
}

#[component]
fn LookupForm(typed: String, error: Option<String>) -> impl IntoView {
    view! {
        <form method="get" action=LOOKUP_URL class="lookup">
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

#[component]
fn Found(data: LookupData) -> impl IntoView {
    let LookupData {
        code,
        version,
        procedure_name,
        office,
        initials,
        status,
        submitted_on,
        due,
        late,
        received,
        payment_note,
        official,
        history,
        supplement_note,
        rating,
    } = data;
    let due_text = if status.clock_paused() {
        tr!("lookup.due_paused", due = due)
    } else {
        due
    };
    let due_label = if received {
        tr!("lookup.due")
    } else {
        tr!("lookup.due_provisional")
    };
    let supplement = supplement_note.map(|note| {
        let code = code.clone();
        view! {
            <section class="supplement" aria-labelledby="bo-sung-tieu-de">
                <h2 id="bo-sung-tieu-de">{tr!("lookup.supplement_title")}</h2>
                // Typed by the clerk, in Vietnamese.
                <p class="lead" lang="vi">{note}</p>
                <form method="post" action=SUPPLEMENT_URL enctype="multipart/form-data">
                    <input type="hidden" name="ma" value=code />
                    <input type="hidden" name="phien_ban" value=version.to_string() />
                    <div class="field">
                        <label class="label" for="tep-bo-sung">{tr!("lookup.upload_label")}</label>
                        <p class="hint" id="tep-bo-sung-goi-y">{tr!("lookup.upload_hint")}</p>
                        <input class="input" id="tep-bo-sung" name="tep" type="file"
                            accept="image/jpeg,image/png,application/pdf" aria-describedby="tep-bo-sung-goi-y" />
                    </div>
                    <button type="submit" class="button">{tr!("lookup.upload_button")}</button>
                </form>
            </section>
        }
    });
    let rating_part = (status == Status::ResultReturned).then(|| match rating {
        Some(score) => view! {
            <p class="notice">{tr!("lookup.rated", score = score, words = score_words(score))}</p>
        }
        .into_any(),
        None => view! { <RatingForm code=code.clone() /> }.into_any(),
    });
    view! {
        <section class="status-card" aria-labelledby="trang-thai">
            <p class="status-card__code">{tr!("lookup.code_line")} <strong>{code.clone()}</strong></p>
            <h2 id="trang-thai" class=format!("status status--{}", status.as_str())>{status.label()}</h2>
            <dl class="facts">
                // The procedure's name and the office's are data, in Vietnamese.
                <div><dt>{tr!("lookup.procedure")}</dt><dd lang="vi">{procedure_name}</dd></div>
                <div><dt>{tr!("lookup.applicant")}</dt><dd>{initials}</dd></div>
                <div><dt>{tr!("lookup.office")}</dt><dd lang="vi">{office}</dd></div>
                <div><dt>{tr!("lookup.submitted_on")}</dt><dd>{submitted_on}</dd></div>
                {status.is_open().then(|| view! {
                    <div><dt>{due_label}</dt><dd>{due_text}</dd></div>
                })}
            </dl>
            {payment_note.map(|note| view! {
                <p class="notice" lang="vi">{tr!("lookup.payment", note = note)}</p>
            })}
            {late.then(|| view! {
                <p class="notice">{tr!("lookup.late")}</p>
            })}
            <h3>{tr!("lookup.next_title")}</h3>
            <p>{status.next_step()}</p>
        </section>
        {supplement}
        {rating_part}
        {official.map(|receipt| view! { <crate::receipt::OfficialReceiptView receipt /> })}
        <section aria-labelledby="lich-su">
            <h2 id="lich-su">{tr!("lookup.history_title")}</h2>
            <ol class="history">
                {history.into_iter().map(|row| view! {
                    <li>
                        <span class="history__when">{row.when}</span>
                        " — "
                        <strong>{row.what}</strong>
                        {format!(" ({})", row.by)}
                        // Typed by the clerk, or stored as written then: Vietnamese.
                        {row.note.map(|note| view! { <p class="history__note" lang="vi">{note}</p> })}
                        {row.slip_url.map(|url| view! { <p class="history__slip"><a href=url>{tr!("slip.open")}</a></p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn RatingForm(code: String) -> impl IntoView {
    view! {
        <section class="rating" aria-labelledby="danh-gia">
            <form method="post" action=Rate::url()>
                <input type="hidden" name="ma" value=code />
                <fieldset class="fieldset">
                    <legend id="danh-gia" class="label">{tr!("lookup.rating_question")}</legend>
                    <div class="radios">
                        {SCORES.iter().map(|(score, _)| {
                            let id = format!("diem-{score}");
                            view! {
                                <div class="radio">
                                    <input type="radio" id=id.clone() name="diem" value=score.to_string() />
                                    <label for=id>{format!("{score} — {}", score_words(*score))}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label class="label" for="y-kien">{tr!("lookup.rating_comment")}</label>
                    <textarea class="input" id="y-kien" name="y_kien" rows="3" maxlength="1000"></textarea>
                </div>
                <button type="submit" class="button">{tr!("lookup.rating_button")}</button>
            </form>
        </section>
    }
}

/// The lookup box on the home page.
#[component]
pub fn HomeLookup() -> impl IntoView {
    view! {
        <section class="resume" id="tra-cuu" aria-labelledby="tra-cuu-tieu-de">
            <h2 id="tra-cuu-tieu-de">{tr!("lookup.home_title")}</h2>
            <form method="get" action=LOOKUP_URL>
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
        ];
        let keys = notices
            .iter()
            .map(|notice| notice_key(notice).expect("a known notice").0)
            .chain(SCORES.iter().map(|(_, key)| *key));
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
