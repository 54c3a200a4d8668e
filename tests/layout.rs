//! The shape of `src/`: dependencies between modules flow one way (no circle of imports), and
//! no file is longer than about 600 lines without saying why at its top.
//!
//! The graph is read from the sources: every path that starts with `crate::`, `$crate::`,
//! `super::` or `self::` (in `use` items and inline; comments and
//! string literals are skipped; `#[cfg(test)]` modules too: nobody imports them) is an edge from the file it is written in to the file of the
//! longest module that path names. A name the crate root re-exports (`crate::Client`) is an
//! edge to the module it comes from. A folder module's `mod.rs` may name its own files (it
//! declares them), and a file may name its folder's `mod.rs` only if that `mod.rs` does not
//! name it back.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Files longer than this must say why at their top (see [`LONG_FILE_REASON`]).
const MAX_LINES: usize = 600;
/// The words a long file writes in its first 40 lines to give its reason.
const LONG_FILE_REASON: &str = "Longer than 600 lines:";

#[test]
fn src_has_no_import_circle() {
    assert_no_circle("src");
}

/// Fails with the circle when the modules of `dir` (under the repository root) have one.
/// (`sandbox/src` can be checked the same way.)
fn assert_no_circle(dir: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let graph = module_graph(&root);
    assert!(
        graph.len() > 10,
        "the graph of {dir}/ holds too few modules: {graph:?}"
    );
    if let Some(circle) = find_circle(&graph) {
        panic!(
            "{dir}/ has an import circle: {}\n(make the dependency flow one way: pass a \
             callback or a trait object instead of naming the module that calls you)",
            circle.join(" -> ")
        );
    }
}

#[test]
fn long_files_in_src_say_why() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut unexplained = Vec::new();
    for file in rust_files(&root) {
        let text = fs::read_to_string(&file).unwrap();
        let lines = text.lines().count();
        if lines > MAX_LINES
            && !text
                .lines()
                .take(40)
                .any(|line| line.contains(LONG_FILE_REASON))
        {
            unexplained.push(format!("{} ({lines} lines)", file.display()));
        }
    }
    assert!(
        unexplained.is_empty(),
        "files over {MAX_LINES} lines without \"{LONG_FILE_REASON} <reason>\" in their first 40 \
         lines: {unexplained:?}"
    );
}

/// The checker itself: it finds a circle it is given, and none where there is none.
#[test]
fn the_checker_sees_circles_through_every_kind_of_path() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("bts-layout-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("net")).unwrap();
    let write = |name: &str, text: &str| fs::write(dir.join(name), text).unwrap();
    write("lib.rs", "mod a; mod b; mod net; pub use a::Thing;\n");
    write(
        "a.rs",
        "// crate::b in a comment is no edge\nconst S: &str = \"crate::b\";\nuse crate::net::{tcp::Tcp, dns};\n",
    );
    write("b.rs", "fn f() -> crate::Thing { todo!() }\n");
    write(
        "net/mod.rs",
        "pub mod dns; pub mod tcp; pub use self::tcp::Tcp;\n",
    );
    write("net/dns.rs", "use super::tcp::Tcp;\n");
    write(
        "net/tcp.rs",
        "fn t() {}\n#[cfg(test)]\nmod tests {\n    use crate::a::*;\n}\n",
    );
    let graph = module_graph(&dir);
    assert_eq!(
        graph["a"],
        BTreeSet::from(["net::dns".to_owned(), "net::tcp".into()])
    );
    assert_eq!(graph["b"], BTreeSet::from(["a".to_owned()]));
    assert_eq!(graph["net::dns"], BTreeSet::from(["net::tcp".to_owned()]));
    assert_eq!(graph["net"], BTreeSet::from(["net::tcp".to_owned()]));
    assert_eq!(find_circle(&graph), None);
    // tcp names b, b names a through the root, a names tcp: a circle.
    write("net/tcp.rs", "fn t() { crate::b::f(); }\n");
    let circle = find_circle(&module_graph(&dir)).expect("a circle");
    assert_eq!(circle.first(), circle.last());
    for m in ["a", "b", "net::tcp"] {
        assert!(circle.contains(&m.to_owned()), "{circle:?}");
    }
    // A child naming its mod.rs, which names it back, is a circle too.
    write("net/tcp.rs", "fn t() { super::dns::x(); }\n");
    write("net/dns.rs", "use super::Tcp;\n");
    let circle = find_circle(&module_graph(&dir)).expect("a circle");
    assert!(circle.contains(&"net::dns".to_owned()), "{circle:?}");
    fs::remove_dir_all(&dir).unwrap();
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The module path of a file under `root`: `""` for `lib.rs`, `a::b` for `a/b.rs` and
/// `a/b/mod.rs`.
fn module_of(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts.join("::")
}

/// Module → the modules it names (the crate root itself is left out).
fn module_graph(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let files: Vec<(String, String)> = rust_files(root)
        .iter()
        .map(|f| {
            (
                module_of(root, f),
                code_only(&fs::read_to_string(f).unwrap()),
            )
        })
        .collect();
    let modules: BTreeSet<String> = files.iter().map(|(m, _)| m.clone()).collect();
    // What the crate root re-exports: `pub use a::{X, b::Y};` makes `crate::X` mean `a`.
    let mut reexports = BTreeMap::new();
    if let Some((_, lib)) = files.iter().find(|(m, _)| m.is_empty()) {
        for stmt in lib.split(';') {
            let Some(at) = stmt.find("pub use ") else {
                continue;
            };
            for path in expand(stmt[at + 8..].trim()) {
                let path = path
                    .trim_start_matches("crate::")
                    .trim_start_matches("self::");
                let target = longest_module(&modules, path);
                if let (Some(target), Some(name)) = (target, path.rsplit("::").next()) {
                    let name = name.rsplit(" as ").next().unwrap_or(name).trim();
                    reexports.insert(name.to_owned(), target);
                }
            }
        }
    }
    let mut graph = BTreeMap::new();
    for (module, code) in &files {
        if module.is_empty() {
            continue;
        }
        let mut edges = BTreeSet::new();
        // The file's own submodules (`mod name;`), which its paths may name bare.
        let children: Vec<String> = code
            .split(';')
            .filter_map(|stmt| {
                let name = stmt.trim().rsplit_once("mod ")?.1.trim();
                let bare =
                    !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
                (bare && modules.contains(&join(module, name))).then(|| format!("{name}::"))
            })
            .collect();
        for (path, inline) in paths_in(code, &children) {
            let absolute = if let Some(rest) = path.strip_prefix("crate::") {
                rest.to_owned()
            } else if path.starts_with("super::") {
                // Each `super` climbs one module: first out of the inline modules around the
                // path (`mod tests { use super::*; }` is the file itself), then out of the
                // file's module (`super` of `a::b` is `a`, of `a` the root).
                let mut rest = path.as_str();
                let mut up = 0;
                while let Some(r) = rest.strip_prefix("super::") {
                    rest = r;
                    up += 1;
                }
                if up <= inline {
                    continue;
                }
                let mut parent: Vec<&str> = module.split("::").collect();
                for _ in 0..up - inline {
                    parent.pop();
                }
                join(&parent.join("::"), rest)
            } else if let Some(rest) = path.strip_prefix("self::") {
                if inline > 0 {
                    continue;
                }
                join(module, rest)
            } else if inline == 0 && children.iter().any(|c| path.starts_with(c.as_str())) {
                join(module, &path)
            } else {
                continue;
            };
            let target = longest_module(&modules, &absolute).or_else(|| {
                let first = absolute.split("::").next().unwrap_or_default();
                reexports.get(first).cloned()
            });
            if let Some(target) = target {
                if target != *module && !target.is_empty() {
                    edges.insert(target);
                }
            }
        }
        graph.insert(module.clone(), edges);
    }
    graph
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_owned()
    } else {
        format!("{a}::{b}")
    }
}

/// The longest module of `modules` that `path` (from the crate root) starts with.
fn longest_module(modules: &BTreeSet<String>, path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split("::").map(str::trim).collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|candidate| modules.contains(candidate))
}

/// The paths a `use` tree stands for: `a::{b, c::{d, e}}` is `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.to_owned()];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut out = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.extend(
                    expand(&inner[start..i])
                        .into_iter()
                        .map(|p| join(prefix, &p)),
                );
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = inner[start..].trim();
    if !last.is_empty() {
        out.extend(expand(last).into_iter().map(|p| join(prefix, &p)));
    }
    out.retain(|p| !p.ends_with("::self") && !p.is_empty());
    out
}

/// Every path in `code` that starts with `crate::`, `$crate::`, `super::`, `self::` or one of
/// `children` (`name::`, the file's own submodules), with `use` groups expanded, and how many inline modules (`mod tests { … }`) it is written in.
fn paths_in(code: &str, children: &[String]) -> Vec<(String, usize)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    // One entry per open brace: whether it opens an inline module, and whether that module is
    // `#[cfg(test)]` (unit tests are leaves nobody imports: their paths are not edges).
    let mut braces: Vec<(bool, bool)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            let before = code[..i].trim_end();
            let ident = before.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_');
            let head = ident.trim_end();
            let is_mod = ident.len() < before.len()
                && head.ends_with("mod")
                && !head[..head.len() - 3]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
            let test = is_mod && {
                let attrs = head[..head.len() - 3].trim_end();
                let attrs = attrs.strip_suffix("pub(crate)").unwrap_or(attrs).trim_end();
                attrs.ends_with("#[cfg(test)]")
            };
            braces.push((is_mod, test));
            i += 1;
            continue;
        }
        if bytes[i] == b'}' {
            braces.pop();
            i += 1;
            continue;
        }
        let at_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let after_path = code[..i].ends_with("::");
        let start = ["crate::", "super::", "self::"]
            .into_iter()
            .chain(children.iter().map(String::as_str))
            .find(|k| at_word && !after_path && code[i..].starts_with(k));
        let Some(keyword) = start else {
            i += 1;
            continue;
        };
        // The path runs over identifiers, `::`, and one brace group.
        let mut j = i + keyword.len();
        let mut depth = 0usize;
        while j < bytes.len() {
            let c = bytes[j];
            if c == b'{' {
                depth += 1;
            } else if c == b'}' {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                if depth == 0 {
                    j += 1;
                    break;
                }
            } else if depth == 0 && !(c.is_ascii_alphanumeric() || c == b'_' || c == b':') {
                break;
            }
            j += 1;
        }
        // `super::*` names the whole parent: the path is then `super::` alone.
        let rest = code[i + keyword.len()..j].trim_end_matches(':');
        if braces.iter().any(|(_, test)| *test) {
            i += 1;
            continue;
        }
        let inline = braces.iter().filter(|(module, _)| *module).count();
        let mut paths = expand(rest);
        if paths.is_empty() {
            paths.push(String::new());
        }
        for p in paths {
            out.push((format!("{keyword}{p}"), inline));
        }
        i = j.max(i + 1);
    }
    out
}

/// `text` without comments and without the contents of string and character literals.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            let mut depth = 0;
            while i < b.len() {
                if text[i..].starts_with("/*") {
                    depth += 1;
                    i += 2;
                } else if text[i..].starts_with("*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if let Some(hashes) = raw_string_start(rest) {
            let close = format!("\"{}", "#".repeat(hashes));
            let body = i + 2 + hashes;
            i = text[body..]
                .find(&close)
                .map_or(b.len(), |n| body + n + close.len());
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' {
            // A character literal ('x', '\n', '\u{..}'), or a lifetime ('a), kept as it is.
            let lit = if b.get(i + 1) == Some(&b'\\') {
                text[i + 2..].find('\'').map(|n| i + 2 + n + 1)
            } else {
                let c = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + c) == Some(&b'\'')).then_some(i + 2 + c)
            };
            match lit {
                Some(end) => {
                    i = end;
                    out.push_str("' '");
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// `Some(hashes)` when `s` starts a raw string (`r"`, `r#"`, `br##"`…).
fn raw_string_start(s: &str) -> Option<usize> {
    let s = s.strip_prefix('b').unwrap_or(s);
    let s = s.strip_prefix('r')?;
    let hashes = s.len() - s.trim_start_matches('#').len();
    s[hashes..].starts_with('"').then_some(hashes)
}

/// A circle of the graph (its first module repeated at its end), if there is one.
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        seen: &mut BTreeMap<String, Seen>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        seen.insert(node.to_owned(), Seen::Open);
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            match seen.get(next.as_str()) {
                Some(Seen::Open) => {
                    let from = stack.iter().position(|m| m == next).unwrap();
                    let mut circle = stack[from..].to_vec();
                    circle.push(next.clone());
                    return Some(circle);
                }
                Some(Seen::Done) => {}
                None => {
                    if let Some(c) = visit(next, graph, seen, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        seen.insert(node.to_owned(), Seen::Done);
        None
    }
    let mut seen = BTreeMap::new();
    for node in graph.keys() {
        if !seen.contains_key(node.as_str()) {
            if let Some(c) = visit(node, graph, &mut seen, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}
