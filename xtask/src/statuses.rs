//! The bindings' status enums (Python `statuses.py`, PHP `Status/*.php`), with the labels read
//! from the library's status enums and catalogue.

use std::fmt::Write as _;

/// `CourierAccepted` → `COURIER_ACCEPTED`; `At the sender` → `AT_THE_SENDER`.
fn constant(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// One legacy status family: its binding name, what it is, and `(code, constant, uz, en)` of
/// every documented code, read from the library's enum (`from_code`, `label_uz`, `name_en`).
struct Family {
    name: &'static str,
    doc: &'static str,
    codes: Vec<(i64, String, &'static str, &'static str)>,
}

fn families() -> Vec<Family> {
    use bts::model::{FulfillmentStatus, InternationalStatus, LocalStatus};
    fn read<T: std::fmt::Debug>(
        from: impl Fn(i64) -> T,
        uz: impl Fn(&T) -> Option<&'static str>,
        en: impl Fn(&T) -> Option<&'static str>,
    ) -> Vec<(i64, String, &'static str, &'static str)> {
        (0..=1000)
            .filter_map(|code| {
                let s = from(code);
                Some((code, constant(&format!("{s:?}")), uz(&s)?, en(&s)?))
            })
            .collect()
    }
    vec![
        Family {
            name: "LegacyStatus",
            doc: "Status of a local order on the legacy courier API (`status.id`).",
            codes: read(LocalStatus::from_code, |s| s.label_uz(), |s| s.name_en()),
        },
        Family {
            name: "InternationalStatus",
            doc: "Status of an international parcel (`status.code` of international/track-by-barcode).",
            codes: read(InternationalStatus::from_code, |s| s.label_uz(), |s| s.name_en()),
        },
        Family {
            name: "FulfillmentStatus",
            doc: "State of a WMS fulfilment order (`fulfillment_status`).",
            codes: read(FulfillmentStatus::from_code, |s| s.label_uz(), |s| s.name_en()),
        },
    ]
}

/// The current API's catalogue, from the library: `(code, constant, uz, ru, en, next)`.
fn catalogue() -> Vec<(u64, String, String, String, String, Vec<u64>)> {
    let entries: serde_json::Value =
        serde_json::from_str(&bts::model::status_catalogue_json()).unwrap();
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap().to_owned();
            (
                e["code"].as_u64().unwrap(),
                constant(&text("en")),
                text("uz"),
                text("ru"),
                text("en"),
                e["next"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_u64().unwrap())
                    .collect(),
            )
        })
        .collect()
}

pub(crate) fn python_statuses() -> String {
    let mut out = format!(
        "\"\"\"Status codes as enums with their labels.\n\n{STATUS_HEADER}\n\n\
         :class:`Status` (the current courier API, 100–1400) reads its Uzbek, Russian and English labels\n\
         and next statuses from the library (``bts_status_catalogue()``) on first use; the legacy\n\
         families' Uzbek and English labels were read from the library when this file was generated\n\
         (the library has no Russian ones for them: ``ru`` is None).\n\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from enum import Enum\n\n\
         from ._labels import CatalogueLabels, TableLabels\n\n\
         __all__ = [\"Status\""
    );
    for f in families() {
        write!(out, ", {:?}", f.name).unwrap();
    }
    out.push_str("]\n\n\n");
    out.push_str("class Status(CatalogueLabels, int, Enum):\n    \"\"\"Status of an order on the current courier API (`status.code`, 100–1400).\"\"\"\n\n");
    for (code, name, ..) in catalogue() {
        writeln!(out, "    {name} = {code}").unwrap();
    }
    for f in families() {
        write!(
            out,
            "\n\nclass {}(TableLabels, int, Enum):\n    \"\"\"{}\"\"\"\n\n",
            f.name,
            f.doc.replace('`', "``")
        )
        .unwrap();
        for (code, name, _, _) in &f.codes {
            writeln!(out, "    {name} = {code}").unwrap();
        }
    }
    out.push('\n');
    for f in families() {
        write!(out, "\nTableLabels.register(\n    {},\n    {{\n", f.name).unwrap();
        for (code, _, uz, en) in &f.codes {
            writeln!(out, "        {code}: ({uz:?}, {en:?}),").unwrap();
        }
        out.push_str("    },\n)\n");
    }
    out
}

fn php_string(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// One status code as a PHP enum case: its code, case name and labels, and (current API only)
/// the codes that may follow.
struct StatusRow {
    code: u64,
    constant: String,
    uz: String,
    ru: Option<String>,
    en: String,
    next: Option<Vec<u64>>,
}

/// One PHP backed enum of status codes with its labels, generated from the library.
fn php_enum(name: &str, doc: &str, rows: &[StatusRow]) -> String {
    let mut out = format!(
        "<?php\n\n// {STATUS_HEADER}\n\ndeclare(strict_types=1);\n\nnamespace Bts\\Status;\n\n\
         /**\n * {doc}\n *\n * Labels in Uzbek, Russian and English as the bts library has them (generated from it).\n */\n\
         enum {name}: int\n{{\n"
    );
    for row in rows {
        writeln!(out, "    case {} = {};", row.constant, row.code).unwrap();
    }
    let arm = |out: &mut String, f: &dyn Fn(&StatusRow) -> String| {
        for row in rows {
            writeln!(out, "            self::{} => {},", row.constant, f(row)).unwrap();
        }
    };
    out.push_str("\n    /** The Uzbek label. */\n    public function uz(): string\n    {\n        return match ($this) {\n");
    arm(&mut out, &|r| php_string(&r.uz));
    out.push_str("        };\n    }\n");
    out.push_str("\n    /** The Russian label (null where the library has none). */\n    public function ru(): ?string\n    {\n        return match ($this) {\n");
    arm(&mut out, &|r| {
        r.ru.as_deref()
            .map(php_string)
            .unwrap_or_else(|| "null".to_owned())
    });
    out.push_str("        };\n    }\n");
    out.push_str("\n    /** The English label. */\n    public function en(): string\n    {\n        return match ($this) {\n");
    arm(&mut out, &|r| php_string(&r.en));
    out.push_str("        };\n    }\n");
    out.push_str(
        "\n    /** The label in 'uz', 'ru' or 'en' (English when there is none in that language). */\n\
         \x20   public function label(string $lang = 'en'): string\n    {\n\
         \x20       return match ($lang) {\n            'uz' => $this->uz(),\n            'ru' => $this->ru() ?? $this->en(),\n            default => $this->en(),\n        };\n    }\n",
    );
    if rows.iter().all(|r| r.next.is_some()) {
        out.push_str("\n    /**\n     * The codes an order can move to next (some, like 900 and 1000, have no case).\n     *\n     * @return list<int>\n     */\n    public function next(): array\n    {\n        return match ($this) {\n");
        arm(&mut out, &|r| {
            let n: Vec<String> = r.next.iter().flatten().map(u64::to_string).collect();
            format!("[{}]", n.join(", "))
        });
        out.push_str("        };\n    }\n\n    /** Whether no status follows. */\n    public function isFinal(): bool\n    {\n        return $this->next() === [];\n    }\n");
    }
    out.push_str("}\n");
    out
}

pub(crate) fn php_statuses() -> Vec<(String, String)> {
    let current: Vec<StatusRow> = catalogue()
        .into_iter()
        .map(|(code, constant, uz, ru, en, next)| StatusRow {
            code,
            constant,
            uz,
            ru: Some(ru),
            en,
            next: Some(next),
        })
        .collect();
    let mut files = vec![(
        "bindings/php/src/Status/Status.php".to_owned(),
        php_enum(
            "Status",
            "Status of an order on the current courier API (status.code, 100-1400).",
            &current,
        ),
    )];
    for f in families() {
        let rows: Vec<StatusRow> = f
            .codes
            .iter()
            .map(|(code, constant, uz, en)| StatusRow {
                code: *code as u64,
                constant: constant.clone(),
                uz: uz.to_string(),
                ru: None,
                en: en.to_string(),
                next: None,
            })
            .collect();
        files.push((
            format!("bindings/php/src/Status/{}.php", f.name),
            php_enum(f.name, &f.doc.replace('`', ""), &rows),
        ));
    }
    files
}

const STATUS_HEADER: &str = "Generated from the bts library's status enums and catalogue by `cargo xtask gen` (xtask/src/statuses.rs): do not edit.";
