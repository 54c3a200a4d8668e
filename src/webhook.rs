//! `webhook/parse`: a status notification BTS sent to your webhook, read into one shape
//! whichever way it came. Nothing is sent.
//!
//! BTS documents the notification only loosely, and integrations read it three ways, so every
//! reading is accepted: a `multipart/form-data` or `application/x-www-form-urlencoded` body
//! whose field `text` holds the JSON, or the JSON as the body itself; the status under
//! `status.id`, `status.code` or a flat `statusCode` (name under `status.name` or
//! `statusName`). With a `key`, the notification must carry it: the `itx-apiKey` header, else
//! `x-api-key`, else `Authorization: Bearer <key>`; missing or different is kind `auth`.

use std::collections::BTreeMap;

use percent_encoding::percent_decode_str;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind};

/// The parameters of `webhook/parse`.
#[derive(serde::Deserialize)]
struct Input {
    body: Option<String>,
    content_type: Option<String>,
    #[serde(default)]
    headers: BTreeMap<String, Value>,
    key: Option<String>,
}

/// Reads a notification (`params_json` is the operation's parameters object) and answers the
/// `data` of the envelope: `{"orderId","clientId","barcode","status":{"code","name"},"date",
/// "payload"}`, with `payload` BTS's JSON exactly as it was sent.
pub(crate) fn parse(params_json: &str) -> Result<String, Error> {
    let input: Input = serde_json::from_str(params_json).map_err(|e| {
        Error::invalid_input(format!(
            "webhook/parse: the parameters must be {{\"body\", \"content_type\", \"headers\", \"key\"}} ({})",
            crate::error::describe_json_error(&e)
        ))
    })?;
    let headers: Vec<(String, String)> = input
        .headers
        .iter()
        .filter_map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Array(items) => items.first()?.as_str()?.to_owned(),
                _ => return None,
            };
            Some((k.to_ascii_lowercase(), text))
        })
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if let Some(expected) = input.key.as_deref().filter(|k| !k.is_empty()) {
        let presented = header("itx-apikey")
            .or_else(|| header("x-api-key"))
            .or_else(|| {
                header("authorization").and_then(|a| {
                    a.strip_prefix("Bearer ")
                        .or_else(|| a.strip_prefix("bearer "))
                })
            });
        match presented {
            None => {
                return Err(Error::new(
                    ErrorKind::Auth,
                    "webhook/parse: the notification carries no key (itx-apiKey, x-api-key or a bearer token)",
                ))
            }
            Some(p) if !same(p.trim().as_bytes(), expected.as_bytes()) => {
                return Err(Error::new(
                    ErrorKind::Auth,
                    "webhook/parse: the notification's key is not the one registered",
                ))
            }
            Some(_) => {}
        }
    }
    let body = input.body.unwrap_or_default();
    let content_type = input
        .content_type
        .or_else(|| header("content-type").map(str::to_owned))
        .unwrap_or_default();
    let json = notification_json(&body, &content_type).ok_or_else(|| {
        Error::invalid_input(
            "webhook/parse: the body is neither JSON nor a form with a `text` field holding JSON",
        )
    })?;
    let payload: Box<RawValue> = serde_json::from_str(json.trim())
        .map_err(|_| Error::invalid_input("webhook/parse: the notification's JSON is not valid"))?;
    let fields: Map<String, Value> = serde_json::from_str(payload.get()).map_err(|_| {
        Error::invalid_input("webhook/parse: the notification's JSON is not an object")
    })?;
    Ok(event(&fields, &payload))
}

/// Compares two keys without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The notification's JSON text, from whichever encoding it came in.
fn notification_json(body: &str, content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    let from_form = if lower.starts_with("multipart/form-data") {
        boundary(content_type).and_then(|b| multipart_field(body, &b, "text"))
    } else if lower.starts_with("application/x-www-form-urlencoded") {
        urlencoded_field(body, "text")
    } else {
        None
    };
    if from_form.is_some() {
        return from_form;
    }
    let trimmed = body.trim_start();
    if trimmed.starts_with('{') {
        return Some(body.to_owned());
    }
    // No usable Content-Type: try the form readings too.
    urlencoded_field(body, "text").or_else(|| {
        let first = body.lines().next()?.trim();
        first
            .strip_prefix("--")
            .and_then(|b| multipart_field(body, b, "text"))
    })
}

fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        k.eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

fn multipart_field(body: &str, boundary: &str, name: &str) -> Option<String> {
    let delimiter = format!("--{boundary}");
    for part in body.split(delimiter.as_str()) {
        let Some(part) = part
            .strip_prefix("\r\n")
            .or_else(|| part.strip_prefix('\n'))
        else {
            continue;
        };
        let Some((head, value)) = part
            .split_once("\r\n\r\n")
            .or_else(|| part.split_once("\n\n"))
        else {
            continue;
        };
        let named = head.lines().any(|line| {
            let lower = line.to_ascii_lowercase();
            lower.starts_with("content-disposition:")
                && (lower.contains(&format!("name=\"{name}\""))
                    || lower.contains(&format!("name={name};"))
                    || lower.ends_with(&format!("name={name}")))
        });
        if named {
            let value = value
                .strip_suffix("\r\n")
                .or_else(|| value.strip_suffix('\n'));
            return value.map(str::to_owned);
        }
    }
    None
}

fn urlencoded_field(body: &str, name: &str) -> Option<String> {
    body.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| {
            percent_decode_str(&v.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

/// The one shape of `data`.
fn event(fields: &Map<String, Value>, payload: &RawValue) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Event<'a> {
        order_id: Option<&'a Value>,
        client_id: Option<&'a Value>,
        barcode: Option<&'a Value>,
        status: Status<'a>,
        date: Option<&'a Value>,
        payload: &'a RawValue,
    }
    #[derive(Serialize)]
    struct Status<'a> {
        code: Option<Value>,
        name: Option<&'a Value>,
    }
    let status = fields.get("status").and_then(Value::as_object);
    let code = status
        .and_then(|s| s.get("id").or_else(|| s.get("code")))
        .or_else(|| fields.get("statusCode"))
        .filter(|v| !v.is_null())
        .map(|v| match v {
            // A code sent as a string of digits is a number like the others.
            Value::String(s) => s
                .trim()
                .parse::<u64>()
                .map(Value::from)
                .unwrap_or_else(|_| v.clone()),
            other => other.clone(),
        });
    let name = status
        .and_then(|s| s.get("name"))
        .or_else(|| fields.get("statusName"));
    let out = Event {
        order_id: fields.get("orderId"),
        client_id: fields.get("clientId"),
        barcode: fields.get("barcode"),
        status: Status { code, name },
        date: fields.get("date"),
        payload,
    };
    serde_json::to_string(&out).unwrap_or_else(|_| "null".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(v: Value) -> Result<Value, Error> {
        parse(&v.to_string()).map(|t| serde_json::from_str(&t).unwrap())
    }

    const JSON: &str = r#"{"clientId":"SHOP-1042","orderId":5000001,"barcode":"019915000001","status":{"id":800,"name":"В офисе доставки"},"date":"2026-01-07 14:05:00"}"#;

    #[test]
    fn every_reading_gives_one_shape() {
        let multipart = format!(
            "--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{JSON}\r\n--XyZ--\r\n"
        );
        let encoded: String =
            percent_encoding::utf8_percent_encode(JSON, percent_encoding::NON_ALPHANUMERIC)
                .to_string();
        for (body, content_type) in [
            (multipart, "multipart/form-data; boundary=XyZ".to_owned()),
            (
                format!("text={encoded}"),
                "application/x-www-form-urlencoded".to_owned(),
            ),
            (JSON.to_owned(), "application/json".to_owned()),
        ] {
            let data = run(serde_json::json!({"body": body, "content_type": content_type, "headers": {"itx-apiKey": "k3y"}, "key": "k3y"})).unwrap();
            assert_eq!(data["orderId"], 5000001, "{content_type}");
            assert_eq!(data["status"]["code"], 800);
            assert_eq!(data["status"]["name"], "В офисе доставки");
            assert_eq!(data["payload"]["barcode"], "019915000001");
        }
        let flat = run(
            serde_json::json!({"body": r#"{"orderId":1,"statusCode":"1200","statusName":"x"}"#}),
        )
        .unwrap();
        assert_eq!(flat["status"]["code"], 1200);
        let coded =
            run(serde_json::json!({"body": r#"{"orderId":1,"status":{"code":300,"name":"y"}}"#}))
                .unwrap();
        assert_eq!(coded["status"]["code"], 300);
    }

    #[test]
    fn the_key_is_checked_and_never_echoed() {
        let wrong = run(serde_json::json!({"body": JSON, "headers": {"X-Api-Key": "guess"}, "key": "s3cret-key"})).unwrap_err();
        assert_eq!(wrong.kind(), ErrorKind::Auth);
        assert!(
            !wrong.to_envelope().contains("s3cret-key") && !wrong.to_envelope().contains("guess")
        );
        let missing = run(serde_json::json!({"body": JSON, "key": "s3cret-key"})).unwrap_err();
        assert_eq!(missing.kind(), ErrorKind::Auth);
        let bearer = run(
            serde_json::json!({"body": JSON, "headers": {"Authorization": "Bearer s3cret-key"}, "key": "s3cret-key"}),
        );
        assert!(bearer.is_ok());
        let junk = run(serde_json::json!({"body": "hello"})).unwrap_err();
        assert_eq!(junk.kind(), ErrorKind::InvalidInput);
    }
}
