//! The HTTP server, fault injection, counts and the control API.

mod common;

use bts_sandbox::{Fault, Sandbox};
use common::*;
use serde_json::{json, Value};
use std::io::{ErrorKind, Read};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn add_order(conn: &mut Conn, token: &str) -> std::io::Result<Resp> {
    let auth = format!("Bearer {token}");
    let body = order_body().to_string();
    conn.request(
        "POST",
        &courier("order/add", ""),
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        Some(body.as_bytes()),
    )
}

/// How many orders exist: the next order id minus the first.
fn orders_created(sb: &Sandbox, token: &str) -> i64 {
    let r = post(sb, &courier("order/add", ""), Some(token), &order_body());
    r.json()["orderId"].as_i64().unwrap() - 229_234
}

/// Reads until EOF or error: (bytes read, error kind if any).
fn drain(stream: &mut TcpStream) -> (Vec<u8>, Option<ErrorKind>) {
    let mut got = Vec::new();
    let mut tmp = [0u8; 4096];
    loop {
        match stream.read(&mut tmp) {
            Ok(0) => return (got, None),
            Ok(n) => got.extend_from_slice(&tmp[..n]),
            Err(e) => return (got, Some(e.kind())),
        }
    }
}

#[test]
fn keep_alive_many_requests_one_connection() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    let auth = format!("Bearer {t}");
    let mut c = Conn::open(sb.addr());
    for _ in 0..200 {
        let r = c
            .request(
                "GET",
                &courier("directory/regions", ""),
                &[("Authorization", &auth)],
                None,
            )
            .unwrap();
        assert_eq!(r.status, 200);
    }
    // Pipelined: two requests in one write.
    let one = format!(
        "GET {} HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\n\r\n",
        courier("directory/regions", "")
    );
    c.raw(format!("{one}{one}").as_bytes()).unwrap();
    assert_eq!(c.read_response(false).unwrap().status, 200);
    assert_eq!(c.read_response(false).unwrap().status, 200);
    // HEAD: headers only, with the length of the GET body.
    let r = c
        .request(
            "HEAD",
            &courier("directory/regions", ""),
            &[("Authorization", &auth)],
            None,
        )
        .unwrap();
    assert_eq!(r.status, 200);
    assert!(
        r.header("Content-Length")
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 10
    );
    assert_eq!(sb.requests("directory/regions"), 203);
    // Connection: close is honoured.
    let r = c
        .request(
            "GET",
            &courier("directory/regions", ""),
            &[("Authorization", &auth), ("Connection", "close")],
            None,
        )
        .unwrap();
    assert_eq!(r.header("Connection"), Some("close"));
    let (rest, _) = drain(&mut c.stream);
    assert!(rest.is_empty());
}

#[test]
fn chunked_and_expect_continue_bodies() {
    let sb = Sandbox::start();
    let mut c = Conn::open(sb.addr());
    let body = json!({"username":"demo","password":"demo-secret","inn":"123456789"}).to_string();
    let (a, b) = body.split_at(10);
    let req = format!(
        "POST /index.php?r=v1/auth/get-token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n",
        a.len(),
        b.len()
    );
    // Sent in small pieces.
    for piece in req.as_bytes().chunks(7) {
        c.raw(piece).unwrap();
        std::thread::sleep(Duration::from_millis(1));
    }
    let r = c.read_response(false).unwrap();
    assert_eq!(r.status, 200, "{}", r.text());

    // Expect: 100-continue gets an interim 100 before the body is sent.
    let head = format!(
        "POST /index.php?r=v1/auth/get-token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        body.len()
    );
    c.raw(head.as_bytes()).unwrap();
    let mut interim = [0u8; 25];
    c.stream.read_exact(&mut interim).unwrap();
    assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    c.raw(body.as_bytes()).unwrap();
    let r = c.read_response(false).unwrap();
    assert_eq!(r.status, 200);

    // A malformed request line: 400 and close.
    let mut c = Conn::open(sb.addr());
    c.raw(b"NONSENSE\r\n\r\n").unwrap();
    let r = c.read_response(false).unwrap();
    assert_eq!(r.status, 400);
}

#[test]
fn fault_status_body_oversize_unauthorized_are_not_processed() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    let mut c = Conn::open(sb.addr());

    sb.inject(
        "order/add",
        Fault::Status {
            status: 503,
            body: "{\"busy\":true}".into(),
            headers: vec![("Retry-After".into(), "1".into())],
        },
        2,
    );
    for _ in 0..2 {
        let r = add_order(&mut c, &t).unwrap();
        assert_eq!(r.status, 503);
        assert_eq!(r.header("Retry-After"), Some("1"));
        assert_eq!(
            r.header("Content-Type"),
            Some("application/json; charset=UTF-8")
        );
        assert_eq!(r.text(), "{\"busy\":true}");
    }
    sb.inject(
        "order/add",
        Fault::Body {
            status: 502,
            content_type: "text/html".into(),
            body: b"<html>Bad gateway</html>".to_vec(),
        },
        1,
    );
    let r = add_order(&mut c, &t).unwrap();
    assert_eq!(r.status, 502);
    assert_eq!(r.header("Content-Type"), Some("text/html"));
    assert_eq!(r.text(), "<html>Bad gateway</html>");
    sb.inject(
        "order/add",
        Fault::Body {
            status: 200,
            content_type: String::new(),
            body: Vec::new(),
        },
        1,
    );
    let r = add_order(&mut c, &t).unwrap();
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(r.header("Content-Type"), None);

    sb.inject("order/add", Fault::Oversize(100_000), 1);
    let r = add_order(&mut c, &t).unwrap();
    assert_eq!(r.status, 200);
    assert!((99_000..=101_000).contains(&r.body.len()));
    assert!(r.json().is_object());

    sb.inject("order/add", Fault::Unauthorized, 1);
    let r = add_order(&mut c, &t).unwrap();
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["type"], "yii\\web\\UnauthorizedHttpException");

    sb.inject("order/add", Fault::yii(500), 1);
    let r = add_order(&mut c, &t).unwrap();
    assert_eq!(r.status, 500);
    assert_eq!(r.json()["name"], "Internal Server Error");

    // None of those created an order; every one was counted.
    assert_eq!(sb.requests("order/add"), 7);
    assert_eq!(orders_created(&sb, &t), 0);
}

#[test]
fn fault_delay_processes_after_waiting() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    sb.inject("order/add", Fault::Delay(Duration::from_millis(200)), 1);
    let start = Instant::now();
    let r = add_order(&mut Conn::open(sb.addr()), &t).unwrap();
    assert!(start.elapsed() >= Duration::from_millis(190));
    assert_eq!(r.status, 200);
    assert_eq!(orders_created(&sb, &t), 1);
}

#[test]
fn fault_stall_processes_then_closes_silently() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    sb.inject("order/add", Fault::Stall(Duration::from_millis(200)), 1);
    let mut c = Conn::open(sb.addr());
    let start = Instant::now();
    add_order_send(&mut c, &t);
    let (got, _) = drain(&mut c.stream);
    assert!(got.is_empty());
    assert!(start.elapsed() >= Duration::from_millis(190));
    // Processed: the order exists.
    assert_eq!(orders_created(&sb, &t), 1);
}

fn add_order_send(c: &mut Conn, token: &str) {
    let auth = format!("Bearer {token}");
    let body = order_body().to_string();
    c.send(
        "POST",
        &courier("order/add", ""),
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        Some(body.as_bytes()),
    )
    .unwrap();
}

#[test]
fn fault_reset_processes_then_resets() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    // A kept-alive connection that was idle when the fault was injected.
    let mut c = Conn::open(sb.addr());
    let auth = format!("Bearer {t}");
    let r = c
        .request(
            "GET",
            &courier("directory/regions", ""),
            &[("Authorization", &auth)],
            None,
        )
        .unwrap();
    assert_eq!(r.status, 200);
    sb.inject("order/add", Fault::Reset, 1);
    add_order_send(&mut c, &t);
    let (got, err) = drain(&mut c.stream);
    assert!(got.is_empty(), "{}", String::from_utf8_lossy(&got));
    assert_eq!(
        err,
        Some(ErrorKind::ConnectionReset),
        "expected a TCP reset"
    );
    assert_eq!(orders_created(&sb, &t), 1);
    // The next request on a new connection is normal.
    assert_eq!(
        add_order(&mut Conn::open(sb.addr()), &t).unwrap().status,
        200
    );
}

#[test]
fn fault_reset_mid_body_and_truncated_process() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    sb.inject("order/add", Fault::ResetMidBody, 1);
    let mut c = Conn::open(sb.addr());
    add_order_send(&mut c, &t);
    match c.read_response(false) {
        Ok(r) => panic!("expected a broken response, got {}", r.status),
        Err(e) => assert!(
            matches!(
                e.kind(),
                ErrorKind::ConnectionReset | ErrorKind::UnexpectedEof
            ),
            "{e}"
        ),
    }

    sb.inject("order/add", Fault::Truncated, 1);
    let mut c = Conn::open(sb.addr());
    add_order_send(&mut c, &t);
    let (got, err) = drain(&mut c.stream);
    assert_eq!(err, None);
    let text = String::from_utf8_lossy(&got);
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK"));
    let cl: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(body.len(), cl / 2);
    assert!(body.starts_with("{\"orderId\":229235"));
    assert_eq!(orders_created(&sb, &t), 2);
}

#[test]
fn fault_matching_counts_and_clear() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    sb.reset_counts();
    sb.inject("*", Fault::yii(503), 2);
    sb.inject("order/detail", Fault::yii(429), 1);
    let regions = || get(&sb, &courier("directory/regions", ""), Some(&t)).status;
    assert_eq!(regions(), 503);
    assert_eq!(
        get(&sb, &courier("order/detail", "id=1"), Some(&t)).status,
        503
    );
    assert_eq!(
        get(&sb, &courier("order/detail", "id=1"), Some(&t)).status,
        429
    );
    assert_eq!(
        get(&sb, &courier("order/detail", "id=1"), Some(&t)).status,
        404
    );
    assert_eq!(regions(), 200);
    assert_eq!(sb.requests("directory/regions"), 2);
    assert_eq!(sb.requests("order/detail"), 3);
    assert_eq!(sb.requests("*"), 5);
    get(&sb, "/nowhere", None);
    assert_eq!(sb.requests("*"), 6);

    sb.inject("directory/regions", Fault::Reset, 3);
    sb.inject("directory/regions", Fault::yii(500), 0);
    sb.clear_faults();
    assert_eq!(regions(), 200);
    sb.reset_counts();
    assert_eq!(sb.requests("*"), 0);
    assert_eq!(sb.requests("directory/regions"), 0);
}

#[test]
#[should_panic(expected = "unknown route key")]
fn inject_rejects_unknown_route_keys() {
    Sandbox::start().inject("order/teleport", Fault::Reset, 1);
}

#[test]
fn control_api() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    let ctl = |path: &str, body: Value| post(&sb, &format!("/__sandbox/{path}"), None, &body);

    let r = ctl(
        "fault",
        json!({"route": "order/detail", "fault": {"kind": "status", "status": 503, "body": "down", "headers": {"Retry-After": "2"}}, "times": 1}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["ok"], true);
    let r = get(&sb, &courier("order/detail", "id=1"), Some(&t));
    assert_eq!(
        (r.status, r.text().as_str(), r.header("Retry-After")),
        (503, "down", Some("2"))
    );
    assert_eq!(
        ctl(
            "fault",
            json!({"route": "order/teleport", "fault": {"kind": "reset"}})
        )
        .status,
        400
    );
    assert_eq!(
        ctl(
            "fault",
            json!({"route": "*", "fault": {"kind": "teleport"}})
        )
        .status,
        400
    );

    ctl(
        "fault",
        json!({"route": "*", "fault": {"kind": "unauthorized"}, "times": 5}),
    );
    assert_eq!(ctl("clear-faults", json!({})).json(), json!({"ok": true}));
    assert_eq!(
        get(&sb, &courier("directory/regions", ""), Some(&t)).status,
        200
    );

    let counts = get(&sb, "/__sandbox/counts", None).json();
    assert_eq!(counts["order/detail"], 1);
    assert_eq!(counts["directory/regions"], 1);
    assert_eq!(counts["auth/get-token"], 1);
    assert_eq!(counts["*"], 3);
    ctl("reset-counts", json!({}));
    assert_eq!(get(&sb, "/__sandbox/counts", None).json(), json!({"*": 0}));

    ctl("expire-tokens", json!({}));
    assert_eq!(
        get(&sb, &courier("directory/regions", ""), Some(&t)).status,
        401
    );
    let t = courier_token(&sb);

    post(&sb, &courier("order/add", ""), Some(&t), &order_body());
    let r = ctl("order-status", json!({"orderId": 229234, "status": 5}));
    assert_eq!(r.json()["ok"], true);
    assert_eq!(
        get(&sb, &courier("order/track", "id=229234"), Some(&t)).json()["status"]["name"],
        "out_for_delivery"
    );
    assert_eq!(
        ctl("order-status", json!({"orderId": 1, "status": 5})).status,
        404
    );

    let mut p = json!({"ParcelNumber": "P1", "ReceiverPhone": "1", "ReceiverSurname": "S", "ReceiverFirstName": "F",
        "ReceiverPassposrtSerial": "AA", "ReceiverPassposrtNumber": "1", "ReceiverPinfl": "1", "ParcelWeight": 1,
        "ParcelDeclareCurrency": "USD", "ReceiverDelivery": 1});
    let barcode =
        post(&sb, &courier("international/add", ""), Some(&t), &p).json()["barcode"].clone();
    p = json!({"barcode": barcode, "code": 500});
    assert_eq!(ctl("international-status", p).json()["ok"], true);
    let r = get(
        &sb,
        &courier("international/track-by-barcode", "barcode=P1"),
        Some(&t),
    )
    .json();
    assert_eq!(r["status"], json!({"code": 500, "message": "Delivered"}));

    assert_eq!(
        ctl("seed-wms", json!({"kind": "purveyor", "n": 30})).json()["ok"],
        true
    );
    let w = wms_token(&sb);
    let l = get(&sb, "/v1/purveyor/clients?page=2", Some(&w)).json();
    assert_eq!(l["data"]["_meta"]["totalCount"], 31);
    assert_eq!(l["data"]["items"].as_array().unwrap().len(), 11);
    assert_eq!(ctl("seed-wms", json!({"kind": "nope", "n": 1})).status, 400);

    assert_eq!(ctl("token-ttl", json!({"ms": 1})).json()["ok"], true);
    std::thread::sleep(Duration::from_millis(5));
    assert_eq!(get(&sb, "/v1/purveyor/clients", Some(&w)).status, 401);
    ctl("token-ttl", json!({"ms": null}));
    assert_eq!(get(&sb, "/v1/purveyor/clients", Some(&w)).status, 200);

    assert_eq!(get(&sb, "/__sandbox/fault", None).status, 405);
    assert_eq!(get(&sb, "/__sandbox/nothing", None).status, 404);
    // Control requests are not counted.
    let counts = get(&sb, "/__sandbox/counts", None).json();
    assert_eq!(counts["*"], 10);
}

#[test]
fn control_api_reset_fault_over_http() {
    let sb = Sandbox::start();
    let t = courier_token(&sb);
    post(
        &sb,
        "/__sandbox/fault",
        None,
        &json!({"route": "order/add", "fault": {"kind": "reset"}}),
    );
    let mut c = Conn::open(sb.addr());
    add_order_send(&mut c, &t);
    let (got, err) = drain(&mut c.stream);
    assert!(got.is_empty());
    assert_eq!(err, Some(ErrorKind::ConnectionReset));
    assert_eq!(orders_created(&sb, &t), 1);
}

#[test]
fn drop_stops_the_server_promptly() {
    let sb = Sandbox::start();
    let addr = sb.addr();
    let mut idle = TcpStream::connect(addr).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    sb.inject("*", Fault::Stall(Duration::from_secs(60)), 1);
    let mut stalled = Conn::open(addr);
    stalled
        .send("GET", &courier("directory/regions", ""), &[], None)
        .unwrap();
    std::thread::sleep(Duration::from_millis(50));
    let start = Instant::now();
    drop(sb);
    assert!(start.elapsed() < Duration::from_secs(2));
    let (got, _) = drain(&mut idle);
    assert!(got.is_empty());
    let (got, _) = drain(&mut stalled.stream);
    assert!(got.is_empty());
    assert!(start.elapsed() < Duration::from_secs(3));
}

#[test]
fn sandbox_is_send_and_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<Sandbox>();
    check::<Fault>();
}

#[test]
fn urls_and_config() {
    let sb = Sandbox::start();
    let port = sb.addr().port();
    assert_eq!(sb.base_url(), format!("http://127.0.0.1:{port}/index.php"));
    assert_eq!(sb.wms_base_url(), format!("http://127.0.0.1:{port}"));
    let cfg: Value = serde_json::from_str(&sb.config_json()).unwrap();
    assert_eq!(
        cfg,
        json!({
            "base_url": sb.base_url(), "wms_base_url": sb.wms_base_url(),
            "username": "demo", "password": "demo-secret", "inn": "123456789",
            "wms_login": "demo", "wms_password": "demo-wms-secret"
        })
    );
    assert!(sb.config_json().starts_with("{\"base_url\":"));
    let any = Sandbox::start_on("0.0.0.0:0").unwrap();
    assert!(any.base_url().starts_with("http://127.0.0.1:"));
    assert!(Sandbox::start_on("256.0.0.1:1").is_err());
}
