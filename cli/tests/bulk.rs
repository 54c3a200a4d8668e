//! `bts bulk`: NDJSON in, one numbered envelope per input line out, errors per line, and the
//! create-once journal across a re-run.

mod common;

use bts_sandbox::Sandbox;
use common::*;
use serde_json::Value;

fn lines(r: &Run) -> Vec<Value> {
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn one_result_line_per_input_line_with_errors_per_line() {
    let sandbox = Sandbox::start();
    let order = ORDER.replace('\n', "");
    let input = format!(
        "{PRICE}\n{{not json\n\n{{\"senderCityId\":3}}\n{order}\n{}\n",
        order.replace("\"senderCityId\":3", "\"senderCityId\":999999")
    );
    let r = run_with_stdin(bts_env(&sandbox).args(["bulk", "order/calculate"]), &input);
    let out = lines(&r);
    assert_eq!(out.len(), 5, "blank line 3 gets no line: {}", r.stdout);
    let numbers: Vec<i64> = out.iter().map(|l| l["line"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 4, 5, 6]);
    assert!(
        r.stdout.starts_with("{\"line\":1,\"ok\":true,"),
        "{}",
        r.stdout
    );
    assert_eq!(out[0]["data"]["summaryPrice"], 10000);
    assert_eq!(out[1]["ok"], false);
    assert_eq!(out[1]["error"]["kind"], "invalid_input");
    assert_eq!(out[2]["error"]["kind"], "invalid_input", "missing fields");
    assert_eq!(
        out[3]["ok"], true,
        "an order's fields price too: {}",
        out[3]
    );
    assert_eq!(out[4]["error"]["kind"], "validation", "{}", out[4]);
    assert_eq!(r.code, 2, "the first failure's kind: invalid_input");
    assert_eq!(
        sandbox.requests("order/calculate"),
        3,
        "the local refusals sent nothing"
    );
}

#[test]
fn bulk_creates_from_a_file_into_a_file_and_exits_0() {
    let sandbox = Sandbox::start();
    let order = ORDER.replace('\n', "");
    let input = TempFile::with("orders.ndjson", &format!("{order}\n{order}\n{order}\n"));
    let output = TempFile::new("results.ndjson");
    let r = run(bts_env(&sandbox).args([
        "bulk",
        "order/add",
        "--input",
        &input.arg(),
        "--output",
        &output.arg(),
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "", "the results went to the file");
    let written = std::fs::read_to_string(&output.0).unwrap();
    let ids: Vec<i64> = written
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["data"]["orderId"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(ids[0] < ids[1] && ids[1] < ids[2], "{ids:?}");
    assert_eq!(sandbox.requests("order/add"), 3);
}

#[test]
fn bulk_usage_errors() {
    for args in [
        &["bulk"][..],
        &["bulk", "order/add", "extra"][..],
        &["bulk", "order/add", "--pretty"][..],
    ] {
        let r = run(bts().args(args));
        assert_fails(&r, 2, "bts: ");
        assert!(r.stderr.contains("bts --help"), "{args:?}: {}", r.stderr);
    }
    let r = run(bts().args(["bulk", "order/teleport"]));
    assert_fails(&r, 2, "bts: invalid_input: unknown operation");
    let r = run(bts().args(["bulk", "order/add", "--input", "/nonexistent/in.ndjson"]));
    assert_fails(
        &r,
        2,
        "bts: invalid_input: could not read /nonexistent/in.ndjson",
    );
}

#[test]
fn a_rerun_with_the_journal_creates_nothing_twice() {
    let sandbox = Sandbox::start();
    let config = TempFile::with("current.json", &sandbox.current_config_json());
    let journal = TempFile::new("orders.journal");
    let all = format!(
        "{}\n{}\n{}\n",
        current_order_json("T-bulk-1"),
        current_order_json("T-bulk-2"),
        current_order_json("T-bulk-3")
    );
    // The first run "crashes" after two lines: it saw only those.
    let first: String = all.lines().take(2).map(|l| format!("{l}\n")).collect();
    let bulk = |input: &str| {
        run_with_stdin(
            bts().args([
                "--config",
                &config.arg(),
                "bulk",
                "order/add",
                "--journal",
                &journal.arg(),
            ]),
            input,
        )
    };
    let r = bulk(&first);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let created = lines(&r);
    assert_eq!(sandbox.requests("current/order/add"), 2);
    // The re-run with the whole input: two replayed, one new.
    let r = bulk(&all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let again = lines(&r);
    assert_eq!(again.len(), 3);
    assert_eq!(
        sandbox.requests("current/order/add"),
        3,
        "nothing was created twice"
    );
    for i in 0..2 {
        assert_eq!(again[i]["replayed"], true, "{}", again[i]);
        assert_eq!(again[i]["data"]["orderId"], created[i]["data"]["orderId"]);
    }
    assert_ne!(again[2]["replayed"], true);
    assert!(again[2]["data"]["orderId"].is_number(), "{}", again[2]);
}

#[test]
fn parallel_lines_come_out_in_input_order() {
    let sandbox = Sandbox::start();
    let product = |code: &str| {
        format!(
            r#"{{"group":"G","code":"{code}","name":"N","full_name":"F","gtin":"1","article":"A","nomenclature_type":"T","unit":"u","shelf_life_stock":1,"kis_code":"K","is_set":false,"weight":1,"net_weight":1,"volume":1,"net_volume":1,"specification":"S","temperature_mode":"M","base_packaging":"B"}}"#
        )
    };
    let mut input = String::new();
    for i in 0..24 {
        if i == 5 {
            input.push('\n'); // a blank line: no result line
        }
        if i == 9 {
            input.push_str("{not json\n");
        }
        input.push_str(&product(&format!("P{i:02}")));
        input.push('\n');
    }
    // Log in first, then make the first creates slow: later lines finish first.
    sandbox.inject(
        "wms/product/create",
        bts_sandbox::Fault::Delay(std::time::Duration::from_millis(400)),
        3,
    );
    let started = std::time::Instant::now();
    let r = run_with_stdin(
        bts_env(&sandbox).args(["bulk", "wms/product/create", "--parallel", "8"]),
        &input,
    );
    let took = started.elapsed();
    let out = lines(&r);
    assert_eq!(out.len(), 25, "{}", r.stdout);
    let numbers: Vec<i64> = out.iter().map(|l| l["line"].as_i64().unwrap()).collect();
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    assert_eq!(numbers, sorted, "input order");
    assert!(!numbers.contains(&6), "the blank line 6 gets no result");
    let codes: Vec<&str> = out
        .iter()
        .filter(|l| l["ok"] == true)
        .map(|l| l["data"]["data"]["code"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (0..24).map(|i| format!("P{i:02}")).collect();
    assert_eq!(codes, expected);
    assert_eq!(out[9]["error"]["kind"], "invalid_input", "{}", out[9]);
    assert_eq!(r.code, 2, "the first failure's kind: invalid_input");
    assert!(
        took < std::time::Duration::from_millis(1200),
        "3 slow lines side by side: {took:?}"
    );

    let r = run(bts().args(["bulk", "wms/product/create", "--parallel", "17"]));
    assert_fails(&r, 2, "bts: --parallel takes 1 to 16");
}
