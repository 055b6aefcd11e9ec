use super::*;
use crate::test_texts::VI;

fn field(kind: FieldKind) -> Field {
    Field {
        id: "f".into(),
        label: "F".into(),
        noun: "ngày sinh của trẻ".into(),
        kind,
        required: true,
        not_future: true,
        options: vec!["Nam".into(), "Nữ".into()],
        ..Default::default()
    }
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

#[test]
fn a_future_birth_date_is_refused_with_a_plain_message() {
    let error = check_field(
        &field(FieldKind::Date),
        &answers(&[("f-ngay", "1"), ("f-thang", "1"), ("f-nam", "2027")]),
        today(),
        &VI,
    )
    .unwrap_err();
    assert_eq!(
        error.message,
        "Ngày sinh của trẻ không thể sau ngày hôm nay."
    );
    assert_eq!(error.input, "f-ngay");
}

#[test]
fn a_missing_month_points_at_the_month_box() {
    let error = check_field(
        &field(FieldKind::Date),
        &answers(&[("f-ngay", "1"), ("f-nam", "2026")]),
        today(),
        &VI,
    )
    .unwrap_err();
    assert_eq!(error.input, "f-thang");
    assert!(error.message.contains("tháng"));
}

#[test]
fn an_impossible_date_is_named_as_such() {
    let error = check_field(
        &field(FieldKind::Date),
        &answers(&[("f-ngay", "30"), ("f-thang", "2"), ("f-nam", "2026")]),
        today(),
        &VI,
    )
    .unwrap_err();
    assert!(error.message.contains("không có thật"));
}

#[test]
fn an_empty_required_name_is_refused_but_an_optional_one_is_not() {
    let mut name = field(FieldKind::Name);
    name.noun = "họ và tên của trẻ".into();
    let error = check_field(&name, &answers(&[("f", "   ")]), today(), &VI).unwrap_err();
    assert_eq!(error.message, "Hãy nhập họ và tên của trẻ.");
    name.required = false;
    assert!(check_field(&name, &answers(&[]), today(), &VI).is_ok());
}

#[test]
fn names_keep_vietnamese_letters_and_refuse_digits() {
    let name = field(FieldKind::Name);
    assert!(
        check_field(
            &name,
            &answers(&[("f", "Nguyễn Thị Ánh Tuyết")]),
            today(),
            &VI
        )
        .is_ok()
    );
    assert!(check_field(&name, &answers(&[("f", "H'Hen Niê")]), today(), &VI).is_ok());
    assert!(check_field(&name, &answers(&[("f", "An 2")]), today(), &VI).is_err());
    assert!(check_field(&name, &answers(&[("f", &"a".repeat(101))]), today(), &VI).is_err());
    assert_eq!(capitalise_words("  nguyễn   văn ánh "), "Nguyễn Văn Ánh");
}

#[test]
fn choices_must_be_one_of_the_options() {
    let choice = field(FieldKind::Choice);
    assert!(check_field(&choice, &answers(&[("f", "Nữ")]), today(), &VI).is_ok());
    assert!(check_field(&choice, &answers(&[("f", "Khác")]), today(), &VI).is_err());
    let error = check_field(&choice, &answers(&[]), today(), &VI).unwrap_err();
    assert!(error.message.starts_with("Hãy chọn"));
}

#[test]
fn phone_numbers_in_the_ways_people_write_them() {
    let phone = field(FieldKind::Phone);
    for ok in [
        "0912345678",
        "0912 345 678",
        "+84912345678",
        "84 912 345 678",
        "0912.345.678",
    ] {
        assert!(
            check_field(&phone, &answers(&[("f", ok)]), today(), &VI).is_ok(),
            "{ok}"
        );
    }
    assert!(check_field(&phone, &answers(&[("f", "0262 3852 123")]), today(), &VI).is_ok());
    for bad in ["091234567", "1912345678", "09123456789", "phone"] {
        assert!(
            check_field(&phone, &answers(&[("f", bad)]), today(), &VI).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn id_numbers_allow_spaces_and_legacy_cards_only_where_allowed() {
    let mut id = field(FieldKind::IdNumber);
    assert!(check_field(&id, &answers(&[("f", "066 190 012 345")]), today(), &VI).is_ok());
    assert!(check_field(&id, &answers(&[("f", "241234567")]), today(), &VI).is_err());
    id.allow_legacy = true;
    assert!(check_field(&id, &answers(&[("f", "241234567")]), today(), &VI).is_ok());
    assert!(check_field(&id, &answers(&[("f", "06619001234")]), today(), &VI).is_err());
}

fn owner_id() -> Field {
    Field {
        noun: "số căn cước của chủ hộ".into(),
        id_check: Some(crate::procedure::IdCheck {
            male: "Nam".into(),
            female: "Nữ".into(),
            birth: "dob".into(),
            sex: Some("sex".into()),
        }),
        ..field(FieldKind::IdNumber)
    }
}

#[test]
fn an_id_number_must_agree_with_the_birth_date_and_sex() {
    let born_1990_female = [
        ("dob-ngay", "5"),
        ("dob-thang", "6"),
        ("dob-nam", "1990"),
        ("sex", "Nữ"),
    ];
    let mut typed = answers(&born_1990_female);
    typed.insert("f".into(), "066190012345".into());
    assert!(check_field(&owner_id(), &typed, today(), &VI).is_ok());
    typed.insert("f".into(), "066090012345".into());
    let error = check_field(&owner_id(), &typed, today(), &VI).unwrap_err();
    assert!(
        error.message.contains("ngày sinh và giới tính"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("nam sinh năm 1990"),
        "{}",
        error.message
    );
    typed.insert("f".into(), "066191012345".into());
    let error = check_field(&owner_id(), &typed, today(), &VI).unwrap_err();
    assert!(error.message.contains("sinh năm 1991"), "{}", error.message);
    // The birth date asked later: nothing to compare with yet.
    let alone = answers(&[("f", "066091012345")]);
    assert!(check_field(&owner_id(), &alone, today(), &VI).is_ok());
}

#[test]
fn brides_must_be_eighteen() {
    let mut bride = field(FieldKind::Date);
    bride.min_age = Some(18);
    let born = |y: &str| answers(&[("f-ngay", "25"), ("f-thang", "11"), ("f-nam", y)]);
    assert!(check_field(&bride, &born("2008"), today(), &VI).is_err());
    assert!(check_field(&bride, &born("2007"), today(), &VI).is_ok());
}

#[test]
fn money_in_the_ways_people_write_it() {
    let mut capital = field(FieldKind::Money);
    capital.noun = "vốn kinh doanh".into();
    capital.min = Some(1);
    for ok in ["50.000.000", "50 000 000 đ", "50,000,000 VND", "50000000"] {
        assert!(
            check_field(&capital, &answers(&[("f", ok)]), today(), &VI).is_ok(),
            "{ok}"
        );
    }
    assert!(check_field(&capital, &answers(&[("f", "năm mươi triệu")]), today(), &VI).is_err());
    assert!(check_field(&capital, &answers(&[("f", "0")]), today(), &VI).is_err());
    assert_eq!(
        display_value(&capital, &answers(&[("f", "50000000")]), today(), &VI),
        "50.000.000 đồng"
    );
    assert_eq!(thousands(1_234), "1.234");
    assert_eq!(thousands(999), "999");
}

#[test]
fn email_is_optional_but_checked_when_given() {
    let mut email = field(FieldKind::Email);
    email.required = false;
    assert!(check_field(&email, &answers(&[]), today(), &VI).is_ok());
    assert!(
        check_field(
            &email,
            &answers(&[("f", "an.nguyen@vidu.vn")]),
            today(),
            &VI
        )
        .is_ok()
    );
    for bad in ["an.nguyen", "an@vidu", "an @vidu.vn", "@vidu.vn"] {
        assert!(
            check_field(&email, &answers(&[("f", bad)]), today(), &VI).is_err(),
            "{bad}"
        );
    }
}

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

#[test]
fn a_time_of_death_needs_a_valid_hour() {
    let death = field(FieldKind::DateTime);
    let at = |h: &str, m: &str| {
        answers(&[
            ("f-ngay", "20"),
            ("f-thang", "11"),
            ("f-nam", "2026"),
            ("f-gio", h),
            ("f-phut", m),
        ])
    };
    assert!(check_field(&death, &at("14", "30"), today(), &VI).is_ok());
    assert_eq!(
        check_field(&death, &at("", ""), today(), &VI)
            .unwrap_err()
            .input,
        "f-gio"
    );
    assert_eq!(
        check_field(&death, &at("25", "0"), today(), &VI)
            .unwrap_err()
            .input,
        "f-gio"
    );
    assert_eq!(
        check_field(&death, &at("9", "75"), today(), &VI)
            .unwrap_err()
            .input,
        "f-phut"
    );
    assert_eq!(
        display_value(&death, &at("9", "5"), today(), &VI),
        "9 giờ 05, ngày 20/11/2026"
    );
}

fn address() -> Field {
    Field {
        noun: "địa chỉ kinh doanh".into(),
        units: vec![crate::procedure::Province {
            name: "Tỉnh Đắk Lắk".into(),
            units: vec!["Phường Ea Kao".into(), "Xã Hòa Phú".into()],
        }],
        ..field(FieldKind::Address)
    }
}

#[test]
fn an_address_needs_a_known_commune_of_its_province_and_a_street() {
    let at = |p: &str, x: &str, s: &str| answers(&[("f-tinh", p), ("f-xa", x), ("f-so-nha", s)]);
    assert!(
        check_field(
            &address(),
            &at("Tỉnh Đắk Lắk", "Phường Ea Kao", "12 Lê Lợi"),
            today(),
            &VI
        )
        .is_ok()
    );
    assert_eq!(
        check_field(&address(), &at("", "", ""), today(), &VI)
            .unwrap_err()
            .input,
        "f-tinh"
    );
    assert_eq!(
        check_field(
            &address(),
            &at("Tỉnh Đắk Lắk", "Phường Tân Lập", "1"),
            today(),
            &VI
        )
        .unwrap_err()
        .input,
        "f-xa"
    );
    assert_eq!(
        check_field(
            &address(),
            &at("Tỉnh Đắk Lắk", "Xã Hòa Phú", " "),
            today(),
            &VI
        )
        .unwrap_err()
        .input,
        "f-so-nha"
    );
    assert_eq!(
        display_value(
            &address(),
            &at("Tỉnh Đắk Lắk", "Phường Ea Kao", "12 Lê Lợi"),
            today(),
            &VI
        ),
        "12 Lê Lợi, Phường Ea Kao, Tỉnh Đắk Lắk"
    );
}

fn business_lines() -> Field {
    Field {
        id: "nganh".into(),
        noun: "ngành nghề kinh doanh".into(),
        main_item: true,
        max_items: Some(3),
        items: vec![
            Field {
                id: "ten".into(),
                noun: "tên ngành".into(),
                kind: FieldKind::Text,
                required: true,
                ..Default::default()
            },
            Field {
                id: "ma".into(),
                noun: "mã ngành".into(),
                kind: FieldKind::Text,
                required: true,
                digits: Some(4),
                ..Default::default()
            },
        ],
        ..field(FieldKind::Group)
    }
}

#[test]
fn business_lines_need_a_four_digit_code_and_one_main_line() {
    let lines = business_lines();
    let mut typed = answers(&[
        ("nganh.1.ten", "Bán lẻ cà phê"),
        ("nganh.1.ma", "4722"),
        ("nganh.2.ten", "Dịch vụ ăn uống"),
        ("nganh.2.ma", "56 10"),
        ("nganh.3.ten", ""),
        ("nganh.3.ma", ""),
        ("nganh.chinh", "2"),
    ]);
    assert_eq!(field_errors(&lines, &typed, today(), &VI), vec![]);
    assert_eq!(filled_items(&lines, &typed), vec![1, 2]);
    assert_eq!(
        display_value(&lines, &typed, today(), &VI),
        "Bán lẻ cà phê – 4722; Dịch vụ ăn uống – 56 10 (chính)"
    );
    typed.insert("nganh.1.ma".into(), "472".into());
    typed.insert("nganh.chinh".into(), "3".into());
    let errors = field_errors(&lines, &typed, today(), &VI);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].input, "nganh.1.ma");
    assert!(errors[0].message.contains("4 chữ số"));
    assert_eq!(errors[1].input, "nganh.chinh");
    let empty = answers(&[("nganh.1.ten", " ")]);
    assert_eq!(
        field_errors(&lines, &empty, today(), &VI)[0].input,
        "nganh.1.ten"
    );
}

#[test]
fn numbers_respect_their_range() {
    let mut count = field(FieldKind::Number);
    count.noun = "số bản sao".into();
    count.min = Some(1);
    count.max = Some(10);
    assert!(check_field(&count, &answers(&[("f", "2")]), today(), &VI).is_ok());
    let error = check_field(&count, &answers(&[("f", "11")]), today(), &VI).unwrap_err();
    assert_eq!(error.message, "Số bản sao phải từ 1 đến 10.");
    assert!(check_field(&count, &answers(&[("f", "hai")]), today(), &VI).is_err());
}

#[test]
fn years_alone_are_checked() {
    let mut year = field(FieldKind::Year);
    year.noun = "năm sinh của mẹ".into();
    assert!(check_field(&year, &answers(&[("f", "1995")]), today(), &VI).is_ok());
    assert!(check_field(&year, &answers(&[("f", "95")]), today(), &VI).is_err());
    assert!(check_field(&year, &answers(&[("f", "2030")]), today(), &VI).is_err());
}
