//! Checks that `include/bts.h` and `include/bts_ffi.h` are what the pinned cbindgen makes of
//! `src/ffi.rs`, and says so in a build warning when they are not. It never writes into the
//! source tree: `cargo xtask gen` writes the headers (and every other generated file), and
//! `tests/header.rs` and `cargo xtask gen --check` fail on a header that differs.

#[path = "src/header.rs"]
mod header;

fn main() {
    println!("cargo:rerun-if-changed=src/ffi.rs");
    println!("cargo:rerun-if-changed=src/header.rs");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=include/bts.h");
    println!("cargo:rerun-if-changed=include/bts_ffi.h");
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
                    println!(
                        "cargo:warning=include/{name} differs from what cbindgen generates from \
                         src/ffi.rs: run `cargo xtask gen`"
                    );
                }
            }
        }
        Err(e) => println!("cargo:warning=cbindgen could not check the headers: {e}"),
    }
}
