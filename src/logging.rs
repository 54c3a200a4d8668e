//! Logs for every host: with the configuration key `log` (`"stderr"` or a file path), one JSON
//! line per HTTP exchange — time, request id, operation, method, URL, status, attempt,
//! milliseconds, bytes, `sent` — and each call's request id goes to BTS as `X-Request-Id` and
//! back in its error envelope (`request_id`), so a support ticket can quote it.
//!
//! No line holds a password or a token: tokens travel in headers, which are never logged, and
//! every configured secret is cut out of the URL before it is written.

use std::cell::RefCell;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::error::Error;

thread_local! {
    /// The calls running on this thread, innermost last (a journal reconciliation calls
    /// `order/list` inside a create).
    static CALLS: RefCell<Vec<(&'static str, RequestId)>> = const { RefCell::new(Vec::new()) };
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The process id the last send saw (its fork check reads it anyway), so that a request id
/// costs no `getpid` of its own; 0 until the first send.
static PID: AtomicU32 = AtomicU32::new(0);

/// Notes the process id a send has just read.
pub(crate) fn note_pid(pid: u32) {
    PID.store(pid, Ordering::Relaxed);
}

/// A request id: `bts-` and 16 hex digits, unique across threads and processes. Kept as its
/// text in place (no allocation, `Copy`): every call makes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RequestId([u8; 20]);

impl RequestId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        // always ASCII (written by `new_request_id` only)
        std::str::from_utf8(&self.0).unwrap_or("bts-")
    }
}

/// A new request id, from a process-wide counter, the clock and the process id.
fn new_request_id() -> RequestId {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    // After a fork the child's first id may carry the parent's pid; the clock and the counter
    // still tell the two apart.
    let pid = match PID.load(Ordering::Relaxed) {
        0 => std::process::id(),
        pid => pid,
    };
    let mixed = nanos ^ (u64::from(pid) << 40) ^ n.rotate_left(17);
    let mut text = *b"bts-0000000000000000";
    for (k, digit) in text[4..].iter_mut().enumerate() {
        *digit = HEX[((mixed >> (60 - 4 * k)) & 15) as usize];
    }
    RequestId(text)
}

/// Marks the current thread as running `operation` until dropped; returns its request id.
pub(crate) struct CallGuard {
    request_id: RequestId,
}

impl CallGuard {
    /// Enters a call of `operation` with a fresh request id.
    pub fn enter(operation: &'static str) -> CallGuard {
        let request_id = new_request_id();
        CALLS.with(|c| c.borrow_mut().push((operation, request_id)));
        CallGuard { request_id }
    }

    /// This call's request id.
    pub fn request_id(&self) -> &str {
        self.request_id.as_str()
    }
}

impl Drop for CallGuard {
    fn drop(&mut self) {
        CALLS.with(|c| {
            c.borrow_mut().pop();
        });
    }
}

/// The innermost call of this thread: its operation and request id.
pub(crate) fn current() -> Option<(&'static str, RequestId)> {
    CALLS.with(|c| c.borrow().last().copied())
}

/// Where log lines go.
#[derive(Debug)]
pub(crate) enum Sink {
    /// The process's standard error.
    Stderr,
    /// A file, appended to (one `write` per line, so processes sharing it do not interleave
    /// within a line).
    File(Mutex<File>),
}

impl Sink {
    /// The sink `log` names: `"stderr"`, or a file path opened for appending now.
    pub fn open(spec: &str) -> Result<Sink, Error> {
        if spec == "stderr" {
            return Ok(Sink::Stderr);
        }
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(spec)
            .map(|f| Sink::File(Mutex::new(f)))
            .map_err(|e| {
                Error::invalid_input(format!("the log file {spec} cannot be opened: {e}"))
                    .with_fields([("log", vec![format!("cannot be opened: {e}")])])
                    .with_source(e)
            })
    }

    /// Writes one line; a failing log never fails the call.
    pub fn write(&self, line: &str) {
        let mut text = String::with_capacity(line.len() + 1);
        text.push_str(line);
        text.push('\n');
        match self {
            Sink::Stderr => {
                let _ = std::io::stderr().write_all(text.as_bytes());
            }
            Sink::File(file) => {
                if let Ok(mut f) = file.lock() {
                    let _ = f.write_all(text.as_bytes());
                }
            }
        }
    }
}

/// One HTTP exchange, as its log line.
#[derive(Serialize)]
pub(crate) struct Exchange<'a> {
    pub time: String,
    pub request_id: Option<&'a str>,
    pub operation: Option<&'a str>,
    pub method: &'a str,
    pub url: &'a str,
    pub status: Option<u16>,
    pub attempt: u32,
    pub ms: u64,
    pub bytes: usize,
    pub sent: bool,
    pub kind: Option<&'a str>,
}

/// Now as `2026-12-01T23:44:34.123Z`.
pub(crate) fn now_utc() -> String {
    crate::time::iso(crate::time::now_ms())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_distinct_and_calls_nest() {
        let a = new_request_id();
        let b = new_request_id();
        assert_ne!(a, b);
        let a = a.as_str();
        assert!(a.starts_with("bts-") && a.len() == 20, "{a}");
        assert!(a[4..].bytes().all(|c| c.is_ascii_hexdigit()), "{a}");
        let outer = CallGuard::enter("order/add");
        {
            let inner = CallGuard::enter("order/list");
            let (op, id) = current().unwrap();
            assert_eq!((op, id.as_str()), ("order/list", inner.request_id()));
        }
        assert_eq!(current().unwrap().1.as_str(), outer.request_id());
        drop(outer);
        assert!(current().is_none());
        let t = now_utc();
        assert_eq!(t.len(), 24, "{t}");
    }
}
