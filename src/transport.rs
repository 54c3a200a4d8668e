//! The HTTP layer: one `ureq` agent with keep-alive, a caching resolver, deadlines, the body
//! limit, and the mapping of every transport failure onto an [`ErrorKind`].
//!
//! Two measurements of ureq 3.5 shape this file (see DESIGN.md, "Transport facts"):
//! ureq resolves the host on every request, and its default resolver spawns a thread per
//! request whenever a timeout covers the resolve phase. [`CachingResolver`] answers from a
//! short-lived cache (IP literals without any lookup), and only a cache miss pays for a lookup
//! thread, so `timeout_global` can bound the whole call at no extra cost.

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, RwLock};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
use ureq::Agent;

use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::operations::Method;

/// How long a resolved address stays in the cache.
const DNS_TTL: Duration = Duration::from_secs(60);

/// How many lookup threads the resolver has started (a cache miss each). Tests and benchmarks
/// read it to prove kept-alive calls start no thread.
pub(crate) static LOOKUP_THREADS: AtomicUsize = AtomicUsize::new(0);

/// A resolver that caches addresses per `host:port` for [`DNS_TTL`] and answers IP literals
/// without a lookup. A miss is resolved on a helper thread bounded by the call's timeout.
#[derive(Debug, Default)]
pub(crate) struct CachingResolver {
    cache: RwLock<HashMap<String, (Instant, ResolvedSocketAddrs)>>,
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        _config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri
            .host()
            .ok_or_else(|| ureq::Error::BadUri("no host".into()))?;
        let port = uri
            .port_u16()
            .or_else(|| match uri.scheme_str() {
                Some("https") => Some(443),
                Some("http") => Some(80),
                _ => None,
            })
            .ok_or_else(|| ureq::Error::BadUri("unknown scheme".into()))?;
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let mut out = self.empty();
        if let Ok(ip) = bare.parse::<IpAddr>() {
            out.push(SocketAddr::new(ip, port));
            return Ok(out);
        }
        let key = format!("{bare}:{port}");
        if let Ok(cache) = self.cache.read() {
            if let Some((at, addrs)) = cache.get(&key) {
                if at.elapsed() < DNS_TTL {
                    return Ok(addrs.clone());
                }
            }
        }
        let found = lookup(key.clone(), timeout)?;
        for addr in found.into_iter().take(16) {
            out.push(addr);
        }
        if out.is_empty() {
            return Err(ureq::Error::HostNotFound);
        }
        if let Ok(mut cache) = self.cache.write() {
            cache.insert(key, (Instant::now(), out.clone()));
        }
        Ok(out)
    }
}

fn lookup(key: String, timeout: NextTimeout) -> Result<Vec<SocketAddr>, ureq::Error> {
    LOOKUP_THREADS.fetch_add(1, Ordering::Relaxed);
    let (tx, rx) = mpsc::sync_channel(1);
    thread::Builder::new()
        .name("bts-dns".into())
        .spawn(move || {
            let _ = tx.send(key.to_socket_addrs().map(|a| a.collect::<Vec<_>>()));
        })
        .map_err(ureq::Error::Io)?;
    match rx.recv_timeout(*timeout.after) {
        Ok(Ok(addrs)) => Ok(addrs),
        Ok(Err(_)) => Err(ureq::Error::HostNotFound),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(ureq::Error::Timeout(timeout.reason)),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(ureq::Error::HostNotFound),
    }
}

/// What came back from one HTTP exchange.
#[derive(Debug)]
pub(crate) struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The whole body.
    pub body: Vec<u8>,
    /// `Retry-After`, when the server sent one we understand.
    pub retry_after: Option<Duration>,
}

/// The shared HTTP client.
#[derive(Debug)]
pub(crate) struct Http {
    agent: Agent,
    /// The current courier API's `language` header, when the client speaks it.
    language: Option<String>,
    max_body: u64,
    timeout: Duration,
}

impl Http {
    /// One agent for the client's whole life: keep-alive pool, no redirects (a POST must not be
    /// replayed by a redirect), 4xx/5xx returned as responses so their bodies can be read.
    pub fn new(config: &Config) -> Http {
        let agent_config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(config.user_agent.as_str())
            .accept("application/json")
            .timeout_global(Some(config.timeout()))
            .timeout_connect(Some(config.connect_timeout()))
            .max_idle_connections_per_host(64)
            .max_idle_connections(128)
            .build();
        let agent = Agent::with_parts(
            agent_config,
            DefaultConnector::new(),
            CachingResolver::default(),
        );
        Http {
            agent,
            language: (config.courier_api == crate::operations::Api::Current)
                .then(|| config.language.clone()),
            max_body: config.max_response_bytes,
            timeout: config.timeout(),
        }
    }

    /// Sends one request and reads the whole response before `deadline`.
    pub fn send(
        &self,
        method: Method,
        url: &str,
        bearer: Option<&str>,
        body: Option<&[u8]>,
        deadline: Instant,
    ) -> Result<Reply, Error> {
        let now = Instant::now();
        let remaining = deadline.saturating_duration_since(now);
        if remaining.is_zero() {
            return Err(timeout_error(false));
        }
        let auth_header;
        let result = match method {
            Method::Get => {
                let mut req = self.agent.get(url);
                if let Some(token) = bearer {
                    auth_header = format!("Bearer {token}");
                    req = req.header("Authorization", auth_header.as_str());
                }
                if let Some(language) = &self.language {
                    req = req.header("language", language.as_str());
                }
                // The agent's global timeout is the whole call's; later attempts (retries,
                // re-logins) get only what is left of it.
                if remaining + Duration::from_millis(5) < self.timeout {
                    req = req.config().timeout_global(Some(remaining)).build();
                }
                match body {
                    // A GET with a JSON body: the current API's webhook registration, as its
                    // docs show it.
                    Some(body) => req
                        .force_send_body()
                        .header("Content-Type", "application/json")
                        .send(body),
                    None => req.call(),
                }
            }
            Method::Post => {
                let mut req = self
                    .agent
                    .post(url)
                    .header("Content-Type", "application/json");
                if let Some(token) = bearer {
                    auth_header = format!("Bearer {token}");
                    req = req.header("Authorization", auth_header.as_str());
                }
                if let Some(language) = &self.language {
                    req = req.header("language", language.as_str());
                }
                if remaining + Duration::from_millis(5) < self.timeout {
                    req = req.config().timeout_global(Some(remaining)).build();
                }
                req.send(body.unwrap_or(b"{}"))
            }
        };
        let mut response = result.map_err(|e| map_error(e, false))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        // Size the buffer once from Content-Length (a hint: never above the limit), with room
        // for the envelope around it, so neither the read nor the envelope reallocates.
        let hint = response
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
            .min(self.max_body) as usize;
        let mut body = Vec::with_capacity(hint + crate::error::ENVELOPE_SLACK);
        std::io::Read::read_to_end(
            &mut response
                .body_mut()
                .with_config()
                .limit(self.max_body)
                .reader(),
            &mut body,
        )
        // ureq wraps its own errors (a timeout, the body limit) in io::Error: unwrap them.
        .map_err(|e| map_error(ureq::Error::from(e), true).with_status(status))?;
        Ok(Reply {
            status,
            body,
            retry_after,
        })
    }
}

fn timeout_error(sent: bool) -> Error {
    Error::new(
        ErrorKind::Timeout,
        "the call did not finish within timeout_ms",
    )
    .with_sent(sent)
}

/// Maps a ureq error onto an [`ErrorKind`], and says whether the request may have reached the
/// server. Only a failed lookup, a refused or failed connection, and a timeout while resolving
/// or connecting prove it was not sent.
fn map_error(e: ureq::Error, in_body: bool) -> Error {
    classify_error(&e, in_body).with_source(e)
}

fn classify_error(e: &ureq::Error, in_body: bool) -> Error {
    use ureq::Timeout as T;
    match e {
        ureq::Error::Timeout(phase) => {
            let before_send = !in_body && matches!(phase, T::Resolve | T::Connect);
            if matches!(phase, T::Connect) {
                Error::new(
                    ErrorKind::Timeout,
                    "could not connect to BTS within connect_timeout_ms",
                )
                .with_sent(false)
            } else {
                timeout_error(!before_send)
            }
        }
        ureq::Error::HostNotFound => Error::new(
            ErrorKind::Network,
            "the BTS host name could not be resolved",
        )
        .with_sent(false),
        ureq::Error::ConnectionFailed => {
            Error::new(ErrorKind::Network, "could not connect to BTS").with_sent(false)
        }
        ureq::Error::Io(io) => io_error(io, in_body),
        ureq::Error::BodyExceedsLimit(limit) => Error::new(
            ErrorKind::Decode,
            format!("the response body is larger than max_response_bytes ({limit} bytes)"),
        )
        .with_sent(true),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            Error::invalid_input("the request URL is not valid: check base_url and wms_base_url")
        }
        ureq::Error::Tls(what) => {
            Error::new(ErrorKind::Network, format!("TLS failure: {what}")).with_sent(false)
        }
        ureq::Error::Protocol(p) => Error::new(
            ErrorKind::Network,
            format!("the server broke the HTTP protocol: {p}"),
        )
        .with_sent(true),
        ureq::Error::Decompress(_, _) => Error::new(
            ErrorKind::Decode,
            "the response body could not be decompressed",
        )
        .with_sent(true),
        other => Error::new(ErrorKind::Network, format!("HTTP failure: {other}")).with_sent(true),
    }
}

fn io_error(io: &io::Error, in_body: bool) -> Error {
    match io.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => timeout_error(true),
        io::ErrorKind::ConnectionRefused if !in_body => {
            Error::new(ErrorKind::Network, "BTS refused the connection").with_sent(false)
        }
        io::ErrorKind::UnexpectedEof if in_body => Error::new(
            ErrorKind::Network,
            "the connection closed before the whole response arrived",
        )
        .with_sent(true),
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe
        | io::ErrorKind::UnexpectedEof => {
            Error::new(ErrorKind::Network, "the connection was reset by the server").with_sent(true)
        }
        _ => Error::new(ErrorKind::Network, format!("network failure: {io}")).with_sent(true),
    }
}

/// `Retry-After` as delay-seconds or an HTTP date (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`).
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = parse_http_date(value)?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

fn parse_http_date(s: &str) -> Option<u64> {
    // "Sun, 06 Nov 1994 08:49:37 GMT"
    let rest = s.split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day: u64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':');
    let h: u64 = hms.next()?.parse().ok()?;
    let m: u64 = hms.next()?.parse().ok()?;
    let sec: u64 = hms.next()?.parse().ok()?;
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day as i64);
    u64::try_from(days)
        .ok()
        .map(|d| d * 86400 + h * 3600 + m * 60 + sec)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }
}
