//! A photo or scan of a document. The answer is `id/file name`; the upload itself marks a
//! refused file with `!loai` (type), `!lon` (size), `!tong` (the draft's total), `!anh` (more
//! pixels than a phone camera makes) or `!pdf` (a PDF with scripts or attached files).

use crate::problem::Problem;

pub(super) fn check(value: &str) -> Option<Problem> {
    let key = match value {
        "!loai" => "rule.file_type",
        "!lon" => "rule.file_size",
        "!tong" => "rule.file_total",
        "!anh" => "rule.file_pixels",
        "!pdf" => "rule.file_active",
        _ => return None,
    };
    Some(Problem::new(key))
}

/// The citizen sees the file name they sent.
pub fn attachment_name(answer: &str) -> String {
    answer
        .split_once('/')
        .map(|(_, name)| name.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::FieldKind;

    #[test]
    fn a_refused_upload_says_why_and_a_sent_one_shows_its_name() {
        let photo = field(FieldKind::Attachment);
        let error = check_field(&photo, &answers(&[("f", "!lon")]), today(), &VI).unwrap_err();
        assert_eq!(error.message, vi("rule.file_size"));
        let error = check_field(&photo, &answers(&[("f", "!anh")]), today(), &VI).unwrap_err();
        assert_eq!(error.message, vi("rule.file_pixels"));
        let error = check_field(&photo, &answers(&[("f", "!pdf")]), today(), &VI).unwrap_err();
        assert_eq!(error.message, vi("rule.file_active"));
        assert!(
            check_field(
                &photo,
                &answers(&[("f", "abc/giay-bao-tu.jpg")]),
                today(),
                &VI
            )
            .is_ok()
        );
        assert_eq!(attachment_name("abc/giay-bao-tu.jpg"), "giay-bao-tu.jpg");
    }
}
