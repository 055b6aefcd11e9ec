//! Filing a dossier: the wizard (one question per page), check answers, submission, the receipt,
//! and resuming a draft by its code. Procedure-agnostic: everything specific is catalog data.

#[cfg(feature = "ssr")]
pub(crate) mod attachments;
#[cfg(feature = "ssr")]
pub use crate::paths::UPLOAD_URL;
#[cfg(feature = "ssr")]
pub use attachments::{DOWNLOAD_PREFIX, MAX_FILE_BYTES, download};
#[cfg(feature = "hydrate")]
mod autosaver;
#[cfg(feature = "ssr")]
pub mod demo;
mod json_text;
mod pages;
mod step_form;

pub use pages::{CheckPage, CodePage, ProcedurePage, ReceiptPage, StepPage, TaskListPage};
pub use step_form::{ConflictForm, StepForm, StepFormData};

#[cfg(feature = "ssr")]
use crate::i18n::PageCatalog;
use domain::procedure::Answers;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::paths::{
    CHECK_URL, CODE_URL, FROM_CHECK, RECEIPT_URL, TASKS_URL, first_page, step_url,
};
/// Query flag of a step page that must show the choice after a stale Continue.
pub const CONFLICT_QUERY: &str = "xung-dot";
/// Home page `loi` value: the start button named a procedure we do not offer.
pub const UNKNOWN_PROCEDURE: &str = "khong-co-thu-tuc";
/// The home page's `loi` value when too many wrong resume codes were typed: wait a few minutes.
pub const RESUME_WAIT: &str = "cho";
/// Home page `loi` value: this connection started more drafts today than anyone needs.
pub const TOO_MANY_DRAFTS: &str = "qua-nhieu-ho-so";
/// Check page query value: this connection or phone number submitted more dossiers today than
/// a family needs; the answers stay, and can be submitted tomorrow or at the counter.
pub const TOO_MANY_SUBMISSIONS: &str = "qua-nhieu";

/// A procedure as the home page and its start page describe it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureCard {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub processing: String,
    pub fee: String,
    pub authority: String,
    pub result: String,
    pub documents: Vec<String>,
    pub life_event: String,
    pub office_level: String,
    pub keywords: Vec<String>,
}

/// A page that needs the citizen's draft either has it or says how to get back to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DraftPage<T> {
    /// No draft in this browser: start one or type a resume code.
    NoDraft,
    /// The draft was already submitted: its receipt is the place to go.
    Submitted,
    /// The address names a step this procedure does not have, or one the answers skip.
    NoSuchStep {
        first_step_url: String,
    },
    Ready(T),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepPageData {
    pub procedure_name: String,
    pub section: String,
    pub title: String,
    pub hint: Option<String>,
    /// A legal term in the question, explained.
    pub meaning: Option<String>,
    pub number: usize,
    pub count: usize,
    pub back_url: String,
    pub resume_code: String,
    /// After a stale Continue: both values of each differing answer, to choose from.
    pub conflicts: Option<Vec<ConflictingAnswer>>,
    pub form: StepFormData,
}

pub use crate::summary::{CheckRow, CheckSection};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckPageData {
    pub procedure_name: String,
    pub sections: Vec<CheckSection>,
    pub resume_code: String,
    pub documents: Vec<String>,
    pub complete: bool,
    /// Filed with staff at the counter: the citizen confirms before it is submitted.
    pub assisted: Option<crate::assist::AssistedCheck>,
    /// Answers that look unlikely together (a parent 10 years older than the child): said,
    /// never blocking, each with a link to change the first answer it is about.
    pub warnings: Vec<CheckWarning>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckWarning {
    pub message: String,
    pub change_url: String,
}

/// Minutes after submission during which the receipt page shows the applicant's ID number,
/// address and phone: time to print it or keep a picture of it.
pub const RECEIPT_DETAILS_MINUTES: i64 = 60;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReceiptData {
    pub dossier_code: String,
    pub office: String,
    pub procedure_name: String,
    pub applicant_name: String,
    pub applicant_id: String,
    pub applicant_address: String,
    pub applicant_phone: String,
    pub documents: Vec<String>,
    pub processing: String,
    pub received_at: String,
    pub due: String,
    pub delivery: String,
    pub result: String,
    /// Documents sent with the dossier: "Giấy chứng sinh: anh.jpg".
    pub attachments: Vec<String>,
    pub lookup_qr_svg: String,
    /// The Mẫu 01 receipt, once the office has received the dossier (at once at the counter).
    pub official: Option<crate::receipt::OfficialReceipt>,
    /// The ID number, address and phone are left out: submitted too long ago.
    pub details_hidden: bool,
    /// Filed with a helper (who, and how the citizen confirmed) or on a kiosk; None: the
    /// citizen alone.
    pub filed: Option<crate::assist::helped::Filed>,
}

#[server(endpoint = "thu-tuc")]
pub async fn list_procedures() -> Result<Vec<ProcedureCard>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    Ok(state
        .catalog
        .procedures()
        .iter()
        .map(service::card)
        .collect())
}

#[server(endpoint = "thu-tuc/xem")]
pub async fn procedure_info(id: String) -> Result<Option<ProcedureCard>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    Ok(state.catalog.procedure(&id).map(service::card))
}

/// Starts a new draft of a procedure in this browser and goes to its first question.
#[server(endpoint = "bat-dau")]
pub async fn start_draft(thu_tuc: String) -> Result<(), ServerFnError> {
    service::start_draft(&thu_tuc)
        .await
        .map_err(crate::web::failure)
}

/// Saves the answers of one step (even wrong ones: nothing typed is lost) and goes on.
/// `them` (add an item to a group) and `bo` (remove one) are the repeating groups' buttons.
#[server(endpoint = "luu-buoc")]
pub async fn save_step(
    buoc: String,
    #[server(default)] tu: Option<String>,
    #[server(default)] a: Answers,
    #[server(default)] them: Option<String>,
    #[server(default)] bo: Option<String>,
    // The version the page was drawn from; the hydrated page keeps it current as it autosaves.
    #[server(default)] phien_ban: Option<i64>,
    // The step's answers as the page showed them (JSON), to tell changes here from changes elsewhere.
    #[server(default)] goc: Option<String>,
) -> Result<(), ServerFnError> {
    let action = match (them, bo) {
        (Some(group), _) => service::GroupAction::Add(group),
        (None, Some(item)) => service::GroupAction::Remove(item),
        (None, None) => service::GroupAction::Continue,
    };
    service::save_step(
        &buoc,
        tu.as_deref() == Some(FROM_CHECK),
        a,
        action,
        phien_ban,
        base_answers(goc),
    )
    .await
    .map_err(crate::web::failure)
}

/// The same for a step with documents to upload: the form comes as multipart/form-data.
#[server(endpoint = "luu-buoc-tep", input = server_fn::codec::MultipartFormData)]
pub async fn save_step_with_files(
    data: server_fn::codec::MultipartData,
) -> Result<(), ServerFnError> {
    attachments::save_step_with_files(data)
        .await
        .map_err(crate::web::failure)
}

/// The answers a page started from, as it sends them back; unreadable means unknown.
#[cfg(feature = "ssr")]
fn base_answers(goc: Option<String>) -> Option<Answers> {
    goc.and_then(|text| serde_json::from_str(&text).ok())
}

/// What an autosave did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AutosaveOutcome {
    Saved {
        version: i64,
        saved_at: String,
    },
    /// The draft was saved elsewhere (another tab, the counter) since this page was opened, and
    /// some answers of this step differ: nothing was saved; the citizen chooses.
    Conflict {
        version: i64,
        answers: Vec<ConflictingAnswer>,
    },
    /// No draft to save into from this browser, or it was submitted meanwhile.
    Closed,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictingAnswer {
    pub field: String,
    pub label: String,
    /// As typed on this page.
    pub mine: String,
    /// As saved elsewhere.
    pub theirs: String,
    /// The saved inputs, to put back into the form when the citizen picks them.
    pub theirs_inputs: Answers,
}

/// Saves what is typed on a step while the citizen types (the page is hydrated), without
/// checking it: incomplete answers are kept too. `phien_ban` is the draft version the page
/// was based on.
#[server(endpoint = "luu-nhap", output = json_text::JsonText)]
pub async fn autosave(
    buoc: String,
    phien_ban: i64,
    #[server(default)] a: Answers,
    #[server(default)] goc: Option<String>,
) -> Result<AutosaveOutcome, ServerFnError> {
    service::autosave(&buoc, phien_ban, a, base_answers(goc))
        .await
        .map_err(crate::web::failure)
}

#[server(endpoint = "nop-ho-so")]
pub async fn submit_dossier() -> Result<(), ServerFnError> {
    service::submit().await.map_err(crate::web::failure)
}

/// Opens a draft on this device from the code the citizen wrote down.
#[server(endpoint = "tiep-tuc")]
pub async fn resume_draft(ma: String) -> Result<(), ServerFnError> {
    service::resume(&ma).await.map_err(crate::web::failure)
}

/// After a stale Continue without JavaScript: which of the two values to keep, per answer.
#[server(endpoint = "chon-ban")]
pub async fn choose_versions(
    buoc: String,
    #[server(default)] tu: Option<String>,
    #[server(default)] chon: Answers,
) -> Result<(), ServerFnError> {
    service::choose_versions(&buoc, tu.as_deref() == Some(FROM_CHECK), chon)
        .await
        .map_err(crate::web::failure)
}

#[server(endpoint = "ho-so/buoc")]
pub async fn load_step(
    step: String,
    show_errors: bool,
    from_check: bool,
    #[server(default)] show_conflict: bool,
) -> Result<DraftPage<StepPageData>, ServerFnError> {
    service::load_step(&step, show_errors, from_check, show_conflict)
        .await
        .map_err(crate::web::failure)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Done,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub title: String,
    pub url: String,
    pub status: TaskStatus,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskListData {
    pub procedure_name: String,
    pub tasks: Vec<Task>,
    pub resume_code: String,
    pub complete: bool,
}

#[server(endpoint = "ho-so/cac-phan")]
pub async fn load_tasks() -> Result<DraftPage<TaskListData>, ServerFnError> {
    service::load_tasks().await.map_err(crate::web::failure)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodeData {
    pub procedure_name: String,
    pub resume_code: String,
    pub qr_svg: String,
    pub back_url: String,
}

#[server(endpoint = "ho-so/ma")]
pub async fn load_code() -> Result<DraftPage<CodeData>, ServerFnError> {
    service::load_code().await.map_err(crate::web::failure)
}

#[server(endpoint = "ho-so/kiem-tra")]
pub async fn load_check() -> Result<DraftPage<CheckPageData>, ServerFnError> {
    service::load_check().await.map_err(crate::web::failure)
}

#[server(endpoint = "ho-so/bien-nhan")]
pub async fn load_receipt() -> Result<DraftPage<ReceiptData>, ServerFnError> {
    service::load_receipt().await.map_err(crate::web::failure)
}

#[cfg(feature = "ssr")]
pub(crate) mod service;
