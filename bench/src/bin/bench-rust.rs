//! The Rust contenders of the benchmark: raw ureq (the floor) and the bts Rust API.
//!
//! Each latency/throughput mode makes one client (one kept-alive connection), does WARMUP calls,
//! then RUNS runs of N calls, and prints one JSON line: the time per call of every run in µs,
//! the body size, and the process's peak RSS. `bench/harness.py` takes the medians.
//!
//! ```text
//! bench-rust raw URL TOKEN N RUNS WARMUP       raw ureq GET, body read into a String
//! bench-rust raw-count URL TOKEN N             N raw GETs, nothing printed (for callgrind)
//! bench-rust api-json CONFIG OP PARAMS N RUNS WARMUP    bts Client::call_json (server text)
//! bench-rust api-value CONFIG OP PARAMS N RUNS WARMUP   bts Client::call (serde_json::Value)
//! bench-rust api-typed CONFIG ORDER_ID N RUNS WARMUP    bts Client::order_detail (typed Order)
//! bench-rust ffi CONFIG OP PARAMS N RUNS WARMUP         bts::ffi::bts_call from Rust
//! bench-rust check URL TOKEN N RUNS     bts::json_check::check on the body of one raw GET
//! bench-rust pid N RUNS                 std::process::id(), the library's fork check per send
//! ```
//!
//! `check` fetches the body once, then times RUNS runs of N checks of it in memory (no I/O),
//! and the same for `std::str::from_utf8` (the rest of the library's pass over a body): time
//! per check in µs, as `runs_us` and `utf8_runs_us`.
//!
//! The raw agent is configured as the library's is where it changes what goes on the wire
//! (User-Agent, Accept, 4xx/5xx read as responses) and sends the same Authorization header;
//! its body limit is raised to the library's default (16 MiB) so the 10 MiB page fits. It sets
//! no timeouts: that is ureq's default, and the cheapest way to use it.

use std::ffi::{CStr, CString};
use std::hint::black_box;
use std::time::Instant;

use ureq::Agent;

const MAX_BODY: u64 = 16 * 1024 * 1024;

fn usage() -> ! {
    eprintln!(
        "usage: bench-rust raw URL TOKEN N RUNS WARMUP | raw-count URL TOKEN N | \
         api-json|api-value|ffi CONFIG OP PARAMS N RUNS WARMUP | check URL TOKEN N RUNS"
    );
    std::process::exit(2)
}

fn num(args: &[String], i: usize) -> usize {
    args.get(i)
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| usage())
}

fn maxrss_kb() -> i64 {
    // VmHWM in /proc/self/status is the peak RSS (what getrusage's ru_maxrss reports).
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(-1)
}

/// Warm-up, then `runs` runs of `n` calls; `call` returns the body length it got.
fn measure(n: usize, runs: usize, warmup: usize, mut call: impl FnMut() -> usize) {
    let mut bytes = 0;
    for _ in 0..warmup {
        bytes = call();
    }
    let mut per_call = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        for _ in 0..n {
            bytes = black_box(call());
        }
        per_call.push(start.elapsed().as_secs_f64() * 1e6 / n as f64);
    }
    let list: Vec<String> = per_call.iter().map(|v| format!("{v:.3}")).collect();
    println!(
        "{{\"runs_us\":[{}],\"bytes\":{bytes},\"maxrss_kb\":{}}}",
        list.join(","),
        maxrss_kb()
    );
}

fn raw_agent() -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .user_agent(concat!("bts/", "0.1.0"))
        .accept("application/json")
        .build()
        .into()
}

fn raw_get(agent: &Agent, url: &str, auth: &str) -> usize {
    let text = raw_text(agent, url, auth);
    let len = text.len();
    black_box(text);
    len
}

fn raw_text(agent: &Agent, url: &str, auth: &str) -> String {
    let mut response = agent
        .get(url)
        .header("Authorization", auth)
        .call()
        .expect("raw GET failed");
    assert_eq!(response.status().as_u16(), 200, "raw GET status");
    response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_string()
        .expect("raw body read failed")
}

/// Times the response check alone on one body (see the module docs).
fn check(args: &[String]) {
    let url = args.get(2).unwrap_or_else(|| usage());
    let auth = format!("Bearer {}", args.get(3).unwrap_or_else(|| usage()));
    let (n, runs) = (num(args, 4), num(args, 5));
    let text = raw_text(&raw_agent(), url, &auth);
    if let Err(e) = bts::json_check::check(&text) {
        eprintln!("the body does not pass the check: {e:?}");
        std::process::exit(1);
    }
    let time = |f: &dyn Fn(&str) -> bool| -> Vec<String> {
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..n {
                    assert!(black_box(f(black_box(&text))));
                }
                format!("{:.3}", start.elapsed().as_secs_f64() * 1e6 / n as f64)
            })
            .collect()
    };
    let ours = time(&|t| bts::json_check::check(t).is_ok());
    let utf8 = time(&|t| std::str::from_utf8(t.as_bytes()).is_ok());
    println!(
        "{{\"runs_us\":[{}],\"utf8_runs_us\":[{}],\"bytes\":{},\"maxrss_kb\":{}}}",
        ours.join(","),
        utf8.join(","),
        text.len(),
        maxrss_kb()
    );
}

fn check_ok(envelope: &str) {
    if !envelope.starts_with(r#"{"ok":true"#) {
        let shown: String = envelope.chars().take(400).collect();
        eprintln!("bts call failed: {shown}");
        std::process::exit(1);
    }
}

/// `Client::order_detail(id)`: the typed API, the server's JSON decoded into `model::Order`.
#[cfg(bts_typed)]
fn typed(args: &[String]) {
    let config = args.get(2).unwrap_or_else(|| usage());
    let id: i64 = num(args, 3) as i64;
    let (n, runs, warmup) = (num(args, 4), num(args, 5), num(args, 6));
    let client = bts::Client::from_json(config).expect("config");
    if let Err(e) = client.order_detail(id) {
        eprintln!("order_detail failed: {e}");
        std::process::exit(1);
    }
    measure(n, runs, warmup, || {
        let order = client.order_detail(id).expect("order_detail");
        black_box(&order);
        1
    });
}

#[cfg(not(bts_typed))]
fn typed(_: &[String]) {
    eprintln!("this bts has no typed Client::order_detail (src/methods.rs not compiled in)");
    std::process::exit(3);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map(String::as_str).unwrap_or_else(|| usage());
    match mode {
        "raw" | "raw-count" => {
            let url = args.get(2).unwrap_or_else(|| usage()).clone();
            let auth = format!("Bearer {}", args.get(3).unwrap_or_else(|| usage()));
            let agent = raw_agent();
            if mode == "raw-count" {
                for _ in 0..num(&args, 4) {
                    black_box(raw_get(&agent, &url, &auth));
                }
                return;
            }
            measure(num(&args, 4), num(&args, 5), num(&args, 6), || {
                raw_get(&agent, &url, &auth)
            });
        }
        "api-typed" => typed(&args),
        "check" => check(&args),
        "pid" => {
            // The fork check of every send (src/transport/agents.rs) is one getpid and a compare.
            let (n, runs) = (num(&args, 2), num(&args, 3));
            let start = std::process::id();
            measure(n, runs, 0, || usize::from(black_box(std::process::id()) == start));
        }
        "api-json" | "api-value" | "ffi" => {
            let config = args.get(2).unwrap_or_else(|| usage());
            let op = args.get(3).unwrap_or_else(|| usage()).clone();
            let params = args.get(4).unwrap_or_else(|| usage()).clone();
            let (n, runs, warmup) = (num(&args, 5), num(&args, 6), num(&args, 7));
            match mode {
                "api-json" => {
                    let client = bts::Client::from_json(config).expect("config");
                    if let Err(e) = client.call_json(&op, &params) {
                        eprintln!("bts call failed: {e}");
                        std::process::exit(1);
                    }
                    measure(n, runs, warmup, || {
                        client.call_json(&op, &params).expect("call_json").len()
                    });
                }
                "api-value" => {
                    let client = bts::Client::from_json(config).expect("config");
                    let value: serde_json::Value =
                        serde_json::from_str(&params).expect("params JSON");
                    if let Err(e) = client.call(&op, value.clone()) {
                        eprintln!("bts call failed: {e}");
                        std::process::exit(1);
                    }
                    measure(n, runs, warmup, || {
                        let v = client.call(&op, value.clone()).expect("call");
                        black_box(&v);
                        v.as_object().map(|m| m.len()).unwrap_or(0)
                    });
                }
                _ => {
                    let c_config = CString::new(config.as_str()).expect("config");
                    let c_op = CString::new(op).expect("op");
                    let c_params = CString::new(params).expect("params");
                    let mut err = std::ptr::null_mut();
                    // SAFETY: valid NUL-terminated strings and a writable error pointer.
                    let client = unsafe { bts::ffi::bts_client_new(c_config.as_ptr(), &mut err) };
                    assert!(!client.is_null(), "bts_client_new failed");
                    let call = || {
                        // SAFETY: a live client and NUL-terminated strings; the envelope is
                        // freed with bts_string_free below.
                        unsafe {
                            let p = bts::ffi::bts_call(client, c_op.as_ptr(), c_params.as_ptr());
                            let text = CStr::from_ptr(p).to_str().expect("UTF-8 envelope");
                            check_ok(text);
                            let len = text.len();
                            bts::ffi::bts_string_free(p);
                            len
                        }
                    };
                    call();
                    measure(n, runs, warmup, call);
                    // SAFETY: the live client from bts_client_new, no longer used.
                    unsafe { bts::ffi::bts_client_free(client) };
                }
            }
        }
        _ => usage(),
    }
}
