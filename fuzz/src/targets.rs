//! Fuzz target bodies. No network: the client points at a closed loopback port with a pre-set
//! token, no retries and a short timeout, so a call that passes the local checks fails fast
//! with `network`.

use std::ffi::{c_char, CStr, CString};
use std::sync::OnceLock;

const CONFIG: &str = r#"{"base_url":"http://127.0.0.1:9/index.php","wms_base_url":"http://127.0.0.1:9","token":"fuzz-token","wms_token":"fuzz-token","max_retries":0,"timeout_ms":200,"connect_timeout_ms":100}"#;

struct Client(*mut bts::ffi::BtsClient);
// SAFETY: a BtsClient may be used from any thread.
unsafe impl Send for Client {}
unsafe impl Sync for Client {}

fn client() -> &'static Client {
    static CLIENT: OnceLock<Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        let config = CString::new(CONFIG).expect("no NUL");
        // SAFETY: a valid string; error_out may be NULL.
        Client(unsafe { bts::ffi::bts_client_new(config.as_ptr(), std::ptr::null_mut()) })
    })
}

/// Takes and checks an envelope: valid JSON, `ok` true or an error with a known kind.
fn envelope(ptr: *mut c_char) {
    assert!(!ptr.is_null(), "bts returned NULL");
    // SAFETY: a string from the library, freed once below.
    let text = unsafe { CStr::from_ptr(ptr) }
        .to_str()
        .expect("envelopes are UTF-8")
        .to_owned();
    unsafe { bts::ffi::bts_string_free(ptr) };
    let v: serde_json::Value = serde_json::from_str(&text).expect("envelopes are JSON");
    if v["ok"] != true {
        let kind = v["error"]["kind"].as_str().expect("an error has a kind");
        assert!(
            [
                "invalid_input",
                "validation",
                "auth",
                "http",
                "timeout",
                "network",
                "decode"
            ]
            .contains(&kind),
            "unexpected kind {kind} in {text}"
        );
    }
}

/// The C ABI entry points. First byte: 0 → the rest is a configuration for
/// `bts_client_new`; otherwise the rest is `operation NUL params` for `bts_call`.
pub fn ffi(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    // C strings end at the first NUL: the pieces cannot contain one.
    let mut parts = rest.splitn(2, |&b| b == 0);
    let first = CString::new(parts.next().unwrap_or_default()).expect("split at NUL");
    if mode == 0 {
        let mut err: *mut c_char = std::ptr::null_mut();
        // SAFETY: valid string and out-pointer.
        let c = unsafe { bts::ffi::bts_client_new(first.as_ptr(), &mut err) };
        if c.is_null() {
            envelope(err);
        } else {
            assert!(err.is_null());
            // SAFETY: a live handle, freed once.
            unsafe { bts::ffi::bts_client_free(c) };
        }
        return;
    }
    let params = CString::new(
        parts
            .next()
            .unwrap_or(b"{}")
            .split(|&b| b == 0)
            .next()
            .unwrap_or_default(),
    )
    .expect("split at NUL");
    // SAFETY: a live handle and valid strings.
    envelope(unsafe { bts::ffi::bts_call(client().0, first.as_ptr(), params.as_ptr()) });
}

/// Response decoding: the one-pass JSON check against serde_json's verdict, and every typed
/// model on whatever parses.
pub fn responses(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let theirs = serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
    match bts::json_check::check(text) {
        Ok(_) => assert!(
            theirs,
            "json_check accepted what serde_json refuses: {text:?}"
        ),
        // serde_json has no depth limit on IgnoredAny: ours may refuse only for depth.
        Err(e) if theirs => assert_eq!(e.what, "nested too deep", "{text:?}"),
        Err(_) => {}
    }
    decode_all(text);
}

macro_rules! decode_each {
    ($text:expr, $($t:ty),* $(,)?) => {
        $(
            if let Ok(v) = serde_json::from_str::<$t>($text) {
                let again = serde_json::to_string(&v).expect("a decoded model encodes");
                serde_json::from_str::<$t>(&again).expect("an encoded model decodes");
            }
        )*
    };
}

fn decode_all(text: &str) {
    use bts::model::*;
    decode_each!(
        text,
        Order,
        CancelResult,
        PriceQuote,
        Track,
        Vec<HistoryEvent>,
        Vec<CancellationReason>,
        InternationalOrder,
        InternationalTrack,
        ManifestResult,
        Vec<Branch>,
        Vec<Region>,
        Vec<City>,
        Created<Purveyor>,
        Created<Product>,
        Created<ReceivingGoods>,
        ListResponse<Purveyor>,
        ListResponse<Product>,
        ListResponse<ReceivingGoods>,
        Message,
        OrderRequest,
        InternationalOrderRequest,
        ProductRequest,
        current::Order,
        current::OrderRequest,
        current::OrderState,
        current::PriceQuote,
        current::StatusNotification,
        Created<WmsOrder>,
        WmsOrderRequest,
    );
}
