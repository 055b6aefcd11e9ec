//! The real router, on a fresh SQLite file with the shipped procedures, driven in process.
#![allow(dead_code)] // each test file uses a part

pub mod office;

use app::db::Db;
use app::state::AppState;
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Request, Response, StatusCode, header};
use domain::catalog::Catalog;
use domain::working_days::Calendar;
use leptos::prelude::LeptosOptions;
use server::security_headers::SecurityHeaders;
use std::path::Path;
use std::sync::Arc;
use tower::ServiceExt;

pub const HOST: &str = "motcua.test";
pub const ORIGIN: &str = "http://motcua.test";

pub struct Site {
    pub router: Router,
    pub state: AppState,
    pub db: Db,
    pub catalog: Arc<Catalog>,
    /// Where `db` is: another server opens it too.
    pub database_url: String,
}

pub async fn site() -> Site {
    site_with(SecurityHeaders { hsts: false }).await
}

pub async fn site_with(headers: SecurityHeaders) -> Site {
    site_at(ORIGIN, headers).await
}

/// A site whose public address is `public_url`; requests naming `HOST` are served too (as a
/// configured allow-list lets them be).
pub async fn site_at(public_url: &str, headers: SecurityHeaders) -> Site {
    let file = std::env::temp_dir().join(format!(
        "mot-cua-server-test-{}-{}.db",
        std::process::id(),
        app::random::letters(8)
    ));
    let database_url = format!("sqlite://{}", file.display());
    let db = Db::connect(&database_url).await.unwrap();
    db.migrate().await.unwrap();
    site_on(db, database_url, headers, public_url)
}

/// A server of its own (its own router and connections) on the database `db`.
fn site_on(db: Db, database_url: String, headers: SecurityHeaders, public_url: &str) -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let catalog = Arc::new(Catalog::load(&root.join("app/procedures")).unwrap());
    let calendar = Calendar::from_toml(
        &std::fs::read_to_string(root.join("app/calendar/holidays.toml")).unwrap(),
    )
    .unwrap();
    let options = LeptosOptions::builder()
        .output_name("mot-cua")
        .site_root(root.join("target/site").display().to_string())
        .site_pkg_dir("pkg")
        .build();
    let state = AppState {
        db: db.clone(),
        catalog: catalog.clone(),
        calendar: Arc::new(calendar),
        secure_cookies: false,
        public_url: public_url.into(),
        documents: app::documents::Documents::in_database(db.clone()),
        resume_limits: Default::default(),
        trusted_proxies: Vec::new(),
        staff_idle: chrono::Duration::minutes(app::identity::DEFAULT_STAFF_IDLE_MINUTES),
    };
    Site {
        router: server::web::router(
            options,
            state.clone(),
            &headers,
            server::assets::Caching { hashed: false },
            server::host_check::Hosts::new(public_url, &[HOST.to_string()], None),
        ),
        state,
        db,
        catalog,
        database_url,
    }
}

impl Site {
    /// A second server behind the same address: the same database, its own everything else.
    pub async fn another_server(&self) -> Site {
        let db = Db::connect(&self.database_url).await.unwrap();
        site_on(
            db,
            self.database_url.clone(),
            SecurityHeaders { hsts: false },
            &self.state.public_url,
        )
    }

    pub async fn send(&self, request: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(request).await.unwrap()
    }

    /// A page, as a browser asks for it.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Answer {
        let mut request = Request::get(path)
            .header(header::HOST, HOST)
            .header(header::ACCEPT, "text/html");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        Answer::read(self.send(request.body(Body::empty()).unwrap()).await).await
    }

    /// A form post from one of our pages, as a browser sends it.
    pub async fn post_form(&self, path: &str, form: &str, cookie: Option<&str>) -> Answer {
        let mut request = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::REFERER, format!("{ORIGIN}/ho-so/buoc/tre-ho-ten"))
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        Answer::read(
            self.send(request.body(Body::from(form.to_string())).unwrap())
                .await,
        )
        .await
    }

    /// Starts a birth registration; returns the draft cookie.
    pub async fn start(&self) -> String {
        let answer = self
            .post_form("/api/bat-dau", "thu_tuc=khai-sinh", None)
            .await;
        assert_eq!(answer.status, StatusCode::FOUND, "{}", answer.body);
        answer.cookie().expect("a draft cookie")
    }

    pub async fn count(&self, table: &str) -> i64 {
        use sqlx::Row;
        sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(&self.db.pool)
            .await
            .unwrap()
            .try_get("n")
            .unwrap()
    }
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub async fn read(response: Response<Body>) -> Self {
        let (parts, body) = response.into_parts();
        let bytes = to_bytes(body, 4 * 1024 * 1024).await.unwrap();
        Self {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }

    /// The draft cookie set by this answer, as a `Cookie` header value.
    pub fn cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find(|value| value.starts_with("mc_ho_so="))
            .and_then(|value| value.split(';').next())
            .map(str::to_string)
    }
}

/// The Vietnamese text of a key, as the page writes it.
pub fn vietnamese(key: &str) -> String {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/locales/app.yml"),
    )
    .unwrap();
    let after = text.split(&format!("\n{key}:\n")).nth(1).unwrap();
    let vi = after.lines().next().unwrap().trim();
    vi.trim_start_matches("vi: ").trim_matches('"').to_string()
}
