//! BTS's current courier API against the sandbox: every operation of the table that the current
//! API has, typed and through `call` and the C ABI; the envelope rules (data sliced out,
//! HTTP-200 failures, `status_code` 401 inside a 200, `code`); JWT refresh, proactive renewal
//! and the fall-back to a password login; the `language` header; stickers; webhooks end to end.

mod common;

use std::ffi::{CStr, CString};
use std::time::Duration;

use bts::model::current as cur;
use bts::{Api, Client, Config, ErrorKind, OPERATIONS};
use bts_sandbox::Sandbox;
use serde_json::{json, Value};

fn current() -> (Sandbox, Client) {
    let sandbox = Sandbox::start();
    let client = Client::from_json(&sandbox.current_config_json()).expect("current client");
    (sandbox, client)
}

fn current_with(adjust: impl FnOnce(&mut Config)) -> (Sandbox, Client) {
    let sandbox = Sandbox::start();
    let mut config = Config::from_json(&sandbox.current_config_json()).unwrap();
    adjust(&mut config);
    let client = Client::new(config).unwrap();
    (sandbox, client)
}

/// The docs' example order.
fn order(client_id: &str) -> Value {
    json!({
        "clientId": client_id,
        "pickup_type": "self",
        "dropoff_type": "courier",
        "sender": {"name": "Example Shop", "phone": "+998900000001",
                   "address": "Toshkent, example street 1", "city_code": "0109", "branch_code": "0154"},
        "receiver": {"name": "Example Customer", "phone": "+998900000002",
                     "address": "Samarqand, example street 2", "city_code": "3001"},
        "bringBackMoney": 0,
        "cargo": {"weight": 1.2, "piece": 1, "packageId": 8, "postTypeId": 11,
                  "postTypes": [{"name": "T-shirt", "code": "SKU-1", "count": 2, "cost": 90000}]}
    })
}

fn today() -> String {
    // The sandbox dates orders by its own clock (UTC); ask it rather than compute a calendar.
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let days = secs.div_euclid(86_400);
    // Civil from days (Howard Hinnant).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Minimal valid parameters for each operation of the current API.
fn params_for(name: &str, client: &Client) -> Value {
    let order_id = || client.call("order/add", order("T-walk")).unwrap()["orderId"].clone();
    match name {
        "auth/get-token"
        | "directory/regions"
        | "directory/statuses"
        | "directory/packages"
        | "directory/post-types" => json!({}),
        "directory/cities" => json!({"regionCode": "60"}),
        "directory/branches" => json!({"regionCode": "01", "cityCode": "0109"}),
        "order/add" => order("T-add"),
        "order/edit" => {
            let mut body = order("T-edit");
            body["orderId"] = order_id();
            body
        }
        "order/detail" | "order/cancel" | "order/track" | "order/cancellation"
        | "order/sticker" => json!({"orderId": order_id()}),
        "order/stickers" => json!({"orderIds": [order_id(), order_id()]}),
        "order/list" => json!({"beginDate": today(), "endDate": today()}),
        "order/test-update-status" => json!({"orderId": order_id(), "statusCode": 200}),
        "order/calculate" => json!({"senderCityCode": "0109", "receiverCityCode": "3001",
            "pickup_type": "branch", "dropoff_type": "courier", "is_multiple_cost": 1, "weight": 2.5}),
        "webhook/config" => {
            json!({"webhook_url": "http://127.0.0.1:9/hook", "environment": "test"})
        }
        "raw" => json!({"service": "courier", "method": "GET", "route": "v1/status/index"}),
        "label/save" => json!({"orderId": order_id(), "path": scratch("walk.pdf")}),
        other => panic!("no parameters for {other}: add them to this test"),
    }
}

#[test]
fn every_current_operation_reaches_its_route_through_call() {
    let (sandbox, client) = current();
    let mut walked = 0;
    for op in OPERATIONS
        .iter()
        .filter(|op| op.endpoint(Api::Current).is_some())
    {
        let params = params_for(op.name, &client);
        sandbox.reset_counts();
        let data = client
            .call(op.name, params)
            .unwrap_or_else(|e| panic!("{}: {e:?}", op.name));
        assert!(!data.is_null(), "{}", op.name);
        let key = match op.name {
            "raw" => "current/directory/statuses".to_owned(),
            "auth/get-token" => "current/auth/login".to_owned(),
            "label/save" => "current/order/sticker".to_owned(),
            name => format!("current/{name}"),
        };
        assert_eq!(sandbox.requests(&key), 1, "{} reached {key} once", op.name);
        walked += 1;
    }
    assert!(walked >= 20, "walked {walked} operations");
}

#[test]
fn typed_methods_of_the_current_api() {
    let (_sandbox, client) = current();
    let api = client.current();
    let request: cur::OrderRequest = serde_json::from_value(order("T-typed")).unwrap();
    let created = api.order_add(&request).unwrap();
    let id = created.order_id.clone().unwrap().as_i64().unwrap();
    assert_eq!(
        created.client_id.as_ref().map(|c| c.to_string()).as_deref(),
        Some("T-typed")
    );
    let detail = api.order_detail(id).unwrap();
    assert_eq!(detail.order_id, created.order_id);
    let track = api.order_track(id).unwrap();
    assert_eq!(track.status.unwrap().code().unwrap(), cur::StatusCode(100));
    let quote = api
        .order_calculate(&serde_json::from_value(params_for("order/calculate", &client)).unwrap())
        .unwrap();
    assert!(quote.option("branch", "courier").is_some(), "{quote:?}");
    let sticker = api.order_sticker(id).unwrap();
    assert!(sticker.label_sticker.is_some());
    let regions = api.directory_regions(&Default::default()).unwrap();
    assert!(!regions.items.is_empty());
    let statuses = api.directory_statuses(&Default::default()).unwrap();
    assert!(statuses.items.len() >= 10);
    api.order_cancel(id).unwrap();
    // A legacy typed method on a current client sends nothing.
    let err = client.order_detail(id).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.message().contains("client.current()"),
        "{}",
        err.message()
    );
}

#[test]
fn an_operation_of_the_other_api_is_refused_naming_it() {
    let (sandbox, client) = current();
    let err = client
        .call("order/history", json!({"orderId": 1}))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.message().contains("legacy"), "{}", err.message());
    let (_legacy_sandbox, legacy) = common::setup();
    let err = legacy
        .call("order/sticker", json!({"orderId": 1}))
        .unwrap_err();
    assert!(err.message().contains("current"), "{}", err.message());
    assert_eq!(sandbox.requests("*"), 0, "nothing was sent");
}

#[test]
fn the_envelope_data_is_a_slice_and_failures_carry_the_code() {
    let (_sandbox, client) = current();
    let id = client.call("order/add", order("T-env")).unwrap()["orderId"].clone();
    let text = client
        .call_json("order/track", &json!({"orderId": id}).to_string())
        .unwrap();
    assert!(
        text.starts_with('{') && text.contains("\"orderId\""),
        "{text}"
    );
    assert!(!text.contains("status_code"), "data only: {text}");
    client.call("order/cancel", json!({"orderId": id})).unwrap();
    let again = client
        .call("order/cancel", json!({"orderId": id}))
        .unwrap_err();
    assert_eq!(again.code(), Some("error.already_cancelled"), "{again:?}");
    assert_eq!(again.status(), Some(400));
    let missing = client
        .call("order/detail", json!({"orderId": 999_999_999}))
        .unwrap_err();
    assert_eq!(
        (missing.kind(), missing.code()),
        (ErrorKind::Http, Some("error.not_found"))
    );
    let envelope: Value =
        serde_json::from_str(&client.call_envelope("order/detail", r#"{"orderId": 999999999}"#))
            .unwrap();
    assert_eq!(envelope["error"]["code"], "error.not_found");
    let invalid = client.call("order/add", json!({"pickup_type": "self", "dropoff_type": "courier",
        "sender": {"name": "a", "phone": "+998900000001", "address": "x"},
        "receiver": {"name": "b", "phone": "+998900000002", "city_code": "3001"},
        "cargo": {"weight": 1, "piece": 1, "postTypes": [{"name": "a name far longer than twenty characters"}]}}))
        .unwrap_err();
    assert_eq!(invalid.kind(), ErrorKind::Validation, "{invalid:?}");
    assert!(
        invalid.fields().keys().any(|k| k.starts_with("cargo.")),
        "{:?}",
        invalid.fields()
    );
}

#[test]
fn local_checks_name_nested_fields_and_send_nothing() {
    let (sandbox, client) = current();
    let err = client
        .call(
            "order/add",
            json!({"pickup_type": "self", "sender": {"name": "a"}, "cargo": {"weight": 1}}),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    for field in [
        "dropoff_type",
        "sender.phone",
        "receiver.city_code",
        "cargo.piece",
    ] {
        assert!(
            err.fields().contains_key(field),
            "{field}: {:?}",
            err.fields()
        );
    }
    let many: Vec<u32> = (1..=51).collect();
    let err = client
        .call("order/stickers", json!({"orderIds": many}))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(sandbox.requests("*"), 0);
}

#[test]
fn an_expired_token_is_refreshed_once_and_the_call_replayed() {
    let (sandbox, client) = current();
    client.call("directory/regions", json!({})).unwrap();
    assert_eq!(sandbox.requests("current/auth/login"), 1);
    sandbox.expire_access_tokens();
    client.call("directory/regions", json!({})).unwrap();
    assert_eq!(sandbox.requests("current/auth/refresh"), 1, "refreshed");
    assert_eq!(
        sandbox.requests("current/auth/login"),
        1,
        "no second password login"
    );
}

#[test]
fn a_token_about_to_expire_is_renewed_before_use() {
    let (sandbox, client) = current();
    // Tokens that live 30 s: within the minute before `exp`, so renewed before each use.
    sandbox.set_token_lifetimes(Duration::from_secs(30), Duration::from_secs(3600));
    client.call("directory/regions", json!({})).unwrap();
    sandbox.reset_counts();
    client.call("directory/regions", json!({})).unwrap();
    assert_eq!(
        sandbox.requests("current/auth/refresh"),
        1,
        "renewed before it was refused"
    );
    assert_eq!(
        sandbox.requests("current/directory/regions"),
        1,
        "no refused call first"
    );
}

#[test]
fn a_refused_refresh_falls_back_to_the_password_and_without_one_ends_as_auth() {
    let (sandbox, client) = current_with(|c| c.refresh_token = Some("not-a-refresh-token".into()));
    client.call("directory/regions", json!({})).unwrap();
    assert_eq!(sandbox.requests("current/auth/refresh"), 1);
    assert_eq!(
        sandbox.requests("current/auth/login"),
        1,
        "fell back to the password"
    );

    let (sandbox, client) = current_with(|c| {
        c.refresh_token = Some("not-a-refresh-token".into());
        c.password = Default::default();
    });
    let err = client.call("directory/regions", json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth, "{err:?}");
    assert!(!err.to_envelope().contains("not-a-refresh-token"));
    assert_eq!(sandbox.requests("current/auth/login"), 0);
}

#[test]
fn status_code_401_inside_a_200_is_an_auth_refusal() {
    let (sandbox, client) = current();
    sandbox
        .set_quirks(&json!({"auth_failure": "envelope200"}))
        .unwrap();
    client.call("directory/regions", json!({})).unwrap();
    sandbox.expire_access_tokens();
    client.call("directory/regions", json!({})).unwrap();
    assert_eq!(
        sandbox.requests("current/auth/refresh"),
        1,
        "the 200 with status_code 401 renewed the token"
    );
}

#[test]
fn the_language_header_chooses_the_messages() {
    let (_sandbox, client) = current_with(|c| c.language = "ru".into());
    let err = client
        .call(
            "order/calculate",
            json!({"senderCityCode": "0109", "receiverCityCode": "3001",
            "pickup_type": "branch", "dropoff_type": "courier", "weight": -1}),
        )
        .unwrap_err();
    let text: String = err.fields().values().flatten().cloned().collect();
    assert!(
        text.chars().any(|c| ('а'..='я').contains(&c)),
        "Russian: {text}"
    );
}

#[test]
fn webhooks_end_to_end() {
    // A receiver the sandbox posts to; what it receives goes through webhook/parse.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::{BufRead, BufReader, Read, Write};
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut headers = serde_json::Map::new();
        let mut length = 0;
        let mut first = String::new();
        reader.read_line(&mut first).unwrap();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            let (k, v) = line.trim_end().split_once(':').unwrap();
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap();
            }
            headers.insert(k.to_owned(), Value::from(v.trim()));
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let mut out = stream;
        out.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .unwrap();
        tx.send((headers, String::from_utf8(body).unwrap()))
            .unwrap();
    });
    let (_sandbox, client) = current();
    client
        .call("webhook/config", json!({"webhook_url": url, "environment": "test", "has_token": true, "itx-apiKey": "hook-k3y"}))
        .unwrap();
    let id = client.call("order/add", order("T-hook")).unwrap()["orderId"].clone();
    client
        .call(
            "order/test-update-status",
            json!({"orderId": id, "statusCode": 200}),
        )
        .unwrap();
    let (headers, body) = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("a notification");
    let content_type = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str().unwrap().to_owned())
        .unwrap();
    let event = client
        .call("webhook/parse", json!({"body": body, "content_type": content_type, "headers": headers, "key": "hook-k3y"}))
        .unwrap();
    assert_eq!(event["orderId"], id);
    assert_eq!(event["clientId"], "T-hook");
    assert_eq!(event["status"]["code"], 200);
    let typed = client
        .webhook_parse(
            &body,
            &content_type,
            &[("itx-apiKey", "wrong")],
            Some("hook-k3y"),
        )
        .unwrap_err();
    assert_eq!(typed.kind(), ErrorKind::Auth);
}

#[test]
fn through_the_c_abi() {
    let (_sandbox, client) = current();
    let config = CString::new(client_config(&client)).unwrap();
    // SAFETY (test): NUL-terminated strings; every returned string freed once.
    unsafe {
        let handle = bts::ffi::bts_client_new(config.as_ptr(), std::ptr::null_mut());
        assert!(!handle.is_null());
        let call = |op: &str, params: Value| -> Value {
            let op = CString::new(op).unwrap();
            let params = CString::new(params.to_string()).unwrap();
            let out = bts::ffi::bts_call(handle, op.as_ptr(), params.as_ptr());
            let text = CStr::from_ptr(out).to_str().unwrap().to_owned();
            bts::ffi::bts_string_free(out);
            serde_json::from_str(&text).unwrap()
        };
        for name in [
            "order/add",
            "order/sticker",
            "order/stickers",
            "order/list",
            "order/test-update-status",
            "directory/statuses",
            "directory/packages",
            "directory/post-types",
            "webhook/config",
        ] {
            let params = params_for(name, &client);
            let envelope = call(name, params);
            assert_eq!(envelope["ok"], true, "{name}: {envelope}");
        }
        let parsed = call(
            "webhook/parse",
            json!({"body": "{\"orderId\": 5, \"statusCode\": 300}"}),
        );
        assert_eq!(parsed["data"]["status"]["code"], 300);
        bts::ffi::bts_client_free(handle);
    }
}

/// The JSON configuration of a client (the sandbox's current config).
fn client_config(client: &Client) -> String {
    let c = client.config();
    json!({"courier_api": "current", "base_url": c.base_url, "login": c.login,
           "password": c.password.expose()})
    .to_string()
}

fn scratch(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("bts-current-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn stickers_are_saved_as_pdf_files_on_both_apis() {
    let (_sandbox, client) = current();
    let a = client.call("order/add", order("T-pdf-a")).unwrap()["orderId"]
        .as_i64()
        .unwrap();
    let b = client.call("order/add", order("T-pdf-b")).unwrap()["orderId"]
        .as_i64()
        .unwrap();
    let one = client.save_order_label(a, scratch("one.pdf")).unwrap();
    let many = client.save_stickers(&[a, b], scratch("many.pdf")).unwrap();
    for saved in [&one, &many] {
        let bytes = std::fs::read(&saved.path).unwrap();
        assert_eq!(bytes.len(), saved.bytes);
        assert!(bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"));
    }
    let err = client
        .save_stickers(&(1..=51).collect::<Vec<_>>(), scratch("x.pdf"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);

    // The legacy API's labelEncode keeps working the same way.
    let (_legacy_sandbox, legacy) = common::setup();
    let id = legacy.call("order/add", common::order()).unwrap()["orderId"]
        .as_i64()
        .unwrap();
    let saved = legacy.save_order_label(id, scratch("legacy.pdf")).unwrap();
    assert_eq!(saved.source, "labelEncode");
    assert!(std::fs::read(&saved.path).unwrap().starts_with(b"%PDF-"));
    let err = legacy
        .save_stickers(&[id], scratch("legacy-many.pdf"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}
