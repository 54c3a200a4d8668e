//! The Python and PHP bindings' named methods, one per operation of the table, typed with the
//! bindings' names of the Rust types the table's `typed` column names.

use std::fmt::Write as _;

use bts::model::binding::{BindingForm, BindingName};
use bts::{Api, Endpoint, Operation, ParamType, QueryParam, Shape, OPERATIONS};

use crate::HEADER;

/// The operations the bindings name: every one but the hand-written escape hatch and batch
/// (each binding's own `batch` method), and test-only rows.
fn named() -> impl Iterator<Item = &'static Operation> {
    OPERATIONS
        .iter()
        .filter(|op| op.shape() != Shape::Raw && op.public && **op != bts::ops::BATCH)
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
pub(crate) enum Takes {
    /// The parameters object (a body); a bare list is wrapped as the sole required member.
    Body(Option<&'static str>),
    /// Query parameters: the union over the APIs, each required when every API requires it.
    Args(Vec<(QueryParam, bool)>),
    /// One page, and every page.
    List,
    /// Nothing (a login).
    Nothing,
}

pub(crate) fn takes(op: &Operation) -> Takes {
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

pub(crate) fn apis(op: &Operation) -> String {
    let names: Vec<&str> = op.apis().map(Api::as_str).collect();
    names.join(", ")
}

/// The bindings' request and reply types of `op` on `api`, from the table's `typed` column.
fn shape(op: &Operation, api: Api) -> (Option<BindingName>, Option<BindingName>) {
    op.bindings
        .iter()
        .find(|b| b.api == api)
        .map(|b| (b.request, b.reply))
        .unwrap_or((None, None))
}

/// A binding name as the generator writes it: `X`, `X[]` (a list of `X`), `XCreated`, `XList`.
pub(crate) fn type_name(name: BindingName) -> String {
    let record = name.record;
    match name.form {
        BindingForm::One => record.to_owned(),
        BindingForm::ListOf => format!("{record}[]"),
        BindingForm::Created => format!("{record}Created"),
        BindingForm::List => format!("{record}List"),
    }
}

/// Every record name the typed methods use (the names the binding files must define): each
/// request and reply, the record of a list reply, and `Ack`.
pub(crate) fn used_names() -> Vec<String> {
    let mut used: Vec<String> = vec!["Ack".to_owned()];
    for op in OPERATIONS {
        for b in op.bindings {
            for name in [b.request, b.reply].into_iter().flatten() {
                used.push(type_name(name).trim_end_matches("[]").to_owned());
                if name.form == BindingForm::List {
                    used.push(name.record.to_owned());
                }
            }
        }
    }
    used.sort();
    used.dedup();
    used
}

/// A shape name in Python: `X[]` is `List[X]`.
fn py_type(name: &str) -> String {
    match name.strip_suffix("[]") {
        Some(item) => format!("List[{item}]"),
        None => name.to_owned(),
    }
}

/// A shape name in PHPStan: `X[]` is `list<X>`.
fn php_type(name: &str) -> String {
    match name.strip_suffix("[]") {
        Some(item) => format!("list<{item}>"),
        None => name.to_owned(),
    }
}

/// What one endpoint's method takes (the current-API view's methods).
fn takes_on(e: &Endpoint) -> Takes {
    match e.shape {
        Shape::Query(params) => {
            let mut args: Vec<(QueryParam, bool)> =
                params.iter().map(|q| (*q, q.required)).collect();
            args.sort_by_key(|(_, required)| !required);
            Takes::Args(args)
        }
        Shape::List => Takes::List,
        Shape::Login => Takes::Nothing,
        _ => {
            let sole = match e.required {
                [one] if !one.contains('.') && !one.contains('[') => Some(*one),
                _ => None,
            };
            Takes::Body(sole)
        }
    }
}

/// Every operation name the bindings accept in `call` (the named ones and `raw`).
fn operation_names() -> Vec<&'static str> {
    OPERATIONS
        .iter()
        .filter(|op| op.public)
        .map(|op| op.name)
        .collect()
}

/// One Python method of `op` as it is on `api`, taking `takes`.
fn python_method(out: &mut String, op: &Operation, api: Api, takes: Takes) {
    let doc = format!(
        "        \"\"\"{}\n\n        Operation ``{}`` ({} API).\n        \"\"\"\n",
        op.summary.replace('\\', "\\\\"),
        op.name,
        if api == Api::Current {
            "current".to_owned()
        } else {
            apis(op)
        }
    );
    let m = op.method_name;
    let name = op.name;
    let (req, reply_type) = shape(op, api);
    let req = req.map(type_name);
    let req = req.as_deref();
    let item = reply_type
        .filter(|r| r.form == BindingForm::List)
        .map(|r| r.record);
    let reply = reply_type.map(type_name);
    let reply = reply.as_deref();
    let ret = reply.map(py_type).unwrap_or_else(|| "JSON".to_owned());
    let wrap = |call: String| -> String {
        if reply.is_some() {
            format!("cast({ret}, {call})")
        } else {
            call
        }
    };
    out.push('\n');
    match takes {
        Takes::Body(sole) => {
            let sole_arg = sole.map(|s| format!(", {s:?}")).unwrap_or_default();
            let ty = match (req, sole) {
                (Some(r), Some(_)) if r == "ClientStatusRequest" => {
                    format!("Optional[Union[{r}, Sequence[Ack]]]")
                }
                (Some(r), _) => format!("Optional[{r}]"),
                (None, _) => "Params".to_owned(),
            };
            let call = wrap(format!(
                "self.call({name:?}, _body(params, fields{sole_arg}))"
            ));
            write!(
                out,
                "    def {m}(self, params: {ty} = None, **fields: Any) -> {ret}:\n{doc}        return {call}\n"
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
            let call = wrap(format!(
                "self.call({name:?}, _present({{{}}}))",
                pass.join(", ")
            ));
            write!(
                out,
                "    def {m}(self{sig}) -> {ret}:\n{doc}        return {call}\n"
            )
            .unwrap();
        }
        Takes::List => {
            let all = item
                .map(|i| format!("List[{i}]"))
                .unwrap_or_else(|| "List[JSON]".to_owned());
            let call = wrap(format!("self.call({name:?}, _present({{\"page\": page}}))"));
            let all_call = if item.is_some() {
                format!("cast({all}, self.call({name:?}, {{\"all_pages\": True}}))")
            } else {
                format!("cast(List[JSON], self.call({name:?}, {{\"all_pages\": True}}))")
            };
            write!(
                out,
                "    def {m}(self, page: Optional[int] = None) -> {ret}:\n{doc}        return {call}\n\n\
                 \x20   def {m}_all(self) -> {all}:\n        \"\"\"Every page of ``{name}``, items joined into one list.\"\"\"\n        return {all_call}\n"
            )
            .unwrap();
        }
        Takes::Nothing => {
            let call = wrap(format!("self.call({name:?})"));
            write!(
                out,
                "    def {m}(self) -> {ret}:\n{doc}        return {call}\n"
            )
            .unwrap();
        }
    }
}

pub(crate) fn python() -> String {
    let mut out = String::new();
    writeln!(
        out,
        "\"\"\"The named methods of :class:`bts.Client`, one per operation, and of its current-API view\n(:class:`bts.CurrentApi`, ``client.current``).\n\n{HEADER}\n\"\"\"\n"
    )
    .unwrap();
    let used = used_names();
    out.push_str("from __future__ import annotations\n\n");
    out.push_str(
        "from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Union, cast\n\n",
    );
    out.push_str("from .types import (\n");
    for name in &used {
        writeln!(out, "    {name},").unwrap();
    }
    out.push_str(")\n\n");
    out.push_str("#: Every operation name ``call`` takes.\nOperationName = Literal[\n");
    for name in operation_names() {
        writeln!(out, "    {name:?},").unwrap();
    }
    out.push_str("]\n\n");
    out.push_str(
        "#: Parameters: a mapping (or, where the operation has one required list, that list).\n\
         Params = Optional[Union[Mapping[str, object], Sequence[object]]]\n\
         #: What BTS answers (decoded JSON).\n\
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
         \x20   \"\"\"One method per operation of the table; each is ``call(name, parameters)``. Replies are\n\
         \x20   typed for the legacy courier API where an operation is on both courier APIs: on a client\n\
         \x20   configured with ``courier_api=\"current\"``, use ``client.current`` for the current API's\n\
         \x20   types.\"\"\"\n\n\
         \x20   def call(self, operation: OperationName, params: Optional[Mapping[str, Any]] = None) -> JSON:\n\
         \x20       raise NotImplementedError\n",
    );
    for op in named() {
        let api = op.primary().api;
        python_method(&mut out, op, api, takes(op));
    }
    out.push_str(
        "\n\nclass CurrentOperations:\n\
         \x20   \"\"\"The current courier API's operations, typed for it (``client.current``).\"\"\"\n\n\
         \x20   def call(self, operation: OperationName, params: Optional[Mapping[str, Any]] = None) -> JSON:\n\
         \x20       raise NotImplementedError\n",
    );
    for op in named() {
        if let Some(e) = op.endpoint(Api::Current) {
            python_method(&mut out, op, Api::Current, takes_on(e));
        }
    }
    out
}

/// One PHP method of `op` as it is on `api`, taking `takes`.
fn php_method(out: &mut String, op: &Operation, api: Api, takes: Takes) {
    let m = camel(op.method_name);
    let name = op.name;
    let (req, reply_type) = shape(op, api);
    let req = req.map(type_name);
    let req = req.as_deref();
    let item = reply_type
        .filter(|r| r.form == BindingForm::List)
        .map(|r| r.record);
    let reply = reply_type.map(type_name);
    let reply = reply.as_deref();
    let api_name = if api == Api::Current {
        "current".to_owned()
    } else {
        apis(op)
    };
    let mut tags: Vec<String> = Vec::new();
    let returns = |tags: &mut Vec<String>| {
        if let Some(r) = reply {
            tags.push(format!("@return {}", php_type(r)));
        }
    };
    let body = match takes {
        Takes::Body(sole) => {
            let ty = match (req, sole) {
                (Some(r), Some(_)) => format!("{r}|list<Ack>|array{{}}"),
                (Some(r), None) => format!("{r}|array{{}}"),
                (None, _) => "array<mixed>".to_owned(),
            };
            tags.push(format!("@param {ty} $params"));
            returns(&mut tags);
            let params = match sole {
                Some(s) => format!("self::wrapSole($params, '{s}')"),
                None => "$params".to_owned(),
            };
            format!("    public function {m}(array $params = []): mixed\n    {{\n        return $this->call('{name}', {params});\n    }}\n")
        }
        Takes::Args(args) => {
            returns(&mut tags);
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
            format!(
                "    public function {m}({}): mixed\n    {{\n        return $this->call('{name}', self::presentOnly([{}]));\n    }}\n",
                sig.join(", "),
                pass.join(", ")
            )
        }
        Takes::List => {
            returns(&mut tags);
            let item = item.unwrap_or("array<string, mixed>");
            format!(
                "    public function {m}(?int $page = null): mixed\n    {{\n        return $this->call('{name}', self::presentOnly(['page' => $page]));\n    }}\n\n\
                 \x20   /**\n     * Every page of {name}, items joined into one list.\n     *\n     * @return list<{item}>\n     */\n    public function {m}All(): array\n    {{\n        return $this->call('{name}', ['all_pages' => true]);\n    }}\n"
            )
        }
        Takes::Nothing => {
            returns(&mut tags);
            format!("    public function {m}(): mixed\n    {{\n        return $this->call('{name}');\n    }}\n")
        }
    };
    let summary = op.summary.replace("*/", "* /");
    out.push('\n');
    if tags.is_empty() {
        writeln!(
            out,
            "    /** {summary} Operation {name} ({api_name} API). */"
        )
        .unwrap();
    } else {
        write!(
            out,
            "    /**\n     * {summary} Operation {name} ({api_name} API).\n     *\n"
        )
        .unwrap();
        for t in tags {
            writeln!(out, "     * {t}").unwrap();
        }
        out.push_str("     */\n");
    }
    out.push_str(&body);
}

/// The shape names the PHP traits import from Bts\Types.
fn php_imports() -> String {
    let used = used_names();
    used.iter()
        .map(|n| format!(" * @phpstan-import-type {n} from Types\n"))
        .collect()
}

/// A PHP trait of named methods: `Operations` (every operation, typed for its first API) or
/// `CurrentOperations` (the current API's, typed for it).
fn php_trait(trait_name: &str, doc: &str, current: bool) -> String {
    let mut out = String::new();
    write!(
        out,
        "<?php\n\n// {HEADER}\n\ndeclare(strict_types=1);\n\nnamespace Bts;\n\n\
         /**\n * {doc}\n *\n{}\x20*/\n\
         trait {trait_name}\n{{\n\
         \x20   /** @param array<mixed> $params */\n\
         \x20   abstract public function call(string $operation, array $params = []): mixed;\n\n\
         \x20   /**\n     * A list given as parameters is wrapped as the operation's sole required member.\n     *\n     * @param array<mixed> $params\n     * @return array<mixed>\n     */\n\
         \x20   private static function wrapSole(array $params, string $sole): array\n    {{\n\
         \x20       return ($params !== [] && array_is_list($params)) ? [$sole => $params] : $params;\n    }}\n\n\
         \x20   /**\n     * Drops null parameters (optional ones left out).\n     *\n     * @param array<mixed> $params\n     * @return array<mixed>\n     */\n\
         \x20   private static function presentOnly(array $params): array\n    {{\n\
         \x20       return array_filter($params, static fn ($v) => $v !== null);\n    }}\n",
        php_imports()
    )
    .unwrap();
    for op in named() {
        if current {
            if let Some(e) = op.endpoint(Api::Current) {
                php_method(&mut out, op, Api::Current, takes_on(e));
            }
        } else {
            php_method(&mut out, op, op.primary().api, takes(op));
        }
    }
    out.push_str("}\n");
    out
}

pub(crate) fn php() -> String {
    php_trait(
        "Operations",
        "The named methods of Bts\\Client, one per operation; each is call(name, parameters). Replies are typed for the legacy courier API where an operation is on both courier APIs: on a client configured with courier_api \"current\", use $client->current() for the current API's shapes.",
        false,
    )
}

pub(crate) fn php_current() -> String {
    php_trait(
        "CurrentOperations",
        "The current courier API's operations, typed for it (Bts\\CurrentApi, $client->current()).",
        true,
    )
}
