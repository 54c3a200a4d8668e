//! The client-wide pause a `Retry-After` asks for.
//!
//! When a server answers 429 or 503 with `Retry-After`, it asks this client, not only the one
//! request, to wait. Every request of the client (every worker of a batch, every page of
//! `all_pages`, logins) checks the pause of its server before it is sent: none reaches that
//! server inside the window. One pause per origin (scheme, host, port): a 429 from the WMS does
//! not hold the courier API's calls.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind};

/// The longest pause one `Retry-After` imposes on the whole client: a server that asks for
/// more (an hour, a day) would otherwise stop a long-lived process (PHP-FPM, 1C) that long.
/// The request that got the answer still follows its own rule (it does not wait past its
/// deadline).
pub const MAX_PAUSE: Duration = Duration::from_secs(120);

/// Per origin, the instant before which no request may be sent.
#[derive(Debug, Default)]
pub(crate) struct Pause {
    until: Mutex<HashMap<String, Instant>>,
    /// Whether `until` holds any pause: a request of a client no server has paused (nearly
    /// every one) returns at once, without the lock or the URL's origin (303 instructions a
    /// call, callgrind on order/detail).
    held: AtomicBool,
}

impl Pause {
    /// Records that `url`'s server asked for `wait` (a 429 or 503 with `Retry-After`): no
    /// request to it before now + `wait` (at most [`MAX_PAUSE`]). A later end wins over an
    /// earlier one.
    pub(crate) fn hold(&self, url: &str, wait: Duration) {
        let end = Instant::now() + wait.min(MAX_PAUSE);
        let mut until = self.until.lock().unwrap_or_else(|e| e.into_inner());
        self.held.store(true, Ordering::Release);
        let slot = until.entry(origin(url).to_owned()).or_insert(end);
        if *slot < end {
            *slot = end;
        }
    }

    /// Waits until `url`'s server may be sent a request. When the pause ends at or after
    /// `deadline`, answers `timeout` at once (nothing was sent) instead of waiting in vain.
    pub(crate) fn wait(&self, url: &str, deadline: Instant) -> Result<(), Error> {
        loop {
            if !self.held.load(Ordering::Acquire) {
                return Ok(());
            }
            let end = {
                let mut until = self.until.lock().unwrap_or_else(|e| e.into_inner());
                let origin = origin(url);
                match until.get(origin) {
                    Some(end) if *end > Instant::now() => *end,
                    Some(_) => {
                        until.remove(origin);
                        if until.is_empty() {
                            self.held.store(false, Ordering::Release);
                        }
                        return Ok(());
                    }
                    None => return Ok(()),
                }
            };
            if end >= deadline {
                return Err(Error::new(
                    ErrorKind::Timeout,
                    format!(
                        "the server asked this client to wait (Retry-After) {} ms more, past this call's deadline (timeout_ms); nothing was sent",
                        end.saturating_duration_since(Instant::now()).as_millis()
                    ),
                ));
            }
            // Another answer may have lengthened the pause meanwhile: look again.
            std::thread::sleep(end.saturating_duration_since(Instant::now()));
        }
    }
}

/// `scheme://host:port` of a URL: everything before the path.
fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert_eq!(
            origin("http://127.0.0.1:8080/index.php?r=x"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(origin("https://api.bts.uz"), "https://api.bts.uz");
        assert_eq!(origin("https://a.uz?x=1"), "https://a.uz");
    }

    #[test]
    fn a_pause_holds_its_origin_only_and_ends() {
        let pause = Pause::default();
        pause.hold("http://a:1/x", Duration::from_millis(80));
        let far = Instant::now() + Duration::from_secs(5);
        let started = Instant::now();
        pause.wait("http://b:1/x", far).unwrap();
        assert!(started.elapsed() < Duration::from_millis(40));
        pause.wait("http://a:1/y", far).unwrap();
        assert!(started.elapsed() >= Duration::from_millis(80));
    }

    #[test]
    fn a_pause_past_the_deadline_answers_timeout_at_once() {
        let pause = Pause::default();
        pause.hold("http://a:1/x", Duration::from_secs(3));
        let started = Instant::now();
        let error = pause
            .wait("http://a:1/x", Instant::now() + Duration::from_millis(100))
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Timeout);
        assert!(!error.may_have_reached_server());
        assert!(started.elapsed() < Duration::from_millis(50));
    }

    #[test]
    fn a_huge_retry_after_is_capped() {
        let pause = Pause::default();
        pause.hold("http://a:1/x", Duration::from_secs(86_400));
        let end = *pause.until.lock().unwrap().get("http://a:1").unwrap();
        assert!(end <= Instant::now() + MAX_PAUSE);
    }
}
