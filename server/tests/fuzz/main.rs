//! Fuzz: thousands of generated requests against the real router (in process, on a fresh SQLite
//! file): valid form posts of every step, the same posts mutated (fields dropped, added, nested,
//! wrongly typed, over-long, badly encoded, not UTF-8, multipart, wrong content type, too large,
//! from another site), random bodies, wrong methods, and page requests with odd addresses;
//! hostile documents (pictures and PDFs, see `files`) where a procedure asks for one; the staff,
//! lookup and kiosk routes from a stranger and from a clerk signed in (see `staff`).
//!
//! Asserts: no 5xx, no panic, no internal (English) error text in any answer, refusals where
//! refusals are due (every hostile document reaches the picture or PDF check and is refused
//! with a plain message on its step; a stranger is sent to sign in; nobody sees the applicants
//! of dossiers they may not open, and office B's dossiers are left as they were); and afterwards
//! every stored dossier passes the rules on every step it files, and every draft holds only
//! inputs of its procedure, each of a bounded length.
//!
//! `MC_FUZZ_REQUESTS` (default 10000) and `MC_FUZZ_SEED` (default: random, printed) replay a run.

#[path = "../common/mod.rs"]
mod common;

use axum::body::{Body, Bytes};
use axum::http::{Method, Request, StatusCode, header};
use common::office::{OFFICE_A, OFFICE_B};
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
    Document,
    Staff,
}

const KINDS: [(Kind, u32); 14] = [
    (Kind::ValidStep, 20),
    (Kind::MutatedStep, 20),
    (Kind::Multipart, 4),
    (Kind::Start, 4),
    (Kind::Submit, 6),
    (Kind::Resume, 5),
    (Kind::Loader, 4),
    (Kind::RandomBody, 6),
    (Kind::TooLarge, 2),
    (Kind::CrossSite, 4),
    (Kind::WrongMethod, 4),
    (Kind::Page, 13),
    (Kind::Document, 4),
    (Kind::Staff, 8),
];

struct Fuzzer {
    rng: StdRng,
    procedure: Procedure,
    /// Draft cookies ("mc_ho_so=CODE") this run has started.
    cookies: Vec<String>,
    /// Death registrations, whose notice step asks for a photo.
    death_drafts: Vec<String>,
    offices: staff::Offices,
}

/// What to send, and what the answer must be beyond "not a 5xx".
struct Case {
    kind: Kind,
    request: Request<Body>,
    expect: Option<StatusCode>,
    follow: Follow,
}

/// What else to check of the answer.
enum Follow {
    Nothing,
    /// A stranger asked for a staff page: sent to sign in.
    SignIn,
    /// The answer shows none of these names.
    Hides(Vec<String>),
    /// A hostile document posted on the draft with this cookie.
    Document {
        cookie: String,
        hostile: files::Hostile,
    },
}

mod cases;
mod files;
mod staff;
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
    let offices = offices(&site, seed).await;
    let mut fuzzer = Fuzzer {
        rng: StdRng::seed_from_u64(seed),
        procedure,
        cookies: Vec::new(),
        death_drafts: Vec::new(),
        offices,
    };
    // A few citizens to begin with; more start as the run goes.
    for _ in 0..DILIGENT * 2 {
        fuzzer.cookies.push(site.start().await);
    }
    for _ in 0..3 {
        fuzzer.death_drafts.push(death_registration(&site).await);
    }
    let mut documents = files::Tally::default();

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
        let checked_before = app::intake::files_checked();
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
        match case.follow {
            Follow::Nothing => {}
            Follow::SignIn => assert!(
                answer.status == StatusCode::FOUND
                    && answer
                        .location()
                        .is_some_and(|to| to.starts_with(app::paths::STAFF_LOGIN_URL)),
                "{described}, seed {seed}: a stranger is not sent to sign in: {} {:?}",
                answer.status,
                answer.location()
            ),
            Follow::Hides(names) => {
                for name in names {
                    assert!(
                        !answer.body.contains(&name),
                        "{described}, seed {seed}: the answer shows {name:?}: {}",
                        answer.body
                    );
                }
            }
            Follow::Document { cookie, hostile } => {
                let checked = app::intake::files_checked();
                let reached = (checked.0 - checked_before.0, checked.1 - checked_before.1);
                documents
                    .check(&site, &cookie, &hostile, &answer, reached)
                    .await
                    .unwrap_or_else(|problem| {
                        panic!("{described} ({}), seed {seed}: {problem}", hostile.what)
                    });
            }
        }
        // A cookie being removed (a kiosk's reset) starts no draft.
        if let Some(cookie) = answer.cookie()
            && cookie != "mc_ho_so="
            && !fuzzer.cookies.contains(&cookie)
        {
            fuzzer.cookies.push(cookie);
        }
    }
    let _ = std::panic::take_hook();
    assert_eq!(panics.load(Ordering::SeqCst), 0, "panics during the run");

    let seeded: Vec<String> = (fuzzer.offices.own.iter())
        .chain(&fuzzer.offices.other)
        .map(|dossier| dossier.code.clone())
        .collect();
    let (drafts, dossiers) = check_stored(&site, &seeded).await;
    let untouched = fuzzer.offices.other.iter().map(|dossier| async {
        let now = common::office::now(&site, &dossier.code).await;
        (now.status, now.version) == (dossier.status, dossier.version)
    });
    assert!(
        futures::future::join_all(untouched)
            .await
            .into_iter()
            .all(|same| same),
        "a clerk of office A changed a dossier of office B"
    );
    let (pictures, pdfs) = app::intake::files_checked();
    println!("fuzz: requests by kind: {kinds:?}");
    println!("fuzz: status codes seen: {statuses:?}");
    println!("fuzz: {drafts} drafts stored, {dossiers} dossiers submitted, all within the rules");
    println!(
        "fuzz: {} documents posted; {pictures} reached the picture decoder, {pdfs} the PDF \
         parser; {} refused plainly, {} kept: {:?}",
        documents.posted, documents.refused, documents.kept, documents.by_what
    );
    assert!(
        pictures > 0 && pdfs > 0,
        "hostile documents should reach the checks"
    );
    assert!(
        dossiers > 0,
        "the run should reach submission at least once"
    );
}

/// A death registration whose notice step is the next to answer: its draft cookie.
async fn death_registration(site: &common::Site) -> String {
    let started = site
        .post_form("/api/bat-dau", "thu_tuc=khai-tu", None)
        .await;
    let cookie = started.cookie().expect("a draft cookie");
    let kind = app::paths::query_value("Giấy báo tử của bệnh viện hoặc trạm y tế");
    let saved = site
        .post_form(
            "/api/luu-buoc",
            &format!("buoc=loai-giay-bao-tu&a%5Bloai-giay-bao-tu%5D={kind}"),
            Some(&cookie),
        )
        .await;
    assert_eq!(
        saved.location(),
        Some(app::paths::step_url(files::DOCUMENT_STEP, false, false).as_str()),
        "{}",
        saved.body
    );
    cookie
}

/// A clerk of office A signed in; five dossiers of office A and five of office B.
async fn offices(site: &common::Site, seed: u64) -> staff::Offices {
    let clerk =
        common::office::signed_in(site, "fuzz.clerk", app::staff::Role::Clerk, OFFICE_A).await;
    let own = common::office::submitted(site, OFFICE_A, 5, seed).await;
    let other = common::office::submitted(site, OFFICE_B, 5, seed.wrapping_add(1)).await;
    let named = |dossiers: &[app::dossiers::store::Dossier]| -> Vec<String> {
        dossiers
            .iter()
            .map(|dossier| common::office::applicant(site, dossier))
            .collect()
    };
    let (own_names, other_names) = (named(&own), named(&other));
    // A name both offices have, or one the fuzzer types itself, proves nothing.
    let typed = ["Nguyễn Văn An", "H'Hen Niê", "y sao niê"];
    let distinct = |names: &[String], others: &[String]| -> Vec<String> {
        names
            .iter()
            .filter(|name| !others.contains(name) && !typed.contains(&name.as_str()))
            .cloned()
            .collect()
    };
    staff::Offices {
        clerk,
        own_names: distinct(&own_names, &other_names),
        other_names: distinct(&other_names, &own_names),
        own,
        other,
    }
}

/// Every draft holds only inputs of its procedure, each of a bounded length; every dossier's
/// answers pass the rules of every step it files (but the back office's `seeded` ones, made
/// without the wizard). Returns the counts.
async fn check_stored(site: &common::Site, seeded: &[String]) -> (usize, usize) {
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
        if seeded.contains(&code) {
            continue;
        }
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
    (drafts.len(), dossiers.len() - seeded.len())
}

fn procedure_of(site: &common::Site, id: &str) -> Procedure {
    site.catalog
        .procedure_in(id, domain::Lang::Vi)
        .unwrap_or_else(|| panic!("a draft of the unknown procedure {id:?}"))
        .clone()
}
