//! The home page: the procedures on offer and the way back into a draft.

use crate::filing::{ProcedureCard, ResumeDraft, UNKNOWN_PROCEDURE, list_procedures};
use crate::layout::Problem;
use crate::rules::resume_code;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let typed_code = query.read_untracked().get("ma");
    let error = query.read_untracked().get("loi");
    let resume_error = match (&typed_code, error.as_deref()) {
        (Some(typed), Some(_)) => Some(match resume_code::normalise(typed) {
            Err(problem) => problem.message(),
            Ok(_) => "Không tìm thấy hồ sơ nháp với mã này. Hãy xem lại mã đã ghi (mã có 15 chữ và số)."
                .to_string(),
        }),
        (None, Some("khong-co-ho-so")) => {
            Some("Trên máy này chưa có hồ sơ đang khai. Hãy nhập mã hồ sơ nháp, hoặc chọn thủ tục để bắt đầu.".to_string())
        }
        _ => None,
    };
    let unknown_procedure = (error.as_deref() == Some(UNKNOWN_PROCEDURE)).then(|| {
        view! {
            <p class="notice" role="alert">
                "Không có thủ tục bạn vừa chọn. Hãy chọn một thủ tục trong danh sách dưới đây."
            </p>
        }
    });
    view! {
        <Title text="Một Cửa — Dịch vụ công trực tuyến" />
        <h1>"Làm thủ tục hành chính trực tuyến"</h1>
        {unknown_procedure}
        <p class="lead">"Chọn việc bạn cần làm. Mỗi trang chỉ hỏi một điều, và bài khai được lưu lại sau mỗi bước."</p>
        <Suspense>
            {Suspend::new(async move {
                match list_procedures().await {
                    Ok(procedures) => view! { <ProcedureList procedures /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
        <ResumeForm typed=typed_code.unwrap_or_default() error=resume_error />
    }
}

#[component]
fn ProcedureList(procedures: Vec<ProcedureCard>) -> impl IntoView {
    view! {
        <ul class="procedures">
            {procedures
                .into_iter()
                .map(|card| {
                    view! {
                        <li class="procedure">
                            <h2 class="procedure__name">
                                <a href=format!("/thu-tuc/{}", card.id)>{card.name}</a>
                            </h2>
                            <p>{card.summary}</p>
                            <dl class="procedure__facts">
                                <div><dt>"Thời gian: "</dt><dd>{card.processing}</dd></div>
                                <div><dt>"Lệ phí: "</dt><dd>{card.fee}</dd></div>
                            </dl>
                            <details class="details">
                                <summary>"Giấy tờ cần chuẩn bị"</summary>
                                <ul class="list">
                                    {card.documents.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                                </ul>
                            </details>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn ResumeForm(typed: String, error: Option<String>) -> impl IntoView {
    let class = if error.is_some() {
        "field field--error"
    } else {
        "field"
    };
    let described_by = if error.is_some() {
        "ma-goi-y ma-loi"
    } else {
        "ma-goi-y"
    };
    view! {
        <section class="resume" id="tiep-tuc" aria-labelledby="tiep-tuc-tieu-de">
            <h2 id="tiep-tuc-tieu-de">"Làm tiếp hồ sơ đang khai dở"</h2>
            <form method="post" action=ResumeDraft::url()>
                <div class=class>
                    <label class="label" for="ma">"Mã hồ sơ nháp"</label>
                    <p class="hint" id="ma-goi-y">"Mã gồm 15 chữ và số, ví dụ K7M2Q-8XTR4-WN3HD. Không phân biệt chữ hoa, chữ thường."</p>
                    {error.map(|message| view! {
                        <p class="error-message" id="ma-loi">
                            <span class="visually-hidden">"Lỗi: "</span>{message}
                        </p>
                    })}
                    <input
                        class="input input--code"
                        id="ma"
                        name="ma"
                        type="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        value=typed
                        aria-describedby=described_by
                    />
                </div>
                <button type="submit" class="button button--secondary">"Làm tiếp"</button>
            </form>
        </section>
    }
}
