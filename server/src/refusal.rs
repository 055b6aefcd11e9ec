//! Short answers, in plain Vietnamese, for requests refused before any page or form handles
//! them. A browser gets a small page it can show (styled by the site's stylesheet, no inline
//! style or script, so the Content-Security-Policy holds); any other client gets plain text.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

/// Why a request was refused, and what the citizen can do about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A form sent from another web site (a forged request), or from a page we did not serve.
    CrossSite,
    /// More data than any form of ours sends.
    TooLarge,
    /// The data sent could not be read: a damaged or tampered form.
    Unreadable,
    /// The address only takes forms, or only pages.
    WrongMethod,
    /// The request, or its data, took longer than any honest one does.
    TooSlow,
    /// Staff pages and actions: nobody signed in, or a role that may not do this.
    NotAllowed,
    /// Our side failed (the database is down): nothing the citizen did.
    Busy,
    /// A fault in our code; logged, never shown.
    Internal,
}

impl Reason {
    pub fn status(self) -> StatusCode {
        match self {
            Reason::CrossSite => StatusCode::FORBIDDEN,
            Reason::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Reason::Unreadable => StatusCode::BAD_REQUEST,
            Reason::WrongMethod => StatusCode::METHOD_NOT_ALLOWED,
            Reason::TooSlow => StatusCode::REQUEST_TIMEOUT,
            Reason::NotAllowed => StatusCode::FORBIDDEN,
            Reason::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Reason::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Reason::CrossSite => "Yêu cầu bị từ chối",
            Reason::TooLarge => "Dữ liệu gửi lên quá lớn",
            Reason::Unreadable => "Chưa gửi được",
            Reason::WrongMethod => "Không mở được địa chỉ này",
            Reason::TooSlow => "Kết nối quá chậm",
            Reason::NotAllowed => "Cần đăng nhập",
            Reason::Busy | Reason::Internal => "Xin lỗi, có sự cố",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Reason::CrossSite => {
                "Biểu mẫu này được gửi từ một trang web khác nên không được nhận. Hãy mở trang Một Cửa trực tiếp rồi làm lại. Những gì bạn đã lưu vẫn còn."
            }
            Reason::TooLarge => {
                "Dữ liệu gửi lên lớn hơn mức cho phép nên không được nhận. Hãy quay lại trang trước và gửi lại. Những gì bạn đã lưu vẫn còn."
            }
            Reason::Unreadable => {
                "Máy chủ không đọc được những gì vừa gửi nên chưa có gì thay đổi. Hãy quay lại trang trước và bấm nút một lần nữa. Những gì bạn đã lưu vẫn còn."
            }
            Reason::WrongMethod => {
                "Địa chỉ này chỉ nhận biểu mẫu gửi từ các trang Một Cửa. Hãy bắt đầu từ trang chủ."
            }
            Reason::TooSlow => {
                "Dữ liệu gửi lên quá lâu chưa xong nên chưa được nhận. Hãy kiểm tra kết nối mạng, quay lại trang trước và gửi lại. Những gì bạn đã lưu vẫn còn."
            }
            Reason::NotAllowed => {
                "Việc này chỉ dành cho cán bộ có quyền. Hãy đăng nhập bằng tài khoản của mình ở trang cán bộ rồi làm lại."
            }
            Reason::Busy => {
                "Hệ thống đang bận nên chưa lưu được. Hãy thử lại sau ít phút. Những gì bạn đã lưu trước đó vẫn còn."
            }
            Reason::Internal => {
                "Máy chủ gặp lỗi nên chưa làm được việc bạn yêu cầu. Hãy thử lại sau ít phút. Những gì bạn đã lưu trước đó vẫn còn."
            }
        }
    }
}

/// Builds refusals; knows where the site's stylesheet is.
#[derive(Clone, Debug)]
pub struct Refusals {
    stylesheet: Arc<str>,
}

impl Refusals {
    pub fn new(options: &LeptosOptions) -> Self {
        Self {
            stylesheet: format!("/{}/{}.css", options.site_pkg_dir, options.output_name).into(),
        }
    }

    /// The answer to a browser (`html`) or to another client.
    pub fn answer(&self, reason: Reason, html: bool) -> Response {
        let (content_type, body) = if html {
            ("text/html; charset=utf-8", self.page(reason))
        } else {
            ("text/plain; charset=utf-8", reason.message().to_string())
        };
        (
            reason.status(),
            [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
            body,
        )
            .into_response()
    }

    fn page(&self, reason: Reason) -> String {
        // The texts are ours (no user input), so nothing needs escaping.
        format!(
            "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title} — Một Cửa</title><link rel=\"stylesheet\" href=\"{css}\">\
             <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"></head>\
             <body><main class=\"container\"><h1>{title}</h1><p>{message}</p>\
             <a class=\"button\" href=\"/\">Về trang chủ</a></main></body></html>\n",
            title = reason.title(),
            message = reason.message(),
            css = self.stylesheet,
        )
    }
}

/// A plain form post from a browser (the same test server functions use to redirect).
pub fn wants_html(request: &HeaderMap) -> bool {
    request
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}
