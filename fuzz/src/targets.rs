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

/// Response decoding: the one-pass JSON check against serde_json's verdict (and its findings
/// against [`findings_oracle`]), and every typed model on whatever parses.
pub fn responses(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let theirs = serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
    match bts::json_check::check(text) {
        Ok(found) => {
            assert!(
                theirs,
                "json_check accepted what serde_json refuses: {text:?}"
            );
            assert_eq!(found, findings_oracle(text), "findings of {text:?}");
        }
        // serde_json has no depth limit on IgnoredAny: ours may refuse only for depth.
        Err(e) if theirs => assert_eq!(e.what, "nested too deep", "{text:?}"),
        Err(e) => assert!(e.offset <= text.len(), "{e:?} for {text:?}"),
    }
    decode_all(text);
}

/// What `json_check::check` must find in `text` (valid JSON), worked out with serde_json: the
/// top-level members in order, each name that had no escape (json_check compares names as
/// written) and each value's raw text.
pub fn findings_oracle(text: &str) -> bts::json_check::Findings {
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use serde_json::value::RawValue;

    /// A member name, if serde_json could lend it from the text (it had no escape).
    struct Name<'a>(Option<&'a str>);
    impl<'de> Deserialize<'de> for Name<'de> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Name<'de>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a member name")
                }
                fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                    Ok(Name(Some(v)))
                }
                fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                    Ok(Name(None))
                }
            }
            d.deserialize_str(V)
        }
    }

    type Members<'a> = Vec<(Name<'a>, &'a RawValue)>;
    struct Top;
    impl<'de> Visitor<'de> for Top {
        type Value = Members<'de>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(member) = map.next_entry::<Name<'de>, &'de RawValue>()? {
                out.push(member);
            }
            Ok(out)
        }
    }
    // serde_json refuses to decode a lone surrogate (`"\ud800"`), which JSON allows: every
    // `\uXXXX` becomes `\u0041`, which keeps every offset and every name's escapes.
    let mut bytes = text.as_bytes().to_vec();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            if bytes[i + 1] == b'u' {
                bytes[i + 2..i + 6].copy_from_slice(b"0041");
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    let text = std::str::from_utf8(&bytes).expect("only ASCII digits were replaced");
    let mut found = bts::json_check::Findings::default();
    if !text.trim_start().starts_with('{') {
        return found; // only an object has members
    }
    let members = serde_json::Deserializer::from_str(text)
        .deserialize_map(Top)
        .expect("the oracle runs on valid JSON");
    let span = |raw: &RawValue| {
        let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        Some(bts::json_check::Span {
            start,
            end: start + raw.get().len(),
        })
    };
    for (name, raw) in &members {
        let Name(Some(name)) = name else { continue };
        match *name {
            "errors" => found.errors |= raw.get().starts_with('{'),
            "type" => found.unauthorized |= raw.get() == r#""yii\\web\\UnauthorizedHttpException""#,
            "data" => found.data = span(raw),
            "status" => found.status = span(raw),
            "status_code" => found.status_code = span(raw),
            "message" => found.message = span(raw),
            _ => {}
        }
    }
    found
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
