//! The sandbox's required-field lists are its own code (an emulator must not borrow the
//! client's table), so this test holds the two against each other: for every body operation,
//! an empty body sent past the client's checks (through `raw`) must be refused by the sandbox
//! naming exactly the fields the table marks required.

mod common;

use std::collections::BTreeSet;

use bts::{Api, Client, ErrorKind, Shape, OPERATIONS};
use bts_sandbox::Sandbox;
use serde_json::json;

fn refused_fields(client: &Client, service: &str, route: &str) -> BTreeSet<String> {
    let err = client
        .call(
            "raw",
            json!({"service": service, "method": "POST", "route": route, "body": {"unrelated": 1}}),
        )
        .expect_err("an empty body is refused");
    assert_eq!(err.kind(), ErrorKind::Validation, "{route}: {err:?}");
    err.fields().keys().cloned().collect()
}

/// Fields the sandbox (like the live server) requires but the client leaves to the server, on
/// purpose: `cargo.packageId` is required by the live server by one report and optional by
/// another, and `sender.city_code` only when the sender is not given by coordinates
/// (`is_sender_location`). A local check would refuse valid orders.
const LEFT_TO_THE_SERVER: &[(&str, &str)] = &[
    ("order/add", "cargo.packageId"),
    ("order/add", "sender.city_code"),
    ("order/edit", "cargo.packageId"),
    ("order/edit", "sender.city_code"),
];

#[test]
fn the_sandbox_requires_what_the_table_requires() {
    let sandbox = Sandbox::start();
    let legacy = Client::from_json(&sandbox.config_json()).unwrap();
    let current = Client::from_json(&sandbox.current_config_json()).unwrap();
    let mut compared = 0;
    let mut differ = Vec::new();
    for op in OPERATIONS {
        for endpoint in op.endpoints {
            if !matches!(endpoint.shape, Shape::Body | Shape::BodyAndQuery(_))
                || endpoint.required.is_empty()
            {
                continue;
            }
            let (client, service) = match endpoint.api {
                Api::Legacy => (&legacy, "courier"),
                Api::Current => (&current, "courier"),
                Api::Wms => (&legacy, "wms"),
                Api::Local => continue,
            };
            // Fields of array items are only checked when the array has items.
            let expected: BTreeSet<String> = endpoint
                .required
                .iter()
                .filter(|r| !r.contains("[]"))
                .map(|r| r.to_string())
                .collect();
            let mut route = endpoint.route().expect("a body row has a route").to_owned();
            if let Shape::BodyAndQuery(_) = endpoint.shape {
                let id = current.call("order/add", json!({
                    "pickup_type": "self", "dropoff_type": "courier",
                    "sender": {"name": "a", "phone": "+998900000001", "address": "x", "city_code": "0109", "branch_code": "0154"},
                    "receiver": {"name": "b", "phone": "+998900000002", "address": "y", "city_code": "3001"},
                    "cargo": {"weight": 1, "piece": 1, "packageId": 8}})).unwrap()["orderId"].clone();
                route = format!("{route}?orderId={id}");
            }
            let got = if route.contains('?') {
                // `raw` routes carry no query: send the id as a query member instead.
                let (path, id) = route.split_once("?orderId=").unwrap();
                let err = client
                    .call("raw", json!({"service": service, "method": "POST", "route": path, "query": {"orderId": id}, "body": {"unrelated": 1}}))
                    .expect_err("an empty body is refused");
                err.fields().keys().cloned().collect()
            } else {
                refused_fields(client, service, &route)
            };
            let mut want = expected.clone();
            if endpoint.shape != Shape::Body {
                want.remove("orderId"); // in the query
            }
            let got: BTreeSet<String> = got
                .into_iter()
                .filter(|f| {
                    !LEFT_TO_THE_SERVER.contains(&(op.name, f.as_str()))
                        || endpoint.api != Api::Current
                })
                .collect();
            if got != want {
                differ.push(format!(
                    "{} ({}): table {want:?}, sandbox {got:?}",
                    op.name,
                    endpoint.api.as_str()
                ));
            }
            compared += 1;
        }
    }
    assert!(compared >= 12, "compared {compared}");
    assert!(
        differ.is_empty(),
        "the sandbox and the table disagree:\n{}",
        differ.join("\n")
    );
}
