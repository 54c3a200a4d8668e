//! What the server threads share with the [`Sandbox`](crate::Sandbox) handle: the state, the
//! injected faults and request counts, the request log and the open connections.

use crate::fault::Fault;
use crate::request::Incoming;
use crate::state::State;
use crate::sync::lock;
use std::collections::{HashMap, VecDeque};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

/// The request log keeps this many entries.
pub(crate) const LOG_CAP: usize = 500;

/// One logged request (control requests are not logged).
#[derive(Clone, Debug)]
pub(crate) struct Logged {
    pub method: String,
    pub path: String,
    pub query: String,
    pub key: Option<&'static str>,
    pub language: Option<String>,
    pub content_type: Option<String>,
    /// When it arrived: milliseconds since the Unix epoch.
    pub at_ms: u64,
}

/// One injected fault rule.
pub(crate) struct Rule {
    pub(crate) route: String,
    pub(crate) fault: Fault,
    pub(crate) remaining: usize,
}

/// Faults and request counts.
#[derive(Default)]
pub(crate) struct Control {
    pub(crate) faults: Vec<Rule>,
    pub(crate) counts: HashMap<&'static str, usize>,
    pub(crate) total: usize,
}

/// What the server threads share with the [`Sandbox`](crate::Sandbox) handle.
pub(crate) struct Shared {
    pub stop: AtomicBool,
    pub state: Mutex<State>,
    pub(crate) ctl: Mutex<Control>,
    /// How many Reset/ResetMidBody fault uses are pending: while any are, requests are read so
    /// that their last byte stays unread in the kernel (closing then sends a TCP RST).
    pub(crate) reset_pending: AtomicUsize,
    pub(crate) conns: Mutex<HashMap<u64, TcpStream>>,
    pub(crate) next_conn: AtomicU64,
    /// The last [`LOG_CAP`] requests.
    pub log: Mutex<VecDeque<Logged>>,
}

pub(crate) fn is_reset(f: &Fault) -> bool {
    matches!(f, Fault::Reset | Fault::ResetMidBody)
}

impl Shared {
    pub(crate) fn new(state: State) -> Shared {
        Shared {
            stop: AtomicBool::new(false),
            state: Mutex::new(state),
            ctl: Mutex::new(Control::default()),
            reset_pending: AtomicUsize::new(0),
            conns: Mutex::new(HashMap::new()),
            next_conn: AtomicU64::new(0),
            log: Mutex::new(VecDeque::new()),
        }
    }

    pub(crate) fn inject(&self, route: &str, fault: Fault, times: usize) {
        if times == 0 {
            return;
        }
        let mut c = lock(&self.ctl);
        if is_reset(&fault) {
            self.reset_pending.fetch_add(times, Ordering::SeqCst);
        }
        c.faults.push(Rule {
            route: route.to_owned(),
            fault,
            remaining: times,
        });
    }

    pub(crate) fn clear_faults(&self) {
        let mut c = lock(&self.ctl);
        c.faults.clear();
        self.reset_pending.store(0, Ordering::SeqCst);
    }

    pub(crate) fn requests(&self, route: &str) -> usize {
        let c = lock(&self.ctl);
        if route == "*" {
            c.total
        } else {
            c.counts.get(route).copied().unwrap_or(0)
        }
    }

    pub(crate) fn counts(&self) -> (Vec<(&'static str, usize)>, usize) {
        let c = lock(&self.ctl);
        let mut v: Vec<_> = c.counts.iter().map(|(k, n)| (*k, *n)).collect();
        v.sort_unstable();
        (v, c.total)
    }

    pub(crate) fn reset_counts(&self) {
        let mut c = lock(&self.ctl);
        c.counts.clear();
        c.total = 0;
    }

    /// Counts a request and takes the first fault that matches its route key.
    pub(crate) fn count_and_take(&self, key: Option<&'static str>) -> Option<Fault> {
        let mut c = lock(&self.ctl);
        c.total += 1;
        if let Some(k) = key {
            *c.counts.entry(k).or_insert(0) += 1;
        }
        let pos = c
            .faults
            .iter()
            .position(|r| r.route == "*" || Some(r.route.as_str()) == key)?;
        let rule = &mut c.faults[pos];
        rule.remaining -= 1;
        let fault = if rule.remaining == 0 {
            c.faults.remove(pos).fault
        } else {
            rule.fault.clone()
        };
        if is_reset(&fault) {
            let _ = self
                .reset_pending
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        }
        Some(fault)
    }

    /// Shuts every open connection down (on drop of the sandbox).
    pub(crate) fn close_all(&self) {
        for (_, s) in lock(&self.conns).drain() {
            let _ = s.shutdown(Shutdown::Both);
        }
    }

    pub(crate) fn log_request(
        &self,
        inc: &Incoming,
        path: &str,
        qs: &str,
        key: Option<&'static str>,
    ) {
        let mut log = lock(&self.log);
        if log.len() >= LOG_CAP {
            log.pop_front();
        }
        log.push_back(Logged {
            method: inc.method.to_owned(),
            path: path.to_owned(),
            query: masked_query(qs),
            key,
            language: inc.language.map(str::to_owned),
            content_type: inc.content_type.map(str::to_owned),
            at_ms: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
        });
    }
}

/// A query string with the values of secret-looking parameters (`…key…`, `…token…`,
/// `…password…`, `…secret…`) replaced by `***`.
fn masked_query(qs: &str) -> String {
    let secret = |name: &str| {
        let n = name.to_ascii_lowercase();
        ["key", "token", "password", "secret"]
            .iter()
            .any(|w| n.contains(w))
    };
    qs.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if secret(&crate::query::pct_decode(k)) => format!("{k}=***"),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(crate) fn log_masks_secrets() {
        assert_eq!(
            masked_query("webhook_url=x&itx-apiKey=s3cret&refresh_token=t&a=1"),
            "webhook_url=x&itx-apiKey=***&refresh_token=***&a=1"
        );
        assert_eq!(masked_query(""), "");
    }
}
