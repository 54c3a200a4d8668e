//! The `bts` command line against an in-test sandbox: output, configuration, and one exit code
//! per error kind.
#![cfg(feature = "cli")]

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bts_sandbox::{Fault, Sandbox};
use serde_json::Value;

const PRICE: &str = r#"{"senderCityId":3,"receiverCityId":3,"weight":1}"#;

const ORDER: &str = r#"{"senderCityId":3,"senderAddress":"Toshkent sh., Bobur ko'chasi, 5-A",
 "senderReal":"Jurabek Turdiyev","senderPhone":"+998 99 1234567","weight":2,"packageId":8,
 "postTypeId":4,"receiver":"Odil Ahkmedov","receiverAddress":"Gozovo qish. 41 uy",
 "receiverCityId":3,"receiverPhone":"+998 99 1234567"}"#;

/// `bts` with no `BTS_*` variable from the environment the tests run in.
fn bts() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bts"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("BTS_") {
            cmd.env_remove(name);
        }
    }
    cmd.stdin(Stdio::null());
    cmd
}

/// `bts` configured for `sandbox` through the environment.
fn bts_env(sandbox: &Sandbox) -> Command {
    let mut cmd = bts();
    cmd.env("BTS_BASE_URL", sandbox.base_url())
        .env("BTS_WMS_BASE_URL", sandbox.wms_base_url())
        .env("BTS_USERNAME", bts_sandbox::COURIER_USERNAME)
        .env("BTS_PASSWORD", bts_sandbox::COURIER_PASSWORD)
        .env("BTS_INN", bts_sandbox::COURIER_INN)
        .env("BTS_WMS_LOGIN", bts_sandbox::WMS_LOGIN)
        .env("BTS_WMS_PASSWORD", bts_sandbox::WMS_PASSWORD);
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    finish(cmd.output().expect("bts runs"))
}

fn run_with_stdin(cmd: &mut Command, input: &str) -> Run {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bts runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("bts reads stdin");
    finish(child.wait_with_output().expect("bts ends"))
}

fn finish(out: Output) -> Run {
    Run {
        code: out.status.code().expect("bts exits, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// The one line of JSON on stdout of a successful run.
fn json_line(r: &Run) -> Value {
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(r.stdout.ends_with('\n'), "{:?}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 1, "one line: {:?}", r.stdout);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

/// One line on stderr, no output, the given exit code.
fn assert_fails(r: &Run, code: i32, prefix: &str) {
    assert_eq!(r.code, code, "stdout: {} stderr: {}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "", "nothing on stdout");
    assert!(r.stderr.starts_with(prefix), "{:?}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "one line: {:?}", r.stderr);
}

/// A fresh file path under the temporary directory (removed on drop).
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str) -> TempFile {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        TempFile(std::env::temp_dir().join(format!("bts-cli-{}-{n}-{name}", std::process::id())))
    }

    fn with(name: &str, text: &str) -> TempFile {
        let file = TempFile::new(name);
        std::fs::write(&file.0, text).expect("temp file written");
        file
    }

    fn arg(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn create_order(sandbox: &Sandbox) -> i64 {
    let order = json_line(&run(bts_env(sandbox).args(["call", "order/add", ORDER])));
    order["orderId"].as_i64().expect("orderId")
}

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
    assert!(r.stdout.starts_with("{\"orderId\":"), "{}", r.stdout);
    let bytes = std::fs::read(&file.0).expect("the label file exists");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    assert_eq!(summary["orderId"], id);
    assert_eq!(summary["file"], file.arg());
    assert_eq!(summary["bytes"], bytes.len());
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
        info["accounts"]["courier"]["username"].is_string(),
        "{line}"
    );
    assert_eq!(json_line(&r)["summaryPrice"], 10000);
}
