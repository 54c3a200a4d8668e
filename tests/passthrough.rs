//! Requests pass through: the caller's JSON text reaches BTS byte for byte (key order, number
//! spelling, integers beyond 64 bits), through the C ABI and through `call_json`. A loopback
//! server records what arrives.

use std::ffi::{CStr, CString};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::thread;

use bts::ffi::{bts_call, bts_client_free, bts_client_new, bts_string_free};

/// Starts a server that answers `count` requests with `200 {}` and sends each request's body
/// back through the channel.
fn recorder(count: usize) -> (String, mpsc::Receiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut writer = stream;
        for _ in 0..count {
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            tx.send(body).unwrap();
            writer
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                .unwrap();
        }
    });
    (base, rx)
}

const CALLER_TEXT: &str = r#"{"z":1,"a":12345678901234567890123,"cost":12000.00}"#;

#[test]
fn bts_call_sends_the_callers_bytes() {
    let (base, bodies) = recorder(2);
    let config = CString::new(format!(
        r#"{{"base_url":"{base}/index.php","wms_base_url":"{base}","token":"preset-token","wms_token":"preset-wms"}}"#
    ))
    .unwrap();
    // SAFETY (test): valid NUL-terminated strings, the handle is freed once below.
    unsafe {
        let client = bts_client_new(config.as_ptr(), std::ptr::null_mut());
        assert!(!client.is_null());
        // Through `raw`, whose body is the caller's object as written.
        let params = CString::new(format!(
            r#"{{"service":"courier","method":"POST","route":"v1/x","body":{CALLER_TEXT}}}"#
        ))
        .unwrap();
        let op = CString::new("raw").unwrap();
        let out = bts_call(client, op.as_ptr(), params.as_ptr());
        let envelope = CStr::from_ptr(out).to_str().unwrap().to_owned();
        bts_string_free(out);
        assert_eq!(envelope, r#"{"ok":true,"data":{}}"#);
        assert_eq!(bodies.recv().unwrap(), CALLER_TEXT.as_bytes());

        // Through a body operation: the whole parameters object is the body, as written.
        let with_required = r#"{"z":1,"a":12345678901234567890123,"cost":12000.00,"group":"g","code":"c","name":"n","full_name":"f"}"#;
        let params = CString::new(with_required).unwrap();
        let op = CString::new("wms/purveyor/create").unwrap();
        let out = bts_call(client, op.as_ptr(), params.as_ptr());
        let envelope = CStr::from_ptr(out).to_str().unwrap().to_owned();
        bts_string_free(out);
        assert_eq!(envelope, r#"{"ok":true,"data":{}}"#);
        assert_eq!(bodies.recv().unwrap(), with_required.as_bytes());
        bts_client_free(client);
    }
}

#[test]
fn call_json_sends_the_callers_bytes_and_typed_calls_serialise_once() {
    let (base, bodies) = recorder(2);
    let client = bts::Client::from_json(&format!(
        r#"{{"base_url":"{base}/index.php","token":"preset-token"}}"#
    ))
    .unwrap();
    let text = r#"{"weight":1.50,"receiverCityId":66,"senderCityId":3,"note":"é \u00e9"}"#;
    assert_eq!(client.call_json("order/calculate", text).unwrap(), "{}");
    assert_eq!(bodies.recv().unwrap(), text.as_bytes());

    let request = bts::model::PriceRequest {
        sender_city_id: Some(3),
        receiver_city_id: Some(66),
        weight: Some(2.into()),
        ..Default::default()
    };
    let quote = client.order_calculate(&request).unwrap();
    assert_eq!(quote.summary_price, None, "the recorder answers {{}}");
    let sent = bodies.recv().unwrap();
    // The request went out as the struct's one serialisation.
    assert_eq!(sent, serde_json::to_vec(&request).unwrap());
}

#[test]
fn errors_keep_their_cause() {
    use std::error::Error as _;
    let client =
        bts::Client::from_json(r#"{"base_url":"http://127.0.0.1:9/index.php","token":"t"}"#)
            .unwrap();
    let err = client
        .call_json("order/detail", r#"{"orderId": 1}"#)
        .unwrap_err();
    assert_eq!(err.kind(), bts::ErrorKind::Network);
    assert!(err.source().is_some(), "a network error keeps ureq's error");
    let err = client.call_json("order/detail", "{oops").unwrap_err();
    assert!(
        err.source().is_some(),
        "bad parameters keep serde_json's error"
    );
}
