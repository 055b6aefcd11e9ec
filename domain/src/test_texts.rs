//! The rules' words for tests, from app/locales (the same files the server reads).

use crate::{Lang, Texts};

pub struct Words(pub Lang);

pub const VI: Words = Words(Lang::Vi);

impl Texts for Words {
    fn lang(&self) -> Lang {
        self.0
    }

    fn template(&self, key: &str) -> String {
        rust_i18n::t!(key, locale = self.0.code()).into_owned()
    }
}
