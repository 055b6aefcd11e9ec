//! A box the citizen must tick ("Tôi cam kết...").

use crate::Texts;
use crate::field::YES;
use crate::problem::{Arg, Problem};

pub(super) const NOT_TICKED: &str = "rule.tick";

pub(super) fn check(noun: &Arg, value: &str) -> Option<Problem> {
    (value != YES).then(|| Problem::new(NOT_TICKED).with("noun", noun))
}

pub(super) fn display(value: &str, t: &dyn Texts) -> String {
    match value {
        YES => t.text("show.undertaken", &[]),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::FieldKind;

    #[test]
    fn an_undertaking_must_be_ticked() {
        let mut undertaking = field(FieldKind::Undertaking);
        undertaking.noun = "cam kết đã trả hết nợ và thuế".into();
        let error = check_field(&undertaking, &answers(&[]), today(), &VI).unwrap_err();
        assert_eq!(
            error.message,
            "Hãy đánh dấu vào ô để cam kết đã trả hết nợ và thuế."
        );
        assert!(check_field(&undertaking, &answers(&[("f", "co")]), today(), &VI).is_ok());
    }
}
