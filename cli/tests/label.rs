//! `bts label` and `bts sticker` on the current API: the sticker PDF to a file.

mod common;

use bts_sandbox::Sandbox;
use common::*;
use serde_json::Value;

fn current_order(config: &TempFile, client_id: &str) -> i64 {
    let order = current_order_json(client_id);
    let data = json_line(&run(bts().args([
        "--config",
        &config.arg(),
        "order/add",
        &order,
    ])));
    data["orderId"].as_i64().unwrap_or_else(|| panic!("{data}"))
}

fn assert_pdf(summary: &Value, file: &TempFile) {
    let bytes = std::fs::read(&file.0).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    assert_eq!(summary["path"], file.arg());
    assert_eq!(summary["bytes"], bytes.len());
    assert!(summary["source"].is_string(), "{summary}");
}

#[test]
fn label_and_sticker_on_the_current_api() {
    let sandbox = Sandbox::start();
    let config = TempFile::with("current.json", &sandbox.current_config_json());
    let a = current_order(&config, "T-label-1");
    let b = current_order(&config, "T-label-2");
    let file = TempFile::new("label.pdf");
    let summary = json_line(&run(bts().args([
        "--config",
        &config.arg(),
        "label",
        &a.to_string(),
        "--output",
        &file.arg(),
    ])));
    assert_pdf(&summary, &file);
    assert!(
        sandbox.requests("current/order/sticker") >= 1,
        "the sticker route"
    );
    let file = TempFile::new("stickers.pdf");
    let summary = json_line(&run(bts().args([
        "--config",
        &config.arg(),
        "sticker",
        &a.to_string(),
        &b.to_string(),
        "-o",
        &file.arg(),
    ])));
    assert_pdf(&summary, &file);
}

#[test]
fn label_and_sticker_usage_errors() {
    for args in [
        &["label"][..],
        &["label", "1", "2", "-o", "x.pdf"][..],
        &["sticker", "1"][..],
        &["sticker", "1", "x", "-o", "x.pdf"][..],
        &["sticker", "-o", "x.pdf"][..],
    ] {
        let r = run(bts().args(args));
        assert_fails(&r, 2, "bts: ");
        assert!(r.stderr.contains("bts --help"), "{args:?}: {}", r.stderr);
    }
}
