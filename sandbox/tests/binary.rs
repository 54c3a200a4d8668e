//! The `bts-sandbox` binary: one JSON line, then serving until killed.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn prints_one_json_line_then_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bts-sandbox"))
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn bts-sandbox");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let v: Value = serde_json::from_str(&line).expect("one JSON line");
    assert!(line.starts_with("{\"base_url\":\"http://127.0.0.1:"));
    let base = v["base_url"].as_str().unwrap();
    assert!(base.ends_with("/index.php"));
    assert_eq!(v["accounts"]["courier"]["username"], "demo");
    assert_eq!(v["accounts"]["courier"]["password"], "demo-secret");
    assert_eq!(v["accounts"]["courier"]["inn"], "123456789");
    assert_eq!(v["accounts"]["wms"]["login"], "demo");
    assert_eq!(v["accounts"]["wms"]["password"], "demo-wms-secret");
    assert_eq!(v["config"]["base_url"], v["base_url"]);
    assert_eq!(v["config"]["wms_base_url"], v["wms_base_url"]);
    assert_eq!(v["config"]["wms_password"], "demo-wms-secret");

    let hostport = v["wms_base_url"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://");
    let mut s = TcpStream::connect(hostport).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(b"GET /__sandbox/counts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    assert!(resp.starts_with("HTTP/1.1 200 OK\r\n"), "{resp}");
    assert!(resp.ends_with("{\"*\":0}"), "{resp}");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn help_and_bad_arguments() {
    let out = Command::new(env!("CARGO_BIN_EXE_bts-sandbox"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--listen"));
    let out = Command::new(env!("CARGO_BIN_EXE_bts-sandbox"))
        .arg("--frobnicate")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_bts-sandbox"))
        .args(["--listen", "not-an-address"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}
