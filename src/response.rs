//! From an HTTP reply to `Result<json text, Error>`: the body is checked once as JSON (and as
//! UTF-8) and handed on as the server's own text, never re-encoded. Field errors, auth
//! refusals and HTTP failures are recognised here, whatever the status they came with.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, FieldErrors};
use crate::json_check::Findings;
use crate::operations::Api;
use crate::transport::Reply;

/// What a reply means.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Success: the server's JSON text.
    Ok(String),
    /// The server refused the token (401, or a Yii2 `UnauthorizedHttpException` body).
    AuthRefused(Error),
    /// Any other failure.
    Failed(Error),
}

/// Classifies a reply from `api`. `what` names the call for messages (e.g. `order/add`).
///
/// The current courier API wraps replies as `{status, message, status_code, data}`: a body with
/// `"status": false`, a `status_code` of 400 or more, or `errors` is a failure whatever the HTTP
/// status (`status_code` 401 an auth refusal, 422 or `errors` a validation error), and a success
/// answers its `data` member, byte for byte. Bodies without that envelope (Yii2 error objects)
/// are read as on the other APIs.
pub(crate) fn classify_for(api: Api, reply: Reply, what: &str) -> Outcome {
    match classify_on(api, reply, what) {
        Outcome::Failed(error) if api == Api::Current && error.code().is_none() => {
            match error.body().map(current_failure) {
                Some(Some(code)) => Outcome::Failed(error.with_code(code)),
                _ => Outcome::Failed(error),
            }
        }
        other => other,
    }
}

/// The current API's envelope `message`, read from a failed reply's body.
#[derive(Deserialize)]
struct Envelope {
    message: Option<String>,
}

/// A message that is a translation key (`error.not_found`), not a sentence.
fn message_key(message: Option<&str>) -> Option<String> {
    let m = message?;
    let is_key = m.contains('.')
        && m.len() <= 100
        && m.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_');
    is_key.then(|| m.trim_end_matches('.').to_owned())
}

/// The message key of a failed reply's envelope, for errors already classified.
fn current_failure(body: &str) -> Option<String> {
    let env: Envelope = serde_json::from_str(body).ok()?;
    message_key(env.message.as_deref())
}

/// A 2xx reply of the current API: its `data`, or the failure its envelope says it is. The
/// members come from the one pass of the JSON check (`probe`) of the text: nothing is parsed
/// again, and `data` is cut out of the body's own buffer.
fn current_envelope(mut whole: String, probe: &Findings, what: &str) -> Outcome {
    let text = whole.as_str();
    let flag = probe.status.and_then(|s| s.as_bool(text));
    let body_status = probe.status_code.and_then(|s| {
        s.as_i64(text)
            .or_else(|| s.as_string(text).and_then(|t| t.trim().parse().ok()))
    });
    if flag.is_none() && body_status.is_none() {
        // Not the envelope (a bare array, say): passed on as it is.
        return Outcome::Ok(whole);
    }
    let failed = flag == Some(false) || body_status.is_some_and(|c| c >= 400);
    if !failed {
        return Outcome::Ok(match probe.data {
            Some(span) => {
                whole.truncate(span.end);
                whole.drain(..span.start);
                whole
            }
            None => "null".to_owned(),
        });
    }
    let message = probe.message.and_then(|m| m.as_string(text));
    let code = message_key(message.as_deref());
    let status = body_status
        .and_then(|c| u16::try_from(c).ok())
        .unwrap_or(200);
    let said = message
        .as_deref()
        .map(|m| format!(": {}", m.chars().take(200).collect::<String>()))
        .unwrap_or_default();
    let mut error = if status == 401 {
        Error::new(
            ErrorKind::Auth,
            format!("{what}: BTS refused the credentials (status_code 401 in the reply)"),
        )
    } else if status == 422 {
        Error::new(
            ErrorKind::Validation,
            format!("{what}: BTS rejected the request (status_code 422){said}"),
        )
    } else {
        Error::new(
            ErrorKind::Http,
            format!("{what}: BTS answered status_code {status}{said}"),
        )
    }
    .with_status(status)
    .with_body(text.as_bytes());
    if let Some(code) = code {
        error = error.with_code(code);
    }
    if status == 401 {
        Outcome::AuthRefused(error)
    } else {
        Outcome::Failed(error)
    }
}

/// Classifies a reply of the legacy API or the WMS. `what` names the call for messages.
#[cfg(test)]
pub(crate) fn classify(reply: Reply, what: &str) -> Outcome {
    classify_on(Api::Legacy, reply, what)
}

/// Classifies a reply from `api`: one JSON check, then the rules of that API.
///
/// A success answers the body's text unmoved.
fn classify_on(api: Api, reply: Reply, what: &str) -> Outcome {
    let status = reply.status;
    let success = (200..300).contains(&status);
    let whole = match String::from_utf8(reply.body) {
        Ok(text) => text,
        Err(e) => {
            let body = e.into_bytes();
            return not_json(status, &body, what, "is not UTF-8 text", success);
        }
    };
    let text = whole.as_str();
    let probe = match crate::json_check::check(text) {
        Ok(probe) => probe,
        Err(e) => {
            let why = if text.trim().is_empty() {
                "is empty".to_owned()
            } else if text.trim_start().starts_with('<') {
                "is an HTML page, not JSON".to_owned()
            } else {
                format!("is not valid JSON ({} at byte {})", e.what, e.offset)
            };
            return not_json(status, text.as_bytes(), what, &why, success);
        }
    };
    if probe.errors {
        let fields = field_errors(text);
        let names: Vec<&str> = fields.keys().map(String::as_str).collect();
        let error = Error::new(
            ErrorKind::Validation,
            format!(
                "{what}: BTS rejected field{} {}",
                if names.len() == 1 { "" } else { "s" },
                names.join(", ")
            ),
        )
        .with_status(status)
        .with_body(text.as_bytes())
        .with_fields(fields);
        return Outcome::Failed(error);
    }
    if status == 401 || probe.unauthorized {
        return Outcome::AuthRefused(
            Error::new(
                ErrorKind::Auth,
                format!("{what}: BTS refused the credentials (HTTP {status})"),
            )
            .with_status(status)
            .with_body(text.as_bytes()),
        );
    }
    if success {
        if api == Api::Current {
            return current_envelope(whole, &probe, what);
        }
        return Outcome::Ok(whole);
    }
    let detail = server_message(text)
        .map(|m| format!(": {m}"))
        .unwrap_or_default();
    Outcome::Failed(
        Error::new(
            ErrorKind::Http,
            format!("{what}: BTS answered HTTP {status}{detail}"),
        )
        .with_status(status)
        .with_body(text.as_bytes()),
    )
}

fn not_json(status: u16, body: &[u8], what: &str, why: &str, success: bool) -> Outcome {
    if status == 401 {
        return Outcome::AuthRefused(
            Error::new(
                ErrorKind::Auth,
                format!("{what}: BTS refused the credentials (HTTP 401)"),
            )
            .with_status(status)
            .with_body(body),
        );
    }
    let kind = if success {
        ErrorKind::Decode
    } else {
        ErrorKind::Http
    };
    let message = if success {
        format!("{what}: the response body {why}")
    } else {
        format!("{what}: BTS answered HTTP {status} and a body that {why}")
    };
    Outcome::Failed(
        Error::new(kind, message)
            .with_status(status)
            .with_body(body),
    )
}

/// The `errors` object of a body as field → messages (non-string messages kept as JSON text).
pub(crate) fn field_errors(text: &str) -> FieldErrors {
    let mut out = FieldErrors::new();
    let Ok(Value::Object(mut top)) = serde_json::from_str::<Value>(text) else {
        return out;
    };
    if let Some(Value::Object(errors)) = top.remove("errors") {
        for (field, messages) in errors {
            let list = match messages {
                Value::Array(items) => items.into_iter().map(value_text).collect(),
                other => vec![value_text(other)],
            };
            out.insert(field, list);
        }
    }
    out
}

fn value_text(v: Value) -> String {
    match v {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// A Yii2 error body's `message` (or a `text`), shortened, for the error sentence.
fn server_message(text: &str) -> Option<String> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let m = map
        .get("message")
        .or_else(|| map.get("text"))
        .and_then(Value::as_str)?;
    let short: String = m.chars().take(200).collect();
    Some(short)
}

/// One page of a WMS list: its items' raw text (without the brackets) and the page count.
pub(crate) struct ListPage<'a> {
    /// The items, comma-separated, exactly as the server wrote them (may be empty).
    pub items: &'a str,
    /// `_meta.pageCount`, or else the page of the `_links.last` link, when present.
    pub page_count: Option<u64>,
}

/// Reads `data.items` and `data._meta.pageCount` out of a list page without re-encoding.
pub(crate) fn list_page<'a>(text: &'a str, what: &str) -> Result<ListPage<'a>, Error> {
    #[derive(Deserialize)]
    struct Top<'a> {
        #[serde(borrow)]
        data: Option<Data<'a>>,
    }
    #[derive(Deserialize)]
    struct Data<'a> {
        #[serde(borrow)]
        items: Option<&'a RawValue>,
        #[serde(rename = "_meta")]
        meta: Option<Meta>,
        #[serde(rename = "_links")]
        links: Option<Links>,
    }
    /// Yii2's pagination links: `last` is `"/v1/...?page=N"` or `{"href": ...}`.
    #[derive(Deserialize)]
    struct Links {
        last: Option<Value>,
    }
    #[derive(Deserialize)]
    struct Meta {
        #[serde(rename = "pageCount")]
        page_count: Option<Value>,
    }
    let bad = || {
        Error::new(
            ErrorKind::Decode,
            format!("{what}: the list page has no data.items array"),
        )
        .with_body(text.as_bytes())
    };
    let top: Top = serde_json::from_str(text).map_err(|_| bad())?;
    let data = top.data.ok_or_else(bad)?;
    let raw = data.items.ok_or_else(bad)?.get().trim();
    let inner = raw
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .ok_or_else(bad)?
        .trim();
    let page_count = data.meta.and_then(|m| m.page_count).and_then(|v| match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    });
    // Without `_meta`, the `page` of the `last` link.
    let page_count = page_count.or_else(|| {
        let last = data.links?.last?;
        let href = match &last {
            Value::String(s) => s.as_str(),
            Value::Object(o) => o.get("href")?.as_str()?,
            _ => return None,
        };
        let query = href.split_once('?')?.1;
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("page="))
            .and_then(|n| n.parse().ok())
    });
    Ok(ListPage {
        items: inner,
        page_count,
    })
}

/// The token in a login reply: courier `data.token` (or a top-level `token`), WMS
/// `access_token` (or `data.access_token`).
pub(crate) fn login_token(text: &str, keys: &[&str]) -> Option<String> {
    let Ok(Value::Object(top)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let lookup = |map: &Map<String, Value>| {
        keys.iter()
            .find_map(|k| map.get(*k).and_then(Value::as_str).map(str::to_owned))
    };
    let nested = top.get("data").and_then(Value::as_object).and_then(lookup);
    nested
        .or_else(|| lookup(&top))
        .filter(|t| !t.is_empty() && t.len() <= 4096 && t.bytes().all(|b| b.is_ascii_graphic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: body.as_bytes().to_vec(),
            retry_after: None,
        }
    }

    #[test]
    fn errors_in_a_200_are_validation() {
        match classify(
            reply(
                200,
                r#"{"errors":{"senderPhone":["«Telefon» ni to'ldirishingiz kerak."]}}"#,
            ),
            "order/add",
        ) {
            Outcome::Failed(error) => {
                assert_eq!(error.kind(), ErrorKind::Validation);
                assert_eq!(error.status(), Some(200));
                assert_eq!(
                    error.fields()["senderPhone"],
                    ["«Telefon» ni to'ldirishingiz kerak."]
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn yii_unauthorized_with_400_is_an_auth_refusal() {
        let body = r#"{"name":"Unauthorized","message":"x","code":0,"status":401,"type":"yii\\web\\UnauthorizedHttpException"}"#;
        assert!(matches!(
            classify(reply(400, body), "x"),
            Outcome::AuthRefused(_)
        ));
        assert!(matches!(
            classify(reply(403, r#"{"name":"Forbidden"}"#), "x"),
            Outcome::Failed(_)
        ));
    }

    #[test]
    fn html_and_truncated_bodies() {
        match classify(reply(200, "<html>oops</html>"), "x") {
            Outcome::Failed(error) => assert_eq!(error.kind(), ErrorKind::Decode),
            other => panic!("{other:?}"),
        }
        match classify(reply(503, "<html>down</html>"), "x") {
            Outcome::Failed(error) => {
                assert_eq!(error.kind(), ErrorKind::Http);
                assert_eq!(error.status(), Some(503));
            }
            other => panic!("{other:?}"),
        }
        match classify(reply(200, r#"{"a":"#), "x") {
            Outcome::Failed(error) => assert_eq!(error.kind(), ErrorKind::Decode),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn current_api_envelopes() {
        let ok = r#"{"status":true,"message":"success.retrieved","status_code":200,"data":{"orderId": 5000001, "cost": 12000.00}}"#;
        match classify_for(Api::Current, reply(200, ok), "x") {
            Outcome::Ok(t) => assert_eq!(t, r#"{"orderId": 5000001, "cost": 12000.00}"#),
            other => panic!("{other:?}"),
        }
        let refused = r#"{"status":false,"message":"Unauthorized","status_code":401}"#;
        assert!(matches!(
            classify_for(Api::Current, reply(200, refused), "x"),
            Outcome::AuthRefused(_)
        ));
        let gone = r#"{"status":false,"message":"error.not_found","status_code":404}"#;
        match classify_for(Api::Current, reply(200, gone), "x") {
            Outcome::Failed(e) => {
                assert_eq!(
                    (e.kind(), e.status(), e.code()),
                    (ErrorKind::Http, Some(404), Some("error.not_found"))
                );
            }
            other => panic!("{other:?}"),
        }
        let cancelled = r#"{"status":false,"message":"error.already_cancelled","status_code":400}"#;
        match classify_for(Api::Current, reply(400, cancelled), "x") {
            Outcome::Failed(e) => assert_eq!(e.code(), Some("error.already_cancelled")),
            other => panic!("{other:?}"),
        }
        let invalid = r#"{"status":false,"message":"error.validation","status_code":422,"errors":{"receiver.city_code":["kerak"]}}"#;
        match classify_for(Api::Current, reply(422, invalid), "x") {
            Outcome::Failed(e) => {
                assert_eq!(e.kind(), ErrorKind::Validation);
                assert_eq!(e.fields()["receiver.city_code"], ["kerak"]);
                assert_eq!(e.code(), Some("error.validation"));
            }
            other => panic!("{other:?}"),
        }
        // The legacy API knows no envelope: the same text is data.
        match classify_for(Api::Legacy, reply(200, gone), "x") {
            Outcome::Ok(t) => assert_eq!(t, gone),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn list_items_are_cut_out_verbatim() {
        let text =
            r#"{"message":"m","data":{"items":[ {"id":1} , {"id":2}],"_meta":{"pageCount":3}}}"#;
        let page = list_page(text, "x").unwrap();
        assert_eq!(page.items, r#"{"id":1} , {"id":2}"#);
        assert_eq!(page.page_count, Some(3));
        let empty = list_page(r#"{"data":{"items":[]}}"#, "x").unwrap();
        assert_eq!(empty.items, "");
    }

    #[test]
    fn the_page_count_comes_from_the_last_link_without_meta() {
        let text = r#"{"data":{"items":[1],"_links":{"self":"/v1/x?page=1","last":"/v1/x?per-page=20&page=7"}}}"#;
        assert_eq!(list_page(text, "x").unwrap().page_count, Some(7));
        let text = r#"{"data":{"items":[1],"_links":{"last":{"href":"http://h/v1/x?page=4"}}}}"#;
        assert_eq!(list_page(text, "x").unwrap().page_count, Some(4));
        let text = r#"{"data":{"items":[1],"_links":{"self":"/v1/x?page=1"}}}"#;
        assert_eq!(list_page(text, "x").unwrap().page_count, None);
    }

    #[test]
    fn login_tokens() {
        assert_eq!(
            login_token(r#"{"success":true,"data":{"token":"abc"}}"#, &["token"]).as_deref(),
            Some("abc")
        );
        assert_eq!(
            login_token(
                r#"{"access_token":"t","refresh_token":"r"}"#,
                &["access_token"]
            )
            .as_deref(),
            Some("t")
        );
        assert_eq!(login_token(r#"{"data":{}}"#, &["token"]), None);
    }
}
