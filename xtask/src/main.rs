//! The one generator of bts's generated files.
//!
//! ```text
//! cargo xtask gen           # writes every generated file
//! cargo xtask gen --check   # writes nothing; fails, naming each file, on any drift
//! ```
//!
//! From the operation table (`src/operations.rs`), the library's status enums, the `Config`
//! fields and cbindgen, it writes:
//!
//! - the Python and PHP bindings' named methods (`bindings/python/bts/_operations.py`,
//!   `bindings/php/src/Operations.php`, `CurrentOperations.php`), typed with the bindings' names
//!   of the Rust types the table names ([`bts::model::binding`]);
//! - the bindings' status enums (`statuses.py`, `bindings/php/src/Status/*.php`);
//! - the operation tables of `README.md` and `docs/README.md`, the README's configuration table,
//!   the 1C add-in's named-method table (`bindings/1c/README.md`), and the key lists of the
//!   binding READMEs;
//! - the configuration keys and `bts_operations()`'s fields in the doc comments of `src/ffi.rs`
//!   and the key list of `cbindgen.toml`'s header;
//! - `include/bts.h` and `include/bts_ffi.h`, with the pinned cbindgen (`src/header.rs`).
//!
//! It also checks, and fails on, a binding shape whose members are not serde names of its Rust
//! type (`members.rs`). A build never writes into the source tree: this is the only writer.

mod bindings;
#[path = "../../src/header.rs"]
mod header;
mod members;
mod reference;
mod rust_source;
mod statuses;
mod tables;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The first line of every file generated from the operation table.
pub(crate) const HEADER: &str = "Generated from the operation table (src/operations.rs) by `cargo xtask gen` (xtask/): do not edit.";

/// The repository's root (the parent of `xtask/`).
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ is inside the repository")
        .to_path_buf()
}

/// A region of a file the generator owns: the lines after the first line whose trimmed text
/// starts with `begin` and before the next whose trimmed text starts with `end`.
struct Region {
    begin: &'static str,
    end: &'static str,
}

/// `text` with the lines of `region` replaced by `lines`.
fn splice(path: &str, text: &str, region: &Region, lines: &[String]) -> Result<String, String> {
    let all: Vec<&str> = text.split_inclusive('\n').collect();
    let start = all
        .iter()
        .position(|l| l.trim_start().starts_with(region.begin))
        .ok_or_else(|| format!("{path} has no line starting with {:?}", region.begin))?;
    let stop = all[start + 1..]
        .iter()
        .position(|l| l.trim_start().starts_with(region.end))
        .ok_or_else(|| format!("{path} has no {:?} after {:?}", region.end, region.begin))?
        + start
        + 1;
    let mut out: String = all[..=start].concat();
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&all[stop..].concat());
    Ok(out)
}

/// Every generated file but the headers, as `(path, text)`, from the files as they are now.
fn generated(root: &Path) -> Result<Vec<(String, String)>, String> {
    let read = |path: &str| {
        std::fs::read_to_string(root.join(path)).map_err(|e| format!("cannot read {path}: {e}"))
    };
    let mut files = vec![
        (
            "bindings/python/bts/_operations.py".to_owned(),
            bindings::python(),
        ),
        (
            "bindings/php/src/Operations.php".to_owned(),
            bindings::php(),
        ),
        (
            "bindings/php/src/CurrentOperations.php".to_owned(),
            bindings::php_current(),
        ),
        (
            "bindings/python/bts/statuses.py".to_owned(),
            statuses::python_statuses(),
        ),
    ];
    files.extend(statuses::php_statuses());

    let lines = |text: String| -> Vec<String> { text.lines().map(str::to_owned).collect() };
    let keys = reference::config_keys(root)?;

    let readme = read("README.md")?;
    let readme = splice(
        "README.md",
        &readme,
        &Region {
            begin: "<!-- operations:begin",
            end: "<!-- operations:end",
        },
        &lines(tables::readme_table()),
    )?;
    let readme = splice(
        "README.md",
        &readme,
        &Region {
            begin: "<!-- config:begin",
            end: "<!-- config:end",
        },
        &lines(reference::readme_config_table(&keys)),
    )?;
    files.push(("README.md".to_owned(), readme));

    let docs = read("docs/README.md")?;
    let docs = splice(
        "docs/README.md",
        &docs,
        &Region {
            begin: "<!-- operations:begin",
            end: "<!-- operations:end",
        },
        &lines(tables::docs_table()),
    )?;
    files.push(("docs/README.md".to_owned(), docs));

    for (path, indent) in [
        ("bindings/python/README.md", "  "),
        ("bindings/php/README.md", ""),
        ("bindings/1c/README.md", ""),
    ] {
        let text = read(path)?;
        let text = splice(
            path,
            &text,
            &Region {
                begin: "<!-- config-keys:begin",
                end: "<!-- config-keys:end",
            },
            &reference::readme_key_list(&keys, indent),
        )?;
        files.push((path.to_owned(), text));
    }

    let onec = files
        .iter()
        .find(|(p, _)| p == "bindings/1c/README.md")
        .map(|(_, t)| t.clone())
        .expect("listed just above");
    let onec = splice(
        "bindings/1c/README.md",
        &onec,
        &Region {
            begin: "<!-- named methods: generated",
            end: "<!-- named methods: end",
        },
        &lines(tables::onec_table()),
    )?;
    files.retain(|(p, _)| p != "bindings/1c/README.md");
    files.push(("bindings/1c/README.md".to_owned(), onec));

    let ffi = read("src/ffi.rs")?;
    let ffi = splice(
        "src/ffi.rs",
        &ffi,
        &Region {
            begin: "// config-keys:begin",
            end: "// config-keys:end",
        },
        &reference::ffi_config_doc(&keys),
    )?;
    let ffi = splice(
        "src/ffi.rs",
        &ffi,
        &Region {
            begin: "// operation-fields:begin",
            end: "// operation-fields:end",
        },
        &reference::ffi_operation_fields_doc(root)?,
    )?;
    files.push(("src/ffi.rs".to_owned(), ffi));

    // cbindgen.toml's header: the key list runs from " * Configuration keys" to the line before
    // " * Unknown keys" (no marker there: the header is copied into bts.h as it is).
    let toml = read("cbindgen.toml")?;
    let mut toml_lines: Vec<&str> = toml.split_inclusive('\n').collect();
    let start = toml_lines
        .iter()
        .position(|l| l.starts_with(" * Configuration keys"))
        .ok_or("cbindgen.toml's header has no \" * Configuration keys\" line")?;
    let stop = toml_lines[start..]
        .iter()
        .position(|l| l.starts_with(" * Unknown keys"))
        .ok_or("cbindgen.toml's header has no \" * Unknown keys\" line after the key list")?
        + start;
    let generated: Vec<String> = reference::cbindgen_config_lines(&keys)
        .into_iter()
        .map(|l| l + "\n")
        .collect();
    toml_lines.splice(start..stop, generated.iter().map(String::as_str));
    files.push(("cbindgen.toml".to_owned(), toml_lines.concat()));
    Ok(files)
}

/// The headers cbindgen generates from the source as it is on disk.
fn headers(root: &Path) -> Result<Vec<(String, String)>, String> {
    let (full, ffi) = header::generate(root)?;
    Ok(vec![
        ("include/bts.h".to_owned(), full),
        ("include/bts_ffi.h".to_owned(), ffi),
    ])
}

/// The files whose text differs from `files`.
fn drifted(root: &Path, files: &[(String, String)]) -> Vec<String> {
    files
        .iter()
        .filter(|(path, text)| {
            std::fs::read_to_string(root.join(path)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// `cargo xtask gen --check`: every problem (drifted files, shapes off the model), or none.
pub(crate) fn check(root: &Path) -> Result<Vec<String>, String> {
    let mut problems: Vec<String> = drifted(root, &generated(root)?)
        .into_iter()
        .chain(drifted(root, &headers(root)?))
        .map(|path| format!("{path} differs from what `cargo xtask gen` generates"))
        .collect();
    problems.extend(members::problems(root)?);
    Ok(problems)
}

/// `cargo xtask gen`: writes every file that changed (the headers last, from the source just
/// written), then checks the shapes.
fn write(root: &Path) -> Result<Vec<String>, String> {
    let mut written = Vec::new();
    let mut put = |files: Vec<(String, String)>| -> Result<(), String> {
        for path in drifted(root, &files) {
            let text = &files.iter().find(|(p, _)| *p == path).expect("listed").1;
            std::fs::write(root.join(&path), text)
                .map_err(|e| format!("cannot write {path}: {e}"))?;
            written.push(path);
        }
        Ok(())
    };
    put(generated(root)?)?;
    put(headers(root)?)?;
    for path in &written {
        println!("wrote {path}");
    }
    members::problems(root)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = root();
    let result = match args.as_slice() {
        ["gen"] => write(&root),
        ["gen", "--check"] => check(&root),
        _ => {
            eprintln!(
                "usage: cargo xtask gen [--check]\n\n  gen          write every generated file\n  gen --check  write nothing; fail on any drift"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(problems) if problems.is_empty() => {
            if args.len() == 2 {
                println!("every generated file is current");
            }
            ExitCode::SUCCESS
        }
        Ok(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            if args.len() == 2 {
                eprintln!("run `cargo xtask gen` and commit the files it writes");
            }
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("cargo xtask gen: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The drift check, in `cargo test` too.
    #[test]
    fn every_generated_file_is_current() {
        let problems = check(&root()).unwrap();
        assert!(
            problems.is_empty(),
            "{}\nrun `cargo xtask gen` and commit the files it writes",
            problems.join("\n")
        );
    }

    #[test]
    fn splice_replaces_only_the_region() {
        let text = "a\n<!-- x:begin -->\nold\n<!-- x:end -->\nb\n";
        let region = Region {
            begin: "<!-- x:begin",
            end: "<!-- x:end",
        };
        let out = splice("t", text, &region, &["new".to_owned()]).unwrap();
        assert_eq!(out, "a\n<!-- x:begin -->\nnew\n<!-- x:end -->\nb\n");
        assert!(splice("t", "a\n", &region, &[]).is_err());
    }

    #[test]
    fn every_named_operation_has_a_method_name_of_its_own() {
        let mut names: Vec<&str> = bts::OPERATIONS.iter().map(|op| op.method_name).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "two operations share a method name");
        for op in bts::OPERATIONS {
            assert_eq!(
                op.method_name,
                op.name.replace(['/', '-'], "_"),
                "the method name is the operation name with / and - as _"
            );
        }
    }
}
