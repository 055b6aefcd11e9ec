//! The longest journey through each shipped procedure is accepted and visits every step, and
//! the mistakes a citizen makes in the new procedures are caught in plain words.

use domain::Answers;
use domain::validate::{check_field, check_step};

mod common;
use common::{VI, procedure, shipped};

// The rules' words, from the app's translation files.
rust_i18n::i18n!("../app/locales", fallback = "vi");

fn days_ago(field: &str, days: i64) -> Vec<(String, String)> {
    let date = chrono::Local::now().date_naive() - chrono::Duration::days(days);
    use chrono::Datelike;
    vec![
        (format!("{field}-ngay"), date.day().to_string()),
        (format!("{field}-thang"), date.month().to_string()),
        (format!("{field}-nam"), date.year().to_string()),
    ]
}

fn date(field: &str, day: u32, month: u32, year: i32) -> Vec<(String, String)> {
    vec![
        (format!("{field}-ngay"), day.to_string()),
        (format!("{field}-thang"), month.to_string()),
        (format!("{field}-nam"), year.to_string()),
    ]
}

fn address(field: &str, commune: &str, street: &str) -> Vec<(String, String)> {
    vec![
        (format!("{field}-tinh"), "Tỉnh Đắk Lắk".into()),
        (format!("{field}-xa"), commune.into()),
        (format!("{field}-so-nha"), street.into()),
    ]
}

fn typed(pairs: &[(&str, &str)], more: Vec<Vec<(String, String)>>) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .chain(more.into_iter().flatten())
        .collect()
}

/// Answers for the longest branch of each procedure, as the end-to-end journeys type them.
fn longest_journeys() -> Vec<(&'static str, Answers)> {
    let place = "12 Lê Lợi, Tổ dân phố 3, phường Ea Kao, Đắk Lắk";
    vec![
        (
            "khai-sinh",
            typed(
                &[
                    ("co-quan", "UBND phường Ea Kao"),
                    ("nyc-ho-ten", "Y Bih Niê"),
                    ("nyc-loai-giay-to", "Thẻ căn cước"),
                    ("nyc-so-giay-to", "066 090 012 345"),
                    ("nyc-noi-cap", "Bộ Công an"),
                    ("nyc-cu-tru", place),
                    ("nyc-quan-he", "Cha"),
                    ("nyc-dien-thoai", "0912 345 678"),
                    ("tre-ho-ten", "Y Sao Niê"),
                    ("tre-gioi-tinh", "Nữ"),
                    ("tre-dan-toc", "Ê Đê"),
                    ("tre-quoc-tich", "Việt Nam"),
                    ("tre-noi-sinh", "Bệnh viện Đa khoa vùng Tây Nguyên"),
                    ("tre-que-quan", "Phường Ea Kao, Đắk Lắk"),
                    ("cha-me-xac-dinh", "Đã xác định cả cha và mẹ"),
                    ("me-ho-ten", "H'Hen Niê"),
                    ("me-nam-sinh", "1996"),
                    ("me-so-dinh-danh", "066 196 012 345"),
                    ("me-dan-toc", "Ê Đê"),
                    ("me-quoc-tich", "Việt Nam"),
                    ("me-cu-tru", place),
                    ("cha-ho-ten", "Y Bih Niê"),
                    ("cha-nam-sinh", "1990"),
                    ("cha-so-dinh-danh", "066090012345"),
                    ("cha-dan-toc", "Ê Đê"),
                    ("cha-quoc-tich", "Việt Nam"),
                    ("cha-cu-tru", place),
                    ("gckh-so", "25"),
                    ("gckh-quyen-so", "01/2018"),
                    ("gckh-noi", "Ủy ban nhân dân phường Tân Lợi"),
                    ("ban-sao", "co"),
                    ("so-ban-sao", "2"),
                    ("nhan-ket-qua", "Nhận trực tiếp tại bộ phận một cửa"),
                ],
                vec![
                    date("nyc-ngay-sinh", 5, 6, 1990),
                    date("nyc-ngay-cap", 15, 3, 2021),
                    days_ago("tre-ngay-sinh", 10),
                    date("gckh-ngay", 20, 5, 2018),
                ],
            ),
        ),
        (
            "khai-tu",
            typed(
                &[
                    ("co-quan", "UBND phường Ea Kao"),
                    ("nyc-ho-ten", "Y Bih Niê"),
                    ("nyc-so-dinh-danh", "066 070 012 345"),
                    ("nyc-cu-tru", place),
                    ("nyc-quan-he", "Con"),
                    ("nyc-dien-thoai", "0912 345 678"),
                    ("nm-ho-ten", "H'Ngọc Niê"),
                    ("nm-gioi-tinh", "Nữ"),
                    ("nm-dan-toc", "Ê Đê"),
                    ("nm-quoc-tich", "Việt Nam"),
                    ("nm-cu-tru", place),
                    ("nm-so-dinh-danh", "066145001234"),
                    ("thoi-diem-mat-gio", "14"),
                    ("thoi-diem-mat-phut", "30"),
                    ("noi-mat", "Bệnh viện Đa khoa vùng Tây Nguyên"),
                    ("nguyen-nhan", "Tuổi già"),
                    (
                        "loai-giay-bao-tu",
                        "Giấy báo tử của bệnh viện hoặc trạm y tế",
                    ),
                    ("gbt-so", "125/GBT"),
                    ("gbt-noi-cap", "Bệnh viện Đa khoa vùng Tây Nguyên"),
                    ("ban-sao", "co"),
                    ("so-ban-sao", "2"),
                    ("nhan-ket-qua", "Nhận trực tiếp tại bộ phận một cửa"),
                ],
                vec![
                    date("nyc-ngay-sinh", 5, 6, 1970),
                    date("nyc-ngay-cap", 15, 3, 2021),
                    date("nm-ngay-sinh", 2, 9, 1945),
                    days_ago("thoi-diem-mat", 3),
                    days_ago("gbt-ngay-cap", 2),
                ],
            ),
        ),
        (
            "ket-hon",
            typed(
                &[
                    ("co-quan", "UBND phường Tân Lập"),
                    ("nk-ho-ten", "H'Linh Mlô"),
                    ("nk-dien-thoai", "0912 345 678"),
                    ("nk-email", "hlinh@vidu.vn"),
                    ("nk-dia-chi", place),
                    ("nu-ho-ten", "H'Linh Mlô"),
                    ("nu-dan-toc", "Ê Đê"),
                    ("nu-quoc-tich", "Việt Nam"),
                    ("nu-cu-tru", place),
                    ("nu-so-dinh-danh", "066 300 012 345"),
                    ("nu-da-ket-hon", "co"),
                    ("nu-lan-ket-hon", "2"),
                    ("nu-tinh-trang", "Đã ly hôn"),
                    ("nam-ho-ten", "Nguyễn Văn Bình"),
                    ("nam-dan-toc", "Kinh"),
                    ("nam-quoc-tich", "Việt Nam"),
                    ("nam-cu-tru", "5 Phan Bội Châu, phường Tân Lập, Đắk Lắk"),
                    ("nam-so-dinh-danh", "066098012345"),
                    ("nam-da-ket-hon", "co"),
                    ("nam-lan-ket-hon", "2"),
                    ("nam-tinh-trang", "Vợ trước đã mất"),
                    ("cam-doan", "co"),
                    ("ban-sao", "co"),
                    ("so-ban-sao", "1"),
                ],
                vec![
                    date("nu-ngay-sinh", 8, 3, 2000),
                    date("nam-ngay-sinh", 14, 7, 1998),
                ],
            ),
        ),
        (
            "dang-ky-ho-kinh-doanh",
            typed(
                &[
                    ("co-quan", "UBND phường Ea Kao"),
                    ("hkd-dien-thoai", "0987 654 321"),
                    ("hkd-email", "caphebanme@vidu.vn"),
                    ("nganh-nghe.1.ten", "Dịch vụ phục vụ đồ uống"),
                    ("nganh-nghe.1.ma", "5630"),
                    ("nganh-nghe.2.ten", "Bán lẻ thực phẩm"),
                    ("nganh-nghe.2.ma", "4722"),
                    ("nganh-nghe.chinh", "1"),
                    ("ten-rieng", "Cà Phê Ban Mê"),
                    ("ten-nuoc-ngoai", "Ban Me Coffee"),
                    ("ten-viet-tat", "BMC"),
                    ("chu-ho-ten", "H'Hen Niê"),
                    ("chu-gioi-tinh", "Nữ"),
                    ("chu-dan-toc", "Ê Đê"),
                    ("chu-quoc-tich", "Việt Nam"),
                    ("chu-so-dinh-danh", "066185012345"),
                    ("chi-mot-hkd", "co"),
                    ("chu-cu-tru", place),
                    ("chu-dien-thoai", "0912 345 678"),
                    ("ho-gia-dinh", "co"),
                    ("bb-so-thanh-vien", "3"),
                    (
                        "thanh-vien",
                        "Y Bih Niê, 1983, 066083012345\nH'Ly Niê, 2001, 066301012345",
                    ),
                    ("von", "50.000.000"),
                    ("thue-dia-chi-khac", "co"),
                    ("thue-dia-chi", "5 Phan Bội Châu, phường Tân Lập, Đắk Lắk"),
                    ("thue-lao-dong", "2"),
                    ("nguoi-nop-la-chu-ho", "khong"),
                    ("nn-ho-ten", "Y Bih Niê"),
                    ("nn-so-dinh-danh", "066 083 012 345"),
                    ("nn-dia-chi", place),
                    ("nhan-ket-qua", "Nhận trực tiếp tại bộ phận một cửa"),
                ],
                vec![
                    address("dia-diem", "Phường Ea Kao", "45 Y Jút, Tổ dân phố 2"),
                    date("chu-ngay-sinh", 12, 4, 1985),
                    days_ago("bb-ngay-hop", 7),
                    days_ago("bb-ngay-uy-quyen", 7),
                    days_ago("thue-ngay-bat-dau", -7),
                    date("nn-ngay-sinh", 3, 5, 1983),
                ],
            ),
        ),
        (
            "cap-lai-ho-kinh-doanh",
            typed(
                &[
                    ("co-quan", "UBND phường Tân An"),
                    ("hkd-ten", "Hộ kinh doanh Tạp Hóa Hòa Bình"),
                    ("hkd-ma-so", "066085012345"),
                    ("gcn-so", "066085012345"),
                    (
                        "gcn-noi-cap",
                        "Phòng Tài chính - Kế hoạch thành phố Buôn Ma Thuột",
                    ),
                    ("ly-do", "Bị tiêu hủy dưới hình thức khác"),
                    ("ly-do-chi-tiet", "Bị ngập nước trong trận lũ tháng 10."),
                    ("chu-ho-ten", "Trần Văn Hòa"),
                    ("chu-gioi-tinh", "Nam"),
                    ("chu-so-dinh-danh", "066085012345"),
                    ("chu-dien-thoai", "0912 345 678"),
                    ("nhan-ket-qua", "Nhận qua bưu điện"),
                ],
                vec![
                    date("gcn-ngay-cap", 20, 5, 2019),
                    date("chu-ngay-sinh", 12, 4, 1985),
                ],
            ),
        ),
        (
            "thay-doi-ho-kinh-doanh",
            typed(
                &[
                    ("co-quan", "UBND phường Thành Nhất"),
                    ("hkd-ten", "Hộ kinh doanh Cà Phê Ban Mê"),
                    ("hkd-ma-so", "066085012345"),
                    ("chu-ho-ten", "Trần Văn Hòa"),
                    ("chu-so-dinh-danh", "066085012345"),
                    ("chu-dien-thoai", "0912 345 678"),
                    ("doi-dia-chi", "co"),
                    ("doi-nganh", "co"),
                    ("nganh-nghe-moi.1.ten", "Dịch vụ phục vụ đồ uống"),
                    ("nganh-nghe-moi.1.ma", "5630"),
                    ("nganh-nghe-moi.chinh", "1"),
                    ("doi-ten", "co"),
                    ("ten-moi", "Cà Phê Ban Mê Xưa"),
                    ("doi-chu-ho", "co"),
                    ("ly-do-doi-chu", "Bán hoặc tặng cho hộ kinh doanh"),
                    ("giay-to-doi-chu", "Hợp đồng số 12/2026"),
                    ("chu-moi-ho-ten", "Lê Thị Mai"),
                    ("chu-moi-gioi-tinh", "Nữ"),
                    ("chu-moi-dan-toc", "Kinh"),
                    ("chu-moi-quoc-tich", "Việt Nam"),
                    ("chu-moi-so-dinh-danh", "066192012345"),
                    ("chu-moi-cu-tru", place),
                    ("chu-moi-dien-thoai", "0987 654 321"),
                    ("doi-thong-tin-chu", "co"),
                    (
                        "thong-tin-chu-moi",
                        "Nơi cư trú mới: 12 Lê Lợi, phường Ea Kao.",
                    ),
                    ("doi-von", "co"),
                    ("von-moi", "80 000 000"),
                    ("doi-thue", "co"),
                    ("thue-lao-dong", "3"),
                    ("nhan-ket-qua", "Nhận trực tiếp tại bộ phận một cửa"),
                ],
                vec![
                    date("gcn-ngay-cap", 20, 5, 2019),
                    days_ago("ngay-thay-doi", 5),
                    address("dia-chi-moi", "Phường Thành Nhất", "89 Nguyễn Tất Thành"),
                    date("chu-moi-ngay-sinh", 20, 1, 1992),
                ],
            ),
        ),
        (
            "cham-dut-ho-kinh-doanh",
            typed(
                &[
                    ("co-quan", "UBND xã Hòa Phú"),
                    ("hkd-ten", "Hộ kinh doanh Tạp Hóa Hòa Bình"),
                    ("hkd-ma-so", "066065012345"),
                    (
                        "ly-do",
                        "Chủ hộ đã lớn tuổi, không còn người trông cửa hàng.",
                    ),
                    ("ho-gia-dinh", "co"),
                    ("bb-so-thanh-vien", "3"),
                    ("cam-ket", "co"),
                    ("nn-vai-tro", "Chủ hộ kinh doanh"),
                    ("nn-ho-ten", "Trần Văn Hòa"),
                    ("nn-so-dinh-danh", "066065012345"),
                    ("nn-dia-chi", "Thôn 3, xã Hòa Phú, Đắk Lắk"),
                    ("nn-dien-thoai", "0912 345 678"),
                    ("nhan-ket-qua", "Nhận trực tiếp tại bộ phận một cửa"),
                ],
                vec![
                    date("gcn-ngay-cap", 20, 5, 2019),
                    days_ago("ngay-cham-dut", -6),
                    days_ago("bb-ngay-hop", 10),
                    date("nn-ngay-sinh", 12, 4, 1965),
                ],
            ),
        ),
        (
            "gia-han-giay-phep-xay-dung",
            typed(
                &[
                    ("co-quan", "UBND phường Buôn Ma Thuột"),
                    ("cap-cong-trinh", "Công trình cấp III hoặc cấp IV"),
                    ("cdt-loai", "Cơ quan, tổ chức, doanh nghiệp"),
                    ("cdt-ten", "Công ty TNHH Xây dựng Ban Mê"),
                    ("dd-ho-ten", "Nguyễn Văn An"),
                    ("dd-chuc-vu", "Giám đốc"),
                    ("cdt-dia-chi", "1 Lý Nam Đế, phường Buôn Ma Thuột, Đắk Lắk"),
                    ("cdt-dien-thoai", "0912 345 678"),
                    ("lo-dat-so", "Thửa số 125, tờ bản đồ số 18"),
                    ("lo-dat-dien-tich", "120,5"),
                    ("gp-so", "245/GPXD"),
                    ("gp-co-quan-cap", "Ủy ban nhân dân thành phố Buôn Ma Thuột"),
                    ("lan-gia-han", "Lần thứ nhất"),
                    ("ly-do", "Chưa thu xếp đủ tiền để khởi công."),
                    ("thoi-gian-hoan-thanh", "8"),
                    ("cam-ket", "co"),
                    ("nhan-ket-qua", "Nhận trực tiếp tại bộ phận một cửa"),
                ],
                vec![
                    address(
                        "cong-trinh-dia-chi",
                        "Phường Buôn Ma Thuột",
                        "20 Lý Thường Kiệt",
                    ),
                    days_ago("gp-ngay-cap", 330),
                ],
            ),
        ),
    ]
}

#[test]
fn the_longest_journeys_are_accepted_and_visit_every_step() {
    let catalog = shipped();
    let today = chrono::Local::now().date_naive();
    for (id, answers) in longest_journeys() {
        let p = procedure(&catalog, id);
        for step in p.visible_steps(&answers) {
            let errors = check_step(step, &answers, today, &VI);
            assert!(errors.is_empty(), "{id}: step {}: {errors:?}", step.id);
        }
        let skipped: Vec<&str> = p
            .steps
            .iter()
            .filter(|step| !step.is_visible(&answers))
            .map(|step| step.id.as_str())
            .collect();
        assert!(
            skipped.is_empty(),
            "{id}: the longest branch skips {skipped:?}"
        );
    }
}

#[test]
fn mistakes_in_the_new_procedures_are_caught_with_plain_messages() {
    let catalog = shipped();
    let today = chrono::Local::now().date_naive();
    let journeys = longest_journeys();
    let answers = |id: &str| journeys.iter().find(|(j, _)| *j == id).unwrap().1.clone();
    let message = |id: &str, field: &str, changes: &[(&str, &str)]| {
        let mut typed = answers(id);
        for (input, value) in changes {
            typed.insert(input.to_string(), value.to_string());
        }
        let field = procedure(&catalog, id).field(field).unwrap();
        check_field(field, &typed, today, &VI)
            .err()
            .map(|error| error.message)
            .unwrap_or_default()
    };
    // A groom of 19.
    let year = (today - chrono::Duration::days(19 * 366))
        .format("%Y")
        .to_string();
    let young = message("ket-hon", "nam-ngay-sinh", &[("nam-ngay-sinh-nam", &year)]);
    assert!(young.contains("chưa đủ 20 tuổi"), "{young}");
    // The bride's ID number of someone born in 1999.
    let wrong = message(
        "ket-hon",
        "nu-so-dinh-danh",
        &[("nu-so-dinh-danh", "066199012345")],
    );
    assert!(wrong.contains("không khớp"), "{wrong}");
    // The owner's ID number of a man, for a woman.
    let wrong = message(
        "dang-ky-ho-kinh-doanh",
        "chu-so-dinh-danh",
        &[("chu-so-dinh-danh", "066085012345")],
    );
    assert!(wrong.contains("giới tính"), "{wrong}");
    let code = message(
        "dang-ky-ho-kinh-doanh",
        "nganh-nghe",
        &[("nganh-nghe.2.ma", "472")],
    );
    assert!(code.contains("4 chữ số"), "{code}");
    let unticked = message("cham-dut-ho-kinh-doanh", "cam-ket", &[("cam-ket", "")]);
    assert_eq!(
        unticked,
        "Hãy đánh dấu vào ô để cam kết đã trả hết nợ và thuế."
    );
    let hour = message("khai-tu", "thoi-diem-mat", &[("thoi-diem-mat-gio", "25")]);
    assert!(hour.contains("Giờ phải từ 0 đến 23"), "{hour}");
    let commune = message(
        "gia-han-giay-phep-xay-dung",
        "cong-trinh-dia-chi",
        &[("cong-trinh-dia-chi-xa", "Phường Hà Đông")],
    );
    assert!(commune.contains("xã, phường"), "{commune}");
    // The applicant's ID number is checked against the date of birth now asked.
    let wrong = message(
        "khai-sinh",
        "nyc-so-giay-to",
        &[("nyc-so-giay-to", "066 085 012 345")],
    );
    assert!(wrong.contains("không khớp"), "{wrong}");
    // A 9-digit identity card is refused for the living.
    let old_card = message(
        "khai-sinh",
        "nyc-so-giay-to",
        &[("nyc-so-giay-to", "241234567")],
    );
    assert!(!old_card.is_empty());
    // The ward stops works of grade I with the reason and where to go.
    let grade = message(
        "gia-han-giay-phep-xay-dung",
        "cap-cong-trinh",
        &[(
            "cap-cong-trinh",
            "Công trình cấp đặc biệt, cấp I hoặc cấp II",
        )],
    );
    assert!(grade.contains("Sở Xây dựng"), "{grade}");
    // Optional answers may be left empty.
    assert_eq!(
        message(
            "gia-han-giay-phep-xay-dung",
            "thoi-gian-hoan-thanh",
            &[("thoi-gian-hoan-thanh", "")]
        ),
        ""
    );
    assert_eq!(message("ket-hon", "nk-email", &[("nk-email", "")]), "");
    let email = message("ket-hon", "nk-email", &[("nk-email", "hlinh@vidu")]);
    assert!(email.contains("ten@vidu.vn"), "{email}");
}
