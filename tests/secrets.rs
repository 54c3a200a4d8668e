//! Secrets: with distinctive credentials, no error message, body, field, envelope, Display or
//! Debug string ever holds the password or a token — even when a hostile server echoes them.

mod common;

use std::time::Duration;

use bts::{Client, Config, Error, Secret};
use bts_sandbox::{Fault, Sandbox};
use serde_json::json;

const PASSWORD: &str = "Pa55-Zq7-distinctive-PASSWORD";
const TOKEN: &str = "tok-9f8e7d6c-distinctive-TOKEN";
const WMS_PASSWORD: &str = "Wms-Xy3-distinctive-PASSWORD";

fn texts(e: &Error) -> Vec<String> {
    let mut out = vec![
        e.to_string(),
        format!("{e:?}"),
        format!("{e:#?}"),
        e.to_envelope(),
        e.message().to_owned(),
    ];
    out.extend(e.body().map(str::to_owned));
    out.extend(
        e.fields()
            .iter()
            .flat_map(|(k, v)| std::iter::once(k.clone()).chain(v.iter().cloned())),
    );
    out
}

fn assert_clean(what: &str, texts: &[String]) {
    for t in texts {
        for secret in [
            PASSWORD,
            TOKEN,
            WMS_PASSWORD,
            bts_sandbox::COURIER_PASSWORD,
            bts_sandbox::WMS_PASSWORD,
        ] {
            assert!(!t.contains(secret), "{what}: a secret leaked: {t}");
        }
    }
}

fn hostile(sandbox: &Sandbox, route: &str, status: u16) {
    let echo = format!(
        r#"{{"errors":{{"password":["{PASSWORD} is wrong"],"token":["{TOKEN}"]}},"echo":"Bearer {TOKEN} {WMS_PASSWORD}"}}"#
    );
    sandbox.inject(
        route,
        Fault::Status {
            status,
            body: echo,
            headers: vec![],
        },
        10,
    );
}

#[test]
fn no_secret_in_any_error_or_debug_string() {
    let sandbox = Sandbox::start();
    let base = Config::from_json(&sandbox.config_json()).unwrap();
    let mut collected: Vec<String> = Vec::new();

    // A refused login with a distinctive password.
    let mut config = base.clone();
    config.password = Secret::new(PASSWORD);
    config.wms_password = Secret::new(WMS_PASSWORD);
    let client = Client::new(config.clone()).unwrap();
    collected.extend(texts(
        &client
            .call("order/track", json!({"orderId": 1}))
            .unwrap_err(),
    ));
    collected.extend(texts(
        &client.call("wms/product/clients", json!({})).unwrap_err(),
    ));
    collected.push(format!("{config:?}"));
    collected.push(format!("{client:?}"));

    // A pre-set token refused, with no credentials to fall back on.
    let mut config = base.clone();
    config.username.clear();
    config.token = Some(Secret::new(TOKEN));
    let client = Client::new(config.clone()).unwrap();
    collected.extend(texts(
        &client.call("directory/regions", json!({})).unwrap_err(),
    ));
    collected.push(format!("{config:?}"));

    // A hostile server echoing credentials in a validation body, a 500 and a login refusal.
    let mut config = base.clone();
    config.token = Some(Secret::new(TOKEN));
    config.password = Secret::new(PASSWORD);
    config.wms_password = Secret::new(WMS_PASSWORD);
    let client = Client::new(config).unwrap();
    hostile(&sandbox, "directory/regions", 422);
    collected.extend(texts(
        &client.call("directory/regions", json!({})).unwrap_err(),
    ));
    hostile(&sandbox, "directory/cities", 500);
    collected.extend(texts(
        &client.call("directory/cities", json!({})).unwrap_err(),
    ));
    hostile(&sandbox, "wms/auth/login", 401);
    collected.extend(texts(
        &client.call("wms/product/clients", json!({})).unwrap_err(),
    ));
    sandbox.clear_faults();

    // A timeout and a bad configuration.
    let mut config = base.clone();
    config.timeout_ms = 300;
    let client = Client::new(config).unwrap();
    sandbox.inject("directory/regions", Fault::Stall(Duration::from_secs(2)), 1);
    collected.extend(texts(
        &client.call("directory/regions", json!({})).unwrap_err(),
    ));
    let bad = format!(r#"{{"pasword":"{PASSWORD}","token":"{TOKEN}","timeout_ms":"{PASSWORD}"}}"#);
    collected.extend(texts(&Config::from_json(&bad).unwrap_err()));

    assert!(collected.len() > 40);
    assert_clean("errors", &collected);
}

#[test]
fn no_secret_through_the_c_abi() {
    use std::ffi::{CStr, CString};
    let sandbox = Sandbox::start();
    let mut config: serde_json::Value = serde_json::from_str(&sandbox.config_json()).unwrap();
    config["password"] = json!(PASSWORD);
    let mut out = Vec::new();
    for (cfg, op) in [
        (config.to_string(), "order/calculate"),
        (format!(r#"{{"pasword":"{PASSWORD}"}}"#), "order/calculate"),
    ] {
        let cfg = CString::new(cfg).unwrap();
        let mut err: *mut std::ffi::c_char = std::ptr::null_mut();
        // SAFETY: valid strings; every returned string is freed once.
        unsafe {
            let client = bts::ffi::bts_client_new(cfg.as_ptr(), &mut err);
            if client.is_null() {
                out.push(CStr::from_ptr(err).to_str().unwrap().to_owned());
                bts::ffi::bts_string_free(err);
                continue;
            }
            let op = CString::new(op).unwrap();
            let params =
                CString::new(r#"{"senderCityId":3,"receiverCityId":3,"weight":1}"#).unwrap();
            let env = bts::ffi::bts_call(client, op.as_ptr(), params.as_ptr());
            out.push(CStr::from_ptr(env).to_str().unwrap().to_owned());
            bts::ffi::bts_string_free(env);
            bts::ffi::bts_client_free(client);
        }
    }
    assert_eq!(out.len(), 2);
    assert!(out.iter().all(|e| e.contains(r#""ok":false"#)));
    assert_clean("envelopes", &out);
}
