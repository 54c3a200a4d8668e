//! Reads the fields of a struct from bts's own Rust source, as rustfmt writes it: each field's
//! doc comment and its serde name. Enough for the generator's two needs (the configuration keys'
//! docs are the doc comments of `Config`'s fields; a binding shape's members must be serde names
//! of its Rust type), not a Rust parser.

/// One field of a struct.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// The Rust name (`sender_city_id`).
    pub(crate) name: String,
    /// The name on the wire (serde's `rename`, else the struct's `rename_all`, else the Rust
    /// name); `None` for a `#[serde(flatten)]` field.
    pub(crate) wire: Option<String>,
    /// The doc comment, its lines joined with spaces.
    pub(crate) doc: String,
    /// The field's type as written.
    pub(crate) ty: String,
}

/// The fields of `pub struct {name}` (or a private `struct {name}`) in `source`, or `None`
/// when the file has no such struct.
pub(crate) fn struct_fields(source: &str, name: &str) -> Option<Vec<Field>> {
    let lines: Vec<&str> = source.lines().collect();
    let is_start = |l: &str| {
        let l = l.trim_start();
        let rest = l
            .strip_prefix("pub struct ")
            .or_else(|| l.strip_prefix("struct "));
        rest.is_some_and(|r| {
            r.strip_prefix(name)
                .is_some_and(|after| after.starts_with([' ', '<', '{']))
        })
    };
    let start = lines.iter().position(|l| is_start(l))?;
    // The struct's attributes: the lines above it up to the first that is not one.
    let mut rename_all = None;
    for l in lines[..start].iter().rev() {
        let l = l.trim();
        if !(l.starts_with("#[") || l.starts_with("///")) {
            break;
        }
        if let Some(v) = attr_value(l, "rename_all") {
            rename_all = Some(v);
        }
    }
    let indent = lines[start].len() - lines[start].trim_start().len();
    let mut fields = Vec::new();
    let mut doc: Vec<String> = Vec::new();
    let mut rename = None;
    let mut flatten = false;
    for l in &lines[start + 1..] {
        let body = l.trim();
        if body == "}" && l.len() - l.trim_start().len() == indent {
            break;
        }
        if let Some(text) = body.strip_prefix("///") {
            doc.push(text.trim().to_owned());
        } else if body.starts_with("#[") {
            if let Some(v) = attr_value(body, "rename") {
                rename = Some(v);
            }
            flatten |= body.contains("flatten");
        } else if let Some((field, ty)) = body
            .strip_prefix("pub ")
            .or_else(|| body.strip_prefix("pub(crate) "))
            .unwrap_or(body)
            .split_once(':')
            .filter(|(f, _)| {
                f.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '#')
            })
        {
            let field = field.trim_start_matches("r#").to_owned();
            let wire = if flatten {
                None
            } else {
                Some(
                    rename
                        .take()
                        .unwrap_or_else(|| renamed(&field, rename_all.as_deref())),
                )
            };
            fields.push(Field {
                name: field,
                wire,
                doc: doc.join(" "),
                ty: ty.trim().trim_end_matches(',').to_owned(),
            });
            doc.clear();
            rename = None;
            flatten = false;
        }
    }
    Some(fields)
}

/// The value of `key = "value"` inside a `#[serde(...)]` attribute line (`rename` does not
/// match `rename_all`).
fn attr_value(line: &str, key: &str) -> Option<String> {
    if !line.starts_with("#[serde(") {
        return None;
    }
    let mut rest = line;
    while let Some(at) = rest.find(key) {
        let after = &rest[at + key.len()..];
        let before_ok = at == 0 || !rest.as_bytes()[at - 1].is_ascii_alphanumeric();
        if let (true, Some(value)) = (before_ok, after.trim_start().strip_prefix('=')) {
            let value = value.trim_start().strip_prefix('"')?;
            return value.split_once('"').map(|(v, _)| v.to_owned());
        }
        rest = after;
    }
    None
}

/// `field` under serde's `rename_all` rule.
fn renamed(field: &str, rule: Option<&str>) -> String {
    match rule {
        Some("camelCase") => {
            let mut out = String::new();
            let mut upper = false;
            for c in field.chars() {
                if c == '_' {
                    upper = true;
                } else if upper {
                    out.push(c.to_ascii_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        }
        Some("kebab-case") => field.replace('_', "-"),
        _ => field.to_owned(),
    }
}

/// Rustdoc text as plain Markdown: intra-doc links `[`X`]` and `[`X`](path)` become `` `X` ``.
pub(crate) fn plain_doc(doc: &str) -> String {
    let mut out = String::new();
    let mut rest = doc;
    while let Some(at) = rest.find("[`") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match after.find("`]") {
            Some(end) => {
                out.push_str(&after[..end + 1]);
                let mut tail = &after[end + 2..];
                if tail.starts_with('(') {
                    if let Some(close) = tail.find(')') {
                        tail = &tail[close + 1..];
                    }
                }
                rest = tail;
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_renames_and_docs() {
        let src = "/// A thing.\n#[derive(Serialize)]\n#[serde(default, rename_all = \"camelCase\")]\npub struct Thing {\n    /// The id.\n    /// Two lines.\n    pub sender_id: Option<i64>,\n    #[serde(rename = \"back_money\")]\n    pub back_money: Option<i64>,\n    #[serde(flatten)]\n    pub extra: Map<String, Value>,\n}\n";
        let fields = struct_fields(src, "Thing").unwrap();
        assert_eq!(fields.len(), 3);
        assert_eq!(fields[0].wire.as_deref(), Some("senderId"));
        assert_eq!(fields[0].doc, "The id. Two lines.");
        assert_eq!(fields[1].wire.as_deref(), Some("back_money"));
        assert_eq!(fields[2].wire, None);
        assert!(struct_fields(src, "Thin").is_none());
    }

    #[test]
    fn plain_doc_unlinks() {
        assert_eq!(
            plain_doc("[`Api::Legacy`] or [`Client`](crate::Client), [x]"),
            "`Api::Legacy` or `Client`, [x]"
        );
    }
}
