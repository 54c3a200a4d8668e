//! Logs for every host: one JSON line per HTTP exchange, the request id sent to BTS as
//! `X-Request-Id` and returned in every error envelope, and never a password or a token.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use bts::{Client, Config, ErrorKind};
use serde_json::{json, Value};

fn lines(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("bts-logging-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

#[test]
fn one_line_per_exchange_and_no_secret() {
    let log = scratch("calls.log");
    let (sandbox, client) = common::setup_with(|c| c.log = Some(log.to_string_lossy().into()));
    let id = client.call("order/add", common::order()).unwrap()["orderId"].clone();
    client.call("order/detail", json!({"orderId": id})).unwrap();
    sandbox.inject("order/track", bts_sandbox::Fault::yii(503), 1);
    client.call("order/track", json!({"orderId": id})).unwrap();
    let missing = client
        .call("order/detail", json!({"orderId": 987654321}))
        .unwrap_err();

    let logged = lines(&log);
    // login, add, detail, track ×2 (a 503 then the retry), detail.
    assert_eq!(logged.len(), 6, "{logged:#?}");
    for line in &logged {
        for key in [
            "time",
            "request_id",
            "operation",
            "method",
            "url",
            "status",
            "attempt",
            "ms",
            "bytes",
            "sent",
        ] {
            assert!(line.get(key).is_some(), "{key} in {line}");
        }
    }
    let track: Vec<&Value> = logged
        .iter()
        .filter(|l| l["operation"] == "order/track")
        .collect();
    assert_eq!(track.len(), 2);
    assert_eq!(
        (track[0]["status"].as_u64(), track[0]["attempt"].as_u64()),
        (Some(503), Some(1))
    );
    assert_eq!(
        (track[1]["status"].as_u64(), track[1]["attempt"].as_u64()),
        (Some(200), Some(2))
    );
    assert_eq!(
        track[0]["request_id"], track[1]["request_id"],
        "one id per call"
    );
    assert_ne!(track[0]["request_id"], logged[1]["request_id"]);
    // The error envelope quotes the id of its call's exchange.
    let quoted = missing.request_id().expect("a request id");
    assert_eq!(logged.last().unwrap()["request_id"], quoted);
    let envelope: Value = serde_json::from_str(&missing.to_envelope()).unwrap();
    assert_eq!(envelope["error"]["request_id"], quoted);

    let text = std::fs::read_to_string(&log).unwrap();
    let password = client.config().password.expose().to_owned();
    assert!(!text.contains(&password), "the password reached the log");
    assert!(!text.contains("Bearer"), "a token reached the log");
}

#[test]
fn a_preset_token_and_a_refused_login_never_reach_the_log() {
    let log = scratch("refused.log");
    let (_sandbox, client) = common::setup_with(|c| {
        c.log = Some(log.to_string_lossy().into());
        c.token = Some("tok-SECRET-9f8e7d6c5b4a".into());
        c.password = "pw-SECRET-1a2b3c4d".into();
    });
    // The preset token is refused, the login with the wrong password too.
    let err = client
        .call("order/detail", json!({"orderId": 1}))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(!text.is_empty());
    for secret in ["tok-SECRET-9f8e7d6c5b4a", "pw-SECRET-1a2b3c4d"] {
        assert!(!text.contains(secret), "{secret} reached the log:\n{text}");
    }

    // A caller who puts a secret into a query of their own: cut out of the logged URL.
    let log = scratch("query.log");
    let (_sandbox, client) = common::setup_with(|c| c.log = Some(log.to_string_lossy().into()));
    let password = client.config().password.expose().to_owned();
    client
        .call("raw", json!({"service": "courier", "method": "GET", "route": "v1/directory/regions", "query": {"note": password}}))
        .unwrap();
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        !text.contains(&password),
        "the password reached the log:\n{text}"
    );
    assert!(
        text.contains("note=***"),
        "the secret in a caller's query is cut out:\n{text}"
    );
}

#[test]
fn the_request_id_goes_to_bts_as_x_request_id() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut id = None;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("x-request-id:") {
                id = Some(v.trim().to_owned());
            }
        }
        let mut sink = [0u8; 0];
        let _ = reader.read(&mut sink);
        let mut out = stream;
        out.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
            .unwrap();
        id
    });
    let client = Client::new(Config {
        base_url: format!("{base}/index.php"),
        token: Some("t0ken-for-the-test".into()),
        ..Default::default()
    })
    .unwrap();
    let err = client
        .call("order/detail", json!({"orderId": 5}))
        .unwrap_err();
    let sent = seen.join().unwrap().expect("an X-Request-Id header");
    assert_eq!(Some(sent.as_str()), err.request_id());
}
