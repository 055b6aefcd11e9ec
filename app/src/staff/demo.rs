//! The demo's staff accounts, made by `serve --demo` only: their passwords are in this file,
//! so a real server never has them unless someone asks for the demo.

use super::Role;
use super::accounts::{self, AccountError, AccountForm, Existing, Outcome};
use crate::db::Db;

pub const OFFICE: &str = "UBND phường Buôn Ma Thuột";

/// Username, name, role, password: one account for each role's work.
pub const ACCOUNTS: [(&str, &str, Role, &str); 5] = [
    (
        "demo.admin",
        "Quản trị viên (demo)",
        Role::Admin,
        "demo-quan-tri-2026",
    ),
    (
        "demo.quay",
        "Cán bộ một cửa (demo)",
        Role::Counter,
        "demo-mot-cua-2026",
    ),
    (
        "demo.chuyenvien",
        "Chuyên viên (demo)",
        Role::Clerk,
        "demo-chuyen-vien-2026",
    ),
    (
        "demo.lanhdao",
        "Lãnh đạo (demo)",
        Role::Head,
        "demo-lanh-dao-2026",
    ),
    (
        "demo.tinhnguyen",
        "Tình nguyện viên (demo)",
        Role::Volunteer,
        "demo-tinh-nguyen-2026",
    ),
];

/// Creates the demo accounts that do not exist; one that does is left as it is (its password
/// changed or the account disabled stay so). Returns the usernames created.
pub async fn seed(db: &Db) -> Result<Vec<&'static str>, AccountError> {
    let mut created = Vec::new();
    for (username, name, role, password) in ACCOUNTS {
        let form = AccountForm {
            username: username.into(),
            name: name.into(),
            office: OFFICE.into(),
            role,
            password: password.into(),
        };
        match accounts::create(db, &form, Existing::Refuse, None, "demo").await {
            Ok(Outcome::Created(_)) => created.push(username),
            Ok(Outcome::Updated) | Err(AccountError::Taken(_)) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::databases;
    use crate::staff::{password, store};

    #[tokio::test]
    async fn the_demo_accounts_are_made_once_and_then_left_alone() {
        for db in databases().await {
            // The test databases are shared: start from none of the demo accounts.
            for (username, ..) in ACCOUNTS {
                sqlx::query("DELETE FROM staff WHERE username = $1")
                    .bind(username)
                    .execute(&db.pool)
                    .await
                    .unwrap();
            }
            assert_eq!(
                seed(&db).await.unwrap(),
                [
                    "demo.admin",
                    "demo.quay",
                    "demo.chuyenvien",
                    "demo.lanhdao",
                    "demo.tinhnguyen"
                ]
            );
            let admin = store::by_username(&db, "demo.admin")
                .await
                .unwrap()
                .unwrap();
            assert!(password::verify("demo-quan-tri-2026", &admin.password_hash));
            let now = chrono::Utc::now();
            store::set_password(&db, &admin.member.id, "changed", now)
                .await
                .unwrap();
            let quay = store::by_username(&db, "demo.quay").await.unwrap().unwrap();
            store::set_active(&db, &quay.member.id, false, now)
                .await
                .unwrap();
            assert!(seed(&db).await.unwrap().is_empty());
            let admin = store::by_id(&db, &admin.member.id).await.unwrap().unwrap();
            assert_eq!(admin.password_hash, "changed");
            assert!(
                !store::by_id(&db, &quay.member.id)
                    .await
                    .unwrap()
                    .unwrap()
                    .active
            );
        }
    }
}
