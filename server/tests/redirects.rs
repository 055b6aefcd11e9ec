//! No address of ours sends a browser to another site, however the path is disguised
//! (browsers drop tabs and newlines from a URL and read `\` as `/`).

mod common;

use axum::http::StatusCode;
use common::site;

const DISGUISED: [&str; 4] = [
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%5Cevil.example",
    "%2F%2Fevil.example",
];

/// The links and form return addresses of a page that lead to the evil site.
fn to_evil(body: &str) -> Vec<String> {
    ["href=\"", "name=\"tiep\" value=\""]
        .iter()
        .flat_map(|start| body.split(start).skip(1))
        .map(|rest| rest.split('"').next().unwrap_or("").to_string())
        .filter(|to| to.contains("evil"))
        .collect()
}

#[tokio::test]
async fn the_not_sent_page_links_back_only_to_this_site() {
    let site = site().await;
    for back in DISGUISED {
        let page = site
            .get(&format!("/chua-gui-duoc?trang={back}"), None)
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let evil = to_evil(&page.body);
        assert!(evil.is_empty(), "{back}: {evil:?}");
    }
}

#[tokio::test]
async fn a_change_of_language_goes_back_only_to_this_site() {
    let site = site().await;
    for back in DISGUISED {
        let answer = site
            .post_form("/api/tuy-chon", &format!("ve={back}&ngon_ngu=en"), None)
            .await;
        assert_eq!(answer.location(), Some("/"), "{back}");
    }
}

/// Addresses with a raw `\` (allowed in a request's path and query), which browsers read as `/`.
const RAW: [&str; 2] = ["/thu-tuc/khai-sinh?x=/\\evil.example", "/\\evil.example"];

#[tokio::test]
async fn the_language_switch_never_echoes_a_disguised_address() {
    let site = site().await;
    for address in RAW {
        let page = site.get(address, None).await;
        let back = page
            .body
            .split("name=\"ve\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{address:?}: no return address: {}", page.body));
        assert!(
            app::paths::local_path(back).is_some(),
            "{address:?}: {back:?}"
        );
    }
}

#[tokio::test]
async fn signing_in_goes_on_only_to_this_site() {
    let site = site().await;
    for back in DISGUISED {
        let page = site
            .get(&format!("/can-bo/dang-nhap?tiep={back}"), None)
            .await;
        let evil = to_evil(&page.body);
        assert!(evil.is_empty(), "{back}: {evil:?}");
    }
}
