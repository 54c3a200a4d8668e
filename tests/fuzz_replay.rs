//! Replays the fuzz seeds and every crash a fuzzer ever found (`fuzz/regressions/`) through the
//! fuzz targets' own functions, so the test command checks them without a fuzzer.

#[path = "../fuzz/src/targets.rs"]
mod targets;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{} failed", path.display());
            n += 1;
        }
    }
    n
}

#[test]
fn ffi_corpus_and_regressions() {
    assert!(replay("ffi", targets::ffi) >= 15);
}

#[test]
fn responses_corpus_and_regressions() {
    assert!(replay("responses", targets::responses) >= 50);
}
