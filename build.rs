//! Gives the C library its SONAME when asked: `scripts/dist.sh` and `make` set `BTS_SONAME`
//! (e.g. `libbts.so.0`), which becomes a link argument of this crate's cdylib alone, so its
//! dependants build the same bts.
//!
//! It has no build dependencies on purpose: a build script's own dependencies are compiled for
//! every build of bts (a Rust user's too), and one whose host dependencies differ between two
//! Cargo invocations makes the second recompile bts. The headers are checked elsewhere:
//! `cargo xtask gen` writes `include/bts.h` and `include/bts_ffi.h` with the pinned cbindgen,
//! and `cargo xtask gen --check` and `tests/header.rs` fail on a header that differs from
//! `src/ffi.rs`.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=BTS_SONAME");
    if let Some(soname) = std::env::var("BTS_SONAME").ok().filter(|s| !s.is_empty()) {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
    }
}
