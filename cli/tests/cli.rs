//! The `bts` command line against an in-test sandbox: output, configuration, and one exit code
//! per error kind.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use bts_sandbox::{Fault, Sandbox};
use common::*;
use serde_json::Value;

#[test]
fn call_order_calculate_prints_the_server_json_on_one_line() {
    let sandbox = Sandbox::start();
    let data = json_line(&run(bts_env(&sandbox).args([
        "call",
        "order/calculate",
        PRICE,
    ])));
    assert_eq!(data["summaryPrice"], 10000, "{data}");
}

#[test]
fn call_reads_params_from_an_at_file() {
    let sandbox = Sandbox::start();
    let file = TempFile::with("order.json", ORDER);
    let arg = format!("@{}", file.arg());
    let data = json_line(&run(bts_env(&sandbox).args(["call", "order/add", &arg])));
    assert!(data["orderId"].is_number(), "{data}");
    assert_eq!(data["receiver"], "Odil Ahkmedov");
    assert_eq!(sandbox.requests("order/add"), 1);
}

#[test]
fn call_reads_params_from_stdin_with_a_dash() {
    let sandbox = Sandbox::start();
    let data = json_line(&run_with_stdin(
        bts_env(&sandbox).args(["call", "order/calculate", "-"]),
        PRICE,
    ));
    assert_eq!(data["summaryPrice"], 10000);
}

#[test]
fn call_without_params_sends_an_empty_object() {
    let sandbox = Sandbox::start();
    let data = json_line(&run(bts_env(&sandbox).args(["call", "directory/regions"])));
    assert!(data.is_array(), "{data}");
}

#[test]
fn envelope_flag_prints_the_envelope_and_keeps_the_exit_code() {
    let sandbox = Sandbox::start();
    let ok = json_line(&run(bts_env(&sandbox).args([
        "call",
        "--envelope",
        "order/calculate",
        PRICE,
    ])));
    assert_eq!(ok["ok"], true);
    assert_eq!(ok["data"]["summaryPrice"], 10000);
    let r = run(bts_env(&sandbox).args(["call", "--envelope", "order/calculate", "{}"]));
    assert_eq!(r.code, 2);
    let err: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(err["error"]["kind"], "invalid_input");
}

#[test]
fn operations_prints_the_operation_table() {
    let ops = json_line(&run(bts().arg("operations")));
    let names: Vec<&str> = ops
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|op| op["name"].as_str())
        .collect();
    assert!(names.contains(&"order/add"), "{names:?}");
    assert!(names.contains(&"wms/receiving-goods/create"), "{names:?}");
}

#[test]
fn version_prints_the_library_version() {
    for args in [&["version"][..], &["--version"][..]] {
        let r = run(bts().args(args));
        assert_eq!(r.code, 0);
        assert_eq!(r.stdout, format!("bts {}\n", bts::VERSION));
    }
}

#[test]
fn label_writes_the_pdf_and_prints_a_summary() {
    let sandbox = Sandbox::start();
    let id = create_order(&sandbox);
    let file = TempFile::new("label.pdf");
    let r = run(bts_env(&sandbox).args(["label", &id.to_string(), "-o", &file.arg()]));
    let summary = json_line(&r);
    assert!(r.stdout.starts_with("{\"path\":"), "{}", r.stdout);
    let bytes = std::fs::read(&file.0).expect("the label file exists");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    assert!(
        String::from_utf8_lossy(&bytes).contains(&id.to_string()),
        "the order's label"
    );
    assert_eq!(summary["path"], file.arg());
    assert_eq!(summary["bytes"], bytes.len());
    assert!(summary["source"].is_string(), "{summary}");
}

#[test]
fn label_that_is_not_base64_exits_8_decode() {
    let sandbox = Sandbox::start();
    sandbox.inject(
        "order/detail",
        Fault::Status {
            status: 200,
            body: r#"{"orderId":229234,"labelEncode":"<encoded_file>"}"#.into(),
            headers: vec![],
        },
        1,
    );
    let file = TempFile::new("label.pdf");
    let r = run(bts_env(&sandbox).args(["label", "229234", "--output", &file.arg()]));
    assert_fails(&r, 8, "bts: decode: ");
    assert!(!file.0.exists(), "no file written");
}

#[test]
fn invalid_params_exit_2_invalid_input() {
    let sandbox = Sandbox::start();
    let r = run(bts_env(&sandbox).args(["call", "order/calculate", "{}"]));
    assert_fails(&r, 2, "bts: invalid_input: ");
    assert!(r.stderr.contains("senderCityId"), "{}", r.stderr);
    let r = run(bts_env(&sandbox).args(["call", "order/calculate", "{not json"]));
    assert_fails(&r, 2, "bts: invalid_input: ");
    let r = run(bts_env(&sandbox).args(["call", "order/nope", "{}"]));
    assert_fails(&r, 2, "bts: invalid_input: ");
    let r = run(bts_env(&sandbox).args(["call", "order/add", "@/nonexistent/order.json"]));
    assert_fails(
        &r,
        2,
        "bts: invalid_input: could not read /nonexistent/order.json",
    );
    assert_eq!(sandbox.requests("*"), 0, "nothing was sent");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["--frobnicate"][..],
        &["call"][..],
        &["call", "order/detail", "{}", "extra"][..],
        &["call", "--nope", "order/detail"][..],
        &["label", "229234"][..],
        &["label", "abc", "-o", "x.pdf"][..],
        &["operations", "extra"][..],
        &["--config"][..],
        &["help", "frobnicate"][..],
    ] {
        let r = run(bts().args(args));
        assert_fails(&r, 2, "bts: ");
        assert!(r.stderr.contains("bts --help"), "{args:?}: {}", r.stderr);
    }
    let r = run(&mut bts());
    assert_eq!(r.code, 2, "no command is a usage error");
    assert!(r.stderr.contains("USAGE"), "the help goes to stderr");
}

#[test]
fn validation_exits_3_with_status_and_field_errors_on_one_line() {
    let sandbox = Sandbox::start();
    let order = ORDER.replace("\"senderCityId\":3", "\"senderCityId\":999999");
    let r = run(bts_env(&sandbox).args(["call", "order/add", &order]));
    assert_fails(
        &r,
        3,
        "bts: validation: order/add: BTS rejected field senderCityId (HTTP 422); senderCityId: ",
    );
}

#[test]
fn wrong_password_exits_4_and_never_prints_the_password() {
    let sandbox = Sandbox::start();
    let r = run(bts_env(&sandbox)
        .env("BTS_PASSWORD", "not-the-password-42")
        .args(["call", "order/calculate", PRICE]));
    assert_fails(&r, 4, "bts: auth: ");
    assert!(!r.stderr.contains("not-the-password-42"), "{}", r.stderr);
}

#[test]
fn not_found_exits_5_http() {
    let sandbox = Sandbox::start();
    let r = run(bts_env(&sandbox).args(["call", "order/detail", r#"{"orderId":1}"#]));
    assert_fails(&r, 5, "bts: http: order/detail: BTS answered HTTP 404");
}

#[test]
fn timeout_exits_6() {
    let sandbox = Sandbox::start();
    sandbox.inject(
        "order/calculate",
        Fault::Delay(Duration::from_millis(1500)),
        5,
    );
    let r = run(bts_env(&sandbox)
        .env("BTS_TIMEOUT_MS", "300")
        .env("BTS_MAX_RETRIES", "0")
        .args(["call", "order/calculate", PRICE]));
    assert_fails(&r, 6, "bts: timeout: ");
}

#[test]
fn closed_port_exits_7_network() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let r = run(bts()
        .env("BTS_BASE_URL", format!("http://127.0.0.1:{port}/index.php"))
        .env("BTS_USERNAME", "shop")
        .env("BTS_PASSWORD", "secret-pw")
        .env("BTS_INN", "123456789")
        .env("BTS_MAX_RETRIES", "0")
        .args(["call", "order/calculate", PRICE]));
    assert_fails(&r, 7, "bts: network: ");
    assert!(!r.stderr.contains("secret-pw"));
}

#[test]
fn html_instead_of_json_exits_8_decode() {
    let sandbox = Sandbox::start();
    sandbox.inject(
        "order/calculate",
        Fault::Body {
            status: 200,
            content_type: "text/html".into(),
            body: b"<html>maintenance</html>".to_vec(),
        },
        5,
    );
    let r =
        run(bts_env(&sandbox)
            .env("BTS_MAX_RETRIES", "0")
            .args(["call", "order/calculate", PRICE]));
    assert_fails(&r, 8, "bts: decode: ");
}

#[test]
fn help_for_every_subcommand_exits_0() {
    for args in [
        &["--help"][..],
        &["-h"][..],
        &["help"][..],
        &["call", "--help"][..],
        &["label", "--help"][..],
        &["operations", "--help"][..],
        &["sandbox", "--help"][..],
        &["version", "--help"][..],
        &["help", "call"][..],
        &["help", "label"][..],
    ] {
        let r = run(bts().args(args));
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(r.stdout.contains("USAGE"), "{args:?}: {}", r.stdout);
    }
    let main = run(bts().arg("--help")).stdout;
    for line in [
        "2   invalid_input",
        "3   validation",
        "4   auth",
        "5   http",
        "6   timeout",
        "7   network",
        "8   decode",
        "9   internal",
        "BTS_USERNAME",
        "BTS_WMS_BASE_URL",
        "wins",
    ] {
        assert!(main.contains(line), "--help documents {line:?}");
    }
}

#[test]
fn config_from_a_file() {
    let sandbox = Sandbox::start();
    let file = TempFile::with("config.json", &sandbox.config_json());
    let data = json_line(&run(bts().args([
        "--config",
        &file.arg(),
        "call",
        "order/calculate",
        PRICE,
    ])));
    assert_eq!(data["summaryPrice"], 10000);
    // --config=FILE after the command works too.
    let data = json_line(&run(bts().args([
        "call",
        "order/calculate",
        PRICE,
        &format!("--config={}", file.arg()),
    ])));
    assert_eq!(data["summaryPrice"], 10000);
}

#[test]
fn config_file_wins_over_the_environment() {
    let sandbox = Sandbox::start();
    let file = TempFile::with("config.json", &sandbox.config_json());
    let data = json_line(&run(bts_env(&sandbox)
        .env("BTS_PASSWORD", "wrong-password")
        .env("BTS_TIMEOUT_MS", "20000")
        .args(["--config", &file.arg(), "call", "order/calculate", PRICE])));
    assert_eq!(data["summaryPrice"], 10000);
}

#[test]
fn bad_config_file_exits_2_naming_the_key_not_the_secret() {
    let file = TempFile::with(
        "config.json",
        r#"{"username":"shop","passwrd":"hunter2-secret","inn":"1"}"#,
    );
    let r = run(bts().args(["--config", &file.arg(), "call", "order/calculate", PRICE]));
    assert_fails(&r, 2, "bts: invalid_input: ");
    assert!(r.stderr.contains("passwrd"), "{}", r.stderr);
    assert!(!r.stderr.contains("hunter2"), "{}", r.stderr);

    let file = TempFile::with("config.json", r#"{"password":"hunter2-secret""#);
    let r = run(bts().args(["--config", &file.arg(), "call", "order/calculate", PRICE]));
    assert_fails(&r, 2, "bts: invalid_input: the configuration file");
    assert!(!r.stderr.contains("hunter2"), "{}", r.stderr);

    let r = run(bts().args(["--config", "/nonexistent/bts.json", "operations"]));
    assert_eq!(r.code, 0, "operations needs no configuration");
}

#[test]
fn sandbox_command_prints_a_json_line_and_serves() {
    let mut child = bts()
        .args(["sandbox", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("bts sandbox starts");
    let mut line = String::new();
    let read = BufReader::new(child.stdout.take().unwrap()).read_line(&mut line);
    let served = read.is_ok().then(|| {
        let info: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
        let config = info["config"].to_string();
        let file = TempFile::with("sandbox.json", &config);
        let r = run(bts().args(["--config", &file.arg(), "call", "order/calculate", PRICE]));
        (info, r)
    });
    let _ = child.kill();
    let _ = child.wait();
    let (info, r) = served.expect("a line was read");
    let base_url = info["base_url"].as_str().unwrap_or_default();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{line}");
    assert!(info["wms_base_url"].is_string(), "{line}");
    assert!(
        info["current_base_url"]
            .as_str()
            .is_some_and(|u| u.starts_with(base_url.trim_end_matches("/index.php"))),
        "{line}"
    );
    assert_eq!(info["current_config"]["courier_api"], "current", "{line}");
    assert!(
        info["accounts"]["courier"]["username"].is_string(),
        "{line}"
    );
    assert_eq!(json_line(&r)["summaryPrice"], 10000);
}

#[test]
fn the_readme_commands_exist() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("the README");
    let section = readme
        .split("## The command line\n")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the README's command-line section");
    let commands = [
        "call",
        "bulk",
        "label",
        "sticker",
        "webhook",
        "operations",
        "sandbox",
        "version",
        "help",
    ];
    let mut seen = 0;
    for line in section.lines().filter(|l| l.starts_with("bts ")) {
        let mut words = line.split_whitespace().skip(1);
        let mut word = words.next().unwrap_or_default();
        if word == "--config" {
            words.next();
            word = words.next().unwrap_or_default();
        }
        assert!(
            commands.contains(&word) || bts::operation(word).is_some(),
            "README: {line}"
        );
        let r = run(bts().args([word, "--help"]));
        assert_eq!(r.code, 0, "README: {line}: {}", r.stderr);
        seen += 1;
    }
    assert!(seen >= 10, "{seen} commands in the README");
}

#[test]
fn a_loop_of_commands_with_a_token_cache_logs_in_once() {
    let sandbox = Sandbox::start();
    let dir = TempFile::new("tokens");
    std::fs::create_dir_all(&dir.0).unwrap();
    let cache = dir.0.join("tokens.json");
    let cache = cache.to_str().unwrap();
    for _ in 0..10 {
        let data = json_line(&run(bts_env(&sandbox).args([
            "directory/regions",
            "--token-cache",
            cache,
        ])));
        assert!(data.is_array(), "{data}");
    }
    for _ in 0..5 {
        json_line(&run(bts_env(&sandbox)
            .env("BTS_TOKEN_CACHE", cache)
            .args(["order/calculate", PRICE])));
    }
    assert_eq!(
        sandbox.requests("auth/get-token"),
        1,
        "15 commands, one login"
    );
    // Without it, each command logs in.
    json_line(&run(bts_env(&sandbox).args(["directory/regions"])));
    assert_eq!(sandbox.requests("auth/get-token"), 2);
    std::fs::remove_dir_all(&dir.0).unwrap();
}
