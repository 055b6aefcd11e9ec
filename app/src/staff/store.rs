//! Staff accounts and sessions in the database. Portable SQL with `$n` parameters.

use super::{Role, StaffMember};
use crate::db::Db;
pub use crate::db::stamp;
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Debug, thiserror::Error)]
pub enum StaffStoreError {
    #[error("the username {0} is taken")]
    UsernameTaken(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("a staff row has an unknown role: {0}")]
    UnknownRole(String),
}

type Result<T> = std::result::Result<T, StaffStoreError>;

fn parse_stamp(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

/// An account as the login and the admin page need it.
#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    pub member: StaffMember,
    pub password_hash: String,
    pub active: bool,
    pub failed_logins: i64,
    pub locked_until: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug)]
pub struct NewAccount {
    pub username: String,
    pub name: String,
    pub office: String,
    pub role: Role,
}

const ACCOUNT_COLUMNS: &str =
    "id, username, name, office, role, password_hash, active, failed_logins, locked_until";

fn member_from_row(row: &sqlx::any::AnyRow) -> Result<StaffMember> {
    crate::identity::member_from_row(row).map_err(|error| match error {
        sqlx::Error::ColumnDecode { index, source } if index == "role" => {
            StaffStoreError::UnknownRole(source.to_string())
        }
        other => other.into(),
    })
}

fn account_from_row(row: &sqlx::any::AnyRow) -> Result<Account> {
    let locked: Option<String> = row.try_get("locked_until")?;
    Ok(Account {
        member: member_from_row(row)?,
        password_hash: row.try_get("password_hash")?,
        active: row.try_get::<i64, _>("active")? != 0,
        failed_logins: row.try_get("failed_logins")?,
        locked_until: locked.as_deref().and_then(parse_stamp),
    })
}

pub async fn create(
    db: &Db,
    new: &NewAccount,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<StaffMember> {
    if by_username(db, &new.username).await?.is_some() {
        return Err(StaffStoreError::UsernameTaken(new.username.clone()));
    }
    let id = crate::random::letters(20);
    let now = stamp(now);
    let inserted = sqlx::query(
        "INSERT INTO staff (id, username, name, office, role, password_hash, active,
                            failed_logins, locked_until, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, 0, NULL, $7, $7)",
    )
    .bind(&id)
    .bind(&new.username)
    .bind(&new.name)
    .bind(&new.office)
    .bind(new.role.as_str())
    .bind(password_hash)
    .bind(&now)
    .execute(&db.pool)
    .await;
    match inserted {
        Ok(_) => {}
        // Two creations of one name at once: the UNIQUE constraint decides.
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
            return Err(StaffStoreError::UsernameTaken(new.username.clone()));
        }
        Err(error) => return Err(error.into()),
    }
    Ok(StaffMember {
        id,
        username: new.username.clone(),
        name: new.name.clone(),
        office: new.office.clone(),
        role: new.role,
    })
}

/// Changes name, office, role and password of an existing account, unlocks it and ends its
/// sessions (whoever signed in with the old password is signed out). A disabled account stays
/// disabled unless `enable` says otherwise.
pub async fn update(
    db: &Db,
    new: &NewAccount,
    password_hash: &str,
    enable: bool,
    now: DateTime<Utc>,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE staff SET name = $2, office = $3, role = $4, password_hash = $5,
                          active = CASE WHEN $7 = 1 THEN 1 ELSE active END,
                          failed_logins = 0, locked_until = NULL, updated_at = $6
         WHERE username = $1",
    )
    .bind(&new.username)
    .bind(&new.name)
    .bind(&new.office)
    .bind(new.role.as_str())
    .bind(password_hash)
    .bind(stamp(now))
    .bind(i64::from(enable))
    .execute(&db.pool)
    .await?;
    sqlx::query(
        "DELETE FROM staff_sessions WHERE staff_id IN (SELECT id FROM staff WHERE username = $1)",
    )
    .bind(&new.username)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_username(db: &Db, username: &str) -> Result<Option<Account>> {
    let row = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM staff WHERE username = $1"
    ))
    .bind(username)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(account_from_row).transpose()
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<Account>> {
    let row = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM staff WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(account_from_row).transpose()
}

/// Every account, by office then name.
pub async fn all(db: &Db) -> Result<Vec<Account>> {
    let rows = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM staff ORDER BY office, name, username"
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(account_from_row).collect()
}

/// Sets a new password; also lifts a lockout, and ends every session the account had: whoever
/// signed in with the old password is signed out.
pub async fn set_password(
    db: &Db,
    id: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE staff SET password_hash = $2, failed_logins = 0, locked_until = NULL,
                          updated_at = $3
         WHERE id = $1",
    )
    .bind(id)
    .bind(password_hash)
    .bind(stamp(now))
    .execute(&db.pool)
    .await?;
    end_all_sessions(db, id).await?;
    Ok(done.rows_affected() == 1)
}

/// Disables (or enables again) an account; disabling ends all its sessions.
pub async fn set_active(db: &Db, id: &str, active: bool, now: DateTime<Utc>) -> Result<bool> {
    let done = sqlx::query("UPDATE staff SET active = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(i64::from(active))
        .bind(stamp(now))
        .execute(&db.pool)
        .await?;
    if !active {
        end_all_sessions(db, id).await?;
    }
    Ok(done.rows_affected() == 1)
}

/// Counts a wrong password and returns how many came in a row (see `service::login_delay`).
pub async fn count_failure(db: &Db, id: &str) -> Result<i64> {
    // One statement: failures sent at once from several instances are all counted.
    Ok(sqlx::query_scalar(
        "UPDATE staff SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await?)
}

pub async fn clear_failures(db: &Db, id: &str) -> Result<()> {
    sqlx::query("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub use crate::identity::token_hash;

/// Starts a session and returns its token (for the cookie).
pub async fn create_session(
    db: &Db,
    staff_id: &str,
    client: &str,
    now: DateTime<Utc>,
    lasts: chrono::Duration,
) -> Result<String> {
    let token = random_token();
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at, client)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(staff_id)
    .bind(stamp(now))
    .bind(stamp(now + lasts))
    .bind(client)
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// 256 random bits from the OS-seeded CSPRNG, as hex.
fn random_token() -> String {
    use rand::Rng;
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub use crate::identity::end_session;

/// Ends every session of a staff member; returns how many there were.
pub async fn end_all_sessions(db: &Db, staff_id: &str) -> Result<u64> {
    let done = sqlx::query("DELETE FROM staff_sessions WHERE staff_id = $1")
        .bind(staff_id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}

pub async fn forget_expired_sessions(db: &Db, now: DateTime<Utc>) -> Result<u64> {
    let done = sqlx::query("DELETE FROM staff_sessions WHERE expires_at <= $1")
        .bind(stamp(now))
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;
    use crate::identity::member_by_session;
    use crate::random::letters as random_letters;
    use chrono::Duration;

    const IDLE: Duration = Duration::minutes(30);

    fn new_account(role: Role) -> NewAccount {
        NewAccount {
            username: format!("test.{}", random_letters(8).to_lowercase()),
            name: "Trần Thị Lan".into(),
            office: "UBND phường Tân An".into(),
            role,
        }
    }

    #[tokio::test]
    async fn an_account_is_created_once_and_found_by_its_name() {
        for db in databases().await {
            let new = new_account(Role::Counter);
            let member = create(&db, &new, "hash", crate::state::now())
                .await
                .unwrap();
            let found = by_username(&db, &new.username).await.unwrap().unwrap();
            assert_eq!(found.member, member);
            assert!(found.active);
            assert!(matches!(
                create(&db, &new, "hash", crate::state::now()).await,
                Err(StaffStoreError::UsernameTaken(_))
            ));
            let mut changed = new.clone();
            changed.role = Role::Admin;
            assert!(
                update(&db, &changed, "hash2", false, crate::state::now())
                    .await
                    .unwrap()
            );
            let found = by_id(&db, &member.id).await.unwrap().unwrap();
            assert_eq!(found.member.role, Role::Admin);
            assert_eq!(found.password_hash, "hash2");
        }
    }

    #[tokio::test]
    async fn a_session_opens_until_it_expires_or_ends() {
        for db in databases().await {
            let member = create(&db, &new_account(Role::Clerk), "hash", crate::state::now())
                .await
                .unwrap();
            let now = crate::state::now();
            let token = create_session(&db, &member.id, "10.0.0.1", now, Duration::hours(10))
                .await
                .unwrap();
            assert_eq!(
                member_by_session(&db, &token, now, IDLE).await.unwrap(),
                Some(member.clone())
            );
            // The token itself is not in the table.
            let stored: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM staff_sessions WHERE token_hash = $1")
                    .bind(&token)
                    .fetch_one(&db.pool)
                    .await
                    .unwrap();
            assert_eq!(stored, 0);
            assert_eq!(
                member_by_session(&db, &token, now + Duration::hours(11), IDLE)
                    .await
                    .unwrap(),
                None
            );
            assert_eq!(
                member_by_session(&db, "not-a-token", now, IDLE)
                    .await
                    .unwrap(),
                None
            );
            end_session(&db, &token).await.unwrap();
            assert_eq!(
                member_by_session(&db, &token, now, IDLE).await.unwrap(),
                None
            );
        }
    }

    /// What the staff pages announce: the end a session has if left alone, read without moving it.
    #[tokio::test]
    async fn a_session_s_idle_end_is_read_without_moving_it() {
        use crate::identity::session_expires;
        for db in databases().await {
            let member = create(&db, &new_account(Role::Clerk), "hash", crate::state::now())
                .await
                .unwrap();
            let now = crate::state::now();
            let token = create_session(&db, &member.id, "10.0.0.1", now, IDLE)
                .await
                .unwrap();
            let ends = session_expires(&db, &token).await.unwrap().unwrap();
            assert!(
                (ends - (now + IDLE)).num_seconds().abs() <= 1,
                "{ends} {now}"
            );
            // Reading it again, later, moves nothing; a use does.
            let later = now + Duration::minutes(10);
            assert_eq!(session_expires(&db, &token).await.unwrap(), Some(ends));
            member_by_session(&db, &token, later, IDLE).await.unwrap();
            let moved = session_expires(&db, &token).await.unwrap().unwrap();
            assert!((moved - (later + IDLE)).num_seconds().abs() <= 1, "{moved}");
            end_session(&db, &token).await.unwrap();
            assert_eq!(session_expires(&db, &token).await.unwrap(), None);
        }
    }

    #[tokio::test]
    async fn logging_out_everywhere_disabling_and_a_new_password_end_every_session() {
        for db in databases().await {
            let member = create(
                &db,
                &new_account(Role::Counter),
                "hash",
                crate::state::now(),
            )
            .await
            .unwrap();
            let now = crate::state::now();
            let mut tokens = Vec::new();
            for client in ["10.0.0.1", "10.0.0.2"] {
                tokens.push(
                    create_session(&db, &member.id, client, now, Duration::hours(10))
                        .await
                        .unwrap(),
                );
            }
            assert_eq!(end_all_sessions(&db, &member.id).await.unwrap(), 2);
            for token in &tokens {
                assert_eq!(
                    member_by_session(&db, token, now, IDLE).await.unwrap(),
                    None
                );
            }
            let token = create_session(&db, &member.id, "10.0.0.3", now, Duration::hours(10))
                .await
                .unwrap();
            assert!(set_active(&db, &member.id, false, now).await.unwrap());
            assert_eq!(
                member_by_session(&db, &token, now, IDLE).await.unwrap(),
                None
            );
            assert!(set_active(&db, &member.id, true, now).await.unwrap());
            // A new password signs out whoever used the old one.
            let token = create_session(&db, &member.id, "10.0.0.4", now, Duration::hours(10))
                .await
                .unwrap();
            assert!(
                member_by_session(&db, &token, now, IDLE)
                    .await
                    .unwrap()
                    .is_some()
            );
            assert!(
                set_password(&db, &member.id, "new hash", now)
                    .await
                    .unwrap()
            );
            assert_eq!(
                member_by_session(&db, &token, now, IDLE).await.unwrap(),
                None
            );
            assert!(set_active(&db, &member.id, false, now).await.unwrap());
            // A session made while disabled opens nothing either.
            let token = create_session(&db, &member.id, "10.0.0.3", now, Duration::hours(10))
                .await
                .unwrap();
            assert_eq!(
                member_by_session(&db, &token, now, IDLE).await.unwrap(),
                None
            );
        }
    }

    #[tokio::test]
    async fn an_update_ends_the_sessions_and_enables_only_when_asked() {
        for db in databases().await {
            let new = new_account(Role::Counter);
            let member = create(&db, &new, "hash", Utc::now()).await.unwrap();
            let now = Utc::now();
            let token = create_session(&db, &member.id, "10.0.0.1", now, Duration::hours(10))
                .await
                .unwrap();
            assert!(update(&db, &new, "hash2", false, now).await.unwrap());
            assert_eq!(
                member_by_session(&db, &token, now, IDLE).await.unwrap(),
                None
            );
            assert!(set_active(&db, &member.id, false, now).await.unwrap());
            assert!(update(&db, &new, "hash3", false, now).await.unwrap());
            assert!(!by_id(&db, &member.id).await.unwrap().unwrap().active);
            assert!(update(&db, &new, "hash4", true, now).await.unwrap());
            assert!(by_id(&db, &member.id).await.unwrap().unwrap().active);
        }
    }

    #[tokio::test]
    async fn a_session_left_idle_ends_and_one_in_use_lasts_until_its_end() {
        for db in databases().await {
            let member = create(&db, &new_account(Role::Clerk), "hash", Utc::now())
                .await
                .unwrap();
            let start = Utc::now();
            // As a login makes it: ending after the idle time.
            let token = create_session(&db, &member.id, "10.0.0.1", start, IDLE)
                .await
                .unwrap();
            // Used every 29 minutes: still open after 9 hours...
            let mut now = start;
            while now < start + Duration::hours(9) {
                now += Duration::minutes(29);
                assert!(
                    member_by_session(&db, &token, now, IDLE)
                        .await
                        .unwrap()
                        .is_some(),
                    "{}",
                    now - start
                );
            }
            // ...but never past the session's length, however busy.
            let late = start + Duration::hours(10) + Duration::minutes(1);
            assert_eq!(
                member_by_session(&db, &token, late, IDLE).await.unwrap(),
                None
            );
            // Left alone for 31 minutes: ended.
            let token = create_session(&db, &member.id, "10.0.0.1", start, IDLE)
                .await
                .unwrap();
            let used = start + Duration::minutes(20);
            assert!(
                member_by_session(&db, &token, used, IDLE)
                    .await
                    .unwrap()
                    .is_some()
            );
            let back = used + Duration::minutes(31);
            assert_eq!(
                member_by_session(&db, &token, back, IDLE).await.unwrap(),
                None
            );
        }
    }

    #[tokio::test]
    async fn wrong_passwords_are_counted_in_a_row_until_the_right_one() {
        for db in databases().await {
            let member = create(
                &db,
                &new_account(Role::Counter),
                "hash",
                crate::state::now(),
            )
            .await
            .unwrap();
            for expected in 1..=6 {
                assert_eq!(count_failure(&db, &member.id).await.unwrap(), expected);
            }
            let account = by_id(&db, &member.id).await.unwrap().unwrap();
            assert_eq!(account.failed_logins, 6);
            assert_eq!(account.locked_until, None, "an account is never locked");
            clear_failures(&db, &member.id).await.unwrap();
            let account = by_id(&db, &member.id).await.unwrap().unwrap();
            assert_eq!(account.failed_logins, 0);
        }
    }
}
