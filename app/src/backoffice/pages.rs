//! The back-office pages: server-rendered, real forms, no islands.

use super::*;
use crate::layout::Problem;
use crate::rules::lifecycle::ALL_STATUSES;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let get = |name: &str| query.read_untracked().get(name).unwrap_or_default();
    let (procedure, status, search) = (get("thu_tuc"), get("trang_thai"), get("tim"));
    view! {
        <Title text="Hồ sơ cần xử lý — Một Cửa" />
        <Suspense>
            {Suspend::new(async move {
                match load_queue(procedure, status, search).await {
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
    } = data;
    let count = rows.len();
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
                        {crate::rules::dates::format_date(row.due_date)}
                        {(!urgency.is_empty()).then(|| view! { <br /><strong class="queue__urgency">{urgency}</strong> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>"Hồ sơ cần xử lý"</h1>
        <p class="lead">{format!("{office} · {staff_name}")}</p>
        <p>
            {format!("Quá hạn: {overdue} · Đến hạn hôm nay: {due_today}")}
            " · " <a href=DASHBOARD_URL>"Bảng theo dõi"</a>
        </p>
        <form method="get" action=QUEUE_URL class="filters">
            <div class="field">
                <label class="label" for="tim">"Tìm theo mã, tên hoặc số giấy tờ"</label>
                <input class="input" id="tim" name="tim" type="search" value=filters.search.clone() />
            </div>
            <div class="field">
                <label class="label" for="thu_tuc">"Thủ tục"</label>
                <select class="input" id="thu_tuc" name="thu_tuc">
                    <option value="">"Tất cả thủ tục"</option>
                    {procedure_options}
                </select>
            </div>
            <div class="field">
                <label class="label" for="trang_thai">"Trạng thái"</label>
                <select class="input" id="trang_thai" name="trang_thai">
                    <option value="" selected=filters.status.is_empty()>"Đang cần xử lý"</option>
                    <option value=ALL selected=filters.status == ALL>"Tất cả"</option>
                    {status_options}
                </select>
            </div>
            <button type="submit" class="button button--secondary">"Lọc"</button>
        </form>
        <p role="status">{format!("{count} hồ sơ")}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Danh sách hồ sơ">
            <table class="queue">
                <caption class="visually-hidden">"Hồ sơ: mới nhận trước, rồi theo ngày hẹn trả"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Mã hồ sơ"</th>
                        <th scope="col">"Thủ tục"</th>
                        <th scope="col">"Người nộp"</th>
                        <th scope="col">"Trạng thái"</th>
                        <th scope="col">"Ngày nộp"</th>
                        <th scope="col">"Hẹn trả"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
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
                    Ok(None) => view! {
                        <Title text="Không tìm thấy hồ sơ — Một Cửa" />
                        <h1>"Không tìm thấy hồ sơ"</h1>
                        <p>"Không có hồ sơ này, hoặc hồ sơ thuộc cơ quan khác."</p>
                        <a class="button" href=QUEUE_URL>"Về danh sách hồ sơ"</a>
                    }
                    .into_any(),
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

fn problem_text(problem: &str) -> &'static str {
    match problem {
        "cu" => {
            "Hồ sơ vừa được người khác cập nhật trước bạn, nên thao tác của bạn chưa được lưu. Trang dưới đây là tình trạng mới nhất; nội dung bạn đã gõ vẫn còn trong ô. Hãy xem lại rồi làm lại nếu vẫn cần."
        }
        "khong-duoc" => "Thao tác này không còn làm được ở trạng thái hiện tại của hồ sơ.",
        "ghi-chu" => {
            "Hãy ghi rõ nội dung (giấy tờ còn thiếu, lý do từ chối, hoặc lời xin lỗi) rồi bấm lại."
        }
        "ngay" => "Hãy chọn ngày hẹn trả mới, sau ngày hôm nay.",
        _ => "Không làm được thao tác này. Hãy thử lại.",
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
        rating,
    } = data;
    let banner = match (&returned.problem, &returned.done) {
        (Some(problem), _) => Some(view! {
            <div class="notice notice--error" role="alert"><p>{problem_text(problem)}</p></div>
        }.into_any()),
        (None, Some(done)) => Some(view! {
            <p class="notice" role="status">{format!(
                "Đã lưu: {}.",
                crate::rules::lifecycle::Action::parse(done).map(|a| a.button()).unwrap_or("thao tác")
            )}</p>
        }.into_any()),
        _ => None,
    };
    let forms = actions
        .into_iter()
        .map(|form| {
            let again = returned.action.as_deref() == Some(form.action.as_str());
            let note = if again { returned.note.clone().unwrap_or_default() } else { String::new() };
            let new_due = if again { returned.new_due.clone().unwrap_or_default() } else { String::new() };
            let note_id = format!("ghi-chu-{}", form.action);
            let date_id = format!("ngay-hen-{}", form.action);
            let note_label = match form.action.as_str() {
                "supplement" => "Giấy tờ còn thiếu (ghi bằng lời dễ hiểu, công dân sẽ đọc)",
                "refuse" => "Lý do từ chối (công dân sẽ đọc)",
                _ => "Lời xin lỗi và lý do chậm (công dân sẽ đọc)",
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
                    {form.needs_date.then(|| view! {
                        <div class="field">
                            <label class="label" for=date_id.clone()>"Ngày hẹn trả mới"</label>
                            <input class="input" id=date_id name="ngay_hen" type="date" value=new_due />
                        </div>
                    })}
                    <button type="submit" class="button">{form.button}</button>
                </form>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("Hồ sơ {code} — Một Cửa") />
        <p><a href=QUEUE_URL>"← Danh sách hồ sơ"</a></p>
        <h1>{format!("Hồ sơ {code}")}</h1>
        {banner}
        <dl class="facts">
            <div><dt>"Thủ tục"</dt><dd>{procedure_name}</dd></div>
            <div><dt>"Cơ quan"</dt><dd>{office}</dd></div>
            <div><dt>"Trạng thái"</dt><dd><strong class=format!("status status--{}", status.as_str())>{status.label()}</strong></dd></div>
            <div><dt>"Ngày nộp"</dt><dd>{submitted}</dd></div>
            <div><dt>"Hẹn trả"</dt><dd>{due}{(!urgency.label().is_empty()).then(|| format!(" — {}", urgency.label()))}</dd></div>
            <div><dt>"Hẹn trả ban đầu"</dt><dd>{first_due}</dd></div>
            {supplement_note.map(|note| view! { <div><dt>"Đang chờ bổ sung"</dt><dd>{note}</dd></div> })}
            {rating.map(|r| view! { <div><dt>"Đánh giá của công dân"</dt><dd>{r}</dd></div> })}
        </dl>
        <section aria-labelledby="thao-tac">
            <h2 id="thao-tac">"Thao tác"</h2>
            {forms}
        </section>
        <section aria-labelledby="noi-dung-ho-so">
            <h2 id="noi-dung-ho-so">"Nội dung hồ sơ"</h2>
            <dl class="check-answers">
                {answers.into_iter().map(|row| view! {
                    <div class="check-answers__row">
                        <dt>{row.label}</dt>
                        <dd>{match row.link {
                            Some(href) => view! { <a href=href>{row.value}</a> }.into_any(),
                            None => view! { <span>{row.value}</span> }.into_any(),
                        }}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
        <section aria-labelledby="lich-su">
            <h2 id="lich-su">"Lịch sử"</h2>
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
            <h2 id="tin-nhan">"Tin nhắn đã gửi công dân"</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="tin-nhan">
                <table class="outbox">
                    <thead><tr><th scope="col">"Lúc"</th><th scope="col">"Kênh"</th><th scope="col">"Gửi tới"</th><th scope="col">"Nội dung"</th><th scope="col">"Tình trạng"</th></tr></thead>
                    <tbody>
                        {messages.is_empty().then(|| view! { <tr><td colspan="5">"Chưa có tin nhắn nào."</td></tr> })}
                        {messages.into_iter().map(|m| view! {
                            <tr><td>{m.when}</td><td>{m.channel}</td><td>{m.recipient}</td><td>{m.body}</td><td>{m.state}</td></tr>
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
        <Title text="Bảng theo dõi — Một Cửa" />
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
    } = data;
    let mean = figures
        .mean_rating()
        .map(|m| format!("{m:.1}/5 ({} lượt)", figures.rating_count()))
        .unwrap_or_else(|| "Chưa có đánh giá".into());
    let weeks = figures.weeks.clone();
    let procedures = figures.procedures.clone();
    view! {
        <h1>"Bảng theo dõi"</h1>
        <p class="lead">{scope}</p>
        <p><a href=DASHBOARD_CSV_URL download="">"Tải về bảng số liệu (CSV)"</a> " · " <a href=QUEUE_URL>"Danh sách hồ sơ"</a></p>
        <dl class="facts figures">
            <div><dt>"Đã tiếp nhận"</dt><dd>{figures.received}</dd></div>
            <div><dt>"Đã xử lý xong"</dt><dd>{figures.done}</dd></div>
            <div><dt>"Tỷ lệ đúng hạn"</dt><dd>{percent(figures.on_time_rate())}</dd></div>
            <div><dt>"Trung vị thời gian xử lý"</dt><dd>{figures.median_days.map(|m| format!("{} ngày làm việc", trim(m))).unwrap_or_else(|| "—".into())}</dd></div>
            <div><dt>"Tỷ lệ phải bổ sung"</dt><dd>{percent(figures.supplement_rate())}</dd></div>
            <div><dt>"Mức hài lòng"</dt><dd>{mean}</dd></div>
        </dl>
        <section aria-labelledby="theo-tuan">
            <h2 id="theo-tuan">"Theo tuần"</h2>
            <figure class="chart-figure" inner_html=weekly_svg></figure>
            <details class="details">
                <summary>"Xem số liệu dạng bảng"</summary>
                <table>
                    <thead><tr><th scope="col">"Tuần bắt đầu"</th><th scope="col">"Tiếp nhận"</th><th scope="col">"Xử lý xong"</th></tr></thead>
                    <tbody>{weeks.into_iter().map(|w| view! {
                        <tr><td>{crate::rules::dates::format_date(w.start)}</td><td>{w.received}</td><td>{w.done}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            </details>
        </section>
        <section aria-labelledby="theo-thu-tuc">
            <h2 id="theo-thu-tuc">"Theo thủ tục"</h2>
            <figure class="chart-figure" inner_html=median_svg></figure>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="theo-thu-tuc">
                <table>
                    <thead><tr>
                        <th scope="col">"Thủ tục"</th><th scope="col">"Tiếp nhận"</th><th scope="col">"Xong"</th>
                        <th scope="col">"Đúng hạn"</th><th scope="col">"Trung vị (ngày làm việc)"</th><th scope="col">"Phải bổ sung"</th>
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
            <h2 id="hai-long">"Mức hài lòng"</h2>
            <figure class="chart-figure" inner_html=ratings_svg></figure>
            <p>{figures.ratings.iter().enumerate().map(|(i, n)| format!("{} điểm: {n} lượt", i + 1)).collect::<Vec<_>>().join(" · ")}</p>
        </section>
    }
}
