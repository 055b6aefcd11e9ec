//! The pages of a filing, rendered on the server (only the step form is an island).

use super::*;
use crate::layout::{BackLink, NoDraft, Problem, ResumeCode, Submitted};
use crate::read_aloud::ReadAloud;
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
        <Title text=tr!("page.title", title = card.name) />
        <BackLink href="/".into() />
        <h1>{card.name.clone()}</h1>
        <p class="lead">{card.summary}</p>
        <dl class="facts">
            <div><dt>{tr!("start.processing")}</dt><dd>{card.processing}</dd></div>
            <div><dt>{tr!("start.fee")}</dt><dd>{card.fee}</dd></div>
            <div><dt>{tr!("start.authority")}</dt><dd>{card.authority}</dd></div>
            <div><dt>{tr!("start.result")}</dt><dd>{card.result}</dd></div>
        </dl>
        <h2>{tr!("start.prepare")}</h2>
        <ul class="list">{card.documents.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
        <p>{tr!("start.how")}</p>
        <form method="post" action=StartDraft::url()>
            <input type="hidden" name="thu_tuc" value=card.id />
            <button type="submit" class="button button--start">{tr!("start.button")}</button>
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
                        <Title text=tr!("page.title", title = tr!("step.missing_title")) />
                        <h1>{tr!("step.missing_title")}</h1>
                        <p>{tr!("step.missing_text")}</p>
                        <a class="button" href=first_step_url>{tr!("step.missing_next")}</a>
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
    let lang = crate::prefs::lang();
    // The question, its hint, then each field's label and hint, as the page shows them.
    let listen_text = crate::read_aloud::spoken(
        [page.title.clone()]
            .into_iter()
            .chain(page.hint.clone())
            .chain(
                page.form
                    .fields
                    .iter()
                    .flat_map(|field| [field.label.clone()].into_iter().chain(field.hint.clone())),
            ),
    );
    let error_prefix = if page.form.errors.is_empty() {
        String::new()
    } else {
        tr!("error.prefix")
    };
    view! {
        <Title text=format!("{error_prefix}{}", tr!("page.title2", title = page.title, procedure = page.procedure_name)) />
        <BackLink href=page.back_url />
        <p class="caption">
            {tr!("step.count", section = page.section, number = page.number, count = page.count)}
        </p>
        <h1>{page.title.clone()}</h1>
        <ReadAloud text=listen_text lang=lang.speech_tag().to_string() label=tr!("listen.question") />
        {page.hint.map(|hint| view! { <p class="lead">{hint}</p> })}
        {page.meaning.map(|text| view! { <super::step_form::Meaning text /> })}
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
                TaskStatus::Done => (tr!("tasks.done"), "tag tag--done"),
                TaskStatus::InProgress => (tr!("tasks.in_progress"), "tag tag--progress"),
                TaskStatus::NotStarted => (tr!("tasks.not_started"), "tag"),
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
        <Title text=tr!("tasks.page_title", procedure = page.procedure_name) />
        <h1>{page.procedure_name}</h1>
        <p class="lead">{tr!("tasks.progress", done = done, total = total)}</p>
        <ol class="task-list">{tasks}</ol>
        {if page.complete {
            view! { <a class="button" href=CHECK_URL>{tr!("tasks.check")}</a> }.into_any()
        } else {
            view! { <p>{tr!("tasks.when_done")}</p> }.into_any()
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
                        <Title text=tr!("code.page_title", procedure = page.procedure_name) />
                        <BackLink href=page.back_url.clone() />
                        <h1>{tr!("code.title")}</h1>
                        <p class="lead">{tr!("code.procedure", procedure = page.procedure_name)}</p>
                        <p class="resume-code__code resume-code__code--large">{page.resume_code}</p>
                        <p>{tr!("code.how")}</p>
                        <div class="qr" inner_html=page.qr_svg></div>
                        <p class="no-print">{tr!("code.print")}</p>
                        <a class="button no-print" href=page.back_url>{tr!("code.back")}</a>
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
    view! {
        <Title text=tr!("check.page_title", procedure = page.procedure_name) />
        <h1>{tr!("check.title")}</h1>
        <p class="lead">{tr!("check.lead")}</p>
        {(!page.warnings.is_empty()).then(|| view! {
            <section class="notice notice--warning" aria-labelledby="xem-lai">
                <h2 id="xem-lai">{tr!("check.warnings_title")}</h2>
                <ul class="list">
                    {page.warnings.into_iter().map(|w| view! {
                        <li>{w.message}" "<a href=w.change_url>{tr!("check.change")}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <crate::summary::SummaryLists sections=page.sections changes=true />
        <h2>{tr!("check.bring")}</h2>
        <ul class="list">{page.documents.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
        {if let Some(check) = page.assisted {
            view! { <crate::assist::CitizenConfirm check complete=page.complete /> }.into_any()
        } else if page.complete {
            let held_back = (use_query_map().read_untracked().get("gui").as_deref()
                == Some(super::TOO_MANY_SUBMISSIONS))
            .then(|| view! { <p class="notice" role="alert">{tr!("check.too_many_submissions")}</p> });
            view! {
                <h2 id="gui">{tr!("check.submit_title")}</h2>
                {held_back}
                <p>{tr!("check.declaration")}</p>
                <form method="post" action=SubmitDossier::url()>
                    <button type="submit" class="button">{tr!("check.submit_title")}</button>
                </form>
            }
            .into_any()
        } else {
            view! {
                <p class="notice">{tr!("check.incomplete")}</p>
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
                        let kiosk = crate::channel::kiosk_here().await.ok().flatten();
                        view! { <Receipt receipt kiosk /> }.into_any()
                    }
                    // A draft that is not submitted yet has no receipt.
                    Ok(DraftPage::NoSuchStep { first_step_url }) => view! {
                        <Title text=tr!("page.title", title = tr!("receipt.not_submitted")) />
                        <h1>{tr!("receipt.not_submitted")}</h1>
                        <p>{tr!("receipt.not_submitted_text")}</p>
                        <a class="button" href=first_step_url>{tr!("receipt.check")}</a>
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
fn Receipt(receipt: ReceiptData, kiosk: Option<crate::channel::KioskInfo>) -> impl IntoView {
    let paper = kiosk.as_ref().map(|k| k.paper).unwrap_or_default();
    let reset_after = kiosk.as_ref().map_or(0, |k| k.timings.warning_seconds);
    let row = |key: String, value: String| {
        (!value.is_empty()).then(|| {
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{key}</dt>
                    <dd class="summary-list__value">{value}</dd>
                </div>
            }
        })
    };
    let helped = receipt
        .filed
        .map(|filed| view! { <crate::assist::helped::FiledLine filed /> });
    let hidden = receipt.details_hidden.then(|| {
        view! {
            <p class="notice">{tr!("receipt.details_hidden", minutes = super::RECEIPT_DETAILS_MINUTES)}</p>
        }
    });
    // Received (at the counter, or later by a clerk): the official receipt. Before that, an
    // acknowledgement that never calls itself a receipt.
    if let Some(official) = receipt.official {
        let applicant = vec![
            (tr!("receipt.applicant"), receipt.applicant_name),
            (tr!("receipt.id"), receipt.applicant_id),
            (tr!("receipt.address"), receipt.applicant_address),
            (tr!("receipt.phone"), receipt.applicant_phone),
        ];
        return view! {
            <Title text=tr!("receipt.page_title", code = &receipt.dossier_code) />
            <div class=format!("receipt receipt--{}", paper.as_str())>
            <div class="panel">
                <h1 class="panel__title">{tr!("receipt.received_title")}</h1>
                <p class="panel__body">{tr!("receipt.your_code")}<br /><strong class="dossier-code">{receipt.dossier_code.clone()}</strong></p>
            </div>
            <p class="lead">{tr!("receipt.due_at_line", due = &official.due_at)}</p>
            {helped}
            <crate::channel::ReceiptPrint auto=kiosk.is_some() reset_after_seconds=reset_after />
            {hidden}
            <crate::receipt::OfficialReceiptView receipt=official applicant />
            <h2>{tr!("receipt.follow")}</h2>
            <p>{tr!("receipt.follow_text")}</p>
            <div class="qr" inner_html=receipt.lookup_qr_svg></div>
            </div>
            <p class="no-print">{tr!("receipt.print")}</p>
        }
        .into_any();
    }
    view! {
        <Title text=tr!("ack.page_title", code = receipt.dossier_code.clone()) />
        <div class=format!("receipt receipt--{}", paper.as_str())>
        <div class="panel">
            <h1 class="panel__title">{tr!("receipt.title")}</h1>
            <p class="panel__body">{tr!("receipt.your_code")}<br /><strong class="dossier-code">{receipt.dossier_code.clone()}</strong></p>
        </div>
        // On paper the table says the same (status, provisional date): one sheet of A4 or A5.
        <p class="lead no-print">{tr!("ack.waiting", office = receipt.office.clone())}</p>
        <p class="no-print">{tr!("receipt.due_line", due = receipt.due.clone())}</p>
        {helped}
        <crate::channel::ReceiptPrint auto=kiosk.is_some() reset_after_seconds=reset_after />
        <h2>{tr!("receipt.heading")}</h2>
        {hidden}
        <dl class="summary-list">
            {row(tr!("receipt.office"), receipt.office)}
            {row(tr!("receipt.code"), receipt.dossier_code.clone())}
            {row(tr!("ack.status"), tr!("status.submitted"))}
            {row(tr!("receipt.procedure"), receipt.procedure_name)}
            {row(tr!("receipt.applicant"), receipt.applicant_name)}
            {row(tr!("receipt.id"), receipt.applicant_id)}
            {row(tr!("receipt.address"), receipt.applicant_address)}
            {row(tr!("receipt.phone"), receipt.applicant_phone)}
            {row(tr!("start.processing"), receipt.processing)}
            {row(tr!("receipt.received"), receipt.received_at)}
            {row(tr!("receipt.due"), receipt.due)}
            {row(tr!("receipt.delivery"), receipt.delivery)}
            {row(tr!("start.result"), receipt.result)}
        </dl>
        {(!receipt.attachments.is_empty()).then(|| view! {
            <h2>{tr!("receipt.attachments")}</h2>
            <ul class="list">{receipt.attachments.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
        })}
        <h2>{tr!("check.bring")}</h2>
        <ul class="list">{receipt.documents.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
        <h2>{tr!("receipt.follow")}</h2>
        <p class="no-print">{tr!("receipt.follow_text")}</p>
        <div class="qr" inner_html=receipt.lookup_qr_svg></div>
        </div>
        <p class="no-print">{tr!("ack.print")}</p>
    }
    .into_any()
}
