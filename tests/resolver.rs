//! ureq resolves the host on every request and, with a timeout set, spawns a thread per lookup
//! (measured on ureq 3.5). The client's own resolver caches addresses: kept-alive calls
//! to a host name start no thread after the first lookup, and IP addresses never start one.
//! This file holds one test so that no other test's lookups run in the same process.

use bts::{Client, Config};
use bts_sandbox::Sandbox;
use serde_json::json;

#[test]
fn lookups_are_cached_and_ip_addresses_need_none() {
    let sandbox = Sandbox::start();
    let config = Config::from_json(&sandbox.config_json()).unwrap();

    let by_ip = Client::new(config.clone()).unwrap();
    let before = bts::lookup_threads_started();
    for _ in 0..50 {
        by_ip.call("directory/regions", json!({})).unwrap();
    }
    assert_eq!(
        bts::lookup_threads_started(),
        before,
        "an IP address needs no lookup"
    );

    let port = sandbox.addr().port();
    let by_name = Client::new(Config {
        base_url: format!("http://localhost:{port}/index.php"),
        wms_base_url: format!("http://localhost:{port}"),
        ..config
    })
    .unwrap();
    for _ in 0..50 {
        by_name.call("directory/regions", json!({})).unwrap();
    }
    let started = bts::lookup_threads_started() - before;
    assert_eq!(
        started, 1,
        "one lookup for localhost, then the cache: {started} threads"
    );
}
