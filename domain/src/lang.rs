//! The two languages a page can be read in; Vietnamese first.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The code used in `lang` attributes, cookies and translation files.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language tag speech synthesis voices are matched against.
    pub fn speech_tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi-VN",
            Lang::En => "en-US",
        }
    }

    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a speech tag ("en-US" is English; anything else Vietnamese).
    pub fn from_speech_tag(tag: &str) -> Lang {
        if tag.starts_with("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    /// The other language, the one the switch in the header offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}
