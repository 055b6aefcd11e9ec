//! The pages of a filing, rendered on the server (only the step form is an island).

use super::*;
use crate::layout::{BackLink, NoDraft, Problem, ResumeCode, Submitted};
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A procedure's start page: what it is, what to have ready, and the Start button.
#[component]
pub fn ProcedurePage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match procedure_info(id).await {
                    Ok(Some(card)) => view! { <ProcedureStart card /> }.into_any(),
                    Ok(None) => view! { <crate::layout::NotFound /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProcedureStart(card: ProcedureCard) -> impl IntoView {
    view! {
        <Title text=format!("{} — Một Cửa", card.name) />
        <BackLink href="/".into() />
        <h1>{card.name.clone()}</h1>
        <p class="lead">{card.summary}</p>
        <dl class="facts">
            <div><dt>"Thời gian giải quyết"</dt><dd>{card.processing}</dd></div>
            <div><dt>"Lệ phí"</dt><dd>{card.fee}</dd></div>
            <div><dt>"Nơi giải quyết"</dt><dd>{card.authority}</dd></div>
            <div><dt>"Kết quả"</dt><dd>{card.result}</dd></div>
        </dl>
        <h2>"Chuẩn bị trước"</h2>
        <ul class="list">{card.documents.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
        <p>"Bạn sẽ trả lời từng câu hỏi một. Bài khai được lưu sau mỗi câu, và bạn có thể làm tiếp sau bằng mã hồ sơ nháp."</p>
        <form method="post" action=StartDraft::url()>
            <input type="hidden" name="thu_tuc" value=card.id />
            <button type="submit" class="button button--start">"Bắt đầu"</button>
        </form>
    }
}

#[component]
pub fn StepPage() -> impl IntoView {
    let step = use_params_map()
        .read_untracked()
        .get("step")
        .unwrap_or_default();
    let query = use_query_map();
    let show_errors = query.read_untracked().get("loi").is_some();
    let from_check = query.read_untracked().get("tu").as_deref() == Some(FROM_CHECK);
    let show_conflict = query.read_untracked().get(CONFLICT_QUERY).is_some();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_step(step, show_errors, from_check, show_conflict).await {
                    Ok(DraftPage::Ready(page)) => view! { <Step page /> }.into_any(),
                    Ok(DraftPage::NoSuchStep { first_step_url }) => view! {
                        <h1>"Không có câu hỏi này trong hồ sơ của bạn"</h1>
                        <p>"Có thể bạn đã đổi một câu trả lời trước đó nên câu hỏi này không còn cần nữa."</p>
                        <a class="button" href=first_step_url>"Đến câu hỏi tiếp theo"</a>
                    }
                    .into_any(),
                    Ok(page) => other(page),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The answers to pages that have no draft to show.
fn other<T>(page: DraftPage<T>) -> AnyView {
    match page {
        DraftPage::Submitted => view! { <Submitted /> }.into_any(),
        _ => view! { <NoDraft /> }.into_any(),
    }
}

#[component]
fn Step(page: StepPageData) -> impl IntoView {
    let error_prefix = if page.form.errors.is_empty() {
        ""
    } else {
        "Lỗi: "
    };
    view! {
        <Title text=format!("{error_prefix}{} — {} — Một Cửa", page.title, page.procedure_name) />
        <BackLink href=page.back_url />
        <p class="caption">
            {format!("{} · Câu {} trên {}", page.section, page.number, page.count)}
        </p>
        <h1>{page.title}</h1>
        {page.hint.map(|hint| view! { <p class="lead">{hint}</p> })}
        {page.conflicts.map(|answers| {
            view! { <ConflictForm step_id=page.form.step_id.clone() from_check=page.form.from_check answers /> }
        })}
        <StepForm form=page.form />
        <ResumeCode code=page.resume_code />
    }
}

#[component]
pub fn TaskListPage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_tasks().await {
                    Ok(DraftPage::Ready(page)) => view! { <TaskList page /> }.into_any(),
                    Ok(page) => other(page),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TaskList(page: TaskListData) -> impl IntoView {
    let done = page
        .tasks
        .iter()
        .filter(|task| task.status == TaskStatus::Done)
        .count();
    let total = page.tasks.len();
    let tasks = page
        .tasks
        .into_iter()
        .map(|task| {
            let (status, class) = match task.status {
                TaskStatus::Done => ("Đã xong", "tag tag--done"),
                TaskStatus::InProgress => ("Đang làm", "tag tag--progress"),
                TaskStatus::NotStarted => ("Chưa làm", "tag"),
            };
            view! {
                <li class="task-list__item">
                    <a class="task-list__link" href=task.url>{task.title}</a>
                    <strong class=class>{status}</strong>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("Các phần cần khai — {} — Một Cửa", page.procedure_name) />
        <h1>{page.procedure_name}</h1>
        <p class="lead">{format!("Đã xong {done} trên {total} phần. Làm từng phần theo thứ tự nào cũng được.")}</p>
        <ol class="task-list">{tasks}</ol>
        {if page.complete {
            view! { <a class="button" href=CHECK_URL>"Kiểm tra lại và nộp"</a> }.into_any()
        } else {
            view! { <p>"Khi mọi phần đã xong, bạn sẽ kiểm tra lại và nộp hồ sơ."</p> }.into_any()
        }}
        <ResumeCode code=page.resume_code />
    }
}

/// The resume code, large enough to copy from across a counter, to print, or to scan.
#[component]
pub fn CodePage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_code().await {
                    Ok(DraftPage::Ready(page)) => view! {
                        <Title text=format!("Mã hồ sơ nháp — {} — Một Cửa", page.procedure_name) />
                        <BackLink href=page.back_url.clone() />
                        <h1>"Mã hồ sơ nháp của bạn"</h1>
                        <p class="lead">{format!("Hồ sơ: {}", page.procedure_name)}</p>
                        <p class="resume-code__code resume-code__code--large">{page.resume_code}</p>
                        <p>"Với mã này, bạn làm tiếp hồ sơ trên bất kỳ máy nào: nhập mã ở trang chủ, hoặc quét mã QR dưới đây bằng điện thoại."</p>
                        <div class="qr" inner_html=page.qr_svg></div>
                        <p class="no-print">"Để in: dùng lệnh In của trình duyệt. Giữ mã này cẩn thận như giữ giấy tờ: ai có mã đều xem được bài khai."</p>
                        <a class="button no-print" href=page.back_url>"Làm tiếp hồ sơ"</a>
                    }
                    .into_any(),
                    Ok(page) => other(page),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CheckPage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_check().await {
                    Ok(DraftPage::Ready(page)) => view! { <Check page /> }.into_any(),
                    Ok(page) => other(page),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Check(page: CheckPageData) -> impl IntoView {
    let sections = page
        .sections
        .into_iter()
        .map(|section| {
            let rows = section
                .rows
                .into_iter()
                .map(|row| {
                    let value = match (&row.link, row.value.is_empty()) {
                        (_, true) => view! { <span class="muted">"Chưa trả lời"</span> }.into_any(),
                        (Some(link), false) => {
                            view! { <a href=link.clone() download="">{row.value.clone()}</a> }
                                .into_any()
                        }
                        (None, false) => view! { <span>{row.value.clone()}</span> }.into_any(),
                    };
                    let error = row.error.clone().map(|message| {
                        view! { <p class="error-message">{message}</p> }
                    });
                    view! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">{row.label}</dt>
                            <dd class="summary-list__value">{value}{error}</dd>
                            <dd class="summary-list__action">
                                <a href=row.change_url>
                                    "Thay đổi"
                                    <span class="visually-hidden">{format!(" {}", row.noun)}</span>
                                </a>
                            </dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <h2>{section.title}</h2>
                <dl class="summary-list">{rows}</dl>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("Kiểm tra lại — {} — Một Cửa", page.procedure_name) />
        <h1>"Kiểm tra lại trước khi nộp"</h1>
        <p class="lead">"Xem lại các câu trả lời. Bấm “Thay đổi” để sửa; sửa xong bạn sẽ quay về trang này."</p>
        {sections}
        <h2>"Khi đến nhận kết quả, mang theo"</h2>
        <ul class="list">{page.documents.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
        {if let Some(check) = page.assisted {
            view! { <crate::staff::assisted::CitizenConfirm check complete=page.complete /> }.into_any()
        } else if page.complete {
            view! {
                <h2>"Nộp hồ sơ"</h2>
                <p>"Bấm Nộp hồ sơ là bạn cam đoan những thông tin trên là đúng sự thật."</p>
                <form method="post" action=SubmitDossier::url()>
                    <button type="submit" class="button">"Nộp hồ sơ"</button>
                </form>
            }
            .into_any()
        } else {
            view! {
                <p class="notice">"Còn câu hỏi chưa trả lời hoặc cần sửa (đánh dấu ở trên). Hãy hoàn thành rồi nộp."</p>
            }
            .into_any()
        }}
        <ResumeCode code=page.resume_code />
    }
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_receipt().await {
                    Ok(DraftPage::Ready(receipt)) => {
                        // A kiosk prints on its own paper, by itself.
                        let kiosk = crate::kiosk::kiosk_here().await.ok().flatten();
                        view! { <Receipt receipt kiosk /> }.into_any()
                    }
                    // A draft that is not submitted yet has no receipt.
                    Ok(DraftPage::NoSuchStep { first_step_url }) => view! {
                        <h1>"Hồ sơ chưa được nộp"</h1>
                        <p>"Hãy kiểm tra lại các câu trả lời và bấm Nộp hồ sơ."</p>
                        <a class="button" href=first_step_url>"Kiểm tra lại"</a>
                    }
                    .into_any(),
                    Ok(_) => view! { <NoDraft /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Receipt(receipt: ReceiptData, kiosk: Option<crate::kiosk::KioskInfo>) -> impl IntoView {
    let paper = kiosk.as_ref().map(|k| k.paper).unwrap_or_default();
    let reset_after = kiosk.as_ref().map_or(0, |k| k.timings.warning_seconds);
    let row = |key: &'static str, value: String| {
        (!value.is_empty()).then(|| {
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{key}</dt>
                    <dd class="summary-list__value">{value}</dd>
                </div>
            }
        })
    };
    view! {
        <Title text=format!("Giấy tiếp nhận hồ sơ {} — Một Cửa", receipt.dossier_code) />
        <div class=format!("receipt receipt--{}", paper.as_str())>
        <div class="panel">
            <h1 class="panel__title">"Đã nộp hồ sơ"</h1>
            <p class="panel__body">"Mã hồ sơ của bạn"<br /><strong class="dossier-code">{receipt.dossier_code.clone()}</strong></p>
        </div>
        <p class="lead">{format!("Ngày hẹn trả kết quả: {}", receipt.due)}</p>
        <crate::kiosk::ReceiptPrint auto=kiosk.is_some() reset_after_seconds=reset_after />
        <h2>"Giấy tiếp nhận hồ sơ và hẹn trả kết quả"</h2>
        <dl class="summary-list">
            {row("Cơ quan tiếp nhận", receipt.office)}
            {row("Mã hồ sơ (số biên nhận)", receipt.dossier_code.clone())}
            {row("Thủ tục", receipt.procedure_name)}
            {row("Người nộp", receipt.applicant_name)}
            {row("Số giấy tờ tùy thân", receipt.applicant_id)}
            {row("Địa chỉ", receipt.applicant_address)}
            {row("Điện thoại", receipt.applicant_phone)}
            {row("Thời gian giải quyết", receipt.processing)}
            {row("Nhận hồ sơ lúc", receipt.received_at)}
            {row("Ngày hẹn trả kết quả", receipt.due)}
            {row("Cách nhận kết quả", receipt.delivery)}
            {row("Kết quả", receipt.result)}
        </dl>
        {(!receipt.attachments.is_empty()).then(|| view! {
            <h2>"Giấy tờ đã gửi kèm"</h2>
            <ul class="list">{receipt.attachments.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
        })}
        <h2>"Khi đến nhận kết quả, mang theo"</h2>
        <ul class="list">{receipt.documents.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
        <h2>"Theo dõi hồ sơ"</h2>
        <p>"Quét mã QR hoặc nhập mã hồ sơ ở trang chủ để xem hồ sơ đang được xử lý đến đâu."</p>
        <div class="qr" inner_html=receipt.lookup_qr_svg></div>
        </div>
        <p class="no-print">"Bạn có thể in trang này làm giấy biên nhận. Nên ghi lại mã hồ sơ."</p>
    }
}
