//! The back-office pages: server-rendered, real forms, no islands.

use super::*;
use crate::i18n::ActionWords;
use crate::i18n::StatusWords;
use crate::layout::Problem;
use domain::lifecycle::ALL_STATUSES;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let get = |name: &str| query.read_untracked().get(name).unwrap_or_default();
    let (procedure, status, search) = (get("thu_tuc"), get("trang_thai"), get("tim"));
    let page = query.read_untracked().get("trang");
    view! {
        <Title text=tr!("page.title", title = tr!("office.queue.title")) />
        <Suspense>
            {Suspend::new(async move {
                match load_queue(procedure, status, search, page).await {
                    Ok(data) => view! { <Queue data /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Queue(data: QueueData) -> impl IntoView {
    let QueueData {
        office,
        staff_name,
        rows,
        procedures,
        filters,
        overdue,
        due_today,
        total,
        page,
        pages,
    } = data;
    let first = (page - 1) * QUEUE_PAGE_SIZE + 1;
    let count_text = match total {
        1 => tr!("office.queue.count_one"),
        _ if pages == 1 => tr!("office.queue.count", count = total),
        _ => tr!(
            "office.queue.count_range",
            from = first,
            to = first + rows.len() - 1,
            count = total
        ),
    };
    let pager = (pages > 1).then(|| {
        let link = |n: usize, text: String, rel: Option<&'static str>| {
            view! { <a class="pager__link" href=filters.page_url(n) rel=rel>{text}</a> }
        };
        let numbers = page_links(page, pages)
            .into_iter()
            .map(|n| match n {
                Some(n) if n == page => view! {
                    <li><span class="pager__current" aria-current="page">{n}</span></li>
                }
                .into_any(),
                Some(n) => view! {
                    <li><a class="pager__link" href=filters.page_url(n) aria-label=tr!("office.queue.page", page = n)>{n}</a></li>
                }
                .into_any(),
                None => view! { <li aria-hidden="true">"…"</li> }.into_any(),
            })
            .collect_view();
        view! {
            <nav class="pager" aria-label=tr!("office.queue.pages")>
                <p>{tr!("office.queue.page_of", page = page, pages = pages)}</p>
                <ul class="pager__list">
                    {(page > 1).then(|| view! { <li>{link(page - 1, tr!("office.queue.previous"), Some("prev"))}</li> })}
                    {numbers}
                    {(page < pages).then(|| view! { <li>{link(page + 1, tr!("office.queue.next"), Some("next"))}</li> })}
                </ul>
            </nav>
        }
    });
    let procedure_options = procedures
        .into_iter()
        .map(|(id, name)| {
            let selected = id == filters.procedure;
            view! { <option value=id selected=selected>{name}</option> }
        })
        .collect_view();
    let status_options = ALL_STATUSES
        .iter()
        .map(|s| {
            let selected = s.as_str() == filters.status;
            view! { <option value=s.as_str() selected=selected>{s.label()}</option> }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let class = match row.urgency {
                Urgency::Overdue => "queue__row queue__row--overdue",
                Urgency::DueToday => "queue__row queue__row--today",
                _ => "queue__row",
            };
            let urgency = row.urgency.label();
            view! {
                <tr class=class>
                    <td><a href=dossier_url(&row.code)>{row.code.clone()}</a></td>
                    <td>{row.procedure_name}</td>
                    <td>{row.applicant}<br /><span class="hint">{row.id_number}</span></td>
                    <td>{row.status.label()}</td>
                    <td>{row.submitted}</td>
                    <td>
                        {crate::i18n::format_date(row.due_date)}
                        {(!urgency.is_empty()).then(|| view! { <br /><strong class="queue__urgency">{urgency}</strong> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>{tr!("office.queue.title")}</h1>
        <p class="lead">{format!("{office} · {staff_name}")}</p>
        <p>
            {tr!("office.queue.counts", overdue = overdue, due_today = due_today)}
            " · " <a href=DASHBOARD_URL>{tr!("office.dashboard.title")}</a>
        </p>
        <form method="get" action=QUEUE_URL class="filters">
            <div class="field">
                <label class="label" for="tim">{tr!("office.queue.search")}</label>
                <input class="input" id="tim" name="tim" type="search" value=filters.search.clone() />
            </div>
            <div class="field">
                <label class="label" for="thu_tuc">{tr!("office.queue.procedure")}</label>
                <select class="input" id="thu_tuc" name="thu_tuc">
                    <option value="">{tr!("office.queue.all_procedures")}</option>
                    {procedure_options}
                </select>
            </div>
            <div class="field">
                <label class="label" for="trang_thai">{tr!("office.queue.status")}</label>
                <select class="input" id="trang_thai" name="trang_thai">
                    <option value="" selected=filters.status.is_empty()>{tr!("office.queue.still_owed")}</option>
                    <option value=ALL selected=filters.status == ALL>{tr!("office.queue.all")}</option>
                    {status_options}
                </select>
            </div>
            <button type="submit" class="button button--secondary">{tr!("office.queue.filter")}</button>
        </form>
        <p role="status">{count_text}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=tr!("office.queue.list")>
            <table class="queue">
                <caption class="visually-hidden">{tr!("office.queue.caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!("office.queue.code")}</th>
                        <th scope="col">{tr!("office.queue.procedure")}</th>
                        <th scope="col">{tr!("office.queue.applicant")}</th>
                        <th scope="col">{tr!("office.queue.status")}</th>
                        <th scope="col">{tr!("office.queue.submitted")}</th>
                        <th scope="col">{tr!("office.queue.due")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {pager}
    }
}

#[component]
pub fn DossierPage() -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    let query = use_query_map();
    let get = |name: &str| query.read_untracked().get(name);
    let returned = Returned {
        problem: get("loi"),
        action: get("hd"),
        note: get("ghi_chu"),
        new_due: get("ngay_hen"),
        done: get("tb"),
    };
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load_dossier(code).await {
                    Ok(Some(data)) => view! { <Dossier data returned=returned.clone() /> }.into_any(),
                    Ok(None) => {
                        // No such dossier in this office: the same answer whether it exists
                        // elsewhere or not at all.
                        #[cfg(feature = "ssr")]
                        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                            response.set_status(http::StatusCode::NOT_FOUND);
                        }
                        view! {
                            <Title text=tr!("page.title", title = tr!("office.dossier.not_found_title")) />
                            <h1>{tr!("office.dossier.not_found_title")}</h1>
                            <p>{tr!("office.dossier.not_found_text")}</p>
                            <a class="button" href=QUEUE_URL>{tr!("office.dossier.back_to_list")}</a>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What a redirect back from an action carries: the problem, and what was typed.
#[derive(Clone, Debug, Default)]
struct Returned {
    problem: Option<String>,
    action: Option<String>,
    note: Option<String>,
    new_due: Option<String>,
    done: Option<String>,
}

/// Role names joined for a sentence: "Chuyên viên, Lãnh đạo".
fn role_names(names: &[String]) -> String {
    names.join(", ")
}

/// The banner for a problem a redirect carries (`loi`), in the page's language. `action` is
/// the action that was refused, `role` the reader's role's name.
fn problem_text(problem: &str, action: Option<&str>, role: &str) -> String {
    use domain::lifecycle::Action;
    match problem {
        "quyen" => {
            let action = action.and_then(Action::parse);
            let who: Vec<String> = action
                .map(crate::identity::Role::who_may_take)
                .unwrap_or_default()
                .into_iter()
                .map(|r| r.label())
                .collect();
            tr!(
                "office.dossier.problem_role",
                role = role,
                action = action
                    .map(|a| a.button())
                    .unwrap_or_else(|| tr!("office.dossier.an_action")),
                who = role_names(&who)
            )
        }
        "cu" => tr!("office.dossier.problem_stale"),
        "khong-duoc" => tr!("office.dossier.problem_forbidden"),
        "ghi-chu" => tr!("office.dossier.problem_note"),
        "ngay" => tr!("office.dossier.problem_date"),
        "da-xin-loi" => tr!("office.error.already_apologised"),
        _ => tr!("office.dossier.problem_other"),
    }
}

#[component]
fn Dossier(data: DossierData, returned: Returned) -> impl IntoView {
    let DossierData {
        code,
        version,
        procedure_name,
        office,
        status,
        submitted,
        due,
        first_due,
        urgency,
        supplement_note,
        answers,
        history,
        messages,
        actions,
        others_act,
        staff_role,
        rating,
        filed,
    } = data;
    let banner = match (&returned.problem, &returned.done) {
        (Some(problem), _) => Some(
            view! {
                <div class="notice notice--error" role="alert"><p>{problem_text(problem, returned.action.as_deref(), &staff_role)}</p></div>
            }
            .into_any(),
        ),
        (None, Some(done)) => Some(
            view! {
                <p class="notice" role="status">{tr!(
                    "office.dossier.saved",
                    action = domain::lifecycle::Action::parse(done)
                        .map(|a| a.button())
                        .unwrap_or_else(|| tr!("office.dossier.an_action"))
                )}</p>
            }
            .into_any(),
        ),
        _ => None,
    };
    // What was typed for an action the new status no longer offers (the dossier was received
    // meanwhile, so "not received" became "stop") goes into the first form that takes words.
    let offered = |action: &str| actions.iter().any(|form| form.action == action);
    let orphan_note_to = returned
        .action
        .as_deref()
        .filter(|action| !offered(action))
        .and_then(|action| {
            use domain::lifecycle::Action as A;
            // Its counterpart after reception first: not receiving becomes stopping, a request
            // to complete becomes a request for documents.
            let counterpart = match A::parse(action) {
                Some(A::RefuseIntake) => Some(A::Stop.as_str()),
                Some(A::RequestCompletion) => Some(A::RequestSupplement.as_str()),
                _ => None,
            };
            actions
                .iter()
                .find(|form| Some(form.action.as_str()) == counterpart)
                .or_else(|| actions.iter().find(|form| form.needs_note))
        })
        .map(|form| form.action.clone());
    let no_forms = actions.is_empty();
    let forms = actions
        .into_iter()
        .map(|form| {
            let again = returned.action.as_deref() == Some(form.action.as_str())
                || orphan_note_to.as_deref() == Some(form.action.as_str());
            let note = if again { returned.note.clone().unwrap_or_default() } else { String::new() };
            let new_due = if again { returned.new_due.clone().unwrap_or_default() } else { String::new() };
            let note_id = format!("ghi-chu-{}", form.action);
            let date_id = format!("ngay-hen-{}", form.action);
            let note_label = match domain::lifecycle::Action::parse(&form.action) {
                Some(domain::lifecycle::Action::RequestSupplement) => tr!("office.dossier.note_supplement"),
                Some(domain::lifecycle::Action::RequestCompletion) => tr!("office.dossier.note_completion"),
                Some(domain::lifecycle::Action::RefuseIntake) => tr!("office.dossier.note_not_receive"),
                Some(domain::lifecycle::Action::Stop) => tr!("office.dossier.note_stop"),
                Some(domain::lifecycle::Action::RequestPayment) => tr!("office.dossier.note_payment"),
                _ => tr!("office.dossier.note_apology"),
            };
            view! {
                <form method="post" action=Act::url() class="action">
                    <input type="hidden" name="ma" value=code.clone() />
                    <input type="hidden" name="phien_ban" value=version.to_string() />
                    <input type="hidden" name="hanh_dong" value=form.action.clone() />
                    {form.needs_note.then(|| view! {
                        <div class="field">
                            <label class="label" for=note_id.clone()>{note_label}</label>
                            <textarea class="input" id=note_id name="ghi_chu" rows="3" maxlength="1000">{note}</textarea>
                        </div>
                    })}
                    {(!form.documents.is_empty()).then(|| view! {
                        <fieldset class="fieldset taken-in">
                            <legend>{tr!("office.reception.legend")}</legend>
                            {form.documents.iter().enumerate().map(|(i, (name, original))| {
                                let kind_id = format!("giay-to-{i}");
                                let count_id = format!("so-ban-{i}");
                                let chosen = if *original { "chinh" } else { "sao" };
                                view! {
                                    <div class="field taken-in__document">
                                        <label class="label" for=kind_id.clone()>{name.clone()}</label>
                                        <select class="input" id=kind_id name=format!("giay_to[{i}]")>
                                            <option value="chinh" selected=chosen == "chinh">{tr!("mau01.original")}</option>
                                            <option value="sao" selected=chosen == "sao">{tr!("mau01.copy")}</option>
                                            <option value="khong">{tr!("office.reception.not_brought")}</option>
                                        </select>
                                        <label class="label" for=count_id.clone()>{tr!("office.reception.count", document = name.clone())}</label>
                                        <input class="input input--short" id=count_id name=format!("so_ban[{i}]") type="number" min="1" max="99" value="1" inputmode="numeric" />
                                    </div>
                                }
                            }).collect_view()}
                            <div class="field">
                                <label class="label" for="so-bo">{tr!("mau01.sets")}</label>
                                <input class="input input--short" id="so-bo" name="so_bo" type="number" min="1" max="99" value="1" inputmode="numeric" />
                            </div>
                        </fieldset>
                    })}
                    {form.needs_date.then(|| view! {
                        <div class="field">
                            <label class="label" for=date_id.clone()>{tr!("office.dossier.new_due")}</label>
                            <input class="input" id=date_id name="ngay_hen" type="date" value=new_due />
                        </div>
                    })}
                    <button type="submit" class="button">{form.button}</button>
                </form>
            }
        })
        .collect_view();
    view! {
        <Title text=tr!("page.title", title = tr!("office.dossier.title", code = code.clone())) />
        <p><a href=QUEUE_URL>{tr!("office.dossier.back")}</a></p>
        <h1>{tr!("office.dossier.title", code = code.clone())}</h1>
        {banner}
        <dl class="facts">
            <div><dt>{tr!("office.queue.procedure")}</dt><dd>{procedure_name}</dd></div>
            <div><dt>{tr!("office.dossier.office")}</dt><dd>{office}</dd></div>
            <div><dt>{tr!("office.queue.status")}</dt><dd><strong class=format!("status status--{}", status.as_str())>{status.label()}</strong></dd></div>
            <div><dt>{tr!("office.queue.submitted")}</dt><dd>{submitted}</dd></div>
            <div><dt>{tr!("office.queue.due")}</dt><dd>{due}{(!urgency.label().is_empty()).then(|| format!(" — {}", urgency.label()))}</dd></div>
            <div><dt>{tr!("office.dossier.first_due")}</dt><dd>{first_due}</dd></div>
            {supplement_note.map(|note| view! { <div><dt>{tr!("office.dossier.waiting_for")}</dt><dd>{note}</dd></div> })}
            {rating.map(|r| view! { <div><dt>{tr!("office.dossier.rating")}</dt><dd>{r}</dd></div> })}
        </dl>
        <section aria-labelledby="thao-tac">
            <h2 id="thao-tac">{tr!("office.dossier.actions")}</h2>
            {no_forms.then(|| view! { <p>{tr!("office.dossier.nothing_for_role", role = staff_role.clone())}</p> })}
            {forms}
            {(!others_act.is_empty()).then(|| view! {
                <p class="hint">{tr!("office.dossier.others_act", who = role_names(&others_act))}</p>
            })}
        </section>
        <section aria-labelledby="noi-dung-ho-so">
            <h2 id="noi-dung-ho-so">{tr!("office.dossier.contents")}</h2>
            {filed.map(|filed| view! { <crate::assist::helped::FiledLine filed /> })}
            <dl class="check-answers">
                {answers.into_iter().map(|row| view! {
                    <div class="check-answers__row">
                        <dt>{row.label}</dt>
                        <dd>{match row.link {
                            Some(href) => view! { <a href=href>{row.value}</a> }.into_any(),
                            None => view! { <span>{row.value}</span> }.into_any(),
                        }}{row.staff_typed.then(|| view! {
                            " "<strong class="tag">{tr!("office.dossier.staff_typed")}</strong>
                        })}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
        <section aria-labelledby="lich-su">
            <h2 id="lich-su">{tr!("office.dossier.history")}</h2>
            <ol class="history">
                {history.into_iter().map(|e| view! {
                    <li>
                        <span class="history__when">{e.when}</span>" — "<strong>{e.what}</strong>{format!(" ({})", e.who)}
                        {e.note.map(|n| view! { <p class="history__note">{n}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
        <section aria-labelledby="tin-nhan">
            <h2 id="tin-nhan">{tr!("office.dossier.messages")}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="tin-nhan">
                <table class="outbox">
                    <thead><tr>
                        <th scope="col">{tr!("office.dossier.message_when")}</th>
                        <th scope="col">{tr!("office.dossier.message_channel")}</th>
                        <th scope="col">{tr!("office.dossier.message_to")}</th>
                        <th scope="col">{tr!("office.dossier.message_body")}</th>
                        <th scope="col">{tr!("office.dossier.message_state")}</th>
                    </tr></thead>
                    <tbody>
                        {messages.is_empty().then(|| view! { <tr><td colspan="5">{tr!("office.dossier.no_messages")}</td></tr> })}
                        {messages.into_iter().map(|m| view! {
                            <tr><td>{m.when}</td><td>{m.channel}</td><td>{m.recipient}</td><td lang="vi">{m.body}</td><td>{m.state}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <Title text=tr!("page.title", title = tr!("office.dashboard.title")) />
        <Suspense>
            {Suspend::new(async move {
                match load_dashboard().await {
                    Ok(data) => view! { <Dashboard data /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Dashboard(data: DashboardData) -> impl IntoView {
    use super::dashboard::{percent, ratio, trim};
    let DashboardData {
        scope,
        figures,
        weekly_svg,
        median_svg,
        ratings_svg,
        calendar_warning,
        channels,
    } = data;
    let mean = figures
        .mean_rating()
        .map(|m| {
            tr!(
                "office.dashboard.mean_rating",
                mean = format!("{m:.1}"),
                count = figures.rating_count()
            )
        })
        .unwrap_or_else(|| tr!("office.dashboard.no_ratings"));
    let weeks = figures.weeks.clone();
    let procedures = figures.procedures.clone();
    view! {
        <h1>{tr!("office.dashboard.title")}</h1>
        <p class="lead">{scope}</p>
        {calendar_warning.map(|warning| view! {
            <div class="notice notice--error" role="alert"><p>{warning}</p></div>
        })}
        <p><a href=DASHBOARD_CSV_URL download="">{tr!("office.dashboard.download")}</a> " · " <a href=QUEUE_URL>{tr!("office.queue.list")}</a></p>
        <dl class="facts figures">
            <div><dt>{tr!("office.dashboard.received")}</dt><dd>{figures.received}</dd></div>
            <div><dt>{tr!("office.dashboard.done")}</dt><dd>{figures.done}</dd></div>
            <div><dt>{tr!("office.dashboard.on_time_rate")}</dt><dd>{percent(figures.on_time_rate())}</dd></div>
            <div><dt>{tr!("office.dashboard.median")}</dt><dd>{figures.median_days.map(|m| tr!("office.dashboard.working_days", days = trim(m))).unwrap_or_else(|| "—".into())}</dd></div>
            <div><dt>{tr!("office.dashboard.supplement_rate")}</dt><dd>{percent(figures.supplement_rate())}</dd></div>
            <div><dt>{tr!("office.dashboard.satisfaction")}</dt><dd>{mean}</dd></div>
        </dl>
        <section aria-labelledby="theo-tuan">
            <h2 id="theo-tuan">{tr!("office.dashboard.by_week")}</h2>
            <figure class="chart-figure" inner_html=weekly_svg></figure>
            <details class="details">
                <summary>{tr!("office.dashboard.as_table")}</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{tr!("office.dashboard.week_start")}</th>
                        <th scope="col">{tr!("office.dashboard.col_received")}</th>
                        <th scope="col">{tr!("office.dashboard.col_done_week")}</th>
                    </tr></thead>
                    <tbody>{weeks.into_iter().map(|w| view! {
                        <tr><td>{crate::i18n::format_date(w.start)}</td><td>{w.received}</td><td>{w.done}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            </details>
        </section>
        <super::channels::ChannelsSection channels />
        <section aria-labelledby="theo-thu-tuc">
            <h2 id="theo-thu-tuc">{tr!("office.dashboard.by_procedure")}</h2>
            <figure class="chart-figure" inner_html=median_svg></figure>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="theo-thu-tuc">
                <table>
                    <thead><tr>
                        <th scope="col">{tr!("office.queue.procedure")}</th>
                        <th scope="col">{tr!("office.dashboard.col_received")}</th>
                        <th scope="col">{tr!("office.dashboard.col_done")}</th>
                        <th scope="col">{tr!("office.dashboard.col_on_time")}</th>
                        <th scope="col">{tr!("office.dashboard.col_median")}</th>
                        <th scope="col">{tr!("office.dashboard.col_supplement")}</th>
                    </tr></thead>
                    <tbody>{procedures.into_iter().map(|p| view! {
                        <tr>
                            <td>{p.name}</td><td>{p.received}</td><td>{p.done}</td>
                            <td>{percent(ratio(p.on_time, p.done))}</td>
                            <td>{p.median_days.map(trim).unwrap_or_else(|| "—".into())}</td>
                            <td>{percent(ratio(p.with_supplement, p.received))}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="hai-long">
            <h2 id="hai-long">{tr!("office.dashboard.satisfaction")}</h2>
            <figure class="chart-figure" inner_html=ratings_svg></figure>
            <p>{figures.ratings.iter().enumerate().map(|(i, n)| tr!("office.dashboard.score_count", score = i + 1, count = n)).collect::<Vec<_>>().join(" · ")}</p>
        </section>
    }
}
