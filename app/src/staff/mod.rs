//! Staff: accounts, signing in and out, sessions, the audit log, and the staff pages under
//! `/can-bo/…`. Staff pages are server-rendered forms only (no islands: nothing of this reaches
//! a citizen's browser as wasm).
//!
//! Other modules use `signed_in()` / `require(Role::may_…)` to know who is acting, and
//! `crate::audit::record` for every staff action.

#[cfg(feature = "ssr")]
pub mod accounts;
pub mod admin;
pub mod assisted;
pub mod audit_log;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod idle;
pub mod kiosks;
mod new_password;
mod pages;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod store;
pub mod volunteer;

pub use admin::AdminPage;
pub use assisted::{AssistBanner, AssistStartPage};
pub use audit_log::AuditPage;
pub use idle::IdleNotice;
pub use new_password::{MIN_PASSWORD_CHARS, PasswordProblem, check_new_password, password_problem};
pub use pages::{LoginPage, StaffHomePage};
#[cfg(feature = "ssr")]
pub use session::{require, signed_in};

pub use crate::paths::{staff_login_url as login_url, staff_return_path as safe_return_path};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::{STAFF_HOME_URL as HOME_URL, STAFF_LOGIN_URL as LOGIN_URL};

pub use crate::identity::{Role, StaffMember};

/// Usernames are what people type: lower case letters, digits, dot, dash, underscore.
pub fn normalise_username(typed: &str) -> Result<String, String> {
    let name = typed.trim().to_lowercase();
    if name.chars().count() < 3 || name.chars().count() > 40 {
        return Err(crate::tr!("staff.username.length"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
    {
        return Err(crate::tr!("staff.username.chars"));
    }
    Ok(name)
}

pub(crate) use crate::layout::{NAME_MARK, names_lang, vi_name, with_name};

/// Signs a staff member in; wrong answers come back to the login page with a message.
#[server(endpoint = "can-bo/dang-nhap")]
pub async fn log_in(
    ten: String,
    mat_khau: String,
    #[server(default)] tiep: Option<String>,
) -> Result<(), ServerFnError> {
    service::log_in(&ten, &mat_khau, tiep.as_deref()).await
}

/// Ends this session.
#[server(endpoint = "can-bo/dang-xuat")]
pub async fn log_out() -> Result<(), ServerFnError> {
    service::log_out(false).await
}

/// Ends every session of this staff member, on every device ("đăng xuất mọi nơi").
#[server(endpoint = "can-bo/dang-xuat-moi-noi")]
pub async fn log_out_everywhere() -> Result<(), ServerFnError> {
    service::log_out(true).await
}

/// Who is signed in here, for the login page ("you are signed in as …").
#[server(endpoint = "can-bo/toi")]
pub async fn who_am_i() -> Result<Option<StaffMember>, ServerFnError> {
    Ok(signed_in().await)
}

/// The staff home page: who is signed in; the page lists what their role can do.
#[server(endpoint = "can-bo/trang-chu")]
pub async fn staff_home() -> Result<StaffMember, ServerFnError> {
    require(|_| true).await
}

#[cfg(feature = "ssr")]
/// Offices staff can belong to: those citizens address dossiers to.
pub(crate) fn offices(state: &crate::state::AppState) -> Vec<String> {
    let mut offices = std::collections::BTreeSet::new();
    for procedure in crate::i18n::PageCatalog::procedures(&*state.catalog) {
        match procedure
            .office_field
            .as_ref()
            .and_then(|id| procedure.field(id))
        {
            Some(field) if !field.options.is_empty() => {
                offices.extend(field.options.iter().cloned());
            }
            _ => {
                offices.insert(procedure.authority.clone());
            }
        }
    }
    offices.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_stored_as_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse(" Admin "), Some(Role::Admin));
        assert_eq!(Role::parse("boss"), None);
    }

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(
            safe_return_path(Some("/can-bo/quan-tri")),
            "/can-bo/quan-tri"
        );
        assert_eq!(safe_return_path(Some("/can-bo?a=1")), "/can-bo?a=1");
        for bad in [
            "//evil.example/x",
            "/\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "can-bo",
            "/a\r\nLocation: x",
        ] {
            assert_eq!(safe_return_path(Some(bad)), HOME_URL, "{bad}");
        }
        assert_eq!(safe_return_path(None), HOME_URL);
    }

    #[test]
    fn usernames_accept_what_people_type() {
        assert_eq!(normalise_username("  Lan.Nguyen ").unwrap(), "lan.nguyen");
        assert!(normalise_username("ab").is_err());
        assert!(normalise_username("lan nguyen").is_err());
        assert!(normalise_username("lân").is_err());
    }

    #[test]
    fn names_are_marked_vietnamese_only_on_an_english_page() {
        // No request: a Vietnamese page, where names need no mark.
        assert_eq!(names_lang(), None);
    }

    #[test]
    fn roles_and_account_messages_have_both_languages() {
        assert_eq!(Role::Counter.label(), "Cán bộ một cửa");
        assert_eq!(Role::Admin.label_vi(), "Quản trị");
        assert_eq!(
            rust_i18n::t!(Role::Admin.key(), locale = "en"),
            "Administrator"
        );
        assert_eq!(
            rust_i18n::t!(
                "staff.password.short",
                locale = "en",
                min = MIN_PASSWORD_CHARS
            ),
            "A password needs at least 12 characters. A short sentence you can remember makes a good password."
        );
        assert_eq!(
            normalise_username("ab").unwrap_err(),
            "Tên đăng nhập dài từ 3 đến 40 ký tự."
        );
        assert_eq!(
            rust_i18n::t!("staff.username.length", locale = "en"),
            "A username is 3 to 40 characters long."
        );
    }

    #[test]
    fn return_paths_survive_the_query_string() {
        assert_eq!(
            login_url("/can-bo/nhat-ky?ai=x y"),
            "/can-bo/dang-nhap?tiep=/can-bo/nhat-ky%3Fai%3Dx%20y"
        );
    }
}
