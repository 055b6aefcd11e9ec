use super::*;
use domain::lifecycle::Forbidden;

#[test]
fn errors_read_in_the_page_language() {
    let stale = BackofficeError::Stale(Status::Received);
    assert!(
        stale
            .to_string()
            .starts_with("Hồ sơ vừa được người khác cập nhật (nay ở trạng thái “Đã tiếp nhận”)."),
        "{stale}"
    );
    crate::prefs::as_english_reader(|| {
        assert!(
            stale.to_string().starts_with(
                "Someone else has just updated this dossier (its status is now “Received”)."
            ),
            "{stale}"
        );
        assert_eq!(
            BackofficeError::BadNewDueDate.to_string(),
            "The new due date must be after today."
        );
        let forbidden = BackofficeError::from(Forbidden {
            from: Status::Stopped,
            action: Action::MarkDone,
        });
        assert_eq!(
            forbidden.to_string(),
            "“Mark as done” is not possible while the dossier’s status is “Processing stopped”."
        );
    });
}
