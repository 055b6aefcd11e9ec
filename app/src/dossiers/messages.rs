//! What the citizen is told on every status change: short Vietnamese messages with the code and
//! the lookup link, by SMS to the applicant's phone and by email when they gave one.

use super::store::{Channel, Outgoing};
use crate::prefs::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use domain::dates::format_date_in;
use domain::lifecycle::Status;
use domain::procedure::{Answers, FieldKind, Procedure};

// Texts sent by SMS and email are Vietnamese, as the office writes them, whatever the page
// language of whoever changed the status.
fn format_date(date: NaiveDate) -> String {
    format_date_in(date, Lang::Vi)
}

/// A status in Vietnamese, whoever is reading the page that caused the message.
fn label(status: Status) -> String {
    rust_i18n::t!(status.label_key(), locale = "vi").into_owned()
}

fn next_step(status: Status) -> String {
    rust_i18n::t!(status.next_step_key(), locale = "vi").into_owned()
}

/// The facts a message needs.
pub struct Notice<'a> {
    pub code: &'a str,
    pub status: Status,
    /// The office the dossier went to.
    pub office: &'a str,
    /// Statutory processing time in working days (0: the same day).
    pub processing_days: u32,
    /// Before reception, only provisional: the date if it were received today.
    pub due_date: NaiveDate,
    /// From reception: the result due moment.
    pub due_at: Option<DateTime<Utc>>,
    /// What is missing, or why refused.
    pub note: Option<&'a str>,
    /// Where the citizen looks the dossier up: `https://host/tra-cuu?ma=CODE`.
    pub lookup_url: &'a str,
}

/// The due moment as an SMS writes it ("16h30 01/12/2026"), or the date alone.
fn due_words(notice: &Notice) -> String {
    match notice.due_at {
        Some(at) => {
            let local = crate::state::local(at);
            format!("{} {}", local.format("%Hh%M"), format_date(local.date()))
        }
        None => format_date(notice.due_date),
    }
}

/// The statutory time, in words without diacritics for an SMS.
fn processing_ascii(days: u32) -> String {
    match days {
        0 => "trong ngay".into(),
        n => format!("{n} ngay lam viec"),
    }
}

/// One short text (fits two SMS at most), in plain words.
pub fn text(notice: &Notice) -> String {
    let code = notice.code;
    let due = due_words(notice);
    // The clerk's words, or where to read them.
    let details = || ascii(notice.note.unwrap_or("xem chi tiet tren trang tra cuu"));
    let reason = || ascii(notice.note.unwrap_or("xem ly do tren trang tra cuu"));
    let what = match notice.status {
        // An acknowledgement, not a receipt: the clock starts only at reception.
        Status::Submitted => format!(
            "Ho so {code} da gui den {}, dang cho tiep nhan. Thoi han {} tinh tu khi tiep nhan.",
            ascii(notice.office),
            processing_ascii(notice.processing_days)
        ),
        Status::CompletionRequested => format!(
            "Ho so {code} chua duoc tiep nhan, can hoan thien: {}.",
            details()
        ),
        Status::NotReceived => format!("Ho so {code} khong duoc tiep nhan: {}.", reason()),
        Status::Received => format!("Ho so {code} da duoc tiep nhan. Hen tra ket qua: {due}."),
        Status::Processing => format!("Ho so {code} dang duoc xu ly. Hen tra: {due}."),
        Status::SupplementRequested => format!(
            "Ho so {code} can bo sung: {}. Tai len hoac mang den bo phan mot cua.",
            details()
        ),
        Status::Done => format!("Ho so {code} da co ket qua. Moi ong/ba den nhan."),
        Status::ResultReturned => format!("Ho so {code} da tra ket qua. Cam on ong/ba."),
        Status::FinancialObligation => format!("Ho so {code} can nop phi, le phi: {}.", details()),
        Status::Stopped => format!("Ho so {code} da dung xu ly: {}.", reason()),
        Status::Withdrawn => format!("Ho so {code} da duoc rut."),
    };
    format!("{what} Tra cuu: {}", notice.lookup_url)
}

/// SMS gateways bill Vietnamese with diacritics as UCS-2 (70 characters a part): messages go
/// without them, as Vietnamese public services send them. Notes are cut to stay short.
fn ascii(note: &str) -> String {
    let folded: String = domain::search::without_diacritics(note.trim())
        .chars()
        .filter(|c| c.is_ascii() && !c.is_ascii_control())
        .collect();
    let short: String = folded.chars().take(80).collect();
    if folded.chars().count() > 80 {
        format!("{short}...")
    } else {
        short
    }
}

/// The email: the same words, with diacritics (email has no such limit).
pub fn email_body(notice: &Notice) -> String {
    let due = if notice.status.is_received() {
        format!(
            "Hẹn trả kết quả: {}.",
            due_words(notice).replace('h', " giờ ")
        )
    } else {
        format!(
            "Nơi nhận: {}. Thời hạn giải quyết: {} tính từ khi hồ sơ được tiếp nhận; nếu được \
             tiếp nhận hôm nay, dự kiến trả kết quả ngày {} (chưa phải ngày hẹn chính thức).",
            notice.office,
            match notice.processing_days {
                0 => "trong ngày".to_string(),
                n => format!("{n} ngày làm việc"),
            },
            format_date(notice.due_date)
        )
    };
    let mut body = format!("Hồ sơ {}: {}.\n{due}\n", notice.code, label(notice.status),);
    if let Some(note) = notice.note.filter(|n| !n.trim().is_empty()) {
        body.push_str(&format!("Nội dung: {}\n", note.trim()));
    }
    body.push_str(&format!(
        "\n{}\n\nXem chi tiết: {}\n",
        next_step(notice.status),
        notice.lookup_url
    ));
    body
}

/// The messages for one change: SMS to the applicant's phone, email if they gave an address.
pub fn messages(procedure: &Procedure, answers: &Answers, notice: &Notice) -> Vec<Outgoing> {
    let mut out = Vec::new();
    if let Some(phone) = procedure.applicant_phone(answers) {
        out.push(Outgoing {
            channel: Channel::Sms,
            recipient: phone,
            subject: String::new(),
            body: text(notice),
        });
    }
    let email = procedure
        .steps
        .iter()
        .flat_map(|step| &step.fields)
        .filter(|field| field.kind == FieldKind::Email)
        .find_map(|field| answers.get(&field.id))
        .map(|email| email.trim().to_string())
        .filter(|email| email.contains('@'));
    if let Some(email) = email {
        out.push(Outgoing {
            channel: Channel::Email,
            recipient: email,
            subject: format!("Hồ sơ {}: {}", notice.code, label(notice.status)),
            body: email_body(notice),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(status: Status, note: Option<&'static str>) -> Notice<'static> {
        Notice {
            code: "KS-261124-ABCDEF",
            status,
            office: "UBND phường Tân Lập",
            processing_days: 3,
            due_date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            // Received on Monday 23/11 at 10:00: due Thursday 26/11 at 16:30 (09:30 UTC).
            due_at: status
                .is_received()
                .then(|| "2026-11-26T09:30:00Z".parse().unwrap()),
            note,
            lookup_url: "https://motcua.example/tra-cuu?ma=KS-261124-ABCDEF",
        }
    }

    #[test]
    fn every_message_carries_the_code_and_the_link_and_is_short() {
        for status in domain::lifecycle::ALL_STATUSES {
            let sms = text(&notice(
                status,
                Some(
                    "Bản sao giấy chứng sinh có chứng thực, ảnh rõ cả hai mặt và đủ chữ ký của người làm chứng",
                ),
            ));
            assert!(sms.contains("KS-261124-ABCDEF"), "{sms}");
            assert!(sms.contains("/tra-cuu?ma=KS-261124-ABCDEF"), "{sms}");
            assert!(sms.is_ascii(), "{sms}");
            assert!(
                sms.len() <= 306,
                "two SMS parts at most: {} {sms}",
                sms.len()
            );
        }
    }

    #[test]
    fn a_supplement_request_says_what_is_missing() {
        let sms = text(&notice(
            Status::SupplementRequested,
            Some("Giấy chứng sinh"),
        ));
        assert!(sms.contains("can bo sung: Giay chung sinh"), "{sms}");
        let mail = email_body(&notice(
            Status::SupplementRequested,
            Some("Giấy chứng sinh"),
        ));
        assert!(mail.contains("Nội dung: Giấy chứng sinh"), "{mail}");
    }

    #[test]
    fn an_email_is_vietnamese_whatever_the_page_language() {
        // As if a clerk reading in English had changed the status.
        crate::prefs::as_english_reader(|| {
            assert_eq!(crate::prefs::lang(), Lang::En);
            use crate::i18n::StatusWords;
            assert_eq!(
                Status::Done.label(),
                "Result ready, waiting to be collected"
            );
            let mail = email_body(&notice(Status::Done, None));
            assert!(
                mail.contains("Hồ sơ KS-261124-ABCDEF: Đã có kết quả, chờ trả."),
                "{mail}"
            );
            assert!(mail.contains("Kết quả đã sẵn sàng."), "{mail}");
            assert!(
                mail.contains("Hẹn trả kết quả: 16 giờ 30 26/11/2026."),
                "{mail}"
            );
        });
    }

    #[test]
    fn the_acknowledgement_of_an_online_submission_is_not_a_receipt() {
        let sms = text(&notice(Status::Submitted, None));
        assert!(
            sms.starts_with(
                "Ho so KS-261124-ABCDEF da gui den UBND phuong Tan Lap, dang cho tiep nhan. \
                 Thoi han 3 ngay lam viec tinh tu khi tiep nhan."
            ),
            "{sms}"
        );
        assert!(!sms.contains("Hen tra"), "{sms}");
        let mail = email_body(&notice(Status::Submitted, None));
        assert!(mail.contains("Chờ tiếp nhận"), "{mail}");
        assert!(
            mail.contains("nếu được tiếp nhận hôm nay, dự kiến trả kết quả ngày 27/11/2026"),
            "{mail}"
        );
        assert!(!mail.contains("Hẹn trả kết quả"), "{mail}");
    }

    #[test]
    fn the_reception_message_gives_the_due_hour() {
        let sms = text(&notice(Status::Received, None));
        assert!(
            sms.contains("da duoc tiep nhan. Hen tra ket qua: 16h30 26/11/2026."),
            "{sms}"
        );
    }
}
