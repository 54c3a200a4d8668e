//! The documentation's request examples, sent through the client into the sandbox: every
//! ```` ```json ```` block of `docs/api-legacy.md`, `docs/api-current.md` and `docs/api-wms.md`
//! is either a request of the operation its section names (and the sandbox accepts it), or one
//! of the few blocks listed here as not a request (a reply or a notification). A new block that
//! is neither fails, so an example nobody tried cannot slip into the docs.
//!
//! Also: the sandbox's route tables agree with the library's operation table (every endpoint the
//! library calls is a route of the sandbox, under the operation's name, with the same method).

use bts::Client;
use bts::{Api, Method, Shape, OPERATIONS};
use bts_sandbox::Sandbox;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

/// The documentation pages with request examples, and the API each talks to.
const PAGES: &[(&str, Api)] = &[
    ("docs/api-legacy.md", Api::Legacy),
    ("docs/api-current.md", Api::Current),
    ("docs/api-wms.md", Api::Wms),
];

/// Blocks that are not requests, by page and section heading, with the reason.
const NOT_REQUESTS: &[(&str, &str, &str)] = &[
    (
        "docs/api-current.md",
        "## The envelope",
        "the reply form every operation answers with",
    ),
    (
        "docs/api-current.md",
        "### The notification",
        "what BTS posts to the integrator's webhook, not a request to BTS",
    ),
];

/// Sections whose heading names no single operation: the operations their example is for.
const SECTION_OPERATIONS: &[(&str, &str, &[&str])] = &[(
    "docs/api-wms.md",
    "## The sync model (`clients` / `client-status`)",
    &[
        "wms/purveyor/client-status",
        "wms/product/client-status",
        "wms/receiving-goods/client-status",
    ],
)];

/// One ```` ```json ```` block: its page, line, section heading and text.
struct Example {
    page: &'static str,
    api: Api,
    line: usize,
    heading: String,
    text: String,
}

fn examples() -> Vec<Example> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for &(page, api) in PAGES {
        let text = std::fs::read_to_string(root.join(page))
            .unwrap_or_else(|e| panic!("cannot read {page}: {e}"));
        let mut heading = String::new();
        let mut block: Option<(usize, String)> = None;
        for (i, line) in text.lines().enumerate() {
            if let Some((start, body)) = block.as_mut() {
                if line.trim_start().starts_with("```") {
                    out.push(Example {
                        page,
                        api,
                        line: *start,
                        heading: heading.clone(),
                        text: std::mem::take(body),
                    });
                    block = None;
                } else {
                    body.push_str(line);
                    body.push('\n');
                }
            } else if line.trim_start().starts_with("```json") {
                block = Some((i + 1, String::new()));
            } else if line.starts_with('#') {
                heading = line.trim().to_owned();
            }
        }
        assert!(block.is_none(), "{page}: a ```json block is not closed");
    }
    out
}

/// The operations a section heading names: the backticked words that are operations of the
/// page's API (`### \`order/add\` — …`, `## Receiving goods — \`wms/receiving-goods/create\``).
fn heading_operations(page: &str, api: Api, heading: &str) -> Vec<&'static str> {
    if let Some((_, _, ops)) = SECTION_OPERATIONS
        .iter()
        .find(|(p, h, _)| *p == page && *h == heading)
    {
        return ops.to_vec();
    }
    heading
        .split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|word| {
            OPERATIONS
                .iter()
                .find(|op| op.name == word && op.endpoint(api).is_some())
                .map(|op| op.name)
        })
        .collect()
}

fn client_for(sandbox: &Sandbox, api: Api) -> Client {
    let config = match api {
        Api::Current => sandbox.current_config_json(),
        _ => sandbox.config_json(),
    };
    let mut config: Value = serde_json::from_str(&config).unwrap();
    // Every failure must show at once: no retries.
    config["max_retries"] = Value::from(0);
    Client::from_json(&config.to_string()).expect("a client for the sandbox")
}

#[test]
fn every_request_example_in_the_docs_is_accepted() {
    let examples = examples();
    assert!(
        examples.len() >= 5,
        "expected the docs' JSON examples, found {}",
        examples.len()
    );
    let sandbox = Sandbox::start();
    let mut sent = 0;
    let mut failures = Vec::new();
    for ex in &examples {
        let here = format!("{}:{} ({})", ex.page, ex.line, ex.heading);
        if NOT_REQUESTS
            .iter()
            .any(|(p, h, _)| *p == ex.page && *h == ex.heading)
        {
            continue;
        }
        let ops = heading_operations(ex.page, ex.api, &ex.heading);
        assert!(
            !ops.is_empty(),
            "{here}: a JSON example under a heading that names no operation of this API; \
             name the operation in the heading or list the block in NOT_REQUESTS"
        );
        let params: Value = serde_json::from_str(&ex.text)
            .unwrap_or_else(|e| panic!("{here}: the example is not valid JSON: {e}"));
        for op in ops {
            // A fresh client per example: nothing carries over but the sandbox's state.
            let client = client_for(&sandbox, ex.api);
            sent += 1;
            if let Err(e) = client.call(op, params.clone()) {
                failures.push(format!("{here}: {op} refused: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(sent >= 5, "only {sent} examples were sent");
}

/// Sends one request without a token and answers the status and the route key the sandbox
/// counted it under.
fn probe(sandbox: &Sandbox, method: &str, target: &str) -> (u16, Vec<String>) {
    let before = request_counts(sandbox);
    let mut stream = TcpStream::connect(sandbox.addr()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let body = if method == "POST" { "{}" } else { "" };
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        sandbox.addr(),
        body.len()
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let status = reply
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{method} {target}: no status line in {reply:?}"));
    let after = request_counts(sandbox);
    let keys = after
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, n)| *k != "*" && before.get(k.as_str()) != Some(n))
        .map(|(k, _)| k.clone())
        .collect();
    (status, keys)
}

fn request_counts(sandbox: &Sandbox) -> Value {
    let mut stream = TcpStream::connect(sandbox.addr()).unwrap();
    write!(
        stream,
        "GET /__sandbox/counts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let body = reply.split("\r\n\r\n").nth(1).unwrap_or("{}");
    serde_json::from_str(body).unwrap()
}

#[test]
fn sandbox_routes_agree_with_the_operation_table() {
    let sandbox = Sandbox::start();
    let mut checked = 0;
    for op in OPERATIONS {
        for e in op.endpoints {
            let Some(wire) = e.wire else {
                continue;
            };
            // Required query parameters, so the route that needs them is the one chosen
            // (`order/list` is `order/detail` with dates).
            let query: Vec<String> = match e.shape {
                Shape::Query(params) => params
                    .iter()
                    .filter(|p| p.required)
                    .map(|p| {
                        let v = if p.wire.ends_with("Date") {
                            "2026-01-05"
                        } else {
                            "1"
                        };
                        format!("{}={v}", p.wire)
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let (target, key) = match e.api {
                Api::Legacy => {
                    let mut t = format!("/index.php?r={}", wire.route);
                    for q in &query {
                        t.push('&');
                        t.push_str(q);
                    }
                    (t, op.name.to_owned())
                }
                Api::Current => {
                    let key = match op.name {
                        "auth/get-token" => "current/auth/login".to_owned(),
                        name => format!("current/{name}"),
                    };
                    (format!("/current/{}?{}", wire.route, query.join("&")), key)
                }
                Api::Wms => (
                    format!("/{}?{}", wire.route, query.join("&")),
                    op.name.to_owned(),
                ),
                Api::Local => continue,
            };
            let method = match wire.method {
                Method::Get => "GET",
                Method::Post => "POST",
            };
            let (status, keys) = probe(&sandbox, method, &target);
            assert!(
                status != 404 && status != 405,
                "{} on {:?}: {method} {target} is not a sandbox route ({status})",
                op.name,
                e.api
            );
            assert_eq!(
                keys,
                vec![key.clone()],
                "{} on {:?}: {method} {target} counted under another key",
                op.name,
                e.api
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} endpoints checked");
}
