//! Header generation, shared by `cargo xtask gen` and the header drift test (`tests/header.rs`).
//! Not part of the library.

use std::path::Path;

/// Generates the text of `include/bts.h` and `include/bts_ffi.h` from the crate at `dir`.
pub fn generate(dir: &Path) -> Result<(String, String), String> {
    let config =
        cbindgen::Config::from_file(dir.join("cbindgen.toml")).map_err(|e| e.to_string())?;
    let full = render(dir, config.clone())?;
    let mut plain = config;
    plain.header = None;
    plain.include_guard = None;
    plain.sys_includes = Vec::new();
    plain.no_includes = true;
    plain.cpp_compat = false;
    plain.documentation = false;
    plain.autogen_warning = None;
    let ffi = render(dir, plain)?;
    let ffi: String = ffi
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let ffi = format!("{}\n", ffi.trim());
    Ok((full, ffi))
}

fn render(dir: &Path, config: cbindgen::Config) -> Result<String, String> {
    let bindings = cbindgen::Builder::new()
        .with_crate(dir)
        .with_config(config)
        .generate()
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).map_err(|e| e.to_string())
}
