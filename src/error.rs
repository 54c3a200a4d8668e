//! Errors, their kinds, and the JSON envelope every binding returns.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// The most of a server body an error keeps, in bytes.
pub const BODY_CAP: usize = 64 * 1024;

/// What went wrong, one to one with the envelope's `kind` strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The caller's operation name, parameters, configuration or JSON are wrong. Nothing was
    /// sent.
    InvalidInput,
    /// The server rejected fields: any body carrying `{"errors": {field: [..]}}`, whatever its
    /// HTTP status. The request reached the server and was refused, so nothing was done.
    Validation,
    /// Credentials were rejected (after one fresh login), or a login was refused. Nothing was
    /// done.
    Auth,
    /// Any other non-success HTTP status (403, 404, 429, 5xx…). For a write, a 5xx may have
    /// been sent after the server did the work.
    Http,
    /// The call did not finish inside `timeout_ms` (or a connection inside
    /// `connect_timeout_ms`). A write may have reached the server.
    Timeout,
    /// DNS, connect, reset or TLS failure. A write may have reached the server unless the
    /// connection failed before sending.
    Network,
    /// The server answered with something that is not the JSON expected (HTML, truncated,
    /// malformed, not UTF-8, over the size limit). The request reached the server.
    Decode,
    /// A bug in this library, caught at the boundary. Please report it.
    Internal,
    /// The create-once journal holds an earlier attempt of this create (same operation, same
    /// key) whose outcome is unknown: it may have reached BTS, or another process is sending it
    /// right now. Nothing was sent. Look the order up; then settle the key with
    /// `journal/forget` (see `docs/journal.md`).
    Conflict,
}

impl ErrorKind {
    /// The envelope's `kind` string, e.g. `"invalid_input"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Validation => "validation",
            ErrorKind::Auth => "auth",
            ErrorKind::Http => "http",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Network => "network",
            ErrorKind::Decode => "decode",
            ErrorKind::Internal => "internal",
            ErrorKind::Conflict => "conflict",
        }
    }
}

impl ErrorKind {
    /// The kind named by an envelope `kind` string, e.g. `"validation"`.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.iter().copied().find(|k| k.as_str() == name)
    }

    /// Every kind, in the order of the docs.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::InvalidInput,
        ErrorKind::Validation,
        ErrorKind::Auth,
        ErrorKind::Http,
        ErrorKind::Timeout,
        ErrorKind::Network,
        ErrorKind::Decode,
        ErrorKind::Internal,
    ];
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Field errors: field name → messages, as the server (or the local check) gave them.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// An error from any BTS call. Holds no credential or token: `message` is English text made
/// by this library, `body` is what the server sent.
///
/// ```
/// let err = bts::Error::invalid_input("orderId is required");
/// assert_eq!(err.kind(), bts::ErrorKind::InvalidInput);
/// assert_eq!(err.to_envelope(),
///     r#"{"ok":false,"error":{"kind":"invalid_input","message":"orderId is required","status":null,"fields":{},"body":null,"sent":false,"code":null,"request_id":null}}"#);
/// ```
#[derive(Clone, thiserror::Error)]
#[error("{}", self.inner.message)]
pub struct Error {
    inner: Box<Inner>,
    /// What caused it, where another error did (ureq's, serde_json's, an I/O error).
    #[source]
    source: Option<Cause>,
}

/// Two errors are equal when everything the envelope shows is equal (the cause is not
/// compared).
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        self.inner == other.inner
    }
}

impl Eq for Error {}

/// The underlying error of an [`Error`], shared so that `Error` stays `Clone`.
#[derive(Clone)]
struct Cause(std::sync::Arc<dyn std::error::Error + Send + Sync + 'static>);

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl std::error::Error for Cause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    message: String,
    status: Option<u16>,
    fields: FieldErrors,
    body: Option<String>,
    sent: bool,
    code: Option<String>,
    request_id: Option<String>,
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("message", &self.inner.message)
            .field("status", &self.inner.status)
            .field("fields", &self.inner.fields)
            .field("body_len", &self.inner.body.as_ref().map(String::len))
            .field("may_have_reached_server", &self.inner.sent)
            .field("code", &self.inner.code)
            .field("request_id", &self.inner.request_id)
            .finish()
    }
}

impl Error {
    /// A new error of `kind` with an English `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                status: None,
                fields: FieldErrors::new(),
                body: None,
                sent: false,
                code: None,
                request_id: None,
            }),
            source: None,
        }
    }

    /// Keeps the error that caused this one ([`std::error::Error::source`]).
    pub fn with_source(mut self, cause: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.source = Some(Cause(std::sync::Arc::new(cause)));
        self
    }

    /// An [`ErrorKind::InvalidInput`] error.
    pub fn invalid_input(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidInput, message)
    }

    /// An [`ErrorKind::Internal`] error.
    pub fn internal(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Internal, message)
    }

    /// Sets the HTTP status.
    pub fn with_status(mut self, status: u16) -> Error {
        self.inner.status = Some(status);
        self
    }

    /// Sets the field errors.
    pub fn with_fields<I, K>(mut self, fields: I) -> Error
    where
        I: IntoIterator<Item = (K, Vec<String>)>,
        K: Into<String>,
    {
        self.inner.fields = fields.into_iter().map(|(k, v)| (k.into(), v)).collect();
        self
    }

    /// Keeps the server's body: lossy UTF-8, capped at [`BODY_CAP`] bytes.
    pub fn with_body(mut self, body: &[u8]) -> Error {
        let cut = &body[..body.len().min(BODY_CAP)];
        let mut text = String::from_utf8_lossy(cut).into_owned();
        if body.len() > BODY_CAP {
            // A cut may split a character: drop the replacement char it leaves.
            while text.ends_with('\u{FFFD}') {
                text.pop();
            }
        }
        self.inner.body = Some(text);
        self.inner.sent = true;
        self
    }

    /// Sets the server's message key (`error.not_found`).
    pub fn with_code(mut self, code: impl Into<String>) -> Error {
        self.inner.code = Some(code.into());
        self
    }

    /// The server's message key where it sent one (the current courier API's
    /// `error.not_found`, `error.already_cancelled`, `error.validation`), else `None`.
    pub fn code(&self) -> Option<&str> {
        self.inner.code.as_deref()
    }

    /// Sets the call's request id (sent to BTS as `X-Request-Id`).
    pub(crate) fn with_request_id(mut self, id: &str) -> Error {
        self.inner.request_id = Some(id.to_owned());
        self
    }

    /// The id of the call that failed, as sent to BTS in `X-Request-Id` and written in the
    /// log: quote it in a support ticket. `None` for errors made outside a call.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// Marks whether the request may have reached the server.
    pub(crate) fn with_sent(mut self, sent: bool) -> Error {
        self.inner.sent = sent;
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// One readable English sentence. Never contains a credential or a token.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The HTTP status, where there was a response.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// Field errors, by exact field name (empty when there are none).
    pub fn fields(&self) -> &FieldErrors {
        &self.inner.fields
    }

    /// The server's body as text (lossy UTF-8, at most 64 KiB), where there was one.
    pub fn body(&self) -> Option<&str> {
        self.inner.body.as_deref()
    }

    /// Whether the request may have reached the server. `false` means it certainly did not
    /// (local validation, connection refused); for a failed write, `true` means the order may
    /// exist: look it up (by your `clientId`) before creating it again.
    pub fn may_have_reached_server(&self) -> bool {
        self.inner.sent
    }

    /// Replaces every occurrence of each secret in the message and body with `***`.
    pub(crate) fn redact(mut self, secrets: &[&str]) -> Error {
        for secret in secrets.iter().filter(|s| s.len() >= 4) {
            if self.inner.message.contains(secret) {
                self.inner.message = self.inner.message.replace(secret, "***");
            }
            if let Some(body) = &mut self.inner.body {
                if body.contains(secret) {
                    *body = body.replace(secret, "***");
                }
            }
            for messages in self.inner.fields.values_mut() {
                for m in messages.iter_mut().filter(|m| m.contains(secret)) {
                    *m = m.replace(secret, "***");
                }
            }
        }
        self
    }

    /// The error as the JSON envelope every binding returns:
    /// `{"ok":false,"error":{"kind","message","status","fields","body","sent","code",
    /// "request_id"}}`, where `sent` is [`Error::may_have_reached_server`], `code` is
    /// [`Error::code`] and `request_id` is [`Error::request_id`].
    pub fn to_envelope(&self) -> String {
        #[derive(Serialize)]
        struct Envelope<'a> {
            ok: bool,
            error: Body<'a>,
        }
        #[derive(Serialize)]
        struct Body<'a> {
            kind: ErrorKind,
            message: &'a str,
            status: Option<u16>,
            fields: &'a FieldErrors,
            body: Option<&'a str>,
            sent: bool,
            code: Option<&'a str>,
            request_id: Option<&'a str>,
        }
        let env = Envelope {
            ok: false,
            error: Body {
                kind: self.inner.kind,
                message: &self.inner.message,
                status: self.inner.status,
                fields: &self.inner.fields,
                body: self.inner.body.as_deref(),
                sent: self.inner.sent,
                code: self.inner.code.as_deref(),
                request_id: self.inner.request_id.as_deref(),
            },
        };
        serde_json::to_string(&env).unwrap_or_else(|_| {
            r#"{"ok":false,"error":{"kind":"internal","message":"could not encode an error","status":null,"fields":{},"body":null,"sent":false,"code":null,"request_id":null}}"#.to_owned()
        })
    }
}

/// The head of the success envelope.
pub(crate) const OK_HEAD: &str = "{\"ok\":true,\"data\":";

/// Wraps JSON text that is known to be valid (the server's bytes, checked once) as the success
/// envelope `{"ok":true,"data":<json>}`, without re-encoding it.
pub fn ok_envelope(data: &str) -> String {
    let mut out = String::with_capacity(data.len() + 20);
    out.push_str(OK_HEAD);
    out.push_str(data);
    out.push('}');
    out
}

/// A short English description of a JSON parse error: its category and position, never the
/// input itself.
pub(crate) fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Io => "read error",
        Category::Syntax => "syntax error",
        Category::Data => "unexpected value",
        Category::Eof => "unexpected end of input",
    };
    format!("{what} at line {} column {}", e.line(), e.column())
}

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
