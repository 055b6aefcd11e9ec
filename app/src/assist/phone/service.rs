//! What the phone confirmation's server functions do, on the server.

use super::store::{self, Request, Secrets, State};
use super::*;
use crate::assist::{self, Confirmation};
use crate::audit::{self, AuditEntry};
use crate::cookies::{self, Lifetime};
use crate::drafts::store::{Draft, draft_by_code, draft_by_id};
use crate::i18n::PageCatalog;
use crate::limits::{self, Verdict};
use crate::paths::{CHECK_URL, PHONE_URL, RECEIPT_URL, phone_url};
use crate::state::{AppState, local, now};
use crate::web::{Area, failed};
use domain::resume_code::ALPHABET;
use leptos_axum::redirect;

/// The helper's browser keeps the raw token and short code of the request it made, so that the
/// check-answers page can show the QR code again on every reload (the database keeps only their
/// hashes). An HttpOnly, SameSite=Strict cookie of 15 minutes, the request's own lifetime: no
/// script reads it, no other site sends it, it leaves with the request, and it works whichever
/// server answers. It opens nothing by itself beyond what the helper's screen shows anyway, and
/// only while the request is the draft's newest and open.
const COOKIE: &str = "mc_xac_nhan_dt";

fn state() -> AppState {
    expect_context::<AppState>()
}

fn remember(state: &AppState, secrets: &Secrets) {
    cookies::set(
        COOKIE,
        &format!("{}.{}", secrets.token, secrets.code),
        Lifetime::Minutes(store::LIFETIME_MINUTES),
        cookie::SameSite::Strict,
        state.secure_cookies,
    );
}

fn remembered() -> Option<Secrets> {
    let parts = use_context::<http::request::Parts>()?;
    let value = cookies::value_in(&parts.headers, COOKIE)?;
    let (token, code) = value.split_once('.')?;
    Some(Secrets {
        token: token.to_string(),
        code: code.to_string(),
    })
}

/// The helper's current draft, filed with help and not submitted.
async fn helpers_draft(state: &AppState) -> Result<Option<Draft>, ServerFnError> {
    let Some(code) = crate::drafts::session::current_code().await else {
        return Ok(None);
    };
    draft_by_code(&state.db, &code)
        .await
        .map_err(failed(Area::Filing))
}

async fn helper() -> Option<crate::identity::StaffMember> {
    crate::identity::signed_in()
        .await
        .filter(|member| member.role.may_file_for_citizens())
}

pub async fn ask() -> Result<(), ServerFnError> {
    let Some(me) = helper().await else {
        redirect(crate::paths::STAFF_LOGIN_URL);
        return Ok(());
    };
    let state = state();
    let Some(draft) = helpers_draft(&state).await? else {
        redirect(crate::paths::ASSIST_START_URL);
        return Ok(());
    };
    if draft.dossier_code.is_some() {
        redirect(RECEIPT_URL);
        return Ok(());
    }
    let assisted = assist::store::get(&state.db, &draft.id)
        .await
        .map_err(failed(Area::Filing))?;
    // Complete answers only: what the check page marks as still missing or wrong.
    let complete = state
        .catalog
        .procedure(&draft.procedure_id)
        .is_some_and(|procedure| {
            crate::summary::sections(procedure, &draft.answers, false)
                .iter()
                .flat_map(|section| &section.rows)
                .all(|row| row.error.is_none())
        });
    if assisted.is_none() || !complete {
        redirect(CHECK_URL);
        return Ok(());
    }
    let secrets = store::create(&state.db, &draft.id, draft.version, &me.id, now())
        .await
        .map_err(failed(Area::Filing))?;
    remember(&state, &secrets);
    audit::record(
        &state.db,
        &AuditEntry {
            staff_id: me.id,
            action: crate::audit::PHONE_CONFIRMATION_ASKED.into(),
            subject: stored!("stored.draft", id = &draft.id),
            detail: String::new(),
            client: audit::client(),
        },
    )
    .await
    .map_err(failed(Area::Filing))?;
    redirect(&format!("{CHECK_URL}#xac-nhan"));
    Ok(())
}

/// The phone part of the helper's block for `version` of the draft.
pub async fn block(
    state: &AppState,
    draft_id: &str,
    version: i64,
) -> Result<PhoneBlock, sqlx::Error> {
    let at = now();
    Ok(match store::latest(&state.db, draft_id).await? {
        None => PhoneBlock::Ask { expired: false },
        Some(request) if request.open(at) && request.version == version => {
            let until = local(request.expires_at).format("%H:%M").to_string();
            match remembered().filter(|s| store::token_hash(&s.token) == request.token_hash) {
                Some(secrets) => PhoneBlock::Showing {
                    qr_svg: crate::web::qr_of_page(state, &phone_url(&secrets.token)),
                    link: crate::web::absolute_url(state, &phone_url(&secrets.token)),
                    code: grouped(&secrets.code),
                    type_at: crate::web::absolute_url(state, crate::paths::PHONE_URL),
                    until,
                },
                None => PhoneBlock::Waiting { until },
            }
        }
        Some(Request {
            state: State::Corrected,
            correction,
            ..
        }) => PhoneBlock::Corrected {
            text: correction.unwrap_or_default(),
        },
        // Ran out, or the answers changed since it was made.
        Some(Request {
            state: State::Pending,
            ..
        }) => PhoneBlock::Ask { expired: true },
        Some(_) => PhoneBlock::Ask { expired: false },
    })
}

/// "ABCD EFGH": the short code in two groups, easier to copy.
fn grouped(code: &str) -> String {
    let (a, b) = code.split_at(code.len() / 2);
    format!("{a} {b}")
}

pub async fn status() -> Result<String, ServerFnError> {
    if helper().await.is_none() {
        return Err(crate::web::Failure::Refused("signed out".into()).into());
    }
    let state = state();
    let Some(draft) = helpers_draft(&state).await? else {
        return Ok("none".into());
    };
    let Some(record) = assist::store::get(&state.db, &draft.id)
        .await
        .map_err(failed(Area::Filing))?
    else {
        return Ok("none".into());
    };
    let block = block(&state, &draft.id, draft.version)
        .await
        .map_err(failed(Area::Filing))?;
    let confirmed = draft.dossier_code.is_some() || record.confirmed_version == Some(draft.version);
    Ok(status_key(&block, confirmed).into())
}

/// A token or a short code as typed or linked: without spaces and dashes, in capitals, of the
/// alphabet and of one of the two lengths.
fn normalise(typed: &str) -> Option<String> {
    let secret: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .flat_map(char::to_uppercase)
        .collect();
    let known = secret.bytes().all(|b| ALPHABET.contains(&b));
    (known && [store::CODE_LENGTH, store::TOKEN_LENGTH].contains(&secret.len())).then_some(secret)
}

enum Lookup {
    Wait,
    Unknown,
    Found(Request, String),
}

/// Every token or code tried counts as a guess until it opens a request (wrong ones use up the
/// client's allowance, as resume codes do; a right one is given back).
async fn find(state: &AppState, typed: &str) -> Result<Lookup, ServerFnError> {
    let client = audit::client();
    let guess = match limits::guess_phone_code(&state.db, &state.resume_limits, &client, now())
        .await
        .map_err(failed(Area::Filing))?
    {
        Verdict::Allowed(guess) => guess,
        Verdict::Limited => return Ok(Lookup::Wait),
    };
    let found = match normalise(typed) {
        Some(secret) => store::by_secret(&state.db, &secret)
            .await
            .map_err(failed(Area::Filing))?
            .map(|request| (request, secret)),
        None => None,
    };
    match found {
        Some((request, secret)) => {
            guess
                .refund(&state.db)
                .await
                .map_err(failed(Area::Filing))?;
            Ok(Lookup::Found(request, secret))
        }
        None => Ok(Lookup::Unknown),
    }
}

/// The request's draft when the request can still be answered, or what the page says instead.
async fn answerable(
    state: &AppState,
    request: &Request,
) -> Result<Result<Draft, PhoneView>, ServerFnError> {
    if request.state != State::Pending {
        return Ok(Err(PhoneView::Used));
    }
    if !request.open(now()) {
        return Ok(Err(PhoneView::Expired));
    }
    let draft = draft_by_id(&state.db, &request.draft_id)
        .await
        .map_err(failed(Area::Filing))?;
    Ok(match draft {
        Some(draft) if draft.dossier_code.is_some() => Err(PhoneView::Used),
        Some(draft) if draft.version != request.version => Err(PhoneView::Changed),
        Some(draft) => Ok(draft),
        None => Err(PhoneView::Used),
    })
}

/// The answers, whoever has the address: never kept by the browser or a proxy.
fn no_store() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
}

pub async fn load(typed: &str) -> Result<PhoneView, ServerFnError> {
    no_store();
    let state = state();
    let (request, secret) = match find(&state, typed).await? {
        Lookup::Wait => return Ok(PhoneView::Wait),
        Lookup::Unknown => return Ok(PhoneView::Unknown),
        Lookup::Found(request, secret) => (request, secret),
    };
    let draft = match answerable(&state, &request).await? {
        Ok(draft) => draft,
        Err(view) => return Ok(view),
    };
    let Some(procedure) = state.catalog.procedure(&draft.procedure_id) else {
        return Ok(PhoneView::Unknown);
    };
    let sections = crate::summary::sections(procedure, &draft.answers, false);
    let spoken = crate::read_aloud::spoken(sections.iter().flat_map(|section| {
        std::iter::once(section.title.clone()).chain(
            section
                .rows
                .iter()
                .map(|row| format!("{}: {}", row.label, row.value)),
        )
    }));
    let (staff_name, office) = store::helper(&state.db, &request.staff_id)
        .await
        .map_err(failed(Area::Filing))?;
    Ok(PhoneView::Ready(PhonePage {
        secret,
        procedure_name: procedure.name.clone(),
        staff_name,
        office,
        sections,
        spoken,
    }))
}

pub async fn open_code(typed: &str) -> Result<(), ServerFnError> {
    let state = state();
    match find(&state, typed).await? {
        Lookup::Wait => redirect(&format!("{PHONE_URL}?loi=cho#ma")),
        Lookup::Unknown => redirect(&format!("{PHONE_URL}?loi=ma#ma")),
        Lookup::Found(_, secret) => redirect(&phone_url(&secret)),
    }
    Ok(())
}

/// The most a correction keeps.
const CORRECTION_CHARS: usize = 1000;

pub async fn answer(typed: &str, choice: &str, text: String) -> Result<(), ServerFnError> {
    let state = state();
    let (request, secret) = match find(&state, typed).await? {
        Lookup::Wait => {
            redirect(&format!("{PHONE_URL}?loi=cho#ma"));
            return Ok(());
        }
        Lookup::Unknown => {
            redirect(&format!("{PHONE_URL}?loi=ma#ma"));
            return Ok(());
        }
        Lookup::Found(request, secret) => (request, secret),
    };
    let back = phone_url(&secret);
    // Used, expired or changed meanwhile: the page says which.
    let Ok(draft) = answerable(&state, &request).await? else {
        redirect(&back);
        return Ok(());
    };
    let at = now();
    let subject = stored!("stored.draft", id = &draft.id);
    let (entry, done) = match choice {
        "dung" => {
            if !store::answer(&state.db, &request.token_hash, State::Confirmed, None, at)
                .await
                .map_err(failed(Area::Filing))?
            {
                redirect(&back);
                return Ok(());
            }
            assist::store::confirm(
                &state.db,
                &draft.id,
                Confirmation::Phone,
                request.version,
                at,
            )
            .await
            .map_err(failed(Area::Filing))?;
            (
                AuditEntry {
                    staff_id: request.staff_id.clone(),
                    action: crate::audit::CITIZEN_CONFIRMED.into(),
                    subject,
                    detail: stored!("stored.confirmed_on_phone"),
                    client: audit::client(),
                },
                "dung",
            )
        }
        "sua" => {
            let text: String = text.trim().chars().take(CORRECTION_CHARS).collect();
            if text.is_empty() {
                redirect(&format!("{back}?loi=trong#noi-dung-sua"));
                return Ok(());
            }
            if !store::answer(
                &state.db,
                &request.token_hash,
                State::Corrected,
                Some(&text),
                at,
            )
            .await
            .map_err(failed(Area::Filing))?
            {
                redirect(&back);
                return Ok(());
            }
            (
                AuditEntry {
                    staff_id: request.staff_id.clone(),
                    action: crate::audit::CITIZEN_CORRECTION.into(),
                    subject,
                    detail: text,
                    client: audit::client(),
                },
                "sua",
            )
        }
        _ => {
            redirect(&back);
            return Ok(());
        }
    };
    audit::record(&state.db, &entry)
        .await
        .map_err(failed(Area::Filing))?;
    redirect(&format!("{PHONE_URL}?xong={done}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_code_is_read_whatever_its_spaces_and_case() {
        assert_eq!(super::normalise(" abcd-efgh ").as_deref(), Some("ABCDEFGH"));
        assert_eq!(super::normalise("ABCD EFG"), None);
        // O and 1 are never in a code.
        assert_eq!(super::normalise("ABCDEFG1"), None);
        assert_eq!(super::grouped("ABCDEFGH"), "ABCD EFGH");
    }
}
