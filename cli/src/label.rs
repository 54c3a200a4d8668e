//! `bts label ORDER_ID --output FILE` and `bts sticker ORDER_ID... --output FILE`.
//!
//! When the library has the operation `label/save` (`{"orderId": N, "path"}` or
//! `{"orderIds": [...], "path"}`, answering `{"path","bytes","source"}`), both commands are that
//! operation. Without it, the label is decoded here from the `labelEncode` of the answer: the
//! legacy API's `order/detail`, the current API's `order/sticker` (one order) or
//! `order/stickers` (several), and the line printed has the same shape.

use bts::{Api, Error, ErrorKind};
use serde_json::Value;

use crate::{output::one_line, output::print_line, Args, Failure, Outcome};

/// Which command runs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `label`: one order.
    Label,
    /// `sticker`: one or more orders.
    Sticker,
}

/// Runs `label` or `sticker`.
pub(crate) fn run(args: &Args, rest: &[String], kind: Kind) -> Outcome {
    let command = match kind {
        Kind::Label => "label",
        Kind::Sticker => "sticker",
    };
    args.only(command, &["output", "token-cache"])?;
    let ids = match (kind, rest) {
        (_, []) => return Err(Failure::Usage(format!("{command} needs an ORDER_ID"))),
        (Kind::Label, [_, _, ..]) => return Err(Failure::Usage("label takes one ORDER_ID".into())),
        _ => rest
            .iter()
            .map(|id| {
                id.parse::<u64>().map_err(|_| {
                    Failure::Usage(format!("ORDER_ID must be a whole number, not {id:?}"))
                })
            })
            .collect::<Result<Vec<u64>, Failure>>()?,
    };
    let path = args
        .output
        .as_deref()
        .ok_or_else(|| Failure::Usage(format!("{command} needs --output FILE")))?;
    let client = crate::client(args)?;
    let path_json = Value::from(path);
    if bts::operation("label/save").is_some() {
        let params = match ids.as_slice() {
            [id] => format!("{{\"orderId\":{id},\"path\":{path_json}}}"),
            _ => format!("{{\"orderIds\":{},\"path\":{path_json}}}", list(&ids)),
        };
        let data = client.call_json("label/save", &params)?;
        return print_line(&one_line(&data));
    }
    let (operation, params) = match (client.config().courier_api, ids.as_slice()) {
        (Api::Legacy, [id]) if kind == Kind::Label => {
            ("order/detail", format!("{{\"orderId\":{id}}}"))
        }
        (_, [id]) => ("order/sticker", format!("{{\"orderId\":{id}}}")),
        _ => ("order/stickers", format!("{{\"orderIds\":{}}}", list(&ids))),
    };
    let data = client.call_json(operation, &params)?;
    let encoded = label_of(operation, &data)?;
    let bytes = bts::save_label(&encoded, path)?;
    // Written by hand to keep the documented key order.
    print_line(&format!(
        "{{\"path\":{path_json},\"bytes\":{bytes},\"source\":\"{operation}\"}}"
    ))
}

fn list(ids: &[u64]) -> String {
    let items: Vec<String> = ids.iter().map(u64::to_string).collect();
    format!("[{}]", items.join(","))
}

/// `labelEncode` of an answer (at the top, or under `data`).
fn label_of(operation: &str, data: &str) -> Result<String, Error> {
    let value: Value = serde_json::from_str(data).map_err(|_| {
        Error::new(
            ErrorKind::Decode,
            format!("{operation}: the answer is not JSON"),
        )
    })?;
    let label = value
        .get("labelEncode")
        .or_else(|| value.get("data").and_then(|d| d.get("labelEncode")));
    match label {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        _ => Err(Error::new(
            ErrorKind::Decode,
            format!("{operation}: the answer has no labelEncode (a link only, labelSticker, is not downloaded here)"),
        )),
    }
}
