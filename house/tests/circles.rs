//! Features only import downward: no circle between the top-level modules of a crate, and
//! none between the files of one folder.

use house::{Graph, circles, describe, inner_circles, module_graph};
use std::path::{Path, PathBuf};

/// A crate's `src`, beside this one unless the environment variable says where.
fn source_dir(variable: &str, beside: &str) -> PathBuf {
    match std::env::var_os(variable) {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join(beside),
    }
}

fn assert_no_circles(src: &Path, crate_name: &str) {
    let graph = module_graph(src, crate_name);
    let (top, inner) = (circles(&graph), inner_circles(&graph));
    let list = |found: &[Vec<String>], top_level| match found {
        [] => "  none\n".to_string(),
        _ => describe(&graph, found, top_level),
    };
    assert!(
        top.is_empty() && inner.is_empty(),
        "modules of `{crate_name}` ({}) import each other in a circle; cut one edge of each \
         (what two features share moves down into the core).\n\
         Between top-level modules:\n{}Between the files of one folder:\n{}",
        src.display(),
        list(&top, true),
        list(&inner, false),
    );
}

#[test]
fn no_import_circles_in_app() {
    assert_no_circles(&source_dir("HOUSE_APP_SRC", "../app/src"), "app");
}

#[test]
fn no_import_circles_in_domain() {
    let src = source_dir("HOUSE_DOMAIN_SRC", "../domain/src");
    if src.is_dir() {
        assert_no_circles(&src, "domain");
    }
}

/// The features of the app: each imports only the core and the domain, never another feature
/// (what two features need becomes a core module: `channel`, `identity`, `documents`, ...).
const FEATURES: [&str; 5] = ["filing", "lookup", "staff", "backoffice", "kiosk"];

fn sideways(graph: &Graph) -> Vec<String> {
    let top = |module: &str| module.split("::").next().unwrap_or("").to_string();
    graph
        .edges
        .iter()
        .filter(|e| {
            let (from, to) = (top(&e.from), top(&e.to));
            from != to && FEATURES.contains(&from.as_str()) && FEATURES.contains(&to.as_str())
        })
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn no_feature_imports_another() {
    let graph = module_graph(&source_dir("HOUSE_APP_SRC", "../app/src"), "app");
    let found = sideways(&graph);
    assert!(
        found.is_empty(),
        "a feature imports another; move what they share down into the core:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_feature_reaching_into_another_is_found() {
    let graph = graph_of(
        "sideways",
        &[
            (
                "lib.rs",
                "pub mod filing;\npub mod kiosk;\npub mod paths;\n",
            ),
            (
                "filing.rs",
                "use crate::paths::X;\nfn f() { crate::kiosk::in_kiosk(); }\n",
            ),
            ("kiosk.rs", "use crate::paths::X;\npub fn in_kiosk() {}\n"),
            ("paths.rs", "pub struct X;\n"),
        ],
    );
    let found = sideways(&graph);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("filing") && found[0].contains("kiosk"),
        "{found:?}"
    );
}

/// The graph of a made-up crate, written to a temp directory.
fn graph_of(name: &str, files: &[(&str, &str)]) -> Graph {
    let root = std::env::temp_dir().join(format!("house-{}-{name}", std::process::id()));
    let src = root.join("src");
    for (path, text) in files {
        let path = src.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let graph = module_graph(&src, name);
    std::fs::remove_dir_all(root).unwrap();
    graph
}

fn edges(graph: &Graph) -> Vec<(&str, &str)> {
    let mut pairs: Vec<_> = graph
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

const TREE: [(&str, &str); 5] = [
    ("lib.rs", "pub mod a;\npub mod c;\npub mod x;\n"),
    ("a/mod.rs", "pub mod b;\npub struct A;\n"),
    ("a/b.rs", "pub struct B;\n"),
    ("c/mod.rs", "pub mod d;\npub mod e;\n"),
    ("c/d.rs", ""),
];

#[test]
fn grouped_use_reaches_each_module_over_lines() {
    let x = "use crate::{\n    a::b::B,\n    c::{d::{self, D}, Nothing},\n};\nuse crate::a::*;\n";
    let graph = graph_of("grouped", &[TREE.as_slice(), &[("x.rs", x)]].concat());
    assert_eq!(
        edges(&graph),
        [("x", "a"), ("x", "a::b"), ("x", "c"), ("x", "c::d")]
    );
    let to_b = graph.edges.iter().find(|e| e.to == "a::b").unwrap();
    assert_eq!((to_b.via.as_str(), to_b.line), ("use crate::a::b::B", 2));
}

#[test]
fn super_paths_are_resolved_from_the_module() {
    // Inside an inline module, `super` starts from that module.
    let b = "use super::A;\nfn f() { super::super::c::d::run(); }\n\
             mod inner {\n    use super::super::super::c::Nothing;\n}\n";
    let graph = graph_of("super", &[TREE.as_slice(), &[("a/b.rs", b)]].concat());
    assert_eq!(
        edges(&graph),
        [("a::b", "a"), ("a::b", "c"), ("a::b", "c::d")]
    );
    let to_d = graph.edges.iter().find(|e| e.to == "c::d").unwrap();
    assert_eq!(
        to_d.to_string(),
        "a::b -> c::d: via \"super::super::c::d::run\" at a/b.rs:2"
    );
}

#[test]
fn comments_and_strings_are_not_imports() {
    let x = r##"
        // use crate::a::A;
        /// crate::a::A in a doc comment
        /* crate::c /* nested */ crate::c */
        const S: &str = "use crate::a::A; \" crate::c";
        const R: &str = r#"crate::a::b " crate::c"#;
        const Q: char = '"'; const P: char = '{';
        fn f<'a>(s: &'a str) -> &'a str { s }
        use crate::c::d;
    "##;
    let graph = graph_of("comments", &[TREE.as_slice(), &[("x.rs", x)]].concat());
    assert_eq!(edges(&graph), [("x", "c::d")]);
}

#[test]
fn cfg_test_items_are_skipped() {
    let x = "#[cfg(test)]\nuse crate::c::d;\n\n#[cfg(test)]\nmod tests {\n    use crate::a::A;\n    \
             fn f() { if true { crate::a::b::g() } }\n}\n\nuse crate::c;\n";
    let graph = graph_of("cfg-test", &[TREE.as_slice(), &[("x.rs", x)]].concat());
    assert_eq!(edges(&graph), [("x", "c")]);
}

#[test]
fn a_two_module_circle_is_found_with_its_edges() {
    let files = [
        ("lib.rs", "pub mod a;\npub mod b;\n"),
        ("a/mod.rs", "pub mod inner;\n"),
        ("a/inner.rs", "use crate::b::B;\n"),
        ("b.rs", "pub struct B;\nfn f() { crate::a::inner::g() }\n"),
    ];
    let graph = graph_of("circle", &files);
    let found = circles(&graph);
    assert_eq!(found, [["a", "b"]]);
    let text = describe(&graph, &found, true);
    assert!(text.contains("  a::inner -> b: via \"use crate::b::B\" at a/inner.rs:1"));
    assert!(text.contains("  b -> a::inner: via \"crate::a::inner::g\" at b.rs:2"));
}

#[test]
fn a_circle_inside_a_folder_is_found_but_not_a_mod_rs_naming_its_children() {
    let files = [
        ("lib.rs", "pub mod a;\nuse crate::a::one::X;\n"),
        (
            "a/mod.rs",
            "pub mod one;\npub mod two;\npub use crate::a::one::X;\n",
        ),
        ("a/one.rs", "use super::two::Y;\npub struct X;\n"),
        ("a/two.rs", "use super::one::X;\nuse super::X as Again;\n"),
    ];
    let graph = graph_of("inner", &files);
    assert!(circles(&graph).is_empty());
    assert_eq!(inner_circles(&graph), [["a::one", "a::two"]]);
}

#[test]
fn a_tree_without_circles_passes() {
    let files = [
        (
            "lib.rs",
            "pub mod a;\npub mod b;\npub mod c;\nuse crate::a::A;\n",
        ),
        ("a.rs", "use crate::b::B;\nuse crate::c::C;\n"),
        ("b.rs", "use crate::c::C;\nfn f() { crate::tr!(\"x\") }\n"),
        ("c.rs", "pub struct C;\n"),
    ];
    let graph = graph_of("tree", &files);
    assert_eq!(
        edges(&graph),
        [("", "a"), ("a", "b"), ("a", "c"), ("b", ""), ("b", "c")]
    );
    assert!(circles(&graph).is_empty() && inner_circles(&graph).is_empty());
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// A file a newcomer can read in one sitting: none over 600 lines, its tests included.
#[test]
fn no_source_file_is_over_600_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in [
        "app/src",
        "domain/src",
        "domain/tests",
        "server/src",
        "server/tests",
        "frontend/src",
        "house/src",
        "house/tests",
        "bench",
    ] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "the source folders were not found");
    let long: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(path).ok()?.lines().count();
            (lines > 600).then(|| format!("{} ({lines} lines)", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files: {long:?}");
}
