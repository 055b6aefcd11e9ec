//! The kiosk's pages and its bar, rendered on the server.

use super::timer::KioskWarning;
use super::*;
use crate::layout::Problem;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

/// On every page of a kiosk: which office this is, and how to end the session. Renders nothing
/// (and asks nothing of the database) in a browser without the kiosk cookie.
#[component]
pub fn KioskBar() -> impl IntoView {
    if !in_kiosk() {
        return ().into_any();
    }
    let path = use_location().pathname.get_untracked();
    view! {
        <Suspense>
            {Suspend::new(async move {
                kiosk_here().await.ok().flatten().map(|kiosk| {
                    // The start page has nothing to clear, and resetting it would loop.
                    let on_start_page = path == START_URL;
                    view! {
                        <div class="kiosk-bar">
                            <div class="container kiosk-bar__inner">
                                <p class="kiosk-bar__office">
                                    <strong>{kiosk.office.clone()}</strong>
                                    <span class="kiosk-bar__name">{kiosk.name.clone()}</span>
                                </p>
                                {(!on_start_page).then(|| view! {
                                    <form method="post" action=EndKioskSession::url() id=END_FORM_ID class="kiosk-bar__end">
                                        <button type="submit" class="button button--secondary kiosk-bar__button">
                                            "Kết thúc"
                                            <span class="visually-hidden">" và xoá thông tin của bạn khỏi máy"</span>
                                        </button>
                                    </form>
                                })}
                            </div>
                        </div>
                        {(!on_start_page).then(|| view! {
                            <KioskWarning timings=kiosk.timings />
                        })}
                    }
                })
            })}
        </Suspense>
    }
    .into_any()
}

/// `/kiosk`: the office's welcome and a big Start.
#[component]
pub fn KioskStartPage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                match kiosk_here().await {
                    Ok(Some(kiosk)) => view! { <Welcome kiosk /> }.into_any(),
                    Ok(None) => view! {
                        <Title text="Máy này chưa là kiosk — Một Cửa" />
                        <h1>"Máy này chưa được đăng ký làm kiosk"</h1>
                        <p>"Kiosk là máy đặt ở nơi tiếp dân để mọi người tự nộp hồ sơ. Quản trị viên tạo một liên kết đăng ký cho kiosk, rồi mở liên kết đó trên chính máy này."</p>
                        <a class="button" href="/">"Về trang chủ"</a>
                    }
                    .into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Welcome(kiosk: KioskInfo) -> impl IntoView {
    let minutes = kiosk.timings.idle_seconds.div_ceil(60);
    view! {
        <Title text=format!("{} — Một Cửa", kiosk.office) />
        <div class="kiosk-start">
            <p class="kiosk-start__caption">"Dịch vụ công trực tuyến"</p>
            <h1 class="kiosk-start__office">{kiosk.office}</h1>
            <p class="lead">"Tự khai và nộp hồ sơ thủ tục hành chính tại đây."</p>
            <a class="button button--start kiosk-start__button" href="/">"Bắt đầu"</a>
            <p class="kiosk-start__note">
                {format!(
                    "Máy dùng chung: khi xong việc, bấm “Kết thúc”. Nếu không dùng trong {minutes} phút, máy tự kết thúc và xoá thông tin của bạn. Bài khai vẫn được lưu: làm tiếp bằng mã hồ sơ nháp."
                )}
            </p>
        </div>
    }
}

/// `/kiosk/dang-ky?ma=…`: what the enrolment link will do, and the button that does it (a GET
/// never changes anything).
#[component]
pub fn EnrolPage() -> impl IntoView {
    let query = use_query_map();
    let code = query.read_untracked().get("ma").unwrap_or_default();
    let failed_before = query.read_untracked().get("loi").is_some();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match enrolment(code.clone()).await {
                    Ok(Some(kiosk)) if !failed_before => view! {
                        <Title text="Đăng ký kiosk — Một Cửa" />
                        <h1>"Dùng máy này làm kiosk?"</h1>
                        <dl class="facts">
                            <div><dt>"Cơ quan"</dt><dd>{kiosk.office}</dd></div>
                            <div><dt>"Tên kiosk"</dt><dd>{kiosk.name}</dd></div>
                            <div><dt>"Giấy in biên nhận"</dt><dd>{kiosk.paper.label()}</dd></div>
                            <div>
                                <dt>"Tự kết thúc"</dt>
                                <dd>{format!(
                                    "sau {} giây không dùng, cảnh báo {} giây trước",
                                    kiosk.timings.idle_seconds + kiosk.timings.warning_seconds,
                                    kiosk.timings.warning_seconds
                                )}</dd>
                            </div>
                        </dl>
                        <p>"Máy này sẽ hiện tên cơ quan trên mọi trang, không bao giờ đề nghị ghi nhớ thông tin, và tự xoá thông tin của người dùng trước khi người sau dùng. Liên kết này chỉ dùng được một lần."</p>
                        <form method="post" action=EnrolKiosk::url()>
                            <input type="hidden" name="ma" value=code />
                            <button type="submit" class="button">"Dùng máy này làm kiosk"</button>
                        </form>
                    }
                    .into_any(),
                    Ok(_) => view! {
                        <Title text="Liên kết đăng ký không dùng được — Một Cửa" />
                        <h1>"Liên kết đăng ký kiosk không còn dùng được"</h1>
                        <p>{format!(
                            "Liên kết đã được dùng, đã quá {} phút, hoặc kiosk đã bị thu hồi. Hãy nhờ quản trị viên tạo liên kết mới.",
                            rules::ENROL_VALID_MINUTES
                        )}</p>
                        <a class="button" href="/">"Về trang chủ"</a>
                    }
                    .into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
