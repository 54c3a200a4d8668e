//! Files generated from the operation table, checked in, and checked here for drift (the way
//! `include/bts.h` is): the Python binding's named methods, the PHP binding's, and the README's
//! operation table. Regenerate them with
//!
//! ```text
//! BTS_BLESS=1 cargo test --test generated
//! ```

use std::fmt::Write as _;
use std::path::Path;

use bts::{Api, Operation, ParamType, QueryParam, Retry, Shape, OPERATIONS};

const HEADER: &str = "Generated from the operation table (src/operations.rs) by tests/generated.rs: do not edit. Regenerate with `BTS_BLESS=1 cargo test --test generated`.";

/// The operations the bindings name: every one but the hand-written escape hatch and
/// test-only rows.
fn named() -> impl Iterator<Item = &'static Operation> {
    OPERATIONS
        .iter()
        .filter(|op| op.shape() != Shape::Raw && !op.name.starts_with("__"))
}

/// `orderId` → `order_id`, `per-page` → `per_page`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c == '-' {
            out.push('_');
        } else if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `order_add` → `orderAdd`.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
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

/// What the named method takes, the same on every API that has the operation.
enum Takes {
    /// The parameters object (a body); a bare list is wrapped as the sole required member.
    Body(Option<&'static str>),
    /// Query parameters: the union over the APIs, each required when every API requires it.
    Args(Vec<(QueryParam, bool)>),
    /// One page, and every page.
    List,
    /// Nothing (a login).
    Nothing,
}

fn takes(op: &Operation) -> Takes {
    match op.shape() {
        Shape::Query(_) => {
            let mut args: Vec<(QueryParam, bool)> = Vec::new();
            for endpoint in op.endpoints {
                if let Shape::Query(params) = endpoint.shape {
                    for q in params {
                        if !args.iter().any(|(a, _)| a.name == q.name) {
                            let everywhere = op.endpoints.iter().all(|e| match e.shape {
                                Shape::Query(p) => p.iter().any(|p| p.name == q.name && p.required),
                                _ => false,
                            });
                            args.push((*q, everywhere));
                        }
                    }
                }
            }
            // Required arguments first.
            args.sort_by_key(|(_, required)| !required);
            Takes::Args(args)
        }
        Shape::List => Takes::List,
        Shape::Login => Takes::Nothing,
        _ => {
            let sole = match op.required() {
                [one] if !one.contains('.') && !one.contains('[') => Some(*one),
                _ => None,
            };
            Takes::Body(sole)
        }
    }
}

fn apis(op: &Operation) -> String {
    let names: Vec<&str> = op.apis().map(Api::as_str).collect();
    names.join(", ")
}

fn python() -> String {
    let mut out = String::new();
    writeln!(
        out,
        "\"\"\"The named methods of :class:`bts.Client`, one per operation.\n\n{HEADER}\n\"\"\"\n"
    )
    .unwrap();
    out.push_str(
        "from __future__ import annotations\n\n\
         from typing import Any, Dict, List, Mapping, Optional, Sequence, Union\n\n\
         Params = Optional[Union[Mapping[str, Any], Sequence[Any]]]\n\
         JSON = Any\n\n\n\
         def _body(params: Params, fields: Mapping[str, Any], sole: Optional[str] = None) -> Dict[str, Any]:\n\
         \x20   \"\"\"The parameters object: ``params`` with ``fields`` on top. A list is wrapped as the\n\
         \x20   operation's sole required member (``{\"status\": [...]}``).\"\"\"\n\
         \x20   if params is not None and not isinstance(params, Mapping):\n\
         \x20       if sole is None:\n\
         \x20           raise TypeError(\"the parameters must be a mapping\")\n\
         \x20       params = {sole: list(params)}\n\
         \x20   merged: Dict[str, Any] = dict(params or {})\n\
         \x20   merged.update(fields)\n\
         \x20   return merged\n\n\n\
         def _present(params: Dict[str, Any]) -> Dict[str, Any]:\n\
         \x20   return {k: v for k, v in params.items() if v is not None}\n\n\n\
         class Operations:\n\
         \x20   \"\"\"One method per operation of the table; each is ``call(name, parameters)``.\"\"\"\n\n\
         \x20   def call(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> JSON:\n\
         \x20       raise NotImplementedError\n",
    );
    for op in named() {
        let doc = format!(
            "        \"\"\"{}\n\n        Operation ``{}`` ({} API).\n        \"\"\"\n",
            op.summary.replace('\\', "\\\\"),
            op.name,
            apis(op)
        );
        let m = op.method_name;
        let name = op.name;
        out.push('\n');
        match takes(op) {
            Takes::Body(sole) => {
                let sole = sole.map(|s| format!(", {s:?}")).unwrap_or_default();
                write!(
                    out,
                    "    def {m}(self, params: Params = None, **fields: Any) -> JSON:\n{doc}        return self.call({name:?}, _body(params, fields{sole}))\n"
                )
                .unwrap();
            }
            Takes::Args(args) => {
                let mut sig = String::new();
                let mut pass = Vec::new();
                for (q, required) in &args {
                    let ty = match q.ty {
                        ParamType::Integer => "int",
                        ParamType::String => "str",
                    };
                    let arg = snake(q.name);
                    if *required {
                        write!(sig, ", {arg}: {ty}").unwrap();
                    } else {
                        write!(sig, ", {arg}: Optional[{ty}] = None").unwrap();
                    }
                    pass.push(format!("{:?}: {arg}", q.name));
                }
                write!(
                    out,
                    "    def {m}(self{sig}) -> JSON:\n{doc}        return self.call({name:?}, _present({{{}}}))\n",
                    pass.join(", ")
                )
                .unwrap();
            }
            Takes::List => {
                write!(
                    out,
                    "    def {m}(self, page: Optional[int] = None) -> JSON:\n{doc}        return self.call({name:?}, _present({{\"page\": page}}))\n\n\
                     \x20   def {m}_all(self) -> List[JSON]:\n        \"\"\"Every page of ``{name}``, items joined into one list.\"\"\"\n        return self.call({name:?}, {{\"all_pages\": True}})\n"
                )
                .unwrap();
            }
            Takes::Nothing => {
                write!(
                    out,
                    "    def {m}(self) -> JSON:\n{doc}        return self.call({name:?})\n"
                )
                .unwrap();
            }
        }
    }
    out
}

fn php() -> String {
    let mut out = String::new();
    write!(
        out,
        "<?php\n\n// {HEADER}\n\ndeclare(strict_types=1);\n\nnamespace Bts;\n\n\
         /** The named methods of Bts\\Client, one per operation; each is call(name, parameters). */\n\
         trait Operations\n{{\n\
         \x20   abstract public function call(string $operation, array $params = []): mixed;\n\n\
         \x20   /** A list given as parameters is wrapped as the operation's sole required member. */\n\
         \x20   private static function wrapSole(array $params, string $sole): array\n    {{\n\
         \x20       return ($params !== [] && array_is_list($params)) ? [$sole => $params] : $params;\n    }}\n\n\
         \x20   /** Drops null parameters (optional ones left out). */\n\
         \x20   private static function presentOnly(array $params): array\n    {{\n\
         \x20       return array_filter($params, static fn ($v) => $v !== null);\n    }}\n"
    )
    .unwrap();
    for op in named() {
        let m = camel(op.method_name);
        let name = op.name;
        let doc = format!(
            "    /** {} Operation {name} ({} API). */\n",
            op.summary.replace("*/", "* /"),
            apis(op)
        );
        out.push('\n');
        match takes(op) {
            Takes::Body(sole) => {
                let params = match sole {
                    Some(s) => format!("self::wrapSole($params, '{s}')"),
                    None => "$params".to_owned(),
                };
                write!(
                    out,
                    "{doc}    public function {m}(array $params = []): mixed\n    {{\n        return $this->call('{name}', {params});\n    }}\n"
                )
                .unwrap();
            }
            Takes::Args(args) => {
                let mut sig = Vec::new();
                let mut pass = Vec::new();
                for (q, required) in &args {
                    let ty = match q.ty {
                        ParamType::Integer => "int",
                        ParamType::String => "string",
                    };
                    let var = camel(&snake(q.name));
                    if *required {
                        sig.push(format!("{ty} ${var}"));
                    } else {
                        sig.push(format!("?{ty} ${var} = null"));
                    }
                    pass.push(format!("'{}' => ${var}", q.name));
                }
                write!(
                    out,
                    "{doc}    public function {m}({}): mixed\n    {{\n        return $this->call('{name}', self::presentOnly([{}]));\n    }}\n",
                    sig.join(", "),
                    pass.join(", ")
                )
                .unwrap();
            }
            Takes::List => {
                write!(
                    out,
                    "{doc}    public function {m}(?int $page = null): mixed\n    {{\n        return $this->call('{name}', self::presentOnly(['page' => $page]));\n    }}\n\n\
                     \x20   /** Every page of {name}, items joined into one list. */\n    public function {m}All(): array\n    {{\n        return $this->call('{name}', ['all_pages' => true]);\n    }}\n"
                )
                .unwrap();
            }
            Takes::Nothing => {
                write!(
                    out,
                    "{doc}    public function {m}(): mixed\n    {{\n        return $this->call('{name}');\n    }}\n"
                )
                .unwrap();
            }
        }
    }
    out.push_str("}\n");
    out
}

const TABLE_BEGIN: &str = "<!-- operations:begin (generated by tests/generated.rs) -->\n";
const TABLE_END: &str = "<!-- operations:end -->";

fn readme_table() -> String {
    let mut out = String::from(TABLE_BEGIN);
    out.push_str("| operation | APIs | method | retried | parameters | what it does |\n|---|---|---|---|---|---|\n");
    for op in OPERATIONS.iter().filter(|op| !op.name.starts_with("__")) {
        let methods: Vec<&str> = {
            let mut m: Vec<&str> = op.endpoints.iter().map(|e| e.method.as_str()).collect();
            m.dedup();
            m
        };
        let params = match takes(op) {
            _ if op.shape() == Shape::Raw => {
                "`service`, `method`, `route`, `query`, `body`".to_owned()
            }
            Takes::Body(_) => {
                let required = op.required();
                if required.is_empty() {
                    "body".to_owned()
                } else {
                    let names: Vec<String> = required.iter().map(|r| format!("`{r}`")).collect();
                    format!("body; required {}", names.join(", "))
                }
            }
            Takes::Args(args) if args.is_empty() => "none".to_owned(),
            Takes::Args(args) => {
                let names: Vec<String> = args
                    .iter()
                    .map(|(q, required)| {
                        format!("`{}`{}", q.name, if *required { "" } else { " (optional)" })
                    })
                    .collect();
                names.join(", ")
            }
            Takes::List => "`page` or `all_pages`".to_owned(),
            Takes::Nothing => "none".to_owned(),
        };
        writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            op.name,
            apis(op),
            if op.shape() == Shape::Raw {
                "any".to_owned()
            } else {
                methods.join(", ")
            },
            match (op.retry, op.shape()) {
                (_, Shape::Raw) => "GET only",
                (Retry::Safe, _) => "yes",
                (Retry::Unsafe, _) => "never",
            },
            params.replace('|', "\\|"),
            op.summary.replace('|', "\\|"),
        )
        .unwrap();
    }
    out.push_str(TABLE_END);
    out
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Compares `path` with `expected`; with `BTS_BLESS=1`, writes it instead.
fn check(path: &str, expected: &str) {
    let full = root().join(path);
    if std::env::var_os("BTS_BLESS").is_some() {
        std::fs::write(&full, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        actual == expected,
        "{path} differs from what the operation table generates: run `BTS_BLESS=1 cargo test --test generated` and commit it"
    );
}

#[test]
fn python_methods_match_the_table() {
    check("bindings/python/bts/_operations.py", &python());
}

#[test]
fn php_methods_match_the_table() {
    check("bindings/php/src/Operations.php", &php());
}

#[test]
fn readme_table_matches_the_table() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(TABLE_BEGIN)
        .expect("README has the operations:begin marker");
    let end = readme[start..]
        .find(TABLE_END)
        .expect("README has the operations:end marker")
        + start;
    let expected = format!(
        "{}{}{}",
        &readme[..start],
        readme_table(),
        &readme[end + TABLE_END.len()..]
    );
    check("README.md", &expected);
}

#[test]
fn every_named_operation_has_a_method_name_of_its_own() {
    let mut names: Vec<&str> = OPERATIONS.iter().map(|op| op.method_name).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "two operations share a method name");
    for op in OPERATIONS {
        assert_eq!(
            op.method_name,
            op.name.replace(['/', '-'], "_"),
            "the method name is the operation name with / and - as _"
        );
    }
}
