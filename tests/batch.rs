//! `batch` and concurrent pages against the sandbox: order, errors per call, refusals naming
//! the index with nothing sent, create-once inside a batch, one login for every worker, a
//! `Retry-After` pausing every worker, and faults (resets, 429, 500, slow replies) on 500
//! creates, in Rust and through the C ABI from 8 threads.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use bts::{BatchCall, Client, Config};
use bts_sandbox::{Fault, Sandbox};
use common::{order, product, setup, setup_with};
use serde_json::{json, Value};

/// An envelope without its `request_id` (fresh per call), for comparing a batch's envelope with
/// the same call made alone.
fn without_request_id(envelope: &str) -> String {
    let mut v: Value = serde_json::from_str(envelope).unwrap();
    if let Some(e) = v.get_mut("error").and_then(Value::as_object_mut) {
        e.remove("request_id");
    }
    v.to_string()
}

fn batch(client: &Client, calls: Value, concurrency: Option<u64>) -> Value {
    let mut params = json!({ "calls": calls });
    if let Some(n) = concurrency {
        params["concurrency"] = json!(n);
    }
    let text = client.call_envelope("batch", &params.to_string());
    serde_json::from_str(&text).unwrap()
}

fn new_order(client: &Client, client_id: &str) -> i64 {
    let mut body = order();
    body["clientId"] = json!(client_id);
    client.call("order/add", body).unwrap()["orderId"]
        .as_i64()
        .unwrap()
}

#[test]
fn envelopes_come_back_in_order_each_what_the_call_answers_alone() {
    let (sandbox, client) = setup();
    let id = new_order(&client, "batch-order-1");
    let calls = [
        ("order/track", json!({ "orderId": id })),
        ("order/detail", json!({ "orderId": 999_999_999 })),
        ("order/calculate", json!({ "senderCityId": 3 })),
        ("order/detail", json!({ "orderId": id })),
        ("directory/regions", Value::Null),
        ("webhook/parse", json!({})),
    ];
    let mut list: Vec<Value> = calls
        .iter()
        .map(|(op, p)| json!({ "operation": op, "params": p }))
        .collect();
    list[4].as_object_mut().unwrap().remove("params");
    let text = client.call_envelope(
        "batch",
        &json!({ "calls": list, "concurrency": 3 }).to_string(),
    );
    let answer: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(answer["ok"], true, "{text}");
    let data = answer["data"].as_array().unwrap();
    assert_eq!(data.len(), calls.len());
    for (i, (op, params)) in calls.iter().enumerate() {
        let params = if params.is_null() {
            String::new()
        } else {
            params.to_string()
        };
        let alone = client.call_envelope(op, &params);
        assert_eq!(
            without_request_id(&data[i].to_string()),
            without_request_id(&alone),
            "call {i} ({op})"
        );
    }
    assert_eq!(data[0]["ok"], true);
    assert_eq!(data[1]["error"]["kind"], "http");
    assert_eq!(data[2]["error"]["kind"], "invalid_input");
    assert_eq!(data[3]["data"]["orderId"].as_i64(), Some(id));
    assert_eq!(data[5]["error"]["kind"], "invalid_input");
    // The envelope text itself: the data of a successful call is the server's text, unchanged.
    let raw_alone = client.call_json("order/detail", &json!({ "orderId": id }).to_string());
    assert!(
        text.contains(&raw_alone.unwrap()),
        "the reply is embedded as sent"
    );
    drop(sandbox);
}

#[test]
fn bad_batches_are_refused_naming_the_index_and_nothing_is_sent() {
    let (sandbox, client) = setup();
    sandbox.reset_counts();
    let track = json!({ "operation": "order/track", "params": { "orderId": 1 } });
    let many: Vec<Value> = (0..=bts::MAX_CALLS).map(|_| track.clone()).collect();
    let cases: Vec<(Value, &str, &str)> = vec![
        (json!({}), "calls", "required"),
        (json!({ "calls": [] }), "calls", "at least one"),
        (json!({ "calls": "x" }), "calls", "batch takes"),
        (
            json!({ "calls": [track, track, { "operation": "batch", "params": { "calls": [track] } }] }),
            "calls[2].operation",
            "cannot hold a batch",
        ),
        (
            json!({ "calls": [track, track, track, { "operation": "order/teleport" }] }),
            "calls[3].operation",
            "unknown operation \"order/teleport\"",
        ),
        (
            json!({ "calls": [track, { "params": {} }] }),
            "calls[1].operation",
            "required",
        ),
        (
            json!({ "calls": [{ "operation": "order/track", "params": [1] }] }),
            "calls[0].params",
            "JSON object",
        ),
        (json!({ "calls": [7] }), "calls[0].operation", "required"),
        (json!({ "calls": many }), "calls", "at most 1000"),
        (
            json!({ "calls": [track], "concurrency": 0 }),
            "concurrency",
            "1 to 16",
        ),
        (
            json!({ "calls": [track], "concurrency": "many" }),
            "concurrency",
            "1 to 16",
        ),
        (
            json!({ "calls": [track], "parallel": 2 }),
            "calls",
            "unknown field",
        ),
    ];
    for (params, field, words) in cases {
        let text = client.call_envelope("batch", &params.to_string());
        let answer: Value = serde_json::from_str(&text).unwrap();
        let shown = text.chars().take(300).collect::<String>();
        assert_eq!(answer["error"]["kind"], "invalid_input", "{shown}");
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(message.contains(words), "{field}: {message}");
        if field != "calls" || !message.starts_with("batch takes") {
            assert!(
                answer["error"]["fields"].get(field).is_some(),
                "{field} in {shown}"
            );
        }
        if field.starts_with("calls[") {
            assert!(
                message.contains(field),
                "the message names {field}: {message}"
            );
        }
        assert!(message.contains("nothing was sent"), "{message}");
    }
    assert_eq!(sandbox.requests("*"), 0, "a refused batch sends nothing");

    // The typed API refuses the same way.
    let error = client
        .batch(&[BatchCall::new("batch", json!({}))], None)
        .unwrap_err();
    assert_eq!(error.kind(), bts::ErrorKind::InvalidInput);
    assert!(error.fields().contains_key("calls[0].operation"));
    assert_eq!(sandbox.requests("*"), 0);
}

#[test]
fn the_typed_batch_answers_one_result_per_call_in_order() {
    let (_sandbox, client) = setup();
    let id = new_order(&client, "batch-typed-1");
    let calls: Vec<BatchCall> = (0..20)
        .map(|i| {
            let order_id = if i % 5 == 4 { 999_999_000 + i } else { id };
            BatchCall::new("order/track", json!({ "orderId": order_id }))
        })
        .collect();
    let results = client.batch(&calls, Some(64)).unwrap();
    assert_eq!(results.len(), 20);
    for (i, result) in results.iter().enumerate() {
        if i % 5 == 4 {
            assert_eq!(result.as_ref().unwrap_err().status(), Some(404), "{i}");
        } else {
            assert!(result.as_ref().unwrap().is_object(), "{i}: {result:?}");
        }
    }
}

#[test]
fn two_creates_with_one_key_in_one_batch_create_one_order() {
    // A journal of this run only (a stale one would replay another sandbox's order).
    let dir = common::cdylib::scratch_dir().join(format!(
        "batch-journal-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let journal = dir.join("journal.jsonl");
    let (sandbox, client) = setup_with(|c: &mut Config| {
        c.journal = Some(journal.clone());
    });
    sandbox.reset_counts();
    let mut body = order();
    body["clientId"] = json!("batch-same-key");
    let create = json!({ "operation": "order/add", "params": body });
    let answer = batch(&client, json!([create, create, create]), Some(3));
    let data = answer["data"].as_array().unwrap();
    assert_eq!(data.len(), 3);
    let ids: Vec<i64> = data
        .iter()
        .map(|e| {
            assert_eq!(e["ok"], true, "{e}");
            e["data"]["orderId"].as_i64().unwrap()
        })
        .collect();
    assert!(ids.iter().all(|i| *i == ids[0]), "one order: {ids:?}");
    let replayed = data.iter().filter(|e| e["replayed"] == true).count();
    assert_eq!(replayed, 2, "two answers come from the journal: {data:?}");
    assert_eq!(sandbox.requests("order/add"), 1, "one create reached BTS");
}

#[test]
fn one_login_serves_every_worker() {
    let (sandbox, client) = setup();
    let id = new_order(&client, "batch-login-1");
    let fresh = Client::from_json(&sandbox.config_json()).unwrap();
    sandbox.reset_counts();
    let calls: Vec<Value> = (0..48)
        .map(|_| json!({ "operation": "order/track", "params": { "orderId": id } }))
        .collect();
    let answer = batch(&fresh, json!(calls), Some(16));
    assert!(answer["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["ok"] == true));
    assert_eq!(
        sandbox.requests("auth/get-token"),
        1,
        "one login for 16 workers"
    );
    assert_eq!(sandbox.requests("order/track"), 48);

    // After the server forgets the token: one fresh login, every call replayed once.
    sandbox.expire_tokens();
    sandbox.reset_counts();
    let answer = batch(&fresh, json!(calls), Some(16));
    assert!(answer["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["ok"] == true));
    assert_eq!(
        sandbox.requests("auth/get-token"),
        1,
        "one re-login for 16 workers"
    );
}

/// The arrival times (ms since the epoch) of every logged request.
fn arrivals(sandbox: &Sandbox) -> Vec<u64> {
    sandbox
        .request_log()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["at_ms"].as_u64().unwrap())
        .collect()
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// No request arrives between `slack` after the first one (the one answered 429, and the
/// others already on their way) and the end of its `Retry-After`.
fn assert_quiet_window(times: &[u64], from_ms: u64, retry_after: Duration, slack: u64) {
    let first = times
        .iter()
        .copied()
        .filter(|t| *t >= from_ms)
        .min()
        .unwrap();
    let end = first + retry_after.as_millis() as u64;
    let inside: Vec<u64> = times
        .iter()
        .copied()
        .filter(|t| *t > first + slack && *t < end)
        .map(|t| t - first)
        .collect();
    assert!(
        inside.is_empty(),
        "requests arrived inside the Retry-After window (ms after the 429): {inside:?}"
    );
}

#[test]
fn a_retry_after_pauses_every_worker() {
    let (sandbox, client) = setup();
    let id = new_order(&client, "batch-pause-1");
    let calls: Vec<Value> = (0..40)
        .map(|_| json!({ "operation": "order/track", "params": { "orderId": id } }))
        .collect();
    sandbox.reset_counts();
    let wait = Duration::from_secs(2);
    sandbox.inject(
        "order/track",
        Fault::Status {
            status: 429,
            body: "{}".into(),
            headers: vec![("Retry-After".into(), "2".into())],
        },
        1,
    );
    // Every other reply is slow: without the pause, the other workers would keep sending
    // throughout the window.
    sandbox.inject(
        "order/track",
        Fault::Delay(Duration::from_millis(100)),
        1000,
    );
    let from = now_ms();
    let started = Instant::now();
    let answer = batch(&client, json!(calls), Some(8));
    let took = started.elapsed();
    assert!(
        answer["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["ok"] == true),
        "the 429 was retried after its Retry-After: {answer}"
    );
    assert!(took >= wait, "{took:?}");
    assert_quiet_window(&arrivals(&sandbox), from, wait, 60);
    sandbox.clear_faults();
}

#[test]
fn pages_are_fetched_side_by_side_and_joined_in_order() {
    let sandbox = Sandbox::start();
    sandbox.seed_wms("product", 20 * 9 + 7);
    let mut sequential = Config::from_json(&sandbox.config_json()).unwrap();
    sequential.page_concurrency = 1;
    let sequential = Client::new(sequential).unwrap();
    let concurrent = Client::from_json(&sandbox.config_json()).unwrap();
    assert_eq!(concurrent.config().page_concurrency, 4, "the default");
    let params = r#"{"all_pages":true}"#;
    let one = sequential.call_json("wms/product/clients", params).unwrap();
    sandbox.reset_counts();
    let many = concurrent.call_json("wms/product/clients", params).unwrap();
    assert_eq!(one, many, "the same items, in the same order");
    let items: Vec<Value> = serde_json::from_str(&many).unwrap();
    assert!(items.len() >= 187, "{}", items.len());
    let pages = items.len().div_ceil(20);
    assert_eq!(
        sandbox.requests("wms/product/clients"),
        pages,
        "each page once"
    );

    // A failing page fails the call, as it does read one after the other.
    sandbox.inject("wms/product/clients", Fault::Delay(Duration::ZERO), 3);
    sandbox.inject("wms/product/clients", Fault::yii(404), 1);
    let error = concurrent
        .call_json("wms/product/clients", params)
        .unwrap_err();
    assert_eq!(error.status(), Some(404));

    // page_concurrency is checked.
    let bad = Config::from_json(
        r#"{"base_url":"http://127.0.0.1:1","username":"u","password":"p","inn":"1","page_concurrency":0}"#,
    );
    let error = bad.and_then(Client::new).unwrap_err();
    assert!(error.fields().contains_key("page_concurrency"), "{error}");
}

/// The WMS products the sandbox holds, by code: how many of each.
fn products_by_code(client: &Client) -> BTreeMap<String, usize> {
    let items = client
        .call("wms/product/clients", json!({ "all_pages": true }))
        .unwrap();
    let mut codes = BTreeMap::new();
    for item in items.as_array().unwrap() {
        let code = item["code"].as_str().unwrap_or_default().to_owned();
        *codes.entry(code).or_insert(0) += 1;
    }
    codes
}

#[test]
fn five_hundred_creates_under_faults_one_envelope_each_no_duplicate_no_request_in_a_pause() {
    let sandbox = Sandbox::start();
    let mut config = Config::from_json(&sandbox.config_json()).unwrap();
    config.timeout_ms = 20_000;
    let client = Client::new(config).unwrap();
    let route = "wms/product/create";
    let mut outcomes: BTreeMap<String, Value> = BTreeMap::new();
    for round in 0..5 {
        sandbox.clear_faults();
        sandbox.inject(route, Fault::Reset, 4);
        sandbox.inject(route, Fault::Delay(Duration::from_millis(20)), 6);
        sandbox.inject(route, Fault::yii(500), 4);
        sandbox.inject(route, Fault::Delay(Duration::from_millis(400)), 3);
        sandbox.inject(route, Fault::ResetMidBody, 2);
        sandbox.inject(route, Fault::Reset, 2);
        let from = now_ms();
        if round == 4 {
            sandbox.inject(
                route,
                Fault::Status {
                    status: 429,
                    body: "{}".into(),
                    headers: vec![("Retry-After".into(), "1".into())],
                },
                1,
            );
            // Slow replies after it: without the pause, the workers would send throughout
            // the window.
            sandbox.inject(route, Fault::Delay(Duration::from_millis(100)), 40);
        }
        let codes: Vec<String> = (0..100).map(|i| format!("F{round}-{i:03}")).collect();
        let calls: Vec<Value> = codes
            .iter()
            .map(|c| json!({ "operation": route, "params": product(c) }))
            .collect();
        let answer = batch(&client, json!(calls), Some(16));
        let data = answer["data"].as_array().expect("an array of envelopes");
        assert_eq!(data.len(), 100, "one envelope per input");
        for (code, envelope) in codes.iter().zip(data) {
            assert!(
                envelope["ok"] == true || envelope["error"]["kind"].is_string(),
                "{envelope}"
            );
            if envelope["ok"] == true {
                assert_eq!(
                    envelope["data"]["data"]["code"].as_str(),
                    Some(code.as_str()),
                    "in order"
                );
            }
            outcomes.insert(code.clone(), envelope.clone());
        }
        if round == 4 {
            // The 429 lands after the first faults above were used: the window starts at the
            // 429's arrival, whichever request it was.
            let log = sandbox.request_log();
            let log = log.as_array().unwrap();
            let times: Vec<u64> = log
                .iter()
                .filter(|r| r["at_ms"].as_u64().unwrap() >= from)
                .map(|r| r["at_ms"].as_u64().unwrap())
                .collect();
            // The 429 is the 21st request of the round (after the 20 other faults).
            let mut sorted = times.clone();
            sorted.sort_unstable();
            let at_429 = sorted[20];
            assert_quiet_window(&sorted, at_429, Duration::from_secs(1), 150);
        }
    }
    sandbox.clear_faults();
    let held = products_by_code(&client);
    let duplicates: Vec<(&String, &usize)> = held.iter().filter(|(_, n)| **n > 1).collect();
    assert!(duplicates.is_empty(), "duplicate creates: {duplicates:?}");
    for (code, envelope) in &outcomes {
        if envelope["ok"] == true {
            assert_eq!(held.get(code), Some(&1), "{code} created once");
        } else if envelope["error"]["sent"] == false {
            assert_eq!(
                held.get(code),
                None,
                "{code}: not sent, not created: {envelope}"
            );
        }
    }
    let failed = outcomes.values().filter(|e| e["ok"] != true).count();
    assert!(
        failed >= 5 * 10,
        "the faults reached the calls: {failed} failed"
    );
}
