//! Reception: the clerk's act that starts the legal clock and issues the Mẫu 01 receipt
//! (law-2026.md §2). What the receipt states is worked out here from the procedure, the
//! dossier and the reception moment; the store numbers and keeps it.

use super::store::{Dossier, ReceivedDocument, Reception};
use chrono::{DateTime, Utc};
use domain::procedure::Procedure;
use domain::working_days::Calendar;

/// The result due moment of a dossier received at `received`: the clock counts from reception,
/// from the next working day when received after the cutoff (15:00) or on a day off, and the
/// result is handed out at the office's return time (`ReceptionRules`).
pub fn result_due(
    calendar: &Calendar,
    procedure: &Procedure,
    received: DateTime<Utc>,
) -> DateTime<Utc> {
    let due = calendar.result_due(
        crate::state::local(received),
        procedure.processing_days,
        &procedure.reception_rules(),
    );
    crate::state::utc_of(due)
}

/// The documents a dossier brings, as the receipt lists them unless the clerk says otherwise:
/// the procedure's list, a copy when its name says so ("Bản sao ...").
pub fn listed_documents(procedure: &Procedure) -> Vec<ReceivedDocument> {
    let copy = crate::stored!("mau01.copy").to_lowercase();
    procedure
        .documents
        .iter()
        .map(|name| ReceivedDocument {
            name: name.clone(),
            original: !name.to_lowercase().starts_with(&copy),
            count: 1,
        })
        .collect()
}

/// A count typed by the clerk: 1 to 99, 1 when blank or unreadable.
pub fn count(typed: Option<&str>) -> u32 {
    typed
        .and_then(|text| text.trim().parse::<u32>().ok())
        .filter(|n| (1..=99).contains(n))
        .unwrap_or(1)
}

/// The documents the clerk confirms at reception: for each listed document, "chinh"
/// (original), "sao" (copy) or "khong" (not brought), and how many. Nothing posted (a form
/// without the list): the list as it stands.
pub fn documents_taken_in(
    procedure: &Procedure,
    kinds: &[String],
    counts: &[String],
) -> Vec<ReceivedDocument> {
    let listed = listed_documents(procedure);
    if kinds.is_empty() {
        return listed;
    }
    listed
        .into_iter()
        .enumerate()
        .filter_map(|(i, document)| {
            let original = match kinds.get(i).map(String::as_str) {
                Some("khong") => return None,
                Some("sao") => false,
                Some("chinh") => true,
                _ => document.original,
            };
            Some(ReceivedDocument {
                original,
                count: count(counts.get(i).map(String::as_str)),
                ..document
            })
        })
        .collect()
}

/// What the Mẫu 01 receipt of `dossier`, received at `now`, states.
pub fn reception(
    calendar: &Calendar,
    procedure: &Procedure,
    dossier: &Dossier,
    now: DateTime<Utc>,
    documents: Vec<ReceivedDocument>,
    sets: u32,
) -> Reception {
    let collect_at = procedure
        .delivery_field
        .as_ref()
        .and_then(|field| dossier.answers.get(field))
        .filter(|answer| !answer.trim().is_empty())
        .cloned()
        .unwrap_or_else(|| dossier.office.clone());
    Reception {
        due_at: result_due(calendar, procedure, now),
        documents,
        sets: sets.max(1),
        processing_days: procedure.processing_days,
        fee: procedure.fee.clone(),
        collect_at,
    }
}

/// A local moment as the receipt writes it: "16 giờ 30 phút, ngày 01/12/2026".
pub fn moment_words(at: DateTime<Utc>) -> String {
    let local = crate::state::local(at);
    crate::tr!(
        "mau01.moment",
        hour = local.format("%H"),
        minute = local.format("%M"),
        date = crate::i18n::format_date(local.date())
    )
}

/// The receipt in the reader's words.
pub fn official(
    receipt: &super::store::Receipt,
    procedure_name: &str,
) -> crate::receipt::OfficialReceipt {
    let number = receipt.number.to_string();
    let year = receipt.year.to_string();
    crate::receipt::OfficialReceipt {
        office: receipt.office.clone(),
        number: crate::tr!("mau01.number", number = &number, year = &year),
        book: crate::tr!("mau01.book_line", number = &number, year = &year),
        dossier_code: receipt.dossier_code.clone(),
        procedure_name: procedure_name.to_string(),
        processing: match receipt.processing_days {
            0 => crate::tr!("processing.same_day"),
            days => crate::tr!("processing.days", days = days),
        },
        received_at: moment_words(receipt.received_at),
        due_at: moment_words(receipt.due_at),
        documents: receipt
            .documents
            .iter()
            .map(|d| crate::receipt::DocumentLine {
                name: d.name.clone(),
                kind: if d.original {
                    crate::tr!("mau01.original")
                } else {
                    crate::tr!("mau01.copy")
                },
                count: d.count,
            })
            .collect(),
        sets: receipt.sets,
        collect_at: receipt.collect_at.clone(),
        fee: receipt.fee.clone(),
        officer: receipt.officer_name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn procedure() -> Procedure {
        Procedure {
            documents: vec![
                "Giấy chứng sinh".into(),
                "Bản sao giấy chứng nhận kết hôn".into(),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn the_receipt_lists_what_the_clerk_confirmed_was_brought() {
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // As listed: the birth notice an original, the marriage certificate a copy.
        let listed = documents_taken_in(&procedure(), &[], &[]);
        assert_eq!(
            listed
                .iter()
                .map(|d| (d.original, d.count))
                .collect::<Vec<_>>(),
            [(true, 1), (false, 1)]
        );
        // The clerk says: two copies of the birth notice, no marriage certificate.
        let taken = documents_taken_in(
            &procedure(),
            &strings(&["sao", "khong"]),
            &strings(&["2", "1"]),
        );
        assert_eq!(taken.len(), 1);
        assert_eq!(
            (taken[0].name.as_str(), taken[0].original, taken[0].count),
            ("Giấy chứng sinh", false, 2)
        );
        // A count nobody could mean is read as one.
        for typed in ["0", "-3", "abc", "", "1000"] {
            assert_eq!(count(Some(typed)), 1, "{typed}");
        }
        assert_eq!(count(Some(" 3 ")), 3);
    }
}
