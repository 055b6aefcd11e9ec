//! Personal ID numbers (CCCD): 12 digits, no check digit. Digits 1-3 are the province where the
//! birth was registered, digit 4 the century and sex, digits 5-6 the last two digits of the
//! birth year (Decree 137/2015 Art. 13, Circular 59/2021/TT-BCA). Legacy identity cards (CMND)
//! had 9 digits and encode nothing we can check.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdNumber {
    Citizen {
        province: u16,
        sex: Sex,
        birth_year: i32,
    },
    Legacy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdProblem {
    NotDigits,
    WrongLength,
    LegacyNotAccepted,
    /// Digits 1-3 name none of the 63 provinces.
    UnknownProvince,
}

/// The province codes of the birth registration (Circular 07/2016/TT-BCA, Annex 1): 63 codes
/// from 001 to 096 with gaps. The 2025 mergers changed no number already issued, so the old
/// provinces stay here.
pub const PROVINCES: [(u16, &str); 63] = [
    (1, "Hà Nội"),
    (2, "Hà Giang"),
    (4, "Cao Bằng"),
    (6, "Bắc Kạn"),
    (8, "Tuyên Quang"),
    (10, "Lào Cai"),
    (11, "Điện Biên"),
    (12, "Lai Châu"),
    (14, "Sơn La"),
    (15, "Yên Bái"),
    (17, "Hòa Bình"),
    (19, "Thái Nguyên"),
    (20, "Lạng Sơn"),
    (22, "Quảng Ninh"),
    (24, "Bắc Giang"),
    (25, "Phú Thọ"),
    (26, "Vĩnh Phúc"),
    (27, "Bắc Ninh"),
    (30, "Hải Dương"),
    (31, "Hải Phòng"),
    (33, "Hưng Yên"),
    (34, "Thái Bình"),
    (35, "Hà Nam"),
    (36, "Nam Định"),
    (37, "Ninh Bình"),
    (38, "Thanh Hóa"),
    (40, "Nghệ An"),
    (42, "Hà Tĩnh"),
    (44, "Quảng Bình"),
    (45, "Quảng Trị"),
    (46, "Thừa Thiên Huế"),
    (48, "Đà Nẵng"),
    (49, "Quảng Nam"),
    (51, "Quảng Ngãi"),
    (52, "Bình Định"),
    (54, "Phú Yên"),
    (56, "Khánh Hòa"),
    (58, "Ninh Thuận"),
    (60, "Bình Thuận"),
    (62, "Kon Tum"),
    (64, "Gia Lai"),
    (66, "Đắk Lắk"),
    (67, "Đắk Nông"),
    (68, "Lâm Đồng"),
    (70, "Bình Phước"),
    (72, "Tây Ninh"),
    (74, "Bình Dương"),
    (75, "Đồng Nai"),
    (77, "Bà Rịa - Vũng Tàu"),
    (79, "Hồ Chí Minh"),
    (80, "Long An"),
    (82, "Tiền Giang"),
    (83, "Bến Tre"),
    (84, "Trà Vinh"),
    (86, "Vĩnh Long"),
    (87, "Đồng Tháp"),
    (89, "An Giang"),
    (91, "Kiên Giang"),
    (92, "Cần Thơ"),
    (93, "Hậu Giang"),
    (94, "Sóc Trăng"),
    (95, "Bạc Liêu"),
    (96, "Cà Mau"),
];

/// Whether an ID number may open with `code`. A bit per code from 0 to 127, not the table of
/// names: the browser's check needs no province name (nearly 1 KB of the citizen's download).
pub fn is_province(code: u16) -> bool {
    const KNOWN: u128 = {
        let mut bits = 0u128;
        let mut i = 0;
        while i < PROVINCES.len() {
            bits |= 1 << PROVINCES[i].0;
            i += 1;
        }
        bits
    };
    code < 128 && KNOWN & (1 << code) != 0
}

/// The province whose code opens an ID number, by the name it had when the code was given.
pub fn province_name(code: u16) -> Option<&'static str> {
    PROVINCES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, name)| *name)
}

/// Reads an ID number as typed: spaces and dots allowed.
pub fn parse(typed: &str, allow_legacy: bool) -> Result<IdNumber, IdProblem> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(IdProblem::NotDigits);
    }
    match digits.len() {
        12 => {
            let number = |range: std::ops::Range<usize>| digits[range].parse::<u16>().unwrap_or(0);
            let province = number(0..3);
            if !is_province(province) {
                return Err(IdProblem::UnknownProvince);
            }
            // 0/1 the 1900s, 2/3 the 2000s ... 8/9 the 2300s (Circular 07/2016/TT-BCA).
            let code = number(3..4);
            let century = 1900 + 100 * i32::from(code / 2);
            let sex = if code % 2 == 0 {
                Sex::Male
            } else {
                Sex::Female
            };
            Ok(IdNumber::Citizen {
                province,
                sex,
                birth_year: century + i32::from(number(4..6)),
            })
        }
        9 if allow_legacy => Ok(IdNumber::Legacy),
        9 => Err(IdProblem::LegacyNotAccepted),
        _ => Err(IdProblem::WrongLength),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_century_sex_and_year() {
        assert_eq!(
            parse("066 190 012 345", false),
            Ok(IdNumber::Citizen {
                province: 66,
                sex: Sex::Female,
                birth_year: 1990
            })
        );
        assert_eq!(
            parse("001205000001", false),
            Ok(IdNumber::Citizen {
                province: 1,
                sex: Sex::Male,
                birth_year: 2005
            })
        );
        assert_eq!(
            parse("079301000001", false),
            Ok(IdNumber::Citizen {
                province: 79,
                sex: Sex::Female,
                birth_year: 2001
            })
        );
    }

    #[test]
    fn refuses_what_cannot_be_an_id() {
        assert_eq!(parse("06619001234", false), Err(IdProblem::WrongLength));
        assert_eq!(parse("06619001234a", false), Err(IdProblem::NotDigits));
        assert_eq!(
            parse("000190012345", false),
            Err(IdProblem::UnknownProvince)
        );
        assert_eq!(
            parse("099190012345", false),
            Err(IdProblem::UnknownProvince)
        );
    }

    #[test]
    fn only_the_63_province_codes_are_accepted() {
        // 048 Đà Nẵng and 066 Đắk Lắk are real; 003 and 050 fall in the gaps of the list.
        assert!(parse("048190012345", false).is_ok());
        assert!(parse("066190012345", false).is_ok());
        for gap in ["003", "050", "097"] {
            assert_eq!(
                parse(&format!("{gap}190012345"), false),
                Err(IdProblem::UnknownProvince),
                "{gap}"
            );
        }
        assert_eq!(PROVINCES.len(), 63);
        for code in 0..1000 {
            assert_eq!(is_province(code), province_name(code).is_some(), "{code}");
        }
    }

    #[test]
    fn century_digits_8_and_9_mean_the_2300s() {
        assert_eq!(
            parse("001800000001", false),
            Ok(IdNumber::Citizen {
                province: 1,
                sex: Sex::Male,
                birth_year: 2300
            })
        );
        assert_eq!(
            parse("001905000001", false),
            Ok(IdNumber::Citizen {
                province: 1,
                sex: Sex::Female,
                birth_year: 2305
            })
        );
    }

    #[test]
    fn legacy_cards_only_where_the_form_allows() {
        assert_eq!(parse("241 234 567", true), Ok(IdNumber::Legacy));
        assert_eq!(parse("241234567", false), Err(IdProblem::LegacyNotAccepted));
    }
}
