//! A damaged procedure file stops the server at start with a reason, never with a panic; and a
//! damaged file that still loads gives a procedure the wizard can run without panicking.
#![cfg(feature = "files")]

mod common;
use common::VI;

// The rules' words, from the app's translation files.
rust_i18n::i18n!("../app/locales", fallback = "vi");

use chrono::NaiveDate;
use domain::catalog::Catalog;
use domain::procedure::Answers;
use domain::validate::check_step;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn shipped(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../app/procedures")
            .join(name),
    )
    .unwrap()
}

#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    /// Replaces one character with one that matters to TOML or to the model.
    Replace(usize, char),
    /// Cuts the file short.
    Truncate(usize),
    /// Changes a value to another of a different type or meaning.
    Value(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let chars = proptest::sample::select(vec![
        '"', '[', ']', '=', ',', '{', '}', '#', '\n', 'x', '0', 'é', '\\',
    ]);
    let values = proptest::sample::select(vec![
        "\"\"",
        "0",
        "-1",
        "99999999999",
        "true",
        "[]",
        "{}",
        "\"date\"",
        "\"choice\"",
        "\"khong\"",
        "\"25:99\"",
        "1.5",
    ]);
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), chars).prop_map(|(at, c)| Mutation::Replace(at, c)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), values).prop_map(|(line, v)| Mutation::Value(line, v)),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let n = lines.len();
    // An earlier mutation may have emptied the file: nothing more to damage.
    if n == 0 || text.is_empty() {
        return text.to_string();
    }
    match *mutation {
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::Replace(at, c) => {
            let chars: Vec<char> = text.chars().collect();
            let at = at % chars.len();
            return chars[..at]
                .iter()
                .chain([c].iter())
                .chain(chars[at + 1..].iter())
                .collect();
        }
        Mutation::Truncate(at) => return text.chars().take(at % text.chars().count()).collect(),
        Mutation::Value(i, value) => {
            // Only lines of the form `key = value` are changed.
            let line = &mut lines[i % n];
            if let Some((key, _)) = line.split_once(" = ") {
                *line = format!("{key} = {value}");
            }
        }
    }
    lines.join("\n")
}

fn scratch_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "mc-catalog-prop-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_catalog_is_refused_or_runs_without_panicking(
        mutations in proptest::collection::vec(mutation(), 1..4),
        in_lists in any::<bool>(),
        answer_values in proptest::collection::vec("\\PC{0,12}|co|khong", 8)
    ) {
        let (mut procedure, mut lists) = (shipped("khai-sinh.toml"), shipped("lists.toml"));
        let target = if in_lists { &mut lists } else { &mut procedure };
        for mutation in &mutations {
            *target = apply(target, mutation);
        }
        let dir = scratch_dir();
        std::fs::write(dir.join("khai-sinh.toml"), &procedure).unwrap();
        std::fs::write(dir.join("lists.toml"), &lists).unwrap();
        let loaded = Catalog::load(&dir);
        std::fs::remove_dir_all(&dir).ok();
        let Ok(catalog) = loaded else { return Ok(()) };
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        for procedure in catalog.procedures_in(domain::Lang::Vi) {
            prop_assert!(!procedure.steps.is_empty());
            // Answers to the first inputs, with the branches' yes/no among the values.
            let answers: Answers = procedure
                .steps
                .iter()
                .flat_map(|step| &step.fields)
                .flat_map(|field| field.inputs())
                .zip(answer_values.iter().cycle())
                .map(|(input, value)| (input, value.clone()))
                .collect();
            for step in procedure.visible_steps(&answers) {
                check_step(step, &answers, today, &VI);
                procedure.next_step(&step.id, &answers);
                procedure.previous_step(&step.id, &answers);
            }
            procedure.filed_answers(&answers);
            procedure.same_day_cutoff();
        }
    }
}
