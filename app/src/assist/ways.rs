//! What the ways of confirming on the helper's check page need to know: the phone number in the
//! answers (masked) and how the citizen confirmed the answers as they are now. Shared by the SMS
//! code (`sms`) and the signed paper (`paper`).

use super::Confirmation;
#[cfg(feature = "ssr")]
use crate::i18n::PageCatalog;
#[cfg(feature = "ssr")]
use crate::web::{Area, failed};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ways {
    /// The phone number in the answers, masked ("09xx xxx 678"); None: the answers have none.
    pub phone: Option<String>,
    /// A code was sent for these answers and can still be typed.
    pub code_waiting: bool,
    /// How the citizen confirmed the answers as they are now (None: not yet, or they changed
    /// since).
    pub confirmed: Option<Confirmation>,
}

/// A phone number as the helper's screen shows it: the first two and last three digits,
/// grouped like a number ("09xx xxx 678").
pub fn masked_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().filter(|c| !c.is_whitespace()).collect();
    let n = chars.len();
    let shown: Vec<char> = chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < 2 || i + 3 >= n { *c } else { 'x' })
        .collect();
    let head = n.saturating_sub(6);
    let mut out: String = shown[..head].iter().collect();
    for group in shown[head..].chunks(3) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(group);
    }
    out
}

/// The confirmation block's data for the draft in this browser, when a helper is signed in and
/// the draft is one filed with help (None otherwise).
#[server(endpoint = "can-bo/cach-xac-nhan")]
pub async fn load_ways() -> Result<Option<Ways>, ServerFnError> {
    let Ok(current) = current().await? else {
        return Ok(None);
    };
    let Some(procedure) = current.state.catalog.procedure(&current.draft.procedure_id) else {
        return Ok(None);
    };
    let phone = procedure.applicant_phone(&current.draft.answers);
    let code_waiting = match &phone {
        Some(_) => super::sms::store::waiting(
            &current.state.db,
            &current.draft.id,
            current.draft.version,
            crate::state::now(),
        )
        .await
        .map_err(failed(Area::Filing))?,
        None => false,
    };
    Ok(Some(Ways {
        phone: phone.as_deref().map(masked_phone),
        code_waiting,
        confirmed: current.confirmed_now(),
    }))
}

#[cfg(feature = "ssr")]
pub use service::*;

#[cfg(feature = "ssr")]
mod service {
    use super::super::{Confirmation, store};
    use crate::drafts::store::{Draft, draft_by_code};
    use crate::identity::StaffMember;
    use crate::paths::{ASSIST_START_URL, CHECK_URL, RECEIPT_URL, STAFF_LOGIN_URL};
    use crate::state::AppState;
    use crate::web::{Area, failed};
    use leptos::prelude::*;

    /// The draft a helper is filing, with who is at the keyboard.
    pub struct Current {
        pub state: AppState,
        pub me: StaffMember,
        pub draft: Draft,
        pub record: store::Assisted,
    }

    impl Current {
        /// How the citizen confirmed this version of the answers (None: not yet, or they
        /// changed since).
        pub fn confirmed_now(&self) -> Option<Confirmation> {
            self.record
                .confirmed_how
                .filter(|_| self.record.confirmed_version == Some(self.draft.version))
        }
    }

    /// The draft filed with help in this browser, or where to go instead: the sign-in page
    /// (no helper signed in), the start (no draft), the check page (a citizen's own draft), the
    /// receipt (already submitted).
    pub async fn current() -> Result<Result<Current, &'static str>, ServerFnError> {
        let Some(me) = crate::identity::signed_in()
            .await
            .filter(|me| me.role.may_file_for_citizens())
        else {
            return Ok(Err(STAFF_LOGIN_URL));
        };
        let state = expect_context::<AppState>();
        let Some(code) = crate::drafts::session::current_code().await else {
            return Ok(Err(ASSIST_START_URL));
        };
        let Some(draft) = draft_by_code(&state.db, &code)
            .await
            .map_err(failed(Area::Filing))?
        else {
            return Ok(Err(ASSIST_START_URL));
        };
        let Some(record) = store::get(&state.db, &draft.id)
            .await
            .map_err(failed(Area::Filing))?
        else {
            return Ok(Err(CHECK_URL));
        };
        if draft.dossier_code.is_some() {
            return Ok(Err(RECEIPT_URL));
        }
        Ok(Ok(Current {
            state,
            me,
            draft,
            record,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::masked_phone;

    #[test]
    fn the_helper_sees_only_the_ends_of_the_number() {
        assert_eq!(masked_phone("0912345678"), "09xx xxx 678");
        assert_eq!(masked_phone("+84912345678"), "+8xxxx xxx 678");
        assert_eq!(masked_phone("12345"), "123 45");
    }
}
