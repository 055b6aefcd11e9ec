//! Status lookup by dossier code (`/tra-cuu?ma=CODE`, where the receipt's QR code points): the
//! status in plain words, the due date, the history and what to do next; for a supplement
//! request, an upload form into the same dossier; after the result is returned, a rating.
//! The code is the only key, so the page shows no more personal data than initials.

#[cfg(feature = "ssr")]
pub(crate) mod service;

use crate::layout::Problem;
use crate::rules::lifecycle::Status;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

pub const LOOKUP_URL: &str = "/tra-cuu";
/// Where the supplement upload posts (multipart): it has the large body limit of uploads.
pub const SUPPLEMENT_URL: &str = "/api/bo-sung";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub when: String,
    pub what: String,
    pub by: String,
    pub note: Option<String>,
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
    Found(LookupData),
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

/// The words of each score, shown with the number.
pub const SCORES: [(i64, &str); 5] = [
    (1, "Rất không hài lòng"),
    (2, "Không hài lòng"),
    (3, "Bình thường"),
    (4, "Hài lòng"),
    (5, "Rất hài lòng"),
];

#[component]
pub fn LookupPage() -> impl IntoView {
    let query = use_query_map();
    let typed = query.read_untracked().get("ma").unwrap_or_default();
    let notice = query.read_untracked().get("tb").unwrap_or_default();
    view! {
        <Title text="Tra cứu hồ sơ — Một Cửa" />
        <h1>"Tra cứu hồ sơ"</h1>
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

/// What a redirect back to the lookup page says (`tb=`).
fn notice_text(notice: &str) -> Option<(&'static str, bool)> {
    Some(match notice {
        "da-bo-sung" => ("Đã nhận giấy tờ bổ sung. Hồ sơ được tiếp tục xử lý.", false),
        "loai" => (
            "Tệp chưa được nhận: chỉ nhận ảnh chụp (JPG, PNG) hoặc tệp PDF còn nguyên vẹn. Hãy chọn lại tệp.",
            true,
        ),
        "lon" => (
            "Tệp quá lớn (tối đa 10 MB). Hãy chụp lại với kích thước nhỏ hơn.",
            true,
        ),
        "tong" => (
            "Hồ sơ đã đủ dung lượng giấy tờ (30 MB). Hãy mang giấy tờ đến bộ phận một cửa.",
            true,
        ),
        "chua-chon" => ("Hãy chọn tệp giấy tờ cần bổ sung trước khi gửi.", true),
        "khong-can" => ("Hồ sơ không còn chờ bổ sung nên tệp chưa được nhận.", true),
        "da-danh-gia" => ("Cảm ơn bạn đã đánh giá.", false),
        "chon-diem" => ("Hãy chọn một mức đánh giá từ 1 đến 5.", true),
        _ => return None,
    })
}

#[component]
fn Lookup(page: LookupOutcome, typed: String, notice: String) -> impl IntoView {
    let notice = notice_text(&notice).map(|(text, error)| {
        let class = if error {
            "notice notice--error"
        } else {
            "notice"
        };
        view! { <p class=class role="status">{text}</p> }
    });
    let (error, found) = match page {
        LookupOutcome::Empty => (None, None),
        LookupOutcome::NotFound(_) => (
            Some(
                "Không tìm thấy hồ sơ với mã này. Hãy xem lại mã ghi trên giấy tiếp nhận, ví dụ KS-261124-ABCDEF.",
            ),
            None,
        ),
        LookupOutcome::Limited(_) => (
            Some("Đã có quá nhiều lần tra cứu mã chưa đúng. Hãy đợi vài phút rồi thử lại."),
            None,
        ),
        LookupOutcome::Found(data) => (None, Some(data)),
    };
    let shown_code = found.as_ref().map(|d| d.code.clone()).unwrap_or(typed);
    view! {
        {notice}
        {found.map(|data| view! { <Found data /> })}
        <LookupForm typed=shown_code error />
    }
}

#[component]
fn LookupForm(typed: String, error: Option<&'static str>) -> impl IntoView {
    let class = if error.is_some() {
        "field field--error"
    } else {
        "field"
    };
    let described_by = if error.is_some() {
        "ma-ho-so-goi-y ma-ho-so-loi"
    } else {
        "ma-ho-so-goi-y"
    };
    view! {
        <form method="get" action=LOOKUP_URL class="lookup">
            <div class=class>
                <label class="label" for="ma-ho-so">"Mã hồ sơ"</label>
                <p class="hint" id="ma-ho-so-goi-y">"Mã ghi trên giấy tiếp nhận, ví dụ KS-261124-ABCDEF."</p>
                {error.map(|message| view! {
                    <p class="error-message" id="ma-ho-so-loi">
                        <span class="visually-hidden">"Lỗi: "</span>{message}
                    </p>
                })}
                <input
                    class="input input--code"
                    id="ma-ho-so"
                    name="ma"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    value=typed
                    aria-describedby=described_by
                />
            </div>
            <button type="submit" class="button button--secondary">"Tra cứu"</button>
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
        history,
        supplement_note,
        rating,
    } = data;
    let due_text = if status.clock_paused() {
        format!("{due} (tạm dừng trong khi chờ bổ sung; ngày hẹn sẽ lùi thêm số ngày chờ)")
    } else {
        due
    };
    let supplement = supplement_note.map(|note| {
        let code = code.clone();
        view! {
            <section class="supplement" aria-labelledby="bo-sung-tieu-de">
                <h2 id="bo-sung-tieu-de">"Giấy tờ cần bổ sung"</h2>
                <p class="lead">{note}</p>
                <form method="post" action=SUPPLEMENT_URL enctype="multipart/form-data">
                    <input type="hidden" name="ma" value=code />
                    <input type="hidden" name="phien_ban" value=version.to_string() />
                    <div class="field">
                        <label class="label" for="tep-bo-sung">"Tải lên giấy tờ (ảnh chụp hoặc PDF)"</label>
                        <p class="hint" id="tep-bo-sung-goi-y">"Tối đa 10 MB. Bạn cũng có thể mang bản giấy đến bộ phận một cửa."</p>
                        <input class="input" id="tep-bo-sung" name="tep" type="file"
                            accept="image/jpeg,image/png,application/pdf" aria-describedby="tep-bo-sung-goi-y" />
                    </div>
                    <button type="submit" class="button">"Gửi giấy tờ bổ sung"</button>
                </form>
            </section>
        }
    });
    let rating_part = (status == Status::ResultReturned).then(|| match rating {
        Some(score) => view! {
            <p class="notice">{format!("Bạn đã đánh giá: {score}/5 — {}.", SCORES[(score.clamp(1, 5) - 1) as usize].1)}</p>
        }
        .into_any(),
        None => view! { <RatingForm code=code.clone() /> }.into_any(),
    });
    view! {
        <section class="status-card" aria-labelledby="trang-thai">
            <p class="status-card__code">"Mã hồ sơ: " <strong>{code.clone()}</strong></p>
            <h2 id="trang-thai" class=format!("status status--{}", status.as_str())>{status.label()}</h2>
            <dl class="facts">
                <div><dt>"Thủ tục"</dt><dd>{procedure_name}</dd></div>
                <div><dt>"Người nộp"</dt><dd>{initials}</dd></div>
                <div><dt>"Nơi giải quyết"</dt><dd>{office}</dd></div>
                <div><dt>"Ngày nộp"</dt><dd>{submitted_on}</dd></div>
                {status.is_open().then(|| view! {
                    <div><dt>"Ngày hẹn trả kết quả"</dt><dd>{due_text}</dd></div>
                })}
            </dl>
            {late.then(|| view! {
                <p class="notice">"Hồ sơ đã quá ngày hẹn. Cơ quan sẽ gửi lời xin lỗi và hẹn lại ngày trả."</p>
            })}
            <h3>"Bạn cần làm gì"</h3>
            <p>{status.next_step()}</p>
        </section>
        {supplement}
        {rating_part}
        <section aria-labelledby="lich-su">
            <h2 id="lich-su">"Quá trình giải quyết"</h2>
            <ol class="history">
                {history.into_iter().map(|row| view! {
                    <li>
                        <span class="history__when">{row.when}</span>
                        " — "
                        <strong>{row.what}</strong>
                        {format!(" ({})", row.by)}
                        {row.note.map(|note| view! { <p class="history__note">{note}</p> })}
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
                    <legend id="danh-gia" class="label">"Bạn hài lòng thế nào với việc giải quyết hồ sơ này?"</legend>
                    <div class="radios">
                        {SCORES.iter().map(|(score, words)| {
                            let id = format!("diem-{score}");
                            view! {
                                <div class="radio">
                                    <input type="radio" id=id.clone() name="diem" value=score.to_string() />
                                    <label for=id>{format!("{score} — {words}")}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label class="label" for="y-kien">"Góp ý thêm (không bắt buộc)"</label>
                    <textarea class="input" id="y-kien" name="y_kien" rows="3" maxlength="1000"></textarea>
                </div>
                <button type="submit" class="button">"Gửi đánh giá"</button>
            </form>
        </section>
    }
}

/// The lookup box on the home page.
#[component]
pub fn HomeLookup() -> impl IntoView {
    view! {
        <section class="resume" id="tra-cuu" aria-labelledby="tra-cuu-tieu-de">
            <h2 id="tra-cuu-tieu-de">"Tra cứu hồ sơ đã nộp"</h2>
            <form method="get" action=LOOKUP_URL>
                <div class="field">
                    <label class="label" for="tra-cuu-ma">"Mã hồ sơ"</label>
                    <p class="hint" id="tra-cuu-goi-y">"Mã ghi trên giấy tiếp nhận, ví dụ KS-261124-ABCDEF."</p>
                    <input class="input input--code" id="tra-cuu-ma" name="ma" type="text"
                        autocomplete="off" autocapitalize="characters" spellcheck="false"
                        aria-describedby="tra-cuu-goi-y" />
                </div>
                <button type="submit" class="button button--secondary">"Tra cứu"</button>
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
    fn only_initials_are_shown() {
        assert_eq!(initials("Nguyễn Văn An"), "N. V. A.");
        assert_eq!(initials("  đỗ  thị hoa "), "Đ. T. H.");
        assert_eq!(initials(""), "");
    }
}
