//! The Mẫu 01 receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Circular 03/2025/TT-VPCP) as
//! pages show it: on the citizen's page after a reception, on the lookup (without personal
//! details) and for staff. Issued only at reception; before that the citizen has an
//! acknowledgement, never this.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One document taken in, in words: "Giấy chứng sinh", "Bản chính", 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentLine {
    pub name: String,
    pub kind: String,
    pub count: u32,
}

/// What the receipt says, already in the reader's words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficialReceipt {
    pub office: String,
    /// "Số: 12/2026"
    pub number: String,
    /// "Quyển 2026, số 12"
    pub book: String,
    pub dossier_code: String,
    pub procedure_name: String,
    pub processing: String,
    /// "09 giờ 15 phút, ngày 26/11/2026"
    pub received_at: String,
    /// "16 giờ 30 phút, ngày 01/12/2026"
    pub due_at: String,
    pub documents: Vec<DocumentLine>,
    pub sets: u32,
    pub collect_at: String,
    pub fee: String,
    pub officer: String,
}

/// The receipt's rows; `applicant` rows (name, address, phone) come first when the reader may
/// see them.
#[component]
pub fn OfficialReceiptView(
    receipt: OfficialReceipt,
    #[prop(optional)] applicant: Vec<(String, String)>,
) -> impl IntoView {
    // What the office wrote on the receipt (names of documents, the fee, the office) stays in
    // Vietnamese, as issued, whatever the reader's language: marked so.
    let row_in = |key: String, value: String, lang: Option<&'static str>| {
        (!value.is_empty()).then(|| {
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{key}</dt>
                    <dd class="summary-list__value" lang=lang>{value}</dd>
                </div>
            }
        })
    };
    let row = |key: String, value: String| row_in(key, value, None);
    let issued = |key: String, value: String| row_in(key, value, Some("vi"));
    view! {
        <section class="official-receipt" aria-labelledby="mau-01">
            <p class="official-receipt__office" lang="vi">{receipt.office.clone()}</p>
            <h2 id="mau-01">{tr!("mau01.title")}</h2>
            <p class="official-receipt__number">{receipt.number.clone()}</p>
            <dl class="summary-list">
                {row(tr!("mau01.code"), receipt.dossier_code)}
                {applicant.into_iter().map(|(k, v)| row(k, v)).collect_view()}
                {issued(tr!("mau01.procedure"), receipt.procedure_name)}
                {row(tr!("mau01.sets"), receipt.sets.to_string())}
                {row(tr!("mau01.processing"), receipt.processing)}
                {row(tr!("mau01.received_at"), receipt.received_at)}
                {row(tr!("mau01.due_at"), receipt.due_at)}
                {issued(tr!("mau01.collect_at"), receipt.collect_at)}
                {issued(tr!("mau01.fee"), receipt.fee)}
                {row(tr!("mau01.book"), receipt.book)}
                {row(tr!("mau01.officer"), receipt.officer)}
            </dl>
            {(!receipt.documents.is_empty()).then(|| view! {
                <table class="table official-receipt__documents">
                    <caption>{tr!("mau01.documents")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr!("mau01.document")}</th>
                            <th scope="col">{tr!("mau01.kind")}</th>
                            <th scope="col">{tr!("mau01.count")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {receipt.documents.into_iter().map(|d| view! {
                            <tr><td lang="vi">{d.name}</td><td>{d.kind}</td><td>{d.count}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}
