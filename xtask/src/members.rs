//! The bindings' typed shapes checked against `src/model`: every name the generated methods use
//! is defined in `bindings/python/bts/types.py` and `bindings/php/src/Types.php`, and every
//! member of a shape that names a Rust type (`bts::model::binding::BINDING_TYPES` and
//! `BINDING_MEMBERS`) is one of that type's serde names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bts::model::binding::{BINDING_MEMBERS, BINDING_TYPES};

use crate::bindings::used_names;
use crate::rust_source::struct_fields;

const PYTHON: &str = "bindings/python/bts/types.py";
const PHP: &str = "bindings/php/src/Types.php";

/// Every problem found, one line each (none: the shapes agree with the model).
pub(crate) fn problems(root: &Path) -> Result<Vec<String>, String> {
    let python =
        std::fs::read_to_string(root.join(PYTHON)).map_err(|e| format!("{PYTHON}: {e}"))?;
    let php = std::fs::read_to_string(root.join(PHP)).map_err(|e| format!("{PHP}: {e}"))?;
    let mut problems = Vec::new();
    for name in used_names() {
        if python_keys(&python, &name).is_none() {
            problems.push(format!(
                "{PYTHON} has no class {name}, which the generated methods use"
            ));
        }
        if php_keys(&php, &name).is_none() {
            problems.push(format!(
                "{PHP} has no @phpstan-type {name}, which the generated methods use"
            ));
        }
    }
    // The serde names of the Rust types behind each binding name (several Rust types may share
    // one binding name: order/edit's body is typed as OrderRequest).
    let mut wire: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (binding, rust) in BINDING_TYPES.iter().chain(BINDING_MEMBERS) {
        let names = serde_names(root, rust)?;
        wire.entry(binding).or_default().extend(names);
    }
    for names in wire.values_mut() {
        names.sort();
        names.dedup();
    }
    for (binding, names) in &wire {
        for (file, keys) in [
            (PYTHON, python_keys(&python, binding)),
            (PHP, php_keys(&php, binding)),
        ] {
            let Some(keys) = keys else {
                problems.push(format!("{file} has no shape {binding}"));
                continue;
            };
            for key in keys {
                if !names.contains(&key) {
                    problems.push(format!(
                        "{file}: {binding} has member {key:?}, which is not a serde name of its Rust \
                         type (src/model): {names:?}"
                    ));
                }
            }
        }
    }
    Ok(problems)
}

/// The serde names of the Rust type at `path` (`super::OrderRequest`, `current::Order`,
/// `crate::label::SavedLabel`, as `stringify!` writes them).
fn serde_names(root: &Path, path: &str) -> Result<Vec<String>, String> {
    let path: String = path.chars().filter(|c| !c.is_whitespace()).collect();
    let path = path.trim_start_matches("super::");
    let name = path.rsplit("::").next().unwrap_or(path);
    let files: Vec<PathBuf> = if path.starts_with("crate::label::") {
        vec![root.join("src/label.rs")]
    } else if path.starts_with("current::") {
        rust_files(&root.join("src/model/current"))
    } else {
        let mut files = rust_files(&root.join("src/model"));
        files.extend(rust_files(&root.join("src/model/wms")));
        files
    };
    for file in &files {
        let source =
            std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        if let Some(fields) = struct_fields(&source, name) {
            let mut names: Vec<String> = fields.iter().filter_map(|f| f.wire.clone()).collect();
            // A flattened member brings its own type's names (OrderEditRequest's order).
            for f in fields
                .iter()
                .filter(|f| f.wire.is_none() && !f.ty.starts_with("Map<"))
            {
                names.extend(serde_names(root, &f.ty)?);
            }
            return Ok(names);
        }
    }
    Err(format!("no struct {name} found for {path} in src/model"))
}

/// The `.rs` files directly in `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

/// The keys of the `TypedDict` `name` in types.py (with those of its `_{name}Required` base).
fn python_keys(source: &str, name: &str) -> Option<Vec<String>> {
    let class = |n: &str| -> Option<Vec<String>> {
        let head = format!("class {n}(");
        let start = source.lines().position(|l| l.starts_with(&head))?;
        let mut keys = Vec::new();
        let mut in_doc = false;
        for line in source.lines().skip(start + 1) {
            if line.starts_with("class ") || line.starts_with("# --") {
                break;
            }
            if line.matches("\"\"\"").count() % 2 == 1 {
                in_doc = !in_doc;
                continue;
            }
            if in_doc {
                continue;
            }
            if let Some((key, _)) = line.strip_prefix("    ").and_then(|l| l.split_once(": ")) {
                if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    keys.push(key.to_owned());
                }
            }
        }
        Some(keys)
    };
    let mut keys = class(name)?;
    if source.contains(&format!("class {name}(_{name}Required")) {
        keys.extend(class(&format!("_{name}Required"))?);
    }
    Some(keys)
}

/// The keys of `@phpstan-type {name} array{...}` in Types.php.
fn php_keys(source: &str, name: &str) -> Option<Vec<String>> {
    let head = format!("@phpstan-type {name} array{{");
    let line = source.lines().find(|l| l.contains(&head))?;
    let body = &line[line.find(&head)? + head.len()..];
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut part = String::new();
    for c in body.chars() {
        match c {
            '{' | '<' => depth += 1,
            '}' | '>' if depth == 0 => break,
            '}' | '>' => depth -= 1,
            ',' if depth == 0 => {
                keys.push(std::mem::take(&mut part));
                continue;
            }
            _ => {}
        }
        part.push(c);
    }
    keys.push(part);
    Some(
        keys.iter()
            .filter_map(|p| p.split_once(':'))
            .map(|(k, _)| k.trim().trim_end_matches('?').to_owned())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_python_and_php_shapes() {
        let py = "class _ARequired(TypedDict):\n    a: int\n\n\nclass A(_ARequired, total=False):\n    \"\"\"Doc: with\n    x: y inside.\"\"\"\n\n    b: List[int]\n\n\nclass B(TypedDict):\n    c: str\n";
        assert_eq!(python_keys(py, "A").unwrap(), ["b", "a"]);
        assert_eq!(python_keys(py, "B").unwrap(), ["c"]);
        assert!(python_keys(py, "C").is_none());
        let php = " * @phpstan-type A array{a: int, b?: array{x: int, y: int}, c?: list<array<string, mixed>>}\n";
        assert_eq!(php_keys(php, "A").unwrap(), ["a", "b", "c"]);
    }

    #[test]
    fn a_misspelt_member_is_found() {
        let root = crate::root();
        let names = serde_names(&root, "super :: OrderRequest").unwrap();
        assert!(names.contains(&"senderCityId".to_owned()));
        assert!(names.contains(&"back_money".to_owned()));
        assert!(!names.contains(&"senderCityID".to_owned()));
        let edit = serde_names(&root, "super :: OrderEditRequest").unwrap();
        assert!(edit.contains(&"orderId".to_owned()) && edit.contains(&"senderCityId".to_owned()));
    }
}
