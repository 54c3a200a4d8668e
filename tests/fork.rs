//! Fork safety, from Python (os.fork needs no unsafe there): a client makes a pooled call,
//! the process forks, and parent and child then call at the same time, 300 calls each. Every
//! reply must be the caller's own (its own order for `order/detail`, its own `clientId` for
//! `order/add`), and the server must have seen each call once. Without fork safety both
//! processes share one kept-alive socket and read each other's replies.
//! bindings/python/tests/test_fork.py has more (several children, a --preload style program).

mod common;
#[path = "common/net.rs"]
mod net;

use bts::Client;
use bts_sandbox::Sandbox;

const CALLS: u64 = 300;

fn probe(write: bool) {
    let sandbox = Sandbox::start();
    let setup = Client::from_json(&sandbox.config_json()).unwrap();
    let mut orders = [0i64; 2];
    for slot in &mut orders {
        *slot = setup.call("order/add", common::order()).unwrap()["orderId"]
            .as_i64()
            .unwrap();
    }
    sandbox.reset_counts();
    net::fork_probe(&sandbox, write, CALLS, orders);
    let route = if write { "order/add" } else { "order/detail" };
    assert_eq!(
        sandbox.requests(route) as u64,
        2 * CALLS,
        "each call sent once"
    );
}

#[test]
fn after_fork_reads_get_their_own_replies() {
    probe(false);
}

#[test]
fn after_fork_writes_get_their_own_replies() {
    probe(true);
}
