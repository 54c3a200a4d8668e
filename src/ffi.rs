//! The C ABI: JSON strings in, JSON envelopes out. The only module with `unsafe` code.
//!
//! Every exported body runs inside `boundary`, which catches panics (a panic becomes an
//! `internal` envelope, or NULL/0 where no envelope fits), so no unwind ever reaches the host:
//! a PHP-FPM worker, a 1C server or a Python interpreter. Pointers are checked for NULL and
//! strings for UTF-8 in `text_arg`; every returned `char *` is made by `hand_over` and
//! reclaimed only by [`bts_string_free`]; a `BtsClient *` is a boxed [`Client`] made by
//! [`bts_client_new`] and freed only by [`bts_client_free`].
//!
//! A returned string is the text of a Rust buffer, handed over where it lies: a reply is read
//! after room for the envelope's head (`Client::call_envelope_in`), so the envelope is built
//! around the body without moving it, and C gets a pointer into that same buffer. The
//! `PREFIX` bytes before the pointer say where the buffer starts and how big it is, which is
//! all `bts_string_free` needs: no copy, no shrinking reallocation, no `strlen` on the way
//! back.

use std::ffi::{c_char, CStr};
use std::mem::{size_of, ManuallyDrop};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use crate::client::Client;
use crate::error::{Error, ErrorKind, Placed};

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

/// Bytes before every string handed to C: the offset of the string in its buffer, then the
/// buffer's capacity (two native `usize`s).
const PREFIX: usize = 2 * size_of::<usize>();

/// The room a reply is read after for C: the prefix, then the success envelope's head.
const ROOM: usize = PREFIX + crate::error::OK_HEAD.len();

/// Hands a Rust string to C. Owned by the caller, released with `bts_string_free`.
fn to_c(text: String) -> *mut c_char {
    if text.as_bytes().contains(&0) {
        // JSON never holds a raw NUL byte; answer with an envelope rather than lose the call.
        let error = Error::internal("a result contained a NUL byte and cannot be returned to C");
        return hand_over(Placed::whole(error.to_envelope()));
    }
    hand_over(Placed::whole(text))
}

/// Hands an envelope from `call_envelope_in` to C without scanning it for NUL bytes: it holds
/// none. `data` passed the JSON check, which rejects a raw NUL anywhere (JSON allows none
/// outside strings and no control character inside them), and error envelopes are serde_json
/// output, which escapes control characters.
fn envelope_to_c(text: Placed) -> *mut c_char {
    debug_assert!(!text.bytes.contains(&0));
    hand_over(text)
}

/// Gives C the text `bytes[start..]`, NUL-terminated, in the same buffer when the bytes before
/// it hold the [`PREFIX`] (a reply read after [`ROOM`]), else in a new one. The text holds no
/// NUL.
fn hand_over(text: Placed) -> *mut c_char {
    let Placed { mut bytes, start } = text;
    let start = if start >= PREFIX {
        start
    } else {
        let mut roomy = Vec::with_capacity(PREFIX + bytes.len() - start + 1);
        roomy.resize(PREFIX, 0);
        roomy.extend_from_slice(&bytes[start..]);
        bytes = roomy;
        PREFIX
    };
    bytes.push(0);
    let capacity = bytes.capacity();
    let (offset, size) = bytes[start - PREFIX..start].split_at_mut(PREFIX / 2);
    offset.copy_from_slice(&start.to_ne_bytes());
    size.copy_from_slice(&capacity.to_ne_bytes());
    let mut bytes = ManuallyDrop::new(bytes);
    // SAFETY: `start` is below the length, so the pointer stays inside the buffer.
    unsafe { bytes.as_mut_ptr().add(start) }.cast()
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

/// Creates a client from a configuration JSON object (keys: `courier_api`, `base_url`,
/// `username`, `password`, `inn`, `login`, `token`, `refresh_token`, `language`, `routes`,
/// `wms_base_url`, `wms_login`, `wms_password`, `wms_token`, `timeout_ms`,
/// `connect_timeout_ms`, `max_retries`, `page_concurrency`, `user_agent`, `max_response_bytes`,
/// `journal`, `journal_keep_days`, `proxy`, `no_proxy`, `ca_file`). Unknown keys are an error,
/// and so is a key of the other courier API. Nothing is sent: the first call logs in.
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
            Ok((op, params)) => envelope_to_c(handle.client.call_envelope_in(op, params, ROOM)),
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

/// Every operation as a JSON array of objects: `name`, `service`, `method`, `route`, `retry`
/// (`"safe"` or `"unsafe"`), `required` (body fields), `query` (parameters), `paginated`,
/// `summary`.
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
            // PREFIX bytes before it are the offset of `s` in its buffer and the buffer's
            // capacity, as `hand_over` wrote them, and the buffer is a `Vec<u8>` it let go of.
            unsafe {
                let text = s.cast::<u8>();
                let prefix = text.sub(PREFIX);
                let offset = ptr::read_unaligned(prefix.cast::<[u8; PREFIX / 2]>());
                let size = ptr::read_unaligned(prefix.add(PREFIX / 2).cast::<[u8; PREFIX / 2]>());
                let start = text.sub(usize::from_ne_bytes(offset));
                drop(Vec::from_raw_parts(start, 0, usize::from_ne_bytes(size)));
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
