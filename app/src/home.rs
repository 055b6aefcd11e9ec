//! The home page: the procedures on offer grouped by life event, a search box that works without
//! JavaScript (`/?tim=ket+hon`), and the way back into a draft.

use crate::filing::{
    ProcedureCard, RESUME_WAIT, ResumeDraft, TOO_MANY_DRAFTS, UNKNOWN_PROCEDURE, list_procedures,
};
use crate::layout::{CodeField, Problem};
use domain::{resume_code, search};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The query parameter of the search box.
pub const SEARCH_PARAM: &str = "tim";
/// The heading of procedures whose data names no life event.
fn other_event() -> String {
    crate::tr!("home.other_event")
}
/// Longest search kept: anything longer is not a search.
const MAX_QUERY_CHARS: usize = 100;

/// The procedures filed under one life event ("Kết hôn", "Kinh doanh hộ gia đình"...).
#[derive(Clone, Debug, PartialEq)]
pub struct LifeEvent {
    pub name: String,
    pub cards: Vec<ProcedureCard>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchOutcome {
    /// No search: every procedure is listed.
    NotSearched,
    /// The search found these many procedures, and only they are listed.
    Found(usize),
    /// Nothing matched: every procedure is listed instead.
    NothingFound,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HomeList {
    /// The search as typed (trimmed), empty when not searching.
    pub query: String,
    pub outcome: SearchOutcome,
    pub groups: Vec<LifeEvent>,
}

/// What the search box looks in: the name, the summary, the life event and the keywords.
fn searched_texts(card: &ProcedureCard) -> Vec<String> {
    [
        card.name.clone(),
        card.summary.clone(),
        card.life_event.clone(),
    ]
    .into_iter()
    .chain(card.keywords.iter().cloned())
    .collect()
}

/// The procedures to list, grouped by life event, narrowed by the search when there is one.
/// A search that finds nothing lists everything, so the citizen can still choose.
pub fn home_list(cards: Vec<ProcedureCard>, query: &str) -> HomeList {
    let query: String = query.trim().chars().take(MAX_QUERY_CHARS).collect();
    let (outcome, chosen) = if search::is_blank(&query) {
        (SearchOutcome::NotSearched, cards)
    } else {
        let found = search::search(&query, &cards, searched_texts);
        if found.is_empty() {
            (SearchOutcome::NothingFound, cards)
        } else {
            let outcome = SearchOutcome::Found(found.len());
            let chosen = cards
                .into_iter()
                .enumerate()
                .filter(|(i, _)| found.contains(i))
                .map(|(_, card)| card)
                .collect();
            (outcome, chosen)
        }
    };
    let other = other_event();
    let mut groups: Vec<LifeEvent> = Vec::new();
    for card in chosen {
        let event = match card.life_event.trim() {
            "" => other.clone(),
            event => event.to_string(),
        };
        match groups.iter_mut().find(|group| group.name == event) {
            Some(group) => group.cards.push(card),
            None => groups.push(LifeEvent {
                name: event,
                cards: vec![card],
            }),
        }
    }
    // The order of the alphabet, diacritics aside (Đ with D), "other" last.
    groups.sort_by_key(|group| (group.name == other, search::fold(&group.name)));
    HomeList {
        query,
        outcome,
        groups,
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let typed_code = query.read_untracked().get("ma");
    let error = query.read_untracked().get("loi");
    let typed_search = query.read_untracked().get(SEARCH_PARAM).unwrap_or_default();
    let resume_error = match (&typed_code, error.as_deref()) {
        (Some(_), Some(RESUME_WAIT)) => Some(tr!("home.resume_wait")),
        (Some(typed), Some(_)) => Some(match resume_code::normalise(typed) {
            Err(problem) => problem.words(&crate::i18n::page()),
            Ok(_) => tr!("home.resume_unknown"),
        }),
        (None, Some("khong-co-ho-so")) => Some(tr!("home.no_draft")),
        _ => None,
    };
    let not_started = match error.as_deref() {
        Some(UNKNOWN_PROCEDURE) => Some(tr!("home.unknown_procedure")),
        Some(TOO_MANY_DRAFTS) => Some(tr!("home.too_many_drafts")),
        _ => None,
    };
    let unknown_procedure = not_started.map(|message| {
        view! {
            <p class="notice" role="alert">
                {message}
            </p>
        }
    });
    view! {
        <h1>{tr!("home.title")}</h1>
        {unknown_procedure}
        <p class="lead">{tr!("home.lead")}</p>
        <Suspense>
            {Suspend::new(async move {
                match list_procedures().await {
                    Ok(cards) => {
                        let list = home_list(cards, &typed_search);
                        view! { <Procedures list /> }.into_any()
                    }
                    Err(error) => view! {
                        <Title text=tr!("home.page_title") />
                        <Problem error />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
        <ResumeForm typed=typed_code.unwrap_or_default() error=resume_error />
        <crate::lookup::HomeLookup />
    }
}

/// The search box, what the search found, and the procedures grouped by life event.
#[component]
fn Procedures(list: HomeList) -> impl IntoView {
    let HomeList {
        query,
        outcome,
        groups,
    } = list;
    let title = match outcome {
        SearchOutcome::NotSearched => tr!("home.page_title"),
        _ => tr!("home.search_page_title", query = query),
    };
    let result = match outcome {
        SearchOutcome::NotSearched => None,
        SearchOutcome::Found(count) => Some(
            view! {
                <div class="search-result" role="status">
                    <p class="lead">{tr!("home.found", count = count, query = query)}</p>
                    <p><a href="/">{tr!("home.see_all")}</a></p>
                </div>
            }
            .into_any(),
        ),
        SearchOutcome::NothingFound => Some(
            view! {
                <div class="notice search-result" role="status">
                    <p>{tr!("home.nothing_found", query = query)}</p>
                    <p>{tr!("home.try_again")}</p>
                </div>
            }
            .into_any(),
        ),
    };
    view! {
        <Title text=title />
        <SearchForm query=query />
        {result}
        {groups
            .into_iter()
            .enumerate()
            .map(|(i, group)| {
                let heading = format!("viec-{}", i + 1);
                let labelled_by = heading.clone();
                view! {
                    <section class="life-event" aria-labelledby=labelled_by>
                        <h2 id=heading>{group.name}</h2>
                        <ul class="procedures">
                            {group.cards.into_iter().map(|card| view! { <Card card /> }).collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()}
    }
}

#[component]
fn SearchForm(query: String) -> impl IntoView {
    view! {
        <form method="get" action="/" role="search" class="search">
            <div class="field">
                <label class="label" for=SEARCH_PARAM>{tr!("home.search_label")}</label>
                <p class="hint" id="tim-goi-y">
                    {tr!("home.search_hint")}
                </p>
                <input
                    class="input"
                    id=SEARCH_PARAM
                    name=SEARCH_PARAM
                    type="search"
                    autocomplete="off"
                    value=query
                    aria-describedby="tim-goi-y"
                />
            </div>
            <button type="submit" class="button button--secondary">{tr!("home.search_button")}</button>
        </form>
    }
}

#[component]
fn Card(card: ProcedureCard) -> impl IntoView {
    view! {
        <li class="procedure">
            <h3 class="procedure__name">
                <a href=format!("/thu-tuc/{}", card.id)>{card.name}</a>
            </h3>
            <p>{card.summary}</p>
            <dl class="procedure__facts">
                {(!card.office_level.is_empty()).then(|| view! {
                    <div><dt>{tr!("card.office")}</dt><dd>{card.office_level}</dd></div>
                })}
                <div><dt>{tr!("card.time")}</dt><dd>{card.processing}</dd></div>
                <div><dt>{tr!("card.fee")}</dt><dd>{card.fee}</dd></div>
            </dl>
            <details class="details">
                <summary>{tr!("card.documents")}</summary>
                <ul class="list">
                    {card.documents.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                </ul>
            </details>
        </li>
    }
}

#[component]
fn ResumeForm(typed: String, error: Option<String>) -> impl IntoView {
    view! {
        <section class="resume" id="tiep-tuc" aria-labelledby="tiep-tuc-tieu-de">
            <h2 id="tiep-tuc-tieu-de">{tr!("home.resume_title")}</h2>
            <form method="post" action=ResumeDraft::url()>
                <CodeField
                    id="ma"
                    label=tr!("home.resume_label")
                    hint=tr!("home.resume_hint")
                    typed
                    error
                />
                <button type="submit" class="button button--secondary">{tr!("home.resume_button")}</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: &str, name: &str, life_event: &str, keywords: &[&str]) -> ProcedureCard {
        ProcedureCard {
            id: id.into(),
            name: name.into(),
            summary: String::new(),
            processing: "Trong ngày làm việc".into(),
            fee: "Miễn phí".into(),
            authority: String::new(),
            result: String::new(),
            documents: vec![],
            life_event: life_event.into(),
            office_level: "Ủy ban nhân dân xã, phường".into(),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
        }
    }

    fn cards() -> Vec<ProcedureCard> {
        vec![
            card(
                "cap-lai",
                "Cấp lại giấy chứng nhận",
                "Kinh doanh hộ gia đình",
                &[],
            ),
            card("ket-hon", "Đăng ký kết hôn", "Kết hôn", &["cưới"]),
            card("khai-sinh", "Đăng ký khai sinh", "Sinh con", &[]),
            card(
                "dang-ky",
                "Đăng ký hộ kinh doanh",
                "Kinh doanh hộ gia đình",
                &["mở quán"],
            ),
            card("khac", "Thủ tục mới", "", &[]),
        ]
    }

    fn names(list: &HomeList) -> Vec<(&str, Vec<&str>)> {
        list.groups
            .iter()
            .map(|group| {
                let ids = group.cards.iter().map(|card| card.id.as_str()).collect();
                (group.name.as_str(), ids)
            })
            .collect()
    }

    #[test]
    fn without_a_search_every_procedure_is_listed_by_life_event() {
        let list = home_list(cards(), "  ");
        assert_eq!(list.outcome, SearchOutcome::NotSearched);
        assert_eq!(
            names(&list),
            vec![
                ("Kết hôn", vec!["ket-hon"]),
                ("Kinh doanh hộ gia đình", vec!["cap-lai", "dang-ky"]),
                ("Sinh con", vec!["khai-sinh"]),
                ("Thủ tục khác", vec!["khac"]),
            ]
        );
    }

    #[test]
    fn a_search_lists_only_what_it_finds() {
        for query in ["ket hon", "KẾT HÔN", "kethon", "cuoi"] {
            let list = home_list(cards(), query);
            assert_eq!(list.outcome, SearchOutcome::Found(1), "{query}");
            assert_eq!(names(&list), vec![("Kết hôn", vec!["ket-hon"])], "{query}");
        }
        let list = home_list(cards(), " mo quan ");
        assert_eq!(list.query, "mo quan");
        assert_eq!(
            names(&list),
            vec![("Kinh doanh hộ gia đình", vec!["dang-ky"])]
        );
    }

    #[test]
    fn a_search_that_finds_nothing_says_so_and_lists_everything() {
        let list = home_list(cards(), "hộ chiếu");
        assert_eq!(list.outcome, SearchOutcome::NothingFound);
        assert_eq!(list.groups.iter().map(|g| g.cards.len()).sum::<usize>(), 5);
    }

    #[test]
    fn a_very_long_search_is_cut() {
        let list = home_list(cards(), &"a".repeat(500));
        assert_eq!(list.query.chars().count(), MAX_QUERY_CHARS);
    }
}
