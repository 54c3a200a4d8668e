//! Configuration: defaults, unknown keys named, wrong types named, secrets hidden.

use bts::{Client, Config, ErrorKind, CONFIG_KEYS};

#[test]
fn defaults_are_the_documented_ones() {
    let c = Config::default();
    assert_eq!(c.base_url, "http://api.bts.uz:8080/index.php");
    assert_eq!(c.wms_base_url, "http://wms.bts.uz:8040");
    assert_eq!(
        (c.timeout_ms, c.connect_timeout_ms, c.max_retries),
        (30_000, 10_000, 2)
    );
    assert_eq!(Config::from_json("{}").unwrap(), c);
}

#[test]
fn every_key_parses() {
    let legacy = r#"{"courier_api":"legacy","base_url":"https://api.bts.uz/index.php","username":"u","password":"p","inn":"1",
        "token":"t","wms_base_url":"http://w","wms_login":"l","wms_password":"wp","wms_token":"wt",
        "timeout_ms":1000,"connect_timeout_ms":"500","max_retries":0,"page_concurrency":8,"user_agent":"shop/1",
        "max_response_bytes":2048,"routes":{"order/calculate":"v1/order/calculate"},
        "journal":"/tmp/bts-journal.jsonl","journal_keep_days":7,"token_cache":"/tmp/bts-tokens.json","log":"stderr",
        "proxy":"http://u:p@proxy.example:3128","no_proxy":"bts.uz","ca_file":"/etc/bts/roots.pem"}"#;
    let c = Config::from_json(legacy).unwrap();
    assert_eq!(c.connect_timeout_ms, 500, "numbers as strings are accepted");
    assert_eq!(c.user_agent, "shop/1");
    assert_eq!(c.page_concurrency, 8);
    // The current API's own keys, on a client of the current API.
    let current = r#"{"courier_api":"current","login":"l","password":"p","refresh_token":"r","language":"ru"}"#;
    let c = Config::from_json(current).unwrap();
    assert_eq!(c.base_url, bts::DEFAULT_CURRENT_BASE_URL);
    assert_eq!(c.language, "ru");
    let mut keys: Vec<String> = Vec::new();
    for json in [legacy, current] {
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).unwrap();
        keys.extend(map.keys().cloned());
    }
    keys.sort();
    keys.dedup();
    let mut known: Vec<&str> = CONFIG_KEYS.to_vec();
    known.sort();
    assert_eq!(keys, known, "the test names every key");
}

#[test]
fn a_key_of_the_other_courier_api_is_named() {
    let err =
        Config::from_json(r#"{"courier_api":"current","username":"u","inn":"1"}"#).unwrap_err();
    assert!(
        err.fields()["username"][0].contains("legacy"),
        "{:?}",
        err.fields()
    );
    assert!(err.fields().contains_key("inn"));
    let err = Config::from_json(r#"{"login":"l","refresh_token":"r"}"#).unwrap_err();
    assert!(
        err.fields()["login"][0].contains("current"),
        "{:?}",
        err.fields()
    );
    let err = Config::from_json(r#"{"routes":{"order/teleport":"v1/x"}}"#).unwrap_err();
    assert!(err.fields().contains_key("routes"));
}

#[test]
fn unknown_keys_and_bad_values_are_named() {
    let err =
        Config::from_json(r#"{"usrname":"x","timeout_ms":"soon","max_retries":-1}"#).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    for key in ["usrname", "timeout_ms", "max_retries"] {
        assert!(err.fields().contains_key(key), "{key}: {:?}", err.fields());
        assert!(err.message().contains(key));
    }
    let err = Config::from_json(r#"{"base_url":"ftp://x","timeout_ms":0}"#).unwrap_err();
    assert!(err.fields().contains_key("base_url") && err.fields().contains_key("timeout_ms"));
    assert_eq!(
        Config::from_json("[1]").unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        Config::from_json("{").unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        Client::from_json(r#"{"pasword":"x"}"#).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn debug_never_shows_a_secret() {
    let c = Config::from_json(
        r#"{"password":"Pa55-Secret-1","token":"Tok-Secret-2","wms_password":"Wms-Secret-3","wms_token":"Wms-Tok-4"}"#,
    )
    .unwrap();
    let client = Client::new(c.clone()).unwrap();
    for text in [format!("{c:?}"), format!("{c:#?}"), format!("{client:?}")] {
        for secret in ["Pa55-Secret-1", "Tok-Secret-2", "Wms-Secret-3", "Wms-Tok-4"] {
            assert!(!text.contains(secret), "{secret} leaked in {text}");
        }
    }
}

#[test]
fn the_message_alone_says_what_is_wrong() {
    let err =
        Config::from_json(r#"{"courier_api":"current","username":"u","login":"l"}"#).unwrap_err();
    assert_eq!(
        err.message(),
        "bad configuration: username is a key of the legacy courier API, but courier_api is \"current\""
    );
    let err = Config::from_json(r#"{"usrname":"x","timeout_ms":"soon"}"#).unwrap_err();
    let message = err.message();
    assert!(
        message.starts_with(
            "bad configuration: timeout_ms must be a whole number of at least 0; \
             usrname is not a configuration key (known keys: courier_api, "
        ),
        "{message}"
    );
    let err = Config::from_json(r#"{"timeout_ms":0,"language":"de"}"#).unwrap_err();
    assert!(
        err.message()
            .contains("language must be \"uz\", \"ru\" or \"en\"")
            && err
                .message()
                .contains("timeout_ms must be between 1 and 86400000"),
        "{}",
        err.message()
    );
    let client = Client::from_json("{}").unwrap();
    let err = client.call_json("order/detail", "{}").unwrap_err();
    assert_eq!(
        err.message(),
        "order/detail: orderId is required (nothing was sent)"
    );
}
