//! Files generated from the operation table, checked in, and checked here for drift (the way
//! `include/bts.h` is): the Python binding's named methods, the PHP binding's, and the README's
//! operation table. Regenerate them with
//!
//! ```text
//! BTS_BLESS=1 cargo test --test generated
//! ```

use std::fmt::Write as _;
use std::path::Path;

use bts::{Api, Endpoint, Operation, ParamType, QueryParam, Retry, Shape, OPERATIONS};

const HEADER: &str = "Generated from the operation table (src/operations.rs) by tests/generated.rs: do not edit. Regenerate with `BTS_BLESS=1 cargo test --test generated`.";

/// The operations the bindings name: every one but the hand-written escape hatch and batch,
/// and test-only rows.
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

/// The typed shapes of the main operations, per API: `(operation, API, request, reply)`. The
/// names are those of `bindings/python/bts/types.py` and of the `@phpstan-type`s of
/// `bindings/php/src/Types.php`. A reply `X[]` is a list of `X`; the reply of a list operation
/// (`Takes::List`) is `<Record>List`, its every-page form a list of `<Record>`.
const SHAPES: &[(&str, Api, Option<&str>, &str)] = &[
    ("order/add", Api::Legacy, Some("OrderRequest"), "Order"),
    (
        "order/add",
        Api::Current,
        Some("CurrentOrderRequest"),
        "CurrentOrder",
    ),
    ("order/edit", Api::Legacy, Some("OrderRequest"), "Order"),
    (
        "order/edit",
        Api::Current,
        Some("CurrentOrderRequest"),
        "CurrentOrder",
    ),
    ("order/detail", Api::Legacy, None, "Order"),
    ("order/detail", Api::Current, None, "CurrentOrder"),
    ("order/cancel", Api::Legacy, None, "CancelResult"),
    ("order/cancel", Api::Current, None, "CurrentOrderState"),
    (
        "order/calculate",
        Api::Legacy,
        Some("PriceRequest"),
        "PriceQuote",
    ),
    (
        "order/calculate",
        Api::Current,
        Some("CurrentPriceRequest"),
        "CurrentPriceQuote",
    ),
    ("order/track", Api::Legacy, None, "Track"),
    ("order/track", Api::Current, None, "CurrentOrderState"),
    ("order/history", Api::Legacy, None, "HistoryEvent[]"),
    ("order/sticker", Api::Current, None, "Sticker"),
    ("order/stickers", Api::Current, None, "Sticker"),
    ("directory/branches", Api::Current, None, "CurrentPage"),
    ("directory/regions", Api::Current, None, "CurrentPage"),
    ("directory/cities", Api::Current, None, "CurrentPage"),
    ("directory/statuses", Api::Current, None, "CurrentPage"),
    ("directory/packages", Api::Current, None, "CurrentPage"),
    ("directory/post-types", Api::Current, None, "CurrentPage"),
    ("webhook/parse", Api::Local, None, "WebhookEvent"),
    ("label/save", Api::Legacy, None, "LabelFile"),
    ("label/save", Api::Current, None, "LabelFile"),
    (
        "wms/product/create",
        Api::Wms,
        Some("ProductRequest"),
        "ProductCreated",
    ),
    ("wms/product/clients", Api::Wms, None, "ProductList"),
    (
        "wms/product/client-status",
        Api::Wms,
        Some("ClientStatusRequest"),
        "Message",
    ),
    (
        "wms/purveyor/create",
        Api::Wms,
        Some("PurveyorRequest"),
        "PurveyorCreated",
    ),
    ("wms/purveyor/clients", Api::Wms, None, "PurveyorList"),
    (
        "wms/purveyor/client-status",
        Api::Wms,
        Some("ClientStatusRequest"),
        "Message",
    ),
    (
        "wms/receiving-goods/create",
        Api::Wms,
        Some("ReceivingGoodsRequest"),
        "ReceivingGoodsCreated",
    ),
    (
        "wms/receiving-goods/clients",
        Api::Wms,
        None,
        "ReceivingGoodsList",
    ),
    (
        "wms/receiving-goods/client-status",
        Api::Wms,
        Some("ClientStatusRequest"),
        "Message",
    ),
    (
        "wms/order/create",
        Api::Wms,
        Some("WmsOrderRequest"),
        "WmsOrderCreated",
    ),
];

/// The request and reply shapes of `op` on `api`, if it has typed ones.
fn shape(op: &Operation, api: Api) -> (Option<&'static str>, Option<&'static str>) {
    SHAPES
        .iter()
        .find(|(name, a, _, _)| *name == op.name && *a == api)
        .map(|(_, _, req, reply)| (*req, Some(*reply)))
        .unwrap_or((None, None))
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
    let (req, reply) = shape(op, api);
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
            let item = reply.and_then(|r| r.strip_suffix("List"));
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

fn python() -> String {
    let mut out = String::new();
    writeln!(
        out,
        "\"\"\"The named methods of :class:`bts.Client`, one per operation, and of its current-API view\n(:class:`bts.CurrentApi`, ``client.current``).\n\n{HEADER}\n\"\"\"\n"
    )
    .unwrap();
    let mut used: Vec<&str> = SHAPES
        .iter()
        .flat_map(|(_, _, req, reply)| [*req, Some(reply.trim_end_matches("[]"))])
        .flatten()
        .chain(["Ack"])
        .collect();
    for (name, _, _, reply) in SHAPES {
        if let (Some(item), Some(op)) = (reply.strip_suffix("List"), bts::operation(name)) {
            if op.shape() == Shape::List {
                used.push(item);
            }
        }
    }
    used.sort();
    used.dedup();
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
    let (req, reply) = shape(op, api);
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
            let item = reply
                .and_then(|r| r.strip_suffix("List"))
                .unwrap_or("array<string, mixed>");
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
    let mut used: Vec<&str> = SHAPES
        .iter()
        .flat_map(|(_, _, req, reply)| [*req, Some(reply.trim_end_matches("[]"))])
        .flatten()
        .chain(["Ack"])
        .collect();
    for (name, _, _, reply) in SHAPES {
        if let (Some(item), Some(op)) = (reply.strip_suffix("List"), bts::operation(name)) {
            if op.shape() == Shape::List {
                used.push(item);
            }
        }
    }
    used.sort();
    used.dedup();
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

fn php() -> String {
    php_trait(
        "Operations",
        "The named methods of Bts\\Client, one per operation; each is call(name, parameters). Replies are typed for the legacy courier API where an operation is on both courier APIs: on a client configured with courier_api \"current\", use $client->current() for the current API's shapes.",
        false,
    )
}

fn php_current() -> String {
    php_trait(
        "CurrentOperations",
        "The current courier API's operations, typed for it (Bts\\CurrentApi, $client->current()).",
        true,
    )
}

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

fn python_statuses() -> String {
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

fn php_statuses() -> Vec<(String, String)> {
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

const STATUS_HEADER: &str = "Generated from the bts library's status enums and catalogue by tests/generated.rs: do not edit. Regenerate with `BTS_BLESS=1 cargo test --test generated`.";

const TABLE_BEGIN: &str = "<!-- operations:begin (generated by tests/generated.rs) -->\n";
const TABLE_END: &str = "<!-- operations:end -->";

fn readme_table() -> String {
    let mut out = String::from(TABLE_BEGIN);
    out.push_str("| operation | APIs | method | retried | parameters | what it does |\n|---|---|---|---|---|---|\n");
    for op in OPERATIONS.iter().filter(|op| op.public) {
        let methods: Vec<&str> = {
            let mut m: Vec<&str> = op
                .endpoints
                .iter()
                .map(|e| e.method().map_or("none", |m| m.as_str()))
                .collect();
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
                _ if *op == bts::ops::BATCH => "per call",
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
fn python_statuses_match_the_library() {
    check("bindings/python/bts/statuses.py", &python_statuses());
}

#[test]
fn php_statuses_match_the_library() {
    for (path, text) in php_statuses() {
        check(&path, &text);
    }
}

#[test]
fn php_methods_match_the_table() {
    check("bindings/php/src/Operations.php", &php());
    check("bindings/php/src/CurrentOperations.php", &php_current());
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
