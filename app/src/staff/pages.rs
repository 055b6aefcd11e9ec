//! Staff pages: server-rendered, forms only (no islands).

use super::*;
use crate::layout::Problem;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The message for a login page's `loi` value.
fn login_message(error: &str, until: Option<&str>) -> Option<String> {
    Some(match error {
        "sai" => "Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra lại (mật khẩu phân biệt chữ hoa, chữ thường). Sau 5 lần sai liên tiếp, tài khoản sẽ bị tạm khóa 15 phút.".into(),
        "khoa" => format!(
            "Tài khoản này đang bị tạm khóa 15 phút vì nhập sai mật khẩu 5 lần liên tiếp. Hãy thử lại sau {}, hoặc nhờ quản trị viên đặt lại mật khẩu.",
            until.map(|t| format!("{t} (giờ Việt Nam)")).unwrap_or_else(|| "15 phút".into())
        ),
        "cho" => "Máy này đã nhập sai quá nhiều lần. Hãy chờ khoảng 10 phút rồi thử lại.".into(),
        "ngung" => "Tài khoản này đã ngừng hoạt động. Hãy liên hệ quản trị viên.".into(),
        "quyen" => "Tài khoản đang đăng nhập không có quyền mở trang đó. Hãy đăng nhập bằng tài khoản có quyền, hoặc quay về trang cán bộ.".into(),
        _ => return None,
    })
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let typed = query.get("ten").unwrap_or_default();
    let tiep = query.get("tiep").unwrap_or_default();
    let error = query
        .get("loi")
        .and_then(|loi| login_message(&loi, query.get("den").as_deref()));
    let signed_out = query.get("ra").map(|ra| {
        if ra == "moi-noi" {
            "Bạn đã đăng xuất trên mọi thiết bị."
        } else {
            "Bạn đã đăng xuất."
        }
    });
    view! {
        <Suspense>
            {Suspend::new(async move {
                let who = who_am_i().await.ok().flatten();
                view! { <LoginForm typed=typed.clone() tiep=tiep.clone() error=error.clone() signed_out who /> }
            })}
        </Suspense>
    }
}

#[component]
fn LoginForm(
    typed: String,
    tiep: String,
    error: Option<String>,
    signed_out: Option<&'static str>,
    who: Option<StaffMember>,
) -> impl IntoView {
    let title_prefix = if error.is_some() { "Lỗi: " } else { "" };
    let described_by = error.is_some().then_some("mat-khau-loi");
    let field_class = if error.is_some() {
        "field field--error"
    } else {
        "field"
    };
    view! {
        <Title text=format!("{title_prefix}Đăng nhập cán bộ — Một Cửa") />
        {error.clone().map(|message| view! {
            <div class="error-summary" role="alert" aria-labelledby="loi-tieu-de" tabindex="-1">
                <h2 class="error-summary__title" id="loi-tieu-de">"Chưa đăng nhập được"</h2>
                <ul class="error-summary__list">
                    <li><a href="#mat-khau">{message}</a></li>
                </ul>
            </div>
        })}
        {signed_out.map(|message| view! { <p class="notice" role="status">{message}</p> })}
        <h1>"Đăng nhập cán bộ"</h1>
        {who.map(|who| view! {
            <p class="notice">
                {format!("Máy này đang đăng nhập tài khoản {} ({}, {}). ", who.name, who.username, who.role.label())}
                <a href=HOME_URL>"Về trang cán bộ"</a>
            </p>
        })}
        <p class="lead">"Trang dành cho cán bộ bộ phận một cửa. Công dân nộp hồ sơ ở "<a href="/">"trang chủ"</a>"."</p>
        <form method="post" action=LogIn::url()>
            <input type="hidden" name="tiep" value=tiep />
            <div class="field">
                <label class="label" for="ten">"Tên đăng nhập"</label>
                <input class="input" id="ten" name="ten" type="text" autocomplete="username"
                    autocapitalize="none" spellcheck="false" required value=typed />
            </div>
            <div class=field_class>
                <label class="label" for="mat-khau">"Mật khẩu"</label>
                {error.map(|message| view! {
                    <p class="error-message" id="mat-khau-loi">
                        <span class="visually-hidden">"Lỗi: "</span>{message}
                    </p>
                })}
                <input class="input" id="mat-khau" name="mat_khau" type="password"
                    autocomplete="current-password" required aria-describedby=described_by />
            </div>
            <button type="submit" class="button">"Đăng nhập"</button>
        </form>
    }
}

/// What each role can do, as links from the staff home page.
fn tasks_for(role: Role) -> Vec<(&'static str, &'static str, &'static str)> {
    // Everyone works on the office's dossiers (counter staff receive, clerks process).
    let mut tasks = vec![(
        crate::backoffice::QUEUE_URL,
        "Hồ sơ cần xử lý",
        "Hồ sơ của cơ quan: mới nhận, quá hạn, đến hạn hôm nay; tiếp nhận, xử lý, trả kết quả.",
    )];
    if matches!(role, Role::Head | Role::Admin) {
        tasks.push((
            crate::backoffice::DASHBOARD_URL,
            "Bảng theo dõi",
            "Hồ sơ theo tuần, tỷ lệ đúng hạn, thời gian xử lý, mức hài lòng.",
        ));
    }
    if matches!(role, Role::Counter | Role::Head | Role::Admin) {
        tasks.push((
            "/can-bo/nop-ho-so",
            "Nộp hồ sơ giúp công dân",
            "Khai cùng công dân tại quầy; công dân xác nhận trước khi nộp.",
        ));
        tasks.push((
            "/can-bo/nop-ho-so?giay=1",
            "Nhận hồ sơ giấy tại quầy",
            "Nhập hồ sơ giấy công dân mang đến và in giấy tiếp nhận ngay.",
        ));
    }
    if matches!(role, Role::Head | Role::Admin) {
        tasks.push((
            "/can-bo/nhat-ky",
            "Nhật ký thao tác",
            "Ai đã làm gì, lúc nào, từ máy nào.",
        ));
    }
    if role == Role::Admin {
        tasks.push((
            "/can-bo/quan-tri",
            "Quản trị tài khoản",
            "Tạo tài khoản cán bộ, đặt lại mật khẩu, ngừng tài khoản.",
        ));
    }
    tasks
}

#[component]
pub fn StaffHomePage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                match staff_home().await {
                    Ok(member) => view! { <StaffHome member /> }.into_any(),
                    Err(error) => view! { <Problem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StaffHome(member: StaffMember) -> impl IntoView {
    let tasks = tasks_for(member.role)
        .into_iter()
        .map(|(href, name, summary)| {
            view! {
                <li class="procedure">
                    <h2 class="procedure__name"><a href=href>{name}</a></h2>
                    <p>{summary}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text="Trang cán bộ — Một Cửa" />
        <h1>{format!("Chào {}", member.name)}</h1>
        <p class="lead">{format!("{} · {}", member.role.label(), member.office)}</p>
        <ul class="procedures">{tasks}</ul>
        <StaffSignOut />
    }
}

/// The sign-out buttons, at the foot of every staff page.
#[component]
pub fn StaffSignOut() -> impl IntoView {
    view! {
        <h2>"Kết thúc"</h2>
        <form method="post" action=LogOut::url()>
            <button type="submit" class="button button--secondary">"Đăng xuất"</button>
        </form>
        <form method="post" action=LogOutEverywhere::url()>
            <p class="hint">"Nếu bạn quên đăng xuất trên máy khác, hoặc nghi ai biết mật khẩu:"</p>
            <button type="submit" class="button button--secondary">"Đăng xuất mọi nơi"</button>
        </form>
    }
}
