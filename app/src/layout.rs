//! Pieces every page shares: the header, the resume-code box, the messages for lost drafts.

use leptos::prelude::*;
use leptos::server_fn::error::ServerFnError;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <a class="skip-link" href="#noi-dung">"Bỏ qua, đến nội dung chính"</a>
        <header class="site-header">
            <div class="container">
                <a class="site-header__name" href="/">"Một Cửa"</a>
                <span class="site-header__tagline">"Dịch vụ công trực tuyến"</span>
            </div>
        </header>
    }
}

/// The code that opens this draft again, on any device.
#[component]
pub fn ResumeCode(code: String) -> impl IntoView {
    view! {
        <aside class="resume-code" aria-label="Mã hồ sơ nháp">
            <p class="resume-code__text">
                "Bài khai của bạn được lưu sau mỗi lần bấm Tiếp tục. Để làm tiếp sau, trên máy này hay máy khác, hãy ghi lại mã:"
            </p>
            <p class="resume-code__code" lang="en">{code}</p>
            <p class="resume-code__more">
                <a href=crate::filing::CODE_URL>"In mã hoặc xem mã QR"</a>
            </p>
        </aside>
    }
}

#[component]
pub fn BackLink(href: String) -> impl IntoView {
    view! { <a class="back-link" href=href>"Quay lại"</a> }
}

/// No draft in this browser (a new device, cleared cookies): how to get back to it.
#[component]
pub fn NoDraft() -> impl IntoView {
    view! {
        <h1>"Không tìm thấy hồ sơ đang khai"</h1>
        <p>"Trên máy này chưa có hồ sơ nào đang khai dở."</p>
        <p>
            "Nếu bạn đã ghi lại mã hồ sơ nháp, hãy nhập mã ở "
            <a href="/#tiep-tuc">"trang chủ"</a>
            " để làm tiếp. Nếu chưa, hãy chọn thủ tục và bắt đầu lại."
        </p>
        <a class="button" href="/">"Về trang chủ"</a>
    }
}

#[component]
pub fn Submitted() -> impl IntoView {
    view! {
        <h1>"Hồ sơ này đã được nộp"</h1>
        <p>"Bạn không cần khai lại. Giấy tiếp nhận vẫn xem được ở đây."</p>
        <a class="button" href=crate::filing::RECEIPT_URL>"Xem giấy tiếp nhận"</a>
    }
}

/// Something went wrong on our side; what was typed is safe.
#[component]
pub fn Problem(error: ServerFnError) -> impl IntoView {
    let message = match error {
        ServerFnError::ServerError(message) => message,
        _ => "Có sự cố khi tải trang. Những gì bạn đã lưu vẫn còn: hãy tải lại trang sau ít phút."
            .into(),
    };
    view! {
        <h1>"Xin lỗi, có sự cố"</h1>
        <p>{message}</p>
        <a class="button" href="/">"Về trang chủ"</a>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <leptos_meta::Title text="Không tìm thấy trang — Một Cửa" />
        <h1>"Không tìm thấy trang này"</h1>
        <p>"Địa chỉ có thể đã gõ sai hoặc trang đã được chuyển."</p>
        <a class="button" href="/">"Về trang chủ"</a>
    }
}
