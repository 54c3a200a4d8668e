//! Injected faults.

use serde_json::Value;
use std::time::Duration;

/// A fault the sandbox applies to the next matching requests (see [`Sandbox::inject`]).
///
/// "Processed" means the request takes effect in the sandbox's state (an order is created, a
/// record acknowledged) exactly as without the fault: the dangerous case for a client that must
/// not replay writes. "Not processed" faults answer instead of the server, so nothing changes.
///
/// [`Sandbox::inject`]: crate::Sandbox::inject
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status, body and extra headers instead (request **not** processed),
    /// with the JSON content type.
    Status {
        /// The HTTP status code.
        status: u16,
        /// The body, sent as is.
        body: String,
        /// Extra response headers, e.g. `("Retry-After", "1")`.
        headers: Vec<(String, String)>,
    },
    /// Answer with any raw body (an HTML error page, malformed JSON, nothing) instead (request
    /// **not** processed). An empty `content_type` sends no `Content-Type` header.
    Body {
        /// The HTTP status code.
        status: u16,
        /// The `Content-Type` header value.
        content_type: String,
        /// The body bytes.
        body: Vec<u8>,
    },
    /// Wait this long, then process and answer normally.
    Delay(Duration),
    /// Process, then wait this long before writing anything, then close without answering.
    Stall(Duration),
    /// Process, then reset the connection without writing a byte. While such a fault is pending,
    /// the sandbox leaves the last byte of each request unread in the kernel (it peeks), so
    /// closing the socket sends a TCP RST: the client sees `ECONNRESET`. (If the fault is injected
    /// while the request is already being read, the close is a plain FIN instead: the client
    /// sees an EOF with zero bytes.)
    Reset,
    /// Process, write the headers and half the body, then reset the connection (TCP RST).
    ResetMidBody,
    /// Process, write the headers (with the full `Content-Length`) and half the body, then close
    /// the connection normally (FIN).
    Truncated,
    /// Answer 200 with a valid JSON object of about this many bytes (request **not** processed):
    /// `{"sandbox":"oversize","padding":"xxxx…"}`.
    Oversize(usize),
    /// Answer 401 with the Yii2 Unauthorized body (request **not** processed), as when a token
    /// expires on the server.
    Unauthorized,
}

impl Fault {
    /// A [`Fault::Status`] carrying the Yii2 error body of that status (see
    /// [`yii_error_body`](crate::yii_error_body)), e.g. `Fault::yii(500)`.
    pub fn yii(status: u16) -> Fault {
        Fault::Status {
            status,
            body: crate::yii::yii_error_body(status, None),
            headers: Vec::new(),
        }
    }

    /// Whether the request is processed (takes effect) under this fault.
    pub fn processes(&self) -> bool {
        matches!(
            self,
            Fault::Delay(_)
                | Fault::Stall(_)
                | Fault::Reset
                | Fault::ResetMidBody
                | Fault::Truncated
        )
    }

    /// Reads a fault from its JSON form (the control API's `"fault"` member):
    ///
    /// | JSON | fault |
    /// |---|---|
    /// | `{"kind":"status","status":503,"body":"…","headers":{"Retry-After":"1"}}` | [`Fault::Status`]; `body` may be any JSON value (written as JSON text) and defaults to the Yii2 body of that status; `headers` may also be `[["Retry-After","1"]]` |
    /// | `{"kind":"yii","status":500}` | [`Fault::Status`] with the Yii2 body |
    /// | `{"kind":"body","status":200,"content_type":"text/html","body":"<html>…"}` | [`Fault::Body`]; status defaults to 200, content type to `text/html; charset=UTF-8`; `body_base64` may replace `body` |
    /// | `{"kind":"delay","ms":1500}` (or `"seconds":1.5`) | [`Fault::Delay`] |
    /// | `{"kind":"stall","ms":5000}` | [`Fault::Stall`] |
    /// | `{"kind":"reset"}` | [`Fault::Reset`] |
    /// | `{"kind":"reset_mid_body"}` (or `reset-mid-body`) | [`Fault::ResetMidBody`] |
    /// | `{"kind":"truncated"}` | [`Fault::Truncated`] |
    /// | `{"kind":"oversize","bytes":20000000}` | [`Fault::Oversize`] |
    /// | `{"kind":"unauthorized"}` | [`Fault::Unauthorized`] |
    ///
    /// `"type"` is accepted in place of `"kind"`, and kinds are case-insensitive.
    pub fn from_json(v: &Value) -> Result<Fault, String> {
        let obj = v.as_object().ok_or("a fault must be a JSON object")?;
        let kind = obj
            .get("kind")
            .or_else(|| obj.get("type"))
            .and_then(Value::as_str)
            .ok_or("a fault needs a \"kind\" string")?
            .to_ascii_lowercase()
            .replace('-', "_");
        let status = |default: u16| -> Result<u16, String> {
            match obj.get("status") {
                None | Some(Value::Null) => Ok(default),
                Some(s) => s
                    .as_u64()
                    .filter(|s| (100..=999).contains(s))
                    .map(|s| s as u16)
                    .ok_or_else(|| "\"status\" must be an HTTP status code (100-999)".to_owned()),
            }
        };
        let duration = || -> Result<Duration, String> {
            if let Some(ms) = obj.get("ms") {
                return ms
                    .as_u64()
                    .map(Duration::from_millis)
                    .ok_or_else(|| "\"ms\" must be a non-negative integer".to_owned());
            }
            if let Some(s) = obj.get("seconds").or_else(|| obj.get("secs")) {
                return s
                    .as_f64()
                    .filter(|s| s.is_finite() && *s >= 0.0 && *s < 1.0e9)
                    .map(Duration::from_secs_f64)
                    .ok_or_else(|| "\"seconds\" must be a non-negative number".to_owned());
            }
            Err(format!("a {kind} fault needs \"ms\" or \"seconds\""))
        };
        match kind.as_str() {
            "status" => {
                let status = status(500)?;
                let body = match obj.get("body") {
                    None | Some(Value::Null) => crate::yii::yii_error_body(status, None),
                    Some(Value::String(s)) => s.clone(),
                    Some(other) => other.to_string(),
                };
                let headers = match obj.get("headers") {
                    None | Some(Value::Null) => Vec::new(),
                    Some(Value::Object(m)) => m
                        .iter()
                        .map(|(k, v)| {
                            let v = match v {
                                Value::String(s) => s.clone(),
                                other => other.to_string(),
                            };
                            (k.clone(), v)
                        })
                        .collect(),
                    Some(Value::Array(a)) => a
                        .iter()
                        .map(|pair| match pair.as_array().map(Vec::as_slice) {
                            Some([Value::String(k), Value::String(v)]) => {
                                Ok((k.clone(), v.clone()))
                            }
                            _ => Err("\"headers\" pairs must be [name, value] strings".to_owned()),
                        })
                        .collect::<Result<_, _>>()?,
                    Some(_) => {
                        return Err("\"headers\" must be an object or an array of pairs".into())
                    }
                };
                for (k, v) in &headers {
                    if k.is_empty() || k.contains([':', '\r', '\n']) || v.contains(['\r', '\n']) {
                        return Err(format!("invalid header {k:?}"));
                    }
                }
                Ok(Fault::Status {
                    status,
                    body,
                    headers,
                })
            }
            "yii" => Ok(Fault::yii(status(500)?)),
            "body" | "raw" => {
                let status = status(200)?;
                let content_type = match obj.get("content_type").or_else(|| obj.get("contentType"))
                {
                    None | Some(Value::Null) => "text/html; charset=UTF-8".to_owned(),
                    Some(Value::String(s)) if !s.contains(['\r', '\n']) => s.clone(),
                    Some(_) => return Err("\"content_type\" must be a string".into()),
                };
                let body = if let Some(b64) = obj.get("body_base64").and_then(Value::as_str) {
                    crate::tokens::base64_decode(b64)
                        .ok_or("\"body_base64\" is not valid base64")?
                } else {
                    match obj.get("body") {
                        None | Some(Value::Null) => Vec::new(),
                        Some(Value::String(s)) => s.clone().into_bytes(),
                        Some(other) => other.to_string().into_bytes(),
                    }
                };
                Ok(Fault::Body {
                    status,
                    content_type,
                    body,
                })
            }
            "delay" => Ok(Fault::Delay(duration()?)),
            "stall" => Ok(Fault::Stall(duration()?)),
            "reset" => Ok(Fault::Reset),
            "reset_mid_body" | "resetmidbody" => Ok(Fault::ResetMidBody),
            "truncated" | "truncate" => Ok(Fault::Truncated),
            "oversize" => {
                let n = obj
                    .get("bytes")
                    .or_else(|| obj.get("size"))
                    .and_then(Value::as_u64)
                    .ok_or("an oversize fault needs \"bytes\"")?;
                if n > (1 << 31) {
                    return Err("\"bytes\" is too large (2 GiB at most)".into());
                }
                Ok(Fault::Oversize(n as usize))
            }
            "unauthorized" => Ok(Fault::Unauthorized),
            other => Err(format!(
                "unknown fault kind {other:?} (status, yii, body, delay, stall, reset, \
                 reset_mid_body, truncated, oversize, unauthorized)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_every_kind() {
        assert_eq!(
            Fault::from_json(
                &json!({"kind":"status","status":503,"body":"x","headers":{"Retry-After":"1"}})
            ),
            Ok(Fault::Status {
                status: 503,
                body: "x".into(),
                headers: vec![("Retry-After".into(), "1".into())]
            })
        );
        match Fault::from_json(&json!({"kind":"status","status":500})).unwrap() {
            Fault::Status { body, .. } => assert!(body.contains("ServerErrorHttpException")),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            Fault::from_json(&json!({"kind":"body","body_base64":"aGk="})),
            Ok(Fault::Body {
                status: 200,
                content_type: "text/html; charset=UTF-8".into(),
                body: b"hi".to_vec()
            })
        );
        assert_eq!(
            Fault::from_json(&json!({"kind":"delay","ms":5})),
            Ok(Fault::Delay(Duration::from_millis(5)))
        );
        assert_eq!(
            Fault::from_json(&json!({"kind":"stall","seconds":0.5})),
            Ok(Fault::Stall(Duration::from_millis(500)))
        );
        assert_eq!(Fault::from_json(&json!({"kind":"reset"})), Ok(Fault::Reset));
        assert_eq!(
            Fault::from_json(&json!({"kind":"reset-mid-body"})),
            Ok(Fault::ResetMidBody)
        );
        assert_eq!(
            Fault::from_json(&json!({"type":"Truncated"})),
            Ok(Fault::Truncated)
        );
        assert_eq!(
            Fault::from_json(&json!({"kind":"oversize","bytes":100})),
            Ok(Fault::Oversize(100))
        );
        assert_eq!(
            Fault::from_json(&json!({"kind":"unauthorized"})),
            Ok(Fault::Unauthorized)
        );
        assert!(Fault::from_json(&json!({"kind":"teleport"})).is_err());
        assert!(Fault::from_json(&json!({"kind":"delay"})).is_err());
        assert!(Fault::from_json(&json!([1])).is_err());
    }
}
