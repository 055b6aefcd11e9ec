//! Which modules of a crate import which, read from the sources as text, and the circles
//! among them. Features should only import downward: a circle means two parts of the code
//! cannot be understood, tested or moved one without the other.
//!
//! Only `crate::` and `super::` paths are followed (in `use` and in expressions); a bare
//! `child::x` in a `mod.rs` is a parent speaking of its child, which never makes a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// One place where a module refers to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    /// The path as written, e.g. `use crate::filing::service::save_step`.
    pub via: String,
    /// The file, relative to the `src` directory it was read from.
    pub file: PathBuf,
    pub line: usize,
}

impl fmt::Display for Edge {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (from, to) = (display(&self.from), display(&self.to));
        let at = format!("{}:{}", self.file.display(), self.line);
        write!(f, "{from} -> {to}: via \"{}\" at {at}", self.via)
    }
}

/// Every module of a crate (`""` is the crate root) and every reference between them.
#[derive(Debug, Default)]
pub struct Graph {
    pub modules: BTreeSet<String>,
    pub edges: Vec<Edge>,
}

/// Reads every `.rs` file under `src_dir`; each file is one module.
pub fn module_graph(src_dir: &Path, crate_name: &str) -> Graph {
    let mut files = Vec::new();
    walk(src_dir, src_dir, &mut files);
    let mut graph = Graph {
        modules: files.iter().map(|(_, module)| module.clone()).collect(),
        edges: Vec::new(),
    };
    graph.modules.insert(String::new());
    for (relative, module) in &files {
        let path = src_dir.join(relative);
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{crate_name}: cannot read {}: {e}", path.display()));
        for (segments, via, line) in references(&tokens(&source), module) {
            let to = longest_module(&graph.modules, &segments);
            if to != *module {
                let (from, file) = (module.clone(), relative.clone());
                graph.edges.push(Edge {
                    from,
                    to,
                    via,
                    file,
                    line,
                });
            }
        }
    }
    graph
}

/// Circles between top-level modules: each module counts as its first segment.
pub fn circles(graph: &Graph) -> Vec<Vec<String>> {
    let pairs = graph.edges.iter().map(|e| (top(&e.from), top(&e.to)));
    strongly_connected(pairs.filter(|(from, to)| from != to))
}

/// Circles between the files of one top-level folder.
pub fn inner_circles(graph: &Graph) -> Vec<Vec<String>> {
    let same_folder = graph.edges.iter().filter(|e| top(&e.from) == top(&e.to));
    strongly_connected(same_folder.map(|e| (e.from.as_str(), e.to.as_str())))
}

/// Each circle with the edges that tie it, one per pair of modules, so a failure says what
/// to cut. `top_level` is true for the circles of [`circles`], false for [`inner_circles`].
pub fn describe(graph: &Graph, found: &[Vec<String>], top_level: bool) -> String {
    let mut text = String::new();
    for circle in found {
        let owner = |module: &str| {
            let key = if top_level { top(module) } else { module };
            circle.iter().find(|m| *m == key)
        };
        let mut pairs = BTreeMap::<(&String, &String), Vec<&Edge>>::new();
        for edge in graph.edges.iter().filter(|e| counts(&e.from, &e.to)) {
            if let (Some(from), Some(to)) = (owner(&edge.from), owner(&edge.to))
                && from != to
            {
                pairs.entry((from, to)).or_default().push(edge);
            }
        }
        text += &format!("circle: {}\n", circle.join(", "));
        for edges in pairs.values() {
            let more = (edges.len() > 1).then(|| format!(" (and {} more)", edges.len() - 1));
            text += &format!("  {}{}\n", edges[0], more.unwrap_or_default());
        }
    }
    text
}

/// Kosaraju's algorithm: the strongly connected components of more than one module, sorted.
/// Only the edges that [`counts`] are used, whatever the caller passes.
fn strongly_connected<'g>(pairs: impl Iterator<Item = (&'g str, &'g str)>) -> Vec<Vec<String>> {
    fn visit<'g>(v: &'g str, next: &Map<'g>, seen: &mut BTreeSet<&'g str>, out: &mut Vec<&'g str>) {
        if seen.insert(v) {
            for &w in next.get(v).into_iter().flatten() {
                visit(w, next, seen, out);
            }
            out.push(v);
        }
    }
    let (mut forward, mut backward) = (Map::new(), Map::new());
    for (from, to) in pairs.filter(|(from, to)| counts(from, to)) {
        forward.entry(from).or_default().push(to);
        backward.entry(to).or_default().push(from);
    }
    // Finishing order on the graph, then components on the reversed graph in reverse order.
    let (mut seen, mut order) = (BTreeSet::new(), Vec::new());
    forward
        .keys()
        .for_each(|v| visit(v, &forward, &mut seen, &mut order));
    seen.clear();
    let mut found = Vec::new();
    for v in order.into_iter().rev() {
        let mut component = Vec::new();
        visit(v, &backward, &mut seen, &mut component);
        if component.len() > 1 {
            component.sort();
            found.push(component.into_iter().map(String::from).collect());
        }
    }
    found.sort();
    found
}

type Map<'g> = BTreeMap<&'g str, Vec<&'g str>>;

/// A module speaking of its own descendants is not an import that can close a circle: a
/// `mod.rs` (or `lib.rs`) declares and re-exports its children.
fn counts(from: &str, to: &str) -> bool {
    !(from.is_empty() || to.starts_with(&format!("{from}::")))
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

fn display(module: &str) -> &str {
    if module.is_empty() { "crate" } else { module }
}

/// Every `.rs` file under `dir`, relative to `src_dir`, with its module name.
/// A test module in a file of its own (`tests.rs`, `*_tests.rs`): tests may reach anywhere.
fn is_test_file(path: &Path) -> bool {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .is_some_and(|stem| stem == "tests" || stem.ends_with("_tests"))
}

fn walk(src_dir: &Path, dir: &Path, files: &mut Vec<(PathBuf, String)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(src_dir, &path, files);
        } else if path.extension().is_some_and(|x| x == "rs") && !is_test_file(&path) {
            let relative = path.strip_prefix(src_dir).unwrap_or(&path).to_path_buf();
            let module = module_name(&relative);
            files.push((relative, module));
        }
    }
}

/// `lib.rs` → `""`, `a/mod.rs` → `a`, `a/b.rs` → `a::b`.
fn module_name(relative: &Path) -> String {
    let path = relative.with_extension("");
    let name = path.to_string_lossy().replace(['/', '\\'], "::");
    match name.as_str() {
        "lib" | "main" => String::new(),
        _ => name.strip_suffix("::mod").unwrap_or(&name).to_string(),
    }
}

/// The longest prefix of `segments` that is a module; a path names items inside it too.
fn longest_module(modules: &BTreeSet<String>, segments: &[String]) -> String {
    (0..=segments.len())
        .rev()
        .map(|n| segments[..n].join("::"))
        .find(|name| modules.contains(name))
        .unwrap_or_default()
}

/// A token's text and line.
type Token = (String, usize);

/// Identifiers and punctuation, with comments, strings and char literals left out so a
/// path written in them is not taken for an import. `::` is one token.
fn tokens(source: &str) -> Vec<Token> {
    let c: Vec<char> = source.chars().collect();
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let ident = |ch: &char| ch.is_alphanumeric() || *ch == '_';
    while i < c.len() {
        if c[i].is_whitespace() {
            line += usize::from(c[i] == '\n');
            i += 1;
        } else if c[i] == '/' && at(i + 1) == '/' {
            i += c[i..].iter().take_while(|&&ch| ch != '\n').count();
        } else if c[i] == '/' && at(i + 1) == '*' {
            let mut depth = 0; // block comments nest
            while i < c.len() {
                match (c[i], at(i + 1)) {
                    ('/', '*') => (depth, i) = (depth + 1, i + 2),
                    ('*', '/') => (depth, i) = (depth - 1, i + 2),
                    (ch, _) => (line, i) = (line + usize::from(ch == '\n'), i + 1),
                }
                if depth == 0 {
                    break;
                }
            }
        } else if c[i] == '"' {
            i = skip_string(&c, i + 1, 0, &mut line);
        } else if c[i] == '\'' {
            // A char literal ('x', '\n', '{') or a lifetime ('a), which has no closing quote.
            i += match (at(i + 1), at(i + 2)) {
                ('\\', _) => 4 + c.iter().skip(i + 3).take_while(|&&ch| ch != '\'').count(),
                (_, '\'') => 3,
                _ => 1,
            };
        } else if ident(&c[i]) {
            let start = i;
            i += c[i..].iter().take_while(|&ch| ident(ch)).count();
            let word: String = c[start..i].iter().collect();
            let hashes = c[i..].iter().take_while(|&&ch| ch == '#').count();
            if matches!(word.as_str(), "r" | "br" | "cr") && at(i + hashes) == '"' {
                i = skip_string(&c, i + hashes + 1, hashes, &mut line);
            } else if matches!(word.as_str(), "b" | "c") && at(i) == '"' {
                i = skip_string(&c, i + 1, 0, &mut line);
            } else {
                out.push((word, line));
            }
        } else if c[i] == ':' && at(i + 1) == ':' {
            out.push(("::".into(), line));
            i += 2;
        } else {
            out.push((c[i].into(), line));
            i += 1;
        }
    }
    out
}

/// Skips a string from just after its opening quote; `hashes` > 0 for raw strings, which
/// have no escapes. Returns the index after the closing quote (and hashes).
fn skip_string(c: &[char], mut i: usize, hashes: usize, line: &mut usize) -> usize {
    while i < c.len() {
        match c[i] {
            '\\' if hashes == 0 => {
                *line += usize::from(c.get(i + 1) == Some(&'\n'));
                i += 1; // and the escaped character
            }
            '"' if c[i + 1..].starts_with(&vec!['#'; hashes]) => return i + 1 + hashes,
            '\n' => *line += 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// The text of token `i`, or `""` past the end.
fn word(toks: &[Token], i: usize) -> &str {
    toks.get(i).map_or("", |t| t.0.as_str())
}

const CFG_TEST: [&str; 7] = ["#", "[", "cfg", "(", "test", ")", "]"];

/// Every `crate::…` and `super::…` path in a file's tokens: the segments from the crate root,
/// the text as written and its line. Items under `#[cfg(test)]` are skipped, since test code
/// may reach anywhere; `super` inside an inline `mod x { … }` starts from `x`.
fn references(toks: &[Token], module: &str) -> Vec<(Vec<String>, String, usize)> {
    let mut inline: Vec<(String, usize)> = Vec::new(); // inline modules and their brace depth
    let (mut found, mut i, mut depth) = (Vec::new(), 0, 0usize);
    while i < toks.len() {
        if CFG_TEST.iter().zip(i..).all(|(s, k)| word(toks, k) == *s) {
            i = skip_test_item(toks, i + CFG_TEST.len());
            continue;
        }
        match word(toks, i) {
            "{" => depth += 1,
            "}" => depth = depth.saturating_sub(1),
            _ => {}
        }
        inline.retain(|(_, at)| *at <= depth);
        let is_use = i > 0 && word(toks, i - 1) == "use";
        let (base, head) = match (word(toks, i), word(toks, i + 1)) {
            ("mod", name) if word(toks, i + 2) == "{" => {
                inline.push((name.to_string(), depth + 1));
                i += 2;
                continue;
            }
            ("crate", "::") => {
                i += 2;
                (Vec::new(), "crate::".to_string())
            }
            ("super", "::") => {
                let mut base: Vec<String> = module.split("::").map(String::from).collect();
                base.retain(|s| !s.is_empty());
                base.extend(inline.iter().map(|(name, _)| name.clone()));
                let mut head = String::new();
                while word(toks, i) == "super" && word(toks, i + 1) == "::" {
                    base.pop();
                    head += "super::";
                    i += 2;
                }
                (base, head)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let mut paths = Vec::new();
        i = use_tree(toks, i, base.clone(), &mut paths);
        for (segments, line) in paths {
            let rest = segments[base.len().min(segments.len())..].join("::");
            let via = format!("{}{head}{rest}", if is_use { "use " } else { "" });
            found.push((segments, via.trim_end_matches("::").to_string(), line));
        }
    }
    found
}

/// Skips the item after `#[cfg(test)]` (and any further attributes): a `mod x { … }` by
/// counting braces, a `mod x;` or a `use …;` to its semicolon; anything else is read as usual.
fn skip_test_item(toks: &[Token], mut i: usize) -> usize {
    let skip = |mut i: usize, open: &str, close: &str| {
        let mut depth = 0;
        while i < toks.len() {
            depth += i32::from(word(toks, i) == open) - i32::from(word(toks, i) == close);
            i += 1;
            if depth == 0 {
                break;
            }
        }
        i
    };
    while word(toks, i) == "#" && word(toks, i + 1) == "[" {
        i = skip(i + 1, "[", "]");
    }
    let item = i;
    i += usize::from(word(toks, i) == "pub");
    match (word(toks, i), word(toks, i + 2)) {
        ("mod", "{") => skip(i + 2, "{", "}"),
        ("mod" | "use", _) => skip_to(toks, i, &[";"]),
        _ => item,
    }
}

/// Reads a path after its `crate::`/`super::` head, with groups (`{a::B, c::{d, e}}`),
/// `self` and `*`, adding each full path with the line of its last segment.
fn use_tree(toks: &[Token], i: usize, mut path: Vec<String>, out: &mut Paths) -> usize {
    let text = word(toks, i);
    if text == "{" {
        let mut i = i + 1;
        while i < toks.len() && word(toks, i) != "}" {
            if word(toks, i) == "," {
                i += 1;
                continue;
            }
            // each item, then past `as y` and the like
            i = skip_to(toks, use_tree(toks, i, path.clone(), out), &[",", "}"]);
        }
        return i + 1;
    }
    if text == "*" || text.starts_with(|ch: char| ch.is_alphanumeric() || ch == '_') {
        if text != "self" {
            path.push(text.into());
        }
        if text != "*" && word(toks, i + 1) == "::" && word(toks, i + 2) != "<" {
            return use_tree(toks, i + 2, path, out);
        }
        out.push((path, toks[i].1));
        return i + 1;
    }
    i
}

type Paths = Vec<(Vec<String>, usize)>;

/// The index of the first of `stops` from `i` on.
fn skip_to(toks: &[Token], i: usize, stops: &[&str]) -> usize {
    i + toks
        .iter()
        .skip(i)
        .take_while(|t| !stops.contains(&t.0.as_str()))
        .count()
}
