//! One client handle, many threads, through the C ABI: no error, exactly one login; a token
//! expiring in the middle of the run gives exactly one re-login.

use std::ffi::{CStr, CString};
use std::sync::{Arc, Barrier};
use std::thread;

use bts::ffi::{bts_call, bts_client_free, bts_client_new, bts_string_free, BtsClient};
use bts_sandbox::Sandbox;

const THREADS: usize = 64;
const CALLS: usize = 500;

struct Handle(*mut BtsClient);
// SAFETY: a BtsClient is documented as usable from many threads at once.
unsafe impl Send for Handle {}
unsafe impl Sync for Handle {}

fn call(client: &Handle, op: &CStr, params: &CStr) -> String {
    // SAFETY: a live handle and NUL-terminated strings; the result is freed below.
    unsafe {
        let out = bts_call(client.0, op.as_ptr(), params.as_ptr());
        assert!(!out.is_null());
        let text = CStr::from_ptr(out).to_str().unwrap().to_owned();
        bts_string_free(out);
        text
    }
}

fn hammer(sandbox: &Sandbox, expire_midway: bool) {
    let config = CString::new(sandbox.config_json()).unwrap();
    // SAFETY: valid string; error_out may be NULL.
    let client = Arc::new(Handle(unsafe {
        bts_client_new(config.as_ptr(), std::ptr::null_mut())
    }));
    assert!(!client.0.is_null());
    let barrier = Arc::new(Barrier::new(THREADS + 1));
    let workers: Vec<_> = (0..THREADS)
        .map(|i| {
            let (client, barrier) = (client.clone(), barrier.clone());
            thread::spawn(move || {
                let op = CString::new(if i % 2 == 0 {
                    "directory/regions"
                } else {
                    "directory/branches"
                })
                .unwrap();
                let params = CString::new("{}").unwrap();
                barrier.wait();
                let mut failures = Vec::new();
                for _ in 0..CALLS {
                    let env = call(&client, &op, &params);
                    if !env.starts_with(r#"{"ok":true"#) {
                        failures.push(env);
                    }
                }
                failures
            })
        })
        .collect();
    barrier.wait();
    if expire_midway {
        // Wait until the run is well under way, then expire every token once.
        while sandbox.requests("*") < (THREADS * CALLS / 3) {
            thread::yield_now();
        }
        sandbox.expire_tokens();
    }
    let failures: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(
        failures.is_empty(),
        "{} failed calls, first: {}",
        failures.len(),
        failures[0]
    );
    // SAFETY: every thread has finished with the handle.
    unsafe { bts_client_free(client.0) };
}

#[test]
fn sixty_four_threads_five_hundred_calls_one_login() {
    let sandbox = Sandbox::start();
    hammer(&sandbox, false);
    assert_eq!(sandbox.requests("auth/get-token"), 1);
    assert_eq!(
        sandbox.requests("directory/regions") + sandbox.requests("directory/branches"),
        THREADS * CALLS
    );
}

#[test]
fn a_token_expiring_mid_run_gives_exactly_one_relogin() {
    let sandbox = Sandbox::start();
    hammer(&sandbox, true);
    assert_eq!(
        sandbox.requests("auth/get-token"),
        2,
        "first login and one re-login"
    );
    let refused = sandbox.requests("directory/regions") + sandbox.requests("directory/branches")
        - THREADS * CALLS;
    assert!(
        (1..=THREADS).contains(&refused),
        "each thread replays at most once: {refused}"
    );
}
