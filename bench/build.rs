//! Sets `cfg(bts_typed)` when the library has the typed `Client::order_detail` (declared in the
//! operation table, src/operations.rs), so the benchmark builds against the library with or
//! without it.
fn main() {
    println!("cargo:rustc-check-cfg=cfg(bts_typed)");
    println!("cargo:rerun-if-changed=../src/lib.rs");
    println!("cargo:rerun-if-changed=../src/operations.rs");
    let lib = std::fs::read_to_string("../src/lib.rs").unwrap_or_default();
    let table = std::fs::read_to_string("../src/operations.rs").unwrap_or_default();
    let compiled = lib.lines().any(|l| l.trim() == "mod methods;" || l.trim() == "pub mod methods;");
    let typed = table
        .lines()
        .any(|l| l.trim_start().starts_with("ORDER_DETAIL \"order/detail\", order_detail,"));
    if compiled && typed {
        println!("cargo:rustc-cfg=bts_typed");
    }
}
