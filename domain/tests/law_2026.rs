//! The shipped procedures follow the law and practice of late 2026 (law-2026.md §4): the
//! identity documents accepted, the authorisation exception, the fees, the end of presumptive
//! tax, the construction works the ward may decide, and the plausibility rules.
#![cfg(feature = "files")]

use chrono::NaiveDate;
use domain::plausibility::{Rule, plausibility_warnings};
use domain::{Answers, FieldKind, Lang, Procedure};

mod common;
use common::{procedure, shipped};

rust_i18n::i18n!("../app/locales", fallback = "vi");

const CIVIL: [&str; 3] = ["khai-sinh", "khai-tu", "ket-hon"];
const BUSINESS: [&str; 4] = [
    "dang-ky-ho-kinh-doanh",
    "cap-lai-ho-kinh-doanh",
    "thay-doi-ho-kinh-doanh",
    "cham-dut-ho-kinh-doanh",
];

/// Every text a citizen reads in a procedure, with where it is.
fn texts(p: &Procedure) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [
        ("summary", &p.summary),
        ("fee", &p.fee),
        ("result", &p.result),
        ("authority", &p.authority),
    ]
    .into_iter()
    .map(|(w, t)| (w.to_string(), t.clone()))
    .chain(p.processing_note.iter().map(|t| ("note".into(), t.clone())))
    .chain(p.documents.iter().map(|t| ("documents".into(), t.clone())))
    .collect();
    for step in &p.steps {
        for text in [Some(&step.title), step.hint.as_ref(), step.meaning.as_ref()]
            .into_iter()
            .flatten()
        {
            out.push((format!("step {}", step.id), text.clone()));
        }
        for field in step
            .fields
            .iter()
            .chain(step.fields.iter().flat_map(|f| &f.items))
        {
            let mut own = vec![field.label.clone()];
            own.extend(field.hint.iter().cloned());
            own.extend(field.meaning.iter().cloned());
            own.extend(field.options.iter().cloned());
            own.extend(field.stops.values().cloned());
            out.extend(own.into_iter().map(|t| (format!("field {}", field.id), t)));
        }
    }
    out
}

fn contains(text: &str, word: &str) -> bool {
    text.to_lowercase().contains(&word.to_lowercase())
}

#[test]
fn living_people_are_never_asked_for_an_old_identity_card() {
    let catalog = shipped();
    for p in catalog.procedures_in(Lang::Vi) {
        for step in &p.steps {
            for field in &step.fields {
                if field.allow_legacy {
                    assert_eq!(
                        (p.id.as_str(), field.id.as_str()),
                        ("khai-tu", "nm-so-dinh-danh"),
                        "only the deceased may have a 9-digit number"
                    );
                }
            }
        }
        for (place, text) in texts(p) {
            if place != "field nm-so-dinh-danh" {
                assert!(
                    !contains(&text, "chứng minh nhân dân"),
                    "{}: {place}: {text}",
                    p.id
                );
                assert!(!contains(&text, "CMND"), "{}: {place}: {text}", p.id);
            }
        }
    }
    let birth = procedure(&catalog, "khai-sinh");
    let kinds = &birth.field("nyc-loai-giay-to").unwrap().options;
    for accepted in [
        "Thẻ căn cước",
        "Thẻ căn cước công dân",
        "Căn cước điện tử",
        "Giấy chứng nhận căn cước",
        "Hộ chiếu",
    ] {
        assert!(kinds.contains(&accepted.to_string()), "{accepted}");
    }
    for id in ["khai-sinh", "khai-tu"] {
        let all: String = texts(procedure(&catalog, id))
            .into_iter()
            .map(|(_, t)| t + "\n")
            .collect();
        for accepted in ["căn cước điện tử", "giấy chứng nhận căn cước", "hộ chiếu"]
        {
            assert!(contains(&all, accepted), "{id} accepts {accepted}");
        }
    }
}

#[test]
fn the_applicant_gives_a_date_of_birth_the_id_number_is_checked_against() {
    let catalog = shipped();
    for (id, number, birth) in [
        ("khai-sinh", "nyc-so-giay-to", "nyc-ngay-sinh"),
        ("khai-tu", "nyc-so-dinh-danh", "nyc-ngay-sinh"),
        ("ket-hon", "nu-so-dinh-danh", "nu-ngay-sinh"),
        ("ket-hon", "nam-so-dinh-danh", "nam-ngay-sinh"),
    ] {
        let p = procedure(&catalog, id);
        assert_eq!(
            p.field(birth).map(|f| f.kind),
            Some(FieldKind::Date),
            "{id}"
        );
        let check = p.field(number).and_then(|f| f.id_check.clone());
        assert_eq!(
            check.map(|c| c.birth).as_deref(),
            Some(birth),
            "{id}: {number}"
        );
    }
}

#[test]
fn close_relatives_need_no_certified_authorisation() {
    let catalog = shipped();
    for id in CIVIL {
        let mut told = false;
        for (place, text) in texts(procedure(&catalog, id)) {
            if contains(&text, "chứng thực") {
                told = true;
                for relative in ["ông, bà", "cha, mẹ", "con", "vợ, chồng", "anh, chị, em"]
                {
                    assert!(contains(&text, relative), "{id}: {place}: {text}");
                }
            }
        }
        assert!(told, "{id} says when an authorisation needs certifying");
    }
}

#[test]
fn birth_registration_follows_the_portal() {
    let catalog = shipped();
    let birth = procedure(&catalog, "khai-sinh");
    for (place, text) in texts(birth) {
        assert!(!contains(&text, "trích lục"), "{place}: {text}");
    }
    assert!(
        birth.result.contains("bản sao Giấy khai sinh"),
        "{}",
        birth.result
    );
    for parent in ["me-so-dinh-danh", "cha-so-dinh-danh"] {
        assert_eq!(
            birth.field(parent).map(|f| f.kind),
            Some(FieldKind::IdNumber),
            "{parent}"
        );
    }
    for optional in ["gckh-so", "gckh-quyen-so", "gckh-ngay", "gckh-noi"] {
        let field = birth
            .field(optional)
            .unwrap_or_else(|| panic!("{optional}"));
        assert!(!field.required, "{optional} is optional");
    }
    let all: String = texts(birth).into_iter().map(|(_, t)| t + "\n").collect();
    assert!(
        contains(&all, "giấy chứng sinh điện tử"),
        "electronic birth notice"
    );
    for bundled in [
        "thường trú",
        "bảo hiểm y tế",
        "dưới 6 tuổi",
        "Cổng Dịch vụ công quốc gia",
    ] {
        assert!(contains(&all, bundled), "the bundled procedure: {bundled}");
    }
}

#[test]
fn a_birth_names_at_least_one_parent_not_always_the_mother() {
    let catalog = shipped();
    let birth = procedure(&catalog, "khai-sinh");
    let parents = birth.field("cha-me-xac-dinh").unwrap();
    let mut mother_only = false;
    let mut father_only = false;
    for option in &parents.options {
        let answers: Answers = [("cha-me-xac-dinh".to_string(), option.clone())].into();
        let shown: Vec<&str> = birth
            .visible_steps(&answers)
            .map(|s| s.id.as_str())
            .collect();
        let (mother, father) = (shown.contains(&"me-ho-ten"), shown.contains(&"cha-ho-ten"));
        assert!(
            mother || father || parents.stops.contains_key(option),
            "{option}: no parent and no explanation"
        );
        mother_only |= mother && !father;
        father_only |= father && !mother;
    }
    assert!(mother_only && father_only);
}

#[test]
fn civil_status_fees_deadlines_and_earlier_marriages() {
    let catalog = shipped();
    for id in CIVIL {
        let p = procedure(&catalog, id);
        for said in [
            "8.000 đồng",
            "hộ nghèo",
            "có công với cách mạng",
            "khuyết tật",
        ] {
            assert!(p.fee.contains(said), "{id}: fee says {said}: {}", p.fee);
        }
        let copies = p.field("so-ban-sao").unwrap();
        assert!(
            copies.hint.as_deref().unwrap_or("").contains("8.000 đồng"),
            "{id}"
        );
    }
    for id in ["khai-sinh", "khai-tu"] {
        assert!(
            procedure(&catalog, id).fee.contains("quá hạn"),
            "{id}: late fee"
        );
    }
    let death = procedure(&catalog, "khai-tu");
    assert!(
        death.summary.contains("Phải đăng ký trong 15 ngày"),
        "{}",
        death.summary
    );
    let marriage = procedure(&catalog, "ket-hon");
    let earlier = marriage
        .documents
        .iter()
        .find(|d| d.contains("ly hôn"))
        .unwrap();
    assert!(earlier.contains("không tra cứu được"), "{earlier}");
    for side in ["nu-tinh-trang", "nam-tinh-trang"] {
        let field = marriage.field(side).unwrap();
        assert!(
            field
                .stops
                .values()
                .any(|reason| reason.contains("ghi chú ly hôn")),
            "{side}: a divorce abroad must first be recorded"
        );
    }
}

#[test]
fn household_businesses_after_the_2025_and_2026_changes() {
    let catalog = shipped();
    for id in BUSINESS {
        let p = procedure(&catalog, id);
        for (place, text) in texts(p) {
            assert!(!contains(&text, "khoán"), "{id}: {place}: {text}");
            assert!(
                !text.contains("40A8") && !text.contains("600123"),
                "{id}: {place}: {text}"
            );
            assert!(
                !contains(&text, "chấm dứt hiệu lực mã số thuế"),
                "{id}: {place}: {text}"
            );
        }
        assert!(p.authority.contains("trụ sở"), "{id}: {}", p.authority);
        if let Some(code) = p.field("hkd-ma-so") {
            assert!(
                code.hint.as_deref().unwrap_or("").contains("12 chữ số"),
                "{id}"
            );
        }
    }
    let registration = procedure(&catalog, "dang-ky-ho-kinh-doanh");
    assert!(registration.field("thue-phuong-phap").is_none());
    let one = registration.field("chi-mot-hkd").unwrap();
    assert_eq!(one.kind, FieldKind::Undertaking);
    assert!(one.label.contains("một hộ kinh doanh"), "{}", one.label);
    let ending = procedure(&catalog, "cham-dut-ho-kinh-doanh");
    assert!(ending.field("thue-so").is_none());
}

#[test]
fn works_of_grade_one_and_above_are_sent_to_the_province() {
    let catalog = shipped();
    let permit = procedure(&catalog, "gia-han-giay-phep-xay-dung");
    let grade = permit.field("cap-cong-trinh").unwrap();
    assert!(grade.options.iter().any(|o| o.contains("Nhà ở riêng lẻ")));
    assert!(grade.options.iter().any(|o| o.contains("cấp III")));
    let (stopped, reason) = grade.stops.iter().next().expect("a grade that stops");
    assert!(stopped.contains("cấp I"), "{stopped}");
    assert!(reason.contains("Sở Xây dựng"), "{reason}");
    assert!(!permit.legal_basis.is_empty());
    let english = catalog.procedure_in(&permit.id, Lang::En).unwrap();
    assert_ne!(
        english.field("cap-cong-trinh").unwrap().stops[stopped],
        *reason
    );
}

#[test]
fn citizens_may_file_at_any_centre_of_the_province() {
    let catalog = shipped();
    for p in catalog.procedures_in(Lang::Vi) {
        let office = p.step("co-quan").unwrap();
        let hint = office.hint.as_deref().unwrap_or("");
        assert!(hint.contains("bất kỳ"), "{}: {hint}", p.id);
    }
}

#[test]
fn births_and_deaths_compare_their_dates_for_plausibility() {
    let catalog = shipped();
    let birth = procedure(&catalog, "khai-sinh");
    for parent in ["me-nam-sinh", "cha-nam-sinh"] {
        assert!(birth.plausibility.contains(&Rule::AgeGap {
            older: parent.into(),
            younger: "tre-ngay-sinh".into(),
            years: 12,
        }));
    }
    assert!(birth.plausibility.contains(&Rule::LateRegistration {
        date: "tre-ngay-sinh".into(),
        days: 60
    }));
    assert!(
        procedure(&catalog, "khai-tu")
            .plausibility
            .contains(&Rule::LateRegistration {
                date: "thoi-diem-mat".into(),
                days: 15
            })
    );
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let answers: Answers = [
        ("cha-me-xac-dinh", "Mới xác định được mẹ"),
        ("me-nam-sinh", "2016"),
        ("tre-ngay-sinh-ngay", "3"),
        ("tre-ngay-sinh-thang", "5"),
        ("tre-ngay-sinh-nam", "1986"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let keys: Vec<&str> = plausibility_warnings(birth, &answers, today)
        .iter()
        .map(|w| w.problem.key)
        .collect();
    assert_eq!(keys, ["plausibility.age_order", "plausibility.late_years"]);
}
