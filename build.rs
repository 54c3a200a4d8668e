//! Generates `include/bts.h` (and `include/bts_ffi.h`, the same declarations without
//! preprocessor lines or comments, for PHP `FFI::cdef` and Python cffi) from `src/ffi.rs` with
//! the pinned cbindgen. A file is written only when its text changed, so a packaged build,
//! whose header is already current, never modifies its source tree.

#[path = "src/header.rs"]
mod header;

fn main() {
    println!("cargo:rerun-if-changed=src/ffi.rs");
    println!("cargo:rerun-if-changed=src/header.rs");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    // scripts/dist.sh gives the release libbts.so its SONAME (libbts.so.0) this way: a link
    // argument of this crate's cdylib alone, so its dependants build the same bts.
    println!("cargo:rerun-if-env-changed=BTS_SONAME");
    if let Some(soname) = std::env::var("BTS_SONAME").ok().filter(|s| !s.is_empty()) {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
    }
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = std::path::Path::new(&dir);
    match header::generate(dir) {
        Ok((full, ffi)) => {
            for (name, text) in [("bts.h", full), ("bts_ffi.h", ffi)] {
                let path = dir.join("include").join(name);
                if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                    if let Err(e) = std::fs::write(&path, text) {
                        println!("cargo:warning=could not write {}: {e}", path.display());
                    }
                }
            }
        }
        Err(e) => println!("cargo:warning=cbindgen failed, headers not regenerated: {e}"),
    }
}
