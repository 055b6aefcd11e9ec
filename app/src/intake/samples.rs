//! Sample documents for the tests of this crate and the server's (feature `samples`): real
//! files built with the same PDF library the check reads them with.

use lopdf::{Document, Object, dictionary};

/// A one-page PDF; `extra` adds entries to its catalog.
pub fn one_page_pdf(extra: impl FnOnce(&mut Document) -> Vec<(&'static str, Object)>) -> Vec<u8> {
    let mut document = Document::with_version("1.5");
    let pages_id = document.new_object_id();
    let page_id = document.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
    for (key, value) in extra(&mut document) {
        catalog.set(key, value);
    }
    let catalog_id = document.add_object(catalog);
    document.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap();
    bytes
}
