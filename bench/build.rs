//! Sets `cfg(bts_typed)` when the library has the typed `Client::order_detail` (src/methods.rs
//! compiled in), so the benchmark builds against the library with or without it.
fn main() {
    println!("cargo:rustc-check-cfg=cfg(bts_typed)");
    println!("cargo:rerun-if-changed=../src/lib.rs");
    println!("cargo:rerun-if-changed=../src/methods.rs");
    let lib = std::fs::read_to_string("../src/lib.rs").unwrap_or_default();
    let methods = std::fs::read_to_string("../src/methods.rs").unwrap_or_default();
    let compiled = lib.lines().any(|l| l.trim() == "mod methods;" || l.trim() == "pub mod methods;");
    let typed = methods.lines().any(|l| l.trim_start().starts_with("order_detail -> "));
    if compiled && typed {
        println!("cargo:rustc-cfg=bts_typed");
    }
}
