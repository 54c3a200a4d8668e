//! `bts webhook listen` end to end: the CLI registers its own listener with the current API's
//! `webhook/config`, moves an order with `order/test-update-status`, and the sandbox's
//! notification comes out of the listener parsed; a forged one is refused with 401.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

use bts_sandbox::Sandbox;
use common::*;
use serde_json::Value;

#[test]
fn webhook_listen_prints_each_notification_parsed() {
    let sandbox = Sandbox::start();
    let config = TempFile::with("current.json", &sandbox.current_config_json());
    let mut listener = bts()
        .args([
            "webhook", "listen", "--port", "0", "--key", "hook-k3y", "--count", "3",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bts webhook listen starts");
    let mut stderr = BufReader::new(listener.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).expect("the listening line");
    let url = first
        .trim()
        .strip_prefix("bts: listening on ")
        .unwrap_or_else(|| panic!("{first:?}"))
        .to_owned();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let hook = format!("{url}hook");

    let cli = |args: &[&str]| json_line(&run(bts().arg("--config").arg(config.arg()).args(args)));
    cli(&[
        "webhook/config",
        &format!("webhook_url={hook}"),
        "environment=test",
        "has_token=true",
        "itx-apiKey=hook-k3y",
    ]);
    let mut args = vec!["order/add", "clientId=T-hook-cli"];
    args.extend_from_slice(CURRENT_ORDER_ARGS);
    let order = cli(&args);
    let id = order["orderId"]
        .as_i64()
        .unwrap_or_else(|| panic!("{order}"));
    cli(&[
        "order/test-update-status",
        &format!("orderId={id}"),
        "statusCode=200",
    ]);
    let deliveries = sandbox.wait_webhook_deliveries(1, Duration::from_secs(10));
    assert_eq!(deliveries.len(), 1, "{deliveries:?}");
    assert_eq!(deliveries[0].http_status, Some(200), "{:?}", deliveries[0]);

    // A forged notification (wrong key) and a GET: 401 and 405, the listener goes on.
    let forged = post(
        &addr,
        "itx-apiKey: wrong\r\n",
        r#"{"orderId":5,"statusCode":300}"#,
    );
    assert!(forged.starts_with("HTTP/1.1 401"), "{forged}");
    let get = exchange(&addr, "GET /hook HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(get.starts_with("HTTP/1.1 405"), "{get}");
    // A JSON notification with the key, chunked.
    let body = r#"{"orderId":7,"clientId":"C-7","status":{"code":300,"name":"x"}}"#;
    let chunked = exchange(
        &addr,
        &format!(
            "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nitx-apiKey: hook-k3y\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
            body.len()
        ),
    );
    assert!(chunked.starts_with("HTTP/1.1 200"), "{chunked}");

    let status = wait(&mut listener);
    let mut out = String::new();
    listener
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert_eq!(
        status,
        Some(0),
        "stops after --count 3 POSTs; stderr: {rest}"
    );
    let events: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 2, "{out}");
    assert_eq!(events[0]["orderId"], id);
    assert_eq!(events[0]["clientId"], "T-hook-cli");
    assert_eq!(events[0]["status"]["code"], 200);
    assert_eq!(events[1]["orderId"], 7);
    assert_eq!(events[1]["status"]["code"], 300);
    assert!(rest.starts_with("bts: auth: "), "the forged one: {rest}");
    assert!(!rest.contains("hook-k3y"), "the key is never printed");
}

#[test]
fn webhook_usage_errors() {
    for args in [
        &["webhook"][..],
        &["webhook", "talk"][..],
        &["webhook", "listen"][..],
        &["webhook", "listen", "--port", "x"][..],
        &["webhook", "listen", "--port", "0", "--pretty"][..],
    ] {
        let r = run(bts().args(args));
        assert_fails(&r, 2, "bts: ");
    }
}

fn post(addr: &str, headers: &str, body: &str) -> String {
    exchange(
        addr,
        &format!(
            "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    )
}

/// Sends a raw request and reads the answer to the end (the listener closes).
fn exchange(addr: &str, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("the listener accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

/// Waits up to 10 s for the child, killing it after that.
fn wait(child: &mut std::process::Child) -> Option<i32> {
    for _ in 0..1000 {
        if let Ok(Some(status)) = child.try_wait() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}
