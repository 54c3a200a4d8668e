//! The reference text of the configuration keys and of `bts_operations()`'s fields: the README's
//! configuration table, the doc comments of `bts_client_new` and `bts_operations` in
//! `src/ffi.rs` (and so `include/bts.h`), and the key list of `cbindgen.toml`'s header.
//!
//! The configuration keys are `bts::CONFIG_KEYS`, each documented by the doc comment of the
//! `Config` field of the same name (src/config.rs); `bts_operations()`'s fields are those of its
//! `Row` and `EndpointRow` (src/operations.rs), checked against the JSON it returns.

use std::path::Path;

use crate::rust_source::{plain_doc, struct_fields, Field};

/// One configuration key: its name, its default (short, as a list shows it) and what it means.
pub(crate) struct Key {
    pub(crate) name: &'static str,
    pub(crate) default: Option<String>,
    pub(crate) meaning: String,
}

/// Every configuration key with its doc, in the order of `CONFIG_KEYS`.
pub(crate) fn config_keys(root: &Path) -> Result<Vec<Key>, String> {
    let source = read(root, "src/config.rs")?;
    let fields = struct_fields(&source, "Config").ok_or("src/config.rs has no struct Config")?;
    bts::CONFIG_KEYS
        .iter()
        .map(|&name| {
            let field = fields
                .iter()
                .find(|f| f.name == name)
                .filter(|f| !f.doc.is_empty())
                .ok_or_else(|| {
                    format!(
                        "configuration key {name} has no documented field of the same name in \
                         Config (src/config.rs): add the field with a doc comment"
                    )
                })?;
            let (meaning, default) = split_default(&plain_doc(&field.doc));
            Ok(Key {
                name,
                default,
                meaning,
            })
        })
        .collect()
}

/// `"What it is. Defaults to 30000."` → (`"What it is."`, `Some("30000")`).
fn split_default(doc: &str) -> (String, Option<String>) {
    let Some(at) = doc.find("Defaults to ") else {
        return (doc.to_owned(), None);
    };
    let after = &doc[at + "Defaults to ".len()..];
    let end = after.find(". ").map_or(after.len(), |e| e + 1);
    let default = after[..end].trim_end_matches('.').to_owned();
    let meaning = format!("{}{}", &doc[..at], after[end..].trim_start());
    (meaning.trim().to_owned(), Some(default))
}

/// A default as a list shows it: up to its first explanation (`none (no log)` → `none`).
fn short_default(default: &str) -> &str {
    let end = [" (", ": ", ", "]
        .iter()
        .filter_map(|sep| default.find(sep))
        .min()
        .unwrap_or(default.len());
    &default[..end]
}

/// The README's configuration table.
pub(crate) fn readme_config_table(keys: &[Key]) -> String {
    let mut out = String::from("| key | default | meaning |\n|---|---|---|\n");
    for key in keys {
        // The column holds the default's first words; the rest of it stays in the meaning.
        let (default, meaning) = match key.default.as_deref() {
            Some(full) if short_default(full) != full => (
                short_default(full),
                format!("{} Defaults to {full}.", key.meaning),
            ),
            Some(full) => (full, key.meaning.clone()),
            None => ("—", key.meaning.clone()),
        };
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            key.name,
            default.replace('|', "\\|"),
            meaning.replace('|', "\\|")
        ));
    }
    out
}

/// `words` wrapped into lines of at most `width` characters, each starting with `prefix`
/// (the first with `first` instead).
fn wrap(words: &str, first: &str, prefix: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_owned();
    let mut empty = true;
    for word in words.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::replace(&mut line, prefix.to_owned()));
        }
        line.push(' ');
        line.push_str(word);
        empty = false;
    }
    lines.push(line);
    lines
}

/// The keys as one sentence: `` `courier_api` (legacy), `base_url` (`http://…`), … ``.
fn key_list(keys: &[Key], code: bool) -> String {
    let items: Vec<String> = keys
        .iter()
        .map(|k| {
            let name = if code {
                format!("`{}`", k.name)
            } else {
                k.name.to_owned()
            };
            match k.default.as_deref().map(short_default) {
                Some(d) if code => format!("{name} ({d})"),
                Some(d) => format!("{name} ({})", d.replace('`', "")),
                None => name,
            }
        })
        .collect();
    items.join(", ")
}

/// The lines between the `config-keys` markers of a binding's README, indented by `indent`.
pub(crate) fn readme_key_list(keys: &[Key], indent: &str) -> Vec<String> {
    wrap(
        &format!("{}.", key_list(keys, true)),
        "",
        "",
        100 - indent.len(),
    )
    .into_iter()
    .map(|l| format!("{indent}{}", l.trim_start()))
    .collect()
}

/// The lines between the `config-keys` markers of `bts_client_new`'s doc in src/ffi.rs.
pub(crate) fn ffi_config_doc(keys: &[Key]) -> Vec<String> {
    let text = format!(
        "Keys, with their defaults: {}. What each means: the README's configuration table.",
        key_list(keys, true)
    );
    wrap(&text, "///", "///", 100)
}

/// The lines of `cbindgen.toml`'s header from ` * Configuration keys` up to ` * Unknown keys`.
pub(crate) fn cbindgen_config_lines(keys: &[Key]) -> Vec<String> {
    let text = format!(
        "Configuration keys (one JSON object; defaults in parentheses): {}.",
        key_list(keys, false)
    );
    wrap(&text, " *", " *", 100)
        .into_iter()
        .map(|l| l.replace('\\', "\\\\").replace('"', "\\\""))
        .collect()
}

/// The fields of one row of `bts_operations()` (and of its `endpoints`), documented.
fn operation_fields(root: &Path) -> Result<(Vec<Field>, Vec<Field>), String> {
    let source = read(root, "src/operations.rs")?;
    let row = struct_fields(&source, "Row").ok_or("src/operations.rs has no struct Row")?;
    let endpoint = struct_fields(&source, "EndpointRow")
        .ok_or("src/operations.rs has no struct EndpointRow")?;
    // The documented fields must be exactly the members of the JSON the library returns.
    let json: serde_json::Value =
        serde_json::from_str(&bts::operations_json()).map_err(|e| e.to_string())?;
    let first = &json[0];
    for (fields, object, what) in [
        (&row, first, "Row"),
        (&endpoint, &first["endpoints"][0], "EndpointRow"),
    ] {
        let mut documented: Vec<&str> = fields.iter().filter_map(|f| f.wire.as_deref()).collect();
        let mut returned: Vec<&str> = object
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        documented.sort();
        returned.sort();
        if documented != returned {
            return Err(format!(
                "the fields of {what} in src/operations.rs ({documented:?}) are not the members \
                 bts_operations() returns ({returned:?})"
            ));
        }
        if let Some(f) = fields.iter().find(|f| f.doc.is_empty()) {
            return Err(format!(
                "field {} of {what} (src/operations.rs) has no doc comment",
                f.name
            ));
        }
    }
    Ok((row, endpoint))
}

/// The lines between the `operation-fields` markers of `bts_operations`'s doc in src/ffi.rs.
pub(crate) fn ffi_operation_fields_doc(root: &Path) -> Result<Vec<String>, String> {
    let (row, endpoint) = operation_fields(root)?;
    let mut lines = Vec::new();
    for f in &row {
        let mut text = format!(
            "`{}`: {}",
            f.wire.as_deref().unwrap_or(&f.name),
            lower_first(&plain_doc(&f.doc))
        );
        if f.name == "endpoints" {
            let inner: Vec<String> = endpoint
                .iter()
                .map(|e| {
                    let doc = plain_doc(&e.doc);
                    format!(
                        "`{}` ({})",
                        e.wire.as_deref().unwrap_or(&e.name),
                        lower_first(doc.trim_end_matches('.'))
                    )
                })
                .collect();
            text = format!("{} Each has {}.", text, inner.join(", "));
        }
        lines.extend(wrap(&text, "/// -", "///  ", 100));
    }
    Ok(lines)
}

/// `The API` → `the API`; a word in capitals (`API`) or code stays as it is.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            format!("{}{}", first.to_lowercase(), &text[first.len_utf8()..])
        }
        _ => text.to_owned(),
    }
}

fn read(root: &Path, path: &str) -> Result<String, String> {
    std::fs::read_to_string(root.join(path)).map_err(|e| format!("cannot read {path}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_split_off() {
        let (meaning, default) = split_default("The bound. Defaults to 30000.");
        assert_eq!(
            (meaning.as_str(), default.as_deref()),
            ("The bound.", Some("30000"))
        );
        let (meaning, default) =
            split_default("A proxy. Defaults to none set: the env. Never printed.");
        assert_eq!(meaning, "A proxy. Never printed.");
        assert_eq!(short_default(default.as_deref().unwrap()), "none set");
        assert_eq!(split_default("No default.").1, None);
    }

    #[test]
    fn wraps_at_the_width() {
        let lines = wrap("aa bb cc dd", "///", "///", 9);
        assert_eq!(lines, ["/// aa bb", "/// cc dd"]);
    }
}
