//! Demo data: a birth registration filled up to the check-answers page, to show the service.

use crate::drafts::store;
use crate::i18n::PageCatalog;
use crate::state::AppState;
use domain::procedure::Answers;

/// Creates the demo draft and returns its resume code.
pub async fn seed(state: &AppState) -> Result<Option<String>, store::StoreError> {
    if state.catalog.procedure("khai-sinh").is_none() {
        return Ok(None);
    }
    let answers: Answers = [
        ("co-quan", "UBND phường Buôn Ma Thuột"),
        ("nyc-ho-ten", "Nguyễn Văn Bình"),
        ("nyc-ngay-sinh-ngay", "5"),
        ("nyc-ngay-sinh-thang", "6"),
        ("nyc-ngay-sinh-nam", "1990"),
        ("nyc-loai-giay-to", "Thẻ căn cước"),
        ("nyc-so-giay-to", "066 090 012 345"),
        ("nyc-noi-cap", "Bộ Công an"),
        ("nyc-ngay-cap-ngay", "15"),
        ("nyc-ngay-cap-thang", "3"),
        ("nyc-ngay-cap-nam", "2021"),
        (
            "nyc-cu-tru",
            "12 Lý Nam Đế, Tổ dân phố 3, phường Buôn Ma Thuột, Đắk Lắk",
        ),
        ("nyc-quan-he", "Cha"),
        ("nyc-dien-thoai", "0912 345 678"),
        ("tre-ho-ten", "Nguyễn Minh An"),
        ("tre-ngay-sinh-ngay", "2"),
        ("tre-ngay-sinh-thang", "11"),
        ("tre-ngay-sinh-nam", "2026"),
        ("tre-gioi-tinh", "Nam"),
        ("tre-dan-toc", "Kinh"),
        ("tre-quoc-tich", "Việt Nam"),
        (
            "tre-noi-sinh",
            "Bệnh viện Đa khoa vùng Tây Nguyên, phường Tân An, Đắk Lắk",
        ),
        ("tre-que-quan", "Phường Buôn Ma Thuột, Đắk Lắk"),
        ("cha-me-xac-dinh", "Đã xác định cả cha và mẹ"),
        ("me-ho-ten", "H'Hen Niê"),
        ("me-nam-sinh", "1996"),
        ("me-so-dinh-danh", "066 196 012 345"),
        ("me-dan-toc", "Ê Đê"),
        ("me-quoc-tich", "Việt Nam"),
        (
            "me-cu-tru",
            "12 Lý Nam Đế, Tổ dân phố 3, phường Buôn Ma Thuột, Đắk Lắk",
        ),
        ("cha-ho-ten", "Nguyễn Văn Bình"),
        ("cha-nam-sinh", "1990"),
        ("cha-so-dinh-danh", "066 090 012 345"),
        ("cha-dan-toc", "Kinh"),
        ("cha-quoc-tich", "Việt Nam"),
        (
            "cha-cu-tru",
            "12 Lý Nam Đế, Tổ dân phố 3, phường Buôn Ma Thuột, Đắk Lắk",
        ),
        ("gckh-so", "25"),
        ("gckh-quyen-so", "01/2018"),
        ("ban-sao", "co"),
        ("so-ban-sao", "2"),
        ("nhan-ket-qua", "Nhận trực tiếp tại bộ phận một cửa"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let code = crate::random::resume_code();
    store::create_draft(&state.db, "khai-sinh", &code, &answers, crate::state::now()).await?;
    Ok(Some(code))
}
