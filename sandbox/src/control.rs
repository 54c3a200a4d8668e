//! The control API under `/__sandbox/` (for tests in other languages using the binary).

use crate::fault::Fault;
use crate::json::{json_object, OrderedJson};
use crate::reply::Reply;
use crate::shared::Shared;
use crate::sync::lock;
use crate::wms::store::RecordKind;
use serde_json::Value;
use std::borrow::Cow;
use std::time::Duration;

fn fail(status: u16, msg: impl Into<String>) -> Reply {
    Reply::json(status, &json_object! {"ok" => false, "error" => msg.into()})
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
    ("expire-access-tokens", "POST"),
    ("token-lifetime", "POST"),
    ("current-status", "POST"),
    ("current-order-date", "POST"),
    ("current-orders", "GET"),
    ("clock", "POST"),
    ("quirks", "GET,POST"),
    ("webhooks", "GET"),
    ("clear-webhooks", "POST"),
    ("log", "GET"),
];

/// The request log as a JSON array.
pub(crate) fn log_json(shared: &Shared) -> OrderedJson {
    OrderedJson::Arr(
        lock(&shared.log)
            .iter()
            .map(|l| {
                json_object! {
                    "method" => l.method.as_str(),
                    "path" => l.path.as_str(),
                    "query" => l.query.as_str(),
                    "key" => l.key,
                    "language" => l.language.clone(),
                    "content_type" => l.content_type.clone(),
                    "at_ms" => l.at_ms as i64,
                }
            })
            .collect(),
    )
}

fn ms_of(v: &Value, name: &str) -> Result<Option<Duration>, Reply> {
    match v.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(ms) => ms
            .as_u64()
            .map(|ms| Some(Duration::from_millis(ms)))
            .ok_or_else(|| {
                fail(
                    400,
                    format!("\"{name}\" must be a non-negative integer or null"),
                )
            }),
    }
}

/// Handles `/__sandbox/<name>`.
pub(crate) fn handle(shared: &Shared, method: &str, name: &str, body: &[u8]) -> Reply {
    let name = name.trim_end_matches('/');
    let Some((_, want)) = ROUTES.iter().find(|(n, _)| *n == name) else {
        return fail(404, format!("unknown control route /__sandbox/{name}"));
    };
    let allowed = want
        .split(',')
        .any(|w| w == method || (method == "HEAD" && w == "GET"));
    if !allowed {
        let mut r = fail(
            405,
            format!("use {} for /__sandbox/{name}", want.replace(',', " or ")),
        );
        r.headers.push(("Allow", want.replace(',', ", ")));
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
            Reply::ok(json_object! {"ok" => true, "route" => route, "times" => times as i64})
        }
        "clear-faults" => {
            shared.clear_faults();
            Reply::ok(json_object! {"ok" => true})
        }
        "counts" => {
            let (counts, total) = shared.counts();
            let mut fields: Vec<(Cow<'static, str>, OrderedJson)> = counts
                .into_iter()
                .map(|(k, n)| (Cow::Borrowed(k), OrderedJson::Int(n as i64)))
                .collect();
            fields.push((Cow::Borrowed("*"), OrderedJson::Int(total as i64)));
            Reply::ok(OrderedJson::Obj(fields))
        }
        "reset-counts" => {
            shared.reset_counts();
            Reply::ok(json_object! {"ok" => true})
        }
        "expire-tokens" => {
            lock(&shared.state).expire_tokens();
            Reply::ok(json_object! {"ok" => true})
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
            Reply::ok(json_object! {"ok" => true, "ms" => ttl.map(|d| d.as_millis() as i64)})
        }
        "order-status" => {
            let id = v.get("orderId").and_then(crate::json::int_of);
            let status = v.get("status").and_then(crate::json::int_of);
            let (Some(id), Some(status)) = (id, status) else {
                return fail(400, "needs integer \"orderId\" and \"status\"");
            };
            if lock(&shared.state).set_order_status(id, status) {
                Reply::ok(json_object! {"ok" => true, "orderId" => id, "status" => status})
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
                Reply::ok(json_object! {"ok" => true, "barcode" => barcode, "code" => code})
            } else {
                fail(404, "unknown barcode or status code")
            }
        }
        "seed-wms" => {
            let kind = v
                .get("kind")
                .and_then(Value::as_str)
                .and_then(RecordKind::from_name);
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
            Reply::ok(json_object! {"ok" => true, "kind" => kind.path(), "n" => n as i64})
        }
        "expire-access-tokens" => {
            lock(&shared.state).expire_access_tokens();
            Reply::ok(json_object! {"ok" => true})
        }
        "token-lifetime" => {
            let access = match ms_of(&v, "access_ms") {
                Ok(d) => d,
                Err(r) => return r,
            };
            let refresh = match ms_of(&v, "refresh_ms") {
                Ok(d) => d,
                Err(r) => return r,
            };
            let mut st = lock(&shared.state);
            let (a0, r0) = st.token_lifetimes();
            let (a, r) = (access.unwrap_or(a0), refresh.unwrap_or(r0));
            st.set_token_lifetimes(a, r);
            Reply::ok(json_object! {
                "ok" => true,
                "access_ms" => a.as_millis() as i64,
                "refresh_ms" => r.as_millis() as i64,
            })
        }
        "current-status" => {
            let id = v.get("orderId").and_then(crate::json::int_of);
            let code = v
                .get("statusCode")
                .or_else(|| v.get("status"))
                .and_then(crate::json::int_of);
            let (Some(id), Some(code)) = (id, code) else {
                return fail(400, "needs integer \"orderId\" and \"statusCode\"");
            };
            if lock(&shared.state).set_current_status(id, code) {
                Reply::ok(json_object! {"ok" => true, "orderId" => id, "statusCode" => code})
            } else {
                fail(404, "unknown order or status code")
            }
        }
        "current-order-date" => {
            let id = v.get("orderId").and_then(crate::json::int_of);
            let date = v.get("date").and_then(Value::as_str);
            let (Some(id), Some(date)) = (id, date) else {
                return fail(400, "needs integer \"orderId\" and \"date\" (YYYY-MM-DD)");
            };
            if lock(&shared.state).set_current_order_date(id, date) {
                Reply::ok(json_object! {"ok" => true, "orderId" => id, "date" => date})
            } else {
                fail(404, "unknown order or malformed date")
            }
        }
        "current-orders" => {
            let st = lock(&shared.state);
            Reply::ok(json_object! {"ok" => true, "orders" => st.current_orders_json()})
        }
        "clock" => {
            let step = match ms_of(&v, "ms") {
                Ok(d) => d,
                Err(r) => return r,
            };
            if step.is_some_and(|d| d.is_zero()) {
                return fail(400, "\"ms\" must be positive (or null to stop the clock)");
            }
            lock(&shared.state).set_clock(step);
            Reply::ok(json_object! {"ok" => true, "ms" => step.map(|d| d.as_millis() as i64)})
        }
        "quirks" => {
            let mut st = lock(&shared.state);
            if method == "POST" {
                if let Err(e) = st.quirks.apply(&v) {
                    return fail(400, e);
                }
            }
            Reply::ok(json_object! {"ok" => true, "quirks" => st.quirks.to_json()})
        }
        "webhooks" => {
            let st = lock(&shared.state);
            Reply::ok(json_object! {
                "ok" => true,
                "config" => st.webhook_json(),
                "pending" => st.current.hooks_pending as i64,
                "deliveries" => OrderedJson::Arr(st.deliveries.iter().map(|d| d.to_json()).collect()),
            })
        }
        "clear-webhooks" => {
            lock(&shared.state).deliveries.clear();
            Reply::ok(json_object! {"ok" => true})
        }
        "log" => Reply::ok(json_object! {"ok" => true, "requests" => log_json(shared)}),
        _ => fail(404, "unknown control route"),
    }
}
