//! The shape of `sandbox/src`: no circle of imports between its files, no file of the crate
//! root's items used by the modules (the root only assembles them), and no file over 600 lines
//! without the reason written at its top.
//!
//! An import is any `crate::…` or `super::…` path in code (not in comments): `use` lines, grouped
//! `use crate::{a, b::c}` and paths written inline. A path names the longest module prefix that
//! is a file (`crate::current::store::Order` is `current/store.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;
/// The words a longer file's module docs must carry, followed by the reason.
const REASON: &str = "Longer than 600 lines:";

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src`, relative (`current/orders.rs`).
fn files(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(src()).unwrap();
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The module path of a file: `current/orders.rs` → `["current", "orders"]`, `wms/mod.rs` →
/// `["wms"]`, `lib.rs` → `[]`.
fn module_of(file: &str) -> Vec<String> {
    let stem = file.trim_end_matches(".rs");
    let mut parts: Vec<String> = stem.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The file a module path names: its longest prefix that is a file, or `lib.rs`.
fn file_of(module: &[String], known: &BTreeSet<String>) -> String {
    for n in (1..=module.len()).rev() {
        let base = module[..n].join("/");
        for candidate in [format!("{base}.rs"), format!("{base}/mod.rs")] {
            if known.contains(&candidate) {
                return candidate;
            }
        }
    }
    "lib.rs".to_owned()
}

/// The code of a file without comments (line comments and doc comments; the sandbox has no
/// block comments) and without string literals' contents.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = '\0';
        let mut kept = String::new();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if in_str {
                if c == '"' && prev != '\\' {
                    in_str = false;
                    kept.push('"');
                }
                prev = if prev == '\\' && c == '\\' { '\0' } else { c };
                i += 1;
                continue;
            }
            if c == '/' && chars.get(i + 1) == Some(&'/') {
                break;
            }
            if c == '"' {
                in_str = true;
                prev = '\0';
            }
            kept.push(c);
            i += 1;
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

/// The module paths a piece of code imports: each `crate::a::b` / `super::a` path, with
/// `{…}` groups expanded one level (`crate::{a, b::c}` gives `a` and `b::c`).
fn imports(code: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (anchor, base) in [
        ("crate::", Vec::new()),
        ("super::", {
            let mut parent = here.to_vec();
            parent.pop();
            parent
        }),
    ] {
        let mut rest = code;
        while let Some(pos) = rest.find(anchor) {
            let before = rest[..pos].chars().last();
            rest = &rest[pos + anchor.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let end = matching_brace(group);
                for item in split_top(&group[..end]) {
                    let mut path = base.clone();
                    path.extend(segments(item.trim()));
                    out.push(path);
                }
            } else {
                let mut path = base.clone();
                path.extend(segments(rest));
                out.push(path);
            }
        }
    }
    out
}

/// The leading `a::b::c` identifiers of a path.
fn segments(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        out.push(rest[..len].to_owned());
        match rest[len..].strip_prefix("::") {
            Some(next) if !next.starts_with('{') => rest = next,
            _ => break,
        }
    }
    out
}

fn matching_brace(s: &str) -> usize {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// Every file's imported files (itself excluded).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut list = Vec::new();
    files(&src(), &mut list);
    let known: BTreeSet<String> = list.iter().cloned().collect();
    let mut graph = BTreeMap::new();
    for file in &list {
        let text = std::fs::read_to_string(src().join(file)).unwrap();
        // Unit tests may reach anywhere.
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        let here = module_of(file);
        let edges: BTreeSet<String> = imports(&code_of(text), &here)
            .iter()
            .map(|m| file_of(m, &known))
            .filter(|target| target != file)
            .collect();
        graph.insert(file.clone(), edges);
    }
    graph
}

/// A circle through `graph`, if there is one, as the files along it.
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, done, path) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(c) = visit(node, graph, &mut done, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_circle_of_imports() {
    let graph = graph();
    assert!(graph.len() > 10, "expected the sandbox's files: {graph:?}");
    if let Some(circle) = find_circle(&graph) {
        panic!(
            "sandbox/src has a circle of imports: {}",
            circle.join(" -> ")
        );
    }
}

#[test]
fn modules_do_not_reach_into_the_crate_root() {
    let into_root: Vec<_> = graph()
        .into_iter()
        .filter(|(file, edges)| file != "lib.rs" && edges.contains("lib.rs"))
        .map(|(file, _)| file)
        .collect();
    assert!(
        into_root.is_empty(),
        "these files use items of lib.rs (the root only assembles modules): {into_root:?}"
    );
}

#[test]
fn long_files_say_why() {
    let mut list = Vec::new();
    files(&src(), &mut list);
    let mut unexplained = Vec::new();
    for file in list {
        let text = std::fs::read_to_string(src().join(&file)).unwrap();
        let lines = text.lines().count();
        let head: String = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .collect::<Vec<_>>()
            .join(" ");
        if lines > MAX_LINES && !head.contains(REASON) {
            unexplained.push(format!("{file} ({lines} lines)"));
        }
    }
    assert!(
        unexplained.is_empty(),
        "files over {MAX_LINES} lines without \"{REASON} …\" in their module docs: {unexplained:?}"
    );
}

#[test]
fn the_checker_sees_circles() {
    let known: BTreeSet<String> = ["a.rs", "b/mod.rs", "b/c.rs"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let code = code_of(
        "use crate::{a::X, b::c::{Y, Z}};\n// use crate::zzz;\nlet s = \"crate::q\"; super::d();\n",
    );
    let found: Vec<String> = imports(&code, &module_of("b/c.rs"))
        .iter()
        .map(|m| file_of(m, &known))
        .collect();
    assert_eq!(found, ["a.rs", "b/c.rs", "b/mod.rs"]);
    let mut graph = BTreeMap::new();
    graph.insert("a.rs".to_owned(), BTreeSet::from(["b/c.rs".to_owned()]));
    graph.insert("b/c.rs".to_owned(), BTreeSet::from(["a.rs".to_owned()]));
    assert_eq!(
        find_circle(&graph),
        Some(vec!["a.rs".into(), "b/c.rs".into(), "a.rs".into()])
    );
    graph.get_mut("b/c.rs").unwrap().clear();
    assert_eq!(find_circle(&graph), None);
}
