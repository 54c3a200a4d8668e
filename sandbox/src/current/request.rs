//! What a current-API handler sees of a request: decoded query, JSON body, language, host and
//! the path after `/current/`.

use crate::catalog::Lang;
use serde_json::{Map, Value};

/// What a handler sees of a request.
pub(crate) struct CurrentRequest<'a> {
    pub(crate) query: &'a [(String, String)],
    pub(crate) body: &'a Map<String, Value>,
    pub(crate) lang: Lang,
    pub(crate) host: String,
    pub(crate) path: &'a str,
}

impl CurrentRequest<'_> {
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}
