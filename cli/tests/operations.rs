//! Every operation as its own command: `key=value` parameters typed from the declaration, help
//! text from the table, `--all-pages`, `--output` and `--pretty`, against an in-test sandbox.

mod common;

use bts::Shape;
use bts_sandbox::Sandbox;
use common::*;
use serde_json::Value;

/// `bts` configured for the sandbox's current courier API through a config file.
fn current(sandbox: &Sandbox) -> (std::process::Command, TempFile) {
    let file = TempFile::with("current.json", &sandbox.current_config_json());
    let mut cmd = bts();
    cmd.arg("--config").arg(file.arg());
    (cmd, file)
}

#[test]
fn key_value_parameters_create_and_read_a_legacy_order() {
    let sandbox = Sandbox::start();
    let order = json_line(&run(bts_env(&sandbox).args([
        "order/add",
        "senderCityId=3",
        "senderAddress=Toshkent sh., Bobur ko'chasi, 5-A",
        "senderReal=Jurabek Turdiyev",
        "senderPhone=+998 99 1234567",
        "weight=2",
        "packageId=8",
        "postTypeId=4",
        "receiver=Ali",
        "receiverAddress=Gozovo qish. 41 uy",
        "receiverCityId=3",
        "receiverPhone=+998 99 1234567",
    ])));
    assert_eq!(order["receiver"], "Ali", "{order}");
    // weight 2 in one city: the documented 12000, so the numbers arrived as numbers.
    assert_eq!(order["cost"], "12000.00", "{order}");
    let id = order["orderId"].as_i64().expect("orderId");
    // orderId is an integer query parameter of order/detail.
    let detail = json_line(&run(
        bts_env(&sandbox).args(["order/detail", &format!("orderId={id}")])
    ));
    assert_eq!(detail["orderId"], id);
    assert_eq!(sandbox.requests("order/add"), 1);
    assert_eq!(sandbox.requests("order/detail"), 1);
}

#[test]
fn dotted_and_indexed_keys_build_the_current_apis_nested_order() {
    let sandbox = Sandbox::start();
    let (mut cmd, _file) = current(&sandbox);
    let mut args = vec!["order/add", "clientId=T-cli-1", "bringBackMoney=0"];
    args.extend_from_slice(CURRENT_ORDER_ARGS);
    args.extend_from_slice(&[
        "cargo.postTypes[0].name=T-shirt",
        "cargo.postTypes[0].code=SKU-1",
        "cargo.postTypes[0].count=2",
        "cargo.postTypes[0].cost=90000",
        "cargo.postTypes[1].name=Cap",
    ]);
    let order = json_line(&run(cmd.args(&args)));
    let id = order["orderId"]
        .as_i64()
        .unwrap_or_else(|| panic!("{order}"));
    let (mut cmd, _file) = current(&sandbox);
    let detail = json_line(&run(cmd.args(["order/detail", &format!("orderId={id}")])));
    assert_eq!(detail["clientId"], "T-cli-1", "{detail}");
    let items = &detail["cargo"]["postTypes"];
    assert_eq!(items[0]["name"], "T-shirt", "{detail}");
    assert_eq!(items[0]["code"], "SKU-1");
    assert_eq!(items[0]["count"], 2, "a number");
    assert_eq!(items[0]["cost"], 90000);
    assert_eq!(items[1]["name"], "Cap");
    assert_eq!(
        detail["receiver"]["city"]["code"], "3001",
        "the city code found its city"
    );
    assert_eq!(detail["sender"]["branch"]["code"], "0154");
}

#[test]
fn a_declared_integer_that_is_not_one_is_refused_before_sending() {
    let sandbox = Sandbox::start();
    let r = run(bts_env(&sandbox).args(["order/detail", "orderId=abc"]));
    assert_fails(&r, 2, "bts: invalid_input: ");
    assert!(r.stderr.contains("orderId"), "{}", r.stderr);
    let r = run(bts_env(&sandbox).args(["order/detail", "orderId"]));
    assert_fails(&r, 2, "bts: ");
    assert!(r.stderr.contains("KEY=VALUE"), "{}", r.stderr);
    let r = run(bts_env(&sandbox).args(["order/add", "cargo:={broken"]));
    assert_fails(&r, 2, "bts: invalid_input: ");
    assert_eq!(sandbox.requests("*"), 0, "nothing was sent");
}

#[test]
fn key_at_file_reads_json_and_a_base_object_takes_overrides() {
    let sandbox = Sandbox::start();
    let order = TempFile::with("order.json", ORDER);
    let name = TempFile::with("name.json", "\"Zafar\"");
    let created = json_line(&run(bts_env(&sandbox).args([
        "order/add",
        &format!("@{}", order.arg()),
        &format!("receiver=@{}", name.arg()),
        "weight=1",
    ])));
    assert_eq!(created["receiver"], "Zafar", "{created}");
    assert_eq!(
        created["cost"], "10000.00",
        "weight 1 replaced weight 2: {created}"
    );
}

#[test]
fn help_of_every_operation_comes_from_its_declaration() {
    let main = run(bts().arg("--help")).stdout;
    for op in bts::OPERATIONS {
        assert!(main.contains(op.name), "bts --help lists {}", op.name);
        let r = run(bts().args(["help", op.name]));
        assert_eq!(r.code, 0, "{}: {}", op.name, r.stderr);
        let text = r.stdout;
        assert!(text.contains(op.summary), "{}: summary", op.name);
        assert!(text.contains("USAGE"), "{}", op.name);
        for e in op.endpoints {
            if let Some(wire) = e.wire {
                let route = format!(
                    "{}: {} {}",
                    e.api.as_str(),
                    wire.method.as_str(),
                    wire.route
                );
                assert!(text.contains(&route), "{}: {route} in\n{text}", op.name);
            }
            for field in e.required {
                assert!(text.contains(field), "{}: required {field}", op.name);
            }
            for (member, most) in e.limits {
                let line = format!("at most: {most} items in {member}");
                assert!(text.contains(&line), "{}: {line}", op.name);
            }
            if let Shape::Query(params) | Shape::BodyAndQuery(params) = e.shape {
                for p in params {
                    let line = format!("query parameter: {} (", p.name);
                    assert!(text.contains(&line), "{}: {line}", op.name);
                }
            }
        }
        let again = run(bts().args([op.name, "--help"]));
        assert_eq!(again.stdout, text, "{} --help is the same text", op.name);
    }
    let detail = run(bts().args(["help", "order/detail"])).stdout;
    assert!(
        detail.contains("query parameter: orderId (integer, required, sent as id)"),
        "{detail}"
    );
}

#[test]
fn all_pages_joins_every_page_of_a_list() {
    let sandbox = Sandbox::start();
    sandbox.seed_wms("product", 45);
    let first = json_line(&run(
        bts_env(&sandbox).args(["wms/product/clients", "page=1"])
    ));
    let all = json_line(&run(
        bts_env(&sandbox).args(["wms/product/clients", "--all-pages"])
    ));
    let items = all.as_array().unwrap_or_else(|| panic!("an array: {all}"));
    assert!(items.len() >= 45, "{} items", items.len());
    let page_items = first["data"]["items"].as_array().map(Vec::len);
    assert_eq!(page_items, Some(20), "one page of 20");
    let total = first["data"]["_meta"]["totalCount"].as_u64();
    assert_eq!(
        total,
        Some(items.len() as u64),
        "every page's items, once each"
    );
    assert!(
        sandbox.requests("wms/product/clients") >= 4,
        "three pages read"
    );
    let r = run(bts_env(&sandbox).args(["order/calculate", "--all-pages"]));
    assert_fails(
        &r,
        2,
        "bts: --all-pages: order/calculate is not a paginated list",
    );
}

#[test]
fn output_writes_the_data_to_a_file_and_pretty_indents_it() {
    let sandbox = Sandbox::start();
    let file = TempFile::new("quote.json");
    let args = [
        "order/calculate",
        "senderCityId=3",
        "receiverCityId=3",
        "weight=1",
    ];
    let summary = json_line(&run(bts_env(&sandbox)
        .args(args)
        .args(["--output", &file.arg()])));
    let written = std::fs::read_to_string(&file.0).expect("the file exists");
    assert_eq!(summary["path"], file.arg());
    assert_eq!(summary["bytes"], written.len());
    let data: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(data["summaryPrice"], 10000);
    let r = run(bts_env(&sandbox).args(args).arg("--pretty"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.lines().count() > 3, "{}", r.stdout);
    assert!(
        r.stdout.contains("\n  \"summaryPrice\": 10000"),
        "{}",
        r.stdout
    );
    assert_eq!(serde_json::from_str::<Value>(&r.stdout).unwrap(), data);
}

#[test]
fn operation_commands_exit_with_their_errors_kind() {
    let sandbox = Sandbox::start();
    let r = run(bts_env(&sandbox).args(["order/detail", "orderId=1"]));
    assert_fails(&r, 5, "bts: http: order/detail: BTS answered HTTP 404");
    let r = run(bts_env(&sandbox).args(["order/calculate", "senderCityId=3"]));
    assert_fails(&r, 2, "bts: invalid_input: ");
    let order = TempFile::with("o.json", ORDER);
    let r = run(bts_env(&sandbox).args([
        "order/add",
        &format!("@{}", order.arg()),
        "senderCityId=999999",
    ]));
    assert_fails(&r, 3, "bts: validation: ");
    // A current-only operation on a legacy client names the API that has it.
    let r = run(bts_env(&sandbox).args(["order/sticker", "orderId=1"]));
    assert_fails(&r, 2, "bts: invalid_input: ");
    assert!(r.stderr.contains("current"), "{}", r.stderr);
    let r = run(bts_env(&sandbox).args(["order/teleport"]));
    assert_fails(&r, 2, "bts: invalid_input: unknown operation");
    let r = run(bts_env(&sandbox).args(["order/detail", "orderId=1", "--port", "3"]));
    assert_fails(&r, 2, "bts: order/detail does not take --port");
}

/// A one-shot HTTP server: answers `reply` to the first request and hands back its request
/// line and body.
fn capture(reply: &'static str) -> (String, std::sync::mpsc::Receiver<(String, String)>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/index.php", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut request_line = String::new();
        reader.read_line(&mut request_line).unwrap();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap();
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let mut out = stream;
        write!(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
            reply.len()
        )
        .unwrap();
        tx.send((request_line, String::from_utf8(body).unwrap()))
            .unwrap();
    });
    (url, rx)
}

#[test]
fn the_built_body_reaches_the_server_in_argument_order_and_spelling() {
    let (url, rx) = capture(r#"{"summaryPrice":1}"#);
    let r = run(bts()
        .env("BTS_BASE_URL", &url)
        .env("BTS_TOKEN", "preset-token")
        .args([
            "order/calculate",
            "senderCityId=3",
            "receiverCityId=3",
            "weight=1.50",
            "volume=12345678901234567890123",
            "note=x y",
            "senderCityCode=0109",
        ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (line, body) = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
    assert!(line.starts_with("POST "), "{line}");
    assert_eq!(
        body,
        r#"{"senderCityId":3,"receiverCityId":3,"weight":1.50,"volume":12345678901234567890123,"note":"x y","senderCityCode":"0109"}"#
    );
    assert!(!r.stdout.contains("preset-token") && !r.stderr.contains("preset-token"));
}

#[test]
fn a_declared_integer_travels_in_the_query() {
    let (url, rx) = capture(r#"{"orderId":5}"#);
    let r = run(bts()
        .env("BTS_BASE_URL", &url)
        .env("BTS_TOKEN", "preset-token")
        .args(["order/detail", "orderId=5"]));
    assert_eq!(json_line(&r)["orderId"], 5);
    let (line, body) = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
    assert!(line.starts_with("GET "), "{line}");
    assert!(
        line.contains("&id=5 ") || line.contains("?id=5&") || line.contains("&id=5&"),
        "{line}"
    );
    assert_eq!(body, "");
}
