//! The headers cannot drift and must compile: `include/bts.h` and `include/bts_ffi.h`, as checked
//! in (a build never writes them; `cargo xtask gen` does), are compared byte for byte with what
//! the pinned cbindgen generates from `src/ffi.rs` now, then compiled as C99 and
//! C++11 with every warning an error. A missing compiler fails these tests (CI installs one);
//! nothing here is skipped silently.

#[path = "../src/header.rs"]
mod header;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn include_dir() -> PathBuf {
    root().join("include")
}

fn read(name: &str) -> String {
    let path = include_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn headers_match_the_generated_text() {
    let (full, ffi) = header::generate(root()).expect("cbindgen generates the headers");
    // Compared as whole strings, so a difference shows as a diff in the assertion message.
    assert!(
        full == read("bts.h"),
        "include/bts.h differs from what cbindgen generates from src/ffi.rs: run `cargo xtask gen` to regenerate\n\
         --- generated ---\n{full}"
    );
    assert!(
        ffi == read("bts_ffi.h"),
        "include/bts_ffi.h differs from what cbindgen generates from src/ffi.rs: run `cargo xtask gen` to regenerate\n\
         --- generated ---\n{ffi}"
    );
}

#[test]
fn bts_ffi_h_has_no_preprocessor_line() {
    let text = read("bts_ffi.h");
    let bad: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with('#'))
        .collect();
    assert!(
        bad.is_empty(),
        "bts_ffi.h must have no preprocessor line (PHP FFI::cdef and cffi reject them): {bad:?}"
    );
    assert!(
        text.contains("bts_call(") && text.contains("bts_string_free("),
        "bts_ffi.h lost its declarations:\n{text}"
    );
}

/// Compiles `source` (read from stdin, with `include/` on the include path) with `compiler` and
/// `args`, failing with the compiler's output, or with a clear message when it is missing.
fn compile(compiler: &str, args: &[&str], source: &str) {
    let mut child = Command::new(compiler)
        .args(args)
        .arg("-I")
        .arg(include_dir())
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run the {compiler} compiler ({e}): install a C and C++ compiler \
                 (Debian/Ubuntu: apt-get install gcc g++); this test never skips"
            )
        });
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(source.as_bytes())
        .expect("write the source to the compiler");
    let out = child.wait_with_output().expect("wait for the compiler");
    assert!(
        out.status.success(),
        "{compiler} {args:?} rejected:\n{source}\n--- stderr ---\n{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
}

const C99: &[&str] = &[
    "-std=c99",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-pedantic",
    "-fsyntax-only",
    "-x",
    "c",
];
const CXX11: &[&str] = &[
    "-std=c++11",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-pedantic",
    "-fsyntax-only",
    "-x",
    "c++",
];

#[test]
fn bts_h_compiles_as_c99() {
    // Included twice: the include guard must hold.
    compile("cc", C99, "#include \"bts.h\"\n#include \"bts.h\"\n");
}

#[test]
fn bts_h_compiles_as_cxx11() {
    compile(
        "c++",
        CXX11,
        "#include \"bts.h\"\n#include \"bts.h\"\n\
         static_assert(sizeof(&bts_call) > 0, \"bts_call is declared\");\n",
    );
}

#[test]
fn bts_ffi_h_compiles_as_c99_after_stdint() {
    compile("cc", C99, "#include <stdint.h>\n#include \"bts_ffi.h\"\n");
}

#[test]
fn bts_ffi_h_compiles_as_cxx11_after_stdint() {
    compile(
        "c++",
        CXX11,
        "#include <stdint.h>\n#include \"bts_ffi.h\"\n",
    );
}

#[test]
fn bts_ffi_h_declares_what_bts_h_declares() {
    // A conflicting redeclaration is an error: both headers in one C11 unit (C11 allows the
    // repeated typedef) prove the plain header's prototypes equal the documented ones.
    let mut c11 = C99.to_vec();
    c11[0] = "-std=c11";
    compile("cc", &c11, "#include \"bts.h\"\n#include \"bts_ffi.h\"\n");
    // And it declares every function bts.h declares.
    let ffi = read("bts_ffi.h");
    for name in [
        "bts_version",
        "bts_abi_version",
        "bts_client_new",
        "bts_call",
        "bts_operations",
        "bts_string_free",
        "bts_client_free",
    ] {
        assert!(
            read("bts.h").contains(&format!("{name}(")),
            "bts.h lacks {name}"
        );
        assert!(ffi.contains(&format!("{name}(")), "bts_ffi.h lacks {name}");
    }
}
