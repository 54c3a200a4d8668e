//! An operation's parameters from the command line.
//!
//! * No argument: `{}`.
//! * One JSON object (`'{"orderId":229234}'`), `@FILE` holding one, or `-` for stdin: sent as
//!   written (key order and number spelling reach BTS unchanged).
//! * `key=value` arguments, after an optional object of the forms above that they add to or
//!   override:
//!   - a query parameter the operation declares is typed by its declaration: an `integer` one
//!     becomes a JSON number (`orderId=229234`), a `string` one stays a string
//!     (`barcode=01000865704`);
//!   - a member BTS wants as a string even when it is all digits stays one: codes
//!     (`receiver.city_code=3001`, `senderCityCode`, but not `statusCode`), phone numbers, `inn`,
//!     `kpp`, `okpo`, `gtin`, `pinfl`, `barcode` and `clientId`;
//!   - any other value that reads as a JSON number, `true`, `false` or `null` becomes that, as
//!     written (`weight=2`, `cost=12000.00`); everything else is a string (`receiver=Ali`,
//!     `senderCityCode=0109`, `phone=+998901234567`);
//!   - `key:=JSON` takes raw JSON (`cargo:='{"weight":1}'`, `phone:='"998901234567"'` for a
//!     string of digits), `key=@FILE` or `key:=@FILE` the JSON in a file;
//!   - dotted keys build objects (`sender.name=Ali`), indexes build arrays (`items[0].name=A`,
//!     `orderIds[]=1` appends).
//!
//! The built object keeps the arguments' order.

use std::io::Read;

use bts::{Endpoint, Error, ParamType, QueryParam, Shape};
use serde_json::Value;

use crate::Failure;

/// A JSON value under construction: objects keep their members in argument order; leaves are
/// JSON text, written as given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
    Leaf(String),
}

impl Node {
    fn write(&self, out: &mut String) {
        match self {
            Node::Leaf(text) => out.push_str(text),
            Node::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::from(key.as_str()).to_string());
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
            Node::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
        }
    }

    fn from_value(value: &Value) -> Node {
        match value {
            Value::Object(map) => Node::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Node::from_value(v)))
                    .collect(),
            ),
            Value::Array(items) => Node::Array(items.iter().map(Node::from_value).collect()),
            other => Node::Leaf(other.to_string()),
        }
    }
}

/// One step of a key path: `name`, `[3]` or `[]`.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
    Push,
}

/// The parameters of one call.
pub(crate) enum Params {
    /// JSON text as the caller wrote it.
    Verbatim(String),
    /// Built from `key=value` arguments.
    Built(Node),
}

impl Params {
    /// Sets a top-level member to JSON text (for `--all-pages`); a verbatim object is read into
    /// a tree first.
    pub(crate) fn set_top(&mut self, key: &str, json: &str) -> Result<(), Failure> {
        if let Params::Verbatim(text) = self {
            *self = Params::Built(object_of(text, "the parameters")?);
        }
        if let Params::Built(node) = self {
            set(
                node,
                &[Step::Key(key.to_owned())],
                Node::Leaf(json.to_owned()),
                key,
            )?;
        }
        Ok(())
    }

    /// The JSON text to send.
    pub(crate) fn into_text(self) -> String {
        match self {
            Params::Verbatim(text) => text,
            Params::Built(node) => {
                let mut out = String::new();
                node.write(&mut out);
                out
            }
        }
    }
}

/// The parameters from `args`, typed by `endpoint`'s declaration.
pub(crate) fn build(args: &[String], endpoint: &'static Endpoint) -> Result<Params, Failure> {
    let (base, pairs) = match args.split_first() {
        None => return Ok(Params::Verbatim("{}".to_owned())),
        Some((first, rest)) if is_whole_object(first) => (Some(whole_object(first)?), rest),
        Some(_) => (None, args),
    };
    if pairs.is_empty() {
        return Ok(Params::Verbatim(base.unwrap_or_else(|| "{}".to_owned())));
    }
    let mut root = match base {
        Some(text) => object_of(&text, "the parameters object")?,
        None => Node::Object(Vec::new()),
    };
    let query: &'static [QueryParam] = match endpoint.shape {
        Shape::Query(q) | Shape::BodyAndQuery(q) => q,
        _ => &[],
    };
    for arg in pairs {
        let (key, raw, value) = split_pair(arg)?;
        let path = parse_path(key)?;
        let leaf = if raw || value.starts_with('@') {
            raw_json(value)?
        } else {
            match (&path[..], declared(query, key)) {
                ([Step::Key(_)], Some(param)) => typed(value, param.ty),
                _ if last_name(&path).is_some_and(is_text_field) => typed(value, ParamType::String),
                _ => Node::Leaf(infer(value)),
            }
        };
        set(&mut root, &path, leaf, key)?;
    }
    Ok(Params::Built(root))
}

/// Whether an argument is a whole parameters object rather than a `key=value` pair.
fn is_whole_object(arg: &str) -> bool {
    arg == "-" || arg.starts_with('@') || arg.trim_start().starts_with('{')
}

/// The text of a whole-object argument: literal, `@FILE` or `-` (stdin).
fn whole_object(arg: &str) -> Result<String, Failure> {
    if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::invalid_input(format!("could not read stdin: {e}")))?;
        return Ok(text);
    }
    match arg.strip_prefix('@') {
        Some(path) => read_file(path),
        None => Ok(arg.to_owned()),
    }
}

fn read_file(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure::Api(Error::invalid_input(format!("could not read {path}: {e}"))))
}

/// JSON text read into a tree; it must be an object.
fn object_of(text: &str, what: &str) -> Result<Node, Failure> {
    match serde_json::from_str::<Value>(text) {
        Ok(value @ Value::Object(_)) => Ok(Node::from_value(&value)),
        _ => Err(Failure::Api(Error::invalid_input(format!(
            "{what} must be one JSON object"
        )))),
    }
}

/// `key=value` or `key:=json` into (key, raw, value).
fn split_pair(arg: &str) -> Result<(&str, bool, &str), Failure> {
    let Some(eq) = arg.find('=') else {
        return Err(Failure::Usage(format!(
            "expected KEY=VALUE (or one JSON object first), got {arg:?}"
        )));
    };
    let (key, value) = (&arg[..eq], &arg[eq + 1..]);
    let (key, raw) = match key.strip_suffix(':') {
        Some(key) => (key, true),
        None => (key, false),
    };
    if key.is_empty() {
        return Err(Failure::Usage(format!("{arg:?} has no key before '='")));
    }
    Ok((key, raw, value))
}

/// `sender.name`, `items[0].name`, `orderIds[]` into steps.
fn parse_path(key: &str) -> Result<Vec<Step>, Failure> {
    let bad = || Failure::Usage(format!("{key:?} is not a KEY, KEY.SUB or KEY[N] path"));
    let mut steps = Vec::new();
    let mut rest = key;
    let mut expect_name = true;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let close = after.find(']').ok_or_else(bad)?;
            let inside = &after[..close];
            steps.push(if inside.is_empty() {
                Step::Push
            } else {
                Step::Index(inside.parse().map_err(|_| bad())?)
            });
            rest = &after[close + 1..];
            expect_name = false;
            continue;
        }
        if !expect_name {
            rest = rest.strip_prefix('.').ok_or_else(bad)?;
        }
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        if end == 0 {
            return Err(bad());
        }
        steps.push(Step::Key(rest[..end].to_owned()));
        rest = &rest[end..];
        expect_name = false;
    }
    match steps.first() {
        Some(Step::Key(_)) => Ok(steps),
        _ => Err(bad()),
    }
}

/// The declared query parameter named `key`.
fn declared(query: &'static [QueryParam], key: &str) -> Option<&'static QueryParam> {
    query.iter().find(|q| q.name == key)
}

/// The name of the last object member on a path (`city_code` of `receiver.city_code`).
fn last_name(path: &[Step]) -> Option<&str> {
    path.iter().rev().find_map(|step| match step {
        Step::Key(name) => Some(name.as_str()),
        _ => None,
    })
}

/// Members BTS wants as strings even when they are all digits: codes (`city_code`,
/// `senderCityCode`, `branch_code`, but not the numeric `statusCode`), phone numbers, tax and
/// product identifiers, barcodes and the caller's own `clientId`.
fn is_text_field(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.ends_with("code") && lower != "statuscode")
        || lower.contains("phone")
        || matches!(
            lower.as_str(),
            "inn" | "kpp" | "gtin" | "pinfl" | "barcode" | "clientid" | "okpo"
        )
}

/// A value typed by its declaration: integers as numbers when they read as one (else as
/// written, for the library to refuse with its message), strings always as strings.
fn typed(value: &str, ty: ParamType) -> Node {
    match ty {
        ParamType::Integer => match value.parse::<i128>() {
            Ok(n) => Node::Leaf(n.to_string()),
            Err(_) => Node::Leaf(Value::from(value).to_string()),
        },
        _ => Node::Leaf(Value::from(value).to_string()),
    }
}

/// A JSON number, `true`, `false` or `null` as written; anything else a string.
fn infer(value: &str) -> String {
    let literal = matches!(value, "true" | "false" | "null")
        || (!value.is_empty()
            && value.trim() == value
            && serde_json::from_str::<serde_json::Number>(value).is_ok());
    if literal {
        value.to_owned()
    } else {
        Value::from(value).to_string()
    }
}

/// `:=` JSON, or the JSON of `@FILE`, checked and kept as written.
fn raw_json(value: &str) -> Result<Node, Failure> {
    let (text, origin) = match value.strip_prefix('@') {
        Some(path) => (read_file(path)?, path.to_owned()),
        None => (value.to_owned(), format!("{value:?}")),
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(_) => Ok(Node::Leaf(text.trim().to_owned())),
        Err(e) => Err(Failure::Api(Error::invalid_input(format!(
            "{origin} is not valid JSON (line {} column {})",
            e.line(),
            e.column()
        )))),
    }
}

/// Puts `leaf` at `path` under `node`, creating objects and arrays on the way; a later value
/// for the same path replaces the earlier one.
fn set(node: &mut Node, path: &[Step], leaf: Node, key: &str) -> Result<(), Failure> {
    let Some((step, rest)) = path.split_first() else {
        *node = leaf;
        return Ok(());
    };
    let clash = || {
        Failure::Usage(format!(
            "{key:?}: a part of this path was already given as another kind of value"
        ))
    };
    let fresh = |rest: &[Step]| match rest.first() {
        Some(Step::Key(_)) => Node::Object(Vec::new()),
        Some(_) => Node::Array(Vec::new()),
        None => Node::Leaf(String::new()),
    };
    match (step, node) {
        (Step::Key(name), Node::Object(members)) => {
            let at = match members.iter().position(|(k, _)| k == name) {
                Some(at) => at,
                None => {
                    members.push((name.clone(), fresh(rest)));
                    members.len() - 1
                }
            };
            set(&mut members[at].1, rest, leaf, key)
        }
        (Step::Index(i), Node::Array(items)) if *i < items.len() => {
            set(&mut items[*i], rest, leaf, key)
        }
        (Step::Index(i), Node::Array(items)) if *i == items.len() => {
            items.push(fresh(rest));
            set(&mut items[*i], rest, leaf, key)
        }
        (Step::Index(i), Node::Array(_)) => Err(Failure::Usage(format!(
            "{key:?}: index {i} skips an item (give them from 0, in order)"
        ))),
        (Step::Push, Node::Array(items)) => {
            items.push(fresh(rest));
            let last = items.len() - 1;
            set(&mut items[last], rest, leaf, key)
        }
        _ => Err(clash()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(args: &[&str], op: &str) -> String {
        let endpoint = bts::operation(op).unwrap().primary();
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        match build(&args, endpoint) {
            Ok(p) => p.into_text(),
            Err(Failure::Usage(m)) => format!("usage: {m}"),
            Err(Failure::Api(e)) => format!("error: {}", e.message()),
            Err(_) => "other".into(),
        }
    }

    #[test]
    fn values_are_typed_from_the_declaration_or_read_as_json_literals() {
        // orderId is an integer query parameter of order/detail.
        assert_eq!(
            text(&["orderId=229234"], "order/detail"),
            r#"{"orderId":229234}"#
        );
        // barcode is a string query parameter: digits stay a string, leading zero and all.
        assert_eq!(
            text(&["barcode=01000865704"], "international/track-by-barcode"),
            r#"{"barcode":"01000865704"}"#
        );
        assert_eq!(
            text(
                &[
                    "receiver.city_code=3001",
                    "statusCode=200",
                    "receiverPhone=998901234567",
                    "inn=123456789",
                    "clientId=1001"
                ],
                "order/add"
            ),
            r#"{"receiver":{"city_code":"3001"},"statusCode":200,"receiverPhone":"998901234567","inn":"123456789","clientId":"1001"}"#
        );
        assert_eq!(
            text(
                &[
                    "weight=2",
                    "cost=12000.00",
                    "urgent=true",
                    "note=null",
                    "receiver=Ali",
                    "code=0109",
                    "phone=+998901234567"
                ],
                "order/add"
            ),
            r#"{"weight":2,"cost":12000.00,"urgent":true,"note":null,"receiver":"Ali","code":"0109","phone":"+998901234567"}"#
        );
    }

    #[test]
    fn paths_build_nested_objects_and_arrays_in_argument_order() {
        assert_eq!(
            text(
                &[
                    "sender.name=X",
                    "items[0].name=Y",
                    "items[0].count=2",
                    "items[1].name=Z",
                    "sender.age=1",
                    "ids[]=1",
                    "ids[]=2"
                ],
                "order/add"
            ),
            r#"{"sender":{"name":"X","age":1},"items":[{"name":"Y","count":2},{"name":"Z"}],"ids":[1,2]}"#
        );
        assert!(text(&["items[1].name=Y"], "order/add").starts_with("usage: "));
        assert!(text(&["a=1", "a.b=2"], "order/add").starts_with("usage: "));
        assert!(text(&["a..b=1"], "order/add").starts_with("usage: "));
        assert!(text(&["[0]=1"], "order/add").starts_with("usage: "));
        assert!(text(&["noequals"], "order/add").starts_with("usage: "));
    }

    #[test]
    fn raw_json_and_a_base_object() {
        assert_eq!(
            text(&["cargo:={\"weight\": 1}", "phone:=\"998\""], "order/add"),
            r#"{"cargo":{"weight": 1},"phone":"998"}"#
        );
        assert!(text(&["cargo:={nope"], "order/add").starts_with("error: "));
        // A whole object alone is sent as written; with pairs, the pairs add or replace.
        assert_eq!(
            text(&[r#"{"z":1, "a":2}"#], "order/add"),
            r#"{"z":1, "a":2}"#
        );
        assert_eq!(
            text(&[r#"{"a":1,"b":{"c":2}}"#, "b.d=3", "a=4"], "order/add"),
            r#"{"a":4,"b":{"c":2,"d":3}}"#
        );
        assert_eq!(text(&[], "order/add"), "{}");
    }

    #[test]
    fn all_pages_is_added_to_either_form() {
        let endpoint = bts::operation("wms/product/clients").unwrap().primary();
        for args in [
            vec![],
            vec!["page=2".to_owned()],
            vec![r#"{"page":2}"#.to_owned()],
        ] {
            let mut p = build(&args, endpoint).ok().unwrap();
            p.set_top("all_pages", "true").ok().unwrap();
            let v: Value = serde_json::from_str(&p.into_text()).unwrap();
            assert_eq!(v["all_pages"], true);
        }
    }
}
