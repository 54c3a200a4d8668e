//! A request as the handlers see it: the raw parts from the wire ([`Incoming`]) and, for the
//! legacy and WMS handlers, the decoded query and JSON body ([`Request`]); the JSON body and
//! bearer token read as Yii2 reads them.

use serde_json::{Map, Value};

/// What a handler sees of a request.
pub(crate) struct Request<'a> {
    /// Decoded query parameters, in order (the courier's `r` included).
    pub query: &'a [(String, String)],
    /// The JSON body object (empty when there is none, it is not JSON, or not an object).
    pub body: &'a Map<String, Value>,
    /// The `Host` header, for `_links` URLs.
    pub host: Option<&'a str>,
}

impl Request<'_> {
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The parts of a request a route needs.
pub(crate) struct Incoming<'a> {
    pub method: &'a str,
    pub query: &'a [(String, String)],
    pub body: &'a [u8],
    pub content_type: Option<&'a str>,
    pub authorization: Option<&'a str>,
    pub host: Option<&'a str>,
    /// The `language` header (current API).
    pub language: Option<&'a str>,
}

/// The JSON body as Yii2 reads it: only with a JSON content type (else empty); an empty body or
/// a JSON value that is not an object reads as empty; malformed JSON is an error.
pub(crate) fn body_map(content_type: Option<&str>, body: &[u8]) -> Result<Map<String, Value>, ()> {
    let is_json =
        content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("application/json"));
    if !is_json || body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Ok(Map::new()),
        Err(_) => Err(()),
    }
}

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer(header: Option<&str>) -> Option<&str> {
    let h = header?.trim();
    let (scheme, token) = h.split_once(char::is_whitespace)?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}
