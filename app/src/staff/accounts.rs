//! Creating staff accounts: shared by the `server staff create` command and the admin page.

use super::store::{self, NewAccount, StaffStoreError};
use super::{Role, StaffMember, check_new_password, normalise_username, password};
use crate::audit::{self, AuditEntry};
use crate::db::Db;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Something typed is wrong; the message says what to do.
    #[error("{0}")]
    Invalid(String),
    #[error("{}", taken(.0))]
    Taken(String),
    /// `--update` of a disabled account, without `--enable`.
    #[error("{}", crate::tr!("staff.account.disabled_update", name = .0))]
    Disabled(String),
    #[error("database error: {0}")]
    Store(#[from] StaffStoreError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// "That username is taken", in the language of the page (Vietnamese on the command line).
fn taken(username: &str) -> String {
    crate::tr!("staff.account.taken", name = username)
}

#[derive(Clone, Debug)]
pub struct AccountForm {
    pub username: String,
    pub name: String,
    pub office: String,
    pub role: Role,
    pub password: String,
}

/// What to do when the username exists already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Fail with `Taken` (the admin page).
    Refuse,
    /// Change it (`staff create --update`); a disabled account is refused with `Disabled`.
    Update,
    /// Change it and enable it again (`--update --enable`).
    UpdateAndEnable,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Created(StaffMember),
    /// The username existed and an update was asked for: name, office, role and password
    /// were changed, the account unlocked and its sessions ended.
    Updated,
}

/// Checks the form; the first problem found, in words for the person who typed it.
pub fn check(form: &AccountForm) -> Result<NewAccount, AccountError> {
    let username = normalise_username(&form.username).map_err(AccountError::Invalid)?;
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AccountError::Invalid(crate::tr!("staff.account.name")));
    }
    let office = form.office.trim();
    if office.is_empty() || office.chars().count() > 200 {
        return Err(AccountError::Invalid(crate::tr!("staff.account.office")));
    }
    check_new_password(&form.password).map_err(AccountError::Invalid)?;
    Ok(NewAccount {
        username,
        name: name.to_string(),
        office: office.to_string(),
        role: form.role,
    })
}

/// Creates an account (or, as `existing` says, updates the one with that name) and audits it
/// as done by `actor` (`None`: the command line).
pub async fn create(
    db: &Db,
    form: &AccountForm,
    existing: Existing,
    actor: Option<&StaffMember>,
    client: &str,
) -> Result<Outcome, AccountError> {
    let new = check(form)?;
    let hash = password::hash_blocking(form.password.clone()).await;
    let now = crate::state::now();
    let mut enabled = false;
    let outcome = match store::create(db, &new, &hash, now).await {
        Ok(member) => Outcome::Created(member),
        Err(StaffStoreError::UsernameTaken(name)) if existing == Existing::Refuse => {
            return Err(AccountError::Taken(name));
        }
        Err(StaffStoreError::UsernameTaken(name)) => {
            let enable = existing == Existing::UpdateAndEnable;
            let active = store::by_username(db, &name)
                .await?
                .is_some_and(|account| account.active);
            // A disabled account was disabled for a reason: never reopened as a side effect.
            if !active && !enable {
                return Err(AccountError::Disabled(name));
            }
            enabled = !active;
            store::update(db, &new, &hash, enable, now).await?;
            Outcome::Updated
        }
        Err(error) => return Err(error.into()),
    };
    audit::record(
        db,
        &AuditEntry {
            staff_id: actor.map(|a| a.id.clone()).unwrap_or_default(),
            action: match outcome {
                Outcome::Created(_) => audit::ACCOUNT_CREATED,
                Outcome::Updated => audit::ACCOUNT_UPDATED,
            }
            .into(),
            subject: new.username.clone(),
            // Stored: in Vietnamese whatever the admin's language.
            detail: format!(
                "{}, {}, {}{}",
                new.name,
                new.role.label_vi(),
                new.office,
                if enabled {
                    format!(", {}", crate::stored!("stored.account_enabled"))
                } else {
                    String::new()
                }
            ),
            client: client.into(),
        },
    )
    .await?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;
    use crate::random::letters as random_letters;

    fn form(username: &str) -> AccountForm {
        AccountForm {
            username: username.into(),
            name: "Lê Văn Hùng".into(),
            office: "UBND phường Tân An".into(),
            role: Role::Admin,
            password: "một mật khẩu dài".into(),
        }
    }

    #[tokio::test]
    async fn an_account_made_on_the_command_line_signs_in_with_its_password_and_is_audited() {
        for db in databases().await {
            let username = format!("Hung.{}", random_letters(6));
            let Outcome::Created(member) =
                create(&db, &form(&username), Existing::Refuse, None, "cli")
                    .await
                    .unwrap()
            else {
                panic!("a new name is created");
            };
            assert_eq!(member.username, username.to_lowercase());
            let account = store::by_username(&db, &member.username)
                .await
                .unwrap()
                .unwrap();
            assert!(password::verify("một mật khẩu dài", &account.password_hash));
            assert!(matches!(
                create(&db, &form(&username), Existing::Refuse, None, "cli").await,
                Err(AccountError::Taken(_))
            ));
            let mut changed = form(&username);
            changed.password = "mật khẩu mới thật dài".into();
            assert_eq!(
                create(&db, &changed, Existing::Update, None, "cli")
                    .await
                    .unwrap(),
                Outcome::Updated
            );
            let account = store::by_username(&db, &member.username)
                .await
                .unwrap()
                .unwrap();
            assert!(password::verify(
                "mật khẩu mới thật dài",
                &account.password_hash
            ));
            let log = audit::newest(&db, Some(""), 10).await.unwrap();
            assert_eq!(
                log.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
                [audit::ACCOUNT_UPDATED, audit::ACCOUNT_CREATED]
            );
        }
    }

    #[tokio::test]
    async fn an_update_of_a_disabled_account_is_refused_unless_enabling_is_asked_for() {
        for db in databases().await {
            let username = format!("khoa.{}", random_letters(6).to_lowercase());
            let Outcome::Created(member) =
                create(&db, &form(&username), Existing::Refuse, None, "cli")
                    .await
                    .unwrap()
            else {
                panic!("a new name is created");
            };
            let now = chrono::Utc::now();
            let token =
                store::create_session(&db, &member.id, "cli", now, chrono::Duration::hours(1))
                    .await
                    .unwrap();
            let mut changed = form(&username);
            changed.password = "mật khẩu mới thật dài".into();
            // A new password ends the sessions of the old one.
            create(&db, &changed, Existing::Update, None, "cli")
                .await
                .unwrap();
            assert_eq!(
                crate::identity::member_by_session(&db, &token, now, chrono::Duration::minutes(30))
                    .await
                    .unwrap(),
                None
            );
            store::set_active(&db, &member.id, false, now)
                .await
                .unwrap();
            let refused = create(&db, &changed, Existing::Update, None, "cli").await;
            assert!(
                matches!(&refused, Err(AccountError::Disabled(name)) if *name == username),
                "{refused:?}"
            );
            assert!(refused.unwrap_err().to_string().contains("--enable"));
            assert!(!store::by_id(&db, &member.id).await.unwrap().unwrap().active);
            assert_eq!(
                create(&db, &changed, Existing::UpdateAndEnable, None, "cli")
                    .await
                    .unwrap(),
                Outcome::Updated
            );
            assert!(store::by_id(&db, &member.id).await.unwrap().unwrap().active);
        }
    }

    #[test]
    fn a_short_password_or_a_blank_name_is_refused_with_a_reason() {
        let mut short = form("lan.tran");
        short.password = "ngắn".into();
        assert!(matches!(check(&short), Err(AccountError::Invalid(m)) if m.contains("12 ký tự")));
        let mut common = form("lan.tran");
        common.password = "Mật khẩu 123456".into();
        assert!(matches!(check(&common), Err(AccountError::Invalid(m)) if m.contains("phổ biến")));
        let mut blank = form("lan.tran");
        blank.name = "  ".into();
        assert!(matches!(check(&blank), Err(AccountError::Invalid(_))));
    }

    #[test]
    fn a_taken_name_is_explained_in_both_languages() {
        assert_eq!(
            AccountError::Taken("lan.tran".into()).to_string(),
            "Tên đăng nhập lan.tran đã có người dùng. Hãy chọn tên khác."
        );
        assert_eq!(
            rust_i18n::t!("staff.account.taken", locale = "en", name = "lan.tran"),
            "The username lan.tran is already in use. Choose another one."
        );
    }
}
