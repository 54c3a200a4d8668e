//! `batch`: many calls side by side on one client.
//!
//! `{"calls": [{"operation": NAME, "params": {...}}, ...], "concurrency": N}` answers `data` =
//! an array with one envelope per call, in the order given, each exactly what `bts_call(NAME,
//! params)` would have answered alone (a failed call is an `ok: false` envelope; it never fails
//! the batch). The whole batch is checked before anything is sent: an empty or missing `calls`,
//! more than [`MAX_CALLS`], a nested `batch`, an unknown operation or parameters that are not an
//! object is `invalid_input` naming the index (`calls[3].operation`).
//!
//! Workers are scoped threads (`std::thread::scope`): they end before the batch returns, so
//! nothing is left running to meet a `fork()`. Every rule of a single call holds per call: its
//! own `timeout_ms`, retries, the journal (two creates with one key: one order), one shared
//! login, and a `Retry-After` pauses every worker (src/pause.rs).

use std::time::Instant;

use serde_json::value::RawValue;
use serde_json::Value;

use crate::client::lookup;
use crate::error::FieldErrors;
use crate::operations::{ops, Operation};
use crate::request::Params;
use crate::workers::in_order;
use crate::{Client, Error};

/// The most calls one batch takes.
pub const MAX_CALLS: usize = 1000;

/// The most calls of one batch in flight at once: a larger `concurrency` is lowered to it.
/// BTS documents no rate limit, but integrations have seen 429s from it.
pub const MAX_CONCURRENCY: usize = 16;

/// The calls in flight at once when a batch does not say.
pub const DEFAULT_CONCURRENCY: usize = 4;

/// One call of a batch: an operation name and its parameters (a JSON object text, sent as
/// written; empty or `null` for none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchCall {
    /// The operation, e.g. `order/track`.
    pub operation: String,
    /// Its parameters as JSON object text.
    pub params: String,
}

impl BatchCall {
    /// A call of `operation` with `params` (a JSON object, or `null` for none).
    pub fn new(operation: impl Into<String>, params: Value) -> BatchCall {
        BatchCall {
            operation: operation.into(),
            params: if params.is_null() {
                String::new()
            } else {
                params.to_string()
            },
        }
    }
}

/// A checked call: its row and parameters text.
struct Checked<'a> {
    op: &'static Operation,
    params: &'a str,
}

impl Client {
    /// Runs `calls` side by side, at most `concurrency` at once (`None`: 4; capped at
    /// [`MAX_CONCURRENCY`]), and answers one result per call, in order: what
    /// [`Client::call`] would have answered for it alone. A batch that is refused as a whole
    /// (no calls, more than [`MAX_CALLS`], an unknown operation, a nested `batch`) is the
    /// outer `Err`, and nothing is sent.
    ///
    /// ```no_run
    /// use bts::BatchCall;
    /// use serde_json::json;
    /// # let client = bts::Client::new(bts::Config::default())?;
    /// let calls: Vec<BatchCall> = [229234, 229235]
    ///     .iter()
    ///     .map(|id| BatchCall::new("order/track", json!({"orderId": id})))
    ///     .collect();
    /// for result in client.batch(&calls, Some(8))? {
    ///     match result {
    ///         Ok(track) => println!("{}", track["status"]),
    ///         Err(e) => println!("failed: {e}"),
    ///     }
    /// }
    /// # Ok::<(), bts::Error>(())
    /// ```
    pub fn batch(
        &self,
        calls: &[BatchCall],
        concurrency: Option<usize>,
    ) -> Result<Vec<Result<Value, Error>>, Error> {
        let mut problems = FieldErrors::new();
        let checked = check_calls(
            calls
                .iter()
                .map(|c| (Some(c.operation.as_str()), object_text(&c.params))),
            &mut problems,
        );
        let concurrency = match concurrency {
            Some(0) => {
                problems.insert(
                    "concurrency".into(),
                    vec![format!("must be 1 to {MAX_CONCURRENCY}")],
                );
                0
            }
            Some(n) => n.min(MAX_CONCURRENCY),
            None => DEFAULT_CONCURRENCY,
        };
        refuse(problems)?;
        Ok(in_order(
            &checked,
            concurrency,
            |_| false,
            |c| {
                let params: Value = if c.params.trim().is_empty() {
                    Value::Null
                } else {
                    serde_json::from_str(c.params).map_err(|e| {
                        Error::invalid_input("the parameters are not valid JSON").with_source(e)
                    })?
                };
                self.call_op(c.op, params)
            },
        ))
    }
}

/// The `batch` row's handler: `data` is the array of envelopes, in order.
pub(crate) fn run(
    client: &Client,
    params: &Params<'_>,
    _deadline: Instant,
) -> Result<String, Error> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input<'a> {
        #[serde(borrow, default)]
        calls: Option<Vec<&'a RawValue>>,
        #[serde(default)]
        concurrency: Option<Value>,
    }
    let input: Input = serde_json::from_str(if params.text.trim().is_empty() {
        "{}"
    } else {
        params.text
    })
    .map_err(|e| {
        Error::invalid_input(format!(
            "batch takes {{\"calls\": [{{\"operation\": ..., \"params\": {{...}}}}, ...], \"concurrency\": 1-{MAX_CONCURRENCY}}} ({}); nothing was sent",
            if e.is_data() {
                // serde's words name the member: "unknown field `parallel`, expected ...".
                e.to_string().chars().take(200).collect::<String>()
            } else {
                crate::error::describe_json_error(&e)
            }
        ))
        .with_fields([("calls", vec!["required: an array of calls".to_owned()])])
    })?;
    let mut problems = FieldErrors::new();
    let calls: Vec<(Option<String>, Option<&str>)> = input
        .calls
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(|raw| call_parts(raw))
        .collect();
    if input.calls.is_none() {
        problems.insert("calls".into(), vec!["required: an array of calls".into()]);
    }
    let checked = check_calls(
        calls.iter().map(|(op, params)| (op.as_deref(), *params)),
        &mut problems,
    );
    let concurrency = match &input.concurrency {
        None | Some(Value::Null) => DEFAULT_CONCURRENCY,
        Some(v) => match v.as_u64() {
            Some(n) if n >= 1 => (n.min(MAX_CONCURRENCY as u64)) as usize,
            _ => {
                problems.insert(
                    "concurrency".into(),
                    vec![format!(
                        "must be a whole number from 1 to {MAX_CONCURRENCY} (larger is lowered to {MAX_CONCURRENCY})"
                    )],
                );
                0
            }
        },
    };
    refuse(problems)?;
    let envelopes = in_order(
        &checked,
        concurrency,
        |_| false,
        |c| client.call_envelope(c.op.name, c.params),
    );
    let mut out = String::with_capacity(envelopes.iter().map(|e| e.len() + 1).sum::<usize>() + 2);
    out.push('[');
    for (i, envelope) in envelopes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(envelope);
    }
    out.push(']');
    Ok(out)
}

/// One call's `operation` (`None` when absent or not a string) and `params` text (`None` when
/// not an object or `null`); a call that is not an object has neither.
fn call_parts(raw: &RawValue) -> (Option<String>, Option<&str>) {
    #[derive(serde::Deserialize)]
    struct Call<'a> {
        #[serde(default)]
        operation: Option<Value>,
        #[serde(borrow, default)]
        params: Option<&'a RawValue>,
    }
    let Ok(call) = serde_json::from_str::<Call>(raw.get()) else {
        return (None, None);
    };
    let operation = match call.operation {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    (
        operation,
        object_text(call.params.map_or("", RawValue::get)),
    )
}

/// Parameters text that is an object, `null` or empty (none), else `None`.
fn object_text(params: &str) -> Option<&str> {
    let t = params.trim_start();
    (t.is_empty() || t.starts_with('{') || t == "null").then_some(params)
}

/// Checks every call before anything is sent; problems are keyed `calls[i].operation` /
/// `calls[i].params`.
fn check_calls<'a>(
    calls: impl ExactSizeIterator<Item = (Option<&'a str>, Option<&'a str>)>,
    problems: &mut FieldErrors,
) -> Vec<Checked<'a>> {
    let count = calls.len();
    if count == 0 {
        problems
            .entry("calls".into())
            .or_insert_with(|| vec!["must hold at least one call".into()]);
        return Vec::new();
    }
    if count > MAX_CALLS {
        problems.insert(
            "calls".into(),
            vec![format!(
                "holds {count} calls; a batch takes at most {MAX_CALLS}"
            )],
        );
        return Vec::new();
    }
    let mut checked = Vec::with_capacity(count);
    for (i, (operation, params)) in calls.enumerate() {
        let op = match operation {
            None => {
                problems.insert(
                    format!("calls[{i}].operation"),
                    vec!["required: an operation name (a string)".into()],
                );
                None
            }
            Some(name) if name == ops::BATCH.name => {
                problems.insert(
                    format!("calls[{i}].operation"),
                    vec!["a batch cannot hold a batch".into()],
                );
                None
            }
            Some(name) => match lookup(name) {
                Ok(op) => Some(op),
                Err(_) => {
                    problems.insert(
                        format!("calls[{i}].operation"),
                        vec![format!(
                            "unknown operation {:?}; bts_operations() lists them",
                            name.chars().take(100).collect::<String>()
                        )],
                    );
                    None
                }
            },
        };
        let params = match params {
            Some(p) => Some(p),
            None => {
                problems.insert(
                    format!("calls[{i}].params"),
                    vec!["must be a JSON object (or left out)".into()],
                );
                None
            }
        };
        if let (Some(op), Some(params)) = (op, params) {
            checked.push(Checked { op, params });
        }
    }
    checked
}

/// `invalid_input` naming the first problem in its message and every one in `fields`.
fn refuse(problems: FieldErrors) -> Result<(), Error> {
    let Some((field, why)) = problems.iter().next() else {
        return Ok(());
    };
    let more = match problems.len() {
        1 => String::new(),
        2 => " (and 1 more problem)".to_owned(),
        n => format!(" (and {} more problems)", n - 1),
    };
    Err(Error::invalid_input(format!(
        "batch: {field}: {}{more}; nothing was sent",
        why.join("; ")
    ))
    .with_fields(problems))
}
