//! What the integration tests share: the rules' words, from the app's translation files.

use domain::{Lang, Texts};

pub struct Vietnamese;

pub const VI: Vietnamese = Vietnamese;

impl Texts for Vietnamese {
    fn lang(&self) -> Lang {
        Lang::Vi
    }

    fn template(&self, key: &str) -> String {
        rust_i18n::t!(key, locale = "vi").into_owned()
    }
}
