//! The control API under `/__sandbox/` (for tests in other languages using the binary).

use crate::fault::Fault;
use crate::http::Shared;
use crate::json::{jobj, J};
use crate::router::lock;
use crate::state::Reply;
use crate::wms::Kind;
use serde_json::Value;
use std::borrow::Cow;
use std::time::Duration;

fn fail(status: u16, msg: impl Into<String>) -> Reply {
    Reply::json(status, &jobj! {"ok" => false, "error" => msg.into()})
}

/// Whether `route` is a route key or `"*"`.
pub(crate) fn valid_route(route: &str) -> bool {
    route == "*" || crate::router::route_keys().any(|k| k == route)
}

const ROUTES: &[(&str, &str)] = &[
    ("fault", "POST"),
    ("clear-faults", "POST"),
    ("counts", "GET"),
    ("reset-counts", "POST"),
    ("expire-tokens", "POST"),
    ("token-ttl", "POST"),
    ("order-status", "POST"),
    ("international-status", "POST"),
    ("seed-wms", "POST"),
];

/// Handles `/__sandbox/<name>`.
pub(crate) fn handle(shared: &Shared, method: &str, name: &str, body: &[u8]) -> Reply {
    let name = name.trim_end_matches('/');
    let Some((_, want)) = ROUTES.iter().find(|(n, _)| *n == name) else {
        return fail(404, format!("unknown control route /__sandbox/{name}"));
    };
    if method != *want && !(method == "HEAD" && *want == "GET") {
        let mut r = fail(405, format!("use {want} for /__sandbox/{name}"));
        r.headers.push(("Allow", (*want).to_owned()));
        return r;
    }
    let v: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Default::default())
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return fail(400, format!("invalid JSON body: {e}")),
        }
    };
    match name {
        "fault" => {
            let route = match v.get("route") {
                None | Some(Value::Null) => "*",
                Some(Value::String(s)) => s.as_str(),
                Some(_) => return fail(400, "\"route\" must be a string"),
            };
            if !valid_route(route) {
                return fail(400, format!("unknown route key {route:?}"));
            }
            let fault = match v.get("fault").map(Fault::from_json) {
                Some(Ok(f)) => f,
                Some(Err(e)) => return fail(400, e),
                None => return fail(400, "missing \"fault\""),
            };
            let times = match v.get("times") {
                None | Some(Value::Null) => 1,
                Some(t) => match t.as_u64() {
                    Some(t) => t as usize,
                    None => return fail(400, "\"times\" must be a non-negative integer"),
                },
            };
            shared.inject(route, fault, times);
            Reply::ok(jobj! {"ok" => true, "route" => route, "times" => times as i64})
        }
        "clear-faults" => {
            shared.clear_faults();
            Reply::ok(jobj! {"ok" => true})
        }
        "counts" => {
            let (counts, total) = shared.counts();
            let mut fields: Vec<(Cow<'static, str>, J)> = counts
                .into_iter()
                .map(|(k, n)| (Cow::Borrowed(k), J::Int(n as i64)))
                .collect();
            fields.push((Cow::Borrowed("*"), J::Int(total as i64)));
            Reply::ok(J::Obj(fields))
        }
        "reset-counts" => {
            shared.reset_counts();
            Reply::ok(jobj! {"ok" => true})
        }
        "expire-tokens" => {
            lock(&shared.state).expire_tokens();
            Reply::ok(jobj! {"ok" => true})
        }
        "token-ttl" => {
            let ttl = if let Some(ms) = v.get("ms").filter(|m| !m.is_null()) {
                match ms.as_u64() {
                    Some(ms) => Some(Duration::from_millis(ms)),
                    None => return fail(400, "\"ms\" must be a non-negative integer or null"),
                }
            } else if let Some(s) = v.get("seconds").filter(|m| !m.is_null()) {
                match s
                    .as_f64()
                    .filter(|s| s.is_finite() && *s >= 0.0 && *s < 1.0e9)
                {
                    Some(s) => Some(Duration::from_secs_f64(s)),
                    None => return fail(400, "\"seconds\" must be a non-negative number or null"),
                }
            } else {
                None
            };
            lock(&shared.state).set_token_ttl(ttl);
            Reply::ok(jobj! {"ok" => true, "ms" => ttl.map(|d| d.as_millis() as i64)})
        }
        "order-status" => {
            let id = v.get("orderId").and_then(crate::json::int_of);
            let status = v.get("status").and_then(crate::json::int_of);
            let (Some(id), Some(status)) = (id, status) else {
                return fail(400, "needs integer \"orderId\" and \"status\"");
            };
            if lock(&shared.state).set_order_status(id, status) {
                Reply::ok(jobj! {"ok" => true, "orderId" => id, "status" => status})
            } else {
                fail(404, "unknown order or status")
            }
        }
        "international-status" => {
            let barcode = v.get("barcode").and_then(crate::json::text_of);
            let code = v.get("code").and_then(crate::json::int_of);
            let (Some(barcode), Some(code)) = (barcode, code) else {
                return fail(400, "needs \"barcode\" and integer \"code\"");
            };
            if lock(&shared.state).set_international_status(&barcode, code) {
                Reply::ok(jobj! {"ok" => true, "barcode" => barcode, "code" => code})
            } else {
                fail(404, "unknown barcode or status code")
            }
        }
        "seed-wms" => {
            let kind = v
                .get("kind")
                .and_then(Value::as_str)
                .and_then(Kind::from_name);
            let n = v.get("n").and_then(Value::as_u64);
            let (Some(kind), Some(n)) = (kind, n) else {
                return fail(
                    400,
                    "needs \"kind\" (purveyor, product, receiving-goods) and integer \"n\"",
                );
            };
            if n > 1_000_000 {
                return fail(400, "\"n\" is too large (1000000 at most)");
            }
            lock(&shared.state).seed_wms(kind, n as usize);
            Reply::ok(jobj! {"ok" => true, "kind" => kind.path(), "n" => n as i64})
        }
        _ => fail(404, "unknown control route"),
    }
}
