//! Limits: deep nesting, huge strings and arrays, non-UTF-8 input — from the caller and from
//! the server — give clear errors, never a crash, a hang or unbounded memory.

mod common;

use std::ffi::{CStr, CString};

use bts::{Client, Config, ErrorKind};
use bts_sandbox::Fault;
use common::setup;

fn deep(n: usize) -> String {
    format!("{}{}", "[".repeat(n), "]".repeat(n))
}

fn deep_object(n: usize) -> String {
    format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n))
}

#[test]
fn deep_nesting_from_the_caller_is_invalid_input() {
    let (sandbox, client) = setup();
    for params in [
        deep(100_000),
        deep_object(100_000),
        format!(r#"{{"orderId": {}}}"#, deep(5000)),
    ] {
        let err = client.call_json("order/detail", &params).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{}", err.message());
    }
    assert_eq!(
        Config::from_json(&deep_object(100_000)).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(sandbox.requests("*"), 0);
}

#[test]
fn deep_nesting_from_the_server_is_decode() {
    let (sandbox, client) = setup();
    client.auth_get_token().unwrap();
    for body in [deep(200_000), deep_object(200_000)] {
        sandbox.inject(
            "directory/regions",
            Fault::Body {
                status: 200,
                content_type: "application/json".into(),
                body: body.into_bytes(),
            },
            1,
        );
        let err = client
            .call("directory/regions", serde_json::json!({}))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
        assert!(
            err.body().unwrap().len() <= bts::BODY_CAP,
            "the kept body is capped"
        );
    }
}

#[test]
fn huge_strings_and_arrays_are_refused_cleanly() {
    let (sandbox, client) = setup();
    let name = "x".repeat(10 << 20);
    let err = client.call_json(&name, "{}").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.message().len() < 300,
        "the message does not repeat the input"
    );

    let big_array = format!("[{}1]", "1,".repeat(2_000_000));
    assert_eq!(
        client
            .call_json("order/add", &big_array)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );

    let huge_id = format!(r#"{{"orderId":"{}"}}"#, "9".repeat(1 << 20));
    let err = client.call_json("order/detail", &huge_id).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.message().len() < 300);
    assert_eq!(sandbox.requests("*"), 0);
}

#[test]
fn a_huge_but_allowed_response_arrives_whole() {
    let (sandbox, client) = setup();
    client.wms_auth_login().unwrap();
    sandbox.inject("wms/product/clients", Fault::Oversize(3 << 20), 1);
    let text = client.call_json("wms/product/clients", "{}").unwrap();
    assert!(text.len() >= 3 << 20);
    serde_json::from_str::<serde_json::Value>(&text).unwrap();
}

#[test]
fn non_utf8_from_the_server_is_decode() {
    let (sandbox, client) = setup();
    client.auth_get_token().unwrap();
    sandbox.inject(
        "directory/regions",
        Fault::Body {
            status: 200,
            content_type: "application/json".into(),
            body: b"[\"\xff\xfe\"]".to_vec(),
        },
        1,
    );
    let err = client
        .call("directory/regions", serde_json::json!({}))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
}

#[test]
fn non_utf8_and_deep_input_through_the_c_abi() {
    let (_sandbox, client) = setup();
    let config = CString::new(client.config().clone().base_url).unwrap();
    drop(config);
    let good = CString::new(format!(r#"{{"base_url":"{}"}}"#, client.config().base_url)).unwrap();
    let bad_utf8 = CString::new(vec![b'{', 0xff, 0xfe, b'}']).unwrap();
    let deep_params = CString::new(deep(1_000_000)).unwrap();
    let op = CString::new("order/detail").unwrap();
    // SAFETY: valid NUL-terminated strings; every result is freed once.
    unsafe {
        let mut err = std::ptr::null_mut();
        assert!(bts::ffi::bts_client_new(bad_utf8.as_ptr(), &mut err).is_null());
        assert!(CStr::from_ptr(err)
            .to_str()
            .unwrap()
            .contains("invalid_input"));
        bts::ffi::bts_string_free(err);
        let c = bts::ffi::bts_client_new(good.as_ptr(), std::ptr::null_mut());
        assert!(!c.is_null());
        for (o, p) in [
            (bad_utf8.as_ptr(), op.as_ptr()),
            (op.as_ptr(), bad_utf8.as_ptr()),
            (op.as_ptr(), deep_params.as_ptr()),
        ] {
            let env = bts::ffi::bts_call(c, o, p);
            let text = CStr::from_ptr(env).to_str().unwrap().to_owned();
            bts::ffi::bts_string_free(env);
            assert!(text.contains(r#""kind":"invalid_input""#), "{text}");
        }
        bts::ffi::bts_client_free(c);
    }
    let _ = Client::from_json("{}").unwrap();
}
