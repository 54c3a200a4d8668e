//! From an operation's endpoint and the caller's parameters to an HTTP request: the local
//! checks (required fields, parameter names and types) and the URL. Nothing is sent when a
//! check fails: the error is `invalid_input` and names every offending field.
//!
//! The parameters arrive as JSON text and a body is sent exactly as the caller wrote it: key
//! order, number spelling (`12000.00`) and integers beyond 64 bits reach BTS unchanged. The
//! checks read the text through borrowed [`RawValue`]s, without re-encoding anything.
//!
//! Longer than 600 lines: with its unit tests; the code itself is the first 561 lines.

use std::collections::BTreeMap;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::{Error, FieldErrors};
use crate::operations::{Api, Endpoint, Method, Operation, ParamType, QueryParam, Retry, Shape};

/// What a list operation was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pages {
    /// One page (`None`: the server's default, the first).
    One(Option<u64>),
    /// Every page, items joined into one array.
    All,
}

/// A request ready to send, minus the token.
#[derive(Debug)]
pub(crate) struct Prepared {
    /// The API (and so the server and token) it goes to.
    pub api: Api,
    pub method: Method,
    /// The URL without the list page parameter.
    pub url: String,
    pub body: Option<Vec<u8>>,
    pub retry: Retry,
    pub pages: Option<Pages>,
}

/// The caller's parameters: a JSON object's members, each still the caller's text.
pub(crate) struct Params<'a> {
    /// The whole object as the caller wrote it (`{}` when none was given).
    pub text: &'a str,
    /// Its members (the last one wins when a key repeats, as on BTS's servers).
    pub members: BTreeMap<String, &'a RawValue>,
}

impl<'a> Params<'a> {
    /// Reads the parameters text: empty text or `null` is `{}`; anything but an object is
    /// `invalid_input`.
    pub fn parse(text: &'a str) -> Result<Params<'a>, Error> {
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed == "null" {
            return Ok(Params {
                text: "{}",
                members: BTreeMap::new(),
            });
        }
        if !trimmed.starts_with('{') {
            return Err(Error::invalid_input("the parameters must be a JSON object"));
        }
        let members = serde_json::from_str(trimmed).map_err(|e| {
            Error::invalid_input(format!(
                "the parameters are not valid JSON ({})",
                crate::error::describe_json_error(&e)
            ))
            .with_source(e)
        })?;
        Ok(Params {
            text: trimmed,
            members,
        })
    }

    fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.members.get(key).copied()
    }

    /// A member as a `Value` (for the small scalars the checks look at).
    fn value(&self, key: &str) -> Option<Value> {
        self.get(key)
            .map(|raw| serde_json::from_str(raw.get()).unwrap_or(Value::Null))
    }
}

/// The base URLs of the client's servers.
pub(crate) struct Bases<'a> {
    /// The courier API (legacy or current, as configured).
    pub courier: &'a str,
    /// The WMS.
    pub wms: &'a str,
    /// The courier API the client speaks (for `raw` with `"service": "courier"`).
    pub courier_api: Api,
    /// Routes the configuration overrides, by operation name.
    pub routes: &'a BTreeMap<String, String>,
}

impl Bases<'_> {
    fn of(&self, api: Api) -> &str {
        match api {
            Api::Wms => self.wms,
            _ => self.courier,
        }
    }
}

/// Checks `params` against the endpoint of `op` and builds the request.
pub(crate) fn prepare(
    op: &Operation,
    endpoint: &Endpoint,
    params: &Params<'_>,
    bases: &Bases<'_>,
) -> Result<Prepared, Error> {
    let mut problems = FieldErrors::new();
    let base = bases.of(endpoint.api);
    // Raw takes its method and route from the caller; every other sent row has its own.
    let wire = match (endpoint.shape, endpoint.wire) {
        (Shape::Raw, _) => {
            let prepared = prepare_raw(params, bases, &mut problems)?;
            return settled(op, prepared, problems);
        }
        #[cfg(feature = "test-panic")]
        (Shape::Panic, _) => panic!("the test-only __panic operation was called"),
        (_, Some(wire)) => wire,
        (_, None) => {
            return Err(Error::internal(format!(
                "{} is answered inside the library; it has no route on the {} API",
                op.name,
                endpoint.api.as_str()
            )))
        }
    };
    let route = bases.routes.get(op.name).map_or(wire.route, String::as_str);
    let plain = |url: String, body: Option<Vec<u8>>, pages: Option<Pages>| Prepared {
        api: endpoint.api,
        method: wire.method,
        url,
        body,
        retry: op.retry,
        pages,
    };
    let prepared =
        match endpoint.shape {
            Shape::Body => {
                check_required(required_of(endpoint, params), params, &mut problems);
                check_limits(endpoint.limits, params, &mut problems);
                plain(
                    route_url(endpoint.api, base, route),
                    Some(params.text.as_bytes().to_vec()),
                    None,
                )
            }
            Shape::BodyAndQuery(known) => {
                check_required(required_of(endpoint, params), params, &mut problems);
                check_limits(endpoint.limits, params, &mut problems);
                let mut url = route_url(endpoint.api, base, route);
                query_into(&mut url, known, params, &mut problems, false);
                plain(url, Some(params.text.as_bytes().to_vec()), None)
            }
            Shape::Query(known) => {
                let mut url = route_url(endpoint.api, base, route);
                query_into(&mut url, known, params, &mut problems, true);
                plain(url, None, None)
            }
            Shape::List => {
                let pages = list_pages(params, &mut problems);
                plain(route_url(endpoint.api, base, route), None, Some(pages))
            }
            Shape::Raw => return Err(Error::internal("raw is prepared from its parameters above")),
            Shape::Login | Shape::Local(_) => {
                if endpoint.shape == Shape::Login {
                    for key in params.members.keys() {
                        problems.insert(
                        key.clone(),
                        vec!["logins take no parameters: credentials come from the configuration"
                            .into()],
                    );
                    }
                }
                plain(route_url(endpoint.api, base, route), None, None)
            }
            #[cfg(feature = "test-panic")]
            Shape::Panic => return Err(Error::internal("__panic panics above")),
        };
    settled(op, prepared, problems)
}

/// The prepared request, or `invalid_input` when the checks found problems.
fn settled(op: &Operation, prepared: Prepared, problems: FieldErrors) -> Result<Prepared, Error> {
    if problems.is_empty() {
        Ok(prepared)
    } else {
        Err(rejected(op.name, problems))
    }
}

/// The `invalid_input` error for fields the local checks refused: its message says what is
/// wrong with each (`order/add: senderPhone is required; weight must be a number (nothing was
/// sent)`), and `fields` carries the same by field.
pub(crate) fn rejected(operation: &str, problems: FieldErrors) -> Error {
    let what = describe_problems(problems.iter().map(|(k, v)| (k.as_str(), v.as_slice())));
    Error::invalid_input(format!("{operation}: {what} (nothing was sent)")).with_fields(problems)
}

/// Field problems as one sentence: `senderPhone is required; weight must be a number`. A reason
/// that does not start with a verb follows a colon (`key: unknown parameter; ...`).
pub(crate) fn describe_problems<'a>(
    problems: impl IntoIterator<Item = (&'a str, &'a [String])>,
) -> String {
    const VERBS: &[&str] = &[
        "is ", "must ", "cannot ", "has ", "holds ", "needs ", "may ",
    ];
    let mut parts = Vec::new();
    for (field, whys) in problems {
        for why in whys {
            if VERBS.iter().any(|v| why.starts_with(v)) {
                parts.push(format!("{field} {why}"));
            } else {
                parts.push(format!("{field}: {why}"));
            }
        }
    }
    parts.join("; ")
}

/// Appends the endpoint's query parameters; with `only`, any other member is refused.
fn query_into(
    url: &mut String,
    known: &[QueryParam],
    params: &Params<'_>,
    problems: &mut FieldErrors,
    only: bool,
) {
    if only {
        for key in params.members.keys() {
            if !known.iter().any(|q| q.name == key) {
                let expected: Vec<&str> = known.iter().map(|q| q.name).collect();
                problems.insert(
                    key.clone(),
                    vec![if expected.is_empty() {
                        "this operation takes no parameters".to_owned()
                    } else {
                        format!("unknown parameter; expected {}", expected.join(", "))
                    }],
                );
            }
        }
    }
    for q in known {
        // the common case without a parse: a plain whole number goes as written
        if let Some(text) = params.get(q.name).and_then(|raw| plain_integer(raw.get())) {
            push_query(url, q.wire, text);
            continue;
        }
        match params.value(q.name) {
            None | Some(Value::Null) => {
                if q.required {
                    problems.insert(q.name.into(), vec!["is required".into()]);
                }
            }
            Some(Value::String(s)) if s.is_empty() => {
                if q.required {
                    problems.insert(q.name.into(), vec!["is required".into()]);
                }
            }
            Some(v) => match scalar(&v, q.ty) {
                Ok(text) => push_query(url, q.wire, &text),
                Err(why) => {
                    problems.insert(q.name.into(), vec![why]);
                }
            },
        }
    }
}

fn list_pages(params: &Params<'_>, problems: &mut FieldErrors) -> Pages {
    let mut pages = Pages::One(None);
    for key in params.members.keys() {
        let value = params.value(key).unwrap_or(Value::Null);
        match (key.as_str(), &value) {
            ("page", Value::Null) | ("all_pages", Value::Null) => {}
            ("page", v) => match scalar(v, ParamType::Integer)
                .ok()
                .and_then(|t| t.parse::<u64>().ok())
                .filter(|p| *p >= 1)
            {
                Some(p) => pages = Pages::One(Some(p)),
                None => {
                    problems.insert(
                        "page".into(),
                        vec!["must be a whole number of at least 1".into()],
                    );
                }
            },
            ("all_pages", Value::Bool(all)) => {
                if *all {
                    pages = Pages::All;
                }
            }
            ("all_pages", _) => {
                problems.insert("all_pages".into(), vec!["must be true or false".into()]);
            }
            (other, _) => {
                problems.insert(
                    other.into(),
                    vec!["unknown parameter; expected page or all_pages".into()],
                );
            }
        }
    }
    if params.value("all_pages") == Some(Value::Bool(true))
        && params.value("page").is_some_and(|p| !p.is_null())
    {
        problems.insert(
            "page".into(),
            vec!["cannot be combined with all_pages".into()],
        );
    }
    pages
}

fn prepare_raw(
    params: &Params<'_>,
    bases: &Bases<'_>,
    problems: &mut FieldErrors,
) -> Result<Prepared, Error> {
    let text = |key: &str| match params.value(key) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    let api = match text("service").as_deref() {
        Some("courier") => bases.courier_api,
        Some("wms") => Api::Wms,
        _ => {
            problems.insert(
                "service".into(),
                vec!["must be \"courier\" or \"wms\"".into()],
            );
            Api::Legacy
        }
    };
    let method = match text("method") {
        Some(m) if m.eq_ignore_ascii_case("GET") => Method::Get,
        Some(m) if m.eq_ignore_ascii_case("POST") => Method::Post,
        _ => {
            problems.insert("method".into(), vec!["must be \"GET\" or \"POST\"".into()]);
            Method::Get
        }
    };
    let route = match text("route") {
        Some(r)
            if !r.is_empty()
                && r.bytes()
                    .all(|b| b.is_ascii_graphic() && b != b'?' && b != b'&' && b != b'#') =>
        {
            r.trim_start_matches('/').to_owned()
        }
        _ => {
            problems.insert(
                "route".into(),
                vec!["must be a path such as \"v1/order/add\" (no spaces, ?, & or #)".into()],
            );
            String::new()
        }
    };
    for key in params.members.keys() {
        if !["service", "method", "route", "query", "body"].contains(&key.as_str()) {
            problems.insert(
                key.clone(),
                vec!["unknown parameter; expected service, method, route, query, body".into()],
            );
        }
    }
    let mut url = route_url(api, bases.of(api), &route);
    match params.value("query") {
        None | Some(Value::Null) => {}
        Some(Value::Object(query)) => {
            for (k, v) in query {
                match v {
                    Value::String(s) => push_query(&mut url, &k, &s),
                    Value::Number(n) => push_query(&mut url, &k, &n.to_string()),
                    Value::Bool(b) => push_query(&mut url, &k, if b { "1" } else { "0" }),
                    _ => {
                        problems.insert(
                            format!("query.{k}"),
                            vec!["must be a string, number or boolean".into()],
                        );
                    }
                }
            }
        }
        Some(_) => {
            problems.insert("query".into(), vec!["must be an object".into()]);
        }
    }
    let body = match (method, params.get("body")) {
        (_, None) => None,
        (_, Some(raw)) if raw.get() == "null" => None,
        // The body goes out as the caller wrote it.
        (Method::Post, Some(raw)) => Some(raw.get().as_bytes().to_vec()),
        (Method::Get, Some(_)) => {
            problems.insert("body".into(), vec!["a GET request has no body".into()]);
            None
        }
    };
    Ok(Prepared {
        api,
        method,
        url,
        body,
        retry: match method {
            Method::Get => Retry::Safe,
            Method::Post => Retry::Unsafe,
        },
        pages: None,
    })
}

/// The required fields of the body shape the caller chose: the alternative one when the body
/// carries its first field.
fn required_of(endpoint: &Endpoint, params: &Params<'_>) -> &'static [&'static str] {
    match endpoint.alternative.first() {
        Some(first) if params.get(first).is_some() => endpoint.alternative,
        _ => endpoint.required,
    }
}

/// Checks the documented required fields: missing when absent, `null` or `""`. A name
/// `object.field` is looked up inside `object` (missing when `object` is); a name
/// `array[].field` is checked in every element of that array, when the array is present.
/// Offending fields are named with their position: `products[0].HsCodeIs`.
pub(crate) fn check_required(required: &[&str], params: &Params<'_>, problems: &mut FieldErrors) {
    for name in required {
        let mut segments = name.split('.');
        let first = segments.next().unwrap_or_default();
        let rest: Vec<&str> = segments.collect();
        check_path(&params.members, first, &rest, "", problems);
    }
}

fn check_path(
    members: &BTreeMap<String, &RawValue>,
    segment: &str,
    rest: &[&str],
    prefix: &str,
    problems: &mut FieldErrors,
) {
    let (key, each) = match segment.strip_suffix("[]") {
        Some(key) => (key, true),
        None => (segment, false),
    };
    let here = format!("{prefix}{key}");
    let raw = members.get(key).copied();
    if each {
        // An array's items are checked only when the array is present.
        let Some(raw) = raw else { return };
        let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(raw.get()) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let item_name = format!("{here}[{i}]");
            match rest.split_first() {
                None => {
                    if is_missing(Some(item)) {
                        missing(problems, item_name);
                    }
                }
                Some((next, deeper)) => {
                    match serde_json::from_str::<BTreeMap<String, &RawValue>>(item.get()) {
                        Ok(inner) => {
                            check_path(&inner, next, deeper, &format!("{item_name}."), problems)
                        }
                        Err(_) => missing(problems, format!("{item_name}.{}", rest.join("."))),
                    }
                }
            }
        }
        return;
    }
    match rest.split_first() {
        None => {
            if is_missing(raw) {
                missing(problems, here);
            }
        }
        Some((next, deeper)) => {
            let inner = raw
                .filter(|r| !is_missing(Some(r)))
                .and_then(|r| serde_json::from_str::<BTreeMap<String, &RawValue>>(r.get()).ok());
            match inner {
                Some(inner) => check_path(&inner, next, deeper, &format!("{here}."), problems),
                None => missing(problems, format!("{here}.{}", rest.join("."))),
            }
        }
    }
}

/// Arrays with a documented maximum length: a longer one is refused before anything is sent.
fn check_limits(limits: &[(&str, usize)], params: &Params<'_>, problems: &mut FieldErrors) {
    for (name, most) in limits {
        let Some(raw) = params.get(name) else {
            continue;
        };
        match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
            Ok(items) if items.is_empty() => {
                missing(problems, (*name).to_owned());
            }
            Ok(items) if items.len() > *most => {
                problems
                    .entry((*name).to_owned())
                    .or_default()
                    .push(format!(
                        "takes at most {most} items ({} given)",
                        items.len()
                    ));
            }
            Ok(_) => {}
            Err(_) => {
                problems
                    .entry((*name).to_owned())
                    .or_default()
                    .push("must be an array".into());
            }
        }
    }
}

fn missing(problems: &mut FieldErrors, name: String) {
    problems.entry(name).or_default().push("is required".into());
}

fn is_missing(value: Option<&RawValue>) -> bool {
    match value.map(|v| v.get().trim()) {
        None | Some("null") | Some("\"\"") => true,
        Some(_) => false,
    }
}

/// `raw` if it is a JSON whole number of 1 to 18 digits without a sign: the text that
/// [`scalar`] would make of it for either parameter type.
fn plain_integer(raw: &str) -> Option<&str> {
    (!raw.is_empty() && raw.len() <= 18 && raw.bytes().all(|b| b.is_ascii_digit())).then_some(raw)
}

/// A query value as text, checked against its type.
fn scalar(value: &Value, ty: ParamType) -> Result<String, String> {
    match (ty, value) {
        (ParamType::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
        (ParamType::Integer, Value::String(s))
            if !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Ok(s.clone())
        }
        (ParamType::Integer, _) => Err("must be a whole number".into()),
        (ParamType::String, Value::String(s)) => Ok(s.clone()),
        (ParamType::String, Value::Number(n)) => Ok(n.to_string()),
        (ParamType::String, _) => Err("must be a string".into()),
    }
}

/// What stays as it is in a query key or value: RFC 3986's unreserved characters.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
/// What stays as it is in a route: unreserved characters and `/`.
const ROUTE: &AsciiSet = &QUERY.remove(b'/');

/// `{base}?r={route}` on the legacy courier API, `{base}/{route}` on the current API and the
/// WMS.
pub(crate) fn route_url(api: Api, base: &str, route: &str) -> String {
    let mut url = String::with_capacity(base.len() + route.len() + 24);
    match api {
        Api::Legacy => {
            url.push_str(base);
            url.push(if base.contains('?') { '&' } else { '?' });
            url.push_str("r=");
        }
        Api::Current | Api::Wms | Api::Local => {
            url.push_str(base.trim_end_matches('/'));
            url.push('/');
        }
    }
    url.extend(utf8_percent_encode(route, ROUTE));
    url
}

/// Appends `&key=value` (or `?key=value` for the first parameter), percent-encoded.
pub(crate) fn push_query(url: &mut String, key: &str, value: &str) {
    url.push(if url.contains('?') { '&' } else { '?' });
    url.extend(utf8_percent_encode(key, QUERY));
    url.push('=');
    url.extend(utf8_percent_encode(value, QUERY));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations::operation;

    #[test]
    fn plain_integers_go_as_scalar_would_send_them() {
        for raw in [
            "0",
            "7",
            "229234",
            "123456789012345678",
            "-5",
            "1.0",
            "1e3",
            "\"12\"",
            "",
            "1234567890123456789",
        ] {
            let fast = plain_integer(raw);
            let value: Option<serde_json::Value> = serde_json::from_str(raw).ok();
            for ty in [ParamType::Integer, ParamType::String] {
                let slow = value.as_ref().map(|v| scalar(v, ty));
                if let Some(text) = fast {
                    assert_eq!(slow, Some(Ok(text.to_owned())), "{raw} as {ty:?}");
                }
            }
        }
        assert_eq!(plain_integer("229234"), Some("229234"));
        assert_eq!(plain_integer("-5"), None);
    }

    fn bases() -> Bases<'static> {
        static NONE: BTreeMap<String, String> = BTreeMap::new();
        Bases {
            courier: "http://h/index.php",
            wms: "http://w",
            courier_api: Api::Legacy,
            routes: &NONE,
        }
    }

    fn prep(name: &str, text: &str) -> Result<Prepared, Error> {
        let op = operation(name).unwrap();
        prepare(op, op.primary(), &Params::parse(text).unwrap(), &bases())
    }

    #[test]
    fn courier_get_url_carries_route_and_wire_name() {
        let p = prep("order/detail", r#"{"orderId": 229234}"#).unwrap();
        assert_eq!(p.url, "http://h/index.php?r=v1/order/detail&id=229234");
    }

    #[test]
    fn wms_url_and_encoding() {
        assert_eq!(
            route_url(Api::Wms, "http://w:8040/", "v1/product/create"),
            "http://w:8040/v1/product/create"
        );
        let mut u = String::from("http://h/index.php?r=x");
        push_query(&mut u, "barcode", "01 0&8");
        assert_eq!(u, "http://h/index.php?r=x&barcode=01%200%268");
    }

    #[test]
    fn every_missing_field_is_named() {
        let err = prep("order/calculate", r#"{"weight": "", "senderCityId": null}"#).unwrap_err();
        let names: Vec<&String> = err.fields().keys().collect();
        assert_eq!(names, ["receiverCityId", "senderCityId", "weight"]);
    }

    #[test]
    fn nested_required_fields_and_bad_types() {
        let err = prep(
            "international/add",
            r#"{"products": [{"ProductUrl": "u"}]}"#,
        )
        .unwrap_err();
        assert!(err.fields().contains_key("products[0].HsCodeIs"));
        assert!(!err.fields().contains_key("products[0].ProductUrl"));
        let err = prep("order/track", r#"{"orderId": "12a", "id": 3}"#).unwrap_err();
        assert!(err.fields().contains_key("orderId") && err.fields().contains_key("id"));
    }

    #[test]
    fn dotted_and_array_paths() {
        let params = Params::parse(
            r#"{"receiver": {"name": "A"}, "cargo": {"postTypes": [{"name": "x"}, {"id": 2}]}}"#,
        )
        .unwrap();
        let mut problems = FieldErrors::new();
        check_required(
            &[
                "receiver.city_code",
                "receiver.name",
                "cargo.postTypes[].name",
                "sender.phone",
            ],
            &params,
            &mut problems,
        );
        let names: Vec<&String> = problems.keys().collect();
        assert_eq!(
            names,
            [
                "cargo.postTypes[1].name",
                "receiver.city_code",
                "sender.phone"
            ]
        );
    }

    #[test]
    fn current_api_endpoints_and_limits() {
        let bases = Bases {
            courier: "https://t:28345/",
            ..bases()
        };
        let edit = operation("order/edit").unwrap();
        let text = r#"{"orderId": 7, "pickup_type": "self", "dropoff_type": "courier", "sender": {"name": "a", "phone": "b", "address": "c"}, "receiver": {"name": "d", "phone": "e", "city_code": "3001"}, "cargo": {"weight": 1, "piece": 1}}"#;
        let p = prepare(
            edit,
            edit.endpoint(Api::Current).unwrap(),
            &Params::parse(text).unwrap(),
            &bases,
        )
        .unwrap();
        assert_eq!(p.url, "https://t:28345/v1/order/edit?orderId=7");
        assert_eq!(
            p.body.as_deref(),
            Some(text.as_bytes()),
            "the body is sent as given"
        );
        let stickers = operation("order/stickers").unwrap();
        let many: Vec<u32> = (1..=51).collect();
        let err = prepare(
            stickers,
            stickers.endpoint(Api::Current).unwrap(),
            &Params::parse(&format!(r#"{{"orderIds": {many:?}}}"#)).unwrap(),
            &bases,
        )
        .unwrap_err();
        assert!(err.fields()["orderIds"][0].contains("at most 50"));
    }

    #[test]
    fn the_body_is_the_callers_text() {
        let text = r#"{"z":1,"a":12345678901234567890123,"cost":12000.00,"senderCityId":3,"weight":1,"receiverCityId":4}"#;
        let p = prep("order/calculate", text).unwrap();
        assert_eq!(p.body.as_deref(), Some(text.as_bytes()));
    }
}
