//! The shipped catalog, as data: every procedure file loads and says what a citizen needs.

use domain::catalog::Catalog;
use domain::search::search;
use domain::{FieldKind, Lang, Procedure};

mod common;
use common::{procedure, shipped};

// The rules' words, from the app's translation files.
rust_i18n::i18n!("../app/locales", fallback = "vi");

const EIGHT: [&str; 8] = [
    "khai-sinh",
    "khai-tu",
    "ket-hon",
    "dang-ky-ho-kinh-doanh",
    "cap-lai-ho-kinh-doanh",
    "thay-doi-ho-kinh-doanh",
    "cham-dut-ho-kinh-doanh",
    "gia-han-giay-phep-xay-dung",
];

fn kinds(procedure: &Procedure) -> Vec<FieldKind> {
    procedure
        .steps
        .iter()
        .flat_map(|step| &step.fields)
        .flat_map(|field| std::iter::once(field).chain(&field.items))
        .map(|field| field.kind)
        .collect()
}

/// The fields a branch (a step or field shown only for some answers) depends on.
fn branches(procedure: &Procedure) -> Vec<&str> {
    procedure
        .steps
        .iter()
        .flat_map(|step| {
            step.show_if
                .iter()
                .chain(step.fields.iter().flat_map(|f| &f.show_if))
        })
        .map(|condition| condition.field.as_str())
        .collect()
}

/// What every procedure must say (fee, documents, processing time, office...) is checked when
/// the catalog loads, for any procedure file; here, that none of the eight went missing.
#[test]
fn the_eight_shipped_procedures_are_all_there() {
    let catalog = shipped();
    for id in EIGHT {
        procedure(&catalog, id);
    }
    assert_eq!(catalog.procedures_in(Lang::Vi).len(), EIGHT.len());
}

#[test]
fn statutory_times_and_fees_follow_the_domain_notes() {
    let catalog = shipped();
    for (id, days) in [
        ("khai-tu", 0),
        ("ket-hon", 0),
        ("dang-ky-ho-kinh-doanh", 3),
        ("cap-lai-ho-kinh-doanh", 3),
        ("thay-doi-ho-kinh-doanh", 3),
        ("cham-dut-ho-kinh-doanh", 3),
        ("gia-han-giay-phep-xay-dung", 5),
    ] {
        assert_eq!(procedure(&catalog, id).processing_days, days, "{id}");
    }
    for id in ["ket-hon", "cham-dut-ho-kinh-doanh"] {
        let fee = &procedure(&catalog, id).fee;
        assert!(fee.starts_with("Miễn phí"), "{id}: {fee}");
    }
}

#[test]
fn branches_where_the_domain_notes_describe_them() {
    let catalog = shipped();
    for (id, field) in [
        ("khai-sinh", "cha-me-xac-dinh"),
        ("khai-tu", "ban-sao"),
        ("ket-hon", "nu-da-ket-hon"),
        ("ket-hon", "nam-da-ket-hon"),
        ("dang-ky-ho-kinh-doanh", "ho-gia-dinh"),
        ("dang-ky-ho-kinh-doanh", "nguoi-nop-la-chu-ho"),
        ("cap-lai-ho-kinh-doanh", "ly-do"),
        ("thay-doi-ho-kinh-doanh", "doi-chu-ho"),
        ("thay-doi-ho-kinh-doanh", "doi-dia-chi"),
        ("thay-doi-ho-kinh-doanh", "doi-nganh"),
        ("thay-doi-ho-kinh-doanh", "doi-von"),
        ("cham-dut-ho-kinh-doanh", "ho-gia-dinh"),
        ("gia-han-giay-phep-xay-dung", "cdt-loai"),
    ] {
        assert!(
            branches(procedure(&catalog, id)).contains(&field),
            "{id} branches on {field}"
        );
    }
}

#[test]
fn the_kinds_each_procedure_needs() {
    use FieldKind::*;
    let catalog = shipped();
    for (id, needed) in [
        ("khai-tu", vec![DateTime, IdNumber, Select, YesNo, Number]),
        ("ket-hon", vec![Phone, Email, Date, IdNumber, Undertaking]),
        (
            "dang-ky-ho-kinh-doanh",
            vec![Address, Group, Money, IdNumber, YesNo, LongText],
        ),
        ("cap-lai-ho-kinh-doanh", vec![Choice, IdNumber, LongText]),
        ("thay-doi-ho-kinh-doanh", vec![Address, Group, Money, YesNo]),
        ("cham-dut-ho-kinh-doanh", vec![Date, LongText, Undertaking]),
        (
            "gia-han-giay-phep-xay-dung",
            vec![Address, LongText, Number, Undertaking],
        ),
    ] {
        let has = kinds(procedure(&catalog, id));
        for kind in needed {
            assert!(has.contains(&kind), "{id} needs a {kind:?} field");
        }
    }
}

#[test]
fn ages_and_id_checks_of_the_people_in_the_forms() {
    let catalog = shipped();
    let marriage = procedure(&catalog, "ket-hon");
    assert_eq!(marriage.field("nu-ngay-sinh").unwrap().min_age, Some(18));
    assert_eq!(marriage.field("nam-ngay-sinh").unwrap().min_age, Some(20));
    for (id, field, birth, sex) in [
        ("ket-hon", "nu-so-dinh-danh", "nu-ngay-sinh", None),
        ("ket-hon", "nam-so-dinh-danh", "nam-ngay-sinh", None),
        (
            "dang-ky-ho-kinh-doanh",
            "chu-so-dinh-danh",
            "chu-ngay-sinh",
            Some("chu-gioi-tinh"),
        ),
        (
            "khai-tu",
            "nm-so-dinh-danh",
            "nm-ngay-sinh",
            Some("nm-gioi-tinh"),
        ),
    ] {
        let check = procedure(&catalog, id)
            .field(field)
            .and_then(|f| f.id_check.clone())
            .unwrap_or_else(|| panic!("{id}: {field} has an id_check"));
        assert_eq!(check.birth, birth, "{id}: {field}");
        assert_eq!(check.sex.as_deref(), sex, "{id}: {field}");
    }
    let owner = procedure(&catalog, "dang-ky-ho-kinh-doanh");
    assert_eq!(owner.field("chu-ngay-sinh").unwrap().min_age, Some(18));
    let lines = owner.field("nganh-nghe").unwrap();
    assert!(lines.main_item);
    assert!(lines.items.iter().any(|item| item.digits == Some(4)));
}

#[test]
fn every_branch_tests_an_answer_its_field_can_have() {
    use domain::procedure::{NO, YES};
    let catalog = shipped();
    for p in catalog.procedures_in(Lang::Vi) {
        let conditions = p.steps.iter().flat_map(|step| {
            step.show_if
                .iter()
                .chain(step.fields.iter().flat_map(|f| &f.show_if))
        });
        for condition in conditions {
            let field = p.field(&condition.field).unwrap();
            let possible: Vec<String> = match field.kind {
                FieldKind::YesNo | FieldKind::Undertaking => vec![YES.into(), NO.into()],
                FieldKind::Choice | FieldKind::Select => field.options.clone(),
                other => panic!("{}: branch on a {other:?} field {}", p.id, field.id),
            };
            for value in condition.values() {
                assert!(
                    possible.iter().any(|answer| answer == value),
                    "{}: no answer of {} is {value:?}",
                    p.id,
                    field.id,
                );
            }
        }
    }
}

#[test]
fn ids_are_kebab_case_without_diacritics_and_attachments_stay_optional() {
    let catalog = shipped();
    let kebab = |id: &str| {
        !id.is_empty()
            && !id.starts_with('-')
            && !id.ends_with('-')
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    for p in catalog.procedures_in(Lang::Vi) {
        let mut attachments = 0;
        for step in &p.steps {
            assert!(kebab(&step.id), "{}: step {}", p.id, step.id);
            for field in step
                .fields
                .iter()
                .chain(step.fields.iter().flat_map(|f| &f.items))
            {
                assert!(kebab(&field.id), "{}: field {}", p.id, field.id);
                assert!(!field.noun.trim().is_empty(), "{}: {} noun", p.id, field.id);
                if field.kind == FieldKind::Attachment {
                    attachments += 1;
                    assert!(!field.required, "{}: {} optional for now", p.id, field.id);
                }
            }
        }
        assert!(attachments <= 1, "{}: at most one attachment", p.id);
    }
}

/// A date some days before today, as the three boxes of `field` take it.
fn find(catalog: &Catalog, query: &str) -> Vec<String> {
    let procedures = catalog.procedures_in(Lang::Vi);
    search(query, procedures, |p: &Procedure| {
        [p.name.clone(), p.summary.clone(), p.life_event.clone()]
            .into_iter()
            .chain(p.keywords.iter().cloned())
            .collect::<Vec<_>>()
    })
    .into_iter()
    .map(|i| procedures[i].id.clone())
    .collect()
}

#[test]
fn citizens_find_the_procedure_in_their_own_words() {
    let catalog = shipped();
    for query in ["ket hon", "KẾT HÔN", "kethon", "lấy vợ", "cuoi"] {
        assert_eq!(find(&catalog, query), vec!["ket-hon"], "{query}");
    }
    for (query, id) in [
        ("giấy chứng tử", "khai-tu"),
        ("khai tu", "khai-tu"),
        ("giay khai sinh", "khai-sinh"),
        ("gia han giay phep xay dung", "gia-han-giay-phep-xay-dung"),
        ("xây nhà", "gia-han-giay-phep-xay-dung"),
        ("đóng quán", "cham-dut-ho-kinh-doanh"),
        ("mất giấy phép kinh doanh", "cap-lai-ho-kinh-doanh"),
        ("đổi chủ hộ", "thay-doi-ho-kinh-doanh"),
    ] {
        assert_eq!(find(&catalog, query), vec![id.to_string()], "{query}");
    }
    let business = find(&catalog, "ho kinh doanh");
    assert_eq!(business.len(), 4, "{business:?}");
    assert!(find(&catalog, "hộ chiếu").is_empty());
}
