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
    /// Digits 1-3 name no province (001-096).
    UnknownProvince,
}

/// Province codes run from 001 (Hà Nội) to 096 (Cà Mau).
const LAST_PROVINCE: u16 = 96;

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
            if province == 0 || province > LAST_PROVINCE {
                return Err(IdProblem::UnknownProvince);
            }
            let code = number(3..4);
            let century = 1900 + 100 * i32::from(code / 2);
            let century = if code >= 8 { 1800 } else { century };
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
    fn legacy_cards_only_where_the_form_allows() {
        assert_eq!(parse("241 234 567", true), Ok(IdNumber::Legacy));
        assert_eq!(parse("241234567", false), Err(IdProblem::LegacyNotAccepted));
    }
}
