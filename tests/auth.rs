//! Tokens: first login, one login shared by many threads, expiry and re-login, refused logins.

mod common;

use std::sync::{Arc, Barrier};
use std::thread;

use bts::{Client, Config, ErrorKind, Secret};
use bts_sandbox::{Fault, Sandbox};
use common::{setup, setup_with};
use serde_json::json;

#[test]
fn first_call_logs_in_once_and_reuses_the_token() {
    let (sandbox, client) = setup();
    for _ in 0..5 {
        client.call("directory/regions", json!({})).unwrap();
    }
    assert_eq!(sandbox.requests("auth/get-token"), 1);
    assert_eq!(sandbox.requests("directory/regions"), 5);
}

#[test]
fn fifty_threads_starting_at_once_share_one_login() {
    let (sandbox, client) = setup();
    sandbox.inject(
        "auth/get-token",
        Fault::Delay(std::time::Duration::from_millis(200)),
        1,
    );
    let barrier = Arc::new(Barrier::new(50));
    let threads: Vec<_> = (0..50)
        .map(|_| {
            let (client, barrier) = (client.clone(), barrier.clone());
            thread::spawn(move || {
                barrier.wait();
                client.call("directory/regions", json!({})).map(|_| ())
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap().unwrap();
    }
    assert_eq!(sandbox.requests("auth/get-token"), 1);
    assert_eq!(
        sandbox.requests("wms/auth/login"),
        0,
        "the WMS token is separate and unused"
    );
}

#[test]
fn an_expired_token_is_renewed_once_and_the_call_replayed() {
    let (sandbox, client) = setup();
    client.call("directory/regions", json!({})).unwrap();
    sandbox.expire_tokens();
    sandbox.reset_counts();
    client.call("directory/regions", json!({})).unwrap();
    assert_eq!(sandbox.requests("auth/get-token"), 1);
    assert_eq!(
        sandbox.requests("directory/regions"),
        2,
        "refused once, replayed once"
    );
}

#[test]
fn a_write_refused_for_its_token_is_replayed_once_and_created_once() {
    let (sandbox, client) = setup();
    client.auth_get_token().unwrap();
    sandbox.expire_tokens();
    sandbox.reset_counts();
    let order = client.call("order/add", common::order()).unwrap();
    assert_eq!(
        sandbox.requests("order/add"),
        2,
        "the 401 did nothing; the replay created it"
    );
    let id = order["orderId"].as_i64().unwrap();
    // Exactly one order exists: had the refused attempt created one, it would be id - 1.
    assert_eq!(client.order_detail(id - 1).unwrap_err().status(), Some(404));
}

#[test]
fn a_token_refused_twice_is_kind_auth() {
    let (sandbox, client) = setup();
    sandbox.inject("directory/regions", Fault::Unauthorized, 10);
    let err = client.call("directory/regions", json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert_eq!(err.status(), Some(401));
    assert_eq!(sandbox.requests("directory/regions"), 2);
    assert_eq!(
        sandbox.requests("auth/get-token"),
        2,
        "first login, one fresh login"
    );
}

#[test]
fn a_yii_unauthorized_body_with_status_400_triggers_a_relogin() {
    let (sandbox, client) = setup();
    client.auth_get_token().unwrap();
    let body = r#"{"name":"Unauthorized","message":"Your request was made with invalid credentials.","code":0,"status":401,"type":"yii\\web\\UnauthorizedHttpException"}"#;
    sandbox.inject(
        "order/track",
        Fault::Status {
            status: 400,
            body: body.into(),
            headers: vec![],
        },
        1,
    );
    let id = client.call("order/add", common::order()).unwrap()["orderId"].clone();
    sandbox.reset_counts();
    client.call("order/track", json!({"orderId": id})).unwrap();
    assert_eq!(sandbox.requests("auth/get-token"), 1);
    assert_eq!(sandbox.requests("order/track"), 2);
}

#[test]
fn forbidden_is_http_and_triggers_no_login() {
    let (sandbox, client) = setup();
    client.auth_get_token().unwrap();
    sandbox.reset_counts();
    sandbox.inject("directory/regions", Fault::Status { status: 403, body: r#"{"name":"Forbidden","message":"no","code":0,"status":403,"type":"yii\\web\\ForbiddenHttpException"}"#.into(), headers: vec![] }, 1);
    let err = client.call("directory/regions", json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Http);
    assert_eq!(err.status(), Some(403));
    assert_eq!(sandbox.requests("auth/get-token"), 0);
}

#[test]
fn wrong_inn_is_auth_with_the_servers_field_errors() {
    let (sandbox, client) = setup_with(|c| c.inn = "000000000".into());
    let err = client
        .call(
            "order/calculate",
            json!({"senderCityId": 3, "receiverCityId": 3, "weight": 1}),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert!(err.status().is_some_and(|s| (400..500).contains(&s)));
    assert!(err.fields().contains_key("inn"), "{:?}", err.fields());
    assert_eq!(sandbox.requests("order/calculate"), 0);
}

#[test]
fn concurrent_callers_share_a_refused_login() {
    let (sandbox, client) = setup_with(|c| c.password = Secret::new("wrong-password"));
    let barrier = Arc::new(Barrier::new(20));
    let threads: Vec<_> = (0..20)
        .map(|_| {
            let (client, barrier) = (client.clone(), barrier.clone());
            thread::spawn(move || {
                barrier.wait();
                client
                    .call("directory/regions", json!({}))
                    .unwrap_err()
                    .kind()
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), ErrorKind::Auth);
    }
    assert_eq!(
        sandbox.requests("auth/get-token"),
        1,
        "a wrong password is sent once"
    );
    // Later callers get the remembered refusal for a moment, then BTS is asked again.
    assert_eq!(
        client
            .call("directory/regions", json!({}))
            .unwrap_err()
            .kind(),
        ErrorKind::Auth
    );
    assert_eq!(sandbox.requests("auth/get-token"), 1);
    thread::sleep(std::time::Duration::from_millis(2100));
    assert_eq!(
        client
            .call("directory/regions", json!({}))
            .unwrap_err()
            .kind(),
        ErrorKind::Auth
    );
    assert_eq!(sandbox.requests("auth/get-token"), 2);
}

#[test]
fn a_preset_token_skips_login_and_a_bad_one_falls_back_to_credentials() {
    let sandbox = Sandbox::start();
    let mut config = Config::from_json(&sandbox.config_json()).unwrap();
    let client = Client::new(config.clone()).unwrap();
    client.auth_get_token().unwrap();
    // Borrow a real token through a second login is impossible (tokens never leave), so: a
    // bad preset token with credentials logs in once.
    config.token = Some(Secret::new("0123456789abcdef0123456789abcdef01234567"));
    let with_token = Client::new(config.clone()).unwrap();
    sandbox.reset_counts();
    with_token.call("directory/regions", json!({})).unwrap();
    assert_eq!(sandbox.requests("auth/get-token"), 1);
    assert_eq!(sandbox.requests("directory/regions"), 2);

    // A preset token without credentials: refused → kind auth, no login attempted.
    config.username.clear();
    config.password = Secret::default();
    let token_only = Client::new(config).unwrap();
    sandbox.reset_counts();
    let err = token_only.call("directory/regions", json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert_eq!(sandbox.requests("auth/get-token"), 0);
}

#[test]
fn no_credentials_at_all_is_auth_and_sends_nothing() {
    let sandbox = Sandbox::start();
    let client = Client::new(Config {
        base_url: sandbox.base_url(),
        wms_base_url: sandbox.wms_base_url(),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        client
            .call("directory/regions", json!({}))
            .unwrap_err()
            .kind(),
        ErrorKind::Auth
    );
    assert_eq!(
        client
            .call("wms/product/clients", json!({}))
            .unwrap_err()
            .kind(),
        ErrorKind::Auth
    );
    assert_eq!(sandbox.requests("*"), 0);
}

#[test]
fn wms_login_refused_and_renewed() {
    let (sandbox, client) = setup_with(|c| c.wms_password = Secret::new("nope"));
    let err = client.call("wms/product/clients", json!({})).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert_eq!(err.status(), Some(401));
    drop(client);

    let (sandbox2, client) = setup();
    client.call("wms/product/clients", json!({})).unwrap();
    sandbox2.expire_tokens();
    client.call("wms/product/clients", json!({})).unwrap();
    assert_eq!(sandbox2.requests("wms/auth/login"), 2);
    assert_eq!(sandbox.requests("wms/product/clients"), 0);
}

#[test]
fn a_token_expiring_by_time_is_renewed() {
    let (sandbox, client) = setup();
    sandbox.set_token_ttl(Some(std::time::Duration::from_millis(150)));
    client.call("directory/regions", json!({})).unwrap();
    thread::sleep(std::time::Duration::from_millis(300));
    client.call("directory/regions", json!({})).unwrap();
    assert_eq!(sandbox.requests("auth/get-token"), 2);
}
