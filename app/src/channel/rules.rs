//! Kiosk rules both sides need: the inactivity timings, the paper the receipt prints on.

use serde::{Deserialize, Serialize};

/// Quiet time before the warning: 2 minutes, long enough to read a question and find a paper.
pub const DEFAULT_IDLE_SECONDS: u32 = 120;
/// How long the warning counts down before the kiosk resets.
pub const DEFAULT_WARNING_SECONDS: u32 = 60;
/// Shorter is only useful in tests; longer leaves a stranger's answers on screen too long.
pub const MIN_SECONDS: u32 = 2;
pub const MAX_IDLE_SECONDS: u32 = 30 * 60;
pub const MAX_WARNING_SECONDS: u32 = 5 * 60;

/// An enrolment link works this long after it was made: long enough to walk to the kiosk.
pub const ENROL_VALID_MINUTES: i64 = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timings {
    pub idle_seconds: u32,
    pub warning_seconds: u32,
}

impl Default for Timings {
    fn default() -> Self {
        Self {
            idle_seconds: DEFAULT_IDLE_SECONDS,
            warning_seconds: DEFAULT_WARNING_SECONDS,
        }
    }
}

impl Timings {
    /// The timings an admin typed, or what to change.
    pub fn new(idle_seconds: u32, warning_seconds: u32) -> Result<Self, String> {
        if !(MIN_SECONDS..=MAX_IDLE_SECONDS).contains(&idle_seconds) {
            return Err(tr!(
                "kiosk.idle_bounds",
                min = MIN_SECONDS,
                max = MAX_IDLE_SECONDS,
                default = DEFAULT_IDLE_SECONDS
            ));
        }
        if !(MIN_SECONDS..=MAX_WARNING_SECONDS).contains(&warning_seconds) {
            return Err(tr!(
                "kiosk.warning_bounds",
                min = MIN_SECONDS,
                max = MAX_WARNING_SECONDS,
                default = DEFAULT_WARNING_SECONDS
            ));
        }
        Ok(Self {
            idle_seconds,
            warning_seconds,
        })
    }

    /// Where the kiosk stands `elapsed_ms` after the last input.
    pub fn phase(self, elapsed_ms: f64) -> Phase {
        let idle = f64::from(self.idle_seconds) * 1000.0;
        let end = idle + f64::from(self.warning_seconds) * 1000.0;
        if elapsed_ms < idle {
            Phase::InUse
        } else if elapsed_ms < end {
            // Counted up: the warning never shows 0 while there is still time.
            Phase::Warning {
                seconds_left: ((end - elapsed_ms) / 1000.0).ceil() as u32,
            }
        } else {
            Phase::Reset
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    InUse,
    Warning { seconds_left: u32 },
    Reset,
}

/// The paper in the kiosk's printer: the receipt page is laid out for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Paper {
    #[default]
    A4,
    A5,
    /// An 80 mm thermal receipt printer.
    Roll80,
}

impl Paper {
    pub const ALL: [Paper; 3] = [Paper::A4, Paper::A5, Paper::Roll80];

    /// As stored, typed on the command line, and used in the receipt's CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A5 => "a5",
            Paper::Roll80 => "80mm",
        }
    }

    /// What the paper is called, in the page's language.
    pub fn label(self) -> String {
        tr!(match self {
            Paper::A4 => "kiosk.paper_a4",
            Paper::A5 => "kiosk.paper_a5",
            Paper::Roll80 => "kiosk.paper_roll80",
        })
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim().to_lowercase();
        Paper::ALL
            .into_iter()
            .find(|paper| paper.as_str() == text || (text == "80" && *paper == Paper::Roll80))
            .ok_or_else(|| tr!("kiosk.paper_unknown", text = text))
    }
}

/// The office and kiosk names an admin typed: trimmed, not empty, not absurdly long.
pub fn clean_name(text: &str, what: &str) -> Result<String, String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(tr!("kiosk.name_missing", what = what));
    }
    if text.chars().count() > 120 {
        return Err(tr!("kiosk.name_too_long", what = what));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warning_counts_down_from_its_length_and_then_the_kiosk_resets() {
        let t = Timings::new(120, 60).unwrap();
        assert_eq!(t.phase(0.0), Phase::InUse);
        assert_eq!(t.phase(119_999.0), Phase::InUse);
        assert_eq!(t.phase(120_000.0), Phase::Warning { seconds_left: 60 });
        assert_eq!(t.phase(120_001.0), Phase::Warning { seconds_left: 60 });
        assert_eq!(t.phase(179_000.0), Phase::Warning { seconds_left: 1 });
        assert_eq!(t.phase(179_999.0), Phase::Warning { seconds_left: 1 });
        assert_eq!(t.phase(180_000.0), Phase::Reset);
        // A tab woken after a long sleep resets at once instead of showing a warning.
        assert_eq!(t.phase(3_600_000.0), Phase::Reset);
    }

    #[test]
    fn timings_outside_sensible_bounds_are_refused_with_the_bounds() {
        assert_eq!(Timings::default(), Timings::new(120, 60).unwrap());
        assert!(Timings::new(3, 3).is_ok());
        assert!(Timings::new(1, 60).unwrap_err().contains("từ 2 đến 1800"));
        assert!(Timings::new(120, 0).unwrap_err().contains("đếm ngược"));
        assert!(Timings::new(120, 301).is_err());
        assert!(Timings::new(1801, 60).is_err());
    }

    #[test]
    fn paper_sizes_read_as_typed() {
        assert_eq!(Paper::parse("A5"), Ok(Paper::A5));
        assert_eq!(Paper::parse(" 80mm "), Ok(Paper::Roll80));
        assert_eq!(Paper::parse("80"), Ok(Paper::Roll80));
        for paper in Paper::ALL {
            assert_eq!(Paper::parse(paper.as_str()), Ok(paper));
        }
        assert!(
            Paper::parse("letter")
                .unwrap_err()
                .contains("a4, a5 hoặc 80mm")
        );
    }

    #[test]
    fn papers_are_named_in_the_page_language() {
        // Outside a request, the page is Vietnamese.
        assert_eq!(Paper::Roll80.label(), "Giấy in nhiệt khổ 80 mm");
        assert_eq!(Paper::A4.label(), "Giấy A4");
        for key in ["kiosk.paper_a4", "kiosk.paper_a5", "kiosk.paper_roll80"] {
            assert_ne!(
                rust_i18n::t!(key, locale = "en"),
                rust_i18n::t!(key, locale = "vi")
            );
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn an_english_reader_gets_english_messages() {
        crate::prefs::as_english_reader(|| {
            assert_eq!(Paper::Roll80.label(), "80 mm thermal paper roll");
            assert_eq!(
                Timings::new(1, 60).unwrap_err(),
                "The waiting time must be from 2 to 1800 seconds (the default is 120)."
            );
            assert_eq!(
                Timings::new(120, 0).unwrap_err(),
                "The countdown must be from 2 to 300 seconds (the default is 60)."
            );
            assert_eq!(
                Paper::parse("letter").unwrap_err(),
                "The paper size must be a4, a5 or 80mm, not “letter”."
            );
            assert_eq!(
                clean_name(" ", "kiosk name"),
                Err("Enter the kiosk name.".into())
            );
        });
    }

    #[test]
    fn names_are_tidied_and_required() {
        assert_eq!(
            clean_name("  Kiosk   sảnh tầng 1 ", "tên kiosk"),
            Ok("Kiosk sảnh tầng 1".into())
        );
        assert_eq!(
            clean_name(" ", "tên kiosk"),
            Err("Hãy nhập tên kiosk.".into())
        );
        assert!(clean_name(&"a".repeat(121), "Tên kiosk").is_err());
    }
}
