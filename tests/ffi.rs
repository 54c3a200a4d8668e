//! The C ABI (`src/ffi.rs`, `include/bts.h`): every exported function called in-process, misuse
//! included; then `examples/c/quickstart.c` compiled with the system `cc`, run against a sandbox,
//! again under ASan/UBSan, and under valgrind (`scripts/valgrind.sh`). Nothing is skipped: a
//! missing compiler or valgrind fails the test.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::ffi::{c_char, CStr, CString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::ptr::{self, NonNull};

use bts::ffi::{
    bts_abi_version, bts_call, bts_client_free, bts_client_new, bts_operations, bts_string_free,
    bts_version, BtsClient, BTS_ABI_VERSION,
};
use bts_sandbox::Sandbox;
use common::cdylib::{lib_dir, scratch_dir};
use serde_json::Value;

const CALCULATE: &str = r#"{"senderCityId":3,"receiverCityId":3,"weight":1}"#;
const ORDER: &str = r#"{"senderCityId":3,"senderAddress":"Toshkent sh., Bobur ko‘chasi, 5-A","senderReal":"Jurabek Turdiyev","senderPhone":"+998 99 1234567","weight":2,"packageId":8,"postTypeId":4,"receiver":"Odil Ahkmedov","receiverAddress":"Gozovo qish. 41 uy","receiverCityId":3,"receiverPhone":"+998 99 1234567"}"#;

// ---------------------------------------------------------------------------------------------
// In-process helpers: the only `unsafe` of this file, each with the promise it relies on.

/// Copies a string the library returned, frees it with `bts_string_free` and parses it.
fn take(p: *mut c_char) -> Value {
    let text = take_text(p);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Copies a string the library returned and frees it with `bts_string_free`. It starts at its
/// first `{` or `[` (the room a reply is read after is never part of it).
fn take_text(p: *mut c_char) -> String {
    assert!(
        !p.is_null(),
        "the library returned NULL instead of an envelope"
    );
    // SAFETY: `p` is a live NUL-terminated string from the library; it is freed once, below.
    let text = unsafe { CStr::from_ptr(p) }
        .to_str()
        .expect("the library returns UTF-8")
        .to_owned();
    // SAFETY: `p` came from the library and is freed exactly once.
    unsafe { bts_string_free(p) };
    assert!(
        text.starts_with('{') || text.starts_with('['),
        "a returned string starts with its JSON: {:?}",
        text.chars().take(80).collect::<String>()
    );
    text
}

/// Asserts `envelope` is an error of `kind`, with every documented member.
fn assert_error(envelope: &Value, kind: &str) {
    assert_eq!(envelope["ok"], false, "{envelope}");
    let error = envelope["error"]
        .as_object()
        .unwrap_or_else(|| panic!("no error object: {envelope}"));
    for member in ["kind", "message", "status", "fields", "body"] {
        assert!(
            error.contains_key(member),
            "error lacks {member}: {envelope}"
        );
    }
    assert_eq!(error["kind"], kind, "{envelope}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{envelope}"
    );
}

/// Asserts `envelope` is `{"ok":true,"data":...}` and returns `data`.
fn ok_data(envelope: &Value) -> &Value {
    assert_eq!(envelope["ok"], true, "{envelope}");
    envelope
        .get("data")
        .unwrap_or_else(|| panic!("no data: {envelope}"))
}

fn c_string(bytes: &[u8]) -> CString {
    CString::new(bytes).expect("no NUL inside")
}

/// A client handle, freed with `bts_client_free` on drop.
struct Handle(*mut BtsClient);

// SAFETY: the ABI promises a `BtsClient` may be used by many threads at once; the handle is
// freed only on drop, after every borrowing thread has been joined (scoped threads).
unsafe impl Send for Handle {}
// SAFETY: as above.
unsafe impl Sync for Handle {}

impl Handle {
    fn new(config: &str) -> Handle {
        let config = c_string(config.as_bytes());
        let mut error: *mut c_char = ptr::null_mut();
        // SAFETY: a NUL-terminated string and a writable `char *`.
        let client = unsafe { bts_client_new(config.as_ptr(), &mut error) };
        assert!(error.is_null(), "error_out set on success");
        assert!(!client.is_null(), "bts_client_new returned NULL");
        Handle(client)
    }

    /// `bts_call` with raw bytes (invalid UTF-8 allowed) or NULL.
    fn call_raw(&self, operation: Option<&[u8]>, params: Option<&[u8]>) -> Value {
        let operation = operation.map(c_string);
        let params = params.map(c_string);
        let as_ptr = |s: &Option<CString>| s.as_ref().map_or(ptr::null(), |s| s.as_ptr());
        // SAFETY: a live handle (or NULL, a misuse the ABI answers) and NUL-terminated strings
        // or NULL, alive for the call.
        take(unsafe { bts_call(self.0, as_ptr(&operation), as_ptr(&params)) })
    }

    fn call(&self, operation: &str, params: &str) -> Value {
        self.call_raw(Some(operation.as_bytes()), Some(params.as_bytes()))
    }

    /// `bts_call`, the envelope's text as returned.
    fn call_text(&self, operation: &str, params: &str) -> String {
        let (operation, params) = (c_string(operation.as_bytes()), c_string(params.as_bytes()));
        // SAFETY: a live handle and NUL-terminated strings alive for the call.
        take_text(unsafe { bts_call(self.0, operation.as_ptr(), params.as_ptr()) })
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: a handle from `bts_client_new` (or NULL), no longer used by any thread.
        unsafe { bts_client_free(self.0) };
    }
}

/// `bts_client_new` with raw bytes or NULL, with an `error_out` slot that starts as a dangling
/// non-NULL pointer (to prove the library clears it on entry). Returns the client (freed here)
/// presence and the parsed error envelope, if any.
fn client_new_raw(config: Option<&[u8]>) -> (bool, Option<Value>) {
    let config = config.map(c_string);
    let mut error: *mut c_char = NonNull::dangling().as_ptr();
    // SAFETY: a NUL-terminated string or NULL, and a writable `char *`.
    let client = unsafe {
        bts_client_new(
            config.as_ref().map_or(ptr::null(), |c| c.as_ptr()),
            &mut error,
        )
    };
    let made = !client.is_null();
    // SAFETY: a handle from `bts_client_new` or NULL.
    unsafe { bts_client_free(client) };
    let error = (!error.is_null()).then(|| take(error));
    (made, error)
}

// ---------------------------------------------------------------------------------------------
// In-process tests.

#[test]
fn version_is_static_and_abi_is_1() {
    // SAFETY: `bts_version` returns a static NUL-terminated string.
    let version = unsafe { CStr::from_ptr(bts_version()) };
    assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    assert_eq!(bts_version(), bts_version(), "one static string");
    assert_eq!(bts_abi_version(), 1);
    assert_eq!(BTS_ABI_VERSION, 1);
}

#[test]
fn null_client_is_invalid_input() {
    let handle = Handle(ptr::null_mut());
    assert_error(&handle.call("order/calculate", CALCULATE), "invalid_input");
    assert_error(&handle.call_raw(None, None), "invalid_input");
}

#[test]
fn null_operation_or_params_is_invalid_input() {
    let sandbox = Sandbox::start();
    let client = Handle::new(&sandbox.config_json());
    let no_operation = client.call_raw(None, Some(b"{}"));
    assert_error(&no_operation, "invalid_input");
    assert!(no_operation.to_string().contains("operation is NULL"));
    let no_params = client.call_raw(Some(b"order/calculate"), None);
    assert_error(&no_params, "invalid_input");
    assert!(no_params.to_string().contains("params_json is NULL"));
    assert_eq!(sandbox.requests("order/calculate"), 0, "nothing was sent");
}

#[test]
fn invalid_utf8_in_each_argument_is_invalid_input() {
    let sandbox = Sandbox::start();
    let client = Handle::new(&sandbox.config_json());
    for bad in [&b"\xff\xfe"[..], b"order/\xc3", b"order/calculate\x80"] {
        let envelope = client.call_raw(Some(bad), Some(b"{}"));
        assert_error(&envelope, "invalid_input");
        assert!(envelope
            .to_string()
            .contains("operation is not valid UTF-8"));
    }
    let envelope = client.call_raw(
        Some(b"order/calculate"),
        Some(b"{\"senderCityId\":3,\"receiver\":\"\xff\"}"),
    );
    assert_error(&envelope, "invalid_input");
    assert!(envelope
        .to_string()
        .contains("params_json is not valid UTF-8"));
    assert_eq!(sandbox.requests("order/calculate"), 0, "nothing was sent");

    let (made, error) = client_new_raw(Some(b"{\"username\":\"\xe2\x28\xa1\"}"));
    assert!(!made);
    let error = error.expect("error_out filled");
    assert_error(&error, "invalid_input");
    assert!(error.to_string().contains("config_json is not valid UTF-8"));
}

#[test]
fn malformed_params_and_unknown_operations_are_invalid_input() {
    let sandbox = Sandbox::start();
    let client = Handle::new(&sandbox.config_json());
    for params in [
        "not json",
        "",
        "{",
        "{\"weight\":1,}",
        "[1,2]",
        "42",
        "\"text\"",
    ] {
        assert_error(&client.call("order/calculate", params), "invalid_input");
    }
    for operation in ["order/teleport", "", "ORDER/ADD", "order/add ", "__nothing"] {
        assert_error(&client.call(operation, "{}"), "invalid_input");
    }
    assert_eq!(sandbox.requests("order/calculate"), 0, "nothing was sent");
    assert_eq!(sandbox.requests("auth/get-token"), 0, "not even a login");
}

#[test]
fn missing_required_fields_are_named_and_nothing_is_sent() {
    let sandbox = Sandbox::start();
    let client = Handle::new(&sandbox.config_json());
    let envelope = client.call("order/calculate", r#"{"senderCityId":3,"weight":""}"#);
    assert_error(&envelope, "invalid_input");
    let fields = envelope["error"]["fields"].as_object().unwrap();
    assert!(fields.contains_key("weight"), "{envelope}");
    assert!(fields.contains_key("receiverCityId"), "{envelope}");
    assert_eq!(sandbox.requests("order/calculate"), 0);
}

#[test]
fn client_new_clears_error_out_on_entry_and_leaves_it_null_on_success() {
    let sandbox = Sandbox::start();
    let (made, error) = client_new_raw(Some(sandbox.config_json().as_bytes()));
    assert!(made, "a client from the sandbox config");
    assert_eq!(error, None, "error_out must be NULL after a success");
}

#[test]
fn client_new_failures_return_null_and_fill_error_out() {
    let cases: [(Option<&[u8]>, &str); 6] = [
        (None, "config_json is NULL"),
        (Some(b"{not json"), "not valid JSON"),
        (Some(b""), "not valid JSON"),
        (Some(b"[]"), ""),
        (Some(br#"{"username":"shop","passwrd":"x"}"#), "passwrd"),
        (Some(br#"{"timeout_ms":"soon"}"#), "timeout_ms"),
    ];
    for (config, mention) in cases {
        let (made, error) = client_new_raw(config);
        assert!(!made, "a client from {config:?}");
        let error = error.unwrap_or_else(|| panic!("error_out not filled for {config:?}"));
        assert_error(&error, "invalid_input");
        assert!(error.to_string().contains(mention), "{error}");
    }
    // An unknown key is named in `fields`.
    let (_, error) = client_new_raw(Some(br#"{"usernme":"shop"}"#));
    assert!(error.unwrap()["error"]["fields"]["usernme"].is_array());
    // Without error_out, a failure is just NULL.
    let config = c_string(b"{not json");
    // SAFETY: a NUL-terminated string; NULL error_out is allowed.
    let client = unsafe { bts_client_new(config.as_ptr(), ptr::null_mut()) };
    assert!(client.is_null());
}

#[test]
fn credentials_never_appear_in_a_config_error() {
    let (_, error) = client_new_raw(Some(
        br#"{"username":"shop","password":"hunter2-secret","inn":"123","bogus":1}"#,
    ));
    let text = error.expect("an unknown key fails").to_string();
    assert!(!text.contains("hunter2-secret"), "{text}");
}

#[test]
fn frees_accept_null() {
    // SAFETY: NULL is documented as accepted by both.
    unsafe {
        bts_string_free(ptr::null_mut());
        bts_client_free(ptr::null_mut());
    }
}

#[test]
fn envelopes_carry_the_server_json_through_price_create_and_track() {
    let sandbox = Sandbox::start();
    let client = Handle::new(&sandbox.config_json());
    let price = client.call("order/calculate", CALCULATE);
    assert_eq!(ok_data(&price)["summaryPrice"], 10000, "{price}");
    let added = client.call("order/add", ORDER);
    let order_id = ok_data(&added)["orderId"]
        .as_i64()
        .unwrap_or_else(|| panic!("no integer orderId: {added}"));
    assert!(order_id > 0);
    let tracked = client.call("order/track", &format!(r#"{{"orderId":{order_id}}}"#));
    assert_eq!(ok_data(&tracked)["orderId"], order_id, "{tracked}");
    assert_eq!(sandbox.requests("order/add"), 1);
    assert_eq!(sandbox.requests("auth/get-token"), 1);
}

/// The C envelope is built around the reply where it was read (after room for its head), the
/// Rust one by moving the reply: byte for byte the same text, on both courier APIs, for one
/// page and for every page, for errors and for a create the journal replays.
#[test]
fn c_envelopes_are_the_rust_envelopes_byte_for_byte() {
    let sandbox = Sandbox::start();
    let dir = scratch_dir().join(format!("envelopes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let journal = dir.join("journal");
    let _ = std::fs::remove_file(&journal);
    let mut config: Value = serde_json::from_str(&sandbox.config_json()).unwrap();
    config["journal"] = Value::from(journal.to_str().unwrap());
    let legacy = config.to_string();
    let current = sandbox.current_config_json();
    let today = "2026-12-02";
    let order = {
        let mut o: Value = serde_json::from_str(ORDER).unwrap();
        o["clientId"] = Value::from("ffi-envelope-1");
        o.to_string()
    };
    let cases: &[(&str, &str, String)] = &[
        (&legacy, "order/calculate", CALCULATE.to_owned()),
        (
            &legacy,
            "order/calculate",
            r#"{"senderCityId":3}"#.to_owned(),
        ),
        (&legacy, "order/detail", r#"{"orderId":229234}"#.to_owned()),
        (&legacy, "wms/product/clients", r#"{"page":1}"#.to_owned()),
        (
            &legacy,
            "wms/product/clients",
            r#"{"all_pages":true}"#.to_owned(),
        ),
        (&legacy, "no/such-operation", "{}".to_owned()),
        (&legacy, "order/add", order.clone()),
        (&legacy, "order/add", order), // the journal's replay
        (
            &current,
            "order/list",
            format!(r#"{{"beginDate":"{today}","endDate":"{today}"}}"#),
        ),
        (&current, "directory/statuses", "{}".to_owned()),
        (&current, "order/detail", r#"{"orderId":1}"#.to_owned()),
    ];
    for (config, operation, params) in cases {
        let handle = Handle::new(config);
        let rust = bts::Client::from_json(config).unwrap();
        // every call has its own request id: the one difference there may be
        let same_id = |text: String| match text.split_once(r#""request_id":"bts-"#) {
            Some((head, tail)) => format!("{head}*{}", &tail[tail.find('"').unwrap()..]),
            None => text,
        };
        let from_c = same_id(handle.call_text(operation, params));
        let mut from_rust = same_id(rust.call_envelope(operation, params));
        if from_c.starts_with(r#"{"ok":true,"data""#) {
            // the first create: sent from C, then replayed to Rust by the journal
            from_rust = from_rust.replacen(r#""replayed":true,"#, "", 1);
        }
        assert_eq!(from_c, from_rust, "{operation} {params}");
    }
    let replayed: Value =
        serde_json::from_str(&Handle::new(&legacy).call_text("order/add", &cases[6].2)).unwrap();
    assert_eq!(replayed["replayed"], true, "{replayed}");
}

#[cfg(feature = "test-panic")]
#[test]
fn a_panic_inside_is_an_internal_envelope_and_the_client_still_works() {
    let sandbox = Sandbox::start();
    let client = Handle::new(&sandbox.config_json());
    assert_eq!(
        ok_data(&client.call("order/calculate", CALCULATE))["summaryPrice"],
        10000
    );
    for _ in 0..3 {
        assert_error(&client.call("__panic", "{}"), "internal");
    }
    let after = client.call("order/calculate", CALCULATE);
    assert_eq!(ok_data(&after)["summaryPrice"], 10000, "{after}");
    assert_eq!(sandbox.requests("auth/get-token"), 1, "the token survived");
}

#[test]
fn operations_json_lists_every_operation() {
    let list = take(bts_operations());
    let rows = list.as_array().expect("a JSON array");
    let names: Vec<&str> = rows
        .iter()
        .map(|row| row["name"].as_str().expect("a name"))
        .collect();
    let expected: Vec<&str> = bts::OPERATIONS.iter().map(|op| op.name).collect();
    assert_eq!(names, expected);
    assert_eq!(
        names.iter().collect::<HashSet<_>>().len(),
        names.len(),
        "unique names"
    );
    for row in rows {
        for member in ["service", "method", "route", "retry", "required", "query"] {
            assert!(row.get(member).is_some(), "{member} missing in {row}");
        }
        assert!(row["required"].is_array(), "{row}");
    }
    for name in [
        "order/add",
        "order/calculate",
        "order/track",
        "raw",
        "wms/product/create",
    ] {
        assert!(names.contains(&name), "{name} missing");
    }
    assert_eq!(
        names.contains(&"__panic"),
        cfg!(feature = "test-panic"),
        "__panic is listed exactly when the test-panic feature is on"
    );
}

#[test]
fn one_client_serves_sixteen_threads_at_once() {
    let sandbox = Sandbox::start();
    let client = Handle::new(&sandbox.config_json());
    let barrier = std::sync::Barrier::new(16);
    let ids: Vec<i64> = std::thread::scope(|s| {
        let threads: Vec<_> = (0..16)
            .map(|_| {
                let (client, barrier) = (&client, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    let price = client.call("order/calculate", CALCULATE);
                    assert_eq!(ok_data(&price)["summaryPrice"], 10000, "{price}");
                    let added = client.call("order/add", ORDER);
                    let id = ok_data(&added)["orderId"].as_i64().expect("orderId");
                    let tracked = client.call("order/track", &format!(r#"{{"orderId":{id}}}"#));
                    assert_eq!(ok_data(&tracked)["orderId"], id, "{tracked}");
                    assert_error(
                        &client.call_raw(Some(b"\xff"), Some(b"{}")),
                        "invalid_input",
                    );
                    id
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        16,
        "16 distinct orders: {ids:?}"
    );
    assert_eq!(sandbox.requests("order/add"), 16);
    assert_eq!(sandbox.requests("auth/get-token"), 1, "one login shared");
}

// ---------------------------------------------------------------------------------------------
// The C program: examples/c/quickstart.c against include/bts.h and target/debug/libbts.so.

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Compiles quickstart.c with `cc -std=c99 -Wall -Wextra -Werror -pedantic` plus `extra`, into
/// this run's scratch directory. Fails when `cc` is missing or warns.
fn compile_quickstart(name: &str, extra: &[&str]) -> PathBuf {
    let lib = lib_dir();
    let out = scratch_dir().join(name);
    let result = Command::new("cc")
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-g"])
        .args(extra)
        .arg("-I")
        .arg(root().join("include"))
        .arg(root().join("examples/c/quickstart.c"))
        .arg("-L")
        .arg(lib)
        .arg("-l:libbts.so")
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run cc ({e}): install a C compiler (apt-get install gcc); never skipped")
        });
    assert!(
        result.status.success(),
        "cc failed on examples/c/quickstart.c:\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
    out
}

/// Runs the compiled quickstart against `sandbox`, with `--panic` when the feature is on.
fn run_quickstart(program: &Path, sandbox: &Sandbox, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(program);
    // `cargo test` puts target/debug and target/debug/deps on LD_LIBRARY_PATH, which the
    // dynamic loader searches before the program's RUNPATH: keep it from loading those.
    command
        .arg(sandbox.config_json())
        .env("RUST_BACKTRACE", "0")
        .env_remove("LD_LIBRARY_PATH");
    if cfg!(feature = "test-panic") {
        command.arg("--panic");
    }
    command.envs(env.iter().copied());
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()))
}

/// Checks the program's exit code and every printed envelope.
fn check_quickstart(output: &Output, sandbox: &Sandbox) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let context = format!("--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
    assert_eq!(
        output.status.code(),
        Some(0),
        "quickstart failed\n{context}"
    );
    assert_eq!(
        stdout.lines().last(),
        Some("PASSED: 0 failure(s)"),
        "{context}"
    );
    check_quickstart_lines(&stdout, &context, sandbox);
}

/// Checks every line quickstart printed: the envelopes, the orderId its strstr parse found,
/// the pass line; and that the sandbox saw one order and one login.
fn check_quickstart_lines(stdout: &str, context: &str, sandbox: &Sandbox) {
    assert!(!stdout.contains("FAIL"), "{context}");
    assert!(
        stdout.lines().any(|l| l == "PASSED: 0 failure(s)"),
        "{context}"
    );
    let mut envelopes = BTreeMap::new();
    let mut scalars = BTreeMap::new();
    for line in stdout.lines() {
        let (label, rest) = line.split_once(": ").unwrap_or((line, ""));
        if rest.starts_with('{') {
            let value: Value = serde_json::from_str(rest)
                .unwrap_or_else(|e| panic!("{label}: not JSON ({e})\n{context}"));
            assert!(envelopes.insert(label, value).is_none(), "{label} twice");
        } else {
            scalars.insert(label, rest);
        }
    }
    assert_eq!(scalars["bts_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(scalars["bts_abi_version"], "1");
    assert_eq!(scalars["free_null"], "ok");

    let get = |label: &str| {
        envelopes
            .get(label)
            .unwrap_or_else(|| panic!("no {label} envelope\n{context}"))
    };
    assert_eq!(
        ok_data(get("calculate"))["summaryPrice"],
        10000,
        "{context}"
    );
    let order_id = ok_data(get("add"))["orderId"]
        .as_i64()
        .unwrap_or_else(|| panic!("no integer orderId\n{context}"));
    assert!(order_id > 0);
    assert_eq!(
        scalars["orderId"],
        order_id.to_string(),
        "the strstr parse agrees"
    );
    assert_eq!(ok_data(get("track"))["orderId"], order_id, "{context}");
    for label in [
        "null_client",
        "null_operation",
        "null_params",
        "invalid_utf8_operation",
        "invalid_utf8_params",
        "non_json_params",
        "unknown_operation",
        "client_new_bad_json",
        "client_new_unknown_key",
        "client_new_null",
    ] {
        assert_error(get(label), "invalid_input");
    }
    let mut expected = 13;
    if cfg!(feature = "test-panic") {
        assert_error(get("panic"), "internal");
        assert_eq!(ok_data(get("after_panic"))["summaryPrice"], 10000);
        expected += 2;
    }
    assert_eq!(envelopes.len(), expected, "{context}");
    assert_eq!(
        sandbox.requests("order/add"),
        1,
        "exactly one order created"
    );
    assert_eq!(sandbox.requests("auth/get-token"), 1, "one login");
}

#[test]
fn quickstart_c_compiles_warning_free_and_runs_against_the_sandbox() {
    let program = compile_quickstart("quickstart", &[]);
    let sandbox = Sandbox::start();
    let output = run_quickstart(&program, &sandbox, &[]);
    check_quickstart(&output, &sandbox);
}

#[test]
fn quickstart_c_is_clean_under_asan_and_ubsan() {
    let program = compile_quickstart(
        "quickstart-asan",
        &[
            "-fsanitize=address,undefined",
            "-fno-sanitize-recover=all",
            "-fno-omit-frame-pointer",
        ],
    );
    // As rustls-ffi's CI does: prove the binary really carries the sanitizers.
    let nm = Command::new("nm")
        .arg(&program)
        .output()
        .unwrap_or_else(|e| panic!("cannot run nm ({e}): install binutils; never skipped"));
    let symbols = String::from_utf8_lossy(&nm.stdout);
    assert!(nm.status.success(), "nm failed");
    assert!(
        symbols.contains("__asan_init"),
        "no ASan in {}",
        program.display()
    );
    assert!(
        symbols.contains("__ubsan_handle"),
        "no UBSan in {}",
        program.display()
    );

    let sandbox = Sandbox::start();
    let output = run_quickstart(
        &program,
        &sandbox,
        &[
            ("ASAN_OPTIONS", "detect_leaks=1:halt_on_error=1:exitcode=98"),
            ("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1"),
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    for report in ["AddressSanitizer", "LeakSanitizer", "runtime error:"] {
        assert!(!stderr.contains(report), "{report} reported:\n{stderr}");
    }
    check_quickstart(&output, &sandbox);
}

/// Runs `scripts/valgrind.sh --no-build` (the CI job's script, here on the library this test
/// run built and a sandbox inside the test) so `cargo test` covers valgrind too.
#[test]
fn quickstart_c_is_clean_under_valgrind() {
    let sandbox = Sandbox::start();
    let output = Command::new("bash")
        .arg(root().join("scripts/valgrind.sh"))
        .arg("--no-build")
        .env_remove("LD_LIBRARY_PATH") // as in run_quickstart
        .env("BTS_CONFIG", sandbox.config_json())
        .env("BTS_LIB_DIR", lib_dir())
        .env(
            "BTS_PANIC",
            if cfg!(feature = "test-panic") {
                "1"
            } else {
                "0"
            },
        )
        .output()
        .expect("run bash scripts/valgrind.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let context = format!("--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
    assert!(output.status.success(), "valgrind.sh failed\n{context}");
    assert!(
        stdout.contains("valgrind: ERROR SUMMARY: 0 errors from 0 contexts"),
        "{context}"
    );
    // The script prints the program's lines, then valgrind's summaries.
    check_quickstart_lines(&stdout, &context, &sandbox);
}

/// `batch` through `bts_call` from 8 threads at once, the sandbox injecting resets, 500s, slow
/// replies and a 429 with `Retry-After`: every input gets exactly one envelope, in order; no
/// product is created twice; no request arrives inside the `Retry-After` window.
#[test]
fn batches_from_eight_threads_under_faults() {
    let sandbox = Sandbox::start();
    let handle = Handle::new(&sandbox.config_json());
    let route = "wms/product/create";
    // Log in first, so that the faults land on the creates.
    assert_eq!(handle.call("wms/auth/login", "{}")["ok"], true);
    sandbox.inject(route, bts_sandbox::Fault::Reset, 6);
    sandbox.inject(route, bts_sandbox::Fault::yii(500), 6);
    sandbox.inject(
        route,
        bts_sandbox::Fault::Delay(std::time::Duration::from_millis(300)),
        6,
    );
    sandbox.inject(
        route,
        bts_sandbox::Fault::Status {
            status: 429,
            body: "{}".into(),
            headers: vec![("Retry-After".into(), "1".into())],
        },
        1,
    );
    sandbox.inject(
        route,
        bts_sandbox::Fault::Delay(std::time::Duration::from_millis(50)),
        100,
    );
    let started_ms = epoch_ms();
    let answers: Vec<(Vec<String>, Value)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let handle = &handle;
                scope.spawn(move || {
                    let codes: Vec<String> = (0..40).map(|i| format!("C{t}-{i:02}")).collect();
                    let calls: Vec<Value> = codes
                        .iter()
                        .map(|c| serde_json::json!({"operation": route, "params": common::product(c)}))
                        .collect();
                    let params = serde_json::json!({"calls": calls, "concurrency": 8});
                    (codes, handle.call("batch", &params.to_string()))
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    sandbox.clear_faults();
    let mut outcomes = BTreeMap::new();
    for (codes, answer) in &answers {
        assert_eq!(answer["ok"], true, "{answer}");
        let data = answer["data"].as_array().unwrap();
        assert_eq!(data.len(), codes.len(), "one envelope per input");
        for (code, envelope) in codes.iter().zip(data) {
            if envelope["ok"] == true {
                assert_eq!(
                    envelope["data"]["data"]["code"].as_str(),
                    Some(code.as_str())
                );
            } else {
                assert!(envelope["error"]["kind"].is_string(), "{envelope}");
            }
            outcomes.insert(code.clone(), envelope.clone());
        }
    }
    assert_eq!(outcomes.len(), 320);
    let failed = outcomes.values().filter(|e| e["ok"] != true).count();
    assert!(failed >= 12, "the faults reached the calls: {failed}");
    // No duplicate: every product the sandbox holds, once.
    let held = handle.call("wms/product/clients", r#"{"all_pages":true}"#);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for item in held["data"].as_array().unwrap() {
        *counts
            .entry(item["code"].as_str().unwrap_or_default().to_owned())
            .or_default() += 1;
    }
    assert!(counts.values().all(|n| *n == 1), "duplicates: {counts:?}");
    for (code, envelope) in &outcomes {
        if envelope["ok"] == true {
            assert_eq!(counts.get(code), Some(&1), "{code}");
        }
    }
    // The 429 was the 19th create to arrive; nothing arrived in the second after it (but the
    // requests already on their way).
    let mut times: Vec<u64> = sandbox
        .request_log()
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["key"] == route)
        .map(|r| r["at_ms"].as_u64().unwrap())
        .filter(|t| *t >= started_ms)
        .collect();
    times.sort_unstable();
    let at_429 = times[18];
    let inside: Vec<u64> = times
        .iter()
        .filter(|t| **t > at_429 + 150 && **t < at_429 + 1000)
        .map(|t| t - at_429)
        .collect();
    assert!(
        inside.is_empty(),
        "requests inside the Retry-After window: {inside:?}"
    );
}

fn epoch_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}
