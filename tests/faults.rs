//! The fault matrix: for a read (`order/detail`) and a write (`order/add`), every failure a
//! BTS server or the network can produce. Each case asserts the outcome (the envelope kind, or
//! success after a retry), that the call returned within its time bound, and how many requests
//! the sandbox received: reads retried as the retry rules say, writes never sent twice once they may
//! have arrived. The README's fault table is rendered from this table and checked against it.

mod common;
#[path = "common/net.rs"]
mod net;

use std::time::{Duration, Instant};

use bts::{Client, Config, ErrorKind};
use bts_sandbox::{Fault, Sandbox};
use serde_json::{json, Value};

const TIMEOUT_MS: u64 = 1500;
const STALL_TIMEOUT_MS: u64 = 600;
const LIMIT: u64 = 64 * 1024;

/// What a call must end with.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// Success (after retries or a re-login, when `requests` > 1).
    Ok,
    /// An error of this kind.
    Err(ErrorKind),
}

struct Case {
    name: &'static str,
    fault: fn() -> Option<Fault>,
    /// The fault hits this many requests in a row.
    times: usize,
    read: (Expect, usize),
    write: (Expect, usize),
    why: &'static str,
}

fn status(code: u16, body: &str, headers: &[(&str, &str)]) -> Fault {
    Fault::Status {
        status: code,
        body: body.into(),
        headers: headers
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect(),
    }
}

fn raw(code: u16, content_type: &str, body: &str) -> Fault {
    Fault::Body {
        status: code,
        content_type: content_type.into(),
        body: body.as_bytes().to_vec(),
    }
}

const YII_500: &str = r#"{"name":"Internal Server Error","message":"An internal server error occurred.","code":0,"status":500,"type":"yii\\web\\HttpException"}"#;
const HTML: &str = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

/// Rows whose cause is the host, not the server: each has its own runner (see `setting`).
const VIA_PROXY: &str = "through the configured `proxy`";
const CGI_PROXY: &str = "`HTTP_PROXY` set in a CGI request";
const TLS_NO_CA: &str = "TLS intercepted, no `ca_file`";
const TLS_CA: &str = "TLS intercepted, its root in `ca_file`";
const FORKED: &str = "after `fork()`, parent and child calling at once";

use ErrorKind::*;
use Expect::{Err as E, Ok as OK};

const CASES: &[Case] = &[
    Case {
        name: "connection refused",
        fault: || None,
        times: 0,
        read: (E(Network), 0),
        write: (E(Network), 0),
        why: "nothing listens; both retried (nothing was sent), then network",
    },
    Case {
        name: "reset before the response",
        fault: || Some(Fault::Reset),
        times: 1,
        read: (OK, 2),
        write: (E(Network), 1),
        why: "the server did the work then reset: a read is retried, a write is not",
    },
    Case {
        name: "reset in the middle of the body",
        fault: || Some(Fault::ResetMidBody),
        times: 1,
        read: (OK, 2),
        write: (E(Network), 1),
        why: "as above, after half the body",
    },
    Case {
        name: "stalled past the timeout",
        fault: || Some(Fault::Stall(Duration::from_secs(3))),
        times: 1,
        read: (E(Timeout), 1),
        write: (E(Timeout), 1),
        why: "the whole budget is spent waiting; no time is left to retry",
    },
    Case {
        name: "429 with Retry-After",
        fault: || {
            Some(status(
                429,
                r#"{"message":"slow down"}"#,
                &[("Retry-After", "0")],
            ))
        },
        times: 1,
        read: (OK, 2),
        write: (E(Http), 1),
        why: "a read waits and retries; a write is reported",
    },
    Case {
        name: "500",
        fault: || Some(status(500, YII_500, &[])),
        times: 1,
        read: (OK, 2),
        write: (E(Http), 1),
        why: "BTS's error table says \"try again later\": a read is retried, a write is not",
    },
    Case {
        name: "500 carrying `errors`",
        fault: || {
            Some(status(
                500,
                r#"{"errors":{"receiverCityId":["Shahar topilmadi."]}}"#,
                &[],
            ))
        },
        times: 1,
        read: (E(Validation), 1),
        write: (E(Validation), 1),
        why: "field errors are an answer, not a hiccup: never retried",
    },
    Case {
        name: "502",
        fault: || Some(status(502, "{}", &[])),
        times: 1,
        read: (OK, 2),
        write: (E(Http), 1),
        why: "transient: a read is retried",
    },
    Case {
        name: "503",
        fault: || Some(status(503, "{}", &[])),
        times: 1,
        read: (OK, 2),
        write: (E(Http), 1),
        why: "transient: a read is retried",
    },
    Case {
        name: "HTML error page (502)",
        fault: || Some(raw(502, "text/html", HTML)),
        times: 1,
        read: (OK, 2),
        write: (E(Http), 1),
        why: "the status decides; the HTML body is kept in `body`",
    },
    Case {
        name: "malformed JSON",
        fault: || Some(raw(200, "application/json", "{\"orderId\": 229234,, }")),
        times: 1,
        read: (E(Decode), 1),
        write: (E(Decode), 1),
        why: "a 200 whose body is not JSON",
    },
    Case {
        name: "truncated JSON",
        fault: || {
            Some(raw(
                200,
                "application/json",
                "{\"orderId\": 229234, \"status\": {\"id\"",
            ))
        },
        times: 1,
        read: (E(Decode), 1),
        write: (E(Decode), 1),
        why: "complete HTTP, cut JSON",
    },
    Case {
        name: "empty body",
        fault: || Some(raw(200, "application/json", "")),
        times: 1,
        read: (E(Decode), 1),
        write: (E(Decode), 1),
        why: "a 200 with nothing in it",
    },
    Case {
        name: "body over the size limit",
        fault: || Some(Fault::Oversize(4 * LIMIT as usize)),
        times: 1,
        read: (E(Decode), 1),
        write: (E(Decode), 1),
        why: "max_response_bytes is enforced while reading",
    },
    Case {
        name: "200 carrying `errors`",
        fault: || {
            Some(status(
                200,
                r#"{"errors":{"senderPhone":["«Telefon» ni to'ldirishingiz kerak."]}}"#,
                &[],
            ))
        },
        times: 1,
        read: (E(Validation), 1),
        write: (E(Validation), 1),
        why: "field errors whatever the status",
    },
    Case {
        name: "401 once",
        fault: || Some(Fault::Unauthorized),
        times: 1,
        read: (OK, 2),
        write: (OK, 2),
        why: "refused token: one fresh login and one replay (nothing was done)",
    },
    Case {
        name: "401 always",
        fault: || Some(Fault::Unauthorized),
        times: 100,
        read: (E(Auth), 2),
        write: (E(Auth), 2),
        why: "one fresh login, one replay, then auth",
    },
    Case {
        name: VIA_PROXY,
        fault: || None,
        times: 1,
        read: (OK, 1),
        write: (OK, 1),
        why: "every call tunnels through it: the loopback proxy saw the CONNECT to BTS",
    },
    Case {
        name: CGI_PROXY,
        fault: || None,
        times: 1,
        read: (OK, 1),
        write: (OK, 1),
        why: "httpoxy: a visitor's `Proxy:` header is ignored when REQUEST_METHOD is set; the proxy saw nothing",
    },
    Case {
        name: TLS_NO_CA,
        fault: || None,
        times: 1,
        read: (E(Network), 0),
        write: (E(Network), 0),
        why: "the interceptor's certificate is refused before anything is sent",
    },
    Case {
        name: TLS_CA,
        fault: || None,
        times: 1,
        read: (OK, 1),
        write: (OK, 1),
        why: "`ca_file` adds its roots to the bundled ones",
    },
    Case {
        name: FORKED,
        fault: || None,
        times: 1,
        read: (OK, 1),
        write: (OK, 1),
        why: "the child opens its own connection: 100 calls each, every reply the caller's own",
    },
];

fn label(expect: Expect) -> String {
    match expect {
        Expect::Ok => "ok".into(),
        Expect::Err(kind) => format!("`{}`", kind.as_str()),
    }
}

/// The README's table, rendered from [`CASES`].
fn render() -> String {
    let mut out = String::from(
        "| fault | read `order/detail` | requests | write `order/add` | requests | why |\n|---|---|---|---|---|---|\n",
    );
    for c in CASES {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            c.name,
            label(c.read.0),
            c.read.1,
            label(c.write.0),
            c.write.1,
            c.why
        ));
    }
    out
}

fn client_for(base_url: String, wms: String, config_json: &str, timeout_ms: u64) -> Client {
    let mut config = Config::from_json(config_json).unwrap();
    config.base_url = base_url;
    config.wms_base_url = wms;
    config.timeout_ms = timeout_ms;
    config.max_retries = 2;
    config.max_response_bytes = LIMIT;
    Client::new(config).unwrap()
}

fn run(case: &Case, write: bool) {
    if let Some(runner) = setting(case.name) {
        return runner(case, write);
    }
    let sandbox = Sandbox::start();
    let stall = case.name.starts_with("stalled");
    let timeout_ms = if stall { STALL_TIMEOUT_MS } else { TIMEOUT_MS };
    let refused = case.times == 0;
    let client = client_for(
        sandbox.base_url(),
        sandbox.wms_base_url(),
        &sandbox.config_json(),
        timeout_ms,
    );
    let order_id: Value = client.call("order/add", common::order()).unwrap()["orderId"].clone();
    let client = if refused {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        client_for(
            format!("http://127.0.0.1:{port}/index.php"),
            sandbox.wms_base_url(),
            &sandbox.config_json(),
            timeout_ms,
        )
    } else {
        client
    };
    if refused {
        // Give the fresh client a token so that the call itself meets the closed port.
        let mut config = client.config().clone();
        config.token = Some("0123456789abcdef".into());
        return check(
            case,
            write,
            &Client::new(config).unwrap(),
            &sandbox,
            &order_id,
            timeout_ms,
        );
    }
    check(case, write, &client, &sandbox, &order_id, timeout_ms)
}

fn check(
    case: &Case,
    write: bool,
    client: &Client,
    sandbox: &Sandbox,
    order_id: &Value,
    timeout_ms: u64,
) {
    let (route, params) = if write {
        ("order/add", common::order())
    } else {
        ("order/detail", json!({"orderId": order_id}))
    };
    let (expect, requests) = if write { case.write } else { case.read };
    let orders_before = count_orders(sandbox, client);
    sandbox.reset_counts();
    if let Some(fault) = (case.fault)() {
        sandbox.inject(route, fault, case.times);
    }
    let started = Instant::now();
    let result = client.call(route, params);
    let took = started.elapsed();
    sandbox.clear_faults();
    let what = format!("{} / {}", case.name, route);
    match (expect, &result) {
        (Expect::Ok, Ok(_)) => {}
        (Expect::Err(kind), Err(e)) => assert_eq!(e.kind(), kind, "{what}: {e:?}"),
        _ => panic!("{what}: expected {expect:?}, got {result:?}"),
    }
    let bound = Duration::from_millis(timeout_ms + 300);
    assert!(took < bound, "{what}: took {took:?}, bound {bound:?}");
    assert_eq!(
        sandbox.requests(route),
        requests,
        "{what}: requests received"
    );
    if write {
        // Never a duplicate: at most one order was created by this call.
        let created = count_orders(sandbox, client) - orders_before;
        assert!(created <= 1, "{what}: {created} orders created");
        if expect == Expect::Ok {
            assert_eq!(created, 1, "{what}");
        }
    }
}

/// The runner of a row whose cause is the host (proxy, TLS, fork), if it is one.
fn setting(name: &str) -> Option<fn(&Case, bool)> {
    match name {
        VIA_PROXY => Some(via_proxy),
        CGI_PROXY => Some(cgi_proxy),
        TLS_NO_CA => Some(|case, write| tls_front(case, write, false)),
        TLS_CA => Some(|case, write| tls_front(case, write, true)),
        FORKED => Some(forked),
        _ => None,
    }
}

fn sandbox_config(sandbox: &Sandbox) -> Config {
    let mut config = Config::from_json(&sandbox.config_json()).unwrap();
    config.timeout_ms = TIMEOUT_MS;
    config.max_retries = 2;
    config
}

/// An order to read, made directly.
fn first_order(sandbox: &Sandbox) -> Value {
    Client::new(sandbox_config(sandbox))
        .unwrap()
        .call("order/add", common::order())
        .unwrap()["orderId"]
        .clone()
}

fn via_proxy(case: &Case, write: bool) {
    let sandbox = Sandbox::start();
    let proxy = net::ConnectProxy::start();
    let order_id = first_order(&sandbox);
    let mut config = sandbox_config(&sandbox);
    config.proxy = Some(proxy.url());
    let client = Client::new(config).unwrap();
    check(case, write, &client, &sandbox, &order_id, TIMEOUT_MS);
    let seen = proxy.connects();
    assert!(!seen.is_empty(), "{}: the proxy saw nothing", case.name);
    let target = sandbox.addr().to_string();
    assert!(seen.iter().all(|c| c.target == target), "{seen:?}");
}

fn cgi_proxy(case: &Case, write: bool) {
    let sandbox = Sandbox::start();
    let proxy = net::ConnectProxy::start();
    let order_id = first_order(&sandbox);
    let (route, params) = if write {
        ("order/add", common::order())
    } else {
        ("order/detail", json!({"orderId": order_id}))
    };
    let (expect, requests) = if write { case.write } else { case.read };
    sandbox.reset_counts();
    let vars = [
        ("REQUEST_METHOD", "GET".to_owned()),
        ("HTTP_PROXY", proxy.url()),
    ];
    let outcome = net::call_in_child(&sandbox.config_json(), route, &params, &vars);
    let want = match expect {
        Expect::Ok => "ok",
        Expect::Err(kind) => kind.as_str(),
    };
    assert_eq!(outcome, want, "{} / {route}", case.name);
    assert_eq!(sandbox.requests(route), requests, "{} / {route}", case.name);
    assert!(proxy.connects().is_empty(), "{:?}", proxy.connects());
}

fn tls_front(case: &Case, write: bool, with_ca: bool) {
    let sandbox = Sandbox::start();
    let front = net::TlsFront::start(sandbox.addr());
    let order_id = first_order(&sandbox);
    let mut config = sandbox_config(&sandbox);
    config.base_url = format!("{}/index.php", front.origin());
    config.wms_base_url = front.origin();
    config.token = Some("0123456789abcdef".into());
    if with_ca {
        config.token = None;
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("faults");
        config.ca_file = Some(front.ca_file(&dir));
    }
    let client = Client::new(config).unwrap();
    check(case, write, &client, &sandbox, &order_id, TIMEOUT_MS);
}

fn forked(case: &Case, write: bool) {
    const CALLS: u64 = 100;
    let sandbox = Sandbox::start();
    let orders = [first_order(&sandbox), first_order(&sandbox)].map(|v| v.as_i64().unwrap());
    let (route, requests) = if write {
        ("order/add", case.write.1)
    } else {
        ("order/detail", case.read.1)
    };
    sandbox.reset_counts();
    net::fork_probe(&sandbox, write, CALLS, orders);
    assert_eq!(
        sandbox.requests(route) as u64,
        2 * CALLS * requests as u64,
        "{} / {route}",
        case.name
    );
}

/// Not a test of its own: the child process of the CGI row (it does nothing unless the parent
/// set the call in its environment).
#[test]
fn env_child() {
    net::child_entry();
}

/// How many orders exist: the ids are consecutive from the first one, so probe upwards.
fn count_orders(sandbox: &Sandbox, _client: &Client) -> i64 {
    let probe = Client::from_json(&sandbox.config_json()).unwrap();
    let first = 229_234i64;
    let mut n = 0;
    while probe
        .call("order/detail", json!({"orderId": first + n}))
        .is_ok()
    {
        n += 1;
    }
    n
}

#[test]
fn fault_matrix_reads() {
    for case in CASES {
        run(case, false);
    }
}

#[test]
fn fault_matrix_writes() {
    for case in CASES {
        run(case, true);
    }
}

#[test]
fn readme_shows_this_matrix() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = render();
    assert!(
        readme.contains(&table),
        "README.md's fault table differs from tests/faults.rs; paste this:\n{table}"
    );
}
