//! A reply of any API: status, body, content type, extra headers; with the Yii2 and `{"errors"}`
//! forms every BTS server shares.

use crate::json::{Errors, OrderedJson};

/// A response: status, body, its content type and extra headers.
pub(crate) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
}

/// The content type of every JSON reply.
pub(crate) const JSON_CT: &str = "application/json; charset=UTF-8";

impl Reply {
    pub(crate) fn json(status: u16, j: &OrderedJson) -> Reply {
        Reply::bytes(status, j.to_vec())
    }

    pub(crate) fn ok(j: OrderedJson) -> Reply {
        Reply::json(200, &j)
    }

    pub(crate) fn bytes(status: u16, body: Vec<u8>) -> Reply {
        Reply {
            status,
            body,
            content_type: JSON_CT,
            headers: Vec::new(),
        }
    }

    /// 422 `{"errors": {...}}`.
    pub(crate) fn errors(errs: Errors) -> Reply {
        Reply::json(422, &errs.into_json())
    }

    /// 422 with one field error.
    pub(crate) fn error(field: &str, msg: &str) -> Reply {
        let mut e = Errors::default();
        e.add(field, msg);
        Reply::errors(e)
    }

    /// A Yii2 error body.
    pub(crate) fn yii(status: u16, message: Option<&str>) -> Reply {
        let mut r = Reply::bytes(
            status,
            crate::yii::yii_error_body(status, message).into_bytes(),
        );
        if status == 401 {
            r.headers
                .push(("WWW-Authenticate", "Bearer realm=\"api\"".to_owned()));
        }
        r
    }

    /// 400 for a malformed JSON body, as Yii2's JSON parser says it.
    pub(crate) fn bad_json() -> Reply {
        Reply::yii(
            400,
            Some("Invalid JSON data in request body: Syntax error."),
        )
    }

    /// 400 for a missing or malformed query parameter, as Yii2's action binding says it.
    pub(crate) fn bad_param(name: &str, missing: bool) -> Reply {
        let msg = if missing {
            format!("Missing required parameters: {name}")
        } else {
            format!("Invalid data received for parameter \"{name}\".")
        };
        Reply::yii(400, Some(&msg))
    }
}
