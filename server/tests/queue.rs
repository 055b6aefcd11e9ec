//! A clerk's queue through the real router: pages in a stable order whose links work without
//! JavaScript, so a flood of new dossiers never pushes one out of reach; every view of it and
//! every search by ID number in the audit log, with the client address.

mod common;

use app::staff::Role;
use axum::http::StatusCode;
use common::office::*;
use common::site;

/// Which of `codes` a page links to.
fn listed<'a>(body: &str, codes: &'a [String]) -> Vec<&'a str> {
    codes
        .iter()
        .filter(|code| body.contains(&format!(r#"href="/can-bo/ho-so/{code}""#)))
        .map(String::as_str)
        .collect()
}

#[tokio::test]
async fn sixty_dossiers_make_two_pages_and_every_one_is_reachable_by_plain_links() {
    let site = site().await;
    let clerk = signed_in(&site, "chuyen.vien", Role::Clerk, OFFICE_A).await;
    let ours: Vec<String> = submitted(&site, OFFICE_A, 60, 21)
        .await
        .into_iter()
        .map(|d| d.code)
        .collect();
    submitted(&site, OFFICE_B, 5, 22).await;

    let first = site.get("/can-bo/ho-so", Some(&clerk)).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(
        first.body.contains("Hồ sơ 1–50 trong 60 hồ sơ"),
        "{}",
        first.body
    );
    assert!(first.body.contains("Trang 1/2"), "{}", first.body);
    assert!(first.body.contains(r#"href="/can-bo/ho-so?trang=2""#));
    let on_first = listed(&first.body, &ours);
    assert_eq!(on_first.len(), 50);

    let second = site.get("/can-bo/ho-so?trang=2", Some(&clerk)).await;
    assert!(
        second.body.contains("Hồ sơ 51–60 trong 60 hồ sơ"),
        "{}",
        second.body
    );
    assert!(second.body.contains(r#"href="/can-bo/ho-so""#));
    let on_second = listed(&second.body, &ours);
    assert_eq!(on_second.len(), 10);
    let mut all: Vec<&str> = on_first.iter().chain(&on_second).copied().collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 60, "every dossier on exactly one page");

    // The same order from one view to the next.
    let again = site.get("/can-bo/ho-so", Some(&clerk)).await;
    assert_eq!(listed(&again.body, &ours), on_first);
    // Past the end: the last page. Nonsense: the first.
    let past = site.get("/can-bo/ho-so?trang=9", Some(&clerk)).await;
    assert_eq!(listed(&past.body, &ours), on_second);
    let nonsense = site.get("/can-bo/ho-so?trang=abc", Some(&clerk)).await;
    assert_eq!(listed(&nonsense.body, &ours), on_first);
    // The filters stay in the page links.
    let filtered = site
        .get("/can-bo/ho-so?trang_thai=tat-ca", Some(&clerk))
        .await;
    assert!(
        filtered
            .body
            .contains(r#"href="/can-bo/ho-so?trang_thai=tat-ca&amp;trang=2""#),
        "{}",
        filtered.body
    );
}

#[tokio::test]
async fn queue_views_and_searches_by_id_number_are_in_the_audit_log_with_the_client() {
    let site = site().await;
    let clerk = signed_in(&site, "chuyen.vien", Role::Clerk, OFFICE_A).await;
    let dossiers = submitted(&site, OFFICE_A, 8, 23).await;
    let (dossier, id_number) = dossiers
        .iter()
        .find_map(|d| {
            let procedure = site
                .catalog
                .procedure_in(&d.procedure_id, app::prefs::Lang::Vi)?;
            let field = procedure.applicant.id_number.as_ref()?;
            Some((d, d.answers.get(field)?.clone()))
        })
        .expect("a dossier with an ID number");

    get_from(&site, "/can-bo/ho-so", &clerk, [192, 0, 2, 44]).await;
    // Typed as people do, in groups of three.
    let typed: String = id_number
        .chars()
        .collect::<Vec<_>>()
        .chunks(3)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("%20");
    let search = get_from(
        &site,
        &format!("/can-bo/ho-so?tim={typed}"),
        &clerk,
        [192, 0, 2, 44],
    )
    .await;
    assert!(search.body.contains(&dossier.code), "{}", search.body);
    get_from(&site, "/can-bo/ho-so?tim=nguyen", &clerk, [192, 0, 2, 45]).await;

    let views = logged(&site, "view_queue").await;
    assert_eq!(views.len(), 2, "{views:#?}");
    assert_eq!(views[0].client, "192.0.2.44");
    assert_eq!(views[0].subject, OFFICE_A);
    assert!(views[0].detail.contains("Trang 1/1, 8 hồ sơ"), "{views:#?}");
    assert_eq!(views[1].client, "192.0.2.45");
    assert!(views[1].detail.contains("“nguyen”"), "{views:#?}");

    let searches = logged(&site, "search_id_number").await;
    assert_eq!(searches.len(), 1, "{searches:#?}");
    assert_eq!(searches[0].subject, id_number);
    assert_eq!(searches[0].client, "192.0.2.44");
    assert!(!searches[0].staff_id.is_empty());
}
