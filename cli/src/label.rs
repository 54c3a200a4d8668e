//! `bts label ORDER_ID --output FILE` and `bts sticker ORDER_ID... --output FILE`: both are the
//! library's operation `label/save` (`{"orderId": N, "path"}` or `{"orderIds": [...], "path"}`),
//! and print its answer, `{"path","bytes","source"}`, on one line.

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
    let params = match ids.as_slice() {
        [id] => format!("{{\"orderId\":{id},\"path\":{path_json}}}"),
        _ => format!("{{\"orderIds\":{},\"path\":{path_json}}}", list(&ids)),
    };
    let data = client.call_json("label/save", &params)?;
    print_line(&one_line(&data))
}

fn list(ids: &[u64]) -> String {
    let items: Vec<String> = ids.iter().map(u64::to_string).collect();
    format!("[{}]", items.join(","))
}
