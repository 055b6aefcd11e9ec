//! Fuzz: thousands of generated requests against the real router (in process, on a fresh SQLite
//! file): valid form posts of every step, the same posts mutated (fields dropped, added, nested,
//! wrongly typed, over-long, badly encoded, not UTF-8, multipart, wrong content type, too large,
//! from another site), random bodies, wrong methods, and page requests with odd addresses.
//!
//! Asserts: no 5xx, no panic, no internal (English) error text in any answer, refusals where
//! refusals are due; and afterwards every stored dossier passes the rules on every step it
//! files, and every draft holds only inputs of its procedure, each of a bounded length.
//!
//! `MC_FUZZ_REQUESTS` (default 10000) and `MC_FUZZ_SEED` (default: random, printed) replay a run.

#[path = "../common/mod.rs"]
mod common;

use axum::body::{Body, Bytes};
use axum::http::{Method, Request, StatusCode, header};
use common::{Answer, HOST, ORIGIN, site};
use domain::procedure::{Answers, Field, FieldKind, NO, Procedure, Step, YES};
use domain::validate::check_step;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sqlx::Row;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Longest answer the server keeps for one input (domain::answers::MAX_INPUT_CHARS).
const MAX_INPUT_CHARS: usize = 2000;

/// Citizens started before the run; most valid answers are theirs.
const DILIGENT: usize = 4;

/// Texts internal errors would show; none may reach a citizen.
const INTERNAL_TEXTS: [&str; 8] = [
    "panicked",
    "server function",
    "error deserializing",
    "error running",
    "Args|",
    "MissingArg|",
    "Deserialization|",
    "ServerError|",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    ValidStep,
    MutatedStep,
    Multipart,
    Start,
    Submit,
    Resume,
    Loader,
    RandomBody,
    TooLarge,
    CrossSite,
    WrongMethod,
    Page,
}

const KINDS: [(Kind, u32); 12] = [
    (Kind::ValidStep, 22),
    (Kind::MutatedStep, 24),
    (Kind::Multipart, 4),
    (Kind::Start, 4),
    (Kind::Submit, 6),
    (Kind::Resume, 5),
    (Kind::Loader, 4),
    (Kind::RandomBody, 6),
    (Kind::TooLarge, 2),
    (Kind::CrossSite, 4),
    (Kind::WrongMethod, 4),
    (Kind::Page, 15),
];

struct Fuzzer {
    rng: StdRng,
    procedure: Procedure,
    /// Draft cookies ("mc_ho_so=CODE") this run has started.
    cookies: Vec<String>,
}

/// What to send, and what the answer must be beyond "not a 5xx".
struct Case {
    kind: Kind,
    request: Request<Body>,
    expect: Option<StatusCode>,
}

mod cases;
mod values;

#[tokio::test]
async fn ten_thousand_hostile_requests_break_nothing() {
    let requests: usize = std::env::var("MC_FUZZ_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let seed: u64 = std::env::var("MC_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(rand::random);
    println!("fuzz: {requests} requests, MC_FUZZ_SEED={seed}");

    // A panic anywhere (a spawned rendering task too) is counted, not only one in this task.
    let panics = Arc::new(AtomicUsize::new(0));
    let previous = std::panic::take_hook();
    let counter = panics.clone();
    std::panic::set_hook(Box::new(move |info| {
        counter.fetch_add(1, Ordering::SeqCst);
        previous(info);
    }));

    let site = site().await;
    let procedure = site
        .catalog
        .procedure_in("khai-sinh", domain::Lang::Vi)
        .unwrap()
        .clone();
    let mut fuzzer = Fuzzer {
        rng: StdRng::seed_from_u64(seed),
        procedure,
        cookies: Vec::new(),
    };
    // A few citizens to begin with; more start as the run goes.
    for _ in 0..DILIGENT * 2 {
        fuzzer.cookies.push(site.start().await);
    }

    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for n in 0..requests {
        let case = fuzzer.case();
        let described = format!(
            "request {n} ({:?} {} {})",
            case.kind,
            case.request.method(),
            case.request.uri()
        );
        let answer = Answer::read(site.send(case.request).await).await;
        *statuses.entry(answer.status.as_u16()).or_default() += 1;
        *kinds.entry(format!("{:?}", case.kind)).or_default() += 1;
        assert!(
            answer.status.as_u16() < 500,
            "{described}, seed {seed}: {} {}",
            answer.status,
            answer.body
        );
        if let Some(expected) = case.expect {
            assert_eq!(answer.status, expected, "{described}, seed {seed}");
        }
        for text in INTERNAL_TEXTS {
            assert!(
                !answer.body.contains(text),
                "{described}, seed {seed}: the answer shows {text:?}: {}",
                answer.body
            );
        }
        if let Some(cookie) = answer.cookie()
            && !fuzzer.cookies.contains(&cookie)
        {
            fuzzer.cookies.push(cookie);
        }
    }
    let _ = std::panic::take_hook();
    assert_eq!(panics.load(Ordering::SeqCst), 0, "panics during the run");

    let (drafts, dossiers) = check_stored(&site).await;
    println!("fuzz: requests by kind: {kinds:?}");
    println!("fuzz: status codes seen: {statuses:?}");
    println!("fuzz: {drafts} drafts stored, {dossiers} dossiers submitted, all within the rules");
    assert!(
        dossiers > 0,
        "the run should reach submission at least once"
    );
}

/// Every draft holds only inputs of its procedure, each of a bounded length; every dossier's
/// answers pass the rules of every step it files. Returns the counts.
async fn check_stored(site: &common::Site) -> (usize, usize) {
    let today = app::state::today();
    let drafts = sqlx::query("SELECT procedure_id, answers FROM drafts")
        .fetch_all(&site.db.pool)
        .await
        .unwrap();
    for row in &drafts {
        let procedure = procedure_of(site, &row.try_get::<String, _>("procedure_id").unwrap());
        let answers: Answers = serde_json::from_str(&row.try_get::<String, _>("answers").unwrap())
            .expect("answers stay valid JSON");
        let inputs: Vec<String> = procedure
            .steps
            .iter()
            .flat_map(|step| &step.fields)
            .flat_map(|field| field.inputs())
            .collect();
        for (input, value) in &answers {
            assert!(
                inputs.contains(input),
                "a draft holds the unknown input {input:?}"
            );
            assert!(
                value.chars().count() <= MAX_INPUT_CHARS,
                "{input} is too long"
            );
        }
    }
    let dossiers = sqlx::query("SELECT code, procedure_id, answers FROM dossiers")
        .fetch_all(&site.db.pool)
        .await
        .unwrap();
    for row in &dossiers {
        let code: String = row.try_get("code").unwrap();
        let procedure = procedure_of(site, &row.try_get::<String, _>("procedure_id").unwrap());
        let answers: Answers =
            serde_json::from_str(&row.try_get::<String, _>("answers").unwrap()).unwrap();
        assert_eq!(
            procedure.filed_answers(&answers),
            answers,
            "dossier {code} files answers of steps it skips"
        );
        for step in procedure.visible_steps(&answers) {
            let errors = check_step(step, &answers, today, &app::i18n::page());
            assert!(
                errors.is_empty(),
                "dossier {code}, step {}: {errors:?}",
                step.id
            );
        }
    }
    (drafts.len(), dossiers.len())
}

fn procedure_of(site: &common::Site, id: &str) -> Procedure {
    site.catalog
        .procedure_in(id, domain::Lang::Vi)
        .unwrap_or_else(|| panic!("a draft of the unknown procedure {id:?}"))
        .clone()
}
