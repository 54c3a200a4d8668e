//! TLS roots: the bundled Mozilla roots by default, `ca_file` adds roots. Against a loopback
//! TLS front whose certificate was signed by a CA this test makes (a network that intercepts
//! TLS looks the same to a client): without `ca_file` the handshake fails (kind `network`,
//! nothing sent); with the CA in `ca_file` the same call succeeds. A bad `ca_file` is
//! `invalid_input` when the client is made.

mod common;
#[path = "common/net.rs"]
mod net;

use std::path::{Path, PathBuf};

use bts::{Client, Config, ErrorKind};
use bts_sandbox::Sandbox;
use net::TlsFront;
use serde_json::json;

fn scratch() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("tls")
}

fn config_via(front: &TlsFront, sandbox: &Sandbox, ca_file: Option<PathBuf>) -> Config {
    let mut config = Config::from_json(&sandbox.config_json()).unwrap();
    config.base_url = format!("{}/index.php", front.origin());
    config.wms_base_url = front.origin();
    config.timeout_ms = 5000;
    config.ca_file = ca_file;
    config
}

#[test]
fn without_ca_file_an_intercepting_certificate_is_refused() {
    let sandbox = Sandbox::start();
    let front = TlsFront::start(sandbox.addr());
    let client = Client::new(config_via(&front, &sandbox, None)).unwrap();
    let err = client.call("directory/regions", json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
    assert!(err.message().contains("TLS"), "{err:?}");
    assert!(
        err.message().contains("ca_file"),
        "the error says what to do: {err:?}"
    );
    assert!(
        !err.may_have_reached_server(),
        "a failed handshake sent nothing"
    );
    assert_eq!(front.handshakes(), 0);
    assert_eq!(sandbox.requests("auth/get-token"), 0);
    assert_eq!(sandbox.requests("directory/regions"), 0);
}

#[test]
fn with_ca_file_the_same_call_succeeds_and_keeps_its_connection() {
    let sandbox = Sandbox::start();
    let front = TlsFront::start(sandbox.addr());
    let ca = front.ca_file(&scratch());
    let client = Client::new(config_via(&front, &sandbox, Some(ca))).unwrap();
    let regions = client.call("directory/regions", json!({})).unwrap();
    assert!(regions.is_array() || regions.is_object(), "{regions}");
    for _ in 0..5 {
        client.call("directory/regions", json!({})).unwrap();
    }
    assert_eq!(sandbox.requests("directory/regions"), 6);
    assert_eq!(
        front.handshakes(),
        1,
        "login and six calls over one kept-alive TLS connection"
    );
    // A write through the intercepting network too.
    let created = client.call("order/add", common::order()).unwrap();
    assert!(created["orderId"].is_number(), "{created}");
}

#[test]
fn ca_file_adds_to_the_bundled_roots_it_does_not_replace_them() {
    // Two fronts with two different CAs: a client trusting one still refuses the other (the
    // file is not "trust everything"), and trusting the file keeps the default roots too
    // (shown in src/transport.rs's unit test, which counts the store).
    let sandbox = Sandbox::start();
    let trusted = TlsFront::start(sandbox.addr());
    let other = TlsFront::start(sandbox.addr());
    let ca = trusted.ca_file(&scratch());
    let mut config = config_via(&other, &sandbox, Some(ca));
    config.max_retries = 0;
    let err = Client::new(config)
        .unwrap()
        .call("directory/regions", json!({}))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
}

#[test]
fn a_bad_ca_file_is_invalid_input_when_the_client_is_made() {
    let dir = scratch();
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    let text = dir.join("not-pem.pem");
    std::fs::write(&text, "this is not a certificate\n").unwrap();
    let key_only = dir.join("key-only.pem");
    std::fs::write(
        &key_only,
        rcgen::KeyPair::generate().unwrap().serialize_pem(),
    )
    .unwrap();
    let broken = dir.join("broken.pem");
    std::fs::write(
        &broken,
        "-----BEGIN CERTIFICATE-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let missing = dir.join("does-not-exist.pem");
    for path in [empty, text, key_only, broken, missing] {
        let config = Config {
            ca_file: Some(path.clone()),
            ..Default::default()
        };
        let err = Client::new(config).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{path:?}: {err:?}");
        assert!(
            err.fields().contains_key("ca_file"),
            "{path:?}: {:?}",
            err.fields()
        );
        assert!(err.message().contains("ca_file"), "{path:?}: {err:?}");
    }
    // The JSON key reaches the same check.
    let err = Client::from_json(r#"{"ca_file": "/nonexistent/roots.pem"}"#).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.message().contains("/nonexistent/roots.pem"), "{err:?}");
}

#[test]
fn tls_through_a_connect_proxy_uses_the_same_roots() {
    // The corporate set-up: a CONNECT proxy and an intercepting CA; TLS runs inside the tunnel.
    let sandbox = Sandbox::start();
    let front = TlsFront::start(sandbox.addr());
    let proxy = net::ConnectProxy::start();
    let mut config = config_via(&front, &sandbox, Some(front.ca_file(&scratch())));
    config.proxy = Some(proxy.url());
    let client = Client::new(config).unwrap();
    client.call("directory/regions", json!({})).unwrap();
    let origin = front.origin();
    let want = origin.trim_start_matches("https://");
    let seen = proxy.connects();
    assert!(
        !seen.is_empty() && seen.iter().all(|c| c.target == want),
        "{seen:?}"
    );
    assert_eq!(front.handshakes(), 1);
}
