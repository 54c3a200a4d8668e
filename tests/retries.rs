//! Retries and timeouts: reads survive transient failures, writes are never sent twice once
//! they may have reached the server, and every call ends within `timeout_ms`.

mod common;

use std::time::{Duration, Instant};

use bts::{Client, Config, ErrorKind};
use bts_sandbox::Fault;
use common::{order, setup, setup_with};
use serde_json::json;

fn status(code: u16, retry_after: Option<&str>) -> Fault {
    Fault::Status {
        status: code,
        body: r#"{"name":"Service Unavailable","message":"down","code":0,"status":503}"#.into(),
        headers: retry_after
            .map(|v| vec![("Retry-After".into(), v.into())])
            .unwrap_or_default(),
    }
}

#[test]
fn a_read_survives_a_503_then_succeeds() {
    let (sandbox, client) = setup();
    client.auth_get_token().unwrap();
    sandbox.inject("directory/regions", status(503, None), 1);
    client.call("directory/regions", json!({})).unwrap();
    assert_eq!(sandbox.requests("directory/regions"), 2);
}

#[test]
fn a_read_gives_up_after_max_retries() {
    let (sandbox, client) = setup_with(|c| c.max_retries = 2);
    client.auth_get_token().unwrap();
    sandbox.inject("directory/regions", status(502, None), 10);
    let err = client.call("directory/regions", json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Http);
    assert_eq!(err.status(), Some(502));
    assert_eq!(
        sandbox.requests("directory/regions"),
        3,
        "one try and two retries"
    );
}

#[test]
fn retry_after_is_honoured() {
    let (sandbox, client) = setup();
    client.auth_get_token().unwrap();
    sandbox.inject("directory/regions", status(429, Some("1")), 1);
    let started = Instant::now();
    client.call("directory/regions", json!({})).unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(sandbox.requests("directory/regions"), 2);
}

#[test]
fn retry_after_past_the_deadline_returns_at_once() {
    let (sandbox, client) = setup_with(|c| c.timeout_ms = 2000);
    client.auth_get_token().unwrap();
    sandbox.inject("directory/regions", status(503, Some("30")), 1);
    let started = Instant::now();
    let err = client.call("directory/regions", json!({})).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.kind(), ErrorKind::Http);
    assert_eq!(err.status(), Some(503));
    assert_eq!(sandbox.requests("directory/regions"), 1);
}

#[test]
fn a_write_that_got_a_503_is_reported_and_sent_once() {
    let (sandbox, client) = setup();
    client.auth_get_token().unwrap();
    sandbox.inject("order/add", status(503, Some("0")), 1);
    let err = client.call("order/add", order()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Http);
    assert_eq!(err.status(), Some(503));
    assert!(err.may_have_reached_server());
    assert_eq!(sandbox.requests("order/add"), 1);
}

#[test]
fn a_write_that_timed_out_is_reported_and_sent_once() {
    let (sandbox, client) = setup_with(|c| c.timeout_ms = 600);
    client.auth_get_token().unwrap();
    sandbox.inject("order/add", Fault::Stall(Duration::from_millis(2000)), 1);
    let started = Instant::now();
    let err = client.call("order/add", order()).unwrap_err();
    let took = started.elapsed();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(
        took < Duration::from_millis(900),
        "bounded by timeout_ms: {took:?}"
    );
    assert_eq!(sandbox.requests("order/add"), 1);
}

#[test]
fn a_write_reset_mid_body_is_not_replayed() {
    let (sandbox, client) = setup();
    client.auth_get_token().unwrap();
    sandbox.inject("order/add", Fault::ResetMidBody, 1);
    let err = client.call("order/add", order()).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Network | ErrorKind::Decode),
        "{err:?}"
    );
    assert!(err.may_have_reached_server());
    assert_eq!(sandbox.requests("order/add"), 1);
}

#[test]
fn a_stalled_read_times_out_within_the_bound_retries_included() {
    let (sandbox, client) = setup_with(|c| {
        c.timeout_ms = 700;
        c.max_retries = 5;
    });
    client.auth_get_token().unwrap();
    sandbox.inject(
        "directory/regions",
        Fault::Stall(Duration::from_secs(5)),
        10,
    );
    let started = Instant::now();
    let err = client.call("directory/regions", json!({})).unwrap_err();
    let took = started.elapsed();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(
        took >= Duration::from_millis(650) && took < Duration::from_millis(1000),
        "{took:?}"
    );
}

#[test]
fn a_read_after_a_reset_is_retried() {
    let (sandbox, client) = setup();
    client.auth_get_token().unwrap();
    sandbox.inject("directory/regions", Fault::Reset, 1);
    client.call("directory/regions", json!({})).unwrap();
    assert_eq!(sandbox.requests("directory/regions"), 2);
}

#[test]
fn connection_refused_is_network_and_bounded() {
    // A port nothing listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(Config {
        base_url: format!("http://127.0.0.1:{port}/index.php"),
        token: Some("t0ken-t0ken".into()),
        timeout_ms: 3000,
        ..Default::default()
    })
    .unwrap();
    let started = Instant::now();
    let err = client.call("order/add", order()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network);
    assert!(!err.may_have_reached_server());
    assert!(started.elapsed() < Duration::from_secs(3));
    let err = client
        .call("order/detail", json!({"orderId": 1}))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network);
}

#[test]
fn a_body_over_the_limit_is_decode() {
    let (sandbox, client) = setup_with(|c| c.max_response_bytes = 64 * 1024);
    client.auth_get_token().unwrap();
    sandbox.inject("directory/regions", Fault::Oversize(256 * 1024), 1);
    let err = client.call("directory/regions", json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
}
