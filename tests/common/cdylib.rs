//! The package's `libbts.so` for tests that load it from C, Python or PHP.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A directory holding a private copy of a `libbts.so` built from this source with this test
/// run's features.
///
/// `cargo clib-dev` (`cargo rustc --lib -p bts --crate-type cdylib,staticlib`, as
/// `scripts/test.sh` runs it before the tests) writes the C library into the profile directory
/// (`target/debug`, where this test binary's `deps/` sits). But a cdylib's file name carries no
/// hash: a build with other features replaces `target/debug/libbts.so`. The `__panic` operation
/// name shows which build the file is: when it is the wrong one (or missing), the library is
/// built here, with this run's features, in a target directory of its own. The file is then copied (write, then rename), so
/// C programs run by these tests load one fixed file whatever else runs meanwhile.
pub fn lib_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test binary's path");
        let profile = exe
            .parent()
            .and_then(Path::parent)
            .expect("the test binary sits in <target>/<profile>/deps");
        let scratch = scratch_dir();
        let mut bytes = std::fs::read(profile.join("libbts.so")).unwrap_or_default();
        if bytes.is_empty() || has_panic_operation(&bytes) != cfg!(feature = "test-panic") {
            let target = scratch.join("build");
            eprintln!(
                "{}/libbts.so is missing or was built with other features: building the \
                 library into {}",
                profile.display(),
                target.display()
            );
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let mut build = Command::new(cargo);
            build
                .current_dir(root())
                .args([
                    "rustc",
                    "--lib",
                    "-p",
                    "bts",
                    "--crate-type",
                    "cdylib,staticlib",
                ])
                .arg("--target-dir")
                .arg(&target);
            if cfg!(feature = "test-panic") {
                build.args(["--features", "test-panic"]);
            }
            let status = build.status().expect("run cargo rustc");
            assert!(
                status.success(),
                "cargo rustc --lib -p bts --crate-type cdylib failed"
            );
            let built = target.join("debug/libbts.so");
            bytes = std::fs::read(&built)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", built.display()));
        }
        assert_eq!(
            has_panic_operation(&bytes),
            cfg!(feature = "test-panic"),
            "libbts.so does not have this test's features"
        );
        let dir = scratch.join("lib");
        std::fs::create_dir_all(&dir).expect("create the library copy's directory");
        let partial = dir.join(format!("libbts.so.{}", std::process::id()));
        std::fs::write(&partial, &bytes).expect("copy libbts.so");
        std::fs::rename(&partial, dir.join("libbts.so")).expect("rename the libbts.so copy");
        dir
    })
}

/// This run's scratch directory, one per feature set: test runs with other features may run at
/// the same time and must not swap libraries or programs under each other.
pub fn scratch_dir() -> PathBuf {
    let features = if cfg!(feature = "test-panic") {
        "test-panic"
    } else {
        "default"
    };
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ffi-{features}"))
}

/// Whether a built library holds the test-only `__panic` operation (feature `test-panic`).
fn has_panic_operation(library: &[u8]) -> bool {
    library.windows(7).any(|w| w == b"__panic")
}
