//! The README's side-by-side snippets are cut from files that run: this test checks each one
//! is in the README exactly as in its file, and runs the Python and PHP ones against a sandbox
//! (the Rust one is the quickstart example, the C one runs in tests/ffi.rs).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const SNIPPETS: &[(&str, &str)] = &[
    ("rust", "examples/quickstart.rs"),
    ("c", "examples/c/quickstart.c"),
    ("python", "examples/python/quickstart.py"),
    ("php", "examples/php/quickstart.php"),
    ("bsl", "examples/1c/quickstart.bsl"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The lines between `README: <lang>` and `README: end`, with their common indent removed.
fn snippet(lang: &str, file: &str) -> String {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.contains(&format!("README: {lang}")))
        .unwrap_or_else(|| panic!("{file} has no README: {lang} marker"));
    let end = start
        + lines[start..]
            .iter()
            .position(|l| l.contains("README: end"))
            .unwrap_or_else(|| panic!("{file} has no README: end marker"));
    let body = &lines[start + 1..end];
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    body.iter()
        .map(|l| {
            if l.len() >= indent {
                &l[indent..]
            } else {
                l.trim_start()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The README's "Use" section as the snippets make it.
fn section() -> String {
    SNIPPETS
        .iter()
        .map(|(lang, file)| {
            let title = match *lang {
                "rust" => "Rust",
                "c" => "C",
                "python" => "Python",
                "php" => "PHP",
                _ => "1C:Enterprise (BSL)",
            };
            format!(
                "### {title} — `{file}`\n\n```{lang}\n{}\n```\n",
                snippet(lang, file)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn readme_snippets_match_their_files() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let want = section();
    assert!(
        readme.contains(&want),
        "README.md's Use section is out of date; it must contain:\n{want}"
    );
}

fn library() -> PathBuf {
    common::cdylib::lib_dir().join("libbts.so")
}

fn run(program: &str, args: &[&str]) -> String {
    let sandbox = bts_sandbox::Sandbox::start();
    let out = Command::new(program)
        .args(args)
        .current_dir(root())
        .env("BTS_CONFIG", sandbox.config_json())
        .env("BTS_LIBRARY", library())
        .env("BTS_HEADER", root().join("include/bts_ffi.h"))
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} could not start ({e}): the test command installs it")
        });
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn check_output(out: &str) {
    // The sandbox tariff: other region 14000 + 2 kg × 2000 + pickup 1000 + delivery 1000.
    assert!(out.contains("price 20000"), "{out}");
    assert!(out.contains("created 229234 60000006106"), "{out}");
    assert!(out.contains("status new"), "{out}");
}

#[test]
fn python_snippet_runs() {
    check_output(&run("python3", &["examples/python/quickstart.py"]));
}

#[test]
fn php_snippet_runs() {
    check_output(&run(
        "php",
        &["-d", "ffi.enable=1", "examples/php/quickstart.php"],
    ));
}
