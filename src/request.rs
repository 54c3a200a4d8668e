//! From an operation row and the caller's parameters to an HTTP request: the local checks
//! (required fields, parameter names and types) and the URL. Nothing is sent when a check
//! fails: the error is `invalid_input` and names every offending field.

use serde_json::{Map, Value};

use crate::error::{Error, FieldErrors};
use crate::operations::{Method, Operation, ParamType, Retry, Service, Shape};

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
    pub service: Service,
    pub method: Method,
    /// The URL without the list page parameter.
    pub url: String,
    pub body: Option<Vec<u8>>,
    pub retry: Retry,
    pub pages: Option<Pages>,
}

/// Checks `params` against `op` and builds the request.
pub(crate) fn prepare(
    op: &Operation,
    params: &Map<String, Value>,
    courier_base: &str,
    wms_base: &str,
) -> Result<Prepared, Error> {
    let mut problems = FieldErrors::new();
    let base = |service: Service| match service {
        Service::Courier => courier_base,
        Service::Wms => wms_base,
    };
    let prepared = match op.shape {
        Shape::Body => {
            check_required(op.required, params, &mut problems);
            Prepared {
                service: op.service,
                method: op.method,
                url: route_url(op.service, base(op.service), op.route),
                body: Some(serde_json::to_vec(params).map_err(|_| {
                    Error::invalid_input("the parameters could not be encoded as JSON")
                })?),
                retry: op.retry,
                pages: None,
            }
        }
        Shape::Query(known) => {
            let mut url = route_url(op.service, base(op.service), op.route);
            for key in params.keys() {
                if !known.iter().any(|q| q.name == key) {
                    let expected: Vec<&str> = known.iter().map(|q| q.name).collect();
                    problems.insert(
                        key.clone(),
                        vec![if expected.is_empty() {
                            format!("{} takes no parameters", op.name)
                        } else {
                            format!("unknown parameter; expected {}", expected.join(", "))
                        }],
                    );
                }
            }
            for q in known {
                match params.get(q.name) {
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
                    Some(v) => match scalar(v, q.ty) {
                        Ok(text) => push_query(&mut url, q.wire, &text),
                        Err(why) => {
                            problems.insert(q.name.into(), vec![why]);
                        }
                    },
                }
            }
            Prepared {
                service: op.service,
                method: op.method,
                url,
                body: None,
                retry: op.retry,
                pages: None,
            }
        }
        Shape::List => {
            let mut pages = Pages::One(None);
            for (key, value) in params {
                match (key.as_str(), value) {
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
            if params.get("all_pages") == Some(&Value::Bool(true))
                && params.get("page").is_some_and(|p| !p.is_null())
            {
                problems.insert(
                    "page".into(),
                    vec!["cannot be combined with all_pages".into()],
                );
            }
            Prepared {
                service: op.service,
                method: op.method,
                url: route_url(op.service, base(op.service), op.route),
                body: None,
                retry: op.retry,
                pages: Some(pages),
            }
        }
        Shape::Raw => prepare_raw(params, courier_base, wms_base, &mut problems)?,
        Shape::Login => {
            for key in params.keys() {
                problems.insert(
                    key.clone(),
                    vec![
                        "logins take no parameters: credentials come from the configuration".into(),
                    ],
                );
            }
            Prepared {
                service: op.service,
                method: op.method,
                url: route_url(op.service, base(op.service), op.route),
                body: None,
                retry: op.retry,
                pages: None,
            }
        }
        #[cfg(feature = "test-panic")]
        Shape::Panic => panic!("the test-only __panic operation was called"),
    };
    if problems.is_empty() {
        Ok(prepared)
    } else {
        Err(rejected(op.name, problems))
    }
}

/// The `invalid_input` error for fields the local checks refused.
pub(crate) fn rejected(operation: &str, problems: FieldErrors) -> Error {
    let names: Vec<&str> = problems.keys().map(String::as_str).collect();
    Error::invalid_input(format!(
        "{operation}: bad or missing parameter{}: {} (nothing was sent)",
        if names.len() == 1 { "" } else { "s" },
        names.join(", ")
    ))
    .with_fields(problems)
}

fn prepare_raw(
    params: &Map<String, Value>,
    courier_base: &str,
    wms_base: &str,
    problems: &mut FieldErrors,
) -> Result<Prepared, Error> {
    let service = match params.get("service").and_then(Value::as_str) {
        Some("courier") => Service::Courier,
        Some("wms") => Service::Wms,
        _ => {
            problems.insert(
                "service".into(),
                vec!["must be \"courier\" or \"wms\"".into()],
            );
            Service::Courier
        }
    };
    let method = match params.get("method").and_then(Value::as_str) {
        Some(m) if m.eq_ignore_ascii_case("GET") => Method::Get,
        Some(m) if m.eq_ignore_ascii_case("POST") => Method::Post,
        _ => {
            problems.insert("method".into(), vec!["must be \"GET\" or \"POST\"".into()]);
            Method::Get
        }
    };
    let route = match params.get("route").and_then(Value::as_str) {
        Some(r)
            if !r.is_empty()
                && r.bytes()
                    .all(|b| b.is_ascii_graphic() && b != b'?' && b != b'&' && b != b'#') =>
        {
            r.trim_start_matches('/')
        }
        _ => {
            problems.insert(
                "route".into(),
                vec!["must be a path such as \"v1/order/add\" (no spaces, ?, & or #)".into()],
            );
            ""
        }
    };
    for key in params.keys() {
        if !["service", "method", "route", "query", "body"].contains(&key.as_str()) {
            problems.insert(
                key.clone(),
                vec!["unknown parameter; expected service, method, route, query, body".into()],
            );
        }
    }
    let base = match service {
        Service::Courier => courier_base,
        Service::Wms => wms_base,
    };
    let mut url = route_url(service, base, route);
    match params.get("query") {
        None | Some(Value::Null) => {}
        Some(Value::Object(query)) => {
            for (k, v) in query {
                match v {
                    Value::String(s) => push_query(&mut url, k, s),
                    Value::Number(n) => push_query(&mut url, k, &n.to_string()),
                    Value::Bool(b) => push_query(&mut url, k, if *b { "1" } else { "0" }),
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
        (_, None) | (_, Some(Value::Null)) => None,
        (Method::Post, Some(body)) => Some(
            serde_json::to_vec(body)
                .map_err(|_| Error::invalid_input("the raw body could not be encoded as JSON"))?,
        ),
        (Method::Get, Some(_)) => {
            problems.insert("body".into(), vec!["a GET request has no body".into()]);
            None
        }
    };
    Ok(Prepared {
        service,
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

/// Checks the documented required fields: missing when absent, `null` or `""`. A name written
/// `array[].field` is checked in every element of that array, when the array is present.
pub(crate) fn check_required(
    required: &[&str],
    params: &Map<String, Value>,
    problems: &mut FieldErrors,
) {
    for name in required {
        if let Some((array, field)) = name.split_once("[].") {
            if let Some(Value::Array(items)) = params.get(array) {
                for (i, item) in items.iter().enumerate() {
                    let missing = match item {
                        Value::Object(obj) => is_missing(obj.get(field)),
                        _ => true,
                    };
                    if missing {
                        problems
                            .entry(format!("{array}[{i}].{field}"))
                            .or_default()
                            .push("is required".into());
                    }
                }
            }
        } else if is_missing(params.get(*name)) {
            problems
                .entry((*name).to_owned())
                .or_default()
                .push("is required".into());
        }
    }
}

fn is_missing(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        _ => false,
    }
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

/// `{base}?r={route}` for the courier API, `{base}/{route}` for the WMS.
pub(crate) fn route_url(service: Service, base: &str, route: &str) -> String {
    match service {
        Service::Courier => {
            let mut url = String::with_capacity(base.len() + route.len() + 24);
            url.push_str(base);
            url.push(if base.contains('?') { '&' } else { '?' });
            url.push_str("r=");
            encode_into(&mut url, route, true);
            url
        }
        Service::Wms => {
            let base = base.trim_end_matches('/');
            let mut url = String::with_capacity(base.len() + route.len() + 24);
            url.push_str(base);
            url.push('/');
            encode_into(&mut url, route, true);
            url
        }
    }
}

/// Appends `&key=value` (or `?key=value` for the first parameter), percent-encoded.
pub(crate) fn push_query(url: &mut String, key: &str, value: &str) {
    url.push(if url.contains('?') { '&' } else { '?' });
    encode_into(url, key, false);
    url.push('=');
    encode_into(url, value, false);
}

fn encode_into(out: &mut String, text: &str, keep_slash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in text.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations::operation;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn courier_get_url_carries_route_and_wire_name() {
        let p = prepare(
            operation("order/detail").unwrap(),
            &map(json!({"orderId": 229234})),
            "http://h/index.php",
            "http://w",
        )
        .unwrap();
        assert_eq!(p.url, "http://h/index.php?r=v1/order/detail&id=229234");
    }

    #[test]
    fn wms_url_and_encoding() {
        assert_eq!(
            route_url(Service::Wms, "http://w:8040/", "v1/product/create"),
            "http://w:8040/v1/product/create"
        );
        let mut u = String::from("http://h/index.php?r=x");
        push_query(&mut u, "barcode", "01 0&8");
        assert_eq!(u, "http://h/index.php?r=x&barcode=01%200%268");
    }

    #[test]
    fn every_missing_field_is_named() {
        let err = prepare(
            operation("order/calculate").unwrap(),
            &map(json!({"weight": "", "senderCityId": null})),
            "http://h",
            "http://w",
        )
        .unwrap_err();
        let names: Vec<&String> = err.fields().keys().collect();
        assert_eq!(names, ["receiverCityId", "senderCityId", "weight"]);
    }

    #[test]
    fn nested_required_fields_and_bad_types() {
        let err = prepare(
            operation("international/add").unwrap(),
            &map(json!({"products": [{"ProductUrl": "u"}]})),
            "http://h",
            "http://w",
        )
        .unwrap_err();
        assert!(err.fields().contains_key("products[0].HsCodeIs"));
        assert!(!err.fields().contains_key("products[0].ProductUrl"));
        let err = prepare(
            operation("order/track").unwrap(),
            &map(json!({"orderId": "12a", "id": 3})),
            "http://h",
            "http://w",
        )
        .unwrap_err();
        assert!(err.fields().contains_key("orderId") && err.fields().contains_key("id"));
    }
}
