//! What the integration tests share: the rules' words, from the app's translation files.
// Each test file uses part of what is here.
#![allow(dead_code)]

use domain::catalog::Catalog;
use domain::{Lang, Procedure, Texts};
use std::path::Path;

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

/// The catalog the app ships (`app/procedures`).
pub fn shipped() -> Catalog {
    Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/procedures"))
        .unwrap_or_else(|error| panic!("{error}"))
}

pub fn procedure<'a>(catalog: &'a Catalog, id: &str) -> &'a Procedure {
    catalog
        .procedure_in(id, Lang::Vi)
        .unwrap_or_else(|| panic!("{id} is missing"))
}
