//! What every CLI test needs: the built `bts` binary with a clean environment, configured for
//! an in-process sandbox, its output, and temporary files.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use bts_sandbox::Sandbox;
use serde_json::Value;

pub const PRICE: &str = r#"{"senderCityId":3,"receiverCityId":3,"weight":1}"#;

pub const ORDER: &str = r#"{"senderCityId":3,"senderAddress":"Toshkent sh., Bobur ko'chasi, 5-A",
 "senderReal":"Jurabek Turdiyev","senderPhone":"+998 99 1234567","weight":2,"packageId":8,
 "postTypeId":4,"receiver":"Odil Ahkmedov","receiverAddress":"Gozovo qish. 41 uy",
 "receiverCityId":3,"receiverPhone":"+998 99 1234567"}"#;

/// `bts` with no `BTS_*` variable from the environment the tests run in.
pub fn bts() -> Command {
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
pub fn bts_env(sandbox: &Sandbox) -> Command {
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

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Run {
    finish(cmd.output().expect("bts runs"))
}

pub fn run_with_stdin(cmd: &mut Command, input: &str) -> Run {
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

pub fn finish(out: Output) -> Run {
    Run {
        code: out.status.code().expect("bts exits, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// The one line of JSON on stdout of a successful run.
pub fn json_line(r: &Run) -> Value {
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(r.stdout.ends_with('\n'), "{:?}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 1, "one line: {:?}", r.stdout);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

/// One line on stderr, no output, the given exit code.
pub fn assert_fails(r: &Run, code: i32, prefix: &str) {
    assert_eq!(r.code, code, "stdout: {} stderr: {}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "", "nothing on stdout");
    assert!(r.stderr.starts_with(prefix), "{:?}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "one line: {:?}", r.stderr);
}

/// A fresh file path under the temporary directory (removed on drop, with the lock directory
/// `FILE.locks` a journal keeps beside it).
pub struct TempFile(pub PathBuf);

impl TempFile {
    pub fn new(name: &str) -> TempFile {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        TempFile(std::env::temp_dir().join(format!("bts-cli-{}-{n}-{name}", std::process::id())))
    }

    pub fn with(name: &str, text: &str) -> TempFile {
        let file = TempFile::new(name);
        std::fs::write(&file.0, text).expect("temp file written");
        file
    }

    pub fn arg(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
        let mut locks = self.0.clone().into_os_string();
        locks.push(".locks");
        let _ = std::fs::remove_dir_all(locks);
    }
}

pub fn create_order(sandbox: &Sandbox) -> i64 {
    let order = json_line(&run(bts_env(sandbox).args(["call", "order/add", ORDER])));
    order["orderId"].as_i64().expect("orderId")
}

/// A current-API order as `key=value` arguments (nested members by path).
pub const CURRENT_ORDER_ARGS: &[&str] = &[
    "pickup_type=self",
    "dropoff_type=courier",
    "sender.name=Example Shop",
    "sender.phone=+998900000001",
    "sender.address=Toshkent, example street 1",
    "sender.city_code=0109",
    "sender.branch_code=0154",
    "receiver.name=Example Customer",
    "receiver.phone=+998900000002",
    "receiver.address=Samarqand, example street 2",
    "receiver.city_code=3001",
    "cargo.weight=1.2",
    "cargo.piece=1",
    "cargo.packageId=8",
    "cargo.postTypeId=11",
];

/// The same order as one JSON object, with the caller's own key.
pub fn current_order_json(client_id: &str) -> String {
    serde_json::json!({
        "clientId": client_id, "pickup_type": "self", "dropoff_type": "courier",
        "sender": {"name": "Example Shop", "phone": "+998900000001",
                   "address": "Toshkent, example street 1", "city_code": "0109", "branch_code": "0154"},
        "receiver": {"name": "Example Customer", "phone": "+998900000002",
                     "address": "Samarqand, example street 2", "city_code": "3001"},
        "cargo": {"weight": 1.2, "piece": 1, "packageId": 8, "postTypeId": 11}
    })
    .to_string()
}
