//! The back office on the server: who may see what, the queue, the dossier page, the actions
//! (each audited), the dashboard and its CSV, and staff downloads of documents.

use super::dashboard::{self, Facts, Group};
use super::*;
use crate::audit::{self, AuditEntry};
use crate::dossiers::store::{self, Actor, BackofficeError, Change};
use crate::i18n::ActionWords;
use crate::i18n::PageCatalog;
use crate::i18n::StatusWords;
use crate::i18n::format_date;
use crate::identity::{Role, StaffMember};
use crate::paths::query_value;
use crate::prefs::Lang;
use crate::state::{AppState, local, today};
use crate::web::{Area, failed};
use domain::lifecycle::{self, Action};
use domain::procedure::{Answers, FieldKind};
use domain::validate::{attachment_name, display_value};
use leptos_axum::redirect;

/// A text in Vietnamese, for what is stored (the audit log), whoever reads the page.
fn vi(key: &str) -> String {
    rust_i18n::t!(key, locale = "vi").into_owned()
}

/// The reader's language on a plain axum request (not a Leptos page), from the cookie.
fn lang_of(headers: &http::HeaderMap) -> Lang {
    let cookies: Vec<cookie::Cookie<'_>> = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .collect();
    crate::prefs::Prefs::from_cookies(cookies.iter().map(|c| (c.name(), c.value()))).lang
}

/// Writes what a staff member did (or was refused) in the audit log, from `client`.
async fn audit_from(
    state: &AppState,
    member: &StaffMember,
    action: &str,
    subject: &str,
    detail: String,
    client: String,
) {
    let entry = AuditEntry {
        staff_id: member.id.clone(),
        action: action.into(),
        subject: subject.into(),
        detail,
        client,
    };
    audit::record_or_log(&state.db, &entry).await;
}

/// A page or file `member`'s role may not open, asked for from `client`: in the audit log.
async fn audit_refused_page(state: &AppState, member: &StaffMember, page: &str, client: String) {
    let detail = stored!("stored.refused_page", role = member.role.label_vi());
    audit_from(state, member, audit::ACCESS_REFUSED, page, detail, client).await;
}

/// As `audit_from`, from the client of the current request.
async fn audit(
    state: &AppState,
    member: &StaffMember,
    action: &str,
    subject: &str,
    detail: String,
) {
    audit_from(state, member, action, subject, detail, audit::client()).await;
}

/// The refusal of a dossier of another office, in the audit log. The staff member is answered
/// as if there were no such dossier: nothing of it is shown.
async fn refused_other_office(
    state: &AppState,
    member: &StaffMember,
    dossier: &store::Dossier,
    client: String,
) {
    let detail = stored!("stored.refused_other_office", office = &dossier.office);
    audit_from(
        state,
        member,
        audit::ACCESS_REFUSED,
        &dossier.code,
        detail,
        client,
    )
    .await;
}

fn applicant(state: &AppState, dossier: &store::Dossier) -> (String, String) {
    let Some(procedure) = state.catalog.procedure(&dossier.procedure_id) else {
        return Default::default();
    };
    let get = |field: Option<&String>| {
        field
            .and_then(|id| dossier.answers.get(id))
            .cloned()
            .unwrap_or_default()
    };
    (
        get(Some(&procedure.applicant.name)),
        get(procedure.applicant.id_number.as_ref()),
    )
}

/// The dossier's answers; those whose field is in `staff_typed` were typed by a helper.
fn answer_rows(
    state: &AppState,
    dossier: &store::Dossier,
    staff_typed: &std::collections::BTreeSet<String>,
) -> Vec<AnswerRow> {
    let today = today();
    let link = |answer: &str| {
        answer
            .split_once('/')
            .map(|(stored, _)| format!("{STAFF_DOWNLOAD_PREFIX}{}/{stored}", dossier.code))
    };
    let mut rows = Vec::new();
    if let Some(procedure) = state.catalog.procedure(&dossier.procedure_id) {
        for step in procedure.visible_steps(&dossier.answers) {
            for field in step.visible_fields(&dossier.answers) {
                if field.kind == FieldKind::Attachment {
                    if let Some(answer) = dossier.answers.get(&field.id).filter(|a| a.contains('/'))
                    {
                        rows.push(AnswerRow {
                            label: field.label.clone(),
                            value: attachment_name(answer),
                            link: link(answer),
                            staff_typed: staff_typed.contains(&field.id),
                        });
                    }
                    continue;
                }
                let value = display_value(field, &dossier.answers, today, &crate::i18n::page());
                if !value.trim().is_empty() {
                    rows.push(AnswerRow {
                        label: field.label.clone(),
                        value,
                        link: None,
                        staff_typed: staff_typed.contains(&field.id),
                    });
                }
            }
        }
    }
    // Documents the citizen added for a supplement request.
    for n in 0..=dossier.supplements {
        if let Some(answer) = dossier.answers.get(&format!("bo-sung-{n}")) {
            rows.push(AnswerRow {
                label: crate::tr!("office.dossier.supplement_document", n = n),
                value: attachment_name(answer),
                link: link(answer),
                staff_typed: false,
            });
        }
    }
    rows
}

fn action_label(action: &str) -> String {
    match action {
        "submit" => crate::tr!("office.dossier.filed_online"),
        other => Action::parse(other)
            .map(|a| a.button())
            .unwrap_or_else(|| other.to_string()),
    }
}

pub async fn load_dossier(code: &str) -> Result<Option<DossierData>, ServerFnError> {
    let member = crate::identity::require(Role::may_open_dossiers).await?;
    let state = expect_context::<AppState>();
    let Some(dossier) = store::dossier(&state.db, code)
        .await
        .map_err(failed(Area::Office))?
    else {
        return Ok(None);
    };
    if !member.may_open(&dossier.office) {
        refused_other_office(&state, &member, &dossier, audit::client()).await;
        return Ok(None);
    }
    audit(
        &state,
        &member,
        crate::audit::VIEW_DOSSIER,
        code,
        String::new(),
    )
    .await;
    let open_actions: Vec<Action> = lifecycle::allowed(dossier.status, lifecycle::Actor::Staff)
        .into_iter()
        .filter(|a| *a != Action::Withdraw)
        // An apology is for a late dossier only, and only once.
        .filter(|a| {
            *a != Action::ApologiseLate || (dossier.due_date < today() && dossier.apologies == 0)
        })
        .collect();
    let mut others_act: Vec<String> = Vec::new();
    for role in Role::ALL {
        let theirs = open_actions
            .iter()
            .any(|a| role.may_take(*a) && !member.role.may_take(*a));
        if theirs {
            others_act.push(role.label());
        }
    }
    let history = store::events(&state.db, code)
        .await
        .map_err(failed(Area::Office))?;
    let messages = store::messages_of(&state.db, code)
        .await
        .map_err(failed(Area::Office))?;
    let rating = store::rating(&state.db, code)
        .await
        .map_err(failed(Area::Office))?;
    let assisted = crate::assist::store::get(&state.db, &dossier.draft_id)
        .await
        .map_err(failed(Area::Office))?;
    let filed = crate::assist::helped::filed_with(&state.db, code, true)
        .await
        .map_err(failed(Area::Office))?;
    let when = |t| crate::i18n::format_date_time(local(t));
    Ok(Some(DossierData {
        code: dossier.code.clone(),
        version: dossier.version,
        procedure_name: state
            .catalog
            .procedure(&dossier.procedure_id)
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        office: dossier.office.clone(),
        status: dossier.status,
        submitted: when(dossier.submitted_at),
        due: format_date(dossier.due_date),
        first_due: format_date(dossier.first_due_date),
        urgency: Urgency::of(dossier.status, dossier.due_date, today()),
        supplement_note: dossier.supplement_note.clone(),
        answers: answer_rows(
            &state,
            &dossier,
            &assisted.map(|a| a.staff_fields).unwrap_or_default(),
        ),
        filed,
        history: history
            .into_iter()
            .map(|e| EventRow {
                when: when(e.at),
                who: if e.actor == store::CITIZEN {
                    crate::tr!("office.dossier.applicant")
                } else {
                    e.actor_name
                },
                what: format!("{} → {}", action_label(&e.action), e.to.label()),
                note: e.note,
            })
            .collect(),
        messages: messages
            .into_iter()
            .map(|m| MessageRow {
                when: when(m.created_at),
                channel: if m.channel == "sms" {
                    "SMS".into()
                } else {
                    "Email".into()
                },
                recipient: m.recipient,
                body: m.body,
                state: match m.state.as_str() {
                    "sent" => crate::tr!("office.dossier.sent"),
                    "pending" if m.attempts > 0 => {
                        crate::tr!("office.dossier.retrying", attempt = m.attempts + 1)
                    }
                    "pending" => crate::tr!("office.dossier.pending"),
                    "skipped" => crate::tr!("office.dossier.skipped"),
                    _ => crate::tr!("office.dossier.failed"),
                },
            })
            .collect(),
        others_act,
        staff_role: member.role.label(),
        actions: open_actions
            .into_iter()
            .filter(|a| member.may_take(*a, &dossier.office))
            .map(|a| ActionForm {
                action: a.as_str().into(),
                button: a.button(),
                needs_note: a.needs_note(),
                needs_date: a == Action::ApologiseLate,
                documents: match (a, state.catalog.procedure(&dossier.procedure_id)) {
                    (Action::Receive, Some(procedure)) => {
                        crate::dossiers::reception::listed_documents(procedure)
                            .into_iter()
                            .map(|d| (d.name, d.original))
                            .collect()
                    }
                    _ => Vec::new(),
                },
            })
            .collect(),
        rating: rating.map(|r| {
            format!(
                "{}/5{}",
                r.score,
                r.comment.map(|c| format!(" — “{c}”")).unwrap_or_default()
            )
        }),
    }))
}

/// What the receiving clerk confirms was taken in, as the form posts it.
pub struct TakenIn {
    /// Per listed document: "chinh" (original), "sao" (copy) or "khong" (not brought).
    pub kinds: Vec<String>,
    pub counts: Vec<String>,
    pub sets: Option<String>,
}

pub async fn act(
    code: &str,
    version: i64,
    action: &str,
    note: Option<String>,
    new_due: Option<String>,
    taken_in: TakenIn,
) -> Result<(), ServerFnError> {
    let member = crate::identity::require(Role::may_open_dossiers).await?;
    let state = expect_context::<AppState>();
    let page = dossier_url(code);
    let note: Option<String> = note.map(|n| n.chars().take(1000).collect());
    // Back to the page with a message; what was typed goes back into the form.
    let back = |problem: &str| {
        let mut url = format!("{page}?loi={problem}&hd={}", query_value(action));
        if let Some(note) = note.as_deref().filter(|n| !n.is_empty()) {
            url.push_str(&format!("&ghi_chu={}", query_value(note)));
        }
        if let Some(day) = new_due.as_deref().filter(|d| !d.is_empty()) {
            url.push_str(&format!("&ngay_hen={}", query_value(day)));
        }
        url
    };
    let Some(dossier) = store::dossier(&state.db, code)
        .await
        .map_err(failed(Area::Office))?
    else {
        redirect(QUEUE_URL);
        return Ok(());
    };
    if !member.may_open(&dossier.office) {
        refused_other_office(&state, &member, &dossier, audit::client()).await;
        // The dossier's page, which says there is no such dossier here.
        redirect(&page);
        return Ok(());
    }
    let Some(parsed) = Action::parse(action)
        .filter(|a| a.actor() == lifecycle::Actor::Staff || *a == Action::ProvideSupplement)
    else {
        redirect(&back("hanh-dong"));
        return Ok(());
    };
    if !member.may_take(parsed, &dossier.office) {
        let detail = stored!(
            "stored.refused_action",
            action = vi(parsed.button_key()),
            role = member.role.label_vi()
        );
        audit(&state, &member, audit::ACCESS_REFUSED, code, detail).await;
        redirect(&back("quyen"));
        return Ok(());
    }
    let due = match new_due.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(day) => Some(day),
            Err(_) => {
                redirect(&back("ngay"));
                return Ok(());
            }
        },
    };
    let now = crate::state::now();
    let reception = match (parsed, state.catalog.procedure(&dossier.procedure_id)) {
        (Action::Receive, Some(procedure)) => {
            let documents = crate::dossiers::reception::documents_taken_in(
                procedure,
                &taken_in.kinds,
                &taken_in.counts,
            );
            let sets = crate::dossiers::reception::count(taken_in.sets.as_deref());
            Some(crate::dossiers::reception::reception(
                &state.calendar,
                procedure,
                &dossier,
                now,
                documents,
                sets,
            ))
        }
        _ => None,
    };
    let change = Change {
        action: parsed,
        actor: Actor {
            id: member.id.clone(),
            name: member.name.clone(),
        },
        note: note.clone(),
        new_due: due,
        add_answers: Answers::new(),
        reception,
        clock: state
            .catalog
            .procedure(&dossier.procedure_id)
            .map(store::ProcedureClock::of),
        now,
        today: local(now).date(),
    };
    let note_for_message = note.clone();
    let result = store::apply(
        &state.db,
        &state.calendar,
        code,
        version,
        &change,
        |after| crate::dossiers::notices(&state, after, note_for_message.as_deref()),
    )
    .await;
    match result {
        Ok(after) => {
            audit(
                &state,
                &member,
                crate::audit::CHANGE_DOSSIER,
                code,
                format!(
                    "{}: {} → {}",
                    vi(parsed.button_key()),
                    vi(dossier.status.label_key()),
                    vi(after.status.label_key())
                ),
            )
            .await;
            redirect(&format!("{page}?tb={}", parsed.as_str()));
        }
        Err(BackofficeError::Stale(_)) => redirect(&back("cu")),
        Err(BackofficeError::Forbidden(_)) => redirect(&back("khong-duoc")),
        Err(BackofficeError::NoteMissing) => redirect(&back("ghi-chu")),
        Err(BackofficeError::BadNewDueDate) => redirect(&back("ngay")),
        Err(BackofficeError::AlreadyApologised) => redirect(&back("da-xin-loi")),
        Err(BackofficeError::NotFound) => redirect(QUEUE_URL),
        Err(error) => return Err(failed(Area::Office)(error)),
    }
    Ok(())
}

mod download;
mod figures;
mod queue;
pub use download::staff_download;
pub use figures::{dashboard_csv, load_dashboard};
pub use queue::load_queue;
