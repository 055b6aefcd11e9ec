//! The connection pool: SQLite by default, PostgreSQL when `DATABASE_URL` says so, one API.

use crate::group_commit::{self, WriteFuture};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyConnection, AnyPool, Executor};
use std::path::Path;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Whether concurrent draft saves share one transaction (see `group_commit`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GroupCommit {
    /// What measurement chose for the engine (README, "Saves"): on for SQLite, where every
    /// commit is an fsync of the one file; off for PostgreSQL, whose connections commit in
    /// parallel.
    #[default]
    Auto,
    On,
    Off,
}

impl GroupCommit {
    fn enabled(self, engine: Engine) -> bool {
        match self {
            GroupCommit::Auto => engine == Engine::Sqlite,
            GroupCommit::On => true,
            GroupCommit::Off => false,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub engine: Engine,
    /// The batching writer, when group commit is on.
    writer: Option<group_commit::Writer>,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite: or postgres:, not {0}")]
    UnknownEngine(String),
    #[error("cannot create the data folder {0}: {1}")]
    DataDir(String, std::io::Error),
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] sqlx::Error),
    #[error("cannot apply the database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Db {
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        Self::connect_with(url, GroupCommit::Auto).await
    }

    pub async fn connect_with(url: &str, group_commit: GroupCommit) -> Result<Self, DbError> {
        install_default_drivers();
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Engine::Postgres
        } else {
            return Err(DbError::UnknownEngine(
                url.split(':').next().unwrap_or("").to_string(),
            ));
        };
        let url = match engine {
            Engine::Sqlite => sqlite_url(url)?,
            Engine::Postgres => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(match engine {
                Engine::Sqlite => 8,
                Engine::Postgres => 16,
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        // Durability first: a save is acknowledged only once it is on disk.
                        for pragma in [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = FULL",
                            "PRAGMA foreign_keys = ON",
                            "PRAGMA busy_timeout = 5000",
                        ] {
                            conn.execute(pragma).await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        let writer = group_commit
            .enabled(engine)
            .then(|| group_commit::Writer::start(pool.clone()));
        Ok(Self {
            pool,
            engine,
            writer,
        })
    }

    pub fn group_commit(&self) -> bool {
        self.writer.is_some()
    }

    /// Runs a write and returns the rows it changed, once it is committed: batched with the
    /// writes that arrive meanwhile when group commit is on, alone in its own statement otherwise.
    pub async fn write<F>(&self, write: F) -> Result<u64, sqlx::Error>
    where
        F: for<'c> Fn(&'c mut AnyConnection) -> WriteFuture<'c> + Send + Sync + 'static,
    {
        match &self.writer {
            Some(writer) => writer.write(Arc::new(write)).await,
            None => {
                let mut conn = self.pool.acquire().await?;
                write(&mut conn).await
            }
        }
    }

    /// Commits whatever the batching writer still holds (nothing to do without group commit:
    /// each write is committed before its caller goes on). Called before the process exits.
    pub async fn flush(&self) -> Result<(), sqlx::Error> {
        match &self.writer {
            Some(writer) => writer.flush().await,
            None => Ok(()),
        }
    }

    pub async fn migrate(&self) -> Result<(), DbError> {
        sqlx::migrate!("./migrations").run(&self.pool).await?;
        self.guard_audit_log().await?;
        Ok(())
    }

    /// The audit log refuses UPDATE and DELETE in the database itself, not only in our code
    /// (a trigger's syntax differs between the engines, so it is not in the shared migrations;
    /// it is made again, idempotently, at every start).
    async fn guard_audit_log(&self) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let sql = match self.engine {
            Engine::Sqlite => {
                "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
                 BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                 CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
                 BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
            }
            Engine::Postgres => {
                // Two servers starting at once on one database take turns.
                "SELECT pg_advisory_xact_lock(7232001);
                 CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
                 LANGUAGE plpgsql AS $$
                 BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
                 CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE
                 ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();"
            }
        };
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        tx.commit().await
    }

    /// PostgreSQL's name of the role this pool connects as.
    pub async fn role(&self) -> Result<String, sqlx::Error> {
        sqlx::query_scalar("SELECT CAST(current_user AS TEXT)")
            .fetch_one(&self.pool)
            .await
    }

    /// Lets `role` (the application's own, in `DATABASE_URL`) use every table this owner made,
    /// but not change or remove what the audit log holds: it may not update, delete or truncate
    /// its rows, and, not owning the table, may neither drop it nor disable its trigger. Run
    /// after `migrate`, as the owner (`MC_DATABASE_OWNER_URL`); PostgreSQL only.
    pub async fn grant_to(&self, role: &str) -> Result<(), sqlx::Error> {
        let role = quote_identifier(role);
        let mut tx = self.pool.begin().await?;
        let schema: String = sqlx::query_scalar("SELECT CAST(current_schema() AS TEXT)")
            .fetch_one(&mut *tx)
            .await?;
        let schema = quote_identifier(&schema);
        sqlx::raw_sql(&format!(
            "GRANT USAGE ON SCHEMA {schema} TO {role};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role};
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role};
             REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {role};"
        ))
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}

/// A PostgreSQL identifier, quoted: a role or schema name is never read as SQL.
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Creates the folder of a SQLite file and asks SQLite to create the file when missing.
fn sqlite_url(url: &str) -> Result<String, DbError> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let file = path.split('?').next().unwrap_or("");
    if !file.is_empty()
        && file != ":memory:"
        && let Some(dir) = Path::new(file)
            .parent()
            .filter(|dir| !dir.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| DbError::DataDir(dir.display().to_string(), e))?;
    }
    Ok(if url.contains('?') {
        url.to_string()
    } else {
        format!("{url}?mode=rwc")
    })
}

#[cfg(test)]
mod tests {
    use super::Db;
    use super::testing::databases;

    /// With a separate owner role (docs/operations.md), the application's own role can add to
    /// the audit log but neither rewrite it nor switch its guard off: a stolen application
    /// password cannot cover its tracks.
    #[tokio::test]
    async fn on_postgresql_the_application_role_cannot_alter_or_drop_the_audit_log() {
        let Ok(url) = std::env::var("MC_TEST_POSTGRES_URL") else {
            eprintln!("MC_TEST_POSTGRES_URL is not set: the owner-role test needs PostgreSQL");
            return;
        };
        let suffix = crate::random::letters(10).to_lowercase();
        let (schema, app_role) = (format!("mc_owner_{suffix}"), format!("mc_app_{suffix}"));
        let admin = Db::connect(&url).await.unwrap();
        for statement in [
            format!("CREATE SCHEMA {schema}"),
            format!("CREATE ROLE {app_role} LOGIN"),
        ] {
            sqlx::query(&statement).execute(&admin.pool).await.unwrap();
        }
        let in_schema = |url: &str| {
            let separator = if url.contains('?') { '&' } else { '?' };
            format!("{url}{separator}options=-c%20search_path%3D{schema}")
        };
        let owner = Db::connect(&in_schema(&url)).await.unwrap();
        owner.migrate().await.unwrap();
        // The application's URL: the same server and database, its own role.
        let (scheme, rest) = url.split_once("://").unwrap();
        let host_and_db = rest.rsplit_once('@').map_or(rest, |(_, after)| after);
        let app_url = in_schema(&format!("{scheme}://{app_role}@{host_and_db}"));
        let app = Db::connect(&app_url).await.unwrap();
        assert_eq!(app.role().await.unwrap(), app_role);
        owner.grant_to(&app.role().await.unwrap()).await.unwrap();

        sqlx::query(
            "INSERT INTO audit_log (id, at, staff_id, action, subject, detail, client)
             VALUES ('a1', '2026-11-25T00:00:00Z', '', 'login', 'x', '', '127.0.0.1')",
        )
        .execute(&app.pool)
        .await
        .expect("the application adds to the audit log");
        for attempt in [
            "UPDATE audit_log SET detail = 'rewritten'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
            "DROP TRIGGER audit_log_append_only ON audit_log",
            "DROP TABLE audit_log",
        ] {
            let done = sqlx::raw_sql(attempt).execute(&app.pool).await;
            assert!(done.is_err(), "the application's role could: {attempt}");
        }
        // Everything else works as before.
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(count, 1);
        sqlx::query("DELETE FROM rate_limits")
            .execute(&app.pool)
            .await
            .expect("the application changes its other tables");
        app.pool.close().await;
        owner.pool.close().await;
        for statement in [
            format!("DROP SCHEMA {schema} CASCADE"),
            format!("DROP OWNED BY {app_role}"),
            format!("DROP ROLE {app_role}"),
        ] {
            sqlx::query(&statement).execute(&admin.pool).await.unwrap();
        }
    }

    #[tokio::test]
    async fn the_audit_log_refuses_changes_on_both_engines() {
        for db in databases().await {
            // Starting again makes the guard again without failing.
            db.migrate().await.unwrap();
            sqlx::query(
                "INSERT INTO audit_log (id, at, staff_id, action, subject, detail, client)
                 VALUES ('a1', '2026-11-25T00:00:00Z', '', 'login', 'x', '', '127.0.0.1')",
            )
            .execute(&db.pool)
            .await
            .unwrap();
            let update = sqlx::query("UPDATE audit_log SET detail = 'rewritten'")
                .execute(&db.pool)
                .await;
            assert!(update.is_err(), "{:?}: an update went through", db.engine);
            let delete = sqlx::query("DELETE FROM audit_log").execute(&db.pool).await;
            assert!(delete.is_err(), "{:?}: a delete went through", db.engine);
            let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log")
                .fetch_one(&db.pool)
                .await
                .unwrap();
            assert_eq!(count, 1);
        }
    }
}

/// Test databases: a fresh SQLite file, and PostgreSQL when `MC_TEST_POSTGRES_URL` is set
/// (the project's test script sets it and starts PostgreSQL when it is not running).
#[cfg(test)]
pub mod testing {
    use super::Db;

    pub async fn databases() -> Vec<Db> {
        databases_with(super::GroupCommit::Auto).await
    }

    pub async fn databases_with(group_commit: super::GroupCommit) -> Vec<Db> {
        let all = unmigrated_with(group_commit).await;
        for db in &all {
            db.migrate().await.unwrap();
        }
        all
    }

    /// Empty databases, for tests of the migrations themselves.
    pub async fn unmigrated() -> Vec<Db> {
        unmigrated_with(super::GroupCommit::Auto).await
    }

    async fn unmigrated_with(group_commit: super::GroupCommit) -> Vec<Db> {
        let file = std::env::temp_dir().join(format!(
            "mot-cua-test-{}-{}.db",
            std::process::id(),
            crate::random::letters(8)
        ));
        let sqlite = Db::connect_with(&format!("sqlite://{}", file.display()), group_commit)
            .await
            .unwrap();
        let mut all = vec![sqlite];
        match std::env::var("MC_TEST_POSTGRES_URL") {
            Ok(url) if !url.is_empty() => {
                // A schema of its own per test: branches with other migrations, and tests
                // running at the same time, never see each other's tables.
                let schema = format!("mc_test_{}", crate::random::letters(10).to_lowercase());
                let admin = Db::connect(&url)
                    .await
                    .expect("MC_TEST_POSTGRES_URL is set but unreachable");
                sqlx::query(&format!("CREATE SCHEMA {schema}"))
                    .execute(&admin.pool)
                    .await
                    .unwrap();
                admin.pool.close().await;
                let separator = if url.contains('?') { '&' } else { '?' };
                let url = format!("{url}{separator}options=-c%20search_path%3D{schema}");
                let pg = Db::connect_with(&url, group_commit).await.unwrap();
                all.push(pg);
            }
            _ => eprintln!("MC_TEST_POSTGRES_URL is not set: this store test ran on SQLite only"),
        }
        all
    }
}

/// Timestamps as fixed-width text (microseconds, `Z`): they compare and sort as text.
pub fn stamp(time: chrono::DateTime<chrono::Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}
