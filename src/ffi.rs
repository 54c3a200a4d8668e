//! The C ABI: JSON strings in, JSON envelopes out. The only module with `unsafe` code.
//!
//! Every exported body runs inside `boundary`, which catches panics (a panic becomes an
//! `internal` envelope, or NULL/0 where no envelope fits), so no unwind ever reaches the host:
//! a PHP-FPM worker, a 1C server or a Python interpreter. Pointers are checked for NULL and
//! strings for UTF-8 in `text_arg`; every returned `char *` is made by `hand_over` and
//! reclaimed only by [`bts_string_free`]; a `BtsClient *` is a boxed [`Client`] made by
//! [`bts_client_new`] and freed only by [`bts_client_free`].
//!
//! The C string layout is this module's own business: the library's core answers plain Rust
//! values (a [`Replied`] or an [`Error`]), and `hand_over` writes the envelope once into a
//! buffer of its own, `HEADER` bytes (the buffer's capacity), then the NUL-terminated text. C
//! gets a pointer past the header; `bts_string_free` reads the capacity back from before the
//! pointer and frees exactly that buffer, with no `strlen`.

use std::ffi::{c_char, CStr};
use std::mem::{size_of, ManuallyDrop};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use crate::client::Client;
use crate::error::{Error, ErrorKind};
use crate::journal::Replied;

/// The ABI version: bumped on any incompatible change of these functions or the envelope.
pub const BTS_ABI_VERSION: u32 = 1;

/// An opaque client handle. Create it with `bts_client_new`, use it from any number of threads
/// at once, free it once with `bts_client_free`.
pub struct BtsClient {
    client: Client,
}

/// Runs `f`, turning a panic into `fallback(panic message)`.
fn boundary<T>(fallback: impl FnOnce(&str) -> T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("no message");
        fallback(message)
    })
}

/// The envelope for a panic caught at the boundary. The panic message is library text (it
/// never holds a credential: no panic message in bts formats one).
fn panic_envelope(message: &str) -> *mut c_char {
    let short: String = message.chars().take(300).collect();
    to_c(
        Error::internal(format!(
            "bts caught a panic inside the library ({short}); please report it"
        ))
        .to_envelope(),
    )
}

/// Bytes before every string handed to C: the capacity of its buffer (one native `usize`).
const HEADER: usize = size_of::<usize>();

/// Hands a Rust string to C. Owned by the caller, released with `bts_string_free`.
fn to_c(text: String) -> *mut c_char {
    if text.as_bytes().contains(&0) {
        // JSON never holds a raw NUL byte; answer with an envelope rather than lose the call.
        let error = Error::internal("a result contained a NUL byte and cannot be returned to C");
        return hand_over(&[error.to_envelope().as_bytes()]);
    }
    hand_over(&[text.as_bytes()])
}

/// Hands the envelope of a call's outcome to C without scanning it for NUL bytes: it holds
/// none. `data` passed the JSON check, which rejects a raw NUL anywhere (JSON allows none
/// outside strings and no control character inside them), and error envelopes are serde_json
/// output, which escapes control characters.
fn envelope_to_c(outcome: Result<Replied, Error>) -> *mut c_char {
    match outcome {
        Ok(replied) => {
            debug_assert!(!replied.data.as_bytes().contains(&0));
            let head = replied.head();
            envelope_in_place(head, replied.data)
        }
        Err(error) => hand_over(&[error.to_envelope().as_bytes()]),
    }
}

/// Gives C the success envelope `head` + `data` + `}` in `data`'s own buffer: the text moves up
/// by the header and `head` inside the buffer it was read into, whose pages are already mapped
/// and in cache. A new buffer instead (one more allocation of the body's size, and a copy into
/// fresh pages) measured 1.43 -> 2.42 ms per 1 MiB list page and 16.6 -> 29.6 ms per 10 MiB page
/// (`bench_c latency`, wms/product/clients, 5 rounds each, both pinned to one CPU). Moved in
/// place, the medians are within 2% of the old layout, which read the body after room for the
/// envelope's head (1 MiB: 1.350 -> 1.374 ms over 11 rounds; 10 MiB: 16.47 -> 16.63 ms): one
/// memmove of the body, in cache, instead of threading that room through every layer. The
/// text holds no NUL.
fn envelope_in_place(head: &str, data: String) -> *mut c_char {
    let mut bytes = data.into_bytes();
    let len = bytes.len();
    let front = HEADER + head.len();
    // Room for the front, `}` and the NUL at once: the pushes below do not reallocate.
    bytes.reserve_exact(front + 2);
    bytes.resize(len + front, 0);
    bytes.copy_within(0..len, front);
    bytes[HEADER..front].copy_from_slice(head.as_bytes());
    bytes.push(b'}');
    bytes.push(0);
    let_go(bytes)
}

/// Lets go of `bytes` (a [`HEADER`], then NUL-terminated text) for C: writes its capacity into
/// the header, for `bts_string_free`, and answers a pointer to the text.
fn let_go(mut bytes: Vec<u8>) -> *mut c_char {
    let capacity = bytes.capacity();
    bytes[..HEADER].copy_from_slice(&capacity.to_ne_bytes());
    let mut bytes = ManuallyDrop::new(bytes);
    // SAFETY: `HEADER` is below the length, so the pointer stays inside the buffer.
    unsafe { bytes.as_mut_ptr().add(HEADER) }.cast()
}

/// Gives C the text `parts` joined, NUL-terminated, in one new buffer after its [`HEADER`].
/// The text holds no NUL.
fn hand_over(parts: &[&[u8]]) -> *mut c_char {
    let len: usize = parts.iter().map(|part| part.len()).sum();
    let mut bytes = Vec::with_capacity(HEADER + len + 1);
    bytes.extend_from_slice(&[0; HEADER]);
    for part in parts {
        bytes.extend_from_slice(part);
    }
    bytes.push(0);
    let_go(bytes)
}

/// Reads a C string argument: NULL and invalid UTF-8 are `invalid_input` errors naming `what`.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that stays valid for `'a`.
unsafe fn text_arg<'a>(p: *const c_char, what: &str) -> Result<&'a str, Error> {
    if p.is_null() {
        return Err(Error::invalid_input(format!("{what} is NULL")));
    }
    // SAFETY: not NULL, and the caller promises a NUL-terminated string valid for the call.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|e| {
        Error::invalid_input(format!(
            "{what} is not valid UTF-8 (bad byte at offset {})",
            e.valid_up_to()
        ))
    })
}

/// The library version, e.g. `"0.1.0"`.
///
/// Returns a static NUL-terminated string: never NULL, never freed (do not pass it to
/// `bts_string_free`). Thread-safe.
#[no_mangle]
pub extern "C" fn bts_version() -> *const c_char {
    static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    VERSION.as_ptr().cast()
}

/// The ABI version, bumped on any incompatible change of these functions or of the envelope.
///
/// Check it once at load time: a binding written for ABI 1 must refuse another. Thread-safe.
#[no_mangle]
pub extern "C" fn bts_abi_version() -> u32 {
    BTS_ABI_VERSION
}

/// Creates a client from a configuration JSON object. Unknown keys are an error, and so is a key
/// of the other courier API. Nothing is sent: the first call logs in.
///
// config-keys:begin (generated by `cargo xtask gen` from the fields of `Config`)
/// Keys, with their defaults: `courier_api` (legacy), `base_url`
/// (`http://api.bts.uz:8080/index.php`), `username` (empty), `password` (empty), `inn` (empty),
/// `login` (empty), `token` (none), `refresh_token` (none), `language` (`uz`), `routes` (none),
/// `wms_base_url` (`http://wms.bts.uz:8040`), `wms_login` (empty), `wms_password` (empty),
/// `wms_token` (none), `timeout_ms` (30000), `connect_timeout_ms` (10000), `max_retries` (2),
/// `page_concurrency` (4), `user_agent` (`bts/<version>`), `max_response_bytes` (16 MiB), `journal`
/// (none), `journal_keep_days` (30), `token_cache` (none), `log` (none), `proxy` (none set),
/// `no_proxy`, `ca_file` (none). What each means: the README's configuration table.
// config-keys:end
///
/// Returns a new handle, to be freed with `bts_client_free`; NULL on failure, and then, when
/// `error_out` is not NULL, `*error_out` receives an error envelope (free it with
/// `bts_string_free`). `*error_out` is set to NULL on entry. Thread-safe.
///
/// # Safety
/// `config_json` is NULL or a NUL-terminated string; `error_out` is NULL or points to a
/// writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn bts_client_new(
    config_json: *const c_char,
    error_out: *mut *mut c_char,
) -> *mut BtsClient {
    if !error_out.is_null() {
        // SAFETY: the caller promises `error_out` is NULL (checked) or writable.
        unsafe { *error_out = ptr::null_mut() };
    }
    let result = boundary(
        |m| {
            Err(Error::internal(format!(
                "bts caught a panic inside bts_client_new ({m})"
            )))
        },
        || {
            // SAFETY: the caller promises a NUL-terminated string or NULL (checked inside).
            let json = unsafe { text_arg(config_json, "config_json") }?;
            Client::from_json(json)
        },
    );
    match result {
        Ok(client) => Box::into_raw(Box::new(BtsClient { client })),
        Err(error) => {
            if !error_out.is_null() {
                // SAFETY: as above.
                unsafe { *error_out = to_c(error.to_envelope()) };
            }
            ptr::null_mut()
        }
    }
}

/// Calls one operation (`"order/add"`, `"wms/product/clients"`, … see `bts_operations()`)
/// with its parameters as a JSON object text (`"{}"` for none).
///
/// Returns a JSON envelope, never NULL (allocation failure aside):
/// `{"ok":true,"data":<the server's JSON, unchanged>}` or
/// `{"ok":false,"error":{"kind","message","status","fields","body","sent"}}`. Free it with
/// `bts_string_free`. A NULL client, NULL or non-UTF-8 strings, malformed JSON and
/// unknown operations give `invalid_input`. Blocks until the call ends (bounded by
/// `timeout_ms`). Thread-safe: one client may serve many threads at once.
///
/// # Safety
/// `client` is NULL or a live handle from `bts_client_new`; `operation` and `params_json` are
/// NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn bts_call(
    client: *mut BtsClient,
    operation: *const c_char,
    params_json: *const c_char,
) -> *mut c_char {
    boundary(panic_envelope, || {
        // SAFETY: the caller promises NULL (checked) or a live handle that is only read here.
        let Some(handle) = (unsafe { client.as_ref() }) else {
            return to_c(Error::invalid_input("client is NULL").to_envelope());
        };
        // SAFETY: the caller promises NUL-terminated strings or NULL (checked inside).
        let args = unsafe { text_arg(operation, "operation") }
            .and_then(|op| Ok((op, unsafe { text_arg(params_json, "params_json") }?)));
        match args {
            Ok((op, params)) => envelope_to_c(handle.client.call_json_replied(op, params)),
            Err(error) => to_c(error.to_envelope()),
        }
    })
}

/// An error envelope made by the library for an error a binding found before it could call
/// (a client already closed, parameters its language cannot encode as JSON), so that every
/// envelope has one shape: `{"ok":false,"error":{"kind","message","status","fields","body",
/// "sent"}}` with `status` and `body` null and `sent` false.
///
/// `kind` is one of the envelope kinds (`"invalid_input"`, …); an unknown or NULL kind, or a
/// NULL or non-UTF-8 message, gives an `internal` envelope saying so. Returns a new string (NULL
/// only if memory runs out); free it with `bts_string_free`. Thread-safe.
///
/// # Safety
/// `kind` and `message` are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn bts_error_envelope(
    kind: *const c_char,
    message: *const c_char,
) -> *mut c_char {
    boundary(panic_envelope, || {
        // SAFETY: the caller promises NUL-terminated strings or NULL (checked inside).
        let kind = unsafe { text_arg(kind, "kind") };
        // SAFETY: as above.
        let message = unsafe { text_arg(message, "message") };
        let error = match (kind.map(ErrorKind::from_name), message) {
            (Ok(Some(kind)), Ok(message)) => Error::new(kind, message),
            (Ok(None), _) => Error::internal("bts_error_envelope: unknown error kind"),
            (Err(e), _) | (_, Err(e)) => {
                Error::internal(format!("bts_error_envelope: {}", e.message()))
            }
        };
        to_c(error.to_envelope())
    })
}

/// Every operation as a JSON array of objects, one per operation, with these members:
///
// operation-fields:begin (generated by `cargo xtask gen` from `Row` in src/operations.rs)
/// - `name`: the operation name (`order/add`), the one every binding's `call` takes.
/// - `service`: `"courier"`, `"wms"` or `"local"` (answered inside the library).
/// - `method`: the primary endpoint's HTTP method, `"GET"` or `"POST"` (null for local rows and
///   `raw`).
/// - `route`: the primary endpoint's route (null for local rows and `raw`).
/// - `retry`: `"safe"` (retried after a transient failure) or `"unsafe"` (never sent twice).
/// - `required`: the primary endpoint's required body fields (`array[].field`, `object.field`).
/// - `query`: the primary endpoint's query parameters: `name`, `wire`, `type`, `required`.
/// - `paginated`: whether it is a paginated WMS list (`page`, or `all_pages`).
/// - `public`: whether it is part of the public surface (false only for test rows such as
///   `__panic`).
/// - `summary`: one line saying what it does.
/// - `method_name`: the typed method's name (`order_add`; `orderAdd` in PHP, `OrderAdd` in 1C).
/// - `apis`: the APIs that have it: `"legacy"`, `"current"`, `"wms"`, `"local"`.
/// - `routes`: its route on each of those APIs, by API name.
/// - `endpoints`: how it goes on the wire on each API, the primary first. Each has `api` (the API),
///   `method` (the HTTP method (null for local rows and `raw`)), `route` (the route (null for local
///   rows and `raw`)), `required` (the required body fields), `query` (the query parameters),
///   `takes` (what the parameters are: `body`, `body+query`, `query`, `list`, `none`, `raw` or
///   `local`).
// operation-fields:end
///
/// Returns a new string; NULL only if memory runs out (or on a bug caught at the boundary).
/// Free it with `bts_string_free`. Thread-safe.
#[no_mangle]
pub extern "C" fn bts_operations() -> *mut c_char {
    boundary(
        |_| ptr::null_mut(),
        || to_c(crate::operations::operations_json()),
    )
}

/// The current courier API's status catalogue as a JSON array of
/// `{"code", "uz", "ru", "en", "next"}` (codes 100–1400, labels in Uzbek, Russian and English,
/// the possible next statuses), so that bindings read the labels from the library instead of
/// copying them. The server's `directory/statuses` is the truth where the two disagree.
///
/// Returns a new string; NULL only if memory runs out. Free it with `bts_string_free`.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn bts_status_catalogue() -> *mut c_char {
    boundary(
        |_| ptr::null_mut(),
        || to_c(crate::model::status_catalogue_json()),
    )
}

/// Frees a string returned by `bts_call`, `bts_operations`, `bts_status_catalogue`,
/// `bts_error_envelope` or `bts_client_new`'s `error_out`.
///
/// NULL is accepted and ignored. Never pass `bts_version()`'s string, a string not made by
/// this library, or the same string twice. Thread-safe for distinct strings.
///
/// # Safety
/// `s` is NULL or a string returned by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn bts_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    boundary(
        |_| (),
        || {
            // SAFETY: the caller promises `s` came from `hand_over` and is freed once: the
            // HEADER bytes before it are the capacity of its buffer, as `hand_over` wrote it,
            // and the buffer is a `Vec<u8>` it let go of, starting at the header.
            unsafe {
                let start = s.cast::<u8>().sub(HEADER);
                let capacity = ptr::read_unaligned(start.cast::<[u8; HEADER]>());
                drop(Vec::from_raw_parts(
                    start,
                    0,
                    usize::from_ne_bytes(capacity),
                ));
            }
        },
    )
}

/// Frees a client and closes its connections. NULL is accepted and ignored.
///
/// Call it once, after every call on that client has returned. Do not use the handle after.
///
/// # Safety
/// `client` is NULL or a live handle from `bts_client_new`, not used by any thread any more.
#[no_mangle]
pub unsafe extern "C" fn bts_client_free(client: *mut BtsClient) {
    if client.is_null() {
        return;
    }
    boundary(
        |_| (),
        || {
            // SAFETY: the caller promises a handle from `Box::into_raw` in `bts_client_new`,
            // freed once and no longer in use.
            drop(unsafe { Box::from_raw(client) });
        },
    )
}
